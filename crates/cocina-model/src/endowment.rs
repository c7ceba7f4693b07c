//! Endowments (*dotaciones*): the food the agency supplies per ration and
//! age group, bought through a public tender.

use serde::{Deserialize, Serialize};

use crate::age::AgeGroup;
use crate::keys::KitchenKey;
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
    /// Cans (*latas*).
    Can,
    /// Packages (*paquetes*).
    Package,
    /// A unit the toolkit does not know, as written.
    Other(String),
}

impl Unit {
    /// Reads unit spellings found in deliveries (`kg`, `kilo`, `g`, `gr`,
    /// `l`, `lt`, `ml`, `pza`, `pieza`, `lata`, `paq`, `paquete`…); unknown
    /// text becomes [`Unit::Other`].
    ///
    /// ```
    /// use cocina_model::Unit;
    ///
    /// assert_eq!(Unit::from_spanish("KG."), Unit::Kilogram);
    /// assert_eq!(Unit::from_spanish("Paquetes"), Unit::Package);
    /// assert_eq!(Unit::from_spanish("costal"), Unit::Other("costal".into()));
    /// ```
    #[must_use]
    pub fn from_spanish(text: &str) -> Self {
        let word = text.trim().trim_end_matches('.').to_lowercase();
        match word.as_str() {
            "lata" | "latas" | "lta" => Unit::Can,
            "paq" | "paqs" | "paquete" | "paquetes" | "pqt" | "pte" => Unit::Package,
            "kg" | "kgs" | "kilo" | "kilos" | "kilogramo" | "kilogramos" => Unit::Kilogram,
            "g" | "gr" | "grs" | "gramo" | "gramos" => Unit::Gram,
            "l" | "lt" | "lts" | "litro" | "litros" => Unit::Litre,
            "ml" | "mililitro" | "mililitros" => Unit::Millilitre,
            "pza" | "pzas" | "pieza" | "piezas" | "pz" => Unit::Piece,
            _ => Unit::Other(text.trim().to_owned()),
        }
    }

    /// Returns the unit's code in the canonical delivery format (`KG`,
    /// `G`, `L`, `ML`, `PZA`, `LATA`, `PAQ`), or the text of an unknown
    /// unit as written.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Unit::Kilogram => "KG",
            Unit::Gram => "G",
            Unit::Litre => "L",
            Unit::Millilitre => "ML",
            Unit::Piece => "PZA",
            Unit::Can => "LATA",
            Unit::Package => "PAQ",
            Unit::Other(text) => text,
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
    /// Energy and macronutrients of this quantity of the product.
    #[serde(default)]
    pub nutrients: Nutrients,
    /// Supplier of this product, when the delivery names one per line.
    #[serde(default)]
    pub supplier: Option<String>,
    /// Tender this product was bought through, when given per line.
    #[serde(default)]
    pub tender: Option<String>,
    /// Where the line was read, when it came from a spreadsheet.
    pub origin: Option<RowOrigin>,
}

/// The ration supplied to one age group for one period: program-wide, or
/// for one kitchen when `kitchen` is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endowment {
    /// The kitchen this ration is for; `None` for the whole program.
    #[serde(default)]
    pub kitchen: Option<KitchenKey>,
    /// Age group the ration is for.
    pub age_group: AgeGroup,
    /// Period the ration covers, as written (*mensual*, `2016-T1`…).
    pub period: Option<String>,
    /// Products and their quantities.
    pub items: Vec<EndowmentItem>,
    /// Energy and macronutrients of the ration: the sum of its items'.
    pub nutrients: Nutrients,
    /// Supplier named in the tender result, when every item names the
    /// same one.
    pub supplier: Option<String>,
    /// Tender (*licitación*) identifier, when every item names the same
    /// one.
    pub tender: Option<String>,
}

impl Nutrients {
    /// Adds `other` to these nutrients: a value is the sum of those given,
    /// `None` only when neither gives it.
    pub fn add(&mut self, other: &Nutrients) {
        let sum = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        self.energy_kcal = sum(self.energy_kcal, other.energy_kcal);
        self.protein_g = sum(self.protein_g, other.protein_g);
        self.carbohydrate_g = sum(self.carbohydrate_g, other.carbohydrate_g);
        self.fat_g = sum(self.fat_g, other.fat_g);
    }
}
