//! Beneficiaries: the people a kitchen feeds, one record each, or counts per
//! kitchen when a delivery comes pre-aggregated.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::age::AgeGroup;
use crate::curp::{Curp, CurpError};
use crate::keys::KitchenKey;
use crate::personal::{BirthDate, PersonName};
use crate::source::RowOrigin;

/// Sex as recorded by the agency and in the CURP.
///
/// Spreadsheets write `M` for *mujer* (woman) and `H` for *hombre* (man);
/// `M` never means male here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// *Mujer*.
    Female,
    /// *Hombre*.
    Male,
    /// Non-binary, CURP marker `X`.
    NonBinary,
}

impl Sex {
    /// All values, in publication order.
    pub const ALL: [Sex; 3] = [Sex::Female, Sex::Male, Sex::NonBinary];

    /// Reads the spellings found in deliveries: `M`, `MUJER`, `F`,
    /// `FEMENINO`; `H`, `HOMBRE`, `MASCULINO`; `X`. Case and accents are
    /// ignored; anything else is `None`.
    #[must_use]
    pub fn from_spanish(text: &str) -> Option<Self> {
        match text.trim().to_uppercase().as_str() {
            "M" | "MUJER" | "F" | "FEMENINO" | "FEM" | "MUJERES" => Some(Sex::Female),
            "H" | "HOMBRE" | "MASCULINO" | "MASC" | "HOMBRES" => Some(Sex::Male),
            "X" | "NO BINARIO" | "NO BINARIA" => Some(Sex::NonBinary),
            _ => None,
        }
    }

    /// Returns the Spanish word, as shown to citizens.
    #[must_use]
    pub fn spanish(self) -> &'static str {
        match self {
            Sex::Female => "Mujeres",
            Sex::Male => "Hombres",
            Sex::NonBinary => "No binario",
        }
    }

    /// Returns the English word.
    #[must_use]
    pub fn english(self) -> &'static str {
        match self {
            Sex::Female => "Women",
            Sex::Male => "Men",
            Sex::NonBinary => "Non-binary",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::NonBinary => "non_binary",
        })
    }
}

/// Priority groups of the program besides age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityGroup {
    /// Pregnant or breastfeeding woman (*mujer embarazada o en lactancia*).
    PregnantOrBreastfeeding,
    /// Person with a disability (*persona con discapacidad*).
    Disability,
}

/// A CURP cell as read: valid, or the reason it is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurpField {
    /// A valid CURP.
    Valid(Curp),
    /// The cell held something that is not a valid CURP; the value itself is
    /// not kept.
    Invalid(CurpError),
}

/// One person registered at a kitchen (*beneficiario*).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Beneficiary {
    /// Kitchen the person is registered at.
    pub kitchen: KitchenKey,
    /// Sex, if recorded and recognised.
    pub sex: Option<Sex>,
    /// Age in whole years, as recorded or derived from the birth date.
    pub age: Option<u16>,
    /// Birth date (personal data).
    pub birth_date: Option<BirthDate>,
    /// Age group, as recorded or derived from the age.
    pub age_group: AgeGroup,
    /// Priority groups other than age, when the delivery gives them.
    pub priority: Vec<PriorityGroup>,
    /// Date the person was registered.
    pub registered: Option<NaiveDate>,
    /// Full name (personal data).
    pub name: Option<PersonName>,
    /// CURP cell (personal data).
    pub curp: Option<CurpField>,
    /// Where the record was read.
    pub origin: RowOrigin,
}

/// A count of beneficiaries at one kitchen for one sex and age group, for
/// deliveries that give counts rather than people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BeneficiaryCount {
    /// The kitchen.
    pub kitchen: KitchenKey,
    /// Sex, or `None` for a count over all sexes.
    pub sex: Option<Sex>,
    /// Age group.
    pub age_group: AgeGroup,
    /// Number of people.
    pub count: u32,
    /// Where the count was read.
    pub origin: RowOrigin,
}
