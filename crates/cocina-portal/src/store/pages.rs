//! Reading the pages beyond the overview and the kitchens: one
//! municipality, the documents library, the downloads and the quality
//! scorecard of any delivery, the list of deliveries, and the package's
//! files themselves.

use cocina_aggregation::GeoLevel as Level;
use cocina_model::{KitchenKey, KitchenStatus, LocalityKey, MunicipalityKey};
use cocina_publication::package::{DESCRIPTOR, REPORT};
use cocina_publication::public::rule_scores;
use cocina_rendering::Shown;
use cocina_rendering::routes::encode_segment;
use cocina_rendering::view::{
    Bilingual, DeliveriesPage, DeliveryInfo, DeliveryRow, DocumentRow, DocumentsPage, DownloadRow,
    DownloadsPage, FindingCounts, HistoryRow, KitchenHistory, MapPoint, MunicipalityDetail,
    QualityPage, RequestedRow, StatusCount,
};
use geo_types::Point;
use sqlx::FromRow;

use super::codec::{status_from, to_u64};
use super::read::{
    Current, KITCHEN_COLUMNS, KitchenRecord, corrupt, current, date, kitchen_row, municipality_key,
    public_kitchen,
};
use super::{Store, StoreError};

/// The address the package's files are served at, as in the static site:
/// `/datos/{file}` for the delivery loaded last, and
/// `/datos/{delivery}/{file}` for any delivery, an address that stays.
pub const DATA_PREFIX: &str = "/datos";

/// Returns the address of `file` of the package of delivery `id`, or of
/// the delivery loaded last when `None`. The package's descriptor names its
/// files by relative paths, so each delivery's files share a directory.
///
/// ```
/// use cocina_portal::package_url;
///
/// assert_eq!(package_url(None, "cocinas.csv"), "/datos/cocinas.csv");
/// assert_eq!(
///     package_url(Some("entrega 2015"), "cocinas.csv"),
///     "/datos/entrega%202015/cocinas.csv"
/// );
/// ```
#[must_use]
pub fn package_url(id: Option<&str>, file: &str) -> String {
    match id {
        None => format!("{DATA_PREFIX}/{file}"),
        Some(id) => format!("{DATA_PREFIX}/{}/{file}", encode_segment(id)),
    }
}

/// One file of the open-data package, as served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    /// File name.
    pub file: String,
    /// Format, such as `CSV`, which gives the media type.
    pub format: String,
    /// Its bytes.
    pub body: Vec<u8>,
}

#[derive(FromRow)]
struct DownloadRecord {
    file: String,
    format: String,
    contents_es: String,
    contents_en: String,
    size: i64,
}

