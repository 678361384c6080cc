//! Organisations: movements and governments, international bodies, ministries,
//! parties, media and companies, each under the fullest form of its name in the
//! article with its later short forms and acronyms as mentions.
//!
//! Four sources, longest span first where they overlap:
//! - the shipped gazetteer of well-known organisations (`data/organizations.tsv`),
//!   matched from tokens whose word opens one of its names;
//! - runs of capitalised words that hold an organisation word: a legal form at the
//!   end ("Gencor Ltd", "Merrill Lynch and Co Inc"), a head noun ("Finance Ministry",
//!   "Bank of England", "Christian Democratic Union") or a leading word ("Banque
//!   Paribas"); "of"/"for" continue a name after its head;
//! - acronyms: one defined in brackets after a name ("... West African States
//!   (ECOWAS)"), and an all-capital word of two to six letters on a line in mixed case
//!   that is no place and no common abbreviation.
//! - a word no list knows, named by its shares ("shares of Zenith", "a stake in
//!   Ingwe", "Niugini shares rose"), with its other mentions (`traded`).
//!
//! Then, within the article: the short name of a company (the words before its legal
//! form) and a defined acronym are mentions of the full name.

mod camel;
mod gazetteer;
mod initials;
mod leading;
mod owner;
mod runs;
mod traded;

pub(crate) use gazetteer::Gazetteer;
pub(crate) use leading::claim_persons;
pub(crate) use owner::qualify;

use crate::lexicon::{Lexicon, MODIFIER, ORG_HEAD, OrgWord, STOP, TITLE};
use crate::text::{Case, Kind, Token, collapse_spaces, is_capital_word};
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// An organisation mention before grouping: its token range and what it stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OrgHit {
    pub first: usize,
    pub last: usize,
    /// The gazetteer entry's index, when the mention is a known organisation.
    pub known: Option<u16>,
    /// For an acronym defined in brackets: the first token of the name it stands for.
    pub alias_of: Option<usize>,
}

/// A short name (a company's words before its legal form, the first word of a
/// company's name), as the token range that holds its words, and the grouping key
/// of the full name it stands for.
pub(crate) type Core = ((usize, usize), Key);

/// What mentions are grouped by: a known organisation's entry, or the words of a
/// token range (compared word by word, not by position).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    Known(u16),
    Words(usize, usize),
}

/// The words of tokens `first..=last`, punctuation left out.
pub(crate) fn words_in<'t>(
    text: &'t str,
    tokens: &'t [Token],
    (first, last): (usize, usize),
) -> impl Iterator<Item = &'t str> + Clone {
    tokens[first..=last]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(move |t| t.text(text))
}

/// A hash of the words of a token range: two ranges with different hashes hold
/// different words.
fn words_hash(text: &str, tokens: &[Token], range: (usize, usize)) -> u64 {
    let mut h = FxHasher::default();
    for w in words_in(text, tokens, range) {
        h.write(w.as_bytes());
        // No byte of UTF-8 text: words stay apart.
        h.write_u8(0xff);
    }
    h.finish()
}

/// Whether two token ranges hold the same words.
fn same_words(text: &str, tokens: &[Token], a: (usize, usize), b: (usize, usize)) -> bool {
    words_in(text, tokens, a).eq(words_in(text, tokens, b))
}

impl Key {
    fn same(self, other: Key, text: &str, tokens: &[Token]) -> bool {
        match (self, other) {
            (Key::Known(a), Key::Known(b)) => a == b,
            (Key::Words(a, b), Key::Words(c, d)) => {
                (a, b) == (c, d) || same_words(text, tokens, (a, b), (c, d))
            }
            _ => false,
        }
    }
}

/// Organisations of one article: (name, mention spans, whether the shipped list
/// knows it), in order of first mention.
pub(crate) type Resolved = Vec<(String, Vec<(usize, usize)>, bool)>;

