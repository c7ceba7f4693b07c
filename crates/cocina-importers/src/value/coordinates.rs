//! Coordinates written as text: decimal degrees (`-96.7253`, `-96,7253`)
//! or degrees, minutes and seconds (`17°03'25.3"N`, `96º 43' 30.5'' O`,
//! `96 43 30.5 O`).
//!
//! The degree sign comes as `°`, `º` (the ordinal sign Spanish keyboards
//! offer) or `˚`; minutes as `'`, `´`, `’` or `′`; seconds as `"`, `''`,
//! `”` or `″`. The hemisphere is a letter or word before or after the
//! numbers: `N`, `S`, `E`, `W` or `O` (*oeste*), `NORTE`, `SUR`, `ESTE`,
//! `OESTE`. South and west are negative; a minus sign also makes the value
//! negative, never positive again.

use super::parse_number;

/// Parses a coordinate in decimal degrees or degrees-minutes-seconds.
pub(crate) fn parse_coordinate(text: &str) -> Option<f64> {
    parse_number(text).or_else(|| parse_dms(text))
}

/// Whether a hemisphere makes the value negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hemisphere {
    Positive,
    Negative,
}

fn hemisphere_of(word: &str) -> Option<Hemisphere> {
    match word.to_ascii_lowercase().as_str() {
        "n" | "norte" | "e" | "este" => Some(Hemisphere::Positive),
        "s" | "sur" | "w" | "o" | "oeste" => Some(Hemisphere::Negative),
        _ => None,
    }
}

/// Characters that separate degrees, minutes and seconds.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '°' | 'º' | '˚' | '\'' | '´' | '’' | '′' | '"' | '”' | '″' | '`'
    ) || c.is_whitespace()
}

/// Parses degrees, minutes and seconds. At most one hemisphere, at the
/// start or the end; minutes and seconds below 60; degrees at most 180.
fn parse_dms(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative_sign, text) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let (hemisphere, body) = split_hemisphere(text)?;
    let numbers: Vec<&str> = body.split(is_mark).filter(|p| !p.is_empty()).collect();
    let marked = body.contains(|c: char| is_mark(c) && !c.is_whitespace());
    if numbers.is_empty()
        || numbers.len() > 3
        || (numbers.len() == 1 && !marked && hemisphere.is_none())
    {
        return None;
    }
    let values: Vec<f64> = numbers
        .iter()
        .map(|n| unsigned_number(n))
        .collect::<Option<_>>()?;
    let degrees = combine(&values)?;
    let negative = negative_sign || hemisphere == Some(Hemisphere::Negative);
    Some(if negative { -degrees } else { degrees })
}

/// Splits a hemisphere word off the start or end of `text`.
fn split_hemisphere(text: &str) -> Option<(Option<Hemisphere>, &str)> {
    let is_letter = |c: char| c.is_ascii_alphabetic();
    let start = text.find(|c: char| !is_letter(c)).unwrap_or(text.len());
    let end = text
        .char_indices()
        .rev()
        .find(|(_, c)| !is_letter(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, tail) = (&text[..start], &text[end..]);
    let (hemisphere, body) = match (head.is_empty(), tail.is_empty()) {
        (true, true) => (None, text),
        (false, true) => (Some(hemisphere_of(head)?), &text[start..]),
        (true, false) => (Some(hemisphere_of(tail)?), &text[..end]),
        (false, false) => return None,
    };
    // The ordinal sign `º` is a letter to Unicode, a degree sign here.
    if body.contains(|c: char| c.is_alphabetic() && !is_mark(c)) {
        return None;
    }
    Some((hemisphere, body))
}

/// A number of degrees, minutes or seconds: digits with at most one
/// decimal point or comma, no sign.
fn unsigned_number(text: &str) -> Option<f64> {
    let ok = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && text.bytes().filter(|b| matches!(b, b'.' | b',')).count() <= 1
        && text.bytes().any(|b| b.is_ascii_digit());
    ok.then(|| text.replace(',', ".").parse().ok()).flatten()
}

/// Combines degrees, minutes and seconds; only the last may have a
/// fraction.
fn combine(values: &[f64]) -> Option<f64> {
    let (last, whole) = values.split_last()?;
    if whole.iter().any(|v| v.fract() != 0.0) {
        return None;
    }
    let degrees = values[0];
    let minutes = values.get(1).copied().unwrap_or(0.0);
    let seconds = values.get(2).copied().unwrap_or(0.0);
    let in_range = degrees <= 180.0 && minutes < 60.0 && seconds < 60.0 && last.is_finite();
    in_range.then(|| degrees + minutes / 60.0 + seconds / 3600.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(text: &str, expected: f64) {
        let got = parse_coordinate(text).unwrap_or_else(|| panic!("{text} not read"));
        assert!((got - expected).abs() < 1e-6, "{text}: {got} != {expected}");
    }

    #[test]
    fn degrees_minutes_seconds_in_their_spellings() {
        let lat = 17.0 + 3.0 / 60.0 + 25.3 / 3600.0;
        let lon = -(96.0 + 43.0 / 60.0 + 30.5 / 3600.0);
        close("17°03'25.3\"N", lat);
        close("17º 03´ 25,3\" N", lat);
        close("N 17°03′25.3″", lat);
        close("17˚03’25.3”", lat);
        close("96°43'30.5\"W", lon);
        close("96º 43' 30.5'' O", lon);
        close("96 43 30.5 O", lon);
        close("-96°43'30.5\"", lon);
        close("-96°43'30.5\"O", lon);
        close("96 43 30.5 OESTE", lon);
        close("17°3.5'", 17.0 + 3.5 / 60.0);
        close("17.0606", 17.0606);
        close("-96,7253", -96.7253);
    }

    #[test]
    fn impossible_or_unclear_text_is_refused() {
        for text in [
            "17°75'",
            "17°03'61\"",
            "200° N",
            "17.5°3'",
            "N 17 S",
            "calle 5",
            "17 03 25 x",
            "°",
            "",
            "N",
        ] {
            assert_eq!(parse_coordinate(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,40}") {
            let _ = parse_coordinate(&text);
        }

        #[test]
        fn written_dms_reads_back(
            degrees in 0u32..180,
            minutes in 0u32..60,
            centiseconds in 0u32..6000,
            west in proptest::bool::ANY,
            style in 0usize..3,
        ) {
            let seconds = f64::from(centiseconds) / 100.0;
            let letter = if west { "O" } else { "E" };
            let text = match style {
                0 => format!("{degrees}°{minutes}'{seconds}\"{letter}"),
                1 => format!("{degrees}º {minutes}´ {seconds}'' {letter}"),
                _ => format!("{degrees} {minutes} {seconds} {letter}"),
            };
            let magnitude = f64::from(degrees) + f64::from(minutes) / 60.0 + seconds / 3600.0;
            let expected = if west { -magnitude } else { magnitude };
            let read = parse_coordinate(&text);
            proptest::prop_assert!(read.is_some_and(|r| (r - expected).abs() < 1e-9), "{text}: {read:?}");
        }
    }
}
