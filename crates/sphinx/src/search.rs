//! `Engine::search`: a [`Query`] answered from the shards with the local
//! index's [`Results`]: the text and filters resolved by `search_query::engine`
//! (the local index's own parser, analyser and filter resolution), one
//! statement for the page of hits and the total, and one `GROUP BY` per facet
//! (a `FACET` over a distributed index counts only the local shard in Sphinx
//! 2.2). Persons are counted under their canonical names: a name whose
//! variants several matching articles share is counted again over all its
//! variants, so an article naming two counts once, as locally.

use std::collections::HashMap;

use search_query::engine::{
    ArticleParts, HitParts, PreparedText, ResolvedFilters, TextMatch, TextNode, canonical_persons,
};
use search_query::{Facets, Hit, Query, QueryError, Results, Sort, StoredArticle, TITLE_BOOST};

use crate::conn::{int, list, quoted, text};
use crate::row::EVERY;
use crate::schema::{Kind, Stored, article_id, doc_id_of_derived, shard_of, value_id};
use crate::{Engine, EngineError};

/// The `WHERE` of a search, and the select-list expression it filters on.
#[derive(Default)]
pub(crate) struct Where {
    /// `, <expr> AS in_window` when there is a date window, else empty.
    select: String,
    clauses: Vec<String>,
}

impl Where {
    /// `SELECT <columns><window> FROM news WHERE …` plus `extra`.
    fn statement(&self, columns: &str, extra: Option<&str>) -> String {
        let mut s = format!("SELECT {columns}{} FROM news", self.select);
        let clauses: Vec<&str> = self
            .clauses
            .iter()
            .map(String::as_str)
            .chain(extra)
            .collect();
        if !clauses.is_empty() {
            s.push_str(" WHERE ");
            s.push_str(&clauses.join(" AND "));
        }
        s
    }
}

impl Engine {
    /// Runs a query. Mistakes in it ([`QueryError::is_user_error`]) are found
    /// before the engine is asked; an engine failure is [`QueryError::Engine`].
    pub fn search(&self, query: &Query) -> Result<Results, QueryError> {
        let aliases = self.aliases();
        let filters = ResolvedFilters::new(query, &aliases)?;
        let text = PreparedText::new(&query.text)?;
        let Some(where_) = self.where_clause(&text, &filters)? else {
            return Ok(Results::default());
        };
        let (hits, total) = self.hits(query, &text, &where_)?;
        let facets = if query.facets && total > 0 {
            self.facets(&where_)?
        } else {
            Facets::default()
        };
        let mut results = Results::new(total as usize, hits, facets);
        results.limit_facets(query.facet_limit);
        Ok(results)
    }

