//! Maps drawn on the server as inline SVG: no JavaScript, no tile server.
//!
//! Longitude and latitude are projected with an equirectangular projection
//! scaled by the cosine of the mean latitude, which keeps shapes true
//! enough at Oaxaca's size (about 500 km across), into a viewBox with `y`
//! growing southwards. Boundaries are simplified with Douglas–Peucker
//! keeping shared borders shared (see `simplify`) and written as relative
//! path commands rounded to 0.1 map unit. The SVG's own unit is that
//! tenth (its viewBox is the map's, times ten), so that every coordinate
//! is a whole number, written without a decimal point. A
//! [`BaseMap`] does this once per process at one [`MapScale`]: the overview
//! uses a coarse one, since it draws all 570 municipalities on one page,
//! and kitchen pages a finer one, since they zoom in on one municipality.
//!
//! Neighbours keep exactly the same vertices along the border they share,
//! so no gap opens between them, and [`BaseMap::drawn_municipality_at`]
//! tells which drawn municipality a kitchen's dot lands in: always the one
//! that really holds the kitchen's point, since a dot that simplification
//! left outside it is drawn at the nearest position inside.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use cocina_geography::Catalog;
use cocina_model::{Lang, MunicipalityKey};
use geo::{BoundingRect, Contains, Intersects, MapCoords};
use geo_types::{Coord, MultiPolygon, Point, Rect, coord};

use crate::routes::{Page, relative_to_overview};
use crate::simplify::simplify_shared;
use crate::text::labels;
use crate::view::MapPoint;

/// The size of a map's viewBox and how much its boundaries are simplified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapScale {
    /// Width of the viewBox, in its own units; the height follows from the
    /// state's shape.
    pub width: f64,
    /// Douglas–Peucker tolerance, in viewBox units.
    pub tolerance: f64,
}

/// The overview's scale. One unit is about 2 km, so the tolerance is about
/// 1.8 km: under 2 px on a map shown 1,000 px wide, under 1 px at phone
/// width. The whole English overview page with 2,300 kitchens in 560
/// municipalities then weighs about 136 KB, measured by the
/// `overview_stays_light_at_real_scale` test: 36 KB of boundary paths in
/// whole tenths (every junction between neighbours is kept), 31 KB for
/// the links around them to each municipality's page, 18 KB of kitchen
/// dots, 2 KB for the chart and 40 KB for the table of municipalities
/// with the same links.
pub const OVERVIEW_SCALE: MapScale = MapScale {
    width: 250.0,
    tolerance: 0.9,
};

/// The kitchen pages' scale: one unit is about 0.5 km and the tolerance
/// about 0.2 km, since the map shows one municipality and its neighbours.
pub const LOCATOR_SCALE: MapScale = MapScale {
    width: 1000.0,
    tolerance: 0.4,
};

/// Up to this many kitchens, each point on the overview map is a link with
/// a title; above it the points are one path, which costs about 10 bytes a
/// kitchen instead of about 120, and the kitchen list gives the links.
pub const LINKED_POINTS_LIMIT: usize = 300;

/// Projects WGS84 longitude and latitude into viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    lon_min: f64,
    lat_max: f64,
    x_scale: f64,
    y_scale: f64,
    height: f64,
}

impl Projection {
    /// Fits `bounds` (`x` longitude, `y` latitude) into a viewBox `width`
    /// units wide.
    #[must_use]
    pub fn fit(bounds: Rect<f64>, width: f64) -> Self {
        let mean_lat = f64::midpoint(bounds.min().y, bounds.max().y);
        let shrink = mean_lat.to_radians().cos();
        let lon_span = (bounds.width() * shrink).max(f64::EPSILON);
        let y_scale = width / lon_span;
        Self {
            lon_min: bounds.min().x,
            lat_max: bounds.max().y,
            x_scale: y_scale * shrink,
            y_scale,
            height: bounds.height() * y_scale,
        }
    }

    /// Returns the viewBox position of a longitude and latitude.
    #[must_use]
    pub fn project(&self, lon_lat: Coord<f64>) -> Coord<f64> {
        coord! {
            x: (lon_lat.x - self.lon_min) * self.x_scale,
            y: (self.lat_max - lon_lat.y) * self.y_scale,
        }
    }

    /// Returns the height of the viewBox.
    #[must_use]
    pub fn height(&self) -> f64 {
        self.height
    }
}

