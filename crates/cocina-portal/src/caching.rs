//! Validators and cache headers for the public read endpoints: a weak
//! `ETag` computed from the body, `Cache-Control`, and `304 Not Modified`
//! when the request's `If-None-Match` names the same tag.
//!
//! The tag is weak because compression, added outside this layer, changes
//! the bytes but not the meaning. It is a hash of the uncompressed body, so
//! every portal instance behind a load balancer gives the same tag for the
//! same data, and a new delivery changes it.

use std::hash::{DefaultHasher, Hash as _, Hasher as _};

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How long browsers and proxies may reuse an answer without asking: data
/// change only when a delivery is loaded, and a minute's delay is harmless.
const CACHE_CONTROL_VALUE: &str = "public, max-age=60";

/// The largest body tagged; bigger answers pass through untagged rather
/// than being held in memory twice.
const MAX_TAGGED_BODY: usize = 16 * 1024 * 1024;

/// Adds the validators to successful `GET` answers and answers `304` when
/// the client already has them.
pub(crate) async fn etag(request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return next.run(request).await;
    }
    let if_none_match = request.headers().get(IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TAGGED_BODY).await else {
        // Only a body too large or failing midway gets here; the second is
        // already an error the client will see as a cut answer.
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let tag = tag_of(&bytes);
    parts
        .headers
        .insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL_VALUE));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(ETAG, value);
    }
    if if_none_match.is_some_and(|v| matches(&v, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(axum::http::header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn tag_of(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("W/\"{:016x}-{:x}\"", hasher.finish(), bytes.len())
}

/// Whether `If-None-Match` lists `tag` or is `*`; the comparison is weak,
/// as RFC 9110 asks for this header.
fn matches(header: &HeaderValue, tag: &str) -> bool {
    let Ok(text) = header.to_str() else {
        return false;
    };
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    text.split(',')
        .any(|candidate| candidate.trim() == "*" || bare(candidate) == bare(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_the_body_and_match_weakly() {
        let tag = tag_of(b"abc");
        assert_eq!(tag, tag_of(b"abc"));
        assert_ne!(tag, tag_of(b"abd"));
        let strong = tag.trim_start_matches("W/");
        let header = HeaderValue::from_str(&format!("\"x\", {strong}")).unwrap();
        assert!(matches(&header, &tag));
        assert!(!matches(&HeaderValue::from_static("\"x\""), &tag));
        assert!(matches(&HeaderValue::from_static("*"), &tag));
    }
}

/// How long a finished answer is reused: well within the `max-age` the
/// answers already allow, so no visitor sees older data than they could
/// from their own cache, and a new delivery shows within seconds.
const REUSE_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// Answers kept at most; past it the oldest are dropped. Each query
/// string is its own entry, so a crawler cannot grow this without bound.
const MAX_ENTRIES: usize = 512;

/// A finished answer: status, headers and the (possibly compressed) body.
#[derive(Clone)]
struct Finished {
    at: std::time::Instant,
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
}

/// Finished answers by path, query and whether the client takes gzip.
#[derive(Clone, Default)]
pub(crate) struct AnswerCache {
    entries: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<(String, bool), Finished>>>,
}

/// Reuses a finished `GET` answer for [`REUSE_FOR`]: building the GeoJSON
/// of every kitchen and compressing it costs far more than sending it.
/// Sits outside compression, so the compressed bytes are what is kept.
pub(crate) async fn reuse(
    axum::extract::State(cache): axum::extract::State<AnswerCache>,
    request: Request,
    next: Next,
) -> Response {
    // The probes must say how the server is now, not five seconds ago.
    let probe = matches!(request.uri().path(), "/healthz" | "/readyz");
    if request.method() != Method::GET || probe {
        return next.run(request).await;
    }
    let gzip = request
        .headers()
        .get(axum::http::header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    let key = (request.uri().to_string(), gzip);
    let if_none_match = request.headers().get(IF_NONE_MATCH).cloned();
    if let Some(hit) = cache.get(&key) {
        return replay(hit, if_none_match.as_ref());
    }
    let response = next.run(request).await;
    // Only plain successful answers to unconditional requests are kept.
    if response.status() != StatusCode::OK || if_none_match.is_some() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TAGGED_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let finished = Finished {
        at: std::time::Instant::now(),
        status: parts.status,
        headers: parts.headers,
        body: bytes,
    };
    cache.put(key, finished.clone());
    replay(finished, None)
}

impl AnswerCache {
    /// Returns a fresh answer. The first request to find one expired gets
    /// `None` and rebuilds it, while the entry is marked fresh again so that
    /// the requests arriving meanwhile reuse it instead of all rebuilding
    /// at once; an answer is thus at most twice [`REUSE_FOR`] old.
    fn get(&self, key: &(String, bool)) -> Option<Finished> {
        let mut entries = self.entries.lock().ok()?;
        let entry = entries.get_mut(key)?;
        if entry.at.elapsed() < REUSE_FOR {
            return Some(entry.clone());
        }
        entry.at = std::time::Instant::now();
        None
    }

    fn put(&self, key: (String, bool), finished: Finished) {
        // A poisoned lock only means another request panicked mid-insert;
        // answering without the cache is still right.
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, f| f.at.elapsed() < REUSE_FOR);
        }
        if entries.len() < MAX_ENTRIES {
            entries.insert(key, finished);
        }
    }
}

fn replay(finished: Finished, if_none_match: Option<&HeaderValue>) -> Response {
    let tag = finished.headers.get(ETAG).and_then(|t| t.to_str().ok());
    let unchanged = tag.is_some_and(|tag| if_none_match.is_some_and(|v| matches(v, tag)));
    let mut response = if unchanged {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        let mut r = Response::new(Body::from(finished.body));
        *r.status_mut() = finished.status;
        r
    };
    *response.headers_mut() = finished.headers;
    if unchanged {
        response
            .headers_mut()
            .remove(axum::http::header::CONTENT_LENGTH);
    }
    response
}
