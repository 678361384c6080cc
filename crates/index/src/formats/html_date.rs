//! A saved page's publication date, from the places publishers put it, most
//! deliberate first:
//!
//! 1. `<meta>` tags named for it (`article:published_time` and its kin);
//! 2. JSON-LD `datePublished`;
//! 3. `itemprop=datePublished` (its `content`, `datetime` or text);
//! 4. the first `<time datetime>`;
//! 5. any other `<meta>` whose name speaks of a publication or post date
//!    (`sn-post-date`, `parsely-pub-date`, ...);
//! 6. a byline's text: a short `<time>` or an element whose class or id says
//!    date, byline, dateline, posted or published (`Posted: Fri 6:45 PM, Feb 16,
//!    2018`), where a month name and a year are written;
//! 7. the date in the page's url (`/2019/11/18/`, `/2019-11-18/`,
//!    `/2019/nov/18/`, `-20191115/`, `/2019/11/`).
//!
//! A year before 1900 or after 2100 is a placeholder (`0001-01-01`), not a date.
//! When the url holds a full date one day off the metadata's, the url's day is
//! taken: the metadata's is then the publisher's evening written in UTC; so is
//! a byline's date one day before a metadata time in UTC.

use search_extract::PartialDate;
use serde_json::Value;
use trafilatura::dom::{Document, NodeId};

use super::parse_date;

/// `<meta>` names and properties holding the publication date, in order of trust.
const DATE_METAS: [&str; 10] = [
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
];

/// Longest byline text read for a date, in bytes: longer is prose.
const MAX_BYLINE_BYTES: usize = 120;
/// Byline candidates looked at, in document order.
const MAX_BYLINES: usize = 12;

/// The page's publication date; `ld` are its JSON-LD objects, articles first,
/// `url` its canonical url.
pub(super) fn published(doc: &Document, ld: &[Value], url: Option<&str>) -> Option<PartialDate> {
    let plausible = |d: PartialDate| (1900..=2100).contains(&d.year_part()).then_some(d);
    let parse = |raw: String| parse_date(&raw).and_then(plausible).map(|d| (d, raw));
    let from_metadata = DATE_METAS
        .iter()
        .find_map(|name| super::html_meta::meta(doc, &[name]).and_then(parse))
        .or_else(|| {
            ld.iter()
                .find_map(|v| super::html_meta::string_at(v, "datePublished").and_then(parse))
        })
        .or_else(|| {
            select(doc, "[itemprop=datePublished]")
                .into_iter()
                .find_map(|s| {
                    doc.get_attribute(s, "content")
                        .or_else(|| doc.get_attribute(s, "datetime"))
                        .or_else(|| short_text(doc, s))
                        .and_then(parse)
                })
        })
        .or_else(|| {
            select(doc, "time[datetime]")
                .into_iter()
                .find_map(|s| doc.get_attribute(s, "datetime").and_then(parse))
        })
        .or_else(|| other_date_meta(doc).and_then(parse));
    let from_url = url.and_then(url_date).and_then(plausible);
    let one_day_apart = |a: PartialDate, b: PartialDate| {
        a.day_part().is_some()
            && b.day_part().is_some()
            && (a.first_day() - b.first_day()).abs() == 1
    };
    match (from_metadata, from_url) {
        (Some((meta, _)), Some(url)) if one_day_apart(meta, url) => Some(url),
        (Some((meta, raw)), _) if in_utc(&raw) => {
            // A byline one day earlier is the publisher's own day of an
            // evening the metadata writes in UTC (a later one is the page's
            // "today" in its header).
            match byline_date(doc).and_then(plausible) {
                Some(byline) if one_day_apart(meta, byline) && byline < meta => Some(byline),
                _ => Some(meta),
            }
        }
        (Some((meta, _)), _) => Some(meta),
        (None, url) => byline_date(doc).and_then(plausible).or(url),
    }
}

