//! Hostile deliveries: personal data typed into public text, invisible
//! characters, overlong text, a NUL byte in a CSV cell, symbolic links that
//! lead outside the delivery. Each is reported at its cell or file without
//! repeating the value, and the rest of the delivery is read.

use std::fs;

use cocina_importers::{ImportOptions, ImportedDelivery, IssueKind, import_delivery, import_file};
use cocina_model::{PersonalShape, PublicText};

use crate::support::cell_of;

const CURP: &str = "GOMM800315MOCRRR05";

fn withheld_at(imported: &ImportedDelivery) -> Vec<(String, String, PersonalShape)> {
    imported
        .issues
        .iter()
        .filter_map(|i| match &i.kind {
            IssueKind::PersonalDataWithheld { field, shape } => Some((
                cell_of(i).unwrap_or_else(|| i.source.file.to_string()),
                field.clone(),
                *shape,
            )),
            _ => None,
        })
        .collect()
}

/// Asserts that exactly `expected` cells (A1 cell, field, shape) were
/// withheld, in any order.
fn assert_withheld_at(imported: &ImportedDelivery, expected: &[(&str, &str, PersonalShape)]) {
    let mut found = withheld_at(imported);
    found.sort();
    let mut expected: Vec<_> = expected
        .iter()
        .map(|(c, f, s)| ((*c).to_owned(), (*f).to_owned(), *s))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
}

fn write_delivery(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

#[test]
fn personal_values_in_kitchen_text_are_withheld_at_their_cells() {
    let kitchens = format!(
        "clave,nombre,municipio,localidad,direccion\n\
         OAX-1,Comedor {CURP},Oaxaca de Juárez,Centro,Calle 1\n\
         OAX-2,Comedor Dos,Oaxaca de Juárez,Tel 951 555 0199,Calle 2\n\
         OAX-3,Comedor Tres,Leocadia Ruiz Santibáñez,Centro,gomm 800315 mocrrr05\n"
    );
    let register = "clave_comedor,nombre,sexo,edad\nOAX-3,Leocadia Ruiz Santibáñez,M,40\n";
    let dir = write_delivery(&[("comedores.csv", &kitchens), ("padron.csv", register)]);
    let imported = import_delivery(dir.path(), &ImportOptions::default()).expect("imports");

    assert_withheld_at(
        &imported,
        &[
            ("B2", "nombre", PersonalShape::Curp),
            ("C4", "municipio", PersonalShape::Name),
            ("D3", "localidad", PersonalShape::Phone),
            ("E4", "direccion", PersonalShape::Curp),
        ],
    );

    let k = &imported.kitchens;
    assert_eq!(k[0].name, PublicText::WITHHELD);
    assert_eq!(k[1].locality_name.as_deref(), Some(PublicText::WITHHELD));
    assert_eq!(
        k[2].municipality_name.as_deref(),
        Some(PublicText::WITHHELD)
    );
    assert_eq!(k[2].address.as_deref(), Some(PublicText::WITHHELD));
    let debug = format!("{:?}", imported.kitchens) + &format!("{:?}", imported.issues);
    for secret in [CURP, "951 555 0199", "Santibáñez", "gomm"] {
        assert!(!debug.contains(secret), "{secret}");
    }
}

/// Kitchen keys holding a name, a date written in words, an e-mail or a
/// CURP become neutral keys, numbered in file order; the register and the
/// endowments still point at their kitchens; each key is reported at its
/// cell in the list and once per other file, never repeated.
#[test]
fn kitchen_keys_that_look_personal_become_neutral_keys_that_still_link() {
    let kitchens = format!(
        "clave,nombre,municipio\n\
         OAX-1,Comedor Uno,Oaxaca de Juárez\n\
         Juan López Pérez,Comedor Dos,Oaxaca de Juárez\n\
         3 de mayo de 1987,Comedor Tres,Oaxaca de Juárez\n\
         comite@example.org,Comedor Cuatro,Oaxaca de Juárez\n\
         {CURP},Comedor Cinco,Oaxaca de Juárez\n"
    );
    // The register sorts first: its keys are read before the list's.
    let register = format!(
        "clave_comedor,sexo,edad\n\
         {CURP},M,30\n\
         juan  lópez pérez,M,40\n\
         JUAN LÓPEZ PÉREZ,H,41\n\
         OAX-1,H,8\n"
    );
    let dir = write_delivery(&[("a_padron.csv", &register), ("b_comedores.csv", &kitchens)]);
    let imported = import_delivery(dir.path(), &ImportOptions::default()).expect("imports");

    let keys: Vec<&str> = imported.kitchens.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "OAX-1",
            "CLAVE-RETIRADA-0002",
            "CLAVE-RETIRADA-0003",
            "CLAVE-RETIRADA-0004",
            "CLAVE-RETIRADA-0001",
        ]
    );
    let people: Vec<&str> = imported
        .beneficiaries
        .iter()
        .map(|b| b.kitchen.as_str())
        .collect();
    assert_eq!(
        people,
        [
            "CLAVE-RETIRADA-0001",
            "CLAVE-RETIRADA-0002",
            "CLAVE-RETIRADA-0002",
            "OAX-1"
        ]
    );

    assert_withheld_at(
        &imported,
        &[
            ("A2", "clave_comedor", PersonalShape::Curp),
            ("A3", "clave", PersonalShape::Name),
            ("A3", "clave_comedor", PersonalShape::Name),
            ("A4", "clave", PersonalShape::Date),
            ("A5", "clave", PersonalShape::Email),
            ("A6", "clave", PersonalShape::Curp),
        ],
    );
    assert!(
        !imported
            .issues
            .iter()
            .any(|i| matches!(i.kind, IssueKind::InvalidKey { .. })),
        "{:?}",
        imported.issues
    );
    let debug = format!("{imported:?}");
    for secret in ["LÓPEZ", "López", "MAYO", "EXAMPLE", "GOMM"] {
        assert!(!debug.contains(secret), "{secret}");
    }
}

