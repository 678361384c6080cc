//! The document the writer hands tantivy: an article's texts moved in, not
//! copied, and the values made from its entities written end to end in one
//! buffer.
//!
//! tantivy's own document type copies every text into a buffer of its own. A
//! build's workers spent 14% of their time making those documents (300k
//! records, `perf`): copying each body once more, and allocating for every
//! date, key and name. tantivy's writers read any type that implements
//! [`Document`] in place, and its store keeps what they read, so an index
//! written from an [`ArticleDoc`] reads back as one written from a
//! `TantivyDocument` would.
//!
//! A [`DocBuilder`] gathers the values in buffers it keeps from one document to
//! the next, and each document takes an exact-size copy: tantivy holds up to
//! 10,000 documents waiting to be indexed, and room to spare in each would add
//! up.
//!
//! ```
//! use search_index::document::DocBuilder;
//! use tantivy::schema::Value;
//!
//! let (_, fields) = search_schema::build_schema();
//! let mut builder = DocBuilder::default();
//! builder.add_text(fields.country, "Iran");
//! builder.add_i64(fields.mtime, 7);
//! let doc = builder.finish("/news/a.txt".into(), String::new(), String::new());
//! assert_eq!(doc.key(), "/news/a.txt");
//! assert_eq!(doc.get_first(fields.country).and_then(|v| v.as_str()), Some("Iran"));
//! assert_eq!(doc.get_first(fields.mtime).and_then(|v| v.as_i64()), Some(7));
//! ```

use std::ops::Range;

use tantivy::Document;
use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf};
use tantivy::schema::{Field, Value};

/// Where one of a document's values is. Offsets are `u32`: an article's texts
/// are at most [`crate::article::MAX_FILE_BYTES`], and what is made from them
/// a few times that; four bytes, not eight, halve the size of a value.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// One of the texts moved in.
    Own(Own),
    /// A stretch of the made-here texts.
    Made(u32, u32),
    /// A number, as two halves so that a value aligns to four bytes.
    U64([u32; 2]),
    I64([u32; 2]),
}

/// The texts a document owns, moved from its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Own {
    Key,
    /// The key's first so many bytes (its file's key: the stored path).
    KeyPrefix(u32),
    Title,
    Body,
}

/// An article's document (see the module's overview).
#[derive(Debug, Default)]
pub struct ArticleDoc {
    key: String,
    title: String,
    body: String,
    /// The texts made for this document, one after another.
    made: Box<str>,
    values: Box<[(Field, Slot)]>,
}

/// Gathers a document's values; see the module's overview.
#[derive(Debug, Default)]
pub struct DocBuilder {
    made: String,
    values: Vec<(Field, Slot)>,
}

fn split(n: u64) -> [u32; 2] {
    [(n >> 32) as u32, n as u32]
}

fn join([high, low]: [u32; 2]) -> u64 {
    (u64::from(high) << 32) | u64::from(low)
}

fn offset(n: usize) -> u32 {
    debug_assert!(
        u32::try_from(n).is_ok(),
        "{n} bytes into one article's texts"
    );
    n as u32
}

/// One value of an [`ArticleDoc`], as tantivy reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf<'a> {
    /// A text.
    Str(&'a str),
    /// An unsigned number.
    U64(u64),
    /// A signed number.
    I64(i64),
}

impl<'a> Value<'a> for Leaf<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match *self {
            Leaf::Str(s) => ReferenceValueLeaf::Str(s),
            Leaf::U64(n) => ReferenceValueLeaf::U64(n),
            Leaf::I64(n) => ReferenceValueLeaf::I64(n),
        })
    }
}

impl DocBuilder {
    /// Adds an owned text as a value of `field`.
    pub(crate) fn add_own(&mut self, field: Field, own: Own) {
        self.values.push((field, Slot::Own(own)));
    }

    /// Adds the key's first `len` bytes as a value of `field`.
    pub(crate) fn add_key_prefix(&mut self, field: Field, len: usize) {
        self.add_own(field, Own::KeyPrefix(offset(len)));
    }

    /// Adds a copy of `text` as a value of `field`.
    pub fn add_text(&mut self, field: Field, text: &str) {
        let range = self.write(|made| made.push_str(text));
        self.add_made(field, range);
    }

