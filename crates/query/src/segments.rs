//! One search over a reader's segments, on every core when it is large.
//!
//! tantivy's [`Searcher::search`] collects the segments one after the other on
//! the calling thread. A query matching a million articles of a 10M index
//! spends ~100 ms there, most of it counting facets (a memory read per
//! matching document), so its latency halves on two cores. A small query would
//! only pay for the thread, and a busy server already runs one search per
//! core, so [`search`] splits only when the query's largest segment promises
//! much work ([`SPLIT_FROM`]). The threads take segments from one counter
//! (segments differ in size and in matches), and the segments' fruits are
//! merged in segment order, as [`Searcher::search`] merges them, so the
//! answer is the same.
//!
//! ```ignore
//! let (top, facets) = segments::search(&searcher, &*query, &(order, collector))?;
//! ```

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{Searcher, SegmentReader};

/// Estimated work (documents, over the whole index) from which a search is
/// split across threads: about 10 ms of collecting, against ~50 µs to start
/// and join a thread.
pub(crate) const SPLIT_FROM: u64 = 100_000;

/// At most this many threads for one search.
const MAX_THREADS: usize = 8;

/// What one segment's collector returns.
type SegmentFruit<C> = <<C as Collector>::Child as SegmentCollector>::Fruit;

/// `searcher.search(query, collector)`, with the segments shared among the
/// cores when [`SPLIT_FROM`] or more matches are expected.
pub(crate) fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    search_on(
        searcher,
        query,
        collector,
        cores().min(MAX_THREADS),
        SPLIT_FROM,
    )
}

/// [`search`] on up to `threads` threads, split from an estimate of `split_from`.
fn search_on<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    threads: usize,
    split_from: u64,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    collector.check_schema(searcher.schema())?;
    let segments = searcher.segment_readers();
    let collect =
        |ord: usize| collector.collect_segment(weight.as_ref(), ord as u32, &segments[ord]);
    let threads = threads_for(weight.as_ref(), segments, threads, split_from)?;
    if threads < 2 {
        let fruits = (0..segments.len())
            .map(collect)
            .collect::<tantivy::Result<Vec<_>>>()?;
        return collector.merge_fruits(fruits);
    }
    let next = AtomicUsize::new(0);
    let work = || -> tantivy::Result<Vec<(usize, SegmentFruit<C>)>> {
        let mut out = Vec::new();
        loop {
            let ord = next.fetch_add(1, Ordering::Relaxed);
            if ord >= segments.len() {
                return Ok(out);
            }
            out.push((ord, collect(ord)?));
        }
    };
    let parts = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()];
        for helper in helpers {
            // A panic on a helper is raised here, where the caller catches it.
            parts.push(
                helper
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        parts
    });
    let mut fruits = Vec::with_capacity(segments.len());
    for part in parts {
        fruits.extend(part?);
    }
    fruits.sort_unstable_by_key(|&(ord, _)| ord);
    collector.merge_fruits(fruits.into_iter().map(|(_, fruit)| fruit).collect())
}

/// Threads worth giving the search: one, unless there are several segments
/// and cores, the index holds `split_from` documents or more, and the
/// largest segment's cost, scaled to the index, reaches
/// `split_from` ([`SPLIT_FROM`]). A scorer's cost is tantivy's estimate of its work in
/// documents: a term's document count, an intersection's leader's, a
/// phrase's candidates times ten per word (the positions it reads).
fn threads_for(
    weight: &dyn Weight,
    segments: &[SegmentReader],
    threads: usize,
    split_from: u64,
) -> tantivy::Result<usize> {
    let threads = threads.min(segments.len());
    let Some(largest) = segments.iter().max_by_key(|s| s.max_doc()) else {
        return Ok(1);
    };
    let docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    // A smaller index is not worth the scorer built to estimate.
    if threads < 2 || largest.max_doc() == 0 || docs < split_from {
        return Ok(1);
    }
    let cost = weight.scorer(largest, 1.0)?.cost();
    let estimate = cost.saturating_mul(docs) / u64::from(largest.max_doc());
    Ok(if estimate >= split_from { threads } else { 1 })
}

