//! Oaxaca's 570 municipalities: keys, names, boundaries, name matching and
//! point checks.
//!
//! The crate bundles INEGI's municipal boundaries for Oaxaca (*Fuente: INEGI,
//! Marco Geoestadístico*, 2019, simplified to 50 m; see `data/README.md`)
//! and answers the questions an import of the agency's spreadsheets asks:
//!
//! - which municipality a key or a name designates, however a spreadsheet
//!   spelled it ([`Catalog::resolve`], [`Catalog::resolve_name`] giving a
//!   [`NameMatch`]; the rules are in [`names`]);
//! - which municipality a point lies in ([`Catalog::municipality_at`]) and
//!   how far a point is from a given one ([`Catalog::distance_km`]);
//! - whether a point is in the state at all ([`in_state_box`] with
//!   [`OAXACA_BOUNDS`]), a cheap first check for coordinates that lost
//!   their minus sign or were swapped.
//!
//! Facts that are not bundled (district, region, census population,
//! CONAPO marginalization, localities) are read from a directory the user
//! supplies, by [`reference::Reference::load`].
//!
//! [`Catalog::bundled`] parses the bundled boundaries once per process and
//! shares them. Each [`Municipality`] carries its INEGI keys
//! ([`cocina_model::MunicipalityKey`], [`cocina_model::Cvegeo`]), its current
//! official name, its boundary in WGS84 and a label point. Points are
//! `geo_types::Point` with `x` = longitude and `y` = latitude, as in `GeoJSON`
//! (RFC 7946).
//!
//! # Example
//!
//! ```
//! use cocina_geography::{Catalog, NameMatch};
//! use cocina_model::MunicipalityKey;
//! use geo_types::Point;
//!
//! let catalog = Catalog::bundled();
//! assert_eq!(catalog.municipalities().len(), 570);
//!
//! // A spreadsheet's spelling: upper case, no accents, abbreviated, no title.
//! let key = catalog.resolve_name("STO. DGO. TEHUANTEPEC").found().unwrap();
//! let tehuantepec = catalog.get(key).unwrap();
//! assert_eq!(tehuantepec.name, "Santo Domingo Tehuantepec");
//!
//! // Two municipalities share this name: the caller has to choose.
//! let both = catalog.resolve_name("san pedro mixtepec");
//! assert!(matches!(both, NameMatch::Ambiguous(keys) if keys.len() == 2));
//!
//! // The city centre of Oaxaca de Juárez (key 067).
//! let centre = Point::new(-96.7253, 17.0606);
//! let oaxaca = MunicipalityKey::from_number(67).unwrap();
//! assert_eq!(catalog.municipality_at(centre).unwrap().key, oaxaca);
//! assert_eq!(catalog.distance_km(centre, oaxaca), Some(0.0));
//! assert!(catalog.distance_km(centre, key).unwrap() > 100.0);
//! ```

mod aliases;
mod bounds;
mod catalog;
mod distance;
mod error;
mod load;
pub mod names;
pub mod reference;

pub use bounds::{LatLonBox, OAXACA_BOUNDS, in_state_box};
pub use catalog::{Catalog, Municipality};
pub use error::CatalogError;
pub use names::NameMatch;
