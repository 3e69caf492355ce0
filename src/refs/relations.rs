//! How the citations of one line lean on each other: an act named after the last of
//! several joined citations is theirs too, a lid cited "van artikel 5" is that article's,
//! leden listed as an exception belong to the excepted article, a bare onderdeel joined
//! to a cited list is of that list, a lid after an act's name is the cited article's, and
//! onderdelen of a voorschrift or tabel are not placed. Each pass takes the references
//! of one line in reading order and changes them in place.

use super::naming::{self, Cited};
use super::{Scope, apply, context::Context, grammar, unplaced};
use crate::tree::Span;
use crate::tree::reference::{RefKind, Reference, Relation};

/// "artikel 12, eerste lid, en artikel 13, eerste lid, van de Archiefwet 1995",
/// "artikel 23, twaalfde lid, artikel 19 en artikel 25, tweede lid, Bezoldigingsbesluit":
/// the act named after the last citation is the act of the ones joined to it by a comma,
/// `en`, `of`, `dan wel`, `alsmede`.
pub(super) fn join_conjoined(text: &str, at: Span, refs: &mut [Reference]) {
    for i in (0..refs.len().saturating_sub(1)).rev() {
        let (head, tail) = refs.split_at_mut(i + 1);
        let (this, next) = (&mut head[i], &tail[0]);
        let between =
            &text[(this.span.end - at.start) as usize..(next.span.start - at.start) as usize];
        // "in samenhang met", "juncto": one provision read with another of the same act;
        // "dan wel ingevolge artikel 109, tweede lid, ... van het X": the same act.
        let between = between.trim_matches([' ', ',', '\u{a0}']);
        let between = [
            "ingevolge",
            "krachtens",
            "op grond van",
            "als bedoeld in",
            "bedoeld in",
        ]
        .iter()
        .find_map(|p| {
            between
                .strip_suffix(p)
                .map(|b| b.trim_end_matches([' ', ',', '\u{a0}']))
                .filter(|b| b.is_empty() || b.ends_with(|c: char| c.is_alphabetic()))
        })
        .unwrap_or(between);
        let joined = matches!(
            between,
            "" | "en"
                | "of"
                | "en/of"
                | "dan wel"
                | "alsmede"
                | "respectievelijk"
                | "onderscheidenlijk"
                | "in samenhang met"
                | "in verbinding met"
                | "al dan niet in samenhang met"
                | "al dan niet in verbinding met"
                | "juncto"
                | "jo."
        );
        if joined
            && this.kind == RefKind::Internal
            && this.act_text.is_none()
            && next.kind == RefKind::External
        {
            this.kind = RefKind::External;
            this.act = next.act.clone();
        }
    }
}

/// Words that cite the article before or after the one they stand in, without its number.
const NEIGHBOUR_ARTICLE: [&str; 4] = [
    "het vorige artikel",
    "het voorgaande artikel",
    "het volgende artikel",
    "het navolgende artikel",
];

