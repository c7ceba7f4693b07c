//! Writing the example as the agency's spreadsheets, and where each field
//! lands, so planted faults can name their cells.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use cocina_model::{AgeGroup, CellRef, KitchenStatus, Sex};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::endowments::ENDOWMENTS_FILE;
use crate::faults::ITEM_NOT_DELIVERED;
use crate::layout::{COLUMNS, HEADER_ROW, column_of};
use crate::{Example, KitchenRow, PersonRow, PlantedFault};

/// File name of the kitchens list: BIFF8, written by `scripts/xls_from_spec.py`.
pub const KITCHENS_FILE: &str = "comedores_2016.xls";
/// File name of the beneficiary register.
pub const BENEFICIARIES_FILE: &str = "padron_beneficiarios_2016.xlsx";
/// File name of the manifest.
pub const MANIFEST_FILE: &str = "entrega.json";

/// Sheet of the synthetic kitchens list, which has no zones.
const KITCHENS_SHEET: &str = "COCINAS";
const PEOPLE_SHEET: &str = "PADRON";
const PEOPLE_HEADER_ROW: u32 = 4;

/// Returns the sheet row of beneficiary `index` (0-based).
pub(crate) fn person_sheet_row(index: usize) -> u32 {
    PEOPLE_HEADER_ROW + 1 + index as u32
}

pub(crate) fn person_fault(
    code: &'static str,
    index: usize,
    field: &str,
    what: String,
) -> PlantedFault {
    let cell = CellRef {
        row: person_sheet_row(index),
        column: column_of(&REGISTER_COLUMNS, field),
    };
    PlantedFault {
        code,
        file: BENEFICIARIES_FILE,
        sheet: PEOPLE_SHEET.to_owned(),
        cell: cell.to_string(),
        what,
    }
}

/// Writes the example's register, endowments table and manifest into
/// `dir`; its notes are written apart (see [`notes_path`](crate::notes_path)). The kitchens list, `.xls`, is written from
/// [`xls_spec`](crate::xls_spec) by `scripts/xls_from_spec.py`.
pub fn write_example(example: &Example, dir: &Path) -> Result<(), XlsxError> {
    std::fs::create_dir_all(dir)?;
    let mut workbook = new_workbook()?;
    register_sheet(
        &mut workbook,
        example.people.iter().cloned(),
        example.config.cut_date,
        false,
    )?;
    workbook.save(dir.join(BENEFICIARIES_FILE))?;
    crate::endowments::write(&example.endowments, &dir.join(ENDOWMENTS_FILE))?;
    std::fs::write(dir.join(MANIFEST_FILE), manifest(example))?;
    Ok(())
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
}

/// Starts a workbook whose bytes depend only on what is written into it: the
/// creation time would otherwise change the files at every run.
pub(crate) fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2016, 8, 15)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(workbook)
}

fn header(sheet: &mut Worksheet, row: u32, columns: &[(&str, &str)]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, (_, label)) in columns.iter().enumerate() {
        sheet.write_string_with_format(row - 1, col as u16, *label, &bold)?;
    }
    Ok(())
}

/// Columns of the beneficiary register: the example's and the synthetic
/// ones'.
const REGISTER_COLUMNS: [(&str, &str); 8] = [
    ("folio", "FOLIO"),
    ("clave_comedor", "CLAVE COCINA"),
    ("nombre", "NOMBRE COMPLETO"),
    ("curp", "CURP"),
    ("sexo", "SEXO"),
    ("fecha_nacimiento", "FECHA DE NACIMIENTO"),
    ("edad", "EDAD"),
    ("grupo_edad", "GRUPO DE EDAD"),
];

/// Adds the synthetic kitchens list's one sheet to `workbook`, with the
/// example's columns; `constant_memory` streams
/// its rows to a temporary file instead of keeping them.
pub(crate) fn kitchens_sheet(
    workbook: &mut Workbook,
    kitchens: &[KitchenRow],
    constant_memory: bool,
) -> Result<(), XlsxError> {
    let sheet = add_sheet(workbook, KITCHENS_SHEET, constant_memory)?;
    let bold = Format::new().set_bold();
    for (row, title) in [
        "SISTEMA PARA EL DESARROLLO INTEGRAL DE LA FAMILIA DEL ESTADO DE OAXACA",
        "PROGRAMA COCINAS COMEDOR NUTRICIONAL COMUNITARIAS",
        "RELACION DE COCINAS 2016 (DATOS FICTICIOS DE EJEMPLO)",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(row as u32, 0, *title, &bold)?;
    }
    header(sheet, HEADER_ROW, &COLUMNS)?;
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (i, k) in kitchens.iter().enumerate() {
        let row = HEADER_ROW + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64)?;
        sheet.write_string(row, 1, &k.key)?;
        sheet.write_string(row, 2, &k.municipality_written)?;
        sheet.write_string(row, 3, &k.name)?;
        sheet.write_number(row, 4, k.lat)?;
        sheet.write_number(row, 5, k.lon)?;
        sheet.write_string(row, 6, status_word(k.status))?;
        sheet.write_datetime_with_format(row, 7, &excel_date(k.opened)?, &date)?;
        sheet.write_string(row, 8, &k.president)?;
        sheet.write_string(row, 9, &k.phone)?;
    }
    Ok(())
}

