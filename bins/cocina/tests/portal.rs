//! The main job's last step on the example delivery: stored in SQLite and
//! served by the portal's router, driven in-process.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use cocina_generator::{Example, ExampleConfig};
use cocina_importers::ImportOptions;
use cocina_portal::{AppState, Store, ingest, router};
use http_body_util::BodyExt as _;
use serde_json::Value;
use tower::ServiceExt as _;

use crate::support::{Secrets, example_dir};

async fn portal() -> Router {
    let store = Store::open_in_memory().await.expect("in-memory database");
    let summary = ingest(&store, &example_dir(), &ImportOptions::default())
        .await
        .expect("the example delivery loads");
    assert_eq!(summary.kitchens, 2_300, "duplicate keys are stored once");
    router(AppState::new(store))
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn overview_shows_the_map_and_the_figures_in_both_languages() {
    let app = portal().await;
    let (status, _, page) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<svg") && (page.contains("130,704") || page.contains("130704")),
        "figures"
    );
    assert!(page.contains("lang=\"es\""));
    let (status, _, page) = get(&app, "/en/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg") && page.contains("lang=\"en\""));
}

#[tokio::test]
async fn kitchen_pages_and_geojson_answer_for_the_example() {
    let app = portal().await;
    let (status, _, page) = get(&app, "/cocinas/OAX-0001").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("OAX-0001"));
    let (status, _, _) = get(&app, "/en/kitchens/OAX-0001").await;
    assert_eq!(status, StatusCode::OK);

    let (status, kind, body) = get(&app, "/api/v1/kitchens").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/geo+json"), "{kind}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 2_300);
    // Points are [lon, lat] inside Oaxaca; the kitchens with planted
    // coordinate faults (3 outside their municipality, 3 without the minus
    // sign, 3 swapped) and unresolved municipalities (2) have none.
    let located: Vec<_> = features
        .iter()
        .filter(|f| !f["geometry"].is_null())
        .collect();
    assert_eq!(located.len(), 2_300 - 11);
    for feature in located {
        let lon = feature["geometry"]["coordinates"][0].as_f64().unwrap();
        let lat = feature["geometry"]["coordinates"][1].as_f64().unwrap();
        assert!(
            (-98.6..-93.8).contains(&lon) && (15.6..18.7).contains(&lat),
            "{feature}"
        );
    }
}

#[tokio::test]
async fn no_page_or_answer_holds_a_personal_value_of_the_example() {
    let app = portal().await;
    let example = Example::build(&ExampleConfig::default());
    let mut uris = vec!["/".to_owned(), "/en/".to_owned(), "/cocinas".to_owned()];
    uris.push("/en/kitchens".to_owned());
    uris.push("/api/v1/kitchens".to_owned());
    for page in ["/documentos", "/descargas", "/calidad", "/en/quality"] {
        uris.push(page.to_owned());
    }
    for file in ["cocinas.csv", "cocinas.geojson", "validacion.json"] {
        uris.push(format!("/datos/{file}"));
    }
    // Every list, and the pages of one kitchen in fifty: all kitchen pages
    // come from one template.
    for kitchen in example.kitchens.iter().step_by(50) {
        uris.push(format!("/cocinas/{}", kitchen.key));
        uris.push(format!("/en/kitchens/{}", kitchen.key));
        uris.push(format!("/cocinas/{}/historia", kitchen.key));
    }
    for municipality in ["067", "039", "043"] {
        uris.push(format!("/municipios/{municipality}"));
    }
    let mut secrets: Vec<String> = Vec::new();
    for person in &example.people {
        secrets.push(person.name.clone());
        secrets.push(person.curp[..16].to_owned());
    }
    for kitchen in &example.kitchens {
        secrets.push(kitchen.president.clone());
        secrets.push(kitchen.phone.clone());
    }
    let secrets = Secrets::new(secrets);
    for uri in &uris {
        let (status, _, body) = get(&app, uri).await;
        assert!(!secrets.found_in(&body), "{uri} shows a personal value");
        assert!(
            status == StatusCode::OK || uri.starts_with("/municipios/"),
            "{uri}: {status}"
        );
    }
}

fn feature_of<'a>(collection: &'a Value, key: &str) -> &'a Value {
    let features = collection["features"].as_array().unwrap();
    features.iter().find(|f| f["id"] == key).unwrap()
}

