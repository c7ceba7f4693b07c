//! Streaming a canonical register CSV (`padron.csv`, see
//! `docs/delivery-format.md`) straight into counts, without building a
//! record per person.
//!
//! The file is split into one byte range per core. Each range is read in
//! blocks through a small buffer, so memory stays a few MiB whatever the
//! file's size, and only the columns a count needs are looked at: the
//! kitchen key, sex, age group, age and the two priority columns. The rest
//! of a row is skipped with a vectorised search for the next quote or line
//! end, which is what makes this faster than a general CSV reader that
//! decodes every field.
//!
//! A range after the first starts at the first line end past its nominal
//! start, on the guess that the line end is not inside a quoted field. The
//! range before it reads on past its own end to finish its last row and
//! says where the next row really starts; in the rare file where the guess
//! was wrong (a quoted line break right there), that range is read again
//! from the right place, so the counts are exact either way.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use cocina_model::{AgeGroup, Sex};
use rayon::prelude::*;

use crate::cube::{Counts, Plan};
use crate::dimension::Dimension;
use crate::universe::{PRIORITY_UNKNOWN, Record, Universe};

mod by_key;

pub use by_key::{RegisterByKey, count_by_key};

/// Bytes read at a time by each range.
const BLOCK: usize = 1 << 22;
/// The longest row accepted; a longer one is surely not a register row.
const MAX_ROW: usize = 1 << 24;

/// Why a register could not be counted. Messages are in Spanish, then
/// English, and never quote a cell that may hold personal data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// The file could not be read.
    #[error("no se pudo leer {} / could not read {}: {source}", path.display(), path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A column the count needs is missing from the header.
    #[error(
        "{}: falta la columna `{column}` / {}: column `{column}` is missing",
        path.display(), path.display()
    )]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The canonical column name.
        column: &'static str,
    },
    /// A row ends before a column the count needs.
    #[error(
        "{}, fila {row}: tiene {found} columnas, se necesitan {needed} / {}, row {row}: has \
         {found} columns, {needed} are needed",
        path.display(), path.display()
    )]
    ShortRow {
        /// The file.
        path: PathBuf,
        /// The row, counting the header as row 1.
        row: u64,
        /// Columns found.
        found: usize,
        /// Columns needed.
        needed: usize,
    },
    /// An age group outside the bins being counted.
    #[error(
        "{}, fila {row}, columna rango_edad: el grupo {group} no es uno de los grupos por \
         defecto; importe la entrega completa / {}, row {row}, column rango_edad: group {group} \
         is not one of the default groups; import the whole delivery",
        path.display(), path.display()
    )]
    ForeignAgeGroup {
        /// The file.
        path: PathBuf,
        /// The row, counting the header as row 1.
        row: u64,
        /// The group (a label such as `6-14`, never personal).
        group: AgeGroup,
    },
    /// A row longer than any register row can be, such as an unclosed
    /// quote.
    #[error(
        "{}, fila {row}: la fila pasa de {max} bytes (¿una comilla sin cerrar?) / {}, row {row}: \
         the row is longer than {max} bytes (an unclosed quote?)",
        path.display(), path.display(), max = MAX_ROW
    )]
    RowTooLong {
        /// The file.
        path: PathBuf,
        /// The row, counting the header as row 1.
        row: u64,
    },
}

/// One row of a canonical kitchens list, as counting needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenRow {
    /// Key, municipality, locality and status.
    pub entry: crate::KitchenEntry,
    /// The municipality's name when the list gave no key, to be resolved.
    pub municipality_name: Option<String>,
}

