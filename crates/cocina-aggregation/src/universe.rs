//! The values each dimension can take, and records encoded as small codes.
//!
//! Counting is fastest on records that are already plain numbers: a kitchen
//! index and one byte per category. [`Universe`] holds the dictionaries
//! that turn model values into those codes and codes back into labels; every
//! geographic level (and the marginalization degree) is a function of the
//! kitchen, so it is looked up from the kitchen index, never stored per
//! person.

use std::collections::{BTreeMap, HashMap};

use cocina_geography::reference::{MarginalizationDegree, Population, Reference};
use cocina_model::{
    AgeBins, AgeGroup, Beneficiary, BeneficiaryCount, Kitchen, KitchenKey, KitchenStatus,
    LocalityKey, MunicipalityKey, PriorityGroup, Sex,
};

use crate::dimension::GeoLevel;

/// One beneficiary, encoded: 8 bytes, the input of the counting loop. The
/// layout is fixed and plain (no padding) so that the loop can read sex and
/// age group, side by side, as one 16-bit value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub struct Record {
    /// Kitchen index in the [`Universe`]; [`Universe::unknown_kitchen`] for
    /// a key the kitchens list lacks.
    pub kitchen: u32,
    /// Sex code: see [`Universe::sex_code`].
    pub sex: u8,
    /// Age group code: see [`Universe::age_code`].
    pub age_group: u8,
    /// Priority code: see [`priority_code`].
    pub priority: u8,
    /// Delivery index in the [`Universe`].
    pub delivery: u8,
}

/// Labels of the sex codes, in code order.
pub const SEX_LABELS: [&str; 4] = ["female", "male", "non_binary", "unknown"];
/// Labels of the priority codes, in code order.
pub const PRIORITY_LABELS: [&str; 5] = [
    "none",
    "pregnant_or_breastfeeding",
    "disability",
    "both",
    "unknown",
];
/// Priority code of people from count tables, which do not say.
pub const PRIORITY_UNKNOWN: u8 = 4;

/// Returns the code of a person's priority groups.
#[must_use]
pub fn priority_code(groups: &[PriorityGroup]) -> u8 {
    let pregnant = groups.contains(&PriorityGroup::PregnantOrBreastfeeding);
    let disability = groups.contains(&PriorityGroup::Disability);
    u8::from(pregnant) + 2 * u8::from(disability)
}

/// One area of a geographic level: its key and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AreaLabel {
    /// The key (`20067`, a kitchen key, a region's name); empty when the
    /// area is unknown.
    pub key: String,
    /// The name, when there is one.
    pub name: String,
}

/// Codes of one geographic level (or of the marginalization degree): the
/// code of each kitchen index, and each code's label.
#[derive(Debug, Clone, Default)]
pub(crate) struct LevelCodes {
    pub(crate) of_kitchen: Vec<u32>,
    pub(crate) labels: Vec<AreaLabel>,
    /// Population of each code's area, where the reference gives it.
    pub(crate) population: Vec<Option<Population>>,
}

/// The dictionaries of every dimension.
#[derive(Debug, Clone)]
pub struct Universe {
    kitchen_keys: Vec<KitchenKey>,
    kitchen_index: HashMap<KitchenKey, u32, foldhash::fast::FixedState>,
    statuses: Vec<KitchenStatus>,
    levels: BTreeMap<GeoLevel, LevelCodes>,
    marginalization: Option<LevelCodes>,
    ages: Vec<AgeGroup>,
    bins: AgeBins,
    deliveries: Vec<String>,
}

/// What counting needs of a kitchen: its key, place and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenEntry {
    /// The key.
    pub key: KitchenKey,
    /// The municipality, when known.
    pub municipality: Option<MunicipalityKey>,
    /// The locality within it, when known.
    pub locality: Option<LocalityKey>,
    /// The status.
    pub status: KitchenStatus,
}

impl From<&Kitchen> for KitchenEntry {
    fn from(kitchen: &Kitchen) -> Self {
        Self {
            key: kitchen.key.clone(),
            municipality: kitchen.municipality,
            locality: kitchen.locality,
            status: kitchen.status,
        }
    }
}

/// What the geography of one kitchen resolves to at every level.
struct KitchenPlace<'r> {
    municipality: Option<MunicipalityKey>,
    locality: Option<LocalityKey>,
    /// Region and district.
    district: Option<(&'r str, &'r str)>,
    marginalization: Option<MarginalizationDegree>,
}

