//! Date mentions: absolute forms ("December 17, 2025", "17 Dec 2025", "2025-12-17",
//! "August 2021", "in 2021"), and relative forms ("yesterday", "on Monday",
//! "last year", "in May", "two days ago", "Christmas") resolved against the publication date
//! when one is known. Clock times, scores, quantities and money are no dates: bare
//! numbers count as years only after a word that introduces a time ("in", "since").

use crate::PartialDate;

mod holidays;
mod relative;

use crate::lexicon::{month, weekday};
use crate::text::{Case, Kind, Token, is};
use relative::{nearest_day, relative_lower, relative_month, relative_word};

/// The lower-case words that can start a relative date; `relative::starts_relative`
/// says which words, this table only rules most others out cheaply.
const RELATIVE_WORDS: &[&[u8]] = &[
    b"a",
    b"an",
    b"one",
    b"two",
    b"ten",
    b"six",
    b"last",
    b"this",
    b"next",
    b"nine",
    b"past",
    b"zero",
    b"year",
    b"four",
    b"five",
    b"today",
    b"three",
    b"seven",
    b"eight",
    b"eleven",
    b"twelve",
    b"tonight",
    b"tomorrow",
    b"nineteen",
    b"yesterday",
];

/// Words by shape: for each first letter (its low five bits, so either ASCII case)
/// and length (15 standing for 15 or more), the second letters (as bits, `a` = bit
/// 0, either case) of the words of some lists; a word of one letter counts its only
/// letter as its second. A word whose shape is not in the table is in none of the
/// lists.
const fn shapes(lists: &[&[&[u8]]]) -> [u32; 32 * 16] {
    let mut t = [0u32; 32 * 16];
    let mut l = 0;
    while l < lists.len() {
        let list = lists[l];
        let mut k = 0;
        while k < list.len() {
            let w = list[k];
            let len = if w.len() > 15 { 15 } else { w.len() };
            let slot = (w[0] & 0x1f) as usize * 16 + len;
            let second = if w.len() == 1 { w[0] } else { w[1] };
            t[slot] |= 1 << ((second | 0x20) - b'a');
            k += 1;
        }
        l += 1;
    }
    t
}

/// Whether `w` has a shape of `table` (see [`shapes`]).
#[inline]
fn has_shape(table: &[u32; 32 * 16], w: &[u8]) -> bool {
    let Some(&first) = w.first() else {
        return false;
    };
    let len = w.len().min(15);
    let mask = table[(first & 0x1f) as usize * 16 + len];
    // Most first letters and lengths have no word ("of", "and", "said"): settled
    // before the second byte is read.
    if mask == 0 {
        return false;
    }
    let second = (w[len.min(2) - 1] | 0x20).wrapping_sub(b'a');
    second < 26 && mask & (1 << second) != 0
}

const RELATIVE_START: [u32; 32 * 16] = shapes(&[RELATIVE_WORDS]);

/// Every word a capitalised date can start with: months (`lexicon::month`),
/// weekdays (`lexicon::weekday`), relative words and the first words of holidays
/// (`holidays::name_at`).
const DATE_START: [u32; 32 * 16] = shapes(&[
    RELATIVE_WORDS,
    &[
        b"January",
        b"Jan",
        b"February",
        b"Feb",
        b"March",
        b"Mar",
        b"April",
        b"Apr",
        b"May",
        b"June",
        b"Jun",
        b"July",
        b"Jul",
        b"August",
        b"Aug",
        b"September",
        b"Sep",
        b"Sept",
        b"October",
        b"Oct",
        b"November",
        b"Nov",
        b"December",
        b"Dec",
    ],
    &[
        b"Monday",
        b"Tuesday",
        b"Wednesday",
        b"Thursday",
        b"Friday",
        b"Saturday",
        b"Sunday",
    ],
    &[
        b"Christmas",
        b"Thanksgiving",
        b"Halloween",
        b"Easter",
        b"Election",
        b"Boxing",
        b"Independence",
        b"Labor",
        b"Memorial",
        b"Valentine",
        b"New",
    ],
]);

/// Whether a lower-case word may start a relative date, by its first two letters
/// and length: rules out "the", "that", "said" before any comparison.
#[inline]
fn may_start_relative(w: &[u8]) -> bool {
    w.len() <= 9 && has_shape(&RELATIVE_START, w)
}

