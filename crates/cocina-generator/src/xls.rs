//! The kitchens list as a spec for `scripts/xls_from_spec.py`: no Rust crate
//! writes BIFF8 `.xls`, so the generator says what goes in each cell and
//! which regions are merged, and the script (Python package `xlwt`) writes the
//! workbook.
//!
//! The spec is JSON: `styles` by name, then `sheets`, each with its `name`,
//! column `widths` in characters, `cells` as `[row, column, value, style]`
//! (0-based, as `xlwt` counts; `style` may be `null`) and `merges` as
//! `[first_row, last_row, first_column, last_column]`, whose value is the
//! cell at their top left. Dates are Excel serial numbers with a date
//! style.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::layout::{COLUMNS, HEADER_ROW, KitchenPlace, KitchensLayout, sheet_name};
use crate::{Example, KitchenRow, write};

/// File name the generator gives the spec, by default under `target/`.
pub const XLS_SPEC_FILE: &str = "comedores_2016.xls.json";

const TITLES: [&str; 2] = [
    "SISTEMA PARA EL DESARROLLO INTEGRAL DE LA FAMILIA DEL ESTADO DE OAXACA",
    "PROGRAMA COCINAS COMEDOR NUTRICIONAL COMUNITARIAS",
];

const WIDTHS: [u8; COLUMNS.len()] = [6, 14, 34, 40, 12, 12, 16, 14, 34, 14];

/// Returns the spec of the example's kitchens list as JSON text.
#[must_use]
pub fn xls_spec(example: &Example) -> String {
    let places = KitchensLayout::new(&example.kitchens).places();
    let sheets: Vec<Value> = (1..=crate::ZONES)
        .filter_map(|zone| {
            let rows: Vec<(&KitchenRow, &KitchenPlace)> = example
                .kitchens
                .iter()
                .zip(&places)
                .filter(|(k, _)| k.zone == zone)
                .collect();
            (!rows.is_empty()).then(|| sheet(zone, &rows))
        })
        .collect();
    let spec = json!({
        "styles": {
            "title": {"bold": true},
            "header": {"bold": true, "border": true},
            "merged": {"vertical_centre": true},
            "coordinate": {"num_format": "0.00000"},
            "date": {"num_format": "DD/MM/YYYY"}
        },
        "sheets": sheets
    });
    let mut text = serde_json::to_string(&spec).expect("a JSON value serialises");
    text.push('\n');
    text
}

fn sheet(zone: u8, rows: &[(&KitchenRow, &KitchenPlace)]) -> Value {
    let last_column = COLUMNS.len() - 1;
    let mut cells = Vec::new();
    let mut merges = Vec::new();
    let title = format!("RELACION DE COCINAS 2016, ZONA {zone} (DATOS FICTICIOS DE EJEMPLO)");
    for (row, text) in TITLES.iter().copied().chain([title.as_str()]).enumerate() {
        cells.push(json!([row, 0, text, "title"]));
        merges.push(json!([row, row, 0, last_column]));
    }
    let header = HEADER_ROW - 1;
    for (column, (_, label)) in COLUMNS.iter().enumerate() {
        cells.push(json!([header, column, label, "header"]));
    }
    for (n, (k, place)) in rows.iter().enumerate() {
        let r = place.row - 1;
        cells.push(json!([r, 0, n + 1, null]));
        cells.push(json!([r, 1, k.key, null]));
        if place.municipality_span > 0 {
            cells.push(json!([r, 2, k.municipality_written, "merged"]));
        }
        if place.municipality_span > 1 {
            merges.push(json!([r, r + place.municipality_span - 1, 2, 2]));
        }
        cells.push(json!([r, 3, k.name, null]));
        cells.push(json!([r, 4, k.lat, "coordinate"]));
        cells.push(json!([r, 5, k.lon, "coordinate"]));
        cells.push(json!([r, 6, write::status_word(k.status), null]));
        cells.push(json!([r, 7, excel_serial(k.opened), "date"]));
        cells.push(json!([r, 8, k.president, null]));
        cells.push(json!([r, 9, k.phone, null]));
    }
    json!({
        "name": sheet_name(zone),
        "widths": WIDTHS,
        "cells": cells,
        "merges": merges
    })
}

/// Days since 1899-12-30: the 1900 date system's serial, right for every
/// date after February 1900.
fn excel_serial(date: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
    (date - epoch).num_days()
}
