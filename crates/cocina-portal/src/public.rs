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
    Area, BeneficiaryCounts, KitchenCounts, Level, SuppressionReason, publish_levels,
};
use cocina_geography::{Catalog, in_state_box};
use cocina_importers::ImportedDelivery;
use cocina_model::{
    AgeGroup, Kitchen, KitchenKey, KitchenStatus, LocalityKey, MunicipalityKey, Severity, Sex,
};
use cocina_rendering::view::MunicipalityIssue;
use cocina_validation::{Report, Rule, ValidationOptions};
use geo_types::Point;

/// Counts from 1 to this minus one are suppressed before publication.
pub const SUPPRESSION_THRESHOLD: u64 = 5;

/// A kitchen as published.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicKitchen {
    /// The agency's key.
    pub key: KitchenKey,
    /// The kitchen's name.
    pub name: String,
    /// Municipality key, given or resolved from the name.
    pub municipality: Option<MunicipalityKey>,
    /// Official municipality name when the key is known, otherwise as
    /// written.
    pub municipality_name: Option<String>,
    /// Why the municipality has no key, when validation found its name
    /// unknown or ambiguous; decided at ingest.
    pub municipality_issue: Option<MunicipalityIssue>,
    /// Locality key.
    pub locality: Option<LocalityKey>,
    /// Locality name as written.
    pub locality_name: Option<String>,
    /// Operating status.
    pub status: KitchenStatus,
    /// The point, only when inside the state and inside its municipality.
    pub location: Option<Point<f64>>,
    /// Declared capacity.
    pub capacity: Option<u32>,
    /// Date it opened.
    pub opened: Option<NaiveDate>,
    /// Date it closed.
    pub closed: Option<NaiveDate>,
}

/// The area a published figure belongs to: a level and, below the state, a
/// key (`None` for people or kitchens whose area is unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRef {
    /// State, municipality or kitchen.
    pub level: Level,
    /// Municipality or kitchen key; `None` for the state and for the
    /// unassigned.
    pub key: Option<String>,
}

impl AreaRef {
    fn new(level: Level, area: &Area) -> Self {
        let key = match area {
            Area::State | Area::Unassigned => None,
            Area::Municipality(key) => Some(key.to_string()),
            Area::Kitchen(key) => Some(key.to_string()),
        };
        Self { level, key }
    }
}

/// One published beneficiary cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCell {
    /// Where.
    pub area: AreaRef,
    /// Sex; `None` when not recorded.
    pub sex: Option<Sex>,
    /// Age group.
    pub age_group: AgeGroup,
    /// The count; `None` when suppressed.
    pub value: Option<u64>,
    /// Why it is suppressed.
    pub reason: Option<SuppressionReason>,
}

/// An area's total of beneficiaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicTotal {
    /// Where.
    pub area: AreaRef,
    /// People.
    pub beneficiaries: u64,
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
    /// Beneficiary cells at state, municipality and kitchen level.
    pub cells: Vec<PublicCell>,
    /// Totals of the same areas.
    pub totals: Vec<PublicTotal>,
    /// Kitchens by status, state and municipality level.
    pub status_counts: Vec<PublicStatusCount>,
    /// Validation findings, in report order.
    pub findings: Vec<PublicFinding>,
    /// The delivery's files, in manifest order.
    pub documents: Vec<PublicDocument>,
}

/// A file of the delivery, for the documents library.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicDocument {
    /// Path relative to the delivery directory.
    pub path: String,
    /// SHA-256 of its bytes, hexadecimal, when the manifest gives it.
    pub sha256: Option<String>,
}

impl PublicDelivery {
    /// Keeps what may be published of `imported`, validated by `report`.
    /// Call it after municipalities are resolved, as [`ingest`](crate::ingest())
    /// does.
    #[must_use]
    pub fn project(
        imported: &ImportedDelivery,
        report: &Report,
        catalog: &Catalog,
        options: &ValidationOptions,
    ) -> Self {
        let kitchens = first_listings(&imported.kitchens);
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
            findings: report.findings.iter().map(public_finding).collect(),
            documents: imported
                .delivery
                .files
                .iter()
                .map(|f| PublicDocument {
                    path: f.path.clone(),
                    sha256: f.sha256.as_ref().map(ToString::to_string),
                })
                .collect(),
        };
        public.add_beneficiaries(imported, &kitchens);
        for level in [Level::State, Level::Municipality] {
            public.add_status_counts(&kitchens, level);
        }
        public
    }

    /// Returns the state's total of beneficiaries.
    #[must_use]
    pub fn beneficiaries(&self) -> u64 {
        self.totals
            .iter()
            .filter(|t| t.area.level == Level::State)
            .map(|t| t.beneficiaries)
            .sum()
    }

    /// Counts the three levels and publishes them together, so that no
    /// level gives a lower one away by subtraction.
    fn add_beneficiaries(&mut self, imported: &ImportedDelivery, kitchens: &[Kitchen]) {
        let levels = [Level::State, Level::Municipality, Level::Kitchen];
        let counts = levels.map(|level| {
            let mut counts =
                BeneficiaryCounts::from_records(&imported.beneficiaries, kitchens, level);
            counts.merge(&BeneficiaryCounts::from_counts(
                &imported.counts,
                kitchens,
                level,
            ));
            counts
        });
        let published = publish_levels(kitchens, counts.each_ref(), self.threshold);
        for ((level, counts), published) in levels.into_iter().zip(&counts).zip(&published) {
            self.cells.extend(published.cells().map(|c| PublicCell {
                area: AreaRef::new(level, &c.cell.area),
                sex: c.cell.sex,
                age_group: c.cell.age_group,
                value: c.value,
                reason: c.reason,
            }));
            self.totals.extend(
                counts
                    .totals_by_area()
                    .into_iter()
                    .map(|(area, n)| PublicTotal {
                        area: AreaRef::new(level, &area),
                        beneficiaries: n,
                    }),
            );
        }
    }

    fn add_status_counts(&mut self, kitchens: &[Kitchen], level: Level) {
        let counts = KitchenCounts::from_kitchens(kitchens, level);
        self.status_counts
            .extend(counts.iter().map(|(area, status, n)| PublicStatusCount {
                area: AreaRef::new(level, area),
                status,
                kitchens: n,
            }));
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
    let official = kitchen
        .municipality
        .and_then(|key| catalog.get(key))
        .map(|m| m.name.clone());
    PublicKitchen {
        key: kitchen.key.clone(),
        name: kitchen.name.clone(),
        municipality: kitchen.municipality,
        municipality_name: official.or_else(|| kitchen.municipality_name.clone()),
        // A kitchen with a key shows no name issue, as the pages did when
        // they read it from the findings.
        municipality_issue: kitchen
            .municipality
            .is_none()
            .then(|| issues.get(&kitchen.key).copied())
            .flatten(),
        locality: kitchen.locality,
        locality_name: kitchen.locality_name.clone(),
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
    }
}