/// A date found in the text: its value and the byte span of its mention.
pub(crate) type DateHit = (PartialDate, usize, usize);

/// Words before a bare number that make it a year: "in 2021", "since 1998".
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "of",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "year",
    "through",
    "throughout",
    "between",
    "and",
    "to",
    "circa",
    "around",
    "fiscal",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "end",
    "the",
    "its",
    "his",
    "her",
    "their",
    "our",
    "for",
    "s",
    // "bonds due 1993", "continue into 1990", "in both 1990 and 1991", "that 1978
    // resolution", "a 1971 convention".
    "due",
    "into",
    "both",
    "that",
    "this",
    "a",
];

/// Words after a number that make it a quantity even after a year cue: "in 2021 troops".
const UNITS: &[&str] = &[
    "troops",
    "people",
    "soldiers",
    "men",
    "women",
    "children",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "pounds",
    "shares",
    "barrels",
    "votes",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "percent",
    "pct",
    "points",
    "units",
    "cars",
    "homes",
    "jobs",
    "members",
    "families",
    "refugees",
    "cases",
    "deaths",
    "lines",
    "words",
    "pages",
    // Clock times: "by 2100 GMT", "at 2100 local time" (compared ignoring case).
    "local",
    "gmt",
    "hrs",
    "hours",
    "est",
    "edt",
];

fn number(tokens: &[Token], text: &str, i: usize) -> Option<u32> {
    let t = tokens.get(i)?;
    (t.kind == Kind::Number && t.end() - t.start() <= 4)
        .then(|| t.text(text).parse().ok())
        .flatten()
}

/// A day of the month, also as an ordinal word: "17", "17th", "1st".
pub(crate) fn day_number(tokens: &[Token], text: &str, i: usize) -> Option<u8> {
    let t = tokens.get(i)?;
    let s = t.text(text);
    let digits = match t.kind {
        Kind::Number => s,
        Kind::Word => s
            .strip_suffix("st")
            .or_else(|| s.strip_suffix("nd"))
            .or_else(|| s.strip_suffix("rd"))
            .or_else(|| s.strip_suffix("th"))?,
        Kind::Punct => return None,
    };
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year token in the range news writes as years.
fn year(tokens: &[Token], text: &str, i: usize) -> Option<i32> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Number || t.end() - t.start() != 4 {
        return None;
    }
    let y: i32 = t.text(text).parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// The word at token `i`, as written (compare with `eq_ignore_ascii_case`).
fn word_at<'t>(tokens: &[Token], text: &'t str, i: usize) -> Option<&'t str> {
    let t = tokens.get(i)?;
    (t.kind == Kind::Word).then(|| t.text(text))
}

/// Whether the word at token `i` is one of `set` (lower-case), ignoring ASCII case.
fn word_in(tokens: &[Token], text: &str, i: usize, set: &[&str]) -> bool {
    word_at(tokens, text, i).is_some_and(|w| set.iter().any(|s| w.eq_ignore_ascii_case(s)))
}

/// Whether the word at token `i` is "ago" or "earlier" (any case): what makes a
/// count a relative date ("two days ago"). `word_in` with those two, for the
/// skipping loop of [`find`], which asks it of most numbers.
#[inline]
pub(super) fn ago_at(tokens: &[Token], text: &str, i: usize) -> bool {
    // The kind and length in place; the words compared out of line, for the few
    // tokens of their lengths.
    tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Word && matches!(t.end() - t.start(), 3 | 7))
        && ago_word(tokens[i].text(text))
}

/// Whether `w` is "ago" or "earlier" in any ASCII case.
#[inline(never)]
fn ago_word(w: &str) -> bool {
    w.eq_ignore_ascii_case("ago") || w.eq_ignore_ascii_case("earlier")
}

/// A month name at token `i` (capitalised, "May" only when it cannot be the verb);
/// returns the month and the index after it (past an abbreviation's dot).
pub(crate) fn month_at(tokens: &[Token], text: &str, i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Word || !matches!(t.case, Case::Title | Case::Upper) {
        return None;
    }
    let m = month(t.text(text))?;
    let abbrev =
        t.end() - t.start() <= 4 && !matches!(t.text(text), "May" | "MAY" | "June" | "July");
    let mut next = i + 1;
    if abbrev && is(tokens, text, next, ".") && tokens[next].start() == t.end() {
        next += 1;
    }
    Some((m, next))
}

