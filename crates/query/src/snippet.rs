//! Snippets: the passage of an article's body that best shows why it matched,
//! as a [`Snippet`]: plain text with the matched words' byte ranges.
//!
//! tantivy's `SnippetGenerator` only knows the terms of a query as typed, so it
//! cannot highlight "Mutaqi" matching "Muttaqi", and it highlights a phrase's
//! words anywhere. This highlighter tokenises the body with the index's analyzer
//! and marks:
//!
//! - tokens equal to a query term or to one of the variants the search found
//!   for it ([`crate::variants`]: the variant actually in the text gets
//!   highlighted), or beginning with a query prefix;
//! - runs of tokens that spell a query phrase, in order (one highlight for the run).
//!
//! The passage is a window of at most [`SNIPPET_CHARS`] characters that covers
//! the most *different* query terms, then the most matches, earliest on a tie,
//! starting a few words before its first match. Whitespace runs become one space;
//! `…` marks a cut. When nothing in the body matches (a title-only match, or a
//! query without text), the snippet is the start of the body. Only the first
//! [`SCAN_BYTES`] of a body are scanned for matches.

use std::collections::HashMap;

use search_schema::{MAX_TOKEN_BYTES, news_analyzer};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::Snippet;
use crate::plan::Highlights;
use crate::variants::Variants;

/// The longest snippet, in characters (ellipses aside).
pub const SNIPPET_CHARS: usize = 200;
/// How much context, in characters, to keep before the first match of a passage.
const LEAD_CHARS: usize = 40;
/// How much text before the first or after the last word of a body a snippet
/// keeps (quotes, punctuation) when it reaches that far.
const EDGE_CHARS: usize = 8;
/// How much of a body is searched for matches.
pub const SCAN_BYTES: usize = 256 * 1024;

/// Builds snippets for one query's highlights.
pub(crate) struct Highlighter {
    analyzer: TextAnalyzer,
    /// Every word a body token is compared with: the exact terms, their typo
    /// variants and the words of the phrases, each once.
    words: HashMap<String, u32>,
    /// Bit `n` set when some word is `n` bytes long (a word of 64 bytes or
    /// more sets bit 63): most tokens are told apart by their length alone.
    word_lengths: u64,
    /// The group of each word that is an exact term or a variant of one.
    exact: Vec<Option<usize>>,
    prefixes: Vec<(String, usize)>,
    /// Each phrase as its words' indexes, with its group.
    phrases: Vec<(Vec<u32>, usize)>,
}

/// A body token: byte range, character range, position, and which query word
/// it spells ([`NO_WORD`] for none).
struct Tok {
    bytes: (usize, usize),
    chars: (usize, usize),
    position: usize,
    word: u32,
    /// The group of the prefix it begins with, if any.
    prefix: Option<usize>,
}

/// A token that spells no query word.
const NO_WORD: u32 = u32::MAX;

impl Highlighter {
    pub fn new(h: &Highlights, variants: &Variants) -> Self {
        let mut group = 0..;
        let mut exact_groups: HashMap<&str, usize> = HashMap::new();
        for (term, distance) in &h.terms {
            let g = group.next().unwrap_or(0);
            exact_groups.insert(term, g);
            if *distance > 0 {
                for variant in variants.of(term) {
                    exact_groups.entry(variant).or_insert(g);
                }
            }
        }
        let prefixes = h
            .prefixes
            .iter()
            .map(|p| (p.clone(), group.next().unwrap_or(0)))
            .collect();
        let mut words: HashMap<String, u32> = HashMap::new();
        let mut exact: Vec<Option<usize>> = Vec::new();
        let mut word = |w: &str| -> u32 {
            if let Some(&i) = words.get(w) {
                return i;
            }
            let i = u32::try_from(exact.len()).unwrap_or(NO_WORD - 1);
            words.insert(w.to_string(), i);
            exact.push(None);
            i
        };
        let mut exact_words: Vec<(u32, usize)> =
            (exact_groups.iter()).map(|(w, &g)| (word(w), g)).collect();
        let phrases = h
            .phrases
            .iter()
            .map(|p| {
                let ids = p.iter().map(|w| word(w)).collect();
                (ids, group.next().unwrap_or(0))
            })
            .collect();
        exact_words.sort_unstable();
        for (i, g) in exact_words {
            exact[i as usize] = Some(g);
        }
        let word_lengths = words.keys().fold(0, |m, w| m | length_bit(w.len()));
        Highlighter {
            analyzer: news_analyzer(),
            words,
            word_lengths,
            exact,
            prefixes,
            phrases,
        }
    }

