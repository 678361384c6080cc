//! Query semantics over a small seed-like index built in a temp dir: exact
//! document sets for operators, phrases, typos and each filter.

mod fixture;

use search_query::{PartialDate, Query, QueryError, Results};

use fixture::shared_seed_index as index;

fn run(q: Query) -> Results {
    index().search(&q.limit(100)).unwrap()
}

/// Ids of the hits, sorted.
fn ids(q: Query) -> Vec<String> {
    let mut v: Vec<String> = run(q).hits.into_iter().map(|h| h.id).collect();
    v.sort();
    v
}

/// Ids of the hits in rank order.
fn ranked(q: Query) -> Vec<String> {
    run(q).hits.into_iter().map(|h| h.id).collect()
}

fn date(s: &str) -> PartialDate {
    s.parse().unwrap()
}

#[test]
fn queries_without_text_list_everything_by_path() {
    let all = ["000", "001", "002", "003", "004", "005"];
    for q in [
        Query::all(),
        Query::text(""),
        Query::text("*"),
        Query::text("  "),
    ] {
        assert_eq!(ranked(q), all);
    }
    assert_eq!(run(Query::all()).total, 6);
    assert_eq!(index().num_articles(), 6);
}

#[test]
fn boolean_operators_give_exact_document_sets() {
    // 004 writes "Mutaqi": once the index holds "Muttaqi", that is another word.
    assert_eq!(ids(Query::text("Muttaqi")), ["001", "002", "003"]);
    assert_eq!(ids(Query::text("Muttaqi Moscow")), ["002"]);
    assert_eq!(ids(Query::text("Muttaqi AND Moscow")), ["002"]);
    assert_eq!(ids(Query::text("Kabul OR Moscow")), ["001", "002", "003"]);
    assert_eq!(ids(Query::text("talks -Tehran")), ["001", "002"]);
    assert_eq!(ids(Query::text("talks NOT Tehran")), ["001", "002"]);
    assert_eq!(ids(Query::text("(Kabul OR Moscow) trade")), ["001", "002"]);
    // Exclusions are exact: 004 spells it "Mutaqi".
    assert_eq!(ids(Query::text("-Muttaqi")), ["000", "004", "005"]);
    assert_eq!(ids(Query::text("Iran")), ["000", "001"]);
    assert_eq!(ids(Query::text("nonexistentword")), Vec::<String>::new());
    assert_eq!(ids(Query::text("!!! —")), Vec::<String>::new());
}

#[test]
fn phrases_are_exact_and_ordered() {
    assert_eq!(ids(Query::text("\"press conference\"")), ["002", "004"]);
    assert_eq!(
        ids(Query::text("\"conference press\"")),
        Vec::<String>::new()
    );
    assert_eq!(ids(Query::text("\"Amir Khan Muttaqi\"")), ["001", "002"]);
    // No typo tolerance inside quotes.
    assert_eq!(ids(Query::text("\"Mutaqi\"")), ["004"]);
    assert_eq!(
        ids(Query::text("Muttaqi -\"press conference\"")),
        ["001", "003"]
    );
    // An unbalanced quote is an error, always.
    let err = index()
        .search(&Query::text("Moscow \"press conference"))
        .unwrap_err();
    assert!(err.is_user_error());
    assert_eq!(
        err.to_string(),
        "query syntax: this quote is never closed at character 8"
    );
}

#[test]
fn exclusion_applies_to_the_whole_query() {
    // (Moscow OR Kabul) AND NOT trade: 001 and 002 talk trade.
    assert_eq!(ids(Query::text("Moscow OR Kabul -trade")), ["003"]);
    assert_eq!(ids(Query::text("Moscow OR Kabul NOT trade")), ["003"]);
    // Parentheses keep theirs: (Kabul AND NOT trade) OR Moscow.
    assert_eq!(ids(Query::text("(Kabul -trade) OR Moscow")), ["002", "003"]);
}

