//! A crafted delivery that plants personal values in every public text
//! field: a CURP as a kitchen's name, a phone as a locality, a person of
//! the register as a municipality, a kitchen's name and a region, a spaced
//! lower-case CURP as an address, and a phone, a name, a CURP and an e-mail
//! in the manifest (id, request number, item wording, file names); a
//! registered name reordered and in part as kitchens' names, birth dates
//! written in words as an address and a locality, and a name and a date
//! as kitchen keys, with people registered at them. None of them may
//! appear in any file `cocina publish` writes, in `cocina validate`
//! output, or in any page or API answer of the portal; only `cocina
//! validate`, the agency's own report, names a file as stored. One person
//! at a kitchen that is not listed is in the agency's report, and only
//! counted in what is published.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use cocina_importers::ImportOptions;
use cocina_model::text::fold;
use cocina_portal::{AppState, Store, ingest, router};

use crate::publish_privacy::texts_of;
use http_body_util::BodyExt as _;
use tempfile::TempDir;
use tower::ServiceExt as _;

use crate::publish::files_under;

const CURP: &str = "GOMM800315MOCRRR05";
const SPACED_CURP: &str = "gomm 800315 mocrrr05";
const FILE_CURP: &str = "UOPP150412MOCNRRA6";
const PHONE: &str = "951 555 0199";
const REQUEST_PHONE: &str = "951-555-0188";
const PERSON: &str = "Leocadia Ruiz Santibáñez";
const COMMITTEE: &str = "Hermelinda Cruz Altamirano";
const EMAIL: &str = "comite.cocina@example.org";
const REORDERED: &str = "SANTIBANEZ RUIZ LEOCADIA";
const PARTIAL: &str = "Leocadia Ruiz";
const WORDS_DATE: &str = "3 de mayo de 1987";
const SHORT_DATE: &str = "03-MAY-87";
const KEY_NAME: &str = "Juana Méndez Soto";
const KEY_DATE: &str = "15 de agosto de 1979";
/// The only person at a kitchen that is not listed.
const LONE_KITCHEN: &str = "OAX-99";

/// The planted values, as they are searched for: folded (case, accents
/// and punctuation ignored) and with every separator removed, so that
/// `951-555-0199` and `9515550199` are one value.
fn needles() -> Vec<String> {
    [
        CURP,
        SPACED_CURP,
        FILE_CURP,
        PHONE,
        REQUEST_PHONE,
        PERSON,
        COMMITTEE,
        EMAIL,
        REORDERED,
        PARTIAL,
        WORDS_DATE,
        SHORT_DATE,
        KEY_NAME,
        KEY_DATE,
    ]
    .iter()
    .map(|v| squeezed(v))
    .collect()
}

/// Folded without spaces; a space escaped in an address (`%20`) is a
/// space too.
fn squeezed(text: &str) -> String {
    fold(&text.replace("%20", " ")).replace(' ', "")
}

/// Returns the planted values `text` holds.
fn leaks(text: &str) -> Vec<String> {
    let haystack = squeezed(text);
    needles()
        .into_iter()
        .filter(|n| haystack.contains(n.as_str()))
        .collect()
}

