//! [`Query`]: what to search for, built up one filter at a time.

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Keep only the first `n` values of each facet (`None`, the default: all).
    pub facet_limit: Option<usize>,
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
            facet_limit: None,
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

    /// Keep only the `n` most frequent values of each facet.
    pub fn facet_limit(mut self, n: usize) -> Self {
        self.facet_limit = Some(n);
        self
    }
}
