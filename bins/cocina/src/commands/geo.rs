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
        NameMatch::NotFound => bail!("no Oaxaca municipality matches \"{query}\""),
    }
    Ok(Outcome::Clean)
}

/// Reads `LAT,LON` in decimal degrees.
fn parse_point(query: &str) -> Option<Point<f64>> {
    let (lat, lon) = query.split_once(',')?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    Some(Point::new(lon, lat))
}

fn print_municipality(m: &Municipality, out: &mut String) {
    let centre = m.label_point;
    outln!(
        out,
        "{}  {}  ({:.5}, {:.5})",
        m.cvegeo,
        m.name,
        centre.y(),
        centre.x()
    );
}
