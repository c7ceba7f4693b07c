//! Validation of small deliveries built in memory.

use cocina_geography::Catalog;
use cocina_importers::{ImportOptions, ImportedDelivery, import_file};
use cocina_model::{Delivery, Lang};
use cocina_validation::{Rule, ValidationOptions, resolve_municipalities, validate};

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
    let report = validate(&delivery, Catalog::bundled(), &ValidationOptions::default());
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
