//! From an article and its entities to the document of the schema that the
//! writer hands tantivy, an [`ArticleDoc`] (see [`article_doc`] for why not
//! tantivy's own document type).
//!
//! Extraction runs on the body, whose spans are what `search extract` shows. A
//! title taken from metadata is not part of the body, so its countries are merged
//! in too ("Iran" in a headline should find the article); its persons are not,
//! because headlines name people by bare surname or in Title Case, which would add
//! spurious facet values next to the full name the body gives.

use std::cell::RefCell;
use std::ops::Range;

use search_extract::user::UserExtractor;
use search_extract::{Entities, Mention, PartialDate};
use search_schema::Fields;
use search_types::keys::{DateKey, date_key, push_date_bucket, push_display_name, push_name_key};
use tantivy::schema::Field;

use crate::article::Article;

pub mod article_doc;

use article_doc::Own;
pub use article_doc::{ArticleDoc, DocBuilder, Leaf, Values};

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

/// Buffers one worker reuses from one document to the next.
#[derive(Default)]
struct Scratch {
    doc: DocBuilder,
    shown: Vec<Range<usize>>,
    set: Vec<Range<usize>>,
    keyed: Vec<usize>,
    dates: Vec<PartialDate>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Adds persons or organisations: each distinct name once to `names` (spaces
/// normalised, first mention first), and the [`push_name_key`] of every name
/// and mention text to `keys`, which the filters look up.
fn add_names<'a>(
    s: &mut Scratch,
    names: Field,
    keys: Field,
    entities: impl Iterator<Item = (&'a String, &'a Vec<Mention>)>,
) {
    let Scratch {
        doc,
        shown,
        set,
        keyed,
        ..
    } = s;
    shown.clear();
    for (name, mentions) in entities {
        let display = doc.write(|made| push_display_name(made, name));
        let text = doc.made(display.clone());
        if text.is_empty() || shown.iter().any(|r| doc.made(r.clone()) == text) {
            doc.unwrite(display);
        } else {
            doc.add_made(names, display.clone());
            shown.push(display);
        }
        // A name is mentioned again and again in one article: key each text
        // once. `keyed` holds the texts keyed so far, by number: the name is 0,
        // mention i is i + 1.
        let text_of = |k: usize| if k == 0 { name } else { &mentions[k - 1].text };
        keyed.clear();
        for k in 0..=mentions.len() {
            let text = text_of(k);
            if !keyed.iter().any(|&done| text_of(done) == text) {
                keyed.push(k);
                set.push(doc.write(|made| push_name_key(made, text)));
            }
        }
    }
    // Sorted and deduplicated: the order a set gave, without a tree.
    doc.add_made_set(keys, set);
}

/// Appends a date as the index stores it (`2025-12-17`, `2021-08`, `2020`).
fn push_date(made: &mut String, date: &PartialDate) {
    use std::fmt::Write;
    // Writing to a `String` cannot fail.
    let _ = write!(made, "{date}");
}

fn sorted_set<T: Ord>(values: &mut Vec<T>) {
    values.sort_unstable();
    values.dedup();
}

/// Builds the document of one article, taking its texts.
pub fn build(fields: &Fields, article: Article, entities: &Entities, file: FileMeta) -> ArticleDoc {
    SCRATCH.with_borrow_mut(|s| {
        add_values(s, fields, &article, entities, file);
        let Article {
            key, title, body, ..
        } = article;
        s.doc.finish(key, title, body)
    })
}

/// Adds the values of an article's document: its key, title and body are
/// taken by [`DocBuilder::finish`].
fn add_values(
    s: &mut Scratch,
    fields: &Fields,
    article: &Article,
    entities: &Entities,
    file: FileMeta,
) {
    let doc = &mut s.doc;
    doc.add_own(fields.key, Own::Key);
    doc.add_text(fields.id, &article.id);
    // Absolute, so that a hit's path opens wherever the query runs: the key
    // without its record number.
    doc.add_key_prefix(fields.path, crate::state::file_key(&article.key).len());
    doc.add_own(fields.title, Own::Title);
    doc.add_own(fields.body, Own::Body);
    if let Some(published) = article.published {
        let shown = doc.write(|made| push_date(made, &published));
        doc.add_made(fields.published, shown);
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
    add_names(s, fields.person, fields.person_key, persons);
    let organizations = entities
        .organizations
        .iter()
        .map(|o| (&o.name, &o.mentions));
    add_names(
        s,
        fields.organization,
        fields.organization_key,
        organizations,
    );
    let Scratch {
        doc, set, dates, ..
    } = s;
    for country in &entities.countries {
        set.push(doc.write(|made| made.push_str(&country.name)));
    }
    doc.add_made_set(fields.country, set);

    dates.clear();
    dates.extend(entities.dates.iter().map(|d| d.value));
    sorted_set(dates);
    for date in dates.iter() {
        let shown = doc.write(|made| push_date(made, date));
        doc.add_made(fields.date, shown);
    }
    dates.extend(article.published);
    sorted_set(dates);
    for date in dates.iter() {
        set.push(doc.write(|made| push_date_bucket(made, date)));
    }
    doc.add_made_set(fields.date_bucket, set);
    for date in dates.iter() {
        match date_key(date) {
            DateKey::Day(k) => doc.add_i64(fields.date_day, k),
            DateKey::Month(k) => doc.add_i64(fields.date_month, k),
            DateKey::Year(k) => doc.add_i64(fields.date_year, k),
        }
    }
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

    fn texts(doc: &ArticleDoc, field: tantivy::schema::Field) -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    fn ints(doc: &ArticleDoc, field: tantivy::schema::Field) -> Vec<i64> {
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
        let doc = build(&f, article, &entities, meta);
        assert_eq!(texts(&doc, f.key), ["/s/a.txt"]);
        assert_eq!(texts(&doc, f.id), ["abc"]);
        assert_eq!(texts(&doc, f.path), ["/s/a.txt"]);
        assert_eq!(texts(&doc, f.title), ["T"]);
        assert_eq!(texts(&doc, f.body), ["B"]);
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
            key: "/s/feed.jsonl#12".into(),
            id: "i".into(),
            path: "p".into(),
            title: "t".into(),
            body: "b".into(),
            published: PartialDate::month(2021, 8),
            body_offset: None,
            url: None,
            source: None,
        };
        let doc = build(&f, article, &Entities::default(), FileMeta::default());
        // A record's stored path is its file's.
        assert_eq!(texts(&doc, f.path), ["/s/feed.jsonl"]);
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
