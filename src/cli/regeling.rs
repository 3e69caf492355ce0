//! The commands on one regeling: `tree`, `check`, `refs` and `render`.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};

use super::io::{self, IoProblem};
use super::stemmen::voting;
use super::{COLOR, CheckFormat, Color, RenderFormat, TreeFormat, color, exit_code, parse_file};

pub(super) fn tree(
    file: PathBuf,
    format: TreeFormat,
    out: Option<PathBuf>,
) -> Result<u8, IoProblem> {
    let p = parse_file(&file)?;
    let mut sources = Sources::default();
    sources.add(&p.regeling.file, &p.text);
    if !p.diags.is_empty() {
        err!("{}", report::human(&p.diags, &sources, color()));
    }
    let text = match format {
        TreeFormat::Text => grc::tree::outline::outline(&p.regeling),
        TreeFormat::Json => {
            serde_json::to_string_pretty(&grc::schema::Versioned::new(&p.regeling))
                .unwrap_or_default()
                + "\n"
        }
    };
    io::emit(out.as_deref(), &[&file], text.as_bytes())?;
    Ok(exit_code(&p.diags))
}

pub(super) fn check(
    files: Vec<PathBuf>,
    format: CheckFormat,
    options: grc::check::Options,
    out: Option<PathBuf>,
) -> Result<u8, IoProblem> {
    let mut all = Vec::new();
    let mut sources = Sources::default();
    for file in &files {
        let p = parse_file(file)?;
        // The tree owns its text: the source is kept only for the human report, which
        // quotes it, and is freed before the checks, whose data is the peak (issue 17:
        // memory; the JSON report quotes nothing).
        if format == CheckFormat::Text {
            sources.add(&p.regeling.file, &p.text);
        }
        drop(p.text);
        all.extend(grc::check::check_with(&p.regeling, options));
        if !diagnostic::has_errors(&p.diags) {
            all.extend(voting(file, None, &p.regeling, &mut sources)?.0);
        }
        all.extend(p.diags);
    }
    diagnostic::sort(&mut all);
    let text = match format {
        // A file is not a terminal: `auto` colours only what goes to one.
        CheckFormat::Text => report::human(
            &all,
            &sources,
            color() && (out.is_none() || COLOR.get() == Some(&Color::Always)),
        ),
        CheckFormat::Json => report::json(&all),
    };
    let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    io::emit(out.as_deref(), &inputs, text.as_bytes())?;
    Ok(exit_code(&all))
}

pub(super) fn render(
    file: PathBuf,
    to: RenderFormat,
    out: Option<PathBuf>,
    templates: &[PathBuf],
    env: &minijinja::Environment<'static>,
) -> Result<u8, IoProblem> {
    if let Some(out) = &out {
        let mut inputs = vec![file.as_path()];
        inputs.extend(templates.iter().map(PathBuf::as_path));
        io::refuse_input_as_output(out, &inputs)?;
    }
    if to == RenderFormat::Docx {
        io::refuse_binary_on_terminal(out.as_deref())?;
    }
    let mut p = parse_file(&file)?;
    if diagnostic::has_errors(&p.diags) {
        let mut sources = Sources::default();
        sources.add(&p.regeling.file, &p.text);
        err!("{}", report::human(&p.diags, &sources, color()));
        errln!("niet opgemaakt: los eerst de fouten op");
        return Ok(1);
    }
    // A published page names its source by file name, never by a local path.
    if !io::is_stdio(&file) {
        p.regeling.file = file.file_name().map_or_else(
            || p.regeling.file.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
    }
    let links = grc::check::links::of(&p.regeling);
    let bytes = match to {
        RenderFormat::Html => {
            grc::render::regeling::html(env, &p.regeling, &links).map(String::into_bytes)
        }
        RenderFormat::Md => {
            grc::render::regeling::markdown(env, &p.regeling, &links).map(String::into_bytes)
        }
        RenderFormat::Docx => grc::render::docx::regeling(env, &p.regeling, &links),
    }
    .map_err(IoProblem::new)?;
    match out {
        Some(path) => io::write_file(&path, &bytes)?,
        None => io::stdout_bytes(&bytes)?,
    }
    Ok(0)
}

pub(super) fn refs(
    file: PathBuf,
    format: TreeFormat,
    out: Option<PathBuf>,
    env: &minijinja::Environment<'static>,
) -> Result<u8, IoProblem> {
    let p = parse_file(&file)?;
    let resolutions = grc::check::references::resolve(&p.regeling);
    // A reference to something that does not exist is an error of the document (R001).
    let missing = resolutions.iter().any(|r| {
        r.targets
            .iter()
            .any(|t| matches!(t, grc::check::references::Target::Missing { .. }))
    });
    let text = match format {
        TreeFormat::Text => {
            grc::render::refs::listing(env, &resolutions).map_err(IoProblem::new)?
        }
        TreeFormat::Json => {
            serde_json::to_string_pretty(&grc::schema::References::new(&resolutions))
                .unwrap_or_default()
                + "\n"
        }
    };
    io::emit(out.as_deref(), &[&file], text.as_bytes())?;
    Ok(exit_code(&p.diags).max(u8::from(missing)))
}
