//! Entity extraction for news text: the **persons**, **organisations**, **countries**
//! and **dates** an article mentions, each with the byte spans of every mention.
//!
//! No model, no network: gazetteers compiled into the binary and rules over them.
//! The crate knows nothing of files or indexes; text goes in, [`Entities`] come out.
//!
//! One pass tokenises the text (words, numbers, punctuation, letter case, lines set
//! in capitals); then
//! - **countries** come from one Aho-Corasick automaton over every country name,
//!   alternative and historical name, demonym, metonym, region, capital and city of
//!   100,000 people or more (GeoNames), searched from capitalised words only, with
//!   context rules for the ambiguous ones (Nice, Georgia, "US" vs "us");
//! - **persons** are runs of capitalised words with name particles ("von der
//!   Leyen", "al-Assad"), titles and honorifics stripped, kept on evidence (a
//!   title, a role noun, a speech verb, an apposition, a given name from the
//!   lexicon, an initial), then resolved within the article: a bare surname, with
//!   or without its Arabic article ("Assad"), files under the fullest name unless
//!   two share it;
//! - **organisations** come from a gazetteer of well-known ones, runs of capitals
//!   with a legal form or head noun ("Gencor Ltd", "Bank of England"), acronyms
//!   defined in brackets or standing in prose, one-word names with a capital
//!   inside ("SpaceX"), and teams in sports results; a company's short name, an
//!   acronym defined or spelling a name of the article ("CFTC") and a "person"
//!   named only by a company's first words ("Alcan") are mentions of the full
//!   name, and no organisation's name is a person's;
//! - text hard-wrapped at a fixed width reads as the same text unwrapped, and a
//!   name's value has one space wherever the text had any white space;
//! - **dates** are absolute forms, bare years after a time word, and relative forms
//!   resolved against the publication date when one is given.
//!
//! Measured on CoNLL-2003, Reuters-21578 and TimeBank: see `EVALUATION.md` and
//! `cargo run --release -p search-extract --example evaluate`.
//!
//! ```
//! use search_extract::Extractor;
//!
//! let text = "Foreign Minister Amir Khan Muttaqi met Iran's envoy in Kabul on \
//!             December 17, 2025. Muttaqi said talks went well.";
//! let entities = Extractor::global().extract(text, None);
//! let names: Vec<&str> = entities.persons.iter().map(|p| p.name.as_str()).collect();
//! assert_eq!(names, ["Amir Khan Muttaqi"]);
//! assert_eq!(entities.persons[0].mentions.len(), 2);
//! let countries: Vec<&str> = entities.countries.iter().map(|c| c.name.as_str()).collect();
//! assert_eq!(countries, ["Iran", "Afghanistan"]);
//! assert_eq!(entities.dates[0].value.to_string(), "2025-12-17");
//! let orgs = Extractor::global().extract("The Taliban and Gencor Ltd agreed.", None);
//! let names: Vec<&str> = orgs.organizations.iter().map(|o| o.name.as_str()).collect();
//! assert_eq!(names, ["Taliban", "Gencor Ltd"]);
//! ```

#![warn(missing_docs)]

mod capitals;
mod dates;
mod entities;
mod lexicon;
mod orgs;
mod persons;
mod places;
mod text;
mod title;
pub mod user;

// The country list and partial dates live in `search-types`, shared with the
// query side; these paths keep working for the extractor's users.
pub use entities::{
    ArticleEntities, CountryEntity, DateEntity, Entities, Mention, Organization, Person,
};
pub use search_types::{Country, PartialDate, countries, date};

use std::sync::OnceLock;

use lexicon::Lexicon;
use places::Places;

/// The compiled gazetteers and rules. Building one is not free (automata over
/// thousands of names), so share it: [`Extractor::global`] builds it once per process.
/// It is `Send + Sync` and extraction takes `&self`.
pub struct Extractor {
    lexicon: Lexicon,
    places: Places,
    orgs: orgs::Gazetteer,
}

impl Extractor {
    /// Builds a new extractor from the compiled-in gazetteers.
    pub fn new() -> Self {
        let mut lexicon = Lexicon::new();
        let places = Places::new(&mut lexicon);
        let orgs = orgs::Gazetteer::new(&mut lexicon);
        Extractor {
            lexicon,
            places,
            orgs,
        }
    }

