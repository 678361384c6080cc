//! Measures the extractor on human-labelled news, the development splits in
//! `../shared/data`: CoNLL-2003 PER spans, Reuters-21578 document countries,
//! TimeBank DATE values, and throughput.
//!
//!     cargo run --release -p search-extract --example evaluate -- [DATA_DIR] [--check [FLOORS]]
//!
//! `DATA_DIR` defaults to `../shared/data` beside the workspace. With `--check` the
//! run fails (exit 1) when a figure is below its floor in `crates/extract/eval-floors.txt`.
//! Without the data it says so and exits 0.

mod conll;
mod reuters;
mod timebank;
mod wrap;

use std::path::{Path, PathBuf};
use std::time::Instant;

use search_extract::Extractor;

/// The allocator the `search` binary runs extraction under (`crates/cli/src/main.rs`):
/// throughput measured under glibc's malloc was the library's plus a tenth that the
/// product does not pay.
#[global_allocator]
static ALLOCATOR: search_alloc::Allocator = search_alloc::Allocator;

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 {
        0.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut data = root.join("../shared/data");
    let mut floors: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1).peekable();
    while let Some(a) = args.next() {
        if a == "--check" {
            let f = match args.peek() {
                Some(n) if !n.starts_with("--") && n.ends_with(".txt") => {
                    args.next().map(PathBuf::from)
                }
                _ => None,
            };
            floors =
                Some(f.unwrap_or_else(|| {
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("eval-floors.txt")
                }));
        } else if a == "--" {
            continue;
        } else if a == "-h" || a == "--help" {
            println!("usage: evaluate [DATA_DIR] [--check [FLOORS_FILE]]");
            return;
        } else {
            data = PathBuf::from(a);
        }
    }
    if !data.is_dir() {
        println!(
            "skipping evaluation: no labelled data at {}",
            data.display()
        );
        return;
    }
    let t0 = Instant::now();
    let ex = Extractor::new();
    println!("extractor built in {:.2} s", t0.elapsed().as_secs_f64());
    let mut figures: Vec<(&str, f64)> = Vec::new();

    let testa = data.join("conll2003/eng.testa");
    match conll::read(&testa) {
        Ok(docs) => {
            let (tp, pred, gold) = conll::score(&docs, &ex);
            let (p, r, f) = prf(tp, pred, gold);
            println!(
                "CoNLL-2003 eng.testa PER spans (exact): P {p:.3}  R {r:.3}  F1 {f:.3}  ({tp} of {gold} gold, {pred} predicted, {} docs)",
                docs.len()
            );
            figures.extend([("conll_per_p", p), ("conll_per_r", r), ("conll_per_f1", f)]);
            let (tp, pred, gold) = conll::score_kind(&docs, &ex, conll::Kind::Organization);
            let (p, r, f) = prf(tp, pred, gold);
            println!(
                "CoNLL-2003 eng.testa ORG spans (exact): P {p:.3}  R {r:.3}  F1 {f:.3}  ({tp} of {gold} gold, {pred} predicted)"
            );
            figures.extend([("conll_org_p", p), ("conll_org_r", r), ("conll_org_f1", f)]);
        }
        Err(e) => println!("skipping CoNLL: cannot read {}: {e}", testa.display()),
    }

    // The training split too, as a second opinion on how the rules generalise (no
    // floor on it; the rules were written without looking at it).
    if let Ok(docs) = conll::read(&data.join("conll2003/eng.train")) {
        let (tp, pred, gold) = conll::score(&docs, &ex);
        let (p, r, f) = prf(tp, pred, gold);
        println!(
            "  same on eng.train: P {p:.3}  R {r:.3}  F1 {f:.3}  ({} docs)",
            docs.len()
        );
        let (tp, pred, gold) = conll::score_kind(&docs, &ex, conll::Kind::Organization);
        let (p, r, f) = prf(tp, pred, gold);
        println!("  ORG on eng.train: P {p:.3}  R {r:.3}  F1 {f:.3}");
    }

    let rdir = data.join("reuters21578");
    let stories = reuters::read(&rdir).unwrap_or_else(|e| {
        println!("skipping Reuters: cannot read {}: {e}", rdir.display());
        Vec::new()
    });
    if !stories.is_empty() {
        let labelled = stories.iter().filter(|s| !s.gold.is_empty()).count();
        let unmapped: usize = stories.iter().map(|s| s.unmapped).sum();
        let (tp, pred, gold) = reuters::score(&stories, &ex);
        let (p, r, f) = prf(tp, pred, gold);
        println!(
            "Reuters-21578 PLACES, document level: P {p:.3}  R {r:.3}  F1 {f:.3}  ({labelled} labelled stories of {}, {unmapped} labels without an ISO country)",
            stories.len()
        );
        figures.extend([("reuters_places_p", p), ("reuters_places_r", r)]);
        let (same, all, same_with, with) = wrap::score(&stories, &ex);
        let share = same as f64 / all.max(1) as f64;
        println!(
            "Reuters stories with the same persons unwrapped and wrapped at 70 columns: {:.1}% ({same} of {all}; {same_with} of {with} with a person)",
            100.0 * share
        );
        figures.push(("wrap_same_persons", share));
    }

    let tdir = data.join("timebank/TimeBank");
    match timebank::read(&tdir) {
        Ok(docs) if !docs.is_empty() => {
            let (rec, gold, ok, pred, coarse) = timebank::score(&docs, &ex);
            let r = rec as f64 / gold.max(1) as f64;
            let p = ok as f64 / pred.max(1) as f64;
            let p_coarse = (ok + coarse) as f64 / pred.max(1) as f64;
            println!(
                "TimeBank DATE values (day/month/year; TIME as its day; DCT as publication date): P {p:.3}  R {r:.3}  ({rec} of {gold} gold, {ok} of {pred} predicted, {} docs)",
                docs.len()
            );
            println!(
                "  P counting a coarser value as right ({coarse} mentions: our 1988 over a gold 1988-Q3): {p_coarse:.3}"
            );
            figures.extend([("timebank_date_p", p), ("timebank_date_r", r)]);
        }
        Ok(_) => println!("skipping TimeBank: no .tml files in {}", tdir.display()),
        Err(e) => println!("skipping TimeBank: cannot read {}: {e}", tdir.display()),
    }

    if !stories.is_empty() {
        let bytes: usize = stories.iter().map(|s| s.text.len()).sum();
        // Wall clock: best of 5 passes. CPU time: all 5 passes together, as
        // /proc/self/stat counts in 10 ms ticks.
        let mut best = f64::MAX;
        let cpu0 = cpu_seconds();
        for _ in 0..5 {
            let t = Instant::now();
            let mut n = 0;
            for s in &stories {
                n += std::hint::black_box(ex.extract(&s.text, None))
                    .countries
                    .len();
            }
            std::hint::black_box(n);
            best = best.min(t.elapsed().as_secs_f64());
        }
        let best_cpu = match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) => (b - a) / 5.0,
            _ => f64::MAX,
        };
        let mbs = bytes as f64 / 1e6 / best;
        println!(
            "throughput: {mbs:.1} MB/s wall clock on one thread ({:.1} MB of Reuters text in {best:.3} s, best of 5)",
            bytes as f64 / 1e6
        );
        if best_cpu < f64::MAX && best_cpu > 0.0 {
            let cpu_mbs = bytes as f64 / 1e6 / best_cpu;
            println!(
                "  per CPU second of this thread: {cpu_mbs:.1} MB/s (what one core gives when the machine is shared)"
            );
            figures.push(("throughput_cpu_mb_s", cpu_mbs));
        }
        figures.push(("throughput_mb_s", mbs));
    }

    if let Some(path) = floors {
        std::process::exit(check(&path, &figures));
    }
}

