//! What facet counting keeps between searches of one open index: per segment,
//! its facet columns, the person-alias remap, and which *value id* each
//! ordinal's string has in one table shared by all segments ([`FacetCache`]).
//!
//! Segments never change, so none of this goes stale while the segment lives.
//! Value ids are learnt lazily: the first search that counts an ordinal reads
//! its string from the column's dictionary (only the ordinals it counted, in
//! one sorted pass) and files it in the table; later searches, in any
//! segment, merge and sort by id and touch no dictionary. A one-off search (the
//! CLI) therefore pays what it would without the cache; a server stops paying
//! after its first few requests. The table only grows while the alias table
//! stays the same (values of merged-away segments stay, as the next segments
//! hold them too); a new alias table starts a new cache.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use search_schema::aliases::AliasTable;
use search_types::fields;
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

/// The fast string columns counted, in the order of the facets.
pub(crate) const COLUMNS: [&str; 4] = [
    fields::COUNTRY,
    fields::PERSON,
    fields::ORGANIZATION,
    fields::DATE_BUCKET,
];

/// No value id learnt yet for this slot.
const UNKNOWN: u32 = u32::MAX;

/// An alias table and what facet counting keeps per segment under it.
pub(crate) struct FacetCache {
    pub table: Arc<AliasTable>,
    segments: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
    values: Mutex<ValueTable>,
}

/// Every facet value seen, by id; one table for all columns and segments.
#[derive(Default)]
pub(crate) struct ValueTable {
    names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
}

impl ValueTable {
    /// The id of `name`, filing it when new.
    pub(crate) fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(UNKNOWN - 1);
        let name: Arc<str> = Arc::from(name);
        self.names.push(Arc::clone(&name));
        self.ids.insert(name, id);
        id
    }

    /// The string of a value id.
    pub fn name(&self, id: u32) -> &Arc<str> {
        &self.names[id as usize]
    }

    /// Number of values filed.
    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// One segment's facet columns, in the order of [`COLUMNS`] (`None` when the
/// segment has no such column), and their documents' slots in memory once the
/// segment has been searched [`SegmentColumns::FLAT_AFTER_USES`] times.
///
/// The counting slots of the four columns are numbered one after the other
/// (column `c`'s slot `s` is `offsets[c] + s`), so that a document's values of
/// all four lie side by side in one [`FlatSlots`] and count into one vector.
pub(crate) struct SegmentColumns {
    pub columns: [Option<FacetColumn>; 4],
    /// Where each column's slots start; `offsets[4]` is the number of slots.
    pub offsets: [usize; 5],
    /// Searches that counted this segment.
    uses: AtomicU32,
    /// Each document's slots of every column, read once ([`Self::prepare`]).
    flat: OnceLock<Option<FlatSlots>>,
    /// Zeroed count vectors given back by searches, for the next ones (a
    /// count vector has a slot per term: zeroing a fresh one per search
    /// cost more than counting a selective query).
    spare: Mutex<Vec<Vec<u32>>>,
}

impl SegmentColumns {
    /// Searches of one open index before a segment's documents are read into
    /// [`FlatSlots`]: a one-off search (the command line) reads only the
    /// documents it matches; a server pays one read of the whole segment on
    /// its second search of it, and counts from memory after.
    const FLAT_AFTER_USES: u32 = 2;

    fn new(columns: [Option<FacetColumn>; 4]) -> Self {
        let mut offsets = [0; 5];
        for (c, column) in columns.iter().enumerate() {
            offsets[c + 1] = offsets[c] + column.as_ref().map_or(0, FacetColumn::slots);
        }
        SegmentColumns {
            columns,
            offsets,
            uses: AtomicU32::new(0),
            flat: OnceLock::new(),
            spare: Mutex::new(Vec::new()),
        }
    }

    /// Count vectors kept per segment: one per search at once (the server
    /// runs one per core).
    const SPARE_COUNTS: usize = 2;

    /// A count vector for the segment's slots, every slot zero.
    pub fn take_counts(&self) -> Vec<u32> {
        let spare = self.spare.lock().unwrap_or_else(|e| e.into_inner()).pop();
        spare.unwrap_or_else(|| vec![0; self.slots()])
    }

    /// Keeps `counts`, which the caller has zeroed again, for the next search.
    pub fn give_back(&self, counts: Vec<u32>) {
        debug_assert!(counts.iter().all(|&c| c == 0));
        let mut spare = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < Self::SPARE_COUNTS && counts.len() == self.slots() {
            spare.push(counts);
        }
    }

    /// Number of counting slots of all columns.
    pub fn slots(&self) -> usize {
        self.offsets[4]
    }

