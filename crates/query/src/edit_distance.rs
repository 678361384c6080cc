//! Bounded edit distance the textbook way: the reference the typo automaton
//! ([`crate::typos`]), which matching and highlighting use, is tested against.
//!
//! The distance is the *optimal string alignment* one: insertions, deletions,
//! substitutions and swaps of two neighbouring characters each cost 1, which is
//! what tantivy's `FuzzyTermQuery` with `transposition_cost_one` accepts.

/// Whether `a` and `b` are within `max` edits (insert, delete, substitute, swap
/// of neighbours), as tantivy's fuzzy query with `transposition_cost_one`.
pub(crate) fn within(a: &[char], b: &[char], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Optimal string alignment distance, three rows.
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[w - 1] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_swaps_once() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within(&c("muttaqi"), &c("mutaqi"), 1));
        assert!(within(&c("muttaqi"), &c("mutatqi"), 1));
        assert!(!within(&c("muttaqi"), &c("mutaq"), 1));
        assert!(within(&c("ambassador"), &c("ambasadro"), 2));
        assert!(!within(&c("kabul"), &c("kbaull"), 1));
        assert!(within(&c(""), &c("ab"), 2));
    }

    /// Unbounded optimal string alignment distance, the textbook way.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_unbounded_distance(a in "[abc]{0,8}", b in "[abc]{0,8}", max in 0usize..3) {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(within(&a, &b, max), distance(&a, &b) <= max);
        }
    }
}
