//! The `news` analyzer in one pass: what tantivy's `SimpleTokenizer`,
//! `RemoveLongFilter`, `LowerCaser` and `AsciiFoldingFilter` give chained, token
//! for token (text, offsets, positions), without a stream per filter. The
//! chain costs a virtual-free but four-layer `advance` and a scan of each token
//! per filter; an indexing run tokenises every title and body, so the one scan
//! here is a few percent of a whole build. Text that is not ASCII goes through
//! tantivy's own filters, so the two can only differ in speed (the tests
//! compare them on ASCII and Unicode text).

use search_types::ascii::{alnum_end, lowercase8};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Tokens of this many bytes or more are dropped (a URL, a hash, a run of
/// digits): as `RemoveLongFilter::limit(40)`.
pub const MAX_TOKEN_BYTES: usize = 40;

/// Splits on what is not alphanumeric, drops tokens of [`MAX_TOKEN_BYTES`] or
/// more, lower-cases and folds accents.
#[derive(Clone)]
pub struct NewsTokenizer {
    token: Token,
    /// Lower-cases and folds a token that is not ASCII, as tantivy's filters do.
    unicode: TextAnalyzer,
}

impl Default for NewsTokenizer {
    fn default() -> Self {
        NewsTokenizer {
            token: Token::default(),
            unicode: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

/// The tokens of one text.
pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// Where the scan goes on.
    at: usize,
    token: &'a mut Token,
    unicode: &'a mut TextAnalyzer,
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            unicode: &mut self.unicode,
        }
    }
}

/// What a byte is to the scan: part of an ASCII word, an ASCII separator, or a
/// byte of a character that is not ASCII (decoded to decide).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Separator,
    Word,
    Unicode,
}

/// [`Class`] of every byte, looked up once per byte: a table is a load where
/// `is_ascii` then `is_ascii_alphanumeric` are two tests and a range check.
static CLASS: [Class; 256] = {
    let mut table = [Class::Separator; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            Class::Unicode
        } else if byte.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Separator
        };
        b += 1;
    }
    table
};

impl NewsTokenStream<'_> {
    /// The first character of `self.text` at byte `i` (a character boundary).
    /// Cold: only text that is not ASCII comes here.
    #[cold]
    #[inline(never)]
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|rest| rest.chars().next())
    }

    /// The next run of alphanumeric characters from `self.at`, as byte offsets,
    /// and whether it is all ASCII.
    fn next_run(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // Skip to the first alphanumeric character.
        let start = loop {
            match CLASS[*bytes.get(i)? as usize] {
                Class::Word => break i,
                Class::Separator => i += 1,
                Class::Unicode => {
                    let c = self.char_at(i)?;
                    if c.is_alphanumeric() {
                        break i;
                    }
                    i += c.len_utf8();
                }
            }
        };
        let mut ascii = true;
        let mut end = start;
        let after = loop {
            // The ASCII letters and digits at once, then what stopped them.
            end = alnum_end(bytes, end);
            let Some(&b) = bytes.get(end) else {
                break end;
            };
            if b.is_ascii() {
                // The separator that ended the run is not part of the next one.
                break end + 1;
            }
            let Some(c) = self.char_at(end) else {
                break end;
            };
            if !c.is_alphanumeric() {
                break end + c.len_utf8();
            }
            ascii = false;
            end += c.len_utf8();
        };
        self.at = after;
        Some((start, end, ascii))
    }
}

