//! End-to-end tests of [`crate::Indexer::update`]: exact counts over successive runs,
//! what the index then holds, isolation between roots, bad files, the lock,
//! cancellation and rebuilding. Runs that stop early, fail or commit on the way
//! are in [`interrupted`].

mod interrupted;
mod streamed;
mod warc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::schema::Value;
use tantivy::{ReloadPolicy, TantivyDocument};

use crate::{Indexer, Summary};

fn write(path: &Path, content: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn indexer(index: &Path) -> Indexer<'static> {
    Indexer::new(index).threads(2).memory_budget(50 << 20)
}

fn run(index: &Path, inputs: &[&Path]) -> Summary {
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| p.to_path_buf()).collect();
    indexer(index).update(&inputs).unwrap()
}

fn counts(s: &Summary) -> [u64; 5] {
    [
        s.added,
        s.updated,
        s.unchanged,
        s.removed,
        s.skipped.len() as u64,
    ]
}

/// The index's documents: stored path → title, plus the number of documents.
fn contents(index: &Path) -> (BTreeMap<String, String>, u64) {
    let (index, f) = search_schema::open(index).unwrap();
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .unwrap();
    let searcher: tantivy::Searcher = reader.searcher();
    let mut docs = BTreeMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        // The key is a fast field only, not stored.
        let keys = segment.fast_fields().str("key").unwrap().unwrap();
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc_id))
                .unwrap();
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let mut key = String::new();
            if let Some(ord) = keys.term_ords(doc_id).next() {
                keys.ord_to_str(ord, &mut key).unwrap();
            }
            let record = key
                .rsplit_once('#')
                .map(|(_, n)| format!("#{n}"))
                .unwrap_or_default();
            docs.insert(format!("{}{record}", text(f.path)), text(f.title));
        }
    }
    (docs, searcher.num_docs())
}

fn names(docs: &BTreeMap<String, String>, base: &Path) -> Vec<String> {
    let base = format!("{}/", base.display());
    docs.keys()
        .map(|k| k.strip_prefix(&base).unwrap_or(k).to_string())
        .collect()
}

#[test]
fn successive_runs_add_update_keep_and_remove_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(
        &src.join("a.txt"),
        "Talks in Kabul\nThe envoy met the minister.",
    );
    write(&src.join("sub/b.md"), "---\ntitle: Bee\n---\nBody of b.");
    write(
        &src.join("c.jsonl"),
        "{\"body\":\"one\"}\n{\"body\":\"two\"}\n{\"body\":\"three\"}\n",
    );

    assert_eq!(counts(&run(&index, &[&src])), [5, 0, 0, 0, 0]);
    let (docs, n) = contents(&index);
    assert_eq!(n, 5);
    assert_eq!(
        names(&docs, &src),
        ["a.txt", "c.jsonl#1", "c.jsonl#2", "c.jsonl#3", "sub/b.md"]
    );
    assert_eq!(docs[&format!("{}/a.txt", src.display())], "Talks in Kabul");

    // Nothing changed: nothing is committed, the metadata file stays the same
    // file (a commit writes a new one and renames it into place).
    let meta = || {
        let m = std::fs::metadata(index.join("meta.json")).unwrap();
        #[cfg(unix)]
        let file = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let file = 0;
        (m.modified().unwrap(), file)
    };
    let before = meta();
    assert_eq!(counts(&run(&index, &[&src])), [0, 0, 5, 0, 0]);
    assert_eq!(meta(), before);

    // Edit one, delete one, add one, and drop a record of the JSON-lines file.
    write(
        &src.join("a.txt"),
        "Talks in Tehran\nThe envoy met the minister again.",
    );
    std::fs::remove_file(src.join("sub/b.md")).unwrap();
    write(&src.join("d.txt"), "New article\nText.");
    write(
        &src.join("c.jsonl"),
        "{\"body\":\"one\"}\n{\"body\":\"three!\"}\n",
    );
    let s = run(&index, &[&src]);
    // a updated; d added; c#1 and c#2 updated (c changed), c#3 and b removed.
    assert_eq!(counts(&s), [1, 3, 0, 2, 0], "{s}");
    let (docs, n) = contents(&index);
    assert_eq!(n, 4);
    assert_eq!(
        names(&docs, &src),
        ["a.txt", "c.jsonl#1", "c.jsonl#2", "d.txt"]
    );
    assert_eq!(docs[&format!("{}/a.txt", src.display())], "Talks in Tehran");

    assert_eq!(counts(&run(&index, &[&src])), [0, 0, 4, 0, 0]);
}

