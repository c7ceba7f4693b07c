//! The open-data package: CSV tables, the kitchens as GeoJSON, the
//! validation report as JSON, `datapackage.json` describing them
//! (Frictionless Data Package, v1 profile), and the same tables in one
//! Excel workbook.

use std::fs;
use std::path::{Path, PathBuf};

use cocina_model::Lang;
use cocina_rendering::view::Bilingual;
use cocina_rendering::{Page, Shown, SuppressionReason};
use geojson::{Feature, FeatureCollection, Geometry, JsonObject};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::{Value as Json, json};
use sha2::{Digest, Sha256};

use crate::PublishError;
use crate::aggregate::AreaLevel;
use crate::public::Publication;
use crate::table::{Table, Value};

/// The descriptor's file name.
pub const DESCRIPTOR: &str = "datapackage.json";
/// The kitchens as GeoJSON: the file every page's menu links to.
pub const GEOJSON: &str = cocina_rendering::routes::GEOJSON_FILE;
/// The validation report.
pub const REPORT: &str = "validacion.json";

/// One file written into the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    /// File name within the package directory.
    pub file: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Format, such as `CSV`.
    pub format: String,
    /// What it holds.
    pub contents: Bilingual,
}

/// Writes the package into `dir` and returns its files, the descriptor
/// last.
pub fn write(
    publication: &Publication,
    tables: &[Table],
    dir: &Path,
) -> Result<Vec<PackageFile>, PublishError> {
    fs::create_dir_all(dir).map_err(|source| write_error(dir, source))?;
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for table in tables {
        let mut bytes = Vec::new();
        table
            .write_csv(&mut bytes)
            .map_err(|e| write_error(&dir.join(table.file_name()), e.into()))?;
        save(dir, &table.file_name(), &bytes)?;
        resources.push(table_resource(table, &bytes));
        files.push(PackageFile {
            file: table.file_name(),
            bytes: bytes.len() as u64,
            format: "CSV".into(),
            contents: Bilingual {
                es: table.title_es.into(),
                en: table.title_en.into(),
            },
        });
    }
    let geojson = geojson(publication).to_string().into_bytes();
    save(dir, GEOJSON, &geojson)?;
    resources.push(json_resource(
        "cocinas_geo",
        GEOJSON,
        "geojson",
        &geojson,
        &GEOJSON_TEXT,
    ));
    files.push(package_file(GEOJSON, &geojson, "GeoJSON", &GEOJSON_TEXT));
    let report = serde_json::to_vec_pretty(&report(publication)).unwrap_or_default();
    save(dir, REPORT, &report)?;
    resources.push(json_resource(
        "validacion",
        REPORT,
        "json",
        &report,
        &REPORT_TEXT,
    ));
    files.push(package_file(REPORT, &report, "JSON", &REPORT_TEXT));
    let workbook_name = format!("{}.xlsx", package_name(&publication.delivery.id));
    let workbook =
        workbook(publication, tables).map_err(|e| PublishError::Workbook(e.to_string()))?;
    save(dir, &workbook_name, &workbook)?;
    files.push(package_file(
        &workbook_name,
        &workbook,
        "XLSX",
        &WORKBOOK_TEXT,
    ));
    let descriptor =
        serde_json::to_vec_pretty(&descriptor(publication, &resources)).unwrap_or_default();
    save(dir, DESCRIPTOR, &descriptor)?;
    files.push(package_file(
        DESCRIPTOR,
        &descriptor,
        "JSON",
        &DESCRIPTOR_TEXT,
    ));
    Ok(files)
}

struct Texts {
    es: &'static str,
    en: &'static str,
}

const GEOJSON_TEXT: Texts = Texts {
    es: "Cocinas con su ubicación validada (GeoJSON, RFC 7946, WGS84)",
    en: "Kitchens with their validated location (GeoJSON, RFC 7946, WGS84)",
};
const REPORT_TEXT: Texts = Texts {
    es: "Informe de validación de la entrega",
    en: "Validation report of the delivery",
};
const WORKBOOK_TEXT: Texts = Texts {
    es: "Las mismas tablas en un libro de Excel, una hoja por tabla",
    en: "The same tables in one Excel workbook, one sheet per table",
};
const DESCRIPTOR_TEXT: Texts = Texts {
    es: "Descripción del paquete: esquemas, licencia y fuentes (Frictionless)",
    en: "Package description: schemas, licence and sources (Frictionless)",
};

fn package_file(file: &str, bytes: &[u8], format: &str, texts: &Texts) -> PackageFile {
    PackageFile {
        file: file.into(),
        bytes: bytes.len() as u64,
        format: format.into(),
        contents: Bilingual {
            es: texts.es.into(),
            en: texts.en.into(),
        },
    }
}

