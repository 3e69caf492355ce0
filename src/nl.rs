//! Numbers, lists and dates written the Dutch way, for messages and documents: `40.000`,
//! `25,0%`, `0,259`, `A, B en C`, `1 januari 2022`; and where a word of Dutch text ends, as
//! the grammars' pre-checks (references, voting) scan for it.

/// `40000` → `40.000`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `0.25` → `25,0%`.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0).replace('.', ",")
}

/// `0.1234` → `0,123`.
pub fn decimal3(x: f64) -> String {
    format!("{x:.3}").replace('.', ",")
}

/// `["A", "B", "C"]` → `A, B en C`.
pub fn list(items: &[String]) -> String {
    joined(items, "en")
}

/// `["A", "B", "C"]` → `A, B of C` (alternatives, as in a spelling suggestion).
pub fn or_list(items: &[String]) -> String {
    joined(items, "of")
}

fn joined(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// The months, for dates written out.
/// Words before "het volgende lid" when it cites the next lid ("bedoeld in het volgende
/// lid"); elsewhere it is usually a member ("voordat het volgende lid heeft gestemd").
pub const CITING_NEXT_LID: &[&str] = &[
    "in",
    "bij",
    "van",
    "op",
    "uit",
    "krachtens",
    "ingevolge",
    "overeenkomstig",
    "onverminderd",
    "dan",
];

pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `2022-01-01` → `1 januari 2022`; anything else is returned as written.
pub fn date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    if let [y, m, d] = parts[..]
        && let (Ok(_), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
    {
        return format!("{d} {} {y}", MONTHS[m - 1]);
    }
    iso.to_string()
}

/// For a list of lower-case words of at most 15 bytes, a bit for each word length per
/// first byte (ASCII lower-cased by `| 0x20`): the pre-checks before the reference and
/// voting grammars rule out most words with one look-up ([`may_be_first_word`]) before
/// comparing them with their lists.
pub const fn first_word_lengths(words: &[&[u8]]) -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        table[(w[0] | 0x20) as usize] |= 1 << w.len();
        i += 1;
    }
    table
}

/// Whether some word of a [`first_word_lengths`] table has the length and (ASCII
/// case-folded) first byte of `word`.
pub fn may_be_first_word(table: &[u16; 256], word: &[u8]) -> bool {
    match word.first() {
        Some(&b) if word.len() < 16 => table[(b | 0x20) as usize] & (1 << word.len()) != 0,
        _ => false,
    }
}

