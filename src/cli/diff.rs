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
    let a = parse_file(old)?;
    let b = parse_file(new)?;
    let mut sources = Sources::default();
    sources.add(&a.regeling.file, &a.text);
    sources.add(&b.regeling.file, &b.text);
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
    let cmp = grc::diff::compare(&a.regeling, &b.regeling, &args.options);
    let mut sources = Sources::default();
    let mut warnings = Vec::new();
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&cmp).unwrap_or_default() + "\n",
        DiffFormat::Besluit => {
            let besluit = grc::besluit::generate::generate(&a.regeling, &b.regeling, &args.options)
                .map_err(IoProblem)?;
            let format = match args.to {
                DiffTo::Text => "txt",
                DiffTo::Md => "md",
                DiffTo::Html => {
                    return Err(IoProblem(
                        "het wijzigingsbesluit is er als text (--to text) en md".into(),
                    ));
                }
            };
            grc::besluit::render(env, &besluit, format).map_err(IoProblem)?
        }
        DiffFormat::Tabel => {
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
                warnings = toelichting_warnings(name, t, &rows, &cmp);
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

/// D001/D002 for a wijzigingstabel.
pub fn toelichting_warnings(
    name: &str,
    t: &grc::diff::toelichting::Toelichting,
    rows: &[grc::render::wijzigingen::Row],
    cmp: &grc::diff::Comparison,
) -> Vec<grc::diagnostic::Diagnostic> {
    let keyed: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.eid.clone(), r.label.clone()))
        .collect();
    let known = |k: &str| {
        cmp.changes
            .iter()
            .any(|c| c.new.as_deref() == Some(k) || c.old.as_deref() == Some(k))
    };
    grc::diff::toelichting::check(t, name, &keyed, &known)
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
pub fn pairs_for_build(
    dir: &std::path::Path,
    trees: &[(String, grc::tree::Regeling)],
    env: &minijinja::Environment<'static>,
    sources: &mut Sources,
) -> Result<
    (
        Vec<(String, Vec<u8>)>,
        Vec<grc::render::index::PairEntry>,
        Vec<grc::diagnostic::Diagnostic>,
    ),
    IoProblem,
> {
    let config = dir.join("wijzigingen.toml");
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    if !config.is_file() {
        return Ok((files, entries, warnings));
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
            warnings.extend(toelichting_warnings(name, t, &rows, &cmp));
        }
        let besluit = grc::besluit::generate::generate(old, new, &options)
            .map_err(|e| IoProblem(format!("{}: {e}", pair.naam)))?;
        let n = &pair.naam;
        let render = |r: Result<String, String>| r.map_err(IoProblem).map(String::into_bytes);
        let produced = vec![
            (
                format!("{n}.wijzigingstabel.html"),
                render(grc::render::wijzigingen::tabel(
                    env, old, new, &rows, "html",
                ))?,
            ),
            (
                format!("{n}.wijzigingstabel.md"),
                render(grc::render::wijzigingen::tabel(env, old, new, &rows, "md"))?,
            ),
            (
                format!("{n}.renvooi.html"),
                render(grc::render::wijzigingen::renvooi(
                    env, old, new, &cmp, "html",
                ))?,
            ),
            (
                format!("{n}.renvooi.md"),
                render(grc::render::wijzigingen::renvooi(env, old, new, &cmp, "md"))?,
            ),
            (
                format!("{n}.wijzigingsbesluit.txt"),
                render(grc::besluit::render(env, &besluit, "txt"))?,
            ),
            (
                format!("{n}.wijzigingsbesluit.md"),
                render(grc::besluit::render(env, &besluit, "md"))?,
            ),
            (
                format!("{n}.diff.json"),
                (serde_json::to_string_pretty(&cmp).unwrap_or_default() + "\n").into_bytes(),
            ),
        ];
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
    Ok((files, entries, warnings))
}
