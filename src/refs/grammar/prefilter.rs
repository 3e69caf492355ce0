//! The cheap pre-filter before the reference grammar: plain word tests that say where a
//! reference can start, so pest runs only there. No pest types here.

/// Whether `before` ends with `tot en met `: what starts there ends a range whose start
/// the grammar did not read (`4:90a, eerste tot en met het vijfde lid` in a table of
/// another act's articles), so it is no reference of its own.
pub(super) fn after_range(before: &str) -> bool {
    let t = before.trim_end_matches(SPACES);
    t.len() < before.len()
        && t.len() >= 10
        && t.is_char_boundary(t.len() - 10)
        && t[t.len() - 10..].eq_ignore_ascii_case("tot en met")
}

/// Whether the character before byte `i` (a char boundary) is a letter or digit. Bytes
/// first: most text is ASCII, and decoding characters here was a seventh of parse time.
pub(super) fn alphanumeric_before(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        b.is_ascii_alphanumeric()
    } else {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    }
}

/// Whether the word at byte `i` can be one of [`FIRST_WORDS`] by its first two bytes (in
/// any case; `b | 0x20` is a lower-case letter only for that letter in either case):
/// `ar`, `li`, `le`, `di`, `de`, `on`, `su`, `he`. Most words are ruled out here before
/// their end is found (finding it and testing the word was most of the search's cost).
#[inline]
pub(super) fn may_open_reference(bytes: &[u8], i: usize) -> bool {
    let second = bytes.get(i + 1).map_or(0, |b| b | 0x20);
    matches!(
        (bytes[i] | 0x20, second),
        (b'a', b'r')
            | (b'l', b'i' | b'e')
            | (b'd', b'i' | b'e')
            | (b'o', b'n')
            | (b's', b'u')
            | (b'h', b'e')
    )
}

/// Whether a word the reference grammar can start with starts at byte `i`: an ASCII
/// letter, first in the text or after a character that is no letter or digit.
/// [`crate::nl::ascii_word_starts`] gives every such byte (and more: a digit, a letter
/// after a letter outside ASCII); this is the test the search once made at every byte.
pub(super) fn word_starts_at(text: &str, i: usize) -> bool {
    text.as_bytes()[i].is_ascii_alphabetic() && (i == 0 || !alphanumeric_before(text, i))
}

/// The end of the word that starts at byte `i`: the first character that is no letter or
/// digit.
#[inline]
pub(super) fn word_end(text: &str, i: usize) -> usize {
    crate::nl::word_end(text, i, char::is_alphanumeric)
}

