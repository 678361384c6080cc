//! Runs of capitalised words that may hold a name: where one starts and what
//! continues it (name particles, initials, "al-" prefixes).

use crate::capitals::one_byte;
use crate::lexicon::{GIVEN, Words};
use crate::text::{Case, Kind, Token};

/// Lower-case words that join parts of a name: "Osama bin Laden", "Ursula von der Leyen".
const PARTICLES: Words = Words::new(&[
    "al", "bin", "bint", "ibn", "ul", "van", "von", "de", "da", "del", "della", "der", "den", "di",
    "du", "la", "le", "el", "dos", "das", "ben", "ter", "zu",
]);

pub(super) fn starts_name(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    // Only words are capitalised (`Case`): no test of the kind.
    t.is_cap() && name_shaped(text, t)
}

/// "Taliban-led" and "Kabul-based" are adjectives: a hyphen followed by a lower-case
/// letter ends any chance of a name ("Jean-Pierre" keeps its capital).
#[inline(always)]
fn name_shaped(text: &str, t: &Token) -> bool {
    // Asked of every capitalised word: the common case (no hyphen) with no call.
    !t.hyphen || hyphenated_name_shaped(text, t)
}

/// [`name_shaped`] for a word with an inner hyphen.
#[inline(never)]
fn hyphenated_name_shaped(text: &str, t: &Token) -> bool {
    // Lower-case parts are allowed only as name particles inside the name:
    // "Inzamam-ul-Haq", "Ata-ur-Rehman", "Abdul-Karim al-Kabariti".
    // The parts after the first, found by their hyphens' bytes (a hyphen is never
    // inside a character of more bytes): `split('-')` searched for a `char`, at
    // four times the cost.
    let w = t.text(text);
    let dash = |from: usize| {
        w.as_bytes()[from..]
            .iter()
            .position(|&b| b == b'-')
            .map(|p| from + p)
    };
    let Some(first) = dash(0) else {
        return true;
    };
    let mut start = first + 1;
    loop {
        let end = dash(start);
        let part = &w[start..end.unwrap_or(w.len())];
        if part.starts_with(char::is_lowercase)
            && !(end.is_some() && HYPHEN_PARTICLES.contains(&part))
        {
            return false;
        }
        match end {
            Some(e) => start = e + 1,
            None => return true,
        }
    }
}

/// Particles that sit between hyphens inside a name.
const HYPHEN_PARTICLES: &[&str] = &[
    "ul", "ur", "ud", "al", "el", "ad", "as", "ash", "bin", "ibn", "bint", "abu", "de", "da", "di",
    "du", "del", "der", "van", "von", "la", "le",
];

/// Whether token `j` continues a run of name words that began before it.
pub(super) fn continues_name(text: &str, tokens: &[Token], flags: &[u8], j: usize) -> bool {
    let t = &tokens[j];
    // Across a line break only in wrapped text, after a given name
    // ("Finance Minister Richard⏎Hu").
    if t.line_start
        && !(t.maybe_wrap
            && t.kind == Kind::Word
            && t.is_cap()
            && flags[j - 1] & GIVEN != 0
            && tokens[j - 1].is_cap())
    {
        return false;
    }
    if t.is_cap() {
        return name_shaped(text, t);
    }
    // Numbers and lower-case words other than particles end most runs: tell them
    // by their kind and case before looking at their text.
    if t.kind == Kind::Number || (t.kind == Kind::Word && t.case != Case::Lower) {
        return false;
    }
    // An initial: "George W. Bush" -> the "." after a one-letter capital.
    if t.kind == Kind::Punct {
        if one_byte(text, t) != Some(b'.') || j == 0 {
            return false;
        }
        let p = &tokens[j - 1];
        let initial = p.kind == Kind::Word && p.end() - p.start() == 1 && p.is_cap();
        let abbrev_title = matches!(
            p.text(text),
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Prof"
                | "Capt"
                | "Maj"
                | "Sgt"
                | "Adm"
                | "Rev"
                | "Brig"
                | "Cmdr"
                | "Jr"
                | "Sr"
        );
        // "F.W. de Klerk": the name may go on with a particle.
        return (initial || abbrev_title)
            && (tokens
                .get(j + 1)
                .is_some_and(|n| n.kind == Kind::Word && n.is_cap())
                || particles_lead_on(text, tokens, j + 1));
    }
    if t.kind == Kind::Word && t.case == Case::Lower {
        let s = t.text(text);
        // "bin-Laden": a particle joined to a capital ("al-Baghdadi" is a
        // capitalised word already: `text::joined_article`).
        let joined = t.hyphen
            && ["bin-", "ibn-", "abu-"]
                .iter()
                .any(|p| s.starts_with(p) && s[p.len()..].starts_with(char::is_uppercase));
        return joined || particles_lead_on(text, tokens, j);
    }
    false
}

/// Whether tokens from `j` are name particles leading on to a capitalised word on
/// the same line: "bin Laden", "von der Leyen".
fn particles_lead_on(text: &str, tokens: &[Token], j: usize) -> bool {
    let mut k = j;
    while k < tokens.len() && PARTICLES.contains(tokens[k].text(text)) {
        k += 1;
    }
    k > j
        && tokens
            .get(k)
            .is_some_and(|n| n.kind == Kind::Word && n.is_cap() && !n.line_start)
}
