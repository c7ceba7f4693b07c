//! The OpenAPI 3.1 document of the API, and the addresses it describes
//! beyond the API: the open-data package of each delivery and the pages
//! that list it.

use cocina_model::Lang;
use serde_json::{Value, json};

use crate::api::GEOJSON_MEDIA_TYPE;

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

/// The addresses of the open-data package's files: of the delivery loaded
/// last, and of any delivery, which stays when others are loaded.
pub const DATA_PATHS: [&str; 2] = ["/datos/{file}", "/datos/{delivery}/{file}"];

/// The pages about deliveries, Spanish then English: the list of every
/// delivery, and each one's downloads and quality scorecard.
pub const DELIVERY_PAGE_PATHS: [&str; 6] = [
    "/entregas",
    "/entregas/{delivery}/descargas",
    "/entregas/{delivery}/calidad",
    "/en/deliveries",
    "/en/deliveries/{delivery}/downloads",
    "/en/deliveries/{delivery}/quality",
];

/// Returns every path the document describes: [`API_PATHS`],
/// [`DATA_PATHS`] and [`DELIVERY_PAGE_PATHS`].
#[must_use]
pub fn documented_paths() -> Vec<&'static str> {
    let mut paths = API_PATHS.to_vec();
    paths.extend(DATA_PATHS);
    paths.extend(DELIVERY_PAGE_PATHS);
    paths
}

/// A query parameter, optional, of type string.
fn text(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false,
            "description": description, "schema": { "type": "string" } })
}

/// A path parameter.
fn segment(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true,
            "description": description, "schema": { "type": "string" } })
}

/// A 200 answer of `media` and its 304.
fn ok(description: &str, media: &str) -> Value {
    json!({ "200": { "description": description, "content": { media: {} } },
            "304": { "description": "Not modified (If-None-Match)" } })
}

/// Adds the JSON error answers every API endpoint may give: 400 for a
/// parameter it does not accept, one given twice or a malformed value;
/// with `not_found`, a 404 described so.
fn with_errors(mut responses: Value, not_found: Option<&str>) -> Value {
    responses["400"] = json!({ "$ref": "#/components/responses/BadRequest" });
    if let Some(description) = not_found {
        responses["404"] = json!({ "description": description,
            "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/Error" } } } });
    }
    responses
}

/// The reusable parts: the error body and the 400 answer.
fn components() -> Value {
    json!({
        "schemas": { "Error": {
            "type": "object",
            "description": "An error in Spanish and English. It names the parameter at \
                fault, never the value sent, which could be personal data.",
            "required": ["error", "message_es", "message_en", "parameter", "status"],
            "properties": {
                "error": { "type": "string",
                    "description": "Both messages, English first, joined by ' / '" },
                "message_es": { "type": "string", "description": "The message in Spanish" },
                "message_en": { "type": "string", "description": "The message in English" },
                "parameter": { "type": ["string", "null"],
                    "description": "The parameter at fault; null for an unknown parameter \
                        (its name is not repeated) or a fault of no one parameter" },
                "status": { "type": "integer", "description": "The HTTP status" },
            },
        } },
        "responses": { "BadRequest": {
            "description": "A query parameter the endpoint does not accept, one given more \
                than once, or a value that is not what the parameter expects",
            "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/Error" } } },
        } },
    })
}

/// The API's own paths.
fn api_paths() -> Value {
    let key = segment("key", "Kitchen key, percent-encoded");
    let delivery = text("delivery", "Delivery id; the one loaded last when absent");
    let no_delivery = "No such delivery (parameter delivery), or none loaded";
    let level = json!({ "name": "level", "in": "query", "required": false,
        "description": "The level of the area; the portal holds figures for the state, \
            municipalities and kitchens only, so any region or district is a 404",
        "schema": { "type": "string", "default": "state",
            "enum": ["state", "municipality", "kitchen", "region", "district"] } });
    json!({
        API_PATHS[0]: { "get": {
            "summary": "Kitchens as a GeoJSON FeatureCollection",
            "parameters": [delivery,
                text("municipality", "INEGI municipality key: 067, or 20067 with the state's"),
                text("status", "operating, suspended or closed"),
                text("q", "Text in the name, municipality or locality")],
            "responses": with_errors(ok("FeatureCollection", GEOJSON_MEDIA_TYPE),
                Some(no_delivery)) } },
        API_PATHS[1]: { "get": {
            "summary": "One kitchen as a GeoJSON Feature",
            "parameters": [key, delivery],
            "responses": with_errors(ok("Feature", GEOJSON_MEDIA_TYPE),
                Some("No such kitchen (parameter key) or delivery")) } },
        API_PATHS[2]: { "get": {
            "summary": "The kitchen in each delivery, oldest first",
            "parameters": [key],
            "responses": with_errors(ok("History", "application/json"),
                Some("No delivery lists the kitchen (parameter key)")) } },
        API_PATHS[3]: { "get": {
            "summary": "Beneficiaries by sex and age group, small counts suppressed",
            "parameters": [delivery, level,
                text("area", "Municipality key (067 or 20067) or kitchen key; required below \
                    the state, not allowed for it")],
            "responses": with_errors(ok("Published cells and the area's total",
                "application/json"),
                Some("An area the delivery has no kitchen or figure in (parameter area), \
                    or no such delivery")) } },
        API_PATHS[4]: { "get": {
            "summary": "Deliveries held, the one shown by default first, each with the \
                addresses of its package and of its downloads and quality pages",
            "responses": with_errors(ok("Deliveries", "application/json"), None) } },
        API_PATHS[5]: { "get": {
            "summary": "This document",
            "responses": with_errors(ok("OpenAPI document", "application/json"), None) } },
        API_PATHS[6]: { "get": {
            "summary": "Files of a delivery, with their SHA-256",
            "parameters": [text("delivery", "Delivery id; the one loaded last when absent")],
            "responses": with_errors(ok("Documents", "application/json"),
                Some(no_delivery)) } },
    })
}

