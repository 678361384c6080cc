//! `search query` on the four seeds: exact document sets, JSON shape, facets, paging.

use crate::common::*;

#[test]
fn seed_queries_return_exactly_the_right_articles() {
    let dir = indexed_seeds();
    let d = dir.path();
    let cases: &[(&[&str], &[&str])] = &[
        (&["Muttaqi"], &["001", "002", "003"]),
        (&["muttaqi"], &["001", "002", "003"]),
        (&["--country", "Iran"], &["000", "001"]),
        (&["--country", "ir"], &["000", "001"]),
        (&["--country", "IRN"], &["000", "001"]),
        (
            &["--country", "Azerbaijan", "--country", "Burkina Faso"],
            &["000", "002"],
        ),
        (&["Muttaqi", "--country", "Russia"], &["001", "003"]),
        (&["--person", "Amir Khan Muttaqi"], &["001", "002", "003"]),
        (&["--person", "amir khan muttaqi"], &["001", "002", "003"]),
        (&["--person", "Muttaqi"], &["001", "002", "003"]),
        (&["--person", "Sirajuddin Haqqani"], &["003"]),
        (&["--person", "Fazl Mohammad Haqqani"], &["000"]),
        (&["--from", "2025-12", "--to", "2025-12"], &["001"]),
        (
            &["--from", "2021-08-01", "--to", "2021-08-31"],
            &["000", "002"],
        ),
        (&["--from", "2025"], &["001"]),
        (&["--to", "2024"], &["000", "002"]),
        (&["Mutaqi"], &["001", "002", "003"]),
        (&["Azerbajan"], &["002"]),
        // A typo in the first letter is not tolerated.
        (&["Nuttaqi"], &[]),
        (&["\"foreign minister\""], &["001", "003"]),
        (&["Azerbaijan OR Burkina"], &["000", "002"]),
        (&["Muttaqi Russia"], &["001", "003"]),
        (&["Muttaqi AND Russia"], &["001", "003"]),
        (&["Taliban -Tehran"], &["002", "003"]),
        (&["*"], &["000", "001", "002", "003"]),
        (&[""], &["000", "001", "002", "003"]),
        (&[], &["000", "001", "002", "003"]),
        (&["Narnia"], &[]),
    ];
    for (args, expected) in cases {
        assert_eq!(hits(d, args), *expected, "search query {args:?}");
    }
}

#[test]
fn exact_spelling_ranks_above_a_typo_match() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Talks in Kabul\nThe minister Muttaqi spoke at length.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.txt"),
        "Talks in Kabul\nThe minister Mutaqi spoke at length.\n",
    )
    .unwrap();
    search(dir.path())
        .args(["index", "docs"])
        .assert()
        .success();
    for (query, first) in [("Muttaqi", "/docs/a.txt"), ("Mutaqi", "/docs/b.txt")] {
        let r = query_json(dir.path(), &[query]);
        assert_eq!(r["total"], 2, "{query}: {r}");
        let path = r["hits"][0]["path"].as_str().unwrap();
        assert!(path.ends_with(first), "{query}: {r}");
        assert!(
            r["hits"][0]["score"].as_f64() > r["hits"][1]["score"].as_f64(),
            "{query}: {r}"
        );
    }
}

#[test]
fn json_has_the_contract_shape() {
    let dir = indexed_seeds();
    let r = query_json(dir.path(), &["Muttaqi"]);
    assert_eq!(r["total"], 3);
    let hit = &r["hits"][0];
    for key in ["id", "path", "title", "snippet"] {
        assert!(hit[key].is_string(), "hit.{key} in {hit}");
    }
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(hit["published"].is_null());
    // The seeds are plain text: no url or source, but the keys are there.
    assert!(hit["url"].is_null() && hit["source"].is_null(), "{hit}");
    for key in ["persons", "organizations", "countries", "dates"] {
        assert!(hit[key].is_array(), "hit.{key} in {hit}");
    }
    // Absolute: it opens wherever the query runs.
    let path = std::path::Path::new(hit["path"].as_str().unwrap());
    assert!(path.is_absolute() && path.is_file(), "{hit}");
    assert!(
        path.starts_with(dir.path().canonicalize().unwrap().join("seeds")),
        "{hit}"
    );
    assert!(
        hit["snippet"].as_str().unwrap().contains("<b>Muttaqi</b>"),
        "{hit}"
    );
    let persons: Vec<&str> = hit["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(persons.contains(&"Amir Khan Muttaqi"), "{persons:?}");
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("Minister") || p.contains("Mawlawi")),
        "{persons:?}"
    );
}

