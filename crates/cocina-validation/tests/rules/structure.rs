//! Structure, geography, status and delivery rules.

use cocina_importers::import_file;
use cocina_model::{Lang, RequestedItem};
use cocina_validation::{Rule, RuleSetting, ValidationOptions};

use super::{Case, expect};

#[test]
fn e001_a_repeated_header_is_a_header_problem() {
    let mut case = Case::new();
    case.register_header = "CLAVE COCINA,CURP,SEXO,FECHA DE NACIMIENTO,EDAD,EDAD".into();
    let found = case.found();
    assert!(
        found.iter().any(|(code, _)| *code == "CA-E001"),
        "{found:?}"
    );
}

#[test]
fn e002_a_word_in_a_number_column_is_an_invalid_cell() {
    let case = Case::new().first_person("OAX-1,UOPP150412MOCNRRA6,M,2015-04-12,uno y medio,0-5");
    assert_eq!(case.found(), expect(&[("CA-E002", "E2")]));
}

#[test]
fn e003_a_municipality_key_without_its_zeros_is_a_key_format_warning() {
    let case = Case::new().first_kitchen(
        "OAX-1,Comedor Centro,OAXACA DE JUAREZ,67,17.0606,-96.7253,OPERANDO,2010-01-15,",
    );
    assert_eq!(case.found(), expect(&[("CA-E003", "D2")]));
}

#[test]
fn e004_an_unrecognised_table_is_reported_and_not_fatal() {
    let case = Case::new().tweak(|d| {
        let notes = import_file(
            "notas.csv",
            b"OBSERVACIONES,FOLIO\nnada,1\n",
            &cocina_importers::ImportOptions::default(),
        );
        d.issues.extend(notes.issues);
    });
    let report = case.report();
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].code(), "CA-E004");
    assert!(report.is_valid(), "an unrecognised table is a warning");
}

#[test]
fn s001_a_repeated_kitchen_key() {
    let case = Case::new().kitchen(super::KITCHEN_1);
    assert_eq!(case.found(), expect(&[("CA-S001", "A3")]));
}

#[test]
fn s002_a_person_at_an_unknown_kitchen() {
    let case = Case::new().person("OAX-9,PEPP150412MOCNRRA1,M,2015-04-12,1,0-5");
    let found = case.found();
    assert!(found.contains(&("CA-S002", "A3".to_owned())), "{found:?}");
}

#[test]
fn s003_a_kitchen_in_operation_without_people_but_not_a_closed_one() {
    let empty = "OAX-2,Comedor Norte,OAXACA DE JUAREZ,067,17.07,-96.72,OPERANDO,2010-01-15,";
    assert_eq!(
        Case::new().kitchen(empty).found(),
        expect(&[("CA-S003", "A3")])
    );
    let closed =
        "OAX-2,Comedor Norte,OAXACA DE JUAREZ,067,17.07,-96.72,CERRADA,2010-01-15,2015-01-01";
    assert_eq!(Case::new().kitchen(closed).found(), expect(&[]));
}

#[test]
fn s004_a_total_row_that_disagrees_with_its_rows() {
    let counts = "CLAVE COCINA,SEXO,RANGO DE EDAD,CANTIDAD\nOAX-1,M,0-5,3\nOAX-1,H,0-5,4\n";
    let good = format!("{counts}TOTAL,,,7\n");
    let bad = format!("{counts}TOTAL,,,9\n");
    let import = |text: String| {
        move |d: &mut cocina_importers::ImportedDelivery| {
            let options = cocina_importers::ImportOptions::default();
            let file = import_file("concentrado.csv", text.as_bytes(), &options);
            d.counts.extend(file.counts);
            d.issues.extend(file.issues);
        }
    };
    assert_eq!(Case::new().tweak(import(good)).found(), expect(&[]));
    let found = Case::new().tweak(import(bad)).found();
    assert_eq!(found, expect(&[("CA-S004", "D4")]));
}

#[test]
fn s005_a_delivery_without_a_register_or_without_kitchens() {
    let no_register = Case::new().tweak(|d| d.beneficiaries.clear());
    assert_eq!(no_register.found(), expect(&[("CA-S005", "-")]));
    let no_kitchens = Case::new().tweak(|d| d.kitchens.clear());
    let found = no_kitchens.found();
    assert!(found.contains(&("CA-S005", "-".to_owned())), "{found:?}");
}

#[test]
fn g001_a_municipality_key_oaxaca_does_not_have() {
    let case = Case::new().first_kitchen(
        "OAX-1,Comedor Centro,OAXACA DE JUAREZ,999,17.0606,-96.7253,OPERANDO,2010-01-15,",
    );
    let found = case.found();
    assert!(found.contains(&("CA-G001", "D2".to_owned())), "{found:?}");
}