/// One municipality, ready to draw.
#[derive(Debug, Clone)]
struct Shape {
    key: MunicipalityKey,
    name: String,
    /// The rings drawn, in tenths of a viewBox unit, without the repeated
    /// first point.
    rings: Vec<Vec<(i64, i64)>>,
    /// SVG path data in viewBox units.
    path: String,
    /// Bounding box in viewBox units.
    bbox: Rect<f64>,
    /// The boundary as given, projected but not simplified: where a point
    /// really lies.
    original: MultiPolygon<f64>,
}

/// The municipalities projected, simplified and written as SVG paths once.
#[derive(Debug, Clone)]
pub struct BaseMap {
    scale: MapScale,
    projection: Projection,
    shapes: Vec<Shape>,
}

/// One area handed to [`BaseMap::build`]: key, name and boundary in WGS84.
pub type AreaShape<'a> = (MunicipalityKey, &'a str, &'a MultiPolygon<f64>);

impl BaseMap {
    /// Projects, simplifies and writes the paths of `areas` at `scale`,
    /// fitting `bounds` (`x` longitude, `y` latitude) into the viewBox.
    #[must_use]
    pub fn build<'a>(
        areas: impl IntoIterator<Item = AreaShape<'a>>,
        bounds: Rect<f64>,
        scale: MapScale,
    ) -> Self {
        let projection = Projection::fit(bounds, scale.width);
        let (labels, projected): (Vec<_>, Vec<_>) = areas
            .into_iter()
            .map(|(key, name, boundary)| {
                let projected = boundary.map_coords(|c| projection.project(c));
                ((key, name.to_owned()), projected)
            })
            .unzip();
        let simplified = simplify_shared(&projected, scale.tolerance);
        let shapes = labels
            .into_iter()
            .zip(projected.into_iter().zip(simplified))
            .filter_map(|((key, name), (original, rings))| {
                let bbox = original.bounding_rect()?;
                let rings = drawn_rings(&rings, &original);
                let path = rings_path(&rings);
                Some(Shape {
                    key,
                    name,
                    rings,
                    path,
                    bbox,
                    original,
                })
            })
            .collect();
        Self {
            scale,
            projection,
            shapes,
        }
    }

    /// Returns the overview map of Oaxaca's municipalities from the bundled
    /// INEGI boundaries, built on first use.
    #[must_use]
    pub fn overview() -> &'static BaseMap {
        static MAP: OnceLock<BaseMap> = OnceLock::new();
        MAP.get_or_init(|| bundled(OVERVIEW_SCALE))
    }

    /// Returns the finer map kitchen pages crop, built on first use.
    #[must_use]
    pub fn locator() -> &'static BaseMap {
        static MAP: OnceLock<BaseMap> = OnceLock::new();
        MAP.get_or_init(|| bundled(LOCATOR_SCALE))
    }

    /// Returns the number of municipalities drawn.
    #[must_use]
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Returns whether the map has no municipalities.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// Returns the bytes of path data of all municipalities, a measure of
    /// the map's weight.
    #[must_use]
    pub fn path_bytes(&self) -> usize {
        self.shapes.iter().map(|s| s.path.len()).sum()
    }

    /// Draws every municipality shaded by its number of kitchens (absent
    /// keys have none), with `points` on top.
    #[must_use]
    pub fn overview_svg(
        &self,
        kitchens: &HashMap<MunicipalityKey, u64>,
        points: &[MapPoint],
        lang: Lang,
    ) -> String {
        let t = labels(lang);
        let width = self.scale.width;
        let view_box = Rect::new(
            coord! { x: -0.01 * width, y: -0.01 * width },
            coord! { x: 1.01 * width, y: self.projection.height() + 0.01 * width },
        );
        let mut svg = open_svg(view_box, "map", t.map_title, t.map_desc);
        let count = |shape: &Shape| kitchens.get(&shape.key).copied().unwrap_or(0);
        // Grouping by shade writes each class once instead of per path.
        push_boundary_group(&mut svg, view_box);
        for class in SHADES {
            let _ = write!(svg, "<g class=\"{class}\">");
            for shape in self
                .shapes
                .iter()
                .filter(|s| shade_class(count(s)) == class)
            {
                // The name only: the count is in the legend's shade and in
                // the table, and 570 counts would cost the page 2 KB.
                if count(shape) == 0 {
                    push_shape(&mut svg, shape, &shape.name);
                } else {
                    push_linked_shape(&mut svg, shape, lang);
                }
            }
            svg.push_str("</g>");
        }
        svg.push_str("</g>");
        if points.len() <= LINKED_POINTS_LIMIT {
            self.push_linked_points(&mut svg, points, lang);
        } else {
            self.push_point_path(&mut svg, points);
        }
        svg.push_str("</svg>");
        svg
    }

    /// Draws the municipality `key` and its neighbours, with the kitchen's
    /// point when it has a validated one. Returns `None` when the map has
    /// no such municipality.
    #[must_use]
    pub fn locator_svg(
        &self,
        key: MunicipalityKey,
        point: Option<Point<f64>>,
        lang: Lang,
    ) -> Option<String> {
        let target = self.shapes.iter().find(|s| s.key == key)?;
        let window = locator_window(target.bbox, self.scale.width);
        let t = labels(lang);
        let mut svg = open_svg(window, "locator", t.kitchen_map_title, t.kitchen_map_desc);
        push_boundary_group(&mut svg, window);
        for shape in self.shapes.iter().filter(|s| s.bbox.intersects(&window)) {
            let class = if shape.key == key { "hl" } else { "c0" };
            let _ = write!(svg, "<g class=\"{class}\">");
            push_shape(&mut svg, shape, &shape.name);
            svg.push_str("</g>");
        }
        svg.push_str("</g>");
        if let Some(point) = point {
            let (x, y) = self.dot_position(point);
            let r = window.width() / 40.0 * TENTHS;
            let _ = write!(
                svg,
                "<circle class=\"pt\" cx=\"{x}\" cy=\"{y}\" r=\"{r:.1}\" \
                 stroke-width=\"{:.2}\"/>",
                r / 4.0
            );
        }
        svg.push_str("</svg>");
        Some(svg)
    }

    /// Draws the municipalities `keys` in colour with their neighbours, and
    /// `points` on top: the map of a municipality's or a region's page.
    /// Returns `None` when the map has none of `keys`.
    #[must_use]
    pub fn area_svg(
        &self,
        keys: &[MunicipalityKey],
        points: &[MapPoint],
        lang: Lang,
    ) -> Option<String> {
        let targets: Vec<&Shape> = self
            .shapes
            .iter()
            .filter(|s| keys.contains(&s.key))
            .collect();
        let bbox = targets.iter().map(|s| s.bbox).reduce(|a, b| {
            Rect::new(
                coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })?;
        let window = locator_window(bbox, self.scale.width);
        let t = labels(lang);
        let mut svg = open_svg(window, "area", t.area_map_title, t.area_map_desc);
        push_boundary_group(&mut svg, window);
        for shape in self.shapes.iter().filter(|s| s.bbox.intersects(&window)) {
            let class = if keys.contains(&shape.key) {
                "hl"
            } else {
                "c0"
            };
            let _ = write!(svg, "<g class=\"{class}\">");
            push_shape(&mut svg, shape, &shape.name);
            svg.push_str("</g>");
        }
        svg.push_str("</g>");
        // Dots are sized to the window, as on the kitchen's map.
        let r = window.width() / 80.0;
        if points.len() <= LINKED_POINTS_LIMIT {
            self.push_linked_points_sized(&mut svg, points, lang, r);
        } else {
            self.push_point_path_sized(&mut svg, points, r);
        }
        svg.push_str("</svg>");
        Some(svg)
    }

    /// Returns the municipality whose drawn shape holds the dot drawn for
    /// `point` (`x` longitude, `y` latitude), at the position and
    /// rounding the map draws it with; `None` for a dot in no drawn shape.
    #[must_use]
    pub fn drawn_municipality_at(&self, point: Point<f64>) -> Option<MunicipalityKey> {
        let dot = self.dot_position(point);
        self.shapes
            .iter()
            .find(|s| rings_contain(&s.rings, dot))
            .map(|s| s.key)
    }

    /// Returns the position a dot for `point` is drawn at, in tenths of a
    /// unit. Coarser positions would save bytes but move dots across
    /// borders.
    ///
    /// Simplification moves a border by up to the tolerance, and two
    /// simplified borders may even cross, so a point near its
    /// municipality's border may fall outside the simplified outline, or
    /// inside a neighbour's too. Such a dot is drawn at a nearby position
    /// inside the outline of the municipality that really holds the point
    /// and inside no other, a move about as large as the border's (under
    /// 2 px on the overview).
    fn dot_position(&self, point: Point<f64>) -> (i64, i64) {
        let projected = self.projection.project(point.0);
        let dot = rounded(projected);
        let Some(home) = self.shape_holding(projected) else {
            return dot;
        };
        if self.only_in(home, dot) {
            return dot;
        }
        // In tenths: a border moves by up to the tolerance; crossing
        // borders and rounding may need a little more.
        let reach = (self.scale.tolerance * 10.0).ceil() as i64 * 4 + 4;
        nearest(dot, reach, |at| self.only_in(home, at)).unwrap_or(dot)
    }

    /// Returns the index of the municipality whose boundary, as given,
    /// holds a viewBox position.
    fn shape_holding(&self, position: Coord<f64>) -> Option<usize> {
        let point = Point::from(position);
        self.shapes
            .iter()
            .position(|s| s.bbox.intersects(&position) && s.original.contains(&point))
    }

    /// Returns whether a position in tenths lies inside the drawn outline
    /// of shape `home` and of no other shape.
    fn only_in(&self, home: usize, at: (i64, i64)) -> bool {
        #[expect(clippy::cast_precision_loss, reason = "tenths of a small viewBox")]
        let position = coord! { x: at.0 as f64 / 10.0, y: at.1 as f64 / 10.0 };
        self.shapes.iter().enumerate().all(|(i, shape)| {
            let near = shape.bbox.intersects(&position);
            (i == home) == (near && rings_contain(&shape.rings, at))
        })
    }

    fn dot_radius(&self) -> f64 {
        self.scale.width / 200.0
    }

    fn push_linked_points(&self, svg: &mut String, points: &[MapPoint], lang: Lang) {
        self.push_linked_points_sized(svg, points, lang, self.dot_radius());
    }

    fn push_linked_points_sized(&self, svg: &mut String, points: &[MapPoint], lang: Lang, r: f64) {
        let r = r * TENTHS;
        for point in points {
            let (x, y) = self.dot_position(point.location);
            let href = Page::Kitchen(point.key.clone()).url(lang);
            // Keyboard and screen-reader users reach kitchens through the
            // list, since the map is one image to them.
            let _ = write!(
                svg,
                "<a href=\"{}\" tabindex=\"-1\"><circle class=\"pt\" cx=\"{x}\" cy=\"{y}\" \
                 r=\"{r:.1}\" stroke-width=\"{:.2}\"><title>{}</title></circle></a>",
                escape(&href),
                r / 4.0,
                escape(&point.name)
            );
        }
    }

    /// Draws every point as one path, twice: a white halo, then the dots,
    /// so that dots show on the darkest shade too. The second copy is a
    /// `<use>` of the first, which costs a few bytes instead of the path
    /// again; both take stroke and width from their parents.
    fn push_point_path(&self, svg: &mut String, points: &[MapPoint]) {
        self.push_point_path_sized(svg, points, self.dot_radius());
    }

    fn push_point_path_sized(&self, svg: &mut String, points: &[MapPoint], radius: f64) {
        let size = radius * 2.0 * TENTHS;
        let _ = write!(
            svg,
            "<g class=\"halo\" stroke-width=\"{:.2}\"><path id=\"pts\" d=\"",
            size * 1.4
        );
        let mut dots: Vec<(i64, i64)> = points
            .iter()
            .map(|p| self.dot_position(p.location))
            .collect();
        // In Z order, each dot is near the previous one, so the relative
        // moves between them are short numbers.
        dots.sort_by_key(|&(x, y)| z_order(x / 10, y / 10));
        dots.dedup();
        let mut at = (0, 0);
        for next in dots {
            // Each point is a zero-length line drawn with a round cap: a dot.
            svg.push('m');
            push_pair(svg, next.0 - at.0, next.1 - at.1);
            svg.push_str("h0");
            at = next;
        }
        let _ = write!(
            svg,
            "\"/></g><use href=\"#pts\" class=\"pts\" stroke-width=\"{size:.2}\"/>"
        );
    }
}

