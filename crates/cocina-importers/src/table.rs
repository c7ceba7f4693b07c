//! Sheets as read: sparse rows of cells at their real positions.
//!
//! A [`Table`] keeps only cells that hold something, each at the row and
//! column a spreadsheet program shows (1-based, counted from `A1` even when
//! the data starts further down or right). Memory grows with the cells a
//! sheet really has, never with the range it declares, and the
//! [`Limits`] bound it whatever the file holds.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use cocina_model::{CellRef, SourceRef};
use serde::Serialize;

use crate::issue::{ImportIssue, IssueKind};
use crate::value::{self, DateSystem, InvalidCell, Value};

/// Caps on what one file may make the importer hold in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Rows read per sheet; the rest of the sheet is skipped with a
    /// [`IssueKind::LimitReached`] issue.
    pub max_rows: u32,
    /// Columns read per sheet; a cell further right is skipped and the first
    /// one is reported.
    pub max_columns: u32,
    /// Non-empty cells kept per sheet.
    pub max_cells: usize,
    /// Bytes of a file read at all, and of any part of a zipped workbook
    /// (.xlsx, .ods) once decompressed, as its archive declares them.
    pub max_file_bytes: u64,
    /// Characters kept of a public text (a kitchen's name or place, a
    /// product); a longer one is cut with an
    /// [`IssueKind::TextTooLong`] issue.
    pub max_text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_rows: 2_000_000,
            max_columns: 512,
            max_cells: 20_000_000,
            max_file_bytes: 1 << 30,
            max_text_chars: cocina_model::PublicText::DEFAULT_MAX_CHARS,
        }
    }
}

/// The kind of file a table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceFormat {
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel 97–2003 workbook (`.xls`, BIFF8).
    Xls,
    /// `OpenDocument` spreadsheet (`.ods`).
    Ods,
    /// Delimited text (`.csv`).
    Csv,
}

impl SourceFormat {
    /// Returns whether error cells are told apart from text in this format.
    /// CSV has only text, and calamine reads `.ods` error cells as their
    /// displayed text, so there `#N/A` in a numeric field is an error.
    #[must_use]
    pub fn has_typed_errors(self) -> bool {
        matches!(self, SourceFormat::Xlsx | SourceFormat::Xls)
    }
}

/// One row of a table: its sheet row number and its non-empty cells.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    number: u32,
    /// `(column, value)`, 1-based columns in increasing order.
    cells: Vec<(u32, Value)>,
}

static EMPTY: Value = Value::Empty;

impl TableRow {
    /// Returns the row number as the spreadsheet shows it (1-based).
    #[must_use]
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Returns the value in 1-based `column`, [`Value::Empty`] if none.
    #[must_use]
    pub fn get(&self, column: u32) -> &Value {
        self.cells
            .binary_search_by_key(&column, |(c, _)| *c)
            .map_or(&EMPTY, |i| &self.cells[i].1)
    }

    /// Iterates over the non-empty cells as `(column, value)`.
    pub fn cells(&self) -> impl Iterator<Item = (u32, &Value)> {
        self.cells.iter().map(|(c, v)| (*c, v))
    }

    /// Returns whether every cell is blank.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|(_, v)| v.is_blank())
    }
}

/// One sheet (or CSV file) as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    file: Arc<str>,
    sheet: Option<Arc<str>>,
    format: SourceFormat,
    dates: DateSystem,
    rows: Vec<TableRow>,
}

impl Table {
    /// Returns the file name, relative to the delivery directory.
    #[must_use]
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// Returns the sheet name; `None` for CSV.
    #[must_use]
    pub fn sheet(&self) -> Option<&Arc<str>> {
        self.sheet.as_ref()
    }

    /// Returns the kind of file the table came from.
    #[must_use]
    pub fn format(&self) -> SourceFormat {
        self.format
    }

    /// Returns the date system of the workbook.
    #[must_use]
    pub fn date_system(&self) -> DateSystem {
        self.dates
    }

