//! The published package passes the reference Frictionless validator: the
//! Python package `frictionless` from `PyPI`, which `.ci/run` installs into
//! `target/frictionless-venv`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::publish::published_site;

/// Finds the validator: `COCINA_FRICTIONLESS`, the virtual environment
/// `.ci/run` makes, or `frictionless` on the `PATH`.
fn validator() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COCINA_FRICTIONLESS").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/frictionless-venv/bin/frictionless");
    if venv.is_file() {
        return Some(venv);
    }
    let on_path = Command::new("frictionless").arg("--version").output();
    on_path
        .is_ok_and(|o| o.status.success())
        .then(|| PathBuf::from("frictionless"))
}

/// Returns the validator, or `None` after saying the test is skipped. In
/// CI a missing validator is a failure, not a skip.
#[expect(
    clippy::print_stdout,
    reason = "a skipped test says so in the test output"
)]
fn validator_or_skip() -> Option<PathBuf> {
    let found = validator();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the frictionless validator (.ci/run does)"
        );
        println!("skipped: the frictionless validator is not installed (see .ci/run)");
    }
    found
}

#[test]
fn the_package_passes_the_frictionless_validator() {
    let Some(validator) = validator_or_skip() else {
        return;
    };
    let package = published_site().join("datos");
    let run = Command::new(validator)
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(&package)
        .output()
        .expect("the validator runs");
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap_or_else(|_| {
        panic!(
            "the validator printed no report: {}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let problems: Vec<String> = report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|task| task["errors"].as_array().cloned().unwrap_or_default())
        .map(|error| error["message"].to_string())
        .collect();
    assert_eq!(report["valid"], true, "{problems:#?}");
    let tasks = report["tasks"].as_array().map_or(0, Vec::len);
    assert!(tasks >= 10, "every resource was validated, {tasks} were");
}
