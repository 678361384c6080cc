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
//! within the page, whose candidates come from more than one segment. The
//! paths read are kept in a [`PathCache`] (segments never change): a server
//! meets the same runs again and again (replicated or syndicated articles score
//! alike), and the dictionary scan was its largest cost left in the ranking.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use tantivy::collector::sort_key::{Comparator, NaturalComparator, ReverseNoneIsLowerComparator};
use tantivy::collector::{Collector, SegmentCollector, TopNComputer};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::termdict::TermOrdinal;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// A segment's sort key of a document: its score, and its key's ordinal.
type SegmentKey = (Score, Option<TermOrdinal>);
/// Score descending, then ordinal ascending with none last (tantivy's `TopNComputer`
/// keeps the greatest under its comparator).
type SegmentOrder = (NaturalComparator, ReverseNoneIsLowerComparator);

/// A path as read from a segment's key dictionary.
type Path = Arc<[u8]>;

/// Most paths a [`PathCache`] holds; it starts over when full.
const CACHED_PATHS: usize = 20_000;

/// The paths of key ordinals read so far, by segment and ordinal: a segment's
/// dictionary never changes, so an entry stays true while the segment lives
/// (and is merely unused after it is merged away).
#[derive(Default)]
pub(crate) struct PathCache {
    paths: Mutex<HashMap<(SegmentId, TermOrdinal), Path>>,
}

impl PathCache {
    fn get(&self, segment: SegmentId, ord: TermOrdinal) -> Option<Path> {
        let paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        paths.get(&(segment, ord)).cloned()
    }

    fn insert(&self, segment: SegmentId, ord: TermOrdinal, path: Path) {
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        if paths.len() >= CACHED_PATHS {
            paths.clear();
        }
        paths.insert((segment, ord), path);
    }
}

/// Collects the hits `range` (positions in the order above) of a scored query.
pub(crate) struct ByScoreThenPath {
    /// The name of the fast string column holding the path.
    pub key: String,
    pub range: Range<usize>,
    /// Paths already read, kept by the open index across searches.
    pub paths: Arc<PathCache>,
}

pub(crate) struct SegmentTop {
    segment_ord: SegmentOrdinal,
    segment_id: SegmentId,
    column: Option<StrColumn>,
    top: TopNComputer<SegmentKey, DocId, SegmentOrder>,
}

/// One segment's best candidates, best first, and the column to read their
/// paths from.
pub(crate) struct SegmentPage {
    segment_ord: SegmentOrdinal,
    segment_id: SegmentId,
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
            segment_id: segment.segment_id(),
            column: segment.fast_fields().str(&self.key)?,
            top: TopNComputer::new_with_comparator(self.range.end, SegmentOrder::default()),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, pages: Vec<SegmentPage>) -> tantivy::Result<Self::Fruit> {
        merge(pages, self.range.clone(), &self.paths)
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
            segment_id: self.segment_id,
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
    paths: &PathCache,
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
            order_by_path(run, &pages, paths)?;
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
/// reading the paths not in `cache` from each page's dictionary (one sorted
/// pass per page).
fn order_by_path(
    run: &mut [Candidate],
    pages: &[SegmentPage],
    cache: &PathCache,
) -> tantivy::Result<()> {
    let mut keyed: Vec<(Option<Path>, DocAddress, usize)> = Vec::with_capacity(run.len());
    for (page, p) in pages.iter().enumerate() {
        let mut ords: Vec<(TermOrdinal, usize)> = Vec::new();
        for (i, c) in run.iter().enumerate().filter(|(_, c)| c.page == page) {
            let Some(ord) = c.ord else { continue };
            let address = DocAddress::new(p.segment_ord, c.doc);
            match cache.get(p.segment_id, ord) {
                Some(path) => keyed.push((Some(path), address, i)),
                None => ords.push((ord, i)),
            }
        }
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
                if let Some(&(ord, i)) = at.next() {
                    let path: Path = Arc::from(bytes);
                    cache.insert(p.segment_id, ord, Arc::clone(&path));
                    keyed.push((Some(path), DocAddress::new(p.segment_ord, run[i].doc), i));
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
