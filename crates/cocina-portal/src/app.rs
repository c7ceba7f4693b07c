//! The router: the public pages in both languages, the API and the health
//! check.

use axum::Router;
use axum::body::Body;
use std::time::Duration;

use axum::extract::{MatchedPath, Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION};
use axum::http::{HeaderValue, Method, Request, StatusCode, Uri};
use axum::middleware;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use cocina_model::{KitchenKey, Lang};
use cocina_rendering::routes::{encode_component, lang_of_path, oaxaca_municipality};
use cocina_rendering::{ListFilter, Page, PageKind, Scope, downloads_in, quality_in};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{self, CorsLayer};
use tower_http::trace::{DefaultOnRequest, TraceLayer};

use crate::api;
use crate::caching;
use crate::error::{AppError, not_found_response};
use crate::openapi::{API_PATHS, DATA_PATHS};
use crate::store::Store;

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database the pages are read from.
    pub store: Store,
}

impl AppState {
    /// Wraps a store.
    #[must_use]
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

/// Builds the portal's router. Routes:
///
/// - the pages of [`PageKind`] at their Spanish and English paths
///   ([`PageKind::pattern`]), but regions, and `/en` redirecting to `/en/`;
/// - the open-data package of the delivery shown under `/datos/`, and of
///   every delivery under `/datos/{delivery}/`;
/// - the API of [`API_PATHS`], open to any origin (CORS);
/// - `/healthz`: `ok` while the server runs; `/readyz`: `ready` while the
///   database answers, 503 otherwise;
/// - anything else: a JSON error under `/api/`, otherwise the 404 page, in
///   English under `/en/`.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for lang in Lang::ALL {
        router = page_routes(router, lang);
    }
    router
        .route("/en", get(|| async { Redirect::permanent("/en/") }))
        .route(DATA_PATHS[0], get(package_file))
        .route(DATA_PATHS[1], get(delivery_package_file))
        .merge(api_routes())
        .layer(middleware::from_fn(caching::etag))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readiness))
        .fallback(fallback)
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            caching::AnswerCache::default(),
            caching::reuse,
        ))
        .layer(trace_layer())
        .with_state(state)
}

/// Registers every page of [`PageKind`] in `lang` but the region's: the
/// portal loads deliveries without reference data, which alone places
/// municipalities in regions.
fn page_routes(router: Router<AppState>, lang: Lang) -> Router<AppState> {
    let keyed = |kind: PageKind| kind.pattern(lang);
    router
        .route(
            PageKind::Overview.pattern(lang),
            get(move |state: State<AppState>| overview(state, lang)),
        )
        .route(
            PageKind::KitchenList.pattern(lang),
            get(
                move |state: State<AppState>, query: Query<Vec<(String, String)>>| {
                    kitchen_list(state, query, lang)
                },
            ),
        )
        .route(
            keyed(PageKind::Kitchen),
            get(move |state: State<AppState>, key: Path<String>| kitchen(state, key, lang)),
        )
        .route(
            keyed(PageKind::KitchenHistory),
            get(move |state: State<AppState>, key: Path<String>| history(state, key, lang)),
        )
        .route(
            keyed(PageKind::Municipality),
            get(move |state: State<AppState>, key: Path<String>| municipality(state, key, lang)),
        )
        .route(
            PageKind::Documents.pattern(lang),
            get(move |state: State<AppState>| documents(state, lang)),
        )
        .route(
            PageKind::Downloads.pattern(lang),
            get(move |state: State<AppState>| downloads(state, lang)),
        )
        .route(
            PageKind::Quality.pattern(lang),
            get(move |state: State<AppState>| quality(state, lang)),
        )
        .route(
            PageKind::Deliveries.pattern(lang),
            get(move |state: State<AppState>| deliveries(state, lang)),
        )
        .route(
            keyed(PageKind::DeliveryDownloads),
            get(move |state: State<AppState>, id: Path<String>| {
                delivery_downloads(state, id, lang)
            }),
        )
        .route(
            keyed(PageKind::DeliveryQuality),
            get(move |state: State<AppState>, id: Path<String>| delivery_quality(state, id, lang)),
        )
}

/// The API's routes, each in [`API_PATHS`], open to pages of any origin:
/// they are public reads, and sending no credentials.
fn api_routes() -> Router<AppState> {
    let [
        kitchens,
        kitchen,
        history,
        aggregates,
        deliveries,
        openapi,
        documents,
    ] = API_PATHS;
    let cors = CorsLayer::new()
        .allow_origin(cors::Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([IF_NONE_MATCH])
        .expose_headers([ETAG]);
    Router::new()
        .route(kitchens, get(api::kitchens))
        .route(kitchen, get(api::kitchen))
        .route(history, get(api::history))
        .route(aggregates, get(api::aggregates))
        .route(deliveries, get(api::deliveries))
        .route(openapi, get(api::openapi_document))
        .route(documents, get(api::documents))
        .layer(cors)
}

/// Ready when the database answers; a load balancer stops sending
/// visitors to an instance that is not.
async fn readiness(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => "ready".into_response(),
        Err(error) => {
            tracing::warn!(%error, "not ready: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready / no disponible").into_response()
        }
    }
}

