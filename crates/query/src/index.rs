//! [`NewsIndex`]: an open index, answering a [`Query`] with a page of
//! [`Results`] ([`NewsIndex::search`]) or every hit in turn ([`NewsIndex::all_hits`]).
//!
//! Opening reads the index's metadata, checks the schema and opens one reader
//! (`ReloadPolicy::Manual`: the view stays on the commit seen at open until
//! [`NewsIndex::reload`]); nothing else happens until a query needs it. A search
//! then runs in this order, cheapest checks first so that a mistake costs no I/O:
//! resolve the filters, parse the text, build one tantivy query, collect the page
//! of hits (by score, then path) and the facet counts in a single pass, and load
//! the stored fields and snippets of the page only. A panic (a bug, or tantivy
//! tripping over damaged index files) is caught and reported as
//! [`QueryError::Bug`].

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

use crate::engine::canonical_persons;
use crate::facet_cache::FacetCache;
use crate::facets::{FacetCollector, FacetFruit};
use crate::plan::Plan;
use crate::ranking::{ByScoreThenPath, PathCache};
use crate::snippet::Highlighter;
use crate::variants::Variants;
use crate::{Hit, Query, QueryError, Results, Sort, build, filters, parse, segments};

/// The score reported for hits of a query without text.
const TEXTLESS_SCORE: f32 = 1.0;

/// An open news index. Cheap to query repeatedly; `Send + Sync`, so one handle
/// can serve many threads.
pub struct NewsIndex {
    dir: PathBuf,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The index's person alias table, as of the last open or reload, and
    /// what facet counting keeps per segment under it.
    facets: RwLock<Arc<FacetCache>>,
    /// The paths ranking has read, by segment (see [`crate::ranking`]).
    paths: Arc<PathCache>,
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
            facets: RwLock::new(Arc::new(FacetCache::new(read_aliases(dir)?))),
            paths: Arc::default(),
        })
    }

    /// Moves to the latest commit, for a handle kept open while the index is
    /// updated by another process.
    pub fn reload(&self) -> Result<(), QueryError> {
        self.reader.reload()?;
        let table = read_aliases(&self.dir)?;
        let current = self.facet_cache();
        if *current.table == table {
            // Same aliases: what is kept of the segments still there holds.
            let live: Vec<_> = (self.reader.searcher().segment_readers().iter())
                .map(|s| s.segment_id())
                .collect();
            current.retain(&live);
        } else {
            *self.facets.write().unwrap_or_else(|e| e.into_inner()) =
                Arc::new(FacetCache::new(table));
        }
        Ok(())
    }

    /// The alias table in use: which person values are filed under which name.
    pub fn aliases(&self) -> Arc<AliasTable> {
        Arc::clone(&self.facet_cache().table)
    }

    fn facet_cache(&self) -> Arc<FacetCache> {
        Arc::clone(&self.facets.read().unwrap_or_else(|e| e.into_inner()))
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
        guarded(|| self.search_unguarded(query))
    }

    /// Every hit of `query`, in its order ([`Query::sort`]), for an export:
    /// `limit` and `offset` are ignored and no facets are counted.
    ///
    /// The matching articles are found and ordered first (a score and an
    /// address each, a few bytes an article); the stored fields and snippet of
    /// each hit are read only when the iterator reaches it, so an export of the
    /// whole index holds one article at a time. The iterator reads the index as
    /// of this call, whatever [`NewsIndex::reload`] does meanwhile.
    ///
    /// ```
    /// use search_query::{NewsIndex, Query, QueryError, Sort};
    ///
    /// # let dir = std::env::temp_dir().join(format!("news-all-hits-{}", std::process::id()));
    /// # search_schema::create_or_open(&dir).unwrap();
    /// let index = NewsIndex::open(&dir)?;
    /// let query = Query::text("Muttaqi").country("AF").sort(Sort::Newest);
    /// for hit in index.all_hits(&query)? {
    ///     let hit = hit?;
    ///     println!("{}\t{}", hit.path, hit.title);
    /// }
    /// assert_eq!(index.all_hits(&query)?.len(), 0);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), QueryError>(())
    /// ```
    pub fn all_hits(&self, query: &Query) -> Result<AllHits, QueryError> {
        guarded(|| {
            let prepared = self.prepare(query)?;
            let count = FacetCollector {
                cache: Arc::clone(&prepared.facets),
                values: false,
                limit: None,
            };
            let total = segments::search(&prepared.searcher, &*prepared.query, &count)?.docs;
            let total = usize::try_from(total).unwrap_or(usize::MAX);
            let (ranked, _) = self.ranked(&prepared, query.sort, 0, total, count)?;
            Ok(AllHits {
                fields: self.fields,
                ranked: ranked.into_iter(),
                prepared,
            })
        })
    }

    /// Checks the request, then parses it into one tantivy query over the
    /// reader's current snapshot.
    fn prepare(&self, query: &Query) -> Result<Prepared, QueryError> {
        let facets = self.facet_cache();
        let filters = filters::filter_queries(query, &self.fields, &facets)?;
        let expr = parse::parse(&query.text)?;
        let plan = Plan::new(expr.as_ref(), query.exact);
        let searcher = self.reader.searcher();
        let variants = Variants::find(&searcher, self.fields.body, &plan.fuzzy_terms())?;
        Ok(Prepared {
            query: build::build(&plan, filters, &self.fields, &variants),
            scored: matches!(plan, Plan::Match(_)),
            highlighter: Highlighter::new(&plan.highlights(), &variants),
            searcher,
            facets,
        })
    }

    fn search_unguarded(&self, query: &Query) -> Result<Results, QueryError> {
        let prepared = self.prepare(query)?;
        let collector = FacetCollector {
            cache: Arc::clone(&prepared.facets),
            values: query.facets,
            limit: query.facet_limit,
        };
        let (top, facets) =
            self.ranked(&prepared, query.sort, query.offset, query.limit, collector)?;
        let hits = top
            .into_iter()
            .map(|(score, addr)| self.hit(&prepared, addr, score))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Results {
            total: usize::try_from(facets.docs).unwrap_or(usize::MAX),
            hits,
            facets: facets.facets,
            facet_totals: facets.totals,
        })
    }

    /// The page `offset..offset + limit` of the hits in `sort` order (scores
    /// and addresses), and what `collector` counted over all of them, in one pass.
    fn ranked(
        &self,
        prepared: &Prepared,
        sort: Sort,
        offset: usize,
        limit: usize,
        collector: FacetCollector,
    ) -> Result<(Vec<(f32, DocAddress)>, FacetFruit), QueryError> {
        let searcher = &prepared.searcher;
        let query = &*prepared.query;
        // TopDocs preallocates for offset + limit and panics on a limit of 0:
        // clamp both to the number of articles, skip it when the page is empty.
        let num_docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = limit.min(num_docs.saturating_sub(offset));
        if limit == 0 {
            return Ok((Vec::new(), segments::search(searcher, query, &collector)?));
        }
        let page = TopDocs::with_limit(limit).and_offset(offset);
        // Ties (all hits of a query without text) are listed by path: stable,
        // unlike segment order, and what a user browsing expects.
        let key = searcher.schema().get_field_name(self.fields.key);
        let by_path = (SortByString::for_field(key), Order::Asc);
        let scored = prepared.scored;
        // Dated articles first either way (tantivy sorts a missing value
        // last in both orders), then by score, then by path.
        let by_date = |order| {
            (
                SortByStaticFastValue::<i64>::for_field(fields::PUBLISHED_DAY),
                order,
            )
        };
        Ok(match (sort, scored) {
            (Sort::Relevance, true) => {
                let order = ByScoreThenPath {
                    key: key.to_string(),
                    range: offset..offset + limit,
                    paths: Arc::clone(&self.paths),
                };
                segments::search(searcher, query, &(order, collector))?
            }
            (Sort::Relevance, false) => {
                let (top, facets) =
                    segments::search(searcher, query, &(page.order_by(by_path), collector))?;
                let top = top.into_iter().map(|(_, addr)| (TEXTLESS_SCORE, addr));
                (top.collect(), facets)
            }
            (Sort::Newest | Sort::Oldest, _) => {
                let date = by_date(if sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                });
                let order = page.order_by((date, SortBySimilarityScore, by_path));
                let (top, facets) = segments::search(searcher, query, &(order, collector))?;
                let score = |s: f32| if scored { s } else { TEXTLESS_SCORE };
                let top = top.into_iter().map(|((_, s, _), addr)| (score(s), addr));
                (top.collect(), facets)
            }
        })
    }

    fn hit(&self, prepared: &Prepared, addr: DocAddress, score: f32) -> Result<Hit, QueryError> {
        load_hit(&self.fields, prepared, addr, score)
    }
}