    /// Adds a number as a value of `field`.
    pub fn add_u64(&mut self, field: Field, value: u64) {
        self.values.push((field, Slot::U64(split(value))));
    }

    /// Adds a signed number as a value of `field`.
    pub fn add_i64(&mut self, field: Field, value: i64) {
        self.values.push((field, Slot::I64(split(value as u64))));
    }

    /// Lets `f` append a text to the made-here texts, and returns where it
    /// went, for [`Self::add_made`] (or to be taken back with [`Self::unwrite`]).
    pub(crate) fn write(&mut self, f: impl FnOnce(&mut String)) -> Range<usize> {
        let start = self.made.len();
        f(&mut self.made);
        start..self.made.len()
    }

    /// Takes back the text [`Self::write`] put at `range`, the last one.
    pub(crate) fn unwrite(&mut self, range: Range<usize>) {
        debug_assert_eq!(range.end, self.made.len());
        self.made.truncate(range.start);
    }

    /// A text written with [`Self::write`].
    pub(crate) fn made(&self, range: Range<usize>) -> &str {
        &self.made[range]
    }

    /// Adds the text [`Self::write`] put at `range` as a value of `field`.
    pub(crate) fn add_made(&mut self, field: Field, range: Range<usize>) {
        let slot = Slot::Made(offset(range.start), offset(range.end));
        self.values.push((field, slot));
    }

    /// Adds the texts written at `ranges` as values of `field`, sorted and each
    /// distinct text once; empty texts are left out.
    pub(crate) fn add_made_set(&mut self, field: Field, ranges: &mut Vec<Range<usize>>) {
        let made = &self.made;
        ranges.retain(|r| !r.is_empty());
        ranges.sort_unstable_by(|a, b| made[a.clone()].cmp(&made[b.clone()]));
        ranges.dedup_by(|a, b| made[a.clone()] == made[b.clone()]);
        for range in ranges.drain(..) {
            self.add_made(field, range);
        }
    }

    /// The document of the values added since the last one, owning `key`,
    /// `title` and `body`; the builder is left empty for the next.
    pub fn finish(&mut self, key: String, title: String, body: String) -> ArticleDoc {
        let doc = ArticleDoc {
            key,
            title,
            body,
            made: self.made.as_str().into(),
            values: self.values.as_slice().into(),
        };
        self.made.clear();
        self.values.clear();
        doc
    }
}

impl ArticleDoc {
    /// The article's key: one term of the key field, by which its file's
    /// articles are deleted.
    pub fn key(&self) -> &str {
        &self.key
    }

    fn leaf(&self, slot: Slot) -> Leaf<'_> {
        match slot {
            Slot::Own(Own::Key) => Leaf::Str(&self.key),
            Slot::Own(Own::KeyPrefix(n)) => Leaf::Str(&self.key[..n as usize]),
            Slot::Own(Own::Title) => Leaf::Str(&self.title),
            Slot::Own(Own::Body) => Leaf::Str(&self.body),
            Slot::Made(start, end) => Leaf::Str(&self.made[start as usize..end as usize]),
            Slot::U64(n) => Leaf::U64(join(n)),
            Slot::I64(n) => Leaf::I64(join(n) as i64),
        }
    }

    /// The values of `field`, in the order they were added.
    pub fn get_all(&self, field: Field) -> impl Iterator<Item = Leaf<'_>> {
        self.values
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|&(_, slot)| self.leaf(slot))
    }

    /// The first value of `field`.
    pub fn get_first(&self, field: Field) -> Option<Leaf<'_>> {
        self.get_all(field).next()
    }
}

/// The fields and values of an [`ArticleDoc`], in the order they were added.
pub struct Values<'a> {
    doc: &'a ArticleDoc,
    values: std::slice::Iter<'a, (Field, Slot)>,
}

