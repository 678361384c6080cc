//! CoNLL-2003: PER spans, exact match as conlleval counts them.

use std::path::Path;

use search_extract::Extractor;

/// One document rebuilt as text: tokens joined by spaces, sentences by newlines,
/// with the byte spans of its gold PER and ORG entities.
pub struct Doc {
    pub text: String,
    pub gold: Vec<(usize, usize)>,
    pub gold_org: Vec<(usize, usize)>,
}

/// Which entities a score is over.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organization,
}

/// Spans of runs of `I-{kind}`/`B-{kind}` tags (IOB1: B- only where two touch).
fn spans(tokens: &[(usize, usize, String)], kind: &str) -> Vec<(usize, usize)> {
    let (i, b) = (format!("I-{kind}"), format!("B-{kind}"));
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (start, end, tag) in tokens {
        if *tag == b || (*tag == i && open.is_none()) {
            out.extend(open.take());
            open = Some((*start, *end));
        } else if *tag == i {
            open = open.map(|(s, _)| (s, *end));
        } else {
            out.extend(open.take());
        }
    }
    out.extend(open);
    out
}

pub fn read(path: &Path) -> std::io::Result<Vec<Doc>> {
    let raw = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    let mut text = String::new();
    // (start, end, tag) of each token; a sentence break is an "O" token.
    let mut tokens: Vec<(usize, usize, String)> = Vec::new();
    let mut sentence_start = true;
    let flush =
        |text: &mut String, tokens: &mut Vec<(usize, usize, String)>, docs: &mut Vec<Doc>| {
            if !text.trim().is_empty() {
                docs.push(Doc {
                    text: std::mem::take(text),
                    gold: spans(tokens, "PER"),
                    gold_org: spans(tokens, "ORG"),
                });
            }
            text.clear();
            tokens.clear();
        };
    for line in raw.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            tokens.push((0, 0, "O".to_string()));
            if cols.first() == Some(&"-DOCSTART-") {
                flush(&mut text, &mut tokens, &mut docs);
            } else if !sentence_start {
                text.push('\n');
            }
            sentence_start = true;
            continue;
        }
        let (word, tag) = (cols[0], cols[cols.len() - 1]);
        if !sentence_start {
            text.push(' ');
        }
        sentence_start = false;
        let start = text.len();
        text.push_str(word);
        tokens.push((start, text.len(), tag.to_string()));
    }
    flush(&mut text, &mut tokens, &mut docs);
    Ok(docs)
}

/// (true positives, predicted, gold) over all documents.
pub fn score(docs: &[Doc], ex: &Extractor) -> (usize, usize, usize) {
    score_kind(docs, ex, Kind::Person)
}

/// (true positives, predicted, gold) of one kind of entity over all documents.
pub fn score_kind(docs: &[Doc], ex: &Extractor, kind: Kind) -> (usize, usize, usize) {
    let (mut tp, mut pred, mut gold) = (0, 0, 0);
    let label = if kind == Kind::Person {
        "conll"
    } else {
        "conll org"
    };
    for d in docs {
        let e = ex.extract(&d.text, None);
        let spans: Vec<(usize, usize)> = match kind {
            Kind::Person => e
                .persons
                .iter()
                .flat_map(|p| p.mentions.iter().map(|m| (m.start, m.end)))
                .collect(),
            Kind::Organization => e
                .organizations
                .iter()
                .flat_map(|p| p.mentions.iter().map(|m| (m.start, m.end)))
                .collect(),
        };
        let d_gold = if kind == Kind::Person {
            &d.gold
        } else {
            &d.gold_org
        };
        pred += spans.len();
        gold += d_gold.len();
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            for g in d_gold.iter().filter(|g| !spans.contains(g)) {
                let near: Vec<&str> = spans
                    .iter()
                    .filter(|s| s.0 < g.1 && g.0 < s.1)
                    .map(|s| &d.text[s.0..s.1])
                    .collect();
                let ctx = &d.text[d.text.floor_char_boundary(g.0.saturating_sub(30))
                    ..d.text.ceil_char_boundary((g.1 + 20).min(d.text.len()))];
                eprintln!(
                    "{label} miss: {:?} got {near:?} in {:?}",
                    &d.text[g.0..g.1],
                    ctx
                );
            }
            for s in spans.iter().filter(|s| !d_gold.contains(s)) {
                let overl = d_gold.iter().any(|g| s.0 < g.1 && g.0 < s.1);
                if !overl {
                    let ctx = &d.text[d.text.floor_char_boundary(s.0.saturating_sub(30))
                        ..d.text.ceil_char_boundary((s.1 + 20).min(d.text.len()))];
                    eprintln!("{label} extra: {:?} in {:?}", &d.text[s.0..s.1], ctx);
                }
            }
        }
        tp += spans.iter().filter(|s| d_gold.contains(s)).count();
    }
    (tp, pred, gold)
}
