//! Person names: runs of capitalised words (with name particles), stripped of
//! honorifics and titles, kept when some evidence says they name a person (a title
//! or role noun before them, a speech verb, an apposition, a known given name), then
//! resolved within the article so that a bare "Muttaqi" files under "Amir Khan Muttaqi".

use std::borrow::Cow;

mod resolve;
mod runs;

use resolve::resolve;
use runs::{continues_name, starts_name};

use crate::capitals::{Cursor, one_byte};
use crate::lexicon::{GIVEN, Lexicon, MODIFIER, ORG, STOP, TITLE, Words, month, weekday};
use crate::text::{Case, Kind, Token, lower_word_in, possessive_at, title_case};

/// Verbs after a name that make it the speaker: "Laessing said".
const SPEECH_AFTER: Words = Words::new(&[
    "said",
    "says",
    "told",
    "added",
    "noted",
    "stated",
    "wrote",
    "argued",
    "explained",
    "warned",
    "insisted",
    "declared",
    "announced",
    "claimed",
    "stressed",
    "emphasized",
    "emphasised",
    "confirmed",
    "denied",
    "replied",
    "urged",
    "asked",
    "tweeted",
    "posted",
    "thanked",
    "acknowledged",
    "admitted",
    "recalled",
    "predicted",
    "suggested",
    "conceded",
]);

/// Words before a name that make it the speaker or source: "said Muttaqi".
const SPEECH_BEFORE: Words = Words::new(&["said", "says", "quoted", "quoting"]);

type Spans = Vec<(usize, usize)>;

thread_local! {
    /// [`find`]'s list of runs without evidence, kept between articles.
    static UNSURE: std::cell::Cell<Spans> = const { std::cell::Cell::new(Vec::new()) };
    /// [`find`]'s list of the words before organisation words, kept the same way.
    static ORG_NAMED: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A word of a name as matched across the article: borrowed from the text, owned
/// only when a line in capitals had it title-cased.
pub(crate) type Word<'t> = Cow<'t, str>;

/// Person mentions of one article: canonical name and the byte spans of its mentions.
pub(crate) type Resolved = Vec<(String, Vec<(usize, usize)>)>;

/// A name found in the text, before resolution.
#[derive(Debug, Clone)]
pub(crate) struct Found<'t> {
    /// Token range of the name itself (titles excluded).
    pub first: usize,
    pub last: usize,
    /// Normalised words of the name, for matching mentions across the article.
    pub words: Vec<Word<'t>>,
}

