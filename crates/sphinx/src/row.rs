//! From an article to the row the engine stores: the local index's document
//! (built by [`search_index::document::build`], so every value is the local
//! index's) read back into the columns of [`crate::schema`].

use search_extract::Entities;
use search_index::Article;
use search_index::document::{self, FileMeta};
use search_schema::{Fields, news_analyzer};
use search_types::keys::name_key;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::conn::{list, quoted};
use crate::schema::{DATE_OFFSET, Kind, Stored, article_id, doc_id, value_id};

/// The columns of `articles` a row fills, in the order of [`Row::values`].
pub(crate) const COLUMNS: &str = "id, title, body, every, key, file, file_sig, dated, \
    published_day, persons, person_keys, orgs, org_keys, countries, buckets, days, months, years, stored, article_id";

/// The token every article has in its `every` field.
pub(crate) const EVERY: &str = "_all";

/// One article as the engine stores it.
pub(crate) struct Row {
    pub id: u64,
    pub key: String,
    /// The `names` rows its values need: id, kind, numeric value, name.
    pub names: Vec<(u64, Kind, i64, String)>,
    values: String,
}

impl Row {
    /// `(…)` of a `REPLACE INTO articles (COLUMNS) VALUES` statement.
    pub fn values(&self) -> &str {
        &self.values
    }
}

/// Builds rows; holds the schema's fields and an analyser.
pub(crate) struct RowBuilder {
    fields: Fields,
    analyzer: TextAnalyzer,
}

impl RowBuilder {
    pub fn new() -> Self {
        RowBuilder {
            fields: search_schema::build_schema().1,
            analyzer: news_analyzer(),
        }
    }

    /// The row of an article from a file of signature `sig`.
    pub fn row(&mut self, article: &Article, entities: &Entities, sig: i64) -> Row {
        let f = self.fields;
        let doc = document::build(&f, article.clone(), entities, FileMeta::default());
        let texts = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let ints =
            |field: Field| -> Vec<i64> { doc.get_all(field).filter_map(|v| v.as_i64()).collect() };
        let first = |field: Field| texts(field).into_iter().next();
        let mut names = Vec::new();
        let mut ids = |kind: Kind, values: &[String]| -> String {
            let mut ids: Vec<u64> = values
                .iter()
                .map(|v| {
                    let id = value_id(kind, v);
                    names.push((id, kind, 0, v.clone()));
                    id
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            format!("({})", list(ids))
        };
        let persons = texts(f.person);
        let organizations = texts(f.organization);
        let countries = texts(f.country);
        let mva = [
            ids(Kind::Person, &persons),
            ids(Kind::PersonKey, &texts(f.person_key)),
            ids(Kind::Organization, &organizations),
            ids(Kind::OrganizationKey, &texts(f.organization_key)),
            ids(Kind::Country, &countries),
            ids(Kind::Bucket, &texts(f.date_bucket)),
        ];
        let mut dates = |kind: Kind, field: Field| -> String {
            let mut keys: Vec<i64> = ints(field).into_iter().map(|k| k + DATE_OFFSET).collect();
            keys.sort_unstable();
            keys.dedup();
            for &k in &keys {
                names.push((value_id(kind, &k.to_string()), kind, k, k.to_string()));
            }
            format!("({})", list(keys))
        };
        let date_mva = [
            dates(Kind::Day, f.date_day),
            dates(Kind::Month, f.date_month),
            dates(Kind::Year, f.date_year),
        ];
        let stored = Stored {
            id: first(f.id).unwrap_or_default(),
            path: first(f.path).unwrap_or_default(),
            url: first(f.url),
            source: first(f.source),
            title: article.title.clone(),
            body: article.body.clone(),
            published: article.published,
            persons,
            organizations,
            countries,
            dates: texts(f.date)
                .iter()
                .filter_map(|d| d.parse().ok())
                .collect(),
        };
        let published_day = ints(f.published_day).first().copied();
        let id = doc_id(&article.key);
        let values = format!(
            "({id}, {}, {}, '{EVERY}', {}, {}, {sig}, {}, {}, {}, {}, {}, {})",
            quoted(&self.tokens(&article.title)),
            quoted(&self.tokens(&article.body)),
            quoted(&article.key),
            quoted(&stored.path),
            u8::from(published_day.is_some()),
            published_day.unwrap_or(0),
            mva.join(", "),
            date_mva.join(", "),
            quoted(&serde_json::to_string(&stored).unwrap_or_default()),
            article_id(&stored.id),
        );
        Row {
            id,
            key: article.key.clone(),
            names,
            values,
        }
    }

    /// The text as the index's analyser tokenises it, tokens joined by spaces.
    fn tokens(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut stream = self.analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t.text);
        }
        out
    }
}

/// The `person_keys` id a person name is looked up by.
pub(crate) fn person_key_id(name: &str) -> u64 {
    value_id(Kind::PersonKey, &name_key(name))
}