fn crafted_delivery() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let kitchens = format!(
        "clave,nombre,municipio,localidad,region,direccion,latitud,longitud,presidenta,tel_presidenta\n\
         OAX-1,Comedor {CURP},Oaxaca de Juárez,Centro,Valles Centrales,Calle 1,17.06,-96.72,{COMMITTEE},{PHONE}\n\
         OAX-2,Comedor Dos,Oaxaca de Juárez,Tel {PHONE},Valles Centrales,Calle 2,17.07,-96.71,,\n\
         OAX-3,Comedor Tres,{PERSON},Centro,{PERSON},{SPACED_CURP},17.05,-96.73,,\n\
         OAX-4,Comedor {PERSON},Santa Lucía del Camino,Centro,Valles Centrales,Calle 4,17.06,-96.68,,\n\
         OAX-5,Comedor de {COMMITTEE},Oaxaca de Juárez,Centro,Valles Centrales,Calle 5,17.06,-96.72,,\n\
         OAX-6,Comedor {REORDERED},Oaxaca de Juárez,{SHORT_DATE},Valles Centrales,nacida el {WORDS_DATE},17.06,-96.72,,\n\
         OAX-7,Cocina de {PARTIAL},Oaxaca de Juárez,Centro,Valles Centrales,Calle 7,17.06,-96.72,,\n\
         {KEY_NAME},Comedor Ocho,Oaxaca de Juárez,Centro,Valles Centrales,Calle 8,17.06,-96.72,,\n\
         {KEY_DATE},Comedor Nueve,Oaxaca de Juárez,Centro,Valles Centrales,Calle 9,17.06,-96.72,,\n"
    );
    let mut register = String::from("clave_comedor,nombre,sexo,edad\n");
    writeln!(register, "{LONE_KITCHEN},Persona Sola,M,30").unwrap();
    let upper_name = KEY_NAME.to_uppercase();
    for (i, key) in [
        "OAX-1",
        "OAX-2",
        "OAX-3",
        "OAX-4",
        "OAX-5",
        "OAX-6",
        "OAX-7",
        &upper_name,
        KEY_DATE,
    ]
    .iter()
    .enumerate()
    {
        for j in 0..6 {
            let name = if i == 2 && j == 0 {
                PERSON.to_owned()
            } else {
                format!("Persona Ficticia {i}{j}")
            };
            let (sex, age) = (["M", "H"][j % 2], 5 + j * 9);
            writeln!(register, "{key},{name},{sex},{age}").unwrap();
        }
    }
    let manifest = format!(
        r#"{{"id": "entrega-{CURP}", "request": "{REQUEST_PHONE}", "received": "2016-08-15",
            "cut_date": "2016-06-30",
            "items": [{{"description": "Padrón de {PERSON}", "received": true,
                        "files": ["padron.csv"]}},
                      {{"description": "Acta firmada, contacto {EMAIL}", "received": true,
                        "files": ["{FILE_CURP}.pdf"]}}]}}"#
    );
    let write = |name: &str, text: &[u8]| std::fs::write(dir.path().join(name), text).unwrap();
    write("comedores.csv", kitchens.as_bytes());
    write("padron.csv", register.as_bytes());
    write("entrega.json", manifest.as_bytes());
    write(&format!("{FILE_CURP}.pdf"), b"%PDF-1.4 acta");
    dir
}

fn cocina(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cocina"))
        .args(args)
        .arg(dir)
        .output()
        .expect("cocina runs")
}

#[test]
fn the_planted_values_are_found_by_the_search() {
    for text in [
        "Comedor GOMM-800315-MOCRRR05",
        "LEOCADIA RUIZ SANTIBANEZ",
        "<td>9515550199</td>",
        "Santibáñez Ruiz Leocadia",
        "/cocinas/JUANA%20MENDEZ SOTO",
        "3 de Mayo de 1987",
        "03-may-87",
    ] {
        assert!(!leaks(text).is_empty(), "{text}");
    }
    assert!(leaks("Comedor Tres, Oaxaca de Juárez").is_empty());
}

#[test]
fn validate_reports_the_cells_without_repeating_the_values() {
    let dir = crafted_delivery();
    for format in ["text", "json"] {
        let out = cocina(&["validate", "--format", format], dir.path());
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stdout.contains("CA-P008"), "{format}: {stdout}");
        assert!(stdout.contains("CA-G001"), "{format}: {stdout}");
        // The file's own name, for the agency to find it; nothing else.
        assert_eq!(leaks(&stdout), [squeezed(FILE_CURP)], "{format} stdout");
        assert_eq!(leaks(&stderr), Vec::<String>::new(), "{format} stderr");
    }
}

