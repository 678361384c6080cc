//! Facet counts over every matching article: a tantivy [`Collector`] that reads
//! the `country`, `person` and `date_bucket` fast string columns.
//!
//! Per segment it counts *term ordinals* in a plain vector (no string is touched
//! while documents stream by), and counts each value once per document even if a
//! document lists it twice. At harvest, the ordinals with a count are turned into
//! strings in one sorted pass over the column's dictionary; segments are then
//! merged by string, and each facet sorted by count (descending) then value
//! (ascending); country values get their ISO code. The collector also counts the matching documents, so a search
//! needs no separate `Count` collector.
//!
//! Person values are counted under the names the index's [`AliasTable`] files
//! them under: per segment, each ordinal of a variant ("Reagan") is sent to one
//! slot of its canonical name ("Ronald Reagan"), so that an article naming both
//! still counts once. Building that map reads the segment's person dictionary
//! once, in step with the table (both sorted); [`PersonAliases`] keeps the maps
//! by segment, so a long-lived index (a server) builds each once per table.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use search_schema::aliases::AliasTable;
use search_types::{countries, fields};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::results::{FacetCount, Facets};

/// The fast string columns counted, in the order of [`FacetFruit::values`].
const COLUMNS: [&str; 4] = [
    fields::COUNTRY,
    fields::PERSON,
    fields::ORGANIZATION,
    fields::DATE_BUCKET,
];

/// Counts matching documents and their facet values, persons under the names
/// `aliases` files them under.
pub(crate) struct FacetCollector<'a> {
    pub aliases: &'a PersonAliases,
    /// Count facet values (else only the matching documents).
    pub values: bool,
}

/// An alias table and the person-column remaps made under it, by segment.
/// Making one walks the segment's whole person dictionary (about a tenth of a
/// query's time on 100k articles); segments never change, so each is made once.
pub(crate) struct PersonAliases {
    pub table: Arc<AliasTable>,
    remaps: Mutex<HashMap<SegmentId, Option<Arc<Remap>>>>,
}

impl PersonAliases {
    /// Segments merged away leave their entries behind: past this many, start over.
    const MAX_SEGMENTS: usize = 512;

    pub fn new(table: AliasTable) -> Self {
        PersonAliases {
            table: Arc::new(table),
            remaps: Mutex::new(HashMap::new()),
        }
    }

    fn remap(
        &self,
        segment: &SegmentReader,
        column: &StrColumn,
    ) -> tantivy::Result<Option<Arc<Remap>>> {
        let id = segment.segment_id();
        let lock = || self.remaps.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(remap) = lock().get(&id) {
            return Ok(remap.clone());
        }
        let remap = Remap::new(column, &self.table)?.map(Arc::new);
        let mut remaps = lock();
        if remaps.len() >= Self::MAX_SEGMENTS {
            remaps.clear();
        }
        remaps.insert(id, remap.clone());
        Ok(remap)
    }
}

/// Where a person column's ordinals are counted when some are variants: slot
/// `ord` for a value counted as itself, `num_terms + k` for `canonical[k]`.
struct Remap {
    slot_of_ord: Vec<u32>,
    canonical: Vec<String>,
}

impl Remap {
    /// The remap of `column` under `aliases`, or `None` when no value of this
    /// segment is filed under another name.
    fn new(column: &StrColumn, aliases: &AliasTable) -> tantivy::Result<Option<Remap>> {
        if aliases.is_empty() {
            return Ok(None);
        }
        let n = column.num_terms();
        let mut slot_of_ord: Vec<u32> = (0..n as u32).collect();
        let mut canonical: Vec<String> = Vec::new();
        let mut slot_of_canonical: HashMap<String, u32> = HashMap::new();
        let mut slot = |name: &str| -> u32 {
            if let Some(&s) = slot_of_canonical.get(name) {
                return s;
            }
            let s = (n + canonical.len()) as u32;
            canonical.push(name.to_string());
            slot_of_canonical.insert(name.to_string(), s);
            s
        };
        // The dictionary, the table's variants and its canonical names are all
        // sorted: walk the three side by side, comparing bytes (no string is made
        // or hashed per dictionary term). A canonical name's own ordinal goes to
        // the slot of its variants, so that an article naming both counts once.
        let mut pairs = aliases.pairs().peekable();
        let mut names: Vec<&str> = aliases.pairs().map(|(_, c)| c).collect();
        names.sort_unstable();
        names.dedup();
        let mut names = names.into_iter().peekable();
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            let value = stream.key();
            while pairs.next_if(|(v, _)| v.as_bytes() < value).is_some() {}
            while names.next_if(|c| c.as_bytes() < value).is_some() {}
            let ord = stream.term_ord() as usize;
            if let Some((_, c)) = pairs.next_if(|(v, _)| v.as_bytes() == value) {
                slot_of_ord[ord] = slot(c);
            } else if let Some(c) = names.next_if(|c| c.as_bytes() == value) {
                slot_of_ord[ord] = slot(c);
            }
            if pairs.peek().is_none() && names.peek().is_none() {
                break;
            }
        }
        if canonical.is_empty() {
            return Ok(None);
        }
        Ok(Some(Remap {
            slot_of_ord,
            canonical,
        }))
    }
}

/// What the collector returns: the number of matching documents and the facets.
#[derive(Debug, Default)]
pub(crate) struct FacetFruit {
    pub docs: u64,
    pub facets: Facets,
}

