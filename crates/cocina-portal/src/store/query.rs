//! Reading for the API: kitchens by filter in any delivery, deliveries,
//! a kitchen's history across deliveries and published beneficiary cells.

use cocina_aggregation::{GeoLevel, SuppressionReason};
use cocina_model::{KitchenKey, KitchenStatus, MunicipalityKey};
use cocina_rendering::view::MunicipalityIssue;
use cocina_rendering::{Shown, TableCell};
use serde::Serialize;
use sqlx::FromRow;

use super::codec::{level_text, reason_from, status_from, to_u64};
use super::read::{CellRecord, corrupt, municipality_issue};
use super::read::{KITCHEN_COLUMNS, KitchenRecord, public_kitchen, search_pattern, table_cell};
use super::{Store, StoreError};
use crate::public::{PublicDocument, PublicKitchen};

/// Which kitchens to list; every field left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KitchenFilter {
    /// The delivery; `None` for the delivery loaded last.
    pub delivery: Option<String>,
    /// Only kitchens in this municipality.
    pub municipality: Option<MunicipalityKey>,
    /// Only kitchens with this status.
    pub status: Option<KitchenStatus>,
    /// Text found in the name, municipality or locality (accents and case
    /// do not count).
    pub text: Option<String>,
}

/// A delivery held in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliverySummary {
    /// Identifier.
    pub id: String,
    /// Date received, ISO 8601.
    pub received: Option<String>,
    /// Folio of the transparency request.
    pub request: Option<String>,
    /// Kitchens listed.
    pub kitchens: u64,
    /// Beneficiaries in the state total; `None` when the total is
    /// suppressed (a delivery small enough for it to give someone away).
    pub beneficiaries: Option<u64>,
    /// Counts below this were suppressed.
    pub suppression_threshold: u64,
    /// Findings of severity error.
    pub errors: u64,
    /// Findings of severity warning.
    pub warnings: u64,
}

#[derive(FromRow)]
struct DeliverySummaryRecord {
    id: String,
    received: Option<String>,
    request: Option<String>,
    kitchens: i64,
    beneficiaries: Option<i64>,
    suppression_threshold: i64,
    errors: i64,
    warnings: i64,
}

/// One kitchen as one delivery listed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KitchenHistoryEntry {
    /// The delivery.
    pub delivery: String,
    /// Date the delivery was received, ISO 8601.
    pub received: Option<String>,
    /// Name in that delivery.
    pub name: String,
    /// Municipality key in that delivery.
    pub municipality_key: Option<String>,
    /// Municipality name in that delivery: the official one when the key
    /// is known.
    pub municipality_name: Option<String>,
    /// Why the municipality's name as written is not an official one, for
    /// the history page; the API leaves it out, as it does for a kitchen.
    #[serde(skip)]
    pub municipality_issue: Option<MunicipalityIssue>,
    /// Locality key in that delivery.
    pub locality_key: Option<String>,
    /// Locality name in that delivery.
    pub locality_name: Option<String>,
    /// Status in that delivery.
    pub status: KitchenStatus,
    /// Validated point, `[longitude, latitude]`.
    pub location: Option<[f64; 2]>,
    /// Beneficiaries counted at the kitchen in that delivery, as
    /// published: `None` when the total is suppressed.
    pub beneficiaries: Option<u64>,
    /// Why that total is suppressed, when it is: `small_count` (a small
    /// kitchen) or `complementary` (hidden so that another figure cannot be
    /// worked out).
    pub beneficiaries_suppressed: Option<SuppressionReason>,
}

#[derive(FromRow)]
struct HistoryRecord {
    delivery_id: String,
    received: Option<String>,
    name: String,
    municipality_key: Option<String>,
    municipality_name: Option<String>,
    municipality_status: Option<String>,
    locality_key: Option<String>,
    locality_name: Option<String>,
    status: String,
    longitude: Option<f64>,
    latitude: Option<f64>,
    beneficiaries: Option<i64>,
    suppression: Option<String>,
}

/// The filter of [`Store::find_kitchens`], parameters `$2` to `$4`.
const FIND_FILTER: &str = "($2 IS NULL OR municipality_key = $2) \
     AND ($3 IS NULL OR status = $3) \
     AND ($4 IS NULL OR search_folded LIKE $4 ESCAPE '\\')";

impl Store {
    /// Returns the kitchens that pass `filter`, in key order; `None` when
    /// the filter names a delivery the database does not hold.
    pub async fn find_kitchens(
        &self,
        filter: &KitchenFilter,
    ) -> Result<Option<Vec<PublicKitchen>>, StoreError> {
        let Some(delivery) = self.delivery_id(filter.delivery.as_deref()).await? else {
            return Ok(filter.delivery.is_none().then(Vec::new));
        };
        let records: Vec<KitchenRecord> = sqlx::query_as(&format!(
            "SELECT {KITCHEN_COLUMNS} FROM kitchens WHERE delivery_id = $1 AND {FIND_FILTER} \
             ORDER BY key"
        ))
        .bind(delivery)
        .bind(filter.municipality.map(|m| m.to_string()))
        .bind(filter.status.map(|s| s.to_string()))
        .bind(filter.text.as_deref().map(search_pattern))
        .fetch_all(&self.pool)
        .await?;
        records
            .into_iter()
            .map(public_kitchen)
            .collect::<Result<_, _>>()
            .map(Some)
    }

