//! The reference directory: district, region, census population, CONAPO
//! marginalization and localities, read from the shared data in place.

use std::collections::BTreeMap;
use std::path::Path;

use cocina_geography::reference::{
    MarginalizationDegree, MarginalizationRow, Reference, ReferenceError, read_marginalization_2020,
};
use cocina_model::MunicipalityKey;

use crate::support::shared_data;

const RAW_CP1252: &str = "conapo/raw/IMM_2020_datosabiertos_cp1252.csv";
const RAW_PUBLICATION: &str = "conapo/raw/IMM_2020_publicacion_utf8bom_crlf.csv";
const CLEAN_2020: &str = "conapo/imm_2020_oax.csv";

fn key(number: u32) -> MunicipalityKey {
    MunicipalityKey::from_number(number).unwrap()
}

#[test]
fn every_municipality_has_a_district_and_one_of_eight_regions() {
    let Some(dir) = shared_data("every_municipality_has_a_district") else {
        return;
    };
    let reference = Reference::load(&dir).unwrap();
    assert_eq!(reference.municipalities().count(), 570);

    let mut per_region = BTreeMap::<&str, usize>::new();
    let mut districts = BTreeMap::<&str, usize>::new();
    for facts in reference.municipalities() {
        *per_region.entry(facts.region.as_str()).or_default() += 1;
        *districts.entry(facts.district.as_str()).or_default() += 1;
    }
    let expected = [
        ("Cañada", 45),
        ("Costa", 50),
        ("Istmo", 41),
        ("Mixteca", 155),
        ("Papaloapan", 20),
        ("Sierra Norte", 68),
        ("Sierra Sur", 70),
        ("Valles Centrales", 121),
    ];
    assert_eq!(per_region, BTreeMap::from(expected));
    assert_eq!(districts.len(), 30);
}

#[test]
fn census_population_sums_to_the_state_total() {
    let Some(dir) = shared_data("census_population_sums_to_the_state_total") else {
        return;
    };
    let reference = Reference::load(&dir).unwrap();
    let populations: Vec<_> = reference
        .municipalities()
        .map(|facts| facts.population.unwrap())
        .collect();
    let total: u64 = populations.iter().map(|p| u64::from(p.total)).sum();
    assert_eq!(total, 4_132_148);
    assert!(populations.iter().all(|p| p.men + p.women == p.total));

    let oaxaca = reference.municipality(key(67)).unwrap();
    assert_eq!(oaxaca.name, "Oaxaca de Juárez");
    assert_eq!(oaxaca.district, "Centro");
    assert_eq!(oaxaca.population.unwrap().total, 270_955);
}

#[test]
fn marginalization_2020_degrees_match_conapo_counts() {
    let Some(dir) = shared_data("marginalization_2020_degrees_match_conapo_counts") else {
        return;
    };
    let reference = Reference::load(&dir).unwrap();
    let mut counts = BTreeMap::<MarginalizationDegree, usize>::new();
    for facts in reference.municipalities() {
        *counts
            .entry(facts.marginalization.unwrap().degree)
            .or_default() += 1;
    }
    let expected = BTreeMap::from([
        (MarginalizationDegree::VeryHigh, 92),
        (MarginalizationDegree::High, 234),
        (MarginalizationDegree::Medium, 151),
        (MarginalizationDegree::Low, 61),
        (MarginalizationDegree::VeryLow, 32),
    ]);
    assert_eq!(counts, expected);
}

#[test]
fn marginalization_history_has_six_editions_for_every_municipality() {
    let Some(dir) = shared_data("marginalization_history_has_six_editions") else {
        return;
    };
    let reference = Reference::load(&dir).unwrap();
    for facts in reference.municipalities() {
        let years: Vec<u16> = facts.marginalization_history.keys().copied().collect();
        assert_eq!(years, [1990, 1995, 2000, 2005, 2010, 2015], "{}", facts.key);
    }
    let oaxaca = reference.municipality(key(67)).unwrap();
    let in_2015 = oaxaca.marginalization_history[&2015];
    assert_eq!(in_2015.degree, MarginalizationDegree::VeryLow);
    assert!((in_2015.index - -1.52).abs() < 1e-9);
}

#[test]
fn localities_are_grouped_by_municipality_with_points_in_the_state() {
    let Some(dir) = shared_data("localities_are_grouped_by_municipality") else {
        return;
    };
    let reference = Reference::load(&dir).unwrap();
    let all: Vec<_> = reference
        .municipalities()
        .flat_map(|facts| reference.localities_of(facts.key))
        .collect();
    assert_eq!(all.len(), 629);
    let with_localities = reference
        .municipalities()
        .filter(|facts| !reference.localities_of(facts.key).is_empty())
        .count();
    assert_eq!(with_localities, 348);
    assert!(all.iter().all(|l| cocina_geography::in_state_box(l.point)));
    assert!(all.iter().all(|l| l.population.total >= 1_000));
}

