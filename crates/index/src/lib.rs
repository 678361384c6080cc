//! Builds and updates the news index: walks files and folders, reads articles
//! (`.txt`, `.md` with front matter, `.json`, `.jsonl`, `.html`), extracts their entities with
//! [`search_extract`] and writes them to tantivy with the schema of [`search_schema`].
//!
//! Updates are incremental: a file whose size and modification time are as
//! indexed is not read again; one whose content hash is unchanged counts as
//! unchanged (it is re-indexed once, to record its new mtime, so that the next
//! run takes the fast path again); changed files replace their articles, and the
//! articles of files that are gone from under the given paths are removed
//! (articles from other paths are left alone). A file that exists but cannot be
//! read this time (permissions) keeps its articles. Reading and extraction run on [`IndexOptions::threads`] workers
//! feeding one tantivy writer; long runs commit every 30 seconds, so an
//! interruption (Ctrl-C through the `cancel` flag, or a crash) loses little and the
//! next run picks up from the last commit. One writer at a time: a second gets
//! [`IndexError::LockedBy`] (or [`IndexError::Locked`]).
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
//!   the key's xxh3. Its stored `path` is the path as the user gave it
//!   (`seeds/001.txt` for `search index ./seeds/`), as of the run that last
//!   indexed it.
//! - **Entities**: extracted from the body (spans are offsets into it); the
//!   countries of a metadata title are merged in. The user's gazetteer
//!   ([`gazetteer`]) applies on top; when it changes, the articles that mention
//!   a changed entry's names are extracted again.
//! - **One person, one value**: after each run that changed the index, the
//!   person alias table is computed from the whole index's person names
//!   ([`aliases`]) and saved beside it for the query side.
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! use search_index::{IndexOptions, NoProgress, update_index};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let articles = dir.path().join("articles");
//! std::fs::create_dir(&articles).unwrap();
//! std::fs::write(articles.join("a.txt"), "Talks in Kabul\nThe envoy met the minister.").unwrap();
//! let index = dir.path().join("index");
//! let summary = update_index(&index, &[articles], &IndexOptions::default(), &NoProgress, &AtomicBool::new(false)).unwrap();
//! assert_eq!(summary.to_string(), "1 added, 0 updated, 0 unchanged, 0 removed, 0 skipped");
//! ```

pub mod aliases;
mod apply;
pub mod article;
mod decode;
pub mod document;
mod formats;
pub mod gazetteer;
mod open;
mod pipeline;
pub mod record;
mod state;
mod stream;
mod walk;

#[cfg(test)]
mod update_tests;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

pub use article::{Article, MAX_FILE_BYTES};

/// How to run an update.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Worker threads for reading and extraction; also the tantivy writer's
    /// indexing threads (at most 8, and no more than the budget gives 15 MB each).
    pub threads: usize,
    /// The tantivy writer's memory budget in bytes, shared by its threads. Peak
    /// memory of a run is about this plus the articles in flight.
    pub memory_budget: usize,
    /// Throw the existing index away and build anew.
    pub rebuild: bool,
    /// The user's gazetteer ([`search_extract::user`]); `None` reads the index
    /// directory's [`gazetteer::DEFAULT_FILE`] when there is one.
    pub gazetteer: Option<PathBuf>,
}

/// How often a long run commits, so that an interruption or a crash loses at most
/// this much work. Each commit flushes the segments in memory and syncs them, so
/// much shorter intervals slow a build down.
const COMMIT_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// [`COMMIT_INTERVAL`], or `SEARCH_COMMIT_INTERVAL_MS` milliseconds when that is
/// set. The variable is for tests (the crash tests commit every few milliseconds
/// so that their kills land between commits), not a user setting.
fn commit_interval() -> std::time::Duration {
    std::env::var("SEARCH_COMMIT_INTERVAL_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(COMMIT_INTERVAL, std::time::Duration::from_millis)
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            memory_budget: 256 << 20,
            rebuild: false,
            gazetteer: None,
        }
    }
}

/// Progress callbacks; the CLI draws a bar with them. All methods default to no-ops.
pub trait Progress: Sync {
    /// The number of files found so far (may grow while walking).
    fn found(&self, _files: u64) {}
    /// Files finished (indexed, unchanged or skipped).
    fn advance(&self, _files: u64) {}
    /// A warning or a skip, already formatted (`path: reason`).
    fn warn(&self, _message: &str) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// A file (or JSON-lines record) that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub skipped: Vec<Skipped>,
    /// Non-fatal problems with files that were still indexed (decoding, front matter).
    pub warnings: Vec<String>,
    /// The run was cancelled: what was done is committed, nothing was removed, and
    /// running again finishes the job.
    pub interrupted: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} unchanged, {} removed, {} skipped",
            self.added,
            self.updated,
            self.unchanged,
            self.removed,
            self.skipped.len()
        )?;
        match self.warnings.len() {
            0 => {}
            1 => f.write_str(", 1 warning")?,
            n => write!(f, ", {n} warnings")?,
        }
        if self.interrupted {
            f.write_str("; interrupted: what was done is saved, run again to finish")?;
        }
        Ok(())
    }
}

