//! The term check's search by word starts: a whole-word use of a form that starts with an
//! ASCII letter or digit starts where an ASCII letter or digit follows a byte that is not
//! one (`nl::ascii_word_starts`, eight bytes at a time); one bit for the word's first
//! three bytes rules out most words, and the forms that begin with those three bytes are
//! compared there. It replaces an overlapping aho-corasick pass over every byte of every
//! alinea for the terms and a `memmem` pass per capitalised noun for T002 (twenty
//! passes); both stay as the references in the tests (`uses::tests`), and the automaton
//! still searches when some form does not start with an ASCII letter or digit
//! (`'s-Gravenhage`, `één`).

use rustc_hash::FxHashMap;

use super::whole_word;

/// Patterns (ASCII case folded or not) by their first three bytes.
pub(super) struct Starts<'p> {
    patterns: Vec<&'p str>,
    fold: bool,
    /// A bit per [`triple`] with which some pattern can start (a few share one bit: it
    /// only rules out). A pattern of one or two bytes sets every triple it begins.
    filter: Box<[u64; 4096]>,
    /// The patterns of three bytes or more by their first three (folded).
    by_start: FxHashMap<u32, Vec<u32>>,
    /// The patterns of one or two bytes, compared wherever the filter lets a word by.
    short: Vec<u32>,
}

/// Three bytes in 18 bits, the low six of each after `| 0x20` (an ASCII capital and its
/// small letter give the same bits).
fn triple(a: u8, b: u8, c: u8) -> usize {
    ((a | 0x20) & 0x3f) as usize
        | (((b | 0x20) & 0x3f) as usize) << 6
        | (((c | 0x20) & 0x3f) as usize) << 12
}

/// The [`triple`] of the bytes at `at` (0 past the end): computed once per word for the
/// terms' and the nouns' filters.
#[inline(always)]
pub(super) fn triple_at(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..at + 3) {
        Some(&[a, b, c]) => triple(a, b, c),
        _ => {
            let byte = |i: usize| bytes.get(at + i).copied().unwrap_or(0);
            triple(byte(0), byte(1), byte(2))
        }
    }
}

/// The first three bytes of a pattern or a word as one number, ASCII case folded or not.
fn key(a: u8, b: u8, c: u8, fold: bool) -> u32 {
    let [a, b, c] = [a, b, c].map(|x| if fold { x.to_ascii_lowercase() } else { x });
    u32::from_le_bytes([a, b, c, 0])
}

impl<'p> Starts<'p> {
    /// `None` when a pattern that is not empty (an empty match is never a use) does not
    /// start with an ASCII letter or digit. `fold`: ASCII case folded, as the automaton
    /// built with `ascii_case_insensitive` compares.
    pub(super) fn new(patterns: &[&'p str], fold: bool) -> Option<Starts<'p>> {
        let mut s = Starts {
            patterns: patterns.to_vec(),
            fold,
            filter: Box::new([0; 4096]),
            by_start: FxHashMap::default(),
            short: Vec::new(),
        };
        let mut mark = |t: usize| s.filter[t / 64] |= 1 << (t % 64);
        for (id, p) in patterns.iter().enumerate() {
            let b = p.as_bytes();
            let Some(&first) = b.first() else { continue };
            if !first.is_ascii_alphanumeric() {
                return None;
            }
            match b[..] {
                [a, b, c, ..] => mark(triple(a, b, c)),
                [a, b] => (0..64).for_each(|c| mark(triple(a, b, c))),
                _ => (0..64).for_each(|b| (0..64).for_each(|c| mark(triple(first, b, c)))),
            }
            match b[..] {
                [a, b, c, ..] => s
                    .by_start
                    .entry(key(a, b, c, fold))
                    .or_default()
                    .push(id as u32),
                _ => s.short.push(id as u32),
            }
        }
        Some(s)
    }

    /// Whether some pattern can start with the [`triple_at`] `t` (one bit: most words
    /// stop here).
    #[inline(always)]
    pub(super) fn may_start(&self, t: usize) -> bool {
        self.filter[t / 64] & (1 << (t % 64)) != 0
    }

    /// Calls `found(pattern, start)` for each pattern that stands at `start` in `hay`
    /// as a whole word ([`whole_word`]).
    pub(super) fn at(&self, hay: &str, start: usize, mut found: impl FnMut(usize, usize)) {
        let bytes = hay.as_bytes();
        let mut check = |id: u32| {
            let p = self.patterns[id as usize].as_bytes();
            let same = bytes.get(start..start + p.len()).is_some_and(|w| {
                if self.fold {
                    w.eq_ignore_ascii_case(p)
                } else {
                    w == p
                }
            });
            if same && whole_word(hay, start, p.len()) {
                found(id as usize, start);
            }
        };
        if let Some(&[a, b, c]) = bytes.get(start..start + 3)
            && let Some(ids) = self.by_start.get(&key(a, b, c, self.fold))
        {
            ids.iter().for_each(|&id| check(id));
        }
        self.short.iter().for_each(|&id| check(id));
    }
}
