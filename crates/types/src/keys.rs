//! How values are keyed in the index: names for the person and organisation
//! filters, dates for the range filters, date buckets for the date facet. The
//! index writer, the query filters and the tests call these functions and no
//! copy of them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::PartialDate;

/// The key a person or organisation name (or an alias of one) is stored and
/// looked up under: lower case, accents folded (`José` → `jose`, `Muttaqī` →
/// `muttaqi`, `Łódź` → `lodz`), compatibility forms unified (ligatures,
/// full-width letters), and every run of whitespace (a no-break space, a tab, a
/// line break) one space, none at either end.
///
/// ```
/// use search_types::keys::name_key;
///
/// assert_eq!(name_key("  Amir\u{a0}Khan\n\tMUTTAQĪ "), "amir khan muttaqi");
/// assert_eq!(name_key("José Sarney"), name_key("Jose Sarney"));
/// assert_eq!(name_key("Søren Straße"), "soren strasse");
/// assert_eq!(name_key(""), "");
/// ```
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_name_key(&mut out, name);
    out
}

/// Appends the [`name_key`] of `name` to `out`: the index writer keys every
/// mention of every name into one buffer per article, not a string each.
///
/// ```
/// use search_types::keys::push_name_key;
///
/// let mut out = String::from("x|");
/// push_name_key(&mut out, " Amir\u{a0}Khan ");
/// assert_eq!(out, "x|amir khan");
/// ```
pub fn push_name_key(out: &mut String, name: &str) {
    if name.is_ascii() {
        return push_ascii_name_key(out, name);
    }
    let start = out.len();
    let mut pending_space = false;
    // Decompose first, so that accents become combining marks to drop and a
    // no-break space a space; then lower-case what is left.
    for c in name.nfkd() {
        if c.is_whitespace() {
            pending_space = out.len() > start;
            continue;
        }
        if is_combining_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for lower in c.to_lowercase() {
            match unaccented(lower) {
                Some(ascii) => out.push_str(ascii),
                None => out.push(lower),
            }
        }
    }
}

