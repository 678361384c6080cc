//! The update pipeline: one walker, N workers stat'ing, reading, hashing and extracting,
//! and the calling thread applying their results to the one `IndexWriter`.
//!
//! ```text
//! walk ──jobs (bounded)──▶ workers ×N ──outcomes (bounded)──▶ writer (this thread)
//! ```
//!
//! The writer side is [`crate::apply`], which takes the [`Outcome`]s defined
//! here; this module does not know it (data flows one way). Both channels are
//! bounded, so a fast walker or fast readers wait for the writer instead of
//! filling memory. A file's articles reach the writer as one outcome, so a
//! commit never holds half a file: after a crash the next run sees each file
//! either wholly indexed (same hash: unchanged) or not (re-read). JSON-lines
//! files are the exception: they come in parts ([`StreamPart`]), and a commit
//! between parts records how far the file was read ([`crate::stream`]), so the
//! next run reads on from there.

use std::fs::{File, Metadata};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossbeam_channel::{Receiver, Sender, bounded};
use search_extract::user::UserExtractor;
use search_schema::Fields;
use xxhash_rust::xxh3::xxh3_64;

use crate::article::{self, Article, Format, io_reason};
use crate::document::{self, ArticleDoc, FileMeta};
use crate::formats;
use crate::state::{FileState, IndexState, KeySet, NearSlots};
use crate::stream;
use crate::walk::{self, FileJob, Found, Root, Stater};
use crate::{IndexError, Progress, Skipped};

/// Everything a run needs besides the writer.
pub struct Run<'a> {
    pub roots: &'a [Root],
    /// The index folder, never walked.
    pub exclude: Option<&'a Path>,
    /// The index's state, set once loaded: the walk starts meanwhile.
    pub state: OnceLock<IndexState>,
    /// Loading the state failed: the workers stop.
    pub failed: AtomicBool,
    pub fields: &'a Fields,
    pub threads: usize,
    /// All documents were deleted first: index every file, count it added.
    pub rebuild: bool,
    /// Extraction, with the user's gazetteer.
    pub extractor: &'a UserExtractor,
    /// Files to read and extract again even if unchanged (the gazetteer
    /// changed in a way that may concern them).
    pub reextract: &'a KeySet,
    /// Read and extract every file again, even if unchanged (the index is of
    /// an older kind, see [`crate::migrate`]).
    pub redo_all: bool,
    pub progress: &'a dyn Progress,
    pub cancel: &'a AtomicBool,
    /// Workers reading or extracting a file now (not waiting for one): a big
    /// feed's extraction is split only over the others ([`Run::documents`]).
    pub busy: AtomicUsize,
}

/// What a worker made of one file.
pub(crate) enum Outcome {
    /// New or changed: the file's documents, which replace all it had before.
    /// `refresh` marks same content with a new mtime, re-indexed only to record
    /// the mtime so that the next run takes the fast path.
    Indexed {
        file_key: String,
        docs: Vec<ArticleDoc>,
        warnings: Vec<String>,
        skipped: Vec<Skipped>,
        refresh: bool,
        text_bytes: usize,
        /// Set for a part of a JSON-lines file read in parts; `None` for a
        /// file whose articles all come at once.
        part: Option<StreamPart>,
    },
    /// Same size and mtime as indexed: its articles stay as they are. `slot` is
    /// the file's [`crate::state::FileState::slot`].
    Unchanged { slot: usize, articles: u64 },
    /// Not indexed. With `keep`, the file's existing articles stay (it could not
    /// be read this time); without, they go (it is no longer an article).
    Skip {
        skipped: Skipped,
        file_key: Option<String>,
        keep: bool,
    },
}

/// Where a part of a file read in parts ([`crate::stream`]) stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StreamPart {
    /// The file's first part this run: a whole read deletes the old articles.
    pub first: bool,
    /// Its last: the counts are settled.
    pub last: bool,
    /// Only lines after the indexed ones were read: the old articles stay.
    pub append: bool,
}

