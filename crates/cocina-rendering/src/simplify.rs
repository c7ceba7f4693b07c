//! Simplification of neighbouring polygons that keeps their shared borders
//! shared.
//!
//! Simplifying each polygon on its own (Douglas–Peucker per polygon) lets
//! two neighbours keep different vertices of the border they share, which
//! opens slivers and gaps between them: a point inside one municipality
//! can then be drawn in a gap or in the neighbour. Here the decision to
//! keep a vertex is made once for the whole map, so every polygon that
//! holds a vertex keeps it or drops it alike.
//!
//! Terms:
//!
//! - a *vertex* is a position exactly as given; neighbours must hold the
//!   same vertices along a shared border (the bundled boundaries were
//!   simplified with shared arcs, so they do);
//! - an *edge* joins two consecutive vertices of a ring; its *owners* are
//!   the polygons whose rings hold it;
//! - a *junction* is a vertex where a ring passes from edges of one set of
//!   owners to edges of another, such as where three municipalities meet
//!   or where a shared border reaches the state's edge; junctions are
//!   always kept;
//! - an *arc* is the run of a ring between two junctions. It is simplified
//!   with Douglas–Peucker in one canonical direction, so the two rings that
//!   share it get the same result.

use std::collections::{HashMap, HashSet};

use geo_types::{Coord, MultiPolygon};

/// A vertex's identity: the bits of its coordinates.
type VertexKey = (u64, u64);

/// A ring as a closed loop of vertices, without the repeated first one.
type Ring = Vec<Coord<f64>>;

/// A ring that survives with fewer kept vertices than this keeps all of
/// its vertices, so that a small municipality keeps its shape.
const MIN_KEPT: usize = 4;

fn vertex_key(c: Coord<f64>) -> VertexKey {
    // Adding zero turns -0.0 into 0.0, so both spellings are one vertex.
    ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())
}

fn edge_key(a: Coord<f64>, b: Coord<f64>) -> (VertexKey, VertexKey) {
    let (a, b) = (vertex_key(a), vertex_key(b));
    if a <= b { (a, b) } else { (b, a) }
}

