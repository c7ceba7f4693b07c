//! Properties of the catalog over every municipality and random points.

use cocina_geography::{Catalog, NameMatch, OAXACA_BOUNDS, in_state_box};
use geo::{CoordinatePosition, coordinate_position::CoordPos};
use geo_types::Point;
use proptest::prelude::*;

#[test]
fn every_label_point_lies_in_its_own_municipality() {
    let catalog = Catalog::bundled();
    for municipality in catalog.municipalities() {
        let point = municipality.label_point;
        assert!(in_state_box(point), "{}", municipality.cvegeo);
        let found = catalog.municipality_at(point).map(|m| m.key);
        assert_eq!(found, Some(municipality.key), "{}", municipality.cvegeo);
        assert_eq!(catalog.distance_km(point, municipality.key), Some(0.0));
    }
}

/// Points anywhere in the state box, edges included.
fn point_in_state_box() -> impl Strategy<Value = Point<f64>> {
    let lat = OAXACA_BOUNDS.lat_min..=OAXACA_BOUNDS.lat_max;
    let lon = OAXACA_BOUNDS.lon_min..=OAXACA_BOUNDS.lon_max;
    (lat, lon).prop_map(|(lat, lon)| Point::new(lon, lat))
}

/// What spreadsheets put between the words of a name.
const SEPARATORS: &[&str] = &[" ", "  ", ". ", "-", "\t", ", "];

/// A name with random case and random separators between its words.
fn respelled(name: &str, upper: bool, separators: &[&str]) -> String {
    let cased = if upper {
        name.to_uppercase()
    } else {
        name.to_lowercase()
    };
    let mut out = String::from(separators[0]);
    for (i, word) in cased.split(' ').enumerate() {
        out.push_str(word);
        out.push_str(separators[(i + 1) % separators.len()]);
    }
    out
}

proptest! {
    #[test]
    fn a_point_is_inside_at_most_one_municipality(point in point_in_state_box()) {
        let catalog = Catalog::bundled();
        let holding: Vec<_> = catalog
            .municipalities()
            .iter()
            .filter(|m| m.boundary.coordinate_position(&point.0) == CoordPos::Inside)
            .collect();
        prop_assert!(holding.len() <= 1, "{point:?} is in {}", holding.len());
        let found = catalog.municipality_at(point).map(|m| m.key);
        prop_assert_eq!(found, holding.first().map(|m| m.key));
        for municipality in catalog.municipalities() {
            let km = catalog.distance_km(point, municipality.key).unwrap();
            prop_assert_eq!(km == 0.0, found == Some(municipality.key));
        }
    }

    #[test]
    fn names_resolve_whatever_the_case_and_separators(
        index in 0usize..570,
        upper: bool,
        separators in prop::collection::vec(prop::sample::select(SEPARATORS), 1..4),
    ) {
        let catalog = Catalog::bundled();
        let municipality = &catalog.municipalities()[index];
        let name = respelled(&municipality.name, upper, &separators);
        match catalog.resolve_name(&name) {
            NameMatch::Found(key) => prop_assert_eq!(key, municipality.key),
            NameMatch::Ambiguous(keys) => {
                prop_assert!(keys.contains(&municipality.key));
                prop_assert_eq!(keys.len(), 2);
            }
            NameMatch::NotFound => prop_assert!(false, "{name:?} not found"),
        }
    }
}
