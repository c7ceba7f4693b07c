//! The catalog of municipalities and its queries: by key, by name, by
//! point.

use std::sync::OnceLock;

use cocina_model::{Cvegeo, MunicipalityKey};
use geo::{CoordinatePosition, coordinate_position::CoordPos};
use geo_types::{Coord, MultiPolygon, Point, Rect};

use crate::aliases::aliases_of;
use crate::distance::km_to_boundary;
use crate::error::CatalogError;
use crate::load::read_municipalities;
use crate::names::{NameIndex, NameMatch};

/// The bundled boundaries: INEGI, Marco Geoestadístico 2019, simplified to
/// 50 m (see `data/README.md`).
const BUNDLED_GEOJSON: &str = include_str!("../data/oax_municipios_mg2019_simpl50m.geojson");

/// One municipality of Oaxaca: its keys, names and boundary.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// Municipality key within the state (`067`).
    pub key: MunicipalityKey,
    /// The 5-digit CVEGEO, state `20` + municipality key (`20067`).
    pub cvegeo: Cvegeo,
    /// The current official name in INEGI's catalogue.
    pub name: String,
    /// The name in the boundary file (`NOMGEO`); for the bundled file, the
    /// name as of 2019, which differs from [`Municipality::name`] for four
    /// renamed municipalities.
    pub boundary_name: String,
    /// The boundary in WGS84 (`x` = longitude, `y` = latitude).
    pub boundary: MultiPolygon<f64>,
    /// The bounding box of the boundary.
    pub bbox: Rect<f64>,
    /// A point inside the boundary, where a label or a marker can go.
    pub label_point: Point<f64>,
}

impl Municipality {
    /// Returns the name as people should read it: the official name, with
    /// its district when another municipality has the same name
    /// ("San Juan Mixtepec (Distrito 08, Juxtlahuaca)").
    #[must_use]
    pub fn label(&self) -> String {
        match crate::aliases::homonym_district(self.key.value()) {
            Some(district) => format!("{} ({district})", self.name),
            None => self.name.clone(),
        }
    }

    /// Returns whether a point lies inside the boundary or on it.
    ///
    /// The bounding box is tested first, so a point far away costs four
    /// comparisons.
    #[must_use]
    pub fn contains(&self, point: Point<f64>) -> bool {
        self.position_of(point.0) != CoordPos::Outside
    }

    /// Returns the distance in kilometres from a point to the boundary,
    /// `0.0` when the point is inside or on it.
    ///
    /// The distance is measured on a plane tangent to the Earth at the
    /// point (an equirectangular projection with a sphere of mean radius).
    /// Within Oaxaca it stays within 1% of the geodesic (WGS84) distance up
    /// to 100 km, which is more than precise enough to say how far a
    /// kitchen's coordinates are from the municipality it claims. A point with a
    /// non-finite coordinate gives NaN.
    #[must_use]
    pub fn distance_km(&self, point: Point<f64>) -> f64 {
        if !(point.x().is_finite() && point.y().is_finite()) {
            return f64::NAN;
        }
        if self.contains(point) {
            return 0.0;
        }
        km_to_boundary(&self.boundary, point)
    }

    fn position_of(&self, coord: Coord<f64>) -> CoordPos {
        if rect_holds(self.bbox, coord) {
            self.boundary.coordinate_position(&coord)
        } else {
            CoordPos::Outside
        }
    }
}

/// Returns whether a rectangle holds a coordinate, edges included; a NaN is
/// never held.
fn rect_holds(rect: Rect<f64>, coord: Coord<f64>) -> bool {
    let (min, max) = (rect.min(), rect.max());
    (min.x..=max.x).contains(&coord.x) && (min.y..=max.y).contains(&coord.y)
}

/// Oaxaca's 570 municipalities with their boundaries, and the indexes to
/// find one by key, by name or by point.
///
/// Most callers use [`Catalog::bundled`]; [`Catalog::from_geojson`] reads
/// another boundary file of the same layout.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Sorted by key.
    municipalities: Vec<Municipality>,
    /// The bounding boxes again, in the same order, kept together so that
    /// the scan for a point's candidates reads one small array.
    bboxes: Vec<Rect<f64>>,
    names: NameIndex,
    bounds: Rect<f64>,
}

