//! Counting encoded records into a dense table.
//!
//! A [`Plan`] turns a [`Query`] into lookup tables so that the flat cell
//! index of a record is a sum of five table entries: one indexed by the
//! kitchen (which folds in every geographic dimension and the
//! marginalization degree) and one per category byte. The counting loop is
//! then the same whatever the query, with no branches and no hashing, and
//! runs in parallel over chunks whose partial tables are added.

use rayon::prelude::*;

use crate::dimension::{Dimension, Query, QueryError};
use crate::universe::{PRIORITY_LABELS, Record, SEX_LABELS, Universe};

/// Records per parallel task: big enough to amortise a task, small enough
/// to balance two to a few dozen cores.
const CHUNK: usize = 1 << 16;

// The counting loop reads a record's third 16-bit half as sex and age group.
const _: () =
    assert!(std::mem::offset_of!(Record, sex) == 4 && std::mem::offset_of!(Record, age_group) == 5);

/// How to index records for one query.
#[derive(Debug, Clone)]
pub struct Plan {
    query: Query,
    sizes: Vec<usize>,
    /// Offset of each kitchen index, geography included.
    kitchen: Vec<u32>,
    sex: [u32; 256],
    age: [u32; 256],
    priority: [u32; 256],
    delivery: [u32; 256],
    status: [u32; 3],
    /// Sex and age group offsets summed, indexed by the two bytes as they
    /// lie side by side in a [`Record`], read as one native-endian `u16`: one
    /// load and one lookup instead of two each in the counting loop. Every pair of bytes has
    /// its entry (a stray sex code counts as unknown, as in `sex`), so the
    /// loop's index needs neither a bounds check nor a clamp; only the few
    /// entries real codes use are ever brought into the cache.
    sex_age: Box<[u32; 1 << 16]>,
    /// Whether priority or delivery is a dimension; when not, the loop
    /// skips their lookups.
    extra: bool,
}

/// Counts per cell of a query's table (leaves only, no margins), in
/// row-major order of the query's dimensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    sizes: Vec<usize>,
    cells: Vec<u64>,
}

impl Plan {
    /// Prepares `query` over `universe`. Region, district and
    /// marginalization need a universe built with the reference.
    pub fn new(universe: &Universe, query: &Query) -> Result<Self, QueryError> {
        if let Some(dim) = query.needing_reference()
            && !universe.has_reference()
        {
            return Err(QueryError::NeedsReference(dim));
        }
        let sizes: Vec<usize> = query.by().iter().map(|d| axis_size(universe, *d)).collect();
        let cells: u128 = sizes.iter().map(|s| *s as u128).product();
        if cells > crate::dimension::MAX_CELLS {
            return Err(QueryError::TooLarge(cells));
        }
        let mut plan = Self {
            query: query.clone(),
            kitchen: vec![0; universe.unknown_kitchen() as usize + 1],
            sex: [0; 256],
            age: [0; 256],
            priority: [0; 256],
            delivery: [0; 256],
            status: [0; 3],
            sex_age: vec![0; 1 << 16]
                .into_boxed_slice()
                .try_into()
                .expect("the length is the array's"),
            extra: query
                .by()
                .iter()
                .any(|d| matches!(d, Dimension::Priority | Dimension::Delivery)),
            sizes,
        };
        let mut stride = 1u32;
        let sizes = plan.sizes.clone();
        for (dim, size) in query.by().iter().zip(&sizes).rev() {
            plan.add_dimension(universe, *dim, stride, *size);
            stride *= *size as u32;
        }
        for (i, slot) in plan.sex_age.iter_mut().enumerate() {
            let [sex, age] = (i as u16).to_ne_bytes();
            *slot = plan.sex[usize::from(sex)] + plan.age[usize::from(age)];
        }
        Ok(plan)
    }

    fn add_dimension(&mut self, universe: &Universe, dim: Dimension, stride: u32, size: usize) {
        // A code past the dictionary counts as the dimension's last value,
        // "unknown", so that a stray byte can never index out of the table.
        let fill = |table: &mut [u32; 256]| {
            for (code, slot) in table.iter_mut().enumerate() {
                *slot = code.min(size - 1) as u32 * stride;
            }
        };
        match dim {
            Dimension::Geo(level) => {
                self.add_kitchen_codes(&universe.level(level).of_kitchen, stride);
            }
            Dimension::Marginalization => {
                let codes = &universe
                    .marginalization()
                    .expect("checked above")
                    .of_kitchen;
                self.add_kitchen_codes(codes, stride);
            }
            Dimension::Sex => fill(&mut self.sex),
            Dimension::AgeGroup => fill(&mut self.age),
            Dimension::Priority => fill(&mut self.priority),
            Dimension::Delivery => fill(&mut self.delivery),
            Dimension::Status => {
                for (code, slot) in self.status.iter_mut().enumerate() {
                    *slot = code as u32 * stride;
                }
            }
        }
    }

