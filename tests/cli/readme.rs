//! The README's examples do what it says: every `search …` line of its fenced
//! `sh` blocks runs (through `sh`, as a reader would type it) in a temporary
//! home holding the seeds, and exits 0; where the README shows output or
//! claims a result, [`CLAIMS`] checks it.
//!
//! The tour's placeholders get stand-ins: `~/articles/` is a copy of the seeds,
//! `page.html` a small saved page. `search serve` lines are not run (they never
//! end; `serve.rs` tests the server), nor `cargo` lines (they build this).

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::{SAVED_PAGE, seeds_dir, stderr_of, with_seeds};

/// What the README says a command prints. `json`: the check reads the command's
/// output with `--json` added.
struct Claim {
    line: &'static str,
    json: bool,
    check: fn(&str, &Path),
}

/// The hits' paths.
fn paths(v: &Value) -> Vec<String> {
    let hits = v["hits"].as_array().unwrap();
    hits.iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect()
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap()
}

const CLAIMS: &[Claim] = &[
    Claim {
        line: "search index ~/articles/",
        json: false,
        // Only stderr has the summary; the runner passes it for `index`.
        check: |err, _| {
            assert!(
                err.starts_with(
                    "indexed index: 4 added, 0 updated, 0 unchanged, 0 removed, 0 skipped in "
                ),
                "the summary the README shows: {err}"
            )
        },
    },
    Claim {
        line: "search query Muttaqi",
        json: false,
        check: |out, _| {
            assert!(out.starts_with("3 articles match; showing 1-3\n"), "{out}");
            assert!(out.contains("*Muttaqi*"), "a highlighted snippet: {out}");
            assert!(
                out.contains("persons    Amir Khan Muttaqi (3)"),
                "facet counts: {out}"
            );
        },
    },
    Claim {
        line: "search query \"Muttaqi Russia\"",
        json: true,
        check: |out, home| {
            let v = json(out);
            assert_eq!(v["total"], 2);
            for path in paths(&v) {
                let text = std::fs::read_to_string(home.join(&path)).unwrap();
                assert!(
                    text.contains("Muttaqi") && text.contains("Russia"),
                    "{path}"
                );
            }
        },
    },
    Claim {
        line: "search query '\"foreign minister\" OR envoy -Tehran'",
        json: true,
        check: |out, home| {
            let v = json(out);
            assert!(v["total"].as_u64().unwrap() >= 1, "{out}");
            for path in paths(&v) {
                let text = std::fs::read_to_string(home.join(&path)).unwrap();
                assert!(!text.contains("Tehran"), "-Tehran excludes {path}");
                let text = text.to_lowercase();
                assert!(text.contains("foreign minister") || text.contains("envoy"));
            }
        },
    },
    Claim {
        line: "search query Mutaqi",
        json: false,
        check: |out, _| {
            assert!(
                out.starts_with("3 articles match"),
                "a typo finds Muttaqi: {out}"
            );
            assert!(out.contains("*Muttaqi*"), "{out}");
        },
    },
    Claim {
        line: "search query 'diplomat*' --exact --sort newest",
        json: true,
        check: |out, _| {
            let v = json(out);
            assert_eq!(v["total"], 4, "{out}");
            for hit in v["hits"].as_array().unwrap() {
                let snippet = hit["snippet"].as_str().unwrap();
                assert!(snippet.contains("<b>diplomat"), "prefix match: {snippet}");
            }
        },
    },
    Claim {
        line: "search query --country Iran",
        json: true,
        check: |out, _| {
            let v = json(out);
            assert_eq!(
                (v["total"].as_u64(), paths(&v).len()),
                (Some(2), 2),
                "{out}"
            );
        },
    },
    Claim {
        line: "search query embassy --country AZ --from 2021-01 --json",
        json: false,
        check: |out, _| {
            let v = json(out);
            assert_eq!(v["total"], 1, "{out}");
            assert!(paths(&v)[0].ends_with("002_0860f700c69141a5.txt"), "{out}");
        },
    },
    Claim {
        line: "search extract seeds/001_ec7cb7fb524a78cf.txt --json",
        json: false,
        check: |out, home| {
            let v = json(out);
            let text =
                std::fs::read_to_string(home.join("seeds/001_ec7cb7fb524a78cf.txt")).unwrap();
            let m = &v["persons"][0]["mentions"][0];
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap(), "byte spans");
        },
    },
    Claim {
        line: "search extract page.html --json --text",
        json: false,
        check: |out, _| {
            let v = json(out);
            assert_eq!(v["title"], "Envoy in Kabul");
            assert_eq!(v["published"], "2025-12-17");
            assert_eq!(v["url"], "https://news.example/kabul");
            assert_eq!(v["source"], "Example News");
            assert!(v["text"].as_str().unwrap().starts_with("The Iranian envoy"));
        },
    },
    Claim {
        line: "search man > ~/.local/share/man/man1/search.1",
        json: false,
        check: |_, home| {
            let page =
                std::fs::read_to_string(home.join(".local/share/man/man1/search.1")).unwrap();
            assert!(page.contains(".SH NAME"));
        },
    },
];

/// The `search` lines of the README's `sh` blocks, comments kept (sh drops them).
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(seeds_dir().join("../README.md")).unwrap();
    let mut examples = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh && line.starts_with("search ") {
            examples.push(line.to_string());
        }
    }
    examples
}

/// A line without its `# comment`.
fn command_of(line: &str) -> &str {
    line.split(" #").next().unwrap_or(line).trim()
}

fn run(home: &Path, line: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_search")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    std::process::Command::new("sh")
        .args(["-c", line])
        .current_dir(home)
        .env("HOME", home)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[test]
fn every_readme_example_runs_and_does_what_it_says() {
    let home = with_seeds();
    let home = home.path();
    let articles = home.join("articles");
    std::fs::create_dir(&articles).unwrap();
    for entry in std::fs::read_dir(home.join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
    }
    std::fs::write(home.join("page.html"), SAVED_PAGE).unwrap();

    let examples = readme_examples();
    let mut ran = 0;
    for line in &examples {
        let command = command_of(line);
        if command.starts_with("search serve") {
            continue;
        }
        // A redirection writes into a folder the reader is told to have.
        if let Some((_, target)) = command.split_once("> ~/") {
            let target = home.join(target.split_whitespace().next().unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        }
        let out = run(home, command);
        assert!(out.status.success(), "`{command}`: {}", stderr_of(&out));
        ran += 1;
        if let Some(claim) = CLAIMS.iter().find(|c| c.line == command) {
            if claim.json {
                let out = run(home, &format!("{command} --json"));
                assert!(
                    out.status.success(),
                    "`{command} --json`: {}",
                    stderr_of(&out)
                );
                (claim.check)(&String::from_utf8(out.stdout).unwrap(), home);
            } else if command.starts_with("search index") {
                (claim.check)(&stderr_of(&out), home);
            } else {
                (claim.check)(&String::from_utf8(out.stdout).unwrap(), home);
            }
        }
    }
    assert!(ran >= 15, "only {ran} README examples found: {examples:?}");
    // Every claim is about a line the README still has.
    for claim in CLAIMS {
        assert!(
            examples.iter().any(|l| command_of(l) == claim.line),
            "the README no longer has `{}`",
            claim.line
        );
    }
}
