//! Every use of `cocina-aggregation`, in one module: the published counts
//! of beneficiaries and kitchens at each level.
//!
//! The aggregation crate counts at the state, municipality and kitchen
//! levels. Regions and districts, which exist only when reference data
//! places each municipality, are counted here by adding up the people of
//! each region's (or district's) kitchens into one area and publishing that
//! area with the same suppression, so that every level follows one rule.

use std::collections::{BTreeMap, HashMap};

use cocina_aggregation::{
    Area, BeneficiaryCounts, KitchenCounts, Level, Published, publish_levels,
};
use cocina_model::{AgeGroup, Beneficiary, BeneficiaryCount, Kitchen, KitchenStatus, Sex};
use cocina_rendering::{BeneficiaryTable, SuppressionReason, TableCell};

/// A level figures are published at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AreaLevel {
    /// The whole state.
    State,
    /// One of the 8 regions (with reference data).
    Region,
    /// One of the 30 districts (with reference data).
    District,
    /// One municipality.
    Municipality,
    /// One kitchen.
    Kitchen,
}

impl AreaLevel {
    /// Returns the level's name in the published files.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            AreaLevel::State => "estado",
            AreaLevel::Region => "region",
            AreaLevel::District => "distrito",
            AreaLevel::Municipality => "municipio",
            AreaLevel::Kitchen => "cocina",
        }
    }
}

/// One published cell: an area, a sex and an age group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The area's key: a municipality or kitchen key, a region's or
    /// district's name; `None` for the state and for people no area of the
    /// level holds.
    pub area: Option<String>,
    /// Sex; `None` when not recorded.
    pub sex: Option<Sex>,
    /// Age group.
    pub age_group: AgeGroup,
    /// The count, `None` when suppressed.
    pub value: Option<u64>,
    /// Why it is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// The published figures of one level.
#[derive(Debug, Clone, Default)]
pub struct LevelFigures {
    /// Cells, grouped by area.
    pub cells: Vec<Cell>,
    /// Every area's total of beneficiaries, always published.
    pub totals: BTreeMap<Option<String>, u64>,
    /// Kitchens per area and status.
    pub kitchens: BTreeMap<Option<String>, BTreeMap<KitchenStatus, u64>>,
    /// Where each area's cells are in `cells`: pages ask for one area at a
    /// time, thousands of times.
    ranges: HashMap<Option<String>, std::ops::Range<usize>>,
}

impl LevelFigures {
    /// Returns the beneficiary table of one area, as pages show it.
    #[must_use]
    pub fn table(&self, area: Option<&str>, threshold: u64) -> BeneficiaryTable {
        let key = area.map(str::to_owned);
        let range = self.ranges.get(&key).cloned().unwrap_or_default();
        let cells = self.cells[range]
            .iter()
            .filter(|c| c.area.as_deref() == area)
            .map(|c| TableCell {
                sex: c.sex,
                age_group: c.age_group,
                value: c.value,
                reason: c.reason,
            });
        let total = self.totals.get(&area.map(str::to_owned)).copied();
        BeneficiaryTable::new(cells, total.unwrap_or(0), threshold)
    }

    /// Records where each area's cells are; the cells of one area are
    /// contiguous, as both the aggregation crate and [`grouped_level`]
    /// publish them area by area.
    fn index(&mut self) {
        self.ranges.clear();
        let mut start = 0;
        for (i, cell) in self.cells.iter().enumerate() {
            if i + 1 == self.cells.len() || self.cells[i + 1].area != cell.area {
                self.ranges.insert(cell.area.clone(), start..i + 1);
                start = i + 1;
            }
        }
    }

    /// Returns an area's kitchens of `status`.
    #[must_use]
    pub fn kitchens(&self, area: Option<&str>, status: KitchenStatus) -> u64 {
        self.kitchens
            .get(&area.map(str::to_owned))
            .and_then(|by_status| by_status.get(&status))
            .copied()
            .unwrap_or(0)
    }

    /// Returns an area's total of beneficiaries.
    #[must_use]
    pub fn total(&self, area: Option<&str>) -> u64 {
        self.totals
            .get(&area.map(str::to_owned))
            .copied()
            .unwrap_or(0)
    }
}

/// The published figures of every level.
#[derive(Debug, Clone)]
pub struct Aggregates {
    /// Counts from 1 to this minus one are suppressed.
    pub threshold: u64,
    /// Figures by level; regions and districts only with reference data.
    pub levels: BTreeMap<AreaLevel, LevelFigures>,
}

