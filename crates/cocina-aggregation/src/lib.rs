//! Beneficiary and kitchen counts by geography, sex, age group, priority
//! group and delivery, with disclosure control for publication.
//!
//! The fast path works on encoded [`Record`]s: a [`Universe`] holds the
//! dictionaries (kitchens and their geography at every level, age groups,
//! deliveries), a [`Plan`] turns a [`Query`] into lookup tables, and
//! [`Plan::count`] tallies records on every core into dense [`Counts`] that
//! [`merge`](Counts::merge) exactly, so chunks can be counted apart and
//! combined in any order. [`register`] streams a canonical register CSV
//! straight into counts, never holding the records. A [`Table`] adds every
//! margin and applies disclosure control: small counts suppressed, and
//! complementary suppression so that no suppressed cell can be recovered by
//! subtraction from a published total, nor narrowed by combining several
//! sums with what the published reasons say about it.
//!
//! [`publish_levels`] is what the site, the open data and the portal
//! publish: one such table over the whole geographic hierarchy (state,
//! region, district, municipality, kitchen), so that no level gives
//! another away. [`Levels::table`] cuts any table of its figures (a level
//! by sex, say) out of it with the same suppression, so that a table
//! published apart, such as `cocina stats`'s, says nothing the release
//! does not.
//!
//! # Example
//!
//! ```
//! use cocina_aggregation::{Dimension, Plan, Purpose, Query, Record, Table, Universe};
//!
//! let universe = Universe::new(&[], None);
//! let query = Query::new(vec![Dimension::Sex], Vec::new()).unwrap();
//! let plan = Plan::new(&universe, &query).unwrap();
//! let female = Record { sex: 0, ..Record::default() };
//! let male = Record { sex: 1, ..Record::default() };
//! let counts = plan.count(&[female, female, male, female, female, female, female]);
//! assert_eq!(counts.total(), 7);
//!
//! let table = Table::new(&universe, &plan, &counts, Purpose::Published { threshold: 5 })
//!     .unwrap();
//! // One man would be a small count; the women with him are suppressed too,
//! // or the total would give him away. Suppressed women are known to be at
//! // least 5, so the total of 7 tells that the men are 1 or 2, but not
//! // which: nobody can be counted, and the total stays published.
//! let shown: Vec<_> = table.rows().map(|r| (r.coordinates[0].key.as_str(), r.count)).collect();
//! assert_eq!(shown, [("female", None), ("male", None), ("total", Some(7))]);
//!//! ```

mod cube;
mod dimension;
mod hierarchy;
mod input;
pub mod register;
mod suppression;
mod table;
mod universe;

pub use cube::{Counts, Plan};
pub use dimension::{
    Dimension, GeoLevel, MAX_CELLS, Query, QueryError, parse_dimensions, parse_levels,
};
pub use hierarchy::{
    LevelCell, LevelKitchens, Levels, Margin, publish_levels, publish_levels_with, releases_publish,
};
pub use input::{Encoded, Source};
pub use suppression::SuppressionReason;
pub use table::{AxisValue, Purpose, Row, Table};
pub use universe::{
    AreaLabel, KitchenEntry, PRIORITY_LABELS, PRIORITY_UNKNOWN, Record, SEX_LABELS, Universe,
    priority_code,
};
