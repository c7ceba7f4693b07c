//! The findings that may be published: the agency's own report
//! (`cocina validate`) names every cell, but a public list that says "the
//! CURP of row 120159 is also at kitchen OAX-2101" or "one person at
//! kitchen OAX-9001, which is not listed" tells about one person.
//!
//! [`Report::public_findings`] keeps findings about kitchens, files and
//! the delivery as they are, and replaces findings about people with
//! counts ([`Detail::PeopleFindings`]): one per rule and file, and one per
//! kitchen where the kitchen has at least the suppression threshold of
//! them. A finding is about people when its rule checks beneficiaries
//! ([`Entity::Beneficiary`]), or when it points into a row of a register
//! of people. A closed kitchen's count of people is given only from the
//! threshold up, as the published tables do.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use cocina_importers::ImportedDelivery;
use cocina_model::{KitchenKey, Severity, SourceRef};

use crate::Report;
use crate::finding::{Detail, Finding};
use crate::rules::{Entity, Rule};

/// Findings of one rule and severity in one file, by kitchen.
type Group = BTreeMap<Option<KitchenKey>, u64>;

impl Report {
    /// Returns the findings that may be published, as the [module
    /// documentation](crate::public) says: findings about people become
    /// counts by rule and file, and by kitchen when at least `threshold`.
    ///
    /// `delivery` tells which files are registers of people.
    #[must_use]
    pub fn public_findings(&self, delivery: &ImportedDelivery, threshold: u64) -> Vec<Finding> {
        let registers: HashSet<Arc<str>> = delivery
            .beneficiaries
            .iter()
            .map(|b| b.origin.file.clone())
            .collect();
        let mut kept = Vec::new();
        let mut groups: BTreeMap<(Rule, Severity, Option<Arc<str>>), Group> = BTreeMap::new();
        for finding in &self.findings {
            if about_people(finding, &registers) {
                let file = finding.source.as_ref().map(|s| s.file.clone());
                let group = groups
                    .entry((finding.rule, finding.severity, file))
                    .or_default();
                *group.entry(finding.kitchen.clone()).or_default() += 1;
            } else {
                kept.push(public_counts(finding, threshold));
            }
        }
        for ((rule, severity, file), group) in groups {
            kept.extend(summaries(rule, severity, file, &group, threshold));
        }
        kept.sort_by(|a, b| (a.rule, &a.source).cmp(&(b.rule, &b.source)));
        kept
    }
}

/// Whether a finding tells about people: its rule checks beneficiaries,
/// or it points into a row of a register.
fn about_people(finding: &Finding, registers: &HashSet<Arc<str>>) -> bool {
    if finding.rule.info().entity == Entity::Beneficiary {
        return true;
    }
    finding.source.as_ref().is_some_and(|source| {
        let in_row = source.row.is_some() || source.cell.is_some();
        in_row && registers.contains(&source.file)
    })
}

/// The count of one rule's findings in one file, then a count for each
/// kitchen with at least `threshold` of them. Kitchens below it are in
/// the first count only, and are not named.
fn summaries(
    rule: Rule,
    severity: Severity,
    file: Option<Arc<str>>,
    group: &Group,
    threshold: u64,
) -> Vec<Finding> {
    let source = file.map(SourceRef::file);
    let finding = |kitchen: Option<KitchenKey>, records| Finding {
        rule,
        severity,
        source: source.clone(),
        kitchen,
        detail: Detail::PeopleFindings { records },
    };
    let total = group.values().sum();
    let mut out = vec![finding(None, total)];
    let kitchens = group
        .iter()
        .filter_map(|(kitchen, n)| Some((kitchen.clone()?, *n)));
    out.extend(
        kitchens
            .filter(|(_, n)| *n >= threshold)
            .map(|(kitchen, n)| finding(Some(kitchen), n)),
    );
    out
}

/// A finding about a kitchen as published: a count of its people below
/// `threshold` is not given.
fn public_counts(finding: &Finding, threshold: u64) -> Finding {
    let mut finding = finding.clone();
    if let Detail::ClosedWithBeneficiaries {
        status,
        beneficiaries,
    } = finding.detail
        && beneficiaries < threshold
    {
        finding.detail = Detail::ClosedWithFewBeneficiaries { status, threshold };
    }
    finding
}
