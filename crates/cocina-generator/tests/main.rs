//! The committed example delivery is exactly what the generator writes, and
//! large synthetic deliveries read back as generated.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use cocina_generator::{
    Example, ExampleConfig, KITCHENS_FILE, SYNTHETIC_REGISTER_XLSX, SyntheticConfig,
    SyntheticFormat, example_notes, notes_path, write_example, write_synthetic,
};
use cocina_importers::{ImportOptions, import_delivery, import_file};
use cocina_model::{Curp, KitchenStatus};

fn committed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016")
}

/// The full-scale example, built once for every test of this file.
fn example() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(|| Example::build(&ExampleConfig::default()))
}

#[test]
fn committed_example_is_what_the_generator_writes() {
    let committed = committed_dir();
    let fresh = tempfile::tempdir().unwrap();
    write_example(example(), fresh.path()).unwrap();
    for entry in std::fs::read_dir(fresh.path()).unwrap() {
        let name = entry.unwrap().file_name();
        let ours = std::fs::read(fresh.path().join(&name)).unwrap();
        let theirs = std::fs::read(committed.join(&name)).unwrap_or_default();
        assert!(
            ours == theirs,
            "examples/entrega-2016/{} is stale: run the commands in examples/entrega-2016.md",
            name.to_string_lossy()
        );
    }
    let notes = std::fs::read_to_string(notes_path(&committed)).unwrap_or_default();
    assert!(
        notes == example_notes(example()),
        "examples/entrega-2016.md is stale: run the commands in it"
    );
}

/// The notes on planted faults are the generator's, not the agency's: they
/// sit beside the delivery, so importing it does not list them among its
/// files (which the site and the portal show as the delivery's documents).
#[test]
fn the_example_notes_are_beside_the_delivery_not_in_it() {
    let committed = committed_dir();
    let notes = notes_path(&committed);
    assert_eq!(notes.parent(), committed.parent());
    assert!(notes.is_file(), "{} is committed", notes.display());
    let imported = import_delivery(&committed, &ImportOptions::default()).unwrap();
    let names: Vec<String> = imported
        .delivery
        .files
        .iter()
        .map(|f| f.path.to_lowercase())
        .collect();
    let is_markdown = |name: &String| {
        std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
    };
    assert!(!names.iter().any(is_markdown), "{names:?}");
    assert_eq!(
        names.len(),
        4,
        "the three workbooks and the manifest: {names:?}"
    );
}

/// The `.xls` is written by a Python script from the generator's spec; this
/// reads it back without Python and checks every kitchen row against what
/// the generator meant, where it meant it.
#[test]
fn committed_xls_holds_the_kitchens_the_generator_meant() {
    let example = example();
    let bytes = std::fs::read(committed_dir().join(KITCHENS_FILE)).unwrap();
    let imported = import_file(KITCHENS_FILE, &bytes, &ImportOptions::default());
    assert_eq!(imported.issues, vec![], "the .xls reads cleanly");
    assert_eq!(imported.kitchens.len(), example.kitchens.len());
    let places = example.kitchen_places();
    let merged = places.iter().filter(|p| p.municipality_span > 1).count();
    assert!(merged > 100, "municipalities are merged down ({merged})");
    for ((read, meant), place) in imported.kitchens.iter().zip(&example.kitchens).zip(&places) {
        let at = format!("{} row {}", place.sheet, place.row);
        assert_eq!(read.key.as_str(), meant.key, "{at}");
        assert_eq!(read.name, meant.name, "{at}");
        assert_eq!(
            read.municipality_name.as_deref(),
            Some(meant.municipality_written.as_str()),
            "{at}: merged cells are filled"
        );
        let point = read.location.expect("every row has a point");
        assert_eq!((point.y(), point.x()), (meant.lat, meant.lon), "{at}");
        assert_eq!(read.status, meant.status, "{at}");
        assert_eq!(read.opened, Some(meant.opened), "{at}");
        assert_eq!(read.origin.sheet.as_deref(), Some(place.sheet.as_str()));
        assert_eq!(read.origin.row, place.row, "{at}");
    }
}

