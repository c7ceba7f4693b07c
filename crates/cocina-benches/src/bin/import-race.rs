//! Times one way of reading an .xlsx register, for `benches/import-race.sh`,
//! which runs the ways side by side and prints their ratios:
//!
//! - `floor FILE`: inflate the first worksheet's XML and tokenize it with
//!   quick-xml, nothing else: no reader can do less;
//! - `calamine FILE`: a bare calamine read of the first worksheet
//!   (`worksheet_range`), no conversion to records;
//! - `read FILE`: `cocina_importers::read_file`, our reader into tables,
//!   no records;
//! - `import FILE`: `cocina_importers::import_file`, records collected;
//! - `stream FILE`: `import_file_into` with a sink that drops each record,
//!   the streaming path `cocina import --out` uses without the CSV writing.
//!
//! Prints one line: the way, the milliseconds from reading the file to the
//! end, and a count that shows the work was done.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the tool prints its timing and its errors"
)]

use std::io::{BufRead, BufReader, Cursor};
use std::process::ExitCode;
use std::time::Instant;

use calamine::{Reader, Xlsx};
use cocina_importers::{ImportOptions, RecordSink, import_file, import_file_into};
use cocina_model::Beneficiary;
use quick_xml::events::Event;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [way, file] = args.as_slice() else {
        eprintln!("usage: import-race floor|calamine|read|import|stream FILE.xlsx");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{file}: {error}");
            return ExitCode::from(2);
        }
    };
    let count = match way.as_str() {
        "floor" => floor(&bytes),
        "calamine" => bare_calamine(&bytes),
        "import" => Ok(import(file, &bytes)),
        "read" => read(file, &bytes),
        "stream" => stream(file, &bytes),
        _ => {
            eprintln!("unknown way {way}");
            return ExitCode::from(2);
        }
    };
    match count {
        Ok(count) => {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            println!("{way} {ms:.1} {count}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{way}: {error}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Inflates the first worksheet part and counts its XML events.
fn floor(bytes: &[u8]) -> Result<u64> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let name = archive
        .file_names()
        .filter_map(std::result::Result::ok)
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(std::borrow::Cow::into_owned)
        .min()
        .ok_or("no worksheet")?;
    let part = archive.by_name(&name)?;
    events(BufReader::with_capacity(1 << 18, part))
}

fn events(input: impl BufRead) -> Result<u64> {
    let mut xml = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::with_capacity(1024);
    let mut count = 0u64;
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Eof => return Ok(count),
            _ => count += 1,
        }
        buf.clear();
    }
}

/// Reads the first worksheet with calamine and counts its non-empty cells.
fn bare_calamine(bytes: &[u8]) -> Result<u64> {
    let mut book = Xlsx::new(Cursor::new(bytes))?;
    let name = book.sheet_names().first().cloned().ok_or("no sheet")?;
    let range = book.worksheet_range(&name)?;
    Ok(range.used_cells().count() as u64)
}

/// Reads the workbook into tables with our reader, without records.
fn read(name: &str, bytes: &[u8]) -> Result<u64> {
    let read = cocina_importers::read_file(name, bytes, &ImportOptions::default().limits)?;
    Ok(read.tables.iter().map(|t| t.rows().len() as u64).sum())
}

fn import(name: &str, bytes: &[u8]) -> u64 {
    let imported = import_file(name, bytes, &ImportOptions::default());
    imported.beneficiaries.len() as u64 + imported.kitchens.len() as u64
}

/// Counts records and drops them.
struct Drop(u64);

impl RecordSink for Drop {
    fn beneficiary(&mut self, _: Beneficiary) -> std::io::Result<()> {
        self.0 += 1;
        Ok(())
    }

    fn checkpoint(&mut self) -> std::io::Result<u64> {
        Ok(self.0)
    }

    fn rollback(&mut self, mark: u64) -> std::io::Result<()> {
        self.0 = mark;
        Ok(())
    }
}

fn stream(name: &str, bytes: &[u8]) -> Result<u64> {
    let mut sink = Drop(0);
    let imported = import_file_into(name, bytes, &ImportOptions::default(), &mut sink)?;
    Ok(sink.0 + imported.kitchens.len() as u64)
}
