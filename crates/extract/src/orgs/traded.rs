//! Companies known by their shares: a capitalised word that no list knows, named
//! as what is traded or owned ("shares of Zenith", "a stake in Ingwe", "Niugini
//! shares rose"), is a company, and so is the same word alone elsewhere in the
//! article ("Zenith said ..."). Where the article names an organisation whose
//! first word it is ("Equity Silver Mines Ltd" ... "a stake in Equity"), it is a
//! short name of that one.
//!
//! Only a word standing alone (no capitalised word beside it: "Class A shares",
//! "Hong Kong shares" and persons' names are runs) that is no place, month or
//! weekday and that the lexicon does not know (a given name, a title, a common
//! capitalised word). After the word, "shares" or "stock" must be followed by a
//! price's move ("Smith shares his view" names nobody's stock).

use super::{Core, Key, OrgHit};
use crate::lexicon::{Words, month, weekday};
use crate::text::{Case, Kind, Token, is, is_capital_word, lower_word_in, possessive_at};

/// What is held of a company, before "of"/"in" and its name.
const HELD: Words = Words::new(&["shares", "stake", "stakes", "stock"]);

/// What is traded of a company, after its name.
const TRADED: Words = Words::new(&["shares", "stock"]);

/// A price's move, after "X shares" / "X stock".
const MOVES: Words = Words::new(&[
    "rose", "fell", "gained", "lost", "jumped", "dropped", "slipped", "climbed", "surged",
    "soared", "plunged", "tumbled", "eased", "edged", "firmed", "rallied", "slumped", "advanced",
    "declined", "closed", "ended", "were", "rise", "fall", "gain", "jump", "drop", "slip", "climb",
    "surge", "soar", "plunge", "tumble", "ease", "rally", "slump", "advance", "decline",
]);

/// Appends the mentions of companies named by their shares, and the first word
/// of a longer name found (`kept`) as its short name (`cores`).
pub(super) fn find(
    text: &str,
    tokens: &[Token],
    caps: &[usize],
    is_place: &[bool],
    flags: &[u8],
    cores: &mut Vec<Core>,
    kept: &mut Vec<OrgHit>,
) {
    let mut names: Vec<&str> = Vec::new();
    for &k in caps {
        // The verdicts already made, then the cue around the word, and only then
        // the word itself: reading it first for every capitalised word cost 2.5%
        // of extraction.
        if unmarked(tokens, is_place, flags, k)
            && (held_before(text, tokens, k) || traded_after(text, tokens, k))
            && unlisted(text, tokens, k)
            && alone(text, tokens, k)
        {
            let w = tokens[k].text(text);
            if !names.contains(&w) {
                names.push(w);
            }
        }
    }
    if names.is_empty() {
        return;
    }
    for h in kept.iter() {
        let first = &tokens[h.first];
        let words = tokens[h.first..=h.last]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .count();
        if words >= 2 && first.kind == Kind::Word && names.contains(&first.text(text)) {
            let short = (h.first, h.first);
            let key = h.known.map_or(Key::Words(h.first, h.last), Key::Known);
            if !cores
                .iter()
                .any(|c| super::same_words(text, tokens, c.0, short))
            {
                cores.push((short, key));
            }
        }
    }
    for &k in caps {
        let covered = |k: usize| kept.iter().any(|h| h.first <= k && k <= h.last);
        if names.contains(&tokens[k].text(text))
            && unmarked(tokens, is_place, flags, k)
            && unlisted(text, tokens, k)
            && alone(text, tokens, k)
            && !covered(k)
        {
            kept.push(OrgHit {
                first: k,
                last: k,
                known: None,
                alias_of: None,
            });
        }
    }
}

/// "shares of", "a stake in (the)" right before token `k`.
fn held_before(text: &str, tokens: &[Token], k: usize) -> bool {
    let Some(mut j) = k.checked_sub(1) else {
        return false;
    };
    if is(tokens, text, j, "the") {
        let Some(before) = j.checked_sub(1) else {
            return false;
        };
        j = before;
    }
    (is(tokens, text, j, "of") || is(tokens, text, j, "in"))
        && j.checked_sub(1)
            .is_some_and(|h| lower_word_in(tokens, text, Some(h), &HELD))
}

/// "shares rose", "'s stock fell" right after token `k`.
fn traded_after(text: &str, tokens: &[Token], k: usize) -> bool {
    let n = if possessive_at(tokens, text, k + 1) {
        k + 3
    } else {
        k + 1
    };
    lower_word_in(tokens, text, Some(n), &TRADED)
        && lower_word_in(tokens, text, Some(n + 1), &MOVES)
}

/// Capitalised words before "shares" that name a kind of share or a sector, not a
/// company ("Registered shares were less affected", "Oil shares rose").
const NOT_COMPANIES: Words = Words::new(&[
    "Registered",
    "Ordinary",
    "Preferred",
    "Preference",
    "Common",
    "Bearer",
    "Class",
    "Series",
    "Voting",
    "Deferred",
    "Convertible",
    "Participation",
    "Founders",
    "Treasury",
    "Bank",
    "Banking",
    "Oil",
    "Gold",
    "Mining",
    "Insurance",
    "Property",
    "Steel",
    "Airline",
    "Utility",
    "Technology",
    "Industrial",
    "Chemical",
    "Energy",
    "Retail",
    "Tobacco",
    "Blue",
    "Computer",
    "Engineering",
    "Shipping",
    "Transport",
    "Motor",
    "Construction",
    "Textile",
    "Paper",
    "Food",
    "Drug",
    "Health",
    "Media",
    "Defence",
    "Defense",
    "Leisure",
    "Metal",
    "Metals",
    "Financial",
    "Foreign",
    "Domestic",
    "Local",
    "Overseas",
    "Secondary",
    "Other",
    "Some",
    "Most",
    "Many",
    "Such",
    "Those",
    "These",
    "All",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
]);

