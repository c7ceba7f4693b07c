//! Loading a delivery into the store: import, resolve municipalities,
//! validate, aggregate with suppression, keep the public part, store.

use std::fmt;
use std::path::Path;

use cocina_geography::Catalog;
use cocina_importers::{ImportError, ImportOptions, ImportedDelivery, import_delivery};
use cocina_model::Severity;
use cocina_validation::{ValidationOptions, resolve_municipalities, validate};

use crate::public::PublicDelivery;
use crate::store::{Store, StoreError};

/// Why a delivery could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The delivery directory could not be read.
    #[error("could not import the delivery")]
    Import(#[from] ImportError),
    /// The importer's thread stopped before it finished.
    #[error("the import was interrupted")]
    Interrupted(#[from] tokio::task::JoinError),
    /// The database could not be written.
    #[error("could not store the delivery")]
    Store(#[from] StoreError),
}

/// What one load stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    /// The delivery's identifier.
    pub delivery_id: String,
    /// Kitchens stored (first listing of each key).
    pub kitchens: usize,
    /// Kitchens stored with a validated point.
    pub located: usize,
    /// Beneficiaries counted in the state total.
    pub beneficiaries: u64,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity notice.
    pub notices: usize,
}

impl fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "delivery {}: {} kitchens ({} located), {} beneficiaries; findings: {} errors, {} \
             warnings, {} notices",
            self.delivery_id,
            self.kitchens,
            self.located,
            self.beneficiaries,
            self.errors,
            self.warnings,
            self.notices
        )
    }
}

/// Loads the delivery in `delivery_dir` into `store`, replacing an earlier
/// load of the same delivery: [`load_delivery`] then [`store_delivery`].
#[tracing::instrument(skip_all, fields(delivery = %delivery_dir.display()))]
pub async fn ingest(
    store: &Store,
    delivery_dir: &Path,
    options: &ImportOptions,
) -> Result<IngestSummary, IngestError> {
    let imported = load_delivery(delivery_dir, options).await?;
    Ok(store_delivery(store, imported).await?)
}

/// Reads a delivery directory, on a thread where blocking file reads are
/// allowed.
pub async fn load_delivery(
    delivery_dir: &Path,
    options: &ImportOptions,
) -> Result<ImportedDelivery, IngestError> {
    let dir = delivery_dir.to_path_buf();
    let options = options.clone();
    let imported = tokio::task::spawn_blocking(move || import_delivery(&dir, &options)).await??;
    Ok(imported)
}

/// Validates and aggregates an imported delivery and stores its public part
/// in one transaction. The records of people are dropped here: only counts
/// after suppression go on.
pub async fn store_delivery(
    store: &Store,
    mut imported: ImportedDelivery,
) -> Result<IngestSummary, StoreError> {
    let catalog = Catalog::bundled();
    let options = ValidationOptions::default();
    resolve_municipalities(&mut imported.kitchens, catalog);
    let report = validate(&imported, catalog, &options);
    let public = PublicDelivery::project(&imported, &report, catalog, &options);
    drop(imported);
    store.save(&public).await?;
    let summary = IngestSummary {
        delivery_id: public.id.clone(),
        kitchens: public.kitchens.len(),
        located: public
            .kitchens
            .iter()
            .filter(|k| k.location.is_some())
            .count(),
        beneficiaries: public.beneficiaries(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        notices: report.count(Severity::Notice),
    };
    tracing::info!(%summary, "delivery stored");
    Ok(summary)
}
