//! Any bytes as JSON lines: no panic; a line gives at most one article, keyed
//! by its line number, or is skipped with a reason naming that line.

#![no_main]

use libfuzzer_sys::fuzz_target;
use search_index::article::{Format, read_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(outcome) = read_bytes(data, Format::JsonLines, "lines.jsonl") {
        let lines = data.split(|&b| b == b'\n').count();
        assert!(outcome.articles.len() + outcome.skipped.len() <= lines);
        for article in &outcome.articles {
            let (_, number) = article.key.rsplit_once('#').expect("a record key");
            let number: usize = number.parse().expect("a line number");
            assert!((1..=lines).contains(&number), "{article:?}");
        }
        for skipped in &outcome.skipped {
            assert!(skipped.path.to_string_lossy().starts_with("lines.jsonl:"));
        }
    }
});
