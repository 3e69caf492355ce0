//! What reference extraction needs to know about the regeling as a whole: which acts its
//! own words stand for. A begripsbepaling "de wet: de Wet op het financieel toezicht" makes
//! "artikel 2:55 van de wet" that act's; "de Mededingingswet (hierna: Mw)" makes "artikel
//! 34 Mw" the Mededingingswet's; in a gemeenschappelijke regeling an undefined "de wet"
//! is the Wgr; elsewhere it is the act the aanhef is based on ("Gelet op artikel 5 van de
//! Wet X"), if it names one act.

use rustc_hash::FxHashMap;

use super::acts::{self, Act};
use crate::tree::inline::plain;
use crate::tree::terms::definitions;
use crate::tree::*;

/// An act as a text names it: one in the table, or one grc does not know (its name as
/// written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    Known(&'static Act),
    Unknown(String),
}

impl Named {
    /// The name stored on an external reference: the table's short name, or as written.
    pub fn short(&self) -> String {
        match self {
            Named::Known(a) => a.short.to_string(),
            Named::Unknown(n) => n.clone(),
        }
    }
}

/// What extraction needs to know about the regeling as a whole.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Defined terms and abbreviations that stand for an act, by their words in lower case
    /// without an article (`wet`, `besluit`, `mw`, `bezoldigingsbesluit`).
    pub terms: FxHashMap<String, Named>,
    /// The act an undefined "de wet" is: the Wgr in a gemeenschappelijke regeling, else the
    /// one act the aanhef is based on.
    pub default_wet: Option<Named>,
    /// The highest leading number of the own articles (`12` for `12a`), and whether any is
    /// written with a dot or colon (`2.1`, `4:34`); `None` when the text is not a whole
    /// regeling. A citation beyond them, in an article that named another act before, is
    /// that act's.
    pub highest: Option<(u32, bool)>,
    /// The acts the aanhef's "Gelet op" names, in order.
    pub grounds: Vec<&'static Act>,
}

impl Context {
    /// True when article `n` lies beyond this regeling's own numbering: a higher number
    /// than its last article, or a dotted number in a regeling that has none. (A missing
    /// number inside the numbering is a dangling reference, for the check to report.)
    pub fn beyond_own(&self, n: &str) -> bool {
        let Some((highest, dotted)) = self.highest else {
            return false;
        };
        n.contains(['.', ':']) && !dotted || leading_number(n).is_some_and(|l| l > highest)
    }

    /// The act a short name stands for that grc does not know on its own: "het
    /// Subsidiebesluit" where the aanhef is based on the "Subsidiebesluit Ministerie van
    /// Buitenlandse Zaken" (the one act of the aanhef whose name starts with it).
    /// `short` may run on past the name ("Subsidiebesluit van toepassing"): its first
    /// words are tried, longest first; returns the act and how many bytes name it.
    pub fn ground_named(&self, short: &str) -> Option<(&'static Act, usize)> {
        if self.grounds.is_empty() {
            return None;
        }
        let ends = short
            .match_indices(' ')
            .map(|(i, _)| i)
            .chain([short.len()])
            .collect::<Vec<_>>();
        ends.into_iter().rev().find_map(|end| {
            let words = &short[..end];
            let mut matching = self.grounds.iter().filter(|a| {
                a.name
                    .strip_prefix(words)
                    .is_some_and(|rest| rest.starts_with(' '))
            });
            match (matching.next(), matching.next()) {
                (Some(a), None) => Some((*a, end)),
                _ => None,
            }
        })
    }

