//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::Path;

use grc::diagnostic::Diagnostic;
use grc::tree::Regeling;

/// insta settings that put every snapshot in the top-level `snapshots/` folder.
pub fn snapshots() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(true);
    s
}

/// Reads, decodes and parses a file the way the CLI does; returns the tree, all
/// diagnostics (parser and checks) and the decoded text.
pub fn load(path: &Path) -> (Regeling, Vec<Diagnostic>, String) {
    let name = relative(path);
    let bytes = std::fs::read(path).unwrap();
    let (text, problem) = grc::source::decode(&name, &bytes);
    let (regeling, mut diags) = grc::source::parse(&name, &text);
    diags.extend(problem);
    diags.extend(grc::check::check(&regeling));
    grc::diagnostic::sort(&mut diags);
    (regeling, diags, text)
}

/// A path relative to the crate root, with forward slashes (stable in snapshots).
pub fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The expected diagnostics written next to a fixture: `<file>.verwacht`, one
/// `CODE LINE` per line, `#` for comments.
pub fn expected(path: &Path) -> Vec<(String, u32)> {
    let sidecar = format!("{}.verwacht", path.display());
    let text = std::fs::read_to_string(&sidecar)
        .unwrap_or_else(|_| panic!("{sidecar} is missing: write the expected diagnostics"));
    let mut out: Vec<(String, u32)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (code, line) = l.split_once(' ').expect("`CODE LINE`");
            (
                code.to_string(),
                line.trim().parse().expect("a line number"),
            )
        })
        .collect();
    out.sort();
    out
}

/// The (code, line) pairs of diagnostics, sorted.
pub fn found(diags: &[Diagnostic]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = diags.iter().map(|d| (d.code.clone(), d.line)).collect();
    out.sort();
    out
}

/// The human report, without colour.
pub fn human(diags: &[Diagnostic], file: &str, text: &str) -> String {
    let mut sources = grc::report::Sources::default();
    sources.add(file, text);
    grc::report::human(diags, &sources, false)
}
