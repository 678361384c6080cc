//! The update pipeline: one walker, N workers reading, hashing and extracting,
//! and the calling thread applying their results to the one `IndexWriter`.
//!
//! ```text
//! walk ──jobs (bounded)──▶ workers ×N ──outcomes (bounded)──▶ writer (this thread)
//! ```
//!
//! Both channels are bounded, so a fast walker or fast readers wait for the writer
//! instead of filling memory. Every file's articles reach the writer as one
//! outcome, so a commit never holds half a file: after a crash the next run sees
//! each file either wholly indexed (same hash: unchanged) or not (re-read).

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, bounded};
use search_extract::Extractor;
use search_schema::Fields;
use tantivy::{IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::xxh3_64;

use crate::article::{self, io_reason};
use crate::document::{self, FileMeta};
use crate::state::IndexState;
use crate::walk::{self, FileJob, Found, Root};
use crate::{IndexError, Progress, Skipped, Summary};

/// Commit at least this often on long runs, so that an interruption loses little.
const COMMIT_INTERVAL: Duration = Duration::from_secs(30);

/// The commit interval: [`COMMIT_INTERVAL`], or `SEARCH_COMMIT_INTERVAL_MS`
/// milliseconds when that is set. The variable is for tests (the crash tests
/// commit every few milliseconds so that their kills land between commits), not
/// a user setting.
fn commit_interval() -> Duration {
    std::env::var("SEARCH_COMMIT_INTERVAL_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(COMMIT_INTERVAL, Duration::from_millis)
}

/// What a worker made of one file.
enum Outcome {
    /// Size and mtime (or the content hash) as indexed: nothing to do.
    Unchanged { file_key: String, articles: u64 },
    /// New or changed: the file's documents, which replace all it had before.
    /// `refresh` marks same content with a new mtime, re-indexed only to record
    /// the mtime so that the next run takes the fast path.
    Indexed {
        file_key: String,
        docs: Vec<(String, TantivyDocument)>,
        warnings: Vec<String>,
        skipped: Vec<Skipped>,
        refresh: bool,
    },
    /// Not indexed. With `keep`, the file's existing articles stay (it could not
    /// be read this time); without, they go (it is no longer an article).
    Skip {
        skipped: Skipped,
        file_key: Option<String>,
        keep: bool,
    },
}

/// Everything a run needs besides the writer.
pub struct Run<'a> {
    pub roots: &'a [Root],
    /// The index folder, never walked.
    pub exclude: Option<&'a Path>,
    pub state: &'a IndexState,
    pub fields: &'a Fields,
    pub threads: usize,
    /// All documents were deleted first: index every file, count it added.
    pub rebuild: bool,
    pub progress: &'a dyn Progress,
    pub cancel: &'a AtomicBool,
}

impl Run<'_> {
    /// Runs the update, committing on the way; the caller commits the end.
    pub fn execute(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
    ) -> Result<Summary, IndexError> {
        let threads = self.threads.max(1);
        std::thread::scope(|scope| {
            let (job_tx, job_rx) = bounded::<FileJob>(threads * 64);
            let (out_tx, out_rx) = bounded::<Outcome>(threads * 2);
            let walk_done = scope.spawn({
                let out_tx = out_tx.clone();
                move || self.walk(job_tx, out_tx)
            });
            for _ in 0..threads {
                let (job_rx, out_tx) = (job_rx.clone(), out_tx.clone());
                scope.spawn(move || self.work(job_rx, out_tx));
            }
            drop((job_rx, out_tx));
            let mut applier = Applier::new(self);
            let applied = applier.apply_all(writer, &out_rx);
            // On an error, dropping the receiver stops the workers and the walker.
            drop(out_rx);
            applied?;
            let complete =
                walk_done.join().unwrap_or(false) && !self.cancel.load(Ordering::Relaxed);
            applier.finish(writer, complete);
            Ok(applier.summary)
        })
    }

    /// Walks the roots, feeding jobs to the workers and walk skips to the writer.
    /// Returns whether the walk finished (not cancelled, writer still there).
    fn walk(&self, jobs: Sender<FileJob>, outcomes: Sender<Outcome>) -> bool {
        let mut found = 0;
        walk::walk(self.roots, self.exclude, |item| {
            if self.cancel.load(Ordering::Relaxed) {
                return false;
            }
            found += 1;
            self.progress.found(found);
            match item {
                Found::File(job) => jobs.send(job).is_ok(),
                Found::Skip(skipped, protect) => outcomes
                    .send(Outcome::Skip {
                        skipped,
                        keep: protect.is_some(),
                        file_key: protect,
                    })
                    .is_ok(),
            }
        })
    }

    fn work(&self, jobs: Receiver<FileJob>, outcomes: Sender<Outcome>) {
        let extractor = Extractor::global();
        for job in jobs {
            // Stop taking files once cancelled; what is in flight is dropped.
            if self.cancel.load(Ordering::Relaxed) {
                break;
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| self.process(extractor, &job)))
                .unwrap_or_else(|_| Outcome::Skip {
                    skipped: Skipped {
                        path: job.display.clone().into(),
                        reason: "internal error while reading; please report it".into(),
                    },
                    file_key: Some(job.key.clone()),
                    keep: true,
                });
            if outcomes.send(outcome).is_err() {
                break;
            }
        }
    }

    fn process(&self, extractor: &Extractor, job: &FileJob) -> Outcome {
        let old = self.state.get(&job.key).filter(|_| !self.rebuild);
        if let Some(old) = old.filter(|o| o.size == job.size && o.mtime == job.mtime) {
            return unchanged(job, old.keys.len());
        }
        let skip = |reason: String, keep: bool| Outcome::Skip {
            skipped: Skipped {
                path: job.display.clone().into(),
                reason,
            },
            file_key: Some(job.key.clone()),
            keep,
        };
        let bytes = match article::read_limited(&job.fs_path) {
            Ok(bytes) => bytes,
            // Gone: its articles go. Unreadable for now: they stay.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return skip(io_reason(&e), false);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Other => return skip(e.to_string(), false),
            Err(e) => return skip(io_reason(&e), true),
        };
        let hash = xxh3_64(&bytes);
        let refresh = old.is_some_and(|o| o.hash == hash && o.size == bytes.len() as u64);
        let read = match article::parse(&bytes, job.format, &job.key, &job.display, &job.fs_path) {
            Ok(read) => read,
            Err(reason) => return skip(reason, false),
        };
        drop(bytes);
        let meta = FileMeta {
            hash,
            size: job.size,
            mtime: job.mtime,
        };
        let docs = read
            .articles
            .iter()
            .map(|a| {
                let entities = document::extract(extractor, a);
                (
                    a.key.clone(),
                    document::build(self.fields, a, &entities, meta),
                )
            })
            .collect();
        Outcome::Indexed {
            file_key: job.key.clone(),
            docs,
            warnings: read.warnings,
            skipped: read.skipped,
            refresh,
        }
    }
}

