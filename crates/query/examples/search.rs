//! Searches a news index from the command line, with nothing but this crate.
//!
//! ```text
//! cargo run -p search-query --example search -- INDEX_DIR [QUERY] [--country C]...
//!     [--person P]... [--from DATE] [--to DATE] [--limit N] [--offset N]
//! ```
//!
//! Prints the total, the hits (score, path, title, snippet) and the top facet
//! values. Exits with 2 on a usage error, 1 on any other failure.

use std::process::ExitCode;

use search_query::{NewsIndex, PartialDate, Query, QueryError};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, query) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(msg) => {
            eprintln!("error: {msg}");
            eprintln!(
                "usage: search INDEX_DIR [QUERY] [--country C]... [--person P]... \
                 [--from DATE] [--to DATE] [--limit N] [--offset N]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&dir, &query) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(if e.is_user_error() { 2 } else { 1 })
        }
    }
}

fn run(dir: &str, query: &Query) -> Result<(), QueryError> {
    let index = NewsIndex::open(dir)?;
    let results = index.search(query)?;
    println!("{} matching articles", results.total);
    for (i, hit) in results.hits.iter().enumerate() {
        println!();
        println!(
            "{}. [{:.2}] {} ({})",
            query.offset + i + 1,
            hit.score,
            hit.title,
            hit.path
        );
        if let Some(published) = &hit.published {
            println!("   published {published}");
        }
        // Matched words in [brackets], from the snippet's highlight ranges.
        let snippet: String = (hit.snippet.parts())
            .map(|(piece, marked)| {
                if marked {
                    format!("[{piece}]")
                } else {
                    piece.to_string()
                }
            })
            .collect();
        println!("   {snippet}");
    }
    for (name, facet) in [
        ("countries", &results.facets.country),
        ("persons", &results.facets.person),
        ("dates", &results.facets.date),
    ] {
        let top: Vec<String> = facet
            .iter()
            .take(10)
            .map(|f| format!("{} ({})", f.value, f.count))
            .collect();
        if !top.is_empty() {
            println!();
            println!("{name}: {}", top.join(", "));
        }
    }
    Ok(())
}

fn parse_args(args: &[String]) -> Result<(String, Query), String> {
    let mut it = args.iter();
    let dir = it.next().ok_or("missing the index directory")?.clone();
    let mut query = Query::all();
    let mut text: Vec<&str> = Vec::new();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let date = |s: String| s.parse::<PartialDate>().map_err(|e| e.to_string());
        let number = |s: String| {
            s.parse::<usize>()
                .map_err(|_| format!("`{s}` is not a number"))
        };
        match arg.as_str() {
            "--country" => query = query.country(value(arg)?),
            "--person" => query = query.person(value(arg)?),
            "--from" => query = query.from(date(value(arg)?)?),
            "--to" => query = query.to(date(value(arg)?)?),
            "--limit" => query = query.limit(number(value(arg)?)?),
            "--offset" => query = query.offset(number(value(arg)?)?),
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}")),
            word => text.push(word),
        }
    }
    query.text = text.join(" ");
    Ok((dir, query))
}
