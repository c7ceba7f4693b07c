//! Cell values as read, and how they are read as text, numbers, dates and
//! codes.
//!
//! Spreadsheets store dates as day counts (*serials*) from an epoch that is
//! either 1899-12-30 (the *1900 date system*, with Excel's fictitious
//! 1900-02-29) or 1904-01-01 (the *1904 date system* of old Mac workbooks).
//! A date cell tells its epoch; a plain number in a date column is converted
//! with the workbook's. Text dates are read day first (`15/03/2024`), as
//! written in Mexico, as ISO 8601 (`2024-03-15`), or with Spanish month
//! names (`15 de marzo de 2024`); see the `dates` module for the guesses
//! that are read but reported. Coordinates may be written in degrees,
//! minutes and seconds (`coordinates`); yes/no and status words have
//! their variants (`words`).

mod coordinates;
mod dates;
mod words;

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::Serialize;

pub(crate) use coordinates::parse_coordinate;
pub(crate) use dates::{TextDate, date_pairs, short_date_numbers};
pub(crate) use words::{parse_bool, parse_status};

/// One cell as read from a file.
///
/// `Debug` shows only the kind of value: cells hold names, CURPs and phone
/// numbers, which must never reach a log.
#[derive(Clone, PartialEq, Default)]
pub enum Value {
    /// No value.
    #[default]
    Empty,
    /// Text, exactly as stored (not trimmed).
    Text(String),
    /// A number, including integers and numbers shown with any format that
    /// is not a date or time.
    Number(f64),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A date or date and time: a date-formatted cell or an ISO 8601 value.
    DateTime(NaiveDateTime),
    /// A time of day without a date.
    Time(NaiveTime),
    /// A spreadsheet error such as `#N/A` or `#DIV/0!`, as the spreadsheet
    /// shows it.
    Error(String),
}

impl Value {
    /// Returns whether the cell holds nothing, or only white space.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// Returns the text of a text cell, untrimmed.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Empty => f.write_str("Empty"),
            Value::Text(text) => write!(f, "Text([redacted; {} chars])", text.chars().count()),
            Value::Number(_) => f.write_str("Number([redacted])"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::DateTime(_) => f.write_str("DateTime([redacted])"),
            Value::Time(_) => f.write_str("Time([redacted])"),
            Value::Error(error) => write!(f, "Error({error})"),
        }
    }
}

/// The epoch a workbook counts date serials from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSystem {
    /// Serial 1 is 1900-01-01; Excel's default.
    #[default]
    Excel1900,
    /// Serial 0 is 1904-01-01; old Mac workbooks.
    Excel1904,
}

impl DateSystem {
    /// Returns the system a workbook uses from its `date1904` flag.
    #[must_use]
    pub fn from_1904_flag(is_1904: bool) -> Self {
        if is_1904 {
            DateSystem::Excel1904
        } else {
            DateSystem::Excel1900
        }
    }

    /// Converts a serial to a date and time; `None` when the serial is not a
    /// real date in this system (negative, too large, not finite, or Excel's
    /// fictitious 1900-02-29).
    ///
    /// ```
    /// use cocina_importers::DateSystem;
    ///
    /// let date = |s| DateSystem::Excel1904.serial_to_datetime(s).map(|d| d.date().to_string());
    /// assert_eq!(date(43904.0).as_deref(), Some("2024-03-15"));
    /// let date = |s| DateSystem::Excel1900.serial_to_datetime(s).map(|d| d.date().to_string());
    /// assert_eq!(date(45366.0).as_deref(), Some("2024-03-15"));
    /// assert_eq!(date(60.0), None);
    /// ```
    #[must_use]
    pub fn serial_to_datetime(self, serial: f64) -> Option<NaiveDateTime> {
        // Excel's last date, 9999-12-31, is serial 2958465 in the 1900 system.
        if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let base = match self {
            DateSystem::Excel1904 => NaiveDate::from_ymd_opt(1904, 1, 1)?,
            // Serials before the fictitious 1900-02-29 (serial 60) count
            // from 1899-12-31; later ones from 1899-12-30.
            DateSystem::Excel1900 if serial < 60.0 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
            DateSystem::Excel1900 if serial < 61.0 => return None,
            DateSystem::Excel1900 => NaiveDate::from_ymd_opt(1899, 12, 30)?,
        };
        let millis = (serial * 86_400_000.0).round() as i64;
        base.and_time(NaiveTime::MIN)
            .checked_add_signed(TimeDelta::try_milliseconds(millis)?)
    }
}

