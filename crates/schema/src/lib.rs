//! The news index's tantivy schema and text analysis, defined once for the crate
//! that writes the index and the crate that reads it.
//!
//! Custom tokenizers are not stored in a tantivy index, so every opener calls
//! [`register_tokenizers`] (both [`create_or_open`] and [`open`] do).
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("schema-doc-{}", std::process::id()));
//! let (index, fields) = search_schema::create_or_open(&dir).unwrap();
//! assert_eq!(index.schema().get_field_name(fields.body), "body");
//! let again = search_schema::open(&dir).unwrap();
//! assert_eq!(again.0.schema(), index.schema());
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

#![warn(missing_docs)]

pub mod aliases;
pub mod tokenizer;

pub use tokenizer::MAX_TOKEN_BYTES;

use std::fmt;
use std::path::{Path, PathBuf};

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, directory::MmapDirectory};

use search_types::fields as names;

/// Name under which the text analyzer of `title` and `body` is registered.
pub const NEWS_TOKENIZER: &str = "news";

/// The index format, written as the payload of every commit (see [`commit`]).
/// The schema alone does not tell formats apart: format 2 stores the string
/// dictionaries of fast fields without zstd, which this program no longer links;
/// format 3 keys person names with [`search_types::keys::name_key`] (accents
/// folded, spaces normalised), which format 2 only lower-cased, and adds
/// organisations, url, source and the publication day. This program
/// cannot read an index whose last commit carries no payload or another.
pub const FORMAT: &str = "search-index 3";

/// Every field of the index, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Unique source key: canonical file path, `#N` appended for a record of a
    /// JSON-lines file. Updates delete by this term. Indexed and fast (the
    /// incremental state and the by-path order read the column); not stored,
    /// as nothing reads it from the document store.
    pub key: Field,
    /// The article id shown to users (stable across edits). Indexed, stored.
    pub id: Field,
    /// The path as the user gave it. Stored.
    pub path: Field,
    /// Headline. Full text with positions, stored.
    pub title: Field,
    /// Article text. Full text with positions, stored (snippets need it).
    pub body: Field,
    /// Publication date at its precision (`2025-12-17`), when known. Stored.
    pub published: Field,
    /// xxh3 of the file's bytes. Fast (incremental runs read it as a column).
    pub hash: Field,
    /// File size in bytes. Fast (incremental runs compare it).
    pub size: Field,
    /// File modification time, ns since the epoch. Fast, as `size`.
    pub mtime: Field,
    /// Canonical person names. Stored, fast (facets); not indexed: the person
    /// filter searches `person_key`.
    pub person: Field,
    /// [`search_types::keys::name_key`] of person names and aliases (every
    /// mention text). Filters.
    pub person_key: Field,
    /// Canonical organisation names, spaces normalised. Stored, fast (facets).
    pub organization: Field,
    /// [`search_types::keys::name_key`] of organisation names and aliases. Filters.
    pub organization_key: Field,
    /// The article's web address, when known. Stored.
    pub url: Field,
    /// The publication or outlet it came from, when known. Stored.
    pub source: Field,
    /// Publication date as days since 1970-01-01 (the first day of a month or a
    /// year), absent when unknown. Fast: sorting by date.
    pub published_day: Field,
    /// Country common names ("Iran"). Indexed raw, stored, fast (facets, filters).
    pub country: Field,
    /// Dates mentioned, at their precision (`2021-08`). Stored.
    pub date: Field,
    /// Date facet buckets: `YYYY-MM` for day and month dates, `YYYY` for years;
    /// publication date included. Fast.
    pub date_bucket: Field,
    /// Range-filter keys of every date (publication date included), one field per
    /// precision so that "the date lies within [from, to]" is a range per field:
    /// days since 1970-01-01, months since year 0 (`year * 12 + month - 1`), years.
    /// Fast only: tantivy answers a range query on a fast field from the column,
    /// so a term index of them would never be read.
    pub date_day: Field,
    /// Months since year 0 of month dates (see `date_day`).
    pub date_month: Field,
    /// Years of year dates (see `date_day`).
    pub date_year: Field,
}

/// Builds the schema and its fields.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEWS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        key: b.add_text_field("key", STRING | FAST),
        id: b.add_text_field("id", STRING | STORED),
        path: b.add_text_field("path", STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        published: b.add_text_field("published", STORED),
        hash: b.add_u64_field("hash", FAST),
        size: b.add_u64_field("size", FAST),
        mtime: b.add_i64_field("mtime", FAST),
        person: b.add_text_field(names::PERSON, STORED | FAST),
        person_key: b.add_text_field(names::PERSON_KEY, STRING),
        country: b.add_text_field(names::COUNTRY, STRING | STORED | FAST),
        organization: b.add_text_field(names::ORGANIZATION, STORED | FAST),
        organization_key: b.add_text_field(names::ORGANIZATION_KEY, STRING),
        url: b.add_text_field("url", STORED),
        source: b.add_text_field("source", STORED),
        published_day: b.add_i64_field(names::PUBLISHED_DAY, FAST),
        date: b.add_text_field("date", STORED),
        date_bucket: b.add_text_field(names::DATE_BUCKET, FAST),
        date_day: b.add_i64_field(names::DATE_DAY, FAST),
        date_month: b.add_i64_field(names::DATE_MONTH, FAST),
        date_year: b.add_i64_field(names::DATE_YEAR, FAST),
    };
    (b.build(), fields)
}

