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
        let a = old_ids[o].get_or_insert_with(|| intern(ids, &old[o].text, *keep));
        let b = new_ids[n].get_or_insert_with(|| intern(ids, &new[n].text, *keep));
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

/// Which version a unit is of.
#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// The words of the inverted index: each token id's lowercased text longer than three
/// characters, as a small integer of its own (two tokens that differ in case are one
/// word), found once per id.
#[derive(Default)]
struct Lower {
    /// By token id: the word's number + 2, 1 for a token of three characters or fewer, 0
    /// when not yet asked.
    by_id: Vec<u32>,
    numbers: FxHashMap<String, u32>,
}

impl<'a> Tokens<'a> {
    /// The index's words of unit `i` of `side`, in token order (repeated as the tokens
    /// are), into `out`; its tokens are interned now if they were not yet.
    fn words_of(&mut self, side: Side, i: usize, lower: &mut Lower, out: &mut Vec<u32>) {
        let (old, new) = (self.old, self.new);
        let text = match side {
            Side::Old => old[i].text.as_str(),
            Side::New => new[i].text.as_str(),
        };
        let Tokens {
            ids,
            old_ids,
            new_ids,
            keep,
            ..
        } = self;
        let slot = match side {
            Side::Old => &mut old_ids[i],
            Side::New => &mut new_ids[i],
        };
        let unit = slot.get_or_insert_with(|| intern(ids, text, *keep));
        out.clear();
        lower.by_id.resize(ids.len(), 0);
        for &id in &unit.ids {
            let known = &mut lower.by_id[id as usize];
            if *known == 0 {
                let t = ids.text(id);
                *known = if t.chars().count() > 3 {
                    let next = lower.numbers.len() as u32;
                    *lower.numbers.entry(t.to_lowercase()).or_insert(next) + 2
                } else {
                    1
                };
            }
            if *known > 1 {
                out.push(*known - 2);
            }
        }
    }
}

/// The tokens of `text` and their ids in `ids` (the tokens kept only when `keep`).
fn intern<'a>(ids: &mut Interner<'a>, text: &'a str, keep: bool) -> Interned<'a> {
    let toks = tokens(text);
    // Room for every token at once: ids are given in order of first occurrence, so the
    // table's growth never shows in them.
    ids.reserve(toks.len());
    let mut out = Vec::with_capacity(toks.len());
    for &t in &toks {
        out.push(ids.id(t));
    }
    Interned {
        tokens: if keep { toks } else { Vec::new() },
        ids: out,
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

    // 4. Content similarity among the rest, candidates from an inverted index of their
    //    words longer than three characters, in lower case. The words are read from the
    //    units' token ids (which the similarity below uses too), each distinct token
    //    lowercased once: cutting and lowercasing every token again was a third of the
    //    alignment's cost outside the similarity (issue 17).
    let rest_new: Vec<usize> = (0..new.len()).filter(|n| new_match[*n].is_none()).collect();
    let rest_old: Vec<usize> = (0..old.len()).filter(|o| old_match[*o].is_none()).collect();
    if !rest_new.is_empty() && !rest_old.is_empty() {
        let mut scored: Vec<(f64, usize, usize)> = Vec::new();
        for (&o, candidates) in rest_old.iter().zip(candidates(tok, &rest_new, &rest_old)) {
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

/// For each of `rest_old`, the units of `rest_new` that share a rare word with it (a
/// word of more than three characters, in lower case, that at most [`COMMON_WORD`] of
/// `rest_new` have): the pairs whose similarity is asked.
fn candidates(
    tok: &mut Tokens<'_>,
    rest_new: &[usize],
    rest_old: &[usize],
) -> Vec<FxHashSet<usize>> {
    let mut lower = Lower::default();
    let mut index: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    let mut words: Vec<u32> = Vec::new();
    for &n in rest_new {
        tok.words_of(Side::New, n, &mut lower, &mut words);
        words.sort_unstable();
        words.dedup();
        for &w in &words {
            index.entry(w).or_default().push(n);
        }
    }
    rest_old
        .iter()
        .map(|&o| {
            let mut candidates: FxHashSet<usize> = FxHashSet::default();
            tok.words_of(Side::Old, o, &mut lower, &mut words);
            for w in &words {
                if let Some(list) = index.get(w)
                    && list.len() <= COMMON_WORD
                {
                    candidates.extend(list);
                }
            }
            candidates
        })
        .collect()
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
#[path = "align_tests.rs"]
mod tests;
