//! Whole deliveries: every table file read, bad files reported, the batch
//! never stopped by one of them.

use std::fs;

use cocina_importers::{ImportError, IssueKind, ReadFailure, SpecialFile, import_delivery};
use cocina_model::Severity;

use crate::support::{case_bytes, options, xlsx};

#[test]
fn a_delivery_reads_every_file_and_reports_the_bad_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| fs::write(dir.path().join(name), bytes).expect("write");
    write(
        "C06_header_not_first_row.xlsx",
        &case_bytes("C06_header_not_first_row.xlsx"),
    );
    write(
        "C09_xls_biff8_strings.xls",
        &case_bytes("C09_xls_biff8_strings.xls"),
    );
    write(
        "comedores.csv",
        "clave,nombre\nOAX-VC-900,Comedor CSV\n".as_bytes(),
    );
    write("roto.xlsx", b"PK\x03\x04 this is not really a workbook");
    write("disfrazado.xlsx", &case_bytes("C09_xls_biff8_strings.xls"));
    write("README.md", b"# Entrega");
    write("respuesta.pdf", b"%PDF-1.4");
    write("~$padron.xlsx", b"lock");
    write(".DS_Store", b"\0\0");
    fs::create_dir(dir.path().join("anexos")).expect("subdir");

    let imported = import_delivery(dir.path(), &options()).expect("imports");

    let files: Vec<&str> = imported
        .delivery
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        files,
        [
            "C06_header_not_first_row.xlsx",
            "C09_xls_biff8_strings.xls",
            "README.md",
            "comedores.csv",
            "disfrazado.xlsx",
            "respuesta.pdf",
            "roto.xlsx"
        ]
    );
    assert_eq!(imported.beneficiaries.len(), 6);
    assert_eq!(
        imported.kitchens.len(),
        4 + 1 + 4,
        "an .xls named .xlsx still reads"
    );
    assert_eq!(imported.issues.len(), 2, "{:?}", imported.issues);
    // A folder is named, so that data put in one is not dropped unseen.
    let folder = &imported.issues[0];
    assert_eq!(folder.source.to_string(), "anexos");
    assert_eq!(
        folder.kind,
        IssueKind::NotRegularFile {
            what: SpecialFile::Folder
        }
    );
    assert_eq!(folder.severity(), Severity::Notice);
    let issue = &imported.issues[1];
    assert_eq!(issue.source.to_string(), "roto.xlsx");
    assert_eq!(
        issue.kind,
        IssueKind::UnreadableFile {
            cause: ReadFailure::Malformed
        }
    );
    let first = &imported.beneficiaries[0].origin;
    assert_eq!(&*first.file, "C06_header_not_first_row.xlsx");
}

#[test]
fn unsupported_spreadsheets_are_reported_not_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("padron.numbers"), b"binary").expect("write");
    fs::write(dir.path().join("padron.xlsb"), b"binary").expect("write");
    fs::write(
        dir.path().join("padron.xlsx"),
        xlsx(&[("padron", &[&["a"]])]),
    )
    .expect("write");
    let imported = import_delivery(dir.path(), &options()).expect("imports");
    let causes: Vec<_> = imported
        .issues
        .iter()
        .map(|i| (i.source.to_string(), i.kind.clone()))
        .collect();
    assert_eq!(
        causes,
        [
            (
                "padron.numbers".to_owned(),
                IssueKind::UnreadableFile {
                    cause: ReadFailure::Unsupported
                }
            ),
            // .xlsb is read; these bytes are not a workbook.
            (
                "padron.xlsb".to_owned(),
                IssueKind::UnreadableFile {
                    cause: ReadFailure::NotASpreadsheet
                }
            ),
            (
                "padron.xlsx, sheet padron".to_owned(),
                IssueKind::UnrecognisedTable
            ),
        ]
    );
}

#[test]
fn a_missing_directory_stops_the_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-existe");
    let error = import_delivery(&missing, &options()).expect_err("fails");
    assert!(matches!(error, ImportError::ReadDir { .. }));
    assert!(error.to_string().contains("no-existe"), "{error}");
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("grande.csv"), vec![b'a'; 2048]).expect("write");
    let mut options = options();
    options.limits.max_file_bytes = 1024;
    let imported = import_delivery(dir.path(), &options).expect("imports");
    assert!(matches!(&imported.issues[0].kind,
            IssueKind::LimitReached { limit, max: 1024 } if limit == "file_bytes"));
}

/// A manifest that is not a regular file (here a directory; a pipe or a
/// device behaves the same) is reported, never read or waited on.
#[test]
fn a_manifest_that_is_not_a_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("entrega.json")).unwrap();
    let imported =
        cocina_importers::import_delivery(dir.path(), &cocina_importers::ImportOptions::default())
            .unwrap();
    let kinds: Vec<_> = imported.issues.iter().map(|i| &i.kind).collect();
    assert!(
        kinds.iter().any(|k| matches!(
            k,
            cocina_importers::IssueKind::InvalidManifest {
                problem: cocina_importers::ManifestProblem::NotAFile,
                ..
            }
        )),
        "{kinds:?}"
    );
}

#[test]
fn a_macro_enabled_workbook_is_read_like_xlsx() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = xlsx(&[(
        "comedores",
        &[&["CLAVE", "NOMBRE"], &["OAX-VC-001", "Comedor Centro"]],
    )]);
    fs::write(dir.path().join("comedores.xlsm"), bytes).expect("write");
    let imported = import_delivery(dir.path(), &options()).expect("imports");
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    assert_eq!(imported.kitchens.len(), 1);
    assert_eq!(&*imported.kitchens[0].origin.file, "comedores.xlsm");
}
