//! The body: which instructions for hoofdstukken (repeal, insert, add, whole), and the
//! order in which moved articles are repealed and inserted.

use super::*;

// ---------------------------------------------------------------------------------------
// The body: hoofdstukken and articles

pub(super) fn chapters_only(parts: &[Deel]) -> bool {
    parts.iter().all(|d| matches!(d, Deel::Hoofdstuk(_)))
}

pub(super) fn articles_only(parts: &[Deel]) -> bool {
    parts.iter().all(|d| matches!(d, Deel::Artikel(_)))
}

pub(super) fn body(
    old: &Regeling,
    new: &Regeling,
    rd: &Reading<'_>,
    grain: Grain,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    if old.body.len() == new.body.len()
        && old.body.iter().zip(&new.body).all(|(a, b)| same_part(a, b))
    {
        return Ok(());
    }
    let has_chapters = |r: &Regeling| r.body.iter().any(|d| matches!(d, Deel::Hoofdstuk(_)));
    match (has_chapters(old), has_chapters(new)) {
        (true, true) if chapters_only(&old.body) && chapters_only(&new.body) => {
            chapters(old, new, rd, grain, groups)
        }
        (false, false) if articles_only(&old.body) && articles_only(&new.body) => {
            let old_a: Vec<&Artikel> = old.body.iter().filter_map(as_article).collect();
            let new_a: Vec<&Artikel> = new.body.iter().filter_map(as_article).collect();
            articles(&old_a, &new_a, None, rd, groups)
        }
        _ => Err("de indeling van de regeling (hoofdstukken, paragrafen, losse tekst) verschilt zo dat grc er geen wijzigingsbesluit voor schrijft".into()),
    }
}

fn chapters_of(r: &Regeling) -> Vec<&Hoofdstuk> {
    r.body
        .iter()
        .filter_map(|d| match d {
            Deel::Hoofdstuk(h) => Some(h),
            _ => None,
        })
        .collect()
}

pub(super) fn as_article(d: &Deel) -> Option<&Artikel> {
    match d {
        Deel::Artikel(a) => Some(a),
        _ => None,
    }
}

pub(super) fn chapters(
    old: &Regeling,
    new: &Regeling,
    rd: &Reading<'_>,
    grain: Grain,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    let (old_h, new_h) = (chapters_of(old), chapters_of(new));
    let steps = rd.steps(
        old_h.iter().map(|h| h.eid.as_str()),
        new_h.iter().map(|h| h.eid.as_str()),
    );
    if grain == Grain::Rebuild {
        groups.extend(crate::besluit::rebuild::chapters(&old_h, &new_h, &steps));
        return Ok(());
    }
    let kept: Vec<&str> = steps
        .iter()
        .filter(|s| !s.moved)
        .filter_map(|s| Some((old_h[s.old?], new_h[s.new?])))
        .filter(|(o, n)| o.number == n.number)
        .map(|(o, _)| o.number.as_str())
        .collect();
    let mut rest: Vec<Group> = Vec::new();
    for s in &steps {
        let (o, n) = (s.old.map(|i| old_h[i]), s.new.map(|i| new_h[i]));
        match (o, n) {
            (Some(o), Some(n)) if !s.moved && o.number == n.number => {
                if fragment::chapter(o) == fragment::chapter(n) {
                    continue;
                }
                let heading_changed =
                    o.heading.as_ref().map(|t| &t.text) != n.heading.as_ref().map(|t| &t.text);
                // Article by article only when the hoofdstuk holds nothing but articles and
                // keeps a heading; otherwise the hoofdstuk comes whole.
                let by_article = grain == Grain::Fine
                    && articles_only(&o.content)
                    && articles_only(&n.content)
                    && (n.heading.is_some() || !heading_changed);
                if !by_article {
                    rest.push(Group::single(Op::new(
                        Sentence::Whole(Addr::hoofdstuk(&n.number)),
                        Some(fragment::chapter(n)),
                    )));
                    continue;
                }
                if let (true, Some(t)) = (heading_changed, &n.heading) {
                    rest.push(Group::single(Op::new(
                        Sentence::Heading(Addr::hoofdstuk(&n.number)),
                        Some(t.text.clone()),
                    )));
                }
                let old_a: Vec<&Artikel> = o.content.iter().filter_map(as_article).collect();
                let new_a: Vec<&Artikel> = n.content.iter().filter_map(as_article).collect();
                let mut chapter_groups = Vec::new();
                articles(&old_a, &new_a, Some(&n.number), rd, &mut chapter_groups)?;
                rest.extend(chapter_groups);
            }
            (Some(o), maybe_new) => {
                // Repealed, or moved/renumbered: repeal here, insert where it now stands.
                rest.push(Group::single(Op::new(
                    Sentence::Repeal {
                        at: Addr::hoofdstuk(&o.number),
                        shift: None,
                    },
                    None,
                )));
                if let Some(n) = maybe_new {
                    rest.push(insert_chapter(n, &new_h, &kept));
                }
            }
            (None, Some(n)) => rest.push(insert_chapter(n, &new_h, &kept)),
            (None, None) => {}
        }
    }
    // An article that moves to an earlier hoofdstuk with its number is inserted there
    // before it is repealed here: move the repeal up, so the number is never there twice.
    groups.extend(crate::besluit::order::repeals_before_insertions(
        rest,
        inserted_article_number,
        |g: &Group| repealed_numbers(g, &old_h),
    ));
    Ok(())
}

