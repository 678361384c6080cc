//! `search serve` over real HTTP: a server on an ephemeral loopback port, the
//! API's status codes and document sets, byte-equal JSON with `search query
//! --json`, hostile parameters, and an index update seen without a restart.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::common::{indexed_seeds, search, seed_numbers};

/// A running `search serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `search serve --index DIR/index --listen 127.0.0.1:0` and waits for
    /// the line that names the bound address.
    pub fn start(dir: &Path) -> Server {
        Server::start_with(dir, &[])
    }

    /// [`Server::start`] with more arguments.
    pub fn start_with(dir: &Path, more: &[&str]) -> Server {
        let args = ["serve", "--index", "index", "--listen", "127.0.0.1:0"];
        Server::start_args(dir, &[&args[..], more].concat())
    }

    /// `search ARGS` (a `serve` command line), waiting as [`Server::start`] does.
    pub fn start_args(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_search"))
            .current_dir(dir)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .strip_prefix("serving http://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .parse()
            .unwrap();
        Server { child, addr }
    }

    /// `GET target`: status, headers (lower-case names) and body.
    pub fn get(&self, target: &str) -> Response {
        self.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends raw request bytes and reads the whole answer.
    pub fn request(&self, raw: &str) -> Response {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            // Only stops a hang: a debug build on a loaded CI machine is slow.
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete HTTP response");
        let head = std::str::from_utf8(&bytes[..split]).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = bytes[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v == "chunked")
        {
            body = dechunk(&body);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn error(&self) -> String {
        self.json()["error"].as_str().unwrap().to_string()
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = body.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[eol + 2..eol + 2 + size]);
        body = &body[eol + 2 + size + 2..];
    }
}

/// What `search query ARGS --json` prints, byte for byte.
pub fn cli_json(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = search(dir)
        .arg("query")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn search_answers_what_the_cli_prints() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
    for (target, args) in [
        ("/api/search?q=Muttaqi", &["Muttaqi"][..]),
        ("/api/search", &[][..]),
        ("/api/search?q=*", &["*"][..]),
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
            "/api/search?q=Mutaqi&limit=0",
            &["Mutaqi", "--limit", "0"][..],
        ),
        (
            "/api/search?org=Taliban&org=UN",
            &["--org", "Taliban", "--org", "UN"][..],
        ),
        (
            "/api/search?q=Muttaqi&sort=newest",
            &["Muttaqi", "--sort", "newest"][..],
        ),
        (
            "/api/search?sort=oldest&limit=3",
            &["--sort", "oldest", "--limit", "3"][..],
        ),
        (
            "/api/search?q=Mutaqi&exact=true",
            &["Mutaqi", "--exact"][..],
        ),
        ("/api/search?facet_limit=2", &["--facet-limit", "2"][..]),
        ("/api/search?facet_limit=0", &["--facet-limit", "0"][..]),
        (
            "/api/search?q=Muttaqi&facet_limit=1&limit=1",
            &["Muttaqi", "--facet-limit", "1", "--limit", "1"][..],
        ),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(
            String::from_utf8(r.body).unwrap(),
            String::from_utf8(cli_json(tmp.path(), args)).unwrap(),
            "{target}"
        );
    }
}

/// `(value, count)` of each listed value of facet `name`.
fn facet_pairs(v: &Value, name: &str) -> Vec<(String, u64)> {
    (v["facets"][name].as_array().unwrap().iter())
        .map(|f| {
            (
                f["value"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn facet_limit_keeps_the_most_frequent_values_with_exact_counts() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
    let every = server.get("/api/search?facet_limit=0").json();
    let facets = ["country", "person", "organization", "date"];
    let all: Vec<Vec<(String, u64)>> = facets.iter().map(|f| facet_pairs(&every, f)).collect();
    // The seeds hold more than one value of each facet, and the totals count
    // every value.
    for (name, values) in facets.iter().zip(&all) {
        assert_eq!(every["facet_totals"][name], values.len(), "{name}");
        assert!(values.len() > 1, "{name}: {values:?}");
    }
    let one = server.get("/api/search?facet_limit=1").json();
    assert_eq!(one["facet_totals"], every["facet_totals"]);
    assert_eq!(one["total"], every["total"]);
    for (name, values) in facets[..3].iter().zip(&all) {
        // The first of the full list, its count unchanged.
        assert_eq!(facet_pairs(&one, name), values[..1], "{name}");
    }
    // The date facet is a histogram: every month stays.
    assert_eq!(facet_pairs(&one, "date"), all[3]);
    // Without the parameter: at most 100 values, so all of the seeds'.
    assert_eq!(server.get("/api/search").json()["facets"], every["facets"]);
}

#[test]
fn text_output_counts_the_values_past_the_facet_limit() {
    let tmp = indexed_seeds();
    let json: Value =
        serde_json::from_slice(&cli_json(tmp.path(), &["--facet-limit", "2"])).unwrap();
    let countries = json["facet_totals"]["country"].as_u64().unwrap();
    assert!(countries > 2, "{json}");
    let out = search(tmp.path())
        .args(["query", "--facet-limit", "2"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.starts_with("countries")).unwrap();
    let shown: Vec<String> = facet_pairs(&json, "country")
        .iter()
        .map(|(v, n)| format!("{v} ({n})"))
        .collect();
    assert_eq!(
        line,
        format!("countries  {}, +{} more", shown.join(", "), countries - 2)
    );
}

#[test]
fn a_bad_facet_limit_is_one_line_from_the_cli() {
    let tmp = indexed_seeds();
    let out = search(tmp.path())
        .args(["query", "--facet-limit", "some"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        "error: invalid value 'some' for '--facet-limit <N>': the facet limit must be a \
         whole number of values (0 for every value), not `some`"
    );
}

#[test]
fn search_finds_the_seed_sets() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
    for (target, expected) in [
        ("/api/search?q=Muttaqi", &["001", "002", "003"][..]),
        ("/api/search?q=Muttaqi&country=Russia", &["001", "003"][..]),
        (
            "/api/search?person=Amir%20Khan%20Muttaqi",
            &["001", "002", "003"][..],
        ),
        ("/api/search?q=Muttaqi+Russia", &["001", "003"][..]),
        ("/api/search?q=nothingmatchesthisword", &[][..]),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        let v = r.json();
        assert_eq!(seed_numbers(&v), expected, "{target}");
        assert_eq!(v["total"], expected.len(), "{target}");
    }
    let health = server.get("/api/health");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["articles"], 4);
}

#[test]
fn articles_carry_text_and_mention_spans() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
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
    let mentions = muttaqi["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    // Every span of every kind points at its text within `text`.
    for kind in ["persons", "organizations", "countries", "dates"] {
        for entity in a[kind].as_array().unwrap() {
            for m in entity["mentions"].as_array().unwrap() {
                let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                assert_eq!(
                    &text[start as usize..end as usize],
                    m["text"].as_str().unwrap()
                );
            }
        }
    }
    for missing in [
        "/api/articles/0000000000000000",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
    ] {
        let r = server.get(missing);
        assert_eq!(r.status, 404, "{missing}");
        assert_eq!(r.error(), "no article with this id");
    }
}

#[test]
fn mistakes_are_400_with_the_message_and_the_rest_404() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
    let narnia = server.get("/api/search?country=Narnia");
    assert_eq!(narnia.status, 400);
    // The CLI's own message for the same mistake.
    let cli = search(tmp.path())
        .args(["query", "--country", "Narnia"])
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(2));
    assert_eq!(
        format!("error: {}\n", narnia.error()),
        String::from_utf8(cli.stderr).unwrap()
    );
    for (target, message) in [
        (
            "/api/search?q=(Kabul",
            "query syntax: this `(` is never closed at character 1",
        ),
        (
            "/api/search?limit=101",
            "limit must be a whole number from 0 to 100, not `101`",
        ),
        (
            "/api/search?limit=-1",
            "limit must be a whole number from 0 to 100, not `-1`",
        ),
        (
            "/api/search?offset=99999999999999999999999",
            "offset must be a whole number from 0 to 10000, not `99999999999999999999999`",
        ),
        (
            "/api/search?from=2025/12",
            "from: invalid date `2025/12`; use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "/api/search?from=2025&to=2024",
            "empty date range: 2025 is after 2024",
        ),
        (
            "/api/search?bogus=1",
            "unknown parameter `bogus`; use q, country, person, org, from, to, sort, exact, limit, offset, facet_limit",
        ),
        (
            "/api/search?facet_limit=-1",
            "facet_limit: the facet limit must be a whole number of values (0 for every value), not `-1`",
        ),
        (
            "/api/search?facet_limit=",
            "facet_limit: the facet limit must be a whole number of values (0 for every value), not ``",
        ),
        ("/api/search?q=a&q=b", "give q once"),
    ] {
        let r = server.get(target);
        assert_eq!(
            (r.status, r.error()),
            (400, message.to_string()),
            "{target}"
        );
    }
    let long = format!("/api/search?q={}", "a".repeat(1001));
    assert_eq!(server.get(&long).status, 400);
    let huge = format!("/api/search?q={}", "a".repeat(9000));
    assert_eq!(server.get(&huge).status, 400);
    // Odd bytes decode or are refused, never crash the server.
    for odd in [
        "/api/search?q=%FF%FE",
        "/api/search?q=%00%0A",
        "/api/search?q=%",
        "/api/search?country=%E2%80%AE",
    ] {
        let status = server.get(odd).status;
        assert!(status == 200 || status == 400, "{odd}: {status}");
    }
    for other in [
        "/nope",
        "/api",
        "/api/search/x",
        "/index/meta.json",
        "/../Cargo.toml",
        "/api/articles/",
    ] {
        let r = server.get(other);
        assert_eq!(r.status, 404, "{other}");
        assert!(r.error().starts_with("not found"), "{other}");
    }
    let post = server.request(
        "POST /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
    );
    assert_eq!(post.status, 404);
    // Still serving after all that.
    assert_eq!(server.get("/api/health").status, 200);
}

#[test]
fn the_page_is_served_with_a_strict_policy_and_no_cors() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
    let page = server.get("/?q=Muttaqi&country=IR");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let js = server.get("/app.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let css = server.get("/app.css");
    let weight = page.body.len() + js.body.len() + css.body.len();
    assert!(weight <= 100 * 1024, "the page weighs {weight} bytes");
    let api = server.request(
        "GET /api/health HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(api.status, 200);
    assert_eq!(api.header("access-control-allow-origin"), None);
}

#[test]
fn cors_only_for_the_origin_given() {
    let tmp = indexed_seeds();
    let server = Server::start_with(tmp.path(), &["--cors", "https://tools.example.org"]);
    let ask = |origin: &str| {
        server.request(&format!(
            "GET /api/health HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"
        ))
    };
    let allowed = ask("https://tools.example.org");
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://tools.example.org")
    );
    assert_eq!(
        ask("https://evil.example").header("access-control-allow-origin"),
        None
    );
}

#[test]
fn a_new_commit_shows_up_without_a_restart() {
    let tmp = indexed_seeds();
    let server = Server::start(tmp.path());
    assert_eq!(server.get("/api/search?q=Zanzibarian").json()["total"], 0);
    std::fs::write(
        tmp.path().join("seeds/new.txt"),
        "Zanzibarian envoy arrives\n\nThe Zanzibarian envoy arrived in Kabul on Monday.\n",
    )
    .unwrap();
    search(tmp.path())
        .args(["index", "seeds"])
        .assert()
        .success();
    // The server looks for a new commit at most once a second; the test waits
    // by the clock (a count of polls would run out on a loaded machine, where
    // each request is slow), up to a limit that only stops a hang.
    let start = std::time::Instant::now();
    let mut total = Value::Null;
    while start.elapsed() < Duration::from_secs(60) {
        total = server.get("/api/search?q=Zanzibarian").json()["total"].clone();
        if total == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(total, 1, "not seen after {:?}", start.elapsed());
    assert_eq!(server.get("/api/health").json()["articles"], 5);
}

#[test]
fn serve_refuses_a_missing_index() {
    let tmp = tempfile::tempdir().unwrap();
    search(tmp.path())
        .args(["serve", "--index", "nothing", "--listen", "127.0.0.1:0"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no index at nothing"));
    search(tmp.path())
        .args(["serve", "--cors", "evil"])
        .assert()
        .code(2);
}
