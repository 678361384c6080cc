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
        // Each piece of the article's text is decoded and made printable on
        // its own, so that neither an escaped `&lt;b&gt;` nor a control
        // character of the article can pass for a mark or drive the terminal.
        let mut out = String::new();
        for (i, bold) in html.split("<b>").enumerate() {
            let (marked, rest) = match (i, bold.split_once("</b>")) {
                (0, _) | (_, None) => ("", bold),
                (_, Some(pair)) => pair,
            };
            if !marked.is_empty() {
                out.push_str(on);
                out.push_str(&printable(&spaced(&unescape_html(marked))));
                out.push_str(off);
            }
            out.push_str(&printable(&spaced(&unescape_html(rest))));
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Text from an article or a file name as a terminal may show it: control
/// characters (an escape sequence that would set the clipboard or clear the
/// screen, a carriage return that would overwrite the line) escaped as `\u{1b}`,
/// so nothing in an article can drive the terminal.
pub fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whitespace of any kind (line breaks, tabs) as spaces.
fn spaced(s: &str) -> String {
    s.replace(char::is_whitespace, " ")
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
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}]52;c;x\u{7}b"), "a\\u{1b}]52;c;x\\u{7}b");
        assert_eq!(printable("plain Ünïcode"), "plain Ünïcode");
        let s = Style { color: false };
        assert_eq!(
            s.snippet("x <b>a\u{1b}[2J</b> &lt;b&gt;y\u{9b}"),
            "x *a\\u{1b}[2J* <b>y\\u{9b}"
        );
    }

    #[test]
    fn colour_uses_ansi_bold() {
        let s = Style { color: true };
        assert_eq!(s.snippet("<b>x</b>"), "\x1b[1mx\x1b[0m");
        assert_eq!(s.bold("t"), "\x1b[1mt\x1b[0m");
    }
}
