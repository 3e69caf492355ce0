//! The last resort for hoofdstukken and bijlagen: repeal every one that does not stay as
//! it was, then insert the new ones in reading order. Each insertion names a hoofdstuk that
//! is there at that moment (the one inserted just before it, or a kept one), and no
//! number is ever there twice, because every number a new hoofdstuk (or its articles)
//! takes was freed by the repeals first. The finer instructions of `generate` read
//! better; they are tried first, and this is used only when they cannot be executed in
//! any order (found by fuzzing: a hoofdstuk renumbered to the number of one repealed
//! later gave "hoofdstuk 1 bestaat al").

use super::generate::{Group, Op};
use super::sentence::{Addr, Sentence, Soort, Special};
use crate::diff::align::Step;
use crate::source::fragment;
use crate::tree::{Bijlage, Hoofdstuk};

/// The instructions that turn hoofdstukken `old` into `new`, given their alignment.
pub(super) fn chapters(old: &[&Hoofdstuk], new: &[&Hoofdstuk], steps: &[Step]) -> Vec<Group> {
    // Kept: matched in place, same number, same text.
    let mut kept_new = vec![false; new.len()];
    let mut kept_old = vec![false; old.len()];
    for s in steps.iter().filter(|s| !s.moved) {
        if let (Some(o), Some(n)) = (s.old, s.new)
            && old[o].number == new[n].number
            && fragment::chapter(old[o]) == fragment::chapter(new[n])
        {
            kept_old[o] = true;
            kept_new[n] = true;
        }
    }
    let mut groups = Vec::new();
    for (o, h) in old.iter().enumerate() {
        if !kept_old[o] {
            groups.push(Group::single(Op::new(
                Sentence::Repeal {
                    at: Addr::hoofdstuk(&h.number),
                    shift: None,
                },
                None,
            )));
        }
    }
    for (n, h) in new.iter().enumerate() {
        if kept_new[n] {
            continue;
        }
        let sentence = match n.checked_sub(1) {
            Some(prev) => Sentence::Insert {
                after: true,
                at: Addr::hoofdstuk(&new[prev].number),
                what: Soort::Hoofdstuk,
            },
            // The first: before the first kept one, or appended to a regeling that has no
            // hoofdstuk left.
            None => match kept_new.iter().position(|k| *k) {
                Some(k) => Sentence::Insert {
                    after: false,
                    at: Addr::hoofdstuk(&new[k].number),
                    what: Soort::Hoofdstuk,
                },
                None => Sentence::Append {
                    to: Addr::special(Special::Regeling),
                    what: Soort::Hoofdstuk,
                },
            },
        };
        groups.push(Group::single(Op::new(sentence, Some(fragment::chapter(h)))));
    }
    groups
}

/// The same for bijlagen: repeal every bijlage that does not stay as it was, then insert
/// the new ones in reading order (found by fuzzing: "bijlage 2 bestaat al").
pub(super) fn annexes(old: &[Bijlage], new: &[Bijlage], steps: &[Step]) -> Vec<Group> {
    let addr = |b: &Bijlage| Addr {
        bijlage: b.number.clone(),
        ..Addr::default()
    };
    let mut kept_new = vec![false; new.len()];
    let mut kept_old = vec![false; old.len()];
    for s in steps.iter().filter(|s| !s.moved) {
        if let (Some(o), Some(n)) = (s.old, s.new)
            && old[o].number == new[n].number
            && fragment::annex(&old[o]) == fragment::annex(&new[n])
        {
            kept_old[o] = true;
            kept_new[n] = true;
        }
    }
    let mut groups = Vec::new();
    for (o, b) in old.iter().enumerate() {
        if !kept_old[o] {
            groups.push(Group::single(Op::new(
                Sentence::Repeal {
                    at: addr(b),
                    shift: None,
                },
                None,
            )));
        }
    }
    for (n, b) in new.iter().enumerate() {
        if kept_new[n] {
            continue;
        }
        let sentence = match n.checked_sub(1) {
            Some(prev) => Sentence::Insert {
                after: true,
                at: addr(&new[prev]),
                what: Soort::Bijlage,
            },
            None => match kept_new.iter().position(|k| *k) {
                Some(k) => Sentence::Insert {
                    after: false,
                    at: addr(&new[k]),
                    what: Soort::Bijlage,
                },
                None => Sentence::Append {
                    to: Addr::special(Special::Regeling),
                    what: Soort::Bijlage,
                },
            },
        };
        groups.push(Group::single(Op::new(sentence, Some(fragment::annex(b)))));
    }
    groups
}
