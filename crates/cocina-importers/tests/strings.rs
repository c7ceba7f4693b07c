//! Text read exactly as stored, whatever the file's string encoding.

use cocina_importers::{ImportOptions, import_file};

use crate::support::{EXPECTED, a1, import_case, read_case, sheet, xlsx};

const C09: &str = "C09_xls_biff8_strings.xls";
const C15: &str = "C15_csv_formula_injection.xlsx";

/// C09: BIFF8 strings, stored compressed (Latin-1) or as UTF-16, with ñ,
/// accents, an em dash, curly quotes and ɨ, come out exactly.
#[test]
fn xls_compressed_and_utf16_strings_read_exactly_c09() {
    let read = read_case(C09);
    let table = sheet(&read, "comedores");
    let rows = EXPECTED["C09"]["exact_strings"].as_array().expect("rows");
    for (r, row) in rows.iter().enumerate() {
        for (c, want) in row.as_array().expect("cells").iter().enumerate() {
            let cell = cocina_model::CellRef {
                row: r as u32 + 1,
                column: c as u32 + 1,
            };
            assert_eq!(
                table.text(cell).unwrap().as_deref(),
                want.as_str(),
                "{cell}"
            );
        }
    }
    let imported = import_case(C09);
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    let names: Vec<&str> = imported.kitchens.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names[2], "Comedor “La Esperanza”");
    assert_eq!(
        imported.kitchens[2].locality_name.as_deref(),
        Some("Paraje Yɨtɨ (nombre inventado)")
    );
}

/// C15 (importer side): text that starts with `=`, `@`, `-` or a tab is
/// kept exactly; escaping it is publication's job.
#[test]
fn formula_like_text_is_kept_as_stored_c15() {
    let imported = import_case(C15);
    let names: Vec<&str> = imported.kitchens.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "=HYPERLINK(\"http://example.invalid/x\",\"Ver\")",
            "@SUMA(1+1)",
            "\t=1+1"
        ]
    );
    let read = read_case(C15);
    let table = sheet(&read, "comedores");
    assert_eq!(table.number(a1("F2")), Ok(Some(-96.7253)));
}

/// Free text keeps its spaces; keys and codes are trimmed.
#[test]
fn free_text_is_untouched_and_keys_are_trimmed() {
    let bytes = xlsx(&[(
        "comedores",
        &[
            &["clave", "nombre", "municipio"],
            &["  oax-vc-001 ", " Comedor  Centro ", "Oaxaca de Juárez"],
        ],
    )]);
    let imported = import_file("k.xlsx", &bytes, &ImportOptions::default());
    let kitchen = &imported.kitchens[0];
    assert_eq!(kitchen.key.as_str(), "OAX-VC-001");
    assert_eq!(kitchen.name, " Comedor  Centro ");
}
