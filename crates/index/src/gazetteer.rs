//! The user's gazetteer of a run, and re-extracting what a change to it affects.
//!
//! The index directory records the gazetteer its articles were last extracted
//! with ([`APPLIED_FILE`], in the gazetteer's own format, one spelling). A run
//! whose gazetteer differs re-extracts the files with an article whose body or
//! headline contains a name, alias or town of an entry added, removed or
//! changed, found with the index itself (a phrase query per name); the other
//! articles would extract the same. The record is updated once a complete run
//! has re-extracted them all; an interrupted run, or one over other folders than
//! the affected files', leaves it, so the next run tries again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use search_extract::user::Gazetteer;
use search_schema::Fields;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, ReloadPolicy, Term};

use crate::IndexError;
use crate::state::{KeySet, file_key};

/// The gazetteer read from the index directory when a run names none.
pub const DEFAULT_FILE: &str = "gazetteer.txt";

/// The gazetteer the index's articles were extracted with.
pub const APPLIED_FILE: &str = "gazetteer-applied.txt";

/// The gazetteer of a run: the file given, else the index directory's
/// [`DEFAULT_FILE`] when there is one, else none (empty).
pub fn load(index_dir: &Path, given: Option<&Path>) -> Result<Gazetteer, IndexError> {
    let path: PathBuf = match given {
        Some(p) => p.to_path_buf(),
        None => {
            let default = index_dir.join(DEFAULT_FILE);
            if !default.is_file() {
                return Ok(Gazetteer::default());
            }
            default
        }
    };
    Ok(Gazetteer::load(&path)?)
}

/// The gazetteer the index was last extracted with (none for an index without
/// the record: it was extracted without one). An unreadable record reads as
/// none, and the run re-extracts what the current gazetteer names.
pub fn applied(index_dir: &Path) -> Gazetteer {
    std::fs::read_to_string(index_dir.join(APPLIED_FILE))
        .ok()
        .and_then(|text| Gazetteer::parse(&text).ok())
        .unwrap_or_default()
}

/// Records `gazetteer` as the one the index is extracted with (written aside,
/// then renamed).
pub fn record_applied(index_dir: &Path, gazetteer: &Gazetteer) -> Result<(), IndexError> {
    let path = index_dir.join(APPLIED_FILE);
    let io = |source| IndexError::Io {
        path: path.clone(),
        source,
    };
    if gazetteer.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
        };
    }
    let tmp = index_dir.join(format!(".{APPLIED_FILE}.tmp"));
    std::fs::write(&tmp, gazetteer.to_text()).map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)
}

/// The files (keys without `#N`) with an article whose body or title contains
/// one of `names` as a phrase, in the committed state of `index`.
pub fn files_mentioning(
    index: &Index,
    fields: &Fields,
    names: &BTreeSet<String>,
) -> Result<KeySet, IndexError> {
    let mut files = KeySet::default();
    if names.is_empty() {
        return Ok(files);
    }
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for name in names {
        for field in [fields.body, fields.title] {
            if let Some(q) = phrase(index, field, name) {
                any.push((Occur::Should, q));
            }
        }
    }
    if any.is_empty() {
        return Ok(files);
    }
    let docs = searcher.search(&BooleanQuery::new(any), &DocSetCollector)?;
    let key_name = searcher.schema().get_field_name(fields.key);
    let mut columns = Vec::new();
    for segment in searcher.segment_readers() {
        columns.push(segment.fast_fields().str(key_name)?);
    }
    let mut bytes = Vec::new();
    for addr in docs {
        let Some(column) = &columns[addr.segment_ord as usize] else {
            continue;
        };
        if let Some(ord) = column.term_ords(addr.doc_id).next() {
            bytes.clear();
            if column
                .ord_to_bytes(ord, &mut bytes)
                .map_err(tantivy::TantivyError::from)?
            {
                files.insert(file_key(&String::from_utf8_lossy(&bytes)).to_string());
            }
        }
    }
    Ok(files)
}

/// The query for `name` as a phrase of `field`, analysed as the field is.
fn phrase(index: &Index, field: Field, name: &str) -> Option<Box<dyn Query>> {
    let mut analyzer = index.tokenizer_for_field(field).ok()?;
    let mut stream = analyzer.token_stream(name);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push((token.position, Term::from_field_text(field, &token.text)));
    }
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.remove(0).1,
            IndexRecordOption::Basic,
        ))),
        _ => Some(Box::new(PhraseQuery::new_with_offset(terms))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Indexer;

    #[test]
    fn the_files_mentioning_a_changed_name_are_found_with_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir(&src).unwrap();
        let files = [
            ("a.txt", "Gold\nBre-X said its gold find was real."),
            ("b.txt", "Talks\nFighting near Spin Boldak, officials said."),
            ("c.txt", "Markets\nShares of Bre rose; X fell."),
        ];
        for (name, text) in files {
            std::fs::write(src.join(name), text).unwrap();
        }
        let index_dir = dir.path().join("index");
        Indexer::new(&index_dir)
            .threads(1)
            .update(std::slice::from_ref(&src))
            .unwrap();
        let (index, fields) = search_schema::open(&index_dir).unwrap();
        let key = |name: &str| {
            std::fs::canonicalize(src.join(name))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let found = |list: &[&str]| {
            let mut v: Vec<String> = files_mentioning(&index, &fields, &names(list))
                .unwrap()
                .into_iter()
                .collect();
            v.sort();
            v
        };
        assert_eq!(found(&["Bre-X"]), [key("a.txt")]);
        assert_eq!(
            found(&["spin boldak", "Bre-X"]),
            [key("a.txt"), key("b.txt")]
        );
        assert_eq!(found(&["Boldak Spin", "Mottaki"]), Vec::<String>::new());
        assert_eq!(found(&[]), Vec::<String>::new());
    }
}