/// Person mentions of one text, resolved: (canonical name, mention spans).
pub(crate) fn find(
    text: &str,
    tokens: &[Token],
    caps: &[usize],
    is_place: &[bool],
    flags: &[u8],
    lex: &Lexicon,
) -> Resolved {
    // Room for what most articles hold: growing from empty reallocated three or
    // four times an article. The runs without evidence, as token ranges, in a list
    // the thread keeps from one article to the next (no allocation each time).
    let mut found = Vec::with_capacity(16);
    let mut unsure = UNSURE.take();
    unsure.clear();
    // Words the article also writes before an organisation word ("Gencor Ltd",
    // "Cofinec SA"): on their own elsewhere they name that organisation. Listed (as
    // token indices, in the thread's list) on the first name of one word, which
    // nearly every article reaches.
    let mut org_names: Option<Vec<usize>> = None;
    let org_names_of = || -> Vec<usize> {
        let mut list = ORG_NAMED.take();
        list.clear();
        // Only capitalised words carry flags.
        list.extend(
            caps.iter()
                .copied()
                .filter(|&k| k >= 1 && flags[k] & ORG != 0 && tokens[k - 1].kind == Kind::Word)
                .filter(|&k| tokens[k - 1].is_cap() && !tokens[k].line_start)
                .map(|k| k - 1),
        );
        list
    };
    // A name starts at a capitalised word.
    let mut at = Cursor::new(caps);
    let mut i = 0;
    while let Some(c) = at.from(i) {
        i = c;
        if !starts_name(text, tokens, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len() && continues_name(text, tokens, flags, j) {
            j += 1;
        }
        if let Some((f, evidence)) =
            judge(text, tokens, is_place, flags, lex, i, j).filter(|(f, _)| {
                f.first != f.last
                    || !org_names
                        .get_or_insert_with(org_names_of)
                        .iter()
                        .any(|&k| tokens[k].text(text) == tokens[f.first].text(text))
            })
        {
            if evidence {
                found.push(f);
            } else {
                unsure.push((f.first, f.last));
            }
        }
        i = j;
    }
    if let Some(list) = org_names {
        ORG_NAMED.set(list);
    }
    // A run without evidence of its own that repeats a name found elsewhere in the
    // article, whole or in part ("meeting with Sirajuddin Haqqani", "Muttaqi thanked").
    if found.is_empty() {
        UNSURE.set(unsure);
        return Vec::new();
    }
    let mut repeats = Vec::new();
    for &(first, last) in &unsure {
        // Compared word by word in place: most such runs repeat no name, and only
        // those that do need their words kept.
        let words = || words_in(text, tokens, first, last);
        let n = words().count();
        let promoted = (n >= 2 && between_names(text, tokens, &found, first, last))
            || scorecard_name(text, tokens, first, last)
            || after_age(text, tokens, first)
            || found.iter().any(|k| {
                k.words.len() >= n
                    && k.words
                        .windows(n)
                        .any(|w| w.iter().zip(words()).all(|(a, b)| *a == b))
            });
        if promoted {
            repeats.push(Found {
                first,
                last,
                words: words().collect(),
            });
        }
    }
    UNSURE.set(unsure);
    found.append(&mut repeats);
    let mut resolved = resolve(text, tokens, caps, is_place, flags, lex, found);
    // Two rules for names of one word, asked in one pass, and one for names that
    // open with the Arabic article: a person's name opens with the given name
    // ("Bashar al-Assad"), a newspaper's with the article ("al-Qabas", "the daily
    // al-Ittihad"), and "al-Khalifa al-Sabah" alone is a fragment.
    resolved.retain(|(name, spans)| {
        if crate::text::joined_article(name.as_bytes()) {
            return false;
        }
        if name.contains(' ') {
            return true;
        }
        // A one-word name that the article once places as a town ("the village of
        // Mahala", "the disputed Nagorno-Karabakh region") or speaks of as a business
        // ("Cofinec CEO Stephen Frater", "shares of Jones") is that throughout.
        if spans
            .iter()
            .any(|&(s, e)| named_as_thing(text, tokens, s, e))
        {
            return false;
        }
        // A given name alone ("Richard", "Clayton") with no title is a fragment of
        // some name, not a person's value; after a title it is the name the person
        // goes by ("Mr James", "President Clinton", "Queen Beatrix").
        lex.flags(name) & GIVEN == 0
            || spans.iter().any(|&(s, _)| {
                let k = tokens.partition_point(|t| t.start() < s);
                let mut p = k;
                while p > 0 && tokens[p - 1].text(text) == "." {
                    p -= 1;
                }
                p > 0 && flags[p - 1] & TITLE != 0
            })
    });
    resolved
}

/// Nouns for a place that name it after "of" ("the town of Arbil") or before
/// themselves ("the Nagorno-Karabakh region").
const PLACE_NOUNS: &[&str] = &[
    "town", "village", "city", "region", "province", "district", "port", "county", "enclave",
];

/// Words after a business's name that no person's takes: "Cofinec CEO", "Jones
/// stock", "Zycie Warszawy daily".
const BUSINESS_AFTER: &[&str] = &[
    "CEO",
    "stock",
    "shares",
    "shareholders",
    "daily",
    "newspaper",
];

/// Words that end a phrase before a business's name: "shares of Jones", "a stake
/// in Comelf", "the general manager of Petofi".
const BUSINESS_BEFORE: &[&[&str]] = &[
    &["shares", "of"],
    &["stake", "in"],
    &["manager", "of"],
    &["executive", "of"],
    &["director", "of"],
];

/// Whether the mention at bytes `start..end` is spoken of as a place ("the
/// village of Mahala", "the Nagorno-Karabakh region") or a business ("Cofinec
/// CEO", "shares of Jones").
fn named_as_thing(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let first = tokens.partition_point(|t| t.start() < start);
    let last = tokens.partition_point(|t| t.end() <= end);
    let word = |k: usize| tokens.get(k).map(|t| t.text(text));
    let place_noun = |k: usize| word(k).is_some_and(|w| PLACE_NOUNS.contains(&w));
    let placed =
        (first >= 2 && word(first - 1) == Some("of") && place_noun(first - 2)) || place_noun(last);
    placed
        || word(last).is_some_and(|w| BUSINESS_AFTER.contains(&w))
        || BUSINESS_BEFORE.iter().any(|phrase| {
            first >= phrase.len()
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(n, w)| word(first - phrase.len() + n) == Some(*w))
        })
}