    /// Returns the rows that hold at least one cell, in sheet order.
    #[must_use]
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// Returns whether the table has no cells at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Returns row `number` (1-based) if it holds any cell.
    #[must_use]
    pub fn row(&self, number: u32) -> Option<&TableRow> {
        self.rows
            .binary_search_by_key(&number, TableRow::number)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// Returns the value at `cell`, [`Value::Empty`] if none.
    #[must_use]
    pub fn value(&self, cell: CellRef) -> &Value {
        self.row(cell.row)
            .map_or(&EMPTY, |row| row.get(cell.column))
    }

    /// Returns the place of `cell` in the delivery.
    #[must_use]
    pub fn source(&self, cell: CellRef) -> SourceRef {
        SourceRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: Some(cell),
            row: Some(cell.row),
        }
    }

    /// Returns the place of the whole table.
    #[must_use]
    pub fn whole(&self) -> SourceRef {
        SourceRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: None,
            row: None,
        }
    }

    /// Reads `cell` as trimmed text; numbers are written as in General
    /// format. `Ok(None)` for a blank cell.
    ///
    /// # Errors
    ///
    /// Fails on an error cell (or, in `.ods` and CSV, error-looking text).
    pub fn text(&self, cell: CellRef) -> Result<Option<String>, InvalidCell> {
        value::read_text(self.value(cell), !self.format.has_typed_errors())
    }

    /// Reads `cell` as a number; text may use a decimal comma.
    ///
    /// # Errors
    ///
    /// Fails on an error cell (or, in `.ods` and CSV, error-looking text) and
    /// on a value that is not a number.
    pub fn number(&self, cell: CellRef) -> Result<Option<f64>, InvalidCell> {
        value::read_number(self.value(cell), !self.format.has_typed_errors())
    }

    /// Reads `cell` as a date: a date cell, a serial number converted with
    /// the workbook's date system, or `dd/mm/yyyy` or ISO text.
    ///
    /// # Errors
    ///
    /// Fails on an error cell and on a value that is not a date.
    pub fn date(&self, cell: CellRef) -> Result<Option<NaiveDate>, InvalidCell> {
        let text_errors = !self.format.has_typed_errors();
        value::read_date(self.value(cell), self.dates, text_errors)
    }

    /// Reads `cell` as a time of day.
    ///
    /// # Errors
    ///
    /// Fails on an error cell and on a value that is not a time.
    pub fn time(&self, cell: CellRef) -> Result<Option<NaiveTime>, InvalidCell> {
        value::read_time(self.value(cell))
    }
}

impl Table {
    /// Builds a table of some of a sheet's rows, for reading a sheet a part
    /// at a time.
    pub(crate) fn part(&self, rows: Vec<TableRow>) -> Table {
        Table {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            format: self.format,
            dates: self.dates,
            rows,
        }
    }

    /// Returns a copy with `regions` filled as [`TableBuilder::finish`] fills
    /// them, within `limits`.
    pub(crate) fn with_merged(&self, regions: &[Region], limits: &Limits) -> Table {
        let mut table = self.part(self.rows.clone());
        let mut budget = limits.max_cells;
        for region in regions {
            let fill = fill_merged(&mut table, *region, limits.max_columns, budget);
            budget = budget.saturating_sub(fill.added);
        }
        table
    }
}

/// A merged region: its top-left and bottom-right cells as 0-based
/// `(row, column)`, as calamine gives them.
pub(crate) type Region = ((u32, u32), (u32, u32));

/// Whether a reader should go on after a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Continue,
    Stop,
}

/// Collects cells of one sheet within the limits, then builds the table.
pub(crate) struct TableBuilder<'a> {
    file: Arc<str>,
    sheet: Option<Arc<str>>,
    format: SourceFormat,
    dates: DateSystem,
    limits: &'a Limits,
    /// Rows built as cells arrive in reading order, the usual case.
    rows: Vec<TableRow>,
    /// Cells that arrived out of order, `(row, column, value)`, 1-based;
    /// merged into `rows` at the end.
    stragglers: Vec<(u32, u32, Value)>,
    /// Cells kept so far.
    kept: usize,
    issues: Vec<ImportIssue>,
    reported_columns: bool,
}

impl<'a> TableBuilder<'a> {
    pub(crate) fn new(
        file: Arc<str>,
        sheet: Option<Arc<str>>,
        format: SourceFormat,
        limits: &'a Limits,
    ) -> Self {
        Self {
            file,
            sheet,
            format,
            dates: DateSystem::default(),
            limits,
            rows: Vec::new(),
            stragglers: Vec::new(),
            kept: 0,
            issues: Vec::new(),
            reported_columns: false,
        }
    }

