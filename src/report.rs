//! Diagnostics for people (rustc-style, through ariadne) and for machines (JSON).
//! Pure: the caller hands in the source texts; nothing here reads files.

use std::collections::BTreeMap;
use std::ops::Range;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

/// Source texts by file name, for quoting the offending line. Each is indexed into lines
/// once, when added: indexing it again for every diagnostic made a report of thousands of
/// findings on a large file quadratic.
#[derive(Default)]
pub struct Sources {
    texts: BTreeMap<String, Source<String>>,
}

impl Sources {
    pub fn add(&mut self, file: &str, text: &str) {
        self.texts
            .insert(file.to_string(), Source::from(text.to_string()));
    }

    pub fn get(&self, file: &str) -> Option<&str> {
        self.texts.get(file).map(|s| s.text())
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
    match sources.texts.get(&d.file) {
        Some(source)
            if !source.text().is_empty()
                && (d.start as usize) < source.text().len()
                && d.start <= d.end =>
        {
            let range = quote_range(source.text(), d.start as usize, d.end as usize);
            let config = Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte);
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
/// is switched off).
fn strip_ansi(s: &str) -> String {
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

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: &'a [Diagnostic],
}

/// `{"diagnostics":[...]}`, pretty-printed.
pub fn json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(&JsonReport { diagnostics: diags }).unwrap_or_default() + "\n"
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

    #[test]
    fn range_is_clipped_to_the_first_line() {
        assert_eq!(quote_range("ab\ncd", 0, 5), 0..2);
        assert_eq!(quote_range("ab", 5, 9), 1..2);
    }
}
