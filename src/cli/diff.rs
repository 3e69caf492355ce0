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
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&cmp).unwrap_or_default() + "\n",
        DiffFormat::Besluit => {
            let b = grc::besluit::generate::generate(&a.regeling, &b.regeling, &args.options)
                .map_err(IoProblem)?;
            let format = match args.to {
                DiffTo::Text => "txt",
                DiffTo::Md => "md",
                DiffTo::Html => {
                    return Err(IoProblem(
                        "het wijzigingsbesluit is er als text en md".into(),
                    ));
                }
            };
            grc::besluit::render(env, &b, format).map_err(IoProblem)?
        }
        _ => return Err(IoProblem("nog niet beschikbaar".into())),
    };
    let _ = (env, args.to, args.toelichting);
    match args.out {
        Some(path) => io::write_atomic(&path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(0)
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
