//! Facet counts over every matching article: a tantivy [`Collector`] that reads
//! the `country`, `person`, `organization` and `date_bucket` fast string columns.
//!
//! Per segment it counts *term ordinals* in a plain vector (no string is touched
//! while documents stream by), and counts each value once per document even if a
//! document lists it twice. At harvest, the ordinals with a count become value
//! ids of the index's [`FacetCache`] (the first search to count an ordinal reads
//! its string from the dictionary; later ones find the id kept); segments are
//! then merged by id. A facet with more values than the query's
//! [`Query::facet_limit`](crate::Query) keeps its most frequent ones by their
//! integer counts first (names compared only among values tied at the
//! cut-off), so only the values kept are named and copied. Each facet is
//! sorted by count (descending) then value (ascending); country values get
//! their ISO code. The collector also counts the matching documents, so a
//! search needs no separate `Count` collector.
//!
//! Person values are counted under the names the index's alias table files
//! them under: per segment, each ordinal of a variant ("Reagan") is sent to one
//! slot of its canonical name ("Ronald Reagan"), so that an article naming both
//! still counts once (see [`crate::facet_cache`]).

use std::cmp::Reverse;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::facet_cache::{DocSlots, FacetCache, SegmentColumns, ValueTable};
use crate::results::{FacetCount, FacetTotals, Facets};

/// Counts matching documents and their facet values, persons under the names
/// the cache's alias table files them under.
pub(crate) struct FacetCollector {
    pub cache: Arc<FacetCache>,
    /// Count facet values (else only the matching documents).
    pub values: bool,
    /// Values kept of each facet but the dates ([`crate::Query::facet_limit`]).
    pub limit: Option<usize>,
}

/// What the collector returns: the number of matching documents and the facets.
#[derive(Debug, Default)]
pub(crate) struct FacetFruit {
    pub docs: u64,
    pub facets: Facets,
    /// Values of each facet before the limit.
    pub totals: FacetTotals,
}

/// One segment's counts, by value id.
pub(crate) struct SegmentFruit {
    docs: u64,
    values: [Vec<(u32, u32)>; 4],
}

pub(crate) struct SegmentFacets {
    docs: u64,
    cache: Arc<FacetCache>,
    /// The segment's columns (`None` when only documents are counted).
    segment: Option<Arc<SegmentColumns>>,
    /// Counts by slot of the four columns ([`SegmentColumns::offsets`]): an
    /// ordinal, or a canonical name of a person column's remap. Zeroed when
    /// taken from the segment ([`SegmentColumns::take_counts`]).
    counts: Vec<u32>,
    /// The slots counted at least once, in the order first counted: harvest
    /// reads these instead of every slot, and zeroes them to give the vector
    /// back.
    touched: Vec<u32>,
    /// The slots of the current document in one column, each once, so that
    /// a value listed twice (or under two variants) in one document counts
    /// once.
    seen: Vec<usize>,
}

impl SegmentFacets {
    #[inline]
    fn add(&mut self, doc: DocId) {
        let Some(segment) = &self.segment else {
            return;
        };
        if let Some(flat) = segment.flat() {
            match flat.of(doc) {
                DocSlots::Narrow(slots) => count_each(&mut self.counts, &mut self.touched, slots),
                DocSlots::Wide(slots) => count_each(&mut self.counts, &mut self.touched, slots),
            }
            return;
        }
        for (column, &offset) in segment.columns.iter().zip(&segment.offsets) {
            if let Some(column) = column {
                column.doc_slots(doc, &mut self.seen);
                for &slot in &self.seen {
                    count(&mut self.counts, &mut self.touched, offset + slot);
                }
            }
        }
    }
}

/// Counts each of `slots` once more.
#[inline]
fn count_each<T: Copy + Into<u32>>(counts: &mut [u32], touched: &mut Vec<u32>, slots: &[T]) {
    for &slot in slots {
        count(counts, touched, slot.into() as usize);
    }
}