/// Reads the columns counting needs from a canonical kitchens list
/// (`comedores.csv`: `clave`, `cve_mun`, `municipio`, `cve_loc`,
/// `estatus`), far lighter than importing it whole. A row whose key is
/// invalid is skipped, as the importer reports it.
pub fn read_kitchens(path: &Path) -> Result<Vec<KitchenRow>, RegisterError> {
    let io = |source| RegisterError::Io {
        path: path.to_owned(),
        source,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| io(e.into()))?;
    let header = reader.byte_headers().map_err(|e| io(e.into()))?.clone();
    let find = |name: &str| {
        header.iter().position(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let key = find("clave").ok_or_else(|| RegisterError::MissingColumn {
        path: path.to_owned(),
        column: "clave",
    })?;
    let (municipality, name, locality, status) = (
        find("cve_mun"),
        find("municipio"),
        find("cve_loc"),
        find("estatus"),
    );
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut statuses = StatusWords::default();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| io(e.into()))?
    {
        let text = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .and_then(|v| std::str::from_utf8(unmark(v)).ok())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let Some(Ok(kitchen)) = text(Some(key)).map(cocina_model::KitchenKey::new) else {
            continue;
        };
        let municipality =
            text(municipality).and_then(|m| cocina_model::MunicipalityKey::new(m).ok());
        rows.push(KitchenRow {
            entry: crate::KitchenEntry {
                key: kitchen,
                municipality,
                locality: text(locality).and_then(|l| cocina_model::LocalityKey::new(l).ok()),
                status: text(status)
                    .and_then(|word| statuses.status(word))
                    .unwrap_or(cocina_model::KitchenStatus::Operating),
            },
            municipality_name: text(name)
                .filter(|_| municipality.is_none())
                .map(str::to_owned),
        });
    }
    Ok(rows)
}

/// The status words a kitchens list used, each read once: a list of
/// thousands of kitchens repeats the same few words, and reading a word
/// (lower case, accents folded) allocates.
#[derive(Default)]
struct StatusWords {
    seen: Vec<(String, Option<cocina_model::KitchenStatus>)>,
}

impl StatusWords {
    /// The status a word names, as [`KitchenStatus::from_spanish`] says.
    ///
    /// [`KitchenStatus::from_spanish`]: cocina_model::KitchenStatus::from_spanish
    fn status(&mut self, word: &str) -> Option<cocina_model::KitchenStatus> {
        if let Some((_, status)) = self.seen.iter().find(|(w, _)| w == word) {
            return *status;
        }
        let status = cocina_model::KitchenStatus::from_spanish(word);
        // A list with endless distinct words is read word by word.
        if self.seen.len() < 64 {
            self.seen.push((word.to_owned(), status));
        }
        status
    }
}

/// Where the needed columns are.
#[derive(Debug, Clone, Copy)]
struct Columns {
    kitchen: usize,
    sex: Option<usize>,
    age_group: Option<usize>,
    age: Option<usize>,
    pregnant: Option<usize>,
    disability: Option<usize>,
    /// One past the last needed column.
    needed: usize,
}

/// What one range counted, and where it stopped.
struct RangeResult {
    start: u64,
    stop: u64,
    rows: u64,
    cells: Vec<u64>,
    error: Option<(u64, RowError)>,
}

/// A row problem, before the row's number in the file is known.
#[derive(Debug, Clone, Copy)]
enum RowError {
    Short(usize),
    ForeignAge(AgeGroup),
    TooLong,
}

/// Counts the register at `path` by `plan`, as people of delivery
/// `delivery`, on every core.
pub fn count_register(
    path: &Path,
    universe: &Universe,
    plan: &Plan,
    delivery: u8,
) -> Result<Counts, RegisterError> {
    let parts = rayon::current_num_threads().max(1) as u64;
    count_in_parts(path, universe, plan, delivery, parts)
}

fn count_in_parts(
    path: &Path,
    universe: &Universe,
    plan: &Plan,
    delivery: u8,
    parts: u64,
) -> Result<Counts, RegisterError> {
    let io = |source| RegisterError::Io {
        path: path.to_owned(),
        source,
    };
    let (columns, body, bounds) = split(path, plan.query().by(), parts)?;
    let scanner = Scanner::new(universe, plan, columns, delivery);
    let results: Vec<io::Result<RangeResult>> = bounds
        .par_iter()
        .enumerate()
        .map(|(i, (start, end))| scanner.scan(path, *start, *end, i > 0))
        .collect();
    let mut counts = plan.empty();
    let (mut at, mut rows_before) = (body, 0u64);
    for (result, (_, end)) in results.into_iter().zip(&bounds) {
        let mut result = result.map_err(io)?;
        if result.start != at {
            // The guessed row start was inside a quoted field.
            result = scanner.scan(path, at, *end, false).map_err(io)?;
        }
        if let Some((row, error)) = result.error {
            return Err(row_error(
                path,
                rows_before + row + 2,
                error,
                columns.needed,
            ));
        }
        for (a, b) in counts.cells_mut().iter_mut().zip(&result.cells) {
            *a += b;
        }
        at = result.stop;
        rows_before += result.rows;
    }
    Ok(counts)
}

/// A byte range of a register's body: start and end.
type Bounds = (u64, u64);

/// Reads the header of the register at `path`: the columns `by` needs,
/// where the body starts, and the body cut into `parts` byte ranges.
fn split(
    path: &Path,
    by: &[Dimension],
    parts: u64,
) -> Result<(Columns, u64, Vec<Bounds>), RegisterError> {
    let io = |source| RegisterError::Io {
        path: path.to_owned(),
        source,
    };
    let (columns, body) = read_header(path, by).map_err(io)?;
    let columns = columns.map_err(|column| RegisterError::MissingColumn {
        path: path.to_owned(),
        column,
    })?;
    let len = std::fs::metadata(path).map_err(io)?.len();
    let span = (len - body).div_ceil(parts).max(1);
    let bounds = (0..parts)
        .map(|i| (body + i * span, (body + (i + 1) * span).min(len)))
        .filter(|(a, b)| a < b)
        .collect();
    Ok((columns, body, bounds))
}

fn row_error(path: &Path, row: u64, error: RowError, needed: usize) -> RegisterError {
    let path = path.to_owned();
    match error {
        RowError::Short(found) => RegisterError::ShortRow {
            path,
            row,
            found,
            needed,
        },
        RowError::ForeignAge(group) => RegisterError::ForeignAgeGroup { path, row, group },
        RowError::TooLong => RegisterError::RowTooLong { path, row },
    }
}

/// Reads the header row; returns the columns `by` needs (or the missing
/// one) and where the body starts. Columns of dimensions not asked for are
/// left unread, so rows are split no further than needed.
fn read_header(path: &Path, by: &[Dimension]) -> io::Result<(Result<Columns, &'static str>, u64)> {
    let mut file = File::open(path)?;
    let mut head = vec![0; 1 << 16];
    let n = read_full(&mut file, &mut head)?;
    head.truncate(n);
    let end = memchr::memchr(b'\n', &head).map_or(head.len(), |i| i + 1);
    let line = String::from_utf8_lossy(&head[..end]);
    let line = line.trim_start_matches('\u{feff}');
    let names: Vec<String> = line
        .trim_end()
        .split(',')
        .map(|name| name.trim().trim_matches('"').to_lowercase())
        .collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    let wants = |dim: Dimension, name: &str| by.contains(&dim).then(|| find(name)).flatten();
    let columns = (|| {
        let kitchen = find("clave_comedor").ok_or("clave_comedor")?;
        let sex = find("sexo").ok_or("sexo")?;
        let mut columns = Columns {
            kitchen,
            sex: by.contains(&Dimension::Sex).then_some(sex),
            age_group: wants(Dimension::AgeGroup, "rango_edad"),
            age: wants(Dimension::AgeGroup, "edad"),
            pregnant: wants(Dimension::Priority, "embarazada_lactancia"),
            disability: wants(Dimension::Priority, "discapacidad"),
            needed: 0,
        };
        columns.needed = [
            Some(kitchen),
            columns.sex,
            columns.age_group,
            columns.age,
            columns.pregnant,
            columns.disability,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
            + 1;
        Ok(columns)
    })();
    Ok((columns, end as u64))
}

fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// What every range shares: the plan and the dictionaries as bytes.
struct Scanner<'a> {
    universe: &'a Universe,
    plan: &'a Plan,
    columns: Columns,
    delivery: u8,
    /// Keys borrowed from the universe: no copy of 175,000 keys to make
    /// and free.
    kitchens: HashMap<&'a [u8], u32, foldhash::fast::FixedState>,
    ages: Vec<(Vec<u8>, u8)>,
    unknown_age: u8,
}

impl<'a> Scanner<'a> {
    fn new(universe: &'a Universe, plan: &'a Plan, columns: Columns, delivery: u8) -> Self {
        let kitchens = universe
            .kitchen_keys()
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str().as_bytes(), i as u32))
            .collect();
        let ages = universe
            .age_groups()
            .iter()
            .enumerate()
            .map(|(i, g)| (g.to_string().into_bytes(), i as u8))
            .collect();
        Self {
            universe,
            plan,
            columns,
            delivery,
            kitchens,
            ages,
            unknown_age: universe.find_age(AgeGroup::Unknown).unwrap_or(0),
        }
    }

    /// Counts the rows that start in `start..end`; with `guess`, the range
    /// starts at the first line end at or past `start - 1`.
    fn scan(&self, path: &Path, start: u64, end: u64, guess: bool) -> io::Result<RangeResult> {
        let mut state = RangeState {
            cells: vec![0; self.plan.sizes().iter().product()],
            misses: HashMap::new(),
            last_key: Vec::new(),
            last_code: self.universe.unknown_kitchen(),
        };
        let span = scan_range(path, (start, end, guess), self.columns.needed, |f, r| {
            self.count_row(f, r, &mut state)
        })?;
        Ok(RangeResult {
            start: span.start,
            stop: span.stop,
            rows: span.rows,
            cells: state.cells,
            error: span.error,
        })
    }

    fn count_row(
        &self,
        fields: &Fields,
        reader: &Blocks<'_>,
        state: &mut RangeState,
    ) -> Result<(), RowError> {
        let field = |i: usize| reader.field(fields, i);
        let c = self.columns;
        let key = unmark(field(c.kitchen));
        // Registers list a kitchen's people together: most rows repeat the
        // previous row's key, which a comparison settles without hashing.
        let kitchen = if state.last_key == key {
            state.last_code
        } else {
            let code = self.kitchen_of(key, &mut state.misses);
            state.last_key.clear();
            state.last_key.extend_from_slice(key);
            state.last_code = code;
            code
        };
        let record = Record {
            kitchen,
            sex: c.sex.map_or(3, |i| sex_code(field(i))),
            age_group: self.age_code(c.age_group.map(field), c.age.map(field))?,
            priority: priority(c.pregnant.map(field), c.disability.map(field)),
            delivery: self.delivery,
        };
        self.plan.add_one(&mut state.cells, record);
        Ok(())
    }

    /// The kitchen of a key as the register writes it.
    fn kitchen_of(&self, key: &[u8], misses: &mut HashMap<Vec<u8>, u32>) -> u32 {
        match self.kitchens.get(key) {
            Some(code) => *code,
            None => self.slow_kitchen(key, misses),
        }
    }

    fn slow_kitchen(&self, key: &[u8], misses: &mut HashMap<Vec<u8>, u32>) -> u32 {
        if let Some(code) = misses.get(key) {
            return *code;
        }
        let code = std::str::from_utf8(key).map_or(self.universe.unknown_kitchen(), |text| {
            self.universe.kitchen_code_of_text(text)
        });
        misses.insert(key.to_vec(), code);
        code
    }

    fn age_code(&self, label: Option<&[u8]>, age: Option<&[u8]>) -> Result<u8, RowError> {
        let label = label.map(trim).unwrap_or_default();
        if let Some((_, code)) = self.ages.iter().find(|(l, _)| l == label) {
            return Ok(*code);
        }
        let parsed = std::str::from_utf8(label)
            .ok()
            .and_then(|t| t.parse::<AgeGroup>().ok());
        if let Some(group) = parsed {
            return self
                .universe
                .find_age(group)
                .ok_or(RowError::ForeignAge(group));
        }
        let age = age
            .and_then(|a| std::str::from_utf8(trim(a)).ok())
            .and_then(|a| a.parse::<u16>().ok());
        let group = self.universe.bins().classify(age);
        Ok(self.universe.find_age(group).unwrap_or(self.unknown_age))
    }
}

