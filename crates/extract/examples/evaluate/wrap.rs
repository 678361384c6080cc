//! Text as it comes: the same Reuters stories unwrapped (one paragraph per line)
//! and hard-wrapped at 70 columns, as wire copy and e-mail are, must give the same
//! persons.

use std::collections::BTreeSet;

use search_extract::Extractor;

use crate::reuters::Story;

/// The story's paragraphs, each on one line: Reuters bodies come wrapped at about
/// 65 columns, a paragraph starting on an indented line.
pub fn unwrap(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let starts_paragraph = line.starts_with(char::is_whitespace) || line.trim().is_empty();
        let line = line.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        match paragraphs.last_mut() {
            Some(p) if open && !starts_paragraph => {
                p.push(' ');
                p.push_str(line);
            }
            _ => paragraphs.push(line.to_string()),
        }
        open = true;
    }
    paragraphs.join("\n")
}

/// Each line of `text` wrapped greedily at `width` columns (characters).
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 60);
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut col = 0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let len = word.chars().count();
            if col > 0 && col + 1 + len > width {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += len;
        }
    }
    out
}

fn names(ex: &Extractor, text: &str) -> BTreeSet<String> {
    ex.extract(text, None)
        .persons
        .into_iter()
        .map(|p| p.name)
        .collect()
}

/// (stories with the same persons both ways, stories, of which with any person).
pub fn score(stories: &[Story], ex: &Extractor) -> (usize, usize, usize, usize) {
    let (mut same, mut with, mut same_with) = (0, 0, 0);
    for s in stories {
        let flat = unwrap(&s.text);
        let wrapped = wrap(&flat, 70);
        let a = names(ex, &flat);
        let b = names(ex, &wrapped);
        let any = !a.is_empty() || !b.is_empty();
        with += usize::from(any);
        if a == b {
            same += 1;
            same_with += usize::from(any);
        } else if std::env::var_os("EVAL_VERBOSE").is_some() {
            let only_a: Vec<_> = a.difference(&b).collect();
            let only_b: Vec<_> = b.difference(&a).collect();
            eprintln!("wrap differs: unwrapped only {only_a:?}, wrapped only {only_b:?}");
        }
    }
    (same, stories.len(), same_with, with)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_paragraphs_and_wraps_at_width() {
        let text = "Head Line\n\nFirst line\nof one.\n    Second\nparagraph.";
        assert_eq!(
            unwrap(text),
            "Head Line\nFirst line of one.\nSecond paragraph."
        );
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
    }
}