fn write_error(path: &Path, source: std::io::Error) -> PublishError {
    PublishError::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, PublishError> {
    let path = dir.join(name);
    fs::write(&path, bytes).map_err(|source| write_error(&path, source))?;
    Ok(path)
}

fn sha256(bytes: &[u8]) -> String {
    crate::public::hex(&Sha256::digest(bytes))
}

fn table_resource(table: &Table, bytes: &[u8]) -> Json {
    json!({
        "name": table.name,
        "path": table.file_name(),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": table.title_es,
        "description": table.title_es,
        "description_en": table.title_en,
        "bytes": bytes.len(),
        "hash": format!("sha256:{}", sha256(bytes)),
        "schema": table.schema(),
    })
}

fn json_resource(name: &str, path: &str, format: &str, bytes: &[u8], texts: &Texts) -> Json {
    let mediatype = if format == "geojson" {
        "application/geo+json"
    } else {
        "application/json"
    };
    json!({
        "name": name,
        "path": path,
        "profile": "data-resource",
        "format": format,
        "mediatype": mediatype,
        "encoding": "utf-8",
        "title": texts.es,
        "description": texts.es,
        "description_en": texts.en,
        "bytes": bytes.len(),
        "hash": format!("sha256:{}", sha256(bytes)),
    })
}

/// The lines that credit the sources, as their terms of use ask.
pub const ATTRIBUTION: [&str; 3] = [
    "Datos del programa: Sistema DIF Oaxaca, entregados en respuesta a una solicitud de acceso \
     a la información.",
    "Fuente: INEGI, Marco Geoestadístico (límites municipales, 2019) y Censo de Población y \
     Vivienda 2020.",
    "Fuente: CONAPO, Índice de marginación por municipio 2020.",
];

/// The package's name, also the workbook's file name: the delivery's id
/// lower-cased, with anything but ASCII letters, digits, `-` and `_`
/// turned into `-`, so that an id typed by the agency can never name a path
/// (`../`) or carry characters a file system or a URL treats specially.
fn package_name(id: &str) -> String {
    format!("cocina-abierta-{id}").to_lowercase().replace(
        |c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')),
        "-",
    )
}

fn descriptor(publication: &Publication, resources: &[Json]) -> Json {
    let delivery = &publication.delivery;
    let name = package_name(&delivery.id);
    json!({
        "profile": "data-package",
        "name": name,
        "title": format!("Cocinas comedor nutricional comunitarias de Oaxaca: {}", delivery.id),
        "description": "Datos abiertos de las cocinas comedor nutricional comunitarias del \
                        Sistema DIF Oaxaca, sin datos personales y con las cifras pequeñas \
                        suprimidas (menos de 5 personas).",
        "description_en": "Open data on Sistema DIF Oaxaca's community nutritional kitchens, \
                           without personal data and with small figures suppressed (fewer than \
                           5 people).",
        "keywords": ["Oaxaca", "DIF", "cocinas comunitarias", "alimentación", "datos abiertos"],
        "licenses": [{
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }],
        "sources": [
            {
                "title": format!("Sistema DIF Oaxaca, entrega {}", delivery.id),
                "description": "Respuesta a una solicitud de acceso a la información",
            },
            { "title": "INEGI, Marco Geoestadístico 2019; Censo de Población y Vivienda 2020" },
            { "title": "CONAPO, Índice de marginación por municipio 2020" },
        ],
        "attribution": ATTRIBUTION,
        "delivery": {
            "id": delivery.id,
            "received": delivery.received.map(|d| d.to_string()),
            "cut_date": delivery.cut_date.map(|d| d.to_string()),
            "request": delivery.request,
        },
        "suppression_threshold": publication.aggregates.threshold,
        "resources": resources,
    })
}

fn geojson(publication: &Publication) -> FeatureCollection {
    let totals = publication.aggregates.level(AreaLevel::Kitchen);
    FeatureCollection::new(publication.kitchens.iter().map(|k| {
        let key = k.key.to_string();
        let mut properties = JsonObject::new();
        let text = |s: Option<String>| s.map_or(Json::Null, Json::String);
        properties.insert("clave".into(), key.clone().into());
        properties.insert("nombre".into(), k.name.clone().into());
        properties.insert(
            "cve_mun".into(),
            text(k.municipality.map(|m| m.to_string())),
        );
        properties.insert("municipio".into(), text(k.municipality_name.clone()));
        properties.insert("estatus".into(), k.status.to_string().into());
        // A suppressed total is null, with why, as in the CSV.
        let total = totals.total(Some(&key));
        let reason = match total {
            Shown::Count(_) => Json::Null,
            Shown::Suppressed(SuppressionReason::SmallCount) => "celda_pequena".into(),
            Shown::Suppressed(SuppressionReason::Complementary) => "complementaria".into(),
        };
        properties.insert(
            "beneficiarios".into(),
            total.count().map_or(Json::Null, Json::from),
        );
        properties.insert("supresion".into(), reason);
        properties.insert(
            "url".into(),
            Page::Kitchen(k.key.clone()).url(Lang::Es).into(),
        );
        // RFC 7946 recommends no more than six decimals; five are about a
        // metre, finer than any kitchen's point.
        let round = |x: f64| (x * 1e5).round() / 1e5;
        Feature {
            id: Some(geojson::feature::Id::String(key)),
            geometry: k
                .location
                .map(|p| Geometry::new_point([round(p.x()), round(p.y())])),
            properties: Some(properties),
            ..Feature::default()
        }
    }))
}

fn report(publication: &Publication) -> Json {
    let findings: Vec<Json> = publication
        .findings
        .iter()
        .map(|f| {
            let mut value = serde_json::to_value(f).unwrap_or(Json::Null);
            value["code"] = json!(f.code());
            value["message_es"] = json!(f.message(Lang::Es));
            value["message_en"] = json!(f.message(Lang::En));
            value
        })
        .collect();
    let count = |s| publication.findings_where(|f| f.severity == s);
    // Spanish keys, as in the tables; English keys `errors` and `warnings`
    // would also make Frictionless take the file for one of its own
    // validation reports.
    json!({
        "entrega": publication.delivery.id,
        "errores": count(cocina_model::Severity::Error),
        "advertencias": count(cocina_model::Severity::Warning),
        "avisos": count(cocina_model::Severity::Notice),
        "hallazgos": findings,
    })
}

/// The same tables in one workbook: a sheet per table with a frozen,
/// filterable header row, column widths fitted to the contents, and
/// number and date formats.
fn workbook(publication: &Publication, tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file the same for the same delivery.
    let created = publication
        .delivery
        .received
        .and_then(|d| excel_date(d).ok())
        .unwrap_or(ExcelDateTime::from_ymd(2016, 1, 1)?);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Cocina Abierta: {}", publication.delivery.id))
            .set_creation_datetime(&created),
    );
    let header = Format::new().set_bold();
    let formats = Formats {
        integer: Format::new().set_num_format("#,##0"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        text: Format::new(),
        decimals: (0..=6)
            .map(|n| Format::new().set_num_format(format!("0.{}", "0".repeat(n))))
            .collect(),
    };
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        let mut widths: Vec<usize> = table.fields.iter().map(|f| f.name.len()).collect();
        for (col, field) in table.fields.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, field.name, &header)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            let r = i as u32 + 1;
            for (col, value) in row.iter().enumerate() {
                widths[col] = widths[col].max(write_cell(sheet, r, col as u16, value, &formats)?);
            }
        }
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, (*width).clamp(8, 60) as f64 + 2.0)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let last_col = table.fields.len().saturating_sub(1) as u16;
        sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    }
    workbook.save_to_buffer()
}

