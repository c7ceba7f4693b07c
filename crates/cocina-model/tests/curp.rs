//! CURPs: generated ones validate, any other check digit is rejected, and
//! characters that break the format are named by position.

use chrono::NaiveDate;
use cocina_model::{Curp, CurpError, Sex, curp::check_digit};
use proptest::prelude::*;

const STATES: [&str; 5] = ["OC", "DF", "NE", "PL", "VZ"];

/// Builds the first 17 characters of a CURP with a real birth date.
fn curp_body() -> impl Strategy<Value = (String, NaiveDate, Sex)> {
    (
        "[A-Z]{4}",
        (1930i32..2025, 1u32..=12, 1u32..=28),
        prop::sample::select(vec![
            ('H', Sex::Male),
            ('M', Sex::Female),
            ('X', Sex::NonBinary),
        ]),
        prop::sample::select(STATES.to_vec()),
        "[B-DF-HJ-NP-TV-Z]{3}",
        0u8..10,
    )
        .prop_map(
            |(initials, (y, m, d), (letter, sex), state, consonants, homonym)| {
                let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let homonym = if y < 2000 {
                    char::from(b'0' + homonym)
                } else {
                    char::from(b'A' + homonym)
                };
                let body = format!(
                    "{initials}{}{letter}{state}{consonants}{homonym}",
                    date.format("%y%m%d")
                );
                (body, date, sex)
            },
        )
}

proptest! {
    #[test]
    fn generated_curps_validate_and_decode((body, date, sex) in curp_body()) {
        let digit = check_digit(body.as_bytes()).unwrap();
        let curp = Curp::new(&format!("{body}{digit}")).unwrap();
        prop_assert_eq!(curp.birth_date(), date);
        prop_assert_eq!(curp.sex(), sex);
        let json = serde_json::to_string(&curp).unwrap();
        prop_assert_eq!(serde_json::from_str::<Curp>(&json).unwrap(), curp);
    }

    #[test]
    fn every_other_check_digit_is_rejected((body, _, _) in curp_body(), wrong in 0u8..10) {
        let right = check_digit(body.as_bytes()).unwrap();
        let wrong = char::from(b'0' + wrong);
        prop_assume!(wrong != right);
        prop_assert_eq!(
            Curp::new(&format!("{body}{wrong}")),
            Err(CurpError::CheckDigit { expected: right })
        );
    }

    #[test]
    fn a_letter_in_the_date_is_rejected((body, _, _) in curp_body(), at in 4usize..10, c in "[A-Z]") {
        let mut broken = body.clone();
        broken.replace_range(at..=at, &c);
        let digit = check_digit(broken.as_bytes()).unwrap();
        let result = Curp::new(&format!("{broken}{digit}"));
        let is_position_error = matches!(
            result,
            Err(CurpError::Character { position, .. }) if position == at + 1
        );
        prop_assert!(is_position_error, "{result:?}");
    }

    #[test]
    fn an_unknown_state_code_is_rejected((body, _, _) in curp_body(), state in "[A-Z]{2}") {
        prop_assume!(!["AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR", "GT",
            "HG", "JC", "MC", "MN", "MS", "NE", "NL", "NT", "OC", "PL", "QR", "QT", "SL", "SP",
            "SR", "TC", "TL", "TS", "VZ", "YN", "ZS"].contains(&state.as_str()));
        let mut broken = body.clone();
        broken.replace_range(11..13, &state);
        let digit = check_digit(broken.as_bytes()).unwrap();
        prop_assert_eq!(Curp::new(&format!("{broken}{digit}")), Err(CurpError::StateCode));
    }

    #[test]
    fn impossible_dates_are_rejected((body, _, _) in curp_body(), day in 32u32..=99) {
        let mut broken = body.clone();
        broken.replace_range(8..10, &format!("{day:02}"));
        let digit = check_digit(broken.as_bytes()).unwrap();
        prop_assert_eq!(Curp::new(&format!("{broken}{digit}")), Err(CurpError::BirthDate));
    }

    #[test]
    fn no_text_makes_the_parser_panic_or_echo_it(text in "\\PC{0,24}") {
        if let Err(err) = Curp::new(&text) {
            let message = err.to_string();
            prop_assert!(text.len() < 4 || !message.contains(&text), "{message}");
        }
    }
}
