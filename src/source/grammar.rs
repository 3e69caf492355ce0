//! The only module that sees pest: it runs the grammar in `grammar/regeling.pest` and
//! turns pest pairs into plain [`Line`] records. Everything else works on those records,
//! so the grammar can change without the rest of grc knowing.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../grammar/regeling.pest"]
struct GrParser;

/// What a line is, as the grammar sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Comment,
    Fence,
    Hoofdstuk,
    /// `Titel 2`, `Tweede titel`.
    Titel,
    /// `Afdeling 3`.
    Afdeling,
    Paragraaf,
    /// `Subparagraaf 1.2.1`.
    Subparagraaf,
    EnigArtikel,
    Artikel,
    Bijlage,
    Toelichting,
    Sluiting,
    Lid,
    Onderdeel,
    Subonderdeel,
    Definitie,
    Escaped,
    BareNumber,
    Text,
}

impl LineKind {
    /// A heading of a division: hoofdstuk, titel, afdeling, paragraaf, subparagraaf.
    pub fn is_division(self) -> bool {
        matches!(
            self,
            LineKind::Hoofdstuk
                | LineKind::Titel
                | LineKind::Afdeling
                | LineKind::Paragraaf
                | LineKind::Subparagraaf
        )
    }
}

/// A piece of a line: its text and the byte offset where it starts in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub offset: u32,
}

/// One classified, non-blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub kind: LineKind,
    /// 1-based line number.
    pub line: u32,
    /// Byte offsets of the line in the file, without its line break.
    pub start: u32,
    pub end: u32,
    /// Indentation in columns (a tab counts to the next multiple of 4).
    pub indent: u32,
    /// The marker or number: `1.`, `a.`, `1°`, `20a`, `IV`.
    pub number: Option<Piece<'a>>,
    /// The heading after the number, trimmed.
    pub heading: Option<Piece<'a>>,
    /// The text after the marker (or the whole line for text), trimmed. For a comment:
    /// the text after `//`; for an escaped line: the text after `\`.
    pub text: Piece<'a>,
}

/// Classifies every line of `chunk`, which starts at byte `base` and line `first_line`
/// of the file, and calls `sink` for each non-blank line. Returns the number of line
/// breaks in the chunk.
///
/// Most lines are settled by a byte test (`scan::settle`: running text, `1. ` leden,
/// `a. ` onderdelen); each run of the lines it cannot settle goes to the grammar
/// ([`classify_by_grammar`]), which gives the same `Line` for every line (tested on every
/// line of the repository's `.gr` files and the corpus). pest built a token per rule and
/// a line index per chunk for lines that one byte decides: most of the parse's time.
pub fn classify<'a>(
    chunk: &'a str,
    base: u32,
    first_line: u32,
    sink: &mut dyn FnMut(Line<'a>),
) -> u32 {
    let bytes = chunk.as_bytes();
    let mut line_no = first_line;
    let mut start = 0usize;
    // The first byte and line number of the lines waiting for the grammar.
    let mut pending: Option<(usize, u32)> = None;
    let flush =
        |pending: &mut Option<(usize, u32)>, upto: usize, sink: &mut dyn FnMut(Line<'a>)| {
            if let Some((from, line)) = pending.take() {
                classify_by_grammar(&chunk[from..upto], base + from as u32, line, sink);
            }
        };
    while start < bytes.len() {
        let newline = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i);
        // The grammar's `eol` is `\r\n` or `\n`; a lone `\r` is text.
        let end = match newline {
            Some(n) if n > start && bytes[n - 1] == b'\r' => n - 1,
            Some(n) => n,
            None => bytes.len(),
        };
        // A settled line's kind, and its number and heading as byte ranges of the chunk.
        let at = |(from, to): (usize, usize)| (start + from, start + to);
        let settled = match super::scan::settle(&bytes[start..end]) {
            super::scan::Scan::Blank => None,
            super::scan::Scan::Grammar => {
                pending.get_or_insert((start, line_no));
                None
            }
            super::scan::Scan::Heading {
                kind,
                number,
                heading,
            } => Some((kind, Some(at(number)), heading.map(at))),
            super::scan::Scan::Settled {
                kind,
                content,
                marker,
            } => Some((
                kind,
                (marker > 0).then(|| at((content, content + marker))),
                None,
            )),
        };
        if let Some((kind, number, heading)) = settled {
            flush(&mut pending, start, sink);
            let line = finish(kind, chunk, base, line_no, (start, end), number, heading);
            sink(line);
        }
        match newline {
            Some(n) => {
                line_no += 1;
                start = n + 1;
            }
            None => start = bytes.len(),
        }
    }
    flush(&mut pending, bytes.len(), sink);
    line_no - first_line
}

