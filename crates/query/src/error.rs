//! The crate's error type: what went wrong, in the crate's own terms, with the
//! cause as its [`std::error::Error::source`].
//!
//! Errors fall in two groups. *User errors* ([`QueryError::is_user_error`]) are
//! mistakes in the request itself (a syntax error, an unknown country, an empty
//! date range): a program should report them as a usage error (the `search` command
//! exits with 2). Everything else is a failure of the environment (no index, an
//! index from another version, an I/O error while searching).

use std::path::PathBuf;

use search_types::display::printable;

/// What can go wrong. [`QueryError::is_user_error`] tells the mistakes a user can
/// fix in their request from the failures they cannot. Messages speak of the
/// index and the query, never of a program's flags or commands: a program adds
/// its own advice (the `search` command suggests `search index`, `--rebuild`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// There is no index in the directory given.
    #[error("no index at {}", .0.display())]
    NoIndex(PathBuf),
    /// The directory holds an index written by another version of this
    /// program (another schema or format).
    #[error("the index at {} was written by another version of this program", .0.display())]
    OtherVersion(PathBuf),
    /// Something is in the directory, but it cannot be read as an index
    /// (damaged or foreign files).
    #[error("the index at {} cannot be read", path.display())]
    Unreadable {
        /// The index directory (or the file of it that failed).
        path: PathBuf,
        /// What tantivy or the file system said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A `country` value that is neither a known name nor an ISO code.
    #[error(
        "unknown country `{}`; try a name or an ISO code such as IR",
        printable(.0)
    )]
    UnknownCountry(String),
    /// The query text cannot be parsed. `position` is the 1-based index of the
    /// offending *character* (not byte) in the query text.
    #[error("query syntax: {message} at character {position}")]
    Syntax {
        /// What is wrong, e.g. "unmatched `)`".
        message: String,
        /// 1-based character index into the query text.
        position: usize,
    },
    /// `from` lies after `to`: no date can satisfy both.
    #[error("empty date range: {from} is after {to}")]
    EmptyDateRange {
        /// The `from` date as given.
        from: String,
        /// The `to` date as given.
        to: String,
    },
    /// tantivy failed while reading the index (an I/O error, a damaged file).
    #[error("search failed")]
    Search(#[from] tantivy::TantivyError),
    /// A search engine serving the index (see [`crate::SearchBackend`]) failed
    /// or could not be reached; the source says why.
    #[error("the search engine failed")]
    Engine(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A bug in this crate or in tantivy: a search panicked. (Damaged index
    /// files can make tantivy panic too; rebuilding the index tells the two
    /// apart.)
    #[error("internal error ({0}); this is a bug, please report it")]
    Bug(String),
}

impl QueryError {
    /// True for errors in what the user asked (usage errors), false for failures.
    ///
    /// ```
    /// use search_query::QueryError;
    ///
    /// assert!(QueryError::UnknownCountry("Narnia".into()).is_user_error());
    /// assert!(!QueryError::NoIndex("index".into()).is_user_error());
    /// ```
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            QueryError::UnknownCountry(_)
                | QueryError::Syntax { .. }
                | QueryError::EmptyDateRange { .. }
        )
    }
}

impl From<std::io::Error> for QueryError {
    fn from(e: std::io::Error) -> Self {
        QueryError::Search(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_to_do() {
        assert_eq!(
            QueryError::UnknownCountry("Narnia".into()).to_string(),
            "unknown country `Narnia`; try a name or an ISO code such as IR"
        );
        assert_eq!(
            QueryError::NoIndex("idx".into()).to_string(),
            "no index at idx"
        );
        let e = QueryError::Search(tantivy::TantivyError::InternalError("x".into()));
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(
            QueryError::UnknownCountry("Nar\nnia\u{1b}[31m\0".into()).to_string(),
            "unknown country `Nar\\nnia\\u{1b}[31m\\u{0}`; try a name or an ISO code such as IR"
        );
        let e = QueryError::Syntax {
            message: "unmatched `)`".into(),
            position: 7,
        };
        assert_eq!(e.to_string(), "query syntax: unmatched `)` at character 7");
        assert!(e.is_user_error());
    }
}
