//! The words of a field within so many edits of a query word *and starting with
//! the same letter*: the candidates for its typo variants ([`crate::variants`]
//! decides which count).
//!
//! tantivy's `FuzzyTermQuery` walks the whole term dictionary with a Levenshtein
//! automaton. This one walks it with [`Typos`] (the same matches, without the
//! cost of building a DFA first) and holds the first letter fixed, as Lucene's
//! `prefix_length` 1 and most search engines do: the walk skips every branch of
//! the dictionary under another letter, where for a rare word of eleven letters
//! (two edits) on 100k articles it was most of the query's time. Typos in the
//! first letter are also the rarest kind, since it is the one people look at.

use tantivy_fst::Automaton;

use crate::typos::{Typos, TyposState};

/// A typo automaton that also requires the term's first character (its UTF-8
/// bytes) unchanged: what a typo-tolerant word matches, in the term dictionary
/// (a swap of neighbours counts one edit).
pub(crate) struct SameStart {
    start: Vec<u8>,
    typos: Typos,
}

impl SameStart {
    /// The words within `distance` edits of `word` that begin as it does.
    pub fn new(word: &str, distance: u8) -> SameStart {
        let first = word.chars().next().map_or(0, char::len_utf8);
        SameStart {
            start: word.as_bytes()[..first].to_vec(),
            typos: Typos::new(word, distance),
        }
    }

    /// Whether `text` is one of them.
    #[cfg(test)]
    pub fn matches(&self, text: &str) -> bool {
        let state = text
            .bytes()
            .fold(self.start(), |state, b| self.accept(&state, b));
        self.is_match(&state)
    }
}

/// The automaton's state after the bytes read: the typo automaton's state and
/// how many bytes of the first character matched; `None` once the first
/// character differs.
type SameStartState = Option<(TyposState, usize)>;

impl Automaton for SameStart {
    type State = SameStartState;

    fn start(&self) -> SameStartState {
        Some((self.typos.start(), 0))
    }

    fn is_match(&self, state: &SameStartState) -> bool {
        state
            .as_ref()
            .is_some_and(|(typos, read)| *read >= self.start.len() && self.typos.is_match(typos))
    }

    fn can_match(&self, state: &SameStartState) -> bool {
        state
            .as_ref()
            .is_some_and(|(typos, _)| self.typos.can_match(typos))
    }

    fn accept(&self, state: &SameStartState, byte: u8) -> SameStartState {
        let (typos, read) = state.as_ref()?;
        match self.start.get(*read) {
            Some(&expected) if expected != byte => None,
            Some(_) => Some((self.typos.accept(typos, byte), read + 1)),
            None => Some((self.typos.accept(typos, byte), *read)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, distance: u8, word: &str) -> bool {
        SameStart::new(query, distance).matches(word)
    }

    #[test]
    fn words_within_the_distance_and_with_the_same_first_letter_match() {
        assert!(matches("stoltenberg", 2, "stoltenberg"));
        assert!(matches("stoltenberg", 2, "stoltenburg"));
        assert!(
            matches("stoltenberg", 2, "stoltneberg"),
            "a swap is one edit"
        );
        assert!(matches("mutaqi", 1, "muttaqi"));
        assert!(!matches("stoltenberg", 2, "stoltenbergers"), "three edits");
        assert!(
            !matches("kremlin", 1, "cremlin"),
            "the first letter differs"
        );
        assert!(
            !matches("mutaqi", 1, "utaqi"),
            "the first letter was dropped"
        );
        assert!(matches("étatiste", 1, "étatistes"));
        assert!(
            !matches("étatiste", 1, "ètatiste"),
            "é and è share a first byte only"
        );
    }
}
