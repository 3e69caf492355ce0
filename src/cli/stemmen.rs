//! `grc stemmen`, and the stemverhouding that `check` and `build` add to their findings.

use std::path::PathBuf;

use grc::diagnostic::{self, Diagnostic};
use grc::report::{self, Sources};
use grc::tree::Regeling;

use super::io::{self, IoProblem};
use super::{StemmenFormat, StemmenTo, color, deprecated, parse_file};

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

/// The output `--format` and `--to` ask for: `None` for JSON, else the template
/// extension of the document's markup (`txt`, `md`, `html`). `--format markdown|html`
/// is the spelling from before `--to`: read, with a warning. `--to` with JSON, or two
/// markups at once, is refused (exit 2), not ignored.
pub(super) fn markup(
    format: StemmenFormat,
    to: Option<StemmenTo>,
) -> Result<Option<&'static str>, IoProblem> {
    let ext = |to: StemmenTo| match to {
        StemmenTo::Text => "txt",
        StemmenTo::Md => "md",
        StemmenTo::Html => "html",
    };
    let old = match format {
        StemmenFormat::Markdown => Some(("--format markdown", "--to md", StemmenTo::Md)),
        StemmenFormat::Html => Some(("--format html", "--to html", StemmenTo::Html)),
        StemmenFormat::Text | StemmenFormat::Json => None,
    };
    match (format, old, to) {
        (StemmenFormat::Json, _, Some(_)) => Err(IoProblem::new(
            "--to geldt alleen voor --format text; json heeft geen opmaak (gegeven: --format json); zie `grc stemmen --help`",
        )),
        (StemmenFormat::Json, _, None) => Ok(None),
        (_, Some((spelled, _, _)), Some(_)) => Err(IoProblem::new(format!(
            "{spelled} en --to noemen allebei de opmaak; gebruik alleen --to; zie `grc stemmen --help`"
        ))),
        (_, Some((spelled, now, to)), None) => {
            deprecated(true, spelled, now);
            Ok(Some(ext(to)))
        }
        (_, None, to) => Ok(Some(ext(to.unwrap_or(StemmenTo::Text)))),
    }
}

pub(super) fn run(
    files: Vec<PathBuf>,
    inwoners: Option<PathBuf>,
    markup: Option<&str>,
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
    let text = match (markup, results.as_slice()) {
        (None, [one]) => Ok(serde_json::to_string_pretty(&grc::schema::Stemmen::One(
            grc::schema::Versioned::new(one),
        ))
        .unwrap_or_default()
            + "\n"),
        (None, [old, new]) => Ok(
            serde_json::to_string_pretty(&grc::schema::Stemmen::compared(old, new))
                .unwrap_or_default()
                + "\n",
        ),
        (Some(ext), [one]) => grc::render::stemmen::one(env, one, ext),
        (Some(ext), [old, new]) => grc::render::stemmen::compare(env, old, new, ext),
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
    Ok(grc::build::voting(
        r,
        population_of(file, root, r, sources)?,
    ))
}

/// The population data the metadata of a regeling names, read from beside it (its text
/// added to `sources` for quoting its problems); `None` when the metadata names none.
pub(super) fn population_of(
    file: &std::path::Path,
    root: Option<&std::path::Path>,
    r: &Regeling,
    sources: &mut Sources,
) -> Result<Option<grc::build::PopulationData>, IoProblem> {
    if r.metadata.population_file.is_none() {
        return Ok(None);
    }
    let (data, deelnemers, diags, csv) = population_for(file, root, r, None)?;
    if let Some((name, text)) = csv {
        sources.add(&name, &text);
    }
    if !diags.is_empty() {
        return Ok(Some(grc::build::PopulationData::Problems(diags)));
    }
    Ok(Some(grc::build::PopulationData::Rows(data, deelnemers)))
}
