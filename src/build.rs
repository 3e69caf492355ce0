//! What `grc build` writes, planned without I/O: the files of one regeling, the files of
//! one compared pair, and the index and the manifest over all of them. The CLI reads the
//! inputs, calls these, and writes the result as one folder that replaces the previous
//! one (`src/cli/io.rs`, `replace_dir`).
//!
//! Every name in what is written is relative to the build's folder (`sora-2022.gr`, never
//! the path the build was started with), so building `regelingen`, `./regelingen/` or
//! its absolute path gives the same bytes, and no page shows a local path.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::diff::toelichting::Toelichting;
use crate::render::index::{Entry, PairEntry};
use crate::stemmen::Stemverhouding;
use crate::tree::{Regeling, Span};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = "manifest.json";

/// A file to write: its name relative to the output folder, and its bytes.
pub type File = (String, Vec<u8>);

/// Why a build stops: a template that fails (a usage problem, exit 2), or a pair no
/// wijzigingsbesluit can be written for (a problem of the documents, exit 1).
#[derive(Debug)]
pub enum Stop {
    Template(String),
    Besluit(String),
}

/// The files of one regeling (`<stem>.html`, `.md`, `.stemmen.*` when there is a
/// stemverhouding, `.tree.json`, `.check.json`) and its entry in the index.
pub fn regeling(
    env: &minijinja::Environment<'_>,
    stem: &str,
    r: &Regeling,
    diags: &[Diagnostic],
    stemverhouding: Option<&Stemverhouding>,
) -> Result<(Vec<File>, Entry), String> {
    let html = crate::render::regeling::html(env, r)?;
    let md = crate::render::regeling::markdown(env, r)?;
    let mut files = vec![
        (format!("{stem}.html"), html.into_bytes()),
        (format!("{stem}.md"), md.into_bytes()),
    ];
    if let Some(s) = stemverhouding {
        for format in ["html", "md"] {
            let text = crate::render::stemmen::one(env, s, format)?;
            files.push((format!("{stem}.stemmen.{format}"), text.into_bytes()));
        }
    }
    let tree = serde_json::to_string_pretty(r).unwrap_or_default() + "\n";
    files.push((format!("{stem}.tree.json"), tree.into_bytes()));
    files.push((
        format!("{stem}.check.json"),
        crate::report::json(diags).into_bytes(),
    ));
    let entry = Entry::new(r, diags, files.iter().map(|(n, _)| n.clone()).collect());
    Ok((files, entry))
}

/// One old/new pair of `wijzigingen.toml`, with its toelichting (file name and text).
pub struct Pair<'a> {
    pub name: &'a str,
    pub old: &'a Regeling,
    pub new: &'a Regeling,
    pub toelichting: Option<(&'a str, &'a Toelichting)>,
}

/// The files of a pair (wijzigingstabel, renvooi, wijzigingsbesluit, diff), its entry in
/// the index, and the toelichting's warnings.
pub fn pair(
    env: &minijinja::Environment<'_>,
    pair: &Pair<'_>,
) -> Result<(Vec<File>, PairEntry, Vec<Diagnostic>), Stop> {
    let (old, new) = (pair.old, pair.new);
    let options = crate::diff::Options::default();
    let cmp = crate::diff::compare(old, new, &options);
    let rows = crate::render::wijzigingen::rows(&cmp, pair.toelichting.map(|t| t.1));
    let mut warnings = match pair.toelichting {
        Some((file, t)) => toelichting_warnings(file, t, &rows, &cmp, old, new),
        None => Vec::new(),
    };
    let besluit = crate::besluit::generate::generate(old, new, &options)
        .map_err(|e| Stop::Besluit(format!("{}: {e}", pair.name)))?;
    warnings.extend(besluit.warnings.iter().cloned());
    let n = pair.name;
    let mut files = Vec::new();
    for (what, to) in [
        ("wijzigingstabel", "html"),
        ("wijzigingstabel", "md"),
        ("renvooi", "html"),
        ("renvooi", "md"),
        ("wijzigingsbesluit", "txt"),
        ("wijzigingsbesluit", "html"),
        ("wijzigingsbesluit", "md"),
    ] {
        let text = match what {
            "wijzigingstabel" => crate::render::wijzigingen::tabel(env, old, new, &rows, to),
            "renvooi" => crate::render::wijzigingen::renvooi(env, old, new, &cmp, to),
            _ => crate::besluit::render(env, &besluit, to),
        };
        files.push((
            format!("{n}.{what}.{to}"),
            text.map_err(Stop::Template)?.into_bytes(),
        ));
    }
    files.push((
        format!("{n}.diff.json"),
        (serde_json::to_string_pretty(&cmp).unwrap_or_default() + "\n").into_bytes(),
    ));
    let summary = format!(
        "{} rijen in de wijzigingstabel, {} opdrachten in het wijzigingsbesluit, {} verwijzingen om te herlezen.",
        rows.len(),
        besluit.instruction_count(),
        cmp.stale_references.len()
    );
    let entry = PairEntry::new(
        old,
        new,
        files.iter().map(|(n, _)| n.clone()).collect(),
        summary,
    );
    Ok((files, entry, warnings))
}

