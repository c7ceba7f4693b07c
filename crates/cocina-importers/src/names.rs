//! Names of the delivery's own people typed into public text: a
//! beneficiary's or a committee member's full name used as a kitchen's
//! name, place or address, or in the manifest.
//!
//! No pattern tells a person's name from a place's ("Benito Juárez" is
//! both), but the delivery lists its people: a public text that holds one
//! of their full names, word for word, is withheld.

use std::collections::HashSet;

use cocina_model::text::fold;
use cocina_model::{Delivery, Kitchen, PersonName, PersonalShape, PublicText};

use crate::issue::{ImportIssue, IssueKind};
use crate::manifest::MANIFEST_FILE;

/// The fewest words a name is searched for with: a single given name is
/// also a place's or a saint's.
const MIN_WORDS: usize = 2;

/// The most words of a name searched for.
const MAX_WORDS: usize = 8;

/// Folded full names of the people a delivery lists.
pub(crate) struct PeopleNames(HashSet<String>);

impl PeopleNames {
    /// Gathers the names of `people` (beneficiaries and committee members).
    pub(crate) fn new<'a>(people: impl Iterator<Item = &'a PersonName>) -> Self {
        #[expect(
            clippy::disallowed_methods,
            reason = "names are folded to be searched for, never kept in output"
        )]
        let folded = people.map(|name| fold(name.reveal()));
        let names = folded
            .filter(|name| (MIN_WORDS..=MAX_WORDS).contains(&name.split(' ').count()))
            .collect();
        Self(names)
    }

    /// Returns whether `text` holds one of the names as whole words.
    pub(crate) fn found_in(&self, text: &str) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let folded = fold(text);
        let words: Vec<&str> = folded.split(' ').collect();
        (MIN_WORDS..=MAX_WORDS.min(words.len())).any(|n| {
            words
                .windows(n)
                .any(|window| self.0.contains(&window.join(" ")))
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
        if self.0.is_empty() {
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
        let mut check = |field: &str, text: Option<&mut String>| {
            if let Some(text) = text.filter(|t| self.found_in(t)) {
                PublicText::WITHHELD.clone_into(text);
                issues.push(withheld(origin.cell(field), field));
            }
        };
        check(name_field, Some(&mut kitchen.name));
        check("municipio", kitchen.municipality_name.as_mut());
        check("localidad", kitchen.locality_name.as_mut());
        check("region", kitchen.region_name.as_mut());
        check("direccion", kitchen.address.as_mut());
    }
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

    #[test]
    fn a_full_name_is_found_in_any_spelling_and_a_part_is_not() {
        let people = [
            PersonName::new("Leocadia Ruiz Santibáñez".into()),
            PersonName::new("Juan".into()),
        ];
        let names = PeopleNames::new(people.iter());
        assert!(names.found_in("Comedor LEOCADIA RUIZ SANTIBANEZ"));
        assert!(names.found_in("leocadia-ruiz-santibáñez, sección 2"));
        assert!(!names.found_in("Comedor Leocadia Ruiz"));
        assert!(
            !names.found_in("San Juan Bautista"),
            "one word is not a name"
        );
    }
}
