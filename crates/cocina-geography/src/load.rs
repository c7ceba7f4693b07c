//! Reading municipalities from a `GeoJSON` `FeatureCollection` (RFC 7946) with
//! INEGI's properties `CVEGEO` and `NOMGEO`.

use std::str::FromStr;

use cocina_model::{Cvegeo, StateKey};
use geo::{BoundingRect, InteriorPoint};
use geo_types::{Geometry, MultiPolygon};
use geojson::{Feature, FeatureCollection};

use crate::aliases::current_name;
use crate::catalog::Municipality;
use crate::error::CatalogError;

/// Reads every feature of a collection as a municipality, in file order.
pub(crate) fn read_municipalities(geojson: &str) -> Result<Vec<Municipality>, CatalogError> {
    let collection =
        FeatureCollection::from_str(geojson).map_err(|source| CatalogError::Parse { source })?;
    if collection.features.is_empty() {
        return Err(CatalogError::Empty);
    }
    collection
        .features
        .into_iter()
        .enumerate()
        .map(|(index, feature)| read_municipality(index + 1, feature))
        .collect()
}

/// Reads one feature; `position` counts from 1.
fn read_municipality(position: usize, feature: Feature) -> Result<Municipality, CatalogError> {
    let cvegeo = read_cvegeo(position, &feature)?;
    let boundary_name = read_text(position, &feature, "NOMGEO")?.to_owned();
    let boundary = read_boundary(position, cvegeo, feature)?;
    let empty = || CatalogError::EmptyGeometry {
        feature: position,
        cvegeo,
    };
    let bbox = boundary.bounding_rect().ok_or_else(empty)?;
    let corners = [bbox.min(), bbox.max()];
    if !corners.iter().all(|c| c.x.is_finite() && c.y.is_finite()) {
        return Err(empty());
    }
    let label_point = boundary.interior_point().ok_or_else(empty)?;
    let key = cvegeo.municipality;
    Ok(Municipality {
        key,
        cvegeo,
        name: current_name(key.value(), &boundary_name).to_owned(),
        boundary_name,
        boundary,
        bbox,
        label_point,
    })
}

/// Reads `CVEGEO` and checks that it is a municipality of Oaxaca.
fn read_cvegeo(position: usize, feature: &Feature) -> Result<Cvegeo, CatalogError> {
    let property = "CVEGEO";
    let text = read_text(position, feature, property)?;
    let cvegeo = Cvegeo::new(text.trim()).map_err(|source| CatalogError::InvalidKey {
        feature: position,
        property,
        source,
    })?;
    if cvegeo.locality.is_some() || cvegeo.state != StateKey::oaxaca() {
        return Err(CatalogError::NotOaxacaMunicipality {
            feature: position,
            cvegeo,
        });
    }
    Ok(cvegeo)
}

fn read_text<'a>(
    position: usize,
    feature: &'a Feature,
    property: &'static str,
) -> Result<&'a str, CatalogError> {
    feature
        .property(property)
        .and_then(|value| value.as_str())
        .ok_or(CatalogError::MissingProperty {
            feature: position,
            property,
        })
}

/// Converts the geometry to a multipolygon; a polygon becomes a
/// multipolygon of one.
fn read_boundary(
    position: usize,
    cvegeo: Cvegeo,
    feature: Feature,
) -> Result<MultiPolygon<f64>, CatalogError> {
    let geometry = feature.geometry.ok_or(CatalogError::MissingGeometry {
        feature: position,
        cvegeo,
    })?;
    let geometry =
        Geometry::<f64>::try_from(geometry).map_err(|source| CatalogError::InvalidGeometry {
            feature: position,
            cvegeo,
            source,
        })?;
    match geometry {
        Geometry::Polygon(polygon) => Ok(MultiPolygon::new(vec![polygon])),
        Geometry::MultiPolygon(multi) => Ok(multi),
        other => Err(CatalogError::NotAnArea {
            feature: position,
            cvegeo,
            found: geometry_type(&other),
        }),
    }
}

/// Returns the `GeoJSON` type name of a geometry that is not an area.
fn geometry_type(geometry: &Geometry<f64>) -> &'static str {
    match geometry {
        Geometry::Point(_) => "Point",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::Line(_) | Geometry::LineString(_) => "LineString",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::GeometryCollection(_) => "GeometryCollection",
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) | Geometry::Rect(_) => "Polygon",
        Geometry::Triangle(_) => "Triangle",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(properties: &str, geometry: &str) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature",
            "properties":{properties},"geometry":{geometry}}}]}}"#
        )
    }

    const SQUARE: &str =
        r#"{"type":"Polygon","coordinates":[[[-97,17],[-96,17],[-96,18],[-97,18],[-97,17]]]}"#;

    #[test]
    fn reads_a_polygon_as_a_municipality() {
        let text = collection(r#"{"CVEGEO":"20067","NOMGEO":"Oaxaca de Juárez"}"#, SQUARE);
        let read = read_municipalities(&text).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].key.as_str(), "067");
        assert_eq!(read[0].boundary.0.len(), 1);
    }

    #[test]
    fn applies_renames_and_keeps_the_boundary_name() {
        let text = collection(r#"{"CVEGEO":"20038","NOMGEO":"Villa Hidalgo"}"#, SQUARE);
        let read = read_municipalities(&text).unwrap();
        assert_eq!(read[0].name, "Villa Hidalgo Yalálag");
        assert_eq!(read[0].boundary_name, "Villa Hidalgo");
    }

    #[test]
    fn reports_what_is_wrong_and_where() {
        let cases = [
            (
                collection(r#"{"NOMGEO":"x"}"#, SQUARE),
                "feature 1: property CVEGEO",
            ),
            (
                collection(r#"{"CVEGEO":"2067","NOMGEO":"x"}"#, SQUARE),
                "not a valid key",
            ),
            (
                collection(r#"{"CVEGEO":"21067","NOMGEO":"x"}"#, SQUARE),
                "not a municipality",
            ),
            (
                collection(r#"{"CVEGEO":"20067","NOMGEO":"x"}"#, "null"),
                "geometry is missing",
            ),
            (
                collection(
                    r#"{"CVEGEO":"20067","NOMGEO":"x"}"#,
                    r#"{"type":"Point","coordinates":[-96,17]}"#,
                ),
                "geometry is a Point",
            ),
            (String::from("[]"), "not a GeoJSON FeatureCollection"),
            (
                String::from(r#"{"type":"FeatureCollection","features":[]}"#),
                "no features",
            ),
        ];
        for (text, expected) in cases {
            let error = read_municipalities(&text).unwrap_err().to_string();
            assert!(error.contains(expected), "{error:?} lacks {expected:?}");
        }
    }
}
