//! What a search returns and how the index handle behaves: facets, paging,
//! hits and snippets, ordering, opening errors, reload, damaged files.

mod fixture;

use search_query::{NewsIndex, Query, QueryError, Results};

use fixture::shared_seed_index as index;

fn date(s: &str) -> search_query::PartialDate {
    s.parse().unwrap()
}

fn run(q: Query) -> Results {
    index().search(&q.limit(100)).unwrap()
}

/// Ids of the hits in rank order.
fn ranked(q: Query) -> Vec<String> {
    run(q).hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn facets_count_all_matches_sorted_by_count_then_value() {
    let r = index().search(&Query::all().limit(1)).unwrap();
    assert_eq!(r.hits.len(), 1);
    let pairs = |f: &[search_query::FacetCount]| {
        f.iter()
            .map(|c| format!("{}={}", c.value, c.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(&r.facets.country),
        [
            "Afghanistan=3",
            "Iran=2",
            "Azerbaijan=1",
            "Burkina Faso=1",
            "Mali=1",
            "Niger=1",
            "Russia=1"
        ]
    );
    assert_eq!(
        pairs(&r.facets.person),
        ["Amir Khan Muttaqi=4", "Sergei Lavrov=1"]
    );
    // 000 has 2021-08 twice (date and publication): counted once.
    assert_eq!(
        pairs(&r.facets.date),
        ["2021-08=2", "2021=1", "2023=1", "2025-10=1", "2025-12=1"]
    );

    let r = index()
        .search(&Query::text("Muttaqi").country("Afghanistan").limit(0))
        .unwrap();
    assert_eq!(r.total, 3);
    assert!(r.hits.is_empty());
    assert_eq!(
        pairs(&r.facets.country),
        ["Afghanistan=3", "Iran=1", "Russia=1"]
    );
    assert_eq!(
        pairs(&r.facets.person),
        ["Amir Khan Muttaqi=3", "Sergei Lavrov=1"]
    );

    let r = index().search(&Query::all().facet_limit(2)).unwrap();
    assert_eq!(pairs(&r.facets.country), ["Afghanistan=3", "Iran=2"]);
    // Cut inside a run of equal counts: the first values by name stay; the
    // counts and the totals are over every match; the dates stay whole.
    let r = index().search(&Query::all().facet_limit(3)).unwrap();
    assert_eq!(
        pairs(&r.facets.country),
        ["Afghanistan=3", "Iran=2", "Azerbaijan=1"]
    );
    assert_eq!(
        pairs(&r.facets.person),
        ["Amir Khan Muttaqi=4", "Sergei Lavrov=1"]
    );
    assert_eq!(r.facets.date.len(), 5);
    let totals = r.facet_totals;
    assert_eq!((totals.country, totals.person, totals.date), (7, 2, 5));
    let every = index().search(&Query::all().every_facet_value()).unwrap();
    assert_eq!(every.facet_totals, totals);
    assert_eq!(every.facets.country.len(), 7);
    assert_eq!(every.facets.organization.len(), totals.organization);
    assert_eq!(
        index()
            .search(&Query::all().facet_limit(0))
            .unwrap()
            .facets
            .country,
        []
    );
}

#[test]
fn paging_with_limit_and_offset() {
    let all = ranked(Query::text("Mutaqi"));
    let page = |offset, limit| {
        index()
            .search(&Query::text("Mutaqi").offset(offset).limit(limit))
            .unwrap()
    };
    assert_eq!(page(0, 2).hits.len(), 2);
    let joined: Vec<String> = [page(0, 2), page(2, 2)]
        .into_iter()
        .flat_map(|r| r.hits.into_iter().map(|h| h.id))
        .collect();
    assert_eq!(joined, all);
    let r = page(3, 10);
    assert_eq!((r.total, r.hits.len()), (4, 1));
    let r = page(10, 10);
    assert_eq!((r.total, r.hits.len()), (4, 0));
    let r = page(usize::MAX, usize::MAX);
    assert_eq!((r.total, r.hits.len()), (4, 0));
    let r = page(0, usize::MAX);
    assert_eq!(r.hits.len(), 4);
    assert_eq!(Query::text("x").limit, 10);
}

#[test]
fn hits_carry_stored_fields_and_highlighted_snippets() {
    let r = index().search(&Query::text("Mutaqi Kabul")).unwrap();
    let hit = r.hits.iter().find(|h| h.id == "001").unwrap();
    assert_eq!(hit.path, "seeds/001.txt");
    assert_eq!(hit.title, "Muttaqi meets Iranian envoy in Kabul");
    assert_eq!(hit.published, None);
    assert_eq!(hit.persons, ["Amir Khan Muttaqi"]);
    assert_eq!(hit.countries, ["Afghanistan", "Iran"]);
    assert_eq!(hit.dates, [date("2025-12-17")]);
    assert!(hit.score > 0.0);
    let html = hit.snippet.to_html();
    assert!(
        html.contains("Amir Khan <b>Muttaqi</b> met Iran&#39;s envoy in <b>Kabul</b>"),
        "{html}"
    );
    let marked: Vec<&str> = (hit.snippet.highlights().iter())
        .map(|r| &hit.snippet.text()[r.clone()])
        .collect();
    assert_eq!(marked, ["Muttaqi", "Kabul", "Muttaqi"]);
    assert!(hit.snippet.text().contains("met Iran's envoy"));

    let r = index()
        .search(&Query::text("\"Amir Khan\" progress"))
        .unwrap();
    assert!(r.hits.is_empty());
    let r = index().search(&Query::text("progress")).unwrap();
    assert_eq!(
        r.hits[0].snippet.to_html(),
        "Leaders of Mali, Niger and Burkina Faso met in 2023. Analysts said &quot;<b>progress</b> \
         &amp; &lt;more&gt;&quot; was needed."
    );

    let r = index().search(&Query::all().country("Iran")).unwrap();
    assert_eq!(r.hits[0].published, Some(date("2021-08-15")));
    assert!(
        r.hits[0]
            .snippet
            .text()
            .starts_with("Officials from Iran met")
    );
    assert!(r.hits[0].snippet.highlights().is_empty());

    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["total"], 2);
    assert_eq!(json["hits"][1]["published"], serde_json::Value::Null);
    assert_eq!(json["facets"]["country"][0]["value"], "Iran");
    assert_eq!(json["facets"]["country"][0]["code"], "IR");
    assert!(json["facets"]["person"][0].get("code").is_none());
    assert_eq!(json["facets"]["date"][0]["count"], 1);
}

#[test]
fn opening_reports_missing_and_foreign_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let err = NewsIndex::open(&missing).unwrap_err();
    assert!(matches!(&err, QueryError::NoIndex(p) if p == &missing));
    assert_eq!(
        err.to_string(),
        format!("no index at {}", missing.display())
    );
    assert!(!err.is_user_error());

    std::fs::write(dir.path().join("meta.json"), "not json").unwrap();
    let err = NewsIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, QueryError::Unreadable { .. }), "{err:?}");
    assert!(std::error::Error::source(&err).is_some(), "{err:?}");
    assert!(
        !err.to_string().contains("search index"),
        "no CLI advice: {err}"
    );

    // An index with another schema (an older version of the program).
    let other = tempfile::tempdir().unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(other.path(), b.build()).unwrap();
    let err = NewsIndex::open(other.path()).unwrap_err();
    assert!(matches!(err, QueryError::OtherVersion(_)), "{err:?}");
    assert!(err.to_string().contains("another version"), "{err}");
}

