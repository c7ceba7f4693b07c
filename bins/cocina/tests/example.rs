//! The bundled example delivery through import, validation and aggregation,
//! checked against what the generator says it wrote.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use cocina_aggregation::{
    Dimension, Encoded, GeoLevel, KitchenEntry, Plan, Purpose, Query, SEX_LABELS, Source, Table,
};
use cocina_generator::{Example, ExampleConfig};
use cocina_geography::Catalog;
use cocina_importers::ImportOptions;
use cocina_model::{AgeBins, AgeGroup, CurpField, KitchenStatus, Sex};
use cocina_validation::{CheckedDelivery, ValidationOptions, check_delivery};

use crate::support::example_dir;

/// The example imported and validated once for every test of this file: it
/// has 130,000 people.
fn checked() -> &'static CheckedDelivery {
    static CHECKED: OnceLock<CheckedDelivery> = OnceLock::new();
    CHECKED.get_or_init(|| {
        check_delivery(
            &example_dir(),
            &ImportOptions::default(),
            &ValidationOptions::default(),
            Catalog::bundled(),
        )
        .expect("the example delivery imports")
    })
}

fn generated() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(|| Example::build(&ExampleConfig::default()))
}

#[test]
fn example_imports_every_row_the_generator_wrote() {
    let checked = checked();
    let example = generated();
    assert_eq!(checked.delivery.kitchens.len(), example.kitchens.len());
    assert_eq!(checked.delivery.beneficiaries.len(), example.people.len());
    // A sample of a few hundred people, each checked field by field.
    let people = checked.delivery.beneficiaries.iter().zip(&example.people);
    for (read, meant) in people.step_by(401) {
        let at = read.origin.row;
        assert_eq!(read.kitchen.as_str(), meant.kitchen, "row {at}");
        assert_eq!(read.sex, Some(meant.sex), "row {at}");
        // A blank age is counted from the birth date, or left blank.
        if meant.age.is_some() {
            assert_eq!(read.age, meant.age, "row {at}");
        } else {
            let cut = example.config.cut_date;
            let from_birth = cut.years_since(meant.birth_date).map(|y| y as u16);
            assert!(read.age.is_none() || read.age == from_birth, "row {at}");
        }
        assert_eq!(read.age_group, meant.age_group, "row {at}");
        #[expect(
            clippy::disallowed_methods,
            reason = "compares the imported personal values with the generated ones"
        )]
        let (birth, curp) = (
            read.birth_date.as_ref().map(|d| *d.reveal()),
            match &read.curp {
                Some(CurpField::Valid(curp)) => Some(curp.reveal().to_owned()),
                _ => None,
            },
        );
        assert_eq!(birth, Some(meant.birth_date), "row {at}");
        if cocina_model::Curp::new(&meant.curp).is_ok() {
            assert_eq!(curp.as_deref(), Some(meant.curp.as_str()), "row {at}");
        }
    }
}

#[test]
fn example_endowments_import_one_ration_per_age_group() {
    let checked = checked();
    let example = generated();
    let groups: BTreeSet<&str> = example.endowments.iter().map(|r| r.age_group).collect();
    assert_eq!(checked.delivery.endowments.len(), groups.len());
    let items: usize = checked
        .delivery
        .endowments
        .iter()
        .map(|e| e.items.len())
        .sum();
    assert_eq!(items, example.endowments.len());
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
                p.sheet.clone(),
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

/// The delivery encoded for counting, as `cocina stats` encodes it.
fn encoded() -> Encoded {
    let delivery = &checked().delivery;
    let kitchens: Vec<KitchenEntry> = delivery.kitchens.iter().map(KitchenEntry::from).collect();
    let source = Source {
        name: "entrega-2016",
        kitchens: &kitchens,
        beneficiaries: &delivery.beneficiaries,
        counts: &delivery.counts,
    };
    Encoded::new(&[source], None)
}

/// The leaves of an internal table of `by`, with their counts.
fn leaves(encoded: &Encoded, by: Vec<Dimension>, kitchens: bool) -> Vec<(Vec<String>, u64)> {
    let plan = Plan::new(&encoded.universe, &Query::new(by, Vec::new()).unwrap()).unwrap();
    let (counts, purpose) = if kitchens {
        (encoded.count_kitchens(&plan), Purpose::Kitchens)
    } else {
        (encoded.count(&plan), Purpose::Internal)
    };
    let table = Table::new(&encoded.universe, &plan, &counts, purpose).unwrap();
    table
        .rows()
        .filter(|r| r.coordinates.iter().all(|c| !c.total))
        .map(|r| {
            let keys = r.coordinates.iter().map(|c| c.key.clone()).collect();
            (keys, r.count.expect("internal tables suppress nothing"))
        })
        .collect()
}

#[test]
fn aggregation_matches_an_independent_count() {
    let by = vec![
        Dimension::Geo(GeoLevel::Municipality),
        Dimension::Sex,
        Dimension::AgeGroup,
    ];
    let sex_of = |label: &str| match SEX_LABELS.iter().position(|l| *l == label) {
        Some(0) => Sex::Female,
        Some(1) => Sex::Male,
        _ => panic!("the example records every person's sex as female or male"),
    };
    let ours: BTreeMap<(Option<String>, Sex, AgeGroup), u64> = leaves(&encoded(), by, false)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(keys, n)| {
            // Municipalities are labelled with the state's key, `20067`.
            let municipality = keys[0].strip_prefix("20").map(str::to_owned);
            let group = keys[2].parse().expect("an age group label");
            ((municipality, sex_of(&keys[1]), group), n)
        })
        .collect();
    assert_eq!(ours, independent_counts(generated()));
}

