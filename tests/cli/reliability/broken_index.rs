//! Broken or foreign indexes: a folder that is not an index, a truncated or
//! corrupted segment file, garbage in meta.json, an index of another schema. Each
//! gives one clear error line with the way out, never a panic, for `search query`
//! and `search index`; and `search index --rebuild` recovers where it may.

use std::path::Path;

use super::*;

/// A temporary folder with `seeds/` indexed into `./index`: a copy of one built
/// once, so that each case costs one copy instead of one indexing run.
fn seeded() -> tempfile::TempDir {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let dir = with_seeds();
        let out = index_cmd(dir.path(), Path::new("seeds"), Path::new("index"), &[])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        dir
    });
    let dir = tempfile::tempdir().unwrap();
    for sub in ["seeds", "index"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(template.path().join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// The segment files of an index with the given extension, largest first.
fn segment_files(index: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).unwrap().len()));
    assert!(!files.is_empty(), "no .{ext} files");
    files
}

/// `search query` and `search index` both refuse with one line naming the way
/// out; `--rebuild` then recovers all four seeds and queries answer again.
fn refused_then_rebuilt(d: &Path, query_needles: &[&str], index_needles: &[&str]) {
    for q in ["*", "Muttaqi", "\"Amir Khan\"", "Mutaqi"] {
        let out = search(d)
            .args(["query", q, "--json", "--country", "AF"])
            .output()
            .unwrap();
        assert_one_line_error(&out, 1, query_needles);
    }
    let out = index_cmd(d, Path::new("seeds"), Path::new("index"), &[])
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, index_needles);
    let out = index_cmd(d, Path::new("seeds"), Path::new("index"), &["--rebuild"])
        .output()
        .unwrap();
    assert!(out.status.success(), "--rebuild: {}", stderr_of(&out));
    assert!(
        summary_line(&out).contains("4 added"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(hits(d, &["*"]).len(), 4);
    assert_eq!(hits(d, &["Muttaqi"]), ["001", "002", "003"]);
}

const QUERY_WAY_OUT: &[&str] = &["search index --rebuild"];
const INDEX_WAY_OUT: &[&str] = &["search index --rebuild"];

#[test]
fn a_folder_of_other_files_is_refused_and_left_alone() {
    let dir = with_seeds();
    let d = dir.path();
    let notes = d.join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("todo.txt"), "buy milk").unwrap();
    std::fs::write(notes.join("data.bin"), [0u8, 1, 2, 3, 255]).unwrap();
    let out = search(d)
        .args(["query", "x", "--index", "notes"])
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, &["no index at notes", "search index"]);
    // Neither an update nor a rebuild deletes somebody's files to make an index.
    for args in [&[][..], &["--rebuild"][..]] {
        let out = index_cmd(d, Path::new("seeds"), &notes, args)
            .output()
            .unwrap();
        assert_one_line_error(&out, 1, &["not an index", "--index"]);
    }
    let mut left: Vec<_> = std::fs::read_dir(&notes)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["data.bin", "todo.txt"]);
}

#[test]
fn meta_json_garbage() {
    let dir = seeded();
    std::fs::write(dir.path().join("index/meta.json"), "garbage\n{").unwrap();
    refused_then_rebuilt(dir.path(), QUERY_WAY_OUT, INDEX_WAY_OUT);
}

#[test]
fn empty_meta_json() {
    let dir = seeded();
    std::fs::write(dir.path().join("index/meta.json"), "").unwrap();
    refused_then_rebuilt(dir.path(), QUERY_WAY_OUT, INDEX_WAY_OUT);
}

#[test]
fn truncated_segment_files() {
    for ext in ["idx", "term", "store", "fast", "pos", "fieldnorm"] {
        let dir = seeded();
        let file = &segment_files(&dir.path().join("index"), ext)[0];
        let len = std::fs::metadata(file).unwrap().len();
        let f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
        f.set_len(len / 2).unwrap();
        drop(f);
        refused_then_rebuilt(dir.path(), QUERY_WAY_OUT, INDEX_WAY_OUT);
    }
}

