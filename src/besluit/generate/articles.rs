//! The sequence of articles (and bijlagen): repeals, renumbering in an order that never
//! names a number twice, insertions and additions (Ar 6.11, 6.18).

use super::*;

pub(super) fn number_of(a: &Artikel) -> String {
    a.number.clone().unwrap_or_default()
}

/// The articles of one hoofdstuk (or of a regeling without hoofdstukken).
pub(super) fn articles(
    old: &[&Artikel],
    new: &[&Artikel],
    chapter: Option<&str>,
    rd: &Reading<'_>,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    if old.iter().chain(new).any(|a| a.number.is_none()) {
        return Err("een artikel zonder nummer kan een wijzigingsbesluit niet noemen".into());
    }
    let steps = rd.steps(
        old.iter().map(|a| a.eid.as_str()),
        new.iter().map(|a| a.eid.as_str()),
    );
    // Moved articles: repealed where they were, inserted where they are.
    let renumbering = steps.iter().any(|s| {
        !s.moved && matches!((s.old, s.new), (Some(o), Some(n)) if old[o].number != new[n].number)
    });
    let at_end = after_last_kept(&steps);
    let insert_op = |n: usize, current_numbers: &dyn Fn(usize) -> Option<String>| -> Op {
        let block = Some(fragment::part(&Deel::Artikel(new[n].clone())));
        // Anchor: the article before it in the new text, else the one after it that is
        // already there, else the end of the hoofdstuk. A new last article is added at
        // the end of its hoofdstuk ("toegevoegd", Ar 6.11), not inserted.
        if n > 0 && !at_end(n) {
            return Op::new(
                Sentence::Insert {
                    after: true,
                    at: Addr::artikel(&number_of(new[n - 1])),
                    what: Soort::Artikel,
                },
                block,
            );
        }
        if let Some(next) = (n + 1..new.len())
            .find_map(current_numbers)
            .filter(|_| n == 0)
        {
            return Op::new(
                Sentence::Insert {
                    after: false,
                    at: Addr::artikel(&next),
                    what: Soort::Artikel,
                },
                block,
            );
        }
        Op::new(
            Sentence::Append {
                to: match chapter {
                    Some(h) => Addr::hoofdstuk(h),
                    None => Addr::special(Special::Regeling),
                },
                what: Soort::Artikel,
            },
            block,
        )
    };
    // new index → old index of the articles that stay in place (a table, not a search:
    // this runs for every inserted article).
    let mut in_place: Vec<Option<usize>> = vec![None; new.len()];
    for s in steps.iter().filter(|s| !s.moved) {
        if let (Some(o), Some(n)) = (s.old, s.new) {
            in_place[n] = Some(o);
        }
    }
    let repeal = |o: usize| {
        Group::single(Op::new(
            Sentence::Repeal {
                at: Addr::artikel(&number_of(old[o])),
                shift: None,
            },
            None,
        ))
    };

    if !renumbering {
        // In the order of the text, but a repeal before an insertion that takes the number
        // it frees ("Artikel 4" moved to the front as "Artikel 0" while the old artikel 0
        // goes: found by fuzzing).
        let start = groups.len();
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => groups.push(repeal(o)),
                (Some(o), Some(_)) if s.moved => groups.push(repeal(o)),
                _ => {}
            }
            match (s.old, s.new) {
                (Some(o), Some(n)) if !s.moved => {
                    if let Some(g) = article_change(old[o], new[n], &number_of(new[n]), rd)? {
                        groups.push(g);
                    }
                }
                (_, Some(n)) => {
                    let current = |k: usize| in_place[k].map(|o| number_of(old[o]));
                    groups.push(Group::single(insert_op(n, &current)));
                }
                _ => {}
            }
        }
        let mine = groups.split_off(start);
        groups.extend(crate::besluit::order::repeals_before_insertions(
            mine,
            super::chapters::inserted_article_number,
            |g: &Group| super::chapters::repealed_numbers(g, &[]),
        ));
        return Ok(());
    }

    // With renumbering: repeals, then renumbering (in an order that never doubles a
    // number), then changes and insertions with the new numbers.
    for s in &steps {
        if let (Some(o), None) | (Some(o), Some(_)) = (s.old, s.new)
            && (s.new.is_none() || s.moved)
        {
            groups.push(repeal(o));
        }
    }
    let pending: Vec<(String, String)> = steps
        .iter()
        .filter(|s| !s.moved)
        .filter_map(|s| match (s.old, s.new) {
            (Some(o), Some(n)) if old[o].number != new[n].number => {
                Some((number_of(old[o]), number_of(new[n])))
            }
            _ => None,
        })
        .collect();
    let in_use: Vec<String> = steps
        .iter()
        .filter(|s| !s.moved && s.new.is_some())
        .filter_map(|s| s.old.map(|o| number_of(old[o])))
        .collect();
    for (from, to) in renumber_order(pending, in_use)? {
        groups.push(Group::single(Op::new(
            Sentence::Renumber {
                at: Addr::artikel(&from),
                to,
            },
            None,
        )));
    }
    for s in &steps {
        match (s.old, s.new) {
            (Some(o), Some(n)) if !s.moved => {
                let mut renumbered = old[o].clone();
                renumbered.number = new[n].number.clone();
                if let Some(g) = article_change(&renumbered, new[n], &number_of(new[n]), rd)? {
                    groups.push(g);
                }
            }
            (_, Some(n)) => {
                let current = |k: usize| in_place[k].map(|_| number_of(new[k]));
                groups.push(Group::single(insert_op(n, &current)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether the element at new index `k` comes after every element that was already
/// there: Ar 6.11 adds it ("toegevoegd") at the end instead of inserting it
/// ("ingevoegd", only between existing elements).
pub(super) fn after_last_kept(
    steps: &[crate::diff::align::Step],
) -> impl Fn(usize) -> bool + use<> {
    let last = steps
        .iter()
        .filter(|s| s.old.is_some() && !s.moved)
        .filter_map(|s| s.new)
        .max();
    move |k| last.is_none_or(|m| k > m)
}

/// The renumberings (`from`, `to`) in an order that never gives a number twice: each time
/// the first pending one whose new number is not in use. `in_use` holds the numbers of
/// the articles that stay. Linear (up to the ordered set): a count per number in use,
/// and the pending renumberings by the number they wait for.
pub(super) fn renumber_order(
    pending: Vec<(String, String)>,
    in_use: Vec<String>,
) -> Result<Vec<(String, String)>, String> {
    use rustc_hash::FxHashMap;
    use std::collections::BTreeSet;
    let mut count: FxHashMap<String, usize> = FxHashMap::default();
    for n in in_use {
        *count.entry(n).or_default() += 1;
    }
    let mut waiting: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, (_, to)) in pending.iter().enumerate() {
        waiting.entry(to.as_str()).or_default().push(i);
    }
    let free = |count: &FxHashMap<String, usize>, n: &str| count.get(n).is_none_or(|c| *c == 0);
    let mut ready: BTreeSet<usize> = (0..pending.len())
        .filter(|&i| free(&count, &pending[i].1))
        .collect();
    let mut done = vec![false; pending.len()];
    let mut out = Vec::with_capacity(pending.len());
    while out.len() < pending.len() {
        let Some(k) = ready.pop_first() else {
            return Err(
                "de artikelen zijn zo vernummerd dat grc er geen volgorde voor vindt".into(),
            );
        };
        done[k] = true;
        let (from, to) = &pending[k];
        // `from` is given up, `to` is taken.
        if let Some(c) = count.get_mut(from.as_str()) {
            *c = 0;
        }
        *count.entry(to.clone()).or_default() += 1;
        for n in [from.as_str(), to.as_str()] {
            let is_free = free(&count, n);
            for &i in waiting.get(n).map_or(&[][..], Vec::as_slice) {
                if done[i] {
                    continue;
                }
                if is_free {
                    ready.insert(i);
                } else {
                    ready.remove(&i);
                }
            }
        }
        out.push((from.clone(), to.clone()));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Bijlagen

pub(super) fn annexes(
    old: &Regeling,
    new: &Regeling,
    rd: &Reading<'_>,
    grain: Grain,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    if same(&old.annexes, &new.annexes) {
        return Ok(());
    }
    if old
        .annexes
        .iter()
        .chain(&new.annexes)
        .any(|b| b.number.is_none())
    {
        return Err("een bijlage zonder nummer kan een wijzigingsbesluit niet noemen".into());
    }
    let bijlage = |n: &Bijlage| Addr {
        bijlage: n.number.clone(),
        ..Addr::default()
    };
    let steps = rd.steps(
        old.annexes.iter().map(|b| b.eid.as_str()),
        new.annexes.iter().map(|b| b.eid.as_str()),
    );
    if grain == Grain::Rebuild {
        groups.extend(crate::besluit::rebuild::annexes(
            &old.annexes,
            &new.annexes,
            &steps,
        ));
        return Ok(());
    }
    let at_end = after_last_kept(&steps);
    for s in steps {
        let op = match (s.old, s.new) {
            (Some(o), Some(k)) if !s.moved && old.annexes[o].number == new.annexes[k].number => {
                if same(&old.annexes[o], &new.annexes[k]) {
                    continue;
                }
                Op::new(
                    Sentence::Whole(bijlage(&old.annexes[o])),
                    Some(fragment::annex(&new.annexes[k])),
                )
            }
            (Some(o), _) => {
                groups.push(Group::single(Op::new(
                    Sentence::Repeal {
                        at: bijlage(&old.annexes[o]),
                        shift: None,
                    },
                    None,
                )));
                match s.new {
                    Some(k) => insert_annex(new, k, at_end(k)),
                    None => continue,
                }
            }
            (None, Some(k)) => insert_annex(new, k, at_end(k)),
            (None, None) => continue,
        };
        groups.push(Group::single(op));
    }
    Ok(())
}

pub(super) fn insert_annex(new: &Regeling, k: usize, at_end: bool) -> Op {
    let block = Some(fragment::annex(&new.annexes[k]));
    // A new last bijlage is added to the regeling (Ar 6.11).
    if k > 0 && !at_end {
        Op::new(
            Sentence::Insert {
                after: true,
                at: Addr {
                    bijlage: new.annexes[k - 1].number.clone(),
                    ..Addr::default()
                },
                what: Soort::Bijlage,
            },
            block,
        )
    } else {
        Op::new(
            Sentence::Append {
                to: Addr::special(Special::Regeling),
                what: Soort::Bijlage,
            },
            block,
        )
    }
}
