//! Endowment rules, and the rules that need the reference data.

use std::sync::Arc;

use cocina_geography::reference::Reference;
use cocina_model::{ColumnMap, Endowment, EndowmentItem, Lang, Nutrients, RowOrigin, Unit};

use super::{Case, expect};

fn origin(row: u32) -> RowOrigin {
    let mut columns = ColumnMap::default();
    for (field, column) in [
        ("grupo_edad", 1),
        ("unidad", 4),
        ("energia_kcal", 6),
        ("clave_comedor", 12),
    ] {
        columns.insert(field, column);
    }
    RowOrigin {
        file: "dotaciones.csv".into(),
        sheet: None,
        row,
        columns: Arc::new(columns),
    }
}

/// A ration of 10 g protein, 50 g carbohydrate and 10 g fat (330 kcal by
/// 4/4/9) stating `kcal`.
fn ration(group: &str, kcal: f64, unit: Unit, row: u32) -> Endowment {
    Endowment {
        kitchen: None,
        age_group: group.parse().unwrap(),
        period: None,
        items: vec![EndowmentItem {
            product: "Avena".into(),
            quantity: 1.0,
            unit,
            nutrients: Nutrients::default(),
            supplier: None,
            tender: None,
            origin: Some(origin(row)),
        }],
        nutrients: Nutrients {
            energy_kcal: Some(kcal),
            protein_g: Some(10.0),
            carbohydrate_g: Some(50.0),
            fat_g: Some(10.0),
        },
        supplier: None,
        tender: None,
    }
}

fn with(endowments: Vec<Endowment>) -> Case {
    Case::new().tweak(move |d| d.endowments.clone_from(&endowments))
}

#[test]
fn n001_energy_beyond_the_tolerance_of_4_4_9() {
    let near = with(vec![ration("0-5", 350.0, Unit::Kilogram, 2)]);
    assert_eq!(near.found(), expect(&[]));
    let far = with(vec![ration("0-5", 500.0, Unit::Kilogram, 2)]);
    assert_eq!(far.found(), expect(&[("CA-N001", "F2")]));
    let message = far.report().findings[0].message(Lang::En);
    assert!(
        message.contains("500 kcal") && message.contains("330 kcal"),
        "{message}"
    );
    let mut loose = with(vec![ration("0-5", 350.0, Unit::Kilogram, 2)]);
    loose.options.energy_tolerance_percent = 1.0;
    assert_eq!(loose.found(), expect(&[("CA-N001", "F2")]));
}

#[test]
fn n001_each_product_line_is_checked_at_its_own_cell() {
    let mut endowment = ration("0-5", 330.0, Unit::Kilogram, 2);
    let mut second = endowment.items[0].clone();
    second.origin = Some(origin(3));
    for (item, kcal) in [(&mut endowment.items[0], 165.0), (&mut second, 400.0)] {
        item.nutrients = Nutrients {
            energy_kcal: Some(kcal),
            protein_g: Some(5.0),
            carbohydrate_g: Some(25.0),
            fat_g: Some(5.0),
        };
    }
    endowment.items.push(second);
    assert_eq!(with(vec![endowment]).found(), expect(&[("CA-N001", "F3")]));
}

#[test]
fn s006_an_endowment_for_a_kitchen_not_listed() {
    let mut listed = ration("0-5", 330.0, Unit::Kilogram, 2);
    listed.kitchen = Some("OAX-1".parse().unwrap());
    assert_eq!(with(vec![listed.clone()]).found(), expect(&[]));
    let mut unknown = listed;
    unknown.kitchen = Some("OAX-77".parse().unwrap());
    let case = with(vec![unknown]);
    assert_eq!(case.found(), expect(&[("CA-S006", "L2")]));
    assert!(
        case.report().findings[0]
            .message(Lang::Es)
            .contains("OAX-77")
    );
}

#[test]
fn n002_an_unknown_unit() {
    let unknown = with(vec![ration("0-5", 330.0, Unit::Other("COSTAL".into()), 2)]);
    assert_eq!(unknown.found(), expect(&[("CA-N002", "D2")]));
}

#[test]
fn n003_an_age_group_served_without_endowment() {
    let other_group = with(vec![ration("6-12", 330.0, Unit::Kilogram, 2)]);
    let report = other_group.report();
    assert_eq!(other_group.found(), expect(&[("CA-N003", "-")]));
    let finding = &report.findings[0];
    assert_eq!(&*finding.source.as_ref().unwrap().file, "dotaciones.csv");
    assert!(finding.message(Lang::Es).contains("0-5"));
    // Without any endowment table there is nothing to compare with.
    assert_eq!(Case::new().found(), expect(&[]));
}

/// A reference directory with Oaxaca de Juárez (very low marginalization)
/// and San Juan Mixtepec (high), with the given populations.
fn reference(oaxaca_population: u32) -> Reference {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: String| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "oaxaca/oax_mun_distrito_region.csv",
        "cvegeo,nom_mun,region,distrito\n20067,Oaxaca de Juárez,Valles Centrales,Centro\n\
         20208,San Juan Mixtepec,Mixteca,Juxtlahuaca\n"
            .into(),
    );
    write(
        "inegi/mun_oax_ageeml_censo2020.csv",
        format!(
            "cvegeo,pob_total,pob_masculina,pob_femenina\n20067,{oaxaca_population},0,0\n\
             20208,7000,3400,3600\n"
        ),
    );
    write(
        "conapo/imm_2020_oax.csv",
        "CVE_ENT,CVE_MUN,POB_TOT,IM_2020,GM_2020\n20,20067,270955,58.68,Muy bajo\n\
         20,20208,7000,49.1,Alto\n"
            .into(),
    );
    Reference::load(dir.path()).unwrap()
}

#[test]
fn r001_a_kitchen_in_a_municipality_of_very_low_marginalization() {
    let mut case = Case::new();
    case.reference = Some(reference(270_955));
    assert_eq!(case.found(), expect(&[("CA-R001", "D2")]));
    let mut high = Case::new()
        .first_kitchen("OAX-1,Comedor,SAN JUAN MIXTEPEC,208,17.3,-97.9,OPERANDO,2010-01-15,");
    high.reference = Some(reference(270_955));
    let found = high.found();
    assert!(
        !found.iter().any(|(code, _)| *code == "CA-R001"),
        "{found:?}"
    );
}

#[test]
fn r002_more_people_than_inhabitants() {
    let mut case = Case::new().person("OAX-1,,H,,30,18-59");
    case.options.rules.insert(
        cocina_validation::Rule::LowMarginalization,
        cocina_validation::RuleSetting::Off,
    );
    case.reference = Some(reference(2));
    assert_eq!(case.found(), expect(&[]));
    case.reference = Some(reference(1));
    assert_eq!(case.found(), expect(&[("CA-R002", "D2")]));
    let message = case.report().findings[0].message(Lang::En);
    assert!(
        message.contains("2 beneficiaries") && message.contains("1 inhabitants"),
        "{message}"
    );
}