/// Converts the fraction of a day of a time-formatted cell to a time of day.
pub(crate) fn fraction_to_time(fraction: f64) -> Option<NaiveTime> {
    if !(0.0..1.0).contains(&fraction) {
        return None;
    }
    let millis = (fraction * 86_400_000.0).round() as i64;
    NaiveTime::MIN
        .overflowing_add_signed(TimeDelta::try_milliseconds(millis)?)
        .0
        .into()
}

/// Why a cell could not be read as what its field needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidCell {
    /// The cell holds a spreadsheet error, or (in files without typed errors)
    /// text that is one.
    #[error("cell holds the spreadsheet error {error}")]
    ErrorValue {
        /// The error as the spreadsheet shows it, such as `#N/A`.
        error: String,
    },
    /// The cell holds a value of another type, or text that does not parse.
    #[error("cell does not hold {expected}")]
    WrongType {
        /// What was expected, in English ("a number", "a date").
        expected: &'static str,
    },
}

/// Spelling of spreadsheet errors in English and Spanish Excel and in
/// `LibreOffice`, for files that store them as text (CSV, and .ods through
/// calamine).
const ERROR_TEXTS: [&str; 16] = [
    "#N/A",
    "#N/D",
    "#DIV/0!",
    "#¡DIV/0!",
    "#VALUE!",
    "#¡VALOR!",
    "#REF!",
    "#¡REF!",
    "#NAME?",
    "#¿NOMBRE?",
    "#NUM!",
    "#¡NUM!",
    "#NULL!",
    "#¡NULO!",
    "#DATA!",
    "#GETTING_DATA",
];

