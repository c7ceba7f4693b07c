//! The JSON API under `/api/v1/`: kitchens as a GeoJSON FeatureCollection
//! (RFC 7946) with filters, one kitchen and its history across deliveries,
//! published beneficiary counts, deliveries, and the OpenAPI document that
//! describes them ([`openapi`]).

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use cocina_aggregation::GeoLevel as Level;
use cocina_geography::Catalog;
use cocina_model::{KitchenKey, KitchenStatus, Lang, MunicipalityKey};
use cocina_publication::package::DESCRIPTOR;
use cocina_publication::public::{kitchen_collection, kitchen_feature};
use cocina_rendering::Page;
use cocina_rendering::routes::municipality_number;
use geojson::FeatureCollection;
use serde_json::{Value, json};

use crate::aggregates;
use crate::app::AppState;
use crate::openapi::openapi;
use crate::params::{ApiError, Message, Params, RawParams, error_body};
use crate::public::PublicKitchen;
use crate::store::{KitchenFilter, package_url};

/// The media type of GeoJSON (RFC 7946, section 12).
pub const GEOJSON_MEDIA_TYPE: &str = "application/geo+json";

/// The longest text filter accepted, in characters; longer text is cut.
const MAX_TEXT_FILTER: usize = 100;

/// The parameters of `GET /api/v1/kitchens`.
const KITCHENS_PARAMS: &[&str] = &["delivery", "municipality", "status", "q"];

/// The parameter of the endpoints that read one delivery.
const DELIVERY_PARAM: &[&str] = &["delivery"];

/// The parameters of `GET /api/v1/aggregates`.
const AGGREGATES_PARAMS: &[&str] = &["delivery", "level", "area"];

/// Answers `GET /api/v1/kitchens`: the kitchens of a delivery (the one
/// loaded last unless `delivery` is given) that pass the filters.
pub(crate) async fn kitchens(
    State(state): State<AppState>,
    raw: Result<RawParams, ApiError>,
) -> Result<Response, ApiError> {
    let params = Params::read(raw?, KITCHENS_PARAMS)?;
    let filter = kitchen_filter(&params)?;
    let Some(kitchens) = state.store.find_kitchens(&filter).await? else {
        return Err(no_such_delivery());
    };
    let body = feature_collection(&kitchens).to_string();
    Ok(([(CONTENT_TYPE, GEOJSON_MEDIA_TYPE)], body).into_response())
}

/// Reads the filters; a value that cannot match anything is refused, so a
/// typo does not look like an empty result.
fn kitchen_filter(params: &Params) -> Result<KitchenFilter, ApiError> {
    let municipality = params
        .get("municipality")
        .map(|v| municipality_param("municipality", v))
        .transpose()?;
    let status = params
        .get("status")
        .map(|v| {
            KitchenStatus::ALL
                .into_iter()
                .find(|s| s.to_string() == v)
                .ok_or_else(|| {
                    ApiError::bad(
                        "status",
                        "status must be operating, suspended or closed".into(),
                        "status debe ser operating, suspended o closed".into(),
                    )
                })
        })
        .transpose()?;
    Ok(KitchenFilter {
        delivery: params.get("delivery").map(str::to_owned),
        municipality,
        status,
        text: params
            .get("q")
            .map(|v| v.chars().take(MAX_TEXT_FILTER).collect()),
    })
}

/// Returns the key of a municipality of Oaxaca numbered `number`.
fn oaxaca_municipality(number: u32) -> Option<MunicipalityKey> {
    MunicipalityKey::from_number(number)
        .ok()
        .filter(|key| Catalog::bundled().get(*key).is_some())
}

fn bad_municipality(name: &'static str) -> ApiError {
    ApiError::bad(
        name,
        format!("{name} must be an INEGI municipality key of Oaxaca: 067 or 20067"),
        format!("{name} debe ser una clave INEGI de municipio de Oaxaca: 067 o 20067"),
    )
}

/// Reads a municipality key given to filter by in parameter `name`; one
/// that is not written as a key, or names no municipality of Oaxaca, is
/// refused naming the parameter.
fn municipality_param(name: &'static str, value: &str) -> Result<MunicipalityKey, ApiError> {
    municipality_number(value)
        .and_then(oaxaca_municipality)
        .ok_or_else(|| bad_municipality(name))
}

