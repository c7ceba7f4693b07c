//! Validation of small deliveries built in memory.

use cocina_geography::Catalog;
use cocina_importers::{ImportOptions, ImportedDelivery, import_file};
use cocina_model::{Delivery, Lang};
use cocina_validation::{Rule, RuleSetting, ValidationOptions, resolve_municipalities, validate};

mod faults;
mod public_findings;
mod rules;

fn delivery(files: &[(&str, &str)]) -> ImportedDelivery {
    let mut out = ImportedDelivery {
        delivery: Delivery {
            id: "prueba".into(),
            received: None,
            cut_date: None,
            request: None,
            items: Vec::new(),
            files: Vec::new(),
        },
        kitchens: Vec::new(),
        beneficiaries: Vec::new(),
        counts: Vec::new(),
        endowments: Vec::new(),
        issues: Vec::new(),
    };
    for (name, text) in files {
        let file = import_file(name, text.as_bytes(), &ImportOptions::default());
        out.kitchens.extend(file.kitchens);
        out.beneficiaries.extend(file.beneficiaries);
        out.issues.extend(file.issues);
    }
    resolve_municipalities(&mut out.kitchens, Catalog::bundled());
    out
}

/// Options for deliveries that hold only some of the tables on purpose.
fn partial() -> ValidationOptions {
    let mut options = ValidationOptions::default();
    options.rules.insert(Rule::MissingTable, RuleSetting::Off);
    options
}

const KITCHENS: &str = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO\n\
                        OAX-1,Comedor Centro,OAXACA DE JUAREZ\n\
                        OAX-2,Comedor Norte,SAN JUAN MIXTEPEC\n\
                        OAX-1,Comedor Sur,OAXACA DE JUAREZ\n";

#[test]
fn unknown_kitchens_are_found_and_a_name_in_the_key_column_is_not_repeated() {
    let register = "CLAVE COCINA,SEXO,EDAD\nOAX-1,M,7\nOAX-9,H,8\nZacarias Quetzalpetlatl,M,9\n";
    let delivery = delivery(&[("comedores.csv", KITCHENS), ("padron.csv", register)]);
    let report = validate(&delivery, Catalog::bundled(), &ValidationOptions::default());
    let unknown: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::UnknownKitchen)
        .collect();
    assert_eq!(unknown.len(), 2);
    let cells: Vec<String> = unknown
        .iter()
        .map(|f| f.source.as_ref().unwrap().cell.unwrap().to_string())
        .collect();
    assert_eq!(cells, ["A3", "A4"]);
    for finding in &report.findings {
        for lang in Lang::ALL {
            let message = finding.message(lang);
            assert!(!message.contains("Zacarias"), "{message}");
        }
    }
    assert!(unknown[0].message(Lang::Es).contains("OAX-9"));
}

#[test]
fn duplicate_keys_and_ambiguous_names_point_at_their_cells() {
    let delivery = delivery(&[("comedores.csv", KITCHENS)]);
    let report = validate(&delivery, Catalog::bundled(), &partial());
    let found: Vec<(&str, String)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.code(),
                f.source.as_ref().unwrap().cell.unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("CA-S001", "A4".to_owned()), ("CA-G002", "C3".to_owned())]
    );
    let message = report.findings[1].message(Lang::Es);
    assert!(
        message.contains("Distrito 08") && message.contains("Distrito 26"),
        "{message}"
    );
    let message = report.findings[0].message(Lang::Es);
    assert!(
        message.contains("hoja") || message.contains("celda A2"),
        "{message}"
    );
}

/// Case C10: a longitude without its minus sign, swapped coordinates, 0,0,
/// a point in Mexico City and a kitchen without coordinates, each reported
/// at its row with the repair it suggests.
#[test]
fn coordinate_faults_are_named_with_their_repair_c10() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../cocina-importers/tests/data/cases/C10_coordinates_sign_swap.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let file = import_file(
        "C10_coordinates_sign_swap.xlsx",
        &bytes,
        &ImportOptions::default(),
    );
    let mut delivery = delivery(&[]);
    delivery.kitchens = file.kitchens;
    resolve_municipalities(&mut delivery.kitchens, Catalog::bundled());
    let report = validate(&delivery, Catalog::bundled(), &partial());
    let found: Vec<(&str, u32)> = report
        .findings
        .iter()
        .map(|f| (f.code(), f.source.as_ref().unwrap().row.unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("CA-G004", 3),
            ("CA-G005", 4),
            ("CA-G006", 6),
            ("CA-G007", 5),
            ("CA-G008", 7),
            // The case's list has no municipality column at all.
            ("CA-K003", 2)
        ]
    );
    let sign = report.findings[0].message(Lang::En);
    assert!(
        sign.contains("-95.0194") && sign.contains("negative"),
        "{sign}"
    );
    let swap = report.findings[1].message(Lang::Es);
    assert!(
        swap.contains("intercambiadas") && swap.contains("-96.7253"),
        "{swap}"
    );
}

/// Case C08: a municipality name damaged by a wrong encoding still finds
/// its municipality; the damage itself is the importer's warning.
#[test]
fn a_damaged_municipality_name_is_matched_as_repaired_c08() {
    let kitchens = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO\n\
                    OAX-1,Comedor,Heroica Ciudad de JuchitÃ¡n de Zaragoza\n";
    let delivery = delivery(&[("comedores.csv", kitchens)]);
    assert_eq!(delivery.kitchens[0].municipality.unwrap().as_str(), "043");
    let report = validate(&delivery, Catalog::bundled(), &ValidationOptions::default());
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule != Rule::UnknownMunicipality)
    );
    assert!(report.findings.iter().any(|f| f.rule == Rule::InvalidCell));
}

/// `docs/rules.md` is generated from the registry; this fails when it is
/// out of date and says how to regenerate it.
#[test]
fn rules_doc_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let expected = cocina_validation::rules_markdown();
    if std::env::var_os("COCINA_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date; regenerate it with\n  \
         COCINA_UPDATE_DOCS=1 cargo test -p cocina-validation --test main rules_doc"
    );
}
