//! RSS and Atom feeds (`.rss`, `.atom`, and `.xml` that is a feed), read with
//! [`feed_rs`]: one article per item, with its title, link (as url), publication
//! date and content or summary, HTML stripped to text; the feed's title is each
//! article's source.
//!
//! A feed whose XML breaks somewhere is read again item by item, so that only
//! the items that do not parse are lost (each reported by its number).

use feed_rs::model::{Entry, Feed};
use trafilatura::dom::Document;

use super::{Parsed, Record};

/// Whether text reads as a feed: its first element is `<rss>`, `<feed>` or
/// `<rdf:RDF>` (after any XML declaration, comments and doctype).
pub fn is_feed(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{FEFF}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?").or_else(|| rest.strip_prefix("<!")) {
            let end = if rest.starts_with("<!--") { "-->" } else { ">" };
            match after.find(end) {
                Some(at) => rest = &after[at + end.len()..],
                None => return false,
            }
            continue;
        }
        let name: String = rest
            .strip_prefix('<')
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == ':')
            .collect();
        return matches!(name.as_str(), "rss" | "feed" | "rdf:RDF" | "RDF");
    }
}

/// A feed's articles. `Err` when the text is not a feed.
pub fn read_feed(text: &str) -> Result<Parsed, String> {
    if !is_feed(text) {
        return Err("not an RSS or Atom feed (its first element is not <rss> or <feed>)".into());
    }
    let mut parsed = Parsed::default();
    match feed_rs::parser::parse(text.as_bytes()) {
        Ok(feed) => {
            let source = feed_title(&feed);
            for (i, entry) in feed.entries.iter().enumerate() {
                push(&mut parsed, entry, i + 1, source.as_deref());
            }
        }
        Err(whole) => salvage(text, &whole.to_string(), &mut parsed)?,
    }
    Ok(parsed)
}

fn push(parsed: &mut Parsed, entry: &Entry, number: usize, source: Option<&str>) {
    match record(entry, number, source) {
        Ok(r) => parsed.records.push(r),
        Err(reason) => parsed.bad_records.push((format!("#{number}"), reason)),
    }
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title
        .as_ref()
        .map(|t| strip_html(&t.content))
        .filter(|t| !t.is_empty())
}

/// Reads a feed that does not parse whole item by item: each `<item>` or
/// `<entry>` element is parsed on its own, in a feed of one.
fn salvage(text: &str, error: &str, parsed: &mut Parsed) -> Result<(), String> {
    let atom = !text.contains("<item");
    let (open, close) = if atom {
        ("<entry", "</entry>")
    } else {
        ("<item", "</item>")
    };
    let mut rest = text;
    let mut number = 0;
    while let Some(start) = rest.find(open) {
        // `<items>` or `<entry-x>` are other elements.
        let after = rest[start + open.len()..].chars().next();
        if !matches!(after, Some('>' | ' ' | '\t' | '\r' | '\n' | '/')) {
            rest = &rest[start + open.len()..];
            continue;
        }
        number += 1;
        let item = &rest[start..];
        let (item, next) = match item.find(close) {
            Some(end) => (&item[..end + close.len()], &item[end + close.len()..]),
            None => (item, ""),
        };
        rest = next;
        let wrapped = if atom {
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\">{item}</feed>")
        } else {
            format!("<rss version=\"2.0\"><channel>{item}</channel></rss>")
        };
        match feed_rs::parser::parse(wrapped.as_bytes()) {
            Ok(feed) if feed.entries.len() == 1 => push(parsed, &feed.entries[0], number, None),
            Ok(_) => parsed
                .bad_records
                .push((format!("#{number}"), "not a feed item".into())),
            Err(e) => parsed
                .bad_records
                .push((format!("#{number}"), format!("broken XML: {e}"))),
        }
    }
    if parsed.records.is_empty() {
        return Err(format!("broken feed: {error}"));
    }
    parsed
        .warnings
        .push(format!("broken feed ({error}); read item by item"));
    Ok(())
}

fn record(entry: &Entry, number: usize, source: Option<&str>) -> Result<Record, String> {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(strip_html)
        .filter(|t| !t.is_empty());
    let summary = || {
        entry
            .summary
            .as_ref()
            .map(|t| strip_html(&t.content))
            .filter(|t| !t.is_empty())
    };
    let title = entry
        .title
        .as_ref()
        .map(|t| strip_html(&t.content))
        .filter(|t| !t.is_empty());
    let body = content
        .or_else(summary)
        .or_else(|| title.clone())
        .ok_or("no text (no content, summary or title)")?;
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.trim().to_string())
        .filter(|u| !u.is_empty());
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|d| super::parse_date(&d.to_rfc3339()));
    Ok(Record {
        number: Some(number),
        id: Some(entry.id.trim().to_string()).filter(|id| !id.is_empty()),
        title,
        body,
        body_offset: None,
        published,
        url,
        source: source.map(str::to_string),
    })
}

