//! Endowments (*dotaciones*): the food the agency supplies per ration and
//! age group, bought through a public tender.

use serde::{Deserialize, Serialize};

use crate::age::AgeGroup;
use crate::source::RowOrigin;

/// A unit of quantity for a product.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Kilograms.
    Kilogram,
    /// Grams.
    Gram,
    /// Litres.
    Litre,
    /// Millilitres.
    Millilitre,
    /// Pieces (*piezas*).
    Piece,
    /// A unit the toolkit does not know, as written.
    Other(String),
}

impl Unit {
    /// Reads unit spellings found in deliveries (`kg`, `kilo`, `g`, `gr`,
    /// `l`, `lt`, `ml`, `pza`, `pieza`…); unknown text becomes
    /// [`Unit::Other`].
    #[must_use]
    pub fn from_spanish(text: &str) -> Self {
        let word = text.trim().trim_end_matches('.').to_lowercase();
        match word.as_str() {
            "kg" | "kgs" | "kilo" | "kilos" | "kilogramo" | "kilogramos" => Unit::Kilogram,
            "g" | "gr" | "grs" | "gramo" | "gramos" => Unit::Gram,
            "l" | "lt" | "lts" | "litro" | "litros" => Unit::Litre,
            "ml" | "mililitro" | "mililitros" => Unit::Millilitre,
            "pza" | "pzas" | "pieza" | "piezas" | "pz" => Unit::Piece,
            _ => Unit::Other(text.trim().to_owned()),
        }
    }
}

/// Energy and macronutrients of a ration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Nutrients {
    /// Energy in kilocalories.
    pub energy_kcal: Option<f64>,
    /// Protein in grams.
    pub protein_g: Option<f64>,
    /// Carbohydrate in grams.
    pub carbohydrate_g: Option<f64>,
    /// Fat in grams.
    pub fat_g: Option<f64>,
}

/// One product line of an endowment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndowmentItem {
    /// Product name (*producto*).
    pub product: String,
    /// Quantity per ration or period.
    pub quantity: f64,
    /// Unit of the quantity.
    pub unit: Unit,
    /// Where the line was read, when it came from a spreadsheet.
    pub origin: Option<RowOrigin>,
}

/// The ration supplied to one age group for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endowment {
    /// Age group the ration is for.
    pub age_group: AgeGroup,
    /// Period the ration covers, as written (*mensual*, `2016-T1`…).
    pub period: Option<String>,
    /// Products and their quantities.
    pub items: Vec<EndowmentItem>,
    /// Energy and macronutrients of the ration.
    pub nutrients: Nutrients,
    /// Supplier named in the tender result.
    pub supplier: Option<String>,
    /// Tender (*licitación*) identifier.
    pub tender: Option<String>,
}
