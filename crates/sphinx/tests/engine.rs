//! The engine against the local index on the same articles: the same totals,
//! facet counts and matching articles for a mix of queries; re-runs; errors.
//!
//! Needs running shards: `SEARCH_TEST_ENGINE` holds the URL
//! `deploy/sphinx/shards.sh start DIR 2` prints (`.ci/run` does this). The
//! tests that need it skip with a message when it is unset. They clear the
//! shards: do not point them at shards holding anything of value.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use search_index::{Indexer, NoProgress};
use search_query::{NewsIndex, Query, Results, Sort};
use search_sphinx::{Engine, EngineError, EngineUrl};

/// The tests share the shards: one at a time.
static SHARDS: Mutex<()> = Mutex::new(());

fn engine_url() -> Option<EngineUrl> {
    match std::env::var("SEARCH_TEST_ENGINE") {
        Ok(url) if !url.is_empty() => {
            Some(url.parse().expect("SEARCH_TEST_ENGINE is a sphinx:// URL"))
        }
        _ => {
            eprintln!(
                "skipped: SEARCH_TEST_ENGINE is unset (start shards with deploy/sphinx/shards.sh)"
            );
            None
        }
    }
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// The seeds plus articles that exercise person aliases and dates.
fn corpus(dir: &Path) -> PathBuf {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, articles.join(path.file_name().unwrap())).unwrap();
    }
    let extra = [
        (
            "r1.txt",
            "Reagan meets Gorbachev\nPresident Ronald Reagan met Mikhail Gorbachev in Geneva on November 19, 1985. Ronald Reagan spoke of arms control.",
        ),
        (
            "r2.txt",
            "Summit ends\nRonald Reagan left Iceland in October 1986 after talks with Mikhail Gorbachev in Reykjavik.",
        ),
        (
            "r3.txt",
            "Budget\nReagan sent the budget to Congress in 1987. Reagan said the deficit must fall; Ronald Reagan signed it.",
        ),
        (
            "r4.txt",
            "Markets\nShares fell in Tokyo and London on March 3, 1987, traders said.",
        ),
    ];
    for (name, text) in extra {
        std::fs::write(articles.join(name), text).unwrap();
    }
    articles
}

/// A results' comparable parts: total, facets, and the ids of the hits.
fn summary(r: &Results) -> (usize, String, BTreeSet<String>) {
    let facets = serde_json::to_string(&r.facets).unwrap();
    (
        r.total,
        facets,
        r.hits.iter().map(|h| h.id.clone()).collect(),
    )
}

fn queries() -> Vec<Query> {
    let d = |s: &str| s.parse().unwrap();
    vec![
        Query::all(),
        Query::text("Muttaqi"),
        Query::text("Kabul OR Moscow"),
        Query::text("-Taliban"),
        Query::text("\"foreign minister\""),
        Query::text("minist*"),
        Query::text("title:Afghanistan"),
        Query::text("Reagan Gorbachev"),
        Query::text("(Geneva OR Reykjavik) -Iceland"),
        Query::text("Muttaqī").exact(true),
        Query::all().country("AF"),
        Query::all().country("Soviet Union").country("IS"),
        Query::all().person("reagan"),
        Query::all().person("Ronald Reagan").from(d("1986")),
        Query::all().org("Taliban"),
        Query::all().from(d("2025")),
        Query::all().to(d("1987-03")),
        Query::all().from(d("1985-11-19")).to(d("1986-10")),
        Query::text("talks").country("Iran").from(d("2020")),
        Query::all().sort(Sort::Newest),
        Query::text("nothing-of-this-sort"),
        Query::text("—"),
    ]
}

