//! Numbering of hoofdstukken, paragrafen, artikelen, leden, onderdelen and
//! subonderdelen: duplicates, order, gaps, inserted numbers without their base, and a
//! sequence that does not start at the beginning.
//!
//! Numbers are compared through [`Key`]: `20a` sorts after `20` and before `21`, `IV`
//! is 4, `aa` follows `z`, `2.1` is compared part by part.

mod key;

pub(crate) use key::to_roman;
pub use key::{Key, Parts, Style, key, show};
use key::{ordinal_number, roman, roman_key};

use crate::diagnostic::Diagnostic;
use crate::tree::walk::{self, Node};
use crate::tree::*;

/// One numbered item of a sequence.
pub struct Item<'a> {
    pub number: &'a str,
    pub eid: &'a str,
    pub span: Span,
}

/// What the items are, in Dutch: singular and plural (`lid`/`leden`).
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

const ARTIKEL: Noun = Noun {
    one: "artikel",
    many: "artikelen",
};
const HOOFDSTUK: Noun = Noun {
    one: "hoofdstuk",
    many: "hoofdstukken",
};
const PARAGRAAF: Noun = Noun {
    one: "paragraaf",
    many: "paragrafen",
};
const TITEL: Noun = Noun {
    one: "titel",
    many: "titels",
};
const AFDELING: Noun = Noun {
    one: "afdeling",
    many: "afdelingen",
};
const SUBPARAGRAAF: Noun = Noun {
    one: "subparagraaf",
    many: "subparagrafen",
};
const LID: Noun = Noun {
    one: "lid",
    many: "leden",
};
const ONDERDEEL: Noun = Noun {
    one: "onderdeel",
    many: "onderdelen",
};
const SUBONDERDEEL: Noun = Noun {
    one: "subonderdeel",
    many: "subonderdelen",
};

/// Checks the numbering of every sequence in the regeling.
pub fn check(regeling: &Regeling) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let file = &regeling.file;
    if let Some(b) = regeling.preceding_decision.as_deref() {
        body_sequences(file, &b.body, &mut diags);
    }
    body_sequences(file, &regeling.body, &mut diags);
    walk::walk(regeling, &mut |_, node| match node {
        Node::Artikel(a) => {
            let leden: Vec<Item> = a
                .leden()
                .map(|l| Item {
                    number: &l.number,
                    eid: &l.eid,
                    span: l.span,
                })
                .collect();
            sequence(file, &LID, Style::Arabic, &leden, Some(&a.eid), &mut diags);
        }
        Node::Lijst(list) => {
            // `1°`, numbered items (`1.` under an onderdeel) and lists numbered `i.`,
            // `ii.` count in numbers, not letters.
            let sub = list.items.first().is_some_and(|i| {
                i.number.ends_with('°')
                    || i.number.starts_with(|c: char| c.is_ascii_digit())
                    || i.number == "i"
            });
            let items: Vec<Item> = list
                .items
                .iter()
                .map(|i| Item {
                    number: ordinal_number(&i.number),
                    eid: &i.eid,
                    span: i.span,
                })
                .collect();
            if sub {
                sequence(
                    file,
                    &SUBONDERDEEL,
                    Style::Arabic,
                    &items,
                    Some(&list.eid),
                    &mut diags,
                );
            } else {
                sequence(
                    file,
                    &ONDERDEEL,
                    Style::Letters,
                    &items,
                    Some(&list.eid),
                    &mut diags,
                );
            }
        }
        _ => {}
    });
    diags
}

