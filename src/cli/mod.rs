//! Command definitions (clap) and the commands themselves.

/// `print!` through `io::stdout`: a closed pipe or a write error comes back as an
/// `IoProblem` (with `?`) instead of a panic.
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::io::stdout(&format!($($t)*))? };
}
/// `println!` through `io::stdout`.
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::io::stdout(&format!("{}\n", format_args!($($t)*)))? };
}
/// `eprint!` that never panics (see `io::stderr`).
macro_rules! err {
    ($($t:tt)*) => { $crate::cli::io::stderr(&format!($($t)*)) };
}
/// `eprintln!` that never panics.
macro_rules! errln {
    ($($t:tt)*) => { $crate::cli::io::stderr(&format!("{}\n", format_args!($($t)*))) };
}

mod args;
mod diff;
mod export;
mod import;
pub mod io;
mod shell;
mod usage;

use std::io::IsTerminal;
use std::path::PathBuf;

pub use args::*;
pub use usage::{usage_error, with_help_command};

use grc::diagnostic::{self, Diagnostic};
use grc::report::{self, Sources};
use grc::tree::Regeling;

use io::IoProblem;

/// `--color`, set once at the start of a run.
static COLOR: std::sync::OnceLock<Color> = std::sync::OnceLock::new();

pub fn run(cli: Cli) -> Result<u8, IoProblem> {
    let _ = COLOR.set(cli.color);
    let templates = cli.templates;
    let env = || io::templates(templates.as_deref());
    match cli.command {
        Command::Tree { file, format, out } => tree(file, format, out.file()),
        Command::Check {
            files,
            format,
            spelling,
            out,
        } => check(files, format, grc::check::Options { spelling }, out.file()),
        Command::Diff {
            old,
            new,
            format,
            to,
            drempel,
            hoofdletters_negeren,
            leestekens_negeren,
            toelichting,
            vorm,
            out,
        } => diff::run(
            diff::Args {
                old,
                new,
                format,
                to,
                options: grc::diff::Options {
                    threshold: drempel,
                    noise: grc::diff::words::Noise {
                        ignore_case: hoofdletters_negeren,
                        ignore_punctuation: leestekens_negeren,
                    },
                },
                toelichting,
                vorm,
                out: out.file(),
                templates: io::template_files(templates.as_deref()),
            },
            &env()?,
        ),
        Command::Apply {
            regeling,
            besluit,
            out,
        } => diff::apply(regeling, besluit, out.file()),
        Command::Render { file, to, out } => {
            let inputs = io::template_files(templates.as_deref());
            render(file, to, out.file(), &inputs, &env()?)
        }
        Command::Import { file, out } => import::run(file, out.file()),
        Command::Export {
            standard: args::ExportStandard::Stop,
            file,
            new,
            bevoegd_gezag,
            out,
        } => export::stop(file, new, bevoegd_gezag, out.file(), &env()?),
        Command::Build {
            dir,
            out,
            zonder_spelling,
        } => {
            // The build's report is read before a text goes to the raden: spelling is in
            // it unless asked otherwise (its cost: README, "Spelling in the build").
            let options = grc::check::Options {
                spelling: !zonder_spelling,
            };
            build(dir, out, templates.as_deref(), &env()?, options)
        }
        Command::Refs { file, format, out } => refs(file, format, out.file(), &env()?),
        Command::Stemmen {
            file,
            second,
            inwoners,
            format,
            out,
        } => {
            let files = std::iter::once(file).chain(second).collect();
            stemmen(files, inwoners, format, out.file(), &env()?)
        }
        Command::Fix { edit } => fix(edit.file, edit.write),
        Command::Renumber { edit, artikelen } => renumber(edit.file, artikelen, edit.write),
        Command::Completions { shell, out } => shell::completions(shell, out.file()),
        Command::Man { command, out } => shell::man(command, out.file()),
    }
}

/// A source parsed: tree, parser diagnostics, and the text for quoting.
pub(super) struct Parsed {
    regeling: Regeling,
    diags: Vec<Diagnostic>,
    text: String,
}

pub(super) fn parse_file(path: &std::path::Path) -> Result<Parsed, IoProblem> {
    parse_file_in(path, None)
}

