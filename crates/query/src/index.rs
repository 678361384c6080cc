//! [`NewsIndex`]: an open index and the one entry point that answers a [`Query`].
//!
//! Opening reads the index's metadata, checks the schema and opens one reader
//! (`ReloadPolicy::Manual`: the view stays on the commit seen at open until
//! [`NewsIndex::reload`]); nothing else happens until a query needs it. A search
//! then runs in this order, cheapest checks first so that a mistake costs no I/O:
//! resolve the filters, parse the text, build one tantivy query, collect the page
//! of hits (by score, then path) and the facet counts in a single pass, and load
//! the stored fields and snippets of the page only. A panic inside tantivy on
//! damaged index files is caught and reported as a damaged index.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use std::sync::{Arc, RwLock};

use search_schema::aliases::AliasTable;
use search_schema::{Fields, OpenError};
use search_types::fields;
use tantivy::collector::TopDocs;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
use tantivy::schema::Value;
use tantivy::{DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument};

use crate::facets::FacetCollector;
use crate::plan::Plan;
use crate::snippet::Highlighter;
use crate::variants::Variants;
use crate::{Hit, Query, QueryError, Results, Sort, build, filters, parse};

/// The score reported for hits of a query without text.
const TEXTLESS_SCORE: f32 = 1.0;

/// An open news index. Cheap to query repeatedly; `Send + Sync`, so one handle
/// can serve many threads.
pub struct NewsIndex {
    dir: PathBuf,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The index's person alias table, as of the last open or reload.
    aliases: RwLock<Arc<AliasTable>>,
}

impl std::fmt::Debug for NewsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsIndex")
            .field("articles", &self.reader.searcher().num_docs())
            .finish_non_exhaustive()
    }
}

