//! The query-text lexer: characters to tokens with character positions.
//!
//! Never fails. `(`, `)` and quotes (`"`, `“`, `”`, `„`) are tokens of their
//! own; a quote runs to the next quote or to the end of the text (marked as not
//! closed: the parser reports it); `-` and `+` are prefixes only directly before
//! a term (`e-mail` and a lone `-` are words); `title:` directly before a term
//! is a field prefix; a word ending in `*` is a prefix search; `AND`/`&&`,
//! `OR`/`||` and `NOT` in capitals are operator tokens (the parser decides
//! whether they act as operators); control characters count as spaces.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Word(String),
    /// A word typed with a trailing `*` (the stars removed).
    Prefix(String),
    /// The text between quotes; `closed` is false when the text ended first.
    Phrase {
        text: String,
        closed: bool,
    },
    /// `title:` directly before a term.
    Title,
    Open,
    Close,
    /// `-` directly before a term.
    Minus,
    /// `+` directly before a term.
    Plus,
    And,
    Or,
    Not,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub kind: Kind,
    /// 0-based character index of the first character.
    pub start: usize,
    /// 0-based character index past the last character.
    pub end: usize,
}

/// The field prefix of a headline-only term.
const TITLE: [char; 6] = ['t', 'i', 't', 'l', 'e', ':'];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

fn is_word_char(c: char) -> bool {
    !is_space(c) && !is_quote(c) && c != '(' && c != ')'
}

/// Splits the text into tokens with character positions. Never fails.
pub(crate) fn lex(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let tok = |kind, end| Tok {
            kind,
            start: i,
            end,
        };
        if is_space(c) {
            i += 1;
        } else if c == '(' || c == ')' {
            out.push(tok(if c == '(' { Kind::Open } else { Kind::Close }, i + 1));
            i += 1;
        } else if is_quote(c) {
            let close = chars[i + 1..].iter().position(|&c| is_quote(c));
            let end = close.map_or(chars.len(), |n| i + 1 + n);
            let inner: String = chars[i + 1..end].iter().collect();
            let next = (end + 1).min(chars.len());
            let closed = close.is_some();
            out.push(tok(
                Kind::Phrase {
                    text: inner,
                    closed,
                },
                next,
            ));
            i = next;
        } else if chars[i..].starts_with(&TITLE)
            && chars
                .get(i + TITLE.len())
                .is_some_and(|&n| !is_space(n) && n != ')')
        {
            out.push(tok(Kind::Title, i + TITLE.len()));
            i += TITLE.len();
        } else if (c == '-' || c == '+')
            && chars.get(i + 1).is_some_and(|&n| !is_space(n) && n != ')')
        {
            out.push(tok(if c == '-' { Kind::Minus } else { Kind::Plus }, i + 1));
            i += 1;
        } else {
            let len = chars[i..].iter().take_while(|&&c| is_word_char(c)).count();
            let word: String = chars[i..i + len].iter().collect();
            let stem = word.trim_end_matches('*');
            let kind = match word.as_str() {
                "AND" | "&&" => Kind::And,
                "OR" | "||" => Kind::Or,
                "NOT" => Kind::Not,
                _ if stem.len() < word.len() && stem.chars().any(char::is_alphanumeric) => {
                    Kind::Prefix(stem.to_string())
                }
                _ => Kind::Word(word),
            };
            out.push(tok(kind, i + len));
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        lex(text).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn tokens_and_positions() {
        let toks = lex("Muttaqī (\"Amir Khan\" -x)");
        let spans: Vec<(usize, usize)> = toks.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(
            spans,
            [(0, 7), (8, 9), (9, 20), (21, 22), (22, 23), (23, 24)]
        );
        assert_eq!(
            kinds("a AND b || NOT c"),
            [
                Kind::Word("a".into()),
                Kind::And,
                Kind::Word("b".into()),
                Kind::Or,
                Kind::Not,
                Kind::Word("c".into())
            ]
        );
    }

    #[test]
    fn prefixes_only_before_a_term() {
        assert_eq!(kinds("-a"), [Kind::Minus, Kind::Word("a".into())]);
        assert_eq!(
            kinds("- a"),
            [Kind::Word("-".into()), Kind::Word("a".into())]
        );
        assert_eq!(kinds("e-mail"), [Kind::Word("e-mail".into())]);
        assert_eq!(kinds("+\u{0}"), [Kind::Word("+".into())]);
        assert_eq!(
            kinds("\"open"),
            [Kind::Phrase {
                text: "open".into(),
                closed: false
            }]
        );
        assert_eq!(
            kinds("\"a b\""),
            [Kind::Phrase {
                text: "a b".into(),
                closed: true
            }]
        );
    }

    #[test]
    fn prefix_searches_and_title_fields() {
        assert_eq!(kinds("bank*"), [Kind::Prefix("bank".into())]);
        assert_eq!(kinds("bank**"), [Kind::Prefix("bank".into())]);
        assert_eq!(kinds("*"), [Kind::Word("*".into())]);
        assert_eq!(kinds("*:*"), [Kind::Word("*:*".into())]);
        assert_eq!(
            kinds("title:Kabul"),
            [Kind::Title, Kind::Word("Kabul".into())]
        );
        assert_eq!(
            kinds("title:\"a b\""),
            [
                Kind::Title,
                Kind::Phrase {
                    text: "a b".into(),
                    closed: true
                }
            ]
        );
        assert_eq!(kinds("title:"), [Kind::Word("title:".into())]);
        assert_eq!(kinds("subtitle:x"), [Kind::Word("subtitle:x".into())]);
    }
}
