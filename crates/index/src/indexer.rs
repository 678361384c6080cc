//! [`Indexer`]: how to run an update (threads, memory, commit interval,
//! progress, cancellation, gazetteer), and the run itself: open the index and
//! take its lock, walk and extract ([`crate::pipeline`]), apply the outcomes
//! ([`crate::apply`]), commit and refresh what follows the index.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use search_extract::user::UserExtractor;
use search_schema::Fields;
use tantivy::{Index, IndexWriter};

use crate::apply::Applier;
use crate::document::ArticleDoc;
use crate::{IndexError, NoProgress, Progress, Summary};
use crate::{aliases, gazetteer, migrate, open, pipeline, state, walk};

/// How often a long run commits by default, so that an interruption or a crash
/// loses at most this much work. Each commit flushes the segments in memory and
/// syncs them, so much shorter intervals slow a build down.
pub const DEFAULT_COMMIT_INTERVAL: Duration = Duration::from_secs(30);

/// Never set: the cancel flag of an indexer not given one.
static NEVER_CANCELLED: AtomicBool = AtomicBool::new(false);

/// What the run needs to know besides progress and cancellation.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Worker threads for reading and extraction; also the tantivy writer's
    /// indexing threads (at most 8, and no more than the budget gives 15 MB each).
    pub threads: usize,
    /// The tantivy writer's memory budget in bytes, shared by its threads.
    pub memory_budget: usize,
    /// The most segment files one merge reads ([`crate::merge`]).
    pub max_merge_bytes: u64,
    /// Throw the existing index away and build anew.
    pub rebuild: bool,
    /// The user's gazetteer file; `None` reads the index directory's
    /// [`gazetteer::DEFAULT_FILE`] when there is one.
    pub gazetteer: Option<PathBuf>,
    /// Commit at least this often while running.
    pub commit_interval: Duration,
    /// [`Indexer::watch`] looks for changes by walking only, as where the
    /// system gives no change events (tests set it).
    pub poll_only: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            memory_budget: 256 << 20,
            max_merge_bytes: crate::merge::DEFAULT_MAX_MERGE_BYTES,
            rebuild: false,
            gazetteer: None,
            commit_interval: DEFAULT_COMMIT_INTERVAL,
            poll_only: false,
        }
    }
}

/// Builds or updates the index in one folder: set it up, then call
/// [`Indexer::update`] with the files and folders to index.
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// use std::time::Duration;
/// use search_index::{Indexer, NoProgress};
///
/// let dir = tempfile::tempdir()?;
/// let articles = dir.path().join("articles");
/// std::fs::create_dir(&articles)?;
/// std::fs::write(articles.join("a.txt"), "Talks in Kabul\nThe envoy met the minister.")?;
///
/// let cancel = AtomicBool::new(false); // set it (on Ctrl-C) to stop the run
/// let indexer = Indexer::new(dir.path().join("index"))
///     .threads(2)
///     .memory_budget(64 << 20)
///     .commit_interval(Duration::from_secs(10))
///     .progress(&NoProgress)
///     .cancel_on(&cancel);
/// let summary = indexer.update(&[&articles])?;
/// assert_eq!(summary.to_string(), "1 added, 0 updated, 0 unchanged, 0 removed, 0 skipped");
///
/// // A second run finds the file as it was.
/// assert_eq!(indexer.update(&[&articles])?.unchanged, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Indexer<'a> {
    pub(crate) index_dir: PathBuf,
    pub(crate) settings: Settings,
    pub(crate) progress: &'a dyn Progress,
    pub(crate) cancel: &'a AtomicBool,
}