#[test]
fn the_example_is_full_scale_and_consistent() {
    let example = example();
    let keys: BTreeSet<&str> = example.kitchens.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(keys.len(), 2_300);
    assert!((125_000..135_000).contains(&example.people.len()));
    let zones: BTreeSet<u8> = example.kitchens.iter().map(|k| k.zone).collect();
    assert_eq!(zones, (1..=8).collect());
    let operating: BTreeSet<&str> = example
        .kitchens
        .iter()
        .filter(|k| k.status == KitchenStatus::Operating)
        .map(|k| k.key.as_str())
        .collect();
    let registered: BTreeSet<&str> = example.people.iter().map(|p| p.kitchen.as_str()).collect();
    assert!(
        operating.is_subset(&registered),
        "every kitchen in operation has people"
    );
    let unknown: Vec<&&str> = registered.difference(&keys).collect();
    let planted = example.planted.iter().filter(|f| f.code == "CA-S002");
    assert_eq!(unknown.len(), planted.count());
    let invalid = example
        .people
        .iter()
        .filter(|p| Curp::new(&p.curp).is_err())
        .count();
    let planted = example.planted.iter().filter(|f| f.code == "CA-P001");
    assert_eq!(invalid, planted.count());
}

#[test]
fn generation_is_deterministic_and_plants_every_kind_of_fault() {
    let config = ExampleConfig {
        kitchens: 30,
        ..ExampleConfig::default()
    };
    let a = Example::build(&config);
    let b = Example::build(&config);
    assert_eq!(a.kitchens, b.kitchens);
    assert_eq!(a.people, b.people);
    assert_eq!(a.planted, b.planted);
    for code in [
        "CA-D001", "CA-G001", "CA-G002", "CA-G003", "CA-G004", "CA-G005", "CA-P001", "CA-P004",
        "CA-S001", "CA-S002",
    ] {
        assert!(
            a.planted.iter().any(|f| f.code == code),
            "{code} is planted"
        );
    }
}

#[test]
fn synthetic_deliveries_have_the_rows_asked_for_and_refer_to_listed_kitchens() {
    let config = SyntheticConfig::with_people(500);
    let dir = tempfile::tempdir().unwrap();
    let files = write_synthetic(&config, SyntheticFormat::Csv, dir.path()).unwrap();
    assert_eq!(files.people_count, 500);
    assert_eq!(files.kitchen_count, config.kitchens());
    let mut kitchens = csv::Reader::from_path(&files.kitchens).unwrap();
    let keys: BTreeSet<String> = kitchens
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect();
    assert_eq!(keys.len() as u64, config.kitchens(), "keys are unique");
    let mut register = csv::Reader::from_path(&files.register).unwrap();
    assert_eq!(
        register.headers().unwrap(),
        vec![
            "clave_comedor",
            "sexo",
            "edad",
            "fecha_nacimiento",
            "rango_edad",
            "curp",
            "nombre",
            "embarazada_lactancia",
            "discapacidad",
            "fecha_registro"
        ]
    );
    let mut rows = 0;
    let mut used = BTreeSet::new();
    for record in register.records() {
        let record = record.unwrap();
        assert!(keys.contains(&record[0]), "{} is listed", &record[0]);
        assert!(Curp::new(&record[5]).is_ok(), "row {rows} has a valid CURP");
        used.insert(record[0].to_owned());
        rows += 1;
    }
    assert_eq!(rows, 500);
    assert_eq!(used, keys, "every kitchen has beneficiaries");

    let xlsx = tempfile::tempdir().unwrap();
    let files = write_synthetic(&config, SyntheticFormat::Xlsx, xlsx.path()).unwrap();
    assert!(files.register.ends_with(SYNTHETIC_REGISTER_XLSX));
    let imported = import_delivery(xlsx.path(), &ImportOptions::default()).unwrap();
    assert_eq!(imported.issues, vec![], "the workbooks read cleanly");
    assert_eq!(imported.beneficiaries.len(), 500);
    assert_eq!(imported.kitchens.len() as u64, config.kitchens());
}
