//! Latitude/longitude boxes, and the box around the state of Oaxaca.
//!
//! Coordinates are WGS84 decimal degrees. Points are `geo_types::Point` with
//! `x` = longitude and `y` = latitude, the order `GeoJSON` (RFC 7946) uses.

use geo_types::{Point, Rect, coord};

/// A box in latitude and longitude, in decimal degrees, edges included.
///
/// Written with named fields so that nobody has to remember which of the
/// two axes comes first: spreadsheets give latitude first, `GeoJSON` gives
/// longitude first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLonBox {
    /// Southern edge (smallest latitude).
    pub lat_min: f64,
    /// Northern edge (largest latitude).
    pub lat_max: f64,
    /// Western edge (smallest longitude; negative in Mexico).
    pub lon_min: f64,
    /// Eastern edge (largest longitude).
    pub lon_max: f64,
}

impl LatLonBox {
    /// Returns whether a latitude and longitude lie in the box; a NaN is
    /// never inside.
    #[must_use]
    pub fn contains_lat_lon(&self, lat: f64, lon: f64) -> bool {
        (self.lat_min..=self.lat_max).contains(&lat) && (self.lon_min..=self.lon_max).contains(&lon)
    }

    /// Returns whether a point (`x` = longitude, `y` = latitude) lies in
    /// the box.
    #[must_use]
    pub fn contains(&self, point: Point<f64>) -> bool {
        self.contains_lat_lon(point.y(), point.x())
    }

    /// Returns the box as a `geo_types::Rect` (`x` = longitude).
    #[must_use]
    pub fn to_rect(&self) -> Rect<f64> {
        Rect::new(
            coord! { x: self.lon_min, y: self.lat_min },
            coord! { x: self.lon_max, y: self.lat_max },
        )
    }
}

/// The box around the state of Oaxaca with a small margin: latitude 15.6 to
/// 18.7, longitude −98.6 to −93.8.
///
/// The municipal boundaries span latitude 15.657–18.670 and longitude
/// −98.553…−93.867; the margin of a few kilometres keeps points on the
/// coast and the state line inside. A point outside this box is certainly
/// not in Oaxaca, which makes the box a cheap first check for faulty
/// coordinates (a longitude without its minus sign, latitude and longitude
/// swapped).
pub const OAXACA_BOUNDS: LatLonBox = LatLonBox {
    lat_min: 15.6,
    lat_max: 18.7,
    lon_min: -98.6,
    lon_max: -93.8,
};

/// Returns whether a point (`x` = longitude, `y` = latitude) lies in
/// [`OAXACA_BOUNDS`].
///
/// ```
/// use cocina_geography::in_state_box;
/// use geo_types::Point;
///
/// assert!(in_state_box(Point::new(-96.7266, 17.0606))); // Oaxaca de Juárez
/// assert!(!in_state_box(Point::new(96.7266, 17.0606))); // minus sign lost
/// assert!(!in_state_box(Point::new(17.0606, -96.7266))); // swapped
/// ```
#[must_use]
pub fn in_state_box(point: Point<f64>) -> bool {
    OAXACA_BOUNDS.contains(point)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_are_inside_and_nan_is_outside() {
        assert!(OAXACA_BOUNDS.contains_lat_lon(15.6, -98.6));
        assert!(OAXACA_BOUNDS.contains_lat_lon(18.7, -93.8));
        assert!(!OAXACA_BOUNDS.contains_lat_lon(f64::NAN, -96.0));
        assert!(!OAXACA_BOUNDS.contains_lat_lon(17.0, f64::INFINITY));
    }

    #[test]
    fn rect_keeps_longitude_as_x() {
        let rect = OAXACA_BOUNDS.to_rect();
        assert!((rect.min().x - -98.6).abs() < f64::EPSILON);
        assert!((rect.max().y - 18.7).abs() < f64::EPSILON);
    }
}
