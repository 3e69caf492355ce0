//! L003: "het vorige lid", "het voorgaande lid", "het volgende lid", "de voorgaande leden",
//! "het vorige artikel", "het voorgaande artikel", "het volgende artikel".
//!
//! Aanwijzing 3.29, tweede lid, of the Aanwijzingen voor de regelgeving: "Naar het
//! voorafgaande artikel of lid van een artikel wordt verwezen door vermelding van het
//! nummer van dat artikel of lid." A relative citation silently changes its target when
//! a lid or article is inserted or repealed before it; the number does not. The same
//! holds for the next lid or article, which the Aanwijzingen never use either.
//!
//! The finding names the number from the tree: the lid before or after the one the words
//! stand in, the article before or after in reading order. `grc fix` writes it: the
//! adjective becomes the ordinal ("het vorige lid" → "het derde lid"), "het vorige
//! artikel" becomes "artikel 12". Where no number can be named (the words stand outside
//! a lid, or in the first lid), the reference checks report it (R001, R008), not this one.
//!
//! Not reported: the words in a sentence that inserts or replaces text ("Aan artikel 3
//! wordt het volgende lid toegevoegd:"), where "het volgende lid" is the text that
//! follows; inside quotes; "de volgende leden" (members, more often than leden).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use rustc_hash::FxHashMap;

use super::{Part, Text, inside_quotes, whole_word};
use crate::diagnostic::{Diagnostic, Fix};
use crate::tree::reference::ordinal_word;
use crate::tree::walk::articles_in;
use crate::tree::{Artikel, Regeling};

fn adjectives() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(["vorige", "voorgaande", "voorafgaande", "volgende"])
            .expect("fixed patterns")
    })
}

/// Words of a sentence that amends a text: there "het volgende lid" is what follows.
const AMENDING: &[&str] = &[
    "ingevoegd",
    "toegevoegd",
    "luidende",
    "komt te luiden",
    "vervangen door",
    "wordt vervangen",
];

/// Words before "het volgende lid" when it cites the next lid.
const CITING: &[&str] = crate::nl::CITING_NEXT_LID;

/// The articles of the regeling and of a preceding decision, each with its place in
/// reading order (found by address: an article is one node of the tree).
struct Order<'a> {
    body: Vec<&'a Artikel>,
    decision: Vec<&'a Artikel>,
    index: FxHashMap<*const Artikel, usize>,
}

impl<'a> Order<'a> {
    fn of(r: &'a Regeling) -> Order<'a> {
        let body = articles_in(&r.body);
        let decision = r
            .preceding_decision
            .as_deref()
            .map(|b| articles_in(&b.body))
            .unwrap_or_default();
        let mut index = FxHashMap::default();
        for list in [&body, &decision] {
            for (i, a) in list.iter().enumerate() {
                index.insert(*a as *const Artikel, i);
            }
        }
        Order {
            body,
            decision,
            index,
        }
    }

    /// The article before (`-1`) or after (`+1`) `a`.
    fn neighbour(&self, a: &Artikel, in_decision: bool, step: isize) -> Option<&'a Artikel> {
        let list = if in_decision {
            &self.decision
        } else {
            &self.body
        };
        let i = *self.index.get(&(a as *const Artikel))?;
        list.get(i.checked_add_signed(step)?).copied()
    }
}

/// One "het vorige lid" and the words around it, as byte offsets of the alinea.
struct Phrase<'t> {
    /// `het`/`de`.
    determiner: (usize, usize),
    adjective: (usize, usize),
    /// `lid`, `leden` or `artikel`.
    noun: (usize, usize),
    text: &'t str,
}

impl Phrase<'_> {
    fn words(&self) -> &str {
        &self.text[self.determiner.0..self.noun.1]
    }
    fn adjective(&self) -> String {
        self.text[self.adjective.0..self.adjective.1].to_lowercase()
    }
    fn noun(&self) -> String {
        self.text[self.noun.0..self.noun.1].to_lowercase()
    }
    fn previous(&self) -> bool {
        self.adjective() != "volgende"
    }
}

/// The word that starts at or after `from` (after white space only), as a byte range.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return None;
    }
    let start = from + rest.len() - trimmed.len();
    let len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    (len > 0).then_some((start, start + len))
}

/// The word that ends before `to` (white space only in between), as a byte range.
fn previous_word(text: &str, to: usize) -> Option<(usize, usize)> {
    let before = &text[..to];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    Some((start, trimmed.len()))
}

