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
        let rest = clean(first_sentence(&after[colon + 1..]));
        if !rest.is_empty() {
            return Some((rest, a.eid.clone(), a.span));
        }
        if let Some(next) = alineas.get(i + 1) {
            return Some((clean(&plain(&next.text)), next.eid.clone(), next.span));
        }
    }
    None
}

/// The title up to the end of its sentence: published texts go on on the same line
/// ("... aangehaald als: Regeling Brabants Historisch Centrum. Deze regeling zal met de
/// toelichting ... worden geplaatst."). A sentence ends at a dot, after a closing quote
/// if any, followed by a space and a capital, where the word before the dot is no
/// abbreviation of three letters or fewer (`St. Anthonis`, `Nr. 5`).
fn first_sentence(s: &str) -> &str {
    let mut from = 0;
    while let Some(rel) = s[from..].find(". ") {
        let dot = from + rel;
        let next = s[dot + 1..].trim_start();
        let word = s[..dot]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_end_matches(['\'', '`', '’', '”', '"']);
        if next.starts_with(char::is_uppercase) && word.chars().count() > 3 {
            return &s[..dot];
        }
        from = dot + 1;
    }
    s
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

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn the_title_ends_with_its_sentence() {
        assert_eq!(
            first_sentence(
                " Regeling Brabants Historisch Centrum. Deze regeling zal worden geplaatst."
            ),
            " Regeling Brabants Historisch Centrum"
        );
        assert_eq!(
            first_sentence(" Regeling RHC `Groninger Archieven'. Deze regeling zal"),
            " Regeling RHC `Groninger Archieven'"
        );
        // An abbreviation inside the title, a title that ends the line.
        assert_eq!(
            first_sentence(" Regeling gemeente St. Anthonis 2004."),
            " Regeling gemeente St. Anthonis 2004."
        );
        assert_eq!(first_sentence(" Regeling SORA."), " Regeling SORA.");
    }
}
