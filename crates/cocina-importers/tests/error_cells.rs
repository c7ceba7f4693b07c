//! Spreadsheet error cells (`#N/A`, `#DIV/0!`) are errors, never zero or
//! empty, and are told from the text "#N/A" where the format allows.

use cocina_importers::{ImportOptions, InvalidCell, IssueKind, Table, import_file};

use crate::support::{a1, read_case, sheet};

const C20_XLSX: &str = "C20_error_cells.xlsx";
const C20_ODS: &str = "C20_error_cells.ods";

fn error(text: &str) -> Result<Option<f64>, InvalidCell> {
    Err(InvalidCell::ErrorValue {
        error: text.to_owned(),
    })
}

fn kcal_sum(table: &Table) -> f64 {
    (2..=5)
        .filter_map(|row| table.number(a1(&format!("E{row}"))).ok().flatten())
        .sum()
}

/// C20 (.xlsx): D3 `#DIV/0!` and E4 `#N/A` are error cells; E5 is the
/// text "#N/A", a type error in a numeric field.
#[test]
fn xlsx_error_cells_differ_from_error_text_c20() {
    let read = read_case(C20_XLSX);
    let table = sheet(&read, "dotaciones");
    assert_eq!(table.number(a1("D3")), error("#DIV/0!"));
    assert_eq!(table.number(a1("E4")), error("#N/A"));
    assert_eq!(
        table.number(a1("E5")),
        Err(InvalidCell::WrongType {
            expected: "a number"
        })
    );
    assert_eq!(table.number(a1("D2")), Ok(Some(0.25)));
    assert!(
        (kcal_sum(table) - 385.0).abs() < 1e-9,
        "{}",
        kcal_sum(table)
    );
}

/// C20 (.ods): calamine gives error cells as their text, so error-looking
/// text in a numeric field is an error cell there; none becomes a number.
#[test]
fn ods_error_text_in_numeric_fields_is_an_error_c20() {
    let read = read_case(C20_ODS);
    let table = sheet(&read, "dotaciones");
    assert_eq!(table.number(a1("D3")), error("#DIV/0!"));
    assert_eq!(table.number(a1("E4")), error("#N/A"));
    assert_eq!(table.number(a1("E5")), error("#N/A"));
    assert!(
        (kcal_sum(table) - 385.0).abs() < 1e-9,
        "{}",
        kcal_sum(table)
    );
}

/// An error in a field the importer reads becomes an `ErrorCell` issue at
/// its cell and leaves the value out; here a CSV exported with `#N/A`.
#[test]
fn error_cells_in_records_are_reported_at_their_cell_c20() {
    let csv = "clave,nombre,latitud,longitud\nOAX-VC-001,Comedor Centro,#N/A,-96.7\n";
    let imported = import_file("e.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.kitchens.len(), 1);
    assert_eq!(imported.kitchens[0].location, None);
    assert_eq!(imported.issues.len(), 1, "{:?}", imported.issues);
    let issue = &imported.issues[0];
    assert_eq!(issue.source.to_string(), "e.csv, cell C2");
    let kind = IssueKind::ErrorCell {
        field: "latitud".into(),
        error: "#N/A".into(),
    };
    assert_eq!(issue.kind, kind);
}
