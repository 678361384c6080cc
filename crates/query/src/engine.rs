//! What another search engine needs to answer a [`Query`] exactly as
//! [`NewsIndex`](crate::NewsIndex) does: the query text parsed and analysed
//! into a tree of index tokens ([`PreparedText`]), the filters resolved to the
//! values the index stores ([`ResolvedFilters`]), the snippets of the hits, and
//! constructors for [`Results`], [`Hit`]s and [`Facets`].
//!
//! Everything here calls the functions the local index uses (the parser, the
//! analyser, the filter resolution, the highlighter), so a backend built on it
//! matches the same articles for the same words. Typo tolerance is the one part
//! left out: it needs the index's term dictionary, so a [`PreparedText`] matches
//! every word as typed, as [`Query::exact`] does.
//!
//! ```
//! use search_query::engine::{PreparedText, TextMatch, TextNode};
//!
//! let text = PreparedText::new("Muttaqī -\"press conference\"").unwrap();
//! let TextMatch::Tree(TextNode::And { must, not }) = text.matching() else { panic!() };
//! assert_eq!(must, [TextNode::Term { token: "muttaqi".into(), title_only: false }]);
//! assert_eq!(
//!     not,
//!     [TextNode::Phrase { tokens: vec!["press".into(), "conference".into()], title_only: false }]
//! );
//! ```

use std::collections::HashMap;

use search_schema::aliases::AliasTable;
use search_types::PartialDate;

use crate::filters::{self, DayRange};
use crate::plan::{Node, Plan, Scope};
use crate::snippet::Highlighter;
use crate::variants::Variants;
use crate::{
    FacetCount, FacetTotals, Facets, Hit, Query, QueryError, Results, Snippet, StoredArticle, parse,
};

/// What the text of a query matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMatch {
    /// Every article (empty text or `*`).
    All,
    /// No article (text with nothing searchable in it).
    Nothing,
    /// The articles matching this tree.
    Tree(TextNode),
}

/// An analysed query tree: tokens as the index's analyser makes them (lower
/// case, accents folded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextNode {
    /// One token.
    Term {
        /// The token.
        token: String,
        /// Searched in the headline only (`title:`); else headline and body.
        title_only: bool,
    },
    /// Every token beginning with this one.
    Prefix {
        /// The beginning.
        token: String,
        /// As for [`TextNode::Term`].
        title_only: bool,
    },
    /// Two or more tokens in this order, in one field.
    Phrase {
        /// The tokens.
        tokens: Vec<String>,
        /// As for [`TextNode::Term`].
        title_only: bool,
    },
    /// All of `must` and none of `not`; `must` may be empty (every article
    /// but `not`).
    And {
        /// Required.
        must: Vec<TextNode>,
        /// Excluded.
        not: Vec<TextNode>,
    },
    /// Any of these (an item may be a [`TextNode::Not`]).
    Or(Vec<TextNode>),
    /// Every article not matching the inner node.
    Not(Box<TextNode>),
}

impl From<&Node> for TextNode {
    fn from(node: &Node) -> Self {
        let title = |scope: &Scope| *scope == Scope::Title;
        match node {
            Node::Term { token, scope, .. } => TextNode::Term {
                token: token.clone(),
                title_only: title(scope),
            },
            Node::Prefix { token, scope } => TextNode::Prefix {
                token: token.clone(),
                title_only: title(scope),
            },
            Node::Phrase { tokens, scope } => TextNode::Phrase {
                tokens: tokens.clone(),
                title_only: title(scope),
            },
            Node::And { must, not } => TextNode::And {
                must: must.iter().map(TextNode::from).collect(),
                not: not.iter().map(TextNode::from).collect(),
            },
            Node::Or(items) => TextNode::Or(items.iter().map(TextNode::from).collect()),
            Node::Not(inner) => TextNode::Not(Box::new(TextNode::from(&**inner))),
        }
    }
}

/// Query text parsed and analysed once: what it matches and how a hit's
/// snippet highlights it. Words match as typed (no typo tolerance).
pub struct PreparedText {
    plan: Plan,
    highlighter: Highlighter,
}

impl std::fmt::Debug for PreparedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedText")
            .field("matching", &self.matching())
            .finish_non_exhaustive()
    }
}

impl PreparedText {
    /// Parses and analyses `text`; a syntax error is a [`QueryError::Syntax`].
    pub fn new(text: &str) -> Result<Self, QueryError> {
        let expr = parse::parse(text)?;
        let plan = Plan::new(expr.as_ref(), true);
        let highlighter = Highlighter::new(&plan.highlights(), &Variants::default());
        Ok(PreparedText { plan, highlighter })
    }

