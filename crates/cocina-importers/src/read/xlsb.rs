//! .xlsb (Excel binary workbook), streamed cell by cell.
//!
//! The same limits hold as for .xlsx: a part that declares more than
//! [`Limits::max_file_bytes`] once decompressed is refused before calamine
//! opens the workbook, and cells are read one at a time into the
//! [`TableBuilder`], which keeps only what is within the limits. calamine
//! reads one record of a part at a time, and a record's length field
//! cannot exceed 256 MiB, so no declared size makes it allocate more.
//!
//! calamine does not read an .xlsb's merged cells: a merged region's value
//! stays in its first cell only. This is documented in `docs/importers.md`.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Reader, SheetType, Xlsb, XlsbError};
use cocina_model::SourceRef;

use super::{FileTables, guarded, value_of_ref};
use crate::error::ReadError;
use crate::issue::{ImportIssue, IssueKind, ReadFailure};
use crate::table::{Flow, Limits, SourceFormat, TableBuilder};
use crate::value::DateSystem;

type Book<'b> = Xlsb<Cursor<&'b [u8]>>;

/// Returns whether a ZIP archive is an .xlsb: its workbook part is binary.
pub(super) fn is_xlsb(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name("xl/workbook.bin").is_some())
}

pub(super) fn read_xlsb(
    file: &Arc<str>,
    bytes: &[u8],
    limits: &Limits,
) -> Result<FileTables, ReadError> {
    if super::has_oversized_part(bytes, limits.max_file_bytes) {
        let max = limits.max_file_bytes;
        return Ok(super::refused(file, "decompressed_bytes", max));
    }
    let mut book = match guarded(|| Xlsb::new(Cursor::new(bytes))) {
        Some(Ok(book)) => book,
        Some(Err(error)) => {
            let failure = failure_of(&error);
            return Err(ReadError::file(file, failure, Some(Box::new(error))));
        }
        None => return Err(ReadError::file(file, ReadFailure::ReaderFailed, None)),
    };
    let dates = DateSystem::from_1904_flag(book.has_1904_epoch());
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut out = FileTables::default();
    for (index, name) in names.iter().enumerate() {
        let read = guarded(|| read_sheet(&mut book, file, name, dates, limits));
        let Some(read) = read else {
            // calamine panicked: its state is no longer trusted, so this
            // sheet and the ones after it are reported unread.
            for name in &names[index..] {
                out.issues
                    .push(sheet_failure(file, name, ReadFailure::ReaderFailed));
            }
            break;
        };
        out.tables.extend(read.tables);
        out.issues.extend(read.issues);
    }
    Ok(out)
}

fn read_sheet(
    book: &mut Book<'_>,
    file: &Arc<str>,
    name: &str,
    dates: DateSystem,
    limits: &Limits,
) -> FileTables {
    let sheet: Arc<str> = name.into();
    let mut builder =
        TableBuilder::new(file.clone(), Some(sheet), SourceFormat::Xlsx, limits).with_dates(dates);
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(error) => {
            let issue = sheet_failure(file, name, failure_of(&error));
            return FileTables {
                tables: Vec::new(),
                issues: vec![issue],
            };
        }
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
    let (table, issues) = builder.finish(&[]);
    FileTables {
        tables: vec![table],
        issues,
    }
}

fn sheet_failure(file: &Arc<str>, sheet: &str, cause: ReadFailure) -> ImportIssue {
    tracing::warn!(%file, sheet, %cause, "sheet not read");
    let source = SourceRef {
        file: file.clone(),
        sheet: Some(sheet.into()),
        cell: None,
        row: None,
    };
    ImportIssue {
        source,
        kind: IssueKind::UnreadableSheet { cause },
    }
}

/// Sorts calamine's errors into the coarse causes users are told.
fn failure_of(error: &XlsbError) -> ReadFailure {
    match error {
        XlsbError::Io(_) => ReadFailure::Io,
        XlsbError::Zip(_) | XlsbError::FileNotFound(_) => ReadFailure::NotASpreadsheet,
        _ => ReadFailure::Malformed,
    }
}
