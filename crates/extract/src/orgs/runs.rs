//! Organisations named by their words: runs of capitalised words that hold a legal
//! form, a head noun or a leading organisation word.

use super::{Core, Key, OrgHit, words_in};
use crate::capitals::{length_bit, one_byte};
use crate::lexicon::{
    GIVEN, Lexicon, MODIFIER, ORG_HEAD, OrgWord, STOP, TITLE, Words, month, weekday,
};
use crate::text::{Case, Kind, Token};

/// Lower-case words inside an organisation's name: "Bank of England", "Committee for
/// the Protection of Journalists", "Banque de France".
const CONNECTORS: Words = Words::new(&[
    "of", "for", "the", "and", "de", "du", "des", "di", "da", "del",
]);

/// Head nouns of company names that may join two names with "and": "Procter and
/// Gamble Co", "Salomon Brothers".
fn company_end(w: &str, kind: OrgWord) -> bool {
    kind == OrgWord::Suffix || matches!(w, "Company" | "Brothers" | "Partners" | "Associates")
}

/// Capitalised words that open a sentence or a table row, not a name.
const LEADING: Words = Words::new(&[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "With",
    "As",
    "After",
    "Before",
    "And",
    "But",
    "Or",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "When",
    "While",
    "If",
    "Although",
    "Since",
    "Under",
    "Both",
    "Neither",
    "Either",
    "Then",
    "Meanwhile",
    "However",
    "Also",
    "Shares",
    "Prices",
    "Officials",
    "Analysts",
    "Sources",
    "THE",
]);

/// Title case or all capitals (`is_cap`, or an acronym). Only words have these
/// cases, so the kind needs no test (a second unpredictable branch).
#[inline]
fn capital(t: &Token) -> bool {
    matches!(t.case, Case::Title | Case::Upper)
}

/// Appends the organisations named by runs of capitalised words, and the short names
/// of companies ("Gencor" of "Gencor Ltd").
#[allow(clippy::too_many_arguments)]
pub(super) fn find(
    text: &str,
    tokens: &[Token],
    caps: &[usize],
    is_place: &[bool],
    flags: &[u8],
    lex: &Lexicon,
    hits: &mut Vec<OrgHit>,
    cores: &mut Vec<Core>,
) {
    let known = hits.len();
    // Only a run with an organisation word can name one, and such words are few:
    // the runs are found from them. The run holding word `m` is the one the
    // left-to-right reading (a run from each capital, as far as `joins` goes) gives,
    // since whether a token joins does not depend on where its run began: back from
    // `m` while tokens join, then forward from the first capital there.
    let mut done = 0;
    for &m in caps {
        if m < done || flags[m] & ORG_HEAD == 0 || !capital(&tokens[m]) {
            continue;
        }
        let mut k = m;
        while k > done && joins(text, tokens, k) {
            k -= 1;
        }
        let i = k + tokens[k..m].iter().take_while(|t| !capital(t)).count();
        let mut j = i + 1;
        while j < tokens.len() && joins(text, tokens, j) {
            j += 1;
        }
        if let Some(h) = judge(
            text,
            tokens,
            is_place,
            flags,
            lex,
            (i, j),
            &hits[..known],
            cores,
        ) {
            hits.push(h);
        }
        done = j;
    }
}

/// Whether token `j` continues a run of capitals that reaches the token before it:
/// capitals, "&", connectors between capitals, the dot of an initial; never across
/// a line break.
// Inlined in both of its loops, which ask it of some seventeen tokens an article:
// as a call it cost a thirtieth of the stage, and `#[inline]` alone left it one.
#[inline(always)]
fn joins(text: &str, tokens: &[Token], j: usize) -> bool {
    let t = &tokens[j];
    if t.line_start {
        return false;
    }
    let next_cap = || {
        tokens
            .get(j + 1)
            .is_some_and(|n| capital(n) && !n.line_start)
    };
    if capital(t) {
        true
    } else if t.kind == Kind::Word && t.case == Case::Lower {
        let s = t.text(text);
        // "of the": the connector may run two words long.
        let next2 = || {
            tokens
                .get(j + 2)
                .is_some_and(|n| capital(n) && !n.line_start)
        };
        CONNECTORS.contains(s)
            && (next_cap()
                || (s == "of"
                    && tokens[j + 1..]
                        .first()
                        .is_some_and(|n| n.text(text) == "the")
                    && next2()))
    } else {
        match one_byte(text, t) {
            Some(b'&') => next_cap(),
            Some(b'.') => tokens[j - 1].end() - tokens[j - 1].start() == 1 && next_cap(),
            _ => false,
        }
    }
}

