//! Rules on the people of the register: CURPs against the record and
//! against each other, and ages against birth dates and groups.

use std::collections::HashMap;

use chrono::NaiveDate;
use cocina_model::{AgeBins, AgeGroup, Beneficiary, Curp, CurpField};

use crate::ValidationOptions;
use crate::finding::{AgeConflict, AgeProblem, Detail, Finding};
use crate::rules::Rule;

/// CA-P002: a valid CURP's birth date and sex against the record's own
/// birth date and sex columns, when the record has them.
#[expect(
    clippy::disallowed_methods,
    reason = "the birth date is compared with the CURP's, never shown"
)]
pub(crate) fn curp_agreement(people: &[Beneficiary], out: &mut Vec<Finding>) {
    for person in people {
        let Some(CurpField::Valid(curp)) = &person.curp else {
            continue;
        };
        let birth_date = person
            .birth_date
            .as_ref()
            .is_some_and(|date| *date.reveal() != curp.birth_date());
        let sex = person.sex.is_some_and(|sex| sex != curp.sex());
        if birth_date || sex {
            out.push(Finding::new(
                Rule::CurpDisagrees,
                person.origin.cell("curp"),
                Some(person.kitchen.clone()),
                Detail::CurpDisagrees { birth_date, sex },
            ));
        }
    }
}

/// CA-P003 and CA-P004: a CURP seen again, in the same kitchen or in
/// another. Each repetition is reported at its own cell and names the
/// first. Sorting the CURPs rather than hashing them keeps this fast on a
/// full register, where nearly every CURP is seen once.
pub(crate) fn repeated_curps(people: &[Beneficiary], out: &mut Vec<Finding>) {
    let mut curps: Vec<(&Curp, usize)> = people
        .iter()
        .enumerate()
        .filter_map(|(i, person)| match &person.curp {
            Some(CurpField::Valid(curp)) => Some((curp, i)),
            _ => None,
        })
        .collect();
    curps.sort_unstable();
    for same in curps.chunk_by(|a, b| a.0 == b.0).filter(|s| s.len() > 1) {
        let first = &people[same[0].1];
        for &(_, index) in &same[1..] {
            let person = &people[index];
            let rule = if person.kitchen == first.kitchen {
                Rule::CurpRepeatedInKitchen
            } else {
                Rule::CurpInSeveralKitchens
            };
            out.push(Finding::new(
                rule,
                person.origin.cell("curp"),
                Some(person.kitchen.clone()),
                Detail::CurpRepeated {
                    first: first.origin.cell("curp"),
                    first_kitchen: first.kitchen.clone(),
                },
            ));
        }
    }
}

/// CA-P005 and CA-P006: age, birth date and age group against each other
/// and against the program's groups. Ages from birth dates are counted on
/// the delivery's cut-off date; without one, only age and group are
/// compared.
pub(crate) fn ages(
    people: &[Beneficiary],
    cut_date: Option<NaiveDate>,
    options: &ValidationOptions,
    out: &mut Vec<Finding>,
) {
    let bins = AgeBins::default();
    // A group the program does not use is usually the whole sheet's
    // convention: one finding per group, counting its records.
    let mut unknown_groups: HashMap<AgeGroup, usize> = HashMap::new();
    for person in people {
        if let Some((problem, field)) = outside_groups(person, cut_date, &bins, options) {
            if let AgeProblem::UnknownGroup { age_group, .. } = problem {
                if let Some(&at) = unknown_groups.get(&age_group) {
                    count_record(&mut out[at]);
                    continue;
                }
                unknown_groups.insert(age_group, out.len());
            }
            out.push(Finding::new(
                Rule::AgeOutsideGroups,
                person.origin.cell(field),
                Some(person.kitchen.clone()),
                Detail::AgeOutsideGroups { problem },
            ));
            continue;
        }
        if let Some((conflict, field)) = age_conflict(person, cut_date, options) {
            out.push(Finding::new(
                Rule::AgeInconsistent,
                person.origin.cell(field),
                Some(person.kitchen.clone()),
                Detail::AgeInconsistent { conflict },
            ));
        }
    }
}

fn outside_groups(
    person: &Beneficiary,
    cut_date: Option<NaiveDate>,
    bins: &AgeBins,
    options: &ValidationOptions,
) -> Option<(AgeProblem, &'static str)> {
    // A birth date after the cut-off date has no age on it.
    if let (Some(birth), Some(cut)) = (&person.birth_date, cut_date)
        && birth.age_on(cut).is_none()
    {
        return Some((AgeProblem::BornAfterCutDate, "fecha_nacimiento"));
    }
    let age = person.age.or_else(|| birth_age(person, cut_date));
    if let Some(age) = age
        && age > options.max_age
    {
        let field = if person.age.is_some() {
            "edad"
        } else {
            "fecha_nacimiento"
        };
        let max_age = options.max_age;
        return Some((AgeProblem::TooOld { max_age }, field));
    }
    let group = person.age_group;
    (group != AgeGroup::Unknown && bins.index_of(group).is_none()).then_some((
        AgeProblem::UnknownGroup {
            age_group: group,
            records: 1,
        },
        "rango_edad",
    ))
}

fn age_conflict(
    person: &Beneficiary,
    cut_date: Option<NaiveDate>,
    options: &ValidationOptions,
) -> Option<(AgeConflict, &'static str)> {
    let from_birth = birth_age(person, cut_date);
    if let (Some(age), Some(from_birth)) = (person.age, from_birth)
        && age.abs_diff(from_birth) > options.age_tolerance_years
    {
        return Some((AgeConflict::AgeAndBirthDate, "edad"));
    }
    let group = person.age_group;
    if group == AgeGroup::Unknown {
        return None;
    }
    if let Some(age) = person.age
        && !group.contains(age)
    {
        return Some((AgeConflict::GroupAndAge, "rango_edad"));
    }
    match from_birth {
        Some(age) if person.age.is_none() && !group.contains(age) => {
            Some((AgeConflict::GroupAndBirthDate, "rango_edad"))
        }
        _ => None,
    }
}

fn count_record(finding: &mut Finding) {
    if let Detail::AgeOutsideGroups {
        problem: AgeProblem::UnknownGroup { records, .. },
    } = &mut finding.detail
    {
        *records += 1;
    }
}

fn birth_age(person: &Beneficiary, cut_date: Option<NaiveDate>) -> Option<u16> {
    person.birth_date.as_ref()?.age_on(cut_date?)
}
