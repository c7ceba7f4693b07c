//! One sheet per region: a kitchens list split over several sheets with the
//! same header imports whole, each kitchen keeping its sheet. The same
//! content as .xls (written by `data/regions/make_kitchens_by_region.py`)
//! and as .xlsx gives the same kitchens.

use cocina_importers::{ImportOptions, ImportedFile, IssueKind, import_file};

use crate::support::xlsx;

const XLS: &str = "regions/kitchens_by_region.xls";

fn xls_bytes() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(XLS);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn xlsx_bytes() -> Vec<u8> {
    let header: &[&str] = &[
        "CLAVE",
        "NOMBRE DE LA COCINA",
        "MUNICIPIO",
        "CVE_MUN",
        "CAPACIDAD",
    ];
    xlsx(&[
        (
            "COSTA",
            &[
                &["COCINAS COMEDOR NUTRICIONAL COMUNITARIAS - REGION COSTA"],
                &[],
                header,
                &[
                    "OAX-CO-001",
                    "COMEDOR LA PLAYA",
                    "SANTA MARIA HUATULCO",
                    "413",
                    "80",
                ],
                &[
                    "OAX-CO-002",
                    "COMEDOR EL PUERTO",
                    "SAN PEDRO POCHUTLA",
                    "324",
                    "60",
                ],
                &["TOTAL COSTA", "", "", "", "140"],
            ],
        ),
        (
            "ISTMO",
            &[
                &["COCINAS COMEDOR NUTRICIONAL COMUNITARIAS - REGION ISTMO"],
                &[],
                header,
                &[
                    "OAX-IS-001",
                    "COMEDOR EL VIENTO",
                    "JUCHITAN DE ZARAGOZA",
                    "43",
                    "120",
                ],
                &["TOTAL ISTMO", "", "", "", "120"],
            ],
        ),
        (
            "MIXTECA",
            &[
                &["COCINAS COMEDOR NUTRICIONAL COMUNITARIAS - REGION MIXTECA"],
                &[],
                header,
                &[
                    "OAX-MX-001",
                    "COMEDOR LA MONTANA",
                    "HEROICA CIUDAD DE HUAJUAPAN DE LEON",
                    "39",
                    "90",
                ],
                &["OAX-MX-002", "COMEDOR EL RIO", "TLAXIACO", "397", "40"],
                &["TOTAL MIXTECA", "", "", "", "130"],
            ],
        ),
    ])
}

fn check(imported: &ImportedFile, file: &str) {
    let found: Vec<(String, String, String)> = imported
        .kitchens
        .iter()
        .map(|k| {
            let sheet = k.origin.sheet.as_deref().unwrap_or_default().to_owned();
            let municipality = k.municipality.map(|m| m.to_string()).unwrap_or_default();
            (k.key.as_str().to_owned(), sheet, municipality)
        })
        .collect();
    let expected = [
        ("OAX-CO-001", "COSTA", "413"),
        ("OAX-CO-002", "COSTA", "324"),
        ("OAX-IS-001", "ISTMO", "043"),
        ("OAX-MX-001", "MIXTECA", "039"),
        ("OAX-MX-002", "MIXTECA", "397"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(k, s, m)| ((*k).to_owned(), (*s).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(found, expected, "{file}");
    let origin = &imported.kitchens[2].origin;
    assert_eq!(
        origin.cell("clave").to_string(),
        format!("{file}, sheet ISTMO, cell A4")
    );
    // Only the two-digit municipality keys stored as numbers (43, 39) are
    // reported: the totals agree and the total rows are no kitchens.
    assert!(
        imported
            .issues
            .iter()
            .all(|i| matches!(i.kind, IssueKind::CodePadded { .. })),
        "{file}: {:?}",
        imported.issues
    );
    let places: Vec<String> = imported
        .issues
        .iter()
        .map(|i| i.source.to_string())
        .collect();
    let expected = [
        format!("{file}, sheet ISTMO, cell D4"),
        format!("{file}, sheet MIXTECA, cell D4"),
    ];
    assert_eq!(places, expected);
}

#[test]
fn kitchens_split_by_region_import_whole_from_xls() {
    let imported = import_file("comedores.xls", &xls_bytes(), &ImportOptions::default());
    check(&imported, "comedores.xls");
}

#[test]
fn kitchens_split_by_region_import_whole_from_xlsx() {
    let imported = import_file("comedores.xlsx", &xlsx_bytes(), &ImportOptions::default());
    check(&imported, "comedores.xlsx");
}
