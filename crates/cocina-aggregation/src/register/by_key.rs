//! Counting a register before its kitchens list is read: by the kitchen
//! key as the register writes it, so that reading the list (and building
//! the dictionaries from it) and streaming the register run at the same
//! time; the keys are mapped to kitchens afterwards, once per key rather
//! than once per person.
//!
//! Each byte range keeps its own small dictionary of the keys it met and
//! a dense table of counts per key by sex, age group and priority (only
//! those the query asks for). Memory is bounded: a range that meets more
//! keys or age groups than its table may hold stops and is read again,
//! the ordinary way, once the kitchens are known. So is any range whose
//! guessed start was wrong, and a register with a bad row or an age group
//! outside the delivery's groups is read again whole, so that its error
//! is the one [`super::count_register`] gives.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use cocina_model::{AgeBins, AgeGroup};
use rayon::prelude::*;

use super::{
    Blocks, Columns, Fields, RangeSpan, RegisterError, RowError, Scanner, count_in_parts, priority,
    row_error, scan_range, sex_code, split, trim, unmark,
};
use crate::cube::{Counts, Plan};
use crate::dimension::{Dimension, Query};
use crate::universe::{PRIORITY_UNKNOWN, Record, Universe};

/// Age groups one range tells apart (the default bins are six and
/// "unknown").
const AGE_SLOTS: usize = 8;

/// Counts one range may hold: 16 MiB. A register sorted by kitchen, as
/// the agency's are, needs a fraction of it.
const RANGE_CELLS: usize = 1 << 22;

/// Ranges per core: more ranges than cores let the core that reads the
/// kitchens list join in when it is done.
const RANGES_PER_CORE: u64 = 4;

/// A register counted by kitchen key, waiting for the kitchens list.
pub struct RegisterByKey {
    path: PathBuf,
    query: Query,
    columns: Columns,
    body: u64,
    shape: Shape,
    ranges: Vec<KeyedRange>,
}

/// Which per-person dimensions a range's table tells apart.
#[derive(Debug, Clone, Copy)]
struct Shape {
    sexes: usize,
    ages: usize,
    priorities: usize,
}

impl Shape {
    fn of(columns: &Columns, by: &[Dimension]) -> Self {
        Self {
            sexes: if columns.sex.is_some() { 4 } else { 1 },
            ages: if by.contains(&Dimension::AgeGroup) {
                AGE_SLOTS
            } else {
                1
            },
            priorities: if by.contains(&Dimension::Priority) {
                usize::from(PRIORITY_UNKNOWN) + 1
            } else {
                1
            },
        }
    }

    fn per_key(self) -> usize {
        self.sexes * self.ages * self.priorities
    }

    fn cell(self, sex: usize, age: usize, priority: usize) -> usize {
        (sex * self.ages + age) * self.priorities + priority
    }
}

struct KeyedRange {
    end: u64,
    span: RangeSpan<Stop>,
    tally: Tally,
}

/// Why a range stopped before its end.
enum Stop {
    /// A bad row: the register is read again whole for its error.
    Row,
    /// The range's table is full.
    Full,
}

impl From<RowError> for Stop {
    fn from(_: RowError) -> Self {
        Self::Row
    }
}

/// How a row's age group was found: from its label, which must then be
/// one of the delivery's groups, or from the age by the default bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeenAge {
    Labelled(AgeGroup),
    Classified(AgeGroup),
}

/// One range's keys and counts.
struct Tally {
    shape: Shape,
    budget: usize,
    bins: AgeBins,
    index: HashMap<Box<[u8]>, u32, foldhash::fast::FixedState>,
    ages: Vec<SeenAge>,
    labels: Vec<(Vec<u8>, usize)>,
    cells: Vec<u32>,
    last_key: Vec<u8>,
    last: u32,
}

/// Starts counting the register at `path` by kitchen key, for `query`,
/// on every core.
///
/// # Errors
///
/// Fails when the file cannot be read or lacks a column the query needs.
pub fn count_by_key(path: &Path, query: &Query) -> Result<RegisterByKey, RegisterError> {
    let parts = rayon::current_num_threads().max(1) as u64 * RANGES_PER_CORE;
    count_by_key_in(path, query, parts, RANGE_CELLS)
}