/// A lid or onderdeel cited with the provision it is part of: "het tweede lid van
/// artikel 5", "onderdeel a van het derde lid van artikel 6", "het eerste lid van dat
/// artikel", "het derde lid van de wet". The relative reference takes the article (and
/// act, and lid) of what follows `van`, right to left so chains join up; "van dat
/// artikel" takes the article cited before it. With nothing grc can read there, it stays
/// relative to the provision it stands in; with "dat lid", "voornoemd artikel" and no
/// such citation before it, grc cannot place it.
pub(super) fn relative_of_articles(
    text: &str,
    at: Span,
    cx: &Context,
    scope: &mut Scope,
    refs: &mut [Reference],
) {
    for i in (0..refs.len()).rev() {
        if refs[i].kind != RefKind::Relative
            || refs[i].citations.iter().any(|c| c.relation.is_some())
        {
            continue;
        }
        let start = (refs[i].span.start - at.start) as usize;
        let end = (refs[i].span.end - at.start) as usize;
        // "de in dat artikel, onder a tot en met c, bedoelde": of the article named before.
        let before = text[..start].trim_end_matches([',', ' ', '\u{a0}']);
        if ["dat artikel", "die bepaling", "dat lid", "die artikelen"]
            .iter()
            .any(|w| before.ends_with(w))
        {
            unplaced(
                &mut refs[i],
                "de verwijzing wijst terug naar een eerder genoemde bepaling",
            );
            continue;
        }
        // "genoemd in het vorige artikel onder b", "het eerste lid van het voorgaande
        // artikel": of the article before (or after) the one it stands in, which the
        // citation does not number; not of this article.
        let neighbour = |t: &str| {
            NEIGHBOUR_ARTICLE
                .iter()
                .any(|w| t.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))
        };
        let before_lower = before.to_lowercase();
        if NEIGHBOUR_ARTICLE.iter().any(|w| before_lower.ends_with(w))
            || text[end..]
                .trim_start_matches([',', ' ', '\u{a0}'])
                .strip_prefix("van ")
                .is_some_and(neighbour)
        {
            unplaced(
                &mut refs[i],
                "de verwijzing noemt het vorige of volgende artikel zonder nummer",
            );
            continue;
        }
        let after = &text[end..];
        let after_trim = after.trim_start_matches([',', ' ', '\u{a0}']);
        // "onder a, b en c in het eerste lid van dit artikel" reads as "van".
        let Some(rest) = after_trim.strip_prefix("van ").or_else(|| {
            after_trim
                .strip_prefix("in ")
                .filter(|r| r.starts_with("het "))
        }) else {
            continue;
        };
        let rest_at = text.len() - rest.len();
        // "van artikel 5 (van de wet)", "van het derde lid": the next reference, right there.
        let next = refs
            .get(i + 1)
            .filter(|n| (n.span.start - at.start) as usize == rest_at)
            .filter(|n| {
                n.kind != RefKind::Relative
                    || n.citations
                        .iter()
                        .all(|c| matches!(c.relation, None | Some(Relation::ThisArticle)))
            })
            .cloned();
        let previous = refs[..i]
            .iter()
            .rev()
            .find(|p| p.citations.first().is_some_and(|c| c.article.is_some()))
            .cloned();
        let back = [
            "dat artikel",
            "die artikelen",
            "dat lid",
            "voornoemd artikel",
            "genoemd artikel",
        ]
        .iter()
        .find(|w| rest.starts_with(*w));
        let source = match (next, back) {
            (Some(n), _) => Some(n),
            (None, Some(w)) if w.ends_with("artikel") || w.ends_with("artikelen") => match previous
            {
                Some(p) => Some(p),
                None => {
                    unplaced(
                        &mut refs[i],
                        "de verwijzing wijst terug naar een artikel dat de zin niet noemt",
                    );
                    continue;
                }
            },
            (None, Some(_)) => {
                unplaced(
                    &mut refs[i],
                    "de verwijzing wijst terug naar een eerder genoemd lid",
                );
                continue;
            }
            (None, None) => None,
        };
        // "het eerste lid van artikel 13, onder a": the onderdeel after the article is the
        // lid's (artikel 13, eerste lid, onder a), not one of the article itself.
        let moved_items = match &source {
            Some(n) if refs.get(i + 1).is_some_and(|x| x.span == n.span) => {
                let mine = refs[i].citations.iter().all(|c| c.onderdelen.is_empty());
                match refs[i + 1].citations.as_mut_slice() {
                    [c] if mine && c.leden.is_empty() && !c.onderdelen.is_empty() => {
                        Some(std::mem::take(&mut c.onderdelen))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let r = &mut refs[i];
        if let Some(items) = moved_items {
            for c in &mut r.citations {
                c.onderdelen = items.clone();
            }
        }
        match source {
            Some(s) => {
                let from = s.citations.first().cloned().unwrap_or_default();
                for c in &mut r.citations {
                    c.article = from.article.clone();
                    if c.leden.is_empty() && !c.onderdelen.is_empty() {
                        c.leden = from.leden.clone();
                    }
                }
                adopt(r, &s, from.article.is_some());
            }
            None => {
                // "het derde lid van de wet": another act's, its article unknown.
                let cited = naming::after_citation(after, cx, &text[..end], None, None);
                if let Cited::Act(..) = cited {
                    apply(r, cited, scope);
                }
            }
        }
    }
}

/// "Artikel 4, met uitzondering van het eerste en het derde lid, is van toepassing": a lid
/// cited as an exception to the article cited just before is that article's, and so are
/// the leden listed after it ("met uitzondering van het derde lid, het vijfde lid, tweede
/// volzin, en het zesde lid").
pub(super) fn relative_after_exception(text: &str, at: Span, refs: &mut [Reference]) {
    let mut chain = false;
    for i in 1..refs.len() {
        let (head, tail) = refs.split_at_mut(i);
        let (prev, this) = (&head[i - 1], &mut tail[0]);
        let bare = this.kind == RefKind::Relative
            && !this
                .citations
                .iter()
                .any(|c| c.relation.is_some() || c.article.is_some());
        let between =
            &text[(prev.span.end - at.start) as usize..(this.span.start - at.start) as usize];
        let between = between.trim_matches([',', ' ']);
        let exception = matches!(
            between,
            "met uitzondering van" | "behoudens" | "met inachtneming van"
        );
        // Only the words of a list of leden between: ", en", "tweede volzin, en".
        let listed = chain
            && between.split([' ', ',']).all(|w| {
                w.is_empty()
                    || matches!(w, "en" | "of" | "zin" | "volzin")
                    || grammar::is_ordinal(w)
            });
        chain = false;
        let Some(article) = prev.citations.last().and_then(|c| c.article.clone()) else {
            continue;
        };
        if bare && (exception || listed) {
            for c in &mut this.citations {
                c.article = Some(article.clone());
            }
            this.kind = if prev.kind == RefKind::Relative {
                RefKind::Internal
            } else {
                prev.kind
            };
            this.act = prev.act.clone();
            chain = true;
        }
    }
}

/// "het eerste lid, onderdeel a, of onderdeel b", "artikel 7, onder c, en onder d": a bare
/// onderdeel joined to a citation of onderdelen is another onderdeel of the same list, not
/// one of the lid or article it stands in.
pub(super) fn items_joined(text: &str, at: Span, refs: &mut [Reference]) {
    for i in 1..refs.len() {
        let (head, tail) = refs.split_at_mut(i);
        let (prev, this) = (&head[i - 1], &mut tail[0]);
        let bare = this.kind == RefKind::Relative
            && this.citations.iter().all(|c| {
                c.article.is_none()
                    && c.leden.is_empty()
                    && c.relation.is_none()
                    && !c.onderdelen.is_empty()
            });
        let Some(from) = prev.citations.last() else {
            continue;
        };
        if !bare || from.onderdelen.is_empty() || (from.article.is_none() && from.leden.is_empty())
        {
            continue;
        }
        let between =
            &text[(prev.span.end - at.start) as usize..(this.span.start - at.start) as usize];
        let joined = matches!(
            between.trim_matches([',', ' ', '\u{a0}']),
            "en" | "of" | "dan wel" | "respectievelijk" | "onderscheidenlijk"
        );
        if !joined {
            continue;
        }
        for c in &mut this.citations {
            c.article = from.article.clone();
            c.leden = from.leden.clone();
            c.relation = from.relation;
        }
        let has_article = from.article.is_some();
        adopt(this, prev, has_article);
    }
}

/// "art. 257A Sv lid 3", "artikel 44 Mw lid 1": a lid written after the act's name is a
/// lid of the article cited before the name, not of the article it stands in.
pub(super) fn lid_after_act(text: &str, at: Span, refs: &mut [Reference]) {
    for i in 1..refs.len() {
        let (head, tail) = refs.split_at_mut(i);
        let (prev, this) = (&head[i - 1], &mut tail[0]);
        let bare_lid = this.kind == RefKind::Relative
            && this
                .citations
                .iter()
                .all(|c| c.article.is_none() && c.relation.is_none() && !c.leden.is_empty());
        let Some(written) = prev.act_text.as_deref() else {
            continue;
        };
        let between =
            &text[(prev.span.end - at.start) as usize..(this.span.start - at.start) as usize];
        if !bare_lid || prev.kind != RefKind::External || between.trim() != written.trim() {
            continue;
        }
        let article = prev.citations.last().and_then(|c| c.article.clone());
        for c in &mut this.citations {
            c.article = article.clone();
        }
        this.kind = RefKind::External;
        this.act = prev.act.clone();
        this.act_text = prev.act_text.clone();
    }
}

/// "voorschrift 8.1, onder b", "bijlage 4 onder a", "punt 6.3.1.2., onder c": onderdelen
/// of something that is no article or lid of this regeling; grc cannot place them.
pub(super) fn foreign_items(text: &str, at: Span, refs: &mut [Reference]) {
    for r in refs.iter_mut() {
        let only_items = r.kind == RefKind::Relative
            && r.citations.iter().all(|c| {
                c.article.is_none()
                    && c.leden.is_empty()
                    && c.relation.is_none()
                    && !c.onderdelen.is_empty()
            });
        if !only_items {
            continue;
        }
        let before =
            text[..(r.span.start - at.start) as usize].trim_end_matches([',', ' ', '\u{a0}', '.']);
        let last = before.rsplit(' ').next().unwrap_or("");
        let owner = before[..before.len() - last.len()].trim_end();
        let owner_word = owner.rsplit(' ').next().unwrap_or("").to_lowercase();
        let numbered = last.starts_with(|c: char| c.is_ascii_digit());
        let foreign = numbered
            && [
                "voorschrift",
                "bijlage",
                "punt",
                "tabel",
                "model",
                "categorie",
                "paragraaf",
                "hoofdstuk",
                "bijlagen",
                "tabellen",
                "rubriek",
                "post",
            ]
            .contains(&owner_word.as_str());
        if foreign || numbered && owner_word.is_empty() {
            unplaced(
                r,
                "de onderdelen zijn van iets anders dan een artikel of lid van deze regeling",
            );
        }
    }
}

/// Gives a relative reference the kind and act of the citation it turned out to hang on:
/// given an article of this regeling it is internal.
fn adopt(r: &mut Reference, from: &Reference, has_article: bool) {
    r.kind = if from.kind == RefKind::Relative && has_article {
        RefKind::Internal
    } else {
        from.kind
    };
    r.act = from.act.clone();
    r.act_text = from.act_text.clone();
}
