//! Tokenising: one pass over the text that splits it into words, numbers and
//! punctuation with byte spans, and notes each word's letter case. Persons and dates
//! work on these tokens; countries match the raw text and map back to them.

use crate::lexicon::Words;
use search_types::ascii::alnum_end;
use search_types::keys::{ARABIC_ARTICLES, without_arabic_article};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (possibly with digits, inner hyphens and apostrophes): "Muttaqi", "al-Qaeda".
    Word,
    /// ASCII digits only: "2025", "17".
    Number,
    /// Anything else, one character at a time: ",", ".", "—", "(".
    Punct,
}

/// Letter case of a word, which carries most of the evidence for names. Only words
/// are in title or upper case (numbers and punctuation are `None`), so a test of the
/// case alone tells a capitalised word, with no branch on the kind before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// First letter upper, some lower: "Kabul", "McDonald".
    Title,
    /// Every letter upper, at least two letters: "KABUL", "US".
    Upper,
    /// First letter lower: "envoy", "al-Qaeda".
    Lower,
    /// Not a word.
    None,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte offsets of the token in its text: private, so that only this module
    /// (`tokenize_into`) sets them, each on a character boundary ([`Token::text`]
    /// relies on it). Read them through [`Token::start`] and [`Token::end`].
    start: usize,
    end: usize,
    pub kind: Kind,
    pub case: Case,
    /// A line break (or the start of the text) comes between the previous token and this one.
    pub line_start: bool,
    /// The token's line is written all in capitals.
    pub caps_line: bool,
    /// A word with an inner hyphen ("pro-Russian", "Guinea-Bissau").
    pub hyphen: bool,
    /// A line break before this token that may wrap a paragraph but that nothing
    /// proved soft: a name may run on across it ("Minister Richard⏎Hu").
    pub maybe_wrap: bool,
    /// The token's line is a headline in title case ("Taliban’s Push for India Ties"),
    /// or all in capitals: capitals there say little about names.
    pub headline: bool,
}

impl Token {
    /// Where the token starts in its text (a byte offset).
    #[inline]
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where the token ends in its text (a byte offset, exclusive).
    #[inline]
    pub fn end(&self) -> usize {
        self.end
    }

    /// The token's text. `text` must be the text the token was read from: the
    /// pass over one text hands that text and its tokens to every rule together.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        debug_assert!(
            text.get(self.start..self.end).is_some(),
            "a token of another text"
        );
        // SAFETY: tokens are made only by `tokenize_into` (`start` and `end` are
        // private to this module: no other code builds a `Token` or moves them),
        // which ends each at a character boundary of its text (ASCII bytes, or
        // whole characters by `chars`), and every caller passes the text the
        // token was read from (debug builds check it above). The checked
        // `&text[start..end]` tested both boundaries before anything else at each
        // of the rules' many comparisons of a token's text ("of", "Mr") where the
        // lengths alone mostly decide: a twentieth of extraction's instructions
        // (callgrind, 410.7 M against 434.0 M).
        unsafe { text.get_unchecked(self.start..self.end) }
    }

    /// Capitalised as a name would be: title case, or an all-caps word of a line set
    /// all in capitals (elsewhere all-caps words are acronyms: "NATO", "TTP").
    #[inline]
    pub fn is_cap(&self) -> bool {
        // Masks, not `||`/`&&`: whether a token is capitalised follows the text,
        // not a pattern a branch predictor could learn, and the run scanners ask it
        // of every token of a run.
        (self.case == Case::Title) | ((self.case == Case::Upper) & self.caps_line)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. Inner hyphens and apostrophes stay inside words
/// ("al-Qaeda", "O'Brien", "N'Djamena"), but a possessive "'s" / "’s" splits off (as
/// the apostrophe and "s") so that "Taliban’s" yields the name "Taliban".
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens, &mut Vec::new(), &mut Vec::new());
    tokens
}