#[test]
fn missing_segment_file() {
    let dir = seeded();
    let file = &segment_files(&dir.path().join("index"), "store")[0];
    std::fs::remove_file(file).unwrap();
    refused_then_rebuilt(dir.path(), QUERY_WAY_OUT, INDEX_WAY_OUT);
}

/// Bytes overwritten inside a segment file (its footer intact): tantivy does not
/// check checksums on open, so this may read as garbage or trip tantivy's own
/// assertions. Whatever happens, never a panic; a rebuild always recovers.
#[test]
fn corrupted_bytes_inside_segment_files() {
    for ext in ["idx", "term", "store", "fast", "pos", "fieldnorm"] {
        let dir = seeded();
        let d = dir.path();
        let file = &segment_files(&d.join("index"), ext)[0];
        let mut bytes = std::fs::read(file).unwrap();
        let mut x = 0x9E37_79B9u32;
        let half = bytes.len() / 2;
        for b in &mut bytes[..half] {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *b = x as u8;
        }
        std::fs::write(file, bytes).unwrap();
        for q in ["*", "Muttaqi", "\"Amir Khan\"", "Mutaqi"] {
            let out = search(d)
                .args(["query", q, "--json", "--country", "AF"])
                .output()
                .unwrap();
            let stderr = stderr_of(&out);
            match out.status.code() {
                Some(0) => {
                    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
                }
                Some(1) => assert_one_line_error(&out, 1, QUERY_WAY_OUT),
                other => panic!(".{ext} {q}: {other:?} {stderr}"),
            }
        }
        let out = index_cmd(d, Path::new("seeds"), Path::new("index"), &[])
            .output()
            .unwrap();
        match out.status.code() {
            Some(0) => {}
            Some(1) => assert_one_line_error(&out, 1, INDEX_WAY_OUT),
            other => panic!(".{ext} index: {other:?} {}", stderr_of(&out)),
        }
        let out = index_cmd(d, Path::new("seeds"), Path::new("index"), &["--rebuild"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            ".{ext} --rebuild: {}",
            stderr_of(&out)
        );
        assert_eq!(hits(d, &["Muttaqi"]), ["001", "002", "003"], ".{ext}");
    }
}

#[test]
fn an_index_of_another_schema() {
    use tantivy::schema::{STORED, Schema, TEXT};
    let dir = with_seeds();
    let d = dir.path();
    let index_dir = d.join("index");
    std::fs::create_dir(&index_dir).unwrap();
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT | STORED);
    let index = tantivy::Index::create_in_dir(&index_dir, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    writer
        .add_document(tantivy::doc!(body => "an article from another program"))
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    refused_then_rebuilt(
        d,
        &["another version", "search index --rebuild"],
        &["another version", "search index --rebuild"],
    );
}

/// An index of this schema from an earlier version, which committed without the
/// format mark (and stored string dictionaries with zstd, which this one cannot read).
#[test]
fn an_index_of_an_earlier_format() {
    let dir = seeded();
    let meta_path = dir.path().join("index/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    assert_eq!(meta["payload"], "search-index 3");
    meta["payload"] = serde_json::Value::Null;
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    refused_then_rebuilt(
        dir.path(),
        &["another version", "search index --rebuild"],
        &["another version", "search index --rebuild"],
    );
}

#[test]
fn index_path_is_a_file() {
    let dir = with_seeds();
    let d = dir.path();
    std::fs::write(d.join("index"), "not a folder").unwrap();
    let out = search(d).args(["query", "x"]).output().unwrap();
    assert_one_line_error(&out, 1, &["index"]);
    let out = index_cmd(d, Path::new("seeds"), Path::new("index"), &[])
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, &["index"]);
    assert_eq!(
        std::fs::read_to_string(d.join("index")).unwrap(),
        "not a folder"
    );
}
