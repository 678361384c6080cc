//! What a search returns: [`Results`] with their [`Hit`]s and [`Facets`]. All of it
//! serialises to the JSON shape of `search query --json`.

use std::cmp::Reverse;

use search_types::{PartialDate, countries};
use serde::Serialize;

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Hit {
    /// The article's stable id.
    pub id: String,
    /// The absolute path of its file (as `search index` resolved it).
    pub path: String,
    /// Its web address, when the file gave one (`null` otherwise).
    pub url: Option<String>,
    /// The outlet it came from, when the file gave one (`null` otherwise).
    pub source: Option<String>,
    /// Headline.
    pub title: String,
    /// Relevance; higher is better. Constant for queries without text.
    pub score: f32,
    /// A passage of the body with the matched words' ranges; the start of the
    /// body when no word of the query occurs in it. In JSON, `"snippet"` is its
    /// [`Snippet::to_html`](crate::Snippet::to_html) (HTML-escaped, matches in
    /// `<b>…</b>`) and `"snippet_parts"` its [`Snippet::parts`](crate::Snippet::parts)
    /// as `{"text": "…", "match": true}` objects, for a page that builds its
    /// own elements from plain text.
    #[serde(flatten, serialize_with = "snippet_fields")]
    pub snippet: crate::Snippet,
    /// Publication date at its precision (`"2025-12-17"` in JSON), `null`
    /// when unknown.
    pub published: Option<PartialDate>,
    /// Persons mentioned, canonical names, in stored order.
    pub persons: Vec<String>,
    /// Organisations mentioned, canonical names, in stored order.
    pub organizations: Vec<String>,
    /// Countries mentioned, common names, in stored order.
    pub countries: Vec<String>,
    /// Dates mentioned, at their precision (ISO 8601 in JSON), in stored order.
    pub dates: Vec<PartialDate>,
}

/// A hit's snippet as its two JSON keys.
fn snippet_fields<S: serde::Serializer>(
    snippet: &crate::Snippet,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::{SerializeSeq, SerializeStruct};

    struct Parts<'a>(&'a crate::Snippet);
    impl Serialize for Parts<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(None)?;
            for (text, matched) in self.0.parts() {
                seq.serialize_element(&Part { text, matched })?;
            }
            seq.end()
        }
    }
    #[derive(Serialize)]
    struct Part<'a> {
        text: &'a str,
        #[serde(rename = "match")]
        matched: bool,
    }
    let mut fields = serializer.serialize_struct("Snippet", 2)?;
    fields.serialize_field("snippet", snippet)?;
    fields.serialize_field("snippet_parts", &Parts(snippet))?;
    fields.end()
}

/// A facet value and the number of matching articles that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FacetCount {
    /// The value: a country name, a person, an organisation, a `YYYY-MM` or
    /// `YYYY` bucket.
    pub value: String,
    /// For a country, its ISO 3166-1 alpha-2 code (`"IR"`) when the country
    /// list knows the name; absent from the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Matching articles with this value (each article counts once).
    pub count: u64,
}

/// Facet counts over all matching articles, sorted by count (descending) then value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Facets {
    /// Countries mentioned.
    pub country: Vec<FacetCount>,
    /// Persons mentioned.
    pub person: Vec<FacetCount>,
    /// Organisations mentioned.
    pub organization: Vec<FacetCount>,
    /// `YYYY-MM` buckets for dates known to the month or day, `YYYY` for years.
    pub date: Vec<FacetCount>,
}

