//! Disclosure control: what of a beneficiary table may be published.
//!
//! A cell counting fewer people than the threshold could single someone out
//! in a small place, so it is published as suppressed (*primary*
//! suppression). Each area's total is published, so a lone suppressed cell in
//! an area could be recovered by subtracting the others from the total; a
//! second cell of the same area, the smallest published one, is suppressed
//! with it (*complementary* suppression).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::counts::{Area, BeneficiaryCell, BeneficiaryCounts};

/// Why a published cell shows no figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionReason {
    /// The count is below the threshold.
    SmallCount,
    /// The count is large enough, but publishing it would let a suppressed
    /// cell be recovered from the area's total.
    Complementary,
}

/// One cell as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCell {
    /// Which cell.
    pub cell: BeneficiaryCell,
    /// The count, or `None` when suppressed.
    pub value: Option<u64>,
    /// Why the count is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// A beneficiary table fit for publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    threshold: u64,
    pub(crate) cells: Vec<PublishedCell>,
    totals: BTreeMap<Area, u64>,
}

impl BeneficiaryCounts {
    /// Applies primary and complementary suppression with `threshold`
    /// (counts from 1 to `threshold - 1` are suppressed).
    #[must_use]
    pub fn publish(&self, threshold: u64) -> Published {
        let mut by_area: BTreeMap<&Area, Vec<PublishedCell>> = BTreeMap::new();
        for (cell, n) in self.iter() {
            let small = n < threshold;
            by_area.entry(&cell.area).or_default().push(PublishedCell {
                cell: cell.clone(),
                value: (!small).then_some(n),
                reason: small.then_some(SuppressionReason::SmallCount),
            });
        }
        let mut cells = Vec::new();
        for (_, mut area_cells) in by_area {
            protect_lone_suppression(&mut area_cells);
            cells.extend(area_cells);
        }
        Published {
            threshold,
            cells,
            totals: self.totals_by_area(),
        }
    }
}

/// Suppresses the smallest published cell of an area that has exactly one
/// suppressed cell.
pub(crate) fn protect_lone_suppression(cells: &mut [PublishedCell]) {
    let suppressed = cells.iter().filter(|c| c.value.is_none()).count();
    if suppressed != 1 {
        return;
    }
    let smallest = cells
        .iter_mut()
        .filter(|c| c.value.is_some())
        .min_by_key(|c| c.value);
    if let Some(cell) = smallest {
        cell.value = None;
        cell.reason = Some(SuppressionReason::Complementary);
    }
}

impl Published {
    /// Returns the threshold the table was suppressed with.
    #[must_use]
    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    /// Iterates over the published cells in order.
    pub fn cells(&self) -> impl Iterator<Item = &PublishedCell> {
        self.cells.iter()
    }

    /// Returns the cells of one area.
    pub fn cells_of<'a>(&'a self, area: &'a Area) -> impl Iterator<Item = &'a PublishedCell> {
        self.cells.iter().filter(move |c| &c.cell.area == area)
    }

    /// Returns an area's total, which is always published.
    #[must_use]
    pub fn total_for(&self, area: &Area) -> u64 {
        self.totals.get(area).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use cocina_model::{AgeGroup, Sex};

    use super::*;

    fn group(min: u8, max: u8) -> AgeGroup {
        AgeGroup::Range {
            min,
            max: Some(max),
        }
    }

    #[test]
    fn a_lone_small_cell_takes_a_complement_with_it() {
        let mut counts = BeneficiaryCounts::default();
        counts.add(Area::State, Some(Sex::Female), group(0, 5), 3);
        counts.add(Area::State, Some(Sex::Male), group(0, 5), 8);
        counts.add(Area::State, Some(Sex::Female), group(6, 12), 20);
        let published = counts.publish(5);
        let values: Vec<_> = published.cells().map(|c| (c.value, c.reason)).collect();
        assert!(values.contains(&(None, Some(SuppressionReason::SmallCount))));
        assert!(values.contains(&(None, Some(SuppressionReason::Complementary))));
        assert!(values.contains(&(Some(20), None)));
        assert_eq!(published.total_for(&Area::State), 31);
    }

    #[test]
    fn two_small_cells_need_no_complement() {
        let mut counts = BeneficiaryCounts::default();
        counts.add(Area::State, Some(Sex::Female), group(0, 5), 1);
        counts.add(Area::State, Some(Sex::Male), group(0, 5), 2);
        counts.add(Area::State, Some(Sex::Female), group(6, 12), 20);
        let published = counts.publish(5);
        let shown: Vec<_> = published.cells().filter_map(|c| c.value).collect();
        assert_eq!(shown, vec![20]);
    }
}
