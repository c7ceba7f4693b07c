//! Text dates as people type them in Mexico: day first (`15/03/2016`),
//! ISO 8601 (`2016-03-15`), or with Spanish month names (`15 de marzo de
//! 2016`, `15-MAR-2016`, `MARZO 15, 2016`, `15 mar. 2016`).
//!
//! A date that can only be read by guessing is still read, together with
//! the [`DateRepair`] that says what was guessed, so that the guess reaches
//! the user as an issue and is never silent: a two-digit year (the century
//! is guessed), month-first order (`03/15/2016`, where 15 cannot be a
//! month), and a day count typed as text in a date column.

use super::DateSystem;
use crate::issue::DateRepair;
use chrono::{Datelike, NaiveDate};
use cocina_model::text::fold;

/// A date read from text, with what was guessed, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextDate {
    pub(crate) date: NaiveDate,
    pub(crate) repair: Option<DateRepair>,
}

impl TextDate {
    fn exact(date: NaiveDate) -> Self {
        Self { date, repair: None }
    }
}

/// Month names and abbreviations, folded, Spanish first. The English
/// abbreviations that differ from the Spanish ones are included because
/// spreadsheet programs in English write `15-Jan-2016`.
const MONTHS: [(&str, u32); 31] = [
    ("enero", 1),
    ("ene", 1),
    ("jan", 1),
    ("febrero", 2),
    ("feb", 2),
    ("marzo", 3),
    ("mar", 3),
    ("abril", 4),
    ("abr", 4),
    ("apr", 4),
    ("mayo", 5),
    ("may", 5),
    ("junio", 6),
    ("jun", 6),
    ("julio", 7),
    ("jul", 7),
    ("agosto", 8),
    ("ago", 8),
    ("aug", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("set", 9),
    ("octubre", 10),
    ("oct", 10),
    ("noviembre", 11),
    ("nov", 11),
    ("diciembre", 12),
    ("dic", 12),
    ("dec", 12),
];

/// Returns the month a folded word names.
pub(crate) fn month_of(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(name, _)| *name == word).map(|m| m.1)
}

/// Years read from two digits: below this, 2000s; from it on, 1900s.
const TWO_DIGIT_PIVOT: u32 = 30;

/// Parses a date written as text, with what had to be guessed.
pub(crate) fn parse_text_date(text: &str, dates: DateSystem) -> Option<TextDate> {
    let text = text.trim();
    if let Some(date) = numeric_date(text) {
        return Some(date);
    }
    if let Some(date) = named_month_date(text) {
        return Some(date);
    }
    serial_text(text, dates)
}

/// `15/03/2016`, `2016-03-15`, `15.03.16`, optionally followed by a time.
fn numeric_date(text: &str) -> Option<TextDate> {
    let date_part = text.split(['T', ' ']).next()?;
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (a, b, c) = (digits(a)?, digits(b)?, digits(c)?);
    if a.1 == 4 {
        return ymd(a.0, b.0, c.0).map(TextDate::exact);
    }
    if a.1 > 2 || b.1 > 2 {
        return None;
    }
    let (year, two_digit) = year_of(c)?;
    let repaired = |date, repair: Option<DateRepair>| {
        let repair = repair.or(two_digit.then_some(DateRepair::TwoDigitYear));
        Some(TextDate { date, repair })
    };
    match ymd(year, b.0, a.0) {
        Some(date) => repaired(date, None),
        None => repaired(ymd(year, a.0, b.0)?, Some(DateRepair::MonthFirst)),
    }
}

/// `15 de marzo de 2016`, `15-MAR-2016`, `MARZO 15, 2016`, `15 mar. 16`.
fn named_month_date(text: &str) -> Option<TextDate> {
    let folded = fold(without_time(text));
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !matches!(*w, "de" | "del" | ""))
        .collect();
    let [a, b, c] = words.as_slice() else {
        return None;
    };
    let (day, month, year) = match (month_of(a), month_of(b)) {
        (Some(month), None) => (digits(b)?, month, digits(c)?),
        (None, Some(month)) => (digits(a)?, month, digits(c)?),
        _ => return None,
    };
    if day.1 > 2 {
        return None;
    }
    let (year, two_digit) = year_of(year)?;
    let date = ymd(year, month, day.0)?;
    let repair = two_digit.then_some(DateRepair::TwoDigitYear);
    Some(TextDate { date, repair })
}

/// Drops a time of day after a date (`15 de marzo de 2016 00:00`).
fn without_time(text: &str) -> &str {
    match text.rsplit_once(' ') {
        Some((date, time)) if time.contains(':') => date,
        _ => text,
    }
}

/// A spreadsheet day count typed as text: a whole number of four or five
/// digits, so that a year or a bare day is never taken for one.
fn serial_text(text: &str, dates: DateSystem) -> Option<TextDate> {
    let (digits_value, len) = digits(text)?;
    if !(4..=5).contains(&len) || (1900..=2100).contains(&digits_value) {
        return None;
    }
    let date = dates.serial_to_datetime(f64::from(digits_value))?.date();
    Some(TextDate {
        date,
        repair: Some(DateRepair::SerialText),
    })
}

/// Returns the value and length of a run of one to five ASCII digits.
fn digits(text: &str) -> Option<(u32, usize)> {
    let ok = (1..=5).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok().map(|n| (n, text.len())))
        .flatten()
}

