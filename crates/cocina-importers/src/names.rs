//! Names of the delivery's own people typed into public text: a
//! beneficiary's or a committee member's name used as a kitchen's name,
//! place or address, or in the manifest.
//!
//! No pattern tells a person's name from a place's ("Benito Juárez" is
//! both), but the delivery lists its people. A public text is withheld
//! when it holds, in any case, with or without accents, and in any order:
//!
//! - one of their full names (`LOPEZ PEREZ JUAN` for `Juan López Pérez`);
//! - three words of one name side by side;
//! - two words of one name side by side (a given name and a surname, or
//!   both surnames), unless both are words places and saints are named
//!   after too (`San Juan`, `Benito Juárez`), or they follow a word that
//!   starts a place's name (`San Mateo Peñasco`, `Calle Pedro López`).
//!
//! Particles (`de`, `la`, `del`) are skipped, in names and in text. A
//! single word is never a name. A place's official name (a municipality,
//! a locality, a region) is withheld only for a whole name, since official
//! names are made of saints' and people's names.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use cocina_model::text::fold;
use cocina_model::{Delivery, Kitchen, PersonName, PersonalShape, PublicText};

use crate::issue::{ImportIssue, IssueKind};
use crate::manifest::MANIFEST_FILE;

/// The fewest words a name is searched for with: a single given name is
/// also a place's or a saint's.
const MIN_WORDS: usize = 2;

/// The most words of a name searched for.
const MAX_WORDS: usize = 8;

/// Words skipped in names and in text, folded.
const PARTICLES: [&str; 7] = ["de", "del", "la", "las", "los", "y", "e"];

/// Folded words that places, saints and heroes are named with as often as
/// people: two of them side by side are not taken for a person's name.
const PLACE_WORDS: [&str; 60] = [
    "juan",
    "jose",
    "maria",
    "san",
    "santa",
    "santo",
    "santiago",
    "guadalupe",
    "jesus",
    "cruz",
    "rosa",
    "luz",
    "angeles",
    "dolores",
    "carmen",
    "pedro",
    "pablo",
    "miguel",
    "francisco",
    "antonio",
    "domingo",
    "lucia",
    "lucas",
    "mateo",
    "andres",
    "juana",
    "martin",
    "bartolome",
    "lorenzo",
    "magdalena",
    "ana",
    "catarina",
    "isabel",
    "felipe",
    "vicente",
    "simon",
    "tomas",
    "nicolas",
    "gabriel",
    "sebastian",
    "marcos",
    "bautista",
    "trinidad",
    "reyes",
    "asuncion",
    "concepcion",
    "natividad",
    "benito",
    "juarez",
    "hidalgo",
    "morelos",
    "emiliano",
    "zapata",
    "lazaro",
    "ignacio",
    "zaragoza",
    "ninos",
    "heroes",
    "cristobal",
    "agustin",
];

/// Folded words that start a place's name: words of a name right after
/// one are a place's, not a person's.
const PLACE_STARTS: [&str; 30] = [
    "san",
    "santa",
    "santo",
    "santiago",
    "villa",
    "heroica",
    "ciudad",
    "cd",
    "col",
    "colonia",
    "calle",
    "av",
    "avenida",
    "barrio",
    "callejon",
    "privada",
    "calzada",
    "blvd",
    "boulevard",
    "andador",
    "fraccionamiento",
    "fracc",
    "ejido",
    "rancho",
    "paraje",
    "escuela",
    "primaria",
    "secundaria",
    "jardin",
    "agencia",
];

/// The names of the people a delivery lists, folded, to search public
/// text for.
pub(crate) struct PeopleNames {
    /// Each full name's words, sorted: a name in any order.
    full: HashSet<String>,
    /// Fingerprints of every two words of one name, in either order.
    pairs: HashSet<u64>,
}

/// How much of a name a text is searched for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    /// Whole names only, in any order: official place names.
    Whole,
    /// Whole names and two or three of their words side by side.
    Parts,
}

