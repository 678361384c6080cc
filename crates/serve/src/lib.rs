//! `search serve`: an HTTP API and a faceted web page over a news index built by
//! `search index`.
//!
//! The API answers with exactly what the `search` command prints: `GET
//! /api/search` the `search query --json` object (the same serialisation,
//! [`search_query::Results::to_json_line`]), `GET /api/articles/{id}` the `search
//! extract --json --text` object of one article plus its `id`, title and
//! publication date, `GET /api/health` the number of articles. A mistake in the
//! request is `400 {"error": "..."}`, a failure `500` in the same shape, anything
//! else `404`. `GET /` is the web page; its files are compiled into the binary.
//!
//! The server only reads: the index is opened read-only and re-read when a
//! `search index` run commits to it (checked at most once a second), no part of a
//! URL names a file, request sizes, parameter lengths and page sizes are bounded,
//! and every response carries a Content-Security-Policy that forbids inline script.
//!
//! ```no_run
//! use search_serve::{Config, serve};
//!
//! let config = Config::new("index", "127.0.0.1:8080".parse()?);
//! serve(config)?; // runs until Ctrl-C
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod api;
mod backend;
mod error;
mod page;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::routing::get;
use tower_http::cors::CorsLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use backend::Backend;
pub use error::ServeError;

/// How long a request may take before the server answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest request body accepted (the API takes none).
const MAX_BODY_BYTES: usize = 1024;

/// The policy of every response: scripts, styles and requests from this server
/// only; no inline script, no frames, no plugins.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// What to serve and where.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The index directory.
    pub index: PathBuf,
    /// The address to listen on (loopback unless asked otherwise).
    pub listen: SocketAddr,
    /// An origin allowed to call the API from its own pages (CORS); none by default.
    pub cors: Option<String>,
}

impl Config {
    /// Serve the index in `index` on `listen`, without CORS.
    pub fn new(index: impl Into<PathBuf>, listen: SocketAddr) -> Self {
        Config {
            index: index.into(),
            listen,
            cors: None,
        }
    }

    /// Allow pages from `origin` (`https://example.org`) to call the API.
    pub fn cors(mut self, origin: impl Into<String>) -> Self {
        self.cors = Some(origin.into());
        self
    }
}

/// Opens the index, binds the address and serves until Ctrl-C (or SIGTERM).
/// `ready` is called with the bound address once requests are accepted.
pub fn serve_with(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    // A mistake in the arguments is reported before the index is opened.
    if let Some(origin) = &config.cors {
        cors_origin(origin)?;
    }
    let backend = Backend::open(&config.index)?;
    serve_backend(backend, config, ready)
}

/// [`serve_with`] over a backend already open: the local index, or another
/// engine ([`Backend::engine`], `search serve --engine`); `config.index` is
/// not read.
pub fn serve_backend(
    backend: Backend,
    config: Config,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let app = router(Arc::new(backend), config.cors.as_deref())?;
    // Searches run on the blocking pool, at most one per core: more at once
    // only share the cores (every answer slower, the slowest the most), while a
    // request beyond these waits its turn in the pool's queue, first come first
    // served.
    let searches = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(searches)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| ServeError::Bind(config.listen, e))?;
        let bound = listener.local_addr().map_err(ServeError::Runtime)?;
        ready(bound);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(ServeError::Runtime)
    })
}

/// [`serve_with`] without the readiness callback.
pub fn serve(config: Config) -> Result<(), ServeError> {
    serve_with(config, |_| {})
}

/// The application: routes, limits and headers, over an open index.
///
/// Errors: [`ServeError::Cors`] when `cors` is not a valid origin.
pub fn router(backend: Arc<Backend>, cors: Option<&str>) -> Result<Router, ServeError> {
    let mut app = Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/favicon.svg", get(page::favicon))
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/health", get(api::health))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::not_found)
        .with_state(backend)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header_layer(header::REFERRER_POLICY, "no-referrer"));
    if let Some(origin) = cors {
        app = app.layer(
            CorsLayer::new()
                .allow_origin([cors_origin(origin)?])
                .allow_methods([Method::GET, Method::HEAD]),
        );
    }
    Ok(app)
}

/// An origin as CORS names it: a scheme and a host, nothing after.
fn cors_origin(origin: &str) -> Result<HeaderValue, ServeError> {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    rest.filter(|host| !host.is_empty() && !host.contains('/'))
        .and_then(|_| HeaderValue::from_str(origin).ok())
        .ok_or_else(|| ServeError::Cors(origin.to_string()))
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
