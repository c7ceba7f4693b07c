//! The main job's last step on the example delivery: stored in SQLite and
//! served by the portal's router, driven in-process.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use cocina_generator::{Example, ExampleConfig};
use cocina_importers::ImportOptions;
use cocina_portal::{AppState, Store, ingest, router};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

use crate::support::{Secrets, example_dir};

async fn portal() -> Router {
    let store = Store::open_in_memory().await.expect("in-memory database");
    let summary = ingest(&store, &example_dir(), &ImportOptions::default())
        .await
        .expect("the example delivery loads");
    assert_eq!(summary.kitchens, 2_300, "duplicate keys are stored once");
    router(AppState::new(store))
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn overview_shows_the_map_and_the_figures_in_both_languages() {
    let app = portal().await;
    let (status, _, page) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<svg") && (page.contains("130,704") || page.contains("130704")),
        "figures"
    );
    assert!(page.contains("lang=\"es\""));
    let (status, _, page) = get(&app, "/en/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg") && page.contains("lang=\"en\""));
}

#[tokio::test]
async fn kitchen_pages_and_geojson_answer_for_the_example() {
    let app = portal().await;
    let (status, _, page) = get(&app, "/cocinas/OAX-0001").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("OAX-0001"));
    let (status, _, _) = get(&app, "/en/kitchens/OAX-0001").await;
    assert_eq!(status, StatusCode::OK);

    let (status, kind, body) = get(&app, "/api/v1/kitchens").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/geo+json"), "{kind}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 2_300);
    // Points are [lon, lat] inside Oaxaca; the kitchens with planted
    // coordinate faults (3 outside their municipality, 3 without the minus
    // sign, 3 swapped) and unresolved municipalities (2) have none.
    let located: Vec<_> = features
        .iter()
        .filter(|f| !f["geometry"].is_null())
        .collect();
    assert_eq!(located.len(), 2_300 - 11);
    for feature in located {
        let lon = feature["geometry"]["coordinates"][0].as_f64().unwrap();
        let lat = feature["geometry"]["coordinates"][1].as_f64().unwrap();
        assert!(
            (-98.6..-93.8).contains(&lon) && (15.6..18.7).contains(&lat),
            "{feature}"
        );
    }
}

#[tokio::test]
async fn no_page_or_answer_holds_a_personal_value_of_the_example() {
    let app = portal().await;
    let example = Example::build(&ExampleConfig::default());
    let mut uris = vec!["/".to_owned(), "/en/".to_owned(), "/cocinas".to_owned()];
    uris.push("/en/kitchens".to_owned());
    uris.push("/api/v1/kitchens".to_owned());
    // Every list, and the pages of one kitchen in fifty: all kitchen pages
    // come from one template.
    for kitchen in example.kitchens.iter().step_by(50) {
        uris.push(format!("/cocinas/{}", kitchen.key));
        uris.push(format!("/en/kitchens/{}", kitchen.key));
    }
    let mut secrets: Vec<String> = Vec::new();
    for person in &example.people {
        secrets.push(person.name.clone());
        secrets.push(person.curp[..16].to_owned());
    }
    for kitchen in &example.kitchens {
        secrets.push(kitchen.president.clone());
        secrets.push(kitchen.phone.clone());
    }
    let secrets = Secrets::new(secrets);
    for uri in &uris {
        let (_, _, body) = get(&app, uri).await;
        assert!(!secrets.found_in(&body), "{uri} shows a personal value");
    }
}
