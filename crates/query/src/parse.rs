//! The query-text parser: words, `word*` prefixes, `"phrases"`, `title:`,
//! `AND`, `OR`, `NOT`, `-` exclusion and parentheses, into an [`Expr`] tree that
//! remembers where each part came from.
//!
//! The grammar, loosest binding first:
//!
//! ```text
//! query  := or
//! or     := and ( "OR" and )*             exclusions apply to the whole group
//! and    := unary ( ["AND"] unary )*      adjacent terms are AND
//! unary  := ( "-" | "NOT" | "+" | "title:" )* atom
//! atom   := word | word"*" | '"' phrase '"' | "(" or ")"
//! ```
//!
//! **Exclusion is Lucene's**: a `-term` or `NOT term` excludes from the whole
//! group it stands in (the whole query, or the parentheses around it), not from
//! its neighbour: `a OR b -c` is `(a OR b) AND NOT c`; `(a -b) OR c` keeps its
//! parentheses' meaning, `(a AND NOT b) OR c`.
//!
//! `word*` matches the words that begin with `word` (`bank*`: bank, banks,
//! banking); `title:` before a term or a group searches the headline only
//! (`title:Kabul`, `title:"peace talks"`, `title:(Kabul OR Kandahar)`).
//!
//! It is written to be forgiving, because queries are typed by people in a hurry
//! and sometimes pasted from anywhere:
//!
//! - `AND`, `OR` and `NOT` are operators only when written in capitals *and* in an
//!   operator's place (`AND`/`OR` between two terms, `NOT` before one); anywhere
//!   else they are ordinary words (`OR` alone searches for "or").
//! - Typographic quotes (`“…”`, `„…“`) work like `"`.
//! - A `+` before a term is accepted and ignored (every term is required anyway).
//! - Control characters count as spaces.
//!
//! Only real ambiguity is an error ([`QueryError::Syntax`], with a 1-based
//! character position): a quote never closed (where the phrase should end is a
//! guess, and a wrong guess silently finds nothing), a `)` without its `(`, a `(`
//! never closed, or parentheses nested deeper than [`MAX_DEPTH`]. Nothing here
//! recurses without that bound, so no input can exhaust the stack.
//!
//! ```
//! use search_query::parse::{parse, Expr};
//!
//! let expr = parse(r#"Muttaqi (Russia OR Moscow) -"press conference""#).unwrap().unwrap();
//! assert_eq!(expr.to_string(), r#"(Muttaqi AND (Russia OR Moscow) AND -"press conference")"#);
//!
//! // An exclusion applies to the whole query.
//! let expr = parse("envoy OR minister -Tehran").unwrap().unwrap();
//! assert_eq!(expr.to_string(), "((envoy OR minister) AND -Tehran)");
//!
//! // Empty text and `*` mean "every article".
//! assert!(parse("  * ").unwrap().is_none());
//!
//! // Errors say where.
//! let err = parse("Kabul )").unwrap_err();
//! assert_eq!(err.to_string(), "query syntax: unmatched `)` at character 7");
//! ```

use std::fmt;

use crate::QueryError;
use crate::lex::{Kind, Tok, lex};

/// How deep parentheses may nest.
pub const MAX_DEPTH: usize = 32;

/// A parsed query. Spans are 0-based character ranges into the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A word as typed (it may analyse to several tokens, like `U.S.`).
    Word {
        /// The text as typed.
        text: String,
        /// Character range in the query.
        span: (usize, usize),
    },
    /// A word typed with a trailing `*`: every word beginning with it.
    Prefix {
        /// The text as typed, without the `*`.
        text: String,
        /// Character range in the query, `*` included.
        span: (usize, usize),
    },
    /// The inner expression, searched in headlines only (`title:`).
    Title(Box<Expr>),
    /// The text between two quotes.
    Phrase {
        /// The text between the quotes.
        text: String,
        /// Character range in the query, quotes included.
        span: (usize, usize),
    },
    /// Articles not matching the inner expression.
    Not(Box<Expr>),
    /// Articles matching every part.
    And(Vec<Expr>),
    /// Articles matching any part.
    Or(Vec<Expr>),
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, items: &[Expr], sep: &str| {
            f.write_str("(")?;
            for (i, e) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{e}")?;
            }
            f.write_str(")")
        };
        match self {
            Expr::Word { text, .. } => f.write_str(text),
            Expr::Prefix { text, .. } => write!(f, "{text}*"),
            Expr::Title(e) => write!(f, "title:{e}"),
            Expr::Phrase { text, .. } => write!(f, "\"{text}\""),
            Expr::Not(e) => write!(f, "-{e}"),
            Expr::And(items) => list(f, items, " AND "),
            Expr::Or(items) => list(f, items, " OR "),
        }
    }
}