impl Universe {
    /// Builds the dictionaries from the kitchens of every delivery (a key
    /// listed twice keeps its first listing) and, when given, the reference
    /// catalogues, which alone know regions, districts, population and
    /// marginalization. The age groups start as the default bins.
    #[must_use]
    pub fn new(kitchens: &[&Kitchen], reference: Option<&Reference>) -> Self {
        let entries: Vec<KitchenEntry> = kitchens.iter().map(|k| KitchenEntry::from(*k)).collect();
        Self::from_entries(entries.iter(), reference)
    }

    /// Builds the dictionaries from kitchens as [`KitchenEntry`]s, as
    /// [`Universe::new`] does.
    #[must_use]
    pub fn from_entries<'k>(
        kitchens: impl ExactSizeIterator<Item = &'k KitchenEntry>,
        reference: Option<&Reference>,
    ) -> Self {
        let n = kitchens.len();
        let mut kitchen_keys = Vec::with_capacity(n);
        let mut kitchen_index =
            HashMap::with_capacity_and_hasher(n, foldhash::fast::FixedState::default());
        let mut statuses = Vec::with_capacity(n);
        let mut places = Vec::with_capacity(n + 1);
        for kitchen in kitchens {
            if kitchen_index.contains_key(&kitchen.key) {
                continue;
            }
            kitchen_index.insert(kitchen.key.clone(), kitchen_keys.len() as u32);
            kitchen_keys.push(kitchen.key.clone());
            statuses.push(kitchen.status);
            places.push(place_of(kitchen, reference));
        }
        // The last index stands for every key the kitchens list lacks.
        places.push(KitchenPlace {
            municipality: None,
            locality: None,
            district: None,
            marginalization: None,
        });
        let bins = AgeBins::default();
        Self {
            levels: level_codes(&kitchen_keys, &places, reference),
            marginalization: reference.map(|r| marginalization_codes(&places, r)),
            kitchen_keys,
            kitchen_index,
            statuses,
            ages: bins.groups().collect(),
            bins,
            deliveries: Vec::new(),
        }
    }

    /// Names the deliveries, in the order of their codes.
    #[must_use]
    pub fn with_deliveries(mut self, deliveries: Vec<String>) -> Self {
        self.deliveries = deliveries;
        self
    }

    /// The index standing for kitchen keys missing from the kitchens list.
    #[must_use]
    pub fn unknown_kitchen(&self) -> u32 {
        self.kitchen_keys.len() as u32
    }

    /// Returns a kitchen key's index.
    #[must_use]
    pub fn kitchen_code(&self, key: &KitchenKey) -> u32 {
        self.kitchen_index
            .get(key)
            .copied()
            .unwrap_or(self.unknown_kitchen())
    }

    /// Returns the index of a kitchen key given as text, for readers that
    /// never build a [`KitchenKey`].
    #[must_use]
    pub fn kitchen_code_of_text(&self, key: &str) -> u32 {
        KitchenKey::new(key).map_or(self.unknown_kitchen(), |k| self.kitchen_code(&k))
    }

    /// The kitchens' keys, by index.
    #[must_use]
    pub fn kitchen_keys(&self) -> &[KitchenKey] {
        &self.kitchen_keys
    }

    /// The kitchens' statuses, by index.
    #[must_use]
    pub fn kitchen_statuses(&self) -> &[KitchenStatus] {
        &self.statuses
    }

    /// Returns the sex code: female, male, non-binary, unknown.
    #[must_use]
    pub fn sex_code(sex: Option<Sex>) -> u8 {
        match sex {
            Some(Sex::Female) => 0,
            Some(Sex::Male) => 1,
            Some(Sex::NonBinary) => 2,
            None => 3,
        }
    }

    /// Returns the code of an age group, adding it when it is new (a
    /// delivery with bins of its own). Returns `None` past 255 groups.
    pub fn age_code(&mut self, group: AgeGroup) -> Option<u8> {
        if let Some(code) = self.find_age(group) {
            return Some(code);
        }
        let code = u8::try_from(self.ages.len()).ok()?;
        self.ages.push(group);
        Some(code)
    }

    /// Returns the code of an age group already known.
    #[must_use]
    pub fn find_age(&self, group: AgeGroup) -> Option<u8> {
        self.ages
            .iter()
            .position(|g| *g == group)
            .map(|code| code as u8)
    }

    /// The default bins, used to classify a bare age.
    #[must_use]
    pub fn bins(&self) -> &AgeBins {
        &self.bins
    }

    /// The age groups, by code.
    #[must_use]
    pub fn age_groups(&self) -> &[AgeGroup] {
        &self.ages
    }

    /// The deliveries' names, by code.
    #[must_use]
    pub fn deliveries(&self) -> &[String] {
        &self.deliveries
    }

    /// Whether the reference catalogues were given.
    #[must_use]
    pub fn has_reference(&self) -> bool {
        self.marginalization.is_some()
    }

    pub(crate) fn level(&self, level: GeoLevel) -> &LevelCodes {
        &self.levels[&level]
    }

    pub(crate) fn marginalization(&self) -> Option<&LevelCodes> {
        self.marginalization.as_ref()
    }

    /// Encodes one person of delivery `delivery`.
    pub fn encode(&mut self, person: &Beneficiary, delivery: u8) -> Record {
        Record {
            kitchen: self.kitchen_code(&person.kitchen),
            sex: Self::sex_code(person.sex),
            age_group: self.age_code_or_unknown(person.age_group),
            priority: priority_code(&person.priority),
            delivery,
        }
    }

    /// Encodes one row of a count table, with its count.
    pub fn encode_count(&mut self, row: &BeneficiaryCount, delivery: u8) -> (Record, u64) {
        let record = Record {
            kitchen: self.kitchen_code(&row.kitchen),
            sex: Self::sex_code(row.sex),
            age_group: self.age_code_or_unknown(row.age_group),
            priority: PRIORITY_UNKNOWN,
            delivery,
        };
        (record, u64::from(row.count))
    }

    fn age_code_or_unknown(&mut self, group: AgeGroup) -> u8 {
        // Past 255 distinct groups the rest count as unknown; no delivery
        // comes near that.
        self.age_code(group)
            .or_else(|| self.find_age(AgeGroup::Unknown))
            .unwrap_or(0)
    }
}

