//! Where each kitchen lands in the kitchens list: one sheet per operative
//! zone, title rows, the header, and the municipality merged down over its
//! consecutive kitchens.

use cocina_model::CellRef;

use crate::{KITCHENS_FILE, KitchenRow, PlantedFault};

/// Operative zones, one sheet each (`ZONA 1` to `ZONA 8`).
pub const ZONES: u8 = 8;

/// Header row of every zone sheet (1-based), below three title rows and a
/// blank one, as in the agency's files.
pub(crate) const HEADER_ROW: u32 = 5;

/// Columns of the kitchens list: field name (as the importer calls it) and
/// header text.
pub(crate) const COLUMNS: [(&str, &str); 10] = [
    ("no", "No."),
    ("clave", "CLAVE COCINA"),
    ("municipio", "MUNICIPIO"),
    ("nombre", "NOMBRE DE LA COCINA"),
    ("latitud", "LATITUD"),
    ("longitud", "LONGITUD"),
    ("estatus", "ESTATUS"),
    ("fecha_apertura", "FECHA DE APERTURA"),
    ("presidenta", "PRESIDENTA DEL COMITE"),
    ("telefono", "TELEFONO"),
];

/// Returns the 1-based column of `field` in `columns`.
pub(crate) fn column_of(columns: &[(&str, &str)], field: &str) -> u32 {
    let index = columns
        .iter()
        .position(|(f, _)| *f == field)
        .expect("field is written");
    index as u32 + 1
}

/// The sheet name of zone `zone`.
pub(crate) fn sheet_name(zone: u8) -> String {
    format!("ZONA {zone}")
}

/// Where one kitchen row is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitchenPlace {
    /// Sheet name (`ZONA 3`).
    pub sheet: String,
    /// Sheet row, 1-based, as a spreadsheet program shows it.
    pub row: u32,
    /// Rows, from this one down, over which the municipality cell is merged
    /// (1 when it is not merged); 0 for a row inside a merged region.
    pub municipality_span: u32,
}

/// The places of all kitchen rows.
pub(crate) struct KitchensLayout {
    places: Vec<KitchenPlace>,
}

impl KitchensLayout {
    /// Lays out `kitchens`, which are in zone order.
    pub(crate) fn new(kitchens: &[KitchenRow]) -> Self {
        let mut places: Vec<KitchenPlace> = Vec::with_capacity(kitchens.len());
        for (i, kitchen) in kitchens.iter().enumerate() {
            let sheet = sheet_name(kitchen.zone);
            let same_sheet = i > 0 && kitchens[i - 1].zone == kitchen.zone;
            let row = if same_sheet {
                places[i - 1].row + 1
            } else {
                HEADER_ROW + 1
            };
            let continues =
                same_sheet && kitchens[i - 1].municipality_written == kitchen.municipality_written;
            let municipality_span = if continues {
                0
            } else {
                let rest = &kitchens[i..];
                rest.iter()
                    .take_while(|k| {
                        k.zone == kitchen.zone
                            && k.municipality_written == kitchen.municipality_written
                    })
                    .count() as u32
            };
            places.push(KitchenPlace {
                sheet,
                row,
                municipality_span,
            });
        }
        Self { places }
    }

    pub(crate) fn places(self) -> Vec<KitchenPlace> {
        self.places
    }

    /// The planted fault at `field` of kitchen row `index`.
    pub(crate) fn fault(
        &self,
        code: &'static str,
        index: usize,
        field: &str,
        what: String,
    ) -> PlantedFault {
        let place = &self.places[index];
        let cell = CellRef {
            row: place.row,
            column: column_of(&COLUMNS, field),
        };
        PlantedFault {
            code,
            file: KITCHENS_FILE,
            sheet: place.sheet.clone(),
            cell: cell.to_string(),
            what,
        }
    }
}
