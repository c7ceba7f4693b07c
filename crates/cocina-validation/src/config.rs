//! Settings of a validation run: thresholds, and the severity of each rule
//! or whether it runs at all, read from a TOML file.
//!
//! ```toml
//! # cocina.toml, next to the delivery or given with --config
//! deny-warnings = false
//!
//! [rules]
//! CA-G008 = "off"          # by code...
//! shared-point = "error"   # ...or by name: "error", "warning", "notice" or "off"
//!
//! [thresholds]
//! outside-municipality-km = 1.0
//! shared-point-kitchens = 3
//! energy-tolerance-percent = 10
//! age-tolerance-years = 1
//! max-age = 110
//! ```
//!
//! Every key is optional. An unknown key, rule or value is an error that
//! names it, so that a typo never silently keeps a rule at its default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cocina_model::Severity;
use serde::Deserialize;

use crate::rules::Rule;

/// The name a configuration file is looked for under, next to a delivery.
pub const CONFIG_FILE: &str = "cocina.toml";

/// What a configuration does with one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// The rule's findings get this severity.
    Severity(Severity),
}

/// Settings of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationOptions {
    /// How far outside its municipality's boundary a kitchen's point may lie
    /// before it is reported, in kilometres. The bundled boundaries are
    /// simplified to about 50 m, and agency points are often taken at the
    /// roadside, so exact containment would report correct points.
    pub boundary_tolerance_km: f64,
    /// How many kitchens must share one point before it is reported: two
    /// kitchens in one building happen, a whole district at one point does
    /// not.
    pub shared_point_kitchens: usize,
    /// How far, in percent, a ration's stated energy may be from 4/4/9 kcal
    /// per gram of protein, carbohydrate and fat. The 4/4/9 factors are
    /// themselves rounded, and fibre and alcohol are ignored.
    pub energy_tolerance_percent: f64,
    /// How many years a recorded age may differ from the age its birth date
    /// gives on the cut-off date: ages are often written when a person
    /// registers, months before the cut-off.
    pub age_tolerance_years: u16,
    /// The oldest plausible age; older is reported as outside the groups.
    pub max_age: u16,
    /// Rules turned off or given another severity.
    pub rules: BTreeMap<Rule, RuleSetting>,
    /// Whether warnings make the delivery fail, as errors do.
    pub deny_warnings: bool,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        Self {
            boundary_tolerance_km: 1.0,
            shared_point_kitchens: 3,
            energy_tolerance_percent: 10.0,
            age_tolerance_years: 1,
            max_age: 110,
            rules: BTreeMap::new(),
            deny_warnings: false,
        }
    }
}

impl ValidationOptions {
    /// Returns the severity `rule`'s findings get, or `None` when it is off.
    #[must_use]
    pub fn severity_of(&self, rule: Rule) -> Option<Severity> {
        match self.rules.get(&rule) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(severity)) => Some(*severity),
            None => Some(rule.info().severity),
        }
    }

    /// Reads a configuration file.
    ///
    /// # Errors
    ///
    /// Fails when the file cannot be read, is not TOML, or has a key or
    /// value this page does not describe; the error names it.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_toml(&text).map_err(|problem| ConfigError::Invalid {
            path: path.to_owned(),
            problem,
        })
    }

    /// Reads a configuration from its text.
    ///
    /// # Errors
    ///
    /// Says which key or value is wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use cocina_validation::{Rule, ValidationOptions};
    ///
    /// let options = ValidationOptions::from_toml(
    ///     "[rules]\nmissing-point = \"off\"\n[thresholds]\nshared-point-kitchens = 5\n",
    /// )
    /// .unwrap();
    /// assert_eq!(options.severity_of(Rule::MissingPoint), None);
    /// assert_eq!(options.shared_point_kitchens, 5);
    ///
    /// let err = ValidationOptions::from_toml("[thresholds]\nmax-edad = 3\n").unwrap_err();
    /// assert!(err.to_string().contains("max-edad"));
    /// ```
    pub fn from_toml(text: &str) -> Result<Self, ConfigProblem> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigProblem::Syntax {
            message: err.to_string(),
        })?;
        let mut options = Self {
            deny_warnings: raw.deny_warnings.unwrap_or(false),
            ..Self::default()
        };
        raw.thresholds.apply(&mut options)?;
        for (key, value) in raw.rules {
            let rule =
                Rule::find(&key).ok_or_else(|| ConfigProblem::UnknownRule { key: key.clone() })?;
            let setting = parse_setting(&value).ok_or(ConfigProblem::BadValue {
                key: format!("rules.{key}"),
                expected: "\"error\", \"warning\", \"notice\" or \"off\"",
            })?;
            options.rules.insert(rule, setting);
        }
        Ok(options)
    }

    /// Finds the configuration of a delivery: `explicit` when given, else
    /// `cocina.toml` in the delivery's directory, else the defaults.
    ///
    /// # Errors
    ///
    /// As [`ValidationOptions::from_file`]; an explicit file that does not
    /// exist is an error too.
    pub fn discover(delivery: &Path, explicit: Option<&Path>) -> Result<Self, ConfigError> {
        if let Some(path) = explicit {
            return Self::from_file(path);
        }
        let beside = delivery.join(CONFIG_FILE);
        if beside.is_file() {
            Self::from_file(&beside)
        } else {
            Ok(Self::default())
        }
    }
}

