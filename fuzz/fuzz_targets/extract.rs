//! Any text through the extractor: no panic, and every mention span lies on
//! character boundaries and covers exactly the mention's text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use search_extract::{Extractor, PartialDate};

fuzz_target!(|data: &[u8]| {
    // First byte picks a publication date (or none) so that relative dates run too.
    let (published, text) = match data.split_first() {
        Some((b, rest)) if b % 2 == 1 => (PartialDate::day(2025, 12, 17), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let text = String::from_utf8_lossy(text);
    let e = Extractor::global().extract(&text, published);
    let spans = e
        .persons
        .iter()
        .flat_map(|p| &p.mentions)
        .chain(e.countries.iter().flat_map(|c| &c.mentions))
        .chain(e.dates.iter().flat_map(|d| &d.mentions));
    for m in spans {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(&text[m.start..m.end], m.text);
    }
});
