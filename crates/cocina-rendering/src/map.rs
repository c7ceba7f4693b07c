//! Maps drawn on the server as inline SVG: no JavaScript, no tile server.
//!
//! Longitude and latitude are projected with an equirectangular projection
//! scaled by the cosine of the mean latitude, which keeps shapes true
//! enough at Oaxaca's size (about 500 km across), into a viewBox with `y`
//! growing southwards. Boundaries are simplified with Douglas–Peucker and
//! written as relative path commands rounded to 0.1 viewBox unit. A
//! [`BaseMap`] does this once per process at one [`MapScale`]: the overview
//! uses a coarse one, since it draws all 570 municipalities on one page,
//! and kitchen pages a finer one, since they zoom in on one municipality.
//!
//! Neighbours are simplified one by one, so a shared border may differ by a
//! fraction of the tolerance between them; the boundary stroke hides it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use cocina_geography::Catalog;
use cocina_model::{Lang, MunicipalityKey};
use geo::{BoundingRect, Intersects, MapCoords, Simplify};
use geo_types::{Coord, LineString, MultiPolygon, Point, Rect, coord};

use crate::routes::Page;
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
/// width. The whole overview page with 2,300 kitchens in 560
/// municipalities then weighs about 115 KB (32 KB gzip-compressed, as the
/// portal serves it), measured by the `overview_stays_light_at_real_scale`
/// test: 38 KB of boundary paths, 22 KB of municipality titles, 13 KB of
/// kitchen dots and 28 KB for the table of municipalities.
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
    /// SVG path data in viewBox units.
    path: String,
    /// Bounding box in viewBox units.
    bbox: Rect<f64>,
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
        let shapes = areas
            .into_iter()
            .filter_map(|(key, name, boundary)| {
                let projected = boundary.map_coords(|c| projection.project(c));
                let bbox = projected.bounding_rect()?;
                let path = shape_path(&projected, scale.tolerance);
                Some(Shape {
                    key,
                    name: name.to_owned(),
                    path,
                    bbox,
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
                push_shape(
                    &mut svg,
                    shape,
                    &format!("{}: {}", shape.name, count(shape)),
                );
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
            let (x, y) = rounded(self.projection.project(point.0));
            let r = window.width() / 40.0;
            let _ = write!(
                svg,
                "<circle class=\"pt\" cx=\"{}\" cy=\"{}\" r=\"{r:.1}\" \
                 stroke-width=\"{:.2}\"/>",
                Tenths(x),
                Tenths(y),
                r / 4.0
            );
        }
        svg.push_str("</svg>");
        Some(svg)
    }

    fn dot_size(&self) -> f64 {
        self.scale.width / 200.0
    }

    fn push_linked_points(&self, svg: &mut String, points: &[MapPoint], lang: Lang) {
        let r = self.dot_size() * 0.75;
        for point in points {
            let (x, y) = rounded(self.projection.project(point.location.0));
            let href = Page::Kitchen(point.key.clone()).url(lang);
            // Keyboard and screen-reader users reach kitchens through the
            // list, since the map is one image to them.
            let _ = write!(
                svg,
                "<a href=\"{}\" tabindex=\"-1\"><circle class=\"pt\" cx=\"{}\" cy=\"{}\" \
                 r=\"{r:.1}\" stroke-width=\"{:.2}\"><title>{}</title></circle></a>",
                escape(&href),
                Tenths(x),
                Tenths(y),
                r / 4.0,
                escape(&point.name)
            );
        }
    }

    fn push_point_path(&self, svg: &mut String, points: &[MapPoint]) {
        // Each point is a zero-length line drawn with a round cap: a dot.
        // Points are rounded to whole units, not tenths: a dot is wider
        // than a unit, so tenths would cost bytes without a visible change.
        let _ = write!(
            svg,
            "<path class=\"pts\" stroke-width=\"{:.1}\" d=\"",
            self.dot_size()
        );
        let mut dots: Vec<(i64, i64)> = points
            .iter()
            .map(|p| {
                let (x, y) = rounded(self.projection.project(p.location.0));
                ((x + 5).div_euclid(10) * 10, (y + 5).div_euclid(10) * 10)
            })
            .collect();
        // In Z order, each dot is near the previous one, so the relative
        // moves between them are short numbers.
        dots.sort_by_key(|&(x, y)| z_order(x / 10, y / 10));
        dots.dedup();
        let mut at = (0, 0);
        for next in dots {
            svg.push('m');
            push_pair(svg, next.0 - at.0, next.1 - at.1);
            svg.push_str("h0");
            at = next;
        }
        svg.push_str("\"/>");
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

fn open_svg(view_box: Rect<f64>, id: &str, title: &str, desc: &str) -> String {
    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"{:.1} {:.1} {:.1} \
         {:.1}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title>\
         <desc id=\"{id}-d\">{}</desc>",
        view_box.min().x,
        view_box.min().y,
        view_box.width(),
        view_box.height(),
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
    let stroke = view_box.width() / 800.0;
    let _ = write!(svg, "<g class=\"m\" stroke-width=\"{stroke:.2}\">");
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

/// Writes every ring of a projected boundary, simplified. A municipality
/// too small to survive simplification is drawn unsimplified.
fn shape_path(projected: &MultiPolygon<f64>, tolerance: f64) -> String {
    let simplified = projected.simplify(tolerance);
    let path = rings_path(&simplified);
    if path.is_empty() {
        rings_path(projected)
    } else {
        path
    }
}

fn rings_path(shape: &MultiPolygon<f64>) -> String {
    let mut path = String::new();
    for polygon in shape {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            push_ring(&mut path, ring);
        }
    }
    path
}

/// Writes a ring as `M x y l dx dy … z` in tenths of a unit, leaving out
/// points that rounding merges and rings that collapse below a triangle.
fn push_ring(path: &mut String, ring: &LineString<f64>) {
    let mut points: Vec<(i64, i64)> = ring.coords().map(|c| rounded(*c)).collect();
    points.dedup();
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() < 3 {
        return;
    }
    let first = points[0];
    let _ = write!(path, "M{} {}l", Tenths(first.0), Tenths(first.1));
    let mut at = first;
    for &(x, y) in &points[1..] {
        push_pair(path, x - at.0, y - at.1);
        at = (x, y);
    }
    path.push('z');
}

/// Writes two numbers after a command letter or a previous pair, with a
/// space only where a minus sign does not already separate them.
fn push_pair(out: &mut String, a: i64, b: i64) {
    for n in [a, b] {
        let needs_space = n >= 0 && out.ends_with(|c: char| c.is_ascii_digit() || c == '.');
        if needs_space {
            out.push(' ');
        }
        let _ = write!(out, "{}", Tenths(n));
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

/// A number of tenths, written as a short decimal: `123` is `12.3`, `-5`
/// is `-.5`, `40` is `4`.
struct Tenths(i64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, tenth) = (abs / 10, abs % 10);
        match (whole, tenth) {
            (0, 0) => f.write_str("0"),
            (0, t) => write!(f, "{sign}.{t}"),
            (w, 0) => write!(f, "{sign}{w}"),
            (w, t) => write!(f, "{sign}{w}.{t}"),
        }
    }
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
    fn tenths_are_short_decimals() {
        let shown: Vec<String> = [0, 5, -5, 40, 123, -123]
            .into_iter()
            .map(|n| Tenths(n).to_string())
            .collect();
        assert_eq!(shown, ["0", ".5", "-.5", "4", "12.3", "-12.3"]);
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
        assert!(svg.contains("<g class=\"c3\"><path d=\"M"));
        assert!(svg.contains("<title>Dos: 7</title>"));
        assert!(svg.contains("Uno &lt;&amp;&gt;"));
        assert!(!svg.contains("Uno <&>"));
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
        assert!(!svg.contains("href="));
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
}
