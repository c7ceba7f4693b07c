//! Beneficiary tables by age group and sex, as published after suppression.
//!
//! Every figure of the table is published with its own status: the cells,
//! each age group's total across sexes, each sex's total across age
//! groups, and the area's total. Disclosure control treated them together
//! (`cocina_aggregation::publish_levels`), so none of them is the
//! difference between figures shown, and a small total is suppressed like
//! any small cell.

pub use cocina_aggregation::Margin;
use cocina_aggregation::SuppressionReason;
use cocina_model::{AgeBins, AgeGroup, Sex};

/// One published figure, as read back from storage: a cell or, where a
/// coordinate is [`Margin::Total`], a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCell {
    /// Sex; `Value(None)` for records that did not say.
    pub sex: Margin<Option<Sex>>,
    /// Age group.
    pub age_group: Margin<AgeGroup>,
    /// The count, or `None` when suppressed.
    pub value: Option<u64>,
    /// Why the count is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// What one figure of the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A published count.
    Count(u64),
    /// A suppressed count, with why.
    Suppressed(SuppressionReason),
}

/// Nobody: a published zero.
impl Default for Shown {
    fn default() -> Self {
        Shown::Count(0)
    }
}

impl Shown {
    /// Returns the count, or `None` when suppressed.
    #[must_use]
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Suppressed(_) => None,
        }
    }

    /// Shows a published figure as it was stored: a value, or its
    /// suppression reason (a figure without either shows as suppressed).
    #[must_use]
    pub fn of(value: Option<u64>, reason: Option<SuppressionReason>) -> Self {
        match value {
            Some(n) => Shown::Count(n),
            None => Shown::Suppressed(reason.unwrap_or(SuppressionReason::Complementary)),
        }
    }
}

/// One age group's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The age group.
    pub age_group: AgeGroup,
    /// One cell per column of [`BeneficiaryTable::columns`].
    pub cells: Vec<Shown>,
    /// The age group's total across sexes.
    pub total: Shown,
}

/// Beneficiaries of one area by age group (rows) and sex (columns), with
/// the totals of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeneficiaryTable {
    threshold: u64,
    total: Shown,
    columns: Vec<Option<Sex>>,
    column_totals: Vec<Shown>,
    rows: Vec<TableRow>,
}

impl Default for BeneficiaryTable {
    fn default() -> Self {
        Self {
            threshold: 0,
            total: Shown::Count(0),
            columns: Vec::new(),
            column_totals: Vec::new(),
            rows: Vec::new(),
        }
    }
}

impl BeneficiaryTable {
    /// Builds the table from an area's published figures and the
    /// suppression threshold. Women and men always have a column;
    /// non-binary people and records without a sex get one only when some
    /// figure has them. Every age group of the default bins always has a
    /// row, so that every kitchen's table has the same rows; other groups
    /// only when some figure has them.
    ///
    /// Published tables list every figure, zeros included. A figure
    /// missing from `cells` (data stored before totals were published) is
    /// shown as zero only when nothing in the table is suppressed; beside
    /// a suppressed figure it is shown as suppressed, since a zero there
    /// could give the suppressed figure away.
    #[must_use]
    pub fn new(cells: impl IntoIterator<Item = TableCell>, threshold: u64) -> Self {
        let cells: Vec<TableCell> = cells.into_iter().collect();
        if cells.is_empty() {
            return Self {
                threshold,
                ..Self::default()
            };
        }
        let lookup = Lookup {
            hides_missing: cells.iter().any(|c| c.value.is_none()),
            cells: &cells,
        };
        let columns = columns_of(&cells);
        let mut groups = default_groups();
        groups.extend(cells.iter().filter_map(|c| c.age_group.value()));
        groups.sort_unstable();
        groups.dedup();
        let rows = groups
            .into_iter()
            .map(|group| row_of(group, &columns, &lookup))
            .collect();
        Self {
            threshold,
            total: lookup.shown(Margin::Total, Margin::Total),
            column_totals: columns
                .iter()
                .map(|sex| lookup.shown(Margin::Value(*sex), Margin::Total))
                .collect(),
            columns,
            rows,
        }
    }

    /// Returns the suppression threshold: counts below it are hidden.
    #[must_use]
    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    /// Returns the area's total, suppressed when it is small or would give
    /// a suppressed figure away.
    #[must_use]
    pub fn total(&self) -> Shown {
        self.total
    }

    /// Returns the sexes of the columns, in order.
    #[must_use]
    pub fn columns(&self) -> &[Option<Sex>] {
        &self.columns
    }

    /// Returns each column's total across age groups, in column order.
    #[must_use]
    pub fn column_totals(&self) -> &[Shown] {
        &self.column_totals
    }

    /// Returns the rows, youngest age group first, unknown age last.
    #[must_use]
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// Returns whether some figure shows as suppressed for `reason`.
    #[must_use]
    pub fn shows(&self, reason: SuppressionReason) -> bool {
        let mark = Shown::Suppressed(reason);
        self.total == mark
            || self.column_totals.contains(&mark)
            || self
                .rows
                .iter()
                .any(|r| r.total == mark || r.cells.contains(&mark))
    }

