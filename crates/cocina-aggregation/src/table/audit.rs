//! The suppression pattern checked against a reader who knows how the table
//! adds up.
//!
//! One subtraction is not the only arithmetic a reader can do. A small cell
//! is published as small, so it lies between 1 and the threshold minus one
//! (from 0, within another small figure, whose zeros are suppressed too);
//! a complementary cell is at least the threshold. Two small cells under a
//! published total of 8 are therefore both 4. The audit narrows every
//! suppressed cell's interval as such a reader would, line by line until
//! nothing changes, and the table suppresses more until no small cell can
//! be worked out exactly.
//!
//! Exactly, not "any better than its label": a reader who learns that a
//! figure marked 1 to 4 is 2 to 4 still cannot say how many people it is,
//! while hiding every such narrowing took, on the example delivery, the
//! sex of every figure up to the state's own totals (docs/publication.md
//! has the figures).

use super::{Shown, Table, Worklist};
use crate::SuppressionReason;

/// What a reader can know of a cell: `lo ≤ value ≤ hi`; `hi` is `None` when
/// nothing bounds it from above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bounds {
    lo: u64,
    hi: Option<u64>,
}

impl Table {
    /// Small cells a reader works out to one non-zero value (a figure
    /// known to be zero reveals nobody), in index order; every small cell
    /// when the propagation ran out of budget, since none can then be
    /// vouched for and widening around all of them errs on the safe side.
    pub(super) fn exposed(&self, threshold: u64) -> Vec<usize> {
        let bounds = self.reader_bounds(threshold);
        let small = Shown::Suppressed(SuppressionReason::SmallCount);
        let pinned = |i: usize| {
            bounds.as_ref().is_none_or(|b| {
                let Bounds { lo, hi } = b[i];
                hi.is_some_and(|hi| hi > 0 && lo == hi)
            })
        };
        (0..self.values.len())
            .filter(|i| self.shown[*i] == small)
            .filter(|i| pinned(*i))
            .collect()
    }

    /// The published, non-zero member of a line through `cell` to suppress
    /// so that the reader's arithmetic through `cell` loosens; when every
    /// line through it is suppressed already (the figures a reader pins it
    /// with are themselves worked out from further sums), one through a
    /// suppressed member of those lines.
    pub(super) fn widening(&self, cell: usize) -> Option<usize> {
        self.widening_beside(cell).or_else(|| {
            self.cheapest_around(cell, |m| {
                if m == cell {
                    None
                } else {
                    self.widening_beside(m)
                }
            })
        })
    }

    /// The published, non-zero member of a line through `cell` that costs
    /// readers least ([`Table::cost`]).
    fn widening_beside(&self, cell: usize) -> Option<usize> {
        self.cheapest_around(cell, |m| {
            (self.shown[m] == Shown::Value && self.values[m] > 0).then_some(m)
        })
    }

    /// The cheapest of the figures `pick` gives for the members of the
    /// lines through `cell`.
    fn cheapest_around(&self, cell: usize, pick: impl Fn(usize) -> Option<usize>) -> Option<usize> {
        let mut lines = Vec::new();
        self.each_line_through(cell, |line, _| lines.push(line));
        let mut members = Vec::new();
        let mut best = None;
        for line in lines {
            self.members(line, &mut members);
            best = members
                .iter()
                .filter_map(|m| pick(*m))
                .chain(best)
                .min_by_key(|m| self.cost(*m));
        }
        best
    }

    /// What a reader can know of every cell; `None` when the propagation
    /// ran out of budget before its fixed point.
    fn reader_bounds(&self, threshold: u64) -> Option<Vec<Bounds>> {
        let mut bounds: Vec<Bounds> = self
            .values
            .iter()
            .zip(&self.shown)
            .enumerate()
            .map(|(i, (value, shown))| match shown {
                Shown::Value | Shown::Hidden => Bounds {
                    lo: *value,
                    hi: Some(*value),
                },
                Shown::Suppressed(SuppressionReason::SmallCount) => Bounds {
                    lo: u64::from(!self.may_be_zero(i)),
                    hi: Some(threshold.saturating_sub(1)),
                },
                Shown::Suppressed(SuppressionReason::Complementary) => Bounds {
                    lo: threshold,
                    hi: None,
                },
            })
            .collect();
        let mut work = Worklist::new(self);
        for (i, shown) in self.shown.iter().enumerate() {
            if matches!(shown, Shown::Suppressed(_)) {
                self.lines_through(i, &mut work);
            }
        }
        // Bounds propagation can creep towards its fixed point a few people
        // at a time on large tables; the budget keeps publishing bounded.
        // Running out of it vouches for no cell (see `exposed`).
        let mut budget = 64 * work.len() + 10_000;
        let (mut members, mut changed) = (Vec::new(), Vec::new());
        while let Some(line) = work.pop() {
            budget = budget.checked_sub(1)?;
            self.members(line, &mut members);
            tighten(&mut bounds, &members, &mut changed);
            for cell in changed.drain(..) {
                self.lines_through(cell, &mut work);
            }
        }
        Some(bounds)
    }
}

/// Narrows the members of one line (`members[0]` is the sum of the rest)
/// and records those that changed.
fn tighten(bounds: &mut [Bounds], members: &[usize], changed: &mut Vec<usize>) {
    let (parent, children) = (members[0], &members[1..]);
    let lo_sum: u64 = children.iter().map(|c| bounds[*c].lo).sum();
    let open = children.iter().filter(|c| bounds[**c].hi.is_none()).count();
    let hi_sum: u64 = children.iter().filter_map(|c| bounds[*c].hi).sum();
    narrow(
        bounds,
        parent,
        lo_sum,
        (open == 0).then_some(hi_sum),
        changed,
    );
    let sum = bounds[parent];
    for child in children.iter().copied() {
        let own = bounds[child];
        let others_lo = lo_sum - own.lo;
        let others_hi = match (own.hi, open) {
            (_, 0) => Some(hi_sum - own.hi.unwrap_or(0)),
            (None, 1) => Some(hi_sum),
            _ => None,
        };
        let lo = others_hi.map_or(0, |hi| sum.lo.saturating_sub(hi));
        let hi = sum.hi.map(|hi| hi.saturating_sub(others_lo));
        narrow(bounds, child, lo, hi, changed);
    }
}

fn narrow(bounds: &mut [Bounds], cell: usize, lo: u64, hi: Option<u64>, changed: &mut Vec<usize>) {
    let old = bounds[cell];
    let new = Bounds {
        lo: old.lo.max(lo),
        hi: match (old.hi, hi) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
    };
    // A published cell is exact; a contradiction (lo above hi) cannot come
    // from true figures, so it is left as it is rather than looping.
    if new != old && new.hi.is_none_or(|hi| new.lo <= hi) {
        bounds[cell] = new;
        changed.push(cell);
    }
}
