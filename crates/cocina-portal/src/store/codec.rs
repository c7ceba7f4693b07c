//! How domain values are written in the database's text columns, and read
//! back.

use cocina_aggregation::{GeoLevel, Margin, SuppressionReason};
use cocina_model::{AgeGroup, KitchenStatus, Sex};
use cocina_rendering::view::MunicipalityIssue;

pub(super) fn level_text(level: GeoLevel) -> &'static str {
    level.name()
}

/// The text of a total over every sex or age group.
const TOTAL: &str = "total";

/// A sex as stored: NULL when not recorded, `total` for every sex.
pub(super) fn sex_margin_text(sex: Margin<Option<Sex>>) -> Option<&'static str> {
    match sex {
        Margin::Total => Some(TOTAL),
        Margin::Value(sex) => sex.map(sex_text),
    }
}

pub(super) fn sex_margin_from(text: Option<&str>) -> Option<Margin<Option<Sex>>> {
    match text {
        None => Some(Margin::Value(None)),
        Some(TOTAL) => Some(Margin::Total),
        Some(text) => sex_from(text).map(|s| Margin::Value(Some(s))),
    }
}

pub(super) fn age_margin_text(group: Margin<AgeGroup>) -> String {
    match group {
        Margin::Total => TOTAL.to_owned(),
        Margin::Value(group) => group.to_string(),
    }
}

pub(super) fn age_margin_from(text: &str) -> Option<Margin<AgeGroup>> {
    if text == TOTAL {
        return Some(Margin::Total);
    }
    text.parse().ok().map(Margin::Value)
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
        for sex in [
            Margin::Total,
            Margin::Value(None),
            Margin::Value(Some(Sex::Male)),
        ] {
            assert_eq!(sex_margin_from(sex_margin_text(sex)), Some(sex));
        }
        for group in [Margin::Total, Margin::Value(AgeGroup::Unknown)] {
            assert_eq!(age_margin_from(&age_margin_text(group)), Some(group));
        }
        for issue in [MunicipalityIssue::Unknown, MunicipalityIssue::Ambiguous] {
            assert_eq!(issue_from(issue_text(issue)), Some(issue));
        }
        assert_eq!(to_u64(to_i64(u64::MAX)), i64::MAX as u64);
    }
}
