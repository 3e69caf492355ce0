//! The regeling text of both formats → tree: divisions, articles, leden, lists,
//! definition lists and CALS tables. CVDR and BWB share these element names; the
//! differences (a list item's number as `li/@nr` or `li/li.nr`, a heading in `kop/label`
//! or split over `label`, `nr` and `titel`) are read here in one place.
//!
//! Published data is messier than its schema; what is read, and how:
//! - leden in a flat `<lijst>` directly in the article: an item numbered `1.` starts a
//!   lid, lettered items after it are that lid's onderdelen;
//! - `lid` elements mixed with loose `al`: the `al` stays an alinea of the article, in
//!   its place;
//! - headings printed as a bold alinea (`<al><vet>Artikel 3 Taken</vet></al>`): read by
//!   the `.gr` grammar's own heading rule and made the article (or division) they are;
//!   in such an article `1.`, `a.` alinea's are read the same way as leden and onderdelen;
//! - a numbered list inside a lid or onderdeel: subonderdelen (`1°`), as `.gr` writes
//!   them; a list with bullets or dashes: alinea's that keep their bullet;
//! - a table: one alinea per row, cells separated by ` | ` (`.gr` has no tables).

use roxmltree::Node;

use super::{Cx, child, inline};
use crate::source::grammar::{LineKind, classify_line};
use crate::tree::*;

/// The parts (divisions, articles, loose text) inside `node`: `regeling-tekst`, a
/// hoofdstuk, an afdeling.
pub fn parts(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Vec<Deel> {
    let mut out: Vec<Deel> = Vec::new();
    // An article opened by a bold heading alinea, filled by the alinea's after it.
    let mut open: Option<Artikel> = None;
    for c in node.children().filter(Node::is_element) {
        let name = c.tag_name().name();
        if let Some(label) = division_label(name) {
            close(&mut open, &mut out);
            out.extend(division(cx, c, label));
            continue;
        }
        match name {
            "kop" | "meta-data" | "redactie" | "intitule" => {}
            "artikel" => {
                close(&mut open, &mut out);
                match article(cx, c) {
                    Some(a) => out.push(Deel::Artikel(a)),
                    // An article without a number or heading (a beleidsregel's text
                    // wrapped in an empty article): its text, in its place.
                    None => out.extend(as_parts(blocks(cx, c))),
                }
            }
            _ => {
                if let Some(heading) = bold_heading(c) {
                    close(&mut open, &mut out);
                    open = Some(heading);
                    continue;
                }
                let found = blocks_of(cx, c);
                match &mut open {
                    Some(a) => a.content.extend(renumbered(found)),
                    None => out.extend(as_parts(found)),
                }
            }
        }
    }
    close(&mut open, &mut out);
    out
}

fn close(open: &mut Option<Artikel>, out: &mut Vec<Deel>) {
    if let Some(a) = open.take() {
        out.push(Deel::Artikel(a));
    }
}

/// The tree's label of a division element; `None` for other elements.
fn division_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "hoofdstuk" | "deel" | "boek" => "Hoofdstuk",
        "titeldeel" | "titel-deel" => "Titel",
        "afdeling" => "Afdeling",
        "paragraaf" => "Paragraaf",
        "sub-paragraaf" | "subparagraaf" => "Subparagraaf",
        _ => return None,
    })
}

/// A division; one without a number (`<kop><titel>Tarieven</titel></kop>`) is no
/// heading `.gr` can write: its title becomes a line (a tussenkop) and its content
/// stays in the parent, as `.gr` reads them back.
fn division(cx: &mut Cx<'_, '_>, node: Node<'_, '_>, label: &'static str) -> Vec<Deel> {
    let (number, heading) = kop(cx, node);
    let content = parts(cx, node);
    let Some(number) = number else {
        let title = heading.map(|text| {
            Deel::Alinea(Alinea {
                text,
                ..Alinea::default()
            })
        });
        return title.into_iter().chain(content).collect();
    };
    let heading = heading.map(|text| Tekst {
        text,
        span: Span::default(),
    });
    if label == "Hoofdstuk" {
        return vec![Deel::Hoofdstuk(Hoofdstuk {
            number,
            heading,
            content,
            ..Hoofdstuk::default()
        })];
    }
    vec![Deel::Paragraaf(Paragraaf {
        label: label.to_string(),
        number,
        heading,
        content,
        ..Paragraaf::default()
    })]
}

