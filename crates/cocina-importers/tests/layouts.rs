//! The three layouts read end to end: kitchens, beneficiaries, counts.

use chrono::NaiveDate;
use cocina_importers::{ImportOptions, IssueKind, import_file};
use cocina_model::{AgeBins, CommitteeRole, KitchenStatus, PriorityGroup, Sex};

use crate::support::{cell_of, xlsx};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn kitchens_read_every_field() {
    let csv = "\
        CLAVE;NOMBRE;REGION;MUNICIPIO;CVEGEO;DOMICILIO;LATITUD;LONGITUD;ESTATUS;\
        FECHA DE APERTURA;CAPACIDAD;PRESIDENTA;TELEFONO\n\
        OAX-VC-001;Comedor Centro;Valles Centrales;Oaxaca de Juárez;200670001;Calle 1;\
        17,0606;-96,7253;En operación;15/03/2016;120;Persona Uno;951 000 0000\n\
        OAX-VC-002;Comedor Norte;Valles Centrales;Oaxaca de Juárez;200670001;;;;\
        SUSPENDIDA;2016-04-01;cien;;\n";
    let imported = import_file("k.csv", csv.as_bytes(), &ImportOptions::default());
    let [first, second] = imported.kitchens.as_slice() else {
        panic!("two kitchens, got {}", imported.kitchens.len());
    };
    assert_eq!(first.region_name.as_deref(), Some("Valles Centrales"));
    assert_eq!(
        first.municipality.map(|m| m.to_string()).as_deref(),
        Some("067")
    );
    assert_eq!(
        first.locality.map(|l| l.to_string()).as_deref(),
        Some("0001")
    );
    assert_eq!(first.address.as_deref(), Some("Calle 1"));
    assert_eq!(
        first.location.map(|p| (p.x(), p.y())),
        Some((-96.7253, 17.0606))
    );
    assert_eq!(first.status, KitchenStatus::Operating);
    assert_eq!(first.opened, Some(ymd(2016, 3, 15)));
    assert_eq!(first.capacity, Some(120));
    assert_eq!(first.contacts.len(), 1);
    assert_eq!(first.contacts[0].role, CommitteeRole::President);
    assert!(first.contacts[0].phone.is_some());
    assert_eq!(second.status, KitchenStatus::Suspended);
    assert_eq!(second.opened, Some(ymd(2016, 4, 1)));
    assert_eq!(second.location, None);
    assert_eq!(second.capacity, None);
    assert_eq!(imported.issues.len(), 1, "{:?}", imported.issues);
    assert_eq!(cell_of(&imported.issues[0]).as_deref(), Some("K3"));
    assert!(matches!(&imported.issues[0].kind,
            IssueKind::InvalidValue { field, .. } if field == "capacidad"));
}

#[test]
fn cvegeo_completes_and_checks_the_other_keys() {
    let bytes = xlsx(&[(
        "comedores",
        &[
            &["clave", "municipio", "cve_mun", "cvegeo"],
            &["OAX-1", "Oaxaca de Juárez", "", "200670001"],
            &["OAX-2", "Oaxaca de Juárez", "43", "200670001"],
        ],
    )]);
    let imported = import_file("k.xlsx", &bytes, &ImportOptions::default());
    let keys: Vec<_> = imported
        .kitchens
        .iter()
        .map(|k| {
            (
                k.municipality.map(|m| m.to_string()),
                k.locality.map(|l| l.to_string()),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            (Some("067".to_owned()), Some("0001".to_owned())),
            (Some("043".to_owned()), Some("0001".to_owned()))
        ]
    );
    let mismatch = imported
        .issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::InconsistentKeys { .. }));
    assert_eq!(mismatch.and_then(cell_of).as_deref(), Some("D3"));
}

