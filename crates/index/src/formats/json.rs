//! JSON (`.json`: one article object or an array of them) and JSON-lines
//! (`.jsonl`: one article object per line) articles.
//!
//! A broken JSON-lines line loses that line only; a `.json` file that does not
//! parse is skipped whole, since nothing in it can be trusted.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Parsed, Record, headline, parse_date};

/// One article object as scrapers export it. Every key is optional and may
/// hold any JSON value: only non-blank strings count as text (and numbers as
/// an `id`); anything else is as if the key were absent. Other keys are
/// ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct JsonArticle {
    title: Scalar,
    // The body: the first of these that is text.
    body: Scalar,
    text: Scalar,
    content: Scalar,
    maintext: Scalar,
    // The publication date: the first of these that is text.
    date: Scalar,
    published: Scalar,
    date_publish: Scalar,
    url: Scalar,
    source: Scalar,
    id: Scalar,
}

/// A value of an article key: a string, a number, or anything else (ignored).
#[derive(Debug, Default)]
enum Scalar {
    Text(String),
    /// A number as JSON writes it (`42`, `1.5`).
    Number(String),
    #[default]
    Other,
}

impl Scalar {
    /// A non-blank string.
    fn text(&self) -> Option<&str> {
        match self {
            Scalar::Text(s) if !s.trim().is_empty() => Some(s),
            _ => None,
        }
    }

    /// A non-blank string, taken out (what is left is [`Scalar::Other`]).
    fn take_text(&mut self) -> Option<String> {
        self.text()?;
        match std::mem::take(self) {
            Scalar::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        // serde_json's own rendering of a float (`1.5`, `1000.0`).
        Ok(
            serde_json::Number::from_f64(v)
                .map_or(Scalar::Other, |n| Scalar::Number(n.to_string())),
        )
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

/// An element of a `.json` array: an article object, or something else (a
/// bad record, the rest of the array still read).
enum Element {
    Article(Box<JsonArticle>),
    NotAnObject,
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ScalarOrArticle)? {
            Some(article) => Ok(Element::Article(Box::new(article))),
            None => Ok(Element::NotAnObject),
        }
    }
}

/// Reads an object as a [`JsonArticle`] and consumes anything else.
struct ScalarOrArticle;

impl<'de> Visitor<'de> for ScalarOrArticle {
    type Value = Option<JsonArticle>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        JsonArticle::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// What a JSON document's first character says it is.
fn opens_with(text: &str) -> Option<u8> {
    text.trim_start_matches([' ', '\t', '\n', '\r'])
        .bytes()
        .next()
}

fn invalid(e: serde_json::Error) -> String {
    format!("invalid JSON: {e}")
}

/// A `.json` file. `Err` when the file is not JSON or holds no article.
pub fn read_json(text: &str) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    match opens_with(text) {
        Some(b'{') => {
            let article: JsonArticle = serde_json::from_str(text).map_err(invalid)?;
            let record = record(article, None, &mut parsed.warnings)?;
            parsed.records.push(record);
        }
        Some(b'[') => {
            let items: Vec<Element> = serde_json::from_str(text).map_err(invalid)?;
            for (i, item) in items.into_iter().enumerate() {
                let number = i + 1;
                let result = match item {
                    Element::Article(article) => {
                        record(*article, Some(number), &mut parsed.warnings)
                    }
                    Element::NotAnObject => Err("not a JSON object".to_string()),
                };
                match result {
                    Ok(r) => parsed.records.push(r),
                    Err(reason) => parsed.bad_records.push((format!("#{number}"), reason)),
                }
            }
        }
        _ => {
            serde_json::from_str::<IgnoredAny>(text).map_err(invalid)?;
            return Err("JSON is neither an article object nor an array of them".into());
        }
    }
    Ok(parsed)
}

/// A `.jsonl` file: each non-blank line an article object.
pub fn read_jsonl(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match read_line(line, number, &mut parsed.warnings) {
            Ok(r) => parsed.records.push(r),
            Err(reason) => parsed.bad_records.push((format!(":{number}"), reason)),
        }
    }
    parsed
}

/// The article on line `number` of a JSON-lines file (not blank). Warnings
/// name the record.
pub fn read_line(line: &str, number: usize, warnings: &mut Vec<String>) -> Result<Record, String> {
    if opens_with(line) == Some(b'{') {
        let article: JsonArticle = serde_json::from_str(line).map_err(invalid)?;
        return record(article, Some(number), warnings);
    }
    serde_json::from_str::<IgnoredAny>(line).map_err(invalid)?;
    Err("not a JSON object".to_string())
}

