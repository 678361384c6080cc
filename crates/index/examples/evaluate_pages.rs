//! Scores the article text read from saved web pages against the
//! article-extraction benchmark's labels in `../shared/data/article-extraction`
//! (`html/<id>.html.gz`, `ground-truth.json`), with the benchmark's own measure:
//! 4-token shingles of `\w+` tokens, each page's true positives, false positives
//! and false negatives divided by their sum (so long pages weigh no more than short
//! ones), summed over pages, and F1 of the precision and recall of those sums.
//!
//!     cargo run --release -p search-index --example evaluate_pages -- [DATA_DIR] [--check] [--show]
//!
//! `DATA_DIR` defaults to `../shared/data` beside the workspace. `--check` fails
//! (exit 1) when F1 is under [`F1_FLOOR`]; `--show` prints each page's title,
//! date, url and scores (for judging the metadata by hand). Without the data it
//! says so and exits 0.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use search_index::article::{Format, read_bytes};

/// The floor CI checks: a little under the 0.964 measured on the development
/// pages, so that a regression fails and noise does not.
const F1_FLOOR: f64 = 0.958;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut data = root.join("../shared/data");
    let (mut check, mut show) = (false, false);
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            "--show" => show = true,
            "--" => {}
            "-h" | "--help" => {
                println!("usage: evaluate_pages [DATA_DIR] [--check] [--show]");
                return;
            }
            _ => data = PathBuf::from(arg),
        }
    }
    let bench = data.join("article-extraction");
    let truth = match std::fs::read_to_string(bench.join("ground-truth.json")) {
        Ok(text) => text,
        Err(e) => {
            println!(
                "skipping page evaluation: no labelled pages at {} ({e})",
                bench.display()
            );
            return;
        }
    };
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&truth).expect("ground-truth.json is a JSON object");
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    let (mut html_bytes, mut seconds, mut failed, mut url_right) = (0, 0.0, 0, 0);
    for id in &ids {
        let label = &truth[id.as_str()];
        let body = label["articleBody"].as_str().unwrap_or_default();
        let mut html = Vec::new();
        let path = bench.join("html").join(format!("{id}.html.gz"));
        if let Err(e) = std::fs::File::open(&path)
            .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut html))
        {
            println!("{}: cannot read: {e}", path.display());
            failed += 1;
            continue;
        }
        html_bytes += html.len();
        let started = Instant::now();
        let read = read_bytes(&html, Format::Html, &format!("{id}.html"));
        seconds += started.elapsed().as_secs_f64();
        let article = match read {
            Ok(mut outcome) => outcome.articles.remove(0),
            Err(reason) => {
                println!("{id}: {reason}");
                failed += 1;
                // Scored as an empty extraction: all false negatives.
                fneg += if shingles(body).is_empty() { 0.0 } else { 1.0 };
                continue;
            }
        };
        let (t, p, n) = score(body, &article.body);
        (tp, fp, fneg) = (tp + t, fp + p, fneg + n);
        let url = label["url"].as_str();
        url_right += usize::from(article.url.as_deref() == url);
        if show {
            println!(
                "{id:.12}  P {:.2} R {:.2}  {}  {:?}  {}\n    url {}",
                t / (t + p).max(f64::MIN_POSITIVE),
                t / (t + n).max(f64::MIN_POSITIVE),
                article
                    .published
                    .map_or("no date".to_string(), |d| d.to_string()),
                article.title,
                if article.url.as_deref() == url {
                    "= label"
                } else {
                    "differs"
                },
                article.url.as_deref().unwrap_or("none"),
            );
        }
    }
    let precision = tp / (tp + fp);
    let recall = tp / (tp + fneg);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!(
        "article body, {} pages: P {precision:.3}  R {recall:.3}  F1 {f1:.3}  ({failed} without text)",
        ids.len()
    );
    println!(
        "canonical url equal to the label's: {url_right} of {} pages",
        ids.len()
    );
    println!(
        "reading speed: {:.1} MB/s of HTML on one thread ({:.1} MB in {seconds:.2} s, parse, metadata and body)",
        html_bytes as f64 / 1e6 / seconds,
        html_bytes as f64 / 1e6
    );
    if check && f1 < F1_FLOOR {
        eprintln!("article body F1 {f1:.3} is under the floor {F1_FLOOR}");
        std::process::exit(1);
    }
}

/// The benchmark's `\w+` tokens: runs of letters, digits (any script) and `_`.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Every run of 4 consecutive tokens, with its count.
fn shingles(text: &str) -> HashMap<[&str; 4], usize> {
    let mut counts = HashMap::new();
    for w in tokens(text).windows(4) {
        *counts.entry([w[0], w[1], w[2], w[3]]).or_insert(0) += 1;
    }
    counts
}

/// One page's true positives, false positives and false negatives, divided by
/// their sum (all zero when both texts are shorter than a shingle).
fn score(truth: &str, extracted: &str) -> (f64, f64, f64) {
    let (want, got) = (shingles(truth), shingles(extracted));
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for (s, &n) in &want {
        let m = got.get(s).copied().unwrap_or(0);
        tp += n.min(m);
        fneg += n.saturating_sub(m);
    }
    for (s, &m) in &got {
        fp += m.saturating_sub(want.get(s).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fneg) as f64;
    if sum == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fneg as f64 / sum)
}