/// What the counts are made from: the kitchens (first listing of each key,
/// municipalities resolved) and the people or counts of the delivery.
pub struct Inputs<'a> {
    /// Kitchens, one per key.
    pub kitchens: &'a [Kitchen],
    /// People, one record each.
    pub beneficiaries: &'a [Beneficiary],
    /// Pre-aggregated counts.
    pub counts: &'a [BeneficiaryCount],
    /// Region and district of each kitchen, by key, when known.
    pub places: &'a HashMap<String, (String, String)>,
}

impl Aggregates {
    /// Counts and suppresses at every level.
    #[must_use]
    pub fn build(inputs: &Inputs<'_>, threshold: u64) -> Self {
        let mut levels = BTreeMap::new();
        let ours = [
            AreaLevel::State,
            AreaLevel::Municipality,
            AreaLevel::Kitchen,
        ];
        let counts = [Level::State, Level::Municipality, Level::Kitchen]
            .map(|level| all_counts(inputs, level));
        // Published together, so that no level gives a lower one away.
        let published = publish_levels(inputs.kitchens, counts.each_ref(), threshold);
        for ((ours, theirs), (counts, published)) in ours
            .into_iter()
            .zip([Level::State, Level::Municipality, Level::Kitchen])
            .zip(counts.iter().zip(&published))
        {
            levels.insert(ours, crate_level(inputs, theirs, counts, published));
        }
        if !inputs.places.is_empty() {
            let kitchen_level = levels.get(&AreaLevel::Kitchen).cloned().unwrap_or_default();
            let by_kitchen = kitchen_counts(inputs);
            for (level, pick) in [(AreaLevel::Region, 0_usize), (AreaLevel::District, 1)] {
                let figures = grouped_level(inputs, &by_kitchen, &kitchen_level, pick, threshold);
                levels.insert(level, figures);
            }
        }
        Self { threshold, levels }
    }

    /// Returns one level's figures (empty when the level was not counted).
    #[must_use]
    pub fn level(&self, level: AreaLevel) -> &LevelFigures {
        static EMPTY: std::sync::OnceLock<LevelFigures> = std::sync::OnceLock::new();
        self.levels
            .get(&level)
            .unwrap_or_else(|| EMPTY.get_or_init(LevelFigures::default))
    }
}

fn area_key(area: &Area) -> Option<String> {
    match area {
        Area::State | Area::Unassigned => None,
        Area::Municipality(key) => Some(key.to_string()),
        Area::Kitchen(key) => Some(key.to_string()),
    }
}

fn all_counts(inputs: &Inputs<'_>, level: Level) -> BeneficiaryCounts {
    let mut counts = BeneficiaryCounts::from_records(inputs.beneficiaries, inputs.kitchens, level);
    counts.merge(&BeneficiaryCounts::from_counts(
        inputs.counts,
        inputs.kitchens,
        level,
    ));
    counts
}

/// One of the aggregation crate's own levels.
fn crate_level(
    inputs: &Inputs<'_>,
    level: Level,
    counts: &BeneficiaryCounts,
    published: &Published,
) -> LevelFigures {
    let cells = published
        .cells()
        .map(|c| Cell {
            area: area_key(&c.cell.area),
            sex: c.cell.sex,
            age_group: c.cell.age_group,
            value: c.value,
            reason: c.reason,
        })
        .collect();
    let totals = counts
        .totals_by_area()
        .into_iter()
        .map(|(area, n)| (area_key(&area), n))
        .collect();
    let mut kitchens: BTreeMap<Option<String>, BTreeMap<KitchenStatus, u64>> = BTreeMap::new();
    for (area, status, n) in KitchenCounts::from_kitchens(inputs.kitchens, level).iter() {
        *kitchens
            .entry(area_key(area))
            .or_default()
            .entry(status)
            .or_default() += n;
    }
    let mut figures = LevelFigures {
        cells,
        totals,
        kitchens,
        ranges: HashMap::new(),
    };
    figures.index();
    figures
}

/// Unsuppressed cells (sex, age group, people) by kitchen key; `None` for
/// people at kitchens not in the list.
type ByKitchen = BTreeMap<Option<String>, Vec<(Option<Sex>, AgeGroup, u64)>>;

/// The unsuppressed cells of each kitchen.
fn kitchen_counts(inputs: &Inputs<'_>) -> ByKitchen {
    let mut by_kitchen: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for (cell, n) in all_counts(inputs, Level::Kitchen).iter() {
        by_kitchen
            .entry(area_key(&cell.area))
            .or_default()
            .push((cell.sex, cell.age_group, n));
    }
    by_kitchen
}

