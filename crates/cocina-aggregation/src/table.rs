//! A table with its margins, ready to print: every combination of the
//! query's values, every subtotal and the grand total, each cell published,
//! suppressed with a reason, or, for internal use, shown as is.
//!
//! Each dimension is an axis whose values form a tree: the leaves, then any
//! subtotals (municipalities above kitchens, with `--level`), then the
//! total at the root. Every parent equals the sum of its children, with the
//! other coordinates fixed; such a set of children and their parent is a
//! *line*. A reader who sees every member of a line but one can recover
//! that one by a single addition or subtraction, so no line may have
//! exactly one suppressed member; and since a reader also combines lines
//! and knows a small cell is below the threshold, the pattern is then
//! audited across all lines at once (the `audit` module). Within a small
//! figure every figure is suppressed as small, zeros included, so that
//! which of them hold someone is not said.

mod audit;

/// How many times the suppression pattern is audited and widened; each
/// round suppresses at least one more figure. The example delivery's
/// tables settle in about 35.
const AUDIT_ROUNDS: usize = 64;

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::cube::{Counts, Plan, axis_size};
use crate::dimension::{Dimension, GeoLevel, QueryError};
use crate::suppression::SuppressionReason;
use crate::universe::{AreaLabel, PRIORITY_LABELS, SEX_LABELS, Universe};

/// What a table is for; printed with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Purpose {
    /// Fit for publication: counts from 1 to `threshold - 1` and any count
    /// that would reveal one are suppressed.
    Published {
        /// The suppression threshold.
        threshold: u64,
    },
    /// Every count as is: for internal use only, small counts can identify
    /// people.
    Internal,
    /// Counts of kitchens, which are not people: nothing to suppress.
    Kitchens,
}

/// One value of an axis: a leaf, a subtotal or the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisValue {
    /// For geographic axes, the level of this value; `state` for the total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<GeoLevel>,
    /// The key or label (`20067`, `female`, `6-12`); `total` for the total
    /// of a non-geographic axis.
    pub key: String,
    /// A name, where there is one (a municipality's).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Whether this is the axis's total.
    pub total: bool,
}

/// One axis: its dimension, values, and their tree.
#[derive(Debug, Clone)]
struct Axis {
    dim: Dimension,
    values: Vec<AxisValue>,
    parent: Vec<Option<u32>>,
    children: Vec<Vec<u32>>,
    /// Children before parents, for summing up the tree.
    order: Vec<u32>,
    /// Population of each value's area, where known.
    population: Vec<Option<cocina_geography::reference::Population>>,
    /// Leaves that stand for "unassigned" or "unknown": shown only when
    /// something falls in them.
    optional: Vec<bool>,
}

/// How a cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Value,
    Suppressed(SuppressionReason),
    /// An empty "unknown" value nobody falls in: left out of the output.
    Hidden,
}

/// A table with margins, after disclosure control.
#[derive(Debug, Clone)]
pub struct Table {
    purpose: Purpose,
    axes: Vec<Axis>,
    strides: Vec<usize>,
    values: Vec<u64>,
    shown: Vec<Shown>,
    /// Per axis, each value's height in its tree: 0 for a leaf, one more
    /// than its highest child for a sum (a kitchen 0, its municipality 1,
    /// the state the most). See [`Self::cost`].
    heights: Vec<Vec<u32>>,
}

/// One printed row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row<'a> {
    /// One value per axis, in query order.
    pub coordinates: Vec<&'a AxisValue>,
    /// The count; `None` when suppressed.
    pub count: Option<u64>,
    /// Why the count is suppressed.
    pub suppressed: Option<SuppressionReason>,
    /// Count per 1,000 inhabitants of the row's area (of its sex, for
    /// women and men), where the reference gives the population; `None`
    /// when suppressed.
    pub per_1000: Option<f64>,
}

