//! Faults that once passed silently or were misreported: a kitchen row
//! with a key and nothing else, broken CSV quotes, files that are not
//! regular files, broken links, file names withheld from the agency's own
//! report, and a NUL byte in a CSV cell. Each is a finding that names the
//! file and the line or cell, and says what was expected.

use std::fs;
use std::path::Path;

use cocina_geography::Catalog;
use cocina_importers::{ImportOptions, import_file};
use cocina_model::{Lang, Severity};
use cocina_validation::{CheckedDelivery, Finding, ValidationOptions, check_delivery, validate};

use crate::{delivery, partial};

const KITCHENS: &str = "clave,nombre,municipio\n\
                        OAX-1,Comedor Uno,OAXACA DE JUAREZ\n";
const REGISTER: &str = "clave_comedor,sexo,edad\nOAX-1,M,7\n";

fn write_delivery(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn check(dir: &Path) -> CheckedDelivery {
    check_delivery(
        dir,
        &ImportOptions::default(),
        &ValidationOptions::default(),
        Catalog::bundled(),
    )
    .expect("the delivery is read")
}

/// The findings about `file`, whatever their cell.
fn about<'a>(findings: &'a [Finding], file: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.source.as_ref().is_some_and(|s| &*s.file == file))
        .collect()
}

fn cell(finding: &Finding) -> String {
    finding
        .source
        .as_ref()
        .and_then(|s| s.cell)
        .map_or_else(|| "-".to_owned(), |c| c.to_string())
}

/// Each finding's rule and cell, in report order.
fn codes_at(findings: &[Finding]) -> Vec<(&'static str, String)> {
    findings.iter().map(|f| (f.code(), cell(f))).collect()
}

fn messages(finding: &Finding) -> (String, String) {
    (finding.message(Lang::Es), finding.message(Lang::En))
}

// 1. A kitchen with a key and neither a name nor a municipality.

#[test]
fn a_kitchen_row_with_only_a_key_is_reported_at_its_empty_cells() {
    let kitchens = "clave,nombre,municipio,cve_mun\n\
                    OAX-1,Comedor Uno,OAXACA DE JUAREZ,067\n\
                    OAX-2,,,\n\
                    OAX-3,   ,,067\n\
                    OAX-4,Comedor Cuatro,,\n";
    let delivery = delivery(&[("comedores.csv", kitchens)]);
    let report = validate(&delivery, Catalog::bundled(), &partial());
    let found = codes_at(&report.findings);
    let expected = ["B3", "C3", "B4", "C5"].map(|c| ("CA-K003", c.to_owned()));
    assert_eq!(found, expected);
    for finding in &report.findings {
        assert_eq!(finding.severity, Severity::Error);
        assert_eq!(
            finding.source.as_ref().map(|s| &*s.file),
            Some("comedores.csv")
        );
    }
    let (es, en) = messages(&report.findings[0]);
    assert!(es.contains("OAX-2") && es.contains("nombre"), "{es}");
    assert!(en.contains("OAX-2") && en.contains("name"), "{en}");
    let (es, en) = messages(&report.findings[1]);
    assert!(es.contains("municipio") && es.contains("D3"), "{es}");
    assert!(en.contains("municipality") && en.contains("D3"), "{en}");
}

#[test]
fn a_kitchens_list_without_a_name_column_is_reported_once() {
    let kitchens = "clave,municipio\n\
                    OAX-1,OAXACA DE JUAREZ\n\
                    OAX-2,OAXACA DE JUAREZ\n";
    let delivery = delivery(&[("comedores.csv", kitchens)]);
    let report = validate(&delivery, Catalog::bundled(), &partial());
    let found = codes_at(&report.findings);
    assert_eq!(found, [("CA-K003", "A2".to_owned())]);
    let (es, en) = messages(&report.findings[0]);
    assert!(es.contains("columna") && es.contains('2'), "{es}");
    assert!(en.contains("column") && en.contains('2'), "{en}");
}

// 2. Broken quotes in a CSV file.

const HEADER: &str = "clave,nombre,municipio\n";
const ROW_1: &str = "OAX-1,Comedor Uno,OAXACA DE JUAREZ\n";
const ROW_3: &str = "OAX-3,Comedor Tres,OAXACA DE JUAREZ\n";

fn keys(imported: &cocina_importers::ImportedFile) -> Vec<&str> {
    imported.kitchens.iter().map(|k| k.key.as_str()).collect()
}

/// Imports `text` as `comedores.csv` and returns its kitchens' keys and
/// the findings on it.
fn quotes(text: &str) -> (Vec<String>, Vec<Finding>) {
    let imported = import_file("comedores.csv", text.as_bytes(), &ImportOptions::default());
    let kept = keys(&imported).into_iter().map(str::to_owned).collect();
    let mut delivery = delivery(&[]);
    delivery.kitchens = imported.kitchens;
    delivery.issues = imported.issues;
    let report = validate(&delivery, Catalog::bundled(), &partial());
    (kept, report.findings)
}

