//! Benchmarks of `Indexer::update` over a generated corpus: a full build into an
//! empty index, and a re-run over the unchanged corpus (the daily case, which
//! should cost next to nothing).
//!
//! The corpus is 2,000 articles of about 2 KB of news-like text (a mix of `.txt`,
//! `.md` with front matter and one `.jsonl` feed), generated deterministically so
//! that runs compare.
//!
//! ```text
//! cargo bench -p search-index --bench index
//! ```

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use search_index::Indexer;

fn main() {
    divan::main();
}

const ARTICLES: usize = 2_000;

const WORDS: &[&str] = &[
    "minister",
    "talks",
    "embassy",
    "envoy",
    "Kabul",
    "Tehran",
    "Moscow",
    "officials",
    "said",
    "the",
    "on",
    "regional",
    "security",
    "trade",
    "agreement",
    "delegation",
    "meeting",
    "Afghanistan",
    "Iran",
    "Russia",
    "government",
    "humanitarian",
    "aid",
    "border",
    "week",
    "December",
    "17,",
    "2025",
    "Amir",
    "Khan",
    "Muttaqi",
    "spokesman",
    "cooperation",
    "a",
    "of",
];

/// A deterministic pseudo-random article of about 2 KB.
fn article(seed: usize) -> String {
    let mut state = seed as u64 * 6_364_136_223_846_793_005 + 1_442_695_040_888_963_407;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    let mut text = String::with_capacity(2_200);
    while text.len() < 2_000 {
        for _ in 0..12 {
            text.push_str(WORDS[next() % WORDS.len()]);
            text.push(' ');
        }
        text.push_str("talks.\n");
    }
    text
}

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("corpus");
    let mut feed = String::new();
    for i in 0..ARTICLES {
        let sub = root.join(format!("{:02}", i % 20));
        std::fs::create_dir_all(&sub).expect("corpus dir");
        let body = article(i);
        match i % 4 {
            0 => std::fs::write(
                sub.join(format!("{i}.txt")),
                format!("Headline {i}\n{body}"),
            ),
            1 => std::fs::write(
                sub.join(format!("{i}.md")),
                format!(
                    "---\ntitle: Story {i}\ndate: 2025-12-{:02}\n---\n{body}",
                    i % 28 + 1
                ),
            ),
            _ => {
                feed.push_str(
                    &serde_json::json!({"id": i, "title": format!("Feed {i}"), "body": body})
                        .to_string(),
                );
                feed.push('\n');
                Ok(())
            }
        }
        .expect("corpus file");
    }
    std::fs::write(root.join("feed.jsonl"), feed).expect("corpus feed");
    Corpus { _dir: dir, root }
});

fn index(dir: &Path) {
    let summary = Indexer::new(dir)
        .update(std::slice::from_ref(&CORPUS.root))
        .expect("indexing");
    assert!(summary.skipped.is_empty());
}

/// Building the index of the whole corpus from nothing.
#[divan::bench(sample_count = 5)]
fn full_build(bencher: Bencher) {
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temp dir"))
        .bench_local_values(|dir| {
            index(&dir.path().join("index"));
            dir
        });
}

/// Re-running over the unchanged corpus: size and mtime match, nothing is read.
#[divan::bench(sample_count = 10)]
fn unchanged_rerun(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("index");
    index(&path);
    bencher.bench_local(|| index(&path));
}