/// Whether a number follows token `i` on the same line: the figures of a table row.
fn figure_follows(tokens: &[Token], text: &str, i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    let gap = &text.as_bytes()[tokens[i].end()..next.start()];
    next.kind == Kind::Number && !gap.contains(&b'\n')
}

/// Whether tokens `a` and `b` touch (no space between): "2025-12-17".
fn touch(tokens: &[Token], a: usize, b: usize) -> bool {
    match (tokens.get(a), tokens.get(b)) {
        (Some(x), Some(y)) => x.end() == y.start(),
        _ => false,
    }
}

/// The shapes of the tokens that may start a date, by first byte (all of it) and
/// length (15 standing for 15 or more): as bits of second letters, like
/// [`shapes`]. A capital takes [`DATE_START`]'s, a lower-case letter only
/// [`RELATIVE_START`]'s (a lower-case word starts a relative date only: "may" and
/// "march" are no months); a digit or a byte past ASCII (a number, "3M",
/// "Élysée") every bit, ASCII punctuation none. 16 KB, of which a text touches
/// the rows of its first letters.
const START_BY_BYTE: [u32; 256 * 16] = {
    let mut t = [0u32; 256 * 16];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let mut len = 0;
        while len < 16 {
            let slot = (byte & 0x1f) as usize * 16 + len;
            t[b * 16 + len] = if byte.is_ascii_uppercase() {
                DATE_START[slot]
            } else if byte.is_ascii_lowercase() {
                RELATIVE_START[slot]
            } else if byte.is_ascii_digit() || byte >= 0x80 {
                u32::MAX
            } else {
                0
            };
            len += 1;
        }
        b += 1;
    }
    t
};

/// Whether token `t` may start a date, without a branch: a superset of the tokens
/// the skipping test of [`find`] keeps (numbers, hyphenated words, words whose
/// first byte is no ASCII letter, capitalised words of a [`DATE_START`] shape and
/// lower-case ones of a [`RELATIVE_START`] shape; punctuation past ASCII too, which
/// that test then passes over). Most tokens are punctuation and common lower-case
/// words, none of these: telling them apart by branches mispredicted one token in
/// ten.
#[inline(always)]
fn may_start(bytes: &[u8], t: &Token) -> bool {
    let start = t.start();
    let len = t.end() - start;
    let first = bytes[start];
    // A token's text is never empty; one of one byte reads that byte again, as
    // `shapes` counts it.
    let second = bytes[start + usize::from(len > 1)];
    let mask = START_BY_BYTE[usize::from(first) * 16 + len.min(15)];
    // Not a letter: bit 31, which no letter's shape sets.
    let bit = u32::from((second | 0x20).wrapping_sub(b'a')).min(31);
    t.hyphen | ((mask >> bit) & 1 != 0)
}

