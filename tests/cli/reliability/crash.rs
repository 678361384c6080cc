//! Crash safety: `kill -9` at any moment leaves an index that opens and answers
//! (the last commit), and re-running converges to exactly what an uninterrupted
//! run gives; Ctrl-C commits what was done, says so, and a re-run finishes.
//!
//! The killed runs pass the hidden `--commit-interval-ms` so that they commit every few
//! milliseconds: kills then land between, and during, real commits rather than
//! always before the first one (the default interval is 30 s).

use std::time::Duration;

use super::*;

const LIMIT: Duration = Duration::from_secs(300);

#[test]
fn kill_9_at_any_moment_keeps_an_index_that_converges() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let index = d.join("index");
    let mut seen_partial = false;
    // Kill points: as soon as the index folder appears (the run is creating the
    // index: a kill inside its first `meta.json` write leaves tantivy's temporary
    // file and no `meta.json`), two fixed delays, then once some articles are
    // committed and once about half are (polled, so they hold on a slow or a
    // fast machine).
    const FOLDER_APPEARS: u64 = u64::MAX;
    for (kill_at, min_committed) in [
        (FOLDER_APPEARS, 0),
        (100, 0),
        (500, 0),
        (0, 1),
        (0, CORPUS_ARTICLES / 2),
    ] {
        let mut child = spawn_index(d, &corpus.path, &index, &["--commit-interval-ms", "50"]);
        if kill_at == FOLDER_APPEARS {
            wait_for(&index, LIMIT);
        } else {
            std::thread::sleep(Duration::from_millis(kill_at));
        }
        while min_committed > 0 && child.try_wait().unwrap().is_none() {
            let committed = ids_while_writing(d, &index).map_or(0, |ids| ids.len());
            if committed >= min_committed {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill(); // SIGKILL; an error only if it has already exited
        let out = wait_with_limit(child, LIMIT);
        // Killed, or finished first (a fast machine): never an error exit, which
        // would be a run refusing what an earlier kill left.
        assert!(
            out.status.success() || out.status.code().is_none(),
            "{:?}: {}",
            out.status,
            stderr_of(&out)
        );
        // Whatever the moment: what is there opens, answers, and is a subset of
        // the full result without duplicates (`None`: killed before any commit).
        let committed = ids_in(d, &index);
        if let Some(ids) = &committed {
            assert!(ids.is_subset(&corpus.ids), "ids not in the corpus");
            seen_partial |= !ids.is_empty() && ids.len() < corpus.ids.len();
        }
        let moment = match kill_at {
            FOLDER_APPEARS => "as the index folder appeared".to_string(),
            ms => format!("at {ms} ms / {min_committed} committed"),
        };
        eprintln!(
            "killed {moment}: {:?}, {} articles in the index",
            out.status,
            committed.map_or(0, |i| i.len())
        );
    }
    // The re-run finishes the job: exactly the articles of an uninterrupted run.
    let out = index_cmd(d, &corpus.path, &index, &[]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(ids_in(d, &index).unwrap(), corpus.ids);
    // And it is settled: a further run changes nothing.
    let out = index_cmd(d, &corpus.path, &index, &[]).output().unwrap();
    let expected = format!(
        "0 added, 0 updated, {} unchanged, 0 removed, 0 skipped",
        corpus.ids.len()
    );
    assert!(
        summary_line(&out).contains(&expected),
        "{}",
        stderr_of(&out)
    );
    if !seen_partial {
        eprintln!("note: no kill landed between two commits on this machine");
    }
}

#[test]
fn ctrl_c_commits_what_was_done_and_a_rerun_finishes() {
    let corpus = corpus();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let index = d.join("index");
    let child = spawn_index(d, &corpus.path, &index, &[]);
    // The Ctrl-C handler is installed before the index is created.
    wait_for(&index.join("meta.json"), LIMIT);
    std::thread::sleep(Duration::from_millis(200));
    let pid = child.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let out = wait_with_limit(child, LIMIT);
    let stderr = stderr_of(&out);
    let ids = ids_in(d, &index).expect("an interrupted run leaves an index");
    assert!(ids.is_subset(&corpus.ids));
    match out.status.code() {
        // Interrupted: says it committed what was done, and that is what is there.
        Some(130) => {
            let line = summary_line(&out);
            assert!(line.starts_with("interrupted; committed"), "{stderr}");
            assert!(line.contains("run again to finish"), "{stderr}");
            let added: usize = line
                .split(": ")
                .nth(1)
                .and_then(|s| s.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no count in {line}"));
            assert_eq!(added, ids.len(), "{line}");
        }
        // The run had finished before the signal arrived (a very fast machine).
        Some(0) => assert_eq!(ids, corpus.ids),
        other => panic!("Ctrl-C ended the run with {other:?}: {stderr}"),
    }
    let out = index_cmd(d, &corpus.path, &index, &[]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let line = summary_line(&out);
    let expected = format!("{} added", corpus.ids.len() - ids.len());
    assert!(line.contains(&expected), "{line}");
    assert_eq!(ids_in(d, &index).unwrap(), corpus.ids);
}
