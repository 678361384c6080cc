//! The user's gazetteer: entries applied by `search extract` and `search index`,
//! a change re-extracting what it affects, bad lines reported with file and line.

use std::path::Path;

use serde_json::Value;

use crate::common::{facet, owned, query_json, search, with_files};

const ARTICLES: [(&str, &str); 3] = [
    (
        "08.txt",
        "Gold find\nBre-X said on Monday its gold find was real. Bre-X spoke again on Tuesday.\n",
    ),
    (
        "09.txt",
        "Kabul\nMottaki met the envoy on Monday. Foreign Minister Amir Khan Muttaqi said talks went well.\n",
    ),
    (
        "10.txt",
        "Talks\nFighting was reported near Spin Boldak, said Mr John Walsh.\n",
    ),
];

const GAZETTEER: &str = "# analyst's names\n\
    person: Amir Khan Muttaqi = Mottaki, Muttaqee\n\
    not person: Bre-X\n\
    place: Spin Boldak in Afghanistan\n";

fn corpus() -> tempfile::TempDir {
    with_files("news", &ARTICLES)
}

/// A mention: start, end, text.
type Span = (u64, u64, String);

fn index(dir: &Path, extra: &[&str]) -> String {
    let out = search(dir)
        .args(["index", "news"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn extract_files_aliases_under_the_entry_and_drops_blocked_names() {
    let tmp = corpus();
    std::fs::write(tmp.path().join("names.txt"), GAZETTEER).unwrap();
    let out = search(tmp.path())
        .args([
            "extract",
            "news/09.txt",
            "news/08.txt",
            "news/10.txt",
            "--json",
            "--gazetteer",
            "names.txt",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mentions = |v: &Value| -> Vec<(String, Vec<Span>)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let ms = e["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| {
                        (
                            m["start"].as_u64().unwrap(),
                            m["end"].as_u64().unwrap(),
                            m["text"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect();
                (e["name"].as_str().unwrap().to_string(), ms)
            })
            .collect()
    };
    // 09: "Mottaki" at byte 6 of the file, the full name at 56.
    assert_eq!(
        mentions(&lines[0]["persons"]),
        [(
            "Amir Khan Muttaqi".to_string(),
            vec![
                (6, 13, "Mottaki".to_string()),
                (56, 73, "Amir Khan Muttaqi".to_string())
            ]
        )]
    );
    assert_eq!(mentions(&lines[1]["persons"]), []);
    assert_eq!(
        mentions(&lines[2]["countries"]),
        [(
            "Afghanistan".to_string(),
            vec![(33, 44, "Spin Boldak".to_string())]
        )]
    );
    assert_eq!(
        mentions(&lines[2]["persons"]),
        [(
            "John Walsh".to_string(),
            vec![(54, 64, "John Walsh".to_string())]
        )]
    );
}

#[test]
fn a_changed_gazetteer_re_extracts_the_articles_it_concerns() {
    let tmp = corpus();
    let dir = tmp.path();
    index(dir, &[]);
    let before = query_json(dir, &["--limit", "0"]);
    assert_eq!(
        facet(&before, "person"),
        owned(&[("Amir Khan Muttaqi", 1), ("Bre-X", 1), ("John Walsh", 1)])
    );

    // The gazetteer next to the index is read by default.
    std::fs::write(dir.join("index/gazetteer.txt"), GAZETTEER).unwrap();
    let summary = index(dir, &[]);
    assert!(
        summary.contains("0 added, 0 updated, 3 unchanged"),
        "{summary}"
    );
    let after = query_json(dir, &["--limit", "0"]);
    assert_eq!(
        facet(&after, "person"),
        owned(&[("Amir Khan Muttaqi", 1), ("John Walsh", 1)])
    );
    // Kabul (a headline) and now Spin Boldak.
    assert_eq!(facet(&after, "country"), owned(&[("Afghanistan", 2)]));
    assert_eq!(query_json(dir, &["--person", "Muttaqee"])["total"], 1);
    assert_eq!(query_json(dir, &["--person", "Bre-X"])["total"], 0);

    // Taking the entry out brings the name back.
    std::fs::write(
        dir.join("index/gazetteer.txt"),
        "person: Amir Khan Muttaqi = Mottaki\n",
    )
    .unwrap();
    index(dir, &[]);
    let again = query_json(dir, &["--limit", "0"]);
    assert_eq!(
        facet(&again, "person"),
        owned(&[("Amir Khan Muttaqi", 1), ("Bre-X", 1), ("John Walsh", 1)])
    );
    assert_eq!(facet(&again, "country"), owned(&[("Afghanistan", 1)]));
}

#[test]
fn a_bad_gazetteer_line_is_one_error_naming_file_and_line() {
    let tmp = corpus();
    let dir = tmp.path();
    std::fs::write(
        dir.join("names.txt"),
        "person: Amir Khan Muttaqi\nplace: Kabul in Narnia\n",
    )
    .unwrap();
    for command in [&["index", "news"][..], &["extract", "news/09.txt"]] {
        let out = search(dir)
            .args(command)
            .args(["--gazetteer", "names.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: names.txt:2: unknown country `Narnia`; give its name or ISO code\n"
        );
    }
    assert!(
        !dir.join("index").exists(),
        "a bad gazetteer must not create the index"
    );
}

#[test]
fn the_served_article_view_marks_the_names_of_the_gazetteer() {
    let tmp = corpus();
    index(tmp.path(), &[]);
    std::fs::write(tmp.path().join("index/gazetteer.txt"), GAZETTEER).unwrap();
    index(tmp.path(), &[]);
    let server = crate::serve::Server::start(tmp.path());
    let view = |q: &str| {
        let hits = server.get(&format!("/api/search?q={q}")).json();
        let id = hits["hits"][0]["id"].as_str().unwrap().to_string();
        server.get(&format!("/api/articles/{id}")).json()
    };
    let names = |article: &Value| -> Vec<(String, usize)> {
        article["persons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let n = p["mentions"].as_array().unwrap().len();
                (p["name"].as_str().unwrap().to_string(), n)
            })
            .collect()
    };
    // "Mottaki" is an alias of the entry, as in the index's person facet.
    assert_eq!(
        names(&view("Mottaki")),
        [("Amir Khan Muttaqi".to_string(), 2)]
    );
    // The blocked name is no person in the view either.
    assert_eq!(names(&view("gold")), []);
}