fn bundled(scale: MapScale) -> BaseMap {
    let catalog = Catalog::bundled();
    let areas = catalog
        .municipalities()
        .iter()
        .map(|m| (m.key, m.name.as_str(), &m.boundary));
    BaseMap::build(areas, catalog.bounds(), scale)
}

/// The shade classes, from no kitchens to many; the legend lists them in
/// this order.
pub const SHADES: [&str; 5] = ["c0", "c1", "c2", "c3", "c4"];

/// Returns the CSS class of a municipality's shade. The classes are the
/// legend's, in the same order.
#[must_use]
pub fn shade_class(kitchens: u64) -> &'static str {
    match kitchens {
        0 => "c0",
        1 => "c1",
        2..=4 => "c2",
        5..=9 => "c3",
        _ => "c4",
    }
}

/// The SVG units in one map unit: coordinates are written in tenths.
const TENTHS: f64 = 10.0;

/// Opens a map whose `view_box` is in map units; the SVG counts tenths.
fn open_svg(view_box: Rect<f64>, id: &str, title: &str, desc: &str) -> String {
    let mut svg = String::with_capacity(64 * 1024);
    let tenths = |units: f64| (units * TENTHS).round() as i64;
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"{} {} {} {}\" \
         role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title>\
         <desc id=\"{id}-d\">{}</desc>",
        tenths(view_box.min().x),
        tenths(view_box.min().y),
        tenths(view_box.width()),
        tenths(view_box.height()),
        escape(title),
        escape(desc)
    );
    svg
}

