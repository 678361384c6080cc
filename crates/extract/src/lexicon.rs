//! Word lists compiled in from `data/`: given names, titles, role nouns,
//! organisation words, stop words and ambiguous place names, as hash sets with a
//! cheap hasher (the keys are short words and lookups run per capitalised token).

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

/// FxHash (rustc's): a multiply or two per word of input. Plenty for short
/// static keys and several times faster than SipHash on them.
pub(crate) use rustc_hash::FxBuildHasher as FxBuild;
use rustc_hash::FxHasher;
pub(crate) type Set = HashSet<&'static str, FxBuild>;
pub(crate) type Map<V> = HashMap<&'static str, V, FxBuild>;

/// How a title word works before a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleKind {
    /// An honorific or office: evidence that a name follows ("Mawlawi", "Minister").
    Title,
    /// Only qualifies a title ("Foreign", "Deputy", "acting").
    Modifier,
}

/// What a word is to the person rules, as bits: one lookup answers every question.
pub(crate) const GIVEN: u8 = 1;
pub(crate) const TITLE: u8 = 2;
pub(crate) const MODIFIER: u8 = 4;
/// A word that makes a run an organisation's name (`data/org_heads.tsv`).
pub(crate) const ORG_HEAD: u8 = 8;
pub(crate) const ORG: u8 = 16;
pub(crate) const STOP: u8 = 32;
/// The word starts some place name of the gazetteer (set by the place matcher).
pub(crate) const PLACE_START: u8 = 64;
/// The word opens some name of the organisation gazetteer (set by its builder).
pub(crate) const ORG_START: u8 = 128;

/// How an organisation word works in a name (`data/org_heads.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrgWord {
    /// A legal form ending a company's name: "Inc", "Ltd", "AG".
    Suffix,
    /// A noun heading a name: "Bank", "Ministry", "Party".
    Head,
    /// A word opening a name: "Banque", "Compagnie".
    Lead,
}

pub(crate) struct Lexicon {
    pub ambiguous_places: Set,
    /// Role nouns apart as well: they are looked up for lower-case words around
    /// every run of capitals, and a set of 150 stays in cache.
    role_nouns: Set,
    /// The first letters and lengths of the role nouns: most words around a run
    /// of capitals are told none without hashing them.
    role_shape: Shape,
    /// The organisation words and how each works.
    pub org_words: Map<OrgWord>,
    /// Keyed by a 64-bit fingerprint of the surface as written, in its own case and
    /// in capitals (for lines set in capitals), so that a token needs one lookup, no
    /// case folding and no string comparison. Two of the ~80,000 words sharing a
    /// fingerprint has a chance of about 2e-10.
    flags: HashMap<u64, u8, FxBuild>,
}

/// The fingerprint of a word: a word of up to sixteen bytes (nearly all) read as
/// two little-endian numbers, zero past its end, or FxHash of a longer one's bytes,
/// mixed with its length; then murmur3's finaliser, so that its low bits spread
/// well over the table.
#[inline]
pub(crate) fn fingerprint(w: &str) -> u64 {
    fingerprint_bytes(w.as_bytes())
}

/// [`fingerprint`] of a word's bytes.
#[inline]
fn fingerprint_bytes(w: &[u8]) -> u64 {
    let n = w.len();
    if n > 16 {
        let mut h = FxHasher::default();
        h.write(w);
        return mix(h.finish(), 0, n);
    }
    let mut padded = [0u8; 16];
    padded[..n].copy_from_slice(w);
    let (a, b) = padded.split_at(8);
    mix(le_u64(a), le_u64(b), n)
}

/// The fingerprint of the word at `start..end` of `text`, as [`fingerprint`] gives
/// it: sixteen bytes read from the word's start and masked to its length, where
/// the text has them. FxHash's branches on the length (eight bytes or more, four
/// or more, one or more) follow no pattern a predictor learns: callgrind's branch
/// simulation counted 74 k mispredictions in the flags' lookups over 300 stories
/// (five passes) with them, 41 k without.
#[inline]
pub(crate) fn fingerprint_in(text: &[u8], start: usize, end: usize) -> u64 {
    let n = end - start;
    match text.get(start..start + 16) {
        Some(chunk) if n <= 16 => {
            let (lo, hi) = LENGTH_MASKS[n];
            let (a, b) = chunk.split_at(8);
            mix(le_u64(a) & lo, le_u64(b) & hi, n)
        }
        _ => fingerprint_bytes(&text[start..end]),
    }
}

