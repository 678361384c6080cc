//! A gazetteer the user keeps: persons and organisations with their aliases,
//! names that are not persons or organisations, and towns placed in a country,
//! applied on top of the compiled-in gazetteers by a [`UserExtractor`].
//!
//! The file has one entry a line; `#` starts a comment, blank lines are ignored:
//!
//! ```text
//! person: Amir Khan Muttaqi = Mottaki, Muttaqee
//! organization: Islamic Emirate of Afghanistan = Islamic Emirate, IEA
//! not person: Bre-X
//! not organization: Bre-X Minerals
//! place: Spin Boldak in Afghanistan
//! ```
//!
//! - `person:` / `organization:` (or `organisation:`) a name, then optionally
//!   `=` and its aliases separated by commas: wherever the name or an alias
//!   stands in a text (any case or spacing, starting with a capital), it is a
//!   mention of that person or organisation, under the name given first.
//! - `not person:` / `not organization:` a name the extractor must not report
//!   as one ("Bre-X is not a person").
//! - `place: TOWN in COUNTRY` a town that counts as a mention of the country
//!   (any name [`countries::lookup`] knows: `Afghanistan`, `AF`).
//!
//! ```
//! use search_extract::user::{Gazetteer, UserExtractor};
//!
//! let gazetteer = Gazetteer::parse("person: Amir Khan Muttaqi = Mottaki\nnot person: Bre-X\n").unwrap();
//! let extractor = UserExtractor::new(gazetteer);
//! let entities = extractor.extract("Mottaki met the envoy. Amir Khan Muttaqi said so.", None);
//! assert_eq!(entities.persons[0].name, "Amir Khan Muttaqi");
//! assert_eq!(entities.persons[0].mentions.len(), 2);
//!
//! let err = Gazetteer::parse("persn: X").unwrap_err();
//! assert_eq!(err.to_string(), "line 1: unknown entry `persn`; use person, organization, not person, not organization or place");
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use search_types::keys::name_key;

use crate::countries;
use crate::{CountryEntity, Entities, Extractor, Mention, Organization, PartialDate, Person};

/// What an entry of the gazetteer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Person,
    Organization,
    NotPerson,
    NotOrganization,
    Place,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::NotPerson => "not person",
            Kind::NotOrganization => "not organization",
            Kind::Place => "place",
        }
    }
}

/// One entry: a name with its aliases, or a town (`name`) in a country (`country`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    kind: Kind,
    name: String,
    aliases: Vec<String>,
    /// For a place, the country's common name.
    country: Option<String>,
}

impl Entry {
    /// The entry as a line of the file, in one spelling.
    fn line(&self) -> String {
        let mut line = format!("{}: {}", self.kind.label(), self.name);
        if let Some(country) = &self.country {
            line.push_str(" in ");
            line.push_str(country);
        }
        if !self.aliases.is_empty() {
            line.push_str(" = ");
            line.push_str(&self.aliases.join(", "));
        }
        line
    }

    /// Every name the entry matches in a text.
    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A bad line of a gazetteer: its number (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    /// The file, when the gazetteer was [loaded](Gazetteer::load) from one.
    pub path: Option<PathBuf>,
    /// The line, counted from 1 (0 when the file could not be read).
    pub line: usize,
    /// What is wrong, and what is valid.
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), 0) => write!(f, "{}: {}", p.display(), self.message),
            (Some(p), n) => write!(f, "{}:{n}: {}", p.display(), self.message),
            (None, n) => write!(f, "line {n}: {}", self.message),
        }
    }
}

impl std::error::Error for GazetteerError {}

/// The entries of a user's gazetteer, checked. See the [module](self) for the
/// format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    /// Sorted, so that two files with the same entries compare equal.
    entries: Vec<Entry>,
}

