//! `cocina import DELIVERY --into DATABASE`: adds the delivery's public
//! part to a portal's database, keeping the deliveries already there.

use cocina_portal::Store;

use crate::support::example_dir;

#[tokio::test]
async fn import_into_adds_the_delivery_to_a_portal_database() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("portal.sqlite");
    let database = database.to_str().unwrap();
    let example = example_dir();
    // Each line says what its number counts: the rows read (two keys of
    // the example are listed twice), then the kitchens stored, one per key.
    let said = [
        ("es", "filas de cocinas:", "2,302 (2,300 claves distintas)"),
        ("en", "kitchen rows:", "2,302 (2,300 distinct keys)"),
    ];
    let stored = [
        "Guardada en",
        "2,300 cocinas (una por clave: de una clave repetida se guarda su primera fila)",
    ];
    let stored_en = ["Stored in", "2,300 kitchens (one per key"];
    for (lang, rows, count) in said {
        let output = crate::support::cocina_command()
            .args(["import", example.to_str().unwrap(), "--into", database])
            .args(["--lang", lang])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let read = stdout.lines().find(|l| l.trim_start().starts_with(rows));
        assert!(read.is_some_and(|l| l.ends_with(count)), "{stdout}");
        let last = stdout.lines().last().unwrap_or_default();
        let expected = if lang == "es" {
            &stored[..]
        } else {
            &stored_en[..]
        };
        for part in expected {
            assert!(last.contains(part), "{part:?} not in {last:?}");
        }
        // The example has planted invalid CURPs: stored all the same, and
        // the import's errors give exit code 1 as without --into.
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        // The command closes the database: SQLite's write-ahead log is
        // folded in and its files removed.
        for suffix in ["-wal", "-shm"] {
            let beside = dir.path().join(format!("portal.sqlite{suffix}"));
            assert!(!beside.exists(), "{} is left", beside.display());
        }
    }
    let store = Store::connect(database).await.unwrap();
    let deliveries = store.deliveries().await.unwrap();
    assert_eq!(deliveries.len(), 1, "importing again replaces the delivery");
    assert_eq!(deliveries[0].kitchens, 2_300);
    assert_eq!(deliveries[0].beneficiaries, Some(130_704));
}