/// [`classify`] by the grammar alone: every line of `chunk` classified by pest.
///
/// The grammar matches any line (its last alternative is plain text), so this cannot
/// fail on valid UTF-8; should pest still report an error, the chunk's lines are passed
/// on as text so nothing is lost.
pub fn classify_by_grammar<'a>(
    chunk: &'a str,
    base: u32,
    first_line: u32,
    sink: &mut dyn FnMut(Line<'a>),
) -> u32 {
    let pairs = match GrParser::parse(Rule::lines, chunk) {
        Ok(pairs) => pairs,
        Err(_) => {
            fallback_as_text(chunk, base, first_line, sink);
            return count_newlines(chunk.as_bytes());
        }
    };
    let mut line_no = first_line;
    let mut counted_to = 0usize;
    for pair in pairs {
        // A line pair starts after the line's indentation and ends at its line break.
        // Blank lines produce no pair: the gap since the previous pair holds the line
        // breaks to count and, after the last one, this line's indentation.
        let span = pair.as_span();
        let (content_start, line_end) = (span.start(), span.end());
        let gap = &chunk.as_bytes()[counted_to..content_start];
        line_no += count_newlines(gap);
        let line_start = match memchr::memrchr(b'\n', gap) {
            Some(i) => counted_to + i + 1,
            None => counted_to,
        };
        counted_to = line_end;
        if let Some(line) = to_line(pair, chunk, base, line_no, line_start, line_end) {
            sink(line);
        }
    }
    line_no + count_newlines(&chunk.as_bytes()[counted_to..]) - first_line
}

/// Parses one metadata line `sleutel: waarde`; `None` when it is not of that form.
pub fn meta_entry(line: &str) -> Option<(&str, &str)> {
    let mut pairs = GrParser::parse(Rule::meta_entry, line).ok()?;
    let entry = pairs.next()?;
    let mut key = "";
    let mut value = "";
    for inner in entry.into_inner() {
        match inner.as_rule() {
            Rule::meta_key => key = inner.as_str(),
            Rule::meta_value => value = inner.as_str().trim(),
            _ => {}
        }
    }
    Some((key, value))
}

/// Classifies a single line (for tests of the grammar).
pub fn classify_line(line: &str) -> Option<Line<'_>> {
    let mut out = None;
    classify(line, 0, 1, &mut |l| out = Some(l));
    out
}

