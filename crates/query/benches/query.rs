//! Query benchmarks over a generated index of synthetic news articles.
//!
//! ```text
//! cargo bench -p search-query --bench query
//! BENCH_DOCS=90000 BENCH_INDEX=/tmp/news-90k cargo bench -p search-query --bench query
//! ```
//!
//! `BENCH_DOCS` sets the corpus size (default 20,000). With `BENCH_INDEX` the
//! index is built in (or, when already there, reused from) that directory and
//! kept, e.g. to time the `search` example on it; otherwise it lives in a temp
//! dir. Each benchmark is one `NewsIndex::search` with hits (limit 10, stored
//! fields, snippets) and the facet counts.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use search_query::{NewsIndex, Query};

struct Corpus {
    _temp: Option<tempfile::TempDir>,
    dir: PathBuf,
    index: NewsIndex,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let docs: usize = std::env::var("BENCH_DOCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        let (temp, dir) = match std::env::var_os("BENCH_INDEX") {
            Some(dir) => (None, PathBuf::from(dir)),
            None => {
                let t = tempfile::tempdir().expect("temp dir");
                let d = t.path().to_path_buf();
                (Some(t), d)
            }
        };
        if !dir.join("meta.json").exists() {
            let start = std::time::Instant::now();
            let articles = fixture::synthetic(docs, 42);
            let batches: Vec<Vec<fixture::Article>> =
                articles.chunks(10_000).map(<[_]>::to_vec).collect();
            fixture::build_index(&dir, &batches);
            eprintln!(
                "built {docs} articles in {} in {:.1?}",
                dir.display(),
                start.elapsed()
            );
        }
        let index = NewsIndex::open(&dir).expect("open bench index");
        Corpus {
            _temp: temp,
            dir,
            index,
        }
    })
}

fn main() {
    corpus();
    divan::main();
}

fn search(bencher: Bencher, query: Query) {
    let index = &corpus().index;
    bencher.bench(|| index.search(divan::black_box(&query)).unwrap());
}

#[divan::bench]
fn open_index(bencher: Bencher) {
    let dir = &corpus().dir;
    bencher.bench(|| NewsIndex::open(dir).unwrap());
}

#[divan::bench]
fn term(bencher: Bencher) {
    search(bencher, Query::text("Muttaqi"));
}

#[divan::bench]
fn common_term(bencher: Bencher) {
    search(bencher, Query::text("kabul"));
}

#[divan::bench]
fn fuzzy_variant(bencher: Bencher) {
    search(bencher, Query::text("Mutaqqi"));
}

#[divan::bench]
fn phrase(bencher: Bencher) {
    search(bencher, Query::text("\"press conference\""));
}

#[divan::bench]
fn boolean(bencher: Bencher) {
    search(
        bencher,
        Query::text("(Muttaqi OR minister) -\"press conference\""),
    );
}

#[divan::bench]
fn filters_only(bencher: Bencher) {
    let q = Query::all()
        .country("Iran")
        .country("RU")
        .from("2021-08".parse().unwrap())
        .to("2023".parse().unwrap());
    search(bencher, q);
}

#[divan::bench]
fn term_with_filters(bencher: Bencher) {
    let q = Query::text("Muttaqi")
        .country("Afghanistan")
        .from("2015".parse().unwrap());
    search(bencher, q);
}

#[divan::bench]
fn match_all_with_facets(bencher: Bencher) {
    search(bencher, Query::all());
}
