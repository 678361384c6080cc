//! Why an update fails.

use std::path::PathBuf;

/// Why an update failed. The messages speak of the library's own settings
/// ([`crate::Indexer::rebuild`]); a program names its own way to them.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A file or folder to index is not there.
    #[error("{0} does not exist; check the path")]
    NoSuchInput(PathBuf),
    /// Another writer holds the index's lock.
    #[error(
        "index {0} is being updated by another process; wait for it to finish or remove a stale lock"
    )]
    Locked(PathBuf),
    /// [`IndexError::Locked`], with the process id the holder recorded.
    #[error(
        "index {0} is being updated by another process (pid {1}); wait for it to finish or remove a stale lock"
    )]
    LockedBy(PathBuf, u32),
    /// The index cannot be read, or another version wrote it: a rebuild
    /// starts it anew.
    #[error("{0}; rebuild it to start anew")]
    Open(#[from] search_schema::OpenError),
    /// The index folder holds other files: it is not taken for an index.
    #[error("{0} is a folder of other files, not an index; give an empty or new folder")]
    NotAnIndex(PathBuf),
    /// A bad line in the user's gazetteer, or an unreadable gazetteer file.
    #[error("{0}")]
    Gazetteer(#[from] search_extract::user::GazetteerError),
    /// Writing the index failed.
    #[error("index write failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}