fn to_line<'a>(
    pair: Pair<'a, Rule>,
    chunk: &'a str,
    base: u32,
    line_no: u32,
    line_start: usize,
    line_end: usize,
) -> Option<Line<'a>> {
    let kind = match pair.as_rule() {
        Rule::ordinal_division => {
            let word = pair
                .clone()
                .into_inner()
                .find(|p| p.as_rule() == Rule::division_word)
                .map(|p| p.as_str().to_lowercase());
            match word.as_deref() {
                Some("hoofdstuk") => LineKind::Hoofdstuk,
                Some("titel") => LineKind::Titel,
                Some("afdeling") => LineKind::Afdeling,
                _ => LineKind::Paragraaf,
            }
        }
        Rule::comment => LineKind::Comment,
        Rule::fence => LineKind::Fence,
        Rule::hoofdstuk => LineKind::Hoofdstuk,
        Rule::paragraaf => LineKind::Paragraaf,
        Rule::afdeling => LineKind::Afdeling,
        Rule::titel => LineKind::Titel,
        Rule::subparagraaf => LineKind::Subparagraaf,
        Rule::enig_artikel => LineKind::EnigArtikel,
        Rule::artikel => LineKind::Artikel,
        Rule::bijlage => LineKind::Bijlage,
        Rule::toelichting => LineKind::Toelichting,
        Rule::sluiting => LineKind::Sluiting,
        Rule::lid => LineKind::Lid,
        Rule::onderdeel => LineKind::Onderdeel,
        Rule::subonderdeel => LineKind::Subonderdeel,
        Rule::definitie => LineKind::Definitie,
        Rule::escaped => LineKind::Escaped,
        Rule::bare_number => LineKind::BareNumber,
        Rule::text => LineKind::Text,
        _ => return None,
    };
    let indent = indent_width(&chunk[line_start..line_end]);
    // Headings count only at the start of a line: an indented one is running text.
    let is_heading = kind.is_division()
        || matches!(
            kind,
            LineKind::EnigArtikel
                | LineKind::Artikel
                | LineKind::Bijlage
                | LineKind::Toelichting
                | LineKind::Sluiting
                | LineKind::Fence
        );
    let kind = if is_heading && indent > 0 {
        LineKind::Text
    } else {
        kind
    };
    let mut number = None;
    let mut heading = None;
    let keep_parts = kind != LineKind::Text;
    for inner in pair.into_inner().filter(|_| keep_parts) {
        let s = inner.as_span();
        match inner.as_rule() {
            Rule::number
            | Rule::heading_ordinal
            | Rule::lid_number
            | Rule::onderdeel_letter
            | Rule::sub_number => number = Some((s.start(), s.end())),
            Rule::heading => {
                let trimmed = s.as_str().trim_end();
                if !trimmed.is_empty() {
                    heading = Some((s.start(), s.start() + trimmed.len()));
                }
            }
            _ => {}
        }
    }
    Some(finish(
        kind,
        chunk,
        base,
        line_no,
        (line_start, line_end),
        number,
        heading,
    ))
}

/// The `Line` of a classified line: `kind`, and the byte ranges in `chunk` of the line
/// (without its line break), its marker or number and its heading, as the grammar found
/// them or the byte test (`scan`) settled them. The same code for both, so a settled line
/// differs from the grammar's only if its kind or marker does.
fn finish<'a>(
    kind: LineKind,
    chunk: &'a str,
    base: u32,
    line_no: u32,
    (line_start, line_end): (usize, usize),
    number: Option<(usize, usize)>,
    heading: Option<(usize, usize)>,
) -> Line<'a> {
    let line_text = &chunk[line_start..line_end];
    let piece = |(start, end): (usize, usize)| Piece {
        text: &chunk[start..end],
        offset: base + start as u32,
    };
    let after_marker = number.map_or(
        line_start + line_text.len() - line_text.trim_start().len(),
        |(_, end)| end,
    );
    let text_from = match kind {
        LineKind::Comment => {
            let t = line_text.trim_start();
            line_start + (line_text.len() - t.len()) + 2
        }
        LineKind::Escaped => {
            let t = line_text.trim_start();
            line_start + (line_text.len() - t.len()) + 1
        }
        LineKind::Definitie => {
            let t = line_text.trim_start();
            line_start + (line_text.len() - t.len()) + 1
        }
        LineKind::Lid | LineKind::Onderdeel | LineKind::Subonderdeel => after_marker,
        LineKind::BareNumber => line_end,
        _ => line_start + (line_text.len() - line_text.trim_start().len()),
    };
    let raw = &chunk[text_from.min(line_end)..line_end];
    let lead = raw.len() - raw.trim_start().len();
    let text = Piece {
        text: raw.trim(),
        offset: base + (text_from + lead) as u32,
    };
    let number = if kind == LineKind::BareNumber {
        let t = line_text.trim();
        let at = line_start + (line_text.len() - line_text.trim_start().len());
        Some((at, at + t.len()))
    } else {
        number
    };
    Line {
        kind,
        line: line_no,
        start: base + line_start as u32,
        end: base + line_end as u32,
        indent: indent_width(line_text),
        number: number.map(piece),
        heading: heading.map(piece),
        text,
    }
}

fn fallback_as_text<'a>(
    chunk: &'a str,
    base: u32,
    first_line: u32,
    sink: &mut dyn FnMut(Line<'a>),
) {
    let mut offset = 0usize;
    for (i, raw) in chunk.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !line.trim().is_empty() {
            let lead = line.len() - line.trim_start().len();
            sink(Line {
                kind: LineKind::Text,
                line: first_line + i as u32,
                start: base + offset as u32,
                end: base + (offset + line.len()) as u32,
                indent: indent_width(line),
                number: None,
                heading: None,
                text: Piece {
                    text: line.trim(),
                    offset: base + (offset + lead) as u32,
                },
            });
        }
        offset += raw.len() + 1;
    }
}