/// Where a range's rows started and stopped, how many it read and the
/// first problem (by its row number within the range).
struct RangeSpan<E> {
    start: u64,
    stop: u64,
    rows: u64,
    error: Option<(u64, E)>,
}

/// Reads the rows that start in `start..end` (the first line end at or
/// past `start - 1` with `guess`), splitting each as far as `needed`
/// columns and handing it to `row`; stops at the first row problem.
fn scan_range<E: From<RowError>>(
    path: &Path,
    (start, end, guess): (u64, u64, bool),
    needed: usize,
    mut row: impl FnMut(&Fields, &Blocks<'_>) -> Result<(), E>,
) -> io::Result<RangeSpan<E>> {
    let mut file = File::open(path)?;
    let mut reader = Blocks::new(&mut file, if guess { start - 1 } else { start })?;
    if guess {
        reader.skip_line()?;
    }
    let mut span = RangeSpan {
        start: reader.position(),
        stop: 0,
        rows: 0,
        error: None,
    };
    let mut fields = Fields::default();
    while reader.position() < end {
        let done = match reader.row(needed, &mut fields)? {
            None => break,
            Some(parsed) => parsed.map_err(E::from).and_then(|()| row(&fields, &reader)),
        };
        if let Err(error) = done {
            span.error = Some((span.rows, error));
            break;
        }
        span.rows += 1;
    }
    span.stop = reader.position();
    Ok(span)
}

struct RangeState {
    cells: Vec<u64>,
    misses: HashMap<Vec<u8>, u32>,
    last_key: Vec<u8>,
    last_code: u32,
}

/// Drops the mark the canonical writer puts before a cell that a
/// spreadsheet would run as a formula.
fn unmark(value: &[u8]) -> &[u8] {
    match value {
        [b'\'', next, ..] if b"=+-@\t\r'".contains(next) => &value[1..],
        _ => value,
    }
}

fn trim(value: &[u8]) -> &[u8] {
    value.trim_ascii()
}

fn sex_code(value: &[u8]) -> u8 {
    match trim(value) {
        b"M" => 0,
        b"H" => 1,
        b"X" => 2,
        b"" => 3,
        other => {
            let sex = std::str::from_utf8(other).ok().and_then(Sex::from_spanish);
            Universe::sex_code(sex)
        }
    }
}

fn priority(pregnant: Option<&[u8]>, disability: Option<&[u8]>) -> u8 {
    let (Some(pregnant), Some(disability)) = (pregnant, disability) else {
        return PRIORITY_UNKNOWN;
    };
    u8::from(yes(pregnant)) + 2 * u8::from(yes(disability))
}

fn yes(value: &[u8]) -> bool {
    matches!(
        trim(value).first().map(u8::to_ascii_lowercase),
        Some(b's' | b'y' | b'1' | b'x')
    )
}

/// Byte ranges of the needed fields of one row, reused from row to row.
#[derive(Default)]
struct Fields {
    spans: Vec<(usize, usize)>,
    /// Set when a needed field was quoted with doubled quotes inside.
    unescaped: Vec<(usize, Vec<u8>)>,
}

/// A range of the file read block by block.
struct Blocks<'f> {
    file: &'f mut File,
    buf: Vec<u8>,
    /// File offset of `buf[0]`.
    base: u64,
    /// Next unread byte in `buf`.
    pos: usize,
    eof: bool,
}

