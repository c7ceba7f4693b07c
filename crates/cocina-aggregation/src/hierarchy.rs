//! Suppression across the levels of one geographic hierarchy.
//!
//! Each level's rows are protected on their own by
//! [`BeneficiaryCounts::publish`]; but a municipality's published cell is
//! the sum of the same cell of its kitchens, so a kitchen cell suppressed
//! alone among its municipality's kitchens could be recovered by
//! subtracting its siblings from the municipality. Here every such column
//! (a parent cell and its children's cells) is protected as well: a lone
//! suppressed child takes its smallest published sibling with it, or, when
//! it has none, its parent cell; rows are protected again after each change,
//! until nothing changes.

use std::collections::HashMap;

use cocina_model::{AgeGroup, Kitchen, KitchenKey, Sex};

use crate::counts::{Area, BeneficiaryCell, BeneficiaryCounts};
use crate::suppression::{Published, PublishedCell, SuppressionReason, protect_lone_suppression};

/// Publishes the state, municipality and kitchen levels of the same people
/// together, protected within each area and across levels. `levels` are
/// the counts at [`Level::State`](crate::Level::State),
/// [`Level::Municipality`](crate::Level::Municipality) and
/// [`Level::Kitchen`](crate::Level::Kitchen), made from the same
/// `kitchens`.
#[must_use]
pub fn publish_levels(
    kitchens: &[Kitchen],
    levels: [&BeneficiaryCounts; 3],
    threshold: u64,
) -> [Published; 3] {
    let municipality_of = municipalities(kitchens);
    let kitchen_parent = |area: &Area| match area {
        Area::Kitchen(key) => municipality_of
            .get(key)
            .cloned()
            .unwrap_or(Area::Unassigned),
        other => other.clone(),
    };
    let [state, municipality, kitchen] = levels.map(|counts| counts.publish(threshold));
    let (mut state, mut municipality, mut kitchen) = (state, municipality, kitchen);
    loop {
        let below = protect_column(&mut municipality, &mut kitchen, kitchen_parent);
        let above = protect_column(&mut state, &mut municipality, |_| Area::State);
        if !below && !above {
            return [state, municipality, kitchen];
        }
    }
}

/// The municipality area of each kitchen key, first listing first, as the
/// counts place its people.
fn municipalities(kitchens: &[Kitchen]) -> HashMap<&KitchenKey, Area> {
    let mut by_key = HashMap::with_capacity(kitchens.len());
    for kitchen in kitchens {
        by_key.entry(&kitchen.key).or_insert_with(|| {
            kitchen
                .municipality
                .map_or(Area::Unassigned, Area::Municipality)
        });
    }
    by_key
}

type Column = (Area, Option<Sex>, AgeGroup);

/// Protects `child`'s cells against `parent`'s; returns whether anything
/// was suppressed.
fn protect_column(
    parent: &mut Published,
    child: &mut Published,
    parent_of: impl Fn(&Area) -> Area,
) -> bool {
    let mut changed = false;
    loop {
        let mut columns: HashMap<Column, Vec<usize>> = HashMap::new();
        for (i, cell) in child.cells.iter().enumerate() {
            let key = (
                parent_of(&cell.cell.area),
                cell.cell.sex,
                cell.cell.age_group,
            );
            columns.entry(key).or_default().push(i);
        }
        let parent_index: HashMap<BeneficiaryCell, usize> = parent
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.cell.clone(), i))
            .collect();
        let mut round = false;
        for ((area, sex, age_group), members) in columns {
            let lone = members
                .iter()
                .filter(|&&i| child.cells[i].value.is_none())
                .count()
                == 1;
            let cell = BeneficiaryCell {
                area,
                sex,
                age_group,
            };
            let Some(&top) = parent_index.get(&cell) else {
                continue;
            };
            if !lone || parent.cells[top].value.is_none() {
                continue;
            }
            let sibling = members
                .iter()
                .copied()
                .filter(|&i| child.cells[i].value.is_some())
                .min_by_key(|&i| child.cells[i].value);
            match sibling {
                Some(i) => suppress(&mut child.cells[i]),
                None => suppress(&mut parent.cells[top]),
            }
            round = true;
        }
        if !round {
            return changed;
        }
        changed = true;
        protect_rows(child);
        protect_rows(parent);
    }
}

fn suppress(cell: &mut PublishedCell) {
    cell.value = None;
    cell.reason = Some(SuppressionReason::Complementary);
}

