//! Renumbering: close the gaps in the numbering of leden, onderdelen and subonderdelen
//! (and, when asked, articles), and rewrite every internal reference that cited a
//! renumbered element, in the form it was written in ("het vijfde lid" stays a word,
//! "lid 5" stays digits), so that every reference names the same text afterwards.
//!
//! Pure: the tree and its source text in, edits out. Linear: one pass to number, one
//! pass over the references with hash lookups.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diagnostic::Fix;
use crate::tree::reference::{Numeral, RefKind};
use crate::tree::walk::{Node, walk};
use crate::tree::*;

/// One element that gets a new number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub eid: String,
    pub line: u32,
    pub old: String,
    pub new: String,
}

/// One reference rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rewrite {
    pub line: u32,
    pub column: u32,
    pub old: String,
    pub new: String,
}

/// What a renumbering does, and the edits that do it.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Renumbering {
    pub changes: Vec<Change>,
    pub rewrites: Vec<Rewrite>,
    /// Sequences left alone because their numbers are not plain (`2a`, `aa`).
    pub skipped: Vec<String>,
    #[serde(skip)]
    pub edits: Vec<Fix>,
}

/// Old number → new number within one sequence.
type Map = FxHashMap<String, String>;

/// The numbering maps, keyed by the *old* numbers of the enclosing elements.
#[derive(Default)]
struct Maps {
    articles: Map,
    /// article → leden
    leden: FxHashMap<String, Map>,
    /// (article, lid or "") → onderdelen of the first list
    items: FxHashMap<(String, String), Map>,
    /// (article, lid or "", onderdeel) → subonderdelen
    subs: FxHashMap<(String, String, String), Map>,
}

/// Plans the renumbering of `r`, whose source is `text`.
pub fn renumber(r: &Regeling, text: &str, articles: bool) -> Renumbering {
    let mut out = Renumbering::default();
    let mut maps = Maps::default();
    let arts: Vec<&Artikel> = crate::tree::walk::articles(r);
    if articles {
        let numbers: Vec<&str> = arts.iter().filter_map(|a| a.number.as_deref()).collect();
        if numbers.len() == arts.len() {
            let wanted: Vec<String> = (1..=numbers.len()).map(|n| n.to_string()).collect();
            for (a, new) in arts.iter().zip(&wanted) {
                let old = a.number.as_deref().unwrap_or_default();
                maps.articles.insert(old.to_string(), new.clone());
                if old != new
                    && let Some(span) = article_number_span(a, text)
                {
                    out.edits.push(Fix {
                        start: span.0,
                        end: span.1,
                        replacement: new.clone(),
                    });
                    out.changes.push(Change {
                        eid: a.eid.clone(),
                        line: a.span.line,
                        old: format!("artikel {old}"),
                        new: format!("artikel {new}"),
                    });
                }
            }
        } else {
            out.skipped
                .push("artikelen: niet elk artikel heeft een nummer".into());
        }
    }
    for a in &arts {
        let art = a.number.clone().unwrap_or_default();
        let leden: Vec<&Lid> = a.leden().collect();
        let numbered: Vec<(&str, Span, &str)> = leden
            .iter()
            .map(|l| (l.eid.as_str(), l.span, l.number.as_str()))
            .collect();
        let label = format!("de leden van artikel {art}");
        if let Some(map) = renumber_sequence(&mut out, text, &numbered, Kind::Lid, &label) {
            maps.leden.insert(art.clone(), map);
        }
        lists(&mut out, &mut maps, text, &art, "", &a.content);
        for l in &leden {
            lists(&mut out, &mut maps, text, &art, &l.number, &l.content);
        }
    }
    references(r, text, &maps, &mut out);
    out.changes.sort_by_key(|c| c.line);
    out
}

/// The onderdelen of the first list in `content`, and their subonderdelen.
fn lists(
    out: &mut Renumbering,
    maps: &mut Maps,
    text: &str,
    art: &str,
    lid: &str,
    content: &[Blok],
) {
    let Some(list) = first_list(content) else {
        return;
    };
    let label = format!("de onderdelen van {}", where_(art, lid));
    if let Some(map) = renumber_sequence(out, text, &numbered(list), Kind::Letter, &label) {
        maps.items.insert((art.to_string(), lid.to_string()), map);
    }
    for item in &list.items {
        let Some(sub) = first_list(&item.content) else {
            continue;
        };
        let label = format!(
            "de subonderdelen van {}, onderdeel {}",
            where_(art, lid),
            item.number
        );
        if let Some(map) = renumber_sequence(out, text, &numbered(sub), Kind::Degree, &label) {
            maps.subs
                .insert((art.to_string(), lid.to_string(), item.number.clone()), map);
        }
    }
}

