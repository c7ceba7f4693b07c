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
    for _ in 0..2 {
        let output = crate::support::cocina_command()
            .args(["import", example.to_str().unwrap(), "--into", database])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("Guardada en"), "{stdout}");
        assert!(stdout.contains("2,300 cocinas"), "{stdout}");
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
