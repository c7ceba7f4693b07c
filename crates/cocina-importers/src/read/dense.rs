//! .xls and .ods, which calamine reads whole when the workbook is opened.
//!
//! calamine has no cell-by-cell reader for these formats, so their sheets
//! arrive as dense ranges. It caps .ods at 100 million cells; .xls sheets
//! are at most 65,536 rows by 256 columns in files Excel writes.
//!
//! Both are measured before calamine opens them, an .xls by
//! [`super::biff`] and an .ods by [`super::ods_extent`], so that a forged
//! container or a sheet larger than the cell limit is refused instead of
//! aborting the process on a failed allocation.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Dimensions, Ods, OdsError, Range, Reader, SheetType, Xls, XlsError};

use super::{FileTables, biff, guarded, value_of};
use crate::error::ReadError;
use crate::issue::{ImportIssue, IssueKind, ReadFailure};
use crate::table::{Flow, Limits, SourceFormat, TableBuilder};
use crate::value::DateSystem;

pub(super) fn read_xls(
    file: &Arc<str>,
    bytes: &[u8],
    limits: &Limits,
) -> Result<FileTables, ReadError> {
    match biff::check(bytes, limits.max_cells, limits.max_file_bytes) {
        Ok(()) => {}
        Err(biff::Refusal::Malformed) => {
            return Err(ReadError::file(file, ReadFailure::Malformed, None));
        }
        Err(biff::Refusal::TooManyCells) => {
            return Ok(super::refused(file, "cells", limits.max_cells as u64));
        }
    }
    let mut book: Xls<_> = open(file, bytes, xls_failure)?;
    let dates = DateSystem::from_1904_flag(book.has_1904_epoch());
    let format = SourceFormat::Xls;
    let mut out = FileTables::default();
    for name in worksheet_names(book.sheets_metadata()) {
        let read = guarded(|| {
            let range = book.worksheet_range(&name).map_err(|e| xls_failure(&e))?;
            let merged = book.merge_cells_by_sheet_name(&name).ok();
            Ok::<_, ReadFailure>((range, merged))
        });
        let sheet = Sheet {
            file,
            name: &name,
            format,
            dates,
            limits,
        };
        match read {
            Some(Ok((range, merged))) => sheet.build(&range, merged.as_deref(), &mut out),
            Some(Err(cause)) => sheet.failed(cause, &mut out),
            // The workbook was parsed whole when opened; reading a sheet
            // only copies it, so the other sheets are still read.
            None => sheet.failed(ReadFailure::ReaderFailed, &mut out),
        }
    }
    Ok(out)
}

pub(super) fn read_ods(
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
    if super::ods_extent::exceeds(bytes, limits.max_cells as u64, limits.max_file_bytes) {
        return Ok(super::refused(file, "cells", limits.max_cells as u64));
    }
    let mut book: Ods<_> = open(file, bytes, ods_failure)?;
    let format = SourceFormat::Ods;
    let dates = DateSystem::default();
    let mut out = FileTables::default();
    for name in worksheet_names(book.sheets_metadata()) {
        let read = guarded(|| book.worksheet_range(&name));
        let sheet = Sheet {
            file,
            name: &name,
            format,
            dates,
            limits,
        };
        match read {
            // calamine does not report .ods merged regions; see docs.
            Some(Ok(range)) => sheet.build(&range, Some(&[]), &mut out),
            Some(Err(error)) => sheet.failed(ods_failure(&error), &mut out),
            // The workbook was parsed whole when opened; reading a sheet
            // only copies it, so the other sheets are still read.
            None => sheet.failed(ReadFailure::ReaderFailed, &mut out),
        }
    }
    Ok(out)
}

fn open<'b, R, E>(
    file: &Arc<str>,
    bytes: &'b [u8],
    failure_of: fn(&E) -> ReadFailure,
) -> Result<R, ReadError>
where
    R: Reader<Cursor<&'b [u8]>, Error = E>,
    E: std::error::Error + Send + Sync + 'static,
{
    match guarded(|| R::new(Cursor::new(bytes))) {
        Some(Ok(book)) => Ok(book),
        Some(Err(error)) => {
            let failure = failure_of(&error);
            Err(ReadError::file(file, failure, Some(Box::new(error))))
        }
        None => Err(ReadError::file(file, ReadFailure::ReaderFailed, None)),
    }
}

fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect()
}

/// One sheet being turned into a table.
struct Sheet<'a> {
    file: &'a Arc<str>,
    name: &'a str,
    format: SourceFormat,
    dates: DateSystem,
    limits: &'a Limits,
}

impl Sheet<'_> {
    /// Adds the range's cells at their absolute positions; `merged` is
    /// `None` when the merged regions could not be read.
    fn build(&self, range: &Range<Data>, merged: Option<&[Dimensions]>, out: &mut FileTables) {
        let mut builder = TableBuilder::new(
            self.file.clone(),
            Some(self.name.into()),
            self.format,
            self.limits,
        )
        .with_dates(self.dates);
        let (top, left) = range.start().unwrap_or_default();
        for (row, column, data) in range.used_cells() {
            let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
            let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            if builder.push(row, column, value_of(data, self.dates)) == Flow::Stop {
                break;
            }
        }
        if merged.is_none() {
            builder.sheet_issue(IssueKind::MergedCellsUnread);
        }
        let regions: Vec<_> = merged
            .unwrap_or_default()
            .iter()
            .map(|d| (d.start, d.end))
            .collect();
        let (table, issues) = builder.finish(&regions);
        out.tables.push(table);
        out.issues.extend(issues);
    }

    fn failed(&self, cause: ReadFailure, out: &mut FileTables) {
        tracing::warn!(file = %self.file, sheet = self.name, %cause, "sheet not read");
        let source = cocina_model::SourceRef {
            file: self.file.clone(),
            sheet: Some(self.name.into()),
            cell: None,
            row: None,
        };
        let kind = IssueKind::UnreadableSheet { cause };
        out.issues.push(ImportIssue { source, kind });
    }
}

fn xls_failure(error: &XlsError) -> ReadFailure {
    match error {
        XlsError::Io(_) => ReadFailure::Io,
        XlsError::Password => ReadFailure::Encrypted,
        XlsError::Cfb(_) => ReadFailure::NotASpreadsheet,
        _ => ReadFailure::Malformed,
    }
}

fn ods_failure(error: &OdsError) -> ReadFailure {
    match error {
        OdsError::Io(_) => ReadFailure::Io,
        OdsError::Password => ReadFailure::Encrypted,
        OdsError::InvalidMime(_) | OdsError::FileNotFound(_) => ReadFailure::NotASpreadsheet,
        _ => ReadFailure::Malformed,
    }
}