/// Where one physical line starts; the line rules read the rest of what they need
/// of it (its words, its end) from its tokens, and only as far as they must.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// Index of the line's first token.
    first: usize,
    /// Byte just past the line break before that token (0 for the first line).
    begin: usize,
}

/// Whether a token of this kind and case goes on the list of capitalised words
/// ([`tokenize_into`]'s `caps`): a word not in lower case. Without a branch, as
/// the list is written for every word.
#[inline(always)]
pub(crate) fn is_capital_word(kind: Kind, case: Case) -> bool {
    (kind == Kind::Word) & (case != Case::Lower)
}

/// Gathers the tokens, where each physical line starts (a line starts at a
/// token with `line_start`) and the capitalised words.
struct Out {
    /// The caller's buffers, moved in for the pass: owned here, their length and
    /// pointer stay in registers, where through a `&mut` they went back to memory
    /// at every token.
    tokens: Vec<Token>,
    lines: Vec<Line>,
    /// The indices of the words not in lower case (see `tokenize_into`): the first
    /// `caps_len` entries; the rest is room written ahead.
    caps: Vec<usize>,
    caps_len: usize,
}

impl Out {
    /// Appends a token; `begin` is the byte just past the last line break before it.
    /// No figures per token: counting each line's words here cost a fifth of the
    /// tokenizer, where the line rules need them for few lines and settle most
    /// lines from their first words ([`LineWords`]).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        start: usize,
        end: usize,
        kind: Kind,
        case: Case,
        hyphen: bool,
        line_start: bool,
        begin: usize,
    ) {
        if line_start {
            self.lines.push(Line {
                first: self.tokens.len(),
                begin,
            });
        }
        // Known at each call site (`push` is inlined), so no test for other kinds.
        if kind == Kind::Word {
            if self.caps_len == self.caps.len() {
                self.grow_caps();
            }
            // Each word's index written, the length moved on only past a
            // capitalised one: a branch would follow the text's capitals, which
            // no predictor learns.
            self.caps[self.caps_len] = self.tokens.len();
            self.caps_len += usize::from(is_capital_word(kind, case));
        }
        self.tokens.push(Token {
            start,
            end,
            kind,
            case,
            line_start,
            caps_line: false,
            headline: false,
            hyphen,
            maybe_wrap: false,
        });
    }

    /// More room for the list of capitalised words.
    #[cold]
    #[inline(never)]
    fn grow_caps(&mut self) {
        self.caps.resize(2 * self.caps.len() + 64, 0);
    }
}

/// The figures of a run of tokens (a line) that tell a headline or a line in
/// capitals from prose.
#[derive(Debug, Clone, Copy, Default)]
struct LineWords {
    /// Words, capitalised ones (a lone capital letter counts) and lower-case ones of
    /// five letters or more.
    words: usize,
    caps: usize,
    long_lower: usize,
    /// A word in lower or title case.
    mixed: bool,
    /// No number and no comma, bracket or semicolon.
    plain: bool,
}

impl LineWords {
    /// Adds one token's figures.
    #[inline]
    fn add(&mut self, bytes: &[u8], t: &Token) {
        match t.kind {
            Kind::Word => {
                self.words += 1;
                let len = t.end - t.start;
                match t.case {
                    Case::Lower => {
                        self.mixed = true;
                        self.long_lower += usize::from(len > 4);
                    }
                    // One capital letter ("S" of "'S", "W" of "W L PCT") is as much
                    // a capital as a lower-case letter.
                    Case::Title if len == 1 => self.caps += 1,
                    Case::Title => {
                        self.mixed = true;
                        self.caps += 1;
                    }
                    _ => self.caps += 1,
                }
            }
            // Sentences and result lines full of names have commas, brackets,
            // numbers or a closing full stop; a headline has none of them.
            Kind::Number => self.plain = false,
            Kind::Punct => {
                if matches!(bytes[t.start], b',' | b'(' | b')' | b';') {
                    self.plain = false;
                }
            }
        }
    }
}

