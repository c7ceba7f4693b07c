//! Rules on the delivery as a whole and on each kitchen's status, dates,
//! register and point.

use std::collections::HashMap;

use cocina_geography::in_state_box;
use cocina_importers::{ImportedDelivery, MANIFEST_FILE};
use cocina_model::{Kitchen, KitchenKey, KitchenStatus, SourceRef};

use crate::ValidationOptions;
use crate::finding::{DateProblem, Detail, Finding, KitchenPart, RequiredTable};
use crate::rules::Rule;

/// Returns how many people each kitchen has, from the register and from
/// counts.
pub(crate) fn people_by_kitchen(delivery: &ImportedDelivery) -> HashMap<&KitchenKey, u64> {
    let mut people: HashMap<&KitchenKey, u64> = HashMap::new();
    // Registers list a kitchen's people together: count each run of one
    // kitchen and hash its key once.
    for run in delivery
        .beneficiaries
        .chunk_by(|a, b| a.kitchen == b.kitchen)
    {
        *people.entry(&run[0].kitchen).or_default() += run.len() as u64;
    }
    for count in &delivery.counts {
        *people.entry(&count.kitchen).or_default() += u64::from(count.count);
    }
    people
}

/// CA-S005: a delivery without a kitchens list, or without a register or
/// counts.
pub(crate) fn missing_tables(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    let missing = [
        (delivery.kitchens.is_empty(), RequiredTable::Kitchens),
        (
            delivery.beneficiaries.is_empty() && delivery.counts.is_empty(),
            RequiredTable::Beneficiaries,
        ),
    ];
    for (_, table) in missing.into_iter().filter(|(absent, _)| *absent) {
        out.push(Finding {
            rule: Rule::MissingTable,
            severity: Rule::MissingTable.info().severity,
            source: None,
            kitchen: None,
            detail: Detail::MissingTable { table },
        });
    }
}

/// CA-D001: every requested item that did not come, quoting its wording.
pub(crate) fn items_not_delivered(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    for item in delivery.delivery.items.iter().filter(|i| !i.received) {
        out.push(Finding::new(
            Rule::ItemNotDelivered,
            SourceRef::file(MANIFEST_FILE),
            None,
            Detail::ItemNotDelivered {
                description: item.description.clone(),
            },
        ));
    }
}

/// CA-S003 and CA-K001: a kitchen in operation with nobody registered, and
/// a closed or suspended one with people still registered. A delivery
/// without any register says nothing about either.
pub(crate) fn registers(
    kitchens: &[Kitchen],
    people: &HashMap<&KitchenKey, u64>,
    out: &mut Vec<Finding>,
) {
    if people.is_empty() {
        return;
    }
    for kitchen in kitchens {
        let registered = people.get(&kitchen.key).copied().unwrap_or(0);
        let (rule, field, detail) = match kitchen.status {
            KitchenStatus::Operating if registered == 0 => (
                Rule::KitchenWithoutBeneficiaries,
                "clave",
                Detail::KitchenWithoutBeneficiaries,
            ),
            KitchenStatus::Suspended | KitchenStatus::Closed if registered > 0 => (
                Rule::ClosedWithBeneficiaries,
                "estatus",
                Detail::ClosedWithBeneficiaries {
                    status: kitchen.status,
                    beneficiaries: registered,
                },
            ),
            _ => continue,
        };
        out.push(Finding::new(
            rule,
            kitchen.origin.cell(field),
            Some(kitchen.key.clone()),
            detail,
        ));
    }
}

/// CA-K002: closed before opened, or a date after the delivery came.
pub(crate) fn dates(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    let received = delivery.delivery.received;
    for kitchen in &delivery.kitchens {
        let problem = match (kitchen.opened, kitchen.closed, received) {
            (Some(opened), Some(closed), _) if closed < opened => {
                Some((DateProblem::ClosedBeforeOpened, "fecha_cierre"))
            }
            (Some(opened), _, Some(received)) if opened > received => {
                Some((DateProblem::OpenedAfterDelivery, "fecha_apertura"))
            }
            (_, Some(closed), Some(received)) if closed > received => {
                Some((DateProblem::ClosedAfterDelivery, "fecha_cierre"))
            }
            _ => None,
        };
        if let Some((problem, field)) = problem {
            out.push(Finding::new(
                Rule::DatesOutOfOrder,
                kitchen.origin.cell(field),
                Some(kitchen.key.clone()),
                Detail::DatesOutOfOrder { problem },
            ));
        }
    }
}

