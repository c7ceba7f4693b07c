//! CURPs read per row: valid, valid after trimming and upper-casing, or
//! invalid with the reason, each problem at its cell.

use cocina_importers::{ImportOptions, IssueKind, import_file};
use cocina_model::{CurpError, CurpField};

use crate::support::{cell_of, import_case, xlsx};

const C12: &str = "C12_curp_check_digit.xlsx";

/// C12: the register has no kitchen key, so no record can be built: that
/// is one `MissingColumn` issue, and every CURP is still checked. Rows 3, 5,
/// 7 and 9 are invalid (check digit, length, date, state); row 4 is valid
/// once trimmed and upper-cased, with a warning; the `X` sex marker of row 8
/// is valid.
#[test]
fn each_curp_is_checked_at_its_cell_c12() {
    let imported = import_case(C12);
    let found: Vec<(String, IssueKind)> = imported
        .issues
        .iter()
        .map(|i| (cell_of(i).unwrap_or_default(), i.kind.clone()))
        .collect();
    let invalid = |error| IssueKind::InvalidCurp { error };
    let expected = [
        (
            String::new(),
            IssueKind::MissingColumn {
                field: "clave_comedor".into(),
            },
        ),
        (
            "E3".into(),
            invalid(CurpError::CheckDigit { expected: '6' }),
        ),
        ("E4".into(), IssueKind::CurpReformatted),
        ("E5".into(), invalid(CurpError::Length { found: 17 })),
        ("E7".into(), invalid(CurpError::BirthDate)),
        ("E9".into(), invalid(CurpError::StateCode)),
    ];
    assert_eq!(found, expected);
    assert!(imported.beneficiaries.is_empty());
}

/// With a kitchen key, the records carry each CURP as read.
#[test]
fn curp_fields_keep_valid_and_invalid_values() {
    let bytes = xlsx(&[(
        "padron",
        &[
            &["CLAVE COCINA", "CURP", "SEXO"],
            &["OAX-VC-001", "UOPP150412MOCNRRA6", "M"],
            &["OAX-VC-001", " uopp150412mocnrra6", "M"],
            &["OAX-VC-001", "UOPP150412MOCNRRA7", "M"],
            &["OAX-VC-001", "", "H"],
        ],
    )]);
    let imported = import_file("p.xlsx", &bytes, &ImportOptions::default());
    let curps: Vec<Option<bool>> = imported
        .beneficiaries
        .iter()
        .map(|b| b.curp.as_ref().map(|c| matches!(c, CurpField::Valid(_))))
        .collect();
    assert_eq!(curps, [Some(true), Some(true), Some(false), None]);
    let cells: Vec<_> = imported.issues.iter().filter_map(cell_of).collect();
    assert_eq!(cells, ["B3", "B4"]);
}