impl PeopleNames {
    /// Gathers the names of `people` (beneficiaries and committee members).
    pub(crate) fn new<'a>(people: impl Iterator<Item = &'a PersonName>) -> Self {
        let mut names = Self {
            full: HashSet::new(),
            pairs: HashSet::new(),
        };
        for name in people {
            #[expect(
                clippy::disallowed_methods,
                reason = "names are folded to be searched for, never kept in output"
            )]
            let folded = fold(name.reveal());
            let mut words = significant_words(&folded);
            if !(MIN_WORDS..=MAX_WORDS).contains(&words.len()) {
                continue;
            }
            for (i, a) in words.iter().enumerate() {
                for b in &words[i + 1..] {
                    if a != b {
                        names.pairs.insert(pair(a, b));
                    }
                }
            }
            words.sort_unstable();
            names.full.insert(words.join(" "));
        }
        names
    }

    /// Returns whether `text` holds a name, or part of one, as the module
    /// says.
    pub(crate) fn found_in(&self, text: &str) -> bool {
        self.search(text, Search::Parts)
    }

    fn search(&self, text: &str, search: Search) -> bool {
        if self.full.is_empty() {
            return false;
        }
        let folded = fold(text);
        let words = significant_words(&folded);
        let whole = (MIN_WORDS..=MAX_WORDS.min(words.len())).any(|n| {
            words.windows(n).any(|window| {
                let mut sorted = window.to_vec();
                sorted.sort_unstable();
                self.full.contains(&sorted.join(" "))
            })
        });
        whole || (search == Search::Parts && self.has_part(&words))
    }

    /// Whether three words side by side, or two that are not a place's,
    /// belong to one name.
    fn has_part(&self, words: &[&str]) -> bool {
        let paired = |a: &str, b: &str| a != b && self.pairs.contains(&pair(a, b));
        let three = words
            .windows(3)
            .any(|w| paired(w[0], w[1]) && paired(w[1], w[2]) && paired(w[0], w[2]));
        three
            || words.windows(2).enumerate().any(|(i, w)| {
                paired(w[0], w[1])
                    && !(PLACE_WORDS.contains(&w[0]) && PLACE_WORDS.contains(&w[1]))
                    && !(i > 0 && PLACE_STARTS.contains(&words[i - 1]))
            })
    }

    /// Withholds every public text of `kitchens` and of the `delivery`'s
    /// manifest that holds a name, reporting each at its cell.
    pub(crate) fn withhold(
        &self,
        kitchens: &mut [Kitchen],
        delivery: &mut Delivery,
        issues: &mut Vec<ImportIssue>,
    ) {
        if self.full.is_empty() {
            return;
        }
        for kitchen in kitchens {
            self.withhold_kitchen(kitchen, issues);
        }
        let mut manifest = |field: &str, text: &mut String| {
            if self.found_in(text) {
                PublicText::WITHHELD.clone_into(text);
                issues.push(withheld(
                    cocina_model::SourceRef::file(MANIFEST_FILE),
                    field,
                ));
            }
        };
        if let Some(request) = &mut delivery.request {
            manifest("request", request);
        }
        for (i, item) in delivery.items.iter_mut().enumerate() {
            manifest(
                &format!("items[{}].description", i + 1),
                &mut item.description,
            );
        }
    }

    fn withhold_kitchen(&self, kitchen: &mut Kitchen, issues: &mut Vec<ImportIssue>) {
        let origin = kitchen.origin.clone();
        let name_field = if origin.columns.get("nombre").is_some() {
            "nombre"
        } else {
            "nombre_comedor"
        };
        let mut check = |field: &str, text: Option<&mut String>, search| {
            if let Some(text) = text.filter(|t| self.search(t, search)) {
                PublicText::WITHHELD.clone_into(text);
                issues.push(withheld(origin.cell(field), field));
            }
        };
        check(name_field, Some(&mut kitchen.name), Search::Parts);
        check(
            "municipio",
            kitchen.municipality_name.as_mut(),
            Search::Whole,
        );
        check("localidad", kitchen.locality_name.as_mut(), Search::Whole);
        check("region", kitchen.region_name.as_mut(), Search::Whole);
        check("direccion", kitchen.address.as_mut(), Search::Parts);
    }
}

/// The words of folded text but particles.
/// The words of folded text but particles and initials: a single letter
/// or digit (`J.`, `M`) narrows nothing down, and two of them side by side
/// would match any text with two such letters.
fn significant_words(folded: &str) -> Vec<&str> {
    folded
        .split(' ')
        .filter(|w| w.chars().nth(1).is_some() && !PARTICLES.contains(w))
        .collect()
}

/// A fingerprint of two words, the same in either order.
fn pair(a: &str, b: &str) -> u64 {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    let mut hasher = DefaultHasher::new();
    (first, second).hash(&mut hasher);
    hasher.finish()
}

fn withheld(source: cocina_model::SourceRef, field: &str) -> ImportIssue {
    ImportIssue {
        source,
        kind: IssueKind::PersonalDataWithheld {
            field: field.to_owned(),
            shape: PersonalShape::Name,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> PeopleNames {
        let people = [
            PersonName::new("Leocadia Ruiz Santibáñez".into()),
            PersonName::new("LOPEZ PEREZ JUAN".into()),
            PersonName::new("María de la Luz Hernández Cruz".into()),
            PersonName::new("Mateo Peñasco Gómez".into()),
            PersonName::new("Juan Bautista Sosa".into()),
            PersonName::new("Juan".into()),
            PersonName::new("ñ7 í=á\"7".into()),
        ];
        PeopleNames::new(people.iter())
    }

    #[test]
    fn a_name_is_found_in_any_order_spelling_or_part() {
        let names = names();
        for text in [
            "Comedor LEOCADIA RUIZ SANTIBANEZ",
            "leocadia-ruiz-santibáñez, sección 2",
            "Santibáñez Ruiz Leocadia",
            "Comedor Leocadia Ruiz",
            "Juan López Pérez",
            "Cocina de juan lopez",
            "Comedor López Pérez",
            "Comedor María Luz Hernández",
            "Comedor Hernández Cruz María de la Luz",
            "Comedor L. Ruiz S. Leocadia",
        ] {
            assert!(names.found_in(text), "{text}");
        }
    }

    #[test]
    fn places_saints_and_single_words_are_not_names() {
        let names = names();
        for text in [
            "Comedor San Juan",
            "San Juan Bautista",
            "Comedor Juan Bautista",
            "San Mateo Peñasco",
            "Comedor Santa María de la Luz",
            "Calle Pedro López 12",
            "Comedor Leocadia",
            "Ruiz",
            "Comedor Ruiz y Cruz",
            "Í á",
            "Manzana A B",
        ] {
            assert!(!names.found_in(text), "{text}");
        }
        assert!(names.search("Peñasco Gómez Mateo", Search::Whole));
        assert!(!names.search("San Mateo Peñasco", Search::Whole));
        assert!(!names.search("Leocadia Ruiz", Search::Whole));
    }
}
