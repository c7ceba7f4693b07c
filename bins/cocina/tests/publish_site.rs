//! The static site's pages that differ from the portal's: a 404 page in
//! each language, the list of its one delivery, the kitchen list's count
//! without a filter, and links (the menu's GeoJSON among them) that all
//! lead to files of the site.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::publish::{files_under, published_site};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The absolute links of a page, without fragment or query.
fn own_links(html: &str) -> BTreeSet<String> {
    html.split("href=")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start_matches('"');
            let end = rest.find(['"', ' ', '>']).unwrap_or(rest.len());
            let link = rest[..end].split(['#', '?']).next().unwrap_or_default();
            (link.starts_with('/') && !link.starts_with("//")).then(|| link.to_owned())
        })
        .collect()
}

/// The file a static host serves for `link`: the file itself when it has
/// one, else the directory's `index.html`.
fn file_for(site: &Path, link: &str) -> PathBuf {
    let decoded = percent_decode(link.trim_start_matches('/'));
    let path = site.join(decoded);
    if path.is_file() {
        path
    } else {
        path.join("index.html")
    }
}

/// Decodes `%XX` escapes, as a static host does before looking a path up.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("addresses decode to UTF-8")
}

#[test]
fn each_language_has_a_404_page_that_links_the_lists() {
    let site = published_site();
    for (file, lang, text, lists) in [
        (
            "404.html",
            "es",
            "No hay ninguna página en esta dirección",
            ["/", "/cocinas", "/entregas", "/documentos", "/descargas"],
        ),
        (
            "en/404.html",
            "en",
            "There is no page at this address",
            [
                "/en/",
                "/en/kitchens",
                "/en/deliveries",
                "/en/documents",
                "/en/downloads",
            ],
        ),
    ] {
        let html = read(&site.join(file));
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{file}");
        let main = &html[html.find("<main").unwrap()..];
        assert!(main.contains(text), "{file}: {main}");
        let links = own_links(main);
        for list in lists {
            assert!(links.contains(list), "{file} links {list}: {links:?}");
            assert!(file_for(site, list).is_file(), "{list} exists");
        }
    }
}

/// The static list has no filter form, so "2,300 de 2,300 cocinas
/// coinciden" would claim a search that never ran.
#[test]
fn the_kitchen_list_gives_a_plain_count() {
    let site = published_site();
    let es = read(&site.join("cocinas/index.html"));
    assert!(!es.contains("<form"), "the static list has no form");
    assert!(
        es.contains("<p role=\"status\">2,300 cocinas.</p>"),
        "plain count"
    );
    assert!(!es.contains("de 2,300") && !es.contains("coinciden"));
    let en = read(&site.join("en/kitchens/index.html"));
    assert!(en.contains("<p role=\"status\">2,300 kitchens.</p>"));
    assert!(!en.contains("of 2,300"));
}

#[test]
fn the_list_of_deliveries_links_the_site_s_own_pages() {
    let site = published_site();
    for (file, downloads, quality) in [
        ("entregas/index.html", "/descargas", "/calidad"),
        ("en/deliveries/index.html", "/en/downloads", "/en/quality"),
    ] {
        let html = read(&site.join(file));
        let main = &html[html.find("<main").unwrap()..];
        assert!(main.contains("entrega-2016"), "{file}");
        assert!(main.contains("2,300"), "{file}: its kitchens");
        let links = own_links(main);
        assert!(
            links.contains(downloads) && links.contains(quality),
            "{links:?}"
        );
        assert!(
            !links
                .iter()
                .any(|l| l.contains("/entregas/") || l.contains("/deliveries/"))
        );
    }
}

/// The menu's GeoJSON was `/api/v1/kitchens`, a file without extension
/// that a static host serves as bytes of no known type.
#[test]
fn the_menu_s_geojson_is_a_geojson_file_of_the_package() {
    let site = published_site();
    for page in [
        "index.html",
        "en/index.html",
        "404.html",
        "entregas/index.html",
    ] {
        let html = read(&site.join(page));
        let header = &html[..html.find("</header>").unwrap()];
        let links = own_links(header);
        assert!(
            links.contains("/datos/cocinas.geojson"),
            "{page}: {links:?}"
        );
        assert!(
            !links.iter().any(|l| l.starts_with("/api/")),
            "{page}: {links:?}"
        );
    }
    let geojson = read(&site.join("datos/cocinas.geojson"));
    let collection: serde_json::Value = serde_json::from_str(&geojson).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    let descriptor = read(&site.join("datos/datapackage.json"));
    assert!(
        descriptor.contains("\"path\": \"cocinas.geojson\""),
        "in the package"
    );
}

/// The footer leads programs to the package's description, a file of the
/// site; not to the portal's API, which the site does not have.
#[test]
fn the_footer_links_the_package_s_description_and_no_api() {
    let site = published_site();
    for page in ["index.html", "en/index.html", "404.html", "en/404.html"] {
        let html = read(&site.join(page));
        let footer = own_links(&html[html.find("<footer>").unwrap()..]);
        assert!(
            footer.contains("/datos/datapackage.json"),
            "{page}: {footer:?}"
        );
        assert!(
            !footer.iter().any(|l| l.starts_with("/api/")),
            "{page}: {footer:?}"
        );
    }
}

/// Every absolute link of every page is a file of the site: the menu's
/// new entries (the deliveries, the GeoJSON) included.
#[test]
fn every_link_of_the_site_leads_to_one_of_its_files() {
    let site = published_site();
    let mut checked = BTreeSet::new();
    for path in files_under(site) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        for link in own_links(&read(&path)) {
            if checked.insert(link.clone()) {
                let file = file_for(site, &link);
                assert!(file.is_file(), "{link} in {}", path.display());
            }
        }
    }
    for expected in [
        "/entregas",
        "/en/deliveries",
        "/datos/cocinas.geojson",
        "/datos/datapackage.json",
    ] {
        assert!(checked.contains(expected), "{expected} is linked");
    }
}
