//! Tests of the rustc-style report.

use super::*;
use crate::tree::Span;

fn diag(start: u32, end: u32) -> Diagnostic {
    Diagnostic::new("P002", "x").at(
        "f.gr",
        Span {
            line: 1,
            column: 1,
            start,
            end,
        },
    )
}

// Regression: an empty file made ariadne slice past the end of the text.
#[test]
fn empty_source_does_not_panic() {
    let mut sources = Sources::default();
    sources.add("f.gr", "");
    let out = human_one(&diag(0, 0), &sources, false);
    assert!(out.contains("[P002]") && out.contains("f.gr:1:1"), "{out}");
}

// Regression: a span ending inside the 3-byte U+FFFD panicked.
#[test]
fn span_inside_multibyte_character_is_widened() {
    let text = "Artikel 1 Co\u{FFFD}rdinatie\n";
    let mut sources = Sources::default();
    sources.add("f.gr", text);
    let out = human_one(&diag(12, 13), &sources, false);
    assert!(out.contains("Co\u{FFFD}rdinatie"), "{out}");
    assert_eq!(quote_range(text, 12, 13), 12..15);
    assert_eq!(quote_range(text, 13, 13), 12..15);
}

/// Regression (issue 13): every finding on a long line printed the whole line (1 000
/// references in one lid: 68 MB of output). Now an excerpt of about 100 characters,
/// with the caret under the finding and the line's own line and column in the header.
#[test]
fn a_long_line_is_quoted_as_an_excerpt() {
    let mut text = String::from("Artikel 1\n");
    let line_start = text.len();
    for k in 0..2000 {
        text.push_str(&format!("wöord{k} "));
    }
    text.push('\n');
    let mut sources = Sources::default();
    sources.add("f.gr", &text);
    let at = text[line_start..].find("wöord1000 ").unwrap();
    let column = text[line_start..line_start + at].chars().count() as u32 + 1;
    let start = (line_start + at) as u32;
    let d = Diagnostic::new("P002", "x").at(
        "f.gr",
        Span {
            line: 2,
            column,
            start,
            end: start + 10,
        },
    );
    let out = human_one(&d, &sources, false);
    assert!(out.len() < 600, "{} bytes:\n{out}", out.len());
    assert!(out.contains(&format!("f.gr:2:{column}")), "{out}");
    let quoted = out.lines().find(|l| l.contains("wöord1000")).unwrap();
    assert!(
        quoted.contains('…') && quoted.trim_end().ends_with('…'),
        "{out}"
    );
    assert!(quoted.starts_with(" 2 │"), "{out}");
    // On line 12 the margin is one wider, everywhere.
    let text12 = format!("{}{}", "x\n".repeat(10), &text);
    let mut sources = Sources::default();
    sources.add("f.gr", &text12);
    let d12 = Diagnostic::new("P002", "x").at(
        "f.gr",
        Span {
            line: 12,
            column,
            start: start + 20,
            end: start + 30,
        },
    );
    let out12 = human_one(&d12, &sources, false);
    assert!(out12.contains(&format!("f.gr:12:{column}")), "{out12}");
    assert!(out12.lines().any(|l| l.starts_with(" 12 │ …")), "{out12}");
    assert!(out12.lines().any(|l| l.starts_with("────╯")), "{out12}");
    assert!(out12.lines().any(|l| l.starts_with("    ╭─[")), "{out12}");
    let coloured = human_one(&d12, &sources, true);
    assert!(strip_ansi(&coloured).contains(" 12 │ …"), "{coloured}");
    // The caret line: its first mark stands under the `w` of wöord1000.
    let under = out.lines().skip_while(|l| *l != quoted).nth(1).unwrap();
    let col_of = |l: &str, pat: &str| l[..l.find(pat).unwrap()].chars().count();
    let mark = under.chars().position(|c| c == '┬' || c == '─').unwrap();
    assert_eq!(mark, col_of(quoted, "wöord1000"), "{out}");
    // A short line is quoted whole, as before.
    let mut sources = Sources::default();
    sources.add("f.gr", "Artikel 1\nkort\n");
    let out = human_one(&diag(10, 14), &sources, false);
    assert!(out.contains("kort") && !out.contains('…'), "{out}");
}

#[test]
fn range_is_clipped_to_the_first_line() {
    assert_eq!(quote_range("ab\ncd", 0, 5), 0..2);
    assert_eq!(quote_range("ab", 5, 9), 1..2);
}

/// The run-wise strip equals the character-wise one it replaced, on strings built
/// from escapes, brackets, letters, digits and multi-byte characters.
#[test]
fn strip_ansi_is_the_char_wise_strip() {
    fn by_char(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' && chars.peek() == Some(&'[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
    let alphabet = ['\u{1b}', '[', 'm', '3', '1', ';', ' ', 'é', '│', 'K'];
    let mut seed: u64 = 7;
    let mut stripped = 0;
    for n in 0..20_000 {
        let mut s = String::new();
        for _ in 0..(n % 13) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        let want = by_char(&s);
        assert_eq!(strip_ansi(&s), want, "{s:?}");
        stripped += usize::from(want.len() < s.len());
    }
    assert!(stripped > 500, "{stripped}");
}

/// A finding quoted from its line alone reads as when quoted from the whole text's
/// index: every finding of every `.gr` file in the repository, and of texts with
/// `\r\n`, a lone `\r`, U+2028, a form feed, tabs, long lines and no final newline.
#[test]
fn quoting_from_the_line_is_quoting_from_the_whole_text() {
    let files = crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]);
    let mut texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|f| {
            Some((
                f.to_string_lossy().into_owned(),
                std::fs::read_to_string(f).ok()?,
            ))
        })
        .collect();
    let wnk = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regelingen/wnk-2015.gr"),
    )
    .unwrap();
    let long = "Zie artikel 5 lid 2 en en artikel 77. ".repeat(30);
    for (name, text) in [
        ("crlf.gr", wnk.replace('\n', "\r\n")),
        ("cr.gr", wnk.replacen("lid 2", "lid 2\r", 3)),
        (
            "ls.gr",
            wnk.replacen("\n\nArtikel 7", "\u{2028}\nArtikel 7", 1),
        ),
        (
            "ff.gr",
            wnk.replacen("\n\nArtikel 9", "\u{c}\n\nArtikel 9", 1),
        ),
        ("tab.gr", wnk.replace("lid 2", "\tlid 2\t")),
        (
            "lang.gr",
            wnk.replacen(
                "\n\nArtikel 12",
                &format!("\n\nArtikel 12a\n\n{long}\n\nArtikel 12"),
                1,
            ),
        ),
        (
            "eind.gr",
            format!(
                "{}\n\nArtikel 99\n\nZie artikel 77, lid 3 en en artikel 88",
                wnk.trim_end()
            ),
        ),
    ] {
        texts.push((name.to_string(), text));
    }
    let (mut by_line, mut whole) = (0, 0);
    for (name, text) in &texts {
        let (r, mut diags) = crate::source::parse(name, text);
        diags.extend(crate::check::check(&r));
        let mut sources = Sources::default();
        sources.add(name, text);
        let lines = sources.texts[name.as_str()].line_of(0).is_some();
        for d in &diags {
            assert_eq!(
                human_one_in(d, &sources, false, false),
                human_one_in(d, &sources, false, true),
                "{name}: {d:?}"
            );
            if lines {
                by_line += 1;
            } else {
                whole += 1;
            }
        }
    }
    assert!(
        by_line > 500 && whole > 50,
        "{by_line} by line, {whole} whole"
    );
}
