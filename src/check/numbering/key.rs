//! Article, lid and onderdeel numbers as comparable keys: `20a` sorts after `20` and
//! before `21`, `IV` is 4 and `XLIVA` is 44 with an inserted `A`, `aa` follows `z`, `2.1`
//! is compared part by part.

use std::cmp::Ordering;

/// The numeric parts of a number, `2.1` → `[2, 1]`, stored inline (up to four parts):
/// the check reads every number of a regeling and should not allocate for each.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts {
    buf: [u32; 4],
    len: u8,
}

impl Parts {
    pub fn one(v: u32) -> Parts {
        Parts {
            buf: [v, 0, 0, 0],
            len: 1,
        }
    }

    fn push(&mut self, v: u32) -> Option<()> {
        *self.buf.get_mut(self.len as usize)? = v;
        self.len += 1;
        Some(())
    }
}

impl std::ops::Deref for Parts {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.buf[..self.len as usize]
    }
}

impl std::ops::DerefMut for Parts {
    fn deref_mut(&mut self) -> &mut [u32] {
        &mut self.buf[..self.len as usize]
    }
}

impl PartialEq for Parts {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Parts {}

/// A number made comparable: its numeric parts and an inserted-letter suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// `2.1` → `[2, 1]`; `IV` → `[4]`; `c` → `[3]`; `aa` → `[27]`.
    pub parts: Parts,
    /// `20a` → `1` (`a`); `0` when there is no inserted letter.
    pub insert: u32,
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        (&*self.parts, self.insert).cmp(&(&*other.parts, other.insert))
    }
}

/// What kind of numbers a sequence holds, which decides how they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `1`, `20a`, `2.1`, `IV`.
    Arabic,
    /// `a`, `b`, ..., `z`, `aa`, `bb`.
    Letters,
}

/// The number of an ordinal subonderdeel `2e.` (older texts): `2`, not an inserted `2e`.
pub(super) fn ordinal_number(number: &str) -> &str {
    match number.strip_suffix('e') {
        Some(d) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) => d,
        _ => number,
    }
}

/// Reads a number; `None` when it is not a number of this style.
pub fn key(number: &str, style: Style) -> Option<Key> {
    let n = number.trim().trim_end_matches(['.', '°']);
    if n.is_empty() {
        return None;
    }
    match style {
        Style::Letters => {
            let b = n.as_bytes();
            if b.iter().all(|c| c.is_ascii_lowercase()) && b.iter().all(|&c| c == b[0]) {
                let v = (b.len() as u32 - 1) * 26 + (b[0] - b'a') as u32 + 1;
                Some(Key {
                    parts: Parts::one(v),
                    insert: 0,
                })
            } else {
                None
            }
        }
        Style::Arabic => {
            if let Some(key) = roman_key(n) {
                return Some(key);
            }
            let digits_end = n
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i + 1)?;
            let (num, suffix) = n.split_at(digits_end);
            let mut parts = Parts::default();
            // `2.1` and the Awb's `4:34` both count part by part.
            for p in num.split(['.', ':']) {
                parts.push(p.parse::<u32>().ok()?)?;
            }
            let insert = match suffix {
                "" => 0,
                s if s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic() => {
                    (s.as_bytes()[0].to_ascii_lowercase() - b'a') as u32 + 1
                }
                _ => return None,
            };
            Some(Key { parts, insert })
        }
    }
}

/// A Roman number, with an amending act's inserted capital (`XLIVA`: 44, `A`; Ar 6.16).
/// A capital that would make a Roman numeral no one writes is an insertion: `XLIVC` is
/// XLIV C, not 134 (which collided with the act's own `CXXXIV`).
pub(super) fn roman_key(n: &str) -> Option<Key> {
    let plain = |v| Key {
        parts: Parts::one(v),
        insert: 0,
    };
    let written = roman(n).filter(|&v| n.len() < 2 || to_roman(v).eq_ignore_ascii_case(n));
    if let Some(v) = written {
        return Some(plain(v));
    }
    let (base, letter) = n.split_at(n.len().checked_sub(1)?);
    let letter = letter.as_bytes()[0];
    let base_value = roman(base).filter(|&v| to_roman(v) == base)?;
    if letter.is_ascii_uppercase() {
        return Some(Key {
            parts: Parts::one(base_value),
            insert: (letter - b'A') as u32 + 1,
        });
    }
    // Not written as anyone writes a Roman number and no insertion either: read as is.
    roman(n).map(plain)
}