/// For a length `n` up to sixteen, the masks that keep the first `n` bytes of two
/// little-endian numbers read from sixteen bytes.
const LENGTH_MASKS: [(u64, u64); 17] = {
    let mut m = [(0, 0); 17];
    let mut n = 0;
    while n <= 16 {
        m[n] = (keep_bytes(n), keep_bytes(n.saturating_sub(8)));
        n += 1;
    }
    m
};

/// The mask of the first `bytes` bytes of a little-endian number.
const fn keep_bytes(bytes: usize) -> u64 {
    if bytes >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * bytes)) - 1
    }
}

/// Eight bytes as a little-endian number.
#[inline]
fn le_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

/// The two halves and the length, mixed (each half by its own odd multiplier),
/// then murmur3's finaliser.
#[inline]
fn mix(a: u64, b: u64, n: usize) -> u64 {
    let mut x = a.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ (b ^ ((n as u64) << 59 | n as u64)).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

const CACHE_SLOTS: usize = 1024;

/// See [`Lexicon::flags_cached`]; one per thread, reused across calls.
pub(crate) struct FlagCache(Box<[(u64, u8); CACHE_SLOTS]>);

impl Default for FlagCache {
    fn default() -> Self {
        // Fingerprint 0 is taken by no word in practice; a stale hit on it would only
        // return the flags of the word that had it.
        FlagCache(Box::new([(0, 0); CACHE_SLOTS]))
    }
}

fn words(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `word<TAB>kind` lines.
fn words_with_kind(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    data.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, k)| (w.trim(), k.trim()))
}

fn set(data: &'static str) -> Set {
    words(data).collect()
}

impl Lexicon {
    /// Whether `w` is a role noun ("envoy", "spokesman"), exactly as written.
    #[inline]
    pub fn is_role_noun(&self, w: &str) -> bool {
        self.role_shape.may_hold(w) && self.role_nouns.contains(w)
    }

    /// The flag bits of a word (0 when the lexicon does not know it).
    #[inline]
    pub fn flags(&self, w: &str) -> u8 {
        self.flags.get(&fingerprint(w)).copied().unwrap_or(0)
    }

    /// The flags of a word, through a small direct-mapped cache of recent lookups:
    /// news repeats its capitalised words ("The", "U", "Reuters", a name), and the
    /// cache stays in L1 where the full map (80,000 entries) misses it.
    ///
    /// The word at `start..end` of `text`, as bytes: its token's span sliced as a
    /// `str` was tested at both ends for a character boundary, for every
    /// capitalised word ([`fingerprint_in`] reads it in place).
    #[inline]
    pub fn flags_cached(&self, text: &[u8], start: usize, end: usize, cache: &mut FlagCache) -> u8 {
        let fp = fingerprint_in(text, start, end);
        let slot = &mut cache.0[(fp as usize) & (CACHE_SLOTS - 1)];
        if slot.0 == fp {
            return slot.1;
        }
        let f = self.flags.get(&fp).copied().unwrap_or(0);
        *slot = (fp, f);
        f
    }

    /// Sets `bit` for a word, as written and in capitals.
    pub fn mark(&mut self, w: &str, bit: u8) {
        *self.flags.entry(fingerprint(w)).or_default() |= bit;
        let upper = w.to_uppercase();
        if upper != w {
            *self.flags.entry(fingerprint(&upper)).or_default() |= bit;
        }
    }