/// Finds the organisation's name in the run `i..j`, which holds an organisation word.
#[allow(clippy::too_many_arguments)]
fn judge(
    text: &str,
    tokens: &[Token],
    is_place: &[bool],
    flags: &[u8],
    lex: &Lexicon,
    (i, j): (usize, usize),
    known: &[OrgHit],
    cores: &mut Vec<Core>,
) -> Option<OrgHit> {
    let kind_at = |k: usize| -> Option<OrgWord> {
        let t = &tokens[k];
        if flags[k] & ORG_HEAD == 0 || t.kind != Kind::Word || is_place[k] {
            return None;
        }
        lex.org_words.get(t.text(text)).copied()
    };
    // The last organisation word that ends a name: not a head that qualifies a title
    // after it ("Finance Minister").
    let mut end = None;
    for k in (i..j).rev() {
        let Some(kind) = kind_at(k) else { continue };
        let before_title = tokens.get(k + 1).is_some_and(|n| {
            k + 1 < j
                && n.kind == Kind::Word
                && flags[k + 1] & (TITLE | MODIFIER) != 0
                && kind_at(k + 1).is_none()
        });
        if kind == OrgWord::Lead || before_title {
            continue;
        }
        end = Some((k, kind));
        break;
    }
    let (mut last, kind) = match end {
        Some(e) => e,
        // "Banque Paribas": a leading word and the name after it.
        None => match (i..j).find(|&k| kind_at(k) == Some(OrgWord::Lead)) {
            Some(l) if l + 1 < j => (j - 1, OrgWord::Lead),
            _ => return None,
        },
    };
    // After the head: "of"/"for" and the capitals after them ("Bank of England").
    let mut k = last + 1;
    while k < j && kind != OrgWord::Suffix {
        let s = tokens[k].text(text);
        if matches!(s, "of" | "for" | "de" | "du" | "des") {
            let mut e = k + 1;
            while e < j
                && (capital(&tokens[e]) || matches!(tokens[e].text(text), "the" | "and" | "&"))
            {
                e += 1;
            }
            while e > k + 1 && !capital(&tokens[e - 1]) {
                e -= 1;
            }
            if e > k + 1 {
                last = e - 1;
                k = e;
                continue;
            }
        }
        break;
    }
    // A legal form may keep its dot: "Corp.", "Inc.".
    if kind == OrgWord::Suffix
        && tokens
            .get(last + 1)
            .is_some_and(|n| n.start() == tokens[last].end() && n.text(text) == ".")
        && tokens[last].text(text).len() <= 4
    {
        last += 1;
    }
    // Where the name starts: not at a sentence's "The", a month, a title, a place or
    // demonym before an office ("Bonn Finance Ministry"), nor before an "and" that
    // joins two names unless a company's name holds it ("Procter and Gamble Co").
    let head_word = tokens[end.map_or(last, |e| e.0)].text(text);
    let company = company_end(head_word, kind);
    let mut first = i;
    let head_at = end.map_or(last, |e| e.0);
    for (k, t) in tokens.iter().enumerate().take(head_at).skip(i) {
        let s = t.text(text);
        // After a legal form or a known organisation's name, "and" starts another
        // name ("Johnson Controls Inc and Lear Corp", "the Taliban and
        // Gencor Ltd"), unless only legal forms follow ("Merrill Lynch and Co").
        let after_org = || {
            k > i
                && (kind_at(k - 1) == Some(OrgWord::Suffix)
                    || known.iter().any(|h| h.last + 1 == k)
                        && (k + 1..=head_at)
                            .any(|m| tokens[m].kind == Kind::Word && kind_at(m).is_none()))
        };
        // An office's two fields joined by "and" are one name: "Trade and Industry
        // Ministry", "Posts and Telecommunications Ministry", "Ways and Means
        // Committee": the word before "and" modifies titles or is a plural noun,
        // not a name, a place or an organisation.
        let joint = || {
            let p = k - 1;
            let w = tokens[p].text(text);
            !company
                && p >= first
                && tokens[p].kind == Kind::Word
                && tokens[p].case == Case::Title
                && !is_place[p]
                && flags[p] & (GIVEN | STOP) == 0
                && (flags[p] & MODIFIER != 0
                    || (w.len() >= 4 && w.ends_with('s') && !w.ends_with("ss")))
        };
        if matches!(s, "of" | "for" | "the")
            || ((s == "and" || s == "&") && (!company || after_org()) && !(k > i && joint()))
        {
            first = k + 1;
        }
    }
    // "General Mills Inc", "Admiral Corp": a word that is a title elsewhere may
    // start a company's name, unless a given name follows it (a person's title)
    // or an "and" in the run may join two names.
    let company_title = |k: usize| {
        company
            && tokens
                .get(k + 1)
                .is_some_and(|n| n.kind == Kind::Word && n.case == Case::Title)
            && flags.get(k + 1).is_some_and(|&g| g & GIVEN == 0)
            && !(k..=last).any(|m| matches!(tokens[m].text(text), "and" | "&"))
    };
    while first < last {
        let t = &tokens[first];
        let f = flags[first];
        let w = t.text(text);
        let strip = t.kind != Kind::Word
            || t.case == Case::Lower
            || (f & STOP != 0 && kind_at(first).is_none() && LEADING.contains(w))
            || (t.hyphen && w.rsplit('-').next().is_some_and(|p| p.starts_with(char::is_lowercase)))
            || month(w).is_some()
            || weekday(w).is_some()
            || (f & TITLE != 0 && kind_at(first).is_none() && !company_title(first))
            // "Bonn Finance Ministry", "Soviet Foreign Ministry": an office's name
            // starts at its modifier; a company's keeps its own words before one
            // ("Centerior Energy Corp", "Standard Oil Co").
            || (!company
                && flags[first] & MODIFIER == 0
                && !super::owner::GENERIC.contains(w)
                && (first + 1..last)
                    .find(|&m| flags[m] & MODIFIER != 0)
                    .is_some_and(|m| (first..m).all(|x| kind_at(x).is_none())));
        if !strip {
            break;
        }
        first += 1;
    }
    // One word that is only a head ("Ministry", "Capital") names nothing; a place
    // with a head is a place's office only when more words follow.
    let n_words = words_in(text, tokens, (first, last)).count();
    if n_words < 2 {
        return None;
    }
    // All places ("United States") are no organisation.
    if (first..=last).all(|k| tokens[k].kind != Kind::Word || is_place[k]) {
        return None;
    }
    // The short name of a company: the words before its legal forms and heads that
    // are legal in kind ("Merrill Lynch" of "Merrill Lynch and Co Inc").
    if kind == OrgWord::Suffix || company {
        let mut n = n_words;
        let mut short_last = None;
        for k in (first..=last).rev() {
            if tokens[k].kind != Kind::Word {
                continue;
            }
            let w = tokens[k].text(text);
            let kind = lex.org_words.get(w).copied();
            if matches!(w, "and" | "&" | "Co" | "Cos")
                || kind == Some(OrgWord::Suffix)
                || matches!(w, "Company" | "Corporation" | "Group" | "Holdings" | "Inc")
            {
                n -= 1;
            } else {
                short_last = Some(k);
                break;
            }
        }
        if let Some(short_last) = short_last
            && n < n_words
        {
            cores.push(((first, short_last), Key::Words(first, last)));
        }
    }
    Some(OrgHit {
        first,
        last,
        known: None,
        alias_of: None,
    })
}

