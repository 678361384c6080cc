//! [`ServeError`]: why the server could not start or stopped.

use std::net::SocketAddr;

use search_query::QueryError;

/// Why `search serve` could not start, or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The index could not be opened (none there, another version, damaged).
    #[error(transparent)]
    Index(#[from] QueryError),
    /// The address is taken or not ours to listen on.
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, #[source] std::io::Error),
    /// The CORS origin is not an origin such as `https://example.org`.
    #[error("`{0}` is not an origin; give one such as https://example.org")]
    Cors(String),
    /// The async runtime or the connection loop failed.
    #[error("server failed: {0}")]
    Runtime(#[source] std::io::Error),
}
