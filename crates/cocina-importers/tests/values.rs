//! Values as deliveries write them, read end to end: Spanish text dates,
//! guessed dates reported with what was guessed, degrees-minutes-seconds
//! coordinates, status and yes/no words, counts with a thousands point,
//! and age groups a spreadsheet turned into dates.

use chrono::NaiveDate;
use cocina_importers::{DateRepair, ImportOptions, IssueKind, import_file};
use cocina_model::{AgeGroup, KitchenStatus, Lang, PriorityGroup};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{cell_of, options, xlsx};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn group(min: u8, max: u8) -> AgeGroup {
    AgeGroup::Range {
        min,
        max: Some(max),
    }
}

#[test]
fn kitchens_with_dms_coordinates_status_words_and_spanish_dates() {
    let bytes = xlsx(&[(
        "comedores",
        &[
            &[
                "CLAVE",
                "NOMBRE",
                "LATITUD",
                "LONGITUD",
                "ESTATUS",
                "FECHA DE APERTURA",
            ],
            &[
                "OAX-VC-001",
                "Uno",
                "17°03'25.3\"N",
                "96º 43' 30.5'' O",
                "ACTIVA",
                "15 de marzo de 2016",
            ],
            &[
                "OAX-VC-002",
                "Dos",
                "17 03 25.3 N",
                "96 43 30.5 O",
                "En funcionamiento",
                "15-MAR-2016",
            ],
            &[
                "OAX-VC-003",
                "Tres",
                "N 17°3.5'",
                "-96°43'",
                "BAJA",
                "MARZO 15, 2016",
            ],
            &[
                "OAX-VC-004",
                "Cuatro",
                "17°75'",
                "-96.5",
                "SUSPENDIDA",
                "1 sept. 2016",
            ],
        ],
    )]);
    let imported = import_file("k.xlsx", &bytes, &ImportOptions::default());
    let kitchens = &imported.kitchens;
    assert_eq!(kitchens.len(), 4);
    let (lat, lon) = (
        17.0 + 3.0 / 60.0 + 25.3 / 3600.0,
        -(96.0 + 43.0 / 60.0 + 30.5 / 3600.0),
    );
    for kitchen in &kitchens[..2] {
        let point = kitchen.location.expect("point");
        assert!((point.y() - lat).abs() < 1e-9 && (point.x() - lon).abs() < 1e-9);
        assert_eq!(kitchen.status, KitchenStatus::Operating);
        assert_eq!(kitchen.opened, Some(ymd(2016, 3, 15)));
    }
    let third = kitchens[2].location.expect("point");
    assert!((third.y() - (17.0 + 3.5 / 60.0)).abs() < 1e-9);
    assert!((third.x() - -(96.0 + 43.0 / 60.0)).abs() < 1e-9);
    assert_eq!(kitchens[2].status, KitchenStatus::Closed);
    assert_eq!(kitchens[2].opened, Some(ymd(2016, 3, 15)));
    assert_eq!(kitchens[3].status, KitchenStatus::Suspended);
    assert_eq!(kitchens[3].opened, Some(ymd(2016, 9, 1)));
    // 75 minutes is no coordinate: reported at its cell, nothing invented.
    assert_eq!(kitchens[3].location, None);
    assert_eq!(imported.issues.len(), 1, "{:?}", imported.issues);
    assert_eq!(cell_of(&imported.issues[0]).as_deref(), Some("C5"));
    assert!(matches!(&imported.issues[0].kind,
        IssueKind::InvalidValue { field, .. } if field == "latitud"));
}