/// Adds the register's sheet to `workbook`, writing `people` as they come.
pub(crate) fn register_sheet(
    workbook: &mut Workbook,
    people: impl Iterator<Item = PersonRow>,
    cut: NaiveDate,
    constant_memory: bool,
) -> Result<(), XlsxError> {
    let sheet = add_sheet(workbook, PEOPLE_SHEET, constant_memory)?;
    let bold = Format::new().set_bold();
    let cut_title = format!("FECHA DE CORTE: {}", cut.format("%d/%m/%Y"));
    for (row, title) in [
        "PADRON DE BENEFICIARIOS 2016 (DATOS FICTICIOS DE EJEMPLO)",
        cut_title.as_str(),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(row as u32, 0, *title, &bold)?;
    }
    header(sheet, PEOPLE_HEADER_ROW, &REGISTER_COLUMNS)?;
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (i, p) in people.enumerate() {
        let row = PEOPLE_HEADER_ROW + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64)?;
        sheet.write_string(row, 1, &p.kitchen)?;
        sheet.write_string(row, 2, &p.name)?;
        sheet.write_string(row, 3, &p.curp)?;
        sheet.write_string(row, 4, sex_letter(p.sex))?;
        sheet.write_datetime_with_format(row, 5, &excel_date(p.birth_date)?, &date)?;
        if let Some(age) = p.age {
            sheet.write_number(row, 6, f64::from(age))?;
        }
        sheet.write_string(row, 7, age_group_label(p.age_group))?;
    }
    Ok(())
}

fn add_sheet<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    constant_memory: bool,
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = if constant_memory {
        workbook.add_worksheet_with_constant_memory()?
    } else {
        workbook.add_worksheet()
    };
    sheet.set_name(name)?;
    Ok(sheet)
}

/// The register's sex letters: *mujer* and *hombre*.
pub(crate) fn sex_letter(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "M",
        Sex::Male => "H",
        Sex::NonBinary => "X",
    }
}

/// An age group as the agency writes it: `6-12`, and `60 Y MAS` for the
/// open group.
pub(crate) fn age_group_label(group: AgeGroup) -> String {
    match group {
        AgeGroup::Range { min, max: None } => format!("{min} Y MAS"),
        AgeGroup::Unknown => String::new(),
        closed @ AgeGroup::Range { .. } => closed.to_string(),
    }
}

/// The manifest of a synthetic delivery: everything requested came.
pub(crate) fn synthetic_manifest(cut: NaiveDate) -> String {
    let value = serde_json::json!({
        "id": "sintetica",
        "request": "0000000",
        "received": "2016-08-15",
        "cut_date": cut.format("%Y-%m-%d").to_string(),
        "items": [
            {
                "description": "Padrón de cocinas (sintético)",
                "received": true,
                "files": []
            },
            {
                "description": "Padrón de beneficiarios (sintético)",
                "received": true,
                "files": []
            }
        ]
    });
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value serialises");
    text.push('\n');
    text
}

pub(crate) fn status_word(status: KitchenStatus) -> &'static str {
    match status {
        KitchenStatus::Operating => "EN OPERACION",
        KitchenStatus::Suspended => "SUSPENDIDA",
        KitchenStatus::Closed => "CERRADA",
    }
}

/// The delivery's manifest: the request it answers, its dates, and which
/// requested items came. The cartographic georeferencing was refused, as it
/// was in the real 2016 answer ("available only on the intranet").
fn manifest(example: &Example) -> String {
    let cut = example.config.cut_date;
    let value = serde_json::json!({
        "id": "entrega-2016",
        "request": "0012316",
        "received": "2016-08-15",
        "cut_date": cut.format("%Y-%m-%d").to_string(),
        "items": [
            {
                "description": "Padrón de cocinas en operación, con ubicación y contactos",
                "received": true,
                "files": [KITCHENS_FILE]
            },
            {
                "description": "Padrón de beneficiarios por cocina, sexo y edad",
                "received": true,
                "files": [BENEFICIARIES_FILE]
            },
            {
                "description": "Contenido y calidad nutricional de las dotaciones por grupo de edad",
                "received": true,
                "files": [ENDOWMENTS_FILE]
            },
            {
                "description": ITEM_NOT_DELIVERED,
                "received": false,
                "files": []
            }
        ]
    });
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value serialises");
    text.push('\n');
    text
}
