//! Hostile input: any query text and any parameter value gives results or a
//! clear user error, never a panic or an internal failure.

mod fixture;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use search_query::{PartialDate, Query, QueryError};

use fixture::shared_seed_index as index;

/// Searches and checks the outcome is results or a user error.
fn check(q: &Query) -> Result<(), TestCaseError> {
    match index().search(q) {
        Ok(r) => {
            prop_assert!(r.hits.len() <= q.limit.min(6));
            prop_assert!(r.total <= 6);
        }
        Err(e) => {
            prop_assert!(e.is_user_error(), "not a user error: {e:?}");
            let msg = e.to_string();
            prop_assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
        }
    }
    Ok(())
}

/// Pieces that stress the parser: operators, quotes, parentheses, prefixes,
/// control characters, other scripts, corpus words with typos.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("AND".to_string()),
        Just("OR".to_string()),
        Just("NOT".to_string()),
        Just("&&".to_string()),
        Just("||".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("*".to_string()),
        Just(":".to_string()),
        Just("title:".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\r\n\t".to_string()),
        Just("Muttaqi".to_string()),
        Just("Mutaqi".to_string()),
        Just("Muttaqī".to_string()),
        Just("Kabul".to_string()),
        Just("press conference".to_string()),
        Just("مطقی".to_string()),
        Just("Муттаки".to_string()),
        Just("喀布尔".to_string()),
        Just("🙂".to_string()),
        "[a-zA-Z]{1,12}",
        any::<String>(),
    ]
}

fn glued() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (piece(), prop_oneof![Just(""), Just(" "), Just("  ")]),
        0..24,
    )
    .prop_map(|parts| parts.into_iter().map(|(p, sep)| p + sep).collect())
}

fn date() -> impl Strategy<Value = PartialDate> {
    (1000i32..=2999, 0u8..=12, 0u8..=31).prop_map(|(y, m, d)| {
        PartialDate::day(y, m, d)
            .or_else(|| PartialDate::month(y, m))
            .or_else(|| PartialDate::year(y))
            .expect("years in range are valid")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_answered_or_rejected_cleanly(text in any::<String>()) {
        check(&Query::text(text))?;
    }

    #[test]
    fn operator_soup_is_answered_or_rejected_cleanly(text in glued()) {
        check(&Query::text(text))?;
    }

    #[test]
    fn any_parameters_are_answered_or_rejected_cleanly(
        text in glued(),
        countries in prop::collection::vec(
            prop_oneof![Just("IR".to_string()), Just("russia".to_string()), any::<String>()],
            0..3,
        ),
        persons in prop::collection::vec(any::<String>(), 0..3),
        from in prop::option::of(date()),
        to in prop::option::of(date()),
        limit in prop_oneof![0usize..20, Just(usize::MAX)],
        offset in prop_oneof![0usize..20, Just(usize::MAX)],
    ) {
        let mut q = Query::text(text).limit(limit).offset(offset);
        q.countries = countries;
        q.persons = persons;
        q.from = from;
        q.to = to;
        check(&q)?;
    }
}

#[test]
fn user_errors_name_the_problem() {
    let err = index().search(&Query::text("(((a")).unwrap_err();
    assert!(matches!(err, QueryError::Syntax { .. }), "{err:?}");
    let err = index().search(&Query::all().country("")).unwrap_err();
    assert!(matches!(err, QueryError::UnknownCountry(_)), "{err:?}");
}

/// 40,000-character queries of every shape answer promptly.
#[test]
fn forty_thousand_characters() {
    let words: Vec<&str> = "Muttaqi Kabul Moscow talks envoy trade Iran press conference \
                            minister government officials border"
        .split(' ')
        .collect();
    let mut varied = String::new();
    let mut i = 0usize;
    while varied.chars().count() < 40_000 {
        // Distinct made-up words, each one edit from nothing in particular.
        varied.push_str(words[i % words.len()]);
        varied.push_str(&format!("{i} "));
        i += 1;
    }
    let cases = [
        "a".repeat(40_000),
        "Muttaqi ".repeat(5_000),
        "Muttaqi OR ".repeat(3_600),
        varied.clone(),
        varied.replace(' ', " OR "),
        format!("\"{varied}\""),
        "\"".repeat(40_000),
        "(".repeat(40_000),
        ")".repeat(40_000),
        "-".repeat(40_000),
        "NOT ".repeat(10_000),
        "\u{0}".repeat(40_000),
        "🙂".repeat(40_000),
        "Мутаки ".repeat(6_000),
    ];
    for text in cases {
        let start = Instant::now();
        let result = index().search(&Query::text(text.clone()));
        let took = start.elapsed();
        match result {
            Ok(_) => {}
            Err(e) => assert!(e.is_user_error(), "{e:?}"),
        }
        assert!(
            took < Duration::from_secs(10),
            "{took:?} for {}…",
            text.chars().take(40).collect::<String>()
        );
    }
}