/// The first list among `content`: the one references without more context mean.
fn first_list(content: &[Blok]) -> Option<&Lijst> {
    content.iter().find_map(|b| match b {
        Blok::Lijst(l) => Some(l),
        _ => None,
    })
}

/// A list's items as (eId, span, number).
fn numbered(list: &Lijst) -> Vec<(&str, Span, &str)> {
    list.items
        .iter()
        .map(|i| (i.eid.as_str(), i.span, i.number.as_str()))
        .collect()
}

/// Renumbers one sequence of leden, onderdelen or subonderdelen (its markers), and returns
/// the map old → new for the references; a sequence that cannot be renumbered safely is
/// named in `skipped` (`label` says which).
fn renumber_sequence(
    out: &mut Renumbering,
    text: &str,
    items: &[(&str, Span, &str)],
    kind: Kind,
    label: &str,
) -> Option<Map> {
    let numbers: Vec<&str> = items.iter().map(|(_, _, n)| *n).collect();
    let Some(map) = sequence(&numbers, kind) else {
        if let Some(why) = not_done(&numbers, kind) {
            out.skipped.push(format!("{label} ({why})"));
        }
        return None;
    };
    let what = match kind {
        Kind::Lid => "lid ",
        Kind::Letter => "onderdeel ",
        Kind::Degree => "subonderdeel ",
    };
    for (eid, span, number) in items {
        marker(out, text, eid, *span, number, &map[*number], what);
    }
    Some(map)
}

fn where_(art: &str, lid: &str) -> String {
    if lid.is_empty() {
        format!("artikel {art}")
    } else {
        format!("artikel {art}, lid {lid}")
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Lid,
    Letter,
    Degree,
}

/// The `i`th number (from 0) of a sequence.
fn nth(kind: Kind, i: usize) -> Option<String> {
    match kind {
        Kind::Lid => Some((i + 1).to_string()),
        Kind::Degree => Some(format!("{}°", i + 1)),
        Kind::Letter => (i < 26).then(|| ((b'a' + i as u8) as char).to_string()),
    }
}

/// True when every number of the sequence is of the plain kind (`3`, `c`, `2°`).
fn plain(numbers: &[&str], kind: Kind) -> bool {
    numbers.iter().all(|n| match kind {
        Kind::Lid => !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        Kind::Letter => n.len() == 1 && n.bytes().all(|b| b.is_ascii_lowercase()),
        Kind::Degree => n
            .strip_suffix('°')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())),
    })
}

/// Why a sequence that [`sequence`] left alone could not be renumbered (Dutch), or
/// `None` when it simply needed nothing.
fn not_done(numbers: &[&str], kind: Kind) -> Option<&'static str> {
    if !plain(numbers, kind) {
        return Some("nummers als 2a of aa");
    }
    let mut seen = rustc_hash::FxHashSet::default();
    if !numbers.iter().all(|n| seen.insert(*n)) {
        return Some("een nummer komt twee keer voor");
    }
    if kind == Kind::Letter && numbers.len() > 26 {
        return Some("meer dan 26 onderdelen");
    }
    None
}

/// The map old → new for a sequence that is plain, has no duplicates and is not
/// already 1, 2, 3 ...; `None` when there is nothing to do or it cannot be done safely.
fn sequence(numbers: &[&str], kind: Kind) -> Option<Map> {
    if numbers.is_empty() || !plain(numbers, kind) {
        return None;
    }
    let mut map = Map::default();
    let mut changed = false;
    for (i, n) in numbers.iter().enumerate() {
        let new = nth(kind, i)?;
        changed |= *n != new;
        if map.insert(n.to_string(), new).is_some() {
            return None; // a duplicate number: which one a reference means is unknown
        }
    }
    changed.then_some(map)
}

/// The edit of one marker (`4.` → `3.`), checked against the source text.
fn marker(
    out: &mut Renumbering,
    text: &str,
    eid: &str,
    span: Span,
    old: &str,
    new: &str,
    what: &str,
) {
    if old == new {
        return;
    }
    let start = span.start as usize;
    let written = old.trim_end_matches('°');
    if !text.get(start..).is_some_and(|t| t.starts_with(written)) {
        return;
    }
    out.edits.push(Fix {
        start: span.start,
        end: span.start + written.len() as u32,
        replacement: new.trim_end_matches('°').to_string(),
    });
    out.changes.push(Change {
        eid: eid.to_string(),
        line: span.line,
        old: format!("{what}{old}"),
        new: format!("{what}{new}"),
    });
}