    /// Notes a search of the segment, and reads its [`FlatSlots`] once it has
    /// been searched [`Self::FLAT_AFTER_USES`] times.
    pub fn prepare(&self, max_doc: DocId) {
        if self.flat.get().is_none()
            && self.uses.fetch_add(1, Ordering::Relaxed) + 1 >= Self::FLAT_AFTER_USES
        {
            self.flat.get_or_init(|| self.read_flat(max_doc));
        }
    }

    /// The segment's documents read into memory, once [`Self::prepare`] has.
    #[inline]
    pub fn flat(&self) -> Option<&FlatSlots> {
        self.flat.get().and_then(Option::as_ref)
    }

    /// The slots of `doc` in every column, each once per column (numbered as
    /// [`Self::offsets`] says), into `out` (cleared first); `scratch` is
    /// working space.
    #[inline]
    fn doc_slots(&self, doc: DocId, out: &mut Vec<usize>, scratch: &mut Vec<usize>) {
        out.clear();
        for (column, &offset) in self.columns.iter().zip(&self.offsets) {
            if let Some(column) = column {
                column.doc_slots(doc, scratch);
                out.extend(scratch.iter().map(|&slot| offset + slot));
            }
        }
    }

    /// Every document's slots, two bytes each when the segment has at most
    /// 65,536 slots (`None` past `u32`).
    fn read_flat(&self, max_doc: DocId) -> Option<FlatSlots> {
        self.read_flat_as(max_doc, self.slots() <= usize::from(u16::MAX) + 1)
    }

    /// Every document's slots, two bytes each if `narrow`.
    pub(crate) fn read_flat_as(&self, max_doc: DocId, narrow: bool) -> Option<FlatSlots> {
        if narrow {
            let (starts, slots) = self.read_slots(max_doc)?;
            Some(FlatSlots {
                starts,
                slots: SlotList::Narrow(slots),
            })
        } else {
            let (starts, slots) = self.read_slots(max_doc)?;
            Some(FlatSlots {
                starts,
                slots: SlotList::Wide(slots),
            })
        }
    }

    /// Every document's slots as `T`, and where each document's start.
    fn read_slots<T: TryFrom<usize>>(&self, max_doc: DocId) -> Option<(Vec<u32>, Vec<T>)> {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut slots: Vec<T> = Vec::new();
        let (mut of_doc, mut scratch) = (Vec::new(), Vec::new());
        starts.push(0);
        for doc in 0..max_doc {
            self.doc_slots(doc, &mut of_doc, &mut scratch);
            for &slot in &of_doc {
                slots.push(T::try_from(slot).ok()?);
            }
            starts.push(u32::try_from(slots.len()).ok()?);
        }
        slots.shrink_to_fit();
        Some((starts, slots))
    }
}

/// A facet column of a segment and what is known of its values.
pub(crate) struct FacetColumn {
    pub column: StrColumn,
    /// Person columns with variants: where each ordinal is counted.
    pub remap: Option<Remap>,
    /// The value id of each counting slot ([`FacetColumn::slots`]), [`UNKNOWN`]
    /// until a search has counted it.
    ids: Vec<AtomicU32>,
}

/// The slots of every document of a segment, each once: document `d`'s are
/// `slots[starts[d]..starts[d + 1]]`, column by column. Counting a matching
/// document is then a walk over a few integers instead of four column reads
/// (rank, row range, values, remap and de-duplication), which is what a facet
/// count over millions of documents spends its time on; one slice per document
/// for the four columns keeps that walk to a cache line or two. About 2 bytes
/// per value (4 when a segment has more than 65,536 slots) and 4 per document:
/// counting is bound by these reads, so the narrow form counts faster too.
pub(crate) struct FlatSlots {
    starts: Vec<u32>,
    slots: SlotList,
}

enum SlotList {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

/// One document's slots, as [`FlatSlots`] holds them.
pub(crate) enum DocSlots<'a> {
    Narrow(&'a [u16]),
    Wide(&'a [u32]),
}

impl DocSlots<'_> {
    /// The slots as `u32`s.
    #[cfg(test)]
    pub fn to_vec(&self) -> Vec<u32> {
        match self {
            DocSlots::Narrow(s) => s.iter().map(|&s| u32::from(s)).collect(),
            DocSlots::Wide(s) => s.to_vec(),
        }
    }
}

impl FlatSlots {
    /// The slots of `doc`.
    #[inline]
    pub fn of(&self, doc: DocId) -> DocSlots<'_> {
        let d = doc as usize;
        let range = match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        match &self.slots {
            SlotList::Narrow(slots) => DocSlots::Narrow(&slots[range]),
            SlotList::Wide(slots) => DocSlots::Wide(&slots[range]),
        }
    }
}