    /// The article with id `id` (a hit's id), or `None` when there is none.
    /// An id derived from the article's key names its document and so its
    /// shard ([`crate::schema::doc_id_of_derived`]); any other id (a JSON
    /// record's own `id`, which may look derived) is looked up by its
    /// [`article_id`] over all shards.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, EngineError> {
        let mut found = None;
        if let Some(doc) = doc_id_of_derived(id) {
            let shard = shard_of(doc, self.shards.len());
            let sql = format!("SELECT id, stored FROM articles WHERE id = {doc}");
            found = self.stored_with_id(shard, &sql, id)?;
        }
        if found.is_none() {
            let sql = format!(
                "SELECT id, stored FROM news WHERE article_id = {}",
                article_id(id)
            );
            found = self.stored_with_id(0, &sql, id)?;
        }
        Ok(found.map(|stored| {
            StoredArticle::from(ArticleParts {
                id: stored.id,
                path: stored.path,
                title: stored.title,
                body: stored.body,
                published: stored.published,
                url: stored.url,
                source: stored.source,
            })
        }))
    }

    /// The stored fields of the row of `sql` (on `shard`) whose id is `id`:
    /// another id of the same 63 bits would be another article.
    fn stored_with_id(
        &self,
        shard: usize,
        sql: &str,
        id: &str,
    ) -> Result<Option<Stored>, EngineError> {
        for row in self.shards[shard].query(sql)? {
            let stored: Stored = text(&row, 1)
                .and_then(|s| serde_json::from_str(&s).ok())
                .ok_or_else(|| self.unexpected(shard, "an article without its stored fields"))?;
            if stored.id == id {
                return Ok(Some(stored));
            }
        }
        Ok(None)
    }

    /// Number of articles the shards hold.
    pub fn num_articles(&self) -> Result<u64, EngineError> {
        let rows = self.shards[0].query("SELECT COUNT(*) FROM news")?;
        Ok(rows.first().and_then(|r| int(r, 0)).unwrap_or(0) as u64)
    }

    /// The `WHERE` of a search; `None` when nothing can match.
    fn where_clause(
        &self,
        text: &PreparedText,
        filters: &ResolvedFilters,
    ) -> Result<Option<Where>, EngineError> {
        let mut clauses = Vec::new();
        match text.matching() {
            TextMatch::All => {}
            TextMatch::Nothing => return Ok(None),
            TextMatch::Tree(node) => clauses.push(format!("MATCH({})", quoted(&expression(&node)))),
        }
        let mut any = |column: &str, kind: Kind, values: &mut dyn Iterator<Item = &str>| {
            let ids: Vec<u64> = values.map(|v| value_id(kind, v)).collect();
            if !ids.is_empty() {
                clauses.push(format!("{column} IN ({})", list(ids)));
            }
        };
        any(
            "countries",
            Kind::Country,
            &mut filters.countries.iter().copied(),
        );
        any(
            "person_keys",
            Kind::PersonKey,
            &mut filters.person_keys.iter().map(String::as_str),
        );
        any(
            "org_keys",
            Kind::OrganizationKey,
            &mut filters.organization_keys.iter().map(String::as_str),
        );
        let mut select = String::new();
        if let Some(window) = &filters.dates {
            let mut tests = Vec::new();
            for (column, kind, (lo, hi)) in [
                ("days", Kind::Day, window.days),
                ("months", Kind::Month, window.months),
                ("years", Kind::Year, window.years),
            ] {
                let keys = self.date_keys(kind, lo, hi)?;
                if !keys.is_empty() {
                    tests.push(format!("IN({column}, {})", list(keys)));
                }
            }
            if tests.is_empty() {
                return Ok(None);
            }
            select = format!(", {} AS in_window", tests.join(" OR "));
            clauses.push("in_window = 1".into());
        }
        Ok(Some(Where { select, clauses }))
    }

    /// The date keys (offset as stored) of `kind` the shards hold within
    /// `[lo, hi]` (`None`: open), read from `names`.
    fn date_keys(
        &self,
        kind: Kind,
        lo: Option<i64>,
        hi: Option<i64>,
    ) -> Result<Vec<i64>, EngineError> {
        use crate::schema::DATE_OFFSET;
        if let (Some(lo), Some(hi)) = (lo, hi)
            && lo > hi
        {
            return Ok(Vec::new());
        }
        let lo = lo.map_or(i64::MIN + 1, |v| v + DATE_OFFSET);
        let hi = hi.map_or(i64::MAX, |v| v + DATE_OFFSET);
        let rows = self.scan(
            0,
            "names",
            "value",
            &format!("kind = {} AND value >= {lo} AND value <= {hi}", kind as u8),
        )?;
        Ok(rows.iter().filter_map(|r| int(r, 1)).collect())
    }

    /// The page of hits and the total.
    fn hits(
        &self,
        query: &Query,
        text: &PreparedText,
        where_: &Where,
    ) -> Result<(Vec<Hit>, u64), EngineError> {
        let scored = text.scored();
        let order = match (query.sort, scored) {
            (Sort::Relevance, true) => "w DESC, key ASC",
            (Sort::Newest, _) => "dated DESC, published_day DESC, w DESC, key ASC",
            (Sort::Oldest, _) => "dated DESC, published_day ASC, w DESC, key ASC",
            _ => "key ASC",
        };
        let limit = query.limit.max(1);
        let statement = format!(
            "{} ORDER BY {order} LIMIT {}, {limit} OPTION max_matches = {}, ranker = bm25, \
             field_weights = (title = {}, body = 1)",
            where_.statement("id, WEIGHT() AS w, key, stored", None),
            query.offset,
            query.offset + limit,
            TITLE_BOOST.round().max(1.0) as u32,
        );
        let (rows, total) = self.shards[0].query_with_total(&statement)?;
        let aliases = self.aliases();
        let mut hits = Vec::new();
        for row in rows.iter().take(query.limit) {
            let stored: Stored = text_col(row, 3)
                .and_then(|s| serde_json::from_str(&s).ok())
                .ok_or_else(|| self.unexpected(0, "an article without its stored fields"))?;
            let score = if scored {
                int(row, 1).unwrap_or(0) as f32
            } else {
                1.0
            };
            hits.push(Hit::from(HitParts {
                snippet: text.snippet(&stored.body),
                persons: canonical_persons(stored.persons, &aliases),
                id: stored.id,
                path: stored.path,
                url: stored.url,
                source: stored.source,
                title: stored.title,
                score,
                published: stored.published,
                organizations: stored.organizations,
                countries: stored.countries,
                dates: stored.dates,
            }));
        }
        Ok((hits, total))
    }

    /// The four facets: one `GROUP BY` each, persons merged by alias.
    fn facets(&self, where_: &Where) -> Result<Facets, EngineError> {
        let named = |column: &str| -> Result<HashMap<String, u64>, EngineError> {
            let counts = self.group_counts(column, where_)?;
            let names = self.names_of(counts.iter().map(|(id, _)| *id))?;
            Ok(counts
                .into_iter()
                .filter_map(|(id, c)| names.get(&id).map(|n| (n.clone(), c)))
                .collect())
        };
        let country = named("countries")?;
        let organization = named("orgs")?;
        let date = named("buckets")?;
        let aliases = self.aliases();
        let counts = self.group_counts("persons", where_)?;
        let names = self.names_of(counts.iter().map(|(id, _)| *id))?;
        let mut groups: HashMap<&str, Vec<(u64, u64)>> = HashMap::new();
        for (id, count) in &counts {
            if let Some(name) = names.get(id) {
                groups
                    .entry(aliases.canonical(name))
                    .or_default()
                    .push((*id, *count));
            }
        }
        let mut person = HashMap::new();
        for (canonical, members) in groups {
            let count = if let [(_, count)] = members[..] {
                count
            } else {
                let ids = list(members.iter().map(|(id, _)| *id));
                let clause = format!("persons IN ({ids})");
                let rows =
                    self.shards[0].query(&where_.statement("COUNT(*) AS c", Some(&clause)))?;
                rows.first().and_then(|r| int(r, 0)).unwrap_or(0) as u64
            };
            person.insert(canonical.to_string(), count);
        }
        Ok(Facets::from_counts(country, person, organization, date))
    }

    /// Matching articles by value of a multi-value column: `(id, count)`.
    pub(crate) fn group_counts(
        &self,
        column: &str,
        where_: &Where,
    ) -> Result<Vec<(u64, u64)>, EngineError> {
        let mut max = 10_000;
        loop {
            let statement = format!(
                "{} GROUP BY {column} LIMIT 0, {max} OPTION max_matches = {max}",
                where_.statement("groupby() AS g, COUNT(*) AS c", None)
            );
            let rows = self.shards[0].query(&statement)?;
            if rows.len() < max {
                return Ok(rows
                    .iter()
                    .filter_map(|r| Some((int(r, 0)? as u64, int(r, 1)? as u64)))
                    .collect());
            }
            max *= 10;
        }
    }

    /// The names of value ids, from the cache or `names`.
    pub(crate) fn names_of(
        &self,
        ids: impl Iterator<Item = u64>,
    ) -> Result<HashMap<u64, String>, EngineError> {
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        {
            let cache = self.names.read().unwrap_or_else(|e| e.into_inner());
            for id in ids {
                match cache.get(&id) {
                    Some(n) => {
                        found.insert(id, n.clone());
                    }
                    None => missing.push(id),
                }
            }
        }
        for chunk in missing.chunks(5000) {
            let rows = self.shards[0].query(&format!(
                "SELECT id, name FROM names WHERE id IN ({}) LIMIT 0, {n} OPTION max_matches = {n}",
                list(chunk),
                n = chunk.len()
            ))?;
            let mut cache = self.names.write().unwrap_or_else(|e| e.into_inner());
            for row in &rows {
                if let (Some(id), Some(name)) = (int(row, 0), text(row, 1)) {
                    cache.insert(id as u64, name.clone());
                    found.insert(id as u64, name);
                }
            }
        }
        Ok(found)
    }
}

