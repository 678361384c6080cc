//! Date mentions: absolute forms ("December 17, 2025", "17 Dec 2025", "2025-12-17",
//! "August 2021", "in 2021"), and relative forms ("yesterday", "on Monday",
//! "last year", "in May", "two days ago") resolved against the publication date
//! when one is known. Clock times, scores, quantities and money are no dates: bare
//! numbers count as years only after a word that introduces a time ("in", "since").

use crate::PartialDate;
use crate::lexicon::{month, weekday};
use crate::text::{Case, Kind, Token};

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
];

fn number(tokens: &[Token], text: &str, i: usize) -> Option<u32> {
    let t = tokens.get(i)?;
    (t.kind == Kind::Number && t.end - t.start <= 4)
        .then(|| t.text(text).parse().ok())
        .flatten()
}

/// A day of the month, also as an ordinal word: "17", "17th", "1st".
fn day_number(tokens: &[Token], text: &str, i: usize) -> Option<u8> {
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
    if t.kind != Kind::Number || t.end - t.start != 4 {
        return None;
    }
    let y: i32 = t.text(text).parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

fn is(tokens: &[Token], text: &str, i: usize, s: &str) -> bool {
    tokens.get(i).is_some_and(|t| t.text(text) == s)
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

/// A month name at token `i` (capitalised, "May" only when it cannot be the verb);
/// returns the month and the index after it (past an abbreviation's dot).
fn month_at(tokens: &[Token], text: &str, i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Word || !matches!(t.case, Case::Title | Case::Upper) {
        return None;
    }
    let m = month(t.text(text))?;
    let abbrev = t.end - t.start <= 4 && !matches!(t.text(text), "May" | "MAY" | "June" | "July");
    let mut next = i + 1;
    if abbrev && is(tokens, text, next, ".") && tokens[next].start == t.end {
        next += 1;
    }
    Some((m, next))
}

/// Whether tokens `a` and `b` touch (no space between): "2025-12-17".
fn touch(tokens: &[Token], a: usize, b: usize) -> bool {
    match (tokens.get(a), tokens.get(b)) {
        (Some(x), Some(y)) => x.end == y.start,
        _ => false,
    }
}

pub(crate) fn find(text: &str, tokens: &[Token], published: Option<PartialDate>) -> Vec<DateHit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match at(text, tokens, i, published) {
            Some((value, end_tok)) => {
                if let Some(v) = value {
                    out.push((v, tokens[i].start, tokens[end_tok - 1].end));
                }
                i = end_tok;
            }
            None => i += 1,
        }
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
            let b = t.text(text).as_bytes();
            if b.len() > 10 {
                return None;
            }
            // Lower-case words can only start a relative date ("yesterday", "last
            // year", "two days ago"); months and weekdays are capitalised.
            if t.case == Case::Lower {
                return relative_lower(text, tokens, i, published);
            }
            let first = b[0].to_ascii_lowercase();
            if !(b[0].is_ascii_digit() || b"adfjmnostwylpez".contains(&first)) {
                return None;
            }
        }
        Kind::Number => {}
    }
    // 2025-12-17
    if let Some(y) = year(tokens, text, i)
        && is(tokens, text, i + 1, "-")
        && touch(tokens, i, i + 1)
        && touch(tokens, i + 1, i + 2)
        && tokens.get(i + 2).is_some_and(|t| t.end - t.start == 2)
        && is(tokens, text, i + 3, "-")
        && touch(tokens, i + 2, i + 3)
        && touch(tokens, i + 3, i + 4)
        && tokens.get(i + 4).is_some_and(|t| t.end - t.start == 2)
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
            // A clock time or score after the number: "May 5-3", "Dec 17:30".
            if is(tokens, text, k + 1, ":")
                || (is(tokens, text, k + 1, "-") && touch(tokens, k, k + 1))
            {
                return None;
            }
            let v = published.and_then(|p| nearest_day(p, m, d));
            return Some((v, k + 1));
        }
        let mut y_at = k;
        if is(tokens, text, y_at, ",") {
            y_at += 1;
        }
        if let Some(y) = year(tokens, text, y_at) {
            return Some((PartialDate::month(y, m), y_at + 1));
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
            let v = published.and_then(|p| nearest_day(p, m, d));
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
            n.start == t.end
                && matches!(n.text(text), ":" | "." | "," | "-" | "/" | "%")
                && tokens
                    .get(i + 2)
                    .is_some_and(|a| a.kind == Kind::Number && a.start == n.end)
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

/// "in May", "last May": a month name alone, only after a word that makes it a date.
fn relative_month(
    text: &str,
    tokens: &[Token],
    i: usize,
    after: usize,
    m: u8,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let prev = i
        .checked_sub(1)
        .and_then(|p| word_at(tokens, text, p))?
        .to_ascii_lowercase();
    let dir = match prev.as_str() {
        "last" => -1,
        "next" => 1,
        "in" | "since" | "until" | "till" | "by" | "early" | "late" | "mid" | "during" | "from"
        | "of" | "this" | "through" | "before" | "after" | "end" => 0,
        _ => return None,
    };
    let v = published.and_then(|p| {
        let (py, pm) = (p.year_part(), p.month_part()?);
        // News reports the past: a bare month is the latest one up to the publication
        // month, unless the clause speaks of the future.
        let dir = if dir == 0 && future_tense(text, tokens, i) {
            1
        } else {
            dir
        };
        let y = match dir {
            -1 if m >= pm => py - 1,
            1 if m <= pm => py + 1,
            0 if m > pm => py - 1,
            _ => py,
        };
        PartialDate::month(y, m)
    });
    Some((v, after))
}

/// The day `d` of month `m` without a year: the one nearest the publication date
/// (a day named this way is as often a coming deadline as a past event).
fn nearest_day(p: PartialDate, m: u8, d: u8) -> Option<PartialDate> {
    let pm = p.month_part()?;
    let py = p.year_part();
    let y = if i32::from(m) - i32::from(pm) > 6 {
        py - 1
    } else if i32::from(pm) - i32::from(m) > 6 {
        py + 1
    } else {
        py
    };
    PartialDate::day(y, m, d)
}

const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

/// A lower-case word: only the relative expressions can start with one.
fn relative_lower(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let w = tokens[i].text(text);
    let start = matches!(
        w,
        "today" | "yesterday" | "tomorrow" | "last" | "this" | "next" | "past" | "a" | "an"
    ) || NUMBER_WORDS.contains(&w);
    if start {
        relative_word(text, tokens, i, published)
    } else {
        None
    }
}

/// Relative expressions that start with a word: today, yesterday, Monday, last year,
/// two days ago.
fn relative_word(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let t = &tokens[i];
    let w = t.text(text);
    // Lower-case on the stack: no allocation for the many words that are no date.
    let mut buf = [0u8; 12];
    if w.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
    let relative_start = matches!(
        lower,
        "today" | "yesterday" | "tomorrow" | "last" | "this" | "next" | "past" | "a" | "an"
    ) || NUMBER_WORDS.contains(&lower);
    if !relative_start && t.kind != Kind::Number && weekday(w).is_none() {
        return None;
    }
    let day = |delta: i64| {
        published
            .filter(|p| p.day_part().is_some())
            .map(|p| PartialDate::from_days(p.first_day() + delta))
    };
    match lower {
        "today" => return Some((day(0), i + 1)),
        "yesterday" => return Some((day(-1), i + 1)),
        "tomorrow" => return Some((day(1), i + 1)),
        _ => {}
    }
    if let Some(wd) = weekday(w) {
        if t.case == Case::Lower {
            return None;
        }
        // "Monday, December 15" is the absolute date that follows.
        let prev = i
            .checked_sub(1)
            .and_then(|p| word_at(tokens, text, p))
            .map(str::to_ascii_lowercase);
        let v = published.filter(|p| p.day_part().is_some()).map(|p| {
            let pd = p.first_day();
            // 1970-01-01 was a Thursday (3 with Monday = 0).
            let pw = (pd + 3).rem_euclid(7);
            let back = (pw - i64::from(wd)).rem_euclid(7);
            let fwd = (i64::from(wd) - pw).rem_euclid(7);
            let future = match prev.as_deref() {
                Some("next") | Some("coming") => true,
                Some("last") | Some("past") => false,
                _ => future_tense(text, tokens, i),
            };
            let delta = match (future, prev.as_deref()) {
                (true, Some("next")) if fwd == 0 => 7,
                (true, _) => fwd,
                (false, Some("last")) if back == 0 => -7,
                (false, _) => -back,
            };
            PartialDate::from_days(pd + delta)
        });
        return Some((v, i + 1));
    }
    // last/this/next year|month
    if matches!(lower, "last" | "this" | "next" | "past")
        && let Some(unit) = word_at(tokens, text, i + 1).map(str::to_ascii_lowercase)
    {
        let delta = match lower {
            "last" | "past" => -1,
            "next" => 1,
            _ => 0,
        };
        let v = match unit.as_str() {
            "year" => published.and_then(|p| PartialDate::year(p.year_part() + delta)),
            "month" => published.and_then(|p| add_months(p, i64::from(delta))),
            _ => return None,
        };
        return Some((v, i + 2));
    }
    // two days ago, a year ago
    let n = if lower == "a" || lower == "an" {
        Some(1)
    } else {
        NUMBER_WORDS
            .iter()
            .position(|n| *n == lower)
            .map(|n| n as i64)
    };
    let n = n.or_else(|| (t.kind == Kind::Number).then(|| w.parse().ok()).flatten());
    if let Some(n) = n
        && let Some(unit) = word_at(tokens, text, i + 1).map(str::to_ascii_lowercase)
        && word_in(tokens, text, i + 2, &["ago", "earlier"])
    {
        let earlier = word_in(tokens, text, i + 2, &["earlier"]);
        let v = match unit.as_str() {
            // "two days earlier" counts from some other event, not the publication.
            "day" | "days" if earlier => return None,
            "day" | "days" => day(-n),
            "year" | "years" => published.and_then(|p| PartialDate::year(p.year_part() - n as i32)),
            "month" | "months" => published.and_then(|p| add_months(p, -n)),
            _ => return None,
        };
        return Some((v, i + 3));
    }
    None
}

fn add_months(p: PartialDate, delta: i64) -> Option<PartialDate> {
    let m0 = i64::from(p.year_part()) * 12 + i64::from(p.month_part()? - 1) + delta;
    PartialDate::month(m0.div_euclid(12) as i32, (m0.rem_euclid(12) + 1) as u8)
}

/// Whether the clause before token `i` speaks of the future ("will meet on Monday").
fn future_tense(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens[i.saturating_sub(8)..i]
        .iter()
        .rev()
        .take_while(|t| !matches!(t.text(text), "." | ";"))
        .any(|t| {
            matches!(
                t.text(text),
                "will" | "'ll" | "shall" | "scheduled" | "expected" | "plans" | "due" | "upcoming"
            )
        })
}
