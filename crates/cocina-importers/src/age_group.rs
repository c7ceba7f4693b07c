//! Reading an age group column, including groups a spreadsheet turned into
//! dates.
//!
//! Typed into a cell, `6-12` becomes 12 June (or 6 December, or June 2012)
//! and is shown as `12-Jun` or stored as a date serial. The numbers the
//! date shows still name the group: the importer looks for the day, month
//! and two-digit year pairs among the delivery's age groups, and when
//! exactly one group matches it imports that group with a warning that
//! states the date found and the group proposed.

use cocina_model::text::fold;
use cocina_model::{AgeBins, AgeGroup};

use crate::header::Field;
use crate::issue::IssueKind;
use crate::record::RowReader;
use crate::value::{self, Value};

const EXPECTED: &str = "an age group such as 6-12 or 60+";

/// Reads the age group the row gives; `None` when it gives none or it
/// cannot be read (then recorded).
pub(crate) fn read_age_group(r: &mut RowReader<'_>, bins: &AgeBins) -> Option<AgeGroup> {
    let cell = r.value(Field::AgeGroup)?;
    // Nearly every cell is a well-written group: read it without copying.
    if let Value::Text(text) = cell
        && let Some(group) = parse_age_group(text)
    {
        return Some(group);
    }
    if let Some((original, pairs)) = date_like(cell, r.date_system()) {
        return from_date(r, bins, &original, &pairs);
    }
    let text = r.text(Field::AgeGroup)?;
    let group = parse_age_group(&text);
    if group.is_none() {
        r.invalid(Field::AgeGroup, EXPECTED);
    }
    group
}

/// The numbers a cell shows when it is a date rather than a range: the
/// date as found and its `(first, second)` number pairs.
fn date_like(cell: &Value, dates: value::DateSystem) -> Option<(String, Vec<(u32, u32)>)> {
    match cell {
        Value::DateTime(dt) => Some((dt.date().to_string(), value::date_pairs(dt.date()).into())),
        // A serial without a date format; an age is never this large.
        Value::Number(n) if *n >= 367.0 => {
            let date = dates.serial_to_datetime(*n)?.date();
            Some((date.to_string(), value::date_pairs(date).into()))
        }
        // Text that reads as a group was taken before.
        Value::Text(text) => {
            let (a, b) = value::short_date_numbers(text)?;
            Some((text.trim().to_owned(), vec![(a, b), (b, a)]))
        }
        _ => None,
    }
}

/// Imports the one group the date's numbers name, with a warning; records
/// an invalid value when none or several match.
fn from_date(
    r: &mut RowReader<'_>,
    bins: &AgeBins,
    original: &str,
    pairs: &[(u32, u32)],
) -> Option<AgeGroup> {
    let mut matches: Vec<AgeGroup> = bins
        .groups()
        .filter(|group| pairs.iter().any(|&pair| names(*group, pair)))
        .collect();
    matches.dedup();
    let [group] = matches.as_slice() else {
        r.invalid(Field::AgeGroup, EXPECTED);
        return None;
    };
    let kind = IssueKind::AgeGroupFromDate {
        field: r.field_name(Field::AgeGroup).to_owned(),
        original: original.into(),
        proposed: group.to_string().into(),
    };
    r.report(Field::AgeGroup, kind);
    Some(*group)
}

/// Whether a bounded group is `min-max` for the pair, in that order.
fn names(group: AgeGroup, (first, second): (u32, u32)) -> bool {
    match group {
        AgeGroup::Range {
            min,
            max: Some(max),
        } => u32::from(min) == first && u32::from(max) == second,
        _ => false,
    }
}

/// Parses an age group as deliveries write it: `6-12`, `60+`,
/// `0 A 5 AÑOS`, `60 Y MÁS`, `DE 6 A 12`.
pub(crate) fn parse_age_group(text: &str) -> Option<AgeGroup> {
    if let Ok(group) = text.parse::<AgeGroup>() {
        return Some(group);
    }
    let folded = fold(text);
    let numbers: Vec<u8> = folded
        .split(' ')
        .filter_map(|word| word.parse().ok())
        .collect();
    let open = text.contains('+') || folded.contains("mas");
    match numbers.as_slice() {
        [min] if open => Some(AgeGroup::Range {
            min: *min,
            max: None,
        }),
        [min, max] if min <= max && !open => Some(AgeGroup::Range {
            min: *min,
            max: Some(*max),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_groups_in_delivery_wording() {
        let label = |t| parse_age_group(t).map(|g| g.to_string());
        assert_eq!(label("6-12").as_deref(), Some("6-12"));
        assert_eq!(label("60+").as_deref(), Some("60+"));
        assert_eq!(label("0 A 5 AÑOS").as_deref(), Some("0-5"));
        assert_eq!(label("60 Y MÁS").as_deref(), Some("60+"));
        assert_eq!(label("DE 13 A 17").as_deref(), Some("13-17"));
        assert_eq!(label("niños"), None);
        assert_eq!(label("12-6"), None);
    }

    #[test]
    fn dates_name_a_group_by_their_pairs() {
        let six_twelve = AgeGroup::Range {
            min: 6,
            max: Some(12),
        };
        assert!(names(six_twelve, (6, 12)));
        assert!(!names(six_twelve, (12, 6)));
        let date = chrono::NaiveDate::from_ymd_opt(2012, 6, 6).unwrap();
        let pairs = value::date_pairs(date);
        assert!(pairs.iter().any(|p| names(six_twelve, *p)));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_group_or_not_without_panic(text in "\\PC{0,40}") {
            let _ = parse_age_group(&text);
        }

        /// Every default group a spreadsheet can turn into a date is named
        /// by one of that date's pairs.
        #[test]
        fn a_range_typed_as_day_month_is_found_in_its_date(year in 1990i32..2030, swap in proptest::bool::ANY) {
            let group = AgeGroup::Range { min: 6, max: Some(12) };
            let (day, month) = if swap { (12, 6) } else { (6, 12) };
            let date = chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap();
            proptest::prop_assert!(value::date_pairs(date).iter().any(|p| names(group, *p)));
        }
    }
}