fn text_col(row: &mysql::Row, i: usize) -> Option<String> {
    text(row, i)
}

/// A tree as Sphinx's extended query syntax. Tokens are alphanumeric (the
/// analyser splits on everything else), so none needs escaping; a field limit
/// is put in parentheses of its own, so that it reaches no neighbour; a
/// negation alone is taken from [`EVERY`], which every article has.
fn expression(node: &TextNode) -> String {
    let scoped = |s: String, title_only: bool| {
        if title_only {
            format!("(@title {s})")
        } else {
            format!("(@(title,body) {s})")
        }
    };
    match node {
        TextNode::Term { token, title_only } => scoped(token.clone(), *title_only),
        TextNode::Prefix { token, title_only } => scoped(format!("{token}*"), *title_only),
        TextNode::Phrase { tokens, title_only } => {
            scoped(format!("\"{}\"", tokens.join(" ")), *title_only)
        }
        TextNode::And { must, not } => {
            let mut parts: Vec<String> = must.iter().map(expression).collect();
            if parts.is_empty() {
                parts.push(EVERY.to_string());
            }
            parts.extend(not.iter().map(|n| format!("-{}", expression(n))));
            format!("({})", parts.join(" "))
        }
        TextNode::Or(items) => format!(
            "({})",
            items.iter().map(expression).collect::<Vec<_>>().join(" | ")
        ),
        TextNode::Not(inner) => format!("({EVERY} -{})", expression(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sphinx(text: &str) -> String {
        match PreparedText::new(text).unwrap().matching() {
            TextMatch::Tree(node) => expression(&node),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn queries_in_sphinx_syntax() {
        assert_eq!(sphinx("Muttaqī"), "(@(title,body) muttaqi)");
        assert_eq!(
            sphinx("envoy OR minister -Tehran"),
            "(((@(title,body) envoy) | (@(title,body) minister)) -(@(title,body) tehran))"
        );
        assert_eq!(sphinx("-Kabul"), "(_all -(@(title,body) kabul))");
        assert_eq!(
            sphinx("title:\"peace talks\" bank*"),
            "((@title \"peace talks\") (@(title,body) bank*))"
        );
        assert_eq!(sphinx("—"), "Nothing");
    }
}