/// An article from one JSON object, its strings moved into the record rather
/// than copied (a body is most of a record's bytes). Warnings name the record
/// (`#N`/`:N`).
fn record(
    article: JsonArticle,
    number: Option<usize>,
    warnings: &mut Vec<String>,
) -> Result<Record, String> {
    let mut a = article;
    let body = [&mut a.body, &mut a.text, &mut a.content, &mut a.maintext]
        .into_iter()
        .find_map(Scalar::take_text)
        .ok_or("no article text (body, text, content or maintext)")?;
    let published = [&a.date, &a.published, &a.date_publish]
        .into_iter()
        .find_map(Scalar::text)
        .and_then(|raw| {
            let date = parse_date(raw);
            if date.is_none() {
                let at = number.map(|n| format!("record {n}: ")).unwrap_or_default();
                warnings.push(format!("{at}date `{raw}` is not a date; ignored"));
            }
            date
        });
    let id = match std::mem::take(&mut a.id) {
        Scalar::Text(s) if !s.trim().is_empty() => {
            // Moved as it is when there is nothing to trim.
            let untrimmed = s.trim().len() != s.len();
            Some(if untrimmed { s.trim().to_string() } else { s })
        }
        Scalar::Number(n) => Some(n),
        _ => None,
    };
    let title = a
        .title
        .take_text()
        .or_else(|| headline(&body).map(str::to_string));
    Ok(Record {
        number,
        id,
        title,
        published,
        url: a.url.take_text(),
        source: a.source.take_text(),
        body,
        // The body is a JSON string, unescaped: no offsets into the file.
        body_offset: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use search_extract::PartialDate;

    #[test]
    fn json_object_is_one_article() {
        let p = read_json(
            r#"{"id": 42, "title": "T", "maintext": "Body", "date_publish": "2021-08-15 09:00:00", "url": "u"}"#,
        )
        .unwrap();
        assert_eq!(p.records.len(), 1);
        let r = &p.records[0];
        assert_eq!(
            (r.id.as_deref(), r.title.as_deref()),
            (Some("42"), Some("T"))
        );
        assert_eq!(r.body, "Body");
        assert_eq!(r.number, None);
        assert_eq!(r.published, PartialDate::day(2021, 8, 15));
        assert_eq!(r.url.as_deref(), Some("u"));
    }

    #[test]
    fn json_array_numbers_records_and_reports_bad_ones() {
        let p = read_json(r#"[{"text": "a"}, 3, {"title": "no body"}, {"content": "c"}]"#).unwrap();
        let numbers: Vec<_> = p.records.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [Some(1), Some(4)]);
        assert_eq!(p.bad_records.len(), 2);
        assert_eq!(p.bad_records[0].0, "#2");
        assert!(p.bad_records[1].1.contains("no article text"));
    }

    #[test]
    fn invalid_json_fails_the_file() {
        assert!(
            read_json("{\"body\": ")
                .unwrap_err()
                .contains("invalid JSON")
        );
        assert!(read_json("\"just a string\"").is_err());
        assert!(read_json(r#"{"title": "no body"}"#).is_err());
    }

    #[test]
    fn jsonl_broken_line_skips_only_that_line() {
        let text =
            "{\"body\": \"one\"}\n{\"body\": \"two\n\n{\"body\": \"three\", \"date\": \"nope\"}\n";
        let p = read_jsonl(text);
        let bodies: Vec<_> = p.records.iter().map(|r| r.body.as_str()).collect();
        assert_eq!(bodies, ["one", "three"]);
        assert_eq!(p.records[1].number, Some(4));
        assert_eq!(p.bad_records.len(), 1);
        assert_eq!(p.bad_records[0].0, ":2");
        assert!(p.bad_records[0].1.starts_with("invalid JSON"));
        assert_eq!(p.warnings, ["record 4: date `nope` is not a date; ignored"]);
    }

    #[test]
    fn keys_of_other_types_count_as_absent() {
        let p = read_json(
            r#"{"body": 5, "text": " ", "content": "Real text", "id": 1.5, "title": ["x"],
                "date": {"y": 2021}, "published": "2021-08", "url": null, "source": true, "extra": [1, {"a": 2}]}"#,
        )
        .unwrap();
        let r = &p.records[0];
        assert_eq!(r.body, "Real text");
        assert_eq!(r.id.as_deref(), Some("1.5"));
        assert_eq!(r.title, None);
        assert_eq!(r.published, PartialDate::month(2021, 8));
        assert_eq!((r.url.as_deref(), r.source.as_deref()), (None, None));
        assert!(p.warnings.is_empty());
        let p = read_json(r#"[{"text": "a", "id": " x7 "}, [1], null, {"text": "b", "id": -3}]"#)
            .unwrap();
        let ids: Vec<_> = p.records.iter().map(|r| r.id.as_deref()).collect();
        assert_eq!(ids, [Some("x7"), Some("-3")]);
        assert_eq!(
            p.bad_records,
            [
                ("#2".to_string(), "not a JSON object".to_string()),
                ("#3".to_string(), "not a JSON object".to_string())
            ]
        );
        assert_eq!(
            read_jsonl("[1]\n  {\"text\": \"t\"}").bad_records,
            [(":1".to_string(), "not a JSON object".to_string())]
        );
    }

    #[test]
    fn a_key_given_twice_is_a_bad_record_not_a_guess() {
        let p =
            read_jsonl("{\"text\": \"a\", \"title\": \"T\", \"title\": \"U\"}\n{\"text\": \"b\"}");
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.bad_records[0].0, ":1");
        assert!(
            p.bad_records[0]
                .1
                .starts_with("invalid JSON: duplicate field `title`"),
            "{:?}",
            p.bad_records
        );
    }

    #[test]
    fn title_falls_back_to_a_headline_of_the_body() {
        let p = read_jsonl("{\"text\": \"Kabul talks\\nThe envoy met.\"}");
        assert_eq!(p.records[0].title.as_deref(), Some("Kabul talks"));
    }
}
