//! The router: the public pages in both languages, the API and the health
//! check.

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::http::{Method, Request, StatusCode, Uri};
use axum::middleware;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use cocina_model::{KitchenKey, Lang, MunicipalityKey};
use cocina_rendering::routes::lang_of_path;
use cocina_rendering::{ListFilter, PageKind};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{self, CorsLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::api::{self, API_PATHS};
use crate::caching;
use crate::error::{AppError, not_found_response};
use crate::store::Store;

/// The longest name filter accepted, in characters; longer text is cut.
const MAX_NAME_FILTER: usize = 100;

/// The highest list page asked for that is honoured; far beyond any
/// delivery's kitchens, and small enough that the offset cannot overflow.
const MAX_PAGE: u32 = 100_000;

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
///   ([`PageKind::pattern`]), and `/en` redirecting to `/en/`;
/// - the API of [`API_PATHS`], open to any origin (CORS);
/// - `/healthz`: `ok` while the server runs; `/readyz`: `ready` while the
///   database answers, 503 otherwise;
/// - anything else: the 404 page, in English under `/en/`.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for lang in Lang::ALL {
        router = router
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
                PageKind::Kitchen.pattern(lang),
                get(move |state: State<AppState>, key: Path<String>| kitchen(state, key, lang)),
            );
    }
    router
        .route("/en", get(|| async { Redirect::permanent("/en/") }))
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
type HttpTraceLayer = TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan>;

/// Logs each request with its method and path only: query strings may
/// hold what a visitor typed, and paths hold only kitchen keys.
fn trace_layer() -> HttpTraceLayer {
    TraceLayer::new_for_http()
        .make_span_with(request_span as MakeSpan)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
    )
}

async fn overview(State(state): State<AppState>, lang: Lang) -> Result<Html<String>, AppError> {
    let page = state.store.overview().await?;
    Ok(Html(cocina_rendering::overview(&page, lang)?))
}

async fn kitchen_list(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
    lang: Lang,
) -> Result<Html<String>, AppError> {
    let filter = list_filter(&query);
    let page = state.store.kitchen_list(&filter).await?;
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

async fn fallback(uri: Uri) -> Response {
    not_found_response(lang_of_path(uri.path())).into_response()
}

/// Reads the list's filter from the query string. A municipality that is
/// not a key (the form only sends keys) and an empty name filter nothing, a
/// page that is not a number is the first; the first of repeated
/// parameters counts.
fn list_filter(query: &[(String, String)]) -> ListFilter {
    let first = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let municipality = first("municipio")
        .and_then(|v| v.parse::<u32>().ok())
        .and_then(|n| MunicipalityKey::from_number(n).ok());
    let name = first("q").map(|v| v.chars().take(MAX_NAME_FILTER).collect());
    let page = first("pagina").and_then(|v| v.parse().ok()).unwrap_or(1);
    ListFilter {
        municipality,
        name,
        page: page.clamp(1, MAX_PAGE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn filter_reads_keys_and_names_and_ignores_the_rest() {
        let filter = list_filter(&pairs(&[("municipio", "67"), ("q", "  niños ")]));
        assert_eq!(filter.municipality.unwrap().as_str(), "067");
        assert_eq!(filter.name.as_deref(), Some("niños"));
        let filter = list_filter(&pairs(&[("municipio", "abc"), ("q", ""), ("pagina", "-3")]));
        assert!(filter.is_empty());
        assert_eq!(filter.page(), 1);
        let filter = list_filter(&pairs(&[("pagina", "4294967295")]));
        assert_eq!(filter.page(), MAX_PAGE);
        let long = "a".repeat(500);
        let filter = list_filter(&pairs(&[("q", &long)]));
        assert_eq!(filter.name.unwrap().len(), MAX_NAME_FILTER);
    }
}
