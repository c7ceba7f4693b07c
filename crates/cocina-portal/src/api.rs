//! The JSON API under `/api/v1/`: kitchens as a GeoJSON FeatureCollection
//! (RFC 7946) with filters, one kitchen and its history across deliveries,
//! published beneficiary counts, deliveries, and the OpenAPI document that
//! describes them ([`openapi`]).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use cocina_aggregation::GeoLevel as Level;
use cocina_geography::Catalog;
use cocina_model::{KitchenKey, KitchenStatus, MunicipalityKey};
use cocina_publication::public::{kitchen_collection, kitchen_feature};
use geojson::FeatureCollection;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::aggregates;
use crate::app::AppState;
use crate::error::AppError;
use crate::public::PublicKitchen;
use crate::store::KitchenFilter;

/// The media type of GeoJSON (RFC 7946, section 12).
pub const GEOJSON_MEDIA_TYPE: &str = "application/geo+json";

/// The longest text filter accepted, in characters; longer text is cut.
const MAX_TEXT_FILTER: usize = 100;

/// The query of `GET /api/v1/kitchens`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct KitchensQuery {
    delivery: Option<String>,
    municipality: Option<String>,
    status: Option<String>,
    q: Option<String>,
}

/// Answers `GET /api/v1/kitchens`: the kitchens of a delivery (the one
/// loaded last unless `delivery` is given) that pass the filters.
pub(crate) async fn kitchens(
    State(state): State<AppState>,
    Query(query): Query<KitchensQuery>,
) -> Result<Response, AppError> {
    let filter = match kitchen_filter(query) {
        Ok(filter) => filter,
        Err(message) => return Ok(bad_request(&message)),
    };
    let Some(kitchens) = state.store.find_kitchens(&filter).await? else {
        return Ok(not_found("no such delivery / no existe esa entrega"));
    };
    let body = feature_collection(&kitchens).to_string();
    Ok(([(CONTENT_TYPE, GEOJSON_MEDIA_TYPE)], body).into_response())
}

/// Reads the filters; a value that cannot match anything is refused, so a
/// typo does not look like an empty result.
fn kitchen_filter(query: KitchensQuery) -> Result<KitchenFilter, String> {
    let given = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let municipality = given(query.municipality)
        .map(|v| municipality_param("municipality", &v))
        .transpose()?;
    let status = given(query.status)
        .map(|v| {
            KitchenStatus::ALL
                .into_iter()
                .find(|s| s.to_string() == v)
                .ok_or_else(|| {
                    "status must be operating, suspended or closed / status debe ser operating, \
                     suspended o closed"
                        .to_owned()
                })
        })
        .transpose()?;
    Ok(KitchenFilter {
        delivery: given(query.delivery),
        municipality,
        status,
        text: given(query.q).map(|v| v.chars().take(MAX_TEXT_FILTER).collect()),
    })
}

/// Reads a municipality key given in parameter `name`: the three-digit
/// INEGI key (`067`, or `67`) or the five-digit key with the state's
/// (`20067`). Anything else is refused naming the parameter.
fn municipality_param(name: &str, value: &str) -> Result<MunicipalityKey, String> {
    let digits = value.trim();
    let local = match digits.len() {
        5 => digits.strip_prefix("20"),
        1..=3 => Some(digits),
        _ => None,
    };
    local
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<u32>().ok())
        .and_then(|n| MunicipalityKey::from_number(n).ok())
        .filter(|key| Catalog::bundled().get(*key).is_some())
        .ok_or_else(|| {
            format!(
                "{name} must be an INEGI municipality key of Oaxaca: 067 or 20067 / {name} debe \
                 ser una clave INEGI de municipio de Oaxaca: 067 o 20067"
            )
        })
}

/// The query of the endpoints that read one delivery.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DeliveryQuery {
    delivery: Option<String>,
}

