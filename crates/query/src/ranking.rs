//! The page of hits of a scored query in its order: score (descending), then
//! path (the `key` column, ascending; an article without one last), then
//! document address, as tantivy's `TopDocs` ordered by
//! `(SortBySimilarityScore, SortByString)` lists them, without reading most
//! candidates' paths.
//!
//! `SortByString` turns the key ordinal of every segment's top candidates into
//! its string at harvest, a dictionary block scanned for each: with ten hits
//! and a few segments that was a fifth of a server's work per request. Within
//! one segment the ordinal order *is* the path order, so [`ByScoreThenPath`]
//! keeps each segment's top candidates by `(score, ordinal)` and reads paths
//! only where the order across segments needs them: for a run of equal scores,
//! within the page, whose candidates come from more than one segment.

use std::cmp::Ordering;
use std::ops::Range;

use tantivy::collector::sort_key::{Comparator, NaturalComparator, ReverseNoneIsLowerComparator};
use tantivy::collector::{Collector, SegmentCollector, TopNComputer};
use tantivy::columnar::StrColumn;
use tantivy::termdict::TermOrdinal;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// A segment's sort key of a document: its score, and its key's ordinal.
type SegmentKey = (Score, Option<TermOrdinal>);
/// Score descending, then ordinal ascending with none last (tantivy's `TopNComputer`
/// keeps the greatest under its comparator).
type SegmentOrder = (NaturalComparator, ReverseNoneIsLowerComparator);

/// Collects the hits `range` (positions in the order above) of a scored query.
pub(crate) struct ByScoreThenPath {
    /// The name of the fast string column holding the path.
    pub key: String,
    pub range: Range<usize>,
}

pub(crate) struct SegmentTop {
    segment_ord: SegmentOrdinal,
    column: Option<StrColumn>,
    top: TopNComputer<SegmentKey, DocId, SegmentOrder>,
}

/// One segment's best candidates, best first, and the column to read their
/// paths from.
pub(crate) struct SegmentPage {
    segment_ord: SegmentOrdinal,
    column: Option<StrColumn>,
    hits: Vec<(SegmentKey, DocId)>,
}

impl Collector for ByScoreThenPath {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        Ok(SegmentTop {
            segment_ord,
            column: segment.fast_fields().str(&self.key)?,
            top: TopNComputer::new_with_comparator(self.range.end, SegmentOrder::default()),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, pages: Vec<SegmentPage>) -> tantivy::Result<Self::Fruit> {
        merge(pages, self.range.clone())
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = SegmentPage;

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        // The ordinal is read only for a score that can still enter the top.
        if let Some((threshold, _)) = &self.top.threshold
            && NaturalComparator.compare(&score, threshold) == Ordering::Less
        {
            return;
        }
        let ord = self.column.as_ref().and_then(|c| c.ords().first(doc));
        self.top.push((score, ord), doc);
    }

    fn harvest(self) -> SegmentPage {
        SegmentPage {
            segment_ord: self.segment_ord,
            column: self.column,
            hits: (self.top.into_sorted_vec().into_iter())
                .map(|c| (c.sort_key, c.doc))
                .collect(),
        }
    }
}

/// A candidate of the merge: score, segment (index into the pages), key
/// ordinal, document.
#[derive(Clone, Copy)]
struct Candidate {
    score: Score,
    page: usize,
    ord: Option<TermOrdinal>,
    doc: DocId,
}

/// The positions `range` of all pages' candidates in the final order.
fn merge(
    pages: Vec<SegmentPage>,
    range: Range<usize>,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let mut all: Vec<Candidate> = Vec::new();
    for (page, p) in pages.iter().enumerate() {
        all.extend(p.hits.iter().map(|&((score, ord), doc)| Candidate {
            score,
            page,
            ord,
            doc,
        }));
    }
    // By score; a stable sort keeps each page's candidates in their order, so
    // a run of equal scores from one page is already in path order.
    all.sort_by(|a, b| NaturalComparator.compare(&b.score, &a.score));
    let end = range.end.min(all.len());
    let mut start = 0;
    while start < end {
        let score = all[start].score;
        let len = all[start..]
            .iter()
            .take_while(|c| NaturalComparator.compare(&c.score, &score) == Ordering::Equal)
            .count();
        let run = &mut all[start..start + len];
        if run.iter().any(|c| c.page != run[0].page) {
            order_by_path(run, &pages)?;
        }
        start += len;
    }
    all.truncate(end);
    Ok(all
        .into_iter()
        .skip(range.start)
        .map(|c| {
            let segment_ord = pages[c.page].segment_ord;
            (c.score, DocAddress::new(segment_ord, c.doc))
        })
        .collect())
}

/// Sorts a run of equal scores by path (none last), then document address,
/// reading the paths from each page's dictionary (one sorted pass per page).
fn order_by_path(run: &mut [Candidate], pages: &[SegmentPage]) -> tantivy::Result<()> {
    let mut keyed: Vec<(Option<Vec<u8>>, DocAddress, usize)> = Vec::with_capacity(run.len());
    for (page, p) in pages.iter().enumerate() {
        let mut ords: Vec<(TermOrdinal, usize)> = (run.iter().enumerate())
            .filter(|(_, c)| c.page == page)
            .filter_map(|(i, c)| Some((c.ord?, i)))
            .collect();
        if ords.is_empty() {
            continue;
        }
        ords.sort_unstable();
        let Some(column) = &p.column else { continue };
        let sorted: Vec<TermOrdinal> = ords.iter().map(|&(o, _)| o).collect();
        let mut at = ords.iter();
        column
            .dictionary()
            .sorted_ords_to_term_cb(&sorted, |bytes| {
                if let Some(&(_, i)) = at.next() {
                    keyed.push((
                        Some(bytes.to_vec()),
                        DocAddress::new(p.segment_ord, run[i].doc),
                        i,
                    ));
                }
            })?;
    }
    for (i, c) in run.iter().enumerate() {
        if c.ord.is_none() {
            keyed.push((None, DocAddress::new(pages[c.page].segment_ord, c.doc), i));
        }
    }
    keyed.sort_by(|a, b| {
        ReverseNoneIsLowerComparator
            .compare(&a.0, &b.0)
            .reverse()
            .then(a.1.cmp(&b.1))
    });
    let order: Vec<Candidate> = keyed.iter().map(|&(_, _, i)| run[i]).collect();
    run.iter_mut().zip(order).for_each(|(slot, c)| *slot = c);
    Ok(())
}
