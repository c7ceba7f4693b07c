//! The kitchen list's query string: both languages' parameter names on
//! both languages' pages, and a visible notice, escaped, for whatever it
//! does not understand.

use axum::http::StatusCode;

use crate::fixture::{ELSEWHERE, Engine, LOCATED, UNLOCATED, app, get, on_both_engines};

/// The part of a page inside `<main>`.
fn main_of(html: &str) -> &str {
    &html[html.find("<main").unwrap()..html.find("</main>").unwrap()]
}

async fn either_language_s_names_filter_on_either_page(engine: Engine) {
    let app = app(&engine).await;
    for uri in [
        "/en/kitchens?municipality=067",
        "/cocinas?municipality=067",
        "/en/kitchens?municipio=20067",
        "/cocinas?municipio=67",
    ] {
        let page = get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let main = main_of(&page.body);
        assert!(main.contains(LOCATED) && main.contains(ELSEWHERE), "{uri}");
        assert!(!main.contains(UNLOCATED), "{uri} is filtered");
        assert!(!main.contains("class=\"notice\""), "{uri}: {main}");
    }
    // The English form sends the English name, which its page reads.
    let en = get(&app, "/en/kitchens").await;
    assert!(en.body.contains("name=\"municipality\""), "{}", en.body);
    assert!(!en.body.contains("name=\"municipio\""));
    let es = get(&app, "/cocinas").await;
    assert!(es.body.contains("name=\"municipio\""));
    // Nothing narrows the list: a plain count, not a search result.
    assert!(main_of(&es.body).contains(">3 cocinas.<"), "{}", es.body);
    assert!(main_of(&en.body).contains(">3 kitchens.<"));
}

async fn the_search_box_says_what_it_searches(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/cocinas").await;
    assert!(
        es.body
            .contains(">Buscar en nombre, municipio o localidad</label>")
    );
    let en = get(&app, "/en/kitchens").await;
    assert!(
        en.body
            .contains(">Search name, municipality or locality</label>")
    );
    // And it does: by locality, municipality and name.
    for (q, key) in [
        ("Oaxaca%20de%20Juarez", LOCATED),
        ("tehuantepec", UNLOCATED),
        ("ninos%20heroes", LOCATED),
    ] {
        let page = get(&app, &format!("/en/kitchens?q={q}")).await;
        assert!(main_of(&page.body).contains(key), "{q}");
    }
}

async fn what_is_not_understood_is_told_in_the_page_s_language(engine: Engine) {
    let app = app(&engine).await;
    let es = get(&app, "/cocinas?municipio=999&color=rojo&pagina=dos").await;
    assert_eq!(es.status, StatusCode::OK);
    let main = main_of(&es.body);
    assert!(
        main.contains("<div class=\"notice\" role=\"alert\">"),
        "{main}"
    );
    assert!(
        main.contains("«municipio» debe ser la clave INEGI"),
        "{main}"
    );
    assert!(main.contains("«color» no es un filtro de esta lista"));
    assert!(main.contains("«pagina» debe ser un número de página"));
    assert!(
        !main.contains("rojo") && !main.contains("999"),
        "values are not repeated"
    );
    // The bad municipality filters nothing: every kitchen is listed.
    for key in [LOCATED, ELSEWHERE, UNLOCATED] {
        assert!(main.contains(key), "{key}");
    }
    let en = get(&app, "/en/kitchens?municipality=abc&q=a&q=b").await;
    let main = main_of(&en.body);
    assert!(
        main.contains("“municipality” must be the INEGI key"),
        "{main}"
    );
    assert!(main.contains("“q” appears more than once"));
}

async fn a_notice_never_repeats_input_unescaped_or_personal(engine: Engine) {
    let app = app(&engine).await;
    let hostile = get(&app, "/en/kitchens?%3Cscript%3Ealert(1)%3C%2Fscript%3E=1").await;
    assert_eq!(hostile.status, StatusCode::OK);
    let main = main_of(&hostile.body);
    assert!(
        main.contains("“&#60;script&#62;alert(1)&#60;/script&#62;”"),
        "{main}"
    );
    assert!(!hostile.body.contains("<script>alert(1)"));
    let curp = "GOMA800101HOCRRN09";
    let personal = get(&app, &format!("/cocinas?{curp}=1")).await;
    assert!(
        !personal.body.contains(curp),
        "a CURP-shaped name is withheld"
    );
    assert!(main_of(&personal.body).contains("«[dato retirado / withheld]»"));
}

/// A page past the list's end shows the last one, saying so in the page's
/// language, with the filter kept; it never claims a filter matched nothing.
async fn a_page_past_the_end_shows_the_last_with_a_notice(engine: Engine) {
    let app = app(&engine).await;
    for (uri, said) in [
        ("/cocinas?pagina=99", "la lista tiene una sola página"),
        ("/en/kitchens?page=2", "the list has only one page"),
        (
            "/cocinas?municipio=067&pagina=5",
            "la lista tiene una sola página",
        ),
    ] {
        let page = get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let main = main_of(&page.body);
        assert!(main.contains("class=\"notice\""), "{uri}: {main}");
        assert!(main.contains(said), "{uri}: {main}");
        assert!(main.contains(LOCATED) && main.contains(ELSEWHERE), "{uri}");
        assert!(
            !main.contains("Ninguna cocina coincide") && !main.contains("No kitchen matches"),
            "{uri}: {main}"
        );
    }
    let filtered = get(&app, "/cocinas?municipio=067&pagina=5").await;
    assert!(
        !main_of(&filtered.body).contains(UNLOCATED),
        "still filtered"
    );
    // A page that exists has no notice.
    let first = get(&app, "/cocinas?pagina=1").await;
    assert!(!main_of(&first.body).contains("class=\"notice\""));
}

on_both_engines!(
    a_page_past_the_end_shows_the_last_with_a_notice,
    either_language_s_names_filter_on_either_page,
    the_search_box_says_what_it_searches,
    what_is_not_understood_is_told_in_the_page_s_language,
    a_notice_never_repeats_input_unescaped_or_personal,
);
