//! View models: the plain data each page shows.
//!
//! They hold only public values: no database rows, no HTTP types, and no
//! personal data, so the portal and a static-site generator fill them the
//! same way and nothing else can reach a template.

use chrono::NaiveDate;
use cocina_model::{KitchenKey, KitchenStatus, Lang, LocalityKey, MunicipalityKey, Severity};
use geo_types::Point;

use crate::routes::{ListFilter, QueryNotice};
use crate::table::{BeneficiaryTable, Shown};

/// The delivery the figures come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryInfo {
    /// Stable identifier, such as `entrega-2016`.
    pub id: String,
    /// Date the delivery was received.
    pub received: Option<NaiveDate>,
    /// Folio of the transparency request it answers.
    pub request: Option<String>,
}

/// How many kitchens have one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCount {
    /// The status.
    pub status: KitchenStatus,
    /// Number of kitchens.
    pub kitchens: u64,
}

/// One municipality's figures, for the map's shading and its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityFigures {
    /// INEGI municipality key.
    pub key: MunicipalityKey,
    /// Official name.
    pub name: String,
    /// Kitchens of every status.
    pub kitchens: u64,
    /// Beneficiaries, the area's published total (suppressed when small).
    pub beneficiaries: Shown,
}

/// Figures the table of municipalities cannot place, so that it sums to
/// the state's totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnplacedFigures {
    /// Kitchens without a valid municipality (unknown or ambiguous name).
    pub kitchens: u64,
    /// People registered at those kitchens.
    pub beneficiaries: Shown,
    /// People registered at kitchens that are not in the kitchens list.
    pub unlisted_beneficiaries: Shown,
}

/// How many validation findings the delivery had, by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FindingCounts {
    /// Errors.
    pub errors: u64,
    /// Warnings.
    pub warnings: u64,
}

/// Why a kitchen's municipality, as written, is not an official one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MunicipalityIssue {
    /// The name matches no municipality of Oaxaca.
    Unknown,
    /// The name belongs to several municipalities.
    Ambiguous,
}

/// A kitchen drawn on a map: only kitchens with a validated location.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    /// The kitchen's key, for its link.
    pub key: KitchenKey,
    /// The kitchen's name, for the point's title.
    pub name: String,
    /// `x` is longitude, `y` latitude (WGS84).
    pub location: Point<f64>,
}

/// The overview page: the state's figures and the map. The default is a
/// portal with no delivery yet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    /// The delivery shown; `None` before any delivery is loaded.
    pub delivery: Option<DeliveryInfo>,
    /// Kitchens by status, for the whole state.
    pub kitchens_by_status: Vec<StatusCount>,
    /// The state's beneficiaries by sex and age group, suppressed.
    pub beneficiaries: BeneficiaryTable,
    /// Every municipality with at least one kitchen.
    pub municipalities: Vec<MunicipalityFigures>,
    /// Kitchens with a validated location.
    pub points: Vec<MapPoint>,
    /// Kitchens and people not in any municipality's row.
    pub unplaced: UnplacedFigures,
    /// The delivery's validation findings.
    pub findings: FindingCounts,
    /// The regions, when reference data gave each municipality its region;
    /// empty otherwise.
    pub regions: Vec<RegionFigures>,
}

/// One region's figures, for the overview's table of regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionFigures {
    /// The region's name, as the reference data spells it.
    pub name: String,
    /// Municipalities of the region with at least one kitchen.
    pub municipalities: u64,
    /// Kitchens of every status.
    pub kitchens: u64,
    /// Beneficiaries, the region's published total (suppressed when
    /// small).
    pub beneficiaries: Shown,
}

impl Overview {
    /// Returns the number of kitchens of every status.
    #[must_use]
    pub fn total_kitchens(&self) -> u64 {
        self.kitchens_by_status.iter().map(|s| s.kitchens).sum()
    }
}

