//! `grc completions` and `grc man`: what a shell and `man` need to know about grc, made
//! from the same clap definition as the help, so they can never describe other options.

use std::path::PathBuf;

use clap::CommandFactory;

use super::Cli;
use super::io::{self, IoProblem};

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: Option<PathBuf>) -> Result<u8, IoProblem> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "grc", &mut script);
    io::emit(out.as_deref(), &[], &script)?;
    Ok(0)
}

/// Writes the man page of grc, or of one of its commands (`grc-diff(1)`).
pub fn man(command: Option<String>, out: Option<PathBuf>) -> Result<u8, IoProblem> {
    let mut cmd = Cli::command();
    // Building gives every subcommand its display name (`grc-diff`), the page's title.
    cmd.build();
    let page_of = match &command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                return Err(IoProblem::new(format!(
                    "onbekende opdracht: `{name}`; kies uit: {}\nZie `grc man --help`.",
                    known.join(", ")
                )));
            }
        },
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(page_of)
        .manual("grc")
        .render(&mut page)
        .map_err(|e| IoProblem::new(format!("man-pagina niet gemaakt: {e}")))?;
    let page = dutch_headings(&String::from_utf8_lossy(&page));
    io::emit(out.as_deref(), &[], page.as_bytes())?;
    Ok(0)
}

/// clap_mangen names its fixed sections in English; the help is Dutch, so is the page.
fn dutch_headings(page: &str) -> String {
    let mut dutch = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let heading = match line.trim_end() {
            ".SH NAME" => ".SH NAAM",
            ".SH SYNOPSIS" => ".SH OVERZICHT",
            ".SH DESCRIPTION" => ".SH BESCHRIJVING",
            ".SH EXTRA" => ".SH TOELICHTING",
            ".SH VERSION" => ".SH VERSIE",
            _ => {
                dutch.push_str(line);
                continue;
            }
        };
        dutch.push_str(heading);
        dutch.push('\n');
    }
    dutch
}
