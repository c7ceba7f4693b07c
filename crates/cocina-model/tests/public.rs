//! The detector of personal data in public text finds a CURP or a phone
//! however it is written, and screening never lets one through.

use cocina_model::public::{PersonalShape, PublicText, looks_personal};
use proptest::prelude::*;

/// A CURP's shape: four letters, a date, the sex, the rest.
fn curp() -> impl Strategy<Value = String> {
    (
        "[A-Z]{4}",
        0u32..100,
        1u32..=12,
        1u32..=28,
        "[HMX]",
        "[A-Z]{5}[0-9A-Z][0-9]",
    )
        .prop_map(|(name, y, m, d, sex, rest)| format!("{name}{y:02}{m:02}{d:02}{sex}{rest}"))
}

/// What people put between a CURP's characters, visible or not.
const GAPS: &[&str] = &["", "", "", " ", "-", ".", "\u{200B}", "\u{202E}"];

/// Writes `text` as people do: lower or upper case, with spaces, dashes or
/// invisible characters between some characters.
fn scrambled(text: String) -> impl Strategy<Value = String> {
    let n = text.chars().count();
    (
        proptest::collection::vec(proptest::sample::select(GAPS), n),
        proptest::collection::vec(any::<bool>(), n),
    )
        .prop_map(move |(gaps, lower): (Vec<&str>, Vec<bool>)| {
            let mut out = String::new();
            for (c, (gap, &lower)) in text.chars().zip(gaps.iter().zip(&lower)) {
                out.push(if lower { c.to_ascii_lowercase() } else { c });
                out.push_str(gap);
            }
            out
        })
}

/// A ten-digit Mexican phone, grouped in one of the usual ways.
fn phone() -> impl Strategy<Value = String> {
    ("[0-9]{3}", "[0-9]{3}", "[0-9]{4}", 0usize..4).prop_map(|(a, b, c, style)| match style {
        0 => format!("{a}{b}{c}"),
        1 => format!("{a} {b} {c}"),
        2 => format!("({a}) {b}-{c}"),
        _ => format!("+52 {a}.{b}.{c}"),
    })
}

proptest! {
    #[test]
    fn a_curp_is_found_however_written(
        curp in curp().prop_flat_map(scrambled),
        before in "[a-zñ ]{0,12}",
        after in "[a-zñ ]{0,12}",
    ) {
        let text = format!("{before} {curp} {after}");
        prop_assert_eq!(looks_personal(&text), Some(PersonalShape::Curp));
        let screened = PublicText::screen(&text, 200);
        prop_assert_eq!(screened.text.as_str(), PublicText::WITHHELD);
    }

    #[test]
    fn a_phone_is_found_inside_a_name(phone in phone(), name in "[A-Za-zé ]{0,20}") {
        let text = format!("Cocina {name} tel {phone}");
        prop_assert!(looks_personal(&text).is_some(), "{}", text);
    }

    #[test]
    fn screened_text_is_short_visible_and_never_personal(raw in "\\PC{0,40}|.{0,300}", max in 1usize..250) {
        let screened = PublicText::screen(&raw, max);
        let text = screened.text.as_str();
        prop_assert!(text.chars().count() <= max.max(PublicText::WITHHELD.chars().count()));
        let hidden = |c: char| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || ('\u{200B}'..='\u{200F}').contains(&c)
        };
        prop_assert!(!text.chars().any(hidden), "{:?}", text);
        prop_assert_eq!(looks_personal(text), None);
        prop_assert_eq!(screened.withheld, looks_personal(&raw));
    }
}

/// Month names as people write them, by month number.
const MONTH_NAMES: [[&str; 2]; 12] = [
    ["enero", "ENE"],
    ["febrero", "FEB"],
    ["marzo", "MAR"],
    ["abril", "ABR"],
    ["mayo", "MAY"],
    ["junio", "JUN"],
    ["julio", "JUL"],
    ["agosto", "AGO"],
    ["septiembre", "SEP"],
    ["octubre", "OCT"],
    ["noviembre", "NOV"],
    ["diciembre", "DIC"],
];

/// A birth date written with its month's name, in one of the usual ways.
fn named_date() -> impl Strategy<Value = String> {
    (1930i32..2020, 0usize..12, 1u32..=28, 0usize..4).prop_map(|(y, m, d, style)| {
        let [long, short] = MONTH_NAMES[m];
        match style {
            0 => format!("{d} de {long} de {y}"),
            1 => format!("{d:02}-{short}-{:02}", y % 100),
            2 => format!("{long} {d}, {y}"),
            _ => format!("{d} {} {y}", long.to_uppercase()),
        }
    })
}

proptest! {
    #[test]
    fn a_date_with_its_month_named_is_withheld(date in named_date(), name in "[A-Za-zé ]{0,20}") {
        let text = format!("Comedor {name} {date}");
        prop_assert_eq!(looks_personal(&text), Some(PersonalShape::Date), "{}", text);
        let screened = PublicText::screen(&text, 200);
        prop_assert_eq!(screened.text.as_str(), PublicText::WITHHELD);
    }
}
