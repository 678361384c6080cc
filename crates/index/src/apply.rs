//! The writer side of the pipeline: applying each file's outcome to the one
//! `IndexWriter`, counting what changed, committing on the way, and removing the
//! articles of files that are gone.
//!
//! A file's old articles are deleted by key and its new ones added in one step,
//! so a commit never holds half a file; removals happen only after a complete
//! walk, since an interrupted one has not seen every file that still exists.

use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, Instant};

use crossbeam_channel::Receiver;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::schema::Field;
use tantivy::{IndexWriter, Term};

use crate::document::ArticleDoc;
use crate::pipeline::{Outcome, StreamPart};
use crate::state::{FileState, IndexState, record_number};
use crate::walk::Root;
use crate::{IndexError, Progress, Summary};

/// The counts of a file being read in parts, until its last part.
struct Tally<'r> {
    /// Old articles not replaced yet.
    vanished: Unseen<'r>,
    replaced: u64,
}

/// The old records of a file read in parts that no part has brought again: by
/// number, as the state keeps them, and the odd keys whole.
#[derive(Default)]
struct Unseen<'r> {
    numbers: FxHashSet<u64>,
    /// Keys borrowed from the state, which outlives the parts.
    odd: FxHashSet<&'r str>,
}

impl<'r> Unseen<'r> {
    fn of(old: &'r FileState) -> Self {
        Unseen {
            numbers: old.records.iter().copied().collect(),
            odd: old.odd_records.iter().map(String::as_str).collect(),
        }
    }

    /// Whether the article keyed `key` was there, no longer unseen.
    fn remove(&mut self, key: &str) -> bool {
        match record_number(key) {
            Some(n) => self.numbers.remove(&n),
            None => self.odd.remove(key),
        }
    }

    fn len(&self) -> usize {
        self.numbers.len() + self.odd.len()
    }
}

/// The writer side: applies outcomes, counts, commits on the way.
pub(crate) struct Applier<'r> {
    state: &'r IndexState,
    /// The field articles are keyed by.
    key_field: Field,
    /// The paths of the run: files under them that it did not see are gone.
    roots: &'r [Root],
    /// Every document was deleted first: nothing to delete, count all added.
    rebuild: bool,
    commit_interval: Duration,
    progress: &'r dyn Progress,
    summary: Summary,
    /// Indexed files whose articles this run accounted for (kept or replaced),
    /// by slot: a re-run over 100k unchanged files ticks 100k bits instead of
    /// hashing 100k keys into a set.
    seen: Vec<bool>,
    /// Files and folders that could not be read this time: their articles stay.
    kept: Vec<String>,
    last_commit: Instant,
    /// Some document was added or deleted: the run has something to commit.
    wrote: bool,
    /// Files being read in parts, by file key.
    streams: FxHashMap<String, Tally<'r>>,
}

impl<'r> Applier<'r> {
    pub fn new(
        state: &'r IndexState,
        key_field: Field,
        roots: &'r [Root],
        rebuild: bool,
        commit_interval: Duration,
        progress: &'r dyn Progress,
    ) -> Self {
        Applier {
            state,
            key_field,
            roots,
            rebuild,
            commit_interval,
            progress,
            summary: Summary::default(),
            seen: vec![false; state.len()],
            kept: Vec::new(),
            last_commit: Instant::now(),
            wrote: false,
            streams: Default::default(),
        }
    }

    pub fn apply_all(
        &mut self,
        writer: &mut IndexWriter<ArticleDoc>,
        outcomes: &Receiver<Vec<Outcome>>,
    ) -> Result<(), IndexError> {
        for batch in outcomes {
            let files = batch.iter().filter(|o| o.finishes_file()).count() as u64;
            for outcome in batch {
                self.apply(writer, outcome)?;
            }
            self.progress.advance(files);
            // Between batches only: a commit is a flush and an fsync.
            if self.last_commit.elapsed() >= self.commit_interval {
                search_schema::commit(writer)?;
                self.last_commit = Instant::now();
            }
        }
        Ok(())
    }