    /// Returns whether the area has nobody: no figures, or a published
    /// total of zero.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() || self.total == Shown::Count(0)
    }
}

/// The default bins' age groups; unknown age gets a row only when some
/// figure has it.
fn default_groups() -> Vec<AgeGroup> {
    AgeBins::default()
        .groups()
        .filter(|g| *g != AgeGroup::Unknown)
        .collect()
}

fn columns_of(cells: &[TableCell]) -> Vec<Option<Sex>> {
    let mut columns = vec![Some(Sex::Female), Some(Sex::Male)];
    for optional in [Some(Sex::NonBinary), None] {
        if cells.iter().any(|c| c.sex == Margin::Value(optional)) {
            columns.push(optional);
        }
    }
    columns
}

/// Finds an area's figures by their coordinates.
struct Lookup<'a> {
    cells: &'a [TableCell],
    hides_missing: bool,
}

impl Lookup<'_> {
    fn shown(&self, sex: Margin<Option<Sex>>, age_group: Margin<AgeGroup>) -> Shown {
        let cell = self
            .cells
            .iter()
            .find(|c| c.age_group == age_group && c.sex == sex);
        match cell {
            Some(cell) => Shown::of(cell.value, cell.reason),
            None if self.hides_missing => Shown::Suppressed(SuppressionReason::SmallCount),
            None => Shown::Count(0),
        }
    }
}

fn row_of(group: AgeGroup, columns: &[Option<Sex>], lookup: &Lookup<'_>) -> TableRow {
    let age_group = Margin::Value(group);
    TableRow {
        age_group: group,
        cells: columns
            .iter()
            .map(|sex| lookup.shown(Margin::Value(*sex), age_group))
            .collect(),
        total: lookup.shown(Margin::Total, age_group),
    }
}

/// `cells` with an area total of `total` people, published.
#[cfg(test)]
pub(crate) fn with_total<const N: usize>(cells: [TableCell; N], total: u64) -> Vec<TableCell> {
    let mut all = cells.to_vec();
    all.push(TableCell {
        sex: Margin::Total,
        age_group: Margin::Total,
        value: Some(total),
        reason: None,
    });
    all
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

    fn cell(sex: Margin<Option<Sex>>, age: Margin<AgeGroup>, value: Option<u64>) -> TableCell {
        TableCell {
            sex,
            age_group: age,
            value,
            reason: value.is_none().then_some(SuppressionReason::SmallCount),
        }
    }

    fn of(sex: Sex) -> Margin<Option<Sex>> {
        Margin::Value(Some(sex))
    }

    #[test]
    fn totals_show_their_own_status() {
        let adults = Margin::Value(group(18, 59));
        let cells = [
            cell(of(Sex::Female), adults, None),
            cell(of(Sex::Male), adults, Some(0)),
            cell(Margin::Total, adults, None),
            cell(of(Sex::Female), Margin::Total, None),
            cell(of(Sex::Male), Margin::Total, Some(0)),
            cell(Margin::Total, Margin::Total, None),
        ];
        let table = BeneficiaryTable::new(cells, 5);
        let small = Shown::Suppressed(SuppressionReason::SmallCount);
        assert_eq!(table.total(), small);
        assert_eq!(table.column_totals(), &[small, Shown::Count(0)]);
        let row = table.rows().iter().find(|r| r.age_group == group(18, 59));
        let row = row.unwrap();
        assert_eq!(row.cells, vec![small, Shown::Count(0)]);
        assert_eq!(row.total, small);
        assert!(!table.is_empty());
    }

    /// Figures stored before every figure was listed: beside a suppressed
    /// one, a missing figure could be a zero that gives it away.
    #[test]
    fn a_missing_figure_beside_a_suppressed_one_is_not_shown_as_zero() {
        let cells = [cell(of(Sex::Female), Margin::Value(group(18, 59)), None)];
        let table = BeneficiaryTable::new(cells, 5);
        let shown = table
            .rows()
            .iter()
            .flat_map(|r| r.cells.iter().chain([&r.total]))
            .filter(|c| matches!(c, Shown::Count(_)))
            .count();
        assert_eq!(shown, 0, "{:?}", table.rows());
    }

    #[test]
    fn every_default_age_group_has_a_row_and_zeros_show() {
        let cells = [
            cell(of(Sex::Female), Margin::Value(group(6, 12)), Some(9)),
            cell(Margin::Total, Margin::Total, Some(9)),
        ];
        let table = BeneficiaryTable::new(cells, 5);
        let groups: Vec<AgeGroup> = table.rows().iter().map(|r| r.age_group).collect();
        assert_eq!(groups, default_groups());
        assert!(table.rows()[0].cells.contains(&Shown::Count(0)));
        assert_eq!(table.total(), Shown::Count(9));
        assert!(!table.shows(SuppressionReason::SmallCount));
    }

    #[test]
    fn an_area_without_people_has_an_empty_table() {
        let table = BeneficiaryTable::new([], 5);
        assert!(table.is_empty());
        assert!(table.columns().is_empty());
        let zero = [cell(Margin::Total, Margin::Total, Some(0))];
        assert!(BeneficiaryTable::new(zero, 5).is_empty());
    }
}
