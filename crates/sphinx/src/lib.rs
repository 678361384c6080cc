//! The news index on shards of a SphinxQL search engine: Sphinx 2.2 (Debian's
//! `sphinxsearch`) or its maintained successor Manticore Search, for archives
//! that outgrow one machine. [`Engine::update`] reads and extracts files as
//! `search index` does and writes the articles to the shards, each to the
//! shard of its document id; [`Engine::search`] answers a
//! [`search_query::Query`] with the same [`search_query::Results`] as the local
//! index: the same totals and facet counts for the same query and filters.
//!
//! ```no_run
//! use search_query::{Query, SearchBackend};
//! use search_sphinx::{Engine, EngineUrl};
//!
//! // The URL `deploy/sphinx/shards.sh start DIR 2` prints.
//! let url: EngineUrl = "sphinx://127.0.0.1:9306,127.0.0.1:9307".parse()?;
//! let engine = Engine::open(&url)?;
//! let summary = engine.update(&["seeds"], None, 0, &search_index::NoProgress)?;
//! println!("{summary}");
//! let results = engine.search(&Query::text("Muttaqi").country("AF"))?;
//! println!("{} articles, {} in the engine", results.total, engine.articles()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How it matches the local index
//!
//! - **Text**: the writer stores the title and body as this program's analyser
//!   tokenises them (lower case, accents folded, split on non-alphanumerics),
//!   and the query is parsed and analysed by the local index's own code
//!   ([`search_query::engine`]) and written in Sphinx's extended syntax, so
//!   words, phrases, prefixes, `title:`, `AND`/`OR`/`NOT` find the same
//!   articles. **No typo tolerance**: every word matches as typed (as with
//!   `exact`), since that needs the engine's term dictionary.
//! - **Filters** are resolved as locally (country names, person and
//!   organisation keys with the alias table, whole months and years of a date
//!   window) and matched against integer ids ([`schema::value_id`]).
//! - **Facets**: one `GROUP BY` per facet over the distributed index, ids
//!   mapped back to names by the `names` table; persons merged under the
//!   alias table, which the writer computes after each run with the local
//!   index's own grouping ([`search_index::aliases::group`]).
//! - **Ranking differs**: Sphinx's BM25 with the headline weighted
//!   [`search_query::TITLE_BOOST`] times, integer scores; ties and queries
//!   without text are ordered by key, as locally.
//!
//! The schema and the key functions are in [`schema`]; the shards are started
//! by `deploy/sphinx/shards.sh`.

#![warn(missing_docs)]

mod conn;
mod error;
mod row;
pub mod schema;
mod search;
mod url;
mod write;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use search_query::{Query, QueryError, Results, SearchBackend, StoredArticle};
use search_schema::aliases::AliasTable;

pub use error::EngineError;
pub use url::{EngineUrl, SCHEME};

use conn::{Shard, int, text};
use schema::Kind;

/// Shards of a SphinxQL engine holding a news index. `Send + Sync`: one
/// connection per shard, used by one statement at a time.
pub struct Engine {
    url: EngineUrl,
    shards: Vec<Shard>,
    /// The person alias table, as of open or the last update.
    aliases: RwLock<Arc<AliasTable>>,
    /// Names of value ids seen so far (ids never change meaning).
    names: RwLock<HashMap<u64, String>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("url", &self.url.to_string())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Connects to every shard of `url`, checks that each holds this program's
    /// schema, and reads the alias table.
    pub fn open(url: &EngineUrl) -> Result<Self, EngineError> {
        let shards: Vec<Shard> = url.shards().iter().map(|a| Shard::new(a)).collect();
        for (i, shard) in shards.iter().enumerate() {
            let rows = shard.query("DESCRIBE articles")?;
            let has = |column: &str| rows.iter().any(|r| text(r, 0).as_deref() == Some(column));
            if !has("stored") || !has("person_keys") || !has("article_id") {
                return Err(EngineError::Unexpected {
                    addr: shard.addr.clone(),
                    what: format!(
                        "shard {i} has no `articles` index of this program's schema \
                         (start shards with deploy/sphinx/shards.sh; shards of an older \
                         version lack a column: start them anew and index again)"
                    ),
                });
            }
        }
        let engine = Engine {
            url: url.clone(),
            shards,
            aliases: RwLock::new(Arc::new(AliasTable::default())),
            names: RwLock::new(HashMap::new()),
        };
        engine.reload()?;
        Ok(engine)
    }

    /// Reads the alias table again (another process may have updated the shards).
    pub fn reload(&self) -> Result<(), EngineError> {
        let rows = self.scan(
            0,
            "names",
            "name, canonical",
            &format!("kind = {}", Kind::Alias as u8),
        )?;
        let pairs = rows.iter().filter_map(|r| Some((text(r, 1)?, text(r, 2)?)));
        self.set_aliases(AliasTable::new(pairs));
        Ok(())
    }

    /// The alias table in use.
    pub fn aliases(&self) -> Arc<AliasTable> {
        Arc::clone(&self.aliases.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn set_aliases(&self, table: AliasTable) {
        *self.aliases.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(table);
    }

    /// The URL of the shards.
    pub fn url(&self) -> &EngineUrl {
        &self.url
    }

    /// Every row of `table` on shard `shard` matching `condition`, as `id,
    /// <columns>`, read in pages by id.
    fn scan(
        &self,
        shard: usize,
        table: &str,
        columns: &str,
        condition: &str,
    ) -> Result<Vec<mysql::Row>, EngineError> {
        const PAGE: usize = 10_000;
        let mut out = Vec::new();
        let mut last: i64 = 0;
        loop {
            let rows = self.shards[shard].query(&format!(
                "SELECT id, {columns} FROM {table} WHERE id > {last} AND {condition} \
                 ORDER BY id ASC LIMIT 0, {PAGE} OPTION max_matches = {PAGE}"
            ))?;
            let n = rows.len();
            if let Some(id) = rows.last().and_then(|r| int(r, 0)) {
                last = id;
            }
            out.extend(rows);
            if n < PAGE {
                return Ok(out);
            }
        }
    }

    fn unexpected(&self, shard: usize, what: &str) -> EngineError {
        EngineError::Unexpected {
            addr: self.shards[shard].addr.clone(),
            what: what.to_string(),
        }
    }
}

impl SearchBackend for Engine {
    fn search(&self, query: &Query) -> Result<Results, QueryError> {
        Engine::search(self, query)
    }

    fn articles(&self) -> Result<u64, QueryError> {
        Ok(self.num_articles()?)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>, QueryError> {
        Ok(Engine::article(self, id)?)
    }

    fn reload(&self) -> Result<(), QueryError> {
        Ok(Engine::reload(self)?)
    }
}