impl Catalog {
    /// Returns the catalog built from the bundled boundaries (INEGI, Marco
    /// Geoestadístico 2019), parsed on first use and shared afterwards.
    ///
    /// Parsing takes a few tens of milliseconds in an optimised build.
    #[must_use]
    pub fn bundled() -> &'static Catalog {
        static BUNDLED: OnceLock<Catalog> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            // The tests load this very file, so a failure here is a broken
            // build, not bad input.
            Catalog::from_geojson(BUNDLED_GEOJSON).expect("the bundled boundaries are valid")
        })
    }

    /// Builds a catalog from a `GeoJSON` `FeatureCollection` of municipal
    /// boundaries in WGS84, each feature with the properties `CVEGEO`
    /// (5 digits, state `20`) and `NOMGEO` (the name).
    ///
    /// Current INEGI names replace the old names of renamed municipalities
    /// (the old name is kept in [`Municipality::boundary_name`]).
    ///
    /// # Errors
    ///
    /// Fails when the text is not a `FeatureCollection`, a feature lacks a
    /// property or an areal geometry, a key is not a municipality of Oaxaca
    /// or appears twice. The error names the feature by its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use cocina_geography::Catalog;
    /// use geo_types::Point;
    ///
    /// let geojson = r#"{"type": "FeatureCollection", "features": [{
    ///     "type": "Feature",
    ///     "properties": {"CVEGEO": "20067", "NOMGEO": "Oaxaca de Juárez"},
    ///     "geometry": {"type": "Polygon", "coordinates":
    ///         [[[-96.8, 17.0], [-96.6, 17.0], [-96.6, 17.2], [-96.8, 17.2], [-96.8, 17.0]]]}
    /// }]}"#;
    /// let catalog = Catalog::from_geojson(geojson)?;
    /// let inside = catalog.municipality_at(Point::new(-96.7, 17.1)).unwrap();
    /// assert_eq!(inside.cvegeo.to_string(), "20067");
    /// # Ok::<(), cocina_geography::CatalogError>(())
    /// ```
    #[tracing::instrument(skip_all)]
    pub fn from_geojson(geojson: &str) -> Result<Catalog, CatalogError> {
        let mut municipalities = read_municipalities(geojson)?;
        sort_and_check_unique(&mut municipalities)?;
        let bboxes: Vec<_> = municipalities.iter().map(|m| m.bbox).collect();
        let bounds = union_of(&bboxes);
        let names = index_names(&municipalities);
        tracing::debug!(count = municipalities.len(), "municipal boundaries loaded");
        Ok(Catalog {
            municipalities,
            bboxes,
            names,
            bounds,
        })
    }

    /// Returns every municipality, sorted by key.
    #[must_use]
    pub fn municipalities(&self) -> &[Municipality] {
        &self.municipalities
    }

    /// Returns the municipality with this key, if the catalog has it.
    #[must_use]
    pub fn get(&self, key: MunicipalityKey) -> Option<&Municipality> {
        let at = self
            .municipalities
            .binary_search_by_key(&key, |m| m.key)
            .ok()?;
        self.municipalities.get(at)
    }

    /// Returns the municipality a name designates, ignoring case, accents,
    /// punctuation and spacing, spelling out abbreviations, with or without
    /// official titles ("Heroica Ciudad de"), by current, 2019 or other
    /// government names (see [`crate::names`] for the rules).
    ///
    /// A name shared by several municipalities gives
    /// [`NameMatch::Ambiguous`] with all of them, never one picked
    /// silently. A municipality given by its key is read by
    /// [`Catalog::resolve`] instead.
    ///
    /// ```
    /// use cocina_geography::{Catalog, NameMatch};
    ///
    /// let catalog = Catalog::bundled();
    /// let key = catalog.resolve_name("H. CD. DE HUAJUAPAN DE LEON").found().unwrap();
    /// assert_eq!(key.as_str(), "039");
    /// assert!(matches!(catalog.resolve_name("San Juan Mixtepec"), NameMatch::Ambiguous(_)));
    /// assert_eq!(catalog.resolve_name("Springfield"), NameMatch::NotFound);
    /// ```
    #[must_use]
    pub fn resolve_name(&self, name: &str) -> NameMatch {
        self.names.lookup(name)
    }

    /// Returns up to `max` municipalities whose name contains every word of
    /// `text`, for a "did you mean" when [`Catalog::resolve`] finds nothing
    /// ("Huatulco" suggests Santa María Huatulco).
    #[must_use]
    pub fn suggest(&self, text: &str, max: usize) -> Vec<&Municipality> {
        let words: Vec<String> = cocina_model::text::fold(text)
            .split(' ')
            .map(str::to_owned)
            .collect();
        if words.iter().all(String::is_empty) {
            return Vec::new();
        }
        self.municipalities
            .iter()
            .filter(|m| {
                let name = cocina_model::text::fold(&m.name);
                let name_words: Vec<&str> = name.split(' ').collect();
                words.iter().all(|w| name_words.contains(&w.as_str()))
            })
            .take(max)
            .collect()
    }

    /// Returns the municipality given by its key or by its name: the key as
    /// text of 1–3 digits (`67`, `067`), as a CVEGEO of 5 digits (`20067`)
    /// or 9 digits (a locality, `200670001`), or as a spreadsheet number
    /// with a zero fraction (`67.0`); anything else is read as a name by
    /// [`Catalog::resolve_name`].
    ///
    /// A key of another state or one the catalog lacks gives
    /// [`NameMatch::NotFound`].
    ///
    /// ```
    /// use cocina_geography::Catalog;
    ///
    /// let catalog = Catalog::bundled();
    /// for text in ["67", "067", "20067", "200670001", "67.0", "Oaxaca de Juárez"] {
    ///     assert_eq!(catalog.resolve(text).found().unwrap().as_str(), "067", "{text}");
    /// }
    /// ```
    #[must_use]
    pub fn resolve(&self, text: &str) -> NameMatch {
        let trimmed = text.trim();
        let digits = trimmed
            .split_once('.')
            .filter(|(_, fraction)| fraction.bytes().all(|b| b == b'0'))
            .map_or(trimmed, |(whole, _)| whole);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return self.resolve_name(text);
        }
        key_from_digits(digits)
            .and_then(|key| self.get(key))
            .map_or(NameMatch::NotFound, |m| NameMatch::Found(m.key))
    }

    /// Returns the municipality a point (`x` = longitude, `y` = latitude,
    /// WGS84) lies in, or `None` outside every boundary.
    ///
    /// Municipalities do not overlap, so at most one holds a point in its
    /// interior. A point exactly on a border between two municipalities
    /// belongs to the one with the smaller key. Candidates are found by
    /// their bounding boxes before any polygon is tested.
    #[must_use]
    pub fn municipality_at(&self, point: Point<f64>) -> Option<&Municipality> {
        let coord = point.0;
        if !rect_holds(self.bounds, coord) {
            return None;
        }
        let mut on_border = None;
        for (municipality, bbox) in self.municipalities.iter().zip(&self.bboxes) {
            if !rect_holds(*bbox, coord) {
                continue;
            }
            match municipality.boundary.coordinate_position(&coord) {
                CoordPos::Inside => return Some(municipality),
                CoordPos::OnBoundary => {
                    on_border.get_or_insert(municipality);
                }
                CoordPos::Outside => {}
            }
        }
        on_border
    }

    /// Returns the distance in kilometres from a point to a municipality,
    /// `0.0` when the point is inside or on its boundary (see
    /// [`Municipality::distance_km`] for the method and its precision).
    ///
    /// Returns `None` for a key the catalog lacks or a point with a
    /// non-finite coordinate.
    #[must_use]
    pub fn distance_km(&self, point: Point<f64>, key: MunicipalityKey) -> Option<f64> {
        let distance = self.get(key)?.distance_km(point);
        (!distance.is_nan()).then_some(distance)
    }

    /// Returns the bounding box of all boundaries (`x` = longitude).
    #[must_use]
    pub fn bounds(&self) -> Rect<f64> {
        self.bounds
    }
}

