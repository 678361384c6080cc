//! From an article and its entities to the tantivy document of the schema.
//!
//! Extraction runs on the body, whose spans are what `search extract` shows. A
//! title taken from metadata is not part of the body, so its countries are merged
//! in too ("Iran" in a headline should find the article); its persons are not,
//! because headlines name people by bare surname or in Title Case, which would add
//! spurious facet values next to the full name the body gives.

use search_extract::user::UserExtractor;
use search_extract::{Entities, Mention, PartialDate};
use search_schema::Fields;
use search_types::keys::{DateKey, date_bucket, date_key, display_name, name_key};
use tantivy::TantivyDocument;

use crate::article::Article;

/// What the index records about the file an article came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileMeta {
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub mtime: i64,
}

/// The entities of an article: those of its body, plus the countries of a title
/// that the body does not contain.
pub fn extract(extractor: &UserExtractor, article: &Article) -> Entities {
    extractor
        .extract_article(&article.title, &article.body, article.published)
        .merged()
}

/// Adds persons or organisations: each distinct name once to `names` (spaces
/// normalised, first mention first), and the [`name_key`] of every name and
/// mention text to `keys`, which the filters look up.
fn add_names<'a>(
    doc: &mut TantivyDocument,
    names: tantivy::schema::Field,
    keys: tantivy::schema::Field,
    entities: impl Iterator<Item = (&'a String, &'a Vec<Mention>)>,
) {
    let mut key_set: Vec<String> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    // A name is mentioned again and again in one article: key each text once.
    let mut keyed: Vec<&str> = Vec::new();
    for (name, mentions) in entities {
        let display = display_name(name);
        if !display.is_empty() && !shown.contains(&display) {
            doc.add_text(names, &display);
            shown.push(display);
        }
        keyed.clear();
        for text in std::iter::once(name.as_str()).chain(mentions.iter().map(|m| m.text.as_str())) {
            if !keyed.contains(&text) {
                keyed.push(text);
                key_set.push(name_key(text));
            }
        }
    }
    // Sorted and deduplicated: the order a set gave, without a tree.
    sorted_set(&mut key_set);
    for key in key_set.into_iter().filter(|k| !k.is_empty()) {
        doc.add_text(keys, key);
    }
}

/// Sorts and deduplicates `values`: a set's order, without building a tree
/// for the handful of values an article has.
fn sorted_set<T: Ord>(values: &mut Vec<T>) {
    values.sort_unstable();
    values.dedup();
}

/// About the bytes a document's values take in tantivy's buffer: the texts
/// (the key twice: as key and as path), and room for the entities.
fn capacity(article: &Article) -> usize {
    let optional = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    2 * article.key.len()
        + article.id.len()
        + article.title.len()
        + article.body.len()
        + optional(&article.url)
        + optional(&article.source)
        + 1024
}

