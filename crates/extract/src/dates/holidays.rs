//! Holidays as dates: "Christmas", "New Year's Day", "Thanksgiving", "Election
//! Day", "Easter" ... in the year the text gives ("Christmas 1997") or, without one,
//! the occurrence nearest the publication date (the next one in a future-tense
//! clause, the last one after "last").

use super::{is, word_at, word_in, year};
use crate::PartialDate;
use crate::text::{Kind, Token, possessive_at};

/// How a holiday falls in a year.
#[derive(Clone, Copy)]
enum Rule {
    /// A fixed day: (month, day).
    Fixed(u8, u8),
    /// The `n`th weekday (Monday = 0) of a month; `n` 0 is the last.
    Nth(u8, u8, u8),
    /// The Tuesday after the first Monday of November (US Election Day).
    Election,
    /// Western Easter Sunday.
    Easter,
}

impl Rule {
    fn in_year(self, y: i32) -> Option<PartialDate> {
        match self {
            Rule::Fixed(m, d) => PartialDate::day(y, m, d),
            Rule::Nth(m, wd, n) => {
                let first = PartialDate::day(y, m, 1)?.first_day();
                if n == 0 {
                    let last =
                        PartialDate::day(y, m, crate::date::days_in_month(y, m))?.first_day();
                    let back = (weekday_of(last) - i64::from(wd)).rem_euclid(7);
                    return Some(PartialDate::from_days(last - back));
                }
                let fwd = (i64::from(wd) - weekday_of(first)).rem_euclid(7);
                Some(PartialDate::from_days(first + fwd + 7 * i64::from(n - 1)))
            }
            Rule::Election => {
                let monday = Rule::Nth(11, 0, 1).in_year(y)?;
                Some(PartialDate::from_days(monday.first_day() + 1))
            }
            Rule::Easter => {
                // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
                let a = y % 19;
                let b = y / 100;
                let c = y % 100;
                let d = b / 4;
                let e = b % 4;
                let f = (b + 8) / 25;
                let g = (b - f + 1) / 3;
                let h = (19 * a + b - d - g + 15) % 30;
                let i = c / 4;
                let k = c % 4;
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 22 * l) / 451;
                let month = (h + l - 7 * m + 114) / 31;
                let day = (h + l - 7 * m + 114) % 31 + 1;
                PartialDate::day(y, month as u8, day as u8)
            }
        }
    }
}

/// Monday = 0 (1970-01-01, day 0, was a Thursday).
fn weekday_of(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// The holiday whose name starts at token `i`, and the token after the name.
fn name_at(text: &str, tokens: &[Token], i: usize) -> Option<(Rule, usize)> {
    let w = word_at(tokens, text, i)?;
    // Runs for capitalised words only: reject on length and first letter first.
    if !matches!(w.len(), 3 | 5 | 6 | 8 | 9 | 12)
        || !matches!(
            w.as_bytes()[0],
            b'C' | b'T' | b'E' | b'N' | b'H' | b'V' | b'B' | b'I' | b'L' | b'M'
        )
    {
        return None;
    }
    let day = |k: usize| word_in(tokens, text, k, &["day"]);
    // "Valentine's Day", "New Year's Eve": the possessive is three tokens.
    Some(match w {
        "Christmas" if word_in(tokens, text, i + 1, &["eve"]) => (Rule::Fixed(12, 24), i + 2),
        "Christmas" if day(i + 1) => (Rule::Fixed(12, 25), i + 2),
        "Christmas" => (Rule::Fixed(12, 25), i + 1),
        "Thanksgiving" if day(i + 1) => (Rule::Nth(11, 3, 4), i + 2),
        "Thanksgiving" => (Rule::Nth(11, 3, 4), i + 1),
        "Halloween" => (Rule::Fixed(10, 31), i + 1),
        "Easter" if word_in(tokens, text, i + 1, &["sunday"]) => (Rule::Easter, i + 2),
        "Easter" => (Rule::Easter, i + 1),
        "Election" if day(i + 1) => (Rule::Election, i + 2),
        "Boxing" if day(i + 1) => (Rule::Fixed(12, 26), i + 2),
        "Independence" if day(i + 1) => (Rule::Fixed(7, 4), i + 2),
        "Labor" if day(i + 1) => (Rule::Nth(9, 0, 1), i + 2),
        "Memorial" if day(i + 1) => (Rule::Nth(5, 0, 0), i + 2),
        "Valentine" if possessive_at(tokens, text, i + 1) && day(i + 3) => {
            (Rule::Fixed(2, 14), i + 4)
        }
        "New" if word_in(tokens, text, i + 1, &["year"]) && possessive_at(tokens, text, i + 2) => {
            if day(i + 4) {
                (Rule::Fixed(1, 1), i + 5)
            } else if word_in(tokens, text, i + 4, &["eve"]) {
                (Rule::Fixed(12, 31), i + 5)
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// A holiday at token `i`: its date (`None` when no year is given and no
/// publication date is known) and the token after it.
pub(super) fn holiday(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, usize)> {
    let (rule, mut end) = name_at(text, tokens, i)?;
    // "Christmas 1997", "Christmas of 1997", "Easter, 1998".
    let mut y_at = end;
    if is(tokens, text, y_at, ",") || word_in(tokens, text, y_at, &["of"]) {
        y_at += 1;
    }
    if let Some(y) = year(tokens, text, y_at) {
        end = y_at + 1;
        return Some((rule.in_year(y), end));
    }
    let last = i >= 1 && word_in(tokens, text, i - 1, &["last", "past"]);
    let next = i >= 1 && word_in(tokens, text, i - 1, &["next", "coming", "this"]);
    let v = published.filter(|p| p.day_part().is_some()).and_then(|p| {
        let pd = p.first_day();
        let py = p.year_part();
        let candidates = [py - 1, py, py + 1].map(|y| rule.in_year(y));
        let before = candidates
            .iter()
            .flatten()
            .rfind(|d| d.first_day() <= pd)
            .copied();
        let after = candidates
            .iter()
            .flatten()
            .find(|d| d.first_day() >= pd)
            .copied();
        if last {
            before
        } else if next || super::relative::future_tense(text, tokens, i) {
            after
        } else {
            // The nearest, ties to the coming one.
            match (before, after) {
                (Some(b), Some(a)) if pd - b.first_day() < a.first_day() - pd => Some(b),
                (b, a) => a.or(b),
            }
        }
    });
    // A holiday's name with no word of time around it is still a date, but not
    // when it names something else: "Christmas trees", "Easter eggs".
    if tokens.get(end).is_some_and(|t| {
        t.kind == Kind::Word
            && matches!(
                t.text(text),
                "tree"
                    | "trees"
                    | "eggs"
                    | "egg"
                    | "cards"
                    | "card"
                    | "shopping"
                    | "sales"
                    | "season"
                    | "party"
                    | "parties"
                    | "gifts"
                    | "lights"
            )
    }) {
        return Some((None, end));
    }
    Some((v, end))
}