#[test]
fn prefixes_and_headline_searches() {
    assert_eq!(ids(Query::text("talk*")), ["000", "001", "002"]);
    assert_eq!(ids(Query::text("mutt*")), ["001", "002", "003"]);
    assert_eq!(ids(Query::text("mutt* -moscow")), ["001", "003"]);
    assert_eq!(ids(Query::text("zzz*")), Vec::<String>::new());
    assert_eq!(ids(Query::text("title:Muttaqi")), ["001"]);
    assert_eq!(ids(Query::text("title:\"looks back\"")), ["003"]);
    assert_eq!(
        ids(Query::text("title:(Kabul OR Moscow)")),
        ["001", "002", "003"]
    );
    assert_eq!(ids(Query::text("Muttaqi -title:Muttaqi")), ["002", "003"]);
    let hit = &run(Query::text("talk*")).hits[0];
    let html = hit.snippet.to_html();
    assert!(html.contains("<b>talks</b>"), "{html}");
}

#[test]
fn exact_searches_tolerate_no_typo() {
    assert_eq!(ids(Query::text("Mutaqi").exact(true)), ["004"]);
    assert_eq!(
        ids(Query::text("Muttaiq").exact(true)),
        Vec::<String>::new()
    );
    assert_eq!(ids(Query::text("Muttaiq")), ["001", "002", "003"]);
}

#[test]
fn typos_are_tolerated_and_exact_matches_rank_first() {
    // "Mutaqi" is one edit from Muttaqi.
    let hits = ranked(Query::text("Mutaqi"));
    assert_eq!(hits.len(), 4);
    assert_eq!(hits[0], "004", "the exact spelling ranks first: {hits:?}");
    // The word as typed is in the index: no variants.
    let hits = ranked(Query::text("Muttaqi"));
    assert!(!hits.contains(&"004".to_string()), "{hits:?}");
    // Swapped letters count as one edit; accents are folded.
    // (004's "Mutaqi" is two edits from "Muttaiq".)
    assert_eq!(ids(Query::text("Muttaiq")), ["001", "002", "003"]);
    assert_eq!(ids(Query::text("MUTTAQĪ")), ids(Query::text("muttaqi")));
    // Nine letters or more: two edits.
    assert_eq!(ids(Query::text("Azerbajiani")), ["000"]);
    // Four letters or fewer: exact.
    assert_eq!(ids(Query::text("Irn")), Vec::<String>::new());
    // Two edits are too many for a 6-letter word.
    assert_eq!(ids(Query::text("Muxaqu")), Vec::<String>::new());
}

#[test]
fn title_matches_count_double() {
    // "Kabul" is in 001's and 003's title, 001's body and 003's body.
    // "Moscow" is in 002's title and body; "trade" only in bodies.
    let r = run(Query::text("Moscow OR trade"));
    assert_eq!(r.hits[0].id, "002");
}

#[test]
fn country_filter_by_name_alias_and_code() {
    for c in [
        "Iran",
        "iran",
        "IR",
        "irn",
        "Persia",
        " Islamic Republic of Iran ",
    ] {
        assert_eq!(ids(Query::all().country(c)), ["000", "001"], "{c}");
    }
    assert_eq!(
        ids(Query::all().country("RU").country("Iran")),
        ["000", "001", "002"]
    );
    assert_eq!(
        ids(Query::text("talks").country("Afghanistan")),
        ["001", "002"]
    );
    let err = index().search(&Query::all().country("Narnia")).unwrap_err();
    assert!(matches!(&err, QueryError::UnknownCountry(c) if c == "Narnia"));
    assert_eq!(
        err.to_string(),
        "unknown country `Narnia`; try a name or an ISO code such as IR"
    );
    assert!(err.is_user_error());
}

