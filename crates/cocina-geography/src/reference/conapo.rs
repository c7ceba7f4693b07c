//! CONAPO's municipal marginalization index (*índice de marginación*).
//!
//! CONAPO publishes for every municipality an index (`IM`), on a scale
//! that changes between editions, and a degree (`GM`) from *Muy alto* to
//! *Muy bajo*. The 2020 edition comes in three shapes, all read by
//! [`read_marginalization_2020`]: the clean UTF-8 extract, the open-data
//! CSV in Windows-1252, and the CSV export of the formatted publication
//! (UTF-8 with a byte order mark, title rows, a long header above the
//! short-code header, a national row, numbers such as `" 948 990"` and a
//! footnote). The 1990–2015 series is read by [`read_marginalization_history`].

use std::fmt;
use std::path::Path;

use cocina_model::{MunicipalityKey, StateKey};

use super::ReferenceError;
use super::table::{Row, Table};

/// CONAPO's degree of marginalization (*grado de marginación*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarginalizationDegree {
    /// *Muy alto*.
    VeryHigh,
    /// *Alto*.
    High,
    /// *Medio*.
    Medium,
    /// *Bajo*.
    Low,
    /// *Muy bajo*.
    VeryLow,
}

impl MarginalizationDegree {
    /// Every degree, from the most to the least marginalized.
    pub const ALL: [Self; 5] = [
        Self::VeryHigh,
        Self::High,
        Self::Medium,
        Self::Low,
        Self::VeryLow,
    ];

    /// Returns CONAPO's Spanish label, as in its files (`Muy alto`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::VeryHigh => "Muy alto",
            Self::High => "Alto",
            Self::Medium => "Medio",
            Self::Low => "Bajo",
            Self::VeryLow => "Muy bajo",
        }
    }

    /// Reads CONAPO's label, ignoring case and surrounding spaces.
    #[must_use]
    pub fn from_label(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|degree| degree.label().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for MarginalizationDegree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A municipality's marginalization in one CONAPO edition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marginalization {
    /// The index (`IM`); its scale differs between editions, so only
    /// values of the same year compare.
    pub index: f64,
    /// The degree (`GM`).
    pub degree: MarginalizationDegree,
    /// The population CONAPO used (`POB_TOT`), when the file gives it.
    pub population: Option<u32>,
}

/// One municipality's row of a CONAPO file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarginalizationRow {
    /// The municipality, within Oaxaca.
    pub key: MunicipalityKey,
    /// The edition's year.
    pub year: u16,
    /// The values.
    pub marginalization: Marginalization,
    /// Line of the row in its file, from 1.
    pub line: u64,
}

const COLUMNS_2020: [&str; 5] = ["CVE_ENT", "CVE_MUN", "POB_TOT", "IM_2020", "GM_2020"];
const COLUMNS_HISTORY: [&str; 6] = ["CVE_ENT", "CVE_MUN", "POB_TOT", "IM", "GM", "AÑO"];

/// Reads Oaxaca's rows of a CONAPO 2020 file in any of its three shapes.
///
/// The header row is the first one naming `CVE_ENT`, `CVE_MUN`, `POB_TOT`,
/// `IM_2020` and `GM_2020`; rows whose `CVE_ENT` is not `20` (other states,
/// the national total, the footnote) are skipped. Numbers may carry spaces
/// between thousands.
///
/// # Errors
///
/// Fails when the file cannot be read, has no such header, or an Oaxaca
/// row has a bad key, number or degree; the error names file, line and
/// column.
pub fn read_marginalization_2020(path: &Path) -> Result<Vec<MarginalizationRow>, ReferenceError> {
    let table = Table::read(path, &COLUMNS_2020)?;
    oaxaca_rows(&table)
        .map(|row| {
            let key = row.oaxaca_municipality("CVE_MUN")?;
            let marginalization = read_values(&row, "IM_2020", "GM_2020")?;
            Ok(MarginalizationRow {
                key,
                year: 2020,
                marginalization,
                line: row.line(),
            })
        })
        .collect()
}

/// Reads Oaxaca's rows of CONAPO's 1990–2015 series, one row per
/// municipality and year (`AÑO`).
///
/// Codes without their leading zero (`1001`) and names padded with spaces
/// are accepted; `-` marks a value missing in that year, and a row whose
/// index or degree is missing is left out.
///
/// # Errors
///
/// As [`read_marginalization_2020`].
pub fn read_marginalization_history(
    path: &Path,
) -> Result<Vec<MarginalizationRow>, ReferenceError> {
    let table = Table::read(path, &COLUMNS_HISTORY)?;
    let mut rows = Vec::new();
    for row in oaxaca_rows(&table) {
        let key = row.oaxaca_municipality("CVE_MUN")?;
        let year = row.count("AÑO")?;
        let year = u16::try_from(year).map_err(|_| row.invalid("AÑO", "a year"))?;
        if row.optional_number("IM")?.is_none() {
            continue;
        }
        let marginalization = read_values(&row, "IM", "GM")?;
        rows.push(MarginalizationRow {
            key,
            year,
            marginalization,
            line: row.line(),
        });
    }
    Ok(rows)
}

