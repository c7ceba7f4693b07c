//! The page templates and the functions that fill them from view models.

use std::collections::HashMap;

use askama::Template;
use chrono::NaiveDate;
use cocina_model::{Lang, LocalityKey, MunicipalityKey};
use geo_types::Point;

use crate::chart::sex_age_chart;
use crate::collate::by_name;
use crate::map::{BaseMap, SHADES, shade_class};
use crate::routes::{
    API_OPENAPI, KITCHENS_GEOJSON, LIST_PAGE_SIZE, ListFilter, ListParam, MAX_SEARCH_CHARS,
    PACKAGE_DESCRIPTOR, Page, QueryNotice, other, relative_to_overview, slug,
};
use crate::table::{BeneficiaryTable, Shown};
use crate::text::{self, Labels, fill, labels};
use crate::view::{
    DeliveryInfo, KitchenDetail, KitchenList, KitchenRow, MunicipalityIssue, Overview, StatusCount,
};
use crate::{RenderError, SuppressionReason};

/// Where a page is served, which decides what beyond the pages it may link
/// to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The portal (`cocina serve`), which answers the API: its footer links
    /// the API's OpenAPI document.
    Portal,
    /// The static site (`cocina publish`), which holds files only: its
    /// footer links what it holds, the package's description.
    Site,
}

/// What a page is rendered for: its language, and where it is served. A
/// bare [`Lang`] is a page of the portal; the static site renders with
/// [`Target::site`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The page's language.
    pub lang: Lang,
    /// Where it is served.
    pub host: Host,
}

impl Target {
    /// Returns the target of the static site's page in `lang`.
    #[must_use]
    pub fn site(lang: Lang) -> Self {
        Self {
            lang,
            host: Host::Site,
        }
    }
}

impl From<Lang> for Target {
    fn from(lang: Lang) -> Self {
        Self {
            lang,
            host: Host::Portal,
        }
    }
}

/// What every page shares: language, navigation and the language switch.
pub(crate) struct Layout {
    pub(crate) lang: &'static str,
    pub(crate) other_lang: &'static str,
    pub(crate) t: &'static Labels,
    pub(crate) title: String,
    pub(crate) alternate_url: String,
    pub(crate) overview_url: String,
    pub(crate) list_url: String,
    pub(crate) documents_url: String,
    pub(crate) downloads_url: String,
    pub(crate) quality_url: String,
    pub(crate) deliveries_url: String,
    /// The package's GeoJSON, a file with its extension that the static
    /// site and the portal both hold.
    pub(crate) geojson_url: &'static str,
    /// The navigation entry to mark as current: 1 overview, 2 list, 3
    /// documents, 4 downloads, 5 quality, 6 deliveries, 0 none.
    pub(crate) section: u8,
    /// The API's OpenAPI document, on the portal only.
    pub(crate) openapi_url: Option<&'static str>,
    /// The package's `datapackage.json`, which the static site and the
    /// portal both hold.
    pub(crate) package_url: &'static str,
}

pub(crate) fn layout(page: &Page, to: Target, title: &str) -> Layout {
    let Target { lang, host } = to;
    let section = match page {
        Page::Overview => 1,
        Page::KitchenList(_) => 2,
        Page::Documents => 3,
        Page::Downloads => 4,
        Page::Quality => 5,
        Page::Deliveries => 6,
        Page::Kitchen(_)
        | Page::KitchenHistory(_)
        | Page::Municipality(_)
        | Page::Region(_)
        | Page::DeliveryDownloads(_)
        | Page::DeliveryQuality(_)
        | Page::NotFound => 0,
    };
    Layout {
        lang: lang.tag(),
        other_lang: other(lang).tag(),
        t: labels(lang),
        title: title.to_owned(),
        alternate_url: page.url(other(lang)),
        overview_url: Page::Overview.url(lang),
        list_url: Page::KitchenList(ListFilter::default()).url(lang),
        documents_url: Page::Documents.url(lang),
        downloads_url: Page::Downloads.url(lang),
        quality_url: Page::Quality.url(lang),
        deliveries_url: Page::Deliveries.url(lang),
        geojson_url: KITCHENS_GEOJSON,
        section,
        openapi_url: (host == Host::Portal).then_some(API_OPENAPI),
        package_url: PACKAGE_DESCRIPTOR,
    }
}

