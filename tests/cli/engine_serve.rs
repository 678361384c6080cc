//! `search serve --engine URL` over real HTTP, against running Sphinx shards:
//! the seeds indexed into them with `search index --engine`, the API's
//! document sets, byte-equal JSON with `search query --engine URL --json`, an
//! article with its mention spans, health, and the errors.
//!
//! Needs running shards: `SEARCH_TEST_ENGINE` holds the URL
//! `deploy/sphinx/shards.sh start DIR 2` prints (`.ci/run` does this). The
//! test skips with a message when it is unset. It clears the shards: do not
//! point it at shards holding anything of value.

use crate::common::{search, seed_numbers, with_seeds};
use crate::serve::{Server, cli_json};

fn engine_url() -> Option<String> {
    match std::env::var("SEARCH_TEST_ENGINE") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!(
                "skipped: SEARCH_TEST_ENGINE is unset (start shards with deploy/sphinx/shards.sh)"
            );
            None
        }
    }
}

/// One test, as the shards are shared: every check on one server.
#[test]
fn serve_answers_from_the_engine_as_query_does() {
    let Some(url) = engine_url() else { return };
    let tmp = with_seeds();
    let engine = search_sphinx::Engine::open(&url.parse().unwrap()).unwrap();
    engine.clear().unwrap();
    search(tmp.path())
        .args(["index", "seeds", "--engine", &url])
        .assert()
        .success();
    let server = Server::start_args(
        tmp.path(),
        &["serve", "--engine", &url, "--listen", "127.0.0.1:0"],
    );

    for (target, expected) in [
        ("/api/search?q=Muttaqi", &["001", "002", "003"][..]),
        ("/api/search?q=Muttaqi&country=Russia", &["001", "003"][..]),
        (
            "/api/search?person=Amir%20Khan%20Muttaqi",
            &["001", "002", "003"][..],
        ),
        ("/api/search?q=Muttaqi+Russia", &["001", "003"][..]),
        ("/api/search?from=2025-12", &["001"][..]),
        ("/api/search?q=Muttaqi&to=2025-11", &["002"][..]),
        ("/api/search?org=Taliban", &["000", "001", "002", "003"][..]),
        ("/api/search?q=nothingmatchesthisword", &[][..]),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        let v = r.json();
        assert_eq!(seed_numbers(&v), expected, "{target}");
        assert_eq!(v["total"], expected.len(), "{target}");
    }

    for (target, args) in [
        ("/api/search?q=Muttaqi", &["Muttaqi"][..]),
        ("/api/search", &[][..]),
        (
            "/api/search?q=Muttaqi&country=Russia&country=IR&limit=2&offset=1",
            &[
                "Muttaqi",
                "--country",
                "Russia",
                "--country",
                "IR",
                "--limit",
                "2",
                "--offset",
                "1",
            ][..],
        ),
        (
            "/api/search?q=%22foreign+minister%22+OR+envoy+-Tehran&person=muttaqi&from=2021&to=2025-12",
            &[
                "\"foreign minister\" OR envoy -Tehran",
                "--person",
                "muttaqi",
                "--from",
                "2021",
                "--to",
                "2025-12",
            ][..],
        ),
        (
            "/api/search?q=Muttaqi&sort=newest",
            &["Muttaqi", "--sort", "newest"][..],
        ),
        (
            "/api/search?q=Muttaqi&limit=0",
            &["Muttaqi", "--limit", "0"][..],
        ),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        let mut cli_args = args.to_vec();
        cli_args.extend(["--engine", &url]);
        assert_eq!(
            String::from_utf8(r.body).unwrap(),
            String::from_utf8(cli_json(tmp.path(), &cli_args)).unwrap(),
            "{target}"
        );
    }

    let health = server.get("/api/health");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["articles"], 4);

    // An article by the id of a hit: its text, and spans pointing into it.
    let hits = server.get("/api/search?q=Muttaqi&limit=1").json();
    let id = hits["hits"][0]["id"].as_str().unwrap().to_string();
    let r = server.get(&format!("/api/articles/{id}"));
    assert_eq!(r.status, 200);
    let a = r.json();
    assert_eq!(a["id"], id.as_str());
    assert_eq!(a["title"], hits["hits"][0]["title"]);
    assert_eq!(a["path"], hits["hits"][0]["path"]);
    let text = a["text"].as_str().unwrap();
    let muttaqi = a["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Amir Khan Muttaqi")
        .expect("Muttaqi among the persons");
    for m in muttaqi["mentions"].as_array().unwrap() {
        let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        assert_eq!(
            &text[start as usize..end as usize],
            m["text"].as_str().unwrap()
        );
    }
    for missing in ["0000000000000000", "reuters-42"] {
        let r = server.get(&format!("/api/articles/{missing}"));
        assert_eq!(r.status, 404, "{missing}");
        assert_eq!(r.error(), "no article with this id", "{missing}");
    }

    let narnia = server.get("/api/search?country=Narnia");
    assert_eq!(narnia.status, 400);
    let cli = search(tmp.path())
        .args(["query", "--country", "Narnia", "--engine", &url])
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&cli.stderr).contains(&narnia.error()),
        "{}",
        narnia.error()
    );
}