/// Returns whether `text` is how a spreadsheet shows an error value.
pub(crate) fn looks_like_error(text: &str) -> bool {
    let text = text.trim();
    if ERROR_TEXTS.iter().any(|e| e.eq_ignore_ascii_case(text)) {
        return true;
    }
    // LibreOffice shows some errors as `Err:502`.
    text.strip_prefix("Err:")
        .is_some_and(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
}

/// Formats a number as a spreadsheet shows it in General format: integers
/// without a decimal point.
pub(crate) fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// Reads a cell as trimmed text; numbers are written as in General format.
/// Blank cells are `None`. With `text_errors`, error-looking text is an
/// error value.
pub(crate) fn read_text(value: &Value, text_errors: bool) -> Result<Option<String>, InvalidCell> {
    let text = match value {
        Value::Empty => return Ok(None),
        Value::Text(text) if text_errors && looks_like_error(text) => {
            return Err(error_value(text));
        }
        Value::Text(text) => text.trim().to_owned(),
        Value::Number(n) => format_number(*n),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Value::DateTime(dt) if dt.time() == NaiveTime::MIN => dt.date().to_string(),
        Value::DateTime(dt) => dt.to_string(),
        Value::Time(t) => t.to_string(),
        Value::Error(error) => return Err(error_value(error)),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// Reads a cell as free text kept exactly as stored (a name, an address):
/// surrounding white space, tabs included, is the publisher's to judge.
/// Blank cells are `None`.
pub(crate) fn read_free_text(
    value: &Value,
    text_errors: bool,
) -> Result<Option<String>, InvalidCell> {
    match value {
        Value::Text(text) if text.trim().is_empty() => Ok(None),
        Value::Text(text) if !(text_errors && looks_like_error(text)) => Ok(Some(text.clone())),
        other => read_text(other, text_errors),
    }
}

fn error_value(error: &str) -> InvalidCell {
    InvalidCell::ErrorValue {
        error: error.trim().to_owned(),
    }
}

/// Reads a cell as a number. Text is parsed with a decimal point or a
/// decimal comma; in files without typed errors, error-looking text is an
/// error value.
pub(crate) fn read_number(value: &Value, text_errors: bool) -> Result<Option<f64>, InvalidCell> {
    const EXPECTED: &str = "a number";
    match value {
        Value::Empty => Ok(None),
        Value::Number(n) => Ok(Some(*n)),
        Value::Text(text) if text.trim().is_empty() => Ok(None),
        Value::Text(text) if text_errors && looks_like_error(text) => Err(error_value(text)),
        Value::Text(text) => parse_number(text)
            .map(Some)
            .ok_or(InvalidCell::WrongType { expected: EXPECTED }),
        Value::Error(error) => Err(error_value(error)),
        _ => Err(InvalidCell::WrongType { expected: EXPECTED }),
    }
}

/// Parses a number written by a person: optional sign, a decimal point or
/// comma, thousands separators (space, or the other of point and comma).
/// A single comma is read as a decimal comma.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let dots = compact.matches('.').count();
    let commas = compact.matches(',').count();
    let normal = match (dots, commas) {
        (0 | 1, 0) => compact,
        (_, 0) => compact.replace('.', ""),
        (0, 1) => compact.replace(',', "."),
        (0, _) => compact.replace(',', ""),
        _ => {
            let last_dot = compact.rfind('.')?;
            let last_comma = compact.rfind(',')?;
            if last_comma > last_dot {
                compact.replace('.', "").replace(',', ".")
            } else {
                compact.replace(',', "")
            }
        }
    };
    let digits_only = normal
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !digits_only || !normal.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    normal.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Reads `text` as a whole number written with one separator and three
/// digits after it (`1.234`, `1,234`): in a count that is a thousands
/// separator, although a coordinate would read it as a decimal one.
pub(crate) fn thousands_reading(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, fraction) = text.split_once(['.', ','])?;
    let ok = (1..=3).contains(&whole.len())
        && fraction.len() == 3
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit());
    ok.then(|| format!("{whole}{fraction}").parse().ok())
        .flatten()
}

/// Reads a cell as a date: a date cell, a serial in the workbook's system,
/// or text. A time part is dropped. A date read by guessing (see
/// [`DateRepair`](crate::issue::DateRepair)) is returned like any other; [`read_date_checked`] says
/// what was guessed.
pub(crate) fn read_date(
    value: &Value,
    dates: DateSystem,
    text_errors: bool,
) -> Result<Option<NaiveDate>, InvalidCell> {
    read_date_checked(value, dates, text_errors).map(|read| read.map(|d| d.date))
}

/// Reads a cell as a date, with what had to be guessed to read it.
///
/// A number is a serial in the workbook's date system, also when the cell
/// carries no date format: the column says it is a date.
pub(crate) fn read_date_checked(
    value: &Value,
    dates: DateSystem,
    text_errors: bool,
) -> Result<Option<TextDate>, InvalidCell> {
    const EXPECTED: &str = "a date";
    let wrong = InvalidCell::WrongType { expected: EXPECTED };
    let exact = |date| Ok(Some(TextDate { date, repair: None }));
    match value {
        Value::Empty => Ok(None),
        Value::DateTime(dt) => exact(dt.date()),
        // Serials below 1 are times of day, not dates.
        Value::Number(n) if *n >= 1.0 => match dates.serial_to_datetime(*n) {
            Some(dt) => exact(dt.date()),
            None => Err(wrong),
        },
        Value::Text(text) if text.trim().is_empty() => Ok(None),
        Value::Text(text) if text_errors && looks_like_error(text) => Err(error_value(text)),
        Value::Text(text) => dates::parse_text_date(text, dates).map(Some).ok_or(wrong),
        Value::Error(error) => Err(error_value(error)),
        _ => Err(wrong),
    }
}

/// Parses a date written as text without guessing: ISO 8601
/// (`2024-03-15`, optionally with a time), day first with `/`, `-` or `.`
/// (`15/03/2024`, `5-3-2024`), year first, or with a Spanish month name
/// (`15 de marzo de 2024`, `15-MAR-2024`, `MARZO 15, 2024`). Text that
/// could only be read by guessing (a two-digit year, month first) is
/// refused.
#[cfg(test)]
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    dates::parse_text_date(text, DateSystem::default())
        .filter(|d| d.repair.is_none())
        .map(|d| d.date)
}