pub(crate) struct DeliveryView {
    pub(crate) id: String,
    pub(crate) received: Option<String>,
    pub(crate) request: Option<String>,
}

impl DeliveryView {
    pub(crate) fn new(info: &DeliveryInfo) -> Self {
        Self {
            id: info.id.clone(),
            received: info.received.map(iso_date),
            request: info.request.clone(),
        }
    }
}

pub(crate) struct CellView {
    pub(crate) text: String,
    pub(crate) title: Option<String>,
}

pub(crate) struct RowView {
    pub(crate) label: String,
    pub(crate) cells: Vec<CellView>,
}

pub(crate) struct TableView {
    /// The same figures as a bar chart.
    pub(crate) chart: Option<String>,
    pub(crate) empty: bool,
    pub(crate) empty_text: &'static str,
    pub(crate) total_label: &'static str,
    /// The area's total, with why when it is suppressed.
    pub(crate) total: CellView,
    pub(crate) caption: &'static str,
    pub(crate) age_heading: &'static str,
    pub(crate) columns: Vec<&'static str>,
    pub(crate) rows: Vec<RowView>,
    pub(crate) note: String,
}

impl TableView {
    pub(crate) fn new(table: &BeneficiaryTable, caption: &'static str, lang: Lang) -> Self {
        let t = labels(lang);
        let threshold = table.threshold();
        let view = |cells: &[Shown], total: Shown| -> Vec<CellView> {
            let all = cells.iter().copied().chain([total]);
            all.map(|c| cell_view(c, threshold, t)).collect()
        };
        // Each age group with its total, then the totals of each sex and
        // the area's: all published with their own status.
        let mut rows: Vec<RowView> = table
            .rows()
            .iter()
            .map(|row| RowView {
                label: text::age_group(row.age_group, lang),
                cells: view(&row.cells, row.total),
            })
            .collect();
        rows.push(RowView {
            label: t.total.to_owned(),
            cells: view(table.column_totals(), table.total()),
        });
        Self {
            chart: sex_age_chart(table, lang, "chart"),
            empty: table.is_empty(),
            empty_text: t.no_beneficiaries,
            total_label: t.beneficiaries_total,
            total: cell_view(table.total(), threshold, t),
            caption,
            age_heading: t.age_group_col,
            columns: table
                .columns()
                .iter()
                .map(|s| text::sex(*s, lang))
                .chain([t.total])
                .collect(),
            rows,
            note: suppression_note(table, t),
        }
    }
}

/// Explains only the marks the table shows: `<5`, `suppressed`, both or
/// none.
fn suppression_note(table: &BeneficiaryTable, t: &Labels) -> String {
    let mut note = Vec::new();
    if table.shows(SuppressionReason::SmallCount) {
        note.push(fill(t.suppression_note_small, t.lang, table.threshold(), 0));
    }
    if table.shows(SuppressionReason::Complementary) {
        note.push(fill(t.suppression_note_other, t.lang, table.threshold(), 0));
    }
    note.join(" ")
}

/// Explains the marks a list of area totals shows (the tables of
/// municipalities and regions): why each kind of suppressed total has no
/// figure; empty when every total is published.
pub(crate) fn totals_note(totals: &[Shown], threshold: u64, lang: Lang) -> String {
    let t = labels(lang);
    let mut note = Vec::new();
    for (reason, label) in [
        (SuppressionReason::SmallCount, t.suppression_note_small),
        (SuppressionReason::Complementary, t.suppression_note_other),
    ] {
        if totals.contains(&Shown::Suppressed(reason)) {
            note.push(fill(label, lang, threshold, 0));
        }
    }
    note.join(" ")
}

/// Shows a cell; a suppressed cell shows only that it is suppressed, never
/// its value, which the view model does not even hold.
fn cell_view(cell: Shown, threshold: u64, t: &Labels) -> CellView {
    match cell {
        Shown::Count(n) => CellView {
            text: t.lang.number(n),
            title: None,
        },
        Shown::Suppressed(SuppressionReason::SmallCount) => CellView {
            text: format!("<{threshold}"),
            title: Some(fill(t.suppressed_small_title, t.lang, threshold, 0)),
        },
        Shown::Suppressed(_) => CellView {
            text: t.suppressed_other.to_owned(),
            title: Some(fill(t.suppressed_other_title, t.lang, threshold, 0)),
        },
    }
}

