//! Languages of what citizens read, and severities of findings: shared by
//! validation, rendering and the portal.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language the toolkit speaks to people in. Spanish comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish, the default.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Spanish first.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// Returns the BCP 47 tag, `es` or `en`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// Reads a POSIX locale such as `LANG` or `LC_ALL` holds (`en_US.UTF-8`,
    /// `es_MX`, `C`): English when it names English, Spanish otherwise, since
    /// Spanish is the default for anything else.
    ///
    /// ```
    /// use cocina_model::Lang;
    /// assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
    /// assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Es);
    /// ```
    #[must_use]
    pub fn from_locale(locale: &str) -> Lang {
        let language = locale.trim().get(..2).unwrap_or_default();
        if language.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Es
        }
    }

    /// Picks the text in this language.
    #[must_use]
    pub fn pick<'a>(self, es: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    /// Writes a whole number as people read it in this language: digits
    /// grouped by thousands. Mexican Spanish and English both group with a
    /// comma (`2,300`), so the two languages agree today; every text meant
    /// for people formats its counts here, so that a difference can only
    /// be made in one place, on purpose. Data files (CSV, JSON) write plain
    /// digits instead.
    ///
    /// ```
    /// use cocina_model::Lang;
    /// assert_eq!(Lang::Es.number(130_704), "130,704");
    /// assert_eq!(Lang::En.number(999), "999");
    /// ```
    #[must_use]
    pub fn number(self, n: u64) -> String {
        let separator = match self {
            Lang::Es | Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag other than `es` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("language must be `es` or `en`")]
pub struct UnknownLang;

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "es" | "spa" | "español" | "espanol" => Ok(Lang::Es),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(UnknownLang),
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data is wrong and must be fixed before publication.
    Error,
    /// The data is suspicious or was repaired; a person should look.
    Warning,
    /// Worth knowing; nothing to fix.
    Notice,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_naming_english_give_english_and_any_other_spanish() {
        for locale in ["en", "en_US.UTF-8", "EN_gb", " en"] {
            assert_eq!(Lang::from_locale(locale), Lang::En, "{locale}");
        }
        for locale in [
            "es_MX.UTF-8",
            "C",
            "C.UTF-8",
            "POSIX",
            "",
            "e",
            "fr_FR",
            "ñ",
        ] {
            assert_eq!(Lang::from_locale(locale), Lang::Es, "{locale}");
        }
    }

    #[test]
    fn numbers_are_grouped_by_thousands_in_both_languages() {
        for lang in Lang::ALL {
            assert_eq!(lang.number(0), "0");
            assert_eq!(lang.number(999), "999");
            assert_eq!(lang.number(1_000), "1,000");
            assert_eq!(lang.number(2_072), "2,072");
            assert_eq!(lang.number(1_234_567), "1,234,567");
        }
    }

    #[test]
    fn tags_parse_back() {
        for lang in Lang::ALL {
            assert_eq!(lang.tag().parse::<Lang>(), Ok(lang));
        }
        assert_eq!("fr".parse::<Lang>(), Err(UnknownLang));
    }
}
