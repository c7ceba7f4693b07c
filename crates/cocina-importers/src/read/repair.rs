//! Rewrites of an .xlsx container that let calamine read what Excel and
//! `LibreOffice` open without complaint.
//!
//! Two faults are repaired, each only when found:
//!
//! - a `<dimension>` element that does not parse, such as `A0:D6` (row 0
//!   does not exist): calamine refuses the sheet, although the element is
//!   only a hint. Removing it loses nothing.
//! - a shared-strings count (`uniqueCount`) larger than the part could hold:
//!   calamine reserves memory for that many strings up front, and a forged
//!   count would exhaust memory before a single cell is read.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The smallest shared string, `<si><t/></si>`, in bytes.
const MIN_SHARED_STRING_BYTES: u64 = 13;

/// Bytes of the shared-strings part read to find its `<sst>` element.
const SST_HEAD_BYTES: u64 = 4096;

/// Returns a copy of the workbook whose worksheets have no `<dimension>`
/// element, or `None` when the archive cannot be rewritten within
/// `max_part_bytes` per part.
pub(crate) fn without_dimensions(bytes: &[u8], max_part_bytes: u64) -> Option<Vec<u8>> {
    let is_sheet = |name: &str| {
        let path = std::path::Path::new(name);
        name.starts_with("xl/worksheets/")
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
    };
    rewrite(bytes, max_part_bytes, is_sheet, remove_dimension)
}

/// What to do about a workbook's shared-strings count.
pub(crate) enum StringCount {
    /// The count is plausible, or there is nothing to check: read the
    /// workbook as it is.
    Plausible,
    /// A copy of the workbook with the implausible count set to zero.
    Repaired(Vec<u8>),
    /// The count is implausible and the part cannot be rewritten (a broken
    /// checksum, say); calamine would reserve room for the count, so the
    /// workbook must not reach it.
    Unreadable,
}

/// Checks the `<sst>` count against what the part's size allows, and
/// rewrites an implausible one to zero.
pub(crate) fn with_plausible_string_count(bytes: &[u8], max_strings: u64) -> StringCount {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return StringCount::Plausible;
    };
    let Some(name) = shared_strings_name(&archive) else {
        return StringCount::Plausible;
    };
    let Ok(mut part) = archive.by_name(&name) else {
        return StringCount::Unreadable;
    };
    let bound = (part.size() / MIN_SHARED_STRING_BYTES + 1).min(max_strings);
    let mut head = Vec::new();
    if part
        .by_ref()
        .take(SST_HEAD_BYTES)
        .read_to_end(&mut head)
        .is_err()
    {
        return StringCount::Unreadable;
    }
    drop(part);
    match unique_count(&head) {
        Some(declared) if declared > bound => {
            tracing::warn!(
                declared,
                bound,
                "shared-strings count is implausible; ignoring it"
            );
            let is_sst = |n: &str| n == name;
            rewrite(bytes, u64::MAX, is_sst, zero_unique_count)
                .map_or(StringCount::Unreadable, StringCount::Repaired)
        }
        _ => StringCount::Plausible,
    }
}

fn shared_strings_name(archive: &ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    archive
        .file_names()
        .filter_map(Result::ok)
        .find(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(std::borrow::Cow::into_owned)
}

/// Reads the `uniqueCount` (else `count`) attribute of the `<sst>` start
/// tag; saturates at `u64::MAX` for absurd digit strings.
fn unique_count(head: &[u8]) -> Option<u64> {
    let start = find(head, b"sst ")?;
    let tag_end = start + find(&head[start..], b">")?;
    let tag = &head[start..tag_end];
    let value = attribute(tag, b"uniqueCount=\"").or_else(|| attribute(tag, b" count=\""))?;
    let digits = value.iter().take_while(|b| b.is_ascii_digit());
    Some(digits.fold(0u64, |acc, d| {
        acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

fn attribute<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = find(tag, name)? + name.len();
    Some(&tag[at..])
}

fn zero_unique_count(xml: &mut Vec<u8>) {
    for name in [&b"uniqueCount=\""[..], &b" count=\""[..]] {
        let Some(at) = find(xml, name).map(|i| i + name.len()) else {
            continue;
        };
        let digits = xml[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        xml.splice(at..at + digits, *b"0");
    }
}

/// Removes the first `<dimension …/>` (any namespace prefix) before
/// `sheetData`.
fn remove_dimension(xml: &mut Vec<u8>) {
    let head_end = find(xml, b"sheetData").unwrap_or(xml.len());
    let mut from = 0;
    while let Some(open) = find(&xml[from..head_end], b"<").map(|i| i + from) {
        let name_end = xml[open + 1..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(xml.len(), |i| open + 1 + i);
        let name = &xml[open + 1..name_end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if local == b"dimension" {
            let Some(close) = find(&xml[open..], b">").map(|i| open + i + 1) else {
                return;
            };
            let self_closing = xml[..close].ends_with(b"/>");
            let end = if self_closing {
                close
            } else {
                find(&xml[close..], b"dimension>").map_or(close, |i| close + i + 10)
            };
            xml.drain(open..end);
            return;
        }
        from = open + 1;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Copies the archive, passing the parts `edit_this` selects through `edit`
/// and copying the others as they are.
fn rewrite(
    bytes: &[u8],
    max_part_bytes: u64,
    edit_this: impl Fn(&str) -> bool,
    edit: fn(&mut Vec<u8>),
) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let name = archive.name_for_index(index)?.ok()?.into_owned();
        if !edit_this(&name) {
            let part = archive.by_index_raw(index).ok()?;
            writer.raw_copy_file(part).ok()?;
            continue;
        }
        let mut part = archive.by_index(index).ok()?;
        let mut xml = Vec::new();
        part.by_ref()
            .take(max_part_bytes.saturating_add(1))
            .read_to_end(&mut xml)
            .ok()?;
        if xml.len() as u64 > max_part_bytes {
            return None;
        }
        edit(&mut xml);
        writer.start_file(name, options).ok()?;
        writer.write_all(&xml).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_is_removed_whatever_its_prefix() {
        let mut xml = br#"<worksheet><x:dimension ref="A0:D6"/><sheetData/></worksheet>"#.to_vec();
        remove_dimension(&mut xml);
        assert_eq!(xml, b"<worksheet><sheetData/></worksheet>");
        let mut xml = br#"<worksheet><dimension ref="A0"></dimension><sheetData>"#.to_vec();
        remove_dimension(&mut xml);
        assert_eq!(xml, b"<worksheet><sheetData>");
    }

    #[test]
    fn unique_count_is_read_and_zeroed() {
        let head = br#"<?xml?><sst xmlns="x" count="5" uniqueCount="99999999999999999999999">"#;
        assert_eq!(unique_count(head), Some(u64::MAX));
        let mut xml = head.to_vec();
        zero_unique_count(&mut xml);
        assert_eq!(unique_count(&xml), Some(0));
    }
}