/// Simplifies every ring of `areas` with Douglas–Peucker at `tolerance`,
/// keeping borders shared between areas identical on both sides. Returns,
/// per area and in order, its rings (exterior then interiors of each
/// polygon) as open loops of the vertices kept.
pub(crate) fn simplify_shared(areas: &[MultiPolygon<f64>], tolerance: f64) -> Vec<Vec<Ring>> {
    let rings: Vec<Vec<Ring>> = areas.iter().map(open_rings).collect();
    let mut fixed = junctions(&rings);
    for ring in rings.iter().flatten() {
        anchor_free_ring(ring, &mut fixed);
    }
    let mut kept = fixed.clone();
    for ring in rings.iter().flatten() {
        keep_arc_vertices(ring, &fixed, tolerance, &mut kept);
    }
    for ring in rings.iter().flatten() {
        let survivors = ring.iter().filter(|c| kept.contains(&vertex_key(**c)));
        if survivors.count() < MIN_KEPT {
            kept.extend(ring.iter().map(|c| vertex_key(*c)));
        }
    }
    rings
        .into_iter()
        .map(|area| {
            area.into_iter()
                .map(|ring| {
                    ring.into_iter()
                        .filter(|c| kept.contains(&vertex_key(*c)))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Returns the rings of an area as open loops without repeated vertices.
fn open_rings(area: &MultiPolygon<f64>) -> Vec<Ring> {
    let mut out = Vec::new();
    for polygon in area {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let mut coords: Ring = ring.coords().copied().collect();
            coords.dedup_by_key(|c| vertex_key(*c));
            if coords.len() > 1 && vertex_key(coords[0]) == vertex_key(coords[coords.len() - 1]) {
                coords.pop();
            }
            if coords.len() >= 3 {
                out.push(coords);
            }
        }
    }
    out
}

/// Returns the vertices where the owners of a ring's edges change.
fn junctions(rings: &[Vec<Ring>]) -> HashSet<VertexKey> {
    let mut owners: HashMap<(VertexKey, VertexKey), Vec<usize>> = HashMap::new();
    for (area, ring) in rings
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.iter().map(move |r| (i, r)))
    {
        for (a, b) in ring_edges(ring) {
            let list = owners.entry(edge_key(a, b)).or_default();
            if !list.contains(&area) {
                list.push(area);
            }
        }
    }
    for list in owners.values_mut() {
        list.sort_unstable();
    }
    let mut fixed = HashSet::new();
    for ring in rings.iter().flatten() {
        let n = ring.len();
        for i in 0..n {
            let (prev, here, next) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            if owners[&edge_key(prev, here)] != owners[&edge_key(here, next)] {
                fixed.insert(vertex_key(here));
            }
        }
    }
    fixed
}

fn ring_edges(ring: &[Coord<f64>]) -> impl Iterator<Item = (Coord<f64>, Coord<f64>)> + '_ {
    let n = ring.len();
    (0..n).map(move |i| (ring[i], ring[(i + 1) % n]))
}

/// Fixes two vertices of a ring that has no junction (an island, or a
/// municipality enclosed by one other): the least one in coordinate order
/// and the one farthest from it. Rings sharing the same loop choose the
/// same two.
fn anchor_free_ring(ring: &[Coord<f64>], fixed: &mut HashSet<VertexKey>) {
    if ring.iter().any(|c| fixed.contains(&vertex_key(*c))) {
        return;
    }
    let Some(&first) = ring.iter().min_by_key(|c| vertex_key(**c)) else {
        return;
    };
    let far = ring.iter().copied().max_by(|a, b| {
        let (da, db) = (distance2(*a, first), distance2(*b, first));
        da.total_cmp(&db)
            .then_with(|| vertex_key(*b).cmp(&vertex_key(*a)))
    });
    fixed.insert(vertex_key(first));
    if let Some(far) = far {
        fixed.insert(vertex_key(far));
    }
}

/// Simplifies each arc of a ring between fixed vertices and records the
/// vertices kept.
fn keep_arc_vertices(
    ring: &[Coord<f64>],
    fixed: &HashSet<VertexKey>,
    tolerance: f64,
    kept: &mut HashSet<VertexKey>,
) {
    let n = ring.len();
    let Some(start) = ring.iter().position(|c| fixed.contains(&vertex_key(*c))) else {
        return;
    };
    let mut arc = vec![ring[start]];
    for step in 1..=n {
        let c = ring[(start + step) % n];
        arc.push(c);
        if fixed.contains(&vertex_key(c)) {
            simplify_arc(&arc, tolerance, kept);
            arc = vec![c];
        }
    }
}

/// Runs Douglas–Peucker on an arc in its canonical direction, so that the
/// ring that walks it backwards keeps the same vertices.
fn simplify_arc(arc: &[Coord<f64>], tolerance: f64, kept: &mut HashSet<VertexKey>) {
    if arc.len() <= 2 {
        return;
    }
    let keys: Vec<VertexKey> = arc.iter().map(|c| vertex_key(*c)).collect();
    let reversed: Vec<VertexKey> = keys.iter().rev().copied().collect();
    let canonical: Vec<Coord<f64>> = if reversed < keys {
        arc.iter().rev().copied().collect()
    } else {
        arc.to_vec()
    };
    let keep = douglas_peucker(&canonical, tolerance);
    for (c, _) in canonical.iter().zip(keep).filter(|(_, k)| *k) {
        kept.insert(vertex_key(*c));
    }
}

/// Returns which points of a polyline Douglas–Peucker keeps: the ends, and
/// recursively the point farthest from the chord while it is farther than
/// `tolerance`. Ties go to the first point.
fn douglas_peucker(points: &[Coord<f64>], tolerance: f64) -> Vec<bool> {
    let mut keep = vec![false; points.len()];
    let last = points.len() - 1;
    keep[0] = true;
    keep[last] = true;
    let mut stack = vec![(0, last)];
    while let Some((from, to)) = stack.pop() {
        let mut farthest = (from, 0.0);
        for (i, p) in points.iter().enumerate().take(to).skip(from + 1) {
            let d = segment_distance(*p, points[from], points[to]);
            if d > farthest.1 {
                farthest = (i, d);
            }
        }
        if farthest.1 > tolerance {
            keep[farthest.0] = true;
            stack.push((from, farthest.0));
            stack.push((farthest.0, to));
        }
    }
    keep
}

fn distance2(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).powi(2) + (a.y - b.y).powi(2)
}

/// Returns the distance from `p` to the segment `a`–`b`; a segment of
/// length zero is a point.
fn segment_distance(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let length2 = distance2(a, b);
    if length2 == 0.0 {
        return distance2(p, a).sqrt();
    }
    let t = (((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length2).clamp(0.0, 1.0);
    let foot = Coord {
        x: a.x + t * (b.x - a.x),
        y: a.y + t * (b.y - a.y),
    };
    distance2(p, foot).sqrt()
}

#[cfg(test)]
mod tests {
    use geo_types::{coord, polygon};

    use super::*;

    /// Two squares sharing a wiggly border, drawn in opposite directions.
    fn neighbours() -> Vec<MultiPolygon<f64>> {
        let west = polygon![
            (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.2, y: 3.0), (x: 9.7, y: 6.0),
            (x: 10.0, y: 10.0), (x: 0.0, y: 10.0), (x: 0.1, y: 5.0),
        ];
        let east = polygon![
            (x: 10.0, y: 0.0), (x: 20.0, y: 0.0), (x: 20.0, y: 10.0), (x: 10.0, y: 10.0),
            (x: 9.7, y: 6.0), (x: 10.2, y: 3.0),
        ];
        vec![west.into(), east.into()]
    }

    #[test]
    fn shared_borders_keep_the_same_vertices_on_both_sides() {
        let rings = simplify_shared(&neighbours(), 1.0);
        let on_border = |ring: &Ring| -> Vec<VertexKey> {
            let mut keys: Vec<_> = ring
                .iter()
                .filter(|c| (c.x - 10.0).abs() < 0.5)
                .map(|c| vertex_key(*c))
                .collect();
            keys.sort_unstable();
            keys
        };
        assert_eq!(on_border(&rings[0][0]), on_border(&rings[1][0]));
        // The wiggle is under the tolerance: the border is one straight line.
        assert_eq!(on_border(&rings[0][0]).len(), 2);
        // The west side's own bump is under the tolerance too.
        assert!(!rings[0][0].contains(&coord! { x: 0.1, y: 5.0 }));
    }

    #[test]
    fn small_rings_keep_their_shape() {
        let triangle = polygon![(x: 0.0, y: 0.0), (x: 0.1, y: 0.0), (x: 0.0, y: 0.1)];
        let rings = simplify_shared(&[triangle.into()], 5.0);
        assert_eq!(rings[0][0].len(), 3);
    }

    #[test]
    fn douglas_peucker_keeps_what_sticks_out() {
        let line = [
            coord! { x: 0.0, y: 0.0 },
            coord! { x: 1.0, y: 1.4 },
            coord! { x: 2.0, y: 3.0 },
            coord! { x: 4.0, y: 0.0 },
        ];
        assert_eq!(douglas_peucker(&line, 0.5), [true, false, true, true]);
    }
}