    /// The snippet of `body`.
    pub fn snippet(&self, body: &str) -> Snippet {
        if self.exact.iter().all(Option::is_none)
            && self.prefixes.is_empty()
            && self.phrases.is_empty()
        {
            return lead(body);
        }
        let tokens = self.tokens(body);
        let (marks, joined) = self.marks(&tokens);
        let matched: Vec<usize> = (0..tokens.len()).filter(|&i| marks[i].is_some()).collect();
        if matched.is_empty() {
            return lead(body);
        }
        // Best window: starts at a matched token (minus some lead), runs to
        // SNIPPET_CHARS; scored by distinct groups, then matches.
        let mut best: Option<((usize, usize), (usize, usize))> = None; // (score, (first, last))
        let mut groups: Vec<usize> = Vec::new();
        for &m in &matched {
            let mut first = m;
            while first > 0 && tokens[m].chars.0 - tokens[first - 1].chars.0 <= LEAD_CHARS {
                first -= 1;
            }
            let start = tokens[first].chars.0;
            let mut last = m;
            while last + 1 < tokens.len() && tokens[last + 1].chars.1 - start <= SNIPPET_CHARS {
                last += 1;
            }
            groups.clear();
            groups.extend((first..=last).filter_map(|i| marks[i]));
            let hits = groups.len();
            groups.sort_unstable();
            groups.dedup();
            let score = (groups.len(), hits);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, (first, last)));
            }
        }
        let (_, (mut first, mut last)) = best.unwrap_or(((0, 0), (0, 0)));
        // Spend what is left of the budget on context before, then after.
        while first > 0 && tokens[last].chars.1 - tokens[first - 1].chars.0 <= SNIPPET_CHARS {
            first -= 1;
        }
        while last + 1 < tokens.len()
            && tokens[last + 1].chars.1 - tokens[first].chars.0 <= SNIPPET_CHARS
        {
            last += 1;
        }
        // Keep the punctuation before the first and after the last word of the
        // body, when there is little of it.
        let from = if first == 0 && tokens[0].chars.0 <= EDGE_CHARS {
            0
        } else {
            tokens[first].bytes.0
        };
        let end = tokens[last].bytes.1;
        let to = if last + 1 == tokens.len()
            && body[end..].chars().take(EDGE_CHARS + 1).count() <= EDGE_CHARS
        {
            body.len()
        } else {
            end
        };
        let mut out = Snippet::default();
        if from > 0 {
            out.push_mark('…');
        }
        // Bold spans; the words of one phrase occurrence share one span.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for i in (first..=last).filter(|&i| marks[i].is_some()) {
            let (s, e) = tokens[i].bytes;
            match spans.last_mut() {
                Some(span) if joined[i] && body[span.1..s].trim().is_empty() => span.1 = e,
                _ => spans.push((s, e)),
            }
        }
        let mut at = from;
        for (s, e) in spans {
            out.push_folded(&body[at..s], false);
            out.push_folded(&body[s..e], true);
            at = e;
        }
        out.push_folded(&body[at..to], false);
        if to < body.len() {
            out.push_mark('…');
        }
        out.trim();
        out
    }

    fn tokens(&self, body: &str) -> Vec<Tok> {
        let mut end = body.len().min(SCAN_BYTES);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let text = &body[..end];
        if text.is_ascii() {
            return self.ascii_tokens(text);
        }
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::with_capacity(text.len() / 6);
        // Character offsets, counted incrementally (tokens come in text order).
        let (mut byte_at, mut char_at) = (0, 0);
        let mut to_chars = |b: usize| {
            char_at += text[byte_at..b].chars().count();
            byte_at = b;
            char_at
        };
        while let Some(t) = stream.next() {
            let c0 = to_chars(t.offset_from);
            let c1 = to_chars(t.offset_to);
            out.push(Tok {
                bytes: (t.offset_from, t.offset_to),
                chars: (c0, c1),
                position: t.position,
                word: self.word_of(&t.text),
                prefix: self.prefix_of(&t.text),
            });
        }
        out
    }

    /// [`Highlighter::tokens`] of ASCII text without the analyzer: what
    /// [`news_analyzer`] makes of such text, for a fraction of the work (a
    /// snippet tokenises the whole body of every hit). Its tokenizer cuts at
    /// every character that is not alphanumeric and numbers the pieces in
    /// turn; pieces of [`MAX_TOKEN_BYTES`] or more are dropped (their
    /// positions stay used); the rest are lowercased (ASCII needs no folding).
    /// Only a piece as long as some query word is lowercased, to look it up.
    fn ascii_tokens(&self, text: &str) -> Vec<Tok> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(text.len() / 6);
        let mut lower = [0u8; MAX_TOKEN_BYTES];
        let (mut at, mut position) = (0, 0);
        while at < bytes.len() {
            if !bytes[at].is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                at += 1;
            }
            let len = at - start;
            if len < MAX_TOKEN_BYTES {
                let (mut word, mut prefix) = (NO_WORD, None);
                if self.word_lengths & length_bit(len) != 0 || !self.prefixes.is_empty() {
                    let lower = &mut lower[..len];
                    lower.copy_from_slice(&bytes[start..at]);
                    lower.make_ascii_lowercase();
                    let lower = std::str::from_utf8(lower).unwrap_or_default();
                    word = self.word_of(lower);
                    prefix = self.prefix_of(lower);
                }
                out.push(Tok {
                    bytes: (start, at),
                    chars: (start, at),
                    position,
                    word,
                    prefix,
                });
            }
            position += 1;
        }
        out
    }

    /// The query word an analysed token spells, or [`NO_WORD`].
    fn word_of(&self, token: &str) -> u32 {
        if self.word_lengths & length_bit(token.len()) == 0 {
            return NO_WORD;
        }
        self.words.get(token).copied().unwrap_or(NO_WORD)
    }

    /// The group of the first query prefix an analysed token begins with.
    fn prefix_of(&self, token: &str) -> Option<usize> {
        (self.prefixes.iter())
            .find(|(prefix, _)| token.starts_with(prefix.as_str()))
            .map(|&(_, g)| g)
    }

    /// For each token, the group of the query term it matches, if any, and
    /// whether it continues a phrase occurrence begun by the token before.
    fn marks(&self, tokens: &[Tok]) -> (Vec<Option<usize>>, Vec<bool>) {
        let mut joined = vec![false; tokens.len()];
        let mut marks: Vec<Option<usize>> = tokens
            .iter()
            .map(|t| (self.exact.get(t.word as usize).copied().flatten()).or(t.prefix))
            .collect();
        for (phrase, g) in &self.phrases {
            let n = phrase.len();
            for i in 0..tokens.len().saturating_sub(n - 1) {
                let run = &tokens[i..i + n];
                let spelled = run.iter().zip(phrase).all(|(t, &w)| t.word == w);
                let adjacent = run.windows(2).all(|w| w[1].position == w[0].position + 1);
                if spelled && adjacent {
                    marks[i..i + n].iter_mut().for_each(|m| *m = Some(*g));
                    joined[i + 1..i + n].iter_mut().for_each(|j| *j = true);
                }
            }
        }
        (marks, joined)
    }
}

