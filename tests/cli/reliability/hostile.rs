//! Hostile queries and flags through the binary: results (exit 0, valid JSON) or a
//! usage error (exit 2, one line), never a panic or another failure.

use std::time::{Duration, Instant};

use super::*;

/// Runs `search query --json ARGS` and checks the outcome is results (exit 0 and
/// a JSON object) or a one-line usage error (exit 2). Returns the exit code.
fn answered_or_usage(dir: &Path, args: &[&str]) -> i32 {
    let start = Instant::now();
    let out = search(dir)
        .args(["query", "--json"])
        .args(args)
        .output()
        .unwrap();
    let took = start.elapsed();
    let shown: String = format!("{args:?}").chars().take(80).collect();
    let stderr = stderr_of(&out);
    assert!(!stderr.contains("panicked"), "{shown}: {stderr}");
    match out.status.code() {
        Some(0) => {
            let json: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{shown}: invalid JSON: {e}"));
            assert!(json["total"].is_u64(), "{shown}: {json}");
            assert!(
                json["hits"].is_array() && json["facets"].is_object(),
                "{shown}"
            );
        }
        Some(2) => {
            assert!(out.stdout.is_empty(), "{shown}");
            // clap's own usage errors add a usage hint and a --help line.
            let ours = stderr.lines().count() == 1;
            let clap = stderr.contains("try '--help'");
            assert!(ours || clap, "{shown}: {stderr}");
            assert!(stderr.starts_with("error: "), "{shown}: {stderr}");
        }
        other => panic!("{shown}: exit {other:?}: {stderr}"),
    }
    assert!(took < Duration::from_secs(30), "{shown}: took {took:?}");
    out.status.code().unwrap()
}

#[test]
fn hostile_query_strings() {
    let dir = indexed_seeds();
    let d = dir.path();
    let words40k: String = (0..5000).map(|i| format!("word{i} ")).collect();
    let queries: Vec<String> = vec![
        "\"unbalanced".into(),
        "unbalanced\"".into(),
        "\"\"\"".into(),
        "“Amir Khan".into(),
        "AND".into(),
        "OR".into(),
        "NOT".into(),
        "AND OR NOT".into(),
        "-".into(),
        "--".into(),
        "+".into(),
        "- Muttaqi".into(),
        "Muttaqi AND".into(),
        "OR Muttaqi".into(),
        "(".into(),
        ")".into(),
        "(()".into(),
        "())".into(),
        ":".into(),
        ":Muttaqi".into(),
        "title:".into(),
        "title:Muttaqi".into(),
        ":::".into(),
        "*".into(),
        "**".into(),
        "*:*".into(),
        "Mutt*".into(),
        "?".into(),
        "~2".into(),
        "Muttaqi~".into(),
        "Muttaqi^10".into(),
        "[2020 TO 2025]".into(),
        "{}".into(),
        "\\".into(),
        "\\\"".into(),
        "\u{1}\u{2}\u{7}\u{8}\u{b}\u{c}\u{1b}[31mred\u{1b}[0m".into(),
        "\u{7f}\u{80}\u{9f}".into(),
        "tab\there\r\nnewline".into(),
        "\u{200b}\u{200d}\u{feff}".into(),
        "\u{202e}ecnerefnoc sserp".into(),
        "مطقی کابل".into(),
        "אמיר חאן מוטאקי".into(),
        "喀布尔 塔利班".into(),
        "カブール".into(),
        "카불".into(),
        "Муттаки Кабул".into(),
        "🙂".into(),
        "👩‍👩‍👧 🇦🇫".into(),
        "Muttaqī".into(),
        "MUTTAQI".into(),
        "a".repeat(40_000),
        "a ".repeat(20_000),
        "Muttaqi OR ".repeat(3_600),
        words40k,
        "\"".repeat(40_000),
        "(".repeat(40_000),
        ")".repeat(40_000),
        "-".repeat(40_000),
        "NOT ".repeat(10_000),
        "🙂".repeat(10_000),
    ];
    for q in &queries {
        answered_or_usage(d, &[q]);
    }
    // Unbalanced parentheses are the one syntax error; it is a usage error.
    assert_eq!(answered_or_usage(d, &["(Kabul"]), 2);
    assert_eq!(answered_or_usage(d, &["Kabul)"]), 2);
}

#[test]
fn absurd_flag_values() {
    let dir = indexed_seeds();
    let d = dir.path();
    let usage: &[&[&str]] = &[
        &["x", "--limit", "999999999"],
        &["x", "--limit", "-1"],
        &["x", "--limit", ""],
        &["x", "--limit", "1e3"],
        &["x", "--offset", "-1"],
        &["x", "--offset", "99999999999999999999"],
        &["x", "--from", "yesterday"],
        &["x", "--from", ""],
        &["x", "--from", "2025-13"],
        &["x", "--from", "2025-02-30"],
        &["x", "--to", "-2025"],
        &["x", "--from", "2025", "--to", "2024"],
        &["x", "--country", ""],
        &["x", "--country", "   "],
        &["x", "--country", "Narnia"],
        &["x", "--country", "\u{1b}[31m"],
        &["x", "--index"],
        &["x", "--json", "--json"],
        &["x", "--frobnicate"],
    ];
    for args in usage {
        assert_eq!(answered_or_usage(d, args), 2, "{args:?}");
    }
    let either: &[&[&str]] = &[
        &["x", "--from", "0000"],
        &["x", "--from", "0001-01-01"],
        &["x", "--to", "9999-12-31"],
        &["x", "--from", "0000", "--to", "9999"],
        &["--limit", "0"],
        &["--limit", "10000"],
        &["--offset", "1000000"],
        &["--offset", "3", "--limit", "1"],
        &["x", "--person", ""],
        &["x", "--person", "🙂"],
        &["--person", "muttaqi", "--person", "MUTTAQI"],
        &[
            "--country",
            "af",
            "--country",
            "AFG",
            "--country",
            "Afghanistan",
        ],
        &["--", "--limit"],
        &["-x"],
    ];
    for args in either {
        answered_or_usage(d, args);
    }
    // User input echoed in an error is escaped: one line, no terminal escapes.
    let out = search(d)
        .args(["query", "x", "--country", "Nar\nnia\u{1b}[31m"])
        .output()
        .unwrap();
    assert_one_line_error(&out, 2, &["unknown country `Nar\\nnia\\u{1b}[31m`"]);
    assert!(!stderr_of(&out).contains('\u{1b}'));
    // What an answer holds for the extremes.
    let r = query_json(d, &["--limit", "0"]);
    assert_eq!(
        (r["total"].as_u64(), r["hits"].as_array().unwrap().len()),
        (Some(4), 0)
    );
    let r = query_json(d, &["--offset", "1000000"]);
    assert_eq!(
        (r["total"].as_u64(), r["hits"].as_array().unwrap().len()),
        (Some(4), 0)
    );
}

#[test]
fn absurd_index_flags() {
    let dir = with_seeds();
    let d = dir.path();
    for args in [
        &["seeds", "--threads", "0"][..],
        &["seeds", "--threads", "100000"],
        &["seeds", "--memory", "1"],
        &["seeds", "--memory", "-5"],
        &["seeds", "--index", ""],
        &[""],
    ] {
        let out = search(d).arg("index").args(args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
