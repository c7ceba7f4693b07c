//! Reading what the pages and the API show, from the delivery loaded last.

use std::str::FromStr;

use chrono::NaiveDate;
use cocina_aggregation::GeoLevel;
use cocina_geography::names::spelled_out;
use cocina_model::{KitchenKey, KitchenStatus, LocalityKey, MunicipalityKey, text::fold};
use cocina_rendering::routes::LIST_PAGE_SIZE;
use cocina_rendering::view::{
    DeliveryInfo, FindingCounts, KitchenDetail, KitchenList, KitchenRow, MapPoint,
    MunicipalityFigures, MunicipalityIssue, MunicipalityOption, Overview, StatusCount,
    UnplacedFigures,
};
use cocina_rendering::{BeneficiaryTable, ListFilter, Shown, TableCell};
use geo_types::Point;
use sqlx::{AnyPool, FromRow};

use super::codec::{
    age_margin_from, issue_from, level_text, reason_from, sex_margin_from, status_from, to_u64,
};
use super::{Store, StoreError};
use crate::public::{PublicFinding, PublicKitchen};

/// The delivery the portal shows.
pub(super) struct Current {
    pub(super) id: String,
    pub(super) info: DeliveryInfo,
    pub(super) threshold: u64,
}

#[derive(FromRow)]
struct DeliveryRecord {
    id: String,
    received: Option<String>,
    request: Option<String>,
    suppression_threshold: i64,
}

#[derive(FromRow)]
pub(super) struct KitchenRecord {
    key: String,
    name: String,
    municipality_key: Option<String>,
    municipality_name: Option<String>,
    locality_key: Option<String>,
    locality_name: Option<String>,
    status: String,
    longitude: Option<f64>,
    latitude: Option<f64>,
    capacity: Option<i64>,
    opened: Option<String>,
    closed: Option<String>,
    municipality_status: Option<String>,
}

/// The kitchen's columns.
pub(super) const KITCHEN_COLUMNS: &str = "key, name, municipality_key, municipality_name, \
     locality_key, locality_name, status, longitude, latitude, capacity, opened, closed, \
     municipality_status";

/// The list's filter, with the municipality key as `$2` and the search
/// pattern (see [`search_pattern`]) as `$3`.
const LIST_FILTER: &str = "($2 IS NULL OR municipality_key = $2) \
                           AND ($3 IS NULL OR search_folded LIKE $3 ESCAPE '\\')";

#[derive(FromRow)]
pub(super) struct CellRecord {
    sex: Option<String>,
    age_group: String,
    value: Option<i64>,
    suppression: Option<String>,
}

#[derive(FromRow)]
struct MunicipalityRecord {
    key: String,
    name: Option<String>,
    kitchens: i64,
    beneficiaries: Option<i64>,
    suppression: Option<String>,
}

#[derive(FromRow)]
struct FindingRecord {
    code: String,
    severity: String,
    file: Option<String>,
    sheet: Option<String>,
    cell: Option<String>,
    row_number: Option<i64>,
    kitchen_key: Option<String>,
    message_es: String,
    message_en: String,
    records: i64,
}

