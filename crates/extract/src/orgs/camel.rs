//! Companies written as one word with a capital inside: "OpenAI", "SpaceX",
//! "BankAmerica", "PaineWebber", "WestLB". Persons' names have such capitals only
//! after a prefix ("McDonald", "MacArthur", "DiMaggio", "LeBron", "DeSantis",
//! "O'Neill"), and places almost never; so a word of this shape that is no given
//! name names an organisation.

/// Prefixes after which a capital is a person's ("McCain") or a place's
/// ("LaGuardia"): matched case-sensitively at the start of the word.
const NAME_PREFIXES: [&str; 14] = [
    "Mc", "Mac", "Di", "De", "Da", "Le", "La", "Van", "Von", "Du", "Fitz", "St", "Al", "El",
];

/// Whether `word` is written like a company's one-word name: ASCII letters and
/// digits, a capital first, and a capital after a lower-case letter that no name
/// prefix explains ("SpaceX", "BlackRock"; not "McCain", "DeSantis").
pub(crate) fn is_camel_case_name(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_uppercase() {
        return false;
    }
    // Asked of every capitalised word the lexicon does not know: the capital
    // inside first, which most words lack, in one scan.
    let Some(inner) =
        (2..b.len()).find(|&k| b[k].is_ascii_uppercase() && b[k - 1].is_ascii_lowercase())
    else {
        return false;
    };
    b.iter().all(u8::is_ascii_alphanumeric)
        && !NAME_PREFIXES
            .iter()
            .any(|p| p.len() == inner && word.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_inside_a_word_that_no_name_prefix_explains() {
        for w in [
            "OpenAI",
            "SpaceX",
            "BankAmerica",
            "PaineWebber",
            "WestLB",
            "BlackRock",
        ] {
            assert!(is_camel_case_name(w), "{w}");
        }
        for w in [
            "McCain",
            "MacArthur",
            "DiMaggio",
            "LeBron",
            "DeSantis",
            "LaGuardia",
            "Kabul",
            "NATO",
            "IBM",
            "iPhone",
            "Al",
            "VanDyke",
        ] {
            assert!(!is_camel_case_name(w), "{w}");
        }
    }
}