fn no_such_delivery() -> ApiError {
    ApiError::missing(
        "delivery",
        "delivery names no delivery held here; see /api/v1/deliveries".into(),
        "delivery no nombra ninguna entrega de este portal; vea /api/v1/deliveries".into(),
    )
}

fn no_such_kitchen() -> ApiError {
    ApiError::missing(
        "key",
        "key names no kitchen of the delivery".into(),
        "key no nombra ninguna cocina de la entrega".into(),
    )
}

/// Reads a kitchen key from the path; one that is not UTF-8 once
/// percent-decoded is refused, as axum would, but in JSON.
fn path_key(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(key)| key).map_err(|_| {
        ApiError::bad(
            "key",
            "key must be a kitchen key, percent-encoded UTF-8".into(),
            "key debe ser una clave de cocina, en UTF-8 codificado con %".into(),
        )
    })
}

/// Returns the id of the delivery named by `delivery`, or of the one
/// loaded last.
async fn delivery_of(state: &AppState, params: &Params) -> Result<String, ApiError> {
    let given = params.get("delivery");
    match state.store.delivery_id(given).await? {
        Some(id) => Ok(id),
        None if given.is_some() => Err(no_such_delivery()),
        None => Err(ApiError::NotFound(Message::general(
            "no delivery has been loaded yet",
            "todavía no se ha cargado ninguna entrega",
        ))),
    }
}

/// Answers `GET /api/v1/kitchens/{key}`: one kitchen as a GeoJSON
/// Feature.
pub(crate) async fn kitchen(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    raw: Result<RawParams, ApiError>,
) -> Result<Response, ApiError> {
    let key = path_key(path)?;
    let params = Params::read(raw?, DELIVERY_PARAM)?;
    let key = KitchenKey::new(&key).map_err(|_| no_such_kitchen())?;
    let filter = KitchenFilter {
        delivery: params.get("delivery").map(str::to_owned),
        ..KitchenFilter::default()
    };
    let Some(found) = state.store.find_kitchens(&filter).await? else {
        return Err(no_such_delivery());
    };
    let kitchen = found.into_iter().find(|k| k.key == key);
    let kitchen = kitchen.ok_or_else(no_such_kitchen)?;
    let body = kitchen_feature(&kitchen).to_string();
    Ok(([(CONTENT_TYPE, GEOJSON_MEDIA_TYPE)], body).into_response())
}

/// Answers `GET /api/v1/kitchens/{key}/history`: how each delivery listed
/// the kitchen, oldest first.
pub(crate) async fn history(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    raw: Result<RawParams, ApiError>,
) -> Result<Response, ApiError> {
    let key = path_key(path)?;
    Params::read(raw?, &[])?;
    let key = KitchenKey::new(&key).map_err(|_| no_such_kitchen())?;
    let entries = state.store.kitchen_history(&key).await?;
    if entries.is_empty() {
        return Err(no_such_kitchen());
    }
    Ok(Json(json!({ "key": key.as_str(), "deliveries": entries })).into_response())
}

/// Answers `GET /api/v1/deliveries`: every delivery held, the one shown by
/// default first, each with the addresses of its package and its pages.
pub(crate) async fn deliveries(
    State(state): State<AppState>,
    raw: Result<RawParams, ApiError>,
) -> Result<Response, ApiError> {
    Params::read(raw?, &[])?;
    let deliveries: Vec<Value> = state
        .store
        .deliveries()
        .await?
        .into_iter()
        .map(|d| {
            let links = delivery_links(&d.id);
            let mut value = json!(d);
            value["links"] = links;
            value
        })
        .collect();
    Ok(Json(json!({ "deliveries": deliveries })).into_response())
}

/// The stable addresses of delivery `id`'s package descriptor and of its
/// downloads and quality pages in both languages.
fn delivery_links(id: &str) -> Value {
    let page = |page: Page| json!({ "es": page.url(Lang::Es), "en": page.url(Lang::En) });
    json!({
        "package": package_url(Some(id), DESCRIPTOR),
        "downloads": page(Page::DeliveryDownloads(id.to_owned())),
        "quality": page(Page::DeliveryQuality(id.to_owned())),
    })
}

