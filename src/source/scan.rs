//! The cheap pre-filter before the line grammar: a byte test that settles most lines of a
//! regeling (running text, `1. ` leden, `a. ` onderdelen, `: ` definitions, `Artikel 12
//! Titel`) without pest, and leaves every line it cannot settle to the grammar. No pest
//! types here.
//!
//! It must settle a line only as the grammar would classify it: `grammar::classify` is
//! tested against the grammar alone on every line of the repository's `.gr` files and of
//! the corpus. Each rule below names the grammar alternative it stands for.

use super::grammar::LineKind;

/// What the byte test makes of one line (without its line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    /// Only spaces and tabs: the grammar gives no line for it.
    Blank,
    /// Settled: the kind, the byte where the content starts (after the indentation), and
    /// the length of the marker at that byte (0 for text).
    Settled {
        kind: LineKind,
        content: usize,
        marker: usize,
    },
    /// Settled as an unindented `Artikel 12 Titel` or `Hoofdstuk 3 Titel`: the byte ranges
    /// in the line of the number and of the heading (without trailing white space).
    Heading {
        kind: LineKind,
        number: (usize, usize),
        heading: Option<(usize, usize)>,
    },
    /// Left to the grammar: a heading, a marker of another form, a comment, an escape, ...
    Grammar,
}

/// The most common heading lines, as the grammar's `artikel` and `hoofdstuk` read them:
/// the word as written, one space, a `number` of digits only, then the end of the line
/// or one space and a capital (so no `bis`, `ter`, dash or second number part can follow:
/// the heading is the rest of the line). Any other form goes to the grammar.
fn heading(c: &[u8]) -> Option<Scan> {
    let (kind, word) = if c.starts_with(b"Artikel ") {
        (LineKind::Artikel, 8)
    } else if c.starts_with(b"Hoofdstuk ") {
        (LineKind::Hoofdstuk, 10)
    } else {
        return None;
    };
    let digits = c[word..].iter().take_while(|b| b.is_ascii_digit()).count();
    let end = word + digits;
    if digits == 0 {
        return None;
    }
    match c.get(end..end + 2) {
        None if end == c.len() => Some(Scan::Heading {
            kind,
            number: (word, end),
            heading: None,
        }),
        Some([b' ', capital]) if capital.is_ascii_uppercase() => {
            // Trimmed as the grammar's caller trims a heading (`str::trim_end`).
            let rest = std::str::from_utf8(&c[end + 1..]).ok()?.trim_end();
            Some(Scan::Heading {
                kind,
                number: (word, end),
                heading: Some((end + 1, end + 1 + rest.len())),
            })
        }
        _ => None,
    }
}

/// The first words of the grammar's `heading_line` alternatives, as written there
/// (case-sensitive); `§`, the ordinals and the fence are tested on their own.
const HEADING_WORDS: [&[u8]; 22] = [
    b"Toelichting",
    b"TOELICHTING",
    b"Algemene",
    b"ALGEMENE",
    b"Artikel",
    b"ARTIKEL",
    b"Hoofdstuk",
    b"HOOFDSTUK",
    b"Paragraaf",
    b"PARAGRAAF",
    b"Enig",
    b"ENIG",
    b"Bijlage",
    b"BIJLAGE",
    b"Sluiting",
    b"SLUITING",
    b"Afdeling",
    b"AFDELING",
    b"Titel",
    b"TITEL",
    b"Subparagraaf",
    b"SUBPARAGRAAF",
];

/// The grammar's `heading_ordinal` words (compared ASCII case-insensitively, as `^"..."`).
const ORDINALS: [&[u8]; 20] = [
    b"eerste",
    b"tweede",
    b"derde",
    b"vierde",
    b"vijfde",
    b"zesde",
    b"zevende",
    b"achtste",
    b"negende",
    b"tiende",
    b"elfde",
    b"twaalfde",
    b"dertiende",
    b"veertiende",
    b"vijftiende",
    b"zestiende",
    b"zeventiende",
    b"achttiende",
    b"negentiende",
    b"twintigste",
];

