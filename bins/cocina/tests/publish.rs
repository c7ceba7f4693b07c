//! `cocina publish` on the bundled example: the package, the site, and the
//! rules every published file follows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::example_dir;

/// Publishes the example once per test run, with the reference data when
/// `COCINA_SHARED_DATA` names it (as CI does), and returns the site's
/// directory.
pub(crate) fn published_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-example");
        if out.exists() {
            std::fs::remove_dir_all(&out).expect("an earlier run's site is removed");
        }
        let mut command = Command::new(env!("CARGO_BIN_EXE_cocina"));
        command
            .arg("publish")
            .arg(example_dir())
            .arg("--out")
            .arg(&out);
        if let Some(reference) = std::env::var_os("COCINA_SHARED_DATA").filter(|v| !v.is_empty()) {
            command.arg("--reference").arg(reference);
        }
        let run = command.output().expect("cocina runs");
        assert!(
            run.status.success(),
            "cocina publish failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        out
    })
}

/// Every file under `dir`, recursively.
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a directory of the site") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn csv_rows(file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = published_site().join("datos").join(file);
    let mut reader = csv::Reader::from_path(&path).expect("a CSV of the package");
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn every_resource_of_the_descriptor_is_written_and_described() {
    let site = published_site();
    let descriptor: serde_json::Value =
        serde_json::from_str(&read(site.join("datos/datapackage.json"))).unwrap();
    let resources = descriptor["resources"].as_array().unwrap();
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for expected in [
        "cocinas",
        "cocinas_geo",
        "municipios",
        "beneficiarios_estado",
        "beneficiarios_municipio",
        "beneficiarios_cocina",
        "totales",
        "dotaciones",
        "documentos",
        "completitud",
        "validacion",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    for resource in resources {
        let path = site.join("datos").join(resource["path"].as_str().unwrap());
        assert!(path.is_file(), "{} is not written", path.display());
        for field in resource["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for key in ["type", "description", "description_en"] {
                assert!(field[key].is_string(), "{} lacks {key}", field["name"]);
            }
        }
    }
    assert_eq!(descriptor["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(descriptor["delivery"]["id"], "entrega-2016");
    assert!(descriptor["delivery"]["request"].is_string());
    let attribution = descriptor["attribution"].to_string();
    assert!(attribution.contains("INEGI") && attribution.contains("CONAPO"));
    let kitchens = &resources[names.iter().position(|n| *n == "cocinas").unwrap()];
    assert_eq!(kitchens["schema"]["primaryKey"][0], "clave");
    assert_eq!(
        kitchens["schema"]["foreignKeys"][0]["reference"]["resource"],
        "municipios"
    );
}

#[test]
fn keys_are_zero_padded_text_and_dates_iso() {
    let (header, rows) = csv_rows("cocinas.csv");
    assert!(!rows.is_empty());
    let (key, opened) = (
        column(&header, "cve_mun"),
        column(&header, "fecha_apertura"),
    );
    let mut dated = 0;
    for row in &rows {
        let key = &row[key];
        assert!(
            key.is_empty() || (key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit())),
            "{key}"
        );
        if !row[opened].is_empty() {
            chrono::NaiveDate::parse_from_str(&row[opened], "%Y-%m-%d").expect("an ISO date");
            dated += 1;
        }
    }
    assert!(dated > 0, "the example's kitchens have opening dates");
    let (header, rows) = csv_rows("municipios.csv");
    assert_eq!(rows.len(), 570);
    assert_eq!(rows[0][column(&header, "cve_mun")], "001");
}

/// Text cells that start like a formula carry a leading apostrophe; only
/// numbers may start with a minus sign.
#[test]
fn no_csv_cell_runs_as_a_formula() {
    let mut negatives = 0;
    for path in files_under(&published_site().join("datos")) {
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let mut reader = csv::Reader::from_path(&path).unwrap();
        for record in reader.records() {
            for cell in &record.unwrap() {
                if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    assert!(cell.parse::<f64>().is_ok(), "{}: {cell}", path.display());
                    negatives += 1;
                }
            }
        }
    }
    assert!(negatives > 0, "longitudes are negative numbers, left alone");
}