/// Whether a metadata timestamp is a time in UTC: `Z`, `+00:00`, or no zone.
fn in_utc(raw: &str) -> bool {
    let raw = raw.trim();
    let Some(time) = raw.get(10..).filter(|t| t.starts_with(['T', ' '])) else {
        return false;
    };
    let zoned = time[1..].contains(['+', '-']);
    raw.ends_with(['Z', 'z']) || raw.ends_with("+00:00") || raw.ends_with("+0000") || !zoned
}

fn select(doc: &Document, selector: &str) -> Vec<NodeId> {
    doc.query_selector_all(doc.root(), selector)
}

/// An element's text when it is short enough to be a date or a byline.
fn short_text(doc: &Document, node: NodeId) -> Option<String> {
    let text = doc.text_content(node);
    let text = text.trim();
    (!text.is_empty() && text.len() <= MAX_BYLINE_BYTES).then(|| text.to_string())
}

/// The first `<meta>` not in [`DATE_METAS`] whose name says it is a publication
/// or post date.
fn other_date_meta(doc: &Document) -> Option<String> {
    select(doc, "meta[content]").into_iter().find_map(|m| {
        let named = ["name", "property", "itemprop"].iter().any(|a| {
            doc.get_attribute(m, a).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("date") && (v.contains("pub") || v.contains("post"))
            })
        });
        named.then(|| doc.get_attribute(m, "content")).flatten()
    })
}

/// A date written in a byline: a short `<time>`'s text, or an element's whose
/// class or id names a date, byline or posting. Only a written date counts (a
/// month name and a year), so that numbers in a byline are not taken for one.
fn byline_date(doc: &Document) -> Option<PartialDate> {
    const MARKS: [&str; 6] = [
        "date",
        "byline",
        "dateline",
        "posted",
        "published",
        "pubdate",
    ];
    let mut candidates = select(doc, "time");
    let mut marked = select(doc, "[class]");
    marked.extend(select(doc, "[id]"));
    candidates.extend(
        marked
            .into_iter()
            .filter(|&n| {
                ["class", "id"].iter().any(|a| {
                    doc.get_attribute(n, a).is_some_and(|v| {
                        let v = v.to_ascii_lowercase();
                        MARKS.iter().any(|m| v.contains(m)) && !v.contains("update")
                    })
                })
            })
            .take(MAX_BYLINES),
    );
    candidates.into_iter().find_map(|n| {
        let text = short_text(doc, n)?;
        // A written date: the ISO forms belong to attributes, not bylines.
        let has_month_name = text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| super::month_number(w).is_some());
        if !has_month_name {
            return None;
        }
        parse_date(&text).filter(|d| d.day_part().is_some())
    })
}

