//! `out/index.html`: what `grc build` produced, one entry per regeling, with the check
//! summary so a reader sees at once which texts have findings.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// One regeling in the index.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub title: String,
    /// The source's file name: the built-in page does not show it (nothing of the
    /// repository on a published page); a griffie's own template may.
    pub file: String,
    /// The files produced for it, relative to `out/`, with a Dutch label.
    pub outputs: Vec<Output>,
    pub summary: String,
}

/// One compared pair in the index.
#[derive(Debug, Serialize)]
pub struct PairEntry {
    pub title: String,
    pub outputs: Vec<Output>,
    pub summary: String,
}

impl PairEntry {
    pub fn new(old: &Regeling, new: &Regeling, files: Vec<String>, summary: String) -> PairEntry {
        PairEntry {
            title: format!("{} → {}", old.display_title(), new.display_title()),
            outputs: outputs(files),
            summary,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Output {
    pub href: String,
    pub label: &'static str,
}

impl Entry {
    pub fn new(r: &Regeling, diags: &[Diagnostic], files: Vec<String>) -> Entry {
        Entry {
            title: r.display_title().to_string(),
            file: r.file.clone(),
            outputs: outputs(files),
            summary: crate::report::summary(diags),
        }
    }
}

/// The files with their labels.
fn outputs(files: Vec<String>) -> Vec<Output> {
    files
        .into_iter()
        .map(|href| Output {
            label: label(&href),
            href,
        })
        .collect()
}

/// What a file is, by its name (the names are fixed by `grc build`).
fn label(name: &str) -> &'static str {
    if name.ends_with(".wijzigingstabel.html") {
        "wijzigingstabel (HTML)"
    } else if name.ends_with(".wijzigingstabel.md") {
        "wijzigingstabel (Markdown)"
    } else if name.ends_with(".renvooi.html") {
        "renvooi (HTML)"
    } else if name.ends_with(".renvooi.md") {
        "renvooi (Markdown)"
    } else if name.ends_with(".wijzigingsbesluit.txt") {
        "wijzigingsbesluit (tekst, leesbaar voor grc apply)"
    } else if name.ends_with(".wijzigingsbesluit.html") {
        "wijzigingsbesluit (HTML)"
    } else if name.ends_with(".wijzigingsbesluit.md") {
        "wijzigingsbesluit (Markdown)"
    } else if name.ends_with(".wijzigingstabel.docx") {
        "wijzigingstabel (Word)"
    } else if name.ends_with(".renvooi.docx") {
        "renvooi (Word, met bijgehouden wijzigingen)"
    } else if name.ends_with(".wijzigingsbesluit.docx") {
        "wijzigingsbesluit (Word)"
    } else if name.ends_with(".docx") {
        "tekst (Word)"
    } else if name.ends_with(".diff.json") {
        "wijzigingen (JSON)"
    } else if name.ends_with(".stemmen.html") {
        "stemverhouding (HTML)"
    } else if name.ends_with(".stemmen.md") {
        "stemverhouding (Markdown)"
    } else if name.ends_with(".tree.json") {
        "boom (JSON)"
    } else if name.ends_with(".check.html") {
        "controle (HTML)"
    } else if name.ends_with(".check.json") {
        "controle (JSON)"
    } else if name.ends_with(".html") {
        "tekst (HTML)"
    } else if name.ends_with(".md") {
        "tekst (Markdown)"
    } else {
        "bestand"
    }
}

#[derive(Serialize)]
struct View<'a> {
    entries: &'a [Entry],
    pairs: &'a [PairEntry],
}

pub fn html(
    env: &minijinja::Environment<'_>,
    entries: &[Entry],
    pairs: &[PairEntry],
) -> Result<String, String> {
    super::render(env, "index.html", View { entries, pairs })
}
