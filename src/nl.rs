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
pub fn word_end(text: &str, at: usize, in_word: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    loop {
        // A run of ASCII letters and digits in one tight loop (the common case), then one
        // other character decoded and tested.
        i += bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - i);
        if bytes.get(i).is_none_or(u8::is_ascii) {
            return i;
        }
        match text[i..].chars().next() {
            Some(c) if in_word(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
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
}
