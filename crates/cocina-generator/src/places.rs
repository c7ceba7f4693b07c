//! Kitchens at points inside real municipalities, and the planted faults of
//! the kitchens list.

use chrono::NaiveDate;
use cocina_geography::{Catalog, Municipality, NameMatch};
use cocina_model::{KitchenStatus, text::fold};
use geo_types::Point;
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};

use crate::{KitchenRow, PlantedFault, people, write};

const KITCHEN_NAMES: &[&str] = &[
    "COCINA COMUNITARIA",
    "COMEDOR COMUNITARIO",
    "COCINA NUTRICIONAL",
    "COMEDOR INFANTIL",
];
const NAME_SUFFIXES: &[&str] = &[
    "BENITO JUAREZ",
    "NIÑOS HEROES",
    "LA ESPERANZA",
    "EL PROGRESO",
    "SAN ISIDRO",
    "GUADALUPE",
    "CENTRO",
    "BARRIO ALTO",
    "LA CANDELARIA",
    "MARGARITA MAZA",
];

/// The municipalities kitchens are drawn in: those whose name, written in
/// upper case without accents, leads back to them alone. Worked out once,
/// since large deliveries draw hundreds of thousands of kitchens.
pub(crate) struct Places<'a> {
    pub(crate) catalog: &'a Catalog,
    choices: Vec<&'a Municipality>,
}

impl<'a> Places<'a> {
    pub(crate) fn new(catalog: &'a Catalog) -> Self {
        let choices = catalog
            .municipalities()
            .iter()
            .filter(|m| catalog.resolve_name(&written(&m.name)) == NameMatch::Found(m.key))
            .collect();
        Self { catalog, choices }
    }
}

/// Writes a name the way the agency's files do: upper case, no accents.
pub(crate) fn written(name: &str) -> String {
    fold(name).to_uppercase()
}

/// Draws a point inside `municipality`.
fn point_in(rng: &mut impl Rng, catalog: &Catalog, municipality: &Municipality) -> Point<f64> {
    let rect = municipality.bbox;
    loop {
        let lon = rng.random_range(rect.min().x..rect.max().x);
        let lat = rng.random_range(rect.min().y..rect.max().y);
        let point = Point::new((lon * 1e5).round() / 1e5, (lat * 1e5).round() / 1e5);
        if catalog
            .municipality_at(point)
            .is_some_and(|m| m.key == municipality.key)
        {
            return point;
        }
    }
}

/// Draws kitchen number `n`.
pub(crate) fn kitchen(rng: &mut impl Rng, places: &Places<'_>, n: usize) -> KitchenRow {
    let municipality = *places
        .choices
        .choose(rng)
        .expect("Oaxaca has municipalities");
    let point = point_in(rng, places.catalog, municipality);
    let status = match rng.random_range(0..100) {
        0..=89 => KitchenStatus::Operating,
        90..=95 => KitchenStatus::Suspended,
        _ => KitchenStatus::Closed,
    };
    let opened =
        NaiveDate::from_ymd_opt(rng.random_range(2009..=2015), rng.random_range(1..=12), 1)
            .expect("first of a month");
    let president = people::person(rng, opened);
    KitchenRow {
        key: format!("OAX-{n:04}"),
        name: format!(
            "{} {}",
            KITCHEN_NAMES.choose(rng).expect("non-empty"),
            NAME_SUFFIXES.choose(rng).expect("non-empty")
        ),
        municipality: municipality.key,
        municipality_written: written(&municipality.name),
        lat: point.y(),
        lon: point.x(),
        status,
        opened,
        president: president.name,
        phone: format!(
            "951 {:03} {:04}",
            rng.random_range(100..1000),
            rng.random_range(0..10_000)
        ),
    }
}

/// Plants the faults of the kitchens list: points in another municipality,
/// repeated keys, an unknown and an ambiguous municipality name.
pub(crate) fn plant_faults(
    rng: &mut impl Rng,
    places: &Places<'_>,
    kitchens: &mut Vec<KitchenRow>,
    planted: &mut Vec<PlantedFault>,
) {
    let catalog = places.catalog;
    let total = kitchens.len();
    let mut rows: Vec<usize> = (0..total).collect();
    let (chosen, _) = rows.partial_shuffle(rng, 5);
    let chosen = chosen.to_vec();
    for &row in &chosen[..3] {
        move_elsewhere(rng, catalog, &mut kitchens[row]);
        planted.push(write::kitchen_fault(
            "CA-G003",
            row,
            "latitud",
            format!(
                "point of {} moved more than 5 km outside {}",
                kitchens[row].key, kitchens[row].municipality_written
            ),
        ));
    }
    kitchens[chosen[3]].municipality_written = "SAN JUAN DE LAS PALMAS ALTAS".into();
    assert_eq!(
        catalog.resolve_name("SAN JUAN DE LAS PALMAS ALTAS"),
        NameMatch::NotFound
    );
    planted.push(write::kitchen_fault(
        "CA-G001",
        chosen[3],
        "municipio",
        "municipality name that does not exist".into(),
    ));
    kitchens[chosen[4]].municipality_written = "SAN JUAN MIXTEPEC".into();
    planted.push(write::kitchen_fault(
        "CA-G002",
        chosen[4],
        "municipio",
        "municipality name shared by two municipalities".into(),
    ));
    for source in [chosen[0], total / 2] {
        let mut copy = kitchen(rng, places, 0);
        copy.key.clone_from(&kitchens[source].key);
        let row = kitchens.len();
        planted.push(write::kitchen_fault(
            "CA-S001",
            row,
            "clave",
            format!("key {} listed again", copy.key),
        ));
        kitchens.push(copy);
    }
}

fn move_elsewhere(rng: &mut impl Rng, catalog: &Catalog, kitchen: &mut KitchenRow) {
    let all = catalog.municipalities();
    loop {
        let other = all.choose(rng).expect("non-empty");
        let point = point_in(rng, catalog, other);
        if catalog
            .distance_km(point, kitchen.municipality)
            .is_some_and(|d| d > 5.0)
        {
            kitchen.lat = point.y();
            kitchen.lon = point.x();
            return;
        }
    }
}
