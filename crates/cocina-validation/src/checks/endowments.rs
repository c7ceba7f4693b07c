//! Rules on endowments: energy against macronutrients, units, and an
//! endowment for every age group served.

use std::collections::{BTreeMap, HashSet};

use cocina_importers::ImportedDelivery;
use cocina_model::{AgeGroup, Endowment, KitchenKey, Nutrients, SourceRef, Unit};

use crate::ValidationOptions;
use crate::finding::{Detail, Finding};
use crate::rules::Rule;

/// Kilocalories per gram of protein, carbohydrate and fat (Atwater).
const KCAL_PER_GRAM: [f64; 3] = [4.0, 4.0, 9.0];

/// Column names of the endowment table's fields, as origins record them.
const ENERGY_FIELD: &str = "energia_kcal";
const UNIT_FIELD: &str = "unidad";
const KITCHEN_FIELD: &str = "clave_comedor";
const AGE_GROUP_FIELD: &str = "grupo_edad";

/// Returns the place of `field` on the endowment's first row, or `None`
/// for an endowment not read from a spreadsheet.
fn place(endowment: &Endowment, field: &str) -> Option<SourceRef> {
    let origin = endowment.items.iter().find_map(|i| i.origin.as_ref())?;
    Some(origin.cell(field))
}

/// CA-N001: energy against 4/4/9 kcal per gram of protein, carbohydrate
/// and fat, on each product line that gives all four (reported at its
/// energy cell), else on the ration's totals.
pub(crate) fn energy(
    endowments: &[Endowment],
    options: &ValidationOptions,
    out: &mut Vec<Finding>,
) {
    for endowment in endowments {
        let lines: Vec<_> = endowment
            .items
            .iter()
            .filter_map(|item| Some((energies(&item.nutrients)?, item)))
            .collect();
        if lines.is_empty() {
            let source = place(endowment, ENERGY_FIELD);
            if let Some(energies) = energies(&endowment.nutrients) {
                check_energy(endowment, energies, source, options, out);
            }
            continue;
        }
        for (energies, item) in lines {
            let source = item.origin.as_ref().map(|o| o.cell(ENERGY_FIELD));
            check_energy(endowment, energies, source, options, out);
        }
    }
}

fn check_energy(
    endowment: &Endowment,
    (stated, computed): (f64, f64),
    source: Option<SourceRef>,
    options: &ValidationOptions,
    out: &mut Vec<Finding>,
) {
    let tolerance = computed * options.energy_tolerance_percent / 100.0;
    if (stated - computed).abs() <= tolerance {
        return;
    }
    let mut found = finding(
        Rule::EnergyInconsistent,
        source,
        Detail::EnergyInconsistent {
            age_group: endowment.age_group,
            stated_kcal: stated,
            computed_kcal: computed,
        },
    );
    found.kitchen.clone_from(&endowment.kitchen);
    out.push(found);
}

/// CA-S006: an endowment for a kitchen the kitchens list does not have.
pub(crate) fn unknown_kitchens(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    let known: HashSet<&KitchenKey> = delivery.kitchens.iter().map(|k| &k.key).collect();
    for endowment in &delivery.endowments {
        let Some(key) = endowment.kitchen.as_ref().filter(|k| !known.contains(k)) else {
            continue;
        };
        for item in &endowment.items {
            let mut found = finding(
                Rule::EndowmentUnknownKitchen,
                item.origin.as_ref().map(|o| o.cell(KITCHEN_FIELD)),
                Detail::EndowmentUnknownKitchen,
            );
            found.kitchen = Some(key.clone());
            out.push(found);
        }
    }
}

/// Returns the stated energy and the energy of the macronutrients.
fn energies(nutrients: &Nutrients) -> Option<(f64, f64)> {
    let grams = [
        nutrients.protein_g?,
        nutrients.carbohydrate_g?,
        nutrients.fat_g?,
    ];
    let computed = grams.iter().zip(KCAL_PER_GRAM).map(|(g, k)| g * k).sum();
    Some((nutrients.energy_kcal?, computed))
}

/// CA-N002: a product whose unit is not one the toolkit knows.
pub(crate) fn units(endowments: &[Endowment], out: &mut Vec<Finding>) {
    for item in endowments.iter().flat_map(|e| &e.items) {
        let Unit::Other(unit) = &item.unit else {
            continue;
        };
        out.push(finding(
            Rule::UnknownUnit,
            item.origin.as_ref().map(|o| o.cell(UNIT_FIELD)),
            Detail::UnknownUnit { unit: unit.clone() },
        ));
    }
}

/// CA-N003: an age group with people registered and no endowment. Only a
/// delivery that has an endowment table is checked: one without it is
/// missing the whole table, which the manifest says (CA-D001).
pub(crate) fn groups_without_endowment(delivery: &ImportedDelivery, out: &mut Vec<Finding>) {
    let Some(first) = delivery.endowments.first() else {
        return;
    };
    let provided: HashSet<AgeGroup> = delivery.endowments.iter().map(|e| e.age_group).collect();
    let mut served: BTreeMap<AgeGroup, u64> = BTreeMap::new();
    for person in &delivery.beneficiaries {
        *served.entry(person.age_group).or_default() += 1;
    }
    for count in &delivery.counts {
        *served.entry(count.age_group).or_default() += u64::from(count.count);
    }
    let table = place(first, AGE_GROUP_FIELD).map(|cell| SourceRef {
        cell: None,
        row: None,
        ..cell
    });
    for (age_group, beneficiaries) in served {
        if age_group == AgeGroup::Unknown || provided.contains(&age_group) {
            continue;
        }
        out.push(finding(
            Rule::AgeGroupWithoutEndowment,
            table.clone(),
            Detail::AgeGroupWithoutEndowment {
                age_group,
                beneficiaries,
            },
        ));
    }
}

fn finding(rule: Rule, source: Option<SourceRef>, detail: Detail) -> Finding {
    Finding {
        rule,
        severity: rule.info().severity,
        source,
        kitchen: None,
        detail,
    }
}
