//! One person, one value across the index: after each run, the distinct person
//! values of the whole index (with the number of articles of each) are grouped
//! into persons, and the [`AliasTable`] filing every other value of a group under
//! its canonical name is saved next to the index. Articles keep the names their
//! own text gives; the query side maps facets, hits and filters through the
//! table. A run therefore costs O(distinct names + person values) here, and never
//! re-extracts an article because another one changed.
//!
//! How values are grouped (see [`group`]):
//!
//! 1. **Same key**: values that differ only in case, accents or spacing.
//! 2. **Spelling variants and familiar forms**: two names of two or more words
//!    with the same given names, or given names that are familiar forms of each
//!    other ("Jim" and "James", from `data/nicknames.txt`), and surnames within
//!    one edit (two when the longer has eight letters or more), of at least five
//!    letters and the same first letter, or the same but for a joined Arabic
//!    article ("Bashar Assad", "Bashar al-Assad"), that no article gives side by
//!    side (an article that names both means two people). "Donald Regan" and
//!    "Ronald Reagan" differ in the given name and never join; a bare "Regan"
//!    never joins a bare "Reagan" either, as a one-word name has no given name
//!    to agree on.
//! 3. **Partial names**: a value whose words are the surname and some of the
//!    words before it of fuller names ("Reagan", "Amir Muttaqi", "Dudley Taft"
//!    of "Dudley S. Taft") joins the person of those names when they are all one
//!    person, or when one person has at least [`DOMINANCE`] times the articles
//!    of all the others together ("Reagan" beside Ronald Reagan in 9 articles
//!    and Nancy Reagan in 1). For a bare surname only fuller names found in two
//!    or more articles count, so that one stray "Jeremy Ford" does not swallow
//!    every bare "Ford"; a name with a given name has said whose it is. A bare
//!    name does not join one it is the surname of without the Arabic article:
//!    "al-" is often "son of" (King Faisal of 1967 is not Prince Khaled
//!    al-Faisal, as the Reuters stories have it); within one article the
//!    extractor files a bare "Assad" under "Bashar al-Assad".
//!
//! A group's canonical name is its value of two or more words found in the most
//! articles (a one-word value stays as it is).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use search_extract::user::Gazetteer;
use search_schema::Fields;
use search_schema::aliases::AliasTable;
use search_types::keys::{name_key, without_arabic_article};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Index, ReloadPolicy, Searcher, Term};

use crate::IndexError;

/// How many times the articles of all other candidates together one person must
/// have to take a partial name that fits several.
pub const DOMINANCE: u64 = 5;

/// Fewest articles a fuller name needs before a bare surname joins it.
const MIN_FULL_NAME_ARTICLES: u64 = 2;

/// The formal name of a familiar form of a given name (`jim` → `james`), the
/// word itself when it is none; both as name keys.
fn formal(word: &str) -> &str {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in include_str!("../data/nicknames.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((formal, familiar)) = line.split_once(':') {
                for form in familiar.split(',') {
                    table.insert(form.trim(), formal.trim());
                }
            }
        }
        table
    });
    table.get(word).copied().unwrap_or(word)
}

