//! The checks behind each rule.

use std::collections::HashMap;

use cocina_geography::{Catalog, NameMatch, in_state_box};
use cocina_importers::{ImportedDelivery, IssueKind, QuoteProblem};
use cocina_model::{CurpField, Kitchen, KitchenKey, SourceRef};
use geo_types::Point;

use crate::ValidationOptions;
use crate::finding::{Detail, Finding};
use crate::rules::Rule;

pub(crate) mod endowments;
pub(crate) mod kitchens;
pub(crate) mod people;
pub(crate) mod reference;

/// Turns the importer's issues into findings. Invalid CURPs are left to
/// [`curps`], which reads them from the records.
pub(crate) fn import_issues(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    for issue in &delivery.issues {
        let Some(rule) = rule_of_issue(&issue.kind) else {
            continue;
        };
        out.push(Finding {
            rule,
            severity: issue.severity(),
            source: Some(issue.source.clone()),
            kitchen: None,
            detail: Detail::Import {
                issue: issue.kind.clone(),
            },
        });
    }
}

/// Returns the rule an import issue is reported under, or `None` when a
/// rule reads the problem from the records instead. A new kind of issue
/// needs one arm here; unlisted kinds are invalid cells.
pub(crate) fn rule_of_issue(kind: &IssueKind) -> Option<Rule> {
    Some(match kind {
        IssueKind::InvalidCurp { .. } => return None,
        IssueKind::InvalidValue { field, .. } if field == "sexo" => Rule::InvalidSex,
        IssueKind::TotalMismatch { .. } => Rule::TotalMismatch,
        IssueKind::PersonalDataWithheld { .. } | IssueKind::FileNameWithheld { .. } => {
            Rule::PersonalDataInPublicText
        }
        IssueKind::MissingColumn { .. }
        | IssueKind::BlankHeader
        | IssueKind::DuplicateHeader { .. } => Rule::HeaderProblem,
        IssueKind::InvalidKey { .. }
        | IssueKind::CodePadded { .. }
        | IssueKind::InconsistentKeys { .. } => Rule::KeyFormat,
        IssueKind::UnreadableFile { .. }
        | IssueKind::UnreadableSheet { .. }
        | IssueKind::SheetTruncated { .. }
        | IssueKind::MergedCellsUnread
        | IssueKind::UnrecognisedTable
        | IssueKind::LimitReached { .. }
        | IssueKind::LinkOutsideDelivery
        | IssueKind::BrokenLink
        | IssueKind::NotRegularFile { .. }
        | IssueKind::BadQuote {
            problem: QuoteProblem::NeverClosed,
            ..
        }
        | IssueKind::InvalidManifest { .. } => Rule::UnreadableTable,
        _ => Rule::InvalidCell,
    })
}

pub(crate) fn duplicate_kitchens(kitchens: &[Kitchen], out: &mut Vec<Finding>) {
    let mut first_seen: HashMap<&KitchenKey, SourceRef> = HashMap::new();
    for kitchen in kitchens {
        let here = kitchen.origin.cell("clave");
        match first_seen.get(&kitchen.key) {
            Some(first) => out.push(Finding::new(
                Rule::DuplicateKitchenKey,
                here,
                Some(kitchen.key.clone()),
                Detail::DuplicateKitchenKey {
                    first: first.clone(),
                },
            )),
            None => {
                first_seen.insert(&kitchen.key, here);
            }
        }
    }
}

pub(crate) fn unknown_kitchens(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    let known: std::collections::HashSet<&KitchenKey> =
        delivery.kitchens.iter().map(|k| &k.key).collect();
    let referenced = delivery
        .beneficiaries
        .iter()
        .map(|b| (&b.kitchen, &b.origin))
        .chain(delivery.counts.iter().map(|c| (&c.kitchen, &c.origin)));
    // Registers list a kitchen's people together: look each run's key up
    // once.
    let mut last: Option<(&KitchenKey, bool)> = None;
    for (key, origin) in referenced {
        let listed = match last {
            Some((previous, listed)) if previous == key => listed,
            _ => known.contains(key),
        };
        last = Some((key, listed));
        if !listed {
            // A key that looks personal was already replaced by a neutral
            // one at import (`KitchenKey::withheld`).
            out.push(Finding::new(
                Rule::UnknownKitchen,
                origin.cell("clave_comedor"),
                Some(key.clone()),
                Detail::UnknownKitchen,
            ));
        }
    }
}

pub(crate) fn municipalities(kitchens: &[Kitchen], catalog: &Catalog, out: &mut Vec<Finding>) {
    for kitchen in kitchens {
        if let Some(detail) = municipality_problem(kitchen, catalog) {
            let rule = match detail {
                Detail::AmbiguousMunicipality { .. } => Rule::AmbiguousMunicipality,
                _ => Rule::UnknownMunicipality,
            };
            let field = if matches!(detail, Detail::UnknownMunicipalityKey { .. }) {
                "cve_mun"
            } else {
                "municipio"
            };
            out.push(Finding::new(
                rule,
                kitchen.origin.cell(field),
                Some(kitchen.key.clone()),
                detail,
            ));
        }
    }
}

