//! The `news` analyzer in one pass: what tantivy's `SimpleTokenizer`,
//! `RemoveLongFilter`, `LowerCaser` and `AsciiFoldingFilter` give chained, token
//! for token (text, offsets, positions), without a stream per filter. The
//! chain costs a virtual-free but four-layer `advance` and a scan of each token
//! per filter; an indexing run tokenises every title and body, so the one scan
//! here is a few percent of a whole build. Text that is not ASCII goes through
//! tantivy's own filters, so the two can only differ in speed (the tests
//! compare them on ASCII and Unicode text).

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
            let Some(&b) = bytes.get(end) else {
                break end;
            };
            match CLASS[b as usize] {
                Class::Word => end += 1,
                // The separator that ended the run is not part of the next one.
                Class::Separator => break end + 1,
                Class::Unicode => {
                    let Some(c) = self.char_at(end) else {
                        break end;
                    };
                    if !c.is_alphanumeric() {
                        break end + c.len_utf8();
                    }
                    ascii = false;
                    end += c.len_utf8();
                }
            }
        };
        self.at = after;
        Some((start, end, ascii))
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
            let word = &self.text[start..end];
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            if ascii {
                // Lower-cased as it is copied, in one pass over the bytes.
                // SAFETY: the word is ASCII, and so is its lower case: the
                // String stays UTF-8.
                let text = unsafe { self.token.text.as_mut_vec() };
                text.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                let mut folded = self.unicode.token_stream(word);
                if folded.advance() {
                    self.token.text.push_str(&folded.token().text);
                }
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
    fn reuses_its_stream_between_texts() {
        let mut ours = TextAnalyzer::from(NewsTokenizer::default());
        assert_eq!(tokens(&mut ours, "Über alles").len(), 2);
        assert_eq!(tokens(&mut ours, "one"), [("one".to_string(), 0, 3, 0)]);
    }
}
