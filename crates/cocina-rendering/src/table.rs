//! Beneficiary tables by age group and sex, as published after suppression.
//!
//! Only the area's total is shown besides the cells. Row and column totals
//! are left out on purpose: suppression protects each suppressed cell
//! against subtraction from the area's total only, and a row or column
//! total would let a reader recover a suppressed cell from the other cells
//! of its row or column.

use cocina_aggregation::{Area, Published, SuppressionReason};
use cocina_model::{AgeBins, AgeGroup, Sex};

/// One published cell, as read back from storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCell {
    /// Sex; `None` for records that did not say.
    pub sex: Option<Sex>,
    /// Age group.
    pub age_group: AgeGroup,
    /// The count, or `None` when suppressed.
    pub value: Option<u64>,
    /// Why the count is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// What one cell of the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A published count.
    Count(u64),
    /// A suppressed count, with why.
    Suppressed(SuppressionReason),
}

/// One age group's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The age group.
    pub age_group: AgeGroup,
    /// One cell per column of [`BeneficiaryTable::columns`].
    pub cells: Vec<Shown>,
}

/// Beneficiaries of one area by age group (rows) and sex (columns).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BeneficiaryTable {
    threshold: u64,
    total: u64,
    columns: Vec<Option<Sex>>,
    rows: Vec<TableRow>,
}

impl BeneficiaryTable {
    /// Builds the table from an area's published cells, its published
    /// total and the suppression threshold. Women and men always have a
    /// column; non-binary people and records without a sex get one only
    /// when some cell has them. Every age group of the default bins always
    /// has a row, so that every kitchen's table has the same rows; other
    /// groups only when some cell has them. A cell absent from `cells`
    /// counts zero people, which suppression does not hide.
    #[must_use]
    pub fn new(cells: impl IntoIterator<Item = TableCell>, total: u64, threshold: u64) -> Self {
        let cells: Vec<TableCell> = cells.into_iter().collect();
        if cells.is_empty() {
            return Self {
                threshold,
                total,
                ..Self::default()
            };
        }
        let columns = columns_of(&cells);
        // Beside a suppressed cell a zero gives the suppressed value away:
        // with a total of 2 and two hidden cells, each must be 1. Empty
        // cells of such an area are hidden too, so a hidden cell means
        // "0 to threshold - 1".
        let hides_zeros = cells.iter().any(|c| c.value.is_none());
        let mut groups = default_groups();
        groups.extend(cells.iter().map(|c| c.age_group));
        groups.sort_unstable();
        groups.dedup();
        let rows = groups
            .into_iter()
            .map(|group| row_of(group, &columns, &cells, hides_zeros))
            .collect();
        Self {
            threshold,
            total,
            columns,
            rows,
        }
    }

    /// Builds the table of one area of an aggregation result.
    #[must_use]
    pub fn from_published(published: &Published, area: &Area) -> Self {
        let cells = published.cells_of(area).map(|c| TableCell {
            sex: c.cell.sex,
            age_group: c.cell.age_group,
            value: c.value,
            reason: c.reason,
        });
        Self::new(cells, published.total_for(area), published.threshold())
    }

    /// Returns the suppression threshold: counts below it are hidden.
    #[must_use]
    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    /// Returns the area's total, which is always published.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Returns the sexes of the columns, in order.
    #[must_use]
    pub fn columns(&self) -> &[Option<Sex>] {
        &self.columns
    }

    /// Returns the rows, youngest age group first, unknown age last.
    #[must_use]
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// Returns whether some cell shows as suppressed for `reason`.
    #[must_use]
    pub fn shows(&self, reason: SuppressionReason) -> bool {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| *c == Shown::Suppressed(reason))
    }

    /// Returns whether the table has no cells.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The default bins' age groups; unknown age gets a row only when some
/// cell has it.
fn default_groups() -> Vec<AgeGroup> {
    AgeBins::default()
        .groups()
        .filter(|g| *g != AgeGroup::Unknown)
        .collect()
}

fn columns_of(cells: &[TableCell]) -> Vec<Option<Sex>> {
    let mut columns = vec![Some(Sex::Female), Some(Sex::Male)];
    for optional in [Some(Sex::NonBinary), None] {
        if cells.iter().any(|c| c.sex == optional) {
            columns.push(optional);
        }
    }
    columns
}

