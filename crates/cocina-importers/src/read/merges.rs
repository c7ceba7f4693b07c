//! Merged regions of .xlsx worksheets, found by scanning each sheet's XML
//! for its `<mergeCell ref="A2:A4"/>` elements.
//!
//! calamine can list them too, but parses the whole sheet a second time to
//! reach them, which costs as much as reading the cells. A byte scan of the
//! decompressed part is several times faster and holds one chunk at a time.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use cocina_model::CellRef;
use zip::ZipArchive;

use crate::table::Region;

/// Bytes read from the archive at a time.
const CHUNK: usize = 1 << 16;

/// Longest `<mergeCell …>` element accepted; anything longer is not one.
const MAX_ELEMENT: usize = 512;

/// Workbook parts are small; a larger one is not read.
const MAX_WORKBOOK_PART: u64 = 16 << 20;

/// Returns the merged regions of every worksheet, by sheet name, or `None`
/// when the workbook's parts are not where the scan looks (the caller then
/// asks calamine).
pub(super) fn merged_regions(
    bytes: &[u8],
    max_regions: usize,
) -> Option<HashMap<String, Vec<Region>>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let workbook = read_part(&mut archive, "xl/workbook.xml")?;
    let rels = read_part(&mut archive, "xl/_rels/workbook.xml.rels")?;
    let targets: HashMap<String, String> = elements(&rels, b"Relationship")
        .filter_map(|attrs| Some((attr(&attrs, "Id")?, attr(&attrs, "Target")?)))
        .collect();
    let mut regions = HashMap::new();
    for attrs in elements(&workbook, b"sheet") {
        let name = attr(&attrs, "name")?;
        let id = attrs
            .iter()
            .find(|(k, _)| k == "id" || k.ends_with(":id"))?;
        let target = targets.get(&id.1)?;
        let path = target
            .strip_prefix('/')
            .map_or_else(|| format!("xl/{target}"), str::to_owned);
        let part = archive.by_name(&path).ok()?;
        regions.insert(name, scan(part, max_regions).ok()?);
    }
    Some(regions)
}

fn read_part(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut part = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    part.by_ref()
        .take(MAX_WORKBOOK_PART)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Scans a sheet part for merged regions, a chunk at a time.
fn scan(mut part: impl Read, max_regions: usize) -> std::io::Result<Vec<Region>> {
    const NEEDLE: &[u8] = b"mergeCell ";
    let mut regions = Vec::new();
    let mut buffer = Vec::with_capacity(CHUNK + MAX_ELEMENT);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let read = part.read(&mut chunk)?;
        buffer.extend_from_slice(&chunk[..read]);
        let mut from = 0;
        let mut keep = buffer.len().saturating_sub(NEEDLE.len() - 1);
        while let Some(at) = find(&buffer[from..], NEEDLE).map(|i| from + i) {
            let Some(end) = find(&buffer[at..], b">").map(|i| at + i) else {
                keep = at;
                break;
            };
            if let Some(region) = region_of(&buffer[at..end]) {
                regions.push(region);
            }
            from = end + 1;
            keep = keep.max(from);
        }
        if read == 0 || regions.len() >= max_regions {
            break;
        }
        let keep = keep.min(buffer.len());
        buffer.drain(..keep);
        // A needle with no `>` in sight is not an element; drop it.
        if buffer.len() > MAX_ELEMENT {
            buffer.clear();
        }
    }
    regions.truncate(max_regions);
    Ok(regions)
}

/// Reads the `ref` of a `mergeCell` element: `A2:A4`, or one cell.
fn region_of(element: &[u8]) -> Option<Region> {
    let element = std::str::from_utf8(element).ok()?;
    let (_, rest) = element.split_once("ref=\"")?;
    let (reference, _) = rest.split_once('"')?;
    let (first, last) = reference.split_once(':').unwrap_or((reference, reference));
    let zero_based = |cell: CellRef| (cell.row - 1, cell.column - 1);
    let first = zero_based(CellRef::parse_a1(first)?);
    let last = zero_based(CellRef::parse_a1(last)?);
    Some((first, last))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(i) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Iterates over the attributes of each `<name …>` element (any namespace
/// prefix) of a small XML part.
fn elements<'a>(xml: &'a [u8], name: &'a [u8]) -> impl Iterator<Item = Vec<(String, String)>> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let open = find(xml.get(from..)?, b"<")? + from;
            let close = find(&xml[open..], b">")? + open;
            from = close + 1;
            let tag = std::str::from_utf8(&xml[open + 1..close]).ok()?;
            let tag = tag.trim_end_matches('/');
            let (tag_name, rest) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
            let local = tag_name.rsplit(':').next().unwrap_or(tag_name);
            if local.as_bytes() == name {
                return Some(attributes(rest));
            }
        }
    })
}

/// Parses `a="1" b='2'` into pairs, with XML entities decoded.
fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    while let Some((key, rest)) = text.split_once('=') {
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            break;
        };
        let Some((value, after)) = rest[1..].split_once(quote) else {
            break;
        };
        out.push((key.trim().to_owned(), unescape(value)));
        text = after;
    }
    out
}

fn attr(attributes: &[(String, String)], name: &str) -> Option<String> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// Decodes the five XML entities and numeric character references.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            out.push_str(&rest[amp..]);
            return out;
        };
        let entity = &after[..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[amp..=amp + semi + 1]),
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_found_across_chunk_boundaries() {
        let mut xml = b"<worksheet><sheetData>".to_vec();
        xml.resize(CHUNK - 7, b' ');
        xml.extend_from_slice(br#"</sheetData><mergeCells count="2"><mergeCell ref="A2:A4"/>"#);
        xml.extend_from_slice(br#"<x:mergeCell ref="B7"/></mergeCells></worksheet>"#);
        let regions = scan(xml.as_slice(), 100).unwrap();
        assert_eq!(regions, [((1, 0), (3, 0)), ((6, 1), (6, 1))]);
    }

    #[test]
    fn sheet_elements_and_entities_are_read() {
        let xml = concat!(
            r#"<sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/>"#,
            r#"<sheet name='C&#233;' r:id="rId2"/></sheets>"#
        )
        .as_bytes();
        let sheets: Vec<_> = elements(xml, b"sheet").collect();
        assert_eq!(attr(&sheets[0], "name").as_deref(), Some("A & B"));
        assert_eq!(attr(&sheets[1], "name").as_deref(), Some("Cé"));
        assert_eq!(attr(&sheets[1], "r:id").as_deref(), Some("rId2"));
        assert_eq!(unescape("a&bogus;b&"), "a&bogus;b&");
    }
}