/// The end of the word that starts at byte `at`: the first character that `in_word` does
/// not take. ASCII bytes are judged without decoding (most text is ASCII); the grammars'
/// pre-checks (references, voting) each pass their own idea of a word character.
// Inlined into the callers' word loops (references, voting): as a call it was about 65
// instructions a word, its constants loaded and its registers saved at every word.
#[inline]
pub fn word_end(text: &str, at: usize, in_word: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    loop {
        // A run of ASCII letters and digits (the common case), then one other character
        // decoded and tested.
        i = ascii_word_end(bytes, i);
        if bytes.get(i).is_none_or(u8::is_ascii) {
            return i;
        }
        match text[i..].chars().next() {
            Some(c) if in_word(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of a word's eight byte lanes.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte lane of `low` (every byte below 0x80: the caller masks the
/// high bits out) set where that byte is at least `n`. For such a byte, `(b | 0x80) - n`
/// keeps its high bit exactly when `b >= n`, and no lane borrows from the next.
pub(crate) fn lanes_at_least(low: u64, n: u8) -> u64 {
    ((low | HIGHS) - ONES * n as u64) & HIGHS
}

/// The first byte from `i` on that is no ASCII letter or digit (or the length). Eight
/// bytes at a time: this runs over every word of every alinea three times (references,
/// voting and the doubled-word check), and a byte-by-byte loop was 33 instructions per
/// input byte for the first two.
pub(crate) fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let outside = !ascii_alphanumeric_lanes(x) & HIGHS;
        if outside != 0 {
            return i + (outside.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// Calls `f(i)` for every byte `i` that is an ASCII letter or digit after a byte that is
/// not (or at the start), in order, eight bytes at a time. Every word that starts with
/// an ASCII letter or digit starts at such a byte (a character outside ASCII ends in a
/// byte from 0x80 on); so does an ASCII run after a letter outside ASCII (`éb`), which a
/// caller rules out by its own test of the character before. The term check looks for
/// its terms only there (a byte-by-byte automaton was 21 instructions a byte).
pub fn ascii_word_starts(bytes: &[u8], mut f: impl FnMut(usize)) {
    // The high bit of lane 0 set when the previous chunk's last byte was alphanumeric.
    let mut previous = 0u64;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let inside = ascii_alphanumeric_lanes(x);
        let mut starts = inside & !((inside << 8) | previous);
        previous = inside >> 56;
        while starts != 0 {
            f(i + (starts.trailing_zeros() / 8) as usize);
            starts &= starts - 1;
        }
        i += 8;
    }
    let mut after_one = previous != 0;
    while let Some(&b) = bytes.get(i) {
        let inside = b.is_ascii_alphanumeric();
        if inside && !after_one {
            f(i);
        }
        after_one = inside;
        i += 1;
    }
}

/// The high bit of each byte lane of `x` set where that byte is an ASCII letter or digit
/// (bytes from 0x80 on are masked out at the end).
fn ascii_alphanumeric_lanes(x: u64) -> u64 {
    let low = x & !HIGHS;
    let folded = low | (ONES * 0x20);
    let digit = lanes_at_least(low, b'0') & !lanes_at_least(low, b'9' + 1);
    let letter = lanes_at_least(folded, b'a') & !lanes_at_least(folded, b'z' + 1);
    (digit | letter) & !x & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(thousands(40_000), "40.000");
        assert_eq!(thousands(109_896), "109.896");
        assert_eq!(thousands(999), "999");
        assert_eq!(percent(0.25), "25,0%");
        assert_eq!(decimal3(0.25862), "0,259");
    }

    #[test]
    fn dutch_lists_and_dates() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&v(&["Alkmaar"])), "Alkmaar");
        assert_eq!(list(&v(&["A", "B", "C"])), "A, B en C");
        assert_eq!(date("2022-01-01"), "1 januari 2022");
        assert_eq!(date("2015-12-31"), "31 december 2015");
        assert_eq!(date("2022-13-01"), "2022-13-01");
    }

    /// The eight-byte scan finds the end that a byte-by-byte test finds: every byte value
    /// at every lane (and past the eight-byte chunks), and a sample of real text.
    #[test]
    fn eight_byte_scan_equals_the_byte_test() {
        let by_bytes = |b: &[u8], i: usize| {
            i + b[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(b.len() - i)
        };
        let mut checked = 0;
        for value in 0..=255u8 {
            for lane in 0..20 {
                for filler in [b'a', b'Z', b'0', b'9', b'z', b'A'] {
                    let mut b = vec![filler; 20];
                    b[lane] = value;
                    for start in [0, 1, 7] {
                        assert_eq!(
                            ascii_word_end(&b, start),
                            by_bytes(&b, start),
                            "{value:#x} at {lane} from {start}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 256 * 20 * 6 * 3);
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/regelingen/sora-2022.gr"
        ))
        .unwrap();
        for i in 0..text.len() {
            assert_eq!(
                ascii_word_end(text.as_bytes(), i),
                by_bytes(text.as_bytes(), i)
            );
        }
        // A word with characters outside ASCII: the closure decides them.
        assert_eq!(
            word_end("financiële bijdrage", 0, char::is_alphanumeric),
            11
        );
        assert_eq!(word_end("één lid", 0, char::is_alphanumeric), 5);
        assert_eq!(word_end("a\u{a0}b", 0, char::is_alphanumeric), 1);
    }

    /// The eight-byte word starts are the bytes a byte-by-byte test finds: every byte
    /// value at every lane next to each kind of byte, and every real text.
    #[test]
    fn word_starts_equal_the_byte_test() {
        let by_bytes = |b: &[u8]| -> Vec<usize> {
            (0..b.len())
                .filter(|&i| {
                    b[i].is_ascii_alphanumeric() && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                })
                .collect()
        };
        let eight = |b: &[u8]| {
            let mut out = Vec::new();
            ascii_word_starts(b, |i| out.push(i));
            out
        };
        let mut checked = 0;
        for value in 0..=255u8 {
            for lane in 0..20 {
                for filler in [b'a', b'Z', b'0', b' ', 0x80, 0xff, b'/', b'@'] {
                    for len in [lane + 1, 20] {
                        let mut b = vec![filler; len];
                        b[lane] = value;
                        assert_eq!(
                            eight(&b),
                            by_bytes(&b),
                            "{value:#x} at {lane} in {filler:#x}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 256 * 20 * 8 * 2);
        let mut starts = 0;
        for (_, text) in crate::source::test_texts() {
            let found = eight(text.as_bytes());
            assert_eq!(found, by_bytes(text.as_bytes()));
            starts += found.len();
        }
        assert!(starts > 700_000, "{starts} word starts");
    }
}
