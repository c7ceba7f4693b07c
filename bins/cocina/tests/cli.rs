//! The `cocina` binary as a user runs it: exit codes and what it prints,
//! in Spanish unless asked for English.

use crate::support::{Secrets, cocina, example_dir};

#[test]
fn validate_exits_one_on_the_example_and_names_cells() {
    let dir = example_dir();
    let out = cocina(&["validate", dir.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "the example has planted errors");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("CA-P001"), "{text}");
    assert!(
        text.contains("padron_beneficiarios_2016.xlsx, sheet PADRON"),
        "{text}"
    );
}

#[test]
fn validate_json_is_a_report_with_cells() {
    let dir = example_dir();
    let out = cocina(&["validate", dir.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(report["valid"], false);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["code"].as_str().unwrap().starts_with("CA-"))
    );
    // Every finding names its file, and one about a row names its cell;
    // the manifest's (an item that did not come) and a whole sheet's have
    // only the file and sheet.
    assert!(findings.iter().any(|f| f["position"]["cell"].is_string()));
    for f in findings {
        let position = &f["position"];
        assert!(position["file"].is_string(), "{f}");
        assert!(
            position["row"].is_null() || position["cell"].is_string(),
            "{f}"
        );
    }
}

#[test]
fn missing_directory_exits_two_with_a_message() {
    let out = cocina(&["validate", "/nonexistent/delivery"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("error:") && err.contains("/nonexistent/delivery"),
        "{err}"
    );
}

#[test]
fn bad_arguments_exit_two() {
    let out = cocina(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn geo_lookup_resolves_names_keys_and_points() {
    for query in ["OAXACA DE JUAREZ", "20067", "067", "17.0606,-96.7253"] {
        let out = cocina(&["geo", "lookup", query]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{query}: {text}");
        assert!(text.contains("20067"), "{query}: {text}");
    }
    let out = cocina(&["geo", "lookup", "San Juan Mixtepec"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("20208") && text.contains("20209"), "{text}");
}

#[test]
fn stats_never_print_a_count_below_the_threshold() {
    let dir = example_dir();
    let out = cocina(&["stats", dir.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let output: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = output["beneficiaries"].as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        if let Some(n) = row["beneficiaries"].as_u64() {
            assert!(n == 0 || n >= 5, "{row}");
        }
    }
}

#[test]
fn no_command_prints_a_personal_value_of_the_example() {
    let example = cocina_generator::Example::build(&cocina_generator::ExampleConfig::default());
    let mut secrets: Vec<String> = Vec::new();
    for person in &example.people {
        secrets.push(person.name.clone());
        secrets.push(person.curp[..17].to_owned());
        secrets.push(person.birth_date.format("%Y-%m-%d").to_string());
        secrets.push(person.birth_date.format("%d/%m/%Y").to_string());
    }
    for kitchen in &example.kitchens {
        secrets.push(kitchen.president.clone());
        secrets.push(kitchen.phone.clone());
    }
    let secrets = Secrets::new(secrets);
    let dir = example_dir();
    let dir = dir.to_str().unwrap();
    let runs: [&[&str]; 6] = [
        &["validate", dir],
        &["validate", dir, "--lang", "en", "--format", "json"],
        &["stats", dir],
        &["stats", dir, "--internal", "--format", "csv"],
        &["import", dir],
        &["import", dir, "--format", "json"],
    ];
    for args in runs {
        let out = cocina(args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !secrets.found_in(&text),
            "{args:?} printed a personal value"
        );
    }
}

#[test]
fn geo_lookup_suggests_full_names_and_reads_either_coordinate_order() {
    let out = cocina(&["geo", "lookup", "HUATULCO"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("20413") && text.contains("Santa María Huatulco"),
        "{text}"
    );
    let out = cocina(&["geo", "lookup", "-96.7253,17.0606"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success() && text.contains("20067"), "{text}");
    let out = cocina(&["geo", "lookup", "San Pedro Mixtepec"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Distrito 22, Juquila") && text.contains("Distrito 26"),
        "{text}"
    );
}

#[test]
fn stats_count_deliveries_that_give_counts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("comedores.csv"),
        "CLAVE COCINA,NOMBRE DE LA COCINA,CVE_MUN\nOAX-1,Comedor Centro,067\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("concentrado.csv"),
        "CLAVE COCINA,SEXO,RANGO DE EDAD,CANTIDAD\nOAX-1,M,6-12,20\nOAX-1,H,6-12,15\n",
    )
    .unwrap();
    let out = cocina(&["stats", dir.path().to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let output: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = output["beneficiaries"].as_array().unwrap();
    let total: u64 = rows
        .iter()
        .filter(|r| r["level"] == "municipality" && r["sex"] != "total")
        .filter(|r| r["age_group"] != "total")
        .filter_map(|r| r["beneficiaries"].as_u64())
        .sum();
    assert_eq!(total, 35, "{rows:?}");
}

/// Returns the shared reference data directory named by
/// `COCINA_SHARED_DATA`, or `None` after saying that `test` was skipped.
#[expect(
    clippy::print_stdout,
    reason = "a skipped test says so in the test output"
)]
pub(crate) fn shared_data(test: &str) -> Option<std::path::PathBuf> {
    let Some(dir) = std::env::var_os("COCINA_SHARED_DATA").filter(|v| !v.is_empty()) else {
        println!("skipped {test}: COCINA_SHARED_DATA is not set");
        return None;
    };
    let dir = std::path::PathBuf::from(dir);
    assert!(dir.is_dir(), "COCINA_SHARED_DATA is not a directory");
    Some(dir)
}

#[test]
fn geo_lookup_with_reference_shows_district_region_population_and_marginalization() {
    let Some(dir) = shared_data("geo_lookup_with_reference") else {
        return;
    };
    let dir = dir.to_str().expect("the shared data path is UTF-8");
    let out = cocina(&["geo", "lookup", "20067", "--reference", dir, "--lang", "en"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    for expected in [
        "Oaxaca de Juárez",
        "region: Valles Centrales",
        "district: Centro",
        "population 2020: 270,955",
        "(CONAPO): Muy bajo (very low)",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let out = cocina(&["geo", "lookup", "20067", "--reference", dir]);
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "región: Valles Centrales",
        "distrito: Centro",
        "población 2020: 270,955",
        "grado de marginación 2020 (CONAPO): Muy bajo\n",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn geo_lookup_with_a_missing_reference_directory_exits_two_naming_the_file() {
    let out = cocina(&["geo", "lookup", "067", "--reference", "no-such-directory"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("oax_mun_distrito_region.csv"), "{stderr}");
}
