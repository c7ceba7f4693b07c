//! The pages about the data itself: the delivery's documents, the
//! open-data downloads, the delivery's completeness and validation
//! scorecard, and the list of every delivery the portal holds.
//!
//! The downloads and the scorecard come in three [`Scope`]s: the static
//! site's, which holds one delivery; the portal's page of the delivery
//! loaded last; and the portal's page of one named delivery, whose address
//! does not change when another is loaded.

use askama::Template;
use cocina_model::{Lang, Severity};

use crate::RenderError;
use crate::pages::{DeliveryView, Host, Layout, Target, iso_date, layout};
use crate::routes::Page;
use crate::text::{Labels, findings_note, findings_short, labels};
use crate::view::{DeliveriesPage, DeliveryRow, DocumentsPage, DownloadsPage, QualityPage};

/// Which delivery a downloads or quality page shows, which decides its
/// address and the links it carries beyond the static site's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The static site's page: the site holds one delivery and links to
    /// nothing about others.
    Site,
    /// The portal's page of the delivery loaded last (`/descargas`), with
    /// links to its own stable address and to every delivery.
    Latest,
    /// The portal's page of one delivery at its own address
    /// (`/entregas/{id}/descargas`), with links to its other page and to
    /// every delivery.
    Delivery,
}

impl Scope {
    /// Returns the target of a page of this scope in `lang`: the static
    /// site's for [`Scope::Site`], the portal's otherwise.
    fn target(self, lang: Lang) -> Target {
        let host = match self {
            Scope::Site => Host::Site,
            Scope::Latest | Scope::Delivery => Host::Portal,
        };
        Target { lang, host }
    }
}

/// The links a page of the portal adds about deliveries; all absent on
/// the static site.
struct DeliveryLinks {
    /// The list of every delivery.
    all: Option<String>,
    /// The stable address of the page shown, on the page of the latest.
    permanent: Option<String>,
    /// The delivery's other page: its quality from its downloads, and back.
    sibling: Option<String>,
    /// The text of the link to the other page.
    sibling_text: &'static str,
}