/// Reads one CONAPO 2020 file into rows by municipality.
fn by_key(path: &Path) -> BTreeMap<MunicipalityKey, MarginalizationRow> {
    let rows = read_marginalization_2020(path).unwrap();
    let map: BTreeMap<_, _> = rows.iter().map(|row| (row.key, *row)).collect();
    assert_eq!(
        map.len(),
        rows.len(),
        "{}: a municipality twice",
        path.display()
    );
    map
}

#[test]
fn raw_conapo_files_give_the_same_values_as_the_clean_extract() {
    let Some(dir) = shared_data("raw_conapo_files_give_the_same_values") else {
        return;
    };
    let clean = by_key(&dir.join(CLEAN_2020));
    assert_eq!(clean.len(), 570);
    for raw in [RAW_CP1252, RAW_PUBLICATION] {
        let raw = by_key(&dir.join(raw));
        assert_eq!(raw.len(), 570);
        for (key, expected) in &clean {
            let found = raw[key].marginalization;
            let expected = expected.marginalization;
            assert_eq!(found.degree, expected.degree, "{key}");
            assert_eq!(found.population, expected.population, "{key}");
            // The publication rounds the index to 3 decimals (60.319), so
            // compare at 3: at 2 a value like 49.7149 would round to 49.71
            // from the full value but to 49.72 from the published 49.715.
            assert_eq!(
                thousandths(found.index),
                thousandths(expected.index),
                "{key}"
            );
        }
    }
}

#[test]
fn rows_of_the_raw_publication_know_their_line() {
    let Some(dir) = shared_data("rows_of_the_raw_publication_know_their_line") else {
        return;
    };
    // Title rows, two header rows, blank rows, the national row and CRLF
    // endings come before Oaxaca de Juárez on line 1084.
    let rows = by_key(&dir.join(RAW_PUBLICATION));
    assert_eq!(rows[&key(67)].line, 1084);
}

fn thousandths(value: f64) -> i64 {
    (value * 1000.0).round() as i64
}

/// Writes a tiny reference directory whose census file has `census` as its
/// text.
fn tiny_reference(census: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let districts = "cvegeo,nom_mun,region,distrito\n\
        20001,Abejones,Sierra Norte,Ixtlán de Juárez\n\
        20002,Acatlán de Pérez Figueroa,Papaloapan,Tuxtepec\n";
    std::fs::create_dir_all(dir.path().join("oaxaca")).unwrap();
    std::fs::create_dir_all(dir.path().join("inegi")).unwrap();
    std::fs::write(
        dir.path().join("oaxaca/oax_mun_distrito_region.csv"),
        districts,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("inegi/mun_oax_ageeml_censo2020.csv"),
        census,
    )
    .unwrap();
    dir
}

#[test]
fn a_bad_number_is_reported_with_file_line_and_column() {
    let census = "cvegeo,pob_total,pob_masculina,pob_femenina\n\
        20001,841,360,481\n\
        20002,45l67,21980,23187\n";
    let dir = tiny_reference(census);
    let err = Reference::load(dir.path()).unwrap_err();
    let ReferenceError::InvalidValue {
        path, line, column, ..
    } = &err
    else {
        panic!("unexpected error: {err}");
    };
    assert!(path.ends_with("inegi/mun_oax_ageeml_censo2020.csv"));
    assert_eq!((*line, *column), (3, "pob_total"));
    let message = err.to_string();
    assert!(message.contains("mun_oax_ageeml_censo2020.csv, line 3, column pob_total"));
    assert!(!message.contains("45l67"), "{message}");
}

#[test]
fn optional_files_may_be_absent_but_required_ones_may_not() {
    let census = "cvegeo,pob_total,pob_masculina,pob_femenina\n20001,841,360,481\n";
    let dir = tiny_reference(census);
    let reference = Reference::load(dir.path()).unwrap();
    let abejones = reference.municipality(key(1)).unwrap();
    assert_eq!(abejones.population.unwrap().total, 841);
    assert!(abejones.marginalization.is_none());
    assert!(reference.municipality(key(2)).unwrap().population.is_none());

    std::fs::remove_file(dir.path().join("inegi/mun_oax_ageeml_censo2020.csv")).unwrap();
    let err = Reference::load(dir.path()).unwrap_err();
    assert!(matches!(err, ReferenceError::Io { .. }), "{err}");
}

#[test]
fn a_municipality_missing_from_the_district_table_is_an_error() {
    let census = "cvegeo,pob_total,pob_masculina,pob_femenina\n\
        20001,841,360,481\n\
        20999,1,1,0\n";
    let err = Reference::load(tiny_reference(census).path()).unwrap_err();
    assert!(
        matches!(err, ReferenceError::UnknownMunicipality { line: 3, .. }),
        "{err}"
    );
}