    fn apply(
        &mut self,
        writer: &IndexWriter<ArticleDoc>,
        outcome: Outcome,
    ) -> Result<(), IndexError> {
        let (progress, key_field) = (self.progress, self.key_field);
        match outcome {
            Outcome::Unchanged { slot, articles } => {
                self.summary.unchanged += articles;
                self.seen[slot] = true;
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
                part,
                ..
            } => {
                for w in &warnings {
                    progress.warn(w);
                }
                for s in &skipped {
                    progress.warn(&format!("{}: {}", s.path.display(), s.reason));
                }
                self.summary.warnings.extend(warnings);
                self.summary.skipped.extend(skipped);
                let old = self.state.get(&file_key);
                if let Some(old) = old {
                    self.seen[old.slot] = true;
                }
                if let Some(part) = part {
                    return self.apply_part(writer, file_key, docs, part, refresh);
                }
                // A set, not a scan: a feed may hold 100k records.
                let mut vanished: FxHashSet<Cow<str>> = match old {
                    Some(old) if !self.rebuild => old.keys(&file_key).collect(),
                    _ => FxHashSet::default(),
                };
                self.wrote = true;
                for key in &vanished {
                    writer.delete_term(Term::from_field_text(key_field, key.as_ref()));
                }
                for doc in docs {
                    match (vanished.remove(doc.key()), refresh) {
                        (false, _) => self.summary.added += 1,
                        (true, false) => self.summary.updated += 1,
                        (true, true) => self.summary.unchanged += 1,
                    }
                    writer.add_document(doc)?;
                }
                self.summary.removed += vanished.len() as u64;
            }
        }
        Ok(())
    }

    /// Applies a part of a file read in parts: like a whole file's articles,
    /// with the counts carried from part to part.
    fn apply_part(
        &mut self,
        writer: &IndexWriter<ArticleDoc>,
        file_key: String,
        docs: Vec<ArticleDoc>,
        part: StreamPart,
        refresh: bool,
    ) -> Result<(), IndexError> {
        let key_field = self.key_field;
        if part.first {
            let old = self
                .state
                .get(&file_key)
                .filter(|_| !self.rebuild && !part.append);
            let vanished = old.map(Unseen::of).unwrap_or_default();
            if let Some(old) = old {
                for key in old.keys(&file_key) {
                    writer.delete_term(Term::from_field_text(key_field, key.as_ref()));
                    self.wrote = true;
                }
                // The file was one article before (a JSON-lines file renamed from
                // a `.json` one keeps no key, but be exact): it went with the rest.
                if old.whole {
                    self.summary.removed += 1;
                }
            }
            if part.append
                && let Some(old) = self.state.get(&file_key)
            {
                self.summary.unchanged += old.articles() as u64;
            }
            self.streams.insert(
                file_key.clone(),
                Tally {
                    vanished,
                    replaced: 0,
                },
            );
        }
        let Some(tally) = self.streams.get_mut(&file_key) else {
            // A part whose first never came: cannot happen, as one worker
            // sends a file's parts in order.
            return Ok(());
        };
        for doc in docs {
            if tally.vanished.remove(doc.key()) {
                tally.replaced += 1;
            } else {
                self.summary.added += 1;
            }
            writer.add_document(doc)?;
            self.wrote = true;
        }
        if part.last
            && let Some(tally) = self.streams.remove(&file_key)
        {
            if refresh {
                self.summary.unchanged += tally.replaced;
            } else {
                self.summary.updated += tally.replaced;
            }
            self.summary.removed += tally.vanished.len() as u64;
        }
        Ok(())
    }

    /// Removes the articles of files under the roots that this run did not see
    /// (only after a complete walk: an interrupted one has not seen everything),
    /// and returns the summary and whether the run wrote to the index at all.
    pub fn finish(mut self, writer: &IndexWriter<ArticleDoc>, complete: bool) -> (Summary, bool) {
        self.summary.interrupted = !complete;
        if !complete {
            return (self.summary, self.wrote);
        }
        for (file_key, old) in self.state.iter() {
            if self.seen[old.slot] {
                continue;
            }
            if self.rebuild {
                // Already deleted with everything else; count what did not come back.
                self.summary.removed += old.articles() as u64;
                continue;
            }
            let under_roots = self.roots.iter().any(|r| r.contains(file_key));
            let protected = self.kept.iter().any(|k| Path::new(file_key).starts_with(k));
            if under_roots && !protected {
                self.wrote = true;
                for key in old.keys(file_key) {
                    writer.delete_term(Term::from_field_text(self.key_field, key.as_ref()));
                }
                self.summary.removed += old.articles() as u64;
            }
        }
        (self.summary, self.wrote)
    }
}