fn body_sequences(file: &str, body: &[Deel], diags: &mut Vec<Diagnostic>) {
    let chapters: Vec<Item> = body
        .iter()
        .filter_map(|d| match d {
            Deel::Hoofdstuk(h) => Some(Item {
                number: &h.number,
                eid: &h.eid,
                span: h.span,
            }),
            _ => None,
        })
        .collect();
    sequence(file, &HOOFDSTUK, Style::Arabic, &chapters, None, diags);
    divisions(file, body, None, diags);
    let mut all = Vec::new();
    collect_articles(body, &mut all);
    let later = later_versions(file, &all, diags);
    let in_force = |parts| in_force(parts, &later);
    let chapters: Vec<(&str, Vec<Item>)> = body
        .iter()
        .filter_map(|d| match d {
            Deel::Hoofdstuk(h) => Some((h.eid.as_str(), in_force(&h.content))),
            _ => None,
        })
        .filter(|(_, a)| !a.is_empty())
        .collect();
    if numbered_per_chapter(&chapters) {
        // Some acts (a verzamelwet in chapters per ministry) number the articles of every
        // hoofdstuk anew: each chapter is its own sequence.
        for (eid, articles) in &chapters {
            families(file, articles, Some(eid), diags);
        }
    } else {
        families(file, &in_force(body), None, diags);
    }
}

/// The articles of `parts` that are in force (not in `later`).
fn in_force<'a>(parts: &'a [Deel], later: &[&str]) -> Vec<Item<'a>> {
    let mut articles = Vec::new();
    collect_articles(parts, &mut articles);
    articles
        .into_iter()
        .filter(|(_, a)| !later.contains(&a.eid.as_str()))
        .map(|(item, _)| item)
        .collect()
}

/// The future texts the database prints after the text in force under the same number
/// ("Artikel 44d" twice, the second "Treedt in werking per 01-07-2016"): each is said in
/// one line (S007) and left out of the sequence, where it would be a second artikel 44d.
/// A future article whose number is not in force yet is an ordinary member.
fn later_versions<'a>(
    file: &str,
    articles: &[(Item<'a>, &'a Artikel)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'a str> {
    if articles
        .iter()
        .all(|(_, a)| a.takes_effect_later().is_none())
    {
        return Vec::new();
    }
    let mut current: rustc_hash::FxHashMap<&str, &Item> = Default::default();
    for (item, a) in articles {
        if a.takes_effect_later().is_none() {
            current.entry(item.number).or_insert(item);
        }
    }
    let mut out = Vec::new();
    for (item, a) in articles {
        let (Some(note), Some(first)) = (a.takes_effect_later(), current.get(item.number)) else {
            continue;
        };
        diags.push(
            Diagnostic::new(
                "S007",
                format!(
                    "artikel {} staat er twee keer: de tekst hier is een toekomstige tekst (\"{}\") \
                     van het artikel op regel {}, en telt niet als tweede artikel {}",
                    item.number,
                    note.text.trim(),
                    first.span.line,
                    item.number
                ),
            )
            .at(file, item.span)
            .node(item.eid),
        );
        out.push(item.eid);
    }
    out
}

/// Checks each family of article numbers on its own: Arabic (`1`, `20a`, `2.1`), Roman
/// (`I`, `II`: the articles of an amending act printed after the articles of the act it
/// made) and a title's letter (`B 1`, `C2`: each letter its own sequence, which `key` does
/// not read, so they are not compared).
fn families(file: &str, articles: &[Item<'_>], parent: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let family = |n: &str| -> String {
        let n = n.trim();
        if roman_key(n.trim_end_matches(|c: char| c.is_ascii_lowercase())).is_some() {
            "roman".to_string()
        } else if n.starts_with(|c: char| c.is_ascii_uppercase()) {
            n.chars().take_while(|c| c.is_ascii_uppercase()).collect()
        } else {
            String::new()
        }
    };
    let mut names: Vec<String> = Vec::new();
    for a in articles {
        let f = family(a.number);
        if !names.contains(&f) {
            names.push(f);
        }
    }
    let arabic = names.iter().any(|n| n.is_empty());
    for name in names {
        let items: Vec<Item> = articles
            .iter()
            .filter(|a| family(a.number) == name)
            .map(|a| Item {
                number: a.number,
                eid: a.eid,
                span: a.span,
            })
            .collect();
        let mut found = Vec::new();
        sequence(file, &ARTIKEL, Style::Arabic, &items, parent, &mut found);
        // Roman articles after Arabic ones are the amending act's own, printed after the
        // act it made (its artikel I): they start at II.
        if name == "roman" && arabic {
            found.retain(|d| d.code != "S005");
        }
        diags.append(&mut found);
    }
}

