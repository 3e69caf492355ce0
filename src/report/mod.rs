//! Diagnostics for people (rustc-style, through ariadne) and for machines (JSON).
//! Pure: the caller hands in the source texts; nothing here reads files.

pub mod reader;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::diagnostic::{Diagnostic, Severity};

/// Source texts by file name, for quoting the offending line. Each is indexed into lines
/// once, on the first quote from it: indexing it again for every diagnostic made a report
/// of thousands of findings on a large file quadratic, and indexing it when added cost
/// `grc check --format json`, which quotes nothing, 20 instructions a byte.
#[derive(Default)]
pub struct Sources {
    texts: BTreeMap<String, Text>,
}

/// A text shared with its line index (`Arc`: the index holds the same bytes, not a copy).
type Shared = Arc<str>;

struct Text {
    text: Shared,
    lines: OnceLock<Source<Shared>>,
}

impl Text {
    fn indexed(&self) -> &Source<Shared> {
        self.lines
            .get_or_init(|| Source::from(Arc::clone(&self.text)))
    }
}

impl Sources {
    pub fn add(&mut self, file: &str, text: &str) {
        self.texts.insert(
            file.to_string(),
            Text {
                text: Arc::from(text),
                lines: OnceLock::new(),
            },
        );
    }

    pub fn get(&self, file: &str) -> Option<&str> {
        self.texts.get(file).map(|s| &*s.text)
    }
}

fn kind(severity: Severity) -> ReportKind<'static> {
    match severity {
        Severity::Error => ReportKind::Custom("fout", Color::Red),
        Severity::Warning => ReportKind::Custom("waarschuwing", Color::Yellow),
        Severity::Info => ReportKind::Custom("opmerking", Color::Blue),
    }
}

/// One diagnostic, rustc-style: `fout[P010]: message`, `╭─[file:line:col]`, the source
/// line with the span underlined, then the notes.
pub fn human_one(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    let mut out = Vec::new();
    let location = format!("{}:{}:{}", d.file, d.line, d.column);
    match sources.texts.get(&d.file).map(Text::indexed) {
        Some(source)
            if !source.text().is_empty()
                && (d.start as usize) < source.text().len()
                && d.start <= d.end =>
        {
            let range = quote_range(source.text(), d.start as usize, d.end as usize);
            let config = Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte);
            // A long line is quoted as an excerpt around the finding (ariadne would print
            // all of it, once per finding on it).
            let excerpt = excerpt(source, range.clone());
            let (source, range) = match &excerpt {
                Some((s, r)) => (s, r.clone()),
                None => (source, range),
            };
            let label = Label::new((d.file.clone(), range.clone())).with_message(
                crate::diagnostic::CODES
                    .iter()
                    .find(|(c, _, _)| *c == d.code)
                    .map(|(_, _, t)| *t)
                    .unwrap_or(""),
            );
            let report = Report::build(kind(d.severity), (d.file.clone(), range))
                .with_config(config)
                .with_code(&d.code)
                .with_message(&d.message)
                .with_label(label)
                .finish();
            let _ = report.write((d.file.clone(), source), &mut out);
            if let Some((s, r)) = &excerpt {
                // The excerpt's column is not the line's: put grc's back in the header.
                let header = String::from_utf8_lossy(&out).into_owned();
                let line = d.line.to_string();
                let wrong = format!(
                    "{}:{line}:{}",
                    d.file,
                    s.text()[..r.start].chars().count() + 1
                );
                let header = header.replacen(&wrong, &format!("{}:{line}:{}", d.file, d.column), 1);
                out = number_margin(&header, d.line).into_bytes();
            }
        }
        _ => {
            out.extend(
                format!(
                    "[{}] {}: {}\n   ╭─[ {location} ]\n",
                    d.code,
                    d.severity.dutch(),
                    d.message
                )
                .bytes(),
            );
        }
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    if !color {
        s = strip_ansi(&s);
    }
    for note in &d.notes {
        s.push_str(&format!("   = noot: {note}\n"));
    }
    if let Some(t) = &d.target {
        s.push_str(&format!("   = verwijzing: {t}\n"));
    }
    s
}

/// Lines longer than this (in bytes) are quoted as an excerpt.
const LONG_LINE: usize = 200;
/// How much of a long line an excerpt shows before and after the start of the finding.
const BEFORE: usize = 40;
const AFTER: usize = 60;

