//! Relative dates: "yesterday", "on Monday", "last year", "in May", "two days ago",
//! resolved against the publication date; without one they are recognised (so that
//! their words are not read as anything else) but given no value.

use super::{word_at, word_in};
use crate::PartialDate;
use crate::lexicon::weekday;
use crate::text::{Case, Kind, Token};

/// "in May", "last May": a month name alone, only after a word that makes it a date.
pub(super) fn relative_month(
    text: &str,
    tokens: &[Token],
    i: usize,
    after: usize,
    m: u8,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let word = i.checked_sub(1).and_then(|p| word_at(tokens, text, p))?;
    // Lower-cased on the stack, not in a new `String` (a month name stands in most
    // articles): no word of the list below is longer than eight letters.
    let mut buf = [0u8; 8];
    let prev = buf.get_mut(..word.len())?;
    prev.copy_from_slice(word.as_bytes());
    prev.make_ascii_lowercase();
    let prev: &[u8] = prev;
    let dir = match prev {
        b"last" => -1,
        b"next" => 1,
        // "this September": the one of the publication year.
        b"this" => 2,
        b"in" | b"since" | b"until" | b"till" | b"by" | b"early" | b"late" | b"mid" | b"during"
        | b"from" | b"of" | b"through" | b"before" | b"after" | b"end" | b"for" | b"to" | b"a" => 0,
        _ => return None,
    };
    // "pay down the loan by February": a deadline ahead.
    let future = prev == b"by" || future_tense(text, tokens, i);
    let v = published.and_then(|p| month_from(p, m, dir, future));
    Some((v, after))
}

