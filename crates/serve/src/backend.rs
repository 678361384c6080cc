//! The one module that speaks to the query crate: turning request parameters into
//! a [`Query`], running it, looking articles up, and keeping the open index fresh.
//! The index is the local one or another engine behind the same
//! [`SearchBackend`] (`search serve --engine`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use search_extract::user::UserExtractor;
use search_index::gazetteer;
use search_index::record::ExtractRecord;
use search_query::PartialDate;
use search_query::{NewsIndex, Query, QueryError, SearchBackend, Sort, parse_facet_limit};
use serde::Serialize;

use crate::error::ServeError;

/// Longest query text accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 1000;
/// Most hits one page may ask for.
pub const MAX_LIMIT: usize = 100;
/// Furthest one may page.
pub const MAX_OFFSET: usize = 10_000;
/// Most values of one filter.
pub const MAX_FILTER_VALUES: usize = 20;
/// Longest filter value, in bytes.
const MAX_FILTER_BYTES: usize = 200;
/// Longest article id looked up (ids are 16 hex digits or a record's own id).
const MAX_ID_BYTES: usize = 256;
/// How often, at most, the index's commit marker is checked for a newer commit.
const FRESHNESS_INTERVAL: Duration = Duration::from_secs(1);

/// Why a request could not be answered.
#[derive(Debug)]
pub enum RequestError {
    /// A mistake in the request; the message says what is valid.
    User(String),
    /// No such article.
    NotFound,
    /// The index failed.
    Failure(String),
}

impl From<QueryError> for RequestError {
    fn from(e: QueryError) -> Self {
        if e.is_user_error() {
            RequestError::User(e.to_string())
        } else {
            RequestError::Failure(e.to_string())
        }
    }
}

/// An open index that follows the commits of `search index`.
pub struct Backend {
    index: Arc<dyn SearchBackend>,
    /// The local index's folder and its commit marker; `None` for an engine.
    local: Option<(PathBuf, PathBuf)>,
    /// The extractor of the article view: the gazetteer the index's articles were
    /// extracted with, so the view marks the names the facets hold (for an
    /// engine, which does not keep it, the built-in one).
    extractor: RwLock<Arc<UserExtractor>>,
    /// When the commit marker was last checked, and its modification time then.
    checked: Mutex<(Instant, Option<SystemTime>)>,
}

impl Backend {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<Self, ServeError> {
        let meta = dir.join("meta.json");
        let seen = modified(&meta);
        let index = NewsIndex::open(dir)?;
        Ok(Backend {
            index: Arc::new(index),
            local: Some((dir.to_path_buf(), meta)),
            extractor: RwLock::new(Arc::new(applied_extractor(dir))),
            checked: Mutex::new((Instant::now(), seen)),
        })
    }

    /// Serves another engine (`search serve --engine`): searches and article
    /// lookups go to it, and it is reloaded (its alias table read again) at
    /// most once a second.
    pub fn engine(engine: Arc<dyn SearchBackend>) -> Self {
        Backend {
            index: engine,
            local: None,
            extractor: RwLock::new(Arc::new(UserExtractor::new(Default::default()))),
            checked: Mutex::new((Instant::now(), None)),
        }
    }

    /// Moves to the latest commit when `meta.json` changed since the last look,
    /// looking at most once per [`FRESHNESS_INTERVAL`]; a request that finds
    /// another one checking goes on with the view it has.
    fn refresh(&self) {
        let Ok(mut checked) = self.checked.try_lock() else {
            return;
        };
        if checked.0.elapsed() < FRESHNESS_INTERVAL {
            return;
        }
        checked.0 = Instant::now();
        let Some((dir, meta)) = &self.local else {
            if let Err(e) = self.index.reload() {
                eprintln!("warning: cannot reload the engine's alias table: {e}");
            }
            return;
        };
        let now = modified(meta);
        if now != checked.1 {
            // A failed reload keeps the previous view; the next check retries.
            match self.index.reload() {
                Ok(()) => checked.1 = now,
                Err(e) => eprintln!("warning: cannot reload the index: {e}"),
            }
            // A run that changed the gazetteer re-extracted with it before this
            // commit.
            let extractor = Arc::new(applied_extractor(dir));
            if let Ok(mut current) = self.extractor.write() {
                *current = extractor;
            }
        }
    }

