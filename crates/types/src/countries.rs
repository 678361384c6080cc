//! The country gazetteer: ISO 3166-1 entries with their common English short names
//! and alternative names, and a case-insensitive lookup for user input.
//!
//! The table is compiled in from `data/countries.tsv` (generated from GeoNames, see
//! `data/README.md`), `data/country_names.tsv` (alternative names and demonyms) and
//! `data/historical.tsv` (Zaire, Burma, West Germany ... filed under today's
//! country). States that ended (Soviet Union, East Germany, Yugoslavia,
//! Czechoslovakia) are countries of their own, under the ISO codes they had before
//! ISO 3166-3 withdrew them (`data/former_states.tsv`): a 1987 story about the USSR
//! is filed under "Soviet Union", not Russia.
//!
//! ```
//! use search_types::countries;
//!
//! assert_eq!(countries::lookup("ir").unwrap().name, "Iran");
//! assert_eq!(countries::lookup("Russian Federation").unwrap().alpha2, "RU");
//! assert_eq!(countries::lookup("burma").unwrap().name, "Myanmar");
//! assert_eq!(countries::lookup("USSR").unwrap().name, "Soviet Union");
//! assert_eq!(countries::lookup("su").unwrap().alpha3, "SUN");
//! assert!(countries::lookup("Narnia").is_none());
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::keys::name_key;

/// One ISO 3166-1 country, or a former state under the code it had (Soviet Union, `SU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// Common English short name: "Iran", "Russia", "United States".
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 code: "IR".
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 code: "IRN".
    pub alpha3: &'static str,
}

/// A country with every name the list knows it by: what the extractor's
/// gazetteer matches in text ([`lookup`] reads only the names and codes).
#[derive(Debug)]
pub struct Entry {
    /// The country.
    pub country: Country,
    /// Its capital, as `countries.tsv` gives it ("" when none).
    pub capital: &'static str,
    /// Alternative and official names ("Russian Federation", "UK", "Burma").
    pub aliases: Vec<&'static str>,
    /// Demonyms and adjectives, singular and plural ("Afghan", "Afghans").
    pub demonyms: Vec<&'static str>,
    /// Historical names filed under this country ("USSR", "Soviet").
    pub historical: Vec<&'static str>,
}

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const NAMES: &str = include_str!("../data/country_names.tsv");
const HISTORICAL: &str = include_str!("../data/historical.tsv");
const FORMER: &str = include_str!("../data/former_states.tsv");

/// Data lines of a tab-separated file, each split on tabs and its cells trimmed:
/// comments (`#`) and blank lines skipped. The extractor reads its other
/// gazetteer files with it too.
pub fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn split_list(field: Option<&&'static str>) -> Vec<&'static str> {
    field
        .map(|f| {
            f.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The countries of `countries.tsv`, each with its capital, then the former
/// states of `former_states.tsv` (most with no capital: Moscow is Russia's).
fn country_rows() -> impl Iterator<Item = (Country, &'static str)> {
    let present = rows(COUNTRIES).filter(|r| r.len() >= 3).map(|r| {
        let country = Country {
            name: r[2],
            alpha2: r[0],
            alpha3: r[1],
        };
        (country, r.get(3).copied().unwrap_or(""))
    });
    let former = rows(FORMER).filter(|r| r.len() >= 4).map(|r| {
        let country = Country {
            name: r[2],
            alpha2: r[0],
            alpha3: r[1],
        };
        (country, r.get(4).copied().unwrap_or(""))
    });
    present.chain(former)
}

/// The present country that continues a former state (Soviet Union -> Russia,
/// East Germany -> Germany, Yugoslavia -> Serbia, Czechoslovakia -> Czechia); `None`
/// for a country that exists.
///
/// ```
/// use search_types::countries::{lookup, successor};
///
/// assert_eq!(successor(lookup("Soviet Union").unwrap()).unwrap().name, "Russia");
/// assert!(successor(lookup("Russia").unwrap()).is_none());
/// ```
pub fn successor(country: &Country) -> Option<&'static Country> {
    rows(FORMER)
        .find(|r| r.len() >= 4 && r[0] == country.alpha2)
        .and_then(|r| by_code(r[3]))
}

struct Table {
    entries: Vec<Entry>,
    /// Lower-cased name, alias, historical name or code -> index into `entries`.
    index: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut entries: Vec<Entry> = country_rows()
            .map(|(country, capital)| Entry {
                country,
                capital,
                aliases: Vec::new(),
                demonyms: Vec::new(),
                historical: Vec::new(),
            })
            .collect();
        // A query process builds this table to label one facet: a map by code,
        // not a scan of the entries per row, keeps that under a tenth of a ms.
        let by_code: HashMap<&str, usize> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.country.alpha2, i))
            .collect();
        for r in rows(NAMES) {
            if let Some(&i) = by_code.get(r[0]) {
                entries[i].demonyms = split_list(r.get(1));
                entries[i].aliases = split_list(r.get(2));
            }
        }
        for r in rows(HISTORICAL) {
            if let (Some(name), Some(code)) = (r.first(), r.get(1))
                && let Some(&i) = by_code.get(code)
            {
                entries[i].historical.push(name);
            }
        }
        let mut index = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let c = &e.country;
            let names = [c.name, c.alpha2, c.alpha3]
                .into_iter()
                .chain(e.aliases.iter().copied())
                .chain(e.historical.iter().copied());
            for n in names {
                // First come first served: a country's own name beats another's alias.
                index.entry(n.to_lowercase()).or_insert(i);
            }
        }
        Table { entries, index }
    })
}