/// For a finding on a line longer than [`LONG_LINE`]: a one-line source holding about
/// 100 characters of it around the finding, cut with `…` (and numbered as the line it
/// comes from), and the range to underline in it. `None` for a short line.
fn excerpt(source: &Source<Shared>, range: Range<usize>) -> Option<(Source<Shared>, Range<usize>)> {
    let (line, idx, col) = source.get_byte_line(range.start)?;
    let text = source.get_line_text(line)?;
    let text = text.trim_end_matches([
        '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
    ]);
    if text.len() <= LONG_LINE || col > text.len() {
        return None;
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    let span_end = (col + range.len()).min(text.len());
    let from = floor(col.saturating_sub(BEFORE));
    let to = ceil(
        (col + AFTER)
            .max(span_end.min(col + 2 * AFTER))
            .min(text.len()),
    );
    let mut window = String::with_capacity(to - from + 8);
    if from > 0 {
        window.push('…');
    }
    let shift = window.len();
    window.push_str(&text[from..to]);
    if to < text.len() {
        window.push('…');
    }
    let start = shift + col - from;
    let mut end = shift + span_end.min(to) - from;
    if end <= start {
        end = start + window[start..].chars().next().map_or(0, char::len_utf8);
    }
    Some((
        Source::from(Shared::from(window)).with_display_line_offset(idx),
        start..end,
    ))
}

/// ariadne numbers the excerpt's line 1 in the margin (its display offset only reaches
/// the header): put the real line number there and widen the rest of the margin to match.
/// Works on coloured output too (the margin's characters stay inside their colour codes).
fn number_margin(report: &str, line: u32) -> String {
    let number = line.to_string();
    let extra = number.len() - 1;
    let mut out = String::with_capacity(report.len() + 64);
    for (i, l) in report.split_inclusive('\n').enumerate() {
        let plain = strip_ansi(l);
        if i == 0 {
            out.push_str(l);
        } else if plain.trim_start().starts_with("1 │") {
            out.push_str(&l.replacen("1 │", &format!("{number} │"), 1));
        } else if extra == 0 {
            out.push_str(l);
        } else if let Some(c) = plain.chars().next().filter(|c| *c == ' ' || *c == '─') {
            let at = l
                .find(c)
                .expect("the plain text's first character is in the line");
            out.push_str(&l[..at]);
            out.extend(std::iter::repeat_n(c, extra));
            out.push_str(&l[at..]);
        } else {
            out.push_str(l);
        }
    }
    out
}

/// The byte range to underline: the first line of the span (a diagnostic about an
/// article is about its heading, not all its lines), at least one character, on char
/// boundaries (a span may end inside a multi-byte character such as the U+FFFD that
/// replaced invalid UTF-8).
fn quote_range(text: &str, start: usize, end: usize) -> Range<usize> {
    let mut start = start.min(text.len().saturating_sub(1));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut end = end.min(line_end);
    if end <= start {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end.min(text.len())
}

/// Removes terminal colour codes (ariadne colours a custom report kind even when colour
/// is switched off): an escape followed by `[`, up to and with the first ASCII letter.
/// Copied in runs between escapes (a character at a time was 1 % of a 10x build).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.strip_prefix('[') {
            Some(code) => {
                rest = code
                    .find(|c: char| c.is_ascii_alphabetic())
                    .map_or("", |j| &code[j + 1..]);
            }
            None => {
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// All diagnostics and a summary line.
pub fn human(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut s = String::new();
    for d in diags {
        s.push_str(&human_one(d, sources, color));
        s.push('\n');
    }
    s.push_str(&summary(diags));
    s.push('\n');
    s
}

/// `2 fouten, 1 waarschuwing, 0 opmerkingen`.
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    format!(
        "{e} {}, {w} {}, {i} {}",
        if e == 1 { "fout" } else { "fouten" },
        if w == 1 {
            "waarschuwing"
        } else {
            "waarschuwingen"
        },
        if i == 1 { "opmerking" } else { "opmerkingen" },
    )
}

/// `{"schema_version":1,"diagnostics":[...]}`, pretty-printed.
pub fn json(diags: &[Diagnostic]) -> String {
    let report = crate::schema::Report {
        schema_version: crate::schema::SCHEMA_VERSION,
        diagnostics: diags,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
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
}
