//! Names as real spreadsheets and other government sources write them.

use cocina_geography::{Catalog, NameMatch};

/// A spelling and the key number of the municipality it designates.
const VARIANTS: &[(&str, u32)] = &[
    // Upper case without accents, as agency spreadsheets often have it.
    ("OAXACA DE JUAREZ", 67),
    ("SANTA LUCIA DEL CAMINO", 390),
    ("MIAHUATLAN DE PORFIRIO DIAZ", 59),
    // Extra spaces and punctuation.
    ("  Santa  María   del Tule. ", 409),
    ("Ocotlán-de-Morelos", 68),
    // DIGEPO: a trailing space, a capital Í, a missing accent, a misspelling.
    ("San Juan Colorado ", 188),
    ("San Juan ÑumÍ", 210),
    ("San Juan del Rio", 194),
    ("Guadalupe de Ramirez", 34),
    ("Villa Tejápam de la Unión", 486),
    // Abbreviations.
    ("STA. MA. HUATULCO", 413),
    ("Sta. Mria. Tonameca", 439),
    ("Sto. Dgo. Tehuantepec", 515),
    ("Stgo. Pinotepa Nal.", 482),
    ("Sn. Jacinto Amilpas", 157),
    ("S. Juan Bautista Tuxtepec", 184),
    ("Gpe. de Ramírez", 34),
    ("H. CD. DE HUAJUAPAN DE LEON", 39),
    ("Hca. Cd. de Tlaxiaco", 397),
    // Official titles left out or added.
    ("Huajuapan de León", 39),
    ("JUCHITAN DE ZARAGOZA", 43),
    ("Ixtepec", 14),
    ("Cd. Ixtepec", 14),
    ("Tlaxiaco", 397),
    ("Ejutla de Crespo", 28),
    ("Zaachila", 565),
    ("Etla", 338),
    ("Sola de Vega", 277),
    ("Ciudad de Santa Cruz Xoxocotlán", 385),
    // Where the name is, not what it is.
    ("Mpio. de Santa Cruz Xoxocotlán", 385),
    ("Santa Lucía del Camino, Oax.", 390),
    ("San Pedro Pochutla, Oaxaca", 324),
    // Renamed municipalities: the 2019 names and the current ones.
    ("Villa Hidalgo", 38),
    ("VILLA HIDALGO YALALAG", 38),
    ("San Blas Atempa", 124),
    ("Heroica Villa de San Blas Atempa", 124),
    ("H. Villa de San Blas Atempa", 124),
    ("San Martin de los Cansecos", 238),
    ("Heroico San Martín de los Cansecos", 238),
    ("Santiago Chazumba", 459),
    ("Villa de Santiago Chazumba", 459),
    // CONAPO's 2020 name and the current one; DIGEPO's short honorific.
    ("Villa de Tututepec de Melchor Ocampo", 334),
    ("Villa de Tututepec", 334),
    ("Tututepec", 334),
    ("Heroica Villa Tezoatlán de Segura y Luna", 549),
    ("Tezoatlán de Segura y Luna", 549),
    (
        "HEROICA VILLA TEZOATLAN DE SEGURA Y LUNA, CUNA DE LA INDEPENDENCIA DE OAXACA",
        549,
    ),
];

#[test]
fn real_spelling_variants_resolve() {
    let catalog = Catalog::bundled();
    let mut wrong = Vec::new();
    for &(spelling, number) in VARIANTS {
        let found = catalog.resolve_name(spelling);
        if found.found().map(|key| key.value()) != Some(number) {
            wrong.push(format!("{spelling:?} → {found:?}, expected {number:03}"));
        }
    }
    assert!(VARIANTS.len() >= 20);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Partial names are not guessed: "Juchitán" alone, the state's name, or a
/// saint's name shared by dozens of municipalities.
#[test]
fn partial_names_are_not_guessed() {
    let catalog = Catalog::bundled();
    for name in [
        "Juchitán",
        "Huajuapan",
        "Oaxaca",
        "Santa María",
        "San",
        "",
        "  ",
        "Tule",
    ] {
        assert_eq!(catalog.resolve_name(name), NameMatch::NotFound, "{name:?}");
    }
}

/// Abbreviations are spelled out only as whole words, so they never change
/// a correct name: no official name has one of them as a word.
#[test]
fn no_abbreviation_is_a_word_of_an_official_name() {
    for municipality in Catalog::bundled().municipalities() {
        let folded = cocina_model::text::fold(&municipality.name);
        for word in folded.split(' ') {
            let clash = cocina_geography::names::ABBREVIATIONS
                .iter()
                .any(|(short, _)| *short == word);
            assert!(!clash, "{} has the word {word:?}", municipality.name);
        }
    }
}