type MakeSpan = fn(&Request<Body>) -> tracing::Span;
type OnResponse = fn(&Response, Duration, &tracing::Span);
type HttpTraceLayer =
    TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan, DefaultOnRequest, OnResponse>;

/// Logs one line per request at info: method, route template, status and
/// latency. The route template (`/cocinas/{key}`), not the path, and never
/// the query string: what a visitor typed in a search may name a person.
fn trace_layer() -> HttpTraceLayer {
    TraceLayer::new_for_http()
        .make_span_with(request_span as MakeSpan)
        .on_response(log_response as OnResponse)
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(none)", MatchedPath::as_str);
    tracing::info_span!("request", method = %request.method(), route = %route)
}

fn log_response(response: &Response, latency: Duration, span: &tracing::Span) {
    tracing::info!(
        parent: span,
        status = response.status().as_u16(),
        latency_us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
        "answered"
    );
}

async fn overview(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, AppError> {
    let page = state.store.overview().await?;
    Ok(Html(cocina_rendering::overview(&page, lang)?))
}

/// The kitchen list, narrowed by the query string's parameters in either
/// language; the page tells what it did not understand.
async fn kitchen_list(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
    lang: Lang,
) -> Result<Html<String>, AppError> {
    let (filter, mut notices) = ListFilter::from_query(&query);
    let mut page = state.store.kitchen_list(&filter).await?;
    // What the address asked first, then what the list made of it (a page
    // past its end).
    notices.append(&mut page.notices);
    page.notices = notices;
    Ok(Html(cocina_rendering::kitchen_list(&page, lang)?))
}

async fn kitchen(
    State(state): State<AppState>,
    Path(key): Path<String>,
    lang: Lang,
) -> Result<Html<String>, AppError> {
    let key = KitchenKey::new(&key).map_err(|_| AppError::NotFound(lang))?;
    let page = state.store.kitchen(&key).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(cocina_rendering::kitchen(&page, lang)?))
}

async fn history(
    State(state): State<AppState>,
    Path(key): Path<String>,
    lang: Lang,
) -> Result<Html<String>, AppError> {
    let key = KitchenKey::new(&key).map_err(|_| AppError::NotFound(lang))?;
    let page = state.store.kitchen_history_page(&key).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(cocina_rendering::kitchen_history(&page, lang)?))
}

/// A municipality's page, addressed by its three-digit key as the pages
/// link to it; a municipality without kitchens in the delivery has none.
/// The key written as the API also reads it (`67`, `20067`) answers a
/// permanent redirect to the page's address.
async fn municipality(
    State(state): State<AppState>,
    Path(written): Path<String>,
    lang: Lang,
) -> Result<Response, AppError> {
    let key = oaxaca_municipality(&written).ok_or(AppError::NotFound(lang))?;
    let page = state.store.municipality(key).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    let canonical = Page::Municipality(key).url(lang);
    if written != key.as_str() {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    Ok(Html(cocina_rendering::municipality(&page, lang)?).into_response())
}

async fn documents(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, AppError> {
    let page = state.store.documents_page().await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(cocina_rendering::documents(&page, lang)?))
}

/// The downloads of the delivery shown, linking to its stable address.
async fn downloads(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, AppError> {
    let page = state.store.downloads_page(None).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(downloads_in(&page, Scope::Latest, lang)?))
}

/// The scorecard of the delivery shown, linking to its stable address.
async fn quality(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, AppError> {
    let page = state.store.quality_page(None).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(quality_in(&page, Scope::Latest, lang)?))
}

/// Every delivery held, with links to each one's pages.
async fn deliveries(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, AppError> {
    let page = state.store.deliveries_page().await?;
    Ok(Html(cocina_rendering::deliveries(&page, lang)?))
}

/// The downloads of one delivery, at an address that stays.
async fn delivery_downloads(
    State(state): State<AppState>,
    Path(id): Path<String>,
    lang: Lang,
) -> Result<Html<String>, AppError> {
    let page = state.store.downloads_page(Some(&id)).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(downloads_in(&page, Scope::Delivery, lang)?))
}

/// The scorecard of one delivery, at an address that stays.
async fn delivery_quality(
    State(state): State<AppState>,
    Path(id): Path<String>,
    lang: Lang,
) -> Result<Html<String>, AppError> {
    let page = state.store.quality_page(Some(&id)).await?;
    let page = page.ok_or(AppError::NotFound(lang))?;
    Ok(Html(quality_in(&page, Scope::Delivery, lang)?))
}

/// One file of the open-data package of the delivery shown, as `cocina
/// publish` writes it into `datos/`.
async fn package_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    file_answer(&state, None, &file).await
}

