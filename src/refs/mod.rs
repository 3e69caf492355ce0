//! References in the text: found by the grammar in `grammar/verwijzing.pest`
//! ([`grammar`]), given their act from the words after them ([`naming`], with the act
//! table [`acts`] and what the regeling defines [`context`]), and stored on the alinea
//! they stand in. Resolving them to eIds is a check (`check::references`).
//!
//! Invariant: extraction only adds `references` to alinea's (and `title_references` to the
//! regeling); it changes nothing else.
//! An external reference is never resolved against the regeling itself; a reference grc
//! cannot place is `Unresolved`, never guessed to be an article of this regeling.

pub mod acts;
mod between;
pub mod context;
mod continued;
pub mod grammar;
pub mod naming;
mod relations;

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
    if let Some(t) = &r.title {
        let found = find_in(&t.text, t.span, &cx, &mut Scope::default());
        r.title_references = found
            .into_iter()
            .filter(|x| x.kind == RefKind::External)
            .collect();
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

/// A line that is only an article heading ("Artikel 1", "ARTIKEL A12"): in a bijlage or
/// a sluiting, where grc keeps headings as text (see P021), it heads the bijlage's own
/// article and cites nothing.
pub fn is_article_heading(text: &str) -> bool {
    let mut words = text.split_whitespace();
    matches!(words.next(), Some("Artikel" | "ARTIKEL"))
        && words.next().is_some_and(|n| {
            let n = n.strip_suffix('.').unwrap_or(n);
            !n.is_empty() && n.len() <= 8 && n.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        && words.next().is_none()
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
    if is_article_heading(text) {
        return Vec::new();
    }
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
    let continued = continued::read(text, at, &mut refs);
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
        let mut cited = naming::after_citation(
            &text[end..],
            cx,
            &text[..start],
            scope.earlier.as_ref(),
            number.as_deref(),
        );
        // A short name of an act the aanhef names in full ("het Subsidiebesluit").
        if let Cited::Act(Named::Unknown(short), written) = &cited
            && let Some((act, len)) = cx.ground_named(short)
        {
            // The written words end where the short name does.
            let cut = written
                .find(&short[..len])
                .map_or(written.len(), |i| i + len);
            cited = Cited::Act(Named::Known(act), written[..cut].to_string());
        }
        // Nothing after the citation names an act, but the words right before it may:
        // "in het Besluit financiële verhouding 2001, artikel 1 onder c".
        if matches!(cited, Cited::Own)
            && let Some(act) = naming::act_just_before(&text[..start])
        {
            cited = Cited::Act(Named::Known(act), act.name.to_string());
        }
        apply(r, cited, scope);
    }
    relations::join_conjoined(text, at, &mut refs);
    for (r, earlier) in refs.iter_mut().zip(&earlier) {
        of_earlier_act(r, cx, scope.listed.as_ref(), earlier.as_ref());
    }
    continued::give_act(&continued, &mut refs);
    relations::relative_of_articles(text, at, cx, scope, &mut refs);
    relations::relative_after_exception(text, at, &mut refs);
    relations::items_joined(text, at, &mut refs);
    relations::lid_after_act(text, at, &mut refs);
    relations::foreign_items(text, at, &mut refs);
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
pub(super) fn apply(r: &mut Reference, cited: Cited, scope: &mut Scope) {
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

/// Marks a reference grc cannot place, with why (kept as its act words).
pub(super) fn unplaced(r: &mut Reference, why: &str) {
    r.kind = RefKind::Unresolved;
    r.act_text = Some(why.to_string());
}

/// The act an amending sentence names ("De Wet X wordt als volgt gewijzigd", "De
/// Regeling X wordt gewijzigd"), or one read differently for a group ("... wordt de Wet X
/// voor de werknemers, bedoeld in ..., als volgt gelezen:"), and where the sentence's verb
/// ends; not this regeling.
fn amended_act(text: &str) -> Option<(String, usize)> {
    // One fast scan rules out almost every line before the searches below.
    // The searchers are built once: building one per alinea cost more than the scan.
    static GEWIJZIGD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" gewijzigd"));
    static GELEZEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" gelezen"));
    let bytes = text.as_bytes();
    GEWIJZIGD.find(bytes).or_else(|| GELEZEN.find(bytes))?;
    let verb = [
        " wordt als volgt gewijzigd",
        " wordt gewijzigd",
        " wordt als volgt gelezen",
    ]
    .iter()
    .find_map(|v| text.find(v).map(|i| (i, v.len())));
    // "Met ingang van ... wordt de Wet X als volgt gewijzigd": the subject after the verb.
    let inverted = [" als volgt gewijzigd", " als volgt gelezen"]
        .iter()
        .find_map(|v| text.find(v).map(|end| (end, v.len())))
        .and_then(|(end, len)| {
            let head = &text[..end];
            let w = head.rfind("wordt ")?;
            Some((head[w + "wordt ".len()..].trim(), end + len))
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
        // The act's name, then for whom it is read ("... voor de overheidswerknemers,
        // bedoeld in artikel 1, ..."): the words after the name are not part of it.
        Some((a, n)) if subject[n..].starts_with([' ', ',']) && subject[..n].contains(' ') => {
            Some(a.short.to_string())
        }
        _ => (lower.contains("regeling") || naming::looks_like_act(subject))
            .then(|| subject.to_string()),
    };
    named.map(|n| (n, verb_end))
}

#[cfg(test)]
mod tests;