#[test]
fn the_engine_answers_as_the_local_index() {
    let Some(url) = engine_url() else { return };
    let _one = SHARDS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path());
    let local_dir = dir.path().join("index");
    Indexer::new(&local_dir).update(&[&articles]).unwrap();
    let local = NewsIndex::open(&local_dir).unwrap();

    let engine = Engine::open(&url).unwrap();
    engine.clear().unwrap();
    let summary_line = engine
        .update(&[&articles], None, 2, &NoProgress)
        .unwrap()
        .to_string();
    let n = std::fs::read_dir(&articles).unwrap().count();
    assert_eq!(
        summary_line,
        format!("{n} added, 0 updated, 0 unchanged, 0 removed, 0 skipped")
    );
    assert_eq!(engine.num_articles().unwrap(), local.num_articles());
    // The alias table is the local index's.
    assert_eq!(*engine.aliases(), *local.aliases());

    for q in queries() {
        let q = q.limit(1000);
        let (l, e) = (local.search(&q).unwrap(), engine.search(&q).unwrap());
        assert_eq!(summary(&e), summary(&l), "query {q:?}");
    }
    // Without text, both list hits by key: the same page, the same hits.
    let q = Query::all().offset(2).limit(3);
    let (l, e) = (local.search(&q).unwrap(), engine.search(&q).unwrap());
    assert_eq!(e.hits, l.hits);
    // Persons under their canonical names: an article naming "Reagan" and
    // "Ronald Reagan" counts once.
    let r = engine.search(&Query::text("Reagan")).unwrap();
    let reagan: Vec<_> = r
        .facets
        .person
        .iter()
        .filter(|p| p.value.contains("Reagan"))
        .collect();
    assert_eq!(reagan.len(), 1, "{reagan:?}");
    assert_eq!(
        (reagan[0].value.as_str(), reagan[0].count),
        ("Ronald Reagan", 3)
    );
    // Mistakes in the query are the local index's.
    let err = engine.search(&Query::all().country("Narnia")).unwrap_err();
    assert!(err.is_user_error(), "{err}");
    let err = engine.search(&Query::text("(Kabul")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "query syntax: this `(` is never closed at character 1"
    );
}

#[test]
fn re_runs_send_only_what_changed_and_delete_what_is_gone() {
    let Some(url) = engine_url() else { return };
    let _one = SHARDS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("a");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("one.txt"),
        "Talks in Kabul\nThe envoy met the minister in Kabul.",
    )
    .unwrap();
    std::fs::write(articles.join("two.txt"), "Oil prices\nOil rose in London.").unwrap();
    std::fs::write(
        articles.join("feed.jsonl"),
        "{\"title\": \"Tokyo\", \"body\": \"Shares rose in Tokyo.\"}\n{\"title\": \"Paris\", \"body\": \"Rain in Paris.\"}\n",
    )
    .unwrap();
    let engine = Engine::open(&url).unwrap();
    engine.clear().unwrap();
    let run = || {
        engine
            .update(&[&articles], None, 1, &NoProgress)
            .unwrap()
            .to_string()
    };
    assert_eq!(
        run(),
        "4 added, 0 updated, 0 unchanged, 0 removed, 0 skipped"
    );
    assert_eq!(
        run(),
        "0 added, 0 updated, 4 unchanged, 0 removed, 0 skipped"
    );

    // A changed file is sent again; a record gone from it is deleted.
    std::fs::write(
        articles.join("one.txt"),
        "Talks in Kandahar\nThe envoy went to Kandahar instead.",
    )
    .unwrap();
    std::fs::write(
        articles.join("feed.jsonl"),
        "{\"title\": \"Tokyo\", \"body\": \"Shares fell in Tokyo.\"}\n",
    )
    .unwrap();
    set_mtime_later(&articles.join("one.txt"));
    set_mtime_later(&articles.join("feed.jsonl"));
    assert_eq!(
        run(),
        "0 added, 2 updated, 1 unchanged, 1 removed, 0 skipped"
    );
    let total = |text: &str| engine.search(&Query::text(text)).unwrap().total;
    assert_eq!(
        (
            total("Kabul"),
            total("Kandahar"),
            total("Paris"),
            total("fell")
        ),
        (0, 1, 0, 1)
    );

    // A file gone: its articles are deleted.
    std::fs::remove_file(articles.join("two.txt")).unwrap();
    assert_eq!(
        run(),
        "0 added, 0 updated, 2 unchanged, 1 removed, 0 skipped"
    );
    assert_eq!((total("Oil"), engine.num_articles().unwrap()), (0, 2));
}