/// Protects each area's row again; an area's cells are contiguous.
fn protect_rows(published: &mut Published) {
    for row in published
        .cells
        .chunk_by_mut(|a, b| a.cell.area == b.cell.area)
    {
        protect_lone_suppression(row);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use cocina_model::{ColumnMap, KitchenStatus, MunicipalityKey, RowOrigin, StateKey};
    use proptest::prelude::*;

    use super::*;

    const ADULT: AgeGroup = AgeGroup::Range {
        min: 18,
        max: Some(59),
    };

    fn kitchen(key: &str, municipality: &str) -> Kitchen {
        Kitchen {
            key: KitchenKey::new(key).unwrap(),
            name: String::new(),
            state: StateKey::oaxaca(),
            municipality: MunicipalityKey::new(municipality).ok(),
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
            origin: RowOrigin {
                file: "k.csv".into(),
                sheet: None,
                row: 2,
                columns: Arc::new(ColumnMap::default()),
            },
        }
    }

    /// Counts the same (kitchen, sex, people) cells at the three levels.
    fn levels(kitchens: &[Kitchen], cells: &[(usize, Sex, u64)]) -> [BeneficiaryCounts; 3] {
        let mut out: [BeneficiaryCounts; 3] = Default::default();
        for &(k, sex, n) in cells {
            let kitchen = &kitchens[k];
            let areas = [
                Area::State,
                kitchen
                    .municipality
                    .map_or(Area::Unassigned, Area::Municipality),
                Area::Kitchen(kitchen.key.clone()),
            ];
            for (counts, area) in out.iter_mut().zip(areas) {
                counts.add(area, Some(sex), ADULT, n);
            }
        }
        out
    }

    /// No published parent cell has exactly one suppressed child cell.
    fn assert_no_lone_child(
        parent: &Published,
        child: &Published,
        parent_of: impl Fn(&Area) -> Area,
    ) {
        let mut lone: HashMap<Column, usize> = HashMap::new();
        for c in child.cells() {
            if c.value.is_none() {
                *lone
                    .entry((parent_of(&c.cell.area), c.cell.sex, c.cell.age_group))
                    .or_default() += 1;
            }
        }
        for p in parent.cells().filter(|p| p.value.is_some()) {
            let key = (p.cell.area.clone(), p.cell.sex, p.cell.age_group);
            assert_ne!(lone.get(&key), Some(&1), "{:?} gives a child away", p.cell);
        }
    }

    #[test]
    fn a_kitchen_cell_is_not_recovered_from_its_municipality() {
        let kitchens = [kitchen("K001", "067"), kitchen("K002", "067")];
        let cells = [
            (0, Sex::Female, 20),
            (0, Sex::Male, 3),
            (1, Sex::Female, 10),
            (1, Sex::Male, 7),
        ];
        let [state, municipality, by_kitchen] = levels(&kitchens, &cells);
        let [_, municipality, by_kitchen] =
            publish_levels(&kitchens, [&state, &municipality, &by_kitchen], 5);
        // K001's men (3) and women (complement) are suppressed; K002's
        // cells must go too, or 067's cells give K001's away.
        let shown: Vec<_> = by_kitchen.cells().filter_map(|c| c.value).collect();
        assert!(shown.is_empty(), "published kitchen cells: {shown:?}");
        let parent = |area: &Area| match area {
            Area::Kitchen(_) => Area::Municipality(MunicipalityKey::new("067").unwrap()),
            other => other.clone(),
        };
        assert_no_lone_child(&municipality, &by_kitchen, parent);
    }

    proptest! {
        #[test]
        fn no_level_gives_a_lower_one_away(
            cells in prop::collection::vec((0usize..6, any::<bool>(), 1u64..12), 1..40)
        ) {
            let kitchens: Vec<Kitchen> = (0..6)
                .map(|i| kitchen(&format!("K{i:03}"), if i < 4 { "067" } else { "001" }))
                .collect();
            let cells: Vec<_> = cells
                .into_iter()
                .map(|(k, female, n)| (k, if female { Sex::Female } else { Sex::Male }, n))
                .collect();
            let [state, municipality, by_kitchen] = levels(&kitchens, &cells);
            let [state, municipality, by_kitchen] =
                publish_levels(&kitchens, [&state, &municipality, &by_kitchen], 5);
            let of_kitchen = |area: &Area| match area {
                Area::Kitchen(key) => {
                    let k = kitchens.iter().find(|k| &k.key == key).unwrap();
                    k.municipality.map_or(Area::Unassigned, Area::Municipality)
                }
                other => other.clone(),
            };
            assert_no_lone_child(&municipality, &by_kitchen, of_kitchen);
            assert_no_lone_child(&state, &municipality, |_| Area::State);
            for published in [&state, &municipality, &by_kitchen] {
                prop_assert!(published.cells().all(|c| c.value.is_none_or(|v| v >= 5)));
            }
        }
    }
}
