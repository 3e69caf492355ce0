//! `grc fix` and `grc renumber`: planned byte edits, shown as a diff or written.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};

use super::io::{self, IoProblem};
use super::{Parsed, color, parse_file};

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

pub(super) fn fix(file: PathBuf, write: bool) -> Result<u8, IoProblem> {
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

pub(super) fn renumber(file: PathBuf, articles: bool, write: bool) -> Result<u8, IoProblem> {
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
