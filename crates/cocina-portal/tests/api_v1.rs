//! The rest of the API: filters, one kitchen, its history, aggregates,
//! deliveries, documents, the OpenAPI document, CORS, validators and the
//! readiness probe.

use axum::http::StatusCode;
use cocina_portal::{API_PATHS, documented_paths, store_delivery};
use serde_json::Value;

use crate::fixture::{Engine, LOCATED, UNLOCATED, app, fixture, get, get_with, on_both_engines};

fn json(body: &str) -> Value {
    serde_json::from_str(body).expect("the body is JSON")
}

fn keys(collection: &Value) -> Vec<String> {
    collection["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn kitchens_filter_by_status_municipality_and_text(engine: Engine) {
    let app = app(&engine).await;
    let closed = json(&get(&app, "/api/v1/kitchens?status=closed").await.body);
    assert_eq!(keys(&closed), [UNLOCATED]);
    let oaxaca = json(&get(&app, "/api/v1/kitchens?municipality=67").await.body);
    assert_eq!(keys(&oaxaca).len(), 2);
    // Accents and case do not count; the locality is searched too.
    let text = json(&get(&app, "/api/v1/kitchens?q=NINOS%20heroes").await.body);
    assert_eq!(keys(&text), [LOCATED]);
    let locality = json(
        &get(&app, "/api/v1/kitchens?q=oaxaca%20de%20juarez")
            .await
            .body,
    );
    assert!(keys(&locality).contains(&LOCATED.to_owned()));
    // Punctuation is not searched for: `%` is not a LIKE wildcard here.
    let wildcard = json(&get(&app, "/api/v1/kitchens?q=n%25s").await.body);
    assert!(keys(&wildcard).is_empty(), "{wildcard}");
    let nothing = json(&get(&app, "/api/v1/kitchens?q=zzz").await.body);
    assert!(keys(&nothing).is_empty());
    assert_eq!(
        get(&app, "/api/v1/kitchens?status=open").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&app, "/api/v1/kitchens?delivery=entrega-1999")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn one_kitchen_and_its_history(engine: Engine) {
    let app = app(&engine).await;
    let answer = get(&app, &format!("/api/v1/kitchens/{LOCATED}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let feature = json(&answer.body);
    assert_eq!(feature["properties"]["name"], "Cocina Niños Héroes");
    let history = json(
        &get(&app, &format!("/api/v1/kitchens/{LOCATED}/history"))
            .await
            .body,
    );
    let entries = history["deliveries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["delivery"], "entrega-prueba");
    // The total of 21 is published: with the figures beside it suppressed
    // (see `aggregates_keep_small_counts_suppressed`), it does not give the
    // older women away.
    assert_eq!(entries[0]["beneficiaries"], 21);
    assert!(entries[0]["beneficiaries_suppressed"].is_null());
    let missing = get(&app, "/api/v1/kitchens/OAX-NO-000").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn aggregates_keep_small_counts_suppressed(engine: Engine) {
    let app = app(&engine).await;
    let uri = format!("/api/v1/aggregates?level=kitchen&area={LOCATED}");
    let answer = json(&get(&app, &uri).await.body);
    // The older people's figures, the zero of older men included, are
    // protected by suppressing the girls' and boys' figures beside them;
    // the kitchen's total of 21 then narrows the two older women to 1 or 2
    // but cannot count them, so it is published.
    assert_eq!(answer["total"], 21);
    assert!(answer["total_suppressed"].is_null());
    let cells = answer["cells"].as_array().unwrap();
    let older_women = cells
        .iter()
        .find(|c| c["sex"] == "female" && c["age_group"] == "60+")
        .expect("the cell of the two older women");
    assert_eq!(older_women["value"], Value::Null);
    assert_eq!(older_women["suppressed"], "small_count");
    assert!(cells.iter().all(|c| c["value"] != 2), "no count of 2 shown");
    // Totals are figures like any other: the older people's total is
    // small, and every cell is listed, zeros included.
    let older = cells
        .iter()
        .find(|c| c["sex"] == "total" && c["age_group"] == "60+")
        .expect("the total of the older people");
    assert_eq!(older["suppressed"], "small_count");
    // Within that small figure the older men's zero is suppressed alike,
    // so nothing says whether both older people are women; zeros outside
    // a small figure are published.
    let older_men = cells
        .iter()
        .find(|c| c["sex"] == "male" && c["age_group"] == "60+")
        .expect("the cell of older men");
    assert_eq!(older_men["value"], Value::Null);
    assert_eq!(older_men["suppressed"], "small_count");
    assert!(
        cells
            .iter()
            .any(|c| c["value"] == 0 && c["suppressed"].is_null())
    );
    // The state's 29 stays published: the one person no municipality
    // holds is protected by suppressing Oaxaca de Juárez's 28 (below), a
    // figure of a smaller area, rather than the state's.
    let state = json(&get(&app, "/api/v1/aggregates").await.body);
    assert_eq!(state["total"], 29);
    assert!(state["total_suppressed"].is_null());
    // The person at a kitchen the list lacks is counted, not shown.
    let uri = "/api/v1/aggregates?level=municipality&area=067";
    let oaxaca = json(&get(&app, uri).await.body);
    assert_eq!(oaxaca["total"], Value::Null);
    assert_eq!(oaxaca["total_suppressed"], "complementary");
    assert_eq!(
        get(&app, "/api/v1/aggregates?level=kitchen").await.status,
        StatusCode::BAD_REQUEST
    );
}

/// The SHA-256 of the bytes `abc`, FIPS 180-2's first test vector.
const SHA256_OF_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

async fn deliveries_and_documents(engine: Engine) {
    let store = engine.store().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("auditoria.pdf"), b"abc").unwrap();
    let mut delivery = fixture().delivery;
    delivery.delivery.files = vec![cocina_model::DeliveryFile {
        path: "auditoria.pdf".into(),
        sha256: None,
        stored_as: None,
    }];
    store_delivery(&store, delivery, dir.path()).await.unwrap();
    let app = cocina_portal::router(cocina_portal::AppState::new(store));
    let deliveries = json(&get(&app, "/api/v1/deliveries").await.body);
    assert_eq!(deliveries["deliveries"][0]["id"], "entrega-prueba");
    assert_eq!(deliveries["deliveries"][0]["kitchens"], 3);
    // The state total is published, as on the overview.
    assert_eq!(deliveries["deliveries"][0]["beneficiaries"], 29);
    let documents = json(&get(&app, "/api/v1/documents").await.body);
    let document = &documents["documents"][0];
    assert_eq!(document["path"], "auditoria.pdf");
    // The hash is taken from the file's bytes, not left to the manifest.
    assert_eq!(document["sha256"], SHA256_OF_ABC);
    assert_eq!(document["bytes"], 3);
    let page = get(&app, "/documentos").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(SHA256_OF_ABC), "{}", page.body);
    assert!(page.body.contains("auditoria.pdf"));
}

async fn unknown_api_paths_answer_json_in_both_languages(engine: Engine) {
    let app = app(&engine).await;
    for uri in ["/api/v1/nada", "/api/v2/kitchens", "/api"] {
        let answer = get(&app, uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            answer.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{uri}"
        );
        let error = json(&answer.body)["error"].as_str().unwrap().to_owned();
        assert!(error.contains("no such API path") && error.contains("no existe"));
    }
}

async fn municipality_keys_are_read_with_or_without_the_state(engine: Engine) {
    let app = app(&engine).await;
    let short = get(&app, "/api/v1/aggregates?level=municipality&area=067").await;
    let long = get(&app, "/api/v1/aggregates?level=municipality&area=20067").await;
    assert_eq!(long.status, StatusCode::OK);
    assert_eq!(json(&short.body), json(&long.body));
    assert_eq!(json(&long.body)["area"], "067");
    assert!(!json(&long.body)["cells"].as_array().unwrap().is_empty());
    for bad in ["2006", "21067", "oaxaca", "20-067"] {
        let answer = get(
            &app,
            &format!("/api/v1/aggregates?level=municipality&area={bad}"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            json(&answer.body)["error"]
                .as_str()
                .unwrap()
                .starts_with("area must")
        );
    }
    // Written as a key, but no municipality of Oaxaca has it.
    let answer = get(&app, "/api/v1/aggregates?level=municipality&area=20999").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&answer.body)["parameter"], "area");
    let kitchens = json(&get(&app, "/api/v1/kitchens?municipality=20067").await.body);
    assert_eq!(keys(&kitchens).len(), 2);
    let bad = get(&app, "/api/v1/kitchens?municipality=200670").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        json(&bad.body)["error"]
            .as_str()
            .unwrap()
            .starts_with("municipality must")
    );
}

async fn an_empty_collection_has_no_bbox(engine: Engine) {
    let app = app(&engine).await;
    let empty = get(&app, "/api/v1/kitchens?q=zzz").await;
    assert_eq!(json(&empty.body)["features"], serde_json::json!([]));
    assert!(!empty.body.contains("bbox"), "{}", empty.body);
}

async fn every_route_is_in_the_openapi_document_and_answers(engine: Engine) {
    let app = app(&engine).await;
    let document = json(&get(&app, "/api/v1/openapi.json").await.body);
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    let mut expected = documented_paths();
    expected.sort_unstable();
    assert_eq!(paths, expected);
    assert!(API_PATHS.iter().all(|p| expected.contains(p)));
    for path in documented_paths() {
        let uri = path
            .replace("{key}", LOCATED)
            .replace("{delivery}", "entrega-prueba")
            .replace("{file}", "datapackage.json");
        let answer = get(&app, &uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
    }
}

async fn api_answers_carry_cors_and_validators(engine: Engine) {
    let app = app(&engine).await;
    let origin = [("origin", "https://example.org")];
    let first = get_with(&app, "/api/v1/kitchens", &origin).await;
    assert_eq!(first.headers["access-control-allow-origin"], "*");
    assert_eq!(first.headers["cache-control"], "public, max-age=60");
    let tag = first.headers["etag"].to_str().unwrap().to_owned();
    let again = get_with(&app, "/api/v1/kitchens", &[("if-none-match", &tag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let other = get_with(
        &app,
        "/api/v1/kitchens?status=closed",
        &[("if-none-match", &tag)],
    )
    .await;
    assert_eq!(
        other.status,
        StatusCode::OK,
        "another answer has another tag"
    );
    let page = get(&app, &format!("/cocinas/{LOCATED}")).await;
    assert!(page.headers.contains_key("etag"), "pages are tagged too");
}

async fn readiness_checks_the_database(engine: Engine) {
    let app = app(&engine).await;
    let ready = get(&app, "/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
}

on_both_engines!(
    kitchens_filter_by_status_municipality_and_text,
    one_kitchen_and_its_history,
    aggregates_keep_small_counts_suppressed,
    deliveries_and_documents,
    unknown_api_paths_answer_json_in_both_languages,
    municipality_keys_are_read_with_or_without_the_state,
    an_empty_collection_has_no_bbox,
    every_route_is_in_the_openapi_document_and_answers,
    api_answers_carry_cors_and_validators,
    readiness_checks_the_database,
);
