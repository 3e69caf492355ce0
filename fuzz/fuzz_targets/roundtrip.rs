//! Two regelingen from one input (split at a line `=====`, else the first half of the
//! lines against the whole): the wijzigingsbesluit between them, in either form, rendered as text, read
//! back and applied to the old one gives the new one exactly, or it is refused with a
//! reason (never an "interne fout").
#![no_main]

use grc::besluit::generate::{Vorm, generate_as};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn env() -> &'static minijinja::Environment<'static> {
    static ENV: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENV.get_or_init(grc::render::environment)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = match text.split_once("\n=====\n") {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            (lines[..lines.len() / 2].concat(), text.to_string())
        }
    };
    let (old, d1) = grc::source::parse("oud.gr", &a);
    let (new, d2) = grc::source::parse("nieuw.gr", &b);
    let error = |d: &[grc::diagnostic::Diagnostic]| {
        d.iter()
            .any(|d| d.severity == grc::diagnostic::Severity::Error)
    };
    let options = grc::diff::Options::default();
    let _ = serde_json::to_string(&grc::diff::compare(&old, &new, &options)).unwrap();
    // `grc diff` writes a besluit only between versions that parse.
    if error(&d1) || error(&d2) {
        return;
    }
    // Both forms: the instructions per article, and the full text that Auto writes
    // whenever Ar 6.7 asks it (also where the other form is refused).
    for vorm in [Vorm::Wijziging, Vorm::Integraal] {
        let besluit = match generate_as(&old, &new, &options, vorm) {
            Ok(b) => b,
            Err(e) => {
                assert!(!e.is_internal(), "{vorm:?}: {e}");
                continue;
            }
        };
        let txt = grc::besluit::render(env(), &besluit, "txt").unwrap();
        let _ = grc::besluit::render(env(), &besluit, "md").unwrap();
        let (read, diags) = grc::besluit::text::read("besluit.txt", &txt);
        assert!(diags.is_empty(), "{diags:?}\n{txt}");
        let applied = grc::besluit::apply::apply(&old, &read, "besluit.txt")
            .unwrap_or_else(|d| panic!("{d:?}\n{txt}"));
        assert_eq!(grc::source::write(&applied), grc::source::write(&new));
    }
});
