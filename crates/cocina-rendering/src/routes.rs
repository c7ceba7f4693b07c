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

use cocina_geography::Catalog;
use cocina_model::public::PublicText;
use cocina_model::{KitchenKey, Lang, MunicipalityKey};

/// The path of the GeoJSON list of kitchens (RFC 7946).
pub const API_KITCHENS: &str = "/api/v1/kitchens";

/// The path of the API's OpenAPI document, which only the portal serves.
pub const API_OPENAPI: &str = "/api/v1/openapi.json";

/// The address of the open-data package's description, its
/// `datapackage.json` (Frictionless Data Package), which the static site
/// and the portal both hold.
pub const PACKAGE_DESCRIPTOR: &str = "/datos/datapackage.json";

/// The directory of the open-data package, under the site's root and the
/// portal's.
pub const DATA_DIR: &str = "datos";

/// The file name of the package's kitchens as GeoJSON (RFC 7946).
pub const GEOJSON_FILE: &str = "cocinas.geojson";

/// The address of the package's kitchens as GeoJSON, which every page's
/// menu links to as a download: [`DATA_DIR`] and [`GEOJSON_FILE`].
pub const KITCHENS_GEOJSON: &str = "/datos/cocinas.geojson";

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

/// The highest list page honoured: far beyond any delivery's kitchens, and
/// small enough that the offset cannot overflow. A higher one is read as
/// this one.
pub const MAX_LIST_PAGE: u32 = 100_000;

/// The longest search text read, in characters; longer text is cut.
pub const MAX_SEARCH_CHARS: usize = 100;

/// The longest unknown parameter name a page repeats, in characters.
const MAX_NAME_SHOWN: usize = 40;

/// A parameter of the kitchen list's query string. Each has a Spanish and
/// an English name, and the list reads both in either language, so a link
/// or a form of one language works on the other's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListParam {
    /// The municipality's INEGI key: `municipio` or `municipality`.
    Municipality,
    /// Text searched in the kitchen's name, municipality and locality:
    /// `q` in both languages.
    Text,
    /// The page of the list, from 1: `pagina` or `page`.
    Page,
}

impl ListParam {
    /// All parameters, in the order the form and the links write them.
    pub const ALL: [ListParam; 3] = [ListParam::Municipality, ListParam::Text, ListParam::Page];

    /// Returns the parameter's name in `lang`, as that language's form and
    /// links write it.
    ///
    /// ```
    /// use cocina_model::Lang;
    /// use cocina_rendering::routes::ListParam;
    ///
    /// assert_eq!(ListParam::Municipality.name(Lang::Es), "municipio");
    /// assert_eq!(ListParam::Page.name(Lang::En), "page");
    /// ```
    #[must_use]
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ListParam::Municipality => lang.pick("municipio", "municipality"),
            ListParam::Text => "q",
            ListParam::Page => lang.pick("pagina", "page"),
        }
    }

    /// Returns the parameter a query string's `name` is, in either
    /// language, with that name as the list spells it.
    #[must_use]
    pub fn of(name: &str) -> Option<(Self, &'static str)> {
        Self::ALL.into_iter().find_map(|param| {
            Lang::ALL
                .into_iter()
                .map(|lang| param.name(lang))
                .find(|known| *known == name)
                .map(|known| (param, known))
        })
    }
}

/// Something of the kitchen list's query string that was not understood
/// and left out, for the page to tell the visitor instead of ignoring it
/// silently. It holds no value the visitor wrote: only a parameter's name,
/// screened as public text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryNotice {
    /// A parameter the list does not read. Its name as written, cut to 40
    /// characters, or [`PublicText::WITHHELD`] when it looks like personal
    /// data.
    UnknownParameter(String),
    /// A value the parameter does not take (a municipality that is not the
    /// key of one of Oaxaca's, a page that is not a number from 1); the
    /// parameter is left out.
    BadValue {
        /// The parameter.
        param: ListParam,
        /// Its name as the query string wrote it.
        written: &'static str,
    },
    /// A parameter given more than once, in either language: the first
    /// value counts.
    Repeated {
        /// The parameter.
        param: ListParam,
        /// Its name as the query string wrote it the second time.
        written: &'static str,
    },
    /// The search text was longer than [`MAX_SEARCH_CHARS`] and was cut.
    TextCut,
    /// The page asked for lies past the list's end: the last page is shown
    /// instead ([`ListFilter::within`]).
    PastLastPage {
        /// The list's last page, from 1.
        last: u32,
    },
}

