//! Finding and reading the shared reference data.
//!
//! The reference catalogues (INEGI, CONAPO, DIGEPO) are not part of the
//! repository: tests read them in place from the directory named by the
//! environment variable [`SHARED_DATA_VAR`], the `data` directory of the
//! shared checkout. A clean clone has no such directory, so when the
//! variable is unset (or empty) a test prints that it was skipped and
//! passes; when it is set, the directory must exist, or the test fails
//! rather than silently testing nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The environment variable holding the path to the shared `data`
/// directory.
pub(crate) const SHARED_DATA_VAR: &str = "COCINA_SHARED_DATA";

/// Returns the shared data directory, or `None` after printing that `test`
/// was skipped because the variable is unset.
///
/// Panics when the variable is set but does not name a directory.
#[expect(
    clippy::print_stdout,
    reason = "a skipped test says so in the test output"
)]
pub(crate) fn shared_data(test: &str) -> Option<PathBuf> {
    let value = std::env::var_os(SHARED_DATA_VAR).filter(|v| !v.is_empty());
    let Some(value) = value else {
        println!("skipped {test}: {SHARED_DATA_VAR} is not set");
        return None;
    };
    let dir = PathBuf::from(value);
    assert!(
        dir.is_dir(),
        "{SHARED_DATA_VAR} is set to {}, which is not a directory",
        dir.display()
    );
    Some(dir)
}

/// One CSV row, by column name.
pub(crate) type Row = HashMap<String, String>;

/// Reads a UTF-8 CSV file with a header row; panics with the path on any
/// error, since a broken reference file is a broken test setup.
pub(crate) fn read_csv(dir: &Path, relative: &str) -> Vec<Row> {
    let path = dir.join(relative);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    reader
        .deserialize()
        .map(|row| row.unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())))
        .collect()
}

/// Returns a column of a row; panics naming the column when it is missing.
pub(crate) fn field<'a>(row: &'a Row, column: &str) -> &'a str {
    row.get(column)
        .unwrap_or_else(|| panic!("column {column} is missing"))
}
