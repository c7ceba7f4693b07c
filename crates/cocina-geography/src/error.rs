//! Why a boundary file could not become a catalog.

use cocina_model::{Cvegeo, KeyError};

/// Why a `GeoJSON` boundary file could not be read as a catalog of Oaxaca's
/// municipalities.
///
/// `feature` fields give the position of the feature in the collection,
/// counting from 1.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// The text is not a `GeoJSON` `FeatureCollection`.
    #[error("boundaries are not a GeoJSON FeatureCollection")]
    Parse {
        /// What the `GeoJSON` reader reported, with the line and column.
        #[source]
        source: geojson::Error,
    },
    /// The collection has no features.
    #[error("boundary collection has no features")]
    Empty,
    /// A property is missing or is not text.
    #[error("feature {feature}: property {property} is missing or not text")]
    MissingProperty {
        /// Position of the feature, from 1.
        feature: usize,
        /// The property expected.
        property: &'static str,
    },
    /// A property holds no valid INEGI key.
    #[error("feature {feature}: property {property} is not a valid key")]
    InvalidKey {
        /// Position of the feature, from 1.
        feature: usize,
        /// The property read.
        property: &'static str,
        /// Why the key is invalid.
        #[source]
        source: KeyError,
    },
    /// The key is a locality key, or a municipality of another state.
    #[error("feature {feature}: {cvegeo} is not a municipality of Oaxaca (state 20)")]
    NotOaxacaMunicipality {
        /// Position of the feature, from 1.
        feature: usize,
        /// The key found.
        cvegeo: Cvegeo,
    },
    /// The same municipality appears twice.
    #[error("feature {feature}: municipality {cvegeo} appears a second time")]
    DuplicateKey {
        /// Position of the second feature, from 1.
        feature: usize,
        /// The repeated key.
        cvegeo: Cvegeo,
    },
    /// The feature has no geometry.
    #[error("feature {feature} ({cvegeo}): geometry is missing")]
    MissingGeometry {
        /// Position of the feature, from 1.
        feature: usize,
        /// The municipality.
        cvegeo: Cvegeo,
    },
    /// The geometry cannot be converted to coordinates.
    #[error("feature {feature} ({cvegeo}): geometry cannot be read")]
    InvalidGeometry {
        /// Position of the feature, from 1.
        feature: usize,
        /// The municipality.
        cvegeo: Cvegeo,
        /// What the `GeoJSON` reader reported.
        #[source]
        source: geojson::Error,
    },
    /// The geometry is not an area.
    #[error("feature {feature} ({cvegeo}): geometry is a {found}, not a (Multi)Polygon")]
    NotAnArea {
        /// Position of the feature, from 1.
        feature: usize,
        /// The municipality.
        cvegeo: Cvegeo,
        /// The geometry type found.
        found: &'static str,
    },
    /// The geometry has no coordinates, or coordinates that are not finite.
    #[error("feature {feature} ({cvegeo}): geometry is empty or has non-finite coordinates")]
    EmptyGeometry {
        /// Position of the feature, from 1.
        feature: usize,
        /// The municipality.
        cvegeo: Cvegeo,
    },
}
