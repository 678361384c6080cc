//! From a [`Plan`] and the filters to one tantivy query.
//!
//! Scoring:
//!
//! - every term and phrase is searched in `title` (boost [`TITLE_BOOST`]) and in
//!   `body`, BM25, the two scores added;
//! - a typo-tolerant term adds a [`NearTermQuery`] per field (same first letter,
//!   within the edit distance) next to the exact `TermQuery`. tantivy scores
//!   every such match a constant 1.0, so the fuzzy
//!   part is weighted down to [`FUZZY_WEIGHT`]: an article with the word as typed
//!   gets its BM25 score *plus* the fuzzy part (the exact word is also within the
//!   edit distance), one with only a variant gets the small constant alone, and
//!   exact matches rank first;
//! - filters are required clauses scored 0, so they select without reordering.

use search_schema::Fields;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::near::NearTermQuery;
use crate::plain_seek::PlainSeek;
use crate::plan::{Node, Plan};

/// How much more a match in the headline counts than one in the body.
pub const TITLE_BOOST: f32 = 2.0;

/// The score of a fuzzy (typo-tolerant) match, relative to tantivy's constant 1.0.
pub const FUZZY_WEIGHT: f32 = 0.1;

type Q = Box<dyn TantivyQuery>;

/// The whole query: the text part AND every filter.
pub(crate) fn build(plan: &Plan, filters: Vec<Q>, fields: &Fields) -> Q {
    let text: Q = match plan {
        Plan::All => Box::new(AllQuery),
        Plan::Nothing => return Box::new(EmptyQuery),
        Plan::Match(node) => Builder { fields }.node(node),
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
}

impl Builder<'_> {
    fn node(&self, node: &Node) -> Q {
        match node {
            Node::Term { token, fuzzy } => self.term(token, *fuzzy),
            Node::Phrase(tokens) => self.phrase(tokens),
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

    /// Title and body, exact (BM25) and, when `fuzzy > 0`, within that many edits.
    fn term(&self, token: &str, fuzzy: u8) -> Q {
        let mut any: Vec<(Occur, Q)> = Vec::with_capacity(4);
        for (field, boost) in self.text_fields() {
            let term = Term::from_field_text(field, token);
            let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
            any.push((Occur::Should, boosted(Box::new(exact), boost)));
            if fuzzy > 0 {
                let near = NearTermQuery::new(term, fuzzy);
                any.push((Occur::Should, boosted(Box::new(near), boost * FUZZY_WEIGHT)));
            }
        }
        Box::new(BooleanQuery::new(any))
    }

    /// The tokens in sequence, in the title or in the body.
    fn phrase(&self, tokens: &[String]) -> Q {
        let any = self
            .text_fields()
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

    fn text_fields(&self) -> [(Field, f32); 2] {
        [(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)]
    }
}

fn boosted(q: Q, boost: f32) -> Q {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}
