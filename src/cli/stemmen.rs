//! `grc stemmen`, and the stemverhouding that `check` and `build` add to their findings.

use std::path::PathBuf;

use grc::diagnostic::{self, Diagnostic};
use grc::report::{self, Sources};
use grc::tree::Regeling;

use super::io::{self, IoProblem};
use super::{StemmenFormat, color, parse_file};

/// Population rows, the deelnemers to compute for, problems in the CSV, and the CSV's
/// name and text (for quoting those problems).
type PopulationData = (
    Vec<grc::stemmen::Population>,
    grc::stemmen::Deelnemers,
    Vec<Diagnostic>,
    Option<(String, String)>,
);

/// The population data for a regeling: `--inwoners` (whose gemeenten become the
/// deelnemers: a scenario), or the file its metadata names, next to it (for the
/// metadata's deelnemers). Problems in the CSV come back as diagnostics.
fn population_for(
    file: &std::path::Path,
    root: Option<&std::path::Path>,
    r: &Regeling,
    explicit: Option<&std::path::Path>,
) -> Result<PopulationData, IoProblem> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => r
            .metadata
            .population_file
            .as_ref()
            .map(|f| file.parent().unwrap_or(std::path::Path::new(".")).join(f)),
    };
    let Some(path) = path else {
        return Ok((
            Vec::new(),
            grc::stemmen::deelnemers(r, &[], false),
            Vec::new(),
            None,
        ));
    };
    let loaded = io::read_in(&path, root)?;
    let (data, diags) = grc::stemmen::population::parse(&loaded.name, &loaded.text);
    let deelnemers = grc::stemmen::deelnemers(r, &data, explicit.is_some());
    Ok((data, deelnemers, diags, Some((loaded.name, loaded.text))))
}

pub(super) fn run(
    files: Vec<PathBuf>,
    inwoners: Option<PathBuf>,
    format: StemmenFormat,
    out: Option<PathBuf>,
    env: &minijinja::Environment<'static>,
) -> Result<u8, IoProblem> {
    let mut results = Vec::new();
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    for file in &files {
        let p = parse_file(file)?;
        sources.add(&p.regeling.file, &p.text);
        if diagnostic::has_errors(&p.diags) {
            problems.extend(p.diags);
            continue;
        }
        let (data, deelnemers, csv_diags, csv) =
            population_for(file, None, &p.regeling, inwoners.as_deref())?;
        if let Some((name, text)) = csv {
            sources.add(&name, &text);
        }
        if !csv_diags.is_empty() {
            problems.extend(csv_diags);
            continue;
        }
        results.push(grc::stemmen::compute(&p.regeling, &data, &deelnemers));
    }
    if !problems.is_empty() {
        err!("{}", report::human(&problems, &sources, color()));
        return Ok(1);
    }
    let text = match (format, results.as_slice()) {
        (StemmenFormat::Json, [one]) => Ok(serde_json::to_string_pretty(
            &grc::schema::Stemmen::One(grc::schema::Versioned::new(one)),
        )
        .unwrap_or_default()
            + "\n"),
        (StemmenFormat::Json, [old, new]) => Ok(serde_json::to_string_pretty(
            &grc::schema::Stemmen::compared(old, new),
        )
        .unwrap_or_default()
            + "\n"),
        (StemmenFormat::Text, [one]) => grc::render::stemmen::one(env, one, "txt"),
        (StemmenFormat::Markdown, [one]) => grc::render::stemmen::one(env, one, "md"),
        (StemmenFormat::Html, [one]) => grc::render::stemmen::one(env, one, "html"),
        (StemmenFormat::Html, [old, new]) => grc::render::stemmen::compare(env, old, new, "html"),
        (StemmenFormat::Text, [old, new]) => grc::render::stemmen::compare(env, old, new, "txt"),
        (StemmenFormat::Markdown, [old, new]) => grc::render::stemmen::compare(env, old, new, "md"),
        _ => Err("verkeerd aantal bestanden".to_string()),
    };
    let text = text.map_err(IoProblem::new)?;
    let mut inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    inputs.extend(inwoners.as_deref());
    io::emit(out.as_deref(), &inputs, text.as_bytes())?;
    let errors = results.iter().any(|s| diagnostic::has_errors(&s.findings));
    Ok(u8::from(errors))
}

/// The stemverhouding and its findings for `grc check` and `grc build`, when the
/// metadata names population data (no stemverhouding if that data has problems: they
/// are the findings then).
pub(super) fn voting(
    file: &std::path::Path,
    root: Option<&std::path::Path>,
    r: &Regeling,
    sources: &mut Sources,
) -> Result<(Vec<Diagnostic>, Option<grc::stemmen::Stemverhouding>), IoProblem> {
    if r.metadata.population_file.is_none() {
        return Ok((Vec::new(), None));
    }
    let (data, deelnemers, diags, csv) = population_for(file, root, r, None)?;
    if let Some((name, text)) = csv {
        sources.add(&name, &text);
    }
    if !diags.is_empty() {
        return Ok((diags, None));
    }
    let s = grc::stemmen::compute(r, &data, &deelnemers);
    Ok((s.findings.clone(), Some(s)))
}
