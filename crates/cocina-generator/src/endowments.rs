//! The endowments table (*dotaciones*): the food supplied each month per
//! beneficiary of each age group, program-wide, with the nutrients of each
//! product's quantity. The products' compositions are rounded textbook
//! values; energy is always 4 kcal per gram of protein and carbohydrate and
//! 9 per gram of fat, so the table is consistent.

use std::path::Path;

use rust_xlsxwriter::{Format, XlsxError};

use crate::write;

/// File name of the endowments table.
pub const ENDOWMENTS_FILE: &str = "dotaciones_2016.xlsx";
const SHEET: &str = "DOTACION";
/// Header row (1-based), below two title rows and a blank one.
const HEADER_ROW: u32 = 4;
const COLUMNS: [&str; 11] = [
    "GRUPO DE EDAD",
    "PRODUCTO",
    "CANTIDAD",
    "UNIDAD",
    "PERIODO",
    "ENERGIA (KCAL)",
    "PROTEINAS (G)",
    "HIDRATOS DE CARBONO (G)",
    "LIPIDOS (G)",
    "PROVEEDOR",
    "LICITACION",
];
const SUPPLIER: &str = "ABASTECEDORA DEL SUR, S.A. DE C.V. (FICTICIA)";
const TENDER: &str = "LPE-DIFOAX-000-2016 (FICTICIA)";

/// Age groups as the agency writes them, with how much of the 6-12 ration
/// each one gets.
const GROUPS: [(&str, f64); 5] = [
    ("0-5", 0.6),
    ("6-12", 1.0),
    ("13-17", 1.3),
    ("18-59", 1.2),
    ("60 Y MAS", 1.0),
];

/// A product: name, unit, grams per unit, the 6-12 group's monthly
/// quantity, and protein, carbohydrate and fat per 100 g.
struct Product {
    name: &'static str,
    unit: &'static str,
    grams: f64,
    quantity: f64,
    per_100g: [f64; 3],
}

const PRODUCTS: [Product; 8] = [
    product("ARROZ", "KG", 1000.0, 1.0, [7.0, 79.0, 0.6]),
    product("FRIJOL NEGRO", "KG", 1000.0, 1.0, [21.6, 62.4, 1.4]),
    product("LECHE EN POLVO", "KG", 1000.0, 0.5, [26.0, 38.0, 27.0]),
    product("AVENA EN HOJUELAS", "KG", 1000.0, 0.5, [13.0, 67.0, 7.0]),
    product(
        "HARINA DE MAIZ NIXTAMALIZADO",
        "KG",
        1000.0,
        1.0,
        [8.0, 76.0, 4.0],
    ),
    product("ACEITE VEGETAL", "L", 920.0, 0.5, [0.0, 0.0, 100.0]),
    product("ATUN EN AGUA", "LATA", 140.0, 2.0, [26.0, 0.0, 1.0]),
    product("PASTA PARA SOPA", "PAQ", 200.0, 2.0, [12.0, 74.0, 1.5]),
];

const fn product(
    name: &'static str,
    unit: &'static str,
    grams: f64,
    quantity: f64,
    per_100g: [f64; 3],
) -> Product {
    Product {
        name,
        unit,
        grams,
        quantity,
        per_100g,
    }
}

/// One row of the endowments table as written.
#[derive(Debug, Clone, PartialEq)]
pub struct EndowmentRow {
    /// Age group as written (`60 Y MAS`).
    pub age_group: &'static str,
    /// Product name.
    pub product: &'static str,
    /// Quantity per beneficiary and month.
    pub quantity: f64,
    /// Unit as written (`KG`, `L`, `LATA`, `PAQ`).
    pub unit: &'static str,
    /// Period as written.
    pub period: &'static str,
    /// Energy of the quantity, kcal.
    pub energy_kcal: f64,
    /// Protein of the quantity, g.
    pub protein_g: f64,
    /// Carbohydrate of the quantity, g.
    pub carbohydrate_g: f64,
    /// Fat of the quantity, g.
    pub fat_g: f64,
}

/// The table's rows: every product for every age group. Nutrients are
/// counted in tenths of a gram, so that the energy written is exactly
/// 4/4/9 of the grams written.
pub(crate) fn rows() -> Vec<EndowmentRow> {
    let tenths = |x: f64| (x * 10.0).round();
    let mut rows = Vec::new();
    for (group, share) in GROUPS {
        for p in &PRODUCTS {
            // Kilograms and litres by the tenth; cans and packets whole.
            let quantity = if p.grams >= 900.0 {
                tenths(p.quantity * share).max(1.0) / 10.0
            } else {
                (p.quantity * share).round().max(1.0)
            };
            let grams = quantity * p.grams;
            let [protein, carbohydrate, fat] = p.per_100g.map(|g| tenths(g * grams / 100.0));
            rows.push(EndowmentRow {
                age_group: group,
                product: p.name,
                quantity,
                unit: p.unit,
                period: "MENSUAL",
                energy_kcal: (4.0 * protein + 4.0 * carbohydrate + 9.0 * fat) / 10.0,
                protein_g: protein / 10.0,
                carbohydrate_g: carbohydrate / 10.0,
                fat_g: fat / 10.0,
            });
        }
    }
    rows
}

/// Writes the endowments workbook.
pub(crate) fn write(rows: &[EndowmentRow], path: &Path) -> Result<(), XlsxError> {
    let mut workbook = write::new_workbook()?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let titles = [
        "DOTACION DE INSUMOS ALIMENTARIOS 2016 POR GRUPO DE EDAD (DATOS FICTICIOS DE EJEMPLO)",
        "CANTIDADES POR BENEFICIARIO; NUTRIMENTOS DE CADA CANTIDAD",
    ];
    for (row, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(row as u32, 0, *title, &bold)?;
    }
    for (column, label) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW - 1, column as u16, *label, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = HEADER_ROW + i as u32;
        sheet.write_string(row, 0, r.age_group)?;
        sheet.write_string(row, 1, r.product)?;
        sheet.write_number(row, 2, r.quantity)?;
        sheet.write_string(row, 3, r.unit)?;
        sheet.write_string(row, 4, r.period)?;
        let nutrients = [r.energy_kcal, r.protein_g, r.carbohydrate_g, r.fat_g];
        for (column, value) in (5..).zip(nutrients) {
            sheet.write_number(row, column, value)?;
        }
        sheet.write_string(row, 9, SUPPLIER)?;
        sheet.write_string(row, 10, TENDER)?;
    }
    workbook.save(path)
}