/// Reads 1–3 digits as a key, 5 or 9 digits as an Oaxaca CVEGEO.
fn key_from_digits(digits: &str) -> Option<MunicipalityKey> {
    match digits.len() {
        1..=3 => {
            let number = digits.parse().ok()?;
            MunicipalityKey::from_number(number).ok()
        }
        5 | 9 => {
            let cvegeo = Cvegeo::new(digits).ok()?;
            (cvegeo.state == cocina_model::StateKey::oaxaca()).then_some(cvegeo.municipality)
        }
        _ => None,
    }
}

fn sort_and_check_unique(municipalities: &mut [Municipality]) -> Result<(), CatalogError> {
    // Remember file positions so that a duplicate is reported where it is.
    let mut order: Vec<usize> = (0..municipalities.len()).collect();
    order.sort_by_key(|&i| (municipalities[i].key, i));
    if let Some(pair) = order
        .windows(2)
        .find(|w| municipalities[w[0]].key == municipalities[w[1]].key)
    {
        return Err(CatalogError::DuplicateKey {
            feature: pair[1] + 1,
            cvegeo: municipalities[pair[1]].cvegeo,
        });
    }
    municipalities.sort_by_key(|m| m.key);
    Ok(())
}

/// Returns the smallest rectangle holding all rectangles; there is at
/// least one, the loader rejects an empty collection.
fn union_of(rects: &[Rect<f64>]) -> Rect<f64> {
    let first = rects
        .first()
        .copied()
        .unwrap_or_else(|| Rect::new((0., 0.), (0., 0.)));
    rects.iter().fold(first, |acc, r| {
        Rect::new(
            (acc.min().x.min(r.min().x), acc.min().y.min(r.min().y)),
            (acc.max().x.max(r.max().x), acc.max().y.max(r.max().y)),
        )
    })
}