impl Table {
    /// Builds the table of `counts` with its margins and applies `purpose`.
    pub fn new(
        universe: &Universe,
        plan: &Plan,
        counts: &Counts,
        purpose: Purpose,
    ) -> Result<Self, QueryError> {
        let axes: Vec<Axis> = plan
            .query()
            .by()
            .iter()
            .map(|d| axis(universe, *d, plan.query().levels()))
            .collect();
        let sizes: Vec<usize> = axes.iter().map(|a| a.values.len()).collect();
        let cells: u128 = sizes.iter().map(|s| *s as u128).product();
        if cells > crate::dimension::MAX_CELLS {
            return Err(QueryError::TooLarge(cells));
        }
        let mut strides = vec![1; sizes.len()];
        for i in (0..sizes.len().saturating_sub(1)).rev() {
            strides[i] = strides[i + 1] * sizes[i + 1];
        }
        let heights = axes.iter().map(Axis::heights).collect();
        let mut table = Self {
            purpose,
            values: vec![0; sizes.iter().product()],
            shown: Vec::new(),
            axes,
            strides,
            heights,
        };
        table.fill(counts);
        table.hide_empty_unknowns();
        if let Purpose::Published { threshold } = purpose {
            table.suppress(threshold);
        }
        Ok(table)
    }

    /// Builds the table of `counts` with the suppression of `release`, a
    /// published table that holds every figure of this one: each figure
    /// shows as the same figure of `release` does, so this table says
    /// nothing `release` does not. `None` when some figure of this table is
    /// not one of `release`'s, or has another count there.
    pub(crate) fn within(
        universe: &Universe,
        plan: &Plan,
        counts: &Counts,
        release: &Table,
    ) -> Result<Option<Self>, QueryError> {
        let mut table = Self::new(universe, plan, counts, Purpose::Internal)?;
        table.purpose = release.purpose;
        let Some(places) = table.places_in(release) else {
            return Ok(None);
        };
        for (index, place) in places.into_iter().enumerate() {
            // An empty "unknown" value is left out, whatever it maps to.
            if table.shown[index] == Shown::Hidden {
                continue;
            }
            if table.values[index] != release.values[place] {
                return Ok(None);
            }
            if release.shown[place] != Shown::Hidden {
                table.shown[index] = release.shown[place];
            }
        }
        Ok(Some(table))
    }

    /// The index in `other` of each figure of this table: the same values
    /// on the axes both have, the total on the axes only `other` has.
    /// `None` when this table has an axis or a value `other` lacks.
    fn places_in(&self, other: &Table) -> Option<Vec<usize>> {
        let mut maps = Vec::with_capacity(self.axes.len());
        for axis in &self.axes {
            let j = other.axes.iter().position(|o| same_kind(o.dim, axis.dim))?;
            let codes = other.axes[j].codes();
            let root = other.axes[j].root();
            let mapped: Option<Vec<usize>> = axis
                .values
                .iter()
                .map(|value| {
                    // The state is the total of every geographic axis.
                    if value.total || value.level == Some(GeoLevel::State) {
                        return Some(root);
                    }
                    codes.get(&(value.level, value.key.as_str())).copied()
                })
                .collect();
            maps.push((j, mapped?));
        }
        let base: usize = other
            .axes
            .iter()
            .enumerate()
            .filter(|(j, _)| maps.iter().all(|(k, _)| k != j))
            .map(|(j, axis)| axis.root() * other.strides[j])
            .sum();
        let places = (0..self.values.len())
            .map(|index| {
                let own: usize = maps
                    .iter()
                    .enumerate()
                    .map(|(i, (j, codes))| codes[self.coordinate(index, i)] * other.strides[*j])
                    .sum();
                base + own
            })
            .collect();
        Some(places)
    }

    /// Places the leaves, then sums them up each axis's tree.
    fn fill(&mut self, counts: &Counts) {
        let leaf_sizes = counts.sizes();
        let mut codes = vec![0usize; leaf_sizes.len()];
        for &n in counts.cells() {
            let index: usize = codes.iter().zip(&self.strides).map(|(c, s)| c * s).sum();
            self.values[index] = n;
            advance(&mut codes, leaf_sizes);
        }
        for (i, axis) in self.axes.iter().enumerate() {
            let stride = self.strides[i];
            let block = stride * axis.values.len();
            for start in (0..self.values.len()).step_by(block) {
                for &node in &axis.order {
                    let Some(parent) = axis.parent[node as usize] else {
                        continue;
                    };
                    let from = start + node as usize * stride;
                    let to = start + parent as usize * stride;
                    for j in 0..stride {
                        self.values[to + j] += self.values[from + j];
                    }
                }
            }
        }
    }