fn parse_setting(text: &str) -> Option<RuleSetting> {
    Some(match text.trim().to_ascii_lowercase().as_str() {
        "off" => RuleSetting::Off,
        "error" => RuleSetting::Severity(Severity::Error),
        "warning" => RuleSetting::Severity(Severity::Warning),
        "notice" => RuleSetting::Severity(Severity::Notice),
        _ => return None,
    })
}

/// A configuration file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("could not read the configuration {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file was read and is wrong.
    #[error("configuration {}: {problem}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        problem: ConfigProblem,
    },
}

/// What is wrong inside a configuration.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigProblem {
    /// Not TOML, an unknown key, or a value of the wrong type; the TOML
    /// reader's message names the key, line and column.
    #[error("{message}")]
    Syntax {
        /// The TOML reader's message.
        message: String,
    },
    /// A key of `[rules]` that is neither a rule code nor a rule name.
    #[error(
        "unknown rule `rules.{key}`: use a code such as CA-G003 or a name such as outside-municipality"
    )]
    UnknownRule {
        /// The key as written.
        key: String,
    },
    /// A value out of range or not one of those allowed.
    #[error("bad value for `{key}`: expected {expected}")]
    BadValue {
        /// The key, with its table (`thresholds.max-age`).
        key: String,
        /// What is allowed.
        expected: &'static str,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    deny_warnings: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    thresholds: RawThresholds,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawThresholds {
    outside_municipality_km: Option<f64>,
    shared_point_kitchens: Option<usize>,
    energy_tolerance_percent: Option<f64>,
    age_tolerance_years: Option<u16>,
    max_age: Option<u16>,
}

impl RawThresholds {
    fn apply(self, options: &mut ValidationOptions) -> Result<(), ConfigProblem> {
        let bad = |key: &str, expected| ConfigProblem::BadValue {
            key: format!("thresholds.{key}"),
            expected,
        };
        if let Some(km) = self.outside_municipality_km {
            if !(km.is_finite() && km >= 0.0) {
                return Err(bad("outside-municipality-km", "a distance of 0 km or more"));
            }
            options.boundary_tolerance_km = km;
        }
        if let Some(n) = self.shared_point_kitchens {
            if n < 2 {
                return Err(bad(
                    "shared-point-kitchens",
                    "a number of kitchens, 2 or more",
                ));
            }
            options.shared_point_kitchens = n;
        }
        if let Some(percent) = self.energy_tolerance_percent {
            if !(percent.is_finite() && (0.0..=100.0).contains(&percent)) {
                return Err(bad(
                    "energy-tolerance-percent",
                    "a percentage from 0 to 100",
                ));
            }
            options.energy_tolerance_percent = percent;
        }
        if let Some(years) = self.age_tolerance_years {
            options.age_tolerance_years = years;
        }
        if let Some(age) = self.max_age {
            options.max_age = age;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let cases = [
            ("colour = true", "colour"),
            ("[rules]\nCA-Z001 = \"off\"", "CA-Z001"),
            ("[rules]\nmissing-point = \"fatal\"", "rules.missing-point"),
            (
                "[thresholds]\nshared-point-kitchens = 1",
                "shared-point-kitchens",
            ),
            ("[thresholds]\nenergy-tolerance = 5", "energy-tolerance"),
            ("[thresholds]\nmax-age = \"old\"", "max-age"),
        ];
        for (text, key) in cases {
            let err = ValidationOptions::from_toml(text).unwrap_err().to_string();
            assert!(err.contains(key), "{text}: {err}");
        }
    }

    #[test]
    fn settings_apply() {
        let text = "deny-warnings = true\n[rules]\nCA-G009 = \"error\"\nmissing-point = \"off\"\n\
                    [thresholds]\noutside-municipality-km = 2.5\nenergy-tolerance-percent = 5\n";
        let options = ValidationOptions::from_toml(text).unwrap();
        assert!(options.deny_warnings);
        assert_eq!(
            options.severity_of(Rule::SharedPoint),
            Some(Severity::Error)
        );
        assert_eq!(options.severity_of(Rule::MissingPoint), None);
        assert_eq!(
            options.severity_of(Rule::InvalidCurp),
            Some(Severity::Error)
        );
        assert!((options.boundary_tolerance_km - 2.5).abs() < f64::EPSILON);
        assert!((options.energy_tolerance_percent - 5.0).abs() < f64::EPSILON);
    }
}