impl Facets {
    /// Facets from their values and counts, in any order: each facet sorted by
    /// count (descending) then value (ascending), countries given their ISO code.
    /// Every backend's facets pass through here, so they come out alike.
    pub(crate) fn sorted(
        country: Vec<FacetCount>,
        person: Vec<FacetCount>,
        organization: Vec<FacetCount>,
        date: Vec<FacetCount>,
    ) -> Self {
        let [mut country, person, organization, date] =
            [country, person, organization, date].map(|mut values| {
                // Most pairs differ in count or in their first eight bytes:
                // integer keys (made once a value) decide them, a string
                // comparison only the runs left equal.
                values.sort_by_cached_key(|v| (Reverse(v.count), leading_bytes(&v.value)));
                let same_key = |a: &FacetCount, b: &FacetCount| {
                    (a.count, leading_bytes(&a.value)) == (b.count, leading_bytes(&b.value))
                };
                for run in values.chunk_by_mut(same_key) {
                    run.sort_unstable_by(|a, b| a.value.cmp(&b.value));
                }
                values
            });
        for c in &mut country {
            // Values are common names; an index from an older gazetteer may
            // hold a name this one knows only as an alias.
            let found = countries::by_name(&c.value).or_else(|| countries::lookup(&c.value));
            c.code = found.map(|c| c.alpha2.to_string());
        }
        Facets {
            country,
            person,
            organization,
            date,
        }
    }
}

/// The first eight bytes of `s` as a number that orders as they do (shorter
/// strings padded with zeros): where two numbers differ, the strings differ
/// the same way.
fn leading_bytes(s: &str) -> u64 {
    let bytes = s.as_bytes();
    if let Some(head) = bytes.first_chunk::<8>() {
        return u64::from_be_bytes(*head);
    }
    let mut head = [0u8; 8];
    head[..bytes.len()].copy_from_slice(bytes);
    u64::from_be_bytes(head)
}

impl FacetCount {
    /// A value and its count, without a country code (see [`Facets::sorted`]).
    pub(crate) fn new(value: String, count: u64) -> Self {
        FacetCount {
            value,
            code: None,
            count,
        }
    }
}

/// How many values each facet had over all matching articles, whether
/// [`Query::facet_limit`](crate::Query) listed them all or not: a client sees
/// that there are more.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FacetTotals {
    /// Countries mentioned.
    pub country: usize,
    /// Persons mentioned.
    pub person: usize,
    /// Organisations mentioned.
    pub organization: usize,
    /// Date buckets.
    pub date: usize,
}

impl FacetTotals {
    /// The number of values of each facet of `facets`.
    pub(crate) fn of(facets: &Facets) -> Self {
        FacetTotals {
            country: facets.country.len(),
            person: facets.person.len(),
            organization: facets.organization.len(),
            date: facets.date.len(),
        }
    }
}

/// The answer to a [`Query`](crate::Query).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Results {
    /// Number of matching articles (all of them, not just this page).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching articles, the most frequent values of
    /// each facet ([`Query::facet_limit`](crate::Query)).
    pub facets: Facets,
    /// Number of values of each facet, listed or not.
    pub facet_totals: FacetTotals,
}

impl Results {
    /// The JSON of `search query --json` (and of `GET /api/search`): one object
    /// and a newline. Every program that prints results as JSON calls this, so
    /// they print the same bytes.
    ///
    /// ```
    /// let line = search_query::Results::default().to_json_line().unwrap();
    /// assert_eq!(
    ///     line,
    ///     "{\"total\":0,\"hits\":[],\"facets\":{\"country\":[],\"person\":[],\"organization\":[],\"date\":[]},\
    ///      \"facet_totals\":{\"country\":0,\"person\":0,\"organization\":0,\"date\":0}}\n"
    /// );
    /// ```
    pub fn to_json_line(&self) -> serde_json::Result<String> {
        // Sized up front: a page with every facet runs to tens of kilobytes,
        // which a growing buffer would copy over several times.
        let f = &self.facets;
        let values = f.country.len() + f.person.len() + f.organization.len() + f.date.len();
        let mut line = Vec::with_capacity(256 + 2048 * self.hits.len() + 48 * values);
        // The bytes of `serde_json::to_writer(&mut line, self)` (a test holds
        // them equal), the hits and facets written directly: a page holds
        // hundreds of facet values, and serde's field-by-field path was most
        // of the JSON's cost (the hits' flattened snippet made each a map).
        line.extend_from_slice(b"{\"total\":");
        line.extend_from_slice(itoa::Buffer::new().format(self.total).as_bytes());
        line.extend_from_slice(b",\"hits\":[");
        for (i, hit) in self.hits.iter().enumerate() {
            if i > 0 {
                line.push(b',');
            }
            hit.write_json(&mut line)?;
        }
        line.push(b']');
        line.extend_from_slice(b",\"facets\":");
        f.write_json(&mut line);
        line.extend_from_slice(b",\"facet_totals\":");
        serde_json::to_writer(&mut line, &self.facet_totals)?;
        line.extend_from_slice(b"}\n");
        String::from_utf8(line).map_err(|e| serde::ser::Error::custom(e.to_string()))
    }
}

