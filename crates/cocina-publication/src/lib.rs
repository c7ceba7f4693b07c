//! Publication of a delivery as open data: a Frictionless Data Package, an
//! Excel workbook for the agency's staff, and a static site.
//!
//! [`publish`] runs the main job's publishing half on a delivery directory:
//! it imports, resolves municipalities and validates (through
//! `cocina-validation`), counts with suppression (in [`aggregate`], the one
//! module that uses `cocina-aggregation`), keeps only what may be public
//! ([`public::Publication`]), and writes into the output directory:
//!
//! - `datos/`: `datapackage.json` (Frictionless Data Package with a Table
//!   Schema per table: types, units, Spanish and English descriptions,
//!   primary and foreign keys; licence, sources, the delivery's dates and
//!   request, and the INEGI and CONAPO attribution), one CSV per
//!   [`table::Table`] (see [`tables`]), the kitchens as GeoJSON (RFC 7946),
//!   the validation report as JSON, and the same tables in one `.xlsx`;
//! - the site: the portal's public pages, rendered by `cocina-rendering`
//!   into files at the paths of their addresses, Spanish at the root and
//!   English under `en/` ([`site`]).
//!
//! No personal value leaves: the view models and tables are built from
//! [`public::Publication`], whose types have no field for a name, a CURP,
//! a birth date, an address or a phone. CSV text that a spreadsheet would
//! run as a formula is neutralised; dates are ISO 8601; keys are text.
//!
//! # Example
//!
//! ```no_run
//! use cocina_publication::{PublishOptions, publish};
//! use std::path::Path;
//!
//! let options = PublishOptions::default();
//! let summary = publish(Path::new("examples/entrega-2016"), Path::new("/tmp/sitio"), &options)?;
//! println!("{} pages, {} files of data", summary.pages, summary.package_files);
//! # Ok::<(), cocina_publication::PublishError>(())
//! ```

pub mod aggregate;
pub mod output;
pub mod package;
pub mod public;
pub mod site;
pub mod table;
pub mod tables;

use std::path::{Path, PathBuf};

use cocina_geography::Catalog;
use cocina_geography::reference::{Reference, ReferenceError};
use cocina_importers::{ImportError, ImportOptions};
use cocina_validation::ValidationOptions;

/// Counts from 1 to this minus one are suppressed, as in the portal.
pub const SUPPRESSION_THRESHOLD: u64 = 5;

/// What [`publish`] needs besides the delivery and the output directory.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// Reference data (districts, regions, census, CONAPO), laid out as
    /// `docs/geography.md` says; with it, regions and districts are
    /// published too.
    pub reference: Option<PathBuf>,
    /// The suppression threshold.
    pub threshold: u64,
    /// How the spreadsheets are read.
    pub import: ImportOptions,
    /// How the delivery is validated.
    pub validation: ValidationOptions,
}

impl Default for PublishOptions {
    fn default() -> Self {
        Self {
            reference: None,
            threshold: SUPPRESSION_THRESHOLD,
            import: ImportOptions::default(),
            validation: ValidationOptions::default(),
        }
    }
}

/// What one publication wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishSummary {
    /// The delivery's identifier.
    pub delivery_id: String,
    /// Kitchens published.
    pub kitchens: usize,
    /// Files of the package, `datapackage.json` included.
    pub package_files: usize,
    /// Pages of the site, both languages.
    pub pages: usize,
    /// Kitchens whose key cannot be a file name, left without a page.
    pub kitchens_without_page: usize,
    /// Validation findings of severity error.
    pub errors: usize,
    /// Validation findings of severity warning.
    pub warnings: usize,
    /// The package's directory.
    pub package_dir: PathBuf,
}