#[test]
fn guessed_dates_are_imported_with_original_and_proposed_values() {
    let csv = "\
        CLAVE;NOMBRE;FECHA DE APERTURA;FECHA DE CIERRE\n\
        OAX-VC-001;Uno;03/15/2016;15/03/16\n\
        OAX-VC-002;Dos;42444;15/03/2016\n";
    let imported = import_file("k.csv", csv.as_bytes(), &ImportOptions::default());
    assert!(
        imported
            .kitchens
            .iter()
            .all(|k| k.opened == Some(ymd(2016, 3, 15)))
    );
    assert_eq!(imported.kitchens[0].closed, Some(ymd(2016, 3, 15)));
    let repairs: Vec<_> = imported
        .issues
        .iter()
        .map(|i| match &i.kind {
            IssueKind::DateRepaired {
                repair,
                original,
                proposed,
                ..
            } => (
                cell_of(i).unwrap_or_default(),
                *repair,
                original.as_deref().unwrap_or_default().to_owned(),
                proposed.as_deref().unwrap_or_default().to_owned(),
            ),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let expected = [
        ("C2", DateRepair::MonthFirst, "03/15/2016", "2016-03-15"),
        ("D2", DateRepair::TwoDigitYear, "15/03/16", "2016-03-15"),
        ("C3", DateRepair::SerialText, "42444", "2016-03-15"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(c, r, o, p)| ((*c).to_owned(), *r, (*o).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(repairs, expected);
    let message = imported.issues[0]
        .kind
        .repair_message(Lang::Es)
        .expect("message");
    assert!(
        message.contains("03/15/2016") && message.contains("2016-03-15"),
        "{message}"
    );
    assert!(imported.issues[0].kind.repair_message(Lang::En).is_some());
}

#[test]
fn a_guessed_birth_date_is_pointed_at_never_quoted() {
    let csv = "\
        CLAVE COCINA;SEXO;FECHA DE NACIMIENTO\n\
        OAX-VC-001;M;04/23/2010\n";
    let imported = import_file("p.csv", csv.as_bytes(), &options());
    let person = &imported.beneficiaries[0];
    assert_eq!(person.age, Some(13));
    let [issue] = imported.issues.as_slice() else {
        panic!("one issue, got {:?}", imported.issues);
    };
    assert_eq!(cell_of(issue).as_deref(), Some("C2"));
    let IssueKind::DateRepaired {
        original,
        proposed,
        repair,
        ..
    } = &issue.kind
    else {
        panic!("unexpected {issue:?}");
    };
    assert_eq!(
        (original, proposed, *repair),
        (&None, &None, DateRepair::MonthFirst)
    );
    for lang in Lang::ALL {
        let message = issue.kind.repair_message(lang).expect("message");
        assert!(
            !message.contains("2010") && !message.contains("23"),
            "{message}"
        );
    }
}

#[test]
fn serials_in_a_date_column_without_a_date_format_are_dates() {
    // 42444 is 2016-03-15 in the 1900 system; the cell is a plain number.
    let bytes = xlsx(&[(
        "comedores",
        &[
            &["CLAVE", "NOMBRE", "FECHA DE APERTURA"],
            &["OAX-VC-001", "Uno", "42444"],
        ],
    )]);
    let imported = import_file("k.xlsx", &bytes, &ImportOptions::default());
    assert_eq!(imported.kitchens[0].opened, Some(ymd(2016, 3, 15)));
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
}

#[test]
fn counts_with_a_thousands_point_are_read_as_thousands_and_reported() {
    let csv = "\
        CLAVE COCINA;SEXO;RANGO DE EDAD;CANTIDAD\n\
        OAX-VC-001;M;6-12;1.234\n\
        OAX-VC-001;H;6-12;12\n";
    let imported = import_file("c.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.counts[0].count, 1234);
    assert_eq!(imported.counts[1].count, 12);
    let [issue] = imported.issues.as_slice() else {
        panic!("one issue, got {:?}", imported.issues);
    };
    assert_eq!(cell_of(issue).as_deref(), Some("D2"));
    assert!(matches!(&issue.kind,
        IssueKind::NumberRepaired { original, proposed: 1234, .. } if &**original == "1.234"));
}

#[test]
fn yes_no_words_in_their_variants() {
    let csv = "\
        CLAVE COCINA;SEXO;EDAD;EMBARAZADA O LACTANTE;DISCAPACIDAD\n\
        OAX-VC-001;M;20;SÍ;NO\n\
        OAX-VC-001;M;21;X;0\n\
        OAX-VC-001;M;22;VERDADERO;MOTRIZ\n\
        OAX-VC-001;M;23;FALSO;1\n";
    let imported = import_file("p.csv", csv.as_bytes(), &options());
    let flags: Vec<Vec<PriorityGroup>> = imported
        .beneficiaries
        .iter()
        .map(|b| b.priority.clone())
        .collect();
    let pregnant = PriorityGroup::PregnantOrBreastfeeding;
    let disability = PriorityGroup::Disability;
    assert_eq!(
        flags,
        [
            vec![pregnant],
            vec![pregnant],
            vec![pregnant, disability],
            vec![disability]
        ]
    );
}

/// Builds a register whose age-group cells are dates, as a spreadsheet
/// makes of `6-12` typed into a General cell.
fn register_with_dated_groups() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let shown = Format::new().set_num_format("d-mmm");
    let header = ["CLAVE COCINA", "SEXO", "RANGO DE EDAD"];
    for (c, text) in (0u16..).zip(header) {
        sheet.write_string(0, c, text).expect("header");
    }
    // 12 June 2016 (shown 12-Jun), 6 June 2012, May 2000, and a serial
    // without a date format for 12 June 2012.
    let dates = [(2016, 6, 12), (2012, 6, 6), (2000, 5, 1)];
    for (row, (y, m, d)) in (1u32..).zip(dates) {
        sheet.write_string(row, 0, "OAX-VC-001").expect("key");
        sheet.write_string(row, 1, "M").expect("sex");
        let date = ExcelDateTime::from_ymd(y, m, d).expect("date");
        sheet
            .write_datetime_with_format(row, 2, &date, &shown)
            .expect("date");
    }
    sheet.write_string(4, 0, "OAX-VC-001").expect("key");
    sheet.write_string(4, 1, "H").expect("sex");
    sheet.write_number(4, 2, 41_072.0).expect("serial");
    // 3 March 2016 names no group.
    sheet.write_string(5, 0, "OAX-VC-001").expect("key");
    sheet.write_string(5, 1, "H").expect("sex");
    let date = ExcelDateTime::from_ymd(2016, 3, 3).expect("date");
    sheet
        .write_datetime_with_format(5, 2, &date, &shown)
        .expect("date");
    book.save_to_buffer().expect("saved")
}

#[test]
fn age_groups_turned_into_dates_are_read_back_with_a_warning() {
    let imported = import_file("p.xlsx", &register_with_dated_groups(), &options());
    let groups: Vec<AgeGroup> = imported.beneficiaries.iter().map(|b| b.age_group).collect();
    let expected = [
        group(6, 12),
        group(6, 12),
        group(0, 5),
        group(6, 12),
        AgeGroup::Unknown,
    ];
    assert_eq!(groups, expected);
    let repairs: Vec<(String, String, String)> = imported
        .issues
        .iter()
        .filter_map(|i| match &i.kind {
            IssueKind::AgeGroupFromDate {
                original, proposed, ..
            } => Some((
                cell_of(i).unwrap_or_default(),
                original.to_string(),
                proposed.to_string(),
            )),
            _ => None,
        })
        .collect();
    let expected = [
        ("C2", "2016-06-12", "6-12"),
        ("C3", "2012-06-06", "6-12"),
        ("C4", "2000-05-01", "0-5"),
        ("C5", "2012-06-12", "6-12"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(c, o, p)| ((*c).to_owned(), (*o).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(repairs, expected);
    let invalid: Vec<_> = imported
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::InvalidValue { .. }))
        .filter_map(cell_of)
        .collect();
    assert_eq!(invalid, ["C6"]);
}

#[test]
fn age_groups_shown_as_short_dates_in_text_are_read_back() {
    let csv = "\
        CLAVE COCINA;SEXO;RANGO DE EDAD;CANTIDAD\n\
        OAX-VC-001;M;12-Jun;10\n\
        OAX-VC-001;H;06-dic;11\n";
    let imported = import_file("c.csv", csv.as_bytes(), &ImportOptions::default());
    let groups: Vec<AgeGroup> = imported.counts.iter().map(|c| c.age_group).collect();
    assert_eq!(groups, [group(6, 12), group(6, 12)]);
    assert_eq!(imported.issues.len(), 2, "{:?}", imported.issues);
}