/// The number and title of an element's `kop`. Either split over `nr` and `titel`, or
/// run together in `label` (`1.Parkeren`, `Artikel 3 Taken`): then the number is the
/// first word that is one, after the element's own word.
fn kop(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> (Option<String>, Option<String>) {
    let Some(k) = child(node, "kop") else {
        return (None, None);
    };
    let mut text = |name| {
        child(k, name)
            .map(|n| inline::line(n, &mut cx.acts))
            .filter(|t| !t.is_empty())
    };
    let (label, nr, titel) = (text("label"), text("nr"), text("titel"));
    let nr = nr.map(|n| number(&n));
    if nr.is_some() {
        return (nr, titel);
    }
    let Some(label) = label else {
        return (None, titel);
    };
    // The label may repeat the element's word (`Artikel 3`, `§ 2`).
    let rest = label
        .split_once(|c: char| c.is_whitespace())
        .filter(|(w, _)| w.chars().all(char::is_alphabetic) || *w == "§")
        .map_or(label.as_str(), |(_, r)| r);
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if digits.starts_with(|c: char| c.is_ascii_digit()) || is_roman(&digits) {
        let tail = rest[digits.len()..]
            .trim_start_matches(['.', ':'])
            .trim()
            .to_string();
        let title = titel.or((!tail.is_empty()).then_some(tail));
        return (Some(digits), title);
    }
    (None, titel.or(Some(label)))
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXLC".contains(c))
}

/// `1.` → `1`, `a)` → `a`, `20a` stays.
pub fn number(text: &str) -> String {
    text.trim()
        .trim_end_matches(['.', ')', ':'])
        .trim()
        .to_string()
}

fn article(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Option<Artikel> {
    let (mut nr, heading) = kop(cx, node);
    if nr.is_none() {
        // BWB names the article in an attribute too: label="Artikel 12".
        nr = node
            .attribute("label")
            .and_then(|l| l.split_whitespace().nth(1))
            .map(number);
    }
    let enig = child(node, "kop")
        .and_then(|k| child(k, "label"))
        .is_some_and(|l| inline::plain(l).eq_ignore_ascii_case("enig artikel"));
    // `<label>Enig artikel</label>` is the heading word, not a title.
    let heading = heading.filter(|h| !(enig && h.eq_ignore_ascii_case("enig artikel")));
    if nr.is_none() && heading.is_none() && !enig {
        return None;
    }
    let mut content = article_blocks(cx, node);
    let repealed = node.attribute("status") == Some("vervallen")
        || (content.len() == 1 && matches!(&content[0], Blok::Alinea(a) if is_vervallen(&a.text)));
    if repealed {
        content.clear();
    }
    Some(Artikel {
        label: if enig { "Enig artikel" } else { "Artikel" }.to_string(),
        number: if enig { None } else { nr },
        heading: heading.map(|text| Tekst {
            text,
            span: Span::default(),
        }),
        repealed,
        content,
        ..Artikel::default()
    })
}

/// Whether an alinea is the bare mark `[Vervallen]` that the import may drop. Narrower
/// than `source::is_vervallen` on purpose: a mark with more in it (`Vervallen per
/// 01-07-2010`, `(vervalt)`) is kept as the element's text, so its date is not lost, and
/// reading the `.gr` back still makes the element repealed (`source::is_vervallen`).
fn is_vervallen(text: &str) -> bool {
    let t = text.trim_matches(|c: char| matches!(c, '[' | ']' | '.' | ' '));
    t.eq_ignore_ascii_case("vervallen")
}

/// An article's blocks, with the flat-list form of leden read as leden.
fn article_blocks(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Vec<Blok> {
    let mut out = Vec::new();
    for c in node.children().filter(Node::is_element) {
        if c.tag_name().name() == "lijst" && numbered_leden(c) {
            out.extend(flat_leden(cx, c));
        } else {
            out.extend(blocks_of(cx, c));
        }
    }
    out
}

/// A list directly in an article whose first item is numbered `1`: leden, published as
/// a list (older CVDR documents).
fn numbered_leden(list: Node<'_, '_>) -> bool {
    let first = super::children(list, "li").next();
    first.and_then(item_number).as_deref() == Some("1")
}

fn flat_leden(cx: &mut Cx<'_, '_>, list: Node<'_, '_>) -> Vec<Blok> {
    let mut leden: Vec<Lid> = Vec::new();
    for li in super::children(list, "li") {
        let nr = item_number(li).unwrap_or_default();
        let content = blocks(cx, li);
        match leden.last_mut() {
            Some(lid) if !nr.starts_with(|c: char| c.is_ascii_digit()) => {
                push_item(&mut lid.content, onderdeel(nr, content));
            }
            _ => leden.push(Lid {
                number: nr,
                content,
                ..Lid::default()
            }),
        }
    }
    leden.into_iter().map(Blok::Lid).collect()
}

/// Adds an onderdeel to the list at the end of `content`, or starts one.
fn push_item(content: &mut Vec<Blok>, item: Onderdeel) {
    if let Some(Blok::Lijst(l)) = content.last_mut() {
        l.items.push(item);
    } else {
        content.push(Blok::Lijst(Lijst {
            items: vec![item],
            ..Lijst::default()
        }));
    }
}

fn onderdeel(number: String, content: Vec<Blok>) -> Onderdeel {
    let repealed = matches!(content.as_slice(), [Blok::Alinea(a)] if is_vervallen(&a.text));
    Onderdeel {
        number,
        repealed,
        content: if repealed { Vec::new() } else { content },
        ..Onderdeel::default()
    }
}

/// The blocks inside `node` (a lid, a list item, a definition).
pub fn blocks(cx: &mut Cx<'_, '_>, node: Node<'_, '_>) -> Vec<Blok> {
    let mut out = Vec::new();
    for c in node.children().filter(Node::is_element) {
        out.extend(blocks_of(cx, c));
    }
    out
}

/// The blocks one element stands for.
pub fn blocks_of(cx: &mut Cx<'_, '_>, e: Node<'_, '_>) -> Vec<Blok> {
    match e.tag_name().name() {
        // Numbers and headings are read by the element that owns them; the rest is
        // database bookkeeping.
        "kop" | "lidnr" | "li.nr" | "meta-data" | "redactie" | "noot" | "term" => Vec::new(),
        "al" | "tussenkop" | "considerans.al" | "wie" | "wij" | "functie" | "naam" | "plaats"
        | "datum" | "dagtekening" | "titel" | "opschrift" => alinea(cx, e).into_iter().collect(),
        "lid" => {
            let nr = child(e, "lidnr").map(|n| number(&inline::plain(n)));
            let content = blocks(cx, e);
            let repealed = e.attribute("status") == Some("vervallen")
                || matches!(content.as_slice(), [Blok::Alinea(a)] if is_vervallen(&a.text));
            vec![Blok::Lid(Lid {
                number: nr.unwrap_or_default(),
                repealed,
                content: if repealed { Vec::new() } else { content },
                ..Lid::default()
            })]
        }
        "lijst" => list(cx, e),
        "definitielijst" => definitions(cx, e),
        "table" => table(cx, e),
        _ if e.children().any(|c| c.is_element()) => blocks(cx, e),
        _ => {
            cx.unknown(e);
            alinea(cx, e).into_iter().collect()
        }
    }
}

fn alinea(cx: &mut Cx<'_, '_>, e: Node<'_, '_>) -> Option<Blok> {
    let text = inline::line(e, &mut cx.acts);
    (!text.is_empty()).then(|| text_block(text))
}

fn text_block(text: String) -> Blok {
    Blok::Alinea(Alinea {
        text,
        ..Alinea::default()
    })
}

/// A list item's number: `li/@nr` (CVDR) or `li/li.nr` (both).
fn item_number(li: Node<'_, '_>) -> Option<String> {
    li.attribute("nr")
        .map(str::to_string)
        .or_else(|| child(li, "li.nr").map(inline::plain))
        .map(|n| number(&n))
        .filter(|n| !n.is_empty())
}

fn list(cx: &mut Cx<'_, '_>, e: Node<'_, '_>) -> Vec<Blok> {
    let mut out: Vec<Blok> = Vec::new();
    for li in super::children(e, "li") {
        let nr = item_number(li);
        let mut content = blocks(cx, li);
        match nr {
            Some(n) if n.chars().all(|c| c.is_ascii_alphabetic()) => {
                push_item(&mut out, onderdeel(n.to_lowercase(), content))
            }
            Some(n) if n.trim_end_matches('°').chars().all(|c| c.is_ascii_digit()) => {
                let n = format!("{}°", n.trim_end_matches('°'));
                push_item(&mut out, onderdeel(n, content))
            }
            // A bullet or a dash: the item's text keeps it, as an alinea.
            other => {
                if let (Some(mark), Some(Blok::Alinea(a))) = (other, content.first_mut()) {
                    a.text = format!("{} {}", inline::escape(&mark), a.text);
                }
                out.extend(content);
            }
        }
    }
    out
}

fn definitions(cx: &mut Cx<'_, '_>, e: Node<'_, '_>) -> Vec<Blok> {
    let mut out = Vec::new();
    for item in super::children(e, "definitie-item") {
        let term = child(item, "term")
            .map(|t| inline::line(t, &mut cx.acts))
            .map(|t| t.trim_end_matches([':', ' ']).to_string())
            .filter(|t| !t.is_empty());
        let content = child(item, "definitie")
            .map(|d| blocks(cx, d))
            .unwrap_or_default();
        match (item_number(item), term) {
            (Some(n), term) => {
                let mut o = onderdeel(n.to_lowercase(), content);
                o.term = term.map(|text| Tekst {
                    text,
                    span: Span::default(),
                });
                if o.term.is_some() && !matches!(o.content.first(), Some(Blok::Alinea(_))) {
                    // The writer puts the definition on a `: ` line; without one the
                    // term is the item's text.
                    let t = o.term.take().map(|t| t.text).unwrap_or_default();
                    o.content.insert(0, text_block(t));
                }
                push_item(&mut out, o);
            }
            // An unnumbered definition: `term: definitie` as one alinea.
            (None, term) => {
                let mut content = content.into_iter();
                let first = match (term, content.next()) {
                    (Some(t), Some(Blok::Alinea(a))) => {
                        Some(text_block(format!("{t}: {}", a.text)))
                    }
                    (Some(t), other) => {
                        out.push(text_block(t));
                        other
                    }
                    (None, other) => other,
                };
                out.extend(first);
                out.extend(content);
            }
        }
    }
    out
}

/// A CALS table: one alinea per row (head rows too), cells joined by ` | `.
fn table(cx: &mut Cx<'_, '_>, e: Node<'_, '_>) -> Vec<Blok> {
    let mut out = Vec::new();
    for n in e.descendants().filter(Node::is_element) {
        match n.tag_name().name() {
            "title" => out.extend(alinea(cx, n)),
            "row" => {
                let cells: Vec<String> = super::children(n, "entry")
                    .map(|entry| {
                        super::children(entry, "al")
                            .map(|al| inline::line(al, &mut cx.acts))
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    out.push(text_block(cells.join(" | ")));
                }
            }
            _ => {}
        }
    }
    out
}

/// An alinea that is nothing but a bold article heading (`<al><vet>Artikel 3
/// Taken</vet></al>`), read by the `.gr` grammar's heading rule.
fn bold_heading(al: Node<'_, '_>) -> Option<Artikel> {
    if al.tag_name().name() != "al" {
        return None;
    }
    let mut elements = al.children().filter(Node::is_element);
    let vet = elements.next().filter(|v| v.tag_name().name() == "vet")?;
    let loose = al
        .children()
        .filter(|c| c.is_text())
        .any(|c| !c.text().unwrap_or("").trim().is_empty());
    if elements.next().is_some() || loose {
        return None;
    }
    let text = inline::plain(vet);
    let line = classify_line(&text)?;
    if !matches!(line.kind, LineKind::Artikel | LineKind::EnigArtikel) {
        return None;
    }
    Some(Artikel {
        label: if line.kind == LineKind::EnigArtikel {
            "Enig artikel"
        } else {
            "Artikel"
        }
        .to_string(),
        number: line.number.map(|n| number(n.text)),
        heading: line.heading.map(|h| Tekst {
            text: inline::escape(h.text),
            span: Span::default(),
        }),
        ..Artikel::default()
    })
}

/// Blocks found after a bold article heading: alinea's that start with a lid or
/// onderdeel marker become that lid or onderdeel, as the `.gr` grammar reads them.
fn renumbered(found: Vec<Blok>) -> Vec<Blok> {
    let mut out: Vec<Blok> = Vec::new();
    for b in found {
        let Blok::Alinea(a) = &b else {
            out.push(b);
            continue;
        };
        let Some(line) = classify_line(&a.text) else {
            out.push(b);
            continue;
        };
        let nr = line.number.map(|n| number(n.text)).unwrap_or_default();
        let rest = text_block(line.text.text.to_string());
        match line.kind {
            LineKind::Lid => out.push(Blok::Lid(Lid {
                number: nr,
                content: vec![rest],
                ..Lid::default()
            })),
            LineKind::Onderdeel => match out.last_mut() {
                Some(Blok::Lid(l)) => push_item(&mut l.content, onderdeel(nr, vec![rest])),
                _ => push_item(&mut out, onderdeel(nr, vec![rest])),
            },
            _ => match out.last_mut() {
                // An alinea after a lid's marker line is part of that lid, as in `.gr`.
                Some(Blok::Lid(l)) => l.content.push(b),
                _ => out.push(b),
            },
        }
    }
    out
}

/// The blocks as lines of text only (for an aanhef, sluiting, bijlage or toelichting,
/// where `.gr` reads no leden or onderdelen): a list item keeps its marker in its line.
pub fn lines(found: Vec<Blok>) -> Vec<Blok> {
    as_parts(found)
        .into_iter()
        .filter_map(|d| match d {
            Deel::Alinea(a) => Some(Blok::Alinea(a)),
            Deel::Opmerking(o) => Some(Blok::Opmerking(o)),
            _ => None,
        })
        .collect()
}

/// Blocks standing outside any article (a text without articles): alinea's of the
/// division; a list's items keep their marker in the line.
fn as_parts(found: Vec<Blok>) -> Vec<Deel> {
    let mut out = Vec::new();
    for b in found {
        match b {
            Blok::Alinea(a) => out.push(Deel::Alinea(a)),
            Blok::Lid(l) => flatten(&format!("{}.", l.number), l.content, &mut out),
            Blok::Lijst(list) => {
                for item in list.items {
                    flatten(&walk::item_label(&item), item.content, &mut out);
                }
            }
            Blok::Opmerking(o) => out.push(Deel::Opmerking(o)),
        }
    }
    out
}

fn flatten(marker: &str, content: Vec<Blok>, out: &mut Vec<Deel>) {
    let mut rest = as_parts(content).into_iter();
    match rest.next() {
        Some(Deel::Alinea(mut a)) => {
            a.text = format!("{marker} {}", a.text);
            out.push(Deel::Alinea(a));
        }
        Some(other) => out.push(other),
        None => {}
    }
    out.extend(rest);
}
