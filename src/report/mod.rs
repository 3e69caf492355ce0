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
    /// Where its lines end (`\n`), when `\n` is the only line break in it; see
    /// [`Text::line_of`].
    breaks: OnceLock<Option<Vec<usize>>>,
}

impl Text {
    fn indexed(&self) -> &Source<Shared> {
        self.lines
            .get_or_init(|| Source::from(Arc::clone(&self.text)))
    }

    /// The line that holds byte `at`, as a source of its own numbered as in the text (its
    /// terminator included), and the byte where it starts. ariadne's index of the whole
    /// text counts the characters of every line (about 17 instructions a byte: a fifth of
    /// a report of a 10x regeling); a finding needs one line. `None` when the text breaks
    /// lines at more than `\n` and `\r\n` (ariadne also breaks at a lone `\r`, vertical
    /// tab, form feed, U+0085, U+2028 and U+2029): the whole text is indexed then, so that
    /// the line numbers stay ariadne's.
    fn line_of(&self, at: usize) -> Option<(Source<Shared>, usize)> {
        let breaks = self
            .breaks
            .get_or_init(|| only_newlines(&self.text).then(|| newlines(&self.text)))
            .as_ref()?;
        let idx = breaks.partition_point(|&b| b < at);
        let start = if idx == 0 { 0 } else { breaks[idx - 1] + 1 };
        let end = breaks.get(idx).map_or(self.text.len(), |&b| b + 1);
        let line = Source::from(Shared::from(&self.text[start..end]));
        Some((line.with_display_line_offset(idx), start))
    }
}

/// The positions of `\n` in `text`.
fn newlines(text: &str) -> Vec<usize> {
    memchr::memchr_iter(b'\n', text.as_bytes()).collect()
}

/// Whether `\n` (alone or after `\r`) is the only line break ariadne sees in `text`.
fn only_newlines(text: &str) -> bool {
    let b = text.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'));
    // U+0085 is C2 85; U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
    let wide = memchr::memchr3_iter(0x0b, 0x0c, 0xc2, b)
        .chain(memchr::memchr_iter(0xe2, b))
        .any(|i| match b[i] {
            0xc2 => b.get(i + 1) == Some(&0x85),
            0xe2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
            _ => true,
        });
    !lone_cr && !wide
}

impl Sources {
    pub fn add(&mut self, file: &str, text: &str) {
        self.texts.insert(
            file.to_string(),
            Text {
                text: Arc::from(text),
                lines: OnceLock::new(),
                breaks: OnceLock::new(),
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
    // In colour the whole text is indexed: ariadne colours its margin's padding unevenly,
    // and `number_margin` widens it otherwise (the same letters, other bytes); a report on
    // a terminal is small enough for that.
    human_one_in(d, sources, color, color)
}

/// [`human_one`], quoting from the whole text's index when `whole`, else from the
/// finding's line alone where that gives the same lines ([`Text::line_of`]).
fn human_one_in(d: &Diagnostic, sources: &Sources, color: bool, whole: bool) -> String {
    let mut out = Vec::new();
    let location = format!("{}:{}:{}", d.file, d.line, d.column);
    match sources.texts.get(&d.file) {
        Some(text)
            if !text.text.is_empty()
                && (d.start as usize) < text.text.len()
                && d.start <= d.end =>
        {
            let range = quote_range(&text.text, d.start as usize, d.end as usize);
            let config = Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte);
            let line = if whole {
                None
            } else {
                text.line_of(range.start)
            };
            let (source, range) = match &line {
                Some((s, start)) => (s, range.start - start..range.end - start),
                None => (text.indexed(), range),
            };
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
            } else if let Some((s, _)) = &line {
                // ariadne numbers the line's source 1 in the margin, as an excerpt's.
                let report = String::from_utf8_lossy(&out).into_owned();
                out = number_margin(&report, s.display_line_offset() as u32 + 1).into_bytes();
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
        Source::from(Shared::from(window))
            .with_display_line_offset(source.display_line_offset() + idx),
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
mod tests;