#[test]
fn a_hostile_kitchen_name_is_neutralised_in_csv_and_escaped_in_pages() {
    let delivery = tempfile::tempdir().unwrap();
    std::fs::write(
        delivery.path().join("comedores.csv"),
        "CLAVE COCINA;NOMBRE DE LA COCINA;MUNICIPIO;CVE_MUN;LATITUD;LONGITUD\n\
         OAX-VC-001;=HYPERLINK(\"http://x\");Oaxaca de Juárez;067;17,0606;-96,7253\n\
         OAX-VC-002;<script>alert(1)</script>;Oaxaca de Juárez;067;17,0606;-96,7253\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let options = cocina_publication::PublishOptions::default();
    cocina_publication::publish(delivery.path(), out.path(), &options).unwrap();
    let csv = read(out.path().join("datos/cocinas.csv"));
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains(",-96.72530,"), "{csv}");
    for path in files_under(out.path()) {
        if path.extension().is_some_and(|e| e == "html") {
            assert!(!read(&path).contains("<script>"), "{}", path.display());
        }
    }
    assert!(out.path().join("cocinas/OAX-VC-001/index.html").is_file());
    assert!(
        out.path()
            .join("en/kitchens/OAX-VC-002/index.html")
            .is_file()
    );
}

/// The overview with everything it loads: the page inlines its styles, map
/// and chart and loads nothing else.
#[test]
fn the_overview_weighs_at_most_150_kb_and_loads_nothing_else() {
    for page in ["index.html", "en/index.html"] {
        let html = read(published_site().join(page));
        assert!(html.len() <= 150_000, "{page} weighs {} bytes", html.len());
        assert!(html.contains("class=\"map\"") && html.contains("class=\"chart\""));
        for loader in [
            "<script",
            "<img",
            "<iframe",
            "stylesheet",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(loader), "{page} loads something: {loader}");
        }
        assert!(!html.contains("src="), "{page} loads something");
    }
}

/// Every page with a map also has the same facts as a table.
#[test]
fn every_map_has_a_table_alternative_and_every_page_its_twin() {
    let site = published_site();
    let mut maps = 0;
    for path in files_under(site) {
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
            continue;
        }
        let html = read(&path);
        let relative = path.strip_prefix(site).unwrap();
        if html.contains("class=\"map\"") {
            maps += 1;
            // A kitchen's map shows one point: its alternative is the list
            // of facts that gives the municipality and the coordinates.
            let kitchen = relative.starts_with("cocinas") || relative.starts_with("en/kitchens");
            let alternative = if kitchen {
                html.contains("<dl>")
                    && (html.contains("<dt>Ubicación (latitud, longitud)</dt>")
                        || html.contains("<dt>Location (latitude, longitude)</dt>"))
            } else {
                html.contains("<table")
            };
            assert!(
                alternative,
                "{} has a map and no alternative",
                path.display()
            );
        }
        let lang = if relative.starts_with("en") {
            "en"
        } else {
            "es"
        };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{}",
            relative.display()
        );
        for landmark in cocina_rendering::LANDMARKS {
            assert!(
                html.contains(landmark),
                "{} lacks {landmark}",
                relative.display()
            );
        }
    }
    let (_, kitchens) = csv_rows("cocinas.csv");
    assert!(
        maps > kitchens.len(),
        "kitchen and municipality pages have maps"
    );
    for row in &kitchens {
        assert!(
            site.join("cocinas")
                .join(&row[0])
                .join("index.html")
                .is_file()
        );
        assert!(
            site.join("en/kitchens")
                .join(&row[0])
                .join("index.html")
                .is_file()
        );
    }
    for page in [
        "documentos",
        "descargas",
        "calidad",
        "en/documents",
        "en/downloads",
        "en/quality",
    ] {
        assert!(site.join(page).join("index.html").is_file(), "{page}");
    }
}

