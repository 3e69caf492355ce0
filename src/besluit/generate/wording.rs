//! The words of a replacement: which changed words to quote, with just enough context
//! to occur once, and without markup or the sentence's full stop.

use super::*;

/// Word replacements for blocks of the same shape: one "wordt ... vervangen door ..."
/// per changed run of words, quoted long enough to occur once in the element.
pub(super) fn words_ops(old: &[Blok], new: &[Blok], at: &Addr) -> Option<Vec<Op>> {
    let mut old_al = Vec::new();
    let mut new_al = Vec::new();
    collect_texts(old, &mut old_al);
    collect_texts(new, &mut new_al);
    if old_al.len() != new_al.len() {
        return None;
    }
    // The element's text as it reads now, updated after each replacement.
    let mut current: Vec<String> = old_al.iter().map(|s| s.to_string()).collect();
    let mut ops = Vec::new();
    for i in 0..old_al.len() {
        if old_al[i] == new_al[i] {
            continue;
        }
        for (x, y) in hunks(old_al[i], new_al[i], &current, i)? {
            if !occurs_once(&current, &x) {
                return None;
            }
            current[i] = current[i].replacen(x.as_str(), &y, 1);
            ops.push(Op::new(
                Sentence::Replace {
                    at: at.clone(),
                    old: x,
                    new: y,
                },
                None,
            ));
        }
        if current[i] != new_al[i] {
            return None;
        }
    }
    Some(ops)
}

pub(super) fn collect_texts<'a>(content: &'a [Blok], out: &mut Vec<&'a str>) {
    for b in content {
        match b {
            Blok::Alinea(a) => out.push(&a.text),
            Blok::Lid(l) => collect_texts(&l.content, out),
            Blok::Lijst(list) => {
                for item in &list.items {
                    collect_texts(&item.content, out);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

/// Words of a line with their byte ranges.
pub(super) fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The replacements that turn `old` into `new` (one line), each quoted with enough
/// context to occur once in the element as it reads when the replacement is made.
pub(super) fn hunks(
    old: &str,
    new: &str,
    current: &[String],
    line: usize,
) -> Option<Vec<(String, String)>> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let ow = word_spans(old);
    let nw = word_spans(new);
    let ot: Vec<&str> = ow.iter().map(|(a, b)| &old[*a..*b]).collect();
    let nt: Vec<&str> = nw.iter().map(|(a, b)| &new[*a..*b]).collect();
    // Changed runs as (old start, old end, new start, new end) in word indices.
    let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ot, &nt) {
        let (o0, o1, n0, n1) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_index + old_len, new_index, new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, old_index, new_index, new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index,
                old_index + old_len,
                new_index,
                new_index + new_len,
            ),
        };
        // Runs close together are one replacement (clearer than two): at most two words
        // apart, or up to five within one clause ("stelt" → "kan" and "vast" → "vast
        // stellen" in "stelt een Reglement van Orde vast" is one change of that phrase).
        let near = |last: &(usize, usize, usize, usize)| {
            let between = ot.get(last.1..o0).unwrap_or_default();
            o0 <= last.1 + 2
                || (o0 <= last.1 + 5
                    && !between
                        .iter()
                        .any(|w| w.ends_with([',', ';', '.', ':', ')'])))
        };
        match runs.last_mut() {
            Some(last) if near(last) => {
                last.1 = o1;
                last.3 = n1;
            }
            _ => runs.push((o0, o1, n0, n1)),
        }
    }
    if runs.len() > 3 {
        return None;
    }
    // The replacements are made in reading order; each is checked against the text as
    // the ones before it leave it.
    let mut text_now: Vec<String> = current.to_vec();
    let mut out = Vec::new();
    for (k, &(o0, o1, n0, n1)) in runs.iter().enumerate() {
        // Context may only come from the unchanged words between this run and its
        // neighbours (there old and new words correspond one to one).
        let (lo_o, lo_n) = if k > 0 {
            (runs[k - 1].1, runs[k - 1].3)
        } else {
            (0, 0)
        };
        let (hi_o, hi_n) = runs.get(k + 1).map_or((ot.len(), nt.len()), |r| (r.0, r.2));
        let (mut a, mut b, mut c, mut d) = (o0, o1, n0, n1);
        let widen = |a: &mut usize, b: &mut usize, c: &mut usize, d: &mut usize| -> bool {
            if *a > lo_o && *c > lo_n {
                *a -= 1;
                *c -= 1;
                true
            } else if *b < hi_o && *d < hi_n {
                *b += 1;
                *d += 1;
                true
            } else {
                false
            }
        };
        // An insertion quotes a neighbouring word too.
        if a == b && !widen(&mut a, &mut b, &mut c, &mut d) {
            return None;
        }
        loop {
            let x = &old[ow[a].0..ow[b - 1].1];
            if occurs_once(&text_now, x) && crate::besluit::sentence::quotable(x) {
                break;
            }
            if !widen(&mut a, &mut b, &mut c, &mut d) {
                return None;
            }
        }
        let x = &old[ow[a].0..ow[b - 1].1];
        let y = if c < d {
            &new[nw[c].0..nw[d - 1].1]
        } else {
            ""
        };
        let (x, y) = trim_quotes(x, y, &text_now);
        let (x, y) = (x.to_string(), y.to_string());
        if y.is_empty()
            || !crate::besluit::sentence::quotable(&y)
            || has_markup(&x)
            || has_markup(&y)
        {
            return None;
        }
        text_now[line] = text_now[line].replacen(&x, &y, 1);
        out.push((x, y));
    }
    Some(out)
}

