//! Resolution within one article: every mention filed under the fullest form of its
//! name, bare surnames found again, ambiguous surnames kept apart.

use super::{Found, Resolved, Spans, Word, norm};
use crate::capitals::length_bit;
use crate::lexicon::{GIVEN, Lexicon, STOP};
use crate::text::{Case, Kind, Token, without_joined_article};

/// Files every mention under the fullest form of its name in the article, adds bare
/// later mentions of a known surname, and keeps ambiguous surnames apart.
pub(super) fn resolve<'t>(
    text: &'t str,
    tokens: &[Token],
    caps: &[usize],
    is_place: &[bool],
    flags: &[u8],
    lex: &Lexicon,
    mut found: Vec<Found<'t>>,
) -> Resolved {
    if found.is_empty() {
        return Vec::new();
    }
    // Bare surnames elsewhere: a capitalised word equal to the last word of a known
    // multi-word name, or to that word without its Arabic article ("Assad" of
    // "Bashar al-Assad"), not already inside a found name.
    let mut covered = vec![false; tokens.len()];
    for f in &found {
        for c in &mut covered[f.first..=f.last] {
            *c = true;
        }
    }
    let fulls: Vec<&Vec<Word>> = found
        .iter()
        .filter(|f| f.words.len() >= 2)
        .map(|f| &f.words)
        .collect();
    // Each known name's surname alone: its last word, and that word without its
    // Arabic article when it has one, worked out once.
    let surnames: Vec<(&str, Option<&str>)> = fulls
        .iter()
        .map(|f| {
            let last: &str = f[f.len() - 1].as_ref();
            (last, without_joined_article(last))
        })
        .collect();
    // The byte lengths the known surnames have, as bits: a word of another length is
    // no surname, told without comparing it (either comparison below needs equal
    // lengths).
    let lengths = surnames.iter().fold(0u64, |m, &(last, bare)| {
        m | length_bit(last.len()) | bare.map_or(0, |b| length_bit(b.len()))
    });
    let mut extra = Vec::new();
    for &k in caps {
        let t = &tokens[k];
        if lengths & length_bit(t.end() - t.start()) == 0
            || covered[k]
            || t.kind != Kind::Word
            || !t.is_cap()
        {
            continue;
        }
        // Compared as written (capitals of a headline ignoring case), before any
        // lookup: most capitalised words are no known surname.
        let raw = t.text(text);
        let same = |known: &str| {
            if t.case == Case::Upper {
                known.eq_ignore_ascii_case(raw)
            } else {
                known == raw
            }
        };
        let Some(at) = surnames
            .iter()
            .position(|&(last, bare)| same(last) || bare.is_some_and(same))
        else {
            continue;
        };
        let full = fulls[at];
        if flags[k] & STOP != 0 {
            continue;
        }
        // A place name is a surname here only when a person of the article bears it
        // ("MaliVai Washington ... Washington fell short").
        if is_place[k] && !full.iter().any(|x| lex.flags(x) & GIVEN != 0) {
            continue;
        }
        // Not when it is part of a longer capitalised run of its own ("Haqqani Network").
        let next_cap = tokens
            .get(k + 1)
            .is_some_and(|n| n.kind == Kind::Word && n.is_cap() && !n.line_start);
        if next_cap && !t.caps_line {
            continue;
        }
        // Take in the words before it that continue the known name ("ROBERTO DURAN").
        let mut first = k;
        let mut n = full.len() - 1;
        while n > 0 && first > 0 && !covered[first - 1] {
            let p = &tokens[first - 1];
            if p.kind == Kind::Word && norm(text, p) == full[n - 1] {
                first -= 1;
                n -= 1;
            } else {
                break;
            }
        }
        extra.push(Found {
            first,
            last: k,
            words: full[n..].to_vec(),
        });
    }
    found.extend(extra);
    found.sort_by_key(|f| f.first);

    // Canonical name of each mention: the one longest known name that contains its
    // words as a contiguous part; two or more candidates means ambiguous, kept apart.
    let mut fulls: Vec<&[Word]> = found.iter().map(|f| f.words.as_slice()).collect();
    fulls.sort_unstable();
    fulls.dedup();
    // Words compared ignoring case: a particle is capitalised where it opens a
    // sentence ("Von der Leyen said", of "Ursula von der Leyen"). A word of the
    // longer name may drop its Arabic article ("Sisi" of "Abdel Fattah al-Sisi").
    let same_word = |a: &Word, b: &Word| {
        a.eq_ignore_ascii_case(b)
            // The hyphen where the article would end, tested first: most pairs of
            // words differ, and few words hold an article.
            || (a.len() > b.len() + 1
                && a.as_bytes()[a.len() - b.len() - 1] == b'-'
                && without_joined_article(a).is_some_and(|name| name.eq_ignore_ascii_case(b)))
    };
    let contains = |long: &[Word], short: &[Word]| {
        long.len() > short.len()
            && long
                .windows(short.len())
                .any(|w| w.iter().zip(short).all(|(a, b)| same_word(a, b)))
    };
    // The names no other contains, found once: each mention is compared only with
    // these.
    let longest: Vec<&[Word]> = fulls
        .iter()
        .copied()
        .filter(|l| !fulls.iter().any(|m| contains(m, l)))
        .collect();
    let mut out: Vec<(&[Word], Spans)> = Vec::new();
    for f in &found {
        let mut best = longest.iter().filter(|l| contains(l, &f.words));
        let key: &[Word] = match (best.next(), best.next()) {
            (Some(only), None) => only,
            _ => &f.words,
        };
        let span = (tokens[f.first].start(), tokens[f.last].end());
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, spans)) => spans.push(span),
            None => out.push((key, crate::first_of_few(span))),
        }
    }
    out.into_iter()
        .map(|(words, mut spans)| {
            spans.sort_unstable();
            spans.dedup();
            (display_name(text, words, &spans), spans)
        })
        .collect()
}

