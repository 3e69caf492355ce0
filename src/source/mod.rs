//! Source → tree. [`parse`] is the one entry point: it never panics and never gives up,
//! returning the tree it could build plus diagnostics for what it could not read.
//!
//! Stages inside: [`decode`] (bytes → text, for the CLI), the metadata block ([`meta`]),
//! line classification by the pest grammar ([`grammar`], the only module with pest
//! types), tree building ([`build`]), and eId assignment (`tree::eid`).

mod build;
pub mod grammar;
pub mod meta;
mod write;

use crate::diagnostic::Diagnostic;
use crate::tree::{Metadata, Regeling, Span, eid};

pub use build::is_vervallen;
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

/// The tree without its references (every `Alinea::references` empty): the structure
/// alone, which is what the benchmark compares with the reference extraction's cost.
pub fn parse_structure(file: &str, source: &str) -> (Regeling, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = (source.len() - text.len()) as u32;
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
    let mut builder = build::Builder::new(source, file, metadata.title.as_deref());
    regeling.metadata = metadata;

    let mut offset = body_start;
    let mut line = body_line;
    let full = text;
    let base_shift = bom as usize;
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

    let built = builder.finish();
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
        diags.push(
            Diagnostic::new(
                "P019",
                "geen artikelen gevonden: een regeling bestaat uit artikelen (`Artikel 1 ...`)",
            )
            .at(
                file,
                Span {
                    line: body_line,
                    column: 1,
                    start: (body_start + base_shift) as u32,
                    end: (body_start + base_shift) as u32,
                },
            ),
        );
    }
    (regeling, diags)
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
            let line = good.matches('\n').count() as u32 + 1;
            let line_start = good.rfind('\n').map_or(0, |i| i + 1);
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
}
