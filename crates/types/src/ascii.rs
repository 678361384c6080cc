//! Scans of ASCII text that both tokenizers make, the one extraction reads
//! names with and the one the index is searched by: one definition, so that
//! what one counts as a word's letters the other does too. Both work a chunk
//! of bytes at a time with one byte-range test ([`alnum_end`], [`lowercase8`]).

/// The end of the run of ASCII letters and digits that starts at `i` (`i`
/// itself when `bytes[i]` is none, `bytes.len()` when the run goes to the end).
///
/// Sixteen or eight bytes at a time: words are short, and a byte loop
/// mispredicted its exit at nearly every word (the costliest branch of
/// extraction's tokenizer), where one test per chunk is mostly taken the
/// first time.
///
/// ```
/// use search_types::ascii::alnum_end;
///
/// assert_eq!(alnum_end(b"Kabul, 2025", 0), 5);
/// assert_eq!(alnum_end(b"Kabul, 2025", 5), 5);
/// assert_eq!(alnum_end(b"Kabul, 2025", 7), 11);
/// ```
#[inline]
pub fn alnum_end(bytes: &[u8], i: usize) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: the target has SSE2 (the `cfg` above; every x86-64 has it), all that
    // the function requires.
    let i = match unsafe { sse2_alnum_end(bytes, i) } {
        Ok(end) => return end,
        Err(tail) => tail,
    };
    swar_alnum_end(bytes, i)
}

/// [`alnum_end`] sixteen bytes at a time with SSE2 (every x86-64 has it),
/// the same test as the eight-byte one below in about half its instructions (a
/// fifth of the tokenizer's went to it). `Err` with where it stopped when fewer than
/// sixteen bytes are left before the end.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
#[target_feature(enable = "sse2")]
fn sse2_alnum_end(bytes: &[u8], mut i: usize) -> Result<usize, usize> {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    /// Bytes from `lo` to `lo + len - 1`: shifted so that `lo` is the least signed
    /// byte, the range is what compares less than `i8::MIN + len` (bytes of 0x80 and
    /// up are in no range of ASCII).
    #[inline]
    #[target_feature(enable = "sse2")]
    fn in_range(v: __m128i, lo: u8, len: u8) -> __m128i {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8(i8::MIN + len as i8))
    }
    // The last place a chunk of sixteen starts: one comparison a chunk, where
    // `bytes.get(i..i + 16)` also tested `i + 16` for overflow.
    let Some(last) = bytes.len().checked_sub(16) else {
        return Err(i);
    };
    while i <= last {
        let chunk = &bytes[i..i + 16];
        let half = |k: usize| {
            let mut b = [0; 8];
            b.copy_from_slice(&chunk[k..k + 8]);
            i64::from_le_bytes(b)
        };
        let v = _mm_set_epi64x(half(8), half(0));
        let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let alnum = _mm_or_si128(letter, in_range(v, b'0', 10));
        let other = !(_mm_movemask_epi8(alnum) as u32) & 0xffff;
        if other != 0 {
            return Ok(i + other.trailing_zeros() as usize);
        }
        i += 16;
    }
    Err(i)
}

/// A byte of ones in each of a `u64`'s eight bytes.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// The high bit of each of a `u64`'s eight bytes.
const HIGH_BITS: u64 = ONES * 0x80;

/// The high bit of each byte of `x` that lies in `lo..=hi`, for an `x` whose
/// high bits are clear (so no sum carries into the next byte): the high bit of
/// `x + (0x80 - lo)` says `x >= lo`, and that of `x + (0x7f - hi)` says `x > hi`.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    (x + ONES * (0x80 - u64::from(lo))) & !(x + ONES * (0x7f - u64::from(hi))) & HIGH_BITS
}

/// Eight bytes (a `u64` read little-endian or not: bytewise) with their ASCII
/// capitals lower-cased and every other byte as it was, non-ASCII ones too.
///
/// ```
/// use search_types::ascii::lowercase8;
///
/// let w = u64::from_le_bytes(*b"KaBUL-\xc3\x89");
/// assert_eq!(lowercase8(w).to_le_bytes(), *b"kabul-\xc3\x89");
/// ```
#[inline]
pub fn lowercase8(w: u64) -> u64 {
    let upper = in_range(w & !HIGH_BITS, b'A', b'Z') & !w;
    w | (upper >> 2)
}

/// [`alnum_end`] eight bytes at a time in a `u64`.
#[inline]
fn swar_alnum_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let x = w & !HIGH_BITS;
        let alnum = (in_range(x, b'0', b'9') | in_range(x | (ONES * 0x20), b'a', b'z')) & !w;
        let other = !alnum & HIGH_BITS;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_end_agrees_with_a_byte_loop() {
        let text =
            "abcXYZ09 Foo-bar O'Neil naïve 123456789012 Zz@[`{/:\u{7f}\u{80}qwertyuiopASDFGHJKL";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let mut end = i;
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            assert_eq!(alnum_end(bytes, i), end, "from {i}");
        }
        // Every byte value, at every position of a sixteen- and an eight-byte chunk
        // and of the bytes after them.
        for b in 0..=255u8 {
            for at in 0..40 {
                let mut chunk = vec![b'a'; 40];
                chunk[at] = b;
                let want = if b.is_ascii_alphanumeric() { 40 } else { at };
                assert_eq!(alnum_end(&chunk, 0), want, "byte {b:#x} at {at}");
                assert_eq!(swar_alnum_end(&chunk, 0), want, "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn lowercase8_lower_cases_each_byte_as_the_byte_method_does() {
        // Every byte value at each of the eight places, among capitals and a
        // byte of 0x80 and up, whose sums must not carry into their neighbours.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"QzA\xffZ@[\x80";
                bytes[at] = b;
                let want = bytes.map(|c| c.to_ascii_lowercase());
                let got = lowercase8(u64::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(got, want, "byte {b:#x} at {at}");
            }
        }
    }
}
