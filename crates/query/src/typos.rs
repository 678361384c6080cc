//! The automaton of a typo-tolerant word: the words within so many edits of it
//! (insertions, deletions, substitutions, and swaps of neighbours, one each: the
//! optimal string alignment distance of [`crate::edit_distance`]).
//!
//! tantivy's fuzzy query compiles a Levenshtein DFA for each word, from a
//! parametric automaton built once per process: for a word of nine letters or
//! more (two edits) that took 0.17 ms to build and 0.2 ms per field to compile,
//! a tenth of a whole `search query` process. This automaton needs no building:
//! it runs the word's Levenshtein NFA bit-parallel (Wu and Manber; Baeza-Yates
//! and Navarro), one 64-bit row of states per number of edits, so a step is a
//! few shifts and masks. The term dictionary walk visits few enough states for
//! that to cost less than the DFA's table lookups save.
//!
//! States: bit `i` of row `e` is set when the first `i` characters of the word
//! can be aligned with the text read so far at a cost of `e` edits.

use tantivy_fst::Automaton;

/// The largest distance the rows are kept for.
pub(crate) const MAX_DISTANCE: u8 = 2;
const ROWS: usize = MAX_DISTANCE as usize + 1;
/// Words of more characters have more states than a row holds. None can match:
/// the index drops tokens over 40 bytes, and two edits do not bridge the gap.
const MAX_CHARS: usize = 63;

/// A word and the edits it tolerates, as an automaton over UTF-8 bytes.
#[derive(Debug, Clone)]
pub(crate) struct Typos {
    /// Per ASCII character: bit `i` set when the word's character `i` is it.
    ascii: [u64; 128],
    /// The same for the word's other characters.
    other: Vec<(char, u64)>,
    /// The state "the whole word aligned".
    end: u64,
    /// States 0 to the word's length.
    all: u64,
    distance: usize,
}

/// The active states after the bytes read.
#[derive(Debug, Clone)]
pub(crate) struct TyposState {
    rows: [u64; ROWS],
    /// The rows before the last character, and that character's positions in the
    /// word: a swap spans two characters.
    before: [u64; ROWS],
    last: u64,
    /// A character being read: its bits so far and how many bytes are missing.
    partial: u32,
    missing: u8,
}

impl Typos {
    /// The automaton of `word` within `distance` edits (at most [`MAX_DISTANCE`]).
    pub fn new(word: &str, distance: u8) -> Typos {
        let distance = usize::from(distance.min(MAX_DISTANCE));
        let chars: Vec<char> = word.chars().collect();
        let mut typos = Typos {
            ascii: [0; 128],
            other: Vec::new(),
            end: 0,
            all: 0,
            distance,
        };
        if chars.len() > MAX_CHARS {
            // No states: matches nothing (see MAX_CHARS).
            return typos;
        }
        for (i, &c) in chars.iter().enumerate() {
            let bit = 1u64 << i;
            match c {
                c if c.is_ascii() => typos.ascii[c as usize] |= bit,
                c => match typos.other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, mask)) => *mask |= bit,
                    None => typos.other.push((c, bit)),
                },
            }
        }
        typos.end = 1 << chars.len();
        typos.all = u64::MAX >> (63 - chars.len());
        typos
    }

    /// The positions of `c` in the word.
    fn positions(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, mask)| mask)
        }
    }

    /// The states after reading character `c`.
    fn step(&self, s: &TyposState, c: char) -> TyposState {
        let at = self.positions(c);
        let mut rows = [0; ROWS];
        for e in 0..=self.distance {
            // The character matches the word's next one.
            let mut row = (s.rows[e] & at) << 1;
            if e > 0 {
                let fewer = s.rows[e - 1];
                // Inserted; substituted; a word character deleted (from this
                // step's row, so that deletions chain); two swapped.
                row |= fewer | (fewer << 1) | (rows[e - 1] << 1);
                row |= (s.before[e - 1] & at & (s.last >> 1)) << 2;
            }
            rows[e] = row & self.all;
        }
        TyposState {
            rows,
            before: s.rows,
            last: at,
            partial: 0,
            missing: 0,
        }
    }

    fn dead() -> TyposState {
        TyposState {
            rows: [0; ROWS],
            before: [0; ROWS],
            last: 0,
            partial: 0,
            missing: 0,
        }
    }
}

impl Automaton for Typos {
    type State = TyposState;

    fn start(&self) -> TyposState {
        let mut rows = [0; ROWS];
        for (e, row) in rows.iter_mut().enumerate().take(self.distance + 1) {
            // The word's first `e` characters deleted.
            *row = (u64::MAX >> (63 - e)) & self.all;
        }
        TyposState {
            rows,
            ..Typos::dead()
        }
    }

    fn is_match(&self, s: &TyposState) -> bool {
        s.missing == 0 && s.rows.iter().any(|row| row & self.end != 0)
    }

    fn can_match(&self, s: &TyposState) -> bool {
        // Any live state reaches the end by reading the rest of the word.
        s.rows.iter().any(|&row| row != 0)
    }

