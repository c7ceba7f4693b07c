//! `read_file` on arbitrary bytes under each extension the importer reads.

#![no_main]

use cocina_importers::{Limits, read_file};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = ["a.xlsx", "a.xlsm", "a.xls", "a.ods", "a.csv", "a.txt"];

fuzz_target!(
    // The importer catches panics inside calamine and reports the file as
    // unreadable; only a panic that escapes it is a crash.
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| {
        let Some((&pick, bytes)) = data.split_first() else { return };
        let name = NAMES[usize::from(pick) % NAMES.len()];
        let limits = Limits { max_rows: 10_000, max_columns: 64, ..Limits::default() };
        let _ = read_file(name, bytes, &limits);
    }
);
