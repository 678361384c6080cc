//! The gazetteer file: its entries, parsed and checked, in one spelling.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use search_types::keys::name_key;

use crate::countries;

/// What an entry of the gazetteer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
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
pub(super) struct Entry {
    pub(super) kind: Kind,
    pub(super) name: String,
    pub(super) aliases: Vec<String>,
    /// For a place, the country's common name.
    pub(super) country: Option<String>,
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
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
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

/// The entries of a user's gazetteer, checked. See the [module](crate::user) for the
/// format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    /// Sorted, so that two files with the same entries compare equal.
    pub(super) entries: Vec<Entry>,
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
