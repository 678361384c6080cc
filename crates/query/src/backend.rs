//! [`SearchBackend`]: what a program that searches needs from an index, so that
//! it can hold the local index or another engine alike.

use crate::{NewsIndex, Query, QueryError, Results, StoredArticle};

/// Something that answers a [`Query`] with [`Results`]: the local
/// [`NewsIndex`], or a search engine behind the same query types.
///
/// ```
/// use search_query::{NewsIndex, Query, SearchBackend};
///
/// fn count(backend: &dyn SearchBackend, text: &str) -> usize {
///     backend.search(&Query::text(text).limit(0)).map_or(0, |r| r.total)
/// }
/// # let dir = std::env::temp_dir().join(format!("backend-doc-{}", std::process::id()));
/// # search_schema::create_or_open(&dir).unwrap();
/// let index = NewsIndex::open(&dir)?;
/// assert_eq!(count(&index, "Kabul"), 0);
/// assert_eq!(index.articles()?, 0);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), search_query::QueryError>(())
/// ```
pub trait SearchBackend: Send + Sync {
    /// Runs a query: the same totals, hits and facets for the same articles
    /// whatever the backend (the order of hits with equal relevance aside).
    fn search(&self, query: &Query) -> Result<Results, QueryError>;

    /// Number of articles searched.
    fn articles(&self) -> Result<u64, QueryError>;

    /// The article with this id (a [`crate::Hit::id`]), or `None` when the
    /// backend holds none it can find by that id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>, QueryError>;

    /// Moves to what the backend holds now (another process may have written
    /// to it since it was opened).
    fn reload(&self) -> Result<(), QueryError>;
}

impl SearchBackend for NewsIndex {
    fn search(&self, query: &Query) -> Result<Results, QueryError> {
        NewsIndex::search(self, query)
    }

    fn articles(&self) -> Result<u64, QueryError> {
        Ok(self.num_articles())
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>, QueryError> {
        NewsIndex::article(self, id)
    }

    fn reload(&self) -> Result<(), QueryError> {
        NewsIndex::reload(self)
    }
}
