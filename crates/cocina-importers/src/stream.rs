//! Importing a workbook a sheet at a time, and a register's rows as they
//! are read, so that a million-person register is never held whole.
//!
//! Each sheet's first [`HEADER_SCAN_ROWS`] rows are buffered to find its
//! header. A beneficiary register is then read a block of rows at a time,
//! each person handed to a [`RecordSink`] at once; any other table (kitchens
//! lists, count tables, unrecognised sheets) is buffered whole, as those are
//! small, and read as [`import_table`](crate::import_table) reads it.
//!
//! A sheet's merged regions come after its cells, when its rows have been
//! read already. Regions that change nothing the register was read from
//! (a title merged above the header, say) are checked exactly; if one could
//! have filled a cell of the register, what the sheet gave is rolled back
//! from the sink and the sheet is read again whole, with its regions filled,
//! so that the result is always the same as reading the sheet whole.

use std::io;
use std::sync::Arc;

use cocina_model::{Beneficiary, CellRef};

use crate::header::{HEADER_SCAN_ROWS, Header, find_header};
use crate::import::{report_header, sort_issues};
use crate::issue::ImportIssue;
use crate::layout::{Columns, TableKind};
use crate::read::{CellSink, SheetOutcome, Workbook, note_end};
use crate::table::{Flow, Limits, Region, SourceFormat, Table, TableBuilder, TableRow};
use crate::{ImportOptions, ImportedFile, beneficiaries, import};

/// Rows of a register read into records at a time.
const BLOCK_ROWS: usize = 4096;

/// Where beneficiaries go as they are read: a `Vec` collects them, the
/// canonical writer writes them to `padron.csv` (see
/// [`CanonicalWriter`](crate::CanonicalWriter)).
///
/// A sheet whose records must be read again is rolled back to the mark
/// taken before it, so a sink must be able to forget what it took since a
/// mark.
pub trait RecordSink {
    /// Takes one beneficiary, in sheet order.
    ///
    /// # Errors
    ///
    /// Fails when the record cannot be kept (a full disk, say); the import
    /// stops.
    fn beneficiary(&mut self, record: Beneficiary) -> io::Result<()>;

    /// Returns a mark to come back to with [`RecordSink::rollback`].
    ///
    /// # Errors
    ///
    /// Fails when the sink's position cannot be known.
    fn checkpoint(&mut self) -> io::Result<u64>;

    /// Forgets every record taken since `mark`.
    ///
    /// # Errors
    ///
    /// Fails when the sink cannot go back.
    fn rollback(&mut self, mark: u64) -> io::Result<()>;
}

impl RecordSink for Vec<Beneficiary> {
    fn beneficiary(&mut self, record: Beneficiary) -> io::Result<()> {
        self.push(record);
        Ok(())
    }

    fn checkpoint(&mut self) -> io::Result<u64> {
        Ok(self.len() as u64)
    }

    fn rollback(&mut self, mark: u64) -> io::Result<()> {
        self.truncate(mark as usize);
        Ok(())
    }
}

/// Why a workbook was not imported by streaming.
#[derive(Debug)]
pub(crate) enum StreamFailure {
    /// The streaming reader does not understand the workbook; nothing was
    /// left in the sink, and the caller reads it another way.
    Unsupported,
    /// The sink failed.
    Sink(io::Error),
}