/// The phrases of an alinea, in order.
fn phrases(text: &str) -> Vec<Phrase<'_>> {
    let mut out = Vec::new();
    for m in adjectives().find_iter(text) {
        if !whole_word(text, m.start(), m.len()) {
            continue;
        }
        let (Some(determiner), Some(noun)) =
            (previous_word(text, m.start()), next_word(text, m.end()))
        else {
            continue;
        };
        let det = text[determiner.0..determiner.1].to_lowercase();
        let n = text[noun.0..noun.1].to_lowercase();
        let fits = matches!(
            (det.as_str(), n.as_str()),
            ("het", "lid") | ("het", "artikel") | ("de", "leden")
        );
        if !fits {
            continue;
        }
        // "het vorige lid van artikel 3" is not relative to where it stands.
        let van = next_word(text, noun.1).map(|(s, e)| text[s..e].to_lowercase());
        let after_van = next_word(text, noun.1)
            .and_then(|(_, e)| next_word(text, e))
            .map(|(s, e)| text[s..e].to_lowercase());
        if van.as_deref() == Some("van") && after_van.as_deref() != Some("dit") {
            continue;
        }
        // "voordat het volgende lid heeft gestemd": a member. A citation of the next lid
        // stands after a preposition ("bedoeld in het volgende lid").
        let adjective = text[m.start()..m.end()].to_lowercase();
        let before = previous_word(text, determiner.0).map(|(s, e)| text[s..e].to_lowercase());
        if adjective == "volgende"
            && n == "lid"
            && !before.as_deref().is_some_and(|w| CITING.contains(&w))
        {
            continue;
        }
        out.push(Phrase {
            determiner,
            adjective: (m.start(), m.end()),
            noun,
            text,
        });
    }
    out
}

pub fn check(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    let mut order: Option<Order<'_>> = None;
    for t in texts {
        let (Part::Body, Some(artikel)) = (t.part, t.artikel) else {
            continue;
        };
        let text = t.text();
        let found = phrases(text);
        if found.is_empty() {
            continue;
        }
        let lower = text.to_lowercase();
        if AMENDING.iter().any(|w| lower.contains(w)) {
            continue;
        }
        for p in found {
            if inside_quotes(text, p.determiner.0) || text[p.noun.1..].trim_start().starts_with(':')
            {
                continue;
            }
            let noun = p.noun();
            let d = if noun == "artikel" {
                let order = order.get_or_insert_with(|| Order::of(r));
                article(t, &p, artikel, order)
            } else {
                lid(t, &p, artikel)
            };
            if let Some(d) = d {
                diags.push(d.at(&r.file, t.span(p.determiner.0, p.noun.1)));
            }
        }
    }
}

/// The message and fix for "het vorige lid", "de voorgaande leden".
fn lid(t: &Text<'_>, p: &Phrase<'_>, artikel: &Artikel) -> Option<Diagnostic> {
    let here = t.lid?;
    let leden: Vec<_> = artikel.leden().collect();
    let i = leden.iter().position(|l| std::ptr::eq(*l, here))?;
    let plural = p.noun() == "leden";
    if plural && !p.previous() {
        return None; // "de volgende leden": members
    }
    let targets: Vec<&str> = if plural {
        leden[..i].iter().map(|l| l.number.as_str()).collect()
    } else {
        let j = if p.previous() {
            i.checked_sub(1)?
        } else {
            i + 1
        };
        vec![leden.get(j)?.number.as_str()]
    };
    if targets.is_empty() {
        return None;
    }
    let ordinals: Option<Vec<String>> = targets
        .iter()
        .map(|n| n.parse::<u32>().ok().map(ordinal_word))
        .collect();
    let named = match &ordinals {
        Some(o) if o.len() == 1 => format!("het {} lid", o[0]),
        Some(o) if o.len() == 2 => format!("het {} en {} lid", o[0], o[1]),
        Some(o) => format!("het {} tot en met {} lid", o[0], o[o.len() - 1]),
        None => format!("lid {}", targets.join(", ")),
    };
    let mut d = diagnostic(t, p, &named);
    if let Some(o) = ordinals {
        // Only the adjective changes ("het vorige lid" → "het derde lid"); for the plural
        // the whole phrase ("de voorgaande leden" → "het eerste en tweede lid").
        let (start, end, replacement) = if plural {
            let capital = p.text[p.determiner.0..].starts_with('D');
            let mut r = named.clone();
            if capital {
                r.replace_range(0..1, "H");
            }
            (p.determiner.0, p.noun.1, r)
        } else {
            (p.adjective.0, p.adjective.1, o[0].clone())
        };
        d = with_fix(d, t, start, end, replacement);
    }
    Some(d)
}

