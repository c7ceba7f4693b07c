//! The CURP (*Clave Única de Registro de Población*), Mexico's 18-character
//! personal identifier issued by RENAPO.
//!
//! Layout, by 1-based position:
//!
//! | positions | content |
//! |---|---|
//! | 1–4 | letters from the surnames and given name |
//! | 5–10 | birth date, `YYMMDD` |
//! | 11 | sex: `H` (*hombre*, man), `M` (*mujer*, woman), `X` (non-binary) |
//! | 12–13 | state of birth (`OC` is Oaxaca, `NE` born abroad) |
//! | 14–16 | internal consonants of the names |
//! | 17 | homonym digit: a digit for births before 2000, a letter after |
//! | 18 | check digit |
//!
//! The check digit maps each of the first 17 characters to its index in
//! `0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ`, weighs position *i* (0-based) by
//! `18 − i`, and takes `(10 − sum mod 10) mod 10`.
//!
//! **The `X` sex marker.** RENAPO has issued CURPs with `X` since 2022 for
//! people who do not identify as man or woman. It is accepted here as
//! [`Sex::NonBinary`]; some public validators still reject it, which would
//! drop real, valid records.
//!
//! A CURP is personal data: [`Curp`]'s `Display` and `Debug` never show it,
//! and no [`CurpError`] message contains it.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::beneficiary::Sex;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMN\xd1OPQRSTUVWXYZ";

/// State-of-birth codes that may appear at positions 12–13.
const STATE_CODES: [&str; 33] = [
    "AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR", "GT", "HG", "JC", "MC", "MN",
    "MS", "NE", "NL", "NT", "OC", "PL", "QR", "QT", "SL", "SP", "SR", "TC", "TL", "TS", "VZ", "YN",
    "ZS",
];

/// Why a text is not a valid CURP. Messages name the part that is wrong and
/// never the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum CurpError {
    /// Not 18 characters long.
    #[error("CURP must have 18 characters, found {found}")]
    Length {
        /// Characters found.
        found: usize,
    },
    /// A character is not of the kind its position requires.
    #[error("CURP position {position} must be {expected}")]
    Character {
        /// 1-based position.
        position: usize,
        /// What the position requires.
        expected: CharClass,
    },
    /// Positions 5–10 are not a real date.
    #[error("CURP birth date (positions 5-10) is not a real date")]
    BirthDate,
    /// Position 11 is not `H`, `M` or `X`.
    #[error("CURP sex (position 11) must be H, M or X")]
    Sex,
    /// Positions 12–13 are not a state code.
    #[error("CURP state code (positions 12-13) is not a Mexican state or NE")]
    StateCode,
    /// Position 18 does not match the other seventeen.
    #[error("CURP check digit (position 18) does not match the other seventeen characters")]
    CheckDigit {
        /// The check digit the first 17 characters call for.
        expected: char,
    },
}

/// The kind of character a CURP position requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum CharClass {
    /// `A`–`Z`.
    Letter,
    /// `0`–`9`.
    Digit,
    /// `0`–`9` or `A`–`Z`.
    DigitOrLetter,
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CharClass::Letter => "an upper-case letter",
            CharClass::Digit => "a digit",
            CharClass::DigitOrLetter => "a digit or an upper-case letter",
        })
    }
}

/// A valid CURP, checked at construction. `Display` and `Debug` redact it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Curp([u8; 18]);

impl Curp {
    /// Parses a CURP written exactly: 18 upper-case ASCII characters.
    ///
    /// Trimming and upper-casing are left to the caller, which should report
    /// that the source needed them.
    ///
    /// # Errors
    ///
    /// Returns the first part found wrong, in reading order; the check digit
    /// is verified last.
    pub fn new(text: &str) -> Result<Self, CurpError> {
        let found = text.chars().count();
        if found != 18 || text.len() != 18 {
            return Err(CurpError::Length { found });
        }
        let mut bytes = [0u8; 18];
        bytes.copy_from_slice(text.as_bytes());
        check_shape(&bytes)?;
        birth_date_of(&bytes).ok_or(CurpError::BirthDate)?;
        let expected = check_digit(&bytes[..17]).expect("shape checked: 17 alphanumerics");
        if bytes[17] != expected as u8 {
            return Err(CurpError::CheckDigit { expected });
        }
        Ok(Self(bytes))
    }

    /// Returns the birth date encoded at positions 5–10.
    #[must_use]
    pub fn birth_date(&self) -> NaiveDate {
        birth_date_of(&self.0).expect("checked at construction")
    }

    /// Returns the sex encoded at position 11.
    #[must_use]
    pub fn sex(&self) -> Sex {
        match self.0[10] {
            b'H' => Sex::Male,
            b'M' => Sex::Female,
            _ => Sex::NonBinary,
        }
    }

    /// Returns the two-letter state-of-birth code.
    #[must_use]
    pub fn state_code(&self) -> &str {
        std::str::from_utf8(&self.0[11..13]).expect("ASCII by construction")
    }