/// Leaves out of a replacement what the old and the new words share at their edges and a
/// reader should not see quoted: emphasis marks (`*"X";*` quotes as `"X";`, the
/// emphasis stays), quotes both have (`""schap""` quotes as `"schap"`) and the
/// punctuation that ends the sentence (`"het Schap."` quotes as `"het Schap"`), as long as
/// the shorter words still occur once in the element.
pub(super) fn trim_quotes<'a>(x: &'a str, y: &'a str, text: &[String]) -> (&'a str, &'a str) {
    let once = |w: &str| occurs_once(text, w);
    let (mut x, mut y) = (x, y);
    // Emphasis marks and quotes in pairs around both (`*"X";*`, `"schap"`).
    while let Some(c) = x.chars().next().filter(|c| matches!(c, '*' | '"')) {
        let inner = |w: &'a str| w.strip_prefix(c).and_then(|w| w.strip_suffix(c));
        let (Some(p), Some(q)) = (inner(x), inner(y)) else {
            break;
        };
        if p.is_empty() || q.is_empty() || !once(p) {
            break;
        }
        (x, y) = (p, q);
    }
    // A single emphasis mark both start with (`*X` of `*X* 2015`).
    while let (Some(p), Some(q)) = (x.strip_prefix('*'), y.strip_prefix('*')) {
        if p.is_empty() || q.is_empty() || !once(p) {
            break;
        }
        (x, y) = (p, q);
    }
    while let (Some(c), Some(d)) = (x.chars().last(), y.chars().last()) {
        let (p, q) = (&x[..x.len() - c.len_utf8()], &y[..y.len() - d.len_utf8()]);
        let trims = c == d && matches!(c, '*' | '.' | ',' | ';' | ':');
        if !trims
            || p.trim_end().is_empty()
            || q.trim_end().is_empty()
            || p.ends_with(' ')
            || !once(p)
        {
            break;
        }
        (x, y) = (p, q);
    }
    (x, y)
}

/// Whether `words` occur exactly once in the element's texts (counted as `str::matches`
/// counts them: left to right, without overlap). A replacement quotes words that occur
/// once; the count is asked for every widening of every quote of short texts, where
/// building a substring searcher cost more than the search: the texts are scanned for
/// the first byte (a UTF-8 needle starts on a character boundary, so a byte match is a
/// match of characters), and the scan stops at the second occurrence.
pub(super) fn occurs_once(texts: &[String], words: &str) -> bool {
    let needle = words.as_bytes();
    let Some(&first) = needle.first() else {
        return texts
            .iter()
            .map(|t| t.matches(words).count())
            .sum::<usize>()
            == 1;
    };
    let mut seen = 0;
    for t in texts {
        let hay = t.as_bytes();
        let mut at = 0;
        while let Some(p) = memchr::memchr(first, &hay[at..]) {
            let i = at + p;
            if hay[i..].starts_with(needle) {
                seen += 1;
                if seen > 1 {
                    return false;
                }
                at = i + needle.len();
            } else {
                at = i + 1;
            }
        }
    }
    seen == 1
}

/// Whether quoted words would show source markup (`*`, `\`) instead of the text a
/// reader sees: such a change is made by replacing the element whole.
pub(super) fn has_markup(words: &str) -> bool {
    words.contains('*') || words.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::occurs_once;

    /// The count `str::matches` gives, summed over the texts: what `occurs_once` replaced.
    fn by_matches(texts: &[String], words: &str) -> bool {
        texts
            .iter()
            .map(|t| t.matches(words).count())
            .sum::<usize>()
            == 1
    }

    /// `occurs_once` answers as the per-text `str::matches` count did: on overlapping and
    /// repeated needles, across texts, on the empty needle, and for every run of one to
    /// four words (and each word's halves) of every alinea of the repository's `.gr`
    /// files and texts and the shared corpus (where a machine has it), looked up in the
    /// alinea's article.
    #[test]
    fn occurs_once_is_the_matches_count() {
        let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        for (texts, needle) in [
            (s(&["aaa"]), "aa"),
            (s(&["aa"]), "aa"),
            (s(&["aaaa"]), "aa"),
            (s(&["aba", "b"]), "b"),
            (s(&["ab", "ab"]), "ab"),
            (s(&["", "x"]), "x"),
            (s(&["abc"]), ""),
            (s(&[""]), ""),
            (s(&[]), "a"),
            (s(&["één é"]), "é"),
            (s(&["het lid, het lid"]), "het lid"),
        ] {
            assert_eq!(occurs_once(&texts, needle), by_matches(&texts, needle));
        }
        let mut checked = 0usize;
        let mut once = 0usize;
        let files = crate::render::test_files::under(
            &["regelingen", "tests/fixtures", "/work/shared/corpus"],
            &["gr", "txt"],
        );
        assert!(files.len() > 50, "{} files", files.len());
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let (r, _) = crate::source::parse("t.gr", &text);
            for a in crate::tree::walk::articles(&r) {
                let mut found = Vec::new();
                super::collect_texts(&a.content, &mut found);
                let texts: Vec<String> = found.iter().map(|t| t.to_string()).collect();
                for t in &texts {
                    let spans = super::word_spans(t);
                    for i in 0..spans.len() {
                        for k in 1..=4.min(spans.len() - i) {
                            let run = &t[spans[i].0..spans[i + k - 1].1];
                            let word = &t[spans[i].0..spans[i].1];
                            let half = &word[..word.floor_char_boundary(word.len() / 2)];
                            for needle in [run, half] {
                                let want = by_matches(&texts, needle);
                                assert_eq!(occurs_once(&texts, needle), want, "{needle:?}");
                                checked += 1;
                                once += usize::from(want);
                            }
                        }
                    }
                }
            }
        }
        // Both answers must occur often, or the comparison proves little.
        assert!(checked > 100_000 && once > 10_000 && checked - once > 10_000);
    }
}
