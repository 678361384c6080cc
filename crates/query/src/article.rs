//! [`NewsIndex::article`]: one article's stored fields, looked up by its id.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::{NewsIndex, PartialDate, QueryError};

/// An article as the index stores it: what a reader needs to show it whole.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredArticle {
    /// The article's stable id.
    pub id: String,
    /// The absolute path of its file (as `search index` resolved it).
    pub path: String,
    /// Headline.
    pub title: String,
    /// The article's text as indexed (the body, without the headline line).
    pub body: String,
    /// Publication date at its precision (`2025-12-17`), when known.
    pub published: Option<PartialDate>,
    /// Where the article was published online, when known.
    pub url: Option<String>,
    /// The outlet that published it, when known.
    pub source: Option<String>,
}

impl NewsIndex {
    /// The article with this id, or `None` when the index holds none.
    ///
    /// ```
    /// use search_query::NewsIndex;
    ///
    /// let dir = std::env::temp_dir().join(format!("news-article-doc-{}", std::process::id()));
    /// search_schema::create_or_open(&dir).unwrap();
    /// let index = NewsIndex::open(&dir)?;
    /// assert_eq!(index.article("0123456789abcdef")?, None);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), search_query::QueryError>(())
    /// ```
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, QueryError> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let term = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&term, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let first = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Ok(Some(StoredArticle {
            id: first(f.id).unwrap_or_default(),
            path: first(f.path).unwrap_or_default(),
            title: first(f.title).unwrap_or_default(),
            body: first(f.body).unwrap_or_default(),
            published: first(f.published).and_then(|p| p.parse().ok()),
            url: first(f.url),
            source: first(f.source),
        }))
    }
}
