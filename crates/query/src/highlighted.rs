//! [`Snippet`]: a passage of an article as plain text plus the byte ranges of
//! the words that matched, so that each program marks them its own way (HTML,
//! terminal bold) without parsing markup.

use std::ops::Range;

use serde::{Serialize, Serializer};

/// A passage of an article's body with the words that matched the query.
///
/// [`Snippet::text`] is plain text as the article has it, with every run of
/// whitespace or control characters shown as one space and `…` where the
/// passage was cut. [`Snippet::highlights`] are **byte** ranges into that
/// text, in order, non-empty, not overlapping, each starting and ending on a
/// `char` boundary, so `&text[range]` never panics. In JSON a snippet is its
/// [`Snippet::to_html`] string.
///
/// ```
/// use search_query::Snippet;
///
/// let s = Snippet::new("Muttaqi met <envoys> & Lavrov", vec![0..7, 23..29]).unwrap();
/// assert_eq!(&s.text()[s.highlights()[1].clone()], "Lavrov");
/// assert_eq!(
///     s.to_html(),
///     "<b>Muttaqi</b> met &lt;envoys&gt; &amp; <b>Lavrov</b>"
/// );
/// let parts: Vec<(&str, bool)> = s.parts().collect();
/// assert_eq!(parts[..2], [("Muttaqi", true), (" met <envoys> & ", false)]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    text: String,
    highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// A snippet of `text` with `highlights` marked; `None` unless the ranges
    /// are in order, non-empty, disjoint and on `char` boundaries of `text`.
    pub fn new(text: impl Into<String>, highlights: Vec<Range<usize>>) -> Option<Self> {
        let text = text.into();
        let mut at = 0;
        for r in &highlights {
            let valid = at <= r.start
                && r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end);
            if !valid {
                return None;
            }
            at = r.end;
        }
        Some(Snippet { text, highlights })
    }

    /// The passage as plain text (whitespace folded, `…` at cuts).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The matched words and phrases: byte ranges into [`Snippet::text`].
    pub fn highlights(&self) -> &[Range<usize>] {
        &self.highlights
    }

    /// True when the passage is empty (an article without body text).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text in order, cut at the highlights: each piece with `true` when
    /// it is highlighted. Empty pieces are left out.
    pub fn parts(&self) -> impl Iterator<Item = (&str, bool)> {
        let mut at = 0;
        let mut pieces = Vec::with_capacity(2 * self.highlights.len() + 1);
        for r in &self.highlights {
            pieces.push((&self.text[at..r.start], false));
            pieces.push((&self.text[r.clone()], true));
            at = r.end;
        }
        pieces.push((&self.text[at..], false));
        pieces.into_iter().filter(|(s, _)| !s.is_empty())
    }

    /// The snippet as HTML: the text escaped (`&`, `<`, `>`, `"`, `'`), each
    /// highlight in `<b>…</b>`. This is the `"snippet"` of the JSON output.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 7 * self.highlights.len());
        for (piece, marked) in self.parts() {
            if marked {
                out.push_str("<b>");
            }
            escape_html_into(&mut out, piece);
            if marked {
                out.push_str("</b>");
            }
        }
        out
    }

    /// Appends `piece` of an article, its whitespace and control-character
    /// runs folded to one space, highlighted or not.
    pub(crate) fn push_folded(&mut self, piece: &str, highlight: bool) {
        let start = self.text.len();
        let mut space = false;
        for c in piece.chars() {
            if c.is_whitespace() || c.is_control() {
                space = true;
                continue;
            }
            if space {
                self.text.push(' ');
                space = false;
            }
            self.text.push(c);
        }
        if space {
            self.text.push(' ');
        }
        if highlight && self.text.len() > start {
            self.highlights.push(start..self.text.len());
        }
    }

    /// Appends a mark of the snippet's own (`…`), never highlighted.
    pub(crate) fn push_mark(&mut self, mark: char) {
        self.text.push(mark);
    }

    /// Removes the spaces at the end (highlights end on a word, so they stay).
    pub(crate) fn trim_end(&mut self) {
        let len = self.text.trim_end().len();
        self.text.truncate(len);
        self.highlights.retain(|r| r.end <= len);
    }

    /// Removes the spaces at both ends, moving the highlights along.
    pub(crate) fn trim(&mut self) {
        self.trim_end();
        let cut = self.text.len() - self.text.trim_start().len();
        if cut > 0 {
            self.text.drain(..cut);
            self.highlights.retain(|r| r.start >= cut);
            for r in &mut self.highlights {
                *r = r.start - cut..r.end - cut;
            }
        }
    }
}

