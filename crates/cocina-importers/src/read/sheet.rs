//! One worksheet's XML, streamed cell by cell.
//!
//! Three threads share the work: one inflates the sheet's part into chunks
//! cut after a row's end tag, one tokenizes each chunk in place (no copy of
//! each event, as a buffered reader makes) and converts its cells, and the
//! caller's hands the cells to its sink. A million-row sheet thus never
//! sits in memory whole. Chunks and batches of cells travel through bounded
//! channels and are handed back for reuse. A sheet's
//! `<mergeCells>` come after its cells; they are returned at the end.

use std::io::{self, Read, Seek};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::book::{Book, NumberKind, Unsupported, read_rich_text, read_text_until_end};
use super::{iso_datetime, serial_value};
use crate::issue::ReadFailure;
use crate::table::{Flow, Limits, Region};
use crate::value::Value;

/// Bytes inflated at a time.
pub(crate) const CHUNK: usize = 1 << 18;

/// Chunks in flight from the inflating thread.
const CHUNKS_IN_FLIGHT: usize = 4;

/// Excel's last column and row.
const MAX_COLUMN: u32 = 16_384;
const MAX_ROW: u32 = 1_048_576;

/// Receives the cells of a sheet in reading order, 0-based.
pub(crate) trait CellSink {
    /// Takes one non-empty cell; [`Flow::Stop`] ends the sheet.
    fn cell(&mut self, row: u32, column: u32, value: Value) -> Flow;
}

/// How streaming a sheet ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SheetEnd {
    /// Every cell was read, or the sink stopped.
    Complete,
    /// The part broke off: the cells so far were read.
    Truncated(ReadFailure),
    /// The part inflated to more than the limit allows.
    TooLarge,
}

/// What streaming a sheet gave besides its cells.
#[derive(Debug)]
pub(crate) struct SheetOutcome {
    pub(crate) end: SheetEnd,
    /// Merged regions, 0-based inclusive corners.
    pub(crate) merged: Vec<Region>,
}

/// A message from the inflating thread to a parsing one.
enum Chunk {
    /// Whole rows (the first chunk also has what comes before them, the
    /// last what comes after).
    Data(Vec<u8>),
    /// The part ended.
    Done,
    /// The archive has no such part.
    Missing,
    /// The part could not be inflated.
    Failed,
    /// The part inflated to more than the limit.
    TooLarge,
}

/// How a sheet's stream ended, as the threads tell each other.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ending {
    Sheet(SheetEnd),
    Missing,
}

/// What a parsing thread made of one chunk.
struct Parsed {
    cells: Vec<Cell>,
    /// Set on the last message of the sheet.
    end: Option<Ending>,
}

/// One cell on its way to the sink: 0-based row and column.
type Cell = (u32, u32, Value);

/// Threads tokenizing chunks, each a chunk in turn. Rows carry their number
/// in all but odd workbooks; for those one thread reads every chunk, so
/// that a row without a number follows the row before it.
const PARSERS: usize = 2;