    fn hide_empty_unknowns(&mut self) {
        let hideable: Vec<Vec<bool>> = (0..self.axes.len()).map(|i| self.hideable(i)).collect();
        self.shown = (0..self.values.len())
            .map(|index| {
                let hidden = (0..self.axes.len()).any(|i| hideable[i][self.coordinate(index, i)]);
                if hidden { Shown::Hidden } else { Shown::Value }
            })
            .collect();
    }

    /// The values of axis `i` left out: "unknown" values nobody falls in,
    /// with nothing shown under them. A kitchen listed without a
    /// municipality keeps the empty "no municipality" above it, so that its
    /// figures still have the sum of their line.
    fn hideable(&self, i: usize) -> Vec<bool> {
        let axis = &self.axes[i];
        let mut hideable = vec![false; axis.values.len()];
        for &code in &axis.order {
            let code = code as usize;
            hideable[code] = axis.optional[code]
                && self.margin_is_empty(i, code)
                && axis.children[code].iter().all(|c| hideable[*c as usize]);
        }
        hideable
    }

    /// Whether nobody falls in `code` of axis `i`, whatever the rest.
    fn margin_is_empty(&self, i: usize, code: usize) -> bool {
        let index: usize = (0..self.axes.len())
            .map(|j| {
                let at = if j == i { code } else { self.axes[j].root() };
                at * self.strides[j]
            })
            .sum();
        self.values[index] == 0
    }

    fn coordinate(&self, index: usize, axis: usize) -> usize {
        index / self.strides[axis] % self.axes[axis].values.len()
    }

    /// Primary suppression of small counts, then complementary suppression
    /// until no line has exactly one suppressed member and, within
    /// [`AUDIT_ROUNDS`], no small cell is worked out exactly by the
    /// arithmetic of several lines where anything published is left to hide (see
    /// [`audit`]; docs/publication.md says what is left).
    fn suppress(&mut self, threshold: u64) {
        let mut work = Worklist::new(self);
        for index in 0..self.values.len() {
            let n = self.values[index];
            if n > 0 && n < threshold && self.shown[index] == Shown::Value {
                self.shown[index] = Shown::Suppressed(SuppressionReason::SmallCount);
                self.lines_through(index, &mut work);
            }
        }
        self.suppress_zeros_within_small(&mut work);
        self.close_lines(work);
        let mut before = Vec::new();
        for _ in 0..AUDIT_ROUNDS {
            let exposed = self.exposed(threshold);
            let work = self.widen(&exposed, &before);
            if work.is_empty() {
                break;
            }
            self.close_lines(work);
            before = exposed;
        }
    }

    /// Suppresses one more published cell beside each exposed one, or, for
    /// a cell the last round left exposed too, one in every line through it
    /// (the cheapest one did not loosen the reader's arithmetic); returns
    /// the lines those suppressions touch.
    fn widen(&mut self, exposed: &[usize], before: &[usize]) -> Worklist {
        let mut work = Worklist::new(self);
        let mut extras = Vec::new();
        let mut members = Vec::new();
        for cell in exposed.iter().copied() {
            extras.clear();
            if before.binary_search(&cell).is_ok() {
                let mut lines = Vec::new();
                self.each_line_through(cell, |line, _| lines.push(line));
                for line in lines {
                    self.members(line, &mut members);
                    extras.extend(self.complement(&members));
                }
            }
            if extras.is_empty() {
                extras.extend(self.widening(cell));
            }
            // Several exposed cells may share a line; the first choice
            // serves them all.
            for extra in extras.iter().copied() {
                if self.shown[extra] == Shown::Value {
                    self.shown[extra] = Shown::Suppressed(SuppressionReason::Complementary);
                    self.lines_through(extra, &mut work);
                }
            }
        }
        work
    }

    /// Suppresses, as small, every zero that lies within a small figure:
    /// a figure whose parent on some axis is suppressed as small.
    ///
    /// Within a small figure every figure is below the threshold, so a
    /// reader who saw its zeros published would know that each suppressed
    /// figure beside them is at least 1; a kitchen of 4 people, one in each
    /// of four cells, would be pinned to ones. Suppressed alike, the zeros
    /// make every figure within a small one read as 0 to the threshold
    /// minus one, and which of them are empty stays unsaid.
    fn suppress_zeros_within_small(&mut self, work: &mut Worklist) {
        let small = Shown::Suppressed(SuppressionReason::SmallCount);
        // On every axis a parent's code is above its children's, so going
        // down the indices settles each figure's parents before it.
        for index in (0..self.values.len()).rev() {
            if self.values[index] != 0 || self.shown[index] != Shown::Value {
                continue;
            }
            let mut within_small = false;
            self.each_parent(index, |parent| within_small |= self.shown[parent] == small);
            if within_small {
                self.shown[index] = small;
                self.lines_through(index, work);
            }
        }
    }

