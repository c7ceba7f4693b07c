//! Reference facts about each municipality, read from a directory of
//! public catalogues that the user supplies.
//!
//! The files are not bundled: the program reads them where they are, so a
//! new edition (a new census, CONAPO 2025) drops in without a code change.
//! Paths are relative to the directory given to [`Reference::load`]:
//!
//! | file | | gives |
//! |---|---|---|
//! | `oaxaca/oax_mun_distrito_region.csv` | required | name, district and region (DIGEPO Oaxaca) |
//! | `inegi/mun_oax_ageeml_censo2020.csv` | required | census 2020 population (INEGI) |
//! | `inegi/loc_oax_pob1000_ageeml.csv` | optional | localities with coordinates (INEGI AGEEML) |
//! | `conapo/imm_2020_oax.csv` | optional | marginalization 2020 (CONAPO) |
//! | `conapo/imm_1990_2015_oax.csv` | optional | marginalization 1990–2015 (CONAPO) |
//!
//! The district table defines the municipalities; every other file is
//! joined to it by INEGI key, never by name, since the sources spell names
//! differently and two pairs of municipalities share a name.
//!
//! # Example
//!
//! ```
//! use cocina_geography::reference::{MarginalizationDegree, Reference};
//! use cocina_model::MunicipalityKey;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let write = |path: &str, text: &str| {
//!     let path = dir.path().join(path);
//!     std::fs::create_dir_all(path.parent().unwrap()).unwrap();
//!     std::fs::write(path, text).unwrap();
//! };
//! write(
//!     "oaxaca/oax_mun_distrito_region.csv",
//!     "cvegeo,nom_mun,region,distrito\n20067,Oaxaca de Juárez,Valles Centrales,Centro\n",
//! );
//! write(
//!     "inegi/mun_oax_ageeml_censo2020.csv",
//!     "cvegeo,pob_total,pob_masculina,pob_femenina\n20067,270955,125852,145103\n",
//! );
//! write(
//!     "conapo/imm_2020_oax.csv",
//!     "CVE_ENT,CVE_MUN,POB_TOT,IM_2020,GM_2020\n20,20067,270955,58.68,Muy bajo\n",
//! );
//!
//! let reference = Reference::load(dir.path()).unwrap();
//! let key = MunicipalityKey::from_number(67).unwrap();
//! let facts = reference.municipality(key).unwrap();
//! assert_eq!(facts.region, "Valles Centrales");
//! assert_eq!(facts.population.unwrap().total, 270_955);
//! let degree = facts.marginalization.unwrap().degree;
//! assert_eq!(degree, MarginalizationDegree::VeryLow);
//! assert!(reference.localities_of(key).is_empty());
//! ```

mod conapo;
mod digepo;
mod error;
mod inegi;
mod table;

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::Path;

use cocina_model::MunicipalityKey;

pub use conapo::{
    Marginalization, MarginalizationDegree, MarginalizationRow, read_marginalization_2020,
    read_marginalization_history,
};
pub use error::ReferenceError;
pub use inegi::{Ambit, Locality, Population};

/// The district table: the one file that defines the municipalities.
pub const DISTRICTS_FILE: &str = "oaxaca/oax_mun_distrito_region.csv";
/// The census 2020 population per municipality.
pub const CENSUS_FILE: &str = "inegi/mun_oax_ageeml_censo2020.csv";
/// The localities (optional).
pub const LOCALITIES_FILE: &str = "inegi/loc_oax_pob1000_ageeml.csv";
/// CONAPO's marginalization 2020 (optional).
pub const MARGINALIZATION_2020_FILE: &str = "conapo/imm_2020_oax.csv";
/// CONAPO's marginalization 1990–2015 (optional).
pub const MARGINALIZATION_HISTORY_FILE: &str = "conapo/imm_1990_2015_oax.csv";

/// What the reference files say about one municipality.
#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityFacts {
    /// The municipality's key within Oaxaca.
    pub key: MunicipalityKey,
    /// The current official name (INEGI), as the district table gives it.
    pub name: String,
    /// The judicial and fiscal district (*distrito*), e.g. `Centro`.
    pub district: String,
    /// The region, one of eight, e.g. `Valles Centrales`.
    pub region: String,
    /// Census 2020 population, when the census file lists the municipality.
    pub population: Option<Population>,
    /// CONAPO's marginalization 2020, when that file was read.
    pub marginalization: Option<Marginalization>,
    /// CONAPO's earlier editions (1990–2015), by year.
    pub marginalization_history: BTreeMap<u16, Marginalization>,
}

/// Reference facts for Oaxaca's municipalities and localities.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    municipalities: BTreeMap<MunicipalityKey, MunicipalityFacts>,
    localities: BTreeMap<MunicipalityKey, Vec<Locality>>,
}

