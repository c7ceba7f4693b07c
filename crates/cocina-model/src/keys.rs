//! INEGI geostatistical keys and the agency's kitchen key.
//!
//! INEGI's *Marco Geoestadístico* identifies a state with two digits (`20` is
//! Oaxaca), a municipality with three (`001`–`570` in Oaxaca) and a locality
//! with four; the concatenation is the CVEGEO (`20` + `067` + `0001`). Keys
//! are text: a spreadsheet that stored `67` as a number still means `067`, and
//! every published file carries the zeros.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a text is not a valid key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum KeyError {
    /// The text has the wrong number of characters.
    #[error("{kind} must have {expected} digits, found {found} characters")]
    Length {
        /// Which key was being read.
        kind: KeyKind,
        /// Digits the key must have.
        expected: usize,
        /// Characters found.
        found: usize,
    },
    /// A character is not an ASCII digit.
    #[error("{kind} must contain only digits")]
    NotDigits {
        /// Which key was being read.
        kind: KeyKind,
    },
    /// The digits are well-formed but outside the key's range.
    #[error("{kind} {value} is outside {min}–{max}")]
    OutOfRange {
        /// Which key was being read.
        kind: KeyKind,
        /// The value read.
        value: u32,
        /// Smallest valid value.
        min: u32,
        /// Largest valid value.
        max: u32,
    },
    /// A kitchen key is empty after trimming.
    #[error("kitchen key is empty")]
    EmptyKitchenKey,
    /// A kitchen key is longer than the limit.
    #[error("kitchen key has {found} characters, at most {max} are allowed")]
    KitchenKeyTooLong {
        /// Characters found.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// A kitchen key holds a control character.
    #[error("kitchen key contains a control character")]
    KitchenKeyControl,
    /// A kitchen key has the shape of personal data (a CURP, a phone
    /// number, an e-mail address, a date, a person's name) typed or pasted
    /// into the key column; see [`crate::public::key_looks_personal`].
    #[error("kitchen key looks like personal data")]
    KitchenKeyLooksPersonal,
}

/// The kind of key a [`KeyError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum KeyKind {
    /// INEGI state key (`cve_ent`).
    State,
    /// INEGI municipality key (`cve_mun`).
    Municipality,
    /// INEGI locality key (`cve_loc`).
    Locality,
    /// Combined key (`cvegeo`).
    Cvegeo,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::State => "state key",
            KeyKind::Municipality => "municipality key",
            KeyKind::Locality => "locality key",
            KeyKind::Cvegeo => "CVEGEO",
        })
    }
}

/// Checks that `text` is exactly `N` ASCII digits and returns them.
fn digits<const N: usize>(text: &str, kind: KeyKind) -> Result<[u8; N], KeyError> {
    let bytes = text.as_bytes();
    if bytes.len() != N {
        return Err(KeyError::Length {
            kind,
            expected: N,
            found: text.chars().count(),
        });
    }
    if !bytes.iter().all(u8::is_ascii_digit) {
        return Err(KeyError::NotDigits { kind });
    }
    let mut out = [0u8; N];
    out.copy_from_slice(bytes);
    Ok(out)
}

fn value_of(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
}