/// True when a reference can start with `word` followed by `rest`: the first two words of
/// every alternative of the `reference` rule, so that pest runs only where a reference is
/// likely (each failed pest run builds an error value, which was an eighth of parse time).
/// It may say yes where the grammar then finds nothing, never the reverse: the tests run
/// `find` against the whole `alinea` rule on every line of the real texts.
pub(super) fn starts_reference(word: &str, rest: &str) -> bool {
    // No allocation here: this runs at every word of every line that may cite something.
    let is = |w: &str, words: &[&str]| words.iter().any(|k| w.eq_ignore_ascii_case(k));
    // Most words start no reference: the length table, then one comparison of the
    // lower-cased word with every first word, rule them out (searching the lists below at
    // every word was a sixth of reference extraction).
    if !crate::nl::may_be_first_word(&LENGTHS, word.as_bytes()) {
        return false;
    }
    let mut buf = [0u8; 10];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // One match on the lower-cased word (comparing it with each list in turn, as the
    // branches below once did, was most of this function's cost at every `de` and `het`).
    let first_word = match &*lower {
        b"art" | b"artt" => FirstWord::Abbreviation,
        b"artikel" | b"artikelen" => FirstWord::Artikel,
        b"lid" | b"leden" => FirstWord::Lid,
        b"dit" => FirstWord::Dit,
        b"onder" | b"onderdeel" | b"onderdelen" | b"sub" | b"letter" => FirstWord::Onder,
        b"de" | b"het" => FirstWord::Determiner,
        _ => return false,
    };
    // `art. 5`, `artt. 5 en 6`: the abbreviation's dot comes before the white space.
    if first_word == FirstWord::Abbreviation {
        return rest
            .strip_prefix('.')
            .and_then(next_word)
            .is_some_and(|(_, n)| n.starts_with(|c: char| c.is_ascii_digit()));
    }
    // Every alternative needs white space (` ` or tab) after its first word.
    let Some((first, next)) = next_word(rest) else {
        return false;
    };
    let digit = next.starts_with(|c: char| c.is_ascii_digit());
    if first_word == FirstWord::Artikel {
        // `artikel 12`, `artikel XV` (an amending act's article).
        digit || next.starts_with(['I', 'V', 'X', 'L', 'C', 'D', 'M'])
    } else if first_word == FirstWord::Lid {
        // `lid 2`, `leden 5 en 6`.
        digit
    } else if first_word == FirstWord::Dit {
        // `dit artikel`, `dit lid`, ...
        is(first, &["artikel", "artikellid", "lid", "onderdeel"])
    } else if first_word == FirstWord::Onder {
        // `onder a`, `sub 'd'`, `onderdelen aa en bb`.
        let mut chars = next.chars();
        match chars.next() {
            Some('\'' | '‘') => true,
            Some(c) if c.is_ascii_lowercase() => match chars.next() {
                Some(d) if d == c => !chars.next().is_some_and(char::is_alphanumeric),
                Some(d) => !d.is_alphanumeric(),
                None => true,
            },
            _ => false,
        }
    } else {
        // `de artikelen 7 en 12`, `de leden 5 en 6`, `het lid 2`: a number follows.
        // `het vorige lid`: `lid` follows. `het eerste lid`, `het 2de en 3de lid`,
        // `het eerste, tweede of derde lid`: an ordinal (every ordinal word ends in -de
        // or -ste), then `lid` or what joins ordinals.
        let ends = |suffix: &str| {
            first.len() >= suffix.len()
                && first.as_bytes()[first.len() - suffix.len()..]
                    .eq_ignore_ascii_case(suffix.as_bytes())
        };
        // Decided by the next word alone for most `de` and `het` (`de gemeente`): the
        // word after it is read only for a number, an ordinal or `lid`.
        let ordinal = digit || ends("de") || ends("ste");
        if !ordinal && !is(first, &["lid", "leden", "vorige", "voorgaande", "volgende"]) {
            return false;
        }
        let after = next_word(&next[first.len()..]);
        let number_after = after.is_some_and(|(_, n)| n.starts_with(|c: char| c.is_ascii_digit()));
        let lid_after = after.is_some_and(|(w, _)| is(w, &["lid"]));
        let joined = next[first.len()..]
            .trim_start_matches(SPACES)
            .starts_with(',')
            || after.is_some_and(|(w, _)| {
                is(
                    w,
                    &[
                        "lid",
                        "en",
                        "of",
                        "tot",
                        "respectievelijk",
                        "onderscheidenlijk",
                    ],
                )
            });
        if is(first, &["artikel", "artikelen"]) {
            // The reference starts at `artikel`, not at its article (see the grammar).
            false
        } else if is(first, &["lid", "leden"]) {
            number_after
        } else if is(first, &["vorige", "voorgaande", "volgende"]) {
            lid_after
        } else {
            ordinal && joined
        }
    }
}

/// The first words of a reference, by the alternatives they open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FirstWord {
    Abbreviation,
    Artikel,
    Lid,
    Dit,
    Onder,
    Determiner,
}

/// Every word a reference starts with (lower case; no first word is longer than 10
/// bytes).
const FIRST_WORDS: [&[u8]; 14] = [
    b"art",
    b"artt",
    b"artikel",
    b"artikelen",
    b"lid",
    b"leden",
    b"dit",
    b"onder",
    b"onderdeel",
    b"onderdelen",
    b"sub",
    b"letter",
    b"de",
    b"het",
];

/// The lengths of [`FIRST_WORDS`] per first letter: one look-up rules out most words
/// before they are copied and compared (this runs at most words of every line).
const LENGTHS: [u16; 256] = crate::nl::first_word_lengths(&FIRST_WORDS);

/// White space between the words of a reference (as the grammar's `WS`).
pub(super) const SPACES: [char; 5] = [' ', '\t', '\u{a0}', '\u{202f}', '\u{2009}'];

/// The word after the white space that opens `rest`, and the text from that word on;
/// `None` if `rest` does not open with white space (every reference's words are separated
/// by it).
pub(super) fn next_word(rest: &str) -> Option<(&str, &str)> {
    let next = trim_spaces(rest);
    if next.len() == rest.len() {
        return None;
    }
    Some((&next[..word_end(next, 0)], next))
}