impl DeliveryLinks {
    /// Returns the links of a downloads or quality page in `scope` whose
    /// stable address is `stable`, to it and to `sibling`, the delivery's
    /// other page, linked with `sibling_text`.
    fn new(scope: Scope, stable: &Page, sibling: (&Page, &'static str), lang: Lang) -> Self {
        let (sibling, sibling_text) = sibling;
        let mut links = Self {
            all: None,
            permanent: None,
            sibling: None,
            sibling_text,
        };
        if scope != Scope::Site {
            links.all = Some(Page::Deliveries.url(lang));
        }
        match scope {
            Scope::Site => {}
            Scope::Latest => links.permanent = Some(stable.url(lang)),
            Scope::Delivery => links.sibling = Some(sibling.url(lang)),
        }
        links
    }
}

/// Returns the page a data page in `scope` is addressed as, and its title.
fn scoped(scope: Scope, latest: Page, own: Page, title: &str, id: &str) -> (Page, String) {
    match scope {
        Scope::Site | Scope::Latest => (latest, title.to_owned()),
        Scope::Delivery => (own, format!("{title}: {id}")),
    }
}

/// Writes a size in bytes for people: `980 B`, `14.8 kB`, `2.1 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

struct DocumentView {
    file: String,
    answers: String,
    format: String,
    size: String,
    sha256: String,
}

#[derive(Template)]
#[template(path = "documents.html", whitespace = "minimize")]
struct DocumentsTemplate {
    layout: Layout,
    documents: Vec<DocumentView>,
    delivery: DeliveryView,
}

/// Renders the list of the delivery's files with their fingerprints.
pub fn documents(page: &DocumentsPage, to: impl Into<Target>) -> Result<String, RenderError> {
    let to = to.into();
    let lang = to.lang;
    let t = labels(lang);
    let documents = page
        .documents
        .iter()
        .map(|d| DocumentView {
            file: d.file.clone(),
            answers: d.answers.clone().unwrap_or_else(|| t.not_given.to_owned()),
            format: d.format.clone(),
            size: size(d.bytes),
            sha256: d.sha256.clone(),
        })
        .collect();
    let template = DocumentsTemplate {
        layout: layout(&Page::Documents, to, t.documents_title),
        documents,
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}

struct DownloadView {
    url: String,
    file: String,
    format: String,
    size: String,
    contents: String,
}

#[derive(Template)]
#[template(path = "downloads.html", whitespace = "minimize")]
struct DownloadsTemplate {
    layout: Layout,
    package_url: String,
    files: Vec<DownloadView>,
    delivery: DeliveryView,
    links: DeliveryLinks,
}

/// Renders the list of the open-data package's files, as the static site
/// shows it.
pub fn downloads(page: &DownloadsPage, lang: Lang) -> Result<String, RenderError> {
    downloads_in(page, Scope::Site, lang)
}

/// Renders the list of the open-data package's files of one delivery in
/// `scope`. The files' addresses come with the page: the portal serves each
/// delivery's under its own.
pub fn downloads_in(page: &DownloadsPage, scope: Scope, lang: Lang) -> Result<String, RenderError> {
    let t = labels(lang);
    let id = &page.delivery.id;
    let own = Page::DeliveryDownloads(id.clone());
    let sibling = Page::DeliveryQuality(id.clone());
    let sibling = (&sibling, t.delivery_quality_link);
    let links = DeliveryLinks::new(scope, &own, sibling, lang);
    let (shown, title) = scoped(scope, Page::Downloads, own, t.downloads_title, id);
    let files = page
        .files
        .iter()
        .map(|f| DownloadView {
            url: f.url.clone(),
            file: f.file.clone(),
            format: f.format.clone(),
            size: size(f.bytes),
            contents: f.contents.get(lang).to_owned(),
        })
        .collect();
    let template = DownloadsTemplate {
        layout: layout(&shown, scope.target(lang), &title),
        package_url: page.package_url.clone(),
        files,
        delivery: DeliveryView::new(&page.delivery),
        links,
    };
    Ok(template.render()?)
}

struct ItemView {
    description: String,
    received: &'static str,
    files: String,
}

struct RuleView {
    code: String,
    summary: String,
    severity: &'static str,
    findings: String,
}

#[derive(Template)]
#[template(path = "quality.html", whitespace = "minimize")]
struct QualityTemplate {
    layout: Layout,
    summary: String,
    items: Vec<ItemView>,
    rules: Vec<RuleView>,
    findings_note: String,
    report_url: Option<String>,
    delivery: DeliveryView,
    links: DeliveryLinks,
}

fn severity(severity: Severity, t: &Labels) -> &'static str {
    match severity {
        Severity::Error => t.severity_error,
        Severity::Warning => t.severity_warning,
        Severity::Notice => t.severity_notice,
    }
}

/// Renders what the request asked for and what came, and the validation
/// scorecard: every rule with its number of findings; as the static site
/// shows it.
pub fn quality(page: &QualityPage, lang: Lang) -> Result<String, RenderError> {
    quality_in(page, Scope::Site, lang)
}

/// Renders the completeness and validation scorecard of one delivery in
/// `scope`.
pub fn quality_in(page: &QualityPage, scope: Scope, lang: Lang) -> Result<String, RenderError> {
    let t = labels(lang);
    let id = &page.delivery.id;
    let own = Page::DeliveryQuality(id.clone());
    let sibling = Page::DeliveryDownloads(id.clone());
    let sibling = (&sibling, t.delivery_downloads_link);
    let links = DeliveryLinks::new(scope, &own, sibling, lang);
    let (shown, title) = scoped(scope, Page::Quality, own, t.quality_title, id);
    let received = page.items.iter().filter(|i| i.received).count() as u64;
    let items = page
        .items
        .iter()
        .map(|i| ItemView {
            description: i.description.clone(),
            received: if i.received { t.yes } else { t.no },
            files: i.files.join(", "),
        })
        .collect();
    let rules = page
        .rules
        .iter()
        .map(|r| RuleView {
            code: r.code.clone(),
            summary: r.summary.get(lang).to_owned(),
            severity: severity(r.severity, t),
            findings: r
                .findings
                .map_or_else(|| t.not_checked.to_owned(), |n| lang.number(n)),
        })
        .collect();
    let template = QualityTemplate {
        layout: layout(&shown, scope.target(lang), &title),
        summary: t
            .completeness_summary
            .fill(lang, received, page.items.len() as u64),
        items,
        rules,
        findings_note: findings_note(t, page.findings.errors, page.findings.warnings),
        report_url: page.report_url.clone(),
        delivery: DeliveryView::new(&page.delivery),
        links,
    };
    Ok(template.render()?)
}

struct DeliveryRowView {
    id: String,
    received: Option<String>,
    request: String,
    kitchens: String,
    beneficiaries: String,
    findings: String,
    shown: bool,
    downloads_url: String,
    quality_url: String,
}

#[derive(Template)]
#[template(path = "deliveries.html", whitespace = "minimize")]
struct DeliveriesTemplate {
    layout: Layout,
    intro: &'static str,
    caption: &'static str,
    deliveries: Vec<DeliveryRowView>,
}

/// Returns a delivery's downloads and quality pages: on the static site,
/// which holds one delivery, its only ones; in the portal, those at its
/// own addresses.
fn delivery_pages(id: &str, scope: Scope) -> (Page, Page) {
    match scope {
        Scope::Site => (Page::Downloads, Page::Quality),
        Scope::Latest | Scope::Delivery => (
            Page::DeliveryDownloads(id.to_owned()),
            Page::DeliveryQuality(id.to_owned()),
        ),
    }
}

fn delivery_row(
    row: &DeliveryRow,
    scope: Scope,
    t: &'static Labels,
    lang: Lang,
) -> DeliveryRowView {
    let id = &row.delivery.id;
    let (downloads, quality) = delivery_pages(id, scope);
    DeliveryRowView {
        id: id.clone(),
        received: row.delivery.received.map(iso_date),
        request: row
            .delivery
            .request
            .clone()
            .unwrap_or_else(|| t.not_given.to_owned()),
        kitchens: lang.number(row.kitchens),
        beneficiaries: row
            .beneficiaries
            .map_or_else(|| t.suppressed_other.to_owned(), |n| lang.number(n)),
        findings: findings_short(t, row.findings.errors, row.findings.warnings),
        shown: row.shown,
        downloads_url: downloads.url(lang),
        quality_url: quality.url(lang),
    }
}

/// Renders the list of every delivery the portal holds, each with links to
/// its downloads and its scorecard at their stable addresses.
pub fn deliveries(page: &DeliveriesPage, lang: Lang) -> Result<String, RenderError> {
    deliveries_in(page, Scope::Delivery, lang)
}

/// Renders the list of deliveries in `scope`: the portal's ([`Scope::Latest`]
/// and [`Scope::Delivery`] alike) link each delivery's own pages; the
/// static site's ([`Scope::Site`]) lists its one delivery and links the
/// site's downloads and quality pages.
pub fn deliveries_in(
    page: &DeliveriesPage,
    scope: Scope,
    lang: Lang,
) -> Result<String, RenderError> {
    let t = labels(lang);
    let (intro, caption) = match scope {
        Scope::Site => (t.deliveries_intro_site, t.deliveries_caption_site),
        Scope::Latest | Scope::Delivery => (t.deliveries_intro, t.deliveries_caption),
    };
    let template = DeliveriesTemplate {
        layout: layout(&Page::Deliveries, scope.target(lang), t.deliveries_title),
        intro,
        caption,
        deliveries: page
            .deliveries
            .iter()
            .map(|row| delivery_row(row, scope, t, lang))
            .collect(),
    };
    Ok(template.render()?)
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::view::{Bilingual, DeliveryInfo, DownloadRow, FindingCounts};

    fn info(id: &str) -> DeliveryInfo {
        DeliveryInfo {
            id: id.to_owned(),
            received: NaiveDate::from_ymd_opt(2016, 5, 2),
            request: None,
        }
    }

    fn downloads_model() -> DownloadsPage {
        DownloadsPage {
            delivery: info("entrega-2016"),
            package_url: "/datos/entrega-2016/datapackage.json".into(),
            files: vec![DownloadRow {
                url: "/datos/entrega-2016/cocinas.csv".into(),
                file: "cocinas.csv".into(),
                format: "CSV".into(),
                bytes: 2_048,
                contents: Bilingual {
                    es: "Cocinas".into(),
                    en: "Kitchens".into(),
                },
            }],
        }
    }

    fn quality_model() -> QualityPage {
        QualityPage {
            delivery: info("entrega-2016"),
            items: Vec::new(),
            rules: Vec::new(),
            findings: FindingCounts::default(),
            report_url: None,
        }
    }

    /// Two deliveries: the later one, shown, and one with a key that needs
    /// encoding in a path.
    pub(crate) fn deliveries_model() -> DeliveriesPage {
        let row = |id: &str, shown: bool, beneficiaries: Option<u64>| DeliveryRow {
            delivery: info(id),
            kitchens: 2_300,
            beneficiaries,
            findings: FindingCounts {
                errors: 1,
                warnings: 2,
            },
            shown,
        };
        DeliveriesPage {
            deliveries: vec![
                row("entrega-2016", true, Some(130_704)),
                row("entrega 2015/b", false, None),
            ],
        }
    }

    pub(crate) fn downloads_in_scope(scope: Scope, lang: Lang) -> String {
        downloads_in(&downloads_model(), scope, lang).unwrap()
    }

    pub(crate) fn quality_in_scope(scope: Scope, lang: Lang) -> String {
        quality_in(&quality_model(), scope, lang).unwrap()
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(980), "980 B");
        assert_eq!(size(14_775), "14.8 kB");
        assert_eq!(size(2_100_000), "2.1 MB");
    }

