//! The store: migrations, replacement of a load, and the example delivery.

use std::path::Path;

use cocina_importers::ImportOptions;
use cocina_model::Severity;
use cocina_portal::{Store, ingest, store_delivery};

use crate::fixture::{fixture, loaded_store};

#[tokio::test]
async fn storing_counts_what_is_public() {
    let (store, summary) = loaded_store().await;
    assert_eq!(summary.delivery_id, "entrega-prueba");
    assert_eq!(summary.kitchens, 3);
    assert_eq!(summary.located, 1);
    assert_eq!(summary.beneficiaries, 29);
    assert!(
        summary.errors >= 2,
        "the point elsewhere and the unknown kitchen"
    );
    let findings = store.findings().await.unwrap();
    assert_eq!(
        findings.len(),
        summary.errors + summary.warnings + summary.notices
    );
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

#[tokio::test]
async fn storing_the_same_delivery_again_replaces_it() {
    let (store, first) = loaded_store().await;
    let before = store.overview().await.unwrap();
    let second = store_delivery(&store, fixture().delivery).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(store.overview().await.unwrap(), before);
    assert_eq!(store.kitchens().await.unwrap().len(), 3);
}

#[tokio::test]
async fn database_file_is_created_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite");
    {
        let store = Store::open(&path).await.unwrap();
        store_delivery(&store, fixture().delivery).await.unwrap();
    }
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.kitchens().await.unwrap().len(), 3);
}

#[tokio::test]
async fn example_delivery_is_ingested_twice_with_the_same_result() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016");
    let store = Store::open_in_memory().await.unwrap();
    let options = ImportOptions::default();
    let first = ingest(&store, &dir, &options).await.unwrap();
    assert!(first.kitchens > 0 && first.beneficiaries > 0, "{first}");
    let second = ingest(&store, &dir, &options).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(store.kitchens().await.unwrap().len(), first.kitchens);
}
