//! Reliability: bad input files, crashes and interruptions, concurrent runs, broken
//! or foreign indexes, and hostile queries and flags, all through the real binary.
//! RELIABILITY.md lists the cases and what each test checks.

mod bad_files;
mod broken_index;
#[cfg(target_os = "linux")]
mod concurrency;
mod crash;
mod hostile;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::*;

/// Articles in the generated corpus: enough for a debug-build `search index` to
/// take a couple of seconds, so that kills and signals land mid-run.
pub const CORPUS_ARTICLES: usize = 2000;

/// The generated corpus, shared by the tests (read-only), and the ids an
/// uninterrupted run indexes from it.
pub struct Corpus {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub ids: BTreeSet<String>,
}

/// Writes `n` short, distinct articles (names, places and dates in each, so that
/// extraction has work to do) into `dir`, in sub-folders of 100.
pub fn generate_articles(dir: &Path, n: usize) {
    const PERSONS: [&str; 5] = [
        "Foreign Minister Amir Khan Muttaqi",
        "Sergey Lavrov",
        "Abbas Araghchi",
        "Wang Yi",
        "Ishaq Dar",
    ];
    const PLACES: [&str; 6] = ["Kabul", "Tehran", "Moscow", "Beijing", "Islamabad", "Doha"];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    for i in 0..n {
        let sub = dir.join(format!("batch{:03}", i / 100));
        std::fs::create_dir_all(&sub).unwrap();
        let person = PERSONS[i % PERSONS.len()];
        let place = PLACES[(i / 5) % PLACES.len()];
        let month = MONTHS[i % 12];
        let text = format!(
            "Talks number {i} in {place}\n{person} met officials in {place} on {month} {day}, 202{year}. \
             The delegation discussed trade, border security and the embassy, report marker{i}.\n",
            day = i % 28 + 1,
            year = i % 6,
        );
        std::fs::write(sub.join(format!("article{i:05}.txt")), text).unwrap();
    }
}

/// The corpus and its reference ids, built once per test binary.
pub fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus");
        generate_articles(&path, CORPUS_ARTICLES);
        let reference = dir.path().join("reference-index");
        let out = index_cmd(dir.path(), &path, &reference, &[])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let ids = ids_in(dir.path(), &reference).expect("the reference index answers");
        assert_eq!(ids.len(), CORPUS_ARTICLES);
        Corpus {
            _dir: dir,
            path,
            ids,
        }
    })
}

/// `search index INPUT --index INDEX ARGS`, run from `dir`, output captured.
pub fn index_cmd(dir: &Path, input: &Path, index: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_search"));
    cmd.current_dir(dir)
        .arg("index")
        .arg(input)
        .arg("--index")
        .arg(index)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Spawns `search index` with `args` in the background.
pub fn spawn_index(dir: &Path, input: &Path, index: &Path, args: &[&str]) -> Child {
    index_cmd(dir, input, index, args).spawn().unwrap()
}

/// The ids of every article in an index (`search query '*' --json`), checking on
/// the way that the query succeeds with valid JSON, that `total` agrees and that
/// no id appears twice. `None` when there is no index yet (no commit ever made).
pub fn ids_in(dir: &Path, index: &Path) -> Option<BTreeSet<String>> {
    let ids = ids_while_writing(dir, index);
    if ids.is_none() {
        assert!(
            !index.join("meta.json").exists(),
            "no index, yet a meta.json"
        );
    }
    ids
}

/// [`ids_in`] while a `search index` may be running on `index`: the same checks,
/// except that "no index" is not checked against the folder afterwards (the
/// writer may create `meta.json` between the query's look and ours).
pub fn ids_while_writing(dir: &Path, index: &Path) -> Option<BTreeSet<String>> {
    let out = search(dir)
        .args(["query", "*", "--json", "--limit", "10000", "--index"])
        .arg(index)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    if out.status.code() == Some(1) && stderr.contains("run `search index <folder>` first") {
        return None;
    }
    assert_eq!(out.status.code(), Some(0), "query failed: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let hits = json["hits"].as_array().unwrap();
    let ids: Vec<String> = hits
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "duplicate ids in the index");
    assert_eq!(json["total"].as_u64().unwrap() as usize, ids.len(), "total");
    Some(set)
}

/// Waits for a child, killing it after `limit` so that a hang fails the test
/// instead of blocking it.
pub fn wait_with_limit(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("process still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Polls until `path` exists (the child got that far), at most `limit`.
pub fn wait_for(path: &Path, limit: Duration) {
    let start = Instant::now();
    while !path.exists() {
        assert!(start.elapsed() < limit, "{} never appeared", path.display());
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The summary line of `search index` (its last line on stderr).
pub fn summary_line(out: &Output) -> String {
    stderr_of(out)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// Asserts an error is one line on stderr, exit code `code`, nothing on stdout,
/// no panic or backtrace, and that it contains each of `needles`.
pub fn assert_one_line_error(out: &Output, code: i32, needles: &[&str]) {
    let stderr = stderr_of(out);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    for needle in needles {
        assert!(stderr.contains(needle), "expected `{needle}` in {stderr}");
    }
}
