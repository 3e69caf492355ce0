//! The text of an article outside its leden: a tussenkop between two leden ("Relatie
//! Algemeen Bestuur – Colleges en Raden" in artikel 15 of the real pair), an alinea before
//! the first lid or after the last. Such text belongs to no lid, so the lid-by-lid
//! comparison alone never showed its changes; it is compared here block by block and
//! placed among the leden in reading order.

use crate::tree::inline::{looks_like_subheading, plain};
use crate::tree::reference::ordinal_of;
use crate::tree::walk::block_text;
use crate::tree::*;

use super::align::{Step, Unit};

/// At most this many words for a line between leden to be called a tussenkop.
const TUSSENKOP_WORDS: usize = 12;

/// One block of an article's content that is neither a lid nor a comment.
pub(super) struct Outside<'a> {
    /// Index in the article's content (leden counted too).
    pub position: usize,
    pub eid: &'a str,
    pub text: String,
    /// `tekst vóór het zesde lid`, `tekst na het twaalfde lid`.
    pub place: String,
}

/// The blocks of `a` outside its leden. Called only when one of the two versions of the
/// article has leden: the other's whole text is then such a block (an article whose body
/// became leden shows that body struck, not lost).
pub(super) fn outside_leden(a: &Artikel) -> Vec<Outside<'_>> {
    let content = &a.content;
    fn lid_number(b: &Blok) -> Option<&str> {
        match b {
            Blok::Lid(l) => Some(l.number.as_str()),
            _ => None,
        }
    }
    let mut out = Vec::new();
    for (position, b) in content.iter().enumerate() {
        let eid = match b {
            Blok::Alinea(x) => &x.eid,
            Blok::Lijst(x) => &x.eid,
            Blok::Lid(_) | Blok::Opmerking(_) => continue,
        };
        let mut s = String::new();
        block_text(std::slice::from_ref(b), &mut s);
        let text = plain(&s);
        // Only names the row for a reader ("tussenkop vóór het zesde lid").
        let what = if looks_like_subheading(&text, TUSSENKOP_WORDS) {
            "tussenkop"
        } else {
            "tekst"
        };
        let next = content[position..].iter().find_map(lid_number);
        let previous = content[..position].iter().rev().find_map(lid_number);
        let place = match (next, previous) {
            (Some(n), _) => format!("{what} vóór het {} lid", ordinal_of(n)),
            (None, Some(p)) => format!("{what} na het {} lid", ordinal_of(p)),
            (None, None) => what.to_string(),
        };
        out.push(Outside {
            position,
            eid,
            text,
            place,
        });
    }
    out
}

/// What alignment compares of the blocks outside the leden. Their "number" is the lid
/// they stand before, counted in the new version (`lid_key[i]`: the new index of the
/// `i`-th lid of this version when the lid alignment found it in both, else `None`), so
/// that the tussenkop before the same lid is the same tussenkop when its words changed
/// (by text alone, "Relatie bestuur en colleges" is nearer to a new "Relatie bestuur en
/// provincie" further on than to its own rewrite with four words added).
pub(super) fn units(
    outside: &[Outside],
    lid_positions: &[usize],
    lid_key: &[Option<usize>],
) -> Vec<Unit> {
    outside
        .iter()
        .map(|o| {
            let first_after = lid_positions.partition_point(|&p| p < o.position);
            let anchor = lid_key[first_after..].iter().flatten().next();
            Unit {
                number: Some(anchor.map_or("einde".to_string(), |k| format!("vóór {k}"))),
                heading: String::new(),
                text: o.text.clone(),
            }
        })
        .collect()
}

/// A step of either alignment of one article's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    Lid(Step),
    Text(Step),
}

/// Where the elements of one version stand in its article's content: the content index
/// of each lid and of each block outside the leden, in the order the alignments number
/// them.
pub(super) struct Positions<'a> {
    pub leden: &'a [usize],
    pub outside: &'a [usize],
}

