//! [`Query`]: what to search for, built up one filter at a time.

use std::fmt;
use std::str::FromStr;

use search_types::PartialDate;

/// A search: query text plus filters. Repeated values of one filter are OR,
/// different filters are AND.
///
/// ```
/// use search_query::{PartialDate, Query};
///
/// let q = Query::text("Muttaqi")
///     .country("Russia")
///     .country("IR")
///     .person("amir khan muttaqi")
///     .from("2021-08".parse::<PartialDate>()?)
///     .to("2025".parse::<PartialDate>()?)
///     .limit(20)
///     .offset(20);
/// assert_eq!(q.countries, ["Russia", "IR"]);
/// assert_eq!(q.from.unwrap().to_string(), "2021-08");
/// assert_eq!((q.limit, q.offset), (20, 20));
/// assert_eq!(Query::default(), Query::all());
/// # Ok::<(), search_query::DateParseError>(())
/// ```
///
/// `Query` is `#[non_exhaustive]`: build one with [`Query::text`] or
/// [`Query::all`] and the methods below; its fields are there to read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Query {
    /// Query text: words, `"phrases"`, `AND`/`OR`/`NOT`, `-word`, parentheses;
    /// adjacent terms must all match. Empty or `*` matches every article. See
    /// [`crate::parse`] for the full syntax.
    pub text: String,
    /// Country names, alternative names or ISO codes (any of them).
    pub countries: Vec<String>,
    /// Person names or aliases, case-insensitive (any of them).
    pub persons: Vec<String>,
    /// Organisation names or aliases, case-insensitive (any of them).
    pub organizations: Vec<String>,
    /// Earliest date, inclusive.
    pub from: Option<PartialDate>,
    /// Latest date, inclusive.
    pub to: Option<PartialDate>,
    /// Number of hits to return (default 10). 0 returns only the total and facets.
    pub limit: usize,
    /// Number of best hits to skip (paging).
    pub offset: usize,
    /// Keep only the first `n` values of the country, person and organisation
    /// facets (default [`DEFAULT_FACET_LIMIT`]; `None`: every value). Their
    /// counts stay over all matches, and [`Results::facet_totals`](crate::Results::facet_totals)
    /// says how many values each facet had. The date facet is a histogram (at
    /// most a dozen values a year) and always lists every value.
    pub facet_limit: Option<usize>,
    /// No typo tolerance: every word matches only as typed (after case and
    /// accent folding).
    pub exact: bool,
    /// The order of the hits.
    pub sort: Sort,
    /// Count facet values (the default); `false` leaves [`Results::facets`](crate::Results::facets)
    /// empty and saves the time of counting them (an export needs no facets).
    pub facets: bool,
}

impl Default for Query {
    fn default() -> Self {
        Query::all()
    }
}

impl Query {
    /// Articles matching `text` (words, `"phrases"`, `AND`/`OR`, `-word`).
    pub fn text(text: impl Into<String>) -> Self {
        Query {
            text: text.into(),
            ..Query::all()
        }
    }

    /// Every article.
    pub fn all() -> Self {
        Query {
            text: String::new(),
            countries: Vec::new(),
            persons: Vec::new(),
            organizations: Vec::new(),
            from: None,
            to: None,
            limit: 10,
            offset: 0,
            facet_limit: Some(DEFAULT_FACET_LIMIT),
            exact: false,
            sort: Sort::Relevance,
            facets: true,
        }
    }