/// Counts `slot` once more, noting it when first counted.
#[inline]
fn count(counts: &mut [u32], touched: &mut Vec<u32>, slot: usize) {
    if let Some(count) = counts.get_mut(slot) {
        if *count == 0 {
            // Slots are below the segment's slot count, a u32 ([`FlatSlots`]).
            touched.push(slot as u32);
        }
        *count += 1;
    }
}

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let mut columns = None;
        let mut counts = Vec::new();
        if self.values {
            let max_doc = segment.max_doc();
            let segment = self.cache.segment(segment)?;
            segment.prepare(max_doc);
            counts = segment.take_counts();
            columns = Some(segment);
        }
        Ok(SegmentFacets {
            docs: 0,
            cache: Arc::clone(&self.cache),
            segment: columns,
            counts,
            touched: Vec::new(),
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<tantivy::Result<SegmentFruit>>,
    ) -> tantivy::Result<FacetFruit> {
        let mut docs = 0;
        let mut lists: [Vec<Vec<(u32, u32)>>; 4] = Default::default();
        for fruit in fruits {
            let fruit = fruit?;
            docs += fruit.docs;
            for (lists, values) in lists.iter_mut().zip(fruit.values) {
                if !values.is_empty() {
                    lists.push(values);
                }
            }
        }
        let num_values = self.cache.values().len();
        let merged = lists.map(|l| merge(l, num_values));
        let [country, person, organization, date] = merged.each_ref().map(Vec::len);
        let totals = FacetTotals {
            country,
            person,
            organization,
            date,
        };
        let named = {
            let values = self.cache.values();
            let mut c = 0;
            merged.map(|counts| {
                // The date facet is a histogram: never cut.
                let limit = if c == 3 { None } else { self.limit };
                c += 1;
                most_frequent(counts, limit, &values)
                    .into_iter()
                    .map(|(id, count)| (Arc::clone(values.name(id)), count))
                    .collect::<Vec<_>>()
            })
        };
        let [country, person, organization, date] = named.map(|counts| {
            counts
                .into_iter()
                .map(|(value, count)| FacetCount::new(value.to_string(), count))
                .collect()
        });
        Ok(FacetFruit {
            docs,
            facets: Facets::sorted(country, person, organization, date),
            totals,
        })
    }
}

/// The `limit` values of `counts` that come first by count (descending) then
/// name, in no particular order; all of them when there are no more. Counts
/// decide first (a partial selection on integers); names are compared only
/// among the values tied at the cut-off.
fn most_frequent(
    mut counts: Vec<(u32, u64)>,
    limit: Option<usize>,
    values: &ValueTable,
) -> Vec<(u32, u64)> {
    let Some(n) = limit.filter(|&n| n < counts.len()) else {
        return counts;
    };
    if n == 0 {
        return Vec::new();
    }
    counts.select_nth_unstable_by_key(n - 1, |&(_, count)| Reverse(count));
    let cut = counts[n - 1].1;
    // Every value before the cut-off counts at least `cut`; the values after
    // it with `cut` too tie with the last kept one.
    let (mut kept, rest) = (counts[..n].to_vec(), &counts[n..]);
    if rest.iter().any(|&(_, count)| count == cut) {
        kept.extend(rest.iter().filter(|&&(_, count)| count == cut));
        kept.sort_unstable_by(|a, b| {
            (Reverse(a.1), &**values.name(a.0)).cmp(&(Reverse(b.1), &**values.name(b.0)))
        });
        kept.truncate(n);
    }
    kept
}

impl SegmentCollector for SegmentFacets {
    type Fruit = tantivy::Result<SegmentFruit>;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs += 1;
        self.add(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.docs += docs.len() as u64;
        for &doc in docs {
            self.add(doc);
        }
    }

