//! `grc diff` and `grc apply`: reading the two versions, comparing, formatting.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};

use super::io::{self, IoProblem};
use super::{DiffFormat, DiffTo, Parsed, color, parse_file};

pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: DiffFormat,
    pub to: DiffTo,
    pub options: grc::diff::Options,
    pub toelichting: Option<PathBuf>,
    pub out: Option<PathBuf>,
}

/// Parses both files; on parse errors reports them and returns `None`.
fn both(
    old: &std::path::Path,
    new: &std::path::Path,
) -> Result<Option<(Parsed, Parsed)>, IoProblem> {
    // The two versions are read and parsed at the same time (on two cores this halves
    // the largest part of `grc diff` on big files).
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| parse_file(new));
        let a = parse_file(old);
        (
            a,
            other
                .join()
                .unwrap_or_else(|_| Err(IoProblem("lezen mislukt".into()))),
        )
    });
    let (a, b) = (a?, b?);
    let mut problems: Vec<_> = a
        .diags
        .iter()
        .chain(&b.diags)
        .filter(|d| d.severity == grc::diagnostic::Severity::Error)
        .cloned()
        .collect();
    if problems.is_empty() {
        return Ok(Some((a, b)));
    }
    // Only now index the sources for quoting (that is work on large files).
    let mut sources = Sources::default();
    sources.add(&a.regeling.file, &a.text);
    sources.add(&b.regeling.file, &b.text);
    diagnostic::sort(&mut problems);
    eprint!("{}", report::human(&problems, &sources, color()));
    eprintln!("niet vergeleken: los eerst de fouten op");
    Ok(None)
}