fn place_of<'r>(kitchen: &KitchenEntry, reference: Option<&'r Reference>) -> KitchenPlace<'r> {
    let facts = kitchen
        .municipality
        .and_then(|m| reference.and_then(|r| r.municipality(m)));
    KitchenPlace {
        municipality: kitchen.municipality,
        locality: kitchen.municipality.and(kitchen.locality),
        district: facts.map(|f| (f.region.as_str(), f.district.as_str())),
        marginalization: facts.and_then(|f| f.marginalization.map(|m| m.degree)),
    }
}

fn level_codes(
    keys: &[KitchenKey],
    places: &[KitchenPlace<'_>],
    reference: Option<&Reference>,
) -> BTreeMap<GeoLevel, LevelCodes> {
    let catalog = cocina_geography::Catalog::bundled();
    let municipality_name = |m: MunicipalityKey| {
        reference
            .and_then(|r| r.municipality(m).map(|f| f.name.clone()))
            .or_else(|| catalog.get(m).map(|c| c.name.clone()))
            .unwrap_or_default()
    };
    let mut levels = BTreeMap::new();
    levels.insert(
        GeoLevel::State,
        codes(
            places,
            |_| Some(()),
            |()| ("20".to_owned(), "Oaxaca".to_owned()),
        ),
    );
    levels.insert(
        GeoLevel::Municipality,
        codes(
            places,
            |p| p.municipality,
            |m| (format!("20{m}"), municipality_name(*m)),
        ),
    );
    levels.insert(
        GeoLevel::Locality,
        codes(
            places,
            |p| Some((p.municipality?, p.locality)),
            |(m, l)| {
                let key = l.map_or_else(String::new, |l| l.to_string());
                (format!("20{m}{key}"), locality_name(reference, *m, *l))
            },
        ),
    );
    let mut kitchen = LevelCodes::default();
    for (index, key) in keys.iter().enumerate() {
        kitchen.of_kitchen.push(index as u32);
        kitchen.labels.push(AreaLabel {
            key: key.to_string(),
            name: String::new(),
        });
    }
    kitchen.of_kitchen.push(keys.len() as u32);
    kitchen.labels.push(unknown_label());
    kitchen.population = vec![None; kitchen.labels.len()];
    levels.insert(GeoLevel::Kitchen, kitchen);
    if let Some(reference) = reference {
        add_reference_levels(&mut levels, places, reference);
    }
    levels
}

fn add_reference_levels(
    levels: &mut BTreeMap<GeoLevel, LevelCodes>,
    places: &[KitchenPlace<'_>],
    reference: &Reference,
) {
    // Districts are keyed with their region so that each has one parent.
    levels.insert(
        GeoLevel::District,
        codes(
            places,
            |p| p.district,
            |(region, district)| (format!("{region} / {district}"), (*district).to_owned()),
        ),
    );
    levels.insert(
        GeoLevel::Region,
        codes(
            places,
            |p| p.district.map(|(region, _)| region),
            |region| ((*region).to_owned(), (*region).to_owned()),
        ),
    );
    for level in GeoLevel::ALL {
        if let Some(codes) = levels.get_mut(&level) {
            codes.population = populations(codes, level, reference);
        }
    }
}

/// Sums the census population of the municipalities in each area.
fn populations(
    codes: &LevelCodes,
    level: GeoLevel,
    reference: &Reference,
) -> Vec<Option<Population>> {
    let mut by_key: HashMap<String, Population> = HashMap::new();
    for facts in reference.municipalities() {
        let Some(population) = facts.population else {
            continue;
        };
        let key = match level {
            GeoLevel::State => "20".to_owned(),
            GeoLevel::Region => facts.region.clone(),
            GeoLevel::District => format!("{} / {}", facts.region, facts.district),
            GeoLevel::Municipality => format!("20{}", facts.key),
            GeoLevel::Locality | GeoLevel::Kitchen => continue,
        };
        add_population(by_key.entry(key).or_insert(ZERO), population);
    }
    codes
        .labels
        .iter()
        .map(|label| by_key.get(&label.key).copied())
        .collect()
}

const ZERO: Population = Population {
    total: 0,
    men: 0,
    women: 0,
};

fn add_population(sum: &mut Population, more: Population) {
    sum.total = sum.total.saturating_add(more.total);
    sum.men = sum.men.saturating_add(more.men);
    sum.women = sum.women.saturating_add(more.women);
}

fn marginalization_codes(places: &[KitchenPlace<'_>], reference: &Reference) -> LevelCodes {
    let mut codes = codes(
        places,
        |p| p.marginalization,
        |d| (format!("{}", rank(*d)), d.label().to_owned()),
    );
    let mut by_degree: HashMap<MarginalizationDegree, Population> = HashMap::new();
    for facts in reference.municipalities() {
        if let (Some(m), Some(p)) = (facts.marginalization, facts.population) {
            add_population(by_degree.entry(m.degree).or_insert(ZERO), p);
        }
    }
    codes.population = codes
        .labels
        .iter()
        .map(|label| {
            let degree = MarginalizationDegree::from_label(&label.name)?;
            by_degree.get(&degree).copied()
        })
        .collect();
    codes
}

/// Orders degrees from very high to very low in the output.
fn rank(degree: MarginalizationDegree) -> usize {
    MarginalizationDegree::ALL
        .iter()
        .position(|d| *d == degree)
        .unwrap_or(0)
        + 1
}

fn locality_name(
    reference: Option<&Reference>,
    municipality: MunicipalityKey,
    locality: Option<LocalityKey>,
) -> String {
    let Some(locality) = locality else {
        return "(sin localidad / no locality)".to_owned();
    };
    reference
        .and_then(|r| {
            r.localities_of(municipality)
                .iter()
                .find(|l| l.cvegeo.locality == Some(locality))
                .map(|l| l.name.clone())
        })
        .unwrap_or_default()
}

fn unknown_label() -> AreaLabel {
    AreaLabel {
        key: String::new(),
        name: "(sin asignar / unassigned)".to_owned(),
    }
}

/// Gives each distinct key a code in key order, labelled by `label_of`
/// (key, name); kitchens whose `key_of` is `None` share the last code,
/// "unassigned". Labels are built once per area, not per kitchen.
fn codes<'r, K: Ord + Clone>(
    places: &[KitchenPlace<'r>],
    key_of: impl Fn(&KitchenPlace<'r>) -> Option<K>,
    label_of: impl Fn(&K) -> (String, String),
) -> LevelCodes {
    let keys: Vec<Option<K>> = places.iter().map(key_of).collect();
    let mut distinct: Vec<K> = keys.iter().flatten().cloned().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let unassigned = distinct.len() as u32;
    let of_kitchen = keys
        .iter()
        .map(|k| {
            k.as_ref().map_or(unassigned, |k| {
                distinct.binary_search(k).expect("every key is listed") as u32
            })
        })
        .collect();
    let mut labels: Vec<AreaLabel> = distinct
        .iter()
        .map(|k| {
            let (key, name) = label_of(k);
            AreaLabel { key, name }
        })
        .collect();
    labels.push(unknown_label());
    LevelCodes {
        of_kitchen,
        population: vec![None; labels.len()],
        labels,
    }
}