/// The open-data files and the delivery pages: not JSON API endpoints, but
/// addresses a client may rely on. They answer a missing delivery or file
/// with the 404 page, not a JSON error.
fn other_paths() -> Value {
    let delivery = segment(
        "delivery",
        "Delivery id, percent-encoded, as in \
        /api/v1/deliveries",
    );
    let file = segment(
        "file",
        "File name, as listed in the package's datapackage.json",
    );
    let package = json!({ "200": {
        "description": "The file: CSV, GeoJSON, JSON or XLSX, by its extension; sent as a \
            download",
        "headers": { "Content-Disposition": {
            "description": "attachment, with the file's own name: \
                attachment; filename=\"cocinas.csv\"",
            "schema": { "type": "string" } } } },
        "404": { "description": "No such file or delivery (an HTML page)" } });
    let html = |description: &str, not_found: bool| {
        let mut answer = ok(description, "text/html");
        if not_found {
            answer["404"] = json!({ "description": "No such delivery (an HTML page)" });
        }
        answer
    };
    let mut paths = json!({
        DATA_PATHS[0]: { "get": {
            "summary": "A file of the open-data package of the delivery loaded last; \
                datapackage.json describes the others",
            "tags": ["open data"],
            "parameters": [file],
            "responses": package } },
        DATA_PATHS[1]: { "get": {
            "summary": "A file of the open-data package of one delivery, at an address \
                that stays when others are loaded",
            "tags": ["open data"],
            "parameters": [delivery, file],
            "responses": package } },
    });
    for (lang, pages) in Lang::ALL.into_iter().zip(DELIVERY_PAGE_PATHS.chunks(3)) {
        let [list, downloads, quality] = pages else {
            continue;
        };
        let described = [
            (list, "Every delivery held, with links to its pages", false),
            (downloads, "One delivery's open-data downloads", true),
            (
                quality,
                "One delivery's completeness and validation scorecard",
                true,
            ),
        ];
        for (path, summary, keyed) in described {
            let mut operation = json!({ "summary": format!("{summary} ({lang})"),
                "tags": ["pages"], "responses": html("The page", keyed) });
            if keyed {
                operation["parameters"] = json!([delivery]);
            }
            paths[path] = json!({ "get": operation });
        }
    }
    paths
}

/// The OpenAPI 3.1 document of the API.
#[must_use]
pub fn openapi() -> Value {
    let mut paths = api_paths();
    if let (Some(all), Value::Object(more)) = (paths.as_object_mut(), other_paths()) {
        all.extend(more);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Cocina Abierta",
            "version": "1",
            "description": "Public data of Oaxaca's community kitchens. No personal data. \
                Every endpoint under /api/v1/ accepts only the query parameters it lists, \
                each once, and ignores `_`, the cache-buster that script libraries add.",
        },
        "paths": paths,
        "components": components(),
    })
}

#[cfg(test)]
mod tests {
    use cocina_rendering::PageKind;

    use super::*;
    use crate::store::DATA_PREFIX;

    #[test]
    fn data_paths_are_under_the_data_prefix() {
        for path in DATA_PATHS {
            assert!(path.starts_with(&format!("{DATA_PREFIX}/")), "{path}");
        }
    }

    #[test]
    fn delivery_page_paths_are_the_routes_of_their_pages() {
        let kinds = [
            PageKind::Deliveries,
            PageKind::DeliveryDownloads,
            PageKind::DeliveryQuality,
        ];
        let patterns: Vec<String> = Lang::ALL
            .into_iter()
            .flat_map(|lang| kinds.map(|kind| kind.pattern(lang).replace("{key}", "{delivery}")))
            .collect();
        assert_eq!(patterns, DELIVERY_PAGE_PATHS);
    }

    #[test]
    fn every_path_is_described_once_with_its_parameters() {
        let document = openapi();
        let paths = document["paths"].as_object().unwrap();
        assert_eq!(paths.len(), documented_paths().len());
        for path in documented_paths() {
            let operation = &paths[path]["get"];
            assert!(operation["summary"].is_string(), "{path}");
            for name in ["key", "delivery", "file"] {
                let in_path = path.contains(&format!("{{{name}}}"));
                let declared = operation["parameters"]
                    .as_array()
                    .is_some_and(|all| all.iter().any(|p| p["name"] == name && p["in"] == "path"));
                assert_eq!(in_path, declared, "{path}: {name}");
            }
        }
    }

    #[test]
    fn every_api_endpoint_documents_its_bad_requests() {
        let document = openapi();
        for path in API_PATHS {
            let responses = &document["paths"][path]["get"]["responses"];
            assert_eq!(
                responses["400"]["$ref"], "#/components/responses/BadRequest",
                "{path}"
            );
        }
        let aggregates = &document["paths"]["/api/v1/aggregates"]["get"]["responses"];
        assert!(
            aggregates["404"]["description"]
                .as_str()
                .unwrap()
                .contains("area")
        );
        let error = &document["components"]["schemas"]["Error"]["properties"];
        for field in ["message_es", "message_en", "parameter"] {
            assert!(error[field].is_object(), "{field}");
        }
    }
}
