//! The filters of a [`Query`]: `country`, `person`, `organization` and the date range, resolved to
//! the values the index holds and turned into tantivy queries that select
//! articles without touching their score.
//!
//! - **Country**: what the user typed (a name, an alternative or historical
//!   name, a demonym, an ISO alpha-2/alpha-3 code, any case, accents or not) is
//!   resolved with [`search_types::countries::resolve`] to the common name stored in the
//!   `country` field; unknown input is a [`QueryError::UnknownCountry`].
//! - **Person**: keyed with [`search_types::keys::name_key`] (lower case,
//!   accents folded, whitespace normalised), the function the index writer keys
//!   every canonical name and alias with, and matched against `person_key`: so
//!   `Muttaqī`, `MUTTAQI` and `Jose Sarney` find `Muttaqi` and `José Sarney`. A
//!   name the index's alias table knows stands for its person: every value filed
//!   under the same canonical name is looked up (`Reagan` finds the articles of
//!   "Ronald Reagan" and of a bare "Reagan").
//! - **Organisation**: the same, against `organization_key`.
//! - **Dates**: an article matches when *any* of its dates (publication date
//!   included) lies within `[from.first_day(), to.last_day()]`. A date known to the
//!   day matches when that day is inside; a month when the whole month is inside;
//!   a year when the whole year is inside. `--from 2021-08` therefore matches
//!   "2021-08-03", "August 2021" and "2022", but not "2021".
//!
//! Several values of one filter are OR, different filters are AND.

use std::sync::Arc;

use search_schema::Fields;
use search_schema::aliases::AliasTable;
use search_types::PartialDate;
use search_types::countries;
use search_types::days_in_month;
use search_types::keys::{month_key, name_key};
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::date_window::DateWindowQuery;
use crate::facet_cache::FacetCache;
use crate::{Query, QueryError};

/// The resolved filters of a query, as one clause per filter; `cache` is the
/// open index's facet cache (its alias table, and the date column the date
/// filter reads).
pub(crate) fn filter_queries(
    query: &Query,
    fields: &Fields,
    cache: &Arc<FacetCache>,
) -> Result<Vec<Box<dyn TantivyQuery>>, QueryError> {
    let aliases = &cache.table;
    let mut clauses: Vec<Box<dyn TantivyQuery>> = Vec::new();
    let names = country_names(query)?;
    if !names.is_empty() {
        clauses.push(any_term(fields.country, names));
    }
    let keys = person_keys(query, aliases);
    if !keys.is_empty() {
        clauses.push(any_term(fields.person_key, keys.iter().map(String::as_str)));
    }
    let keys = organization_keys(query);
    if !keys.is_empty() {
        clauses.push(any_term(
            fields.organization_key,
            keys.iter().map(String::as_str),
        ));
    }
    if let Some(range) = DayRange::new(query.from, query.to)? {
        clauses.push(Box::new(DateWindowQuery::new(
            range,
            Some(Arc::clone(cache)),
        )));
    }
    Ok(clauses)
}

/// The common names of the query's countries; an unknown one is an error.
pub(crate) fn country_names(query: &Query) -> Result<Vec<&'static str>, QueryError> {
    query
        .countries
        .iter()
        .map(|c| {
            countries::resolve(c)
                .map(|c| c.name)
                .ok_or_else(|| QueryError::UnknownCountry(c.trim().to_string()))
        })
        .collect()
}

/// The `person_key`s the person filter looks up, sorted: each name typed and
/// every value the alias table files under the same person.
pub(crate) fn person_keys(query: &Query, aliases: &AliasTable) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for p in &query.persons {
        keys.push(name_key(p));
        if let Some(canonical) = aliases.resolve(p) {
            let names = std::iter::once(canonical)
                .chain(aliases.variants(canonical).iter().map(String::as_str));
            keys.extend(names.map(name_key));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The `organization_key`s the organisation filter looks up, sorted.
pub(crate) fn organization_keys(query: &Query) -> Vec<String> {
    let mut keys: Vec<String> = query.organizations.iter().map(|n| name_key(n)).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Articles with any of these exact values in `field`.
fn any_term<'a>(field: Field, values: impl IntoIterator<Item = &'a str>) -> Box<dyn TantivyQuery> {
    let mut terms: Vec<Box<dyn TantivyQuery>> = values
        .into_iter()
        .map(|v| {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            )) as Box<dyn TantivyQuery>
        })
        .collect();
    if terms.len() == 1 {
        return terms.remove(0);
    }
    Box::new(BooleanQuery::new(
        terms.into_iter().map(|t| (Occur::Should, t)).collect(),
    ))
}