/// Recomputes the alias table of the index in `dir` from its committed state and
/// saves it there, with the aliases of the user's gazetteer added (so that a
/// filter finds a person by an alias no article uses). Returns the table.
pub fn refresh(
    index: &Index,
    fields: &Fields,
    dir: &Path,
    user: &Gazetteer,
) -> Result<AliasTable, IndexError> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let names = person_counts(&searcher, fields)?;
    let mut failed = None;
    let pairs = group(&names, |a, b| {
        cooccur(&searcher, fields, a, b).unwrap_or_else(|e| {
            failed = Some(e);
            true
        })
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    let user_pairs = user.persons().flat_map(|(name, aliases)| {
        aliases
            .iter()
            .map(move |alias| (alias.clone(), name.to_string()))
    });
    let table = AliasTable::new(pairs.into_iter().chain(user_pairs));
    table.write(dir).map_err(|source| IndexError::Io {
        path: dir.join(search_schema::aliases::FILE_NAME),
        source,
    })?;
    Ok(table)
}

/// Every distinct person value of the index with the number of live articles
/// that have it, read from the `person` fast-field column.
fn person_counts(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Vec<(String, u64)>> {
    let name = searcher.schema().get_field_name(fields.person);
    let mut totals: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str(name)? else {
            continue;
        };
        let n = column.num_terms();
        let mut counts = vec![0u64; n];
        let mut last_doc = vec![DocId::MAX; n];
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            for ord in column.ords().values_for_doc(doc) {
                let ord = ord as usize;
                if ord < n && last_doc[ord] != doc {
                    last_doc[ord] = doc;
                    counts[ord] += 1;
                }
            }
        }
        let ords: Vec<u64> = (0..n as u64).filter(|&o| counts[o as usize] > 0).collect();
        let mut ord_counts = ords.iter().map(|&o| counts[o as usize]);
        column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            let count = ord_counts.next().unwrap_or(0);
            *totals
                .entry(String::from_utf8_lossy(bytes).into_owned())
                .or_insert(0) += count;
        })?;
    }
    let mut names: Vec<(String, u64)> = totals.into_iter().collect();
    names.sort_unstable();
    Ok(names)
}

/// Whether some article names both `a` and `b` (by their keys in `person_key`).
fn cooccur(searcher: &Searcher, fields: &Fields, a: &str, b: &str) -> tantivy::Result<bool> {
    let term = |name: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(fields.person_key, &name_key(name)),
            IndexRecordOption::Basic,
        ))
    };
    let both = BooleanQuery::new(vec![(Occur::Must, term(a)), (Occur::Must, term(b))]);
    Ok(searcher.search(&both, &Count)? > 0)
}