    /// The process-wide extractor, built on first use.
    pub fn global() -> &'static Extractor {
        static GLOBAL: OnceLock<Extractor> = OnceLock::new();
        GLOBAL.get_or_init(Extractor::new)
    }

    /// Extracts the entities of one article's text. `published`, when known, anchors
    /// relative dates ("last week", "on Monday"); without it they are left out.
    pub fn extract(&self, text: &str, published: Option<PartialDate>) -> Entities {
        self.extract_hinted(text, published, Reading::Body(None))
    }

    /// Extracts the entities of an article with a title: those of its body, and,
    /// when the body does not repeat the title, the countries the title names. A
    /// title that names one country also says whose an office is that the body
    /// names without saying ("Japan Clarifies Rules": "the Finance Ministry" is
    /// Japan's).
    ///
    /// ```
    /// use search_extract::Extractor;
    ///
    /// let e = Extractor::global().extract_article(
    ///     "Japan Clarifies Fund Rules",
    ///     "The Finance Ministry has clarified its rules.",
    ///     None,
    /// );
    /// assert_eq!(e.body.organizations[0].name, "Finance Ministry (Japan)");
    /// assert_eq!(e.title_countries[0].name, "Japan");
    /// ```
    pub fn extract_article(
        &self,
        title: &str,
        body: &str,
        published: Option<PartialDate>,
    ) -> ArticleEntities {
        read_article(title, body, |text, reading| {
            self.extract_hinted(text, published, reading)
        })
    }

    /// [`extract`](Self::extract) of a text read as `reading` says: a body with
    /// the country (its common name) the article's title names, if one, the
    /// owner of an office the text leaves unsaid; or a title, for its countries
    /// only (the other lists are left empty).
    pub(crate) fn extract_hinted(
        &self,
        text: &str,
        published: Option<PartialDate>,
        reading: Reading,
    ) -> Entities {
        let title_country = match reading {
            Reading::Body(country) => country,
            Reading::Title => None,
        };
        let hint = title_country.and_then(|name| {
            countries::entries()
                .iter()
                .position(|e| e.country.name == name)
                .map(|i| i as u16)
        });
        // Buffers reused across calls on a thread: most articles are short, and
        // allocating (and first touching) them anew cost a tenth of the time.
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        with_scratch(&SCRATCH, |scratch| {
            self.extract_with(text, published, hint, reading.is_title(), scratch)
        })
    }

    fn extract_with(
        &self,
        text: &str,
        published: Option<PartialDate>,
        title_country: Option<u16>,
        countries_only: bool,
        scratch: &mut Scratch,
    ) -> Entities {
        let Scratch {
            tokens,
            lines,
            flags,
            is_place,
            cache,
            flat,
            caps,
        } = scratch;
        text::tokenize_into(text, tokens, lines, caps);
        let tokens = &tokens[..];
        let caps = &caps[..];
        self.lexicon_flags(text, tokens, caps, cache, flags);
        let flags = &flags[..];
        let mut hits = self
            .places
            .find(text, tokens, caps, flags, &self.lexicon, flat);
        // A title is read for its countries: with no place named and no legal form
        // to find a company's home by, it has none.
        if countries_only && hits.is_empty() && !self.places.may_have_company_home(text, tokens) {
            return Entities::default();
        }
        mark_places(tokens, &hits, is_place);
        let is_place = &is_place[..];
        let (mut organizations, org_hits) = orgs::find(
            text,
            tokens,
            caps,
            is_place,
            flags,
            &self.lexicon,
            &self.orgs,
        );
        if !countries_only {
            orgs::qualify(
                text,
                &hits,
                title_country,
                &self.lexicon,
                &mut organizations,
            );
        }
        let mut persons = persons::find(text, tokens, caps, is_place, flags, &self.lexicon);
        // An organisation's name is no person's ("Merrill Lynch and Co", "Morgan
        // Stanley" of "Morgan Stanley Group Inc").
        if !org_hits.is_empty() {
            for (_, spans) in &mut persons {
                spans.retain(|&(s, e)| {
                    !org_hits
                        .iter()
                        .any(|h| tokens[h.first].start() < e && s < tokens[h.last].end())
                });
            }
            persons.retain(|(_, spans)| !spans.is_empty());
        }
        orgs::claim_persons(text, &mut persons, &mut organizations);
        // A place inside a person's name is part of the name ("Michael Jordan").
        hits.retain(|h| {
            !persons
                .iter()
                .flat_map(|(_, spans)| spans)
                .any(|&(s, e)| h.start < e && s < h.end)
        });
        places::drop_passing(&mut hits);
        if hits.is_empty()
            && let Some(home) = self.places.company_home(text, tokens, &org_hits)
        {
            hits.push(home);
        }
        if countries_only {
            return Entities {
                countries: assemble_countries(text, &hits),
                ..Entities::default()
            };
        }
        let dates = dates::find(text, tokens, published);
        Entities {
            persons: assemble_persons(text, persons),
            organizations: assemble_organizations(text, organizations),
            countries: assemble_countries(text, &hits),
            dates: assemble_dates(text, dates),
        }
    }
}

