//! Applying a gazetteer: its names and aliases filed under their entries,
//! blocked names dropped, towns' countries added.

use std::collections::HashMap;

use search_types::keys::name_key;

use super::gazetteer::{Gazetteer, Kind};
use crate::countries;
use crate::{
    ArticleEntities, CountryEntity, Entities, Extractor, Mention, Organization, PartialDate,
    Person, Reading,
};

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
        self.extract_hinted(text, published, Reading::Body(None))
    }

    /// The entities of an article with a title, as [`Extractor::extract_article`]
    /// with the gazetteer applied to the body and the title alike.
    pub fn extract_article(
        &self,
        title: &str,
        body: &str,
        published: Option<PartialDate>,
    ) -> ArticleEntities {
        crate::read_article(title, body, |text, reading| {
            self.extract_hinted(text, published, reading)
        })
    }

    fn extract_hinted(
        &self,
        text: &str,
        published: Option<PartialDate>,
        reading: Reading,
    ) -> Entities {
        let mut entities = Extractor::global().extract_hinted(text, published, reading);
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