#[test]
fn snippet_parts_spell_the_snippet_as_plain_text() {
    let dir = indexed_seeds();
    let r = query_json(dir.path(), &["Muttaqi Kabul"]);
    for hit in r["hits"].as_array().unwrap() {
        let parts = hit["snippet_parts"].as_array().unwrap();
        // The HTML snippet is the parts escaped, the matched ones in <b>.
        let html: String = parts
            .iter()
            .map(|p| {
                let text = p["text"].as_str().unwrap();
                let text = text
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
                    .replace('\'', "&#39;");
                if p["match"] == true {
                    format!("<b>{text}</b>")
                } else {
                    text
                }
            })
            .collect();
        assert_eq!(html, hit["snippet"].as_str().unwrap());
        let matched: Vec<&str> = (parts.iter())
            .filter(|p| p["match"] == true)
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(
            matched.iter().all(|m| *m == "Muttaqi" || *m == "Kabul"),
            "{matched:?}"
        );
        assert!(!matched.is_empty(), "{hit}");
    }
}

#[test]
fn url_source_and_the_org_filter_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.md"),
        "---\ntitle: Talks in Kabul\nurl: https://news.example/kabul\nsource: Example Wire\n---\n\
         The envoy met the minister in Kabul.\n",
    )
    .unwrap();
    search(dir.path())
        .args(["index", "docs"])
        .assert()
        .success();
    let r = query_json(dir.path(), &["Kabul"]);
    assert_eq!(r["hits"][0]["url"], "https://news.example/kabul", "{r}");
    assert_eq!(r["hits"][0]["source"], "Example Wire", "{r}");
    assert!(r["facets"]["organization"].is_array(), "{r}");
    let r = query_json(
        dir.path(),
        &["Kabul", "--org", "Nobody", "--org", "Nor This"],
    );
    assert_eq!(r["total"], 0, "{r}");
    let out = search(dir.path())
        .args(["query", "Kabul"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("   Example Wire: https://news.example/kabul\n"),
        "{text}"
    );
}

#[test]
fn facets_count_every_match_sorted_by_count_then_value() {
    let dir = indexed_seeds();
    let r = query_json(dir.path(), &["Muttaqi", "--limit", "1"]);
    assert_eq!(r["hits"].as_array().unwrap().len(), 1);
    let facet = |name: &str| facet(&r, name);
    let persons = facet("person");
    assert_eq!(persons[0], ("Amir Khan Muttaqi".to_string(), 3));
    let countries = facet("country");
    assert_eq!(countries[0], ("Afghanistan".to_string(), 3));
    assert!(
        countries.contains(&("Russia".to_string(), 2)),
        "{countries:?}"
    );
    assert!(
        countries.contains(&("Azerbaijan".to_string(), 1)),
        "{countries:?}"
    );
    for f in [&persons, &countries, &facet("date")] {
        let sorted = f
            .windows(2)
            .all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0));
        assert!(sorted, "{f:?}");
    }
    assert_eq!(
        facet("date"),
        [("2021-08".to_string(), 1), ("2025-12".to_string(), 1)]
    );
}

#[test]
fn offset_and_limit_page_through_the_hits() {
    let dir = indexed_seeds();
    let d = dir.path();
    let all = query_json(d, &["*", "--limit", "10"]);
    let page = |offset: &str| query_json(d, &["*", "--limit", "2", "--offset", offset]);
    let (p1, p2, p3) = (page("0"), page("2"), page("4"));
    assert_eq!(p1["total"], 4);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut joined = ids(&p1);
    joined.extend(ids(&p2));
    assert_eq!(joined, ids(&all));
    assert!(ids(&p3).is_empty());
    assert_eq!(p3["facets"], all["facets"]);
}

