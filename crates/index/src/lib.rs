//! Builds and updates the news index: walks files and folders, reads articles
//! (`.txt`, `.md` with front matter, `.json`, `.jsonl`, `.html`, feeds, web
//! archives), extracts their entities with [`search_extract`] and writes them to
//! tantivy with the schema of [`search_schema`]; [`Indexer::watch`] keeps doing
//! so as files change.
//!
//! Updates are incremental: a file whose size and modification time are as
//! indexed is not read again; one whose content hash is unchanged counts as
//! unchanged (it is re-indexed once, to record its new mtime, so that the next
//! run takes the fast path again); changed files replace their articles, and the
//! articles of files that are gone from under the given paths are removed
//! (articles from other paths are left alone). A file that exists but cannot be
//! read this time (permissions) keeps its articles. Reading and extraction run on
//! [`Indexer::threads`] workers feeding one tantivy writer; long runs commit every
//! 30 seconds ([`Indexer::commit_interval`]), so an interruption (Ctrl-C through
//! [`Indexer::cancel_on`], or a crash) loses little and the next run picks up from
//! the last commit. One writer at a time: a second gets [`IndexError::LockedBy`]
//! (or [`IndexError::Locked`]).
//!
//! What is read, and how:
//!
//! - **Files**: `.txt`, `.md`/`.markdown`, `.json`, `.jsonl`/`.ndjson`,
//!   `.html`/`.htm`, `.rss`/`.atom`/`.xml`, `.warc`/`.warc.gz`, found by extension; other files are ignored (a file named
//!   explicitly is reported). Hidden files and folders, the index folder itself
//!   and anything that is not a regular file (FIFOs, devices) are never read;
//!   symbolic links are followed, loops reported. Files over [`MAX_FILE_BYTES`]
//!   are skipped with a warning (they are read and hashed whole, so that their
//!   articles are replaced together), except JSON lines: those are streamed line
//!   by line whatever their size, the cap applying to one line, and a file that
//!   has only grown since it was indexed has only its new lines read (see
//!   `stream.rs`). Web archives are streamed record by record too, and read
//!   whole when changed.
//! - **Web archives**: an article per HTML response record (`#N` keys for the
//!   N-th record of the file, whatever its type), url from `WARC-Target-URI`,
//!   the record's date when the page gives none (see `formats/warc`).
//! - **Feeds**: `.rss`, `.atom` and `.xml` files that are RSS or Atom feeds, an
//!   article per item (`#N` keys, as a JSON array's records).
//! - **Web pages**: the article's own text (trafilatura's method), title, date and
//!   canonical url from the page's metadata, its declared charset honoured.
//! - **Text**: UTF-8 (a BOM is dropped), UTF-16 with a BOM, anything else as
//!   Windows-1252 with a warning. Binary files (NUL bytes in the first 8 KiB, PDF,
//!   image and archive signatures) and empty files are skipped.
//! - **Title**: metadata `title`, else a first line that reads as a headline (at
//!   most 150 characters, no sentence-final period, not the whole text), else the
//!   file name (`feed #12` for record 12 of a feed).
//! - **Keys and ids**: an article's key is its file's absolute path (the input's
//!   canonical path joined with the path below it), with `#N` appended for the
//!   record on line N of a JSON-lines file or at position N of a JSON array
//!   (counted from one). Its id is the record's own `id`, else 16 hex digits of
//!   the key's xxh3. Its stored `path` is the file's key without the record
//!   number: an absolute path, which opens wherever a query runs (an index
//!   from before, whose paths were relative to where `search index` ran, has
//!   its files read again once; see `migrate.rs`). Warnings name files as the
//!   user gave them.
//! - **Entities**: extracted from the body (spans are offsets into it); the
//!   countries of a metadata title are merged in. The user's gazetteer
//!   ([`gazetteer`]) applies on top; when it changes, the articles that mention
//!   a changed entry's names are extracted again.
//! - **One person, one value**: after each run that changed the index, the
//!   person alias table is computed from the whole index's person names
//!   ([`aliases`]) and saved beside it for the query side.
//!
//! ```
//! use search_index::Indexer;
//!
//! let dir = tempfile::tempdir()?;
//! let articles = dir.path().join("articles");
//! std::fs::create_dir(&articles)?;
//! std::fs::write(articles.join("a.txt"), "Talks in Kabul\nThe envoy met the minister.")?;
//! let summary = Indexer::new(dir.path().join("index")).update(&[articles])?;
//! assert_eq!(summary.to_string(), "1 added, 0 updated, 0 unchanged, 0 removed, 0 skipped");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod aliases;
mod apply;
pub mod article;
mod decode;
pub mod document;
mod error;
pub mod files;
mod formats;
pub mod gazetteer;
mod indexer;
pub mod merge;
mod migrate;
mod open;
mod pipeline;
pub mod record;
mod report;
mod state;
mod stream;
mod walk;
mod watch;

#[cfg(test)]
mod update_tests;

pub use article::{Article, MAX_FILE_BYTES};
pub use error::IndexError;
pub use indexer::{DEFAULT_COMMIT_INTERVAL, Indexer};
pub use report::{NoProgress, Progress, Skipped, Summary};
pub use stream::{FilePart, read_in_parts};
pub use watch::{FALLBACK_RESCAN, SAFETY_RESCAN};