/// Classifies `line` (the bytes of one line without `\n`, and without the `\r` of a
/// `\r\n`) when its first bytes decide it; [`Scan::Grammar`] otherwise.
pub(super) fn settle(line: &[u8]) -> Scan {
    // The grammar's `line`: indentation of spaces and tabs, then nothing or content.
    let content = line
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .unwrap_or(line.len());
    let c = &line[content..];
    let Some(&first) = c.first() else {
        return Scan::Blank;
    };
    let settled = |kind, marker| Scan::Settled {
        kind,
        content,
        marker,
    };
    let ws_at = |i: usize| matches!(c.get(i), Some(b' ' | b'\t'));
    // A heading counts only at the start of a line (indented, the grammar's caller makes
    // it text): those are left to the grammar.
    if content == 0
        && matches!(first, b'A' | b'H')
        && let Some(settled) = heading(c)
    {
        return settled;
    }
    match first {
        // `lid`: `lid_number` (`1.`: digits, no letter, the dot) and white space; the
        // first alternative after `&ASCII_DIGIT`, so nothing else is tried before it.
        b'0'..=b'9' => {
            let digits = c.iter().take_while(|b| b.is_ascii_digit()).count();
            if c.get(digits) == Some(&b'.') && ws_at(digits + 1) {
                settled(LineKind::Lid, digits + 1)
            } else {
                Scan::Grammar
            }
        }
        // `onderdeel | text`. `a. ` and `aa. ` are `onderdeel_letter`'s second
        // alternative (its first needs three letters) followed by white space. A line
        // with no `.` in bytes 1 to 5 and no `)` at byte 1 matches no `onderdeel_letter`,
        // so it is text.
        b'a'..=b'z' => {
            let letters = c
                .iter()
                .take(3)
                .take_while(|b| b.is_ascii_lowercase())
                .count();
            if letters <= 2 && c.get(letters) == Some(&b'.') && ws_at(letters + 1) {
                settled(LineKind::Onderdeel, letters + 1)
            } else if c.get(1) != Some(&b')') && !c.iter().skip(1).take(5).any(|&b| b == b'.') {
                settled(LineKind::Text, 0)
            } else {
                Scan::Grammar
            }
        }
        // `definitie`: `:` and white space (the grammar gives it no marker).
        b':' if ws_at(1) => settled(LineKind::Definitie, 0),
        // The capitals `content` tries `heading_line` for: text unless the line opens
        // with one of its words or an ordinal.
        b'A' | b'B' | b'D' | b'E' | b'H' | b'N' | b'P' | b'S' | b'T' | b'V' | b'Z' => {
            let word = c.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let ordinal = ORDINALS.iter().any(|o| c[..word].eq_ignore_ascii_case(o));
            if ordinal || HEADING_WORDS.iter().any(|w| c.starts_with(w)) {
                Scan::Grammar
            } else {
                settled(LineKind::Text, 0)
            }
        }
        // Every other capital and printable ASCII byte starts no alternative but `text`.
        b'C'
        | b'F'
        | b'G'
        | b'I'
        | b'J'
        | b'K'
        | b'L'
        | b'M'
        | b'O'
        | b'Q'
        | b'R'
        | b'U'
        | b'W'
        | b'X'
        | b'Y'
        | b'!'
        | b'"'
        | b'#'..=b','
        | b'.'
        | b';'..=b'@'
        | b'['
        | b']'..=b'`'
        | b'{'..=b'~' => settled(LineKind::Text, 0),
        // Other characters than `§` (0xc2 0xa7): text.
        0xc3..=0xff => settled(LineKind::Text, 0),
        0xc2 if c.get(1) != Some(&0xa7) => settled(LineKind::Text, 0),
        // `//`, `\`, `-` (the fence), `§`, control characters, a lone `\r`: the grammar.
        _ => Scan::Grammar,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::grammar::{Line, classify, classify_by_grammar};
    use super::*;

    type By = for<'a> fn(&'a str, u32, u32, &mut dyn FnMut(Line<'a>)) -> u32;

    fn lines(text: &str, by: By) -> Vec<Line<'_>> {
        let mut out = Vec::new();
        let n = by(text, 7, 3, &mut |l| out.push(l));
        assert_eq!(n as usize, text.matches('\n').count());
        out
    }

    /// Every `.gr` file of the repository, and the corpus's and the real GRs' texts when
    /// this machine has them (`/work/shared`). The reference matcher's test reads them too.
    pub(crate) fn texts() -> Vec<(std::path::PathBuf, String)> {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(".")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() && !name.starts_with('.') && name != "target" {
                    dirs.push(path);
                } else if name.ends_with(".gr") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 150, "{} .gr files", files.len());
        for dir in ["/work/shared/corpus", "/work/shared/real-grs"] {
            if let Ok(entries) = std::fs::read_dir(dir) {
                files.extend(
                    entries
                        .map(|e| e.unwrap().path())
                        .filter(|p| p.extension().is_some_and(|e| e == "txt")),
                );
            }
        }
        files
            .into_iter()
            .filter_map(|f| Some((f.clone(), std::fs::read_to_string(f).ok()?)))
            .collect()
    }

    /// [`texts`] and the real GRs of `tests/fixtures/real/` (published text, `.txt`).
    pub(crate) fn texts_and_real_fixtures() -> Vec<(std::path::PathBuf, String)> {
        let mut out = texts();
        for entry in std::fs::read_dir("tests/fixtures/real").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
        out
    }

    /// The byte test with the grammar behind it gives exactly the grammar's lines: on
    /// every line of every text (as a whole file, so line numbers and offsets are
    /// compared too), and on every line on its own.
    #[test]
    fn settled_lines_are_the_grammars() {
        let mut settled = 0usize;
        for (file, text) in texts() {
            let (ours, grammars) = (lines(&text, classify), lines(&text, classify_by_grammar));
            // The first line that differs, not two whole files.
            let differs = ours.iter().zip(&grammars).find(|(a, b)| a != b);
            assert_eq!(differs, None, "{}", file.display());
            assert_eq!(ours.len(), grammars.len(), "{}", file.display());
            for line in text.split('\n') {
                assert_eq!(
                    lines(line, classify),
                    lines(line, classify_by_grammar),
                    "{line:?}"
                );
                let line = line.strip_suffix('\r').unwrap_or(line);
                settled += usize::from(matches!(settle(line.as_bytes()), Scan::Settled { .. }));
            }
        }
        assert!(settled > 20_000, "{settled} lines settled");
    }

    /// The edges of each rule: what the byte test settles and what it must leave.
    #[test]
    fn edges_of_each_rule() {
        for text in [
            "1. a",
            "1.\tb",
            "1.",
            "1.a",
            "12a. x",
            "1e. x",
            "19.000 inwoners",
            "1° x",
            "19",
            "a. x",
            "aa. x",
            "ii. x",
            "iii. x",
            "iv. x",
            "a) x",
            "a)x",
            "a.x",
            "a.De",
            "ab",
            "abcdef. x",
            "i.v.m. x",
            "de a.b",
            "x",
            ": x",
            ":x",
            ":",
            "// c",
            "/x",
            "\\1. x",
            "---",
            "-- x",
            "- x",
            "§ 1 A",
            "\u{a0}x",
            "\u{a7}",
            "Artikel 1",
            "Artikelen",
            "ARTIKELSGEWIJZE TOELICHTING",
            "Eerste afdeling",
            "EERSTE titel x",
            "Eerstejaars",
            "Tweede",
            "De regel",
            "Hoofdstuk",
            "Hoofdzaak",
            "Titel A",
            "Titels",
            "Zevende",
            "  Artikel 1",
            "\tb. x",
            "x\r",
            "  \r",
            "\r",
            "a\rb",
            "C. x",
            "{x",
            "\u{1}x",
            "Enig artikel",
            "Enige",
            "Sluiting",
            "Subparagraaf 1",
            "Paragraaf",
            "Bijlage",
            "Afdeling 1",
            "Algemene toelichting",
            "Algemeen",
            "Toelichting",
            "Artikel 12 Titel",
            "Artikel 12 Titel \u{a0}",
            "Artikel 12 titel",
            "Artikel 12. Titel",
            "Artikel 12a Titel",
            "Artikel 12 bis Titel",
            "Artikel 12 Bis",
            "Artikel 1 ",
            "Artikel 1",
            "Artikel 1\r",
            "Artikel 1  Titel",
            "Artikel 1 – Titel",
            "Artikel 1.2 Titel",
            "Artikel 1 É",
            "Hoofdstuk 3 Bestuur",
            "Hoofdstuk 3",
            "HOOFDSTUK 3 A",
            "Artikel  1 A",
            "Artikel 1 A.",
        ] {
            for t in [
                text.to_string(),
                format!("{text}\n"),
                format!("{text}\r\n"),
                format!("x\n  {text}\r\ny"),
            ] {
                assert_eq!(lines(&t, classify), lines(&t, classify_by_grammar), "{t:?}");
            }
        }
        assert!(matches!(
            settle(b"de gemeente"),
            Scan::Settled {
                kind: LineKind::Text,
                ..
            }
        ));
        assert!(matches!(
            settle(b"  12. x"),
            Scan::Settled {
                kind: LineKind::Lid,
                content: 2,
                marker: 3
            }
        ));
        assert_eq!(settle(b" \t "), Scan::Blank);
        assert_eq!(settle(b"Artikel I"), Scan::Grammar);
        assert_eq!(
            settle(b"Artikel 12 Titel "),
            Scan::Heading {
                kind: LineKind::Artikel,
                number: (8, 10),
                heading: Some((11, 16))
            }
        );
    }
}
