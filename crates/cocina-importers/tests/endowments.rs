//! Endowment tables (sheet `DOTACION`): rows grouped into one endowment
//! per kitchen or program, age group and period.

use cocina_importers::{ImportOptions, IssueKind, import_file};
use cocina_model::{AgeGroup, KitchenKey, Unit};

use crate::support::{cell_of, xlsx};

const HEADER: [&str; 11] = [
    "GRUPO DE EDAD",
    "PRODUCTO",
    "CANTIDAD",
    "UNIDAD",
    "PERIODO",
    "ENERGIA (KCAL)",
    "PROTEINAS (G)",
    "HIDRATOS DE CARBONO (G)",
    "LIPIDOS (G)",
    "PROVEEDOR",
    "LICITACION",
];

fn group(min: u8, max: Option<u8>) -> AgeGroup {
    AgeGroup::Range { min, max }
}

/// A program-wide `DOTACION` sheet: title rows, two age groups, a
/// total row that agrees with its group's rows.
fn program_wide_sheet() -> Vec<u8> {
    xlsx(&[(
        "DOTACION",
        &[
            &["SISTEMA DIF OAXACA"],
            &["Dotación mensual 2016"],
            &HEADER,
            &[
                "6-12",
                "Arroz",
                "2",
                "KG",
                "MENSUAL",
                "7200",
                "140",
                "1580",
                "12",
                "Proveedora S.A.",
                "LPE-001-2016",
            ],
            &[
                "6-12",
                "Frijol",
                "1.5",
                "kilogramos",
                "MENSUAL",
                "5100",
                "330",
                "900",
                "20",
                "Proveedora S.A.",
                "LPE-001-2016",
            ],
            &[
                "6-12",
                "Atún",
                "4",
                "LATAS",
                "MENSUAL",
                "480",
                "100",
                "0",
                "8",
                "Otra S.A.",
                "LPE-001-2016",
            ],
            &[
                "TOTAL", "", "", "", "", "12780", "570", "2480", "40", "", "",
            ],
            &[
                "60 Y MAS",
                "Leche",
                "6",
                "L",
                "MENSUAL",
                "3720",
                "192",
                "288",
                "198",
                "Proveedora S.A.",
                "LPE-001-2016",
            ],
            &[
                "60 Y MAS",
                "Avena",
                "1",
                "PAQ",
                "MENSUAL",
                "",
                "",
                "",
                "",
                "Proveedora S.A.",
                "LPE-001-2016",
            ],
        ],
    )])
}

#[test]
fn program_wide_endowments_are_grouped_by_age_group() {
    let bytes = program_wide_sheet();
    let imported = import_file("dotacion.xlsx", &bytes, &ImportOptions::default());
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    let [school, older] = imported.endowments.as_slice() else {
        panic!("two endowments, got {}", imported.endowments.len());
    };
    assert_eq!(school.kitchen, None);
    assert_eq!(school.age_group, group(6, Some(12)));
    assert_eq!(school.period.as_deref(), Some("MENSUAL"));
    assert_eq!(school.items.len(), 3);
    let units: Vec<&Unit> = school.items.iter().map(|i| &i.unit).collect();
    assert_eq!(units, [&Unit::Kilogram, &Unit::Kilogram, &Unit::Can]);
    assert!((school.items[1].quantity - 1.5).abs() < 1e-12);
    assert_eq!(school.nutrients.energy_kcal, Some(12_780.0));
    assert_eq!(school.nutrients.protein_g, Some(570.0));
    assert_eq!(school.nutrients.fat_g, Some(40.0));
    assert_eq!(school.items[2].nutrients.energy_kcal, Some(480.0));
    // Two suppliers: each item keeps its own, the ration names none.
    assert_eq!(school.supplier, None);
    assert_eq!(school.items[2].supplier.as_deref(), Some("Otra S.A."));
    assert_eq!(school.tender.as_deref(), Some("LPE-001-2016"));
    assert_eq!(older.age_group, group(60, None));
    assert_eq!(older.items[1].unit, Unit::Package);
    assert_eq!(older.nutrients.energy_kcal, Some(3720.0));
    assert_eq!(older.supplier.as_deref(), Some("Proveedora S.A."));
    let origin = school.items[0].origin.as_ref().expect("origin");
    assert_eq!(
        origin.cell("producto").to_string(),
        "dotacion.xlsx, sheet DOTACION, cell B4"
    );
}

