//! The merge policy of the writer: which segments tantivy merges while a run
//! adds documents, and how big a merge may get.
//!
//! Tantivy's default (`LogMergePolicy`) merges any eight segments of a similar
//! number of documents, at every size, on up to four threads at once. On a bulk
//! build that costs twice: every document is merged again at each level (a
//! million Reuters stories spent a fifth of their CPU time merging), and a merge
//! maps its source segments, so the pages it reads count in the process's
//! resident memory (912 MiB for 1 GiB of JSON lines, of which 264 MiB heap).
//!
//! [`BoundedMerges`] merges like the log policy, level by level, with two bounds:
//! a merge reads at most [`BoundedMerges::max_merge_bytes`] of segment files, and
//! a segment that is already half that size is left alone (merging it again would
//! cost a rewrite for little fewer segments). Merges run one at a time.
//! So the pages a merge maps stay under the bound, and a document is merged a few
//! times at most, while the small segments of commits and re-runs are still
//! gathered up. An index of N bytes ends with about N / (max / 2) large
//! segments.
//!
//! ```
//! use search_index::merge::BoundedMerges;
//! let policy = BoundedMerges::new("index", 256 << 20);
//! assert_eq!(policy.max_merge_bytes(), 256 << 20);
//! ```

use std::path::PathBuf;

use tantivy::SegmentMeta;
use tantivy::index::SegmentComponent;
use tantivy::merge_policy::{MergeCandidate, MergePolicy};

/// The default bound on the segment files one merge reads.
pub const DEFAULT_MAX_MERGE_BYTES: u64 = 256 << 20;

/// Segments below this size all belong to the smallest level.
const MIN_LEVEL_BYTES: u64 = 1 << 20;

/// Two segments are on one level when their sizes differ by less than this
/// factor (as log2: 0.75 is about 1.7x, tantivy's log policy's default).
const LEVEL_LOG2_WIDTH: f64 = 0.75;

/// A level is merged once it holds this many segments (the log policy's default).
const MIN_SEGMENTS_TO_MERGE: usize = 8;

/// The files of a segment that hold its data (the deletes file is left out: it
/// is small, and not read by a merge the way the others are).
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// Merges segments of similar size, a level at a time, reading at most
/// `max_merge_bytes` of files per merge (see the module's overview).
#[derive(Debug, Clone)]
pub struct BoundedMerges {
    /// The index folder, where the segments' files are measured.
    dir: PathBuf,
    max_merge_bytes: u64,
}

impl BoundedMerges {
    /// A policy for the index in `dir`, a merge reading at most
    /// `max_merge_bytes` of segment files (0: never merge).
    pub fn new(dir: impl Into<PathBuf>, max_merge_bytes: u64) -> Self {
        BoundedMerges {
            dir: dir.into(),
            max_merge_bytes,
        }
    }

    /// The bound on the segment files one merge reads.
    pub fn max_merge_bytes(&self) -> u64 {
        self.max_merge_bytes
    }

    /// The bytes of a segment's files, counting only the share of its documents
    /// still alive (a segment mostly deleted is small: merging it is cheap and
    /// reclaims the space).
    fn live_bytes(&self, segment: &SegmentMeta) -> u64 {
        let bytes: u64 = COMPONENTS
            .iter()
            .filter_map(|c| std::fs::metadata(self.dir.join(segment.relative_path(c.clone()))).ok())
            .map(|m| m.len())
            .sum();
        match segment.max_doc() {
            0 => 0,
            max => bytes * u64::from(segment.num_docs()) / u64::from(max),
        }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sized: Vec<(u64, &SegmentMeta)> =
            segments.iter().map(|s| (self.live_bytes(s), s)).collect();
        plan(&sized, self.max_merge_bytes)
            .into_iter()
            .map(|group| MergeCandidate(group.into_iter().map(SegmentMeta::id).collect()))
            .collect()
    }
}

