//! STOP-style expression identifiers (eIds), derived from numbering.
//!
//! An eId is the parent's eId and one component joined by `__`. Components:
//!
//! | node | component | example |
//! | --- | --- | --- |
//! | hoofdstuk | `chp_N` | `chp_2` |
//! | paragraaf | `subsec_N` | `chp_2__subsec_1` |
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

use std::collections::HashMap;

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
        let comp = match &b.number {
            Some(n) => format!("cmp_{}", component_number(n)),
            None => format!("cmp_o_{}", k + 1),
        };
        b.eid = seen.make("", &comp);
        blocks(&b.eid.clone(), &mut b.content);
    }
    if let Some(t) = regeling.explanation.as_mut() {
        t.eid = "explanation".into();
        blocks("explanation", &mut t.content);
    }
}

/// Joins a parent eId and a component.
pub fn join(parent: &str, component: &str) -> String {
    if parent.is_empty() {
        component.to_string()
    } else {
        format!("{parent}__{component}")
    }
}

/// The characters of a number that may appear in an eId: letters, digits and dots.
/// `1°` becomes `1`, `20a` stays `20a`.
pub fn component_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_string()
}

/// Hands out unique eIds within one parent, adding `_instN` to repeats.
#[derive(Default)]
struct Unique {
    counts: HashMap<String, u32>,
}

impl Unique {
    fn make(&mut self, parent: &str, component: &str) -> String {
        let n = self.counts.entry(component.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            join(parent, component)
        } else {
            join(parent, &format!("{component}_inst{n}"))
        }
    }
}

fn body(parent: &str, parts: &mut [Deel]) {
    let mut seen = Unique::default();
    let mut alineas = 0;
    let mut articles = 0;
    for part in parts {
        match part {
            Deel::Hoofdstuk(h) => {
                h.eid = seen.make(parent, &format!("chp_{}", component_number(&h.number)));
                body(&h.eid.clone(), &mut h.content);
            }
            Deel::Paragraaf(p) => {
                p.eid = seen.make(parent, &format!("subsec_{}", component_number(&p.number)));
                body(&p.eid.clone(), &mut p.content);
            }
            Deel::Artikel(a) => {
                articles += 1;
                let comp = match &a.number {
                    Some(n) => format!("art_{}", component_number(n)),
                    None if a.label.eq_ignore_ascii_case("enig artikel") => "art_enig".into(),
                    None => format!("art_o_{articles}"),
                };
                a.eid = seen.make(parent, &comp);
                blocks(&a.eid.clone(), &mut a.content);
            }
            Deel::Alinea(al) => {
                alineas += 1;
                al.eid = join(parent, &format!("al_o_{alineas}"));
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
                l.eid = seen.make(parent, &format!("para_{}", component_number(&l.number)));
                blocks(&l.eid.clone(), &mut l.content);
            }
            Blok::Alinea(a) => {
                alineas += 1;
                a.eid = join(parent, &format!("al_o_{alineas}"));
            }
            Blok::Lijst(list) => {
                lists += 1;
                list.eid = join(parent, &format!("list_o_{lists}"));
                let mut items = Unique::default();
                for item in &mut list.items {
                    item.eid =
                        items.make(&list.eid, &format!("li_{}", component_number(&item.number)));
                    blocks(&item.eid.clone(), &mut item.content);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_letters_digits_and_dots() {
        assert_eq!(component_number("20a"), "20a");
        assert_eq!(component_number("1°"), "1");
        assert_eq!(component_number("2.1."), "2.1");
        assert_eq!(component_number("IV"), "IV");
    }

    #[test]
    fn repeated_numbers_get_instance_suffix() {
        let mut u = Unique::default();
        assert_eq!(u.make("chp_1", "art_3"), "chp_1__art_3");
        assert_eq!(u.make("chp_1", "art_3"), "chp_1__art_3_inst2");
        assert_eq!(u.make("chp_1", "art_4"), "chp_1__art_4");
    }
}