/// Resolves the fields of an existing schema, or `None` if one is missing or of
/// another type (an index from another version of this program).
fn fields_of(index: &Index) -> Option<Fields> {
    let (expected, fields) = build_schema();
    (index.schema() == expected).then_some(fields)
}

/// The analyzer of `title` and `body`: split on non-alphanumerics, drop tokens of
/// [`MAX_TOKEN_BYTES`] or more, lower-case, fold accents (Muttaqī matches Muttaqi). Tantivy's
/// `SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser` and `AsciiFoldingFilter`
/// chained give the same tokens; [`tokenizer::NewsTokenizer`] does it in one pass.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(tokenizer::NewsTokenizer::default())
}

/// Registers the custom tokenizers on an index. Call on every open.
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(NEWS_TOKENIZER, news_analyzer());
}

/// Why an index directory could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// No index at this path.
    Missing(PathBuf),
    /// Something is there but it is not an index this program wrote, or it is
    /// damaged.
    Unreadable(PathBuf, tantivy::TantivyError),
    /// An index written with another schema or [`FORMAT`] (another version of
    /// this program).
    SchemaMismatch(PathBuf),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Missing(p) => write!(f, "no index at {}", p.display()),
            OpenError::Unreadable(p, e) => {
                write!(f, "{} is not a readable index: {e}", p.display())
            }
            OpenError::SchemaMismatch(p) => write!(
                f,
                "the index at {} was written by another version of this program",
                p.display()
            ),
        }
    }
}

impl std::error::Error for OpenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OpenError::Unreadable(_, e) => Some(e),
            _ => None,
        }
    }
}

/// Commits `writer`'s changes, marking the index with [`FORMAT`]. Every commit of
/// this program goes through here: [`open`] refuses an index whose last commit
/// does not carry the mark.
pub fn commit<D: tantivy::Document>(writer: &mut IndexWriter<D>) -> tantivy::Result<u64> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(FORMAT);
    prepared.commit()
}

/// Whether the index holds segments written by another format. An index without
/// segments (new, or emptied) holds nothing to misread.
fn other_format(index: &Index) -> tantivy::Result<bool> {
    let metas = index.load_metas()?;
    Ok(!metas.segments.is_empty() && metas.payload.as_deref() != Some(FORMAT))
}

/// Opens an existing index for reading or writing, tokenizers registered.
pub fn open(dir: &Path) -> Result<(Index, Fields), OpenError> {
    if !dir.join("meta.json").is_file() {
        return Err(OpenError::Missing(dir.to_path_buf()));
    }
    let unreadable = |e| OpenError::Unreadable(dir.to_path_buf(), e);
    let index = Index::open_in_dir(dir).map_err(unreadable)?;
    let fields = fields_of(&index).ok_or_else(|| OpenError::SchemaMismatch(dir.to_path_buf()))?;
    if other_format(&index).map_err(unreadable)? {
        return Err(OpenError::SchemaMismatch(dir.to_path_buf()));
    }
    register_tokenizers(&index);
    Ok((index, fields))
}

/// Opens the index in `dir`, creating the directory and an empty index when there
/// is none.
pub fn create_or_open(dir: &Path) -> Result<(Index, Fields), OpenError> {
    if dir.join("meta.json").is_file() {
        return open(dir);
    }
    let unreadable = |e: tantivy::TantivyError| OpenError::Unreadable(dir.to_path_buf(), e);
    std::fs::create_dir_all(dir).map_err(|e| unreadable(e.into()))?;
    let directory = MmapDirectory::open(dir).map_err(|e| unreadable(e.into()))?;
    let (schema, fields) = build_schema();
    let index = Index::create(directory, schema, Default::default()).map_err(unreadable)?;
    register_tokenizers(&index);
    Ok((index, fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn tokens(text: &str) -> Vec<String> {
        let mut analyzer = news_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn analyzer_lowercases_and_folds_accents() {
        assert_eq!(
            tokens("Muttaqī met Côte d'Ivoire's envoy"),
            ["muttaqi", "met", "cote", "d", "ivoire", "s", "envoy"]
        );
    }

    /// An index of this schema with one document, committed by `commit`.
    fn one_document_index(commit: fn(&mut IndexWriter) -> tantivy::Result<u64>) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "search-schema-format-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let (index, fields) = create_or_open(&dir).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(tantivy::doc!(fields.body => "an article"))
            .unwrap();
        commit(&mut writer).unwrap();
        dir
    }

    #[test]
    fn an_index_committed_without_the_format_mark_is_refused() {
        let dir = one_document_index(|w| w.commit());
        assert!(matches!(open(&dir), Err(OpenError::SchemaMismatch(_))));
        std::fs::remove_dir_all(&dir).unwrap();
        let dir = one_document_index(commit);
        assert!(open(&dir).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn open_reports_a_missing_index() {
        let dir = std::env::temp_dir().join("search-schema-no-such-index");
        assert!(matches!(open(&dir), Err(OpenError::Missing(_))));
    }
}