/// The date a url's path carries: `/2019/11/18/`, `/2019-11-18/`,
/// `/2019/nov/18/`, a slug ending in `-20191115`, else `/2019/11/` (a month).
pub(super) fn url_date(url: &str) -> Option<PartialDate> {
    let path = url.split("://").nth(1).unwrap_or(url);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let month_of = |s: &str| -> Option<u8> {
        number(s, 2)
            .map(|m| m as u8)
            .or_else(|| super::month_number(s))
    };
    let mut month_only = None;
    for (i, part) in parts.iter().enumerate() {
        // /2019-11-18/ (or the start of a segment: /2019-11-18-slug/)
        if let Some(day) = part.get(..10).and_then(|s| s.parse::<PartialDate>().ok())
            && day.day_part().is_some()
            && part.len() == 10
        {
            return Some(day);
        }
        let Some(year) = number(part, 4) else {
            continue;
        };
        let Some(month) = parts.get(i + 1).and_then(|m| month_of(m)) else {
            continue;
        };
        let day = parts.get(i + 2).and_then(|d| number(d, 2));
        if let Some(day) = day.and_then(|d| PartialDate::day(year as i32, month, d as u8)) {
            return Some(day);
        }
        month_only = month_only.or_else(|| PartialDate::month(year as i32, month));
    }
    // A slug ending in -YYYYMMDD.
    let slug = parts.iter().rev().find(|p| !p.is_empty())?;
    let tail = slug.rsplit(['-', '_']).next().unwrap_or_default();
    if let Some(n) = number(tail, 8)
        && let Some(day) =
            PartialDate::day((n / 10000) as i32, (n / 100 % 100) as u8, (n % 100) as u8)
    {
        return Some(day);
    }
    month_only
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(html: &str, url: Option<&str>) -> Option<PartialDate> {
        let doc = Document::parse(html);
        published(&doc, &[], url)
    }

    fn day(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        PartialDate::day(y, m, d)
    }

    #[test]
    fn url_dates_in_their_common_forms() {
        let cases = [
            ("https://a.example/2019/11/18/slug/", day(2019, 11, 18)),
            ("https://a.example/news/2019-11-19/slug", day(2019, 11, 19)),
            ("https://a.example/x/2019/nov/18/slug", day(2019, 11, 18)),
            ("https://a.example/tuft-cells-20191115/", day(2019, 11, 15)),
            (
                "https://a.example/ent/2019/11/slug.html",
                PartialDate::month(2019, 11),
            ),
            ("https://a.example/article/4656421.html", None),
            ("https://a.example/2019/13/40/x", None),
            (
                "https://a.example/news-and-events/x.html?d=2019/11/18",
                None,
            ),
        ];
        for (url, want) in cases {
            assert_eq!(url_date(url), want, "{url}");
        }
    }

    #[test]
    fn a_byline_gives_a_written_date_and_nothing_else_does() {
        assert_eq!(
            date_of(
                r#"<span class="storyDate">Posted: <span>Fri 6:45 PM, Feb 16, 2018</span></span>"#,
                None
            ),
            day(2018, 2, 16)
        );
        assert_eq!(
            date_of(
                r#"<div class="ws-press__container__date"><div> October 12, 2017 </div></div>"#,
                None
            ),
            day(2017, 10, 12)
        );
        assert_eq!(
            date_of(r#"<time class="pub-date">November 18, 2019</time>"#, None),
            day(2019, 11, 18)
        );
        // Numbers alone, an update, and prose are not a byline's date.
        assert_eq!(
            date_of(r#"<span class="date">18 11 2019</span>"#, None),
            None
        );
        assert_eq!(
            date_of(r#"<span class="updated-date">Nov 19, 2019</span>"#, None),
            None
        );
        let prose = format!(
            r#"<p class="date">{} in May 2017.</p>"#,
            "words ".repeat(30)
        );
        assert_eq!(date_of(&prose, None), None);
    }

    #[test]
    fn placeholders_fall_back_and_the_urls_day_settles_an_evening_in_utc() {
        assert_eq!(
            date_of(
                r#"<meta property="article:published_time" content="0001-01-01T00:00:00Z">"#,
                Some("https://a.example/sport/2019/11/19/slug/1/")
            ),
            day(2019, 11, 19)
        );
        assert_eq!(
            date_of(
                r#"<meta name="pubdate" content="2019-11-19T02:34:30Z">"#,
                Some("https://a.example/2019/11/18/markets/index.html")
            ),
            day(2019, 11, 18)
        );
        // Further apart, the metadata stands.
        assert_eq!(
            date_of(
                r#"<meta name="pubdate" content="2019-11-25T02:34:30Z">"#,
                Some("https://a.example/2019/11/18/markets/index.html")
            ),
            day(2019, 11, 25)
        );
        // A byline the day before a UTC time; not a header's "today" after it.
        let page = |byline: &str| {
            format!(
                r#"<meta property="article:published_time" content="2019-11-20T04:31:13+00:00">
                <div class="byline">Chris Davies - {byline}</div>"#
            )
        };
        assert_eq!(
            date_of(&page("Nov 19, 2019, 10:31 pm CST"), None),
            day(2019, 11, 19)
        );
        assert_eq!(date_of(&page("Nov 21, 2019"), None), day(2019, 11, 20));
        assert_eq!(
            date_of(r#"<meta name="sn-post-date" content="2019/11/19">"#, None),
            day(2019, 11, 19)
        );
    }
}