#[test]
fn a_quote_never_closed_is_reported_at_its_line_and_the_rows_before_are_kept() {
    let shapes = [
        "OAX-2,\"Comedor Dos,OAXACA DE JUAREZ\n",
        "OAX-2,\"Comedor \"\"Dos,OAXACA DE JUAREZ\n",
        "OAX-2,Comedor Dos,\"OAXACA DE JUAREZ\n",
        "\"OAX-2,Comedor Dos,OAXACA DE JUAREZ\n",
    ];
    for (shape, column) in shapes.iter().zip(["B", "B", "C", "A"]) {
        for rest in [ROW_3, ""] {
            let text = format!("{HEADER}{ROW_1}{shape}{rest}");
            let (kept, findings) = quotes(&text);
            assert_eq!(kept, ["OAX-1"], "{text:?}");
            let broken: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert_eq!(broken.len(), 1, "{text:?}: {findings:?}");
            assert_eq!(cell(broken[0]), format!("{column}3"), "{text:?}");
            let (es, en) = messages(broken[0]);
            assert!(es.contains("comilla") && es.contains("línea 3"), "{es}");
            assert!(en.contains("quote") && en.contains("line 3"), "{en}");
            assert!(
                es.contains("se esperaba") && en.contains("expected"),
                "{en}"
            );
        }
    }
}

#[test]
fn a_quote_closed_in_the_middle_of_a_field_is_reported_and_the_rest_read() {
    let shapes = [
        "OAX-2,\"Comedor\" Dos,OAXACA DE JUAREZ\n",
        "OAX-2,\"Comedor \"El Sol\" Dos\",OAXACA DE JUAREZ\n",
        "OAX-2,\"Comedor Dos,OAXACA DE JUAREZ\nOAX-9,Comedor\" Nueve,OAXACA DE JUAREZ\n",
    ];
    for shape in shapes {
        let text = format!("{HEADER}{ROW_1}{shape}{ROW_3}");
        let (kept, findings) = quotes(&text);
        assert_eq!(kept, ["OAX-1", "OAX-2", "OAX-3"], "{text:?}");
        let broken: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(broken.len(), 1, "{text:?}: {findings:?}");
        assert_eq!(cell(broken[0]), "B3", "{text:?}");
        let (es, en) = messages(broken[0]);
        assert!(es.contains("comilla") && es.contains("línea"), "{es}");
        assert!(en.contains("quote") && en.contains("line"), "{en}");
    }
}

#[test]
fn a_quote_inside_an_unquoted_field_is_read_as_typed_with_a_notice() {
    let text = format!("{HEADER}{ROW_1}OAX-2,Comedor \"El Sol\",OAXACA DE JUAREZ\n{ROW_3}");
    let imported = import_file("comedores.csv", text.as_bytes(), &ImportOptions::default());
    assert_eq!(imported.kitchens[1].name, "Comedor \"El Sol\"");
    let (kept, findings) = quotes(&text);
    assert_eq!(kept, ["OAX-1", "OAX-2", "OAX-3"]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].severity, Severity::Notice);
    assert_eq!(cell(&findings[0]), "B3");
    let (es, en) = messages(&findings[0]);
    assert!(es.contains("comilla") && en.contains("quote"), "{en}");
}

#[test]
fn well_quoted_fields_are_not_reported() {
    let text = format!(
        "{HEADER}{ROW_1}OAX-2,\"Comedor \"\"El Sol\"\", Dos\",\"OAXACA DE JUAREZ\"\n\
         OAX-4,\"Comedor\nde dos líneas\",OAXACA DE JUAREZ\n{ROW_3}"
    );
    let (kept, findings) = quotes(&text);
    assert_eq!(kept, ["OAX-1", "OAX-2", "OAX-4", "OAX-3"]);
    assert_eq!(findings, []);
}

// 3. Files that are not regular files.