    /// Only articles mentioning this country (name, alternative name or ISO code).
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.countries.push(country.into());
        self
    }

    /// Only articles mentioning this person (canonical name or alias).
    pub fn person(mut self, person: impl Into<String>) -> Self {
        self.persons.push(person.into());
        self
    }

    /// Only articles mentioning this organisation (canonical name or alias, in
    /// any case, accents or not).
    pub fn org(mut self, organization: impl Into<String>) -> Self {
        self.organizations.push(organization.into());
        self
    }

    /// Only articles published or mentioning a date on or after `date`.
    pub fn from(mut self, date: PartialDate) -> Self {
        self.from = Some(date);
        self
    }

    /// Only articles published or mentioning a date on or before `date`.
    pub fn to(mut self, date: PartialDate) -> Self {
        self.to = Some(date);
        self
    }

    /// Same as [`Query::from`], for those who read "since".
    pub fn since(self, date: PartialDate) -> Self {
        self.from(date)
    }

    /// How many hits to return.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// How many of the best hits to skip.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// Turns typo tolerance off (`true`) or on: words match only as typed.
    pub fn exact(mut self, exact: bool) -> Self {
        self.exact = exact;
        self
    }

    /// The order of the hits (default: [`Sort::Relevance`]).
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// Count facet values (`true`, the default) or skip them.
    pub fn facets(mut self, count: bool) -> Self {
        self.facets = count;
        self
    }

    /// Keep only the `n` most frequent values of each facet but the dates
    /// (see the field `facet_limit`).
    pub fn facet_limit(mut self, n: usize) -> Self {
        self.facet_limit = Some(n);
        self
    }

    /// Every value of every facet.
    pub fn every_facet_value(mut self) -> Self {
        self.facet_limit = None;
        self
    }
}

/// Values of each facet a search returns unless told otherwise: what a page
/// can show, and what Solr's `facet.limit` and Meilisearch's
/// `maxValuesPerFacet` default to. A popular word matches articles naming
/// thousands of organisations and persons; listing them all made most of an
/// answer's bytes and of a server's time.
pub const DEFAULT_FACET_LIMIT: usize = 100;

/// Reads a facet limit as a user gives it: a whole number of values, `0` for
/// every value (`None`).
///
/// ```
/// use search_query::parse_facet_limit;
///
/// assert_eq!(parse_facet_limit("20"), Ok(Some(20)));
/// assert_eq!(parse_facet_limit("0"), Ok(None));
/// assert_eq!(
///     parse_facet_limit("-1").unwrap_err().to_string(),
///     "the facet limit must be a whole number of values (0 for every value), not `-1`"
/// );
/// ```
pub fn parse_facet_limit(s: &str) -> Result<Option<usize>, FacetLimitError> {
    match s.trim().parse::<usize>() {
        Ok(0) => Ok(None),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(FacetLimitError(
            s.chars().take(40).filter(|c| !c.is_control()).collect(),
        )),
    }
}

/// A facet limit that is not a whole number ([`parse_facet_limit`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the facet limit must be a whole number of values (0 for every value), not `{0}`")]
pub struct FacetLimitError(String);

/// The order of the hits of a search.
///
/// ```
/// use search_query::Sort;
///
/// assert_eq!("newest".parse::<Sort>(), Ok(Sort::Newest));
/// assert_eq!(Sort::Oldest.to_string(), "oldest");
/// assert_eq!(
///     "latest".parse::<Sort>().unwrap_err().to_string(),
///     "unknown order `latest`; use relevance, newest or oldest"
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Sort {
    /// Best match first (ties, and queries without text, by path).
    #[default]
    Relevance,
    /// Latest publication date first; articles without one last.
    Newest,
    /// Earliest publication date first; articles without one last.
    Oldest,
}

impl Sort {
    /// Every order, by name.
    pub const ALL: [(&'static str, Sort); 3] = [
        ("relevance", Sort::Relevance),
        ("newest", Sort::Newest),
        ("oldest", Sort::Oldest),
    ];
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Sort::ALL
            .iter()
            .find(|(_, s)| s == self)
            .map_or("relevance", |(n, _)| n);
        f.write_str(name)
    }
}

/// A name that is not one of [`Sort::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown order `{0}`; use relevance, newest or oldest")]
pub struct SortParseError(String);

impl FromStr for Sort {
    type Err = SortParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sort::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s.trim()))
            .map(|&(_, sort)| sort)
            .ok_or_else(|| SortParseError(s.chars().filter(|c| !c.is_control()).collect()))
    }
}