/// Streams the sheet at `path` into `sink`. Fails only when the part is
/// not in the archive.
pub(crate) fn stream_sheet<R: Read + Seek + Send>(
    archive: &mut ZipArchive<R>,
    book: &Book,
    path: &str,
    limits: &Limits,
    sink: &mut dyn CellSink,
) -> Result<SheetOutcome, Unsupported> {
    let (free_tx, free_rx) = sync_channel(CHUNKS_IN_FLIGHT + PARSERS);
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    let mut parser_ends = Vec::new();
    for _ in 0..PARSERS {
        let (input_tx, input_rx) = sync_channel::<Chunk>(CHUNKS_IN_FLIGHT / PARSERS);
        let (output_tx, output_rx) = sync_channel::<Parsed>(CHUNKS_IN_FLIGHT / PARSERS);
        inputs.push(input_tx);
        outputs.push(output_rx);
        parser_ends.push((input_rx, output_tx));
    }
    let max_bytes = limits.max_file_bytes;
    let max_regions = limits.max_cells;
    let parallel = std::sync::OnceLock::new();
    thread::scope(|scope| {
        let parallel = &parallel;
        scope.spawn(move || inflate(archive, path, max_bytes, &inputs, &free_rx, parallel));
        let parsers: Vec<_> = parser_ends
            .into_iter()
            .map(|(input, output)| {
                let free = free_tx.clone();
                scope.spawn(move || parse(&input, &output, &free, book, max_regions, parallel))
            })
            .collect();
        drop(free_tx);
        let ending = feed(&outputs, parallel, sink);
        // Hanging up stops the other threads if the sink stopped early.
        drop(outputs);
        let mut merged = Vec::new();
        for parser in parsers {
            match parser.join() {
                Ok(regions) => merged.extend(regions),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        merged.truncate(max_regions);
        match ending {
            Ending::Missing => Err(Unsupported),
            Ending::Sheet(end) => Ok(SheetOutcome { end, merged }),
        }
    })
}

/// Hands the cells to the sink in sheet order, on the caller's thread so
/// that the sink needs no locking.
fn feed(
    outputs: &[Receiver<Parsed>],
    parallel: &std::sync::OnceLock<bool>,
    sink: &mut dyn CellSink,
) -> Ending {
    for sequence in 0.. {
        // The first chunk always goes to the first thread.
        let parsers = if parallel.get() == Some(&true) {
            PARSERS
        } else {
            1
        };
        let Ok(parsed) = outputs[sequence % parsers].recv() else {
            // A parsing thread stopped without a word: it panicked, and
            // joining it says so.
            return Ending::Sheet(SheetEnd::Truncated(ReadFailure::ReaderFailed));
        };
        for (row, column, value) in parsed.cells {
            if sink.cell(row, column, value) == Flow::Stop {
                return Ending::Sheet(SheetEnd::Complete);
            }
        }
        if let Some(end) = parsed.end {
            return end;
        }
    }
    Ending::Sheet(SheetEnd::Complete)
}

/// A parsing thread: tokenizes each chunk it is given and converts its
/// cells. Returns the merged regions it found.
fn parse(
    input: &Receiver<Chunk>,
    output: &SyncSender<Parsed>,
    free: &SyncSender<Vec<u8>>,
    book: &Book,
    max_regions: usize,
    parallel: &std::sync::OnceLock<bool>,
) -> Vec<Region> {
    let mut parser = SheetParser::new(book, max_regions);
    while let Ok(chunk) = input.recv() {
        let (cells, end) = match chunk {
            Chunk::Data(chunk) => {
                // With several threads, no row may count on the one before.
                parser.numbered_rows_only = parallel.get() == Some(&true);
                let mut cells = Vec::with_capacity(chunk.len() / 40);
                let mut xml = Reader::from_reader(chunk.as_slice());
                // A chunk closes elements another one opened.
                xml.config_mut().check_end_names = false;
                xml.config_mut().allow_unmatched_ends = true;
                let end = match parser.run(&mut xml, &mut cells) {
                    Ok(_) => None,
                    Err(Malformed) => Some(SheetEnd::Truncated(ReadFailure::Malformed)),
                };
                let _ = free.try_send(chunk);
                (cells, end.map(Ending::Sheet))
            }
            Chunk::Done => (Vec::new(), Some(Ending::Sheet(SheetEnd::Complete))),
            Chunk::Missing => (Vec::new(), Some(Ending::Missing)),
            Chunk::Failed => (
                Vec::new(),
                Some(Ending::Sheet(SheetEnd::Truncated(ReadFailure::Io))),
            ),
            Chunk::TooLarge => (Vec::new(), Some(Ending::Sheet(SheetEnd::TooLarge))),
        };
        if output.send(Parsed { cells, end }).is_err() {
            break;
        }
    }
    std::mem::take(&mut parser.merged)
}

impl CellSink for Vec<Cell> {
    fn cell(&mut self, row: u32, column: u32, value: Value) -> Flow {
        self.push((row, column, value));
        Flow::Continue
    }
}

/// The inflating side: reads the part within `max_bytes`, cuts it after
/// the last complete row of each chunk and deals the chunks out to the
/// parsing threads in turn, until they hang up.
fn inflate<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    path: &str,
    max_bytes: u64,
    inputs: &[SyncSender<Chunk>],
    free: &Receiver<Vec<u8>>,
    parallel: &std::sync::OnceLock<bool>,
) {
    let mut sequence = 0usize;
    // Sends to the thread whose turn it is; `false` once they hung up.
    let mut send = |chunk: Chunk| {
        if let Chunk::Data(bytes) = &chunk
            && sequence == 0
        {
            let _ = parallel.set(rows_are_numbered(bytes));
        }
        let parsers = if parallel.get() == Some(&true) {
            PARSERS
        } else {
            1
        };
        let sent = inputs[sequence % parsers].send(chunk).is_ok();
        sequence += 1;
        sent
    };
    let mut part = match archive.by_name(path) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => {
            send(Chunk::Missing);
            return;
        }
        Err(_) => {
            send(Chunk::Failed);
            return;
        }
    };
    let mut total = 0u64;
    let mut pending: Vec<u8> = Vec::with_capacity(CHUNK * 2);
    loop {
        let before = pending.len();
        pending.resize(before + CHUNK, 0);
        let (filled, outcome) = fill(&mut part, &mut pending[before..]);
        pending.truncate(before + filled);
        total += filled as u64;
        if total > max_bytes {
            send(Chunk::TooLarge);
            return;
        }
        let at_end = !matches!(outcome, Fill::Full);
        let cut = if at_end {
            Some(pending.len())
        } else {
            after_last_row(&pending)
        };
        if let Some(cut) = cut.filter(|&cut| cut > 0) {
            let mut next = free.try_recv().unwrap_or_default();
            next.clear();
            next.reserve(CHUNK * 2);
            next.extend_from_slice(&pending[cut..]);
            pending.truncate(cut);
            let chunk = std::mem::replace(&mut pending, next);
            if !send(Chunk::Data(chunk)) {
                return;
            }
        }
        match outcome {
            Fill::Full => {}
            Fill::End => {
                send(Chunk::Done);
                return;
            }
            Fill::Failed => {
                send(Chunk::Failed);
                return;
            }
        }
    }
}

