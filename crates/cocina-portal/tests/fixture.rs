//! A small delivery with fake people, and helpers to drive the router.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use chrono::NaiveDate;
use cocina_importers::ImportedDelivery;
use cocina_model::curp::check_digit;
use cocina_model::{
    AgeBins, Beneficiary, BirthDate, ColumnMap, CommitteeContact, CommitteeRole, Curp, CurpField,
    Delivery, Kitchen, KitchenKey, KitchenStatus, LocalityKey, MunicipalityKey, PersonName,
    PhoneNumber, RowOrigin, Sex, StateKey,
};
use cocina_portal::{AppState, IngestSummary, Store, router, store_delivery};
use geo_types::Point;
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

/// The name of a kitchen that tries to inject a script.
pub(crate) const HOSTILE_NAME: &str = "<script>alert('cocina')</script> Comedor";

/// The kitchens: one located in Oaxaca de Juárez, one whose point lies in
/// another municipality, one whose municipality is given by name only and
/// whose longitude lost its minus sign.
pub(crate) const LOCATED: &str = "OAX-VC-001";
/// See [`LOCATED`].
pub(crate) const ELSEWHERE: &str = "OAX-VC-002";
/// See [`LOCATED`].
pub(crate) const UNLOCATED: &str = "OAX-IS-003";

/// The premises address and committee contact of a kitchen: never shown.
pub(crate) const PREMISES: &str = "CALLE DEL SECRETO 99";
/// See [`PREMISES`].
pub(crate) const COMMITTEE_NAME: &str = "Zenaida Comité Inventado";
/// See [`PREMISES`].
pub(crate) const COMMITTEE_PHONE: &str = "9515550199";

/// One fake person: what must never appear anywhere.
pub(crate) struct FakePerson {
    pub(crate) name: String,
    pub(crate) curp: String,
    pub(crate) birth: NaiveDate,
}

/// The delivery and the personal values it holds.
pub(crate) struct Fixture {
    pub(crate) delivery: ImportedDelivery,
    pub(crate) people: Vec<FakePerson>,
}

impl Fixture {
    /// Every personal value of the fixture as text, in the spellings a
    /// leak could take.
    pub(crate) fn personal_values(&self) -> Vec<String> {
        let mut values = vec![
            PREMISES.to_owned(),
            COMMITTEE_NAME.to_owned(),
            COMMITTEE_PHONE.to_owned(),
        ];
        for person in &self.people {
            values.push(person.name.clone());
            values.push(person.curp.clone());
            values.push(person.birth.format("%Y-%m-%d").to_string());
            values.push(person.birth.format("%d/%m/%Y").to_string());
        }
        values
    }
}

fn origin(file: &str, row: u32) -> RowOrigin {
    RowOrigin {
        file: file.into(),
        sheet: Some("Hoja1".into()),
        row,
        columns: Arc::new(ColumnMap::default()),
    }
}

fn kitchen(key: &str, name: &str, row: u32) -> Kitchen {
    Kitchen {
        key: KitchenKey::new(key).unwrap(),
        name: name.to_owned(),
        state: StateKey::oaxaca(),
        municipality: None,
        municipality_name: None,
        locality: None,
        locality_name: None,
        region_name: None,
        address: None,
        location: None,
        status: KitchenStatus::Operating,
        opened: None,
        closed: None,
        capacity: None,
        contacts: Vec::new(),
        origin: origin("cocinas.xlsx", row),
    }
}

fn kitchens() -> Vec<Kitchen> {
    let oaxaca = MunicipalityKey::new("067").unwrap();
    let mut located = kitchen(LOCATED, "Cocina Niños Héroes", 2);
    located.municipality = Some(oaxaca);
    located.municipality_name = Some("OAXACA DE JUAREZ".into());
    located.locality = Some(LocalityKey::new("0001").unwrap());
    located.locality_name = Some("Oaxaca de Juárez".into());
    located.location = Some(Point::new(-96.7253, 17.0606));
    located.capacity = Some(120);
    located.opened = NaiveDate::from_ymd_opt(2014, 3, 1);
    located.address = Some(PREMISES.into());
    located.contacts = vec![CommitteeContact {
        role: CommitteeRole::President,
        name: Some(PersonName::new(COMMITTEE_NAME.into())),
        phone: Some(PhoneNumber::new(COMMITTEE_PHONE.into())),
    }];

    let mut elsewhere = kitchen(ELSEWHERE, HOSTILE_NAME, 3);
    elsewhere.municipality = Some(oaxaca);
    // Juchitán, in the Isthmus, far from Oaxaca de Juárez.
    elsewhere.location = Some(Point::new(-95.0331, 16.4322));
    elsewhere.status = KitchenStatus::Suspended;

    let mut unlocated = kitchen(UNLOCATED, "Comedor La Esperanza", 4);
    unlocated.municipality_name = Some("STO. DGO. TEHUANTEPEC".into());
    unlocated.location = Some(Point::new(95.2, 16.32));
    unlocated.status = KitchenStatus::Closed;
    vec![located, elsewhere, unlocated]
}

