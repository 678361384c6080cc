//! The extraction result types; their serde form is the `search extract --json` contract.

use serde::Serialize;

use crate::PartialDate;

/// One occurrence of an entity in the text: byte offsets into the UTF-8 text
/// (`text[start..end] == self.text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// The text as it stands there.
    pub text: String,
}

/// A person, under the fullest form of the name found in the article, honorifics
/// and titles removed; every mention, a later bare surname too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The fullest form of the name.
    pub name: String,
    /// Every occurrence, by `start`.
    pub mentions: Vec<Mention>,
}

/// An organisation (a movement or government, an international body, a ministry,
/// a party, a news outlet, a company) under the fullest form of its name found in
/// the article; every mention, a later short form or acronym too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    /// The fullest form of the name.
    pub name: String,
    /// Every occurrence, by `start`.
    pub mentions: Vec<Mention>,
}

/// A country, under its common English short name ("Iran", "United States") with
/// its ISO 3166-1 alpha-2 code; mentions may be names, demonyms, capitals, cities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryEntity {
    /// Common English short name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Every occurrence, by `start`.
    pub mentions: Vec<Mention>,
}

/// A date at the precision the text gives (`2025-12-17`, `2021-08`, `2021`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateEntity {
    /// The date at its precision.
    pub value: PartialDate,
    /// Every occurrence, by `start`.
    pub mentions: Vec<Mention>,
}

/// Everything extracted from one text. Each list is sorted by first mention; each
/// entity's mentions are sorted by `start`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Entities {
    /// Persons.
    pub persons: Vec<Person>,
    /// Organisations.
    pub organizations: Vec<Organization>,
    /// Countries.
    pub countries: Vec<CountryEntity>,
    /// Dates.
    pub dates: Vec<DateEntity>,
}

/// What is extracted from an article with a title
/// ([`Extractor::extract_article`](crate::Extractor::extract_article)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleEntities {
    /// The body's entities; their spans point into the body.
    pub body: Entities,
    /// The countries the title names, when the body does not repeat the title
    /// (some may be the body's too: [`merged`](Self::merged) files each once);
    /// their spans point into the title.
    pub title_countries: Vec<CountryEntity>,
}

impl ArticleEntities {
    /// The body's entities with the title's countries after its own: the article's
    /// entities as the index files them.
    pub fn merged(self) -> Entities {
        let mut entities = self.body;
        for country in self.title_countries {
            if !entities.countries.iter().any(|c| c.name == country.name) {
                entities.countries.push(country);
            }
        }
        entities
    }
}
