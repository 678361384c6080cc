//! `search completions` and `search man`: generated from the arguments, so
//! they name the real commands and flags.

use crate::common::{search, stderr_of};

fn stdout_of(args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = search(tmp.path()).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completion_scripts_name_the_commands_and_flags() {
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("complete -F _search"), "{bash}");
    for word in ["--country", "--sort", "--exact", "query", "completions"] {
        assert!(bash.contains(word), "bash script lacks {word}");
    }
    // The values of --sort complete too.
    assert!(bash.contains("relevance newest oldest"), "{bash}");
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef search"), "{zsh}");
    assert!(zsh.contains("--country"));
    let fish = stdout_of(&["completions", "fish"]);
    assert!(fish.contains("complete -c search"), "{fish}");
    assert!(fish.contains("-l country"), "{fish}");

    let tmp = tempfile::tempdir().unwrap();
    let out = search(tmp.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("bash"), "{}", stderr_of(&out));
}

#[test]
fn man_page_has_its_sections() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie"),
        "roff: {}",
        &page[..80.min(page.len())]
    );
    assert!(page.contains(".TH search 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "no {section}: {page}");
    }
    assert!(page.contains("search\\-query(1)"), "{page}");
    // The pages it refers to.
    let page = stdout_of(&["man", "query"]);
    assert!(page.contains(".TH search-query 1"), "{page}");
    assert!(
        page.contains(".SH NAME\nsearch\\-query \\- Search the index"),
        "{page}"
    );
    assert!(page.contains("\\fBsearch query\\fR"), "synopsis: {page}");
    assert!(page.contains("\\fB\\-\\-country\\fR"), "{page}");
}
