//! A saved page's metadata: title, publication date and canonical url, from the
//! places publishers put them, most deliberate first.
//!
//! - title: `og:title`, `twitter:title`, JSON-LD `headline`, `<title>` (a trailing
//!   " | Site name" cut off), the first `<h1>`;
//! - date: see [`super::html_date`] (meta tags, JSON-LD, `<time>`, bylines, the
//!   url);
//! - url: `<link rel=canonical>`, `og:url`, JSON-LD `url`.
//!
//! The date is read as written (its own day, not shifted to UTC), at the precision
//! the page gives.

use search_extract::PartialDate;
use serde_json::Value;
use trafilatura::dom::{Document, NodeId};

/// What a page says about itself.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub site_name: Option<String>,
}

/// The elements matching a CSS selector, in document order.
fn select(doc: &Document, selector: &str) -> Vec<NodeId> {
    doc.query_selector_all(doc.root(), selector)
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Document) -> PageMeta {
    let ld = json_ld(doc);
    let title = meta(doc, &["og:title", "twitter:title"])
        .or_else(|| ld.iter().find_map(|v| string_at(v, "headline")))
        .or_else(|| title_element(doc))
        .or_else(|| text_of(doc, "h1"));
    let url = select(doc, "link[rel=canonical]")
        .into_iter()
        .find_map(|s| doc.get_attribute(s, "href").map(|h| h.trim().to_string()))
        .filter(|u| is_absolute_url(u))
        .or_else(|| meta(doc, &["og:url"]).filter(|u| is_absolute_url(u)))
        .or_else(|| {
            ld.iter()
                .find_map(|v| string_at(v, "url"))
                .filter(|u| is_absolute_url(u))
        });
    let published = super::html_date::published(doc, &ld, url.as_deref());
    let site_name = meta(doc, &["og:site_name", "application-name"]);
    let title = title.map(|t| without_site_name(t, site_name.as_deref(), url.as_deref()));
    PageMeta {
        title,
        published,
        url,
        site_name,
    }
}

fn is_absolute_url(u: &str) -> bool {
    u.starts_with("http://") || u.starts_with("https://")
}

/// The content of the first non-blank `<meta>` whose `property`, `name` or
/// `itemprop` is one of `names` (case-insensitive), in the order of `names`.
pub(super) fn meta(doc: &Document, names: &[&str]) -> Option<String> {
    let metas = select(doc, "meta[content]");
    names.iter().find_map(|name| {
        metas.iter().find_map(|&m| {
            let named = ["property", "name", "itemprop"].iter().any(|a| {
                doc.get_attribute(m, a)
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(name))
            });
            named
                .then(|| doc.get_attribute(m, "content"))
                .flatten()
                .map(|c| clean(&c))
                .filter(|c| !c.is_empty())
        })
    })
}

/// Separators between a headline and the site's name in a title.
const TITLE_SEPARATORS: [&str; 5] = [" | ", " – ", " — ", " - ", " :: "];

/// A title without a trailing " | Site" or " - Site" whose last part names the
/// site: its `og:site_name`, or its host (`Sportsnet.ca`, `TechCrunch` for
/// `techcrunch.com`).
fn without_site_name(title: String, site_name: Option<&str>, url: Option<&str>) -> String {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let host = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .map(|h| squash(h.trim_start_matches("www.")));
    let site = site_name.map(squash);
    for sep in TITLE_SEPARATORS {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (title[..at].trim(), squash(&title[at + sep.len()..]));
            let names_site = !tail.is_empty()
                && (site.as_deref() == Some(tail.as_str())
                    || host.as_deref().is_some_and(|h| h.contains(&tail)));
            if names_site && !head.is_empty() {
                return head.to_string();
            }
        }
    }
    title
}

/// `<title>`, without a trailing " | Site" or " - Site" when what is left is
/// still a title.
fn title_element(doc: &Document) -> Option<String> {
    let title = text_of(doc, "head title").or_else(|| text_of(doc, "title"))?;
    for sep in TITLE_SEPARATORS {
        if let Some(at) = title.rfind(sep) {
            let head = title[..at].trim();
            if head.split_whitespace().count() >= 3 {
                return Some(head.to_string());
            }
        }
    }
    Some(title)
}