impl Extractor {
    /// The lexicon flags of every capitalised word (`caps`, from
    /// `text::tokenize_into`; 0 for other tokens) into `flags`, looked up once for
    /// all rules.
    fn lexicon_flags(
        &self,
        text: &str,
        tokens: &[text::Token],
        caps: &[usize],
        cache: &mut lexicon::FlagCache,
        flags: &mut Vec<u8>,
    ) {
        // Zeroed in one go, then only the capitalised words (a quarter of the
        // tokens) written, from their list: no test per token, whose outcome
        // follows no pattern a branch predictor could learn.
        flags.clear();
        flags.resize(tokens.len(), 0);
        for &k in caps {
            let t = &tokens[k];
            flags[k] = self
                .lexicon
                .flags_cached(text.as_bytes(), t.start(), t.end(), cache);
        }
    }
}

/// An article read with `extract(text, reading)`: its title, when the body
/// does not repeat it, for its countries; then its body, with the title's country
/// when it names one.
pub(crate) fn read_article(
    title: &str,
    body: &str,
    extract: impl Fn(&str, Reading) -> Entities,
) -> ArticleEntities {
    let title = title.trim();
    let title_countries = if title.is_empty() || title::contains(body.as_bytes(), title.as_bytes())
    {
        Vec::new()
    } else {
        extract(title, Reading::Title).countries
    };
    let sole = match &title_countries[..] {
        [c] => Some(c.name.as_str()),
        _ => None,
    };
    ArticleEntities {
        body: extract(body, Reading::Body(sole)),
        title_countries,
    }
}

/// What a text is read for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reading<'a> {
    /// An article's body, for all its entities, with the country (its common
    /// name) the article's title names, if one.
    Body(Option<&'a str>),
    /// A title the body does not repeat, for its countries only.
    Title,
}

impl Reading<'_> {
    fn is_title(self) -> bool {
        matches!(self, Reading::Title)
    }
}

/// Per-thread buffers of [`Extractor::extract`].
#[derive(Default)]
struct Scratch {
    tokens: Vec<text::Token>,
    lines: Vec<text::Line>,
    flags: Vec<u8>,
    is_place: Vec<bool>,
    cache: lexicon::FlagCache,
    flat: Vec<u8>,
    /// The capitalised words' token indices (`capitals`).
    caps: Vec<usize>,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `f` with this thread's buffers from `key`, kept from call to call; with
/// fresh ones when the thread's are in use (re-entered on this thread, which
/// cannot happen today).
fn with_scratch<S: Default + 'static, R>(
    key: &'static std::thread::LocalKey<std::cell::RefCell<S>>,
    f: impl FnOnce(&mut S) -> R,
) -> R {
    key.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        Err(_) => f(&mut S::default()),
    })
}

/// A list of one item with room for three more: an entity named twice gets its
/// second mention without a reallocation (`vec![x]` has room for one only).
fn first_of_few<T>(first: T) -> Vec<T> {
    let mut v = Vec::with_capacity(4);
    v.push(first);
    v
}

fn mention(text: &str, start: usize, end: usize) -> Mention {
    Mention {
        start,
        end,
        text: text[start..end].to_string(),
    }
}

