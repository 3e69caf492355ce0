//! STOP-style expression identifiers (eIds), derived from numbering.
//!
//! An eId is the parent's eId and one component joined by `__`. Components:
//!
//! | node | component | example |
//! | --- | --- | --- |
//! | hoofdstuk | `chp_N` | `chp_2` |
//! | titel | `title_N` | `chp_4__title_2` |
//! | afdeling | `subchp_N` | `chp_4__title_2__subchp_1` |
//! | paragraaf | `subsec_N` | `chp_2__subsec_1` |
//! | subparagraaf | `subsubsec_N` | `chp_2__subsec_1__subsubsec_2` |
//! | section without a word (`1` in a text without articles) | `sec_N` | `sec_1` |
//! | artikel | `art_N` (`art_enig` for Enig artikel) | `chp_2__art_9` |
//! | lid | `para_N` | `chp_2__art_9__para_6` |
//! | lijst | `list_o_K` (K-th list in its parent) | `chp_2__art_9__para_6__list_o_1` |
//! | onderdeel | `li_X` | `chp_2__art_9__para_6__list_o_1__li_a` |
//! | alinea | `al_o_K` (K-th alinea in its parent) | `chp_2__art_9__para_9__al_o_2` |
//! | aanhef / sluiting | `preamble` / `closing` | `preamble__al_o_1` |
//! | bijlage | `cmp_N` (`cmp_o_K` without number) | `cmp_1` |
//! | toelichting | `explanation` | |
//!
//! A node without a number gets an ordinal component (`art_o_3`). A number that occurs
//! twice among siblings gets `_inst2`, `_inst3` (as STOP does), so eIds stay unique even in
//! a document whose numbering is wrong; the numbering check reports the duplicate.
//! The nodes of a preceding decision (deelnamebesluit) are prefixed with `decision__`.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::*;

/// Assigns every eId in the tree from scratch.
pub fn assign(regeling: &mut Regeling) {
    if let Some(besluit) = regeling.preceding_decision.as_deref_mut() {
        let prefix = "decision";
        if let Some(aanhef) = besluit.preamble.as_mut() {
            aanhef.eid = join(prefix, "preamble");
            blocks(&aanhef.eid.clone(), &mut aanhef.content);
        }
        body(prefix, &mut besluit.body);
        if let Some(s) = besluit.closing.as_mut() {
            s.eid = join(prefix, "closing");
            blocks(&s.eid.clone(), &mut s.content);
        }
    }
    if let Some(aanhef) = regeling.preamble.as_mut() {
        aanhef.eid = "preamble".into();
        blocks("preamble", &mut aanhef.content);
    }
    body("", &mut regeling.body);
    if let Some(s) = regeling.closing.as_mut() {
        s.eid = "closing".into();
        blocks("closing", &mut s.content);
    }
    let mut seen = Unique::default();
    for (k, b) in regeling.annexes.iter_mut().enumerate() {
        b.eid = numbered(
            &mut seen,
            "",
            "cmp_",
            b.number.as_deref().unwrap_or(""),
            k + 1,
        );
        blocks(&b.eid.clone(), &mut b.content);
    }
    if let Some(t) = regeling.explanation.as_mut() {
        t.eid = "explanation".into();
        blocks("explanation", &mut t.content);
    }
}

/// The provision an eId names, cited as Ar 3.29 prescribes: `chp_2__art_9__para_6__list_o_1__li_a`
/// → `artikel 9, zesde lid, onder a`. Components without a citation form (hoofdstuk,
/// list, alinea) are left out; a lid outside an article is `het zesde lid`.
pub fn cite(eid: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut items = 0;
    for component in eid.split("__") {
        let component = component.split("_inst").next().unwrap_or(component);
        if let Some(n) = component.strip_prefix("art_") {
            parts.push(format!("artikel {n}"));
        } else if let Some(n) = component.strip_prefix("para_") {
            let word = n
                .parse::<u32>()
                .map_or_else(|_| n.to_string(), super::reference::ordinal_word);
            parts.push(if parts.is_empty() {
                format!("het {word} lid")
            } else {
                format!("{word} lid")
            });
        } else if let Some(n) = component.strip_prefix("li_") {
            items += 1;
            let sub = items > 1 && n.bytes().all(|b| b.is_ascii_digit());
            parts.push(format!("onder {n}{}", if sub { "°" } else { "" }));
        }
    }
    parts.join(", ")
}

