//! The URL scheme of the public pages, in one place.
//!
//! Spanish pages live at the root and English pages under `/en/`, with the
//! same structure:
//!
//! | page | Spanish | English |
//! |---|---|---|
//! | overview | `/` | `/en/` |
//! | kitchen list | `/cocinas` | `/en/kitchens` |
//! | one kitchen | `/cocinas/{clave}` | `/en/kitchens/{key}` |
//! | its history | `/cocinas/{clave}/historia` | `/en/kitchens/{key}/history` |
//! | one municipality | `/municipios/{clave}` | `/en/municipalities/{key}` |
//! | one region | `/regiones/{region}` | `/en/regions/{region}` |
//! | documents | `/documentos` | `/en/documents` |
//! | downloads | `/descargas` | `/en/downloads` |
//! | delivery quality | `/calidad` | `/en/quality` |
//! | every delivery | `/entregas` | `/en/deliveries` |
//! | one delivery's downloads | `/entregas/{id}/descargas` | `/en/deliveries/{id}/downloads` |
//! | one delivery's quality | `/entregas/{id}/calidad` | `/en/deliveries/{id}/quality` |
//!
//! The last three are the portal's, which holds several deliveries: the
//! documents, downloads and quality pages without a delivery show the one
//! loaded last, while a delivery's own pages keep their address whatever is
//! loaded after it.
//!
//! [`Page::url`] gives the URL of a page in a language, which is how every
//! page links to its twin in the other language; [`PageKind::pattern`] gives
//! the route patterns a server registers. Kitchen keys are percent-encoded
//! in paths, since the agency's keys may hold spaces or slashes.

use std::fmt::Write as _;

use cocina_model::{KitchenKey, Lang, MunicipalityKey};

/// The path of the GeoJSON list of kitchens (RFC 7946).
pub const API_KITCHENS: &str = "/api/v1/kitchens";

/// A kind of public page, without its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The state's figures and the map.
    Overview,
    /// The table of kitchens.
    KitchenList,
    /// One kitchen.
    Kitchen,
    /// One kitchen across deliveries (served by the portal only: the
    /// static site holds one delivery).
    KitchenHistory,
    /// One municipality.
    Municipality,
    /// One region (only with reference data).
    Region,
    /// The documents of the delivery.
    Documents,
    /// The open-data downloads.
    Downloads,
    /// What was requested and came, and the validation scorecard.
    Quality,
    /// Every delivery held, with links to its own pages (the portal's).
    Deliveries,
    /// The open-data downloads of one delivery (the portal's).
    DeliveryDownloads,
    /// The scorecard of one delivery (the portal's).
    DeliveryQuality,
}

impl PageKind {
    /// All kinds, for registering routes.
    pub const ALL: [PageKind; 12] = [
        PageKind::Overview,
        PageKind::KitchenList,
        PageKind::Kitchen,
        PageKind::KitchenHistory,
        PageKind::Municipality,
        PageKind::Region,
        PageKind::Documents,
        PageKind::Downloads,
        PageKind::Quality,
        PageKind::Deliveries,
        PageKind::DeliveryDownloads,
        PageKind::DeliveryQuality,
    ];

