//! Leden and onderdelen of a matched article or lid: repealed, inserted, added or changed,
//! with the Ar 6.18 renumbering or relettering sentence.

use super::*;

pub(super) fn lid_addr(l: &str) -> Addr {
    Addr {
        lid: Some(l.to_string()),
        ..Addr::default()
    }
}

/// A lid or an onderdeel, as the one routine for sequences ([`sequence_ops`]) sees it:
/// both are numbered members of a sequence that the Ar 6.11 and 6.18 sentences name.
pub(super) trait Member: Clone {
    const SOORT: Soort;
    /// Whether the Ar 6.18 sentence counts letters (verlettering) or numbers.
    const LETTERS: bool;
    /// Whether a lone new member (no other member in the new sequence) is added to its
    /// parent. A lid is ("Aan artikel 3 wordt een lid toegevoegd"); an onderdeel is not:
    /// a lid without a list gets no list by an instruction, it comes whole instead.
    const ADDED_ALONE: bool;
    fn number(&self) -> &str;
    fn set_number(&mut self, n: &str);
    /// The eId the comparison knows it by.
    fn eid(&self) -> &str;
    /// A number the renumbering sentences can count with (`1` to `30`, `a` to `z`).
    fn plain(n: &str) -> bool;
    /// The member quoted on its own.
    fn block(&self) -> String;
    /// How an instruction names the member: a lid alone (the intro names its article),
    /// an onderdeel with the lid or article it stands in.
    fn addr(parent: &Addr, n: &str) -> Addr;
    /// The `in ...` of an insertion with renumbering.
    fn within(parent: &Addr) -> Option<Addr>;
}

impl Member for Lid {
    const SOORT: Soort = Soort::Lid;
    const LETTERS: bool = false;
    const ADDED_ALONE: bool = true;
    fn number(&self) -> &str {
        &self.number
    }
    fn set_number(&mut self, n: &str) {
        self.number = n.to_string();
    }
    fn eid(&self) -> &str {
        &self.eid
    }
    fn plain(n: &str) -> bool {
        is_plain_lid(n)
    }
    fn block(&self) -> String {
        fragment::blocks(&[Blok::Lid(self.clone())], 3)
    }
    fn addr(_: &Addr, n: &str) -> Addr {
        lid_addr(n)
    }
    fn within(_: &Addr) -> Option<Addr> {
        None
    }
}

impl Member for Onderdeel {
    const SOORT: Soort = Soort::Onderdeel;
    const LETTERS: bool = true;
    const ADDED_ALONE: bool = false;
    fn number(&self) -> &str {
        &self.number
    }
    fn set_number(&mut self, n: &str) {
        self.number = n.to_string();
    }
    fn eid(&self) -> &str {
        &self.eid
    }
    fn plain(n: &str) -> bool {
        is_plain_letter(n)
    }
    fn block(&self) -> String {
        fragment::blocks(
            &[Blok::Lijst(Lijst {
                items: vec![self.clone()],
                ..Lijst::default()
            })],
            0,
        )
    }
    fn addr(parent: &Addr, n: &str) -> Addr {
        Addr {
            onderdeel: Some(n.to_string()),
            ..parent.clone()
        }
    }
    fn within(parent: &Addr) -> Option<Addr> {
        Some(parent.clone())
    }
}

pub(super) fn leden_ops(
    old: &Artikel,
    new: &Artikel,
    n: &str,
    rd: &Reading<'_>,
) -> Option<Vec<Op>> {
    let old_l: Vec<&Lid> = old.leden().collect();
    let new_l: Vec<&Lid> = new.leden().collect();
    sequence_ops(&old_l, &new_l, &Addr::artikel(n), rd, |o, n| {
        lid_change(o, n, rd)
    })
}

pub(super) fn items_ops(old: &Lijst, new: &Lijst, at: &Addr, rd: &Reading<'_>) -> Option<Vec<Op>> {
    let old_i: Vec<&Onderdeel> = old.items.iter().collect();
    let new_i: Vec<&Onderdeel> = new.items.iter().collect();
    sequence_ops(&old_i, &new_i, at, rd, |o, n| item_change(o, n, at))
}

