//! The shipped gazetteer of well-known organisations (`data/organizations.tsv`):
//! every name and alias, matched on token boundaries from a token whose word opens
//! one of them.

use super::OrgHit;
use crate::capitals::one_byte;
use crate::lexicon::{FxBuild, Lexicon, MODIFIER, ORG_HEAD, ORG_START, TITLE};
use crate::text::{Kind, Token, tokenize};
use std::collections::HashMap;

pub(crate) struct Gazetteer {
    /// The name each entry is shown under.
    names: Vec<&'static str>,
    /// Every surface (name or alias, spaces single; capitals too) and every shorter
    /// start of one, token by token, keyed by its [`KeyHash`]: one lookup per step of
    /// a match, no string built or compared. Two of the ~2,400 keys and a text's key
    /// sharing a hash has a chance of about 1e-16 per lookup.
    keys: KeyTable,
    /// The most tokens a surface spans.
    max_tokens: usize,
}

/// A 64-bit FNV-1a hash, which grows byte by byte: a match's key is hashed as its
/// tokens come ("U", "U.", "U.S", "U.S.", "U.S. Treasury"), not built and hashed
/// again whole at each step.
#[derive(Clone, Copy)]
struct KeyHash(u64);

impl KeyHash {
    const EMPTY: KeyHash = KeyHash(0xcbf2_9ce4_8422_2325);

    #[inline]
    fn push(self, bytes: &[u8]) -> KeyHash {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        KeyHash(h)
    }

    fn of(s: &str) -> u64 {
        KeyHash::EMPTY.push(s.as_bytes()).0
    }
}

/// What a key is: a surface (the entry it names) and/or the start of a longer one.
#[derive(Clone, Copy, Default)]
struct KeyEntry {
    surface: Option<u16>,
    /// A key that is no prefix can grow into no name.
    prefix: bool,
}

/// The keys and what each is, open-addressed: a key's slot is picked by the top
/// bits of its product with a constant, then the next slots in turn until the key
/// or an empty slot. Under a third of the slots are taken (8,192 slots of 16 bytes
/// for ~2,400 keys), so most lookups read one or two. The `HashMap` it replaces,
/// which hashed the key again and probed a group of slots, cost 1.4% more of the
/// stage's instructions (and this table at 4,096 slots, half full, 1.6% more).
struct KeyTable {
    /// (key, entry); key 0 marks an empty slot (`new` checks that no key is 0).
    slots: Box<[(u64, KeyEntry)]>,
    /// 64 less the base-2 logarithm of the number of slots.
    shift: u32,
}

impl KeyTable {
    fn new(keys: &HashMap<u64, KeyEntry, FxBuild>) -> Self {
        let len = (keys.len() * 2).next_power_of_two();
        let mut table = KeyTable {
            slots: vec![(0, KeyEntry::default()); len].into_boxed_slice(),
            shift: 64 - len.trailing_zeros(),
        };
        for (&key, &entry) in keys {
            assert_ne!(key, 0, "a gazetteer key hashed to the empty slot's mark");
            let mut i = table.first_slot(key);
            while table.slots[i].0 != 0 {
                i = (i + 1) & (len - 1);
            }
            table.slots[i] = (key, entry);
        }
        table
    }

    #[inline]
    fn first_slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The entry of `key`, or the default (no surface, no prefix).
    #[inline]
    fn get(&self, key: u64) -> KeyEntry {
        let mask = self.slots.len() - 1;
        let mut i = self.first_slot(key);
        loop {
            let (k, e) = self.slots[i];
            if k == key {
                return e;
            }
            if k == 0 {
                return KeyEntry::default();
            }
            i = (i + 1) & mask;
        }
    }
}

impl Gazetteer {
    /// Reads the compiled-in list and marks the words that open a name in `lex`.
    pub fn new(lex: &mut Lexicon) -> Self {
        let mut names = Vec::new();
        let mut keys: HashMap<u64, KeyEntry, FxBuild> = HashMap::default();
        let mut max_tokens = 1;
        let data = include_str!("../../data/organizations.tsv");
        for line in data
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let id = names.len() as u16;
            names.push(name);
            let aliases = cols.next().unwrap_or("").split('|');
            for surface in std::iter::once(name).chain(aliases).map(str::trim) {
                let toks = tokenize(surface);
                let Some(first) = toks.first() else { continue };
                lex.mark(first.text(surface), ORG_START);
                max_tokens = max_tokens.max(toks.len());
                for fp in [KeyHash::of(surface), KeyHash::of(&surface.to_uppercase())] {
                    let e = keys.entry(fp).or_default();
                    e.surface = e.surface.or(Some(id));
                }
                for t in &toks[..toks.len() - 1] {
                    let prefix = &surface[..t.end()];
                    for fp in [KeyHash::of(&prefix.to_uppercase()), KeyHash::of(prefix)] {
                        keys.entry(fp).or_default().prefix = true;
                    }
                }
            }
        }
        Gazetteer {
            names,
            keys: KeyTable::new(&keys),
            max_tokens,
        }
    }

    /// The name entry `i` is shown under.
    pub fn name(&self, i: u16) -> &'static str {
        self.names[usize::from(i)]
    }

    /// Appends the longest gazetteer match starting at each flagged token.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        caps: &[usize],
        flags: &[u8],
        hits: &mut Vec<OrgHit>,
    ) {
        // Only capitalised words carry flags. Their list is walked by one loop
        // that steps past the words a match took (`next`): a `Cursor` asked anew at
        // each word cost a sixtieth of the stage.
        let mut next = 0;
        for &k in caps {
            if k < next || flags[k] & ORG_START == 0 || tokens[k].kind != Kind::Word {
                continue;
            }
            let mut best = None;
            let mut key = KeyHash::EMPTY;
            for n in k..tokens.len().min(k + self.max_tokens) {
                let t = &tokens[n];
                if n > k && t.line_start {
                    break;
                }
                if n > k && t.start() > tokens[n - 1].end() {
                    key = key.push(b" ");
                }
                key = key.push(t.text(text).as_bytes());
                // A match ends at a word's end: not "AT" of "AT&T".
                let next = tokens.get(n + 1);
                let ends_word = next.is_none_or(|x| {
                    x.start() > t.end()
                        || x.kind == Kind::Punct && !matches!(one_byte(text, x), Some(b'-' | b'&'))
                });
                let entry = self.keys.get(key.0);
                if ends_word && let Some(id) = entry.surface {
                    best = Some((n, id));
                }
                if !entry.prefix {
                    break;
                }
            }
            // A known name before another capitalised word is part of a longer name
            // ("Fed Cup"), unless the word is a title ("NATO Secretary-General").
            let best = best.filter(|&(last, _)| {
                tokens.get(last + 1).is_none_or(|n| {
                    n.line_start
                        || n.kind != Kind::Word
                        || !(n.is_cap() || n.case == crate::text::Case::Upper)
                        || flags[last + 1] & (TITLE | MODIFIER | ORG_HEAD) != 0
                })
            });
            if let Some((last, id)) = best {
                hits.push(OrgHit {
                    first: k,
                    last,
                    known: Some(id),
                    alias_of: None,
                });
                next = last + 1;
            }
        }
    }
}
