//! Publication of every geographic level at once.
//!
//! The state, its regions, districts and municipalities, and the kitchens
//! are published from one [`Table`] whose geographic axis is the whole
//! hierarchy: each kitchen under its municipality, each municipality under
//! its district, each district under its region, each region under the
//! state (regions and districts only when the reference catalogues place
//! the municipalities). The sex and age-group axes carry their totals too.
//!
//! Every figure a reader can see, a cell, a row or column total or an
//! area's total, is one cell of that table, so disclosure control treats
//! them alike: a small count is suppressed wherever it appears, and
//! complementary suppression runs over every line of every axis, so no
//! suppressed figure is the difference between published figures of the
//! same area, or of its parent and its children. Every cell is listed,
//! zeros included: a zero reveals nobody, and a complete table leaves
//! nothing to infer from what is missing.

use cocina_model::{AgeGroup, KitchenStatus, Sex};

use crate::cube::{Counts, Plan};
use crate::dimension::{Dimension, GeoLevel, Query, QueryError};
use crate::input::Encoded;
use crate::suppression::SuppressionReason;
use crate::table::{AxisValue, Purpose, Table};
use crate::universe::Universe;

/// One coordinate of a published figure: a value, or the total over all
/// values of the dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Margin<T> {
    /// One value.
    Value(T),
    /// The total over every value.
    Total,
}

impl<T> Margin<T> {
    /// Returns the value, or `None` for the total.
    #[must_use]
    pub fn value(self) -> Option<T> {
        match self {
            Margin::Value(v) => Some(v),
            Margin::Total => None,
        }
    }
}

/// One published beneficiary figure of one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelCell<'a> {
    /// The area's level.
    pub level: GeoLevel,
    /// The area's key: a kitchen key, a three-digit municipality key, a
    /// district's or region's name; `None` for the state and for people
    /// no area of the level holds.
    pub area: Option<&'a str>,
    /// Sex; `Value(None)` for records that did not say.
    pub sex: Margin<Option<Sex>>,
    /// Age group.
    pub age_group: Margin<AgeGroup>,
    /// The count; `None` when suppressed.
    pub value: Option<u64>,
    /// Why it is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// Kitchens of one area by status (kitchens are not people: never
/// suppressed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelKitchens<'a> {
    /// The area's level.
    pub level: GeoLevel,
    /// The area's key, as in [`LevelCell::area`].
    pub area: Option<&'a str>,
    /// The status.
    pub status: Margin<KitchenStatus>,
    /// Kitchens.
    pub kitchens: u64,
}

/// Beneficiaries and kitchens at every level, after disclosure control.
#[derive(Debug, Clone)]
pub struct Levels {
    threshold: u64,
    /// The levels published, coarsest first.
    order: Vec<GeoLevel>,
    people: Table,
    kitchens: Table,
    /// Level and key of each code of the geographic axis.
    areas: Vec<(GeoLevel, Option<String>)>,
    ages: Vec<AgeGroup>,
}

/// Publishes the beneficiaries and kitchens of `encoded` at every level
/// its universe knows: state, region and district (with the reference
/// catalogues), municipality and kitchen, protected together; counts from
/// 1 to `threshold - 1` are suppressed.
///
/// # Errors
///
/// Fails only when the table would be too large to hold
/// ([`QueryError::TooLarge`]).
pub fn publish_levels(encoded: &Encoded, threshold: u64) -> Result<Levels, QueryError> {
    publish_levels_with(encoded, threshold, |plan| Ok(encoded.count(plan)))
}

/// Publishes as [`publish_levels`] does, with the people counted by
/// `count` for the plan it is given: the records of `encoded` and anything
/// counted apart, such as a register streamed from its file
/// ([`register::count_register`](crate::register::count_register)).
///
/// # Errors
///
/// Fails when the table would be too large to hold, or with `count`'s
/// error.
pub fn publish_levels_with<E: From<QueryError>>(
    encoded: &Encoded,
    threshold: u64,
    count: impl FnOnce(&Plan) -> Result<Counts, E>,
) -> Result<Levels, E> {
    let universe = &encoded.universe;
    let levels = coarser_levels(universe);
    let kitchen = Dimension::Geo(GeoLevel::Kitchen);
    let by = vec![kitchen, Dimension::Sex, Dimension::AgeGroup];
    let plan = Plan::new(universe, &Query::new(by, levels.clone())?)?;
    let counts = count(&plan)?;
    let people = Table::new(universe, &plan, &counts, Purpose::Published { threshold })?;
    let by = vec![kitchen, Dimension::Status];
    let plan = Plan::new(universe, &Query::new(by, levels.clone())?)?;
    let kitchens = Table::new(
        universe,
        &plan,
        &encoded.count_kitchens(&plan),
        Purpose::Kitchens,
    )?;
    let areas = people.axis_values(0).iter().map(area_of).collect();
    let mut all = vec![GeoLevel::State];
    all.extend(levels.iter().rev());
    all.push(GeoLevel::Kitchen);
    Ok(Levels {
        threshold,
        order: all,
        people,
        kitchens,
        areas,
        ages: universe.age_groups().to_vec(),
    })
}

