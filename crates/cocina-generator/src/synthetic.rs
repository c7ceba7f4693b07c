//! Large synthetic deliveries for benchmarks, written on demand and never
//! committed: a beneficiary register of any size, as `.xlsx` shaped like the
//! example's register or as the canonical `padron.csv`, with the kitchens
//! list its rows refer to.
//!
//! Rows are drawn and written one at a time, so memory stays flat whatever
//! the size: the `.xlsx` sheets are written in `rust_xlsxwriter`'s
//! constant-memory mode (rows go to a temporary file as they come, text is
//! stored inline in the cells instead of in a shared-strings table) and the
//! CSV files are streamed through a buffer. These deliveries have no planted
//! faults.

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cocina_geography::Catalog;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{Workbook, XlsxError};
use serde::Serialize;

use crate::{KitchenRow, PersonRow, people, places, write};

/// File name of the synthetic kitchens list as `.xlsx`.
pub const SYNTHETIC_KITCHENS_XLSX: &str = "comedores.xlsx";
/// File name of the synthetic register as `.xlsx`.
pub const SYNTHETIC_REGISTER_XLSX: &str = "padron_beneficiarios.xlsx";
/// File name of the kitchens list in the canonical form.
pub const CANONICAL_KITCHENS: &str = "comedores.csv";
/// File name of the register in the canonical form.
pub const CANONICAL_REGISTER: &str = "padron.csv";

/// The file formats a synthetic delivery can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntheticFormat {
    /// `comedores.xlsx` and `padron_beneficiarios.xlsx`, laid out like the
    /// example's kitchens list and register (title rows, Spanish headers).
    Xlsx,
    /// The canonical `comedores.csv` and `padron.csv` of
    /// `docs/delivery-format.md`.
    Csv,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct SyntheticConfig {
    /// Seed of the random generator.
    pub seed: u64,
    /// Beneficiaries in the register.
    pub people: u64,
    /// Average beneficiaries per kitchen; the kitchens list has
    /// `people / people_per_kitchen` kitchens (at least one).
    pub people_per_kitchen: u64,
    /// The register's cut date: ages are counted on it.
    pub cut_date: NaiveDate,
}

impl SyntheticConfig {
    /// A register of `people` rows with the example's seed, cut date and
    /// kitchen size (about 57 people per kitchen).
    #[must_use]
    pub fn with_people(people: u64) -> Self {
        Self {
            seed: 2016,
            people,
            people_per_kitchen: 57,
            cut_date: NaiveDate::from_ymd_opt(2016, 6, 30).expect("valid date"),
        }
    }

    /// Kitchens in the list.
    #[must_use]
    pub fn kitchens(&self) -> u64 {
        (self.people / self.people_per_kitchen.max(1)).max(1)
    }
}

/// What [`write_synthetic`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticFiles {
    /// The kitchens list.
    pub kitchens: PathBuf,
    /// The beneficiary register.
    pub register: PathBuf,
    /// Kitchens written.
    pub kitchen_count: u64,
    /// Beneficiaries written.
    pub people_count: u64,
}

/// Why a synthetic delivery could not be written. Each variant names the
/// path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyntheticError {
    /// A file or directory could not be written.
    #[error("could not write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A workbook could not be written.
    #[error("could not write {}: {source}", path.display())]
    Xlsx {
        /// The workbook.
        path: PathBuf,
        /// Why.
        source: XlsxError,
    },
    /// A CSV file could not be written.
    #[error("could not write {}: {source}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// Why.
        source: csv::Error,
    },
}

/// Writes a synthetic delivery of `config.people` beneficiaries in `format`
/// into `dir` (created if missing), with the kitchens list and a manifest
/// `entrega.json`. The same configuration always writes the same rows.
///
/// # Errors
///
/// Returns a [`SyntheticError`] naming the file that could not be written.
pub fn write_synthetic(
    config: &SyntheticConfig,
    format: SyntheticFormat,
    dir: &Path,
) -> Result<SyntheticFiles, SyntheticError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SyntheticError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let places = places::Places::new(Catalog::bundled());
    let kitchen_count = config.kitchens();
    let kitchens = (1..=kitchen_count).map(|n| places::kitchen(&mut rng, &places, n as usize));
    // Kitchens are few next to people: keeping them in memory costs little
    // and lets each person be drawn for a kitchen that is listed.
    let kitchens: Vec<KitchenRow> = kitchens.collect();
    let keys: Vec<&str> = kitchens.iter().map(|k| k.key.as_str()).collect();
    let people = (0..config.people).map(move |i| {
        // Consecutive people belong to the same kitchen, as in the agency's
        // registers, which are sorted by kitchen.
        let kitchen = keys[(i * keys.len() as u64 / config.people.max(1)) as usize];
        people::person_row(&mut rng, kitchen, config.cut_date)
    });
    let (kitchens_path, register_path) = match format {
        SyntheticFormat::Xlsx => {
            let k = dir.join(SYNTHETIC_KITCHENS_XLSX);
            let r = dir.join(SYNTHETIC_REGISTER_XLSX);
            write_xlsx(&k, |wb| write::kitchens_sheet(wb, &kitchens, true))?;
            write_xlsx(&r, |wb| {
                write::register_sheet(wb, people, config.cut_date, true)
            })?;
            (k, r)
        }
        SyntheticFormat::Csv => {
            let k = dir.join(CANONICAL_KITCHENS);
            let r = dir.join(CANONICAL_REGISTER);
            write_csv(&k, kitchens.iter().map(CanonicalKitchen::of))?;
            write_csv(&r, people.map(|p| CanonicalPerson::of(&p)))?;
            (k, r)
        }
    };
    let manifest = dir.join("entrega.json");
    std::fs::write(&manifest, write::synthetic_manifest(config.cut_date)).map_err(io(&manifest))?;
    Ok(SyntheticFiles {
        kitchens: kitchens_path,
        register: register_path,
        kitchen_count,
        people_count: config.people,
    })
}