#[test]
fn person_filter_by_name_or_alias_any_case() {
    let all_four = ["001", "002", "003", "004"];
    assert_eq!(ids(Query::all().person("Amir Khan Muttaqi")), all_four);
    assert_eq!(ids(Query::all().person("  amir  khan MUTTAQI ")), all_four);
    // 003 has the alias "Muttaqī": writer and filter fold accents alike.
    assert_eq!(ids(Query::all().person("muttaqi")), ["001", "003"]);
    assert_eq!(ids(Query::all().person("Muttaqī")), ["001", "003"]);
    assert_eq!(ids(Query::all().person("Muttaqi\u{304}")), ["001", "003"]);
    assert_eq!(
        ids(Query::all().person("Amir\u{a0}Khan\tMuttaqi")),
        all_four
    );
    assert_eq!(ids(Query::all().person("Lavrov")), ["002"]);
    assert_eq!(
        ids(Query::all().person("Lavrov").person("Mutaqi")),
        ["002", "004"]
    );
    assert_eq!(ids(Query::all().person("Nobody")), Vec::<String>::new());
    // Filters combine with AND.
    assert_eq!(
        ids(Query::all().person("Amir Khan Muttaqi").country("Russia")),
        ["002"]
    );
}

#[test]
fn date_ranges_at_each_precision() {
    let range = |from: &str, to: &str| {
        let mut q = Query::all();
        if !from.is_empty() {
            q = q.from(date(from));
        }
        if !to.is_empty() {
            q = q.to(date(to));
        }
        ids(q)
    };
    // 000: day 2021-08-15 (also published); 001: day 2025-12-17; 002: month
    // 2025-10; 003: month 2021-08; 004: year 2021; 005: year 2023.
    assert_eq!(range("2021-08-15", "2021-08-15"), ["000"]);
    assert_eq!(range("2021-08", "2021-08"), ["000", "003"]);
    assert_eq!(range("2021", "2021"), ["000", "003", "004"]);
    assert_eq!(range("2021-07", "2021-09"), ["000", "003"]);
    assert_eq!(range("2021-08-01", "2021-08-31"), ["000", "003"]);
    assert_eq!(range("2021-08-02", "2021-08-31"), ["000"]);
    assert_eq!(range("2021-08-16", "2021-12-31"), Vec::<String>::new());
    assert_eq!(range("", "2021-08-14"), Vec::<String>::new());
    assert_eq!(range("", "2021-08-15"), ["000"]);
    assert_eq!(range("2022", ""), ["001", "002", "005"]);
    assert_eq!(range("2025-10", "2025-10"), ["002"]);
    assert_eq!(range("2025-10-01", "2025-12-17"), ["001", "002"]);
    assert_eq!(range("2025-12-18", ""), Vec::<String>::new());
    assert_eq!(range("2023", "2023-12-31"), ["005"]);
    let err = index()
        .search(&Query::all().from(date("2025")).to(date("2021")))
        .unwrap_err();
    assert!(matches!(err, QueryError::EmptyDateRange { .. }));
    assert!(err.is_user_error());
}

#[test]
fn syntax_errors_are_user_errors_with_positions() {
    let err = index()
        .search(&Query::text("(Kabul OR Moscow"))
        .unwrap_err();
    assert!(matches!(err, QueryError::Syntax { position: 1, .. }));
    assert!(err.is_user_error());
    let err = index().search(&Query::text("Kabul) Moscow")).unwrap_err();
    assert!(matches!(err, QueryError::Syntax { position: 6, .. }));
}