#[test]
fn an_article_is_found_by_any_id_search_gives_it() {
    let Some(url) = engine_url() else { return };
    let _one = SHARDS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kabul.txt"),
        "Talks in Kabul\nThe envoy met.",
    )
    .unwrap();
    // Records with their own ids (one of 16 hex digits, the form of a
    // derived id) and one without.
    std::fs::write(
        dir.path().join("feed.jsonl"),
        "{\"id\": \"reuters-42\", \"title\": \"Tokyo\", \"body\": \"Shares rose.\"}\n\
         {\"id\": \"0123456789abcdef\", \"title\": \"Paris\", \"body\": \"Rain fell.\"}\n\
         {\"title\": \"Lima\", \"body\": \"Sun.\"}\n",
    )
    .unwrap();
    let engine = Engine::open(&url).unwrap();
    engine.clear().unwrap();
    engine.update(&[dir.path()], None, 1, &NoProgress).unwrap();
    let hits = engine.search(&Query::all().limit(10)).unwrap().hits;
    assert_eq!(hits.len(), 4);
    for hit in &hits {
        let article = engine.article(&hit.id).unwrap();
        assert_eq!(
            article.map(|a| a.title).as_deref(),
            Some(hit.title.as_str()),
            "{}",
            hit.id
        );
    }
    let ids: BTreeSet<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert!(
        ids.contains("reuters-42") && ids.contains("0123456789abcdef"),
        "{ids:?}"
    );
    for missing in ["reuters-43", "0000000000000000", "fedcba9876543210"] {
        assert!(engine.article(missing).unwrap().is_none(), "{missing}");
    }
}

#[test]
fn a_json_lines_file_too_big_to_read_whole_is_sent_in_parts() {
    let Some(url) = engine_url() else { return };
    let _one = SHARDS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.jsonl");
    // 34 records of 1 MiB (mostly spaces, cheap to index): more than a file read
    // whole may hold (32 MiB).
    let filler = format!("rain fell{}on the hills", " ".repeat(1 << 20));
    let write = |records: usize| {
        let mut lines = String::new();
        for n in 0..records {
            let place = if n == 7 { "Kabul" } else { "Lima" };
            lines.push_str(&format!(
                "{{\"id\": \"r{n}\", \"title\": \"Weather in {place}\", \"body\": \"{filler}\"}}\n"
            ));
        }
        std::fs::write(&path, lines).unwrap();
    };
    write(34);
    assert!(std::fs::metadata(&path).unwrap().len() > search_index::MAX_FILE_BYTES);
    let engine = Engine::open(&url).unwrap();
    engine.clear().unwrap();
    let run = || {
        engine
            .update(&[dir.path()], None, 2, &NoProgress)
            .unwrap()
            .to_string()
    };
    assert_eq!(
        run(),
        "34 added, 0 updated, 0 unchanged, 0 removed, 0 skipped"
    );
    assert_eq!(engine.num_articles().unwrap(), 34);
    let kabul = engine.search(&Query::text("Kabul")).unwrap();
    assert_eq!(kabul.total, 1);
    assert_eq!(kabul.hits[0].id, "r7");

    // Rewritten without its last record: the rest updated, that one deleted.
    write(33);
    set_mtime_later(&path);
    assert_eq!(
        run(),
        "0 added, 33 updated, 0 unchanged, 1 removed, 0 skipped"
    );
    assert_eq!(engine.num_articles().unwrap(), 33);
    assert!(engine.article("r33").unwrap().is_none());
}

/// Moves a file's modification time a minute on (a rewrite within the same
/// clock tick would keep it).
fn set_mtime_later(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    file.set_modified(later).unwrap();
}

#[test]
fn an_engine_that_is_down_is_one_clear_error() {
    // A port nothing listens on (bound, then closed).
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url: EngineUrl = format!("sphinx://127.0.0.1:{port}").parse().unwrap();
    let err = Engine::open(&url).unwrap_err();
    assert!(matches!(err, EngineError::Connect { .. }), "{err:?}");
    assert!(!err.is_user_error());
    assert_eq!(
        err.to_string(),
        format!("cannot reach the search engine at 127.0.0.1:{port}")
    );

    let err = "http://127.0.0.1:9306".parse::<EngineUrl>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid engine URL `http://127.0.0.1:9306`: it does not start with sphinx://; \
         expected sphinx://HOST:PORT[,HOST:PORT...]"
    );
    let err = "sphinx://127.0.0.1:0".parse::<EngineUrl>().unwrap_err();
    assert!(
        err.to_string().contains("`0` is not a port (1-65535)"),
        "{err}"
    );
}
