//! The form of the besluit (`--vorm`): instructions per article (Ar 6.6-6.18), or the
//! regeling re-enacted in full, "De regeling komt te luiden als volgt:" with the whole
//! new text (Ar 6.2 and practice: the integrale tekst). Ar 6.7: a wijzigingsbesluit does
//! not amend the opschrift or the aanhef of a regeling; a rewrite that changes them needs
//! the full text. So does one that changes most of the regeling: instructions that quote
//! most of it are no clearer than the text itself.

use super::*;

/// How the besluit amends the regeling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Vorm {
    /// The full text when Ar 6.7 asks it or most of the regeling changes (see
    /// [`integral_reason`]), instructions per article otherwise.
    #[default]
    Auto,
    /// Instructions per article, whatever changes (`--vorm wijziging`).
    Wijziging,
    /// The full text, whatever changes (`--vorm integraal`).
    Integraal,
}

/// Why the regeling is best re-enacted in full, or `None` when instructions per article
/// are the right instrument. `b` is the article-wise besluit.
pub(super) fn integral_reason(
    old: &Regeling,
    new: &Regeling,
    b: &Wijzigingsbesluit,
) -> Option<String> {
    ar_6_7_reason(old, new).or_else(|| quoted_reason(new, b))
}

/// Ar 6.7: the opschrift or the aanhef changes, which no instruction amends; the reason
/// whatever the article-wise besluit says.
pub(super) fn ar_6_7_reason(old: &Regeling, new: &Regeling) -> Option<String> {
    let mut changed = Vec::new();
    if old.title.as_ref().map(|t| &t.text) != new.title.as_ref().map(|t| &t.text) {
        changed.push("het opschrift".to_string());
    }
    if !same(&old.preamble, &new.preamble) {
        changed.push("de aanhef".to_string());
    }
    if !changed.is_empty() {
        return Some(format!(
            "{} {} en die wijzigt een wijzigingsbesluit niet (Ar 6.7)",
            crate::nl::list(&changed),
            if changed.len() == 1 {
                "wijzigt"
            } else {
                "wijzigen"
            }
        ));
    }
    None
}

/// Most of the regeling changes: the article-wise besluit `b` would quote at least half
/// of the new text.
fn quoted_reason(new: &Regeling, b: &Wijzigingsbesluit) -> Option<String> {
    let quoted: usize = b
        .onderdelen
        .iter()
        .flat_map(|o| &o.instructions)
        .map(|i| i.sentence.len() + i.block.as_ref().map_or(0, String::len))
        .sum();
    let whole = full_text(new).len().max(1);
    (quoted * 2 >= whole).then(|| {
        format!(
            "de opdrachten zouden {}% van de nieuwe tekst citeren: het grootste deel van de \
             regeling wijzigt",
            quoted * 100 / whole
        )
    })
}

/// The text the integral form quotes: the regeling without its metadata (carried by
/// `nieuw.<key>` lines, as in the other form) and without the decision printed before
/// it (which no besluit amends). The reader tells the opschrift by the metadata title,
/// so the text is written with it and the metadata lines are then left out; `grc apply`
/// reads it with the regeling's title again (`apply::quoted::new_regeling`).
fn full_text(r: &Regeling) -> String {
    let mut t = r.clone();
    t.metadata = Metadata {
        title: r.metadata.title.clone(),
        ..Metadata::default()
    };
    t.preceding_decision = None;
    let text = crate::source::write(&t);
    match text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
    {
        Some((_, body)) => body.to_string(),
        None => text,
    }
}

/// The besluit that re-enacts `new` in full; no onderdelen when the texts are the same.
/// Checked like the other form: applied to `old`, it must give `new`.
pub(super) fn integral(
    old: &Regeling,
    new: &Regeling,
    rd: &Reading<'_>,
) -> Result<Wijzigingsbesluit, String> {
    if !same(&old.preceding_decision, &new.preceding_decision) {
        return Err(
            "het voorafgaande besluit verschilt; dat kan een wijzigingsbesluit niet wijzigen"
                .into(),
        );
    }
    let text = full_text(new);
    let groups = if text == full_text(old) {
        Vec::new()
    } else {
        vec![Group::single(Op::new(
            Sentence::Whole(Addr::special(Special::Regeling)),
            Some(text),
        ))]
    };
    let mut b = assemble(old, new, groups);
    b.integral = true;
    if !b.onderdelen.is_empty() {
        verify(old, new, &b, &rd.checks)?;
    }
    Ok(b)
}

/// B003: why the besluit re-enacts the regeling in full, at the new version's opschrift
/// (or its first line).
pub(super) fn integral_note(new: &Regeling, reason: &str) -> crate::diagnostic::Diagnostic {
    let at = new.title.as_ref().map(|t| t.span).unwrap_or(Span {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    });
    let mut d = crate::diagnostic::Diagnostic::new(
        "B003",
        format!("het besluit stelt de regeling integraal opnieuw vast: {reason}"),
    )
    .at(&new.file, at);
    d.notes = vec!["`--vorm wijziging` geeft een besluit met opdrachten per artikel".into()];
    d
}