/// Whether a run starting at token `first` comes right after an age written
/// before a name ("20-year-old Tiger Woods", "the nine-year-old Sake"): only a
/// person (or an animal with a name) is given one so.
fn after_age(text: &str, tokens: &[Token], first: usize) -> bool {
    first >= 1
        && tokens[first - 1]
            .text(text)
            .strip_suffix("-old")
            .is_some_and(|age| age.ends_with("year") || age.ends_with("years"))
}

/// Whether tokens `first..=last` are a player's name in a cricket scorecard, a
/// notation that says so: before a bowler's figures, overs-maidens-runs-wickets
/// ("Hollioake 6-1-23-4"; a run before a part over, "6.5-1-23-4", is not reached
/// here: the judge rules it out first), or after "c", "b" or "st" and before a score or "b"
/// ("c Tillekeratne b Dharmasena 13").
fn scorecard_name(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let is = |k: usize, s: &str| tokens.get(k).is_some_and(|t| t.text(text) == s);
    let number = |k: usize| tokens.get(k).is_some_and(|t| t.kind == Kind::Number);
    let glued = |k: usize| {
        k >= 1
            && tokens
                .get(k)
                .is_some_and(|t| t.start() == tokens[k - 1].end())
    };
    let k = last + 1;
    let figures = number(k)
        && (1..=3).all(|g| {
            let d = k + 2 * g;
            is(d - 1, "-") && glued(d - 1) && number(d) && glued(d)
        })
        && !(is(k + 7, "-") && glued(k + 7));
    let dismissal = first >= 1
        && tokens[first - 1].kind == Kind::Word
        && matches!(tokens[first - 1].text(text), "b" | "c" | "st")
        && (number(last + 1) || is(last + 1, "b"));
    figures || dismissal
}

/// Whether tokens `first..=last` are an item of a list between two names found with
/// evidence ("Mark Calcavecchia, Payne Stewart, Billy Mayfair"; "Jesper Parnevik
/// (Sweden), Mike Sullivan and ..."): the items of a list are of one kind, so a run
/// shaped like a name there is a name though no lexicon knows its words.
fn between_names(text: &str, tokens: &[Token], found: &[Found], first: usize, last: usize) -> bool {
    let sep = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| matches!(t.text(text), "," | "and"))
    };
    // The name before the separator at `k`, past a bracketed aside ("(Sweden)").
    let name_ends_at = |k: usize| {
        let mut e = k;
        if tokens[e].text(text) == ")" {
            match tokens[..e].iter().rposition(|t| t.text(text) == "(") {
                Some(open) if open >= 1 && e - open <= 4 => e = open - 1,
                _ => return false,
            }
        }
        found.iter().any(|g| g.last == e)
    };
    let name_starts_at = |k: usize| found.iter().any(|g| g.first == k);
    let before = first >= 2 && sep(first - 1) && name_ends_at(first - 2);
    let after = if tokens.get(last + 1).is_some_and(|t| t.text(text) == "(") {
        match tokens[last + 1..]
            .iter()
            .take(5)
            .position(|t| t.text(text) == ")")
        {
            Some(close) => last + 1 + close,
            None => return false,
        }
    } else {
        last
    };
    before && sep(after + 1) && name_starts_at(after + 2)
}

