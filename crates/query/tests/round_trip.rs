//! The one encoding, end to end: real article files indexed by `search index`'s
//! own pipeline (reading, extraction, the document writer), then found by every
//! form a user may type a person or country in. Writer and filters key values
//! with the same functions of `search-types`, so these must all meet.

use search_index::Indexer;
use search_query::{NewsIndex, Query};

const ARTICLES: &[(&str, &str)] = &[
    (
        "a.txt",
        "Sarney seeks support for debt talks\n\nBRASILIA, March 3 - President José Sarney \
         said on Tuesday that Brazil would not pay interest on its foreign debt until \
         creditors agreed to new terms. Sarney told reporters in Brasilia that the \
         decision was final.\n",
    ),
    (
        // The name written with a no-break space, as some wires do.
        "b.txt",
        "Argentina and Brazil sign trade accord\n\nBUENOS AIRES, March 9 - Argentine \
         President Raul Alfonsin and Brazilian President José\u{a0}Sarney signed a trade \
         accord in Buenos Aires on Monday, officials said.\n",
    ),
    (
        "c.txt",
        "Oil prices steady\n\nLONDON, March 4 - Oil prices were steady in quiet trading \
         on Wednesday, dealers said.\n",
    ),
];

fn indexed() -> (tempfile::TempDir, NewsIndex) {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(articles.join(name), text).unwrap();
    }
    let index_dir = dir.path().join("index");
    let summary = Indexer::new(&index_dir)
        .threads(1)
        .update(&[articles])
        .unwrap();
    assert_eq!(summary.added, 3);
    let index = NewsIndex::open(&index_dir).unwrap();
    (dir, index)
}

fn files(index: &NewsIndex, query: Query) -> Vec<String> {
    let mut v: Vec<String> = index
        .search(&query.limit(10))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.path.rsplit('/').next().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn every_form_of_a_name_finds_what_the_writer_stored() {
    let (_dir, index) = indexed();
    for typed in [
        "José Sarney",
        "Jose Sarney",
        "jose sarney",
        "JOSÉ SARNEY",
        "José\u{a0}Sarney",
        "Jose\tSarney",
        " jose \n sarney ",
        "Jose\u{301} Sarney",
    ] {
        assert_eq!(
            files(&index, Query::all().person(typed)),
            ["a.txt", "b.txt"],
            "--person {typed:?}"
        );
    }
    // An alias is a name the article itself used: only a.txt says "Sarney" alone.
    for typed in ["Sarney", "SARNEY"] {
        assert_eq!(files(&index, Query::all().person(typed)), ["a.txt"]);
    }
    assert_eq!(
        files(&index, Query::all().person("raul alfonsín")),
        ["b.txt"]
    );
    assert!(files(&index, Query::all().person("Jose")).is_empty());

    // One person is one facet value, however the text spaced the name.
    let results = index.search(&Query::all().person("José Sarney")).unwrap();
    let persons: Vec<(&str, u64)> = results
        .facets
        .person
        .iter()
        .map(|f| (f.value.as_str(), f.count))
        .collect();
    assert_eq!(persons, [("José Sarney", 2), ("Raul Alfonsin", 1)]);
}

#[test]
fn every_form_of_a_country_finds_what_the_writer_stored() {
    let (_dir, index) = indexed();
    for typed in [
        "Brazil",
        "brazil",
        "BR",
        "bra",
        "Brazilian",
        "Federative Republic of Brazil",
    ] {
        assert_eq!(
            files(&index, Query::all().country(typed)),
            ["a.txt", "b.txt"],
            "--country {typed:?}"
        );
    }
    for typed in ["United Kingdom", "UK", "GB", "Britain"] {
        assert_eq!(files(&index, Query::all().country(typed)), ["c.txt"]);
    }
    let results = index.search(&Query::all()).unwrap();
    let brazil = results.facets.country.iter().find(|c| c.value == "Brazil");
    assert_eq!(
        brazil.map(|c| (c.count, c.code.as_deref())),
        Some((2, Some("BR")))
    );
}