/// Shows a published total as a table cell shows it: a suppressed total
/// only says so.
pub(crate) fn figure(shown: Shown, threshold: u64, lang: Lang) -> String {
    cell_view(shown, threshold, labels(lang)).text
}

struct MunicipalityRowView {
    url: String,
    name: String,
    kitchens: String,
    beneficiaries: String,
}

#[derive(Template)]
#[template(path = "overview.html", whitespace = "minimize")]
struct OverviewTemplate {
    layout: Layout,
    delivery: Option<DeliveryView>,
    statuses: Vec<(&'static str, String)>,
    total_kitchens: String,
    table: TableView,
    map_svg: String,
    legend: Vec<(&'static str, &'static str)>,
    municipalities: Vec<MunicipalityRowView>,
    unplaced: Vec<(&'static str, String, String)>,
    municipalities_total: (String, String),
    findings_note: String,
    regions: Vec<RegionRowView>,
    /// Why the tables of municipalities and regions show suppressed totals.
    totals_note: String,
}

struct RegionRowView {
    url: String,
    name: String,
    municipalities: String,
    kitchens: String,
    beneficiaries: String,
}

fn region_rows(page: &Overview, lang: Lang) -> Vec<RegionRowView> {
    page.regions
        .iter()
        .map(|r| RegionRowView {
            url: Page::Region(slug(&r.name)).url(lang),
            name: r.name.clone(),
            municipalities: lang.number(r.municipalities),
            kitchens: lang.number(r.kitchens),
            beneficiaries: figure(r.beneficiaries, page.beneficiaries.threshold(), lang),
        })
        .collect()
}

/// Renders the overview: the state's figures, the map of municipalities
/// with the kitchens, and the table of municipalities.
pub fn overview(page: &Overview, to: impl Into<Target>) -> Result<String, RenderError> {
    let to = to.into();
    let lang = to.lang;
    let t = labels(lang);
    let kitchens: HashMap<MunicipalityKey, u64> = page
        .municipalities
        .iter()
        .map(|m| (m.key, m.kitchens))
        .collect();
    let statuses = status_rows(&page.kitchens_by_status, lang);
    let legend = legend(&kitchens, t);
    let template = OverviewTemplate {
        layout: layout(&Page::Overview, to, t.overview_title),
        delivery: page.delivery.as_ref().map(DeliveryView::new),
        statuses,
        total_kitchens: lang.number(page.total_kitchens()),
        table: TableView::new(&page.beneficiaries, t.beneficiaries_caption, lang),
        map_svg: BaseMap::overview().overview_svg(&kitchens, &page.points, lang),
        legend,
        municipalities: municipality_rows(page, lang),
        unplaced: unplaced_rows(page, t),
        municipalities_total: (
            lang.number(page.total_kitchens()),
            figure(
                page.beneficiaries.total(),
                page.beneficiaries.threshold(),
                lang,
            ),
        ),
        findings_note: text::findings_note(t, page.findings.errors, page.findings.warnings),
        regions: region_rows(page, lang),
        totals_note: overview_totals_note(page, lang),
    };
    Ok(template.render()?)
}

/// Why totals of the overview's tables of municipalities and regions are
/// suppressed, when any is.
fn overview_totals_note(page: &Overview, lang: Lang) -> String {
    let u = page.unplaced;
    let totals: Vec<Shown> = page
        .municipalities
        .iter()
        .map(|m| m.beneficiaries)
        .chain(page.regions.iter().map(|r| r.beneficiaries))
        .chain([
            u.beneficiaries,
            u.unlisted_beneficiaries,
            page.beneficiaries.total(),
        ])
        .collect();
    totals_note(&totals, page.beneficiaries.threshold(), lang)
}

/// The rows after the municipalities: kitchens and people with no valid
/// municipality, and people at kitchens not in the list.
fn unplaced_rows(page: &Overview, t: &Labels) -> Vec<(&'static str, String, String)> {
    let u = page.unplaced;
    let mut rows = Vec::new();
    let threshold = page.beneficiaries.threshold();
    let nobody = Shown::Count(0);
    if u.kitchens > 0 || u.beneficiaries != nobody {
        rows.push((
            t.unplaced_row,
            t.lang.number(u.kitchens),
            cell_view(u.beneficiaries, threshold, t).text,
        ));
    }
    if u.unlisted_beneficiaries != nobody {
        rows.push((
            t.unlisted_row,
            "0".to_owned(),
            cell_view(u.unlisted_beneficiaries, threshold, t).text,
        ));
    }
    rows
}

/// Returns a municipality's name as the delivery wrote it, marked when
/// validation found it unknown or ambiguous.
pub(crate) fn municipality_text(
    name: Option<&String>,
    issue: Option<MunicipalityIssue>,
    t: &Labels,
) -> Option<String> {
    // Text that matches no municipality is not published (it may be a
    // person's name): the page says only that it is unknown.
    let Some(name) = name else {
        return issue
            .filter(|i| *i == MunicipalityIssue::Unknown)
            .map(|_| t.municipality_unrecognised.to_owned());
    };
    Some(match issue {
        None => name.clone(),
        Some(MunicipalityIssue::Unknown) => format!("{name} ({})", t.unknown_municipality),
        Some(MunicipalityIssue::Ambiguous) => format!("{name} ({})", t.ambiguous_municipality),
    })
}

/// Returns the legend's classes up to the one of the municipality with
/// the most kitchens: a class no municipality can have is not shown.
fn legend(
    kitchens: &HashMap<MunicipalityKey, u64>,
    t: &Labels,
) -> Vec<(&'static str, &'static str)> {
    let most = kitchens.values().copied().max().unwrap_or(0);
    let last = shade_class(most);
    let used = SHADES.iter().position(|c| *c == last).unwrap_or(0);
    SHADES
        .into_iter()
        .zip(t.legend_classes)
        .take(used + 1)
        .collect()
}

/// The overview's table of municipalities, in Spanish alphabetical order
/// of their names.
fn municipality_rows(page: &Overview, lang: Lang) -> Vec<MunicipalityRowView> {
    by_name(&page.municipalities, |m| (&m.name, m.key))
        .into_iter()
        .map(|m| MunicipalityRowView {
            // Relative to the overview (`/` or `/en/`): 570 addresses
            // without their language prefix keep the page within its
            // weight.
            url: relative_to_overview(&Page::Municipality(m.key), lang),
            name: m.name.clone(),
            kitchens: lang.number(m.kitchens),
            beneficiaries: figure(m.beneficiaries, page.beneficiaries.threshold(), lang),
        })
        .collect()
}

pub(crate) struct KitchenRowView {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) municipality: String,
    pub(crate) status: &'static str,
}

impl KitchenRowView {
    pub(crate) fn new(k: &KitchenRow, lang: Lang) -> Self {
        let t = labels(lang);
        Self {
            key: k.key.to_string(),
            name: k.name.clone(),
            url: Page::Kitchen(k.key.clone()).url(lang),
            municipality: municipality_text(k.municipality_name.as_ref(), k.municipality_issue, t)
                .unwrap_or_else(|| t.not_given.to_owned()),
            status: text::status(k.status, lang),
        }
    }
}

/// Returns the rows of a table of kitchens by status.
pub(crate) fn status_rows(counts: &[StatusCount], lang: Lang) -> Vec<(&'static str, String)> {
    counts
        .iter()
        .map(|s| (text::status(s.status, lang), lang.number(s.kitchens)))
        .collect()
}

struct OptionView {
    key: MunicipalityKey,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "kitchen_list.html", whitespace = "minimize")]
