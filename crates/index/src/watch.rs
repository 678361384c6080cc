//! [`Indexer::watch`]: after a first pass, keep the index open (and locked) and
//! run another pass whenever files under the inputs appear, change or vanish.
//!
//! Change events come from the operating system ([`notify`]: inotify, FSEvents,
//! ReadDirectoryChangesW). An event only says *that* something changed; the pass
//! it triggers is an ordinary incremental one over all inputs, which stats every
//! file and reads only those whose size or modification time moved. That keeps
//! one definition of what an update does (renames, folders moved in or out,
//! deletions and files replaced while being read all come out as a normal run
//! gives them), at the cost of a walk per pass: 0.13 s for 100,000 unchanged
//! files, 1.5 s for a million (BENCHMARKS.md, unchanged re-index). Where no events can be had
//! (no inotify watches left, a network file system that sends none), the inputs
//! are walked every [`FALLBACK_RESCAN`] instead; and every [`SAFETY_RESCAN`] in
//! any case, for events the system dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::{IndexError, Indexer, Summary};

/// How long events must stop before a pass starts: a file being copied sends a
/// stream of events, and one pass after it is better than ten during it.
const SETTLE: Duration = Duration::from_millis(300);
/// The longest a pass waits for events to stop: a folder written to without
/// pause still gets indexed.
const MAX_DELAY: Duration = Duration::from_secs(2);
/// How often the inputs are walked when no change events can be had.
pub const FALLBACK_RESCAN: Duration = Duration::from_secs(2);
/// How often the inputs are walked even with change events.
pub const SAFETY_RESCAN: Duration = Duration::from_secs(300);
/// How often the cancel flag is looked at while waiting.
const POLL: Duration = Duration::from_millis(100);

impl Indexer<'_> {
    /// Updates the index from `inputs` as [`Indexer::update`] does, then keeps
    /// it open and locked, and updates it again within seconds whenever files
    /// under the inputs appear, change or vanish, until the cancel flag
    /// ([`Indexer::cancel_on`]) is set. `after_pass` gets the summary of each
    /// pass (the first, and each that changed something), and `warn` a line when
    /// the system gives no change events and the inputs are walked every
    /// [`FALLBACK_RESCAN`] instead.
    ///
    /// Returns the summary of the last pass; it says `interrupted` when the
    /// cancel flag stopped a pass midway (what was done is committed).
    pub fn watch(
        &self,
        inputs: &[impl AsRef<Path>],
        mut after_pass: impl FnMut(&Summary),
        mut warn: impl FnMut(&str),
    ) -> Result<Summary, IndexError> {
        let mut session = self.open(inputs)?;
        let mut last = session.pass(self.settings.rebuild)?;
        after_pass(&last);
        let exclude = std::fs::canonicalize(&self.index_dir).ok();
        let (tx, events) = crossbeam_channel::unbounded();
        let watcher = if self.settings.poll_only {
            drop(tx);
            Err(notify::Error::generic("not asked for"))
        } else {
            start_watching(session.watched(), move |event| {
                let _ = tx.send(event);
            })
        };
        let (_watcher, rescan_every) = match watcher {
            Ok(watcher) => (Some(watcher), SAFETY_RESCAN),
            Err(e) => {
                warn(&format!(
                    "no change events ({e}); looking for changes every {} s instead",
                    FALLBACK_RESCAN.as_secs()
                ));
                (None, FALLBACK_RESCAN)
            }
        };
        let mut last_pass = Instant::now();
        // When the first unhandled event came, and the latest.
        let mut pending: Option<(Instant, Instant)> = None;
        while !last.interrupted && !self.cancel.load(Ordering::Relaxed) {
            match events.recv_timeout(POLL) {
                Ok(event) => {
                    if relevant(&event, exclude.as_deref()) {
                        let now = Instant::now();
                        pending = Some((pending.map_or(now, |(first, _)| first), now));
                    }
                    continue;
                }
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
                // No watcher: wait as a watcher's silence would.
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => std::thread::sleep(POLL),
            }
            let due = match pending {
                Some((first, latest)) => latest.elapsed() >= SETTLE || first.elapsed() >= MAX_DELAY,
                None => last_pass.elapsed() >= rescan_every,
            };
            if !due {
                continue;
            }
            pending = None;
            // Events that come during the pass call for another: what they
            // report may have happened after the walk went by.
            while events.try_recv().is_ok() {}
            last = session.pass(false)?;
            last_pass = Instant::now();
            if changed(&last) {
                after_pass(&last);
            }
        }
        session.close()?;
        Ok(last)
    }
}

