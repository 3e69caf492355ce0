//! Every input the fuzzer (`fuzz/`, see README) found a bug with, run through the same
//! stages and assertions as its fuzz target. The inputs are in `tests/fixtures/fuzz/`,
//! one folder per target: `check` (decode, parse, every check, every report and
//! renderer), `roundtrip` (two versions split at a `=====` line: the besluit between
//! them, in either form, round-trips or is refused, never "interne fout"), `apply` (any text as a besluit
//! on WNK 2015).

use std::path::{Path, PathBuf};

use grc::besluit::generate::{Vorm, generate_as};
use grc::diagnostic::Severity;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Lines as grc counts them: a line feed, or a carriage return on its own.
fn line_count(text: &str) -> u32 {
    text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32
}

#[test]
fn check_findings_stay_fixed() {
    let env = grc::render::environment();
    for path in inputs("check") {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let (text, decode_diag) = grc::source::decode("fuzz.gr", &bytes);
        let (tree, mut diags) = grc::source::parse("fuzz.gr", &text);
        diags.extend(decode_diag);
        diags.extend(grc::check::check(&tree));
        let lines = line_count(&text);
        for d in &diags {
            assert!(
                (1..=lines).contains(&d.line) && d.column >= 1,
                "{name}: {d:?} outside {lines} lines"
            );
            assert!(
                d.start <= d.end && d.end as usize <= text.len(),
                "{name}: {d:?} outside {} bytes",
                text.len()
            );
        }
        let mut sources = grc::report::Sources::default();
        sources.add("fuzz.gr", &text);
        let _ = grc::report::human(&diags, &sources, true);
        let _ = grc::report::json(&diags);
        let written = grc::source::write(&tree);
        let _ = grc::source::parse("fuzz.gr", &written);
        let _ = grc::render::regeling::html(&env, &tree, &grc::check::links::of(&tree));
        let _ = grc::render::regeling::markdown(&env, &tree, &grc::check::links::of(&tree));
    }
}

#[test]
fn roundtrip_findings_stay_fixed() {
    roundtrip("roundtrip");
}

fn roundtrip(dir: &str) {
    let env = grc::render::environment();
    let options = grc::diff::Options::default();
    for path in inputs(dir) {
        let name = path.display().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        // The target's split: at a line `=====`, else the first half of the lines
        // against the whole.
        let (a, b) = match text.split_once("\n=====\n") {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                (lines[..lines.len() / 2].concat(), text.clone())
            }
        };
        let (old, d1) = grc::source::parse("oud.gr", &a);
        let (new, d2) = grc::source::parse("nieuw.gr", &b);
        let _ = grc::diff::compare(&old, &new, &options);
        let errors =
            |d: &[grc::diagnostic::Diagnostic]| d.iter().any(|d| d.severity == Severity::Error);
        if errors(&d1) || errors(&d2) {
            continue;
        }
        // Both forms: the instructions per article, and the full text that Auto writes
        // whenever Ar 6.7 asks it (also where the other form is refused).
        for vorm in [Vorm::Wijziging, Vorm::Integraal] {
            let besluit = match generate_as(&old, &new, &options, vorm) {
                Ok(b) => b,
                Err(e) => {
                    assert!(!e.is_internal(), "{name} ({vorm:?}): {e}");
                    continue;
                }
            };
            let txt = grc::besluit::render(&env, &besluit, "txt").unwrap();
            let (read, diags) = grc::besluit::text::read("besluit.txt", &txt);
            assert!(diags.is_empty(), "{name} ({vorm:?}): {diags:?}");
            let applied = grc::besluit::apply::apply(&old, &read, "besluit.txt")
                .unwrap_or_else(|d| panic!("{name} ({vorm:?}): {d:?}"));
            assert_eq!(
                grc::source::write(&applied),
                grc::source::write(&new),
                "{name} ({vorm:?})"
            );
        }
    }
}

#[test]
fn apply_findings_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("regelingen/wnk-2015.gr")).unwrap();
    let (wnk, _) = grc::source::parse("wnk-2015.gr", &text);
    for path in inputs("apply") {
        let besluit = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let (read, diags) = grc::besluit::text::read("besluit.txt", &besluit);
        if !diags.is_empty() {
            continue;
        }
        if let Ok(r) = grc::besluit::apply::apply(&wnk, &read, "besluit.txt") {
            let _ = grc::source::parse("nieuw.gr", &grc::source::write(&r));
        }
    }
}