#[test]
fn kitchens_by_status_match_the_generator() {
    let counts: BTreeMap<String, u64> = leaves(&encoded(), vec![Dimension::Status], true)
        .into_iter()
        .map(|(keys, n)| (keys[0].clone(), n))
        .collect();
    let example = generated();
    let mut seen = BTreeSet::new();
    let listed: Vec<_> = example
        .kitchens
        .iter()
        .filter(|k| seen.insert(&k.key))
        .collect();
    for status in KitchenStatus::ALL {
        let expected = listed.iter().filter(|k| k.status == status).count();
        assert_eq!(counts[&status.to_string()], expected as u64, "{status}");
    }
}

/// Returns the text of the status table's row headed `heading` on a
/// published overview page.
fn status_figure(page: &str, heading: &str) -> String {
    let row = format!("<th scope=\"row\">{heading}</th><td class=\"n\">");
    let at = page
        .find(&row)
        .unwrap_or_else(|| panic!("no row {heading:?} on the overview"))
        + row.len();
    page[at..].split('<').next().unwrap_or_default().to_owned()
}

/// The example's notes and the published site give the same number of
/// kitchens and of kitchens in operation, written alike; the notes say
/// why the file's rows are more.
#[test]
fn the_example_notes_and_the_site_agree_on_the_kitchens() {
    let notes_file = cocina_generator::notes_path(&example_dir());
    let notes = std::fs::read_to_string(&notes_file).unwrap();
    let (kitchens, operating) = notes
        .split("**")
        .find_map(|bold| {
            let bold = bold.strip_suffix(" kitchens in operation")?;
            let (all, operating) = bold.split_once(" kitchens, ")?;
            Some((all.to_owned(), operating.to_owned()))
        })
        .expect("the notes say how many kitchens, and in operation, in bold");
    assert!(
        notes.contains("listed twice"),
        "the notes say why rows differ"
    );

    let site = crate::publish::published_site();
    let spanish = std::fs::read_to_string(site.join("index.html")).unwrap();
    let english = std::fs::read_to_string(site.join("en/index.html")).unwrap();
    assert_eq!(status_figure(&spanish, "En operación"), operating);
    assert_eq!(status_figure(&english, "Operating"), operating);
    let total = |page: &str| {
        let status_table = &page[page
            .find("En operación")
            .or(page.find("Operating"))
            .unwrap()..];
        status_figure(status_table, "Total")
    };
    assert_eq!(total(&spanish), kitchens);
    assert_eq!(total(&english), kitchens);

    // And the register agrees with both, by key.
    let first: BTreeMap<&str, KitchenStatus> = checked()
        .delivery
        .kitchens
        .iter()
        .rev()
        .map(|k| (k.key.as_str(), k.status))
        .collect();
    let in_operation = first
        .values()
        .filter(|s| **s == KitchenStatus::Operating)
        .count();
    assert_eq!(
        cocina_model::Lang::En.number(in_operation as u64),
        operating
    );
    assert_eq!(cocina_model::Lang::En.number(first.len() as u64), kitchens);
}