    pub fn of(r: &Regeling) -> Context {
        let mut cx = Context::default();
        for d in definitions(r) {
            let term = term_key(&d.term);
            if term.is_empty() {
                continue;
            }
            if let Some(named) = act_in(&d.definition) {
                cx.terms.insert(term, named);
            }
        }
        for (term, definition) in loose_definitions(r) {
            let key = term_key(&term);
            if let Some(named) = act_in(&definition) {
                cx.terms.entry(key).or_insert(named);
            }
        }
        abbreviations(r, &mut cx.terms);
        // An amending act numbered I, II, ... has no Arabic numbers: every one is beyond.
        let numbers: Vec<&str> = crate::tree::walk::articles_in(&r.body)
            .into_iter()
            .filter_map(|a| a.number.as_deref())
            .collect();
        if !numbers.is_empty() {
            let highest = numbers
                .iter()
                .filter_map(|n| leading_number(n))
                .max()
                .unwrap_or(0);
            let dotted = numbers.iter().any(|n| n.contains(['.', ':']));
            cx.highest = Some((highest, dotted));
        }
        let gr = r.metadata.kind.is_some()
            || [
                r.metadata.title.as_deref(),
                r.metadata.citation_title.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains("gemeenschappelijke regeling"));
        cx.grounds = grounds(r);
        cx.default_wet = if gr {
            acts::by_short("Wgr").map(Named::Known)
        } else {
            // The Awb is the ground of every beleidsregel (artikel 4:81), never its "wet".
            let mut own = cx.grounds.iter().filter(|a| a.short != "Awb");
            match (own.next(), own.next()) {
                (Some(one), None) => Some(Named::Known(one)),
                _ => None,
            }
        };
        cx
    }

    /// The act a term stands for (`wet`, `het Besluit`, `Mw`).
    pub fn term(&self, words: &str) -> Option<&Named> {
        self.terms.get(&term_key(words))
    }
}

/// A term as a key: lower case, quotes and a leading article removed.
pub fn term_key(term: &str) -> String {
    let t = term
        .trim()
        .trim_matches(|c: char| "\"'‘’“”".contains(c))
        .trim();
    let lower = t.to_lowercase();
    for det in ["de ", "het ", "der "] {
        if let Some(rest) = lower.strip_prefix(det) {
            return rest.trim().to_string();
        }
    }
    lower
}

/// The act a definition names: the first act of the table named in it ("de Wet op het
/// financieel toezicht", "het Besluit Gedragstoezicht financiële ondernemingen Wft"), or,
/// when it starts with the name of an act grc does not know, that name.
fn act_in(definition: &str) -> Option<Named> {
    let text = definition.trim().trim_end_matches(['.', ';']);
    // Only the first few words: "de Minister van Financiën" names no act, and an act named
    // deep in a definition ("een subsidie als bedoeld in de Wet X") is not what the term is.
    let words = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .take(4);
    for i in words {
        if let Some((act, n)) = acts::named_at(&text[i..]) {
            // The bare word "wet" names the Wgr only in a citation's words.
            if &text[i..i + n] != "wet" {
                return Some(Named::Known(act));
            }
        }
    }
    let rest = text
        .strip_prefix("de ")
        .or_else(|| text.strip_prefix("het "))
        .unwrap_or(text);
    super::naming::looks_like_act(rest)
        .then(|| Named::Unknown(super::naming::unknown_act_name(rest).to_string()))
}

/// Definitions the begripsbepalingen give without a list of onderdelen: on the line of
/// "verstaan onder:" itself (`... onder: Minister: de Minister; wet: de Wet X.`), or on
/// the lines after it, each `term: definition`, with or without a dash (`– wet: de Wet
/// ruimtelijke ordening.`).
fn loose_definitions(r: &Regeling) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let take = |line: &str, out: &mut Vec<(String, String)>| -> bool {
        let line = line.trim().trim_start_matches(['–', '-', '•', '*']).trim();
        match line.split_once(':') {
            Some((term, def))
                if !term.is_empty()
                    && term.split_whitespace().count() <= 4
                    && !def.trim().is_empty() =>
            {
                out.push((term.trim().to_string(), def.trim().to_string()));
                true
            }
            _ => false,
        }
    };
    crate::tree::walk::walk(r, &mut |cx, node| {
        if cx.in_decision {
            return;
        }
        // A bijlage holding a programma or reglement has begripsbepalingen of its own.
        let content = match node {
            crate::tree::walk::Node::Artikel(a) => &a.content,
            crate::tree::walk::Node::Lid(l) => &l.content,
            crate::tree::walk::Node::Bijlage(b) => &b.content,
            _ => return,
        };
        let mut after_intro = false;
        for b in content {
            let Blok::Alinea(a) = b else {
                after_intro = false;
                continue;
            };
            let text = plain(&a.text);
            // One searcher for every alinea (`str::find` built one per call).
            static VERSTAAN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
                std::sync::LazyLock::new(|| memchr::memmem::Finder::new("verstaan onder:"));
            if let Some(at) = VERSTAAN.find(text.as_bytes()) {
                let rest = &text[at + "verstaan onder:".len()..];
                for part in rest.split(';') {
                    take(part, &mut out);
                }
                after_intro = true;
                continue;
            }
            if after_intro && !take(&text, &mut out) {
                after_intro = false;
            }
        }
    });
    out
}