    #[test]
    fn the_static_site_links_to_no_other_delivery() {
        for lang in Lang::ALL {
            for html in [
                downloads_in_scope(Scope::Site, lang),
                quality_in_scope(Scope::Site, lang),
            ] {
                // The menu links the site's list of its one delivery; the
                // page itself links no delivery's own pages.
                let main = &html[html.find("<main").unwrap()..];
                assert!(!main.contains("entregas"), "{html}");
                assert!(!main.contains("deliveries"), "{html}");
                assert!(!html.contains("/entregas/") && !html.contains("/deliveries/"));
            }
        }
        assert_eq!(
            downloads_in_scope(Scope::Site, Lang::Es),
            downloads(&downloads_model(), Lang::Es).unwrap()
        );
    }

    #[test]
    fn the_latest_links_to_its_permanent_address() {
        let html = downloads_in_scope(Scope::Latest, Lang::Es);
        assert!(html.contains("href=\"/entregas/entrega-2016/descargas\""));
        assert!(html.contains("href=\"/entregas\""));
        // Its twin in English is the latest's, not the permanent address.
        assert!(html.contains("href=\"/en/downloads\" lang=\"en\""));
        let html = quality_in_scope(Scope::Latest, Lang::En);
        assert!(html.contains("href=\"/en/deliveries/entrega-2016/quality\""));
        assert!(html.contains("href=\"/en/deliveries\""));
    }