/// Imports every sheet of `workbook`: beneficiaries into `sink`, everything
/// else into `out`, with the read issues of all sheets first and then each
/// table's issues, as [`import_file`](crate::import_file) orders them.
pub(crate) fn import_workbook<R>(
    file: &Arc<str>,
    workbook: &mut Workbook<R>,
    options: &ImportOptions,
    sink: &mut dyn RecordSink,
    out: &mut ImportedFile,
) -> Result<(), StreamFailure>
where
    R: io::Read + io::Seek + Send,
{
    let start = sink.checkpoint().map_err(StreamFailure::Sink)?;
    let mut read_issues = Vec::new();
    let mut imported = ImportedFile::default();
    let names: Vec<Arc<str>> = workbook.sheet_names().map(Arc::from).collect();
    for (index, name) in names.into_iter().enumerate() {
        let sheet = SheetSource {
            file,
            name,
            index,
            dates: workbook.dates(),
        };
        match import_sheet(&sheet, workbook, options, sink) {
            Ok(done) => {
                read_issues.extend(done.read_issues);
                imported.append(done.imported);
            }
            Err(failure) => {
                if matches!(failure, StreamFailure::Unsupported) {
                    sink.rollback(start).map_err(StreamFailure::Sink)?;
                }
                return Err(failure);
            }
        }
    }
    out.issues.extend(read_issues);
    out.append(imported);
    Ok(())
}

/// Which sheet is being read.
struct SheetSource<'f> {
    file: &'f Arc<str>,
    name: Arc<str>,
    index: usize,
    dates: crate::DateSystem,
}

/// What one sheet gave besides the beneficiaries sent to the sink.
struct SheetDone {
    read_issues: Vec<ImportIssue>,
    imported: ImportedFile,
}

fn import_sheet<R>(
    sheet: &SheetSource<'_>,
    workbook: &mut Workbook<R>,
    options: &ImportOptions,
    sink: &mut dyn RecordSink,
) -> Result<SheetDone, StreamFailure>
where
    R: io::Read + io::Seek + Send,
{
    let limits = &options.limits;
    let builder = TableBuilder::new(
        sheet.file.clone(),
        Some(sheet.name.clone()),
        SourceFormat::Xlsx,
        limits,
    )
    .with_dates(sheet.dates);
    let mut importer = SheetImporter {
        builder,
        phase: Phase::Head,
        options,
        sink,
        failed: None,
        again: false,
    };
    let outcome = workbook
        .stream(sheet.index, limits, &mut importer)
        .map_err(|_| StreamFailure::Unsupported)?;
    if let Some(error) = importer.failed.take() {
        return Err(StreamFailure::Sink(error));
    }
    if let Some(done) = importer.finish(&outcome)? {
        return Ok(done);
    }
    tracing::debug!(file = %sheet.file, sheet = %sheet.name, "register read again whole");
    let read = workbook
        .read_table(sheet.index, sheet.file, limits)
        .map_err(|_| StreamFailure::Unsupported)?;
    let mut whole = ImportedFile::default();
    for table in &read.tables {
        import::import_table(table, options, &mut whole);
    }
    send(sink, &mut whole.beneficiaries)?;
    Ok(SheetDone {
        read_issues: read.issues,
        imported: whole,
    })
}

fn send(sink: &mut dyn RecordSink, records: &mut Vec<Beneficiary>) -> Result<(), StreamFailure> {
    for record in records.drain(..) {
        sink.beneficiary(record).map_err(StreamFailure::Sink)?;
    }
    Ok(())
}

/// How far a sheet's reading has got.
enum Phase {
    /// Buffering the first rows, where the header is.
    Head,
    /// Not a register: buffered whole.
    Whole,
    /// A register, read a block at a time.
    Register(Box<Register>),
}

/// A register being read.
struct Register {
    /// The first rows, as read (no merged regions).
    head: Table,
    /// The header as found in `head`.
    found: Header,
    /// The header, with blank header cells found further down.
    header: Header,
    columns: Columns,
    /// Columns between the header's first and last named ones whose header
    /// cell is blank and below which no data has been seen yet.
    unnamed: Vec<u32>,
    /// The table's issues, sorted and reported at the end.
    issues: Vec<ImportIssue>,
    /// The sink's mark before the sheet.
    mark: u64,
}

struct SheetImporter<'a> {
    builder: TableBuilder<'a>,
    phase: Phase,
    options: &'a ImportOptions,
    sink: &'a mut dyn RecordSink,
    failed: Option<io::Error>,
    /// The register must be read again whole (cells out of order).
    again: bool,
}

