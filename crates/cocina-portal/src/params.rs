//! The API's query strings, read strictly, and its error answers.
//!
//! Every endpoint under `/api/v1/` names the parameters it accepts;
//! [`Params::read`] refuses a query string that repeats one of them or
//! carries another, so a typo (`municipio` for `municipality`) is not
//! silently ignored into a larger answer. The one exception is
//! [`CACHE_BUSTER`], which browsers' libraries add on their own. Every refusal is an [`ApiError`]:
//! a JSON body in Spanish and English that names the parameter and what
//! was expected, never axum's plain-text rejection. No error repeats a
//! value the client sent, which might be a person's name or CURP: the
//! parameter's name is taken from the endpoint's own list, not from the
//! request.

use axum::Json;
use axum::extract::{FromRequestParts, Query};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::AppError;
use crate::store::StoreError;

/// Why an API request could not be answered with data.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// The request is malformed: 400.
    BadRequest(Message),
    /// What the request names does not exist: 404.
    NotFound(Message),
    /// The server failed: 500, with the cause logged, not shown.
    Internal(AppError),
}

/// An error's text in both languages, and the parameter it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    /// The parameter at fault, from the endpoint's list; `None` when the
    /// fault is no one parameter's (an unknown one, whose name the client
    /// wrote, is not repeated).
    pub(crate) parameter: Option<&'static str>,
    /// Spanish.
    pub(crate) es: String,
    /// English.
    pub(crate) en: String,
}

impl Message {
    /// A message about `parameter`.
    pub(crate) fn about(parameter: &'static str, en: String, es: String) -> Self {
        Self {
            parameter: Some(parameter),
            es,
            en,
        }
    }

    /// A message about no one parameter.
    pub(crate) fn general(en: &str, es: &str) -> Self {
        Self {
            parameter: None,
            es: es.to_owned(),
            en: en.to_owned(),
        }
    }
}

impl ApiError {
    /// A 400 about `parameter`.
    pub(crate) fn bad(parameter: &'static str, en: String, es: String) -> Self {
        Self::BadRequest(Message::about(parameter, en, es))
    }

    /// A 404 about `parameter`.
    pub(crate) fn missing(parameter: &'static str, en: String, es: String) -> Self {
        Self::NotFound(Message::about(parameter, en, es))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self::Internal(AppError::Store(error))
    }
}

/// The JSON body of an API error: `error` holds both languages, English
/// first, as every earlier answer did; `message_es`, `message_en` and
/// `parameter` give them apart.
pub(crate) fn error_body(status: StatusCode, message: &Message) -> Response {
    let body = json!({
        "error": format!("{} / {}", message.en, message.es),
        "message_es": message.es,
        "message_en": message.en,
        "parameter": message.parameter,
        "status": status.as_u16(),
    });
    (status, Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            Self::BadRequest(message) => error_body(StatusCode::BAD_REQUEST, &message),
            Self::NotFound(message) => error_body(StatusCode::NOT_FOUND, &message),
            Self::Internal(error) => error.into_response(),
        }
    }
}

/// The query string's `name=value` pairs, decoded, as sent.
#[derive(Debug, Default)]
pub(crate) struct RawParams(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for RawParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
            Ok(Query(pairs)) => Ok(Self(pairs)),
            Err(_) => Err(ApiError::BadRequest(Message::general(
                "the query string could not be read: write name=value pairs joined by &",
                "no se pudo leer la consulta: escriba pares nombre=valor unidos por &",
            ))),
        }
    }
}

/// The parameters of one request, each known to the endpoint and given at
/// most once.
#[derive(Debug)]
pub(crate) struct Params {
    pairs: Vec<(&'static str, String)>,
}

/// `_`, which script libraries append with a fresh value (`?_=1733389200`)
/// so that no cache answers for the server: taken and ignored, any number
/// of times, by every endpoint. It cannot be a typo of a parameter.
pub(crate) const CACHE_BUSTER: &str = "_";

impl Params {
    /// Checks `raw` against the parameters an endpoint `accepts`.
    ///
    /// # Errors
    ///
    /// A 400 when a parameter is not in `accepts` (without repeating its
    /// name, which the client wrote) or is given more than once.
    pub(crate) fn read(raw: RawParams, accepts: &[&'static str]) -> Result<Self, ApiError> {
        let mut pairs: Vec<(&'static str, String)> = Vec::with_capacity(raw.0.len());
        for (name, value) in raw.0 {
            if name == CACHE_BUSTER {
                continue;
            }
            let Some(known) = accepts.iter().copied().find(|a| *a == name) else {
                return Err(unknown_parameter(accepts));
            };
            if pairs.iter().any(|(seen, _)| *seen == known) {
                return Err(ApiError::bad(
                    known,
                    format!("{known} is given more than once; give it once"),
                    format!("{known} aparece más de una vez; debe aparecer una sola vez"),
                ));
            }
            pairs.push((known, value));
        }
        Ok(Self { pairs })
    }

    /// Returns the value of `name`, trimmed; `None` when absent or blank,
    /// as a form leaves a field nobody filled.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }
}

fn unknown_parameter(accepts: &[&'static str]) -> ApiError {
    let message = if accepts.is_empty() {
        Message::general(
            "unknown query parameter: this address accepts none",
            "parámetro de consulta desconocido: esta dirección no acepta ninguno",
        )
    } else {
        let list = accepts.join(", ");
        Message {
            parameter: None,
            en: format!("unknown query parameter: this address accepts {list}"),
            es: format!("parámetro de consulta desconocido: esta dirección acepta {list}"),
        }
    };
    ApiError::BadRequest(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawParams {
        RawParams(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn message(error: ApiError) -> Message {
        match error {
            ApiError::BadRequest(message) => message,
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn known_parameters_are_read_trimmed_and_blank_is_absent() {
        let params = Params::read(raw(&[("q", " niños "), ("status", "")]), &["q", "status"]);
        let params = params.unwrap();
        assert_eq!(params.get("q"), Some("niños"));
        assert_eq!(params.get("status"), None);
        assert_eq!(params.get("delivery"), None);
    }

    #[test]
    fn a_repeated_parameter_is_named() {
        let error = Params::read(raw(&[("q", "a"), ("q", "b")]), &["q"]).unwrap_err();
        let message = message(error);
        assert_eq!(message.parameter, Some("q"));
        assert!(message.en.starts_with("q is given more than once"));
        assert!(message.es.starts_with("q aparece más de una vez"));
    }

    #[test]
    fn an_unknown_parameter_is_not_repeated_but_the_accepted_are_listed() {
        let curp_like = "FIPE000101MOCXXXA1";
        let error = Params::read(raw(&[(curp_like, "1")]), &["delivery", "q"]).unwrap_err();
        let message = message(error);
        assert_eq!(message.parameter, None);
        assert!(
            message.en.ends_with("accepts delivery, q"),
            "{}",
            message.en
        );
        assert!(!message.en.contains(curp_like) && !message.es.contains(curp_like));
        let error = Params::read(raw(&[("x", "1")]), &[]).unwrap_err();
        assert!(message_of(error).contains("accepts none"));
    }

    fn message_of(error: ApiError) -> String {
        message(error).en
    }
}
