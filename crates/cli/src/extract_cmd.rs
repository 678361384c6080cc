//! `search extract`: the entities of files or standard input, without an index.

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use search_extract::user::{Gazetteer, UserExtractor};
use search_extract::{Entities, Mention};
use search_index::article::{self, Article};
use search_index::record::{ExtractRecord, entities_in_file_with};
use serde::Serialize;

use crate::UsageError;
use crate::args::ExtractArgs;
use crate::style::{Style, printable};

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let style = Style::stdout();
    let mut failed = false;
    let gazetteer = match &args.gazetteer {
        Some(path) => Gazetteer::load(path).map_err(|e| UsageError(e.to_string()))?,
        None => Gazetteer::default(),
    };
    let extractor = UserExtractor::new(gazetteer);
    if args.paths.is_empty() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        let entities = extractor.extract(&text, None);
        let shown = Shown {
            path: "-",
            article: None,
            text: args.text.then_some(text.as_str()),
        };
        write(&mut out, &shown, &entities, args.json, style)?;
    }
    for path in &args.paths {
        let display = path.display().to_string();
        let outcome = match article::read_file(path, &display) {
            Ok(outcome) => outcome,
            Err(reason) => {
                eprintln!("error: {display}: {reason}");
                failed = true;
                continue;
            }
        };
        for warning in &outcome.warnings {
            eprintln!("warning: {warning}");
        }
        let many = outcome.articles.len() > 1;
        // The text offsets point into: the file itself for a file whose body is
        // a slice of it, else the body.
        let file_text = match outcome.articles.first() {
            Some(a) if args.text && a.body_offset.is_some() => {
                Some(String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned())
            }
            _ => None,
        };
        for article in &outcome.articles {
            let entities = entities_in_file_with(&extractor, article);
            let text = match article.body_offset {
                Some(_) => file_text.as_deref(),
                None => Some(article.body.as_str()),
            };
            let shown = Shown {
                path: &display,
                article: Some((article, many)),
                text: text.filter(|_| args.text),
            };
            write(&mut out, &shown, &entities, args.json, style)?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What is shown of one article besides its entities.
struct Shown<'a> {
    path: &'a str,
    /// The article read (none for standard input), and whether its file holds
    /// several (the human output then names its id).
    article: Option<(&'a Article, bool)>,
    /// `--text`: the text the offsets point into.
    text: Option<&'a str>,
}

/// The article's metadata in `search extract --json`, before the entities.
#[derive(Serialize)]
struct ArticleMeta<'a> {
    title: &'a str,
    published: Option<String>,
    url: Option<&'a str>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct ExtractLine<'a> {
    #[serde(flatten)]
    meta: Option<ArticleMeta<'a>>,
    #[serde(flatten)]
    record: ExtractRecord<'a>,
}

fn write(
    out: &mut impl Write,
    shown: &Shown,
    entities: &Entities,
    json: bool,
    style: Style,
) -> anyhow::Result<()> {
    let written = if json {
        let line = ExtractLine {
            meta: shown.article.map(|(a, _)| ArticleMeta {
                title: &a.title,
                published: a.published.map(|d| d.to_string()),
                url: a.url.as_deref(),
                source: a.source.as_deref(),
            }),
            record: ExtractRecord {
                path: shown.path,
                id: shown.article.map(|(a, _)| a.id.as_str()),
                entities,
                text: shown.text,
            },
        };
        serde_json::to_writer(&mut *out, &line)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        let id = shown
            .article
            .and_then(|(a, many)| many.then_some(a.id.as_str()));
        let url = shown.article.and_then(|(a, _)| a.url.as_deref());
        write_human(out, shown.path, id, url, entities, style)
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write output"),
    }
}

fn write_human(
    out: &mut impl Write,
    path: &str,
    id: Option<&str>,
    url: Option<&str>,
    e: &Entities,
    style: Style,
) -> std::io::Result<()> {
    let title = match id {
        Some(id) => format!("{path} ({id})"),
        None => path.to_string(),
    };
    writeln!(out, "{}", style.bold(&printable(&title)))?;
    if let Some(url) = url {
        writeln!(
            out,
            "  {} {}",
            style.accent(&format!("{:<10}", "url")),
            printable(url)
        )?;
    }
    let persons = e.persons.iter().map(|p| describe(&p.name, "", &p.mentions));
    let countries = e
        .countries
        .iter()
        .map(|c| describe(&c.name, &format!(" [{}]", c.code), &c.mentions));
    let dates = e
        .dates
        .iter()
        .map(|d| describe(&d.value.to_string(), "", &d.mentions));
    for (label, line) in [
        ("persons", persons.collect::<Vec<_>>()),
        ("countries", countries.collect()),
        ("dates", dates.collect()),
    ] {
        let line = if line.is_empty() {
            style.dim("none")
        } else {
            line.join(", ")
        };
        writeln!(out, "  {} {line}", style.accent(&format!("{label:<10}")))?;
    }
    Ok(())
}

/// "Amir Khan Muttaqi ×3 (Muttaqi)": the name and its tag, the count, and the
/// other forms the text used.
fn describe(name: &str, tag: &str, mentions: &[Mention]) -> String {
    let mut forms: Vec<&str> = Vec::new();
    for m in mentions {
        if m.text != name && !forms.contains(&m.text.as_str()) {
            forms.push(&m.text);
        }
    }
    let forms: Vec<_> = forms.iter().map(|f| printable(f)).collect();
    let mut s = format!("{}{tag}", printable(name));
    if mentions.len() > 1 {
        s.push_str(&format!(" ×{}", mentions.len()));
    }
    if !forms.is_empty() {
        s.push_str(&format!(" ({})", forms.join(", ")));
    }
    s
}
