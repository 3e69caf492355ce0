//! What `grc build` writes, planned without I/O: the files of one regeling, the files of
//! one compared pair, and the index and the manifest over all of them. The CLI reads the
//! inputs, calls these, and writes each file (handed to its [`Put`] as soon as it is made)
//! into a fresh folder that replaces the previous one when the build is complete
//! (`src/cli/outdir.rs`).
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

/// Why a build stops: a template that fails or a file not written (a usage problem,
/// exit 2), or a pair no wijzigingsbesluit can be written for (a problem of the
/// documents, exit 1).
#[derive(Debug)]
pub enum Stop {
    Template(String),
    Besluit(String),
    /// A file the build's `put` could not write (its message).
    Write(String),
}

/// Where a build's files go as each is made (the CLI: its fresh output folder): the
/// file's name relative to the folder and its bytes, or why it could not be written.
/// Called on the cores that make the files, so each finished file is written and dropped
/// at once. Held until the rest of their regeling or pair was made, a 100x pair's eleven
/// files were the largest part of a build's peak memory (issue 17, ninth round: memory).
pub type Put<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), String> + Sync);

/// The files of one regeling (`<stem>.html`, `.md`, `.docx`, `.stemmen.*` when there is a
/// stemverhouding, `.check.html`, `.tree.json`, `.check.json`), each handed to `put` as
/// it is made, and its entry in the index. The error is the first template that fails,
/// in that order, or the first file `put` could not write.
pub fn regeling(
    env: &minijinja::Environment<'_>,
    stem: &str,
    r: &Regeling,
    diags: &[Diagnostic],
    stemverhouding: Option<&Stemverhouding>,
    put: Put<'_>,
) -> Result<Entry, String> {
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
    let name = |suffix: &str| format!("{stem}.{suffix}");
    // Independent outputs on the machine's cores, written in this order as each is made
    // (`in_order`): the first that fails stops the regeling, as when they were made one
    // after the other. The tree's JSON cannot fail, so writing it before the pages below
    // changes no error.
    let jobs: Vec<Named<'_, Result<Vec<u8>, String>>> = vec![
        (
            name("html"),
            Box::new(|| regeling::html_of(env, view).map(String::into_bytes)),
        ),
        (
            name("md"),
            Box::new(|| regeling::markdown_of(env, view).map(String::into_bytes)),
        ),
        (
            name("docx"),
            Box::new(move || docx::regeling_of(env, title, view, targets)),
        ),
        (
            name("tree.json"),
            Box::new(|| Ok(compact_json(&crate::schema::Versioned::new(r)))),
        ),
    ];
    in_order(
        jobs,
        |(file, job)| (file, job()),
        |(file, made)| put(&file, &made?),
    )?;
    let mut files = vec![name("html"), name("md"), name("docx")];
    if let Some(s) = stemverhouding {
        for format in ["html", "md"] {
            let text = crate::render::stemmen::beside(env, s, format, &name("html"))?;
            let file = name(&format!("stemmen.{format}"));
            put(&file, text.as_bytes())?;
            files.push(file);
        }
    }
    let check = crate::render::check::html(env, r, diags, &name("html"))?;
    put(&name("check.html"), check.as_bytes())?;
    drop(check);
    put(&name("check.json"), crate::report::json(diags).as_bytes())?;
    files.extend([name("check.html"), name("tree.json"), name("check.json")]);
    Ok(Entry::new(r, diags, files))
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

/// A piece of the build that can be made on a thread of its own. The pieces of a
/// regeling or a pair run on the machine's cores (`in_order`), never a thread each:
/// that made all seven of a pair at once on two cores, each job's converted view and
/// growing page resident together (the peak of a 100x build; issue 17, eighth round:
/// memory).
type Job<'a, T> = Box<dyn FnOnce() -> T + Send + 'a>;

/// A job and the name of the file it makes (written by `put` when it is taken).
type Named<'a, T> = (String, Job<'a, T>);

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

/// What an [`Output`] gave: what [`regeling`] or [`pair`] returns (their files are
/// written by then).
pub enum Built {
    Regeling(Result<Entry, String>),
    Pair(Result<(PairEntry, Vec<Diagnostic>), Stop>),
}

/// Makes the outputs on the machine's cores, each file handed to `put` as it is made,
/// and hands each output's result to `take` in the order given, as soon as it and those
/// before it are made; see `in_order` for what happens when `take` fails. Made one after
/// the other, one core idled for most of a large build (issue 17). They are started in
/// that order too: started first, the pair (the longest piece) ran beside both regelingen
/// and the peak of a 100x build rose by a tenth (426 to 468 MB); in order it runs beside
/// the end of the last one.
pub fn outputs<E>(
    env: &minijinja::Environment<'_>,
    outputs: Vec<Output<'_>>,
    put: Put<'_>,
    take: impl FnMut(Built) -> Result<(), E>,
) -> Result<(), E> {
    let make = |o: Output<'_>| match o {
        Output::Regeling {
            stem,
            regeling: r,
            diags,
            stemverhouding,
        } => Built::Regeling(regeling(env, &stem, r, diags, stemverhouding, put)),
        Output::Pair(p) => Built::Pair(pair(env, &p, put)),
    };
    in_order(outputs, make, take)
}

/// What a job of a pair made: the besluit (its instruction count, its warnings, and the
/// first of its four templates that failed; the texts are written by the job), or one
/// page.
enum Made {
    Besluit(usize, Vec<Diagnostic>, Option<String>),
    Page(Result<Vec<u8>, String>),
}

