//! The parts around the regeling text that both formats have: aanhef, sluiting,
//! bijlagen and toelichting. `.gr` reads these as lines of text, so every list and
//! table in them becomes lines (a list item with its marker).

use roxmltree::Node;

use super::blocks::{self, blocks_of, lines};
use super::{Cx, child, inline};
use crate::tree::*;

/// The aanhef: every alinea in it (`wie`, `considerans.al`, `afkondiging/al`,
/// `preambule/al`), in order.
pub fn preamble(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Option<Aanhef> {
    let content = lines(blocks::blocks(cx, node));
    (!content.is_empty()).then(|| Aanhef {
        content,
        ..Aanhef::default()
    })
}

/// The sluiting: slotformulering and ondertekening (`functie`, `naam`, `plaats`,
/// `datum`), one line each.
pub fn closing(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Option<Sluiting> {
    let content = lines(blocks::blocks(cx, node));
    (!content.is_empty()).then(|| Sluiting {
        content,
        ..Sluiting::default()
    })
}

/// A bijlage: its number and title from `kop`, its text as lines (headings inside it
/// included).
pub fn annex(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Bijlage {
    let mut number = None;
    let mut heading = None;
    if let Some(k) = child(node, "kop") {
        let part = |name| child(k, name).map(inline::plain).filter(|t| !t.is_empty());
        number = part("nr").map(|n| blocks::number(&n));
        heading = part("titel").map(|t| Tekst {
            text: inline::escape(&t),
            span: Span::default(),
        });
    }
    let mut content = Vec::new();
    text_lines(cx, node, false, &mut content);
    Bijlage {
        number,
        heading,
        content,
        ..Bijlage::default()
    }
}

/// The toelichting: a first line `Toelichting` (which is what starts one in `.gr`), its
/// title, then every heading and alinea in it as a line.
pub fn explanation(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Toelichting {
    let mut content = vec![line("Toelichting".to_string())];
    text_lines(cx, node, true, &mut content);
    if let Some(Blok::Alinea(a)) = content.get(1)
        && a.text.eq_ignore_ascii_case("toelichting")
    {
        content.remove(1);
    }
    Toelichting {
        content,
        ..Toelichting::default()
    }
}

fn line(text: String) -> Blok {
    Blok::Alinea(Alinea {
        text,
        ..Alinea::default()
    })
}

/// Headings (`kop`, as `label nr titel`) and text of `node` as lines, in order; the
/// node's own heading only if `own_kop` (a bijlage's is its heading line already).
fn text_lines(cx: &mut Cx<'_, '_>, node: Node<'_, '_>, own_kop: bool, out: &mut Vec<Blok>) {
    for c in node.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "kop" if !own_kop => {}
            "kop" => {
                let words: Vec<String> = c
                    .children()
                    .filter(Node::is_element)
                    .map(|p| inline::line(p, &mut cx.acts))
                    .filter(|t| !t.is_empty())
                    .collect();
                if !words.is_empty() {
                    out.push(line(words.join(" ")));
                }
            }
            "meta-data" => {}
            _ if child(c, "kop").is_some() => text_lines(cx, c, true, out),
            _ => out.extend(lines(blocks_of(cx, c))),
        }
    }
}