/// Joins a parent eId and a component.
pub fn join(parent: &str, component: &str) -> String {
    child(parent, component, "", "")
}

/// `parent__kindnumber_instN` in one allocation of exactly its length (this runs for every
/// node of the tree, and the eIds live as long as the tree: room left for a suffix that
/// few get was 8 bytes on every one of them).
fn child(parent: &str, kind: &str, number: &str, suffix: &str) -> String {
    let sep = if parent.is_empty() { 0 } else { 2 };
    let mut s =
        String::with_capacity(parent.len() + sep + kind.len() + number.len() + suffix.len());
    if !parent.is_empty() {
        s.push_str(parent);
        s.push_str("__");
    }
    s.push_str(kind);
    s.push_str(number);
    s.push_str(suffix);
    s
}

/// The characters of a number that may appear in an eId: letters, digits and dots.
/// `1°` becomes `1`, `20a` stays `20a`, `2a bis` becomes `2abis`, and the Awb's `4:34`
/// becomes `4.34` (a colon separates parts as a dot does; dropping it would make `1:1`
/// the eId of artikel 11).
pub fn component_number(number: &str) -> std::borrow::Cow<'_, str> {
    let clean = |c: char| c.is_ascii_alphanumeric() || c == '.';
    let trimmed = number.trim_matches('.');
    if trimmed.chars().all(clean) {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    let s: String = number
        .chars()
        .map(|c| if c == ':' { '.' } else { c })
        .filter(|c| clean(*c))
        .collect();
    std::borrow::Cow::Owned(s.trim_matches('.').to_string())
}

/// Hands out unique eIds within one parent, adding `_instN` to repeats. Components are
/// counted by a 64-bit hash, so no string is allocated just to count it.
#[derive(Default)]
struct Unique {
    counts: FxHashMap<u64, u32>,
}

impl Unique {
    fn make(&mut self, parent: &str, component: &str) -> String {
        self.make2(parent, component, "")
    }

    fn make2(&mut self, parent: &str, kind: &str, number: &str) -> String {
        let mut h = FxHasher::default();
        (kind, number).hash(&mut h);
        let n = self.counts.entry(h.finish()).or_insert(0);
        *n += 1;
        if *n == 1 {
            child(parent, kind, number, "")
        } else {
            child(parent, kind, number, &format!("_inst{n}"))
        }
    }
}

/// `kind` plus the node's number; an ordinal (`kind` + `o_K`) when it has none.
fn numbered(seen: &mut Unique, parent: &str, kind: &str, number: &str, ordinal: usize) -> String {
    let n = component_number(number);
    if n.is_empty() {
        let o = format!("o_{}", ordinal.max(1));
        seen.make2(parent, kind, &o)
    } else {
        seen.make2(parent, kind, &n)
    }
}

fn body(parent: &str, parts: &mut [Deel]) {
    let mut seen = Unique::default();
    let mut alineas = 0;
    let mut articles = 0;
    for part in parts {
        match part {
            Deel::Hoofdstuk(h) => {
                h.eid = numbered(&mut seen, parent, "chp_", &h.number, 0);
                let eid = std::mem::take(&mut h.eid);
                body(&eid, &mut h.content);
                h.eid = eid;
            }
            Deel::Paragraaf(p) => {
                let kind = match p.label.as_str() {
                    "Titel" => "title_",
                    "Afdeling" => "subchp_",
                    "Subparagraaf" => "subsubsec_",
                    "" => "sec_",
                    _ => "subsec_",
                };
                p.eid = numbered(&mut seen, parent, kind, &p.number, 0);
                let eid = std::mem::take(&mut p.eid);
                body(&eid, &mut p.content);
                p.eid = eid;
            }
            Deel::Artikel(a) => {
                articles += 1;
                a.eid = match &a.number {
                    None if a.label.eq_ignore_ascii_case("enig artikel") => {
                        seen.make(parent, "art_enig")
                    }
                    n => numbered(
                        &mut seen,
                        parent,
                        "art_",
                        n.as_deref().unwrap_or(""),
                        articles,
                    ),
                };
                let eid = std::mem::take(&mut a.eid);
                blocks(&eid, &mut a.content);
                a.eid = eid;
            }
            Deel::Alinea(al) => {
                alineas += 1;
                al.eid = child(parent, "al_o_", &alineas.to_string(), "");
            }
            Deel::Opmerking(_) => {}
        }
    }
}

