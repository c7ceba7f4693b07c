//! The public pages, driven through the router.

use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, LOCATION};

use crate::fixture::{ELSEWHERE, Engine, LOCATED, UNLOCATED, app, get, on_both_engines};

async fn overview_shows_figures_and_map_in_both_languages(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/").await;
    assert_eq!(es.status, StatusCode::OK);
    assert!(
        es.headers[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(es.body.contains("<html lang=\"es\">"));
    assert!(es.body.contains("aria-labelledby=\"map-t map-d\""));
    assert!(es.body.contains("<path class=\"pts\"") || es.body.contains("<circle class=\"pt\""));
    assert!(es.body.contains("Cifras del estado"));
    // 29 people in the state, at kitchens known or not: the total is
    // shown; the one person no municipality holds is protected by
    // suppressing a municipality's figure instead (see api_v1).
    assert!(es.body.contains("<strong>29</strong>"), "state total shown");
    // Oaxaca de Juárez's 28 are suppressed: with the state's 29 and the
    // other municipalities published, they would give away the one person
    // no municipality holds.
    assert!(
        es.body
            .contains("<td><a href=municipios/067>Oaxaca de Juárez</a><td>2<td>suprimido")
    );

    let en = get(&app, "/en/").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(en.body.contains("State figures") && en.body.contains("Suspended"));
    assert!(en.body.contains("<svg"));
}

async fn kitchen_page_shows_its_facts_and_suppresses_small_counts(engine: Engine) {
    let app = app(&engine).await;
    let page = get(&app, &format!("/cocinas/{LOCATED}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Cocina Niños Héroes</h1>"));
    assert!(page.body.contains("067 Oaxaca de Juárez"));
    assert!(page.body.contains("17.06060, -96.72530"));
    assert!(page.body.contains("entrega-prueba"));
    // Two older women: suppressed, and so is the zero of older men beside
    // them, lest it say that both are women; protecting that zero from
    // the sums it is in hides the twelve girls, the seven boys and the
    // kitchen's total of 21, and the page says why.
    assert!(page.body.contains("&#60;5</abbr>"));
    assert!(page.body.contains("suprimido</abbr>"));
    assert!(page.body.contains("(supresión complementaria)"));
    for hidden in [">2<", ">7<", ">12<", ">14<", ">19<"] {
        assert!(!page.body.contains(hidden), "{hidden} is shown");
    }
    // With those figures hidden, the total of 21 narrows the older women
    // to 1 or 2 at most, never to a count: it is published.
    assert!(page.body.contains("<strong>21</strong>"));
    assert!(
        page.body
            .contains("href=\"/en/kitchens/OAX-VC-001\" lang=\"en\"")
    );

    let en = get(&app, &format!("/en/kitchens/{LOCATED}")).await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("About this kitchen"));
}

async fn kitchens_outside_their_municipality_are_not_located(engine: Engine) {
    let app = app(&engine).await;
    for key in [ELSEWHERE, UNLOCATED] {
        let page = get(&app, &format!("/cocinas/{key}")).await;
        assert_eq!(page.status, StatusCode::OK, "{key}");
        assert!(page.body.contains("Sin ubicación validada"), "{key}");
    }
    let resolved = get(&app, &format!("/cocinas/{UNLOCATED}")).await;
    assert!(resolved.body.contains("515 Santo Domingo Tehuantepec"));
}

async fn unknown_kitchen_is_a_404_page_in_the_request_language(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/cocinas/NO-EXISTE").await;
    assert_eq!(es.status, StatusCode::NOT_FOUND);
    assert!(es.body.contains("<html lang=\"es\">"));
    assert!(es.body.contains("Página no encontrada"));
    let en = get(&app, "/en/kitchens/NO-SUCH").await;
    assert_eq!(en.status, StatusCode::NOT_FOUND);
    assert!(en.body.contains("Page not found"));
    let elsewhere = get(&app, "/en/nowhere").await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert!(elsewhere.body.contains("<html lang=\"en\">"));
    let spanish = get(&app, "/ninguna/parte").await;
    assert!(spanish.body.contains("<html lang=\"es\">"));
}

async fn kitchen_list_filters_by_municipality_and_name(engine: Engine) {
    let app = app(&engine).await;
    let all = get(&app, "/cocinas").await;
    assert_eq!(all.status, StatusCode::OK);
    for key in [LOCATED, ELSEWHERE, UNLOCATED] {
        assert!(all.body.contains(key), "{key}");
    }
    let oaxaca = get(&app, "/cocinas?municipio=067").await;
    assert!(oaxaca.body.contains(LOCATED) && !oaxaca.body.contains(UNLOCATED));
    let named = get(&app, "/en/kitchens?q=ninos%20HEROES").await;
    assert!(named.body.contains(LOCATED) && !named.body.contains(ELSEWHERE));
    assert!(named.body.contains("1 of 3 kitchens matches."));
    // The search also finds kitchens by municipality and locality name.
    let by_municipality = get(&app, "/cocinas?q=tehuantepec").await;
    assert!(
        by_municipality.body.contains(UNLOCATED),
        "{}",
        by_municipality.body
    );
    assert!(!by_municipality.body.contains(LOCATED));
    let by_locality = get(&app, "/en/kitchens?q=Oaxaca%20de%20Juarez").await;
    assert!(by_locality.body.contains(LOCATED));
    // Abbreviations count as the words they stand for, either way round:
    // the kitchen's municipality was written "STO. DGO. TEHUANTEPEC".
    for q in [
        "Sto.%20Dgo.%20Tehuantepec",
        "santo%20domingo",
        "STO%20DOMINGO",
    ] {
        let abbreviated = get(&app, &format!("/cocinas?q={q}")).await;
        assert!(abbreviated.body.contains(UNLOCATED), "q={q}");
        assert!(!abbreviated.body.contains(LOCATED), "q={q}");
    }
    // Past the end: the last page, with a notice (list_filter.rs).
    let beyond = get(&app, "/cocinas?pagina=9").await;
    assert_eq!(beyond.status, StatusCode::OK);
    assert!(beyond.body.contains(LOCATED), "{}", beyond.body);
    assert!(!beyond.body.contains("Ninguna cocina coincide"));
}

async fn english_root_redirects_and_health_answers(engine: Engine) {
    let app = app(&engine).await;
    let root = get(&app, "/en").await;
    assert_eq!(root.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(root.headers[LOCATION], "/en/");
    let health = get(&app, "/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
}

async fn hostile_kitchen_names_are_escaped_everywhere(engine: Engine) {
    let app = app(&engine).await;
    for uri in [
        "/",
        "/cocinas",
        "/cocinas/OAX-VC-002",
        "/en/kitchens/OAX-VC-002",
    ] {
        let page = get(&app, uri).await;
        assert!(!page.body.contains("<script"), "{uri}");
    }
    let page = get(&app, "/cocinas/OAX-VC-002").await;
    assert!(page.body.contains("&#60;script&#62;"));
}

async fn empty_store_serves_an_empty_portal(engine: Engine) {
    let store = engine.store().await;
    let app = cocina_portal::router(cocina_portal::AppState::new(store));
    assert_eq!(get(&app, "/").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/cocinas").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/cocinas/X").await.status, StatusCode::NOT_FOUND);
    let api = get(&app, "/api/v1/kitchens").await;
    assert!(api.body.contains("\"features\":[]"));
}

async fn keys_with_slashes_and_spaces_have_working_pages(engine: Engine) {
    let mut fixture = crate::fixture::fixture();
    let key = cocina_model::KitchenKey::new("OAX IS/003 ..").unwrap();
    fixture.delivery.kitchens[2].key = key.clone();
    let store = engine.store().await;
    cocina_portal::store_delivery(&store, fixture.delivery, crate::fixture::files())
        .await
        .unwrap();
    let app = cocina_portal::router(cocina_portal::AppState::new(store));
    for lang in cocina_model::Lang::ALL {
        let url = cocina_rendering::Page::Kitchen(key.clone()).url(lang);
        let page = get(&app, &url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        assert!(page.body.contains("Comedor La Esperanza"));
    }
    let list = get(&app, "/cocinas").await;
    assert!(list.body.contains("href=\"/cocinas/OAX%20IS%2F003%20..\""));
}

/// The table of municipalities used to leave out the person registered at
/// a kitchen the list lacks, so it summed to less than the headline.
async fn overview_table_adds_up_and_counts_findings(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/").await.body;
    assert!(
        es.contains("<td>Registradas en cocinas que no están en la lista<td>0<td>&#60;5\n"),
        "{es}"
    );
    assert!(es.contains("<th scope=\"row\">Total</th><td class=\"n\">3</td><td"));
    assert!(es.contains("<td class=\"n\">29</td>"), "the state total");
    assert!(es.contains("La validación de esta entrega encontró"));
    let en = get(&app, "/en/").await.body;
    assert!(en.contains("<td>Registered at kitchens not in the list<td>0<td>&#60;5\n"));
    assert!(en.contains("Validating this delivery found"));
}

on_both_engines!(
    overview_shows_figures_and_map_in_both_languages,
    kitchen_page_shows_its_facts_and_suppresses_small_counts,
    kitchens_outside_their_municipality_are_not_located,
    unknown_kitchen_is_a_404_page_in_the_request_language,
    kitchen_list_filters_by_municipality_and_name,
    english_root_redirects_and_health_answers,
    hostile_kitchen_names_are_escaped_everywhere,
    empty_store_serves_an_empty_portal,
    keys_with_slashes_and_spaces_have_working_pages,
    overview_table_adds_up_and_counts_findings,
);
