//! Beneficiary and kitchen counts by geography, sex and age group, with
//! disclosure control for publication.
//!
//! [`BeneficiaryCounts`] tallies people per [`Area`] (the state, a
//! municipality or a kitchen), sex and age group, from individual records or
//! from pre-aggregated count tables; [`KitchenCounts`] tallies kitchens by
//! status. Partial results [`merge`](BeneficiaryCounts::merge) exactly, so
//! chunks can be counted apart and combined. [`Published`] is what may leave
//! the agency: small counts suppressed so nobody can be singled out.
//!
//! # Example
//!
//! ```
//! use cocina_aggregation::{Area, BeneficiaryCounts, Level};
//! use cocina_model::{AgeGroup, Sex};
//!
//! let mut counts = BeneficiaryCounts::default();
//! let group = AgeGroup::Range { min: 6, max: Some(12) };
//! counts.add(Area::State, Some(Sex::Female), group, 7);
//! counts.add(Area::State, Some(Sex::Male), group, 2);
//! assert_eq!(counts.total(), 9);
//!
//! let published = counts.publish(5);
//! assert_eq!(published.total_for(&Area::State), 9);
//! assert!(published.cells().all(|c| c.value.is_none() || c.value >= Some(5)));
//! ```

mod counts;
mod suppression;

pub use counts::{Area, BeneficiaryCell, BeneficiaryCounts, KitchenCounts, Level};
pub use suppression::{Published, PublishedCell, SuppressionReason};