/// Opens the group of municipalities, with a boundary stroke of about one
/// pixel when the map is shown 800 pixels wide. The width is set in
/// viewBox units rather than with `vector-effect`, which some SVG renderers
/// ignore.
fn push_boundary_group(svg: &mut String, view_box: Rect<f64>) {
    let stroke = view_box.width() / 800.0 * TENTHS;
    let _ = write!(
        svg,
        "<g class=\"m\" fill-rule=\"evenodd\" stroke-width=\"{stroke:.2}\">"
    );
}

/// Draws a municipality with kitchens as a link to its page, addressed
/// relative to the overview and without quotes, as the overview's table
/// does. The link is out of the keyboard's tab order: the table of
/// municipalities leads to the same pages. It has no title: the page it
/// leads to and the table name the municipality, and 560 titles (20 KB)
/// besides 560 links would take the overview past its 150 KB.
fn push_linked_shape(svg: &mut String, shape: &Shape, lang: Lang) {
    let href = relative_to_overview(&Page::Municipality(shape.key), lang);
    let _ = write!(
        svg,
        "<a href={href} tabindex=-1><path d=\"{}\"/></a>",
        shape.path
    );
}

fn push_shape(svg: &mut String, shape: &Shape, title: &str) {
    let _ = write!(
        svg,
        "<path d=\"{}\"><title>{}</title></path>",
        shape.path,
        escape(title)
    );
}