#[test]
fn endowments_per_kitchen_keep_their_key_and_report_bad_rows() {
    let csv = "\
        CLAVE COCINA;GRUPO DE EDAD;PRODUCTO;CANTIDAD;UNIDAD;ENERGIA (KCAL)\n\
        OAX-VC-001;0-5;Leche;2;L;1240\n\
        ;0-5;Leche;2;L;1240\n\
        OAX-VC-001;0-5;;1;KG;\n\
        OAX-VC-001;0-5;Arroz;dos;KG;\n\
        OAX-VC-001;0-5;Sal;1;COSTAL;\n\
        TOTAL;;;;;2000\n";
    let imported = import_file("d.csv", csv.as_bytes(), &ImportOptions::default());
    let keys: Vec<Option<&str>> = imported
        .endowments
        .iter()
        .map(|e| e.kitchen.as_ref().map(KitchenKey::as_str))
        .collect();
    assert_eq!(keys, [Some("OAX-VC-001"), None]);
    let items: Vec<&str> = imported.endowments[0]
        .items
        .iter()
        .map(|i| i.product.as_str())
        .collect();
    assert_eq!(items, ["Leche", "Sal"]);
    // An unknown unit is kept as written, for validation to judge.
    assert_eq!(
        imported.endowments[0].items[1].unit,
        Unit::Other("COSTAL".into())
    );
    let problems: Vec<(String, &str)> = imported
        .issues
        .iter()
        .map(|i| {
            let kind = match &i.kind {
                IssueKind::MissingValue { .. } => "missing",
                IssueKind::InvalidValue { .. } => "invalid",
                IssueKind::TotalMismatch { .. } => "total",
                _ => "other",
            };
            (cell_of(i).unwrap_or_default(), kind)
        })
        .collect();
    let expected = [("C4", "missing"), ("D5", "invalid"), ("F7", "total")];
    let expected: Vec<(String, &str)> = expected
        .iter()
        .map(|(c, k)| ((*c).to_owned(), *k))
        .collect();
    assert_eq!(problems, expected);
}

#[test]
fn an_endowment_table_without_its_required_columns_says_which() {
    let csv = "PRODUCTO;CANTIDAD;PROVEEDOR\nLeche;2;Proveedora\n";
    let imported = import_file("d.csv", csv.as_bytes(), &ImportOptions::default());
    assert!(imported.endowments.is_empty());
    let missing: Vec<&str> = imported
        .issues
        .iter()
        .filter_map(|i| match &i.kind {
            IssueKind::MissingColumn { field } => Some(field.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(missing, ["rango_edad", "unidad"]);
}

/// Endowments without their origins, for comparing imports of different
/// files.
fn without_origins(mut endowments: Vec<cocina_model::Endowment>) -> Vec<cocina_model::Endowment> {
    for item in endowments.iter_mut().flat_map(|e| e.items.iter_mut()) {
        item.origin = None;
    }
    endowments
}

#[test]
fn endowments_round_trip_through_the_canonical_form() {
    let source = tempfile::tempdir().expect("temp dir");
    std::fs::write(source.path().join("dotacion.xlsx"), program_wide_sheet()).expect("write");
    let per_kitchen = "CLAVE COCINA;GRUPO DE EDAD;PRODUCTO;CANTIDAD;UNIDAD;PROVEEDOR\n\
        OAX-VC-001;0-5;=Leche;2;ML;Proveedora\n";
    std::fs::write(source.path().join("dotacion_cocinas.csv"), per_kitchen).expect("write");
    let options = ImportOptions::default();
    let imported = cocina_importers::import_delivery(source.path(), &options).expect("imports");
    assert_eq!(imported.endowments.len(), 3);

    let out = tempfile::tempdir().expect("temp dir");
    let files = cocina_importers::write_canonical(&imported, out.path()).expect("written");
    let written = files.endowments.expect("dotacion.csv written");
    assert!(written.ends_with(cocina_importers::ENDOWMENTS_FILE));
    let csv = std::fs::read_to_string(&written).expect("read");
    assert!(csv.starts_with("clave_comedor,rango_edad,producto,cantidad,unidad,periodo,"));
    assert!(csv.contains("OAX-VC-001,0-5,'=Leche,2.0,ML,"), "{csv}");

    let again = cocina_importers::import_delivery(out.path(), &options).expect("imports back");
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    assert_eq!(
        without_origins(again.endowments),
        without_origins(imported.endowments)
    );
}