/// [`count_by_key`] in `parts` ranges of at most `budget` cells each.
fn count_by_key_in(
    path: &Path,
    query: &Query,
    parts: u64,
    budget: usize,
) -> Result<RegisterByKey, RegisterError> {
    let (columns, body, bounds) = split(path, query.by(), parts)?;
    let shape = Shape::of(&columns, query.by());
    let ranges = bounds
        .par_iter()
        .enumerate()
        .map(|(i, &(start, end))| {
            let mut tally = Tally::new(shape, budget);
            let span = scan_range(path, (start, end, i > 0), columns.needed, |f, r| {
                tally.row(f, r, &columns)
            })?;
            Ok(KeyedRange { end, span, tally })
        })
        .collect::<io::Result<Vec<_>>>()
        .map_err(|source| RegisterError::Io {
            path: path.to_owned(),
            source,
        })?;
    Ok(RegisterByKey {
        path: path.to_owned(),
        query: query.clone(),
        columns,
        body,
        shape,
        ranges,
    })
}

impl Tally {
    fn new(shape: Shape, budget: usize) -> Self {
        Self {
            shape,
            budget,
            bins: AgeBins::default(),
            index: HashMap::default(),
            ages: Vec::new(),
            labels: Vec::new(),
            cells: Vec::new(),
            last_key: Vec::new(),
            last: 0,
        }
    }

    fn row(&mut self, fields: &Fields, reader: &Blocks<'_>, c: &Columns) -> Result<(), Stop> {
        let field = |i: usize| reader.field(fields, i);
        let key = unmark(field(c.kitchen));
        let local = if !self.cells.is_empty() && self.last_key == key {
            self.last
        } else {
            self.local_key(key)?
        };
        let sex = c.sex.map_or(0, |i| usize::from(sex_code(field(i)).min(3)));
        let age = if self.shape.ages > 1 {
            self.age_slot(c.age_group.map(field), c.age.map(field))?
        } else {
            0
        };
        let priority = if self.shape.priorities > 1 {
            usize::from(priority(c.pregnant.map(field), c.disability.map(field)))
        } else {
            0
        };
        let at = local as usize * self.shape.per_key() + self.shape.cell(sex, age, priority);
        self.cells[at] += 1;
        Ok(())
    }

    fn local_key(&mut self, key: &[u8]) -> Result<u32, Stop> {
        let local = if let Some(local) = self.index.get(key) {
            *local
        } else {
            let per_key = self.shape.per_key();
            if self.cells.len() + per_key > self.budget {
                return Err(Stop::Full);
            }
            let local = self.index.len() as u32;
            self.index.insert(key.into(), local);
            self.cells.resize(self.cells.len() + per_key, 0);
            local
        };
        self.last_key.clear();
        self.last_key.extend_from_slice(key);
        self.last = local;
        Ok(local)
    }

    /// The slot of a row's age group, found as the ordinary reader finds
    /// it: by the label when it reads as a group, else by the age.
    fn age_slot(&mut self, label: Option<&[u8]>, age: Option<&[u8]>) -> Result<usize, Stop> {
        let label = label.map(trim).unwrap_or_default();
        if let Some((_, slot)) = self.labels.iter().find(|(l, _)| l == label) {
            return Ok(*slot);
        }
        let parsed = std::str::from_utf8(label)
            .ok()
            .and_then(|t| t.parse::<AgeGroup>().ok());
        let Some(group) = parsed else {
            let age = age
                .and_then(|a| std::str::from_utf8(trim(a)).ok())
                .and_then(|a| a.parse::<u16>().ok());
            return self.slot(SeenAge::Classified(self.bins.classify(age)));
        };
        let slot = self.slot(SeenAge::Labelled(group))?;
        // A register repeats a few labels: each is read once.
        if self.labels.len() < 64 {
            self.labels.push((label.to_vec(), slot));
        }
        Ok(slot)
    }

    fn slot(&mut self, seen: SeenAge) -> Result<usize, Stop> {
        if let Some(slot) = self.ages.iter().position(|a| *a == seen) {
            return Ok(slot);
        }
        if self.ages.len() == self.shape.ages {
            return Err(Stop::Full);
        }
        self.ages.push(seen);
        Ok(self.ages.len() - 1)
    }

