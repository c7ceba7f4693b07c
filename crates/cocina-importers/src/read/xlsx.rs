//! .xlsx and .xlsm, streamed cell by cell.
//!
//! Workbooks are read by the crate's own streaming reader ([`Workbook`]):
//! it ignores the declared `<dimension>`, holds one chunk of a sheet at a
//! time and keeps shared strings compactly. A workbook it does not
//! understand (parts missing or where it does not look, damaged XML before
//! the first sheet) is read again through calamine, whose errors say what
//! is wrong.
//!
//! calamine's `worksheet_range` allocates a dense grid over a sheet's used
//! range, so one stray character in `XFD1048576` asks for half a terabyte
//! and aborts the process. Its cells reader, used here, holds one cell at a
//! time; the [`TableBuilder`] keeps what is within the limits.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};
use std::sync::Arc;

use calamine::{Reader, SheetType, Xlsx, XlsxError};
use cocina_model::SourceRef;
use zip::ZipArchive;

use super::book::{Book, Unsupported};
use super::sheet::{self, CellSink, SheetEnd, SheetOutcome};
use super::{FileTables, guarded, merges, repair, value_of_ref};
use crate::error::ReadError;
use crate::issue::{ImportIssue, IssueKind, ReadFailure};
use crate::table::{Flow, Limits, Region, SourceFormat, TableBuilder};
use crate::value::{DateSystem, Value};

type CalamineBook<'b> = Xlsx<Cursor<&'b [u8]>>;

/// How reading one sheet ended.
enum SheetRead {
    /// Read, perhaps in part (the builder holds the issues).
    Done(FileTables),
    /// The sheet's reader could not start, usually because of the sheet's
    /// header part (its `<dimension>`).
    CannotStart(XlsxError),
    /// calamine panicked; its state is no longer trusted.
    Panicked,
}

pub(super) fn read_xlsx(
    file: &Arc<str>,
    bytes: &[u8],
    limits: &Limits,
) -> Result<FileTables, ReadError> {
    if super::has_oversized_part(bytes, limits.max_file_bytes) {
        return Ok(super::refused(
            file,
            "decompressed_bytes",
            limits.max_file_bytes,
        ));
    }
    let fast = guarded(|| {
        let mut workbook = Workbook::open(Cursor::new(bytes), limits)?;
        workbook.read_tables(file, limits)
    });
    match fast {
        Some(Ok(tables)) => Ok(tables),
        _ => read_with_calamine(file, bytes, limits),
    }
}

/// A workbook open in the crate's own streaming reader.
pub(crate) struct Workbook<R: Read + Seek> {
    archive: ZipArchive<R>,
    book: Book,
}

impl<R: Read + Seek + Send> Workbook<R> {
    /// Opens the workbook and reads its sheet list, styles and shared
    /// strings.
    pub(crate) fn open(reader: R, limits: &Limits) -> Result<Self, Unsupported> {
        let mut archive = ZipArchive::new(reader)?;
        // The caller's fallback refuses such a workbook with an issue.
        if super::archive_has_oversized_part(&mut archive, limits.max_file_bytes) {
            return Err(Unsupported);
        }
        let book = Book::open(&mut archive, limits)?;
        Ok(Self { archive, book })
    }

    /// Returns the names of the worksheets, in workbook order.
    pub(crate) fn sheet_names(&self) -> impl Iterator<Item = &str> {
        self.book.sheets.iter().map(|s| s.name.as_str())
    }

    /// Returns the workbook's date system.
    pub(crate) fn dates(&self) -> DateSystem {
        self.book.dates
    }

    /// Streams sheet `index` into `sink`. Fails when the sheet's part is
    /// missing.
    pub(crate) fn stream(
        &mut self,
        index: usize,
        limits: &Limits,
        sink: &mut dyn CellSink,
    ) -> Result<SheetOutcome, Unsupported> {
        let path = self.book.sheets.get(index).ok_or(Unsupported)?.path.clone();
        sheet::stream_sheet(&mut self.archive, &self.book, &path, limits, sink)
    }

    /// Reads sheet `index` whole into a table, merged regions filled.
    pub(crate) fn read_table(
        &mut self,
        index: usize,
        file: &Arc<str>,
        limits: &Limits,
    ) -> Result<FileTables, Unsupported> {
        let name: Arc<str> = self
            .book
            .sheets
            .get(index)
            .ok_or(Unsupported)?
            .name
            .as_str()
            .into();
        let mut builder = TableBuilder::new(file.clone(), Some(name), SourceFormat::Xlsx, limits)
            .with_dates(self.book.dates);
        let outcome = self.stream(index, limits, &mut builder)?;
        note_end(&mut builder, &outcome.end, limits);
        let (table, issues) = builder.finish(&outcome.merged);
        Ok(FileTables {
            tables: vec![table],
            issues,
        })
    }

