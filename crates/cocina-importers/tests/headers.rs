//! Header recognition: wording, title rows, blank and duplicate headers,
//! tables of no known kind.

use cocina_importers::{Field, ImportOptions, IssueKind, TableKind, import_file};

use crate::support::{cell_of, import_case, issues_where, xlsx};

const C13: &str = "C13_duplicate_blank_headers.xlsx";

/// C13: a blank header with data below it, and two fields named twice
/// (`edad`, and ` Sexo ` after trimming and case-folding). Each problem is
/// reported at its cell, and neither column of a duplicated field is used.
#[test]
fn blank_and_duplicate_headers_are_reported_never_guessed_c13() {
    let imported = import_case(C13);
    let blank = issues_where(&imported, |k| matches!(k, IssueKind::BlankHeader));
    let blank: Vec<_> = blank.iter().filter_map(|i| cell_of(i)).collect();
    assert_eq!(blank, ["E1"]);
    let duplicates: Vec<_> = issues_where(&imported, |k| {
        matches!(k, IssueKind::DuplicateHeader { .. })
    })
    .into_iter()
    .map(|i| match &i.kind {
        IssueKind::DuplicateHeader { field } => (cell_of(i).expect("cell"), field.clone()),
        _ => unreachable!("filtered"),
    })
    .collect();
    assert_eq!(
        duplicates,
        [
            ("F1".to_owned(), "edad".to_owned()),
            ("G1".to_owned(), "sexo".to_owned())
        ]
    );
    assert_eq!(imported.issues.len(), 3, "{:?}", imported.issues);
    assert_eq!(imported.beneficiaries.len(), 2, "the rows are still read");
    for person in &imported.beneficiaries {
        assert_eq!(person.age, None, "neither edad column is picked");
        assert_eq!(person.sex, None, "neither sexo column is picked");
        assert_eq!(person.origin.columns.get("edad"), None);
    }
}

#[test]
fn agency_wording_maps_to_canonical_fields() {
    let bytes = xlsx(&[(
        "COCINAS",
        &[
            &["SISTEMA DIF OAXACA"],
            &["PADRÓN DE COCINAS COMEDOR NUTRICIONAL COMUNITARIAS 2016"],
            &[],
            &[
                "",
                "No.",
                "CVE. COCINA",
                "NOMBRE DE LA COCINA",
                "NOM_MUN",
                "Cve. Mun.",
                "LAT",
                "LONG",
            ],
            &[
                "",
                "1",
                "OAX-VC-001",
                "Comedor Centro",
                "OAXACA DE JUAREZ",
                "67",
                "17.06",
                "-96.72",
            ],
        ],
    )]);
    let imported = import_file("c.xlsx", &bytes, &ImportOptions::default());
    let kitchen = &imported.kitchens[0];
    assert_eq!(kitchen.origin.row, 5);
    let columns: Vec<(&str, u32)> = kitchen.origin.columns.iter().collect();
    assert_eq!(
        columns,
        [
            ("clave", 3),
            ("cve_mun", 6),
            ("folio", 2),
            ("latitud", 7),
            ("longitud", 8),
            ("municipio", 5),
            ("nombre", 4)
        ]
    );
    assert_eq!(
        kitchen.location.map(|p| (p.x(), p.y())),
        Some((-96.72, 17.06))
    );
}

#[test]
fn field_names_depend_on_the_table_kind() {
    assert_eq!(TableKind::Kitchens.field_name(Field::KitchenKey), "clave");
    assert_eq!(
        TableKind::Beneficiaries.field_name(Field::KitchenKey),
        "clave_comedor"
    );
    assert_eq!(TableKind::Kitchens.field_name(Field::KitchenName), "nombre");
    assert_eq!(TableKind::Beneficiaries.field_name(Field::Name), "nombre");
    assert!(Field::KitchenKey.synonyms().contains(&"no de cocina"));
}

#[test]
fn a_table_of_no_known_kind_is_reported_once() {
    let bytes = xlsx(&[
        (
            "notas",
            &[&["Observaciones generales"], &["Sin comentarios"]],
        ),
        ("Hoja2", &[]),
    ]);
    let imported = import_file("n.xlsx", &bytes, &ImportOptions::default());
    assert_eq!(imported.issues.len(), 1, "{:?}", imported.issues);
    assert_eq!(imported.issues[0].kind, IssueKind::UnrecognisedTable);
    assert_eq!(imported.issues[0].source.to_string(), "n.xlsx, sheet notas");
}

#[test]
fn repeated_headers_and_blank_rows_are_skipped() {
    let bytes = xlsx(&[(
        "padron",
        &[
            &["CLAVE COCINA", "SEXO", "EDAD"],
            &["OAX-VC-001", "M", "7"],
            &[],
            &["CLAVE COCINA", "SEXO", "EDAD"],
            &["OAX-IS-004", "H", "9"],
            &["", "M", "8"],
        ],
    )]);
    let imported = import_file("p.xlsx", &bytes, &ImportOptions::default());
    let rows: Vec<u32> = imported
        .beneficiaries
        .iter()
        .map(|b| b.origin.row)
        .collect();
    assert_eq!(rows, [2, 5]);
    assert_eq!(imported.issues.len(), 1, "{:?}", imported.issues);
    assert_eq!(
        imported.issues[0].kind,
        IssueKind::MissingValue {
            field: "clave_comedor".into()
        }
    );
    assert_eq!(cell_of(&imported.issues[0]).as_deref(), Some("A6"));
}
