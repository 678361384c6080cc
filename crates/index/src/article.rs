//! Reading article files: plain text, Markdown with front matter, JSON and JSON lines.

use std::path::Path;

use search_extract::PartialDate;

/// One article as read from a file (a JSON-lines file holds many).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Unique source key: canonical path, `#N` for record N of a JSON-lines file.
    pub key: String,
    /// Stable id shown to users: the record's own `id` when it has one, else
    /// derived from the key.
    pub id: String,
    /// The path as the user gave it.
    pub path: String,
    pub title: String,
    pub body: String,
    pub published: Option<PartialDate>,
    /// Byte offset of `body` within the file's text, when the body is a contiguous
    /// slice of it (`.txt`, `.md`); extraction spans are shifted by it.
    pub body_offset: Option<usize>,
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub articles: Vec<Article>,
    /// Non-fatal problems (`path:line: reason`).
    pub warnings: Vec<String>,
}

/// Reads the articles of one file. `display` is the path as the user gave it.
/// `Err` carries the reason the whole file is skipped.
pub fn read_file(path: &Path, display: &str) -> Result<ReadOutcome, String> {
    let _ = (path, display);
    Err("not implemented".to_string())
}