impl NewsIndex {
    /// Opens the index in `dir`.
    ///
    /// Errors: [`QueryError::NoIndex`] when there is no index there,
    /// [`QueryError::OtherVersion`] when another version of this program wrote
    /// it, [`QueryError::Unreadable`] when what is there cannot be read.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, QueryError> {
        let dir = dir.as_ref();
        let (index, fields) = search_schema::open(dir).map_err(|e| match e {
            OpenError::Missing(path) => QueryError::NoIndex(path),
            OpenError::SchemaMismatch(path) => QueryError::OtherVersion(path),
            OpenError::Unreadable(path, source) => QueryError::Unreadable {
                path,
                source: Box::new(source),
            },
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| QueryError::Unreadable {
                path: dir.to_path_buf(),
                source: Box::new(e),
            })?;
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            reader,
            fields,
            aliases: RwLock::new(Arc::new(read_aliases(dir)?)),
        })
    }

    /// Moves to the latest commit, for a handle kept open while the index is
    /// updated by another process.
    pub fn reload(&self) -> Result<(), QueryError> {
        self.reader.reload()?;
        let aliases = Arc::new(read_aliases(&self.dir)?);
        *self.aliases.write().unwrap_or_else(|e| e.into_inner()) = aliases;
        Ok(())
    }

    /// The alias table in use: which person values are filed under which name.
    pub fn aliases(&self) -> Arc<AliasTable> {
        Arc::clone(&self.aliases.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a query.
    ///
    /// Errors in the request ([`QueryError::is_user_error`]) are reported before
    /// the index is read.
    ///
    /// ```
    /// use search_query::{NewsIndex, Query, QueryError};
    ///
    /// // An empty index, as `search index` creates it.
    /// let dir = std::env::temp_dir().join(format!("news-doc-{}", std::process::id()));
    /// search_schema::create_or_open(&dir).unwrap();
    ///
    /// let index = NewsIndex::open(&dir)?;
    /// let results = index.search(&Query::text("Muttaqi").country("AF"))?;
    /// assert_eq!((results.total, results.hits.len()), (0, 0));
    ///
    /// let err = index.search(&Query::all().country("Narnia")).unwrap_err();
    /// assert!(matches!(err, QueryError::UnknownCountry(_)) && err.is_user_error());
    /// let err = index.search(&Query::text("(Kabul")).unwrap_err();
    /// assert_eq!(err.to_string(), "query syntax: this `(` is never closed at character 1");
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), QueryError>(())
    /// ```
    pub fn search(&self, query: &Query) -> Result<Results, QueryError> {
        // A panic (a bug here or in tantivy, which also trusts its files: a
        // flipped bit in a term dictionary can panic deep inside it) is
        // reported as an error rather than unwinding into the caller. (The
        // process's panic hook still sees it.)
        match panic::catch_unwind(AssertUnwindSafe(|| self.search_unguarded(query))) {
            Ok(result) => result,
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".to_string());
                Err(QueryError::Bug(what))
            }
        }
    }

    fn search_unguarded(&self, query: &Query) -> Result<Results, QueryError> {
        let aliases = self.aliases();
        let filters = filters::filter_queries(query, &self.fields, &aliases)?;
        let expr = parse::parse(&query.text)?;
        let plan = Plan::new(expr.as_ref(), query.exact);

        let collector = FacetCollector {
            aliases: &aliases,
            values: query.facets,
        };
        let searcher = self.reader.searcher();
        let variants = Variants::find(&searcher, self.fields.body, &plan.fuzzy_terms())?;
        let tantivy_query = build::build(&plan, filters, &self.fields, &variants);
        // TopDocs preallocates for offset + limit and panics on a limit of 0:
        // clamp both to the number of articles, skip it when the page is empty.
        let num_docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = query.limit.min(num_docs.saturating_sub(query.offset));
        let page = TopDocs::with_limit(limit.max(1)).and_offset(query.offset);
        let (top, facets): (Vec<(f32, DocAddress)>, _) = if limit == 0 {
            (Vec::new(), searcher.search(&tantivy_query, &collector)?)
        } else {
            // Ties (all hits of a query without text) are listed by path: stable,
            // unlike segment order, and what a user browsing expects.
            let key = searcher.schema().get_field_name(self.fields.key);
            let by_path = (SortByString::for_field(key), Order::Asc);
            let scored = matches!(plan, Plan::Match(_));
            // Dated articles first either way (tantivy sorts a missing value
            // last in both orders), then by score, then by path.
            let by_date = |order| {
                (
                    SortByStaticFastValue::<i64>::for_field(fields::PUBLISHED_DAY),
                    order,
                )
            };
            let (top, facets): (Vec<(f32, DocAddress)>, _) = match (query.sort, scored) {
                (Sort::Relevance, true) => {
                    let order = page.order_by((SortBySimilarityScore, by_path));
                    let (top, facets) = searcher.search(&tantivy_query, &(order, collector))?;
                    let top = top.into_iter().map(|((score, _), addr)| (score, addr));
                    (top.collect(), facets)
                }
                (Sort::Relevance, false) => {
                    let (top, facets) =
                        searcher.search(&tantivy_query, &(page.order_by(by_path), collector))?;
                    let top = top.into_iter().map(|(_, addr)| (TEXTLESS_SCORE, addr));
                    (top.collect(), facets)
                }
                (Sort::Newest | Sort::Oldest, _) => {
                    let date = by_date(if query.sort == Sort::Newest {
                        Order::Desc
                    } else {
                        Order::Asc
                    });
                    let order = page.order_by((date, SortBySimilarityScore, by_path));
                    let (top, facets) = searcher.search(&tantivy_query, &(order, collector))?;
                    let score = |s: f32| if scored { s } else { TEXTLESS_SCORE };
                    let top = top.into_iter().map(|((_, s, _), addr)| (score(s), addr));
                    (top.collect(), facets)
                }
            };
            (top, facets)
        };

        let highlighter = Highlighter::new(&plan.highlights(), &variants);
        let hits = top
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, &highlighter, &aliases))
            .collect::<Result<Vec<_>, _>>()?;
        let mut facets = facets;
        if let Some(n) = query.facet_limit {
            facets.facets.country.truncate(n);
            facets.facets.person.truncate(n);
            facets.facets.organization.truncate(n);
            facets.facets.date.truncate(n);
        }
        Ok(Results {
            total: usize::try_from(facets.docs).unwrap_or(usize::MAX),
            hits,
            facets: facets.facets,
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        highlighter: &Highlighter,
        aliases: &AliasTable,
    ) -> Result<Hit, QueryError> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let first = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
        Ok(Hit {
            id: first(f.id).unwrap_or_default(),
            path: first(f.path).unwrap_or_default(),
            url: first(f.url),
            source: first(f.source),
            title: first(f.title).unwrap_or_default(),
            score,
            snippet: highlighter.snippet(body),
            published: first(f.published).and_then(|p| p.parse().ok()),
            persons: canonical_persons(all(f.person), aliases),
            organizations: all(f.organization),
            countries: all(f.country),
            dates: all(f.date).iter().filter_map(|d| d.parse().ok()).collect(),
        })
    }
}

/// Reads the alias table of the index in `dir` (empty when there is none).
fn read_aliases(dir: &Path) -> Result<AliasTable, QueryError> {
    AliasTable::read(dir).map_err(|e| QueryError::Unreadable {
        path: dir.join(search_schema::aliases::FILE_NAME),
        source: Box::new(e),
    })
}

/// A hit's persons under their canonical names, each once, in stored order.
fn canonical_persons(stored: Vec<String>, aliases: &AliasTable) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(stored.len());
    for name in &stored {
        let name = aliases.canonical(name);
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}