/// Whether a line reads as prose: it has a lower-case word of four letters or more.
fn is_prose(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .any(|t| t.kind == Kind::Word && t.case == Case::Lower && t.end - t.start > 3)
}

/// Whether token `i` is exactly `s`, of any kind. Bytes, not str: no
/// char-boundary checks on the rules' hot paths.
pub(crate) fn is(tokens: &[Token], text: &str, i: usize, s: &str) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| &text.as_bytes()[t.start()..t.end()] == s.as_bytes())
}

/// Whether tokens `k` and `k + 1` are a possessive, which the tokenizer splits
/// off a word: an apostrophe ("'" or "’") and an "s" (an "S" in a headline set in
/// capitals).
pub(crate) fn possessive_at(tokens: &[Token], text: &str, k: usize) -> bool {
    // The kind first: most tokens after a word are words.
    tokens
        .get(k)
        .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text(text), "'" | "’"))
        && tokens
            .get(k + 1)
            .is_some_and(|t| matches!(t.text(text), "s" | "S"))
}

/// Whether token `i` is a lower-case word of `set`: the lists are lower case, and
/// so are the words they match in running text.
#[inline]
pub(crate) fn lower_word_in(tokens: &[Token], text: &str, i: Option<usize>, set: &Words) -> bool {
    i.and_then(|i| tokens.get(i)).is_some_and(|t| {
        t.kind == Kind::Word && t.case == Case::Lower && set.contains(t.text(text))
    })
}

/// Byte classes of the tokenizer's fast path.
const SPACE: u8 = 0;
const NEWLINE: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 3;
const LOWER: u8 = 4;
const PUNCT: u8 = 5;
const HIGH: u8 = 6;

