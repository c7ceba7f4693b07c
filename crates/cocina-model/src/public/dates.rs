//! Calendar dates written with the month's name, in Spanish (or English,
//! which the agency's systems sometimes print): `3 de mayo de 1987`,
//! `03-MAY-87`, `mayo 3, 1987`.
//!
//! A day and a month alone (`Calle 5 de Mayo`) are a street or a feast,
//! not a date: a year is required. A two-digit year is taken only in the
//! compact form a database prints (`03-MAY-87`) or after `de`
//! (`3 de mayo de 87`), since a number after a street name is its number.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Month names and abbreviations, Spanish first, as an alternation.
const MONTHS: &str = "enero|ene|febrero|feb|marzo|mar|abril|abr|mayo|may|junio|jun|julio|jul|\
agosto|ago|septiembre|setiembre|sept|sep|set|octubre|oct|noviembre|nov|diciembre|dic|\
january|jan|february|march|april|apr|june|july|august|aug|september|october|november|\
december|dec";

/// Returns whether `text` holds a real calendar date written with the
/// month's name.
pub(super) fn has_named_date(text: &str) -> bool {
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        let pattern = format!(
            r"\b(\d{{1,2}})(?:o|ro)?\.?\s*(?:de\s+)?({MONTHS})\.?\s*(?:,\s*|\s+)(?:de(?:l)?\s+)?(\d{{4}})\b"
        );
        Regex::new(&pattern).expect("a valid pattern")
    });
    static DAY_FIRST_SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        let pattern = format!(r"\b(\d{{1,2}})\s*de\s+({MONTHS})\s+del?\s+(\d{{2}})\b");
        Regex::new(&pattern).expect("a valid pattern")
    });
    static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
        let pattern = format!(r"\b(\d{{1,2}})([-/.])({MONTHS})([-/.])(\d{{2}}|\d{{4}})\b");
        Regex::new(&pattern).expect("a valid pattern")
    });
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        let pattern = format!(r"\b({MONTHS})\.?\s+(\d{{1,2}})\s*(?:,\s*|\s+)(?:de\s+)?(\d{{4}})\b");
        Regex::new(&pattern).expect("a valid pattern")
    });
    // Every form names a month. Most texts screened (kitchen keys, names
    // of places) name none, and one search for the names, in any case,
    // settles them without folding the text or running the four patterns.
    // Accents fold away, so only ASCII text can be settled this way.
    static ANY_MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("(?i:{MONTHS})")).expect("a valid pattern"));
    if text.is_ascii() && !ANY_MONTH.is_match(text) {
        return false;
    }
    let text = plain_lower(text);
    let found = |re: &Regex, day: usize, month: usize, year: usize| {
        re.captures_iter(&text)
            .any(|c| is_date(&c[day], &c[month], &c[year]))
    };
    found(&DAY_FIRST, 1, 2, 3)
        || found(&DAY_FIRST_SHORT_YEAR, 1, 2, 3)
        || COMPACT
            .captures_iter(&text)
            .any(|c| c[2] == c[4] && is_date(&c[1], &c[3], &c[5]))
        || found(&MONTH_FIRST, 2, 1, 3)
}

/// The text in lower case without accents, other characters kept.
fn plain_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// The month's number from its name or abbreviation.
fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?;
    let number = match prefix {
        "ene" | "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "abr" | "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "ago" | "aug" => 8,
        "sep" | "set" => 9,
        "oct" => 10,
        "nov" => 11,
        "dic" | "dec" => 12,
        _ => return None,
    };
    Some(number)
}

/// Whether day, month name and year make a real date; a two-digit year
/// may be of either century.
fn is_date(day: &str, month: &str, year: &str) -> bool {
    let (Ok(day), Some(month), Ok(year)) = (day.parse(), month_number(month), year.parse::<i32>())
    else {
        return false;
    };
    let years = if year < 100 {
        vec![1900 + year, 2000 + year]
    } else {
        vec![year]
    };
    years
        .into_iter()
        .any(|y| NaiveDate::from_ymd_opt(y, month, day).is_some())
}

#[cfg(test)]
mod tests {
    use super::has_named_date;

    #[test]
    fn dates_with_the_month_named_are_found() {
        for text in [
            "3 de mayo de 1987",
            "nació el 3 de Mayo del 1987",
            "1o. de ENERO de 2001",
            "03-MAY-87",
            "3/dic/1999",
            "3 DE MAYO DE 87",
            "mayo 3, 1987",
            "MAY 3 1987",
            "Comité: 15 de septiembre de 1962",
            "12 agosto 1990",
            "12 de Agosto, 1990",
        ] {
            assert!(has_named_date(text), "{text}");
        }
    }

    #[test]
    fn streets_feasts_and_periods_are_not_dates() {
        for text in [
            "Calle 5 de Mayo 123, Col. Centro",
            "Av. 16 de Septiembre 87",
            "Informe de mayo 2016",
            "Comedor 20 de Noviembre",
            "31 de febrero de 1990",
            "ENE-MAR 2016",
            "Mayoral 12 1990",
        ] {
            assert!(!has_named_date(text), "{text}");
        }
    }
}
