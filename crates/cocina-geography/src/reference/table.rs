//! Reading a CSV table as governments publish them: either encoding, title
//! rows above the header, blank rows, and numbers written for people.

use cocina_model::text::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cocina_model::{MunicipalityKey, StateKey};
use csv::StringRecord;

use super::ReferenceError;

/// Byte order mark that Excel writes at the start of a UTF-8 CSV.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Cells that mean "no value": CONAPO writes a hyphen, its formatted
/// publication an em dash; an en dash is the same mistake in other files.
const MISSING_MARKS: [&str; 4] = ["", "-", "\u{2014}", "\u{2013}"];

/// A decoded CSV file whose header row has been found.
pub(crate) struct Table {
    path: PathBuf,
    records: Vec<StringRecord>,
    columns: HashMap<String, usize>,
    lines: LineIndex,
}

impl Table {
    /// Reads `path`, decodes it and finds the first row naming every column
    /// in `required`; rows above it (titles, a long Spanish header) are
    /// skipped.
    pub(crate) fn read(path: &Path, required: &[&'static str]) -> Result<Self, ReferenceError> {
        let bytes = std::fs::read(path).map_err(|source| ReferenceError::Io {
            path: path.to_owned(),
            source,
        })?;
        let text = decode(path, &bytes);
        let lines = LineIndex::new(text.as_bytes());
        let records = parse_records(path, &text, &lines)?;
        let Some(header) = records.iter().position(|r| names_all(r, required)) else {
            return Err(ReferenceError::MissingHeader {
                path: path.to_owned(),
                columns: required.to_vec(),
            });
        };
        let line = records[header]
            .position()
            .map_or(0, |p| lines.line_at(p.byte()));
        tracing::debug!(file = %path.display(), line, "header row found");
        let columns = header_columns(&records[header]);
        let records = records.into_iter().skip(header + 1).collect();
        Ok(Self {
            path: path.to_owned(),
            records,
            columns,
            lines,
        })
    }

    /// Returns the rows after the header that have at least one non-blank
    /// cell.
    pub(crate) fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records
            .iter()
            .filter(|r| r.iter().any(|cell| !cell.trim().is_empty()))
            .map(|record| Row {
                table: self,
                record,
            })
    }
}

/// One data row of a [`Table`].
pub(crate) struct Row<'a> {
    table: &'a Table,
    record: &'a StringRecord,
}

impl Row<'_> {
    /// Returns the line of the row in the file, from 1.
    pub(crate) fn line(&self) -> u64 {
        let byte = self.record.position().map_or(0, csv::Position::byte);
        self.table.lines.line_at(byte)
    }

    /// Returns the trimmed cell of `column`, or `None` when the row stops
    /// before it or the header lacks it.
    pub(crate) fn cell(&self, column: &str) -> Option<&str> {
        let index = *self.table.columns.get(column)?;
        self.record.get(index).map(str::trim)
    }

    /// Returns the trimmed cell of `column`, which must hold a value.
    pub(crate) fn text(&self, column: &'static str) -> Result<&str, ReferenceError> {
        match self.cell(column) {
            Some(cell) if !is_missing(cell) => Ok(cell),
            _ => Err(self.missing(column)),
        }
    }

    /// Returns the number in `column`, or `None` for a missing-value mark.
    pub(crate) fn optional_number(
        &self,
        column: &'static str,
    ) -> Result<Option<f64>, ReferenceError> {
        let cell = self.cell(column).unwrap_or_default();
        if is_missing(cell) {
            return Ok(None);
        }
        match parse_number(cell) {
            Some(value) => Ok(Some(value)),
            None => Err(self.invalid(column, "a number")),
        }
    }

    /// Returns the number in `column`, which must hold one.
    pub(crate) fn number(&self, column: &'static str) -> Result<f64, ReferenceError> {
        self.optional_number(column)?
            .ok_or_else(|| self.missing(column))
    }

    /// Returns the whole number in `column`, or `None` for a missing-value
    /// mark or a row that stops before the column.
    pub(crate) fn optional_count(
        &self,
        column: &'static str,
    ) -> Result<Option<u32>, ReferenceError> {
        let cell = self.cell(column).unwrap_or_default();
        if is_missing(cell) {
            return Ok(None);
        }
        let count = parse_count(cell).ok_or_else(|| self.invalid(column, "a whole number"))?;
        Ok(Some(count))
    }

    /// Returns the whole number (a count of people or a year) in `column`.
    pub(crate) fn count(&self, column: &'static str) -> Result<u32, ReferenceError> {
        self.optional_count(column)?
            .ok_or_else(|| self.missing(column))
    }

    /// Returns the municipality of a combined state and municipality code
    /// of Oaxaca in `column` (`20067`). The code is read as a number
    /// because CONAPO's national files drop the leading zero of states
    /// below 10 (`1001`); any state other than 20 is an error.
    pub(crate) fn oaxaca_municipality(
        &self,
        column: &'static str,
    ) -> Result<MunicipalityKey, ReferenceError> {
        let expected = "a 5-digit code of a municipality of Oaxaca (state 20)";
        let cell = self.text(column)?;
        let code = (cell.len() <= 5)
            .then(|| parse_count(cell))
            .flatten()
            .ok_or_else(|| self.invalid(column, expected))?;
        if code / 1000 != StateKey::oaxaca().value() {
            return Err(self.invalid(column, expected));
        }
        MunicipalityKey::from_number(code % 1000).map_err(|_| self.invalid(column, expected))
    }

    /// Builds the error for a cell that does not hold what `column` needs.
    pub(crate) fn invalid(&self, column: &'static str, expected: &'static str) -> ReferenceError {
        ReferenceError::InvalidValue {
            path: self.table.path.clone(),
            line: self.line(),
            column,
            expected,
        }
    }

    fn missing(&self, column: &'static str) -> ReferenceError {
        ReferenceError::MissingValue {
            path: self.table.path.clone(),
            line: self.line(),
            column,
        }
    }
}