/// Every country with all its names, in the order of `countries.tsv` (the
/// extractor refers to a country by its position here).
pub fn entries() -> &'static [Entry] {
    &table().entries
}

/// Every country in the gazetteer.
pub fn all() -> impl Iterator<Item = &'static Country> {
    table().entries.iter().map(|e| &e.country)
}

/// The country whose common name is exactly `name` ("Iran", as
/// [`Country::name`] gives it and the index stores it). Reads the country list
/// only, not the aliases and demonyms [`lookup`] indexes: labelling a facet
/// should not cost a query process the whole gazetteer (it was 7% of one).
///
/// ```
/// use search_types::countries;
///
/// assert_eq!(countries::by_name("Iran").unwrap().alpha2, "IR");
/// assert!(countries::by_name("iran").is_none());
/// ```
pub fn by_name(name: &str) -> Option<&'static Country> {
    static BY_NAME: OnceLock<Vec<Country>> = OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        let mut list: Vec<Country> = country_rows().map(|(country, _)| country).collect();
        list.sort_unstable_by_key(|c| c.name);
        list
    });
    by_name
        .binary_search_by_key(&name, |c| c.name)
        .ok()
        .map(|i| &by_name[i])
}

/// The country with this ISO alpha-2 code (case-insensitive).
pub fn by_code(alpha2: &str) -> Option<&'static Country> {
    all().find(|c| c.alpha2.eq_ignore_ascii_case(alpha2))
}

/// Resolves what a user typed: a common name, an alternative or historical name or
/// an ISO alpha-2/alpha-3 code, case-insensitive.
pub fn lookup(query: &str) -> Option<&'static Country> {
    let t = table();
    let q = query.trim().to_lowercase();
    let q = q.strip_prefix("the ").unwrap_or(&q);
    t.index.get(q).map(|&i| &t.entries[i].country)
}

