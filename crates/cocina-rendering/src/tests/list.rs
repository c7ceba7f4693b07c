//! The kitchen list: the form speaks the page's language, the search box
//! says what it searches, the count fits the page, and what the address
//! asked that was not understood is told.

use cocina_model::{Lang, MunicipalityKey};

use super::{list_model, oaxaca};
use crate::kitchen_list;
use crate::routes::{ListParam, QueryNotice};
use crate::view::MunicipalityOption;

/// The part of a page inside `<main>`, where a notice would be.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    &html[start..end]
}

#[test]
fn each_language_s_form_sends_names_its_page_reads() {
    let es = kitchen_list(&list_model(), Lang::Es).unwrap();
    assert!(
        es.contains("<select id=\"municipio\" name=\"municipio\">"),
        "{es}"
    );
    assert!(es.contains("<input id=\"q\" name=\"q\" type=\"search\""));
    let en = kitchen_list(&list_model(), Lang::En).unwrap();
    assert!(
        en.contains("<select id=\"municipality\" name=\"municipality\">"),
        "{en}"
    );
    assert!(
        !en.contains("name=\"municipio\""),
        "no Spanish name in English"
    );
    assert!(en.contains("<label for=\"municipality\">Municipality</label>"));
}

#[test]
fn the_search_box_says_it_searches_name_municipality_and_locality() {
    let es = kitchen_list(&list_model(), Lang::Es).unwrap();
    assert!(es.contains("<label for=\"q\">Buscar en nombre, municipio o localidad</label>"));
    let en = kitchen_list(&list_model(), Lang::En).unwrap();
    assert!(en.contains("<label for=\"q\">Search name, municipality or locality</label>"));
    assert!(!es.contains("El nombre contiene") && !en.contains("Name contains"));
}

#[test]
fn a_list_without_filter_gives_a_plain_count() {
    let mut model = list_model();
    model.filter = crate::ListFilter::default();
    model.matching = 2_300;
    model.total = 2_300;
    let es = kitchen_list(&model, Lang::Es).unwrap();
    assert!(es.contains("<p role=\"status\">2,300 cocinas.</p>"), "{es}");
    assert!(!es.contains("de 2,300") && !es.contains("coinciden"));
    let en = kitchen_list(&model, Lang::En).unwrap();
    assert!(en.contains("<p role=\"status\">2,300 kitchens.</p>"));
    // The static site's list: no form, and still no filter count.
    model.municipalities.clear();
    let site = kitchen_list(&model, Lang::Es).unwrap();
    assert!(!site.contains("<form") && site.contains(">2,300 cocinas.<"));
    model.total = 1;
    let one = kitchen_list(&model, Lang::En).unwrap();
    assert!(one.contains(">1 kitchen.<"), "{one}");
}

#[test]
fn no_notice_when_everything_was_understood() {
    for lang in Lang::ALL {
        let html = kitchen_list(&list_model(), lang).unwrap();
        assert!(!main_of(&html).contains("class=\"notice\""), "{lang}");
    }
}

#[test]
fn every_kind_of_notice_is_told_in_the_page_s_language() {
    let mut model = list_model();
    model.notices = vec![
        QueryNotice::UnknownParameter("color".into()),
        QueryNotice::BadValue {
            param: ListParam::Municipality,
            written: "municipality",
        },
        QueryNotice::BadValue {
            param: ListParam::Page,
            written: "pagina",
        },
        QueryNotice::Repeated {
            param: ListParam::Text,
            written: "q",
        },
        QueryNotice::TextCut,
        QueryNotice::PastLastPage { last: 12 },
    ];
    let es = kitchen_list(&model, Lang::Es).unwrap();
    let notice = main_of(&es);
    for expected in [
        "<div class=\"notice\" role=\"alert\">",
        "Parte de la dirección no se entendió",
        "«color» no es un filtro de esta lista",
        "«municipality» debe ser la clave INEGI de un municipio de Oaxaca",
        "«pagina» debe ser un número de página",
        "«q» aparece más de una vez",
        "se acortó a sus primeros 100 caracteres",
        "La página pedida no existe: la lista tiene 12 páginas; se muestra la última.",
    ] {
        assert!(notice.contains(expected), "{expected:?} missing:\n{notice}");
    }
    let en = kitchen_list(&model, Lang::En).unwrap();
    let notice = main_of(&en);
    for expected in [
        "Part of the address was not understood",
        "“color” is not a filter of this list",
        "“municipality” must be the INEGI key of a municipality of Oaxaca",
        "“pagina” must be a page number from 1",
        "“q” appears more than once",
        "cut to its first 100 characters",
        "The page asked for does not exist: the list has 12 pages; the last one is shown.",
    ] {
        assert!(notice.contains(expected), "{expected:?} missing:\n{notice}");
    }
}

