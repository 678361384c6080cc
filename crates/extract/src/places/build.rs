//! Building the place matcher: every name, alternative and historical name, demonym,
//! metonym, region, capital and city of the gazetteer as one Aho-Corasick automaton,
//! with what each pattern is and how much evidence it needs.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};

use super::{Pattern, PlaceKind, Places, head};
use crate::countries::{entries, rows, successor};
use crate::lexicon::{GIVEN, Lexicon, Map, PLACE_START};
use crate::text::tokenize;

const CITIES: &str = include_str!("../../data/cities.tsv");
const CITY_NAMES: &str = include_str!("../../data/city_names.tsv");
const METONYMS: &str = include_str!("../../data/metonyms.tsv");
const REGIONS: &str = include_str!("../../data/regions.tsv");
const BLOCKED: &str = include_str!("../../data/blocked.txt");

impl Places {
    /// Builds the matcher, and marks in `lex` the words that start a place name: a
    /// capitalised word without that mark costs one lookup instead of a search.
    pub fn new(lex: &mut Lexicon) -> Self {
        let mut surfaces: Map<Pattern> = Map::default();
        let mut add = |s: &'static str, country: usize, kind: PlaceKind, population: u32| {
            // Search starts at capitalised words only (see below).
            if !s.starts_with(char::is_uppercase) {
                return;
            }
            let p = Pattern {
                country: country as u16,
                kind,
                population,
                // A single-word town that is also a given name ("Oral", "Sydney")
                // needs evidence too.
                ambiguous: lex.ambiguous_places.contains(s)
                    || (kind == PlaceKind::City && lex.flags(s) & GIVEN != 0),
                upper_copy: false,
            };
            surfaces
                .entry(s)
                .and_modify(|old| {
                    // Towns of two countries that share a name (Plymouth, San Jose,
                    // Kingston): the larger is kept, and needs evidence.
                    let shared = old.country != p.country
                        && rank(old.kind) == PlaceKind::City
                        && rank(kind) == PlaceKind::City;
                    if (rank(kind), u32::MAX - population)
                        < (rank(old.kind), u32::MAX - old.population)
                    {
                        *old = p;
                    }
                    old.ambiguous |= shared;
                })
                .or_insert(p);
        };
        // A capital and a city of the same name compete on population: Plymouth is
        // the English city before the capital of Montserrat, Kingston Jamaica's
        // before Norfolk Island's.
        fn rank(kind: PlaceKind) -> PlaceKind {
            if kind == PlaceKind::Capital {
                PlaceKind::City
            } else {
                kind
            }
        }
        // A capital's population is its city's; a capital whose name the city list
        // gives to another country's town is taken as the smaller of the two (0);
        // one the list lacks altogether keeps no limit (a name of its own: Torshavn).
        let mut city_rows: Map<(&str, u32)> = Map::default();
        for r in rows(CITIES) {
            let pop = r.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
            city_rows.insert(r[0], (r.get(1).copied().unwrap_or(""), pop));
        }
        let capital_population = |capital: &str, alpha2: &str| match city_rows.get(capital) {
            Some(&(c, pop)) if c == alpha2 => pop,
            Some(_) => 0,
            None => u32::MAX,
        };
        let es = entries();
        let code = |c: &str| es.iter().position(|e| e.country.alpha2 == c);
        for (i, e) in es.iter().enumerate() {
            add(e.country.name, i, PlaceKind::Name, 0);
            for &a in &e.aliases {
                add(a, i, PlaceKind::Alias, 0);
            }
            for &h in &e.historical {
                add(h, i, PlaceKind::Historical, 0);
            }
            for &d in &e.demonyms {
                add(d, i, PlaceKind::Demonym, 0);
            }
            if !e.capital.starts_with("The ") {
                let pop = capital_population(e.capital, e.country.alpha2);
                add(e.capital, i, PlaceKind::Capital, pop);
            }
        }
        for r in rows(METONYMS) {
            if let Some(i) = r.get(1).and_then(|c| code(c)) {
                add(r[0], i, PlaceKind::Metonym, 0);
            }
        }
        for r in rows(REGIONS) {
            if let Some(i) = r.get(1).and_then(|c| code(c)) {
                add(r[0], i, PlaceKind::Region, 0);
            }
        }
        for r in rows(CITIES) {
            let pop = r.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
            if let Some(i) = r.get(1).and_then(|c| code(c)) {
                add(r[0], i, PlaceKind::City, pop);
            }
        }
        for r in rows(CITY_NAMES) {
            if let Some(&(alpha2, pop)) = r.get(1).and_then(|current| city_rows.get(current))
                && let Some(i) = code(alpha2)
            {
                add(r[0], i, PlaceKind::City, pop);
            }
        }
        for r in rows(BLOCKED) {
            add(r[0], 0, PlaceKind::Blocked, 0);
        }
        let mut names: Vec<String> = Vec::with_capacity(surfaces.len() * 2);
        let mut patterns = Vec::with_capacity(surfaces.len() * 2);
        let mut sorted: Vec<_> = surfaces.into_iter().collect();
        sorted.sort_unstable_by_key(|(s, _)| *s);
        for (s, p) in sorted {
            names.push(s.to_string());
            patterns.push(p);
            let upper = s.to_uppercase();
            if upper != s {
                names.push(upper);
                patterns.push(Pattern {
                    upper_copy: true,
                    ..p
                });
            }
        }
        // Anchored searches only: every name starts with a capital letter, so the
        // automaton runs from capitalised tokens and skips the lower-case bulk of the
        // text (a full scan spends its time in cache misses over a large DFA).
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&names)
            .or_else(|_| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(&names)
            })
            .expect("the place gazetteer builds");
        for n in &names {
            if let Some(t) = tokenize(n).first() {
                lex.mark(head(t.text(n)), PLACE_START);
            }
        }
        let us = code("US").expect("the gazetteer has the United States") as u16;
        let former = es
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let s = successor(&e.country)?;
                Some((i as u16, code(s.alpha2)? as u16))
            })
            .collect();
        let legal_forms = super::company::LEGAL_FORMS
            .iter()
            .map(|&(form, c)| {
                (
                    form,
                    code(c).expect("a legal form's country is known") as u16,
                )
            })
            .collect();
        Places {
            ac,
            patterns,
            us,
            former,
            legal_forms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CITIES, CITY_NAMES, rows};

    #[test]
    fn every_former_or_english_city_name_names_a_listed_city() {
        let listed: Vec<&str> = rows(CITIES).map(|r| r[0]).collect();
        for r in rows(CITY_NAMES) {
            assert!(
                listed.contains(&r[1]),
                "{} names {}, not in cities.tsv",
                r[0],
                r[1]
            );
        }
    }
}