/// Abbreviations in capitals that name no organisation.
const NOT_ACRONYMS: &[&str] = &[
    "CEO", "CFO", "COO", "GMT", "EST", "EDT", "CST", "PST", "AM", "PM", "TV", "OK", "USD", "GDP",
    "GNP", "VAT", "CD", "CDS", "DM", "DLR", "DLRS", "MLN", "BLN", "PCT", "NB", "II", "III", "IV",
    "VI", "VII", "VIII", "IX", "XI", "XII", "AD", "BC", "ID", "PC", "UK", "USA", "US", "HIV",
    "AIDS", "DNA", "FOB", "CIF", "LBO", "IPO", "ECU", "SDR", "RPT", "NOTE", "ET", "MP", "MPS",
    "PR", "QC", "CPI", "PPI", "GSP", "ADR", "ADRS", "EPS", "OTC", "THE", "AND", "FOR", "NEW",
    "SAYS", "SAID", "WILL", "NOT", "MAY", "JUNE", "JULY", "LTD", "INC", "CORP", "CO", "MR", "MRS",
    "MS", "DR", "JR", "SR", "ST", "KM", "KG", "LB", "LBS", "FT", "MM", "TO", "OF", "IN", "ON",
    "AT", "BY", "OR", "AN", "IT", "IS", "BE", "WE", "NO", "SO", "UP", "TONS", "TONNES", "YR",
    "QTR", "SHR", "REVS", "NET", "AVG", "SHRS", "MTHS", "VS", "FY", "LT", "YTD", "CTS",
    // Interbank rates, not their banks.
    "LIBOR", "LIBID", "LIMEAN", "PIBOR", "FIBOR", "HIBOR", "SIBOR", "TIBOR",
    // A bank's legal form ("Citibank NA", national association), not a name.
    "NA",
];

