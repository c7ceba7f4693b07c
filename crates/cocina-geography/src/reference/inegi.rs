//! INEGI's census 2020 population per municipality and its catalogue of
//! localities (AGEEML).

use std::path::Path;

use cocina_model::{Cvegeo, MunicipalityKey, StateKey};
use geo_types::Point;

use super::ReferenceError;
use super::table::{Row, Table};

/// Population counted by a census.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Population {
    /// Everyone (`pob_total`).
    pub total: u32,
    /// Men (`pob_masculina`).
    pub men: u32,
    /// Women (`pob_femenina`).
    pub women: u32,
}

/// Whether INEGI classes a locality as urban or rural (`ambito`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ambit {
    /// `U`: urban.
    Urban,
    /// `R`: rural.
    Rural,
}

/// A locality of INEGI's catalogue, with its census 2020 population.
#[derive(Debug, Clone, PartialEq)]
pub struct Locality {
    /// The 9-digit key (`cvegeo`).
    pub cvegeo: Cvegeo,
    /// The name as the file gives it (the current file lost its accents).
    pub name: String,
    /// Urban or rural.
    pub ambit: Ambit,
    /// The location in WGS84: `x` = longitude, `y` = latitude.
    pub point: Point<f64>,
    /// Altitude in metres, when given.
    pub altitude_m: Option<f64>,
    /// Census 2020 population.
    pub population: Population,
}

/// One row of `inegi/mun_oax_ageeml_censo2020.csv`.
pub(crate) struct CensusRow {
    pub(crate) key: MunicipalityKey,
    pub(crate) population: Population,
    pub(crate) line: u64,
}

const CENSUS_COLUMNS: [&str; 4] = ["cvegeo", "pob_total", "pob_masculina", "pob_femenina"];

const LOCALITY_COLUMNS: [&str; 8] = [
    "cvegeo",
    "nom_loc",
    "ambito",
    "lat",
    "lon",
    "pob_total",
    "pob_masculina",
    "pob_femenina",
];

/// Reads the population of each municipality.
pub(crate) fn read_census(path: &Path) -> Result<Vec<CensusRow>, ReferenceError> {
    let table = Table::read(path, &CENSUS_COLUMNS)?;
    table
        .rows()
        .map(|row| {
            let key = row.oaxaca_municipality("cvegeo")?;
            Ok(CensusRow {
                key,
                population: read_population(&row)?,
                line: row.line(),
            })
        })
        .collect()
}

/// Reads the localities, each with the line of its row.
pub(crate) fn read_localities(path: &Path) -> Result<Vec<(u64, Locality)>, ReferenceError> {
    let table = Table::read(path, &LOCALITY_COLUMNS)?;
    table
        .rows()
        .map(|row| Ok((row.line(), read_locality(&row)?)))
        .collect()
}

fn read_locality(row: &Row<'_>) -> Result<Locality, ReferenceError> {
    let cvegeo = row.text("cvegeo")?;
    let cvegeo = Cvegeo::new(cvegeo)
        .ok()
        .filter(|key| key.locality.is_some() && key.state == StateKey::oaxaca())
        .ok_or_else(|| row.invalid("cvegeo", "a 9-digit locality key of Oaxaca"))?;
    let ambit = match row.text("ambito")? {
        "U" | "u" => Ambit::Urban,
        "R" | "r" => Ambit::Rural,
        _ => return Err(row.invalid("ambito", "U or R")),
    };
    let point = read_point(row)?;
    Ok(Locality {
        cvegeo,
        name: row.text("nom_loc")?.to_owned(),
        ambit,
        point,
        altitude_m: row.optional_number("altitud")?,
        population: read_population(row)?,
    })
}

fn read_point(row: &Row<'_>) -> Result<Point<f64>, ReferenceError> {
    let lat = row.number("lat")?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(row.invalid("lat", "a latitude in decimal degrees"));
    }
    let lon = row.number("lon")?;
    if !(-180.0..=180.0).contains(&lon) {
        return Err(row.invalid("lon", "a longitude in decimal degrees"));
    }
    Ok(Point::new(lon, lat))
}

fn read_population(row: &Row<'_>) -> Result<Population, ReferenceError> {
    Ok(Population {
        total: row.count("pob_total")?,
        men: row.count("pob_masculina")?,
        women: row.count("pob_femenina")?,
    })
}