/// An onderdeel that stays: its words replaced (at most two runs, not most of its
/// words), or the onderdeel whole.
fn item_change(o: &Onderdeel, n: &Onderdeel, parent: &Addr) -> Option<Vec<Op>> {
    let (old_block, new_block) = (o.block(), n.block());
    if old_block == new_block {
        return Some(Vec::new());
    }
    let here = Onderdeel::addr(parent, &n.number);
    let whole = vec![Op::new(Sentence::Whole(here.clone()), Some(new_block))];
    if o.term.as_ref().map(|t| &t.text) != n.term.as_ref().map(|t| &t.text)
        || o.repealed != n.repealed
        || shape(&o.content) != shape(&n.content)
    {
        return Some(whole);
    }
    match words_ops(&o.content, &n.content, &here) {
        Some(ops) if ops.len() <= 2 && !most_words_replaced(&ops, &o.content) => Some(ops),
        _ => Some(whole),
    }
}

/// The instructions for the leden of an article or the onderdelen of a list: members
/// repealed, inserted, added at the end (Ar 6.11) or changed (`change`, given the old
/// member under its new number), or one repeal or insertion with the Ar 6.18
/// renumbering sentence. `None` when no such instructions express the change (a moved
/// member, a number the sentences cannot count with, several shifts at once): the
/// caller then replaces the parent whole.
pub(super) fn sequence_ops<T: Member>(
    old: &[&T],
    new: &[&T],
    parent: &Addr,
    rd: &Reading<'_>,
    change: impl Fn(&T, &T) -> Option<Vec<Op>>,
) -> Option<Vec<Op>> {
    if !old.iter().chain(new).all(|m| T::plain(m.number())) {
        return None;
    }
    // The members paired as the comparison paired them (one threshold for the tabel,
    // the renvooi and the besluit; this used to align again, at a fixed 0.5).
    let steps = rd.steps(old.iter().map(|m| m.eid()), new.iter().map(|m| m.eid()));
    if steps.iter().any(|s| s.moved) {
        return None;
    }
    let at = |n: &str| T::addr(parent, n);
    let block = |m: &T| Some(m.block());
    // The old member under its new number, then changed.
    let renumbered_change = |o: usize, k: usize| {
        let mut m = old[o].clone();
        m.set_number(new[k].number());
        change(&m, new[k])
    };
    let deleted: Vec<usize> = steps
        .iter()
        .filter(|s| s.new.is_none())
        .filter_map(|s| s.old)
        .collect();
    let inserted: Vec<usize> = steps
        .iter()
        .filter(|s| s.old.is_none())
        .filter_map(|s| s.new)
        .collect();
    let renumbered = steps.iter().any(
        |s| matches!((s.old, s.new), (Some(o), Some(k)) if old[o].number() != new[k].number()),
    );
    let mut ops = Vec::new();
    if !renumbered {
        let at_end = after_last_kept(&steps);
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => ops.push(Op::new(
                    Sentence::Repeal {
                        at: at(old[o].number()),
                        shift: None,
                    },
                    None,
                )),
                (None, Some(k)) => {
                    // Ar 6.11: a new last member is added ("toegevoegd"), not inserted.
                    let sentence = if k > 0 && at_end(k) {
                        Sentence::Append {
                            to: parent.clone(),
                            what: T::SOORT,
                        }
                    } else if k > 0 {
                        Sentence::Insert {
                            after: true,
                            at: at(new[k - 1].number()),
                            what: T::SOORT,
                        }
                    } else if let Some(next) = new.get(1) {
                        Sentence::Insert {
                            after: false,
                            at: at(next.number()),
                            what: T::SOORT,
                        }
                    } else if T::ADDED_ALONE {
                        Sentence::Append {
                            to: parent.clone(),
                            what: T::SOORT,
                        }
                    } else {
                        return None;
                    };
                    ops.push(Op::new(sentence, block(new[k])));
                }
                (Some(o), Some(k)) => ops.extend(change(old[o], new[k])?),
                (None, None) => {}
            }
        }
        return Some(merge_appends(merge_repeals(ops)));
    }
    // Renumbering explained by one repeal or one insertion (Ar 6.18): every other
    // member keeps its number before it and shifts by one after it.
    let last_old = old.last()?.number().to_string();
    let shifted_by = |pivot: usize, delta: i64, by_old: bool| {
        steps.iter().all(|s| match (s.old, s.new) {
            (Some(o), Some(k)) => {
                let after = if by_old { o > pivot } else { k > pivot };
                let expect = if after {
                    step(old[o].number(), delta)
                } else {
                    Some(old[o].number().to_string())
                };
                expect.as_deref() == Some(new[k].number())
            }
            _ => true,
        })
    };
    match (deleted.as_slice(), inserted.as_slice()) {
        ([d], []) => {
            if !shifted_by(*d, -1, true) {
                return None;
            }
            let dn = old[*d].number().to_string();
            for s in &steps {
                match (s.old, s.new) {
                    (Some(o), None) => {
                        let shift = (o + 1 < old.len()).then(|| Shift {
                            letters: T::LETTERS,
                            from: (step(&dn, 1).unwrap_or_default(), last_old.clone()),
                            to: (dn.clone(), step(&last_old, -1).unwrap_or_default()),
                        });
                        ops.push(Op::new(Sentence::Repeal { at: at(&dn), shift }, None));
                    }
                    (Some(o), Some(k)) => ops.extend(renumbered_change(o, k)?),
                    _ => {}
                }
            }
            Some(ops)
        }
        ([], [i]) => {
            if *i + 1 >= new.len() || !shifted_by(*i, 1, false) {
                return None;
            }
            let inn = new[*i].number().to_string();
            for s in &steps {
                match (s.old, s.new) {
                    (None, Some(k)) => ops.push(Op::new(
                        Sentence::InsertShifting {
                            shift: Shift {
                                letters: T::LETTERS,
                                from: (inn.clone(), last_old.clone()),
                                to: (step(&inn, 1)?, step(&last_old, 1)?),
                            },
                            within: T::within(parent),
                            what: T::SOORT,
                        },
                        block(new[k]),
                    )),
                    (Some(o), Some(k)) => ops.extend(renumbered_change(o, k)?),
                    _ => {}
                }
            }
            Some(ops)
        }
        _ => None,
    }
}