#[test]
fn completeness_and_documents_come_from_the_delivery() {
    let (header, rows) = csv_rows("completitud.csv");
    let received = column(&header, "recibida");
    assert!(rows.iter().any(|r| r[received] == "true"));
    assert!(
        rows.iter().any(|r| r[received] == "false"),
        "the example lacks items"
    );
    let (header, rows) = csv_rows("documentos.csv");
    let hashes = column(&header, "sha256");
    let files = std::fs::read_dir(example_dir()).unwrap().count();
    assert_eq!(rows.len(), files);
    assert!(rows.iter().all(|r| r[hashes].len() == 64));
    let quality = read(published_site().join("calidad/index.html"));
    assert!(
        quality.contains("CA-G001"),
        "the scorecard lists every rule"
    );
}

#[test]
fn the_workbook_has_a_sheet_per_table_with_a_frozen_header() {
    let path = published_site().join("datos/cocina-abierta-entrega-2016.xlsx");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let workbook = {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("xl/workbook.xml").unwrap(), &mut text)
            .unwrap();
        text
    };
    for sheet in [
        "cocinas",
        "municipios",
        "beneficiarios_cocina",
        "completitud",
        "hallazgos",
    ] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}");
    }
    let mut first = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut first,
    )
    .unwrap();
    assert!(
        first.contains("state=\"frozen\""),
        "the header row is frozen"
    );
    assert!(first.contains("<cols>"), "columns have widths");
}