#[test]
fn human_output_lists_titles_entities_and_facets() {
    let dir = indexed_seeds();
    let out = search(dir.path())
        .args(["query", "Muttaqi"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("3 articles match; showing 1-3\n"),
        "{text}"
    );
    assert!(
        text.contains("Russia and Taliban-led Afghanistan move to deepen diplomatic ties"),
        "{text}"
    );
    assert!(text.contains("*Muttaqi*"), "{text}");
    assert!(text.contains("persons:"), "{text}");
    assert!(text.contains("Amir Khan Muttaqi (3)"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when piped: {text}");
}

#[test]
fn no_hits_is_success() {
    let dir = indexed_seeds();
    let out = search(dir.path())
        .args(["query", "zzyzx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "no articles match\n"
    );
}

#[test]
fn the_query_language_exact_and_sort_flags() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (name, date, text) in [
        (
            "a.md",
            "2021-08-15",
            "Bank talks\n\nThe banks of Kabul met envoys.",
        ),
        (
            "b.md",
            "2025-12-17",
            "Envoy visits\n\nAn envoy met the minister in Tehran.",
        ),
        (
            "c.md",
            "",
            "Minister speaks\n\nThe foreign minister spoke in Kabul.",
        ),
    ] {
        let front = if date.is_empty() {
            String::new()
        } else {
            format!("---\ndate: {date}\n---\n")
        };
        std::fs::write(docs.join(name), format!("{front}{text}\n")).unwrap();
    }
    search(dir.path())
        .args(["index", "docs"])
        .assert()
        .success();
    let names = |args: &[&str]| -> Vec<String> {
        query_json(dir.path(), args)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let path = h["path"].as_str().unwrap();
                path.rsplit('/').next().unwrap().to_string()
            })
            .collect()
    };
    // The README's example: the exclusion applies to the whole query.
    let mut hits = names(&["\"foreign minister\" OR envoy -Tehran"]);
    hits.sort();
    assert_eq!(hits, ["a.md", "c.md"]);
    assert_eq!(names(&["bank*"]), ["a.md"]);
    assert_eq!(names(&["title:envoy"]), ["b.md"]);
    assert_eq!(
        names(&["Kabull"]).len(),
        2,
        "a typo of a word the index holds"
    );
    assert!(names(&["Kabull", "--exact"]).is_empty());
    assert_eq!(names(&["*", "--sort", "newest"]), ["b.md", "a.md", "c.md"]);
    assert_eq!(names(&["*", "--sort", "oldest"]), ["a.md", "b.md", "c.md"]);
    let out = search(dir.path())
        .args(["query", "\"foreign minister"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_of(&out),
        "error: query syntax: this quote is never closed at character 1\n"
    );
}

#[test]
fn control_characters_in_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let article = docs.join("a.txt");
    std::fs::write(
        &article,
        "Talks in Kabul \u{1b}]52;c;aGk=\u{7}\n\nMinister Amir Khan Muttaqi met the \
         envoy in Kabul.\u{1b}[2J The talks\u{9b}31m went well.\r\n",
    )
    .unwrap();
    // An empty file named with an escape sequence: skipped with a warning.
    std::fs::write(docs.join("bad\u{1b}[2J.txt"), "").unwrap();
    let index = search(dir.path()).args(["index", "docs"]).output().unwrap();
    let query = search(dir.path())
        .args(["query", "Kabul"])
        .output()
        .unwrap();
    let facets = search(dir.path())
        .args(["query", "Kabul", "--limit", "0"])
        .output()
        .unwrap();
    let extract = search(dir.path())
        .args(["extract", "docs/a.txt"])
        .output()
        .unwrap();
    for (what, out) in [
        ("index", &index),
        ("query", &query),
        ("query --limit 0", &facets),
        ("extract", &extract),
    ] {
        let all = [&out.stdout[..], &out.stderr[..]].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
            "{what}: {text:?}"
        );
    }
    let text = String::from_utf8(query.stdout).unwrap();
    assert!(
        text.contains("Talks in Kabul \\u{1b}]52;c;aGk=\\u{7}"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&index.stderr).contains("bad\\u{1b}[2J.txt"));
    let text = String::from_utf8(facets.stdout).unwrap();
    assert!(text.starts_with("1 article matches\n\n"), "{text}");
    assert!(!text.contains("score"), "no hits with --limit 0: {text}");
}

#[test]
fn limit_zero_prints_the_count_and_facets_only() {
    let dir = indexed_seeds();
    let out = search(dir.path())
        .args(["query", "Muttaqi", "--limit", "0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..2], ["3 articles match", ""], "{text}");
    let labels: Vec<&str> = lines[2..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(labels, ["countries", "persons", "orgs", "dates"], "{text}");
    assert!(
        lines[2].starts_with("countries  Afghanistan (3), "),
        "{text}"
    );
    assert!(
        lines[3].starts_with("persons    Amir Khan Muttaqi (3), "),
        "{text}"
    );
}