/// The two alignments in one reading order. Each keeps its own order (the lid steps come
/// out exactly as before); a text step goes in front of the first lid step that stands
/// after it in the new version. A step with a new element stands at that element's
/// position; a deleted one just before the first element after it in the old version
/// that is still there. Linear apart from the sort-free merge's key computation.
pub(super) fn reading_order(
    lid_steps: &[Step],
    text_steps: &[Step],
    old: Positions,
    new: Positions,
) -> Vec<Entry> {
    // Old content index → new content index, for every matched element of either kind.
    let old_len = old
        .leden
        .iter()
        .chain(old.outside)
        .max()
        .map_or(0, |m| m + 1);
    let mut kept: Vec<Option<usize>> = vec![None; old_len];
    for (steps, o_pos, n_pos) in [
        (lid_steps, old.leden, new.leden),
        (text_steps, old.outside, new.outside),
    ] {
        for s in steps {
            if let (Some(o), Some(n)) = (s.old, s.new) {
                kept[o_pos[o]] = Some(n_pos[n]);
            }
        }
    }
    // For each old position, the new position of the first kept element at or after it.
    let mut anchor: Vec<usize> = vec![usize::MAX; old_len + 1];
    for p in (0..old_len).rev() {
        anchor[p] = kept[p].unwrap_or(anchor[p + 1]);
    }
    // Keys: (new position, 1) for a step with a new element; (anchor, 0) for a deleted one,
    // so that it comes before the element it stood in front of.
    let key = |s: &Step, o_pos: &[usize], n_pos: &[usize]| match (s.old, s.new) {
        (_, Some(n)) => (n_pos[n], 1),
        (Some(o), None) => (anchor[o_pos[o] + 1], 0),
        (None, None) => (usize::MAX, 1),
    };
    let mut out = Vec::with_capacity(lid_steps.len() + text_steps.len());
    let mut texts = text_steps.iter().peekable();
    for l in lid_steps {
        let lk = key(l, old.leden, new.leden);
        while let Some(t) = texts.next_if(|t| key(t, old.outside, new.outside) < lk) {
            out.push(Entry::Text(*t));
        }
        out.push(Entry::Lid(*l));
    }
    out.extend(texts.map(|t| Entry::Text(*t)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(old: Option<usize>, new: Option<usize>) -> Step {
        Step {
            old,
            new,
            moved: false,
        }
    }

    #[test]
    fn a_tussenkop_stands_before_the_lid_it_heads() {
        // Old: [kop, lid1, lid2]; new: [kop, lid1, kop2, lid2].
        let lid_steps = [step(Some(0), Some(0)), step(Some(1), Some(1))];
        let text_steps = [step(Some(0), Some(0)), step(None, Some(1))];
        let order = reading_order(
            &lid_steps,
            &text_steps,
            Positions {
                leden: &[1, 2],
                outside: &[0],
            },
            Positions {
                leden: &[1, 3],
                outside: &[0, 2],
            },
        );
        assert_eq!(
            order,
            vec![
                Entry::Text(text_steps[0]),
                Entry::Lid(lid_steps[0]),
                Entry::Text(text_steps[1]),
                Entry::Lid(lid_steps[1]),
            ]
        );
    }

    #[test]
    fn a_deleted_tussenkop_stays_before_the_lid_it_headed() {
        // Old: [lid1, kop, lid2, lid3]; new: [lid1, lid2]: kop and lid 3 gone.
        let lid_steps = [
            step(Some(0), Some(0)),
            step(Some(1), Some(1)),
            step(Some(2), None),
        ];
        let text_steps = [step(Some(0), None)];
        let order = reading_order(
            &lid_steps,
            &text_steps,
            Positions {
                leden: &[0, 2, 3],
                outside: &[1],
            },
            Positions {
                leden: &[0, 1],
                outside: &[],
            },
        );
        assert_eq!(
            order,
            vec![
                Entry::Lid(lid_steps[0]),
                Entry::Text(text_steps[0]),
                Entry::Lid(lid_steps[1]),
                Entry::Lid(lid_steps[2]),
            ]
        );
    }

    #[test]
    fn text_after_the_last_lid_comes_last() {
        let lid_steps = [step(Some(0), Some(0))];
        let text_steps = [step(Some(0), Some(0))];
        let order = reading_order(
            &lid_steps,
            &text_steps,
            Positions {
                leden: &[0],
                outside: &[1],
            },
            Positions {
                leden: &[0],
                outside: &[1],
            },
        );
        assert_eq!(
            order,
            vec![Entry::Lid(lid_steps[0]), Entry::Text(text_steps[0])]
        );
    }
}
