//! What `grc build` writes, planned without I/O: the files of one regeling, the files of
//! one compared pair, and the index and the manifest over all of them. The CLI reads the
//! inputs, calls these, and writes each file as it is made into a fresh folder that
//! replaces the previous one when the build is complete (`src/cli/outdir.rs`).
//!
//! Every name in what is written is relative to the build's folder (`sora-2022.gr`, never
//! the path the build was started with), so building `regelingen`, `./regelingen/` or
//! its absolute path gives the same bytes, and no page shows a local path.

use serde::Serialize;

mod cores;
use cores::{in_order, on_cores};

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

/// The files of one regeling (`<stem>.html`, `.md`, `.docx`, `.stemmen.*` when there is a
/// stemverhouding, `.check.html`, `.tree.json`, `.check.json`) and its entry in the index.
pub fn regeling(
    env: &minijinja::Environment<'_>,
    stem: &str,
    r: &Regeling,
    diags: &[Diagnostic],
    stemverhouding: Option<&Stemverhouding>,
) -> Result<(Vec<File>, Entry), String> {
    use crate::render::{docx, regeling};
    // One view for the three pages (it was made once for each of them; issue 17).
    let view = regeling::view(r, &crate::check::links::of(r));
    // Converted for the templates once too: the conversion and its drop cost as much
    // as a page's own rendering (issue 17).
    let title = view.title.clone();
    // The DOCX's link targets from the Rust view, which costs less to walk than the
    // converted one (issue 17).
    let targets = docx::Targets::of(&view)?;
    let view = &crate::render::to_value(view);
    let title = &title;
    // Independent outputs on the machine's cores, taken in this order (see `parallel`).
    let [html, md, docx, tree]: [Result<Vec<u8>, String>; 4] = parallel(vec![
        Box::new(|| regeling::html_of(env, view).map(String::into_bytes)),
        Box::new(|| regeling::markdown_of(env, view).map(String::into_bytes)),
        Box::new(move || docx::regeling_of(env, title, view, targets)),
        Box::new(|| Ok(compact_json(&crate::schema::Versioned::new(r)))),
    ])
    .try_into()
    .unwrap_or_else(|_| unreachable!("four jobs, four results"));
    let mut files = vec![
        (format!("{stem}.html"), html?),
        (format!("{stem}.md"), md?),
        (format!("{stem}.docx"), docx?),
    ];
    if let Some(s) = stemverhouding {
        for format in ["html", "md"] {
            let text = crate::render::stemmen::beside(env, s, format, &format!("{stem}.html"))?;
            files.push((format!("{stem}.stemmen.{format}"), text.into_bytes()));
        }
    }
    files.push((
        format!("{stem}.check.html"),
        crate::render::check::html(env, r, diags, &format!("{stem}.html"))?.into_bytes(),
    ));
    files.push((format!("{stem}.tree.json"), tree?));
    files.push((
        format!("{stem}.check.json"),
        crate::report::json(diags).into_bytes(),
    ));
    let entry = Entry::new(r, diags, files.iter().map(|(n, _)| n.clone()).collect());
    Ok((files, entry))
}

/// A machine-read file of the build (`.tree.json`, `.diff.json`) as one line of JSON and a
/// newline, written straight into its buffer. Pretty-printed, the tree was 7 times its
/// `.gr` source (indentation is most of it) and the slowest and largest file of a big
/// build (issue 17); people read the pages, programs read these. The diff's bytes are
/// those of `grc diff --format json`, which was already compact.
fn compact_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// A piece of the build that can be made on a thread of its own.
type Job<'a, T> = Box<dyn FnOnce() -> T + Send + 'a>;

/// Runs the jobs on the machine's cores (as many at once as it has, each thread taking the
/// next job not yet started) and returns their results in the order of the jobs, whatever
/// order they finish in: the build's bytes do not depend on the threads. The pages of a
/// pair take seconds at 100 times the real pair, and a machine has more than one core
/// (issue 17). A thread for every job made them all at once on two cores: each job's
/// converted view and growing page were resident together, seven of them for a pair (the
/// peak of a 100x build; issue 17, eighth round: memory).
fn parallel<T: Send>(jobs: Vec<Job<'_, T>>) -> Vec<T> {
    on_cores(jobs, |job| job())
}

/// Parses the texts of a build (file name, text) on the machine's cores; the trees and
/// their findings come back in the order of the texts.
pub fn parse_all(texts: Vec<(&str, &str)>) -> Vec<(Regeling, Vec<Diagnostic>)> {
    on_cores(texts, |(name, text)| crate::source::parse(name, text))
}