/// The name as the text writes it: the words of the fullest mention, in title case
/// when the article only has it in capitals; any run of white space inside it (a line
/// break, a tab, a no-break space) is one space.
fn display_name(text: &str, words: &[Word], spans: &[(usize, usize)]) -> String {
    // A mention writes the name when its pieces between white space, dots left out
    // (a piece that was only dots drops), are the name's words; compared in place,
    // and only the mention chosen is copied.
    let writes_name = |m: &str| {
        // Most mentions are the words with one space between them, compared as
        // bytes first: a name's words hold no white space and no dot, so this is
        // the test below for them, without its search for Unicode white space.
        let mut rest = m.as_bytes();
        let plain = words.iter().enumerate().all(|(n, w)| {
            let at = usize::from(n > 0);
            let here = (at == 0 || rest.first() == Some(&b' '))
                && rest.get(at..at + w.len()) == Some(w.as_bytes());
            if here {
                rest = &rest[at + w.len()..];
            }
            here
        });
        if plain && rest.is_empty() {
            return true;
        }
        let mut pieces = m
            .split_whitespace()
            .filter(|p| p.bytes().any(|b| b != b'.'));
        let spaced = words.iter().all(|w| {
            pieces
                .next()
                .is_some_and(|p| p.bytes().filter(|&b| b != b'.').eq(w.bytes()))
        }) && pieces.next().is_none();
        // Initials written together: "F.W. de Klerk" for "F W de Klerk".
        spaced
            || m.bytes()
                .filter(|b| *b != b'.' && !b.is_ascii_whitespace())
                .eq(words.iter().flat_map(|w| w.bytes()))
    };
    match spans.iter().find(|&&(s, e)| writes_name(&text[s..e])) {
        Some(&(s, e)) => crate::text::collapse_spaces(&text[s..e]),
        None => words.join(" "),
    }
}
