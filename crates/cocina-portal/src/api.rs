//! The JSON API: kitchens as a GeoJSON FeatureCollection (RFC 7946).

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use cocina_model::Lang;
use cocina_rendering::Page;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, feature::Id};
use serde_json::Value;

use crate::app::AppState;
use crate::error::AppError;
use crate::public::PublicKitchen;

/// The media type of GeoJSON (RFC 7946, section 12).
pub const GEOJSON_MEDIA_TYPE: &str = "application/geo+json";

/// Answers `GET /api/v1/kitchens`: every kitchen of the delivery shown.
pub(crate) async fn kitchens(State(state): State<AppState>) -> Result<Response, AppError> {
    let kitchens = state.store.kitchens().await?;
    let body = feature_collection(&kitchens).to_string();
    Ok(([(CONTENT_TYPE, GEOJSON_MEDIA_TYPE)], body).into_response())
}

/// Builds the collection: one feature per kitchen, with its validated
/// point as `[longitude, latitude]`, or a null geometry when it has none.
#[must_use]
pub fn feature_collection(kitchens: &[PublicKitchen]) -> FeatureCollection {
    FeatureCollection::new(kitchens.iter().map(feature))
}

fn feature(kitchen: &PublicKitchen) -> Feature {
    let mut properties = JsonObject::new();
    let text = |s: Option<String>| s.map_or(Value::Null, Value::String);
    properties.insert("key".into(), kitchen.key.to_string().into());
    properties.insert("name".into(), kitchen.name.clone().into());
    properties.insert(
        "municipality_key".into(),
        text(kitchen.municipality.map(|m| m.to_string())),
    );
    properties.insert(
        "municipality_name".into(),
        text(kitchen.municipality_name.clone()),
    );
    properties.insert("status".into(), kitchen.status.to_string().into());
    let url = Page::Kitchen(kitchen.key.clone()).url(Lang::Es);
    properties.insert("url".into(), url.into());
    Feature {
        id: Some(Id::String(kitchen.key.to_string())),
        geometry: kitchen
            .location
            .map(|p| Geometry::new_point([p.x(), p.y()])),
        properties: Some(properties),
        ..Feature::default()
    }
}