impl Reference {
    /// Reads the reference directory laid out as the [module
    /// documentation](self) describes.
    ///
    /// # Errors
    ///
    /// Fails when a required file is missing, or when any file present is
    /// malformed or names a municipality twice or one that the district
    /// table lacks; the error names the file, and the line and column where
    /// it applies. A missing optional file is not an error.
    pub fn load(dir: &Path) -> Result<Self, ReferenceError> {
        let mut reference = Self::default();
        reference.read_districts(dir)?;
        reference.read_census(dir)?;
        if let Some(path) = optional(dir, LOCALITIES_FILE) {
            reference.read_localities(&path)?;
        }
        if let Some(path) = optional(dir, MARGINALIZATION_2020_FILE) {
            reference.read_marginalization(&path)?;
        }
        if let Some(path) = optional(dir, MARGINALIZATION_HISTORY_FILE) {
            reference.read_history(&path)?;
        }
        Ok(reference)
    }

    /// Returns the facts about a municipality, or `None` when the district
    /// table does not list it.
    #[must_use]
    pub fn municipality(&self, key: MunicipalityKey) -> Option<&MunicipalityFacts> {
        self.municipalities.get(&key)
    }

    /// Returns every municipality, in key order.
    pub fn municipalities(&self) -> impl Iterator<Item = &MunicipalityFacts> {
        self.municipalities.values()
    }

    /// Returns the localities of a municipality in key order; empty when
    /// the localities file was absent or lists none there (it holds only
    /// localities of 1,000 people or more).
    #[must_use]
    pub fn localities_of(&self, key: MunicipalityKey) -> &[Locality] {
        self.localities.get(&key).map_or(&[], Vec::as_slice)
    }

    fn read_districts(&mut self, dir: &Path) -> Result<(), ReferenceError> {
        let path = dir.join(DISTRICTS_FILE);
        for row in digepo::read_districts(&path)? {
            let Entry::Vacant(entry) = self.municipalities.entry(row.key) else {
                return Err(duplicate(&path, row.line, row.key));
            };
            entry.insert(MunicipalityFacts {
                key: row.key,
                name: row.name,
                district: row.district,
                region: row.region,
                population: None,
                marginalization: None,
                marginalization_history: BTreeMap::new(),
            });
        }
        Ok(())
    }

    fn read_census(&mut self, dir: &Path) -> Result<(), ReferenceError> {
        let path = dir.join(CENSUS_FILE);
        for row in inegi::read_census(&path)? {
            let facts = self.facts_mut(&path, row.line, row.key)?;
            if facts.population.replace(row.population).is_some() {
                return Err(duplicate(&path, row.line, row.key));
            }
        }
        Ok(())
    }

    fn read_localities(&mut self, path: &Path) -> Result<(), ReferenceError> {
        for (line, locality) in inegi::read_localities(path)? {
            let key = locality.cvegeo.municipality;
            self.facts_mut(path, line, key)?;
            self.localities.entry(key).or_default().push(locality);
        }
        for localities in self.localities.values_mut() {
            localities.sort_by_key(|locality| locality.cvegeo);
        }
        Ok(())
    }

    fn read_marginalization(&mut self, path: &Path) -> Result<(), ReferenceError> {
        for row in read_marginalization_2020(path)? {
            let facts = self.facts_mut(path, row.line, row.key)?;
            if facts.marginalization.replace(row.marginalization).is_some() {
                return Err(duplicate(path, row.line, row.key));
            }
        }
        Ok(())
    }

    fn read_history(&mut self, path: &Path) -> Result<(), ReferenceError> {
        for row in read_marginalization_history(path)? {
            let facts = self.facts_mut(path, row.line, row.key)?;
            let history = &mut facts.marginalization_history;
            if history.insert(row.year, row.marginalization).is_some() {
                return Err(duplicate(path, row.line, row.key));
            }
        }
        Ok(())
    }

    fn facts_mut(
        &mut self,
        path: &Path,
        line: u64,
        key: MunicipalityKey,
    ) -> Result<&mut MunicipalityFacts, ReferenceError> {
        self.municipalities
            .get_mut(&key)
            .ok_or_else(|| ReferenceError::UnknownMunicipality {
                path: path.to_owned(),
                line,
                key,
            })
    }
}

/// Returns the path of an optional file, or `None` when it is absent.
fn optional(dir: &Path, relative: &str) -> Option<std::path::PathBuf> {
    let path = dir.join(relative);
    if path.is_file() {
        return Some(path);
    }
    tracing::debug!(file = %path.display(), "optional reference file absent");
    None
}

fn duplicate(path: &Path, line: u64, key: MunicipalityKey) -> ReferenceError {
    ReferenceError::DuplicateMunicipality {
        path: path.to_owned(),
        line,
        key,
    }
}
