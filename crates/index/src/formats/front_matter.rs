//! Front matter of Markdown articles: a YAML (`---`) or TOML (`+++`) block of
//! `key: value` / `key = value` lines before the text.
//!
//! Only the flat keys an article needs are read (`title`, `date`/`published`,
//! `source`, `url`, `id`), so a hand parser is enough: it accepts quoted and bare
//! scalars, skips comments, lists, nested tables and keys it does not know, and
//! calls anything else malformed, in which case the caller indexes the file as
//! plain text. A full YAML parser would add a dependency and accept far more than
//! news front matter ever holds.

/// The metadata found in a front matter block.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// Raw date text; the caller parses it and warns when it cannot.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub id: Option<String>,
}

/// A front matter block and where the text after it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub meta: FrontMatter,
    pub body_start: usize,
}

/// Splits front matter off `text`. `Ok(None)` when there is none; `Err` with the
/// reason when a block opens but cannot be read.
pub fn split(text: &str) -> Result<Option<Split>, String> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_line_end].trim_end();
    let (fence, separator) = match fence {
        "---" => ("---", ':'),
        "+++" => ("+++", '='),
        _ => return Ok(None),
    };
    let mut meta = FrontMatter::default();
    let mut pos = first_line_end;
    let mut lines = text[first_line_end..]
        .split_inclusive('\n')
        .enumerate()
        .peekable();
    while let Some((n, raw)) = lines.next() {
        pos += raw.len();
        let line = raw.trim_end();
        // YAML may also close with `...`.
        if line == fence || (fence == "---" && line == "...") {
            return Ok(Some(Split {
                meta,
                body_start: pos,
            }));
        }
        let line_no = n + 2;
        let trimmed = line.trim_start();
        let nested = trimmed.len() != line.len();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with("- ")
            || trimmed == "-"
            || nested
            || (fence == "+++" && trimmed.starts_with('['))
        {
            continue;
        }
        let Some((key, value)) = line.split_once(separator) else {
            return Err(format!(
                "front matter line {line_no} is not `key{separator} value`"
            ));
        };
        let key = key.trim().trim_matches('"').to_ascii_lowercase();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!("front matter line {line_no} has no valid key"));
        }
        let value = match value.trim() {
            // A YAML block scalar: the indented lines that follow, folded (`>`)
            // into one line or kept (`|`) as lines.
            block @ ("|" | "|-" | "|+" | ">" | ">-" | ">+") if fence == "---" => {
                let mut parts = Vec::new();
                while let Some((_, next)) = lines.peek() {
                    let next_line = next.trim_end();
                    if !next_line.is_empty() && !next_line.starts_with([' ', '\t']) {
                        break;
                    }
                    pos += next.len();
                    parts.push(next_line.trim());
                    lines.next();
                }
                let joiner = if block.starts_with('>') { " " } else { "\n" };
                parts.join(joiner).trim().to_string()
            }
            value => scalar(value)
                .ok_or_else(|| format!("front matter line {line_no} has an unterminated quote"))?,
        };
        let slot = match key.as_str() {
            "title" => &mut meta.title,
            "date" | "published" => &mut meta.date,
            "source" => &mut meta.source,
            "url" => &mut meta.url,
            "id" => &mut meta.id,
            _ => continue,
        };
        // The first of `date`/`published` wins; an empty value counts as absent.
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value);
        }
    }
    Err(format!(
        "front matter opened with `{fence}` is never closed"
    ))
}

/// A scalar value: quotes removed (with `\"` and `''` unescaped), a trailing
/// comment dropped from bare values. `None` for an unterminated quote.
fn scalar(value: &str) -> Option<String> {
    if let Some(rest) = value.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        return None;
    }
    if let Some(rest) = value.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some(out);
                }
            } else {
                out.push(c);
            }
        }
        return None;
    }
    let bare = match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    };
    Some(bare.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_is_read_and_split_off() {
        let text = "---\ntitle: \"Envoy: talks in \\u004Babul\"\ndate: 2025-12-17\nsource: Tolo\nurl: https://x.example/a\ntags:\n  - a\n---\nBody here.\n";
        let s = split(text).unwrap().unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("Envoy: talks in Kabul"));
        assert_eq!(s.meta.date.as_deref(), Some("2025-12-17"));
        assert_eq!(s.meta.source.as_deref(), Some("Tolo"));
        assert_eq!(s.meta.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(&text[s.body_start..], "Body here.\n");
    }

    #[test]
    fn yaml_block_scalars_are_folded_or_kept() {
        let text = "---\ntitle: >\n  Envoy meets\n  minister\n\nsource: |\n  a\n  b\ndate: 2021\n---\nBody";
        let s = split(text).unwrap().unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("Envoy meets minister"));
        assert_eq!(s.meta.source.as_deref(), Some("a\nb"));
        assert_eq!(s.meta.date.as_deref(), Some("2021"));
        assert_eq!(&text[s.body_start..], "Body");
    }

    #[test]
    fn toml_block_is_read() {
        let text = "+++\ntitle = 'It''s done'\npublished = \"2021-08-15T10:00:00Z\" # utc\n[extra]\nx = 1\n+++\nText";
        let s = split(text).unwrap().unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("It's done"));
        assert_eq!(s.meta.date.as_deref(), Some("2021-08-15T10:00:00Z"));
        assert_eq!(&text[s.body_start..], "Text");
    }

    #[test]
    fn no_fence_means_no_front_matter() {
        assert_eq!(split("Title\n---\nx").unwrap(), None);
        assert_eq!(split("").unwrap(), None);
    }

    #[test]
    fn unclosed_block_is_an_error() {
        assert!(
            split("---\ntitle: x\nurl: y\n")
                .unwrap_err()
                .contains("never closed")
        );
    }

    #[test]
    fn a_line_that_is_not_key_value_is_an_error() {
        let err = split("---\ntitle: x\nthis is prose\n---\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(
            split("---\ntitle: \"open\n---\n")
                .unwrap_err()
                .contains("quote")
        );
    }
}