    pub fn new() -> Self {
        let titles = include_str!("../data/titles.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, k) = l.split_once('\t')?;
                let kind = if k.trim() == "mod" {
                    TitleKind::Modifier
                } else {
                    TitleKind::Title
                };
                Some((w.trim(), kind))
            })
            .collect();
        let role_nouns = set(include_str!("../data/role_nouns.txt"));
        let role_shape = role_nouns.iter().fold(Shape::EMPTY, |s, w| s.with(w));
        let mut lex = Lexicon {
            ambiguous_places: set(include_str!("../data/ambiguous_places.txt")),
            role_nouns,
            role_shape,
            org_words: Map::default(),
            flags: HashMap::default(),
        };
        for line in words_with_kind(include_str!("../data/org_heads.tsv")) {
            let kind = match line.1 {
                "suffix" => OrgWord::Suffix,
                "lead" => OrgWord::Lead,
                _ => OrgWord::Head,
            };
            lex.org_words.insert(line.0, kind);
            lex.mark(line.0, ORG_HEAD);
        }
        let mut mark = |words: &mut dyn Iterator<Item = &'static str>, bit: u8| {
            for w in words {
                lex.mark(w, bit);
            }
        };
        mark(&mut words(include_str!("../data/given_names.txt")), GIVEN);
        mark(&mut words(include_str!("../data/org_words.txt")), ORG);
        mark(&mut words(include_str!("../data/stop_words.txt")), STOP);
        let titles: Vec<(&str, TitleKind)> = titles;
        for (w, k) in titles {
            let bit = if k == TitleKind::Title {
                TITLE
            } else {
                MODIFIER
            };
            lex.mark(w, bit);
        }
        lex
    }
}

/// The (first letter, length) pairs the words of a list have: most words looked up
/// in the hot loops are ruled out by one lookup here before any string comparison
/// or hash. The first letter counts by its low five bits, so the test is the same
/// for either ASCII case; lengths past 15 count as 15.
#[derive(Clone, Copy)]
pub(crate) struct Shape([u16; 32]);

impl Shape {
    /// The shape of no word.
    pub const EMPTY: Shape = Shape([0; 32]);

    /// This shape and that of `w`.
    pub const fn with(mut self, w: &str) -> Self {
        let b = w.as_bytes();
        if !b.is_empty() {
            let len = if b.len() > 15 { 15 } else { b.len() };
            self.0[(b[0] & 0x1f) as usize] |= 1 << len;
        }
        self
    }

    /// Whether the shape of `w` is one of the list's words has (no false negatives).
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        b.first()
            .is_some_and(|&c| self.0[(c & 0x1f) as usize] & (1 << b.len().min(15)) != 0)
    }
}

/// A short fixed list of words, with its [`Shape`].
pub(crate) struct Words {
    list: &'static [&'static str],
    shape: Shape,
}

impl Words {
    pub const fn new(list: &'static [&'static str]) -> Self {
        let mut shape = Shape::EMPTY;
        let mut k = 0;
        while k < list.len() {
            shape = shape.with(list[k]);
            k += 1;
        }
        Words { list, shape }
    }

    /// Whether `w` is in the list, exactly.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.shape.may_hold(w) && self.holds(w.as_bytes())
    }

    /// The list compared word by word, only words of `w`'s length and last letter
    /// in full: a word that passed [`Self::may_hold`] shares its length and first
    /// letter with many of a list ("PCT", "MLN", "DLR" beside forty other
    /// three-letter words in the organisations' list of abbreviations, since packed
    /// and searched apart), and `==` on each called `memcmp` (a tenth of the
    /// organisations' stage, over Reuters).
    #[inline(never)]
    fn holds(&self, w: &[u8]) -> bool {
        let last = w[w.len() - 1];
        self.list.iter().any(|s| {
            let s = s.as_bytes();
            s.len() == w.len() && s[s.len() - 1] == last && s == w
        })
    }
}