/// The message and fix for "het vorige artikel", "het volgende artikel".
fn article(
    t: &Text<'_>,
    p: &Phrase<'_>,
    artikel: &Artikel,
    order: &Order<'_>,
) -> Option<Diagnostic> {
    let step = if p.previous() { -1 } else { 1 };
    let other = order.neighbour(artikel, t.in_decision, step)?;
    let number = other.number.as_deref()?;
    let named = format!("artikel {number}");
    let capital = p.text[p.determiner.0..].starts_with('H');
    let replacement = if capital {
        format!("Artikel {number}")
    } else {
        named.clone()
    };
    let d = diagnostic(t, p, &named);
    Some(with_fix(d, t, p.determiner.0, p.noun.1, replacement))
}

fn diagnostic(t: &Text<'_>, p: &Phrase<'_>, named: &str) -> Diagnostic {
    Diagnostic::new(
        "L003",
        format!(
            "schrijf \"{named}\" in plaats van \"{}\" (Ar 3.29, tweede lid: verwijs met het nummer)",
            p.words()
        ),
    )
    .node(&t.alinea.eid)
    .target(p.words())
}

fn with_fix(
    d: Diagnostic,
    t: &Text<'_>,
    start: usize,
    end: usize,
    replacement: String,
) -> Diagnostic {
    if !t.exact {
        return d;
    }
    let span = t.span(start, end);
    d.fix(Fix {
        start: span.start,
        end: span.end,
        replacement,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, fixed, run};

    const BODY: &str = "Artikel 4\n\nHet volgende artikel geldt.\n\nArtikel 5\n\n1. Het bestuur besluit.\n2. Het in het vorige lid bedoelde besluit, bedoeld in het volgende lid.\n3. De voorgaande leden en het voorgaande artikel gelden.\n\nArtikel 5a\n\nHet vorige artikel geldt.\n";

    #[test]
    fn names_the_number_and_fixes_it() {
        let d = run("", BODY);
        assert_eq!(
            codes(&d),
            vec![
                "L003: schrijf \"artikel 5\" in plaats van \"Het volgende artikel\" (Ar 3.29, tweede lid: verwijs met het nummer)",
                "L003: schrijf \"het eerste lid\" in plaats van \"het vorige lid\" (Ar 3.29, tweede lid: verwijs met het nummer)",
                "L003: schrijf \"het derde lid\" in plaats van \"het volgende lid\" (Ar 3.29, tweede lid: verwijs met het nummer)",
                "L003: schrijf \"het eerste en tweede lid\" in plaats van \"De voorgaande leden\" (Ar 3.29, tweede lid: verwijs met het nummer)",
                "L003: schrijf \"artikel 4\" in plaats van \"het voorgaande artikel\" (Ar 3.29, tweede lid: verwijs met het nummer)",
                "L003: schrijf \"artikel 5\" in plaats van \"Het vorige artikel\" (Ar 3.29, tweede lid: verwijs met het nummer)",
            ]
        );
        assert_eq!(
            fixed("", BODY),
            "Artikel 4\n\nArtikel 5 geldt.\n\nArtikel 5\n\n1. Het bestuur besluit.\n2. Het in het eerste lid bedoelde besluit, bedoeld in het derde lid.\n3. Het eerste en tweede lid en artikel 4 gelden.\n\nArtikel 5a\n\nArtikel 5 geldt.\n"
        );
    }

    #[test]
    fn amendments_members_and_unplaceable_words_stay_silent() {
        for body in [
            // What the sentence inserts.
            "Artikel 1\n\n1. Aan artikel 3 wordt het volgende lid toegevoegd:\n2. Het volgende artikel wordt ingevoegd.\n",
            // Members, another article's lid, a quotation, a colon.
            "Artikel 1\n\n1. De stem geldt voordat het volgende lid heeft gestemd.\n2. Het volgende lid geldt.\n\nArtikel 2\n\n1. De volgende leden van het bestuur treden af.\n2. Het vorige lid van artikel 7 geldt.\n3. In ‘het vorige lid’ staat het.\n4. Het volgende artikel: zie hieronder.\n",
            // No previous lid, no lid at all, no next article: R001 and R008 say so.
            "Artikel 1\n\n1. Het vorige lid geldt.\n\nArtikel 2\n\nHet vorige lid geldt niet. Het volgende artikel ook niet.\n",
        ] {
            let d = run("", body);
            assert!(
                d.iter().all(|d| d.code != "L003"),
                "{body}: {:?}",
                codes(&d)
            );
        }
    }

    #[test]
    fn an_inserted_number_is_named_without_a_fix() {
        let body = "Artikel 1\n\n1. Het bestuur.\n1a. Het bestuur.\n2. Het vorige lid geldt.\n";
        let d = run("", body);
        assert_eq!(d.len(), 1, "{:?}", codes(&d));
        assert!(
            d[0].message.starts_with("schrijf \"lid 1a\""),
            "{}",
            d[0].message
        );
        assert!(d[0].fix.is_none());
    }
}
