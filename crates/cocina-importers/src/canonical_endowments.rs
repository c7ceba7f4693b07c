//! The endowments of the canonical form, `dotacion.csv`: one row per age
//! group and product, as `docs/delivery-format.md` specifies. Unlike the
//! other canonical tables it holds no personal data.

use std::fs;
use std::path::{Path, PathBuf};

use cocina_model::{Endowment, EndowmentItem};
use serde::Serialize;

use crate::ImportedDelivery;
use crate::canonical::{WriteError, neutralize_formula, write_csv};

/// File name of the endowments in the canonical form.
pub const ENDOWMENTS_FILE: &str = "dotacion.csv";

/// Writes `dotacion.csv` when the delivery had endowments. Otherwise removes
/// one left by an earlier run, which the next import would read as part of
/// this delivery.
pub(crate) fn write_endowments(
    dir: &Path,
    delivery: &ImportedDelivery,
) -> Result<Option<PathBuf>, WriteError> {
    if delivery.endowments.is_empty() {
        let path = dir.join(ENDOWMENTS_FILE);
        return match fs::remove_file(&path) {
            Ok(()) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(WriteError::File { path, source }),
        };
    }
    let rows = delivery
        .endowments
        .iter()
        .flat_map(|e| e.items.iter().map(move |item| EndowmentRow::of(e, item)));
    write_csv(dir, ENDOWMENTS_FILE, rows).map(Some)
}

/// One row of `dotacion.csv`.
#[derive(Serialize, Default)]
struct EndowmentRow {
    clave_comedor: Option<String>,
    rango_edad: String,
    producto: String,
    cantidad: f64,
    unidad: String,
    periodo: Option<String>,
    energia_kcal: Option<f64>,
    proteinas_g: Option<f64>,
    hidratos_carbono_g: Option<f64>,
    lipidos_g: Option<f64>,
    proveedor: Option<String>,
    licitacion: Option<String>,
}

impl EndowmentRow {
    fn of(endowment: &Endowment, item: &EndowmentItem) -> Self {
        let text = |value: Option<&String>| value.map(|t| neutralize_formula(t));
        Self {
            clave_comedor: endowment
                .kitchen
                .as_ref()
                .map(|k| neutralize_formula(k.as_str())),
            rango_edad: endowment.age_group.to_string(),
            producto: neutralize_formula(&item.product),
            cantidad: item.quantity,
            unidad: neutralize_formula(item.unit.code()),
            periodo: text(endowment.period.as_ref()),
            energia_kcal: item.nutrients.energy_kcal,
            proteinas_g: item.nutrients.protein_g,
            hidratos_carbono_g: item.nutrients.carbohydrate_g,
            lipidos_g: item.nutrients.fat_g,
            proveedor: text(item.supplier.as_ref().or(endowment.supplier.as_ref())),
            licitacion: text(item.tender.as_ref().or(endowment.tender.as_ref())),
        }
    }
}
