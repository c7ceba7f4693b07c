//! Deliveries (*entregas*): what the agency handed over on one date in
//! answer to one transparency request.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::Sha256Hex;

/// One item the request asked for, and whether it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedItem {
    /// The item's wording in the request.
    pub description: String,
    /// Whether the delivery included it.
    pub received: bool,
    /// Files of the delivery that answer it.
    #[serde(default)]
    pub files: Vec<String>,
}

/// A file of the delivery.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryFile {
    /// Path relative to the delivery directory.
    pub path: String,
    /// Digest of its bytes.
    pub sha256: Option<Sha256Hex>,
    /// The file's own name in the delivery directory, when `path` differs
    /// from it because the name looked like personal data (a CURP, a
    /// phone). Only for opening the file; never written anywhere.
    #[serde(skip)]
    pub stored_as: Option<String>,
}

// By hand, so that a withheld file name never reaches a log line.
impl std::fmt::Debug for DeliveryFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeliveryFile")
            .field("path", &self.path)
            .field("sha256", &self.sha256)
            .field("stored_as", &self.stored_as.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// A delivery of the agency's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// Stable identifier, such as `entrega-2016`.
    pub id: String,
    /// Date the delivery was received.
    pub received: Option<NaiveDate>,
    /// Date the data refers to (*fecha de corte*); ages are counted on it.
    pub cut_date: Option<NaiveDate>,
    /// Folio of the information request it answers.
    pub request: Option<String>,
    /// What the request asked for.
    pub items: Vec<RequestedItem>,
    /// The delivery's files.
    pub files: Vec<DeliveryFile>,
}
