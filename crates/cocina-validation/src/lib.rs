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
mod config;
mod docs;
mod file_messages;
mod finding;
mod messages;
pub mod public;
mod rules;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use cocina_geography::reference::Reference;
use cocina_geography::{Catalog, NameMatch};
use cocina_importers::{ImportError, ImportOptions, ImportedDelivery};
use cocina_model::{Kitchen, Severity, SourceRef};
use serde::Serialize;

pub use config::{CONFIG_FILE, ConfigError, ConfigProblem, RuleSetting, ValidationOptions};
pub use docs::rules_markdown;
pub use finding::{
    AgeConflict, AgeProblem, DateProblem, Detail, Finding, KitchenPart, RequiredTable, place,
};
pub use rules::{Entity, RULES, Rule, RuleInfo};

/// Every finding of one validation run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Findings in rule order, then in file order.
    pub findings: Vec<Finding>,
    /// Whether warnings make the delivery invalid, as errors do.
    pub deny_warnings: bool,
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

    /// Returns whether the delivery has no errors, nor warnings when they
    /// are denied.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.count(Severity::Error) == 0
            && !(self.deny_warnings && self.count(Severity::Warning) > 0)
    }

    /// Returns whether a finding of `severity` makes the delivery invalid.
    #[must_use]
    pub fn fails(&self, severity: Severity) -> bool {
        severity == Severity::Error || (self.deny_warnings && severity == Severity::Warning)
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

/// Returns the municipality name a kitchen may be published with: the
/// official name of its municipality, or the name as written when several
/// municipalities have it (CA-G002). Text that matches no municipality is
/// never published: it may be anything the agency typed there, a person's
/// name too; CA-G001 points at its cell instead.
#[must_use]
pub fn public_municipality_name(kitchen: &Kitchen, catalog: &Catalog) -> Option<String> {
    if let Some(key) = kitchen.municipality {
        return catalog.get(key).map(|m| m.name.clone());
    }
    let written = kitchen.municipality_name.as_deref()?;
    match catalog.resolve_name(written) {
        NameMatch::Found(key) => catalog.get(key).map(|m| m.name.clone()),
        NameMatch::Ambiguous(_) => Some(written.to_owned()),
        NameMatch::NotFound => None,
    }
}

/// Runs every rule over a delivery, except those that need the reference
/// data.
#[must_use]
pub fn validate(
    delivery: &ImportedDelivery,
    catalog: &Catalog,
    options: &ValidationOptions,
) -> Report {
    validate_with_reference(delivery, catalog, None, options)
}

/// Runs every rule over a delivery; with `reference`, also the rules that
/// compare it with CONAPO's marginalization and the census (CA-R001,
/// CA-R002). Rules the options turn off are left out, and configured
/// severities replace the defaults.
#[must_use]
pub fn validate_with_reference(
    delivery: &ImportedDelivery,
    catalog: &Catalog,
    reference: Option<&Reference>,
    options: &ValidationOptions,
) -> Report {
    let mut findings = Vec::new();
    structure(delivery, &mut findings);
    geography(delivery, catalog, options, &mut findings);
    people(delivery, options, &mut findings);
    checks::endowments::energy(&delivery.endowments, options, &mut findings);
    checks::endowments::units(&delivery.endowments, &mut findings);
    checks::endowments::unknown_kitchens(delivery, &mut findings);
    checks::endowments::groups_without_endowment(delivery, &mut findings);
    if let Some(reference) = reference {
        let people = checks::kitchens::people_by_kitchen(delivery);
        checks::reference::marginalization(&delivery.kitchens, reference, &mut findings);
        checks::reference::population(&delivery.kitchens, &people, reference, &mut findings);
    }
    apply_settings(&mut findings, options);
    findings.sort_by(|a, b| (a.rule, &a.source).cmp(&(b.rule, &b.source)));
    Report {
        findings,
        deny_warnings: options.deny_warnings,
    }
}

fn structure(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    checks::import_issues(delivery, out);
    checks::kitchens::missing_tables(delivery, out);
    checks::kitchens::items_not_delivered(delivery, out);
    checks::duplicate_kitchens(&delivery.kitchens, out);
    checks::unknown_kitchens(delivery, out);
    let people = checks::kitchens::people_by_kitchen(delivery);
    checks::kitchens::registers(&delivery.kitchens, &people, out);
    checks::kitchens::dates(delivery, out);
    checks::kitchens::incomplete(&delivery.kitchens, out);
}

fn geography(
    delivery: &ImportedDelivery,
    catalog: &Catalog,
    options: &ValidationOptions,
    out: &mut Vec<Finding>,
) {
    checks::municipalities(&delivery.kitchens, catalog, out);
    checks::coordinates(&delivery.kitchens, out);
    checks::points(&delivery.kitchens, catalog, options, out);
    checks::kitchens::shared_points(&delivery.kitchens, options, out);
}

fn people(delivery: &ImportedDelivery, options: &ValidationOptions, out: &mut Vec<Finding>) {
    let people = &delivery.beneficiaries;
    checks::curps(delivery, out);
    checks::people::curp_agreement(people, out);
    checks::people::repeated_curps(people, out);
    checks::people::ages(people, delivery.delivery.cut_date, options, out);
}

/// Drops the findings of rules turned off and gives configured severities.
/// Findings of unconfigured rules keep theirs: an import issue's severity
/// may differ from its rule's default.
fn apply_settings(findings: &mut Vec<Finding>, options: &ValidationOptions) {
    if options.rules.is_empty() {
        return;
    }
    findings.retain_mut(|finding| match options.rules.get(&finding.rule) {
        Some(RuleSetting::Off) => false,
        Some(RuleSetting::Severity(severity)) => {
            finding.severity = *severity;
            true
        }
        None => true,
    });
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

impl CheckedDelivery {
    /// Returns the report as the agency itself reads it (`cocina
    /// validate`): each file named as it is stored, where
    /// [`CheckedDelivery::report`], which is published, names a file whose
    /// own name looks like personal data `archivo-retirado-N`. Never
    /// publish this one.
    #[must_use]
    pub fn internal_report(&self) -> Report {
        let mut report = self.report.clone();
        let stored: HashMap<&str, &str> = self
            .delivery
            .delivery
            .files
            .iter()
            .filter_map(|f| Some((f.path.as_str(), f.stored_as.as_deref()?)))
            .collect();
        if stored.is_empty() {
            return report;
        }
        let rename = |source: &mut SourceRef| {
            if let Some(own) = stored.get(&*source.file) {
                source.file = Arc::from(*own);
            }
        };
        for finding in &mut report.findings {
            finding.source.as_mut().map(rename);
            match &mut finding.detail {
                Detail::DuplicateKitchenKey { first }
                | Detail::SharedPoint { first, .. }
                | Detail::CurpRepeated { first, .. } => rename(first),
                _ => {}
            }
        }
        report
    }
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
    check_delivery_with_reference(dir, import, options, catalog, None)
}

/// As [`check_delivery`], with the rules that need the reference data when
/// `reference` is given.
///
/// # Errors
///
/// Fails only when the directory cannot be read at all.
pub fn check_delivery_with_reference(
    dir: &Path,
    import: &ImportOptions,
    options: &ValidationOptions,
    catalog: &Catalog,
    reference: Option<&Reference>,
) -> Result<CheckedDelivery, ImportError> {
    let mut delivery = cocina_importers::import_delivery(dir, import)?;
    resolve_municipalities(&mut delivery.kitchens, catalog);
    let report = validate_with_reference(&delivery, catalog, reference, options);
    Ok(CheckedDelivery { delivery, report })
}
