//! The two pairs of municipalities that share an official name.

use cocina_geography::{Catalog, NameMatch};
use cocina_model::MunicipalityKey;

use crate::support::{field, read_csv, shared_data};

fn key(number: u32) -> MunicipalityKey {
    MunicipalityKey::from_number(number).unwrap()
}

#[test]
fn bare_names_are_ambiguous_with_both_keys() {
    let catalog = Catalog::bundled();
    let cases = [
        ("San Juan Mixtepec", [208, 209]),
        ("SAN JUAN MIXTEPEC", [208, 209]),
        ("Sn. Juan Mixtepec", [208, 209]),
        ("San Pedro Mixtepec", [318, 319]),
        ("san pedro  mixtepec.", [318, 319]),
        ("Mpio. de San Pedro Mixtepec, Oax.", [318, 319]),
    ];
    for (name, [first, second]) in cases {
        let expected = NameMatch::Ambiguous(vec![key(first), key(second)]);
        assert_eq!(catalog.resolve_name(name), expected, "{name:?}");
    }
}

#[test]
fn names_with_a_district_resolve_uniquely() {
    let catalog = Catalog::bundled();
    let cases = [
        ("San Juan Mixtepec -Dto. 08", 208),
        ("San Juan Mixtepec Distrito 08", 208),
        ("SAN JUAN MIXTEPEC DTO 8", 208),
        ("San Juan Mixtepec (Juxtlahuaca)", 208),
        ("San Juan Mixtepec -Dto. 26", 209),
        ("San Juan Mixtepec Distrito 26", 209),
        ("San Juan Mixtepec, Distrito de Miahuatlán", 209),
        ("San Pedro Mixtepec -Dto. 22", 318),
        ("San Pedro Mixtepec Distrito 22", 318),
        ("San Pedro Mixtepec Juquila", 318),
        ("San Pedro Mixtepec -Dto. 26", 319),
        ("San Pedro Mixtepec Distrito 26", 319),
        ("SAN PEDRO MIXTEPEC MIAHUATLAN", 319),
    ];
    for (name, number) in cases {
        assert_eq!(
            catalog.resolve_name(name),
            NameMatch::Found(key(number)),
            "{name:?}"
        );
    }
}

#[test]
fn a_district_that_is_not_theirs_is_not_found() {
    let catalog = Catalog::bundled();
    for name in [
        "San Juan Mixtepec Distrito 22",
        "San Pedro Mixtepec Juxtlahuaca",
    ] {
        assert_eq!(catalog.resolve_name(name), NameMatch::NotFound, "{name:?}");
    }
}

/// The districts in the alias table agree with DIGEPO's table of
/// municipalities by district.
#[test]
fn homonyms_resolve_with_their_district_from_digepo() {
    let Some(data) = shared_data("homonyms_resolve_with_their_district_from_digepo") else {
        return;
    };
    let catalog = Catalog::bundled();
    let rows = read_csv(&data, "oaxaca/oax_mun_distrito_region.csv");
    let homonyms: Vec<_> = rows
        .iter()
        .filter(|row| field(row, "nom_mun").ends_with("Mixtepec"))
        .filter(|row| matches!(field(row, "cve_mun"), "208" | "209" | "318" | "319"))
        .collect();
    assert_eq!(homonyms.len(), 4);
    for row in homonyms {
        let expected: MunicipalityKey = field(row, "cve_mun").parse().unwrap();
        let name = format!("{} {}", field(row, "nom_mun"), field(row, "distrito"));
        assert_eq!(
            catalog.resolve_name(&name),
            NameMatch::Found(expected),
            "{name:?}"
        );
    }
}
