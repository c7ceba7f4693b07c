//! Free text typed by the agency that is published: a kitchen's name and
//! place, the manifest's wording, file names.
//!
//! Such text is written by hand and sometimes holds what does not belong
//! there: a CURP or a phone number pasted into the wrong column, invisible
//! characters that reorder what a browser shows, a whole paragraph. Every
//! public text field goes through [`PublicText::screen`] once, at import:
//!
//! - control characters (C0 but tab and line ends, DEL, C1), bidirectional
//!   overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
//!   U+061C) and zero-width characters are removed; tab and line ends are
//!   kept, as the spreadsheet had them (every output escapes them);
//! - a value with the shape of personal data ([`PersonalShape`]) is replaced
//!   whole by [`PublicText::WITHHELD`];
//! - a value longer than the limit is cut to it.
//!
//! The caller reports each of these at the value's cell, without repeating
//! the value. [`looks_personal`] is the detector; the agency's kitchen keys
//! have their own, [`key_looks_personal`], since a key is a short code.

use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

mod dates;

/// The kind of personal datum a text looks like. It names the shape only:
/// the text itself is never kept with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PersonalShape {
    /// A CURP: four letters, six digits and the sex, in any case and with
    /// any spacing.
    Curp,
    /// A person's RFC: four letters and a date of six digits.
    Rfc,
    /// A phone number: 10 to 13 digits, or 8 or 9 split into groups, with
    /// spaces, dashes, dots or parentheses, possibly after `+`.
    Phone,
    /// An e-mail address.
    Email,
    /// A full calendar date, which may be a birth date: in digits or with
    /// the month's name (`3 de mayo de 1987`).
    Date,
    /// The name of a person the delivery itself lists (a beneficiary or a
    /// committee member), in any order or in part; or a kitchen key made of
    /// words alone.
    Name,
}

impl PersonalShape {
    /// Returns the shape's name in Spanish and English.
    #[must_use]
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            PersonalShape::Curp => ("una CURP", "a CURP"),
            PersonalShape::Rfc => ("un RFC", "an RFC"),
            PersonalShape::Phone => ("un número de teléfono", "a phone number"),
            PersonalShape::Email => ("un correo electrónico", "an e-mail address"),
            PersonalShape::Date => (
                "una fecha (posible fecha de nacimiento)",
                "a date (possibly a birth date)",
            ),
            PersonalShape::Name => (
                "el nombre de una persona del padrón o del comité",
                "the name of a person in the register or the committee",
            ),
        }
    }
}

/// Text that may be published: screened by [`PublicText::screen`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PublicText(String);

/// What screening did to a text, for the caller to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    /// The text as it may be published.
    pub text: PublicText,
    /// Invisible or control characters were removed.
    pub controls_removed: bool,
    /// The text looked like personal data and was replaced whole.
    pub withheld: Option<PersonalShape>,
    /// The text was longer than the limit and was cut.
    pub truncated: bool,
}

impl Screening {
    /// Returns whether the text is published exactly as written.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        !self.controls_removed && self.withheld.is_none() && !self.truncated
    }
}

impl PublicText {
    /// What is published in place of a value that looks like personal data,
    /// in Spanish and English, since one value serves both.
    pub const WITHHELD: &'static str = "[dato retirado / withheld]";

    /// The default limit of a public text, in characters: longer than any
    /// official place name, shorter than a paragraph.
    pub const DEFAULT_MAX_CHARS: usize = 200;

    /// Screens `raw` for publication, keeping at most `max_chars`
    /// characters.
    ///
    /// ```
    /// use cocina_model::public::{PersonalShape, PublicText};
    ///
    /// let kept = PublicText::screen("Cocina \u{202e}Benito Juárez", 200);
    /// assert_eq!(kept.text.as_str(), "Cocina Benito Juárez");
    /// assert!(kept.controls_removed);
    ///
    /// let phone = PublicText::screen("Tel. 951 123 4567", 200);
    /// assert_eq!(phone.text.as_str(), PublicText::WITHHELD);
    /// assert_eq!(phone.withheld, Some(PersonalShape::Phone));
    /// ```
    #[must_use]
    pub fn screen(raw: &str, max_chars: usize) -> Screening {
        let (clean, controls_removed) = strip_controls(raw);
        if let Some(shape) = looks_personal(&clean) {
            return Screening {
                text: Self(Self::WITHHELD.to_owned()),
                controls_removed,
                withheld: Some(shape),
                truncated: false,
            };
        }
        let truncated = clean.chars().count() > max_chars;
        let text = if truncated {
            clean.chars().take(max_chars).collect::<String>()
        } else {
            clean
        };
        Screening {
            text: Self(text),
            controls_removed,
            withheld: None,
            truncated,
        }
    }

