//! The handlers of `/api/...`: JSON in the shapes of the `search` command, errors
//! as `{"error": "..."}` (400 for a mistake in the request, 500 for a failure,
//! 404 for anything else).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::backend::{Backend, RequestError};

/// Longest query string accepted, in bytes (before decoding).
const MAX_QUERY_STRING_BYTES: usize = 8 * 1024;

/// `GET /api/search?q=...&country=...`
pub async fn search(State(backend): State<Arc<Backend>>, RawQuery(raw): RawQuery) -> Response {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_STRING_BYTES {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("the query string is too long; at most {MAX_QUERY_STRING_BYTES} bytes"),
        );
    }
    let params: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    blocking(move || backend.search(&params)).await
}

/// `GET /api/articles/{id}`
pub async fn article(State(backend): State<Arc<Backend>>, Path(id): Path<String>) -> Response {
    blocking(move || backend.article(&id)).await
}

/// `GET /api/health`
pub async fn health(State(backend): State<Arc<Backend>>) -> Response {
    #[derive(Serialize)]
    struct Health {
        articles: u64,
        version: &'static str,
    }
    blocking(move || {
        let health = Health {
            articles: backend.articles()?,
            version: env!("CARGO_PKG_VERSION"),
        };
        serde_json::to_string(&health)
            .map_err(|e| RequestError::Failure(format!("health check failed: {e}")))
    })
    .await
}

/// Every other path and method.
pub async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not found; the API is /api/search, /api/articles/{id} and /api/health",
    )
}

/// Runs index work off the async threads and turns its outcome into a response.
async fn blocking(
    work: impl FnOnce() -> Result<String, RequestError> + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(body)) => json(StatusCode::OK, body),
        Ok(Err(RequestError::User(m))) => error(StatusCode::BAD_REQUEST, &m),
        Ok(Err(RequestError::NotFound)) => error(StatusCode::NOT_FOUND, "no article with this id"),
        Ok(Err(RequestError::Failure(m))) => error(StatusCode::INTERNAL_SERVER_ERROR, &m),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error while searching; please report this",
        ),
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    #[derive(Serialize)]
    struct ErrorBody<'a> {
        error: &'a str,
    }
    let body = serde_json::to_string(&ErrorBody { error: message })
        .unwrap_or_else(|_| r#"{"error":"internal error"}"#.to_string());
    json(status, body)
}
