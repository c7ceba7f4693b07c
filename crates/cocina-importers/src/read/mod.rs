//! Reading files into [`Table`]s: one per sheet, or one per CSV file.
//!
//! The format is recognised from the bytes (a ZIP container is .xlsx or
//! .ods, an OLE container is .xls) and only then from the extension, so a
//! workbook saved with the wrong extension still reads. Every call into
//! calamine is guarded: should it panic on a malformed file, the file (or
//! sheet) is reported as unreadable and the import goes on.

mod biff;
mod book;
mod delimited;
mod dense;
mod merges;
mod ods_extent;
mod quotes;
mod repair;
mod sheet;
mod xlsb;
mod xlsx;

use std::io::{Cursor, Read, Seek};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use calamine::{Data, DataRef};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::ReadError;
use crate::issue::{ImportIssue, IssueKind, ReadFailure};
use crate::table::{Limits, Table};
use crate::value::{DateSystem, Value, fraction_to_time};

pub(crate) use sheet::{CellSink, SheetOutcome};
pub(crate) use xlsx::{Workbook, note_end};

/// Opens an .xlsx or .xlsm workbook held in memory in the streaming reader;
/// `None` for any other file, for a workbook over the limits (the
/// [`read_file`] path refuses it with an issue) and for one the streaming
/// reader does not understand.
pub(crate) fn open_workbook<'b>(
    name: &str,
    bytes: &'b [u8],
    limits: &Limits,
) -> Option<Workbook<Cursor<&'b [u8]>>> {
    if sniff(name, bytes) != Container::Zip || looks_like_ods(bytes) {
        return None;
    }
    open_workbook_from(Cursor::new(bytes), limits)
}

/// Opens a workbook read from `reader` (a file, say) in the streaming
/// reader, as [`open_workbook`] does.
pub(crate) fn open_workbook_from<R: Read + Seek + Send>(
    mut reader: R,
    limits: &Limits,
) -> Option<Workbook<R>> {
    let mut head = [0u8; 256];
    let read = reader.read(&mut head).ok()?;
    reader.seek(std::io::SeekFrom::Start(0)).ok()?;
    let head = &head[..read];
    if !head.starts_with(b"PK\x03\x04") || looks_like_ods(head) {
        return None;
    }
    guarded(|| Workbook::open(reader, limits).ok()).flatten()
}

/// The tables of one file, and the problems met reading it.
#[derive(Debug, Clone, Default)]
pub struct FileTables {
    /// One table per sheet that could be read, in workbook order.
    pub tables: Vec<Table>,
    /// Sheets that could not be read, limits reached, and the like.
    pub issues: Vec<ImportIssue>,
}

/// Reads every sheet of a file held in memory. `name` is the file's name
/// relative to the delivery directory; its extension is a hint only.
///
/// # Errors
///
/// Fails when the file as a whole cannot be read: not a spreadsheet, a
/// password, a broken container. A sheet that cannot be read is an issue in
/// the result instead.
///
/// # Examples
///
/// ```
/// use cocina_importers::{Limits, read_file};
///
/// let csv = "clave;nombre\nOAX-VC-001;Comedor Centro\n";
/// let read = read_file("comedores.csv", csv.as_bytes(), &Limits::default()).unwrap();
/// let table = &read.tables[0];
/// assert_eq!(table.rows().len(), 2);
/// let b2 = cocina_model::CellRef::parse_a1("B2").unwrap();
/// assert_eq!(table.text(b2).unwrap().as_deref(), Some("Comedor Centro"));
/// ```
pub fn read_file(name: &str, bytes: &[u8], limits: &Limits) -> Result<FileTables, ReadError> {
    let file: Arc<str> = name.into();
    match sniff(name, bytes) {
        Container::Zip if looks_like_ods(bytes) => dense::read_ods(&file, bytes, limits),
        Container::Zip if xlsb::is_xlsb(bytes) => xlsb::read_xlsb(&file, bytes, limits),
        Container::Zip => xlsx::read_xlsx(&file, bytes, limits),
        Container::Ole => dense::read_xls(&file, bytes, limits),
        Container::Text => Ok(delimited::read_delimited(&file, bytes, limits)),
        Container::Markup => Err(ReadError::file(&file, ReadFailure::Unsupported, None)),
        Container::Unknown => Err(ReadError::file(&file, ReadFailure::NotASpreadsheet, None)),
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Zip,
    Ole,
    Text,
    /// HTML or XML saved with a spreadsheet extension.
    Markup,
    Unknown,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn sniff(name: &str, bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Container::Zip;
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Container::Ole;
    }
    let extension = extension_of(name);
    let text_like = matches!(extension.as_str(), "csv" | "txt" | "tsv" | "xls");
    // Excel's "Unicode text" export is UTF-16 with a byte order mark.
    if text_like && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")) {
        return Container::Text;
    }
    let head = &bytes[..bytes.len().min(4096)];
    // A binary file is full of NUL bytes; text with a stray one (a cell
    // damaged by the system that exported it) is read, and the delimited
    // reader reports the cell.
    #[expect(
        clippy::naive_bytecount,
        reason = "4 KiB at most, once per file: not worth a dependency"
    )]
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls > 0 && !(text_like && nuls <= 1 + head.len() / 100) {
        return Container::Unknown;
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if text.trim_ascii_start().starts_with(b"<") {
        return Container::Markup;
    }
    // Web systems often export tab-separated text named .xls; read it as
    // what it is.
    if text_like {
        Container::Text
    } else {
        Container::Unknown
    }
}