/// The population data of a regeling whose metadata names it, as read by the caller:
/// the rows and the deelnemers, or the problems found in the data.
pub enum PopulationData {
    Rows(Vec<crate::stemmen::Population>, crate::stemmen::Deelnemers),
    Problems(Vec<Diagnostic>),
}

/// The stemverhouding of a regeling and its findings (no stemverhouding without
/// population data, or when the data has problems: they are the findings then).
pub fn voting(
    r: &Regeling,
    data: Option<PopulationData>,
) -> (Vec<Diagnostic>, Option<Stemverhouding>) {
    match data {
        None => (Vec::new(), None),
        Some(PopulationData::Problems(diags)) => (diags, None),
        Some(PopulationData::Rows(rows, deelnemers)) => {
            let s = crate::stemmen::compute(r, &rows, &deelnemers);
            (s.findings.clone(), Some(s))
        }
    }
}

/// A parsed regeling to check: the tree, the findings of reading and parsing it, and its
/// population data.
pub type ToCheck<'a> = (&'a Regeling, Vec<Diagnostic>, Option<PopulationData>);

/// Checks every regeling of a build, each on a core of its own when there are more (the
/// checks of a regeling do not depend on another's): its findings, sorted (those given,
/// the checks', the voting's), and its stemverhouding, in the order of the regelingen,
/// so the build's bytes and reports do not depend on the threads.
pub fn check_all(
    regelingen: Vec<ToCheck<'_>>,
    options: crate::check::Options,
) -> Vec<(Vec<Diagnostic>, Option<Stemverhouding>)> {
    on_cores(regelingen, |(r, mut diags, population)| {
        diags.extend(crate::check::check_with(r, options));
        let (voting_diags, stemverhouding) = voting(r, population);
        diags.extend(voting_diags);
        crate::diagnostic::sort(&mut diags);
        (diags, stemverhouding)
    })
}

/// One piece of a build's output: the files of a regeling (see [`regeling`]) or of a
/// compared pair (see [`pair`]).
pub enum Output<'a> {
    Regeling {
        stem: String,
        regeling: &'a Regeling,
        diags: &'a [Diagnostic],
        stemverhouding: Option<&'a Stemverhouding>,
    },
    Pair(Pair<'a>),
}

/// What an [`Output`] gave: what [`regeling`] or [`pair`] returns.
pub enum Built {
    Regeling(Result<(Vec<File>, Entry), String>),
    Pair(Result<(Vec<File>, PairEntry, Vec<Diagnostic>), Stop>),
}

/// Makes the outputs on the machine's cores and hands each to `take` (which writes its
/// files) in the order given, as soon as it and those before it are made; see `in_order`
/// for what happens when `take` fails. Made one after the other, one core idled for most
/// of a large build (issue 17). They are started in that order too: started first, the
/// pair (the longest piece) ran beside both regelingen and the peak of a 100x build rose
/// by a tenth (426 to 468 MB); in order it runs beside the end of the last one.
pub fn outputs<E>(
    env: &minijinja::Environment<'_>,
    outputs: Vec<Output<'_>>,
    take: impl FnMut(Built) -> Result<(), E>,
) -> Result<(), E> {
    let make = |o: Output<'_>| match o {
        Output::Regeling {
            stem,
            regeling: r,
            diags,
            stemverhouding,
        } => Built::Regeling(regeling(env, &stem, r, diags, stemverhouding)),
        Output::Pair(p) => Built::Pair(pair(env, &p)),
    };
    in_order(outputs, make, take)
}

