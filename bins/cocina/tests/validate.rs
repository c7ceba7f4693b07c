//! `cocina validate` on small deliveries written by the tests: exit codes,
//! configuration, report formats and snapshots of the reports.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

const KITCHENS: &str = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO,CVE_MUN,LATITUD,LONGITUD,ESTATUS\n\
                        OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253,OPERANDO\n\
                        OAX-2,Comedor Norte,OAXACA DE JUAREZ,067,17.0700,-96.7200,OPERANDO\n";
const REGISTER: &str = "CLAVE COCINA,CURP,SEXO,EDAD,GRUPO DE EDAD\n\
                        OAX-1,UOPP150412MOCNRRA6,M,1,0-5\n\
                        OAX-2,,H,30,18-59\n";
const MANIFEST: &str = r#"{"id": "prueba", "cut_date": "2016-06-30", "received": "2016-08-15",
  "items": [{"description": "Padrón de beneficiarios", "received": true}]}"#;

/// Writes a delivery of `files` into a new directory.
fn delivery(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A valid delivery, changed by `files` (same name replaces, new adds).
fn valid_with(files: &[(&str, &str)]) -> TempDir {
    let mut all: Vec<(&str, &str)> = vec![
        ("comedores.csv", KITCHENS),
        ("padron.csv", REGISTER),
        ("entrega.json", MANIFEST),
    ];
    for (name, text) in files {
        all.retain(|(n, _)| n != name);
        all.push((name, text));
    }
    delivery(&all)
}

/// A delivery with one error (a wrong CURP check digit), one warning (an
/// item that did not come) and one notice (a kitchen without a point).
fn faulty() -> TempDir {
    let kitchens = format!("{KITCHENS}OAX-3,Comedor Sur,OAXACA DE JUAREZ,067,,,OPERANDO\n");
    let register = format!("{REGISTER}OAX-3,UOPP150412MOCNRRA1,M,1,0-5\n");
    let manifest = r#"{"id": "prueba", "cut_date": "2016-06-30", "received": "2016-08-15",
      "items": [{"description": "Padrón de beneficiarios", "received": true},
                {"description": "Georreferenciación de las cocinas", "received": false}]}"#;
    valid_with(&[
        ("comedores.csv", &kitchens),
        ("padron.csv", &register),
        ("entrega.json", manifest),
    ])
}

