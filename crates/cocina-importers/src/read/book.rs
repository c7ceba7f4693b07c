//! The parts of an .xlsx workbook read before its sheets: the sheet list,
//! the date system, which cell styles are dates, and the shared strings.
//!
//! Shared strings are kept in one buffer with their end offsets rather than
//! one `String` each: a register of a million people has two million
//! distinct strings, and per-string allocations would double their size.

use std::collections::HashMap;
use std::io::{Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::sheet::{CHUNK, Fill, after_last_end_tag, fill};
use crate::table::Limits;
use crate::value::DateSystem;

/// Workbook parts other than sheets are small; a larger one is refused.
const MAX_WORKBOOK_PART: u64 = 16 << 20;

/// Why the fast reader does not read a workbook: the caller falls back to
/// calamine, which reports the precise problem.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl From<quick_xml::Error> for Unsupported {
    fn from(_: quick_xml::Error) -> Self {
        Unsupported
    }
}

impl From<std::io::Error> for Unsupported {
    fn from(_: std::io::Error) -> Self {
        Unsupported
    }
}

impl From<zip::result::ZipError> for Unsupported {
    fn from(_: zip::result::ZipError) -> Self {
        Unsupported
    }
}

/// How a cell style shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberKind {
    Plain,
    Date,
    /// Elapsed time such as `[h]:mm`.
    Duration,
}

/// One worksheet: its name and the archive path of its part.
#[derive(Debug, Clone)]
pub(crate) struct SheetPart {
    pub(crate) name: String,
    pub(crate) path: String,
}

/// What every sheet of the workbook is read with.
#[derive(Debug, Default)]
pub(crate) struct Book {
    pub(crate) sheets: Vec<SheetPart>,
    pub(crate) dates: DateSystem,
    /// Number kind by cell style (`s` attribute).
    pub(crate) styles: Vec<NumberKind>,
    pub(crate) strings: SharedStrings,
}

/// Shared strings in one buffer.
#[derive(Debug, Default)]
pub(crate) struct SharedStrings {
    text: String,
    /// End of each string in `text`; 4 bytes each, as the text is held
    /// under 4 GiB.
    ends: Vec<u32>,
}

impl SharedStrings {
    /// Returns string `index`, `None` past the end.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = index.checked_sub(1).map_or(0, |i| self.ends[i] as usize);
        self.text.get(start..end)
    }

    fn push(&mut self, text: &str) -> Result<(), Unsupported> {
        self.text.push_str(text);
        let end = u32::try_from(self.text.len()).map_err(|_| Unsupported)?;
        self.ends.push(end);
        Ok(())
    }

    /// Returns how many strings there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

impl Book {
    /// Reads the workbook parts of `archive`. Fails on anything unusual, so
    /// that calamine reads (and explains) the odd workbook.
    pub(crate) fn open<R: Read + Seek>(
        archive: &mut ZipArchive<R>,
        limits: &Limits,
    ) -> Result<Book, Unsupported> {
        let workbook = small_part(archive, "xl/workbook.xml")?.ok_or(Unsupported)?;
        let rels = small_part(archive, "xl/_rels/workbook.xml.rels")?.ok_or(Unsupported)?;
        let targets = relationships(&rels)?;
        let (sheets, is_1904) = sheets_of(&workbook, &targets)?;
        let styles = match small_part(archive, "xl/styles.xml")? {
            Some(styles) => number_kinds(&styles)?,
            None => Vec::new(),
        };
        let strings = match targets.shared_strings.as_deref() {
            Some(path) => match archive.by_name(path) {
                Ok(part) => shared_strings(part, limits)?,
                Err(zip::result::ZipError::FileNotFound) => SharedStrings::default(),
                Err(_) => return Err(Unsupported),
            },
            None => SharedStrings::default(),
        };
        Ok(Book {
            sheets,
            dates: DateSystem::from_1904_flag(is_1904),
            styles,
            strings,
        })
    }
}