/// Returns whether the first row in `bytes` carries its number (`r`), as
/// Excel and every common writer do; then every row is taken to.
fn rows_are_numbered(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = bytes[from..]
        .windows(3)
        .position(|w| w == b"row")
        .map(|i| i + from)
    {
        let opens = at > 0 && matches!(bytes[at - 1], b'<' | b':');
        let after = bytes.get(at + 3).copied();
        if opens && matches!(after, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
            let tag_end = bytes[at..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |i| at + i);
            let tag = &bytes[at..tag_end];
            return tag
                .windows(3)
                .any(|w| matches!(w[0], b' ' | b'\t' | b'\r' | b'\n') && &w[1..] == b"r=");
        }
        from = at + 3;
    }
    false
}

/// How filling a buffer from the part went.
pub(crate) enum Fill {
    Full,
    End,
    Failed,
}

/// Fills `buffer` from `part`: small reads would make small chunks.
pub(crate) fn fill(part: &mut impl Read, buffer: &mut [u8]) -> (usize, Fill) {
    let mut filled = 0;
    while filled < buffer.len() {
        match part.read(&mut buffer[filled..]) {
            Ok(0) => return (filled, Fill::End),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return (filled, Fill::Failed),
        }
    }
    (filled, Fill::Full)
}

/// Returns the position just after the last end tag of a row (`</row>`,
/// or `</x:row>` with a namespace prefix). Text cannot hide one: a `<` in
/// text is always escaped. (A comment or CDATA section holding one could;
/// Excel and the libraries that write workbooks write neither in sheets.)
fn after_last_row(bytes: &[u8]) -> Option<usize> {
    after_last_end_tag(bytes, b"row>")
}

/// Returns the position just after the last end tag `</name>` (or
/// `</prefix:name>`); `name_gt` is the name followed by `>`.
pub(crate) fn after_last_end_tag(bytes: &[u8], name_gt: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(at) = bytes[..end]
        .windows(name_gt.len())
        .rposition(|w| w == name_gt)
    {
        let before = &bytes[..at];
        if before.ends_with(b"</") {
            return Some(at + name_gt.len());
        }
        if let Some(prefix) = before.strip_suffix(b":") {
            let name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
            let start = prefix.iter().rposition(|b| !name(b)).map_or(0, |i| i + 1);
            if start < prefix.len() && prefix[..start].ends_with(b"</") {
                return Some(at + name_gt.len());
            }
        }
        end = at;
    }
    None
}

/// The `t` attribute of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellType {
    Number,
    Shared,
    Bool,
    Error,
    Formula,
    Inline,
    IsoDate,
}

impl CellType {
    fn parse(text: &[u8]) -> Option<CellType> {
        Some(match text {
            b"n" => CellType::Number,
            b"s" => CellType::Shared,
            b"b" => CellType::Bool,
            b"e" => CellType::Error,
            b"str" => CellType::Formula,
            b"inlineStr" => CellType::Inline,
            b"d" => CellType::IsoDate,
            _ => return None,
        })
    }
}

/// A cell's attributes.
#[derive(Clone, Copy)]
struct CellStart {
    position: Option<(u32, u32)>,
    kind: CellType,
    /// Whether the type was given at all: untyped text that is no number is
    /// kept as text.
    typed: bool,
    style: Option<usize>,
}

/// A cell or sheet that does not follow the format.
#[derive(Debug)]
struct Malformed;

