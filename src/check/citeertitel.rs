//! The citeertitel in the metadata against the one the regeling gives itself
//! ("Deze regeling wordt aangehaald als: ...").

use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;
use crate::tree::inline::plain;
use crate::tree::walk::{self, Node};

/// The title an article states, and where: the text after "aangehaald als" or
/// "aangehaald onder de titel", or the alinea that follows such a sentence.
pub fn stated(regeling: &Regeling) -> Option<(String, String, crate::tree::Span)> {
    let mut alineas = Vec::new();
    walk::walk(regeling, &mut |cx, node| {
        if let (Node::Alinea(a), false) = (node, cx.in_decision) {
            alineas.push(a);
        }
    });
    for (i, a) in alineas.iter().enumerate() {
        let text = plain(&a.text);
        let lower = text.to_lowercase();
        let Some(at) = lower.find("aangehaald") else {
            continue;
        };
        let after = &text[at..];
        let Some(colon) = after.find(':') else {
            continue;
        };
        let rest = clean(&after[colon + 1..]);
        if !rest.is_empty() {
            return Some((rest, a.eid.clone(), a.span));
        }
        if let Some(next) = alineas.get(i + 1) {
            return Some((clean(&plain(&next.text)), next.eid.clone(), next.span));
        }
    }
    None
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', ';', ','])
        .trim_matches(['"', '\'', '`', '“', '”', '‘', '’'])
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string()
}

pub fn check(regeling: &Regeling) -> Vec<Diagnostic> {
    let Some(meta) = regeling.metadata.citation_title.as_deref() else {
        return Vec::new();
    };
    let Some((stated, eid, span)) = stated(regeling) else {
        return Vec::new();
    };
    // Quotes differ between typewriters and publications (`Gelders Archief' against
    // 'Gelders Archief'); they do not make a citeertitel different.
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’'))
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if norm(&stated) == norm(meta) {
        return Vec::new();
    }
    vec![Diagnostic::new(
        "S006",
        format!("de tekst noemt als citeertitel \"{stated}\", de metadata \"{meta}\""),
    )
    .at(&regeling.file, span)
    .node(&eid)
    .note("een citeertitel die niet bij de regeling hoort, is vaak blijven staan uit een vorige versie")]
}