    fn accept(&self, s: &TyposState, byte: u8) -> TyposState {
        if s.missing > 0 {
            if byte & 0xC0 != 0x80 {
                return Typos::dead();
            }
            let partial = (s.partial << 6) | u32::from(byte & 0x3F);
            if s.missing > 1 {
                return TyposState {
                    partial,
                    missing: s.missing - 1,
                    ..s.clone()
                };
            }
            return match char::from_u32(partial) {
                Some(c) => self.step(s, c),
                None => Typos::dead(),
            };
        }
        let (partial, missing) = match byte {
            0x00..=0x7F => return self.step(s, char::from(byte)),
            0xC0..=0xDF => (byte & 0x1F, 1),
            0xE0..=0xEF => (byte & 0x0F, 2),
            0xF0..=0xF7 => (byte & 0x07, 3),
            _ => return Typos::dead(),
        };
        TyposState {
            partial: u32::from(partial),
            missing,
            ..s.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit_distance::within;
    use proptest::prelude::*;

    fn matches(word: &str, distance: u8, text: &str) -> bool {
        let typos = Typos::new(word, distance);
        let state = text.bytes().fold(typos.start(), |s, b| typos.accept(&s, b));
        typos.is_match(&state)
    }

    #[test]
    fn counts_each_kind_of_edit_once() {
        assert!(matches("stoltenberg", 2, "stoltenberg"));
        assert!(matches("stoltenberg", 2, "stoltneberg"), "a swap");
        assert!(matches("stoltenberg", 2, "stoltenbrg"), "a deletion");
        assert!(matches("stoltenberg", 2, "stolltenberg"), "an insertion");
        assert!(matches("stoltenberg", 2, "stoltenburg"), "a substitution");
        assert!(matches("stoltenberg", 2, "tsoltenbreg"), "two swaps");
        assert!(!matches("stoltenberg", 2, "stoltenbergers"), "three edits");
        assert!(matches("ab", 1, "ba"));
        assert!(!matches("ca", 2, "abc"), "optimal string alignment: 3");
        assert!(matches("muttaqī", 1, "muttaqi"));
        assert!(matches("муттаки", 1, "мутаки"));
        assert!(!matches("muttaqi", 0, "mutaqi"));
        assert!(matches("", 2, "ab") && !matches("", 1, "ab"));
    }

    #[test]
    fn a_word_longer_than_a_row_matches_nothing() {
        let long = "a".repeat(64);
        assert!(!matches(&long, 2, &long));
        let typos = Typos::new(&long, 2);
        assert!(!typos.can_match(&typos.start()));
    }

    #[test]
    fn prunes_once_no_state_is_left() {
        let typos = Typos::new("kabul", 1);
        let state = b"kx"
            .iter()
            .fold(typos.start(), |s, &b| typos.accept(&s, b));
        assert!(typos.can_match(&state), "kx -> kxabul is one edit away");
        let state = b"xyz".iter().fold(state, |s, &b| typos.accept(&s, b));
        assert!(!typos.can_match(&state));
    }

    proptest! {
        /// Agrees with the textbook distance on words over a small alphabet,
        /// where edits of every kind abound, multi-byte characters included.
        #[test]
        fn agrees_with_the_optimal_string_alignment_distance(
            word in "[abcé]{0,9}",
            text in "[abcé]{0,11}",
            distance in 0u8..=2,
        ) {
            let (w, t): (Vec<char>, Vec<char>) = (word.chars().collect(), text.chars().collect());
            prop_assert_eq!(
                matches(&word, distance, &text),
                within(&w, &t, usize::from(distance))
            );
        }

        /// Matches what tantivy's fuzzy query (with swaps costing one) matches,
        /// which it replaces.
        #[test]
        fn agrees_with_tantivys_levenshtein_dfa(
            word in "[abcé]{1,9}",
            text in "[abcé]{0,11}",
            distance in 1u8..=2,
        ) {
            use tantivy::query::FuzzyTermQuery;
            let field = tantivy::schema::Field::from_field_id(0);
            let term = tantivy::Term::from_field_text(field, &word);
            let dfa = FuzzyTermQuery::new(term, distance, true).automaton().unwrap();
            let state = text.bytes().fold(dfa.start(), |s, b| dfa.accept(&s, b));
            prop_assert_eq!(matches(&word, distance, &text), dfa.is_match(&state));
        }

        /// Every prefix of a matching text can still match.
        #[test]
        fn can_match_holds_along_matching_texts(
            word in "[abcé]{1,8}",
            text in "[abcé]{0,10}",
        ) {
            let typos = Typos::new(&word, 2);
            let mut state = typos.start();
            let mut alive = Vec::new();
            for b in text.bytes() {
                alive.push(typos.can_match(&state));
                state = typos.accept(&state, b);
            }
            if typos.is_match(&state) {
                prop_assert!(alive.iter().all(|&a| a));
            }
        }
    }
}
