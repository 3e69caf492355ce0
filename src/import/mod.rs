//! Published XML → `.gr` source: the input stage before `source`.
//!
//! Two formats are read, both with roxmltree (never by matching strings in the XML):
//! CVDR (lokaleregelgeving.overheid.nl, where almost every GR is published; `cvdr.rs`)
//! and BWB toestand XML (wetten.overheid.nl; `bwb.rs`). Inside a regeling both use the
//! same element names (`artikel`, `kop`, `lid`, `al`, `lijst`, `li`), so `blocks.rs`
//! maps that part for both, and `inline.rs` turns mixed content into a line of `.gr`
//! text. The result is a [`Regeling`] tree, written out by the source writer
//! (`source::write`, whose round trip is tested), so an import is exactly as valid as
//! any tree the project writes.
//!
//! Pure: XML text in, `.gr` text and diagnostics out. Problems are diagnostics with the
//! XML file's line and column (I codes); the CLI writes nothing when there is an error.

mod blocks;
mod bwb;
mod cvdr;
mod inline;
mod shared;

use roxmltree::{Document, Node};

use crate::diagnostic::Diagnostic;
use crate::tree::{Regeling, Span};

/// The namespace of CVDR documents.
pub const CVDR_NS: &str = "http://standaarden.overheid.nl/cvdr/terms/";

/// Which format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Cvdr,
    Bwb,
}

impl Format {
    pub fn dutch(self) -> &'static str {
        match self {
            Format::Cvdr => "CVDR-XML van lokaleregelgeving.overheid.nl",
            Format::Bwb => "BWB-XML van wetten.overheid.nl",
        }
    }
}

