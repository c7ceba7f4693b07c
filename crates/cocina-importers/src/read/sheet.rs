//! One worksheet's XML, streamed cell by cell.
//!
//! Two threads share the work: one inflates the sheet's part into chunks,
//! the other tokenizes them and converts each cell as it comes, so that a
//! million-row sheet never sits in memory whole. The chunks travel through
//! a bounded channel and are handed back for reuse. A sheet's
//! `<mergeCells>` come after its cells; they are returned at the end.

use std::io::{self, BufRead, Read, Seek};
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
const CHUNK: usize = 1 << 18;

/// Chunks in flight between the two threads.
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

/// A message from the inflating thread.
enum Chunk {
    Data(Vec<u8>),
    /// The archive has no such part.
    Missing,
    Failed,
    TooLarge,
}

/// Streams the sheet at `path` into `sink`. Fails only when the part is
/// not in the archive.
pub(crate) fn stream_sheet<R: Read + Seek + Send>(
    archive: &mut ZipArchive<R>,
    book: &Book,
    path: &str,
    limits: &Limits,
    sink: &mut dyn CellSink,
) -> Result<SheetOutcome, Unsupported> {
    let (full_tx, full_rx) = sync_channel(CHUNKS_IN_FLIGHT);
    let (free_tx, free_rx) = sync_channel(CHUNKS_IN_FLIGHT + 2);
    let max_bytes = limits.max_file_bytes;
    thread::scope(|scope| {
        scope.spawn(move || inflate(archive, path, max_bytes, &full_tx, &free_rx));
        let mut chunks = ChunkReader {
            full: full_rx,
            free: free_tx,
            current: Vec::new(),
            at: 0,
            end: None,
        };
        // The first message says whether the part exists at all.
        let _ = chunks.fill_buf();
        if chunks.end == Some(EndKind::Missing) {
            return Err(Unsupported);
        }
        let mut xml = Reader::from_reader(&mut chunks);
        let mut parser = SheetParser::new(book, limits.max_cells);
        let parsed = parser.run(&mut xml, sink);
        drop(xml);
        let end = match (parsed, chunks.end) {
            (Ok(()), _) => SheetEnd::Complete,
            (Err(_), Some(EndKind::TooLarge)) => SheetEnd::TooLarge,
            (Err(_), Some(EndKind::Io)) => SheetEnd::Truncated(ReadFailure::Io),
            (Err(_), _) => SheetEnd::Truncated(ReadFailure::Malformed),
        };
        // Dropping the receiver stops the inflating thread if the sink
        // stopped early.
        drop(chunks);
        Ok(SheetOutcome {
            end,
            merged: parser.merged,
        })
    })
}

/// Why the stream of chunks ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EndKind {
    Missing,
    Io,
    TooLarge,
}

impl Chunk {
    fn kind(&self) -> EndKind {
        match self {
            Chunk::Missing => EndKind::Missing,
            Chunk::TooLarge => EndKind::TooLarge,
            Chunk::Data(_) | Chunk::Failed => EndKind::Io,
        }
    }
}

/// The inflating side: reads the part a chunk at a time, within
/// `max_bytes`, until the other side hangs up.
fn inflate<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    path: &str,
    max_bytes: u64,
    full: &SyncSender<Chunk>,
    free: &Receiver<Vec<u8>>,
) {
    let mut part = match archive.by_name(path) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => {
            let _ = full.send(Chunk::Missing);
            return;
        }
        Err(_) => {
            let _ = full.send(Chunk::Failed);
            return;
        }
    };
    let mut total = 0u64;
    loop {
        let mut buffer = free
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        buffer.resize(CHUNK, 0);
        let mut filled = 0;
        // Fill the chunk: small reads would make small messages.
        let outcome = loop {
            match part.read(&mut buffer[filled..]) {
                Ok(0) => break Ok(true),
                Ok(n) => {
                    filled += n;
                    if filled == CHUNK {
                        break Ok(false);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e.kind()),
            }
        };
        buffer.truncate(filled);
        total += filled as u64;
        if total > max_bytes {
            let _ = full.send(Chunk::TooLarge);
            return;
        }
        let last = match outcome {
            Ok(last) => last,
            Err(_) => {
                let _ = full.send(Chunk::Data(buffer));
                let _ = full.send(Chunk::Failed);
                return;
            }
        };
        if (filled > 0 && full.send(Chunk::Data(buffer)).is_err()) || last {
            return;
        }
    }
}

