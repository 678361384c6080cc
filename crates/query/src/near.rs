//! Typo-tolerant term matching: the words of a field within so many edits of a
//! query word *and starting with the same letter*.
//!
//! tantivy's `FuzzyTermQuery` walks the whole term dictionary with a Levenshtein
//! automaton. Holding the first letter fixed, as Lucene's `prefix_length` 1 and
//! most search engines do, lets the walk skip every branch of the dictionary
//! under another letter: for a rare word of eleven letters (two edits) on 100k
//! articles that walk was most of the query's time. Typos in the first letter
//! are also the rarest kind, since it is the one people look at.

use tantivy::query::{AutomatonWeight, DfaWrapper, EnableScoring, FuzzyTermQuery, Query, Weight};
use tantivy::{Term, schema::Field};
use tantivy_fst::Automaton;

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

    fn automaton(&self) -> tantivy::Result<SameStart> {
        let value = self.term.value();
        let text = value.as_str().unwrap_or_default();
        let first = text.chars().next().map_or(0, char::len_utf8);
        // tantivy builds and caches the Levenshtein automaton builders.
        let dfa = FuzzyTermQuery::new(self.term.clone(), self.distance, true).automaton()?;
        Ok(SameStart {
            start: text.as_bytes()[..first].to_vec(),
            dfa,
        })
    }

    fn field(&self) -> Field {
        self.term.field()
    }
}

impl Query for NearTermQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::new(
            self.field(),
            self.automaton()?,
        )))
    }
}

/// A Levenshtein automaton that also requires the term's first character
/// (its UTF-8 bytes) unchanged.
struct SameStart {
    start: Vec<u8>,
    dfa: DfaWrapper,
}

/// The automaton's state after the bytes read: the Levenshtein state and how
/// many bytes of the first character matched; `None` once the first character
/// differs.
type SameStartState = Option<(u32, usize)>;

impl Automaton for SameStart {
    type State = SameStartState;

    fn start(&self) -> SameStartState {
        Some((self.dfa.start(), 0))
    }

    fn is_match(&self, state: &SameStartState) -> bool {
        state.is_some_and(|(dfa, read)| read >= self.start.len() && self.dfa.is_match(&dfa))
    }

    fn can_match(&self, state: &SameStartState) -> bool {
        state.is_some_and(|(dfa, _)| self.dfa.can_match(&dfa))
    }

    fn accept(&self, state: &SameStartState, byte: u8) -> SameStartState {
        let (dfa, read) = (*state)?;
        match self.start.get(read) {
            Some(&expected) if expected != byte => None,
            Some(_) => Some((self.dfa.accept(&dfa, byte), read + 1)),
            None => Some((self.dfa.accept(&dfa, byte), read)),
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
        let automaton = near.automaton().unwrap();
        let state = word
            .bytes()
            .fold(automaton.start(), |s, b| automaton.accept(&s, b));
        automaton.is_match(&state)
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
