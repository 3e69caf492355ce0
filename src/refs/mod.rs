//! References in the text: found by the grammar in `grammar/verwijzing.pest`
//! ([`grammar`]), given their act from the words after them ([`naming`], with the act
//! table [`acts`] and what the regeling defines [`context`]), and stored on the alinea
//! they stand in. Resolving them to eIds is a check (`check::references`).
//!
//! Invariant: extraction only adds `references` to alinea's; it changes nothing else.
//! An external reference is never resolved against the regeling itself; a reference grc
//! cannot place is `Unresolved`, never guessed to be an article of this regeling.

pub mod acts;
mod between;
pub mod context;
pub mod grammar;
pub mod naming;

pub use context::{Context, Named};
pub use naming::{names_unknown_act, unknown_act_name};

use crate::tree::reference::{RefKind, Reference, Relation};
use crate::tree::{Blok, Deel, Regeling, Span};
use naming::Cited;

/// What one article (or other container of alinea's) has said so far that decides the
/// act of later references: the act last cited (for `van die wet`), and the act an
/// amending sentence named (`De Wet X wordt als volgt gewijzigd:`), whose articles the
/// instructions under it cite.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub earlier: Option<Named>,
    pub amended: Option<String>,
    /// The act a list's introducing alinea named ("de volgende bepalingen van de Wet X:"),
    /// set by that alinea for the list right after it.
    pub introduced: Option<Named>,
    /// The act of the list being read: its items' citations that name no act are its.
    pub listed: Option<Named>,
}

/// Finds the references in every alinea of the regeling.
pub fn extract(r: &mut Regeling) {
    let cx = Context::of(r);
    let mut visit = |content: &mut [Blok]| alineas(content, &cx, &mut Scope::default());
    if let Some(b) = r.preceding_decision.as_deref_mut() {
        if let Some(a) = b.preamble.as_mut() {
            visit(&mut a.content);
        }
        parts(&mut b.body, &cx, &mut visit);
    }
    if let Some(a) = r.preamble.as_mut() {
        visit(&mut a.content);
    }
    parts(&mut r.body, &cx, &mut visit);
    for b in &mut r.annexes {
        visit(&mut b.content);
    }
}

fn parts(parts_: &mut [Deel], cx: &Context, visit: &mut dyn FnMut(&mut [Blok])) {
    for p in parts_ {
        match p {
            Deel::Hoofdstuk(h) => parts(&mut h.content, cx, visit),
            Deel::Paragraaf(p) => parts(&mut p.content, cx, visit),
            Deel::Artikel(a) => visit(&mut a.content),
            Deel::Alinea(a) => {
                a.references = find_in(&a.text, a.span, cx, &mut Scope::default());
            }
            Deel::Opmerking(_) => {}
        }
    }
}

/// The references of every alinea of `content`, in reading order, in one scope; a list
/// reads in the act its introducing alinea named, if it named one.
fn alineas(content: &mut [Blok], cx: &Context, scope: &mut Scope) {
    for b in content {
        match b {
            Blok::Alinea(a) => a.references = find_in(&a.text, a.span, cx, scope),
            Blok::Lid(l) => alineas(&mut l.content, cx, scope),
            Blok::Lijst(list) => {
                let listed = scope.introduced.take().or_else(|| scope.listed.clone());
                let outer = std::mem::replace(&mut scope.listed, listed);
                for item in &mut list.items {
                    alineas(&mut item.content, cx, scope);
                }
                scope.listed = outer;
            }
            Blok::Opmerking(_) => {}
        }
    }
}

/// The references in one line of text whose first byte is at `at`, on its own (no
/// earlier text in its article).
pub fn find(text: &str, at: Span, cx: &Context) -> Vec<Reference> {
    find_in(text, at, cx, &mut Scope::default())
}

