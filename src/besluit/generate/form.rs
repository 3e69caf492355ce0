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
    /// [`Reason`]), instructions per article otherwise.
    #[default]
    Auto,
    /// Instructions per article, whatever changes (`--vorm wijziging`).
    Wijziging,
    /// The full text, whatever changes (`--vorm integraal`).
    Integraal,
}

/// Why the regeling is re-enacted in full by [`Vorm::Auto`].
pub(super) enum Reason {
    /// Ar 6.7 ([`ar_6_7_reason`]): the article-wise besluit is then not written at all.
    Ar67(String),
    /// Most of the regeling changes ([`quoted_reason`]): the article-wise besluit was
    /// written and verified, and quotes at least half of the new text.
    Quoted(String),
}

/// Ar 6.7: the opschrift or the aanhef changes, which no instruction amends; the reason
/// whatever an article-wise besluit would say.
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
pub(super) fn quoted_reason(new: &Regeling, b: &Wijzigingsbesluit) -> Option<String> {
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
    let text = fragment::regeling(r);
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
/// (or its first line). The note names `--vorm wijziging`: after [`Reason::Quoted`] that
/// form is known to verify; after [`Reason::Ar67`] it was not tried, and it may refuse
/// (a number used twice, a different indeling), so the note does not promise it.
pub(super) fn integral_note(new: &Regeling, reason: &Reason) -> crate::diagnostic::Diagnostic {
    let at = new.title.as_ref().map(|t| t.span).unwrap_or(Span {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    });
    let (why, note) = match reason {
        Reason::Ar67(why) => (
            why,
            "`--vorm wijziging` vraagt een besluit met opdrachten per artikel, tegen Ar 6.7 in",
        ),
        Reason::Quoted(why) => (
            why,
            "`--vorm wijziging` geeft een besluit met opdrachten per artikel",
        ),
    };
    let mut d = crate::diagnostic::Diagnostic::new(
        "B003",
        format!("het besluit stelt de regeling integraal opnieuw vast: {why}"),
    )
    .at(&new.file, at);
    d.notes = vec![note.into()];
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.gr` and `.txt` file of the repository and the shared corpus (where a
    /// machine has it), each fuzz replay's halves as well, and constructed texts with and
    /// without a title, metadata and a preceding decision; parsed.
    fn trees() -> Vec<Regeling> {
        const FOLDERS: [&str; 4] = [
            "regelingen",
            "tests/fixtures",
            "/work/shared/corpus",
            "/work/shared/real-grs",
        ];
        let files = crate::render::test_files::under(&FOLDERS, &["gr", "txt"]);
        assert!(files.len() > 50, "{} files", files.len());
        let mut texts: Vec<String> = vec![
            String::new(),
            "Artikel 1\n\nTekst.\n".into(),
            "---\ntitel: Regeling A\nversie: 2\n---\n\nRegeling A\n\nArtikel 1\n\nRegeling A\n"
                .into(),
            "---\nversie: 2\n---\n\nHet bestuur besluit:\n\nArtikel 1\n\nTekst.\n".into(),
        ];
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            texts.extend(text.split("\n=====\n").map(str::to_string));
            texts.push(text);
        }
        texts
            .iter()
            .map(|t| crate::source::parse("t.gr", t).0)
            .collect()
    }

    /// `fragment::regeling` is `write` of the copy the integral besluit quoted before
    /// (metadata reduced to the title, no decision printed before it, the tree cloned).
    /// After a decision the text is read as `grc apply` reads it, after that decision
    /// (`fragment::before_regeling`), and must give the tree back: there a `Bijlage` line
    /// that ended the decision stands before the title, not after it as a note.
    #[test]
    fn regeling_is_the_write_of_the_reduced_copy() {
        let reduced = |r: &Regeling, decision: bool| {
            let mut t = r.clone();
            t.metadata = Metadata {
                title: r.metadata.title.clone(),
                ..Metadata::default()
            };
            if !decision {
                t.preceding_decision = None;
            }
            crate::source::write(&t)
        };
        let (mut with_metadata, mut with_decision) = (0, 0);
        for r in trees() {
            with_metadata += usize::from(r.metadata != Metadata::default());
            match r.preceding_decision.as_deref() {
                None => assert_eq!(fragment::regeling(&r), reduced(&r, false), "{}", r.file),
                Some(d) => {
                    with_decision += 1;
                    let before = fragment::before_regeling(r.metadata.title.as_deref(), d);
                    let (again, _) = crate::source::parse("t.gr", &(before + &full_text(&r)));
                    assert_eq!(
                        crate::source::write(&again),
                        reduced(&r, true),
                        "{}",
                        r.file
                    );
                }
            }
        }
        // Both substitutions must be exercised, or the comparison proves little.
        assert!(
            with_metadata > 20 && with_decision > 0,
            "{with_metadata} {with_decision}"
        );
    }

    /// The borrowed forms the article choice uses are the cloned ones they replace: a lid
    /// written and compared alone is `blocks` of it in a block, an article written alone
    /// is `part` of it; on every lid and article of every tree, each compared with itself
    /// and with the next lid (equal and different pairs both).
    #[test]
    fn borrowed_lid_and_article_are_the_cloned_forms() {
        let (mut leden, mut equal_pairs, mut different) = (0, 0, 0);
        for r in trees() {
            let articles = crate::tree::walk::articles(&r);
            let all: Vec<&Lid> = articles.iter().flat_map(|a| a.leden()).collect();
            for a in &articles {
                assert_eq!(
                    fragment::article(a),
                    fragment::part(&Deel::Artikel((*a).clone()))
                );
            }
            for (i, l) in all.iter().enumerate() {
                let block = |l: &Lid| vec![Blok::Lid(l.clone())];
                assert_eq!(fragment::lid(l), fragment::blocks(&block(l), 3));
                for other in [l, all[(i + 1) % all.len()]] {
                    let want = equal::blocks(&block(l), &block(other));
                    assert_eq!(equal::lid(l, other), want);
                    equal_pairs += usize::from(want);
                    different += usize::from(!want);
                }
                leden += 1;
            }
        }
        assert!(
            leden > 10_000 && different > 5_000,
            "{leden} {equal_pairs} {different}"
        );
    }
}