/// Why a delivery could not be published.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PublishError {
    /// The delivery directory could not be read.
    #[error("could not import the delivery")]
    Import(#[from] ImportError),
    /// A file of the delivery could not be read to take its fingerprint.
    #[error("could not read {path}")]
    ReadDelivery {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The reference data could not be read.
    #[error("could not read the reference data")]
    Reference(#[from] ReferenceError),
    /// An output file could not be written.
    #[error("could not write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The Excel workbook could not be built.
    #[error("could not build the Excel workbook: {0}")]
    Workbook(String),
    /// The table of every level would be too large to hold.
    #[error("could not aggregate the delivery")]
    Aggregate(#[from] cocina_aggregation::QueryError),
    /// A page could not be rendered.
    #[error("could not render a page")]
    Render(#[from] cocina_rendering::RenderError),
    /// The output directory holds files an earlier publication did not
    /// write; they are left alone.
    #[error(
        "la carpeta de salida {path} contiene archivos que no escribió `cocina publish`; \
         elija una carpeta nueva o vacía / the output directory {path} holds files \
         `cocina publish` did not write; choose a new or empty directory"
    )]
    OutputNotEmpty {
        /// The directory.
        path: PathBuf,
    },
}

/// Publishes the delivery in `delivery_dir` into `out`: the package in
/// `out/datos/` and the site around it. `out` must be new, empty or an
/// earlier publication, which is replaced whole (see [`output`]).
pub fn publish(
    delivery_dir: &Path,
    out: &Path,
    options: &PublishOptions,
) -> Result<PublishSummary, PublishError> {
    let catalog = Catalog::bundled();
    let reference = options
        .reference
        .as_deref()
        .map(Reference::load)
        .transpose()?;
    // The rules that need the reference run when it is given: the
    // scorecard then shows their findings, never a zero they did not earn.
    let checked = cocina_validation::check_delivery_with_reference(
        delivery_dir,
        &options.import,
        &options.validation,
        catalog,
        reference.as_ref(),
    )?;
    let publication = public::Publication::build(
        &checked,
        delivery_dir,
        reference.as_ref(),
        options.threshold,
    )?;
    drop(checked);
    output::prepare(out)?;
    let package_dir = out.join(site::DATA_DIR);
    let tables = tables::all(&publication);
    // The package and the pages are independent until the downloads page,
    // which lists the package's files: they are written side by side.
    let (files, site) = rayon::join(
        || package::write(&publication, &tables, &package_dir),
        || site::write_pages(&publication, out),
    );
    let (files, mut site) = (files?, site?);
    site::write_package_pages(&publication, &files, out, &mut site)?;
    Ok(PublishSummary {
        delivery_id: publication.delivery.id.clone(),
        kitchens: publication.kitchens.len(),
        package_files: files.len(),
        pages: site.pages,
        kitchens_without_page: site.kitchens_without_page,
        errors: count_of(&publication, cocina_model::Severity::Error),
        warnings: count_of(&publication, cocina_model::Severity::Warning),
        package_dir,
    })
}

/// Returns how many of the published findings have `severity`.
fn count_of(publication: &public::Publication, severity: cocina_model::Severity) -> usize {
    usize::try_from(publication.findings_where(|f| f.severity == severity)).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// A delivery of kitchens spread over a few municipalities, enough for
    /// many pages to be written at once.
    fn delivery() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let header = "CLAVE COCINA;NOMBRE DE LA COCINA;CVE_MUN;LATITUD;LONGITUD\n";
        let rows = (0..60).map(|i| {
            let municipality = ["067", "184", "390", "413"][i % 4];
            format!("OAX-{i:03};COCINA {i};{municipality};;\n")
        });
        let csv: String = std::iter::once(header.to_owned()).chain(rows).collect();
        std::fs::write(dir.path().join("comedores.csv"), csv).unwrap();
        dir
    }

    /// Every file under `root` with its bytes, by path relative to `root`.
    fn tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    files.push((path.strip_prefix(root).unwrap().to_owned(), bytes));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn writing_in_parallel_gives_what_one_thread_gives() {
        let delivery = delivery();
        let options = PublishOptions::default();
        let (one, many) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let single = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let alone = single
            .install(|| publish(delivery.path(), one.path(), &options))
            .unwrap();
        let wide = rayon::ThreadPoolBuilder::new()
            .num_threads(8)
            .build()
            .unwrap();
        let parallel = wide
            .install(|| publish(delivery.path(), many.path(), &options))
            .unwrap();
        assert_eq!(alone.pages, parallel.pages);
        assert_eq!(alone.package_files, parallel.package_files);
        assert!(alone.pages > 120, "{} pages", alone.pages);
        assert!(
            tree(one.path()) == tree(many.path()),
            "the two sites differ"
        );
    }
}