/// Builds the document of one article.
pub fn build(
    fields: &Fields,
    article: &Article,
    entities: &Entities,
    file: FileMeta,
) -> TantivyDocument {
    // Room for the texts at once: the default 1 KiB buffer grew by copying the
    // body over again, a tenth of the workers' allocation time.
    let mut doc = TantivyDocument::with_capacity(capacity(article));
    doc.add_text(fields.key, &article.key);
    doc.add_text(fields.id, &article.id);
    // Absolute, so that a hit's path opens wherever the query runs.
    doc.add_text(fields.path, crate::state::file_key(&article.key));
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    if let Some(published) = article.published {
        doc.add_text(fields.published, published.to_string());
        doc.add_i64(fields.published_day, published.first_day());
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    doc.add_u64(fields.hash, file.hash);
    doc.add_u64(fields.size, file.size);
    doc.add_i64(fields.mtime, file.mtime);

    // Sets: one value per distinct entity, in a stable order.
    let persons = entities.persons.iter().map(|p| (&p.name, &p.mentions));
    add_names(&mut doc, fields.person, fields.person_key, persons);
    let organizations = entities
        .organizations
        .iter()
        .map(|o| (&o.name, &o.mentions));
    add_names(
        &mut doc,
        fields.organization,
        fields.organization_key,
        organizations,
    );
    let mut countries: Vec<&str> = entities.countries.iter().map(|c| c.name.as_str()).collect();
    sorted_set(&mut countries);
    for country in countries {
        doc.add_text(fields.country, country);
    }

    let mut dates: Vec<PartialDate> = entities.dates.iter().map(|d| d.value).collect();
    sorted_set(&mut dates);
    for date in &dates {
        doc.add_text(fields.date, date.to_string());
    }
    let mut all_dates = dates;
    all_dates.extend(article.published);
    sorted_set(&mut all_dates);
    let mut buckets: Vec<String> = all_dates.iter().map(date_bucket).collect();
    sorted_set(&mut buckets);
    for bucket in buckets {
        doc.add_text(fields.date_bucket, bucket);
    }
    for date in &all_dates {
        match date_key(date) {
            DateKey::Day(k) => doc.add_i64(fields.date_day, k),
            DateKey::Month(k) => doc.add_i64(fields.date_month, k),
            DateKey::Year(k) => doc.add_i64(fields.date_year, k),
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use search_extract::{CountryEntity, DateEntity, Organization, Person};
    use tantivy::schema::Value;

    fn mention(text: &str) -> Mention {
        Mention {
            start: 0,
            end: text.len(),
            text: text.into(),
        }
    }

    fn texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    fn ints(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<i64> {
        doc.get_all(field).filter_map(|v| v.as_i64()).collect()
    }

    fn dec17_2025() -> i64 {
        PartialDate::day(2025, 12, 17).unwrap().first_day()
    }

    #[test]
    fn builds_every_field_of_the_schema() {
        let (_, f) = search_schema::build_schema();
        let article = Article {
            key: "/s/a.txt".into(),
            id: "abc".into(),
            path: "s/a.txt".into(),
            title: "T".into(),
            body: "B".into(),
            published: PartialDate::day(2025, 12, 17),
            body_offset: Some(0),
            url: Some("https://example.org/a".into()),
            source: Some("Wire".into()),
        };
        let entities = Entities {
            persons: vec![Person {
                name: "Amir Khan Muttaqi".into(),
                mentions: vec![
                    mention("Amir Khan Muttaqi"),
                    mention("Muttaqi"),
                    mention("Muttaqi"),
                    // A no-break space, a line break and an accent: the same key.
                    mention("Amir\u{a0}Khan\nMuttaqī"),
                ],
            }],
            organizations: vec![
                Organization {
                    name: "Taliban".into(),
                    mentions: vec![mention("Taliban"), mention("TALIBAN")],
                },
                Organization {
                    name: "United\u{a0}Nations".into(),
                    mentions: vec![mention("UN"), mention("U.N.")],
                },
            ],
            countries: vec![
                CountryEntity {
                    name: "Iran".into(),
                    code: "IR".into(),
                    mentions: vec![mention("Tehran")],
                },
                CountryEntity {
                    name: "Afghanistan".into(),
                    code: "AF".into(),
                    mentions: vec![],
                },
            ],
            dates: vec![
                DateEntity {
                    value: PartialDate::month(2021, 8).unwrap(),
                    mentions: vec![],
                },
                DateEntity {
                    value: PartialDate::year(2020).unwrap(),
                    mentions: vec![],
                },
                DateEntity {
                    value: PartialDate::day(2025, 12, 17).unwrap(),
                    mentions: vec![],
                },
            ],
        };
        let meta = FileMeta {
            hash: 7,
            size: 100,
            mtime: 42,
        };
        let doc = build(&f, &article, &entities, meta);
        assert_eq!(texts(&doc, f.key), ["/s/a.txt"]);
        assert_eq!(texts(&doc, f.published), ["2025-12-17"]);
        assert_eq!(texts(&doc, f.person), ["Amir Khan Muttaqi"]);
        assert_eq!(texts(&doc, f.person_key), ["amir khan muttaqi", "muttaqi"]);
        assert_eq!(texts(&doc, f.organization), ["Taliban", "United Nations"]);
        assert_eq!(
            texts(&doc, f.organization_key),
            ["taliban", "u.n.", "un", "united nations"]
        );
        assert_eq!(texts(&doc, f.url), ["https://example.org/a"]);
        assert_eq!(texts(&doc, f.source), ["Wire"]);
        assert_eq!(ints(&doc, f.published_day), [dec17_2025()]);
        assert_eq!(texts(&doc, f.country), ["Afghanistan", "Iran"]);
        assert_eq!(texts(&doc, f.date), ["2020", "2021-08", "2025-12-17"]);
        assert_eq!(texts(&doc, f.date_bucket), ["2020", "2021-08", "2025-12"]);
        let dec17 = PartialDate::day(2025, 12, 17).unwrap().first_day();
        assert_eq!(ints(&doc, f.date_day), [dec17]);
        assert_eq!(ints(&doc, f.date_month), [2021 * 12 + 7]);
        assert_eq!(ints(&doc, f.date_year), [2020]);
        assert_eq!(doc.get_first(f.hash).and_then(|v| v.as_u64()), Some(7));
        assert_eq!(ints(&doc, f.mtime), [42]);
    }

    #[test]
    fn an_article_without_entities_still_has_its_publication_date_keys() {
        let (_, f) = search_schema::build_schema();
        let article = Article {
            key: "k".into(),
            id: "i".into(),
            path: "p".into(),
            title: "t".into(),
            body: "b".into(),
            published: PartialDate::month(2021, 8),
            body_offset: None,
            url: None,
            source: None,
        };
        let doc = build(&f, &article, &Entities::default(), FileMeta::default());
        assert!(texts(&doc, f.date).is_empty());
        assert!(texts(&doc, f.url).is_empty() && texts(&doc, f.source).is_empty());
        let aug = PartialDate::month(2021, 8).unwrap().first_day();
        assert_eq!(ints(&doc, f.published_day), [aug]);
        assert_eq!(texts(&doc, f.date_bucket), ["2021-08"]);
        assert_eq!(ints(&doc, f.date_month), [2021 * 12 + 7]);
    }

    #[test]
    fn the_title_adds_its_countries_and_says_whose_an_office_is() {
        let article = |title: &str, body: &str| Article {
            key: "k".into(),
            id: "i".into(),
            path: "p".into(),
            title: title.into(),
            body: body.into(),
            published: None,
            body_offset: None,
            url: None,
            source: None,
        };
        let extractor = UserExtractor::new(Default::default());
        let names = |e: &Entities| {
            let orgs: Vec<String> = e.organizations.iter().map(|o| o.name.clone()).collect();
            let countries: Vec<String> = e.countries.iter().map(|c| c.name.clone()).collect();
            (orgs, countries)
        };
        let body = "The Finance Ministry has clarified its fund management rules.";
        let e = extract(&extractor, &article("Japan Clarifies Fund Rules", body));
        assert_eq!(
            names(&e),
            (
                vec!["Finance Ministry (Japan)".into()],
                vec!["Japan".into()]
            )
        );
        // A title naming two countries says nothing of whose the office is.
        let e = extract(&extractor, &article("Japan, U.S. Clarify Rules", body));
        assert_eq!(
            names(&e),
            (
                vec!["Finance Ministry".into()],
                vec!["Japan".into(), "United States".into()]
            )
        );
    }
}