/// Builds a valid CURP for a fake woman or man born on `birth`.
fn curp(initials: &str, birth: NaiveDate, sex: Sex, homonym: char) -> String {
    let sex = if sex == Sex::Female { 'M' } else { 'H' };
    let first17 = format!("{initials}{}{sex}OCXXX{homonym}", birth.format("%y%m%d"));
    let digit = check_digit(first17.as_bytes()).unwrap();
    let text = format!("{first17}{digit}");
    assert!(Curp::new(&text).is_ok(), "fixture CURP {text} is valid");
    text
}

/// `(kitchen, sex, age, how many)`: kitchen 1 has a small group of older
/// women that must be suppressed.
const GROUPS: &[(&str, Sex, u16, usize)] = &[
    (LOCATED, Sex::Female, 8, 12),
    (LOCATED, Sex::Male, 9, 7),
    (LOCATED, Sex::Female, 67, 2),
    (ELSEWHERE, Sex::Female, 3, 6),
    (ELSEWHERE, Sex::Male, 4, 1),
    // Registered at a kitchen the list does not have.
    ("OAX-XX-999", Sex::Male, 30, 1),
];

fn beneficiaries() -> (Vec<Beneficiary>, Vec<FakePerson>) {
    let bins = AgeBins::default();
    let mut records = Vec::new();
    let mut people = Vec::new();
    for &(kitchen, sex, age, n) in GROUPS {
        for _ in 0..n {
            let number = people.len();
            let year = 2016 - i32::from(age) - 1;
            let birth = NaiveDate::from_ymd_opt(year, 7, 1 + (number % 28) as u32).unwrap();
            let homonym = if year >= 2000 { 'A' } else { '0' };
            let person = FakePerson {
                name: format!("Persona Ficticia Número {number}"),
                curp: curp("FIPE", birth, sex, homonym),
                birth,
            };
            records.push(Beneficiary {
                kitchen: KitchenKey::new(kitchen).unwrap(),
                sex: Some(sex),
                age: Some(age),
                birth_date: Some(BirthDate::new(birth)),
                age_group: bins.classify(Some(age)),
                priority: Vec::new(),
                registered: None,
                name: Some(PersonName::new(person.name.clone())),
                curp: Some(CurpField::Valid(Curp::new(&person.curp).unwrap())),
                origin: origin("padron.xlsx", number as u32 + 2),
            });
            people.push(person);
        }
    }
    (records, people)
}

/// Where the fixture's files would be: it lists none, so nothing is read.
pub(crate) fn files() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture delivery, `entrega-prueba`.
pub(crate) fn fixture() -> Fixture {
    let (beneficiaries, people) = beneficiaries();
    let delivery = ImportedDelivery {
        delivery: Delivery {
            id: "entrega-prueba".into(),
            received: NaiveDate::from_ymd_opt(2016, 8, 15),
            cut_date: NaiveDate::from_ymd_opt(2016, 6, 30),
            request: Some("0012345-16".into()),
            items: Vec::new(),
            files: Vec::new(),
        },
        kitchens: kitchens(),
        beneficiaries,
        counts: Vec::new(),
        endowments: Vec::new(),
        issues: Vec::new(),
    };
    Fixture { delivery, people }
}

/// The database engine a test runs against.
#[derive(Debug, Clone)]
pub(crate) enum Engine {
    /// SQLite in memory.
    Sqlite,
    /// PostgreSQL at this URL (see [`Engine::postgres`]).
    Postgres(String),
}

/// The PostgreSQL server the tests use; `COCINA_TEST_POSTGRES` overrides it.
const POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// Counts the schemas this test process made, to name each one uniquely.
static SCHEMAS: AtomicUsize = AtomicUsize::new(0);