/// Whether a pass did anything worth a line.
fn changed(summary: &Summary) -> bool {
    summary.added + summary.updated + summary.removed > 0
        || !summary.skipped.is_empty()
        || !summary.warnings.is_empty()
        || summary.interrupted
}

/// Watches `paths` (folders recursively, files through their folder, so that a
/// file replaced by renaming stays watched), calling `handler` with each
/// event.
fn start_watching(
    paths: Vec<(PathBuf, bool)>,
    handler: impl Fn(notify::Result<notify::Event>) + Send + 'static,
) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(handler)?;
    for (path, is_dir) in paths {
        if is_dir {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        } else if let Some(parent) = path.parent() {
            watcher.watch(parent, RecursiveMode::NonRecursive)?;
        }
    }
    Ok(watcher)
}

/// Whether an event may concern an article: anything but reads and the index's
/// own writes. An error (the system dropped events) counts: a pass finds out.
fn relevant(event: &notify::Result<notify::Event>, index_dir: Option<&Path>) -> bool {
    let Ok(event) = event else {
        return true;
    };
    if let EventKind::Access(kind) = event.kind
        && kind != AccessKind::Close(AccessMode::Write)
    {
        return false;
    }
    event.paths.is_empty()
        || event
            .paths
            .iter()
            .any(|p| index_dir.is_none_or(|dir| !p.starts_with(dir)))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::AtomicBool;

    use super::*;

    /// The number of documents in the index's last commit.
    fn committed(index: &Path) -> u64 {
        let Ok((index, _)) = search_schema::open(index) else {
            return 0;
        };
        let reader: tantivy::IndexReader = index.reader().unwrap();
        reader.searcher().num_docs()
    }

    fn until(what: &str, mut done: impl FnMut() -> bool) {
        let start = Instant::now();
        while !done() {
            assert!(start.elapsed() < Duration::from_secs(20), "{what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[test]
    fn without_change_events_the_inputs_are_walked_every_few_seconds() {
        let dir = tempfile::tempdir().unwrap();
        let (src, index) = (dir.path().join("src"), dir.path().join("index"));
        std::fs::create_dir(&src).unwrap();
        std::fs::write(src.join("a.txt"), "Talks\nThe envoy met.").unwrap();
        let cancel = AtomicBool::new(false);
        let mut indexer = Indexer::new(&index).threads(1).cancel_on(&cancel);
        indexer.settings.poll_only = true;
        let passes = Mutex::new(Vec::new());
        let warnings = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            let watch = scope.spawn(|| {
                indexer.watch(
                    std::slice::from_ref(&src),
                    |s| passes.lock().unwrap().push(s.to_string()),
                    |w| warnings.lock().unwrap().push(w.to_string()),
                )
            });
            until("first pass", || committed(&index) == 1);
            std::fs::write(src.join("b.txt"), "More talks\nThe envoy left.").unwrap();
            until("a new file found by walking", || committed(&index) == 2);
            std::fs::remove_file(src.join("a.txt")).unwrap();
            until("a deleted file found by walking", || committed(&index) == 1);
            cancel.store(true, Ordering::SeqCst);
            let last = watch.join().unwrap().unwrap();
            assert!(!last.interrupted);
        });
        assert_eq!(
            passes.into_inner().unwrap(),
            [
                "1 added, 0 updated, 0 unchanged, 0 removed, 0 skipped",
                "1 added, 0 updated, 1 unchanged, 0 removed, 0 skipped",
                "0 added, 0 updated, 1 unchanged, 1 removed, 0 skipped",
            ]
        );
        assert_eq!(
            warnings.into_inner().unwrap(),
            ["no change events (not asked for); looking for changes every 2 s instead"]
        );
        // The lock is released.
        assert!(Indexer::new(&index).update(&[src]).is_ok());
    }

    #[test]
    fn the_index_own_writes_and_reads_are_not_changes() {
        let index = Path::new("/data/index");
        let event = |kind, path: &str| Ok(notify::Event::new(kind).add_path(path.into()));
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(!relevant(
            &event(modify, "/data/index/meta.json"),
            Some(index)
        ));
        assert!(relevant(&event(modify, "/data/a.txt"), Some(index)));
        assert!(relevant(&event(modify, "/data/index2/a.txt"), Some(index)));
        let read = EventKind::Access(AccessKind::Read);
        assert!(!relevant(&event(read, "/data/a.txt"), Some(index)));
        let written = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(relevant(&event(written, "/data/a.txt"), Some(index)));
        assert!(relevant(
            &Err(notify::Error::generic("overflow")),
            Some(index)
        ));
    }
}
