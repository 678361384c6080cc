//! [`EngineError`]: what can go wrong talking to the engine, in this crate's terms.

/// What went wrong. [`EngineError::is_user_error`] tells a mistake in what was
/// asked (a malformed URL) from a failure (an engine down, a query refused).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The engine URL is not `sphinx://HOST:PORT[,HOST:PORT...]`.
    #[error("invalid engine URL `{url}`: {reason}; expected sphinx://HOST:PORT[,HOST:PORT...]")]
    BadUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A shard could not be reached.
    #[error("cannot reach the search engine at {addr}")]
    Connect {
        /// `host:port` of the shard.
        addr: String,
        /// What the connection said.
        #[source]
        source: mysql::Error,
    },
    /// A shard refused or failed a statement.
    #[error("the search engine at {addr} failed a statement ({statement})")]
    Statement {
        /// `host:port` of the shard.
        addr: String,
        /// The start of the statement.
        statement: String,
        /// What the engine said.
        #[source]
        source: mysql::Error,
    },
    /// A shard answered something this crate did not expect (another schema:
    /// shards not started by `deploy/sphinx/shards.sh`).
    #[error("unexpected answer from the search engine at {addr}: {what}")]
    Unexpected {
        /// `host:port` of the shard.
        addr: String,
        /// What was unexpected.
        what: String,
    },
    /// The files to index could not be walked (a path does not exist).
    #[error("cannot read {0}")]
    Walk(#[source] std::io::Error),
    /// The worker threads could not be started.
    #[error("cannot start worker threads")]
    Threads(#[source] rayon::ThreadPoolBuildError),
    /// The user's gazetteer could not be loaded.
    #[error(transparent)]
    Gazetteer(#[from] search_extract::user::GazetteerError),
}

impl EngineError {
    /// True for mistakes in what was asked, false for failures.
    ///
    /// ```
    /// let e = "http://x".parse::<search_sphinx::EngineUrl>().unwrap_err();
    /// assert!(e.is_user_error());
    /// ```
    pub fn is_user_error(&self) -> bool {
        matches!(self, EngineError::BadUrl { .. } | EngineError::Gazetteer(_))
    }
}

impl From<EngineError> for search_query::QueryError {
    fn from(e: EngineError) -> Self {
        search_query::QueryError::Engine(Box::new(e))
    }
}