    /// Returns the route pattern of this kind of page in `lang`, with the
    /// kitchen or municipality key, the region's slug or the delivery's id
    /// as the `{key}` parameter (axum's syntax).
    #[must_use]
    pub fn pattern(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PageKind::Overview, Lang::Es) => "/",
            (PageKind::Overview, Lang::En) => "/en/",
            (PageKind::KitchenList, Lang::Es) => "/cocinas",
            (PageKind::KitchenList, Lang::En) => "/en/kitchens",
            (PageKind::Kitchen, Lang::Es) => "/cocinas/{key}",
            (PageKind::Kitchen, Lang::En) => "/en/kitchens/{key}",
            (PageKind::KitchenHistory, Lang::Es) => "/cocinas/{key}/historia",
            (PageKind::KitchenHistory, Lang::En) => "/en/kitchens/{key}/history",
            (PageKind::Municipality, Lang::Es) => "/municipios/{key}",
            (PageKind::Municipality, Lang::En) => "/en/municipalities/{key}",
            (PageKind::Region, Lang::Es) => "/regiones/{key}",
            (PageKind::Region, Lang::En) => "/en/regions/{key}",
            (PageKind::Documents, Lang::Es) => "/documentos",
            (PageKind::Documents, Lang::En) => "/en/documents",
            (PageKind::Downloads, Lang::Es) => "/descargas",
            (PageKind::Downloads, Lang::En) => "/en/downloads",
            (PageKind::Quality, Lang::Es) => "/calidad",
            (PageKind::Quality, Lang::En) => "/en/quality",
            (PageKind::Deliveries, Lang::Es) => "/entregas",
            (PageKind::Deliveries, Lang::En) => "/en/deliveries",
            (PageKind::DeliveryDownloads, Lang::Es) => "/entregas/{key}/descargas",
            (PageKind::DeliveryDownloads, Lang::En) => "/en/deliveries/{key}/downloads",
            (PageKind::DeliveryQuality, Lang::Es) => "/entregas/{key}/calidad",
            (PageKind::DeliveryQuality, Lang::En) => "/en/deliveries/{key}/quality",
        }
    }
}

/// Kitchens per page of the kitchen list: about 40 KB of HTML, light
/// enough for a slow connection.
pub const LIST_PAGE_SIZE: u32 = 200;

/// What the kitchen list is narrowed to, and which of its pages is shown,
/// from its query string (`?municipio=067&q=texto&pagina=2`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only kitchens of this municipality.
    pub municipality: Option<MunicipalityKey>,
    /// Only kitchens whose name contains this text (accents and case
    /// ignored).
    pub name: Option<String>,
    /// The page of the list, from 1; 0 is read as 1.
    pub page: u32,
}

