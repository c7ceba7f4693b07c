//! The committed example delivery is exactly what the generator writes.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cocina_generator::{
    Example, ExampleConfig, SYNTHETIC_REGISTER_XLSX, SyntheticConfig, SyntheticFormat,
    write_example, write_synthetic,
};
use cocina_importers::{ImportOptions, import_delivery};
use cocina_model::Curp;

#[test]
fn committed_example_is_what_the_generator_writes() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016");
    let fresh = tempfile::tempdir().unwrap();
    write_example(&Example::build(&ExampleConfig::default()), fresh.path()).unwrap();
    for entry in std::fs::read_dir(fresh.path()).unwrap() {
        let name = entry.unwrap().file_name();
        let ours = std::fs::read(fresh.path().join(&name)).unwrap();
        let theirs = std::fs::read(committed.join(&name)).unwrap_or_default();
        assert!(
            ours == theirs,
            "examples/entrega-2016/{} is stale: run `cargo run -p cocina-generator --bin \
             cocina-generate -- examples/entrega-2016`",
            name.to_string_lossy()
        );
    }
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
        "CA-G001", "CA-G002", "CA-G003", "CA-P001", "CA-S001", "CA-S002",
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
