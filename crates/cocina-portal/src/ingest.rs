//! Loading a delivery into the store: import, resolve municipalities,
//! validate, aggregate with suppression, keep the public part, store.

use std::fmt;
use std::path::Path;

use cocina_geography::Catalog;
use cocina_importers::{ImportError, ImportOptions, ImportedDelivery, import_delivery};
use cocina_model::Severity;
use cocina_publication::public::Publication;
use cocina_validation::{CheckedDelivery, ValidationOptions, resolve_municipalities, validate};

use crate::public::{PackageEntry, PublicDelivery, PublicDocument};
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
    /// The open-data package could not be written, or a file of the
    /// delivery could not be read to take its fingerprint.
    #[error("could not prepare the delivery's documents and package")]
    Publish(#[from] cocina_publication::PublishError),
    /// The counts could not be published (the aggregation refused them).
    #[error("could not publish the counts")]
    Counts(#[from] cocina_aggregation::QueryError),
    /// The temporary directory the package is written to failed.
    #[error("could not use a temporary directory for the package")]
    Scratch(#[source] std::io::Error),
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
    store_delivery(store, imported, delivery_dir).await
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
/// after suppression go on. `delivery_dir` is where the delivery's files
/// are: each is described by its size and SHA-256 for the documents
/// library, and the publication crate writes the open-data package from
/// the same records, so the portal's downloads are the bytes `cocina
/// publish` gives.
pub async fn store_delivery(
    store: &Store,
    imported: ImportedDelivery,
    delivery_dir: &Path,
) -> Result<IngestSummary, IngestError> {
    let dir = delivery_dir.to_path_buf();
    let (public, summary) = tokio::task::spawn_blocking(move || prepare(imported, &dir)).await??;
    store.save(&public).await?;
    tracing::info!(%summary, "delivery stored");
    Ok(summary)
}

/// Validates, projects and packages a delivery: the blocking half of
/// [`store_delivery`], which reads the delivery's files and writes the
/// package into a temporary directory.
fn prepare(
    mut imported: ImportedDelivery,
    dir: &Path,
) -> Result<(PublicDelivery, IngestSummary), IngestError> {
    let catalog = Catalog::bundled();
    let options = ValidationOptions::default();
    resolve_municipalities(&mut imported.kitchens, catalog);
    let report = validate(&imported, catalog, &options);
    let mut public = PublicDelivery::project(&imported, &report, catalog, &options)?;
    // For the operator's summary: everyone, before suppression.
    let people = imported.beneficiaries.len() as u64
        + imported
            .counts
            .iter()
            .map(|c| u64::from(c.count))
            .sum::<u64>();
    let summary = IngestSummary {
        delivery_id: public.id.clone(),
        kitchens: public.kitchens.len(),
        located: public
            .kitchens
            .iter()
            .filter(|k| k.location.is_some())
            .count(),
        beneficiaries: people,
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        notices: report.count(Severity::Notice),
    };
    let checked = CheckedDelivery {
        delivery: imported,
        report,
    };
    let publication = Publication::build(&checked, dir, None, public.threshold)?;
    drop(checked);
    public.documents = documents(&publication);
    public.package = package(&publication)?;
    Ok((public, summary))
}

/// The delivery's files with the fingerprints the publication took.
fn documents(publication: &Publication) -> Vec<PublicDocument> {
    publication
        .documents
        .iter()
        .map(|d| PublicDocument {
            path: d.file.clone(),
            sha256: Some(d.sha256.clone()),
            bytes: Some(d.bytes),
            answers: d.answers.clone(),
        })
        .collect()
}

/// Writes the open-data package with the publication crate, into a
/// temporary directory removed afterwards, and keeps its files' bytes.
fn package(publication: &Publication) -> Result<Vec<PackageEntry>, IngestError> {
    let scratch = tempfile::tempdir().map_err(IngestError::Scratch)?;
    let tables = cocina_publication::tables::all(publication);
    let files = cocina_publication::package::write(publication, &tables, scratch.path())?;
    files
        .into_iter()
        .map(|f| {
            let body = std::fs::read(scratch.path().join(&f.file)).map_err(IngestError::Scratch)?;
            Ok(PackageEntry {
                file: f.file,
                format: f.format,
                contents_es: f.contents.es,
                contents_en: f.contents.en,
                body,
            })
        })
        .collect()
}
