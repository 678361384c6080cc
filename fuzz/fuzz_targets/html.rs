//! Any bytes as a saved web page: no panic; an article read has text, and a
//! title that is not blank (the page's metadata, else the file name).

#![no_main]

use libfuzzer_sys::fuzz_target;
use search_index::article::{Format, read_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(outcome) = read_bytes(data, Format::Html, "page.html") {
        assert_eq!(outcome.articles.len(), 1);
        let article = &outcome.articles[0];
        assert!(!article.body.trim().is_empty(), "{article:?}");
        assert!(!article.title.trim().is_empty(), "{article:?}");
    }
});