/// Whether token `k` is a word in title case that the lexicon and the places
/// passed over: verdicts already made, one load each, which rule out most
/// capitalised words before anything is read.
fn unmarked(tokens: &[Token], is_place: &[bool], flags: &[u8], k: usize) -> bool {
    let t = &tokens[k];
    flags[k] == 0 && !is_place[k] && t.kind == Kind::Word && t.case == Case::Title
}

/// Whether word `k` may be a company's name as written: no hyphen, not in a
/// headline, three letters or more, no month, weekday or kind of share.
fn unlisted(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    let w = t.text(text);
    !t.hyphen
        && !t.headline
        && w.len() >= 3
        && w.as_bytes()[0].is_ascii_uppercase()
        && month(w).is_none()
        && weekday(w).is_none()
        && !NOT_COMPANIES.contains(w)
}

/// Whether token `k` stands alone, no word of a longer name beside it.
fn alone(text: &str, tokens: &[Token], k: usize) -> bool {
    !joined_before(text, tokens, k) && !joined_after(text, tokens, k)
}

/// Whether token `n` is a capitalised word on the line of token `k` (`n` after `k`).
fn capital_on_line(tokens: &[Token], k: usize, n: usize) -> bool {
    tokens.get(n).is_some_and(|x| {
        is_capital_word(x.kind, x.case) && !tokens[k + 1..=n].iter().any(|t| t.line_start)
    })
}

/// A name's word before token `k`: a capitalised word, or one before "&"/"and"
/// ("Harper and Row").
fn joined_before(text: &str, tokens: &[Token], k: usize) -> bool {
    if k == 0 || tokens[k].line_start {
        return false;
    }
    let p = &tokens[k - 1];
    is_capital_word(p.kind, p.case)
        || (matches!(p.text(text), "&" | "and")
            && !p.line_start
            && k >= 2
            && is_capital_word(tokens[k - 2].kind, tokens[k - 2].case))
}

/// A name's word after token `k`: a capitalised word, also past "&"/"and", an
/// apostrophe or a possessive ("Heck's Inc", "Pay 'N Pak").
fn joined_after(text: &str, tokens: &[Token], k: usize) -> bool {
    let n = if possessive_at(tokens, text, k + 1) {
        k + 3
    } else if tokens
        .get(k + 1)
        .is_some_and(|t| matches!(t.text(text), "&" | "and" | "'" | "’"))
    {
        k + 2
    } else {
        k + 1
    };
    capital_on_line(tokens, k, n)
}

#[cfg(test)]
mod tests {
    use crate::tests::ex;

    fn orgs(text: &str) -> Vec<(String, usize)> {
        ex(text)
            .organizations
            .iter()
            .map(|o| (o.name.clone(), o.mentions.len()))
            .collect()
    }

    #[test]
    fn a_word_named_by_its_shares_is_a_company_with_its_other_mentions() {
        assert_eq!(
            orgs(
                "Following the announcement, Zenith's stock soared $5. LG bought a \
                 majority stake in Zenith last year. Zenith said it would hire."
            ),
            [("Zenith".to_string(), 3), ("LG".to_string(), 1)]
        );
        assert_eq!(
            orgs("Investors sold shares of Ingwe on Friday, and Ingwe fell again."),
            [("Ingwe".to_string(), 2)]
        );
        assert_eq!(
            orgs("Traders said Niugini shares rose 10 cents on the bid."),
            [("Niugini".to_string(), 1)]
        );
        // The first word of a name the article gives is its short name.
        assert_eq!(
            orgs(
                "Equity Silver Mines Ltd said Placer raised its stake in Equity to 74 pct. \
                 Equity said the sale closed."
            ),
            [("Equity Silver Mines Ltd".to_string(), 3)]
        );
    }

    #[test]
    fn places_runs_months_and_verbs_are_no_company() {
        for (text, not) in [
            (
                "Tokyo shares rose after a stake in Japan was sold.",
                "Tokyo",
            ),
            (
                "Class A shares rose, and shares of Hong Kong banks fell.",
                "Class",
            ),
            ("Douglas & Lomason shares rose on the merger.", "Lomason"),
            ("Harper and Row's stock closed lower.", "Row"),
            ("Registered shares were less affected.", "Registered"),
            ("It said 200 shares of Heck's Inc were sold.", "Heck"),
            ("Bilzerian has a stake in Pay 'N Pak Stores.", "Pay"),
            ("Analysts expect shares in January to fall.", "January"),
            (
                "Smith shares his view, and Baker shares the concern.",
                "Smith",
            ),
        ] {
            let found = orgs(text);
            assert!(found.iter().all(|(n, _)| n != not), "{text}: {found:?}");
        }
    }
}
