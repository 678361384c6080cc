//! Whose office: a ministry, central bank or court named only by what it does
//! ("Finance Ministry", "Central Bank", "Ministry of Foreign Affairs") is filed
//! under its country, "Finance Ministry (Japan)", so that one facet value is one
//! office and not every finance ministry in the archive at once.
//!
//! The country is the place written next to a mention ("Japan's Finance Ministry",
//! "the Japanese Finance Ministry", "the central bank in Tokyo"); failing that, the
//! one country the article's title names; failing that, the country the article
//! names at least twice as often as any other, which in news is where the story
//! is. Otherwise the office stays as named: a wrong country would be worse than
//! none. A known organisation (the shipped list) keeps its own name.

use crate::lexicon::{Lexicon, MODIFIER, OrgWord, Words};
use crate::places::PlaceHit;
use search_types::countries;

/// Words that say what an office does, not whose it is, besides the title
/// modifiers ("Finance", "Foreign") and organisation heads of the lexicon. Part of
/// the name where they open it ("Federal Home Loan Bank Board").
pub(super) const GENERIC: Words = Words::new(&[
    "Central",
    "Reserve",
    "National",
    "Supreme",
    "Federal",
    "State",
    "General",
    "Public",
    "Affairs",
    "Economic",
    "Economy",
    "Home",
    "Interior",
    "Internal",
    "High",
    "Constitutional",
    "Monetary",
    "Statistics",
    "Statistical",
    "Bureau",
    "of",
    "for",
    "and",
    "the",
    "&",
]);

/// Heads of a state's offices. A bank is one only as a central bank ("Central
/// Bank", "Reserve Bank", "National Bank"): "Commerce Bank" is a company's name.
const OFFICES: Words = Words::new(&[
    "Ministry",
    "Ministries",
    "Department",
    "Office",
    "Bureau",
    "Court",
    "Council",
    "Board",
    "Commission",
    "Committee",
    "Institute",
    "Agency",
    "Authority",
    "Administration",
    "Assembly",
    "Parliament",
    "Cabinet",
    "Tribunal",
    "Directorate",
    "Secretariat",
]);

/// Whether an organisation's name says only what it does: two or more words, each
/// generic, one of them the head of a state's office.
fn generic(name: &str, lex: &Lexicon) -> bool {
    let mut words = 0;
    let mut office = false;
    let mut bank = false;
    let mut central = false;
    for w in name.split_whitespace() {
        words += 1;
        office |= OFFICES.contains(w);
        bank |= w == "Bank";
        central |= matches!(w, "Central" | "Reserve" | "National");
        let known_word = match lex.org_words.get(w).copied() {
            Some(OrgWord::Head) => true,
            Some(_) => return false,
            None => GENERIC.contains(w) || lex.flags(w) & MODIFIER != 0,
        };
        if !known_word {
            return false;
        }
    }
    words >= 2 && (office || (bank && central))
}

/// A possessive's endings ("Japan's", "Japan’s"); a plural's bare apostrophe
/// ("the Philippines' ") is one too beside a country.
const POSSESSIVES: [&str; 2] = ["'s", "\u{2019}s"];

/// The country written next to a mention at `start..end`: just before it, maybe
/// with a possessive ("Japan's", "U.S."), or after it with "in" or "of" ("in
/// Tokyo"). A line break counts as a space: wire copy wraps anywhere.
fn beside(text: &str, places: &[PlaceHit], (start, end): (usize, usize)) -> Option<u16> {
    let blank = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(char::is_whitespace);
    places.iter().find_map(|p| {
        let joined = if p.end <= start {
            let gap = &text[p.end..start];
            let gap = POSSESSIVES
                .iter()
                .chain(&["'"])
                .find_map(|s| gap.strip_prefix(s))
                .unwrap_or(gap);
            blank(gap)
        } else if p.start >= end {
            let mut words = text[end..p.start].split_whitespace();
            matches!(words.next(), Some("in" | "of")) && words.next().is_none()
        } else {
            false
        };
        joined.then_some(p.country)
    })
}

/// Whether the text before `start` ends in a possessive ("the government's ").
fn possessed(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    POSSESSIVES.iter().any(|p| before.ends_with(p))
}

