//! Domain types of Cocina Abierta, the open-data toolkit for Oaxaca's
//! community kitchens program (*Cocinas Comedor Nutricional Comunitarias*).
//!
//! The crate has no I/O. Its types are shared by the importers, validation,
//! aggregation, publication and the portal:
//!
//! - [`keys`]: INEGI keys ([`StateKey`], [`MunicipalityKey`],
//!   [`LocalityKey`], [`Cvegeo`]) and the agency's [`KitchenKey`], checked and
//!   zero-padded at construction;
//! - [`Kitchen`], [`Beneficiary`], [`BeneficiaryCount`], [`Endowment`],
//!   [`Document`] and [`Delivery`]: what a delivery holds;
//! - [`Curp`]: the national personal identifier, validated down to its check
//!   digit;
//! - [`personal`]: personal data in types whose `Display` and `Debug` never
//!   show the value;
//! - [`PublicText`]: free text that may be published, screened once at
//!   import for personal data, hidden characters and length;
//! - [`AgeBins`]: the age groups counts are made in;
//! - [`RowOrigin`] and [`SourceRef`]: the file, sheet and cell every imported
//!   value came from;
//! - [`Lang`] and [`Severity`], shared by every crate that speaks to people,
//!   and [`text::fold`] for matching what people typed.
//!
//! # Example
//!
//! ```
//! use cocina_model::{AgeBins, Curp, MunicipalityKey, Sex};
//!
//! // A spreadsheet stored the municipality key 067 as the number 67.
//! let key = MunicipalityKey::from_number(67).unwrap();
//! assert_eq!(key.as_str(), "067");
//!
//! let curp = Curp::new("UOPP150412MOCNRRA6").unwrap();
//! assert_eq!(curp.sex(), Sex::Female);
//! assert_eq!(curp.to_string(), "[redacted CURP]");
//!
//! let bins = AgeBins::default();
//! assert_eq!(bins.classify(Some(8)).to_string(), "6-12");
//! ```

pub mod age;
pub mod beneficiary;
pub mod curp;
pub mod delivery;
pub mod document;
pub mod endowment;
pub mod keys;
pub mod kitchen;
pub mod language;
pub mod personal;
pub mod public;
pub mod source;
pub mod text;

pub use age::{AgeBins, AgeGroup};
pub use beneficiary::{Beneficiary, BeneficiaryCount, CurpField, PriorityGroup, Sex};
pub use curp::{CharClass, Curp, CurpError};
pub use delivery::{Delivery, DeliveryFile, RequestedItem};
pub use document::{Document, DocumentKind, Sha256Hex};
pub use endowment::{Endowment, EndowmentItem, Nutrients, Unit};
pub use keys::{Cvegeo, KeyError, KitchenKey, LocalityKey, MunicipalityKey, StateKey};
pub use kitchen::{CommitteeContact, CommitteeRole, Kitchen, KitchenStatus};
pub use language::{Lang, Severity};
pub use personal::{Address, BirthDate, PersonName, PhoneNumber};
pub use public::{PersonalShape, PublicText, Screening};
pub use source::{CellRef, ColumnMap, RowOrigin, SourceRef};
