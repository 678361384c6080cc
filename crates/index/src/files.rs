//! The article files under the paths a user gives, found exactly as
//! [`Indexer::update`](crate::Indexer::update) finds them (hidden files and
//! folders passed over, links followed, files of other types ignored unless
//! named), for a writer other than this crate's: a search engine's.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.txt"), "Talks in Kabul\nThe envoy met.")?;
//! std::fs::write(dir.path().join(".hidden.txt"), "not read")?;
//! let found = search_index::files::article_files(&[dir.path()])?;
//! assert_eq!(found.files.len(), 1);
//! assert!(found.files[0].key.ends_with("a.txt"));
//! assert!(found.contains(&found.files[0].key));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use crate::Skipped;
use crate::walk::{self, Found, Root};

/// One article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// Where to open it.
    pub path: PathBuf,
    /// Its key: the canonical path, as the articles of it are keyed (before `#N`).
    pub key: String,
    /// The path as the user gave it, for messages.
    pub display: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, ns since the epoch (0 when unknown).
    pub mtime: i64,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The article files, in walk order.
    pub files: Vec<ArticleFile>,
    /// Paths left out, with the reason.
    pub skipped: Vec<Skipped>,
    /// Keys of files and folders that exist but could not be read this time:
    /// their articles are to be kept.
    pub kept: Vec<String>,
    roots: Vec<Root>,
}

impl Walked {
    /// Whether a file key lies under one of the paths walked (an article of a
    /// file under them that the walk did not find is gone).
    pub fn contains(&self, file_key: &str) -> bool {
        self.roots.iter().any(|r| r.contains(file_key))
    }
}

/// Walks `paths`. Errors: a path that does not exist.
pub fn article_files(paths: &[impl AsRef<Path>]) -> std::io::Result<Walked> {
    let roots = paths
        .iter()
        .map(|p| {
            Root::new(p.as_ref()).map_err(|e| {
                std::io::Error::new(e.kind(), format!("{}: {e}", p.as_ref().display()))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut walked = Walked::default();
    walk::walk_with(&roots, None, true, |found| {
        match found {
            Found::File(job) => walked.files.push(ArticleFile {
                path: job.fs_path,
                key: job.key,
                display: job.display,
                size: job.size,
                mtime: job.mtime,
            }),
            Found::Skip(skipped, kept) => {
                walked.skipped.push(skipped);
                walked.kept.extend(kept);
            }
        }
        true
    });
    walked.roots = roots;
    Ok(walked)
}
