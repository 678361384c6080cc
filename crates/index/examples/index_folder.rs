//! Indexes folders with `search_index` alone, without the CLI: a way to measure
//! the indexing pipeline by itself.
//!
//! ```text
//! cargo run --release -p search-index --example index_folder -- INDEX_DIR PATH... [--threads N] [--memory MB] [--rebuild]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use search_index::Indexer;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut threads, mut memory, mut rebuild) = (None, None, false);
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> usize {
            match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => n,
                None => usage(&format!("{flag} takes a number")),
            }
        };
        match arg.as_str() {
            "--threads" => threads = Some(number("--threads")),
            "--memory" => memory = Some(number("--memory") << 20),
            "--rebuild" => rebuild = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.len() < 2 {
        usage("give an index folder and at least one path to index");
    }
    let index = paths.remove(0);
    let start = Instant::now();
    let mut indexer = Indexer::new(index).rebuild(rebuild);
    if let Some(threads) = threads {
        indexer = indexer.threads(threads);
    }
    if let Some(bytes) = memory {
        indexer = indexer.memory_budget(bytes);
    }
    match indexer.update(&paths) {
        Ok(summary) => {
            for s in summary.skipped.iter().take(10) {
                eprintln!("skipped {}: {}", s.path.display(), s.reason);
            }
            println!("{summary} in {:.2} s", start.elapsed().as_secs_f64());
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

fn usage(message: &str) -> ! {
    eprintln!(
        "error: {message}\nusage: index_folder INDEX_DIR PATH... [--threads N] [--memory MB] [--rebuild]"
    );
    std::process::exit(2);
}
