//! DIGEPO Oaxaca's table of each municipality's district and region.

use std::path::Path;

use cocina_model::MunicipalityKey;

use super::ReferenceError;
use super::table::Table;

/// One row of `oaxaca/oax_mun_distrito_region.csv`.
pub(crate) struct DistrictRow {
    pub(crate) key: MunicipalityKey,
    pub(crate) name: String,
    pub(crate) district: String,
    pub(crate) region: String,
    pub(crate) line: u64,
}

const COLUMNS: [&str; 4] = ["cvegeo", "nom_mun", "region", "distrito"];

/// Reads the table; `region` and `distrito` are the normalised spellings.
pub(crate) fn read_districts(path: &Path) -> Result<Vec<DistrictRow>, ReferenceError> {
    let table = Table::read(path, &COLUMNS)?;
    table
        .rows()
        .map(|row| {
            let key = row.oaxaca_municipality("cvegeo")?;
            Ok(DistrictRow {
                key,
                name: row.text("nom_mun")?.to_owned(),
                district: row.text("distrito")?.to_owned(),
                region: row.text("region")?.to_owned(),
                line: row.line(),
            })
        })
        .collect()
}