/// The static site's copy of `/api/v1/kitchens` and the portal's answer are
/// one view of a kitchen serialized once: same properties, same values.
#[tokio::test]
async fn the_site_and_the_portal_publish_the_same_kitchen_alike() {
    let app = portal().await;
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("sitio");
    let options = cocina_publication::PublishOptions::default();
    cocina_publication::publish(&example_dir(), &site, &options).unwrap();
    let file = std::fs::read(site.join("api/v1/kitchens")).unwrap();
    let file: Value = serde_json::from_slice(&file).unwrap();
    let (_, _, body) = get(&app, "/api/v1/kitchens").await;
    let served: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        file["features"].as_array().unwrap().len(),
        served["features"].as_array().unwrap().len()
    );
    let unlocated = served["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["geometry"].is_null())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for key in ["OAX-0001", "OAX-1150", unlocated.as_str()] {
        let (in_file, in_answer) = (feature_of(&file, key), feature_of(&served, key));
        let names = |f: &Value| {
            f["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(names(in_file), names(in_answer), "{key}");
        assert_eq!(in_file, in_answer, "{key}");
    }
}

/// The pages the menu and the overview link to answer for the example:
/// a municipality, the documents with their hashes, the downloads and the
/// package's files, the quality scorecard.
#[tokio::test]
async fn every_page_of_the_menu_answers_for_the_example() {
    let app = portal().await;
    let (status, _, page) = get(&app, "/municipios/067").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Oaxaca de Juárez"));
    let (_, _, documents) = get(&app, "/api/v1/documents").await;
    let documents: Value = serde_json::from_str(&documents).unwrap();
    for document in documents["documents"].as_array().unwrap() {
        let hash = document["sha256"].as_str().unwrap();
        assert_eq!(hash.len(), 64, "{document}");
    }
    let (status, _, page) = get(&app, "/descargas").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("/datos/datapackage.json"));
    let (status, kind, _) = get(&app, "/datos/cocinas.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let (status, _, page) = get(&app, "/en/quality").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("not checked (needs --reference)"));
}

/// docs/portal.md's example of an area without kitchens: 094 (San Andrés
/// Nuxiño) has none in the example, so its figures and its page are a 404;
/// 001 (Abejones) has kitchens, and its figures answer.
#[tokio::test]
async fn the_documented_area_without_kitchens_has_none() {
    let app = portal().await;
    let (status, _, kitchens) = get(&app, "/api/v1/kitchens?municipality=094").await;
    assert_eq!(status, StatusCode::OK);
    let kitchens: Value = serde_json::from_str(&kitchens).unwrap();
    assert_eq!(kitchens["features"].as_array().map(Vec::len), Some(0));
    for uri in [
        "/api/v1/aggregates?level=municipality&area=094",
        "/municipios/094",
    ] {
        assert_eq!(get(&app, uri).await.0, StatusCode::NOT_FOUND, "{uri}");
    }
    let (status, _, _) = get(&app, "/api/v1/aggregates?level=municipality&area=001").await;
    assert_eq!(status, StatusCode::OK);
}

/// A busy port is reported before any import: the database the command
/// would create is never created.
#[test]
fn a_busy_port_is_reported_before_loading_anything() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("portal.sqlite");
    let output = crate::support::cocina_command()
        .arg("serve")
        .arg(example_dir())
        .args(["--listen", &address, "--database"])
        .arg(&database)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&address) && stderr.contains("--listen"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("no se puede escuchar en {address}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("causa: la dirección ya está en uso"),
        "{stderr}"
    );
    for english in ["cannot listen", "Address already in use", "os error"] {
        assert!(!stderr.contains(english), "Spanish only: {stderr}");
    }
    assert!(!database.exists(), "nothing was loaded");

    // In English with --lang, as every other message of serve.
    let output = crate::support::cocina_command()
        .arg("serve")
        .arg(example_dir())
        .args(["--listen", &address, "--lang", "en", "--database"])
        .arg(&database)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on {address}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("caused by: the address is already in use"),
        "{stderr}"
    );
    assert!(stderr.contains("--listen 127.0.0.1:8081"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(
        !stderr.contains("no se puede") && !stderr.contains("causa"),
        "{stderr}"
    );
    assert!(!database.exists(), "nothing was loaded");
}

/// `--listen` takes `localhost:PORT` and a bare port, both on the loopback
/// address: each is refused here only because the port is taken, naming
/// 127.0.0.1 and that port.
#[test]
fn the_listen_address_may_be_localhost_or_a_bare_port() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("portal.sqlite");
    for written in [format!("localhost:{port}"), port.to_string()] {
        let output = crate::support::cocina_command()
            .arg("serve")
            .arg(example_dir())
            .args(["--listen", &written, "--database"])
            .arg(&database)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{written}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("no se puede escuchar en 127.0.0.1:{port}")),
            "{written}: {stderr}"
        );
        assert!(!database.exists(), "{written}: nothing was loaded");
    }
}