impl<'f> Blocks<'f> {
    fn new(file: &'f mut File, start: u64) -> io::Result<Self> {
        file.seek(SeekFrom::Start(start))?;
        Ok(Self {
            file,
            buf: Vec::with_capacity(BLOCK),
            base: start,
            pos: 0,
            eof: false,
        })
    }

    fn position(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Drops consumed bytes and reads another block; `false` at the end.
    fn refill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.buf.drain(..self.pos);
        self.base += self.pos as u64;
        self.pos = 0;
        let have = self.buf.len();
        let want = (have + BLOCK).max(2 * have);
        self.buf.resize(want, 0);
        let n = read_full(self.file, &mut self.buf[have..])?;
        self.buf.truncate(have + n);
        self.eof = n == 0;
        Ok(n > 0)
    }

    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            if let Some(i) = memchr::memchr(b'\n', &self.buf[self.pos..]) {
                self.pos += i + 1;
                return Ok(());
            }
            self.pos = self.buf.len();
            if !self.refill()? {
                return Ok(());
            }
        }
    }

    /// Reads the next row into `fields`, keeping the spans of its first
    /// `needed` fields. `None` at the end of the file.
    fn row(
        &mut self,
        needed: usize,
        fields: &mut Fields,
    ) -> io::Result<Option<Result<(), RowError>>> {
        loop {
            let rest = &self.buf[self.pos..];
            let blank = rest
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
            if blank > 0 && blank < rest.len() {
                self.pos += blank;
                continue;
            }
            match parse_row(&self.buf[self.pos..], needed, self.eof, fields) {
                Parsed::Row(len) => {
                    for span in &mut fields.spans {
                        span.0 += self.pos;
                        span.1 += self.pos;
                    }
                    self.pos += len;
                    return Ok(Some(Ok(())));
                }
                Parsed::Short(found, len) => {
                    self.pos += len;
                    return Ok(Some(Err(RowError::Short(found))));
                }
                Parsed::End => return Ok(None),
                Parsed::More => {
                    if self.buf.len() - self.pos > MAX_ROW {
                        return Ok(Some(Err(RowError::TooLong)));
                    }
                    if !self.refill()? && self.buf.len() == self.pos {
                        return Ok(None);
                    }
                }
            }
        }
    }

    fn field<'b>(&'b self, fields: &'b Fields, i: usize) -> &'b [u8] {
        if let Some((_, value)) = fields.unescaped.iter().find(|(at, _)| *at == i) {
            return value;
        }
        let (a, b) = fields.spans[i];
        &self.buf[a..b]
    }
}