/// The cores this process may use (read once: it can read cgroup files).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, DocSetCollector, TopDocs};
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{Index, IndexWriter, Term, doc};

    use super::*;

    /// An index of five segments (no merging): 500 documents, `n` in 0..500,
    /// the word "even" in even ones, `tag` "x" in multiples of 7.
    fn five_segments() -> (Index, Schema) {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let tag = builder.add_text_field("tag", STRING);
        let schema = builder.build();
        let index = Index::create_in_ram(schema.clone());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for n in 0..500u32 {
            let words = if n % 2 == 0 {
                "even word"
            } else {
                "odd word word"
            };
            let t = if n % 7 == 0 { "x" } else { "y" };
            writer.add_document(doc!(body => words, tag => t)).unwrap();
            if n % 100 == 99 {
                writer.commit().unwrap();
            }
        }
        (index, schema)
    }

    #[test]
    fn split_search_answers_as_one_thread() {
        let (index, schema) = five_segments();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 5);
        let body = schema.get_field("body").unwrap();
        let tag = schema.get_field("tag").unwrap();
        let even = TermQuery::new(
            Term::from_field_text(body, "even"),
            IndexRecordOption::WithFreqs,
        );
        let x = TermQuery::new(Term::from_field_text(tag, "x"), IndexRecordOption::Basic);
        let queries: [&dyn Query; 3] = [&even, &x, &AllQuery];
        for query in queries {
            let top = (TopDocs::with_limit(30).order_by_score(), Count);
            let alone = searcher.search(query, &top).unwrap();
            // Split from any cost, on three threads; and never split.
            assert_eq!(search_on(&searcher, query, &top, 3, 0).unwrap(), alone);
            assert_eq!(
                search_on(&searcher, query, &top, 3, u64::MAX).unwrap(),
                alone
            );
            let docs = DocSetCollector;
            assert_eq!(
                search_on(&searcher, query, &docs, 3, 0).unwrap(),
                searcher.search(query, &docs).unwrap()
            );
        }
        let count = |q: &dyn Query| search_on(&searcher, q, &Count, 2, 0).unwrap();
        assert_eq!((count(&even), count(&x), count(&AllQuery)), (250, 72, 500));
    }

    #[test]
    fn splits_only_large_searches_of_several_segments() {
        let (index, schema) = five_segments();
        let searcher = index.reader().unwrap().searcher();
        let segments = searcher.segment_readers();
        let tag = schema.get_field("tag").unwrap();
        let x = TermQuery::new(Term::from_field_text(tag, "x"), IndexRecordOption::Basic);
        let weight = |q: &dyn Query| {
            q.weight(EnableScoring::disabled_from_searcher(&searcher))
                .unwrap()
        };
        let (x, all) = (weight(&x), weight(&AllQuery));
        // 72 documents tagged x: 14 or 15 in each segment of 100 (which one
        // is taken depends on the order of the segments' random ids), 70 or
        // 75 scaled to 500.
        assert_eq!(threads_for(x.as_ref(), segments, 2, 70).unwrap(), 2);
        assert_eq!(threads_for(x.as_ref(), segments, 2, 76).unwrap(), 1);
        assert_eq!(threads_for(all.as_ref(), segments, 2, 500).unwrap(), 2);
        assert_eq!(threads_for(all.as_ref(), segments, 8, 500).unwrap(), 5);
        // An index smaller than the bound: one thread, whatever the query.
        assert_eq!(threads_for(all.as_ref(), segments, 2, 501).unwrap(), 1);
        assert_eq!(threads_for(all.as_ref(), segments, 1, 0).unwrap(), 1);
        assert_eq!(threads_for(all.as_ref(), &segments[..1], 2, 0).unwrap(), 1);
    }
}