#[test]
fn publish_writes_none_of_the_planted_values() {
    let dir = crafted_delivery();
    let out_dir = tempfile::tempdir().expect("temp dir");
    let site = out_dir.path().join("sitio");
    let run = Command::new(env!("CARGO_BIN_EXE_cocina"))
        .arg("publish")
        .arg(dir.path())
        .arg("--out")
        .arg(&site)
        .output()
        .expect("cocina runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert_eq!(leaks(&stderr), Vec::<String>::new(), "publish stderr");
    let files = files_under(&site);
    assert!(files.len() > 10, "{files:?}");
    let mut withheld_seen = false;
    for path in &files {
        let name = path.strip_prefix(&site).unwrap().to_string_lossy();
        assert_eq!(leaks(&name), Vec::<String>::new(), "file name {name}");
        for text in texts_of(path) {
            withheld_seen |= text.contains("dato retirado");
            assert_eq!(leaks(&text), Vec::<String>::new(), "{name}");
        }
    }
    assert!(withheld_seen, "the placeholder is published in their place");
    published_findings_count_people(&site);
}

/// The published findings name neither the lone person's kitchen nor a
/// register row, and count the people at the unlisted kitchen: one, since
/// the people at the kitchens whose keys were withheld still link to them.
fn published_findings_count_people(site: &Path) {
    let mut findings = None;
    for path in files_under(site) {
        let name = path
            .strip_prefix(site)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for text in texts_of(&path) {
            assert!(
                !text.contains(LONE_KITCHEN),
                "{name} names the lone person's kitchen"
            );
        }
        if name.ends_with("hallazgos.csv") {
            findings = Some(std::fs::read_to_string(&path).unwrap());
        }
    }
    let findings = findings.expect("the package has its findings table");
    let unknown: Vec<&str> = findings
        .lines()
        .filter(|l| l.starts_with("CA-S002"))
        .collect();
    assert_eq!(unknown.len(), 1, "{findings}");
    let line = unknown[0];
    assert!(
        line.contains(",padron.csv,,,,,") && line.contains("1 registro con"),
        "{line}"
    );
}

async fn get(app: &Router, uri: &str) -> String {
    let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Same-site links of a page: `href="/..."`.
fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|link| link.starts_with('/') && !link.starts_with("//"))
        .map(|link| link.replace("&amp;", "&"))
        .collect()
}

#[tokio::test]
async fn the_portal_shows_none_of_the_planted_values() {
    let dir = crafted_delivery();
    let store = Store::open_in_memory().await.expect("in-memory database");
    ingest(&store, dir.path(), &ImportOptions::default())
        .await
        .expect("the crafted delivery loads");
    let app = router(AppState::new(store));

    // Every page reachable from the two home pages, and every API answer.
    let mut pending = vec!["/".to_owned(), "/en/".to_owned()];
    for key in [
        "OAX-1",
        "OAX-2",
        "OAX-3",
        "OAX-4",
        "OAX-5",
        "CLAVE-RETIRADA-0001",
        "CLAVE-RETIRADA-0002",
    ] {
        pending.push(format!("/api/v1/kitchens/{key}"));
        pending.push(format!("/api/v1/kitchens/{key}/history"));
    }
    for path in [
        "/api/v1/kitchens",
        "/api/v1/aggregates",
        "/api/v1/deliveries",
        "/api/v1/documents",
    ] {
        pending.push(path.to_owned());
    }
    let mut seen = BTreeSet::new();
    while let Some(uri) = pending.pop() {
        if seen.len() > 400 || !seen.insert(uri.clone()) {
            continue;
        }
        let body = get(&app, &uri).await;
        assert_eq!(leaks(&body), Vec::<String>::new(), "{uri}");
        assert!(
            !body.contains(LONE_KITCHEN),
            "{uri} names the lone person's kitchen"
        );
        if !uri.starts_with("/api/") {
            pending.extend(links(&body).into_iter().filter(|l| !seen.contains(l)));
        }
    }
    assert!(
        seen.iter().any(|uri| uri.contains("OAX-3")),
        "the kitchen pages were visited: {seen:?}"
    );
    for key in ["CLAVE-RETIRADA-0001", "CLAVE-RETIRADA-0002"] {
        let page = get(&app, &format!("/api/v1/kitchens/{key}")).await;
        assert!(page.contains(key), "{key}: {page}");
        assert!(
            seen.iter()
                .any(|uri| uri.starts_with("/cocinas/") && uri.contains(key)),
            "the neutral key's page is linked: {seen:?}"
        );
    }
}