impl Gazetteer {
    /// Reads and checks the gazetteer in `path`.
    pub fn load(path: &Path) -> Result<Self, GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|e| GazetteerError {
            path: Some(path.to_path_buf()),
            line: 0,
            message: format!("cannot read the gazetteer: {e}"),
        })?;
        Self::parse(&text).map_err(|e| GazetteerError {
            path: Some(path.to_path_buf()),
            ..e
        })
    }

    /// Parses and checks gazetteer text.
    pub fn parse(text: &str) -> Result<Self, GazetteerError> {
        let mut entries = Vec::new();
        // Key of every name and alias → (kind class, its entry's name, line).
        let mut seen: HashMap<(bool, String), (String, usize)> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let err = |message: String| GazetteerError {
                path: None,
                line: n,
                message,
            };
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let Some((kind, rest)) = line.split_once(':') else {
                return Err(err(
                    "expected `KIND: NAME`, e.g. `person: Amir Khan Muttaqi = Mottaki`".into(),
                ));
            };
            let kind = match normalise_spaces(kind).to_lowercase().as_str() {
                "person" => Kind::Person,
                "organization" | "organisation" => Kind::Organization,
                "not person" | "not a person" => Kind::NotPerson,
                "not organization"
                | "not organisation"
                | "not an organization"
                | "not an organisation" => Kind::NotOrganization,
                "place" => Kind::Place,
                other => {
                    return Err(err(format!(
                        "unknown entry `{other}`; use person, organization, not person, not organization or place"
                    )));
                }
            };
            let (name, aliases) = match rest.split_once('=') {
                Some((name, aliases)) => (name, Some(aliases)),
                None => (rest, None),
            };
            let mut name = normalise_spaces(name);
            if name_key(&name).is_empty() {
                return Err(err(format!("a {} entry without a name", kind.label())));
            }
            let aliases: Vec<String> = match aliases {
                None => Vec::new(),
                Some(list) => list.split(',').map(normalise_spaces).collect(),
            };
            if aliases.iter().any(String::is_empty) {
                return Err(err("an empty alias; separate aliases with commas".into()));
            }
            if !aliases.is_empty() && !matches!(kind, Kind::Person | Kind::Organization) {
                return Err(err(format!("a {} entry takes no aliases", kind.label())));
            }
            let mut country = None;
            if kind == Kind::Place {
                let Some((town, place)) = name.rsplit_once(" in ") else {
                    return Err(err(
                        "expected `place: TOWN in COUNTRY`, e.g. `place: Spin Boldak in Afghanistan`"
                            .into(),
                    ));
                };
                let place = place.trim();
                let Some(c) = countries::lookup(place) else {
                    return Err(err(format!(
                        "unknown country `{place}`; give its name or ISO code"
                    )));
                };
                country = Some(c.name.to_string());
                name = town.trim().to_string();
            }
            if name_key(&name).is_empty() {
                return Err(err(format!("a {} entry without a name", kind.label())));
            }
            // A name may be added once and blocked once, but not both, and not
            // given to two persons (or two organisations).
            let blocking = matches!(kind, Kind::NotPerson | Kind::NotOrganization);
            let entry = Entry {
                kind,
                name,
                aliases,
                country,
            };
            for alias in entry.names() {
                let key = name_key(alias);
                let class = matches!(kind, Kind::Person | Kind::NotPerson);
                if let Some((other, line)) = seen.get(&(class, key.clone())) {
                    let what = if blocking { "blocked" } else { "added" };
                    return Err(err(format!(
                        "`{alias}` is {what} here but already named on line {line} (`{other}`); give each name once"
                    )));
                }
                if kind != Kind::Place {
                    seen.insert((class, key), (entry.name.clone(), n));
                }
            }
            entries.push(entry);
        }
        entries.sort();
        entries.dedup();
        Ok(Gazetteer { entries })
    }

    /// The persons the gazetteer adds: each name with its aliases.
    pub fn persons(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entries
            .iter()
            .filter(|e| e.kind == Kind::Person)
            .map(|e| (e.name.as_str(), e.aliases.as_slice()))
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in one spelling, one a line, sorted: what two gazetteers are
    /// compared by, and valid gazetteer text itself.
    pub fn to_text(&self) -> String {
        self.entries.iter().map(|e| e.line() + "\n").collect()
    }

    /// The names (and aliases, and towns) of the entries that are in one of the
    /// two gazetteers but not in the other: the texts that mention none of them
    /// extract the same under both.
    pub fn changed_names(&self, other: &Gazetteer) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for (a, b) in [(self, other), (other, self)] {
            for e in &a.entries {
                if b.entries.binary_search(e).is_err() {
                    names.extend(e.names().map(str::to_string));
                }
            }
        }
        names
    }
}

