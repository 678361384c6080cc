//! The engine's schema and how every value is keyed in it: the one definition
//! the writer and the reader both call.
//!
//! Each shard holds an RT index `articles` (see `deploy/sphinx/shards.sh`):
//!
//! | column | kind | holds |
//! | --- | --- | --- |
//! | `title`, `body` | `rt_field` | the text as this program's analyser tokenises it (lower case, accents folded), tokens joined by spaces |
//! | `every` | `rt_field` | the token `_all`, so that a query of exclusions only can be written |
//! | `key`, `file` | `rt_attr_string` | the article's key and its file's key |
//! | `file_sig` | `rt_attr_bigint` | the file's size and modification time, hashed: a re-run sends a file again when it changed |
//! | `dated`, `published_day` | `rt_attr_uint`, `rt_attr_bigint` | whether there is a publication date, and its day |
//! | `persons`, `orgs`, `countries`, `buckets` | `rt_attr_multi_64` | [`value_id`]s of the facet values |
//! | `person_keys`, `org_keys` | `rt_attr_multi_64` | [`value_id`]s of the name keys the filters look up |
//! | `days`, `months`, `years` | `rt_attr_multi_64` | date keys plus [`DATE_OFFSET`] |
//! | `stored` | `rt_attr_string` | the hit's fields as JSON ([`Stored`]) |
//! | `article_id` | `rt_attr_bigint` | [`article_id`] of the article's id: how an id that was not derived from the key (a JSON record's own `id`) is found |
//!
//! Shard 0 also holds `names` (`kind`, `value`, `name`, `canonical`): every
//! facet value and date key by its id, so that a reader maps ids back, and the
//! person alias table (kind [`Kind::Alias`]).

use search_types::PartialDate;
use serde::{Deserialize, Serialize};

/// What a [`value_id`] or a `names` row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// A person as stored (a facet value).
    Person = 1,
    /// A person name key (filters).
    PersonKey = 2,
    /// An organisation as stored.
    Organization = 3,
    /// An organisation name key.
    OrganizationKey = 4,
    /// A country common name.
    Country = 5,
    /// A date bucket (`YYYY-MM`, `YYYY`).
    Bucket = 6,
    /// A day key.
    Day = 7,
    /// A month key.
    Month = 8,
    /// A year key.
    Year = 9,
    /// A person alias: `name` filed under `canonical`.
    Alias = 10,
}

/// Date keys are stored shifted by this, so that days before 1970 stay positive.
pub const DATE_OFFSET: i64 = 1 << 32;

/// The id of a value of a kind: 63 bits of the xxh3 of the kind's byte and
/// the value, never 0. (Not xxh3 seeded with the kind: for inputs of 1 to 3
/// bytes the seed mixes linearly with the last byte, so `M-1` seeded 3 and
/// `M-3` seeded 1 collide.)
///
/// ```
/// use search_sphinx::schema::{Kind, value_id};
///
/// assert_eq!(value_id(Kind::Country, "Iran"), value_id(Kind::Country, "Iran"));
/// assert_ne!(value_id(Kind::Country, "Iran"), value_id(Kind::Person, "Iran"));
/// assert!(value_id(Kind::Person, "") > 0);
/// ```
pub fn value_id(kind: Kind, value: &str) -> u64 {
    let mut bytes = Vec::with_capacity(value.len() + 1);
    bytes.push(kind as u8);
    bytes.extend_from_slice(value.as_bytes());
    hash63(&bytes).max(1)
}

/// The document id of an article key (63 bits of its xxh3, never 0).
pub fn doc_id(key: &str) -> u64 {
    hash63(key.as_bytes()).max(1)
}

/// The `article_id` column of the article with id `id` (a hit's id): 63 bits
/// of its xxh3, never 0. An id derived from the key finds its document
/// directly ([`doc_id_of_derived`]); any other id (a JSON record's own) is
/// looked up by this column.
pub fn article_id(id: &str) -> u64 {
    hash63(id.as_bytes()).max(1)
}

/// The document id of an article whose id was derived from its key
/// ([`search_index::article::derived_id`]: the key's xxh3 in 16 hex digits,
/// the hash [`doc_id`] keeps 63 bits of), or `None` for an id of another form
/// (a record's own id, found by [`article_id`] instead).
///
/// ```
/// use search_index::article::derived_id;
/// use search_sphinx::schema::{doc_id, doc_id_of_derived};
///
/// let key = "/news/2025/kabul.txt";
/// assert_eq!(doc_id_of_derived(&derived_id(key)), Some(doc_id(key)));
/// assert_eq!(doc_id_of_derived("reuters-1987-0042"), None);
/// ```
pub fn doc_id_of_derived(id: &str) -> Option<u64> {
    let hex = id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let hash = u64::from_str_radix(id, 16).ok().filter(|_| hex)?;
    Some((hash & (i64::MAX as u64)).max(1))
}

/// The shard (of `shards`) that holds document `id`.
pub fn shard_of(id: u64, shards: usize) -> usize {
    (id % shards.max(1) as u64) as usize
}

/// A file's signature: its size and modification time, hashed.
pub fn file_sig(size: u64, mtime: i64) -> i64 {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&size.to_le_bytes());
    bytes[8..].copy_from_slice(&mtime.to_le_bytes());
    hash63(&bytes) as i64
}

/// 63 bits of the xxh3 of `bytes`: what the engine's signed 64-bit attributes
/// hold without a sign.
fn hash63(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes) & (i64::MAX as u64)
}

/// What a hit shows, kept whole in the `stored` column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// The article id.
    pub id: String,
    /// The file's absolute path.
    pub path: String,
    /// Web address.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Headline.
    pub title: String,
    /// Text (snippets are cut from it).
    pub body: String,
    /// Publication date.
    pub published: Option<PartialDate>,
    /// Persons as stored (not yet under their canonical names).
    pub persons: Vec<String>,
    /// Organisations.
    pub organizations: Vec<String>,
    /// Countries.
    pub countries: Vec<String>,
    /// Dates mentioned.
    pub dates: Vec<PartialDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_of_two_kinds_do_not_collide() {
        // These two collided when the kind was the hash's seed.
        assert_ne!(
            value_id(Kind::Organization, "M-1"),
            value_id(Kind::Person, "M-3")
        );
        let mut ids = std::collections::HashSet::new();
        for kind in [
            Kind::Person,
            Kind::Organization,
            Kind::Country,
            Kind::Bucket,
        ] {
            for a in 0u8..=255 {
                for b in [b'1', b'3', b'A'] {
                    let v = [a, b];
                    if let Ok(v) = std::str::from_utf8(&v) {
                        assert!(ids.insert(value_id(kind, v)), "{kind:?} {v}");
                    }
                }
            }
        }
    }
}
