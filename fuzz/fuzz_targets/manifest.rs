//! The delivery manifest parser on arbitrary bytes.

#![no_main]

use cocina_importers::Manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    // The importer catches panics inside calamine and reports the file as
    // unreadable; only a panic that escapes it is a crash.
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| {
        let _ = Manifest::parse(data);
    }
);
