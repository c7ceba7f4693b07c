//! Benchmarks of the main job's stages on the bundled example delivery and on
//! synthetic inputs of the program's real scale.

use std::hint::black_box;
use std::path::PathBuf;

use cocina_aggregation::{Encoded, KitchenEntry, Source, publish_levels};
use cocina_geography::Catalog;
use cocina_importers::ImportOptions;
use cocina_validation::{ValidationOptions, check_delivery};
use criterion::{Criterion, criterion_group, criterion_main};

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016")
}

fn geography(c: &mut Criterion) {
    let catalog = Catalog::bundled();
    let points: Vec<_> = catalog
        .municipalities()
        .iter()
        .map(|m| m.label_point)
        .collect();
    c.bench_function("geography/municipality_at_570_points", |b| {
        b.iter(|| {
            points
                .iter()
                .filter(|p| catalog.municipality_at(**p).is_some())
                .count()
        });
    });
    c.bench_function("geography/resolve_name", |b| {
        b.iter(|| catalog.resolve_name(black_box("HEROICA CD. DE JUCHITAN DE ZARAGOZA")));
    });
}

fn pipeline(c: &mut Criterion) {
    let catalog = Catalog::bundled();
    let dir = example_dir();
    let (import, validation) = (ImportOptions::default(), ValidationOptions::default());
    c.bench_function("example/check_delivery", |b| {
        b.iter(|| check_delivery(&dir, &import, &validation, catalog).expect("example imports"));
    });
    let checked = check_delivery(&dir, &import, &validation, catalog).expect("example imports");
    let delivery = &checked.delivery;
    // What the site and the portal publish: every level counted and
    // suppressed together, from the imported records.
    c.bench_function("example/publish_levels", |b| {
        b.iter(|| {
            let kitchens: Vec<KitchenEntry> =
                delivery.kitchens.iter().map(KitchenEntry::from).collect();
            let source = Source {
                name: "entrega-2016",
                kitchens: &kitchens,
                beneficiaries: &delivery.beneficiaries,
                counts: &delivery.counts,
            };
            publish_levels(&Encoded::new(&[source], None), 5).expect("a table that fits")
        });
    });
}

criterion_group!(benches, geography, pipeline);
criterion_main!(benches);