const CLASS: [u8; 256] = {
    let mut c = [HIGH; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        c[i] = if b == b'\n' {
            NEWLINE
        } else if b.is_ascii_whitespace() || b == 0x0b {
            SPACE
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_lowercase() {
            LOWER
        } else {
            PUNCT
        };
        i += 1;
    }
    c
};

/// The ASCII letters: the bytes of class [`UPPER`] or [`LOWER`].
const ASCII_LETTER: [bool; 256] = {
    let mut c = [false; 256];
    let mut i = 0;
    while i < 256 {
        c[i] = matches!(CLASS[i], UPPER | LOWER);
        i += 1;
    }
    c
};

/// Bytes after a run of ASCII letters and digits that may continue the word: a
/// hyphen, an apostrophe, or the first byte of a non-ASCII character.
const MAY_CONTINUE: [bool; 256] = {
    let mut c = [false; 256];
    let mut i = 0;
    while i < 256 {
        c[i] = i >= 0x80 || i == b'-' as usize || i == b'\'' as usize;
        i += 1;
    }
    c
};

/// [`tokenize`] into a buffer that is cleared first (and reused across calls), with
/// `lines` the buffer of its line figures; `caps` gets, in order, the indices of
/// the words not in lower case (title or upper case, or no case: "1990s"): the
/// tokens that carry lexicon flags, and a superset of those any capital rule
/// starts from (`capitals`). Listed as the words are pushed, where a pass over
/// every token after the tokenizer tested each.
pub(crate) fn tokenize_into(
    text: &str,
    tokens: &mut Vec<Token>,
    lines: &mut Vec<Line>,
    caps: &mut Vec<usize>,
) {
    tokens.clear();
    lines.clear();
    // News text runs at about one token per five bytes, numbers and wire copy at
    // one per three or four.
    tokens.reserve(text.len() / 3);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Out {
        tokens: std::mem::take(tokens),
        lines: std::mem::take(lines),
        caps: std::mem::take(caps),
        caps_len: 0,
    };
    let mut i = 0;
    let mut line_start = true;
    // The byte just past the last line break (0 before the first).
    let mut begin = 0;
    while i < n {
        let class = CLASS[bytes[i] as usize];
        let start = i;
        // Words first, by a test of their own table, then the rest by a `match`:
        // one jump table over every class (which a test of `class` joins again)
        // mispredicted its target at half the tokens in callgrind's branch
        // simulation, as the text alternates words and punctuation.
        if ASCII_LETTER[bytes[i] as usize] {
            i = alnum_end(bytes, i + 1);
            // `plain`: ASCII, with the case its letters' classes give; a word
            // that is not goes to `word_case`.
            let (mut hyphen, mut plain) = (false, true);
            if i < n && MAY_CONTINUE[bytes[i] as usize] {
                (i, hyphen, plain) = word_rest(text, i, true);
                // "al-Assad" is capitalised (`joined_article`); tested here, off
                // the path of words without a hyphen.
                plain &= !(hyphen && class == LOWER && joined_article(&bytes[start..i]));
            }
            let case = if !plain {
                word_case(&text[start..i])
            } else if class == LOWER {
                Case::Lower
            } else {
                // Title case is settled by the second letter in most words; only
                // words with a second capital are scanned for a lower-case letter.
                let rest = &bytes[start + 1..i];
                if rest.first().is_some_and(u8::is_ascii_lowercase)
                    || rest.iter().any(u8::is_ascii_lowercase)
                    || !rest.iter().any(u8::is_ascii_alphabetic)
                {
                    Case::Title
                } else {
                    Case::Upper
                }
            };
            out.push(start, i, Kind::Word, case, hyphen, line_start, begin);
        } else {
            match class {
                SPACE => {
                    i += 1;
                    continue;
                }
                NEWLINE => {
                    line_start = true;
                    i += 1;
                    begin = i;
                    continue;
                }
                DIGIT => {
                    i += 1;
                    while i < n && CLASS[bytes[i] as usize] == DIGIT {
                        i += 1;
                    }
                    // Digits glued to letters ("1990s", "3rd", "G7") are one word.
                    if i < n && matches!(CLASS[bytes[i] as usize], UPPER | LOWER) {
                        i = alnum_end(bytes, i);
                        let case = word_case(&text[start..i]);
                        out.push(start, i, Kind::Word, case, false, line_start, begin);
                    } else {
                        out.push(start, i, Kind::Number, Case::None, false, line_start, begin);
                    }
                }
                PUNCT => {
                    i += 1;
                    out.push(start, i, Kind::Punct, Case::None, false, line_start, begin);
                }
                _ => {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        continue;
                    }
                    if !is_word_char(c) {
                        out.push(start, i, Kind::Punct, Case::None, false, line_start, begin);
                    } else {
                        let hyphen;
                        (i, hyphen, _) = word_rest(text, i, false);
                        let case = word_case(&text[start..i]);
                        out.push(start, i, Kind::Word, case, hyphen, line_start, begin);
                    }
                }
            }
        }
        line_start = false;
        // Most tokens are followed by one space: step over it here rather than
        // through the class dispatch.
        if i < n && bytes[i] == b' ' {
            i += 1;
        }
    }
    out.caps.truncate(out.caps_len);
    (*tokens, *lines, *caps) = (out.tokens, out.lines, out.caps);
    join_wrapped_lines(text, tokens, lines);
    mark_all_caps_lines(text, tokens, lines);
}

/// The end of a word whose letters run on from byte `i`: more letters and digits (of
/// any script), inner hyphens and apostrophes followed by a letter, but not a
/// possessive "'s" at the end. Returns the end, whether an inner hyphen was taken and
/// whether the word stayed ASCII (`ascii` as it was so far).
#[cold]
#[inline(never)]
fn word_rest(text: &str, mut i: usize, mut ascii: bool) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    let mut hyphen = false;
    loop {
        i = alnum_end(bytes, i);
        // The common end of a word: an ASCII space or punctuation other than a
        // hyphen or apostrophe.
        if i < bytes.len() && !MAY_CONTINUE[bytes[i] as usize] {
            break;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        if is_word_char(c) {
            ascii = false;
            i += c.len_utf8();
            continue;
        }
        // Inner hyphen or apostrophe followed by a letter continues the word,
        // except a possessive 's at the end.
        if c == '-' || is_apostrophe(c) {
            let after = i + c.len_utf8();
            let mut rest = text[after..].chars();
            if let Some(n) = rest.next().filter(|n| is_word_char(*n)) {
                if is_apostrophe(c)
                    && (n == 's' || n == 'S')
                    && !rest.next().is_some_and(is_word_char)
                {
                    break;
                }
                hyphen |= c == '-';
                i = after;
                continue;
            }
        }
        break;
    }
    (i, hyphen, ascii)
}