/// A search's parts that outlive the ranking: the snapshot it reads, the
/// tantivy query, what the snippets highlight.
struct Prepared {
    searcher: Searcher,
    facets: Arc<FacetCache>,
    query: Box<dyn tantivy::query::Query>,
    /// Whether the query has text to score (else every hit scores alike).
    scored: bool,
    highlighter: Highlighter,
}

/// The iterator of [`NewsIndex::all_hits`]: every hit of a query, in order,
/// each read from the index when reached. [`ExactSizeIterator::len`] is the
/// number of hits still to come.
pub struct AllHits {
    fields: Fields,
    prepared: Prepared,
    ranked: std::vec::IntoIter<(f32, DocAddress)>,
}

impl std::fmt::Debug for AllHits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AllHits")
            .field("remaining", &self.ranked.len())
            .finish_non_exhaustive()
    }
}

impl Iterator for AllHits {
    type Item = Result<Hit, QueryError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (score, addr) = self.ranked.next()?;
        Some(guarded(|| {
            load_hit(&self.fields, &self.prepared, addr, score)
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ranked.size_hint()
    }
}

impl ExactSizeIterator for AllHits {}

/// Runs `f`, reporting a panic (a bug here or in tantivy, which also trusts
/// its files: a flipped bit in a term dictionary can panic deep inside it) as
/// [`QueryError::Bug`] rather than unwinding into the caller. (The process's
/// panic hook still sees it.)
fn guarded<T>(f: impl FnOnce() -> Result<T, QueryError>) -> Result<T, QueryError> {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(QueryError::Bug(
            search_types::panic::message(&*payload).to_string(),
        ))
    })
}

/// The hit at `addr`: its stored fields and its snippet.
fn load_hit(
    f: &Fields,
    prepared: &Prepared,
    addr: DocAddress,
    score: f32,
) -> Result<Hit, QueryError> {
    let doc: TantivyDocument = prepared.searcher.doc(addr)?;
    let (highlighter, aliases) = (&prepared.highlighter, &*prepared.facets.table);
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

/// Reads the alias table of the index in `dir` (empty when there is none).
fn read_aliases(dir: &Path) -> Result<AliasTable, QueryError> {
    AliasTable::read(dir).map_err(|e| QueryError::Unreadable {
        path: dir.join(search_schema::aliases::FILE_NAME),
        source: Box::new(e),
    })
}