#[cfg(unix)]
#[test]
fn pipes_sockets_and_folders_are_named_and_never_opened() {
    let dir = write_delivery(&[("comedores.csv", KITCHENS), ("padron.csv", REGISTER)]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("tubo.csv"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.path().join("enchufe.xlsx")).expect("socket");
    fs::create_dir(dir.path().join("anexos")).expect("folder");
    std::os::unix::fs::symlink(dir.path().join("tubo.csv"), dir.path().join("enlace.csv"))
        .expect("link");

    // Opening the pipe for reading would wait for a writer for ever.
    let checked = check(dir.path());
    for file in ["tubo.csv", "enchufe.xlsx", "anexos", "enlace.csv"] {
        let found = about(&checked.report.findings, file);
        assert_eq!(found.len(), 1, "{file}: {:?}", checked.report.findings);
        let (es, en) = messages(found[0]);
        assert!(es.contains("no es un archivo regular"), "{es}");
        assert!(en.contains("not a regular file"), "{en}");
    }
    let (es, _) = messages(about(&checked.report.findings, "tubo.csv")[0]);
    assert!(es.contains("tubería"), "{es}");
    let (_, en) = messages(about(&checked.report.findings, "enchufe.xlsx")[0]);
    assert!(en.contains("socket"), "{en}");
    let (_, en) = messages(about(&checked.report.findings, "anexos")[0]);
    assert!(en.contains("folder"), "{en}");
    assert_eq!(checked.delivery.kitchens.len(), 1, "the rest is read");
}

// 4. Broken links.

#[cfg(unix)]
#[test]
fn a_broken_link_is_called_broken_and_a_link_inside_is_read() {
    let dir = write_delivery(&[("comedores.csv", KITCHENS), ("padron.csv", REGISTER)]);
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(name)).expect("link");
    };
    link(&dir.path().join("no-existe.csv"), "perdido.csv");
    link(Path::new("/no/existe/en/ninguna/parte.csv"), "lejano.csv");
    link(&dir.path().join("bucle.csv"), "bucle.csv");
    link(&dir.path().join("no-existe.json"), "entrega.json");
    link(&dir.path().join("comedores.csv"), "dentro.csv");

    let checked = check(dir.path());
    for file in ["perdido.csv", "lejano.csv", "bucle.csv", "entrega.json"] {
        let found = about(&checked.report.findings, file);
        assert_eq!(found.len(), 1, "{file}: {:?}", checked.report.findings);
        let (es, en) = messages(found[0]);
        assert!(es.contains("roto") && !es.contains("fuera"), "{es}");
        assert!(en.contains("broken") && !en.contains("outside"), "{en}");
    }
    assert_eq!(about(&checked.report.findings, "dentro.csv").len(), 1);
    assert_eq!(
        about(&checked.report.findings, "dentro.csv")[0].code(),
        "CA-S001",
        "a link inside is read: its kitchen is listed twice"
    );
}

// 5. Withheld file names: real in the agency's report, withheld in public.

#[test]
fn the_agency_report_names_files_as_stored_and_the_public_one_withholds_them() {
    let curp_name = "GOMM800315MOCRRR05.csv";
    let register = "clave_comedor,sexo,edad\nOAX-1,M,7\nOAX-9,H,8\n";
    let dir = write_delivery(&[("comedores.csv", KITCHENS), (curp_name, register)]);
    let checked = check(dir.path());

    let public = format!("{:?}", checked.report);
    assert!(!public.contains("GOMM"), "{public}");
    let unknown = about(&checked.report.findings, "archivo-retirado-1.csv");
    assert!(unknown.iter().any(|f| f.code() == "CA-S002"), "{unknown:?}");

    let internal = checked.internal_report();
    assert_eq!(internal.findings.len(), checked.report.findings.len());
    assert_eq!(
        about(&internal.findings, "archivo-retirado-1.csv"),
        Vec::<&Finding>::new()
    );
    let real = about(&internal.findings, curp_name);
    let codes: Vec<&str> = real.iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"CA-S002"), "{codes:?}");
    assert!(codes.contains(&"CA-P008"), "{codes:?}");
    let withheld = real.iter().find(|f| f.code() == "CA-P008").expect("P008");
    let (es, en) = messages(withheld);
    assert!(
        es.contains("nombre del archivo") && es.contains("archivo-retirado"),
        "{es}"
    );
    assert!(
        en.contains("file name") && en.contains("archivo-retirado"),
        "{en}"
    );
}

// 6. A NUL character in a CSV cell.

#[test]
fn a_nul_character_is_reported_with_its_file_line_and_cell() {
    let text = "clave,nombre,municipio\n\
                OAX-1,Comedor Uno,OAXACA DE JUAREZ\n\
                OAX-2,Comedor\0 Dos,OAXACA DE JUAREZ\n\
                OAX-3,\"Comedor\nTres\0\",OAXACA DE JUAREZ\n";
    let (kept, findings) = quotes(text);
    assert_eq!(kept, ["OAX-1", "OAX-2", "OAX-3"]);
    let nul: Vec<_> = findings.iter().collect();
    assert_eq!(nul.len(), 2, "{findings:?}");
    let at: Vec<String> = nul.iter().map(|f| cell(f)).collect();
    assert_eq!(at, ["B3", "B4"]);
    for (finding, line) in nul.iter().zip([3, 5]) {
        assert_eq!(
            finding.source.as_ref().map(|s| &*s.file),
            Some("comedores.csv")
        );
        let (es, en) = messages(finding);
        assert!(es.contains(&format!("línea {line}")), "{es}");
        assert!(en.contains(&format!("line {line}")), "{en}");
        assert!(es.contains("«nombre»") && en.contains("\"nombre\""), "{en}");
        assert!(
            es.contains("se esperaba") && en.contains("expected"),
            "{en}"
        );
    }
}
