//! Instruction choice for one article (Ar 6.9): targeted instructions, or the article,
//! lid or onderdeel "komt te luiden".

use super::*;

// ---------------------------------------------------------------------------------------
// One article

/// The instructions for a matched article (same number `n` now); `None` when equal.
pub(super) fn article_change(
    old: &Artikel,
    new: &Artikel,
    n: &str,
    rd: &Reading<'_>,
) -> Result<Option<Group>, String> {
    // Equal when every field the writer reads is equal, or else when the writer writes
    // both the same; the new article is written once for every probe below (it was
    // written again for each, issue 17).
    let new_text = std::cell::OnceCell::new();
    let is_new = |a: &Artikel| {
        equal::article(a, new)
            || fragment::article(a) == *new_text.get_or_init(|| fragment::article(new))
    };
    if is_new(old) {
        return Ok(None);
    }
    // The writer writes an article as a part the way it writes the article alone, so the
    // new article's text written above is the quoted block.
    let whole = || {
        Group::single(Op::new(
            Sentence::Whole(Addr::artikel(n)),
            Some(new_text.get_or_init(|| fragment::article(new)).clone()),
        ))
    };
    let Some(mut ops) = fine_ops(old, new, n, rd) else {
        return Ok(Some(whole()));
    };
    // Ar 6.9: the article comes whole when its heading and every lid change, or when the
    // instructions would quote as much text as the article has; but never when its new
    // text has a numbering gap, which "komt te luiden" would enact as if it were drafted
    // that way (the repeals that left the gap say what happened).
    if ops.is_empty()
        || (!has_numbering_gap(new) && (rd.rewritten(old) || whole_is_clearer(new, &ops)))
    {
        return Ok(Some(whole()));
    }
    // Check: the instructions give exactly the new article.
    let intro = Addr::artikel(n);
    let probe = Regeling {
        body: vec![Deel::Artikel(old.clone())],
        ..Regeling::default()
    };
    let checked = |mut ops: Vec<Op>| -> Option<Vec<Op>> {
        if ops.len() == 1 {
            absolutise(&mut ops[0].sentence, n);
        }
        let context = (ops.len() > 1).then_some(&intro);
        let ok = match crate::besluit::apply::apply_with(
            &probe,
            &steps_of(&ops, context),
            "besluit",
            &rd.checks.quoted,
        ) {
            Ok(r) => r.body.len() == 1 && matches!(&r.body[0], Deel::Artikel(a) if is_new(a)),
            Err(_) => false,
        };
        ok.then_some(ops)
    };
    // Sweeps, one pair of words after the other, as long as they give the same article;
    // the single replacements otherwise.
    while let Some(swept) = sweep(&ops, n).and_then(&checked) {
        ops = swept;
    }
    let Some(ops) = checked(ops) else {
        return Ok(Some(whole()));
    };
    Ok(Some(Group {
        intro: (ops.len() > 1).then_some(intro),
        ops,
    }))
}

/// Ar 6.9 for an article: "komt te luiden" is clearer than instructions when the heading
/// and every lid change (nothing of the old article is left to point at: the
/// comparison's `rewritten`, which the wijzigingstabel shows as one row, checked by the
/// caller), or when the instructions would quote at least as much text as the new
/// article has (this function).
pub(super) fn whole_is_clearer(new: &Artikel, ops: &[Op]) -> bool {
    quoted_len(ops) >= fragment::article(new).len()
}

/// How much text the instructions quote (the words they replace and their new text).
pub(super) fn quoted_len(ops: &[Op]) -> usize {
    ops.iter()
        .map(|op| {
            let words = match &op.sentence {
                Sentence::Replace { old, new, .. }
                | Sentence::ReplaceEvery { old, new, .. }
                | Sentence::ReplaceEveryIn { old, new, .. } => old.len() + new.len(),
                _ => 0,
            };
            words + op.block.as_ref().map_or(0, String::len)
        })
        .sum()
}

/// Whether the leden or onderdelen of an article skip a number or do not start at the
/// first (S003, S005): a text that "komt te luiden" would enact that gap.
pub(super) fn has_numbering_gap(a: &Artikel) -> bool {
    let probe = Regeling {
        body: vec![Deel::Artikel(a.clone())],
        ..Regeling::default()
    };
    crate::check::numbering::check(&probe).iter().any(|d| {
        matches!(d.code.as_str(), "S003" | "S005")
            && d.node.as_deref().is_some_and(|n| n.contains("__"))
    })
}

