//! Source → tree. [`parse`] is the one entry point: it never panics and never gives up,
//! returning the tree it could build plus diagnostics for what it could not read.
//!
//! Stages inside: [`decode`] (bytes → text, for the CLI), the metadata block ([`meta`]),
//! line classification by the pest grammar ([`grammar`], the only module with pest
//! types), tree building ([`build`]), and eId assignment (`tree::eid`).

mod build;
pub mod grammar;
pub mod meta;
mod scan;
mod write;

/// The texts the hand-written fast paths are compared with their grammars on.
#[cfg(test)]
pub(crate) use scan::tests::texts as test_texts;
/// The same and the real GRs of `tests/fixtures/real/` (published text, `.txt`).
#[cfg(test)]
pub(crate) use scan::tests::texts_and_real_fixtures as test_texts_and_real_fixtures;

use crate::diagnostic::Diagnostic;
use crate::tree::{Metadata, Regeling, Span, eid};

pub use build::{is_annotation, is_vervallen};
pub use write::{fragment, write};

/// The body is classified in chunks of about this many bytes (cut at line breaks), so
/// pest's token queue stays small however large the file.
const CHUNK: usize = 64 * 1024;

/// Parses a `.gr` source into a tree and diagnostics. `file` names the source in spans
/// and diagnostics. Every alinea's references are extracted too (`refs::extract`).
pub fn parse(file: &str, source: &str) -> (Regeling, Vec<Diagnostic>) {
    let (mut regeling, diags) = parse_structure(file, source);
    crate::refs::extract(&mut regeling);
    (regeling, diags)
}

/// Parses a part quoted in a besluit ("komt te luiden:", "luidende:") as [`parse`] does,
/// without what only a whole published text has: no decision printed before the regeling
/// is looked for, and unless `at_end` (the part ends where the regeling ends: a quoted
/// slotformulering or toelichting) short closing lines stay in the last article instead
/// of becoming an ondertekening. Read as a whole text, an article quoted from the middle
/// of a regeling lost its last lines, and a quoted slotformulering followed by headings
/// became a decision of its own (both found by fuzzing).
pub fn parse_quoted(file: &str, source: &str, at_end: bool) -> (Regeling, Vec<Diagnostic>) {
    let (mut regeling, diags) = parse_as(file, source, Some(at_end));
    crate::refs::extract(&mut regeling);
    (regeling, diags)
}

/// [`parse_quoted`] without the references: for the besluit's own round trips, which
/// compare written text (the writer writes no references, and extraction changes nothing
/// else in the tree).
pub fn parse_quoted_structure(
    file: &str,
    source: &str,
    at_end: bool,
) -> (Regeling, Vec<Diagnostic>) {
    parse_as(file, source, Some(at_end))
}

/// The tree without its references (every `Alinea::references` empty): the structure
/// alone, which is what the benchmark compares with the reference extraction's cost.
pub fn parse_structure(file: &str, source: &str) -> (Regeling, Vec<Diagnostic>) {
    parse_as(file, source, None)
}