impl<'a> Iterator for Values<'a> {
    type Item = (Field, Leaf<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let &(field, slot) = self.values.next()?;
        Some((field, self.doc.leaf(slot)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.values.size_hint()
    }
}

impl Document for ArticleDoc {
    type Value<'a> = Leaf<'a>;
    type FieldsValuesIter<'a> = Values<'a>;

    fn iter_fields_and_values(&self) -> Values<'_> {
        Values {
            doc: self,
            values: self.values.iter(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::AllQuery;
    use tantivy::{IndexWriter, TantivyDocument};

    /// What tantivy's store gives back is what was added, field by field and
    /// in order, and the indexed fields find it.
    #[test]
    fn an_index_written_from_it_reads_back_as_it_was_written() {
        let (schema, f) = search_schema::build_schema();
        let index = tantivy::Index::create_in_ram(schema);
        search_schema::register_tokenizers(&index);
        let mut writer: IndexWriter<ArticleDoc> =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut doc = DocBuilder::default();
        doc.add_own(f.key, Own::Key);
        doc.add_key_prefix(f.path, 16);
        doc.add_own(f.title, Own::Title);
        doc.add_own(f.body, Own::Body);
        doc.add_text(f.person, "Amir Khan Muttaqi");
        let mut keys = vec![
            doc.write(|s| s.push_str("muttaqi")),
            doc.write(|s| s.push_str("amir khan muttaqi")),
            doc.write(|s| s.push_str("muttaqi")),
            doc.write(|_| ()),
        ];
        doc.add_made_set(f.person_key, &mut keys);
        let dropped = doc.write(|s| s.push_str("not kept"));
        doc.unwrite(dropped);
        doc.add_text(f.country, "Iran");
        doc.add_u64(f.hash, 9);
        doc.add_i64(f.mtime, -4);
        doc.add_u64(f.size, u64::MAX);
        let doc = doc.finish(
            "/news/feed.jsonl#3".into(),
            "Talks in Tehran".into(),
            "Muttaqi met the envoy.".into(),
        );
        assert_eq!(doc.get_first(f.mtime), Some(Leaf::I64(-4)));
        assert_eq!(doc.get_first(f.size), Some(Leaf::U64(u64::MAX)));
        writer.add_document(doc).unwrap();
        search_schema::commit(&mut writer).unwrap();

        let searcher = index.reader().unwrap().searcher();
        let found = |field: Field, text: &str| {
            let q = tantivy::query::TermQuery::new(
                tantivy::Term::from_field_text(field, text),
                tantivy::schema::IndexRecordOption::Basic,
            );
            searcher.search(&q, &DocSetCollector).unwrap().len()
        };
        assert_eq!(found(f.body, "envoy"), 1);
        assert_eq!(found(f.title, "tehran"), 1);
        assert_eq!(found(f.key, "/news/feed.jsonl#3"), 1);
        assert_eq!(found(f.person_key, "amir khan muttaqi"), 1);
        assert_eq!(found(f.person_key, "muttaqi"), 1);
        assert_eq!(found(f.country, "Iran"), 1);

        let address = *searcher
            .search(&AllQuery, &DocSetCollector)
            .unwrap()
            .iter()
            .next()
            .unwrap();
        let stored: TantivyDocument = searcher.doc(address).unwrap();
        let texts = |field: Field| -> Vec<String> {
            stored
                .get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        assert_eq!(texts(f.path), ["/news/feed.jsonl"]);
        assert_eq!(texts(f.title), ["Talks in Tehran"]);
        assert_eq!(texts(f.body), ["Muttaqi met the envoy."]);
        assert_eq!(texts(f.person), ["Amir Khan Muttaqi"]);
        assert_eq!(texts(f.country), ["Iran"]);
        // Not stored: the keys are for lookups only.
        assert!(texts(f.person_key).is_empty());
    }

    #[test]
    fn a_set_is_sorted_without_repeats_or_empty_texts() {
        let (_, f) = search_schema::build_schema();
        let mut doc = DocBuilder::default();
        let mut ranges: Vec<_> = ["un", "", "taliban", "un", "u.n."]
            .into_iter()
            .map(|t| doc.write(|s| s.push_str(t)))
            .collect();
        doc.add_made_set(f.organization_key, &mut ranges);
        assert!(ranges.is_empty());
        let doc = doc.finish(String::new(), String::new(), String::new());
        let keys: Vec<_> = doc.get_all(f.organization_key).collect();
        assert_eq!(
            keys,
            [Leaf::Str("taliban"), Leaf::Str("u.n."), Leaf::Str("un")]
        );
    }
}
