//! Organisations, url and source through the stack: hand-built articles written by
//! the real index writer, found by the organisation filter in every form, counted
//! in the organisation facet, and carried on each hit and in the JSON.

mod fixture;

use fixture::{Article, build_index};
use search_query::{NewsIndex, Query};

fn articles() -> Vec<Vec<Article>> {
    vec![vec![
        Article::new(
            "a",
            "Taliban name envoy",
            "The Taliban named an envoy to the United Nations on Monday.",
        )
        .org("Taliban", &["Taliban"])
        .org("United\u{a0}Nations", &["United Nations", "UN"])
        .url("https://news.example/a", "Example Wire"),
        Article::new(
            "b",
            "Aid agencies meet",
            "Officials of the U.N. and the Red Crescent met in Geneva.",
        )
        .org("United Nations", &["U.N."])
        .org("Société Générale", &["Société Générale"]),
        Article::new("c", "Markets", "Stocks rose on Tuesday."),
    ]]
}

fn open() -> (tempfile::TempDir, NewsIndex) {
    let dir = tempfile::tempdir().unwrap();
    build_index(dir.path(), &articles());
    let index = NewsIndex::open(dir.path()).unwrap();
    (dir, index)
}

fn ids(index: &NewsIndex, q: Query) -> Vec<String> {
    let mut v: Vec<String> = index
        .search(&q)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

#[test]
fn the_organisation_filter_takes_names_and_aliases_in_any_form() {
    let (_dir, index) = open();
    for typed in ["United Nations", "united nations", "UNITED\u{a0}NATIONS"] {
        assert_eq!(
            ids(&index, Query::all().org(typed)),
            ["a", "b"],
            "{typed:?}"
        );
    }
    assert_eq!(ids(&index, Query::all().org("un")), ["a"]);
    assert_eq!(ids(&index, Query::all().org("U.N.")), ["b"]);
    assert_eq!(ids(&index, Query::all().org("societe generale")), ["b"]);
    // Repeated: any of them; with another filter: both.
    assert_eq!(
        ids(&index, Query::all().org("Taliban").org("U.N.")),
        ["a", "b"]
    );
    assert_eq!(
        ids(&index, Query::text("envoy").org("United Nations")),
        ["a"]
    );
    assert!(ids(&index, Query::all().org("NATO")).is_empty());
}

#[test]
fn hits_and_facets_carry_organisations_url_and_source() {
    let (_dir, index) = open();
    let results = index.search(&Query::all()).unwrap();
    let facet: Vec<(&str, u64)> = results
        .facets
        .organization
        .iter()
        .map(|f| (f.value.as_str(), f.count))
        .collect();
    assert_eq!(
        facet,
        [
            ("United Nations", 2),
            ("Société Générale", 1),
            ("Taliban", 1)
        ]
    );
    let a = &results.hits[0];
    assert_eq!(a.organizations, ["Taliban", "United Nations"]);
    assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
    assert_eq!(a.source.as_deref(), Some("Example Wire"));
    let c = &results.hits[2];
    assert!(c.organizations.is_empty() && c.url.is_none() && c.source.is_none());

    let json = serde_json::to_value(&results).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut hit_keys = keys(&json["hits"][2]);
    hit_keys.sort();
    assert_eq!(
        hit_keys,
        [
            "countries",
            "dates",
            "id",
            "organizations",
            "path",
            "persons",
            "published",
            "score",
            "snippet",
            "snippet_parts",
            "source",
            "title",
            "url"
        ]
    );
    assert!(json["hits"][2]["url"].is_null() && json["hits"][2]["source"].is_null());
    assert_eq!(
        json["facets"]["organization"][0],
        serde_json::json!({"value": "United Nations", "count": 2})
    );
    let mut facet_keys = keys(&json["facets"]);
    facet_keys.sort();
    assert_eq!(facet_keys, ["country", "date", "organization", "person"]);
}