/// Regions (`pick` 0) or districts (`pick` 1): each group's people are
/// added into one area, which is then published like any other.
fn grouped_level(
    inputs: &Inputs<'_>,
    by_kitchen: &ByKitchen,
    kitchen_level: &LevelFigures,
    pick: usize,
    threshold: u64,
) -> LevelFigures {
    let group_of = |kitchen: &Option<String>| -> Option<String> {
        let place = inputs.places.get(kitchen.as_deref()?)?;
        Some(if pick == 0 {
            place.0.clone()
        } else {
            place.1.clone()
        })
    };
    let mut groups: BTreeMap<Option<String>, BeneficiaryCounts> = BTreeMap::new();
    for (kitchen, cells) in by_kitchen {
        let counts = groups.entry(group_of(kitchen)).or_default();
        for (sex, age_group, n) in cells {
            counts.add(Area::State, *sex, *age_group, *n);
        }
    }
    let mut figures = LevelFigures::default();
    for (group, counts) in &groups {
        let published = counts.publish(threshold);
        figures.cells.extend(published.cells().map(|c| Cell {
            area: group.clone(),
            sex: c.cell.sex,
            age_group: c.cell.age_group,
            value: c.value,
            reason: c.reason,
        }));
        figures.totals.insert(group.clone(), counts.total());
    }
    for (kitchen, by_status) in &kitchen_level.kitchens {
        let entry = figures.kitchens.entry(group_of(kitchen)).or_default();
        for (status, n) in by_status {
            *entry.entry(*status).or_default() += n;
        }
    }
    figures.index();
    figures
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use cocina_model::{ColumnMap, KitchenKey, MunicipalityKey, RowOrigin, StateKey};

    use super::*;

    fn origin() -> RowOrigin {
        RowOrigin {
            file: "k.csv".into(),
            sheet: None,
            row: 2,
            columns: Arc::new(ColumnMap::default()),
        }
    }

    fn kitchen(key: &str, municipality: &str) -> Kitchen {
        Kitchen {
            key: KitchenKey::new(key).unwrap(),
            name: String::new(),
            state: StateKey::oaxaca(),
            municipality: Some(MunicipalityKey::new(municipality).unwrap()),
            municipality_name: None,
            locality: None,
            locality_name: None,
            region_name: None,
            address: None,
            location: None,
            status: KitchenStatus::Operating,
            opened: None,
            closed: None,
            capacity: None,
            contacts: Vec::new(),
            origin: origin(),
        }
    }

    fn count(key: &str, sex: Sex, n: u32) -> BeneficiaryCount {
        BeneficiaryCount {
            kitchen: KitchenKey::new(key).unwrap(),
            sex: Some(sex),
            age_group: AgeGroup::Range {
                min: 6,
                max: Some(12),
            },
            count: n,
            origin: origin(),
        }
    }

    #[test]
    fn regions_add_up_their_kitchens_and_are_suppressed_alike() {
        let kitchens = [
            kitchen("A", "067"),
            kitchen("B", "068"),
            kitchen("C", "001"),
        ];
        let counts = [
            count("A", Sex::Female, 3),
            count("B", Sex::Female, 4),
            count("C", Sex::Male, 2),
            count("C", Sex::Female, 30),
        ];
        let places = HashMap::from([
            ("A".to_owned(), ("Valles".to_owned(), "Centro".to_owned())),
            ("B".to_owned(), ("Valles".to_owned(), "Centro".to_owned())),
            (
                "C".to_owned(),
                ("Mixteca".to_owned(), "Huajuapan".to_owned()),
            ),
        ]);
        let inputs = Inputs {
            kitchens: &kitchens,
            beneficiaries: &[],
            counts: &counts,
            places: &places,
        };
        let aggregates = Aggregates::build(&inputs, 5);
        let regions = aggregates.level(AreaLevel::Region);
        assert_eq!(regions.total(Some("Valles")), 7);
        assert_eq!(regions.total(Some("Mixteca")), 32);
        assert_eq!(
            regions.kitchens(Some("Valles"), KitchenStatus::Operating),
            2
        );
        let valles: Vec<_> = regions
            .cells
            .iter()
            .filter(|c| c.area.as_deref() == Some("Valles"))
            .collect();
        assert_eq!(valles.len(), 1);
        assert_eq!(valles[0].value, Some(7));
        let mixteca_small = regions
            .cells
            .iter()
            .find(|c| c.area.as_deref() == Some("Mixteca") && c.sex == Some(Sex::Male))
            .unwrap();
        assert_eq!(mixteca_small.value, None);
        // The state level is the aggregation crate's own.
        assert_eq!(aggregates.level(AreaLevel::State).total(None), 39);
        assert_eq!(
            aggregates.level(AreaLevel::District).total(Some("Centro")),
            7
        );
    }
}
