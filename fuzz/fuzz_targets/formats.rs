//! Any bytes as a saved web page, a feed or JSON lines: no panic, and every
//! article read has text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use search_index::article::{Format, read_bytes};

fuzz_target!(|data: &[u8]| {
    // First byte picks the format.
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    let (format, name) = match pick % 3 {
        0 => (Format::Html, "page.html"),
        1 => (Format::Feed, "feed.rss"),
        _ => (Format::JsonLines, "lines.jsonl"),
    };
    if let Ok(outcome) = read_bytes(bytes, format, name) {
        for article in &outcome.articles {
            assert!(!article.body.trim().is_empty(), "{article:?}");
        }
    }
});