/// A year of four digits, or of two with its century guessed.
fn year_of((value, len): (u32, usize)) -> Option<(u32, bool)> {
    match len {
        4 => Some((value, false)),
        2 if value < TWO_DIGIT_PIVOT => Some((2000 + value, true)),
        2 => Some((1900 + value, true)),
        _ => None,
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Returns the numbers a date-like text or date shows, for telling which
/// age group a spreadsheet turned into a date: `(first, second)` pairs of
/// the day, month and two-digit year as a person would have typed them
/// (`6-12` becomes 6 December, 12 June or June 2012; `0-5` May 2000).
pub(crate) fn date_pairs(date: NaiveDate) -> [(u32, u32); 4] {
    let year = date.year().rem_euclid(100).unsigned_abs();
    [
        (date.day(), date.month()),
        (date.month(), date.day()),
        (date.month(), year),
        (year, date.month()),
    ]
}

/// Reads the two numbers of a day-month text with no year, such as
/// `12-Jun`, `06-dic` or `Jun-12`, as a spreadsheet shows a range it took
/// for a date.
pub(crate) fn short_date_numbers(text: &str) -> Option<(u32, u32)> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let [a, b] = words.as_slice() else {
        return None;
    };
    match (month_of(a), month_of(b)) {
        (None, Some(month)) => Some((digits(a)?.0, month)),
        (Some(month), None) => Some((month, digits(b)?.0)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn read(text: &str) -> Option<(NaiveDate, Option<DateRepair>)> {
        parse_text_date(text, DateSystem::Excel1900).map(|d| (d.date, d.repair))
    }

    #[test]
    fn spanish_month_names_in_their_variants() {
        let march = Some((ymd(2016, 3, 15), None));
        for text in [
            "15 de marzo de 2016",
            "15 DE MARZO DEL 2016",
            "15-MAR-2016",
            "15/mar./2016",
            "15 mar. 2016",
            "MARZO 15, 2016",
            "Mar 15 2016",
            "15-Mar-2016",
        ] {
            assert_eq!(read(text), march, "{text}");
        }
        assert_eq!(
            read("1 de septiembre de 2016"),
            Some((ymd(2016, 9, 1), None))
        );
        assert_eq!(read("1-SEPT-2016"), Some((ymd(2016, 9, 1), None)));
        assert_eq!(read("24-DIC-2015"), Some((ymd(2015, 12, 24), None)));
        assert_eq!(read("15 de marzo de 2016 00:00"), march);
        assert_eq!(read("31 de febrero de 2016"), None);
        assert_eq!(read("15 de marzo"), None);
    }

    #[test]
    fn day_first_is_exact_and_guesses_are_named() {
        assert_eq!(read("05/03/2016"), Some((ymd(2016, 3, 5), None)));
        assert_eq!(read("15/03/2016 00:00:00"), Some((ymd(2016, 3, 15), None)));
        assert_eq!(
            read("03/15/2016"),
            Some((ymd(2016, 3, 15), Some(DateRepair::MonthFirst)))
        );
        assert_eq!(
            read("15/03/16"),
            Some((ymd(2016, 3, 15), Some(DateRepair::TwoDigitYear)))
        );
        assert_eq!(
            read("15/03/45"),
            Some((ymd(1945, 3, 15), Some(DateRepair::TwoDigitYear)))
        );
        assert_eq!(
            read("15-mar-16"),
            Some((ymd(2016, 3, 15), Some(DateRepair::TwoDigitYear)))
        );
        assert_eq!(read("13/13/2016"), None);
    }

    #[test]
    fn serials_typed_as_text_are_a_guess() {
        assert_eq!(
            read("42444"),
            Some((ymd(2016, 3, 15), Some(DateRepair::SerialText)))
        );
        assert_eq!(read("2016"), None, "a year is not a day count");
        assert_eq!(read("15"), None);
    }

    #[test]
    fn ranges_shown_as_short_dates() {
        assert_eq!(short_date_numbers("12-Jun"), Some((12, 6)));
        assert_eq!(short_date_numbers("06-dic"), Some((6, 12)));
        assert_eq!(short_date_numbers("Jun-12"), Some((6, 12)));
        assert_eq!(short_date_numbers("6-12"), None);
    }

    /// Spanish month names as a person writes them, with their number.
    const WRITTEN: [(&str, u32); 12] = [
        ("enero", 1),
        ("FEB", 2),
        ("Marzo", 3),
        ("abr.", 4),
        ("MAYO", 5),
        ("jun", 6),
        ("Julio", 7),
        ("AGO", 8),
        ("sept.", 9),
        ("Octubre", 10),
        ("nov", 11),
        ("DIC", 12),
    ];

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,40}") {
            let _ = parse_text_date(&text, DateSystem::Excel1900);
            let _ = short_date_numbers(&text);
        }

        #[test]
        fn dates_written_with_month_names_read_back(
            year in 1930i32..2030,
            month in 0usize..12,
            day in 1u32..=28,
            style in 0usize..4,
        ) {
            let (name, number) = WRITTEN[month];
            let text = match style {
                0 => format!("{day} de {name} de {year}"),
                1 => format!("{day:02}-{name}-{year}"),
                2 => format!("{name} {day}, {year}"),
                _ => format!("{day}/{name}/{year}"),
            };
            let read = parse_text_date(&text, DateSystem::Excel1900);
            let expected = NaiveDate::from_ymd_opt(year, number, day);
            proptest::prop_assert_eq!(read.map(|d| (d.date, d.repair)), expected.map(|d| (d, None)));
        }

        #[test]
        fn day_first_dates_read_back_exactly(year in 1930i32..2100, days in 0u32..365) {
            let date = NaiveDate::from_yo_opt(year, days + 1).unwrap();
            let text = date.format("%d/%m/%Y").to_string();
            let read = parse_text_date(&text, DateSystem::Excel1900);
            proptest::prop_assert_eq!(read, Some(TextDate { date, repair: None }));
        }
    }
}