/// Reads a whole small part; `None` when the archive has no such part.
fn small_part<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, Unsupported> {
    let mut part = match archive.by_name(name) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(Unsupported),
    };
    let mut bytes = Vec::new();
    part.by_ref()
        .take(MAX_WORKBOOK_PART + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_WORKBOOK_PART {
        return Err(Unsupported);
    }
    Ok(Some(bytes))
}

/// Returns the value of attribute `key` (by local name), unescaped.
pub(crate) fn attribute(element: &BytesStart<'_>, key: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| match quick_xml::escape::unescape(&a.value) {
            Ok(text) => text.into_owned(),
            Err(_) => a.value.into_owned(),
        })
}

/// The workbook's relationships that matter here.
struct Targets {
    /// Worksheet part paths by relationship id.
    worksheets: HashMap<String, String>,
    shared_strings: Option<String>,
}

fn relationships(rels: &[u8]) -> Result<Targets, Unsupported> {
    let mut reader = Reader::from_reader(rels);
    let mut buf = Vec::new();
    let mut targets = Targets {
        worksheets: HashMap::new(),
        shared_strings: None,
    };
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let (Some(id), Some(target), Some(kind)) = (
                    attribute(&e, "Id"),
                    attribute(&e, "Target"),
                    attribute(&e, "Type"),
                ) else {
                    continue;
                };
                let path = part_path(&target);
                if kind.ends_with("/worksheet") {
                    targets.worksheets.insert(id, path);
                } else if kind.ends_with("/sharedStrings") {
                    targets.shared_strings = Some(path);
                }
            }
            Event::Eof => return Ok(targets),
            _ => {}
        }
        buf.clear();
    }
}

/// Resolves a relationship target, relative to `xl/` unless absolute.
fn part_path(target: &str) -> String {
    target
        .strip_prefix('/')
        .map_or_else(|| format!("xl/{target}"), str::to_owned)
}

/// Returns the worksheets in workbook order and the 1904 flag. Chart
/// sheets and other non-worksheets are left out, as calamine does.
fn sheets_of(workbook: &[u8], targets: &Targets) -> Result<(Vec<SheetPart>, bool), Unsupported> {
    let mut reader = Reader::from_reader(workbook);
    let mut buf = Vec::new();
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                // An `extLst` may repeat `workbookPr` without the flag.
                "workbookPr" => {
                    if let Some(flag) = attribute(&e, "date1904") {
                        is_1904 = flag == "1" || flag.eq_ignore_ascii_case("true");
                    }
                }
                "sheet" => {
                    let name = attribute(&e, "name").ok_or(Unsupported)?;
                    let id = attribute(&e, "id").ok_or(Unsupported)?;
                    if let Some(path) = targets.worksheets.get(&id) {
                        sheets.push(SheetPart {
                            name,
                            path: path.clone(),
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok((sheets, is_1904)),
            _ => {}
        }
        buf.clear();
    }
}

/// Reads `styles.xml`: the number kind of each cell format (`cellXfs`).
fn number_kinds(styles: &[u8]) -> Result<Vec<NumberKind>, Unsupported> {
    let mut reader = Reader::from_reader(styles);
    let mut buf = Vec::new();
    let mut custom: HashMap<u32, NumberKind> = HashMap::new();
    let mut kinds = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attribute(&e, "numFmtId").and_then(|v| v.parse().ok());
                    if let (Some(id), Some(code)) = (id, attribute(&e, "formatCode")) {
                        custom.insert(id, kind_of_format_code(&code));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: u32 = attribute(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let kind = custom.get(&id).copied().unwrap_or_else(|| builtin_kind(id));
                    kinds.push(kind);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => return Ok(kinds),
            _ => {}
        }
        buf.clear();
    }
}

/// The built-in number formats (ECMA-376 §18.8.30) that show dates or
/// times, including the East Asian ones.
fn builtin_kind(id: u32) -> NumberKind {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => NumberKind::Date,
        46 => NumberKind::Duration,
        _ => NumberKind::Plain,
    }
}

/// Tells from a custom format code whether it shows a date, a duration or a
/// plain number. Only the first section (before `;`) counts; quoted text,
/// escaped characters and bracketed parts such as colours or `[$-80A]` are
/// not date letters, but `[h]`, `[mm]` and `[ss]` make a duration.
pub(crate) fn kind_of_format_code(code: &str) -> NumberKind {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            // The next character is shown as is (or is a fill or width).
            '\\' | '_' | '*' => {
                chars.next();
            }
            '"' => {
                for quoted in chars.by_ref() {
                    if quoted == '"' {
                        break;
                    }
                }
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&c| c != ']').collect();
                let lower = inside.to_ascii_lowercase();
                let elapsed = !lower.is_empty()
                    && lower.chars().all(|c| c == lower.as_bytes()[0] as char)
                    && matches!(lower.as_bytes()[0], b'h' | b'm' | b's');
                if elapsed {
                    return NumberKind::Duration;
                }
            }
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return NumberKind::Date,
            // AM/PM and A/P are times; a lone `a` elsewhere is not.
            'a' | 'A' => {
                let rest = chars.as_str();
                if rest.starts_with("M/PM")
                    || rest.starts_with("m/pm")
                    || rest.starts_with("/P")
                    || rest.starts_with("/p")
                {
                    return NumberKind::Date;
                }
            }
            _ => {}
        }
    }
    NumberKind::Plain
}