fn unchanged(job: &FileJob, articles: usize) -> Outcome {
    Outcome::Unchanged {
        file_key: job.key.clone(),
        articles: articles as u64,
    }
}

/// The writer side: applies outcomes, counts, commits on the way.
struct Applier<'r, 'a> {
    run: &'r Run<'a>,
    summary: Summary,
    /// Files whose articles this run accounted for (kept or replaced).
    seen: HashSet<String>,
    /// Files and folders that could not be read this time: their articles stay.
    kept: Vec<String>,
    last_commit: Instant,
    commit_interval: Duration,
}

impl<'r, 'a> Applier<'r, 'a> {
    fn new(run: &'r Run<'a>) -> Self {
        Applier {
            run,
            summary: Summary::default(),
            seen: HashSet::new(),
            kept: Vec::new(),
            last_commit: Instant::now(),
            commit_interval: commit_interval(),
        }
    }

    fn apply_all(
        &mut self,
        writer: &mut IndexWriter<TantivyDocument>,
        outcomes: &Receiver<Outcome>,
    ) -> Result<(), IndexError> {
        for outcome in outcomes {
            self.apply(writer, outcome)?;
            self.run.progress.advance(1);
            if self.last_commit.elapsed() >= self.commit_interval {
                writer.commit()?;
                self.last_commit = Instant::now();
            }
        }
        Ok(())
    }

    fn apply(
        &mut self,
        writer: &IndexWriter<TantivyDocument>,
        outcome: Outcome,
    ) -> Result<(), IndexError> {
        let (progress, key_field) = (self.run.progress, self.run.fields.key);
        match outcome {
            Outcome::Unchanged { file_key, articles } => {
                self.summary.unchanged += articles;
                self.seen.insert(file_key);
            }
            Outcome::Skip {
                skipped,
                file_key,
                keep,
            } => {
                progress.warn(&format!("{}: {}", skipped.path.display(), skipped.reason));
                self.summary.skipped.push(skipped);
                if let (true, Some(key)) = (keep, file_key) {
                    self.kept.push(key);
                }
            }
            Outcome::Indexed {
                file_key,
                docs,
                warnings,
                skipped,
                refresh,
            } => {
                for w in &warnings {
                    progress.warn(w);
                }
                for s in &skipped {
                    progress.warn(&format!("{}: {}", s.path.display(), s.reason));
                }
                self.summary.warnings.extend(warnings);
                self.summary.skipped.extend(skipped);
                let old_keys: &[String] = match self.run.state.get(&file_key) {
                    Some(old) if !self.run.rebuild => &old.keys,
                    _ => &[],
                };
                for key in old_keys {
                    writer.delete_term(Term::from_field_text(key_field, key));
                }
                let mut new_keys = HashSet::with_capacity(docs.len());
                for (key, doc) in docs {
                    match (old_keys.contains(&key), refresh) {
                        (false, _) => self.summary.added += 1,
                        (true, false) => self.summary.updated += 1,
                        (true, true) => self.summary.unchanged += 1,
                    }
                    writer.add_document(doc)?;
                    new_keys.insert(key);
                }
                self.summary.removed +=
                    old_keys.iter().filter(|k| !new_keys.contains(*k)).count() as u64;
                self.seen.insert(file_key);
            }
        }
        Ok(())
    }

    /// Removes the articles of files under the roots that this run did not see
    /// (only after a complete walk: an interrupted one has not seen everything).
    fn finish(&mut self, writer: &IndexWriter<TantivyDocument>, complete: bool) {
        self.summary.interrupted = !complete;
        if !complete {
            return;
        }
        for (file_key, old) in self.run.state {
            if self.seen.contains(file_key) {
                continue;
            }
            if self.run.rebuild {
                // Already deleted with everything else; count what did not come back.
                self.summary.removed += old.keys.len() as u64;
                continue;
            }
            let under_roots = self.run.roots.iter().any(|r| r.contains(file_key));
            let protected = self.kept.iter().any(|k| Path::new(file_key).starts_with(k));
            if under_roots && !protected {
                for key in &old.keys {
                    writer.delete_term(Term::from_field_text(self.run.fields.key, key));
                }
                self.summary.removed += old.keys.len() as u64;
            }
        }
    }
}
