//! Terminal styling: ANSI bold and dim, only on a terminal and never with NO_COLOR.

use std::io::IsTerminal;

use search_query::Snippet;
pub use search_types::display::printable;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colour for standard output, when it is a terminal and NO_COLOR is unset
    /// (<https://no-color.org>: any non-empty value disables colour).
    pub fn stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    pub fn bold(&self, s: &str) -> String {
        self.wrap(s, "1")
    }

    pub fn dim(&self, s: &str) -> String {
        self.wrap(s, "2")
    }

    pub fn accent(&self, s: &str) -> String {
        self.wrap(s, "36")
    }

    fn wrap(&self, s: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A snippet with its highlights in bold (or `*…*` without colour), from
    /// the snippet's ranges; every piece made printable on its own, so that no
    /// control character of the article can drive the terminal.
    pub fn snippet(&self, snippet: &Snippet) -> String {
        let (on, off) = if self.color {
            ("\x1b[1m", "\x1b[0m")
        } else {
            ("*", "*")
        };
        let mut out = String::new();
        for (piece, marked) in snippet.parts() {
            if marked {
                out.push_str(on);
                out.push_str(&printable(piece));
                out.push_str(off);
            } else {
                out.push_str(&printable(piece));
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one highlight is a list of one
mod tests {
    use super::*;

    #[test]
    fn snippets_without_colour_mark_matches_with_stars() {
        let s = Style { color: false };
        let text = "met Muttaqi in \"Kabul\" & <b>Tehran</b>";
        let snippet = Snippet::new(text, vec![4..11, 28..34]).unwrap();
        assert_eq!(
            s.snippet(&snippet),
            "met *Muttaqi* in \"Kabul\" & <b>*Tehran*</b>"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let s = Style { color: false };
        let snippet = Snippet::new("x a\u{1b}[2J y\u{9b}", vec![2..7]).unwrap();
        assert_eq!(s.snippet(&snippet), "x *a\\u{1b}[2J* y\\u{9b}");
    }

    #[test]
    fn colour_uses_ansi_bold() {
        let s = Style { color: true };
        let snippet = Snippet::new("x y", vec![0..1]).unwrap();
        assert_eq!(s.snippet(&snippet), "\x1b[1mx\x1b[0m y");
        assert_eq!(s.bold("t"), "\x1b[1mt\x1b[0m");
    }
}