/// A successful import: the `.gr` text and what was noticed on the way (warnings only).
#[derive(Debug)]
pub struct Imported {
    pub format: Format,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a CVDR or BWB document. `file` names the XML file in diagnostics. On an error
/// (not XML, neither format, no regeling text) the diagnostics say where, and there is
/// no `.gr` text.
pub fn import(file: &str, xml: &str) -> Result<Imported, Vec<Diagnostic>> {
    // A byte order mark is not XML; spans still count it, so they point into the file.
    let body = xml.trim_start_matches('\u{feff}');
    let base = (xml.len() - body.len()) as u32;
    let doc = Document::parse_with_options(
        body,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .map_err(|e| vec![xml_error(file, body, base, &e)])?;
    let root = doc.root_element();
    let mut cx = Cx::new(file, &doc, base);
    let (format, regeling) = match root.tag_name().name() {
        "cvdr" => (Format::Cvdr, cvdr::read(&mut cx, root)),
        "toestand" | "wetgeving" => (Format::Bwb, bwb::read(&mut cx, root)),
        other => {
            return Err(vec![
                cx.diag(
                    "I002",
                    root,
                    format!(
                        "geen CVDR- of BWB-document: het hoofdelement is <{other}>, verwacht <cvdr> of <toestand>"
                    ),
                )
                .note("grc import leest CVDR-XML van lokaleregelgeving.overheid.nl en BWB-toestanden van wetten.overheid.nl"),
            ]);
        }
    };
    let regeling = regeling.map_err(|d| vec![*d])?;
    let source = crate::source::write(&regeling);
    // The `.gr` text must read back as the tree built from the XML: same articles, leden
    // and onderdelen. Where it does not, say so rather than hand over a different text.
    let (back, _) = crate::source::parse_structure(file, &source);
    let (want, got) = (shape(&regeling.body), shape(&back.body));
    if want != got {
        let at = want.iter().zip(&got).position(|(a, b)| a != b);
        let (w, g) = match at {
            Some(i) => (want[i].as_str(), got[i].as_str()),
            None if want.len() > got.len() => (want[got.len()].as_str(), "(niets)"),
            None => ("(niets)", got[want.len()].as_str()),
        };
        let d = cx.diag(
            "I005",
            root,
            format!("de .gr-tekst leest anders dan de XML: {w} in de XML, {g} in de .gr-tekst"),
        );
        cx.diags
            .push(d.note("controleer de geïmporteerde tekst op die plaats"));
    }
    Ok(Imported {
        format,
        source,
        diagnostics: cx.diags,
    })
}

/// The numbered structure of a body, in reading order: `artikel 3`, `lid 2`,
/// `onderdeel b` (hoofdstukken and paragrafen included).
fn shape(parts: &[crate::tree::Deel]) -> Vec<String> {
    use crate::tree::{Blok, Deel};
    fn blocks(content: &[Blok], out: &mut Vec<String>) {
        for b in content {
            match b {
                Blok::Lid(l) => {
                    out.push(format!("lid {}", l.number));
                    blocks(&l.content, out);
                }
                Blok::Lijst(list) => {
                    for item in &list.items {
                        out.push(format!("onderdeel {}", item.number));
                        blocks(&item.content, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for p in parts {
        match p {
            Deel::Hoofdstuk(h) => {
                out.push(format!("hoofdstuk {}", h.number));
                out.extend(shape(&h.content));
            }
            Deel::Paragraaf(d) => {
                out.push(format!("{} {}", d.label.to_lowercase(), d.number));
                out.extend(shape(&d.content));
            }
            Deel::Artikel(a) => {
                out.push(a.label_with_number().to_lowercase());
                blocks(&a.content, &mut out);
            }
            _ => {}
        }
    }
    out
}

/// An XML syntax error, located (roxmltree gives the position as row and column).
fn xml_error(file: &str, xml: &str, base: u32, e: &roxmltree::Error) -> Diagnostic {
    let pos = e.pos();
    let start = base + byte_of(xml, pos.row, pos.col);
    Diagnostic::new("I001", format!("geen geldige XML: {}", dutch_error(e)))
        .at(
            file,
            Span {
                line: pos.row,
                column: pos.col,
                start,
                end: start,
            },
        )
        .note("het bestand is niet geïmporteerd; controleer of het volledig is gedownload")
}

/// roxmltree's messages are English; the common ones in Dutch, the rest with its words.
fn dutch_error(e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    match e {
        E::UnexpectedCloseTag(open, close, _) => {
            format!("sluitelement </{close}> past niet bij <{open}>")
        }
        E::UnknownEntityReference(name, _) => format!("onbekende entiteit &{name};"),
        E::UnknownNamespace(ns, _) => format!("onbekende namespace-prefix `{ns}`"),
        E::UnexpectedEntityCloseTag(_) | E::UnexpectedEndOfStream => {
            "het bestand houdt midden in een element op".to_string()
        }
        E::NoRootNode => "geen hoofdelement".to_string(),
        E::DuplicatedAttribute(name, _) => format!("attribuut `{name}` staat er twee keer"),
        other => format!("{other}"),
    }
}

/// The byte offset of a 1-based row and column (in characters).
fn byte_of(text: &str, row: u32, col: u32) -> u32 {
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == row as usize {
            let within: usize = line
                .chars()
                .take(col.saturating_sub(1) as usize)
                .map(char::len_utf8)
                .sum();
            return (offset + within) as u32;
        }
        offset += line.len();
    }
    text.len() as u32
}

/// What the readers share: the file name for diagnostics, the document for positions,
/// the warnings so far, and the acts cited by `extref` (name, BWB id).
pub(crate) struct Cx<'a, 'input> {
    file: &'a str,
    doc: &'a Document<'input>,
    /// Bytes before the XML text (a byte order mark), for byte offsets into the file.
    base: u32,
    pub diags: Vec<Diagnostic>,
    pub acts: Vec<(String, String)>,
}

impl<'a, 'input> Cx<'a, 'input> {
    fn new(file: &'a str, doc: &'a Document<'input>, base: u32) -> Self {
        Cx {
            file,
            doc,
            base,
            diags: Vec::new(),
            acts: Vec::new(),
        }
    }

    /// A diagnostic at the start tag of `node`.
    pub fn diag(&self, code: &str, node: Node<'_, '_>, message: String) -> Diagnostic {
        let range = node.range();
        let pos = self.doc.text_pos_at(range.start);
        Diagnostic::new(code, message).at(
            self.file,
            Span {
                line: pos.row,
                column: pos.col,
                start: self.base + range.start as u32,
                end: self.base + range.end.min(range.start + 200) as u32,
            },
        )
    }

    /// Reports an element the importer does not know; its text is kept by the caller.
    pub fn unknown(&mut self, node: Node<'_, '_>) {
        let name = node.tag_name().name();
        let d = self.diag(
            "I004",
            node,
            format!("element <{name}> niet herkend; de tekst ervan is als alinea overgenomen"),
        );
        self.diags.push(d);
    }
}

/// The element children of `node` named `name` (any namespace: BWB has none, CVDR one).
pub(crate) fn children<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The first element child named `name`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

/// The first descendant element named `name` (document order).
pub(crate) fn descendant<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    node.descendants()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// Sets the title line and the metadata that the XML gives, shared by both readers.
pub(crate) fn finish(mut r: Regeling, acts: Vec<(String, String)>) -> Regeling {
    if let Some(t) = &r.metadata.title {
        r.title = Some(crate::tree::Tekst {
            text: inline::escape(t),
            span: Span::default(),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    for (name, bwb) in acts {
        if seen.insert(name.to_lowercase()) {
            r.metadata.acts.push(crate::tree::ActLink { name, bwb });
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_is_located() {
        let err = import("x.xml", "<cvdr>\n  <meta>\n</cvdr>").unwrap_err();
        assert_eq!(err[0].code, "I001");
        assert_eq!((err[0].line, err[0].column), (3, 1));
        assert!(err[0].message.contains("</cvdr>"), "{}", err[0].message);
    }

    #[test]
    fn another_format_is_refused_with_its_root() {
        let err = import("x.xml", "<?xml version=\"1.0\"?>\n<html/>").unwrap_err();
        assert_eq!(err[0].code, "I002");
        assert_eq!((err[0].line, err[0].column), (2, 1));
        assert!(err[0].message.contains("<html>"));
    }

    #[test]
    fn byte_offsets_count_characters_in_columns() {
        assert_eq!(byte_of("é\néa", 2, 2), 5);
        assert_eq!(byte_of("ab", 1, 1), 0);
    }
}
