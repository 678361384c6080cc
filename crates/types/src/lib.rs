//! What the writer of the news index, its readers and their tests must agree on,
//! in one small crate that links neither tantivy nor the extractor:
//!
//! - [`PartialDate`]: a date known to the day, the month or only the year;
//! - [`ascii::alnum_end`]: where a run of ASCII letters and digits ends, the
//!   scan both tokenizers make, and [`ascii::lowercase8`], eight bytes
//!   lower-cased at once;
//! - [`countries`]: the country list (common names, ISO codes, alternative and
//!   historical names) and the lookup of what a user typed;
//! - [`keys`]: how a person or organisation name is keyed ([`keys::name_key`]),
//!   how a date is keyed for range filters and bucketed for the date facet;
//! - [`fields`]: the names of the index fields that facets and filters read;
//! - [`panic::message`]: the message of a caught panic, for reporting it as a
//!   bug; [`display::printable`]: untrusted text with its control characters
//!   escaped, for a terminal or a one-line message.
//!
//! The index writer and the query filters call the same functions, so a value
//! written one way is always looked up the same way.
//!
//! ```
//! use search_types::{PartialDate, countries, keys};
//!
//! assert_eq!(keys::name_key("José\u{a0}SARNEY"), keys::name_key("Jose  Sarney"));
//! assert_eq!(countries::lookup("Persia").unwrap().alpha2, "IR");
//! let date: PartialDate = "2021-08-15".parse().unwrap();
//! assert_eq!(keys::date_bucket(&date), "2021-08");
//! ```

#![warn(missing_docs)]

pub mod ascii;
pub mod countries;
pub mod date;
pub mod display;
pub mod fields;
pub mod keys;
pub mod panic;

pub use countries::Country;
pub use date::{DateParseError, PartialDate, days_in_month};