/// The lexicon form of a word: title case for words of all-caps lines.
#[inline]
fn norm<'t>(text: &'t str, t: &Token) -> Cow<'t, str> {
    let s = t.text(text);
    if t.case == Case::Upper {
        Cow::Owned(title_case(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Decides whether tokens `i..j` (a run of capitalised words) hold a person's name.
fn judge<'t>(
    text: &'t str,
    tokens: &[Token],
    is_place: &[bool],
    flags: &[u8],
    lex: &Lexicon,
    i: usize,
    j: usize,
) -> Option<(Found<'t>, bool)> {
    // Most runs are one capitalised word, and most of those are ruled out below
    // whatever follows: one that opens a sentence ("The", "He") or a title or
    // modifier alone (the stripping takes it away whole), a place (stripped too), a
    // word of an organisation, a word after "the". Told here from its flags and the
    // word before, without the stripping's tests.
    if j == i + 1
        && ((flags[i] & (STOP | TITLE | MODIFIER) != 0 && tokens[i].end() - tokens[i].start() > 1)
            || flags[i] & ORG != 0
            || is_place[i]
            || (i >= 1 && tokens[i - 1].text(text) == "the"))
    {
        return None;
    }
    let mut titled = false;
    let mut modified = false;
    let caps = tokens[i].headline;
    let word_at = |k: usize| (tokens[k].kind == Kind::Word).then(|| tokens[k].text(text));
    let is_title = |k: usize| flags[k] & TITLE != 0;
    // A title inside the run ends what comes before it, an office or an organisation:
    // "Boxing Association President Ramon Manzanares".
    let mut s = i;
    for k in (i..j).rev() {
        if is_title(k) && k + 1 < j && !is_title(k + 1) {
            s = k;
            break;
        }
    }
    // Strip what stands before the name: sentence-initial words, places and demonyms
    // ("Afghan Foreign Minister ..."), titles, months, a possessive "s".
    while s < j {
        let t = &tokens[s];
        if t.kind != Kind::Word {
            s += 1;
            continue;
        }
        let f = flags[s];
        if f & (TITLE | MODIFIER) != 0 {
            titled |= f & TITLE != 0;
            modified |= f & MODIFIER != 0;
            s += 1;
            continue;
        }
        // Sliced only past the titles (most runs start with one).
        let w = t.text(text);
        // A place token is kept as a possible given name ("Jordan Henderson") unless
        // it continues a place name ("New York Yankees").
        let continues_place = s > i && is_place[s - 1];
        let place_here = is_place[s] && (continues_place || !(f & GIVEN != 0 && s + 1 < j));
        let possessive = (w == "S" || w == "s") && s >= 1 && possessive_at(tokens, text, s - 1);
        // "A. Mullally": a capital and a dot is an initial, not the article "A".
        let initial = t.end() - t.start() == 1
            && tokens
                .get(s + 1)
                .is_some_and(|n| one_byte(text, n) == Some(b'.'));
        if (f & STOP != 0 && !initial)
            || place_here
            || possessive
            || month(w).is_some()
            || weekday(w).is_some()
            || t.end() - t.start() == 1
                && tokens
                    .get(s + 1)
                    .is_none_or(|n| one_byte(text, n) != Some(b'.'))
        {
            s += 1;
            continue;
        }
        break;
    }
    // The name ends before a word that cannot be part of it; an organisation word
    // anywhere makes the run an organisation.
    let mut e = s;
    while e < j {
        let Some(w) = word_at(e) else {
            e += 1;
            continue;
        };
        let f = flags[e];
        if f & ORG != 0 {
            return None;
        }
        // A title word ending a run after a name is a surname: "Shayne King".
        let surname_title = f & (TITLE | MODIFIER) != 0 && f & STOP == 0 && e + 1 == j && e > s;
        // A compass word ending a run after a given name is a surname: "Oliver North".
        let surname_compass = e + 1 == j
            && e > s
            && flags[e - 1] & GIVEN != 0
            && matches!(w, "North" | "South" | "East" | "West");
        let initial = w.len() == 1
            && tokens
                .get(e + 1)
                .is_some_and(|n| one_byte(text, n) == Some(b'.'));
        // The word the stripping stopped at is no month or weekday (it would have
        // been stripped): only the words after it are asked.
        if (f & (STOP | TITLE | MODIFIER) != 0 && !surname_title && !surname_compass && !initial)
            || (e > s && (month(w).is_some() || weekday(w).is_some()))
        {
            break;
        }
        e += 1;
    }
    if flags[e..j].iter().any(|f| f & ORG != 0) {
        return None;
    }
    // Trailing particles and dots never end a name.
    while e > s && (tokens[e - 1].kind != Kind::Word || tokens[e - 1].case == Case::Lower) {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    // The name's words (the run between s and e may hold the dot of an initial).
    let mut word_toks = tokens[s..e].iter().filter(|t| t.kind == Kind::Word);
    let first_word = word_toks.next()?;
    let second_word = word_toks.next();
    let n_words = 1 + usize::from(second_word.is_some()) + word_toks.count();
    // A place name, whole, is no person ("Hong Kong", "Sri Lanka"), unless titled.
    let all_places = (s..e).all(|k| tokens[k].kind != Kind::Word || is_place[k]);
    if all_places && !titled {
        return None;
    }
    // "the Houston Astros", "the Red Cross": a run right after "the" names a team,
    // a body or a thing; persons take no article (a title or role noun would stand
    // between).
    if !titled
        && i >= 1
        && tokens[i - 1].text(text) == "the"
        && tokens[s..e].iter().any(|t| t.kind == Kind::Word)
    {
        return None;
    }
    let j = e;
    // An organisation word right after the run ("Adenauer Foundation" is caught above;
    // here "Muttaqi's ministry" is fine but "X Corp." is not).
    let prev = s.checked_sub(1);
    let before_run = i.checked_sub(1);
    // Runs that are no name whatever the evidence, ruled out before looking for it.
    // "Dealers said", "Analysts said": a plural role noun starting a sentence.
    if n_words == 1 {
        let w = first_word.text(text);
        if let Some(singular) = w.strip_suffix('s')
            && is_role_noun(lex, singular)
        {
            return None;
        }
    }
    // A lone all-caps word on a normal line is an acronym, not a name.
    if n_words == 1 && first_word.case == Case::Upper && !first_word.caps_line {
        return None;
    }
    // "Foreign Affairs", "Interior Ministry": a modifier with no title before one word
    // is an office, not a person.
    if modified && !titled && n_words == 1 {
        return None;
    }
    // Evidence: the first kind found settles it, those that need no word list first.
    let after = tokens.get(j);
    let evidence = titled
        // A known given name leading two or more words: "Ulf Laessing", "Tahir Khan";
        // or an initial: "P. Simmons". Not in lines of capitals, where a run of names
        // cannot be told from the words after it.
        || second_word.filter(|_| !caps).is_some_and(|second| {
            // "S. Korea" is no initial and surname: the "surname" is a place.
            let second_at = tokens[s..e]
                .iter()
                .position(|t| std::ptr::eq(t, second))
                .map_or(s, |k| s + k);
            let initial = first_word.end() - first_word.start() == 1
                && second.text(text).chars().count() >= 2
                && !is_place[second_at];
            let first_at = s + tokens[s..e]
                .iter()
                .position(|t| t.kind == Kind::Word)
                .unwrap_or(0);
            flags[first_at] & GIVEN != 0 || initial
        })
        // A role noun before: "envoy Zamir Kabulov", "diplomat, Mohammad Reza Bahrami".
        || before_run.is_some_and(|p| {
            let is_role = |k: usize| {
                tokens[k].kind == Kind::Word
                    && tokens[k].case == Case::Lower
                    && lex.is_role_noun(tokens[k].text(text))
            };
            is_role(p)
                || (one_byte(text, &tokens[p]) == Some(b',') && p >= 1 && is_role(p - 1))
                || (lower_word_in(tokens, text, Some(p), &SPEECH_BEFORE) && prev == before_run)
                || (p >= 1
                    && tokens[p].text(text).eq_ignore_ascii_case("to")
                    && tokens[p - 1].text(text).eq_ignore_ascii_case("according"))
        })
        // A speech verb after: "Laessing said".
        || (lower_word_in(tokens, text, Some(j), &SPEECH_AFTER) && after.is_some_and(|t| !t.line_start))
        // An apposition after: "Abdul Balkhi, a spokesperson for ...".
        || (after.is_some_and(|t| one_byte(text, t) == Some(b',')) && {
            let mut role = false;
            for t in tokens.iter().skip(j + 1).take(6) {
                if t.kind == Kind::Punct && matches!(t.text(text), "." | ";" | ":" | "(") {
                    break;
                }
                if t.kind == Kind::Word
                    && t.case == Case::Lower
                    && lex.is_role_noun(t.text(text))
                {
                    role = true;
                    break;
                }
            }
            role
        })
        // A country after the name in brackets, as in results and line-ups:
        // "Jansher Khan ( Pakistan ) beat Mark Cairns ( England )".
        || (n_words >= 2
            && tokens.get(j).is_some_and(|t| one_byte(text, t) == Some(b'('))
            && is_place.get(j + 1).copied().unwrap_or(false));
    let first = s + tokens[s..e]
        .iter()
        .position(|t| t.kind == Kind::Word)
        .unwrap_or(0);
    let found = Found {
        first,
        last: e - 1,
        // Filled for runs without evidence only when the article has a person.
        words: if evidence {
            words_of(text, tokens, first, e - 1)
        } else {
            Vec::new()
        },
    };
    Some((found, evidence))
}

/// Whether `w` in any ASCII case is a role noun (lower case in the list); no
/// allocation for the common case of a word already in lower case.
fn is_role_noun(lex: &Lexicon, w: &str) -> bool {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return lex.is_role_noun(w);
    }
    // Lowered on the stack; a longer word (rare) on the heap.
    let mut buf = [0u8; 24];
    match buf.get_mut(..w.len()) {
        Some(lower) => {
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|l| lex.is_role_noun(l))
        }
        None => lex.is_role_noun(w.to_ascii_lowercase().as_str()),
    }
}

/// The normalised words of tokens `first..=last`.
fn words_of<'t>(text: &'t str, tokens: &[Token], first: usize, last: usize) -> Vec<Word<'t>> {
    words_in(text, tokens, first, last).collect()
}