/// Widens a municipality's box so its neighbours show around it; at least
/// 1% of the state's width, so a tiny municipality is not drawn alone.
fn locator_window(bbox: Rect<f64>, width: f64) -> Rect<f64> {
    let margin = (bbox.width().max(bbox.height()) * 0.6).max(width / 100.0);
    Rect::new(
        coord! { x: bbox.min().x - margin, y: bbox.min().y - margin },
        coord! { x: bbox.max().x + margin, y: bbox.max().y + margin },
    )
}

/// Rounds simplified rings to tenths of a unit, leaving out points that
/// rounding merges and rings that collapse below a triangle. A
/// municipality too small to survive is drawn from its `original` rings.
fn drawn_rings(
    simplified: &[Vec<Coord<f64>>],
    original: &MultiPolygon<f64>,
) -> Vec<Vec<(i64, i64)>> {
    let rounded_rings = |rings: &mut dyn Iterator<Item = Vec<Coord<f64>>>| -> Vec<_> {
        rings.filter_map(|ring| rounded_ring(&ring)).collect()
    };
    let drawn = rounded_rings(&mut simplified.iter().cloned());
    if !drawn.is_empty() {
        return drawn;
    }
    let mut all = original
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|ring| ring.0.clone());
    rounded_rings(&mut all)
}

fn rounded_ring(ring: &[Coord<f64>]) -> Option<Vec<(i64, i64)>> {
    let mut points: Vec<(i64, i64)> = ring.iter().map(|c| rounded(*c)).collect();
    points.dedup();
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    (points.len() >= 3).then_some(points)
}

fn rings_path(rings: &[Vec<(i64, i64)>]) -> String {
    let mut path = String::new();
    for ring in rings {
        push_ring(&mut path, ring);
    }
    path
}

/// Writes a ring as `M x y l dx dy … z` in tenths of a unit.
fn push_ring(path: &mut String, points: &[(i64, i64)]) {
    let Some(&first) = points.first() else {
        return;
    };
    let _ = write!(path, "M{} {}l", first.0, first.1);
    let mut at = first;
    for &(x, y) in &points[1..] {
        push_pair(path, x - at.0, y - at.1);
        at = (x, y);
    }
    path.push('z');
}