#[test]
fn a_touched_file_with_the_same_content_is_unchanged_and_its_mtime_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(&src.join("a.txt"), "Title\nBody.");
    run(&index, &[&src]);
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(src.join("a.txt"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(counts(&run(&index, &[&src])), [0, 0, 1, 0, 0]);
    let (idx, _) = search_schema::open(&index).unwrap();
    let state = crate::state::load(&idx).unwrap();
    let recorded = state.iter().next().unwrap().1.mtime;
    assert_eq!(
        recorded,
        crate::walk::mtime_ns(&std::fs::metadata(src.join("a.txt")).unwrap())
    );
    assert_eq!(contents(&index).1, 1);
}

#[test]
fn a_big_feed_is_indexed_whole_when_split_over_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    let feed: String = (0..1000)
        .map(|i| format!("{{\"title\":\"T{i}\",\"body\":\"b{i}\"}}\n"))
        .collect();
    write(&src.join("feed.jsonl"), feed);
    assert_eq!(counts(&run(&index, &[&src])), [1000, 0, 0, 0, 0]);
    let (docs, n) = contents(&index);
    assert_eq!(n, 1000);
    let titles: std::collections::BTreeSet<_> = docs.values().cloned().collect();
    assert_eq!(titles.len(), 1000);
}

#[test]
fn indexing_one_root_never_removes_another_roots_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (a, ab, index) = (
        dir.path().join("a"),
        dir.path().join("ab"),
        dir.path().join("index"),
    );
    write(&a.join("1.txt"), "One\nText.");
    write(&a.join("2.txt"), "Two\nText.");
    write(&ab.join("3.txt"), "Three\nText.");
    assert_eq!(counts(&run(&index, &[&a, &ab])), [3, 0, 0, 0, 0]);
    std::fs::remove_file(ab.join("3.txt")).unwrap();
    std::fs::remove_file(a.join("2.txt")).unwrap();
    // Only `a` is indexed: its vanished file goes, `ab`'s stays until `ab` is indexed.
    assert_eq!(counts(&run(&index, &[&a])), [0, 0, 1, 1, 0]);
    assert_eq!(contents(&index).1, 2);
    assert_eq!(counts(&run(&index, &[&ab])), [0, 0, 0, 1, 0]);
    assert_eq!(contents(&index).1, 1);
}

#[test]
fn bad_files_are_named_and_counted_and_good_ones_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(&src.join("good.txt"), "Good\nText.");
    write(&src.join("latin1.txt"), b"Caf\xE9 society\nText.");
    write(&src.join("scan.txt"), b"%PDF-1.7 binary");
    write(&src.join("nul.md"), b"abc\0def");
    write(&src.join("empty.txt"), "");
    write(
        &src.join("feed.jsonl"),
        "{\"body\":\"ok\"}\n{\"body\": broken\n",
    );
    write(&src.join("bad.md"), "---\ntitle: x\nprose line\n---\nBody.");
    write(
        &src.join("menu.html"),
        "<html><body><nav><a href=/>Home</a> <a href=/world>World</a></nav></body></html>",
    );
    write(&src.join("notes.css"), "p { color: red }");
    write(
        &src.join("page.htm"),
        "<html><head><title>Talks in Kabul</title></head><body><article><p>The envoy met \
         the foreign minister in Kabul on Wednesday to discuss trade and refugees.</p></article></body></html>",
    );
    let s = run(&index, &[&src]);
    assert_eq!(counts(&s), [5, 0, 0, 0, 5], "{s}");
    let mut skipped: Vec<String> = s
        .skipped
        .iter()
        .map(|k| format!("{}", k.path.display()))
        .collect();
    skipped.sort();
    let base = src.display();
    assert_eq!(
        skipped,
        [
            format!("{base}/empty.txt"),
            format!("{base}/feed.jsonl:2"),
            format!("{base}/menu.html"),
            format!("{base}/nul.md"),
            format!("{base}/scan.txt"),
        ]
    );
    assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
    assert!(s.to_string().ends_with("5 skipped, 2 warnings"), "{s}");
    let menu = s
        .skipped
        .iter()
        .find(|k| k.path.ends_with("menu.html"))
        .unwrap();
    assert_eq!(menu.reason, "no article text found in the page");
    let (docs, _) = contents(&index);
    assert!(docs.values().any(|t| t == "Café society"));
    assert!(docs.values().any(|t| t == "Talks in Kabul"));

    // A file that turns binary loses its article.
    write(&src.join("good.txt"), b"\x89PNG....");
    let s = run(&index, &[&src]);
    assert_eq!(s.removed, 1, "{s}");
}