/// CA-G009: the same point given to many kitchens. Points are compared to
/// about a metre (five decimals); points outside the state are left to the
/// coordinate rules.
pub(crate) fn shared_points(
    kitchens: &[Kitchen],
    options: &ValidationOptions,
    out: &mut Vec<Finding>,
) {
    let mut by_point: HashMap<(i64, i64), Vec<&Kitchen>> = HashMap::new();
    for kitchen in kitchens {
        let Some(point) = kitchen.location.filter(|p| in_state_box(*p)) else {
            continue;
        };
        let key = (
            (point.y() * 1e5).round() as i64,
            (point.x() * 1e5).round() as i64,
        );
        by_point.entry(key).or_default().push(kitchen);
    }
    let mut groups: Vec<_> = by_point
        .into_values()
        .filter(|group| group.len() >= options.shared_point_kitchens)
        .collect();
    groups.sort_by_key(|group| group[0].origin.row);
    for group in groups {
        let first = group[0].origin.cell("latitud");
        for kitchen in &group[1..] {
            out.push(Finding::new(
                Rule::SharedPoint,
                kitchen.origin.cell("latitud"),
                Some(kitchen.key.clone()),
                Detail::SharedPoint {
                    kitchens: group.len(),
                    first: first.clone(),
                },
            ));
        }
    }
}

/// CA-K003: a kitchen without a name, or without a municipality (neither
/// a name, a key nor a CVEGEO that gives one), at its empty cells. A list
/// without any column for one of them is reported once, at its first
/// kitchen, rather than once per kitchen.
pub(crate) fn incomplete(kitchens: &[Kitchen], out: &mut Vec<Finding>) {
    for part in [KitchenPart::Name, KitchenPart::Municipality] {
        // Lists without the column: their first kitchen and how many.
        let mut lists: Vec<(&Kitchen, usize)> = Vec::new();
        for kitchen in kitchens.iter().filter(|k| lacks(k, part)) {
            let origin = &kitchen.origin;
            let cells: Vec<SourceRef> = columns_of(part)
                .iter()
                .filter(|field| origin.columns.get(field).is_some())
                .map(|field| origin.cell(field))
                .collect();
            let Some(first) = cells.first() else {
                let same_list = |(k, _): &&mut (&Kitchen, usize)| {
                    k.origin.file == origin.file && k.origin.sheet == origin.sheet
                };
                match lists.iter_mut().find(same_list) {
                    Some((_, count)) => *count += 1,
                    None => lists.push((kitchen, 1)),
                }
                continue;
            };
            let names = cells.iter().filter_map(|c| c.cell).map(|c| c.to_string());
            out.push(Finding::new(
                Rule::KitchenIncomplete,
                first.clone(),
                Some(kitchen.key.clone()),
                Detail::KitchenIncomplete {
                    part,
                    cells: names.collect(),
                },
            ));
        }
        for (first, kitchens) in lists {
            out.push(Finding::new(
                Rule::KitchenIncomplete,
                first.origin.cell("clave"),
                None,
                Detail::KitchensWithoutColumn { part, kitchens },
            ));
        }
    }
}

/// The columns a kitchen's `part` is read from, the one to point at first.
fn columns_of(part: KitchenPart) -> &'static [&'static str] {
    match part {
        KitchenPart::Name => &["nombre"],
        KitchenPart::Municipality => &["municipio", "cve_mun", "cvegeo"],
    }
}

/// Whether `kitchen` lacks `part`: blank, or never read.
fn lacks(kitchen: &Kitchen, part: KitchenPart) -> bool {
    match part {
        KitchenPart::Name => kitchen.name.trim().is_empty(),
        KitchenPart::Municipality => {
            kitchen.municipality.is_none()
                && kitchen
                    .municipality_name
                    .as_deref()
                    .is_none_or(|name| name.trim().is_empty())
        }
    }
}
