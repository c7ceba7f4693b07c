//! Integration tests of the municipal catalog, one module per topic.
//!
//! Tests that read the shared reference data find it through the
//! environment variable `COCINA_SHARED_DATA` (see [`support`]); without it
//! they say they were skipped and pass.

mod homonyms;
mod keys_and_names;
mod points;
mod properties;
mod reference;
mod spelling_variants;
mod support;