/// The tokenizing side's view of the chunks, as a buffered reader.
struct ChunkReader {
    full: Receiver<Chunk>,
    free: SyncSender<Vec<u8>>,
    current: Vec<u8>,
    at: usize,
    /// Why the stream ended, once it has.
    end: Option<EndKind>,
}

impl Read for ChunkReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for ChunkReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.at == self.current.len() && self.end.is_none() {
            match self.full.recv() {
                Ok(Chunk::Data(data)) => {
                    let used = std::mem::replace(&mut self.current, data);
                    let _ = self.free.try_send(used);
                    self.at = 0;
                }
                Ok(other) => self.end = Some(other.kind()),
                // The inflating side finished normally.
                Err(_) => return Ok(&[]),
            }
        }
        match self.end {
            Some(kind) if self.at == self.current.len() => {
                Err(io::Error::other(format!("sheet part ended: {kind:?}")))
            }
            _ => Ok(&self.current[self.at..]),
        }
    }

    fn consume(&mut self, amount: usize) {
        self.at = (self.at + amount).min(self.current.len());
    }
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
    value: String,
}

impl<'b> SheetParser<'b> {
    fn new(book: &'b Book, max_regions: usize) -> Self {
        Self {
            book,
            row: 0,
            next_column: 0,
            merged: Vec::new(),
            max_regions,
            value: String::new(),
        }
    }

    fn run<R: BufRead>(
        &mut self,
        xml: &mut Reader<R>,
        sink: &mut dyn CellSink,
    ) -> Result<(), Malformed> {
        let mut buf = Vec::with_capacity(1024);
        let mut started_rows = false;
        loop {
            let event = xml.read_event_into(&mut buf)?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                    "row" => {
                        self.row = match reference_attribute(e, "r") {
                            Some(text) => parse_row(&text).ok_or(Malformed)? - 1,
                            None if started_rows => self.row + 1,
                            None => 0,
                        };
                        started_rows = true;
                        self.next_column = 0;
                    }
                    "c" => {
                        let start = self.cell_start(e)?;
                        let empty = matches!(event, Event::Empty(_));
                        buf.clear();
                        if self.cell(xml, start, empty, sink)? == Flow::Stop {
                            return Ok(());
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
                Event::Eof => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    }

    fn cell_start(&self, e: &BytesStart<'_>) -> Result<CellStart, Malformed> {
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
    fn cell<R: BufRead>(
        &mut self,
        xml: &mut Reader<R>,
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
        let mut buf = Vec::new();
        while !empty {
            match xml.read_event_into(&mut buf)? {
                Event::Start(e) => match e.local_name().as_ref() {
                    "v" => {
                        has_value = true;
                        read_text_until_end(xml, &mut self.value)?;
                    }
                    "is" => {
                        let mut text = String::new();
                        read_rich_text(xml, &mut text, "is")?;
                        inline = Some(text);
                    }
                    _ => {
                        let name = e.name().as_ref().to_owned();
                        let mut skip = Vec::new();
                        xml.read_to_end_into(quick_xml::name::QName(&name), &mut skip)?;
                    }
                },
                Event::End(e) if e.local_name().as_ref() == "c" => break,
                Event::Eof => return Err(Malformed),
                _ => {}
            }
            buf.clear();
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
            CellType::Shared if text.is_empty() => Value::Empty,
            CellType::Shared => {
                let index: usize = text.trim().parse().map_err(|_| Malformed)?;
                let shared = self.book.strings.get(index).ok_or(Malformed)?;
                Value::Text(shared.to_owned())
            }
            CellType::Number if text.is_empty() => Value::Empty,
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
}