/// Returns a position close to `from` that `fits`: the nearest one on the
/// smallest square around `from` that holds one, searched up to `reach`
/// tenths away; `None` when none is that close.
fn nearest(from: (i64, i64), reach: i64, fits: impl Fn((i64, i64)) -> bool) -> Option<(i64, i64)> {
    for size in 1..=reach {
        let square = (-size..=size).flat_map(|dx| {
            let side = dx.abs() == size;
            (-size..=size)
                .filter(move |dy| side || dy.abs() == size)
                .map(move |dy| (dx, dy))
        });
        let best = square
            .map(|(dx, dy)| (from.0 + dx, from.1 + dy))
            .filter(|&at| fits(at))
            .min_by_key(|&(x, y)| (x - from.0).pow(2) + (y - from.1).pow(2));
        if best.is_some() {
            return best;
        }
    }
    None
}

/// Returns whether a point lies inside drawn rings by the even-odd rule,
/// the fill rule the maps are drawn with.
fn rings_contain(rings: &[Vec<(i64, i64)>], point: (i64, i64)) -> bool {
    #[expect(clippy::cast_precision_loss, reason = "tenths of a small viewBox")]
    let (px, py) = (point.0 as f64, point.1 as f64);
    let mut inside = false;
    for ring in rings {
        for (i, &(x1, y1)) in ring.iter().enumerate() {
            let (x2, y2) = ring[(i + 1) % ring.len()];
            #[expect(clippy::cast_precision_loss, reason = "tenths of a small viewBox")]
            let (x1, y1, x2, y2) = (x1 as f64, y1 as f64, x2 as f64, y2 as f64);
            if (y1 > py) != (y2 > py) && px < x1 + (py - y1) * (x2 - x1) / (y2 - y1) {
                inside = !inside;
            }
        }
    }
    inside
}

/// Writes two numbers after a command letter or a previous pair, with a
/// space only where a minus sign does not already separate them.
fn push_pair(out: &mut String, a: i64, b: i64) {
    for n in [a, b] {
        if n >= 0 && out.ends_with(|c: char| c.is_ascii_digit()) {
            out.push(' ');
        }
        let _ = write!(out, "{n}");
    }
}

