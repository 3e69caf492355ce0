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
    rebuild(
        old,
        new,
        steps,
        Soort::Hoofdstuk,
        |h| Addr::hoofdstuk(&h.number),
        |h| fragment::chapter(h),
    )
}

/// The same for bijlagen (found by fuzzing: "bijlage 2 bestaat al").
pub(super) fn annexes(old: &[Bijlage], new: &[Bijlage], steps: &[Step]) -> Vec<Group> {
    rebuild(
        old,
        new,
        steps,
        Soort::Bijlage,
        |b| Addr {
            bijlage: b.number.clone(),
            ..Addr::default()
        },
        fragment::annex,
    )
}

/// Repeals every element of `old` that is not kept (matched in place with the same
/// address and the same text), then inserts every new one that is not kept, in reading
/// order: after the one before it, the first before the first kept one (or appended).
fn rebuild<T>(
    old: &[T],
    new: &[T],
    steps: &[Step],
    what: Soort,
    addr: impl Fn(&T) -> Addr,
    text: impl Fn(&T) -> String,
) -> Vec<Group> {
    let mut kept_new = vec![false; new.len()];
    let mut kept_old = vec![false; old.len()];
    for s in steps.iter().filter(|s| !s.moved) {
        if let (Some(o), Some(n)) = (s.old, s.new)
            && addr(&old[o]) == addr(&new[n])
            && text(&old[o]) == text(&new[n])
        {
            kept_old[o] = true;
            kept_new[n] = true;
        }
    }
    let mut groups = Vec::new();
    for (o, x) in old.iter().enumerate() {
        if !kept_old[o] {
            groups.push(Group::single(Op::new(
                Sentence::Repeal {
                    at: addr(x),
                    shift: None,
                },
                None,
            )));
        }
    }
    for (n, x) in new.iter().enumerate() {
        if kept_new[n] {
            continue;
        }
        let sentence = match n.checked_sub(1) {
            Some(prev) => Sentence::Insert {
                after: true,
                at: addr(&new[prev]),
                what,
            },
            // The first: before the first kept one, or appended to a regeling that has
            // none of them left.
            None => match kept_new.iter().position(|k| *k) {
                Some(k) => Sentence::Insert {
                    after: false,
                    at: addr(&new[k]),
                    what,
                },
                None => Sentence::Append {
                    to: Addr::special(Special::Regeling),
                    what,
                },
            },
        };
        groups.push(Group::single(Op::new(sentence, Some(text(x)))));
    }
    groups
}
