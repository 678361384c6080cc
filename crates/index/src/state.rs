//! What the index already holds, per source file: the content hash, size and
//! modification time recorded at indexing time, and the keys of its articles.
//!
//! Read from the fast-field columns of the last commit (`key`, `hash`, `size`,
//! `mtime`), never from the document store: a column scan of 100k documents takes
//! milliseconds, which is what makes a re-run over an unchanged corpus cheap.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use tantivy::{Index, ReloadPolicy};
use xxhash_rust::xxh3::xxh3_64;

/// The indexed state of one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileState {
    pub hash: u64,
    pub size: u64,
    pub mtime: i64,
    /// The file is one article, keyed by the file key itself.
    pub whole: bool,
    /// The numbers of the file's records, for files of several articles: record
    /// `N`'s key is [`record_key`]`(file_key, N)`. Eight bytes a record, where a
    /// string of each whole key took about a hundred: a re-run over 10M
    /// JSON-lines records held 0.9 GiB of them. Kept apart from `whole` so that
    /// the common case, one article per file, costs no allocation here.
    pub records: Vec<u64>,
    /// Keys of records whose number [`record_key`] would not spell back (a
    /// leading zero, more digits than a `u64`): kept whole. None written by
    /// this program.
    pub odd_records: Vec<String>,
    /// The file's number in this state (0, 1, 2, … in load order), so that a
    /// run can tick off the files it saw in a bitmap rather than a set of keys.
    pub slot: usize,
}

impl FileState {
    /// Keys of the file's articles, given the file's own key.
    pub fn keys<'a>(&'a self, file_key: &'a str) -> impl Iterator<Item = Cow<'a, str>> {
        self.whole
            .then_some(Cow::Borrowed(file_key))
            .into_iter()
            .chain(
                self.records
                    .iter()
                    .map(move |&n| Cow::Owned(record_key(file_key, n))),
            )
            .chain(self.odd_records.iter().map(|k| Cow::Borrowed(k.as_str())))
    }

    /// How many articles the file has in the index.
    pub fn articles(&self) -> usize {
        usize::from(self.whole) + self.records.len() + self.odd_records.len()
    }

    /// Adds the record whose key is `key` (`file_key#N`).
    fn add_record(&mut self, key: &str) {
        match record_number(key) {
            Some(n) => self.records.push(n),
            None => self.odd_records.push(key.to_string()),
        }
    }
}

/// The key of record `number` of the file keyed `file_key`: `/a/feed.jsonl#12`.
/// The one spelling of a record's key, for the articles written and the state
/// read back.
pub fn record_key(file_key: &str, number: u64) -> String {
    format!("{file_key}#{number}")
}

/// The number of a record key as [`record_key`] spells it (`/a/f.jsonl#12` →
/// 12); `None` for any other key.
pub(crate) fn record_number(key: &str) -> Option<u64> {
    let file = file_key(key);
    let digits = key
        .get(file.len() + 1..)
        .filter(|_| file.len() < key.len())?;
    // `record_key` writes no leading zero ("#007" would come back as "#7").
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    digits.parse().ok()
}

/// Indexed files by file key.
///
/// Laid out for the lookup a re-run makes per file: the files in one vector and,
/// beside it, a table from each key's 64-bit xxh3 to its place there (16 bytes
/// an entry), rather than a map of path-long strings; a re-run mostly finds a
/// file at the slot after the last one ([`IndexState::get_near`]) and needs no
/// table at all. Lookups stay exact: the key found is compared, and a key
/// whose hash another key already has (odds of about one in 10^7 for a million
/// files) goes to a small map of its own.
#[derive(Debug, Default)]
pub struct IndexState {
    /// Every file's key, one after another in slot order: one buffer rather
    /// than a string each spares a re-run 100k allocations and frees.
    keys: String,
    /// Each file's key, as its range in `keys`, and its state.
    files: Vec<((usize, usize), FileState)>,
    by_hash: FxHashMap<u64, usize>,
    by_key: FxHashMap<String, usize>,
}