/// Ar 6.9 for a lid or onderdeel: replaced words that make up most of its text are
/// better read as the element replaced whole ("Het tweede lid komt te luiden:").
pub(super) fn most_words_replaced(ops: &[Op], content: &[Blok]) -> bool {
    let mut texts = Vec::new();
    collect_texts(content, &mut texts);
    let total: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let replaced: usize = ops
        .iter()
        .map(|op| match &op.sentence {
            Sentence::Replace { old, .. } => old.split_whitespace().count(),
            _ => 0,
        })
        .sum();
    2 * replaced > total
}

/// Gives an address that leans on the intro its article.
pub(super) fn absolutise(s: &mut Sentence, n: &str) {
    let fix = |a: &mut Addr| {
        if a.artikel.is_none()
            && a.special.is_none()
            && a.hoofdstuk.is_none()
            && a.bijlage.is_none()
        {
            a.artikel = Some(n.to_string());
        }
    };
    match s {
        Sentence::Replace { at, .. }
        | Sentence::Edits { at, .. }
        | Sentence::ReplaceEvery { at, .. }
        | Sentence::Whole(at)
        | Sentence::Heading(at)
        | Sentence::Repeal { at, .. }
        | Sentence::RepealRun { at, .. }
        | Sentence::Insert { at, .. }
        | Sentence::Renumber { at, .. } => fix(at),
        Sentence::InsertShifting { within, .. } => {
            let mut a = within.clone().unwrap_or_default();
            fix(&mut a);
            *within = Some(a);
        }
        Sentence::Append { to, .. } | Sentence::AppendLeden { to, .. } => fix(to),
        Sentence::Intro(_) | Sentence::ReplaceEveryIn { .. } => {}
    }
}

pub(super) fn leden_only(content: &[Blok]) -> bool {
    !content.is_empty() && content.iter().all(|b| matches!(b, Blok::Lid(_)))
}

/// Lid-level (or, without leden, alinea- and onderdeel-level) instructions; `None` when
/// the article is better replaced whole. An article with text outside its leden (a
/// tussenkop between two leden) gets instructions per lid only when the comparison
/// found that text unchanged; no Ar instruction names a tussenkop inside an article, so
/// when one changes, the article comes whole ("komt te luiden").
pub(super) fn fine_ops(old: &Artikel, new: &Artikel, n: &str, rd: &Reading<'_>) -> Option<Vec<Op>> {
    if old.repealed != new.repealed || old.label != new.label {
        return None;
    }
    let mut ops = Vec::new();
    if old.heading.as_ref().map(|t| &t.text) != new.heading.as_ref().map(|t| &t.text) {
        let t = new.heading.as_ref()?;
        ops.push(Op::new(
            Sentence::Heading(Addr::artikel(n)),
            Some(t.text.clone()),
        ));
    }
    if same_blocks(&old.content, &new.content) {
        return Some(ops);
    }
    let has_leden = |a: &Artikel| a.leden().next().is_some();
    let leden_alone = leden_only(&old.content) && leden_only(&new.content);
    if has_leden(old) && has_leden(new) && (leden_alone || rd.between_unchanged(old)) {
        ops.extend(leden_ops(old, new, n, rd)?);
        return Some(ops);
    }
    if old.leden().next().is_none() && new.leden().next().is_none() {
        ops.extend(container_ops(
            &old.content,
            &new.content,
            &Addr::artikel(n),
            rd,
        )?);
        return Some(ops);
    }
    None
}

/// A matched lid (same number now): nothing, replaced words, onderdelen, or the lid whole.
pub(super) fn lid_change(old: &Lid, new: &Lid, rd: &Reading<'_>) -> Option<Vec<Op>> {
    // `same_blocks` of each lid alone, without cloning them into blocks (the clones were
    // a tenth of this function, issue 17).
    if equal::lid(old, new) || fragment::lid(old) == fragment::lid(new) {
        return Some(Vec::new());
    }
    let at = lid_addr(&new.number);
    let whole = || {
        vec![Op::new(
            Sentence::Whole(at.clone()),
            Some(fragment::lid(new)),
        )]
    };
    if old.repealed != new.repealed {
        return Some(whole());
    }
    match container_ops(&old.content, &new.content, &at, rd) {
        Some(ops) if ops.len() <= 3 && !most_words_replaced(&ops, &old.content) => Some(ops),
        _ => Some(whole()),
    }
}

