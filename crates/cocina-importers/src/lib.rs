//! Readers for the agency's spreadsheets (.xlsx, .xls, .ods, .csv) into the
//! Cocina Abierta model.
//!
//! [`import_delivery`] reads every file of a delivery directory, recognises
//! each sheet as a kitchens list, a beneficiary register, a table of
//! beneficiary counts or an endowment table by its header, and returns an
//! [`ImportedDelivery`]: the records, each with the file, sheet and cell it
//! came from, and the [`ImportIssue`]s met on the way. A bad file or sheet is an issue, never
//! the end of the import.
//!
//! The work is done in layers, each usable on its own and on bytes in
//! memory:
//!
//! - [`read_file`] turns a file into [`Table`]s: sparse cells at their real
//!   sheet positions, with merged regions filled in, within [`Limits`];
//! - [`import_table`] finds a table's header among title rows, maps its
//!   wording to canonical [`Field`]s through a synonym table, recognises the
//!   [`TableKind`] and reads its rows;
//! - [`import_file`] does both for one file, and [`import_delivery`] for a
//!   directory;
//! - [`import_file_into`] and [`import_delivery_into`] do the same but hand
//!   each beneficiary to a [`RecordSink`] as soon as it is read: an .xlsx
//!   register is then read a block of rows at a time and never held whole
//!   (see `docs/performance.md`);
//! - [`write_canonical`] writes what was imported in the canonical form of
//!   `docs/delivery-format.md` (internal: it holds personal data), which
//!   reads back to the same records.
//!
//! `docs/importers.md` explains the recognition rules and how to add a new
//! wording or layout.
//!
//! # Example
//!
//! ```
//! use cocina_importers::{ImportOptions, import_file};
//!
//! let csv = "\
//! DIF Oaxaca - Comedores\n\
//! CLAVE COCINA;NOMBRE DE LA COCINA;MUNICIPIO;CVE_MUN;LATITUD;LONGITUD\n\
//! OAX-VC-001;Comedor Centro;Oaxaca de Juárez;67;17,0606;-96,7253\n";
//! let imported = import_file("comedores.csv", csv.as_bytes(), &ImportOptions::default());
//!
//! let kitchen = &imported.kitchens[0];
//! assert_eq!(kitchen.key.as_str(), "OAX-VC-001");
//! assert_eq!(kitchen.municipality.unwrap().as_str(), "067");
//! assert_eq!(kitchen.location.unwrap().y(), 17.0606);
//! // The row and cell of every field are kept.
//! assert_eq!(kitchen.origin.cell("cve_mun").to_string(), "comedores.csv, cell D3");
//! // 67 became 067: a warning at that cell.
//! assert_eq!(imported.issues.len(), 1);
//! ```

mod age_group;
mod beneficiaries;
mod canonical;
mod canonical_endowments;
mod delivery;
mod endowments;
mod error;
mod header;
mod import;
mod issue;
mod kitchens;
mod layout;
mod manifest;
mod mojibake;
mod names;
mod read;
mod record;
mod rows;
mod stream;
mod table;
mod value;
mod withheld_keys;

use chrono::NaiveDate;
use cocina_model::{AgeBins, Beneficiary, BeneficiaryCount, Delivery, Endowment, Kitchen};
use serde::Serialize;

pub use canonical::{
    BENEFICIARIES_FILE, COUNTS_FILE, CanonicalFiles, CanonicalWriter, KITCHENS_FILE, WriteError,
    neutralize_formula, write_canonical,
};
pub use canonical_endowments::ENDOWMENTS_FILE;
pub use delivery::{StreamError, import_delivery, import_delivery_into};
pub use error::{BoxError, ImportError, ReadError};
pub use header::{Field, HEADER_SCAN_ROWS};
pub use issue::{
    DateRepair, ImportIssue, IssueKind, ManifestProblem, QuoteProblem, ReadFailure, SpecialFile,
};
pub use layout::TableKind;
pub use manifest::{MANIFEST_FILE, Manifest};
pub use mojibake::repair_mojibake;
pub use read::{FileTables, read_file};
pub use stream::RecordSink;
pub use table::{Limits, SourceFormat, Table, TableRow};
pub use value::{DateSystem, InvalidCell, Value};
pub use withheld_keys::WithheldKeys;

/// Everything read from one delivery directory.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedDelivery {
    /// The delivery's metadata and files.
    pub delivery: Delivery,
    /// Kitchens, in file order.
    pub kitchens: Vec<Kitchen>,
    /// Beneficiaries, one per person, in file order.
    pub beneficiaries: Vec<Beneficiary>,
    /// Beneficiary counts, for deliveries that give counts.
    pub counts: Vec<BeneficiaryCount>,
    /// Endowments.
    pub endowments: Vec<Endowment>,
    /// Problems met while reading.
    pub issues: Vec<ImportIssue>,
}

