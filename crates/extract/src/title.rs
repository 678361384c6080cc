//! Reading an article's title beside its body: whether the body repeats it.

/// Whether `needle` occurs in `haystack` (`needle` not empty). A searcher
/// (`str::contains`, `memchr::memmem::find`) is built anew for each title and
/// showed in the workers' profile, where a title is looked for once in every
/// body and is almost never found: checking where its first byte occurs
/// rejects most places at the second byte. Past [`CANDIDATES`] places (a title
/// of common bytes in a long body) the two-way searcher bounds the work.
pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    /// Places checked one by one before the rest goes to a searcher.
    const CANDIDATES: usize = 32;
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    for (n, at) in memchr::memchr_iter(first, haystack).enumerate() {
        if n == CANDIDATES {
            return memchr::memmem::find(&haystack[at..], needle).is_some();
        }
        let after = &haystack[at + 1..];
        if rest.first().is_none_or(|b| after.first() == Some(b)) && after.starts_with(rest) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn contains_finds_a_title_wherever_it_is_and_only_there() {
        let body = b"Talks in Kabul. The envoy met Kabul's mayor.";
        assert!(contains(body, b"Talks in Kabul"));
        assert!(contains(body, b"Kabul's mayor."));
        assert!(contains(body, b"K"));
        assert!(contains(body, b""));
        assert!(!contains(body, b"Kabul's mayors"));
        assert!(!contains(body, b"Talks in Kabul!"));
        assert!(!contains(b"", b"K"));
        // More places of the first byte than are checked one by one: found
        // past them, and not found where it is not.
        let mut long = "a".repeat(1000);
        assert!(!contains(long.as_bytes(), b"ab"));
        long.push('b');
        assert!(contains(long.as_bytes(), b"ab"));
        assert!(contains(long.as_bytes(), &long.as_bytes()[900..]));
    }
}