    /// Gives `found` the parent of `index` on each axis where it has one.
    fn each_parent(&self, index: usize, mut found: impl FnMut(usize)) {
        for (i, axis) in self.axes.iter().enumerate() {
            let code = self.coordinate(index, i);
            if let Some(parent) = axis.parent[code] {
                found(index - code * self.strides[i] + parent as usize * self.strides[i]);
            }
        }
    }

    /// Whether a suppressed small figure may be zero as a reader sees it:
    /// it lies within another small figure, whose zeros are suppressed too
    /// ([`Self::suppress_zeros_within_small`]).
    pub(crate) fn may_be_zero(&self, index: usize) -> bool {
        let small = Shown::Suppressed(SuppressionReason::SmallCount);
        let mut within_small = false;
        self.each_parent(index, |parent| within_small |= self.shown[parent] == small);
        within_small
    }

    /// Suppresses a complement in every line of `work` (and the lines that
    /// suppression touches) that has exactly one suppressed member.
    ///
    /// Zeros suppressed within a small figure that published figures give
    /// away anyway (all of a line under a published zero, or a lone
    /// suppressed member beside nothing but zeros) are published instead:
    /// nothing can hide them, and a complement labelled as at least the
    /// threshold could not be a zero.
    fn close_lines(&mut self, mut work: Worklist) {
        let mut members = Vec::new();
        while let Some(line) = work.pop() {
            self.members(line, &mut members);
            let sum = members[0];
            if self.shown[sum] == Shown::Value && self.values[sum] == 0 {
                for m in members[1..].iter().copied() {
                    self.publish_zero(m, &mut work);
                }
                continue;
            }
            let mut suppressed = members
                .iter()
                .copied()
                .filter(|m| matches!(self.shown[*m], Shown::Suppressed(_)));
            let (Some(lone), None) = (suppressed.next(), suppressed.next()) else {
                continue;
            };
            if let Some(complement) = self.complement(&members) {
                self.shown[complement] = Shown::Suppressed(SuppressionReason::Complementary);
                self.lines_through(complement, &mut work);
            } else {
                self.publish_zero(lone, &mut work);
            }
        }
    }

    /// Publishes a zero suppressed within a small figure, once published
    /// figures give it away; any other figure is left as it is.
    fn publish_zero(&mut self, index: usize, work: &mut Worklist) {
        let small = Shown::Suppressed(SuppressionReason::SmallCount);
        if self.values[index] == 0 && self.shown[index] == small {
            self.shown[index] = Shown::Value;
            self.lines_through(index, work);
        }
    }

    /// The published member of a line to suppress with its lone suppressed
    /// one: the cheapest non-zero count ([`Self::cost`]). Never a zero,
    /// which could not be told apart from the lone one's being zero and is
    /// not the at-least-the-threshold that `complementary` says.
    fn complement(&self, members: &[usize]) -> Option<usize> {
        members
            .iter()
            .copied()
            .filter(|m| self.shown[*m] == Shown::Value && self.values[*m] > 0)
            .min_by_key(|m| self.cost(*m))
    }

    /// What suppressing a figure costs its readers: first how aggregated
    /// it is (the sum of its heights on every axis), then its count. A
    /// kitchen's figure by sex and age goes before its municipality's, and
    /// the state's totals, which most readers come for, go last, so that
    /// suppression stays in the small areas that need it.
    fn cost(&self, index: usize) -> (u32, u64) {
        let height = (0..self.axes.len())
            .map(|i| self.heights[i][self.coordinate(index, i)])
            .sum();
        (height, self.values[index])
    }

    /// Gives `found` each line `index` belongs to, as a member or as the
    /// parent of its children, on each axis, with the line's parent cell.
    fn each_line_through(&self, index: usize, mut found: impl FnMut(Line, usize)) {
        for (i, axis) in self.axes.iter().enumerate() {
            let code = self.coordinate(index, i);
            let base = index - code * self.strides[i];
            if let Some(parent) = axis.parent[code] {
                let parent_cell = base + parent as usize * self.strides[i];
                found(
                    Line {
                        axis: i,
                        parent,
                        base,
                    },
                    parent_cell,
                );
            }
            if !axis.children[code].is_empty() {
                let line = Line {
                    axis: i,
                    parent: code as u32,
                    base,
                };
                found(line, index);
            }
        }
    }

