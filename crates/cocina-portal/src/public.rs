//! What of a delivery may be stored: the public projection.
//!
//! [`PublicDelivery::project`] takes an imported delivery, with its people,
//! and keeps only what may be published: kitchens without their premises'
//! address or committee contacts, validated points, beneficiary counts after
//! suppression, kitchens by status, and validation findings. Its types have
//! no field that could hold a name, a CURP, a birth date, an address or a
//! phone, and [`Store::save`](crate::Store::save) accepts nothing else, so
//! personal data cannot reach the database.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use cocina_aggregation::{
    Encoded, GeoLevel, KitchenEntry, Margin, QueryError, Source, SuppressionReason, publish_levels,
};
use cocina_geography::{Catalog, in_state_box};
use cocina_importers::ImportedDelivery;
use cocina_model::{AgeGroup, Kitchen, KitchenKey, KitchenStatus, RequestedItem, Severity, Sex};
use cocina_rendering::view::MunicipalityIssue;
use cocina_validation::{Report, Rule, ValidationOptions};
use geo_types::Point;

/// Counts from 1 to this minus one are suppressed before publication.
pub const SUPPRESSION_THRESHOLD: u64 = 5;

/// A kitchen as published: the one public kitchen view, shared with the
/// static site so that both serialize it alike (see
/// [`cocina_publication::public::kitchen_feature`]).
pub use cocina_publication::public::PublicKitchen;

/// The area a published figure belongs to: a level and, below the state, a
/// key (`None` for people or kitchens whose area is unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRef {
    /// State, municipality or kitchen (the portal has no reference data to
    /// place municipalities in districts and regions).
    pub level: GeoLevel,
    /// Municipality or kitchen key; `None` for the state and for the
    /// unassigned.
    pub key: Option<String>,
}

impl AreaRef {
    fn new(level: GeoLevel, key: Option<&str>) -> Self {
        Self {
            level,
            key: key.map(str::to_owned),
        }
    }
}

/// One published beneficiary figure: a cell, or a total where sex or age
/// group is [`Margin::Total`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCell {
    /// Where.
    pub area: AreaRef,
    /// Sex; `Value(None)` when not recorded.
    pub sex: Margin<Option<Sex>>,
    /// Age group.
    pub age_group: Margin<AgeGroup>,
    /// The count; `None` when suppressed.
    pub value: Option<u64>,
    /// Why it is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// An area's total of beneficiaries, suppressed like any figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicTotal {
    /// Where.
    pub area: AreaRef,
    /// People; `None` when suppressed.
    pub beneficiaries: Option<u64>,
    /// Why it is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// Kitchens of one status in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatusCount {
    /// Where.
    pub area: AreaRef,
    /// The status.
    pub status: KitchenStatus,
    /// Kitchens.
    pub kitchens: u64,
}

/// A validation finding as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicFinding {
    /// The rule's stable code.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// File of the delivery.
    pub file: Option<String>,
    /// Sheet.
    pub sheet: Option<String>,
    /// A1 reference of the cell.
    pub cell: Option<String>,
    /// Row.
    pub row: Option<u32>,
    /// The kitchen concerned.
    pub kitchen: Option<String>,
    /// Message in Spanish.
    pub message_es: String,
    /// Message in English.
    pub message_en: String,
    /// How many of the delivery's findings this one stands for
    /// ([`cocina_validation::Finding::records`]).
    pub records: u64,
}

/// Everything of a delivery the portal stores.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicDelivery {
    /// Stable identifier.
    pub id: String,
    /// Date received.
    pub received: Option<NaiveDate>,
    /// Folio of the request.
    pub request: Option<String>,
    /// The suppression threshold the cells were published with.
    pub threshold: u64,
    /// Kitchens, first listing of each key, in file order.
    pub kitchens: Vec<PublicKitchen>,
    /// Beneficiary figures at state, municipality and kitchen level, zeros
    /// and totals included.
    pub cells: Vec<PublicCell>,
    /// Totals of the same areas.
    pub totals: Vec<PublicTotal>,
    /// Kitchens by status, state and municipality level.
    pub status_counts: Vec<PublicStatusCount>,
    /// Validation findings, in report order.
    pub findings: Vec<PublicFinding>,
    /// The delivery's files, in manifest order.
    pub documents: Vec<PublicDocument>,
    /// What the request asked for and whether it came, in manifest order.
    pub items: Vec<RequestedItem>,
    /// The open-data package, as the publication crate writes it.
    pub package: Vec<PackageEntry>,
}

