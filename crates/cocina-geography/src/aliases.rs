//! Current names and other names of municipalities: public facts the
//! bundled boundaries do not carry.
//!
//! The boundaries come from INEGI's Marco Geoestadístico of 2019. Comparing
//! their `NOMGEO` with INEGI's current catalogue of municipalities (AGEEML)
//! gives exactly the four renames in [`RENAMES`]. The other names in
//! [`ALIASES`] are how other government sources write a municipality: CONAPO's
//! marginalization index of 2020 and the state population office (DIGEPO).

/// A municipality renamed after the bundled boundaries were drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rename {
    /// The municipality key, as a number (`38` is `20038`).
    pub(crate) number: u32,
    /// The name in the bundled boundaries (2019).
    pub(crate) boundary_name: &'static str,
    /// The current official name in INEGI's catalogue.
    pub(crate) name: &'static str,
}

/// Every municipality whose current INEGI name differs from the bundled one.
pub(crate) const RENAMES: &[Rename] = &[
    Rename {
        number: 38,
        boundary_name: "Villa Hidalgo",
        name: "Villa Hidalgo Yalálag",
    },
    Rename {
        number: 124,
        boundary_name: "San Blas Atempa",
        name: "Heroica Villa de San Blas Atempa",
    },
    Rename {
        number: 238,
        boundary_name: "San Martín de los Cansecos",
        name: "Heroico San Martín de los Cansecos",
    },
    Rename {
        number: 459,
        boundary_name: "Santiago Chazumba",
        name: "Villa de Santiago Chazumba",
    },
];

/// Other names that must lead to one municipality, by key number.
///
/// The two pairs of homonyms (San Juan Mixtepec, San Pedro Mixtepec) are
/// told apart by their district, by number as CONAPO and DIGEPO write it
/// ("-Dto. 08", "Distrito 08") or by the district's name. Districts: 20208
/// is in district 08 Juxtlahuaca, 20209 in 26 Miahuatlán, 20318 in 22
/// Juquila and 20319 in 26 Miahuatlán.
pub(crate) const ALIASES: &[(u32, &str)] = &[
    // CONAPO's index of 2020 has the longer name the municipality had then.
    (334, "Villa de Tututepec de Melchor Ocampo"),
    // DIGEPO leaves out the honorific after the comma.
    (549, "Heroica Villa Tezoatlán de Segura y Luna"),
    // DIGEPO writes "Tejápam" for "Tejúpam". It is a misspelling, but it is
    // in a government source and no other municipality is near it, so
    // accepting it cannot pick a wrong municipality.
    (486, "Villa Tejápam de la Unión"),
    (208, "San Juan Mixtepec Distrito 08"),
    (208, "San Juan Mixtepec Juxtlahuaca"),
    (209, "San Juan Mixtepec Distrito 26"),
    (209, "San Juan Mixtepec Miahuatlán"),
    (318, "San Pedro Mixtepec Distrito 22"),
    (318, "San Pedro Mixtepec Juquila"),
    (319, "San Pedro Mixtepec Distrito 26"),
    (319, "San Pedro Mixtepec Miahuatlán"),
];

/// The district of each municipality whose name another one shares: what a
/// person needs to tell them apart.
const HOMONYM_DISTRICTS: [(u32, &str); 4] = [
    (208, "Distrito 08, Juxtlahuaca"),
    (209, "Distrito 26, Miahuatlán"),
    (318, "Distrito 22, Juquila"),
    (319, "Distrito 26, Miahuatlán"),
];

/// Returns the district that tells a homonymous municipality apart.
pub(crate) fn homonym_district(number: u32) -> Option<&'static str> {
    HOMONYM_DISTRICTS
        .iter()
        .find(|(n, _)| *n == number)
        .map(|(_, d)| *d)
}

/// Returns the current name of a municipality given its key number and its
/// name in a boundary file.
///
/// The rename applies only when the file still has the old name, so a newer
/// boundary file that already carries the current name keeps it.
pub(crate) fn current_name(number: u32, boundary_name: &str) -> &str {
    RENAMES
        .iter()
        .find(|r| r.number == number && r.boundary_name == boundary_name)
        .map_or(boundary_name, |r| r.name)
}

/// Returns the other names of a municipality, by key number.
pub(crate) fn aliases_of(number: u32) -> impl Iterator<Item = &'static str> {
    ALIASES
        .iter()
        .filter(move |(n, _)| *n == number)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_apply_to_the_old_name_only() {
        assert_eq!(current_name(38, "Villa Hidalgo"), "Villa Hidalgo Yalálag");
        assert_eq!(
            current_name(459, "Santiago Chazumba"),
            "Villa de Santiago Chazumba"
        );
        assert_eq!(
            current_name(38, "Villa Hidalgo Yalálag"),
            "Villa Hidalgo Yalálag"
        );
        assert_eq!(current_name(39, "Villa Hidalgo"), "Villa Hidalgo");
    }

    #[test]
    fn each_homonym_has_a_district_number_and_name() {
        for number in [208, 209, 318, 319] {
            let names: Vec<_> = aliases_of(number).collect();
            assert_eq!(names.len(), 2, "{number}: {names:?}");
            assert!(names.iter().any(|n| n.contains("Distrito")));
        }
    }

    #[test]
    fn tables_name_each_municipality_in_range() {
        let numbers = RENAMES.iter().map(|r| r.number);
        for number in numbers.chain(ALIASES.iter().map(|(n, _)| *n)) {
            assert!((1..=570).contains(&number));
        }
    }
}
