//! Acronyms an article never defines but spells out elsewhere: "CFTC" beside
//! "the Commodity Futures Trading Commission, CFTC, said" (wire copy sets an
//! acronym off by commas, not brackets), or a later "AMC" in a story that opened
//! with "American Motors Corp". When the letters of an acronym are the initials of
//! exactly one organisation's name in the same article, the acronym is a mention
//! of that name.

use super::{OrgHit, same_words, words_in};
use crate::lexicon::{Lexicon, OrgWord};
use crate::text::{Case, Token};

/// Acronyms of fewer letters match too many names by chance ("EC", "GM").
const MIN_LETTERS: usize = 3;

/// Files each undefined acronym among `hits` under the one named organisation of
/// the article whose initials it spells ([`spells`]); an acronym that spells two
/// different names stays as it is.
pub(super) fn resolve(text: &str, tokens: &[Token], lex: &Lexicon, hits: &mut [OrgHit]) {
    for i in 0..hits.len() {
        let h = &hits[i];
        let t = &tokens[h.first];
        if h.first != h.last || h.known.is_some() || h.alias_of.is_some() || t.case != Case::Upper {
            continue;
        }
        let acronym = t.text(text).as_bytes();
        if acronym.len() < MIN_LETTERS || !acronym.iter().all(u8::is_ascii_uppercase) {
            continue;
        }
        let mut found: Option<usize> = None;
        for (j, n) in hits.iter().enumerate() {
            if n.last == n.first || n.alias_of.is_some() {
                continue;
            }
            // A name's first word gives the acronym's first letter (no name opens
            // with a small word), and most names start with another: settled
            // before the words are gathered.
            let words = words_in(text, tokens, (n.first, n.last));
            if words.clone().next().and_then(|w| w.bytes().next()) != Some(acronym[0]) {
                continue;
            }
            let words: Vec<&str> = words.collect();
            if !spells(acronym, &words, lex) {
                continue;
            }
            match found {
                None => found = Some(j),
                Some(f) => {
                    let f = &hits[f];
                    let same = match (f.known, n.known) {
                        (Some(a), Some(b)) => a == b,
                        (None, None) => {
                            same_words(text, tokens, (f.first, f.last), (n.first, n.last))
                        }
                        _ => false,
                    };
                    if !same {
                        found = None;
                        break;
                    }
                }
            }
        }
        if let Some(j) = found {
            let (known, first) = (hits[j].known, hits[j].first);
            let h = &mut hits[i];
            match known {
                Some(k) => h.known = Some(k),
                None => h.alias_of = Some(first),
            }
        }
    }
}

/// Whether `acronym` (ASCII capitals) is the initials of `words`: one letter for
/// each word, where a small word ("of", "and") and a legal form at the end ("Co",
/// "Corp") may give theirs or not ("Bank of England" is "BOE" or "BE", "American
/// Motors Corp" is "AMC" or "AM"). Every other word must give its first letter,
/// and at least two of them must.
fn spells(acronym: &[u8], words: &[&str], lex: &Lexicon) -> bool {
    let n = words.len();
    let optional = |k: usize| {
        let w = words[k];
        SMALL_WORDS.contains(&w)
            || (k + 1 == n && lex.org_words.get(w).copied() == Some(OrgWord::Suffix))
    };
    let required = (0..n).filter(|&k| !optional(k)).count();
    if required < 2 || acronym.len() < required || acronym.len() > n {
        return false;
    }
    // Words left to right against letters left to right; an optional word may be
    // passed over. Names are a few words long, so the search is small.
    fn walk(acronym: &[u8], words: &[&str], k: usize, optional: &dyn Fn(usize) -> bool) -> bool {
        if k == words.len() {
            return acronym.is_empty();
        }
        let initial = words[k].as_bytes()[0].to_ascii_uppercase();
        let take = acronym.first() == Some(&initial) && walk(&acronym[1..], words, k + 1, optional);
        take || (optional(k) && walk(acronym, words, k + 1, optional))
    }
    walk(acronym, words, 0, &optional)
}

/// Words inside a name that an acronym may leave out.
const SMALL_WORDS: [&str; 12] = [
    "of", "and", "&", "for", "the", "on", "in", "de", "du", "des", "la", "et",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    fn spelt(acronym: &str, name: &str) -> bool {
        let words: Vec<&str> = name.split(' ').collect();
        spells(acronym.as_bytes(), &words, &Extractor::global().lexicon)
    }

    #[test]
    fn initials_with_and_without_small_words_and_legal_forms() {
        assert!(spelt("CFTC", "Commodity Futures Trading Commission"));
        assert!(spelt("SEC", "Securities and Exchange Commission"));
        assert!(spelt("BOE", "Bank of England"));
        assert!(spelt("CBT", "Chicago Board of Trade"));
        assert!(spelt("AMC", "American Motors Corp"));
        assert!(spelt("AM", "American Motors Corp"));
        // Every word that is not small gives its letter, in order.
        assert!(!spelt("CFT", "Commodity Futures Trading Commission"));
        assert!(!spelt("FTC", "Commodity Futures Trading Commission"));
        assert!(!spelt("BOEX", "Bank of England"));
        // A legal form may be passed over only at the end; one word is no acronym's.
        assert!(!spelt("BA", "Bank America Corp Inc"));
        assert!(spelt("BAC", "Bank America Corp Inc"));
        assert!(!spelt("A", "Alcan"));
    }
}