/// [`words_of`] one by one, for comparing without collecting.
fn words_in<'t, 'k>(
    text: &'t str,
    tokens: &'k [Token],
    first: usize,
    last: usize,
) -> impl Iterator<Item = Word<'t>> + 'k
where
    't: 'k,
{
    tokens[first..=last]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(move |t| norm(text, t))
}

#[cfg(test)]
mod tests {
    use crate::tests::{ex, mentions, persons};

    #[test]
    fn a_surname_with_the_arabic_article_is_part_of_the_name() {
        let e = ex(
            "Syrian President Bashar al-Assad met Abdel Fattah el-Sisi, the daily \
                    al-Qabas said. Kuwait's Oil Minister Sheikh Ali al-Khalifa al-Sabah \
                    agreed.",
        );
        assert_eq!(
            persons(&e),
            [
                "Bashar al-Assad",
                "Abdel Fattah el-Sisi",
                "Ali al-Khalifa al-Sabah"
            ]
        );
    }

    #[test]
    fn a_surname_without_its_arabic_article_is_the_same_person() {
        // Found again as a bare surname, and found on its own ("Sisi said") then
        // filed under the full name; two al-Assads leave a bare Assad apart.
        let e = ex(
            "Syrian President Bashar al-Assad met the envoy. Assad said the talks were \
                    useful. Egypt's Abdel Fattah al-Sisi spoke later. Sisi said Egypt \
                    would help. Al-Sisi added more.",
        );
        assert_eq!(persons(&e), ["Bashar al-Assad", "Abdel Fattah al-Sisi"]);
        assert_eq!(
            mentions(&e, "Bashar al-Assad"),
            ["Bashar al-Assad", "Assad"]
        );
        assert_eq!(
            mentions(&e, "Abdel Fattah al-Sisi"),
            ["Abdel Fattah al-Sisi", "Sisi", "Al-Sisi"]
        );
        let two = ex("Hafez al-Assad and Bashar al-Assad met. Assad said nothing.");
        assert_eq!(persons(&two)[..2], ["Hafez al-Assad", "Bashar al-Assad"]);
        assert_eq!(mentions(&two, "Hafez al-Assad"), ["Hafez al-Assad"]);
        assert_eq!(mentions(&two, "Bashar al-Assad"), ["Bashar al-Assad"]);
    }