/// `text.trim_start_matches(SPACES)`, by bytes: this runs at every `de` and `het`, and
/// matching a set of characters decodes each one.
fn trim_spaces(text: &str) -> &str {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        i += match (b.get(i), b.get(i + 1), b.get(i + 2)) {
            (Some(b' ' | b'\t'), _, _) => 1,
            (Some(0xc2), Some(0xa0), _) => 2,
            (Some(0xe2), Some(0x80), Some(0xaf | 0x89)) => 3,
            _ => return &text[i..],
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte trim gives what trimming the characters gives, on every kind of space and
    /// on characters that share their first bytes with one (`\u{2008}`, `\u{c2}`).
    #[test]
    fn trim_spaces_equals_trimming_the_characters() {
        for text in [
            "",
            " \t\u{a0}\u{202f}\u{2009}lid 2",
            "\u{2008}lid",
            "\u{202e} lid",
            "\u{c2}lid",
            "  ",
            "lid",
            "\u{a0}",
        ] {
            assert_eq!(
                trim_spaces(text),
                text.trim_start_matches(SPACES),
                "{text:?}"
            );
        }
    }

    /// Every first word passes the two-byte test, in any case; and at every word of
    /// the repository, the corpus and the real GRs where `starts_reference` says yes, so
    /// does the test.
    #[test]
    fn every_first_word_passes_the_two_byte_test() {
        for word in FIRST_WORDS {
            for w in [word.to_vec(), word.to_ascii_uppercase()] {
                assert!(may_open_reference(&w, 0), "{}", String::from_utf8_lossy(&w));
            }
        }
        for (word, passes) in [
            ("door", false),
            ("a", false),
            ("dé", false),
            ("Onder", true),
        ] {
            assert_eq!(may_open_reference(word.as_bytes(), 0), passes, "{word}");
        }
        let mut opening = 0;
        for (_, text) in crate::source::test_texts().iter() {
            crate::nl::ascii_word_starts(text.as_bytes(), |i| {
                if !word_starts_at(text, i) {
                    return;
                }
                let end = word_end(text, i);
                if starts_reference(&text[i..end], &text[end..]) {
                    assert!(may_open_reference(text.as_bytes(), i), "{}", &text[i..end]);
                    opening += 1;
                }
            });
        }
        assert!(opening > 10_000, "{opening}");
    }

    /// Every byte at which the search tests a word: the word starts of
    /// `nl::ascii_word_starts` that `word_starts_at` keeps are exactly the ASCII letters
    /// first in a line or after a character that is no letter or digit (what the search
    /// once tested at every byte), on every line of the repository, the corpus and the
    /// real GRs, and on lines with letters outside ASCII at the edges of the eight-byte
    /// chunks.
    #[test]
    fn word_starts_are_the_byte_loops() {
        let starts = |line: &str| {
            let mut found = Vec::new();
            crate::nl::ascii_word_starts(line.as_bytes(), |i| {
                if word_starts_at(line, i) {
                    found.push(i);
                }
            });
            found
        };
        let by_characters = |line: &str| {
            let mut found = Vec::new();
            let mut before: Option<char> = None;
            for (i, c) in line.char_indices() {
                if c.is_ascii_alphabetic() && !before.is_some_and(char::is_alphanumeric) {
                    found.push(i);
                }
                before = Some(c);
            }
            found
        };
        let edges = [
            "",
            "a",
            "éartikel 12",
            "ĳ artikel 12 ĳartikel 13",
            "1234567éartikel 12",
            "123456é artikel 12",
            "1234567 artikel 12",
            "12345678artikel 12 —artikel 13 ²artikel 14 ½lid 2",
            "Ωhet eerste lid, ω-het tweede lid, x\u{300}lid 3",
            "artikel\u{a0}12 en\u{2009}het lid 2 (artikel 3)",
        ];
        let texts = crate::source::test_texts();
        let mut lines = 0;
        let mut outside_ascii = 0;
        for text in texts.iter().map(|(_, t)| t.as_str()).chain(edges) {
            for line in text.split('\n') {
                assert_eq!(starts(line), by_characters(line), "{line}");
                lines += 1;
                outside_ascii += usize::from(!line.is_ascii());
            }
        }
        assert!(
            lines > 20_000 && outside_ascii > 1_000,
            "{lines} {outside_ascii}"
        );
    }
}