    /// Number of articles searched.
    pub fn articles(&self) -> Result<u64, RequestError> {
        self.refresh();
        Ok(self.index.articles()?)
    }

    /// Answers `GET /api/search` from its query-string pairs: the bytes of
    /// `search query --json` for the same parameters.
    pub fn search(&self, params: &[(String, String)]) -> Result<String, RequestError> {
        let query = query_from_params(params)?;
        self.refresh();
        let results = self.index.search(&query)?;
        results
            .to_json_line()
            .map_err(|e| RequestError::Failure(format!("cannot write results: {e}")))
    }

    /// Answers `GET /api/articles/{id}`: the article's `search extract --json
    /// --text` object, spans into its stored text, with its id, title and date.
    pub fn article(&self, id: &str) -> Result<String, RequestError> {
        if id.is_empty() || id.len() > MAX_ID_BYTES {
            return Err(RequestError::NotFound);
        }
        self.refresh();
        let article = self.index.article(id)?.ok_or(RequestError::NotFound)?;
        let published = article.published;
        let extractor = match self.extractor.read() {
            Ok(current) => Arc::clone(&current),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        };
        // As the index read it, but for the title's own countries: the view's
        // spans point into the body.
        let entities = extractor
            .extract_article(&article.title, &article.body, published)
            .body;
        let view = ArticleView {
            id: &article.id,
            title: &article.title,
            published,
            url: article.url.as_deref(),
            source: article.source.as_deref(),
            record: ExtractRecord {
                path: &article.path,
                id: None,
                entities: &entities,
                text: Some(&article.body),
            },
        };
        serde_json::to_string(&view)
            .map_err(|e| RequestError::Failure(format!("cannot write the article: {e}")))
    }
}

#[derive(Serialize)]
struct ArticleView<'a> {
    id: &'a str,
    title: &'a str,
    published: Option<PartialDate>,
    url: Option<&'a str>,
    source: Option<&'a str>,
    #[serde(flatten)]
    record: ExtractRecord<'a>,
}

/// An extractor with the gazetteer the index in `dir` was last extracted with.
fn applied_extractor(dir: &Path) -> UserExtractor {
    UserExtractor::new(gazetteer::applied(dir))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The parameters `GET /api/search` takes, in the order of `search query`.
pub const PARAMETERS: &str =
    "q, country, person, org, from, to, sort, exact, limit, offset, facet_limit";

/// Builds the query of `GET /api/search`, with the bounds of a public server.
fn query_from_params(params: &[(String, String)]) -> Result<Query, RequestError> {
    let user = |m: String| Err(RequestError::User(m));
    let mut query = Query::all();
    let mut seen_q = false;
    for (name, value) in params {
        match name.as_str() {
            "q" => {
                if seen_q {
                    return user("give q once".into());
                }
                seen_q = true;
                if value.len() > MAX_QUERY_BYTES {
                    return user(format!(
                        "q is too long ({} bytes); at most {MAX_QUERY_BYTES}",
                        value.len()
                    ));
                }
                query.text = value.clone();
            }
            "country" | "person" | "org" => {
                let values = match name.as_str() {
                    "country" => &mut query.countries,
                    "person" => &mut query.persons,
                    _ => &mut query.organizations,
                };
                if values.len() == MAX_FILTER_VALUES {
                    return user(format!("at most {MAX_FILTER_VALUES} values of {name}"));
                }
                if value.len() > MAX_FILTER_BYTES {
                    return user(format!(
                        "a {name} value is too long; at most {MAX_FILTER_BYTES} bytes"
                    ));
                }
                values.push(value.clone());
            }
            "from" | "to" => {
                let date = value
                    .parse::<PartialDate>()
                    .map_err(|e| RequestError::User(format!("{name}: {e}")))?;
                let slot = if name == "from" {
                    &mut query.from
                } else {
                    &mut query.to
                };
                if slot.replace(date).is_some() {
                    return user(format!("give {name} once"));
                }
            }
            "sort" => {
                query.sort = value
                    .parse::<Sort>()
                    .map_err(|e| RequestError::User(e.to_string()))?;
            }
            "exact" => {
                query.exact = match value.as_str() {
                    "" | "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return user(format!(
                            "exact must be true or false, not `{}`",
                            printable(value)
                        ));
                    }
                };
            }
            "limit" => query.limit = number(name, value, MAX_LIMIT)?,
            "offset" => query.offset = number(name, value, MAX_OFFSET)?,
            // The parsing of `search query --facet-limit`.
            "facet_limit" => {
                query.facet_limit = parse_facet_limit(value)
                    .map_err(|e| RequestError::User(format!("{name}: {e}")))?;
            }
            _ => {
                return user(format!(
                    "unknown parameter `{}`; use {PARAMETERS}",
                    printable(name)
                ));
            }
        }
    }
    Ok(query)
}

