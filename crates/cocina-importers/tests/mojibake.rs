//! Text damaged before it reached the spreadsheet: mojibake and lost
//! letters (U+FFFD) in a kitchen's name and place.

use cocina_importers::IssueKind;
use cocina_model::Severity;

use crate::support::{EXPECTED, cell_of, import_case, issues_where};

const C08: &str = "C08_mojibake_names.xlsx";

/// The case's expected text of `row`: kitchen name and municipality.
fn expected_row(row: u64) -> [String; 2] {
    let rows = EXPECTED["C08"]["rows"].as_array().expect("rows");
    let entry = rows.iter().find(|r| r["row"] == row).expect("row listed");
    let text = |i: usize| entry["expected"][i].as_str().expect("text").to_owned();
    [text(0), text(1)]
}

/// C08: rows 3 and 4 hold mojibake, kept as read with a warning at each
/// damaged cell that proposes the repair; row 5 lost a letter (error);
/// rows 2 and 6, with clean ñ, á and í, have no issue.
#[test]
fn mojibake_is_flagged_with_its_repair_c08() {
    let imported = import_case(C08);
    let flagged = issues_where(&imported, |k| {
        matches!(k, IssueKind::SuspectedMojibake { .. })
    });
    let found: Vec<(String, String)> = flagged
        .iter()
        .map(|i| match &i.kind {
            IssueKind::SuspectedMojibake { proposed, .. } => {
                (cell_of(i).expect("cell"), proposed.clone())
            }
            _ => unreachable!(),
        })
        .collect();
    let [name3, municipality3] = expected_row(3);
    let [_, municipality4] = expected_row(4);
    let want = [("B3", name3), ("C3", municipality3), ("C4", municipality4)]
        .map(|(cell, text)| (cell.to_owned(), text));
    assert_eq!(found, want);
    assert!(flagged.iter().all(|i| i.severity() == Severity::Warning));

    // Kept as read: the repair is only proposed.
    let stored = EXPECTED["C08"]["rows"][1]["stored"][0].as_str();
    assert_eq!(Some(imported.kitchens[1].name.as_str()), stored);
}

/// C08: the replacement character is an error at its cell.
#[test]
fn lost_letter_is_an_error_c08() {
    let imported = import_case(C08);
    let lost = issues_where(&imported, |k| matches!(k, IssueKind::LostCharacter { .. }));
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(cell_of(lost[0]).as_deref(), Some("C5"));
    assert_eq!(lost[0].severity(), Severity::Error);
}

/// C08: the clean rows have no issue and come out unchanged.
#[test]
fn clean_rows_are_untouched_c08() {
    let imported = import_case(C08);
    let on_clean_rows = imported
        .issues
        .iter()
        .filter(|i| matches!(i.source.cell, Some(c) if c.row == 2 || c.row == 6))
        .count();
    assert_eq!(on_clean_rows, 0, "{:?}", imported.issues);
    for (index, row) in [(0, 2), (4, 6)] {
        let kitchen = &imported.kitchens[index];
        let read = [
            kitchen.name.clone(),
            kitchen.municipality_name.clone().unwrap_or_default(),
        ];
        assert_eq!(read, expected_row(row));
    }
}
