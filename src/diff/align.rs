//! Aligning two sequences of numbered elements (articles, leden, onderdelen): which old
//! element is which new one.
//!
//! Passes, each only over what earlier passes left unmatched, none quadratic:
//! 1. identical text (a hash map): the same element, perhaps renumbered or moved;
//! 2. the same number, if heading or text is still recognisably the same;
//! 3. the same heading (unique on both sides);
//! 4. content similarity at or above the threshold, compared only with candidates that
//!    share a rare word (an inverted index), best pairs first;
//! 5. what is left with the same number on both sides: rewritten in place.
//!
//! Then the matched pairs that keep their relative order are found with a longest
//! increasing subsequence (O(n log n)); a matched pair outside it has moved.

use rustc_hash::{FxHashMap, FxHashSet};

use super::intern::Interner;
use super::words::tokens;

/// What alignment needs of an element.
#[derive(Debug, Clone)]
pub struct Unit {
    pub number: Option<String>,
    /// Normalised heading (lower case), empty when there is none.
    pub heading: String,
    /// The text compared (heading and content, markup removed).
    pub text: String,
}

/// A step of the alignment in reading order: old index, new index, and whether a
/// matched pair left its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub moved: bool,
}

/// Below this, the same number alone does not make two elements the same.
const SAME_NUMBER_FLOOR: f64 = 0.3;
/// A word in more than this many elements does not select candidates (`de`, `het`).
const COMMON_WORD: usize = 8;

/// Each unit's tokens as small integers, made when first asked: a unit is compared with
/// several candidates, and tokenising and hashing both texts again for every pair was
/// most of the alignment's cost (issue 17). [`Tokens::similarity`] is
/// [`words::similarity`](super::words::similarity) on them. Made by [`align_keeping`],
/// they also keep each unit's tokens, and [`Tokens::words`] diffs a pair with the same
/// table: the word diffs of leden and onderdelen then cut and hash no token again.
pub(super) struct Tokens<'a> {
    old: &'a [Unit],
    new: &'a [Unit],
    ids: Interner<'a>,
    old_ids: Vec<Option<Interned<'a>>>,
    new_ids: Vec<Option<Interned<'a>>>,
    /// Scratch counts by id, all zero between calls.
    counts: Vec<u32>,
    /// Whether the tokens are kept beside their ids (for [`Tokens::words`]). Off for
    /// the articles: their tokens together are the whole text, 16 bytes a token.
    keep: bool,
}

/// A unit's token ids, and its tokens when they are kept.
#[derive(Clone)]
struct Interned<'a> {
    tokens: Vec<&'a str>,
    ids: Vec<u32>,
}

impl<'a> Tokens<'a> {
    fn new(old: &'a [Unit], new: &'a [Unit], keep: bool) -> Self {
        Tokens {
            old,
            new,
            ids: Interner::with_capacity(0),
            old_ids: vec![None; old.len()],
            new_ids: vec![None; new.len()],
            counts: Vec::new(),
            keep,
        }
    }

    /// The interned tokens of old unit `o` and new unit `n`, made when first asked.
    fn pair(&mut self, o: usize, n: usize) -> (&Interned<'a>, &Interned<'a>) {
        let Tokens {
            old,
            new,
            ids,
            old_ids,
            new_ids,
            counts,
            keep,
        } = self;
        let keep = *keep;
        let mut intern = |text: &'a str| -> Interned<'a> {
            let toks = tokens(text);
            // Room for every token at once: ids are given in order of first occurrence,
            // so the table's growth never shows in them.
            ids.reserve(toks.len());
            let mut out = Vec::with_capacity(toks.len());
            for &t in &toks {
                out.push(ids.id(t));
            }
            Interned {
                tokens: if keep { toks } else { Vec::new() },
                ids: out,
            }
        };
        let a = old_ids[o].get_or_insert_with(|| intern(&old[o].text));
        let b = new_ids[n].get_or_insert_with(|| intern(&new[n].text));
        counts.resize(ids.len(), 0);
        (a, b)
    }

