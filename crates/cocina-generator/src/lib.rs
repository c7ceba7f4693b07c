//! Deterministic generator of Cocina Abierta's example delivery.
//!
//! It writes `examples/entrega-2016/`, shaped like what the agency really
//! delivered: a kitchens list as `.xls` with one sheet per operative zone,
//! title rows, upper-case names without accents and the municipality merged
//! down over its kitchens; a beneficiary register of about 130,000 fake
//! people as `.xlsx`; an endowments table; and the manifest. Kitchens sit at
//! points inside real Oaxaca municipalities, people have fake names and fake
//! CURPs, and a documented set of faults is planted. Everything comes from
//! one seed, so the same version writes the same data, and
//! [`Example::planted`] tells tests exactly which faults validation must
//! find. The notes listing those faults ([`example_notes`]) go beside the
//! delivery, in `examples/entrega-2016.md` ([`notes_path`]), not inside it,
//! where the importer would list them as one of the agency's documents.
//!
//! No Rust crate writes `.xls`, so the generator writes the kitchens list as
//! a JSON spec (cells, styles and merged regions) and the committed script
//! `scripts/xls_from_spec.py` (Python package `xlwt`) turns it into the
//! workbook:
//!
//! ```sh
//! cargo run --release -p cocina-generator --bin cocina-generate -- examples/entrega-2016
//! python3 scripts/xls_from_spec.py target/comedores_2016.xls.json examples/entrega-2016/comedores_2016.xls
//! ```
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

mod endowments;
mod faults;
mod layout;
mod people;
mod places;
mod readme;
mod synthetic;
mod write;
mod xls;

use chrono::NaiveDate;
use cocina_geography::Catalog;
use cocina_model::{AgeGroup, KitchenStatus, MunicipalityKey, Sex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

pub use endowments::{ENDOWMENTS_FILE, EndowmentRow};
pub use layout::{KitchenPlace, ZONES};
pub use readme::{example_notes, notes_path};
pub use synthetic::{
    CANONICAL_KITCHENS, CANONICAL_REGISTER, SYNTHETIC_KITCHENS_XLSX, SYNTHETIC_REGISTER_XLSX,
    SyntheticConfig, SyntheticError, SyntheticFiles, SyntheticFormat, write_synthetic,
};
pub use write::{BENEFICIARIES_FILE, KITCHENS_FILE, MANIFEST_FILE, write_example};
pub use xls::{XLS_SPEC_FILE, xls_spec};

/// What to generate.
#[derive(Debug, Clone)]
pub struct ExampleConfig {
    /// Seed of the random generator.
    pub seed: u64,
    /// Kitchens, before the planted duplicates.
    pub kitchens: usize,
    /// Average beneficiaries per kitchen in operation; closed and suspended
    /// kitchens have none.
    pub people_per_kitchen: usize,
    /// The register's cut date: ages are counted on it.
    pub cut_date: NaiveDate,
}

impl Default for ExampleConfig {
    fn default() -> Self {
        Self {
            seed: 2016,
            kitchens: 2_300,
            people_per_kitchen: 63,
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
    /// Operative zone, 1 to [`ZONES`]: the sheet the kitchen is listed on.
    pub zone: u8,
    /// Latitude as written.
    pub lat: f64,
    /// Longitude as written.
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
    /// Sheet name; empty for a fault of the manifest.
    pub sheet: String,
    /// A1 cell; empty for a fault of the manifest.
    pub cell: String,
    /// What was planted, in words.
    pub what: String,
}

/// The generated delivery, in memory.
#[derive(Debug, Clone)]
pub struct Example {
    /// The configuration used.
    pub config: ExampleConfig,
    /// Kitchen rows in file order: zone by zone, then by municipality.
    pub kitchens: Vec<KitchenRow>,
    /// Beneficiary rows in file order.
    pub people: Vec<PersonRow>,
    /// Endowment rows in file order.
    pub endowments: Vec<EndowmentRow>,
    /// The planted faults, by rule, file and sheet, then row and column.
    pub planted: Vec<PlantedFault>,
}

impl Example {
    /// Generates the delivery for `config`.
    #[must_use]
    pub fn build(config: &ExampleConfig) -> Self {
        let places = places::Places::new(Catalog::bundled());
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut kitchens = places::kitchens(&mut rng, &places, config.kitchens);
        let mut plan = faults::Plan::default();
        plan.kitchens(&mut rng, &places, &mut kitchens);
        let mut people = Vec::new();
        let mut curps = std::collections::HashSet::new();
        let mut seen = std::collections::HashSet::new();
        for kitchen in &kitchens {
            // A key listed twice (a planted fault) has one register.
            if kitchen.status != KitchenStatus::Operating || !seen.insert(kitchen.key.as_str()) {
                continue;
            }
            let half = config.people_per_kitchen / 2;
            for _ in 0..rng.random_range(half..=config.people_per_kitchen + half) {
                let person = loop {
                    let p = people::person_row(&mut rng, &kitchen.key, config.cut_date);
                    if curps.insert(p.curp.clone()) {
                        break p;
                    }
                };
                people.push(person);
            }
        }
        plan.people(&mut rng, &mut people);
        let layout = layout::KitchensLayout::new(&kitchens);
        let planted = plan.into_faults(&layout);
        Self {
            config: config.clone(),
            kitchens,
            people,
            endowments: endowments::rows(),
            planted,
        }
    }

    /// Where each kitchen row is written, in the order of
    /// [`Example::kitchens`].
    #[must_use]
    pub fn kitchen_places(&self) -> Vec<KitchenPlace> {
        layout::KitchensLayout::new(&self.kitchens).places()
    }
}