    /// Returns the id of delivery `id` if held, or of the delivery loaded
    /// last when `id` is `None`.
    pub async fn delivery_id(&self, id: Option<&str>) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM deliveries WHERE $1 IS NULL OR id = $1 \
             ORDER BY load_order DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Returns every delivery held, the one loaded last first.
    pub async fn deliveries(&self) -> Result<Vec<DeliverySummary>, StoreError> {
        let records: Vec<DeliverySummaryRecord> = sqlx::query_as(
            "SELECT d.id, d.received, d.request, d.suppression_threshold, \
             (SELECT COUNT(*) FROM kitchens k WHERE k.delivery_id = d.id) AS kitchens, \
             CAST((SELECT SUM(t.beneficiaries) FROM beneficiary_totals t \
               WHERE t.delivery_id = d.id AND t.level = 'state') AS BIGINT) \
               AS beneficiaries, \
             CAST((SELECT COALESCE(SUM(f.records), 0) FROM findings f \
               WHERE f.delivery_id = d.id AND f.severity = 'error') AS BIGINT) AS errors, \
             CAST((SELECT COALESCE(SUM(f.records), 0) FROM findings f \
               WHERE f.delivery_id = d.id AND f.severity = 'warning') AS BIGINT) AS warnings \
             FROM deliveries d ORDER BY d.load_order DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(records
            .into_iter()
            .map(|r| DeliverySummary {
                id: r.id,
                received: r.received,
                request: r.request,
                kitchens: to_u64(r.kitchens),
                beneficiaries: r.beneficiaries.map(to_u64),
                suppression_threshold: to_u64(r.suppression_threshold),
                errors: to_u64(r.errors),
                warnings: to_u64(r.warnings),
            })
            .collect())
    }

    /// Returns how each delivery listed the kitchen `key`, oldest first
    /// (by date received, then by loading order); empty when none did.
    pub async fn kitchen_history(
        &self,
        key: &KitchenKey,
    ) -> Result<Vec<KitchenHistoryEntry>, StoreError> {
        let records: Vec<HistoryRecord> = sqlx::query_as(
            "SELECT k.delivery_id, d.received, k.name, k.municipality_key, \
             k.municipality_name, k.municipality_status, k.locality_key, k.locality_name, \
             k.status, k.longitude, k.latitude, t.beneficiaries, t.suppression \
             FROM kitchens k JOIN deliveries d ON d.id = k.delivery_id \
             LEFT JOIN beneficiary_totals t ON t.delivery_id = k.delivery_id \
               AND t.level = 'kitchen' AND t.area_key = k.key \
             WHERE k.key = $1 ORDER BY d.received, d.load_order",
        )
        .bind(key.as_str())
        .fetch_all(&self.pool)
        .await?;
        records
            .into_iter()
            .map(|r| {
                Ok(KitchenHistoryEntry {
                    delivery: r.delivery_id,
                    received: r.received,
                    name: r.name,
                    municipality_key: r.municipality_key,
                    municipality_name: r.municipality_name,
                    municipality_issue: municipality_issue(r.municipality_status.as_deref())?,
                    locality_key: r.locality_key,
                    locality_name: r.locality_name,
                    status: status_from(&r.status).ok_or(corrupt("kitchen status"))?,
                    location: r.longitude.zip(r.latitude).map(|(x, y)| [x, y]),
                    beneficiaries: r.beneficiaries.map(to_u64),
                    beneficiaries_suppressed: r.suppression.as_deref().and_then(reason_from),
                })
            })
            .collect()
    }

    /// Returns the files of delivery `id`, in manifest order.
    pub async fn documents(&self, id: &str) -> Result<Vec<PublicDocument>, StoreError> {
        type Row = (String, Option<String>, Option<i64>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT path, sha256, bytes, answers FROM documents WHERE delivery_id = $1 \
             ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(path, sha256, bytes, answers)| PublicDocument {
                path,
                sha256,
                bytes: bytes.map(to_u64),
                answers,
            })
            .collect())
    }

    /// Returns the published beneficiary figures of one area of a
    /// delivery, totals included, suppressed ones without their value, and
    /// the area's total (zero for an area or delivery not held).
    pub async fn cells(
        &self,
        delivery: &str,
        level: GeoLevel,
        area: Option<&str>,
    ) -> Result<(Vec<TableCell>, Shown), StoreError> {
        let records: Vec<CellRecord> = sqlx::query_as(
            "SELECT sex, age_group, value, suppression FROM beneficiary_cells \
             WHERE delivery_id = $1 AND level = $2 AND area_key IS NOT DISTINCT FROM $3",
        )
        .bind(delivery)
        .bind(level_text(level))
        .bind(area)
        .fetch_all(&self.pool)
        .await?;
        let cells = records
            .iter()
            .map(table_cell)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((cells, self.total(delivery, level, area).await?))
    }
}

impl Store {
    /// Returns whether delivery `delivery` lists a kitchen that is the area
    /// (at the kitchen level) or lies in it (at the municipality level); an
    /// area can hold kitchens and no figures, when nobody is counted there.
    pub async fn lists_area(
        &self,
        delivery: &str,
        level: GeoLevel,
        area: Option<&str>,
    ) -> Result<bool, StoreError> {
        let column = match level {
            GeoLevel::Kitchen => "key",
            GeoLevel::Municipality => "municipality_key",
            _ => return Ok(false),
        };
        let Some(area) = area else {
            return Ok(false);
        };
        let found: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM kitchens WHERE delivery_id = $1 AND {column} = $2"
        ))
        .bind(delivery)
        .bind(area)
        .fetch_one(&self.pool)
        .await?;
        Ok(found > 0)
    }
}