pub fn run(args: Args, env: &minijinja::Environment<'static>) -> Result<u8, IoProblem> {
    if !(0.0..=1.0).contains(&args.options.threshold) {
        return Err(IoProblem(format!(
            "--drempel {} ligt niet tussen 0 en 1",
            args.options.threshold
        )));
    }
    let Some((a, b)) = both(&args.old, &args.new)? else {
        return Ok(1);
    };
    let compare = || grc::diff::compare(&a.regeling, &b.regeling, &args.options);
    let mut sources = Sources::default();
    let mut warnings = Vec::new();
    let text = match args.format {
        // One line of JSON (30 MB for a 5 MB pair pretty-printed is mostly indentation);
        // `jq .` makes it readable.
        DiffFormat::Json => serde_json::to_string(&compare()).unwrap_or_default() + "\n",
        DiffFormat::Besluit => {
            // Versions no besluit can be written for (a number used twice, an article
            // without number, ...) are a problem of the documents: exit 1, not 2.
            let besluit =
                match grc::besluit::generate::generate(&a.regeling, &b.regeling, &args.options) {
                    Ok(b) => b,
                    Err(e) => {
                        eprintln!("fout: {e}");
                        return Ok(1);
                    }
                };
            let format = match args.to {
                DiffTo::Text => "txt",
                DiffTo::Md => "md",
                DiffTo::Html => "html",
            };
            grc::besluit::render(env, &besluit, format).map_err(IoProblem)?
        }
        DiffFormat::Tabel => {
            let cmp = compare();
            let file = match &args.toelichting {
                Some(f) => Some(f.clone()),
                None => toelichting_for(&args.old, &args.new)?,
            };
            let toelichting = match &file {
                Some(f) => {
                    let loaded = io::read_source(f)?;
                    sources.add(&loaded.name, &loaded.text);
                    match grc::diff::toelichting::parse(&loaded.name, &loaded.text) {
                        Ok(t) => Some((loaded.name, t)),
                        Err(d) => {
                            eprint!("{}", report::human(&[*d], &sources, color()));
                            return Ok(1);
                        }
                    }
                }
                None => None,
            };
            let rows = grc::render::wijzigingen::rows(&cmp, toelichting.as_ref().map(|t| &t.1));
            if let Some((name, t)) = &toelichting {
                warnings = toelichting_warnings(name, t, &rows, &cmp, &a.regeling, &b.regeling);
                sources.add(&a.regeling.file, &a.text);
                sources.add(&b.regeling.file, &b.text);
            }
            let format = if args.to == DiffTo::Html {
                "html"
            } else {
                "md"
            };
            grc::render::wijzigingen::tabel(env, &a.regeling, &b.regeling, &rows, format)
                .map_err(IoProblem)?
        }
        DiffFormat::Renvooi => {
            let cmp = compare();
            let format = if args.to == DiffTo::Html {
                "html"
            } else {
                "md"
            };
            grc::render::wijzigingen::renvooi(env, &a.regeling, &b.regeling, &cmp, format)
                .map_err(IoProblem)?
        }
    };
    if !warnings.is_empty() {
        eprint!("{}", report::human(&warnings, &sources, color()));
    }
    match args.out {
        Some(path) => io::write_atomic(&path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(0)
}

/// D001/D002 for a wijzigingstabel; D001 points at the element in the new version (or,
/// when it was repealed, in the old one).
pub fn toelichting_warnings(
    name: &str,
    t: &grc::diff::toelichting::Toelichting,
    rows: &[grc::render::wijzigingen::Row],
    cmp: &grc::diff::Comparison,
    old: &grc::tree::Regeling,
    new: &grc::tree::Regeling,
) -> Vec<grc::diagnostic::Diagnostic> {
    // eIds repeat between versions (a repealed lid's eId is a new lid's): one map each.
    let spans_of = |r: &grc::tree::Regeling| {
        let mut spans: std::collections::HashMap<String, (String, grc::tree::Span)> =
            Default::default();
        grc::tree::walk::walk(r, &mut |_, node| {
            spans.insert(node.eid().to_string(), (r.file.clone(), node.span()));
        });
        if let Some(t) = &r.title {
            spans.insert("title".into(), (r.file.clone(), t.span));
        }
        spans
    };
    let (old_spans, new_spans) = (spans_of(old), spans_of(new));
    let changed: Vec<grc::diff::toelichting::Changed<'_>> = rows
        .iter()
        .map(|r| grc::diff::toelichting::Changed {
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
    grc::diff::toelichting::check(t, name, &changed, &known)
}

/// The toelichting `wijzigingen.toml` (beside the old file) names for this pair.
fn toelichting_for(
    old: &std::path::Path,
    new: &std::path::Path,
) -> Result<Option<PathBuf>, IoProblem> {
    let dir = old.parent().unwrap_or(std::path::Path::new("."));
    let config = dir.join("wijzigingen.toml");
    if !config.is_file() {
        return Ok(None);
    }
    let loaded = io::read_source(&config)?;
    let pairs = grc::diff::pairs::parse(&loaded.name, &loaded.text)
        .map_err(|d| IoProblem(format!("{}:{}: {}", d.file, d.line, d.message)))?;
    let name = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(pairs
        .into_iter()
        .find(|p| Some(&p.oud) == name(old).as_ref() && Some(&p.nieuw) == name(new).as_ref())
        .and_then(|p| p.toelichting)
        .map(|t| dir.join(t)))
}

pub fn apply(regeling: PathBuf, besluit: PathBuf, out: Option<PathBuf>) -> Result<u8, IoProblem> {
    let p = parse_file(&regeling)?;
    let loaded = io::read_source(&besluit)?;
    let mut sources = Sources::default();
    sources.add(&p.regeling.file, &p.text);
    sources.add(&loaded.name, &loaded.text);
    let mut problems: Vec<_> = p
        .diags
        .iter()
        .filter(|d| d.severity == grc::diagnostic::Severity::Error)
        .cloned()
        .collect();
    let (text, mut diags) = grc::besluit::text::read(&loaded.name, &loaded.text);
    problems.append(&mut diags);
    if let Some(name) = &text.regeling
        && name != p.regeling.display_title()
    {
        let d = grc::diagnostic::Diagnostic::new(
            "A005",
            format!(
                "het besluit wijzigt \"{name}\", dit bestand is \"{}\"",
                p.regeling.display_title()
            ),
        )
        .at(
            &loaded.name,
            grc::tree::Span {
                line: 2,
                column: 1,
                start: 0,
                end: 0,
            },
        );
        eprint!("{}", report::human(&[d], &sources, color()));
    }
    if problems.is_empty() {
        match grc::besluit::apply::apply(&p.regeling, &text, &loaded.name) {
            Ok(r) => {
                let consolidated = grc::source::write(&r);
                match out {
                    Some(path) => io::write_atomic(&path, consolidated.as_bytes())?,
                    None => print!("{consolidated}"),
                }
                return Ok(0);
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    diagnostic::sort(&mut problems);
    eprint!("{}", report::human(&problems, &sources, color()));
    eprintln!("er is niets geschreven");
    Ok(1)
}

/// What `grc build` makes for the pairs in `wijzigingen.toml`: the files (name, bytes),
/// the index entries, and the toelichting warnings.
#[allow(clippy::type_complexity)]
/// What `grc build` makes of the pairs: the output files, the index entries, warnings.
pub type BuiltPairs = (
    Vec<(String, Vec<u8>)>,
    Vec<grc::render::index::PairEntry>,
    Vec<grc::diagnostic::Diagnostic>,
);

/// `Ok(None)`: a pair no wijzigingsbesluit can be written for (a problem of the documents,
/// already reported on stderr; the build writes nothing and exits with 1).
pub fn pairs_for_build(
    dir: &std::path::Path,
    trees: &[(String, grc::tree::Regeling)],
    env: &minijinja::Environment<'static>,
    sources: &mut Sources,
) -> Result<Option<BuiltPairs>, IoProblem> {
    let config = dir.join("wijzigingen.toml");
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    if !config.is_file() {
        return Ok(Some((files, entries, warnings)));
    }
    let loaded = io::read_source(&config)?;
    let pairs = grc::diff::pairs::parse(&loaded.name, &loaded.text)
        .map_err(|d| IoProblem(format!("{}:{}: {}", d.file, d.line, d.message)))?;
    let find = |name: &str| {
        trees
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r)
            .ok_or_else(|| {
                IoProblem(format!(
                    "{}: {name} staat niet in {}",
                    loaded.name,
                    io::display_name(dir)
                ))
            })
    };
    let options = grc::diff::Options::default();
    for pair in pairs {
        let (old, new) = (find(&pair.oud)?, find(&pair.nieuw)?);
        let cmp = grc::diff::compare(old, new, &options);
        let toelichting = match &pair.toelichting {
            Some(t) => {
                let l = io::read_source(&dir.join(t))?;
                sources.add(&l.name, &l.text);
                let parsed = grc::diff::toelichting::parse(&l.name, &l.text)
                    .map_err(|d| IoProblem(format!("{}:{}: {}", d.file, d.line, d.message)))?;
                Some((l.name, parsed))
            }
            None => None,
        };
        let rows = grc::render::wijzigingen::rows(&cmp, toelichting.as_ref().map(|t| &t.1));
        if let Some((name, t)) = &toelichting {
            warnings.extend(toelichting_warnings(name, t, &rows, &cmp, old, new));
        }
        let besluit = match grc::besluit::generate::generate(old, new, &options) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("fout: {}: {e}", pair.naam);
                return Ok(None);
            }
        };
        let n = &pair.naam;
        let mut produced = Vec::new();
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
                "wijzigingstabel" => grc::render::wijzigingen::tabel(env, old, new, &rows, to),
                "renvooi" => grc::render::wijzigingen::renvooi(env, old, new, &cmp, to),
                _ => grc::besluit::render(env, &besluit, to),
            };
            produced.push((
                format!("{n}.{what}.{to}"),
                text.map_err(IoProblem)?.into_bytes(),
            ));
        }
        produced.push((
            format!("{n}.diff.json"),
            (serde_json::to_string_pretty(&cmp).unwrap_or_default() + "\n").into_bytes(),
        ));
        let summary = format!(
            "{} rijen in de wijzigingstabel, {} opdrachten in het wijzigingsbesluit, {} verwijzingen om te herlezen.",
            rows.len(),
            besluit.instruction_count(),
            cmp.stale_references.len()
        );
        entries.push(grc::render::index::PairEntry::new(
            old,
            new,
            produced.iter().map(|(n, _)| n.clone()).collect(),
            summary,
        ));
        files.extend(produced);
    }
    Ok(Some((files, entries, warnings)))
}
