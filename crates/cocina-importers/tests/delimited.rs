//! CSV files: encodings, delimiters, title lines and real line numbers.

use cocina_importers::{ImportOptions, Limits, SourceFormat, import_file, read_file};

use crate::support::a1;

const PEOPLE: &str = "Padrón de beneficiarios, marzo 2024\n\
\n\
clave_comedor;nombre;sexo;edad\n\
OAX-VC-001;Ana Núñez;M;7\n\
OAX-VC-001;Beto Peña;H;9\n";

#[test]
fn semicolons_and_title_lines_keep_line_numbers() {
    let imported = import_file("padron.csv", PEOPLE.as_bytes(), &ImportOptions::default());
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    let rows: Vec<u32> = imported
        .beneficiaries
        .iter()
        .map(|b| b.origin.row)
        .collect();
    assert_eq!(rows, [4, 5]);
    let edad = imported.beneficiaries[1].origin.cell("edad");
    assert_eq!(edad.to_string(), "padron.csv, cell D5");
}

#[test]
fn windows_1252_utf8_and_bom_read_the_same() {
    let utf8 = PEOPLE.as_bytes().to_vec();
    let bom = [b"\xEF\xBB\xBF".as_slice(), PEOPLE.as_bytes()].concat();
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(PEOPLE);
    assert!(!lossy);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(PEOPLE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    for bytes in [utf8, bom, cp1252.into_owned(), utf16] {
        let read = read_file("padron.csv", &bytes, &Limits::default()).expect("reads");
        let table = &read.tables[0];
        assert_eq!(table.format(), SourceFormat::Csv);
        assert_eq!(table.sheet(), None);
        assert_eq!(table.text(a1("B4")).unwrap().as_deref(), Some("Ana Núñez"));
        assert_eq!(
            table.text(a1("A1")).unwrap().as_deref(),
            Some("Padrón de beneficiarios, marzo 2024")
        );
    }
}

#[test]
fn tabs_commas_and_quoted_fields() {
    let tabs = "clave\tnombre\tmunicipio\nOAX-VC-001\tComedor \"Centro\"\tOaxaca de Juárez\n";
    let commas = "clave,nombre,municipio\nOAX-VC-001,\"Comedor, Centro\",Oaxaca de Juárez\n";
    for (text, name) in [(tabs, "Comedor \"Centro\""), (commas, "Comedor, Centro")] {
        let imported = import_file("k.csv", text.as_bytes(), &ImportOptions::default());
        assert_eq!(imported.kitchens.len(), 1, "{text}");
        assert_eq!(imported.kitchens[0].name, name);
    }
}

#[test]
fn tab_separated_text_named_xls_is_read_as_text() {
    let text = "clave\tnombre\nOAX-VC-001\tComedor Centro\n";
    let read = read_file("comedores.xls", text.as_bytes(), &Limits::default()).expect("reads");
    assert_eq!(read.tables[0].format(), SourceFormat::Csv);
}

/// Excel writes CSV with `\r\n`; rows and cells must still be the lines a
/// spreadsheet shows, and no row may be taken for the header.
#[test]
fn crlf_csv_keeps_every_row_and_its_cells() {
    let csv = "CLAVE COMEDOR,NOMBRE,CURP,SEXO,EDAD\r\n\
               OAX-1,Ana,UOPP150412MOCNRRA6,M,9\r\n\
               OAX-1,Eva,XXXX,Q,7\r\n";
    let imported = import_file("padron.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.beneficiaries.len(), 2, "{:?}", imported.issues);
    assert_eq!(imported.beneficiaries[1].origin.row, 3);
    let cells: Vec<String> = imported
        .issues
        .iter()
        .filter_map(|i| i.source.cell.map(|c| c.to_string()))
        .collect();
    assert!(cells.contains(&"C3".to_owned()), "{:?}", imported.issues);
    assert!(cells.contains(&"D3".to_owned()), "{:?}", imported.issues);
}
