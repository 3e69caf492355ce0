//! `grc export stop FILE [NEW] [-o OUT.xml]`: the regeling, or the wijzigingsbesluit
//! from FILE to NEW, as STOP/IMOP 1.3.0 XML (see `grc::render::stop`). Nothing is
//! written when a source has errors or cannot be expressed in STOP; the file is written
//! atomically (`io::write_file`).

use std::path::PathBuf;

use grc::diagnostic::{self, Diagnostic};
use grc::render::stop;
use grc::report::{self, Sources};
use grc::tree::Span;

use super::diff::both;
use super::io::{self, IoProblem};
use super::{Parsed, color, parse_file};

pub fn stop(
    file: PathBuf,
    new: Option<PathBuf>,
    bevoegd_gezag: Option<String>,
    out: Option<PathBuf>,
    env: &minijinja::Environment<'static>,
) -> Result<u8, IoProblem> {
    if let Some(out) = &out {
        let inputs: Vec<&std::path::Path> = std::iter::once(file.as_path())
            .chain(new.as_deref())
            .collect();
        io::refuse_input_as_output(out, &inputs)?;
    }
    let (code, warning) = stop::bevoegd_gezag(bevoegd_gezag.as_deref());
    let written = match new {
        None => regeling(&file, &code)?,
        Some(new) => besluit(&file, &new, &code)?,
    };
    let Some((export, sources, (name, span))) = written else {
        return Ok(1);
    };
    // Rendered in full before anything is written: a template error leaves no file.
    let text = export.render(env).map_err(IoProblem::new)?;
    if let Some(w) = warning {
        // Where a bevoegd gezag would be given: the metadata block of the (new) version.
        err!("{}", report::human(&[w.at(&name, span)], &sources, color()));
    }
    match out {
        Some(path) => io::write_file(&path, text.as_bytes())?,
        None => out!("{text}"),
    }
    Ok(0)
}

/// What to render, once the sources have been read and found fit.
enum Export {
    Regeling(stop::RegelingView),
    Besluit(stop::mutatie::BesluitView),
}

impl Export {
    fn render(self, env: &minijinja::Environment<'static>) -> Result<String, String> {
        match self {
            Export::Regeling(v) => grc::render::render(env, "stop-regeling.xml", v),
            Export::Besluit(v) => grc::render::render(env, "stop-besluit.xml", v),
        }
    }
}

/// The export, the sources for quoting, and where the metadata of the (new) version is.
type Ready = (Export, Sources, (String, Span));

/// The metadata block of a regeling (its first line when it has none).
fn metadata_at(r: &grc::tree::Regeling) -> (String, Span) {
    let span = r.metadata.span.unwrap_or(Span {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    });
    (r.file.clone(), span)
}

/// Reports `diags` (errors first) and says nothing was written.
fn refuse(diags: &[Diagnostic], sources: &Sources) -> Option<Ready> {
    let mut diags = diags.to_vec();
    diagnostic::sort(&mut diags);
    err!("{}", report::human(&diags, sources, color()));
    errln!("niet geëxporteerd: er is niets geschreven");
    None
}

fn sources_of(parsed: &[&Parsed]) -> Sources {
    let mut sources = Sources::default();
    for p in parsed {
        sources.add(&p.regeling.file, &p.text);
    }
    sources
}

fn regeling(file: &std::path::Path, code: &str) -> Result<Option<Ready>, IoProblem> {
    let p = parse_file(file)?;
    let sources = sources_of(&[&p]);
    if diagnostic::has_errors(&p.diags) {
        return Ok(refuse(&p.diags, &sources));
    }
    let links = grc::check::links::of(&p.regeling);
    let version = stop::version_of(&p.regeling.metadata);
    match stop::view(&p.regeling, &links, stop::Wids::of(code, &version)) {
        Ok(v) => Ok(Some((
            Export::Regeling(v),
            sources,
            metadata_at(&p.regeling),
        ))),
        Err(d) => Ok(refuse(&[*d], &sources)),
    }
}

fn besluit(
    old: &std::path::Path,
    new: &std::path::Path,
    code: &str,
) -> Result<Option<Ready>, IoProblem> {
    let Some((a, b)) = both(old, new)? else {
        return Ok(None);
    };
    let sources = sources_of(&[&a, &b]);
    // No wijzigingstabel here: no paragraph breaks for its cells.
    let options = grc::diff::Options {
        breaks: false,
        ..Default::default()
    };
    // One comparison for the besluit and the mutation's renvooi.
    let cmp = grc::diff::compare(&a.regeling, &b.regeling, &options);
    let besluit = match grc::besluit::generate::generate_with(
        &a.regeling,
        &b.regeling,
        &cmp,
        grc::besluit::generate::Vorm::Wijziging,
    ) {
        Ok(besluit) => besluit,
        Err(e) => {
            errln!("geen wijzigingsbesluit: {e}");
            errln!("niet geëxporteerd: er is niets geschreven");
            return Ok(None);
        }
    };
    let (old_links, new_links) = (
        grc::check::links::of(&a.regeling),
        grc::check::links::of(&b.regeling),
    );
    let versions = stop::mutatie::Versions {
        old: &a.regeling,
        new: &b.regeling,
        old_links: &old_links,
        new_links: &new_links,
        code,
    };
    match stop::mutatie::view(&versions, &besluit, &cmp) {
        Ok(v) => Ok(Some((
            Export::Besluit(v),
            sources,
            metadata_at(&b.regeling),
        ))),
        Err(d) => Ok(refuse(&[*d], &sources)),
    }
}