/// What the kitchen list is narrowed to, and which of its pages is shown,
/// from its query string (`?municipio=067&q=texto&pagina=2`, or in English
/// `?municipality=067&q=text&page=2`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only kitchens of this municipality.
    pub municipality: Option<MunicipalityKey>,
    /// Only kitchens whose name, municipality or locality contains this
    /// text (accents and case ignored).
    pub text: Option<String>,
    /// The page of the list, from 1; 0 is read as 1.
    pub page: u32,
}

impl ListFilter {
    /// Reads the filter from a query string's pairs, in order, with what
    /// was not understood. Parameter names are read in both languages
    /// ([`ListParam`]); a blank value counts as absent, as a form sends a
    /// field left empty. A municipality is its three-digit INEGI key (`067`
    /// or `67`) or the five-digit one with the state's (`20067`), and must
    /// be one of Oaxaca's.
    ///
    /// ```
    /// use cocina_rendering::ListFilter;
    /// use cocina_rendering::routes::{ListParam, QueryNotice};
    ///
    /// let pairs = [("municipality", "20067"), ("pagina", "dos"), ("color", "rojo")];
    /// let pairs: Vec<_> = pairs.map(|(k, v)| (k.to_owned(), v.to_owned())).into();
    /// let (filter, notices) = ListFilter::from_query(&pairs);
    /// assert_eq!(filter.municipality.unwrap().as_str(), "067");
    /// assert_eq!(filter.page(), 1);
    /// assert_eq!(notices, [
    ///     QueryNotice::BadValue { param: ListParam::Page, written: "pagina" },
    ///     QueryNotice::UnknownParameter("color".into()),
    /// ]);
    /// ```
    #[must_use]
    pub fn from_query(pairs: &[(String, String)]) -> (Self, Vec<QueryNotice>) {
        let mut filter = Self::default();
        let mut notices = Vec::new();
        let mut seen = Vec::new();
        for (name, value) in pairs {
            let value = value.trim();
            let Some((param, written)) = ListParam::of(name) else {
                if !(name.is_empty() && value.is_empty()) {
                    notices.push(QueryNotice::UnknownParameter(shown_name(name)));
                }
                continue;
            };
            if value.is_empty() {
                continue;
            }
            if seen.contains(&param) {
                notices.push(QueryNotice::Repeated { param, written });
                continue;
            }
            seen.push(param);
            if let Some(notice) = filter.set(param, written, value) {
                notices.push(notice);
            }
        }
        (filter, notices)
    }

    /// Sets `param` from its non-blank `value`; returns what was not
    /// understood of it.
    fn set(&mut self, param: ListParam, written: &'static str, value: &str) -> Option<QueryNotice> {
        let bad = Some(QueryNotice::BadValue { param, written });
        match param {
            ListParam::Municipality => {
                self.municipality = oaxaca_municipality(value);
                self.municipality.is_none().then_some(bad).flatten()
            }
            ListParam::Text => {
                let cut = value.chars().count() > MAX_SEARCH_CHARS;
                self.text = Some(value.chars().take(MAX_SEARCH_CHARS).collect());
                cut.then_some(QueryNotice::TextCut)
            }
            ListParam::Page => match value.parse::<u32>() {
                Ok(page) if page >= 1 => {
                    self.page = page.min(MAX_LIST_PAGE);
                    None
                }
                // Too many digits for a number is still a page number, far
                // beyond the last.
                Err(e)
                    if value.bytes().all(|b| b.is_ascii_digit())
                        && *e.kind() == std::num::IntErrorKind::PosOverflow =>
                {
                    self.page = MAX_LIST_PAGE;
                    None
                }
                _ => bad,
            },
        }
    }