/// Whitespace runs as single spaces, none at the ends.
fn normalise_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a text: maximal runs of letters and digits, as byte spans.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Whether what lies between two words of one name may: spaces of any kind,
/// and at most one hyphen, apostrophe or period ("Bre-X", "O'Neill", "F. Boesky").
fn joins_a_name(between: &str) -> bool {
    let mut marks = 0;
    for c in between.chars() {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '-' | '\'' | '’' | '.') {
            marks += 1;
        } else {
            return false;
        }
    }
    marks <= 1
}

/// A name of an entry, as the keys of its words.
struct Pattern {
    entry: usize,
    words: Vec<String>,
}

/// The extractor with a user's gazetteer applied on top: it runs
/// [`Extractor::global`], then files the gazetteer's names and aliases under
/// their entries (taking those spans from whatever the extractor made of them),
/// drops blocked names and adds the towns' countries.
pub struct UserExtractor {
    gazetteer: Gazetteer,
    /// Patterns by the key of their first word.
    by_first: HashMap<String, Vec<Pattern>>,
}

impl UserExtractor {
    /// An extractor with `gazetteer` on top of the compiled-in gazetteers.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let mut by_first: HashMap<String, Vec<Pattern>> = HashMap::new();
        for (i, e) in gazetteer.entries.iter().enumerate() {
            if matches!(e.kind, Kind::NotPerson | Kind::NotOrganization) {
                continue;
            }
            for name in e.names() {
                let key = name_key(name);
                let words: Vec<String> = words(&key)
                    .iter()
                    .map(|&(s, t)| key[s..t].to_string())
                    .collect();
                if let Some(first) = words.first() {
                    by_first
                        .entry(first.clone())
                        .or_default()
                        .push(Pattern { entry: i, words });
                }
            }
        }
        UserExtractor {
            gazetteer,
            by_first,
        }
    }

    /// The gazetteer applied.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The entities of `text`, as [`Extractor::extract`] with the gazetteer applied.
    pub fn extract(&self, text: &str, published: Option<PartialDate>) -> Entities {
        let mut entities = Extractor::global().extract(text, published);
        if !self.gazetteer.is_empty() {
            self.apply(text, &mut entities);
        }
        entities
    }

    /// Where the gazetteer's names stand in `text`: `(entry, start, end)`, the
    /// longest at each place, not overlapping, in text order.
    fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let spans = words(text);
        let mut keys: Vec<Option<String>> = vec![None; spans.len()];
        let key_of = |i: usize, keys: &mut Vec<Option<String>>| -> String {
            keys[i]
                .get_or_insert_with(|| name_key(&text[spans[i].0..spans[i].1]))
                .clone()
        };
        let mut found = Vec::new();
        let mut i = 0;
        while i < spans.len() {
            let (s, e) = spans[i];
            // A name starts with a capital (or a digit): "said" is no alias of "Said".
            if text[s..e].chars().next().is_some_and(char::is_lowercase) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, usize)> = None; // (entry, words)
            if let Some(patterns) = self.by_first.get(&key_of(i, &mut keys)) {
                for p in patterns {
                    if best.is_some_and(|(_, n)| n >= p.words.len())
                        || i + p.words.len() > spans.len()
                    {
                        continue;
                    }
                    let fits = (1..p.words.len()).all(|k| {
                        joins_a_name(&text[spans[i + k - 1].1..spans[i + k].0])
                            && key_of(i + k, &mut keys) == p.words[k]
                    });
                    if fits {
                        best = Some((p.entry, p.words.len()));
                    }
                }
            }
            match best {
                Some((entry, n)) => {
                    found.push((entry, s, spans[i + n - 1].1));
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }

    fn apply(&self, text: &str, entities: &mut Entities) {
        let entries = &self.gazetteer.entries;
        let blocked = |kind: Kind, name: &str| {
            let key = name_key(name);
            entries
                .iter()
                .any(|e| e.kind == kind && name_key(&e.name) == key)
        };
        entities
            .persons
            .retain(|p| !blocked(Kind::NotPerson, &p.name));
        entities
            .organizations
            .retain(|o| !blocked(Kind::NotOrganization, &o.name));

        let found = self.find(text);
        if found.is_empty() {
            return;
        }
        // The gazetteer's spans are taken from whatever else claimed them.
        let overlaps = |m: &Mention| found.iter().any(|&(_, s, e)| m.start < e && s < m.end);
        for p in &mut entities.persons {
            p.mentions.retain(|m| !overlaps(m));
        }
        for o in &mut entities.organizations {
            o.mentions.retain(|m| !overlaps(m));
        }
        for c in &mut entities.countries {
            c.mentions.retain(|m| !overlaps(m));
        }
        entities.countries.retain(|c| !c.mentions.is_empty());

        let mut mentions: HashMap<usize, Vec<Mention>> = HashMap::new();
        for &(entry, start, end) in &found {
            mentions.entry(entry).or_default().push(Mention {
                start,
                end,
                text: text[start..end].to_string(),
            });
        }
        let mut entry_ids: Vec<usize> = mentions.keys().copied().collect();
        entry_ids.sort_unstable();
        for id in entry_ids {
            let entry = &entries[id];
            let mut ms = mentions.remove(&id).unwrap_or_default();
            let keys: Vec<String> = entry.names().map(name_key).collect();
            match entry.kind {
                Kind::Person => {
                    // What the extractor filed under this name or an alias (a
                    // later bare surname) joins the entry.
                    for p in &mut entities.persons {
                        if keys.contains(&name_key(&p.name)) {
                            ms.append(&mut p.mentions);
                        }
                    }
                    ms.sort_by_key(|m| m.start);
                    entities.persons.push(Person {
                        name: entry.name.clone(),
                        mentions: ms,
                    });
                }
                Kind::Organization => {
                    for o in &mut entities.organizations {
                        if keys.contains(&name_key(&o.name)) {
                            ms.append(&mut o.mentions);
                        }
                    }
                    ms.sort_by_key(|m| m.start);
                    entities.organizations.push(Organization {
                        name: entry.name.clone(),
                        mentions: ms,
                    });
                }
                Kind::Place => {
                    let Some(country) = entry.country.as_deref().and_then(countries::by_name)
                    else {
                        continue;
                    };
                    match entities
                        .countries
                        .iter_mut()
                        .find(|c| c.name == country.name)
                    {
                        Some(c) => {
                            c.mentions.append(&mut ms);
                            c.mentions.sort_by_key(|m| m.start);
                        }
                        None => entities.countries.push(CountryEntity {
                            name: country.name.to_string(),
                            code: country.alpha2.to_string(),
                            mentions: ms,
                        }),
                    }
                }
                Kind::NotPerson | Kind::NotOrganization => {}
            }
        }
        entities.persons.retain(|p| !p.mentions.is_empty());
        entities.organizations.retain(|o| !o.mentions.is_empty());
        let first = |ms: &[Mention]| ms.first().map_or(usize::MAX, |m| m.start);
        entities.persons.sort_by_key(|p| first(&p.mentions));
        entities.organizations.sort_by_key(|o| first(&o.mentions));
        entities.countries.sort_by_key(|c| first(&c.mentions));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
