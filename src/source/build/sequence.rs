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
}
