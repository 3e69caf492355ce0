//! The length of a longest common subsequence of two token sequences: a bound on what
//! any word diff keeps, so a rewritten text is known without Myers (issue 17).

/// The length of a longest common subsequence of `a` and `b`, bit-parallel (Hyyrö 2004,
/// after Allison and Dix): a bit for each token of `a`, one pass over `b`, ⌈|a|/64⌉
/// words a token. `counts` has a zero for every id of both and is left so (it holds a
/// row number meanwhile).
pub(super) fn lcs_len(a: &[u32], b: &[u32], counts: &mut [u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let words = a.len().div_ceil(64);
    // The positions in `a` of each distinct token of `a`, a row of bits each; `counts`
    // holds the row's number + 1 for the token.
    let mut rows: Vec<u64> = Vec::new();
    for (i, &t) in a.iter().enumerate() {
        let slot = &mut counts[t as usize];
        if *slot == 0 {
            rows.resize(rows.len() + words, 0);
            *slot = (rows.len() / words) as u32;
        }
        rows[(*slot as usize - 1) * words + i / 64] |= 1 << (i % 64);
    }
    // A zero bit of `v` marks a token of `a` in the subsequence so far.
    let mut v = vec![u64::MAX; words];
    for &t in b {
        let row = counts[t as usize];
        if row == 0 {
            // No match: v' = (v + 0) | v = v.
            continue;
        }
        let m = &rows[(row as usize - 1) * words..][..words];
        let mut carry = false;
        for (v, &m) in v.iter_mut().zip(m) {
            // v' = (v + (v & m)) | (v & !m), the addition carried across words.
            let u = *v & m;
            let (sum, c1) = v.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *v = sum | (*v & !m);
        }
    }
    for &t in a {
        counts[t as usize] = 0;
    }
    let tail = a.len() % 64;
    v.iter()
        .enumerate()
        .map(|(k, &v)| {
            let valid = if k + 1 == words && tail != 0 {
                (1u64 << tail) - 1
            } else {
                u64::MAX
            };
            (!v & valid).count_ones() as usize
        })
        .sum()
}
