//! `search query`: runs a query and prints hits and facets as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use search_query::{FacetCount, Hit, NewsIndex, QueryError, Results};

use crate::UsageError;
use crate::args::QueryConfig;
use crate::style::{Style, printable};

/// How many values of each facet the text output shows.
const FACET_VALUES_SHOWN: usize = 8;

pub fn run(config: QueryConfig) -> anyhow::Result<ExitCode> {
    if let Some(url) = &config.engine {
        let results = crate::engine_cmd::search(url, &config.query)?;
        return print(&config, &results);
    }
    let index = NewsIndex::open(&config.index).map_err(to_anyhow)?;
    let results = index.search(&config.query).map_err(to_anyhow)?;
    // The process ends after printing: leave unmapping the index files and
    // freeing the segment readers to the exit, which does it in one go (dropping
    // them was a tenth of a rare-word query's time).
    std::mem::forget(index);
    print(&config, &results)
}

/// Prints results as text or JSON.
fn print(config: &QueryConfig, results: &Results) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let written = if config.json {
        results
            .to_json_line()
            .map_err(std::io::Error::from)
            .and_then(|line| out.write_all(line.as_bytes()))
    } else {
        write_human(&mut out, config, results, Style::stdout())
    };
    match written {
        // A closed pipe (`search query x | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other
            .context("cannot write results")
            .map(|()| ExitCode::SUCCESS),
    }
}

/// The library's error, with what to do about it in this program's terms.
pub fn to_anyhow(e: QueryError) -> anyhow::Error {
    if e.is_user_error() {
        return UsageError(e.to_string()).into();
    }
    let advice = match &e {
        QueryError::NoIndex(_) => "run `search index <folder>` first",
        QueryError::OtherVersion(_) | QueryError::Unreadable { .. } => {
            "rebuild it with `search index --rebuild <folder>`"
        }
        _ => "if the index is damaged, rebuild it with `search index --rebuild <folder>`",
    };
    let line = crate::one_line(&anyhow::Error::new(e));
    anyhow::anyhow!("{line}; {advice}")
}

fn write_human(
    out: &mut impl Write,
    config: &QueryConfig,
    results: &Results,
    style: Style,
) -> std::io::Result<()> {
    let q = &config.query;
    let shown = results.hits.len();
    let matches = if results.total == 1 {
        "article matches"
    } else {
        "articles match"
    };
    if results.total == 0 {
        writeln!(out, "no articles match")?;
        return Ok(());
    }
    if q.limit == 0 {
        writeln!(out, "{} {matches}", results.total)?;
    } else if shown == 0 {
        writeln!(
            out,
            "{} {matches}; none at offset {}",
            results.total, q.offset
        )?;
    } else {
        writeln!(
            out,
            "{} {matches}; showing {}-{}",
            results.total,
            q.offset + 1,
            q.offset + shown
        )?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        write_hit(out, q.offset + i + 1, hit, style)?;
    }
    writeln!(out)?;
    let (f, totals) = (&results.facets, &results.facet_totals);
    write_facet(out, "countries", &f.country, totals.country, style)?;
    write_facet(out, "persons", &f.person, totals.person, style)?;
    write_facet(out, "orgs", &f.organization, totals.organization, style)?;
    write_facet(out, "dates", &f.date, totals.date, style)?;
    Ok(())
}

fn write_hit(out: &mut impl Write, rank: usize, hit: &Hit, style: Style) -> std::io::Result<()> {
    writeln!(out, "{rank}. {}", style.bold(&printable(&hit.title)))?;
    let mut meta = format!("   {}  score {:.2}", printable(&hit.path), hit.score);
    if let Some(p) = &hit.published {
        meta.push_str(&format!("  published {p}"));
    }
    writeln!(out, "{}", style.dim(&meta))?;
    let url = hit.url.as_deref().map(printable);
    let source = hit.source.as_deref().map(printable);
    match (&url, &source) {
        (Some(url), Some(source)) => {
            writeln!(out, "{}", style.dim(&format!("   {source}: {url}")))?
        }
        (Some(url), None) => writeln!(out, "{}", style.dim(&format!("   {url}")))?,
        (None, Some(source)) => writeln!(out, "{}", style.dim(&format!("   {source}")))?,
        (None, None) => {}
    }
    let dates: Vec<String> = hit.dates.iter().map(|d| d.to_string()).collect();
    for (label, values) in [
        ("persons", &hit.persons),
        ("orgs", &hit.organizations),
        ("countries", &hit.countries),
        ("dates", &dates),
    ] {
        let values: Vec<_> = values.iter().map(|v| printable(v)).collect();
        if !values.is_empty() {
            writeln!(
                out,
                "   {} {}",
                style.accent(&format!("{label}:")),
                values.join(", ")
            )?;
        }
    }
    if !hit.snippet.is_empty() {
        writeln!(out, "   {}", style.snippet(&hit.snippet))?;
    }
    Ok(())
}

fn write_facet(
    out: &mut impl Write,
    label: &str,
    counts: &[FacetCount],
    total: usize,
    style: Style,
) -> std::io::Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let mut line: Vec<String> = counts
        .iter()
        .take(FACET_VALUES_SHOWN)
        .map(|c| format!("{} ({})", printable(&c.value), c.count))
        .collect();
    // Counted over every value, listed by --facet-limit or not.
    let more = total.max(counts.len()).saturating_sub(line.len());
    if more > 0 {
        line.push(format!("+{more} more"));
    }
    writeln!(
        out,
        "{} {}",
        style.accent(&format!("{label:<10}")),
        line.join(", ")
    )
}
