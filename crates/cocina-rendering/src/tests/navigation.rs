//! What every page shares: the menu, with the list of deliveries and the
//! package's GeoJSON; the 404 page; the tables of municipalities in
//! alphabetical order.

use cocina_model::{Lang, MunicipalityKey};

use super::{all_pages, overview_model};
use crate::data_pages::tests::deliveries_model;
use crate::routes::KITCHENS_GEOJSON;
use crate::view::MunicipalityFigures;
use crate::{Page, Scope, Shown, Target, deliveries, deliveries_in, not_found, overview};

/// The page's menu.
fn menu_of(html: &str) -> &str {
    let start = html.find("<nav aria-label").unwrap();
    let end = start + html[start..].find("</nav>").unwrap();
    &html[start..end]
}

#[test]
fn every_page_s_menu_links_the_deliveries_and_the_package_s_geojson() {
    for lang in Lang::ALL {
        let deliveries = format!(">{}</a>", lang.pick("Entregas", "Deliveries"));
        let link = format!("<a href=\"{}\"", Page::Deliveries.url(lang));
        for (page, html) in all_pages(lang) {
            let menu = menu_of(&html);
            assert!(
                menu.contains(&link) && menu.contains(&deliveries),
                "{page:?} {lang}"
            );
            let geojson =
                format!("<a href=\"{KITCHENS_GEOJSON}\" type=\"application/geo+json\" download>");
            assert!(menu.contains(&geojson), "{page:?} {lang}: {menu}");
            assert!(!menu.contains("/api/v1/kitchens"), "{page:?} {lang}");
        }
    }
}

/// The page's footer.
fn footer_of(html: &str) -> &str {
    &html[html.find("<footer>").unwrap()..]
}

/// The portal's footer links its API's OpenAPI document and the package's
/// description; the static site's, which has no API, only the latter.
#[test]
fn every_footer_links_what_programs_read_where_it_is_served() {
    let openapi = "<a href=\"/api/v1/openapi.json\" type=\"application/json\">";
    let package = "<a href=\"/datos/datapackage.json\" type=\"application/json\">";
    for (lang, words) in [
        (Lang::Es, "API (documento OpenAPI)"),
        (Lang::En, "(OpenAPI document)"),
    ] {
        for (page, html) in all_pages(lang) {
            let footer = footer_of(&html);
            assert!(footer.contains(openapi), "{page:?} {lang}: {footer}");
            assert!(footer.contains(words), "{page:?} {lang}: {footer}");
            assert!(footer.contains(package), "{page:?} {lang}: {footer}");
        }
        let site = [
            overview(&overview_model(), Target::site(lang)).unwrap(),
            not_found(Target::site(lang)).unwrap(),
            deliveries_in(&deliveries_model(), Scope::Site, lang).unwrap(),
        ];
        for html in site {
            let footer = footer_of(&html);
            assert!(!footer.contains("/api/"), "{lang}: {footer}");
            assert!(footer.contains(package), "{lang}: {footer}");
        }
    }
}

#[test]
fn the_deliveries_entry_is_current_on_the_list_of_deliveries() {
    let html = deliveries(&deliveries_model(), Lang::Es).unwrap();
    assert!(menu_of(&html).contains("<a href=\"/entregas\" aria-current=\"page\">Entregas</a>"));
    let html = overview(&overview_model(), Lang::En).unwrap();
    assert!(menu_of(&html).contains("<a href=\"/en/deliveries\">Deliveries</a>"));
}

/// The static site holds one delivery: its list links the site's own
/// downloads and quality pages, which exist there, not the portal's.
#[test]
fn the_site_s_list_of_deliveries_links_its_own_pages() {
    for lang in Lang::ALL {
        let html = deliveries_in(&deliveries_model(), Scope::Site, lang).unwrap();
        let main = &html[html.find("<main").unwrap()..];
        assert!(main.contains(&format!("href=\"{}\"", Page::Downloads.url(lang))));
        assert!(main.contains(&format!("href=\"{}\"", Page::Quality.url(lang))));
        assert!(
            !main.contains(lang.pick("/entregas/", "/en/deliveries/")),
            "{main}"
        );
        assert!(main.contains(lang.pick("que publica este sitio", "this site publishes")));
    }
    let portal = deliveries(&deliveries_model(), Lang::Es).unwrap();
    assert!(portal.contains("href=\"/entregas/entrega-2016/descargas\""));
}

#[test]
fn the_404_page_fits_any_missing_page_and_links_the_lists() {
    for lang in Lang::ALL {
        let html = not_found(lang).unwrap();
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        let kitchen = lang.pick("la cocina", "The kitchen");
        assert!(!main.contains(kitchen), "{lang}: {main}");
        for page in [
            Page::Overview,
            Page::KitchenList(crate::ListFilter::default()),
            Page::Deliveries,
            Page::Documents,
            Page::Downloads,
        ] {
            let link = format!("<a href=\"{}\">", page.url(lang));
            assert!(main.contains(&link), "{lang}: {link} missing from {main}");
        }
        let text = lang.pick("No hay ninguna página", "There is no page");
        assert!(main.contains(text));
    }
}

#[test]
fn the_overview_lists_municipalities_by_name_not_by_key() {
    let mut model = overview_model();
    let figures = |key: &str, name: &str| MunicipalityFigures {
        key: MunicipalityKey::new(key).unwrap(),
        name: name.into(),
        kitchens: 1,
        beneficiaries: Shown::Count(0),
    };
    model.municipalities = vec![
        figures("002", "Acatlán de Pérez Figueroa"),
        figures("067", "Oaxaca de Juárez"),
        figures("184", "San Juan Bautista Tuxtepec"),
        figures("185", "San Juan Cacahuatepec"),
        figures("398", "Heroica Ciudad de Ejutla de Crespo"),
        figures("043", "Heroica Ciudad de Juchitán de Zaragoza"),
        figures("209", "San Juan Ñumí"),
        figures("210", "San Juan Ozolotepec"),
    ];
    let html = overview(&model, Lang::Es).unwrap();
    let names: Vec<&str> = html
        .split("<td><a href=municipios/")
        .skip(1)
        .map(|row| row.split_once('>').unwrap().1.split_once('<').unwrap().0)
        .collect();
    assert_eq!(
        names,
        [
            "Acatlán de Pérez Figueroa",
            "Heroica Ciudad de Ejutla de Crespo",
            "Heroica Ciudad de Juchitán de Zaragoza",
            "Oaxaca de Juárez",
            "San Juan Bautista Tuxtepec",
            "San Juan Cacahuatepec",
            "San Juan Ñumí",
            "San Juan Ozolotepec",
        ]
    );
}
