//! From a [`Plan`] and the filters to one tantivy query.
//!
//! Scoring:
//!
//! - every term and phrase is searched in `title` (boost [`TITLE_BOOST`]) and in
//!   `body`, BM25, the two scores added;
//! - a typo-tolerant term adds its variants (the words of the index that count
//!   as its typos, [`crate::variants`]) per field next to the exact `TermQuery`,
//!   as one `TermSetQuery` scoring a constant 1.0 weighted down to
//!   [`FUZZY_WEIGHT`]: an article with the word as typed gets its BM25 score,
//!   one with only a variant the small constant, and exact matches rank first;
//! - a prefix matches every word of the field beginning with it, a constant
//!   score (boosted like a term in the headline);
//! - `title:` terms search the headline only;
//! - filters are required clauses scored 0, so they select without reordering.

use search_schema::Fields;
use tantivy::Term;
use tantivy::query::{
    AllQuery, AutomatonWeight, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery,
    EnableScoring, Occur, PhraseQuery, Query as TantivyQuery, TermQuery, TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy_fst::Automaton;

use crate::plain_seek::PlainSeek;
use crate::plan::{Node, Plan, Scope};
use crate::variants::Variants;

/// How much more a match in the headline counts than one in the body.
pub const TITLE_BOOST: f32 = 2.0;

/// The score of a fuzzy (typo-tolerant) match, relative to tantivy's constant 1.0.
pub const FUZZY_WEIGHT: f32 = 0.1;

type Q = Box<dyn TantivyQuery>;

/// The whole query: the text part AND every filter.
pub(crate) fn build(plan: &Plan, filters: Vec<Q>, fields: &Fields, variants: &Variants) -> Q {
    let text: Q = match plan {
        Plan::All => Box::new(AllQuery),
        Plan::Nothing => return Box::new(EmptyQuery),
        Plan::Match(node) => Builder { fields, variants }.node(node),
    };
    if filters.is_empty() {
        return text;
    }
    let mut clauses = vec![(Occur::Must, text)];
    for f in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0)) as Q));
    }
    Box::new(BooleanQuery::new(clauses))
}

struct Builder<'a> {
    fields: &'a Fields,
    variants: &'a Variants,
}

impl Builder<'_> {
    fn node(&self, node: &Node) -> Q {
        match node {
            Node::Term {
                token,
                fuzzy,
                scope,
            } => self.term(token, *fuzzy, *scope),
            Node::Prefix { token, scope } => self.prefix(token, *scope),
            Node::Phrase { tokens, scope } => self.phrase(tokens, *scope),
            Node::And { must, not } => {
                let mut clauses: Vec<(Occur, Q)> =
                    must.iter().map(|n| (Occur::Must, self.node(n))).collect();
                if must.is_empty() {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                clauses.extend(not.iter().map(|n| (Occur::MustNot, self.node(n))));
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(items) => Box::new(BooleanQuery::new(
                items
                    .iter()
                    .map(|n| (Occur::Should, self.node(n)))
                    .collect(),
            )),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Q),
                (Occur::MustNot, self.node(inner)),
            ])),
        }
    }

    /// Title and body, exact (BM25) and, when `fuzzy > 0`, its typo variants.
    fn term(&self, token: &str, fuzzy: u8, scope: Scope) -> Q {
        let variants = if fuzzy > 0 {
            self.variants.of(token)
        } else {
            &[]
        };
        let mut any: Vec<(Occur, Q)> = Vec::with_capacity(4);
        for (field, boost) in self.text_fields(scope) {
            let term = Term::from_field_text(field, token);
            let exact = TermQuery::new(term, IndexRecordOption::WithFreqs);
            any.push((Occur::Should, boosted(Box::new(exact), boost)));
            if !variants.is_empty() {
                let terms = variants.iter().map(|v| Term::from_field_text(field, v));
                let near = TermSetQuery::new(terms);
                any.push((Occur::Should, boosted(Box::new(near), boost * FUZZY_WEIGHT)));
            }
        }
        Box::new(BooleanQuery::new(any))
    }

    /// Every word of the fields beginning with `token`.
    fn prefix(&self, token: &str, scope: Scope) -> Q {
        let any = self
            .text_fields(scope)
            .into_iter()
            .map(|(field, boost)| {
                let prefix = PrefixQuery {
                    field,
                    prefix: token.to_string(),
                };
                (Occur::Should, boosted(Box::new(prefix), boost))
            })
            .collect();
        Box::new(BooleanQuery::new(any))
    }

    /// The tokens in sequence, in the title or in the body.
    fn phrase(&self, tokens: &[String], scope: Scope) -> Q {
        let any = self
            .text_fields(scope)
            .into_iter()
            .map(|(field, boost)| {
                let terms = tokens
                    .iter()
                    .map(|t| Term::from_field_text(field, t))
                    .collect();
                let phrase = boosted(Box::new(PhraseQuery::new(terms)), boost);
                (Occur::Should, Box::new(PlainSeek(phrase)) as Q)
            })
            .collect();
        Box::new(BooleanQuery::new(any))
    }

    fn text_fields(&self, scope: Scope) -> Vec<(Field, f32)> {
        match scope {
            Scope::All => vec![(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)],
            Scope::Title => vec![(self.fields.title, TITLE_BOOST)],
        }
    }
}

/// The words of a field that begin with `prefix`, each article scoring 1.0.
#[derive(Debug, Clone)]
struct PrefixQuery {
    field: Field,
    prefix: String,
}

impl TantivyQuery for PrefixQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let automaton = StartsWith(self.prefix.as_bytes().to_vec());
        Ok(Box::new(AutomatonWeight::new(self.field, automaton)))
    }
}

/// The automaton of the byte strings that begin with these bytes. Its state is
/// how many of them were read, `None` once one differed.
struct StartsWith(Vec<u8>);

impl Automaton for StartsWith {
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, state: &Option<usize>) -> bool {
        state.is_some_and(|read| read >= self.0.len())
    }

    fn can_match(&self, state: &Option<usize>) -> bool {
        state.is_some()
    }

    fn will_always_match(&self, state: &Option<usize>) -> bool {
        self.is_match(state)
    }

    fn accept(&self, state: &Option<usize>, byte: u8) -> Option<usize> {
        let read = (*state)?;
        match self.0.get(read) {
            Some(&expected) if expected != byte => None,
            Some(_) => Some(read + 1),
            None => Some(read),
        }
    }
}

fn boosted(q: Q, boost: f32) -> Q {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}