/// One file of the open-data package, with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageEntry {
    /// File name, as in the package's `datos/` directory.
    pub file: String,
    /// Format, such as `CSV`.
    pub format: String,
    /// What it holds, in Spanish.
    pub contents_es: String,
    /// What it holds, in English.
    pub contents_en: String,
    /// The file's bytes.
    pub body: Vec<u8>,
}

/// A file of the delivery, for the documents library.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicDocument {
    /// Path relative to the delivery directory.
    pub path: String,
    /// SHA-256 of its bytes, hexadecimal: computed at load, or taken from
    /// the manifest when the file could not be read.
    pub sha256: Option<String>,
    /// Its size in bytes, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// The requested item it answers, as the request worded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
}

impl PublicDelivery {
    /// Keeps what may be published of `imported`, validated by `report`.
    /// Call it after municipalities are resolved, as [`ingest`](crate::ingest())
    /// does.
    ///
    /// # Errors
    ///
    /// Fails only when the table of every level would be too large to
    /// hold, far past any real delivery.
    pub fn project(
        imported: &ImportedDelivery,
        report: &Report,
        catalog: &Catalog,
        options: &ValidationOptions,
    ) -> Result<Self, QueryError> {
        let mut kitchens = first_listings(&imported.kitchens);
        // A key Oaxaca does not have counts under no municipality, as the
        // open-data package counts it: the two publish the same figures,
        // and neither can be subtracted from the other.
        for kitchen in &mut kitchens {
            kitchen.municipality = kitchen.municipality.filter(|m| catalog.get(*m).is_some());
        }
        let issues = municipality_issues(report);
        let mut public = Self {
            id: imported.delivery.id.clone(),
            received: imported.delivery.received,
            request: imported.delivery.request.clone(),
            threshold: SUPPRESSION_THRESHOLD,
            kitchens: kitchens
                .iter()
                .map(|k| public_kitchen(k, catalog, options, &issues))
                .collect(),
            cells: Vec::new(),
            totals: Vec::new(),
            status_counts: Vec::new(),
            findings: report
                .public_findings(imported, SUPPRESSION_THRESHOLD)
                .iter()
                .map(public_finding)
                .collect(),
            documents: imported
                .delivery
                .files
                .iter()
                .map(|f| PublicDocument {
                    path: f.path.clone(),
                    sha256: f.sha256.as_ref().map(ToString::to_string),
                    bytes: None,
                    answers: None,
                })
                .collect(),
            items: imported.delivery.items.clone(),
            package: Vec::new(),
        };
        public.add_figures(imported, &kitchens)?;
        Ok(public)
    }

    /// Returns the state's total of beneficiaries; `None` when suppressed
    /// (a delivery of fewer people than the threshold).
    #[must_use]
    pub fn beneficiaries(&self) -> Option<u64> {
        let state = self.totals.iter().find(|t| t.area.level == GeoLevel::State);
        state.map_or(Some(0), |t| t.beneficiaries)
    }

