//! Sweeps across articles: the same words replaced by the same words in two or more
//! articles become one instruction, "In de artikelen 3, 5 en 7 wordt "het Schap" telkens
//! vervangen door "SORA".", standing where the first of them stood.
//!
//! "telkens" replaces every occurrence in each article named, also one no single
//! replacement named, and it runs before the other instructions of the later articles.
//! So a sweep is kept only when the whole besluit with it still gives the new regeling
//! exactly (the same generate-and-verify as the besluit itself); otherwise the single
//! replacements (and the sweeps within one article) stay.

use super::*;

/// The words a replacement changes, without the context it quotes to be found once:
/// "van het Schap" by "van SORA" changes "het Schap" into "SORA". A sweep names those
/// (every occurrence is replaced, so it needs no context); `None` when nothing is left
/// on either side (an insertion or deletion is no sweep).
pub(super) fn core_pair(old: &str, new: &str) -> Option<(String, String)> {
    let o: Vec<&str> = old.split(' ').collect();
    let n: Vec<&str> = new.split(' ').collect();
    let head = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let tail = o[head..]
        .iter()
        .rev()
        .zip(n[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let x = o[head..o.len() - tail].join(" ");
    let y = n[head..n.len() - tail].join(" ");
    (!x.is_empty() && !y.is_empty()).then_some((x, y))
}

/// The article a replacement is about, and its pair of words, if it may be swept.
fn pair_of(op: &Op, intro: Option<&Addr>) -> Option<(String, (String, String))> {
    let (at, (old, new)) = match &op.sentence {
        Sentence::Replace { at, old, new } if op.block.is_none() => (at, core_pair(old, new)?),
        Sentence::ReplaceEvery { at, old, new } => (at, (old.clone(), new.clone())),
        _ => return None,
    };
    if !sweepable(&old) {
        return None;
    }
    let artikel = at
        .artikel
        .as_ref()
        .or(intro.and_then(|i| i.artikel.as_ref()));
    // An article in a bijlage or named within a hoofdstuk is not named by its number alone.
    let plain = |a: &Addr| a.special.is_none() && a.hoofdstuk.is_none() && a.bijlage.is_none();
    (plain(at) && intro.is_none_or(plain))
        .then(|| artikel.cloned())
        .flatten()
        .map(|n| (n, (old, new)))
}

/// The pairs of words replaced in two or more articles, the most widespread first (the
/// first in the text on a tie).
fn candidates(groups: &[Group]) -> Vec<(String, String)> {
    let mut seen: Vec<((String, String), Vec<String>)> = Vec::new();
    for g in groups {
        for op in &g.ops {
            let Some((n, pair)) = pair_of(op, g.intro.as_ref()) else {
                continue;
            };
            match seen.iter_mut().find(|(p, _)| *p == pair) {
                Some((_, articles)) if !articles.contains(&n) => articles.push(n),
                Some(_) => {}
                None => seen.push((pair, vec![n])),
            }
        }
    }
    seen.retain(|(_, articles)| articles.len() >= 2);
    // A stable sort keeps the order of the text on a tie.
    seen.sort_by_key(|(_, articles)| std::cmp::Reverse(articles.len()));
    seen.into_iter().map(|(p, _)| p).collect()
}

/// The groups with every replacement of `pair` taken out and one sweep over their
/// articles put where the first of them was.
fn swept(groups: &[Group], pair: &(String, String)) -> Option<Vec<Group>> {
    let mut out: Vec<Group> = Vec::new();
    let mut articles: Vec<String> = Vec::new();
    let mut first: Option<usize> = None;
    for g in groups {
        let mut ops = Vec::new();
        for op in &g.ops {
            match pair_of(op, g.intro.as_ref()) {
                Some((n, p)) if p == *pair => {
                    first.get_or_insert(out.len());
                    if !articles.contains(&n) {
                        articles.push(n);
                    }
                }
                _ => ops.push(op.clone()),
            }
        }
        if ops.is_empty() {
            continue;
        }
        let mut intro = g.intro.clone();
        // One instruction left needs no intro: it names its article itself.
        if ops.len() == 1
            && let Some(n) = intro.take().and_then(|a| a.artikel)
        {
            absolutise(&mut ops[0].sentence, &n);
        }
        out.push(Group { intro, ops });
    }
    // A sweep names two articles or more ("In de artikelen 3 en 5").
    if articles.len() < 2 {
        return None;
    }
    let sweep = Op::new(
        Sentence::ReplaceEveryIn {
            artikelen: articles,
            old: pair.0.clone(),
            new: pair.1.clone(),
        },
        None,
    );
    out.insert(first.unwrap_or(0), Group::single(sweep));
    Some(out)
}

/// The verified besluit `fine` (built from `groups`) with every sweep across articles
/// that keeps it exact, and its groups.
pub(super) fn sweeps_across(
    old: &Regeling,
    new: &Regeling,
    mut groups: Vec<Group>,
    fine: Wijzigingsbesluit,
    rd: &Reading<'_>,
) -> (Vec<Group>, Wijzigingsbesluit) {
    let mut best = fine;
    for pair in candidates(&groups) {
        let Some(tried) = swept(&groups, &pair) else {
            continue;
        };
        let b = assemble(old, new, tried.clone());
        if verify(old, new, &b, &rd.checks).is_ok() {
            groups = tried;
            best = b;
        }
    }
    (groups, best)
}
