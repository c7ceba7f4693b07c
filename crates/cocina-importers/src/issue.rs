//! Problems found while reading a delivery that do not stop the import.
//!
//! They are data, returned with the imported records, so that validation can
//! turn them into findings with Spanish and English messages. None of them
//! carries a personal value: they point at the cell instead. The one value
//! carried, the repair proposed for a kitchen's name or place, is public.

use std::fmt;

use cocina_model::{CurpError, KeyError, Severity, SourceRef};
use serde::Serialize;

/// One problem found while reading, with where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportIssue {
    /// Where the problem is: file, sheet and cell or row.
    pub source: SourceRef,
    /// What the problem is.
    pub kind: IssueKind,
}

impl ImportIssue {
    /// Returns the severity the importer gives this kind of problem.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// What went wrong while reading a value, row, sheet or file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// A required column was not found in a table's header.
    MissingColumn {
        /// Canonical field name.
        field: String,
    },
    /// A header cell is blank but its column has data.
    BlankHeader,
    /// Two header cells map to the same field; neither is used.
    DuplicateHeader {
        /// Canonical field name.
        field: String,
    },
    /// A cell holds a spreadsheet error such as `#N/A` or `#DIV/0!`.
    ErrorCell {
        /// Canonical field name.
        field: String,
        /// The error as the spreadsheet shows it.
        error: String,
    },
    /// A cell could not be read as the field's type.
    InvalidValue {
        /// Canonical field name.
        field: String,
        /// What the field expects, in English ("a number", "a date").
        expected: String,
    },
    /// A key cell does not hold a valid INEGI or kitchen key.
    InvalidKey {
        /// Canonical field name.
        field: String,
        /// Why it is not valid.
        error: KeyError,
    },
    /// A CURP cell holds an invalid CURP.
    InvalidCurp {
        /// Why it is not valid.
        error: CurpError,
    },
    /// A CURP was valid only after trimming or upper-casing.
    CurpReformatted,
    /// A code was stored as a number or without its leading zeros and was
    /// padded.
    CodePadded {
        /// Canonical field name.
        field: String,
    },
    /// A row lacks a value the record cannot exist without (the kitchen key).
    MissingValue {
        /// Canonical field name.
        field: String,
    },
    /// The delivery manifest (`entrega.json`) could not be read.
    InvalidManifest {
        /// 1-based line of the problem, 0 when the file was not parsed.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        problem: ManifestProblem,
    },
    /// A sheet or file was recognised as none of the known tables.
    UnrecognisedTable,
    /// A sheet has more rows or columns than the configured limit; the rest
    /// was not read.
    LimitReached {
        /// What limit was hit, such as "rows" or "columns".
        limit: String,
        /// The limit's value.
        max: u64,
    },
    /// A file could not be read at all; none of its data was imported.
    UnreadableFile {
        /// Why.
        cause: ReadFailure,
    },
    /// A sheet could not be read; the file's other sheets were.
    UnreadableSheet {
        /// Why.
        cause: ReadFailure,
    },
    /// A sheet broke off part way; the rows before the break were read.
    SheetTruncated {
        /// Why.
        cause: ReadFailure,
    },
    /// The sheet's merged regions could not be read, so values of merged
    /// cells appear only in each region's first cell.
    MergedCellsUnread,
    /// Two key cells of a row disagree, such as a CVEGEO whose municipality
    /// part differs from the municipality key; the separate key is kept.
    InconsistentKeys {
        /// The field that disagrees (the one not used).
        field: String,
        /// The field it disagrees with.
        other: String,
    },
    /// A kitchen's free text looks like UTF-8 that was read as
    /// Windows-1252 ("NiÃ±os" for "Niños"). The value is kept as read.
    SuspectedMojibake {
        /// Canonical field name.
        field: String,
        /// The text re-encoded as Windows-1252 and read as UTF-8: the
        /// proposed repair. Only public fields (a kitchen's name and place)
        /// are checked, so it is never a personal value.
        proposed: String,
    },
    /// A free-text cell holds U+FFFD, the replacement character: a letter
    /// was lost before the file was written and cannot be recovered.
    LostCharacter {
        /// Canonical field name.
        field: String,
    },
}

/// What is wrong with a delivery manifest. Coarse on purpose: the JSON
/// parser's own message can quote the file's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ManifestProblem {
    /// Not valid JSON.
    Syntax,
    /// The file ends before the JSON does.
    Truncated,
    /// A field the manifest does not have.
    UnknownField,
    /// A value of the wrong type, or a date not in ISO 8601.
    WrongValue,
    /// Not a regular file (a directory, a pipe, a device).
    NotAFile,
    /// Larger than a manifest can be.
    TooLarge,
    /// The file could not be read from disk.
    Io,
}

/// Why a file or sheet could not be read. Deliberately coarse: the reader's
/// own message can quote the file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReadFailure {
    /// The bytes are not the container the format needs (ZIP for .xlsx and
    /// .ods, OLE for .xls): a wrong extension, or not a spreadsheet at all.
    NotASpreadsheet,
    /// The workbook is protected with a password.
    Encrypted,
    /// The container opened but its content is broken or truncated.
    Malformed,
    /// A format the importer does not read, such as .xlsb or HTML saved as
    /// .xls.
    Unsupported,
    /// The file could not be read from disk.
    Io,
    /// The spreadsheet library failed unexpectedly on this input.
    ReaderFailed,
}

impl fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReadFailure::NotASpreadsheet => "not a spreadsheet of the expected format",
            ReadFailure::Encrypted => "password protected",
            ReadFailure::Malformed => "broken or truncated content",
            ReadFailure::Unsupported => "unsupported format",
            ReadFailure::Io => "could not be read from disk",
            ReadFailure::ReaderFailed => "the spreadsheet reader failed unexpectedly",
        })
    }
}

impl IssueKind {
    /// Returns the severity the importer gives this kind of problem.
    #[must_use]
    pub fn severity(&self) -> Severity {
        match self {
            IssueKind::CodePadded { .. }
            | IssueKind::CurpReformatted
            | IssueKind::UnrecognisedTable
            | IssueKind::LimitReached { .. }
            | IssueKind::MergedCellsUnread
            | IssueKind::SuspectedMojibake { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}
