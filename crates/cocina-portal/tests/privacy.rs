//! No personal value of the delivery reaches a page, the API, the database
//! or the log.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use cocina_model::{KitchenKey, Lang, MunicipalityKey};
use cocina_portal::{AppState, Store, router, store_delivery};
use cocina_rendering::{ListFilter, Page};

use crate::fixture::{Fixture, fixture, get};

/// Every address the portal answers for the fixture: each page in both
/// languages, each kitchen's page, filtered lists, the API, the health
/// check and a page that does not exist.
fn every_uri(fixture: &Fixture) -> Vec<String> {
    let mut pages = vec![
        Page::Overview,
        Page::KitchenList(ListFilter::default()),
        Page::KitchenList(ListFilter {
            municipality: Some(MunicipalityKey::new("067").unwrap()),
            text: Some("cocina".into()),
            page: 1,
        }),
        Page::Kitchen(KitchenKey::new("OAX-XX-999").unwrap()),
        Page::Municipality(MunicipalityKey::new("067").unwrap()),
        Page::Documents,
        Page::Downloads,
        Page::Quality,
        Page::Deliveries,
        Page::DeliveryDownloads(fixture.delivery.delivery.id.clone()),
        Page::DeliveryQuality(fixture.delivery.delivery.id.clone()),
    ];
    pages.extend(
        fixture
            .delivery
            .kitchens
            .iter()
            .map(|k| Page::Kitchen(k.key.clone())),
    );
    let mut uris: Vec<String> = pages
        .iter()
        .flat_map(|page| Lang::ALL.map(|lang| page.url(lang)))
        .collect();
    uris.extend(["/api/v1/kitchens", "/healthz", "/en", "/no-existe"].map(String::from));
    uris.extend(
        fixture
            .delivery
            .kitchens
            .iter()
            .map(|k| Page::KitchenHistory(k.key.clone()).url(Lang::Es)),
    );
    uris
}

fn assert_clean(what: &str, text: &str, fixture: &Fixture) {
    for value in fixture.personal_values() {
        assert!(!text.contains(&value), "{what} contains a personal value");
    }
}

fn app_over(store: Store) -> Router {
    router(AppState::new(store))
}

#[tokio::test]
async fn no_page_or_api_answer_holds_personal_data() {
    let fixture = fixture();
    let store = Store::open_in_memory().await.unwrap();
    store_delivery(&store, fixture.delivery.clone(), crate::fixture::files())
        .await
        .unwrap();
    let app = app_over(store);
    let uris = every_uri(&fixture);
    assert!(uris.len() >= 14);
    for uri in uris {
        let answer = get(&app, &uri).await;
        assert_clean(&uri, &answer.body, &fixture);
    }
}

#[tokio::test]
async fn the_database_file_holds_no_personal_data() {
    let fixture = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite");
    {
        let store = Store::open(&path).await.unwrap();
        store_delivery(&store, fixture.delivery.clone(), crate::fixture::files())
            .await
            .unwrap();
    }
    // The database and its write-ahead log, byte for byte.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_clean(&entry.file_name().to_string_lossy(), &text, &fixture);
    }
}

/// A log sink shared with the subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs, once for the test binary, a subscriber that keeps every event
/// of every level. It is global rather than scoped to one test because
/// tests run on several threads, and a callsite first met on a thread
/// without a subscriber would stay silent for a scoped one.
fn captured_log() -> &'static Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || sink.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other test sets one");
        captured
    })
}

#[tokio::test]
async fn the_log_holds_no_personal_data() {
    let captured = captured_log();
    let fixture = fixture();
    let store = Store::open_in_memory().await.unwrap();
    store_delivery(&store, fixture.delivery.clone(), crate::fixture::files())
        .await
        .unwrap();
    let app = app_over(store);
    for uri in every_uri(&fixture) {
        get(&app, &uri).await;
    }
    // What a visitor types may name a person: it must not reach the log
    // (the page itself may show it back to them).
    for person in &fixture.people {
        let typed = cocina_rendering::routes::encode_component(&person.name);
        get(&app, &format!("/cocinas?q={typed}")).await;
        get(&app, &format!("/api/v1/kitchens?q={typed}")).await;
    }

    let log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(log.contains("delivery stored"), "the log was captured");
    // One line per request at info, naming the route's template, not the
    // path or its query.
    assert!(
        log.contains("INFO request{method=GET route=/cocinas/{key}}"),
        "requests are logged with their route: {log}"
    );
    assert!(log.contains("status=200") && log.contains("latency_us="));
    assert!(log.contains("route=/api/v1/kitchens}") && !log.contains("q="));
    assert_clean("the log", &log, &fixture);
}