/// Returns whether every figure of `query`'s table is one that
/// [`publish_levels`] publishes on `universe`: a level it publishes (or
/// none, for the state) by sex, age group, both or neither, with subtotals
/// only at levels it publishes. Such a table can be shown exactly as the
/// release shows it ([`Levels::table`]).
#[must_use]
pub fn releases_publish(universe: &Universe, query: &Query) -> bool {
    let mut order = coarser_levels(universe);
    order.extend([GeoLevel::State, GeoLevel::Kitchen]);
    publishes_at(&order, query)
}

fn publishes_at(order: &[GeoLevel], query: &Query) -> bool {
    let published = |level: &GeoLevel| order.contains(level);
    let dimensions = query.by().iter().all(|d| match d {
        Dimension::Geo(level) => published(level),
        Dimension::Sex | Dimension::AgeGroup => true,
        _ => false,
    });
    dimensions && query.levels().iter().all(published)
}

/// The levels between the kitchens and the state that `universe` knows.
fn coarser_levels(universe: &Universe) -> Vec<GeoLevel> {
    if universe.has_reference() {
        vec![GeoLevel::Municipality, GeoLevel::District, GeoLevel::Region]
    } else {
        vec![GeoLevel::Municipality]
    }
}

/// The level and published key of one value of the geographic axis.
fn area_of(value: &AxisValue) -> (GeoLevel, Option<String>) {
    let level = value.level.unwrap_or(GeoLevel::State);
    if value.total || value.key.is_empty() {
        return (level, None);
    }
    let key = match level {
        // Labelled `20MMM` in the universe; published as its INEGI key.
        GeoLevel::Municipality => value.key.strip_prefix("20").unwrap_or(&value.key),
        // Keyed with its region in the universe; published by its name.
        GeoLevel::District => &value.name,
        _ => &value.key,
    };
    (level, Some(key.to_owned()))
}

const SEXES: [Option<Sex>; 4] = [
    Some(Sex::Female),
    Some(Sex::Male),
    Some(Sex::NonBinary),
    None,
];

impl Levels {
    /// Returns the suppression threshold.
    #[must_use]
    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    /// Returns the levels published, from the state to the kitchens.
    #[must_use]
    pub fn levels(&self) -> &[GeoLevel] {
        &self.order
    }

    /// Returns the beneficiary table itself, with every margin.
    #[must_use]
    pub fn people(&self) -> &Table {
        &self.people
    }

    /// Returns the kitchen table itself, with every margin.
    #[must_use]
    pub fn kitchen_table(&self) -> &Table {
        &self.kitchens
    }

    /// Returns whether every figure of `query`'s table is one this release
    /// publishes ([`releases_publish`]).
    #[must_use]
    pub fn publishes(&self, query: &Query) -> bool {
        publishes_at(&self.order, query)
    }

    /// Returns the beneficiary table of `plan` as this release publishes
    /// it: every figure with the count and suppression it has here, so
    /// that the table and the release together say no more than the
    /// release alone. `counts` are `plan`'s counts of the same people
    /// ([`Encoded::count`] on the encoding this release was made from).
    /// `None` when the table is not one the release publishes
    /// ([`Self::publishes`]) or its counts differ from the release's.
    ///
    /// # Errors
    ///
    /// Fails only when the table would be too large to hold.
    pub fn table(
        &self,
        universe: &Universe,
        plan: &Plan,
        counts: &Counts,
    ) -> Result<Option<Table>, QueryError> {
        if !self.publishes(plan.query()) {
            return Ok(None);
        }
        Table::within(universe, plan, counts, &self.people)
    }

