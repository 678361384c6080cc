//! Reuters-21578: document-level countries against the PLACES labels. Articles are
//! rebuilt from the SGML the way `to_articles.py` does (title in title case, then the
//! body, wire control characters removed, the closing "Reuter" cut).

use std::collections::BTreeSet;
use std::path::Path;

use search_extract::{Extractor, countries};

pub struct Story {
    pub text: String,
    /// ISO alpha-2 codes of the PLACES labels that name a present country.
    pub gold: BTreeSet<&'static str>,
    /// PLACES labels with no ISO 3166-1 country (netherlands-antilles).
    pub unmapped: usize,
}

/// A Reuters place code as a country: "west-germany" -> DE, "ussr" -> SU (the
/// Soviet Union, a former state of its own), "east-germany" -> DD.
pub fn place_code(code: &str) -> Option<&'static str> {
    let name = match code {
        "yemen-arab-republic" | "yemen-demo-republic" => "yemen",
        "trinidad-tobago" => "trinidad and tobago",
        "us-virgin-islands" => "U.S. Virgin Islands",
        "western-samoa" => "samoa",
        "congo" => "republic of the congo",
        other => other,
    };
    countries::lookup(&name.replace('-', " ")).map(|c| c.alpha2)
}

fn field<'a>(tag: &str, s: &'a str) -> &'a str {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    s.find(&open)
        .and_then(|a| {
            let from = a + open.len();
            s[from..].find(&close).map(|b| &s[from..from + b])
        })
        .unwrap_or("")
}

fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 8);
        match end.map(|e| &rest[..=e]) {
            Some("&lt;") => out.push('<'),
            Some("&gt;") => out.push('>'),
            Some("&amp;") => out.push('&'),
            Some("&quot;") => out.push('"'),
            Some(ent) if ent.starts_with("&#") => {}
            _ => {
                out.push('&');
                rest = &rest[1..];
                continue;
            }
        }
        rest = &rest[end.map_or(1, |e| e + 1)..];
    }
    out.push_str(rest);
    let out = out.replace('\r', "");
    let t = out.trim();
    let t = t.strip_suffix("Reuter").unwrap_or(t).trim_end();
    t.to_string()
}

/// Python's `str.title()`: a letter after a non-letter goes up, others down.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if prev_letter {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_letter = true;
        } else {
            out.push(c);
            prev_letter = false;
        }
    }
    out
}

pub fn read(dir: &Path) -> std::io::Result<Vec<Story>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("reut2-") && n.ends_with(".sgm"))
        })
        .collect();
    files.sort();
    let mut stories = Vec::new();
    for f in files {
        // The files are Latin-1: every byte is the code point of the same value.
        let raw: String = std::fs::read(&f)?.iter().map(|&b| b as char).collect();
        for part in raw.split("<REUTERS").skip(1) {
            let body = clean(field("BODY", part));
            if body.is_empty() {
                continue;
            }
            let places = field("PLACES", part);
            let mut gold = BTreeSet::new();
            let mut unmapped = 0;
            for code in places.split("<D>").skip(1) {
                let code = code.split("</D>").next().unwrap_or("");
                match place_code(code) {
                    Some(c) => {
                        gold.insert(c);
                    }
                    None => unmapped += 1,
                }
            }
            let head = title(&clean(field("TITLE", part)));
            stories.push(Story {
                text: format!("{head}\n\n{body}"),
                gold,
                unmapped,
            });
        }
    }
    Ok(stories)
}

/// (true positives, predicted, gold) over the stories that have PLACES labels.
pub fn score(stories: &[Story], ex: &Extractor) -> (usize, usize, usize) {
    let (mut tp, mut pred, mut gold) = (0, 0, 0);
    for s in stories.iter().filter(|s| !s.gold.is_empty()) {
        let e = ex.extract(&s.text, None);
        let found: BTreeSet<&str> = e.countries.iter().map(|c| c.code.as_str()).collect();
        pred += found.len();
        gold += s.gold.len();
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            for c in found.iter().filter(|c| !s.gold.contains(*c)) {
                let m = e
                    .countries
                    .iter()
                    .find(|x| x.code == *c)
                    .map(|x| x.mentions[0].text.clone());
                eprintln!("reuters extra: {c} {:?}", m.unwrap_or_default());
            }
            for c in s.gold.iter().filter(|c| !found.contains(*c)) {
                eprintln!("reuters miss: {c}");
            }
        }
        tp += found.iter().filter(|c| s.gold.contains(*c)).count();
    }
    (tp, pred, gold)
}