    /// Queues the lines `index` belongs to.
    fn lines_through(&self, index: usize, work: &mut Worklist) {
        self.each_line_through(index, |line, parent| work.push(line, parent));
    }

    fn members(&self, line: Line, out: &mut Vec<usize>) {
        let stride = self.strides[line.axis];
        out.clear();
        out.push(line.base + line.parent as usize * stride);
        let children = &self.axes[line.axis].children[line.parent as usize];
        out.extend(children.iter().map(|c| line.base + *c as usize * stride));
    }

    /// What the table is for.
    #[must_use]
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The dimensions, in query order.
    pub fn dimensions(&self) -> impl Iterator<Item = Dimension> + '_ {
        self.axes.iter().map(|a| a.dim)
    }

    /// The grand total, which is published unless it is itself small.
    #[must_use]
    pub fn total(&self) -> Option<u64> {
        let root: usize = (0..self.axes.len())
            .map(|i| self.axes[i].root() * self.strides[i])
            .sum();
        match self.shown[root] {
            Shown::Value => Some(self.values[root]),
            _ => None,
        }
    }

    /// Every shown cell as one code per axis (an index into the axis's
    /// values, the total last), its count and why it is suppressed.
    pub(crate) fn entries(
        &self,
    ) -> impl Iterator<Item = (Vec<usize>, Option<u64>, Option<SuppressionReason>)> + '_ {
        (0..self.values.len()).filter_map(|index| {
            let (count, suppressed) = match self.shown[index] {
                Shown::Hidden => return None,
                Shown::Value => (Some(self.values[index]), None),
                Shown::Suppressed(reason) => (None, Some(reason)),
            };
            let codes = (0..self.axes.len())
                .map(|i| self.coordinate(index, i))
                .collect();
            Some((codes, count, suppressed))
        })
    }

    /// The values of axis `i`, by code.
    pub(crate) fn axis_values(&self, i: usize) -> &[AxisValue] {
        &self.axes[i].values
    }

    /// Every row, subtotals and totals included, zero cells too; leaves
    /// first within each axis, the total last.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.values.len()).filter_map(|index| self.row(index))
    }

    fn row(&self, index: usize) -> Option<Row<'_>> {
        let (count, suppressed) = match self.shown[index] {
            Shown::Hidden => return None,
            Shown::Value => (Some(self.values[index]), None),
            Shown::Suppressed(reason) => (None, Some(reason)),
        };
        let coordinates: Vec<&AxisValue> = (0..self.axes.len())
            .map(|i| &self.axes[i].values[self.coordinate(index, i)])
            .collect();
        let per_1000 = count.and_then(|n| {
            let population = self.population_of(index)?;
            (population > 0).then(|| n as f64 * 1000.0 / f64::from(population))
        });
        Some(Row {
            coordinates,
            count,
            suppressed,
            per_1000,
        })
    }

    /// The population of a row's area: that of its one geographic or
    /// marginalization coordinate that is not a total (two at once have no
    /// census figure), else the state's; of the row's sex for women and
    /// men.
    fn population_of(&self, index: usize) -> Option<u32> {
        let (mut places, mut area, mut state, mut sex) = (0, None, None, None);
        for (i, axis) in self.axes.iter().enumerate() {
            let code = self.coordinate(index, i);
            match axis.dim {
                Dimension::Geo(_) | Dimension::Marginalization if code == axis.root() => {
                    state = axis.population.get(code).copied().flatten();
                }
                Dimension::Geo(_) | Dimension::Marginalization => {
                    places += 1;
                    area = axis.population.get(code).copied().flatten();
                }
                Dimension::Sex if code != axis.root() => sex = Some(code),
                _ => {}
            }
        }
        let population = match places {
            0 => state?,
            1 => area?,
            _ => return None,
        };
        match sex {
            None => Some(population.total),
            Some(0) => Some(population.women),
            Some(1) => Some(population.men),
            Some(_) => None,
        }
    }
}