impl ListFilter {
    /// Returns whether the filter narrows anything (the page aside).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.municipality.is_none() && self.name.is_none()
    }

    /// Returns the page shown, from 1.
    #[must_use]
    pub fn page(&self) -> u32 {
        self.page.max(1)
    }

    /// Returns the same filter on another page.
    #[must_use]
    pub fn on_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    /// Returns the query string, with its leading `?`, or an empty string.
    #[must_use]
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(key) = self.municipality {
            parts.push(format!("municipio={key}"));
        }
        if let Some(name) = &self.name {
            parts.push(format!("q={}", encode_component(name)));
        }
        if self.page() > 1 {
            parts.push(format!("pagina={}", self.page()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// One public page, with what identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The overview.
    Overview,
    /// The kitchen list, possibly filtered.
    KitchenList(ListFilter),
    /// One kitchen's page.
    Kitchen(KitchenKey),
    /// One kitchen's history across deliveries.
    KitchenHistory(KitchenKey),
    /// One municipality's page.
    Municipality(MunicipalityKey),
    /// One region's page, by its slug ([`slug`]).
    Region(String),
    /// The documents of the delivery.
    Documents,
    /// The open-data downloads.
    Downloads,
    /// The delivery's completeness and validation scorecard.
    Quality,
    /// Every delivery held.
    Deliveries,
    /// The open-data downloads of the delivery with this id.
    DeliveryDownloads(String),
    /// The scorecard of the delivery with this id.
    DeliveryQuality(String),
    /// A page that does not exist; its twin is the other language's
    /// overview.
    NotFound,
}

impl Page {
    /// Returns the URL of this page in `lang`, as an absolute path.
    ///
    /// ```
    /// use cocina_model::{KitchenKey, Lang};
    /// use cocina_rendering::Page;
    ///
    /// let page = Page::Kitchen(KitchenKey::new("OAX 001/B").unwrap());
    /// assert_eq!(page.url(Lang::Es), "/cocinas/OAX%20001%2FB");
    /// assert_eq!(page.url(Lang::En), "/en/kitchens/OAX%20001%2FB");
    /// ```
    #[must_use]
    pub fn url(&self, lang: Lang) -> String {
        match self {
            Page::Overview | Page::NotFound => PageKind::Overview.pattern(lang).to_owned(),
            Page::KitchenList(filter) => {
                format!("{}{}", PageKind::KitchenList.pattern(lang), filter.query())
            }
            Page::Kitchen(key) => {
                let list = PageKind::KitchenList.pattern(lang);
                format!("{list}/{}", encode_segment(key.as_str()))
            }
            Page::KitchenHistory(key) => {
                let kitchen = Page::Kitchen(key.clone()).url(lang);
                let tail = lang.pick("historia", "history");
                format!("{kitchen}/{tail}")
            }
            Page::Municipality(key) => PageKind::Municipality
                .pattern(lang)
                .replace("{key}", key.as_str()),
            Page::Region(name) => PageKind::Region
                .pattern(lang)
                .replace("{key}", &encode_segment(name)),
            Page::Documents => PageKind::Documents.pattern(lang).to_owned(),
            Page::Downloads => PageKind::Downloads.pattern(lang).to_owned(),
            Page::Quality => PageKind::Quality.pattern(lang).to_owned(),
            Page::Deliveries => PageKind::Deliveries.pattern(lang).to_owned(),
            Page::DeliveryDownloads(id) => PageKind::DeliveryDownloads
                .pattern(lang)
                .replace("{key}", &encode_segment(id)),
            Page::DeliveryQuality(id) => PageKind::DeliveryQuality
                .pattern(lang)
                .replace("{key}", &encode_segment(id)),
        }
    }

    /// Returns the kind of page, or `None` for [`Page::NotFound`].
    #[must_use]
    pub fn kind(&self) -> Option<PageKind> {
        match self {
            Page::Overview => Some(PageKind::Overview),
            Page::KitchenList(_) => Some(PageKind::KitchenList),
            Page::Kitchen(_) => Some(PageKind::Kitchen),
            Page::KitchenHistory(_) => Some(PageKind::KitchenHistory),
            Page::Municipality(_) => Some(PageKind::Municipality),
            Page::Region(_) => Some(PageKind::Region),
            Page::Documents => Some(PageKind::Documents),
            Page::Downloads => Some(PageKind::Downloads),
            Page::Quality => Some(PageKind::Quality),
            Page::Deliveries => Some(PageKind::Deliveries),
            Page::DeliveryDownloads(_) => Some(PageKind::DeliveryDownloads),
            Page::DeliveryQuality(_) => Some(PageKind::DeliveryQuality),
            Page::NotFound => None,
        }
    }
}

/// Returns the other language: the target of the language switch.
#[must_use]
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Es => Lang::En,
        Lang::En => Lang::Es,
    }
}

/// Returns the language a request path is in: English under `/en`,
/// Spanish everywhere else.
///
/// ```
/// use cocina_model::Lang;
/// use cocina_rendering::routes::lang_of_path;
///
/// assert_eq!(lang_of_path("/en/kitchens/X"), Lang::En);
/// assert_eq!(lang_of_path("/en"), Lang::En);
/// assert_eq!(lang_of_path("/enlaces"), Lang::Es);
/// ```
#[must_use]
pub fn lang_of_path(path: &str) -> Lang {
    if path == "/en" || path.starts_with("/en/") {
        Lang::En
    } else {
        Lang::Es
    }
}