#[test]
fn g003_a_point_far_from_its_municipality() {
    // Juchitán, on the isthmus, stated as Oaxaca de Juárez.
    let case = Case::new().first_kitchen(
        "OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,16.4330,-95.0194,OPERANDO,2010-01-15,",
    );
    assert_eq!(case.found(), expect(&[("CA-G003", "E2")]));
    let mut tolerant = Case::new().first_kitchen(
        "OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,16.4330,-95.0194,OPERANDO,2010-01-15,",
    );
    tolerant.options.boundary_tolerance_km = 500.0;
    assert_eq!(tolerant.found(), expect(&[]));
}

#[test]
fn g004_to_g008_coordinate_faults() {
    let cases = [
        ("17.0606,96.7253", "CA-G004", "F2"),
        ("-96.7253,17.0606", "CA-G005", "E2"),
        ("19.4326,-99.1332", "CA-G006", "E2"),
        ("0,0", "CA-G007", "E2"),
        (",", "CA-G008", "E2"),
    ];
    for (point, code, cell) in cases {
        let row = format!("OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,{point},OPERANDO,2010-01-15,");
        let found = Case::new().first_kitchen(&row).found();
        assert_eq!(found, expect(&[(code, cell)]), "{point}");
    }
}

#[test]
fn g009_many_kitchens_at_one_point_but_not_two() {
    let at =
        |key| format!("{key},Comedor,OAXACA DE JUAREZ,067,17.0606,-96.7253,OPERANDO,2010-01-15,");
    let person = |key| format!("{key},,M,,30,18-59");
    let two = Case::new().kitchen(&at("OAX-2")).person(&person("OAX-2"));
    assert_eq!(two.found(), expect(&[]));
    let three = Case::new()
        .kitchen(&at("OAX-2"))
        .kitchen(&at("OAX-3"))
        .person(&person("OAX-2"))
        .person(&person("OAX-3"));
    assert_eq!(
        three.found(),
        expect(&[("CA-G009", "E3"), ("CA-G009", "E4")])
    );
    let mut five = three;
    five.options.shared_point_kitchens = 5;
    assert_eq!(five.found(), expect(&[]));
}

#[test]
fn k001_a_closed_or_suspended_kitchen_with_people() {
    for status in ["CERRADA", "SUSPENDIDA"] {
        let row = format!(
            "OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253,{status},2010-01-15,"
        );
        let report = Case::new().first_kitchen(&row).report();
        let codes: Vec<_> = report
            .findings
            .iter()
            .map(cocina_validation::Finding::code)
            .collect();
        assert_eq!(codes, ["CA-K001"], "{status}");
        assert!(
            report.findings[0]
                .message(Lang::En)
                .contains("1 beneficiaries")
        );
    }
}

#[test]
fn k002_dates_out_of_order() {
    let closed_first =
        "OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253,OPERANDO,2012-01-15,2011-03-01";
    let found = Case::new().first_kitchen(closed_first).found();
    assert_eq!(found, expect(&[("CA-K002", "I2")]));
    let future = "OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253,OPERANDO,2017-01-15,";
    assert_eq!(
        Case::new().first_kitchen(future).found(),
        expect(&[("CA-K002", "H2")])
    );
}

#[test]
fn d001_a_requested_item_that_did_not_come_quotes_its_wording() {
    let case = Case::new().tweak(|d| {
        d.delivery.items.push(RequestedItem {
            description: "Georreferenciación de las cocinas".into(),
            received: false,
            files: Vec::new(),
        });
    });
    let report = case.report();
    assert_eq!(report.findings.len(), 1);
    let finding = &report.findings[0];
    assert_eq!(finding.code(), "CA-D001");
    assert_eq!(&*finding.source.as_ref().unwrap().file, "entrega.json");
    assert!(
        finding
            .message(Lang::Es)
            .contains("«Georreferenciación de las cocinas»")
    );
}

#[test]
fn configuration_turns_rules_off_changes_severities_and_denies_warnings() {
    let empty = "OAX-2,Comedor Norte,OAXACA DE JUAREZ,067,17.07,-96.72,OPERANDO,2010-01-15,";
    let mut case = Case::new().kitchen(empty);
    case.options
        .rules
        .insert(Rule::KitchenWithoutBeneficiaries, RuleSetting::Off);
    assert_eq!(case.found(), expect(&[]));

    let text = "[rules]\nkitchen-without-beneficiaries = \"error\"\n";
    case.options = ValidationOptions::from_toml(text).unwrap();
    let report = case.report();
    assert_eq!(report.findings.len(), 1);
    assert!(!report.is_valid());

    case.options = ValidationOptions::from_toml("[rules]\nCA-S003 = \"warning\"\n").unwrap();
    assert!(case.report().is_valid());
    case.options.deny_warnings = true;
    assert!(!case.report().is_valid());
}