impl Hit {
    /// Appends the JSON of this hit, as its `Serialize` writes it.
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        out.extend_from_slice(b"{\"id\":");
        json_string(out, &self.id);
        out.extend_from_slice(b",\"path\":");
        json_string(out, &self.path);
        out.extend_from_slice(b",\"url\":");
        json_option(out, self.url.as_deref());
        out.extend_from_slice(b",\"source\":");
        json_option(out, self.source.as_deref());
        out.extend_from_slice(b",\"title\":");
        json_string(out, &self.title);
        out.extend_from_slice(b",\"score\":");
        // serde_json's own float formatting (and `null` for a non-finite one).
        serde_json::to_writer(&mut *out, &self.score)?;
        out.extend_from_slice(b",\"snippet\":");
        json_string(out, &self.snippet.to_html());
        out.extend_from_slice(b",\"snippet_parts\":[");
        for (i, (text, matched)) in self.snippet.parts().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"text\":");
            json_string(out, text);
            let end: &[u8] = if matched {
                b",\"match\":true}"
            } else {
                b",\"match\":false}"
            };
            out.extend_from_slice(end);
        }
        out.extend_from_slice(b"],\"published\":");
        json_option(
            out,
            self.published.as_ref().map(|d| d.to_string()).as_deref(),
        );
        for (name, values) in [
            ("persons", &self.persons),
            ("organizations", &self.organizations),
            ("countries", &self.countries),
        ] {
            out.push(b',');
            json_string(out, name);
            out.extend_from_slice(b":[");
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_string(out, value);
            }
            out.push(b']');
        }
        out.extend_from_slice(b",\"dates\":[");
        for (i, date) in self.dates.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_string(out, &date.to_string());
        }
        out.extend_from_slice(b"]}");
        Ok(())
    }
}

/// Appends `s` as a JSON string, `null` when there is none.
fn json_option(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

impl Facets {
    /// Appends the JSON of these facets, as their `Serialize` writes it.
    fn write_json(&self, out: &mut Vec<u8>) {
        let lists = [
            ("country", &self.country),
            ("person", &self.person),
            ("organization", &self.organization),
            ("date", &self.date),
        ];
        for (i, (name, values)) in lists.into_iter().enumerate() {
            out.push(if i == 0 { b'{' } else { b',' });
            json_string(out, name);
            out.extend_from_slice(b":[");
            for (j, v) in values.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"value\":");
                json_string(out, &v.value);
                if let Some(code) = &v.code {
                    out.extend_from_slice(b",\"code\":");
                    json_string(out, code);
                }
                out.extend_from_slice(b",\"count\":");
                out.extend_from_slice(itoa::Buffer::new().format(v.count).as_bytes());
                out.push(b'}');
            }
            out.push(b']');
        }
        out.push(b'}');
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"` and
/// `\\`, control characters as `\\b \\t \\n \\f \\r` or `\\u00xx`, the rest as is.
fn json_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    // Almost every value needs no escape: one pass that vectorises says so.
    if !bytes.iter().fold(false, |any, &b| any | needs_escape(b)) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut clean = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0c => b'f',
            b'\r' => b'r',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        out.extend_from_slice(&bytes[clean..i]);
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            out.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        }
        clean = i + 1;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

