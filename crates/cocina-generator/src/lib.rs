//! Deterministic generator of Cocina Abierta's example delivery.
//!
//! It writes `examples/entrega-2016/`: a kitchens list and a beneficiary
//! register shaped like the agency's real files (title rows, upper-case names
//! without accents, one sheet each), with kitchens at points inside real
//! Oaxaca municipalities, fake people with fake CURPs, and a documented set
//! of planted faults. Everything comes from one seed, so the same version
//! writes the same data, and [`Example::planted`] tells tests exactly which
//! faults validation must find.
//!
//! It also writes large synthetic deliveries for benchmarks, on demand and
//! never committed: [`write_synthetic`], or
//! `cocina-generate synthetic --people 1000000 --format xlsx DIR` (see
//! `benches/README.md`).
//!
//! # Example
//!
//! ```
//! use cocina_generator::{Example, ExampleConfig};
//!
//! let example = Example::build(&ExampleConfig { kitchens: 20, ..ExampleConfig::default() });
//! assert_eq!(example.kitchens.len(), 20 + 2); // two planted duplicates
//! assert!(example.planted.iter().any(|f| f.code == "CA-P001"));
//! ```

mod people;
mod places;
mod readme;
mod synthetic;
mod write;

use chrono::NaiveDate;
use cocina_geography::Catalog;
use cocina_model::{AgeGroup, KitchenStatus, MunicipalityKey, Sex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

pub use synthetic::{
    CANONICAL_KITCHENS, CANONICAL_REGISTER, SYNTHETIC_KITCHENS_XLSX, SYNTHETIC_REGISTER_XLSX,
    SyntheticConfig, SyntheticError, SyntheticFiles, SyntheticFormat, write_synthetic,
};
pub use write::{BENEFICIARIES_FILE, KITCHENS_FILE, write_example};

/// What to generate.
#[derive(Debug, Clone)]
pub struct ExampleConfig {
    /// Seed of the random generator.
    pub seed: u64,
    /// Kitchens, before the planted duplicates.
    pub kitchens: usize,
    /// Average beneficiaries per kitchen.
    pub people_per_kitchen: usize,
    /// The register's cut date: ages are counted on it.
    pub cut_date: NaiveDate,
}

impl Default for ExampleConfig {
    fn default() -> Self {
        Self {
            seed: 2016,
            kitchens: 100,
            people_per_kitchen: 30,
            cut_date: NaiveDate::from_ymd_opt(2016, 6, 30).expect("valid date"),
        }
    }
}

/// One kitchen row as written.
#[derive(Debug, Clone, PartialEq)]
pub struct KitchenRow {
    /// Kitchen key.
    pub key: String,
    /// Kitchen name.
    pub name: String,
    /// Municipality the kitchen is in.
    pub municipality: MunicipalityKey,
    /// Municipality name as written: upper case without accents.
    pub municipality_written: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Status.
    pub status: KitchenStatus,
    /// Opening date.
    pub opened: NaiveDate,
    /// Committee president's fake name (personal data).
    pub president: String,
    /// Committee president's fake phone (personal data).
    pub phone: String,
}

/// One beneficiary row as written.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    /// Kitchen key.
    pub kitchen: String,
    /// Fake full name.
    pub name: String,
    /// Fake CURP as written, possibly with a planted fault.
    pub curp: String,
    /// Sex.
    pub sex: Sex,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Age on the cut date, when the row gives it.
    pub age: Option<u16>,
    /// Age group of the age on the cut date.
    pub age_group: AgeGroup,
}

/// A fault planted on purpose, where validation must report it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PlantedFault {
    /// Code of the validation rule that must find it.
    pub code: &'static str,
    /// File name.
    pub file: &'static str,
    /// Sheet name.
    pub sheet: &'static str,
    /// A1 cell.
    pub cell: String,
    /// What was planted, in words.
    pub what: String,
}

/// The generated delivery, in memory.
#[derive(Debug, Clone)]
pub struct Example {
    /// The configuration used.
    pub config: ExampleConfig,
    /// Kitchen rows in file order.
    pub kitchens: Vec<KitchenRow>,
    /// Beneficiary rows in file order.
    pub people: Vec<PersonRow>,
    /// The planted faults.
    pub planted: Vec<PlantedFault>,
}

impl Example {
    /// Generates the delivery for `config`.
    #[must_use]
    pub fn build(config: &ExampleConfig) -> Self {
        let places = places::Places::new(Catalog::bundled());
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut kitchens: Vec<KitchenRow> = (1..=config.kitchens)
            .map(|n| places::kitchen(&mut rng, &places, n))
            .collect();
        let mut people = Vec::new();
        for kitchen in &kitchens {
            let n =
                rng.random_range(config.people_per_kitchen / 2..=config.people_per_kitchen * 3 / 2);
            for _ in 0..n {
                people.push(people::person_row(&mut rng, &kitchen.key, config.cut_date));
            }
        }
        let mut example = Self {
            config: config.clone(),
            kitchens: Vec::new(),
            people,
            planted: Vec::new(),
        };
        places::plant_faults(&mut rng, &places, &mut kitchens, &mut example.planted);
        example.kitchens = kitchens;
        example.plant_people_faults(&mut rng);
        example.planted.sort();
        example
    }

    fn plant_people_faults(&mut self, rng: &mut ChaCha8Rng) {
        let mut rows = std::collections::BTreeSet::new();
        while rows.len() < 11 {
            rows.insert(rng.random_range(0..self.people.len()));
        }
        for (i, row) in rows.into_iter().enumerate() {
            let person = &mut self.people[row];
            let fault = if i % 2 == 0 {
                person.curp = people::break_check_digit(&person.curp);
                write::person_fault("CA-P001", row, "curp", "CURP check digit changed".into())
            } else {
                person.kitchen = format!("OAX-9{i:03}");
                let what = format!(
                    "registered at kitchen {}, which is not listed",
                    person.kitchen
                );
                write::person_fault("CA-S002", row, "clave_comedor", what)
            };
            self.planted.push(fault);
        }
    }
}