/// D001/D002 for a wijzigingstabel; D001 points at the element in the new version (or,
/// when it was repealed, in the old one).
pub fn toelichting_warnings(
    file: &str,
    t: &Toelichting,
    rows: &[crate::render::wijzigingen::Row],
    cmp: &crate::diff::Comparison,
    old: &Regeling,
    new: &Regeling,
) -> Vec<Diagnostic> {
    // eIds repeat between versions (a repealed lid's eId is a new lid's): one map each.
    let spans_of = |r: &Regeling| {
        let mut spans: std::collections::HashMap<String, (String, Span)> = Default::default();
        crate::tree::walk::walk(r, &mut |_, node| {
            spans.insert(node.eid().to_string(), (r.file.clone(), node.span()));
        });
        if let Some(t) = &r.title {
            spans.insert("title".into(), (r.file.clone(), t.span));
        }
        spans
    };
    let (old_spans, new_spans) = (spans_of(old), spans_of(new));
    let changed: Vec<crate::diff::toelichting::Changed<'_>> = rows
        .iter()
        .map(|r| crate::diff::toelichting::Changed {
            eid: &r.eid,
            label: &r.label,
            kind: r.kind,
            at: if r.new_id.is_some() {
                new_spans.get(&r.eid).cloned()
            } else {
                old_spans.get(&r.eid).cloned()
            },
        })
        .collect();
    let known = |k: &str| {
        cmp.changes
            .iter()
            .any(|c| c.new.as_deref() == Some(k) || c.old.as_deref() == Some(k))
    };
    crate::diff::toelichting::check(t, file, &changed, &known)
}

/// The whole build: the files of every regeling and pair, then `index.html` and the
/// manifest (which lists every other file).
pub fn finish(
    env: &minijinja::Environment<'_>,
    mut files: Vec<File>,
    entries: &[Entry],
    pairs: &[PairEntry],
) -> Result<Vec<File>, String> {
    let index = crate::render::index::html(env, entries, pairs)?;
    files.push(("index.html".into(), index.into_bytes()));
    let manifest = manifest(&files);
    files.push((MANIFEST.into(), manifest.into_bytes()));
    Ok(files)
}

#[derive(Serialize)]
struct Manifest<'a> {
    generator: String,
    files: Vec<ManifestFile<'a>>,
}

#[derive(Serialize)]
struct ManifestFile<'a> {
    path: &'a str,
    bytes: usize,
}

/// `manifest.json`: the program that wrote the build and every file in it (path relative
/// to the folder, size in bytes), sorted by path.
pub fn manifest(files: &[File]) -> String {
    let mut listed: Vec<ManifestFile<'_>> = files
        .iter()
        .map(|(path, bytes)| ManifestFile {
            path,
            bytes: bytes.len(),
        })
        .collect();
    listed.sort_by(|a, b| a.path.cmp(b.path));
    let m = Manifest {
        generator: format!("grc {}", env!("CARGO_PKG_VERSION")),
        files: listed,
    };
    serde_json::to_string_pretty(&m).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_manifest_lists_every_file_sorted_with_its_size() {
        let m = super::manifest(&[
            ("b.html".into(), b"<p>".to_vec()),
            ("a.md".into(), b"tekst".to_vec()),
        ]);
        let v: serde_json::Value = serde_json::from_str(&m).unwrap();
        assert_eq!(v["files"][0]["path"], "a.md");
        assert_eq!(v["files"][0]["bytes"], 5);
        assert_eq!(v["files"][1]["path"], "b.html");
        assert!(v["generator"].as_str().unwrap().starts_with("grc "));
    }
}
