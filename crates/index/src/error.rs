//! Why an update fails.

use std::path::PathBuf;

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