    /// Returns the text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the text as a `String`.
    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for PublicText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Returns whether `c` is removed from public text: it is invisible, or it
/// changes how the text around it is shown.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
        )
}

/// Removes hidden characters but tab and line ends. Returns whether any
/// was removed.
fn strip_controls(raw: &str) -> (String, bool) {
    let mut removed = false;
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if matches!(c, '\t' | '\n' | '\r') {
            out.push(c);
        } else if is_hidden(c) {
            removed = true;
        } else {
            out.push(c);
        }
    }
    (out, removed)
}

/// Returns the kind of personal datum `text` holds somewhere, if any.
///
/// The shapes are matched anywhere in the text, ignoring case; a CURP and
/// an RFC also with spaces, dashes or dots between their characters.
/// Invisible characters are ignored, so that they cannot hide a CURP.
///
/// ```
/// use cocina_model::public::{PersonalShape, looks_personal};
///
/// assert_eq!(looks_personal("uopp 150412 mocnrra6"), Some(PersonalShape::Curp));
/// assert_eq!(looks_personal("+52 (951) 123-4567"), Some(PersonalShape::Phone));
/// assert_eq!(looks_personal("Comedor Niños Héroes 2016-2017"), None);
/// ```
#[must_use]
pub fn looks_personal(text: &str) -> Option<PersonalShape> {
    // Compatibility forms (full-width, mathematical bold, no-break spaces)
    // and other scripts' digits read the same to a person, so they are
    // looked at as the plain letters and digits they stand for.
    let visible: String = text
        .nfkc()
        .filter(|&c| !is_hidden(c))
        .map(plain_digit)
        .collect();
    if looks_like_curp(&visible) {
        return Some(PersonalShape::Curp);
    }
    if looks_like_rfc(&visible) {
        return Some(PersonalShape::Rfc);
    }
    if EMAIL.is_match(&visible) {
        return Some(PersonalShape::Email);
    }
    if has_date(&visible) || dates::has_named_date(&visible) {
        return Some(PersonalShape::Date);
    }
    has_phone(&visible).then_some(PersonalShape::Phone)
}

/// The first digit (zero) of the decimal digit blocks of scripts other than
/// Latin that Unicode compatibility folding leaves as they are.
const DIGIT_ZEROS: [u32; 16] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0E50, 0x0ED0, 0x1040, 0x17E0,
];

/// A digit of another script as its ASCII digit; any other character as is.
fn plain_digit(c: char) -> char {
    let code = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|zero| (**zero..**zero + 10).contains(&code))
        .and_then(|zero| char::from_digit(code - zero, 10))
        .unwrap_or(c)
}

/// The text upper-cased without the separators people put inside a CURP or
/// an RFC.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '_' | '/'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether the text holds a CURP's shape anywhere, check digit aside: four
/// letters, six digits, the sex.
pub(crate) fn looks_like_curp(text: &str) -> bool {
    static CURP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[A-Z]{4}[0-9]{6}[HMX]").expect("a valid pattern"));
    CURP.is_match(&compact(text))
}

/// Whether the text holds a person's RFC: four letters and a plausible
/// date (YYMMDD) not followed by another digit.
fn looks_like_rfc(text: &str) -> bool {
    static RFC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[A-Z]{4}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)")
            .expect("a valid pattern")
    });
    RFC.is_match(&compact(text))
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[[:alnum:]._%+\-]+\s*@\s*[[:alnum:]\-]+(?:\.[[:alnum:]\-]+)*\.[[:alpha:]]{2,}")
        .expect("a valid pattern")
});