impl CellSink for SheetImporter<'_> {
    fn cell(&mut self, row: u32, column: u32, value: crate::Value) -> Flow {
        let starts_row = self.builder.last_row().is_some_and(|last| row + 1 > last);
        if starts_row {
            match self.phase {
                Phase::Head if self.builder.row_count() >= HEADER_SCAN_ROWS => self.decide(),
                Phase::Register(_) if self.builder.row_count() >= BLOCK_ROWS => self.read_block(),
                _ => {}
            }
            if self.failed.is_some() || self.again {
                return Flow::Stop;
            }
        }
        self.builder.push(row, column, value)
    }
}

impl SheetImporter<'_> {
    /// Looks at the first rows: a register is read from here on a block at
    /// a time; anything else is buffered.
    fn decide(&mut self) {
        self.phase = Phase::Whole;
        if self.builder.has_stragglers() {
            return;
        }
        let head = self.builder.snapshot();
        let Some(header) = find_header(&head) else {
            return;
        };
        if TableKind::classify(&header) != Some(TableKind::Beneficiaries) {
            return;
        }
        let mark = match self.sink.checkpoint() {
            Ok(mark) => mark,
            Err(error) => {
                self.failed = Some(error);
                return;
            }
        };
        let columns = Columns::new(TableKind::Beneficiaries, &header);
        let unnamed = unnamed_columns(&head, &header);
        self.builder.drain_rows(0);
        let mut register = Box::new(Register {
            head,
            found: header.clone(),
            header,
            columns,
            unnamed,
            issues: Vec::new(),
            mark,
        });
        let head = register.head.part(register.head.rows().to_vec());
        self.read_rows(&mut register, &head);
        self.phase = Phase::Register(register);
    }

    /// Reads the complete rows buffered so far.
    fn read_block(&mut self) {
        if self.builder.has_stragglers() {
            self.again = true;
            return;
        }
        let rows = self.builder.drain_rows(0);
        let Phase::Register(mut register) = std::mem::replace(&mut self.phase, Phase::Whole) else {
            return;
        };
        let block = register.head.part(rows);
        self.read_rows(&mut register, &block);
        self.phase = Phase::Register(register);
    }

    fn read_rows(&mut self, register: &mut Register, rows: &Table) {
        read_rows(self.options, self.sink, &mut self.failed, register, rows);
    }
}

/// Reads rows of a register: people to the sink, issues kept.
fn read_rows(
    options: &ImportOptions,
    sink: &mut dyn RecordSink,
    failed: &mut Option<io::Error>,
    register: &mut Register,
    rows: &Table,
) {
    let mut out = ImportedFile::default();
    beneficiaries::read(rows, &register.header, &register.columns, options, &mut out);
    register.issues.append(&mut out.issues);
    let header_row = register.header.row;
    register.unnamed.retain(|&column| {
        let below = rows
            .rows()
            .iter()
            .filter(|r| r.number() > header_row)
            .any(|r| !r.get(column).is_blank());
        if below {
            let cell = CellRef {
                row: header_row,
                column,
            };
            register.header.blank_cells.push(cell);
        }
        !below
    });
    if failed.is_none()
        && let Err(StreamFailure::Sink(error)) = send(sink, &mut out.beneficiaries)
    {
        *failed = Some(error);
    }
}

