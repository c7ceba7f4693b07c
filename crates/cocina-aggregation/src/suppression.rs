//! Why a published figure shows no count.
//!
//! A count of fewer people than the threshold could single someone out in
//! a small place, so it is suppressed (*primary* suppression). A figure
//! that is the sum of others, such as an area's total, would give a lone
//! suppressed one among them away by subtraction, so another member of the
//! same sum is suppressed with it (*complementary* suppression); see
//! [`Table`](crate::Table) for how the sums are found.

use serde::{Deserialize, Serialize};

/// Why a published cell shows no figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionReason {
    /// The count is below the threshold.
    SmallCount,
    /// The count is large enough, but publishing it would let a suppressed
    /// cell be recovered by subtraction.
    Complementary,
}

impl SuppressionReason {
    /// Returns the reason's code in published files and APIs.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            SuppressionReason::SmallCount => "small_count",
            SuppressionReason::Complementary => "complementary",
        }
    }
}