fn number(name: &str, value: &str, max: usize) -> Result<usize, RequestError> {
    value
        .parse::<usize>()
        .ok()
        .filter(|&n| n <= max)
        .ok_or_else(|| {
            RequestError::User(format!(
                "{name} must be a whole number from 0 to {max}, not `{}`",
                printable(value)
            ))
        })
}

/// A parameter as shown in a message: at most 40 characters, controls escaped.
fn printable(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_default).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn user_error(list: &[(&str, &str)]) -> String {
        match query_from_params(&pairs(list)) {
            Err(RequestError::User(m)) => m,
            other => panic!("not a user error: {other:?}"),
        }
    }

    #[test]
    fn parameters_build_the_query_like_the_cli() {
        let q = query_from_params(&pairs(&[
            ("q", "Muttaqi"),
            ("country", "IR"),
            ("country", "Russia"),
            ("person", "muttaqi"),
            ("org", "Taliban"),
            ("from", "2021-08"),
            ("to", "2025"),
            ("sort", "newest"),
            ("exact", "true"),
            ("limit", "5"),
            ("offset", "10"),
            ("facet_limit", "7"),
        ]))
        .unwrap();
        assert_eq!((q.sort, q.exact), (Sort::Newest, true));
        assert_eq!(q.text, "Muttaqi");
        assert_eq!(q.countries, ["IR", "Russia"]);
        assert_eq!(q.persons, ["muttaqi"]);
        assert_eq!(q.organizations, ["Taliban"]);
        assert_eq!(q.from.unwrap().to_string(), "2021-08");
        assert_eq!(q.to.unwrap().to_string(), "2025");
        assert_eq!((q.limit, q.offset, q.facet_limit), (5, 10, Some(7)));
        assert_eq!(query_from_params(&[]).unwrap(), Query::all());
        assert_eq!(
            query_from_params(&[]).unwrap().facet_limit,
            Some(search_query::DEFAULT_FACET_LIMIT)
        );
        let every = query_from_params(&pairs(&[("facet_limit", "0")])).unwrap();
        assert_eq!(every.facet_limit, None);
    }

    #[test]
    fn bad_parameters_say_what_is_valid() {
        assert_eq!(
            user_error(&[("limit", "101")]),
            "limit must be a whole number from 0 to 100, not `101`"
        );
        assert_eq!(
            user_error(&[("offset", "-1")]),
            "offset must be a whole number from 0 to 10000, not `-1`"
        );
        assert_eq!(
            user_error(&[("sort\n", "x")]),
            "unknown parameter `sort\\n`; use q, country, person, org, from, to, sort, exact, limit, offset, facet_limit"
        );
        assert_eq!(
            user_error(&[("facet_limit", "ten")]),
            "facet_limit: the facet limit must be a whole number of values (0 for every value), not `ten`"
        );
        assert_eq!(
            user_error(&[("facet_limit", "-1")]),
            "facet_limit: the facet limit must be a whole number of values (0 for every value), not `-1`"
        );
        assert_eq!(
            user_error(&[("sort", "latest")]),
            "unknown order `latest`; use relevance, newest or oldest"
        );
        assert_eq!(
            user_error(&[("exact", "yes")]),
            "exact must be true or false, not `yes`"
        );
        assert!(user_error(&[("from", "2025/12")]).starts_with("from: invalid date"));
        assert_eq!(
            user_error(&[("to", "2025"), ("to", "2024")]),
            "give to once"
        );
        let long = "a".repeat(MAX_QUERY_BYTES + 1);
        assert_eq!(
            user_error(&[("q", &long)]),
            "q is too long (1001 bytes); at most 1000"
        );
        let many = vec![("country", "IR"); MAX_FILTER_VALUES + 1];
        assert_eq!(user_error(&many), "at most 20 values of country");
    }
}
