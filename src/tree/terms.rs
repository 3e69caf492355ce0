//! The begripsbepalingen: which terms a regeling defines, read from the tree.
//!
//! A definitions list is a list that follows an alinea saying "... wordt verstaan onder:"
//! (or "verstaan onder"). Each onderdeel defines one term: the term written on its own
//! (`a. Wgr` / `: De Wet gemeenschappelijke regelingen.`) or before a colon
//! (`a. de minister: de Minister van ...`). Onderdelen that show neither are skipped, not
//! guessed.

use super::inline::plain;
use super::walk::{Node, walk};
use super::*;

/// A defined term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The term as written: `Algemeen Bestuur`, `De wetten`, `de minister`.
    pub term: String,
    /// The definition's words.
    pub definition: String,
    /// The onderdeel that defines it.
    pub eid: String,
    /// Where the term is written.
    pub span: Span,
}

/// Every definition in the regeling (not in a preceding decision), in order.
pub fn definitions(r: &Regeling) -> Vec<Definition> {
    let mut out = Vec::new();
    walk(r, &mut |cx, node| {
        if cx.in_decision {
            return;
        }
        let content = match node {
            Node::Artikel(a) => &a.content,
            Node::Lid(l) => &l.content,
            _ => return,
        };
        for (i, b) in content.iter().enumerate() {
            let Blok::Alinea(intro) = b else { continue };
            // Only an alinea a list follows can introduce definitions: tested first, so
            // the text of the others (most alinea's) is never searched.
            let Some(Blok::Lijst(list)) = content.get(i + 1) else {
                continue;
            };
            // Cheap test on the raw bytes first: this runs for every alinea before a
            // list, and most are no begripsbepaling.
            let bytes = intro.text.as_bytes();
            let maybe = memchr::memchr2_iter(b'v', b'V', bytes).any(|i| {
                bytes
                    .get(i..i + 8)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"verstaan"))
            });
            if !maybe || !plain(&intro.text).to_lowercase().contains("verstaan onder") {
                continue;
            }
            for item in &list.items {
                if let Some(d) = definition(item) {
                    out.push(d);
                }
            }
        }
    });
    out
}

fn definition(item: &Onderdeel) -> Option<Definition> {
    let first = item.content.iter().find_map(|b| match b {
        Blok::Alinea(a) => Some(a),
        _ => None,
    })?;
    if let Some(term) = &item.term {
        return Some(Definition {
            term: plain(&term.text).trim().to_string(),
            definition: plain(&first.text),
            eid: item.eid.clone(),
            span: term.span,
        });
    }
    let text = plain(&first.text);
    let (term, def) = text.split_once(':')?;
    let term = term.trim();
    // A term is a few words, not a sentence that happens to contain a colon.
    if term.is_empty() || term.split_whitespace().count() > 6 {
        return None;
    }
    let lead = first.text.len() - first.text.trim_start().len();
    Some(Definition {
        term: term.to_string(),
        definition: def.trim().to_string(),
        eid: item.eid.clone(),
        span: Span {
            end: first.span.start + (lead + term.len()) as u32,
            ..first.span
        },
    })
}