/// [`push_name_key`] of an ASCII name, the common case: ASCII is its own NFKD
/// form and has no combining marks, so only case and spaces change. Byte for
/// byte the general path's result (the tests compare the two), at a fraction
/// of its cost: the index writer keys every mention of every name.
fn push_ascii_name_key(out: &mut String, name: &str) {
    let start = out.len();
    // Most names are spaced already: only their case changes.
    if already_spaced(name) {
        out.push_str(name);
        out[start..].make_ascii_lowercase();
        return;
    }
    // By bytes: `split_whitespace` decodes every character to test it.
    let mut pending_space = false;
    for &b in name.as_bytes() {
        if is_ascii_space(b) {
            pending_space = out.len() > start;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// The ASCII bytes `char::is_whitespace` holds to be space: the space, and tab
/// to carriage return (vertical tab and form feed included, unlike
/// `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// A name as a facet shows it: every run of whitespace (a no-break space, a
/// line break) one space, none at either end; case and accents kept. The index
/// writer stores person and organisation names this way, so "José\u{a0}Sarney"
/// and "José Sarney" are one facet value.
///
/// ```
/// use search_types::keys::display_name;
///
/// assert_eq!(display_name(" José\u{a0}Sarney\n"), "José Sarney");
/// ```
pub fn display_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_display_name(&mut out, name);
    out
}

/// Appends the [`display_name`] of `name` to `out`.
pub fn push_display_name(out: &mut String, name: &str) {
    // Most names are already so: copied as they are.
    if already_spaced(name) {
        return out.push_str(name);
    }
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Whether `name` is as [`display_name`] gives it: single spaces between its
/// words, none at either end, no other whitespace. An ASCII name is tested in
/// one pass over its bytes.
fn already_spaced(name: &str) -> bool {
    if !name.is_ascii() {
        return !name.contains(|c: char| c.is_whitespace() && c != ' ')
            && !name.contains("  ")
            && !name.starts_with(' ')
            && !name.ends_with(' ');
    }
    let bytes = name.as_bytes();
    let mut after_space = true;
    for &b in bytes {
        if is_ascii_space(b) {
            if b != b' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || bytes.is_empty()
}

/// Latin letters whose accent or stroke Unicode does not decompose.
fn unaccented(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => return None,
    })
}

/// A date's range-filter key, by its precision: days since 1970-01-01, months
/// since year 0 ([`month_key`]) or the year. Each precision has a field of its
/// own, so that "the date lies within `[from, to]`" is one range per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKey {
    /// A date known to the day: days since 1970-01-01.
    Day(i64),
    /// A date known to the month: [`month_key`].
    Month(i64),
    /// A date known only to the year: the year.
    Year(i64),
}

/// The range-filter key of a date.
///
/// ```
/// use search_types::keys::{DateKey, date_key, month_key};
///
/// assert_eq!(date_key(&"2021-08".parse().unwrap()), DateKey::Month(month_key(2021, 8)));
/// assert_eq!(date_key(&"1970-01-02".parse().unwrap()), DateKey::Day(1));
/// assert_eq!(date_key(&"2021".parse().unwrap()), DateKey::Year(2021));
/// ```
pub fn date_key(date: &PartialDate) -> DateKey {
    match (date.month_part(), date.day_part()) {
        (Some(_), Some(_)) => DateKey::Day(date.first_day()),
        (Some(month), None) => DateKey::Month(month_key(date.year_part(), month)),
        _ => DateKey::Year(i64::from(date.year_part())),
    }
}

/// Months since January of year 0: `year * 12 + month - 1`.
pub fn month_key(year: i32, month: u8) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// The bucket a date is counted under in the date facet: `YYYY-MM` for a date
/// known to the day or the month, `YYYY` for a year alone.
///
/// ```
/// use search_types::keys::date_bucket;
///
/// assert_eq!(date_bucket(&"2025-12-17".parse().unwrap()), "2025-12");
/// assert_eq!(date_bucket(&"2021".parse().unwrap()), "2021");
/// ```
pub fn date_bucket(date: &PartialDate) -> String {
    let mut out = String::with_capacity(7);
    push_date_bucket(&mut out, date);
    out
}

/// Appends the [`date_bucket`] of `date` to `out`.
pub fn push_date_bucket(out: &mut String, date: &PartialDate) {
    use std::fmt::Write;
    // Writing to a `String` cannot fail.
    let _ = write!(out, "{}", date.truncate_to_month());
}

/// The spellings of the Arabic article that a hyphen joins to a name ("al-Assad",
/// "el-Sisi", "ash-Shara"), in lower case.
pub const ARABIC_ARTICLES: [&str; 15] = [
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul", "ed", "es", "et", "ez",
];

/// The name a word (a name's key word, or a word as written) holds after its
/// joined Arabic article, in any case: `al-assad` → `assad`; `None` for a word
/// without one. A bare "Assad" is the surname of "Bashar al-Assad".
///
/// ```
/// use search_types::keys::without_arabic_article;
///
/// assert_eq!(without_arabic_article("al-assad"), Some("assad"));
/// assert_eq!(without_arabic_article("Al-Sisi"), Some("Sisi"));
/// assert_eq!(without_arabic_article("jean-luc"), None);
/// assert_eq!(without_arabic_article("al-"), None);
/// ```
pub fn without_arabic_article(word: &str) -> Option<&str> {
    let (article, name) = word.split_once('-')?;
    (ARABIC_ARTICLES
        .iter()
        .any(|a| a.eq_ignore_ascii_case(article))
        && name.chars().next().is_some_and(char::is_alphabetic))
    .then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_fold_case_accents_and_every_kind_of_space() {
        for form in [
            "José Sarney",
            "jose sarney",
            "JOSE SARNEY",
            "José\u{a0}Sarney",
            "Jose\u{2009}Sarney",
            "José\tSarney",
            "José\r\nSarney",
            " José   Sarney ",
            "Jose\u{301} Sarney", // the accent as a combining mark
        ] {
            assert_eq!(name_key(form), "jose sarney", "{form:?}");
        }
        assert_eq!(name_key("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(name_key("Lech Wałęsa"), "lech walesa");
        assert_eq!(name_key("ＮＡＴＯ"), "nato");
        assert_eq!(name_key("Владимир Путин"), "владимир путин");
        assert_eq!(name_key(" \u{a0}\n"), "");
    }

    /// The general path of `name_key`, without the ASCII shortcut.
    fn general_name_key(name: &str) -> String {
        let mut padded = String::from("\u{e9}");
        padded.push_str(name);
        let key = name_key(&padded);
        key.strip_prefix('e')
            .unwrap_or(&key)
            .trim_start()
            .to_string()
    }

    #[test]
    fn the_ascii_shortcut_keys_as_the_general_path_does() {
        let mut names: Vec<String> = [
            "Ronald Reagan",
            "  JOSE\tSARNEY\r\n",
            "U.N. Security-Council",
            "a\x0bb\x0cc",
            "O'Neill  Jr.",
            "",
            " ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every ASCII character once, between letters.
        names.extend((0u8..128).map(|b| format!("Ab{}Cd", b as char)));
        for name in &names {
            assert!(name.is_ascii());
            let mut ascii = String::new();
            push_ascii_name_key(&mut ascii, name);
            assert_eq!(ascii, general_name_key(name), "{name:?}");
        }
    }

    #[test]
    fn a_key_or_a_shown_name_appended_to_text_is_the_one_made_alone() {
        for name in [
            "  JOSE\tSARNEY\r\n",
            " ",
            "",
            "Amir\u{a0}Khan\nMuttaqī",
            "\u{a0}Łódź  Ærø ",
            "Ronald Reagan",
        ] {
            // After text that ends in a letter and after text that ends in a
            // space: a leading space of the name is dropped either way.
            for before in ["x", "x "] {
                let mut key = String::from(before);
                push_name_key(&mut key, name);
                assert_eq!(key, format!("{before}{}", name_key(name)), "{name:?}");
                let mut shown = String::from(before);
                push_display_name(&mut shown, name);
                assert_eq!(shown, format!("{before}{}", display_name(name)), "{name:?}");
            }
        }
    }

    #[test]
    fn a_name_already_spaced_is_shown_as_it_is() {
        for name in [
            "José Sarney",
            "Ronald Reagan",
            " Ronald Reagan",
            "Ronald Reagan ",
            "Ronald  Reagan",
            "Ronald\u{a0}Reagan",
            "Ronald\nReagan",
            "Ronald\x0bReagan",
            "Ronald \tReagan",
            "",
            " ",
            "  ",
            "Reagan",
            "R",
        ] {
            let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(display_name(name), joined, "{name:?}");
        }
    }

    #[test]
    fn a_key_is_its_own_key() {
        for s in ["Łódź  Ærø", "Muttaqī", "İstanbul Œuvre", "a\u{a0}\u{a0}b"] {
            let k = name_key(s);
            assert_eq!(name_key(&k), k, "{s:?}");
        }
    }
}