impl Outcome {
    /// `job`'s file skipped for `reason`; `keep` keeps its indexed articles
    /// (unreadable for now), otherwise they go (gone, or not an article now).
    fn skip(job: &FileJob, reason: String, keep: bool) -> Outcome {
        Outcome::Skip {
            skipped: Skipped {
                path: job.display.clone().into(),
                reason,
            },
            file_key: Some(job.key.clone()),
            keep,
        }
    }

    /// Whether the outcome settles a file (every one but a part before the last).
    pub fn finishes_file(&self) -> bool {
        match self {
            Outcome::Indexed {
                part: Some(part), ..
            } => part.last,
            _ => true,
        }
    }

    /// The article text an outcome carries, for sizing batches.
    pub fn text_bytes(&self) -> usize {
        match self {
            Outcome::Indexed { text_bytes, .. } => *text_bytes,
            Outcome::Unchanged { .. } | Outcome::Skip { .. } => 0,
        }
    }
}

/// Files per job batch and outcomes per outcome batch: one channel operation per
/// batch rather than per file keeps threads from waking each other 90,000 times
/// on a 2-core machine.
const BATCH_FILES: usize = 64;
/// Text per outcome batch after which it is sent early, bounding memory in flight
/// when files are large.
const BATCH_BYTES: usize = 4 << 20;

/// Job batches the walk may run ahead of the workers: a file job is a few
/// hundred bytes, so 1024 batches (64k files) hold some tens of MB, and let the walk go
/// on while the index state loads instead of stopping after a handful.
const JOB_BATCHES_AHEAD: usize = 1024;

/// Records in one file from which extraction is split over threads.
const SPLIT_RECORDS: usize = 256;

/// Opens `job`'s file with its metadata, or says why it is skipped: gone (its
/// articles go), unreadable for now (they stay), or no longer a regular file,
/// replaced by a FIFO or a device since the walk (they go).
fn open_regular(stater: &mut Stater, job: &FileJob) -> Result<(File, Metadata), Outcome> {
    let measured = stater.open(&job.fs_path).and_then(|file| {
        let meta = file.metadata()?;
        Ok((file, meta))
    });
    match measured {
        Ok((_, meta)) if !meta.is_file() => {
            Err(Outcome::skip(job, "not a regular file".into(), false))
        }
        Ok(opened) => Ok(opened),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Outcome::skip(job, io_reason(&e), false))
        }
        Err(e) => Err(Outcome::skip(job, io_reason(&e), true)),
    }
}