/// Widths of hard-wrapped text: wire copy and e-mail wrap at 60-80 columns; a text
/// whose longest line is outside these bounds has paragraphs, lists or tables, not
/// wrapped prose.
const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 40..=120;

/// Clears `line_start` where a line break only wraps a paragraph ("Finance Minister
/// Gerhard⏎Stoltenberg"), so that wrapped text reads as the same text unwrapped.
///
/// In a text wrapped at a width (its longest line is 40 to 120 columns and most of
/// its lines come near it), a break wraps when the line before fills at least half
/// the width, the next line is not indented, no blank line comes between, and either
/// the wrapper had to break (the next line's first word would not have fitted) or
/// the line before is prose. Headlines, list items and short lines keep their breaks.
fn join_wrapped_lines(text: &str, tokens: &mut [Token], lines: &[Line]) {
    let bytes = text.as_bytes();
    // Physical line lengths (in bytes, up to the last token of the line, the one
    // before the next line's first); the last line does not count: it ends a
    // paragraph, not a wrap.
    if lines.len() < 2 {
        return;
    }
    let len = |pair: &[Line]| tokens[pair[1].first - 1].end - pair[0].begin;
    let width = lines.windows(2).map(len).max().unwrap_or(0);
    if !WRAP_WIDTHS.contains(&width) {
        return;
    }
    // Wrapped prose fills its lines: two or more, and half of those of any length,
    // come within a long word of the width. Sentences or list items one per line vary far more.
    let (mut long, mut full) = (0, 0);
    for pair in lines.windows(2) {
        let n = len(pair);
        long += usize::from(2 * n >= width);
        full += usize::from(n + 15 >= width);
    }
    if full < 2 || 2 * full < long {
        return;
    }
    // The first line counts from the start of the text.
    let mut prev_begin = 0;
    // The first token of the line before.
    let mut prev_first = 0;
    for pair in lines.windows(2) {
        let line = &pair[1];
        let k = line.first;
        let (p, t) = (&tokens[k - 1], &tokens[k]);
        let line_len = p.end - prev_begin;
        // The tests from the cheapest: most lines of a wrapped text are long
        // enough, few are indented, fewer follow a blank line.
        let indented = line.begin != t.start;
        if 2 * line_len >= width
            && !indented
            && bytes[p.end..t.start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                == 1
        {
            // The next line's first word, punctuation glued to it included.
            let mut word_end = t.end;
            for n in &tokens[k + 1..] {
                if n.start != word_end {
                    break;
                }
                word_end = n.end;
            }
            let first_word = word_end - t.start;
            // A line of prose may also start short, where a dateline was cut from it
            // ("Singapore's Finance Minister Richard⏎Hu is expected ...").
            let fits = line_len + 1 + first_word <= width;
            if !fits || is_prose(&tokens[prev_first..k]) {
                tokens[k].line_start = false;
            } else {
                tokens[k].maybe_wrap = true;
            }
        }
        prev_begin = line.begin;
        prev_first = k;
    }
}

/// The character at byte `i`, cheaply for ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text[i..].chars().next(),
    }
}

/// Whether a word is a name after the Arabic article joined to it by a hyphen
/// ("al-Assad", "el-Sisi", "ash-Shara"): lower case before the hyphen, but a name
/// as much as "Assad" is, and read as one (title case).
pub(crate) fn joined_article(b: &[u8]) -> bool {
    b.iter().position(|&c| c == b'-').is_some_and(|h| {
        ARABIC_ARTICLES.iter().any(|a| a.as_bytes() == &b[..h])
            && b.get(h + 1).is_some_and(u8::is_ascii_uppercase)
    })
}