fn index_names(municipalities: &[Municipality]) -> NameIndex {
    let mut index = NameIndex::default();
    for m in municipalities {
        index.insert(&m.name, m.key);
        index.insert(&m.boundary_name, m.key);
        for alias in aliases_of(m.key.value()) {
            index.insert(alias, m.key);
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(number: u32) -> MunicipalityKey {
        MunicipalityKey::from_number(number).unwrap()
    }

    #[test]
    fn only_the_two_homonym_pairs_share_an_indexed_name() {
        let shared = Catalog::bundled().names.shared_forms();
        let expected: [(&str, &[MunicipalityKey]); 2] = [
            ("san juan mixtepec", &[key(208), key(209)]),
            ("san pedro mixtepec", &[key(318), key(319)]),
        ];
        assert_eq!(shared, expected);
    }

    #[test]
    fn digits_are_read_as_keys_of_oaxaca_only() {
        assert_eq!(key_from_digits("7"), Some(key(7)));
        assert_eq!(key_from_digits("007"), Some(key(7)));
        assert_eq!(key_from_digits("20007"), Some(key(7)));
        assert_eq!(key_from_digits("200070001"), Some(key(7)));
        assert_eq!(key_from_digits("21007"), None);
        assert_eq!(key_from_digits("0"), None);
        assert_eq!(key_from_digits("2007"), None);
    }

    #[test]
    fn a_duplicate_is_reported_at_its_second_position() {
        let feature = r#"{"type":"Feature","properties":{"CVEGEO":"20001","NOMGEO":"A"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#;
        let text = format!(r#"{{"type":"FeatureCollection","features":[{feature},{feature}]}}"#);
        let error = Catalog::from_geojson(&text).unwrap_err();
        assert!(
            matches!(error, CatalogError::DuplicateKey { feature: 2, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn a_point_on_a_shared_border_belongs_to_the_smaller_key() {
        let square = |key: &str, x0: f64| {
            format!(
                r#"{{"type":"Feature","properties":{{"CVEGEO":"{key}","NOMGEO":"{key}"}},
                "geometry":{{"type":"Polygon","coordinates":
                [[[{x0},0],[{x1},0],[{x1},1],[{x0},1],[{x0},0]]]}}}}"#,
                x1 = x0 + 1.0
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            square("20002", 1.0),
            square("20001", 0.0)
        );
        let catalog = Catalog::from_geojson(&text).unwrap();
        let on_border = Point::new(1.0, 0.5);
        assert_eq!(
            catalog.municipality_at(on_border).map(|m| m.key),
            Some(key(1))
        );
        assert_eq!(catalog.distance_km(on_border, key(2)), Some(0.0));
        let bounds = catalog.bounds();
        assert_eq!((bounds.min().x, bounds.max().x), (0.0, 2.0));
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn homonyms_are_labelled_with_their_district() {
        let catalog = Catalog::bundled();
        let key = |n| MunicipalityKey::from_number(n).unwrap();
        let label = |n| catalog.get(key(n)).unwrap().label();
        assert_eq!(label(208), "San Juan Mixtepec (Distrito 08, Juxtlahuaca)");
        assert_eq!(label(319), "San Pedro Mixtepec (Distrito 26, Miahuatlán)");
        assert_eq!(label(67), "Oaxaca de Juárez");
    }

    #[test]
    fn suggestions_need_every_word() {
        let catalog = Catalog::bundled();
        let keys = |text| {
            catalog
                .suggest(text, 5)
                .iter()
                .map(|m| m.key.value())
                .collect::<Vec<_>>()
        };
        assert_eq!(keys("huatulco"), vec![413]);
        assert_eq!(keys("JUCHITAN"), vec![43]);
        assert!(keys("zzz").is_empty());
        assert!(keys("").is_empty());
    }
}
