//! The committed example delivery is exactly what the generator writes.

use std::path::PathBuf;

use cocina_generator::{Example, ExampleConfig, write_example};

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
