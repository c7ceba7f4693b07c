//! INEGI keys: codes kept as zero-padded text whatever the cell held.

use cocina_importers::IssueKind;
use cocina_model::keys::KeyKind;
use cocina_model::{Cvegeo, KeyError};

use crate::support::{EXPECTED, cell_of, import_case, issues_where};

const C07: &str = "C07_inegi_codes_leading_zeros.xlsx";

/// C07: `067` typed as text, stored as the number 67 behind a `000` format,
/// or typed as `43`, all become three-digit keys; a padded code is a warning
/// at its cell, and a 5-digit CVEGEO in a locality column is an error.
#[test]
fn codes_stored_as_numbers_are_padded_with_a_warning_c07() {
    let imported = import_case(C07);
    let rows = EXPECTED["C07"]["normalized"].as_array().expect("C07 rows");
    assert_eq!(imported.kitchens.len(), rows.len());
    for (kitchen, expected) in imported.kitchens.iter().zip(rows) {
        let row = kitchen.origin.row;
        assert_eq!(u64::from(row), expected["row"].as_u64().expect("row"));
        assert_eq!(
            kitchen.state.as_str(),
            expected["cve_ent"].as_str().expect("cve_ent")
        );
        let municipality = kitchen.municipality.expect("municipality key");
        assert_eq!(
            municipality.as_str(),
            expected["cve_mun"].as_str().expect("cve_mun")
        );
        let locality = kitchen.locality.expect("locality key");
        assert_eq!(
            locality.as_str(),
            expected["cve_loc"].as_str().expect("cve_loc")
        );
        if let Some(cvegeo) = expected["cvegeo"].as_str() {
            let keys = Cvegeo::new(cvegeo).expect("expected CVEGEO");
            assert_eq!(keys.municipality, municipality, "row {row}");
            assert_eq!(keys.locality, Some(locality), "row {row}");
        }
        let padded = issues_where(&imported, |k| matches!(k, IssueKind::CodePadded { .. }));
        let warned = padded.iter().any(|i| i.source.row == Some(row));
        assert_eq!(
            warned,
            expected["warning"].as_bool().expect("warning"),
            "row {row}"
        );
    }
    let invalid = issues_where(&imported, |k| matches!(k, IssueKind::InvalidKey { .. }));
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert_eq!(cell_of(invalid[0]).as_deref(), Some("F5"));
    let IssueKind::InvalidKey { field, error } = &invalid[0].kind else {
        unreachable!("filtered above");
    };
    assert_eq!(field, "cvegeo");
    let length = KeyError::Length {
        kind: KeyKind::Cvegeo,
        expected: 9,
        found: 5,
    };
    assert_eq!(error, &length);
}