    fn add_kitchen_codes(&mut self, codes: &[u32], stride: u32) {
        for (offset, code) in self.kitchen.iter_mut().zip(codes) {
            *offset += code * stride;
        }
    }

    /// The query planned.
    #[must_use]
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Number of values of each dimension, in query order.
    #[must_use]
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// An empty table of this plan's shape.
    #[must_use]
    pub fn empty(&self) -> Counts {
        Counts {
            sizes: self.sizes.clone(),
            cells: vec![0; self.sizes.iter().product()],
        }
    }

    #[inline]
    fn index(&self, record: Record) -> usize {
        self.index_with::<true>(&record)
    }

    /// The cell of a record; without `EXTRA`, priority and delivery are
    /// taken to be no dimension (checked by the caller).
    #[inline]
    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "by reference the loop loads the kitchen and the sex and age \
                  half straight from memory; by value it loads the record and shifts"
    )]
    fn index_with<const EXTRA: bool>(&self, record: &Record) -> usize {
        let kitchen = (record.kitchen as usize).min(self.kitchen.len() - 1);
        let halves: [u16; 4] = bytemuck::cast(*record);
        let sex_age = usize::from(halves[2]);
        let mut index = self.kitchen[kitchen] + self.sex_age[sex_age];
        if EXTRA {
            index += self.priority[usize::from(record.priority)]
                + self.delivery[usize::from(record.delivery)];
        }
        index as usize
    }

    /// Counts records on every core; the result does not depend on their
    /// order or on how they are split.
    #[must_use]
    pub fn count(&self, records: &[Record]) -> Counts {
        let mut cells = vec![0; self.cells_len()];
        // A task's 32-bit tallies cannot overflow within one block.
        for block in records.chunks(TALLY_BLOCK) {
            let tally = block
                .par_chunks(CHUNK)
                .fold(
                    || Tally::new(self.cells_len()),
                    |mut tally, chunk| {
                        self.count_into(chunk, &mut tally);
                        tally
                    },
                )
                .reduce_with(|mut a, b| {
                    a.merge(&b);
                    a
                });
            if let Some(tally) = tally {
                tally.add_to(&mut cells);
            }
        }
        Counts {
            sizes: self.sizes.clone(),
            cells,
        }
    }

    /// Counts records on the calling thread only.
    #[must_use]
    pub fn count_sequential(&self, records: &[Record]) -> Counts {
        let mut cells = vec![0; self.cells_len()];
        for block in records.chunks(TALLY_BLOCK) {
            let mut tally = Tally::new(self.cells_len());
            self.count_into(block, &mut tally);
            tally.add_to(&mut cells);
        }
        Counts {
            sizes: self.sizes.clone(),
            cells,
        }
    }

    fn count_into(&self, records: &[Record], tally: &mut Tally) {
        if self.extra {
            self.count_with::<true>(records, tally);
        } else {
            self.count_with::<false>(records, tally);
        }
    }

    fn count_with<const EXTRA: bool>(&self, records: &[Record], tally: &mut Tally) {
        // Four places in the chunk are read side by side: four streams of
        // loads in flight hide the memory's latency, which one stream
        // waits on (ten million records fit in no cache).
        let quarter = records.len() / 4;
        let (a, rest) = records.split_at(quarter);
        let (b, rest) = rest.split_at(quarter);
        let (c, d) = rest.split_at(quarter);
        for (((a, b), c), d) in a.iter().zip(b).zip(c).zip(d) {
            tally.first[self.index_with::<EXTRA>(a)] += 1;
            tally.second[self.index_with::<EXTRA>(b)] += 1;
            tally.first[self.index_with::<EXTRA>(c)] += 1;
            tally.second[self.index_with::<EXTRA>(d)] += 1;
        }
        for record in &d[quarter..] {
            tally.first[self.index_with::<EXTRA>(record)] += 1;
        }
    }

    /// Adds rows of a count table, each with its count.
    pub fn add_weighted<'a>(
        &self,
        counts: &mut Counts,
        rows: impl IntoIterator<Item = &'a (Record, u64)>,
    ) {
        for (record, n) in rows {
            counts.cells[self.index(*record)] += n;
        }
    }

    /// Adds one record's cell index and count directly, for readers that
    /// stream.
    pub(crate) fn add_one(&self, cells: &mut [u64], record: Record) {
        cells[self.index(record)] += 1;
    }

    /// Counts kitchens by the plan's dimensions; `kitchens` gives, per
    /// delivery code, the kitchen indices listed in it.
    #[must_use]
    pub fn count_kitchens(&self, universe: &Universe, kitchens: &[Vec<u32>]) -> Counts {
        let statuses = universe.kitchen_statuses();
        let mut counts = self.empty();
        for (delivery, listed) in kitchens.iter().enumerate() {
            for &kitchen in listed {
                let status = statuses
                    .get(kitchen as usize)
                    .map_or(0, |s| status_code(*s));
                let record = Record {
                    kitchen,
                    delivery: delivery.min(255) as u8,
                    ..Record::default()
                };
                counts.cells[self.index(record) + self.status[status] as usize] += 1;
            }
        }
        counts
    }

    fn cells_len(&self) -> usize {
        self.sizes.iter().product()
    }
}

