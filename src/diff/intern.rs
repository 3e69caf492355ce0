//! Token ids for the word diffs and the alignment's similarity: each distinct token text
//! gets a small integer, in order of first occurrence.
//!
//! An open-addressing table of ids (linear probing, at most half full) over the borrowed
//! token texts. It gives exactly the ids an `FxHashMap<&str, u32>` filled with
//! `entry(t).or_insert(len)` gives (the ids depend only on the order of first
//! occurrence, never on the table); it was that map, and the map's entry path (hashing,
//! probing by groups, inserting) was about 100 instructions a token: 21 M of
//! `grc diff`'s 274 M on the 10x pair (issue 17). `tests::ids_are_the_hash_maps`
//! compares the two on every text of the repository and the corpus.

use std::hash::BuildHasher;

pub(super) struct Interner<'a> {
    /// Id + 1 of the text whose probe sequence passes here, 0 for an empty slot; the
    /// length is a power of two.
    slots: Vec<u32>,
    /// The text of each id.
    texts: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    /// A table with room for `n` distinct tokens before it grows.
    pub(super) fn with_capacity(n: usize) -> Self {
        Interner {
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
            texts: Vec::with_capacity(n),
        }
    }

    /// How many distinct tokens have an id (every id is below it).
    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    /// The text of `id`.
    pub(super) fn text(&self, id: u32) -> &'a str {
        self.texts[id as usize]
    }

    /// Room for `n` more distinct tokens before the table grows.
    pub(super) fn reserve(&mut self, n: usize) {
        let needed = (2 * (self.texts.len() + n)).next_power_of_two();
        if needed > self.slots.len() {
            self.rebuild(needed);
        }
    }

    /// The id of `text`, given the next one when it is new.
    pub(super) fn id(&mut self, text: &'a str) -> u32 {
        if 2 * (self.texts.len() + 1) > self.slots.len() {
            self.rebuild(2 * self.slots.len());
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(text) & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.texts.push(text);
                    self.slots[i] = self.texts.len() as u32;
                    return self.texts.len() as u32 - 1;
                }
                s if self.texts[s as usize - 1] == text => return s - 1,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Puts every id into a table of `size` slots.
    fn rebuild(&mut self, size: usize) {
        let mut slots = vec![0u32; size];
        let mask = size - 1;
        for (id, text) in self.texts.iter().enumerate() {
            let mut i = slot_of(text) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = id as u32 + 1;
        }
        self.slots = slots;
    }
}

/// Where a text's probe sequence starts (before the mask).
fn slot_of(text: &str) -> usize {
    rustc_hash::FxBuildHasher.hash_one(text) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids an `FxHashMap` gives, the way the word diff and the alignment gave them.
    fn by_hash_map<'a>(tokens: &[&'a str]) -> Vec<u32> {
        let mut ids: rustc_hash::FxHashMap<&'a str, u32> = Default::default();
        tokens
            .iter()
            .map(|t| {
                let next = ids.len() as u32;
                *ids.entry(t).or_insert(next)
            })
            .collect()
    }

    #[test]
    fn ids_are_the_hash_maps() {
        // Constructed: nothing, one token, the same token again and again, the empty
        // token, many distinct tokens (so the table grows several times from its
        // smallest size and from a reserved one).
        let many: Vec<String> = (0..5000).map(|i| format!("w{}", i % 1777)).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let cases: Vec<Vec<&str>> = vec![
            vec![],
            vec!["a"],
            vec!["a", "a", "a"],
            vec!["", "a", "", "é", "a"],
            many.clone(),
        ];
        for tokens in &cases {
            for reserve in [0, 1, tokens.len()] {
                let mut interner = Interner::with_capacity(reserve);
                let ids: Vec<u32> = tokens.iter().map(|t| interner.id(t)).collect();
                assert_eq!(ids, by_hash_map(tokens));
                assert_eq!(
                    interner.len(),
                    by_hash_map(tokens)
                        .iter()
                        .max()
                        .map_or(0, |m| *m as usize + 1)
                );
            }
        }
        // Every text of the repository and the corpus: one interner per file (as the
        // alignment keeps one per level), reserved in steps as the alignment does, and
        // one per line (as a word diff has one per call).
        let files = super::super::words::tests::texts();
        let mut tokens_seen = 0;
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let all = super::super::words::tokens(&text);
            let mut interner = Interner::with_capacity(0);
            let mut ids = Vec::with_capacity(all.len());
            for line in text.lines() {
                let line_tokens = super::super::words::tokens(line);
                interner.reserve(line_tokens.len());
                ids.extend(line_tokens.iter().map(|t| interner.id(t)));
                let mut own = Interner::with_capacity(line_tokens.len());
                let own_ids: Vec<u32> = line_tokens.iter().map(|t| own.id(t)).collect();
                assert_eq!(own_ids, by_hash_map(&line_tokens), "{line:?}");
            }
            assert_eq!(ids, by_hash_map(&all), "{}", path.display());
            tokens_seen += all.len();
        }
        let files = files.len();
        assert!(files > 150, "the repository's texts are read: {files}");
        assert!(tokens_seen > 80_000, "{tokens_seen}");
    }
}