/// One row of the kitchen list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenRow {
    /// The agency's key.
    pub key: KitchenKey,
    /// The kitchen's name.
    pub name: String,
    /// Municipality key, when known.
    pub municipality: Option<MunicipalityKey>,
    /// Municipality name: the official one when the key is known,
    /// otherwise as written in the delivery.
    pub municipality_name: Option<String>,
    /// Why the name as written is not an official municipality.
    pub municipality_issue: Option<MunicipalityIssue>,
    /// Operating status.
    pub status: KitchenStatus,
}

/// A municipality offered in the list's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityOption {
    /// INEGI municipality key.
    pub key: MunicipalityKey,
    /// Official name.
    pub name: String,
}

/// One page of the kitchen list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenList {
    /// The filter applied, echoed in the form.
    pub filter: ListFilter,
    /// The kitchens of the page shown, among those that pass the filter,
    /// in key order.
    pub kitchens: Vec<KitchenRow>,
    /// Number of kitchens that pass the filter, on every page.
    pub matching: u64,
    /// Number of kitchens before filtering.
    pub total: u64,
    /// Municipalities that have kitchens, for the filter's choices; without
    /// any the filter form is left out.
    pub municipalities: Vec<MunicipalityOption>,
    /// What the address asked that was not understood and not applied
    /// ([`ListFilter::from_query`]), and a page asked past the list's end
    /// ([`ListFilter::within`]), which the page tells the visitor.
    pub notices: Vec<QueryNotice>,
}

/// One kitchen's page.
#[derive(Debug, Clone, PartialEq)]
pub struct KitchenDetail {
    /// The agency's key.
    pub key: KitchenKey,
    /// The kitchen's name.
    pub name: String,
    /// Municipality key, when known.
    pub municipality: Option<MunicipalityKey>,
    /// Municipality name, official when the key is known.
    pub municipality_name: Option<String>,
    /// Why the name as written is not an official municipality.
    pub municipality_issue: Option<MunicipalityIssue>,
    /// Locality key, when given.
    pub locality: Option<LocalityKey>,
    /// Locality name as written in the delivery.
    pub locality_name: Option<String>,
    /// Operating status.
    pub status: KitchenStatus,
    /// Validated location: inside the state and inside its municipality.
    pub location: Option<Point<f64>>,
    /// Declared number of people it can serve.
    pub capacity: Option<u32>,
    /// Date it opened.
    pub opened: Option<NaiveDate>,
    /// Date it closed.
    pub closed: Option<NaiveDate>,
    /// Its beneficiaries by sex and age group, suppressed.
    pub beneficiaries: BeneficiaryTable,
    /// The delivery it came from.
    pub delivery: DeliveryInfo,
    /// Whether its history across deliveries has a page to link to (the
    /// portal's; the static site holds one delivery).
    pub has_history: bool,
}

/// How a kitchen appeared in one delivery, for its history page.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    /// The delivery's id.
    pub delivery: String,
    /// The date the delivery was received.
    pub received: Option<NaiveDate>,
    /// Its status then.
    pub status: KitchenStatus,
    /// Its municipality key then.
    pub municipality: Option<MunicipalityKey>,
    /// Its municipality's name then: the official one when the key is
    /// known, otherwise as written.
    pub municipality_name: Option<String>,
    /// Why the name as written then is not an official municipality.
    pub municipality_issue: Option<MunicipalityIssue>,
    /// Its locality key then, when given.
    pub locality: Option<LocalityKey>,
    /// Its locality as written then.
    pub locality_name: Option<String>,
    /// Its validated point then.
    pub location: Option<Point<f64>>,
    /// Its beneficiaries then, as published: the total, or why it was
    /// suppressed.
    pub beneficiaries: Shown,
}

/// One kitchen's history page: the deliveries that list it, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct KitchenHistory {
    /// The kitchen's key.
    pub key: KitchenKey,
    /// Its name in the latest delivery.
    pub name: String,
    /// One row per delivery, oldest first.
    pub rows: Vec<HistoryRow>,
    /// The suppression threshold the totals were published with.
    pub threshold: u64,
}

/// A text in both languages, for values that come with the data rather than
/// from the pages' catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilingual {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// Returns the text in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.es, &self.en)
    }
}

