//! What follows what in a list: the letters of onderdelen (`z` → `aa`) and the lower-case
//! Roman numerals of sub-items (`iv` → 4), which decide whether a line continues a list.

/// The letters after `letters` in an onderdeel sequence: `b` → `c`, `z` → `aa`, `aa` → `bb`.
pub(super) fn next_letters(letters: &str) -> Option<String> {
    let b = letters.as_bytes();
    if b.is_empty() || !b.iter().all(|&c| c.is_ascii_lowercase() && c == b[0]) {
        return None;
    }
    Some(if b[0] == b'z' {
        "a".repeat(b.len() + 1)
    } else {
        ((b[0] + 1) as char).to_string().repeat(b.len())
    })
}

/// The value of a lower-case Roman numeral up to 39 (`iv` → 4), for lists numbered i, ii.
pub(super) fn roman_lower(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')) {
        return None;
    }
    let val = |b: u8| match b {
        b'i' => 1,
        b'v' => 5,
        _ => 10,
    };
    let b = s.as_bytes();
    let mut total = 0i32;
    for (k, &c) in b.iter().enumerate() {
        let v = val(c);
        if b.get(k + 1).is_some_and(|&n| val(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    (total > 0).then_some(total as u32)
}

/// Whether article number `next` continues the numbering that ended at `last`: the next
/// number (`24` → `25`, `3.4` → `3.5`) or one inserted after it (`24` → `24a`,
/// `24a` → `24b`). An article heading after a bijlage or the ondertekening that continues
/// the regeling's own articles was misplaced (P021); one that does not (`Artikel 1`,
/// `A1`, `Artikel 4` of a bijlage's own articles) heads the bijlage's own text.
pub(super) fn continues_article(last: &str, next: &str) -> bool {
    fn split(n: &str) -> (&str, u64, &str) {
        let n = n.trim().trim_end_matches('.');
        // The last numeric component, after the prefix up to its last `.` or `:`.
        let cut = n.rfind(['.', ':']).map_or(0, |i| i + 1);
        let (prefix, rest) = n.split_at(cut);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let value = rest[..digits].parse().unwrap_or(u64::MAX);
        (prefix, value, &rest[digits..])
    }
    let (lp, lv, ls) = split(last);
    let (np, nv, ns) = split(next);
    if lv == u64::MAX || nv == u64::MAX || lp != np {
        return false;
    }
    let lower = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    (nv == lv.saturating_add(1) && ns.is_empty())
        || (nv == lv && lower(ns) && (ls.is_empty() || (lower(ls) && ns > ls)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_as_onderdelen_are_lettered() {
        assert_eq!(next_letters("a").as_deref(), Some("b"));
        assert_eq!(next_letters("y").as_deref(), Some("z"));
        assert_eq!(next_letters("z").as_deref(), Some("aa"));
        assert_eq!(next_letters("aa").as_deref(), Some("bb"));
        assert_eq!(next_letters("zz").as_deref(), Some("aaa"));
        // Mixed letters, capitals and empty input are no sequence.
        assert_eq!(next_letters("ab"), None);
        assert_eq!(next_letters("A"), None);
        assert_eq!(next_letters(""), None);
    }

    #[test]
    fn lower_roman_numerals_are_read() {
        let read: Vec<_> = ["i", "ii", "iii", "iv", "v", "vi", "ix", "x", "xiv", "xxxix"]
            .iter()
            .map(|s| roman_lower(s))
            .collect();
        assert_eq!(read, [1, 2, 3, 4, 5, 6, 9, 10, 14, 39].map(Some).to_vec());
        assert_eq!(roman_lower(""), None);
        assert_eq!(roman_lower("ic"), None);
        assert_eq!(roman_lower("I"), None);
    }

    #[test]
    fn an_article_continues_the_numbering_only_as_its_next_number() {
        for (last, next) in [
            ("24", "25"),
            ("24", "24a"),
            ("24a", "24b"),
            ("3.4", "3.5"),
            ("2:7", "2:8"),
        ] {
            assert!(continues_article(last, next), "{last} -> {next}");
        }
        // A bijlage's own numbering: it starts again, has a prefix, or skips.
        for (last, next) in [
            ("24", "1"),
            ("24", "A1"),
            ("24", "4"),
            ("24", "26"),
            ("3.4", "4.5"),
            ("XII", "XIII"),
            ("24b", "24a"),
            ("24", ""),
        ] {
            assert!(!continues_article(last, next), "{last} -> {next}");
        }
    }
}
