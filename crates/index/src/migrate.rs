//! Indexes written before stored paths were absolute.
//!
//! An article's stored `path` used to be the path as given to `search index`,
//! relative to the folder it ran in, so a hit's path opened only from there.
//! It is now the file's absolute path (its key without the record number). An
//! index of the old kind is recognised by a relative stored path, and the next
//! run reads the files under its inputs again, once, to store their absolute
//! paths (their keys were absolute all along, so nothing is duplicated and the
//! counts say `unchanged`).

use search_schema::Fields;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, ReloadPolicy, TantivyDocument};

/// Whether the index holds an article whose stored path is relative: one
/// written before paths were absolute. Looks at the first article only, as an
/// index is migrated a whole input at a time.
pub fn has_relative_paths(index: &Index, fields: &Fields) -> tantivy::Result<bool> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(doc) = segment.doc_ids_alive().next() else {
            continue;
        };
        let doc: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
        let path = doc.get_first(fields.path).and_then(|v| v.as_str());
        return Ok(path.is_some_and(|p| !std::path::Path::new(p).is_absolute()));
    }
    Ok(false)
}