    #[test]
    fn a_particle_capitalised_at_a_sentences_start_is_the_same_name() {
        let e = ex(
            "Ursula von der Leyen met Barend du Plessis. Von der Leyen and Du \
                    Plessis agreed.",
        );
        assert_eq!(persons(&e), ["Ursula von der Leyen", "Barend du Plessis"]);
        assert_eq!(
            mentions(&e, "Ursula von der Leyen"),
            ["Ursula von der Leyen", "Von der Leyen"]
        );
    }

    #[test]
    fn person_span_excludes_titles_and_honorifics() {
        let text = "Afghan Foreign Minister Mawlawi Amir Khan Muttaqi met Mr. John Smith and \
                    Sheikh Tamim bin Hamad Al Thani.";
        let e = ex(text);
        assert_eq!(
            persons(&e),
            [
                "Amir Khan Muttaqi",
                "John Smith",
                "Tamim bin Hamad Al Thani"
            ]
        );
        let m = &e.persons[0].mentions[0];
        assert_eq!(&text[m.start..m.end], "Amir Khan Muttaqi");
        // A role word that opens the sentence is no part of the name either.
        let e = ex("Treasurer Paul Keating said so. Investor Martin Sosnoff agreed.");
        assert_eq!(persons(&e), ["Paul Keating", "Martin Sosnoff"]);
    }

