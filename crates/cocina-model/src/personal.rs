//! Personal data: values that Mexican data-protection law forbids in any
//! public output.
//!
//! Each type here keeps its value private; `Display` and `Debug` print a
//! placeholder, so a value that reaches a log line, an error message or a
//! template by accident shows nothing. Code that truly needs the value (an
//! internal export, a duplicate check) calls `reveal`, which `clippy.toml`
//! flags outside this crate so that every use is a reviewed decision. Serde
//! writes the value, for the internal canonical files only.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

macro_rules! personal {
    ($(#[$doc:meta])* $name:ident($inner:ty), $reveal:ty) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name($inner);

        impl $name {
            /// Wraps a value read from a source.
            #[must_use]
            pub fn new(value: $inner) -> Self {
                Self(value)
            }

            /// Returns the personal value. Never put it in public output.
            #[must_use]
            pub fn reveal(&self) -> $reveal {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}([redacted])", stringify!($name))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[redacted]")
            }
        }
    };
}

personal!(
    /// A person's full name (beneficiary or committee member).
    PersonName(String), &str
);
personal!(
    /// A person's telephone number.
    PhoneNumber(String), &str
);
personal!(
    /// A person's home address.
    Address(String), &str
);
personal!(
    /// A person's date of birth. Ages and age groups derived from it are not
    /// personal once aggregated; the date itself is.
    BirthDate(NaiveDate), &NaiveDate
);

impl BirthDate {
    /// Returns the age in whole years reached on `on`, or `None` when `on`
    /// is before the birth date.
    #[must_use]
    pub fn age_on(&self, on: NaiveDate) -> Option<u16> {
        on.years_since(self.0).and_then(|y| u16::try_from(y).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_values_are_redacted_in_display_and_debug() {
        let name = PersonName::new("Juana Pérez".into());
        let phone = PhoneNumber::new("951 000 0000".into());
        let shown = format!("{name} {name:?} {phone} {phone:?}");
        assert!(!shown.contains("Juana"), "{shown}");
        assert!(!shown.contains("951"), "{shown}");
        let birth = BirthDate::new(NaiveDate::from_ymd_opt(2015, 4, 12).unwrap());
        let shown = format!("{birth} {birth:?}");
        assert!(!shown.contains("2015"), "{shown}");
    }

    #[test]
    fn age_is_counted_in_whole_years() {
        let birth = BirthDate::new(NaiveDate::from_ymd_opt(2010, 6, 15).unwrap());
        let day = |m, d| NaiveDate::from_ymd_opt(2016, m, d).unwrap();
        assert_eq!(birth.age_on(day(6, 14)), Some(5));
        assert_eq!(birth.age_on(day(6, 15)), Some(6));
        assert_eq!(
            birth.age_on(NaiveDate::from_ymd_opt(2009, 1, 1).unwrap()),
            None
        );
    }
}
