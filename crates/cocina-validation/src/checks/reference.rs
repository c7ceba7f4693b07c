//! Rules that need the reference data (`--reference DIR`): CONAPO's
//! marginalization for targeting, and the census population as an upper
//! bound of a register.

use std::collections::{BTreeMap, HashMap};

use cocina_geography::reference::{MarginalizationDegree, Reference};
use cocina_model::{Kitchen, KitchenKey, LocalityKey, MunicipalityKey, SourceRef};

use crate::finding::{Detail, Finding};
use crate::rules::Rule;

/// CA-R001: kitchens in municipalities CONAPO rates of low or very low
/// marginalization.
pub(crate) fn marginalization(kitchens: &[Kitchen], reference: &Reference, out: &mut Vec<Finding>) {
    for kitchen in kitchens {
        let Some(facts) = kitchen.municipality.and_then(|k| reference.municipality(k)) else {
            continue;
        };
        let Some(marginalization) = facts.marginalization else {
            continue;
        };
        if !matches!(
            marginalization.degree,
            MarginalizationDegree::Low | MarginalizationDegree::VeryLow
        ) {
            continue;
        }
        out.push(Finding::new(
            Rule::LowMarginalization,
            municipality_cell(kitchen),
            Some(kitchen.key.clone()),
            Detail::LowMarginalization {
                municipality: (facts.key.to_string(), facts.name.clone()),
                degree: marginalization.degree.label().to_owned(),
            },
        ));
    }
}

fn municipality_cell(kitchen: &Kitchen) -> SourceRef {
    if kitchen.origin.columns.get("cve_mun").is_some() {
        kitchen.origin.cell("cve_mun")
    } else {
        kitchen.origin.cell("municipio")
    }
}

/// People registered per area, with the first kitchen listed there, where
/// the finding is reported.
#[derive(Clone, Copy)]
struct AreaCount<'a> {
    first: &'a Kitchen,
    people: u64,
}

/// CA-R002: more people registered in a municipality or locality than the
/// census counted there.
pub(crate) fn population(
    kitchens: &[Kitchen],
    people: &HashMap<&KitchenKey, u64>,
    reference: &Reference,
    out: &mut Vec<Finding>,
) {
    let mut municipalities: BTreeMap<MunicipalityKey, AreaCount<'_>> = BTreeMap::new();
    let mut localities: BTreeMap<(MunicipalityKey, LocalityKey), AreaCount<'_>> = BTreeMap::new();
    for kitchen in kitchens {
        let Some(municipality) = kitchen.municipality else {
            continue;
        };
        let registered = people.get(&kitchen.key).copied().unwrap_or(0);
        add(&mut municipalities, municipality, kitchen, registered);
        if let Some(locality) = kitchen.locality {
            add(
                &mut localities,
                (municipality, locality),
                kitchen,
                registered,
            );
        }
    }
    for (key, area) in municipalities {
        let Some(facts) = reference.municipality(key) else {
            continue;
        };
        let Some(population) = facts.population else {
            continue;
        };
        let name = (format!("20{key}"), facts.name.clone());
        report(area, name, false, population.total, out);
    }
    for ((municipality, locality), area) in localities {
        let found = reference
            .localities_of(municipality)
            .iter()
            .find(|l| l.cvegeo.locality == Some(locality));
        if let Some(found) = found {
            let name = (found.cvegeo.to_string(), found.name.clone());
            report(area, name, true, found.population.total, out);
        }
    }
}

fn add<'a, K: Ord>(
    areas: &mut BTreeMap<K, AreaCount<'a>>,
    key: K,
    kitchen: &'a Kitchen,
    people: u64,
) {
    areas
        .entry(key)
        .or_insert(AreaCount {
            first: kitchen,
            people: 0,
        })
        .people += people;
}

fn report(
    area: AreaCount<'_>,
    name: (String, String),
    locality: bool,
    population: u32,
    out: &mut Vec<Finding>,
) {
    if area.people <= u64::from(population) {
        return;
    }
    let field = if locality { "cve_loc" } else { "cve_mun" };
    let source = if area.first.origin.columns.get(field).is_some() {
        area.first.origin.cell(field)
    } else {
        municipality_cell(area.first)
    };
    out.push(Finding {
        rule: Rule::AbovePopulation,
        severity: Rule::AbovePopulation.info().severity,
        source: Some(source),
        kitchen: None,
        detail: Detail::AbovePopulation {
            area: name,
            locality,
            beneficiaries: area.people,
            population,
        },
    });
}