/// One file of the open-data package of one delivery.
async fn delivery_package_file(
    State(state): State<AppState>,
    Path((delivery, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    file_answer(&state, Some(&delivery), &file).await
}

/// Answers with `file` of the package of `delivery`, the one shown when
/// `None`; the 404 page when either does not exist.
async fn file_answer(
    state: &AppState,
    delivery: Option<&str>,
    file: &str,
) -> Result<Response, AppError> {
    let found = state.store.package_file(delivery, file).await?;
    let found = found.ok_or(AppError::NotFound(Lang::Es))?;
    Ok((
        [
            (CONTENT_TYPE, media_type(&found.format)),
            (CONTENT_DISPOSITION, attachment(&found.file).as_str()),
        ],
        found.body,
    )
        .into_response())
}

/// Returns the `Content-Disposition` of a package file: a download (RFC
/// 6266) under its own name. The plain `filename` keeps only characters
/// every browser reads there; `filename*` carries the name whole when it
/// has others.
fn attachment(file: &str) -> String {
    let plain: String = file
        .chars()
        .map(|c| {
            let safe = c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
            if safe { c } else { '_' }
        })
        .collect();
    if plain == file {
        format!("attachment; filename=\"{plain}\"")
    } else {
        let encoded = encode_component(file);
        format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}")
    }
}

/// The media type of a package file by its format.
fn media_type(format: &str) -> &'static str {
    match format {
        "CSV" => "text/csv; charset=utf-8",
        "GeoJSON" => api::GEOJSON_MEDIA_TYPE,
        "JSON" => "application/json",
        "XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// Anything no route takes: under `/api/` a JSON error, as an API client
/// expects; a page's address with a trailing slash, as the static site
/// writes its addresses (`/cocinas/`), a permanent redirect to the page;
/// elsewhere the 404 page in the path's language.
async fn fallback(uri: Uri) -> Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        return api::unknown_path();
    }
    if let Some(page) = page_without_slash(uri.path()) {
        let location = match uri.query() {
            Some(query) => format!("{page}?{query}"),
            None => page.to_owned(),
        };
        // A path and query the request line carried are a valid header.
        if let Ok(location) = HeaderValue::from_str(&location) {
            return (StatusCode::PERMANENT_REDIRECT, [(LOCATION, location)]).into_response();
        }
    }
    not_found_response(lang_of_path(uri.path())).into_response()
}

/// Returns `path` without its trailing slash when that names one of the
/// pages the portal serves (by its route pattern, whatever the key); the
/// page itself may still not exist, and then answers 404.
fn page_without_slash(path: &str) -> Option<&str> {
    let page = path.strip_suffix('/')?;
    let served = PageKind::ALL.into_iter().filter(|k| *k != PageKind::Region);
    let mut patterns = served.flat_map(|kind| Lang::ALL.map(|lang| kind.pattern(lang)));
    patterns.any(|p| matches_pattern(p, page)).then_some(page)
}

/// Returns whether `path` fits the route `pattern`: the same segments, a
/// `{key}` standing for any non-empty one.
fn matches_pattern(pattern: &str, path: &str) -> bool {
    let (mut wanted, mut given) = (pattern.split('/'), path.split('/'));
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some("{key}"), Some(segment)) if !segment.is_empty() => {}
            (Some(a), Some(b)) if a == b && a != "{key}" => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_lose_their_trailing_slash() {
        for (path, page) in [
            ("/cocinas/", "/cocinas"),
            ("/en/kitchens/", "/en/kitchens"),
            ("/cocinas/OAX%2F1/historia/", "/cocinas/OAX%2F1/historia"),
            ("/municipios/067/", "/municipios/067"),
            ("/entregas/e-2016/calidad/", "/entregas/e-2016/calidad"),
            ("/en//", "/en/"),
        ] {
            assert_eq!(page_without_slash(path), Some(page), "{path}");
        }
        for path in [
            "/",
            "/cocinas",
            "/cocinas//",
            "/municipios/",
            "/regiones/costa/",
            "/datos/cocinas.csv/",
            "//cocinas/",
            "/nada/",
        ] {
            assert_eq!(page_without_slash(path), None, "{path}");
        }
    }

    #[test]
    fn package_files_download_under_their_own_name() {
        assert_eq!(
            attachment("cocinas.geojson"),
            "attachment; filename=\"cocinas.geojson\""
        );
        assert_eq!(
            attachment("año \"2016\".csv"),
            "attachment; filename=\"a_o__2016_.csv\"; \
             filename*=UTF-8''a%C3%B1o%20%222016%22.csv"
        );
    }
}
