//! Leden and onderdelen of a matched article or lid: repealed, inserted, added or changed,
//! with the Ar 6.18 renumbering or relettering sentence.

use super::*;

pub(super) fn lid_addr(l: &str) -> Addr {
    Addr {
        lid: Some(l.to_string()),
        ..Addr::default()
    }
}

pub(super) fn leden_ops(old: &Artikel, new: &Artikel, n: &str) -> Option<Vec<Op>> {
    let old_l: Vec<&Lid> = old.leden().collect();
    let new_l: Vec<&Lid> = new.leden().collect();
    if !old_l.iter().chain(&new_l).all(|l| is_plain_lid(&l.number)) {
        return None;
    }
    let a: Vec<Unit> = old_l.iter().map(|l| lid_unit(l)).collect();
    let b: Vec<Unit> = new_l.iter().map(|l| lid_unit(l)).collect();
    let steps = align(&a, &b, 0.5);
    if steps.iter().any(|s| s.moved) {
        return None;
    }
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
        |s| matches!((s.old, s.new), (Some(o), Some(k)) if old_l[o].number != new_l[k].number),
    );
    let mut ops = Vec::new();
    let lid_block = |l: &Lid| Some(fragment::blocks(&[Blok::Lid(l.clone())], 3));
    let at_end = after_last_kept(&steps);
    if !renumbered {
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => ops.push(Op::new(
                    Sentence::Repeal {
                        at: lid_addr(&old_l[o].number),
                        shift: None,
                    },
                    None,
                )),
                (None, Some(k)) => {
                    // Ar 6.11: a new last lid is added ("toegevoegd"), not inserted.
                    let sentence = if k > 0 && !at_end(k) {
                        Sentence::Insert {
                            after: true,
                            at: lid_addr(&new_l[k - 1].number),
                            what: Soort::Lid,
                        }
                    } else if let Some(next) = new_l.get(1).filter(|_| k == 0) {
                        Sentence::Insert {
                            after: false,
                            at: lid_addr(&next.number),
                            what: Soort::Lid,
                        }
                    } else {
                        Sentence::Append {
                            to: Addr::artikel(n),
                            what: Soort::Lid,
                        }
                    };
                    ops.push(Op::new(sentence, lid_block(new_l[k])));
                }
                (Some(o), Some(k)) => ops.extend(lid_change(old_l[o], new_l[k])?),
                (None, None) => {}
            }
        }
        return Some(merge_appends(merge_repeals(ops)));
    }
    // Renumbering explained by one repeal or one insertion (Ar 6.18).
    let last_old = old_l.last()?.number.parse::<i64>().ok()?;
    match (deleted.as_slice(), inserted.as_slice()) {
        ([d], []) => {
            let dn = old_l[*d].number.clone();
            let shifts_ok = steps.iter().all(|s| match (s.old, s.new) {
                (Some(o), Some(k)) => {
                    let on = old_l[o].number.parse::<i64>().unwrap_or(0);
                    let nn = new_l[k].number.parse::<i64>().unwrap_or(0);
                    if o > *d { nn == on - 1 } else { nn == on }
                }
                _ => true,
            });
            if !shifts_ok {
                return None;
            }
            for s in &steps {
                match (s.old, s.new) {
                    (Some(o), None) => {
                        let shift = (o + 1 < old_l.len()).then(|| Shift {
                            letters: false,
                            from: (step(&dn, 1).unwrap_or_default(), last_old.to_string()),
                            to: (dn.clone(), (last_old - 1).to_string()),
                        });
                        ops.push(Op::new(
                            Sentence::Repeal {
                                at: lid_addr(&old_l[o].number),
                                shift,
                            },
                            None,
                        ));
                    }
                    (Some(o), Some(k)) => {
                        let mut renumbered = old_l[o].clone();
                        renumbered.number = new_l[k].number.clone();
                        ops.extend(lid_change(&renumbered, new_l[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        ([], [i]) => {
            let inn = new_l[*i].number.clone();
            let shifts_ok = steps.iter().all(|s| match (s.old, s.new) {
                (Some(o), Some(k)) => {
                    let on = old_l[o].number.parse::<i64>().unwrap_or(0);
                    let nn = new_l[k].number.parse::<i64>().unwrap_or(0);
                    if k > *i { nn == on + 1 } else { nn == on }
                }
                _ => true,
            });
            if !shifts_ok || *i + 1 >= new_l.len() {
                return None;
            }
            for s in &steps {
                match (s.old, s.new) {
                    (None, Some(k)) => ops.push(Op::new(
                        Sentence::InsertShifting {
                            shift: Shift {
                                letters: false,
                                from: (inn.clone(), last_old.to_string()),
                                to: (
                                    step(&inn, 1).unwrap_or_default(),
                                    (last_old + 1).to_string(),
                                ),
                            },
                            within: None,
                            what: Soort::Lid,
                        },
                        lid_block(new_l[k]),
                    )),
                    (Some(o), Some(k)) => {
                        let mut renumbered = old_l[o].clone();
                        renumbered.number = new_l[k].number.clone();
                        ops.extend(lid_change(&renumbered, new_l[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        _ => None,
    }
}

pub(super) fn items_ops(
    old: &Lijst,
    new: &Lijst,
    at: &Addr,
    _article: Option<Addr>,
) -> Option<Vec<Op>> {
    if !old
        .items
        .iter()
        .chain(&new.items)
        .all(|i| is_plain_letter(&i.number))
    {
        return None;
    }
    let a: Vec<Unit> = old.items.iter().map(item_unit).collect();
    let b: Vec<Unit> = new.items.iter().map(item_unit).collect();
    let steps = align(&a, &b, 0.5);
    if steps.iter().any(|s| s.moved) {
        return None;
    }
    let item_at = |letter: &str| Addr {
        onderdeel: Some(letter.to_string()),
        ..at.clone()
    };
    let item_block = |o: &Onderdeel| {
        Some(fragment::blocks(
            &[Blok::Lijst(Lijst {
                items: vec![o.clone()],
                ..Lijst::default()
            })],
            0,
        ))
    };
    let change = |o: &Onderdeel, n: &Onderdeel| -> Option<Vec<Op>> {
        if item_block(o) == item_block(n) {
            return Some(Vec::new());
        }
        let here = item_at(&n.number);
        let whole = vec![Op::new(Sentence::Whole(here.clone()), item_block(n))];
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
    let relettered = steps.iter().any(|s| matches!((s.old, s.new), (Some(o), Some(k)) if old.items[o].number != new.items[k].number));
    let at_end = after_last_kept(&steps);
    let mut ops = Vec::new();
    if !relettered {
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => ops.push(Op::new(
                    Sentence::Repeal {
                        at: item_at(&old.items[o].number),
                        shift: None,
                    },
                    None,
                )),
                (None, Some(k)) => {
                    // Ar 6.11: a new last onderdeel is added ("toegevoegd").
                    let sentence = if k > 0 && at_end(k) {
                        Sentence::Append {
                            to: at.clone(),
                            what: Soort::Onderdeel,
                        }
                    } else if k > 0 {
                        Sentence::Insert {
                            after: true,
                            at: item_at(&new.items[k - 1].number),
                            what: Soort::Onderdeel,
                        }
                    } else if let Some(next) = new.items.get(1) {
                        Sentence::Insert {
                            after: false,
                            at: item_at(&next.number),
                            what: Soort::Onderdeel,
                        }
                    } else {
                        return None;
                    };
                    ops.push(Op::new(sentence, item_block(&new.items[k])));
                }
                (Some(o), Some(k)) => ops.extend(change(&old.items[o], &new.items[k])?),
                (None, None) => {}
            }
        }
        return Some(merge_repeals(ops));
    }
    let last_old = old.items.last()?.number.clone();
    match (deleted.as_slice(), inserted.as_slice()) {
        ([d], []) => {
            let dn = old.items[*d].number.clone();
            for s in &steps {
                if let (Some(o), Some(k)) = (s.old, s.new) {
                    let expect = if o > *d {
                        step(&old.items[o].number, -1)
                    } else {
                        Some(old.items[o].number.clone())
                    };
                    if expect.as_deref() != Some(new.items[k].number.as_str()) {
                        return None;
                    }
                }
            }
            for s in &steps {
                match (s.old, s.new) {
                    (Some(o), None) => {
                        let shift = (o + 1 < old.items.len()).then(|| Shift {
                            letters: true,
                            from: (step(&dn, 1).unwrap_or_default(), last_old.clone()),
                            to: (dn.clone(), step(&last_old, -1).unwrap_or_default()),
                        });
                        ops.push(Op::new(
                            Sentence::Repeal {
                                at: item_at(&dn),
                                shift,
                            },
                            None,
                        ));
                    }
                    (Some(o), Some(k)) => {
                        let mut moved = old.items[o].clone();
                        moved.number = new.items[k].number.clone();
                        ops.extend(change(&moved, &new.items[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        ([], [i]) => {
            let inn = new.items[*i].number.clone();
            if *i + 1 >= new.items.len() {
                return None;
            }
            for s in &steps {
                if let (Some(o), Some(k)) = (s.old, s.new) {
                    let expect = if k > *i {
                        step(&old.items[o].number, 1)
                    } else {
                        Some(old.items[o].number.clone())
                    };
                    if expect.as_deref() != Some(new.items[k].number.as_str()) {
                        return None;
                    }
                }
            }
            for s in &steps {
                match (s.old, s.new) {
                    (None, Some(k)) => ops.push(Op::new(
                        Sentence::InsertShifting {
                            shift: Shift {
                                letters: true,
                                from: (inn.clone(), last_old.clone()),
                                to: (step(&inn, 1)?, step(&last_old, 1)?),
                            },
                            within: Some(at.clone()),
                            what: Soort::Onderdeel,
                        },
                        item_block(&new.items[k]),
                    )),
                    (Some(o), Some(k)) => {
                        let mut moved = old.items[o].clone();
                        moved.number = new.items[k].number.clone();
                        ops.extend(change(&moved, &new.items[k])?);
                    }
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