/// Interleaves the bits of two coordinates (a Morton code); negative ones,
/// outside the map, sort first.
fn z_order(x: i64, y: i64) -> u64 {
    let spread = |v: i64| {
        let mut v = u64::from(u32::try_from(v.clamp(0, i64::from(u32::MAX))).unwrap_or(0));
        v = (v | (v << 16)) & 0x0000_ffff_0000_ffff;
        v = (v | (v << 8)) & 0x00ff_00ff_00ff_00ff;
        v = (v | (v << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        v = (v | (v << 2)) & 0x3333_3333_3333_3333;
        (v | (v << 1)) & 0x5555_5555_5555_5555
    };
    spread(x) | (spread(y) << 1)
}

/// Rounds a viewBox position to whole tenths of a unit.
fn rounded(c: Coord<f64>) -> (i64, i64) {
    ((c.x * 10.0).round() as i64, (c.y * 10.0).round() as i64)
}

/// Escapes text for SVG and HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use cocina_model::KitchenKey;
    use geo_types::polygon;

    use super::*;

    fn square(x: f64, y: f64, side: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon![
            (x: x, y: y),
            (x: x + side, y: y),
            (x: x + side, y: y + side),
            (x: x, y: y + side),
            (x: x, y: y),
        ]])
    }

    fn two_squares() -> BaseMap {
        let west = square(-97.0, 16.0, 0.5);
        let east = square(-96.5, 16.0, 0.5);
        let one = MunicipalityKey::new("001").unwrap();
        let two = MunicipalityKey::new("002").unwrap();
        let bounds = Rect::new(coord! { x: -97.0, y: 16.0 }, coord! { x: -96.0, y: 16.5 });
        let scale = MapScale {
            width: 1000.0,
            tolerance: 0.5,
        };
        BaseMap::build(
            [(one, "Uno <&>", &west), (two, "Dos", &east)],
            bounds,
            scale,
        )
    }

    #[test]
    fn numbers_are_whole_tenths_separated_only_where_needed() {
        let mut path = "l".to_owned();
        push_pair(&mut path, 12, -3);
        push_pair(&mut path, 0, 45);
        push_pair(&mut path, -7, -120);
        assert_eq!(path, "l12-3 0 45-7-120");
    }

    #[test]
    fn projection_keeps_north_up_and_width_fixed() {
        let bounds = Rect::new(coord! { x: -98.0, y: 16.0 }, coord! { x: -94.0, y: 18.0 });
        let projection = Projection::fit(bounds, 1000.0);
        let north_west = projection.project(coord! { x: -98.0, y: 18.0 });
        let south_east = projection.project(coord! { x: -94.0, y: 16.0 });
        assert!(north_west.x.abs() < 1e-9 && north_west.y.abs() < 1e-9);
        assert!((south_east.x - 1000.0).abs() < 1e-9);
        let expected_height = 1000.0 * 2.0 / (4.0 * 17f64.to_radians().cos());
        assert!((south_east.y - expected_height).abs() < 1e-6);
    }

    #[test]
    fn rings_are_relative_paths() {
        let map = two_squares();
        let path = &map.shapes[0].path;
        assert!(path.starts_with('M') && path.ends_with('z'), "{path}");
        assert_eq!(path.matches('M').count(), 1);
        assert!(path.contains('l'));
    }

    #[test]
    fn overview_shades_titles_and_escapes() {
        let map = two_squares();
        let kitchens = HashMap::from([(MunicipalityKey::new("002").unwrap(), 7)]);
        let svg = map.overview_svg(&kitchens, &[], Lang::Es);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<g class=\"c3\"><a href=municipios/002 tabindex=-1><path d=\"M"));
        // Without kitchens, no page to link to: the shape keeps its name.
        assert!(svg.contains("<g class=\"c0\"><path d=\"M"));
        assert!(svg.contains("<title>Uno &lt;&amp;&gt;</title>"));
        assert!(!svg.contains("Uno <&>"));
    }

    /// Each municipality with kitchens links to its page, out of the tab
    /// order; the one without kitchens has no page and no link.
    #[test]
    fn overview_shapes_link_to_their_municipality_pages() {
        let map = two_squares();
        let kitchens = HashMap::from([(MunicipalityKey::new("001").unwrap(), 1)]);
        let en = map.overview_svg(&kitchens, &[], Lang::En);
        assert_eq!(en.matches("<a href=").count(), 1, "{en}");
        assert!(en.contains("<a href=municipalities/001 tabindex=-1><path d="));
        assert!(!en.contains("municipalities/002"));
        // Coordinates are whole tenths: no decimal point in any outline.
        let start = en.find("<g class=\"m\"").unwrap();
        let outlines = &en[start..en.rfind("</g>").unwrap()];
        let stroke = "stroke-width=\"";
        let after_stroke = &outlines[outlines.find(stroke).unwrap() + stroke.len()..];
        let outlines = &after_stroke[after_stroke.find('"').unwrap()..];
        assert!(!outlines.contains('.'), "{outlines}");
    }

    #[test]
    fn few_points_link_to_their_kitchens_and_many_do_not() {
        let map = two_squares();
        let point = MapPoint {
            key: KitchenKey::new("K-1").unwrap(),
            name: "<script>alert(1)</script>".into(),
            location: Point::new(-96.75, 16.25),
        };
        let svg = map.overview_svg(&HashMap::new(), std::slice::from_ref(&point), Lang::En);
        assert!(svg.contains("href=\"/en/kitchens/K-1\""));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        let many = vec![point; LINKED_POINTS_LIMIT + 1];
        let svg = map.overview_svg(&HashMap::new(), &many, Lang::En);
        assert!(svg.contains("class=\"pts\""));
        assert!(!svg.contains("<a href="));
    }

    #[test]
    fn bundled_maps_draw_every_municipality() {
        assert_eq!(BaseMap::overview().len(), 570);
        assert_eq!(BaseMap::locator().len(), 570);
        assert!(BaseMap::overview().path_bytes() < 50_000);
    }

    #[test]
    fn locator_highlights_the_municipality() {
        let map = two_squares();
        let key = MunicipalityKey::new("001").unwrap();
        let svg = map
            .locator_svg(key, Some(Point::new(-96.8, 16.2)), Lang::Es)
            .unwrap();
        assert!(svg.contains("class=\"hl\""));
        assert!(svg.contains("<circle class=\"pt\""));
        let unknown = MunicipalityKey::new("999").unwrap();
        assert!(map.locator_svg(unknown, None, Lang::Es).is_none());
    }
    #[test]
    fn area_map_colours_its_municipalities_and_draws_their_kitchens() {
        let map = two_squares();
        let one = MunicipalityKey::new("001").unwrap();
        let point = MapPoint {
            key: KitchenKey::new("K-1").unwrap(),
            name: "Cocina".into(),
            location: Point::new(-96.8, 16.2),
        };
        let svg = map.area_svg(&[one], &[point], Lang::En).unwrap();
        assert!(svg.contains("aria-labelledby=\"area-t area-d\""));
        assert!(svg.contains("<g class=\"hl\"><path"));
        assert!(svg.contains("href=\"/en/kitchens/K-1\""));
        let unknown = MunicipalityKey::new("999").unwrap();
        assert!(map.area_svg(&[unknown], &[], Lang::Es).is_none());
    }

    /// A fixed linear congruential sequence of numbers in `[0, 1)`.
    fn sequence(mut seed: u64) -> impl FnMut() -> f64 {
        move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Returns the distance in overview units from `point` to the nearest
    /// border of `municipality` (both in WGS84).
    fn border_distance(map: &BaseMap, boundary: &MultiPolygon<f64>, point: Point<f64>) -> f64 {
        use geo::{Distance, Euclidean};
        let projected = boundary.map_coords(|c| map.projection.project(c));
        let at = Point::from(map.projection.project(point.0));
        projected
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(geo_types::LineString::lines)
            .map(|line| Euclidean.distance(&at, &line))
            .fold(f64::INFINITY, f64::min)
    }

    /// Every municipality's label point, which lies inside it, is drawn
    /// inside its drawn outline at both scales, however close to a border.
    #[test]
    fn label_points_land_in_their_drawn_municipality() {
        let catalog = Catalog::bundled();
        for map in [BaseMap::overview(), BaseMap::locator()] {
            for m in catalog.municipalities() {
                let drawn = map.drawn_municipality_at(m.label_point);
                assert_eq!(drawn, Some(m.key), "label point of {}", m.key);
            }
        }
    }

    /// Points inside a municipality are drawn inside its drawn outline,
    /// those closer to a border than the simplification can move it too:
    /// drawing each municipality simplified on its own put dots in white
    /// slivers between neighbours, and simplified shared borders put the
    /// ones near a border in the neighbour.
    #[test]
    fn points_inside_a_municipality_land_inside_its_drawn_shape() {
        let catalog = Catalog::bundled();
        let map = BaseMap::overview();
        let margin = OVERVIEW_SCALE.tolerance + 0.2;
        let mut unit = sequence(0x5eed);
        let (mut far, mut near) = (0, 0);
        for municipality in catalog.municipalities() {
            let bbox = municipality.bbox;
            for _ in 0..16 {
                let point = Point::new(
                    bbox.min().x + unit() * bbox.width(),
                    bbox.min().y + unit() * bbox.height(),
                );
                let Some(truth) = catalog.municipality_at(point) else {
                    continue;
                };
                let drawn = map.drawn_municipality_at(point);
                assert_eq!(drawn, Some(truth.key), "{point:?} in {}", truth.key);
                if border_distance(map, &truth.boundary, point) > margin {
                    far += 1;
                } else {
                    near += 1;
                }
            }
        }
        assert!(far > 1_000, "only {far} points tested");
        assert!(near > 50, "only {near} points near a border tested");
    }

    #[test]
    fn a_dot_moves_into_its_outline_no_farther_than_the_border_moved() {
        let catalog = Catalog::bundled();
        let map = BaseMap::overview();
        let mut unit = sequence(7);
        let mut moved = 0;
        for municipality in catalog.municipalities().iter().take(200) {
            let bbox = municipality.bbox;
            for _ in 0..16 {
                let point = Point::new(
                    bbox.min().x + unit() * bbox.width(),
                    bbox.min().y + unit() * bbox.height(),
                );
                let at = rounded(map.projection.project(point.0));
                let drawn = map.dot_position(point);
                let shift = ((drawn.0 - at.0).pow(2) + (drawn.1 - at.1).pow(2)) as f64;
                // Tenths of a unit: the tolerance, plus rounding.
                assert!(shift.sqrt() <= OVERVIEW_SCALE.tolerance * 10.0 * 2.0 + 2.0);
                moved += usize::from(drawn != at);
            }
        }
        assert!(moved > 0, "no dot near enough a border to move");
    }
}