/// An inclusive range of days (since 1970-01-01); `None` ends are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl DayRange {
    /// The range `[from.first_day(), to.last_day()]`; `None` when neither end is
    /// given, an error when it is empty.
    pub fn new(
        from: Option<PartialDate>,
        to: Option<PartialDate>,
    ) -> Result<Option<Self>, QueryError> {
        if let (Some(f), Some(t)) = (from, to)
            && f.first_day() > t.last_day()
        {
            return Err(QueryError::EmptyDateRange {
                from: f.to_string(),
                to: t.to_string(),
            });
        }
        if from.is_none() && to.is_none() {
            return Ok(None);
        }
        Ok(Some(DayRange {
            from: from.map(|d| d.first_day()),
            to: to.map(|d| d.last_day()),
        }))
    }

    /// The `date_month` keys (`year * 12 + month - 1`) of the months lying wholly
    /// inside the range, as bounds.
    pub fn months(&self) -> (Option<i64>, Option<i64>) {
        let first = self.from.map(|f| {
            let (y, m, d) = civil(f);
            month_key(y, m) + i64::from(d != 1)
        });
        let last = self.to.map(|t| {
            let (y, m, d) = civil(t);
            month_key(y, m) - i64::from(d != days_in_month(y, m))
        });
        (first, last)
    }

    /// The years lying wholly inside the range, as bounds.
    pub fn years(&self) -> (Option<i64>, Option<i64>) {
        let first = self.from.map(|f| {
            let (y, m, d) = civil(f);
            i64::from(y) + i64::from((m, d) != (1, 1))
        });
        let last = self.to.map(|t| {
            let (y, m, d) = civil(t);
            i64::from(y) - i64::from((m, d) != (12, 31))
        });
        (first, last)
    }
}

fn civil(days: i64) -> (i32, u8, u8) {
    let d = PartialDate::from_days(days);
    (
        d.year_part(),
        d.month_part().unwrap_or(1),
        d.day_part().unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: &str, to: &str) -> DayRange {
        let p = |s: &str| (!s.is_empty()).then(|| s.parse::<PartialDate>().unwrap());
        DayRange::new(p(from), p(to)).unwrap().unwrap()
    }

    #[test]
    fn whole_months_and_years_inside_the_range() {
        let r = range("2021-08", "2021-08");
        assert_eq!(
            r.months(),
            (Some(month_key(2021, 8)), Some(month_key(2021, 8)))
        );
        assert_eq!(r.years(), (Some(2022), Some(2020)));

        let r = range("2021-08-02", "2021-10-30");
        assert_eq!(
            r.months(),
            (Some(month_key(2021, 9)), Some(month_key(2021, 9)))
        );

        let r = range("2021", "2022");
        assert_eq!(r.years(), (Some(2021), Some(2022)));
        assert_eq!(
            r.months(),
            (Some(month_key(2021, 1)), Some(month_key(2022, 12)))
        );

        let r = range("2024-02", "");
        assert_eq!(
            r.from,
            Some(PartialDate::month(2024, 2).unwrap().first_day())
        );
        assert_eq!(r.to, None);
        assert_eq!(r.months(), (Some(month_key(2024, 2)), None));
        assert_eq!(r.years(), (Some(2025), None));

        // Leap day ends February.
        let r = range("", "2024-02-29");
        assert_eq!(r.months(), (None, Some(month_key(2024, 2))));
        assert_eq!(r.years(), (None, Some(2023)));
    }

    #[test]
    fn empty_and_absent_ranges() {
        assert_eq!(DayRange::new(None, None).unwrap(), None);
        let err = DayRange::new(
            Some("2025".parse().unwrap()),
            Some("2021-08".parse().unwrap()),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "empty date range: 2025 is after 2021-08");
        assert!(err.is_user_error());
        // A single day is a valid range.
        let d: PartialDate = "2025-12-17".parse().unwrap();
        assert!(DayRange::new(Some(d), Some(d)).unwrap().is_some());
    }
}