/// `quoted`: `Some(at_end)` for a part quoted in a besluit (see [`parse_quoted`]).
fn parse_as(file: &str, source: &str, quoted: Option<bool>) -> (Regeling, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Characters no editor shows, replaced by characters of the same byte length so every
    // span still points into the file as read (see `clean`).
    let cleaned = clean(file, source, &mut diags);
    let source = cleaned.as_deref().unwrap_or(source);
    let mut text = source;
    while let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest;
    }
    let bom = (source.len() - text.len()) as u32;
    if bom > 3 {
        diags.push(
            Diagnostic::new(
                "P028",
                "het bestand begint met meer dan één BOM (U+FEFF); de extra tekens zijn overgeslagen",
            )
            .at(
                file,
                Span {
                    line: 1,
                    column: 1,
                    start: 0,
                    end: bom,
                },
            ),
        );
    }
    let mut regeling = Regeling {
        file: file.to_string(),
        ..Regeling::default()
    };
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::new("P001", "het bestand is leeg: er is geen regelingtekst").at(
                file,
                Span {
                    line: 1,
                    column: 1,
                    start: 0,
                    end: 0,
                },
            ),
        );
        return (regeling, diags);
    }
    let (metadata, body_start, body_line) = front_matter(file, text, bom, &mut diags);
    let body = &text[body_start.min(text.len())..];
    let mut has_articles = has_article_headings(body);
    let base_shift = bom as usize;
    let read = |has_articles: bool| {
        let mut builder =
            build::Builder::new(source, file, metadata.title.as_deref(), has_articles);
        if let Some(at_end) = quoted {
            builder = builder.quoted(at_end);
        }
        let mut offset = body_start;
        let mut line = body_line;
        let full = text;
        while offset < full.len() {
            let mut end = (offset + CHUNK).min(full.len());
            if end < full.len() {
                // Search the bytes: `offset + CHUNK` may fall inside a multi-byte character,
                // where slicing the str would panic. A `\n` byte is always a whole character,
                // so the position after it is a char boundary.
                end = match full.as_bytes()[end..].iter().position(|&b| b == b'\n') {
                    Some(i) => end + i + 1,
                    None => full.len(),
                };
            }
            let chunk = &full[offset..end];
            line += grammar::classify(chunk, (offset + base_shift) as u32, line, &mut |l| {
                builder.feed(l)
            });
            offset = end;
        }
        builder.finish()
    };
    let mut built = read(has_articles);
    // An article heading only in the toelichting ("Artikel 1" of an artikelsgewijze
    // toelichting) makes no article: a text whose regeling part has none is read again
    // as a text without articles (P025), as it reads when the toelichting's line does not
    // begin at the margin. Otherwise it was P019, an error, and the besluit's integral
    // form, which writes such a line at the margin, did not read back (found by fuzzing).
    if has_articles
        && crate::tree::walk::articles_in(&built.body).is_empty()
        && let Some(t) = &built.explanation
        && let Some(before) =
            text.get(body_start..(t.span.start as usize).saturating_sub(base_shift))
        && !has_article_headings(before)
    {
        has_articles = false;
        built = read(false);
    }
    regeling.metadata = metadata;
    diags.extend(built.diags);
    regeling.preceding_decision = built.decision.map(Box::new);
    regeling.title = built.title;
    regeling.preamble = built.preamble;
    regeling.body = built.body;
    regeling.closing = built.closing;
    regeling.annexes = built.annexes;
    regeling.explanation = built.explanation;
    eid::assign(&mut regeling);

    if crate::tree::walk::articles(&regeling).is_empty() {
        let at = end_clamped(text, body_start, body_line, base_shift);
        // Text without article headings is a document without articles (P025), unless
        // all there is is an aanhef that ends announcing what should follow ("besluiten:").
        let only_announcement = regeling.body.is_empty()
            && regeling.closing.is_none()
            && regeling.preamble.as_ref().is_none_or(|a| {
                a.content.iter().rev().find_map(|b| match b {
                    crate::tree::Blok::Alinea(al) => Some(al.text.trim_end().ends_with(':')),
                    _ => None,
                }) != Some(false)
            });
        let has_text = !has_articles && !only_announcement;
        let d = if has_text {
            Diagnostic::new(
                "P025",
                "geen artikelen: de tekst is gelezen als lopende tekst zonder artikelen                  (genummerde regels zijn alinea's, geen leden)",
            )
        } else {
            Diagnostic::new(
                "P019",
                "geen artikelen gevonden: een regeling bestaat uit artikelen (`Artikel 1 ...`)",
            )
        };
        diags.push(d.at(file, at));
    }
    (regeling, diags)
}

/// Where the body starts, or the end of the last line when the file ends before it (a
/// file that is only a metadata block): a diagnostic never points past the file.
fn end_clamped(text: &str, body_start: usize, body_line: u32, shift: usize) -> Span {
    if body_start < text.len() {
        let at = (body_start + shift) as u32;
        return Span {
            line: body_line,
            column: 1,
            start: at,
            end: at,
        };
    }
    let trimmed = text.trim_end_matches(['\n', '\r']);
    let line = trimmed.matches('\n').count() as u32 + 1;
    let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
    let at = (trimmed.len() + shift) as u32;
    Span {
        line,
        column: trimmed[line_start..].chars().count() as u32 + 1,
        start: at,
        end: at,
    }
}

/// Whether the body has an article heading (`Artikel 1`, `ARTIKEL I`, `Enig artikel`) at
/// the start of a line. A byte search finds the candidates; the grammar confirms one.
fn has_article_headings(body: &str) -> bool {
    let bytes = body.as_bytes();
    for needle in ["Artikel", "ARTIKEL", "Enig", "ENIG"] {
        for at in memchr::memmem::find_iter(bytes, needle) {
            if at > 0 && bytes[at - 1] != b'\n' {
                continue;
            }
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let line = body[at..end].trim_end_matches('\r');
            if let Some(l) = grammar::classify_line(line)
                && matches!(
                    l.kind,
                    grammar::LineKind::Artikel | grammar::LineKind::EnigArtikel
                )
                && !l
                    .heading
                    .is_some_and(|h| h.text.trim_end().ends_with(['.', ';', ':', ',']))
            {
                return true;
            }
        }
    }
    false
}