impl std::fmt::Debug for Indexer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexer")
            .field("index_dir", &self.index_dir)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<'a> Indexer<'a> {
    /// An indexer of the index in `index_dir` (created on the first update),
    /// with the defaults: a thread per core, a 256 MiB writer budget, a commit
    /// every 30 seconds, no progress reporting, never cancelled.
    pub fn new(index_dir: impl Into<PathBuf>) -> Self {
        Indexer {
            index_dir: index_dir.into(),
            settings: Settings::default(),
            progress: &NoProgress,
            cancel: &NEVER_CANCELLED,
        }
    }

    /// Worker threads for reading and extraction (at least one); also the
    /// tantivy writer's indexing threads (at most 8, and no more than the memory
    /// budget gives 15 MB each).
    pub fn threads(mut self, threads: usize) -> Self {
        self.settings.threads = threads.max(1);
        self
    }

    /// The tantivy writer's memory budget in bytes, shared by its threads. Peak
    /// memory of a run is about this plus the articles in flight.
    pub fn memory_budget(mut self, bytes: usize) -> Self {
        self.settings.memory_budget = bytes;
        self
    }

    /// The most segment files one merge may read, in bytes
    /// ([`crate::merge::DEFAULT_MAX_MERGE_BYTES`] unless set; 0: never merge).
    /// A merge maps the segments it reads, so this bounds what merging adds to
    /// a run's resident memory; segments of half this size are merged no more.
    pub fn max_merge_bytes(mut self, bytes: u64) -> Self {
        self.settings.max_merge_bytes = bytes;
        self
    }

    /// Throw the existing index away (also one that cannot be read, or of
    /// another schema) and build anew.
    pub fn rebuild(mut self, rebuild: bool) -> Self {
        self.settings.rebuild = rebuild;
        self
    }

    /// The user's gazetteer ([`search_extract::user`]); without one, the index
    /// folder's [`gazetteer::DEFAULT_FILE`] is read when there is one.
    pub fn gazetteer(mut self, file: Option<PathBuf>) -> Self {
        self.settings.gazetteer = file;
        self
    }

    /// How often a long run commits ([`DEFAULT_COMMIT_INTERVAL`] unless set):
    /// what an interruption or a crash can lose, and how long before a reader
    /// sees the first articles of a long run.
    pub fn commit_interval(mut self, interval: Duration) -> Self {
        self.settings.commit_interval = interval;
        self
    }

    /// Where progress and warnings go.
    pub fn progress(mut self, progress: &'a dyn Progress) -> Self {
        self.progress = progress;
        self
    }

    /// A flag that, once set (on Ctrl-C, say), stops the run at the next file:
    /// what was done is committed, and the summary says it was interrupted.
    pub fn cancel_on(mut self, cancel: &'a AtomicBool) -> Self {
        self.cancel = cancel;
        self
    }

    /// The index folder.
    pub fn index_dir(&self) -> &Path {
        &self.index_dir
    }

    /// Brings the index up to date with the files under `inputs` (files and
    /// folders): new and changed files are read, those gone from under the
    /// inputs removed.
    pub fn update(&self, inputs: &[impl AsRef<Path>]) -> Result<Summary, IndexError> {
        let mut session = self.open(inputs)?;
        let summary = session.pass(self.settings.rebuild)?;
        session.close()?;
        Ok(summary)
    }

    /// Opens the index for updates from `inputs`, taking its lock.
    pub(crate) fn open(&self, inputs: &[impl AsRef<Path>]) -> Result<Session<'_>, IndexError> {
        let index_dir = &self.index_dir;
        let roots = inputs
            .iter()
            .map(|input| {
                let input = input.as_ref();
                walk::Root::new(input).map_err(|source| match source.kind() {
                    std::io::ErrorKind::NotFound => IndexError::NoSuchInput(input.to_path_buf()),
                    _ => IndexError::Io {
                        path: input.to_path_buf(),
                        source,
                    },
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Checked before the index is touched: a bad line stops the run at once.
        let user_gazetteer = gazetteer::load(index_dir, self.settings.gazetteer.as_deref())?;
        let open::Opened {
            index,
            pid_file,
            fields,
            writer,
            recreated,
        } = open::open_for_update(index_dir, &self.settings)?;
        Ok(Session {
            indexer: self,
            roots,
            exclude: std::fs::canonicalize(index_dir).ok(),
            extractor: UserExtractor::new(user_gazetteer),
            index,
            _pid_file: pid_file,
            fields,
            writer,
            recreated,
        })
    }
}

/// An index open for updates: the writer and its lock, held from pass to pass.
pub(crate) struct Session<'i> {
    indexer: &'i Indexer<'i>,
    roots: Vec<walk::Root>,
    /// The index folder, never walked.
    exclude: Option<PathBuf>,
    /// Extraction, with the user's gazetteer.
    extractor: UserExtractor,
    index: Index,
    _pid_file: open::PidFile,
    fields: Fields,
    writer: IndexWriter<ArticleDoc>,
    /// The index could not be read and was created anew: nothing to load.
    recreated: bool,
}

impl Session<'_> {
    /// One walk over the inputs, applying what changed and committing it.
    /// `rebuild` deletes every document first.
    pub fn pass(&mut self, rebuild: bool) -> Result<Summary, IndexError> {
        let indexer = self.indexer;
        let index_dir = indexer.index_dir.as_path();
        let recreated = std::mem::take(&mut self.recreated);
        if rebuild {
            self.writer.delete_all_documents()?;
        }
        let index = &self.index;
        // Loaded under the writer lock, so no other run changes it meanwhile, and
        // while the walk begins. A damaged segment fails here (tantivy may even
        // panic on one): that is the user's cue to rebuild, and a rebuild, which
        // deletes everything, goes on without the old state.
        let load_state = || {
            if recreated {
                return Ok(state::IndexState::default());
            }
            let loaded =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| state::load(index)))
                    .unwrap_or_else(|panic| {
                        let what = search_types::panic::message(&*panic).to_string();
                        Err(tantivy::TantivyError::InternalError(what))
                    });
            match loaded {
                Ok(state) => Ok(state),
                Err(_) if rebuild => Ok(state::IndexState::default()),
                Err(e) => {
                    Err(search_schema::OpenError::Unreadable(index_dir.to_path_buf(), e).into())
                }
            }
        };
        // Files to extract again because the gazetteer changed since the last run.
        let applied = gazetteer::applied(index_dir);
        let gazetteer_changed = applied != *self.extractor.gazetteer();
        let reextract = if !gazetteer_changed || rebuild || recreated {
            state::KeySet::default()
        } else {
            let names = self.extractor.gazetteer().changed_names(&applied);
            gazetteer::files_mentioning(index, &self.fields, &names)?
        };
        // A damaged index fails (or panics) here too: the state's load reports that.
        let redo_all = !rebuild
            && !recreated
            && std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                migrate::has_relative_paths(index, &self.fields)
            }))
            .is_ok_and(|found| found.unwrap_or(false));
        if redo_all {
            indexer.progress.warn(&format!(
                "{}: the index stores paths relative to where it was built; reading the files again once to store absolute paths",
                index_dir.display()
            ));
        }
        let run = pipeline::Run {
            roots: &self.roots,
            exclude: self.exclude.as_deref(),
            state: Default::default(),
            failed: Default::default(),
            fields: &self.fields,
            threads: indexer.settings.threads,
            rebuild,
            extractor: &self.extractor,
            reextract: &reextract,
            redo_all,
            progress: indexer.progress,
            cancel: indexer.cancel,
            busy: Default::default(),
        };
        let writer = &mut self.writer;
        let (applier, walked) = run.execute(load_state, |state, outcomes| {
            let mut applier = Applier::new(
                state,
                self.fields.key,
                &self.roots,
                rebuild,
                indexer.settings.commit_interval,
                indexer.progress,
            );
            applier.apply_all(writer, outcomes)?;
            Ok(applier)
        })?;
        let complete = walked && !indexer.cancel.load(std::sync::atomic::Ordering::Relaxed);
        let (summary, wrote) = applier.finish(writer, complete);
        // A run that changed nothing leaves the last commit as it is: committing
        // would only rewrite and sync the same metadata (a few ms of an unchanged
        // re-run, most of one over a small folder).
        if wrote || rebuild {
            search_schema::commit(writer)?;
        }
        // The alias table follows the committed index: after a run that changed
        // it, or when an index from before aliases has none yet.
        if wrote
            || rebuild
            || gazetteer_changed
            || !index_dir.join(search_schema::aliases::FILE_NAME).exists()
        {
            aliases::refresh(index, &self.fields, index_dir, self.extractor.gazetteer())?;
        }
        // Every article now extracted with this gazetteer: those the change
        // affected were under the paths of a complete run.
        let all_redone = reextract
            .iter()
            .all(|k| self.roots.iter().any(|r| r.contains(k)));
        if !summary.interrupted && all_redone && gazetteer_changed {
            gazetteer::record_applied(index_dir, self.extractor.gazetteer())?;
        }
        Ok(summary)
    }

    /// The inputs' canonical paths, and whether each is a folder.
    pub fn watched(&self) -> Vec<(PathBuf, bool)> {
        self.roots
            .iter()
            .map(|r| (r.canonical.clone(), r.canonical.is_dir()))
            .collect()
    }

    /// Waits for the writer's merges and releases the lock.
    pub fn close(self) -> Result<(), IndexError> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