    pub(crate) fn with_dates(mut self, dates: DateSystem) -> Self {
        self.dates = dates;
        self
    }

    /// Adds the cell at 0-based `(row, column)`, as readers give them.
    pub(crate) fn push(&mut self, row: u32, column: u32, value: Value) -> Flow {
        if matches!(value, Value::Empty) {
            return Flow::Continue;
        }
        let cell = CellRef::from_zero_based(row, column);
        if cell.row > self.limits.max_rows {
            self.limit_reached(cell, "rows", u64::from(self.limits.max_rows));
            return Flow::Stop;
        }
        if cell.column > self.limits.max_columns {
            if !self.reported_columns {
                self.reported_columns = true;
                self.limit_reached(cell, "columns", u64::from(self.limits.max_columns));
            }
            return Flow::Continue;
        }
        if self.kept >= self.limits.max_cells {
            self.limit_reached(cell, "cells", self.limits.max_cells as u64);
            return Flow::Stop;
        }
        self.kept += 1;
        self.append(cell, value);
        Flow::Continue
    }

    /// Returns how many rows hold cells so far (drained ones not counted).
    pub(crate) fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Returns the number of the row being filled, if any.
    pub(crate) fn last_row(&self) -> Option<u32> {
        self.rows.last().map(TableRow::number)
    }

    /// Returns whether some cells came out of reading order.
    pub(crate) fn has_stragglers(&self) -> bool {
        !self.stragglers.is_empty()
    }

    /// Returns a table of the rows so far, without merged regions, leaving
    /// the builder as it is.
    pub(crate) fn snapshot(&self) -> Table {
        Table {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            format: self.format,
            dates: self.dates,
            rows: self.rows.clone(),
        }
    }

    /// Takes the rows read so far but the last `keep`, which may still be
    /// filling. The cells taken still count against the limits.
    pub(crate) fn drain_rows(&mut self, keep: usize) -> Vec<TableRow> {
        let take = self.rows.len().saturating_sub(keep);
        self.rows.drain(..take).collect()
    }

    /// Appends a cell to the last row, or starts a row, when it comes after
    /// every cell so far; otherwise sets it aside for sorting.
    fn append(&mut self, cell: CellRef, value: Value) {
        match self.rows.last_mut() {
            Some(last) if last.number == cell.row => match last.cells.last() {
                Some((column, _)) if *column >= cell.column => {
                    self.stragglers.push((cell.row, cell.column, value));
                }
                _ => last.cells.push((cell.column, value)),
            },
            Some(last) if last.number > cell.row => {
                self.stragglers.push((cell.row, cell.column, value));
            }
            _ => {
                // Rows of a sheet are about as wide as the one before.
                let width = self.rows.last().map_or(1, |r| r.cells.len());
                let mut cells = Vec::with_capacity(width);
                cells.push((cell.column, value));
                self.rows.push(TableRow {
                    number: cell.row,
                    cells,
                });
            }
        }
    }

    fn limit_reached(&mut self, cell: CellRef, limit: &str, max: u64) {
        tracing::warn!(file = %self.file, sheet = ?self.sheet, %cell, limit, "limit reached");
        self.issue(
            cell,
            IssueKind::LimitReached {
                limit: limit.to_owned(),
                max,
            },
        );
    }