/// Moves row-major codes to the next cell.
fn advance(codes: &mut [usize], sizes: &[usize]) {
    for (code, size) in codes.iter_mut().zip(sizes).rev() {
        *code += 1;
        if *code < *size {
            return;
        }
        *code = 0;
    }
}

/// A line: the children of `parent` on `axis`, and `parent`, with the
/// other coordinates those of `base` (whose own coordinate is zero).
#[derive(Debug, Clone, Copy)]
struct Line {
    axis: usize,
    parent: u32,
    base: usize,
}

/// Lines waiting to be looked at, each queued at most once at a time: a
/// line queued again before its turn comes would be read with the same
/// figures, so the duplicate is only work. A line is known by its parent
/// cell and axis, since a cell heads at most one line per axis.
struct Worklist {
    queue: VecDeque<(Line, usize)>,
    queued: Vec<bool>,
    axes: usize,
}

impl Worklist {
    fn new(table: &Table) -> Self {
        let axes = table.axes.len();
        Self {
            queue: VecDeque::new(),
            queued: vec![false; table.values.len() * axes],
            axes,
        }
    }

    fn push(&mut self, line: Line, parent_cell: usize) {
        let id = parent_cell * self.axes + line.axis;
        if !self.queued[id] {
            self.queued[id] = true;
            self.queue.push_back((line, id));
        }
    }

    /// The next line, which may be queued again from now on.
    fn pop(&mut self) -> Option<Line> {
        let (line, id) = self.queue.pop_front()?;
        self.queued[id] = false;
        Some(line)
    }

    fn len(&self) -> usize {
        self.queue.len()
    }

    fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

/// Whether two dimensions are axes of the same values: any two geographic
/// levels are, since a geographic axis holds every level it publishes.
fn same_kind(a: Dimension, b: Dimension) -> bool {
    matches!((a, b), (Dimension::Geo(_), Dimension::Geo(_))) || a == b
}

impl Axis {
    fn root(&self) -> usize {
        self.values.len() - 1
    }

    /// The code of each value but the total, by level and key.
    fn codes(&self) -> std::collections::HashMap<(Option<GeoLevel>, &str), usize> {
        self.values
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.total)
            .map(|(code, v)| ((v.level, v.key.as_str()), code))
            .collect()
    }

    /// Each value's height in the tree: 0 for a leaf, one more than its
    /// highest child for a sum.
    fn heights(&self) -> Vec<u32> {
        let mut heights = vec![0; self.values.len()];
        for &code in &self.order {
            let code = code as usize;
            heights[code] = self.children[code]
                .iter()
                .map(|c| heights[*c as usize] + 1)
                .max()
                .unwrap_or(0);
        }
        heights
    }

    /// A flat axis: leaves under one total.
    fn flat(dim: Dimension, leaves: Vec<AxisValue>, optional: Vec<bool>) -> Self {
        let n = leaves.len();
        let mut values = leaves;
        values.push(AxisValue {
            level: None,
            key: "total".to_owned(),
            name: String::new(),
            total: true,
        });
        let mut optional = optional;
        optional.push(false);
        Self {
            dim,
            values,
            parent: (0..=n).map(|i| (i < n).then_some(n as u32)).collect(),
            children: (0..=n)
                .map(|i| {
                    if i < n {
                        Vec::new()
                    } else {
                        (0..n as u32).collect()
                    }
                })
                .collect(),
            order: (0..=n as u32).collect(),
            population: vec![None; n + 1],
            optional,
        }
    }
}