/// The name a word holds after its joined Arabic article, the article in either
/// case and the name capitalised ("al-Assad" and "Al-Assad" → "Assad"); `None`
/// for a word without one ("al-qaida" is no name). A later bare "Assad" names the
/// same person.
pub(crate) fn without_joined_article(word: &str) -> Option<&str> {
    without_arabic_article(word)
        .filter(|name| name.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
}

/// The letter case of a word.
fn word_case(s: &str) -> Case {
    let b = s.as_bytes();
    // ASCII fast path.
    if b.is_ascii() {
        return if b[0].is_ascii_uppercase() {
            let lower = b.iter().any(u8::is_ascii_lowercase);
            let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
            if !lower && letters >= 2 {
                Case::Upper
            } else {
                Case::Title
            }
        } else if joined_article(b) {
            Case::Title
        } else if b[0].is_ascii_lowercase() {
            Case::Lower
        } else {
            Case::None
        };
    }
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_uppercase() {
        let mut letters = 1;
        let mut lower = false;
        for c in chars {
            if c.is_lowercase() {
                lower = true;
                break;
            }
            if c.is_alphabetic() {
                letters += 1;
            }
        }
        if !lower && letters >= 2 {
            Case::Upper
        } else {
            Case::Title
        }
    } else if joined_article(b) {
        Case::Title
    } else if first.is_lowercase() {
        Case::Lower
    } else {
        Case::None
    }
}

/// In a line written all in capitals (wire headlines, datelines) case says nothing:
/// such a line's tokens are flagged `caps_line`; elsewhere an all-caps word is an
/// acronym, which the rules treat apart. A line counts when it has at least three
/// words and none in lower or title case, or when it opens with an all-caps dateline
/// ("KABUL, Afghanistan (MNTV) —") which the same flag marks for its first word.
fn mark_all_caps_lines(text: &str, tokens: &mut [Token], lines: &[Line]) {
    let bytes = text.as_bytes();
    let mut l = 0;
    while l < lines.len() {
        // A line as the rules read it: physical lines joined where a wrap was undone.
        let mut m = l + 1;
        while m < lines.len() && !tokens[lines[m].first].line_start {
            m += 1;
        }
        let (i, j) = (
            lines[l].first,
            lines.get(m).map_or(tokens.len(), |n| n.first),
        );
        l = m;
        let last = &tokens[j - 1];
        let mut line = LineWords {
            plain: !(last.kind == Kind::Punct && bytes[last.start] == b'.'),
            ..LineWords::default()
        };
        for t in &tokens[i..j] {
            line.add(bytes, t);
            // Neither all in capitals nor a headline: most lines of prose are
            // settled here within their first words.
            if line.mixed && !line.plain {
                break;
            }
        }
        let plain = line.plain;
        let (words, caps, long_lower) = (line.words, line.caps, line.long_lower);
        // Title case: most words capitalised, few lower-case words beside the short
        // function words headlines keep in lower case.
        let title_case = plain && caps >= 5 && caps >= 4 * long_lower && caps * 10 >= words * 6;
        let all_caps = words >= 3 && !line.mixed;
        if all_caps || title_case {
            for t in &mut tokens[i..j] {
                t.caps_line = all_caps;
                t.headline = true;
            }
        }
    }
}

/// `s` with every run of white space (line breaks, tabs, no-break spaces) as one
/// space: the form of a name as a facet value.
pub(crate) fn collapse_spaces(s: &str) -> String {
    // Most names have single ASCII spaces between words and none around them: a
    // copy. Anything else (other white space, doubled spaces, non-ASCII bytes that
    // may be a no-break space, control bytes) takes the general way, which makes the
    // same copy of a simple name.
    let b = s.as_bytes();
    // One pass, no branch per byte: every byte printable ASCII or a space, and no
    // space after a space (nor first: `after_space` starts set) or last.
    let mut ok = true;
    let mut after_space = true;
    for &c in b {
        let space = c == b' ';
        ok &= (c.wrapping_sub(0x21) < 0x5e) | space;
        ok &= !(space & after_space);
        after_space = space;
    }
    let simple = b.is_empty() || (ok && !after_space);
    if simple {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// "KABUL" -> "Kabul", so that all-caps words can be looked up in title-case lexicons.
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut first = true;
    for c in s.chars() {
        if first {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        // Each hyphenated part of a name is capitalised: "ABU-BAKR" -> "Abu-Bakr".
        first = c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    /// The tokens of a text do not depend on where its words fall against the
    /// sixteen-byte chunks of the SSE2 word end or the eight-byte tail after
    /// them: spaces before and after (which move every word against the chunks
    /// and against the text's end) only shift the spans. Words of 1 to 40
    /// letters, multi-byte letters, hyphens, apostrophes, possessives, digits.
    #[test]
    fn the_arabic_article_joined_to_a_name_makes_it_a_capitalised_word() {
        let text = "Bashar al-Assad, el-Sisi, al-qaida, pro-Western and al-";
        let cases: Vec<(&str, Case)> = tokenize(text)
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| (t.text(text), t.case))
            .collect();
        assert_eq!(
            cases,
            [
                ("Bashar", Case::Title),
                ("al-Assad", Case::Title),
                ("el-Sisi", Case::Title),
                ("al-qaida", Case::Lower),
                ("pro-Western", Case::Lower),
                ("and", Case::Lower),
                ("al", Case::Lower),
            ]
        );
        assert!(joined_article("al-Sāmarrā'ī".as_bytes()));
        assert_eq!(word_case("al-Sāmarrā'ī"), Case::Title);
        // The name after the article, whichever case the article is in.
        assert_eq!(without_joined_article("al-Assad"), Some("Assad"));
        assert_eq!(without_joined_article("Al-Sisi"), Some("Sisi"));
        assert_eq!(without_joined_article("ash-Shara"), Some("Shara"));
        assert_eq!(without_joined_article("al-qaida"), None);
        assert_eq!(without_joined_article("Jean-Luc"), None);
        assert_eq!(without_joined_article("Assad"), None);
    }

    #[test]
    fn tokens_do_not_depend_on_where_the_chunks_fall() {
        let text = "a Bb ccc-Ddd O'Neil's 1990s 12,345 naïve São-Tomé x’s \
                    abcdefghijklmnop ABCDEFGHIJKLMNOPQ abcdefghijklmnopqrstuvwxyz0123456789ABCD \
                    Zürich-Straße l'état e-mail 3rd G7 ﬁnance Ωmega αβγδεζηθικλμνξοπ word- -word '";
        let spans = |t: &str, shift: usize| -> Vec<(usize, usize, Kind, Case, bool)> {
            tokenize(t)
                .iter()
                .map(|k| (k.start() - shift, k.end() - shift, k.kind, k.case, k.hyphen))
                .collect()
        };
        let want = spans(text, 0);
        assert_eq!(
            words(text),
            [
                "a",
                "Bb",
                "ccc-Ddd",
                "O'Neil",
                "'",
                "s",
                "1990s",
                "12",
                ",",
                "345",
                "naïve",
                "São-Tomé",
                "x",
                "’",
                "s",
                "abcdefghijklmnop",
                "ABCDEFGHIJKLMNOPQ",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
                "Zürich-Straße",
                "l'état",
                "e-mail",
                "3rd",
                "G7",
                "ﬁnance",
                "Ωmega",
                "αβγδεζηθικλμνξοπ",
                "word",
                "-",
                "-",
                "word",
                "'"
            ]
        );
        for before in 0..24 {
            for after in 0..24 {
                let padded = format!("{}{text}{}", " ".repeat(before), " ".repeat(after));
                assert_eq!(
                    spans(&padded, before),
                    want,
                    "{before} before, {after} after"
                );
            }
        }
    }

    #[test]
    fn splits_possessives_and_keeps_inner_hyphens() {
        assert_eq!(
            words("The Taliban’s al-Qaeda O'Brien's 1990s, 2,021."),
            [
                "The", "Taliban", "’", "s", "al-Qaeda", "O'Brien", "'", "s", "1990s", ",", "2",
                ",", "021", "."
            ]
        );
    }

    /// The tokenizer's list of capitalised words is `capitals::list_into`'s, on
    /// texts with words of every case and shape, across reuses of the buffers
    /// (a long text after a short one, and back).
    #[test]
    fn lists_the_capitalised_words_as_a_pass_over_the_tokens_does() {
        let long = "The UN envoy, Amir Khan MUTTAQI, met Iran's 1990s-era G7 naïve Élodie \
                    São Tomé O'Brien al-Qaeda in KABUL 3rd. "
            .repeat(40);
        let texts = [
            "",
            "lower case only",
            "A",
            long.as_str(),
            "Één Zürich 123 ¿Qué? ÉCOLE x-Y Y-x",
            long.as_str(),
            "NATO",
        ];
        let (mut tokens, mut lines, mut caps) = (Vec::new(), Vec::new(), Vec::new());
        for text in texts {
            tokenize_into(text, &mut tokens, &mut lines, &mut caps);
            let mut want = Vec::new();
            crate::capitals::list_into(&tokens, &mut want);
            assert_eq!(caps, want, "{text:?}");
        }
        assert!(caps.len() == 1 && tokens[caps[0]].text("NATO") == "NATO");
    }

    #[test]
    fn marks_case_and_all_caps_lines() {
        let text = "KABUL, Afghanistan (MNTV)\nSOCCER - JAPAN GET LUCKY WIN";
        let t = tokenize(text);
        assert_eq!(t[0].case, Case::Upper);
        assert!(!t[0].caps_line);
        assert_eq!(t[2].case, Case::Title);
        let soccer = t.iter().find(|t| t.text(text) == "SOCCER").unwrap();
        assert!(soccer.line_start && soccer.caps_line && soccer.is_cap());
        assert_eq!(title_case("ABU-BAKR"), "Abu-Bakr");
    }

    #[test]
    fn collapse_spaces_gives_one_space_between_words_and_none_around() {
        for (from, to) in [
            ("Amir Khan Muttaqi", "Amir Khan Muttaqi"),
            ("Amir\u{a0}Khan  Muttaqi", "Amir Khan Muttaqi"),
            ("Gerhard\nStoltenberg", "Gerhard Stoltenberg"),
            (" Bonn ", "Bonn"),
            ("Bonn ", "Bonn"),
            ("A\tB\x0bC\rD", "A B C D"),
            ("O'Brien-Smith Jr.", "O'Brien-Smith Jr."),
            ("José Sarney", "José Sarney"),
            ("a\x01b", "a\x01b"),
            ("", ""),
            (" ", ""),
            ("~!", "~!"),
        ] {
            assert_eq!(collapse_spaces(from), to, "{from:?}");
        }
    }

    fn line_starts(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .filter(|t| t.line_start)
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn wrapped_lines_join_headlines_and_paragraphs_do_not() {
        // Wrapped at 60: "Stoltenberg" would not have fitted after "Gerhard".
        let text = "Bonn Cuts Taxes\n\n\
                    The government agreed on Friday to cut taxes, Finance Minister Gerhard\n\
                    Stoltenberg said after a cabinet meeting that lasted hours.\n\
                    Short last line.\n\
                    \x20   Indented paragraph here.";
        assert_eq!(line_starts(text), ["Bonn", "The", "Indented"]);
        // A list of short lines keeps every break.
        assert_eq!(
            line_starts("Mary Jones\nPeter Brown\nAnn Lee"),
            ["Mary", "Peter", "Ann"]
        );
    }
}