    /// Iterates over every published beneficiary figure, zeros and
    /// margins included: by area (the kitchens first, the state last),
    /// then sex, then age group, each total after its values.
    pub fn cells(&self) -> impl Iterator<Item = LevelCell<'_>> + '_ {
        self.people.entries().map(|(codes, value, reason)| {
            let (level, area) = &self.areas[codes[0]];
            LevelCell {
                level: *level,
                area: area.as_deref(),
                sex: margin(SEXES.get(codes[1]).copied()),
                age_group: margin(self.ages.get(codes[2]).copied()),
                value,
                reason,
            }
        })
    }

    /// Iterates over the kitchens of every area by status, with each
    /// area's total.
    pub fn kitchens(&self) -> impl Iterator<Item = LevelKitchens<'_>> + '_ {
        self.kitchens.entries().map(|(codes, value, _)| {
            let (level, area) = &self.areas[codes[0]];
            LevelKitchens {
                level: *level,
                area: area.as_deref(),
                status: margin(KitchenStatus::ALL.get(codes[1]).copied()),
                kitchens: value.unwrap_or(0),
            }
        })
    }
}

/// A code past the axis's values is its total.
fn margin<T>(value: Option<T>) -> Margin<T> {
    value.map_or(Margin::Total, Margin::Value)
}

#[cfg(test)]
mod tests {
    use cocina_model::{BeneficiaryCount, KitchenKey, MunicipalityKey};

    use super::*;
    use crate::input::Source;
    use crate::universe::KitchenEntry;

    const ADULT: AgeGroup = AgeGroup::Range {
        min: 18,
        max: Some(59),
    };

    fn entry(key: &str, municipality: u32) -> KitchenEntry {
        KitchenEntry {
            key: KitchenKey::new(key).unwrap(),
            municipality: MunicipalityKey::from_number(municipality).ok(),
            locality: None,
            status: KitchenStatus::Operating,
        }
    }

    fn count(key: &str, sex: Sex, n: u32) -> BeneficiaryCount {
        BeneficiaryCount {
            kitchen: KitchenKey::new(key).unwrap(),
            sex: Some(sex),
            age_group: ADULT,
            count: n,
            origin: cocina_model::RowOrigin {
                file: "c.csv".into(),
                sheet: None,
                row: 2,
                columns: std::sync::Arc::default(),
            },
        }
    }

    fn publish(kitchens: &[KitchenEntry], counts: &[BeneficiaryCount]) -> Levels {
        let source = Source {
            name: "test",
            kitchens,
            beneficiaries: &[],
            counts,
        };
        publish_levels(&Encoded::new(&[source], None), 5).unwrap()
    }

