//! Two deliveries in one database: each one's downloads, package files and
//! scorecard at addresses that stay, the list of deliveries, the links
//! from the pages of the latest and from a kitchen's history, and a crawl
//! from them that finds no broken link.

use std::collections::BTreeSet;

use axum::Router;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use cocina_portal::{AppState, Store, router, store_delivery};
use cocina_publication::package::{DESCRIPTOR, GEOJSON, REPORT};
use cocina_rendering::Page;
use cocina_rendering::routes::encode_segment;
use serde_json::Value;

use crate::fixture::{
    ELSEWHERE, Engine, LOCATED, crawl, files, fixture, get, on_both_engines, own_links,
};

/// The older delivery: its id needs encoding in a path, and it lacks the
/// kitchen [`ELSEWHERE`], so its files differ from the latest's.
const OLDER: &str = "entrega 2015/b";

/// The delivery loaded last, the fixture's.
const LATEST: &str = "entrega-prueba";

/// A store holding [`OLDER`] then [`LATEST`].
async fn two_deliveries(engine: &Engine) -> Store {
    let store = engine.store().await;
    let mut older = fixture().delivery;
    older.delivery.id = OLDER.into();
    older.delivery.received = chrono::NaiveDate::from_ymd_opt(2015, 8, 1);
    older.kitchens.retain(|k| k.key.as_str() != ELSEWHERE);
    store_delivery(&store, older, files()).await.unwrap();
    store_delivery(&store, fixture().delivery, files())
        .await
        .unwrap();
    store
}

async fn two_delivery_app(engine: &Engine) -> Router {
    router(AppState::new(two_deliveries(engine).await))
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).expect("the body is JSON")
}

/// The address of `file` of delivery `id`'s package.
fn data(id: &str, file: &str) -> String {
    format!("/datos/{}/{file}", encode_segment(id))
}

async fn every_delivery_has_its_own_downloads(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    for (id, has_elsewhere) in [(OLDER, false), (LATEST, true)] {
        for lang in cocina_model::Lang::ALL {
            let url = Page::DeliveryDownloads(id.into()).url(lang);
            let page = get(&app, &url).await;
            assert_eq!(page.status, StatusCode::OK, "{url}");
            assert!(
                page.body
                    .contains(&format!("<html lang=\"{}\">", lang.tag()))
            );
            // The page's own files; the menu links the latest's GeoJSON,
            // the footer its package's description.
            let body = &page.body;
            let main = &body[body.find("<main").unwrap()..body.find("</main>").unwrap()];
            let files: Vec<String> = own_links(main)
                .into_iter()
                .filter(|l| l.starts_with("/datos/"))
                .collect();
            assert!(files.len() >= 4, "{url}: {files:?}");
            let prefix = data(id, "");
            assert!(files.iter().all(|f| f.starts_with(&prefix)), "{files:?}");
            for file in &files {
                assert_eq!(get(&app, file).await.status, StatusCode::OK, "{file}");
            }
        }
        let kitchens = get(&app, &data(id, GEOJSON)).await;
        assert_eq!(kitchens.status, StatusCode::OK);
        assert_eq!(kitchens.body.contains(ELSEWHERE), has_elsewhere, "{id}");
        assert!(kitchens.body.contains(LOCATED));
    }
    // The address without a delivery serves the latest's bytes.
    let latest = get(&app, &data(LATEST, GEOJSON)).await;
    let shown = get(&app, &format!("/datos/{GEOJSON}")).await;
    assert_eq!(shown.body, latest.body);
    assert_eq!(shown.headers[CONTENT_TYPE], latest.headers[CONTENT_TYPE]);
}

async fn each_package_descriptor_resolves_in_its_own_directory(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    let descriptor = json(&get(&app, &data(OLDER, DESCRIPTOR)).await.body);
    let resources = descriptor["resources"].as_array().unwrap();
    assert!(resources.len() >= 3);
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        let file = get(&app, &data(OLDER, path)).await;
        assert_eq!(file.status, StatusCode::OK, "{path}");
    }
}

async fn missing_deliveries_and_files_are_404_pages(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    for (url, lang) in [
        ("/entregas/entrega-1999/descargas", "es"),
        ("/entregas/entrega-1999/calidad", "es"),
        ("/en/deliveries/entrega-1999/downloads", "en"),
        ("/en/deliveries/entrega-1999/quality", "en"),
    ] {
        let answer = get(&app, url).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{url}");
        assert!(
            answer.body.contains(&format!("<html lang=\"{lang}\">")),
            "{url}"
        );
    }
    for url in [
        data("entrega-1999", GEOJSON),
        data(OLDER, "nada.csv"),
        data(OLDER, "..%2Fcocina.sqlite"),
        format!("/datos/{}/{GEOJSON}", "entrega%202015"),
    ] {
        assert_eq!(get(&app, &url).await.status, StatusCode::NOT_FOUND, "{url}");
    }
}

/// Returns the findings note of a quality page: "encontró N errores y M
/// advertencias".
fn findings_note(body: &str) -> &str {
    let start = body
        .find("encontró")
        .or_else(|| body.find("found"))
        .unwrap();
    &body[start..start + body[start..].find('.').unwrap()]
}

