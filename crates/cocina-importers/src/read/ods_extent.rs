//! The size of the grid calamine would build for an .ods, measured before
//! it builds it.
//!
//! An .ods compresses repetition into attributes: one cell with
//! `table:number-columns-repeated="16000"` in a row with
//! `table:number-rows-repeated="6000"` is 96 million cells, in under a
//! kilobyte. calamine lays every sheet out as a dense grid up to its last
//! cell with content, and caps it only at 100 million cells, gigabytes of
//! memory. This module streams `content.xml` and computes, per sheet, the
//! rows and columns up to the last cell with content, so that a sheet over
//! the cell limit is refused first.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// A sheet's extent so far.
#[derive(Debug, Default)]
struct Sheet {
    rows: u64,
    rows_with_content: u64,
    columns_with_content: u64,
}

impl Sheet {
    fn cells(&self) -> u64 {
        self.rows_with_content
            .saturating_mul(self.columns_with_content)
    }
}

/// One row being read: how many times it repeats and where its last cell
/// with content ends.
#[derive(Debug, Default)]
struct Row {
    repeats: u64,
    width: u64,
    last_content: u64,
}

impl Row {
    fn cell(&mut self, e: &BytesStart<'_>, open: bool) {
        self.width = self
            .width
            .saturating_add(repeats(e, "table:number-columns-repeated"));
        let has_value = e
            .try_get_attribute("office:value-type")
            .ok()
            .flatten()
            .is_some();
        if open || has_value {
            self.last_content = self.width;
        }
    }
}

/// Returns whether any sheet of the .ods in `bytes` spans more than
/// `max_cells` cells up to its last cell with content. A file that cannot
/// be read here is left to calamine, which reports it.
pub(super) fn exceeds(bytes: &[u8], max_cells: u64, max_bytes: u64) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return false;
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content.take(max_bytes)));
    let mut buf = Vec::new();
    let mut sheet = Sheet::default();
    let mut row = Row::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return false,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                sheet = Sheet::default();
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row = Row {
                    repeats: repeats(&e, "table:number-rows-repeated"),
                    ..Row::default()
                };
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                sheet.rows = sheet
                    .rows
                    .saturating_add(repeats(&e, "table:number-rows-repeated"));
            }
            // A cell written open can hold text; one written empty holds
            // content only through a value attribute.
            Event::Start(e) if is_cell(&e) => row.cell(&e, true),
            Event::Empty(e) if is_cell(&e) => row.cell(&e, false),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                sheet.rows = sheet.rows.saturating_add(row.repeats);
                if row.last_content > 0 {
                    sheet.rows_with_content = sheet.rows;
                    sheet.columns_with_content = sheet.columns_with_content.max(row.last_content);
                }
                if sheet.cells() > max_cells {
                    return true;
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

/// Reads a repeat attribute; absent, unreadable or zero counts as once.
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse().ok())
        .filter(|&n: &u64| n > 0)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn ods(rows_xml: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("content.xml", options).unwrap();
        let xml = format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"S\">{rows_xml}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn repeated_cells_with_content_are_counted() {
        let bomb = ods("<table:table-row table:number-rows-repeated=\"6000\">\
             <table:table-cell table:number-columns-repeated=\"16000\" \
             office:value-type=\"string\"><text:p>x</text:p></table:table-cell>\
             </table:table-row>");
        assert!(exceeds(&bomb, 20_000_000, 1 << 30));
        assert!(!exceeds(&bomb, 100_000_000, 1 << 30));
    }

    #[test]
    fn trailing_empty_repeats_are_not_counted() {
        let normal = ods(
            "<table:table-row><table:table-cell office:value-type=\"string\">\
             <text:p>clave</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"16383\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\">\
             <table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
        );
        assert!(!exceeds(&normal, 1_000, 1 << 30));
    }
}
