//! Property tests of counting and disclosure control on random registers.

use std::collections::HashMap;
use std::sync::Arc;

use cocina_aggregation::{
    Counts, Dimension, GeoLevel, Plan, Purpose, Query, Record, SuppressionReason, Table, Universe,
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
    /// A code past its dictionary (which no encoder writes, but a record is
    /// plain data) counts as the dimension's "unknown", never elsewhere.
    #[test]
    fn stray_codes_count_as_unknown(
        municipalities in prop::collection::vec(0u32..5, 1..8),
        raw in prop::collection::vec((any::<u32>(), any::<u8>(), any::<u8>()), 0..200),
    ) {
        let universe = universe(&municipalities);
        let plan = Plan::new(&universe, &by_kitchen_under_municipality()).unwrap();
        let unknown_kitchen = universe.unknown_kitchen();
        let unknown_age = universe.age_groups().len() as u8 - 1;
        let stray: Vec<Record> = raw
            .iter()
            .map(|&(kitchen, sex, age_group)| Record { kitchen, sex, age_group, ..Record::default() })
            .collect();
        let clamped: Vec<Record> = stray
            .iter()
            .map(|r| Record {
                kitchen: r.kitchen.min(unknown_kitchen),
                sex: r.sex.min(3),
                age_group: r.age_group.min(unknown_age),
                ..*r
            })
            .collect();
        prop_assert_eq!(plan.count(&stray), plan.count(&clamped));
    }

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
        let table = published(&municipalities, &records, threshold, hierarchy);
        for row in table.rows() {
            if let Some(n) = row.count {
                prop_assert!(n == 0 || n >= threshold, "{:?} published {}", row.coordinates, n);
            }
        }
        let (cells, lines) = lines_of(&table, &municipalities, hierarchy);
        for (line, members) in &lines {
            let suppressed = members.iter().filter(|(_, id)| cells[id].count.is_none()).count();
            prop_assert!(suppressed != 1, "line {:?} has one suppressed member", line);
        }
    }

    #[test]
    fn no_small_cell_is_worked_out_by_combining_lines(
        (municipalities, records) in register(),
        threshold in 2u64..8,
        hierarchy in any::<bool>(),
    ) {
        let table = published(&municipalities, &records, threshold, hierarchy);
        let (cells, lines) = lines_of(&table, &municipalities, hierarchy);
        let bounds = reader_bounds(&cells, &lines, threshold);
        for (id, cell) in &cells {
            let (lo, hi) = bounds[id];
            // Known to be zero, as a published zero says, reveals nobody;
            // known to be exactly some people is what suppression hides.
            let pinned = hi > 0 && lo == hi;
            if cell.reason == Some(SuppressionReason::SmallCount) && pinned {
                // Left only where nothing published is left to hide: every
                // line through the cell holds suppressed figures and zeros.
                let widenable = lines.values()
                    .filter(|members| members.iter().any(|(_, m)| m == id))
                    .flatten()
                    .any(|(_, m)| cells[m].count.is_some_and(|n| n > 0));
                prop_assert!(!widenable, "{} worked out as {}", id, lo);
            }
        }
    }
}

proptest! {
    #[test]
    fn within_a_small_figure_every_figure_is_suppressed_or_a_zero_given_away(
        (municipalities, records) in register(),
        threshold in 2u64..8,
        hierarchy in any::<bool>(),
    ) {
        let table = published(&municipalities, &records, threshold, hierarchy);
        let (cells, lines) = lines_of(&table, &municipalities, hierarchy);
        let published_zero = |id: &String| cells[id].count == Some(0);
        for id in within_small(&cells, &lines) {
            if cells[&id].count.is_none() {
                prop_assert_eq!(cells[&id].reason, Some(SuppressionReason::SmallCount));
                continue;
            }
            // Published only as a zero that other published figures give
            // away: under a published zero, or the sum of published zeros.
            prop_assert!(published_zero(&id), "{} published within a small figure", id);
            let given_away = lines.values().any(|members| {
                let sum = &members.iter().find(|(p, _)| *p).expect("a sum").1;
                let children = || members.iter().filter(|(p, _)| !*p);
                let under_zero = published_zero(sum) && children().any(|(_, m)| *m == id);
                let of_zeros = *sum == id && children().all(|(_, m)| published_zero(m));
                under_zero || of_zeros
            });
            prop_assert!(given_away, "{} is a zero nothing else gives away", id);
        }
    }
}