/// Month names and their abbreviations -> month number.
///
/// Asked of most capitalised words by several rules: the rejection by length and
/// first letters is inlined where it is asked, the names compared out of line.
#[inline]
pub(crate) fn month(word: &str) -> Option<u8> {
    let b = word.as_bytes();
    // The first two letters of every month's name ("Minister", "Soviet" and
    // "Foreign" go here).
    if b.len() < 3
        || b.len() > 9
        || !matches!(
            (b[0], b[1] | 0x20),
            (b'J', b'a' | b'u')
                | (b'F', b'e')
                | (b'M', b'a')
                | (b'A', b'p' | b'u')
                | (b'S', b'e')
                | (b'O', b'c')
                | (b'N', b'o')
                | (b'D', b'e')
        )
    {
        return None;
    }
    month_by_name(word)
}

/// [`month`] past its first-letter test.
#[inline(never)]
fn month_by_name(word: &str) -> Option<u8> {
    let m = match word {
        "January" | "Jan" | "JANUARY" | "JAN" => 1,
        "February" | "Feb" | "FEBRUARY" | "FEB" => 2,
        "March" | "Mar" | "MARCH" | "MAR" => 3,
        "April" | "Apr" | "APRIL" | "APR" => 4,
        "May" | "MAY" => 5,
        "June" | "Jun" | "JUNE" | "JUN" => 6,
        "July" | "Jul" | "JULY" | "JUL" => 7,
        "August" | "Aug" | "AUGUST" | "AUG" => 8,
        "September" | "Sep" | "Sept" | "SEPTEMBER" | "SEP" | "SEPT" => 9,
        "October" | "Oct" | "OCTOBER" | "OCT" => 10,
        "November" | "Nov" | "NOVEMBER" | "NOV" => 11,
        "December" | "Dec" | "DECEMBER" | "DEC" => 12,
        _ => return None,
    };
    Some(m)
}

/// Weekday names -> 0 for Monday .. 6 for Sunday. No abbreviations: "Sun" and "Sat"
/// are more often a newspaper or a verb than a day. Inlined as [`month`] is.
#[inline]
pub(crate) fn weekday(word: &str) -> Option<u8> {
    let b = word.as_bytes();
    if b.len() < 6
        || b.len() > 9
        || !matches!(
            (b[0], b[1] | 0x20),
            (b'M', b'o') | (b'T', b'u' | b'h') | (b'W', b'e') | (b'F', b'r') | (b'S', b'a' | b'u')
        )
    {
        return None;
    }
    weekday_by_name(word)
}

/// [`weekday`] past its first-letter test.
#[inline(never)]
fn weekday_by_name(word: &str) -> Option<u8> {
    let d = match word {
        "Monday" | "MONDAY" => 0,
        "Tuesday" | "TUESDAY" => 1,
        "Wednesday" | "WEDNESDAY" => 2,
        "Thursday" | "THURSDAY" => 3,
        "Friday" | "FRIDAY" => 4,
        "Saturday" | "SATURDAY" => 5,
        "Sunday" | "SUNDAY" => 6,
        _ => return None,
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_one_fingerprint_in_place_or_alone() {
        let text = "The Finance Ministry of Nordrhein-Westfalen and Schleswig-Holsteinische \
                    Landesbank said São Tomé's envoy met Abdelaziz Bouteflika in Algiers";
        let b = text.as_bytes();
        for start in 0..b.len() {
            for end in start..=b.len().min(start + 24) {
                if let Some(w) = text.get(start..end) {
                    assert_eq!(fingerprint_in(b, start, end), fingerprint(w), "{w:?}");
                }
            }
        }
        // Words that differ only in length, case or a late byte differ.
        let words = [
            "a",
            "A",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "Schleswig-Holste",
        ];
        for (i, x) in words.iter().enumerate() {
            for y in &words[i + 1..] {
                assert_ne!(fingerprint(x), fingerprint(y), "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn role_nouns_as_written_and_only_they() {
        let lex = Lexicon::new();
        for w in ["envoy", "spokesman", "diplomat"] {
            assert!(lex.is_role_noun(w), "{w}");
        }
        // Shapes a role noun has ("envoy", "spokesman") and words that are none.
        for w in ["Envoy", "enemy", "spokeswoxx", "the", "", "ENVOY"] {
            assert!(!lex.is_role_noun(w), "{w}");
        }
    }
}