impl Store {
    /// Returns one municipality's page in the delivery shown, or `None`
    /// when it has no kitchen there.
    pub async fn municipality(
        &self,
        key: MunicipalityKey,
    ) -> Result<Option<MunicipalityDetail>, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            return Ok(None);
        };
        let records: Vec<KitchenRecord> = sqlx::query_as(&format!(
            "SELECT {KITCHEN_COLUMNS} FROM kitchens WHERE delivery_id = $1 \
             AND municipality_key = $2 ORDER BY key"
        ))
        .bind(&current.id)
        .bind(key.as_str())
        .fetch_all(&self.pool)
        .await?;
        let kitchens = records
            .into_iter()
            .map(public_kitchen)
            .collect::<Result<Vec<_>, _>>()?;
        let Some(first) = kitchens.first() else {
            return Ok(None);
        };
        let name = first
            .municipality_name
            .clone()
            .unwrap_or_else(|| key.to_string());
        let points = kitchens
            .iter()
            .filter_map(|k| {
                Some(MapPoint {
                    key: k.key.clone(),
                    name: k.name.clone(),
                    location: k.location?,
                })
            })
            .collect();
        Ok(Some(MunicipalityDetail {
            key,
            name,
            district: None,
            region: None,
            kitchens_by_status: self.area_status_counts(&current.id, key.as_str()).await?,
            beneficiaries: self
                .table(&current, Level::Municipality, Some(key.as_str()))
                .await?,
            kitchens: kitchens.into_iter().map(kitchen_row).collect(),
            points,
            delivery: current.info,
        }))
    }

    async fn area_status_counts(
        &self,
        id: &str,
        area: &str,
    ) -> Result<Vec<StatusCount>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT status, kitchens FROM kitchen_status_counts \
             WHERE delivery_id = $1 AND level = 'municipality' AND area_key = $2",
        )
        .bind(id)
        .bind(area)
        .fetch_all(&self.pool)
        .await?;
        Ok(KitchenStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                kitchens: rows
                    .iter()
                    .filter(|(text, _)| status_from(text) == Some(status))
                    .map(|(_, n)| to_u64(*n))
                    .sum(),
            })
            .collect())
    }

    /// Returns the documents library of the delivery shown.
    pub async fn documents_page(&self) -> Result<Option<DocumentsPage>, StoreError> {
        let Some(current) = current(&self.pool, None).await? else {
            return Ok(None);
        };
        let documents = self
            .documents(&current.id)
            .await?
            .into_iter()
            .map(|d| DocumentRow {
                format: cocina_publication::tables::format_of(&d.path),
                file: d.path,
                answers: d.answers,
                bytes: d.bytes.unwrap_or(0),
                sha256: d.sha256.unwrap_or_default(),
            })
            .collect();
        Ok(Some(DocumentsPage {
            delivery: current.info,
            documents,
        }))
    }

    /// Returns the downloads page of delivery `id`, or of the delivery
    /// shown when `None`: its package's files, at the addresses
    /// [`package_url`] gives for the same `id`. `None` when there is no
    /// such delivery.
    pub async fn downloads_page(
        &self,
        id: Option<&str>,
    ) -> Result<Option<DownloadsPage>, StoreError> {
        let Some(current) = current(&self.pool, id).await? else {
            return Ok(None);
        };
        let records: Vec<DownloadRecord> = sqlx::query_as(
            "SELECT file, format, contents_es, contents_en, \
             CAST(LENGTH(body) AS BIGINT) AS size FROM package_files \
             WHERE delivery_id = $1 ORDER BY position",
        )
        .bind(&current.id)
        .fetch_all(&self.pool)
        .await?;
        let files = records
            .into_iter()
            .map(|r| DownloadRow {
                url: package_url(id, &r.file),
                file: r.file,
                format: r.format,
                bytes: to_u64(r.size),
                contents: Bilingual {
                    es: r.contents_es,
                    en: r.contents_en,
                },
            })
            .collect();
        Ok(Some(DownloadsPage {
            delivery: current.info,
            package_url: package_url(id, DESCRIPTOR),
            files,
        }))
    }

    /// Returns one file of the package of delivery `id` (the one shown
    /// when `None`), or `None` when there is no such file.
    pub async fn package_file(
        &self,
        id: Option<&str>,
        file: &str,
    ) -> Result<Option<PackageFile>, StoreError> {
        let Some(current) = current(&self.pool, id).await? else {
            return Ok(None);
        };
        let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
            "SELECT file, format, body FROM package_files WHERE delivery_id = $1 AND file = $2",
        )
        .bind(&current.id)
        .bind(file)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(file, format, body)| PackageFile { file, format, body }))
    }

    /// Returns the completeness and validation scorecard of delivery `id`,
    /// or of the delivery shown when `None`; `None` when there is no such
    /// delivery. The portal loads deliveries without reference data, so the
    /// rules that need it say they did not run.
    pub async fn quality_page(&self, id: Option<&str>) -> Result<Option<QualityPage>, StoreError> {
        let Some(current) = current(&self.pool, id).await? else {
            return Ok(None);
        };
        let counts: Vec<(String, i64)> = sqlx::query_as(
            "SELECT code, CAST(SUM(records) AS BIGINT) FROM findings WHERE delivery_id = $1 \
             GROUP BY code",
        )
        .bind(&current.id)
        .fetch_all(&self.pool)
        .await?;
        let rules = rule_scores(false, |info| {
            counts
                .iter()
                .filter(|(code, _)| code == info.code)
                .map(|(_, n)| to_u64(*n))
                .sum()
        });
        let has_report = self
            .package_file(Some(&current.id), REPORT)
            .await?
            .is_some();
        Ok(Some(QualityPage {
            items: self.requested_items(&current).await?,
            rules,
            findings: self.finding_counts(&current.id).await?,
            report_url: has_report.then(|| package_url(id, REPORT)),
            delivery: current.info,
        }))
    }

    async fn requested_items(&self, current: &Current) -> Result<Vec<RequestedRow>, StoreError> {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT description, received, files FROM requested_items WHERE delivery_id = $1 \
             ORDER BY position",
        )
        .bind(&current.id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(description, received, files)| RequestedRow {
                description,
                received: received != 0,
                files: files
                    .lines()
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
            .collect())
    }
}

impl Store {
    /// Returns the list of every delivery held, the one shown first.
    pub async fn deliveries_page(&self) -> Result<DeliveriesPage, StoreError> {
        let summaries = self.deliveries().await?;
        let deliveries = summaries
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                Ok(DeliveryRow {
                    delivery: DeliveryInfo {
                        received: date(d.received.as_deref())?,
                        id: d.id,
                        request: d.request,
                    },
                    kitchens: d.kitchens,
                    beneficiaries: d.beneficiaries,
                    findings: FindingCounts {
                        errors: d.errors,
                        warnings: d.warnings,
                    },
                    // The list is in loading order, the one shown first.
                    shown: i == 0,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(DeliveriesPage { deliveries })
    }

    /// Returns one kitchen's history page: every delivery that lists it,
    /// oldest first; `None` when none does.
    pub async fn kitchen_history_page(
        &self,
        key: &KitchenKey,
    ) -> Result<Option<KitchenHistory>, StoreError> {
        let entries = self.kitchen_history(key).await?;
        let Some(latest) = entries.last() else {
            return Ok(None);
        };
        let name = latest.name.clone();
        let rows = entries
            .into_iter()
            .map(|e| {
                Ok(HistoryRow {
                    received: date(e.received.as_deref())?,
                    municipality: e
                        .municipality_key
                        .as_deref()
                        .map(municipality_key)
                        .transpose()?,
                    municipality_name: e.municipality_name,
                    municipality_issue: e.municipality_issue,
                    locality: e
                        .locality_key
                        .as_deref()
                        .map(|k| LocalityKey::new(k).map_err(|_| corrupt("locality key")))
                        .transpose()?,
                    location: e.location.map(|[x, y]| Point::new(x, y)),
                    delivery: e.delivery,
                    status: e.status,
                    locality_name: e.locality_name,
                    beneficiaries: Shown::of(e.beneficiaries, e.beneficiaries_suppressed),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(KitchenHistory {
            key: key.clone(),
            name,
            rows,
            threshold: crate::public::SUPPRESSION_THRESHOLD,
        }))
    }
}