    #[test]
    fn a_delivery_page_links_to_its_other_page_and_names_itself() {
        let html = downloads_in_scope(Scope::Delivery, Lang::Es);
        assert!(html.contains("href=\"/entregas/entrega-2016/calidad\""));
        assert!(html.contains("<title>Descargas: datos abiertos: entrega-2016 ·"));
        assert!(html.contains("href=\"/en/deliveries/entrega-2016/downloads\" lang=\"en\""));
        // The files keep the addresses the page was given.
        assert!(html.contains("href=\"/datos/entrega-2016/cocinas.csv\""));
        let html = quality_in_scope(Scope::Delivery, Lang::En);
        assert!(html.contains("href=\"/en/deliveries/entrega-2016/downloads\""));
        assert!(!html.contains("Permanent address"));
    }

    #[test]
    fn the_list_links_every_delivery_to_its_pages() {
        let es = deliveries(&deliveries_model(), Lang::Es).unwrap();
        assert!(es.contains("entrega-2016 (la que se muestra)"));
        assert!(es.contains("href=\"/entregas/entrega%202015%2Fb/calidad\""));
        assert!(es.contains("1 error, 2 advertencias"));
        assert!(es.contains("130,704") || es.contains("130 704"), "{es}");
        let en = deliveries(&deliveries_model(), Lang::En).unwrap();
        assert!(en.contains("href=\"/en/deliveries/entrega-2016/downloads\""));
        assert!(en.contains("entrega-2016 (the one shown)"));
        let empty = DeliveriesPage {
            deliveries: Vec::new(),
        };
        assert!(!deliveries(&empty, Lang::Es).unwrap().contains("<table>"));
    }
}
