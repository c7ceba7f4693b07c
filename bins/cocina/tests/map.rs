//! The published example's maps: every kitchen's dot lies inside the
//! outline drawn for its municipality, and inside no other outline, on the
//! municipality pages and on each kitchen's own page. Simplified borders
//! used to cut off kitchens close to them, drawing them in a neighbour.

use std::collections::BTreeMap;
use std::path::Path;

use crate::publish::published_site;

/// A position in tenths of a viewBox unit, as the maps round them.
type Tenths = (i64, i64);

/// Reads one number of a path or attribute (`12.3`, `-.5`, `4`) as tenths.
fn tenths(text: &str) -> i64 {
    let value: f64 = text
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} is a number"));
    (value * 10.0).round() as i64
}

/// Splits SVG path data into commands and numbers.
fn tokens(data: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in data.chars() {
        let last = out.last_mut();
        match (c, last) {
            (c, _) if c.is_ascii_alphabetic() => out.push(c.to_string()),
            (' ' | ',', _) => out.push(String::new()),
            ('-', _) => out.push("-".to_owned()),
            ('.', Some(number)) if !number.contains('.') && !is_command(number) => {
                number.push('.');
            }
            ('.', _) => out.push(".".to_owned()),
            (digit, Some(number)) if !is_command(number) => number.push(digit),
            (digit, _) => out.push(digit.to_string()),
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

fn is_command(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_alphabetic()) && !token.is_empty()
}

/// Reads the rings of a path written as `M x y l dx dy … z`, the only
/// commands the maps use for outlines.
fn rings(data: &str) -> Vec<Vec<Tenths>> {
    let mut rings: Vec<Vec<Tenths>> = Vec::new();
    let mut command = String::new();
    let mut pending: Option<i64> = None;
    let mut at = (0, 0);
    for token in tokens(data) {
        if is_command(&token) {
            command = token;
            if command == "z" {
                pending = None;
            }
            continue;
        }
        let n = tenths(&token);
        let Some(x) = pending.take() else {
            pending = Some(n);
            continue;
        };
        match command.as_str() {
            "M" => {
                at = (x, n);
                rings.push(vec![at]);
                "l".clone_into(&mut command);
            }
            "l" => {
                at = (at.0 + x, at.1 + n);
                rings.last_mut().expect("a ring begins with M").push(at);
            }
            other => panic!("unexpected command {other:?} in an outline"),
        }
    }
    rings
}

/// Whether a position is inside rings by the even-odd rule the maps are
/// drawn with.
fn inside(rings: &[Vec<Tenths>], point: Tenths) -> bool {
    let (px, py) = (point.0 as f64, point.1 as f64);
    let mut inside = false;
    for ring in rings {
        for (i, &(x1, y1)) in ring.iter().enumerate() {
            let (x2, y2) = ring[(i + 1) % ring.len()];
            let (x1, y1, x2, y2) = (x1 as f64, y1 as f64, x2 as f64, y2 as f64);
            if (y1 > py) != (y2 > py) && px < x1 + (py - y1) * (x2 - x1) / (y2 - y1) {
                inside = !inside;
            }
        }
    }
    inside
}

/// Returns the value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        + name.len()
        + 3;
    let end = tag[start..].find('"').expect("closed attribute") + start;
    &tag[start..end]
}

/// A page's map: the outlines of the highlighted municipality and of the
/// others, and each linked dot (kitchen key, position).
struct PageMap {
    highlighted: Vec<Vec<Tenths>>,
    others: Vec<Vec<Vec<Tenths>>>,
    dots: Vec<(String, Tenths)>,
}

fn page_map(html: &str) -> PageMap {
    let map_class = html.find("class=\"map\"").expect("the page has a map");
    let svg_start = html[..map_class].rfind("<svg").expect("the map is an SVG");
    let svg = &html[svg_start..html[svg_start..].find("</svg>").expect("closed") + svg_start];
    let (mut highlighted, mut others, mut dots) = (Vec::new(), Vec::new(), Vec::new());
    for group in svg.split("<g class=\"").skip(1) {
        let class = &group[..group.find('"').expect("closed class")];
        for path in group.split("<path d=\"").skip(1) {
            let outline = rings(&path[..path.find('"').expect("closed path")]);
            if class == "hl" {
                highlighted.extend(outline);
            } else if class == "c0" {
                others.push(outline);
            }
        }
    }
    for (start, _) in svg.match_indices("<circle ") {
        let tag = &svg[start..start + svg[start..].find('>').expect("closed tag")];
        let position = (tenths(attribute(tag, "cx")), tenths(attribute(tag, "cy")));
        // A dot on an area's map links to its kitchen; a kitchen's page
        // draws its one dot without a link.
        let before = &svg[..start];
        let key = before
            .rfind("<a href=\"")
            .filter(|&at| !before[at..].contains("</a>"))
            .and_then(|at| before[at + 9..].split('"').next())
            .and_then(|href| href.rsplit('/').next())
            .unwrap_or_default();
        dots.push((key.to_owned(), position));
    }
    PageMap {
        highlighted,
        others,
        dots,
    }
}

/// Checks that every dot of a page is inside the highlighted outline and
/// inside no other; returns the keys of the dots checked.
fn check_page(path: &Path, problems: &mut Vec<String>) -> Vec<String> {
    let html = std::fs::read_to_string(path).unwrap();
    let map = page_map(&html);
    assert!(
        !map.highlighted.is_empty(),
        "{} highlights nothing",
        path.display()
    );
    for (key, dot) in &map.dots {
        let place = format!("{} ({key} at {dot:?})", path.display());
        if !inside(&map.highlighted, *dot) {
            problems.push(format!("{place}: outside its municipality"));
        }
        if map.others.iter().any(|outline| inside(outline, *dot)) {
            problems.push(format!("{place}: inside a neighbour"));
        }
    }
    map.dots.into_iter().map(|(key, _)| key).collect()
}

/// The kitchens with a published point, by key, with their municipality's
/// key, from the open-data file.
fn located_kitchens(site: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(site.join("datos/cocinas.geojson")).unwrap();
    let geojson: serde_json::Value = serde_json::from_str(&text).unwrap();
    geojson["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter(|f| !f["geometry"].is_null())
        .map(|f| {
            let properties = &f["properties"];
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            (text(&properties["clave"]), text(&properties["cve_mun"]))
        })
        .collect()
}

#[test]
fn every_kitchen_dot_lies_inside_its_drawn_municipality() {
    let site = published_site();
    let located = located_kitchens(site);
    assert!(located.len() > 2_000, "{} located kitchens", located.len());
    let mut problems = Vec::new();
    let mut on_area_pages = BTreeMap::new();
    for entry in std::fs::read_dir(site.join("municipios")).unwrap() {
        let dir = entry.unwrap().path();
        let municipality = dir.file_name().unwrap().to_string_lossy().into_owned();
        for key in check_page(&dir.join("index.html"), &mut problems) {
            on_area_pages.insert(key, municipality.clone());
        }
    }
    let misplaced: Vec<_> = located
        .iter()
        .filter(|(key, municipality)| on_area_pages.get(*key) != Some(municipality))
        .collect();
    assert!(
        misplaced.is_empty(),
        "not on their area's map: {misplaced:?}"
    );
    assert_eq!(on_area_pages.len(), located.len(), "no other dots");
    for key in located.keys() {
        let page = site.join("cocinas").join(key).join("index.html");
        let checked = check_page(&page, &mut problems);
        assert_eq!(checked.len(), 1, "{} draws its kitchen", page.display());
    }
    assert!(
        problems.is_empty(),
        "{} dots:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn outlines_and_dots_are_read_as_the_maps_write_them() {
    let outline = rings("M10 10l5 0 0 5-5 0z");
    assert_eq!(
        outline,
        [vec![(100, 100), (150, 100), (150, 150), (100, 150)]]
    );
    assert!(inside(&outline, (120, 120)));
    assert!(!inside(&outline, (160, 120)));
    assert_eq!(tokens("M.5-.5l1.2.3"), ["M", ".5", "-.5", "l", "1.2", ".3"]);
}
