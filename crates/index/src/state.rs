//! What the index already holds, per source file: the content hash, size and
//! modification time recorded at indexing time, and the keys of its articles.
//!
//! Read from the fast-field columns of the last commit (`key`, `hash`, `size`,
//! `mtime`), never from the document store: a column scan of 100k documents takes
//! milliseconds, which is what makes a re-run over an unchanged corpus cheap.

use std::collections::{HashMap, HashSet};

use tantivy::{Index, ReloadPolicy};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// The indexed state of one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileState {
    pub hash: u64,
    pub size: u64,
    pub mtime: i64,
    /// Keys of the file's articles (one, or one per record).
    pub keys: Vec<String>,
}

/// Indexed files by file key. Hashed with xxh3, several times faster than the
/// default SipHash on path-long keys; the keys are the user's own file paths, so
/// hash flooding is no concern.
pub type IndexState = HashMap<String, FileState, Xxh3DefaultBuilder>;

/// A set of keys, hashed like [`IndexState`].
pub type KeySet = HashSet<String, Xxh3DefaultBuilder>;

/// The file part of an article key: `/a/feed.jsonl#12` → `/a/feed.jsonl`.
pub fn file_key(key: &str) -> &str {
    match key.rsplit_once('#') {
        Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => key,
    }
}

/// Loads the state of every live document of the last commit.
pub fn load(index: &Index) -> tantivy::Result<IndexState> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(0);
    let mut state = IndexState::with_capacity_and_hasher(docs, Default::default());
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(keys) = fast.str("key")? else {
            continue;
        };
        let (hash, size, mtime) = (fast.u64("hash")?, fast.u64("size")?, fast.i64("mtime")?);
        // Stream the key dictionary once, in ordinal order, rather than looking
        // up each document's ordinal in the sstable.
        let mut terms = Vec::with_capacity(keys.num_terms());
        let mut stream = keys.dictionary().stream()?;
        while stream.advance() {
            terms.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        // A live key belongs to one document, so each term is moved out rather
        // than copied (copied only should a second live document share it).
        let mut taken = vec![false; terms.len()];
        for doc in segment.doc_ids_alive() {
            let Some(ord) = keys
                .term_ords(doc)
                .next()
                .map(|o| o as usize)
                .filter(|&o| o < terms.len())
            else {
                continue;
            };
            let key = if std::mem::replace(&mut taken[ord], true) {
                terms[ord].clone()
            } else {
                std::mem::take(&mut terms[ord])
            };
            let entry = state.entry(file_key(&key).to_string()).or_default();
            entry.hash = hash.first(doc).unwrap_or_default();
            entry.size = size.first(doc).unwrap_or_default();
            entry.mtime = mtime.first(doc).unwrap_or_default();
            entry.keys.push(key);
        }
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::{IndexWriter, TantivyDocument, doc};

    #[test]
    fn file_key_strips_record_numbers_only() {
        assert_eq!(file_key("/a/feed.jsonl#12"), "/a/feed.jsonl");
        assert_eq!(file_key("/a/b.txt"), "/a/b.txt");
        assert_eq!(file_key("/a/#notes/b.txt"), "/a/#notes/b.txt");
        assert_eq!(file_key("/a/b#.txt"), "/a/b#.txt");
    }

    #[test]
    fn loads_live_documents_grouped_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let (index, f) = search_schema::create_or_open(dir.path()).unwrap();
        let mut writer: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (key, hash) in [
            ("/r/a.txt", 1u64),
            ("/r/f.jsonl#1", 2),
            ("/r/f.jsonl#3", 2),
            ("/r/gone.txt", 9),
        ] {
            writer
                .add_document(doc!(f.key => key, f.hash => hash, f.size => 10u64, f.mtime => 5i64))
                .unwrap();
        }
        writer.commit().unwrap();
        writer.delete_term(tantivy::Term::from_field_text(f.key, "/r/gone.txt"));
        writer.commit().unwrap();
        let state = load(&index).unwrap();
        assert_eq!(state.len(), 2);
        assert_eq!(
            state["/r/a.txt"],
            FileState {
                hash: 1,
                size: 10,
                mtime: 5,
                keys: vec!["/r/a.txt".into()]
            }
        );
        let mut keys = state["/r/f.jsonl"].keys.clone();
        keys.sort();
        assert_eq!(keys, ["/r/f.jsonl#1", "/r/f.jsonl#3"]);
    }
}