struct KitchenListTemplate {
    layout: Layout,
    /// What the address asked that was not understood, one sentence each.
    notices: Vec<String>,
    municipalities: Vec<OptionView>,
    /// The form's field names, in the page's language.
    municipality_param: &'static str,
    text_param: &'static str,
    text_query: String,
    filtered: bool,
    shown_count: String,
    rows: Vec<KitchenRowView>,
    pager: Option<Pager>,
}

/// Links between the pages of the list, when it has more than one.
struct Pager {
    label: &'static str,
    position: String,
    previous: Option<(String, &'static str)>,
    next: Option<(String, &'static str)>,
}

impl Pager {
    fn new(page: &KitchenList, lang: Lang) -> Option<Self> {
        let t = labels(lang);
        let pages = page.matching.div_ceil(u64::from(LIST_PAGE_SIZE)).max(1);
        let current = u64::from(page.filter.page());
        // A page that already shows every match (as the static site's
        // single list page does) needs no pager.
        if pages <= 1 || page.kitchens.len() as u64 >= page.matching {
            return None;
        }
        let link = |n: u64| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            Page::KitchenList(page.filter.on_page(n)).url(lang)
        };
        Some(Self {
            label: t.pages_label,
            position: fill(t.page_of, lang, current.min(pages), pages),
            previous: (current > 1).then(|| (link(current.min(pages + 1) - 1), t.previous_page)),
            next: (current < pages).then(|| (link(current + 1), t.next_page)),
        })
    }
}

/// Renders the kitchen list with its filter form, and a notice of what
/// the address asked that was not understood.
pub fn kitchen_list(page: &KitchenList, to: impl Into<Target>) -> Result<String, RenderError> {
    let to = to.into();
    let lang = to.lang;
    let t = labels(lang);
    let rows = page
        .kitchens
        .iter()
        .map(|k| KitchenRowView::new(k, lang))
        .collect();
    let municipalities = by_name(&page.municipalities, |m| (&m.name, m.key))
        .into_iter()
        .map(|m| OptionView {
            key: m.key,
            name: m.name.clone(),
            selected: page.filter.municipality == Some(m.key),
        })
        .collect();
    let filtered = !page.filter.is_empty();
    // Without a filter "2,300 of 2,300 match" reads as a search result:
    // the list only says how many kitchens it has.
    let shown_count = if filtered {
        t.shown_count.fill(lang, page.matching, page.total)
    } else {
        t.kitchens_count.fill(lang, page.total, 0)
    };
    let template = KitchenListTemplate {
        layout: layout(&Page::KitchenList(page.filter.clone()), to, t.list_title),
        notices: page.notices.iter().map(|n| notice_text(n, t)).collect(),
        municipalities,
        municipality_param: ListParam::Municipality.name(lang),
        text_param: ListParam::Text.name(lang),
        text_query: page.filter.text.clone().unwrap_or_default(),
        filtered,
        shown_count,
        rows,
        pager: Pager::new(page, lang),
    };
    Ok(template.render()?)
}

/// Says in a sentence what was not understood and what was done instead.
/// The names it repeats are the list's own or screened; the template
/// escapes them in any case.
fn notice_text(notice: &QueryNotice, t: &Labels) -> String {
    let named = |label: &str, name: &str| label.replace("{name}", name);
    match notice {
        QueryNotice::UnknownParameter(name) => named(t.notice_unknown, name),
        QueryNotice::BadValue {
            param: ListParam::Municipality,
            written,
        } => named(t.notice_bad_municipality, written),
        QueryNotice::BadValue { written, .. } => named(t.notice_bad_page, written),
        QueryNotice::Repeated { written, .. } => named(t.notice_repeated, written),
        QueryNotice::TextCut => fill(t.notice_text_cut, t.lang, MAX_SEARCH_CHARS as u64, 0),
        QueryNotice::PastLastPage { last } => {
            t.notice_past_last_page.fill(t.lang, u64::from(*last), 0)
        }
    }
}

#[derive(Template)]
#[template(path = "kitchen.html", whitespace = "minimize")]
struct KitchenTemplate {
    layout: Layout,
    name: String,
    facts: Vec<Fact>,
    locator_svg: Option<String>,
    map_caption: String,
    municipality_url: Option<String>,
    history_url: Option<String>,
    table: TableView,
    delivery: DeliveryView,
}

/// Renders one kitchen's page.
pub fn kitchen(page: &KitchenDetail, to: impl Into<Target>) -> Result<String, RenderError> {
    let to = to.into();
    let lang = to.lang;
    let t = labels(lang);
    let locator_svg = page
        .municipality
        .and_then(|key| locator_svg(key, page.location, lang));
    let template = KitchenTemplate {
        layout: layout(&Page::Kitchen(page.key.clone()), to, &page.name),
        name: page.name.clone(),
        facts: kitchen_facts(page, lang),
        locator_svg,
        map_caption: t.locator_caption.replace(
            "{name}",
            page.municipality_name.as_deref().unwrap_or(t.not_given),
        ),
        municipality_url: page
            .municipality
            .map(|key| Page::Municipality(key).url(lang)),
        history_url: page
            .has_history
            .then(|| Page::KitchenHistory(page.key.clone()).url(lang)),
        table: TableView::new(&page.beneficiaries, t.kitchen_beneficiaries_caption, lang),
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}

/// The most a kitchen page's map may weigh before the coarser overview
/// boundaries are used instead: a large municipality and its neighbours
/// drawn finely would weigh up to 50 KB, drawn coarsely about 10 KB.
const LOCATOR_BUDGET: usize = 24_000;

fn locator_svg(key: MunicipalityKey, point: Option<Point<f64>>, lang: Lang) -> Option<String> {
    let fine = BaseMap::locator().locator_svg(key, point, lang)?;
    if fine.len() <= LOCATOR_BUDGET {
        return Some(fine);
    }
    BaseMap::overview()
        .locator_svg(key, point, lang)
        .or(Some(fine))
}

/// Returns a key and a name as the kitchen's facts write them: "551
/// Tlacolula de Matamoros", either alone when the other is missing.
fn keyed(key: Option<String>, name: Option<&String>) -> Option<String> {
    match (key, name) {
        (Some(key), Some(name)) => Some(format!("{key} {name}")),
        (key, name) => key.or_else(|| name.cloned()),
    }
}

/// Returns a kitchen's municipality as its page and its history write it:
/// key and name, the name marked when it is not an official one, or "No
/// indicado".
pub(crate) fn municipality_fact(
    key: Option<MunicipalityKey>,
    name: Option<&String>,
    issue: Option<MunicipalityIssue>,
    t: &Labels,
) -> String {
    let name = municipality_text(name, issue, t);
    keyed(key.map(|k| k.to_string()), name.as_ref()).unwrap_or_else(|| t.not_given.to_owned())
}

/// Returns a kitchen's locality as its page and its history write it: key
/// and name, or "No indicada" (Spanish agrees with "localidad").
pub(crate) fn locality_fact(key: Option<LocalityKey>, name: Option<&String>, t: &Labels) -> String {
    keyed(key.map(|k| k.to_string()), name).unwrap_or_else(|| t.not_given_feminine.to_owned())
}

/// One line of a kitchen's facts.
struct Fact {
    label: &'static str,
    text: String,
    /// Kept on one line: a key or a date, which a narrow screen would
    /// otherwise break at its hyphens ("2014-12-" / "01").
    whole: bool,
}

impl Fact {
    fn new(label: &'static str, text: String) -> Self {
        Self {
            label,
            text,
            whole: false,
        }
    }

    fn whole(label: &'static str, text: String) -> Self {
        Self {
            label,
            text,
            whole: true,
        }
    }
}

fn kitchen_facts(page: &KitchenDetail, lang: Lang) -> Vec<Fact> {
    let t = labels(lang);
    // Spanish agrees with the field: "capacidad" and "fecha" are feminine.
    let given_f = |value: Option<String>| value.unwrap_or_else(|| t.not_given_feminine.to_owned());
    let location = page.location.map_or_else(
        || t.no_location.to_owned(),
        |p| format!("{:.5}, {:.5}", p.y(), p.x()),
    );
    let capacity = page
        .capacity
        .map(|c| format!("{} {}", lang.number(u64::from(c)), t.capacity_people));
    let municipality = municipality_fact(
        page.municipality,
        page.municipality_name.as_ref(),
        page.municipality_issue,
        t,
    );
    vec![
        Fact::whole(t.key_col, page.key.to_string()),
        Fact::new(t.municipality_col, municipality),
        Fact::new(
            t.locality,
            locality_fact(page.locality, page.locality_name.as_ref(), t),
        ),
        Fact::new(t.status_col, text::status(page.status, lang).to_owned()),
        Fact::new(t.capacity, given_f(capacity)),
        Fact::whole(t.opened, given_f(page.opened.map(iso_date))),
        Fact::whole(t.closed, given_f(page.closed.map(iso_date))),
        Fact::new(t.location, location),
    ]
}

#[derive(Template)]
#[template(path = "not_found.html", whitespace = "minimize")]
struct NotFoundTemplate {
    layout: Layout,
}

/// Renders the page for an address that leads nowhere. It does not repeat
/// the address.
pub fn not_found(to: impl Into<Target>) -> Result<String, RenderError> {
    let to = to.into();
    let template = NotFoundTemplate {
        layout: layout(&Page::NotFound, to, labels(to.lang).not_found_title),
    };
    Ok(template.render()?)
}

/// Writes a date in ISO 8601, as every page and file does.
pub(crate) fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
