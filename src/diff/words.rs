//! Word-level differences in running text.
//!
//! Text is split into tokens: words, and punctuation as tokens of its own (`lid,` is `lid`
//! and `,`), so a changed comma is a changed comma and not a changed word. Runs of tokens
//! with the same operation are joined the way the text writes them: a space between
//! words, none before `,` `.` `;` `:` `)` or after `(`.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::intern::Interner;
use super::lcs::lcs_len;

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of tokens with one operation, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Word {
    pub op: Op,
    pub text: String,
}

/// How text is compared (the noise policy). Whitespace and line wrapping never count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Noise {
    /// `Algemeen Bestuur` and `algemeen bestuur` are the same.
    pub ignore_case: bool,
    /// Punctuation is not compared at all.
    pub ignore_punctuation: bool,
}

const fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '(' | ')' | '!' | '?' | '"' | '\'' | '‘' | '’' | '“' | '”' | '„'
    )
}

/// The words of `text` between whitespace, exactly as `str::split_whitespace` gives them,
/// read by bytes: `split_whitespace` decodes every character to ask whether it is
/// whitespace, and that was the largest single cost of comparing texts (issue 17).
/// An ASCII byte is looked up directly; only a character outside ASCII is decoded.
pub fn split_whitespace(text: &str) -> SplitWhitespace<'_> {
    SplitWhitespace { text, pos: 0 }
}

/// See [`split_whitespace`].
pub struct SplitWhitespace<'a> {
    text: &'a str,
    pos: usize,
}

/// Bytes that end a run of ASCII word bytes: ASCII whitespace (`char::is_whitespace` in
/// ASCII: tab, line feed, vertical tab, form feed, carriage return and space;
/// `u8::is_ascii_whitespace` leaves out the vertical tab) and every byte of a character
/// outside ASCII, which is decoded to ask. One table look-up a byte (issue 17: the
/// splitting was a third of the cost of tokenising).
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || matches!(b as u8, b'\t'..=b'\r' | b' ');
        b += 1;
    }
    t
};

impl SplitWhitespace<'_> {
    /// The length of the whitespace character at `pos`, or 0 when it is none.
    fn space_at(&self, pos: usize) -> usize {
        let b = self.text.as_bytes()[pos];
        if b.is_ascii() {
            usize::from(STOPS[usize::from(b)])
        } else {
            match self.text[pos..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => 0,
            }
        }
    }
}

impl<'a> Iterator for SplitWhitespace<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            match self.space_at(self.pos) {
                0 => break,
                n => self.pos += n,
            }
        }
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        loop {
            // The run of ASCII bytes that are not whitespace, then what ends it.
            match bytes[self.pos..]
                .iter()
                .position(|&b| STOPS[usize::from(b)])
            {
                None => {
                    self.pos = bytes.len();
                    break;
                }
                Some(k) => self.pos += k,
            }
            if bytes[self.pos].is_ascii() {
                break;
            }
            // `pos` is at the start of a character outside ASCII.
            match self.text[self.pos..].chars().next() {
                Some(c) if !c.is_whitespace() => self.pos += c.len_utf8(),
                _ => break,
            }
        }
        Some(&self.text[start..self.pos])
    }
}

/// The tokens of `text`: words and single punctuation characters, markup removed.
///
/// The words are those of [`split_whitespace`], found in one inlined pass that looks at
/// eight bytes at a time while none of them can end a word (issue 17: splitting was
/// 23 M of `grc diff`'s 274 M instructions on the 10x pair, about 100 a word through the
/// iterator). `words_tests::tokens_are_the_split_words_tokens` proves it equal to
/// splitting with [`split_whitespace`] and tokenising each word.
pub fn tokens(text: &str) -> Vec<&str> {
    // Room for a token every five bytes at once, about what running text has (growing
    // the vector one doubling at a time was a sixth of tokenising, issue 17).
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        // Whitespace before a word.
        let b = bytes[pos];
        if b.is_ascii() {
            if STOPS[usize::from(b)] {
                pos += 1;
                continue;
            }
        } else if let Some(c) = text[pos..].chars().next().filter(|c| c.is_whitespace()) {
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        pos = word_end(text, pos);
        push_word(&text[start..pos], &mut out);
    }
    out
}