fn municipality_problem(kitchen: &Kitchen, catalog: &Catalog) -> Option<Detail> {
    if let Some(key) = kitchen.municipality {
        return catalog
            .get(key)
            .is_none()
            .then(|| Detail::UnknownMunicipalityKey {
                key: key.to_string(),
            });
    }
    // A blank name is no name: CA-K003 reports it.
    let name = kitchen
        .municipality_name
        .as_deref()
        .filter(|name| !name.trim().is_empty())?;
    match catalog.resolve_name(name) {
        NameMatch::Found(_) => None,
        NameMatch::NotFound => Some(Detail::UnknownMunicipalityName {
            cell: kitchen.origin.cell("municipio").cell.map(|c| c.to_string()),
            suggestion: suggestion(name, catalog),
        }),
        NameMatch::Ambiguous(keys) => Some(Detail::AmbiguousMunicipality {
            name: name.to_owned(),
            candidates: keys
                .iter()
                .filter_map(|k| catalog.get(*k))
                .map(|m| (m.key.to_string(), m.label()))
                .collect(),
        }),
    }
}

/// The one catalogue municipality whose name holds every word typed, if
/// exactly one does; several would be a guess.
fn suggestion(typed: &str, catalog: &Catalog) -> Option<(String, String)> {
    match catalog.suggest(typed, 2).as_slice() {
        [one] => Some((one.key.to_string(), one.name.clone())),
        _ => None,
    }
}

pub(crate) fn points(
    kitchens: &[Kitchen],
    catalog: &Catalog,
    options: &ValidationOptions,
    out: &mut Vec<Finding>,
) {
    for kitchen in kitchens {
        let (Some(point), Some(key)) = (kitchen.location, kitchen.municipality) else {
            continue;
        };
        // A point outside the state is reported by [`coordinates`], with
        // the repair it suggests.
        if !in_state_box(point) {
            continue;
        }
        let Some(stated) = catalog.get(key) else {
            continue;
        };
        let Some(distance_km) = catalog.distance_km(point, key) else {
            continue;
        };
        if distance_km <= options.boundary_tolerance_km {
            continue;
        }
        let found_in = catalog
            .municipality_at(point)
            .map(|m| (m.key.to_string(), m.name.clone()));
        out.push(Finding::new(
            Rule::OutsideMunicipality,
            kitchen.origin.cell("latitud"),
            Some(kitchen.key.clone()),
            Detail::OutsideMunicipality {
                municipality: (stated.key.to_string(), stated.name.clone()),
                distance_km,
                found_in,
            },
        ));
    }
}

pub(crate) fn curps(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    for record in &delivery.beneficiaries {
        if let Some(CurpField::Invalid(error)) = &record.curp {
            out.push(Finding::new(
                Rule::InvalidCurp,
                record.origin.cell("curp"),
                Some(record.kitchen.clone()),
                Detail::InvalidCurp {
                    error: error.clone(),
                },
            ));
        }
    }
}

/// Checks that each kitchen has a point in the state, and says what a point
/// outside it most likely is: a longitude that lost its minus sign, latitude
/// and longitude swapped, the 0,0 of an empty cell, or a place elsewhere.
pub(crate) fn coordinates(kitchens: &[Kitchen], out: &mut Vec<Finding>) {
    for kitchen in kitchens {
        let Some((rule, detail)) = coordinate_problem(kitchen.location) else {
            continue;
        };
        // A list without coordinate columns is not missing a point per
        // kitchen; it simply does not give them.
        let has_columns = kitchen.origin.columns.get("latitud").is_some()
            || kitchen.origin.columns.get("longitud").is_some();
        if rule == Rule::MissingPoint && !has_columns {
            continue;
        }
        let field = if rule == Rule::CoordinateSign {
            "longitud"
        } else {
            "latitud"
        };
        out.push(Finding::new(
            rule,
            kitchen.origin.cell(field),
            Some(kitchen.key.clone()),
            detail,
        ));
    }
}

fn coordinate_problem(point: Option<Point<f64>>) -> Option<(Rule, Detail)> {
    let Some(point) = point else {
        return Some((Rule::MissingPoint, Detail::MissingPoint));
    };
    let (lat, lon) = (point.y(), point.x());
    if in_state_box(point) {
        return None;
    }
    if lat == 0.0 && lon == 0.0 {
        return Some((Rule::PlaceholderPoint, Detail::PlaceholderPoint));
    }
    let unsigned = Point::new(-lon, lat);
    if lon > 0.0 && in_state_box(unsigned) {
        return Some((Rule::CoordinateSign, Detail::Repairable { lat, lon: -lon }));
    }
    let swapped = Point::new(lat, lon);
    if in_state_box(swapped) {
        return Some((
            Rule::SwappedCoordinates,
            Detail::Repairable { lat: lon, lon: lat },
        ));
    }
    Some((Rule::OutsideState, Detail::OutsideState { lat, lon }))
}