    /// The share of tokens old unit `o` and new unit `n` have in common (Sørensen–Dice
    /// over the token multisets), exactly as `words::similarity` computes it.
    fn similarity(&mut self, o: usize, n: usize) -> f64 {
        if self.old[o].text == self.new[n].text {
            return 1.0;
        }
        self.pair(o, n);
        let (Some(a), Some(b)) = (&self.old_ids[o], &self.new_ids[n]) else {
            unreachable!("`pair` made both");
        };
        let (a, b) = (&a.ids, &b.ids);
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        let common = super::words::shared(a, b, &mut self.counts);
        2.0 * common as f64 / (a.len() + b.len()) as f64
    }

    /// The word diff of old unit `o` against new unit `n` without a noise policy: what
    /// [`words::diff`](super::words::diff) gives for their texts, from the tokens and ids
    /// this alignment made (or makes now) instead of cutting and interning them again.
    pub(super) fn words(&mut self, o: usize, n: usize) -> Vec<super::words::Word> {
        debug_assert!(self.keep, "words need the kept tokens");
        self.pair(o, n);
        let (Some(a), Some(b)) = (&self.old_ids[o], &self.new_ids[n]) else {
            unreachable!("`pair` made both");
        };
        super::words::diff_interned((&a.tokens, &b.tokens), (&a.ids, &b.ids), &mut self.counts)
    }
}

pub fn align<'a>(old: &'a [Unit], new: &'a [Unit], threshold: f64) -> Vec<Step> {
    align_with(&mut Tokens::new(old, new, false), threshold)
}

/// [`align`], and the tokens it made, kept for the word diffs of the aligned pairs
/// ([`Tokens::words`]).
pub(super) fn align_keeping<'a>(
    old: &'a [Unit],
    new: &'a [Unit],
    threshold: f64,
) -> (Vec<Step>, Tokens<'a>) {
    let mut tok = Tokens::new(old, new, true);
    (align_with(&mut tok, threshold), tok)
}

fn align_with<'a>(tok: &mut Tokens<'a>, threshold: f64) -> Vec<Step> {
    let (old, new) = (tok.old, tok.new);
    let mut old_match: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new.len()];
    let pair = |o: usize, n: usize, om: &mut Vec<Option<usize>>, nm: &mut Vec<Option<usize>>| {
        om[o] = Some(n);
        nm[n] = Some(o);
    };

    // 1. Identical text, when it is unique on both sides.
    // Keyed by the units' own strings, borrowed: copying every text as a key cost more
    // than hashing it (issue 17).
    let unique_by = |units: &'a [Unit], key: &dyn Fn(&'a Unit) -> Option<&'a str>| {
        let mut map: FxHashMap<&'a str, Option<usize>> = FxHashMap::default();
        for (i, u) in units.iter().enumerate() {
            if let Some(k) = key(u) {
                map.entry(k)
                    .and_modify(|slot| *slot = None)
                    .or_insert(Some(i));
            }
        }
        map
    };
    let by_text = |u: &'a Unit| Some(u.text.as_str()).filter(|t| !t.is_empty());
    let old_text = unique_by(old, &by_text);
    let new_text = unique_by(new, &by_text);
    for (text, o) in &old_text {
        if let (Some(o), Some(Some(n))) = (o, new_text.get(text)) {
            pair(*o, *n, &mut old_match, &mut new_match);
        }
    }

    // 2. The same number.
    let by_number = |u: &'a Unit| u.number.as_deref();
    let new_number = unique_by(new, &by_number);
    for (o, u) in old.iter().enumerate() {
        if old_match[o].is_some() {
            continue;
        }
        let Some(Some(n)) = u.number.as_deref().and_then(|k| new_number.get(k)) else {
            continue;
        };
        if new_match[*n].is_some() {
            continue;
        }
        let same_heading = !u.heading.is_empty() && u.heading == new[*n].heading;
        if same_heading || tok.similarity(o, *n) >= SAME_NUMBER_FLOOR {
            pair(o, *n, &mut old_match, &mut new_match);
        }
    }

    // 3. The same heading.
    let by_heading = |u: &'a Unit| Some(u.heading.as_str()).filter(|h| !h.is_empty());
    let old_heading = unique_by(old, &by_heading);
    let new_heading = unique_by(new, &by_heading);
    for (h, o) in &old_heading {
        if let (Some(o), Some(Some(n))) = (o, new_heading.get(h))
            && old_match[*o].is_none()
            && new_match[*n].is_none()
            && tok.similarity(*o, *n) >= SAME_NUMBER_FLOOR
        {
            pair(*o, *n, &mut old_match, &mut new_match);
        }
    }

    // 4. Content similarity among the rest, candidates from an inverted index.
    let rest_new: Vec<usize> = (0..new.len()).filter(|n| new_match[*n].is_none()).collect();
    let rest_old: Vec<usize> = (0..old.len()).filter(|o| old_match[*o].is_none()).collect();
    if !rest_new.is_empty() && !rest_old.is_empty() {
        let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for &n in &rest_new {
            let words: FxHashSet<String> = tokens(&new[n].text)
                .into_iter()
                .filter(|t| t.chars().count() > 3)
                .map(str::to_lowercase)
                .collect();
            for w in words {
                index.entry(w).or_default().push(n);
            }
        }
        let mut scored: Vec<(f64, usize, usize)> = Vec::new();
        for &o in &rest_old {
            let mut candidates: FxHashSet<usize> = FxHashSet::default();
            for t in tokens(&old[o].text) {
                if t.chars().count() <= 3 {
                    continue;
                }
                if let Some(list) = index.get(&t.to_lowercase())
                    && list.len() <= COMMON_WORD
                {
                    candidates.extend(list);
                }
            }
            for n in candidates {
                let s = tok.similarity(o, n);
                if s >= threshold {
                    scored.push((s, o, n));
                }
            }
        }
        // Best first; ties in document order, so the result does not depend on hashing.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, o, n) in scored {
            if old_match[o].is_none() && new_match[n].is_none() {
                pair(o, n, &mut old_match, &mut new_match);
            }
        }
    }

    // 5. What is left with the same number on both sides was rewritten in place
    //    ("Artikel 31 komt te luiden"), not deleted and inserted.
    for (o, u) in old.iter().enumerate() {
        if old_match[o].is_some() {
            continue;
        }
        if let Some(Some(n)) = u.number.as_deref().and_then(|k| new_number.get(k))
            && new_match[*n].is_none()
        {
            pair(o, *n, &mut old_match, &mut new_match);
        }
    }

    order(&old_match, &new_match)
}