    /// What the text matches.
    pub fn matching(&self) -> TextMatch {
        match &self.plan {
            Plan::All => TextMatch::All,
            Plan::Nothing => TextMatch::Nothing,
            Plan::Match(node) => TextMatch::Tree(TextNode::from(node)),
        }
    }

    /// Whether the hits have a relevance score (the text has words); else
    /// every hit scores alike and they are listed by key.
    pub fn scored(&self) -> bool {
        matches!(self.plan, Plan::Match(_))
    }

    /// The snippet of an article body for this text, as a local search makes it.
    pub fn snippet(&self, body: &str) -> Snippet {
        self.highlighter.snippet(body)
    }
}

/// The filters of a [`Query`] resolved to what the index stores, as the local
/// index resolves them: country common names, the name keys of persons
/// (aliases included) and organisations, and the date window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedFilters {
    /// Country common names (any of them); empty: no country filter.
    pub countries: Vec<&'static str>,
    /// [`name_key`](search_types::keys::name_key)s of the persons asked for
    /// and of every name their alias table files with them; empty: no filter.
    pub person_keys: Vec<String>,
    /// Name keys of the organisations asked for; empty: no filter.
    pub organization_keys: Vec<String>,
    /// The date window, when `from` or `to` is given.
    pub dates: Option<DateWindow>,
}

impl ResolvedFilters {
    /// Resolves the filters of `query` with the alias table `aliases`; an
    /// unknown country or an empty date range is a user error.
    pub fn new(query: &Query, aliases: &AliasTable) -> Result<Self, QueryError> {
        Ok(ResolvedFilters {
            countries: filters::country_names(query)?,
            person_keys: filters::person_keys(query, aliases),
            organization_keys: filters::organization_keys(query),
            dates: DayRange::new(query.from, query.to)?.map(|r| DateWindow {
                days: (r.from, r.to),
                months: r.months(),
                years: r.years(),
            }),
        })
    }
}

/// Which date keys ([`search_types::keys::date_key`]) lie inside a `from`/`to`
/// window: an article matches when any of its days, months or years lies in
/// the bounds of its precision (inclusive; `None` is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWindow {
    /// Days since 1970-01-01.
    pub days: (Option<i64>, Option<i64>),
    /// Months (`year * 12 + month - 1`) lying wholly inside.
    pub months: (Option<i64>, Option<i64>),
    /// Years lying wholly inside.
    pub years: (Option<i64>, Option<i64>),
}