/// `kept`: the numbers of hoofdstukken that stand in both versions under the same number
/// (an insertion before one of them finds it, whatever else the besluit does).
pub(super) fn insert_chapter(n: &Hoofdstuk, new_h: &[&Hoofdstuk], kept: &[&str]) -> Group {
    let k = new_h.iter().position(|h| std::ptr::eq(*h, n)).unwrap_or(0);
    let block = Some(fragment::chapter(n));
    // The first hoofdstuk goes before the one after it (appending it would put it last;
    // found by fuzzing: "Hoofdstuk 1" renumbered to "Hoofdstuk 0").
    // A new last hoofdstuk is added to the regeling (Ar 6.11).
    let at_end = new_h[k + 1..]
        .iter()
        .all(|h| !kept.contains(&h.number.as_str()));
    let sentence = if k > 0 && !at_end {
        Sentence::Insert {
            after: true,
            at: Addr::hoofdstuk(&new_h[k - 1].number),
            what: Soort::Hoofdstuk,
        }
    } else if let Some(next) = new_h
        .get(1)
        .filter(|h| k == 0 && kept.contains(&h.number.as_str()))
    {
        Sentence::Insert {
            after: false,
            at: Addr::hoofdstuk(&next.number),
            what: Soort::Hoofdstuk,
        }
    } else {
        Sentence::Append {
            to: Addr::special(Special::Regeling),
            what: Soort::Hoofdstuk,
        }
    };
    Group::single(Op::new(sentence, block))
}

/// The number of the article a group inserts or adds (its quoted text's heading), if it
/// does: a repeal that frees that number must come before it.
pub(super) fn inserted_article_number(g: &Group) -> Option<String> {
    let op = g.ops.first()?;
    match &op.sentence {
        Sentence::Insert {
            what: Soort::Artikel,
            ..
        }
        | Sentence::Append {
            what: Soort::Artikel,
            ..
        } => {
            let text = op.block.as_deref()?;
            let first = text.lines().next()?;
            first.split_whitespace().nth(1).map(str::to_string)
        }
        _ => None,
    }
}

/// The numbers a group's repeal frees: an article's, or those of every article in a
/// repealed hoofdstuk of `old_h` (its articles may reappear, with their numbers, in an
/// earlier hoofdstuk: found by the robustness test when a "Hoofdstuk 5" line was lost).
pub(super) fn repealed_numbers(g: &Group, old_h: &[&Hoofdstuk]) -> Vec<String> {
    match g.ops.first().map(|op| &op.sentence) {
        Some(Sentence::Repeal { at, shift: None })
            if at.lid.is_none() && at.onderdeel.is_none() =>
        {
            if let Some(a) = &at.artikel {
                vec![a.clone()]
            } else if let Some(h) = &at.hoofdstuk {
                old_h
                    .iter()
                    .filter(|c| &c.number == h)
                    .flat_map(|c| crate::tree::walk::articles_in(&c.content))
                    .filter_map(|a| a.number.clone())
                    .collect()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}