    /// The range's keys, by their local number.
    fn keys(&mut self) -> Vec<Box<[u8]>> {
        let mut keys = vec![Box::default(); self.index.len()];
        for (key, local) in self.index.drain() {
            keys[local as usize] = key;
        }
        keys
    }
}

impl RegisterByKey {
    /// The register's file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Maps the counted keys to `universe`'s kitchens and adds them up by
    /// `plan`, as people of delivery `delivery`; reads again what could
    /// not be counted by key.
    ///
    /// # Errors
    ///
    /// Fails as [`super::count_register`] does, with the same row numbers.
    pub fn resolve(
        self,
        universe: &Universe,
        plan: &Plan,
        delivery: u8,
    ) -> Result<Counts, RegisterError> {
        let parts = rayon::current_num_threads().max(1) as u64;
        if plan.query() != &self.query || self.has_problem(universe) {
            return count_in_parts(&self.path, universe, plan, delivery, parts);
        }
        let io = |source| RegisterError::Io {
            path: self.path.clone(),
            source,
        };
        let scanner = Scanner::new(universe, plan, self.columns, delivery);
        let mut counts = plan.empty();
        let mut folded = Vec::with_capacity(self.ranges.len());
        let (mut at, mut rows_before) = (self.body, 0u64);
        for range in self.ranges {
            if range.span.error.is_none() && range.span.start == at {
                at = range.span.stop;
                rows_before += range.span.rows;
                folded.push(range);
                continue;
            }
            // Full, or started inside a quoted field: read as usual.
            let result = scanner.scan(&self.path, at, range.end, false).map_err(io)?;
            if let Some((row, error)) = result.error {
                let row = rows_before + row + 2;
                return Err(row_error(&self.path, row, error, self.columns.needed));
            }
            for (a, b) in counts.cells_mut().iter_mut().zip(&result.cells) {
                *a += b;
            }
            at = result.stop;
            rows_before += result.rows;
        }
        let base = Record {
            delivery,
            ..Record::default()
        };
        let parts: Vec<Counts> = folded
            .into_par_iter()
            .map(|mut range| range.fold(self.shape, &scanner, base))
            .collect();
        for part in &parts {
            counts.merge(part);
        }
        Ok(counts)
    }

    /// Whether a range met a bad row or an age group the delivery lacks:
    /// the register is then read again whole, for the same error.
    fn has_problem(&self, universe: &Universe) -> bool {
        self.ranges.iter().any(|range| {
            matches!(range.span.error, Some((_, Stop::Row)))
                || range.tally.ages.iter().any(|age| {
                    matches!(age, SeenAge::Labelled(group) if universe.find_age(*group).is_none())
                })
        })
    }
}