/// The shape of a list of blocks: kinds, and for lists their item numbers and terms.
pub(super) fn shape(content: &[Blok]) -> Vec<String> {
    content
        .iter()
        .map(|b| match b {
            Blok::Lid(l) => format!("lid {}", l.number),
            Blok::Alinea(_) => "alinea".into(),
            Blok::Opmerking(o) => format!("opmerking {}", o.text),
            Blok::Lijst(list) => format!(
                "lijst {:?}",
                list.items
                    .iter()
                    .map(|i| (
                        &i.number,
                        i.term.as_ref().map(|t| &t.text),
                        i.repealed,
                        shape(&i.content)
                    ))
                    .collect::<Vec<_>>()
            ),
        })
        .collect()
}

/// Instructions inside a lid (or an article without leden) whose blocks keep their
/// shape (only words change) or whose single list gains, loses or changes onderdelen.
/// `at` is the lid's (or article's) address.
pub(super) fn container_ops(
    old: &[Blok],
    new: &[Blok],
    at: &Addr,
    rd: &Reading<'_>,
) -> Option<Vec<Op>> {
    if shape(old) == shape(new) {
        return words_ops(old, new, at);
    }
    // The same blocks around exactly one list: the list's onderdelen change.
    let outside = |c: &[Blok]| -> Vec<String> {
        c.iter()
            .map(|b| match b {
                Blok::Lijst(_) => "lijst".to_string(),
                other => shape(std::slice::from_ref(other)).join(""),
            })
            .collect()
    };
    let lists = |c: &[Blok]| c.iter().filter(|b| matches!(b, Blok::Lijst(_))).count();
    if outside(old) != outside(new) || lists(old) != 1 || lists(new) != 1 {
        return None;
    }
    let list_of = |c: &[Blok]| -> Lijst {
        c.iter()
            .find_map(|b| match b {
                Blok::Lijst(l) => Some(l.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let (ol, nl) = (list_of(old), list_of(new));
    // Words outside the list first (their shape is the same).
    let strip = |c: &[Blok]| -> Vec<Blok> {
        c.iter()
            .filter(|b| !matches!(b, Blok::Lijst(_)))
            .cloned()
            .collect()
    };
    let mut ops = words_ops(&strip(old), &strip(new), at)?;
    ops.extend(items_ops(&ol, &nl, at, rd)?);
    Some(ops)
}

/// The same words replaced by the same words in two or more places of one article become
/// one instruction, "In artikel 4 wordt "het Schap" telkens vervangen door "SORA".",
/// standing where the first of them stood. One pair per call, the one that occurs most
/// often (the first on a tie); `None` when no pair occurs twice. The caller keeps the
/// sweep only if it still gives the new article ("telkens" also replaces occurrences no
/// single replacement named), and calls again for the next pair.
pub(super) fn sweep(ops: &[Op], n: &str) -> Option<Vec<Op>> {
    // The changed words without the context quoted to find them once ("van het Schap"
    // by "van SORA" is "het Schap" by "SORA"): "telkens" needs no context.
    let pair = |op: &Op| match &op.sentence {
        Sentence::Replace { old, new, .. } if op.block.is_none() => {
            super::across::core_pair(old, new).filter(|(o, _)| sweepable(o))
        }
        _ => None,
    };
    let pairs: Vec<Option<(String, String)>> = ops.iter().map(pair).collect();
    let count = |p: &(String, String)| pairs.iter().flatten().filter(|q| *q == p).count();
    let best = pairs
        .iter()
        .flatten()
        .filter(|p| count(p) >= 2)
        .max_by_key(|p| {
            (
                count(p),
                std::cmp::Reverse(pairs.iter().flatten().position(|q| q == *p)),
            )
        })?
        .clone();
    let mut out = Vec::new();
    let mut placed = false;
    for (op, p) in ops.iter().zip(&pairs) {
        if p.as_ref() != Some(&best) {
            out.push(op.clone());
        } else if !placed {
            placed = true;
            out.push(Op::new(
                Sentence::ReplaceEvery {
                    at: Addr::artikel(n),
                    old: best.0.clone(),
                    new: best.1.clone(),
                },
                None,
            ));
        }
    }
    Some(out)
}

/// Words a sweep may name: two words or more, or one of four letters or more. "telkens"
/// with a single short word ("1", "Het") reads as a blanket change of a common word,
/// even where it gives exactly the new text; those stay single replacements.
pub(super) fn sweepable(old: &str) -> bool {
    old.split_whitespace().count() >= 2 || old.chars().count() >= 4
}
