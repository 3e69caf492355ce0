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
mod build;
mod diff;
mod edit;
mod export;
mod import;
pub mod io;
mod outdir;
mod regeling;
mod shell;
mod stemmen;
mod usage;

use std::io::IsTerminal;

pub use args::*;
pub use usage::{usage_error, with_help_command};

use grc::diagnostic::{self, Diagnostic};

use grc::tree::Regeling;

use io::IoProblem;

/// `--color`, set once at the start of a run.
static COLOR: std::sync::OnceLock<Color> = std::sync::OnceLock::new();

pub fn run(cli: Cli) -> Result<u8, IoProblem> {
    let _ = COLOR.set(cli.color);
    let templates = cli.templates;
    let env = || io::templates(templates.as_deref());
    match cli.command {
        Command::Tree { file, format, out } => regeling::tree(file, format, out.file()),
        Command::Check {
            files,
            format,
            spelling,
            out,
        } => regeling::check(files, format, grc::check::Options { spelling }, out.file()),
        Command::Diff {
            old,
            new,
            format,
            to,
            drempel,
            ignore_case,
            ignore_punctuation,
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
                        ignore_case: ignore_case
                            || deprecated(
                                hoofdletters_negeren,
                                "--hoofdletters-negeren",
                                "--ignore-case",
                            ),
                        ignore_punctuation: ignore_punctuation
                            || deprecated(
                                leestekens_negeren,
                                "--leestekens-negeren",
                                "--ignore-punctuation",
                            ),
                    },
                    ..Default::default()
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
            regeling::render(file, to, out.file(), &inputs, &env()?)
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
            build::run(dir, out, templates.as_deref(), &env()?, options)
        }
        Command::Refs { file, format, out } => regeling::refs(file, format, out.file(), &env()?),
        Command::Stemmen {
            file,
            second,
            inwoners,
            format,
            to,
            out,
        } => {
            let files = std::iter::once(file).chain(second).collect();
            let markup = stemmen::markup(format, to)?;
            stemmen::run(files, inwoners, markup, out.file(), &env()?)
        }
        Command::Fix { edit } => edit::fix(edit.file, edit.write),
        Command::Renumber { edit, artikelen } => edit::renumber(edit.file, artikelen, edit.write),
        Command::Completions { shell, out } => shell::completions(shell, out.file()),
        Command::Man { command, out } => shell::man(command, out.file()),
    }
}

/// Whether an option spelled the old way was given: if so, a warning names the new
/// spelling (the old one is read for one more release, hidden from the help).
pub(super) fn deprecated(given: bool, old: &str, new: &str) -> bool {
    if given {
        errln!("waarschuwing: {old} heet nu {new}; de oude naam verdwijnt in de volgende versie");
    }
    given
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
pub(super) fn parse_file_in(
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

pub(super) fn exit_code(diags: &[Diagnostic]) -> u8 {
    u8::from(diagnostic::has_errors(diags))
}