/// Whether the text holds a real calendar date written in digits, day
/// first (`15/03/1980`) or in ISO 8601 (`1980-03-15`); dates with the
/// month's name are found by [`dates::has_named_date`].
fn has_date(text: &str) -> bool {
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})(?:[^0-9]|$)")
            .expect("a valid pattern")
    });
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[^0-9]|$)")
            .expect("a valid pattern")
    });
    let is_date = |y: &str, m: &str, d: &str| {
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return false;
        };
        NaiveDate::from_ymd_opt(y, m, d).is_some()
    };
    DAY_FIRST
        .captures_iter(text)
        .any(|c| is_date(&c[3], &c[2], &c[1]))
        || ISO
            .captures_iter(text)
            .any(|c| is_date(&c[1], &c[2], &c[3]))
}

/// Whether the text holds a phone number: a run of 10 to 13 digits, or of
/// 8 or 9 digits split into groups (`5123-4567`), with spaces, dashes, dots
/// or parentheses between them. Eight digits in one piece are more often a
/// request's folio than a phone. A run whose groups are all years
/// (`2016-2017`) is a period.
fn has_phone(text: &str) -> bool {
    static RUN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\+?\(?[0-9][0-9 ().\-]*[0-9]").expect("a valid pattern"));
    RUN.find_iter(text).any(|run| {
        let run = run.as_str();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let grouped = digits < run.chars().count();
        let phone = (10..=13).contains(&digits) || (grouped && (8..=9).contains(&digits));
        phone && !only_years(run)
    })
}

fn only_years(run: &str) -> bool {
    run.split(|c: char| !c.is_ascii_digit())
        .filter(|group| !group.is_empty())
        .all(|group| group.len() == 4 && (group.starts_with("19") || group.starts_with("20")))
}

/// Returns the kind of personal datum a kitchen key looks like, if any.
///
/// Keys are published as page addresses and in every table, so they are
/// screened for a CURP, a phone number, an e-mail address, a date (in
/// digits or with the month's name) and a person's name: two or more
/// words of letters and no digit at all, since the agency's keys carry a
/// number. A phone is looked for more strictly than in free text, since
/// many keys are eight or nine digits (an INEGI locality key with a
/// number); an RFC's shape is not looked for, since four letters and six
/// digits is also the shape of a plain key.
///
/// ```
/// use cocina_model::public::{PersonalShape, key_looks_personal};
///
/// assert_eq!(key_looks_personal("JUAN LOPEZ PEREZ"), Some(PersonalShape::Name));
/// assert_eq!(key_looks_personal("3-MAY-1987"), Some(PersonalShape::Date));
/// assert_eq!(key_looks_personal("OAX-VC-001"), None);
/// assert_eq!(key_looks_personal("20067001"), None);
/// ```
#[must_use]
pub fn key_looks_personal(key: &str) -> Option<PersonalShape> {
    // Printable ASCII, what nearly every key is, is its own NFKC form with
    // nothing hidden and no other digits: a list of 175,000 keys is
    // screened without copying each.
    let visible: std::borrow::Cow<'_, str> = if key.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        key.into()
    } else {
        key.nfkc()
            .filter(|&c| !is_hidden(c))
            .map(plain_digit)
            .collect::<String>()
            .into()
    };
    if looks_like_curp(&visible) {
        Some(PersonalShape::Curp)
    } else if key_looks_like_phone(&visible) {
        Some(PersonalShape::Phone)
    } else if EMAIL.is_match(&visible) {
        Some(PersonalShape::Email)
    } else if has_date(&visible) || dates::has_named_date(&visible) {
        Some(PersonalShape::Date)
    } else if key_looks_like_name(&visible) {
        Some(PersonalShape::Name)
    } else {
        None
    }
}

/// Whether a key could be a person's name: no digit, and two or more
/// words of two or more letters.
fn key_looks_like_name(key: &str) -> bool {
    if key.chars().any(char::is_numeric) {
        return false;
    }
    let words = key
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .count();
    words >= 2
}

