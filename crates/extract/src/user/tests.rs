use super::*;
use crate::{Entities, Mention};

fn names_and_mentions(list: &[(String, Vec<Mention>)]) -> Vec<(String, Vec<String>)> {
    list.iter()
        .map(|(n, ms)| (n.clone(), ms.iter().map(|m| m.text.clone()).collect()))
        .collect()
}

fn persons(e: &Entities) -> Vec<(String, Vec<String>)> {
    names_and_mentions(
        &e.persons
            .iter()
            .map(|p| (p.name.clone(), p.mentions.clone()))
            .collect::<Vec<_>>(),
    )
}

fn extractor(text: &str) -> UserExtractor {
    UserExtractor::new(Gazetteer::parse(text).unwrap())
}

fn owned(list: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    list.iter()
        .map(|(n, ms)| (n.to_string(), ms.iter().map(|m| m.to_string()).collect()))
        .collect()
}

#[test]
fn aliases_are_filed_under_the_entry() {
    let ex = extractor("person: Amir Khan Muttaqi = Mottaki, Muttaqee\n");
    let text = "Foreign Minister Mottaki met the envoy in Kabul. Later Amir\u{a0}Khan\nMuttaqi \
                spoke, and MUTTAQEE left. The mottaki word is lower case.";
    let e = ex.extract(text, None);
    assert_eq!(
        persons(&e),
        owned(&[(
            "Amir Khan Muttaqi",
            &["Mottaki", "Amir\u{a0}Khan\nMuttaqi", "MUTTAQEE"]
        )])
    );
    for p in &e.persons {
        for m in &p.mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
}

#[test]
fn a_blocked_name_is_no_person() {
    let text = "Bre-X said its shares rose. Mr Smith met John Walsh.";
    let plain = UserExtractor::new(Gazetteer::default()).extract(text, None);
    let blocked = extractor("not person: Bre-X\nnot person: John  walsh\n").extract(text, None);
    let names = |e: &Entities| e.persons.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert!(
        names(&plain).contains(&"John Walsh".to_string()),
        "{:?}",
        names(&plain)
    );
    assert!(!names(&blocked).contains(&"John Walsh".to_string()));
    assert!(!names(&blocked).contains(&"Bre-X".to_string()));
}

#[test]
fn organisations_take_their_spans_from_persons() {
    let ex = extractor("organization: Islamic Emirate of Afghanistan = Islamic Emirate, IEA\n");
    let text = "A spokesman for the Islamic Emirate said the IEA would attend.";
    let e = ex.extract(text, None);
    let orgs: Vec<(String, Vec<String>)> = e
        .organizations
        .iter()
        .map(|o| {
            (
                o.name.clone(),
                o.mentions.iter().map(|m| m.text.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        orgs,
        owned(&[(
            "Islamic Emirate of Afghanistan",
            &["Islamic Emirate", "IEA"]
        )])
    );
    assert!(e.persons.is_empty(), "{:?}", e.persons);
}

#[test]
fn a_town_counts_for_its_country() {
    let ex = extractor("place: Spin Boldak in AF\n");
    let e = ex.extract("Fighting was reported near Spin Boldak on Monday.", None);
    let countries: Vec<(&str, &str, Vec<&str>)> = e
        .countries
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.code.as_str(),
                c.mentions.iter().map(|m| m.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(countries, [("Afghanistan", "AF", vec!["Spin Boldak"])]);
    assert!(e.persons.is_empty(), "{:?}", e.persons);
}

#[test]
fn bad_lines_say_where_and_what_is_valid() {
    let cases = [
        (
            "# comment\n\nperson Amir",
            "line 3: expected `KIND: NAME`, e.g. `person: Amir Khan Muttaqi = Mottaki`",
        ),
        (
            "place: Kabul",
            "line 1: expected `place: TOWN in COUNTRY`, e.g. `place: Spin Boldak in Afghanistan`",
        ),
        (
            "place: Kabul in Narnia",
            "line 1: unknown country `Narnia`; give its name or ISO code",
        ),
        (
            "person: A B = X,, Y",
            "line 1: an empty alias; separate aliases with commas",
        ),
        (
            "not person: Bre-X = Brex",
            "line 1: a not person entry takes no aliases",
        ),
        ("person: =", "line 1: a person entry without a name"),
        (
            "person: Amir Khan Muttaqi = Mottaki\nperson: Mottaki",
            "line 2: `Mottaki` is added here but already named on line 1 (`Amir Khan Muttaqi`); give each name once",
        ),
        (
            "person: Bre-X\nnot person: BRE-X",
            "line 2: `BRE-X` is blocked here but already named on line 1 (`Bre-X`); give each name once",
        ),
    ];
    for (text, message) in cases {
        let got = Gazetteer::parse(text).map(|_| ()).unwrap_err().to_string();
        assert_eq!(got, message, "{text:?}");
    }
}

#[test]
fn the_same_entries_compare_equal_and_changes_name_their_names() {
    let a = Gazetteer::parse("person: A  Bee = Cee\n# note\nnot person: Bre-X\n").unwrap();
    let b = Gazetteer::parse("not person:  Bre-X\nperson: A Bee = Cee").unwrap();
    assert_eq!(a, b);
    assert_eq!(a.to_text(), "person: A Bee = Cee\nnot person: Bre-X\n");
    assert_eq!(Gazetteer::parse(&a.to_text()).unwrap(), a);
    let c = Gazetteer::parse("person: A Bee = Cee, Dee\nnot person: Bre-X").unwrap();
    let changed: Vec<String> = a.changed_names(&c).into_iter().collect();
    assert_eq!(changed, ["A Bee", "Cee", "Dee"]);
    assert!(a.changed_names(&b).is_empty());
}