/// Reads a cell as a time of day.
pub(crate) fn read_time(value: &Value) -> Result<Option<NaiveTime>, InvalidCell> {
    const EXPECTED: &str = "a time";
    let wrong = InvalidCell::WrongType { expected: EXPECTED };
    match value {
        Value::Empty => Ok(None),
        Value::Time(t) => Ok(Some(*t)),
        Value::DateTime(dt) => Ok(Some(dt.time())),
        Value::Number(n) => fraction_to_time(*n).map(Some).ok_or(wrong),
        Value::Text(text) if text.trim().is_empty() => Ok(None),
        Value::Text(text) => NaiveTime::parse_from_str(text.trim(), "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(text.trim(), "%H:%M"))
            .map(Some)
            .map_err(|_| wrong),
        Value::Error(error) => Err(error_value(error)),
        Value::Bool(_) => Err(wrong),
    }
}

/// A numeric code read from a cell, with whether zeros had to be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeText {
    /// The code's text, zero-padded when it was shorter than its width.
    pub(crate) text: String,
    /// Whether leading zeros were added.
    pub(crate) padded: bool,
}

/// Reads a code such as an INEGI key: digits kept as text, left-padded with
/// zeros to `width` when stored as a number (the zeros were lost) or, if
/// `pad_text`, when typed as shorter text. Anything else is returned trimmed,
/// for the key's own check to reject.
pub(crate) fn read_code(
    value: &Value,
    width: usize,
    pad_text: bool,
) -> Result<Option<CodeText>, InvalidCell> {
    let (text, from_number) = match value {
        Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => (format_number(*n), true),
        Value::Text(text) => match integral_text(text.trim()) {
            Some(digits) => (digits.to_owned(), false),
            None => (text.trim().to_owned(), false),
        },
        other => match read_text(other, false)? {
            Some(text) => (text, false),
            None => return Ok(None),
        },
    };
    if text.is_empty() {
        return Ok(None);
    }
    let all_digits = text.bytes().all(|b| b.is_ascii_digit());
    if all_digits && text.len() < width && (from_number || pad_text) {
        let padded = format!("{text:0>width$}");
        return Ok(Some(CodeText {
            text: padded,
            padded: true,
        }));
    }
    Ok(Some(CodeText {
        text,
        padded: false,
    }))
}