/// One municipality's page.
#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityDetail {
    /// INEGI municipality key.
    pub key: MunicipalityKey,
    /// Official name.
    pub name: String,
    /// District, when reference data gave it.
    pub district: Option<String>,
    /// Region, when reference data gave it.
    pub region: Option<String>,
    /// Kitchens by status.
    pub kitchens_by_status: Vec<StatusCount>,
    /// Beneficiaries by sex and age group, suppressed.
    pub beneficiaries: BeneficiaryTable,
    /// The municipality's kitchens, in key order.
    pub kitchens: Vec<KitchenRow>,
    /// Its kitchens with a validated location.
    pub points: Vec<MapPoint>,
    /// The delivery the figures come from.
    pub delivery: DeliveryInfo,
}

/// One region's page.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionDetail {
    /// The region's name.
    pub name: String,
    /// Every municipality of the region, for the map.
    pub members: Vec<MunicipalityKey>,
    /// Kitchens by status.
    pub kitchens_by_status: Vec<StatusCount>,
    /// Beneficiaries by sex and age group, suppressed.
    pub beneficiaries: BeneficiaryTable,
    /// Municipalities of the region with at least one kitchen.
    pub municipalities: Vec<MunicipalityFigures>,
    /// Its kitchens with a validated location.
    pub points: Vec<MapPoint>,
    /// The delivery the figures come from.
    pub delivery: DeliveryInfo,
}

/// One file of the delivery, described but not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// File name within the delivery.
    pub file: String,
    /// The requested item the file answers, as the request worded it.
    pub answers: Option<String>,
    /// Format, such as `XLSX` or `PDF`.
    pub format: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of its bytes, 64 hexadecimal characters.
    pub sha256: String,
}

/// The documents page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentsPage {
    /// The delivery the files came in.
    pub delivery: DeliveryInfo,
    /// Its files, by name.
    pub documents: Vec<DocumentRow>,
}

/// One file of the open-data package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadRow {
    /// Its address, relative to the site's root.
    pub url: String,
    /// File name.
    pub file: String,
    /// Format, such as `CSV`.
    pub format: String,
    /// Size in bytes.
    pub bytes: u64,
    /// What it holds.
    pub contents: Bilingual,
}

/// The downloads page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadsPage {
    /// The delivery the data comes from.
    pub delivery: DeliveryInfo,
    /// The address of the package's `datapackage.json`.
    pub package_url: String,
    /// The package's files.
    pub files: Vec<DownloadRow>,
}

/// One requested item and whether it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedRow {
    /// The item as the request worded it.
    pub description: String,
    /// Whether it came.
    pub received: bool,
    /// The files that answer it.
    pub files: Vec<String>,
}

/// One validation rule's line of the scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleScore {
    /// The rule's stable code.
    pub code: String,
    /// What the rule checks.
    pub summary: Bilingual,
    /// The rule's severity.
    pub severity: Severity,
    /// Findings of the rule in this delivery; `None` when the rule did not
    /// run because it needs reference data the delivery was not checked
    /// with (a zero would claim it passed).
    pub findings: Option<u64>,
}

/// The completeness and validation scorecard page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualityPage {
    /// The delivery.
    pub delivery: DeliveryInfo,
    /// What the request asked for, in its order.
    pub items: Vec<RequestedRow>,
    /// Every rule, with its number of findings.
    pub rules: Vec<RuleScore>,
    /// Findings by severity.
    pub findings: FindingCounts,
    /// The address of the full report, when published.
    pub report_url: Option<String>,
}

/// One delivery in the list of deliveries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    /// The delivery.
    pub delivery: DeliveryInfo,
    /// Kitchens it lists.
    pub kitchens: u64,
    /// Beneficiaries in its state total; `None` when that total is
    /// suppressed.
    pub beneficiaries: Option<u64>,
    /// Its validation findings.
    pub findings: FindingCounts,
    /// Whether it is the delivery the pages without a delivery show.
    pub shown: bool,
}

/// The list of every delivery held, the one loaded last first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveriesPage {
    /// The deliveries.
    pub deliveries: Vec<DeliveryRow>,
}
