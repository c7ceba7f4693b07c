//! Kitchens at points inside real municipalities, and the planted faults of
//! the kitchens list.

use chrono::NaiveDate;
use std::collections::HashMap;

use cocina_geography::{Catalog, Municipality, NameMatch};
use cocina_model::{KitchenStatus, MunicipalityKey, text::fold};
use geo_types::Point;
use rand::Rng;
use rand::seq::IndexedRandom;

use crate::{KitchenRow, ZONES, people};

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
/// Each municipality also gets its operative zone.
pub(crate) struct Places<'a> {
    pub(crate) catalog: &'a Catalog,
    choices: Vec<&'a Municipality>,
    zones: HashMap<MunicipalityKey, u8>,
}

impl<'a> Places<'a> {
    pub(crate) fn new(catalog: &'a Catalog) -> Self {
        let choices = catalog
            .municipalities()
            .iter()
            .filter(|m| catalog.resolve_name(&written(&m.name)) == NameMatch::Found(m.key))
            .collect();
        Self {
            catalog,
            choices,
            zones: zones(catalog.municipalities()),
        }
    }

    /// The operative zone of a municipality, 1 to [`ZONES`].
    pub(crate) fn zone(&self, key: MunicipalityKey) -> u8 {
        self.zones[&key]
    }

    /// The municipalities of a zone that kitchens may be drawn in.
    fn choices_in(&self, zone: u8) -> Vec<&'a Municipality> {
        let choices = self.choices.iter().copied();
        choices.filter(|m| self.zone(m.key) == zone).collect()
    }
}

/// Groups the municipalities into [`ZONES`] operative zones by where they
/// lie: the northern and southern halves (split at the median latitude of
/// their label points), each cut into four bands of equal count from west
/// to east. Zones 1 to 4 are the northern bands, 5 to 8 the southern ones.
/// Nothing but the bundled boundaries feeds this, and it is not any of the
/// state's official regions.
fn zones(municipalities: &[Municipality]) -> HashMap<MunicipalityKey, u8> {
    let by = |a: f64, b: f64| a.total_cmp(&b);
    let mut all: Vec<&Municipality> = municipalities.iter().collect();
    all.sort_by(|a, b| by(b.label_point.y(), a.label_point.y()).then(a.key.cmp(&b.key)));
    let half = all.len().div_ceil(2);
    let bands = ZONES as usize / 2;
    let mut zones = HashMap::new();
    for (h, part) in all.chunks_mut(half).enumerate() {
        part.sort_by(|a, b| by(a.label_point.x(), b.label_point.x()).then(a.key.cmp(&b.key)));
        let len = part.len();
        for (i, m) in part.iter().enumerate() {
            let band = i * bands / len;
            zones.insert(m.key, (h * bands + band + 1) as u8);
        }
    }
    zones
}

/// Draws `count` kitchens and lists them the way the agency does: zone by
/// zone, by municipality within a zone; keys are numbered in that order.
pub(crate) fn kitchens(rng: &mut impl Rng, places: &Places<'_>, count: usize) -> Vec<KitchenRow> {
    let mut kitchens: Vec<KitchenRow> = (0..count).map(|_| kitchen(rng, places, 0)).collect();
    kitchens
        .sort_by(|a, b| (a.zone, &a.municipality_written).cmp(&(b.zone, &b.municipality_written)));
    for (n, kitchen) in kitchens.iter_mut().enumerate() {
        kitchen.key = key(n + 1);
    }
    kitchens
}

/// The key of kitchen number `n`.
pub(crate) fn key(n: usize) -> String {
    format!("OAX-{n:04}")
}

/// Draws a kitchen in zone `zone`, for the planted duplicate keys.
pub(crate) fn kitchen_in_zone(rng: &mut impl Rng, places: &Places<'_>, zone: u8) -> KitchenRow {
    let municipality = *places
        .choices_in(zone)
        .choose(rng)
        .expect("every zone has municipalities");
    kitchen_at(rng, places, municipality)
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
    let mut kitchen = kitchen_at(rng, places, municipality);
    kitchen.key = key(n);
    kitchen
}

fn kitchen_at(rng: &mut impl Rng, places: &Places<'_>, municipality: &Municipality) -> KitchenRow {
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
        key: String::new(),
        name: format!(
            "{} {}",
            KITCHEN_NAMES.choose(rng).expect("non-empty"),
            NAME_SUFFIXES.choose(rng).expect("non-empty")
        ),
        municipality: municipality.key,
        municipality_written: written(&municipality.name),
        zone: places.zone(municipality.key),
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

/// Moves a kitchen's point more than 5 km outside its municipality.
pub(crate) fn move_elsewhere(rng: &mut impl Rng, catalog: &Catalog, kitchen: &mut KitchenRow) {
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
