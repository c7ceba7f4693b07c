//! No input makes the importer panic: random bytes under every extension,
//! and random damage to small valid files of each format. Every problem it
//! reports names the file it was given.

use std::io::{Cursor, Read, Write};
use std::sync::LazyLock;

use cocina_importers::{ImportOptions, ImportedFile, import_file};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::{case_bytes, xlsx};

const NAMES: [&str; 5] = ["x.xlsx", "x.xls", "x.ods", "x.csv", "x.xlsm"];

/// A small valid workbook: title rows, a header, people, a merged region.
static SMALL_XLSX: LazyLock<Vec<u8>> = LazyLock::new(|| {
    xlsx(&[
        (
            "padron",
            &[
                &["Padrón"],
                &[],
                &[
                    "CLAVE COCINA",
                    "NOMBRE",
                    "SEXO",
                    "EDAD",
                    "CURP",
                    "FECHA DE NACIMIENTO",
                ],
                &[
                    "OAX-VC-001",
                    "Ana",
                    "M",
                    "7",
                    "UOPP150412MOCNRRA6",
                    "12/04/2015",
                ],
                &[
                    "OAX-VC-001",
                    "Beto",
                    "H",
                    "150",
                    "UOPP150412MOCNRRA7",
                    "2015-04-12",
                ],
            ],
        ),
        (
            "comedores",
            &[
                &[
                    "clave", "nombre", "cve_mun", "latitud", "longitud", "estatus",
                ],
                &["OAX-VC-001", "Centro", "67", "17.06", "-96.72", "activa"],
            ],
        ),
    ])
});

const SMALL_CSV: &str = "clave;nombre;cve_mun;latitud\nOAX-VC-001;Centro;67;17,06\n\
OAX-VC-002;\"Norte; sur\";#N/A;x\n";

fn import_checked(name: &str, bytes: &[u8]) -> ImportedFile {
    let imported = import_file(name, bytes, &ImportOptions::default());
    for issue in &imported.issues {
        assert_eq!(&*issue.source.file, name, "{issue:?}");
    }
    imported
}

fn mutate(mut bytes: Vec<u8>, edits: &[(Index, u8)], cut: Option<Index>) -> Vec<u8> {
    if bytes.is_empty() {
        return bytes;
    }
    for (at, value) in edits {
        let i = at.index(bytes.len());
        bytes[i] = *value;
    }
    if let Some(cut) = cut {
        bytes.truncate(cut.index(bytes.len() + 1));
    }
    bytes
}

/// Rebuilds the workbook with one part's XML damaged, so that the damage
/// reaches the XML reader instead of failing the ZIP checksum.
fn damage_part(part: usize, edits: &[(Index, u8)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(SMALL_XLSX.as_slice())).expect("zip");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let target = part % archive.len();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("content");
        if index == target {
            content = mutate(content, edits, None);
        }
        writer.start_file(name, options).expect("start");
        writer.write_all(&content).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for name in NAMES {
            import_checked(name, &bytes);
        }
    }

    #[test]
    fn random_bytes_in_a_container_never_panic(
        zip in any::<bool>(),
        rest in prop::collection::vec(any::<u8>(), 0..4096),
    ) {
        let magic: &[u8] = if zip { b"PK\x03\x04" } else { b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" };
        let bytes = [magic, &rest].concat();
        import_checked("x.xlsx", &bytes);
    }

    #[test]
    fn damaged_xlsx_never_panics(
        edits in prop::collection::vec((any::<Index>(), any::<u8>()), 1..8),
        cut in prop::option::of(any::<Index>()),
    ) {
        let bytes = mutate(SMALL_XLSX.clone(), &edits, cut);
        import_checked("x.xlsx", &bytes);
    }

    #[test]
    fn damaged_xlsx_xml_never_panics(
        part in any::<usize>(),
        edits in prop::collection::vec((any::<Index>(), any::<u8>()), 1..16),
    ) {
        import_checked("x.xlsx", &damage_part(part, &edits));
    }

    #[test]
    fn damaged_csv_never_panics(
        edits in prop::collection::vec((any::<Index>(), any::<u8>()), 1..16),
        cut in prop::option::of(any::<Index>()),
    ) {
        let bytes = mutate(SMALL_CSV.as_bytes().to_vec(), &edits, cut);
        import_checked("x.csv", &bytes);
    }

    #[test]
    fn any_text_as_csv_never_panics(text in "\\PC{0,400}") {
        import_checked("x.csv", text.as_bytes());
    }

    #[test]
    fn damaged_xls_and_ods_never_panic(
        ods in any::<bool>(),
        at in any::<Index>(),
        value in any::<u8>(),
    ) {
        // One byte at a time: calamine builds .xls and .ods sheets as dense
        // grids, and only a combination of damaged positions could ask for
        // an unbounded one (see the FIXME in the reader).
        let name = if ods { "C20_error_cells.ods" } else { "C09_xls_biff8_strings.xls" };
        let bytes = mutate(case_bytes(name), &[(at, value)], None);
        import_checked(name, &bytes);
    }
}

/// Files the fuzzer found that once aborted the process, each named for
/// what is wrong in it; they must now give an issue naming the file.
#[test]
fn fuzzer_found_files_are_refused_with_an_issue() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/crashes");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let imported = import_file(&name, &bytes, &ImportOptions::default());
        assert!(
            imported.kitchens.is_empty() && imported.beneficiaries.is_empty(),
            "{name}"
        );
        assert!(
            imported
                .issues
                .iter()
                .any(|i| &*i.source.file == name.as_str()),
            "{name}: {:?}",
            imported.issues
        );
    }
}