fn blocks(parent: &str, content: &mut [Blok]) {
    let mut seen = Unique::default();
    let mut lists = 0;
    let mut alineas = 0;
    for block in content {
        match block {
            Blok::Lid(l) => {
                l.eid = numbered(&mut seen, parent, "para_", &l.number, 0);
                let eid = std::mem::take(&mut l.eid);
                blocks(&eid, &mut l.content);
                l.eid = eid;
            }
            Blok::Alinea(a) => {
                alineas += 1;
                a.eid = child(parent, "al_o_", &alineas.to_string(), "");
            }
            Blok::Lijst(list) => {
                lists += 1;
                list.eid = child(parent, "list_o_", &lists.to_string(), "");
                let mut items = Unique::default();
                for item in &mut list.items {
                    item.eid = numbered(&mut items, &list.eid, "li_", &item.number, 0);
                    let eid = std::mem::take(&mut item.eid);
                    blocks(&eid, &mut item.content);
                    item.eid = eid;
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eIds live as long as the tree: each is allocated at its length, a repeat's
    /// `_instN` included, and the text is what pushing the parts one by one gives.
    #[test]
    fn eids_have_no_room_to_spare() {
        let mut seen = Unique::default();
        let first = seen.make2("chp_2", "art_", "9");
        let again = seen.make2("chp_2", "art_", "9");
        let third = seen.make2("chp_2", "art_", "9");
        let top = seen.make2("", "chp_", "12");
        let joined = join("art_9", "para_1");
        assert_eq!(
            [&first, &again, &third, &top, &joined],
            [
                "chp_2__art_9",
                "chp_2__art_9_inst2",
                "chp_2__art_9_inst3",
                "chp_12",
                "art_9__para_1"
            ]
        );
        for eid in [first, again, third, top, joined] {
            assert_eq!(eid.capacity(), eid.len(), "{eid}");
        }
    }

    #[test]
    fn eids_are_cited_as_the_aanwijzingen_prescribe() {
        assert_eq!(
            cite("chp_2__art_9__para_6__list_o_1__li_a__al_o_1"),
            "artikel 9, zesde lid, onder a"
        );
        assert_eq!(
            cite("chp_1__art_5__para_2__list_o_1__li_b__list_o_1__li_1"),
            "artikel 5, tweede lid, onder b, onder 1°"
        );
        assert_eq!(cite("art_20a"), "artikel 20a");
        assert_eq!(cite("chp_1__art_1__para_1_inst2"), "artikel 1, eerste lid");
        assert_eq!(cite("preamble__al_o_1"), "");
    }

    #[test]
    fn numbers_keep_letters_digits_and_dots() {
        assert_eq!(component_number("20a"), "20a");
        assert_eq!(component_number("1°"), "1");
        assert_eq!(component_number("2.1."), "2.1");
        assert_eq!(component_number("IV"), "IV");
        assert_eq!(component_number("1:1"), "1.1");
        assert_eq!(component_number("2a bis"), "2abis");
    }

    #[test]
    fn repeated_numbers_get_instance_suffix() {
        let mut u = Unique::default();
        assert_eq!(u.make("chp_1", "art_3"), "chp_1__art_3");
        assert_eq!(u.make("chp_1", "art_3"), "chp_1__art_3_inst2");
        assert_eq!(u.make("chp_1", "art_4"), "chp_1__art_4");
    }
}