#[test]
fn sorted_by_publication_date_undated_last() {
    use search_query::{NewsIndex, Sort};
    let dir = tempfile::tempdir().unwrap();
    let a = |id: &str, published: Option<&str>| {
        let article = fixture::Article::new(id, "Talks", "Talks in Kabul.");
        match published {
            Some(date) => article.published(date),
            None => article,
        }
    };
    fixture::build_index(
        dir.path(),
        &[
            vec![
                a("a", None),
                a("b", Some("2021-08")),
                a("c", Some("2025-12-17")),
            ],
            vec![
                a("d", Some("2023")),
                a("e", None),
                a("f", Some("2021-08-15")),
            ],
        ],
    );
    let index = NewsIndex::open(dir.path()).unwrap();
    let order = |q: Query| -> Vec<String> {
        let r = index.search(&q).unwrap();
        r.hits.into_iter().map(|h| h.id).collect()
    };
    // A month sorts as its first day; undated articles come last, by path.
    assert_eq!(
        order(Query::all().sort(Sort::Newest)),
        ["c", "d", "f", "b", "a", "e"]
    );
    assert_eq!(
        order(Query::all().sort(Sort::Oldest)),
        ["b", "f", "d", "c", "a", "e"]
    );
    assert_eq!(
        order(Query::text("kabul").sort(Sort::Newest)),
        ["c", "d", "f", "b", "a", "e"]
    );
    assert_eq!(
        order(Query::all().sort(Sort::Newest).offset(2).limit(2)),
        ["f", "b"]
    );
    let hits = index
        .search(&Query::text("kabul").sort(Sort::Oldest))
        .unwrap()
        .hits;
    assert!(
        hits.iter().all(|h| h.score > 0.0 && h.score != 1.0),
        "text queries keep their score"
    );
    assert_eq!(order(Query::all()), ["a", "b", "c", "d", "e", "f"]);

    // The export iterator: the same order over both segments, every hit,
    // whatever the page asked for.
    let export = |q: Query| -> Vec<String> {
        let hits = index.all_hits(&q).unwrap();
        hits.map(|h| h.unwrap().id).collect()
    };
    assert_eq!(
        export(Query::all().sort(Sort::Newest).offset(2).limit(2)),
        ["c", "d", "f", "b", "a", "e"]
    );
    assert_eq!(
        export(Query::text("kabul").sort(Sort::Oldest).limit(1)),
        ["b", "f", "d", "c", "a", "e"]
    );
    assert_eq!(
        export(Query::all().from(date("2021")).to(date("2023"))),
        ["b", "d", "f"]
    );
}

#[test]
fn all_hits_streams_every_match_with_its_snippet() {
    let export = |q: &Query| -> Vec<(String, String)> {
        let hits = index().all_hits(q).unwrap();
        (hits.map(|h| h.unwrap()))
            .map(|h| (h.id, h.snippet.to_html()))
            .collect()
    };
    let q = Query::text("Muttaqi OR Kabul").limit(1);
    let page = index().search(&q.clone().limit(100)).unwrap();
    let want: Vec<(String, String)> = (page.hits.into_iter())
        .map(|h| (h.id, h.snippet.to_html()))
        .collect();
    assert_eq!(export(&q), want);
    let ids: Vec<String> = export(&q).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["001", "003", "002"]);
    let q = Query::all().country("Iran");
    let hits = index().all_hits(&q).unwrap();
    assert_eq!(hits.len(), 2);
    let ids: Vec<String> = hits.map(|h| h.unwrap().id).collect();
    assert_eq!(ids, ["000", "001"]);
    assert_eq!(index().all_hits(&Query::text("zzzz")).unwrap().len(), 0);
    let err = index()
        .all_hits(&Query::all().country("Narnia"))
        .unwrap_err();
    assert!(matches!(err, QueryError::UnknownCountry(_)));
}

#[test]
fn facets_can_be_skipped() {
    let r = index()
        .search(&Query::text("Muttaqi").facets(false))
        .unwrap();
    assert_eq!((r.total, r.hits.len()), (3, 3));
    assert!(r.facets.country.is_empty() && r.facets.person.is_empty() && r.facets.date.is_empty());
    let r = index().search(&Query::text("Muttaqi")).unwrap();
    assert!(!r.facets.country.is_empty());
}