/// The month `m` meant relative to the publication date `p`: `dir` -1 for "last", 1
/// for "next", 2 for "this", 0 for a bare month. A bare month is the latest one up to
/// the publication month (news reports the past), except one to three months ahead
/// ("talks resume in January", written in November) or in a future-tense clause.
pub(super) fn month_from(p: PartialDate, m: u8, dir: i8, future: bool) -> Option<PartialDate> {
    let (py, pm) = (p.year_part(), p.month_part()?);
    let ahead = (i32::from(m) - i32::from(pm)).rem_euclid(12);
    let dir = if dir == 0 && (future || (1..=3).contains(&ahead)) {
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
}

/// The day `d` of month `m` without a year: the one nearest the publication date
/// (a day named this way is as often a coming deadline as a past event), or the
/// latest up to it after a verb of the past ("the year ended March 31").
pub(super) fn nearest_day(p: PartialDate, m: u8, d: u8, past: bool) -> Option<PartialDate> {
    let pm = p.month_part()?;
    let py = p.year_part();
    let y = if past {
        let pd = p.day_part().unwrap_or(31);
        if (m, d) > (pm, pd) { py - 1 } else { py }
    } else if i32::from(m) - i32::from(pm) > 6 {
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
pub(super) fn relative_lower(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    if starts_relative(tokens[i].text(text).as_bytes()) {
        relative_word(text, tokens, i, published)
    } else {
        None
    }
}

/// Whether a word (in any case) can start a relative expression: "today", "last",
/// "a", "two" ... Dispatches on length and first letter, as it runs for every word.
pub(super) fn starts_relative(w: &[u8]) -> bool {
    let Some(&first) = w.first() else {
        return false;
    };
    let candidates: &[&[u8]] = match (w.len(), first | 0x20) {
        (1, b'a') => return true,
        (2, b'a') => &[b"an"],
        (3, b'o') => &[b"one"],
        (3, b't') => &[b"two", b"ten"],
        (3, b's') => &[b"six"],
        (4, b'l') => &[b"last"],
        (4, b't') => &[b"this"],
        (4, b'n') => &[b"next", b"nine"],
        (4, b'p') => &[b"past"],
        (4, b'z') => &[b"zero"],
        (4, b'y') => &[b"year"],
        (4, b'f') => &[b"four", b"five"],
        (5, b't') => &[b"today", b"three"],
        (5, b's') => &[b"seven"],
        (5, b'e') => &[b"eight"],
        (6, b'e') => &[b"eleven"],
        (6, b't') => &[b"twelve"],
        (7, b't') => &[b"tonight"],
        (8, b't') => &[b"tomorrow"],
        (8, b'n') => &[b"nineteen"],
        (9, b'y') => &[b"yesterday"],
        _ => return false,
    };
    candidates.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// Whether the words after the lower-case word `w` at token `i` (one that
/// [`starts_relative`]) can make it a date, as [`relative_word`] would find: "last",
/// "this", "next" and "past" only before "year" or "month", a number word other
/// than "two" (which may start a year in words) only two words before "ago" or
/// "earlier". Settles the common "this", "last" and "one" in the skipping loop.
pub(super) fn may_follow(text: &str, tokens: &[Token], i: usize, w: &[u8]) -> bool {
    let is = |s: &str| w.eq_ignore_ascii_case(s.as_bytes());
    if is("last") || is("this") || is("next") || is("past") {
        return word_at(tokens, text, i + 1).is_some_and(|u| {
            u.eq_ignore_ascii_case("year")
                || u.eq_ignore_ascii_case("month")
                || part_of_day(tokens, text, i).is_some()
        });
    }
    if !is("two") && NUMBER_WORDS.iter().any(|n| is(n)) {
        return super::ago_at(tokens, text, i + 2);
    }
    true
}

/// Relative expressions that start with a word: today, yesterday, Monday, last year,
/// two days ago.
pub(super) fn relative_word(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let t = &tokens[i];
    let w = t.text(text);
    // A number or "a"/"an" starts a date only as "two days ago" / "a year earlier":
    // settle the common case (no "ago" two tokens on) before any other work.
    let counted = t.kind == Kind::Number || w.len() <= 2;
    if counted && !word_in(tokens, text, i + 2, &["ago", "earlier"]) {
        return None;
    }
    // Lower-case on the stack: no allocation for the many words that are no date.
    let mut buf = [0u8; 12];
    if w.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
    // Years in words, as transcripts of broadcasts write them: "nineteen
    // ninety-six", "the year two thousand".
    if (lower == "nineteen" || lower == "two")
        && let Some((y, end)) = spelled_year(text, tokens, i)
    {
        return Some((PartialDate::year(y), end));
    }
    if lower == "nineteen" {
        return None;
    }
    let relative_start = matches!(
        lower,
        "today"
            | "tonight"
            | "yesterday"
            | "tomorrow"
            | "last"
            | "this"
            | "next"
            | "past"
            | "a"
            | "an"
    ) || NUMBER_WORDS.contains(&lower);
    if !relative_start && t.kind != Kind::Number && weekday(w).is_none() {
        return None;
    }
    let day = |delta: i64| {
        published
            .filter(|p| p.day_part().is_some())
            .map(|p| PartialDate::from_days(p.first_day() + delta))
    };
    // "the people of tomorrow", "VOA Today", "USA Today": a figure of speech or a
    // programme's name, no day.
    if matches!(lower, "today" | "tonight" | "tomorrow")
        && i >= 1
        && (word_in(tokens, text, i - 1, &["of"])
            || (t.case != Case::Lower
                && tokens[i - 1].kind == Kind::Word
                && tokens[i - 1].case != Case::Lower))
    {
        return Some((None, i + 1));
    }
    // "this morning", "last night": a time of day, dated by its day.
    if let Some(delta) = part_of_day(tokens, text, i) {
        return Some((day(delta), i + 2));
    }
    match lower {
        "today" | "tonight" => return Some((day(0), i + 1)),
        "yesterday" => return Some((day(-1), i + 1)),
        "tomorrow" => return Some((day(1), i + 1)),
        _ => {}
    }
    if let Some(wd) = weekday(w) {
        if t.case == Case::Lower {
            return None;
        }
        // "Saturday, April 25" and "Friday Oct. 13": the absolute date that follows
        // says which; "each Thursday", "every Monday" is no one day.
        let mut k = i + 1;
        if is_punct(tokens, text, k, ",") {
            k += 1;
        }
        if super::month_at(tokens, text, k)
            .is_some_and(|(_, d)| super::day_number(tokens, text, d).is_some())
            || word_in(tokens, text, i.wrapping_sub(1), &["each", "every"])
        {
            return Some((None, i + 1));
        }
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
        && let Some(unit) = word_at(tokens, text, i + 1)
            .filter(|u| u.eq_ignore_ascii_case("year") || u.eq_ignore_ascii_case("month"))
            .map(str::to_ascii_lowercase)
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
        && word_in(tokens, text, i + 2, &["ago", "earlier"])
        && let Some(unit) = word_at(tokens, text, i + 1).map(str::to_ascii_lowercase)
    {
        let earlier = word_in(tokens, text, i + 2, &["earlier"]);
        // "up from $10 million a year ago", "compared with a year earlier": the same
        // period a year before (a quarter, a half) at a precision the facet has not;
        // the year alone would file this year's results under last year.
        if matches!(unit.as_str(), "year" | "years") && comparison(text, tokens, i) {
            return Some((None, i + 3));
        }
        let v = match unit.as_str() {
            // "two days earlier" counts from some other event, not the publication.
            "day" | "days" if earlier => return None,
            "day" | "days" => day(-n),
            // "two weeks ago" is a week, a precision the facets have not (as
            // "last week").
            "week" | "weeks" => return Some((None, i + 3)),
            "year" | "years" => published.and_then(|p| PartialDate::year(p.year_part() - n as i32)),
            "month" | "months" => published.and_then(|p| add_months(p, -n)),
            _ => return None,
        };
        return Some((v, i + 3));
    }
    None
}

/// The year of publication named without its number, at the lower-case word "year"
/// (token `i`): "the full year", "the current (fiscal) year", "earlier in the
/// year", "by the end of the year", "year's end", "year end". Gives the value (none
/// without a publication date) and the first and past-the-end tokens of the phrase.
///
/// A bare "the year" is left alone: news uses it as often for a span of time ("over
/// the year") or for a year the story named before; so is a year that ends on a
/// stated day ("the fiscal year ended Jan. 31", whose day is dated on its own).
pub(super) fn year_phrase(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize, usize)> {
    let this_year = published.and_then(|p| PartialDate::year(p.year_part()));
    // "year end", "year's end".
    let possessive = super::is(tokens, text, i + 1, "'") && super::is(tokens, text, i + 2, "s");
    let end_at = if possessive { i + 3 } else { i + 1 };
    let before = i.checked_sub(1).and_then(|p| word_at(tokens, text, p));
    let counted = before.is_some_and(|w| {
        ["last", "next", "this", "past", "a", "one", "fiscal"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c))
    });
    if word_in(tokens, text, end_at, &["end"]) && !counted {
        let start = if before.is_some_and(|w| w == "the") {
            i - 1
        } else {
            i
        };
        return Some((this_year, start, end_at + 1));
    }
    if possessive
        || word_in(
            tokens,
            text,
            i + 1,
            &[
                "ended", "ending", "ends", "earlier", "ago", "before", "after", "to",
            ],
        )
    {
        return None;
    }
    // Back over "full", "current", "fiscal", "calendar" to "the".
    let mut k = i;
    let mut current = false;
    while k >= 1
        && word_in(
            tokens,
            text,
            k - 1,
            &["full", "current", "fiscal", "calendar"],
        )
    {
        current |= word_in(tokens, text, k - 1, &["full", "current"]);
        k -= 1;
    }
    if k == 0 || !super::is(tokens, text, k - 1, "the") {
        return None;
    }
    let the = k - 1;
    if current {
        return Some((this_year, the, i + 1));
    }
    // "earlier in the year", "the end of the year", "for the rest of the year".
    let cue = the.checked_sub(2).filter(|&c| {
        (super::is(tokens, text, c + 1, "in")
            && word_in(tokens, text, c, &["earlier", "later", "early", "late"]))
            || (super::is(tokens, text, c + 1, "of")
                && word_in(
                    tokens,
                    text,
                    c,
                    &["end", "rest", "remainder", "start", "beginning", "balance"],
                ))
    })?;
    let start = if cue >= 1 && super::is(tokens, text, cue - 1, "the") {
        cue - 1
    } else {
        cue
    };
    Some((this_year, start, i + 1))
}

/// "this morning", "this afternoon", "this evening" (the day of publication), "last
/// night" (the day before) at token `i`: the day's offset from publication.
fn part_of_day(tokens: &[Token], text: &str, i: usize) -> Option<i64> {
    let first = word_at(tokens, text, i)?;
    let part = word_at(tokens, text, i + 1)?;
    if first.eq_ignore_ascii_case("this")
        && ["morning", "afternoon", "evening"]
            .iter()
            .any(|p| part.eq_ignore_ascii_case(p))
    {
        return Some(0);
    }
    (first.eq_ignore_ascii_case("last") && part.eq_ignore_ascii_case("night")).then_some(-1)
}

fn is_punct(tokens: &[Token], text: &str, i: usize, p: &str) -> bool {
    tokens.get(i).is_some_and(|t| t.text(text) == p)
}

/// Words that end a figure: "$3 million", "44 cents a share", "15%".
const FIGURE_ENDS: &[&str] = &[
    "million", "billion", "cents", "share", "pence", "%", "percent", "pct", "dlrs",
];

/// Whether the expression at token `i` compares with a figure before it ("$3
/// million a year ago", "44 cents a share, a year earlier") or after "from",
/// "with", "versus" ("down from a year ago").
fn comparison(text: &str, tokens: &[Token], i: usize) -> bool {
    let mut p = i;
    if p >= 1 && tokens[p - 1].text(text) == "," {
        p -= 1;
    }
    let Some(prev) = p.checked_sub(1).map(|k| &tokens[k]) else {
        return false;
    };
    let w = prev.text(text);
    prev.kind == Kind::Number
        || FIGURE_ENDS.iter().any(|f| w.eq_ignore_ascii_case(f))
        || matches!(w, "from" | "with" | "versus" | "vs" | "quarter" | "period")
}

/// A year written in words at token `i`: "nineteen ninety-six" (1996), "nineteen
/// seventy" (1970), or "two thousand" after "the year"; and the token after it.
pub(super) fn spelled_year(text: &str, tokens: &[Token], i: usize) -> Option<(i32, usize)> {
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let first = word_at(tokens, text, i)?;
    if first.eq_ignore_ascii_case("two") {
        let after_year = i >= 1 && word_in(tokens, text, i - 1, &["year"]);
        return (after_year && word_in(tokens, text, i + 1, &["thousand"]))
            .then_some((2000, i + 2));
    }
    if !first.eq_ignore_ascii_case("nineteen") {
        return None;
    }
    let next = word_at(tokens, text, i + 1)?;
    let (tens, unit) = next.split_once('-').unwrap_or((next, ""));
    let tens = TENS.iter().position(|t| tens.eq_ignore_ascii_case(t))? as i32;
    let unit = if unit.is_empty() {
        0
    } else {
        NUMBER_WORDS[1..10]
            .iter()
            .position(|n| unit.eq_ignore_ascii_case(n))? as i32
            + 1
    };
    Some((1900 + (tens + 2) * 10 + unit, i + 2))
}

fn add_months(p: PartialDate, delta: i64) -> Option<PartialDate> {
    let m0 = i64::from(p.year_part()) * 12 + i64::from(p.month_part()? - 1) + delta;
    PartialDate::month(m0.div_euclid(12) as i32, (m0.rem_euclid(12) + 1) as u8)
}

/// Whether the clause before token `i` speaks of the future ("will meet on Monday").
pub(super) fn future_tense(text: &str, tokens: &[Token], i: usize) -> bool {
    let w = |k: usize| tokens[k].text(text);
    let mut after_to = false;
    for k in (i.saturating_sub(14)..i).rev() {
        match w(k) {
            "." | ";" => return false,
            "will" | "'ll" | "shall" | "plans" | "upcoming" => return true,
            // "is due to expire Friday", but "had been due to expire Friday" and
            // "was scheduled to close Monday" are plans of the past.
            "scheduled" | "expected" | "due" => {
                let past = k >= 1
                    && (matches!(w(k - 1), "was" | "were")
                        || (w(k - 1) == "been" && k >= 2 && w(k - 2) == "had"));
                return !past;
            }
            // "set to resume Monday", "is to meet on Friday".
            "set" | "is" | "are" if after_to => return true,
            // "the year ended March 31", "which ended Friday": the past.
            "ended" | "ending" | "was" | "were" | "had" => return false,
            _ => {}
        }
        after_to = w(k) == "to";
    }
    false
}

/// Whether the clause before token `i` speaks of the past with a verb that dates
/// its object ("the year ended March 31", "terminated on Sept. 27").
pub(super) fn past_tense(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens[i.saturating_sub(3)..i]
        .iter()
        .rev()
        .take_while(|t| !matches!(t.text(text), "." | ";" | ","))
        .any(|t| {
            matches!(
                t.text(text),
                "ended" | "terminated" | "began" | "started" | "closed"
            )
        })
}
