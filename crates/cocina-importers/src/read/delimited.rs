//! Delimited text: `.csv` as exported by Excel, `LibreOffice` and web
//! systems.
//!
//! The encoding is detected: UTF-8 with or without a byte order mark, UTF-16
//! with one, and otherwise Windows-1252, what Excel writes on Spanish
//! Windows. The delimiter is the one of comma, semicolon and tab that splits
//! the most lines into the same number of fields; Spanish-locale Excel
//! writes semicolons because the comma is its decimal separator.

use std::borrow::Cow;
use std::sync::Arc;

use cocina_model::CellRef;
use cocina_model::text::LineIndex;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::FileTables;
use super::quotes;
use crate::canonical::restore_formula;
use crate::issue::{IssueKind, QuoteProblem, ReadFailure};
use crate::table::{Flow, Limits, SourceFormat, TableBuilder};
use crate::value::Value;

/// Lines looked at to choose the delimiter.
const SAMPLE_LINES: usize = 50;

pub(super) fn read_delimited(file: &Arc<str>, bytes: &[u8], limits: &Limits) -> FileTables {
    let text = decode(bytes);
    let delimiter = detect_delimiter(&text);
    tracing::debug!(%file, delimiter = %char::from(delimiter), "reading delimited text");
    let mut builder = TableBuilder::new(file.clone(), None, SourceFormat::Csv, limits);
    let lines = LineIndex::new(text.as_bytes());
    let faults = quotes::scan(text.as_bytes(), delimiter);
    // A quote never closed would make the rest of the file one cell: the
    // records before its record are read, and no more.
    let end = faults
        .iter()
        .find(|f| f.problem == QuoteProblem::NeverClosed)
        .map_or(text.len(), |f| f.record_start);
    for fault in &faults {
        let row = zero_based(lines.line_at(fault.record_start as u64));
        let column = u32::try_from(fault.field).unwrap_or(u32::MAX);
        let kind = IssueKind::BadQuote {
            problem: fault.problem,
            line: lines.line_at(fault.quote_at as u64),
            field: None,
        };
        builder.issue(CellRef::from_zero_based(row, column), kind);
    }
    read_records(&text[..end], delimiter, &lines, &mut builder);
    let (table, issues) = builder.finish(&[]);
    FileTables {
        tables: vec![table],
        issues,
    }
}

/// Reads the records of `text` into `builder`, each cell at the row of the
/// line its record starts on.
fn read_records(text: &str, delimiter: u8, lines: &LineIndex, builder: &mut TableBuilder<'_>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    'records: loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => {
                let cause = ReadFailure::Malformed;
                builder.sheet_issue(IssueKind::SheetTruncated { cause });
                break;
            }
        }
        // A spreadsheet shows each line as a row, so the row is the line
        // the record starts on; see `LineIndex` for why the csv crate's own
        // count is not used.
        let start = record.position().map_or(0, csv::Position::byte);
        let first_line = lines.line_at(start);
        let row = zero_based(first_line);
        // Lines the record's earlier fields span, for a NUL's own line.
        let mut breaks = 0;
        for (column, field) in record.iter().enumerate() {
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            let here = breaks;
            breaks += line_breaks(field);
            if field.is_empty() {
                continue;
            }
            // A `'` that kept a spreadsheet from running the text as a
            // formula is not part of the value (see `canonical`).
            let field = restore_formula(field);
            let field = match field.find('\0') {
                Some(at) => {
                    let line = first_line + here + line_breaks(&field[..at]);
                    let kind = IssueKind::NulCharacter { line, field: None };
                    builder.issue(CellRef::from_zero_based(row, column), kind);
                    Cow::Owned(field.replace('\0', ""))
                }
                None => Cow::Borrowed(field),
            };
            if builder.push(row, column, Value::Text(field.into_owned())) == Flow::Stop {
                break 'records;
            }
        }
    }
}

/// Converts a 1-based line to a 0-based row.
fn zero_based(line: u64) -> u32 {
    u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX)
}

/// Counts the line ends in `text` as [`LineIndex`] does: `\r\n`, `\n` and
/// `\r` each end one line.
fn line_breaks(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let ends = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')))
        .count();
    ends as u64
}

/// Decodes the bytes, choosing the encoding as the module explains.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return UTF_16LE.decode_without_bom_handling(rest).0;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE.decode_without_bom_handling(rest).0;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    tracing::debug!("not UTF-8; decoding as Windows-1252");
    WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// Picks the delimiter that gives the most sample lines the same non-zero
/// field count; ties go to the larger count, then to the comma.
fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SAMPLE_LINES)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delimiter))
            .collect();
        let (mode, agreeing) = mode_of(&counts);
        if mode > 0 && (agreeing, mode) > (best.1, best.2) {
            best = (delimiter, agreeing, mode);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

/// Returns the most frequent non-zero value and how often it occurs.
fn mode_of(counts: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    for &candidate in counts.iter().filter(|&&c| c > 0) {
        let agreeing = counts.iter().filter(|&&c| c == candidate).count();
        if (agreeing, candidate) > (best.1, best.0) {
            best = (candidate, agreeing);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_follows_the_data_not_the_title() {
        let text = "Padrón, marzo 2024\nclave;nombre;edad\nA;Ana, hija;7\nB;Bea;8\n";
        assert_eq!(detect_delimiter(text), b';');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(detect_delimiter("a,b\n1,2\n"), b',');
        assert_eq!(detect_delimiter(""), b',');
    }

    #[test]
    fn windows_1252_is_the_fallback() {
        assert_eq!(decode(b"Oaxaca de Ju\xe1rez"), "Oaxaca de Juárez");
        assert_eq!(decode("Juárez".as_bytes()), "Juárez");
        assert_eq!(decode(b"\xEF\xBB\xBFclave"), "clave");
    }

    #[test]
    fn line_ends_are_counted_as_the_line_index_counts_them() {
        assert_eq!(line_breaks("a\r\nb\nc\rd"), 3);
        assert_eq!(line_breaks("\n\n"), 2);
        assert_eq!(line_breaks("sin saltos"), 0);
    }
}