/// The first byte `control` takes, eight bytes at a time: a chunk with no byte below 0x20
/// and no 0x7f (most of them) is passed over whole, the others tested byte by byte. This
/// runs over every file read; testing each byte was a quarter of the tree's reading.
fn first_control(bytes: &[u8], control: impl Fn(u8) -> bool) -> Option<usize> {
    use crate::nl::{HIGHS, lanes_at_least as at_least};
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Bytes from 0x80 on are masked out, then left out of the test by `!x`.
        let low = x & !HIGHS;
        let below_space = !at_least(low, 0x20);
        let delete = at_least(low, 0x7f);
        if (below_space | delete) & !x & HIGHS != 0
            && let Some(k) = chunk.iter().position(|&b| control(b))
        {
            return Some(i + k);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| control(b)).map(|k| i + k)
}

/// Replaces what no editor shows and the grammar cannot read, byte for byte, so that
/// spans stay true: control characters (NUL and the like, but not tab, line feed or
/// carriage return) become spaces, and a carriage return that ends a line on its own
/// (old Mac files) becomes a line feed. `None` when there is nothing to replace.
fn clean(file: &str, source: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = source.as_bytes();
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') || b == 0x7f;
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    let first_control = first_control(bytes, control);
    let first_cr = memchr::memchr_iter(b'\r', bytes).find(|&i| lone_cr(i));
    if first_control.is_none() && first_cr.is_none() {
        return None;
    }
    let locate = |i: usize| {
        // Line breaks as the parser will count them: LF, and a CR on its own.
        let before = &bytes[..i];
        let breaks = before
            .iter()
            .enumerate()
            .filter(|&(k, &b)| b == b'\n' || (b == b'\r' && bytes.get(k + 1) != Some(&b'\n')))
            .count() as u32;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |k| k + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count() as u32
            + 1;
        Span {
            line: breaks + 1,
            column,
            start: i as u32,
            end: i as u32 + 1,
        }
    };
    if let Some(i) = first_control {
        let n = bytes.iter().filter(|&&b| control(b)).count();
        diags.push(
            Diagnostic::new(
                "P029",
                format!(
                    "{n} {} (zoals U+{:04X}) in de tekst; gelezen als spatie",
                    if n == 1 {
                        "onzichtbaar stuurteken"
                    } else {
                        "onzichtbare stuurtekens"
                    },
                    bytes[i]
                ),
            )
            .at(file, locate(i)),
        );
    }
    if let Some(i) = first_cr {
        diags.push(
            Diagnostic::new(
                "P030",
                "regels eindigen met alleen CR (zoals in oude Mac-bestanden); gelezen als regeleinden",
            )
            .at(file, locate(i)),
        );
    }
    let mut out = bytes.to_vec();
    for i in 0..out.len() {
        if control(out[i]) {
            out[i] = b' ';
        } else if out[i] == b'\r' && out.get(i + 1) != Some(&b'\n') {
            out[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
    String::from_utf8(out).ok()
}

/// Reads the metadata block if the file starts with `---`. Returns the metadata, the
/// byte offset where the body starts (in `text`, which has no BOM) and its line number.
fn front_matter(
    file: &str,
    text: &str,
    bom: u32,
    diags: &mut Vec<Diagnostic>,
) -> (Metadata, usize, u32) {
    let mut lines = Vec::new();
    let mut offset = 0usize;
    let mut line_no = 1u32;
    for raw in text.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        lines.push((offset, line_no, content, raw.len()));
        offset += raw.len();
        line_no += 1;
        if lines.len() > 200 {
            break;
        }
    }
    let Some(&(_, _, first, first_len)) = lines.first() else {
        return (Metadata::default(), 0, 1);
    };
    if first.trim_end() != "---" {
        return (Metadata::default(), 0, 1);
    }
    let span_of = |off: usize, line: u32, content: &str| Span {
        line,
        column: 1,
        start: off as u32 + bom,
        end: (off + content.len()) as u32 + bom,
    };
    let mut meta_lines = Vec::new();
    let mut closed_at = None;
    for &(off, line, content, len) in &lines[1..] {
        if content.trim_end() == "---" {
            closed_at = Some((off + len, line + 1));
            break;
        }
        meta_lines.push((off, line, content));
    }
    let (body_start, body_line, taken) = match closed_at {
        Some((start, line)) => (start, line, meta_lines.len()),
        None => {
            // Not closed: the block ends at the first line that is not `sleutel: waarde`.
            diags.push(
                Diagnostic::new(
                    "P003",
                    "het metadatablok is niet afgesloten met een regel `---`",
                )
                .at(file, span_of(0, 1, first))
                .note("de metadata lopen tot de eerste regel die niet de vorm `sleutel: waarde` heeft"),
            );
            let n = meta_lines
                .iter()
                .take_while(|(_, _, c)| {
                    c.trim().is_empty() || grammar::meta_entry(c.trim()).is_some()
                })
                .count();
            match meta_lines.get(n) {
                Some(&(off, line, _)) => (off, line, n),
                None => (text.len(), line_no, n),
            }
        }
    };
    let block: Vec<meta::MetaLine<'_>> = meta_lines[..taken]
        .iter()
        .map(|&(off, line, content)| meta::MetaLine {
            text: content,
            span: span_of(off, line, content),
        })
        .collect();
    let mut metadata = meta::read(file, &block, diags);
    metadata.span = Some(Span {
        line: 1,
        column: 1,
        start: bom,
        end: body_start as u32 + bom,
    });
    let _ = first_len;
    (metadata, body_start, body_line)
}

/// Bytes → text. Invalid UTF-8 is replaced (U+FFFD) so the rest can still be parsed,
/// and reported with the line and column of the first bad byte.
pub fn decode(file: &str, bytes: &[u8]) -> (String, Option<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or_default();
            // Lines as the parser counts them: LF, CRLF or a lone CR (found by the
            // property test: "\r" then a bad byte was reported on line 1, column 2).
            let (mut line, mut line_start) = (1u32, 0usize);
            let b = good.as_bytes();
            for (i, c) in b.iter().enumerate() {
                if *c == b'\n' || (*c == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    line += 1;
                    line_start = i + 1;
                }
            }
            let column = good[line_start..].chars().count() as u32 + 1;
            let at = e.valid_up_to() as u32;
            let diag = Diagnostic::new(
                "P002",
                format!(
                    "het bestand is geen geldige UTF-8 (byte 0x{:02X}); sla het op als UTF-8. \
                     Ongeldige tekens zijn vervangen door �",
                    bytes[e.valid_up_to()]
                ),
            )
            .at(
                file,
                Span {
                    line,
                    column,
                    start: at,
                    end: at + 1,
                },
            );
            (String::from_utf8_lossy(bytes).into_owned(), Some(diag))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression: a chunk boundary inside a multi-byte character panicked.
    #[test]
    fn chunk_boundary_inside_a_character() {
        for shift in 0..4 {
            let mut text = String::from("Artikel 1 Proef\n\n");
            while text.len() < CHUNK - 2 + shift {
                text.push('x');
            }
            text.push_str("ëëëë coördinatie\n1. Een lid.\n");
            let (r, diags) = parse("f.gr", &text);
            assert!(!crate::diagnostic::has_errors(&diags));
            let a = &crate::tree::walk::articles(&r)[0];
            assert_eq!(a.leden().count(), 1);
        }
    }

    /// The chunked search finds the first control byte where testing each byte does:
    /// every byte value at each place of buffers of 0 to 17 bytes (around the eight-byte
    /// chunks), and every text of the repository, the corpus and the real GRs.
    #[test]
    fn first_control_is_the_byte_loops() {
        let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') || b == 0x7f;
        let naive = |bytes: &[u8]| bytes.iter().position(|&b| control(b));
        for len in 0..=17 {
            for at in 0..len {
                for value in 0..=255u8 {
                    for filler in [b'a', 0x80, b'\n', 0xff] {
                        let mut bytes = vec![filler; len];
                        bytes[at] = value;
                        assert_eq!(first_control(&bytes, control), naive(&bytes), "{bytes:?}");
                    }
                }
            }
        }
        for (_, text) in crate::source::test_texts_and_real_fixtures() {
            assert_eq!(
                first_control(text.as_bytes(), control),
                naive(text.as_bytes())
            );
        }
    }
}