/// Resolves a country filter: what [`lookup`] takes, or a demonym ("Iranian"),
/// case- and accent-insensitive ([`name_key`]: "Cote d'Ivoire", "TÜRKIYE").
/// [`lookup`] itself stays exact about accents and leaves demonyms out, as the
/// extractor asks it about words of a text.
///
/// ```
/// use search_types::countries::resolve;
///
/// for typed in ["Iran", "IR", "irn", "Persia", "Iranians", "the Islamic Republic of Iran"] {
///     assert_eq!(resolve(typed).unwrap().name, "Iran", "{typed}");
/// }
/// assert_eq!(resolve("Cote d'Ivoire").unwrap().alpha2, "CI");
/// assert!(resolve("Narnian").is_none());
/// ```
pub fn resolve(query: &str) -> Option<&'static Country> {
    static FOLDED: OnceLock<HashMap<String, usize>> = OnceLock::new();
    if let Some(country) = lookup(query) {
        return Some(country);
    }
    let t = table();
    let folded = FOLDED.get_or_init(|| {
        let mut index = HashMap::new();
        // Names before demonyms: a country's own name beats another's demonym.
        for (i, e) in t.entries.iter().enumerate() {
            let c = &e.country;
            let names = [c.name, c.alpha2, c.alpha3]
                .into_iter()
                .chain(e.aliases.iter().copied())
                .chain(e.historical.iter().copied());
            for n in names {
                index.entry(name_key(n)).or_insert(i);
            }
        }
        for (i, e) in t.entries.iter().enumerate() {
            for &d in &e.demonyms {
                index.entry(name_key(d)).or_insert(i);
            }
        }
        index
    });
    let q = name_key(query);
    let q = q.strip_prefix("the ").unwrap_or(&q);
    folded.get(q).map(|&i| &t.entries[i].country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name_finds_every_country_by_its_common_name() {
        for c in all() {
            assert_eq!(by_name(c.name), Some(c), "{}", c.name);
        }
        assert!(by_name("Narnia").is_none() && by_name("").is_none());
    }

    #[test]
    fn covers_iso_3166_with_news_names() {
        assert!(all().count() >= 245);
        for (q, code) in [
            ("Iran", "IR"),
            ("russia", "RU"),
            ("United States", "US"),
            ("usa", "US"),
            ("Burkina Faso", "BF"),
            ("UK", "GB"),
            ("Britain", "GB"),
            ("Ivory Coast", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("Burma", "MM"),
            ("Myanmar", "MM"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("North Korea", "KP"),
            ("DPRK", "KP"),
            ("UAE", "AE"),
            ("USSR", "SU"),
            ("Soviet Union", "SU"),
            ("SUN", "SU"),
            ("East Germany", "DD"),
            ("GDR", "DD"),
            ("Yugoslavia", "YU"),
            ("Czechoslovakia", "CS"),
            ("CSK", "CS"),
            ("Czechia", "CZ"),
            ("West Germany", "DE"),
            ("Zaire", "CD"),
            ("the Netherlands", "NL"),
            ("AZE", "AZ"),
        ] {
            assert_eq!(lookup(q).map(|c| c.alpha2), Some(code), "{q}");
        }
        assert_eq!(by_code("ru").unwrap().name, "Russia");
        assert_eq!(by_code("XX"), None);
    }

    #[test]
    fn former_states_are_countries_of_their_own() {
        for (typed, name, code, successor_name) in [
            ("USSR", "Soviet Union", "SU", "Russia"),
            ("su", "Soviet Union", "SU", "Russia"),
            ("Soviets", "Soviet Union", "SU", "Russia"),
            ("East German", "East Germany", "DD", "Germany"),
            ("yugoslav", "Yugoslavia", "YU", "Serbia"),
            ("Czechoslovak", "Czechoslovakia", "CS", "Czechia"),
        ] {
            let c = resolve(typed).unwrap_or_else(|| panic!("{typed}"));
            assert_eq!((c.name, c.alpha2), (name, code), "{typed}");
            assert_eq!(by_name(name), Some(c));
            assert_eq!(successor(c).map(|s| s.name), Some(successor_name));
        }
        // West Germany is the Federal Republic, Germany under the same code.
        assert_eq!(resolve("West Germany").unwrap().name, "Germany");
        assert_eq!(successor(resolve("Germany").unwrap()), None);
    }

    #[test]
    fn every_code_is_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in all() {
            assert_eq!(c.alpha2.len(), 2, "{c:?}");
            assert_eq!(c.alpha3.len(), 3, "{c:?}");
            assert!(seen.insert(c.alpha2), "duplicate {}", c.alpha2);
        }
    }
}