impl From<quick_xml::Error> for Malformed {
    fn from(_: quick_xml::Error) -> Self {
        Malformed
    }
}

impl From<Unsupported> for Malformed {
    fn from(_: Unsupported) -> Self {
        Malformed
    }
}

struct SheetParser<'b> {
    book: &'b Book,
    /// The current row, 0-based.
    row: u32,
    /// The column a cell without a reference takes, 0-based.
    next_column: u32,
    merged: Vec<Region>,
    max_regions: usize,
    /// Whether a row has been seen: a row without a number follows it.
    started_rows: bool,
    /// Whether a row without a number is malformed: chunks are read by
    /// several threads, and the row before may be another thread's.
    numbered_rows_only: bool,
    /// The text of the current cell's `<v>`.
    value: String,
    /// Scratch space for inline strings.
    run: String,
}

impl<'b> SheetParser<'b> {
    fn new(book: &'b Book, max_regions: usize) -> Self {
        Self {
            book,
            row: 0,
            next_column: 0,
            merged: Vec::new(),
            max_regions,
            started_rows: false,
            numbered_rows_only: false,
            value: String::new(),
            run: String::new(),
        }
    }

    /// Reads one chunk of the sheet; its state carries over to the next.
    fn run(&mut self, xml: &mut Reader<&[u8]>, sink: &mut dyn CellSink) -> Result<Flow, Malformed> {
        loop {
            let event = xml.read_event()?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                    "row" => {
                        self.row = match reference_attribute(e, "r") {
                            Some(text) => parse_row(&text).ok_or(Malformed)? - 1,
                            None if self.numbered_rows_only => return Err(Malformed),
                            None if self.started_rows => self.row + 1,
                            None => 0,
                        };
                        self.started_rows = true;
                        self.next_column = 0;
                    }
                    "c" => {
                        let start = Self::cell_start(e)?;
                        let empty = matches!(event, Event::Empty(_));
                        if self.cell(xml, start, empty, sink)? == Flow::Stop {
                            return Ok(Flow::Stop);
                        }
                    }
                    "mergeCell" => {
                        if let Some(region) = reference_attribute(e, "ref")
                            .as_deref()
                            .and_then(parse_region)
                            && self.merged.len() < self.max_regions
                        {
                            self.merged.push(region);
                        }
                    }
                    _ => {}
                },
                Event::Eof => return Ok(Flow::Continue),
                _ => {}
            }
        }
    }

    fn cell_start(e: &BytesStart<'_>) -> Result<CellStart, Malformed> {
        let mut start = CellStart {
            position: None,
            kind: CellType::Number,
            typed: false,
            style: None,
        };
        for attribute in e.attributes().with_checks(false) {
            let attribute = attribute.map_err(|_| Malformed)?;
            let value = attribute.value.as_bytes();
            match attribute.key.local_name().as_ref() {
                "r" => start.position = Some(parse_cell(value).ok_or(Malformed)?),
                "t" => {
                    start.kind = CellType::parse(value).ok_or(Malformed)?;
                    start.typed = true;
                }
                "s" => start.style = std::str::from_utf8(value).ok().and_then(|s| s.parse().ok()),
                _ => {}
            }
        }
        Ok(start)
    }

    /// Reads one cell's children and hands its value to the sink.
    fn cell(
        &mut self,
        xml: &mut Reader<&[u8]>,
        start: CellStart,
        empty: bool,
        sink: &mut dyn CellSink,
    ) -> Result<Flow, Malformed> {
        let (row, column) = match start.position {
            Some((row, column)) => (row, column),
            None => (self.row, self.next_column),
        };
        self.next_column = column + 1;
        self.value.clear();
        let mut inline: Option<String> = None;
        let mut has_value = false;
        if !empty {
            loop {
                match xml.read_event()? {
                    Event::Start(e) => match e.local_name().as_ref() {
                        "v" => {
                            has_value = true;
                            read_text_until_end(xml, &mut self.value)?;
                        }
                        "is" => {
                            let mut text = String::new();
                            read_rich_text(xml, &mut text, "is", &mut self.run)?;
                            inline = Some(text);
                        }
                        _ => {
                            xml.read_to_end(e.name())?;
                        }
                    },
                    Event::End(e) if e.local_name().as_ref() == "c" => break,
                    Event::Eof => return Err(Malformed),
                    _ => {}
                }
            }
        }
        let value = match (start.kind, inline) {
            (CellType::Inline, Some(text)) => Value::Text(text),
            (CellType::Inline, None) => Value::Empty,
            _ if !has_value => Value::Empty,
            (kind, _) => self.convert(kind, start.typed, start.style)?,
        };
        if matches!(value, Value::Empty) {
            return Ok(Flow::Continue);
        }
        Ok(sink.cell(row, column, value))
    }

    /// Converts the text of a `<v>` element by the cell's type and style.
    fn convert(
        &self,
        kind: CellType,
        typed: bool,
        style: Option<usize>,
    ) -> Result<Value, Malformed> {
        let text = self.value.as_str();
        Ok(match kind {
            CellType::Shared | CellType::Number if text.is_empty() => Value::Empty,
            CellType::Shared => {
                let index: usize = text.trim().parse().map_err(|_| Malformed)?;
                let shared = self.book.strings.get(index).ok_or(Malformed)?;
                Value::Text(shared.to_owned())
            }
            CellType::Number => match text.trim().parse::<f64>() {
                Ok(number) => match style.and_then(|s| self.book.styles.get(s)) {
                    Some(NumberKind::Date) => serial_value(number, false, self.book.dates),
                    Some(NumberKind::Duration) => serial_value(number, true, self.book.dates),
                    _ => Value::Number(number),
                },
                Err(_) if !typed => Value::Text(text.to_owned()),
                Err(_) => return Err(Malformed),
            },
            CellType::Bool => match text.trim() {
                "1" | "true" | "TRUE" => Value::Bool(true),
                "0" | "false" | "FALSE" => Value::Bool(false),
                _ => return Err(Malformed),
            },
            CellType::Error if text.starts_with('#') => Value::Error(text.to_owned()),
            CellType::Error => return Err(Malformed),
            CellType::Formula => {
                let mut out = String::with_capacity(text.len());
                super::book::unescape_ooxml(text, &mut out);
                Value::Text(out)
            }
            CellType::IsoDate => iso_datetime(text),
            CellType::Inline => Value::Empty,
        })
    }
}