#[test]
fn an_index_of_another_schema_needs_rebuild_and_rebuild_works() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(&src.join("a.txt"), "A\nText.");
    std::fs::create_dir_all(&index).unwrap();
    let mut other = tantivy::schema::Schema::builder();
    other.add_text_field("something_else", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&index, other.build()).unwrap();
    let err = indexer(&index)
        .update(std::slice::from_ref(&src))
        .unwrap_err();
    assert!(matches!(err, crate::IndexError::Open(_)), "{err}");
    assert!(
        err.to_string().ends_with("; rebuild it to start anew"),
        "{err}"
    );
    let s = indexer(&index)
        .rebuild(true)
        .update(std::slice::from_ref(&src))
        .unwrap();
    assert_eq!(counts(&s), [1, 0, 0, 0, 0]);
    // A rebuild of a good index indexes everything anew.
    let s = indexer(&index).rebuild(true).update(&[src]).unwrap();
    assert_eq!(counts(&s), [1, 0, 0, 0, 0]);
    assert_eq!(contents(&index).1, 1);
}

#[test]
fn the_index_folder_inside_an_input_is_not_indexed() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), "A\nText.");
    let index = dir.path().join("index");
    assert_eq!(counts(&run(&index, &[dir.path()])), [1, 0, 0, 0, 0]);
    assert_eq!(counts(&run(&index, &[dir.path()])), [0, 0, 1, 0, 0]);
}

#[test]
fn feed_items_are_articles_and_a_broken_item_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(
        &src.join("news.rss"),
        "<rss version=\"2.0\"><channel><title>N</title>\
         <item><title>One</title><description>First item.</description></item>\
         <item><title>Two</title><description>broken</descr></item>\
         <item><title>Three</title><description>Third item.</description></item>\
         </channel></rss>",
    );
    write(&src.join("config.xml"), "<config><a/></config>");
    let s = run(&index, &[&src]);
    assert_eq!(counts(&s), [2, 0, 0, 0, 2], "{s}");
    let mut skipped: Vec<String> = s
        .skipped
        .iter()
        .map(|k| format!("{}: {}", k.path.display(), k.reason))
        .collect();
    skipped.sort();
    let base = src.display();
    assert!(
        skipped[0].starts_with(&format!("{base}/config.xml: not an RSS or Atom feed")),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with(&format!("{base}/news.rss#2: broken XML")),
        "{skipped:?}"
    );
    let (docs, _) = contents(&index);
    assert_eq!(docs[&format!("{base}/news.rss#3")], "Three");
    assert!(
        s.warnings[0].contains("read item by item"),
        "{:?}",
        s.warnings
    );
}

/// Collects the warnings a run reports.
#[derive(Default)]
struct Warnings(std::sync::Mutex<Vec<String>>);

impl crate::Progress for Warnings {
    fn warn(&self, message: &str) {
        self.0.lock().unwrap().push(message.to_string());
    }
}

#[test]
fn an_index_with_relative_paths_is_migrated_once_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    write(&src.join("a.txt"), "Talks in Kabul\nThe envoy met.");
    write(&src.join("b.txt"), "Talks in Tehran\nThe envoy left.");
    run(&index, &[&src]);
    // Make it an index of the old kind: the documents as before, their stored
    // paths relative to where `search index` ran.
    {
        let (idx, f) = search_schema::open(&index).unwrap();
        let state = crate::state::load(&idx).unwrap();
        let mut writer: tantivy::IndexWriter<TantivyDocument> = idx.writer(15_000_000).unwrap();
        for (key, file) in state.iter() {
            writer.delete_term(tantivy::Term::from_field_text(f.key, key));
            let name = Path::new(key).file_name().unwrap().to_str().unwrap();
            let mut doc = TantivyDocument::default();
            doc.add_text(f.key, key);
            doc.add_text(f.path, format!("src/{name}"));
            doc.add_text(f.title, "old");
            doc.add_u64(f.hash, file.hash);
            doc.add_u64(f.size, file.size);
            doc.add_i64(f.mtime, file.mtime);
            writer.add_document(doc).unwrap();
        }
        search_schema::commit(&mut writer).unwrap();
    }
    let relative = contents(&index).0;
    assert_eq!(
        relative.keys().collect::<Vec<_>>(),
        ["src/a.txt", "src/b.txt"]
    );

    let warnings = Warnings::default();
    let s = indexer(&index)
        .progress(&warnings)
        .update(std::slice::from_ref(&src))
        .unwrap();
    assert_eq!(counts(&s), [0, 0, 2, 0, 0]);
    let warned = warnings.0.into_inner().unwrap();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].ends_with("the index stores paths relative to where it was built; reading the files again once to store absolute paths"));
    let (docs, n) = contents(&index);
    assert_eq!(n, 2);
    let base = src.display();
    assert_eq!(docs[&format!("{base}/a.txt")], "Talks in Kabul");
    assert_eq!(docs[&format!("{base}/b.txt")], "Talks in Tehran");
    // Done once: the next run takes the fast path again.
    let warnings = Warnings::default();
    let s = indexer(&index).progress(&warnings).update(&[src]).unwrap();
    assert_eq!(counts(&s), [0, 0, 2, 0, 0]);
    assert!(warnings.0.into_inner().unwrap().is_empty());
}