/// The merges to start among `segments` (each with its live size): groups of
/// segments of one level, at most `max_bytes` each. Generic over the segment so
/// that it can be tested without an index.
fn plan<S: Copy>(segments: &[(u64, S)], max_bytes: u64) -> Vec<Vec<S>> {
    // Segments of half the bound or more are done.
    let mut open: Vec<(u64, S)> = segments
        .iter()
        .copied()
        .filter(|&(bytes, _)| bytes < max_bytes / 2)
        .collect();
    // Largest first, cut into levels: a new level starts where a segment is
    // LEVEL_LOG2_WIDTH below the largest of the current one.
    open.sort_by_key(|&(bytes, _)| std::cmp::Reverse(bytes));
    let log = |bytes: u64| (bytes.max(MIN_LEVEL_BYTES) as f64).log2();
    let mut levels: Vec<Vec<(u64, S)>> = Vec::new();
    let mut top = f64::MAX;
    for segment in open {
        let size = log(segment.0);
        if size < top - LEVEL_LOG2_WIDTH || levels.is_empty() {
            top = size;
            levels.push(Vec::new());
        }
        levels.last_mut().expect("pushed above").push(segment);
    }
    let mut merges = Vec::new();
    for level in levels.iter().filter(|l| l.len() >= MIN_SEGMENTS_TO_MERGE) {
        // Smallest first, cut where the next would pass the bound; a group of
        // one is no merge.
        let mut group: Vec<S> = Vec::new();
        let mut bytes = 0;
        for &(size, segment) in level.iter().rev() {
            if !group.is_empty() && bytes + size > max_bytes {
                if group.len() > 1 {
                    merges.push(std::mem::take(&mut group));
                }
                group.clear();
                bytes = 0;
            }
            group.push(segment);
            bytes += size;
        }
        if group.len() > 1 {
            merges.push(group);
        }
    }
    merges
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    fn sizes(mibs: &[u64]) -> Vec<(u64, usize)> {
        mibs.iter()
            .enumerate()
            .map(|(i, &m)| (m * MIB, i))
            .collect()
    }

    #[test]
    fn fewer_than_eight_of_a_level_are_not_merged() {
        assert!(plan(&sizes(&[10; 7]), 256 * MIB).is_empty());
    }

    #[test]
    fn eight_small_segments_are_merged_into_one() {
        let merges = plan(&sizes(&[10; 8]), 256 * MIB);
        assert_eq!(merges.len(), 1);
        let mut merged = merges[0].clone();
        merged.sort();
        assert_eq!(merged, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn a_merge_reads_at_most_the_bound() {
        // Ten segments of 50 MiB, bound 256 MiB: two merges of five (250 MiB).
        let merges = plan(&sizes(&[50; 10]), 256 * MIB);
        assert_eq!(merges.iter().map(Vec::len).collect::<Vec<_>>(), [5, 5]);
    }

    #[test]
    fn segments_of_half_the_bound_are_left_alone() {
        assert!(plan(&sizes(&[128; 20]), 256 * MIB).is_empty());
        assert!(plan(&sizes(&[1; 20]), 0).is_empty());
    }

    #[test]
    fn levels_are_merged_apart() {
        // Eight of 40 MiB and eight of 1 MiB: two merges, never mixing the levels.
        let mut mibs = vec![40; 8];
        mibs.extend([1; 8]);
        let merges = plan(&sizes(&mibs), 1024 * MIB);
        assert_eq!(merges.len(), 2);
        for merge in merges {
            let big = merge.iter().filter(|&&i| i < 8).count();
            assert!(big == 0 || big == merge.len(), "{merge:?}");
        }
    }

    /// Eight commits of one small document each on a real index.
    fn eight_commits(max_merge_bytes: u64) -> usize {
        use tantivy::schema::{STORED, Schema, TEXT};
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT | STORED);
        let index = tantivy::Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(BoundedMerges::new(dir.path(), max_merge_bytes)));
        for i in 0..8 {
            writer
                .add_document(tantivy::doc!(body => format!("talks in Kabul, day {i}")))
                .unwrap();
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        index.searchable_segment_ids().unwrap().len()
    }

    #[test]
    fn small_segments_of_a_real_index_are_merged_and_a_bound_of_zero_keeps_them() {
        assert_eq!(eight_commits(DEFAULT_MAX_MERGE_BYTES), 1);
        // Each segment is far over half of a 2-byte bound: measured, left alone.
        assert_eq!(eight_commits(2), 8);
        assert_eq!(eight_commits(0), 8);
    }
}
