//! The GeoJSON API.

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use geojson::{FeatureCollection, GeometryValue};

use crate::fixture::{ELSEWHERE, Engine, HOSTILE_NAME, LOCATED, app, get, on_both_engines};

async fn collection(engine: &Engine) -> FeatureCollection {
    let app = app(engine).await;
    let answer = get(&app, "/api/v1/kitchens").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[CONTENT_TYPE], "application/geo+json");
    answer
        .body
        .parse()
        .expect("the body is a FeatureCollection")
}

async fn kitchens_are_features_with_longitude_first(engine: Engine) {
    let collection = collection(&engine).await;
    assert_eq!(collection.features.len(), 3);
    let located = collection
        .features
        .iter()
        .find(|f| f.property("key").and_then(|v| v.as_str()) == Some(LOCATED))
        .unwrap();
    let geometry = located.geometry.as_ref().expect("a validated point");
    let GeometryValue::Point { coordinates } = &geometry.value else {
        panic!("kitchens are points");
    };
    let (lon, lat) = (coordinates[0], coordinates[1]);
    assert!((lon - -96.7253).abs() < 1e-9 && (lat - 17.0606).abs() < 1e-9);
    assert_eq!(located.property("municipality_key").unwrap(), "067");
    assert_eq!(
        located.property("municipality_name").unwrap(),
        "Oaxaca de Juárez"
    );
    assert_eq!(located.property("status").unwrap(), "operating");
    assert_eq!(located.property("url").unwrap(), "/cocinas/OAX-VC-001");
}

async fn kitchens_without_a_validated_point_have_null_geometry(engine: Engine) {
    let collection = collection(&engine).await;
    let elsewhere = collection
        .features
        .iter()
        .find(|f| f.property("key").and_then(|v| v.as_str()) == Some(ELSEWHERE))
        .unwrap();
    assert!(elsewhere.geometry.is_none());
    assert_eq!(elsewhere.property("name").unwrap(), HOSTILE_NAME);
    assert_eq!(elsewhere.property("status").unwrap(), "suspended");
}

async fn the_raw_body_keeps_null_geometries_and_properties(engine: Engine) {
    let app = app(&engine).await;
    let answer = get(&app, "/api/v1/kitchens").await;
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    assert!(features.iter().any(|f| f["geometry"].is_null()));
    assert!(features.iter().all(|f| f["properties"]["key"].is_string()));
}

on_both_engines!(
    kitchens_are_features_with_longitude_first,
    kitchens_without_a_validated_point_have_null_geometry,
    the_raw_body_keeps_null_geometries_and_properties,
);
