//! The extraction result types; their serde form is the `search extract --json` contract.

use serde::Serialize;

use crate::PartialDate;

/// One occurrence of an entity in the text: byte offsets into the UTF-8 text
/// (`text[start..end] == self.text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A person, under the fullest form of the name found in the article, honorifics
/// and titles removed; every mention, a later bare surname too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    pub mentions: Vec<Mention>,
}

/// An organisation (a movement or government, an international body, a ministry,
/// a party, a news outlet, a company) under the fullest form of its name found in
/// the article; every mention, a later short form or acronym too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub name: String,
    pub mentions: Vec<Mention>,
}

/// A country, under its common English short name ("Iran", "United States") with
/// its ISO 3166-1 alpha-2 code; mentions may be names, demonyms, capitals, cities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryEntity {
    pub name: String,
    pub code: String,
    pub mentions: Vec<Mention>,
}

/// A date at the precision the text gives (`2025-12-17`, `2021-08`, `2021`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateEntity {
    pub value: PartialDate,
    pub mentions: Vec<Mention>,
}

/// Everything extracted from one text. Each list is sorted by first mention; each
/// entity's mentions are sorted by `start`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Entities {
    pub persons: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub countries: Vec<CountryEntity>,
    pub dates: Vec<DateEntity>,
}