fn write_xlsx(
    path: &Path,
    fill: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
) -> Result<(), SyntheticError> {
    let xlsx = |source| SyntheticError::Xlsx {
        path: path.to_path_buf(),
        source,
    };
    let mut workbook = write::new_workbook().map_err(xlsx)?;
    // Temporary row files go next to the output: the default temporary
    // directory may be a small in-memory file system.
    if let Some(parent) = path.parent() {
        workbook.set_tempdir(parent).map_err(xlsx)?;
    }
    fill(&mut workbook).map_err(xlsx)?;
    workbook.save(path).map_err(xlsx)
}

fn write_csv<R: Serialize>(
    path: &Path,
    rows: impl Iterator<Item = R>,
) -> Result<(), SyntheticError> {
    let csv_error = |source| SyntheticError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let file = File::create(path).map_err(|source| SyntheticError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
    for row in rows {
        writer.serialize(row).map_err(csv_error)?;
    }
    let mut inner = writer
        .into_inner()
        .map_err(|e| csv_error(csv::Error::from(e.into_error())))?;
    inner.flush().map_err(|source| SyntheticError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// One row of the canonical `comedores.csv`, in its column order.
#[derive(Serialize)]
struct CanonicalKitchen<'a> {
    clave: &'a str,
    nombre: &'a str,
    cve_ent: &'static str,
    cve_mun: String,
    municipio: &'a str,
    cve_loc: &'static str,
    localidad: &'static str,
    cvegeo: &'static str,
    latitud: f64,
    longitud: f64,
    estatus: &'static str,
    fecha_apertura: String,
    fecha_cierre: &'static str,
    capacidad: &'static str,
    region: &'static str,
    direccion: &'static str,
    presidenta: &'a str,
    telefono: &'a str,
    secretaria: &'static str,
    telefono_secretaria: &'static str,
    tesorera: &'static str,
    telefono_tesorera: &'static str,
}

impl<'a> CanonicalKitchen<'a> {
    fn of(k: &'a KitchenRow) -> Self {
        Self {
            clave: &k.key,
            nombre: &k.name,
            cve_ent: "20",
            cve_mun: k.municipality.to_string(),
            municipio: &k.municipality_written,
            cve_loc: "",
            localidad: "",
            cvegeo: "",
            latitud: k.lat,
            longitud: k.lon,
            estatus: k.status.spanish(),
            fecha_apertura: k.opened.format("%Y-%m-%d").to_string(),
            fecha_cierre: "",
            capacidad: "",
            region: "",
            direccion: "",
            presidenta: &k.president,
            telefono: &k.phone,
            secretaria: "",
            telefono_secretaria: "",
            tesorera: "",
            telefono_tesorera: "",
        }
    }
}

/// One row of the canonical `padron.csv`, in its column order.
#[derive(Serialize)]
struct CanonicalPerson {
    clave_comedor: String,
    sexo: &'static str,
    edad: Option<u16>,
    fecha_nacimiento: String,
    rango_edad: String,
    curp: String,
    nombre: String,
    embarazada_lactancia: &'static str,
    discapacidad: &'static str,
    fecha_registro: &'static str,
}

impl CanonicalPerson {
    fn of(p: &PersonRow) -> Self {
        Self {
            clave_comedor: p.kitchen.clone(),
            sexo: write::sex_letter(p.sex),
            edad: p.age,
            fecha_nacimiento: p.birth_date.format("%Y-%m-%d").to_string(),
            rango_edad: p.age_group.to_string(),
            curp: p.curp.clone(),
            nombre: p.name.clone(),
            embarazada_lactancia: "no",
            discapacidad: "no",
            fecha_registro: "",
        }
    }
}