    #[test]
    fn person_cues_speech_apposition_roles() {
        let e = ex(
            "\"We will wait,\" said Zorigtbaatar Enkhbold. Russia's special envoy \
                    Zamir Kabulov arrived. Qudratullah Jamal, a spokesman for the ministry, \
                    spoke. Later Kabulov left.",
        );
        assert_eq!(
            persons(&e),
            [
                "Zorigtbaatar Enkhbold",
                "Zamir Kabulov",
                "Qudratullah Jamal"
            ]
        );
        assert_eq!(mentions(&e, "Zamir Kabulov"), ["Zamir Kabulov", "Kabulov"]);
    }

    #[test]
    fn ambiguous_surname_is_not_merged() {
        let e = ex(
            "Interior Minister Sirajuddin Haqqani met Maulvi Fazl Mohammad Haqqani. \
                    Later Haqqani said the talks went well.",
        );
        let names = persons(&e);
        assert!(names.contains(&"Sirajuddin Haqqani"), "{names:?}");
        assert!(names.contains(&"Fazl Mohammad Haqqani"), "{names:?}");
        assert_eq!(mentions(&e, "Sirajuddin Haqqani").len(), 1);
        assert_eq!(mentions(&e, "Fazl Mohammad Haqqani").len(), 1);
    }

    #[test]
    fn not_persons_organisations_places_months() {
        let e = ex(
            "The Konrad Adenauer Foundation in Bamako and the Associated Press said \
                    on Monday that Foreign Affairs and the Islamic State met in August.",
        );
        assert!(persons(&e).is_empty(), "{:?}", persons(&e));
    }

    #[test]
    fn initials_particles_and_title_surnames() {
        let e = ex(
            "A. Mullally took four. Pakistan captain Inzamam-ul-Haq and batsman \
                    Shayne King scored. Mullally said so.",
        );
        assert_eq!(
            persons(&e),
            ["A. Mullally", "Inzamam-ul-Haq", "Shayne King"]
        );
        assert_eq!(mentions(&e, "A. Mullally"), ["A. Mullally", "Mullally"]);
        // Initials written together, then a particle; the name as written.
        let e = ex("President F.W. de Klerk met analyst J.P. van der Merwe. De Klerk agreed.");
        assert_eq!(persons(&e), ["F.W. de Klerk", "J.P. van der Merwe"]);
        assert_eq!(mentions(&e, "F.W. de Klerk"), ["F.W. de Klerk", "De Klerk"]);
    }

    #[test]
    fn organisations_and_plural_roles_are_not_persons() {
        let e = ex(
            "Gencor Ltd raised its bid. Gencor said the offer was fair. \
                    Dealers said prices fell. Analysts said so.",
        );
        assert!(persons(&e).is_empty(), "{:?}", persons(&e));
    }

    #[test]
    fn a_word_placed_as_a_town_is_no_person() {
        let e = ex("Troops neared the village of Mahala. Mark Taylor said Mahala was calm.");
        assert_eq!(persons(&e), ["Mark Taylor"]);
        let e = ex("Talks on the Nagorno-Karabakh region went on, Mark Taylor said.");
        assert_eq!(persons(&e), ["Mark Taylor"]);
    }

    #[test]
    fn a_word_spoken_of_as_a_business_is_no_person() {
        let e = ex("Cofinec CEO Mark Taylor said Cofinec would grow.");
        assert_eq!(persons(&e), ["Mark Taylor"]);
        let e = ex("Mark Taylor bought shares of Jones; Jones rose.");
        assert_eq!(persons(&e), ["Mark Taylor"]);
    }