/// The end of the word that starts at `pos` (a character that is not whitespace): the
/// next whitespace character or the end of `text`.
fn word_end(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Skip eight bytes at a time while none is below 0x21 or outside ASCII (the only
        // bytes that can start whitespace); the lowest such byte of a word is found
        // exactly (a borrow in the subtraction only starts at such a byte and only
        // reaches the bytes above it).
        while let Some(chunk) = bytes.get(pos..pos + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let candidates =
                ((w.wrapping_sub(0x2121_2121_2121_2121) & !w) | w) & 0x8080_8080_8080_8080;
            if candidates != 0 {
                pos += (candidates.trailing_zeros() / 8) as usize;
                break;
            }
            pos += 8;
        }
        // Byte by byte to the next byte that may end the word (the chunk's candidate,
        // or the last few bytes of the text).
        match bytes[pos..].iter().position(|&b| STOPS[usize::from(b)]) {
            None => return bytes.len(),
            Some(k) => pos += k,
        }
        if bytes[pos].is_ascii() {
            return pos;
        }
        // `pos` is at the start of a character outside ASCII.
        match text[pos..].chars().next() {
            Some(c) if !c.is_whitespace() => pos += c.len_utf8(),
            _ => return pos,
        }
    }
}

/// Pushes the tokens of one word (text between whitespace): leading punctuation, the
/// rest, trailing punctuation, each punctuation character a token of its own.
fn push_word<'a>(word: &'a str, out: &mut Vec<&'a str>) {
    // Most words neither start nor end with punctuation: a look at their first and
    // last byte says so (every punctuation mark is ASCII or starts with 0xE2 and
    // ends in one of five bytes; a byte that might be one takes the full path).
    let bytes = word.as_bytes();
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    if !MAY_START_PUNCT[usize::from(first)] && !MAY_END_PUNCT[usize::from(last)] {
        out.push(word);
        return;
    }
    let mut rest = word;
    // Leading punctuation: `(` and quotes.
    while let Some(c) = rest.chars().next().filter(|c| is_punct(*c)) {
        out.push(&rest[..c.len_utf8()]);
        rest = &rest[c.len_utf8()..];
    }
    // Trailing punctuation: where it starts, then each mark in order (collecting the
    // marks from the back into a vector allocated one for every such word).
    let mut end = rest.len();
    while let Some(c) = rest[..end].chars().next_back().filter(|c| is_punct(*c)) {
        end -= c.len_utf8();
    }
    if end > 0 {
        out.push(&rest[..end]);
    }
    let mut tail = &rest[end..];
    while let Some(c) = tail.chars().next() {
        out.push(&tail[..c.len_utf8()]);
        tail = &tail[c.len_utf8()..];
    }
}

/// The ASCII bytes that are punctuation marks.
const fn ascii_punct() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = is_punct(b as u8 as char);
        b += 1;
    }
    t
}

/// Bytes a punctuation mark can start with: an ASCII mark, or 0xE2 (the curly quotes).
static MAY_START_PUNCT: [bool; 256] = {
    let mut t = ascii_punct();
    t[0xE2] = true;
    t
};

/// Bytes a punctuation mark can end with: an ASCII mark, or the last byte of a curly
/// quote (‘ ’ “ ” „ end in 0x98, 0x99, 0x9C, 0x9D, 0x9E).
static MAY_END_PUNCT: [bool; 256] = {
    let mut t = ascii_punct();
    t[0x98] = true;
    t[0x99] = true;
    t[0x9C] = true;
    t[0x9D] = true;
    t[0x9E] = true;
    t
};

/// The key a token is compared by under `noise` (`None`: ignored).
fn key(token: &str, noise: Noise) -> Option<std::borrow::Cow<'_, str>> {
    if noise.ignore_punctuation && token.chars().all(is_punct) {
        return None;
    }
    Some(if noise.ignore_case {
        std::borrow::Cow::Owned(token.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(token)
    })
}

/// True when `old` and `new` are the same text under `noise`.
pub fn same(old: &str, new: &str, noise: Noise) -> bool {
    if noise == Noise::default() {
        // Whitespace aside, the texts must be equal: compare the words directly (most
        // elements of two versions are byte for byte the same). The words before the
        // last whitespace of the common prefix are the same in both, so only the rest is
        // split (splitting was nine tenths of this comparison, issue 17).
        if old == new {
            return true;
        }
        let start = settled(old, new);
        return split_whitespace(&old[start..]).eq(split_whitespace(&new[start..]));
    }
    let a = tokens(old).into_iter().filter_map(|t| key(t, noise));
    let b = tokens(new).into_iter().filter_map(|t| key(t, noise));
    a.eq(b)
}

