//! Why a reference file could not be read.

use std::path::PathBuf;

use cocina_model::MunicipalityKey;

/// Why a file of the reference directory could not be read.
///
/// Every variant names the file; those about a row also give its line,
/// counting from 1 as an editor does, and the column by its header name.
/// Values are not quoted: the message says what was expected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceError {
    /// A required file is missing or a file cannot be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// The CSV structure itself is broken (for example an unclosed quote).
    #[error("{}, line {line}: not a readable CSV row", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// Line of the row, from 1.
        line: u64,
        /// What the CSV reader reported.
        #[source]
        source: csv::Error,
    },
    /// No row of the file holds every column the reader needs.
    #[error("{}: no header row with the columns {}", path.display(), columns.join(", "))]
    MissingHeader {
        /// The file.
        path: PathBuf,
        /// The columns looked for.
        columns: Vec<&'static str>,
    },
    /// A row stops before a column the reader needs, or the cell is empty.
    #[error("{}, line {line}, column {column}: value is missing", path.display())]
    MissingValue {
        /// The file.
        path: PathBuf,
        /// Line of the row, from 1.
        line: u64,
        /// The column's header name.
        column: &'static str,
    },
    /// A cell does not hold the kind of value its column needs.
    #[error("{}, line {line}, column {column}: expected {expected}", path.display())]
    InvalidValue {
        /// The file.
        path: PathBuf,
        /// Line of the row, from 1.
        line: u64,
        /// The column's header name.
        column: &'static str,
        /// What the column should hold.
        expected: &'static str,
    },
    /// A municipality appears twice in a file that lists each once.
    #[error("{}, line {line}: municipality {key} appears a second time", path.display())]
    DuplicateMunicipality {
        /// The file.
        path: PathBuf,
        /// Line of the second row, from 1.
        line: u64,
        /// The repeated municipality.
        key: MunicipalityKey,
    },
    /// A row names a municipality that the district table does not list.
    #[error("{}, line {line}: municipality {key} is not in the district table", path.display())]
    UnknownMunicipality {
        /// The file.
        path: PathBuf,
        /// Line of the row, from 1.
        line: u64,
        /// The municipality.
        key: MunicipalityKey,
    },
}
