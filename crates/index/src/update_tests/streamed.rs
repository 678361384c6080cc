//! JSON-lines files read in parts: growth read alone, changes read whole, files
//! over the old whole-file cap, over-long lines and a line still being written.

use std::io::Write;

use super::*;
use crate::state;

fn lines(range: std::ops::Range<usize>) -> String {
    range
        .map(|i| format!("{{\"title\":\"T{i}\",\"body\":\"Body {i}.\"}}\n"))
        .collect()
}

fn append(path: &Path, text: &str) {
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

/// The recorded size of a file in the index state.
fn recorded_size(index: &Path, file: &Path) -> u64 {
    let (index, _) = search_schema::open(index).unwrap();
    let key = std::fs::canonicalize(file).unwrap();
    state::load(&index)
        .unwrap()
        .get(&key.to_string_lossy())
        .unwrap()
        .size
}

#[test]
fn a_grown_file_adds_only_its_new_lines_and_a_changed_one_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    let feed = src.join("feed.jsonl");
    // Over one part (2048 records), so that parts and their sizes are exercised.
    write(&feed, lines(0..3000));
    assert_eq!(counts(&run(&index, &[&src])), [3000, 0, 0, 0, 0]);
    assert_eq!(
        recorded_size(&index, &feed),
        std::fs::metadata(&feed).unwrap().len()
    );

    append(&feed, &lines(3000..3005));
    assert_eq!(counts(&run(&index, &[&src])), [5, 0, 3000, 0, 0]);
    let (docs, n) = contents(&index);
    assert_eq!(n, 3005);
    assert_eq!(docs[&format!("{}#3005", feed.display())], "T3004");
    assert_eq!(
        recorded_size(&index, &feed),
        std::fs::metadata(&feed).unwrap().len()
    );
    // Nothing changed: nothing read.
    assert_eq!(counts(&run(&index, &[&src])), [0, 0, 3005, 0, 0]);

    // A line in the middle changed and two at the end went: read whole.
    let mut text = lines(0..3003);
    text = text.replace("\"T10\"", "\"Ten\"");
    write(&feed, text);
    assert_eq!(counts(&run(&index, &[&src])), [0, 3003, 0, 2, 0]);
    let (docs, n) = contents(&index);
    assert_eq!(n, 3003);
    assert_eq!(docs[&format!("{}#11", feed.display())], "Ten");
}

#[test]
fn a_file_over_32_mib_is_streamed_and_an_over_long_line_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    let feed = src.join("big.jsonl");
    let mut text = lines(0..2);
    text.push_str(&format!("{{\"body\":\"{}\"}}\n", "x".repeat(33 << 20)));
    text.push_str(&lines(3..5));
    write(&feed, text);
    let s = run(&index, &[&src]);
    assert_eq!(counts(&s), [4, 0, 0, 0, 1], "{s}");
    assert_eq!(
        s.skipped[0].path,
        Path::new(&format!("{}:3", feed.display()))
    );
    assert_eq!(
        s.skipped[0].reason,
        "line longer than 32 MiB; one article is never that long"
    );
}

#[test]
fn a_last_line_being_written_is_read_once_it_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    let feed = src.join("feed.jsonl");
    write(&feed, format!("{}{{\"title\":\"T2\",\"bo", lines(0..2)));
    let s = run(&index, &[&src]);
    assert_eq!(counts(&s), [2, 0, 0, 0, 1], "{s}");
    assert!(s.skipped[0].reason.starts_with("incomplete last line"));
    append(&feed, "dy\":\"Body 2.\"}\n");
    assert_eq!(counts(&run(&index, &[&src])), [1, 0, 2, 0, 0]);
    let (docs, n) = contents(&index);
    assert_eq!(n, 3);
    assert_eq!(docs[&format!("{}#3", feed.display())], "T2");
    // A last line without its end that is whole JSON is read, and a line
    // appended after it numbered on.
    append(&feed, "{\"title\":\"T3\",\"body\":\"x\"}");
    assert_eq!(counts(&run(&index, &[&src])), [1, 0, 3, 0, 0]);
    append(&feed, "\n{\"title\":\"T4\",\"body\":\"x\"}\n");
    assert_eq!(counts(&run(&index, &[&src])), [1, 0, 4, 0, 0]);
    let (docs, _) = contents(&index);
    assert_eq!(docs[&format!("{}#5", feed.display())], "T4");
}

#[test]
fn a_file_of_only_bad_lines_is_skipped_and_loses_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    let feed = src.join("feed.jsonl");
    write(&feed, lines(0..2));
    assert_eq!(counts(&run(&index, &[&src])), [2, 0, 0, 0, 0]);
    write(&feed, "not json\n{\"title\": \"no body\"}\n");
    let s = run(&index, &[&src]);
    assert_eq!(counts(&s), [0, 0, 0, 2, 1], "{s}");
    assert_eq!(
        s.skipped[0].reason,
        "no readable articles (2 bad records, the first: invalid JSON: expected ident at line 1 column 2)"
    );
}