/// The steps in reading order of the new text, deletions at their old place.
fn order(old_match: &[Option<usize>], new_match: &[Option<usize>]) -> Vec<Step> {
    let matched_old: Vec<usize> = new_match.iter().filter_map(|m| *m).collect();
    let in_order: FxHashSet<usize> = longest_increasing(&matched_old).into_iter().collect();
    steps_in_order(old_match, new_match, &in_order)
}

/// The steps of pairs made before (`new_match[n]`: the old index paired with new index
/// `n`), with `moved[n]` saying which pairs left their place, as the alignment that made
/// them decided. A slice of a larger alignment (the articles of one hoofdstuk) keeps its
/// pairs and what moved; if the pairs said to stay are not in order in this slice, what
/// moved is decided again here (a longest increasing subsequence), so the steps are
/// always in reading order.
pub fn steps_of(
    old_match: &[Option<usize>],
    new_match: &[Option<usize>],
    moved: &[bool],
) -> Vec<Step> {
    let staying: Vec<usize> = new_match
        .iter()
        .zip(moved)
        .filter_map(|(m, mv)| m.filter(|_| !mv))
        .collect();
    if staying.windows(2).any(|w| w[0] >= w[1]) {
        return order(old_match, new_match);
    }
    let in_order: FxHashSet<usize> = staying.into_iter().collect();
    steps_in_order(old_match, new_match, &in_order)
}

