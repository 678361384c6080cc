//! Plain-text (`.txt`) and Markdown (`.md`) articles: one article per file.
//!
//! The body is the file's text as it is (after any front matter), headline line
//! included, so that extraction spans are offsets into the file with no mapping
//! beyond `body_offset`.

use super::{Parsed, Record, front_matter, headline, parse_date};

/// A `.txt` article. `offset` is where `text` starts in the file (a BOM before it).
pub fn read_txt(text: &str, offset: usize) -> Parsed {
    Parsed {
        records: vec![Record {
            title: headline(text).map(str::to_string),
            body: text.to_string(),
            body_offset: Some(offset),
            ..Record::default()
        }],
        ..Parsed::default()
    }
}

/// A `.md` article with optional front matter. Front matter that cannot be read is
/// reported and the whole file is taken as plain text.
pub fn read_md(text: &str, offset: usize) -> Parsed {
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(reason) => {
            let mut parsed = read_txt(text, offset);
            parsed
                .warnings
                .push(format!("{reason}; read as plain text"));
            return parsed;
        }
    };
    let Some(split) = split else {
        return read_txt(text, offset);
    };
    let body = &text[split.body_start..];
    let mut warnings = Vec::new();
    let published = split.meta.date.as_deref().and_then(|raw| {
        let date = parse_date(raw);
        if date.is_none() {
            warnings.push(format!("front matter date `{raw}` is not a date; ignored"));
        }
        date
    });
    let title = split
        .meta
        .title
        .or_else(|| headline(body).map(str::to_string));
    Parsed {
        records: vec![Record {
            id: split.meta.id,
            title,
            body: body.to_string(),
            body_offset: Some(offset + split.body_start),
            published,
            url: split.meta.url,
            source: split.meta.source,
            ..Record::default()
        }],
        warnings,
        ..Parsed::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use search_extract::PartialDate;

    #[test]
    fn txt_takes_a_headline_and_keeps_the_whole_text() {
        let p = read_txt("Talks in Kabul\nThe minister met the envoy.", 3);
        let r = &p.records[0];
        assert_eq!(r.title.as_deref(), Some("Talks in Kabul"));
        assert_eq!(r.body, "Talks in Kabul\nThe minister met the envoy.");
        assert_eq!(r.body_offset, Some(3));
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn txt_without_a_headline_has_no_title() {
        let p = read_txt("The minister met the envoy in Kabul on Monday.\nMore.", 0);
        assert_eq!(p.records[0].title, None);
    }

    #[test]
    fn md_front_matter_gives_metadata_and_the_body_offset() {
        let text = "---\ntitle: Envoy in Kabul\ndate: 2025-12-17T08:00:00Z\nsource: Reuters\nid: r-1\n---\n\nBody text.\n";
        let p = read_md(text, 0);
        let r = &p.records[0];
        assert_eq!(r.title.as_deref(), Some("Envoy in Kabul"));
        assert_eq!(r.published, PartialDate::day(2025, 12, 17));
        assert_eq!(r.source.as_deref(), Some("Reuters"));
        assert_eq!(r.id.as_deref(), Some("r-1"));
        assert_eq!(r.body, "\nBody text.\n");
        let off = r.body_offset.unwrap();
        assert_eq!(&text[off..], r.body);
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn md_without_title_uses_the_heading() {
        let p = read_md("---\ndate: 2021-08\n---\n# Kabul falls\n\nText.", 0);
        assert_eq!(p.records[0].title.as_deref(), Some("Kabul falls"));
        assert_eq!(p.records[0].published, PartialDate::month(2021, 8));
    }

    #[test]
    fn md_bad_front_matter_falls_back_to_plain_text_with_a_warning() {
        let text = "---\ntitle: x\nnot a key value line\n---\nBody.";
        let p = read_md(text, 0);
        assert_eq!(p.records[0].body, text);
        assert_eq!(p.records[0].title, None);
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].contains("plain text"), "{:?}", p.warnings);
    }

    #[test]
    fn md_bad_date_is_a_warning_not_a_failure() {
        let p = read_md("---\ntitle: T\ndate: someday\n---\nBody.", 0);
        assert_eq!(p.records[0].published, None);
        assert!(p.warnings[0].contains("someday"));
    }
}
