//! Errors a user can act on: one line on stderr, exit 2 for usage, 1 for failures.

use crate::common::*;

fn fails(dir: &std::path::Path, args: &[&str], code: i32, message: &str) {
    let out = search(dir).args(args).output().unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(
        stderr.contains(message),
        "{args:?}: expected `{message}` in {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
}

#[test]
fn query_without_an_index_says_how_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    fails(
        dir.path(),
        &["query", "Muttaqi"],
        1,
        "run `search index <folder>` first",
    );
}

#[test]
fn unknown_country_lists_what_is_accepted() {
    let dir = indexed_seeds();
    fails(
        dir.path(),
        &["query", "x", "--country", "Narnia"],
        2,
        "error: unknown country `Narnia`; try a name or an ISO code such as IR",
    );
}

#[test]
fn bad_dates_name_the_accepted_forms() {
    let dir = indexed_seeds();
    fails(
        dir.path(),
        &["query", "--from", "17/12/2025"],
        2,
        "use YYYY, YYYY-MM or YYYY-MM-DD",
    );
    fails(
        dir.path(),
        &["query", "--to", "2025-02-30"],
        2,
        "use YYYY, YYYY-MM or YYYY-MM-DD",
    );
    fails(
        dir.path(),
        &["query", "--from", "2026", "--to", "2025"],
        2,
        "--from 2026 is after --to 2025",
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    fails(dir.path(), &["query", "--limit", "ten"], 2, "--limit");
    fails(dir.path(), &["index"], 2, "PATH");
    fails(dir.path(), &["frobnicate"], 2, "frobnicate");
}

#[test]
fn missing_input_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fails(
        dir.path(),
        &["index", "no-such-folder"],
        2,
        "no-such-folder does not exist",
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_refused_with_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("bogus");
    std::fs::create_dir(&bogus).unwrap();
    std::fs::write(bogus.join("meta.json"), "{ not json").unwrap();
    fails(
        dir.path(),
        &["query", "x", "--index", "bogus"],
        1,
        "--rebuild",
    );
}

#[test]
fn hostile_query_strings_never_panic() {
    let dir = indexed_seeds();
    let long = "a ".repeat(20_000);
    for q in [
        "\"unbalanced",
        "AND",
        "OR OR",
        "-",
        "((",
        ")",
        "\u{1}\u{7}\u{1b}[31m",
        "مطقی",
        "*:*",
        "title:",
        long.as_str(),
    ] {
        let out = search(dir.path())
            .args(["query", q, "--json"])
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(2),
            "{q:?}: {code:?} {}",
            stderr_of(&out)
        );
        assert!(!stderr_of(&out).contains("panicked"), "{q:?}");
    }
}

#[test]
fn an_engine_url_that_is_wrong_or_down_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    fails(
        dir.path(),
        &["query", "oil", "--engine", "http://127.0.0.1:9306"],
        2,
        "--engine: invalid engine URL `http://127.0.0.1:9306`: it does not start with sphinx://",
    );
    // A port nothing listens on (bound, then closed).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("sphinx://127.0.0.1:{port}");
    for args in [
        vec!["query", "oil", "--engine", &url],
        vec!["index", ".", "--engine", &url],
    ] {
        let out = search(dir.path()).args(&args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: cannot reach the search engine at 127.0.0.1:{port}: "
            )) && stderr.contains("start shards with `deploy/sphinx/shards.sh start DIR N`"),
            "{stderr}"
        );
    }
}
