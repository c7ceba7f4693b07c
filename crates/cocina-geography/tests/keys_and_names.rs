//! Every municipality is found by its key and by each of its names.

use cocina_geography::{Catalog, NameMatch};
use cocina_model::MunicipalityKey;

use crate::support::{field, read_csv, shared_data};

/// The keys of the two pairs of municipalities that share a name.
const HOMONYMS: [u32; 4] = [208, 209, 318, 319];

/// Asserts that a name designates the municipality: uniquely, or among
/// others for the homonyms only.
fn assert_designates(name: &str, key: MunicipalityKey) {
    match Catalog::bundled().resolve_name(name) {
        NameMatch::Found(found) => assert_eq!(found, key, "{name:?}"),
        NameMatch::Ambiguous(keys) => {
            assert!(
                HOMONYMS.contains(&key.value()),
                "{name:?} is ambiguous: {keys:?}"
            );
            assert!(keys.contains(&key), "{name:?}: {keys:?} lacks {key}");
        }
        NameMatch::NotFound => panic!("{name:?} ({key}) not found"),
    }
}

#[test]
fn catalog_has_the_570_municipalities_of_oaxaca_in_key_order() {
    let all = Catalog::bundled().municipalities();
    assert_eq!(all.len(), 570);
    for (number, municipality) in (1..).zip(all) {
        assert_eq!(municipality.key.value(), number);
        assert_eq!(municipality.cvegeo.state.as_str(), "20");
        assert_eq!(municipality.cvegeo.municipality, municipality.key);
        assert_eq!(municipality.cvegeo.locality, None);
    }
}

#[test]
fn every_municipality_is_found_by_its_key_in_every_spelling() {
    let catalog = Catalog::bundled();
    for municipality in catalog.municipalities() {
        let key = municipality.key;
        assert_eq!(catalog.get(key), Some(municipality));
        let spellings = [
            key.to_string(),
            key.value().to_string(),
            municipality.cvegeo.to_string(),
            format!("{}0001", municipality.cvegeo),
            format!("{}.0", key.value()),
            format!(" {key} "),
        ];
        for text in spellings {
            assert_eq!(catalog.resolve(&text), NameMatch::Found(key), "{text:?}");
        }
    }
}

#[test]
fn keys_outside_the_catalog_are_not_found() {
    let catalog = Catalog::bundled();
    for text in [
        "0", "000", "571", "999", "1000", "21067", "2067", "67.5", "-67",
    ] {
        assert_eq!(catalog.resolve(text), NameMatch::NotFound, "{text:?}");
    }
    let missing = MunicipalityKey::from_number(571).unwrap();
    assert_eq!(catalog.get(missing), None);
}

#[test]
fn every_municipality_is_found_by_its_current_and_its_2019_name() {
    for municipality in Catalog::bundled().municipalities() {
        assert_designates(&municipality.name, municipality.key);
        assert_designates(&municipality.boundary_name, municipality.key);
        assert_designates(&municipality.name.to_uppercase(), municipality.key);
    }
}

#[test]
fn renamed_municipalities_carry_their_current_name() {
    let catalog = Catalog::bundled();
    let renamed: Vec<_> = catalog
        .municipalities()
        .iter()
        .filter(|m| m.name != m.boundary_name)
        .map(|m| (m.key.value(), m.name.as_str()))
        .collect();
    assert_eq!(
        renamed,
        [
            (38, "Villa Hidalgo Yalálag"),
            (124, "Heroica Villa de San Blas Atempa"),
            (238, "Heroico San Martín de los Cansecos"),
            (459, "Villa de Santiago Chazumba"),
        ]
    );
}

#[test]
fn names_equal_inegis_current_catalogue() {
    let Some(data) = shared_data("names_equal_inegis_current_catalogue") else {
        return;
    };
    let catalog = Catalog::bundled();
    let rows = read_csv(&data, "inegi/mun_oax_ageeml_censo2020.csv");
    assert_eq!(rows.len(), 570);
    for row in &rows {
        let key: MunicipalityKey = field(row, "cve_mun").parse().unwrap();
        let name = field(row, "nom_mun");
        assert_eq!(catalog.get(key).map(|m| m.name.as_str()), Some(name));
        assert_designates(name, key);
        assert_eq!(catalog.resolve(field(row, "cvegeo")), NameMatch::Found(key));
    }
}

#[test]
fn conapo_names_resolve_uniquely() {
    let Some(data) = shared_data("conapo_names_resolve_uniquely") else {
        return;
    };
    let catalog = Catalog::bundled();
    for row in read_csv(&data, "conapo/imm_2020_oax.csv") {
        let name = field(&row, "NOM_MUN");
        let expected = catalog.resolve(field(&row, "CVE_MUN"));
        assert!(expected.found().is_some());
        assert_eq!(catalog.resolve_name(name), expected, "{name:?}");
    }
}

#[test]
fn digepo_names_resolve_uniquely() {
    let Some(data) = shared_data("digepo_names_resolve_uniquely") else {
        return;
    };
    let catalog = Catalog::bundled();
    let files = [
        "oaxaca/oax_mun_distrito_region.csv",
        "oaxaca/digepo_cabeceras_oax.csv",
    ];
    for file in files {
        let rows = read_csv(&data, file);
        assert_eq!(rows.len(), 570, "{file}");
        for row in rows {
            let name = field(&row, "nom_mun_digepo");
            let key: MunicipalityKey = field(&row, "cve_mun").parse().unwrap();
            assert_eq!(
                catalog.resolve_name(name),
                NameMatch::Found(key),
                "{file}: {name:?}"
            );
        }
    }
}