/// A Roman numeral in capitals (`IV`), or in lower case from the i, v and x of a list
/// numbered `i.`, `ii.`, `iii.`.
pub(super) fn roman(s: &str) -> Option<u32> {
    let lower = !s.is_empty() && s.chars().all(|c| "ivx".contains(c));
    let upper = s.to_ascii_uppercase();
    let s = if lower { upper.as_str() } else { s };
    if s.is_empty() || !s.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let val = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        _ => 0,
    };
    let chars: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0;
    for (i, v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    (total > 0).then_some(total as u32)
}

/// Writes a key back in the style of the sequence: `6`, `f`, `20a`.
pub fn show(key: &Key, style: Style) -> String {
    match style {
        Style::Letters => {
            let v = key.parts[0] - 1;
            let letter = (b'a' + (v % 26) as u8) as char;
            letter.to_string().repeat(v as usize / 26 + 1)
        }
        Style::Arabic => {
            let base = key
                .parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".");
            if key.insert == 0 {
                base
            } else {
                format!("{base}{}", (b'a' + key.insert as u8 - 1) as char)
            }
        }
    }
}

/// `4` as `IV`.
pub(crate) fn to_roman(mut v: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in DIGITS {
        while v >= n {
            out.push_str(s);
            v -= n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numbers_are_written_back() {
        for n in ["I", "II", "IV", "IX", "XIV", "XL", "XCIX", "MMXXVI"] {
            assert_eq!(to_roman(roman(n).unwrap()), n);
        }
    }

    fn k(n: &str) -> Key {
        key(n, Style::Arabic).unwrap()
    }

    #[test]
    fn keys_order_inserted_numbers() {
        assert!(k("20") < k("20a"));
        assert!(k("20a") < k("20b"));
        assert!(k("20b") < k("21"));
        assert!(k("2.9") < k("2.10"));
        assert_eq!(*k("IV").parts, [4]);
        assert_eq!(*key("aa", Style::Letters).unwrap().parts, [27]);
        assert_eq!(key("ab", Style::Letters), None);
        assert_eq!(*key("1°", Style::Arabic).unwrap().parts, [1]);
        assert_eq!(*k("1.2.3.4").parts, [1, 2, 3, 4]);
        assert_eq!(key("1.2.3.4.5", Style::Arabic), None);
    }

    #[test]
    fn an_amending_acts_inserted_roman_articles_follow_their_base() {
        assert!(k("XLIV") < k("XLIVA"));
        assert!(k("XLIVA") < k("XLIVB"));
        assert!(k("XLIVB") < k("XLIVC"));
        assert!(k("XLIVC") < k("XLV"));
        assert_eq!((&*k("XCA").parts, k("XCA").insert), (&[90][..], 1));
        // Before, XLIVC was read as 134 and "collided" with the act's own CXXXIV.
        assert_ne!(k("XLIVC"), k("CXXXIV"));
        assert_eq!(*k("CXXXIV").parts, [134]);
        // Lists numbered i., ii., iii. keep their values.
        assert_eq!(*k("iii").parts, [3]);
        assert_eq!(*k("VI").parts, [6]);
    }

    #[test]
    fn show_round_trips() {
        for n in ["7", "20a", "2.1"] {
            assert_eq!(show(&k(n), Style::Arabic), n);
        }
        for n in ["a", "f", "z", "aa", "cc"] {
            assert_eq!(show(&key(n, Style::Letters).unwrap(), Style::Letters), n);
        }
    }
}