/// Whether the articles are numbered anew in every hoofdstuk: two or more hoofdstukken
/// with articles, and each one's first article numbered no higher than the last article of
/// the hoofdstuk before it.
fn numbered_per_chapter(chapters: &[(&str, Vec<Item<'_>>)]) -> bool {
    chapters.len() >= 2
        && chapters.windows(2).all(|w| {
            let last = w[0].1.last().and_then(|a| key(a.number, Style::Arabic));
            let first = w[1].1.first().and_then(|a| key(a.number, Style::Arabic));
            matches!((last, first), (Some(l), Some(f)) if f <= l)
        })
}

fn collect_articles<'a>(parts: &'a [Deel], articles: &mut Vec<(Item<'a>, &'a Artikel)>) {
    for part in parts {
        match part {
            Deel::Hoofdstuk(h) => collect_articles(&h.content, articles),
            Deel::Paragraaf(p) => collect_articles(&p.content, articles),
            Deel::Artikel(a) => {
                if let Some(n) = &a.number {
                    let item = Item {
                        number: n,
                        eid: &a.eid,
                        span: a.span,
                    };
                    articles.push((item, a));
                }
            }
            Deel::Alinea(_) | Deel::Opmerking(_) => {}
        }
    }
}

/// The divisions below the hoofdstuk (titels, afdelingen, paragrafen, subparagrafen) in
/// every container, each kind its own sequence: paragraaf numbers restart in every
/// afdeling.
fn divisions(file: &str, parts: &[Deel], parent: Option<&str>, diags: &mut Vec<Diagnostic>) {
    for label in ["Titel", "Afdeling", "Paragraaf", "Subparagraaf"] {
        let items: Vec<Item> = parts
            .iter()
            .filter_map(|d| match d {
                Deel::Paragraaf(p) if p.label == label => Some(Item {
                    number: &p.number,
                    eid: &p.eid,
                    span: p.span,
                }),
                _ => None,
            })
            .collect();
        let noun = match label {
            "Titel" => &TITEL,
            "Afdeling" => &AFDELING,
            "Subparagraaf" => &SUBPARAGRAAF,
            _ => &PARAGRAAF,
        };
        // Titels lettered A, B, C (a C is then no Roman hundred) count as letters.
        let lettered = items
            .iter()
            .all(|i| i.number.len() == 1 && i.number.as_bytes()[0].is_ascii_uppercase())
            && items.iter().any(|i| roman(i.number).is_none());
        if lettered {
            let lower: Vec<String> = items.iter().map(|i| i.number.to_lowercase()).collect();
            let items: Vec<Item> = items
                .iter()
                .zip(&lower)
                .map(|(i, n)| Item {
                    number: n,
                    eid: i.eid,
                    span: i.span,
                })
                .collect();
            sequence(file, noun, Style::Letters, &items, parent, diags);
        } else {
            sequence(file, noun, Style::Arabic, &items, parent, diags);
        }
    }
    for d in parts {
        match d {
            Deel::Hoofdstuk(h) => divisions(file, &h.content, Some(&h.eid), diags),
            Deel::Paragraaf(p) => divisions(file, &p.content, Some(&p.eid), diags),
            _ => {}
        }
    }
}

/// Checks one sequence of sibling numbers.
pub fn sequence(
    file: &str,
    noun: &Noun,
    style: Style,
    items: &[Item<'_>],
    parent: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    // Numbers seen so far, sorted, for duplicates. Numbers nearly always increase, so a
    // new one is usually appended; otherwise a binary search finds its place. (A linear
    // search per number would make the check quadratic in thousands of articles.)
    let mut seen: Vec<(Key, &Item)> = Vec::with_capacity(items.len());
    let mut prev: Option<(Key, &Item)> = None;
    for item in items {
        let Some(k) = key(item.number, style) else {
            continue;
        };
        let place = match seen.last() {
            Some((last, _)) if *last < k => Ok(seen.len()),
            None => Ok(0),
            _ => match seen.binary_search_by(|(sk, _)| sk.cmp(&k)) {
                Ok(i) => Err(i),
                Err(i) => Ok(i),
            },
        };
        if let Err(i) = place {
            let first = seen[i].1;
            diags.push(
                Diagnostic::new(
                    "S001",
                    format!(
                        "{} {} komt twee keer voor (eerder op regel {})",
                        noun.one, item.number, first.span.line
                    ),
                )
                .at(file, item.span)
                .node(item.eid),
            );
            continue;
        }
        match &prev {
            None => {
                let starts_at_one = k.parts.last() == Some(&1) && k.insert == 0;
                // Dotted article numbers (2.1) restart per chapter; only check plain ones.
                if !starts_at_one && k.parts.len() == 1 {
                    let first = Key {
                        parts: Parts::one(1),
                        insert: 0,
                    };
                    diags.push(
                        Diagnostic::new(
                            "S005",
                            format!(
                                "de {} beginnen bij {} {} in plaats van bij {}",
                                noun.many,
                                noun.one,
                                item.number,
                                show(&first, style)
                            ),
                        )
                        .at(file, item.span)
                        .node(parent.unwrap_or(item.eid)),
                    );
                }
            }
            Some((pk, pitem)) => {
                if k < *pk {
                    diags.push(
                        Diagnostic::new(
                            "S002",
                            format!(
                                "{} {} staat na {} {}",
                                noun.one, item.number, noun.one, pitem.number
                            ),
                        )
                        .at(file, item.span)
                        .node(item.eid),
                    );
                } else {
                    gap(file, noun, style, pk, &k, item, diags);
                }
            }
        }
        if let Ok(i) = place {
            seen.insert(i, (k, item));
        }
        prev = Some((k, item));
    }
}

/// Reports what is missing between two consecutive numbers `prev < next`.
fn gap(
    file: &str,
    noun: &Noun,
    style: Style,
    prev: &Key,
    next: &Key,
    item: &Item<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(pl), Some(nl)) = (prev.parts.last(), next.parts.last()) else {
        return;
    };
    if prev.parts[..prev.parts.len() - 1] != next.parts[..next.parts.len() - 1] {
        return; // a new dotted group (2.9 → 3.1)
    }
    if next.insert > 0 {
        // 20a must follow 20 (or 20 with the letter before it).
        let base_ok = *pl == *nl && prev.insert + 1 == next.insert;
        if !base_ok {
            let base = Key {
                parts: next.parts,
                insert: next.insert - 1,
            };
            let msg = if *pl != *nl {
                format!(
                    "{} {} is ingevoegd, maar {} {} gaat er niet aan vooraf",
                    noun.one,
                    item.number,
                    noun.one,
                    show(&base, style)
                )
            } else {
                format!(
                    "{} {} ontbreekt vóór {} {}",
                    noun.one,
                    show(&base, style),
                    noun.one,
                    item.number
                )
            };
            let code = if *pl != *nl { "S004" } else { "S003" };
            diags.push(
                Diagnostic::new(code, msg)
                    .at(file, item.span)
                    .node(item.eid),
            );
        }
        return;
    }
    if *nl > pl + 1 {
        // Roman numbers (`Hoofdstuk III`) are named as the text numbers them.
        let roman_numbers = item.number.starts_with(|c: char| c.is_ascii_uppercase())
            && roman_key(item.number.trim_end_matches('.')).is_some();
        let name = |key: &Key| match (roman_numbers, &*key.parts) {
            (true, [v]) if key.insert == 0 => to_roman(*v),
            _ => show(key, style),
        };
        // Only the first and the last missing number are named: a gap of four billion
        // (`Artikel 1729069333` after `Artikel 2`) must not list them all.
        let missing = |v| {
            let mut parts = next.parts;
            *parts.last_mut().unwrap_or(&mut 0) = v;
            name(&Key { parts, insert: 0 })
        };
        let (first, last) = (missing(pl + 1), missing(nl - 1));
        let msg = match nl - pl - 1 {
            1 => format!("{} {first} ontbreekt", noun.one),
            2 => format!("{} {first} en {last} ontbreken", noun.many),
            _ => format!("{} {first} tot en met {last} ontbreken", noun.many),
        };
        diags.push(
            Diagnostic::new("S003", format!("{msg} (na {} {})", noun.one, name(prev)))
                .at(file, item.span)
                .node(item.eid),
        );
    }
}

#[cfg(test)]
mod tests;
