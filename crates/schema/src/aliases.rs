//! The alias table of an index: which stored person values are filed under which
//! canonical name ("Reagan" → "Ronald Reagan", "George Schultz" → "George
//! Shultz"). The index writer computes it from the whole index after each run
//! and saves it here; the query side reads it to merge facet values, name hit
//! persons and expand person filters. This module is the one definition of the
//! file, its name and how names are keyed in it.
//!
//! The file is `person-aliases.json` in the index directory:
//! `{"format": 1, "aliases": [["Reagan", "Ronald Reagan"], ...]}`, each pair a
//! stored value and its canonical name. A missing file is an empty table (an
//! index written before aliases existed, or one with nothing to join).
//!
//! ```
//! use search_schema::aliases::AliasTable;
//!
//! let table = AliasTable::new([("Reagan", "Ronald Reagan"), ("Ronald W. Reagan", "Ronald Reagan")]);
//! assert_eq!(table.canonical("Reagan"), "Ronald Reagan");
//! assert_eq!(table.canonical("Donald Regan"), "Donald Regan");
//! assert_eq!(table.resolve("REAGAN"), Some("Ronald Reagan"));
//! assert_eq!(table.variants("Ronald Reagan"), ["Reagan", "Ronald W. Reagan"]);
//! let dir = std::env::temp_dir().join(format!("aliases-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! table.write(&dir).unwrap();
//! assert_eq!(AliasTable::read(&dir).unwrap(), table);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::Path;

use search_types::keys::name_key;
use serde::{Deserialize, Serialize};

/// The file's name in the index directory.
pub const FILE_NAME: &str = "person-aliases.json";

/// The version of the file's layout; a file of another is ignored (read as empty).
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct File {
    format: u32,
    aliases: Vec<(String, String)>,
}

/// Stored person values and the canonical names they are filed under.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasTable {
    /// Stored value → canonical name, sorted (the file lists them in this order).
    canonical_of: BTreeMap<String, String>,
    /// [`name_key`] of a value or canonical name → canonical name.
    by_key: HashMap<String, String>,
    /// Canonical name → its variants, sorted.
    variants: HashMap<String, Vec<String>>,
}

impl AliasTable {
    /// A table of `(stored value, canonical name)` pairs. A pair naming the same
    /// value twice keeps the last.
    pub fn new<V: Into<String>, C: Into<String>>(pairs: impl IntoIterator<Item = (V, C)>) -> Self {
        let mut canonical_of = BTreeMap::new();
        for (value, canonical) in pairs {
            let (value, canonical) = (value.into(), canonical.into());
            if value != canonical {
                canonical_of.insert(value, canonical);
            }
        }
        let mut by_key = HashMap::new();
        let mut variants: HashMap<String, Vec<String>> = HashMap::new();
        for (value, canonical) in &canonical_of {
            by_key.insert(name_key(canonical), canonical.clone());
            variants
                .entry(canonical.clone())
                .or_default()
                .push(value.clone());
        }
        // A variant's key names its canonical only where no canonical name has
        // that key itself.
        for (value, canonical) in &canonical_of {
            by_key
                .entry(name_key(value))
                .or_insert_with(|| canonical.clone());
        }
        AliasTable {
            canonical_of,
            by_key,
            variants,
        }
    }

    /// Whether the table files nothing under another name.
    pub fn is_empty(&self) -> bool {
        self.canonical_of.is_empty()
    }

    /// Number of stored values filed under another name.
    pub fn len(&self) -> usize {
        self.canonical_of.len()
    }

    /// The `(stored value, canonical name)` pairs, sorted by value.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.canonical_of
            .iter()
            .map(|(v, c)| (v.as_str(), c.as_str()))
    }

    /// The name a stored value is filed under: its canonical name, or itself.
    pub fn canonical<'a>(&'a self, value: &'a str) -> &'a str {
        self.canonical_of.get(value).map_or(value, String::as_str)
    }

    /// The canonical name that a name typed by a user (any case, accents, spacing)
    /// stands for, when the table knows it as a variant or a canonical name.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.by_key.get(&name_key(name)).map(String::as_str)
    }

    /// The stored values filed under `canonical` (without it), sorted.
    pub fn variants(&self, canonical: &str) -> &[String] {
        self.variants.get(canonical).map_or(&[], Vec::as_slice)
    }

    /// Reads the table of the index in `dir`; an absent file, or one of another
    /// format version, is an empty table.
    pub fn read(dir: &Path) -> io::Result<Self> {
        let bytes = match std::fs::read(dir.join(FILE_NAME)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e),
        };
        let file: File = serde_json::from_slice(&bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        if file.format != FORMAT {
            return Ok(Self::default());
        }
        Ok(Self::new(file.aliases))
    }

    /// Writes the table into the index directory `dir`, replacing the old one
    /// whole (written aside, then renamed), so a reader never sees half a file.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        let file = File {
            format: FORMAT,
            aliases: self
                .pairs()
                .map(|(v, c)| (v.to_string(), c.to_string()))
                .collect(),
        };
        let tmp = dir.join(format!(".{FILE_NAME}.tmp"));
        std::fs::write(&tmp, serde_json::to_vec(&file)?)?;
        std::fs::rename(&tmp, dir.join(FILE_NAME))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_spacing() {
        let table = AliasTable::new([("Sarney", "José Sarney")]);
        assert_eq!(table.resolve("jose  sarney"), Some("José Sarney"));
        assert_eq!(table.resolve("SARNEY"), Some("José Sarney"));
        assert_eq!(table.resolve("Regan"), None);
    }

    #[test]
    fn a_canonical_name_wins_its_key_over_a_variant() {
        // "Amir Khan Muttaqi" is canonical; a variant stored as "amir khan
        // MUTTAQI" (same key) must not send the key elsewhere.
        let table = AliasTable::new([
            ("Muttaqi", "Amir Khan Muttaqi"),
            ("Amir Khan MUTTAQI", "Amir Khan Muttaqi"),
        ]);
        assert_eq!(
            table.resolve("amir khan muttaqi"),
            Some("Amir Khan Muttaqi")
        );
        assert_eq!(table.variants("Amir Khan Muttaqi").len(), 2);
    }

    #[test]
    fn a_missing_or_foreign_file_is_an_empty_table() {
        let dir = tempfile::tempdir().unwrap();
        assert!(AliasTable::read(dir.path()).unwrap().is_empty());
        std::fs::write(
            dir.path().join(FILE_NAME),
            r#"{"format": 99, "aliases": []}"#,
        )
        .unwrap();
        assert!(AliasTable::read(dir.path()).unwrap().is_empty());
        std::fs::write(dir.path().join(FILE_NAME), "not json").unwrap();
        assert!(AliasTable::read(dir.path()).is_err());
    }
}
