//! The article formats and what they share: the parsed record every reader
//! returns, the headline heuristic and metadata date parsing.

pub mod feed;
pub mod front_matter;
pub mod html;
mod html_date;
mod html_meta;
pub mod json;
pub mod text;
pub mod warc;

use search_extract::PartialDate;

/// Longest first line (in characters) still taken for a headline.
const MAX_HEADLINE_CHARS: usize = 150;

/// One article as a format reader sees it, before it gets its key, id and path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Position of the record in a file holding many (JSON-lines line number or
    /// JSON array position, both from 1); `None` for a one-article file.
    pub number: Option<usize>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub body_offset: Option<usize>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// What a reader made of one file: its records, warnings about the file, and
/// records it had to leave out (location suffix such as `:12`, reason).
#[derive(Debug, Default)]
pub struct Parsed {
    pub records: Vec<Record>,
    pub warnings: Vec<String>,
    pub bad_records: Vec<(String, String)>,
}

/// The first non-blank line of `text` when it reads as a headline: short, no
/// sentence-final punctuation, has letters or digits, and is not the whole text.
/// A Markdown heading's `#` marks are removed.
pub fn headline(text: &str) -> Option<&str> {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let first = lines.next()?;
    let line = first.trim_start_matches('#').trim();
    let rest_has_text = lines.any(|l| !l.is_empty());
    let reads_as_headline = rest_has_text
        && line.chars().count() <= MAX_HEADLINE_CHARS
        && line.chars().any(char::is_alphanumeric)
        && !line.ends_with(['.', ',', ';', ':']);
    reads_as_headline.then_some(line)
}

/// A publication date from metadata at day precision or less: RFC 3339 and ISO
/// forms (`2025-12-17T10:00:00Z`, `2025-12-17 10:00:00`, `2025-12-17`, `2021-08`,
/// `2021`) and the e-mail/RSS form (`Wed, 17 Dec 2025 10:00:00 +0000`,
/// `December 17, 2025`).
pub fn parse_date(raw: &str) -> Option<PartialDate> {
    let s = raw.trim();
    // 2019/11/19: year first, so as unambiguous as the ISO form.
    let slashed;
    let s = match s.as_bytes() {
        [y0, y1, y2, y3, b'/', m0, m1, b'/', d0, d1, ..]
            if [y0, y1, y2, y3, m0, m1, d0, d1]
                .iter()
                .all(|b| b.is_ascii_digit()) =>
        {
            slashed = s.replacen('/', "-", 2);
            slashed.as_str()
        }
        _ => s,
    };
    if let (Some(day), Some(rest)) = (s.get(..10), s.get(10..))
        && (rest.is_empty() || rest.starts_with(['T', 't', ' ']))
        && let Ok(date) = day.parse::<PartialDate>()
    {
        return Some(date);
    }
    s.parse().ok().or_else(|| parse_written_date(s))
}

/// `17 Dec 2025`, `Dec 17, 2025`, `Wed, 17 Dec 2025 10:00 GMT`, `Fri 6:45 PM,
/// Feb 16, 2018`: a month name, a four-digit year and (optionally) a day
/// number, in any order; a time of day is passed over.
fn parse_written_date(s: &str) -> Option<PartialDate> {
    let (mut year, mut month, mut day) = (None, None, None);
    for token in s.split(|c: char| !c.is_alphanumeric() && c != ':') {
        // A time of day: its numbers are not a day.
        if token.is_empty() || token.contains(':') {
            continue;
        }
        if token.chars().all(|c| c.is_ascii_alphabetic()) {
            if let Some(m) = month_number(token) {
                month.get_or_insert(m);
            }
        } else if token.chars().all(|c| c.is_ascii_digit()) {
            match token.len() {
                // A zone offset (+0530) is no year.
                4 => {
                    year = year.or(token
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1000..=2999).contains(y)))
                }
                1 | 2 => day = day.or(token.parse::<u8>().ok()),
                _ => return None,
            }
        }
    }
    match (year?, month?, day) {
        (y, m, Some(d)) => PartialDate::day(y, m, d),
        (y, m, None) => PartialDate::month(y, m),
    }
}

/// The month a word names (`Dec`, `dec`, `Sept`, `December`), from 1; a word
/// that only starts like one (`Decision`, `Mayor`) names none.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let word = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .map(|m| m as u8 + 1)
}

/// A title for an article that has none: its file name without the extension.
pub fn title_from_file_name(path: &std::path::Path) -> String {
    path.file_stem()
        .or_else(|| path.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        PartialDate::day(y, m, d)
    }

    #[test]
    fn a_short_first_line_is_a_headline() {
        assert_eq!(
            headline("\n  Muttaqi meets Iranian envoy  \nKabul, Dec 17 ..."),
            Some("Muttaqi meets Iranian envoy")
        );
        assert_eq!(
            headline("# Markdown heading\n\ntext"),
            Some("Markdown heading")
        );
        assert_eq!(
            headline("Is this a question?\nYes."),
            Some("Is this a question?")
        );
    }

    #[test]
    fn sentences_long_lines_and_lone_lines_are_not_headlines() {
        assert_eq!(headline("The minister said talks went well.\nMore."), None);
        assert_eq!(headline(&format!("{}\nmore", "word ".repeat(40))), None);
        assert_eq!(headline("Only one line"), None);
        assert_eq!(headline("---\nbody"), None);
        assert_eq!(headline(""), None);
    }

    #[test]
    fn metadata_dates_parse_at_day_precision_or_less() {
        assert_eq!(parse_date("2025-12-17T10:00:00Z"), day(2025, 12, 17));
        assert_eq!(parse_date("2025-12-17T10:00:00+04:30"), day(2025, 12, 17));
        assert_eq!(parse_date("2025-12-17 10:00:00"), day(2025, 12, 17));
        assert_eq!(parse_date(" 2025-12-17 "), day(2025, 12, 17));
        assert_eq!(parse_date("2021-08"), PartialDate::month(2021, 8));
        assert_eq!(parse_date("2021"), PartialDate::year(2021));
        assert_eq!(
            parse_date("Wed, 17 Dec 2025 10:00:00 +0000"),
            day(2025, 12, 17)
        );
        assert_eq!(parse_date("December 17, 2025"), day(2025, 12, 17));
        assert_eq!(parse_date("August 2021"), PartialDate::month(2021, 8));
        assert_eq!(parse_date("2019/11/19"), day(2019, 11, 19));
        assert_eq!(parse_date("Fri 6:45 PM, Feb 16, 2018"), day(2018, 2, 16));
        assert_eq!(
            parse_date("01:38:07 PM IST Nov 20, 2019"),
            day(2019, 11, 20)
        );
        assert_eq!(parse_date("Nov. 18, 2019, 4:06 p.m."), day(2019, 11, 18));
        assert_eq!(parse_date("Sept 3, 2019"), day(2019, 9, 3));
    }

    #[test]
    fn nonsense_dates_do_not_parse() {
        for s in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-02-30T00:00Z",
            "17/12/2025",
            "Dec 99, 2025",
            "Decision of the Mayor, 2019",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