#[test]
fn reload_sees_new_commits() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = fixture::seeds();
    fixture::build_index(dir.path(), &seeds[..1]);
    let index = NewsIndex::open(dir.path()).unwrap();
    assert_eq!(index.num_articles(), 3);
    let (tantivy_index, fields) = search_schema::open(dir.path()).unwrap();
    let mut writer: tantivy::IndexWriter<search_index::document::ArticleDoc> = tantivy_index
        .writer_with_num_threads(1, 15_000_000)
        .unwrap();
    writer.add_document(seeds[1][0].document(&fields)).unwrap();
    search_schema::commit(&mut writer).unwrap();
    assert_eq!(index.num_articles(), 3, "manual reload policy");
    index.reload().unwrap();
    assert_eq!(index.num_articles(), 4);
}

#[test]
fn facets_of_a_kept_handle_match_a_fresh_one_across_commits() {
    // A long-lived handle (a server) keeps what it learnt of each segment's
    // facet values; its answers must stay those of a handle opened afresh,
    // also after a commit adds a segment and a reload.
    let dir = tempfile::tempdir().unwrap();
    let seeds = fixture::seeds();
    fixture::build_index(dir.path(), &seeds[..1]);
    let kept = NewsIndex::open(dir.path()).unwrap();
    let queries = [Query::all(), Query::text("Muttaqi"), Query::text("Kabul")];
    for q in &queries {
        let first = kept.search(q).unwrap();
        assert_eq!(kept.search(q).unwrap(), first, "{q:?}");
    }
    let (tantivy_index, fields) = search_schema::open(dir.path()).unwrap();
    let mut writer: tantivy::IndexWriter<search_index::document::ArticleDoc> = tantivy_index
        .writer_with_num_threads(1, 15_000_000)
        .unwrap();
    for article in seeds[1..].iter().flatten() {
        writer.add_document(article.document(&fields)).unwrap();
    }
    search_schema::commit(&mut writer).unwrap();
    kept.reload().unwrap();
    let fresh = NewsIndex::open(dir.path()).unwrap();
    for q in &queries {
        assert_eq!(kept.search(q).unwrap(), fresh.search(q).unwrap(), "{q:?}");
    }
    assert!(fresh.search(&Query::all()).unwrap().facets.person.len() > 1);
}