/// A registered person's name reordered, cut to a given name and a
/// surname, or written without accents in another case is withheld; a
/// kitchen named after a saint or its municipality is not.
#[test]
fn registered_names_are_withheld_in_any_order_and_in_part() {
    let kitchens = "clave,nombre,municipio,direccion\n\
         OAX-1,LOPEZ PEREZ JUAN,San Juan Bautista Lo de Soto,Centro\n\
         OAX-2,Comedor Juan López,Santa María Huatulco,Junto a casa Hernández Cruz\n\
         OAX-3,Comedor San Juan,San Juan Bautista Lo de Soto,Calle 5 de Mayo\n\
         OAX-4,Comedor Juan,Santa Cruz Xoxocotlán,nacida el 3 de mayo de 1987\n";
    let register = "clave_comedor,nombre,sexo,edad\n\
         OAX-1,Juan López Pérez,H,40\n\
         OAX-2,María Hernández Cruz,M,35\n";
    let dir = write_delivery(&[("comedores.csv", kitchens), ("padron.csv", register)]);
    let imported = import_delivery(dir.path(), &ImportOptions::default()).expect("imports");

    assert_withheld_at(
        &imported,
        &[
            ("B2", "nombre", PersonalShape::Name),
            ("B3", "nombre", PersonalShape::Name),
            ("D3", "direccion", PersonalShape::Name),
            ("D5", "direccion", PersonalShape::Date),
        ],
    );
    let k = &imported.kitchens;
    assert_eq!(k[2].name, "Comedor San Juan");
    assert_eq!(k[3].name, "Comedor Juan");
    assert_eq!(
        k[0].municipality_name.as_deref(),
        Some("San Juan Bautista Lo de Soto")
    );
}

#[test]
fn hidden_characters_are_removed_and_long_text_is_cut() {
    let long = "a".repeat(300);
    let kitchens = format!(
        "clave,nombre,localidad\nOAX-1,Comedor \u{202e}Centro\u{200b},Sección\u{7f} 2\nOAX-2,{long},x\n"
    );
    let imported = import_file("c.csv", kitchens.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.kitchens[0].name, "Comedor Centro");
    assert_eq!(
        imported.kitchens[0].locality_name.as_deref(),
        Some("Sección 2")
    );
    let hidden: Vec<_> = imported
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::HiddenCharacters { .. }))
        .filter_map(cell_of)
        .collect();
    assert_eq!(hidden, ["B2", "C2"]);
    assert_eq!(imported.kitchens[1].name.chars().count(), 200);
    assert!(imported.issues.iter().any(|i| {
        matches!(i.kind, IssueKind::TextTooLong { max: 200, .. })
            && cell_of(i).as_deref() == Some("B3")
    }));

    let mut options = ImportOptions::default();
    options.limits.max_text_chars = 10;
    let imported = import_file("c.csv", kitchens.as_bytes(), &options);
    assert_eq!(imported.kitchens[0].name, "Comedor Ce");
}

