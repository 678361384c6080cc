//! The global allocator of the `search` binary (and of the extraction
//! examples, so that they measure what the binary runs): mimalloc, asked
//! through its plain entry points whenever the alignment is one that every
//! mimalloc block has.
//!
//! The `mimalloc` crate's allocator hands every request to
//! `mi_malloc_aligned`. mimalloc 3 serves an aligned request on its fast path
//! only up to 1 KiB; anything larger whose size is not a power of two (an
//! article's text, a tantivy document's buffer, a growing vector) goes through
//! its generic branch, which over-allocates by the alignment and then adjusts.
//! Every mimalloc block is aligned to a machine word, so for the alignments
//! Rust asks for almost always (1 to 8 bytes) `mi_malloc`, `mi_zalloc` and
//! `mi_realloc` give what was asked with less work: 1.9% fewer instructions
//! for a whole `search index` of 10,000 articles (BENCHMARKS.md). Larger
//! alignments go to mimalloc's aligned entry points, as before.
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: search_alloc::Allocator = search_alloc::Allocator;
//!
//! fn main() {
//!     let words: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
//!     assert_eq!(words[999], "999");
//! }
//! ```

#![warn(missing_docs)]

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every mimalloc block has: its sizes are whole words.
const WORD: usize = std::mem::size_of::<usize>();

/// mimalloc as Rust's global allocator (see the crate's overview).
#[derive(Debug, Clone, Copy, Default)]
pub struct Allocator;

/// Whether a block of `layout` may come from mimalloc's plain entry points.
#[inline]
fn plain(layout: Layout) -> bool {
    layout.align() <= WORD
}

// SAFETY: every block comes from mimalloc and goes back to it through
// `mi_free`, which takes blocks of the plain and the aligned entry points
// alike. A block from a plain entry point has a word's alignment, and the
// plain entry points serve only layouts aligned to a word or less (a layout's
// size is a multiple of its alignment, so no smaller block is asked for).
// mimalloc's entry points take any size and alignment.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if plain(layout) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            let p = if plain(layout) {
                mi::mi_zalloc(layout.size())
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align())
            };
            p.cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; the new block
        // has the alignment `alloc` would give it.
        unsafe {
            let ptr = ptr.cast::<c_void>();
            let p = if plain(layout) {
                mi::mi_realloc(ptr, new_size)
            } else {
                mi::mi_realloc_aligned(ptr, new_size, layout.align())
            };
            p.cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sizes around mimalloc's bins and its 1 KiB small-object bound, and the
    /// alignments from a byte to a page.
    fn layouts() -> impl Iterator<Item = Layout> {
        let sizes = [1, 7, 8, 24, 1000, 1024, 1500, 4096, 70_000, 3 << 20];
        let aligns = [1, 2, 4, 8, 16, 32, 64, 4096];
        aligns.into_iter().flat_map(move |align| {
            sizes
                .into_iter()
                .filter_map(move |size| Layout::from_size_align(size.max(align), align).ok())
        })
    }

    #[test]
    fn blocks_have_the_alignment_and_size_asked_for() {
        for layout in layouts() {
            // SAFETY: a non-zero size; the block is freed with its layout.
            unsafe {
                let p = Allocator.alloc(layout);
                assert!(!p.is_null(), "{layout:?}");
                assert_eq!(p as usize % layout.align(), 0, "{layout:?}");
                // The whole block is writable.
                std::ptr::write_bytes(p, 0xa5, layout.size());
                assert_eq!(*p.add(layout.size() - 1), 0xa5);
                Allocator.dealloc(p, layout);
            }
        }
    }

    #[test]
    fn zeroed_blocks_are_zero_even_where_a_freed_block_was() {
        for layout in layouts() {
            // SAFETY: as above; the first block is freed before the second is
            // asked for, so that mimalloc may hand the same memory back.
            unsafe {
                let dirty = Allocator.alloc(layout);
                std::ptr::write_bytes(dirty, 0xff, layout.size());
                Allocator.dealloc(dirty, layout);
                let p = Allocator.alloc_zeroed(layout);
                assert_eq!(p as usize % layout.align(), 0, "{layout:?}");
                let bytes = std::slice::from_raw_parts(p, layout.size());
                assert!(bytes.iter().all(|&b| b == 0), "{layout:?}");
                Allocator.dealloc(p, layout);
            }
        }
    }

    #[test]
    fn realloc_keeps_the_contents_and_the_alignment() {
        for layout in layouts() {
            for new_size in [layout.size() / 2, layout.size() * 3 + 5] {
                let new_size = new_size.max(layout.align());
                // SAFETY: as above; the block is freed with its new layout.
                unsafe {
                    let p = Allocator.alloc(layout);
                    for i in 0..layout.size() {
                        *p.add(i) = (i % 251) as u8;
                    }
                    let q = Allocator.realloc(p, layout, new_size);
                    assert_eq!(q as usize % layout.align(), 0, "{layout:?} -> {new_size}");
                    for i in 0..layout.size().min(new_size) {
                        assert_eq!(*q.add(i), (i % 251) as u8, "{layout:?} -> {new_size}");
                    }
                    Allocator.dealloc(
                        q,
                        Layout::from_size_align(new_size, layout.align()).unwrap(),
                    );
                }
            }
        }
    }
}