/// The references in one line of text, in the scope of its article.
pub fn find_in(text: &str, at: Span, cx: &Context, scope: &mut Scope) -> Vec<Reference> {
    // `grammar::find` looks only at the words a reference can start with, so a line that
    // cites nothing costs one pass over its bytes.
    let mut refs = grammar::find(text, at);
    // "voordat het volgende lid heeft gestemd": a member, not the next lid; it cites the
    // next lid only after a preposition ("bedoeld in het volgende lid") or on its own.
    refs.retain(|r| {
        let next_lid = r
            .citations
            .iter()
            .any(|c| c.relation == Some(Relation::NextLid));
        let before = text[..(r.span.start - at.start) as usize].trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        !next_lid || word.is_empty() || crate::nl::CITING_NEXT_LID.contains(&word.as_str())
    });
    let amending = amended_act(text);
    scope.introduced = introduced_act(text, cx);
    if refs.is_empty() {
        if let Some((name, _)) = amending {
            scope.amended = Some(name);
        }
        return refs;
    }
    let rel = |r: &Reference| {
        (
            (r.span.start - at.start) as usize,
            (r.span.end - at.start) as usize,
        )
    };
    // The act named before each reference (in this line or an earlier one of the article).
    let mut earlier = Vec::with_capacity(refs.len());
    for r in refs.iter_mut() {
        earlier.push(scope.earlier.clone());
        let (start, end) = rel(r);
        if r.kind != RefKind::Internal {
            continue;
        }
        let number = r
            .citations
            .first()
            .and_then(|c| c.article.as_ref())
            .map(|n| n.value.clone());
        let cited = naming::after_citation(
            &text[end..],
            cx,
            &text[..start],
            scope.earlier.as_ref(),
            number.as_deref(),
        );
        apply(r, cited, scope);
    }
    join_conjoined(text, at, &mut refs);
    for (r, earlier) in refs.iter_mut().zip(&earlier) {
        of_earlier_act(r, cx, scope.listed.as_ref(), earlier.as_ref());
    }
    relative_of_articles(text, at, cx, scope, &mut refs);
    relative_after_exception(text, at, &mut refs);
    items_joined(text, at, &mut refs);
    lid_after_act(text, at, &mut refs);
    foreign_items(text, at, &mut refs);
    // Under "De Wet X wordt als volgt gewijzigd:", articles are Wet X's: after the verb
    // in this line, and in every line after it in the article.
    let from = match (&amending, &scope.amended) {
        (Some((name, verb_end)), _) => Some((name.clone(), *verb_end)),
        (None, Some(name)) => Some((name.clone(), 0)),
        (None, None) => None,
    };
    if let Some((name, verb_end)) = from {
        for r in &mut refs {
            if r.kind != RefKind::External && rel(r).0 > verb_end {
                r.kind = RefKind::External;
                r.act = Some(name.clone());
            }
        }
    }
    if let Some((name, _)) = amending {
        scope.amended = Some(name);
    }
    refs
}

/// Applies what the words after a citation made of it.
fn apply(r: &mut Reference, cited: Cited, scope: &mut Scope) {
    match cited {
        Cited::Own => {}
        Cited::OwnNamed(written) => r.act_text = Some(written),
        Cited::Act(named, written) => {
            r.kind = RefKind::External;
            r.act = Some(named.short());
            r.act_text = Some(written);
            scope.earlier = Some(named);
        }
        Cited::Unplaced(written) => {
            r.kind = RefKind::Unresolved;
            r.act_text = Some(written);
        }
    }
}

/// A citation that names no act: in a list introduced as another act's provisions, that
/// act's; of an article this regeling does not have, in an article that named another act
/// before it ("artikel 29b van de Wet op de jeugdzorg ... in afwijking van artikel 29k"),
/// that act's.
fn of_earlier_act(
    r: &mut Reference,
    cx: &Context,
    listed: Option<&Named>,
    earlier: Option<&Named>,
) {
    if r.kind != RefKind::Internal || r.act_text.is_some() {
        return;
    }
    let numbers: Vec<&str> = r
        .citations
        .iter()
        .filter_map(|c| c.article.as_ref())
        .map(|n| n.value.as_str())
        .collect();
    let act = if listed.is_some() {
        listed
    } else if !numbers.is_empty() && numbers.iter().all(|n| cx.beyond_own(n)) {
        earlier
    } else {
        None
    };
    if let Some(named) = act {
        r.kind = RefKind::External;
        r.act = Some(named.short());
    }
}