#[test]
fn index_handle_is_shareable() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<NewsIndex>();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| assert_eq!(run(Query::text("Mutaqi")).total, 4));
        }
    });
}

#[test]
fn equal_scores_are_listed_by_path() {
    // Identical articles in three segments, added in reverse path order.
    let dir = tempfile::tempdir().unwrap();
    let batches: Vec<Vec<fixture::Article>> = ["c", "b", "a"]
        .iter()
        .map(|id| {
            vec![fixture::Article::new(
                id,
                "Same",
                "Identical text about Kabul.",
            )]
        })
        .collect();
    fixture::build_index(dir.path(), &batches);
    let index = NewsIndex::open(dir.path()).unwrap();
    for q in [Query::text("Kabul"), Query::all()] {
        let r = index.search(&q).unwrap();
        let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"], "{q:?}");
        assert!(r.hits.windows(2).all(|w| w[0].score == w[1].score));
        let page: Vec<String> = index
            .search(&q.clone().offset(1).limit(1))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(page, ["b"]);
    }
}

#[test]
fn runs_of_equal_scores_across_segments_page_by_path() {
    // Two texts (two scores), each in every segment under interleaved paths,
    // so that each page cuts a run of equal scores spread over segments.
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Identical text about Kabul.",
        "Kabul, Kabul and Kabul again, in a somewhat longer text about Kabul.",
    ];
    let batches: Vec<Vec<fixture::Article>> = (0..3)
        .map(|segment| {
            (0..8)
                .rev()
                .map(|i| {
                    let id = format!("{:02}", i * 3 + segment);
                    fixture::Article::new(&id, "Same", texts[i % 2])
                })
                .collect()
        })
        .collect();
    fixture::build_index(dir.path(), &batches);
    let index = NewsIndex::open(dir.path()).unwrap();
    let q = Query::text("Kabul");
    let all = index.search(&q.clone().limit(100)).unwrap().hits;
    assert_eq!(all.len(), 24);
    let keys: Vec<(f32, &str)> = all.iter().map(|h| (h.score, h.path.as_str())).collect();
    let mut expected = keys.clone();
    expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    assert_eq!(keys, expected);
    assert_eq!(
        all.iter().filter(|h| h.score == all[0].score).count(),
        12,
        "two runs of twelve"
    );
    for (offset, limit) in [(0, 5), (5, 5), (10, 4), (11, 2), (3, 17), (20, 10), (24, 3)] {
        let page: Vec<String> = (index.search(&q.clone().offset(offset).limit(limit)))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let want: Vec<String> = all
            .iter()
            .skip(offset)
            .take(limit)
            .map(|h| h.id.clone())
            .collect();
        assert_eq!(page, want, "offset {offset}, limit {limit}");
    }
}

#[test]
fn damaged_files_give_an_error_not_a_panic() {
    let base = fixture::seed_index();
    let names: Vec<std::ffi::OsString> = std::fs::read_dir(base.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for name in &names {
        // Flip bytes in the middle of the file: footers stay valid, so opening
        // succeeds and the damage is met while searching.
        let dir = tempfile::tempdir().unwrap();
        for n in &names {
            std::fs::copy(base.path().join(n), dir.path().join(n)).unwrap();
        }
        let path = dir.path().join(name);
        let mut bytes = std::fs::read(&path).unwrap();
        let n = bytes.len();
        for b in &mut bytes[n / 3..(n / 3 + 64).min(n)] {
            *b ^= 0x5a;
        }
        std::fs::write(&path, bytes).unwrap();
        let Ok(index) = NewsIndex::open(dir.path()) else {
            continue;
        };
        for q in [
            Query::all(),
            Query::text("Muttaqi"),
            Query::text("\"press conference\"").country("Iran"),
        ] {
            if let Err(e) = index.search(&q) {
                assert!(!e.is_user_error(), "{name:?}: {e}");
                assert!(
                    matches!(
                        e,
                        QueryError::Search(_) | QueryError::Unreadable { .. } | QueryError::Bug(_)
                    ),
                    "{name:?}: {e:?}"
                );
            }
        }
    }
}