/// Consecutive leden (or onderdelen) repealed one after the other, with no other
/// instruction between them, become one instruction: "Het derde tot en met vijfde lid
/// vervallen." Only repeals without renumbering: the others keep their old numbers, so
/// the run is consecutive in the old numbering and reads back as its single repeals.
fn merge_repeals(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::new();
    for op in ops {
        if let Some(prev) = out.last_mut()
            && let Some(run) = joined(&prev.sentence, &op.sentence)
        {
            prev.sentence = run;
            continue;
        }
        out.push(op);
    }
    out
}

/// The run of `a` (a repeal or a run of repeals) extended by the repeal `b`, when `b`
/// repeals the next lid or onderdeel of the same element.
fn joined(a: &Sentence, b: &Sentence) -> Option<Sentence> {
    let (at, last) = match a {
        Sentence::Repeal { at, shift: None } => (at, at.onderdeel.clone().or(at.lid.clone())?),
        Sentence::RepealRun { at, last } => (at, last.clone()),
        _ => return None,
    };
    let Sentence::Repeal {
        at: next,
        shift: None,
    } = b
    else {
        return None;
    };
    let letters = at.onderdeel.is_some();
    let above = |a: &Addr| {
        let mut a = a.clone();
        let run = if letters {
            a.onderdeel.take()
        } else {
            a.lid.take()
        };
        run.map(|_| a)
    };
    if above(at)? != above(next)? {
        return None;
    }
    let n = if letters { &next.onderdeel } else { &next.lid }.clone()?;
    (step(&last, 1)? == n).then(|| Sentence::RepealRun {
        at: at.clone(),
        last: n,
    })
}

/// New last leden added one after the other become one instruction: "Aan artikel 9
/// worden twee leden toegevoegd, luidende:", the leden quoted together in order.
fn merge_appends(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::new();
    for op in ops {
        let next_lid = match &op.sentence {
            Sentence::Append {
                to,
                what: Soort::Lid,
            } => Some(to),
            _ => None,
        };
        if let (Some(prev), Some(to)) = (out.last_mut(), next_lid) {
            let count = match &prev.sentence {
                Sentence::Append {
                    to: t,
                    what: Soort::Lid,
                } if t == to => Some(1),
                Sentence::AppendLeden { to: t, count } if t == to => Some(*count),
                _ => None,
            };
            if let (Some(count), Some(a), Some(b)) = (count, &prev.block, &op.block) {
                prev.block = Some(format!("{}\n{}", a.trim_end_matches('\n'), b));
                prev.sentence = Sentence::AppendLeden {
                    to: to.clone(),
                    count: count + 1,
                };
                continue;
            }
        }
        out.push(op);
    }
    out
}