    #[test]
    fn a_name_after_an_age_is_a_name() {
        let e = ex("Mark Taylor led as 20-year-old Tiger Woods shot 67 and Mark Taylor 70.");
        assert!(persons(&e).contains(&"Tiger Woods"), "{:?}", persons(&e));
    }

    #[test]
    fn names_in_a_cricket_scorecard() {
        // Promoted only beside names found with evidence ("Mark Taylor").
        let e = ex(
            "Mark Taylor c Tillekeratne b Dharmasena 13\nBowling: Vass 7-0-29-0, Hollioake 6-1-23-4.",
        );
        let p = persons(&e);
        for name in ["Vass", "Hollioake", "Tillekeratne", "Dharmasena"] {
            assert!(p.contains(&name), "{name}: {p:?}");
        }
        // Other figures and letters are no such notation.
        let e = ex("Mark Taylor left. Output at Vass 7-0-29 rose; plan b Corning rose 13");
        assert_eq!(persons(&e), ["Mark Taylor"]);
    }

    #[test]
    fn a_name_shaped_list_item_between_two_names_is_a_name() {
        let e = ex("67 Mark Calcavecchia, Payne Stewart, Billy Mayfair, Ken Green");
        assert_eq!(
            persons(&e),
            [
                "Mark Calcavecchia",
                "Payne Stewart",
                "Billy Mayfair",
                "Ken Green"
            ]
        );
        let e = ex("Jesper Parnevik (Sweden), Payne Stewart and Billy Mayfair tied.");
        assert!(persons(&e).contains(&"Payne Stewart"), "{:?}", persons(&e));
        // Not at the end of the list: one name on each side.
        let e = ex("Billy Mayfair, Ken Green, Payne Stewart");
        assert!(!persons(&e).contains(&"Payne Stewart"), "{:?}", persons(&e));
    }

    #[test]
    fn names_across_wraps_and_odd_spaces_are_one_value() {
        let text = "Afghan Foreign Minister Amir\u{a0}Khan  Muttaqi met envoys in Kabul and\n\
                    talked for hours. Finance Minister Gerhard\tStoltenberg, who had flown in\n\
                    from Bonn on a short visit, said the talks went well and would go on.";
        let e = ex(text);
        assert_eq!(persons(&e), ["Amir Khan Muttaqi", "Gerhard Stoltenberg"]);
        // Spans stay byte-exact into the text as written.
        assert_eq!(
            mentions(&e, "Amir Khan Muttaqi"),
            ["Amir\u{a0}Khan  Muttaqi"]
        );
        let wrapped = "The government agreed to cut taxes today, said Finance Minister Gerhard\n\
                       Stoltenberg after a cabinet meeting in the capital that lasted for hours\n\
                       and ended late.";
        let e = ex(wrapped);
        assert_eq!(persons(&e), ["Gerhard Stoltenberg"]);
        assert_eq!(
            mentions(&e, "Gerhard Stoltenberg"),
            ["Gerhard\nStoltenberg"]
        );
    }

    #[test]
    fn a_lone_given_name_is_no_person_a_surname_after_mr_is() {
        let e = ex(
            "Trade representative Clayton said so, and Mr James agreed. \
                    Lt. Col. Oliver North said nothing. Queen Beatrix smiled.",
        );
        assert_eq!(persons(&e), ["James", "Oliver North", "Beatrix"]);
    }

    #[test]
    fn a_company_short_name_is_no_person() {
        let e = ex(
            "Merrill Lynch Capital Markets said it will sell the notes. \
                    Merrill, the dealer for the notes, said demand was strong.",
        );
        assert!(persons(&e).is_empty(), "{:?}", persons(&e));
        assert_eq!(e.organizations[0].name, "Merrill Lynch");
        assert_eq!(e.organizations[0].mentions.len(), 2);
    }

    #[test]
    fn a_name_runs_on_over_a_short_first_line_of_wrapped_text() {
        // The first line is short where a dateline was cut from it.
        let text = "Singapore's Finance Minister Richard\n\
                    Hu is expected to announce a neutral budget tomorrow with no\n\
                    major tax changes for the 1987/88 year starting April 1,\n\
                    bankers and economists told reporters in the city today.";
        assert_eq!(persons(&ex(text)), ["Richard Hu"]);
    }
}