/// An .ods archive starts with an uncompressed `mimetype` entry.
fn looks_like_ods(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256)];
    head.windows(11).any(|w| w == b"opendocumen")
}

/// Returns the lower-case extension of a file name, without the dot.
pub(crate) fn extension_of(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Returns whether a zipped workbook declares a part larger than `max`
/// bytes once decompressed. calamine reads a part's text whole, so a cell
/// of gigabytes, a few megabytes compressed, would abort the process on a
/// failed allocation.
pub(crate) fn has_oversized_part(bytes: &[u8], max: u64) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    archive_has_oversized_part(&mut archive, max)
}

/// [`has_oversized_part`] for an open archive.
pub(crate) fn archive_has_oversized_part<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    max: u64,
) -> bool {
    (0..archive.len()).any(|i| archive.by_index_raw(i).is_ok_and(|part| part.size() > max))
}

/// The outcome for a workbook refused before calamine opens it because it
/// would pass `limit`: no tables and one issue naming the file.
pub(crate) fn refused(file: &Arc<str>, limit: &str, max: u64) -> FileTables {
    let issue = ImportIssue {
        source: cocina_model::SourceRef::file(file.clone()),
        kind: IssueKind::LimitReached {
            limit: limit.to_owned(),
            max,
        },
    };
    FileTables {
        tables: Vec::new(),
        issues: vec![issue],
    }
}

/// Runs a call into calamine, turning a panic into `None`.
pub(crate) fn guarded<T>(call: impl FnOnce() -> T) -> Option<T> {
    panic::catch_unwind(AssertUnwindSafe(call)).ok()
}

/// Converts a borrowed calamine value; dates become dates in the workbook's
/// system, times of day become times.
pub(crate) fn value_of_ref(data: &DataRef<'_>, dates: DateSystem) -> Value {
    match data {
        DataRef::Empty => Value::Empty,
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_owned()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => serial_value(dt.as_f64(), dt.is_duration(), dates),
        DataRef::DateTimeIso(s) => iso_datetime(s),
        DataRef::DurationIso(s) => iso_duration(s),
        DataRef::Error(e) => Value::Error(e.to_string()),
    }
}

/// Converts an owned calamine value, as [`value_of_ref`] does.
pub(crate) fn value_of(data: &Data, dates: DateSystem) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => serial_value(dt.as_f64(), dt.is_duration(), dates),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

/// A date-formatted serial: a time of day below 1, a date from 1 on. A
/// serial that is no real date stays a number rather than being lost.
pub(crate) fn serial_value(serial: f64, is_duration: bool, dates: DateSystem) -> Value {
    if (0.0..1.0).contains(&serial) {
        return fraction_to_time(serial).map_or(Value::Number(serial), Value::Time);
    }
    if is_duration {
        return Value::Number(serial);
    }
    dates
        .serial_to_datetime(serial)
        .map_or(Value::Number(serial), Value::DateTime)
}

/// An ISO 8601 date or date-time, as .ods stores them.
pub(crate) fn iso_datetime(text: &str) -> Value {
    if let Ok(dt) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Value::DateTime(dt);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Value::DateTime(date.and_time(NaiveTime::MIN));
    }
    Value::Text(text.to_owned())
}

/// An ISO 8601 duration such as `PT07H30M00S`, as .ods stores times; one
/// under a day is a time of day.
fn iso_duration(text: &str) -> Value {
    parse_iso_duration(text).map_or_else(|| Value::Text(text.to_owned()), Value::Time)
}

fn parse_iso_duration(text: &str) -> Option<NaiveTime> {
    let rest = text.strip_prefix("PT")?;
    let (hours, rest) = rest.split_once('H')?;
    let (minutes, rest) = rest.split_once('M')?;
    let seconds = rest.strip_suffix('S')?;
    let seconds: f64 = seconds.parse().ok()?;
    NaiveTime::from_hms_milli_opt(
        hours.parse().ok()?,
        minutes.parse().ok()?,
        seconds.trunc() as u32,
        (seconds.fract() * 1000.0).round() as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_recognised_by_their_bytes() {
        assert_eq!(sniff("a.xls", b"PK\x03\x04rest"), Container::Zip);
        assert_eq!(sniff("a.xlsx", &OLE_MAGIC), Container::Ole);
        assert_eq!(sniff("a.xls", b"<html><table>"), Container::Markup);
        assert_eq!(sniff("a.xls", b"clave\tnombre\n"), Container::Text);
        assert_eq!(sniff("a.xlsx", b"clave,nombre\n"), Container::Unknown);
        assert_eq!(
            sniff("a.csv", b"\xEF\xBB\xBFclave;nombre\n"),
            Container::Text
        );
    }

    #[test]
    fn ods_times_and_dates_are_read() {
        assert_eq!(
            iso_duration("PT07H30M00S"),
            Value::Time(NaiveTime::from_hms_opt(7, 30, 0).unwrap())
        );
        assert!(matches!(iso_datetime("2024-03-15"), Value::DateTime(_)));
        assert!(matches!(
            iso_datetime("2024-03-15T07:30:00"),
            Value::DateTime(_)
        ));
        assert_eq!(iso_datetime("mañana"), Value::Text("mañana".into()));
    }
}
