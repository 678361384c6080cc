//! `search extract`: entities with byte spans, from files and standard input.

use serde_json::Value;

use crate::common::*;

fn extract_json(path: &str) -> Value {
    let out = search(&seeds_dir().join(".."))
        .args(["extract", path, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one line per article: {text}");
    serde_json::from_str(&text).unwrap()
}

fn names(v: &Value, kind: &str, key: &str) -> Vec<String> {
    v[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn spans_are_byte_offsets_into_the_file() {
    let path = "seeds/001_ec7cb7fb524a78cf.txt";
    let file = std::fs::read_to_string(seeds_dir().join("001_ec7cb7fb524a78cf.txt")).unwrap();
    let v = extract_json(path);
    assert_eq!(v["path"], path);
    for kind in ["persons", "countries", "dates"] {
        for entity in v[kind].as_array().unwrap() {
            for m in entity["mentions"].as_array().unwrap() {
                let (s, e) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&file[s..e], m["text"].as_str().unwrap(), "{kind} {entity}");
            }
        }
    }
    let muttaqi = v["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Amir Khan Muttaqi")
        .unwrap();
    let texts: Vec<&str> = muttaqi["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Amir Khan Muttaqi", "Muttaqi", "Amir Khan Muttaqi"]);
    let iran = v["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Iran")
        .unwrap();
    assert_eq!(iran["code"], "IR");
    assert_eq!(names(&v, "dates", "value"), ["2025-12-17"]);
}

#[test]
fn seed_000_entities_are_exact() {
    let v = extract_json("seeds/000_ece7abeb71992ca7.txt");
    let mut persons = names(&v, "persons", "name");
    persons.sort();
    assert_eq!(
        persons,
        ["Fazl Mohammad Haqqani", "Mohammad Kabura", "Ulf Laessing"]
    );
    assert_eq!(names(&v, "dates", "value"), ["2021-08"]);
    let countries = names(&v, "countries", "name");
    for c in [
        "Iran",
        "Burkina Faso",
        "Afghanistan",
        "Niger",
        "Mali",
        "United States",
    ] {
        assert!(
            countries.contains(&c.to_string()),
            "{c} missing from {countries:?}"
        );
    }
    // France and Russia come once each, late, in a list of partners: in passing.
    assert!(!countries.contains(&"France".to_string()), "{countries:?}");
}

#[test]
fn standard_input_is_read_when_no_path_is_given() {
    let out = search(&seeds_dir())
        .args(["extract", "--json"])
        .write_stdin("President Emmanuel Macron flew to Berlin on 3 March 2024.")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["path"], "-");
    assert_eq!(names(&v, "persons", "name"), ["Emmanuel Macron"]);
    assert_eq!(v["persons"][0]["mentions"][0]["start"], 10);
    assert_eq!(names(&v, "countries", "name"), ["Germany"]);
    assert_eq!(names(&v, "dates", "value"), ["2024-03-03"]);
}

#[test]
fn human_output_names_each_entity_once() {
    let out = search(&seeds_dir().join(".."))
        .args(["extract", "seeds/003_d51ae0c6fbdb9697.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("seeds/003_d51ae0c6fbdb9697.txt\n"),
        "{text}"
    );
    assert!(text.contains("Zamir Kabulov"), "{text}");
    assert!(text.contains("Sirajuddin Haqqani"), "{text}");
    assert!(text.contains("Russia [RU]"), "{text}");
}

#[test]
fn a_saved_page_gives_url_date_and_with_text_the_text_its_spans_point_into() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), SAVED_PAGE).unwrap();
    let out = search(dir.path())
        .args(["extract", "page.html", "--json", "--text"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["url"], "https://news.example/kabul");
    assert_eq!(v["published"], "2025-12-17");
    assert_eq!(v["title"], "Envoy in Kabul");
    assert_eq!(v["source"], "Example News");
    assert_eq!(v["id"].as_str().unwrap().len(), 16);
    let text = v["text"].as_str().unwrap();
    let person = &v["persons"][0]["mentions"][0];
    let (start, end) = (
        person["start"].as_u64().unwrap() as usize,
        person["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "Amir Khan Muttaqi");
    // --text needs --json.
    let out = search(dir.path())
        .args(["extract", "page.html", "--text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