/// Answers `GET /api/v1/aggregates`: beneficiaries of one area by sex and
/// age group as published, suppressed cells with `value: null` and the
/// reason. An area the delivery has no figures for is a 404, not a total
/// of zero.
pub(crate) async fn aggregates(
    State(state): State<AppState>,
    raw: Result<RawParams, ApiError>,
) -> Result<Response, ApiError> {
    let params = Params::read(raw?, AGGREGATES_PARAMS)?;
    let level = params.get("level").unwrap_or("state");
    let level = aggregates::level(level).ok_or_else(|| {
        ApiError::bad(
            "level",
            format!("level must be {}", aggregates::LEVELS),
            format!("level debe ser {}", aggregates::LEVELS_ES),
        )
    })?;
    let area = area_param(level, params.get("area"))?;
    let delivery = delivery_of(&state, &params).await?;
    let (cells, total) = state.store.cells(&delivery, level, area.as_deref()).await?;
    let listed = || state.store.lists_area(&delivery, level, area.as_deref());
    if cells.is_empty() && !listed().await? {
        return Err(aggregates::no_such_area(level));
    }
    let cells: Vec<Value> = cells.iter().map(aggregates::cell_json).collect();
    let (total, total_suppressed) = aggregates::total_json(total);
    Ok(Json(json!({
        "delivery": delivery,
        "level": level.name(),
        "area": area,
        "total": total,
        "total_suppressed": total_suppressed,
        "cells": cells,
    }))
    .into_response())
}

/// Reads `area` at `level`: absent for the state and required below it; a
/// municipality's key normalised to three digits, a kitchen's key
/// normalised. A text that is no key at all is a 400; a well-formed key
/// naming no municipality of Oaxaca is a 404, as is any region or
/// district, which the portal holds no figures for.
fn area_param(level: Level, area: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(text) = area else {
        if level == Level::State {
            return Ok(None);
        }
        return Err(ApiError::bad(
            "area",
            "area is required below the state: a municipality or kitchen key".into(),
            "area se pide debajo del estado: una clave de municipio o de cocina".into(),
        ));
    };
    match level {
        Level::State => Err(ApiError::bad(
            "area",
            "area is not allowed for the state; give level too".into(),
            "area no se admite para el estado; indique también level".into(),
        )),
        Level::Municipality => {
            let number = municipality_number(text).ok_or_else(|| bad_municipality("area"))?;
            let key = oaxaca_municipality(number).ok_or_else(|| aggregates::no_such_area(level))?;
            Ok(Some(key.to_string()))
        }
        Level::Kitchen => KitchenKey::new(text)
            .map(|key| Some(key.as_str().to_owned()))
            .map_err(|_| {
                ApiError::bad(
                    "area",
                    "area must be a kitchen key: printable text of up to 64 characters".into(),
                    "area debe ser una clave de cocina: texto imprimible de hasta 64 caracteres"
                        .into(),
                )
            }),
        Level::Region | Level::District | Level::Locality => Err(aggregates::no_such_area(level)),
    }
}

/// Answers `GET /api/v1/documents`: the files of a delivery.
pub(crate) async fn documents(
    State(state): State<AppState>,
    raw: Result<RawParams, ApiError>,
) -> Result<Response, ApiError> {
    let params = Params::read(raw?, DELIVERY_PARAM)?;
    let delivery = delivery_of(&state, &params).await?;
    let documents = state.store.documents(&delivery).await?;
    Ok(Json(json!({ "delivery": delivery, "documents": documents })).into_response())
}

/// Answers `GET /api/v1/openapi.json`.
pub(crate) async fn openapi_document(
    raw: Result<RawParams, ApiError>,
) -> Result<Json<Value>, ApiError> {
    Params::read(raw?, &[])?;
    Ok(Json(openapi()))
}

/// Builds the collection: one feature per kitchen, with its validated
/// point as `[longitude, latitude]`, or a null geometry when it has none;
/// the static site writes the same (see
/// [`cocina_publication::public::kitchen_collection`]).
#[must_use]
pub fn feature_collection(kitchens: &[PublicKitchen]) -> FeatureCollection {
    kitchen_collection(kitchens)
}

/// Answers any path under `/api/` that is not in
/// [`API_PATHS`](crate::openapi::API_PATHS): a JSON
/// error in both languages, not the HTML page a browser would get.
pub(crate) fn unknown_path() -> Response {
    let message = Message::general(
        "no such API path; see /api/v1/openapi.json",
        "no existe esa ruta de la API; vea /api/v1/openapi.json",
    );
    error_body(StatusCode::NOT_FOUND, &message)
}