    /// Returns the CURP itself.
    ///
    /// This is personal data: only internal, non-public files may hold it.
    /// Outside this crate, `clippy.toml` flags every call so that each one is
    /// a reviewed decision.
    #[must_use]
    pub fn reveal(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII by construction")
    }
}

/// Computes the check digit for the first 17 characters of a CURP, or `None`
/// when one of them is outside the CURP alphabet. `Ñ` may be given as the
/// Latin-1 byte `0xD1` or as `&`, which some systems write in its place.
#[must_use]
pub fn check_digit(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &byte) in first17.iter().enumerate() {
        let byte = if byte == b'&' { 0xd1 } else { byte };
        let index = ALPHABET.iter().position(|&a| a == byte)?;
        sum += index as u32 * (18 - i as u32);
    }
    let digit = (10 - sum % 10) % 10;
    Some(char::from(b'0' + digit as u8))
}

fn check_shape(b: &[u8; 18]) -> Result<(), CurpError> {
    let expect = |range: std::ops::Range<usize>, ok: fn(&u8) -> bool, what| match range
        .clone()
        .find(|&i| !ok(&b[i]))
    {
        Some(i) => Err(CurpError::Character {
            position: i + 1,
            expected: what,
        }),
        None => Ok(()),
    };
    expect(0..4, u8::is_ascii_uppercase, CharClass::Letter)?;
    expect(4..10, u8::is_ascii_digit, CharClass::Digit)?;
    if !matches!(b[10], b'H' | b'M' | b'X') {
        return Err(CurpError::Sex);
    }
    let state = std::str::from_utf8(&b[11..13]).unwrap_or("");
    if !STATE_CODES.contains(&state) {
        return Err(CurpError::StateCode);
    }
    expect(13..16, u8::is_ascii_uppercase, CharClass::Letter)?;
    let homonym = |c: &u8| c.is_ascii_digit() || c.is_ascii_uppercase();
    expect(16..17, homonym, CharClass::DigitOrLetter)?;
    expect(17..18, u8::is_ascii_digit, CharClass::Digit)
}

fn birth_date_of(b: &[u8]) -> Option<NaiveDate> {
    let two = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let century = if b[16].is_ascii_digit() { 1900 } else { 2000 };
    NaiveDate::from_ymd_opt(century + two(4).cast_signed(), two(6), two(8))
}

impl fmt::Debug for Curp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Curp([redacted])")
    }
}

impl fmt::Display for Curp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted CURP]")
    }
}

impl Serialize for Curp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[expect(clippy::disallowed_methods, reason = "serde is for internal files")]
        s.serialize_str(self.reveal())
    }
}

impl<'de> Deserialize<'de> for Curp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::new(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_check_digit_is_six() {
        assert_eq!(check_digit(b"UOPP150412MOCNRRA"), Some('6'));
        let curp = Curp::new("UOPP150412MOCNRRA6").unwrap();
        assert_eq!(
            curp.birth_date(),
            NaiveDate::from_ymd_opt(2015, 4, 12).unwrap()
        );
        assert_eq!(curp.sex(), Sex::Female);
        assert_eq!(curp.state_code(), "OC");
    }

    #[test]
    fn each_broken_part_is_named() {
        assert_eq!(
            Curp::new("UOPP150412MOCNRRA7"),
            Err(CurpError::CheckDigit { expected: '6' })
        );
        assert_eq!(
            Curp::new("UOPP150412MOCNRRA"),
            Err(CurpError::Length { found: 17 })
        );
        assert_eq!(Curp::new("TRPE100231MOCRRRA4"), Err(CurpError::BirthDate));
        assert_eq!(Curp::new("CIPE130808MXXRRRA5"), Err(CurpError::StateCode));
        assert_eq!(
            Curp::new("U0PP150412MOCNRRA6"),
            Err(CurpError::Character {
                position: 2,
                expected: CharClass::Letter
            })
        );
    }

    #[test]
    fn x_sex_marker_is_accepted_as_non_binary() {
        let curp = Curp::new("CUPE120506XOCRRRA7").unwrap();
        assert_eq!(curp.sex(), Sex::NonBinary);
    }

    #[test]
    fn century_follows_position_seventeen() {
        let curp = Curp::new("DOPE580702HOCSRR02").unwrap();
        assert_eq!(
            curp.birth_date(),
            NaiveDate::from_ymd_opt(1958, 7, 2).unwrap()
        );
        assert_eq!(curp.sex(), Sex::Male);
    }

    #[test]
    fn display_debug_and_errors_never_show_the_value() {
        let text = "UOPP150412MOCNRRA6";
        let curp = Curp::new(text).unwrap();
        assert!(!format!("{curp} {curp:?}").contains("UOPP"));
        let err = Curp::new("UOPP150412MOCNRRA7").unwrap_err();
        assert!(!err.to_string().contains("UOPP"));
    }
}
