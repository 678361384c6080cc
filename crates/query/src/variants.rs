//! Which words of the index a typo-tolerant query word also finds: its variants
//! (same first letter, within its edit distance, see [`crate::near::SameStart`])
//! that are *typos*, not other words.
//!
//! Edit distance alone cannot tell a typo from another word: `Baker` is one edit
//! from `banker`, `bakery` and `Bayer`, all words of a news index in their own
//! right. The index can: a word typed that its articles hold is a word, not a
//! misspelling, and the words one edit from it are other words. So:
//!
//! - a typed word found in more than [`MISSPELLING_MAX_ARTICLES`] articles is
//!   searched as typed (`Baker` finds Baker, not banker; `Bayer` finds Bayer,
//!   not Baker);
//! - a typed word found in fewer is taken for a misspelling, and its variants
//!   found in at least as many articles count (`Mutaqi`, absent, finds
//!   `Muttaqi`; `Volker` finds `Volcker`).
//!
//! On the Reuters-21578 stories (10,051 articles) this gives 20 correctly
//! spelled names (Baker, Reagan, Volcker, Lawson ...) no article from variants,
//! and 16 misspellings of them (Volker, Reagen, Gorbachov, Bakre ...) every
//! article of the right spelling; README's "Queries" lists them.
//!
//! The article counts are read from the body's term dictionary of every
//! segment, by the same automaton walk that finds the variants.

use std::collections::HashMap;

use tantivy::Searcher;
use tantivy::schema::Field;

use crate::near::SameStart;

/// A typed word found in at most this many articles is taken for a
/// misspelling; in more, it is a word of the index and searched as typed.
pub const MISSPELLING_MAX_ARTICLES: u64 = 1;

/// Whether a variant found in `variant` articles is what a word typed and
/// found in `typed` articles meant.
///
/// ```text
/// typed 140 (Baker), variant 83 (banker) or 5 (Bayer): no, other words
/// typed 0 (Mutaqi), variant 90 (muttaqi): yes
/// typed 1, variant 1: yes (one is a typo of the other; which, no one can tell)
/// ```
pub(crate) fn is_typo(typed: u64, variant: u64) -> bool {
    typed <= MISSPELLING_MAX_ARTICLES && variant >= typed
}

/// The variants of the query's typo-tolerant words, by word.
#[derive(Debug, Clone, Default)]
pub(crate) struct Variants(HashMap<String, Vec<String>>);

impl Variants {
    /// Looks the variants of `terms` (word, edit distance) up in `field`.
    pub fn find(
        searcher: &Searcher,
        field: Field,
        terms: &[(String, u8)],
    ) -> tantivy::Result<Self> {
        let mut found = HashMap::new();
        for (word, distance) in terms {
            // A word in more articles than a misspelling is never taken for
            // one (`is_typo`): then no variant can count, and the cheap look-up
            // of the word itself spares streaming the dictionaries.
            let mut typed = 0;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                if let Some(info) = inverted.terms().get(word.as_bytes())? {
                    typed += u64::from(info.doc_freq);
                }
            }
            if typed > MISSPELLING_MAX_ARTICLES {
                found.insert(word.clone(), Vec::new());
                continue;
            }
            let mut freqs: HashMap<Vec<u8>, u64> = HashMap::new();
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(SameStart::new(word, *distance))
                    .into_stream()?;
                while stream.advance() {
                    let docs = u64::from(stream.value().doc_freq);
                    *freqs.entry(stream.key().to_vec()).or_insert(0) += docs;
                }
            }
            let typed = freqs.remove(word.as_bytes()).unwrap_or(0);
            let mut variants: Vec<String> = freqs
                .into_iter()
                .filter(|&(_, docs)| is_typo(typed, docs))
                .filter_map(|(term, _)| String::from_utf8(term).ok())
                .collect();
            variants.sort_unstable();
            found.insert(word.clone(), variants);
        }
        Ok(Variants(found))
    }

    /// The variants of `word` that count as typos (none for an exact word).
    pub fn of(&self, word: &str) -> &[String] {
        self.0.get(word).map_or(&[], Vec::as_slice)
    }

    /// Variants given by hand (tests).
    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &[&str])]) -> Self {
        Variants(
            pairs
                .iter()
                .map(|(w, v)| (w.to_string(), v.iter().map(|s| s.to_string()).collect()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_of_the_index_is_no_typo() {
        assert!(!is_typo(140, 83), "Baker and banker: two words");
        assert!(!is_typo(140, 5), "Baker and Bayer: two words");
        assert!(!is_typo(5, 140), "Bayer and Baker: two words");
        assert!(!is_typo(140, 1), "a word typed finds only itself");
        assert!(is_typo(0, 90), "Mutaqi, absent, for Muttaqi");
        assert!(is_typo(1, 4), "Mutaqi, once, for Muttaqi");
        assert!(is_typo(1, 1), "one typo of the other");
        assert!(!is_typo(1, 0), "deleted articles only");
    }
}