/// A short name's token range, the token of its first word, and its number of words.
pub(super) type Short = ((usize, usize), usize, usize);

/// Appends the later mentions of companies' short names: a run of capitals that is
/// exactly a short name ("Gencor said").
pub(super) fn short_names(
    text: &str,
    tokens: &[Token],
    caps: &[usize],
    cores: &[Core],
    shorts: &mut Vec<Short>,
    hits: &mut Vec<OrgHit>,
) {
    if cores.is_empty() {
        return;
    }
    // Each short name's range, first word and number of words, worked out once.
    shorts.clear();
    shorts.extend(cores.iter().filter_map(|&(short, _)| {
        let head = (short.0..=short.1).find(|&k| tokens[k].kind == Kind::Word)?;
        Some((short, head, words_in(text, tokens, short).count()))
    }));
    // A word of a length no first word has starts no short name.
    let lengths = shorts.iter().fold(0u64, |m, &(_, head, _)| {
        m | length_bit(tokens[head].end() - tokens[head].start())
    });
    // Past the words of a mention found (`next`).
    let mut next = 0;
    for &k in caps {
        if k < next
            || lengths & length_bit(tokens[k].end() - tokens[k].start()) == 0
            || !capital(&tokens[k])
            || (k > 0 && capital(&tokens[k - 1]) && !tokens[k].line_start)
        {
            continue;
        }
        let first = tokens[k].text(text);
        let found = shorts.iter().find_map(|&(short, head, n)| {
            if tokens[head].text(text) != first {
                return None;
            }
            let end = k + n;
            let mut words = words_in(text, tokens, short);
            let same = end <= tokens.len()
                && tokens[k..end]
                    .iter()
                    .all(|t| t.kind == Kind::Word && words.next() == Some(t.text(text)));
            let whole = tokens.get(end).is_none_or(|t| !capital(t) || t.line_start);
            (same && whole).then_some(end - 1)
        });
        if let Some(last) = found
            && !hits.iter().any(|h| h.first <= last && k <= h.last)
        {
            hits.push(OrgHit {
                first: k,
                last,
                known: None,
                alias_of: None,
            });
            next = last + 1;
        }
    }
}