/// The act an alinea that introduces a list names as the owner of what the list cites:
/// "... de volgende bepalingen van de Wet algemene regels herindeling:".
fn introduced_act(text: &str, cx: &Context) -> Option<Named> {
    let head = text.trim_end().strip_suffix(':')?;
    let at = head.rfind(" van ")?;
    let before = &head[..at];
    if !["bepalingen", "artikelen", "voorschriften"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return None;
    }
    match naming::after_citation(&head[at..], cx, before, None, None) {
        Cited::Act(named, _) => Some(named),
        _ => None,
    }
}

/// "artikel 12, eerste lid, en artikel 13, eerste lid, van de Archiefwet 1995",
/// "artikel 23, twaalfde lid, artikel 19 en artikel 25, tweede lid, Bezoldigingsbesluit":
/// the act named after the last citation is the act of the ones joined to it by a comma,
/// `en`, `of`, `dan wel`, `alsmede`.
fn join_conjoined(text: &str, at: Span, refs: &mut [Reference]) {
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
fn relative_of_articles(
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
                r.kind = if s.kind == RefKind::Relative && from.article.is_some() {
                    RefKind::Internal
                } else {
                    s.kind
                };
                r.act = s.act.clone();
                r.act_text = s.act_text.clone();
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
fn relative_after_exception(text: &str, at: Span, refs: &mut [Reference]) {
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
fn items_joined(text: &str, at: Span, refs: &mut [Reference]) {
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
        this.kind = if prev.kind == RefKind::Relative && from.article.is_some() {
            RefKind::Internal
        } else {
            prev.kind
        };
        this.act = prev.act.clone();
        this.act_text = prev.act_text.clone();
    }
}

/// "art. 257A Sv lid 3", "artikel 44 Mw lid 1": a lid written after the act's name is a
/// lid of the article cited before the name, not of the article it stands in.
fn lid_after_act(text: &str, at: Span, refs: &mut [Reference]) {
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
fn foreign_items(text: &str, at: Span, refs: &mut [Reference]) {
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

/// Marks a reference grc cannot place, with why (kept as its act words).
fn unplaced(r: &mut Reference, why: &str) {
    r.kind = RefKind::Unresolved;
    r.act_text = Some(why.to_string());
}

/// The act an amending sentence names ("De Wet X wordt als volgt gewijzigd", "De
/// Regeling X wordt gewijzigd"), and where the sentence's verb ends; not this regeling.
fn amended_act(text: &str) -> Option<(String, usize)> {
    // One fast scan rules out almost every line before the three searches below.
    memchr::memmem::find(text.as_bytes(), b" gewijzigd")?;
    let verb = [" wordt als volgt gewijzigd", " wordt gewijzigd"]
        .iter()
        .find_map(|v| text.find(v).map(|i| (i, v.len())));
    // "Met ingang van ... wordt de Wet X als volgt gewijzigd": the subject after the verb.
    let inverted = text.find(" als volgt gewijzigd").and_then(|end| {
        let head = &text[..end];
        let w = head.rfind("wordt ")?;
        Some((
            head[w + "wordt ".len()..].trim(),
            end + " als volgt gewijzigd".len(),
        ))
    });
    let (subject, verb_end) = match (verb, inverted) {
        (Some((at, len)), _) => (text[..at].trim(), at + len),
        (None, Some((subject, end))) => (subject, end),
        (None, None) => return None,
    };
    let subject = subject
        .strip_prefix("De ")
        .or_else(|| subject.strip_prefix("de "))
        .or_else(|| subject.strip_prefix("Het "))
        .or_else(|| subject.strip_prefix("het "))
        .unwrap_or(subject);
    let lower = subject.to_lowercase();
    if lower.starts_with("deze ")
        || lower.starts_with("dit ")
        || !subject.starts_with(char::is_uppercase)
    {
        return None;
    }
    let named = match acts::named_at(subject) {
        Some((a, n)) if n == subject.len() => Some(a.short.to_string()),
        _ => (lower.contains("regeling") || naming::looks_like_act(subject))
            .then(|| subject.to_string()),
    };
    named.map(|n| (n, verb_end))
}

#[cfg(test)]
mod tests;