/// A hit's persons under their canonical names, each once, in stored order.
pub fn canonical_persons(stored: Vec<String>, aliases: &AliasTable) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(stored.len());
    for name in &stored {
        let name = aliases.canonical(name);
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// The parts of a [`Hit`], for a backend to build one.
#[derive(Debug, Clone)]
pub struct HitParts {
    /// See [`Hit::id`].
    pub id: String,
    /// See [`Hit::path`].
    pub path: String,
    /// See [`Hit::url`].
    pub url: Option<String>,
    /// See [`Hit::source`].
    pub source: Option<String>,
    /// See [`Hit::title`].
    pub title: String,
    /// See [`Hit::score`].
    pub score: f32,
    /// See [`Hit::snippet`].
    pub snippet: Snippet,
    /// See [`Hit::published`].
    pub published: Option<PartialDate>,
    /// See [`Hit::persons`] (canonical names: see [`canonical_persons`]).
    pub persons: Vec<String>,
    /// See [`Hit::organizations`].
    pub organizations: Vec<String>,
    /// See [`Hit::countries`].
    pub countries: Vec<String>,
    /// See [`Hit::dates`].
    pub dates: Vec<PartialDate>,
}

impl From<HitParts> for Hit {
    fn from(p: HitParts) -> Self {
        Hit {
            id: p.id,
            path: p.path,
            url: p.url,
            source: p.source,
            title: p.title,
            score: p.score,
            snippet: p.snippet,
            published: p.published,
            persons: p.persons,
            organizations: p.organizations,
            countries: p.countries,
            dates: p.dates,
        }
    }
}

/// The parts of a [`StoredArticle`], for a backend to build one.
#[derive(Debug, Clone)]
pub struct ArticleParts {
    /// See [`StoredArticle::id`].
    pub id: String,
    /// See [`StoredArticle::path`].
    pub path: String,
    /// See [`StoredArticle::title`].
    pub title: String,
    /// See [`StoredArticle::body`].
    pub body: String,
    /// See [`StoredArticle::published`].
    pub published: Option<PartialDate>,
    /// See [`StoredArticle::url`].
    pub url: Option<String>,
    /// See [`StoredArticle::source`].
    pub source: Option<String>,
}

impl From<ArticleParts> for StoredArticle {
    fn from(p: ArticleParts) -> Self {
        StoredArticle {
            id: p.id,
            path: p.path,
            title: p.title,
            body: p.body,
            published: p.published,
            url: p.url,
            source: p.source,
        }
    }
}

/// Counts of one facet's values (each value counted once per article).
pub type Counts = HashMap<String, u64>;

impl Facets {
    /// Facets from counts by value, sorted by count (descending) then value, as
    /// the local index sorts them; countries get their ISO code.
    pub fn from_counts(
        country: Counts,
        person: Counts,
        organization: Counts,
        date: Counts,
    ) -> Self {
        let list = |counts: Counts| {
            counts
                .into_iter()
                .map(|(value, count)| FacetCount::new(value, count))
                .collect()
        };
        Facets::sorted(list(country), list(person), list(organization), list(date))
    }
}

impl Results {
    /// Results from their parts, for a backend: `facets` holds every value
    /// of each facet (counted in [`Results::facet_totals`]); then
    /// [`Results::limit_facets`] keeps what the query asks for.
    pub fn new(total: usize, hits: Vec<Hit>, facets: Facets) -> Self {
        Results {
            total,
            hits,
            facet_totals: FacetTotals::of(&facets),
            facets,
        }
    }

    /// Keeps the first `limit` values of each facet but the dates, as
    /// [`Query::facet_limit`] asks (`None`: all of them).
    pub fn limit_facets(&mut self, limit: Option<usize>) {
        if let Some(n) = limit {
            self.facets.country.truncate(n);
            self.facets.person.truncate(n);
            self.facets.organization.truncate(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_scope_prefixes_and_nothing() {
        let text = PreparedText::new("title:Kabul bank* OR \"U.S.\"").unwrap();
        assert_eq!(
            text.matching(),
            TextMatch::Tree(TextNode::Or(vec![
                TextNode::And {
                    must: vec![
                        TextNode::Term {
                            token: "kabul".into(),
                            title_only: true
                        },
                        TextNode::Prefix {
                            token: "bank".into(),
                            title_only: false
                        },
                    ],
                    not: vec![]
                },
                TextNode::Phrase {
                    tokens: vec!["u".into(), "s".into()],
                    title_only: false
                },
            ]))
        );
        assert_eq!(
            PreparedText::new("—").unwrap().matching(),
            TextMatch::Nothing
        );
        assert_eq!(PreparedText::new(" * ").unwrap().matching(), TextMatch::All);
        assert!(!PreparedText::new("").unwrap().scored());
        assert!(PreparedText::new("(x").is_err());
    }

    #[test]
    fn filters_resolve_as_locally() {
        let aliases = AliasTable::new([("Reagan", "Ronald Reagan")]);
        let q = Query::all()
            .country("IR")
            .person("REAGAN")
            .org("Taliban")
            .from("2021-08".parse().unwrap());
        let f = ResolvedFilters::new(&q, &aliases).unwrap();
        assert_eq!(f.countries, ["Iran"]);
        assert_eq!(f.person_keys, ["reagan", "ronald reagan"]);
        assert_eq!(f.organization_keys, ["taliban"]);
        let w = f.dates.unwrap();
        assert_eq!(w.months, (Some(2021 * 12 + 7), None));
        assert_eq!(w.years, (Some(2022), None));
        let err = ResolvedFilters::new(&Query::all().country("Narnia"), &aliases).unwrap_err();
        assert!(err.is_user_error());
    }

    #[test]
    fn facets_sort_by_count_then_value_with_codes() {
        let c = Counts::from([
            ("Iran".into(), 2),
            ("Afghanistan".into(), 2),
            ("Mali".into(), 3),
        ]);
        let f = Facets::from_counts(c, Counts::new(), Counts::new(), Counts::new());
        let got: Vec<_> = f
            .country
            .iter()
            .map(|c| (c.value.as_str(), c.code.as_deref(), c.count))
            .collect();
        assert_eq!(
            got,
            [
                ("Mali", Some("ML"), 3),
                ("Afghanistan", Some("AF"), 2),
                ("Iran", Some("IR"), 2)
            ]
        );
    }
}
