//! Indexes folders with `search_index` alone, without the CLI: a way to measure
//! the indexing pipeline by itself.
//!
//! ```text
//! cargo run --release -p search-index --example index_folder -- INDEX_DIR PATH... [--threads N] [--memory MB] [--rebuild]
//! ```

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use search_index::{IndexOptions, NoProgress, update_index};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut options = IndexOptions::default();
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> usize {
            match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => n,
                None => usage(&format!("{flag} takes a number")),
            }
        };
        match arg.as_str() {
            "--threads" => options.threads = number("--threads"),
            "--memory" => options.memory_budget = number("--memory") << 20,
            "--rebuild" => options.rebuild = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.len() < 2 {
        usage("give an index folder and at least one path to index");
    }
    let index = paths.remove(0);
    let start = Instant::now();
    match update_index(
        &index,
        &paths,
        &options,
        &NoProgress,
        &AtomicBool::new(false),
    ) {
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