impl Serialize for Snippet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_html())
    }
}

/// Appends `text` with the characters special to HTML escaped, the runs
/// between them whole (the special characters are ASCII, so a byte search
/// never stops inside a character).
fn escape_html_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = (rest.bytes()).position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one highlight is a list of one
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_in_html() {
        let text = "<script>alert('x')</script> & \"Kabul\"";
        let at = text.find("Kabul").unwrap();
        let s = Snippet::new(text, vec![at..at + 5]).unwrap();
        assert_eq!(
            s.to_html(),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;<b>Kabul</b>&quot;"
        );
        // A highlight holding markup is escaped inside its <b> too.
        let s = Snippet::new("<b>", vec![0..3]).unwrap();
        assert_eq!(s.to_html(), "<b>&lt;b&gt;</b>");
    }

    #[test]
    fn ranges_must_be_ordered_disjoint_and_on_char_boundaries() {
        assert!(Snippet::new("Muttaqī met", vec![0..9]).is_some());
        assert!(Snippet::new("Muttaqī met", vec![0..7]).is_none()); // inside ī
        assert!(Snippet::new("abc", vec![0..4]).is_none());
        assert!(Snippet::new("abc", vec![1..1]).is_none());
        assert!(Snippet::new("abcd", vec![2..3, 0..1]).is_none());
        assert!(Snippet::new("abcd", vec![0..2, 1..3]).is_none());
        assert!(Snippet::new("abcd", vec![0..1, 1..2]).is_some());
    }

    proptest::proptest! {
        /// Folding and the run-at-a-time escaping give what a character at a
        /// time gives.
        #[test]
        fn runs_fold_and_escape_like_single_characters(
            piece in proptest::prelude::any::<String>(),
            mixed in "[a \t\n\u{b}\u{1b}\u{a0}\u{2028}&<>\"'ī]{0,40}",
        ) {
            for piece in [piece.as_str(), mixed.as_str()] {
                let mut folded = String::new();
                let mut space = false;
                for c in piece.chars() {
                    if c.is_whitespace() || c.is_control() {
                        space = true;
                        continue;
                    }
                    if std::mem::take(&mut space) {
                        folded.push(' ');
                    }
                    folded.push(c);
                }
                if space {
                    folded.push(' ');
                }
                let mut s = Snippet::default();
                s.push_folded(piece, false);
                proptest::prop_assert_eq!(s.text(), folded.as_str());
                let escaped: String = (piece.chars())
                    .map(|c| match c {
                        '&' => "&amp;".to_string(),
                        '<' => "&lt;".to_string(),
                        '>' => "&gt;".to_string(),
                        '"' => "&quot;".to_string(),
                        '\'' => "&#39;".to_string(),
                        c => c.to_string(),
                    })
                    .collect();
                let mut out = String::new();
                escape_html_into(&mut out, piece);
                proptest::prop_assert_eq!(out, escaped);
            }
        }
    }

    #[test]
    fn folding_and_trimming_keep_highlights_on_their_words() {
        let mut s = Snippet::default();
        s.push_folded("\n  from\t\u{1b}", false);
        s.push_folded("Kabul", true);
        s.push_folded(" \r\n", false);
        s.trim();
        assert_eq!(s.text(), "from Kabul");
        assert_eq!(s.highlights(), [5..10]);
        let mut s = Snippet::default();
        s.push_folded("  ", false);
        s.push_folded("Kabul", true);
        s.trim();
        assert_eq!((s.text(), s.highlights()), ("Kabul", &[0..5][..]));
    }
}
