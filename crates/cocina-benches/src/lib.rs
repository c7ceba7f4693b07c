//! Criterion benchmarks of Cocina Abierta's hot paths; run them with
//! `cargo bench -p cocina-benches`. The library itself has no code; the
//! `import-race` tool times one way of reading an .xlsx register for
//! `benches/import-race.sh`.