/// Rows of one of the package's CSV files, as header → value maps.
fn csv_maps(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("a package CSV");
    let header = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|row| {
            let row = row.expect("a row");
            header
                .iter()
                .map(String::from)
                .zip(row.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// One published figure: level, area, sex, age group; and whether it is
/// suppressed.
type Figure = (String, String, String, String, bool);

/// Every figure of the package's beneficiary tables, at every level
/// published.
fn published_figures(data: &Path) -> Vec<Figure> {
    let levels = [
        ("estado", None),
        ("region", Some("region")),
        ("distrito", Some("distrito")),
        ("municipio", Some("cve_mun")),
        ("cocina", Some("clave")),
    ];
    let mut figures = Vec::new();
    for (level, column) in levels {
        let path = data.join(format!("beneficiarios_{level}.csv"));
        if !path.exists() {
            continue;
        }
        for row in csv_maps(&path) {
            let area = column.map_or_else(String::new, |c| row[c].clone());
            let suppressed = row["beneficiarios"].is_empty();
            assert_eq!(suppressed, !row["supresion"].is_empty(), "{row:?}");
            let (sex, age) = (row["sexo"].clone(), row["grupo_edad"].clone());
            figures.push((level.to_owned(), area, sex, age, suppressed));
        }
    }
    figures
}

/// The area each area is counted in, from the kitchens and municipalities
/// tables: a kitchen's municipality, a municipality's district (or the
/// state without reference data), a district's region, a region's state.
fn parents(data: &Path, with_regions: bool) -> HashMap<(String, String), (String, String)> {
    let mut parent = HashMap::new();
    for row in csv_maps(&data.join("cocinas.csv")) {
        let up = ("municipio".to_owned(), row["cve_mun"].clone());
        parent.insert(("cocina".to_owned(), row["clave"].clone()), up);
    }
    // People at kitchens the list lacks are in no municipality.
    let nowhere = ("municipio".to_owned(), String::new());
    parent.insert(("cocina".to_owned(), String::new()), nowhere);
    let state = ("estado".to_owned(), String::new());
    let municipalities = csv_maps(&data.join("municipios.csv"));
    for row in municipalities.iter().chain([&HashMap::new()]) {
        let field = |name: &str| row.get(name).cloned().unwrap_or_default();
        let municipality = ("municipio".to_owned(), field("cve_mun"));
        if !with_regions {
            parent.insert(municipality, state.clone());
            continue;
        }
        let district = ("distrito".to_owned(), field("distrito"));
        let region = ("region".to_owned(), field("region"));
        parent.insert(municipality, district.clone());
        parent.insert(district, region.clone());
        parent.insert(region, state.clone());
    }
    parent
}

/// No suppressed figure of the published aggregates, cell or total, at
/// any level, is the one suppressed member of a sum whose other members
/// are published: across the sexes or the age groups of an area, or
/// between an area and the areas counted in it. Otherwise one subtraction
/// would give it away.
#[test]
fn no_suppressed_figure_of_any_level_is_recovered_by_subtraction() {
    let data = published_site().join("datos");
    let with_regions = data.join("beneficiarios_region.csv").exists();
    let figures = published_figures(&data);
    let parent = parents(&data, with_regions);
    let mut lines: HashMap<(u8, String), Vec<bool>> = HashMap::new();
    for (level, area, sex, age, suppressed) in &figures {
        let here = format!("{level}/{area}");
        let mut add = |kind, key: String| lines.entry((kind, key)).or_default().push(*suppressed);
        add(0, format!("{here}|{age}"));
        add(1, format!("{here}|{sex}"));
        if level != "cocina" {
            add(2, format!("{here}|{sex}|{age}"));
        }
        if level != "estado" {
            let (up, up_area) = &parent[&(level.clone(), area.clone())];
            add(2, format!("{up}/{up_area}|{sex}|{age}"));
        }
    }
    let given_away: Vec<_> = lines
        .iter()
        .filter(|(_, members)| members.iter().filter(|s| **s).count() == 1)
        .map(|(line, _)| line)
        .collect();
    assert!(
        given_away.is_empty(),
        "recoverable by subtraction: {given_away:?}"
    );
    // The test has something to check: suppressed figures, totals among
    // them, and every kitchen's total listed.
    let suppressed = |f: &&Figure| f.4;
    assert!(figures.iter().filter(suppressed).count() > 100);
    let a_total = |f: &&Figure| f.2 == "total" || f.3 == "total";
    assert!(
        figures.iter().filter(a_total).any(|f| f.4),
        "no total is suppressed"
    );
    let kitchen_totals = figures
        .iter()
        .filter(|f| f.0 == "cocina" && f.2 == "total" && f.3 == "total")
        .count();
    assert_eq!(
        kitchen_totals,
        csv_maps(&data.join("cocinas.csv")).len() + 1
    );
    let levels: std::collections::BTreeSet<&str> = figures.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(levels.len(), if with_regions { 5 } else { 3 }, "{levels:?}");
}

/// The package counts errors and warnings as `cocina validate` does: its
/// findings about people are grouped into counts, each adding as many as
/// it stands for, so the two numbers a user compares are one.
#[test]
fn the_package_counts_findings_as_validate_does() {
    let report: serde_json::Value =
        serde_json::from_str(&read(published_site().join("datos/validacion.json"))).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_cocina"));
    command
        .args(["validate", "--format", "json"])
        .arg(example_dir());
    if let Some(reference) = std::env::var_os("COCINA_SHARED_DATA").filter(|v| !v.is_empty()) {
        command.arg("--reference").arg(reference);
    }
    let run = command.output().expect("cocina runs");
    let validated: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let grouped = report["hallazgos"].as_array().unwrap();
    let grouped = grouped.iter().filter(|f| f["severity"] == "error").count();
    let errors = validated["counts"]["error"].as_u64().unwrap();
    assert!(
        grouped < errors as usize,
        "findings about people are grouped"
    );
    assert_eq!(report["errores"], validated["counts"]["error"]);
    assert_eq!(report["advertencias"], validated["counts"]["warning"]);
    let quality = read(published_site().join("calidad/index.html"));
    assert!(
        quality.contains(&format!("{errors} errores")),
        "the page says {errors}"
    );
}