/// Text of an HTML fragment: tags gone, entities decoded, a line break after
/// each block element, spaces tidied.
pub fn strip_html(fragment: &str) -> String {
    if !fragment.contains(['<', '&']) {
        return tidy(fragment);
    }
    // Mark block ends with a newline that survives parsing as text.
    let mut marked = String::with_capacity(fragment.len() + 64);
    let mut rest = fragment;
    while let Some(lt) = rest.find('<') {
        marked.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let name: String = tag[1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        marked.push_str(&tag[..end]);
        if matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "tr"
        ) {
            marked.push('\n');
        }
        rest = &tag[end..];
    }
    marked.push_str(rest);
    let doc = Document::parse(&marked);
    tidy(&doc.text_content(doc.root()))
}

/// Spaces within lines made one, lines trimmed, blank lines dropped.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use search_extract::PartialDate;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>
<item><title>Envoy meets minister</title><link>https://news.example/1</link>
<guid>https://news.example/1</guid><pubDate>Wed, 17 Dec 2025 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The Iranian envoy met the minister in &lt;b&gt;Kabul&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Talks went well &amp;amp; ended.&lt;/p&gt;</description></item>
<item><title>Second</title><description>Plain summary.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_are_articles() {
        let p = read_feed(RSS).unwrap();
        assert_eq!(p.records.len(), 2);
        let r = &p.records[0];
        assert_eq!(r.number, Some(1));
        assert_eq!(r.title.as_deref(), Some("Envoy meets minister"));
        assert_eq!(r.url.as_deref(), Some("https://news.example/1"));
        assert_eq!(r.id.as_deref(), Some("https://news.example/1"));
        assert_eq!(r.published, PartialDate::day(2025, 12, 17));
        assert_eq!(
            r.body,
            "The Iranian envoy met the minister in Kabul.\nTalks went well & ended."
        );
        assert_eq!(r.source.as_deref(), Some("Example News"));
        assert_eq!(p.records[1].body, "Plain summary.");
        assert_eq!(p.records[1].url, None);
    }

    #[test]
    fn atom_entries_prefer_content_over_summary() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>b</id>
<entry><id>tag:b,1</id><title type="html">A &lt;i&gt;post&lt;/i&gt;</title>
<link rel="alternate" href="https://blog.example/p"/><updated>2021-08-15T09:00:00Z</updated>
<summary>Short.</summary><content type="html">&lt;div&gt;Long text about Kabul.&lt;/div&gt;</content></entry></feed>"#;
        let p = read_feed(atom).unwrap();
        let r = &p.records[0];
        assert_eq!(r.title.as_deref(), Some("A post"));
        assert_eq!(r.body, "Long text about Kabul.");
        assert_eq!(r.url.as_deref(), Some("https://blog.example/p"));
        assert_eq!(r.published, PartialDate::day(2021, 8, 15));
        assert_eq!(r.id.as_deref(), Some("tag:b,1"));
    }

    #[test]
    fn a_broken_feed_loses_only_its_broken_items() {
        let broken = RSS.replace(
            "<item><title>Second</title>",
            "<item><title>Bad</title><description>x</descr></item><item><title>Second</title>",
        );
        let p = read_feed(&broken).unwrap();
        let titles: Vec<_> = p.records.iter().map(|r| r.title.as_deref()).collect();
        assert_eq!(titles, [Some("Envoy meets minister"), Some("Second")]);
        assert_eq!(p.records[1].number, Some(3));
        assert_eq!(p.bad_records.len(), 1);
        assert_eq!(p.bad_records[0].0, "#2");
        assert!(
            p.bad_records[0].1.starts_with("broken XML"),
            "{:?}",
            p.bad_records
        );
        assert!(p.warnings[0].starts_with("broken feed"), "{:?}", p.warnings);
    }

    #[test]
    fn xml_that_is_not_a_feed_and_garbage_are_refused() {
        assert!(
            read_feed("<?xml version=\"1.0\"?><config><a/></config>")
                .unwrap_err()
                .starts_with("not an RSS or Atom feed")
        );
        assert!(
            read_feed("<rss><channel><item>")
                .unwrap_err()
                .starts_with("broken feed")
        );
        assert!(is_feed(
            "\u{FEFF}<?xml version='1.0'?>\n<!-- c --><rss version=\"2.0\">"
        ));
        assert!(is_feed("<rdf:RDF xmlns:rdf=\"x\">"));
        assert!(!is_feed("<html>"));
    }

    #[test]
    fn html_is_stripped_to_text_with_line_breaks_at_blocks() {
        assert_eq!(strip_html("a<br>b &amp; <i>c</i><p>d</p>"), "a\nb & c\nd");
        assert_eq!(strip_html("  plain   text "), "plain text");
    }
}
