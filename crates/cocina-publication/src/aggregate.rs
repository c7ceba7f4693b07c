//! Every use of `cocina-aggregation`, in one module: the published counts
//! of beneficiaries and kitchens at each level.
//!
//! All levels come from one call to [`publish_levels`]: the state, the
//! regions and districts (when reference data places each municipality),
//! the municipalities and the kitchens are suppressed together, totals
//! included, so no published figure of one level gives a suppressed
//! figure of another away. Every figure is kept, zeros included, with its
//! status.

use std::collections::{BTreeMap, HashMap};

use cocina_aggregation::{
    Encoded, GeoLevel, KitchenEntry, LevelCell, Margin, QueryError, Source, publish_levels,
};
use cocina_geography::reference::Reference;
use cocina_model::{AgeGroup, Beneficiary, BeneficiaryCount, Kitchen, KitchenStatus, Sex};
use cocina_rendering::{BeneficiaryTable, Shown, SuppressionReason, TableCell};

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

    fn of(level: GeoLevel) -> Option<Self> {
        Some(match level {
            GeoLevel::State => AreaLevel::State,
            GeoLevel::Region => AreaLevel::Region,
            GeoLevel::District => AreaLevel::District,
            GeoLevel::Municipality => AreaLevel::Municipality,
            GeoLevel::Kitchen => AreaLevel::Kitchen,
            GeoLevel::Locality => return None,
        })
    }
}

/// One published figure of an area: a cell, or a total where sex or age
/// group is [`Margin::Total`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The area's key: a municipality or kitchen key, a region's or
    /// district's name; `None` for the state and for people no area of the
    /// level holds.
    pub area: Option<String>,
    /// Sex; `Value(None)` when not recorded.
    pub sex: Margin<Option<Sex>>,
    /// Age group.
    pub age_group: Margin<AgeGroup>,
    /// The count, `None` when suppressed.
    pub value: Option<u64>,
    /// Why it is suppressed.
    pub reason: Option<SuppressionReason>,
}

impl Cell {
    fn new(cell: &LevelCell<'_>) -> Self {
        Self {
            area: cell.area.map(str::to_owned),
            sex: cell.sex,
            age_group: cell.age_group,
            value: cell.value,
            reason: cell.reason,
        }
    }

    /// Returns whether this is its area's total.
    #[must_use]
    pub fn is_area_total(&self) -> bool {
        self.sex == Margin::Total && self.age_group == Margin::Total
    }
}

/// The published figures of one level.
#[derive(Debug, Clone, Default)]
pub struct LevelFigures {
    /// Every figure, grouped by area, zeros and totals included.
    pub cells: Vec<Cell>,
    /// Kitchens per area and status.
    pub kitchens: BTreeMap<Option<String>, BTreeMap<KitchenStatus, u64>>,
    /// Where each area's figures are in `cells`: pages ask for one area at
    /// a time, thousands of times.
    ranges: HashMap<Option<String>, std::ops::Range<usize>>,
}

impl LevelFigures {
    fn area_cells(&self, area: Option<&str>) -> &[Cell] {
        let range = self.ranges.get(&area.map(str::to_owned)).cloned();
        &self.cells[range.unwrap_or_default()]
    }

    /// Returns the beneficiary table of one area, as pages show it.
    #[must_use]
    pub fn table(&self, area: Option<&str>, threshold: u64) -> BeneficiaryTable {
        let cells = self.area_cells(area).iter().map(|c| TableCell {
            sex: c.sex,
            age_group: c.age_group,
            value: c.value,
            reason: c.reason,
        });
        BeneficiaryTable::new(cells, threshold)
    }

    /// Records where each area's figures are; they are contiguous, as
    /// the aggregation crate lists them area by area.
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

    /// Returns an area's total of beneficiaries as published: suppressed
    /// when small or when it would give a suppressed figure away; zero for
    /// an area nobody is counted in.
    #[must_use]
    pub fn total(&self, area: Option<&str>) -> Shown {
        self.area_cells(area)
            .iter()
            .find(|c| c.is_area_total())
            .map_or(Shown::Count(0), |c| Shown::of(c.value, c.reason))
    }

