//! The bundled example delivery through import, validation and aggregation,
//! checked against what the generator says it wrote.

use std::collections::{BTreeMap, BTreeSet};

use cocina_aggregation::{Area, BeneficiaryCounts, KitchenCounts, Level};
use cocina_generator::{Example, ExampleConfig};
use cocina_geography::Catalog;
use cocina_importers::ImportOptions;
use cocina_model::{AgeBins, AgeGroup, KitchenStatus, Sex};
use cocina_validation::{CheckedDelivery, ValidationOptions, check_delivery};

use crate::support::example_dir;

fn checked() -> CheckedDelivery {
    let catalog = Catalog::bundled();
    check_delivery(
        &example_dir(),
        &ImportOptions::default(),
        &ValidationOptions::default(),
        catalog,
    )
    .expect("the example delivery imports")
}

fn generated() -> Example {
    Example::build(&ExampleConfig::default())
}

#[test]
fn example_imports_every_row_the_generator_wrote() {
    let checked = checked();
    let example = generated();
    assert_eq!(checked.delivery.kitchens.len(), example.kitchens.len());
    assert_eq!(checked.delivery.beneficiaries.len(), example.people.len());
}

#[test]
fn validation_finds_exactly_the_planted_faults() {
    let checked = checked();
    let found: BTreeSet<(String, String, String, String)> = checked
        .report
        .findings
        .iter()
        .map(|f| {
            let source = f
                .source
                .as_ref()
                .expect("every finding of the example has a place");
            let cell = source.cell.map(|c| c.to_string()).unwrap_or_default();
            let sheet = source.sheet.as_deref().unwrap_or_default().to_owned();
            (f.code().to_owned(), source.file.to_string(), sheet, cell)
        })
        .collect();
    let planted: BTreeSet<(String, String, String, String)> = generated()
        .planted
        .iter()
        .map(|p| {
            (
                p.code.to_owned(),
                p.file.to_owned(),
                p.sheet.to_owned(),
                p.cell.clone(),
            )
        })
        .collect();
    assert_eq!(found, planted);
    assert_eq!(
        checked.report.findings.len(),
        planted.len(),
        "no finding is reported twice"
    );
}

/// Counts the generator's own rows by municipality, sex and age group,
/// without the importer: the ground truth the aggregation must match.
fn independent_counts(example: &Example) -> BTreeMap<(Option<String>, Sex, AgeGroup), u64> {
    let bins = AgeBins::default();
    let cut = example.config.cut_date;
    let mut municipality_of = BTreeMap::new();
    for kitchen in &example.kitchens {
        let resolvable = !matches!(
            kitchen.municipality_written.as_str(),
            "SAN JUAN DE LAS PALMAS ALTAS" | "SAN JUAN MIXTEPEC"
        );
        let key = resolvable.then(|| kitchen.municipality.to_string());
        municipality_of.entry(kitchen.key.clone()).or_insert(key);
    }
    let mut counts = BTreeMap::new();
    for person in &example.people {
        let municipality = municipality_of.get(&person.kitchen).cloned().flatten();
        let age = person
            .age
            .or_else(|| cut.years_since(person.birth_date).map(|y| y as u16));
        let group = bins.classify(age);
        *counts.entry((municipality, person.sex, group)).or_default() += 1;
    }
    counts
}

#[test]
fn aggregation_matches_an_independent_count() {
    let checked = checked();
    let delivery = &checked.delivery;
    let counts = BeneficiaryCounts::from_records(
        &delivery.beneficiaries,
        &delivery.kitchens,
        Level::Municipality,
    );
    let ours: BTreeMap<(Option<String>, Sex, AgeGroup), u64> = counts
        .iter()
        .map(|(cell, n)| {
            let municipality = match &cell.area {
                Area::Municipality(key) => Some(key.to_string()),
                _ => None,
            };
            (
                (
                    municipality,
                    cell.sex.expect("the example records every sex"),
                    cell.age_group,
                ),
                n,
            )
        })
        .collect();
    assert_eq!(ours, independent_counts(&generated()));
}

#[test]
fn kitchens_by_status_match_the_generator() {
    let checked = checked();
    let counts = KitchenCounts::from_kitchens(&checked.delivery.kitchens, Level::State);
    let example = generated();
    let mut seen = BTreeSet::new();
    let listed: Vec<_> = example
        .kitchens
        .iter()
        .filter(|k| seen.insert(&k.key))
        .collect();
    for status in KitchenStatus::ALL {
        let expected = listed.iter().filter(|k| k.status == status).count();
        assert_eq!(
            counts.get(&Area::State, status),
            expected as u64,
            "{status}"
        );
    }
}