impl Run<'_> {
    /// Runs the walk and the workers, and hands their outcomes to `apply` on
    /// this thread (the writer side, [`crate::apply`]), with the index's state
    /// once `load_state` has loaded it; `load_state` runs on this thread while
    /// the walk has begun on another. Returns what `apply` returned and whether
    /// the walk went through to the end.
    pub fn execute<'s, R>(
        &'s self,
        load_state: impl FnOnce() -> Result<IndexState, IndexError>,
        apply: impl FnOnce(&'s IndexState, &Receiver<Vec<Outcome>>) -> Result<R, IndexError>,
    ) -> Result<(R, bool), IndexError> {
        let threads = self.threads.max(1);
        std::thread::scope(|scope| {
            let (job_tx, job_rx) = bounded::<Vec<FileJob>>(JOB_BATCHES_AHEAD);
            let (out_tx, out_rx) = bounded::<Vec<Outcome>>(threads * 2);
            let (spent_tx, spent_rx) = bounded::<Vec<FileJob>>(JOB_BATCHES_AHEAD);
            let walker = scope.spawn({
                let out_tx = out_tx.clone();
                move || self.walk(job_tx, out_tx, spent_rx)
            });
            for _ in 0..threads {
                let (job_rx, out_tx, spent_tx) = (job_rx.clone(), out_tx.clone(), spent_tx.clone());
                scope.spawn(move || self.work(job_rx, out_tx, spent_tx));
            }
            drop((job_rx, out_tx, spent_tx));
            let state = match load_state() {
                Ok(state) => self.state.get_or_init(|| state),
                Err(e) => {
                    self.failed.store(true, Ordering::Relaxed);
                    self.state.get_or_init(IndexState::default);
                    // Workers stop, the walk with them once its sends fail.
                    drop(out_rx);
                    return Err(e);
                }
            };
            let applied = apply(state, &out_rx);
            // On an error, dropping the receiver stops the workers and the walker.
            drop(out_rx);
            let applied = applied?;
            // The walk went through to the end.
            let walked = walker.join().unwrap_or(false);
            Ok((applied, walked))
        })
    }

    /// Walks the roots, feeding the files found to the workers in batches, unread
    /// and not yet stat'ed (the workers stat them in parallel and settle those
    /// whose size and mtime are as indexed, the common case of a re-run); walk
    /// skips go straight to the writer. Returns whether the walk went through.
    ///
    /// The workers hand their finished jobs back through `spent`, and the jobs
    /// are dropped here: freed on the thread that allocated them, their memory
    /// serves the next jobs, where freeing them on a worker took the walker's
    /// allocator arena lock three times a file (a tenth of a re-run's time).
    fn walk(
        &self,
        jobs: Sender<Vec<FileJob>>,
        outcomes: Sender<Vec<Outcome>>,
        spent: Receiver<Vec<FileJob>>,
    ) -> bool {
        let mut batch = Vec::with_capacity(BATCH_FILES);
        let mut found = 0;
        let finished = walk::walk_with(self.roots, self.exclude, false, |item| {
            if self.cancel.load(Ordering::Relaxed) {
                return false;
            }
            // Reported once a batch: a progress bar needs no more, and a call
            // per file showed in a re-run's profile.
            found += 1;
            if found % BATCH_FILES as u64 == 0 {
                self.progress.found(found);
            }
            match item {
                Found::File(job) => {
                    batch.push(job);
                    batch.len() < BATCH_FILES
                        || jobs
                            .send(std::mem::replace(&mut batch, {
                                let mut next = spent
                                    .try_recv()
                                    .unwrap_or_else(|_| Vec::with_capacity(BATCH_FILES));
                                next.clear();
                                next
                            }))
                            .is_ok()
                }
                Found::Skip(skipped, protect) => outcomes
                    .send(vec![Outcome::Skip {
                        skipped,
                        keep: protect.is_some(),
                        file_key: protect,
                    }])
                    .is_ok(),
            }
        });
        self.progress.found(found);
        finished && (batch.is_empty() || jobs.send(batch).is_ok())
    }

    fn work(
        &self,
        jobs: Receiver<Vec<FileJob>>,
        outcomes: Sender<Vec<Outcome>>,
        spent: Sender<Vec<FileJob>>,
    ) {
        let state = self.state.wait();
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let mut pending = Vec::new();
        let mut pending_bytes = 0;
        let mut stater = walk::Stater::default();
        let mut near = NearSlots::default();
        let mut done = Vec::new();
        'batches: for mut batch in jobs {
            for job in batch.drain(..) {
                // Stop taking files once cancelled; what is done still goes out.
                if self.cancel.load(Ordering::Relaxed) {
                    break 'batches;
                }
                let indexed = state
                    .get_near(&job.key, &mut near)
                    .filter(|_| !self.rebuild);
                // An indexed file is stat'ed to see whether it changed, and
                // anything but a regular file to see what it is; a new regular
                // file is measured once open (fstat), saving a lookup by name.
                let job = if indexed.is_some() || !job.regular {
                    match stater.stat(job) {
                        Found::File(job) => job,
                        Found::Skip(skipped, protect) => {
                            pending.push(Outcome::Skip {
                                skipped,
                                keep: protect.is_some(),
                                file_key: protect,
                            });
                            continue;
                        }
                    }
                } else {
                    job
                };
                let redo = self.redo_all
                    || (!self.reextract.is_empty() && self.reextract.contains(&job.key));
                if let Some(old) =
                    indexed.filter(|o| o.size == job.size && o.mtime == job.mtime && !redo)
                {
                    pending.push(Outcome::Unchanged {
                        slot: old.slot,
                        articles: old.articles() as u64,
                    });
                    done.push(job);
                    continue;
                }
                let _busy = Busy::new(&self.busy);
                if matches!(job.format, Format::JsonLines | Format::Warc) {
                    // Its parts go straight to the writer, after what is pending.
                    if !pending.is_empty() && outcomes.send(std::mem::take(&mut pending)).is_err() {
                        return;
                    }
                    pending_bytes = 0;
                    let streamed = catch_unwind(AssertUnwindSafe(|| {
                        self.stream(&mut stater, &job, indexed, &outcomes)
                    }));
                    done.push(job);
                    match streamed {
                        Ok(true) => continue,
                        Ok(false) => return,
                        Err(_) => {
                            let job = done.last().expect("just pushed");
                            pending.push(Outcome::Skip {
                                skipped: Skipped {
                                    path: job.display.clone().into(),
                                    reason: "internal error while reading; please report it".into(),
                                },
                                file_key: Some(job.key.clone()),
                                keep: true,
                            });
                            continue;
                        }
                    }
                }
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    self.process(&mut stater, &job, indexed)
                }))
                .unwrap_or_else(|_| Outcome::Skip {
                    skipped: Skipped {
                        path: job.display.clone().into(),
                        reason: "internal error while reading; please report it".into(),
                    },
                    file_key: Some(job.key.clone()),
                    keep: true,
                });
                done.push(job);
                pending_bytes += outcome.text_bytes();
                pending.push(outcome);
                if pending_bytes >= BATCH_BYTES {
                    pending_bytes = 0;
                    if outcomes.send(std::mem::take(&mut pending)).is_err() {
                        return;
                    }
                }
            }
            // The emptied batch holds the next batch's finished jobs. Should
            // the walker be behind on taking them back, they are freed here.
            let _ = spent.try_send(std::mem::replace(&mut done, batch));
            pending_bytes = 0;
            if !pending.is_empty() && outcomes.send(std::mem::take(&mut pending)).is_err() {
                return;
            }
        }
        if !pending.is_empty() {
            // Fails only when the writer stopped on an error: nothing left to do.
            let _ = outcomes.send(pending);
        }
    }

    /// Reads, parses and extracts a new or changed file; `old` is its indexed
    /// state, if any.
    fn process(&self, stater: &mut Stater, job: &FileJob, old: Option<&FileState>) -> Outcome {
        let skip = |reason: String, keep: bool| Outcome::skip(job, reason, keep);
        let (file, meta) = match open_regular(stater, job) {
            Ok(opened) => opened,
            Err(skipped) => return skipped,
        };
        let (size, mtime) = (meta.len(), walk::mtime_ns(&meta));
        let bytes = match article::read_open(file, size) {
            Ok(bytes) => bytes,
            // Too large: not an article we index any more.
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
                return skip(e.to_string(), false);
            }
            Err(e) => return skip(io_reason(&e), true),
        };
        let hash = xxh3_64(&bytes);
        let refresh = old.is_some_and(|o| o.hash == hash && o.size == bytes.len() as u64);
        let read = match article::parse(&bytes, job.format, &job.key, &job.display, &job.fs_path) {
            Ok(read) => read,
            Err(reason) => return skip(reason, false),
        };
        let text_bytes = bytes.len();
        drop(bytes);
        let meta = FileMeta { hash, size, mtime };
        let docs = self.documents(read.articles, meta);
        Outcome::Indexed {
            file_key: job.key.clone(),
            docs,
            warnings: read.warnings,
            skipped: read.skipped,
            refresh,
            text_bytes,
            part: None,
        }
    }

    /// Reads a JSON-lines file ([`crate::stream`]) or a web archive in parts, sending each to
    /// the writer as soon as it is extracted. Returns false when the writer is
    /// gone.
    fn stream(
        &self,
        stater: &mut Stater,
        job: &FileJob,
        old: Option<&FileState>,
        outcomes: &Sender<Vec<Outcome>>,
    ) -> bool {
        let skip = |reason: String, keep: bool| vec![Outcome::skip(job, reason, keep)];
        let (mut file, meta) = match open_regular(stater, job) {
            Ok(opened) => opened,
            Err(skipped) => return outcomes.send(vec![skipped]).is_ok(),
        };
        let (size, mtime) = (meta.len(), walk::mtime_ns(&meta));
        if size == 0 {
            return outcomes.send(skip("empty file".into(), false)).is_ok();
        }
        let plan = match job.format {
            // Web archives are read whole (see formats::warc::parts).
            Format::Warc => None,
            _ => match stream::plan(&mut file, size, old) {
                Ok(plan) => Some(plan),
                Err(e) => return outcomes.send(skip(io_reason(&e), true)).is_ok(),
            },
        };
        let append = plan.as_ref().is_some_and(|p| p.append);
        let title = formats::title_from_file_name(&job.fs_path);
        let source = stream::Source {
            key: &job.key,
            display: &job.display,
            title: &title,
            size,
            mtime,
        };
        let mut alive = true;
        let emit = |part: stream::Part| {
            // A file of nothing but bad lines is skipped, as a whole-file read
            // would be: its old articles go.
            if part.first && part.last && !append && part.articles.is_empty() {
                let reason = match part.skipped.first() {
                    None => "no articles in file".to_string(),
                    Some(first) => format!(
                        "no readable articles ({} bad records, the first: {})",
                        part.skipped.len(),
                        first.reason
                    ),
                };
                alive = outcomes.send(skip(reason, false)).is_ok();
                return false;
            }
            let refresh = part.last
                && !append
                && old.is_some_and(|o| o.hash == part.meta.hash && o.size == part.meta.size);
            let text_bytes = part.articles.iter().map(|a| a.body.len()).sum();
            let docs = self.documents(part.articles, part.meta);
            let outcome = Outcome::Indexed {
                file_key: job.key.clone(),
                docs,
                warnings: part.warnings,
                skipped: part.skipped,
                refresh,
                text_bytes,
                part: Some(StreamPart {
                    first: part.first,
                    last: part.last,
                    append,
                }),
            };
            alive = outcomes.send(vec![outcome]).is_ok();
            alive && !self.cancel.load(Ordering::Relaxed)
        };
        let read = match plan {
            Some(plan) => stream::read(file, plan, &source, emit),
            None => formats::warc::parts::read(file, &source, emit),
        };
        match read {
            Ok(()) => alive,
            // What was read is in; the rest is read next run, which finds the
            // file longer than the index says and its recorded part unchanged.
            Err(e) => outcomes.send(skip(io_reason(&e), true)).is_ok() && alive,
        }
    }

    /// The documents of a file's articles. A big feed is one job: while other
    /// workers idle (the feed is the last file, or the only one), it is split
    /// between this thread and scoped threads, one per idle worker, so that it
    /// does not extract on one core. While they are busy it is not: the cores
    /// are taken, and threads started for each part of 2,048 records only
    /// competed with them and with the writer, each starting its allocator heap
    /// and extraction buffers anew.
    fn documents(&self, articles: Vec<Article>, meta: FileMeta) -> Vec<ArticleDoc> {
        let build = |part: Vec<Article>| -> Vec<ArticleDoc> {
            part.into_iter()
                .map(|a| {
                    // The compiled-in gazetteers are built on the first article
                    // extracted: a run with nothing to extract does not pay for them.
                    let entities = document::extract(self.extractor, &a);
                    document::build(self.fields, a, &entities, meta)
                })
                .collect()
        };
        // This worker is one of the busy ones.
        let idle = self
            .threads
            .max(1)
            .saturating_sub(self.busy.load(Ordering::Relaxed).max(1));
        if idle == 0 || articles.len() < SPLIT_RECORDS {
            return build(articles);
        }
        let per_thread = articles.len().div_ceil(idle + 1);
        let mut articles = articles.into_iter();
        let mut chunks = std::iter::from_fn(|| {
            let chunk: Vec<Article> = articles.by_ref().take(per_thread).collect();
            (!chunk.is_empty()).then_some(chunk)
        });
        let own = chunks.next().unwrap_or_default();
        std::thread::scope(|scope| {
            let others: Vec<_> = chunks
                .map(|part| scope.spawn(move || build(part)))
                .collect();
            let mut docs = build(own);
            for part in others {
                // A panic goes on up to the worker, which skips the file.
                docs.extend(part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            docs
        })
    }
}

/// Counts a worker busy with a file until dropped.
struct Busy<'a>(&'a AtomicUsize);

impl<'a> Busy<'a> {
    fn new(busy: &'a AtomicUsize) -> Self {
        busy.fetch_add(1, Ordering::Relaxed);
        Busy(busy)
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}
