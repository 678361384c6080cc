//! Saved web pages (`.html`, `.htm`): the article's own text, without menus,
//! ads, comments or "related stories", and what the page says about itself
//! (title, publication date, canonical url, site name) from its metadata.
//!
//! The body comes from [`trafilatura`] (a port of go-trafilatura), chosen on the
//! article-extraction benchmark (see `BENCHMARKS.md`); the metadata is read here
//! ([`super::html_meta`]) from the same parsed page, so that each source the
//! issue names is looked at and a date keeps the page's own day.

use trafilatura::dom::Document;

use super::{Parsed, Record, html_meta};

/// Below this many characters, trafilatura's own text is checked against
/// readability's and jusText's (its fallback), and the better is kept; above it,
/// the text stands. The fallback doubles the time of a page; on long texts it
/// rarely changes the result (see `BENCHMARKS.md`).
const FALLBACK_BELOW_CHARS: usize = 3000;

/// Fewest words taken for an article: less is a menu, a login form or an
/// error page, which the fallback extractors still return some text of.
const MIN_BODY_WORDS: usize = 8;

/// The `charset` a page declares in its first bytes (`<meta charset=...>` or
/// `<meta http-equiv=Content-Type content="text/html; charset=...">`), as HTML's
/// prescan finds it: within the first 1024 bytes, and a little further, since
/// saved pages often carry a long comment before the head.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    const PRESCAN_BYTES: usize = 4096;
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        // Only inside a <meta ...> tag.
        let tag_start = lower[..i].iter().rposition(|&b| b == b'<');
        let tag_end = lower[..i].iter().rposition(|&b| b == b'>');
        let in_meta = match (tag_start, tag_end) {
            (Some(s), e) if e.is_none_or(|e| e < s) => lower[s..].starts_with(b"<meta"),
            _ => false,
        };
        if !in_meta {
            continue;
        }
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(&b)))
            .map_or(lower.len(), |n| i + n);
        if end > i {
            return Some(String::from_utf8_lossy(&lower[i..end]).into_owned());
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A page's article. `Err` when the page holds no article text.
pub fn read_html(html: &str) -> Result<Parsed, String> {
    let doc = Document::parse(html);
    let meta = html_meta::read(&doc);
    let body = article_text(doc)?;
    Ok(Parsed {
        records: vec![Record {
            title: meta.title,
            published: meta.published,
            url: meta.url,
            source: meta.site_name,
            body,
            // The text is extracted from markup: no offsets into the file.
            body_offset: None,
            ..Record::default()
        }],
        ..Parsed::default()
    })
}

/// The article's own text, paragraphs apart by a blank line.
fn article_text(doc: Document) -> Result<String, String> {
    let options = trafilatura::Options::default().with_exclude_comments(true);
    let backup = doc.clone_document();
    let mut extracted = trafilatura::extract_document(doc, &options);
    let short = extracted
        .as_ref()
        .map_or(true, |e| e.content_text.len() < FALLBACK_BELOW_CHARS);
    if short {
        extracted = trafilatura::extract_document(backup, &options.with_fallback(true));
    }
    let extracted = extracted.map_err(|e| format!("no article text found ({e})"))?;
    let text = tidy(&extracted.content_text);
    if text.split_whitespace().nth(MIN_BODY_WORDS - 1).is_none() {
        return Err("no article text found in the page".into());
    }
    Ok(text)
}

/// Lines trimmed, runs of blank lines made one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_charset_is_found_in_a_meta_tag() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
            )
            .as_deref(),
            Some("windows-1251")
        );
        // Not in a meta tag: the text of the page.
        assert_eq!(declared_charset(b"<p>charset=koi8-r</p>"), None);
        assert_eq!(declared_charset(b"<html>"), None);
    }

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Envoy meets minister in Kabul | Example News</title>
        <meta property="article:published_time" content="2025-12-17T10:00:00+04:30">
        <link rel="canonical" href="https://news.example/kabul">
        </head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <article><h1>Envoy meets minister in Kabul</h1>
        <p>The Iranian envoy met the foreign minister of Afghanistan in Kabul on Wednesday to discuss trade across the border and the return of refugees.</p>
        <p>Both sides said the talks had gone well and agreed to meet again in Tehran early next year, officials told reporters after the meeting.</p>
        </article>
        <aside><h3>Related stories</h3><ul><li><a href="/x">Football results from the weekend</a></li></ul></aside>
        <footer>Copyright Example News. All rights reserved.</footer>
        </body></html>"#;

    #[test]
    fn a_page_gives_its_article_text_and_metadata() {
        let p = read_html(PAGE).unwrap();
        let r = &p.records[0];
        assert_eq!(r.title.as_deref(), Some("Envoy meets minister in Kabul"));
        assert_eq!(r.published, search_extract::PartialDate::day(2025, 12, 17));
        assert_eq!(r.url.as_deref(), Some("https://news.example/kabul"));
        assert!(
            r.body
                .contains("The Iranian envoy met the foreign minister"),
            "{}",
            r.body
        );
        assert!(
            r.body.contains("agreed to meet again in Tehran"),
            "{}",
            r.body
        );
        for boilerplate in ["Sport", "Football results", "All rights reserved"] {
            assert!(!r.body.contains(boilerplate), "{boilerplate} in {}", r.body);
        }
        assert_eq!(r.body_offset, None);
    }

    #[test]
    fn a_page_without_article_text_is_refused() {
        let err = read_html("<html><head><title>Login</title></head><body><nav><a href=/>Home</a></nav></body></html>")
            .unwrap_err();
        assert!(err.starts_with("no article text"), "{err}");
    }

    #[test]
    fn tidy_joins_paragraphs_with_one_blank_line() {
        assert_eq!(tidy("  a \n\n\n b\nc\n\n"), "a\n\nb\nc");
    }
}