/// Abbreviations a text gives an act it names: "de Mededingingswet (hierna: Mw)", "de Wet
/// marktordening gezondheidszorg (Wmg)", "de Vreemdelingenwet 2000 (Vw 2000)".
fn abbreviations(r: &Regeling, terms: &mut FxHashMap<String, Named>) {
    crate::tree::walk::walk(r, &mut |_, node| {
        let crate::tree::walk::Node::Alinea(a) = node else {
            return;
        };
        if !a.text.contains('(') {
            return;
        }
        let text = plain(&a.text);
        for (open, _) in text.match_indices('(') {
            let Some(close) = text[open..].find(')').map(|i| open + i) else {
                continue;
            };
            let inside = text[open + 1..close].trim();
            let inside = inside
                .strip_prefix("hierna:")
                .or_else(|| inside.strip_prefix("hierna te noemen:"))
                .or_else(|| inside.strip_prefix("verder te noemen:"))
                .unwrap_or(inside)
                .trim()
                .trim_matches(|c: char| "\"'‘’“”".contains(c));
            if !is_abbreviation(inside) {
                continue;
            }
            if let Some(act) = act_ending_at(&text[..open]) {
                terms.entry(term_key(inside)).or_insert(Named::Known(act));
            }
        }
    });
}

/// `Mw`, `Wmg`, `AWBZ`, `Vw 2000`: short, starting with a capital, at most one space.
fn is_abbreviation(s: &str) -> bool {
    let first = s.split(' ').next().unwrap_or("");
    s.len() <= 12
        && s.split(' ').count() <= 2
        && first.len() >= 2
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && first.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// The act whose name ends `text` (before an opening bracket), found from the word
/// starts of its last words.
fn act_ending_at(text: &str) -> Option<&'static Act> {
    let t = text.trim_end();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(t.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    starts
        .iter()
        .rev()
        .take(15)
        .filter_map(|&i| acts::named_at(&t[i..]).filter(|(_, n)| i + n == t.len()))
        .map(|(a, _)| a)
        .next_back()
}

/// The one act the aanhef cites ("Gelet op artikel 5 van de Wet X;"), or none if it
/// cites none or several.
fn grounds(r: &Regeling) -> Vec<&'static Act> {
    let mut found: Vec<&'static Act> = Vec::new();
    let Some(aanhef) = r.preamble.as_ref() else {
        return found;
    };
    for b in &aanhef.content {
        let Blok::Alinea(a) = b else { continue };
        let text = plain(&a.text);
        if !text.to_lowercase().contains("gelet op") {
            continue;
        }
        for (at, w) in text.match_indices("van ") {
            let rest = &text[at + w.len()..];
            let rest = rest
                .strip_prefix("de ")
                .or_else(|| rest.strip_prefix("het "))
                .unwrap_or(rest);
            if let Some((act, n)) = acts::named_at(rest)
                && &rest[..n] != "wet"
                && !found.contains(&act)
            {
                found.push(act);
            }
        }
    }
    found
}

/// `12` of `12a`, `2` of `2.1`; `None` for a Roman number.
fn leading_number(n: &str) -> Option<u32> {
    let end = n.find(|c: char| !c.is_ascii_digit()).unwrap_or(n.len());
    n[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_abbreviations() {
        assert_eq!(term_key("de wet"), "wet");
        assert_eq!(term_key("\"Onze Minister\""), "onze minister");
        assert_eq!(term_key("Het Besluit"), "besluit");
        assert!(is_abbreviation("Mw"));
        assert!(is_abbreviation("Vw 2000"));
        assert!(!is_abbreviation("zie hieronder"));
        assert_eq!(
            act_ending_at("bedoeld in de Wet op het financieel toezicht ")
                .unwrap()
                .bwb,
            Some("BWBR0020368")
        );
        assert_eq!(
            act_in("de Wet op het financieel toezicht.").map(|n| n.short()),
            Some("Wet op het financieel toezicht".to_string())
        );
        assert_eq!(act_in("de Minister van Financiën"), None);
    }
}
