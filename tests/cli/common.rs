//! Helpers: a copy of the seeds, an index built from them, and runners.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The `search` binary, run from `dir` so that `./index` lands there.
/// A small saved web page: title, site name, publication time, canonical url and
/// an article body naming a person, a country and a day.
pub const SAVED_PAGE: &str = r#"<html><head><title>Envoy in Kabul | Example News</title>
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2025-12-17T10:00:00Z">
        <link rel="canonical" href="https://news.example/kabul"></head><body>
        <article><p>The Iranian envoy met Amir Khan Muttaqi in Kabul on Wednesday to talk about trade and the border.</p></article>
        </body></html>"#;

/// A temporary directory holding `folder` with the given `(file name, text)` files.
pub fn with_files(folder: &str, files: &[(&str, &str)]) -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(folder);
    std::fs::create_dir(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    tmp
}

pub fn search(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_search"));
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// A temporary folder holding `seeds/` (a copy of the repo's seeds).
pub fn with_seeds() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("seeds");
    std::fs::create_dir(&dest).unwrap();
    for entry in std::fs::read_dir(seeds_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dest.join(entry.file_name())).unwrap();
    }
    tmp
}

/// A temporary folder with `seeds/` indexed into `./index`.
pub fn indexed_seeds() -> TempDir {
    let tmp = with_seeds();
    search(tmp.path())
        .args(["index", "seeds"])
        .assert()
        .success();
    tmp
}

/// Runs `search query ARGS --json` and parses its output.
pub fn query_json(dir: &Path, args: &[&str]) -> Value {
    let out = search(dir)
        .arg("query")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "query {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The three-character seed numbers ("001") of the hits, sorted.
pub fn seed_numbers(results: &Value) -> Vec<String> {
    let mut ids: Vec<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap();
            name.chars().take(3).collect()
        })
        .collect();
    ids.sort();
    ids
}

/// The hits of a query as seed numbers, checking that `total` agrees.
pub fn hits(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut args = args.to_vec();
    args.extend(["--limit", "100"]);
    let results = query_json(dir, &args);
    let ids = seed_numbers(&results);
    assert_eq!(
        results["total"].as_u64().unwrap() as usize,
        ids.len(),
        "total of {args:?}"
    );
    ids
}

/// The output of a finished command as text.
pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A facet of `search query --json` output as (value, count) pairs, in order.
pub fn facet(results: &Value, name: &str) -> Vec<(String, u64)> {
    results["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Expected facet pairs, owned, to compare with [`facet`].
pub fn owned(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|&(n, c)| (n.to_string(), c)).collect()
}