macro_rules! inegi_key {
    ($(#[$doc:meta])* $name:ident, $width:literal, $kind:expr, $min:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name([u8; $width]);

        impl $name {
            /// Number of digits of this key.
            pub const WIDTH: usize = $width;

            /// Parses a key from exactly its number of digits.
            ///
            /// # Errors
            ///
            /// Fails when the text is not all digits, has the wrong length or
            /// is outside the key's range.
            pub fn new(text: &str) -> Result<Self, KeyError> {
                let d = digits::<$width>(text, $kind)?;
                Self::from_number(value_of(&d))
            }

            /// Builds the key from its numeric value, zero-padding it; this is
            /// how a code that a spreadsheet stored as a number is read back.
            ///
            /// # Errors
            ///
            /// Fails when the value is outside the key's range.
            pub fn from_number(value: u32) -> Result<Self, KeyError> {
                if !($min..=$max).contains(&value) {
                    return Err(KeyError::OutOfRange { kind: $kind, value, min: $min, max: $max });
                }
                let mut out = [b'0'; $width];
                let mut rest = value;
                for slot in out.iter_mut().rev() {
                    *slot = b'0' + (rest % 10) as u8;
                    rest /= 10;
                }
                Ok(Self(out))
            }

            /// Returns the zero-padded digits.
            #[must_use]
            pub fn as_str(&self) -> &str {
                std::str::from_utf8(&self.0).expect("keys hold ASCII digits by construction")
            }

            /// Returns the numeric value of the key.
            #[must_use]
            pub fn value(&self) -> u32 {
                value_of(&self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = KeyError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

inegi_key!(
    /// INEGI state key (`cve_ent`), `01`–`32`; Oaxaca is `20`.
    StateKey, 2, KeyKind::State, 1, 32
);
inegi_key!(
    /// INEGI municipality key within a state (`cve_mun`), `001`–`999`.
    MunicipalityKey, 3, KeyKind::Municipality, 1, 999
);
inegi_key!(
    /// INEGI locality key within a municipality (`cve_loc`), `0001`–`9999`.
    LocalityKey, 4, KeyKind::Locality, 1, 9999
);

impl StateKey {
    /// Returns Oaxaca's key, `20`.
    #[must_use]
    pub fn oaxaca() -> Self {
        Self(*b"20")
    }
}

/// A combined INEGI key: a municipality (5 digits, `20067`) or a locality
/// within it (9 digits, `200670001`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cvegeo {
    /// The state.
    pub state: StateKey,
    /// The municipality within the state.
    pub municipality: MunicipalityKey,
    /// The locality within the municipality, for a 9-digit key.
    pub locality: Option<LocalityKey>,
}

impl Cvegeo {
    /// Builds the 5-digit key of a municipality.
    #[must_use]
    pub fn municipality(state: StateKey, municipality: MunicipalityKey) -> Self {
        Self {
            state,
            municipality,
            locality: None,
        }
    }

    /// Parses a 5- or 9-digit CVEGEO.
    ///
    /// # Errors
    ///
    /// Fails on any other length, on non-digits, or when a part is out of
    /// range. A 4-digit `2067` is rejected rather than guessed.
    pub fn new(text: &str) -> Result<Self, KeyError> {
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KeyError::NotDigits {
                kind: KeyKind::Cvegeo,
            });
        }
        match text.len() {
            5 | 9 => {
                let state = StateKey::new(&text[..2])?;
                let municipality = MunicipalityKey::new(&text[2..5])?;
                let locality = if text.len() == 9 {
                    Some(LocalityKey::new(&text[5..])?)
                } else {
                    None
                };
                Ok(Self {
                    state,
                    municipality,
                    locality,
                })
            }
            found => Err(KeyError::Length {
                kind: KeyKind::Cvegeo,
                expected: 9,
                found,
            }),
        }
    }

    /// Returns the 5-digit municipality part as a key of its own.
    #[must_use]
    pub fn to_municipality(self) -> Self {
        Self {
            locality: None,
            ..self
        }
    }
}

impl fmt::Display for Cvegeo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.state, self.municipality)?;
        if let Some(locality) = self.locality {
            write!(f, "{locality}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Cvegeo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cvegeo({self})")
    }
}

impl FromStr for Cvegeo {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl Serialize for Cvegeo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cvegeo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::new(&text).map_err(serde::de::Error::custom)
    }
}

/// The agency's key for a kitchen, such as `OAX-VC-001`.
///
/// The agency's keys have no published format, so any printable text is
/// accepted; it is trimmed, inner runs of white space become one space and
/// letters are upper-cased, so that `oax-vc-001 ` and `OAX-VC-001` are the
/// same kitchen.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct KitchenKey(String);

/// A key's normal form: words separated by single spaces, upper case.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Whether `text` is printable ASCII without lower case letters and with
/// single spaces between words only: already a key's normal form, which
/// most keys are, so it needs no copy per step.
fn is_normal_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .all(|b| (b' '..=b'~').contains(b) && !b.is_ascii_lowercase())
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
}

impl KitchenKey {
    /// The longest key accepted, in characters.
    pub const MAX_LEN: usize = 64;

    /// Normalises and checks a kitchen key.
    ///
    /// # Errors
    ///
    /// Fails when the key is empty, too long or holds a control character.
    pub fn new(text: &str) -> Result<Self, KeyError> {
        let normal = if is_normal_ascii(text) {
            text.to_owned()
        } else {
            normalise(text)
        };
        let found = normal.chars().count();
        if found == 0 {
            return Err(KeyError::EmptyKitchenKey);
        }
        if found > Self::MAX_LEN {
            return Err(KeyError::KitchenKeyTooLong {
                found,
                max: Self::MAX_LEN,
            });
        }
        if normal.chars().any(char::is_control) {
            return Err(KeyError::KitchenKeyControl);
        }
        if crate::public::key_looks_personal(&normal).is_some() {
            return Err(KeyError::KitchenKeyLooksPersonal);
        }
        Ok(Self(normal))
    }

