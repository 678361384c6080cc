//! Extraction throughput on real news text: the seed articles always, and the
//! Reuters-21578 stories from `../shared/data` when present (skipped with a message
//! otherwise).
//!
//!     cargo bench -p search-extract --bench extract

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use search_extract::Extractor;

fn main() {
    // Build the gazetteers before timing anything.
    Extractor::global();
    divan::main();
}

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// Reuters-21578 bodies (Latin-1 SGML), or none when the data is absent.
fn reuters() -> &'static [String] {
    static R: OnceLock<Vec<String>> = OnceLock::new();
    R.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/reuters21578");
        let mut out = Vec::new();
        for i in 0..=10 {
            let Ok(bytes) = std::fs::read(dir.join(format!("reut2-{i:03}.sgm"))) else {
                continue;
            };
            let raw: String = bytes.iter().map(|&b| b as char).collect();
            for part in raw.split("<BODY>").skip(1) {
                if let Some(body) = part.split("</BODY>").next() {
                    out.push(body.replace("&lt;", "<").replace("&amp;", "&"));
                }
            }
        }
        if out.is_empty() {
            eprintln!(
                "skipping the Reuters benchmark: no data at {}",
                dir.display()
            );
        }
        out
    })
}

fn run(bencher: Bencher, docs: &[String]) {
    let ex = Extractor::global();
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in docs {
            black_box(ex.extract(black_box(d), None));
        }
    });
}

#[divan::bench(sample_count = 20)]
fn seed_articles(bencher: Bencher) {
    // The four seeds, repeated to a size that times well.
    let docs: Vec<String> = seeds().into_iter().cycle().take(200).collect();
    run(bencher, &docs);
}

/// The same stories joined ten at a time: shows the cost per call apart from the cost per byte.
#[divan::bench(sample_count = 5)]
fn reuters_21578_joined(bencher: Bencher) {
    let docs: Vec<String> = reuters().chunks(10).map(|c| c.join("\n\n")).collect();
    if docs.is_empty() {
        return;
    }
    run(bencher, &docs);
}

#[divan::bench(sample_count = 5)]
fn reuters_21578(bencher: Bencher) {
    let docs = reuters();
    if docs.is_empty() {
        return;
    }
    run(bencher, docs);
}
