//! Search a news index built by `search index`: full-text queries with phrases,
//! boolean operators and typo tolerance, filters on country, person,
//! organisation and date, and
//! facet counts over every match.
//!
//! ```no_run
//! use search_query::{NewsIndex, Query};
//!
//! let index = NewsIndex::open("index")?;
//! let results = index.search(&Query::text("Muttaqi").country("Russia").from("2025".parse()?))?;
//! println!("{} articles", results.total);
//! for hit in &results.hits {
//!     println!("{:.2} {} {}", hit.score, hit.path, hit.title);
//! }
//! for bucket in &results.facets.person {
//!     println!("{} ({})", bucket.value, bucket.count);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Query text
//!
//! Words, `"phrases"`, `word*` prefixes, `title:word`, `AND`, `OR`, `NOT`,
//! `-word` / `-"phrase"` exclusion and parentheses. **Adjacent terms must all
//! match** (`Muttaqi Russia` means both); `OR` binds looser than `AND`; an
//! exclusion applies to its whole group, as in Lucene (`a OR b -c` is
//! `(a OR b) AND NOT c`). Empty text or `*` matches every article. Words are
//! analysed like the index (lower case, accents folded: `Muttaqī` finds
//! `Muttaqi`). A word of 5–8 letters that the index (nearly) lacks is taken
//! for a typo: it also finds the words one edit away (two for 9 letters or
//! more), the first letter as typed; a word the index has finds only itself
//! (see [`MISSPELLING_MAX_ARTICLES`]); [`Query::exact`] and quotes turn typo
//! tolerance off. Matches in the headline count double. See [`parse`] for the
//! grammar and how odd input is treated.
//!
//! # Filters and facets
//!
//! [`Query::country`] takes a name, an alternative name, a demonym or an ISO
//! code; [`Query::person`] and [`Query::org`] a name or alias, in any case,
//! accents or not; [`Query::from`]/[`Query::to`]
//! partial dates (`2021`, `2021-08`, `2021-08-15`), inclusive, matched against the
//! publication date and every date an article mentions: a day matches when it
//! lies in the range, a month or a year when it lies wholly in it. Repeated
//! values of one filter are OR, different filters AND. [`Results::facets`] counts
//! countries (with their ISO code), persons, organisations and date buckets (`YYYY-MM`, `YYYY`)
//! over *all* matching articles, sorted by count then value.
//!
//! # Snippets
//!
//! Each hit carries a [`Snippet`]: a passage of at most [`SNIPPET_CHARS`]
//! characters of its body as plain text, with the byte ranges of the matched
//! words: the words as typed, the typo variants actually found, and phrases.
//! [`Snippet::to_html`] escapes it and wraps the matches in `<b>…</b>` (the JSON
//! output's form). Without text, or when only the headline matched, it is the
//! start of the body.
//!
//! # Export
//!
//! [`NewsIndex::all_hits`] iterates over every hit of a query in its order,
//! reading each article only when the iterator reaches it;
//! [`Query::facets`]`(false)` skips the facet counts of a search.
//!
//! # Order
//!
//! Hits are ranked by score, ties broken by path. A query without text (only
//! filters, or nothing) scores every article alike, so its hits are simply
//! listed by path, each with a score of 1.0: a stable order, that of a folder
//! listing. [`Query::sort`] orders by publication date instead
//! ([`Sort::Newest`], [`Sort::Oldest`]; articles without one last, ties by
//! score, then path).
//!
//! # Errors
//!
//! [`QueryError`] separates mistakes in the request
//! ([`QueryError::is_user_error`]: syntax, unknown country, empty date range) from
//! failures (no index, incompatible or damaged index, I/O). No query text or
//! parameter value makes a search panic.
//!
//! `examples/search.rs` is a small command-line program built on this crate
//! alone: `cargo run -p search-query --example search -- index "Muttaqi"`.

#![warn(missing_docs)]

mod article;
mod backend;
mod build;
mod date_window;
#[cfg(test)]
mod edit_distance;
pub mod engine;
mod error;
mod facet_cache;
mod facets;
mod filters;
mod highlighted;
mod index;
mod lex;
mod near;
pub mod parse;
mod plain_seek;
mod plan;
mod query;
mod ranking;
mod results;
mod segments;
mod snippet;
mod typos;
mod variants;

pub use article::StoredArticle;
pub use backend::SearchBackend;
pub use build::{FUZZY_WEIGHT, TITLE_BOOST};
pub use error::QueryError;
pub use highlighted::Snippet;
pub use index::{AllHits, NewsIndex};
pub use plan::MAX_FUZZY_TERMS;
pub use query::{
    DEFAULT_FACET_LIMIT, FacetLimitError, Query, Sort, SortParseError, parse_facet_limit,
};
pub use results::{FacetCount, FacetTotals, Facets, Hit, Results};
pub use search_types::PartialDate;
pub use search_types::date::DateParseError;
pub use snippet::SNIPPET_CHARS;
pub use variants::MISSPELLING_MAX_ARTICLES;
