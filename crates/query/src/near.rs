//! Typo-tolerant term matching: the words of a field within so many edits of a
//! query word *and starting with the same letter*.
//!
//! tantivy's `FuzzyTermQuery` walks the whole term dictionary with a Levenshtein
//! automaton. This query walks it with [`Typos`] (the same matches, without
//! the cost of building a DFA first) and holds the first letter fixed, as
//! Lucene's `prefix_length` 1 and most search engines do: the walk skips every
//! branch of the dictionary under another letter, where for a rare word of
//! eleven letters (two edits) on 100k articles it was most of the query's time.
//! Typos in the first letter are also the rarest kind, since it is the one
//! people look at.

use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy::{Term, schema::Field};
use tantivy_fst::Automaton;

use crate::typos::{Typos, TyposState};

/// Matches the terms of `term`'s field that begin with the same character and
/// lie within `distance` edits (a swap of neighbours counts one), each with a
/// constant score of 1.
#[derive(Debug, Clone)]
pub(crate) struct NearTermQuery {
    term: Term,
    distance: u8,
}

impl NearTermQuery {
    pub fn new(term: Term, distance: u8) -> Self {
        NearTermQuery { term, distance }
    }

    fn automaton(&self) -> SameStart {
        let value = self.term.value();
        SameStart::new(value.as_str().unwrap_or_default(), self.distance)
    }

    fn field(&self) -> Field {
        self.term.field()
    }
}

impl Query for NearTermQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::new(
            self.field(),
            self.automaton(),
        )))
    }
}

/// A typo automaton that also requires the term's first character (its UTF-8
/// bytes) unchanged: what a typo-tolerant word matches, in the term dictionary
/// and, for highlighting, in a snippet's words.
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
    use tantivy::schema::{Schema, TEXT};

    fn matches(query: &str, distance: u8, word: &str) -> bool {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("body", TEXT);
        let near = NearTermQuery::new(Term::from_field_text(field, query), distance);
        near.automaton().matches(word)
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
