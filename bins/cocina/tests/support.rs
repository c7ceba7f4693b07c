//! Paths shared by the tests.

use std::path::PathBuf;

/// Returns the bundled example delivery's directory.
pub(crate) fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016")
}
