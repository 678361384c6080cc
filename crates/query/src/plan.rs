//! From a parsed [`Expr`] to a search plan: every word run through the index's
//! own analyzer (lower-casing, accent folding, so `Muttaqī` is `muttaqi`), its
//! typo tolerance decided, and the words and phrases to highlight collected.
//!
//! Rules:
//!
//! - A word that analyses to one token is a *term*; one that analyses to several
//!   (`U.S.`, `e-mail`) is searched as a phrase of them; one that analyses to none
//!   (`*`, `—`, an emoji) is dropped from the query.
//! - Terms of 5 to 8 characters tolerate one edit, of 9 or more two (a swap of two
//!   neighbours counts as one edit). Phrases, prefixes, terms containing a digit,
//!   excluded terms, every term of an exact search and terms past the first
//!   [`MAX_FUZZY_TERMS`] are exact. Which variants the index holds count as
//!   typos is decided at search time ([`crate::variants`]).
//! - `word*` is a prefix of one token; a prefix that analyses to several tokens
//!   (`U.S*`) is searched as the phrase of them.
//! - `title:` gives its terms the headline as their only field.
//! - Text with nothing searchable left (only punctuation, say) matches *no*
//!   article, rather than all of them; only empty text or `*` means everything.

use std::collections::HashSet;

use search_schema::news_analyzer;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::parse::Expr;

/// Fuzzy matching costs a term-dictionary walk per word; queries longer than
/// this many words match the rest exactly.
pub const MAX_FUZZY_TERMS: usize = 32;

/// The fields a term is searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// Headline and body.
    All,
    /// Headline only (`title:`).
    Title,
}

/// An analysed query tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Node {
    /// One token, with the edit distance it tolerates.
    Term {
        token: String,
        fuzzy: u8,
        scope: Scope,
    },
    /// Every token beginning with this one.
    Prefix { token: String, scope: Scope },
    /// Two or more tokens in this order.
    Phrase { tokens: Vec<String>, scope: Scope },
    /// All of `must`, none of `not`. `must` may be empty (then: every article
    /// except `not`).
    And { must: Vec<Node>, not: Vec<Node> },
    /// Any of these; an item may be a `Not`.
    Or(Vec<Node>),
    /// Articles not matching the inner node.
    Not(Box<Node>),
}

/// What the text part of a search matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Every article (empty text or `*`).
    All,
    /// No article (text with nothing searchable in it).
    Nothing,
    /// Articles matching this tree.
    Match(Node),
}

/// The tokens and token sequences of a plan that a body snippet should
/// highlight: those not excluded and not limited to the headline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Highlights {
    /// Single tokens and the edit distance they were matched with.
    pub terms: Vec<(String, u8)>,
    /// Prefixes.
    pub prefixes: Vec<String>,
    /// Token sequences.
    pub phrases: Vec<Vec<String>>,
}

impl Plan {
    /// Analyses a parsed query (`None`: every article). `exact`: no typo
    /// tolerance for any term.
    pub fn new(expr: Option<&Expr>, exact: bool) -> Plan {
        let Some(expr) = expr else {
            return Plan::All;
        };
        let mut lower = Lowering {
            analyzer: news_analyzer(),
            fuzzy_left: if exact { 0 } else { MAX_FUZZY_TERMS },
            scope: Scope::All,
        };
        match lower.expr(expr, false) {
            Some(node) => Plan::Match(node),
            None => Plan::Nothing,
        }
    }

    /// The words and phrases to highlight in snippets.
    pub fn highlights(&self) -> Highlights {
        let mut h = Highlights::default();
        if let Plan::Match(node) = self {
            collect(node, false, &mut h);
        }
        h.terms.sort();
        h.terms.dedup();
        h.prefixes.sort();
        h.prefixes.dedup();
        h.phrases.sort();
        h.phrases.dedup();
        h
    }

    /// The typo-tolerant terms, with their edit distance, wherever they stand:
    /// the words whose variants a search looks up.
    pub fn fuzzy_terms(&self) -> Vec<(String, u8)> {
        fn walk(node: &Node, out: &mut Vec<(String, u8)>) {
            match node {
                Node::Term { token, fuzzy, .. } if *fuzzy > 0 => out.push((token.clone(), *fuzzy)),
                Node::Term { .. } | Node::Prefix { .. } | Node::Phrase { .. } => {}
                Node::And { must, not } => must.iter().chain(not).for_each(|n| walk(n, out)),
                Node::Or(items) => items.iter().for_each(|n| walk(n, out)),
                Node::Not(inner) => walk(inner, out),
            }
        }
        let mut out = Vec::new();
        if let Plan::Match(node) = self {
            walk(node, &mut out);
        }
        out.sort();
        out.dedup();
        out
    }
}

