//! A workaround for a tantivy 0.27 debug assertion.
//!
//! `PhraseScorer::seek_danger` asserts `target >= self.doc()`, but after it
//! returned `SeekLowerBound` its inner intersection may sit *past* the next
//! target, which the `seek_danger` contract allows. Debug builds then panic when a
//! phrase is intersected with other clauses or used as an exclusion
//! (`Moscow "press conference"`, `Muttaqi -"press conference"`); see
//! quickwit-oss/tantivy#2811. Release builds are unaffected.
//!
//! [`PlainSeek`] wraps a query so that its scorer only ever receives `advance` and
//! plain forward `seek` calls: the wrapper keeps tantivy's default
//! `seek_danger`, which seeks only when the target is ahead. The cost is the
//! lost shortcut of `seek_danger` for phrases, which is small next to reading
//! positions.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// `inner`, seen through a scorer without a `seek_danger` of its own.
#[derive(Debug)]
pub(crate) struct PlainSeek(pub Box<dyn Query>);

impl Clone for PlainSeek {
    fn clone(&self) -> Self {
        PlainSeek(self.0.box_clone())
    }
}

impl Query for PlainSeek {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PlainSeekWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct PlainSeekWeight(Box<dyn Weight>);

impl Weight for PlainSeekWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(PlainSeekScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }
}

struct PlainSeekScorer(Box<dyn Scorer>);

impl DocSet for PlainSeekScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.0.doc() >= target {
            return self.0.doc();
        }
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for PlainSeekScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
