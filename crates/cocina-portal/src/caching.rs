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
