//! The delivery manifest parser on arbitrary bytes.

#![no_main]

use cocina_importers::Manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Manifest::parse(data);
});
