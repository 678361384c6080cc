//! Concurrency: a second `search index` on an index being updated fails fast with
//! a clear message; a query meanwhile answers from the last commit.

use std::time::{Duration, Instant};

use super::*;

/// Waits until `child` holds the writer lock of `index`: it has the lock file open
/// (tantivy holds an flock on it for as long as the writer lives).
fn wait_until_locked(child: &mut std::process::Child, index: &Path) {
    let lock = std::fs::canonicalize(index)
        .unwrap()
        .join(".tantivy-writer.lock");
    let fds = PathBuf::from(format!("/proc/{}/fd", child.id()));
    let start = Instant::now();
    loop {
        let holds = std::fs::read_dir(&fds).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| std::fs::read_link(e.path()).is_ok_and(|t| t == lock))
        });
        if holds {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the first run ended before taking the lock"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "lock never taken"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_second_writer_fails_fast_and_queries_answer_meanwhile() {
    let corpus = corpus();
    let dir = with_seeds();
    let d = dir.path();
    let index = d.join("index");
    let out = index_cmd(d, Path::new("seeds"), &index, &[])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let seeds = ids_in(d, &index).unwrap();
    assert_eq!(seeds.len(), 4);

    let mut first = spawn_index(d, &corpus.path, &index, &[]);
    wait_until_locked(&mut first, &index);

    // A query answers from the last commit: the seeds at least, nothing foreign.
    let during = ids_in(d, &index).expect("the index answers during an update");
    assert!(during.is_superset(&seeds));
    assert!(during.difference(&seeds).all(|id| corpus.ids.contains(id)));

    let started = Instant::now();
    let second = index_cmd(d, Path::new("seeds"), &index, &[])
        .output()
        .unwrap();
    let took = started.elapsed();
    let first_still_running = first.try_wait().unwrap().is_none();
    if first_still_running {
        // While the first holds the lock, the second must not run or wait.
        assert_one_line_error(&second, 1, &["is being updated by another process", "wait"]);
        let stderr = stderr_of(&second);
        if let Some(pid) = stderr.split("(pid ").nth(1) {
            let pid = pid.split(')').next().unwrap();
            assert_eq!(pid, first.id().to_string(), "{stderr}");
        }
        assert!(took < Duration::from_secs(20), "second run took {took:?}");
    } else {
        eprintln!("note: the first run finished before the second started");
    }
    let out = wait_with_limit(first, Duration::from_secs(300));
    assert!(out.status.success(), "{}", stderr_of(&out));
    let all = ids_in(d, &index).unwrap();
    assert_eq!(all.len(), seeds.len() + corpus.ids.len());
}