    /// Returns whether the filter narrows anything (the page aside).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.municipality.is_none() && self.text.is_none()
    }

    /// Returns the page shown, from 1.
    #[must_use]
    pub fn page(&self) -> u32 {
        self.page.max(1)
    }

    /// Returns the filter on a page a list of `matching` kitchens has: the
    /// page asked for, or the last page when asked past it, with the
    /// notice that says so. An empty list has one page.
    ///
    /// ```
    /// use cocina_rendering::ListFilter;
    /// use cocina_rendering::routes::QueryNotice;
    ///
    /// let asked = ListFilter { page: 99, ..ListFilter::default() };
    /// let (shown, notice) = asked.within(2_300);
    /// assert_eq!(shown.page(), 12);
    /// assert_eq!(notice, Some(QueryNotice::PastLastPage { last: 12 }));
    /// assert_eq!(asked.on_page(12).within(2_300).1, None);
    /// ```
    #[must_use]
    pub fn within(&self, matching: u64) -> (Self, Option<QueryNotice>) {
        let pages = matching.div_ceil(u64::from(LIST_PAGE_SIZE)).max(1);
        let last = u32::try_from(pages).unwrap_or(MAX_LIST_PAGE);
        if self.page() <= last {
            return (self.clone(), None);
        }
        (self.on_page(last), Some(QueryNotice::PastLastPage { last }))
    }

    /// Returns the same filter on another page.
    #[must_use]
    pub fn on_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    /// Returns the query string with the parameter names of `lang`, with
    /// its leading `?`, or an empty string.
    #[must_use]
    pub fn query(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(key) = self.municipality {
            parts.push(format!("{}={key}", ListParam::Municipality.name(lang)));
        }
        if let Some(text) = &self.text {
            let name = ListParam::Text.name(lang);
            parts.push(format!("{name}={}", encode_component(text)));
        }
        if self.page() > 1 {
            parts.push(format!("{}={}", ListParam::Page.name(lang), self.page()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Reads a municipality of Oaxaca written as its three-digit INEGI key
/// (`067`, or `67`) or the five-digit key with the state's (`20067`).
///
/// ```
/// use cocina_rendering::routes::oaxaca_municipality;
///
/// for written in ["067", "67", "20067"] {
///     assert_eq!(oaxaca_municipality(written).unwrap().as_str(), "067");
/// }
/// for wrong in ["571", "21067", "0067", "abc", ""] {
///     assert!(oaxaca_municipality(wrong).is_none(), "{wrong}");
/// }
/// ```
#[must_use]
pub fn oaxaca_municipality(text: &str) -> Option<MunicipalityKey> {
    municipality_number(text)
        .and_then(|n| MunicipalityKey::from_number(n).ok())
        .filter(|key| Catalog::bundled().get(*key).is_some())
}

/// Reads the number of a municipality written as a key: three digits or
/// fewer (`067`, `67`), or five with Oaxaca's state key first (`20067`);
/// `None` when the text is not written as one. Whether Oaxaca has such a
/// municipality is not checked (see [`oaxaca_municipality`]).
///
/// ```
/// use cocina_rendering::routes::municipality_number;
///
/// assert_eq!(municipality_number("20999"), Some(999));
/// assert_eq!(municipality_number("2067"), None);
/// ```
#[must_use]
pub fn municipality_number(text: &str) -> Option<u32> {
    let local = match text.len() {
        5 => text.strip_prefix("20"),
        1..=3 => Some(text),
        _ => None,
    };
    local
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse().ok())
}

/// Returns an unknown parameter's name as a page may repeat it: screened
/// like any public text, so that a name that looks like personal data is
/// withheld, and cut.
fn shown_name(name: &str) -> String {
    let screened = PublicText::screen(name, MAX_NAME_SHOWN);
    let mut shown = screened.text.into_string();
    if screened.truncated {
        shown.push('…');
    }
    shown
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
                format!(
                    "{}{}",
                    PageKind::KitchenList.pattern(lang),
                    filter.query(lang)
                )
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

/// Returns a page's address relative to the overview of its language
/// (`municipios/067` from `/`, `municipalities/067` from `/en/`): what the
/// overview's 570 links to municipalities write, to keep it light.
pub(crate) fn relative_to_overview(page: &Page, lang: Lang) -> String {
    let url = page.url(lang);
    let base = Page::Overview.url(lang);
    url.strip_prefix(&base).map_or(url.clone(), str::to_owned)
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
            text: Some("Niños & más".into()),
            page: 1,
        };
        assert_eq!(
            Page::KitchenList(filter.clone()).url(Lang::En),
            "/en/kitchens?municipality=067&q=Ni%C3%B1os%20%26%20m%C3%A1s"
        );
        let url = Page::KitchenList(filter.on_page(3)).url(Lang::Es);
        assert!(url.ends_with("&pagina=3"), "{url}");
        let url = Page::KitchenList(filter.on_page(3)).url(Lang::En);
        assert!(url.ends_with("&page=3"), "{url}");
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn either_language_s_names_are_read_and_round_trip() {
        for lang in Lang::ALL {
            let filter = ListFilter {
                municipality: MunicipalityKey::new("515").ok(),
                text: Some("niños".into()),
                page: 4,
            };
            let url = Page::KitchenList(filter.clone()).url(lang);
            let query = url.split_once('?').unwrap().1;
            let read: Vec<(String, String)> = query
                .split('&')
                .map(|p| p.split_once('=').unwrap())
                .map(|(k, v)| (k.to_owned(), v.replace("%C3%B1", "ñ")))
                .collect();
            assert_eq!(ListFilter::from_query(&read), (filter, Vec::new()), "{url}");
        }
        let (filter, notices) = ListFilter::from_query(&pairs(&[
            ("municipio", ""),
            ("municipality", "67"),
            ("page", "2"),
            ("q", "  niños "),
        ]));
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(filter.municipality.unwrap().as_str(), "067");
        assert_eq!((filter.text.as_deref(), filter.page()), (Some("niños"), 2));
    }

    #[test]
    fn what_is_not_understood_is_told_in_order() {
        let (filter, notices) = ListFilter::from_query(&pairs(&[
            ("municipio", "999"),
            ("pagina", "-3"),
            ("estado", "operando"),
            ("q", "uno"),
            ("q", "dos"),
            ("municipality", "abc"),
        ]));
        assert_eq!(filter.text.as_deref(), Some("uno"));
        assert_eq!(filter.municipality, None);
        assert_eq!(filter.page(), 1);
        assert_eq!(
            notices,
            [
                QueryNotice::BadValue {
                    param: ListParam::Municipality,
                    written: "municipio"
                },
                QueryNotice::BadValue {
                    param: ListParam::Page,
                    written: "pagina"
                },
                QueryNotice::UnknownParameter("estado".into()),
                QueryNotice::Repeated {
                    param: ListParam::Text,
                    written: "q"
                },
                QueryNotice::Repeated {
                    param: ListParam::Municipality,
                    written: "municipality"
                },
            ]
        );
        let (filter, notices) = ListFilter::from_query(&pairs(&[("pagina", "0")]));
        assert_eq!(filter.page(), 1);
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn long_and_personal_looking_input_is_not_repeated_whole() {
        let long = "a".repeat(500);
        let (filter, notices) = ListFilter::from_query(&pairs(&[("q", &long)]));
        assert_eq!(filter.text.unwrap().len(), MAX_SEARCH_CHARS);
        assert_eq!(notices, [QueryNotice::TextCut]);
        let (_, notices) = ListFilter::from_query(&pairs(&[(&long, "1")]));
        let shown = format!("{}…", "a".repeat(MAX_NAME_SHOWN));
        assert_eq!(notices, [QueryNotice::UnknownParameter(shown)]);
        let curp = "GOMA800101HOCRRN09";
        let (_, notices) = ListFilter::from_query(&pairs(&[(curp, "1")]));
        let withheld = PublicText::WITHHELD.to_owned();
        assert_eq!(notices, [QueryNotice::UnknownParameter(withheld)]);
    }

    #[test]
    fn far_pages_are_the_last_honoured() {
        for far in ["4294967295", "99999999999999999999"] {
            let (filter, notices) = ListFilter::from_query(&pairs(&[("page", far)]));
            assert_eq!(filter.page(), MAX_LIST_PAGE, "{far}");
            assert!(notices.is_empty(), "{far}");
        }
    }

    #[test]
    fn the_menu_s_geojson_is_the_package_s_file() {
        assert_eq!(KITCHENS_GEOJSON, format!("/{DATA_DIR}/{GEOJSON_FILE}"));
        assert!(
            std::path::Path::new(GEOJSON_FILE)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("geojson"))
        );
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