/// Code of a kitchen status: operating, suspended, closed.
fn status_code(status: cocina_model::KitchenStatus) -> usize {
    cocina_model::KitchenStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0)
}

/// Two interleaved tallies: consecutive records often fall in the same
/// cell (registers are sorted by kitchen), and alternating between two
/// tables breaks the dependency between their increments, which would
/// otherwise wait on each other through one memory location. Counters are
/// 32-bit, half the cache of 64-bit ones; [`TALLY_BLOCK`] keeps them from
/// overflowing.
struct Tally {
    first: Vec<u32>,
    second: Vec<u32>,
}

/// Records counted into one set of 32-bit tallies before they are added to
/// the 64-bit result: no counter can then pass `u32::MAX`.
const TALLY_BLOCK: usize = u32::MAX as usize;

impl Tally {
    fn new(len: usize) -> Self {
        Self {
            first: vec![0; len],
            second: vec![0; len],
        }
    }

    fn merge(&mut self, other: &Tally) {
        for (a, b) in self.first.iter_mut().zip(&other.first) {
            *a += b;
        }
        for (a, b) in self.second.iter_mut().zip(&other.second) {
            *a += b;
        }
    }

    fn add_to(&self, cells: &mut [u64]) {
        for ((cell, a), b) in cells.iter_mut().zip(&self.first).zip(&self.second) {
            *cell += u64::from(*a) + u64::from(*b);
        }
    }
}

fn add_cells(into: &mut [u64], more: &[u64]) {
    for (a, b) in into.iter_mut().zip(more) {
        *a += b;
    }
}

/// Number of values of a dimension in `universe`.
pub(crate) fn axis_size(universe: &Universe, dim: Dimension) -> usize {
    match dim {
        Dimension::Geo(level) => universe.level(level).labels.len(),
        Dimension::Marginalization => universe.marginalization().map_or(1, |m| m.labels.len()),
        Dimension::Sex => SEX_LABELS.len(),
        Dimension::AgeGroup => universe.age_groups().len(),
        Dimension::Priority => PRIORITY_LABELS.len(),
        Dimension::Delivery => universe.deliveries().len().max(1),
        Dimension::Status => 3,
    }
}

impl Counts {
    /// Adds `other` cell by cell. Addition is associative and commutative,
    /// so partial tables combine in any order to the same result.
    ///
    /// # Panics
    ///
    /// When the tables come from different plans (a programming error).
    pub fn merge(&mut self, other: &Counts) {
        assert_eq!(self.sizes, other.sizes, "merging tables of different plans");
        add_cells(&mut self.cells, &other.cells);
    }

    /// Number of values of each dimension.
    #[must_use]
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The cells, row-major.
    #[must_use]
    pub fn cells(&self) -> &[u64] {
        &self.cells
    }

    pub(crate) fn cells_mut(&mut self) -> &mut [u64] {
        &mut self.cells
    }

    /// The count at one cell, given one code per dimension.
    #[must_use]
    pub fn get(&self, codes: &[usize]) -> u64 {
        let mut index = 0;
        for (code, size) in codes.iter().zip(&self.sizes) {
            index = index * size + code;
        }
        self.cells.get(index).copied().unwrap_or(0)
    }

    /// The sum of every cell.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.cells.iter().sum()
    }
}
