//! Text from an article, a file name or a user's request as a terminal or a
//! one-line message may show it.

use std::borrow::Cow;

/// `s` with its control characters escaped (`\n`, `\u{1b}`): an escape
/// sequence that would set the clipboard or clear the screen, a carriage
/// return that would overwrite the line, a newline that would break a
/// one-line message. Everything else, any script, is kept as it is.
///
/// ```
/// use search_types::display::printable;
///
/// assert_eq!(printable("a\u{1b}]52;c;x\u{7}b\n"), "a\\u{1b}]52;c;x\\u{7}b\\n");
/// assert_eq!(printable("plain Ünïcode"), "plain Ünïcode");
/// ```
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
