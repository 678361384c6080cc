//! TimeBank 1.2 (TempEval-3 cleaned): DATE values at day, month or year precision
//! and TIME values as their day, the document's `<DCT>` as publication date.

use std::path::Path;

use search_extract::{Extractor, PartialDate};

pub struct Doc {
    pub text: String,
    pub dct: Option<PartialDate>,
    /// Gold DATE TIMEX3s with a calendar value, and TIME ones with a day, as their day:
    /// (start, end, value), byte spans in `text`.
    pub gold: Vec<(usize, usize, PartialDate)>,
    /// Gold DATE TIMEX3s with other values (`1988-Q3`, `1998-W02`, `PRESENT_REF`).
    pub other: Vec<(usize, usize, String)>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let a = tag.find(&key)? + key.len();
    tag[a..].find('"').map(|b| &tag[a..a + b])
}

/// The TEXT part with its tags stripped and entities decoded, and its DATE TIMEX3s.
fn parse(raw: &str) -> Doc {
    let dct = raw
        .find("<DCT>")
        .and_then(|a| attr(&raw[a..], "value"))
        // A DCT may carry a clock time: "1990-08-15T13:37".
        .and_then(|v| v.get(..10).unwrap_or(v).parse().ok());
    let body = raw
        .find("<TEXT>")
        .map(|a| &raw[a + 6..])
        .map(|b| b.find("</TEXT>").map_or(b, |e| &b[..e]))
        .unwrap_or("");
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut other = Vec::new();
    let mut open: Option<(usize, Option<&str>)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            if tag.starts_with("<TIMEX3") {
                // A time of day counts as its day ("Saturday night",
                // 1991-02-23TNI), as the measure has it.
                let value = match attr(tag, "type") {
                    Some("DATE") => attr(tag, "value"),
                    Some("TIME") => attr(tag, "value")
                        .and_then(|v| v.split_once('T'))
                        .map(|(day, _)| day)
                        .filter(|day| day.len() == 10),
                    _ => None,
                };
                open = Some((text.len(), value));
            } else if tag.starts_with("</TIMEX3")
                && let Some((s, Some(v))) = open.take()
            {
                match v.parse() {
                    Ok(d) => gold.push((s, text.len(), d)),
                    Err(_) => other.push((s, text.len(), v.to_string())),
                }
            }
            rest = &rest[end..];
        } else if rest.starts_with('&') {
            let (c, n) = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&apos;", '\''),
            ]
            .iter()
            .find(|(e, _)| rest.starts_with(e))
            .map_or(('&', 1), |(e, c)| (*c, e.len()));
            text.push(c);
            rest = &rest[n..];
        } else {
            let n = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..n]);
            rest = &rest[n..];
        }
    }
    Doc {
        text,
        dct,
        gold,
        other,
    }
}

pub fn read(dir: &Path) -> std::io::Result<Vec<Doc>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).map(|raw| parse(&raw)))
        .collect()
}

/// Counts: (gold recalled, gold, predicted correct, predicted, predicted coarser); a
/// mention is correct when it overlaps a gold DATE with the same value, and coarser
/// when it overlaps a gold DATE whose value lies inside its own (our `1988` over a
/// gold `1988-Q3`: right, at a precision we do not give).
pub fn score(docs: &[Doc], ex: &Extractor) -> (usize, usize, usize, usize, usize) {
    let (mut rec, mut gold, mut ok, mut pred, mut coarse) = (0, 0, 0, 0, 0);
    for d in docs {
        let e = ex.extract(&d.text, d.dct);
        let found: Vec<(usize, usize, PartialDate)> = e
            .dates
            .iter()
            .flat_map(|x| x.mentions.iter().map(move |m| (m.start, m.end, x.value)))
            .collect();
        let hit = |a: &(usize, usize, PartialDate), b: &(usize, usize, PartialDate)| {
            a.0 < b.1 && b.0 < a.1 && a.2 == b.2
        };
        gold += d.gold.len();
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            for g in d.gold.iter().filter(|g| !found.iter().any(|f| hit(f, g))) {
                let near: Vec<String> = found
                    .iter()
                    .filter(|f| f.0 < g.1 && g.0 < f.1)
                    .map(|f| f.2.to_string())
                    .collect();
                let dct = d.dct.map(|x| x.to_string()).unwrap_or_default();
                eprintln!(
                    "timebank miss: {:?} = {} (dct {dct}) got {near:?}",
                    &d.text[g.0..g.1],
                    g.2
                );
            }
            for f in found.iter().filter(|f| !d.gold.iter().any(|g| hit(f, g))) {
                eprintln!("timebank extra: {:?} = {}", &d.text[f.0..f.1], f.2);
            }
        }
        rec += d
            .gold
            .iter()
            .filter(|g| found.iter().any(|f| hit(f, g)))
            .count();
        pred += found.len();
        ok += found
            .iter()
            .filter(|f| d.gold.iter().any(|g| hit(f, g)))
            .count();
        coarse += found
            .iter()
            .filter(|f| !d.gold.iter().any(|g| hit(f, g)))
            .filter(|f| {
                let v = f.2.to_string();
                d.other
                    .iter()
                    .any(|o| f.0 < o.1 && o.0 < f.1 && o.2.starts_with(&v))
            })
            .count();
    }
    (rec, gold, ok, pred, coarse)
}