fn assemble_persons(text: &str, found: persons::Resolved) -> Vec<Person> {
    let mut persons: Vec<Person> = found
        .into_iter()
        .map(|(name, spans)| Person {
            name,
            mentions: spans
                .into_iter()
                .map(|(s, e)| mention(text, s, e))
                .collect(),
        })
        .collect();
    persons.sort_by_key(|p| p.mentions.first().map_or(usize::MAX, |m| m.start));
    persons
}

fn assemble_organizations(text: &str, found: orgs::Resolved) -> Vec<Organization> {
    let mut out: Vec<Organization> = found
        .into_iter()
        .map(|(name, spans, _)| Organization {
            name,
            mentions: spans
                .into_iter()
                .map(|(s, e)| mention(text, s, e))
                .collect(),
        })
        .collect();
    out.sort_by_key(|o| o.mentions.first().map_or(usize::MAX, |m| m.start));
    out
}

fn assemble_countries(text: &str, hits: &[places::PlaceHit]) -> Vec<CountryEntity> {
    let table = countries::entries();
    let mut out: Vec<(u16, CountryEntity)> = Vec::new();
    for h in hits {
        let m = mention(text, h.start, h.end);
        match out.iter_mut().find(|(c, _)| *c == h.country) {
            Some((_, e)) => e.mentions.push(m),
            None => {
                let c = &table[usize::from(h.country)].country;
                out.push((
                    h.country,
                    CountryEntity {
                        name: c.name.to_string(),
                        code: c.alpha2.to_string(),
                        mentions: first_of_few(m),
                    },
                ));
            }
        }
    }
    out.into_iter().map(|(_, e)| e).collect()
}

fn assemble_dates(text: &str, hits: Vec<dates::DateHit>) -> Vec<DateEntity> {
    let mut out: Vec<DateEntity> = Vec::new();
    for (value, s, e) in hits {
        let m = mention(text, s, e);
        match out.iter_mut().find(|d| d.value == value) {
            Some(d) => d.mentions.push(m),
            None => out.push(DateEntity {
                value,
                mentions: first_of_few(m),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests;

/// Time spent in each stage over `texts`, for profiling the extractor on a corpus:
/// (tokenising, lexicon flags, places, persons, dates, organisations). Not part of
/// the stable API.
#[doc(hidden)]
pub fn stage_times(ex: &Extractor, texts: &[&str]) -> [std::time::Duration; 6] {
    use std::time::Instant;
    let mut t = [std::time::Duration::ZERO; 6];
    let mut cache = lexicon::FlagCache::default();
    let mut tokens = Vec::new();
    let mut lines = Vec::new();
    let mut flat = Vec::new();
    let mut caps = Vec::new();
    for text in texts {
        let a = Instant::now();
        text::tokenize_into(text, &mut tokens, &mut lines, &mut caps);
        let tokens = &tokens[..];
        let f = Instant::now();
        let mut flags = Vec::new();
        ex.lexicon_flags(text, tokens, &caps, &mut cache, &mut flags);
        let b = Instant::now();
        let hits = ex
            .places
            .find(text, tokens, &caps, &flags, &ex.lexicon, &mut flat);
        let c = Instant::now();
        let mut is_place = Vec::new();
        mark_places(tokens, &hits, &mut is_place);
        let p = persons::find(text, tokens, &caps, &is_place, &flags, &ex.lexicon);
        let d = Instant::now();
        let dd = dates::find(text, tokens, None);
        let e = Instant::now();
        let o = orgs::find(
            text,
            tokens,
            &caps,
            &is_place,
            &flags,
            &ex.lexicon,
            &ex.orgs,
        );
        let g = Instant::now();
        std::hint::black_box((p, dd, o));
        t[5] += g - e;
        t[0] += f - a;
        t[1] += b - f;
        t[2] += c - b;
        t[3] += d - c;
        t[4] += e - d;
    }
    t
}

/// Sets `is_place[k]` for every token inside a place hit, so that the person rules
/// do not take a place for a name.
fn mark_places(tokens: &[text::Token], hits: &[places::PlaceHit], is_place: &mut Vec<bool>) {
    is_place.clear();
    is_place.resize(tokens.len(), false);
    for h in hits {
        let from = tokens.partition_point(|t| t.start() < h.start);
        for (k, t) in tokens.iter().enumerate().skip(from) {
            if t.start() >= h.end {
                break;
            }
            is_place[k] = true;
        }
    }
}
