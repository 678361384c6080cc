//! What a search returns: [`Results`] with their [`Hit`]s and [`Facets`]. All of it
//! serialises to the JSON shape of `search query --json`.

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
                values.sort_unstable_by(|a, b| {
                    b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
                });
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

/// The answer to a [`Query`](crate::Query).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Results {
    /// Number of matching articles (all of them, not just this page).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching articles.
    pub facets: Facets,
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
    ///     "{\"total\":0,\"hits\":[],\"facets\":{\"country\":[],\"person\":[],\"organization\":[],\"date\":[]}}\n"
    /// );
    /// ```
    pub fn to_json_line(&self) -> serde_json::Result<String> {
        // Sized up front: a page with every facet runs to tens of kilobytes,
        // which a growing buffer would copy over several times.
        let f = &self.facets;
        let values = f.country.len() + f.person.len() + f.organization.len() + f.date.len();
        let mut line = Vec::with_capacity(256 + 2048 * self.hits.len() + 48 * values);
        serde_json::to_writer(&mut line, self)?;
        line.push(b'\n');
        String::from_utf8(line).map_err(|e| serde::ser::Error::custom(e.to_string()))
    }
}