/// Parses query text. `Ok(None)` means "match every article": the text is empty,
/// blank, `*` (or `*:*`), or holds nothing but empty groups.
pub fn parse(text: &str) -> Result<Option<Expr>, QueryError> {
    let tokens = lex(text);
    let mut p = Parser { tokens, at: 0 };
    // `*` (and Lucene's `*:*`) alone: everything.
    if matches!(p.tokens.as_slice(), [Tok { kind: Kind::Word(w), .. }] if w == "*" || w == "*:*") {
        return Ok(None);
    }
    let expr = p.or(0)?;
    if let Some(t) = p.peek() {
        // `or` stops only at the end or at a `)`.
        return Err(syntax("unmatched `)`", t.start));
    }
    Ok(expr)
}

fn syntax(message: &str, char_index: usize) -> QueryError {
    QueryError::Syntax {
        message: message.to_string(),
        position: char_index + 1,
    }
}

struct Parser {
    tokens: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at)
    }

    fn peek_kind(&self, ahead: usize) -> Option<&Kind> {
        self.tokens.get(self.at + ahead).map(|t| &t.kind)
    }

    /// Whether the token `ahead` positions on can begin an operand.
    fn operand_at(&self, ahead: usize) -> bool {
        matches!(
            self.peek_kind(ahead),
            Some(
                Kind::Word(_)
                    | Kind::Prefix(_)
                    | Kind::Phrase { .. }
                    | Kind::Title
                    | Kind::Open
                    | Kind::Minus
                    | Kind::Plus
                    | Kind::Not
            )
        )
    }

    /// The current operator token as the plain word it spells.
    fn as_word(&mut self) -> Expr {
        let t = &self.tokens[self.at];
        let text = match &t.kind {
            Kind::And => "AND",
            Kind::Or => "OR",
            Kind::Not => "NOT",
            _ => unreachable!("as_word is only called on operator tokens"),
        };
        let e = Expr::Word {
            text: text.to_string(),
            span: (t.start, t.end),
        };
        self.at += 1;
        e
    }

    fn or(&mut self, depth: usize) -> Result<Option<Expr>, QueryError> {
        let mut branches = vec![self.and(depth)?];
        while self.peek_kind(0) == Some(&Kind::Or) {
            // `and` stops before an `OR` only when an operand follows it.
            self.at += 1;
            branches.push(self.and(depth)?);
        }
        branches.retain(|b| !b.is_empty());
        Ok(match branches.len() {
            0 => None,
            1 => branches.pop().and_then(all_of),
            _ => Some(exclusions_apply_to_the_group(branches)),
        })
    }

    /// The terms of one AND group, as they stand (not yet combined).
    fn and(&mut self, depth: usize) -> Result<Vec<Expr>, QueryError> {
        let mut items: Vec<Expr> = Vec::new();
        let mut seen_operand = false;
        loop {
            match self.peek_kind(0) {
                None | Some(Kind::Close) => break,
                Some(Kind::Or) if seen_operand && self.operand_at(1) => break,
                Some(Kind::Or) => items.push(self.as_word()),
                Some(Kind::And) if seen_operand && self.operand_at(1) => self.at += 1,
                Some(Kind::And) => items.push(self.as_word()),
                Some(_) => items.extend(self.unary(depth)?),
            }
            seen_operand = true;
        }
        Ok(items)
    }

    fn unary(&mut self, depth: usize) -> Result<Option<Expr>, QueryError> {
        // Prefixes are counted in a loop, not recursed on: `------x` is fine.
        let mut negated = false;
        let mut title = false;
        loop {
            match self.peek_kind(0) {
                Some(Kind::Minus) => negated = !negated,
                Some(Kind::Not) if self.operand_at(1) => negated = !negated,
                Some(Kind::Plus) => {}
                Some(Kind::Title) => title = true,
                _ => break,
            }
            self.at += 1;
        }
        let Some(t) = self.peek().cloned() else {
            return Ok(None);
        };
        let atom = match t.kind {
            Kind::Word(text) => {
                self.at += 1;
                Some(Expr::Word {
                    text,
                    span: (t.start, t.end),
                })
            }
            Kind::Prefix(text) => {
                self.at += 1;
                Some(Expr::Prefix {
                    text,
                    span: (t.start, t.end),
                })
            }
            Kind::Phrase { closed: false, .. } => {
                return Err(syntax("this quote is never closed", t.start));
            }
            Kind::Phrase { text, .. } => {
                self.at += 1;
                Some(Expr::Phrase {
                    text,
                    span: (t.start, t.end),
                })
            }
            Kind::Open => {
                if depth >= MAX_DEPTH {
                    return Err(syntax(
                        &format!("parentheses nested deeper than {MAX_DEPTH} levels"),
                        t.start,
                    ));
                }
                self.at += 1;
                let inner = self.or(depth + 1)?;
                if self.peek_kind(0) != Some(&Kind::Close) {
                    return Err(syntax("this `(` is never closed", t.start));
                }
                self.at += 1;
                inner
            }
            Kind::And | Kind::Or | Kind::Not => Some(self.as_word()),
            // A prefix with nothing after it (the lexer only emits `-`/`+` before
            // a character, but `-)` or a trailing `NOT` end up here): nothing.
            Kind::Close | Kind::Minus | Kind::Plus | Kind::Title => None,
        };
        let atom = atom.map(|e| if title { Expr::Title(Box::new(e)) } else { e });
        Ok(atom.map(|e| if negated { Expr::Not(Box::new(e)) } else { e }))
    }
}

