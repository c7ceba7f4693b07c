//! The one error type of the web server, and how it becomes a response.

use std::error::Error as StdError;
use std::fmt::Write as _;

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse, Response};
use cocina_model::Lang;
use cocina_rendering::RenderError;

use crate::store::StoreError;

/// What went wrong while answering a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The address leads to no page; answered with the 404 page in the
    /// request's language. Not logged as an error: it is the visitor's
    /// input.
    #[error("no such page")]
    NotFound(Lang),
    /// The database failed.
    #[error("the database failed")]
    Store(#[from] StoreError),
    /// A page could not be rendered.
    #[error("a page could not be rendered")]
    Render(#[from] RenderError),
}

/// The body of every 500 answer: it says nothing about the cause, which
/// goes to the log.
const INTERNAL_ERROR_BODY: &str = "Error interno del servidor. Intente de nuevo más tarde.\nInternal server error. Please try \
     again later.\n";

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound(lang) => not_found_response(lang),
            internal => {
                tracing::error!(error = %chain(&internal), "request failed");
                internal_error_response()
            }
        }
    }
}

/// Returns the 404 page in `lang`.
pub(crate) fn not_found_response(lang: Lang) -> Response {
    match cocina_rendering::not_found(lang) {
        Ok(page) => (StatusCode::NOT_FOUND, Html(page)).into_response(),
        Err(error) => {
            tracing::error!(error = %chain(&error), "the 404 page could not be rendered");
            internal_error_response()
        }
    }
}

fn internal_error_response() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        INTERNAL_ERROR_BODY,
    )
        .into_response()
}

/// Writes an error and its causes on one line, for the log.
fn chain(error: &dyn StdError) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = write!(out, ": {cause}");
        source = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use http_body_util::BodyExt as _;

    use super::*;

    async fn answer(error: AppError) -> (StatusCode, String) {
        let response = error.into_response();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn internal_failures_get_a_generic_body() {
        let error = AppError::Store(StoreError::Corrupt {
            what: "kitchen key",
        });
        let (status, body) = answer(error).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body, INTERNAL_ERROR_BODY);
        assert!(!body.contains("kitchen key"), "the cause stays in the log");
    }

    #[tokio::test]
    async fn missing_pages_answer_in_their_language() {
        let (status, body) = answer(AppError::NotFound(Lang::En)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("<html lang=\"en\">"));
    }

    #[test]
    fn the_chain_names_every_cause() {
        let error = AppError::Store(StoreError::Corrupt { what: "date" });
        assert_eq!(
            chain(&error),
            "the database failed: stored date is not valid"
        );
    }
}
