//! The store: migrations, replacement of a load, and the example delivery.

use std::path::Path;

use cocina_importers::ImportOptions;
use cocina_model::KitchenKey;
use cocina_model::Severity;
use cocina_portal::{KitchenFilter, Store, ingest, store_delivery};
use cocina_rendering::view::MunicipalityIssue;

use crate::fixture::{Engine, LOCATED, UNLOCATED, fixture, loaded_store, on_both_engines};

async fn storing_counts_what_is_public(engine: Engine) {
    let (store, summary) = loaded_store(&engine).await;
    assert_eq!(summary.delivery_id, "entrega-prueba");
    assert_eq!(summary.kitchens, 3);
    assert_eq!(summary.located, 1);
    assert_eq!(summary.beneficiaries, 29);
    assert!(
        summary.errors >= 2,
        "the point elsewhere and the unknown kitchen"
    );
    // Findings about people are stored as counts; each stands for as many
    // as it counts, so the portal's numbers are the agency report's.
    let findings = store.findings().await.unwrap();
    let records: u64 = findings.iter().map(|f| f.records).sum();
    let reported = summary.errors + summary.warnings + summary.notices;
    assert_eq!(records, reported as u64);
    let shown = store.overview().await.unwrap().findings;
    assert_eq!(shown.errors, summary.errors as u64);
    assert_eq!(shown.warnings, summary.warnings as u64);
    assert!(
        findings
            .iter()
            .all(|f| !f.message_es.is_empty() && !f.message_en.is_empty())
    );
    assert!(
        findings
            .iter()
            .any(|f| f.code == "CA-G003" && f.severity == Severity::Error)
    );
}

async fn storing_the_same_delivery_again_replaces_it(engine: Engine) {
    let (store, first) = loaded_store(&engine).await;
    let before = store.overview().await.unwrap();
    let second = store_delivery(&store, fixture().delivery, crate::fixture::files())
        .await
        .unwrap();
    assert_eq!(first, second);
    assert_eq!(store.overview().await.unwrap(), before);
    assert_eq!(store.kitchens().await.unwrap().len(), 3);
}

/// A SQLite store at `path` holding the fixture's delivery.
async fn stored_fixture(path: &std::path::Path) -> Store {
    let store = Store::open(path).await.unwrap();
    store_delivery(&store, fixture().delivery, crate::fixture::files())
        .await
        .unwrap();
    store
}

#[tokio::test]
async fn database_file_is_created_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite");
    drop(stored_fixture(&path).await);
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.kitchens().await.unwrap().len(), 3);
}

/// A stopped portal used to leave `-wal` and `-shm` files beside its
/// database. Closing folds the log in and removes them, even right after
/// clones of the store (as requests hold) finished queries on connections
/// of their own: those connections are still being handed back to the pool
/// when it closes, which left the files in a few runs of a hundred before
/// `Store::close` waited for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_sqlite_store_leaves_only_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite");
    let store = stored_fixture(&path).await;
    let beside = |suffix: &str| dir.path().join(format!("portal.sqlite{suffix}"));
    assert!(beside("-wal").exists(), "open in write-ahead mode");
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.kitchens().await.map(|k| k.len()) })
        })
        .collect();
    for reader in readers {
        assert_eq!(reader.await.unwrap().unwrap(), 3);
    }
    store.close().await;
    for suffix in ["-wal", "-shm"] {
        assert!(!beside(suffix).exists(), "portal.sqlite{suffix} is left");
    }
    let reopened = Store::open(&path).await.unwrap();
    assert_eq!(reopened.kitchens().await.unwrap().len(), 3, "nothing lost");
    reopened.close().await;
}

async fn example_delivery_is_ingested_twice_with_the_same_result(engine: Engine) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016");
    let store = engine.store().await;
    let options = ImportOptions::default();
    let first = ingest(&store, &dir, &options).await.unwrap();
    assert!(first.kitchens > 0 && first.beneficiaries > 0, "{first}");
    let second = ingest(&store, &dir, &options).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(store.kitchens().await.unwrap().len(), first.kitchens);
}