/// `parse_file`, with the file named relative to `root` when given (see `io::read_in`).
fn parse_file_in(
    path: &std::path::Path,
    root: Option<&std::path::Path>,
) -> Result<Parsed, IoProblem> {
    let loaded = io::read_in(path, root)?;
    let (regeling, mut diags) = grc::source::parse(&loaded.name, &loaded.text);
    if let Some(d) = loaded.decode_problem {
        diags.insert(0, d);
    }
    Ok(Parsed {
        regeling,
        diags,
        text: loaded.text,
    })
}

/// Whether reports are coloured: `--color always|never`, or by default when standard
/// output is a terminal and NO_COLOR is not set.
pub(super) fn color() -> bool {
    match COLOR.get().copied().unwrap_or(Color::Auto) {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn tree(file: PathBuf, format: TreeFormat, out: Option<PathBuf>) -> Result<u8, IoProblem> {
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

fn check(
    files: Vec<PathBuf>,
    format: CheckFormat,
    options: grc::check::Options,
    out: Option<PathBuf>,
) -> Result<u8, IoProblem> {
    let mut all = Vec::new();
    let mut sources = Sources::default();
    for file in &files {
        let p = parse_file(file)?;
        sources.add(&p.regeling.file, &p.text);
        all.extend(grc::check::check_with(&p.regeling, options));
        if !diagnostic::has_errors(&p.diags) {
            all.extend(voting(file, None, &p.regeling, &mut sources)?.0);
        }
        all.extend(p.diags);
    }
    diagnostic::sort(&mut all);
    let text = match format {
        // A file is not a terminal: `auto` colours only what goes to one.
        CheckFormat::Human => report::human(
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

fn render(
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

fn build(
    dir: PathBuf,
    out: PathBuf,
    templates: Option<&std::path::Path>,
    env: &minijinja::Environment<'static>,
    options: grc::check::Options,
) -> Result<u8, IoProblem> {
    // The build replaces the whole of `out`: it must not hold what the build reads.
    let target = io::resolved(&out);
    for (input, what) in [
        (Some(dir.as_path()), "de map met regelingen"),
        (templates, "de sjablonenmap"),
    ] {
        if let Some(input) = input
            && io::resolved(input).starts_with(&target)
        {
            return Err(IoProblem::new(format!(
                "{}: de uitvoermap bevat {what} ({}) en wordt in zijn geheel vervangen; kies een andere uitvoermap, er is niets geschreven",
                io::display_name(&out),
                io::display_name(input)
            )));
        }
    }
    let files = io::regelingen_in(&dir)?;
    if files.is_empty() {
        return Err(IoProblem::new(format!(
            "{}: geen .gr-bestanden gevonden",
            io::display_name(&dir)
        )));
    }
    // Names relative to the build's folder: the output is the same however the folder
    // was named on the command line, and shows no local path.
    let root = Some(dir.as_path());
    let mut sources = Sources::default();
    let mut parse_errors = Vec::new();
    let mut findings = Vec::new();
    let mut outputs: Vec<grc::build::File> = Vec::new();
    let mut index = Vec::new();
    let mut trees: Vec<(String, Regeling)> = Vec::new();
    for file in &files {
        let p = parse_file_in(file, root)?;
        sources.add(&p.regeling.file, &p.text);
        if diagnostic::has_errors(&p.diags) {
            parse_errors.extend(p.diags);
            continue;
        }
        let mut diags = p.diags;
        diags.extend(grc::check::check_with(&p.regeling, options));
        let (voting_diags, stemverhouding) = voting(file, root, &p.regeling, &mut sources)?;
        diags.extend(voting_diags);
        diagnostic::sort(&mut diags);
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (produced, entry) =
            grc::build::regeling(env, &stem, &p.regeling, &diags, stemverhouding.as_ref())
                .map_err(IoProblem::new)?;
        index.push(entry);
        outputs.extend(produced);
        findings.extend(diags);
        let name = file
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        trees.push((name, p.regeling));
    }
    if !parse_errors.is_empty() {
        // Nothing is written: the previous out/ stays as it was.
        err!("{}", report::human(&parse_errors, &sources, color()));
        errln!(
            "bouwen afgebroken: er is niets geschreven naar {}",
            io::display_name(&out)
        );
        return Ok(1);
    }
    let Some((pair_outputs, pairs, pair_warnings)) =
        diff::pairs_for_build(&dir, &trees, env, &mut sources)?
    else {
        errln!(
            "bouwen afgebroken: er is niets geschreven naar {}",
            io::display_name(&out)
        );
        return Ok(1);
    };
    if !pair_warnings.is_empty() {
        err!("{}", report::human(&pair_warnings, &sources, color()));
    }
    outputs.extend(pair_outputs);
    findings.extend(pair_warnings);
    let outputs = grc::build::finish(env, outputs, &index, &pairs).map_err(IoProblem::new)?;
    io::replace_dir(&out, &outputs)?;
    diagnostic::sort(&mut findings);
    outln!(
        "{} regelingen gebouwd naar {} ({} bestanden); controle: {}",
        files.len(),
        io::display_name(&out),
        outputs.len(),
        report::summary(&findings)
    );
    Ok(0)
}

/// Parses a file for an edit; on parse errors reports them and returns `None`, because
/// edits planned on a broken tree could land in the wrong place. `--write` needs a file
/// to write back: standard input is refused before anything is read.
fn parse_for_edit(file: &std::path::Path, write: bool) -> Result<Option<Parsed>, IoProblem> {
    if write && io::is_stdio(file) {
        return Err(IoProblem::new(
            "--write schrijft het bestand terug en kan niet met - (de standaardinvoer); laat --write weg en vang de uitvoer op",
        ));
    }
    let p = parse_file(file)?;
    if diagnostic::has_errors(&p.diags) {
        let mut sources = Sources::default();
        sources.add(&p.regeling.file, &p.text);
        err!("{}", report::human(&p.diags, &sources, color()));
        errln!("er is niets gewijzigd: los eerst de fouten op");
        return Ok(None);
    }
    Ok(Some(p))
}

fn refs(
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

/// Shows a planned edit as a diff, or writes it with `--write`.
fn show_or_write(
    file: &std::path::Path,
    p: &Parsed,
    new: &str,
    write: bool,
    what: &str,
) -> Result<(), IoProblem> {
    if new == p.text {
        outln!("{}: niets te {what}", p.regeling.file);
    } else if write {
        io::write_file(file, new.as_bytes())?;
        outln!("{}: geschreven", p.regeling.file);
    } else {
        out!(
            "{}",
            grc::edit::unified_diff(&p.regeling.file, &p.text, new)
        );
        errln!("(niets geschreven; gebruik --write om het bestand aan te passen)");
    }
    Ok(())
}

fn fix(file: PathBuf, write: bool) -> Result<u8, IoProblem> {
    let Some(p) = parse_for_edit(&file, write)? else {
        return Ok(1);
    };
    let diags = grc::check::check(&p.regeling);
    let fixes = grc::edit::fixes_of(&diags, &p.regeling.file);
    let (new, skipped) = grc::edit::apply(&p.text, &fixes);
    errln!(
        "{} verbeteringen{}",
        fixes.len() - skipped,
        if skipped > 0 {
            format!(" ({skipped} overgeslagen: ze overlappen een andere; draai grc fix nog eens)")
        } else {
            String::new()
        }
    );
    show_or_write(&file, &p, &new, write, "verbeteren")?;
    Ok(0)
}

fn renumber(file: PathBuf, articles: bool, write: bool) -> Result<u8, IoProblem> {
    let Some(p) = parse_for_edit(&file, write)? else {
        return Ok(1);
    };
    let plan = grc::edit::renumber::renumber(&p.regeling, &p.text, articles);
    for c in &plan.changes {
        errln!("regel {}: {} wordt {}", c.line, c.old, c.new);
    }
    for w in &plan.rewrites {
        errln!(
            "regel {}:{}: verwijzing \"{}\" wordt \"{}\"",
            w.line,
            w.column,
            w.old,
            w.new
        );
    }
    for s in &plan.skipped {
        errln!("niet hernummerd: {s}; doe dit met de hand");
    }
    let (new, _) = grc::edit::apply(&p.text, &plan.edits);
    show_or_write(&file, &p, &new, write, "hernummeren")?;
    Ok(0)
}

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

fn stemmen(
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
fn voting(
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

fn exit_code(diags: &[Diagnostic]) -> u8 {
    u8::from(diagnostic::has_errors(diags))
}