#[test]
fn an_unknown_parameter_s_name_is_escaped() {
    let mut model = list_model();
    model.notices = vec![QueryNotice::UnknownParameter("<img src=x>\"".into())];
    for lang in Lang::ALL {
        let html = kitchen_list(&model, lang).unwrap();
        assert!(!html.contains("<img"), "{lang}");
        assert!(html.contains("&#60;img src=x&#62;&#34;"), "{html}");
    }
}

#[test]
fn the_municipality_choices_are_in_alphabetical_order() {
    let mut model = list_model();
    let option = |key: &str, name: &str| MunicipalityOption {
        key: MunicipalityKey::new(key).unwrap(),
        name: name.into(),
    };
    model.municipalities = vec![
        option("001", "Abejones"),
        option("067", "Oaxaca de Juárez"),
        option("010", "El Barrio de la Soledad"),
        option("005", "Asunción Ixtaltepec"),
    ];
    let html = kitchen_list(&model, Lang::Es).unwrap();
    let at = |name: &str| html.find(name).unwrap();
    assert!(at(">Abejones<") < at(">Asunción Ixtaltepec<"));
    assert!(at(">Asunción Ixtaltepec<") < at(">El Barrio de la Soledad<"));
    assert!(at(">El Barrio de la Soledad<") < at(">Oaxaca de Juárez<"));
    assert_eq!(model.filter.municipality, Some(oaxaca()));
    assert!(html.contains("<option value=\"067\" selected>"));
}

#[test]
fn a_page_past_the_end_shows_the_last_with_a_notice() {
    let mut model = list_model();
    model.filter = crate::ListFilter::default();
    model.matching = 2_300;
    model.total = 2_300;
    let (filter, notice) = crate::ListFilter {
        page: 99,
        ..crate::ListFilter::default()
    }
    .within(model.matching);
    model.filter = filter;
    model.notices = notice.into_iter().collect();
    let es = kitchen_list(&model, Lang::Es).unwrap();
    let main = main_of(&es);
    assert!(main.contains("Página 12 de 12"), "{main}");
    assert!(main.contains("la lista tiene 12 páginas; se muestra la última"));
    assert!(main.contains("rel=\"prev\"") && !main.contains("rel=\"next\""));
    // One page only: said in the singular.
    model.notices = vec![QueryNotice::PastLastPage { last: 1 }];
    let en = kitchen_list(&model, Lang::En).unwrap();
    assert!(main_of(&en).contains("the list has only one page, shown here"));
}

#[test]
fn an_empty_list_without_filter_does_not_speak_of_a_filter() {
    let mut model = list_model();
    model.filter = crate::ListFilter::default();
    model.kitchens.clear();
    (model.matching, model.total) = (0, 0);
    let es = kitchen_list(&model, Lang::Es).unwrap();
    assert!(
        main_of(&es).contains("La entrega no tiene cocinas."),
        "{es}"
    );
    assert!(!es.contains("filtro."), "{es}");
    model.filter.text = Some("nada".into());
    let en = kitchen_list(&model, Lang::En).unwrap();
    assert!(main_of(&en).contains("No kitchen matches the filter."));
}
