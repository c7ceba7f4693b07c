//! `cocina geo lookup`: find a municipality by name, key or point.

use anyhow::{Context, bail};
use cocina_geography::reference::{MarginalizationDegree, MunicipalityFacts, Reference};
use cocina_geography::{Catalog, Municipality, NameMatch};
use cocina_model::Lang;
use geo_types::Point;

use crate::cli::LookupArgs;
use crate::i18n;
use crate::{Outcome, outln};

pub(crate) fn lookup(args: &LookupArgs, lang: Lang, out: &mut String) -> anyhow::Result<Outcome> {
    let reference = load_reference(args, lang)?;
    let printer = Printer {
        reference: reference.as_ref(),
        lang,
    };
    let query = args.query.as_str();
    let catalog = Catalog::bundled();
    if let Some(point) = parse_point(query) {
        match catalog.municipality_at(point) {
            Some(m) => printer.print(m, out),
            None => bail!(i18n::NO_MUNICIPALITY_AT.fill(lang, &[("query", &query)])),
        }
        return Ok(Outcome::Clean);
    }
    match catalog.resolve(query) {
        NameMatch::Found(key) => {
            printer.print(
                catalog.get(key).expect("resolved keys are in the catalog"),
                out,
            );
        }
        NameMatch::Ambiguous(keys) => {
            outln!(out, "{}", i18n::AMBIGUOUS.fill(lang, &[("query", &query)]));
            for key in keys {
                if let Some(m) = catalog.get(key) {
                    printer.print(m, out);
                }
            }
        }
        NameMatch::NotFound => {
            let suggestions = catalog.suggest(query, 10);
            if suggestions.is_empty() {
                bail!(i18n::NO_MUNICIPALITY_NAMED.fill(lang, &[("query", &query)]));
            }
            outln!(
                out,
                "{}",
                i18n::DID_YOU_MEAN.fill(lang, &[("query", &query)])
            );
            for m in suggestions {
                printer.print(m, out);
            }
        }
    }
    Ok(Outcome::Clean)
}

fn load_reference(args: &LookupArgs, lang: Lang) -> anyhow::Result<Option<Reference>> {
    let Some(dir) = &args.reference else {
        return Ok(None);
    };
    let reference = Reference::load(dir)
        .with_context(|| i18n::READ_REFERENCE.fill(lang, &[("dir", &dir.display())]))?;
    Ok(Some(reference))
}

/// Reads `LAT,LON` in decimal degrees. Oaxaca's longitudes are negative and
/// its latitudes positive, so `LON,LAT` is read the right way round too.
fn parse_point(query: &str) -> Option<Point<f64>> {
    let (first, second) = query.split_once(',')?;
    let first: f64 = first.trim().parse().ok()?;
    let second: f64 = second.trim().parse().ok()?;
    if first < 0.0 && second > 0.0 {
        return Some(Point::new(first, second));
    }
    Some(Point::new(second, first))
}

/// Prints municipalities, with their reference facts when they were read.
struct Printer<'a> {
    reference: Option<&'a Reference>,
    lang: Lang,
}

impl Printer<'_> {
    fn print(&self, m: &Municipality, out: &mut String) {
        let inside = m.label_point;
        let (lat, lon) = (inside.y(), inside.x());
        outln!(
            out,
            "{}  {}  ({}: {lat:.5},{lon:.5})",
            m.cvegeo,
            m.label(),
            i18n::INTERIOR_POINT.get(self.lang)
        );
        let Some(reference) = self.reference else {
            return;
        };
        if let Some(facts) = reference.municipality(m.key) {
            print_facts(facts, self.lang, out);
        } else {
            outln!(out, "    {}", i18n::NOT_IN_REFERENCE.get(self.lang));
        }
    }
}

fn print_facts(facts: &MunicipalityFacts, lang: Lang, out: &mut String) {
    let no_data = || i18n::NO_DATA.get(lang).to_owned();
    let population = facts
        .population
        .map_or_else(no_data, |p| lang.number(u64::from(p.total)));
    let degree = facts
        .marginalization
        .map_or_else(no_data, |m| degree(m.degree, lang));
    outln!(out, "    {}: {}", i18n::REGION.get(lang), facts.region);
    outln!(out, "    {}: {}", i18n::DISTRICT.get(lang), facts.district);
    outln!(out, "    {}: {population}", i18n::POPULATION.get(lang));
    outln!(out, "    {}: {degree}", i18n::MARGINALIZATION.get(lang));
}

/// Returns CONAPO's label of a degree, which is Spanish, with its English
/// meaning for English readers: "Muy bajo (very low)".
fn degree(degree: MarginalizationDegree, lang: Lang) -> String {
    let english = match degree {
        MarginalizationDegree::VeryHigh => "very high",
        MarginalizationDegree::High => "high",
        MarginalizationDegree::Medium => "medium",
        MarginalizationDegree::Low => "low",
        MarginalizationDegree::VeryLow => "very low",
    };
    match lang {
        Lang::Es => degree.label().to_owned(),
        Lang::En => format!("{} ({english})", degree.label()),
    }
}