/// Width of the leading white space; a tab advances to the next multiple of 4.
fn indent_width(line: &str) -> u32 {
    let mut width = 0;
    for b in line.bytes() {
        match b {
            b' ' => width += 1,
            b'\t' => width = (width / 4 + 1) * 4,
            _ => break,
        }
    }
    width
}

fn count_newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> LineKind {
        classify_line(line).expect("a non-blank line").kind
    }

    #[test]
    fn headings() {
        assert_eq!(kind("Hoofdstuk 1 Algemene Bepalingen"), LineKind::Hoofdstuk);
        assert_eq!(kind("Hoofdstuk  XIV"), LineKind::Hoofdstuk);
        assert_eq!(
            kind("Artikel 20a gemeenschappelijke adviescommissie"),
            LineKind::Artikel
        );
        assert_eq!(kind("Artikel  1"), LineKind::Artikel);
        assert_eq!(kind("Artikel I"), LineKind::Artikel);
        assert_eq!(kind("Enig artikel"), LineKind::EnigArtikel);
        assert_eq!(kind("§ 2.1 Bestuur"), LineKind::Paragraaf);
        assert_eq!(kind("Bijlage A Kaart"), LineKind::Bijlage);
        assert_eq!(kind("Artikelsgewijze toelichting"), LineKind::Toelichting);
        assert_eq!(kind("Afdeling  2"), LineKind::Afdeling);
        assert_eq!(kind("AFDELING 1 Instelling"), LineKind::Afdeling);
        assert_eq!(kind("Titel  E"), LineKind::Titel);
        assert_eq!(kind("Subparagraaf 1.2.3 Kosten"), LineKind::Subparagraaf);
        assert_eq!(kind("Enig  artikel"), LineKind::EnigArtikel);
    }

    /// Forms of real published texts (issue 12): the Awb's `1:1`, a title letter with the
    /// article number, a chapter `IVa`, `76a bis`, ordinal division headings.
    #[test]
    fn numbers_of_published_texts() {
        fn number(line: &str) -> &str {
            classify_line(line).unwrap().number.unwrap().text
        }
        assert_eq!(number("Artikel  1:1"), "1:1");
        assert_eq!(number("Artikel 4:34 Subsidie"), "4:34");
        assert_eq!(number("Artikel  E2"), "E2");
        assert_eq!(number("Artikel C 2"), "C 2");
        assert_eq!(number("Hoofdstuk IVa Overgangsrecht"), "IVa");
        assert_eq!(number("Artikel  76a bis"), "76a bis");
        assert_eq!(number("Artikel  1.2.3"), "1.2.3");
        let l = classify_line("Tweede  titel").unwrap();
        assert_eq!(
            (l.kind, l.number.unwrap().text),
            (LineKind::Titel, "Tweede")
        );
        let l = classify_line("Zevende hoofdstuk Slotbepalingen").unwrap();
        assert_eq!(l.kind, LineKind::Hoofdstuk);
        assert_eq!(l.heading.unwrap().text, "Slotbepalingen");
        assert_eq!(kind("De titel van de regeling"), LineKind::Text);
        assert_eq!(kind("Titel van de regeling"), LineKind::Text);
        assert_eq!(kind("Derde partijen zijn gehouden."), LineKind::Text);
    }

    #[test]
    fn heading_number_and_text() {
        let l = classify_line("Artikel 1. Begripsbepalingen  ").unwrap();
        assert_eq!(l.number.unwrap().text, "1");
        assert_eq!(l.heading.unwrap().text, "Begripsbepalingen");
        let l = classify_line("Artikel 3 - Doel").unwrap();
        assert_eq!(l.heading.unwrap().text, "Doel");
        let l = classify_line("Hoofdstuk 5\tOverige en slotbepalingen").unwrap();
        assert_eq!(l.number.unwrap().text, "5");
        assert_eq!(l.heading.unwrap().text, "Overige en slotbepalingen");
    }

    #[test]
    fn sentences_that_start_like_headings_are_text() {
        assert_eq!(
            kind("Artikel 5, eerste lid, is van toepassing."),
            LineKind::Text
        );
        assert_eq!(kind("Artikelen worden genummerd."), LineKind::Text);
        assert_eq!(kind("Artikel De regel"), LineKind::Text);
    }

    #[test]
    fn markers() {
        let l = classify_line("1. Voor toepassing van deze regeling").unwrap();
        assert_eq!(l.kind, LineKind::Lid);
        assert_eq!(l.number.unwrap().text, "1.");
        assert_eq!(l.text.text, "Voor toepassing van deze regeling");
        assert_eq!(l.text.offset, 3);
        let l = classify_line("   b. het actief begeleiden").unwrap();
        assert_eq!(l.kind, LineKind::Onderdeel);
        assert_eq!(l.indent, 3);
        assert_eq!(l.number.unwrap().text, "b.");
        assert_eq!(kind("\t1° eerste"), LineKind::Subonderdeel);
        assert_eq!(
            kind("   : De Wet gemeenschappelijke regelingen."),
            LineKind::Definitie
        );
        assert_eq!(kind("2."), LineKind::Lid);
        // A conversion that dropped the space after the marker.
        let l = classify_line("k.bij een lid van het bestuur").unwrap();
        assert_eq!(
            (l.kind, l.text.text),
            (LineKind::Onderdeel, "bij een lid van het bestuur")
        );
        assert_eq!(
            kind("3°.in gebruik bij pechhulpdiensten;"),
            LineKind::Subonderdeel
        );
        assert_eq!(kind("i.v.m. de bouw"), LineKind::Text);
        assert_eq!(kind("e.e.a. is geregeld"), LineKind::Text);
        // A capitalised two-letter word after the dot too (corpus: "a.De duur van de
        // loonaanvulling", read as text, so "onderdeel a" was missing).
        assert_eq!(kind("a.De duur is gelijk"), LineKind::Onderdeel);
        assert_eq!(kind("b.In afwijking van onderdeel a"), LineKind::Onderdeel);
        assert_eq!(kind("a.s. maandag"), LineKind::Text);
        assert_eq!(kind("a.€ 0,50 per eendagskuiken;"), LineKind::Onderdeel);
        assert_eq!(kind("b.50, indien het overwerk"), LineKind::Onderdeel);
        assert_eq!(kind("a.2.1 Bouwwerken"), LineKind::Text);
    }

    #[test]
    fn numbers_in_running_text_are_not_markers() {
        assert_eq!(kind("19.000 inwoners of meer"), LineKind::Text);
        assert_eq!(kind("c.q. de oproeping per e-mail"), LineKind::Text);
        assert_eq!(kind("F. van der Ploeg"), LineKind::Text);
        assert_eq!(kind("1.5 uur"), LineKind::Text);
    }

    #[test]
    fn comments_escapes_and_bare_numbers() {
        let l = classify_line("  // let op: dubbel woord").unwrap();
        assert_eq!(l.kind, LineKind::Comment);
        assert_eq!(l.text.text, "let op: dubbel woord");
        let l = classify_line(r"\1. is hier gewone tekst").unwrap();
        assert_eq!(l.kind, LineKind::Escaped);
        assert_eq!(l.text.text, "1. is hier gewone tekst");
        let l = classify_line("19").unwrap();
        assert_eq!(l.kind, LineKind::BareNumber);
        assert_eq!(l.number.unwrap().text, "19");
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_are_counted() {
        let mut seen = Vec::new();
        classify("a\n\n  \r\nb\r\nc", 100, 10, &mut |l| {
            seen.push((l.line, l.start, l.end, l.text.text.to_string()))
        });
        assert_eq!(
            seen,
            vec![
                (10, 100, 101, "a".to_string()),
                (13, 107, 108, "b".to_string()),
                (14, 110, 111, "c".to_string()),
            ]
        );
    }

    #[test]
    fn meta_entries() {
        assert_eq!(meta_entry("titel: GR SORA"), Some(("titel", "GR SORA")));
        assert_eq!(
            meta_entry("deelnemers :  A, B "),
            Some(("deelnemers", "A, B"))
        );
        assert_eq!(meta_entry("geen sleutel hier"), None);
    }
}
