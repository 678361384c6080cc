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
//!   (any name [`crate::countries::lookup`] knows: `Afghanistan`, `AF`).
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

mod apply;
mod gazetteer;
#[cfg(test)]
mod tests;

pub use apply::UserExtractor;
pub use gazetteer::{Gazetteer, GazetteerError};