/// Answers `GET /api/v1/kitchens/{key}`: one kitchen as a GeoJSON
/// Feature.
pub(crate) async fn kitchen(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(query): Query<DeliveryQuery>,
) -> Result<Response, AppError> {
    let Ok(key) = KitchenKey::new(&key) else {
        return Ok(not_found("no such kitchen / no existe esa cocina"));
    };
    let filter = KitchenFilter {
        delivery: query.delivery,
        ..KitchenFilter::default()
    };
    let found = state.store.find_kitchens(&filter).await?;
    let kitchen = found.and_then(|all| all.into_iter().find(|k| k.key == key));
    let Some(kitchen) = kitchen else {
        return Ok(not_found("no such kitchen / no existe esa cocina"));
    };
    let body = kitchen_feature(&kitchen).to_string();
    Ok(([(CONTENT_TYPE, GEOJSON_MEDIA_TYPE)], body).into_response())
}

/// Answers `GET /api/v1/kitchens/{key}/history`: how each delivery listed
/// the kitchen, oldest first.
pub(crate) async fn history(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let Ok(key) = KitchenKey::new(&key) else {
        return Ok(not_found("no such kitchen / no existe esa cocina"));
    };
    let entries = state.store.kitchen_history(&key).await?;
    if entries.is_empty() {
        return Ok(not_found("no such kitchen / no existe esa cocina"));
    }
    Ok(Json(json!({ "key": key.as_str(), "deliveries": entries })).into_response())
}

/// Answers `GET /api/v1/deliveries`: every delivery held, the one shown by
/// default first.
pub(crate) async fn deliveries(State(state): State<AppState>) -> Result<Response, AppError> {
    let deliveries = state.store.deliveries().await?;
    Ok(Json(json!({ "deliveries": deliveries })).into_response())
}

/// The query of `GET /api/v1/aggregates`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AggregatesQuery {
    delivery: Option<String>,
    level: Option<String>,
    area: Option<String>,
}

/// Answers `GET /api/v1/aggregates`: beneficiaries of one area by sex and
/// age group as published, suppressed cells with `value: null` and the
/// reason.
pub(crate) async fn aggregates(
    State(state): State<AppState>,
    Query(query): Query<AggregatesQuery>,
) -> Result<Response, AppError> {
    let Some(level) = aggregates::level(query.level.as_deref().unwrap_or("state")) else {
        return Ok(bad_request(
            "level must be state, municipality or kitchen / level debe ser state, \
             municipality o kitchen",
        ));
    };
    let area = query.area.filter(|a| !a.trim().is_empty());
    if (query.level.as_deref().unwrap_or("state") == "state") != area.is_none() {
        return Ok(bad_request(
            "area is required below the state and not allowed for it / area se pide debajo \
             del estado y no para el estado",
        ));
    }
    let area = match (level, area) {
        (Level::Municipality, Some(text)) => match municipality_param("area", &text) {
            Ok(key) => Some(key.to_string()),
            Err(message) => return Ok(bad_request(&message)),
        },
        (_, area) => area,
    };
    let Some(delivery) = state.store.delivery_id(query.delivery.as_deref()).await? else {
        return Ok(not_found("no such delivery / no existe esa entrega"));
    };
    let (cells, total) = state.store.cells(&delivery, level, area.as_deref()).await?;
    let cells: Vec<Value> = cells.iter().map(aggregates::cell_json).collect();
    let (total, total_suppressed) = aggregates::total_json(total);
    Ok(Json(json!({
        "delivery": delivery,
        "level": query.level.as_deref().unwrap_or("state"),
        "area": area,
        "total": total,
        "total_suppressed": total_suppressed,
        "cells": cells,
    }))
    .into_response())
}

/// Answers `GET /api/v1/documents`: the files of a delivery.
pub(crate) async fn documents(
    State(state): State<AppState>,
    Query(query): Query<DeliveryQuery>,
) -> Result<Response, AppError> {
    let Some(delivery) = state.store.delivery_id(query.delivery.as_deref()).await? else {
        return Ok(not_found("no such delivery / no existe esa entrega"));
    };
    let documents = state.store.documents(&delivery).await?;
    Ok(Json(json!({ "delivery": delivery, "documents": documents })).into_response())
}

