//! Opening the index for an update: creating it, refusing folders that are not
//! indexes, starting over on `--rebuild`, and taking the writer lock.

use std::path::Path;

use search_schema::{Fields, OpenError};
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyError};

use crate::IndexError;
use crate::document::ArticleDoc;
use crate::indexer::Settings;
use crate::merge::BoundedMerges;

/// Where a writer records its process id, so that a second one can say who
/// holds the lock. Informational only: tantivy's lock is what excludes.
const PID_FILE: &str = ".search-index-writer.pid";

/// Tantivy's smallest memory budget per indexing thread (15 MB).
const MIN_BUDGET_PER_THREAD: usize = 15_000_000;
/// More indexing threads than this only add segments to merge.
const MAX_WRITER_THREADS: usize = 8;

/// An index ready for an update, its writer holding the lock.
pub struct Opened {
    pub index: Index,
    /// Removes the pid file when the update is over.
    pub pid_file: PidFile,
    pub fields: Fields,
    pub writer: IndexWriter<ArticleDoc>,
    /// Whether the index was unreadable or of another schema and was created anew
    /// (`rebuild` only).
    pub recreated: bool,
}

/// Opens (or creates) the index in `dir` and takes its writer.
pub fn open_for_update(dir: &Path, options: &Settings) -> Result<Opened, IndexError> {
    let io_err = |source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.exists()
        && !dir.join("meta.json").is_file()
        && !is_empty_or_tantivy_only(dir).map_err(io_err)?
    {
        return Err(IndexError::NotAnIndex(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(io_err)?;
    let mut recreated = false;
    let (index, fields) = match search_schema::create_or_open(dir) {
        Ok(opened) => opened,
        Err(OpenError::Unreadable(..) | OpenError::SchemaMismatch(_)) if options.rebuild => {
            remove_index_files(dir).map_err(io_err)?;
            recreated = true;
            search_schema::create_or_open(dir)?
        }
        Err(e) => return Err(e.into()),
    };
    let writer = writer(&index, dir, options).map_err(|e| match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            let pid = std::fs::read_to_string(dir.join(PID_FILE)).ok();
            match pid.and_then(|p| p.trim().parse().ok()) {
                Some(pid) => IndexError::LockedBy(dir.to_path_buf(), pid),
                None => IndexError::Locked(dir.to_path_buf()),
            }
        }
        e => IndexError::Tantivy(e),
    })?;
    let pid_file = PidFile::write(dir.join(PID_FILE));
    Ok(Opened {
        index,
        pid_file,
        fields,
        writer,
        recreated,
    })
}

/// The pid file of the running writer, removed on drop. Best effort: failing to
/// write it only makes a second writer's message less specific.
pub struct PidFile(Option<std::path::PathBuf>);

impl PidFile {
    fn write(path: std::path::PathBuf) -> PidFile {
        PidFile(
            std::fs::write(&path, std::process::id().to_string())
                .ok()
                .map(|()| path),
        )
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Tantivy's indexing threads beside `workers` reading and extracting: as many.
/// Half as many writes fewer segments and saves a little CPU, but on two cores
/// the one indexing thread finishes last: side by side on a quiet machine it
/// took 66.5 s of wall clock for 1M articles against 56.2 s with two (CPU 111.0
/// against 108.7 s), and 1-13% longer at 100k (BENCHMARKS.md).
fn writer_threads(workers: usize) -> usize {
    workers.clamp(1, MAX_WRITER_THREADS)
}

/// A writer with [`writer_threads`] indexing threads, fewer when the memory
/// budget cannot give each its minimum, merging by [`BoundedMerges`] on one
/// thread.
fn writer(
    index: &Index,
    dir: &Path,
    options: &Settings,
) -> tantivy::Result<IndexWriter<ArticleDoc>> {
    let budget = options.memory_budget.max(MIN_BUDGET_PER_THREAD);
    let threads = writer_threads(options.threads).min(budget / MIN_BUDGET_PER_THREAD);
    let writer = index.writer_with_options(
        tantivy::indexer::IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(budget / threads)
            // One merge at a time: with two cores more only compete with
            // indexing, and each maps its own sources (resident memory).
            .num_merge_threads(1)
            .build(),
    )?;
    writer.set_merge_policy(Box::new(BoundedMerges::new(dir, options.max_merge_bytes)));
    Ok(writer)
}

/// Whether a folder holds nothing, or only what tantivy leaves before its first
/// commit: such a folder may become an index; any other is somebody's files.
fn is_empty_or_tantivy_only(dir: &Path) -> std::io::Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    for entry in std::fs::read_dir(dir)? {
        if !is_index_file(&entry?.file_name().to_string_lossy()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Files tantivy writes: its meta files and locks, segment files named by a
/// 32-hex-digit segment id, and the temporary file of an atomic write.
fn is_index_file(name: &str) -> bool {
    matches!(
        name,
        "meta.json" | ".managed.json" | ".tantivy-meta.lock" | ".tantivy-writer.lock" | PID_FILE
    ) || name
        .split_once('.')
        .is_some_and(|(stem, _)| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
        || is_atomic_write_temp(name)
}

/// Whether `name` is the temporary file tantivy writes `meta.json` and
/// `.managed.json` into before renaming it (the `tempfile` crate's default name:
/// `.tmp` and six letters or digits). A writer killed between the two leaves it
/// behind, beside no `meta.json` when that was the index's first: without this
/// the folder would be refused as somebody else's ever after.
fn is_atomic_write_temp(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes tantivy's files from `dir` and nothing else.
fn remove_index_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() && is_index_file(&entry.file_name().to_string_lossy()) {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_indexing_thread_per_worker_up_to_the_cap() {
        assert_eq!(
            [0, 1, 2, 3, 8, 64].map(writer_threads),
            [1, 1, 2, 3, 8, MAX_WRITER_THREADS]
        );
    }

    #[test]
    fn recognises_tantivy_files_only() {
        assert!(is_index_file("meta.json"));
        assert!(is_index_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_index_file("0123456789abcdef0123456789abcdef.12.del"));
        assert!(!is_index_file("notes.txt"));
        assert!(!is_index_file("0123.idx"));
        // Left by a writer killed inside an atomic write.
        assert!(is_index_file(".tmpFjRylE"));
        assert!(!is_index_file(".tmp"));
        assert!(!is_index_file(".tmpnotes.txt"));
    }

    #[test]
    fn a_folder_left_by_a_writer_killed_while_creating_the_index_is_taken() {
        // What `kill -9` during the first `meta.json` write leaves (seen with
        // `search index` killed as its folder appeared: 25 runs of 100).
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".managed.json"), "[]").unwrap();
        std::fs::write(dir.path().join(".tmpFjRylE"), "{").unwrap();
        let opened = open_for_update(dir.path(), &Settings::default()).unwrap();
        assert!(!opened.recreated);
        assert!(dir.path().join("meta.json").is_file());
    }

    #[test]
    fn a_folder_of_other_files_is_not_taken_for_an_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article.txt"), "x").unwrap();
        let err = open_for_update(dir.path(), &Settings::default())
            .err()
            .unwrap();
        assert!(matches!(err, IndexError::NotAnIndex(_)), "{err}");
        assert!(dir.path().join("article.txt").exists());
    }

    #[test]
    fn a_second_writer_gets_locked() {
        let dir = tempfile::tempdir().unwrap();
        let first = open_for_update(dir.path(), &Settings::default()).unwrap();
        let err = open_for_update(dir.path(), &Settings::default())
            .err()
            .unwrap();
        let pid = std::process::id();
        assert!(
            matches!(err, IndexError::LockedBy(_, p) if p == pid),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains(&format!("another process (pid {pid})"))
        );
        drop(first);
        assert!(!dir.path().join(PID_FILE).exists());
    }

    #[test]
    fn a_corrupt_index_is_an_error_and_rebuild_recreates_it() {
        let dir = tempfile::tempdir().unwrap();
        drop(open_for_update(dir.path(), &Settings::default()).unwrap());
        std::fs::write(dir.path().join("meta.json"), "{ not json").unwrap();
        let err = open_for_update(dir.path(), &Settings::default())
            .err()
            .unwrap();
        assert!(matches!(err, IndexError::Open(_)), "{err}");
        assert!(err.to_string().contains("rebuild it"), "{err}");
        let rebuild = Settings {
            rebuild: true,
            ..Settings::default()
        };
        let opened = open_for_update(dir.path(), &rebuild).unwrap();
        assert!(opened.recreated);
    }
}
