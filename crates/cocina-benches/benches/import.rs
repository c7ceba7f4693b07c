//! The .xlsx import against a bare calamine read of the same sheet and the
//! bare inflate-and-tokenize floor, on the example register (2,979 rows) or
//! on the register named by `COCINA_BENCH_REGISTER` (the ~130,000-row one
//! the import target is stated for; see docs/performance.md).

use std::hint::black_box;
use std::io::{BufReader, Cursor};
use std::path::PathBuf;

use calamine::{Reader, Xlsx};
use cocina_importers::{ImportOptions, import_file};
use criterion::{Criterion, criterion_group, criterion_main};
use quick_xml::events::Event;

fn register() -> PathBuf {
    std::env::var_os("COCINA_BENCH_REGISTER").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/entrega-2016/padron_beneficiarios_2016.xlsx")
        },
        PathBuf::from,
    )
}

/// Inflates the first worksheet and counts its XML events.
fn floor(bytes: &[u8]) -> u64 {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let part = archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("a first worksheet");
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 18, part));
    let mut buf = Vec::new();
    let mut events = 0;
    while !matches!(xml.read_event_into(&mut buf).expect("XML"), Event::Eof) {
        events += 1;
        buf.clear();
    }
    events
}

fn calamine_read(bytes: &[u8]) -> usize {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    let name = book.sheet_names()[0].clone();
    book.worksheet_range(&name)
        .expect("a sheet")
        .used_cells()
        .count()
}

fn import(c: &mut Criterion) {
    let path = register();
    let bytes = std::fs::read(&path).expect("the register");
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into());
    let options = ImportOptions::default();
    let mut group = c.benchmark_group("register_xlsx");
    group.sample_size(10);
    group.bench_function("floor_inflate_tokenize", |b| {
        b.iter(|| floor(black_box(&bytes)));
    });
    group.bench_function("calamine_read", |b| {
        b.iter(|| calamine_read(black_box(&bytes)));
    });
    group.bench_function("import_file", |b| {
        b.iter(|| {
            import_file(&name, black_box(&bytes), &options)
                .beneficiaries
                .len()
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