#[test]
fn beneficiaries_get_ages_and_groups() {
    let bytes = xlsx(&[(
        "padron",
        &[
            &[
                "CLAVE COCINA",
                "NOMBRE(S)",
                "APELLIDO PATERNO",
                "SEXO",
                "EDAD",
                "FECHA DE NACIMIENTO",
                "EMBARAZADA O LACTANTE",
                "DISCAPACIDAD",
            ],
            &[
                "OAX-VC-001",
                "Ana",
                "Prueba",
                "MUJER",
                "7",
                "",
                "NO",
                "NINGUNA",
            ],
            &[
                "OAX-VC-001",
                "Bea",
                "Prueba",
                "M",
                "",
                "12/04/2015",
                "",
                "MOTRIZ",
            ],
            &["OAX-VC-001", "Cata", "Prueba", "M", "25 AÑOS", "", "SI", ""],
            &["OAX-VC-001", "Dora", "Prueba", "Z", "-3", "", "", ""],
        ],
    )]);
    let options = ImportOptions {
        reference_date: Some(ymd(2024, 3, 31)),
        ..ImportOptions::default()
    };
    let imported = import_file("p.xlsx", &bytes, &options);
    let people = &imported.beneficiaries;
    assert_eq!(people.len(), 4);
    let ages: Vec<_> = people.iter().map(|p| p.age).collect();
    assert_eq!(ages, [Some(7), Some(8), Some(25), None]);
    let groups: Vec<_> = people.iter().map(|p| p.age_group.to_string()).collect();
    assert_eq!(groups, ["6-12", "6-12", "18-59", "unknown"]);
    assert_eq!(people[0].sex, Some(Sex::Female));
    assert!(people[0].priority.is_empty());
    assert_eq!(people[1].priority, [PriorityGroup::Disability]);
    assert_eq!(people[2].priority, [PriorityGroup::PregnantOrBreastfeeding]);
    assert!(people[0].name.is_some());
    let cells: Vec<_> = imported.issues.iter().filter_map(cell_of).collect();
    assert_eq!(cells, ["D5", "E5"], "{:?}", imported.issues);
}

#[test]
fn age_groups_from_the_sheet_win_over_the_bins() {
    let bytes = xlsx(&[(
        "padron",
        &[
            &["clave_comedor", "sexo", "edad", "grupo de edad"],
            &["OAX-VC-001", "H", "5", "4 A 8 AÑOS"],
            &["OAX-VC-001", "H", "70", ""],
        ],
    )]);
    let bins = AgeBins::new(
        ["0-17", "18+"]
            .iter()
            .map(|l| l.parse().expect("group"))
            .collect(),
    )
    .expect("bins");
    let options = ImportOptions {
        age_bins: bins,
        ..ImportOptions::default()
    };
    let imported = import_file("p.xlsx", &bytes, &options);
    let groups: Vec<_> = imported
        .beneficiaries
        .iter()
        .map(|p| p.age_group.to_string())
        .collect();
    assert_eq!(groups, ["4-8", "18+"]);
}

#[test]
fn count_tables_give_counts() {
    let bytes = xlsx(&[(
        "conteo",
        &[
            &["CLAVE COCINA", "SEXO", "RANGO DE EDAD", "TOTAL"],
            &["OAX-VC-001", "MUJERES", "0-5", "12"],
            &["OAX-VC-001", "HOMBRES", "60 Y MÁS", "3"],
            &["OAX-VC-002", "HOMBRES", "6-12", ""],
        ],
    )]);
    let imported = import_file("c.xlsx", &bytes, &ImportOptions::default());
    let counts: Vec<_> = imported
        .counts
        .iter()
        .map(|c| {
            (
                c.kitchen.to_string(),
                c.sex,
                c.age_group.to_string(),
                c.count,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            (
                "OAX-VC-001".to_owned(),
                Some(Sex::Female),
                "0-5".to_owned(),
                12
            ),
            (
                "OAX-VC-001".to_owned(),
                Some(Sex::Male),
                "60+".to_owned(),
                3
            )
        ]
    );
    assert_eq!(imported.issues.len(), 1);
    assert_eq!(cell_of(&imported.issues[0]).as_deref(), Some("D4"));
}