struct Formats {
    integer: Format,
    date: Format,
    text: Format,
    /// Decimal formats by number of decimals, 0 to 6.
    decimals: Vec<Format>,
}

fn excel_date(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike as _;
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(1900),
        date.month() as u8,
        date.day() as u8,
    )
}

/// Writes one cell and returns how many characters it shows. Text is
/// written as text, which Excel never runs as a formula.
fn write_cell(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    formats: &Formats,
) -> Result<usize, XlsxError> {
    Ok(match value {
        Value::Text(text) => {
            sheet.write_string_with_format(row, col, text, &formats.text)?;
            text.chars().count()
        }
        Value::Int(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.integer)?;
            n.to_string().len() + 2
        }
        Value::Num(x, decimals) => {
            let format = &formats.decimals[(*decimals).min(6)];
            sheet.write_number_with_format(row, col, *x, format)?;
            decimals + 5
        }
        Value::Date(date) => {
            sheet.write_date_with_format(row, col, &excel_date(*date)?, &formats.date)?;
            10
        }
        Value::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
            5
        }
        Value::Null => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_name_never_names_a_path() {
        assert_eq!(package_name("entrega-2016"), "cocina-abierta-entrega-2016");
        let hostile = package_name("../../../../tmp/evil");
        assert!(
            !hostile.contains('/') && !hostile.contains(".."),
            "{hostile}"
        );
        assert_eq!(package_name("ＡＢ１"), "cocina-abierta----");
    }
}