impl IndexState {
    /// The state of the file with key `file_key`.
    pub fn get(&self, file_key: &str) -> Option<&FileState> {
        self.slot_of(file_key).map(|slot| &self.files[slot].1)
    }

    /// [`IndexState::get`] that first tries the slots after the last files found
    /// (`near`), then the hash table. A re-run walks the folders in the order of
    /// the last run, and that is the order of the documents within each segment
    /// of the index (tantivy's indexing threads take files in turn, one segment
    /// each), so the next file is mostly at the slot after one of the last few:
    /// trying those first saves most lookups a cache miss in the table.
    pub fn get_near(&self, file_key: &str, near: &mut NearSlots) -> Option<&FileState> {
        let tried = near
            .next
            .iter()
            .position(|&slot| slot < self.files.len() && self.key(slot) == file_key);
        let slot = match tried {
            Some(at) => {
                let slot = near.next[at];
                near.next[at] = slot + 1;
                slot
            }
            None => {
                let slot = self.slot_of(file_key)?;
                near.next[near.replace] = slot + 1;
                near.replace = (near.replace + 1) % near.next.len();
                slot
            }
        };
        Some(&self.files[slot].1)
    }

    /// Files in the state.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Every file with its key, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FileState)> {
        self.files
            .iter()
            .map(|&((start, end), ref state)| (&self.keys[start..end], state))
    }

    fn key(&self, slot: usize) -> &str {
        let (start, end) = self.files[slot].0;
        &self.keys[start..end]
    }

    fn slot_of(&self, file_key: &str) -> Option<usize> {
        let slot = *self.by_hash.get(&xxh3_64(file_key.as_bytes()))?;
        if self.key(slot) == file_key {
            Some(slot)
        } else {
            self.by_key.get(file_key).copied()
        }
    }

    /// The state of `file_key`, added as `new` if missing.
    fn entry(&mut self, file_key: &str, new: impl FnOnce(usize) -> FileState) -> &mut FileState {
        let slot = match self.slot_of(file_key) {
            Some(slot) => slot,
            None => {
                let slot = self.files.len();
                match self.by_hash.entry(xxh3_64(file_key.as_bytes())) {
                    Entry::Vacant(vacant) => {
                        vacant.insert(slot);
                    }
                    Entry::Occupied(_) => {
                        self.by_key.insert(file_key.to_string(), slot);
                    }
                }
                let start = self.keys.len();
                self.keys.push_str(file_key);
                self.files.push(((start, self.keys.len()), new(slot)));
                slot
            }
        };
        &mut self.files[slot].1
    }
}

/// Where [`IndexState::get_near`] looks first: the slot after each of the last
/// few files found, one per stream of consecutive slots (up to 8 segments
/// written in parallel; more streams only fall back to the table more often).
#[derive(Debug, Default)]
pub struct NearSlots {
    next: [usize; 8],
    /// The entry a table lookup replaces, in turn.
    replace: usize,
}

/// A set of keys, hashed like [`IndexState`].
pub type KeySet = FxHashSet<String>;