/// Whether a kitchen key looks like a phone number: stricter than for free
/// text, since the agency's keys are often eight or nine digits (an INEGI
/// locality key with a number).
fn key_looks_like_phone(text: &str) -> bool {
    let allowed = |c: char| c.is_ascii_digit() || " -.()+".contains(c);
    let digits = text.chars().filter(char::is_ascii_digit).count();
    text.chars().all(allowed) && (10..=12).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_shapes_are_found_in_any_writing() {
        let cases = [
            ("UOPP150412MOCNRRA6", PersonalShape::Curp),
            ("cocina de uopp150412mocnrra6", PersonalShape::Curp),
            ("UOPP 150412 MOC NRR A6", PersonalShape::Curp),
            ("U\u{200B}OPP150412MOCNRRA6", PersonalShape::Curp),
            ("UOPP150412AB1", PersonalShape::Rfc),
            ("rfc: uopp-150412", PersonalShape::Rfc),
            ("951 123 4567", PersonalShape::Phone),
            ("Tel (951)1234567 ext", PersonalShape::Phone),
            ("+52 951 123 45 67", PersonalShape::Phone),
            ("5123-4567", PersonalShape::Phone),
            ("maria.lopez@example.org", PersonalShape::Email),
            ("contacto: comite @ pueblo.mx", PersonalShape::Email),
            ("nació 15/03/1980", PersonalShape::Date),
            ("1980-03-15", PersonalShape::Date),
            ("3 de mayo de 1987", PersonalShape::Date),
            ("Cocina 03-MAY-87", PersonalShape::Date),
            ("mayo 3, 1987", PersonalShape::Date),
            // Compatibility forms and other scripts' digits.
            (
                "COCINA ＭＯＦＣ４７０３２３ＭＯＣＲＬＭ３３",
                PersonalShape::Curp,
            ),
            ("COCINA 𝐌𝐎𝐅𝐂𝟒𝟕𝟎𝟑𝟐𝟑𝐌𝐎𝐂𝐑𝐋𝐌𝟑𝟑", PersonalShape::Curp),
            ("COCINA TEL ９５１ １４３ ５５３０", PersonalShape::Phone),
            (
                "COCINA \u{669}\u{665}\u{661}\u{661}\u{664}\u{663}\u{665}\u{665}\u{663}\u{660}",
                PersonalShape::Phone,
            ),
            ("COCINA 951\u{a0}143\u{a0}5530", PersonalShape::Phone),
            ("COCINA juan＠gmail．com", PersonalShape::Email),
        ];
        for (text, shape) in cases {
            assert_eq!(looks_personal(text), Some(shape), "{text}");
        }
    }

    #[test]
    fn ordinary_public_text_is_kept() {
        for text in [
            "Comedor Comunitario Benito Juárez",
            "HEROICA CIUDAD DE HUAJUAPAN DE LEÓN",
            "Calle 5 de Mayo 123, Col. Centro, CP 68000",
            "Km 12.5 Carretera Federal 190",
            "Informe de auditoría 2016-2017",
            "Padrón 2015 2016 2017",
            "Solicitud 00123416",
            "OAX-VC-0042",
            "99/99/2016",
            "padron_beneficiarios_2016.xlsx",
        ] {
            assert_eq!(looks_personal(text), None, "{text}");
        }
    }

    #[test]
    fn screening_strips_hidden_characters_and_caps_length() {
        let s = PublicText::screen("Niños\u{0}\u{7f}\u{85}\u{2066}Héroes\u{2069}\u{feff}", 200);
        assert_eq!(s.text.as_str(), "NiñosHéroes");
        assert!(s.controls_removed);
        assert_eq!(s.withheld, None);

        let s = PublicText::screen(" Línea uno\nlínea\tdos ", 200);
        assert_eq!(s.text.as_str(), " Línea uno\nlínea\tdos ");
        assert!(s.is_clean());

        let long = "ñ".repeat(250);
        let s = PublicText::screen(&long, 200);
        assert_eq!(s.text.as_str().chars().count(), 200);
        assert!(s.truncated);
    }

    #[test]
    fn personal_text_is_replaced_whole() {
        let s = PublicText::screen("Cocina UOPP150412MOCNRRA6", 200);
        assert_eq!(s.text.as_str(), PublicText::WITHHELD);
        assert_eq!(s.withheld, Some(PersonalShape::Curp));
        assert!(!s.text.as_str().contains("UOPP"));
        assert_eq!(looks_personal(PublicText::WITHHELD), None);
    }
}