/// One segment's counts, already translated to strings.
pub(crate) struct SegmentFruit {
    docs: u64,
    values: [Vec<(String, u64)>; 4],
}

pub(crate) struct SegmentFacets {
    docs: u64,
    columns: [Option<OrdCounter>; 4],
}

struct OrdCounter {
    column: StrColumn,
    /// Person columns with variants: where each ordinal is counted.
    remap: Option<Arc<Remap>>,
    /// Counts by slot: an ordinal, or a canonical name of the remap.
    counts: Vec<u32>,
    /// The last document counted for each ordinal, so that a value listed twice
    /// in one document counts once.
    last_doc: Vec<DocId>,
}

impl OrdCounter {
    fn new(column: StrColumn, remap: Option<Arc<Remap>>) -> Self {
        let n = column.num_terms() + remap.as_ref().map_or(0, |r| r.canonical.len());
        OrdCounter {
            column,
            remap,
            counts: vec![0; n],
            last_doc: vec![DocId::MAX; n],
        }
    }

    #[inline]
    fn add(&mut self, doc: DocId) {
        for ord in self.column.ords().values_for_doc(doc) {
            let ord = match &self.remap {
                Some(r) => r
                    .slot_of_ord
                    .get(ord as usize)
                    .map_or(ord as usize, |&s| s as usize),
                None => ord as usize,
            };
            // Ordinals come from the column's own dictionary; the check only
            // guards against a damaged file.
            if let Some(last) = self.last_doc.get_mut(ord)
                && *last != doc
            {
                *last = doc;
                self.counts[ord] += 1;
            }
        }
    }

    fn harvest(self) -> tantivy::Result<Vec<(String, u64)>> {
        let n = self.column.num_terms();
        let ords: Vec<u64> = (0..n as u64)
            .filter(|&o| self.counts[o as usize] > 0)
            .collect();
        let mut values = Vec::with_capacity(ords.len());
        if let Some(remap) = &self.remap {
            for (k, name) in remap.canonical.iter().enumerate() {
                let count = self.counts[n + k];
                if count > 0 {
                    values.push((name.clone(), u64::from(count)));
                }
            }
        }
        let mut counts = ords.iter().map(|&o| u64::from(self.counts[o as usize]));
        self.column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let count = counts.next().unwrap_or(0);
                values.push((String::from_utf8_lossy(bytes).into_owned(), count));
            })?;
        Ok(values)
    }
}

impl Collector for FacetCollector<'_> {
    type Fruit = FacetFruit;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        let mut columns: [Option<OrdCounter>; 4] = [None, None, None, None];
        let counted = if self.values { &COLUMNS[..] } else { &[] };
        for (slot, &name) in columns.iter_mut().zip(counted) {
            *slot = match fast.str(name)? {
                Some(column) if name == fields::PERSON => {
                    let remap = self.aliases.remap(segment, &column)?;
                    Some(OrdCounter::new(column, remap))
                }
                column => column.map(|c| OrdCounter::new(c, None)),
            };
        }
        Ok(SegmentFacets { docs: 0, columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<tantivy::Result<SegmentFruit>>,
    ) -> tantivy::Result<FacetFruit> {
        let mut docs = 0;
        let mut merged: [HashMap<String, u64>; 4] = Default::default();
        for fruit in fruits {
            let fruit = fruit?;
            docs += fruit.docs;
            for (map, values) in merged.iter_mut().zip(fruit.values) {
                for (value, count) in values {
                    *map.entry(value).or_insert(0) += count;
                }
            }
        }
        let [mut country, person, organization, date] = merged.map(sorted);
        for c in &mut country {
            // Values are common names; an index from an older gazetteer may
            // hold a name this one knows only as an alias.
            let country = countries::by_name(&c.value).or_else(|| countries::lookup(&c.value));
            c.code = country.map(|c| c.alpha2.to_string());
        }
        Ok(FacetFruit {
            docs,
            facets: Facets {
                country,
                person,
                organization,
                date,
            },
        })
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = tantivy::Result<SegmentFruit>;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs += 1;
        for c in self.columns.iter_mut().flatten() {
            c.add(doc);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.docs += docs.len() as u64;
        for c in self.columns.iter_mut().flatten() {
            for &doc in docs {
                c.add(doc);
            }
        }
    }

    fn harvest(self) -> tantivy::Result<SegmentFruit> {
        let mut values: [Vec<(String, u64)>; 4] = Default::default();
        for (slot, column) in values.iter_mut().zip(self.columns) {
            if let Some(column) = column {
                *slot = column.harvest()?;
            }
        }
        Ok(SegmentFruit {
            docs: self.docs,
            values,
        })
    }
}

/// Count descending, then value ascending.
fn sorted(counts: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value,
            count,
            code: None,
        })
        .collect();
    v.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_by_count_then_value() {
        let counts = HashMap::from([
            ("Iran".to_string(), 2),
            ("Afghanistan".to_string(), 3),
            ("China".to_string(), 2),
            ("Mali".to_string(), 1),
        ]);
        let names: Vec<(String, u64)> = sorted(counts)
            .into_iter()
            .map(|f| (f.value, f.count))
            .collect();
        assert_eq!(
            names,
            [
                ("Afghanistan".to_string(), 3),
                ("China".to_string(), 2),
                ("Iran".to_string(), 2),
                ("Mali".to_string(), 1)
            ]
        );
    }
}
