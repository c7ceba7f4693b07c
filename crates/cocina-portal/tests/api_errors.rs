//! The API's error answers: an area that does not exist is a 404, a bad,
//! unknown or repeated query parameter a 400, always as JSON in Spanish
//! and English naming the parameter, and never repeating what was sent.

use axum::Router;
use axum::http::StatusCode;
use cocina_portal::{API_PATHS, AppState, router, store_delivery};
use serde_json::Value;

use crate::fixture::{
    ELSEWHERE, Engine, LOCATED, UNLOCATED, app, files, fixture, get, on_both_engines,
};

/// Checks that `uri` answers `status` with a JSON error naming `parameter`
/// in both languages, and returns the error.
async fn json_error(app: &Router, uri: &str, status: StatusCode, parameter: Option<&str>) -> Value {
    let answer = get(app, uri).await;
    assert_eq!(answer.status, status, "{uri}: {}", answer.body);
    let media = answer.headers["content-type"].to_str().unwrap();
    assert!(media.starts_with("application/json"), "{uri}: {media}");
    let error: Value = serde_json::from_str(&answer.body).expect("the body is JSON");
    assert_eq!(error["parameter"].as_str(), parameter, "{uri}");
    assert_eq!(error["status"], status.as_u16());
    let (es, en) = (
        error["message_es"].as_str().unwrap(),
        error["message_en"].as_str().unwrap(),
    );
    assert!(!es.is_empty() && !en.is_empty() && es != en, "{uri}");
    let both = error["error"].as_str().unwrap();
    assert!(both.contains(es) && both.contains(en), "{uri}");
    if let Some(name) = parameter {
        assert!(es.contains(name) && en.contains(name), "{uri} names {name}");
    }
    error
}

async fn unknown_areas_answer_404_naming_the_parameter(engine: Engine) {
    let app = app(&engine).await;
    let not_found = StatusCode::NOT_FOUND;
    for (area, level) in [
        // A municipality of Oaxaca, but no kitchen of the delivery is there.
        ("001", "municipality"),
        // Written as a key, but Oaxaca has no municipality 999.
        ("20999", "municipality"),
        ("OAX-NO-000", "kitchen"),
        ("costa", "region"),
        ("centro", "district"),
    ] {
        let uri = format!("/api/v1/aggregates?level={level}&area={area}");
        let error = json_error(&app, &uri, not_found, Some("area")).await;
        let text = error.to_string();
        assert!(
            !text.contains(area),
            "{uri} does not repeat the area: {text}"
        );
    }
    let uri = "/api/v1/aggregates?delivery=entrega-1999";
    json_error(&app, uri, not_found, Some("delivery")).await;
    // A kitchen nobody is counted at is listed, so its figures are zeros.
    let uri = format!("/api/v1/aggregates?level=kitchen&area={UNLOCATED}");
    let zeros: Value = serde_json::from_str(&get(&app, &uri).await.body).unwrap();
    assert_eq!(zeros["total"], 0, "{zeros}");
    // Keys are read as the delivery writes them, whatever their case.
    let uri = format!(
        "/api/v1/aggregates?level=kitchen&area={}",
        LOCATED.to_lowercase()
    );
    assert_eq!(get(&app, &uri).await.status, StatusCode::OK);
}

/// An area is looked up in the delivery asked for, not in the latest.
async fn areas_are_those_of_the_delivery_asked_for(engine: Engine) {
    let store = engine.store().await;
    let mut older = fixture().delivery;
    older.delivery.id = "entrega-2015".into();
    older.kitchens.retain(|k| k.key.as_str() != ELSEWHERE);
    older
        .beneficiaries
        .retain(|b| b.kitchen.as_str() != ELSEWHERE);
    store_delivery(&store, older, files()).await.unwrap();
    store_delivery(&store, fixture().delivery, files())
        .await
        .unwrap();
    let app = router(AppState::new(store));
    let area = format!("level=kitchen&area={ELSEWHERE}");
    let latest = get(&app, &format!("/api/v1/aggregates?{area}")).await;
    assert_eq!(latest.status, StatusCode::OK);
    let uri = format!("/api/v1/aggregates?delivery=entrega-2015&{area}");
    json_error(&app, &uri, StatusCode::NOT_FOUND, Some("area")).await;
    let uri = format!("/api/v1/kitchens/{ELSEWHERE}?delivery=entrega-2015");
    json_error(&app, &uri, StatusCode::NOT_FOUND, Some("key")).await;
}

