//! `search index`: summaries, incremental updates, formats and skipped files.

use crate::common::*;

fn index_summary(dir: &std::path::Path, args: &[&str]) -> String {
    let out = search(dir).arg("index").args(args).output().unwrap();
    assert!(out.status.success(), "index {args:?}: {}", stderr_of(&out));
    let stderr = stderr_of(&out);
    stderr.lines().last().unwrap_or_default().to_string()
}

#[test]
fn first_run_adds_and_second_run_changes_nothing() {
    let dir = with_seeds();
    let first = index_summary(dir.path(), &["seeds"]);
    assert!(
        first.contains("4 added, 0 updated, 0 unchanged, 0 removed, 0 skipped"),
        "{first}"
    );
    let second = index_summary(dir.path(), &["seeds/"]);
    assert!(
        second.contains("0 added, 0 updated, 4 unchanged, 0 removed, 0 skipped"),
        "{second}"
    );
    assert!(dir.path().join("index/meta.json").is_file());
}

#[test]
fn edits_deletions_and_additions_reach_summary_and_results() {
    let dir = indexed_seeds();
    let d = dir.path();
    let seeds = d.join("seeds");
    // 003 no longer mentions Muttaqi, 000 is gone, a new article mentions him.
    let path3 = seeds.join("003_d51ae0c6fbdb9697.txt");
    let text = std::fs::read_to_string(&path3)
        .unwrap()
        .replace("Muttaqi", "the minister");
    std::fs::write(&path3, text).unwrap();
    std::fs::remove_file(seeds.join("000_ece7abeb71992ca7.txt")).unwrap();
    std::fs::write(
        seeds.join("004_new.txt"),
        "Muttaqi meets Chinese envoy\nForeign Minister Amir Khan Muttaqi met the Chinese envoy in Kabul on March 3, 2026.\n",
    )
    .unwrap();

    let summary = index_summary(d, &["seeds"]);
    assert!(
        summary.contains("1 added, 1 updated, 2 unchanged, 1 removed, 0 skipped"),
        "{summary}"
    );
    assert_eq!(hits(d, &["Muttaqi"]), ["001", "002", "004"]);
    assert_eq!(hits(d, &["*"]), ["001", "002", "003", "004"]);
    assert_eq!(
        hits(d, &["--country", "China", "--from", "2026-03"]),
        ["004"]
    );
}

#[test]
fn indexing_one_folder_keeps_the_articles_of_another() {
    let dir = indexed_seeds();
    let d = dir.path();
    let other = d.join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(
        other.join("x.txt"),
        "Envoy visits Mali\nThe envoy arrived in Bamako.\n",
    )
    .unwrap();
    let summary = index_summary(d, &["other"]);
    assert!(
        summary.contains("1 added, 0 updated, 0 unchanged, 0 removed"),
        "{summary}"
    );
    assert_eq!(hits(d, &["*"]).len(), 5);
}

#[test]
fn markdown_front_matter_and_json_lines_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let docs = d.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.md"),
        "---\ntitle: Envoy in Kabul\ndate: 2024-05-02\n---\nThe Russian envoy arrived in Kabul.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("feed.jsonl"),
        concat!(
            r#"{"id": "r1", "title": "Talks in Tehran", "body": "Officials met in Tehran.", "date": "2023-01-05"}"#,
            "\n",
            r#"{"id": "r2", "title": "Summit in Moscow", "text": "Leaders gathered in Moscow."}"#,
            "\n"
        ),
    )
    .unwrap();
    let summary = index_summary(d, &["docs"]);
    assert!(summary.contains("3 added"), "{summary}");
    let r = query_json(d, &["envoy"]);
    assert_eq!(r["hits"][0]["title"], "Envoy in Kabul");
    assert_eq!(r["hits"][0]["published"], "2024-05-02");
    let r = query_json(d, &["--country", "Iran"]);
    assert_eq!(r["hits"][0]["id"], "r1");
    assert_eq!(r["hits"][0]["title"], "Talks in Tehran");
    assert_eq!(
        query_json(d, &["--from", "2023-01-05", "--to", "2023-01-05"])["total"],
        1
    );
    assert_eq!(query_json(d, &["--country", "Russia"])["total"], 2);
}