/// The bit of [`Highlighter::word_lengths`] for a word of `len` bytes.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The start of the body, cut at a word boundary, for snippets without matches.
pub(crate) fn lead(body: &str) -> Snippet {
    let body = body.trim_start();
    let cut = body
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(body.len(), |(i, _)| i);
    let mut end = cut;
    if cut < body.len() {
        // Back up to the last whitespace, unless that loses most of the text.
        if let Some(space) = body[..cut].rfind(char::is_whitespace)
            && space > cut / 2
        {
            end = space;
        }
    }
    let mut out = Snippet::default();
    out.push_folded(&body[..end], false);
    out.trim_end();
    if end < body.len() {
        out.push_mark('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;
    use crate::plan::Plan;

    fn highlighted(query: &str, body: &str) -> Snippet {
        let plan = Plan::new(parse(query).unwrap().as_ref(), false);
        let variants = Variants::from_pairs(&[("mutaqi", &["muttaqi"])]);
        Highlighter::new(&plan.highlights(), &variants).snippet(body)
    }

    /// The snippet as the JSON output has it.
    fn snippet(query: &str, body: &str) -> String {
        highlighted(query, body).to_html()
    }

    /// The highlighted pieces of a snippet, by their byte ranges.
    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights()
            .iter()
            .map(|r| &s.text()[r.clone()])
            .collect()
    }

    #[test]
    fn text_and_byte_ranges() {
        let s = highlighted(
            "Mutaqi kabul",
            "  Minister\n\tMuttaqī <met> envoys in  Kabul.  ",
        );
        assert_eq!(s.text(), "Minister Muttaqī <met> envoys in Kabul.");
        assert_eq!(s.highlights(), [9..17, 34..39]);
        assert_eq!(marked(&s), ["Muttaqī", "Kabul"]);
        // A phrase occurrence is one range, its inner whitespace folded.
        let s = highlighted(r#""Amir Khan""#, "Then Amir\n Khan left.");
        assert_eq!(
            (s.text(), marked(&s)),
            ("Then Amir Khan left.", vec!["Amir Khan"])
        );
        // A cut passage: the ranges count the bytes of the leading `…` (3).
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let s = highlighted("kabul", &format!("{filler}Kabul."));
        assert!(s.text().starts_with('…'), "{}", s.text());
        assert_eq!(marked(&s), ["Kabul"]);
        assert_eq!(s.highlights()[0].end, s.text().len() - 1);
        // Nothing matched: the lead, no ranges.
        let s = highlighted("absent", "Short <body>.");
        assert_eq!((s.text(), s.highlights()), ("Short <body>.", &[][..]));
    }

    #[test]
    fn highlights_words_fuzzy_variants_and_phrases() {
        assert_eq!(
            snippet("Mutaqi", "Foreign Minister Muttaqī met the envoy."),
            "Foreign Minister <b>Muttaqī</b> met the envoy."
        );
        // Only the variants the search found: "Nuttaqi" is not one.
        assert_eq!(
            snippet("Muttaqi", "Muttaqi, not Nuttaqi."),
            "<b>Muttaqi</b>, not Nuttaqi."
        );
        assert_eq!(
            snippet("bank*", "Banks and the banking system."),
            "<b>Banks</b> and the <b>banking</b> system."
        );
        assert_eq!(
            snippet(r#""Amir Khan""#, "Amir met Khan. Then Amir Khan left."),
            "Amir met Khan. Then <b>Amir Khan</b> left."
        );
        assert_eq!(
            snippet("kabul -tehran", "From Kabul to Tehran."),
            "From <b>Kabul</b> to Tehran."
        );
        // A word that is a term and a phrase word, a prefix, and a phrase.
        assert_eq!(
            snippet(
                r#"amir "Amir Khan" kha*"#,
                "Amir met Khan. Then Amir Khan left."
            ),
            "<b>Amir</b> met <b>Khan</b>. Then <b>Amir Khan</b> left."
        );
    }

    #[test]
    fn escapes_html_and_folds_whitespace() {
        assert_eq!(
            snippet("iran", "<p>Iran &\n\n  \"Russia\"</p>"),
            "&lt;p&gt;<b>Iran</b> &amp; &quot;Russia&quot;&lt;/p&gt;"
        );
    }

    #[test]
    fn picks_the_passage_with_the_most_terms() {
        let filler = "lorem ipsum dolor sit amet ".repeat(40);
        let body = format!("Kabul once. {filler} Kabul and Moscow together. {filler}");
        let s = snippet("Kabul Moscow", &body);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<b>Kabul</b> and <b>Moscow</b> together"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 60, "{s}");
    }

    #[test]
    fn lead_without_matches() {
        assert_eq!(snippet("", "  Short body. "), "Short body.");
        assert_eq!(snippet("absent", "Short body."), "Short body.");
        let long = "word ".repeat(100);
        let s = lead(&long).to_html();
        assert!(
            s.ends_with("word…") && s.chars().count() <= SNIPPET_CHARS + 1,
            "{s}"
        );
        let one = "x".repeat(500);
        assert_eq!(lead(&one).text().chars().count(), SNIPPET_CHARS + 1);
    }

    proptest::proptest! {
        #[test]
        fn any_body_gives_a_short_balanced_snippet(
            query in "[a-zA-Z\" -]{0,30}",
            body in proptest::prelude::any::<String>(),
            filler in "[a-z!?., ]{0,400}",
        ) {
            let Ok(expr) = parse(&query) else { return Ok(()) };
            let h = Plan::new(expr.as_ref(), false).highlights();
            for body in [body.clone(), format!("{filler}{query}{filler}{body}")] {
                let s = Highlighter::new(&h, &Variants::default()).snippet(&body);
                // The ranges are valid ones (the checked constructor agrees).
                let again = Snippet::new(s.text(), s.highlights().to_vec());
                proptest::prop_assert_eq!(again.as_ref(), Some(&s));
                let html = s.to_html();
                proptest::prop_assert_eq!(html.matches("<b>").count(), s.highlights().len());
                let n = s.text().chars().count();
                proptest::prop_assert!(n <= SNIPPET_CHARS + 2 * EDGE_CHARS + 2, "{} chars: {}", n, html);
            }
        }
    }

    proptest::proptest! {
        /// The ASCII path finds the analyzer's tokens: same ranges, positions
        /// and query words, long pieces dropped.
        #[test]
        fn ascii_tokens_are_the_analyzers(
            body in "([a-zA-Z0-9]{0,45}[ .,;'!?\n\t-]{0,3}){0,30}",
        ) {
            let plan = Plan::new(parse("oil Prices \"crude oil\" ban*").unwrap().as_ref(), false);
            let h = Highlighter::new(&plan.highlights(), &Variants::default());
            let key = |t: &Tok| (t.bytes, t.chars, t.position, t.word, t.prefix);
            let fast: Vec<_> = h.ascii_tokens(&body).iter().map(key).collect();
            let mut analyzer = news_analyzer();
            let mut stream = analyzer.token_stream(&body);
            let mut slow = Vec::new();
            while let Some(t) = stream.next() {
                let span = (t.offset_from, t.offset_to);
                slow.push((span, span, t.position, h.word_of(&t.text), h.prefix_of(&t.text)));
            }
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn ascii_tokens_drop_long_pieces_and_keep_positions() {
        let plan = Plan::new(parse("oil ban*").unwrap().as_ref(), false);
        let h = Highlighter::new(&plan.highlights(), &Variants::default());
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let short = "y".repeat(MAX_TOKEN_BYTES - 1);
        let body = format!("OIL, {long} Banks {short}");
        let tokens = h.ascii_tokens(&body);
        let got: Vec<_> = (tokens.iter())
            .map(|t| {
                (
                    &body[t.bytes.0..t.bytes.1],
                    t.position,
                    t.word != NO_WORD,
                    t.prefix,
                )
            })
            .collect();
        let expected = [
            ("OIL", 0, true, None),
            ("Banks", 2, false, Some(1)),
            (short.as_str(), 3, false, None),
        ];
        assert_eq!(got, expected);
    }

    #[test]
    fn long_punctuation_is_cut() {
        let body = format!("Kabul{}", "!".repeat(1000));
        assert_eq!(snippet("kabul", &body), "<b>Kabul</b>…");
        assert_eq!(snippet("kabul", "(Kabul)."), "(<b>Kabul</b>).");
    }
}