    fn read_tables(&mut self, file: &Arc<str>, limits: &Limits) -> Result<FileTables, Unsupported> {
        let mut out = FileTables::default();
        for index in 0..self.book.sheets.len() {
            let read = self.read_table(index, file, limits)?;
            out.tables.extend(read.tables);
            out.issues.extend(read.issues);
        }
        Ok(out)
    }
}

/// Records how a sheet that did not end cleanly ended.
pub(crate) fn note_end(builder: &mut TableBuilder<'_>, end: &SheetEnd, limits: &Limits) {
    match end {
        SheetEnd::Complete => {}
        SheetEnd::Truncated(cause) => {
            builder.sheet_issue(IssueKind::SheetTruncated { cause: *cause });
        }
        SheetEnd::TooLarge => builder.sheet_issue(IssueKind::LimitReached {
            limit: "decompressed_bytes".to_owned(),
            max: limits.max_file_bytes,
        }),
    }
}

impl CellSink for TableBuilder<'_> {
    fn cell(&mut self, row: u32, column: u32, value: Value) -> Flow {
        self.push(row, column, value)
    }
}

/// Reads a workbook through calamine, repairing what calamine cannot read
/// first.
fn read_with_calamine(
    file: &Arc<str>,
    bytes: &[u8],
    limits: &Limits,
) -> Result<FileTables, ReadError> {
    let fixed = match repair::with_plausible_string_count(bytes, limits.max_cells as u64) {
        repair::StringCount::Plausible => None,
        repair::StringCount::Repaired(fixed) => Some(fixed),
        repair::StringCount::Unreadable => {
            return Err(ReadError::file(file, ReadFailure::Malformed, None));
        }
    };
    let bytes = fixed.as_deref().unwrap_or(bytes);
    let mut book = open(file, bytes)?;
    let dates = DateSystem::from_1904_flag(book.has_1904_epoch());
    let names = worksheet_names(&book);
    let merged = merges::merged_regions(bytes, limits.max_cells);
    let context = Context {
        file,
        dates,
        limits,
        merged: merged.as_ref(),
    };
    let mut sheets: Vec<Option<FileTables>> = names.iter().map(|_| None).collect();
    let mut retry = Vec::new();
    for (index, name) in names.iter().enumerate() {
        match read_sheet(&mut book, &context, name) {
            SheetRead::Done(read) => sheets[index] = Some(read),
            SheetRead::CannotStart(error) => retry.push((index, error)),
            SheetRead::Panicked => {
                // The workbook's state is not trusted after a panic: this
                // sheet and the ones after it are reported unread.
                for (later, name) in names.iter().enumerate().skip(index) {
                    let cause = ReadFailure::ReaderFailed;
                    sheets[later] = Some(sheet_failure(file, name, cause));
                }
                break;
            }
        }
    }
    if !retry.is_empty() {
        let fixed = repair::without_dimensions(bytes, limits.max_file_bytes);
        let book = fixed.as_deref().and_then(|fixed| open(file, fixed).ok());
        reread(&context, book, &names, retry, &mut sheets);
    }
    let mut out = FileTables::default();
    for read in sheets.into_iter().flatten() {
        out.tables.extend(read.tables);
        out.issues.extend(read.issues);
    }
    Ok(out)
}

fn open<'b>(file: &Arc<str>, bytes: &'b [u8]) -> Result<CalamineBook<'b>, ReadError> {
    match guarded(|| Xlsx::new(Cursor::new(bytes))) {
        Some(Ok(book)) => Ok(book),
        Some(Err(error)) => {
            let failure = failure_of(&error);
            Err(ReadError::file(file, failure, Some(Box::new(error))))
        }
        None => Err(ReadError::file(file, ReadFailure::ReaderFailed, None)),
    }
}

fn worksheet_names(book: &CalamineBook<'_>) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect()
}

/// Reads again, from a copy of the workbook without `<dimension>` elements,
/// the sheets whose reader could not start.
fn reread(
    context: &Context<'_>,
    mut book: Option<CalamineBook<'_>>,
    names: &[String],
    retry: Vec<(usize, XlsxError)>,
    sheets: &mut [Option<FileTables>],
) {
    let file = context.file;
    for (index, error) in retry {
        let name = &names[index];
        let read = match book.as_mut() {
            Some(book) => read_sheet(book, context, name),
            None => SheetRead::CannotStart(error),
        };
        sheets[index] = Some(match read {
            SheetRead::Done(read) => {
                tracing::debug!(%file, sheet = %name, "sheet read after removing its dimension");
                read
            }
            SheetRead::CannotStart(error) => sheet_failure(file, name, failure_of(&error)),
            SheetRead::Panicked => {
                book = None;
                sheet_failure(file, name, ReadFailure::ReaderFailed)
            }
        });
    }
}

