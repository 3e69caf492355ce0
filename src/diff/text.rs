//! The texts of elements as the comparison reads them: plain text (markup removed), an
//! article's opschrift and body together, a lid's own text apart from its onderdelen.

use crate::tree::inline::plain;
use crate::tree::walk::block_text;
use crate::tree::*;

use super::align::Unit;

pub fn container_text(content: &[Blok]) -> String {
    let mut s = String::new();
    block_text(content, &mut s);
    plain(&s)
}

pub fn heading_text(h: &Option<Tekst>) -> String {
    h.as_ref().map(|t| plain(&t.text)).unwrap_or_default()
}

/// An article's text as compared: heading, then content.
pub fn article_text(a: &Artikel) -> String {
    let mut s = heading_text(&a.heading);
    if a.repealed {
        s.push_str(" [Vervallen]");
    }
    let body = container_text(&a.content);
    if !body.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&body);
    }
    s
}

pub(super) fn lid_text(l: &Lid) -> String {
    let mut s = container_text(&l.content);
    if l.repealed {
        s.insert_str(0, "[Vervallen] ");
    }
    s
}

pub(super) fn item_text(o: &Onderdeel) -> String {
    let mut s = o.term.as_ref().map(|t| plain(&t.text)).unwrap_or_default();
    if o.repealed {
        s.push_str(" [Vervallen]");
    }
    let body = container_text(&o.content);
    if !body.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&body);
    }
    s
}

/// What alignment compares of an article: number, heading, text.
pub fn article_unit(a: &Artikel) -> Unit {
    Unit {
        number: a.number.clone(),
        heading: heading_text(&a.heading).to_lowercase(),
        text: article_text(a),
    }
}

/// What alignment compares of a hoofdstuk: its number, its heading, and the text of its
/// heading and articles, so a hoofdstuk renamed and renumbered is still found by what it
/// holds (the wijzigingstabel shows its heading; the besluit names it by number).
pub fn chapter_unit(h: &Hoofdstuk) -> Unit {
    let heading = heading_text(&h.heading);
    let mut text = heading.clone();
    for a in crate::tree::walk::articles_in(&h.content) {
        text.push(' ');
        text.push_str(&article_text(a));
    }
    Unit {
        number: Some(h.number.clone()),
        heading: heading.to_lowercase(),
        text,
    }
}

/// ... of a lid.
pub fn lid_unit(l: &Lid) -> Unit {
    Unit {
        number: Some(l.number.clone()),
        heading: String::new(),
        text: lid_text(l),
    }
}

/// ... of an onderdeel (its term counts as its heading).
pub fn item_unit(o: &Onderdeel) -> Unit {
    Unit {
        number: Some(o.number.clone()),
        heading: o
            .term
            .as_ref()
            .map(|t| plain(&t.text).to_lowercase())
            .unwrap_or_default(),
        text: item_text(o),
    }
}

/// A lid's own text, its lists left out (their onderdelen are compared one by one).
pub fn own_text(content: &[Blok]) -> String {
    let own: Vec<Blok> = content
        .iter()
        .filter(|b| !matches!(b, Blok::Lijst(_)))
        .cloned()
        .collect();
    container_text(&own)
}
