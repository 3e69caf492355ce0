//! Unit tests of the word diff's bounds (the common subsequence) and of the runs joined
//! in place.

use super::tests::{diff_by_myers, random};
use super::*;

/// The length of a longest common subsequence by dynamic programming.
fn lcs_by_table(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn the_bit_parallel_subsequence_is_the_tables() {
    // Lengths on both sides of each 64-token word boundary, vocabularies from one token
    // to many; `counts` must come back all zero.
    let mut next = random(41);
    for round in 0..3000 {
        let (la, lb) = (next(200), next(200));
        let vocabulary = 1 + next(if round % 2 == 0 { 4 } else { 60 });
        let mut text =
            |len: usize| -> Vec<u32> { (0..len).map(|_| next(vocabulary) as u32).collect() };
        let (a, b) = (text(la), text(lb));
        let mut counts = vec![0; vocabulary];
        assert_eq!(
            lcs_len(&a, &b, &mut counts),
            lcs_by_table(&a, &b),
            "{a:?} {b:?}"
        );
        assert!(counts.iter().all(|&c| c == 0));
    }
}

#[test]
fn skipping_myers_by_the_common_subsequence_changes_no_diff() {
    // Texts whose tokens are mostly shared in another order: the multisets say nothing,
    // the common subsequence says rewritten. Shuffled copies of random texts with a few
    // tokens changed, 10 to 150 tokens (so the subsequence spans several words).
    let mut next = random(43);
    let vocabulary: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
    let mut by_subsequence = 0;
    for round in 0..3000 {
        let len = 10 + next(140);
        let old: Vec<&str> = (0..len).map(|_| vocabulary[next(60)].as_str()).collect();
        let mut new = old.clone();
        // Shuffled over a stretch (all of it, or part), then a few tokens replaced.
        let stretch = if round % 3 == 0 { len } else { 1 + next(len) };
        for i in (1..stretch).rev() {
            new.swap(i, next(i + 1));
        }
        for _ in 0..next(4) {
            let i = next(len);
            new[i] = vocabulary[next(60)].as_str();
        }
        let (old, new) = (join(&old), join(&new));
        let (ka, kb, distinct) = interned(&tokens(&old), &tokens(&new));
        let mut counts = vec![0; distinct];
        let total = (ka.len() + kb.len()) as f64;
        let common = shared(&ka, &kb, &mut counts);
        let lcs = lcs_len(&ka, &kb, &mut counts);
        if (2 * common) as f64 >= REWRITTEN * total
            && ((2 * lcs) as f64) < REWRITTEN * total
            && rewritten_by_count(&ka, &kb, &mut counts)
        {
            by_subsequence += 1;
        }
        assert_eq!(
            diff(&old, &new, Noise::default()),
            diff_by_myers(&old, &new, Noise::default()),
            "{old:?} → {new:?}"
        );
    }
    assert!(by_subsequence > 500, "{by_subsequence}");
}

/// The ids of two token sequences in one table (in order of first occurrence), and how
/// many there are.
fn interned<'a>(a: &[&'a str], b: &[&'a str]) -> (Vec<u32>, Vec<u32>, usize) {
    let mut ids: rustc_hash::FxHashMap<&'a str, u32> = Default::default();
    let mut out = [Vec::new(), Vec::new()];
    for (tokens, out) in [a, b].into_iter().zip(&mut out) {
        for &t in tokens {
            let next = ids.len() as u32;
            out.push(*ids.entry(t).or_insert(next));
        }
    }
    let [ka, kb] = out;
    (ka, kb, ids.len())
}

/// [`diff`] with each run joined into a string of its own and then appended to the word
/// before it, as the runs were joined before they were joined in place (Myers always);
/// and whether a run was appended to a word.
fn diff_by_joined_runs(old: &str, new: &str) -> (Vec<Word>, bool) {
    let (a, b) = (tokens(old), tokens(new));
    let (ka, kb, _) = interned(&a, &b);
    let mut out: Vec<Word> = Vec::new();
    let mut appended = false;
    let mut push = |op: Op, toks: &[&str]| {
        if toks.is_empty() {
            return;
        }
        let text = join(toks);
        match out.last_mut() {
            Some(last) if last.op == op => {
                if needs_space(&last.text, &text) {
                    last.text.push(' ');
                }
                last.text.push_str(&text);
                appended = true;
            }
            _ => out.push(Word { op, text }),
        }
    };
    let ops = capture_diff_slices(Algorithm::Myers, &ka, &kb);
    let kept: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    if kept > 0 && ((2 * kept) as f64) < REWRITTEN * (a.len() + b.len()) as f64 {
        push(Op::Delete, &a);
        push(Op::Insert, &b);
        return (out, appended);
    }
    for op in ops {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => push(Op::Equal, &b[n]),
            DiffOp::Delete { .. } => push(Op::Delete, &a[o]),
            DiffOp::Insert { .. } => push(Op::Insert, &b[n]),
            DiffOp::Replace { .. } => {
                push(Op::Delete, &a[o]);
                push(Op::Insert, &b[n]);
            }
        }
    }
    (out, appended)
}

#[test]
fn runs_joined_in_place_are_the_joined_runs() {
    // Every line of the real pair and of the first corpus files against edits of it
    // (words changed, dropped, inserted, brackets and quotes put around words), and
    // random texts of punctuation and quotes, where runs of one operation meet.
    let mut next = random(47);
    let marks = ["(", ")", "\"", "'", ",", ".", ";", "x", "de", "‘", "’"];
    let (mut compared, mut merged) = (0usize, 0usize);
    let mut check = |old: &str, new: &str| {
        let (want, appended) = diff_by_joined_runs(old, new);
        assert_eq!(
            diff_by_myers(old, new, Noise::default()),
            want,
            "{old:?} → {new:?}"
        );
        compared += 1;
        merged += usize::from(appended);
    };
    let mut lines: Vec<String> = Vec::new();
    for f in ["regelingen/wnk-2015.gr", "regelingen/sora-2022.gr"]
        .iter()
        .map(std::path::PathBuf::from)
        .chain(super::tests::texts().into_iter().take(40))
    {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        lines.extend(text.lines().take(500).map(str::to_string));
    }
    for line in &lines {
        let mut words: Vec<&str> = line.split(' ').collect();
        for _ in 0..1 + next(4) {
            let i = next(words.len());
            match next(4) {
                0 => words[i] = marks[next(marks.len())],
                1 => {
                    words.remove(i);
                }
                2 => words.insert(i, marks[next(marks.len())]),
                _ => words.insert(i, "gewijzigd"),
            }
            if words.is_empty() {
                break;
            }
        }
        check(line, &words.join(" "));
    }
    for _ in 0..5000 {
        let mut text = || -> String {
            (0..next(20))
                .map(|_| marks[next(marks.len())])
                .collect::<Vec<_>>()
                .join(if next(2) == 0 { " " } else { "" })
        };
        let (old, new) = (text(), text());
        check(&old, &new);
    }
    // (A run appended to the word before it is rare: `similar` joins a deletion and an
    // insertion that meet into one replacement.)
    eprintln!("{compared} diffs, {merged} with a run appended");
    assert!(compared > 10_000, "{compared}");
}