    /// Records a problem at `cell` of this sheet.
    pub(crate) fn issue(&mut self, cell: CellRef, kind: IssueKind) {
        let source = SourceRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: Some(cell),
            row: Some(cell.row),
        };
        self.issues.push(ImportIssue { source, kind });
    }

    /// Records a problem with the whole sheet.
    pub(crate) fn sheet_issue(&mut self, kind: IssueKind) {
        let source = SourceRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: None,
            row: None,
        };
        self.issues.push(ImportIssue { source, kind });
    }

    /// Builds the table, copying the value of each merged region's top-left
    /// cell into the region's other cells (0-based inclusive corners).
    pub(crate) fn finish(mut self, merged: &[Region]) -> (Table, Vec<ImportIssue>) {
        let rows = std::mem::take(&mut self.rows);
        let stragglers = std::mem::take(&mut self.stragglers);
        let rows = if stragglers.is_empty() {
            rows
        } else {
            sort_rows(rows, stragglers)
        };
        let mut table = Table {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            format: self.format,
            dates: self.dates,
            rows,
        };
        // Filled cells count against the cell limit: a region covering the
        // whole sheet must not multiply the sheet's size. Cells visited count
        // against the same limit, so that thousands of copies of one large
        // region cannot keep the importer busy for minutes.
        let mut budget = self.limits.max_cells.saturating_sub(self.kept);
        let mut work = self.limits.max_cells;
        let mut regions = merged.to_vec();
        regions.sort_unstable();
        regions.dedup();
        for (start, end) in regions {
            let fill = fill_merged(&mut table, (start, end), self.limits.max_columns, budget);
            budget = budget.saturating_sub(fill.added);
            work = work.saturating_sub(fill.visited);
            if budget == 0 || work == 0 {
                let cell = CellRef::from_zero_based(start.0, start.1);
                self.limit_reached(cell, "cells", self.limits.max_cells as u64);
                break;
            }
        }
        (table, self.issues)
    }
}

/// Merges cells that arrived out of order into the rows. Cells are sorted
/// by position; of two values for one cell the one read last is kept.
fn sort_rows(rows: Vec<TableRow>, stragglers: Vec<(u32, u32, Value)>) -> Vec<TableRow> {
    let mut cells: Vec<(u32, u32, Value)> = rows
        .into_iter()
        .flat_map(|row| {
            let number = row.number;
            row.cells
                .into_iter()
                .map(move |(column, value)| (number, column, value))
        })
        .chain(stragglers)
        .collect();
    // A stable sort keeps reading order among values for the same cell.
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let mut rows: Vec<TableRow> = Vec::new();
    for (row, column, value) in cells {
        match rows.last_mut() {
            Some(last) if last.number == row => match last.cells.last_mut() {
                Some(cell) if cell.0 == column => cell.1 = value,
                _ => last.cells.push((column, value)),
            },
            _ => rows.push(TableRow {
                number: row,
                cells: vec![(column, value)],
            }),
        }
    }
    rows
}

/// Copies a merged region's top-left value into its other cells, in the rows
/// the table has: a region over blank rows adds nothing, so a region that
/// claims the whole sheet costs no more than the sheet's real rows.
/// Returns how many cells were added, at most `budget`, and how many were
/// looked at.
fn fill_merged(table: &mut Table, region: Region, max_columns: u32, budget: usize) -> Fill {
    let top_left = CellRef::from_zero_based(region.0.0, region.0.1);
    let bottom_right = CellRef::from_zero_based(region.1.0, region.1.1);
    let value = table.value(top_left).clone();
    let mut fill = Fill::default();
    if value.is_blank() || top_left.column > max_columns {
        return fill;
    }
    let last_column = bottom_right.column.min(max_columns);
    let first = table.rows.partition_point(|r| r.number < top_left.row);
    for row in table.rows[first..]
        .iter_mut()
        .take_while(|r| r.number <= bottom_right.row)
    {
        for column in top_left.column..=last_column {
            fill.visited += 1;
            match row.cells.binary_search_by_key(&column, |(c, _)| *c) {
                Ok(i) if row.cells[i].1.is_blank() => row.cells[i].1 = value.clone(),
                Ok(_) => {}
                Err(_) if fill.added == budget => return fill,
                Err(i) => {
                    row.cells.insert(i, (column, value.clone()));
                    fill.added += 1;
                }
            }
        }
    }
    fill
}