/// A kitchen of 4 people, one in each of four sex × age-group cells, beside
/// a kitchen of 100: with its zeros published, a reader would know each of
/// the four is at least 1 and they add up to at most 4, so each is 1.
#[test]
fn a_small_kitchen_with_one_person_per_cell_pins_none_of_them() {
    let municipalities = [1, 1];
    let mut records = Vec::new();
    for (sex, age_group) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        records.push(Record {
            kitchen: 0,
            sex,
            age_group,
            ..Record::default()
        });
    }
    for i in 0..100u8 {
        records.push(Record {
            kitchen: 1,
            sex: i % 2,
            age_group: i / 2 % 5,
            ..Record::default()
        });
    }
    let table = published(&municipalities, &records, 5, true);
    let (cells, lines) = lines_of(&table, &municipalities, true);
    let bounds = reader_bounds(&cells, &lines, 5);
    let small_kitchen: Vec<&String> = cells
        .keys()
        .filter(|id| id.starts_with("Some(Kitchen)/K0/"))
        .collect();
    assert!(small_kitchen.len() >= 12, "{small_kitchen:?}");
    for id in small_kitchen {
        assert_eq!(cells[id].count, None, "{id} is within a kitchen of 4");
        assert_eq!(
            cells[id].reason,
            Some(SuppressionReason::SmallCount),
            "{id}"
        );
        let (lo, hi) = bounds[id];
        let is_total = id.ends_with("|None/total/true|None/total/true");
        let floor = i64::from(is_total);
        assert_eq!((lo, hi), (floor, 4), "{id}: a reader pins nothing");
    }
}

/// The figures that lie within a small one: a term of a sum published as
/// small, which the table suppresses even when zero, so a reader must
/// allow 0 for them.
fn within_small(cells: &HashMap<String, Cell>, lines: &Lines) -> std::collections::HashSet<String> {
    let small = |id: &String| cells[id].reason == Some(SuppressionReason::SmallCount);
    let mut within = std::collections::HashSet::new();
    for members in lines.values() {
        let Some((_, sum)) = members.iter().find(|(p, _)| *p) else {
            continue;
        };
        if small(sum) {
            within.extend(members.iter().filter(|(p, _)| !*p).map(|(_, m)| m.clone()));
        }
    }
    within
}

/// The published table of a register: kitchens under municipalities, or
/// municipalities alone, by sex and age group.
fn published(municipalities: &[u32], records: &[Record], threshold: u64, hierarchy: bool) -> Table {
    let universe = universe(municipalities);
    let query = if hierarchy {
        by_kitchen_under_municipality()
    } else {
        let by = vec![
            Dimension::Geo(GeoLevel::Municipality),
            Dimension::Sex,
            Dimension::AgeGroup,
        ];
        query(by, vec![])
    };
    let plan = Plan::new(&universe, &query).unwrap();
    let counts = plan.count(records);
    Table::new(&universe, &plan, &counts, Purpose::Published { threshold }).unwrap()
}

/// A published figure as a reader sees it.
struct Cell {
    count: Option<u64>,
    reason: Option<SuppressionReason>,
}

/// The lines of a published table, worked out from its rows apart from the
/// aggregation crate: each line's members as (is the sum, cell id).
type Lines = HashMap<(usize, Vec<String>, String), Vec<(bool, String)>>;

fn lines_of(
    table: &Table,
    municipalities: &[u32],
    hierarchy: bool,
) -> (HashMap<String, Cell>, Lines) {
    let parent_of_kitchen: HashMap<String, String> = (0..=municipalities.len() as u32)
        .map(|k| area_keys(municipalities, k))
        .collect();
    let mut cells = HashMap::new();
    let mut lines: Lines = HashMap::new();
    for row in table.rows() {
        let ids: Vec<String> = row
            .coordinates
            .iter()
            .map(|v| format!("{:?}/{}/{}", v.level, v.key, v.total))
            .collect();
        let id = ids.join("|");
        for (i, value) in row.coordinates.iter().enumerate() {
            let mut others = ids.clone();
            others.remove(i);
            if !value.total {
                let parent = match value.level {
                    Some(GeoLevel::Kitchen) if hierarchy => parent_of_kitchen[&value.key].clone(),
                    _ => "root".to_owned(),
                };
                let line = lines.entry((i, others.clone(), parent)).or_default();
                line.push((false, id.clone()));
            }
            let is_parent =
                value.total || (hierarchy && value.level == Some(GeoLevel::Municipality));
            if is_parent {
                let key = if value.total {
                    "root".to_owned()
                } else {
                    value.key.clone()
                };
                lines
                    .entry((i, others, key))
                    .or_default()
                    .push((true, id.clone()));
            }
        }
        let cell = Cell {
            count: row.count,
            reason: row.suppressed,
        };
        cells.insert(id, cell);
    }
    (cells, lines)
}