    /// Returns every area of the level, with people or kitchens, in order.
    #[must_use]
    pub fn areas(&self) -> Vec<Option<String>> {
        let mut areas: Vec<Option<String>> = self.ranges.keys().cloned().collect();
        areas.extend(self.kitchens.keys().cloned());
        areas.sort();
        areas.dedup();
        areas
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
/// municipalities resolved), the people or counts of the delivery, and the
/// reference data that places municipalities in districts and regions.
pub struct Inputs<'a> {
    /// Kitchens, one per key.
    pub kitchens: &'a [Kitchen],
    /// People, one record each.
    pub beneficiaries: &'a [Beneficiary],
    /// Pre-aggregated counts.
    pub counts: &'a [BeneficiaryCount],
    /// Reference data, when given.
    pub reference: Option<&'a Reference>,
}

impl Aggregates {
    /// Counts and suppresses every level together.
    ///
    /// # Errors
    ///
    /// Fails only when the table of every level would be too large to
    /// hold, far past any real delivery.
    pub fn build(inputs: &Inputs<'_>, threshold: u64) -> Result<Self, QueryError> {
        let entries: Vec<KitchenEntry> = inputs.kitchens.iter().map(KitchenEntry::from).collect();
        let source = Source {
            name: "",
            kitchens: &entries,
            beneficiaries: inputs.beneficiaries,
            counts: inputs.counts,
        };
        let published = publish_levels(&Encoded::new(&[source], inputs.reference), threshold)?;
        let mut levels: BTreeMap<AreaLevel, LevelFigures> = BTreeMap::new();
        for cell in published.cells() {
            if let Some(level) = AreaLevel::of(cell.level) {
                levels
                    .entry(level)
                    .or_default()
                    .cells
                    .push(Cell::new(&cell));
            }
        }
        for tally in published.kitchens() {
            let (Some(level), Margin::Value(status)) = (AreaLevel::of(tally.level), tally.status)
            else {
                continue;
            };
            let figures = levels.entry(level).or_default();
            let area = tally.area.map(str::to_owned);
            *figures
                .kitchens
                .entry(area)
                .or_default()
                .entry(status)
                .or_default() += tally.kitchens;
        }
        for figures in levels.values_mut() {
            figures.index();
        }
        Ok(Self { threshold, levels })
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

    /// Reference data placing 067 and 068 in Valles Centrales (Centro) and
    /// 001 in the Mixteca (Huajuapan).
    fn reference() -> Reference {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "oaxaca/oax_mun_distrito_region.csv",
            "cvegeo,nom_mun,region,distrito\n20067,A,Valles,Centro\n20068,B,Valles,Centro\n\
             20001,C,Mixteca,Huajuapan\n",
        );
        write(
            "inegi/mun_oax_ageeml_censo2020.csv",
            "cvegeo,pob_total,pob_masculina,pob_femenina\n20067,10,5,5\n20068,10,5,5\n\
             20001,10,5,5\n",
        );
        Reference::load(dir.path()).unwrap()
    }

    #[test]
    fn every_level_is_published_together_totals_included() {
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
        let reference = reference();
        let inputs = Inputs {
            kitchens: &kitchens,
            beneficiaries: &[],
            counts: &counts,
            reference: Some(&reference),
        };
        let aggregates = Aggregates::build(&inputs, 5).unwrap();
        let small = Shown::Suppressed(SuppressionReason::SmallCount);
        // A kitchen of 3 people does not publish its total.
        let by_kitchen = aggregates.level(AreaLevel::Kitchen);
        assert_eq!(by_kitchen.total(Some("A")), small);
        assert_eq!(by_kitchen.total(Some("B")), small);
        let regions = aggregates.level(AreaLevel::Region);
        assert_eq!(
            regions.kitchens(Some("Valles"), KitchenStatus::Operating),
            2
        );
        let mixteca_men = regions
            .cells
            .iter()
            .find(|c| {
                c.area.as_deref() == Some("Mixteca")
                    && c.sex == Margin::Value(Some(Sex::Male))
                    && c.age_group == Margin::Total
            })
            .unwrap();
        assert_eq!(mixteca_men.reason, Some(SuppressionReason::SmallCount));
        // Nearly every figure is small or within a small one; the state's
        // 39 narrows some of them in a reader's sums but pins none to a
        // count, so the state's total, which most readers come for, stays.
        assert_eq!(
            aggregates.level(AreaLevel::State).total(None),
            Shown::Count(39)
        );
        let districts = aggregates.level(AreaLevel::District);
        assert_eq!(
            districts.areas(),
            [Some("Centro".to_owned()), Some("Huajuapan".to_owned())]
        );
        // Every figure of every area is listed: women, men and their total
        // by each default age group and the total (unknown age, which
        // nobody has, is left out, as is its row).
        let groups = cocina_model::AgeBins::default().groups().count();
        assert_eq!(regions.area_cells(Some("Valles")).len(), 3 * groups);
    }
}
