//! Readers for the agency's spreadsheets (.xlsx, .xls, .ods, .csv) into the
//! Cocina Abierta model.
//!
//! [`import_delivery`] reads every file of a delivery directory, recognises
//! each sheet as a kitchens list or a beneficiary register by its header, and
//! returns an [`ImportedDelivery`]: the records, each with the file, sheet and
//! cell it came from, and the [`ImportIssue`]s met on the way.

mod issue;

use std::path::Path;

use cocina_model::{Beneficiary, BeneficiaryCount, Delivery, Endowment, Kitchen};
use serde::Serialize;

pub use issue::{ImportIssue, IssueKind};

/// Everything read from one delivery directory.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedDelivery {
    /// The delivery's metadata and files.
    pub delivery: Delivery,
    /// Kitchens, in file order.
    pub kitchens: Vec<Kitchen>,
    /// Beneficiaries, one per person, in file order.
    pub beneficiaries: Vec<Beneficiary>,
    /// Beneficiary counts, for deliveries that give counts.
    pub counts: Vec<BeneficiaryCount>,
    /// Endowments.
    pub endowments: Vec<Endowment>,
    /// Problems met while reading.
    pub issues: Vec<ImportIssue>,
}