impl Engine {
    /// Returns PostgreSQL when its server answers. When it does not, the
    /// test is skipped with a printed message, unless `CI` is set: there
    /// the server must run, and the test fails.
    #[expect(
        clippy::print_stderr,
        reason = "a skipped test says so on the test output"
    )]
    pub(crate) async fn postgres() -> Option<Self> {
        let url = std::env::var("COCINA_TEST_POSTGRES").unwrap_or_else(|_| POSTGRES_URL.into());
        match sqlx::postgres::PgPool::connect(&url).await {
            Ok(pool) => {
                pool.close().await;
                Some(Self::Postgres(url))
            }
            Err(error) if std::env::var_os("CI").is_none() => {
                eprintln!("skipped: PostgreSQL at {url} is unreachable ({error}); CI is not set");
                None
            }
            Err(error) => panic!("PostgreSQL at {url} is unreachable in CI: {error}"),
        }
    }

    /// Opens an empty, migrated store. On PostgreSQL each store gets a
    /// schema of its own, so tests running at once never see each other's
    /// rows; schemas left by test processes that have ended are dropped.
    pub(crate) async fn store(&self) -> Store {
        match self {
            Self::Sqlite => Store::open_in_memory().await.unwrap(),
            Self::Postgres(url) => Store::connect(&fresh_schema(url).await).await.unwrap(),
        }
    }
}

async fn fresh_schema(url: &str) -> String {
    let pid = std::process::id();
    let n = SCHEMAS.fetch_add(1, Ordering::Relaxed);
    let schema = format!("cocina_test_{pid}_{n}");
    let pool = sqlx::postgres::PgPool::connect(url).await.unwrap();
    let old: Vec<String> = sqlx::query_scalar(
        "SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'cocina\\_test\\_%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for name in old.iter().filter(|name| !process_alive(name)) {
        // Another process may drop the same schema at the same moment.
        let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
            .execute(&pool)
            .await;
    }
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}options=-c%20search_path%3D{schema}")
}

/// Whether the test process that made schema `cocina_test_<pid>_<n>` runs.
fn process_alive(schema: &str) -> bool {
    let pid = schema.split('_').nth(2).unwrap_or_default();
    std::path::Path::new("/proc").join(pid).exists()
}

/// Generates, for each listed `async fn name(engine: Engine)`, a test
/// `sqlite::name` and a test `postgres::name`.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                super::$name(crate::fixture::Engine::Sqlite).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                if let Some(engine) = crate::fixture::Engine::postgres().await {
                    super::$name(engine).await;
                }
            })*
        }
    };
}
pub(crate) use on_both_engines;

/// A store holding the fixture, stored as `ingest` stores.
pub(crate) async fn loaded_store(engine: &Engine) -> (Store, IngestSummary) {
    let store = engine.store().await;
    let summary = store_delivery(&store, fixture().delivery, crate::fixture::files())
        .await
        .unwrap();
    (store, summary)
}

/// The portal's router over the fixture.
pub(crate) async fn app(engine: &Engine) -> Router {
    let (store, _) = loaded_store(engine).await;
    router(AppState::new(store))
}

/// What a request answered.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: String,
}

/// Sends `GET uri` through the router.
pub(crate) async fn get(app: &Router, uri: &str) -> Answer {
    get_with(app, uri, &[]).await
}

/// Sends `GET uri` with `headers` through the router.
pub(crate) async fn get_with(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        // Lossy: a download may be binary (the .xlsx).
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Returns the site's own links in `html`: `href` values that are absolute
/// paths, without their fragment.
pub(crate) fn own_links(html: &str) -> BTreeSet<String> {
    html.split("href=")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start_matches('"');
            let end = rest.find(['"', ' ', '>']).unwrap_or(rest.len());
            let link = rest[..end].split('#').next().unwrap_or_default();
            (link.starts_with('/') && !link.starts_with("//")).then(|| link.to_owned())
        })
        .collect()
}

/// Visits every page reachable from `start` through the site's own links,
/// asserting each answers 200, and returns the addresses visited. More
/// than `limit` addresses means the links run away, which fails too.
pub(crate) async fn crawl(app: &Router, start: Vec<String>, limit: usize) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = start;
    while let Some(url) = queue.pop() {
        if !seen.insert(url.clone()) {
            continue;
        }
        assert!(seen.len() <= limit, "the crawl does not end: {url}");
        let answer = get(app, &url).await;
        assert_eq!(answer.status, StatusCode::OK, "{url}");
        let html = answer.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html");
        if html {
            queue.extend(own_links(&answer.body));
        }
    }
    seen
}
