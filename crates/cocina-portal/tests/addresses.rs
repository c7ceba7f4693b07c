//! Addresses a visitor may type or follow: municipality keys written as
//! the API reads them, the 404 page for any missing page, the menu's
//! links, and package files that download rather than open.

use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};

use crate::fixture::{Engine, app, get, on_both_engines, own_links};

async fn municipality_keys_as_the_api_reads_them_redirect(engine: Engine) {
    let app = app(&engine).await;
    for (asked, canonical) in [
        ("/municipios/67", "/municipios/067"),
        ("/municipios/20067", "/municipios/067"),
        ("/en/municipalities/67", "/en/municipalities/067"),
        ("/en/municipalities/20515", "/en/municipalities/515"),
    ] {
        let answer = get(&app, asked).await;
        assert_eq!(answer.status, StatusCode::PERMANENT_REDIRECT, "{asked}");
        assert_eq!(answer.headers[LOCATION], canonical, "{asked}");
        assert_eq!(get(&app, canonical).await.status, StatusCode::OK);
    }
    // Not Oaxaca's, not a key, or without kitchens in the delivery.
    for missing in [
        "/municipios/999",
        "/municipios/20999",
        "/municipios/21067",
        "/municipios/0067",
        "/municipios/1",
        "/en/municipalities/20001",
        "/municipios/6a",
    ] {
        let answer = get(&app, missing).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

async fn the_404_page_fits_any_missing_page(engine: Engine) {
    let app = app(&engine).await;
    for (uri, text) in [
        (
            "/documentos/nada",
            "No hay ninguna página en esta dirección",
        ),
        ("/en/nowhere", "There is no page at this address"),
    ] {
        let answer = get(&app, uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        let main = &answer.body[answer.body.find("<main").unwrap()..];
        assert!(main.contains(text), "{uri}: {main}");
        assert!(!main.contains("cocina cambió") && !main.contains("kitchen may"));
        let links = own_links(main);
        let lists = if uri.starts_with("/en/") {
            [
                "/en/",
                "/en/kitchens",
                "/en/deliveries",
                "/en/documents",
                "/en/downloads",
            ]
        } else {
            ["/", "/cocinas", "/entregas", "/documentos", "/descargas"]
        };
        for list in lists {
            assert!(links.contains(list), "{uri} links {list}: {links:?}");
        }
    }
}

async fn every_page_s_menu_and_footer_lead_to_the_deliveries_and_the_data(engine: Engine) {
    let app = app(&engine).await;
    for (uri, deliveries) in [
        ("/", "/entregas"),
        ("/cocinas", "/entregas"),
        ("/municipios/067", "/entregas"),
        ("/en/quality", "/en/deliveries"),
        ("/en/deliveries/entrega-prueba/downloads", "/en/deliveries"),
    ] {
        let page = get(&app, uri).await;
        let header = &page.body[..page.body.find("</header>").unwrap()];
        let menu = own_links(header);
        assert!(menu.contains(deliveries), "{uri}: {menu:?}");
        assert!(menu.contains("/datos/cocinas.geojson"), "{uri}: {menu:?}");
        // The footer leads programs to the API and to the data's description.
        let footer = own_links(&page.body[page.body.find("<footer>").unwrap()..]);
        for link in ["/api/v1/openapi.json", "/datos/datapackage.json"] {
            assert!(footer.contains(link), "{uri}: {footer:?}");
        }
    }
    for document in ["/api/v1/openapi.json", "/datos/datapackage.json"] {
        let answer = get(&app, document).await;
        assert_eq!(answer.status, StatusCode::OK, "{document}");
        serde_json::from_str::<serde_json::Value>(&answer.body).expect(document);
    }
    let list = get(&app, "/entregas").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body
            .contains("<a href=\"/entregas\" aria-current=\"page\">")
    );
    let geojson = get(&app, "/datos/cocinas.geojson").await;
    assert_eq!(geojson.status, StatusCode::OK);
    assert_eq!(
        geojson.headers[CONTENT_TYPE],
        cocina_portal::GEOJSON_MEDIA_TYPE
    );
    let collection: serde_json::Value = serde_json::from_str(&geojson.body).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
}

async fn package_files_download_and_api_answers_stay_inline(engine: Engine) {
    let app = app(&engine).await;
    for (uri, file) in [
        ("/datos/cocinas.csv", "cocinas.csv"),
        ("/datos/cocinas.geojson", "cocinas.geojson"),
        ("/datos/datapackage.json", "datapackage.json"),
        ("/datos/entrega-prueba/cocinas.csv", "cocinas.csv"),
    ] {
        let answer = get(&app, uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        let expected = format!("attachment; filename=\"{file}\"");
        assert_eq!(
            answer.headers[CONTENT_DISPOSITION],
            expected.as_str(),
            "{uri}"
        );
    }
    let downloads = get(&app, "/descargas").await;
    let workbook = own_links(&downloads.body)
        .into_iter()
        .find(|l| std::path::Path::new(l).extension() == Some("xlsx".as_ref()))
        .expect("the workbook is listed");
    let answer = get(&app, &workbook).await;
    let disposition = answer.headers[CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(disposition.ends_with(".xlsx\""), "{disposition}");
    let openapi = get(&app, "/api/v1/openapi.json").await;
    let openapi: serde_json::Value = serde_json::from_str(&openapi.body).unwrap();
    for path in cocina_portal::DATA_PATHS {
        let ok = &openapi["paths"][path]["get"]["responses"]["200"];
        assert!(
            ok["headers"]["Content-Disposition"].is_object(),
            "{path}: {ok}"
        );
    }
    for api in [
        "/api/v1/kitchens",
        "/api/v1/deliveries",
        "/api/v1/openapi.json",
    ] {
        let answer = get(&app, api).await;
        assert_eq!(answer.status, StatusCode::OK, "{api}");
        assert!(!answer.headers.contains_key(CONTENT_DISPOSITION), "{api}");
    }
}

/// The static site's addresses end in a slash (`/cocinas/`): on the portal
/// each leads to its page without it, keeping the query; an address that
/// names no page stays a 404.
async fn a_page_s_address_with_a_trailing_slash_redirects_to_the_page(engine: Engine) {
    let app = app(&engine).await;
    for (asked, page) in [
        ("/cocinas/", "/cocinas"),
        ("/cocinas/?pagina=1&q=oaxaca", "/cocinas?pagina=1&q=oaxaca"),
        ("/en/kitchens/OAX-VC-001/", "/en/kitchens/OAX-VC-001"),
        (
            "/cocinas/OAX-VC-001/historia/",
            "/cocinas/OAX-VC-001/historia",
        ),
        ("/municipios/067/", "/municipios/067"),
        ("/en/quality/", "/en/quality"),
        ("/entregas/", "/entregas"),
    ] {
        let answer = get(&app, asked).await;
        assert_eq!(answer.status, StatusCode::PERMANENT_REDIRECT, "{asked}");
        assert_eq!(answer.headers[LOCATION], page, "{asked}");
        assert_eq!(get(&app, page).await.status, StatusCode::OK, "{page}");
    }
    for missing in [
        "/nada/",
        "/regiones/costa/",
        "/datos/cocinas.csv/",
        "/cocinas//",
    ] {
        let answer = get(&app, missing).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
    }
    let api = get(&app, "/api/v1/kitchens/").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(api.body.starts_with('{'), "a JSON error: {}", api.body);
}

on_both_engines!(
    a_page_s_address_with_a_trailing_slash_redirects_to_the_page,
    municipality_keys_as_the_api_reads_them_redirect,
    the_404_page_fits_any_missing_page,
    every_page_s_menu_and_footer_lead_to_the_deliveries_and_the_data,
    package_files_download_and_api_answers_stay_inline,
);