fn cocina(dir: &Path, args: &[&str]) -> Output {
    crate::support::cocina_command()
        .arg("validate")
        .arg(dir)
        .args(args)
        .env_remove("COCINA_REFERENCE")
        .output()
        .expect("cocina runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn a_valid_delivery_exits_zero() {
    let dir = valid_with(&[]);
    let out = cocina(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("la entrega es válida"));
}

#[test]
fn errors_exit_one_and_warnings_only_with_deny() {
    let out = cocina(faulty().path(), &[]);
    assert_eq!(out.status.code(), Some(1));

    let manifest = r#"{"items": [{"description": "Georreferenciación", "received": false}]}"#;
    let warned = valid_with(&[("entrega.json", manifest)]);
    assert_eq!(cocina(warned.path(), &[]).status.code(), Some(0));
    let denied = cocina(warned.path(), &["--deny", "warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_configuration_beside_the_delivery_or_given_is_applied() {
    let manifest = r#"{"items": [{"description": "Georreferenciación", "received": false}]}"#;
    let beside = valid_with(&[
        ("entrega.json", manifest),
        ("cocina.toml", "deny-warnings = true\n"),
    ]);
    assert_eq!(cocina(beside.path(), &[]).status.code(), Some(1));

    let config = beside.path().join("other.toml");
    std::fs::write(
        &config,
        "[rules]\nCA-D001 = \"off\"\ndeny-warnings = true\n",
    )
    .unwrap();
    // `deny-warnings` under [rules] is an unknown rule: a configuration error.
    let out = cocina(beside.path(), &["--config", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("deny-warnings"), "{}", stderr(&out));

    std::fs::write(
        &config,
        "deny-warnings = true\n[rules]\nitem-not-delivered = \"off\"\n",
    )
    .unwrap();
    let out = cocina(beside.path(), &["--config", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn configuration_errors_exit_two_naming_the_key() {
    let cases = [
        ("[thresholds]\nshared-point = 4\n", "shared-point"),
        (
            "[thresholds]\nenergy-tolerance-percent = 400\n",
            "energy-tolerance-percent",
        ),
        ("[rules]\nCA-G003 = \"fatal\"\n", "rules.CA-G003"),
        ("verbose = true\n", "verbose"),
    ];
    for (text, key) in cases {
        let dir = valid_with(&[("cocina.toml", text)]);
        let out = cocina(dir.path(), &[]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert!(
            err.contains(key) && err.contains("cocina.toml"),
            "{text}: {err}"
        );
    }
    let dir = valid_with(&[]);
    let out = cocina(dir.path(), &["--config", "no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-file.toml"));
}

#[test]
fn a_broken_spreadsheet_exits_one_and_an_unrecognised_table_zero() {
    let broken = valid_with(&[("extra.xlsx", "not a zip file at all")]);
    let out = cocina(broken.path(), &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("CA-E004"));

    let notes = valid_with(&[("notas.csv", "OBSERVACIONES,FOLIO\nnada,1\n")]);
    let out = cocina(notes.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("CA-E004"));
    assert_eq!(
        cocina(notes.path(), &["--deny", "warnings"]).status.code(),
        Some(1)
    );
}

/// A link that leads outside the delivery (here to /proc/self/mem, which
/// no read can get) is not followed: the finding names the link and says
/// why, and the verdict is on the delivery (exit 1), not an I/O failure.
#[cfg(target_os = "linux")]
#[test]
fn a_link_outside_the_delivery_is_refused_naming_the_file() {
    let dir = valid_with(&[]);
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("padron2.csv")).unwrap();
    let out = cocina(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("padron2.csv"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("fuera de la entrega"),
        "{}",
        stdout(&out)
    );
    let out = cocina(dir.path(), &["--lang", "en"]);
    assert!(
        stdout(&out).contains("points outside the delivery"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn text_output_has_no_colour_when_not_on_a_terminal() {
    let out = cocina(faulty().path(), &[]);
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn github_annotations_name_the_file_line_and_rule() {
    let dir = faulty();
    let out = cocina(dir.path(), &["--format", "github", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let padron = dir.path().join("padron.csv");
    let expected = format!(
        "::error file={},line=4,title=CA-P001 invalid-curp::padron.csv, cell B4: invalid CURP",
        padron.display().to_string().replace(':', "%3A")
    );
    assert!(text.contains(&expected), "{text}");
    assert!(text.contains("::warning file="), "{text}");
    assert!(text.contains("::notice file="), "{text}");
    assert!(!text.contains("UOPP1504"), "{text}");
}

#[test]
fn junit_has_one_test_case_per_rule() {
    let out = cocina(faulty().path(), &["--format", "junit"]);
    let xml = stdout(&out);
    let cases = xml.matches("<testcase ").count();
    assert_eq!(cases, cocina_validation::RULES.len(), "{xml}");
    assert!(xml.contains("failures=\"1\""), "{xml}");
    assert!(
        xml.contains("name=\"CA-P001 invalid-curp\">\n      <failure"),
        "{xml}"
    );
    assert!(
        xml.contains("<skipped message=\"requiere --reference DIR\"/>"),
        "{xml}"
    );
    assert!(xml.contains("<system-out>"), "{xml}");
}

#[test]
fn snapshot_of_the_human_report() {
    let dir = faulty();
    insta::assert_snapshot!("text_es", stdout(&cocina(dir.path(), &[])));
    insta::assert_snapshot!("text_en", stdout(&cocina(dir.path(), &["--lang", "en"])));
}

#[test]
fn snapshot_of_the_json_report() {
    let out = cocina(faulty().path(), &["--format", "json", "--lang", "en"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("json_en", json);
}

/// The report is the agency's own: a file whose name looks like a CURP is
/// named as stored, so that it can be found, while published outputs call
/// it `archivo-retirado-N`.
#[test]
fn a_withheld_file_name_is_named_as_stored_in_the_report() {
    let stored = "GOMM800315MOCRRR05.csv";
    let dir = valid_with(&[(stored, "CLAVE COCINA,SEXO,EDAD\nOAX-9,M,7\n")]);

    let text = String::from_utf8(cocina(dir.path(), &[]).stdout).unwrap();
    assert!(text.lines().any(|line| line == stored), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("archivo-retirado")),
        "{text}"
    );

    let github = String::from_utf8(cocina(dir.path(), &["--format", "github"]).stdout).unwrap();
    let path = dir.path().join(stored).display().to_string();
    assert!(github.contains(&path.replace(':', "%3A")), "{github}");
}
