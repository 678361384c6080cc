//! Prints the entities of files (or standard input) as JSON lines: a quick look at
//! what the extractor finds.
//!
//! `cargo run -p search-extract --example show -- FILE... [--published YYYY-MM-DD]`

use std::io::Read;

use search_extract::{Extractor, PartialDate};

fn main() {
    let mut published = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--published" {
            published = args.next().and_then(|d| d.parse::<PartialDate>().ok());
        } else {
            paths.push(a);
        }
    }
    let ex = Extractor::global();
    let show = |name: &str, text: &str| {
        let e = ex.extract(text, published);
        println!("== {name}");
        for p in &e.persons {
            let m: Vec<&str> = p.mentions.iter().map(|m| m.text.as_str()).collect();
            println!("  person  {:30} {:?}", p.name, m);
        }
        for c in &e.countries {
            let m: Vec<&str> = c.mentions.iter().map(|m| m.text.as_str()).collect();
            println!("  country {:30} {:?}", c.name, m);
        }
        for d in &e.dates {
            let m: Vec<&str> = d.mentions.iter().map(|m| m.text.as_str()).collect();
            println!("  date    {:30} {:?}", d.value.to_string(), m);
        }
    };
    if paths.is_empty() {
        let mut text = String::new();
        if std::io::stdin().read_to_string(&mut text).is_ok() {
            show("stdin", &text);
        }
    }
    for p in &paths {
        match std::fs::read_to_string(p) {
            Ok(text) => show(p, &text),
            Err(e) => eprintln!("cannot read {p}: {e}"),
        }
    }
}