/// Whether JSON needs `b` escaped inside a string.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facet(value: &str, code: Option<&str>, count: u64) -> FacetCount {
        FacetCount {
            value: value.to_string(),
            code: code.map(str::to_string),
            count,
        }
    }

    /// The JSON line is what serde_json makes of the derived `Serialize`.
    fn assert_serde_bytes(results: &Results) {
        let mut expected = serde_json::to_string(results).unwrap();
        expected.push('\n');
        assert_eq!(results.to_json_line().unwrap(), expected);
    }

    fn hit(text: &str, score: f32, dated: bool) -> Hit {
        let mut snippet = crate::Snippet::default();
        snippet.push_folded(text, false);
        snippet.push_folded("Muttaqi <b>", true);
        snippet.push_folded(" & \"more\"", false);
        Hit {
            id: text.chars().rev().collect(),
            path: format!("/tmp/{text}.md"),
            url: dated.then(|| format!("https://example.org/{text}")),
            source: (!dated).then(|| text.to_string()),
            title: text.to_string(),
            score,
            snippet,
            published: dated.then(|| "2025-12-17".parse().unwrap()),
            persons: vec![text.to_string(), "Amir Khan Muttaqi".into()],
            organizations: Vec::new(),
            countries: vec!["Iran".into()],
            dates: if dated {
                vec!["2021".parse().unwrap(), "2021-08".parse().unwrap()]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn json_line_is_the_derived_serialisation() {
        let every_escape: String = (0u8..0x80).map(char::from).collect();
        let results = Results {
            total: 123_456,
            hits: vec![
                hit(&every_escape, 2.31, true),
                hit("Muttaqī ✓ <img src=x onerror=alert(1)>", f32::NAN, false),
                hit("", 1e-7, true),
                hit("x", f32::INFINITY, false),
            ],
            facets: Facets {
                country: vec![facet("Iran", Some("IR"), 7), facet("Narnia \"x\"", None, 1)],
                person: vec![
                    facet(&every_escape, None, u64::MAX),
                    facet("Muttaqī ✓", None, 0),
                ],
                organization: Vec::new(),
                date: vec![facet("2025-12", None, 3)],
            },
            facet_totals: FacetTotals {
                country: 2,
                person: 1_000,
                organization: 0,
                date: usize::MAX,
            },
        };
        assert_serde_bytes(&results);
        assert_serde_bytes(&Results::default());
    }

    proptest::proptest! {
        #[test]
        fn facets_sort_by_count_then_value(
            values in proptest::collection::vec(("(ab|a\u{0}|a|b|ab\u{0}|\u{e9}){0,6}", 0u64..4), 0..40),
        ) {
            let list = |v: &[(String, u64)]| -> Vec<FacetCount> {
                v.iter().map(|(s, n)| FacetCount::new(s.clone(), *n)).collect()
            };
            let sorted = Facets::sorted(Vec::new(), list(&values), Vec::new(), Vec::new()).person;
            let mut expected = list(&values);
            expected.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            proptest::prop_assert_eq!(sorted, expected);
        }

        #[test]
        fn any_hit_gives_the_derived_json(
            text in proptest::prelude::any::<String>(),
            score in proptest::prelude::any::<f32>(),
            dated in proptest::prelude::any::<bool>(),
        ) {
            let results = Results {
                total: 1,
                hits: vec![hit(&text, score, dated)],
                ..Results::default()
            };
            let mut expected = serde_json::to_string(&results).unwrap();
            expected.push('\n');
            proptest::prop_assert_eq!(results.to_json_line().unwrap(), expected);
        }

        #[test]
        fn any_facet_values_give_the_derived_json(
            values in proptest::collection::vec((proptest::prelude::any::<String>(), 0u64..1_000_000), 0..8),
            code in proptest::option::of("[A-Z\"\\\\\n]{2}"),
        ) {
            let list: Vec<FacetCount> = (values.iter())
                .map(|(v, n)| facet(v, code.as_deref(), *n))
                .collect();
            let results = Results {
                total: values.len(),
                hits: Vec::new(),
                facets: Facets {
                    country: list.clone(),
                    person: list.clone(),
                    organization: list,
                    date: Vec::new(),
                },
                facet_totals: FacetTotals::default(),
            };
            let mut expected = serde_json::to_string(&results).unwrap();
            expected.push('\n');
            proptest::prop_assert_eq!(results.to_json_line().unwrap(), expected);
        }
    }
}