/// Reads the shared strings: rich text runs joined, phonetic guides left
/// out, text trimmed of XML white space unless `xml:space="preserve"`, and
/// `_xHHHH_` escapes decoded. The part is read a chunk at a time, each cut
/// after a string's end tag, so that only the strings themselves are held.
fn shared_strings(mut part: impl Read, limits: &Limits) -> Result<SharedStrings, Unsupported> {
    let mut strings = SharedStrings::default();
    let mut item = String::new();
    let mut run = String::new();
    let mut pending: Vec<u8> = Vec::with_capacity(CHUNK * 2);
    // The part's declared size was checked against the limit; its real size
    // is checked here too, as the declaration can lie.
    let mut total = 0u64;
    loop {
        let before = pending.len();
        pending.resize(before + CHUNK, 0);
        let (filled, outcome) = fill(&mut part, &mut pending[before..]);
        pending.truncate(before + filled);
        total += filled as u64;
        if total > limits.max_file_bytes || matches!(outcome, Fill::Failed) {
            return Err(Unsupported);
        }
        let at_end = matches!(outcome, Fill::End);
        let cut = if at_end {
            Some(pending.len())
        } else {
            after_last_end_tag(&pending, b"si>")
        };
        if let Some(cut) = cut {
            let mut xml = Reader::from_reader(&pending[..cut]);
            // A chunk closes elements another one opened.
            xml.config_mut().check_end_names = false;
            xml.config_mut().allow_unmatched_ends = true;
            read_string_items(&mut xml, &mut strings, &mut item, &mut run, limits)?;
            pending.drain(..cut);
        }
        if at_end {
            return Ok(strings);
        }
    }
}