/// Returns the raw value of attribute `key` (by local name).
fn reference_attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value.into_owned())
}

fn parse_row(text: &str) -> Option<u32> {
    let row: u32 = text.trim().parse().ok()?;
    (1..=MAX_ROW).contains(&row).then_some(row)
}

/// Parses an A1 reference into 0-based `(row, column)`.
pub(crate) fn parse_cell(text: &[u8]) -> Option<(u32, u32)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let column = text[..letters].iter().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let digits = &text[letters..];
    if digits.is_empty() || digits.len() > 7 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let row = digits
        .iter()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    if column > MAX_COLUMN || !(1..=MAX_ROW).contains(&row) {
        return None;
    }
    Some((row - 1, column - 1))
}

/// Parses `A1:C3` (or a single cell) into a region.
fn parse_region(text: &str) -> Option<Region> {
    let (first, last) = text.split_once(':').unwrap_or((text, text));
    let start = parse_cell(first.trim().as_bytes())?;
    let end = parse_cell(last.trim().as_bytes())?;
    (start.0 <= end.0 && start.1 <= end.1).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_within_the_sheet() {
        assert_eq!(parse_cell(b"A1"), Some((0, 0)));
        assert_eq!(parse_cell(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_cell(b"XFE1"), None);
        assert_eq!(parse_cell(b"A0"), None);
        assert_eq!(parse_cell(b"A1048577"), None);
        assert_eq!(parse_cell(b"1A"), None);
        assert_eq!(parse_region("B2:C4"), Some(((1, 1), (3, 2))));
        assert_eq!(parse_region("C4:B2"), None);
    }

    #[test]
    fn chunks_are_cut_after_a_row_end_tag() {
        let xml = b"<row r=\"1\"><c/></row><row r=\"2\"><c><v>1</v></c></row><row r=\"3\"><c";
        assert_eq!(after_last_row(xml), Some(53));
        assert_eq!(after_last_row(b"<x:row><x:c/></x:row><x:row>"), Some(21));
        assert_eq!(
            after_last_row(b"<c t=\"inlineStr\"><is><t>&lt;/row></t>"),
            None
        );
        assert_eq!(after_last_row(b"<sheetData><row r=\"1\">"), None);
    }

    #[test]
    fn numbered_rows_are_recognised() {
        assert!(rows_are_numbered(
            b"<sheetData><row r=\"1\" spans=\"1:2\"><c"
        ));
        assert!(rows_are_numbered(b"<x:rows/><x:row\n r='4'>"));
        assert!(!rows_are_numbered(
            b"<sheetData><row spans=\"1:2\"><c r=\"A1\""
        ));
        assert!(!rows_are_numbered(b"<sheetData/>"));
    }
}