/// One old/new pair of `wijzigingen.toml`, with its toelichting (file name and text).
pub struct Pair<'a> {
    pub name: &'a str,
    pub old: &'a Regeling,
    pub new: &'a Regeling,
    pub toelichting: Option<(&'a str, &'a Toelichting)>,
}

/// The files of a pair (wijzigingstabel, renvooi, wijzigingsbesluit, diff), each handed
/// to `put` as it is made, its entry in the index, and the toelichting's warnings.
pub fn pair(
    env: &minijinja::Environment<'_>,
    pair: &Pair<'_>,
    put: Put<'_>,
) -> Result<(PairEntry, Vec<Diagnostic>), Stop> {
    let (old, new) = (pair.old, pair.new);
    let options = crate::diff::Options::default();
    let cmp = crate::diff::compare(old, new, &options);
    let rows = crate::render::wijzigingen::rows(&cmp, pair.toelichting.map(|t| t.1));
    let mut warnings = match pair.toelichting {
        Some((file, t)) => toelichting_warnings(file, t, &rows, &cmp, old, new),
        None => Vec::new(),
    };
    let n = pair.name;
    let pages = [
        ("wijzigingstabel", "html"),
        ("wijzigingstabel", "md"),
        ("wijzigingstabel", "docx"),
        ("renvooi", "html"),
        ("renvooi", "md"),
        ("renvooi", "docx"),
    ];
    let besluit_files =
        ["txt", "html", "md", "docx"].map(|to| format!("{n}.wijzigingsbesluit.{to}"));
    let (rows, cmp, besluit_names) = (&rows, &cmp, &besluit_files);
    // The outputs do not depend on each other: made on the cores, and taken in this
    // order (`in_order`), so which error stops the build is the one it was when they
    // were made one after the other: a besluit that cannot be written, then the pages'
    // templates, then the besluit's, each file written as soon as it is taken.
    let mut jobs: Vec<Named<'_, Result<Made, Stop>>> = vec![(
        String::new(),
        Box::new(move || {
            // The same form `grc diff --format besluit` chooses by default (Ar 6.7: a
            // changed opschrift or aanhef, or most of the text, means the regeling is
            // re-enacted). On the same comparison as the tabel and the renvooi.
            let besluit = crate::besluit::generate::generate_with(
                old,
                new,
                cmp,
                crate::besluit::generate::Vorm::Auto,
            )
            .map_err(|e| Stop::Besluit(format!("{n}: {e}")))?;
            // Each of its four texts written as soon as it is made: held, the four were
            // as large as the besluit's pages at 100x (issue 17, ninth round: memory).
            let mut failed = None;
            for (i, to) in ["txt", "html", "md", "docx"].into_iter().enumerate() {
                let text = match to {
                    "docx" => crate::render::docx::besluit(env, &besluit),
                    _ => crate::besluit::render(env, &besluit, to).map(String::into_bytes),
                };
                match text {
                    Ok(bytes) => put(&besluit_names[i], &bytes).map_err(Stop::Write)?,
                    Err(e) => {
                        failed.get_or_insert(e);
                    }
                }
            }
            Ok(Made::Besluit(
                besluit.instruction_count(),
                besluit.warnings.clone(),
                failed,
            ))
        }),
    )];
    for (what, to) in pages {
        jobs.push((
            format!("{n}.{what}.{to}"),
            Box::new(move || {
                use crate::render::{docx, wijzigingen};
                Ok(Made::Page(match (what, to) {
                    ("wijzigingstabel", "docx") => docx::tabel(env, old, new, rows),
                    ("wijzigingstabel", _) => {
                        wijzigingen::tabel(env, old, new, rows, to).map(String::into_bytes)
                    }
                    (_, "docx") => docx::renvooi(env, old, new, cmp),
                    _ => wijzigingen::renvooi(env, old, new, cmp, to).map(String::into_bytes),
                }))
            }),
        ));
    }
    // The bytes of `grc diff --format json`.
    jobs.push((
        format!("{n}.diff.json"),
        Box::new(move || {
            Ok(Made::Page(Ok(compact_json(
                &crate::schema::Versioned::new(cmp),
            ))))
        }),
    ));
    let (mut instructions, mut besluit_failed) = (0, None);
    in_order(
        jobs,
        |(file, job)| (file, job()),
        |(file, made)| match made? {
            Made::Besluit(count, enacted, failed) => {
                // Defects of the new text the besluit enacts (B001).
                warnings.extend(enacted);
                (instructions, besluit_failed) = (count, failed);
                Ok(())
            }
            Made::Page(text) => {
                // The besluit's templates failed before the last page (the JSON, which
                // cannot fail) would have been taken.
                if file.ends_with(".diff.json")
                    && let Some(e) = besluit_failed.take()
                {
                    return Err(Stop::Template(e));
                }
                put(&file, &text.map_err(Stop::Template)?).map_err(Stop::Write)
            }
        },
    )?;
    let mut files: Vec<String> = pages
        .iter()
        .map(|(what, to)| format!("{n}.{what}.{to}"))
        .collect();
    files.extend(besluit_files);
    files.push(format!("{n}.diff.json"));
    let summary = format!(
        "{} rijen in de wijzigingstabel, {} opdrachten in het wijzigingsbesluit, {} verwijzingen om te herlezen.",
        rows.len(),
        instructions,
        cmp.stale_references.len()
    );
    let entry = PairEntry::new(old, new, files, summary);
    Ok((entry, warnings))
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