async fn every_delivery_has_its_own_scorecard(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    let summaries = json(&get(&app, "/api/v1/deliveries").await.body);
    let summaries = summaries["deliveries"].as_array().unwrap().clone();
    let counts = |id: &str| {
        let d = summaries.iter().find(|d| d["id"] == id).unwrap();
        (
            d["errors"].as_u64().unwrap(),
            d["warnings"].as_u64().unwrap(),
        )
    };
    assert_ne!(counts(OLDER), counts(LATEST), "the deliveries differ");
    let mut notes = BTreeSet::new();
    for id in [OLDER, LATEST] {
        let page = get(
            &app,
            &Page::DeliveryQuality(id.into()).url(cocina_model::Lang::Es),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        let (errors, warnings) = counts(id);
        let note = findings_note(&page.body);
        assert!(note.contains(&format!("{errors} error")), "{id}: {note}");
        assert!(
            note.contains(&format!("{warnings} advertencia")),
            "{id}: {note}"
        );
        notes.insert(note.to_owned());
        // The full report and the downloads are the same delivery's.
        let links = own_links(&page.body);
        assert!(links.contains(&data(id, REPORT)), "{links:?}");
        let downloads = Page::DeliveryDownloads(id.into()).url(cocina_model::Lang::Es);
        assert!(links.contains(&downloads), "{links:?}");
        assert!(links.contains("/entregas"));
    }
    assert_eq!(notes.len(), 2);
    let en = get(
        &app,
        &Page::DeliveryQuality(OLDER.into()).url(cocina_model::Lang::En),
    )
    .await;
    assert!(findings_note(&en.body).starts_with("found"));
    assert!(en.body.contains("not checked (needs --reference)"));
    // The page without a delivery is the latest's, and says where it stays.
    let shown = get(&app, "/calidad").await;
    assert_eq!(
        findings_note(&shown.body),
        findings_note(&get(&app, "/entregas/entrega-prueba/calidad").await.body)
    );
    assert!(own_links(&shown.body).contains("/entregas/entrega-prueba/calidad"));
}

async fn the_list_of_deliveries_links_each_ones_pages(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    let es = get(&app, "/entregas").await;
    assert_eq!(es.status, StatusCode::OK);
    let latest = es.body.find(LATEST).unwrap();
    let older = es.body.find("entrega 2015/b").unwrap();
    assert!(latest < older, "the one loaded last first");
    assert!(es.body.contains(&format!("{LATEST} (la que se muestra)")));
    assert!(!es.body.contains("entrega 2015/b (la que se muestra)"));
    let links = own_links(&es.body);
    for id in [OLDER, LATEST] {
        for page in [
            Page::DeliveryDownloads(id.into()),
            Page::DeliveryQuality(id.into()),
        ] {
            assert!(
                links.contains(&page.url(cocina_model::Lang::Es)),
                "{page:?}"
            );
        }
    }
    let en = get(&app, "/en/deliveries").await;
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(own_links(&en.body).contains("/en/deliveries/entrega%202015%2Fb/quality"));
    assert!(en.body.contains("2015-08-01"));
    let empty = router(AppState::new(engine.store().await));
    let page = get(&empty, "/entregas").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<table>"));
}

async fn a_history_links_each_delivery(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    let es = get(&app, &format!("/cocinas/{LOCATED}/historia")).await;
    let links = own_links(&es.body);
    assert!(
        links.contains("/entregas/entrega%202015%2Fb/descargas"),
        "{links:?}"
    );
    assert!(links.contains("/entregas/entrega-prueba/descargas"));
    assert!(links.contains("/entregas"));
    let en = get(&app, &format!("/en/kitchens/{LOCATED}/history")).await;
    assert!(own_links(&en.body).contains("/en/deliveries/entrega-prueba/downloads"));
    // The kitchen only the latest lists has a history of one delivery.
    let one = get(&app, &format!("/cocinas/{ELSEWHERE}/historia")).await;
    assert!(!one.body.contains("entrega 2015/b"));
}

/// How many addresses the crawl may visit: far more than two small
/// deliveries have, so that reaching it means the links run away.
const CRAWL_LIMIT: usize = 600;

async fn every_link_from_the_delivery_pages_leads_somewhere(engine: Engine) {
    let app = two_delivery_app(&engine).await;
    let start = vec![
        "/entregas".into(),
        "/en/deliveries".into(),
        format!("/cocinas/{LOCATED}/historia"),
        format!("/en/kitchens/{LOCATED}/history"),
        "/descargas".into(),
        "/en/quality".into(),
    ];
    let seen = crawl(&app, start, CRAWL_LIMIT).await;
    for id in [OLDER, LATEST] {
        for lang in cocina_model::Lang::ALL {
            for page in [
                Page::DeliveryDownloads(id.into()),
                Page::DeliveryQuality(id.into()),
            ] {
                let url = page.url(lang);
                assert!(seen.contains(&url), "{url} is linked");
            }
        }
        for file in [DESCRIPTOR, GEOJSON, REPORT] {
            let url = data(id, file);
            assert!(seen.contains(&url), "{url} is linked");
        }
    }
}

on_both_engines!(
    every_delivery_has_its_own_downloads,
    each_package_descriptor_resolves_in_its_own_directory,
    missing_deliveries_and_files_are_404_pages,
    every_delivery_has_its_own_scorecard,
    the_list_of_deliveries_links_each_ones_pages,
    a_history_links_each_delivery,
    every_link_from_the_delivery_pages_leads_somewhere,
);
