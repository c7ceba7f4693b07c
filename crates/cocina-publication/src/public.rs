//! What of a delivery may be published, gathered once for the package and
//! the site: kitchens without their premises' address or committee,
//! validated points, published counts, the delivery's files described by
//! their fingerprints, what was requested and came, and the findings.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use cocina_geography::reference::{MarginalizationDegree, Reference};
use cocina_geography::{Catalog, in_state_box};
use cocina_model::{
    Delivery, Endowment, Kitchen, KitchenKey, KitchenStatus, Lang, LocalityKey, MunicipalityKey,
    RequestedItem,
};
use cocina_rendering::Page;
use cocina_rendering::view::MunicipalityIssue;
use cocina_validation::{CheckedDelivery, Finding, Rule, RuleInfo, ValidationOptions};
use geo_types::Point;
use sha2::{Digest, Sha256};

use crate::PublishError;
use crate::aggregate::{Aggregates, Inputs};

/// A kitchen as published.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicKitchen {
    /// The agency's key.
    pub key: KitchenKey,
    /// The kitchen's name.
    pub name: String,
    /// Municipality key, given or resolved from the name.
    pub municipality: Option<MunicipalityKey>,
    /// Official municipality name when the key is known, as written when
    /// the name is shared by several municipalities, otherwise none.
    pub municipality_name: Option<String>,
    /// Why the name as written is not an official municipality.
    pub municipality_issue: Option<MunicipalityIssue>,
    /// Locality key.
    pub locality: Option<LocalityKey>,
    /// Locality name as written.
    pub locality_name: Option<String>,
    /// Region and district, with reference data.
    pub place: Option<(String, String)>,
    /// Operating status.
    pub status: KitchenStatus,
    /// The point, only when inside the state and near its municipality.
    pub location: Option<Point<f64>>,
    /// Declared capacity.
    pub capacity: Option<u32>,
    /// Date it opened.
    pub opened: Option<NaiveDate>,
    /// Date it closed.
    pub closed: Option<NaiveDate>,
}

/// Returns a kitchen as a GeoJSON Feature (RFC 7946): the one form the
/// portal's `/api/v1/kitchens` and the static site's copy of that address
/// both give. Its id is the key; its point, when validated, is
/// `[longitude, latitude]` rounded to five decimals (about a metre, and RFC
/// 7946 advises no more than six); otherwise the geometry is null.
#[must_use]
pub fn kitchen_feature(kitchen: &PublicKitchen) -> geojson::Feature {
    use serde_json::Value;
    let text = |s: Option<String>| s.map_or(Value::Null, Value::String);
    let mut properties = geojson::JsonObject::new();
    properties.insert("key".into(), kitchen.key.to_string().into());
    properties.insert("name".into(), kitchen.name.clone().into());
    properties.insert(
        "municipality_key".into(),
        text(kitchen.municipality.map(|m| m.to_string())),
    );
    properties.insert(
        "municipality_name".into(),
        text(kitchen.municipality_name.clone()),
    );
    properties.insert("locality_name".into(), text(kitchen.locality_name.clone()));
    properties.insert("status".into(), kitchen.status.to_string().into());
    let url = Page::Kitchen(kitchen.key.clone()).url(Lang::Es);
    properties.insert("url".into(), url.into());
    let round = |x: f64| (x * 1e5).round() / 1e5;
    geojson::Feature {
        id: Some(geojson::feature::Id::String(kitchen.key.to_string())),
        geometry: kitchen
            .location
            .map(|p| geojson::Geometry::new_point([round(p.x()), round(p.y())])),
        properties: Some(properties),
        ..geojson::Feature::default()
    }
}

/// Returns the kitchens as a FeatureCollection of [`kitchen_feature`]s.
/// An empty collection has no `bbox`: RFC 7946 gives it no box, and an
/// empty array is not one.
#[must_use]
pub fn kitchen_collection(kitchens: &[PublicKitchen]) -> geojson::FeatureCollection {
    let mut collection = geojson::FeatureCollection::new(kitchens.iter().map(kitchen_feature));
    if collection.bbox.as_ref().is_some_and(Vec::is_empty) {
        collection.bbox = None;
    }
    collection
}

