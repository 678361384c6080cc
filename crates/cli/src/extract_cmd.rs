//! `search extract`: the entities of files or standard input, without an index.

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use search_extract::{Entities, Extractor, Mention};
use search_index::article;
use search_index::record::{ExtractRecord, entities_in_file};

use crate::args::ExtractArgs;
use crate::style::{Style, printable};

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let style = Style::stdout();
    let mut failed = false;
    if args.paths.is_empty() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        let entities = Extractor::global().extract(&text, None);
        write(&mut out, "-", None, &entities, args.json, style)?;
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
        for article in &outcome.articles {
            let entities = entities_in_file(article);
            let id = many.then_some(article.id.as_str());
            write(&mut out, &display, id, &entities, args.json, style)?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write(
    out: &mut impl Write,
    path: &str,
    id: Option<&str>,
    entities: &Entities,
    json: bool,
    style: Style,
) -> anyhow::Result<()> {
    let written = if json {
        serde_json::to_writer(
            &mut *out,
            &ExtractRecord {
                path,
                id,
                entities,
                text: None,
            },
        )
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
    } else {
        write_human(out, path, id, entities, style)
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
    e: &Entities,
    style: Style,
) -> std::io::Result<()> {
    let title = match id {
        Some(id) => format!("{path} ({id})"),
        None => path.to_string(),
    };
    writeln!(out, "{}", style.bold(&printable(&title)))?;
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
    let forms: Vec<String> = forms.iter().map(|f| printable(f)).collect();
    let mut s = format!("{}{tag}", printable(name));
    if mentions.len() > 1 {
        s.push_str(&format!(" ×{}", mentions.len()));
    }
    if !forms.is_empty() {
        s.push_str(&format!(" ({})", forms.join(", ")));
    }
    s
}
