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

/// What the cache holds for one key.
#[derive(Clone)]
enum Slot {
    /// A finished answer.
    Ready(Finished),
    /// The first answer is being built; requests for it wait on this.
    Building(std::sync::Arc<tokio::sync::Notify>),
}

/// Finished answers by path, query and whether the client takes gzip.
#[derive(Clone, Default)]
pub(crate) struct AnswerCache {
    entries: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<(String, bool), Slot>>>,
}

/// What a request finds in the cache.
enum Lookup {
    /// An answer to replay.
    Hit(Finished),
    /// Nothing usable: this request builds the answer and stores it.
    Build,
    /// Another request is building the first answer: wait for it.
    Wait(std::pin::Pin<Box<tokio::sync::futures::OwnedNotified>>),
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
    if let Some(hit) = cache.lookup_waiting(&key).await {
        return replay(hit, if_none_match.as_ref());
    }
    // Whatever ends this request early (the client leaving drops it), the
    // requests waiting for its answer are released.
    let guard = Building {
        cache: &cache,
        key: &key,
    };
    let response = next.run(request).await;
    // Only plain successful answers are kept; the others release the
    // requests waiting for them (the guard), which then build their own.
    if response.status() != StatusCode::OK {
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
    cache.put(key.clone(), finished.clone());
    drop(guard);
    replay(finished, None)
}

/// Releases the requests waiting for an answer that will not come.
struct Building<'a> {
    cache: &'a AnswerCache,
    key: &'a (String, bool),
}

impl Drop for Building<'_> {
    fn drop(&mut self) {
        self.cache.abandon(self.key);
    }
}

impl AnswerCache {
    /// Returns a fresh answer, waiting while another request builds the
    /// first one for `key`, so 64 visitors arriving at once build it once;
    /// `None` when this request must build it.
    async fn lookup_waiting(&self, key: &(String, bool)) -> Option<Finished> {
        loop {
            match self.lookup(key) {
                Lookup::Hit(finished) => return Some(finished),
                Lookup::Build => return None,
                Lookup::Wait(notified) => notified.await,
            }
        }
    }

    /// Finds `key`. The first request to find an answer expired gets
    /// [`Lookup::Build`] and rebuilds it, while the entry is marked fresh
    /// again so that the requests arriving meanwhile reuse it instead of
    /// all rebuilding at once; an answer is thus at most twice
    /// [`REUSE_FOR`] old.
    fn lookup(&self, key: &(String, bool)) -> Lookup {
        // A poisoned lock only means another request panicked mid-insert;
        // answering without the cache is still right.
        let Ok(mut entries) = self.entries.lock() else {
            return Lookup::Build;
        };
        let room = entries.len() < MAX_ENTRIES;
        match entries.get_mut(key) {
            Some(Slot::Ready(entry)) if entry.at.elapsed() < REUSE_FOR => {
                Lookup::Hit(entry.clone())
            }
            Some(Slot::Ready(entry)) => {
                entry.at = std::time::Instant::now();
                Lookup::Build
            }
            // Created under the lock, so the builder's wake-up, sent under
            // the same lock, cannot be missed.
            Some(Slot::Building(notify)) => {
                Lookup::Wait(Box::pin(std::sync::Arc::clone(notify).notified_owned()))
            }
            None if room => {
                let notify = std::sync::Arc::new(tokio::sync::Notify::new());
                entries.insert(key.clone(), Slot::Building(notify));
                Lookup::Build
            }
            None => Lookup::Build,
        }
    }

    /// Keeps a finished answer and wakes the requests waiting for it.
    fn put(&self, key: (String, bool), finished: Finished) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, slot| match slot {
                Slot::Ready(f) => f.at.elapsed() < REUSE_FOR,
                Slot::Building(_) => true,
            });
        }
        let slot = Slot::Ready(finished);
        let previous = if entries.len() < MAX_ENTRIES || entries.contains_key(&key) {
            entries.insert(key, slot)
        } else {
            None
        };
        if let Some(Slot::Building(notify)) = previous {
            notify.notify_waiters();
        }
    }

    /// Gives up building `key`'s first answer (it was not one to keep) and
    /// wakes the requests waiting for it.
    fn abandon(&self, key: &(String, bool)) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if matches!(entries.get(key), Some(Slot::Building(_)))
            && let Some(Slot::Building(notify)) = entries.remove(key)
        {
            notify.notify_waiters();
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