/// The terms of an AND group as one expression.
fn all_of(mut items: Vec<Expr>) -> Option<Expr> {
    match items.len() {
        0 => None,
        1 => items.pop(),
        _ => Some(Expr::And(items)),
    }
}

/// `a OR b -c` as `(a OR b) AND -c`: the exclusions standing in any branch of
/// an OR group (not those inside parentheses there), lifted out to apply to the
/// group as a whole.
fn exclusions_apply_to_the_group(branches: Vec<Vec<Expr>>) -> Expr {
    let mut excluded = Vec::new();
    let mut kept = Vec::new();
    for branch in branches {
        let (nots, rest): (Vec<Expr>, Vec<Expr>) =
            branch.into_iter().partition(|e| matches!(e, Expr::Not(_)));
        excluded.extend(nots);
        kept.extend(all_of(rest));
    }
    let mut all: Vec<Expr> = match kept.len() {
        0 => Vec::new(),
        1 => kept,
        _ => vec![Expr::Or(kept)],
    };
    all.extend(excluded);
    all_of(all).unwrap_or(Expr::And(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        match parse(text) {
            Ok(Some(e)) => e.to_string(),
            Ok(None) => "<all>".to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn adjacent_terms_are_and() {
        assert_eq!(show("Muttaqi Russia"), "(Muttaqi AND Russia)");
        assert_eq!(show("Muttaqi AND Russia"), "(Muttaqi AND Russia)");
        assert_eq!(show("Muttaqi && Russia"), "(Muttaqi AND Russia)");
    }

    #[test]
    fn or_binds_looser_than_and() {
        assert_eq!(show("a b OR c"), "((a AND b) OR c)");
        assert_eq!(show("a OR b c"), "(a OR (b AND c))");
        assert_eq!(show("a OR b OR c"), "(a OR b OR c)");
        assert_eq!(show("(a OR b) c"), "((a OR b) AND c)");
    }

    #[test]
    fn exclusion_applies_to_the_whole_group() {
        assert_eq!(show("a OR b -c"), "((a OR b) AND -c)");
        assert_eq!(show("-c a OR b"), "((a OR b) AND -c)");
        assert_eq!(show("a OR b NOT c"), "((a OR b) AND -c)");
        assert_eq!(show("a x OR b -c"), "(((a AND x) OR b) AND -c)");
        assert_eq!(show("a OR -b"), "(a AND -b)");
        assert_eq!(show("-a OR -b"), "(-a AND -b)");
        // Parentheses keep their own exclusions.
        assert_eq!(show("(a -b) OR c"), "((a AND -b) OR c)");
        assert_eq!(
            show(r#""foreign minister" OR envoy -Tehran"#),
            r#"(("foreign minister" OR envoy) AND -Tehran)"#
        );
    }

    #[test]
    fn prefixes_and_titles() {
        assert_eq!(show("bank*"), "bank*");
        assert_eq!(show("bank* -banker"), "(bank* AND -banker)");
        assert_eq!(show("title:Kabul"), "title:Kabul");
        assert_eq!(show("-title:Kabul"), "-title:Kabul");
        assert_eq!(show("title:-Kabul"), "-title:Kabul");
        assert_eq!(show(r#"title:"peace talks""#), r#"title:"peace talks""#);
        assert_eq!(show("title:(a OR b) c"), "(title:(a OR b) AND c)");
        assert_eq!(show("title:bank*"), "title:bank*");
    }

    #[test]
    fn exclusion_and_not() {
        assert_eq!(show("Kabul -Tehran"), "(Kabul AND -Tehran)");
        assert_eq!(show("Kabul NOT Tehran"), "(Kabul AND -Tehran)");
        assert_eq!(show("Kabul AND NOT Tehran"), "(Kabul AND -Tehran)");
        assert_eq!(show(r#"-"press release""#), r#"-"press release""#);
        assert_eq!(show("-(a OR b)"), "-(a OR b)");
        assert_eq!(show("--a"), "a");
        assert_eq!(show("---a"), "-a");
        assert_eq!(show("+a +b"), "(a AND b)");
        // A dash inside a word, or standing alone, is part of the text.
        assert_eq!(show("e-mail"), "e-mail");
        assert_eq!(show("a - b"), "(a AND - AND b)");
    }

    #[test]
    fn phrases_and_open_quotes() {
        assert_eq!(
            show(r#""Amir Khan" Muttaqi"#),
            r#"("Amir Khan" AND Muttaqi)"#
        );
        assert_eq!(
            show(r#"Kabul "Amir Khan"#),
            "error: query syntax: this quote is never closed at character 7"
        );
        assert!(show("a\"").starts_with("error: "));
        assert_eq!(show("“Amir Khan”"), r#""Amir Khan""#);
        assert_eq!(show(r#""""#), r#""""#);
    }

    #[test]
    fn operators_out_of_place_are_words() {
        assert_eq!(show("OR"), "OR");
        assert_eq!(show("AND"), "AND");
        assert_eq!(show("NOT"), "NOT");
        assert_eq!(show("a AND"), "(a AND AND)");
        assert_eq!(show("OR a"), "(OR AND a)");
        assert_eq!(show("a OR"), "(a AND OR)");
        assert_eq!(show("a AND OR b"), "((a AND AND) OR b)");
        assert_eq!(show("a NOT"), "(a AND NOT)");
        // Lower-case operators are plain words.
        assert_eq!(show("war and peace"), "(war AND and AND peace)");
    }

    #[test]
    fn all_articles() {
        for q in ["", "   ", "*", " * ", "*:*", "()", "(())", "\u{0}\t\n"] {
            assert_eq!(show(q), "<all>", "{q:?}");
        }
        // `*` among other words is just a word (it analyses to nothing).
        assert_eq!(show("a *"), "(a AND *)");
    }

    #[test]
    fn errors_carry_character_positions() {
        assert_eq!(
            show("a)"),
            "error: query syntax: unmatched `)` at character 2"
        );
        assert_eq!(
            show("(a OR b"),
            "error: query syntax: this `(` is never closed at character 1"
        );
        // Positions count characters, not bytes.
        assert_eq!(
            show("Muttaqī (Kabul"),
            "error: query syntax: this `(` is never closed at character 9"
        );
        let deep = format!("{}x{}", "(".repeat(40), ")".repeat(40));
        assert_eq!(
            show(&deep),
            "error: query syntax: parentheses nested deeper than 32 levels at character 33"
        );
        let ok = format!("{}x{}", "(".repeat(32), ")".repeat(32));
        assert_eq!(show(&ok), "x");
    }

    #[test]
    fn spans_point_into_the_text() {
        let Some(Expr::And(items)) = parse(r#"Kabul "Amir Khan""#).unwrap() else {
            panic!("expected AND");
        };
        assert_eq!(
            items,
            [
                Expr::Word {
                    text: "Kabul".into(),
                    span: (0, 5)
                },
                Expr::Phrase {
                    text: "Amir Khan".into(),
                    span: (6, 17)
                }
            ]
        );
    }

    #[test]
    fn long_and_hostile_inputs() {
        let long = "word ".repeat(8000);
        assert!(matches!(parse(&long), Ok(Some(Expr::And(v))) if v.len() == 8000));
        let dashes = "-".repeat(40_000) + "x";
        assert_eq!(show(&dashes), "x");
        let nots = "NOT ".repeat(10_000) + "x";
        assert_eq!(show(&nots), "x");
        assert!(parse(&"(".repeat(40_000)).is_err());
        assert!(parse(&")".repeat(40_000)).is_err());
        assert!(parse(&"\"".repeat(40_000)).is_ok());
        assert!(parse(&"\"".repeat(40_001)).is_err());
    }
}
