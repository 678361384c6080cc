//! What a run reports: progress while it goes, and the summary at the end.

use std::fmt;
use std::path::PathBuf;

/// Progress callbacks; the CLI draws a bar with them. All methods default to no-ops.
pub trait Progress: Sync {
    /// The number of files found so far (may grow while walking).
    fn found(&self, _files: u64) {}
    /// Files finished (indexed, unchanged or skipped).
    fn advance(&self, _files: u64) {}
    /// A warning or a skip, already formatted (`path: reason`).
    fn warn(&self, _message: &str) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// A file (or JSON-lines record) that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file as the user gave it, with `:N` or `#N` for a record of it.
    pub path: PathBuf,
    /// Why it was left out.
    pub reason: String,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles new to the index.
    pub added: u64,
    /// Articles whose file changed, replaced.
    pub updated: u64,
    /// Articles whose file is as indexed.
    pub unchanged: u64,
    /// Articles taken out: their file, or their record in it, is gone.
    pub removed: u64,
    /// Files and records not indexed, and why.
    pub skipped: Vec<Skipped>,
    /// Non-fatal problems with files that were still indexed (decoding, front matter).
    pub warnings: Vec<String>,
    /// The run was cancelled: what was done is committed, nothing was removed, and
    /// running again finishes the job.
    pub interrupted: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} unchanged, {} removed, {} skipped",
            self.added,
            self.updated,
            self.unchanged,
            self.removed,
            self.skipped.len()
        )?;
        match self.warnings.len() {
            0 => {}
            1 => f.write_str(", 1 warning")?,
            n => write!(f, ", {n} warnings")?,
        }
        if self.interrupted {
            f.write_str("; interrupted: what was done is saved, run again to finish")?;
        }
        Ok(())
    }
}
