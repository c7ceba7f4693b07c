//! Benchmark of `cocina publish` on the bundled example delivery: import,
//! validation, aggregation, the open-data package and the static site in
//! both languages, written to a temporary directory.

use std::path::PathBuf;

use cocina_publication::{PublishOptions, publish};
use criterion::{Criterion, criterion_group, criterion_main};

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016")
}

fn publish_example(c: &mut Criterion) {
    let dir = example_dir();
    let out = tempfile::tempdir().expect("a temporary directory");
    let options = PublishOptions::default();
    let mut group = c.benchmark_group("publish");
    // Each run writes a few thousand files; fewer samples keep the bench
    // short on a shared 2-core machine.
    group.sample_size(10);
    group.bench_function("example", |b| {
        b.iter(|| publish(&dir, out.path(), &options).expect("the example publishes"));
    });
    group.finish();
}

criterion_group!(benches, publish_example);
criterion_main!(benches);