async fn deliveries_of_other_years_stay_when_one_is_replaced(engine: Engine) {
    let (store, _) = loaded_store(&engine).await;
    let mut other = fixture().delivery;
    other.delivery.id = "entrega-2017".into();
    other.kitchens.truncate(2);
    store_delivery(&store, other, crate::fixture::files())
        .await
        .unwrap();
    // Loading the first again replaces only it, and makes it the one shown.
    store_delivery(&store, fixture().delivery, crate::fixture::files())
        .await
        .unwrap();
    let ids: Vec<String> = store
        .deliveries()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, ["entrega-prueba", "entrega-2017"]);
    assert_eq!(store.kitchens().await.unwrap().len(), 3);
    let filter = KitchenFilter {
        delivery: Some("entrega-2017".into()),
        ..KitchenFilter::default()
    };
    assert_eq!(
        store.find_kitchens(&filter).await.unwrap().unwrap().len(),
        2
    );
    let key = KitchenKey::new(LOCATED).unwrap();
    let history = store.kitchen_history(&key).await.unwrap();
    assert_eq!(history.len(), 2, "listed by both deliveries");
    let unlisted = KitchenFilter {
        delivery: Some("entrega-1999".into()),
        ..KitchenFilter::default()
    };
    assert_eq!(store.find_kitchens(&unlisted).await.unwrap(), None);
}

async fn a_municipality_name_issue_is_stored_with_the_kitchen(engine: Engine) {
    let store = engine.store().await;
    let mut delivery = fixture().delivery;
    let unlocated = delivery
        .kitchens
        .iter_mut()
        .find(|k| k.key.as_str() == UNLOCATED);
    unlocated.unwrap().municipality_name = Some("MUNICIPIO QUE NO EXISTE".into());
    store_delivery(&store, delivery, crate::fixture::files())
        .await
        .unwrap();
    let kitchens = store.kitchens().await.unwrap();
    let issue = |key: &str| {
        kitchens
            .iter()
            .find(|k| k.key.as_str() == key)
            .unwrap()
            .municipality_issue
    };
    assert_eq!(issue(UNLOCATED), Some(MunicipalityIssue::Unknown));
    assert_eq!(issue(LOCATED), None, "a kitchen with a key has no issue");
}

on_both_engines!(
    deliveries_of_other_years_stay_when_one_is_replaced,
    a_municipality_name_issue_is_stored_with_the_kitchen,
    storing_counts_what_is_public,
    storing_the_same_delivery_again_replaces_it,
    example_delivery_is_ingested_twice_with_the_same_result,
);

/// A municipality key Oaxaca does not have (612) used to be published as a
/// municipality of its own, while the open-data package counts its people
/// under no municipality: two patterns of the same people, which could be
/// subtracted from each other.
#[test]
fn a_key_oaxaca_does_not_have_counts_under_no_municipality_as_in_the_package() {
    let catalog = cocina_geography::Catalog::bundled();
    let options = cocina_validation::ValidationOptions::default();
    let mut imported = crate::fixture::fixture().delivery;
    let located = imported
        .kitchens
        .iter_mut()
        .find(|k| k.key.as_str() == crate::fixture::LOCATED)
        .unwrap();
    located.municipality = Some(cocina_model::MunicipalityKey::new("612").unwrap());
    let report = cocina_validation::validate(&imported, catalog, &options);
    let public =
        cocina_portal::PublicDelivery::project(&imported, &report, catalog, &options).unwrap();
    let foreign = |key: Option<&str>| key == Some("612");
    assert!(!public.cells.iter().any(|c| foreign(c.area.key.as_deref())));
    let kitchen = public
        .kitchens
        .iter()
        .find(|k| k.key.as_str() == crate::fixture::LOCATED)
        .unwrap();
    assert_eq!(kitchen.municipality, None);
    let unassigned = public.totals.iter().find(|t| {
        t.area.level == cocina_aggregation::GeoLevel::Municipality && t.area.key.is_none()
    });
    assert!(
        unassigned.is_some(),
        "its people count under no municipality"
    );
}
