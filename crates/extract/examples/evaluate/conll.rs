//! CoNLL-2003: PER spans, exact match as conlleval counts them.

use std::path::Path;

use search_extract::Extractor;

/// One document rebuilt as text: tokens joined by spaces, sentences by newlines,
/// with the byte spans of its gold PER entities.
pub struct Doc {
    pub text: String,
    pub gold: Vec<(usize, usize)>,
}

pub fn read(path: &Path) -> std::io::Result<Vec<Doc>> {
    let raw = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut sentence_start = true;
    let flush = |text: &mut String, gold: &mut Vec<(usize, usize)>, docs: &mut Vec<Doc>| {
        if !text.trim().is_empty() {
            docs.push(Doc {
                text: std::mem::take(text),
                gold: std::mem::take(gold),
            });
        }
        text.clear();
        gold.clear();
    };
    for line in raw.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if let Some(span) = open.take() {
                gold.push(span);
            }
            if cols.first() == Some(&"-DOCSTART-") {
                flush(&mut text, &mut gold, &mut docs);
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
        let end = text.len();
        match (tag, open) {
            ("I-PER", Some((s, _))) => open = Some((s, end)),
            ("I-PER", None) | ("B-PER", _) => {
                if let Some(span) = open.take() {
                    gold.push(span);
                }
                open = Some((start, end));
            }
            _ => {
                if let Some(span) = open.take() {
                    gold.push(span);
                }
            }
        }
    }
    if let Some(span) = open.take() {
        gold.push(span);
    }
    flush(&mut text, &mut gold, &mut docs);
    Ok(docs)
}

/// (true positives, predicted, gold) over all documents.
pub fn score(docs: &[Doc], ex: &Extractor) -> (usize, usize, usize) {
    let (mut tp, mut pred, mut gold) = (0, 0, 0);
    for d in docs {
        let e = ex.extract(&d.text, None);
        let spans: Vec<(usize, usize)> = e
            .persons
            .iter()
            .flat_map(|p| p.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        pred += spans.len();
        gold += d.gold.len();
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            for g in d.gold.iter().filter(|g| !spans.contains(g)) {
                let near: Vec<&str> = spans
                    .iter()
                    .filter(|s| s.0 < g.1 && g.0 < s.1)
                    .map(|s| &d.text[s.0..s.1])
                    .collect();
                let ctx = &d.text[d.text.floor_char_boundary(g.0.saturating_sub(30))
                    ..d.text.ceil_char_boundary((g.1 + 20).min(d.text.len()))];
                eprintln!(
                    "conll miss: {:?} got {near:?} in {:?}",
                    &d.text[g.0..g.1],
                    ctx
                );
            }
            for s in spans.iter().filter(|s| !d.gold.contains(s)) {
                let overl = d.gold.iter().any(|g| s.0 < g.1 && g.0 < s.1);
                if !overl {
                    let ctx = &d.text[d.text.floor_char_boundary(s.0.saturating_sub(30))
                        ..d.text.ceil_char_boundary((s.1 + 20).min(d.text.len()))];
                    eprintln!("conll extra: {:?} in {:?}", &d.text[s.0..s.1], ctx);
                }
            }
        }
        tp += spans.iter().filter(|s| d.gold.contains(s)).count();
    }
    (tp, pred, gold)
}