enum Parsed {
    /// A whole row: its length with the line end.
    Row(usize),
    /// A row with fewer fields than needed, and its length.
    Short(usize, usize),
    /// No bytes left.
    End,
    /// The row runs past the buffer.
    More,
}

/// Parses one row at the start of `bytes` into `fields`.
fn parse_row(bytes: &[u8], needed: usize, eof: bool, fields: &mut Fields) -> Parsed {
    if bytes.is_empty() || bytes.iter().all(|b| matches!(b, b'\n' | b'\r')) {
        return if eof { Parsed::End } else { Parsed::More };
    }
    fields.spans.clear();
    fields.unescaped.clear();
    if let Some(parsed) = plain_row(bytes, needed, fields) {
        return parsed;
    }
    fields.spans.clear();
    let mut at = 0;
    for i in 0..needed {
        let Some((span, next, escaped)) = field_at(bytes, at, eof) else {
            return Parsed::More;
        };
        fields.spans.push(span);
        if let Some(value) = escaped {
            fields.unescaped.push((i, value));
        }
        if bytes.get(next) == Some(&b',') {
            at = next + 1;
        } else if i + 1 == needed {
            at = next;
        } else {
            return match line_end(bytes, next, eof) {
                Parsed::Row(len) => Parsed::Short(i + 1, len),
                other => other,
            };
        }
    }
    line_end(bytes, at, eof)
}