/// CPU time of this process so far (user + system), from `/proc/self/stat` on Linux:
/// the throughput of one core even when other work shares the machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in brackets and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux configuration in use.
    Some(ticks / 100.0)
}

/// Compares the figures with the floors file (`name value` per line, `#` comments);
/// returns the exit code.
fn check(path: &Path, figures: &[(&str, f64)]) -> i32 {
    let floors = match std::fs::read_to_string(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot read floors file {}: {e}", path.display());
            return 1;
        }
    };
    let mut failed = 0;
    for line in floors
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.split_whitespace();
        let (Some(name), Some(floor)) = (
            parts.next(),
            parts.next().and_then(|v| v.parse::<f64>().ok()),
        ) else {
            eprintln!("bad floors line `{line}`; use `name value`");
            return 1;
        };
        match figures.iter().find(|(n, _)| *n == name) {
            Some((_, v)) if *v >= floor => println!("ok    {name} {v:.3} >= {floor}"),
            Some((_, v)) => {
                println!("BELOW {name} {v:.3} < {floor}");
                failed += 1;
            }
            None => println!("skip  {name}: not measured"),
        }
    }
    if failed > 0 {
        eprintln!("{failed} figure(s) below their floor in {}", path.display());
        1
    } else {
        0
    }
}