/// What filling one merged region did.
#[derive(Debug, Default)]
struct Fill {
    added: usize,
    visited: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(limits: &Limits) -> TableBuilder<'_> {
        TableBuilder::new(
            "f.xlsx".into(),
            Some("s".into()),
            SourceFormat::Xlsx,
            limits,
        )
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_owned())
    }

    #[test]
    fn cells_keep_their_sheet_positions() {
        let limits = Limits::default();
        let mut b = builder(&limits);
        b.push(4, 4, Value::Number(150.0));
        b.push(3, 1, text("folio"));
        let (table, issues) = b.finish(&[]);
        assert!(issues.is_empty());
        assert_eq!(table.rows().len(), 2);
        let e6 = CellRef::parse_a1("E5").unwrap();
        assert_eq!(table.number(e6), Ok(Some(150.0)));
        assert_eq!(table.rows()[0].number(), 4);
    }

    #[test]
    fn cells_beyond_the_column_limit_are_reported_once() {
        let limits = Limits {
            max_columns: 4,
            ..Limits::default()
        };
        let mut b = builder(&limits);
        b.push(0, 0, text("a"));
        assert_eq!(b.push(1_048_575, 16_383, text(".")), Flow::Continue);
        b.push(1_048_575, 16_000, text("."));
        let (table, issues) = b.finish(&[]);
        assert_eq!(table.rows().len(), 1);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].source.cell.unwrap().to_string(), "XFD1048576");
    }

    #[test]
    fn rows_beyond_the_row_limit_stop_the_sheet() {
        let limits = Limits {
            max_rows: 2,
            ..Limits::default()
        };
        let mut b = builder(&limits);
        assert_eq!(b.push(1, 0, text("a")), Flow::Continue);
        assert_eq!(b.push(2, 0, text("b")), Flow::Stop);
        let (_, issues) = b.finish(&[]);
        assert!(matches!(issues[0].kind, IssueKind::LimitReached { .. }));
    }

    #[test]
    fn merged_fills_count_against_the_cell_limit() {
        let limits = Limits {
            max_cells: 3,
            ..Limits::default()
        };
        let mut b = builder(&limits);
        b.push(0, 0, text("Istmo"));
        b.push(1, 1, text("OAX-IS-001"));
        let (table, issues) = b.finish(&[((0, 0), (1, 511))]);
        let cells: usize = table.rows().iter().map(|r| r.cells().count()).sum();
        assert_eq!(cells, 3);
        assert!(
            matches!(&issues[0].kind, IssueKind::LimitReached { limit, .. } if limit == "cells")
        );
    }

    /// An 18 kB workbook with thousands of copies of one large merged
    /// region, each slightly different, used to keep the importer busy for
    /// minutes: cells looked at now count against the cell limit.
    #[test]
    fn many_overlapping_merged_regions_stop_at_the_cell_limit() {
        let limits = Limits {
            max_cells: 100_000,
            ..Limits::default()
        };
        let mut b = builder(&limits);
        for row in 0..200 {
            b.push(row, 0, text("x"));
        }
        let regions: Vec<Region> = (0..5_000).map(|i| ((0, 0), (199 - i % 100, 100))).collect();
        let (_, issues) = b.finish(&regions);
        let limited = issues
            .iter()
            .any(|i| matches!(&i.kind, IssueKind::LimitReached { limit, .. } if limit == "cells"));
        assert!(limited, "{issues:?}");
    }

    #[test]
    fn cells_out_of_order_are_sorted_and_the_last_value_kept() {
        let limits = Limits::default();
        let mut b = builder(&limits);
        b.push(2, 0, text("c"));
        b.push(0, 1, text("b"));
        b.push(0, 0, text("a"));
        b.push(0, 1, text("b2"));
        let (table, _) = b.finish(&[]);
        let rows: Vec<Vec<u32>> = table
            .rows()
            .iter()
            .map(|r| r.cells().map(|(c, _)| c).collect())
            .collect();
        assert_eq!(rows, [vec![1, 2], vec![1]]);
        assert_eq!(
            table.text(CellRef::parse_a1("B1").unwrap()),
            Ok(Some("b2".into()))
        );
    }

    #[test]
    fn merged_regions_fill_existing_rows_only() {
        let limits = Limits::default();
        let mut b = builder(&limits);
        b.push(1, 0, text("Valles Centrales"));
        b.push(1, 1, text("OAX-VC-001"));
        b.push(2, 1, text("OAX-VC-002"));
        let (table, _) = b.finish(&[((1, 0), (1_048_575, 0))]);
        assert_eq!(table.rows().len(), 2);
        let a3 = CellRef::parse_a1("A3").unwrap();
        assert_eq!(table.text(a3), Ok(Some("Valles Centrales".into())));
    }
}