#[test]
fn bad_files_are_skipped_with_reasons_and_counted() {
    let dir = with_seeds();
    let d = dir.path();
    let seeds = d.join("seeds");
    std::fs::write(seeds.join("empty.txt"), "").unwrap();
    std::fs::write(seeds.join("binary.txt"), b"\x00\x01\x02PK\x03\x04 not text").unwrap();
    let out = search(d).args(["index", "seeds"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("4 added, 0 updated, 0 unchanged, 0 removed, 2 skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("binary.txt"), "{stderr}");
    assert_eq!(hits(d, &["*"]).len(), 4);
    // --strict turns the same skips into a failure, after indexing what it could.
    let out = search(d)
        .args(["index", "seeds", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
}

#[test]
fn quiet_piped_output_has_no_progress_bar() {
    let dir = with_seeds();
    let out = search(dir.path())
        .args(["index", "seeds", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stderr_of(&out), "");
    assert!(out.stdout.is_empty());
}

#[test]
fn hit_paths_open_from_anywhere_and_reruns_from_elsewhere_change_nothing() {
    let dir = with_seeds();
    let first = index_summary(dir.path(), &["seeds", "--index", "idx"]);
    assert!(first.contains("4 added"), "{first}");
    let elsewhere = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let index = index.to_str().unwrap();
    let results = query_json(elsewhere.path(), &["Muttaqi", "--index", index]);
    let paths: Vec<&str> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert!(!paths.is_empty());
    for path in paths {
        let path = std::path::Path::new(path);
        assert!(path.is_absolute(), "{}", path.display());
        assert!(elsewhere.path().join(path).is_file(), "{}", path.display());
    }
    // Indexed again from another folder, by another path: the same files.
    let seeds = dir.path().join("seeds");
    let again = index_summary(
        elsewhere.path(),
        &[seeds.to_str().unwrap(), "--index", index],
    );
    assert!(
        again.contains("0 added, 0 updated, 4 unchanged, 0 removed, 0 skipped"),
        "{again}"
    );
    assert_eq!(
        query_json(elsewhere.path(), &["*", "--index", index])["total"],
        4
    );
}

#[test]
fn former_states_keep_their_own_facet_value_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let docs = d.join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (name, text) in [
        (
            "s01.txt",
            "Soviet grain imports\nThe Soviet Union bought wheat; Moscow paid in dollars.\n",
        ),
        (
            "r02.txt",
            "Russian elections\nRussia held elections; Moscow counted the votes.\n",
        ),
        (
            "g03.txt",
            "German trade\nEast Germany and West Germany met in Bonn to talk trade.\n",
        ),
    ] {
        std::fs::write(docs.join(name), text).unwrap();
    }
    index_summary(d, &["docs"]);
    for (country, expected) in [
        ("Soviet Union", &["s01"][..]),
        ("SU", &["s01"]),
        ("ussr", &["s01"]),
        ("Soviets", &["s01"]),
        ("Russia", &["r02"]),
        ("East Germany", &["g03"]),
        ("DD", &["g03"]),
        ("West Germany", &["g03"]),
        ("Germany", &["g03"]),
        ("Yugoslavia", &[]),
    ] {
        assert_eq!(hits(d, &["--country", country]), expected, "{country}");
    }
    let r = query_json(d, &["*"]);
    let countries = facet(&r, "country");
    assert!(
        countries.contains(&("Soviet Union".to_string(), 1)),
        "{countries:?}"
    );
    assert!(
        countries.contains(&("East Germany".to_string(), 1)),
        "{countries:?}"
    );
    let codes: Vec<&str> = r["facets"]["country"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["value"] == "Soviet Union")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SU"]);
}

/// The index crate's hand-written web archive: two HTML pages among seven records.
fn two_pages_warc() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../index/src/formats/warc/testdata/two_pages.warc");
    std::fs::read(path).unwrap()
}

#[test]
fn a_web_archive_gives_an_article_per_html_response() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("crawl")).unwrap();
    std::fs::write(d.join("crawl/pages.warc"), two_pages_warc()).unwrap();
    let summary = index_summary(d, &["crawl"]);
    assert!(
        summary.contains("2 added, 0 updated, 0 unchanged, 0 removed, 0 skipped"),
        "{summary}"
    );
    let r = query_json(d, &["--sort", "oldest"]);
    // Paths are absolute: compared below the temporary folder.
    let base = format!("{}/", d.canonicalize().unwrap().display());
    let hits: Vec<_> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["title"].as_str().unwrap(),
                h["url"].as_str().unwrap(),
                h["published"].as_str().unwrap(),
                h["path"].as_str().unwrap().strip_prefix(&base).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        hits,
        [
            (
                "Envoy visits Kabul",
                "https://news.example.com/world/envoy-visits-kabul",
                "2021-08-15",
                "crawl/pages.warc"
            ),
            (
                "Café owners protest new tax",
                "https://town.example.org/news/cafe-tax",
                "2022-03-04",
                "crawl/pages.warc"
            ),
        ]
    );
    let summary = index_summary(d, &["crawl"]);
    assert!(
        summary.contains("0 added, 0 updated, 2 unchanged, 0 removed, 0 skipped"),
        "{summary}"
    );
}

#[test]
fn a_truncated_web_archive_keeps_the_records_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let warc = two_pages_warc();
    // Cut inside the sixth record (the second page).
    let sixth = warc
        .windows(22)
        .position(|w| w == b"https://town.example.o")
        .unwrap();
    std::fs::write(d.join("cut.warc"), &warc[..sixth + 400]).unwrap();
    let out = search(d).args(["index", "cut.warc"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains(
            "warning: cut.warc: record 6: record truncated: 189 of its 519 bytes; the records before it are read, the rest not"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1 added"), "{stderr}");
    assert_eq!(
        query_json(d, &["envoy"])["hits"][0]["url"],
        "https://news.example.com/world/envoy-visits-kabul"
    );
}