/// What a reader can narrow each cell to from the published figures, the
/// reasons (a small cell is 1 to threshold − 1, or 0 to threshold − 1 when
/// it lies within another small one; a complementary one at least the
/// threshold) and every line's sum, going over the lines until nothing
/// changes.
fn reader_bounds(
    cells: &HashMap<String, Cell>,
    lines: &Lines,
    threshold: u64,
) -> HashMap<String, (i64, i64)> {
    const OPEN: i64 = 1 << 40;
    let t = threshold.cast_signed();
    let may_be_zero = within_small(cells, lines);
    let mut bounds: HashMap<String, (i64, i64)> = cells
        .iter()
        .map(|(id, cell)| {
            let b = match (cell.count, cell.reason) {
                (Some(n), _) => (n.cast_signed(), n.cast_signed()),
                (None, Some(SuppressionReason::SmallCount)) => {
                    (i64::from(!may_be_zero.contains(id)), t - 1)
                }
                (None, _) => (t, OPEN),
            };
            (id.clone(), b)
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for members in lines.values() {
            let Some((_, sum)) = members.iter().find(|(p, _)| *p) else {
                continue;
            };
            let children: Vec<&String> = members
                .iter()
                .filter(|(p, _)| !*p)
                .map(|(_, id)| id)
                .collect();
            let lo: i64 = children.iter().map(|c| bounds[*c].0).sum();
            let hi: i64 = children.iter().map(|c| bounds[*c].1).sum();
            changed |= narrow(&mut bounds, sum, lo, hi);
            let total = bounds[sum];
            for c in &children {
                let own = bounds[*c];
                let (others_lo, others_hi) = (lo - own.0, hi - own.1);
                changed |= narrow(&mut bounds, c, total.0 - others_hi, total.1 - others_lo);
            }
        }
    }
    bounds
}

/// Narrows one cell's bounds; says whether they changed.
fn narrow(bounds: &mut HashMap<String, (i64, i64)>, id: &str, lo: i64, hi: i64) -> bool {
    let b = bounds.get_mut(id).unwrap();
    let new = (b.0.max(lo), b.1.min(hi));
    let changed = new != *b && new.0 <= new.1;
    if changed {
        *b = new;
    }
    changed
}

/// Region and district of municipalities 1 to 4 in a small reference;
/// municipality 5 is not in it, so its kitchens have no district.
const PLACES: [(u32, &str, &str); 4] = [
    (1, "Costa", "Jamiltepec"),
    (2, "Costa", "Jamiltepec"),
    (3, "Costa", "Juquila"),
    (4, "Mixteca", "Huajuapan"),
];

static REFERENCE: std::sync::LazyLock<cocina_geography::reference::Reference> =
    std::sync::LazyLock::new(|| {
        use std::fmt::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: String| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let mut districts = "cvegeo,nom_mun,region,distrito\n".to_owned();
        let mut census = "cvegeo,pob_total,pob_masculina,pob_femenina\n".to_owned();
        for (m, region, district) in PLACES {
            writeln!(districts, "20{m:03},M{m},{region},{district}").unwrap();
            writeln!(census, "20{m:03},1000,480,520").unwrap();
        }
        write("oaxaca/oax_mun_distrito_region.csv", districts);
        write("inegi/mun_oax_ageeml_censo2020.csv", census);
        cocina_geography::reference::Reference::load(dir.path()).unwrap()
    });

/// The parent of an area, as the test works it out from the kitchens and
/// [`PLACES`], apart from the aggregation crate.
fn parent_of(
    level: GeoLevel,
    area: Option<&str>,
    municipalities: &[u32],
) -> Option<(GeoLevel, Option<String>)> {
    let place = |m: Option<u32>| m.and_then(|m| PLACES.iter().find(|p| p.0 == m));
    let municipality_of = |area: Option<&str>| area.and_then(|a| a.parse::<u32>().ok());
    Some(match level {
        GeoLevel::Kitchen => {
            let index = area.and_then(|k| k.strip_prefix('K')?.parse::<usize>().ok());
            let m = index.map(|i| municipalities[i]).filter(|m| *m > 0);
            (GeoLevel::Municipality, m.map(|m| format!("{m:03}")))
        }
        GeoLevel::Municipality => (
            GeoLevel::District,
            place(municipality_of(area)).map(|p| p.2.to_owned()),
        ),
        GeoLevel::District => {
            let region = PLACES.iter().find(|p| Some(p.2) == area).map(|p| p.1);
            (GeoLevel::Region, region.map(str::to_owned))
        }
        GeoLevel::Region => (GeoLevel::State, None),
        _ => return None,
    })
}

proptest! {
    #[test]
    fn no_suppressed_figure_of_any_level_is_recoverable_by_one_subtraction(
        (municipalities, records) in register_in(6),
        threshold in 2u64..8,
    ) {
        use cocina_aggregation::{KitchenEntry, Margin, Source, publish_levels, Encoded};
        let entries: Vec<KitchenEntry> = municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| KitchenEntry::from(&kitchen(i, *m)))
            .collect();
        let source = Source { name: "d", kitchens: &entries, beneficiaries: &[], counts: &[] };
        let mut encoded = Encoded::new(&[source], Some(&REFERENCE));
        encoded.records = records.clone();
        let levels = publish_levels(&encoded, threshold).unwrap();
        prop_assert_eq!(
            levels.levels(),
            [GeoLevel::State, GeoLevel::Region, GeoLevel::District, GeoLevel::Municipality,
             GeoLevel::Kitchen]
        );
        // Each line (a sum and its terms, by kind and key) with its
        // members' suppression.
        let mut lines: HashMap<(u8, String), Vec<bool>> = HashMap::new();
        for cell in levels.cells() {
            if let Some(n) = cell.value {
                prop_assert!(n == 0 || n >= threshold, "{:?}", cell);
            }
            let hidden = cell.value.is_none();
            let area = format!("{:?}/{:?}", cell.level, cell.area);
            let (sex, age) = (format!("{:?}", cell.sex), format!("{:?}", cell.age_group));
            // Across sexes, across age groups, and between an area and
            // the areas under it.
            lines.entry((0, format!("{area}|{age}"))).or_default().push(hidden);
            lines.entry((1, format!("{area}|{sex}"))).or_default().push(hidden);
            if cell.level != GeoLevel::Kitchen {
                lines.entry((2, format!("{area}|{sex}|{age}"))).or_default().push(hidden);
            }
            if let Some((level, parent)) = parent_of(cell.level, cell.area, &municipalities) {
                let parent = format!("{level:?}/{:?}", parent.as_deref());
                lines.entry((2, format!("{parent}|{sex}|{age}"))).or_default().push(hidden);
            }
            if cell.level == GeoLevel::State && cell.sex == Margin::Total
                && cell.age_group == Margin::Total
            {
                prop_assert!(cell.value.is_none_or(|n| n == records.len() as u64));
            }
        }
        for (line, members) in &lines {
            let suppressed = members.iter().filter(|s| **s).count();
            prop_assert!(suppressed != 1, "line {:?} gives one figure away: {:?}", line, members);
        }
    }
}

/// Like [`register`], over municipalities 0 (none) to `max - 1`.
fn register_in(max: u32) -> impl Strategy<Value = (Vec<u32>, Vec<Record>)> {
    prop::collection::vec(0u32..max, 1..9).prop_flat_map(|municipalities| {
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

/// A kitchen listed without a municipality and with nobody in it still has
/// the empty "no municipality" above it, so every line of its figures has
/// its sum (an "unknown" value is left out only when nothing is under it).
#[test]
fn a_kitchen_without_a_municipality_keeps_the_sum_of_its_lines() {
    let municipalities = [1, 0];
    let records = [Record::default(), Record::default()];
    let table = published(&municipalities, &records, 2, true);
    let (_, lines) = lines_of(&table, &municipalities, true);
    for (line, members) in &lines {
        assert!(members.iter().any(|(sum, _)| *sum), "{line:?} has no sum");
    }
}