/// A municipality of the catalogue, with reference facts when given.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicMunicipality {
    /// INEGI key.
    pub key: MunicipalityKey,
    /// INEGI CVEGEO, state and municipality.
    pub cvegeo: String,
    /// Official name.
    pub name: String,
    /// District and region (reference data).
    pub place: Option<(String, String)>,
    /// Census 2020 population (INEGI).
    pub population: Option<u32>,
    /// Marginalization 2020 (CONAPO): index and degree.
    pub marginalization: Option<(f64, MarginalizationDegree)>,
}

/// One file of the delivery, described by its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    /// File name within the delivery.
    pub file: String,
    /// The requested item it answers, when the manifest says.
    pub answers: Option<String>,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// Everything the package and the site are written from.
#[derive(Debug, Clone)]
pub struct Publication {
    /// The delivery's metadata.
    pub delivery: Delivery,
    /// Kitchens, first listing of each key, in key order.
    pub kitchens: Vec<PublicKitchen>,
    /// All 570 municipalities.
    pub municipalities: Vec<PublicMunicipality>,
    /// Published counts.
    pub aggregates: Aggregates,
    /// The delivery's files.
    pub documents: Vec<DocumentFile>,
    /// What was requested and whether it came.
    pub items: Vec<RequestedItem>,
    /// Rations by age group and their products: program data, nothing
    /// personal (suppliers are businesses named in public tenders).
    pub endowments: Vec<Endowment>,
    /// Validation findings as published, in report order: findings about
    /// people as counts ([`cocina_validation::Report::public_findings`]).
    pub findings: Vec<Finding>,
    /// Whether reference data placed municipalities in regions.
    pub has_reference: bool,
}

impl Publication {
    /// How many findings the delivery has that `count` picks, counted as
    /// the agency's report counts them: a published count of findings
    /// about people adds as many as it stands for
    /// ([`Finding::records`]).
    pub fn findings_where(&self, count: impl Fn(&Finding) -> bool) -> u64 {
        self.findings
            .iter()
            .filter(|f| count(f))
            .map(Finding::records)
            .sum()
    }

    /// Keeps what may be published of a checked delivery.
    pub fn build(
        checked: &CheckedDelivery,
        dir: &Path,
        reference: Option<&Reference>,
        threshold: u64,
    ) -> Result<Self, PublishError> {
        let catalog = Catalog::bundled();
        let options = ValidationOptions::default();
        let imported = &checked.delivery;
        let mut listed = first_listings(&imported.kitchens);
        // A key Oaxaca does not have is published as no key, with the name
        // as written; validation reports it.
        for kitchen in &mut listed {
            kitchen.municipality = kitchen.municipality.filter(|m| catalog.get(*m).is_some());
        }
        let issues = municipality_issues(&checked.report.findings);
        let place_of = |key: Option<MunicipalityKey>| {
            let facts = reference?.municipality(key?)?;
            Some((facts.region.clone(), facts.district.clone()))
        };
        let mut kitchens: Vec<PublicKitchen> = listed
            .iter()
            .map(|k| PublicKitchen {
                key: k.key.clone(),
                name: k.name.clone(),
                municipality: k.municipality,
                municipality_name: official_name(k, catalog),
                municipality_issue: issues.get(&k.key).copied(),
                locality: k.locality,
                locality_name: k.locality_name.clone(),
                place: place_of(k.municipality),
                status: k.status,
                location: validated_location(k, catalog, &options),
                capacity: k.capacity,
                opened: k.opened,
                closed: k.closed,
            })
            .collect();
        kitchens.sort_by(|a, b| a.key.cmp(&b.key));
        let inputs = Inputs {
            kitchens: &listed,
            beneficiaries: &imported.beneficiaries,
            counts: &imported.counts,
            reference,
        };
        Ok(Self {
            delivery: imported.delivery.clone(),
            kitchens,
            municipalities: municipalities(catalog, reference),
            aggregates: Aggregates::build(&inputs, threshold)?,
            documents: documents(dir, &imported.delivery)?,
            items: imported.delivery.items.clone(),
            endowments: imported.endowments.clone(),
            findings: checked.report.public_findings(imported, threshold),
            has_reference: reference.is_some(),
        })
    }
}