fn axis(universe: &Universe, dim: Dimension, levels: &[GeoLevel]) -> Axis {
    let labels =
        |list: &[&str]| -> Vec<AxisValue> { list.iter().map(|l| plain(l.to_string())).collect() };
    let last_optional = |n: usize| (0..n).map(|i| i + 1 == n).collect::<Vec<_>>();
    match dim {
        Dimension::Geo(level) => geo_axis(universe, level, levels),
        Dimension::Marginalization => {
            let codes = universe
                .marginalization()
                .expect("planned with a reference");
            let leaves = codes.labels.iter().map(|l| area_value(None, l)).collect();
            let mut axis = Axis::flat(dim, leaves, last_optional(codes.labels.len()));
            axis.population[..codes.population.len()].copy_from_slice(&codes.population);
            axis.population[codes.labels.len()] = universe.level(GeoLevel::State).population[0];
            axis
        }
        Dimension::Sex => Axis::flat(dim, labels(&SEX_LABELS), vec![false, false, true, true]),
        Dimension::AgeGroup => {
            let groups = universe.age_groups();
            let leaves = groups.iter().map(|g| plain(g.to_string())).collect();
            let optional = groups
                .iter()
                .map(|g| *g == cocina_model::AgeGroup::Unknown)
                .collect();
            Axis::flat(dim, leaves, optional)
        }
        Dimension::Priority => Axis::flat(
            dim,
            labels(&PRIORITY_LABELS),
            vec![false, false, false, false, true],
        ),
        Dimension::Delivery => {
            let names: Vec<&str> = universe.deliveries().iter().map(String::as_str).collect();
            let n = axis_size(universe, dim);
            let leaves = if names.is_empty() {
                vec![plain(String::new())]
            } else {
                labels(&names)
            };
            Axis::flat(dim, leaves, vec![false; n])
        }
        Dimension::Status => {
            let leaves = cocina_model::KitchenStatus::ALL
                .iter()
                .map(|s| plain(s.to_string()))
                .collect();
            Axis::flat(dim, leaves, vec![false; 3])
        }
    }
}

fn plain(key: String) -> AxisValue {
    AxisValue {
        level: None,
        key,
        name: String::new(),
        total: false,
    }
}

fn area_value(level: Option<GeoLevel>, label: &AreaLabel) -> AxisValue {
    AxisValue {
        level,
        key: label.key.clone(),
        name: label.name.clone(),
        total: false,
    }
}

/// A geographic axis: the leaves at `finest`, each coarser level's areas,
/// and the state at the root.
fn geo_axis(universe: &Universe, finest: GeoLevel, coarser: &[GeoLevel]) -> Axis {
    let chain: Vec<GeoLevel> = std::iter::once(finest)
        .chain(coarser.iter().copied())
        .filter(|l| *l != GeoLevel::State || finest == GeoLevel::State)
        .collect();
    let mut axis = Axis {
        dim: Dimension::Geo(finest),
        values: Vec::new(),
        parent: Vec::new(),
        children: Vec::new(),
        order: Vec::new(),
        population: Vec::new(),
        optional: Vec::new(),
    };
    let mut offsets = Vec::new();
    for level in &chain {
        let codes = universe.level(*level);
        offsets.push(axis.values.len());
        let n = codes.labels.len();
        axis.values
            .extend(codes.labels.iter().map(|l| area_value(Some(*level), l)));
        axis.population.extend_from_slice(&codes.population);
        axis.optional.extend((0..n).map(|i| i + 1 == n));
    }
    let state = universe.level(GeoLevel::State);
    axis.values.push(AxisValue {
        level: Some(GeoLevel::State),
        key: "20".to_owned(),
        name: "Oaxaca".to_owned(),
        total: true,
    });
    axis.population.push(state.population[0]);
    axis.optional.push(false);
    link_levels(&mut axis, universe, &chain, &offsets);
    axis
}

/// Sets each area's parent in the next coarser level, from the kitchens
/// that lie in both; an area with no kitchen goes under "unassigned".
fn link_levels(axis: &mut Axis, universe: &Universe, chain: &[GeoLevel], offsets: &[usize]) {
    let root = axis.values.len() - 1;
    axis.parent = vec![None; axis.values.len()];
    for (step, level) in chain.iter().enumerate() {
        let codes = universe.level(*level);
        let n = codes.labels.len();
        let Some(next) = chain.get(step + 1) else {
            for code in 0..n {
                axis.parent[offsets[step] + code] = Some(root as u32);
            }
            continue;
        };
        let upper = universe.level(*next);
        let unassigned = upper.labels.len() - 1;
        let mut parent = vec![unassigned; n];
        for (own, up) in codes.of_kitchen.iter().zip(&upper.of_kitchen) {
            parent[*own as usize] = *up as usize;
        }
        for (code, up) in parent.into_iter().enumerate() {
            axis.parent[offsets[step] + code] = Some((offsets[step + 1] + up) as u32);
        }
    }
    axis.children = vec![Vec::new(); axis.values.len()];
    for (node, parent) in axis.parent.iter().enumerate() {
        if let Some(parent) = parent {
            axis.children[*parent as usize].push(node as u32);
        }
    }
    // Values are laid out finest level first, so index order puts every
    // child before its parent.
    axis.order = (0..axis.values.len() as u32).collect();
}
