//! The pages beyond the overview and the kitchens: a municipality, a
//! kitchen's history, the documents, the downloads with the package's
//! files, and the quality scorecard; and that no link of the portal leads
//! to a 404.

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use cocina_portal::{AppState, router, store_delivery};

use crate::fixture::{
    ELSEWHERE, Engine, LOCATED, UNLOCATED, app, crawl, files, fixture, get, on_both_engines,
    own_links,
};

async fn every_link_of_the_portal_leads_somewhere(engine: Engine) {
    let app = app(&engine).await;
    let seen = crawl(&app, vec!["/".into(), "/en/".into()], 400).await;
    for expected in [
        "/municipios/067",
        "/en/municipalities/067",
        "/documentos",
        "/descargas",
        "/calidad",
        "/en/quality",
        "/datos/datapackage.json",
    ] {
        assert!(seen.contains(expected), "{expected} is linked: {seen:?}");
    }
    let history = format!("/cocinas/{LOCATED}/historia");
    assert!(seen.contains(&history), "{history}");
}

async fn a_municipality_page_lists_its_kitchens(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/municipios/067").await;
    assert_eq!(es.status, StatusCode::OK);
    assert!(es.body.contains("<html lang=\"es\">"));
    assert!(es.body.contains("Oaxaca de Juárez"));
    assert!(es.body.contains(LOCATED) && es.body.contains(ELSEWHERE));
    let en = get(&app, "/en/municipalities/067").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("<html lang=\"en\">"));
    for missing in ["/municipios/999", "/municipios/001", "/municipios/abc"] {
        assert_eq!(
            get(&app, missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

async fn downloads_serve_the_package_the_publication_writes(engine: Engine) {
    let app = app(&engine).await;
    let page = get(&app, "/descargas").await;
    assert_eq!(page.status, StatusCode::OK);
    let links: Vec<String> = own_links(&page.body)
        .into_iter()
        .filter(|l| l.starts_with("/datos/"))
        .collect();
    assert!(links.len() >= 4, "{links:?}");
    for link in &links {
        let file = get(&app, link).await;
        assert_eq!(file.status, StatusCode::OK, "{link}");
    }
    let descriptor = get(&app, "/datos/datapackage.json").await;
    assert_eq!(descriptor.headers[CONTENT_TYPE], "application/json");
    let descriptor: serde_json::Value = serde_json::from_str(&descriptor.body).unwrap();
    assert!(descriptor["resources"].as_array().unwrap().len() >= 3);
    let csv = links
        .iter()
        .find(|l| std::path::Path::new(l).extension() == Some("csv".as_ref()))
        .unwrap();
    let csv = get(&app, csv).await;
    assert!(
        csv.headers[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(
        get(&app, "/datos/nada.csv").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/datos/..%2Fcocina.sqlite").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn quality_says_reference_rules_did_not_run(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/calidad").await;
    assert_eq!(es.status, StatusCode::OK);
    let row = |body: &str, code: &str| {
        let start = body
            .find(&format!("<th scope=\"row\" class=\"nw\">{code}</th>"))
            .unwrap();
        body[start..start + body[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row(&es.body, "CA-R001").contains("no revisada (requiere --reference)"));
    assert!(row(&es.body, "CA-R002").contains("no revisada"));
    assert!(!row(&es.body, "CA-E001").contains("no revisada"));
    let en = get(&app, "/en/quality").await;
    assert!(row(&en.body, "CA-R001").contains("not checked (needs --reference)"));
}

/// Two deliveries: in the later one a kitchen closed and another moved.
async fn a_kitchen_history_follows_it_across_deliveries(engine: Engine) {
    let store = engine.store().await;
    let mut first = fixture().delivery;
    first.delivery.id = "entrega-2015".into();
    first.delivery.received = chrono::NaiveDate::from_ymd_opt(2015, 8, 1);
    store_delivery(&store, first, files()).await.unwrap();
    let mut second = fixture().delivery;
    for kitchen in &mut second.kitchens {
        if kitchen.key.as_str() == LOCATED {
            kitchen.status = cocina_model::KitchenStatus::Closed;
        }
    }
    store_delivery(&store, second, files()).await.unwrap();
    let app = router(AppState::new(store));
    let es = get(&app, &format!("/cocinas/{LOCATED}/historia")).await;
    assert_eq!(es.status, StatusCode::OK);
    let older = es.body.find("entrega-2015").unwrap();
    let newer = es.body.find("entrega-prueba").unwrap();
    assert!(older < newer, "oldest first");
    assert!(es.body.contains("aparece por primera vez"));
    assert!(es.body.contains("cambia de estado"));
    let en = get(&app, &format!("/en/kitchens/{LOCATED}/history")).await;
    assert!(en.body.contains("status changes") && en.body.contains("first appears"));
    let kitchen = get(&app, &format!("/en/kitchens/{LOCATED}")).await;
    assert!(
        kitchen
            .body
            .contains(&format!("/en/kitchens/{LOCATED}/history"))
    );
    let missing = get(&app, "/cocinas/NO-EXISTE/historia").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// The text of the fact `label` on a kitchen page.
fn fact<'a>(html: &'a str, label: &str) -> &'a str {
    let dt = format!("<dt>{label}</dt><dd>");
    let start = html.find(&dt).unwrap_or_else(|| panic!("{label}: {html}")) + dt.len();
    &html[start..start + html[start..].find("</dd>").unwrap()]
}

/// A kitchen's history writes its municipality and locality as its page
/// does: key and name, "No indicada" for a locality not given.
async fn a_history_names_places_as_the_kitchen_page_does(engine: Engine) {
    let app = app(&engine).await;
    for key in [LOCATED, ELSEWHERE, UNLOCATED] {
        for (kitchen, history, labels) in [
            (
                format!("/cocinas/{key}"),
                format!("/cocinas/{key}/historia"),
                ["Municipio", "Localidad"],
            ),
            (
                format!("/en/kitchens/{key}"),
                format!("/en/kitchens/{key}/history"),
                ["Municipality", "Locality"],
            ),
        ] {
            let page = get(&app, &kitchen).await.body;
            let row = get(&app, &history).await.body;
            for label in labels {
                let cell = format!("<td>{}</td>", fact(&page, label));
                assert!(row.contains(&cell), "{history}: {cell} missing:\n{row}");
            }
        }
    }
    let located = get(&app, &format!("/cocinas/{LOCATED}/historia")).await;
    assert!(located.body.contains("<td>067 Oaxaca de Juárez</td>"));
    let elsewhere = get(&app, &format!("/cocinas/{ELSEWHERE}/historia")).await;
    assert!(
        elsewhere.body.contains("<td>No indicada</td>"),
        "{}",
        elsewhere.body
    );
}

on_both_engines!(
    a_history_names_places_as_the_kitchen_page_does,
    every_link_of_the_portal_leads_somewhere,
    a_municipality_page_lists_its_kitchens,
    downloads_serve_the_package_the_publication_writes,
    quality_says_reference_rules_did_not_run,
    a_kitchen_history_follows_it_across_deliveries,
);