/// Answers `GET /api/v1/openapi.json`.
pub(crate) async fn openapi_document() -> Json<Value> {
    Json(openapi())
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

fn not_found(message: &str) -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": message }))).into_response()
}

/// Builds the collection: one feature per kitchen, with its validated
/// point as `[longitude, latitude]`, or a null geometry when it has none;
/// the static site writes the same (see
/// [`cocina_publication::public::kitchen_collection`]).
#[must_use]
pub fn feature_collection(kitchens: &[PublicKitchen]) -> FeatureCollection {
    kitchen_collection(kitchens)
}

/// Answers any path under `/api/` that is not in [`API_PATHS`]: a JSON
/// error in both languages, not the HTML page a browser would get.
pub(crate) fn unknown_path() -> Response {
    not_found(
        "no such API path; see /api/v1/openapi.json / no existe esa ruta de la API; vea \
         /api/v1/openapi.json",
    )
}

/// The API routes, as OpenAPI paths; the router registers exactly these
/// (a test checks it).
pub const API_PATHS: [&str; 7] = [
    "/api/v1/kitchens",
    "/api/v1/kitchens/{key}",
    "/api/v1/kitchens/{key}/history",
    "/api/v1/aggregates",
    "/api/v1/deliveries",
    "/api/v1/openapi.json",
    "/api/v1/documents",
];

/// The OpenAPI 3.1 document of the API.
#[must_use]
pub fn openapi() -> Value {
    let text = |name: &str, description: &str| {
        json!({ "name": name, "in": "query", "required": false,
                "description": description, "schema": { "type": "string" } })
    };
    let key = json!({ "name": "key", "in": "path", "required": true,
        "description": "Kitchen key, percent-encoded", "schema": { "type": "string" } });
    let delivery = text("delivery", "Delivery id; the one loaded last when absent");
    let ok = |description: &str, media: &str| {
        json!({ "200": { "description": description, "content": { media: {} } },
                "304": { "description": "Not modified (If-None-Match)" } })
    };
    let mut not_found = ok("", "application/json");
    not_found["404"] = json!({ "description": "No such kitchen or delivery" });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Cocina Abierta",
            "version": "1",
            "description": "Public data of Oaxaca's community kitchens. No personal data.",
        },
        "paths": {
            API_PATHS[0]: { "get": {
                "summary": "Kitchens as a GeoJSON FeatureCollection",
                "parameters": [delivery,
                    text("municipality", "INEGI municipality key: 067, or 20067 with the state's"),
                    text("status", "operating, suspended or closed"),
                    text("q", "Text in the name, municipality or locality")],
                "responses": ok("FeatureCollection", GEOJSON_MEDIA_TYPE) } },
            API_PATHS[1]: { "get": {
                "summary": "One kitchen as a GeoJSON Feature",
                "parameters": [key, delivery],
                "responses": merge(ok("Feature", GEOJSON_MEDIA_TYPE), &not_found) } },
            API_PATHS[2]: { "get": {
                "summary": "The kitchen in each delivery, oldest first",
                "parameters": [key],
                "responses": not_found } },
            API_PATHS[3]: { "get": {
                "summary": "Beneficiaries by sex and age group, small counts suppressed",
                "parameters": [delivery,
                    text("level", "state (default), municipality or kitchen"),
                    text("area", "Municipality key (067 or 20067) or kitchen key; absent for \
                        the state")],
                "responses": ok("Published cells and the area's total", "application/json") } },
            API_PATHS[4]: { "get": {
                "summary": "Deliveries held, the one shown by default first",
                "responses": ok("Deliveries", "application/json") } },
            API_PATHS[5]: { "get": {
                "summary": "This document",
                "responses": ok("OpenAPI document", "application/json") } },
            API_PATHS[6]: { "get": {
                "summary": "Files of a delivery, with their SHA-256",
                "parameters": [text("delivery", "Delivery id; the one loaded last when absent")],
                "responses": ok("Documents", "application/json") } },
        },
    })
}

fn merge(mut a: Value, b: &Value) -> Value {
    if let (Some(a), Some(b)) = (a.as_object_mut(), b.as_object()) {
        for (k, v) in b {
            a.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    a
}