impl SheetImporter<'_> {
    /// Ends the sheet. `None` when the register must be read again whole.
    fn finish(mut self, outcome: &SheetOutcome) -> Result<Option<SheetDone>, StreamFailure> {
        let limits = self.options.limits.clone();
        note_end(&mut self.builder, &outcome.end, &limits);
        match std::mem::replace(&mut self.phase, Phase::Whole) {
            Phase::Head | Phase::Whole => {
                let (table, read_issues) = self.builder.finish(&outcome.merged);
                let mut imported = ImportedFile::default();
                import::import_table(&table, self.options, &mut imported);
                send(self.sink, &mut imported.beneficiaries)?;
                Ok(Some(SheetDone {
                    read_issues,
                    imported,
                }))
            }
            Phase::Register(mut register) => {
                let again = self.again
                    || self.builder.has_stragglers()
                    || merges_matter(&register, &outcome.merged, &limits);
                if again {
                    self.sink
                        .rollback(register.mark)
                        .map_err(StreamFailure::Sink)?;
                    return Ok(None);
                }
                let (rest, read_issues) = self.builder.finish(&[]);
                read_rows(
                    self.options,
                    self.sink,
                    &mut self.failed,
                    &mut register,
                    &rest,
                );
                if let Some(error) = self.failed.take() {
                    return Err(StreamFailure::Sink(error));
                }
                let mut issues = Vec::new();
                let kind = TableKind::Beneficiaries;
                report_header(&register.head, &register.header, kind, &mut issues);
                issues.append(&mut register.issues);
                sort_issues(&mut issues);
                let imported = ImportedFile {
                    issues,
                    ..ImportedFile::default()
                };
                Ok(Some(SheetDone {
                    read_issues,
                    imported,
                }))
            }
        }
    }
}

/// Returns the columns between the header's first and last non-blank
/// cells whose header cell is blank and that have no data below yet.
fn unnamed_columns(head: &Table, header: &Header) -> Vec<u32> {
    let Some(row) = head.row(header.row) else {
        return Vec::new();
    };
    let named: Vec<u32> = row
        .cells()
        .filter(|(_, v)| !v.is_blank())
        .map(|(c, _)| c)
        .collect();
    let (Some(&first), Some(&last)) = (named.first(), named.last()) else {
        return Vec::new();
    };
    (first..=last)
        .filter(|c| named.binary_search(c).is_err())
        .filter(|&column| !header.blank_cells.iter().any(|cell| cell.column == column))
        .collect()
}

