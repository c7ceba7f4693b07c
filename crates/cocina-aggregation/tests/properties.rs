//! Property tests of counting and disclosure control on random registers.

use std::collections::HashMap;
use std::sync::Arc;

use cocina_aggregation::{
    Counts, Dimension, GeoLevel, Plan, Purpose, Query, Record, Table, Universe,
};
use cocina_model::{
    ColumnMap, Kitchen, KitchenKey, KitchenStatus, MunicipalityKey, RowOrigin, StateKey,
};
use proptest::prelude::*;

/// A kitchen `K{i}` in municipality `m` (none for 0).
fn kitchen(i: usize, municipality: u32) -> Kitchen {
    Kitchen {
        key: KitchenKey::new(&format!("K{i}")).unwrap(),
        name: String::new(),
        state: StateKey::oaxaca(),
        municipality: (municipality > 0)
            .then(|| MunicipalityKey::from_number(municipality).unwrap()),
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

/// Kitchens in up to four municipalities (0 = unresolved), and people:
/// kitchen index (one past the list = a key the list lacks), sex and age
/// group codes.
fn register() -> impl Strategy<Value = (Vec<u32>, Vec<Record>)> {
    prop::collection::vec(0u32..5, 1..8).prop_flat_map(|municipalities| {
        let n = municipalities.len() as u32;
        let record = (0..=n, 0u8..4, 0u8..6).prop_map(|(kitchen, sex, age_group)| Record {
            kitchen,
            sex,
            age_group,
            ..Record::default()
        });
        (Just(municipalities), prop::collection::vec(record, 0..300))
    })
}

fn universe(municipalities: &[u32]) -> Universe {
    let kitchens: Vec<Kitchen> = municipalities
        .iter()
        .enumerate()
        .map(|(i, m)| kitchen(i, *m))
        .collect();
    let refs: Vec<&Kitchen> = kitchens.iter().collect();
    Universe::new(&refs, None)
}

fn query(by: Vec<Dimension>, levels: Vec<GeoLevel>) -> Query {
    Query::new(by, levels).unwrap()
}

fn by_kitchen_under_municipality() -> Query {
    query(
        vec![
            Dimension::Geo(GeoLevel::Kitchen),
            Dimension::Sex,
            Dimension::AgeGroup,
        ],
        vec![GeoLevel::Municipality],
    )
}

/// The key a row's geographic value must have for a person of `kitchen`.
fn area_keys(municipalities: &[u32], kitchen: u32) -> (String, String) {
    let Some(m) = municipalities.get(kitchen as usize) else {
        return (String::new(), String::new());
    };
    let municipality = if *m == 0 {
        String::new()
    } else {
        format!("20{m:03}")
    };
    (format!("K{kitchen}"), municipality)
}

proptest! {
    #[test]
    fn every_cell_and_subtotal_is_the_count_of_its_people((municipalities, records) in register()) {
        let universe = universe(&municipalities);
        let plan = Plan::new(&universe, &by_kitchen_under_municipality()).unwrap();
        let counts = plan.count(&records);
        let table = Table::new(&universe, &plan, &counts, Purpose::Internal).unwrap();
        prop_assert_eq!(table.total(), Some(records.len() as u64));
        for row in table.rows() {
            let [area, sex, age] = row.coordinates[..] else { unreachable!() };
            let expected = records.iter().filter(|r| {
                let (kitchen, municipality) = area_keys(&municipalities, r.kitchen);
                let area_ok = match area.level {
                    _ if area.total => true,
                    Some(GeoLevel::Kitchen) => area.key == kitchen,
                    _ => area.key == municipality,
                };
                let sex_ok = sex.total || sex.key == cocina_aggregation::SEX_LABELS[usize::from(r.sex)];
                let age_ok = age.total || age.key == universe.age_groups()[usize::from(r.age_group)].to_string();
                area_ok && sex_ok && age_ok
            }).count() as u64;
            prop_assert_eq!(row.count, Some(expected), "{:?}", row.coordinates);
        }
    }

    #[test]
    fn counts_do_not_depend_on_order_or_chunking(
        (municipalities, records) in register(),
        shuffle in prop::collection::vec(any::<u32>(), 300),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
    ) {
        let universe = universe(&municipalities);
        let plan = Plan::new(&universe, &by_kitchen_under_municipality()).unwrap();
        let whole = plan.count(&records);
        let mut shuffled: Vec<(u32, Record)> =
            records.iter().zip(&shuffle).map(|(r, k)| (*k, *r)).collect();
        shuffled.sort_by_key(|(k, _)| *k);
        let shuffled: Vec<Record> = shuffled.into_iter().map(|(_, r)| r).collect();
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(shuffled.len() + 1)).collect();
        at.push(0);
        at.push(shuffled.len());
        at.sort_unstable();
        let mut merged = plan.empty();
        for pair in at.windows(2) {
            merged.merge(&plan.count_sequential(&shuffled[pair[0]..pair[1]]));
        }
        prop_assert_eq!(merged, whole);
    }

    #[test]
    fn merging_is_associative_and_commutative(
        (municipalities, a) in register(),
        b in prop::collection::vec(0u8..4, 0..100),
        c in prop::collection::vec(0u8..6, 0..100),
    ) {
        let universe = universe(&municipalities);
        let plan = Plan::new(&universe, &by_kitchen_under_municipality()).unwrap();
        let count = |records: Vec<Record>| plan.count(&records);
        let a = count(a);
        let b = count(b.iter().map(|s| Record { sex: *s, ..Record::default() }).collect());
        let c = count(c.iter().map(|g| Record { age_group: *g, kitchen: 1, ..Record::default() }).collect());
        let sum = |x: &Counts, y: &Counts| { let mut s = x.clone(); s.merge(y); s };
        prop_assert_eq!(sum(&sum(&a, &b), &c), sum(&a, &sum(&b, &c)));
        prop_assert_eq!(sum(&a, &b), sum(&b, &a));
    }

    #[test]
    fn no_suppressed_cell_is_recoverable_by_one_subtraction(
        (municipalities, records) in register(),
        threshold in 2u64..8,
        hierarchy in any::<bool>(),
    ) {
        let universe = universe(&municipalities);
        let query = if hierarchy {
            by_kitchen_under_municipality()
        } else {
            query(vec![Dimension::Geo(GeoLevel::Municipality), Dimension::Sex, Dimension::AgeGroup], vec![])
        };
        let plan = Plan::new(&universe, &query).unwrap();
        let counts = plan.count(&records);
        let table = Table::new(&universe, &plan, &counts, Purpose::Published { threshold }).unwrap();
        let parent_of_kitchen: HashMap<String, String> = (0..=municipalities.len() as u32)
            .map(|k| area_keys(&municipalities, k))
            .collect();
        // Each line: its members' suppression, keyed by axis, the other
        // coordinates and the parent.
        let mut lines: HashMap<(usize, Vec<String>, String), Vec<bool>> = HashMap::new();
        for row in table.rows() {
            if let Some(n) = row.count {
                prop_assert!(n == 0 || n >= threshold, "{:?} published {}", row.coordinates, n);
            }
            let ids: Vec<String> = row.coordinates.iter()
                .map(|v| format!("{:?}/{}/{}", v.level, v.key, v.total)).collect();
            for (i, value) in row.coordinates.iter().enumerate() {
                let mut others = ids.clone();
                others.remove(i);
                let suppressed = row.count.is_none();
                if !value.total {
                    let parent = match value.level {
                        Some(GeoLevel::Kitchen) if hierarchy => parent_of_kitchen[&value.key].clone(),
                        _ => "root".to_owned(),
                    };
                    lines.entry((i, others.clone(), parent)).or_default().push(suppressed);
                }
                let is_parent = value.total
                    || (hierarchy && value.level == Some(GeoLevel::Municipality));
                if is_parent {
                    let id = if value.total { "root".to_owned() } else { value.key.clone() };
                    lines.entry((i, others, id)).or_default().push(suppressed);
                }
            }
        }
        for (line, members) in &lines {
            let suppressed = members.iter().filter(|s| **s).count();
            prop_assert!(suppressed != 1, "line {:?} has one suppressed member", line);
        }
    }
}