/// Adds the country to the name of each generic, unknown organisation in `orgs`
/// (name, mention spans, whether the shipped list knows it); `places` are the
/// article's place mentions as found, in text order, and `title_country` the one
/// country its title names, if any.
pub(crate) fn qualify(
    text: &str,
    places: &[PlaceHit],
    title_country: Option<u16>,
    lex: &Lexicon,
    orgs: &mut super::Resolved,
) {
    // Most articles name no such office: nothing more is computed for them.
    let mut owners: Vec<(usize, Option<u16>)> = Vec::new();
    for (k, (name, spans, known)) in orgs.iter().enumerate() {
        if *known || !generic(name, lex) {
            continue;
        }
        // The countries written beside the mentions; a mention owned by something
        // else ("the Taliban government's Ministry") or two countries make the
        // words name more than one office here: none is guessed.
        let mut written: Option<u16> = None;
        let mut mixed = false;
        for &span in spans {
            match beside(text, places, span) {
                Some(c) if written.is_none_or(|w| w == c) => written = Some(c),
                Some(_) => mixed = true,
                None => mixed |= possessed(text, span.0),
            }
        }
        if !mixed {
            owners.push((k, written.or(title_country)));
        }
    }
    if owners.is_empty() {
        return;
    }
    let most = if owners.iter().any(|o| o.1.is_none()) {
        named_most(places, orgs)
    } else {
        None
    };
    for (k, owner) in owners {
        if let Some(c) = owner.or(most) {
            let name = &mut orgs[k].0;
            let country = &countries::entries()[usize::from(c)].country.name;
            *name = format!("{name} ({country})");
        }
    }
}

/// The country the article names at least twice as often as any other: a story
/// about two countries ("Japan rejects U.S. objections") does not say whose office
/// it quotes. One named only inside organisations' names ("Bank of England") tells
/// whose they are, not where the story is.
fn named_most(places: &[PlaceHit], orgs: &super::Resolved) -> Option<u16> {
    let inside = |p: &PlaceHit| {
        orgs.iter()
            .flat_map(|o| &o.1)
            .any(|&(s, e)| s <= p.start && p.end <= e)
    };
    // (country, mentions, first mention, named outside a name)
    let mut counts: Vec<(u16, usize, usize, bool)> = Vec::new();
    for p in places {
        let outside = !inside(p);
        match counts.iter_mut().find(|c| c.0 == p.country) {
            Some(c) => {
                c.1 += 1;
                c.2 = c.2.min(p.start);
                c.3 |= outside;
            }
            None => counts.push((p.country, 1, p.start, outside)),
        }
    }
    counts.retain(|c| c.3);
    counts.sort_by_key(|c| (std::cmp::Reverse(c.1), c.2));
    match counts[..] {
        [] => None,
        [(c, ..)] => Some(c),
        [(c, n, ..), (_, m, ..), ..] => (n >= 2 * m).then_some(c),
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::ex;

    fn orgs(text: &str) -> Vec<String> {
        ex(text).organizations.into_iter().map(|o| o.name).collect()
    }

    #[test]
    fn an_office_takes_the_country_written_beside_it() {
        assert_eq!(
            orgs("Japan's Finance Ministry said so, and the Mexican Foreign Ministry agreed."),
            ["Finance Ministry (Japan)", "Foreign Ministry (Mexico)"]
        );
        assert_eq!(
            orgs("Officials at the Finance Ministry in Tokyo said the yen would rise."),
            ["Finance Ministry (Japan)"]
        );
        // Wrapped as wire copy is.
        assert_eq!(
            orgs("Officials at Japan's\nFinance Ministry said the yen would rise."),
            ["Finance Ministry (Japan)"]
        );
    }

    #[test]
    fn failing_that_the_country_named_most() {
        assert_eq!(
            orgs("The Finance Ministry will sell French bonds, Paris said after talks with Italy."),
            ["Finance Ministry (France)"]
        );
        // No country: the office stays as named; a company is no office.
        assert_eq!(
            orgs("The Finance Ministry said it would sell bonds, and Chemical Bank agreed."),
            ["Finance Ministry", "Chemical Bank"]
        );
    }

    #[test]
    fn one_name_for_two_offices_takes_no_country() {
        assert_eq!(
            orgs(
                "Muttaqi heads the Taliban government's Ministry of Foreign Affairs. \
                  A letter came from Azerbaijan's Ministry of Foreign Affairs."
            ),
            ["Taliban", "Ministry of Foreign Affairs"]
        );
        assert_eq!(
            orgs("Japan's Finance Ministry met France's Finance Ministry."),
            ["Finance Ministry"]
        );
    }

    #[test]
    fn names_and_known_organisations_keep_their_own() {
        // A company cut short, a named body, and a known office of the shipped list.
        assert_eq!(
            orgs("In Japan, Nippon Oil Co, the Bank of Japan and the Agriculture Department met."),
            ["Nippon Oil Co", "Bank of Japan", "Agriculture Department"]
        );
    }
}
