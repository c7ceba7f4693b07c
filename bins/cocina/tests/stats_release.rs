//! `cocina stats` beside the open-data package: a table the package
//! publishes comes out with the package's figures and suppression, read
//! back from the CSVs `cocina publish` writes; any other says it is a
//! separate release.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{cocina, example_dir, success_stdout};

/// One published figure: area, sex and age group as the package spells
/// them.
type Figure = (String, String, String);

/// Count (empty when suppressed) and suppression code, as the package
/// spells them.
type Shown = (String, String);

/// The figures of one of the package's `beneficiarios_*.csv`, with the
/// area in column `key` (none for the state).
fn package_figures(path: &Path, key: Option<&str>) -> BTreeMap<Figure, Shown> {
    let mut reader = csv::Reader::from_path(path).expect("the package's CSV");
    let mut figures = BTreeMap::new();
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        let area = key.map_or_else(String::new, |k| row[k].clone());
        let figure = (area, row["sexo"].clone(), row["grupo_edad"].clone());
        let shown = (row["beneficiarios"].clone(), row["supresion"].clone());
        assert!(figures.insert(figure, shown).is_none(), "listed once");
    }
    figures
}

/// The figures `stats --format csv` gives at `level`, spelled as the
/// package spells them.
fn stats_figures(csv_text: &str, level: &str) -> BTreeMap<Figure, Shown> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut figures = BTreeMap::new();
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        if row["purpose"] == "kitchens" || row["level"] != level {
            continue;
        }
        let area = match level {
            // The package leaves the area of what has none empty.
            _ if row["area_key"].is_empty() => String::new(),
            "state" => String::new(),
            "municipality" => row["area_key"].get(2..).unwrap_or("").to_owned(),
            "district" => row["area_name"].clone(),
            _ => row["area_key"].clone(),
        };
        let sex = match row["sex"].as_str() {
            "female" => "mujer",
            "male" => "hombre",
            "non_binary" => "no_binario",
            "unknown" => "",
            other => other,
        };
        let age = row.get("age_group").map_or("total", |a| match a.as_str() {
            "unknown" => "desconocida",
            other => other,
        });
        let reason = match row["suppressed"].as_str() {
            "small_count" => "celda_pequena",
            "complementary" => "complementaria",
            _ => "",
        };
        let figure = (area, sex.to_owned(), age.to_owned());
        figures.insert(figure, (row["beneficiaries"].clone(), reason.to_owned()));
    }
    figures
}

/// Publishes the example into a new directory; returns it and the
/// package's directory.
fn publish(reference: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("sitio");
    let example = example_dir();
    let mut args = vec![
        "publish",
        example.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ];
    if let Some(reference) = reference {
        args.extend(["--reference", reference]);
    }
    success_stdout(&cocina(&args));
    (dir, site.join("datos"))
}

/// Checks `stats --suppress` at each `(level, file, area column)` against
/// the package in `data`, by sex and age group and by sex alone.
fn assert_same_as_package(data: &Path, levels: &[(&str, &str, Option<&str>)], extra: &[&str]) {
    let example = example_dir();
    let mut suppressed = 0;
    for (level, file, key) in levels {
        let package = package_figures(&data.join(file), *key);
        for by in [format!("{level},sex,age-group"), format!("{level},sex")] {
            let mut args = vec!["stats", example.to_str().unwrap(), "--by", &by];
            args.extend(["--suppress", "--format", "csv"]);
            args.extend(extra);
            let text = success_stdout(&cocina(&args));
            let ours = stats_figures(&text, level);
            let expected: BTreeMap<Figure, Shown> = if by.ends_with("age-group") {
                package.clone()
            } else {
                let margin = package.iter().filter(|(f, _)| f.2 == "total");
                margin.map(|(f, s)| (f.clone(), s.clone())).collect()
            };
            // The same figures, each with the same count or the same
            // reason: the two releases are one, so no combination of them
            // recovers anything the package alone does not give.
            assert_eq!(ours.len(), expected.len(), "--by {by}");
            for (figure, shown) in &expected {
                assert_eq!(ours.get(figure), Some(shown), "--by {by}: {figure:?}");
            }
            assert!(
                text.contains("paquete de datos abiertos / open-data package"),
                "--by {by} says it is the package's"
            );
        }
        suppressed += package.values().filter(|(_, r)| !r.is_empty()).count();
    }
    // The reasons were compared too, not only published counts (the state
    // and the regions may well have no suppressed figure).
    assert!(suppressed > 0, "the check saw suppressed figures");
}

#[test]
fn stats_of_every_level_the_package_publishes_are_the_package_s_figures() {
    let (_dir, data) = publish(None);
    let levels = [
        ("state", "beneficiarios_estado.csv", None),
        (
            "municipality",
            "beneficiarios_municipio.csv",
            Some("cve_mun"),
        ),
        ("kitchen", "beneficiarios_cocina.csv", Some("clave")),
    ];
    assert_same_as_package(&data, &levels, &[]);
}

#[test]
fn with_reference_data_regions_and_districts_are_the_package_s_too() {
    let Some(shared) = crate::cli::shared_data("with_reference_data_regions_and_districts") else {
        return;
    };
    let shared = shared.to_str().unwrap();
    let (_dir, data) = publish(Some(shared));
    let levels = [
        ("region", "beneficiarios_region.csv", Some("region")),
        ("district", "beneficiarios_distrito.csv", Some("distrito")),
        (
            "municipality",
            "beneficiarios_municipio.csv",
            Some("cve_mun"),
        ),
    ];
    assert_same_as_package(&data, &levels, &["--reference", shared]);
}

/// A table the package does not publish says, in each output and both
/// languages, that its suppression was audited on its own.
#[test]
fn any_other_table_says_it_is_a_separate_release() {
    let example = example_dir();
    let example = example.to_str().unwrap();
    let by = ["--by", "municipality,priority"];
    let run = |extra: &[&str]| {
        let mut args = vec!["stats", example];
        args.extend(by);
        args.extend(extra);
        success_stdout(&cocina(&args))
    };
    let csv_text = run(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        if row["purpose"] != "kitchens" {
            let release = &row["release"];
            assert_eq!(release, "aparte, auditada sola / separate, audited alone");
        }
    }
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(json["release"], "separate_release");
    let notice = json["release_notice"].as_str().unwrap();
    assert!(notice.contains("auditó sola") && notice.contains("audited on its own"));
    assert!(run(&["--lang", "es"]).contains("Publicación aparte"));
    assert!(run(&["--lang", "en"]).contains("A separate release"));
    // The package suppresses at 5: at another threshold the same table is
    // not the package's.
    let json = success_stdout(&cocina(&[
        "stats",
        example,
        "--by",
        "municipality,sex",
        "--threshold",
        "7",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["release"], "separate_release");
    let internal = success_stdout(&cocina(&[
        "stats",
        example,
        "--internal",
        "--format",
        "json",
    ]));
    let internal: serde_json::Value = serde_json::from_str(&internal).unwrap();
    assert!(
        internal["release"].is_null(),
        "internal tables are no release"
    );
}
