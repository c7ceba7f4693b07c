//! Aggregation at ten million records: counting already-encoded records by
//! municipality × sex × age group against the memory floor, a plain scan
//! that sums one field of the same records; and streaming a register CSV
//! when `COCINA_BENCH_REGISTER` names a canonical delivery directory (see
//! `benches/aggregation.sh`, which runs these beside two dataframe engines).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use cocina_aggregation::register::count_register;
use cocina_aggregation::{Dimension, GeoLevel, Plan, Query, Record, Universe};
use cocina_model::{
    ColumnMap, Kitchen, KitchenKey, KitchenStatus, MunicipalityKey, RowOrigin, StateKey,
};
use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;

const RECORDS: usize = 10_000_000;
const KITCHENS: usize = 175_000;

/// Records of people spread over the kitchens in runs, as registers list
/// them, with a cheap deterministic mix of sexes and age groups.
fn records() -> Vec<Record> {
    (0..RECORDS)
        .map(|i| {
            let mixed = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
            Record {
                kitchen: (i / 57 % KITCHENS) as u32,
                sex: (mixed % 2) as u8,
                age_group: (mixed / 2 % 6) as u8,
                priority: 0,
                delivery: 0,
            }
        })
        .collect()
}

/// Kitchens spread evenly over the 570 municipalities.
fn synthetic_kitchens(n: usize) -> Vec<Kitchen> {
    let origin = RowOrigin {
        file: "comedores.csv".into(),
        sheet: None,
        row: 2,
        columns: Arc::new(ColumnMap::default()),
    };
    (0..n)
        .map(|i| Kitchen {
            key: KitchenKey::new(&format!("OAX-{i:06}")).expect("a valid key"),
            name: String::new(),
            state: StateKey::oaxaca(),
            municipality: MunicipalityKey::from_number((i % 570) as u32 + 1).ok(),
            municipality_name: None,
            locality: None,
            locality_name: None,
            region_name: None,
            address: None,
            location: None,
            status: KitchenStatus::Operating,
            opened: None,
            closed: None,
            capacity: None,
            contacts: Vec::new(),
            origin: origin.clone(),
        })
        .collect()
}

fn query() -> Query {
    let by = vec![
        Dimension::Geo(GeoLevel::Municipality),
        Dimension::Sex,
        Dimension::AgeGroup,
    ];
    Query::new(by, Vec::new()).expect("a valid query")
}

fn encoded(c: &mut Criterion) {
    let kitchens = synthetic_kitchens(KITCHENS);
    let refs: Vec<_> = kitchens.iter().collect();
    let universe = Universe::new(&refs, None);
    let plan = Plan::new(&universe, &query()).expect("plannable");
    let records = records();
    let mut group = c.benchmark_group("records_10m");
    group.sample_size(10);
    group.bench_function("scan_sum_one_field", |b| {
        b.iter(|| {
            black_box(&records)
                .par_iter()
                .map(|r| u64::from(r.kitchen))
                .sum::<u64>()
        });
    });
    group.bench_function("count_municipality_sex_age", |b| {
        b.iter(|| plan.count(black_box(&records)));
    });
    group.finish();
}

fn register(c: &mut Criterion) {
    let Some(dir) = std::env::var_os("COCINA_BENCH_REGISTER").map(PathBuf::from) else {
        return;
    };
    let bytes = std::fs::read(dir.join("comedores.csv")).expect("the delivery has comedores.csv");
    let imported = cocina_importers::import_file(
        "comedores.csv",
        &bytes,
        &cocina_importers::ImportOptions::default(),
    );
    let refs: Vec<_> = imported.kitchens.iter().collect();
    let universe = Universe::new(&refs, None);
    let plan = Plan::new(&universe, &query()).expect("plannable");
    let path = dir.join("padron.csv");
    let mut group = c.benchmark_group("register_csv");
    group.sample_size(10);
    group.bench_function("count_municipality_sex_age", |b| {
        b.iter(|| count_register(&path, &universe, &plan, 0).expect("readable register"));
    });
    group.finish();
}

criterion_group!(benches, encoded, register);
criterion_main!(benches);
