//! Where the terms are used: every whole-word use of every form of every term, and
//! where T002's capitalised nouns stand: one walk over each alinea's word starts.

use std::borrow::Cow;

use super::starts::{Starts, triple_at};
use super::{Text, forms_of, lower_in_place, needs_lowering, whole_word};
use crate::nl;

#[cfg(test)]
mod tests;

/// Every whole-word use of every form of every term, found in one pass over each text
/// instead of one pass per term and form, which was two thirds of `grc check` on a
/// large regeling.
pub(super) struct Uses {
    /// Per term: (text, form, byte offset), in the order texts, forms, offsets.
    pub(super) per_term: Vec<Vec<(u32, u32, u32)>>,
    /// (text, term, byte offset) of each term's form as defined (form 0), in text order.
    /// Flat and 32-bit: one vector per text or 64-bit fields cost more than the matches.
    pub(super) cores: Vec<(u32, u32, u32)>,
}

impl Uses {
    /// The uses as defined of any term in text `x`: (term, byte offset).
    pub(super) fn cores_in(&self, x: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let x = x as u32;
        let from = self.cores.partition_point(|c| c.0 < x);
        let to = self.cores.partition_point(|c| c.0 <= x);
        self.cores[from..to]
            .iter()
            .map(|&(_, term, at)| (term as usize, at as usize))
    }
}

/// The patterns of [`uses`]: every form of every term once, and per pattern the
/// (term, form) pairs it is.
pub(super) fn patterns(lower_cores: &[String]) -> (Vec<String>, Vec<Vec<(u32, u32)>>) {
    let mut patterns: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut index = rustc_hash::FxHashMap::default();
    for (term, core) in lower_cores.iter().enumerate() {
        for (form, text) in forms_of(core).into_iter().enumerate() {
            let id = *index.entry(text.clone()).or_insert_with(|| {
                patterns.push(text);
                owners.push(Vec::new());
                patterns.len() - 1
            });
            owners[id].push((term as u32, form as u32));
        }
    }
    (patterns, owners)
}

/// The text searched for terms: the search folds ASCII case, which is all that
/// lower-casing changes in most texts; a text with another capital (`Ë`) is lowered
/// first (`lower_in_place` keeps every byte offset).
pub(super) fn haystack(plain: &str) -> Cow<'_, str> {
    if needs_lowering(plain) {
        Cow::Owned(lower_in_place(plain))
    } else {
        Cow::Borrowed(plain)
    }
}

/// The uses of every term, and where each of `generic` (T002's nouns, as written)
/// stands as a whole word: (text, byte offset) per word, in text order.
pub(super) fn uses(
    lower_cores: &[String],
    texts: &[Text],
    generic: &[&str],
) -> (Uses, Vec<Vec<(u32, u32)>>) {
    let (patterns, owners) = patterns(lower_cores);
    let mut out = Uses {
        per_term: vec![Vec::new(); lower_cores.len()],
        cores: Vec::new(),
    };
    let mut generic_at = vec![Vec::new(); generic.len()];
    let pattern_strs: Vec<&str> = patterns.iter().map(String::as_str).collect();
    // The automaton only when some form does not start with an ASCII letter or digit.
    let starts = Starts::new(&pattern_strs, true);
    let terms = match starts {
        Some(_) => None,
        None => automaton(&patterns),
    };
    let nouns = Starts::new(generic, false).expect("the nouns start with a capital");
    for (x, t) in texts.iter().enumerate() {
        let mut record = |pattern: usize, at: usize| {
            let (x, at) = (x as u32, at as u32);
            for &(term, form) in &owners[pattern] {
                out.per_term[term as usize].push((x, form, at));
                if form == 0 {
                    out.cores.push((x, term, at));
                }
            }
        };
        let mut noun = |w: usize, at: usize| generic_at[w].push((x as u32, at as u32));
        let hay = haystack(&t.plain);
        let plain = t.plain.as_bytes();
        match (&starts, &hay) {
            // One walk over the word starts for both when nothing was lowered.
            (Some(starts), Cow::Borrowed(_)) => nl::ascii_word_starts(plain, |at| {
                let first = triple_at(plain, at);
                if starts.may_start(first) {
                    starts.at(&t.plain, at, &mut record);
                }
                if nouns.may_start(first) {
                    nouns.at(&t.plain, at, &mut noun);
                }
            }),
            _ => {
                if let Some(starts) = &starts {
                    nl::ascii_word_starts(hay.as_bytes(), |at| {
                        if starts.may_start(triple_at(hay.as_bytes(), at)) {
                            starts.at(&hay, at, &mut record);
                        }
                    });
                } else if let Some(terms) = &terms {
                    by_automaton(terms, &hay, &mut record);
                }
                nl::ascii_word_starts(plain, |at| {
                    if nouns.may_start(triple_at(plain, at)) {
                        nouns.at(&t.plain, at, &mut noun);
                    }
                });
            }
        }
    }
    for list in &mut out.per_term {
        list.sort_unstable();
        list.shrink_to_fit();
    }
    (out, generic_at)
}

/// The overlapping automaton of the patterns, ASCII case folded (`None` when it cannot
/// be built: then no term is found): the search before [`Starts`], which the tests
/// compare it with, and the search still for a form [`Starts`] cannot take.
pub(super) fn automaton(patterns: &[String]) -> Option<aho_corasick::AhoCorasick> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(patterns)
        .ok()
}

/// Every whole-word occurrence of a pattern in `hay`: `found(pattern, start)`.
pub(super) fn by_automaton(
    a: &aho_corasick::AhoCorasick,
    hay: &str,
    mut found: impl FnMut(usize, usize),
) {
    for m in a.find_overlapping_iter(hay) {
        if !m.is_empty() && whole_word(hay, m.start(), m.len()) {
            found(m.pattern().as_usize(), m.start());
        }
    }
}
