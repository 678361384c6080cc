//! Any bytes as a web archive (`.warc`; gzip when they start as gzip does): no
//! panic, every article read has text, a url when its record gave one, and a
//! record number; reading is bounded by the input (no record is invented).

#![no_main]

use libfuzzer_sys::fuzz_target;
use search_index::article::{Format, read_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(outcome) = read_bytes(data, Format::Warc, "crawl.warc") {
        let records = data.windows(5).filter(|w| w == b"WARC/").count();
        let gzip = data.starts_with(&[0x1f, 0x8b]);
        assert!(gzip || outcome.articles.len() <= records);
        for article in &outcome.articles {
            assert!(!article.body.trim().is_empty(), "{article:?}");
            assert!(article.key.starts_with("crawl.warc#"), "{article:?}");
        }
    }
});
