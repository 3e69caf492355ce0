//! The checks of `grc check` on fixtures that trigger each diagnostic and fixtures that
//! must stay silent, and on the two real regelingen, whose findings are reviewed
//! snapshots (see the closing note of the checks issue for the verdict on each).

mod common;

use std::path::Path;

use common::{expected, found, human, load, load_with, relative, snapshots};
use grc::check::references::{Target, resolve};
use grc::tree::reference::RefKind;

const SPELLING: grc::check::Options = grc::check::Options { spelling: true };

#[test]
fn each_check_fixture_gets_exactly_its_expected_diagnostics() {
    snapshots().bind(|| {
        insta::glob!("fixtures/check/*.gr", |path| {
            // With the spelling check, as `grc check --spelling`: the fixtures' words are
            // right, and the spelling fixture's wrong words are its expected L006.
            let (_, diags, text) = load_with(path, SPELLING);
            assert_eq!(found(&diags), expected(path), "{}", relative(path));
            insta::assert_snapshot!(human(&diags, &relative(path), &text));
        });
    });
}

#[test]
fn every_reference_term_and_proofreading_code_has_a_fixture_that_triggers_it() {
    let mut seen = std::collections::BTreeSet::new();
    for e in std::fs::read_dir("tests/fixtures/check").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "gr") {
            seen.extend(expected(&p).into_iter().map(|(c, _)| c));
        }
    }
    for (code, _, _) in grc::diagnostic::CODES {
        if code.starts_with('R') || code.starts_with('T') || code.starts_with('L') {
            assert!(seen.contains(*code), "no fixture triggers {code}");
        }
    }
}

#[test]
fn real_regelingen_findings() {
    for file in ["regelingen/sora-2022.gr", "regelingen/wnk-2015.gr"] {
        let (r, diags, text) = load_with(Path::new(file), SPELLING);
        let name = Path::new(file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        snapshots().bind(|| {
            insta::assert_snapshot!(format!("check_{name}"), human(&diags, file, &text));
            let env = grc::render::environment();
            let listing = grc::render::refs::listing(&env, &resolve(&r)).unwrap();
            insta::assert_snapshot!(format!("refs_{name}"), listing);
        });
    }
}

#[test]
fn sora_2022_has_the_defects_of_the_hand_made_redline() {
    let (_, diags, _) = load(Path::new("regelingen/sora-2022.gr"));
    let has = |code: &str, line: u32| diags.iter().any(|d| d.code == code && d.line == line);
    // Artikel 4, zevende lid cites "de leden 5, 6, 7 en 9" of an article with 8 leden,
    // and so cites itself (7).
    assert!(has("R001", 89) && has("R002", 89));
    // "Artikel 7, lid 4, vierde lid".
    assert!(has("R004", 168));
    // Onderdelen f and h of artikel 16, first lid, deleted without relettering.
    assert!(diags.iter().filter(|d| d.code == "S003").count() >= 3);
    // The definition "Uitvoeringsorganisatie" outlived its only use.
    assert!(
        diags
            .iter()
            .any(|d| d.code == "T001" && d.message.contains("Uitvoeringsorganisatie"))
    );
    // Exactly one error: the missing lid.
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == grc::diagnostic::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

#[test]
fn external_references_are_never_resolved_against_the_regeling() {
    for file in ["regelingen/sora-2022.gr", "regelingen/wnk-2015.gr"] {
        let (r, _, _) = load(Path::new(file));
        for res in resolve(&r) {
            if res.kind == RefKind::External {
                assert!(
                    res.targets
                        .iter()
                        .all(|t| matches!(t, Target::External { .. })),
                    "{res:?}"
                );
            }
        }
    }
    // SORA has an artikel 23, yet "artikel 23 Wgr" and "artikel 23 van de wet" are the Wgr's.
    let (r, _, _) = load(Path::new("regelingen/sora-2022.gr"));
    let wgr_23 = resolve(&r)
        .into_iter()
        .filter(|res| {
            res.text.eq_ignore_ascii_case("artikel 23") && res.act.as_deref() == Some("Wgr")
        })
        .count();
    assert_eq!(wgr_23, 2);
}

#[test]
fn reference_findings_carry_their_target_in_json() {
    let (_, diags, _) = load(Path::new("tests/fixtures/check/verwijzingen-fout.gr"));
    let json: serde_json::Value = serde_json::from_str(&grc::report::json(&diags)).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        if code.starts_with('R') {
            assert!(d["target"].is_string(), "{d}");
        }
    }
    let r001 = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "R001" && d["line"] == 16)
        .unwrap();
    assert_eq!(r001["target"], "artikel 3, zesde lid");
    assert!(
        r001["message"]
            .as_str()
            .unwrap()
            .contains("artikel 3 heeft 5 leden")
    );
}
