//! Age groups: the bins ages are counted in.
//!
//! The default bins follow the program's priority groups and the census
//! breaks: `0-5`, `6-12`, `13-17`, `18-59`, `60+`, and `unknown` for a record
//! with neither age nor birth date. A delivery may use other bins; any list
//! of contiguous ranges starting at 0 and ending open is accepted.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One age group: a closed range of whole years, an open one (`60+`), or
/// unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeGroup {
    /// Ages `min` to `max` inclusive; `max` is `None` for an open last bin.
    Range {
        /// Youngest age in the group.
        min: u8,
        /// Oldest age in the group, if bounded.
        max: Option<u8>,
    },
    /// No age could be determined.
    Unknown,
}

impl AgeGroup {
    /// Returns whether `age` falls in this group.
    #[must_use]
    pub fn contains(self, age: u16) -> bool {
        match self {
            AgeGroup::Range { min, max } => {
                age >= u16::from(min) && max.is_none_or(|m| age <= u16::from(m))
            }
            AgeGroup::Unknown => false,
        }
    }
}

impl fmt::Display for AgeGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgeGroup::Range {
                min,
                max: Some(max),
            } => write!(f, "{min}-{max}"),
            AgeGroup::Range { min, max: None } => write!(f, "{min}+"),
            AgeGroup::Unknown => f.write_str("unknown"),
        }
    }
}

/// Why a text is not an age group label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("age group must look like `6-12`, `60+` or `unknown`")]
pub struct InvalidAgeGroup;

impl FromStr for AgeGroup {
    type Err = InvalidAgeGroup;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("unknown") || text.eq_ignore_ascii_case("desconocido") {
            return Ok(AgeGroup::Unknown);
        }
        if let Some(min) = text.strip_suffix('+') {
            let min = min.trim().parse().map_err(|_| InvalidAgeGroup)?;
            return Ok(AgeGroup::Range { min, max: None });
        }
        let (min, max) = text.split_once(['-', '–']).ok_or(InvalidAgeGroup)?;
        let min: u8 = min.trim().parse().map_err(|_| InvalidAgeGroup)?;
        let max: u8 = max.trim().parse().map_err(|_| InvalidAgeGroup)?;
        if max < min {
            return Err(InvalidAgeGroup);
        }
        Ok(AgeGroup::Range {
            min,
            max: Some(max),
        })
    }
}

impl Serialize for AgeGroup {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AgeGroup {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a list of bins cannot classify every age.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidAgeBins {
    /// No bins were given.
    #[error("at least one age group is needed")]
    Empty,
    /// The first bin does not start at 0.
    #[error("the first age group must start at 0")]
    NotFromZero,
    /// Two bins leave a gap or overlap.
    #[error("age group {next} does not start right after {previous}")]
    NotContiguous {
        /// The earlier bin.
        previous: AgeGroup,
        /// The bin that should follow it.
        next: AgeGroup,
    },
    /// The last bin is closed, so older ages would have no group.
    #[error("the last age group must be open, like `60+`")]
    ClosedEnd,
}

/// An ordered list of age groups covering every age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<AgeGroup>", into = "Vec<AgeGroup>")]
pub struct AgeBins(Vec<AgeGroup>);

impl AgeBins {
    /// Checks that `groups` start at 0, are contiguous and end open.
    ///
    /// # Errors
    ///
    /// Says which pair of bins is wrong.
    pub fn new(groups: Vec<AgeGroup>) -> Result<Self, InvalidAgeBins> {
        let mut expected_min = 0u16;
        let mut previous = None;
        for &group in &groups {
            let AgeGroup::Range { min, max } = group else {
                continue;
            };
            if u16::from(min) != expected_min {
                return Err(match previous {
                    None => InvalidAgeBins::NotFromZero,
                    Some(previous) => InvalidAgeBins::NotContiguous {
                        previous,
                        next: group,
                    },
                });
            }
            expected_min = max.map_or(u16::MAX, |m| u16::from(m) + 1);
            previous = Some(group);
        }
        match previous {
            None => Err(InvalidAgeBins::Empty),
            Some(AgeGroup::Range { max: Some(_), .. }) => Err(InvalidAgeBins::ClosedEnd),
            Some(_) => Ok(Self(
                groups
                    .into_iter()
                    .filter(|g| *g != AgeGroup::Unknown)
                    .collect(),
            )),
        }
    }

    /// Returns the group of `age`, or [`AgeGroup::Unknown`] for `None`.
    #[must_use]
    pub fn classify(&self, age: Option<u16>) -> AgeGroup {
        age.and_then(|age| self.0.iter().copied().find(|g| g.contains(age)))
            .unwrap_or(AgeGroup::Unknown)
    }

    /// Returns the groups in order, followed by [`AgeGroup::Unknown`].
    pub fn groups(&self) -> impl Iterator<Item = AgeGroup> + '_ {
        self.0
            .iter()
            .copied()
            .chain(std::iter::once(AgeGroup::Unknown))
    }

    /// Returns the position of `group` in [`AgeBins::groups`], for dense
    /// indexing.
    #[must_use]
    pub fn index_of(&self, group: AgeGroup) -> Option<usize> {
        self.groups().position(|g| g == group)
    }
}

impl Default for AgeBins {
    fn default() -> Self {
        let range = |min, max| AgeGroup::Range { min, max };
        Self(vec![
            range(0, Some(5)),
            range(6, Some(12)),
            range(13, Some(17)),
            range(18, Some(59)),
            range(60, None),
        ])
    }
}

impl TryFrom<Vec<AgeGroup>> for AgeBins {
    type Error = InvalidAgeBins;
    fn try_from(groups: Vec<AgeGroup>) -> Result<Self, Self::Error> {
        Self::new(groups)
    }
}

impl From<AgeBins> for Vec<AgeGroup> {
    fn from(bins: AgeBins) -> Self {
        bins.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bins_classify_edges() {
        let bins = AgeBins::default();
        let label = |age| bins.classify(Some(age)).to_string();
        assert_eq!(label(0), "0-5");
        assert_eq!(label(5), "0-5");
        assert_eq!(label(6), "6-12");
        assert_eq!(label(17), "13-17");
        assert_eq!(label(59), "18-59");
        assert_eq!(label(60), "60+");
        assert_eq!(label(150), "60+");
        assert_eq!(bins.classify(None), AgeGroup::Unknown);
        assert_eq!(bins.groups().count(), 6);
    }

    #[test]
    fn bins_must_cover_every_age() {
        let parse =
            |labels: &[&str]| AgeBins::new(labels.iter().map(|l| l.parse().unwrap()).collect());
        assert!(parse(&["0-17", "18+"]).is_ok());
        assert_eq!(parse(&["1-17", "18+"]), Err(InvalidAgeBins::NotFromZero));
        assert!(matches!(
            parse(&["0-10", "12+"]),
            Err(InvalidAgeBins::NotContiguous { .. })
        ));
        assert_eq!(parse(&["0-10", "11-20"]), Err(InvalidAgeBins::ClosedEnd));
    }

    #[test]
    fn labels_round_trip() {
        for label in ["0-5", "60+", "unknown"] {
            assert_eq!(label.parse::<AgeGroup>().unwrap().to_string(), label);
        }
    }
}