/// What every sheet of one workbook is read with.
struct Context<'a> {
    file: &'a Arc<str>,
    dates: DateSystem,
    limits: &'a Limits,
    /// Merged regions by sheet, when the fast scan could find them.
    merged: Option<&'a HashMap<String, Vec<Region>>>,
}

fn read_sheet(book: &mut CalamineBook<'_>, context: &Context<'_>, name: &str) -> SheetRead {
    guarded(|| read_sheet_unguarded(book, context, name)).unwrap_or(SheetRead::Panicked)
}

fn read_sheet_unguarded(
    book: &mut CalamineBook<'_>,
    context: &Context<'_>,
    name: &str,
) -> SheetRead {
    let sheet: Arc<str> = name.into();
    let Context {
        file,
        dates,
        limits,
        ..
    } = *context;
    let mut builder =
        TableBuilder::new(file.clone(), Some(sheet), SourceFormat::Xlsx, limits).with_dates(dates);
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(error) => return SheetRead::CannotStart(error),
    };
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (row, column) = cell.get_position();
                let value = value_of_ref(cell.get_value(), dates);
                if builder.push(row, column, value) == Flow::Stop {
                    break;
                }
            }
            Ok(None) => break,
            Err(error) => {
                let cause = failure_of(&error);
                builder.sheet_issue(IssueKind::SheetTruncated { cause });
                break;
            }
        }
    }
    drop(cells);
    let merged = match context.merged {
        Some(by_sheet) => by_sheet.get(name).cloned().unwrap_or_default(),
        None => calamine_merges(book, name, &mut builder),
    };
    let (table, issues) = builder.finish(&merged);
    SheetRead::Done(FileTables {
        tables: vec![table],
        issues,
    })
}

/// Asks calamine for a sheet's merged regions: a second pass over the
/// sheet, used only when the fast scan could not find the sheet's part.
fn calamine_merges(
    book: &mut CalamineBook<'_>,
    name: &str,
    builder: &mut TableBuilder<'_>,
) -> Vec<Region> {
    if let Ok(regions) = book.merge_cells_by_sheet_name(name) {
        regions.iter().map(|d| (d.start, d.end)).collect()
    } else {
        builder.sheet_issue(IssueKind::MergedCellsUnread);
        Vec::new()
    }
}

fn sheet_failure(file: &Arc<str>, sheet: &str, cause: ReadFailure) -> FileTables {
    tracing::warn!(%file, sheet, %cause, "sheet not read");
    let source = SourceRef {
        file: file.clone(),
        sheet: Some(sheet.into()),
        cell: None,
        row: None,
    };
    let kind = IssueKind::UnreadableSheet { cause };
    FileTables {
        tables: Vec::new(),
        issues: vec![ImportIssue { source, kind }],
    }
}

/// Sorts calamine's errors into the coarse causes users are told.
fn failure_of(error: &XlsxError) -> ReadFailure {
    match error {
        XlsxError::Io(_) => ReadFailure::Io,
        XlsxError::Password => ReadFailure::Encrypted,
        XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => {
            ReadFailure::NotASpreadsheet
        }
        _ => ReadFailure::Malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streaming reader and calamine read every .xlsx case, and the
    /// example delivery, to the same tables and issues.
    #[test]
    fn the_streaming_reader_reads_what_calamine_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [
            root.join("tests/data/cases"),
            root.join("../../examples/entrega-2016"),
        ];
        let limits = Limits::default();
        let mut compared = 0;
        for dir in dirs {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "xlsx") {
                    continue;
                }
                let name: Arc<str> = path.file_name().unwrap().to_string_lossy().into();
                let bytes = std::fs::read(&path).unwrap();
                let mut workbook = Workbook::open(Cursor::new(&bytes[..]), &limits)
                    .unwrap_or_else(|_| panic!("{name} opens"));
                let fast = workbook.read_tables(&name, &limits).unwrap();
                let slow = read_with_calamine(&name, &bytes, &limits).unwrap();
                assert_eq!(fast.tables, slow.tables, "{name}");
                assert_eq!(fast.issues, slow.issues, "{name}");
                compared += 1;
            }
        }
        assert!(compared >= 15, "{compared}");
    }
}