impl KeyedRange {
    /// Adds the range's counts to `counts`, each key mapped to its kitchen
    /// and each age slot to the universe's age code.
    fn fold(&mut self, shape: Shape, scanner: &Scanner<'_>, base: Record) -> Counts {
        let mut counts = scanner.plan.empty();
        let mut misses = HashMap::new();
        let unknown_age = scanner.unknown_age;
        let ages: Vec<u8> = if shape.ages > 1 {
            let code = |group| scanner.universe.find_age(group).unwrap_or(unknown_age);
            self.tally
                .ages
                .iter()
                .map(|age| match age {
                    SeenAge::Labelled(g) | SeenAge::Classified(g) => code(*g),
                })
                .collect()
        } else {
            vec![unknown_age]
        };
        let keys = self.tally.keys();
        let mut rows = Vec::with_capacity(shape.per_key());
        for (local, key) in keys.iter().enumerate() {
            let cells = &self.tally.cells[local * shape.per_key()..][..shape.per_key()];
            let kitchen = scanner.kitchen_of(key, &mut misses);
            rows.clear();
            for sex in 0..shape.sexes {
                for (slot, age) in ages.iter().enumerate() {
                    for priority in 0..shape.priorities {
                        let n = cells[shape.cell(sex, slot, priority)];
                        if n == 0 {
                            continue;
                        }
                        let record = Record {
                            kitchen,
                            sex: if shape.sexes > 1 { sex as u8 } else { 3 },
                            age_group: *age,
                            priority: if shape.priorities > 1 {
                                priority as u8
                            } else {
                                PRIORITY_UNKNOWN
                            },
                            ..base
                        };
                        rows.push((record, u64::from(n)));
                    }
                }
            }
            scanner.plan.add_weighted(&mut counts, &rows);
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::GeoLevel;
    use crate::register::tests::{REGISTER, universe, write};

    fn queries() -> Vec<Query> {
        let shapes: [&[Dimension]; 5] = [
            &[Dimension::Geo(GeoLevel::Kitchen)],
            &[Dimension::Geo(GeoLevel::Kitchen), Dimension::Sex],
            &[Dimension::Geo(GeoLevel::Municipality), Dimension::AgeGroup],
            &[Dimension::Sex, Dimension::AgeGroup, Dimension::Priority],
            &[
                Dimension::Geo(GeoLevel::Kitchen),
                Dimension::Sex,
                Dimension::AgeGroup,
                Dimension::Priority,
            ],
        ];
        shapes
            .iter()
            .map(|by| Query::new(by.to_vec(), Vec::new()).unwrap())
            .collect()
    }

    /// Counting by key and resolving gives what the ordinary reader
    /// gives, counts or error, for every split and table size.
    fn assert_same_as_ordinary(text: &str, parts: u64, budget: usize) {
        let file = write(text);
        let universe = universe();
        for query in queries() {
            let plan = Plan::new(&universe, &query).unwrap();
            let ordinary = count_in_parts(file.path(), &universe, &plan, 0, 3);
            let by_key = count_by_key_in(file.path(), &query, parts, budget)
                .and_then(|r| r.resolve(&universe, &plan, 0));
            match (ordinary, by_key) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{parts} parts, {budget} cells, {query:?}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{a:?} but by key {b:?}"),
            }
        }
    }

    #[test]
    fn quoted_rows_count_alike_however_split_and_however_small_the_table() {
        for parts in 1..12 {
            for budget in [1, 8, 40, 1 << 20] {
                assert_same_as_ordinary(REGISTER, parts, budget);
            }
        }
    }

    #[test]
    fn a_bad_row_or_a_foreign_age_group_gives_the_ordinary_error() {
        let short = "clave_comedor,sexo,rango_edad\nK1,M,0-5\nK2,H,6-12\nK1\nK2,M,0-5\n";
        let foreign = "clave_comedor,sexo,rango_edad\nK1,M,0-5\nK2,H,3-4\nK1,M,0-5\n";
        for parts in 1..6 {
            assert_same_as_ordinary(short, parts, 1 << 20);
            assert_same_as_ordinary(foreign, parts, 1 << 20);
        }
    }

    fn row() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec!["K1", "K2", "k1", "\"K2\"", "'K1", "K9", ""]);
        let sex = prop::sample::select(vec!["M", "H", "X", "", "mujer", "?"]);
        let label = prop::sample::select(vec!["0-5", "6-12", "60+", "", "unknown", "x", "3-4"]);
        let age = prop::sample::select(vec!["", "4", "30", "81", "-1", "edad"]);
        let yes = prop::sample::select(vec!["sí", "no", "", "1"]);
        let name = prop::sample::select(vec!["Ana", "\"a,\nb\"", "\"\"\"x\"\"\"", ""]);
        (key, sex, age, label, name, yes.clone(), yes)
            .prop_map(|(k, s, a, l, n, p, d)| format!("{k},{s},{a},{l},{n},{p},{d}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_register_counts_alike_by_key(
            rows in prop::collection::vec(row(), 0..60),
            crlf in any::<bool>(),
            parts in 1u64..9,
            budget in prop::sample::select(vec![1usize, 30, 200, 1 << 20]),
        ) {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text =
                "clave_comedor,sexo,edad,rango_edad,nombre,embarazada_lactancia,discapacidad"
                    .to_owned();
            for row in rows {
                text.push_str(end);
                text.push_str(&row);
            }
            assert_same_as_ordinary(&text, parts, budget);
        }
    }
}