/// Returns the slug a region's page is addressed by: its name folded to
/// lower case ASCII, words joined by hyphens.
///
/// ```
/// use cocina_rendering::routes::slug;
///
/// assert_eq!(slug("Valles Centrales"), "valles-centrales");
/// assert_eq!(slug("Cañada"), "canada");
/// ```
#[must_use]
pub fn slug(name: &str) -> String {
    cocina_model::text::fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Percent-encodes a path segment; a key of only dots is encoded whole, as
/// `.` and `..` would otherwise be read as relative paths.
///
/// ```
/// use cocina_rendering::routes::encode_segment;
///
/// assert_eq!(encode_segment("entrega 2016/b"), "entrega%202016%2Fb");
/// assert_eq!(encode_segment(".."), "%2E%2E");
/// ```
#[must_use]
pub fn encode_segment(text: &str) -> String {
    if text.bytes().all(|b| b == b'.') {
        return "%2E".repeat(text.len());
    }
    encode_component(text)
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so the
/// result is safe as a path segment or a query value.
#[must_use]
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> KitchenKey {
        KitchenKey::new(text).unwrap()
    }

    #[test]
    fn every_page_has_a_twin_in_the_other_language() {
        let pages = [
            Page::Overview,
            Page::KitchenList(ListFilter::default()),
            Page::Kitchen(key("OAX-VC-001")),
        ];
        let expected = [
            ("/", "/en/"),
            ("/cocinas", "/en/kitchens"),
            ("/cocinas/OAX-VC-001", "/en/kitchens/OAX-VC-001"),
        ];
        let more = [
            (
                Page::Municipality(MunicipalityKey::new("067").unwrap()),
                "/municipios/067",
                "/en/municipalities/067",
            ),
            (
                Page::Region(slug("Sierra Sur")),
                "/regiones/sierra-sur",
                "/en/regions/sierra-sur",
            ),
            (Page::Documents, "/documentos", "/en/documents"),
            (Page::Downloads, "/descargas", "/en/downloads"),
            (Page::Quality, "/calidad", "/en/quality"),
            (Page::Deliveries, "/entregas", "/en/deliveries"),
            (
                Page::DeliveryDownloads("entrega-2015".into()),
                "/entregas/entrega-2015/descargas",
                "/en/deliveries/entrega-2015/downloads",
            ),
            (
                Page::DeliveryQuality("entrega 2015/b".into()),
                "/entregas/entrega%202015%2Fb/calidad",
                "/en/deliveries/entrega%202015%2Fb/quality",
            ),
        ];
        for (page, es, en) in more {
            assert_eq!(page.url(Lang::Es), es);
            assert_eq!(page.url(Lang::En), en);
        }
        for (page, (es, en)) in pages.iter().zip(expected) {
            assert_eq!(page.url(Lang::Es), es);
            assert_eq!(page.url(Lang::En), en);
            assert_eq!(lang_of_path(&page.url(Lang::En)), Lang::En);
            assert_eq!(lang_of_path(&page.url(Lang::Es)), Lang::Es);
        }
    }

    #[test]
    fn filters_travel_in_the_query_string() {
        let filter = ListFilter {
            municipality: Some(MunicipalityKey::new("067").unwrap()),
            name: Some("Niños & más".into()),
            page: 1,
        };
        assert_eq!(
            Page::KitchenList(filter.clone()).url(Lang::En),
            "/en/kitchens?municipio=067&q=Ni%C3%B1os%20%26%20m%C3%A1s"
        );
        let url = Page::KitchenList(filter.on_page(3)).url(Lang::Es);
        assert!(url.ends_with("&pagina=3"), "{url}");
    }

    #[test]
    fn keys_cannot_break_out_of_their_segment() {
        let url = Page::Kitchen(key("../<a> \"x\"?")).url(Lang::Es);
        assert_eq!(url, "/cocinas/..%2F%3CA%3E%20%22X%22%3F");
        assert_eq!(Page::Kitchen(key("..")).url(Lang::Es), "/cocinas/%2E%2E");
    }

    #[test]
    fn patterns_match_urls() {
        for lang in Lang::ALL {
            let url = Page::Kitchen(key("K1")).url(lang);
            let pattern = PageKind::Kitchen.pattern(lang);
            assert_eq!(pattern.replace("{key}", "K1"), url);
            let url = Page::KitchenHistory(key("K1")).url(lang);
            let pattern = PageKind::KitchenHistory.pattern(lang);
            assert_eq!(pattern.replace("{key}", "K1"), url);
            for (page, kind) in [
                (
                    Page::DeliveryDownloads("E1".into()),
                    PageKind::DeliveryDownloads,
                ),
                (
                    Page::DeliveryQuality("E1".into()),
                    PageKind::DeliveryQuality,
                ),
            ] {
                assert_eq!(kind.pattern(lang).replace("{key}", "E1"), page.url(lang));
                assert_eq!(page.kind(), Some(kind));
            }
        }
    }
}