/// The steps in reading order of the new text, deletions at their old place; a pair whose
/// old index is not `in_order` has moved.
fn steps_in_order(
    old_match: &[Option<usize>],
    new_match: &[Option<usize>],
    in_order: &FxHashSet<usize>,
) -> Vec<Step> {
    let mut steps = Vec::with_capacity(old_match.len() + new_match.len());
    let mut next_old = 0;
    let emit_deleted_before = |limit: usize, steps: &mut Vec<Step>, next_old: &mut usize| {
        while *next_old < limit {
            if old_match[*next_old].is_none() {
                steps.push(Step {
                    old: Some(*next_old),
                    new: None,
                    moved: false,
                });
            }
            *next_old += 1;
        }
    };
    for (n, m) in new_match.iter().enumerate() {
        match m {
            Some(o) if in_order.contains(o) => {
                emit_deleted_before(*o, &mut steps, &mut next_old);
                next_old = next_old.max(o + 1);
                steps.push(Step {
                    old: Some(*o),
                    new: Some(n),
                    moved: false,
                });
            }
            Some(o) => steps.push(Step {
                old: Some(*o),
                new: Some(n),
                moved: true,
            }),
            None => steps.push(Step {
                old: None,
                new: Some(n),
                moved: false,
            }),
        }
    }
    emit_deleted_before(old_match.len(), &mut steps, &mut next_old);
    steps
}

/// The values of a longest strictly increasing subsequence (patience sorting).
fn longest_increasing(xs: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into xs of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let pos = tails.partition_point(|&t| xs[t] < x);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(xs[i]);
        cur = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(number: &str, text: &str) -> Unit {
        Unit {
            number: Some(number.into()),
            heading: String::new(),
            text: text.into(),
        }
    }

    fn pairs(steps: &[Step]) -> Vec<(Option<usize>, Option<usize>, bool)> {
        steps.iter().map(|s| (s.old, s.new, s.moved)).collect()
    }

    #[test]
    fn token_ids_give_the_same_similarity_as_the_texts() {
        // Every article, lid and onderdeel of the real pair against every one of the
        // other version, and the empty text.
        let read = |f: &str| crate::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
        let (old, new) = (
            read("regelingen/wnk-2015.gr"),
            read("regelingen/sora-2022.gr"),
        );
        let units = |r: &crate::tree::Regeling| {
            let mut out = vec![unit("0", "")];
            for a in crate::tree::walk::articles(r) {
                out.push(crate::diff::article_unit(a));
                for l in a.leden() {
                    out.push(crate::diff::lid_unit(l));
                    for i in crate::tree::walk::list_items(&l.content) {
                        out.push(crate::diff::item_unit(i));
                    }
                }
            }
            out
        };
        let (a, b) = (units(&old), units(&new));
        let mut tok = Tokens::new(&a, &b, false);
        let mut compared = 0;
        for (o, unit) in a.iter().enumerate() {
            for n in (o % 3..b.len()).step_by(3) {
                let expected = crate::diff::words::similarity(&unit.text, &b[n].text);
                assert_eq!(tok.similarity(o, n), expected, "{o} {n}");
                compared += 1;
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn lis() {
        assert_eq!(longest_increasing(&[3, 1, 2, 5, 4]), vec![1, 2, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }

    #[test]
    fn insert_delete_and_renumber() {
        let old = [
            unit("1", "de eerste bepaling over het bestuur"),
            unit("2", "de tweede bepaling over de begroting"),
            unit("3", "een bepaling die vervalt geheel"),
        ];
        let new = [
            unit("1", "de eerste bepaling over het bestuur"),
            unit("2", "archieven worden bewaard door de secretaris"),
            unit("3", "de tweede bepaling over de begroting"),
        ];
        let steps = align(&old, &new, 0.5);
        assert_eq!(
            pairs(&steps),
            [
                (Some(0), Some(0), false),
                (None, Some(1), false),
                (Some(1), Some(2), false),
                (Some(2), None, false),
            ]
        );
    }

    #[test]
    fn a_moved_element_is_found_by_its_content() {
        let old = [
            unit("1", "alpha beta gamma delta"),
            unit("2", "epsilon zeta theta iota"),
            unit("3", "kappa lambda omicron sigma"),
        ];
        let new = [
            unit("1", "kappa lambda omicron sigma"),
            unit("2", "alpha beta gamma delta"),
            unit("3", "epsilon zeta theta iota"),
        ];
        let steps = align(&old, &new, 0.5);
        assert_eq!(
            pairs(&steps),
            [
                (Some(2), Some(0), true),
                (Some(0), Some(1), false),
                (Some(1), Some(2), false),
            ]
        );
    }
}
