//! `cocina stats` on the example delivery, checked against counts taken
//! straight from the register files, without the aggregation crate.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::support::{cocina, example_dir, success_stdout};

/// The example in canonical form, written by `cocina import --out`.
fn canonical_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = example_dir();
    let out = cocina(&[
        "import",
        example.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "import ran");
    dir
}

type Cell = (String, String, String);

/// People per kitchen key, sex and age group, read from `padron.csv` with
/// a plain CSV reader; a key missing from `comedores.csv` counts as "".
fn independent_counts(dir: &Path) -> BTreeMap<Cell, u64> {
    let mut kitchens = csv::Reader::from_path(dir.join("comedores.csv")).unwrap();
    let keys: Vec<String> = kitchens
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect();
    let mut people = csv::Reader::from_path(dir.join("padron.csv")).unwrap();
    let header = people.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (key, sex, group) = (
        column("clave_comedor"),
        column("sexo"),
        column("rango_edad"),
    );
    let mut counts = BTreeMap::new();
    for record in people.records() {
        let record = record.unwrap();
        let kitchen = if keys.iter().any(|k| k == &record[key]) {
            record[key].to_owned()
        } else {
            String::new()
        };
        let sex = match &record[sex] {
            "M" => "female",
            "H" => "male",
            "X" => "non_binary",
            _ => "unknown",
        };
        let cell = (kitchen, sex.to_owned(), record[group].to_owned());
        *counts.entry(cell).or_default() += 1;
    }
    counts
}

/// The leaf rows of a `--by kitchen,sex,age-group` CSV: count or `None`
/// when suppressed, zero cells included.
fn leaves(csv_text: &str) -> BTreeMap<Cell, Option<u64>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut cells = BTreeMap::new();
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        let people = row["purpose"] != "kitchens";
        if !people || row["level"] != "kitchen" || row["sex"] == "total" {
            continue;
        }
        if row["age_group"] == "total" {
            continue;
        }
        let cell = (
            row["area_key"].clone(),
            row["sex"].clone(),
            row["age_group"].clone(),
        );
        cells.insert(cell, row["beneficiaries"].parse().ok());
    }
    cells
}

const BY_KITCHEN: [&str; 4] = ["--by", "kitchen,sex,age-group", "--format", "csv"];

#[test]
fn internal_counts_of_the_example_match_its_register() {
    let canonical = canonical_example();
    let expected = independent_counts(canonical.path());
    let example = example_dir();
    let mut args = vec!["stats", example.to_str().unwrap(), "--internal"];
    args.extend(BY_KITCHEN);
    let text = success_stdout(&cocina(&args));
    assert!(text.starts_with("purpose,") && text.contains("internal_use_only"));
    let ours = leaves(&text);
    for (cell, n) in &expected {
        assert_eq!(ours.get(cell), Some(&Some(*n)), "{cell:?}");
    }
    let nonzero = ours.values().filter(|n| **n != Some(0)).count();
    assert_eq!(
        nonzero,
        expected.len(),
        "no cell counted beyond the register"
    );
    assert!(
        ours.values().any(|n| *n == Some(0)),
        "zero cells are listed"
    );
}

#[test]
fn the_streamed_canonical_register_gives_what_the_importer_gives() {
    let canonical = canonical_example();
    let example = example_dir();
    for by in ["kitchen,sex,age-group,priority", "municipality,sex"] {
        let run = |dir: &Path| {
            let dir = dir.to_str().unwrap();
            success_stdout(&cocina(&[
                "stats",
                dir,
                "--internal",
                "--by",
                by,
                "--format",
                "csv",
            ]))
        };
        assert_eq!(run(canonical.path()), run(&example), "--by {by}");
    }
}

#[test]
fn published_counts_of_the_example_are_exact_or_suppressed() {
    let canonical = canonical_example();
    let expected = independent_counts(canonical.path());
    let example = example_dir();
    let mut args = vec!["stats", example.to_str().unwrap()];
    args.extend(BY_KITCHEN);
    let text = success_stdout(&cocina(&args));
    assert!(text.contains("published_threshold_5") && text.contains("complementary"));
    let ours = leaves(&text);
    for (cell, n) in &expected {
        if let Some(published) = ours[cell] {
            assert!(published == *n && *n >= 5, "{cell:?}");
        }
        if *n < 5 {
            assert_eq!(ours[cell], None, "{cell:?} is small and must be suppressed");
        }
    }
}

#[test]
fn an_unknown_dimension_exits_two_naming_it_in_both_languages() {
    let example = example_dir();
    let out = cocina(&[
        "stats",
        example.to_str().unwrap(),
        "--by",
        "municipality,colour",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("dimensión desconocida `colour`"), "{err}");
    assert!(err.contains("unknown dimension `colour`"), "{err}");
}

#[test]
fn regions_without_reference_data_exit_two() {
    let example = example_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_cocina"))
        .args(["stats", example.to_str().unwrap(), "--by", "region,sex"])
        .env_remove("COCINA_REFERENCE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--reference"), "{err}");
}

