//! How domain values are written in the database's text columns, and read
//! back.

use cocina_aggregation::{Level, SuppressionReason};
use cocina_model::{KitchenStatus, Sex};
use cocina_rendering::view::MunicipalityIssue;

pub(super) fn level_text(level: Level) -> &'static str {
    match level {
        Level::State => "state",
        Level::Municipality => "municipality",
        Level::Kitchen => "kitchen",
    }
}

pub(super) fn sex_text(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "female",
        Sex::Male => "male",
        Sex::NonBinary => "non_binary",
    }
}

pub(super) fn sex_from(text: &str) -> Option<Sex> {
    Sex::ALL.into_iter().find(|s| sex_text(*s) == text)
}

pub(super) fn status_from(text: &str) -> Option<KitchenStatus> {
    KitchenStatus::ALL
        .into_iter()
        .find(|s| s.to_string() == text)
}

pub(super) fn issue_text(issue: MunicipalityIssue) -> &'static str {
    match issue {
        MunicipalityIssue::Unknown => "unknown",
        MunicipalityIssue::Ambiguous => "ambiguous",
    }
}

pub(super) fn issue_from(text: &str) -> Option<MunicipalityIssue> {
    [MunicipalityIssue::Unknown, MunicipalityIssue::Ambiguous]
        .into_iter()
        .find(|i| issue_text(*i) == text)
}

pub(super) fn reason_text(reason: SuppressionReason) -> &'static str {
    match reason {
        SuppressionReason::SmallCount => "small_count",
        SuppressionReason::Complementary => "complementary",
    }
}

pub(super) fn reason_from(text: &str) -> Option<SuppressionReason> {
    [
        SuppressionReason::SmallCount,
        SuppressionReason::Complementary,
    ]
    .into_iter()
    .find(|r| reason_text(*r) == text)
}

/// Counts are far below `i64::MAX`; a larger one is stored saturated
/// rather than wrapped.
pub(super) fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Stored counts are checked non-negative by the schema; a negative one
/// reads as zero.
pub(super) fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back() {
        for sex in Sex::ALL {
            assert_eq!(sex_from(sex_text(sex)), Some(sex));
        }
        for status in KitchenStatus::ALL {
            assert_eq!(status_from(&status.to_string()), Some(status));
        }
        for reason in [
            SuppressionReason::SmallCount,
            SuppressionReason::Complementary,
        ] {
            assert_eq!(reason_from(reason_text(reason)), Some(reason));
        }
        for issue in [MunicipalityIssue::Unknown, MunicipalityIssue::Ambiguous] {
            assert_eq!(issue_from(issue_text(issue)), Some(issue));
        }
        assert_eq!(to_u64(to_i64(u64::MAX)), i64::MAX as u64);
    }
}