/// The byte range of an article's number in its heading line.
fn article_number_span(a: &Artikel, text: &str) -> Option<(u32, u32)> {
    let number = a.number.as_deref()?;
    let start = a.span.start as usize;
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let after_label = line.get(a.label.len()..)?;
    let skip = after_label.len() - after_label.trim_start().len();
    let at = start + a.label.len() + skip;
    text[at..]
        .starts_with(number)
        .then(|| (at as u32, (at + number.len()) as u32))
}

/// Rewrites the numbers in every internal reference that cites a renumbered element.
fn references(r: &Regeling, text: &str, maps: &Maps, out: &mut Renumbering) {
    walk(r, &mut |cx, node| {
        let Node::Alinea(a) = node else { return };
        if cx.in_decision {
            return;
        }
        for reference in &a.references {
            if reference.kind == RefKind::External {
                continue;
            }
            let before = out.edits.len();
            for c in &reference.citations {
                if c.relation.is_some() {
                    continue; // "dit artikel", "het vorige lid": relative, still right
                }
                let art = match (&c.article, cx.artikel) {
                    (Some(n), _) => n.value.clone(),
                    (None, Some(a)) => a.number.clone().unwrap_or_default(),
                    (None, None) => continue,
                };
                if let Some(n) = &c.article {
                    rewrite(text, n, maps.articles.get(&art), out);
                }
                let leden = maps.leden.get(&art);
                for n in c.leden.iter().filter(|n| !n.implied) {
                    rewrite(text, n, leden.and_then(|m| m.get(&n.value)), out);
                }
                let lid = match (c.leden.as_slice(), &c.article) {
                    ([one], _) => one.value.clone(),
                    ([], Some(_)) => String::new(),
                    ([], None) => cx.lid.map(|l| l.number.clone()).unwrap_or_default(),
                    _ => continue,
                };
                let items = maps.items.get(&(art.clone(), lid.clone()));
                for n in c.onderdelen.iter().filter(|n| !n.implied) {
                    rewrite(text, n, items.and_then(|m| m.get(&n.value)), out);
                }
                if let [item] = c.onderdelen.as_slice() {
                    let subs = maps
                        .subs
                        .get(&(art.clone(), lid.clone(), item.value.clone()));
                    for n in c.subonderdelen.iter().filter(|n| !n.implied) {
                        let key = format!("{}°", n.value);
                        let new = subs
                            .and_then(|m| m.get(&key))
                            .map(|v| v.trim_end_matches('°').to_string());
                        rewrite(text, n, new.as_ref(), out);
                    }
                }
            }
            if out.edits.len() > before {
                let s = reference.span;
                let old = &text[s.start as usize..s.end as usize];
                let (new, _) = super::apply(
                    old,
                    &out.edits[before..]
                        .iter()
                        .map(|f| Fix {
                            start: f.start - s.start,
                            end: f.end - s.start,
                            replacement: f.replacement.clone(),
                        })
                        .collect::<Vec<_>>(),
                );
                out.rewrites.push(Rewrite {
                    line: s.line,
                    column: s.column,
                    old: old.to_string(),
                    new,
                });
            }
        }
    });
}

/// The edit of one number in a reference, in the form it is written in.
fn rewrite(text: &str, n: &Numeral, new: Option<&String>, out: &mut Renumbering) {
    let Some(new) = new else { return };
    if *new == n.value {
        return;
    }
    let like = &text[n.span.start as usize..n.span.end as usize];
    out.edits.push(Fix {
        start: n.span.start,
        end: n.span.end,
        replacement: Numeral::render(new, n.form, like),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences() {
        assert!(sequence(&["1", "2", "3"], Kind::Lid).is_none());
        let m = sequence(&["1", "2", "4"], Kind::Lid).unwrap();
        assert_eq!(m["4"], "3");
        assert!(sequence(&["1", "2a"], Kind::Lid).is_none());
        assert!(sequence(&["1", "1", "3"], Kind::Lid).is_none());
        let m = sequence(&["a", "c"], Kind::Letter).unwrap();
        assert_eq!(m["c"], "b");
        let m = sequence(&["1°", "3°"], Kind::Degree).unwrap();
        assert_eq!(m["3°"], "2°");
    }
}