/// Where the two texts' common prefix ends a whitespace character (0 when it has none):
/// no word runs across that place in either text, so the words before it are the same
/// in both and the words of each text are those before it followed by those after it.
/// The prefix is cut back to a character boundary first (two characters outside ASCII
/// may share their first bytes); it is one in both texts, which agree up to there.
fn settled(old: &str, new: &str) -> usize {
    let mut common = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(common) {
        common -= 1;
    }
    old[..common]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The word-level difference between two texts.
///
/// A text rewritten for the most part (fewer than [`REWRITTEN`] of its tokens kept, by
/// Sørensen–Dice) comes out as the old text deleted whole and the new inserted whole, as
/// a drafter's redline shows it: single kept words ("het", "van") strewn between long
/// struck and inserted runs only make both texts unreadable.
pub fn diff(old: &str, new: &str, noise: Noise) -> Vec<Word> {
    diff_with(old, new, noise, true)
}

/// [`diff`]; `bound`: skip Myers where the shared tokens already say the text is
/// rewritten (off only in the test that shows the skip changes no diff).
fn diff_with(old: &str, new: &str, noise: Noise, bound: bool) -> Vec<Word> {
    let a = tokens(old);
    let b = tokens(new);
    // Tokens are compared as small integers (one table per call), so the diff compares
    // numbers, not strings. Ids are given in order of first occurrence, so they do not
    // depend on the table's layout; the table is made large enough for every token at
    // once (growing it rehashed every key, and interning was 15 % of the word diffs).
    let mut ka: Vec<u32> = Vec::with_capacity(a.len());
    let mut kb: Vec<u32> = Vec::with_capacity(b.len());
    let distinct = if noise == Noise::default() {
        // Without a noise policy a token is its own key (what `key` gives then), and
        // the interner borrows it.
        let mut ids = Interner::with_capacity(a.len() + b.len());
        ka.extend(a.iter().map(|t| ids.id(t)));
        kb.extend(b.iter().map(|t| ids.id(t)));
        ids.len()
    } else {
        let mut ids: rustc_hash::FxHashMap<std::borrow::Cow<'_, str>, u32> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(a.len() + b.len(), Default::default());
        for (tokens, out) in [(&a, &mut ka), (&b, &mut kb)] {
            for t in tokens.iter() {
                let k = key(t, noise).unwrap_or(std::borrow::Cow::Borrowed(""));
                let next = ids.len() as u32;
                out.push(*ids.entry(k).or_insert(next));
            }
        }
        ids.len()
    };
    let mut counts = if bound { vec![0; distinct] } else { Vec::new() };
    diff_ids((&a, &b), (&ka, &kb), bound.then_some(&mut counts[..]))
}

/// [`diff`] of two token sequences interned by the caller (one table for a whole
/// alignment and its word diffs, so each token is cut and hashed once; issue 17): `ka`
/// and `kb` are the ids of `a` and `b`, equal exactly where the tokens are, and `counts`
/// has a zero for every id and is left so. Myers sees only which ids are equal, so the
/// ids' values do not change the diff (`words_tests::shared_ids_give_the_same_diff`).
pub(super) fn diff_interned(
    tokens: (&[&str], &[&str]),
    ids: (&[u32], &[u32]),
    counts: &mut [u32],
) -> Vec<Word> {
    diff_ids(tokens, ids, Some(counts))
}

/// The diff of interned tokens; `bound`: the scratch counts for skipping Myers where the
/// shared tokens already say the text is rewritten (`None`: never skip).
fn diff_ids(
    (a, b): (&[&str], &[&str]),
    (ka, kb): (&[u32], &[u32]),
    bound: Option<&mut [u32]>,
) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    // Each run is joined straight onto its word's text, not into a string of its own
    // that is then copied (issue 17). A run's text starts with its first token, so the
    // space before it is asked of that token.
    let mut push = |op: Op, toks: &[&str]| {
        let Some(first) = toks.first() else {
            return;
        };
        match out.last_mut() {
            Some(last) if last.op == op => {
                if needs_space(&last.text, first) {
                    last.text.push(' ');
                }
                join_onto(&mut last.text, toks);
            }
            _ => {
                let mut text = String::new();
                join_onto(&mut text, toks);
                out.push(Word { op, text });
            }
        }
    };
    // The tokens the two texts share as multisets bound what Myers can keep: when even
    // that bound is below REWRITTEN (or nothing is shared), the text is rewritten
    // whatever the diff finds, and Myers, whose cost grows with the differences, is
    // skipped (a rewritten lid was most of the word diffs' time, issue 17).
    if let Some(counts) = bound
        && rewritten_by_count(ka, kb, counts)
    {
        push(Op::Delete, a);
        push(Op::Insert, b);
        return out;
    }
    let ops = capture_diff_slices(Algorithm::Myers, ka, kb);
    let kept: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    if kept > 0 && ((2 * kept) as f64) < REWRITTEN * (a.len() + b.len()) as f64 {
        push(Op::Delete, a);
        push(Op::Insert, b);
        return out;
    }
    for op in ops {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                // Equal under the noise policy; show the new text.
                push(Op::Equal, &b[new_index..new_index + len]);
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(Op::Delete, &a[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(Op::Insert, &b[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Op::Delete, &a[old_index..old_index + old_len]);
                push(Op::Insert, &b[new_index..new_index + new_len]);
            }
        }
    }
    out
}

/// Below this share of kept tokens a text counts as rewritten (see [`diff`]).
pub const REWRITTEN: f64 = 0.5;

/// Whether two texts of interned tokens keep so few tokens in any diff that [`diff`]
/// writes them as rewritten. A diff keeps at most the tokens the two share as multisets,
/// and at most a longest common subsequence of them; it keeps none when that bound is
/// zero (then Myers gives one deletion and one insertion, which is what the rewritten
/// form writes). The subsequence is asked only where the multisets leave the question
/// open and Myers would cost more: Myers' work grows with the tokens to delete and
/// insert, the subsequence's with the product of the lengths over 64 (issue 17: a
/// rewritten lid whose words are mostly shared, in another order, was 12 % of Myers'
/// instructions on the real pair). `counts`: as for [`shared`].
fn rewritten_by_count(a: &[u32], b: &[u32], counts: &mut [u32]) -> bool {
    let total = (a.len() + b.len()) as f64;
    let rewritten = |kept: usize| kept == 0 || ((2 * kept) as f64) < REWRITTEN * total;
    let common = shared(a, b, counts);
    if rewritten(common) {
        return true;
    }
    // At least this many tokens are deleted or inserted, each a step of Myers' search
    // over both texts.
    // (A text of up to 64 tokens is always asked: one word a token of `b`, less than
    // Myers' own first pass over both texts.)
    let edits = a.len() + b.len() - 2 * common;
    a.len().div_ceil(64) * b.len() <= (a.len() + b.len()) * (edits + 1)
        && rewritten(lcs_len(a, b, counts))
}

/// How many tokens two texts of interned tokens share as multisets. `counts` has a
/// zero for every id and is left so.
pub(super) fn shared(a: &[u32], b: &[u32], counts: &mut [u32]) -> usize {
    for &t in a {
        counts[t as usize] += 1;
    }
    let mut common = 0usize;
    for &t in b {
        if counts[t as usize] > 0 {
            counts[t as usize] -= 1;
            common += 1;
        }
    }
    for &t in a {
        counts[t as usize] = 0;
    }
    common
}

/// Tokens joined as text: a space between words, none before closing punctuation, after
/// an opening bracket, or inside a pair of quotes.
pub fn join(tokens: &[&str]) -> String {
    let mut s = String::new();
    join_onto(&mut s, tokens);
    s
}

/// [`join`], appended to `s`: the tokens are joined as if `s` were empty (no space before
/// the first, the quotes paired among them alone), with room made for all at once.
fn join_onto(s: &mut String, tokens: &[&str]) {
    s.reserve(tokens.iter().map(|t| t.len() + 1).sum());
    let start = s.len();
    let mut open_quote = false;
    let mut after_open_quote = false;
    for t in tokens {
        let is_quote = matches!(*t, "\"" | "'");
        let closing_quote = is_quote && open_quote;
        if s.len() > start && !after_open_quote && !closing_quote && needs_space(s, t) {
            s.push(' ');
        }
        s.push_str(t);
        after_open_quote = is_quote && !open_quote;
        if is_quote {
            open_quote = !open_quote;
        }
    }
}

/// Whether a space goes between text ending in `before` and text starting with `next`.
pub fn needs_space(before: &str, next: &str) -> bool {
    let closing = next.starts_with([',', '.', ';', ':', ')', '!', '?']);
    let opening = before.ends_with('(');
    !(closing || opening)
}

/// How alike two texts are, 0 to 1: the share of tokens in common (Sørensen–Dice over
/// the token multisets). Cheap and order-blind, used to align; the diff itself is exact.
pub fn similarity(old: &str, new: &str) -> f64 {
    use rustc_hash::FxHashMap;
    // The same text shares every token (an article repeated in a large regeling is not
    // unique, so the alignment asks this of many identical pairs).
    if old == new {
        return 1.0;
    }
    let a = tokens(old);
    let b = tokens(new);
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut counts: FxHashMap<&str, i64> = FxHashMap::default();
    for t in &a {
        *counts.entry(t).or_default() += 1;
    }
    let mut common = 0;
    for t in &b {
        if let Some(c) = counts.get_mut(t)
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
#[path = "words_tests.rs"]
pub(super) mod tests;

#[cfg(test)]
#[path = "words_bound_tests.rs"]
mod bound_tests;
