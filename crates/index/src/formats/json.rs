//! JSON (`.json`: one article object or an array of them) and JSON-lines
//! (`.jsonl`: one article object per line) articles.
//!
//! A broken JSON-lines line loses that line only; a `.json` file that does not
//! parse is skipped whole, since nothing in it can be trusted.

use serde_json::{Map, Value};

use super::{Parsed, Record, headline, parse_date};

const BODY_KEYS: [&str; 4] = ["body", "text", "content", "maintext"];
const DATE_KEYS: [&str; 3] = ["date", "published", "date_publish"];

/// A `.json` file. `Err` when the file is not JSON or holds no article.
pub fn read_json(text: &str) -> Result<Parsed, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut parsed = Parsed::default();
    match value {
        Value::Object(object) => {
            let record = record(&object, None, &mut parsed.warnings)?;
            parsed.records.push(record);
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let number = i + 1;
                let result = match item {
                    Value::Object(object) => record(object, Some(number), &mut parsed.warnings),
                    _ => Err("not a JSON object".to_string()),
                };
                match result {
                    Ok(r) => parsed.records.push(r),
                    Err(reason) => parsed.bad_records.push((format!("#{number}"), reason)),
                }
            }
        }
        _ => return Err("JSON is neither an article object nor an array of them".into()),
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
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(object)) => record(&object, Some(number), warnings),
        Ok(_) => Err("not a JSON object".to_string()),
        Err(e) => Err(format!("invalid JSON: {e}")),
    }
}

/// An article from one JSON object. Warnings name the record (`#N`/`:N`).
fn record(
    object: &Map<String, Value>,
    number: Option<usize>,
    warnings: &mut Vec<String>,
) -> Result<Record, String> {
    let body = BODY_KEYS
        .iter()
        .find_map(|k| text_of(object, k))
        .ok_or("no article text (body, text, content or maintext)")?;
    let published = DATE_KEYS
        .iter()
        .find_map(|k| text_of(object, k))
        .and_then(|raw| {
            let date = parse_date(&raw);
            if date.is_none() {
                let at = number.map(|n| format!("record {n}: ")).unwrap_or_default();
                warnings.push(format!("{at}date `{raw}` is not a date; ignored"));
            }
            date
        });
    let id = match object.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let title = text_of(object, "title").or_else(|| headline(&body).map(str::to_string));
    Ok(Record {
        number,
        id,
        title,
        published,
        url: text_of(object, "url"),
        source: text_of(object, "source"),
        body,
        // The body is a JSON string, unescaped: no offsets into the file.
        body_offset: None,
    })
}

/// A non-blank string value.
fn text_of(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
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
    fn title_falls_back_to_a_headline_of_the_body() {
        let p = read_jsonl("{\"text\": \"Kabul talks\\nThe envoy met.\"}");
        assert_eq!(p.records[0].title.as_deref(), Some("Kabul talks"));
    }
}
