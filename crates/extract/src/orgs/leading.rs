//! Persons named by an organisation's leading words. A story that opens with
//! "Alcan Aluminium Ltd" and goes on "Leclerc said Alcan decided" means the
//! company; so does "James Capel" beside "James Capel and Co", or "Dean Witter"
//! beside "Dean Witter Reynolds Inc". The person rules read such words as a
//! surname or a given name and surname, and the organisation rules find only the
//! words before a legal form, so the two are settled here, once both have run.

use super::Resolved;

/// Moves to an organisation each person of `persons` whose every mention is the
/// leading words of that one organisation's name (fewer words than the name has),
/// as is the person's name. A person mentioned once in a fuller form ("Gerald
/// Ford" beside "Ford Motor Co") stays a person.
pub(crate) fn claim_persons(
    text: &str,
    persons: &mut Vec<(String, Vec<(usize, usize)>)>,
    organizations: &mut Resolved,
) {
    if organizations.is_empty() {
        return;
    }
    persons.retain(|(name, spans)| match owner(text, spans, organizations) {
        // A person the article names in full elsewhere ("Jerome S. Flum", then
        // "Flum" beside "Flum Partners") is that person.
        Some(i) if leads(name, &organizations[i].0) => {
            let org = &mut organizations[i].1;
            org.extend_from_slice(spans);
            org.sort_unstable();
            false
        }
        _ => true,
    });
}

/// The one organisation whose name every span's words lead.
fn owner(text: &str, spans: &[(usize, usize)], organizations: &Resolved) -> Option<usize> {
    let mut found = None;
    for &(s, e) in spans {
        let words = text.get(s..e)?;
        // Most names differ in their first letter: tested before the words.
        let initial = words.as_bytes().first();
        let i = organizations
            .iter()
            .position(|(name, _, _)| name.as_bytes().first() == initial && leads(words, name))?;
        if found.is_some_and(|f| f != i) {
            return None;
        }
        found = Some(i);
    }
    found
}

/// Whether the words of `words` are the first words of `name`, and `name` has
/// more.
fn leads(words: &str, name: &str) -> bool {
    let mut rest = name.split_whitespace();
    let mut any = false;
    for w in words.split_whitespace() {
        if rest.next() != Some(w) {
            return false;
        }
        any = true;
    }
    any && rest.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_named_by_a_companys_first_words_is_the_company() {
        let text = "Alcan Aluminium Ltd closed it. Alcan said so. Gerald Ford and Ford agreed.";
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            (s, s + w.len())
        };
        let mut orgs: Resolved = vec![
            (
                "Alcan Aluminium Ltd".into(),
                vec![at("Alcan Aluminium Ltd")],
                false,
            ),
            ("Ford Motor Co".into(), vec![], false),
        ];
        let alcan = text.rfind("Alcan said").unwrap();
        let ford = text.rfind("Ford agreed").unwrap();
        let mut persons = vec![
            ("Alcan".to_string(), vec![(alcan, alcan + 5)]),
            (
                "Gerald Ford".to_string(),
                vec![at("Gerald Ford"), (ford, ford + 4)],
            ),
        ];
        claim_persons(text, &mut persons, &mut orgs);
        assert_eq!(persons.len(), 1);
        assert_eq!(persons[0].0, "Gerald Ford");
        assert_eq!(orgs[0].1, [at("Alcan Aluminium Ltd"), (alcan, alcan + 5)]);
        // The whole name is no leading part of itself.
        assert!(!leads("Ford Motor Co", "Ford Motor Co"));
        assert!(leads("James Capel", "James Capel and Co"));
        assert!(!leads("James", "Jameson Inc"));
    }
}