    /// Counts the three levels and publishes them together, totals
    /// included, so that no figure gives a suppressed one away by
    /// subtraction; kitchens by status at the state and municipality
    /// levels.
    fn add_figures(
        &mut self,
        imported: &ImportedDelivery,
        kitchens: &[Kitchen],
    ) -> Result<(), QueryError> {
        let entries: Vec<KitchenEntry> = kitchens.iter().map(KitchenEntry::from).collect();
        let source = Source {
            name: &self.id,
            kitchens: &entries,
            beneficiaries: &imported.beneficiaries,
            counts: &imported.counts,
        };
        let published = publish_levels(&Encoded::new(&[source], None), self.threshold)?;
        for cell in published.cells() {
            let area = AreaRef::new(cell.level, cell.area);
            if cell.sex == Margin::Total && cell.age_group == Margin::Total {
                self.totals.push(PublicTotal {
                    area: area.clone(),
                    beneficiaries: cell.value,
                    reason: cell.reason,
                });
            }
            self.cells.push(PublicCell {
                area,
                sex: cell.sex,
                age_group: cell.age_group,
                value: cell.value,
                reason: cell.reason,
            });
        }
        for tally in published.kitchens() {
            let (Margin::Value(status), false) = (tally.status, tally.level == GeoLevel::Kitchen)
            else {
                continue;
            };
            if tally.kitchens > 0 {
                self.status_counts.push(PublicStatusCount {
                    area: AreaRef::new(tally.level, tally.area),
                    status,
                    kitchens: tally.kitchens,
                });
            }
        }
        Ok(())
    }
}

/// Keeps the first listing of each kitchen key, so that the list, the
/// counts and the pages agree.
fn first_listings(kitchens: &[Kitchen]) -> Vec<Kitchen> {
    let mut seen = HashSet::new();
    kitchens
        .iter()
        .filter(|k| seen.insert(k.key.clone()))
        .cloned()
        .collect()
}

/// The kitchens whose municipality validation found unknown or ambiguous,
/// by the rule that found it (first finding of each kitchen wins).
fn municipality_issues(report: &Report) -> HashMap<KitchenKey, MunicipalityIssue> {
    let mut issues = HashMap::new();
    for finding in &report.findings {
        let issue = match finding.rule {
            Rule::UnknownMunicipality => MunicipalityIssue::Unknown,
            Rule::AmbiguousMunicipality => MunicipalityIssue::Ambiguous,
            _ => continue,
        };
        if let Some(key) = &finding.kitchen {
            issues.entry(key.clone()).or_insert(issue);
        }
    }
    issues
}

fn public_kitchen(
    kitchen: &Kitchen,
    catalog: &Catalog,
    options: &ValidationOptions,
    issues: &HashMap<KitchenKey, MunicipalityIssue>,
) -> PublicKitchen {
    let official = cocina_validation::public_municipality_name(kitchen, catalog);
    PublicKitchen {
        key: kitchen.key.clone(),
        name: kitchen.name.clone(),
        municipality: kitchen.municipality,
        municipality_name: official,
        // A kitchen with a key shows no name issue, as the pages did when
        // they read it from the findings.
        municipality_issue: kitchen
            .municipality
            .is_none()
            .then(|| issues.get(&kitchen.key).copied())
            .flatten(),
        locality: kitchen.locality,
        locality_name: kitchen.locality_name.clone(),
        // The portal loads deliveries without reference data.
        place: None,
        status: kitchen.status,
        location: validated_location(kitchen, catalog, options),
        capacity: kitchen.capacity,
        opened: kitchen.opened,
        closed: kitchen.closed,
    }
}

/// Returns the kitchen's point when validation would accept it: inside the
/// state's box and no farther from its stated municipality than the
/// validation tolerance.
#[must_use]
pub fn validated_location(
    kitchen: &Kitchen,
    catalog: &Catalog,
    options: &ValidationOptions,
) -> Option<Point<f64>> {
    let point = kitchen.location?;
    let key = kitchen.municipality?;
    if !in_state_box(point) {
        return None;
    }
    let distance = catalog.distance_km(point, key)?;
    (distance <= options.boundary_tolerance_km).then_some(point)
}

fn public_finding(finding: &cocina_validation::Finding) -> PublicFinding {
    let source = finding.source.as_ref();
    PublicFinding {
        code: finding.code().to_owned(),
        severity: finding.severity,
        file: source.map(|s| s.file.to_string()),
        sheet: source
            .and_then(|s| s.sheet.as_ref())
            .map(ToString::to_string),
        cell: source.and_then(|s| s.cell).map(|c| c.to_string()),
        row: source.and_then(|s| s.row),
        kitchen: finding.kitchen.as_ref().map(ToString::to_string),
        message_es: finding.message(cocina_model::Lang::Es),
        message_en: finding.message(cocina_model::Lang::En),
        records: finding.records(),
    }
}
