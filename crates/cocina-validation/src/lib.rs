//! Named validation rules for a delivery, with stable codes and messages in
//! Spanish and English.
//!
//! [`resolve_municipalities`] first gives each kitchen the municipality key
//! its name stands for, when the delivery gave only the name; [`validate`]
//! then runs every rule of the [`RULES`] registry over an
//! [`ImportedDelivery`] and returns a
//! [`Report`] of [`Finding`]s. Findings are data: each names its rule, its
//! severity, the file, sheet and cell it is about, and renders its message
//! with [`Finding::message`]. No message contains a personal value.

mod checks;
mod finding;
mod rules;

use std::path::Path;

use cocina_geography::{Catalog, NameMatch};
use cocina_importers::{ImportError, ImportOptions, ImportedDelivery};
use cocina_model::{Kitchen, Severity};
use serde::Serialize;

pub use finding::{Detail, Finding, place};
pub use rules::{RULES, Rule, RuleInfo};

/// Settings of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationOptions {
    /// How far outside its municipality's boundary a kitchen's point may lie
    /// before it is reported, in kilometres. The bundled boundaries are
    /// simplified to about 50 m, and agency points are often taken at the
    /// roadside, so exact containment would report correct points.
    pub boundary_tolerance_km: f64,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        Self {
            boundary_tolerance_km: 1.0,
        }
    }
}

/// Every finding of one validation run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Findings in rule order, then in file order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Returns how many findings have `severity`.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Returns whether the delivery has no errors.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}

/// Sets the municipality key of kitchens that gave only a name, when the
/// name (repaired, if a wrong encoding damaged it) resolves to exactly one
/// municipality. Ambiguous and unknown names are
/// left for [`validate`] to report.
pub fn resolve_municipalities(kitchens: &mut [Kitchen], catalog: &Catalog) {
    for kitchen in kitchens.iter_mut().filter(|k| k.municipality.is_none()) {
        let Some(name) = kitchen.municipality_name.as_deref() else {
            continue;
        };
        // A name damaged by a wrong encoding is matched as repaired; the
        // importer has already reported the damage at its cell.
        let repaired = cocina_importers::repair_mojibake(name);
        let name = repaired.as_deref().unwrap_or(name);
        if let NameMatch::Found(key) = catalog.resolve_name(name) {
            kitchen.municipality = Some(key);
        }
    }
}

/// Runs every rule over a delivery.
#[must_use]
pub fn validate(
    delivery: &ImportedDelivery,
    catalog: &Catalog,
    options: &ValidationOptions,
) -> Report {
    let mut findings = Vec::new();
    checks::import_issues(delivery, &mut findings);
    checks::duplicate_kitchens(&delivery.kitchens, &mut findings);
    checks::unknown_kitchens(delivery, &mut findings);
    checks::municipalities(&delivery.kitchens, catalog, &mut findings);
    checks::coordinates(&delivery.kitchens, &mut findings);
    checks::points(&delivery.kitchens, catalog, options, &mut findings);
    checks::curps(delivery, &mut findings);
    findings.sort_by(|a, b| (a.rule, &a.source).cmp(&(b.rule, &b.source)));
    Report { findings }
}

/// A delivery read from its directory, with its municipalities resolved, and
/// its validation report.
#[derive(Debug, Clone)]
pub struct CheckedDelivery {
    /// The records, with municipality keys filled in from names.
    pub delivery: ImportedDelivery,
    /// Every finding.
    pub report: Report,
}

/// Imports the delivery in `dir`, resolves municipality names and validates
/// it: the first half of the main job, shared by the command line and the
/// portal.
///
/// # Errors
///
/// Fails only when the directory cannot be read at all; a bad file or cell
/// becomes a finding.
pub fn check_delivery(
    dir: &Path,
    import: &ImportOptions,
    options: &ValidationOptions,
    catalog: &Catalog,
) -> Result<CheckedDelivery, ImportError> {
    let mut delivery = cocina_importers::import_delivery(dir, import)?;
    resolve_municipalities(&mut delivery.kitchens, catalog);
    let report = validate(&delivery, catalog, options);
    Ok(CheckedDelivery { delivery, report })
}