/// The common case: a row without quotes, whose end one vectorised search
/// finds, split at its commas by another.
/// `None` when the row has a quote or runs past the buffer.
fn plain_row(bytes: &[u8], needed: usize, fields: &mut Fields) -> Option<Parsed> {
    let end = memchr::memchr2(b'"', b'\n', bytes)?;
    if bytes[end] == b'"' {
        return None;
    }
    let row = &bytes[..end];
    let row = row.strip_suffix(b"\r").unwrap_or(row);
    let mut start = 0;
    for comma in memchr::memchr_iter(b',', row) {
        fields.spans.push((start, comma));
        if fields.spans.len() == needed {
            return Some(Parsed::Row(end + 1));
        }
        start = comma + 1;
    }
    fields.spans.push((start, row.len()));
    if fields.spans.len() == needed {
        Some(Parsed::Row(end + 1))
    } else {
        Some(Parsed::Short(fields.spans.len(), end + 1))
    }
}

/// A field's span without quotes, where it ends, and its unescaped value
/// when it held doubled quotes.
type FieldEnd = ((usize, usize), usize, Option<Vec<u8>>);

/// One field starting at `at`: its span without quotes or a trailing
/// carriage return, where it ends, and its unescaped value when it held
/// doubled quotes. `None` when the buffer ends first.
fn field_at(bytes: &[u8], at: usize, eof: bool) -> Option<FieldEnd> {
    if bytes.get(at) != Some(&b'"') {
        let end = match memchr::memchr2(b',', b'\n', &bytes[at..]) {
            Some(i) => at + i,
            None if eof => bytes.len(),
            None => return None,
        };
        let value_end = if end > at && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        return Some(((at, value_end), end, None));
    }
    let mut close = at + 1;
    let mut doubled = false;
    loop {
        close += memchr::memchr(b'"', &bytes[close..])?;
        if bytes.get(close + 1) == Some(&b'"') {
            doubled = true;
            close += 2;
            continue;
        }
        if close + 1 >= bytes.len() && !eof {
            return None;
        }
        break;
    }
    let span = (at + 1, close);
    let escaped = doubled.then(|| {
        let inner = &bytes[span.0..span.1];
        let mut out = Vec::with_capacity(inner.len());
        let mut i = 0;
        while i < inner.len() {
            out.push(inner[i]);
            i += if inner[i] == b'"' { 2 } else { 1 };
        }
        out
    });
    let mut next = close + 1;
    if bytes.get(next) == Some(&b'\r') {
        next += 1;
    }
    Some((span, next, escaped))
}

