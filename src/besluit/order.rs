//! The order of a hoofdstuk's groups: a repeal goes before the first insertion of a
//! number it frees, so a number never stands twice half-way (see `generate::chapters`).
//!
//! Moving the repeals one at a time (find the first such insertion before it, remove,
//! insert) scanned every earlier group for every repeal and shifted the list on every
//! move: quadratic in the changed articles. The result depends only on original
//! positions, so it is computed in one pass and one sort.

use rustc_hash::FxHashMap;

/// Reorders `groups` as moving each repeal (in order) to just before the first earlier
/// group that inserts a number it frees. `inserted(g)`: the number group `g` inserts;
/// `freed(g)`: the numbers it frees (empty for all but repeals; no group does both).
pub(super) fn repeals_before_insertions<G>(
    groups: Vec<G>,
    inserted: impl Fn(&G) -> Option<String>,
    freed: impl Fn(&G) -> Vec<String>,
) -> Vec<G> {
    // A repeal only moves before insertions, which never move: so the groups before it
    // are always the same set as at the start, insertions in their first order, and the
    // first insertion of a number among them is the one with the lowest original index.
    let mut first_insertion: FxHashMap<String, usize> = FxHashMap::default();
    let mut keys: Vec<(usize, bool, usize)> = Vec::with_capacity(groups.len());
    for (k, g) in groups.iter().enumerate() {
        // A moved repeal sorts just before its anchor (after earlier repeals moved there
        // too, as each was put just before it in turn); every other group at its place.
        let anchor = freed(g)
            .iter()
            .filter_map(|n| first_insertion.get(n.as_str()).copied())
            .min();
        keys.push(match anchor {
            Some(t) => (t, false, k),
            None => (k, true, k),
        });
        if let Some(n) = inserted(g) {
            first_insertion.entry(n).or_insert(k);
        }
    }
    let mut order: Vec<(usize, G)> = groups.into_iter().enumerate().collect();
    order.sort_by_key(|(k, _)| keys[*k]);
    order.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as moving the repeals one at a time, the way it was written first.
    fn one_at_a_time(mut rest: Vec<(&'static str, Vec<&'static str>)>) -> Vec<&'static str> {
        let inserted = |g: &(&str, Vec<&str>)| g.0.strip_prefix('+').map(str::to_string);
        let mut k = 0;
        while k < rest.len() {
            let freed: Vec<String> = rest[k].1.iter().map(|s| s.to_string()).collect();
            if !freed.is_empty()
                && let Some(first) = rest[..k]
                    .iter()
                    .position(|g| inserted(g).is_some_and(|n| freed.contains(&n)))
            {
                let g = rest.remove(k);
                rest.insert(first, g);
            }
            k += 1;
        }
        rest.into_iter().map(|g| g.0).collect()
    }

    #[test]
    fn same_order_as_moving_one_at_a_time() {
        // `+n` inserts article n, `-x` repeals and frees the numbers listed.
        let cases: Vec<Vec<(&'static str, Vec<&'static str>)>> = vec![
            vec![("+5", vec![]), ("c", vec![]), ("-a", vec!["5"])],
            vec![
                ("+5", vec![]),
                ("+6", vec![]),
                ("x", vec![]),
                ("-a", vec!["6"]),
                ("-b", vec!["5"]),
                ("-c", vec!["6", "5"]),
                ("-d", vec!["7"]),
                ("+7", vec![]),
                ("-e", vec!["7"]),
            ],
            vec![
                ("-a", vec!["5"]),
                ("+5", vec![]),
                ("+5", vec![]),
                ("-b", vec!["5"]),
            ],
            vec![],
        ];
        for case in cases {
            let expected = one_at_a_time(case.clone());
            let got = repeals_before_insertions(
                case,
                |g| g.0.strip_prefix('+').map(str::to_string),
                |g| g.1.iter().map(|s| s.to_string()).collect(),
            );
            let got: Vec<&str> = got.into_iter().map(|g| g.0).collect();
            assert_eq!(got, expected);
        }
    }
}
