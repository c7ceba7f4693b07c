//! Distances from a point to a boundary, in kilometres.
//!
//! Coordinates are projected on the plane tangent to the Earth at the query
//! point (equirectangular: longitude scaled by the cosine of the latitude,
//! on a sphere of mean radius). Against the geodesic distance on the WGS84
//! ellipsoid the error is about half a percent from the sphere itself,
//! plus a projection error that grows with the square of the distance; it
//! stays within 1% up to 100 km at Oaxaca's latitudes, which is what
//! checking a kitchen against its municipality needs. It avoids a geodesic
//! computation per segment.

use geo::LinesIter;
use geo_types::{Coord, MultiPolygon, Point};

/// Mean radius of the Earth (IUGG), in kilometres.
const EARTH_RADIUS_KM: f64 = 6_371.008_8;

/// Returns the distance in kilometres from a point to the nearest edge of a
/// boundary (its outer or inner rings), whether the point is inside or not;
/// infinity for a boundary without edges.
pub(crate) fn km_to_boundary(boundary: &MultiPolygon<f64>, point: Point<f64>) -> f64 {
    let km_per_degree = EARTH_RADIUS_KM.to_radians();
    let scale = Coord {
        x: km_per_degree * point.y().to_radians().cos(),
        y: km_per_degree,
    };
    let to_plane = |c: Coord<f64>| Coord {
        x: (c.x - point.x()) * scale.x,
        y: (c.y - point.y()) * scale.y,
    };
    boundary
        .lines_iter()
        .map(|line| distance_to_origin(to_plane(line.start), to_plane(line.end)))
        .fold(f64::INFINITY, f64::min)
}

/// Returns the distance from the origin to the segment from `a` to `b`.
fn distance_to_origin(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let d = b - a;
    let length_squared = d.x * d.x + d.y * d.y;
    let t = if length_squared > 0.0 {
        (-(a.x * d.x + a.y * d.y) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let nearest = a + d * t;
    nearest.x.hypot(nearest.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::polygon;

    #[test]
    fn one_hundredth_of_a_degree_north_is_about_1_1_km() {
        let square = MultiPolygon::new(vec![polygon![
            (x: -96.0, y: 17.0), (x: -95.9, y: 17.0), (x: -95.9, y: 17.1), (x: -96.0, y: 17.1)
        ]]);
        let km = km_to_boundary(&square, Point::new(-95.95, 17.11));
        assert!((km - 1.111_95).abs() < 1e-3, "{km}");
    }

    #[test]
    fn longitude_shrinks_with_the_cosine_of_latitude() {
        let square = MultiPolygon::new(vec![polygon![
            (x: -96.0, y: 17.0), (x: -95.9, y: 17.0), (x: -95.9, y: 17.1), (x: -96.0, y: 17.1)
        ]]);
        let km = km_to_boundary(&square, Point::new(-95.89, 17.05));
        let expected = 1.111_95 * 17.05_f64.to_radians().cos();
        assert!((km - expected).abs() < 1e-3, "{km} vs {expected}");
    }

    #[test]
    fn agrees_with_the_geodesic_distance_within_one_percent() {
        use geo::{Distance, Geodesic};
        let point = Point::new(-96.7, 17.0);
        for (dx, dy) in [(0.4, 0.3), (0.0, 0.9), (0.9, 0.0), (-0.6, -0.6)] {
            let (x, y) = (-96.7 + dx, 17.0 + dy);
            // A square whose corner nearest to the point is (x, y).
            let (sx, sy) = (0.1_f64.copysign(dx), 0.1_f64.copysign(dy));
            let square = MultiPolygon::new(vec![polygon![
                (x: x, y: y), (x: x + sx, y: y), (x: x + sx, y: y + sy), (x: x, y: y + sy)
            ]]);
            let km = km_to_boundary(&square, point);
            let geodesic_km = Geodesic.distance(point, Point::new(x, y)) / 1000.0;
            let error = (km - geodesic_km).abs() / geodesic_km;
            assert!(error < 0.01, "{km} vs {geodesic_km} km");
        }
    }

    #[test]
    fn nearest_corner_counts_when_no_edge_is_closer() {
        let km = distance_to_origin(Coord { x: 3.0, y: 4.0 }, Coord { x: 6.0, y: 8.0 });
        assert!((km - 5.0).abs() < 1e-12);
        let km = distance_to_origin(Coord { x: 3.0, y: 4.0 }, Coord { x: 3.0, y: 4.0 });
        assert!((km - 5.0).abs() < 1e-12);
    }
}
