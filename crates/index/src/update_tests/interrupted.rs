//! Runs that do not simply go through: a missing input, a locked index, a
//! cancelled run, and a long run's intermediate commits.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::{contents, indexer, run, write};
use crate::{IndexError, Progress};

#[test]
fn a_missing_input_is_an_error_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let err = indexer(&index)
        .update(&[dir.path().join("nope")])
        .unwrap_err();
    assert!(matches!(err, IndexError::NoSuchInput(_)), "{err}");
    assert!(!index.exists());
}

#[test]
fn a_second_writer_is_told_the_index_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(&src.join("a.txt"), "A\nText.");
    let _held = crate::open::open_for_update(&index, &Default::default()).unwrap();
    let err = indexer(&index).update(&[src]).unwrap_err();
    assert!(matches!(err, IndexError::LockedBy(..)), "{err}");
}

/// Sets the cancel flag once `after` files are done.
struct CancelAfter<'a> {
    after: u64,
    done: AtomicU64,
    cancel: &'a AtomicBool,
}

impl Progress for CancelAfter<'_> {
    fn advance(&self, files: u64) {
        if self.done.fetch_add(files, Ordering::SeqCst) + files >= self.after {
            self.cancel.store(true, Ordering::SeqCst);
        }
    }
}

#[test]
fn a_cancelled_run_commits_what_it_did_and_a_rerun_converges() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    for i in 0..400 {
        write(
            &src.join(format!("{i:03}.txt")),
            format!("Article {i}\nText {i}."),
        );
    }
    let cancel = AtomicBool::new(false);
    let progress = CancelAfter {
        after: 20,
        done: AtomicU64::new(0),
        cancel: &cancel,
    };
    let s = indexer(&index)
        .progress(&progress)
        .cancel_on(&cancel)
        .update(std::slice::from_ref(&src))
        .unwrap();
    assert!(s.interrupted);
    assert!(s.added >= 20 && s.added < 400, "{s}");
    assert!(s.to_string().contains("interrupted"));
    assert_eq!(contents(&index).1, s.added);

    let again = run(&index, &[&src]);
    assert!(!again.interrupted);
    assert_eq!(
        (again.added + again.unchanged, again.unchanged),
        (400, s.added)
    );
    assert_eq!(contents(&index).1, 400);
}

/// Counts, while a run goes on, the documents another reader of the index sees.
struct WatchCommits<'a> {
    index: &'a Path,
    done: AtomicU64,
    seen_mid_run: AtomicU64,
}

impl Progress for WatchCommits<'_> {
    fn advance(&self, files: u64) {
        let done = self.done.fetch_add(files, Ordering::SeqCst) + files;
        if done.is_multiple_of(50) {
            let visible = contents(self.index).1;
            self.seen_mid_run.fetch_max(visible, Ordering::SeqCst);
        }
    }
}

#[test]
fn long_runs_commit_on_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    for i in 0..300 {
        write(
            &src.join(format!("{i:03}.txt")),
            format!("Article {i}\nText {i}."),
        );
    }
    let watch = WatchCommits {
        index: &index,
        done: AtomicU64::new(0),
        seen_mid_run: AtomicU64::new(0),
    };
    let interval = std::time::Duration::ZERO;
    let s = indexer(&index)
        .commit_interval(interval)
        .progress(&watch)
        .update(&[src])
        .unwrap();
    assert_eq!(s.added, 300);
    let mid = watch.seen_mid_run.load(Ordering::SeqCst);
    assert!(
        mid > 0 && mid < 300,
        "{mid} documents visible before the end"
    );
}

#[test]
fn a_cancelled_run_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(&src.join("a.txt"), "A\nText.");
    run(&index, &[&src]);
    std::fs::remove_file(src.join("a.txt")).unwrap();
    let s = indexer(&index)
        .cancel_on(&AtomicBool::new(true))
        .update(&[src])
        .unwrap();
    assert!(s.interrupted);
    assert_eq!(s.removed, 0);
    assert_eq!(contents(&index).1, 1);
}