/// Appends `text[start..end]`, all ASCII, lower-cased to `out`, eight bytes at a
/// time: a copy through a lower-casing iterator, or a copy then
/// `make_ascii_lowercase`, went byte by byte, and every token of every title
/// and body passes here.
fn push_lowercase(out: &mut String, text: &[u8], start: usize, end: usize) {
    debug_assert!(text[start..end].is_ascii());
    let len = end - start;
    // SAFETY: only ASCII bytes are ever part of the string (those of the word,
    // lower-cased), so it stays UTF-8.
    let out = unsafe { out.as_mut_vec() };
    let at = out.len();
    // Room for the last chunk's eight bytes past the word's end.
    out.reserve(len + 8);
    let mut i = 0;
    while i < len {
        // Eight bytes of the text from the word's `i`-th, fewer at the text's
        // end; those past the word are written beyond the new length, never
        // read.
        let from = start + i;
        let w = match text.get(from..from + 8) {
            Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])),
            None => {
                let mut chunk = [0; 8];
                chunk[..text.len() - from].copy_from_slice(&text[from..]);
                u64::from_le_bytes(chunk)
            }
        };
        let lower = lowercase8(w).to_le_bytes();
        // SAFETY: `i < len`, so `at + i + 8 <= at + len + 8`, within the
        // capacity reserved above.
        unsafe {
            std::ptr::copy_nonoverlapping(lower.as_ptr(), out.as_mut_ptr().add(at + i), 8);
        }
        i += 8;
    }
    // SAFETY: the `len` bytes after `at` were all written above.
    unsafe { out.set_len(at + len) };
}

/// Appends `word`, not all ASCII, lower-cased and folded by tantivy's own
/// filters. Out of line and cold: kept out of `advance`, whose every call
/// otherwise saved and restored the registers this path needs.
#[cold]
#[inline(never)]
fn push_folded(out: &mut String, unicode: &mut TextAnalyzer, word: &str) {
    let mut folded = unicode.token_stream(word);
    if folded.advance() {
        out.push_str(&folded.token().text);
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Every run takes a position, a dropped long one too (as the
            // chain: the tokenizer counts, the filter drops).
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, end, ascii)) = self.next_run() else {
                self.token.text.clear();
                return false;
            };
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            if ascii {
                push_lowercase(&mut self.token.text, self.text.as_bytes(), start, end);
            } else {
                push_folded(&mut self.token.text, self.unicode, &self.text[start..end]);
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};

    fn chained() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn gives_the_tokens_of_tantivys_chain() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let just_short = "y".repeat(MAX_TOKEN_BYTES - 1);
        let texts = [
            "Hello, happy tax payer!".to_string(),
            "Muttaqī met Côte d'Ivoire's envoy in KABUL on 12.3.2021".to_string(),
            format!("before {long} after {just_short}; end"),
            long.clone(),
            "  \n\t ".to_string(),
            String::new(),
            "Straße ÆRØ Łódź İstanbul ﬁnance ＮＡＴＯ Владимир Путин 東京 ٣٤".to_string(),
            "a\u{a0}b\u{2009}c\u{301}d e\u{301}".to_string(),
            "émigré—naïve…café!".to_string(),
            format!("{}é and more", "é".repeat(25)),
            "x1y2 3.5% U.S. $100,000 don't".to_string(),
        ];
        let mut ours = TextAnalyzer::from(NewsTokenizer::default());
        let mut theirs = chained();
        for text in &texts {
            assert_eq!(
                tokens(&mut ours, text),
                tokens(&mut theirs, text),
                "{text:?}"
            );
        }
        // Every character of the first planes once, between letters.
        let every: String = (0u32..0x3000)
            .filter_map(char::from_u32)
            .flat_map(|c| ['a', c, 'b', ' '])
            .collect();
        assert_eq!(tokens(&mut ours, &every), tokens(&mut theirs, &every));
    }

    #[test]
    fn lower_cases_words_of_every_length_at_the_texts_end_and_before_others() {
        let letters = "QwErTyUiOpAsDfGhJkLzXcVbNm0123456789@[`{QWERTYUIOP";
        let mut ours = TextAnalyzer::from(NewsTokenizer::default());
        let mut theirs = chained();
        for len in 1..=letters.len() {
            let word = &letters[..len];
            for text in [
                word.to_string(),
                format!("{word}é"),
                format!("É {word}!"),
                format!("{word} Ünd"),
                format!("x{word}\u{7f}\u{80}"),
            ] {
                assert_eq!(
                    tokens(&mut ours, &text),
                    tokens(&mut theirs, &text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn reuses_its_stream_between_texts() {
        let mut ours = TextAnalyzer::from(NewsTokenizer::default());
        assert_eq!(tokens(&mut ours, "Über alles").len(), 2);
        assert_eq!(tokens(&mut ours, "one"), [("one".to_string(), 0, 3, 0)]);
    }
}