fn text_of(doc: &Document, selector: &str) -> Option<String> {
    let node = doc.query_selector(doc.root(), selector)?;
    let t = clean(&doc.text_content(node));
    (!t.is_empty()).then_some(t)
}

/// Spaces normalised: one space between words, none at the ends.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The JSON-LD blocks of the page, each flattened to its objects (`@graph`
/// members and array items), articles first.
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut objects = Vec::new();
    for script in doc.scripts_with_type(&["application/ld+json"]) {
        // A broken block is the publisher's mistake; the rest of the page stands.
        if let Ok(value) = serde_json::from_str::<Value>(doc.text_content(script).trim()) {
            flatten(value, &mut objects, 0);
        }
    }
    let is_article = |v: &Value| {
        let kind = |t: &Value| {
            t.as_str()
                .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
        };
        match v.get("@type") {
            Some(Value::Array(types)) => types.iter().any(kind),
            Some(t) => kind(t),
            None => false,
        }
    };
    objects.sort_by_key(|v| !is_article(v));
    objects
}

fn flatten(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").cloned() {
                flatten(main, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

pub(super) fn string_at(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items
            .iter()
            .find_map(|v| v.as_str().map(clean).filter(|s| !s.is_empty())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        read(&Document::parse(html))
    }

    #[test]
    fn open_graph_and_article_tags_come_first() {
        let m = meta_of(
            r#"<html><head><title>Page | Site</title>
            <meta property="og:title" content=" Envoy meets  minister ">
            <meta property="article:published_time" content="2025-12-17T23:30:00-05:00">
            <link rel="canonical" href="https://news.example/a/1">
            <meta property="og:site_name" content="Example News">
            </head><body><time datetime="2020-01-01">x</time></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Envoy meets minister"));
        // The page's own day, not shifted to UTC.
        assert_eq!(m.published, PartialDate::day(2025, 12, 17));
        assert_eq!(m.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
    }

    #[test]
    fn json_ld_in_a_graph_gives_date_and_headline() {
        let m = meta_of(
            r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","url":"https://s.example/"},
             {"@type":"NewsArticle","headline":"Talks in Kabul","datePublished":"2021-08-15","url":"https://s.example/k"}]}
            </script><script type="application/ld+json">{broken</script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Talks in Kabul"));
        assert_eq!(m.published, PartialDate::day(2021, 8, 15));
        assert_eq!(m.url.as_deref(), Some("https://s.example/k"));
    }

    #[test]
    fn title_element_and_time_are_the_fallbacks() {
        let m = meta_of(
            "<title>Muttaqi meets the Iranian envoy - Daily News</title>\
             <p>Posted <time datetime=\"2024-03-02T08:00\">March 2</time></p>",
        );
        assert_eq!(m.title.as_deref(), Some("Muttaqi meets the Iranian envoy"));
        assert_eq!(m.published, PartialDate::day(2024, 3, 2));
        assert_eq!(m.url, None);
    }

    #[test]
    fn a_site_name_after_the_headline_is_cut_off() {
        let m = meta_of(
            r#"<meta property="og:title" content="Nadal keeps Spain alive - Sportsnet.ca">
            <link rel="canonical" href="https://www.sportsnet.ca/tennis/nadal">"#,
        );
        assert_eq!(m.title.as_deref(), Some("Nadal keeps Spain alive"));
        let m = meta_of(
            r#"<meta property="og:title" content="Meal Prep | The Beachbody Blog">
            <meta property="og:site_name" content="The Beachbody Blog">"#,
        );
        assert_eq!(m.title.as_deref(), Some("Meal Prep"));
        // A last part that is not the site stays.
        let m = meta_of(r#"<meta property="og:title" content="Hong Kong | Editorial">"#);
        assert_eq!(m.title.as_deref(), Some("Hong Kong | Editorial"));
    }

    #[test]
    fn a_page_without_metadata_has_none() {
        assert_eq!(meta_of("<p>text</p>"), PageMeta::default());
        // A relative canonical link is no url.
        assert_eq!(meta_of("<link rel=canonical href=/a>").url, None);
    }
}
