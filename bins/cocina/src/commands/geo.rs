//! `cocina geo lookup`: find a municipality by name, key or point.

use crate::outln;
use anyhow::bail;
use cocina_geography::{Catalog, Municipality, NameMatch};
use geo_types::Point;

use crate::Outcome;

pub(crate) fn lookup(query: &str, out: &mut String) -> anyhow::Result<Outcome> {
    let catalog = Catalog::bundled();
    if let Some(point) = parse_point(query) {
        match catalog.municipality_at(point) {
            Some(m) => print_municipality(m, out),
            None => bail!("no Oaxaca municipality contains the point {query}"),
        }
        return Ok(Outcome::Clean);
    }
    match catalog.resolve(query) {
        NameMatch::Found(key) => {
            print_municipality(
                catalog.get(key).expect("resolved keys are in the catalog"),
                out,
            );
        }
        NameMatch::Ambiguous(keys) => {
            outln!(out, "\"{query}\" is ambiguous; candidates:");
            for key in keys {
                if let Some(m) = catalog.get(key) {
                    print_municipality(m, out);
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
                print_municipality(m, out);
            }
        }
    }
    Ok(Outcome::Clean)
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

fn print_municipality(m: &Municipality, out: &mut String) {
    let inside = m.label_point;
    let (lat, lon) = (inside.y(), inside.x());
    outln!(
        out,
        "{}  {}  (punto interior / interior point: {lat:.5},{lon:.5})",
        m.cvegeo,
        m.label()
    );
}