/// Returns the digits of `67` or `67.0` (a code a tool wrote as a float).
fn integral_text(text: &str) -> Option<&str> {
    let (digits, fraction) = text.split_once('.').unwrap_or((text, ""));
    let is_integral = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b == b'0');
    is_integral.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn serials_follow_each_date_system() {
        let d1900 = |s| DateSystem::Excel1900.serial_to_datetime(s).unwrap().date();
        let d1904 = |s| DateSystem::Excel1904.serial_to_datetime(s).unwrap().date();
        assert_eq!(d1900(1.0), ymd(1900, 1, 1));
        assert_eq!(d1900(59.0), ymd(1900, 2, 28));
        assert_eq!(d1900(61.0), ymd(1900, 3, 1));
        assert_eq!(d1900(45366.0), ymd(2024, 3, 15));
        assert_eq!(d1904(0.0), ymd(1904, 1, 1));
        assert_eq!(d1904(43904.0), ymd(2024, 3, 15));
        assert_eq!(d1904(43889.0), ymd(2024, 2, 29));
        assert!(DateSystem::Excel1900.serial_to_datetime(-1.0).is_none());
        assert!(DateSystem::Excel1900.serial_to_datetime(f64::NAN).is_none());
        assert!(DateSystem::Excel1900.serial_to_datetime(1e300).is_none());
    }

    #[test]
    fn times_come_from_day_fractions() {
        assert_eq!(fraction_to_time(0.3125), NaiveTime::from_hms_opt(7, 30, 0));
        assert_eq!(fraction_to_time(1.5), None);
    }

    #[test]
    fn numbers_accept_decimal_commas_and_separators() {
        assert_eq!(parse_number("17,0606"), Some(17.0606));
        assert_eq!(parse_number("-96.7253"), Some(-96.7253));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1 234"), Some(1234.0));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("17°03'"), None);
        assert_eq!(parse_number("-"), None);
    }

    #[test]
    fn one_separator_and_three_digits_may_be_thousands() {
        assert_eq!(thousands_reading("1.234"), Some(1234));
        assert_eq!(thousands_reading(" 12,500 "), Some(12_500));
        assert_eq!(thousands_reading("1.5"), None);
        assert_eq!(thousands_reading("1234.567"), None);
        assert_eq!(thousands_reading("17.0606"), None);
        assert_eq!(thousands_reading("-1.234"), None);
    }

    #[test]
    fn text_dates_are_day_first_or_iso() {
        assert_eq!(parse_date("15 de marzo de 2024"), Some(ymd(2024, 3, 15)));
        assert_eq!(parse_date("15/03/2024"), Some(ymd(2024, 3, 15)));
        assert_eq!(parse_date("5-3-2024"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_date("2024-03-15"), Some(ymd(2024, 3, 15)));
        assert_eq!(parse_date("2024-03-15T00:00:00"), Some(ymd(2024, 3, 15)));
        assert_eq!(parse_date("2024/03/15"), Some(ymd(2024, 3, 15)));
        assert_eq!(parse_date("15/03/24"), None);
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("hoy"), None);
    }

    #[test]
    fn codes_are_padded_only_when_zeros_were_lost() {
        let code = |v: Value, pad| read_code(&v, 3, pad).unwrap().unwrap();
        assert_eq!(code(Value::Number(67.0), false).text, "067");
        assert!(code(Value::Number(67.0), false).padded);
        assert_eq!(code(Value::Text("067".into()), true).text, "067");
        assert!(!code(Value::Text("067".into()), true).padded);
        assert_eq!(code(Value::Text("43".into()), true).text, "043");
        assert_eq!(code(Value::Text("43".into()), false).text, "43");
        assert_eq!(code(Value::Text("67.0".into()), true).text, "067");
        assert_eq!(code(Value::Text("6a".into()), true).text, "6a");
        assert_eq!(read_code(&Value::Empty, 3, true), Ok(None));
    }

    #[test]
    fn error_values_are_never_numbers() {
        let err = |v: &Value, text_errors| read_number(v, text_errors).unwrap_err();
        assert!(matches!(
            err(&Value::Error("#DIV/0!".into()), false),
            InvalidCell::ErrorValue { .. }
        ));
        assert!(matches!(
            err(&Value::Text("#N/A".into()), false),
            InvalidCell::WrongType { .. }
        ));
        assert!(matches!(
            err(&Value::Text("#N/A".into()), true),
            InvalidCell::ErrorValue { .. }
        ));
        assert!(looks_like_error("Err:502"));
        assert!(!looks_like_error("#1"));
    }

    #[test]
    fn debug_never_shows_the_value() {
        let shown = format!("{:?}", Value::Text("Juana".into()));
        assert!(!shown.contains("Juana"), "{shown}");
        let shown = format!("{:?}", Value::Number(9_510_000_000.0));
        assert!(!shown.contains("951"), "{shown}");
    }
}