/// Keeps the first listing of each kitchen key, as validation, the counts
/// and the portal do.
fn first_listings(kitchens: &[Kitchen]) -> Vec<Kitchen> {
    let mut seen = HashSet::new();
    kitchens
        .iter()
        .filter(|k| seen.insert(k.key.clone()))
        .cloned()
        .collect()
}

fn official_name(kitchen: &Kitchen, catalog: &Catalog) -> Option<String> {
    cocina_validation::public_municipality_name(kitchen, catalog)
}

/// Which kitchens validation found with an unknown or ambiguous
/// municipality name.
fn municipality_issues(findings: &[Finding]) -> HashMap<KitchenKey, MunicipalityIssue> {
    let mut issues = HashMap::new();
    for finding in findings {
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

/// Returns the kitchen's point when validation accepts it: inside the
/// state's box and no farther from its stated municipality than the
/// validation tolerance. Other points are not published: a wrong point on
/// a public map misleads more than no point.
fn validated_location(
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

fn municipalities(catalog: &Catalog, reference: Option<&Reference>) -> Vec<PublicMunicipality> {
    catalog
        .municipalities()
        .iter()
        .map(|m| {
            let facts = reference.and_then(|r| r.municipality(m.key));
            PublicMunicipality {
                key: m.key,
                cvegeo: m.cvegeo.to_string(),
                name: m.name.clone(),
                place: facts.map(|f| (f.region.clone(), f.district.clone())),
                population: facts.and_then(|f| f.population).map(|p| p.total),
                marginalization: facts
                    .and_then(|f| f.marginalization)
                    .map(|g| (g.index, g.degree)),
            }
        })
        .collect()
}

/// Returns whether rule `info` ran: the `CA-R` family compares the
/// delivery with the reference data (CONAPO, census) and runs only with
/// it, so without it its count of findings means nothing.
#[must_use]
pub fn checked(info: &RuleInfo, with_reference: bool) -> bool {
    with_reference || !info.code.starts_with("CA-R")
}

/// The scorecard of every rule: its wording in both languages, its severity
/// and `findings(rule)` findings, or none where the rule was not checked.
/// The site and the portal both show it.
pub fn rule_scores(
    with_reference: bool,
    findings: impl Fn(&RuleInfo) -> u64,
) -> Vec<cocina_rendering::view::RuleScore> {
    cocina_validation::RULES
        .iter()
        .map(|info| cocina_rendering::view::RuleScore {
            code: info.code.to_owned(),
            summary: cocina_rendering::view::Bilingual {
                es: info.summary_es.to_owned(),
                en: info.summary_en.to_owned(),
            },
            severity: info.severity,
            findings: checked(info, with_reference).then(|| findings(info)),
        })
        .collect()
}

/// Describes every file of the delivery by its size and SHA-256.
fn documents(dir: &Path, delivery: &Delivery) -> Result<Vec<DocumentFile>, PublishError> {
    let answers = |file: &str| {
        delivery
            .items
            .iter()
            .find(|i| i.files.iter().any(|f| f == file))
            .map(|i| i.description.clone())
    };
    let mut documents = Vec::with_capacity(delivery.files.len());
    for file in &delivery.files {
        let path = dir.join(file.stored_as.as_deref().unwrap_or(&file.path));
        let (bytes, sha256) = fingerprint(&path).map_err(|source| PublishError::ReadDelivery {
            path: path.clone(),
            source,
        })?;
        documents.push(DocumentFile {
            file: file.path.clone(),
            answers: answers(&file.path),
            bytes,
            sha256,
        });
    }
    Ok(documents)
}

fn fingerprint(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut bytes = 0_u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
    Ok((bytes, hex(&hasher.finalize())))
}

/// Writes bytes as lower-case hexadecimal, as SHA-256 digests are given.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            // Writing to a String cannot fail.
            let _ = write!(out, "{b:02x}");
            out
        })
}
