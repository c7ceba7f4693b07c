//! Dates and numbers: date systems, date cells and plain serials, number
//! formats that look like dates and are not.

use chrono::{NaiveDate, NaiveTime};
use cocina_importers::{DateSystem, Value};

use crate::support::{EXPECTED, a1, read_case, sheet};

const C01: &str = "C01_dates_1904_extlst.xlsx";
const C02: &str = "C02_xls_formula_results.xls";
const C03: &str = "C03_number_format_traps.xlsx";

fn date(text: &str) -> NaiveDate {
    text.parse().expect("ISO date")
}

/// C01: a Mac workbook in the 1904 system whose `extLst` repeats
/// `workbookPr`; date cells and plain numbers in a date column give the same
/// dates.
#[test]
fn dates_and_plain_serials_use_the_1904_system_c01() {
    let read = read_case(C01);
    let table = sheet(&read, "dotaciones");
    assert_eq!(table.date_system(), DateSystem::Excel1904);
    let rows = EXPECTED["C01"]["rows"].as_array().expect("C01 rows");
    for expected in rows {
        let row = expected["row"].as_u64().expect("row") as u32;
        let want = date(expected["fecha_entrega"].as_str().expect("date"));
        let wrong = date(expected["wrong_if_1900_epoch"].as_str().expect("date"));
        for column in ["C", "D"] {
            let got = table.date(a1(&format!("{column}{row}"))).expect("a date");
            assert_eq!(got, Some(want), "{column}{row}");
            assert_ne!(got, Some(wrong), "{column}{row} used the 1900 system");
        }
    }
}

/// C02: .xls formula results keep their type: a date-formatted result is a
/// date, a text result is text, in a 1904 workbook.
#[test]
fn xls_formula_results_keep_dates_and_text_c02() {
    let read = read_case(C02);
    let table = sheet(&read, "dotaciones");
    assert_eq!(table.date_system(), DateSystem::Excel1904);
    let cells = &EXPECTED["C02"]["cells"];
    for a in ["A2", "B2"] {
        let want = date(cells[a].as_str().expect("date"));
        assert_eq!(table.date(a1(a)), Ok(Some(want)), "{a}");
        assert!(
            matches!(table.value(a1(a)), Value::DateTime(_)),
            "{a} is a date cell"
        );
    }
    for a in ["C2", "D2"] {
        assert_eq!(
            table.text(a1(a)).unwrap().as_deref(),
            cells[a].as_str(),
            "{a}"
        );
    }
    for a in ["E2", "F2"] {
        assert_eq!(table.number(a1(a)), Ok(cells[a].as_f64()), "{a}");
    }
}

/// C03: units and currency in number formats leave numbers; Spanish date
/// formats and times are dates and times; General and empty formats are
/// never dates.
#[test]
fn number_formats_decide_dates_and_never_guess_c03() {
    let read = read_case(C03);
    let table = sheet(&read, "dotaciones");
    let cells = &EXPECTED["C03"]["cells"];
    for a in ["B2", "B3", "E2", "E3", "F2", "F3"] {
        let want = cells[a].as_f64().expect("number");
        assert_eq!(
            table.value(a1(a)),
            &Value::Number(want),
            "{a} is a plain number"
        );
    }
    for a in ["C2", "C3"] {
        let want = date(cells[a].as_str().expect("date"));
        assert_eq!(table.date(a1(a)), Ok(Some(want)), "{a}");
    }
    for a in ["D2", "D3"] {
        let want: NaiveTime = cells[a].as_str().expect("time").parse().expect("time");
        assert_eq!(table.value(a1(a)), &Value::Time(want), "{a}");
    }
}
