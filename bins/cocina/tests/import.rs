//! `cocina import`: the summary, the canonical form written with `--out`,
//! and the exit codes. The command runs with no language in its
//! environment, so it speaks Spanish.

use std::process::Output;

use crate::support::{cocina, example_dir};

#[test]
fn import_writes_the_canonical_delivery_and_warns_it_is_internal() {
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("canonica");
    let dir = example_dir();

    let out = cocina(&[
        "import",
        dir.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);

    // The example has planted invalid CURPs: errors, so exit 1.
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["comedores.csv", "padron.csv", "entrega.json"] {
        assert!(target.join(name).is_file(), "{name} written");
        assert!(
            text.contains(&target.join(name).display().to_string()),
            "{text}"
        );
    }
    assert!(!target.join("concentrado.csv").exists(), "no count tables");
    // The help of --out names every file written, in both languages.
    for lang in ["es", "en"] {
        let help = cocina(&["import", "--help", "--lang", lang]);
        let help = String::from_utf8(help.stdout).unwrap();
        for file in std::fs::read_dir(&target).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            assert!(help.contains(&name), "{lang} help misses {name}:\n{help}");
        }
    }
    assert!(
        text.contains("USO INTERNO") && text.contains("datos personales"),
        "{text}"
    );
    assert!(
        text.contains("invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D"),
        "{text}"
    );
}

#[test]
fn import_json_lists_each_issue_with_its_cell() {
    let dir = example_dir();

    let out = cocina(&["import", dir.to_str().unwrap(), "--format", "json"]);

    assert_eq!(out.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let issues = summary["issues"].as_array().unwrap();
    let errors = summary["totals"]["error"].as_u64().unwrap();
    assert_eq!(errors as usize, issues.len());
    assert_eq!(summary["codes"]["invalid_curp"].as_u64(), Some(errors));
    for issue in issues {
        assert_eq!(issue["code"], "invalid_curp");
        assert_eq!(issue["severity"], "error");
        assert_eq!(issue["file"], "padron_beneficiarios_2016.xlsx");
        assert_eq!(issue["sheet"], "PADRON");
        assert!(issue["cell"].as_str().unwrap().starts_with('D'));
    }
    assert!(summary.get("written").is_none());
}

#[test]
fn a_clean_delivery_exits_zero_and_reads_back_from_its_canonical_form() {
    let source = tempfile::tempdir().unwrap();
    std::fs::write(
        source.path().join("comedores.csv"),
        "clave,nombre,cve_mun,latitud,longitud\nOAX-1,=Centro,067,17.06,-96.72\n",
    )
    .unwrap();
    let target = tempfile::tempdir().unwrap();
    let (src, dst) = (
        source.path().to_str().unwrap(),
        target.path().to_str().unwrap(),
    );

    let first = cocina(&["import", src, "--out", dst, "--format", "json"]);
    let again = cocina(&["import", dst, "--format", "json"]);

    assert_eq!(first.status.code(), Some(0));
    assert_eq!(again.status.code(), Some(0));
    let json = |o: &Output| serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap();
    let (first, again) = (json(&first), json(&again));
    assert_eq!(first["kitchens"], 1);
    assert_eq!(again["kitchens"], 1);
    assert!(
        first["written"]["notice"]
            .as_str()
            .unwrap()
            .contains("datos personales")
    );
    let csv = std::fs::read_to_string(target.path().join("comedores.csv")).unwrap();
    assert!(csv.contains("OAX-1,'=Centro,20,067"), "{csv}");
}

#[test]
fn an_unwritable_out_exits_two_naming_the_path() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let target = file.path().join("sub");
    let dir = example_dir();

    let out = cocina(&[
        "import",
        dir.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);

    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&target.display().to_string()), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn out_in_the_delivery_directory_is_refused() {
    let dir = example_dir();
    let dir = dir.to_str().unwrap();

    let out = cocina(&["import", dir, "--out", dir]);

    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("directorio de la entrega"), "{err}");
}

#[test]
fn import_summary_of_the_example_reads_as_expected() {
    let dir = example_dir();

    let out = cocina(&["import", dir.to_str().unwrap()]);

    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(text, @r"
    entrega entrega-2016
      filas de cocinas:         2,302 (2,300 claves distintas)
      personas beneficiarias:   130,704
      problemas de importación: 6 errores
      problemas por código:
        invalid_curp: 6

      error       invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D16430
      error       invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D25032
      error       invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D43014
      error       invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D49093
      error       invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D93163
      error       invalid_curp  padron_beneficiarios_2016.xlsx, hoja PADRON, celda D99373
    ");
}
