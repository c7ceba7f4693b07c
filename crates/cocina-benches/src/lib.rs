//! Criterion benchmarks of Cocina Abierta's hot paths; run them with
//! `cargo bench -p cocina-benches`. The crate itself has no code.