fn collect(node: &Node, negated: bool, h: &mut Highlights) {
    match node {
        Node::Term {
            token,
            fuzzy,
            scope: Scope::All,
        } if !negated => h.terms.push((token.clone(), *fuzzy)),
        Node::Prefix {
            token,
            scope: Scope::All,
        } if !negated => h.prefixes.push(token.clone()),
        Node::Phrase {
            tokens,
            scope: Scope::All,
        } if !negated => h.phrases.push(tokens.clone()),
        Node::Term { .. } | Node::Prefix { .. } | Node::Phrase { .. } => {}
        Node::And { must, not } => {
            must.iter().for_each(|n| collect(n, negated, h));
            not.iter().for_each(|n| collect(n, !negated, h));
        }
        Node::Or(items) => items.iter().for_each(|n| collect(n, negated, h)),
        Node::Not(inner) => collect(inner, !negated, h),
    }
}

/// The edit distance a token tolerates.
pub(crate) fn fuzziness(token: &str) -> u8 {
    if token.bytes().any(|b| b.is_ascii_digit()) {
        return 0;
    }
    match token.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

struct Lowering {
    analyzer: TextAnalyzer,
    fuzzy_left: usize,
    /// The fields of the terms being lowered (`title:` narrows it).
    scope: Scope,
}

impl Lowering {
    fn tokens(&mut self, text: &str) -> Vec<String> {
        let mut stream = self.analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    fn phrase(&self, tokens: Vec<String>) -> Node {
        Node::Phrase {
            tokens,
            scope: self.scope,
        }
    }

    /// `negated`: whether an odd number of NOTs encloses this expression (its
    /// terms are then exclusions and need no typo tolerance).
    fn expr(&mut self, expr: &Expr, negated: bool) -> Option<Node> {
        match expr {
            Expr::Word { text, .. } => {
                let mut tokens = self.tokens(text);
                match tokens.len() {
                    0 => None,
                    1 => {
                        let token = tokens.pop()?;
                        let mut fuzzy = if negated { 0 } else { fuzziness(&token) };
                        if fuzzy > 0 {
                            if self.fuzzy_left == 0 {
                                fuzzy = 0;
                            } else {
                                self.fuzzy_left -= 1;
                            }
                        }
                        Some(Node::Term {
                            token,
                            fuzzy,
                            scope: self.scope,
                        })
                    }
                    _ => Some(self.phrase(tokens)),
                }
            }
            Expr::Prefix { text, .. } => {
                let mut tokens = self.tokens(text);
                match tokens.len() {
                    0 => None,
                    1 => Some(Node::Prefix {
                        token: tokens.pop()?,
                        scope: self.scope,
                    }),
                    _ => Some(self.phrase(tokens)),
                }
            }
            Expr::Phrase { text, .. } => {
                let mut tokens = self.tokens(text);
                match tokens.len() {
                    0 => None,
                    1 => Some(Node::Term {
                        token: tokens.pop()?,
                        fuzzy: 0,
                        scope: self.scope,
                    }),
                    _ => Some(self.phrase(tokens)),
                }
            }
            Expr::Title(inner) => {
                let outer = std::mem::replace(&mut self.scope, Scope::Title);
                let node = self.expr(inner, negated);
                self.scope = outer;
                node
            }
            Expr::Not(inner) => match self.expr(inner, !negated)? {
                Node::Not(n) => Some(*n),
                n => Some(Node::Not(Box::new(n))),
            },
            Expr::And(items) => {
                let (mut must, mut not) = (Vec::new(), Vec::new());
                for item in items {
                    match self.expr(item, negated) {
                        Some(Node::Not(n)) => not.push(*n),
                        Some(n) => must.push(n),
                        None => {}
                    }
                }
                dedup(&mut must);
                dedup(&mut not);
                match (must.len(), not.len()) {
                    (0, 0) => None,
                    (1, 0) => must.pop(),
                    (0, 1) => Some(Node::Not(Box::new(not.pop()?))),
                    _ => Some(Node::And { must, not }),
                }
            }
            Expr::Or(items) => {
                let mut any: Vec<Node> = items
                    .iter()
                    .filter_map(|item| self.expr(item, negated))
                    .collect();
                dedup(&mut any);
                match any.len() {
                    0 => None,
                    1 => any.pop(),
                    _ => Some(Node::Or(any)),
                }
            }
        }
    }
}

/// Removes repeated nodes, keeping the first of each.
fn dedup(nodes: &mut Vec<Node>) {
    let mut seen = HashSet::new();
    nodes.retain(|n| seen.insert(n.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn plan(text: &str) -> Plan {
        Plan::new(parse(text).unwrap().as_ref(), false)
    }

    fn term(token: &str, fuzzy: u8) -> Node {
        Node::Term {
            token: token.into(),
            fuzzy,
            scope: Scope::All,
        }
    }

    fn phrase(tokens: &[&str]) -> Node {
        Node::Phrase {
            tokens: tokens.iter().map(|t| t.to_string()).collect(),
            scope: Scope::All,
        }
    }

    #[test]
    fn exact_searches_prefixes_and_titles() {
        let exact = Plan::new(parse("Muttaqi ambassador").unwrap().as_ref(), true);
        assert_eq!(
            exact,
            Plan::Match(Node::And {
                must: vec![term("muttaqi", 0), term("ambassador", 0)],
                not: vec![]
            })
        );
        assert_eq!(
            plan("Bank*"),
            Plan::Match(Node::Prefix {
                token: "bank".into(),
                scope: Scope::All
            })
        );
        assert_eq!(plan("U.S*"), Plan::Match(phrase(&["u", "s"])));
        assert_eq!(plan("!!*"), Plan::Nothing);
        assert_eq!(
            plan("title:Kabul"),
            Plan::Match(Node::Term {
                token: "kabul".into(),
                fuzzy: 1,
                scope: Scope::Title
            })
        );
        let h = plan("title:Kabul Muttaqi bank*").highlights();
        assert_eq!(h.terms, [("muttaqi".to_string(), 1)]);
        assert_eq!(h.prefixes, ["bank"]);
        assert_eq!(
            plan("title:Kabul Muttaqi").fuzzy_terms(),
            [("kabul".to_string(), 1), ("muttaqi".to_string(), 1)]
        );
    }

    #[test]
    fn words_are_analysed_like_the_index() {
        assert_eq!(plan("Muttaqī"), Plan::Match(term("muttaqi", 1)));
        assert_eq!(plan("KABUL"), Plan::Match(term("kabul", 1)));
        assert_eq!(plan("Iran"), Plan::Match(term("iran", 0)));
        assert_eq!(plan("ambassador"), Plan::Match(term("ambassador", 2)));
        assert_eq!(plan("G20"), Plan::Match(term("g20", 0)));
        assert_eq!(plan("2021-08"), Plan::Match(phrase(&["2021", "08"])));
        assert_eq!(plan("U.S."), Plan::Match(phrase(&["u", "s"])));
    }

    #[test]
    fn phrases_and_exclusions_are_exact() {
        assert_eq!(plan("\"Muttaqi\""), Plan::Match(term("muttaqi", 0)));
        assert_eq!(
            plan("Kabul -Muttaqi"),
            Plan::Match(Node::And {
                must: vec![term("kabul", 1)],
                not: vec![term("muttaqi", 0)]
            })
        );
        assert_eq!(
            plan("-Muttaqi"),
            Plan::Match(Node::Not(Box::new(term("muttaqi", 0))))
        );
    }

    #[test]
    fn unsearchable_text_matches_nothing_and_empty_text_everything() {
        assert_eq!(plan(""), Plan::All);
        assert_eq!(plan("*"), Plan::All);
        assert_eq!(plan("— !!! 🙂"), Plan::Nothing);
        assert_eq!(plan("-!!!"), Plan::Nothing);
        assert_eq!(plan("Kabul !!!"), Plan::Match(term("kabul", 1)));
    }

    #[test]
    fn repeats_are_merged_and_fuzziness_is_budgeted() {
        assert_eq!(plan("iran iran IRAN"), Plan::Match(term("iran", 0)));
        let many: Vec<String> = (0..40)
            .map(|i| format!("word{}", "x".repeat(i + 1)))
            .collect();
        let Plan::Match(Node::And { must, .. }) = plan(&many.join(" ")) else {
            panic!("expected AND");
        };
        let fuzzy = must
            .iter()
            .filter(|n| matches!(n, Node::Term { fuzzy, .. } if *fuzzy > 0))
            .count();
        assert_eq!(fuzzy, MAX_FUZZY_TERMS);
    }

    #[test]
    fn highlights_skip_excluded_words() {
        let h = plan(r#"Muttaqi "Amir Khan" -Tehran (Kabul OR NOT Moscow)"#).highlights();
        assert_eq!(
            h.terms,
            [("kabul".to_string(), 1), ("muttaqi".to_string(), 1)]
        );
        assert_eq!(h.phrases, [vec!["amir".to_string(), "khan".to_string()]]);
    }
}