/// Reads the `<si>` items of one chunk of the shared strings.
fn read_string_items(
    xml: &mut Reader<&[u8]>,
    strings: &mut SharedStrings,
    item: &mut String,
    run: &mut String,
    limits: &Limits,
) -> Result<(), Unsupported> {
    loop {
        match xml.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                item.clear();
                read_rich_text(xml, item, "si", run)?;
                if strings.len() >= limits.max_cells {
                    return Err(Unsupported);
                }
                strings.push(item)?;
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push("")?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Reads the text of a string item (`<si>` or `<is>`) up to its end tag
/// named `end`, appending to `out`; `run` is scratch space.
pub(crate) fn read_rich_text(
    xml: &mut Reader<&[u8]>,
    out: &mut String,
    end: &str,
    run: &mut String,
) -> Result<(), Unsupported> {
    let mut phonetic = 0u32;
    loop {
        match xml.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "rPh" => phonetic += 1,
                "t" if phonetic == 0 => {
                    let preserve = attribute(&e, "space").is_some_and(|v| v == "preserve");
                    run.clear();
                    read_text_until_end(xml, run)?;
                    let text = if preserve {
                        run.as_str()
                    } else {
                        run.trim_matches([' ', '\t', '\r', '\n'])
                    };
                    unescape_ooxml(text, out);
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "rPh" => phonetic = phonetic.saturating_sub(1),
                name if name == end => return Ok(()),
                _ => {}
            },
            Event::Eof => return Err(Unsupported),
            _ => {}
        }
    }
}

/// Appends the text and entity references up to the end of the current
/// element, which must have no child elements.
pub(crate) fn read_text_until_end(
    xml: &mut Reader<&[u8]>,
    out: &mut String,
) -> Result<(), Unsupported> {
    loop {
        match xml.read_event()? {
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::CData(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                Ok(None) => {
                    let name = r.xml10_content();
                    let resolved = quick_xml::escape::resolve_predefined_entity(&name);
                    out.push_str(resolved.ok_or(Unsupported)?);
                }
                Err(_) => return Err(Unsupported),
            },
            Event::End(_) => return Ok(()),
            Event::Eof | Event::Start(_) => return Err(Unsupported),
            _ => {}
        }
    }
}

/// Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot
/// hold (control characters, lone surrogates become U+FFFD), appending to
/// `out`.
pub(crate) fn unescape_ooxml(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        let Some(unit) = escape_at(rest, at) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + 7..];
        match unit {
            0xD800..=0xDBFF => match escape_at(rest, 0) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                    rest = &rest[7..];
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => out.push(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
    }
    out.push_str(rest);
}

/// The code unit of an `_xHHHH_` escape starting at byte `at`.
fn escape_at(text: &str, at: usize) -> Option<u32> {
    let escape = text.get(at..at + 7)?;
    let hex = escape.strip_prefix("_x")?.strip_suffix('_')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_are_told_from_number_formats() {
        assert_eq!(kind_of_format_code("dd/mm/yyyy"), NumberKind::Date);
        assert_eq!(
            kind_of_format_code("[$-80A]d\" de \"mmmm"),
            NumberKind::Date
        );
        assert_eq!(kind_of_format_code("h:mm AM/PM"), NumberKind::Date);
        assert_eq!(kind_of_format_code("[h]:mm:ss"), NumberKind::Duration);
        assert_eq!(kind_of_format_code("#,##0.00"), NumberKind::Plain);
        assert_eq!(kind_of_format_code("0\" días\""), NumberKind::Plain);
        assert_eq!(kind_of_format_code("[Red]0.00"), NumberKind::Plain);
        assert_eq!(kind_of_format_code("0;\"d\""), NumberKind::Plain);
        assert_eq!(builtin_kind(14), NumberKind::Date);
        assert_eq!(builtin_kind(2), NumberKind::Plain);
    }

    #[test]
    fn ooxml_escapes_are_decoded() {
        let mut out = String::new();
        unescape_ooxml("a_x000D_b_xD83D__xDE00_c_x12_", &mut out);
        assert_eq!(out, "a\rb\u{1F600}c_x12_");
        out.clear();
        unescape_ooxml("_xD83D_", &mut out);
        assert_eq!(out, "\u{FFFD}");
    }

    #[test]
    fn shared_strings_are_joined_trimmed_and_without_phonetics() {
        let xml = br#"<sst><si><t> uno </t></si><si><r><t>do</t></r><r><t xml:space="preserve">s </t></r><rPh><t>x</t></rPh></si><si/><si><t>&amp;&#241;</t></si></sst>"#;
        let strings = shared_strings(&xml[..], &Limits::default()).unwrap();
        assert_eq!(strings.get(0), Some("uno"));
        assert_eq!(strings.get(1), Some("dos "));
        assert_eq!(strings.get(2), Some(""));
        assert_eq!(strings.get(3), Some("&ñ"));
        assert_eq!(strings.get(4), None);
    }
}