/// Words that open a row of a financial table ("Net 1,234 vs 1,111"), not a team.
const TABLE_WORDS: Words = Words::new(&[
    "Net", "Shr", "Shrs", "Revs", "Avg", "Qtr", "Sales", "Loss", "Profit", "Oper", "Assets",
    "Deposits", "Loans", "Tax", "Income", "Total", "Earnings", "Year", "Mths", "Nine", "Six",
    "Dividend", "Div", "Pay", "Record", "Note", "Gross", "Turnover", "Revenue", "Revenues", "Page",
    "Flight", "Article", "Section", "Room", "Route", "Highway", "Vol", "No", "Rank", "Group",
    "Pool", "Round", "Race", "Stage", "Match", "Game", "Week", "Day", "Division", "Table",
]);

/// Teams in sports results and tables: a run of capitals right before a score, at
/// the start of a row or after a score or a comma ("Luton 1 Rotherham 0", "Kent 244
/// ( C. Hooper 58 )", "ATLANTA 84 50 .627"), and the sides of "v" ("Birmingham v
/// Barnsley"). A run with a given name or an initial is a player, not a team, and so
/// is one before bowling figures or set scores ("Gough 8-0-39-3", "Sampras 6-3").
pub(super) fn teams(
    text: &str,
    tokens: &[Token],
    caps: &[usize],
    flags: &[u8],
    hits: &mut Vec<OrgHit>,
) {
    // Each run once: the words of a run judged are passed (`next`).
    let mut next = 0;
    for &i in caps {
        let t = &tokens[i];
        if i < next || !capital(t) {
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len()
            && !tokens[j].line_start
            && (capital(&tokens[j])
                || (one_byte(text, &tokens[j]) == Some(b'.')
                    && tokens[j - 1].end() - tokens[j - 1].start() == 1))
        {
            j += 1;
        }
        let before = i.checked_sub(1).map(|p| &tokens[p]);
        let after = tokens.get(j).filter(|n| !n.line_start);
        let row_start = || {
            t.line_start
                || before.is_some_and(|p| {
                    p.kind == Kind::Number || matches!(one_byte(text, p), Some(b',' | b';' | b':'))
                })
        };
        let score_after = after.is_some_and(|n| n.kind == Kind::Number)
            && tokens.get(j + 1).is_none_or(|n| {
                n.line_start || !matches!(one_byte(text, n), Some(b'-' | b'/' | b':'))
            });
        let versus = |k: Option<&Token>| {
            k.is_some_and(|n| {
                n.kind == Kind::Word
                    && n.end() - n.start() <= 2
                    && matches!(n.text(text), "v" | "vs" | "V")
            })
        };
        let sides =
            versus(after) || (versus(before) && i >= 2 && tokens[i - 2].kind != Kind::Number);
        next = j;
        if !((score_after && row_start()) || sides) {
            continue;
        }
        let words = (i..j).filter(|&k| tokens[k].kind == Kind::Word).count();
        let w0 = tokens[i].text(text);
        let player = (words >= 2 && flags[i] & crate::lexicon::GIVEN != 0)
            || tokens[i..j].iter().any(|t| one_byte(text, t) == Some(b'.'))
            || month(w0).is_some()
            || weekday(w0).is_some()
            || (words == 1 && (TABLE_WORDS.contains(w0) || flags[i] & (STOP | TITLE) != 0));
        if !player && words > 0 {
            // Only rows with two scores or more: a table or a result, not prose.
            let mut line_end = j;
            while line_end < tokens.len() && !tokens[line_end].line_start {
                line_end += 1;
            }
            let mut line_begin = i;
            while line_begin > 0 && !tokens[line_begin].line_start {
                line_begin -= 1;
            }
            let numbers = tokens[line_begin..line_end]
                .iter()
                .filter(|t| t.kind == Kind::Number)
                .count();
            if (numbers >= 2 || sides) && !hits.iter().any(|h| h.first < j && i <= h.last) {
                hits.push(OrgHit {
                    first: i,
                    last: j - 1,
                    known: None,
                    alias_of: None,
                });
            }
        }
    }
}
