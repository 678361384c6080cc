//! Terminal styling: ANSI bold and dim, only on a terminal and never with NO_COLOR.

use std::io::IsTerminal;

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

    /// Turns a snippet's `<b>…</b>` highlights into bold (or `*…*` without colour)
    /// and decodes the HTML entities the snippet generator escaped.
    pub fn snippet(&self, html: &str) -> String {
        let (on, off) = if self.color {
            ("\x1b[1m", "\x1b[0m")
        } else {
            ("*", "*")
        };
        let text = html.replace("<b>", on).replace("</b>", off);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        unescape_html(&text)
    }
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_without_colour_mark_matches_with_stars() {
        let s = Style { color: false };
        assert_eq!(
            s.snippet("met <b>Muttaqi</b>\n in &quot;Kabul&quot; &amp; Tehran"),
            "met *Muttaqi* in \"Kabul\" & Tehran"
        );
    }

    #[test]
    fn colour_uses_ansi_bold() {
        let s = Style { color: true };
        assert_eq!(s.snippet("<b>x</b>"), "\x1b[1mx\x1b[0m");
        assert_eq!(s.bold("t"), "\x1b[1mt\x1b[0m");
    }
}