/// Why an update failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{0} does not exist; check the path")]
    NoSuchInput(PathBuf),
    #[error(
        "index {0} is being updated by another process; wait for it to finish or remove a stale lock"
    )]
    Locked(PathBuf),
    /// [`IndexError::Locked`], with the process id the holder recorded.
    #[error(
        "index {0} is being updated by another process (pid {1}); wait for it to finish or remove a stale lock"
    )]
    LockedBy(PathBuf, u32),
    #[error("{0}; run `search index --rebuild` to build it anew")]
    Open(#[from] search_schema::OpenError),
    #[error(
        "{0} is a folder of other files, not an index; give an empty or new folder with --index"
    )]
    NotAnIndex(PathBuf),
    /// A bad line in the user's gazetteer, or an unreadable gazetteer file.
    #[error("{0}")]
    Gazetteer(#[from] search_extract::user::GazetteerError),
    #[error("index write failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Brings the index in `index_dir` up to date with the files under `inputs`.
///
/// `cancel`, once set (Ctrl-C), stops the run at the next file; what was done is
/// committed and the summary says it was interrupted.
pub fn update_index(
    index_dir: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<Summary, IndexError> {
    update_with_interval(
        index_dir,
        inputs,
        options,
        commit_interval(),
        progress,
        cancel,
    )
}

/// [`update_index`] with another commit interval (tests shorten it).
fn update_with_interval(
    index_dir: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    commit_interval: std::time::Duration,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<Summary, IndexError> {
    let roots = inputs
        .iter()
        .map(|input| {
            walk::Root::new(input).map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => IndexError::NoSuchInput(input.clone()),
                _ => IndexError::Io {
                    path: input.clone(),
                    source,
                },
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Checked before the index is touched: a bad line stops the run at once.
    let user_gazetteer = gazetteer::load(index_dir, options.gazetteer.as_deref())?;
    let open::Opened {
        index,
        pid_file: _pid_file,
        fields,
        mut writer,
        recreated,
    } = open::open_for_update(index_dir, options)?;
    if options.rebuild {
        writer.delete_all_documents()?;
    }
    // Loaded under the writer lock, so no other run changes it meanwhile, and
    // while the walk begins. A damaged segment fails here (tantivy may even
    // panic on one): that is the user's cue to rebuild, and a rebuild, which
    // deletes everything, goes on without the old state.
    let load_state = || {
        if recreated {
            return Ok(state::IndexState::default());
        }
        let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| state::load(&index)))
            .unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(tantivy::TantivyError::InternalError(what))
            });
        match loaded {
            Ok(state) => Ok(state),
            Err(_) if options.rebuild => Ok(state::IndexState::default()),
            Err(e) => Err(search_schema::OpenError::Unreadable(index_dir.to_path_buf(), e).into()),
        }
    };
    // Files to extract again because the gazetteer changed since the last run.
    let applied = gazetteer::applied(index_dir);
    let reextract = if applied == user_gazetteer || options.rebuild || recreated {
        state::KeySet::default()
    } else {
        let names = user_gazetteer.changed_names(&applied);
        gazetteer::files_mentioning(&index, &fields, &names)?
    };
    let extractor = search_extract::user::UserExtractor::new(user_gazetteer);
    let exclude = std::fs::canonicalize(index_dir).ok();
    let run = pipeline::Run {
        roots: &roots,
        exclude: exclude.as_deref(),
        state: Default::default(),
        failed: Default::default(),
        fields: &fields,
        threads: options.threads,
        rebuild: options.rebuild,
        extractor: &extractor,
        reextract: &reextract,
        commit_interval,
        progress,
        cancel,
    };
    let (summary, wrote) = run.execute(&mut writer, load_state)?;
    // A run that changed nothing leaves the last commit as it is: committing
    // would only rewrite and sync the same metadata (a few ms of an unchanged
    // re-run, most of one over a small folder).
    if wrote || options.rebuild {
        search_schema::commit(&mut writer)?;
    }
    // The alias table follows the committed index: after a run that changed
    // it, or when an index from before aliases has none yet.
    let gazetteer_changed = applied != *extractor.gazetteer();
    if wrote
        || options.rebuild
        || gazetteer_changed
        || !index_dir.join(search_schema::aliases::FILE_NAME).exists()
    {
        aliases::refresh(&index, &fields, index_dir, extractor.gazetteer())?;
    }
    // Every article now extracted with this gazetteer: those the change
    // affected were under the paths of a complete run.
    let all_redone = reextract
        .iter()
        .all(|k| roots.iter().any(|r| r.contains(k)));
    if !summary.interrupted && all_redone && gazetteer_changed {
        gazetteer::record_applied(index_dir, extractor.gazetteer())?;
    }
    writer.wait_merging_threads()?;
    Ok(summary)
}
