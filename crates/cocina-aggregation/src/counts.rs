//! Tallies of beneficiaries and kitchens.

use std::collections::{BTreeMap, HashMap};

use cocina_model::{
    AgeGroup, Beneficiary, BeneficiaryCount, Kitchen, KitchenKey, KitchenStatus, MunicipalityKey,
    Sex,
};
use serde::{Deserialize, Serialize};

/// The geographic level counts are made at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The whole state.
    State,
    /// One municipality.
    Municipality,
    /// One kitchen.
    Kitchen,
}

/// The place a count belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "level", content = "key")]
pub enum Area {
    /// The whole state.
    State,
    /// A municipality.
    Municipality(MunicipalityKey),
    /// A kitchen.
    Kitchen(KitchenKey),
    /// People whose kitchen is unknown or has no valid municipality; kept so
    /// that totals still add up.
    Unassigned,
}

/// One cell of a beneficiary table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BeneficiaryCell {
    /// Where.
    pub area: Area,
    /// Sex; `None` when the record did not say.
    pub sex: Option<Sex>,
    /// Age group.
    pub age_group: AgeGroup,
}

/// Beneficiaries per area, sex and age group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeneficiaryCounts {
    cells: BTreeMap<BeneficiaryCell, u64>,
}

impl BeneficiaryCounts {
    /// Counts individual records at `level`. A beneficiary's municipality is
    /// its kitchen's.
    #[must_use]
    pub fn from_records(records: &[Beneficiary], kitchens: &[Kitchen], level: Level) -> Self {
        let areas = AreaLookup::new(kitchens, level);
        let mut counts = Self::default();
        for record in records {
            counts.add(
                areas.area_of(&record.kitchen),
                record.sex,
                record.age_group,
                1,
            );
        }
        counts
    }

    /// Counts pre-aggregated count rows at `level`.
    #[must_use]
    pub fn from_counts(rows: &[BeneficiaryCount], kitchens: &[Kitchen], level: Level) -> Self {
        let areas = AreaLookup::new(kitchens, level);
        let mut counts = Self::default();
        for row in rows {
            let area = areas.area_of(&row.kitchen);
            counts.add(area, row.sex, row.age_group, u64::from(row.count));
        }
        counts
    }

    /// Adds `n` people to a cell.
    pub fn add(&mut self, area: Area, sex: Option<Sex>, age_group: AgeGroup, n: u64) {
        *self
            .cells
            .entry(BeneficiaryCell {
                area,
                sex,
                age_group,
            })
            .or_default() += n;
    }

    /// Adds every cell of `other` into `self`. Merging is associative and
    /// commutative, so chunks may be counted in any order.
    pub fn merge(&mut self, other: &Self) {
        for (cell, n) in &other.cells {
            *self.cells.entry(cell.clone()).or_default() += n;
        }
    }

    /// Iterates over non-empty cells in order.
    pub fn iter(&self) -> impl Iterator<Item = (&BeneficiaryCell, u64)> {
        self.cells.iter().map(|(c, &n)| (c, n))
    }

    /// Returns the count of one cell.
    #[must_use]
    pub fn get(&self, cell: &BeneficiaryCell) -> u64 {
        self.cells.get(cell).copied().unwrap_or(0)
    }

    /// Returns the number of people in all cells.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.cells.values().sum()
    }

    /// Returns the number of people per area.
    #[must_use]
    pub fn totals_by_area(&self) -> BTreeMap<Area, u64> {
        let mut totals = BTreeMap::new();
        for (cell, n) in &self.cells {
            *totals.entry(cell.area.clone()).or_default() += n;
        }
        totals
    }
}

/// Kitchens per area and status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitchenCounts {
    cells: BTreeMap<(Area, KitchenStatus), u64>,
}

impl KitchenCounts {
    /// Counts kitchens by status at `level` (state or municipality; at the
    /// kitchen level every count is one). A key listed more than once is
    /// counted once, with its first listing, as everywhere else.
    #[must_use]
    pub fn from_kitchens(kitchens: &[Kitchen], level: Level) -> Self {
        let mut counts = Self::default();
        let mut seen = std::collections::HashSet::with_capacity(kitchens.len());
        for kitchen in kitchens.iter().filter(|k| seen.insert(&k.key)) {
            let area = area_of_kitchen(kitchen, level);
            *counts.cells.entry((area, kitchen.status)).or_default() += 1;
        }
        counts
    }

    /// Returns how many kitchens of `status` are in `area`.
    #[must_use]
    pub fn get(&self, area: &Area, status: KitchenStatus) -> u64 {
        self.cells
            .get(&(area.clone(), status))
            .copied()
            .unwrap_or(0)
    }

    /// Iterates over `(area, status, count)`.
    pub fn iter(&self) -> impl Iterator<Item = (&Area, KitchenStatus, u64)> {
        self.cells.iter().map(|((a, s), &n)| (a, *s, n))
    }

    /// Returns the number of kitchens counted.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.cells.values().sum()
    }
}

fn area_of_kitchen(kitchen: &Kitchen, level: Level) -> Area {
    match level {
        Level::State => Area::State,
        Level::Municipality => kitchen
            .municipality
            .map_or(Area::Unassigned, Area::Municipality),
        Level::Kitchen => Area::Kitchen(kitchen.key.clone()),
    }
}

/// Maps a kitchen key to its area at one level. When a key is listed twice
/// the first listing wins, as validation reports the duplicate.
struct AreaLookup {
    level: Level,
    by_key: HashMap<KitchenKey, Area>,
}

impl AreaLookup {
    fn new(kitchens: &[Kitchen], level: Level) -> Self {
        let mut by_key = HashMap::with_capacity(kitchens.len());
        for kitchen in kitchens {
            by_key
                .entry(kitchen.key.clone())
                .or_insert_with(|| area_of_kitchen(kitchen, level));
        }
        Self { level, by_key }
    }

    fn area_of(&self, key: &KitchenKey) -> Area {
        match self.level {
            Level::State => Area::State,
            _ => self.by_key.get(key).cloned().unwrap_or(Area::Unassigned),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use cocina_model::{ColumnMap, RowOrigin, StateKey};

    use super::*;

    fn kitchen(key: &str, status: KitchenStatus) -> Kitchen {
        Kitchen {
            key: KitchenKey::new(key).unwrap(),
            name: String::new(),
            state: StateKey::oaxaca(),
            municipality: None,
            municipality_name: None,
            locality: None,
            locality_name: None,
            region_name: None,
            address: None,
            location: None,
            status,
            opened: None,
            closed: None,
            capacity: None,
            contacts: Vec::new(),
            origin: RowOrigin {
                file: "k.csv".into(),
                sheet: None,
                row: 2,
                columns: Arc::new(ColumnMap::default()),
            },
        }
    }

    #[test]
    fn a_repeated_key_is_counted_once_with_its_first_listing() {
        let kitchens = [
            kitchen("A", KitchenStatus::Operating),
            kitchen("B", KitchenStatus::Closed),
            kitchen("A", KitchenStatus::Suspended),
        ];
        let counts = KitchenCounts::from_kitchens(&kitchens, Level::State);
        assert_eq!(counts.total(), 2);
        assert_eq!(counts.get(&Area::State, KitchenStatus::Operating), 1);
        assert_eq!(counts.get(&Area::State, KitchenStatus::Suspended), 0);
    }
}