pub(crate) fn find(text: &str, tokens: &[Token], published: Option<PartialDate>) -> Vec<DateHit> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // The tokens are read 64 at a time into a mask of those that may start a date
    // (`may_start`, no branch per token), and the loop below jumps from one such
    // token to the next; `i` is where the next date may start.
    let mut i = 0;
    let mut base = 0;
    while base < tokens.len() {
        let block = &tokens[base..tokens.len().min(base + 64)];
        let mut bits = 0u64;
        for (b, t) in block.iter().enumerate() {
            bits |= u64::from(may_start(bytes, t)) << b;
        }
        while bits != 0 {
            let k = base + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if k < i {
                continue;
            }
            i = k;
            // The bulk of tokens, lower-case words and punctuation, are rejected here on
            // their first byte and length: only a few words can start a relative date.
            let t = &tokens[i];
            let skip = match t.kind {
                Kind::Punct => true,
                Kind::Word if t.case == Case::Lower && !t.hyphen => {
                    let w = t.text(text).as_bytes();
                    !may_start_relative(w)
                        || !relative::starts_relative(w)
                        // "a"/"an" only as "a year ago", "an hour earlier".
                        || (w.len() <= 2 && !ago_at(tokens, text, i + 2))
                        || !relative::may_follow(text, tokens, i, w)
                }
                // A capitalised word: a month, a weekday, a relative word or a holiday's.
                Kind::Word if !t.hyphen && t.text(text).as_bytes()[0].is_ascii_alphabetic() => {
                    !has_shape(&DATE_START, t.text(text).as_bytes())
                }
                Kind::Word => false,
                // A number starts a date only as a year (four digits), as a day before a
                // month ("17 Dec", "17 of December") or as a count before "ago" or
                // "earlier" ("two days ago"): the rules of `at` for numbers, settled here
                // for the many figures that are none of these.
                Kind::Number => {
                    let len = t.end() - t.start();
                    let month_next = len <= 2
                        && tokens.get(i + 1).is_some_and(|n| {
                            n.kind == Kind::Word
                                && (n.case != Case::Lower || is(tokens, text, i + 1, "of"))
                        });
                    len != 4 && !month_next && !ago_at(tokens, text, i + 2)
                }
            };
            if skip {
                i += 1;
                continue;
            }
            // "the full year", "by year's end": a phrase that reaches back before its
            // word "year".
            let found = if is(tokens, text, i, "year") {
                relative::year_phrase(text, tokens, i, published)
            } else {
                at(text, tokens, i, published).map(|(value, end)| (value, i, end))
            };
            match found {
                Some((value, start_tok, end_tok)) => {
                    if let Some(v) = value {
                        out.push((v, tokens[start_tok].start(), tokens[end_tok - 1].end()));
                    }
                    i = end_tok;
                }
                None => i += 1,
            }
        }
        base += block.len();
    }
    out
}

