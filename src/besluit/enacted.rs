//! What a besluit would enact that a drafter must see first: findings of the checks on
//! the new version (a reference to nothing, a number used twice, a numbering gap) that
//! the old version did not have. The besluit is still written (the text is what the
//! deelnemers agreed on), but each finding is warning B001 at its place in the new text.

use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// The codes whose findings a besluit enacts as defects of the regeling: R001 (a
/// reference to something that does not exist), S001 (a number used twice), S003 and
/// S005 (a numbering gap, a sequence that does not start at the first).
const ENACTED: [&str; 4] = ["R001", "S001", "S003", "S005"];

/// The R001, S001, S003 and S005 findings of `check::check`, in its order. Only the two
/// checks that can find these codes run (the term, proofreading and citeertitel checks
/// were most of the enacted text's cost, issue 17); sorted as `check::check` sorts (a
/// stable sort, so filtering before or after it gives the same list).
/// `numbering`: `check::numbering::check(r)`, which the besluit's generator has at hand;
/// `missing`: the references check's R001 findings (`check::references::missing`, which
/// the diff's comparison keeps), the only code of `ENACTED` that check finds.
fn relevant(numbering: &[Diagnostic], missing: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = numbering
        .iter()
        .chain(missing)
        .filter(|d| ENACTED.contains(&d.code.as_str()))
        .cloned()
        .collect();
    crate::diagnostic::sort(&mut found);
    found
}

/// B001 for every R001, S001, S003 or S005 finding in `new` that `old` does not have
/// (same code, element and message), located in the new version.
pub fn defects(old: &Regeling, new: &Regeling) -> Vec<Diagnostic> {
    use crate::check::references::{missing, resolve};
    defects_with(
        [
            &crate::check::numbering::check(old),
            &crate::check::numbering::check(new),
        ],
        [&missing(old, &resolve(old)), &missing(new, &resolve(new))],
    )
}

/// [`defects`] with the findings of both versions (old, new) already made: the numbering
/// check's (the generator reads them for its own refusals first) and the R001 findings
/// of the references the diff's comparison resolved (`Comparison::missing_targets`).
pub(crate) fn defects_with(
    numbering: [&[Diagnostic]; 2],
    missing: [&[Diagnostic]; 2],
) -> Vec<Diagnostic> {
    let before: Vec<(String, Option<String>, String)> = relevant(numbering[0], missing[0])
        .into_iter()
        .map(|d| (d.code, d.node, d.message))
        .collect();
    relevant(numbering[1], missing[1])
        .into_iter()
        .filter(|d| !before.contains(&(d.code.clone(), d.node.clone(), d.message.clone())))
        .map(|d| {
            let mut b = Diagnostic::new(
                "B001",
                format!(
                    "het wijzigingsbesluit stelt een tekst met een gebrek vast ({}): {}",
                    d.code, d.message
                ),
            );
            b.notes = vec![format!(
                "de nieuwe versie heeft dit gebrek, de oude niet; herstel het in de nieuwe tekst \
                 voordat het besluit wordt vastgesteld (`grc check {}`)",
                d.file
            )];
            Diagnostic {
                code: b.code,
                severity: b.severity,
                message: b.message,
                notes: b.notes,
                target: None,
                fix: None,
                ..d
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Regeling {
        crate::source::parse("nieuw.gr", text).0
    }

    #[test]
    fn a_gap_and_a_dangling_reference_the_new_text_brings_are_b001() {
        let old = parse("Artikel 1 Taken\n1. Eén.\n2. Twee.\n3. Drie, zie het tweede lid.\n");
        let new = parse("Artikel 1 Taken\n1. Eén.\n3. Drie, zie het vijfde lid.\n");
        let d = defects(&old, &new);
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.iter().all(|c| *c == "B001"), "{d:#?}");
        assert!(d.iter().any(|d| d.message.contains("(S003)")), "{d:#?}");
        assert!(d.iter().any(|d| d.message.contains("(R001)")), "{d:#?}");
        assert!(
            d.iter().all(|d| d.file == "nieuw.gr" && d.line == 3),
            "{d:#?}"
        );
        // What the old text already had is not the besluit's doing.
        assert!(defects(&new, &new).is_empty());
    }

    #[test]
    fn the_two_checks_find_what_every_check_finds_of_these_codes() {
        fn gr_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    gr_files(&p, out);
                } else if p.extension().is_some_and(|x| x == "gr") {
                    out.push(p);
                }
            }
        }
        let mut texts = Vec::new();
        for dir in [
            "regelingen",
            "tests/fixtures/besluit",
            "tests/fixtures/check",
        ] {
            gr_files(std::path::Path::new(dir), &mut texts);
        }
        texts.sort();
        assert!(texts.len() >= 2, "{texts:?}");
        let (mut findings, mut dangling) = (0, 0);
        for path in texts {
            let r = parse(&std::fs::read_to_string(&path).unwrap());
            let every: Vec<Diagnostic> = crate::check::check(&r)
                .into_iter()
                .filter(|d| ENACTED.contains(&d.code.as_str()))
                .collect();
            findings += every.len();
            let numbering = crate::check::numbering::check(&r);
            // The R001 findings read from the resolutions the diff keeps are the
            // references check's own, in its order.
            use crate::check::references::{check, missing, resolve};
            let missing = missing(&r, &resolve(&r));
            let r001: Vec<Diagnostic> =
                check(&r).into_iter().filter(|d| d.code == "R001").collect();
            assert_eq!(missing, r001, "{}", path.display());
            dangling += r001.len();
            assert_eq!(relevant(&numbering, &missing), every, "{}", path.display());
        }
        // The texts hold findings of these codes, so the comparison says something.
        assert!(findings > 0 && dangling > 0, "{findings} {dangling}");
    }
}
