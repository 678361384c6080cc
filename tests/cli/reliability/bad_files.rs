//! A folder of bad files: every problem file is skipped or decoded with a warning
//! naming its path and reason, counted in the summary; the good articles are
//! indexed; exit 0, and 1 with `--strict`.

use std::path::Path;

use super::*;

/// Whether this process can read a file with no permissions (root can): then an
/// unreadable file cannot be made, and that case is left out.
fn permissions_bite(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bites = std::fs::read(&probe).is_err();
    std::fs::remove_file(&probe).unwrap();
    bites
}

/// The bad folder: `(file name, expected stderr fragment)` of each skip, and the
/// files indexed with a warning.
struct BadFolder {
    skips: Vec<(&'static str, &'static str)>,
    warnings: Vec<(&'static str, &'static str)>,
    articles: usize,
}

fn make_bad_folder(bad: &Path) -> BadFolder {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(bad).unwrap();
    let mut skips = Vec::new();
    let mut warnings = Vec::new();
    let mut articles = 0;

    std::fs::write(
        bad.join("good.txt"),
        "Envoy in Kabul\nForeign Minister Amir Khan Muttaqi met the envoy in Kabul.\n",
    )
    .unwrap();
    articles += 1;

    // "Café talks in Kabul" and a typographic apostrophe, in Windows-1252.
    std::fs::write(
        bad.join("latin1.txt"),
        b"Caf\xE9 talks in Kabul\nThe envoy\x92s visit to Kabul went well, officials said.\n",
    )
    .unwrap();
    warnings.push(("latin1.txt", "decoded as Windows-1252"));
    articles += 1;

    std::fs::write(bad.join("nul.txt"), b"Some text\0with a NUL byte in it\n").unwrap();
    skips.push(("nul.txt", "binary file (NUL bytes)"));
    std::fs::write(
        bad.join("saved.txt"),
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    )
    .unwrap();
    skips.push(("saved.txt", "a PDF document"));
    std::fs::write(bad.join("picture.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    skips.push(("picture.md", "a PNG image"));
    std::fs::write(bad.join("empty.txt"), "").unwrap();
    skips.push(("empty.txt", "empty file"));

    // Over the size cap, made sparse so that it costs no disk and no time.
    let huge = std::fs::File::create(bad.join("huge.txt")).unwrap();
    huge.set_len(search_index::MAX_FILE_BYTES + (1 << 20))
        .unwrap();
    skips.push(("huge.txt", "limit"));

    std::os::unix::fs::symlink(".", bad.join("loop")).unwrap();
    skips.push(("loop", "symbolic link loop"));

    std::fs::write(
        bad.join("feed.jsonl"),
        concat!(
            r#"{"id": "feed-1", "title": "Talks in Tehran", "body": "Officials met in Tehran."}"#,
            "\n",
            r#"{"id": "feed-2", "title": "Broken"#,
            "\n",
            r#"{"id": "feed-3", "title": "Summit in Moscow", "body": "Leaders met in Moscow."}"#,
            "\n",
        ),
    )
    .unwrap();
    skips.push(("feed.jsonl:2", ""));
    articles += 2;

    std::fs::write(
        bad.join("front.md"),
        "---\ntitle: Envoy\nthis line is prose, not a key\n---\nThe envoy arrived in Doha.\n",
    )
    .unwrap();
    warnings.push(("front.md", "read as plain text"));
    articles += 1;

    let locked = bad.join("locked.txt");
    std::fs::write(
        &locked,
        "Locked away\nThe envoy met the minister in Kabul.\n",
    )
    .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if permissions_bite(bad.parent().unwrap()) {
        skips.push(("locked.txt", "permission denied"));
    } else {
        eprintln!("running as root: the unreadable-file case is not tested (root reads it)");
        articles += 1;
    }
    BadFolder {
        skips,
        warnings,
        articles,
    }
}

#[test]
fn bad_files_are_named_counted_and_survived() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = make_bad_folder(&d.join("bad"));

    let out = index_cmd(d, Path::new("bad"), Path::new("index"), &[])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (file, reason) in folder.skips.iter().chain(&folder.warnings) {
        let path = format!("bad/{file}");
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("warning: ") && l.contains(&path) && l.contains(reason)),
            "no warning naming {path} ({reason}) in:\n{stderr}"
        );
    }
    let expected = format!(
        "{} added, 0 updated, 0 unchanged, 0 removed, {} skipped, {} warnings",
        folder.articles,
        folder.skips.len(),
        folder.warnings.len()
    );
    assert!(
        summary_line(&out).contains(&expected),
        "expected `{expected}` in {stderr}"
    );

    // The good articles are searchable, the decoded one by its accented word.
    let ids = ids_in(d, Path::new("index")).unwrap();
    assert_eq!(ids.len(), folder.articles);
    assert!(ids.contains("feed-1") && ids.contains("feed-3") && !ids.contains("feed-2"));
    let cafe = query_json(d, &["café", "--index", "index"]);
    assert_eq!(cafe["total"], 1, "{cafe}");
    assert_eq!(cafe["hits"][0]["title"], "Café talks in Kabul");
    let doha = query_json(d, &["Doha", "--index", "index"]);
    assert_eq!(
        doha["total"], 1,
        "front matter fallback indexes the text: {doha}"
    );

    // --strict: the same run on a fresh index fails with 1, after indexing.
    let out = index_cmd(d, Path::new("bad"), Path::new("strict"), &["--strict"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
    assert_eq!(
        ids_in(d, Path::new("strict")).unwrap().len(),
        folder.articles
    );
}
