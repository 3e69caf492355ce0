//! `grc fix` and `grc renumber` as library functions: what they change, and that every
//! reference still names the same provision afterwards.

mod common;

use std::path::Path;

use common::{load, snapshots};
use grc::check::references::{Target, resolve};
use grc::diagnostic::has_errors;
use grc::edit::{apply, fixes_of, renumber::renumber};
use grc::synth::Rng;
use grc::tree::Regeling;
use grc::tree::walk::walk;

fn parse(text: &str) -> Regeling {
    let (r, diags) = grc::source::parse("t.gr", text);
    assert!(!has_errors(&diags), "{diags:#?}\n{text}");
    r
}

/// For every reference, the source line of each node it resolves to (None if not found).
fn target_lines(r: &Regeling) -> Vec<Vec<Option<u32>>> {
    let mut lines = rustc_hash::FxHashMap::default();
    walk(r, &mut |_, node| {
        lines.insert(node.eid().to_string(), node.span().line);
    });
    resolve(r)
        .iter()
        .map(|res| {
            res.targets
                .iter()
                .map(|t| match t {
                    Target::Found { eid, .. } => Some(lines[eid]),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Renumbering keeps lines in place, so a reference that named the node on line N must
/// name the node on line N afterwards.
fn assert_renumbering_keeps_targets(text: &str, articles: bool) -> String {
    let before = parse(text);
    let plan = renumber(&before, text, articles);
    let (new, skipped) = apply(text, &plan.edits);
    assert_eq!(skipped, 0, "overlapping renumbering edits");
    let after = parse(&new);
    let (a, b) = (target_lines(&before), target_lines(&after));
    assert_eq!(a.len(), b.len(), "the number of references changed");
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        // Every node found before is found after. (A range over a gap, "tweede tot en met
        // vierde lid" without a third, names one number fewer afterwards.)
        for t in x.iter().flatten() {
            assert!(
                y.contains(&Some(*t)),
                "reference {i} no longer names line {t} ({x:?} → {y:?}):\n{new}"
            );
        }
        assert!(
            y.iter().flatten().count() <= x.len(),
            "reference {i} names more than before"
        );
    }
    // No gaps left in plain sequences: S003 / S005 are gone.
    let left: Vec<_> = grc::check::check(&after)
        .into_iter()
        .filter(|d| d.code == "S003" || d.code == "S005")
        .collect();
    if !left.is_empty() && plan.skipped.is_empty() {
        std::fs::write(std::env::temp_dir().join("grc-renumber-failure.gr"), &new).unwrap();
    }
    assert!(left.is_empty() || !plan.skipped.is_empty(), "{left:#?}");
    new
}

#[test]
fn renumber_closes_gaps_and_rewrites_references() {
    let text = std::fs::read_to_string("tests/fixtures/edit/hernummeren.gr").unwrap();
    let leden = assert_renumbering_keeps_targets(&text, false);
    // The references of the fixture, one by one (see the file).
    assert!(
        leden.contains(
            "2. Het bepaalde in het tweede lid, onder c, geldt ook voor artikel 3, lid 3."
        )
    );
    assert!(leden.contains("bedoeld in artikel 1, eerste lid, onder c, en in het tweede lid."));
    assert!(leden.contains("2. De taken, bedoeld in het eerste lid, zijn:"));
    assert!(leden.contains("      2° personeel."));
    assert!(leden.contains("   c. het toezicht op wat onder b, 2°, is genoemd."));
    assert!(leden.contains("3. Zie de leden 1 en 2 en artikel 2a."));
    assert!(
        leden
            .contains("naar artikel 2, derde lid, en naar artikel 3, tweede tot en met derde lid.")
    );
    // An external reference and an unchanged ordinal stay as they are.
    assert!(leden.contains("zie het 2de lid en artikel 28 van de Wgr."));
    let all = assert_renumbering_keeps_targets(&text, true);
    assert!(all.contains("Artikel 3 Ingevoegd") && all.contains("Artikel 4 Slot"));
    assert!(all.contains("3. Zie de leden 1 en 2 en artikel 3."));
    assert!(all.contains("artikel 2, derde lid, en naar artikel 4, tweede tot en met derde lid."));
    snapshots().bind(|| {
        insta::assert_snapshot!(
            "renumber_fixture",
            grc::edit::unified_diff("hernummeren.gr", &text, &leden)
        );
    });
}

#[test]
fn renumber_sora_closes_the_gaps_the_amendment_left() {
    let text = std::fs::read_to_string("regelingen/sora-2022.gr").unwrap();
    let r = parse(&text);
    let plan = renumber(&r, &text, false);
    let changed: Vec<String> = plan
        .changes
        .iter()
        .map(|c| format!("{} → {}", c.old, c.new))
        .collect();
    assert_eq!(
        changed,
        [
            "onderdeel g → onderdeel f",
            "onderdeel i → onderdeel g",
            "lid 4 → lid 1",
            "lid 5 → lid 2",
            "lid 7 → lid 3",
            "lid 8 → lid 4",
            "lid 9 → lid 5",
            "lid 10 → lid 6",
            "lid 11 → lid 7"
        ]
    );
    assert_renumbering_keeps_targets(&text, false);
    assert_renumbering_keeps_targets(&text, true);
}

/// Random deletions of leden and onderdelen from the real texts (which leaves gaps, as
/// a hasty amendment does), then renumbering: every reference that found its target
/// before finds the same line after.
#[test]
fn renumbering_random_gaps_in_real_texts_keeps_every_reference() {
    for file in ["regelingen/sora-2022.gr", "regelingen/wnk-2015.gr"] {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let numbered: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| is_marker_line(l))
            .map(|(i, _)| i)
            .collect();
        let mut rng = Rng::new(0x5eed);
        let mut ran = 0;
        for round in 0..40 {
            let mut drop = std::collections::HashSet::new();
            for _ in 0..1 + rng.below(12) {
                drop.insert(numbered[rng.below(numbered.len())]);
            }
            let mutated: String = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, l)| format!("{l}\n"))
                .collect();
            let (r, diags) = grc::source::parse("t.gr", &mutated);
            if has_errors(&diags) || r.body.is_empty() {
                continue;
            }
            assert_renumbering_keeps_targets(&mutated, round % 4 == 0);
            ran += 1;
        }
        assert!(
            ran >= 30,
            "{file}: only {ran} of 40 mutations parsed; the test proves little"
        );
    }
}

/// `3. ...` or `   b. ...`: a lid or onderdeel whose whole line can go.
fn is_marker_line(l: &str) -> bool {
    let t = l.trim_start();
    let head: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    !head.is_empty() && head.len() <= 2 && t[head.len()..].starts_with(". ")
}

#[test]
fn fixes_put_sora_citations_in_the_form_of_ar_3_29_and_keep_their_targets() {
    let path = Path::new("regelingen/sora-2022.gr");
    let (r, diags, text) = load(path);
    let fixes = fixes_of(&diags, &r.file);
    // One fix per R005 finding, per "het vorige lid" (L003: its number) and per doubled
    // word (L001: "van van"); no other finding carries one.
    let count = |code: &str| {
        diags
            .iter()
            .filter(|d| d.code == code && d.fix.is_some())
            .count()
    };
    assert_eq!((count("R005"), count("L003"), count("L001")), (9, 4, 1));
    assert_eq!(fixes.len(), 14);
    let (fixed, skipped) = apply(&text, &fixes);
    assert_eq!(skipped, 0);
    let after = parse(&fixed);
    assert_eq!(
        target_lines(&r),
        target_lines(&after),
        "a fix moved a reference's target"
    );
    let left: Vec<_> = grc::check::check(&after)
        .into_iter()
        .filter(|d| matches!(d.code.as_str(), "R005" | "R004" | "L001" | "L003"))
        .collect();
    assert!(left.is_empty(), "fixing once fixes everything: {left:#?}");
    // Idempotent: a second run changes nothing.
    let again = fixes_of(&grc::check::check(&after), "t.gr");
    assert!(again.is_empty());
    snapshots().bind(|| {
        insta::assert_snapshot!(
            "fix_sora",
            grc::edit::unified_diff("sora-2022.gr", &text, &fixed)
        );
    });
}