    fn harvest(mut self) -> tantivy::Result<SegmentFruit> {
        let mut values: [Vec<(u32, u32)>; 4] = Default::default();
        if let Some(segment) = &self.segment {
            // The touched slots of each column, numbered within it.
            let mut touched: [Vec<u32>; 4] = Default::default();
            for &slot in &self.touched {
                let c = (1..4)
                    .take_while(|&c| segment.offsets[c] <= slot as usize)
                    .count();
                touched[c].push(slot - segment.offsets[c] as u32);
            }
            for (c, (slot, column)) in values.iter_mut().zip(&segment.columns).enumerate() {
                if let Some(column) = column {
                    let counts = &self.counts[segment.offsets[c]..segment.offsets[c + 1]];
                    *slot = column.counted_ids(counts, &touched[c], &self.cache)?;
                }
            }
            for &slot in &self.touched {
                self.counts[slot as usize] = 0;
            }
            segment.give_back(std::mem::take(&mut self.counts));
        }
        Ok(SegmentFruit {
            docs: self.docs,
            values,
        })
    }
}

thread_local! {
    /// [`merge`]'s sums by value id, zero between merges (a fresh vector per
    /// column and search would have a slot per value of the whole index to
    /// allocate and zero, however few values the search counted).
    static DENSE_SUMS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The segments' `(value id, count)` lists of one column as one list, each id
/// once, in no particular order (the facets are sorted after). Ids are below
/// `num_values`; they are summed in a vector by id that stays allocated and
/// zeroed between merges, so a merge costs a step per pair (sorting the pairs
/// by id instead cost 1.5% more instructions a served request).
fn merge(mut lists: Vec<Vec<(u32, u32)>>, num_values: usize) -> Vec<(u32, u64)> {
    if lists.len() == 1 {
        let list = lists.pop().unwrap_or_default();
        return list.into_iter().map(|(id, n)| (id, u64::from(n))).collect();
    }
    DENSE_SUMS.with_borrow_mut(|dense| {
        if dense.len() < num_values {
            dense.resize(num_values, 0);
        }
        let mut ids = Vec::new();
        for (id, n) in lists.into_iter().flatten() {
            let slot = &mut dense[id as usize];
            if *slot == 0 {
                ids.push(id);
            }
            *slot += u64::from(n);
        }
        // Taking each sum leaves the vector zeroed for the next merge.
        (ids.into_iter())
            .map(|id| (id, std::mem::take(&mut dense[id as usize])))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sums_each_id_once() {
        let lists = || vec![vec![(3, 1), (0, 2)], vec![(0, 5), (7, 1)], vec![(3, 4)]];
        let expected = [(0, 7), (3, 5), (7, 1)];
        // Over the same thread's sums again and again (left zeroed), with
        // more values than pairs or fewer.
        for num_values in [1000, 8, 1000, 8] {
            let mut merged = merge(lists(), num_values);
            merged.sort_unstable();
            assert_eq!(merged, expected);
        }
        assert_eq!(merge(vec![vec![(2, 1), (1, 3)]], 8), [(2, 1), (1, 3)]);
        assert_eq!(merge(Vec::new(), 8), []);
    }

    #[test]
    fn most_frequent_cuts_by_count_then_name() {
        let mut values = ValueTable::default();
        let ids: Vec<u32> = ["d", "c", "b", "a", "e"]
            .iter()
            .map(|name| values.id(name))
            .collect();
        // d=5, c=2, b=2, a=2, e=1.
        let counts = vec![
            (ids[0], 5),
            (ids[1], 2),
            (ids[2], 2),
            (ids[3], 2),
            (ids[4], 1),
        ];
        let names = |kept: Vec<(u32, u64)>| {
            let mut named: Vec<(String, u64)> = (kept.into_iter())
                .map(|(id, n)| (values.name(id).to_string(), n))
                .collect();
            named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            named
        };
        let pair = |s: &str, n| (s.to_string(), n);
        // The tie at 2 is broken by name: a before b before c.
        assert_eq!(
            names(most_frequent(counts.clone(), Some(3), &values)),
            [pair("d", 5), pair("a", 2), pair("b", 2)]
        );
        assert_eq!(
            names(most_frequent(counts.clone(), Some(1), &values)),
            [pair("d", 5)]
        );
        assert_eq!(
            names(most_frequent(counts.clone(), Some(4), &values)).len(),
            4
        );
        assert_eq!(most_frequent(counts.clone(), Some(0), &values), []);
        assert_eq!(most_frequent(counts.clone(), Some(5), &values), counts);
        assert_eq!(most_frequent(counts.clone(), None, &values), counts);
    }
}
