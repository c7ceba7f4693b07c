//! `import_file`, header recognition and record reading included, on
//! arbitrary CSV and spreadsheet bytes.

#![no_main]

use cocina_importers::{ImportOptions, Limits, import_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    // The importer catches panics inside calamine and reports the file as
    // unreadable; only a panic that escapes it is a crash.
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| {
        let Some((&pick, bytes)) = data.split_first() else { return };
        let name = if pick % 2 == 0 { "padron.csv" } else { "padron.xlsx" };
        let options = ImportOptions {
        limits: Limits { max_rows: 10_000, max_columns: 64, ..Limits::default() },
        ..ImportOptions::default()
        };
        let _ = import_file(name, bytes, &options);
    }
);