/// The words of a name as grouping compares them: its key's words, periods
/// dropped ("Ivan F. Boesky" → `ivan f boesky`).
fn words(name: &str) -> Vec<String> {
    name_key(name)
        .split(' ')
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `short` is a partial form of `full`: fewer words, the same last
/// word, and the others in `full`'s order before it.
fn is_partial(short: &[String], full: &[String]) -> bool {
    if short.len() >= full.len() || short.last() != full.last() {
        return false;
    }
    let mut before = full[..full.len() - 1].iter();
    short[..short.len() - 1]
        .iter()
        .all(|w| before.any(|f| f == w))
}

/// Whether two surnames are spellings of one name (step 2 of the module doc),
/// with or without the Arabic article ("al-assad" and "assad").
fn surname_variants(a: &str, b: &str) -> bool {
    if a == b || without_arabic_article(a) == Some(b) || without_arabic_article(b) == Some(a) {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 5 || a.chars().next() != b.chars().next() {
        return false;
    }
    let limit = if la.max(lb) < 8 { 1 } else { 2 };
    strsim::levenshtein(a, b) <= limit
}

/// Union-find over name indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
}

/// Groups `names` (distinct stored values with their article counts) into
/// persons and returns `(value, canonical name)` for every value filed under
/// another. `cooccur(a, b)` says whether some article names both.
pub fn group(
    names: &[(String, u64)],
    mut cooccur: impl FnMut(&str, &str) -> bool,
) -> Vec<(String, String)> {
    let words: Vec<Vec<String>> = names.iter().map(|(n, _)| words(n)).collect();
    let mut groups = Groups((0..names.len()).collect());

    // Steps 1 and 2: among names of two or more words with the same given names
    // in their formal forms.
    let mut by_given: HashMap<Vec<&str>, Vec<usize>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if w.len() >= 2 {
            let given = w[..w.len() - 1].iter().map(|g| formal(g)).collect();
            by_given.entry(given).or_default().push(i);
        }
    }
    for members in by_given.values() {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                let (wa, wb) = (&words[a], &words[b]);
                let (sa, sb) = (&wa[wa.len() - 1], &wb[wb.len() - 1]);
                if !surname_variants(sa, sb) {
                    continue;
                }
                let same = sa == sb && wa[..wa.len() - 1] == wb[..wb.len() - 1];
                if !same && cooccur(&names[a].0, &names[b].0) {
                    continue;
                }
                let (ra, rb) = (groups.find(a), groups.find(b));
                groups.0[ra] = rb;
            }
        }
    }

    // Step 3: partial names, longest first, so that a fuller name is placed
    // before the shorter ones that may join it.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(last) = w.last() {
            by_last.entry(last.as_str()).or_default().push(i);
        }
    }
    let mut articles: Vec<u64> = vec![0; names.len()];
    for (i, (_, count)) in names.iter().enumerate() {
        let root = groups.find(i);
        articles[root] += count;
    }
    let mut order: Vec<usize> = (0..names.len()).filter(|&i| !words[i].is_empty()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(words[i].len()));
    for i in order {
        let own = groups.find(i);
        let mut candidates: Vec<usize> = by_last[words[i][words[i].len() - 1].as_str()]
            .iter()
            .filter(|&&j| {
                (words[i].len() >= 2 || names[j].1 >= MIN_FULL_NAME_ARTICLES)
                    && is_partial(&words[i], &words[j])
            })
            .map(|&j| groups.find(j))
            .filter(|&g| g != own)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.sort_by_key(|&g| std::cmp::Reverse(articles[g]));
        let Some((&best, others)) = candidates.split_first() else {
            continue;
        };
        let rest: u64 = others.iter().map(|&g| articles[g]).sum();
        if articles[best] >= DOMINANCE * rest {
            groups.0[own] = best;
            articles[best] += articles[own];
        }
    }

    // Canonical names: the most frequent value of two or more words of each group.
    let mut canonical: HashMap<usize, usize> = HashMap::new();
    for i in 0..names.len() {
        if words[i].len() < 2 {
            continue;
        }
        let root = groups.find(i);
        let better = |c: usize| {
            (names[i].1, words[i].len(), std::cmp::Reverse(&names[i].0))
                > (names[c].1, words[c].len(), std::cmp::Reverse(&names[c].0))
        };
        match canonical.get(&root) {
            Some(&c) if !better(c) => {}
            _ => {
                canonical.insert(root, i);
            }
        }
    }
    let mut pairs = Vec::new();
    for i in 0..names.len() {
        let root = groups.find(i);
        if let Some(&c) = canonical.get(&root)
            && c != i
        {
            pairs.push((names[i].0.clone(), names[c].0.clone()));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|&(n, c)| (n.to_string(), c)).collect()
    }

    fn grouped(list: &[(&str, u64)], together: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut pairs = group(&names(list), |a, b| {
            together
                .iter()
                .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
        });
        pairs.sort();
        pairs
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|&(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn surnames_join_the_one_person_who_has_them() {
        let got = grouped(
            &[
                ("Reagan", 145),
                ("Ronald Reagan", 9),
                ("Nancy Reagan", 1),
                ("Regan", 4),
                ("Donald Regan", 7),
                ("Volcker", 8),
                ("Paul Volcker", 20),
                ("Stoltenberg", 2),
                ("Gerhard Stoltenberg", 7),
            ],
            &[],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Reagan", "Ronald Reagan"),
                ("Regan", "Donald Regan"),
                ("Stoltenberg", "Gerhard Stoltenberg"),
                ("Volcker", "Paul Volcker"),
            ])
        );
    }

    #[test]
    fn a_surname_without_its_arabic_article_is_the_same_name_with_its_given_names() {
        let got = grouped(
            &[
                ("Assad", 6),
                ("Bashar al-Assad", 9),
                ("Bashar Assad", 2),
                ("Faisal", 1),
                ("Khaled al-Faisal", 2),
            ],
            &[],
        );
        // With the same given names. A bare "Faisal" stays apart (the module
        // doc); a bare "Assad" joins through "Bashar Assad", its surname as
        // written there.
        assert_eq!(
            got,
            pairs(&[
                ("Assad", "Bashar al-Assad"),
                ("Bashar Assad", "Bashar al-Assad")
            ])
        );
    }

    #[test]
    fn a_surname_of_two_comparable_persons_stays_apart() {
        let got = grouped(
            &[("Dole", 3), ("Robert Dole", 9), ("Elizabeth Dole", 5)],
            &[],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn one_stray_full_name_takes_no_bare_surname() {
        let got = grouped(&[("Ford", 10), ("Jeremy Ford", 1)], &[]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn spelling_variants_join_on_the_same_given_names() {
        let got = grouped(
            &[
                ("Amir Khan Muttaqi", 30),
                ("Amir Khan Mutaqi", 3),
                ("Amir Khan Muttaqee", 2),
                ("Mutaqi", 2),
                ("Amir Muttaqi", 2),
                ("Muttaqi", 5),
            ],
            &[],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Amir Khan Mutaqi", "Amir Khan Muttaqi"),
                ("Amir Khan Muttaqee", "Amir Khan Muttaqi"),
                ("Amir Muttaqi", "Amir Khan Muttaqi"),
                ("Mutaqi", "Amir Khan Muttaqi"),
                ("Muttaqi", "Amir Khan Muttaqi"),
            ])
        );
    }

    #[test]
    fn two_people_with_close_names_stay_apart() {
        // Edit distance 1 apart in both names, but the given names differ.
        let got = grouped(
            &[
                ("Ronald Reagan", 9),
                ("Donald Regan", 7),
                ("Reagan", 100),
                ("Regan", 4),
            ],
            &[],
        );
        assert_eq!(
            got,
            pairs(&[("Reagan", "Ronald Reagan"), ("Regan", "Donald Regan")])
        );
        // Same given name, close surnames, but an article names both: two people.
        let got = grouped(
            &[("John Herrington", 11), ("John Harrington", 2)],
            &[("John Herrington", "John Harrington")],
        );
        assert!(got.is_empty(), "{got:?}");
        // Without that article they are one.
        let got = grouped(&[("John Herrington", 11), ("John Harrington", 2)], &[]);
        assert_eq!(got, pairs(&[("John Harrington", "John Herrington")]));
    }

    #[test]
    fn case_and_accents_make_one_value() {
        let got = grouped(
            &[("José Sarney", 10), ("Jose Sarney", 5), ("JOSE SARNEY", 1)],
            &[("José Sarney", "Jose Sarney")],
        );
        assert_eq!(
            got,
            pairs(&[
                ("JOSE SARNEY", "José Sarney"),
                ("Jose Sarney", "José Sarney")
            ])
        );
    }

    #[test]
    fn a_stray_fuller_form_does_not_become_the_name() {
        let got = grouped(
            &[
                ("James Baker", 99),
                ("Secertary James Baker", 2),
                ("Ivan Boesky", 12),
                ("Ivan F. Boesky", 2),
            ],
            &[],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Ivan F. Boesky", "Ivan Boesky"),
                ("Secertary James Baker", "James Baker"),
            ])
        );
    }

    #[test]
    fn familiar_forms_of_a_given_name_join() {
        let got = grouped(
            &[
                ("Jim Wright", 27),
                ("James Wright", 10),
                ("Joseph Wright", 1),
                ("Bob Dole", 1),
                ("Robert Dole", 12),
                ("Elizabeth Dole", 6),
                ("Bill Brodsky", 1),
                ("William Brodsky", 5),
            ],
            &[],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Bill Brodsky", "William Brodsky"),
                ("Bob Dole", "Robert Dole"),
                ("James Wright", "Jim Wright"),
            ])
        );
        // An article that names both means two people.
        let got = grouped(
            &[("Jim Wright", 27), ("James Wright", 10)],
            &[("Jim Wright", "James Wright")],
        );
        assert!(got.is_empty(), "{got:?}");
        // A form of several names (Ed: Edward, Edwin, Edmund) joins none.
        let got = grouped(&[("Ed Meese", 3), ("Edwin Meese", 9)], &[]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_name_with_its_given_name_joins_a_fuller_form_found_once() {
        let got = grouped(
            &[
                ("Dudley Taft", 9),
                ("Dudley S. Taft", 1),
                ("Martin Sosnoff", 13),
                ("Investor Martin Sosnoff", 1),
                ("Ford", 10),
                ("Jeremy Ford", 1),
            ],
            &[],
        );
        assert_eq!(
            got,
            pairs(&[
                ("Dudley S. Taft", "Dudley Taft"),
                ("Investor Martin Sosnoff", "Martin Sosnoff"),
            ])
        );
    }
}