/// [`NOT_ACRONYMS`] as numbers ([`packed`]), sorted: a binary search of eight
/// steps, where a scan of the list compared some 750 instructions' worth for every
/// candidate acronym (a fortieth of the stage, over Reuters).
const NOT_ACRONYMS_PACKED: [u64; NOT_ACRONYMS.len()] = {
    let mut out = [0; NOT_ACRONYMS.len()];
    let mut i = 0;
    while i < out.len() {
        // Insertion sort: a const fn has no `sort`.
        let x = packed(NOT_ACRONYMS[i].as_bytes());
        let mut j = i;
        while j > 0 && out[j - 1] > x {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = x;
        i += 1;
    }
    out
};

/// A word of up to eight bytes as a number, its bytes in order from the lowest:
/// two words without a zero byte are equal when their numbers are.
const fn packed(w: &[u8]) -> u64 {
    assert!(w.len() <= 8);
    let mut x = 0;
    let mut i = 0;
    while i < w.len() {
        x |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    x
}

/// Whether a word of up to eight bytes is one of [`NOT_ACRONYMS`].
fn not_acronym(w: &str) -> bool {
    NOT_ACRONYMS_PACKED
        .binary_search(&packed(w.as_bytes()))
        .is_ok()
}

/// Whether an all-capital word is a credit rating ("AAA", "BB", "CCC"): one of the
/// letters A to C, repeated; "ABC" and "CBC" stay names.
fn is_rating(w: &str) -> bool {
    let b = w.as_bytes();
    (2..=3).contains(&b.len()) && matches!(b[0], b'A'..=b'C') && b.iter().all(|&c| c == b[0])
}

/// The working lists of one text, kept for the next text on the thread: fresh
/// ones cost an allocation each, and most for the candidate mentions, whose room
/// for what most articles hold (32) is past the allocator's small sizes.
#[derive(Default)]
struct Scratch {
    /// Every candidate mention, overlapping.
    hits: Vec<OrgHit>,
    cores: Vec<Core>,
    /// The short names' ranges, first words and numbers of words (`runs::short_names`).
    shorts: Vec<runs::Short>,
    /// The grouping key of each of `group`'s groups, with its hash.
    keys: Vec<(Key, u64)>,
    /// The hash of each core's words (`group`).
    core_hashes: Vec<u64>,
}

/// Finds and groups the organisations of one text; also returns the token ranges of
/// every mention, so that the person rules can leave them be.
pub(crate) fn find(
    text: &str,
    tokens: &[Token],
    caps: &[usize],
    is_place: &[bool],
    flags: &[u8],
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> (Resolved, Vec<OrgHit>) {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    crate::with_scratch(&SCRATCH, |scratch| {
        find_with((text, tokens, caps, is_place, flags, lex, gaz), scratch)
    })
}

type Input<'a> = (
    &'a str,
    &'a [Token],
    &'a [usize],
    &'a [bool],
    &'a [u8],
    &'a Lexicon,
    &'a Gazetteer,
);

fn find_with(
    (text, tokens, caps, is_place, flags, lex, gaz): Input,
    scratch: &mut Scratch,
) -> (Resolved, Vec<OrgHit>) {
    let Scratch {
        hits,
        cores,
        shorts,
        keys,
        core_hashes,
    } = scratch;
    hits.clear();
    cores.clear();
    gaz.find(text, tokens, caps, flags, hits);
    runs::find(text, tokens, caps, is_place, flags, lex, hits, cores);
    // Longest first where two overlap.
    hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
    let mut kept: Vec<OrgHit> = Vec::with_capacity(hits.len());
    for &h in hits.iter() {
        match kept.last_mut() {
            Some(k) if h.first <= k.last => {
                // "Merrill Lynch and Co Inc" is the known "Merrill Lynch": a known name
                // with only legal forms and heads after it.
                let legal = (h.last + 1..=k.last).all(|m| {
                    tokens[m].kind != Kind::Word
                        || matches!(tokens[m].text(text), "and" | "&")
                        || lex.org_words.contains_key(tokens[m].text(text))
                });
                if k.known.is_none() && h.known.is_some() && h.first == k.first && legal {
                    k.known = h.known;
                }
            }
            _ => kept.push(h),
        }
    }
    // The first word of a known name of two or more ("Merrill" of "Merrill Lynch",
    // "Salomon" of "Salomon Brothers Inc") alone later is the same organisation,
    // unless it is a common word, a title, a place or an organisation word. (Not of
    // any name: "Dole" of "Dole Congress" is a person.)
    for h in kept.iter().filter(|h| h.known.is_some()) {
        let t = &tokens[h.first];
        let words = tokens[h.first..=h.last]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .count();
        if words >= 2
            && t.kind == Kind::Word
            && t.case == Case::Title
            && flags[h.first] & (STOP | TITLE | MODIFIER | ORG_HEAD) == 0
            && !is_place[h.first]
            && let Some(known) = h.known
        {
            let short = (h.first, h.first);
            if !cores.iter().any(|c| same_words(text, tokens, c.0, short)) {
                cores.push((short, Key::Known(known)));
            }
        }
    }
    traded::find(text, tokens, caps, is_place, flags, cores, &mut kept);
    runs::short_names(text, tokens, caps, cores, shorts, &mut kept);
    runs::teams(text, tokens, caps, flags, &mut kept);
    kept.sort_by_key(|h| h.first);
    // Acronyms: defined in brackets after a name, or standing alone.
    let n_named = kept.len();
    // The named mentions do not overlap (each was kept only clear of the others),
    // so in order of `first` their ends grow too: the first that ends at or after
    // a word is the only one that may hold it, and it moves only forward.
    let mut named = 0;
    for &k in caps {
        let t = &tokens[k];
        // Only words are in upper case; a word in title case may be a company's
        // name written in one ("SpaceX", `camel`), unless the lexicon knows it (a
        // given name, a title, a place's first word).
        let camel = t.case == Case::Title
            && flags[k] == 0
            && !t.hyphen
            && camel::is_camel_case_name(t.text(text));
        if (t.case != Case::Upper && !camel) || t.caps_line || is_place[k] {
            continue;
        }
        let w = t.text(text);
        while named < n_named && kept[named].last < k {
            named += 1;
        }
        if named < n_named && kept[named].first <= k {
            continue;
        }
        if camel {
            // Alone: beside another capitalised word it is part of a longer name,
            // a person's ("JaMarcus Russell") or one the other rules judge.
            let cap_at = |n: usize| {
                tokens
                    .get(n)
                    .is_some_and(|x| is_capital_word(x.kind, x.case))
            };
            let joined_before = k > 0 && cap_at(k - 1) && !t.line_start;
            let joined_after = cap_at(k + 1) && !tokens[k + 1].line_start;
            let alone = !joined_before && !joined_after;
            // A legal form alone ("GmbH") names nobody.
            let legal = lex.org_words.get(w).copied() == Some(OrgWord::Suffix);
            if alone && !legal {
                kept.push(OrgHit {
                    first: k,
                    last: k,
                    known: None,
                    alias_of: None,
                });
            }
            continue;
        }
        if w.len() > 8 {
            continue;
        }
        // A word glued to punctuation other than brackets and quotes is a code
        // ("<RHON.PA>", "BRT/USD"), not a name.
        let glued = |n: &Token| {
            n.kind == Kind::Punct
                && !matches!(n.text(text), "(" | ")" | "\"" | "'" | "," | "“" | "”")
        };
        if k.checked_sub(1)
            .is_some_and(|p| tokens[p].end() == t.start() && glued(&tokens[p]))
            || tokens
                .get(k + 1)
                .is_some_and(|n| n.start() == t.end() && glued(n) && n.text(text) != ".")
        {
            continue;
        }
        // Prose around it: an all-capital word among capitals is a heading, a label
        // or a table's, not an organisation's.
        let mut lower_near = 0;
        let mut m = k;
        while m > 0 && k - m < 4 && !tokens[m].line_start {
            m -= 1;
            lower_near += usize::from(tokens[m].case == Case::Lower);
        }
        for n in tokens[k + 1..].iter().take(4).take_while(|n| !n.line_start) {
            lower_near += usize::from(n.case == Case::Lower);
        }
        let caps_beside = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .any(|n| {
                tokens
                    .get(n)
                    .is_some_and(|t| t.kind == Kind::Word && t.case == Case::Upper)
            });
        if lower_near == 0 || caps_beside {
            continue;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if !(2..=6).contains(&letters) || not_acronym(w) || is_rating(w) {
            continue;
        }
        // "(ECOWAS)" right after an organisation's name.
        let in_brackets = k >= 2
            && tokens[k - 1].text(text) == "("
            && tokens.get(k + 1).is_some_and(|n| n.text(text) == ")");
        let defined = kept[..n_named]
            .iter()
            .find(|h| in_brackets && h.last + 2 == k)
            .map(|h| (h.first, h.known));
        kept.push(OrgHit {
            first: k,
            last: k,
            known: defined.and_then(|d| d.1),
            alias_of: defined.filter(|d| d.1.is_none()).map(|d| d.0),
        });
    }
    kept.sort_by_key(|h| h.first);
    // A later acronym that was defined once is the same organisation.
    let defs: Vec<(&str, usize)> = kept
        .iter()
        .filter_map(|h| h.alias_of.map(|a| (tokens[h.first].text(text), a)))
        .collect();
    for h in &mut kept {
        if h.alias_of.is_none() && h.known.is_none() && h.first == h.last {
            let w = tokens[h.first].text(text);
            h.alias_of = defs.iter().find(|d| d.0 == w).map(|d| d.1);
        }
    }
    initials::resolve(text, tokens, lex, &mut kept);
    let resolved = group(text, tokens, gaz, &kept, cores, keys, core_hashes);
    (resolved, kept)
}

/// Groups the mentions: a known organisation under its gazetteer name; a company's
/// short name or a defined acronym under the full name it stands for; the rest by
/// their words.
#[allow(clippy::too_many_arguments)]
fn group(
    text: &str,
    tokens: &[Token],
    gaz: &Gazetteer,
    hits: &[OrgHit],
    cores: &[Core],
    keys: &mut Vec<(Key, u64)>,
    core_hashes: &mut Vec<u64>,
) -> Resolved {
    // Words keys are compared by a hash of their words first: most pairs differ
    // there, and only equal hashes are compared word by word.
    let hash_of = |key: Key| match key {
        Key::Known(_) => 0,
        Key::Words(a, b) => words_hash(text, tokens, (a, b)),
    };
    core_hashes.clear();
    core_hashes.extend(cores.iter().map(|c| words_hash(text, tokens, c.0)));
    let key_of = |h: &OrgHit| -> (Key, u64) {
        if let Some(i) = h.known {
            return (Key::Known(i), 0);
        }
        let range = (h.first, h.last);
        let hash = words_hash(text, tokens, range);
        match cores
            .iter()
            .zip(core_hashes.iter())
            .find(|&(c, &ch)| ch == hash && same_words(text, tokens, c.0, range))
        {
            Some((c, _)) => (c.1, hash_of(c.1)),
            None => (Key::Words(h.first, h.last), hash),
        }
    };
    // The groups, (name shown, spans, known), and beside them their keys.
    let mut out: Resolved = Vec::with_capacity(hits.len());
    keys.clear();
    for h in hits {
        let span = (tokens[h.first].start(), tokens[h.last].end());
        let (key, hash) = match h.alias_of.and_then(|a| hits.iter().find(|x| x.first == a)) {
            Some(full) => key_of(full),
            None => key_of(h),
        };
        let known = match key {
            Key::Known(i) => Some(i),
            Key::Words(..) => None,
        };
        let display = || match known {
            Some(i) => gaz.name(i).to_string(),
            None => collapse_spaces(&text[span.0..span.1]),
        };
        // A short form or an acronym never names the organisation over its full name.
        let alias = h.alias_of.is_some() || !key.same(Key::Words(h.first, h.last), text, tokens);
        match keys
            .iter()
            .position(|&(k, kh)| kh == hash && k.same(key, text, tokens))
        {
            Some(g) => {
                let (name, spans, _) = &mut out[g];
                spans.push(span);
                // The fullest form names the organisation.
                if known.is_none() && !alias && collapsed_len(&text[span.0..span.1]) > name.len() {
                    *name = display();
                }
            }
            None => {
                keys.push((key, hash));
                out.push((display(), crate::first_of_few(span), known.is_some()));
            }
        }
    }
    for (_, spans, _) in &mut out {
        spans.sort_unstable();
    }
    out
}

/// The length of `collapse_spaces(s)`, without making it.
fn collapsed_len(s: &str) -> usize {
    let (mut len, mut pieces) = (0, 0);
    for p in s.split_whitespace() {
        len += p.len();
        pieces += 1;
    }
    len + pieces.max(1) - 1
}

#[cfg(test)]
mod tests {
    use crate::Entities;
    use crate::tests::{ex, persons};

    fn orgs(e: &Entities) -> Vec<&str> {
        e.organizations.iter().map(|o| o.name.as_str()).collect()
    }

    fn org_mentions<'e>(e: &'e Entities, name: &str) -> Vec<&'e str> {
        e.organizations
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.mentions.iter().map(|m| m.text.as_str()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn known_organisations_and_their_aliases() {
        let e = ex(
            "The Taliban told the United Nations and NATO that the U.N. mission \
                    could stay, TOLOnews reported. The Islamic Emirate said so too.",
        );
        assert_eq!(orgs(&e), ["Taliban", "United Nations", "NATO", "TOLOnews"]);
        assert_eq!(org_mentions(&e, "Taliban"), ["Taliban", "Islamic Emirate"]);
        assert_eq!(
            org_mentions(&e, "United Nations"),
            ["United Nations", "U.N."]
        );
    }

    #[test]
    fn companies_by_legal_form_and_their_short_names() {
        let e = ex(
            "Gencor Ltd raised its bid for Impala Platinum Holdings. Gencor said \
                    analysts at Merrill Lynch and Co Inc agreed, as did Kia Motor Corp of \
                    South Korea.",
        );
        assert_eq!(
            orgs(&e),
            [
                "Gencor Ltd",
                "Impala Platinum Holdings",
                "Merrill Lynch",
                "Kia Motor Corp"
            ]
        );
        assert_eq!(org_mentions(&e, "Gencor Ltd"), ["Gencor Ltd", "Gencor"]);
        assert!(persons(&e).is_empty(), "{:?}", persons(&e));
    }

    #[test]
    fn a_company_name_may_start_with_a_title_word() {
        let e = ex(
            "General Mills Inc said it sold a unit to Premier Industrial Corp, and \
                    General Motors officials met Major Realty Corp in Orlando. Colonel \
                    Harland Sanders told General Mills he agreed.",
        );
        assert_eq!(
            orgs(&e),
            [
                "General Mills Inc",
                "Premier Industrial Corp",
                "General Motors",
                "Major Realty Corp"
            ]
        );
        assert_eq!(
            org_mentions(&e, "General Mills Inc"),
            ["General Mills Inc", "General Mills"]
        );
        assert_eq!(persons(&e), ["Harland Sanders"]);
    }

    #[test]
    fn an_acronym_spelling_one_name_of_the_article_is_a_mention_of_it() {
        let e = ex(
            "The Commodity Futures Trading Commission, CFTC, said American Motors Corp \
                    may trade on the exchange. An AMC spokesman agreed, and the CFTC and \
                    the OMB will rule, said Chicago Mercantile Exchange officials.",
        );
        assert_eq!(
            orgs(&e),
            [
                "Commodity Futures Trading Commission",
                "American Motors Corp",
                "OMB",
                "Chicago Mercantile Exchange"
            ]
        );
        assert_eq!(
            org_mentions(&e, "Commodity Futures Trading Commission"),
            ["Commodity Futures Trading Commission", "CFTC", "CFTC"]
        );
        assert_eq!(
            org_mentions(&e, "American Motors Corp"),
            ["American Motors Corp", "AMC"]
        );
        // Two names of one set of initials: the acronym names neither.
        let e = ex(
            "The International Coffee Organization and the International Cocoa \
                    Organization met in London, where ICO delegates spoke.",
        );
        assert_eq!(
            orgs(&e),
            [
                "International Coffee Organization",
                "International Cocoa Organization",
                "ICO"
            ]
        );
        // Interbank rates are not banks.
        assert!(orgs(&ex("Rates rose above LIBOR, dealers said.")).is_empty());
    }

    #[test]
    fn a_person_named_only_by_a_companys_first_words_is_the_company() {
        let e = ex(
            "Alcan Aluminium Ltd is closing its smelter. Spokesman Fernand Leclerc \
                    said Alcan decided to sell. Analysts at James Capel and Co agreed, and \
                    James Capel said Gerald Ford of Ford Motor Co would buy; Ford declined.",
        );
        assert_eq!(persons(&e), ["Fernand Leclerc", "Gerald Ford"]);
        assert_eq!(
            org_mentions(&e, "Alcan Aluminium Ltd"),
            ["Alcan Aluminium Ltd", "Alcan"]
        );
        assert_eq!(
            org_mentions(&e, "James Capel and Co"),
            ["James Capel and Co", "James Capel"]
        );
    }

    #[test]
    fn a_company_written_in_one_word_with_a_capital_inside() {
        let e = ex(
            "OpenAI chief executive Sam Altman said SpaceX and BlackRock agreed. A \
                    spokesman for McDonald said GmbH rules apply to JaMarcus Russell.",
        );
        assert_eq!(orgs(&e), ["OpenAI", "SpaceX", "BlackRock"]);
        assert_eq!(persons(&e), ["Sam Altman", "McDonald"]);
    }

    #[test]
    fn offices_parties_and_defined_acronyms() {
        let e = ex(
            "Bonn Finance Ministry officials met the Bank of England and leaders of \
                    the Afghan Independent Bar Association (AIBA) and the \
                    Christian Democratic Union. Later AIBA said Finance Minister Gerhard \
                    Stoltenberg agreed.",
        );
        assert_eq!(
            orgs(&e),
            [
                "Finance Ministry",
                "Bank of England",
                "Afghan Independent Bar Association",
                "Christian Democratic Union"
            ]
        );
        assert_eq!(
            org_mentions(&e, "Afghan Independent Bar Association"),
            ["Afghan Independent Bar Association", "AIBA", "AIBA"]
        );
        assert_eq!(persons(&e), ["Gerhard Stoltenberg"]);
    }

    #[test]
    fn words_before_a_modifier_stay_in_a_company_or_a_board() {
        // "Energy", "Oil", "Home" modify titles ("Energy Minister"); before an
        // office's modifier a place is cut off ("Bonn Finance Ministry"), but a
        // company's own name and an office's generic adjective are not.
        let e = ex(
            "Centerior Energy Corp agreed. Shares of Standard Oil Co rose, the \
                    Federal Home Loan Bank Board said.",
        );
        assert_eq!(
            orgs(&e),
            [
                "Centerior Energy Corp",
                "Standard Oil Co",
                "Federal Home Loan Bank Board"
            ]
        );
    }

    #[test]
    fn an_offices_two_fields_joined_by_and_are_one_name() {
        let e = ex(
            "The House Ways and Means Committee, the Oil and Energy Ministry and \
                    the Securities and Investments Board met. Reagan and Finance Ministry \
                    officials agreed.",
        );
        assert_eq!(
            orgs(&e),
            [
                "House Ways and Means Committee",
                "Oil and Energy Ministry",
                "Securities and Investments Board",
                "Finance Ministry"
            ]
        );
    }

    #[test]
    fn an_undefined_acronym_in_prose_is_one_and_labels_are_not() {
        let e = ex("Talks between the KDP and the XYZ went on.\n\n\
                    AMT : 1,200,000 DATE : 09/05/96\nSOCCER - SILVA 'S LOST PASSPORT");
        assert_eq!(orgs(&e), ["Kurdistan Democratic Party", "XYZ"]);
    }

    #[test]
    fn credit_ratings_and_a_banks_legal_form_are_no_organisations() {
        let e = ex(
            "Moody's cut the debt to BBB from AA, and the notes were rated AAA. \
                    Citibank NA said the ABC network and the CBC agreed.",
        );
        assert_eq!(orgs(&e), ["Moody's", "ABC", "CBC"]);
    }

    #[test]
    fn teams_in_results_and_tables() {
        let e = ex("Luton 1 Rotherham 0\nMillwall 4 2 1 1 7 5 7\n\
                    Birmingham v Barnsley\nColin Montgomerie 69 70\nGough 8-0-39-3\n\
                    Net 1,234 vs 1,111");
        assert_eq!(
            orgs(&e),
            ["Luton", "Rotherham", "Millwall", "Birmingham", "Barnsley"]
        );
    }
}
