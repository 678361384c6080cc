//! Any query text and filter values through `NewsIndex::search` on a small index
//! of the seed articles (built once per process): results or a user error with a
//! one-line message, never a panic or an internal failure.
//!
//! Input layout: fields separated by the byte 0x1F (unit separator): query text,
//! country, person, from, to, then one byte each for limit and offset. Missing
//! fields are left out of the query.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use search_query::{NewsIndex, Query};

fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<(tempfile::TempDir, NewsIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seeds");
            let idx = dir.path().join("index");
            search_index::Indexer::new(&idx)
                .threads(1)
                .update(&[seeds])
                .unwrap();
            let index = NewsIndex::open(&idx).unwrap();
            (dir, index)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1f}');
    let mut q = Query::text(parts.next().unwrap_or_default());
    if let Some(c) = parts.next().filter(|s| !s.is_empty()) {
        q = q.country(c);
    }
    if let Some(p) = parts.next().filter(|s| !s.is_empty()) {
        q = q.person(p);
    }
    if let Some(d) = parts.next().and_then(|s| s.parse().ok()) {
        q = q.from(d);
    }
    if let Some(d) = parts.next().and_then(|s| s.parse().ok()) {
        q = q.to(d);
    }
    let rest = parts.next().unwrap_or_default().as_bytes();
    q = q.limit(rest.first().map_or(10, |&b| usize::from(b)));
    q = q.offset(rest.get(1).map_or(0, |&b| usize::from(b)));
    match index().search(&q) {
        Ok(r) => {
            assert!(r.total <= 4, "{}", r.total);
            assert!(r.hits.len() <= q.limit.min(r.total));
        }
        Err(e) => {
            assert!(e.is_user_error(), "not a user error: {e:?}");
            let msg = e.to_string();
            assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
        }
    }
});
