//! Total rows: recognised, never imported as records, and checked against
//! the rows they total.

use cocina_importers::{ImportOptions, IssueKind, import_file};

use crate::support::{cell_of, xlsx};

#[test]
fn total_rows_are_excluded_and_checked_per_region() {
    let bytes = xlsx(&[(
        "conteo",
        &[
            &["Beneficiarios por cocina"],
            &["CLAVE COCINA", "SEXO", "RANGO DE EDAD", "CANTIDAD"],
            &["OAX-CO-001", "M", "6-12", "10"],
            &["OAX-CO-001", "H", "6-12", "5"],
            &["TOTAL COSTA", "", "", "15"],
            &["OAX-IS-001", "M", "0-5", "7"],
            &["OAX-IS-002", "H", "0-5", "3"],
            &["Subtotal Istmo", "", "", "11"],
            &["TOTAL GENERAL", "", "", "25"],
        ],
    )]);
    let imported = import_file("c.xlsx", &bytes, &ImportOptions::default());
    let counts: Vec<u32> = imported.counts.iter().map(|c| c.count).collect();
    assert_eq!(counts, [10, 5, 7, 3], "total rows are not records");
    let [issue] = imported.issues.as_slice() else {
        panic!("one issue, got {:?}", imported.issues);
    };
    assert_eq!(cell_of(issue).as_deref(), Some("D8"));
    let IssueKind::TotalMismatch {
        field,
        stated,
        computed,
    } = &issue.kind
    else {
        panic!("unexpected {issue:?}");
    };
    assert_eq!(
        (field.as_str(), *stated, *computed),
        ("cantidad", 11.0, 10.0)
    );
}

#[test]
fn a_grand_total_that_disagrees_is_reported() {
    let csv = "\
        CLAVE;NOMBRE;CAPACIDAD\n\
        OAX-VC-001;Uno;100\n\
        OAX-VC-002;Dos;50\n\
        SUMA;;160\n";
    let imported = import_file("k.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.kitchens.len(), 2);
    let [issue] = imported.issues.as_slice() else {
        panic!("one issue, got {:?}", imported.issues);
    };
    assert_eq!(cell_of(issue).as_deref(), Some("C4"));
    let IssueKind::TotalMismatch {
        stated, computed, ..
    } = issue.kind
    else {
        panic!("unexpected {issue:?}");
    };
    assert_eq!((stated, computed), (160.0, 150.0));
}

#[test]
fn a_total_label_left_of_the_key_column_is_recognised() {
    // The label sits in a column the header does not name; the key is blank.
    let csv = "\
        ;CLAVE COCINA;SEXO;RANGO DE EDAD;CANTIDAD\n\
        1;OAX-VC-001;M;6-12;4\n\
        TOTAL;;;;4\n";
    let imported = import_file("c.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.counts.len(), 1);
    let missing = imported
        .issues
        .iter()
        .filter(|i| !matches!(i.kind, IssueKind::BlankHeader))
        .count();
    assert_eq!(missing, 0, "{:?}", imported.issues);
}

#[test]
fn a_kitchen_whose_name_starts_like_a_total_is_a_kitchen() {
    let csv = "CLAVE;NOMBRE;MUNICIPIO\nOAX-VC-001;Sumatoria de Esfuerzos;Totolapan\n";
    let imported = import_file("k.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.kitchens.len(), 1);
}