/// The file part of an article key: `/a/feed.jsonl#12` → `/a/feed.jsonl`.
pub fn file_key(key: &str) -> &str {
    // Most keys are of whole files: settle those without searching for `#`.
    if !key.ends_with(|c: char| c.is_ascii_digit()) {
        return key;
    }
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
    let mut state = IndexState {
        keys: String::new(),
        files: Vec::with_capacity(docs),
        by_hash: FxHashMap::with_capacity_and_hasher(docs, FxBuildHasher),
        by_key: FxHashMap::default(),
    };
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(keys) = fast.str("key")? else {
            continue;
        };
        let (hash, size, mtime) = (fast.u64("hash")?, fast.u64("size")?, fast.i64("mtime")?);
        // Stream the key dictionary once, in ordinal order, rather than looking
        // up each document's ordinal in the sstable. The keys go to one buffer
        // and are copied to the state in document order: a re-run looks files up
        // in about that order, and finds their keys side by side in memory.
        let mut dictionary = Vec::new();
        let mut ends = Vec::with_capacity(keys.num_terms());
        let mut stream = keys.dictionary().stream()?;
        while stream.advance() {
            dictionary.extend_from_slice(stream.key());
            ends.push(dictionary.len());
        }
        state.keys.reserve(dictionary.len());
        for doc in segment.doc_ids_alive() {
            let Some(ord) = keys
                .term_ords(doc)
                .next()
                .map(|o| o as usize)
                .filter(|&o| o < ends.len())
            else {
                continue;
            };
            let start = ord.checked_sub(1).map_or(0, |before| ends[before]);
            let bytes = &dictionary[start..ends[ord]];
            // Keys are UTF-8 (the index stores them as text); std's check is
            // word-at-a-time where the lossy decoder went byte by byte.
            let key = match std::str::from_utf8(bytes) {
                Ok(key) => std::borrow::Cow::Borrowed(key),
                Err(_) => String::from_utf8_lossy(bytes),
            };
            let (hash, size, mtime) = (
                hash.first(doc).unwrap_or_default(),
                size.first(doc).unwrap_or_default(),
                mtime.first(doc).unwrap_or_default(),
            );
            let new = |slot| FileState {
                hash,
                size,
                mtime,
                slot,
                ..FileState::default()
            };
            let file = file_key(&key);
            if file.len() == key.len() {
                state.entry(&key, new).whole = true;
            } else {
                let entry = state.entry(file, new);
                // A JSON-lines file read in parts records, with each part, the
                // size and hash of the file up to that part's end: the largest
                // is how far the file has been read.
                if size > entry.size {
                    (entry.hash, entry.size, entry.mtime) = (hash, size, mtime);
                }
                entry.add_record(&key);
            }
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
        assert_eq!(file_key("/a/b#1x"), "/a/b#1x");
        assert_eq!(file_key("/a/2024/b#"), "/a/2024/b#");
    }

    #[test]
    fn record_numbers_are_read_only_where_record_key_spells_them() {
        assert_eq!(record_key("/a/f.jsonl", 12), "/a/f.jsonl#12");
        assert_eq!(record_number("/a/f.jsonl#12"), Some(12));
        assert_eq!(record_number("/a/f.jsonl#0"), Some(0));
        assert_eq!(record_number("/a/f.jsonl#007"), None);
        assert_eq!(record_number("/a/f.jsonl#99999999999999999999"), None);
        assert_eq!(record_number("/a/f.jsonl"), None);
        assert_eq!(record_number("/a/f.jsonl#"), None);
        assert_eq!(record_number("/a/f.jsonl#1x"), None);
        for n in [0, 1, 9, 10, 123_456, u64::MAX] {
            assert_eq!(record_number(&record_key("/a/b#c.jsonl", n)), Some(n));
        }
    }

    #[test]
    fn keys_whose_hashes_collide_stay_apart() {
        let mut state = IndexState::default();
        let file = |hash| {
            move |slot| FileState {
                hash,
                slot,
                ..FileState::default()
            }
        };
        state.entry("/a.txt", file(1));
        // Make `/b.txt` collide with `/a.txt`: its hash already points at slot 0.
        state.by_hash.insert(xxh3_64(b"/b.txt"), 0);
        state.entry("/b.txt", file(2));
        assert_eq!(state.len(), 2);
        assert_eq!(state.by_key.len(), 1);
        assert_eq!(state.get("/a.txt").map(|f| (f.hash, f.slot)), Some((1, 0)));
        assert_eq!(state.get("/b.txt").map(|f| (f.hash, f.slot)), Some((2, 1)));
        assert!(state.get("/c.txt").is_none());
        state.entry("/b.txt", file(3)).whole = true;
        assert_eq!(state.len(), 2, "an existing key is found, not added again");
        assert!(state.get("/b.txt").unwrap().whole);
    }

    #[test]
    fn get_near_tries_the_hinted_slot_then_looks_up() {
        let mut state = IndexState::default();
        for key in ["/a.txt", "/b.txt", "/c.txt"] {
            state.entry(key, |slot| FileState {
                slot,
                ..FileState::default()
            });
        }
        let mut near = NearSlots::default();
        let slot = |f: Option<&FileState>| f.map(|f| f.slot);
        assert_eq!(slot(state.get_near("/a.txt", &mut near)), Some(0));
        assert_eq!(near.next[0], 1);
        assert_eq!(slot(state.get_near("/b.txt", &mut near)), Some(1));
        assert_eq!(near.next[0], 2, "found after the last one");
        // Out of order: a second entry follows it.
        assert_eq!(slot(state.get_near("/a.txt", &mut near)), Some(0));
        assert_eq!(near.next[..2], [2, 1]);
        assert_eq!(slot(state.get_near("/c.txt", &mut near)), Some(2));
        assert_eq!(near.next[..2], [3, 1]);
        assert_eq!(slot(state.get_near("/x.txt", &mut near)), None);
        assert_eq!(near.next[..2], [3, 1], "a miss changes nothing");
        assert_eq!(slot(state.get_near("/b.txt", &mut near)), Some(1));
    }

    /// A new index in a temporary folder, and its writer.
    fn new_index() -> (
        tempfile::TempDir,
        Index,
        search_schema::Fields,
        IndexWriter<TantivyDocument>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (index, fields) = search_schema::create_or_open(dir.path()).unwrap();
        let writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        (dir, index, fields, writer)
    }

    #[test]
    fn loads_files_in_document_order_whatever_the_key_order() {
        let (_dir, index, f, mut writer) = new_index();
        for (key, hash) in [("/r/zz.txt", 1u64), ("/r/a.txt", 2), ("/r/mmm.txt", 3)] {
            writer
                .add_document(doc!(f.key => key, f.hash => hash))
                .unwrap();
        }
        search_schema::commit(&mut writer).unwrap();
        let state = load(&index).unwrap();
        let files: Vec<_> = state.iter().map(|(k, f)| (k, f.hash, f.slot)).collect();
        assert_eq!(
            files,
            [
                ("/r/zz.txt", 1, 0),
                ("/r/a.txt", 2, 1),
                ("/r/mmm.txt", 3, 2)
            ]
        );
    }

    #[test]
    fn loads_live_documents_grouped_by_file() {
        let (_dir, index, f, mut writer) = new_index();
        for (key, hash) in [
            ("/r/a.txt", 1u64),
            ("/r/f.jsonl#1", 2),
            ("/r/f.jsonl#3", 2),
            ("/r/f.jsonl#007", 2),
            ("/r/gone.txt", 9),
        ] {
            writer
                .add_document(doc!(f.key => key, f.hash => hash, f.size => 10u64, f.mtime => 5i64))
                .unwrap();
        }
        search_schema::commit(&mut writer).unwrap();
        writer.delete_term(tantivy::Term::from_field_text(f.key, "/r/gone.txt"));
        search_schema::commit(&mut writer).unwrap();
        let state = load(&index).unwrap();
        assert_eq!(state.len(), 2);
        assert_eq!(
            *state.get("/r/a.txt").unwrap(),
            FileState {
                hash: 1,
                size: 10,
                mtime: 5,
                whole: true,
                slot: state.get("/r/a.txt").unwrap().slot,
                ..FileState::default()
            }
        );
        let mut slots = [
            state.get("/r/a.txt").unwrap().slot,
            state.get("/r/f.jsonl").unwrap().slot,
        ];
        slots.sort();
        assert_eq!(slots, [0, 1]);
        let feed = &state.get("/r/f.jsonl").unwrap();
        // Numbers where the key spells one back, the odd key whole.
        assert_eq!(feed.records, [1, 3]);
        assert_eq!(feed.odd_records, ["/r/f.jsonl#007"]);
        let mut keys: Vec<_> = feed.keys("/r/f.jsonl").collect();
        keys.sort();
        assert_eq!(keys, ["/r/f.jsonl#007", "/r/f.jsonl#1", "/r/f.jsonl#3"]);
        assert_eq!(feed.articles(), 3);
        assert_eq!(
            state
                .get("/r/a.txt")
                .unwrap()
                .keys("/r/a.txt")
                .collect::<Vec<_>>(),
            ["/r/a.txt"]
        );
    }
}