/// What the importer needs to know besides the files.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Age groups for people whose sheet gives an age or birth date but no
    /// group.
    pub age_bins: AgeBins,
    /// Date ages are computed on from birth dates, usually the delivery's
    /// cut-off date. Without it, ages are taken only from an age column.
    pub reference_date: Option<NaiveDate>,
    /// Memory bounds per file and sheet.
    pub limits: Limits,
    /// Kitchen keys that looked like personal data and the neutral keys
    /// given for them, shared by every file read with these options (and
    /// their clones), so that a register still points at its kitchen.
    /// [`import_delivery`] starts a new one for each delivery.
    pub withheld_keys: WithheldKeys,
}

/// Records and problems read from one file or table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportedFile {
    /// Kitchens, in sheet order.
    pub kitchens: Vec<Kitchen>,
    /// Beneficiaries, in sheet order.
    pub beneficiaries: Vec<Beneficiary>,
    /// Beneficiary counts.
    pub counts: Vec<BeneficiaryCount>,
    /// Endowments.
    pub endowments: Vec<Endowment>,
    /// Problems met while reading.
    pub issues: Vec<ImportIssue>,
}

impl ImportedFile {
    /// Appends the records and issues of `other`.
    pub fn append(&mut self, other: ImportedFile) {
        self.kitchens.extend(other.kitchens);
        self.beneficiaries.extend(other.beneficiaries);
        self.counts.extend(other.counts);
        self.endowments.extend(other.endowments);
        self.issues.extend(other.issues);
    }
}

/// Imports one file held in memory. `name` is the file's name relative to
/// the delivery directory, used in every origin and issue.
///
/// Never fails: a file that cannot be read gives a
/// [`IssueKind::UnreadableFile`] issue and no records.
#[must_use]
pub fn import_file(name: &str, bytes: &[u8], options: &ImportOptions) -> ImportedFile {
    let mut beneficiaries = Vec::new();
    let mut out = import_file_into(name, bytes, options, &mut beneficiaries)
        .expect("a Vec takes every record");
    out.beneficiaries = beneficiaries;
    out
}

/// Imports one file held in memory as [`import_file`] does, but hands each
/// beneficiary to `sink` as soon as it is read instead of collecting it. A
/// beneficiary register in an .xlsx workbook is then never held whole.
///
/// # Errors
///
/// Fails only when the sink fails; a file that cannot be read is an issue
/// in the result, as for [`import_file`].
pub fn import_file_into(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    sink: &mut dyn RecordSink,
) -> std::io::Result<ImportedFile> {
    let _span = tracing::debug_span!("import_file", file = name).entered();
    let mut out = ImportedFile::default();
    if let Some(mut workbook) = read::open_workbook(name, bytes, &options.limits) {
        let file: std::sync::Arc<str> = name.into();
        let streamed = read::guarded(|| {
            stream::import_workbook(&file, &mut workbook, options, sink, &mut out)
        });
        match streamed {
            Some(Ok(())) => return Ok(out),
            Some(Err(stream::StreamFailure::Sink(error))) => return Err(error),
            // Nothing was left in the sink: read the file another way.
            Some(Err(stream::StreamFailure::Unsupported)) => out = ImportedFile::default(),
            None => {
                tracing::warn!(file = name, "streaming reader failed; reading again");
                out = ImportedFile::default();
            }
        }
    }
    collect_file(name, bytes, options, &mut out);
    for record in out.beneficiaries.drain(..) {
        sink.beneficiary(record)?;
    }
    Ok(out)
}

/// Reads a file into tables, then records, into `out`.
fn collect_file(name: &str, bytes: &[u8], options: &ImportOptions, out: &mut ImportedFile) {
    match read_file(name, bytes, &options.limits) {
        Ok(read) => {
            let read_issues = out.issues.len()..out.issues.len() + read.issues.len();
            out.issues.extend(read.issues);
            for table in &read.tables {
                let header = import::import_table(table, options, out);
                // Only a CSV file's reader points at cells, and it has one
                // table.
                if let (Some(header), None) = (header, table.sheet()) {
                    import::name_columns(&mut out.issues[read_issues.clone()], &header);
                }
            }
        }
        Err(error) => {
            tracing::warn!(file = name, failure = %error.failure, "file not read");
            out.issues.push(ImportIssue {
                source: cocina_model::SourceRef::file(name),
                kind: IssueKind::UnreadableFile {
                    cause: error.failure,
                },
            });
        }
    }
}

/// Imports the records of one table: finds its header, recognises its
/// kind and reads its rows. A table of no known kind gives an
/// [`IssueKind::UnrecognisedTable`] issue.
#[must_use]
pub fn import_table(table: &Table, options: &ImportOptions) -> ImportedFile {
    let mut out = ImportedFile::default();
    import::import_table(table, options, &mut out);
    out
}