impl Store {
    /// Returns the overview of the delivery loaded last; without one, an
    /// overview with no delivery and no figures.
    pub async fn overview(&self) -> Result<Overview, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            return Ok(Overview::default());
        };
        Ok(Overview {
            kitchens_by_status: self.state_status_counts(&current.id).await?,
            beneficiaries: self.table(&current, GeoLevel::State, None).await?,
            municipalities: self.municipality_figures(&current.id).await?,
            points: self.points(&current.id).await?,
            unplaced: self.unplaced(&current.id).await?,
            findings: self.finding_counts(&current.id).await?,
            regions: Vec::new(),
            delivery: Some(current.info),
        })
    }

    /// Returns the kitchens and people no municipality row counts: at the
    /// municipality level, the unassigned area holds both the people of
    /// kitchens without a valid municipality and those of kitchens not in
    /// the list; the kitchen level tells the latter apart.
    async fn unplaced(&self, id: &str) -> Result<UnplacedFigures, StoreError> {
        let kitchens: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(kitchens), 0) AS BIGINT) FROM kitchen_status_counts \
             WHERE delivery_id = $1 AND level = 'municipality' AND area_key IS NULL",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        let without_municipality = self.total(id, GeoLevel::Municipality, None).await?;
        let unlisted = self.total(id, GeoLevel::Kitchen, None).await?;
        // Either figure suppressed, their difference is too.
        let beneficiaries = match (without_municipality, unlisted) {
            (Shown::Count(all), Shown::Count(unlisted)) => {
                Shown::Count(all.saturating_sub(unlisted))
            }
            (Shown::Suppressed(reason), _) | (_, Shown::Suppressed(reason)) => {
                Shown::Suppressed(reason)
            }
        };
        Ok(UnplacedFigures {
            kitchens: to_u64(kitchens),
            beneficiaries,
            unlisted_beneficiaries: unlisted,
        })
    }

    /// Returns an area's published total; zero for an area not held.
    pub(super) async fn total(
        &self,
        id: &str,
        level: GeoLevel,
        area: Option<&str>,
    ) -> Result<Shown, StoreError> {
        let record: Option<(Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT beneficiaries, suppression FROM beneficiary_totals \
             WHERE delivery_id = $1 AND level = $2 AND area_key IS NOT DISTINCT FROM $3",
        )
        .bind(id)
        .bind(level_text(level))
        .bind(area)
        .fetch_optional(&self.pool)
        .await?;
        match record {
            None => Ok(Shown::Count(0)),
            Some((value, reason)) => shown(value, reason.as_deref()),
        }
    }

    pub(super) async fn finding_counts(&self, id: &str) -> Result<FindingCounts, StoreError> {
        let count = |severity: &'static str| {
            sqlx::query_scalar::<_, i64>(
                "SELECT CAST(COALESCE(SUM(records), 0) AS BIGINT) FROM findings \
                 WHERE delivery_id = $1 AND severity = $2",
            )
            .bind(id)
            .bind(severity)
            .fetch_one(&self.pool)
        };
        Ok(FindingCounts {
            errors: to_u64(count("error").await?),
            warnings: to_u64(count("warning").await?),
        })
    }

    /// Returns the kitchens that pass `filter`, in key order, on the page
    /// it asks for; on the last page, with a notice saying so, when it asks
    /// for one past the end ([`ListFilter::within`]).
    pub async fn kitchen_list(&self, filter: &ListFilter) -> Result<KitchenList, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            let (filter, notice) = filter.within(0);
            return Ok(KitchenList {
                filter,
                kitchens: Vec::new(),
                matching: 0,
                total: 0,
                municipalities: Vec::new(),
                notices: notice.into_iter().collect(),
            });
        };
        let pattern = filter.text.as_deref().map(search_pattern);
        let municipality = filter.municipality.map(|m| m.to_string());
        let (matching, total): (i64, i64) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FILTER (WHERE {LIST_FILTER}), COUNT(*) FROM kitchens \
             WHERE delivery_id = $1"
        ))
        .bind(&current.id)
        .bind(&municipality)
        .bind(&pattern)
        .fetch_one(&self.pool)
        .await?;
        let (filter, notice) = filter.within(to_u64(matching));
        let offset = i64::from(filter.page() - 1) * i64::from(LIST_PAGE_SIZE);
        let records: Vec<KitchenRecord> = sqlx::query_as(&format!(
            "SELECT {KITCHEN_COLUMNS} FROM kitchens WHERE delivery_id = $1 AND {LIST_FILTER} \
             ORDER BY key LIMIT $4 OFFSET $5"
        ))
        .bind(&current.id)
        .bind(&municipality)
        .bind(&pattern)
        .bind(i64::from(LIST_PAGE_SIZE))
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let kitchens = records
            .into_iter()
            .map(|r| public_kitchen(r).map(kitchen_row))
            .collect::<Result<_, _>>()?;
        Ok(KitchenList {
            filter,
            kitchens,
            matching: to_u64(matching),
            total: to_u64(total),
            municipalities: self.municipality_options(&current.id).await?,
            notices: notice.into_iter().collect(),
        })
    }

    /// Returns one kitchen's page, or `None` when the delivery shown has no
    /// such kitchen.
    pub async fn kitchen(&self, key: &KitchenKey) -> Result<Option<KitchenDetail>, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            return Ok(None);
        };
        let record: Option<KitchenRecord> = sqlx::query_as(&format!(
            "SELECT {KITCHEN_COLUMNS} FROM kitchens WHERE delivery_id = $1 AND key = $2"
        ))
        .bind(&current.id)
        .bind(key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(record) = record else {
            return Ok(None);
        };
        let kitchen = public_kitchen(record)?;
        let beneficiaries = self
            .table(&current, GeoLevel::Kitchen, Some(kitchen.key.as_str()))
            .await?;
        Ok(Some(kitchen_detail(kitchen, beneficiaries, current.info)))
    }

    /// Returns every kitchen of the delivery shown, in key order.
    pub async fn kitchens(&self) -> Result<Vec<PublicKitchen>, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            return Ok(Vec::new());
        };
        let records: Vec<KitchenRecord> = sqlx::query_as(&format!(
            "SELECT {KITCHEN_COLUMNS} FROM kitchens WHERE delivery_id = $1 ORDER BY key"
        ))
        .bind(&current.id)
        .fetch_all(&self.pool)
        .await?;
        records.into_iter().map(public_kitchen).collect()
    }

    /// Returns the validation findings of the delivery shown, in report
    /// order.
    pub async fn findings(&self) -> Result<Vec<PublicFinding>, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            return Ok(Vec::new());
        };
        let records: Vec<FindingRecord> = sqlx::query_as(
            "SELECT code, severity, file, sheet, cell, row_number, kitchen_key, message_es, \
             message_en, records FROM findings WHERE delivery_id = $1 ORDER BY position",
        )
        .bind(&current.id)
        .fetch_all(&self.pool)
        .await?;
        records.into_iter().map(public_finding).collect()
    }

    async fn state_status_counts(&self, id: &str) -> Result<Vec<StatusCount>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT status, kitchens FROM kitchen_status_counts \
             WHERE delivery_id = $1 AND level = 'state'",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let count = |status: KitchenStatus| {
            rows.iter()
                .filter(|(text, _)| status_from(text) == Some(status))
                .map(|(_, n)| to_u64(*n))
                .sum()
        };
        Ok(KitchenStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                kitchens: count(status),
            })
            .collect())
    }

    pub(super) async fn table(
        &self,
        current: &Current,
        level: GeoLevel,
        area: Option<&str>,
    ) -> Result<BeneficiaryTable, StoreError> {
        let records: Vec<CellRecord> = sqlx::query_as(
            "SELECT sex, age_group, value, suppression FROM beneficiary_cells \
             WHERE delivery_id = $1 AND level = $2 AND area_key IS NOT DISTINCT FROM $3",
        )
        .bind(&current.id)
        .bind(level_text(level))
        .bind(area)
        .fetch_all(&self.pool)
        .await?;
        let cells = records
            .into_iter()
            .map(|r| table_cell(&r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(BeneficiaryTable::new(cells, current.threshold))
    }

    async fn municipality_figures(&self, id: &str) -> Result<Vec<MunicipalityFigures>, StoreError> {
        let records: Vec<MunicipalityRecord> = sqlx::query_as(
            "SELECT c.area_key AS key, CAST(SUM(c.kitchens) AS BIGINT) AS kitchens, \
             (SELECT t.beneficiaries FROM beneficiary_totals t \
               WHERE t.delivery_id = c.delivery_id AND t.level = 'municipality' \
               AND t.area_key = c.area_key) AS beneficiaries, \
             (SELECT t.suppression FROM beneficiary_totals t \
               WHERE t.delivery_id = c.delivery_id AND t.level = 'municipality' \
               AND t.area_key = c.area_key) AS suppression, \
             (SELECT k.municipality_name FROM kitchens k WHERE k.delivery_id = c.delivery_id \
               AND k.municipality_key = c.area_key LIMIT 1) AS name \
             FROM kitchen_status_counts c \
             WHERE c.delivery_id = $1 AND c.level = 'municipality' AND c.area_key IS NOT NULL \
             GROUP BY c.delivery_id, c.area_key ORDER BY c.area_key",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        records
            .into_iter()
            .map(|r| {
                Ok(MunicipalityFigures {
                    key: municipality_key(&r.key)?,
                    name: r.name.unwrap_or_else(|| r.key.clone()),
                    kitchens: to_u64(r.kitchens),
                    beneficiaries: match r.beneficiaries {
                        // A municipality with kitchens but nobody counted.
                        None if r.suppression.is_none() => Shown::Count(0),
                        value => shown(value, r.suppression.as_deref())?,
                    },
                })
            })
            .collect()
    }

    async fn points(&self, id: &str) -> Result<Vec<MapPoint>, StoreError> {
        let rows: Vec<(String, String, f64, f64)> = sqlx::query_as(
            "SELECT key, name, longitude, latitude FROM kitchens \
             WHERE delivery_id = $1 AND longitude IS NOT NULL AND latitude IS NOT NULL \
             ORDER BY key",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(key, name, lon, lat)| {
                Ok(MapPoint {
                    key: kitchen_key(&key)?,
                    name,
                    location: Point::new(lon, lat),
                })
            })
            .collect()
    }

    async fn municipality_options(&self, id: &str) -> Result<Vec<MunicipalityOption>, StoreError> {
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT municipality_key, MAX(municipality_name) FROM kitchens \
             WHERE delivery_id = $1 AND municipality_key IS NOT NULL GROUP BY municipality_key",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut options = rows
            .into_iter()
            .map(|(key, name)| {
                Ok(MunicipalityOption {
                    key: municipality_key(&key)?,
                    name: name.unwrap_or_else(|| key.clone()),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        // Sorted as people read names: accents and case do not count.
        options.sort_by_cached_key(|o| fold(&o.name));
        Ok(options)
    }
}

/// The delivery `id`, or without one the delivery loaded last.
pub(super) async fn current(
    pool: &AnyPool,
    id: Option<&str>,
) -> Result<Option<Current>, StoreError> {
    let record: Option<DeliveryRecord> = sqlx::query_as(
        "SELECT id, received, request, suppression_threshold FROM deliveries \
         WHERE $1 IS NULL OR id = $1 ORDER BY load_order DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    record
        .map(|r| {
            Ok(Current {
                info: DeliveryInfo {
                    id: r.id.clone(),
                    received: date(r.received.as_deref())?,
                    request: r.request,
                },
                id: r.id,
                threshold: to_u64(r.suppression_threshold),
            })
        })
        .transpose()
}

pub(super) fn public_kitchen(r: KitchenRecord) -> Result<PublicKitchen, StoreError> {
    let location = match (r.longitude, r.latitude) {
        (Some(lon), Some(lat)) => Some(Point::new(lon, lat)),
        _ => None,
    };
    Ok(PublicKitchen {
        key: kitchen_key(&r.key)?,
        name: r.name,
        municipality: r
            .municipality_key
            .as_deref()
            .map(municipality_key)
            .transpose()?,
        municipality_name: r.municipality_name,
        municipality_issue: municipality_issue(r.municipality_status.as_deref())?,
        locality: r
            .locality_key
            .as_deref()
            .map(|k| LocalityKey::new(k).map_err(|_| corrupt("locality key")))
            .transpose()?,
        locality_name: r.locality_name,
        place: None,
        status: status_from(&r.status).ok_or(corrupt("kitchen status"))?,
        location,
        capacity: r.capacity.and_then(|c| u32::try_from(c).ok()),
        opened: date(r.opened.as_deref())?,
        closed: date(r.closed.as_deref())?,
    })
}

/// Turns what a visitor typed into a `LIKE` pattern over the search text:
/// folded and with abbreviations spelled out as the stored text is
/// (`Sta. Ma.` looks for `santa maria`), with `\`, `%` and `_` taken
/// literally.
pub(super) fn search_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in spelled_out(&fold(text)).chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

pub(super) fn kitchen_row(k: PublicKitchen) -> KitchenRow {
    KitchenRow {
        key: k.key,
        name: k.name,
        municipality: k.municipality,
        municipality_name: k.municipality_name,
        municipality_issue: k.municipality_issue,
        status: k.status,
    }
}

fn kitchen_detail(
    k: PublicKitchen,
    beneficiaries: BeneficiaryTable,
    delivery: DeliveryInfo,
) -> KitchenDetail {
    KitchenDetail {
        key: k.key,
        name: k.name,
        municipality: k.municipality,
        municipality_name: k.municipality_name,
        municipality_issue: k.municipality_issue,
        locality: k.locality,
        locality_name: k.locality_name,
        status: k.status,
        location: k.location,
        capacity: k.capacity,
        opened: k.opened,
        closed: k.closed,
        beneficiaries,
        delivery,
        has_history: true,
    }
}

pub(super) fn table_cell(r: &CellRecord) -> Result<TableCell, StoreError> {
    let reason = match r.suppression.as_deref() {
        None => None,
        Some(text) => Some(reason_from(text).ok_or(corrupt("suppression reason"))?),
    };
    Ok(TableCell {
        sex: sex_margin_from(r.sex.as_deref()).ok_or(corrupt("sex"))?,
        age_group: age_margin_from(&r.age_group).ok_or(corrupt("age group"))?,
        value: r.value.map(to_u64),
        reason,
    })
}

/// A stored total: its value, or why it is suppressed.
pub(super) fn shown(value: Option<i64>, reason: Option<&str>) -> Result<Shown, StoreError> {
    if let Some(n) = value {
        return Ok(Shown::Count(to_u64(n)));
    }
    let reason = reason.and_then(reason_from);
    Ok(Shown::Suppressed(
        reason.ok_or(corrupt("suppression reason"))?,
    ))
}

fn public_finding(r: FindingRecord) -> Result<PublicFinding, StoreError> {
    let severity = match r.severity.as_str() {
        "error" => cocina_model::Severity::Error,
        "warning" => cocina_model::Severity::Warning,
        "notice" => cocina_model::Severity::Notice,
        _ => return Err(corrupt("severity")),
    };
    Ok(PublicFinding {
        code: r.code,
        severity,
        file: r.file,
        sheet: r.sheet,
        cell: r.cell,
        row: r.row_number.and_then(|n| u32::try_from(n).ok()),
        kitchen: r.kitchen_key,
        message_es: r.message_es,
        message_en: r.message_en,
        records: to_u64(r.records),
    })
}

/// Reads a stored municipality status: none, or one of the issues.
pub(super) fn municipality_issue(
    text: Option<&str>,
) -> Result<Option<MunicipalityIssue>, StoreError> {
    text.map(|t| issue_from(t).ok_or(corrupt("municipality status")))
        .transpose()
}

pub(super) fn kitchen_key(text: &str) -> Result<KitchenKey, StoreError> {
    KitchenKey::new(text).map_err(|_| corrupt("kitchen key"))
}

pub(super) fn municipality_key(text: &str) -> Result<MunicipalityKey, StoreError> {
    MunicipalityKey::new(text).map_err(|_| corrupt("municipality key"))
}

pub(super) fn date(text: Option<&str>) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| NaiveDate::from_str(t).map_err(|_| corrupt("date")))
        .transpose()
}

pub(super) fn corrupt(what: &'static str) -> StoreError {
    StoreError::Corrupt { what }
}
