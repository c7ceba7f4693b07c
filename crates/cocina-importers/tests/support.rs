//! Helpers shared by the test modules: loading the case files, building
//! small workbooks in memory, and picking issues.

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::NaiveDate;
use cocina_importers::{
    FileTables, ImportIssue, ImportOptions, ImportedFile, IssueKind, Limits, Table, import_file,
    read_file,
};
use cocina_model::CellRef;
use rust_xlsxwriter::Workbook;

/// Directory of the shared case files.
pub(crate) fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases")
}

/// Returns the bytes of a case file.
pub(crate) fn case_bytes(name: &str) -> Vec<u8> {
    let path = cases_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The expected results of the shared cases.
pub(crate) static EXPECTED: LazyLock<serde_json::Value> = LazyLock::new(|| {
    let text = std::fs::read_to_string(cases_dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
});

/// Options with the cut-off date of the case files.
pub(crate) fn options() -> ImportOptions {
    ImportOptions {
        reference_date: NaiveDate::from_ymd_opt(2024, 3, 31),
        ..ImportOptions::default()
    }
}

/// Imports a case file with [`options`].
pub(crate) fn import_case(name: &str) -> ImportedFile {
    import_file(name, &case_bytes(name), &options())
}

/// Reads the tables of a case file.
pub(crate) fn read_case(name: &str) -> FileTables {
    read_file(name, &case_bytes(name), &Limits::default()).expect("case file reads")
}

/// Returns the table of `sheet`.
pub(crate) fn sheet<'a>(read: &'a FileTables, sheet: &str) -> &'a Table {
    read.tables
        .iter()
        .find(|t| t.sheet().map(|s| &**s) == Some(sheet))
        .unwrap_or_else(|| panic!("no sheet {sheet}"))
}

/// Parses an A1 reference.
pub(crate) fn a1(text: &str) -> CellRef {
    CellRef::parse_a1(text).expect("A1 reference")
}

/// Returns the A1 cell of an issue, if it has one.
pub(crate) fn cell_of(issue: &ImportIssue) -> Option<String> {
    issue.source.cell.map(|c| c.to_string())
}

/// Returns the issues for which `pick` is true.
pub(crate) fn issues_where(
    imported: &ImportedFile,
    pick: impl Fn(&IssueKind) -> bool,
) -> Vec<&ImportIssue> {
    imported.issues.iter().filter(|i| pick(&i.kind)).collect()
}

/// Builds an .xlsx in memory with one sheet per `(name, rows)`; a cell
/// that parses as a number is written as one, unless it starts with `'`
/// (as typed in a spreadsheet program), which makes the rest text.
pub(crate) fn xlsx(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if text.is_empty() {
                    continue;
                }
                match (text.strip_prefix('\''), text.parse::<f64>()) {
                    (Some(typed), _) => sheet.write_string(r, c, typed).map(|_| ()),
                    (None, Ok(n)) => sheet.write_number(r, c, n).map(|_| ()),
                    (None, Err(_)) => sheet.write_string(r, c, *text).map(|_| ()),
                }
                .expect("cell written");
            }
        }
    }
    book.save_to_buffer().expect("workbook saved")
}
