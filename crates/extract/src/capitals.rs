//! The capitalised words of a text, listed once: every rule that starts from a
//! capital (persons, organisation runs, the gazetteer of organisations, teams,
//! short names, acronyms, bare surnames) walks this list instead of every token.
//! Reuters runs at about one capitalised word in four tokens, so each of those
//! scans does a quarter of the work it did.

use crate::text::Token;

/// Lists, in order, the indices of the words not in lower case: the tokens that
/// carry lexicon flags, and a superset of those any capital rule starts from.
/// The tokenizer lists them as it pushes the words (`text::tokenize_into`); this
/// pass over the tokens is the definition its list is tested against.
#[cfg(test)]
pub(crate) fn list_into(tokens: &[Token], out: &mut Vec<usize>) {
    // Each index written, the length moved on only past a capitalised word: a
    // filter's branch would follow the text's capitals, which no predictor learns.
    out.clear();
    out.resize(tokens.len(), 0);
    let mut n = 0;
    for (k, t) in tokens.iter().enumerate() {
        out[n] = k;
        n += usize::from(crate::text::is_capital_word(t.kind, t.case));
    }
    out.truncate(n);
}

/// A walk over the list from left to right: the first capitalised word at or after
/// a token, for loops whose position only grows.
pub(crate) struct Cursor<'c> {
    /// The part of the list not yet passed: its head is the word last returned.
    rest: &'c [usize],
}

impl<'c> Cursor<'c> {
    pub fn new(list: &'c [usize]) -> Self {
        Cursor { rest: list }
    }

    /// The first capitalised word at token `i` or after it; `i` must not be less
    /// than in the call before.
    #[inline]
    pub fn from(&mut self, i: usize) -> Option<usize> {
        // The rest of the list as a shrinking slice: no index to test against its
        // length at each step, as the scans of every capitalised word take one.
        while let [k, tail @ ..] = self.rest {
            if *k >= i {
                return Some(*k);
            }
            self.rest = tail;
        }
        None
    }
}

/// The byte of a token of one byte (an ASCII character), read without slicing the
/// text: the punctuation tests of the capital rules ("." of an initial, "," before an
/// apposition, "(" before a country) run for every run of capitals.
#[inline]
pub(crate) fn one_byte(text: &str, t: &Token) -> Option<u8> {
    (t.end() - t.start() == 1).then(|| text.as_bytes()[t.start()])
}

/// A word's byte length as one bit of a set (lengths past 63 share the last bit):
/// a set of the lengths of a few known words rules out most others before any
/// comparison.
#[inline]
pub(crate) fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn lists_words_not_in_lower_case() {
        let text = "The envoy of NATO met Amir Khan in 2025, said Reuters.";
        let tokens = tokenize(text);
        let mut list = Vec::new();
        list_into(&tokens, &mut list);
        let words: Vec<&str> = list.iter().map(|&k| tokens[k].text(text)).collect();
        assert_eq!(words, ["The", "NATO", "Amir", "Khan", "Reuters"]);
        let mut c = Cursor::new(&list);
        assert_eq!(c.from(0), Some(0));
        assert_eq!(c.from(1).map(|k| tokens[k].text(text)), Some("NATO"));
        assert_eq!(c.from(4).map(|k| tokens[k].text(text)), Some("Amir"));
        assert_eq!(c.from(tokens.len()), None);
    }
}
