//! Where extraction time goes, stage by stage, on the seeds or on the files given.
//!
//!     cargo run --release -p search-extract --example stages -- [FILE...]

/// The allocator the `search` binary runs extraction under (`crates/cli/src/main.rs`):
/// throughput measured under glibc's malloc was the library's plus a tenth that the
/// product does not pay.
#[global_allocator]
static ALLOCATOR: search_alloc::Allocator = search_alloc::Allocator;

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        if let Ok(d) = std::fs::read_dir(dir) {
            paths = d
                .filter_map(|e| e.ok())
                .map(|e| e.path().display().to_string())
                .collect();
        }
    }
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|t| t.len()).sum();
    let ex = search_extract::Extractor::global();
    let mut best = [f64::MAX; 6];
    for _ in 0..5 {
        let t = search_extract::stage_times(ex, &refs);
        for (b, d) in best.iter_mut().zip(t) {
            *b = b.min(d.as_secs_f64());
        }
    }
    let mb = bytes as f64 / 1e6;
    for (name, s) in ["tokens", "flags", "places", "persons", "dates", "orgs"]
        .iter()
        .zip(best)
    {
        println!("{name:8} {:8.1} ms  {:8.1} MB/s", s * 1e3, mb / s);
    }
    let total: f64 = best.iter().sum();
    println!(
        "{:8} {:8.1} ms  {:8.1} MB/s  ({mb:.1} MB)",
        "all",
        total * 1e3,
        mb / total
    );
    // The whole of extract(), result building included.
    let mut whole = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for text in &refs {
            std::hint::black_box(ex.extract(text, None));
        }
        whole = whole.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{:8} {:8.1} ms  {:8.1} MB/s",
        "extract",
        whole * 1e3,
        mb / whole
    );
}
