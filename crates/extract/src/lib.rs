//! Entity extraction for news text: the **persons**, **countries** and **dates** an
//! article mentions, each with the byte spans of every mention.
//!
//! No model, no network: gazetteers compiled into the binary and rules over them.
//! The crate knows nothing of files or indexes; text goes in, [`Entities`] come out.
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
//! ```

pub mod countries;
pub mod date;
mod entities;

pub use countries::Country;
pub use date::PartialDate;
pub use entities::{CountryEntity, DateEntity, Entities, Mention, Person};

use std::sync::OnceLock;

/// The compiled gazetteers and rules. Building one is not free (automata over
/// thousands of names), so share it: [`Extractor::global`] builds it once per process.
/// It is `Send + Sync` and extraction takes `&self`.
pub struct Extractor {
    _private: (),
}

impl Extractor {
    /// Builds a new extractor from the compiled-in gazetteers.
    pub fn new() -> Self {
        Extractor { _private: () }
    }

    /// The process-wide extractor, built on first use.
    pub fn global() -> &'static Extractor {
        static GLOBAL: OnceLock<Extractor> = OnceLock::new();
        GLOBAL.get_or_init(Extractor::new)
    }

    /// Extracts the entities of one article's text. `published`, when known, anchors
    /// relative dates ("last week", "on Monday"); without it they are left out.
    pub fn extract(&self, text: &str, published: Option<PartialDate>) -> Entities {
        let _ = (text, published);
        Entities::default()
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}