/// Decodes UTF-8 (with or without a byte order mark), or Windows-1252 when
/// the bytes are not UTF-8: CONAPO's open-data files are Windows-1252, and
/// a Windows-1252 file of Spanish names is practically never valid UTF-8.
fn decode(path: &Path, bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    tracing::debug!(file = %path.display(), "not UTF-8; decoding as Windows-1252");
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// Splits the text into CSV records, keeping each one's position.
fn parse_records(
    path: &Path,
    text: &str,
    lines: &LineIndex,
) -> Result<Vec<StringRecord>, ReferenceError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = StringRecord::new();
    loop {
        let line = lines.line_at(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(true) => records.push(record.clone()),
            Ok(false) => return Ok(records),
            Err(source) => {
                let path = path.to_owned();
                return Err(ReferenceError::Csv { path, line, source });
            }
        }
    }
}

fn names_all(record: &StringRecord, required: &[&str]) -> bool {
    required
        .iter()
        .all(|name| record.iter().any(|cell| cell.trim() == *name))
}

/// Maps each header name to its column; the first of two equal names wins.
fn header_columns(header: &StringRecord) -> HashMap<String, usize> {
    let mut columns = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        columns.entry(name.trim().to_owned()).or_insert(index);
    }
    columns
}

fn is_missing(cell: &str) -> bool {
    MISSING_MARKS.contains(&cell.trim())
}

/// Removes the spaces that formatted publications use as thousands
/// separators (`" 948 990"`), including the no-break spaces Excel writes.
fn without_spaces(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect()
}

/// Parses a decimal number written with a point and optional spaces
/// between thousands; commas are refused, since they could be either.
fn parse_number(cell: &str) -> Option<f64> {
    let value: f64 = without_spaces(cell).parse().ok()?;
    value.is_finite().then_some(value)
}

fn parse_count(cell: &str) -> Option<u32> {
    let digits = without_spaces(cell);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_space_thousands_separators_are_read() {
        assert_eq!(parse_count(" 948 990"), Some(948_990));
        assert_eq!(parse_count("1\u{a0}049 792"), Some(1_049_792));
        assert_eq!(parse_number(" 60.319"), Some(60.319));
        assert_eq!(parse_number("-1.562"), Some(-1.562));
    }

    #[test]
    fn thousands_commas_and_signs_are_not_counts() {
        assert_eq!(parse_count("2,027"), None);
        assert_eq!(parse_count("-5"), None);
        assert_eq!(parse_count(""), None);
        assert_eq!(parse_number("1,5"), None);
    }

    #[test]
    fn dashes_mean_missing() {
        assert!(is_missing(" - "));
        assert!(is_missing("\u{2014}"));
        assert!(!is_missing("0"));
    }

    #[test]
    fn lines_are_counted_with_crlf_and_lf_endings() {
        let text = "title\r\n,,\r\nA,B\r\n1,2\n3,\"x\ny\"\n4,5\n";
        let lines = LineIndex::new(text.as_bytes());
        let records = parse_records(Path::new("t.csv"), text, &lines).unwrap();
        let found: Vec<u64> = records
            .iter()
            .map(|r| lines.line_at(r.position().unwrap().byte()))
            .collect();
        assert_eq!(found, [1, 2, 3, 4, 5, 7]);
    }

    #[test]
    fn windows_1252_is_decoded_when_not_utf8() {
        let path = Path::new("test.csv");
        assert_eq!(decode(path, b"Cos\xEDo"), "Cosío");
        assert_eq!(decode(path, b"\xEF\xBB\xBFCos\xC3\xADo"), "Cosío");
    }
}
