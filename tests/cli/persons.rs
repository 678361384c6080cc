//! One person, one value across the index: a bare surname is filed under the
//! full name other articles give, two different people with close names stay
//! apart, and filters take any variant.

use std::path::Path;

use crate::common::{facet, owned, query_json, search, with_files};

/// Articles of a 1987 news week: Ronald Reagan (twice in full, once as bare
/// "Reagan"), Donald Regan (twice in full, once bare), José Sarney.
const ARTICLES: [(&str, &str); 7] = [
    (
        "01.txt",
        "Veto threat\nPresident Reagan said on Monday he would veto the trade bill.\n",
    ),
    (
        "02.txt",
        "Summit\nRonald Reagan met Prime Minister Yasuhiro Nakasone at the White House on Monday.\n",
    ),
    (
        "03.txt",
        "Budget\nPresident Ronald Reagan sent his budget to Congress on Tuesday.\n",
    ),
    (
        "04.txt",
        "Dollar\nTreasury Secretary Donald Regan told reporters the dollar was stable.\n",
    ),
    (
        "05.txt",
        "Tax\nWhite House chief of staff Donald Regan said the tax plan was dead.\n",
    ),
    (
        "06.txt",
        // "Mr": a bare name that is also a given name counts only with a title.
        "Talks\nMr Regan said the talks with Japan went well.\n",
    ),
    (
        "07.txt",
        "Brazil\nBrazilian President José Sarney announced a debt moratorium.\n",
    ),
];

fn corpus() -> tempfile::TempDir {
    let tmp = with_files("news", &ARTICLES);
    index(tmp.path());
    tmp
}

fn index(dir: &Path) {
    search(dir).args(["index", "news", "-q"]).assert().success();
}

/// The file names of the hits of `--person NAME`, sorted.
fn files_of_person(dir: &Path, name: &str) -> Vec<String> {
    let results = query_json(dir, &["--person", name, "--limit", "100"]);
    let mut files: Vec<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            h["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    files.sort();
    assert_eq!(results["total"].as_u64(), Some(files.len() as u64));
    files
}

#[test]
fn a_bare_surname_is_counted_under_the_full_name_of_its_one_person() {
    let tmp = corpus();
    let all = query_json(tmp.path(), &["--limit", "100"]);
    assert_eq!(
        facet(&all, "person"),
        owned(&[
            ("Donald Regan", 3),
            ("Ronald Reagan", 3),
            ("José Sarney", 1),
            ("Yasuhiro Nakasone", 1),
        ])
    );
    let first = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["path"].as_str().unwrap().ends_with("01.txt"))
        .unwrap();
    assert_eq!(first["persons"], serde_json::json!(["Ronald Reagan"]));
}

#[test]
fn filters_take_any_variant_and_keep_two_people_apart() {
    let tmp = corpus();
    let dir = tmp.path();
    assert_eq!(
        files_of_person(dir, "Reagan"),
        ["01.txt", "02.txt", "03.txt"]
    );
    assert_eq!(
        files_of_person(dir, "ronald REAGAN"),
        ["01.txt", "02.txt", "03.txt"]
    );
    assert_eq!(
        files_of_person(dir, "Regan"),
        ["04.txt", "05.txt", "06.txt"]
    );
    assert_eq!(
        files_of_person(dir, "Donald  Regan"),
        ["04.txt", "05.txt", "06.txt"]
    );
    assert_eq!(files_of_person(dir, "Jose Sarney"), ["07.txt"]);
    assert_eq!(files_of_person(dir, "josé sarney"), ["07.txt"]);
}

#[test]
fn the_table_follows_the_index_on_a_re_run() {
    let tmp = corpus();
    let dir = tmp.path();
    // Without the articles that give his full name, a bare "Reagan" is its own value.
    std::fs::remove_file(dir.join("news/02.txt")).unwrap();
    std::fs::remove_file(dir.join("news/03.txt")).unwrap();
    index(dir);
    let all = query_json(dir, &["--limit", "0"]);
    assert_eq!(
        facet(&all, "person"),
        owned(&[("Donald Regan", 3), ("José Sarney", 1), ("Reagan", 1)])
    );
    assert_eq!(files_of_person(dir, "Reagan"), ["01.txt"]);
}
