//! Where values come from: real sheet rows and columns under title rows,
//! sheets whose declared dimension lies, and merged cells.

use std::collections::BTreeMap;

use cocina_importers::IssueKind;

use crate::support::{EXPECTED, import_case, read_case, sheet};

const C05: &str = "C05_merged_region_cells.xlsx";
const C06: &str = "C06_header_not_first_row.xlsx";
const C18: &str = "C18_dimension_lies.xlsx";

/// C06: the header sits on row 4 from column B, below title rows or blank
/// rows; every record keeps its real row, and `edad` of the second person
/// is cell E6 in both sheets.
#[test]
fn header_below_title_rows_keeps_sheet_rows_c06() {
    let imported = import_case(C06);
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    for name in ["padron", "padron_sin_titulo"] {
        let people: Vec<_> = imported
            .beneficiaries
            .iter()
            .filter(|b| b.origin.sheet.as_deref() == Some(name))
            .collect();
        assert_eq!(people.len(), 3, "{name}");
        let rows: Vec<u32> = people.iter().map(|b| b.origin.row).collect();
        assert_eq!(rows, [5, 6, 7], "{name}");
        let old = people
            .iter()
            .find(|b| b.age == Some(150))
            .expect("the 150-year-old");
        let cell = old.origin.cell("edad");
        assert_eq!(
            cell.cell.map(|c| c.to_string()).as_deref(),
            Some("E6"),
            "{name}"
        );
        assert_eq!(cell.to_string(), format!("{C06}, sheet {name}, cell E6"));
        assert_eq!(old.origin.columns.get("clave_comedor"), Some(3), "column C");
    }
}

/// C18: a sheet declaring `A1:B2` and one declaring the impossible `A0:D6`
/// both read as A1:D6.
#[test]
fn declared_dimension_is_ignored_c18() {
    let read = read_case(C18);
    assert!(read.issues.is_empty(), "{:?}", read.issues);
    for name in ["dim_corta", "dim_fila_cero"] {
        let table = sheet(&read, name);
        assert_eq!(table.rows().len(), 6, "{name}");
        assert!(
            table.rows().iter().all(|r| r.cells().count() == 4),
            "{name}"
        );
    }
    let imported = import_case(C18);
    assert_eq!(imported.beneficiaries.len(), 10);
    let last = imported.beneficiaries.last().expect("a record");
    assert_eq!(last.origin.sheet.as_deref(), Some("dim_fila_cero"));
    assert_eq!(last.kitchen.as_str(), "OAX-MX-005");
    assert_eq!(last.age, Some(70));
    assert_eq!(last.age_group.to_string(), "60+");
}

/// C05: a region merged down over its kitchens reaches every kitchen.
#[test]
fn merged_region_cells_reach_every_row_c05() {
    let imported = import_case(C05);
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    let expected = &EXPECTED["C05"];
    let by_row = expected["region_by_row"].as_object().expect("regions");
    assert_eq!(imported.kitchens.len(), by_row.len());
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for kitchen in &imported.kitchens {
        let region = kitchen
            .region_name
            .clone()
            .expect("every kitchen has its region");
        let want = &by_row[&kitchen.origin.row.to_string()];
        assert_eq!(
            Some(region.as_str()),
            want.as_str(),
            "row {}",
            kitchen.origin.row
        );
        *counts.entry(region).or_default() += 1;
    }
    for (region, count) in expected["count_by_region"].as_object().expect("counts") {
        assert_eq!(counts.get(region).copied(), count.as_u64(), "{region}");
    }
    let missing = imported
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::MissingValue { .. }));
    assert_eq!(missing.count(), 0);
}