#[test]
fn regions_and_rates_come_from_the_reference_data() {
    let Some(shared) = std::env::var_os("COCINA_SHARED_DATA").filter(|v| !v.is_empty()) else {
        return;
    };
    let example = example_dir();
    let out = cocina(&[
        "stats",
        example.to_str().unwrap(),
        "--by",
        "municipality,sex",
        "--level",
        "district,region",
        "--internal",
        "--format",
        "json",
        "--reference",
        shared.to_str().unwrap(),
    ]);
    let output: serde_json::Value = serde_json::from_str(&success_stdout(&out)).unwrap();
    let rows = output["beneficiaries"].as_array().unwrap();
    let sum_at = |level: &str| -> u64 {
        rows.iter()
            .filter(|r| r["level"] == level && r["sex"] == "total")
            .filter_map(|r| r["beneficiaries"].as_u64())
            .sum()
    };
    let state = sum_at("state");
    assert!(state > 0);
    for level in ["municipality", "district", "region"] {
        assert_eq!(
            sum_at(level),
            state,
            "{level} subtotals add up to the state"
        );
    }
    let valles = rows
        .iter()
        .find(|r| r["area_key"] == "Valles Centrales" && r["sex"] == "total")
        .expect("a region row");
    assert!(
        valles["per_1000"].as_f64().is_some_and(|r| r > 0.0),
        "{valles}"
    );
}

#[test]
fn two_deliveries_are_told_apart_by_the_delivery_dimension() {
    let canonical = canonical_example();
    let example = example_dir();
    let out = cocina(&[
        "stats",
        example.to_str().unwrap(),
        canonical.path().to_str().unwrap(),
        "--by",
        "delivery,sex",
        "--internal",
        "--format",
        "json",
    ]);
    let output: serde_json::Value = serde_json::from_str(&success_stdout(&out)).unwrap();
    let rows = output["beneficiaries"].as_array().unwrap();
    let total_of = |delivery: &str| {
        rows.iter()
            .find(|r| r["delivery"] == delivery && r["sex"] == "total")
            .and_then(|r| r["beneficiaries"].as_u64())
            .expect("a total per delivery")
    };
    let people = independent_counts(canonical.path()).values().sum::<u64>();
    let name = canonical.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(total_of("entrega-2016"), people);
    assert_eq!(total_of(name), people);
    assert_eq!(total_of("total"), 2 * people);
}

/// A canonical delivery's kitchens and count table are read; the files
/// counting does not use are named, never skipped silently; and the CSV
/// carries the kitchens by status as the JSON does.
#[test]
fn a_canonical_delivery_names_what_it_did_not_use_and_the_csv_counts_kitchens() {
    let canonical = canonical_example();
    let dir = canonical.path().to_str().unwrap();
    let json_run = cocina(&[
        "stats", dir, "--by", "sex", "--format", "json", "--lang", "en",
    ]);
    let output: serde_json::Value = serde_json::from_str(&success_stdout(&json_run)).unwrap();
    let unused: Vec<&str> = output["not_used"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        unused.iter().any(|f| f.ends_with("entrega.json")),
        "{unused:?}"
    );
    assert!(
        !unused
            .iter()
            .any(|f| f.ends_with("comedores.csv") || f.ends_with("padron.csv"))
    );
    let stderr = String::from_utf8_lossy(&json_run.stderr);
    assert!(stderr.contains("not used for counting") && stderr.contains("entrega.json"));

    let csv_run = cocina(&["stats", dir, "--by", "sex", "--format", "csv"]);
    let text = success_stdout(&csv_run);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut by_status = BTreeMap::new();
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        if row["purpose"] == "kitchens" {
            by_status.insert(
                row["status"].clone(),
                row["kitchens"].parse::<u64>().unwrap(),
            );
        }
    }
    // Kitchens are counted once per key, as the first listing gives it.
    let mut kitchens = csv::Reader::from_path(canonical.path().join("comedores.csv")).unwrap();
    let key = kitchens
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "clave")
        .unwrap();
    let keys: std::collections::BTreeSet<String> = kitchens
        .records()
        .map(|r| r.unwrap()[key].to_owned())
        .collect();
    let listed = keys.len() as u64;
    assert_eq!(by_status.get("total"), Some(&listed), "{by_status:?}");
    let parts: u64 = by_status
        .iter()
        .filter(|(s, _)| *s != "total")
        .map(|(_, n)| n)
        .sum();
    assert_eq!(parts, listed);
}
