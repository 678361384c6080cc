//! `search index DIR --watch`: a file dropped into the folder becomes searchable
//! within seconds, a file deleted leaves the index, a second writer is refused
//! meanwhile, and Ctrl-C ends the watch cleanly, releasing the lock.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{search, stderr_of};

/// How long a change may take to show before the test fails: only stops a hang
/// (the target is 5 s; the margin is for a debug build on a loaded 2-core CI
/// machine, where each poll's query is slow too).
const LIMIT: Duration = Duration::from_secs(60);

/// The number of articles `search query WORD` finds (0 before any commit; any
/// other failure of the query fails the test, rather than count as 0).
fn total(dir: &Path, word: &str) -> u64 {
    let out = search(dir)
        .args(["query", word, "--json", "--index", "idx"])
        .output()
        .unwrap();
    if !out.status.success() {
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains("run `search index <folder>` first"),
            "query failed: {stderr}"
        );
        return 0;
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["total"].as_u64().unwrap()
}

/// Polls until `word` is found in `want` articles; returns how long it took.
fn until_total(dir: &Path, word: &str, want: u64, child: &mut Child) -> Duration {
    let start = Instant::now();
    loop {
        if total(dir, word) == want {
            return start.elapsed();
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the watch ended early: {status}");
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            panic!("`{word}` not in {want} articles after {LIMIT:?}: {stderr}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_watched_folder_is_indexed_as_files_come_and_go_and_ctrl_c_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let docs = d.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Harbour talks\nThe envoy met the mayor.",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_search"))
        .current_dir(d)
        .args(["index", "docs", "--index", "idx", "--watch"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    until_total(d, "envoy", 1, &mut child);

    // A new file, written as editors do: to a temporary name, then renamed.
    std::fs::write(
        docs.join(".new.md.tmp"),
        "---\ntitle: Quillfeather\n---\nThe Quillfeather accord was signed.",
    )
    .unwrap();
    std::fs::rename(docs.join(".new.md.tmp"), docs.join("new.md")).unwrap();
    let took = until_total(d, "Quillfeather", 1, &mut child);
    eprintln!("a new file was searchable after {took:?}");

    // While the watch holds the index, a second writer is refused.
    let second = search(d)
        .args(["index", "docs", "--index", "idx"])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr_of(&second).contains("is being updated by another process"),
        "{}",
        stderr_of(&second)
    );

    std::fs::remove_file(docs.join("new.md")).unwrap();
    let took = until_total(d, "Quillfeather", 0, &mut child);
    eprintln!("a deleted file was gone after {took:?}");
    assert_eq!(total(d, "envoy"), 1);

    let pid = child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < LIMIT, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("watching for changes"), "{stderr}");
    assert!(stderr.contains("1 added"), "{stderr}");
    assert!(stderr.contains("1 removed"), "{stderr}");
    // The lock is released: another run goes through, finding nothing to do.
    let again = search(d)
        .args(["index", "docs", "--index", "idx"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr_of(&again));
    assert!(
        stderr_of(&again).contains("0 added, 0 updated, 1 unchanged, 0 removed"),
        "{}",
        stderr_of(&again)
    );
}