    /// The prefix of the neutral keys published in place of keys that look
    /// like personal data.
    pub const WITHHELD_PREFIX: &'static str = "CLAVE-RETIRADA-";

    /// Returns the neutral key published in place of the `number`th key
    /// (from 1) of a delivery that looks like personal data
    /// ([`KeyError::KitchenKeyLooksPersonal`]): `CLAVE-RETIRADA-0001`.
    /// The number says nothing of the key it stands for.
    ///
    /// ```
    /// use cocina_model::KitchenKey;
    ///
    /// assert_eq!(KitchenKey::withheld(7).as_str(), "CLAVE-RETIRADA-0007");
    /// assert!(KitchenKey::withheld(7).is_withheld());
    /// ```
    #[must_use]
    pub fn withheld(number: u32) -> Self {
        Self(format!("{}{number:04}", Self::WITHHELD_PREFIX))
    }

    /// Returns whether this is a neutral key given by
    /// [`KitchenKey::withheld`].
    #[must_use]
    pub fn is_withheld(&self) -> bool {
        self.0.starts_with(Self::WITHHELD_PREFIX)
    }

    /// Returns the normalised key.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KitchenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for KitchenKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl<'de> Deserialize<'de> for KitchenKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::new(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitchen_keys_that_look_personal_are_refused() {
        for text in [
            "UOPP150412MOCNRRA6",
            "951 777 1234",
            "9517771234",
            "+52 (951) 777-1234",
            "Juan López Pérez",
            "LOPEZ-PEREZ-JUAN",
            "maria@example.org",
            "1987-05-03",
            "03/05/1987",
            "3 de mayo de 1987",
            "03-MAY-87",
        ] {
            assert_eq!(
                KitchenKey::new(text),
                Err(KeyError::KitchenKeyLooksPersonal),
                "{text}"
            );
        }
        for text in [
            "OAX-VC-001",
            "20067001",
            "CCNC 0012",
            "1234",
            "OAX-2016-05",
            "K",
        ] {
            assert!(KitchenKey::new(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn municipality_key_is_zero_padded_from_numbers() {
        assert_eq!(MunicipalityKey::from_number(67).unwrap().as_str(), "067");
        assert_eq!(LocalityKey::from_number(1).unwrap().as_str(), "0001");
    }

    #[test]
    fn keys_reject_wrong_width_and_range() {
        assert!(matches!(
            MunicipalityKey::new("67"),
            Err(KeyError::Length { .. })
        ));
        assert!(matches!(
            MunicipalityKey::new("000"),
            Err(KeyError::OutOfRange { .. })
        ));
        assert!(matches!(
            StateKey::new("33"),
            Err(KeyError::OutOfRange { .. })
        ));
        assert!(matches!(
            LocalityKey::new("00a1"),
            Err(KeyError::NotDigits { .. })
        ));
    }

    #[test]
    fn cvegeo_parses_both_widths_and_rejects_guesses() {
        let loc = Cvegeo::new("200670001").unwrap();
        assert_eq!(loc.municipality.as_str(), "067");
        assert_eq!(loc.to_municipality().to_string(), "20067");
        assert!(
            Cvegeo::new("20431").is_ok(),
            "five digits is a municipality key"
        );
        assert!(Cvegeo::new("2043").is_err());
        assert!(Cvegeo::new("2004300001").is_err());
    }

    #[test]
    fn kitchen_key_is_normalised() {
        let key = KitchenKey::new("  oax-vc-001 ").unwrap();
        assert_eq!(key.as_str(), "OAX-VC-001");
        assert_eq!(KitchenKey::new("\t "), Err(KeyError::EmptyKitchenKey));
    }

    proptest::proptest! {
        /// The shortcut for keys already normal agrees with normalising.
        #[test]
        fn normal_ascii_is_its_own_normal_form(text in "[ -~\t]{0,12}|[ A-Z0-9-]{0,12}") {
            if is_normal_ascii(&text) {
                proptest::prop_assert_eq!(normalise(&text), text);
            }
        }
    }
}