/// Returns the rows of state 20; a `CVE_ENT` that is not a state key at
/// all (`Nacional`, a footnote) is not a row of Oaxaca either.
fn oaxaca_rows(table: &Table) -> impl Iterator<Item = Row<'_>> {
    let oaxaca = StateKey::oaxaca();
    table.rows().filter(move |row| {
        let state = row.cell("CVE_ENT").unwrap_or_default();
        state.parse::<u32>().ok() == Some(oaxaca.value())
    })
}

fn read_values(
    row: &Row<'_>,
    index: &'static str,
    degree: &'static str,
) -> Result<Marginalization, ReferenceError> {
    let value = row.number(index)?;
    let label = row.text(degree)?;
    let degree = MarginalizationDegree::from_label(label)
        .ok_or_else(|| row.invalid(degree, "Muy alto, Alto, Medio, Bajo or Muy bajo"))?;
    let population = row.optional_count("POB_TOT")?;
    Ok(Marginalization {
        index: value,
        degree,
        population,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic file shaped like CONAPO's formatted publication: byte
    /// order mark, CRLF, a title, a long header, the short codes, a
    /// national row with em dashes, spaced thousands and a footnote.
    const PUBLICATION: &str = "\u{feff}\"Índice de marginación, 2020\",,,,,,\r\n\
        ,,,,,,\r\n\
        Clave de la entidad,Nombre,Clave del municipio,Nombre del municipio,Población total,Índice,Grado\r\n\
        CVE_ENT,NOM_ENT,CVE_MUN,NOM_MUN,POB_TOT,IM_2020,GM_2020,\r\n\
        ,,,,,,\r\n\
        Nacional,,,, 126 014 024,\u{2014},\u{2014}\r\n\
        01,Aguascalientes,01001,Aguascalientes, 948 990,60.319,Muy bajo, 2 435\r\n\
        20,Oaxaca,20067,Oaxaca de Juárez, 270 955,58.680,Muy bajo, 2 278\r\n\
        20,Oaxaca,20001,Abejones,841,52.052,Alto, 1 000\r\n\
        ,,,,,,\r\n\
        \"Fuente: CONAPO.\",,,,,,\r\n";

    fn write(bytes: &[u8]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        file
    }

    #[test]
    fn the_formatted_publication_yields_oaxacas_rows() {
        let file = write(PUBLICATION.as_bytes());
        let rows = read_marginalization_2020(file.path()).unwrap();
        let keys: Vec<u32> = rows.iter().map(|row| row.key.value()).collect();
        assert_eq!(keys, [67, 1]);
        let oaxaca = rows[0].marginalization;
        assert_eq!(oaxaca.population, Some(270_955));
        assert_eq!(oaxaca.degree, MarginalizationDegree::VeryLow);
        assert!((oaxaca.index - 58.68).abs() < 1e-9);
        assert_eq!(rows[0].line, 8);
    }

    #[test]
    fn windows_1252_names_do_not_hinder_reading() {
        let text = b"CVE_ENT,NOM_ENT,CVE_MUN,NOM_MUN,POB_TOT,IM_2020,GM_2020\n\
            20,Oaxaca,20067,Oaxaca de Ju\xE1rez,270955,58.68025355,Muy bajo\n";
        let rows = read_marginalization_2020(write(text).path()).unwrap();
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn an_unknown_degree_names_its_line_and_column() {
        let text = "CVE_ENT,CVE_MUN,POB_TOT,IM_2020,GM_2020\n\
            20,20001,841,52.05,Alto\n\
            20,20002,45167,52.95,Mediano\n";
        let err = read_marginalization_2020(write(text.as_bytes()).path()).unwrap_err();
        assert!(
            matches!(
                err,
                ReferenceError::InvalidValue {
                    line: 3,
                    column: "GM_2020",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn history_reads_codes_without_leading_zero_padded_names_and_dashes() {
        let text = "CVE_ENT,ENT,CVE_MUN,MUN,POB_TOT,VP,IM,GM,AÑO\n\
            1,Aguascalientes,1001,Aguascalientes,506274,-,-1.9,Muy bajo,1990\n\
            20,Oaxaca,20067,Oaxaca de Juárez    ,264251,-,-1.52,Muy bajo,2015\n\
            20,Oaxaca,20001,Abejones,-,-,-,-,1995\n";
        let rows = read_marginalization_history(write(text.as_bytes()).path()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].key.value(), rows[0].year), (67, 2015));
        assert_eq!(rows[0].marginalization.population, Some(264_251));
    }

    #[test]
    fn a_municipality_of_another_state_under_state_20_is_refused() {
        let text = "CVE_ENT,CVE_MUN,POB_TOT,IM_2020,GM_2020\n20,21001,841,52.05,Alto\n";
        let err = read_marginalization_2020(write(text.as_bytes()).path()).unwrap_err();
        assert!(
            matches!(err, ReferenceError::InvalidValue { line: 2, .. }),
            "{err}"
        );
    }
}
