//! Kitchens (*cocinas comedor nutricional comunitarias*).

use std::fmt;

use chrono::NaiveDate;
use geo_types::Point;
use serde::{Deserialize, Serialize};

use crate::keys::{KitchenKey, LocalityKey, MunicipalityKey, StateKey};
use crate::personal::{PersonName, PhoneNumber};
use crate::source::RowOrigin;

/// Whether a kitchen is running (*estatus*).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum KitchenStatus {
    /// Serving meals (*en operación*, *activa*). Kitchens lists without a
    /// status column list kitchens in operation, so this is the default.
    #[default]
    Operating,
    /// Temporarily not serving (*suspendida*).
    Suspended,
    /// Closed for good (*cerrada*, *baja*).
    Closed,
}

impl KitchenStatus {
    /// All values, in publication order.
    pub const ALL: [KitchenStatus; 3] = [
        KitchenStatus::Operating,
        KitchenStatus::Suspended,
        KitchenStatus::Closed,
    ];

    /// Reads the status words found in deliveries; `None` for anything else.
    #[must_use]
    pub fn from_spanish(text: &str) -> Option<Self> {
        let word = text.trim().to_lowercase();
        let word = word.replace(['ó', 'Ó'], "o");
        match word.as_str() {
            "operando" | "en operacion" | "operacion" | "activa" | "activo" | "abierta"
            | "operating" => Some(KitchenStatus::Operating),
            "suspendida" | "suspendido" | "suspension" | "inactiva" | "suspended" => {
                Some(KitchenStatus::Suspended)
            }
            "cerrada" | "cerrado" | "baja" | "clausurada" | "closed" => Some(KitchenStatus::Closed),
            _ => None,
        }
    }

    /// Returns the Spanish word shown to citizens.
    #[must_use]
    pub fn spanish(self) -> &'static str {
        match self {
            KitchenStatus::Operating => "En operación",
            KitchenStatus::Suspended => "Suspendida",
            KitchenStatus::Closed => "Cerrada",
        }
    }

    /// Returns the English word.
    #[must_use]
    pub fn english(self) -> &'static str {
        match self {
            KitchenStatus::Operating => "Operating",
            KitchenStatus::Suspended => "Suspended",
            KitchenStatus::Closed => "Closed",
        }
    }
}

impl fmt::Display for KitchenStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KitchenStatus::Operating => "operating",
            KitchenStatus::Suspended => "suspended",
            KitchenStatus::Closed => "closed",
        })
    }
}

/// A role in the kitchen's committee (*comité*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitteeRole {
    /// *Presidenta*.
    President,
    /// *Secretaria*.
    Secretary,
    /// *Tesorera*.
    Treasurer,
    /// Any other member (*vocal*).
    Member,
}

/// How to reach the kitchen's committee. Published output names only the
/// role; name and phone are personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeContact {
    /// The role in the committee.
    pub role: CommitteeRole,
    /// The member's name (personal data).
    pub name: Option<PersonName>,
    /// The member's phone (personal data).
    pub phone: Option<PhoneNumber>,
}

/// One kitchen as listed in a delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kitchen {
    /// The agency's key.
    pub key: KitchenKey,
    /// The kitchen's name.
    pub name: String,
    /// State; Oaxaca for this program.
    pub state: StateKey,
    /// Municipality key, when given or resolved from the name.
    pub municipality: Option<MunicipalityKey>,
    /// Municipality name as written in the delivery.
    pub municipality_name: Option<String>,
    /// Locality key, when given.
    pub locality: Option<LocalityKey>,
    /// Locality name as written in the delivery.
    pub locality_name: Option<String>,
    /// Region name as written in the delivery.
    pub region_name: Option<String>,
    /// Street address of the kitchen's premises.
    pub address: Option<String>,
    /// Location as read: `x` is longitude, `y` latitude, WGS84 degrees.
    /// Not yet checked; validation says whether it is plausible.
    pub location: Option<Point<f64>>,
    /// Operating status.
    pub status: KitchenStatus,
    /// Date the kitchen opened.
    pub opened: Option<NaiveDate>,
    /// Date the kitchen closed.
    pub closed: Option<NaiveDate>,
    /// Declared number of people it can serve.
    pub capacity: Option<u32>,
    /// Committee contacts by role.
    pub contacts: Vec<CommitteeContact>,
    /// Where the kitchen was read.
    pub origin: RowOrigin,
}