/// A date expression starting at token `i`: its value (`None` when relative and no
/// publication date is known) and the token index after it.
fn at(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let t = &tokens[i];
    // Most tokens cannot start a date: skip them before any real work.
    match t.kind {
        Kind::Punct => return None,
        Kind::Word => {
            let w = t.text(text);
            if w.len() > 14 {
                return None;
            }
            // "mid-2021", "early-November": a year or month with a part of it before.
            // The part before the hyphen compared in place, not lowered into a new
            // `String` (most hyphenated words are no date).
            if t.hyphen
                && let Some(dash) = w.bytes().position(|b| b == b'-')
                && let (part, rest) = (&w[..dash], &w[dash + 1..])
                && ["mid", "early", "late"]
                    .iter()
                    .any(|p| part.eq_ignore_ascii_case(p))
            {
                if rest.len() == 4
                    && let Ok(y) = rest.parse::<i32>()
                    && (1900..=2100).contains(&y)
                {
                    return Some((PartialDate::year(y), i + 1));
                }
                if let Some(m) = month(rest) {
                    let v = published.and_then(|p| {
                        relative::month_from(p, m, 0, relative::future_tense(text, tokens, i))
                    });
                    return Some((v, i + 1));
                }
                return None;
            }
            // Lower-case words can only start a relative date ("yesterday", "last
            // year", "two days ago"); months and weekdays are capitalised.
            if t.case == Case::Lower {
                return relative_lower(text, tokens, i, published);
            }
            let b = w.as_bytes();
            if !b[0].is_ascii_digit() && month(w).is_none() {
                if weekday(w).is_some() || relative::starts_relative(b) {
                    return relative_word(text, tokens, i, published);
                }
                return holidays::holiday(text, tokens, i, published);
            }
        }
        Kind::Number => {}
    }
    // 2025-12-17
    if let Some(y) = year(tokens, text, i)
        && is(tokens, text, i + 1, "-")
        && touch(tokens, i, i + 1)
        && touch(tokens, i + 1, i + 2)
        && tokens.get(i + 2).is_some_and(|t| t.end() - t.start() == 2)
        && is(tokens, text, i + 3, "-")
        && touch(tokens, i + 2, i + 3)
        && touch(tokens, i + 3, i + 4)
        && tokens.get(i + 4).is_some_and(|t| t.end() - t.start() == 2)
    {
        let m = number(tokens, text, i + 2)? as u8;
        let d = number(tokens, text, i + 4)? as u8;
        let end = i + 5;
        // Not the start of a longer code or a time stamp: "2025-12-17-1".
        if is(tokens, text, end, "-") && touch(tokens, end - 1, end) {
            return None;
        }
        return Some((PartialDate::day(y, m, d), end));
    }
    // December 17, 2025 / Dec. 17 2025 / December 17 / August 2021
    if let Some((m, k)) = month_at(tokens, text, i) {
        if let Some(d) = day_number(tokens, text, k) {
            let mut y_at = k + 1;
            if is(tokens, text, y_at, ",") {
                y_at += 1;
            }
            if let Some(y) = year(tokens, text, y_at) {
                return Some((PartialDate::day(y, m, d), y_at + 1));
            }
            // A clock time or score after the number: "May 5-3", "Dec 17:30" (but
            // "on Saturday, April 25: The court..." is a date).
            let glued_to_next = touch(tokens, k, k + 1) && touch(tokens, k + 1, k + 2);
            if (is(tokens, text, k + 1, ":") && glued_to_next)
                || (is(tokens, text, k + 1, "-") && touch(tokens, k, k + 1))
            {
                return None;
            }
            let past = relative::past_tense(text, tokens, i);
            let v = published.and_then(|p| nearest_day(p, m, d, past));
            return Some((v, k + 1));
        }
        let mut y_at = k;
        if is(tokens, text, y_at, ",") {
            y_at += 1;
        }
        if let Some(y) = year(tokens, text, y_at) {
            // A row of figures ("Dec 1403 1410 1398", a futures table): a delivery
            // month and a price, no date.
            if !(1800..=2100).contains(&y) || figure_follows(tokens, text, y_at) {
                return None;
            }
            return Some((PartialDate::month(y, m), y_at + 1));
        }
        if let Some((y, end)) = relative::spelled_year(text, tokens, y_at) {
            return Some((PartialDate::month(y, m), end));
        }
        // "July last year", "in January this year": the month of that year.
        if let Some(delta) = word_at(tokens, text, k).and_then(|w| match w {
            "last" => Some(-1),
            "this" => Some(0),
            "next" => Some(1),
            _ => None,
        }) && word_in(tokens, text, k + 1, &["year"])
        {
            let v = published.and_then(|p| PartialDate::month(p.year_part() + delta, m));
            return Some((v, k + 2));
        }
        return relative_month(text, tokens, i, k, m, published);
    }
    // 17 December 2025 / 17th of December, 2025 / 17 Dec
    if let Some(d) = day_number(tokens, text, i) {
        let mut k = i + 1;
        if word_in(tokens, text, k, &["of"]) {
            k += 1;
        }
        if let Some((m, after)) = month_at(tokens, text, k) {
            let mut y_at = after;
            if is(tokens, text, y_at, ",") {
                y_at += 1;
            }
            if let Some(y) = year(tokens, text, y_at) {
                return Some((PartialDate::day(y, m, d), y_at + 1));
            }
            let past = relative::past_tense(text, tokens, i);
            let v = published.and_then(|p| nearest_day(p, m, d, past));
            return Some((v, after));
        }
    }
    // in 2021, since 1998
    if let Some(y) = year(tokens, text, i)
        && (1900..=2100).contains(&y)
    {
        let cue = i.checked_sub(1).is_some_and(|p| {
            word_in(tokens, text, p, YEAR_CUES)
                // "s" only as the possessive: "the company's 1989 results".
                && (tokens[p].text(text) != "s"
                    || p >= 1 && matches!(tokens[p - 1].text(text), "'" | "’"))
        });
        let prev_punct = i.checked_sub(1).map(|p| tokens[p].text(text));
        let money = matches!(prev_punct, Some("$" | "£" | "€" | "#" | "¥"));
        let next = tokens.get(i + 1);
        let glued = next.is_some_and(|n| {
            n.start() == t.end()
                && matches!(n.text(text), ":" | "." | "," | "-" | "/" | "%")
                && tokens
                    .get(i + 2)
                    .is_some_and(|a| a.kind == Kind::Number && a.start() == n.end())
        });
        let unit = word_in(tokens, text, i + 1, UNITS);
        if cue && !money && !glued && !unit {
            return Some((PartialDate::year(y), i + 1));
        }
        return None;
    }
    if t.kind == Kind::Word || t.kind == Kind::Number {
        return relative_word(text, tokens, i, published);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::tests::{dates, ex, ex_on};

    #[test]
    fn the_mask_of_possible_starts_keeps_every_date_word_and_drops_common_ones() {
        let text = "January Dec a an two yesterday year Monday Christmas New mid-2021 \
                    3M Élysée 17 2025 100000 May , the of said and Reuters may march .";
        let tokens = crate::text::tokenize(text);
        let kept: Vec<&str> = tokens
            .iter()
            .filter(|t| super::may_start(text.as_bytes(), t))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(
            kept,
            [
                "January",
                "Dec",
                "a",
                "an",
                "two",
                "yesterday",
                "year",
                "Monday",
                "Christmas",
                "New",
                "mid-2021",
                "3M",
                "Élysée",
                "17",
                "2025",
                "100000",
                "May"
            ]
        );
    }

    #[test]
    fn absolute_date_forms() {
        for (text, want) in [
            ("on December 17, 2025 they met", "2025-12-17"),
            ("on 17 December 2025 they met", "2025-12-17"),
            ("on Dec. 17, 2025 they met", "2025-12-17"),
            ("on 17 Dec 2025 they met", "2025-12-17"),
            ("on 2025-12-17 they met", "2025-12-17"),
            ("on the 17th of December, 2025", "2025-12-17"),
            ("in August 2021 the Taliban", "2021-08"),
            ("in 2021 the Taliban", "2021"),
            ("since 1998, prices", "1998"),
            ("by mid-2021 the Taliban", "2021"),
            ("the company's 1989 results", "1989"),
        ] {
            assert_eq!(dates(&ex(text)), [want], "{text}");
        }
    }

    #[test]
    fn non_dates() {
        for text in [
            "2,021 troops arrived",
            "it cost $2021 in all",
            "at 10:30 the match ended 6-4",
            "he scored 2021 points",
            "in 2021 troops were sent",
            "the post-2021 era",
            "Room 1998 was booked",
            "February 30, 2025 is no day",
            "you may 17 times",
            "the talks will end by 2100 GMT",
            "since 2100 local time the guns were silent",
        ] {
            assert!(
                dates(&ex(text)).is_empty(),
                "{text}: {:?}",
                dates(&ex(text))
            );
        }
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        let p = "2025-12-17"; // a Wednesday
        for (text, want) in [
            ("it happened yesterday", "2025-12-16"),
            ("it happens today", "2025-12-17"),
            ("they met on Monday", "2025-12-15"),
            ("they will meet on Friday", "2025-12-19"),
            ("last year it rained", "2024"),
            ("next month it snows", "2026-01"),
            ("two days ago it rained", "2025-12-15"),
            ("a year ago it rained", "2024"),
            ("in May they met", "2025-05"),
            ("they will meet in May", "2026-05"),
            ("in October they met", "2025-10"),
            ("on Dec. 3 they met", "2025-12-03"),
            ("talks resume in February", "2026-02"),
            ("this March they met", "2025-03"),
            ("by mid-November they met", "2025-11"),
            (
                "an editorial on Saturday, April 25: the court",
                "2026-04-25",
            ),
            ("they met this morning", "2025-12-17"),
            ("they meet this evening", "2025-12-17"),
            ("they meet tonight", "2025-12-17"),
            ("they met last night", "2025-12-16"),
            ("the offer is due to expire Friday", "2025-12-19"),
            ("the offer had been due to expire Friday", "2025-12-12"),
            ("the sale was scheduled to close Monday", "2025-12-15"),
        ] {
            assert_eq!(dates(&ex_on(text, p)), [want], "{text}");
            assert!(
                dates(&ex(text)).is_empty(),
                "{text} without publication date"
            );
        }
    }

    #[test]
    fn the_year_named_without_its_number_is_the_publication_year() {
        let p = "2025-12-17";
        for (text, want, mention) in [
            ("Sales for the full year rose 5%.", "2025", "the full year"),
            (
                "profit in the current fiscal year",
                "2025",
                "the current fiscal year",
            ),
            (
                "Earlier in the year it rained.",
                "2025",
                "Earlier in the year",
            ),
            (
                "a deal by the end of the year",
                "2025",
                "the end of the year",
            ),
            ("a deal by year's end", "2025", "year's end"),
            ("a deal before year end", "2025", "year end"),
        ] {
            let e = ex_on(text, p);
            assert_eq!(dates(&e), [want], "{text}");
            assert_eq!(e.dates[0].mentions[0].text, mention, "{text}");
        }
        for text in [
            "Prices rose over the year.",
            "in the fiscal year ended in June",
            "by the year before",
            "They came in 1985 and left at the end of last year's season",
            "the fiscal year end",
        ] {
            assert!(
                !dates(&ex_on(text, p)).contains(&"2025".to_string()),
                "{text}: {:?}",
                dates(&ex_on(text, p))
            );
        }
        assert!(dates(&ex("Sales for the full year rose.")).is_empty());
    }

    #[test]
    fn holidays_resolve() {
        let p = "2025-12-17"; // a Wednesday
        for (text, want) in [
            ("they met on Christmas Day", "2025-12-25"),
            ("on Christmas Eve the shops close", "2025-12-24"),
            ("last Christmas they met", "2024-12-25"),
            ("sales fell at Thanksgiving", "2025-11-27"),
            ("turnout on Election Day was low", "2025-11-04"),
            ("he will be home for New Year's Day", "2026-01-01"),
            ("fireworks on New Year's Eve", "2025-12-31"),
            ("at Easter 2024 they met", "2024-03-31"),
            ("on Memorial Day they met", "2026-05-25"),
            ("on Labor Day they met", "2025-09-01"),
        ] {
            assert_eq!(dates(&ex_on(text, p)), [want], "{text}");
            assert!(
                dates(&ex(text)).is_empty() || text.contains("2024"),
                "{text}"
            );
        }
        assert_eq!(dates(&ex("at Easter 2024 they met")), ["2024-03-31"]);
        assert!(dates(&ex_on("Christmas trees sold out", p)).is_empty());
        // Easter moves: 2025-04-20, 2026-04-05.
        assert_eq!(dates(&ex("on Easter Sunday, 2026")), ["2026-04-05"]);
    }

    #[test]
    fn tables_clock_times_and_comparisons_are_no_dates() {
        let p = "2025-12-17";
        for text in [
            "COCOA Dec 1403 1410 1398",
            "Mar 1987 2015 2020 1999",
            "the talks will end by 2100 GMT",
            "net rose to $12 million from $10 million a year ago",
            "profit was 44 cents a share, compared with 30 cents a year earlier",
            "flights leave each Thursday",
            "USA Today reported the sale",
            "the cars of tomorrow",
            "two weeks ago it rained",
            "the shuttle leaves at Dec 17:30",
            "The Tonight Show aired",
        ] {
            assert!(
                dates(&ex_on(text, p)).is_empty(),
                "{text}: {:?}",
                dates(&ex_on(text, p))
            );
        }
        assert_eq!(dates(&ex("in December 2021 they met")), ["2021-12"]);
    }

    #[test]
    fn tense_and_context_choose_the_year() {
        let p = "2025-12-17"; // a Wednesday
        for (text, want) in [
            // Future: forward.
            ("talks are set to resume Monday in Belfast", "2025-12-22"),
            (
                "the monarch is to meet the president on Friday",
                "2025-12-19",
            ),
            (
                "NASA will name him commander of a shuttle flight in March",
                "2026-03",
            ),
            ("the bank must repay the loan by February", "2026-02"),
            // Past: back.
            ("revenue for the year ended March 31 rose", "2025-03-31"),
            // Neither: the nearest.
            ("the offer expires on March 31", "2026-03-31"),
            ("in June last year they met", "2024-06"),
            ("in January this year they met", "2025-01"),
            // The absolute date after a weekday says which day.
            ("on Friday, Dec. 12 they met", "2025-12-12"),
            // Years in words.
            ("in nineteen ninety-six they met", "1996"),
            ("by the year two thousand", "2000"),
            ("in January nineteen ninety-seven", "1997-01"),
            // Bare years after a determiner or a deadline.
            ("bonds due 1993 were sold", "1993"),
            ("that 1978 resolution", "1978"),
        ] {
            assert_eq!(dates(&ex_on(text, p)), [want], "{text}");
        }
    }
}