    fn find<'a>(
        levels: &'a Levels,
        level: GeoLevel,
        area: Option<&str>,
        sex: Margin<Option<Sex>>,
        age_group: Margin<AgeGroup>,
    ) -> LevelCell<'a> {
        levels
            .cells()
            .find(|c| {
                c.level == level && c.area == area && c.sex == sex && c.age_group == age_group
            })
            .expect("every cell is listed")
    }

    #[test]
    fn a_small_kitchen_total_is_suppressed() {
        let kitchens = [entry("K1", 67), entry("K2", 67)];
        let counts = [count("K1", Sex::Female, 3), count("K2", Sex::Female, 40)];
        let levels = publish(&kitchens, &counts);
        let total = find(
            &levels,
            GeoLevel::Kitchen,
            Some("K1"),
            Margin::Total,
            Margin::Total,
        );
        assert_eq!(total.value, None);
        assert_eq!(total.reason, Some(SuppressionReason::SmallCount));
        // K2's total would give K1's away through the municipality's.
        let other = find(
            &levels,
            GeoLevel::Kitchen,
            Some("K2"),
            Margin::Total,
            Margin::Total,
        );
        assert_eq!(other.value, None);
        let state = find(&levels, GeoLevel::State, None, Margin::Total, Margin::Total);
        assert_eq!(state.value, Some(43));
    }

    fn count_aged(key: &str, sex: Sex, age_group: AgeGroup, n: u32) -> BeneficiaryCount {
        BeneficiaryCount {
            age_group,
            ..count(key, sex, n)
        }
    }

    /// With its zeros published, a kitchen of 4 people, one in each of four
    /// cells, would show four small cells under a small total: each at
    /// least 1, adding up to at most 4, so each exactly 1.
    #[test]
    fn within_a_small_kitchen_zeros_are_suppressed_alike() {
        const CHILD: AgeGroup = AgeGroup::Range {
            min: 6,
            max: Some(12),
        };
        let kitchens = [entry("K1", 67), entry("K2", 67)];
        let mut counts = Vec::new();
        let groups: Vec<AgeGroup> = cocina_model::AgeBins::default()
            .groups()
            .filter(|g| *g != AgeGroup::Unknown)
            .collect();
        for sex in [Sex::Female, Sex::Male] {
            counts.push(count_aged("K1", sex, ADULT, 1));
            counts.push(count_aged("K1", sex, CHILD, 1));
            // Someone of every kind in the municipality, so that no zero of
            // the small kitchen is given away by one of the municipality.
            for group in &groups {
                counts.push(count_aged("K2", sex, *group, 30));
            }
        }
        let levels = publish(&kitchens, &counts);
        let small_kitchen: Vec<LevelCell<'_>> =
            levels.cells().filter(|c| c.area == Some("K1")).collect();
        let groups = groups.len() + 1;
        assert_eq!(small_kitchen.len(), 3 * groups, "{small_kitchen:?}");
        for cell in &small_kitchen {
            assert_eq!(
                (cell.value, cell.reason),
                (None, Some(SuppressionReason::SmallCount)),
                "{cell:?}"
            );
        }
    }

    /// Any table of the release's figures, by fewer dimensions or levels,
    /// shows each figure as the release does.
    #[test]
    fn a_margin_of_the_release_shows_the_release_s_figures() {
        let kitchens = [entry("K1", 67), entry("K2", 67), entry("K3", 68)];
        let counts = [
            count("K1", Sex::Female, 3),
            count("K2", Sex::Female, 40),
            count("K2", Sex::Male, 2),
            count("K3", Sex::Male, 9),
        ];
        let source = Source {
            name: "test",
            kitchens: &kitchens,
            beneficiaries: &[],
            counts: &counts,
        };
        let encoded = Encoded::new(&[source], None);
        let levels = publish_levels(&encoded, 5).unwrap();
        let by = vec![Dimension::Sex, Dimension::Geo(GeoLevel::Municipality)];
        let plan = Plan::new(&encoded.universe, &Query::new(by, Vec::new()).unwrap()).unwrap();
        let table = levels
            .table(&encoded.universe, &plan, &encoded.count(&plan))
            .unwrap()
            .expect("municipalities by sex are the release's");
        let mut rows = 0;
        for row in table.rows() {
            let [sex, area] = row.coordinates[..] else {
                unreachable!("two axes")
            };
            let sex = crate::SEX_LABELS
                .iter()
                .position(|label| *label == sex.key)
                .map_or(Margin::Total, |i| Margin::Value(SEXES[i]));
            let area = (!area.total).then(|| area.key.strip_prefix("20").unwrap_or(&area.key));
            let level = if area.is_some() {
                GeoLevel::Municipality
            } else {
                GeoLevel::State
            };
            let same = find(&levels, level, area, sex, Margin::Total);
            assert_eq!(
                (row.count, row.suppressed),
                (same.value, same.reason),
                "{row:?}"
            );
            rows += 1;
        }
        assert!(rows >= 9, "{rows} rows");
        assert!(table.rows().any(|r| r.suppressed.is_some()));
        let by = vec![Dimension::Priority, Dimension::Geo(GeoLevel::Municipality)];
        let plan = Plan::new(&encoded.universe, &Query::new(by, Vec::new()).unwrap()).unwrap();
        let other = levels.table(&encoded.universe, &plan, &encoded.count(&plan));
        assert!(
            other.unwrap().is_none(),
            "priority groups are not the release's"
        );
    }

    #[test]
    fn zeros_are_listed_as_published_zeros() {
        let levels = publish(&[entry("K1", 67)], &[count("K1", Sex::Female, 12)]);
        let men = Margin::Value(Some(Sex::Male));
        let cell = find(
            &levels,
            GeoLevel::Municipality,
            Some("067"),
            men,
            Margin::Value(ADULT),
        );
        assert_eq!((cell.value, cell.reason), (Some(0), None));
        let kitchens: Vec<_> = levels
            .kitchens()
            .filter(|k| k.level == GeoLevel::State)
            .map(|k| (k.status, k.kitchens))
            .collect();
        assert!(kitchens.contains(&(Margin::Value(KitchenStatus::Operating), 1)));
        assert!(kitchens.contains(&(Margin::Total, 1)));
        assert_eq!(
            levels.levels(),
            [GeoLevel::State, GeoLevel::Municipality, GeoLevel::Kitchen]
        );
    }
}