fn row_of(
    group: AgeGroup,
    columns: &[Option<Sex>],
    cells: &[TableCell],
    hides_zeros: bool,
) -> TableRow {
    let shown = |sex: &Option<Sex>| {
        let cell = cells.iter().find(|c| c.age_group == group && c.sex == *sex);
        match cell {
            None if hides_zeros => Shown::Suppressed(SuppressionReason::SmallCount),
            None => Shown::Count(0),
            Some(TableCell { value: Some(n), .. }) => Shown::Count(*n),
            // A cell without a value is suppressed whatever its reason says;
            // without a reason it is shown as the less specific kind.
            Some(TableCell { reason, .. }) => {
                Shown::Suppressed(reason.unwrap_or(SuppressionReason::Complementary))
            }
        }
    };
    TableRow {
        age_group: group,
        cells: columns.iter().map(shown).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(min: u8, max: u8) -> AgeGroup {
        AgeGroup::Range {
            min,
            max: Some(max),
        }
    }

    /// Two people at a kitchen, each alone in a cell: with zeros shown
    /// beside the two hidden cells, each would have to be 1.
    #[test]
    fn zeros_are_hidden_beside_a_suppressed_cell() {
        let hidden = |sex, age_group| TableCell {
            sex: Some(sex),
            age_group,
            value: None,
            reason: Some(SuppressionReason::SmallCount),
        };
        let cells = [
            hidden(Sex::Female, group(18, 59)),
            hidden(Sex::Male, group(60, 120)),
        ];
        let table = BeneficiaryTable::new(cells, 2, 5);
        let shown_counts = table
            .rows()
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| matches!(c, Shown::Count(_)))
            .count();
        assert_eq!(shown_counts, 0, "{:?}", table.rows());
    }

    #[test]
    fn zeros_are_shown_when_nothing_is_hidden() {
        let cells = [TableCell {
            sex: Some(Sex::Female),
            age_group: group(6, 12),
            value: Some(9),
            reason: None,
        }];
        let table = BeneficiaryTable::new(cells, 9, 5);
        assert!(
            table
                .rows()
                .iter()
                .flat_map(|r| r.cells.iter())
                .any(|c| *c == Shown::Count(0))
        );
    }

    #[test]
    fn cells_land_in_their_row_and_column() {
        let cells = [
            TableCell {
                sex: Some(Sex::Male),
                age_group: group(6, 12),
                value: Some(9),
                reason: None,
            },
            TableCell {
                sex: None,
                age_group: group(0, 5),
                value: None,
                reason: Some(SuppressionReason::SmallCount),
            },
        ];
        let table = BeneficiaryTable::new(cells, 12, 5);
        assert_eq!(table.columns(), &[Some(Sex::Female), Some(Sex::Male), None]);
        assert_eq!(table.rows()[0].age_group, group(0, 5));
        assert_eq!(
            table.rows()[0].cells,
            // Empty cells beside a hidden one are hidden too.
            vec![Shown::Suppressed(SuppressionReason::SmallCount); 3]
        );
        let six = table.rows().iter().find(|r| r.age_group == group(6, 12));
        assert_eq!(six.unwrap().cells[1], Shown::Count(9));
    }

    /// A kitchen whose older adults were all zero used to lose that row
    /// while other kitchens showed it with zeros.
    #[test]
    fn every_default_age_group_has_a_row() {
        let cells = [TableCell {
            sex: Some(Sex::Female),
            age_group: group(6, 12),
            value: Some(9),
            reason: None,
        }];
        let table = BeneficiaryTable::new(cells, 9, 5);
        let groups: Vec<AgeGroup> = table.rows().iter().map(|r| r.age_group).collect();
        assert_eq!(groups, default_groups());
        assert!(groups.len() >= 5);
        assert!(!table.shows(SuppressionReason::SmallCount));
    }

    #[test]
    fn an_area_without_people_has_an_empty_table() {
        let table = BeneficiaryTable::new([], 0, 5);
        assert!(table.is_empty());
        assert!(table.columns().is_empty());
    }
}