/// Any other `--listen` value is a usage error that says what an address
/// looks like, in the command's language, as its help does.
#[test]
fn a_bad_listen_address_says_what_is_expected() {
    let run = |lang: &str| {
        let output = crate::support::cocina_command()
            .args([
                "serve",
                "entrega",
                "--listen",
                "localhost:http",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "a usage error");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let es = run("es");
    assert!(
        es.contains("«localhost:http» no es válido para «--listen"),
        "{es}"
    );
    assert!(
        es.contains("se esperaba DIRECCIÓN:PUERTO, como 127.0.0.1:8080"),
        "{es}"
    );
    let en = run("en");
    assert!(en.contains("invalid value 'localhost:http'"), "{en}");
    assert!(
        en.contains("expected ADDRESS:PORT, such as 127.0.0.1:8080"),
        "{en}"
    );
    assert!(!en.contains("se esperaba"), "{en}");

    let help = crate::support::cocina(&["serve", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--listen <DIRECCIÓN:PUERTO>"), "{help}");
    assert!(
        help.contains("DIRECCIÓN:PUERTO, como 127.0.0.1:8080"),
        "{help}"
    );
    let help = crate::support::cocina(&["serve", "--help", "--lang", "en"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--listen <ADDRESS:PORT>"), "{help}");
    assert!(
        help.contains("ADDRESS:PORT, such as 127.0.0.1:8080"),
        "{help}"
    );
}

/// Runs `cocina serve` on a small delivery with `lang` on a free port,
/// asks the home page once, stops it with SIGTERM as a service manager
/// would, and returns everything it said on standard error. The SQLite
/// database it leaves must have no `-wal` or `-shm` file beside it.
#[cfg(unix)]
fn serve_and_stop(delivery: &std::path::Path, lang: &str) -> String {
    use std::io::{BufRead as _, BufReader, Read as _};
    use std::process::Stdio;

    let dir = tempfile::tempdir().unwrap();
    let mut child = crate::support::cocina_command()
        .arg("serve")
        .arg(delivery)
        .args(["--listen", "127.0.0.1:0", "--lang", lang, "--database"])
        .arg(dir.path().join("portal.sqlite"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cocina starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("piped"));
    let mut said = String::new();
    let address = loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).unwrap();
        assert!(read > 0, "the portal exited before it was ready:\n{said}");
        said.push_str(&line);
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    std::io::Write::write_all(
        &mut stream,
        b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let stopped = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    stderr.read_to_string(&mut said).unwrap();
    assert!(child.wait().unwrap().success(), "{said}");
    assert!(dir.path().join("portal.sqlite").is_file());
    for suffix in ["-wal", "-shm"] {
        let beside = dir.path().join(format!("portal.sqlite{suffix}"));
        assert!(
            !beside.exists(),
            "{} is left after SIGTERM",
            beside.display()
        );
    }
    said
}

/// What `serve` tells its operator (what was loaded, where to open the
/// portal, that it stops) follows the language, with counts that agree
/// with their number.
#[cfg(unix)]
#[test]
fn serve_tells_the_operator_in_the_chosen_language() {
    let delivery = tempfile::tempdir().unwrap();
    let kitchens = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO,CVE_MUN,LATITUD,LONGITUD\n\
                    OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253\n";
    // One person in her age group, one not: one warning (CA-P005).
    let register = "CLAVE COCINA,CURP,SEXO,EDAD,GRUPO DE EDAD\n\
                    OAX-1,,M,1,0-5\n\
                    OAX-1,,F,40,0-5\n";
    std::fs::write(delivery.path().join("comedores.csv"), kitchens).unwrap();
    std::fs::write(delivery.path().join("padron.csv"), register).unwrap();

    let es = serve_and_stop(delivery.path(), "es");
    for expected in [
        "cargada en",
        "1 cocina (1 ubicada), 2 personas beneficiarias",
        "1 advertencia",
        "Portal listo: abra http://",
        "Deteniendo el portal",
        "Portal detenido.",
    ] {
        assert!(es.contains(expected), "{expected:?} missing from:\n{es}");
    }
    for english in ["delivery stored", "portal ready", "stopping", "warnings"] {
        assert!(!es.contains(english), "{english:?} in:\n{es}");
    }

    let en = serve_and_stop(delivery.path(), "en");
    for expected in [
        "loaded into",
        "1 kitchen (1 located), 2 beneficiaries",
        "1 warning and",
        "Portal ready: open http://",
        "Stopping the portal",
        "Portal stopped.",
    ] {
        assert!(en.contains(expected), "{expected:?} missing from:\n{en}");
    }
    assert!(!en.contains("1 warnings"), "{en}");
    for spanish in ["cargada", "listo", "Deteniendo", "advertencia"] {
        assert!(!en.contains(spanish), "{spanish:?} in:\n{en}");
    }
}