/// Returns the query parameters the OpenAPI document lists for `path`.
fn documented_parameters(document: &Value, path: &str) -> Vec<String> {
    let parameters = document["paths"][path]["get"]["parameters"].as_array();
    parameters
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn unknown_and_repeated_parameters_are_400_on_every_endpoint(engine: Engine) {
    let app = app(&engine).await;
    let document: Value =
        serde_json::from_str(&get(&app, "/api/v1/openapi.json").await.body).unwrap();
    let bad = StatusCode::BAD_REQUEST;
    for path in API_PATHS {
        let base = path.replace("{key}", LOCATED);
        // The page list's Spanish name is not the API's.
        let uri = format!("{base}?municipio=067");
        let error = json_error(&app, &uri, bad, None).await;
        let accepted = documented_parameters(&document, path);
        for name in &accepted {
            let message = error["message_en"].as_str().unwrap();
            assert!(message.contains(name.as_str()), "{uri} lists {name}");
            let uri = format!("{base}?{name}=a&{name}=b");
            json_error(&app, &uri, bad, Some(name)).await;
        }
        // A script library's cache-buster is not a typo: ignored, even twice.
        let busted = get(&app, &format!("{base}?_=1733389200&_=2")).await;
        let plain = get(&app, &base).await;
        assert_eq!(busted.status, plain.status, "{base}?_=: {}", busted.body);
        assert_eq!(busted.body, plain.body, "{base}?_= answers as {base}");
        if accepted.is_empty() {
            assert!(
                error["message_en"]
                    .as_str()
                    .unwrap()
                    .contains("accepts none")
            );
        }
    }
}

async fn bad_values_name_the_parameter_and_what_was_expected(engine: Engine) {
    let app = app(&engine).await;
    let bad = StatusCode::BAD_REQUEST;
    let cases = [
        ("/api/v1/kitchens?status=abierta", "status", "operating"),
        ("/api/v1/kitchens?municipality=abc", "municipality", "067"),
        ("/api/v1/aggregates?level=pais", "level", "municipality"),
        ("/api/v1/aggregates?level=kitchen", "area", "kitchen key"),
        ("/api/v1/aggregates?area=067", "area", "level"),
        (
            "/api/v1/aggregates?level=municipality&area=oaxaca",
            "area",
            "067",
        ),
        (
            "/api/v1/aggregates?level=kitchen&area=%01",
            "area",
            "kitchen key",
        ),
        ("/api/v1/kitchens/%FF", "key", "UTF-8"),
        ("/api/v1/kitchens/%FF/history", "key", "UTF-8"),
    ];
    for (uri, parameter, expected) in cases {
        let error = json_error(&app, uri, bad, Some(parameter)).await;
        let message = error["message_en"].as_str().unwrap();
        assert!(message.contains(expected), "{uri}: {message}");
    }
    // A blank value is an absent one, as a form sends a field left empty.
    let blank = get(&app, "/api/v1/kitchens?status=&q=").await;
    assert_eq!(blank.status, StatusCode::OK);
}

async fn errors_never_repeat_what_was_sent(engine: Engine) {
    let fixture = fixture();
    let app = app(&engine).await;
    let person = &fixture.people[0];
    let name = person.name.replace(' ', "%20");
    let curp = &person.curp;
    let uris = [
        format!("/api/v1/kitchens?status={curp}"),
        format!("/api/v1/kitchens?municipality={curp}"),
        format!("/api/v1/kitchens?{curp}=1"),
        format!("/api/v1/kitchens?delivery={curp}"),
        format!("/api/v1/kitchens/{curp}"),
        format!("/api/v1/kitchens/{curp}/history"),
        format!("/api/v1/aggregates?level={curp}"),
        format!("/api/v1/aggregates?level=kitchen&area={curp}"),
        format!("/api/v1/aggregates?level=kitchen&area={name}"),
        format!("/api/v1/aggregates?level=municipality&area={name}"),
        format!("/api/v1/aggregates?level=region&area={name}"),
        format!("/api/v1/documents?delivery={name}"),
        format!("/api/v1/deliveries?{name}={curp}"),
        format!("/api/v1/nada/{curp}"),
    ];
    for uri in uris {
        let answer = get(&app, &uri).await;
        assert!(answer.status.is_client_error(), "{uri}");
        for value in fixture.personal_values() {
            assert!(!answer.body.contains(&value), "{uri} repeats {value}");
        }
        assert!(!answer.body.contains(curp.as_str()), "{uri}");
        assert!(!answer.body.contains("Persona"), "{uri}: {}", answer.body);
    }
}

on_both_engines!(
    unknown_areas_answer_404_naming_the_parameter,
    areas_are_those_of_the_delivery_asked_for,
    unknown_and_repeated_parameters_are_400_on_every_endpoint,
    bad_values_name_the_parameter_and_what_was_expected,
    errors_never_repeat_what_was_sent,
);
