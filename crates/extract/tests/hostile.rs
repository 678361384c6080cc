//! Hostile text: any string, and real news text mutated at the byte level, goes
//! through the extractor without a panic, and every mention it reports is a
//! well-formed span of the text (`start < end <= len`, both on character
//! boundaries, `text[start..end] == mention.text`), listed in `start` order.
//!
//! `PROPTEST_CASES` raises the case count (RELIABILITY.md records a run of 200,000).

use proptest::prelude::*;
use search_extract::{Entities, Extractor, Mention, PartialDate};

/// Real article text: the seeds, which are full of names, places, dates and
/// typographic punctuation (multi-byte characters next to the entities).
const SEEDS: [&str; 4] = [
    include_str!("../../../seeds/000_ece7abeb71992ca7.txt"),
    include_str!("../../../seeds/001_ec7cb7fb524a78cf.txt"),
    include_str!("../../../seeds/002_0860f700c69141a5.txt"),
    include_str!("../../../seeds/003_d51ae0c6fbdb9697.txt"),
];

/// Pieces inserted by the mutations: multi-byte characters of every width,
/// combining marks, joiners, right-to-left and CJK text, and entity-like words.
const PIECES: [&str; 24] = [
    "\u{301}",
    "\u{200d}",
    "\u{200f}",
    "\u{feff}",
    "\u{fffd}",
    "ī",
    "’",
    "“",
    "🙂",
    "👩‍👩‍👧",
    "مطقی",
    "کابل",
    "Муттаки",
    "喀布尔",
    "İ",
    "ß",
    "\r\n",
    "\t",
    "\u{0}",
    "Mawlawi ",
    "Amir Khan Muttaqi",
    "December 17, 2025",
    "Kabul",
    "Mr. ",
];

fn check(text: &str, e: &Entities) -> Result<(), TestCaseError> {
    let lists: [Vec<&Vec<Mention>>; 3] = [
        e.persons.iter().map(|p| &p.mentions).collect(),
        e.countries.iter().map(|c| &c.mentions).collect(),
        e.dates.iter().map(|d| &d.mentions).collect(),
    ];
    for mentions in lists.iter().flatten() {
        prop_assert!(!mentions.is_empty());
        for m in mentions.iter() {
            prop_assert!(
                m.start < m.end && m.end <= text.len(),
                "{m:?} in {}",
                text.len()
            );
            prop_assert!(text.is_char_boundary(m.start), "{m:?}");
            prop_assert!(text.is_char_boundary(m.end), "{m:?}");
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
        prop_assert!(
            mentions.windows(2).all(|w| w[0].start <= w[1].start),
            "mentions out of order: {mentions:?}"
        );
    }
    Ok(())
}

/// One byte-level edit of a text.
#[derive(Debug, Clone)]
enum Edit {
    /// Insert raw bytes (possibly invalid UTF-8) at a position.
    Bytes(usize, Vec<u8>),
    /// Insert one of the [`PIECES`] at a position (snapped to a byte, not a char:
    /// it may land inside a character).
    Piece(usize, usize),
    /// Delete a range of bytes.
    Delete(usize, usize),
    /// Copy a range of bytes to another position.
    Duplicate(usize, usize, usize),
    /// Flip a bit of one byte.
    Flip(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(at, b)| Edit::Bytes(at, b)),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, p)| Edit::Piece(at, p)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 1usize..64, any::<usize>())
            .prop_map(|(from, n, to)| Edit::Duplicate(from, n, to)),
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip(at, bit)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len();
    let pos = |at: usize| if len == 0 { 0 } else { at % (len + 1) };
    match edit {
        Edit::Bytes(at, b) => {
            let at = pos(*at);
            bytes.splice(at..at, b.iter().copied());
        }
        Edit::Piece(at, p) => {
            let at = pos(*at);
            bytes.splice(at..at, PIECES[*p].bytes());
        }
        Edit::Delete(at, n) => {
            let at = pos(*at);
            let end = (at + n).min(len);
            bytes.drain(at..end);
        }
        Edit::Duplicate(from, n, to) => {
            let from = pos(*from);
            let end = (from + n).min(len);
            let copy = bytes[from..end].to_vec();
            let to = pos(*to);
            bytes.splice(to..to, copy);
        }
        Edit::Flip(at, bit) if len > 0 => bytes[at % len] ^= 1 << bit,
        Edit::Flip(..) => {}
    }
}

/// A window of a seed article with a few dozen byte-level edits, made valid UTF-8
/// the way a reader of a damaged file would (invalid bytes become U+FFFD).
fn mutated_news() -> impl Strategy<Value = String> {
    (
        0..SEEDS.len(),
        any::<usize>(),
        64usize..2048,
        prop::collection::vec(edit(), 0..40),
    )
        .prop_map(|(seed, start, len, edits)| {
            let seed = SEEDS[seed].as_bytes();
            let start = start % seed.len();
            let end = (start + len).min(seed.len());
            let mut bytes = seed[start..end].to_vec();
            for e in &edits {
                apply(&mut bytes, e);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

fn published() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        Just(PartialDate::day(2025, 12, 17)),
        Just(PartialDate::month(2021, 8)),
        Just(PartialDate::year(1)),
        Just(PartialDate::day(9999, 12, 31)),
    ]
}

/// 256 cases per property, or `PROPTEST_CASES` (which `with_cases` would override).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_string_gives_well_formed_spans(text in any::<String>(), published in published()) {
        let e = Extractor::global().extract(&text, published);
        check(&text, &e)?;
    }

    #[test]
    fn mutated_news_gives_well_formed_spans(text in mutated_news(), published in published()) {
        let e = Extractor::global().extract(&text, published);
        check(&text, &e)?;
    }

    #[test]
    fn entity_soup_gives_well_formed_spans(
        parts in prop::collection::vec((0..PIECES.len(), prop_oneof![Just(""), Just(" "), Just(", ")]), 0..60),
        published in published(),
    ) {
        let text: String = parts.iter().map(|&(p, sep)| format!("{}{sep}", PIECES[p])).collect();
        let e = Extractor::global().extract(&text, published);
        check(&text, &e)?;
    }
}

/// The unmutated seeds pass the same checks (and find something, so that the
/// checks are not vacuous).
#[test]
fn seeds_give_well_formed_spans() {
    for seed in SEEDS {
        let e = Extractor::global().extract(seed, None);
        assert!(!e.persons.is_empty() && !e.countries.is_empty());
        check(seed, &e).unwrap();
    }
}
