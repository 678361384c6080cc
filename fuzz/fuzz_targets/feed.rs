//! Any bytes as an RSS or Atom feed: no panic; every item read has text and
//! its own numbered key.

#![no_main]

use libfuzzer_sys::fuzz_target;
use search_index::article::{Format, read_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(outcome) = read_bytes(data, Format::Feed, "feed.rss") {
        let mut keys = std::collections::HashSet::new();
        for article in &outcome.articles {
            assert!(!article.body.trim().is_empty(), "{article:?}");
            assert!(keys.insert(article.key.clone()), "{article:?}");
        }
    }
});
