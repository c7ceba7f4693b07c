//! .xlsb workbooks, built here record by record (MS-XLSB): read like
//! .xlsx, within the same limits.

use std::io::{Cursor, Write};

use cocina_importers::{ImportOptions, IssueKind, Limits, import_file, read_file};
use cocina_model::KitchenStatus;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::cell_of;

/// One cell of the test workbooks.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// Encodes a record: its type and length as MS-XLSB variable-length
/// integers, then its body.
fn record(kind: u16, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if kind < 0x80 {
        out.push(kind as u8);
    } else {
        out.push((kind & 0x7F) as u8 | 0x80);
        out.push((kind >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(body);
    out
}

/// An MS-XLSB wide string: character count, then UTF-16LE.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

fn workbook_part(sheet: &str, date1904: bool) -> Vec<u8> {
    let mut part = record(0x0083, &[]); // BrtBeginBook
    let mut properties = vec![u8::from(date1904), 0, 0, 0, 0, 0, 0, 0];
    properties.extend(wide(""));
    part.extend(record(0x0099, &properties)); // BrtWbProp
    part.extend(record(0x008F, &[])); // BrtBeginBundleShs
    let mut bundle = [0u32.to_le_bytes(), 1u32.to_le_bytes()].concat();
    bundle.extend(wide("rId1"));
    bundle.extend(wide(sheet));
    part.extend(record(0x009C, &bundle)); // BrtBundleSh
    part.extend(record(0x0090, &[])); // BrtEndBundleShs
    part.extend(record(0x0084, &[])); // BrtEndBook
    part
}

/// A sheet part; `cells` are `(row, column, value)`, 0-based, in order.
/// `dimension` is the used range the sheet declares, last row and column.
fn sheet_part(cells: &[(u32, u32, Cell<'_>)], dimension: (u32, u32)) -> Vec<u8> {
    let mut part = record(0x0081, &[]); // BrtBeginSheet
    let dim = [0, dimension.0, 0, dimension.1]
        .map(u32::to_le_bytes)
        .concat();
    part.extend(record(0x0094, &dim)); // BrtWsDim
    part.extend(record(0x0091, &[])); // BrtBeginSheetData
    let mut current_row = None;
    for (row, column, cell) in cells {
        if current_row != Some(*row) {
            current_row = Some(*row);
            let mut header = row.to_le_bytes().to_vec();
            header.extend([0u8; 13]);
            part.extend(record(0x0000, &header)); // BrtRowHdr
        }
        let mut body = column.to_le_bytes().to_vec();
        body.extend([0u8; 4]); // style and flags
        match cell {
            Cell::Text(text) => {
                body.extend(wide(text));
                part.extend(record(0x0006, &body)); // BrtCellSt
            }
            Cell::Number(n) => {
                body.extend(n.to_le_bytes());
                part.extend(record(0x0005, &body)); // BrtCellReal
            }
        }
    }
    part.extend(record(0x0092, &[])); // BrtEndSheetData
    part.extend(record(0x0082, &[])); // BrtEndSheet
    part
}

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
Target=\"worksheets/sheet1.bin\"/></Relationships>";

fn parts(
    sheet: &str,
    cells: &[(u32, u32, Cell<'_>)],
    dimension: (u32, u32),
) -> [(&'static str, Vec<u8>); 3] {
    [
        ("xl/workbook.bin", workbook_part(sheet, false)),
        ("xl/_rels/workbook.bin.rels", RELS.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.bin", sheet_part(cells, dimension)),
    ]
}

fn zipped(parts: [(&str, Vec<u8>); 3]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        writer.start_file(name, options).expect("part");
        writer.write_all(&bytes).expect("written");
    }
    writer.finish().expect("zip").into_inner()
}

fn xlsb(sheet: &str, cells: &[(u32, u32, Cell<'_>)], dimension: (u32, u32)) -> Vec<u8> {
    zipped(parts(sheet, cells, dimension))
}

fn kitchens_cells() -> Vec<(u32, u32, Cell<'static>)> {
    use Cell::{Number, Text};
    vec![
        (0, 0, Text("Comedores 2016")),
        (2, 1, Text("CLAVE")),
        (2, 2, Text("NOMBRE")),
        (2, 3, Text("CVE_MUN")),
        (2, 4, Text("ESTATUS")),
        (3, 1, Text("OAX-VC-001")),
        (3, 2, Text("Comedor Centro")),
        (3, 3, Number(67.0)),
        (3, 4, Text("OPERANDO")),
        (4, 1, Text("OAX-VC-002")),
        (4, 2, Text("Comedor Norte")),
        (4, 3, Text("067")),
        (4, 4, Text("BAJA")),
    ]
}

#[test]
fn xlsb_kitchens_are_read_with_their_cells() {
    let bytes = xlsb("comedores", &kitchens_cells(), (4, 4));
    let imported = import_file("comedores.xlsb", &bytes, &ImportOptions::default());
    let [first, second] = imported.kitchens.as_slice() else {
        panic!("two kitchens, got {:?}", imported.issues);
    };
    assert_eq!(first.key.as_str(), "OAX-VC-001");
    assert_eq!(first.name, "Comedor Centro");
    assert_eq!(
        first.municipality.map(|m| m.to_string()).as_deref(),
        Some("067")
    );
    assert_eq!(second.status, KitchenStatus::Closed);
    assert_eq!(
        first.origin.cell("clave").to_string(),
        "comedores.xlsb, sheet comedores, cell B4"
    );
    // 67 stored as a number was padded: the one warning.
    let [issue] = imported.issues.as_slice() else {
        panic!("one issue, got {:?}", imported.issues);
    };
    assert_eq!(cell_of(issue).as_deref(), Some("D4"));
    assert!(matches!(issue.kind, IssueKind::CodePadded { .. }));
}

#[test]
fn an_xlsb_whose_range_claims_the_whole_sheet_is_read_cell_by_cell() {
    let mut cells = kitchens_cells();
    cells.push((1_048_575, 16_383, Cell::Text(".")));
    let bytes = xlsb("comedores", &cells, (1_048_575, 16_383));
    let imported = import_file("comedores.xlsb", &bytes, &ImportOptions::default());
    assert_eq!(imported.kitchens.len(), 2);
    let limited: Vec<_> = imported
        .issues
        .iter()
        .filter(|i| matches!(&i.kind, IssueKind::LimitReached { limit, .. } if limit == "columns"))
        .filter_map(cell_of)
        .collect();
    assert_eq!(limited, ["XFD1048576"]);
}

#[test]
fn an_xlsb_with_a_part_over_the_limit_is_refused_before_reading() {
    let bytes = xlsb("comedores", &kitchens_cells(), (4, 4));
    let limits = Limits {
        max_file_bytes: 64,
        ..Limits::default()
    };
    let read = read_file("comedores.xlsb", &bytes, &limits).expect("refused, not failed");
    assert!(read.tables.is_empty());
    assert!(matches!(&read.issues[0].kind,
        IssueKind::LimitReached { limit, max: 64 } if limit == "decompressed_bytes"));
}

proptest! {
    /// Damage inside a part (not the ZIP, whose checksum would catch it)
    /// reaches calamine's record reader; the file still only gives issues
    /// that name it.
    #[test]
    fn damaged_xlsb_parts_never_panic(
        part in 0..3usize,
        edits in prop::collection::vec((any::<Index>(), any::<u8>()), 1..12),
        cut in prop::option::of(any::<Index>()),
    ) {
        let mut parts = parts("comedores", &kitchens_cells(), (4, 4));
        let bytes = &mut parts[part].1;
        for (at, value) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        let imported = import_file("x.xlsb", &zipped(parts), &ImportOptions::default());
        for issue in &imported.issues {
            prop_assert_eq!(&*issue.source.file, "x.xlsb");
        }
    }
}
