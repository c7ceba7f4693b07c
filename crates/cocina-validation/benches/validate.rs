//! What validation adds to an import: the bundled example delivery (or the
//! one named by `COCINA_BENCH_DELIVERY`) imported alone, and imported,
//! resolved and validated, measured by criterion; then the ratio of the two
//! medians from one run on the same machine.
//!
//! ```sh
//! cargo bench -p cocina-validation
//! COCINA_BENCH_DELIVERY=/tmp/cocina-130k cargo bench -p cocina-validation
//! ```

#![expect(clippy::print_stdout, reason = "a benchmark reports what it measured")]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use cocina_geography::Catalog;
use cocina_importers::{ImportOptions, import_delivery};
use cocina_validation::{ValidationOptions, check_delivery, resolve_municipalities, validate};
use criterion::Criterion;

fn delivery_dir() -> PathBuf {
    std::env::var_os("COCINA_BENCH_DELIVERY").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016"),
        PathBuf::from,
    )
}

fn bench(c: &mut Criterion) {
    let dir = delivery_dir();
    let catalog = Catalog::bundled();
    let (import, options) = (ImportOptions::default(), ValidationOptions::default());
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.bench_function("import_only", |b| {
        b.iter(|| import_delivery(&dir, &import).expect("the delivery imports"));
    });
    group.bench_function("import_and_validate", |b| {
        b.iter(|| check_delivery(&dir, &import, &options, catalog).expect("the delivery imports"));
    });
    let mut delivery = import_delivery(&dir, &import).expect("the delivery imports");
    resolve_municipalities(&mut delivery.kitchens, catalog);
    group.bench_function("rules_only", |b| {
        b.iter(|| validate(&delivery, catalog, &options));
    });
    group.finish();
}

/// Returns the median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Prints import alone against import plus validation, measured in
/// alternation so that both see the same machine load.
fn ratio() {
    let dir = delivery_dir();
    let catalog = Catalog::bundled();
    let (import, options) = (ImportOptions::default(), ValidationOptions::default());
    let mut alone = Vec::new();
    let mut checked = Vec::new();
    for _ in 0..5 {
        alone.push(median(3, || {
            import_delivery(&dir, &import).expect("the delivery imports");
        }));
        checked.push(median(3, || {
            check_delivery(&dir, &import, &options, catalog).expect("the delivery imports");
        }));
    }
    alone.sort();
    checked.sort();
    let (alone, checked) = (alone[2], checked[2]);
    let delivery = import_delivery(&dir, &import).expect("the delivery imports");
    println!(
        "\n{}: {} kitchens, {} people",
        dir.display(),
        delivery.kitchens.len(),
        delivery.beneficiaries.len()
    );
    println!(
        "import alone {:.1} ms; import + validation {:.1} ms; ratio {:.2} \
         (validation adds {:.1} ms)",
        alone.as_secs_f64() * 1e3,
        checked.as_secs_f64() * 1e3,
        checked.as_secs_f64() / alone.as_secs_f64(),
        (checked.as_secs_f64() - alone.as_secs_f64()) * 1e3
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
    ratio();
}
