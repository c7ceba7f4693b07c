//! Problems found while reading a delivery that do not stop the import.
//!
//! They are data, returned with the imported records, so that validation can
//! turn them into findings with Spanish and English messages. None of them
//! carries a personal value: they point at the cell instead.

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
}

impl IssueKind {
    /// Returns the severity the importer gives this kind of problem.
    #[must_use]
    pub fn severity(&self) -> Severity {
        match self {
            IssueKind::CodePadded { .. } | IssueKind::CurpReformatted => Severity::Warning,
            IssueKind::UnrecognisedTable | IssueKind::LimitReached { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}