/// What a job of a pair makes: the besluit (its instruction count and its four files:
/// text, HTML, Markdown, DOCX), or one page.
enum Made {
    Besluit(usize, Vec<Diagnostic>, [Result<Vec<u8>, String>; 4]),
    Page(Result<Vec<u8>, String>),
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
    // The outputs do not depend on each other: made on the cores (see `parallel`),
    // then taken in this order, so the files, and which error stops the build, are the
    // same as when they were made one after the other.
    let pages = [
        ("wijzigingstabel", "html"),
        ("wijzigingstabel", "md"),
        ("wijzigingstabel", "docx"),
        ("renvooi", "html"),
        ("renvooi", "md"),
        ("renvooi", "docx"),
    ];
    let (rows, cmp) = (&rows, &cmp);
    let mut jobs: Vec<Job<'_, Result<Made, String>>> = vec![Box::new(move || {
        // The same form `grc diff --format besluit` chooses by default (Ar 6.7: a changed
        // opschrift or aanhef, or most of the text, means the regeling is re-enacted).
        // On the same comparison as the tabel and the renvooi.
        let besluit = crate::besluit::generate::generate_with(
            old,
            new,
            cmp,
            crate::besluit::generate::Vorm::Auto,
        )
        .map_err(|e| e.to_string())?;
        let [txt, html, md] = ["txt", "html", "md"]
            .map(|to| crate::besluit::render(env, &besluit, to).map(String::into_bytes));
        let docx = crate::render::docx::besluit(env, &besluit);
        Ok(Made::Besluit(
            besluit.instruction_count(),
            besluit.warnings.clone(),
            [txt, html, md, docx],
        ))
    })];
    for (what, to) in pages {
        jobs.push(Box::new(move || {
            use crate::render::{docx, wijzigingen};
            Ok(Made::Page(match (what, to) {
                ("wijzigingstabel", "docx") => docx::tabel(env, old, new, rows),
                ("wijzigingstabel", _) => {
                    wijzigingen::tabel(env, old, new, rows, to).map(String::into_bytes)
                }
                (_, "docx") => docx::renvooi(env, old, new, cmp),
                _ => wijzigingen::renvooi(env, old, new, cmp, to).map(String::into_bytes),
            }))
        }));
    }
    // The bytes of `grc diff --format json`.
    jobs.push(Box::new(move || {
        Ok(Made::Page(Ok(compact_json(
            &crate::schema::Versioned::new(cmp),
        ))))
    }));
    let mut made = parallel(jobs).into_iter();
    let (instructions, besluit_texts) = match made.next() {
        Some(Ok(Made::Besluit(count, enacted, texts))) => {
            // Defects of the new text the besluit enacts (B001).
            warnings.extend(enacted);
            (count, texts)
        }
        Some(Err(e)) => return Err(Stop::Besluit(format!("{}: {e}", pair.name))),
        _ => unreachable!("the first job writes the besluit"),
    };
    let mut page = || match made.next() {
        Some(Ok(Made::Page(text))) => text.map_err(Stop::Template),
        _ => unreachable!("every other job writes a page"),
    };
    let n = pair.name;
    let mut files = Vec::new();
    for (what, to) in pages {
        files.push((format!("{n}.{what}.{to}"), page()?));
    }
    for (to, text) in ["txt", "html", "md", "docx"].into_iter().zip(besluit_texts) {
        let text = text.map_err(Stop::Template)?;
        files.push((format!("{n}.wijzigingsbesluit.{to}"), text));
    }
    files.push((format!("{n}.diff.json"), page()?));
    let summary = format!(
        "{} rijen in de wijzigingstabel, {} opdrachten in het wijzigingsbesluit, {} verwijzingen om te herlezen.",
        rows.len(),
        instructions,
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

/// The last files of a build, `index.html` and the manifest, once every other file is
/// written (`written`: their names and sizes; the manifest lists them and the index).
pub fn finish(
    env: &minijinja::Environment<'_>,
    written: &[(String, usize)],
    entries: &[Entry],
    pairs: &[PairEntry],
) -> Result<Vec<File>, String> {
    let index = crate::render::index::html(env, entries, pairs)?;
    let mut listed = written.to_vec();
    listed.push(("index.html".into(), index.len()));
    let manifest = manifest(&listed);
    Ok(vec![
        ("index.html".into(), index.into_bytes()),
        (MANIFEST.into(), manifest.into_bytes()),
    ])
}

/// `manifest.json` (its schema: `docs/schema/manifest.schema.json`).
#[derive(Serialize, schemars::JsonSchema)]
pub struct Manifest<'a> {
    schema_version: u32,
    generator: String,
    files: Vec<ManifestFile<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ManifestFile<'a> {
    path: &'a str,
    bytes: usize,
}

/// `manifest.json`: the program that wrote the build and every file in it (path relative
/// to the folder, size in bytes), sorted by path.
pub fn manifest(files: &[(String, usize)]) -> String {
    let mut listed: Vec<ManifestFile<'_>> = files
        .iter()
        .map(|(path, bytes)| ManifestFile {
            path,
            bytes: *bytes,
        })
        .collect();
    listed.sort_by(|a, b| a.path.cmp(b.path));
    let m = Manifest {
        schema_version: crate::schema::SCHEMA_VERSION,
        generator: format!("grc {}", env!("CARGO_PKG_VERSION")),
        files: listed,
    };
    serde_json::to_string_pretty(&m).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_manifest_lists_every_file_sorted_with_its_size() {
        let m = super::manifest(&[("b.html".into(), 3), ("a.md".into(), 5)]);
        let v: serde_json::Value = serde_json::from_str(&m).unwrap();
        assert_eq!(v["files"][0]["path"], "a.md");
        assert_eq!(v["files"][0]["bytes"], 5);
        assert_eq!(v["files"][1]["path"], "b.html");
        assert!(v["generator"].as_str().unwrap().starts_with("grc "));
    }
}
