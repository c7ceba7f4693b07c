//! `cocina geo lookup`: find a municipality by name, key or point.

use crate::outln;
use anyhow::{Context, bail};
use cocina_geography::reference::{MunicipalityFacts, Reference};
use cocina_geography::{Catalog, Municipality, NameMatch};
use geo_types::Point;

use crate::Outcome;
use crate::cli::LookupArgs;

pub(crate) fn lookup(args: &LookupArgs, out: &mut String) -> anyhow::Result<Outcome> {
    let reference = load_reference(args)?;
    let printer = Printer {
        reference: reference.as_ref(),
    };
    let query = args.query.as_str();
    let catalog = Catalog::bundled();
    if let Some(point) = parse_point(query) {
        match catalog.municipality_at(point) {
            Some(m) => printer.print(m, out),
            None => bail!("no Oaxaca municipality contains the point {query}"),
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
            outln!(out, "\"{query}\" is ambiguous; candidates:");
            for key in keys {
                if let Some(m) = catalog.get(key) {
                    printer.print(m, out);
                }
            }
        }
        NameMatch::NotFound => {
            let suggestions = catalog.suggest(query, 10);
            if suggestions.is_empty() {
                bail!("no Oaxaca municipality matches \"{query}\"");
            }
            outln!(
                out,
                "\"{query}\" is not a full name; did you mean / ¿quiso decir?"
            );
            for m in suggestions {
                printer.print(m, out);
            }
        }
    }
    Ok(Outcome::Clean)
}

fn load_reference(args: &LookupArgs) -> anyhow::Result<Option<Reference>> {
    let Some(dir) = &args.reference else {
        return Ok(None);
    };
    let reference = Reference::load(dir)
        .with_context(|| format!("reading the reference data in {}", dir.display()))?;
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
}

impl Printer<'_> {
    fn print(&self, m: &Municipality, out: &mut String) {
        let inside = m.label_point;
        let (lat, lon) = (inside.y(), inside.x());
        outln!(
            out,
            "{}  {}  (punto interior / interior point: {lat:.5},{lon:.5})",
            m.cvegeo,
            m.label()
        );
        let Some(reference) = self.reference else {
            return;
        };
        if let Some(facts) = reference.municipality(m.key) {
            print_facts(facts, out);
        } else {
            outln!(
                out,
                "    sin datos de referencia / not in the reference data"
            );
        }
    }
}

/// What a missing value prints as.
const NO_DATA: &str = "sin dato / no data";

fn print_facts(facts: &MunicipalityFacts, out: &mut String) {
    let population = facts
        .population
        .map_or_else(|| NO_DATA.to_owned(), |p| p.total.to_string());
    let degree = facts.marginalization.map_or(NO_DATA, |m| m.degree.label());
    outln!(out, "    región / region: {}", facts.region);
    outln!(out, "    distrito / district: {}", facts.district);
    outln!(out, "    población 2020 / population 2020: {population}");
    outln!(
        out,
        "    grado de marginación 2020 / marginalization degree 2020 (CONAPO): {degree}"
    );
}