impl FacetColumn {
    /// The slots of `doc`, each once (a value listed twice, or under two
    /// variants, counts once), into `out` (cleared first).
    #[inline]
    pub fn doc_slots(&self, doc: DocId, out: &mut Vec<usize>) {
        out.clear();
        for ord in self.column.ords().values_for_doc(doc) {
            let slot = self.slot(ord);
            // Ordinals come from the column's own dictionary; the bound check
            // only guards against a damaged file.
            if slot < self.slots() && !out.contains(&slot) {
                out.push(slot);
            }
        }
    }

    /// Number of counting slots: the ordinals, then the remap's canonical names.
    pub fn slots(&self) -> usize {
        self.ids.len()
    }

    /// The slot counting ordinal `ord`.
    #[inline]
    pub fn slot(&self, ord: u64) -> usize {
        match &self.remap {
            Some(r) => r
                .slot_of_ord
                .get(ord as usize)
                .map_or(ord as usize, |&s| s as usize),
            None => ord as usize,
        }
    }

    /// The value ids of the slots `touched` (each counted, `counts[slot] > 0`,
    /// and listed once), as `(id, count)` pairs, learning the ids not known
    /// yet from the dictionary.
    pub fn counted_ids(
        &self,
        counts: &[u32],
        touched: &[u32],
        cache: &FacetCache,
    ) -> tantivy::Result<Vec<(u32, u32)>> {
        let mut out = Vec::with_capacity(touched.len());
        let mut unknown: Vec<u64> = Vec::new();
        for &slot in touched {
            let count = counts[slot as usize];
            match self.ids[slot as usize].load(Ordering::Relaxed) {
                UNKNOWN => unknown.push(u64::from(slot)),
                id => out.push((id, count)),
            }
        }
        unknown.sort_unstable();
        if unknown.is_empty() {
            return Ok(out);
        }
        // Only ordinals can be unknown: the remap's canonical slots are filed
        // when the column is opened. `unknown` is sorted, as the call needs.
        let mut names: Vec<Box<str>> = Vec::with_capacity(unknown.len());
        self.column
            .dictionary()
            .sorted_ords_to_term_cb(&unknown, |bytes| {
                names.push(String::from_utf8_lossy(bytes).into());
            })?;
        let mut values = cache.values();
        for (&slot, name) in unknown.iter().zip(&names) {
            let id = values.id(name);
            self.ids[slot as usize].store(id, Ordering::Relaxed);
            out.push((id, counts[slot as usize]));
        }
        Ok(out)
    }
}

impl FacetCache {
    /// Segments merged away leave their entries behind: past this many, start
    /// the segment map over (the value table stays).
    const MAX_SEGMENTS: usize = 512;

    pub fn new(table: AliasTable) -> Self {
        FacetCache {
            table: Arc::new(table),
            segments: Mutex::new(HashMap::new()),
            values: Mutex::new(ValueTable::default()),
        }
    }

    /// The value table, locked.
    pub fn values(&self) -> MutexGuard<'_, ValueTable> {
        self.values.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Drops the entries of segments not in `live` (after a reload).
    pub fn retain(&self, live: &[SegmentId]) {
        let mut segments = self.segments.lock().unwrap_or_else(|e| e.into_inner());
        segments.retain(|id, _| live.contains(id));
    }

    /// The facet columns of `segment`, opened on first use.
    pub fn segment(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let id = segment.segment_id();
        let lock = || self.segments.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(columns) = lock().get(&id) {
            return Ok(Arc::clone(columns));
        }
        let fast = segment.fast_fields();
        let mut columns: [Option<FacetColumn>; 4] = [None, None, None, None];
        for (slot, &name) in columns.iter_mut().zip(&COLUMNS) {
            let Some(column) = fast.str(name)? else {
                continue;
            };
            let remap = if name == fields::PERSON {
                Remap::new(&column, &self.table)?
            } else {
                None
            };
            let n = column.num_terms();
            let mut ids: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(UNKNOWN)).collect();
            if let Some(remap) = &remap {
                let mut values = self.values();
                ids.extend(remap.canonical.iter().map(|c| AtomicU32::new(values.id(c))));
            }
            *slot = Some(FacetColumn { column, remap, ids });
        }
        let columns = Arc::new(SegmentColumns::new(columns));
        let mut segments = lock();
        if segments.len() >= Self::MAX_SEGMENTS {
            segments.clear();
        }
        segments.insert(id, Arc::clone(&columns));
        Ok(columns)
    }
}

/// Where a person column's ordinals are counted when some are variants: slot
/// `ord` for a value counted as itself, `num_terms + k` for `canonical[k]`.
pub(crate) struct Remap {
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