/// Finds the end of the row from `at`, skipping quoted sections; the row's
/// length with its line end.
fn line_end(bytes: &[u8], mut at: usize, eof: bool) -> Parsed {
    loop {
        match memchr::memchr2(b'"', b'\n', &bytes[at.min(bytes.len())..]) {
            Some(i) if bytes[at + i] == b'\n' => {
                return Parsed::Row(at + i + 1);
            }
            Some(i) => {
                // Inside quotes until the closing one; a doubled quote is
                // two quotes in a row, so the search simply goes on.
                let open = at + i + 1;
                match memchr::memchr(b'"', &bytes[open..]) {
                    Some(j) => at = open + j + 1,
                    None if eof => return Parsed::Row(bytes.len()),
                    None => return Parsed::More,
                }
            }
            None if eof => return Parsed::Row(bytes.len()),
            None => return Parsed::More,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dimension::Query;
    use proptest::strategy::Strategy as _;

    pub(super) const REGISTER: &str =
        "\u{feff}clave_comedor,sexo,edad,rango_edad,nombre,embarazada_lactancia,discapacidad\r
K1,M,7,6-12,\"Pérez, Ana\",no,no\r
K1,H,,0-5,\"una \"\"línea\"\"
partida, con coma\",no,sí
K2,M,70,,Luz,sí,no

\"K2\",X,30,18-59,\"
\",no,no
'K9,,,,\"a
b
c\",no,no
K1,M,15,13-17,Eva,no,no";

    pub(super) fn kitchen(key: &str) -> cocina_model::Kitchen {
        cocina_model::Kitchen {
            key: cocina_model::KitchenKey::new(key).unwrap(),
            name: String::new(),
            state: cocina_model::StateKey::oaxaca(),
            municipality: None,
            municipality_name: None,
            locality: None,
            locality_name: None,
            region_name: None,
            address: None,
            location: None,
            status: cocina_model::KitchenStatus::Operating,
            opened: None,
            closed: None,
            capacity: None,
            contacts: Vec::new(),
            origin: cocina_model::RowOrigin {
                file: "comedores.csv".into(),
                sheet: None,
                row: 2,
                columns: std::sync::Arc::default(),
            },
        }
    }

    pub(super) fn universe() -> Universe {
        let kitchens: Vec<cocina_model::Kitchen> =
            ["K1", "K2"].iter().map(|k| kitchen(k)).collect();
        let refs: Vec<_> = kitchens.iter().collect();
        Universe::new(&refs, None)
    }

    fn plan(universe: &Universe) -> Plan {
        let by = vec![
            Dimension::Geo(crate::GeoLevel::Kitchen),
            Dimension::Sex,
            Dimension::AgeGroup,
            Dimension::Priority,
        ];
        Plan::new(universe, &Query::new(by, Vec::new()).unwrap()).unwrap()
    }

    pub(super) fn write(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn quoted_line_breaks_give_the_same_counts_however_the_file_is_split() {
        let file = write(REGISTER);
        let universe = universe();
        let plan = plan(&universe);
        let whole = count_in_parts(file.path(), &universe, &plan, 0, 1).unwrap();
        assert_eq!(whole.total(), 6);
        for parts in 2..16 {
            let split = count_in_parts(file.path(), &universe, &plan, 0, parts).unwrap();
            assert_eq!(split, whole, "{parts} parts");
        }
        let unknown_age = universe.find_age(AgeGroup::Unknown).unwrap() as usize;
        let sixty = universe.find_age("60+".parse().unwrap()).unwrap() as usize;
        // K1, female, 6-12, no priority group.
        assert_eq!(whole.get(&[0, 0, 1, 0]), 1);
        // K1, male, 0-5, disability.
        assert_eq!(whole.get(&[0, 1, 0, 2]), 1);
        // K2, female, age 70 with no group: 60+, pregnant.
        assert_eq!(whole.get(&[1, 0, sixty, 1]), 1);
        // A key the kitchens list lacks, no sex, no age.
        assert_eq!(whole.get(&[2, 3, unknown_age, 0]), 1);
    }

    #[test]
    fn a_short_row_is_named_by_its_row_number() {
        let file = write("clave_comedor,sexo,rango_edad\nK1,M,0-5\nK1\n");
        let universe = universe();
        let err = count_register(file.path(), &universe, &plan(&universe), 0).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("fila 3") && text.contains("row 3"), "{text}");
    }

    #[test]
    fn a_missing_column_is_named() {
        let file = write("clave_comedor,edad\nK1,4\n");
        let universe = universe();
        let err = count_register(file.path(), &universe, &plan(&universe), 0).unwrap_err();
        assert!(err.to_string().contains("`sexo`"), "{err}");
    }

    proptest::proptest! {
        /// Remembering words gives what reading each word gives, whatever
        /// words come and in whatever order (more than the 64 remembered).
        #[test]
        fn status_words_read_as_from_spanish(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "En operación", "Cerrada", "suspendida", " ACTIVA ", "baja", "Operating",
                    ])
                    .prop_map(str::to_owned),
                    "[a-zA-Zóé ]{0,12}",
                ],
                0..200,
            )
        ) {
            let mut statuses = StatusWords::default();
            for word in &words {
                let expected = cocina_model::KitchenStatus::from_spanish(word);
                proptest::prop_assert_eq!(statuses.status(word), expected);
            }
        }
    }
}