#[test]
fn a_nul_byte_in_a_csv_cell_is_reported_at_the_cell_and_the_file_read() {
    let csv = "clave,nombre\nOAX-1,Comedor Uno\nOAX-2,Comedor\0 Dos\nOAX-3,Comedor Tres\n";
    let imported = import_file("comedores.csv", csv.as_bytes(), &ImportOptions::default());
    let names: Vec<&str> = imported.kitchens.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["Comedor Uno", "Comedor Dos", "Comedor Tres"]);
    let nul: Vec<_> = imported
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::NulCharacter { .. }))
        .collect();
    assert_eq!(nul.len(), 1, "{:?}", imported.issues);
    assert_eq!(&*nul[0].source.file, "comedores.csv");
    assert_eq!(cell_of(nul[0]).as_deref(), Some("B3"));
    assert_eq!(
        nul[0].kind,
        IssueKind::NulCharacter {
            line: 3,
            field: Some("nombre".to_owned())
        }
    );
}

#[cfg(unix)]
#[test]
fn links_that_lead_outside_the_delivery_are_refused() {
    let outside = tempfile::tempdir().expect("temp dir");
    let secret = outside.path().join("secreto.csv");
    fs::write(&secret, "clave,nombre\nOAX-9,Comedor de fuera\n").expect("write");
    fs::write(outside.path().join("entrega.json"), r#"{"id": "de-fuera"}"#).expect("write");

    let dir = write_delivery(&[("comedores.csv", "clave,nombre\nOAX-1,Comedor Uno\n")]);
    std::os::unix::fs::symlink(&secret, dir.path().join("enlace.csv")).expect("link");
    std::os::unix::fs::symlink(
        dir.path().join("comedores.csv"),
        dir.path().join("dentro.csv"),
    )
    .expect("link");
    std::os::unix::fs::symlink(
        outside.path().join("entrega.json"),
        dir.path().join("entrega.json"),
    )
    .expect("link");

    let imported = import_delivery(dir.path(), &ImportOptions::default()).expect("imports");
    let refused: Vec<&str> = imported
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::LinkOutsideDelivery))
        .map(|i| &*i.source.file)
        .collect();
    assert_eq!(refused, ["enlace.csv", "entrega.json"]);
    assert!(
        imported
            .kitchens
            .iter()
            .all(|k| k.name != "Comedor de fuera")
    );
    assert_ne!(imported.delivery.id, "de-fuera");
    let files: Vec<&str> = imported
        .delivery
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        files,
        ["comedores.csv", "dentro.csv"],
        "a link inside is read"
    );
}

#[test]
fn manifest_fields_and_file_names_are_screened() {
    let manifest = format!(
        r#"{{"id": "entrega-{CURP}", "request": "951-555-0188",
            "items": [{{"description": "Padrón de Leocadia Ruiz Santibáñez", "received": true,
                        "files": ["{CURP}.csv"]}},
                      {{"description": "Escribir a comite@example.org", "received": false}}]}}"#
    );
    let register = "clave_comedor,nombre,sexo,edad\nOAX-3,Leocadia Ruiz Santibáñez,M,40\n";
    let dir = write_delivery(&[
        ("entrega.json", &manifest),
        (&format!("{CURP}.csv"), register),
        ("comedores.csv", "clave,nombre\nOAX-3,Comedor Tres\n"),
    ]);
    let imported = import_delivery(dir.path(), &ImportOptions::default()).expect("imports");

    let delivery = &imported.delivery;
    assert_eq!(delivery.id, "entrega");
    assert_eq!(delivery.request.as_deref(), Some(PublicText::WITHHELD));
    assert_eq!(delivery.items[0].description, PublicText::WITHHELD);
    assert_eq!(delivery.items[1].description, PublicText::WITHHELD);
    assert_eq!(delivery.items[0].files, ["archivo-retirado-1.csv"]);
    let files: Vec<&str> = delivery.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        files,
        ["archivo-retirado-1.csv", "comedores.csv", "entrega.json"]
    );
    assert_eq!(imported.beneficiaries.len(), 1, "the renamed file is read");
    assert_eq!(
        &*imported.beneficiaries[0].origin.file,
        "archivo-retirado-1.csv"
    );

    let everything = format!("{imported:?}");
    for secret in [CURP, "951-555-0188", "Santibáñez", "comite@"] {
        assert!(!everything.contains(secret), "{secret}");
    }
}