/// Returns whether filling `merged` could change what the register was
/// read from. Regions within the first rows are checked by filling them:
/// they matter if the header found or a row from the header down changes (a
/// title merged across the top changes neither). Any region reaching
/// further down is taken to matter.
fn merges_matter(register: &Register, merged: &[Region], limits: &Limits) -> bool {
    let head = &register.head;
    let head_end = head.rows().last().map_or(0, TableRow::number);
    let (within, beyond): (Vec<Region>, Vec<Region>) = merged
        .iter()
        .partition(|((_, _), (end_row, _))| *end_row < head_end);
    if !beyond.is_empty() {
        return true;
    }
    if within.is_empty() {
        return false;
    }
    let filled = head.with_merged(&within, limits);
    let header_row = register.found.row;
    let from_header = |table: &Table| -> Vec<TableRow> {
        let rows = table.rows();
        rows[rows.partition_point(|r| r.number() < header_row)..].to_vec()
    };
    find_header(&filled).as_ref() != Some(&register.found)
        || from_header(&filled) != from_header(head)
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};

    use super::*;
    use crate::{import_table, read_file};

    /// A sink that counts marks and rollbacks, to tell how a sheet was read.
    #[derive(Default)]
    struct Watched {
        records: Vec<Beneficiary>,
        checkpoints: usize,
        rollbacks: usize,
    }

    impl RecordSink for Watched {
        fn beneficiary(&mut self, record: Beneficiary) -> io::Result<()> {
            self.records.beneficiary(record)
        }

        fn checkpoint(&mut self) -> io::Result<u64> {
            self.checkpoints += 1;
            self.records.checkpoint()
        }

        fn rollback(&mut self, mark: u64) -> io::Result<()> {
            self.rollbacks += 1;
            self.records.rollback(mark)
        }
    }

    const CURPS: [&str; 2] = ["GOMA800101HOCRRN09", "LOPE950505MOCPRS01"];

    /// A register of `people` rows below a merged title, with a gap
    /// (column F) in its header, a bad CURP every 97 rows, a missing key
    /// every 211 and data under the gap at row 2500; `merge` merges a
    /// kitchen key over a block of data rows.
    fn register(people: u32, merge: bool) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("PADRON").unwrap();
        let centred = Format::new().set_align(FormatAlign::Center);
        sheet
            .merge_range(0, 0, 0, 6, "PADRON 2016", &centred)
            .unwrap();
        let header = [
            "FOLIO",
            "CLAVE COCINA",
            "NOMBRE",
            "CURP",
            "SEXO",
            "",
            "EDAD",
        ];
        for (column, label) in header.iter().enumerate() {
            if !label.is_empty() {
                sheet.write_string(2, column as u16, *label).unwrap();
            }
        }
        for i in 0..people {
            let row = 3 + i;
            sheet.write_number(row, 0, f64::from(i + 1)).unwrap();
            if i % 211 != 5 {
                sheet
                    .write_string(row, 1, format!("OAX-{:04}", i % 50))
                    .unwrap();
            }
            sheet.write_string(row, 2, "PERSONA FICTICIA").unwrap();
            let curp = if i % 97 == 3 {
                "GOMA800101HOCRRN0X"
            } else {
                CURPS[(i % 2) as usize]
            };
            sheet.write_string(row, 3, curp).unwrap();
            sheet
                .write_string(row, 4, if i % 2 == 0 { "H" } else { "M" })
                .unwrap();
            sheet.write_number(row, 6, f64::from(i % 90)).unwrap();
        }
        sheet.write_string(2500, 5, "nota").unwrap();
        if merge {
            sheet
                .merge_range(1000, 1, 1010, 1, "OAX-0777", &centred)
                .unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    /// Reads a file the buffered way: whole tables, then records.
    fn whole(name: &str, bytes: &[u8]) -> ImportedFile {
        let options = ImportOptions::default();
        let read = read_file(name, bytes, &options.limits).unwrap();
        let mut out = ImportedFile {
            issues: read.issues,
            ..ImportedFile::default()
        };
        for table in &read.tables {
            out.append(import_table(table, &options));
        }
        out
    }

    fn streamed(name: &str, bytes: &[u8]) -> (ImportedFile, Watched) {
        let mut sink = Watched::default();
        let out =
            crate::import_file_into(name, bytes, &ImportOptions::default(), &mut sink).unwrap();
        (out, sink)
    }

    #[test]
    fn a_streamed_register_gives_what_the_whole_sheet_gives() {
        let bytes = register(3_000, false);
        let expected = whole("p.xlsx", &bytes);
        let (out, sink) = streamed("p.xlsx", &bytes);
        // The file's mark and the register's; nothing rolled back.
        assert_eq!((sink.checkpoints, sink.rollbacks), (2, 0));
        assert_eq!(sink.records.len(), expected.beneficiaries.len());
        assert!(sink.records == expected.beneficiaries);
        assert_eq!(out.issues, expected.issues);
        // The gap in the header is found from data far below the head.
        let f3 = CellRef::parse_a1("F3").unwrap();
        assert!(out.issues.iter().any(|i| i.source.cell == Some(f3)));
        assert!(out.issues.len() > 40, "{}", out.issues.len());
    }

    #[test]
    fn a_region_merged_over_the_data_has_the_sheet_read_again() {
        let bytes = register(2_000, true);
        let expected = whole("p.xlsx", &bytes);
        let (out, sink) = streamed("p.xlsx", &bytes);
        assert_eq!(sink.rollbacks, 1);
        assert!(sink.records == expected.beneficiaries);
        assert_eq!(out.issues, expected.issues);
        let filled = sink
            .records
            .iter()
            .filter(|b| b.kitchen.as_str() == "OAX-0777")
            .count();
        assert_eq!(filled, 11);
    }
}
