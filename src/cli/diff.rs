//! `grc diff` and `grc apply`: reading the two versions, comparing, formatting.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};

use super::io::{self, IoProblem};
use super::{BesluitVorm, DiffFormat, DiffTo, Parsed, color, parse_file};

pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: DiffFormat,
    /// `--to` as given (refused where it does not apply).
    pub to: Option<DiffTo>,
    pub options: grc::diff::Options,
    pub toelichting: Option<PathBuf>,
    /// `--vorm` as given (only for the besluit).
    pub vorm: Option<BesluitVorm>,
    pub out: Option<PathBuf>,
    /// The files of `--templates`, inputs too.
    pub templates: Vec<PathBuf>,
}

/// Parses both files; on parse errors reports them and returns `None`.
pub(super) fn both(
    old: &std::path::Path,
    new: &std::path::Path,
) -> Result<Option<(Parsed, Parsed)>, IoProblem> {
    // The two versions are read and parsed at the same time (on two cores this halves
    // the largest part of `grc diff` on big files).
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| parse_file(new));
        let a = parse_file(old);
        (
            a,
            other
                .join()
                .unwrap_or_else(|_| Err(IoProblem::new("lezen mislukt"))),
        )
    });
    let (a, b) = (a?, b?);
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
    // Only now index the sources for quoting (that is work on large files).
    let mut sources = Sources::default();
    sources.add(&a.regeling.file, &a.text);
    sources.add(&b.regeling.file, &b.text);
    diagnostic::sort(&mut problems);
    err!("{}", report::human(&problems, &sources, color()));
    errln!("niet vergeleken: los eerst de fouten op");
    Ok(None)
}

pub fn run(args: Args, env: &minijinja::Environment<'static>) -> Result<u8, IoProblem> {
    refuse_options_that_do_not_apply(&args)?;
    let to = args.to.unwrap_or(DiffTo::Md);
    if let Some(out) = &args.out {
        let config = args
            .old
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join("wijzigingen.toml");
        let named = toelichting_for(&args.old, &args.new).ok().flatten();
        let mut inputs = vec![args.old.as_path(), args.new.as_path(), config.as_path()];
        inputs.extend(args.toelichting.as_deref());
        inputs.extend(named.as_deref());
        inputs.extend(args.templates.iter().map(PathBuf::as_path));
        io::refuse_input_as_output(out, &inputs)?;
    }
    if to == DiffTo::Docx {
        io::refuse_binary_on_terminal(args.out.as_deref())?;
    }
    let Some((a, b)) = both(&args.old, &args.new)? else {
        return Ok(1);
    };
    // Only the tabel shows a cell's paragraphs.
    let options = grc::diff::Options {
        breaks: args.format == DiffFormat::Tabel,
        ..args.options
    };
    let compare = || grc::diff::compare(&a.regeling, &b.regeling, &options);
    let mut sources = Sources::default();
    let mut warnings = Vec::new();
    let bytes = match args.format {
        // One line of JSON (30 MB for a 5 MB pair pretty-printed is mostly indentation);
        // `jq .` makes it readable.
        DiffFormat::Json => {
            // The texts are kept for quoting findings, and the JSON quotes none: freed
            // before the comparison, whose end is the peak (issue 17: memory).
            drop((a.text, b.text));
            let cmp = compare();
            // The comparison owns what it reports: the two trees (about ten times the
            // input) are freed before the JSON is made, not held beside it.
            drop((a.regeling, b.regeling));
            // The bytes `to_string` gives, with the newline pushed on, not copied to a
            // second string (issue 17: memory).
            let mut json =
                serde_json::to_vec(&grc::schema::Versioned::new(&cmp)).unwrap_or_default();
            json.push(b'\n');
            json
        }
        DiffFormat::Besluit => {
            // Versions no besluit can be written for (a number used twice, an article
            // without number, ...) are a problem of the documents: exit 1, not 2. Two
            // identical versions get no (empty) besluit either: exit 1, nothing written.
            use grc::besluit::generate::Vorm;
            let vorm = match args.vorm {
                None => Vorm::Auto,
                Some(BesluitVorm::Wijziging) => Vorm::Wijziging,
                Some(BesluitVorm::Integraal) => Vorm::Integraal,
            };
            let generated =
                grc::besluit::generate::generate_with(&a.regeling, &b.regeling, &compare(), vorm);
            let besluit = match generated {
                Ok(b) => b,
                Err(e @ grc::besluit::generate::Refusal::Identical { .. }) => {
                    errln!("geen wijzigingsbesluit: {e}");
                    return Ok(1);
                }
                Err(e) => {
                    errln!("fout: {e}");
                    return Ok(1);
                }
            };
            // Defects of the new text the besluit enacts: loud, but the besluit is
            // written (the text is what the deelnemers agreed on).
            if !besluit.warnings.is_empty() {
                warnings = besluit.warnings.clone();
                sources.add(&a.regeling.file, &a.text);
                sources.add(&b.regeling.file, &b.text);
            }
            // The besluit holds what the templates read: the trees are freed first.
            drop((a, b));
            match to {
                DiffTo::Docx => grc::render::docx::besluit(env, &besluit),
                DiffTo::Text => grc::besluit::render(env, &besluit, "txt").map(String::into_bytes),
                DiffTo::Md => grc::besluit::render(env, &besluit, "md").map(String::into_bytes),
                DiffTo::Html => grc::besluit::render(env, &besluit, "html").map(String::into_bytes),
            }
            .map_err(IoProblem::new)?
        }
        DiffFormat::Tabel => {
            let cmp = compare();
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
                            err!("{}", report::human(&[*d], &sources, color()));
                            return Ok(1);
                        }
                    }
                }
                None => None,
            };
            let rows = grc::render::wijzigingen::rows(&cmp, toelichting.as_ref().map(|t| &t.1));
            if let Some((name, t)) = &toelichting {
                warnings = grc::build::toelichting_warnings(
                    name,
                    t,
                    &rows,
                    &cmp,
                    &a.regeling,
                    &b.regeling,
                );
                sources.add(&a.regeling.file, &a.text);
                sources.add(&b.regeling.file, &b.text);
            }
            let (old, new) = (&a.regeling, &b.regeling);
            page(
                to,
                || grc::render::docx::tabel(env, old, new, &rows),
                |f| grc::render::wijzigingen::tabel(env, old, new, &rows, f),
            )?
        }
        DiffFormat::Renvooi => {
            // The renvooi quotes no finding: the texts are freed before comparing.
            drop((a.text, b.text));
            let cmp = compare();
            let (old, new) = (&a.regeling, &b.regeling);
            page(
                to,
                || grc::render::docx::renvooi(env, old, new, &cmp),
                |f| grc::render::wijzigingen::renvooi(env, old, new, &cmp, f),
            )?
        }
    };
    if !warnings.is_empty() {
        err!("{}", report::human(&warnings, &sources, color()));
    }
    match args.out {
        Some(path) => io::write_file(&path, &bytes)?,
        None => io::stdout_bytes(&bytes)?,
    }
    Ok(0)
}

/// The tabel or renvooi in the `--to` asked for: Word, or text in HTML or Markdown (the
/// default; `--to text` was refused before).
fn page(
    to: DiffTo,
    docx: impl FnOnce() -> Result<Vec<u8>, String>,
    text: impl FnOnce(&str) -> Result<String, String>,
) -> Result<Vec<u8>, IoProblem> {
    match to {
        DiffTo::Docx => docx(),
        DiffTo::Html => text("html").map(String::into_bytes),
        DiffTo::Md | DiffTo::Text => text("md").map(String::into_bytes),
    }
    .map_err(IoProblem::new)
}

/// An option given for an output it does not shape is refused (exit 2), not ignored:
/// the user expected it to do something.
fn refuse_options_that_do_not_apply(args: &Args) -> Result<(), IoProblem> {
    let format = match args.format {
        DiffFormat::Json => "json",
        DiffFormat::Tabel => "tabel",
        DiffFormat::Renvooi => "renvooi",
        DiffFormat::Besluit => "besluit",
    };
    let problem = match (args.format, args.to) {
        (DiffFormat::Json, Some(_)) => Some(
            "--to geldt alleen voor --format tabel, renvooi en besluit; json heeft geen opmaak",
        ),
        (DiffFormat::Tabel | DiffFormat::Renvooi, Some(DiffTo::Text)) => {
            Some("--to text geldt alleen voor --format besluit; kies md of html")
        }
        _ if args.toelichting.is_some() && args.format != DiffFormat::Tabel => {
            Some("--toelichting geldt alleen voor --format tabel")
        }
        _ if args.vorm.is_some() && args.format != DiffFormat::Besluit => {
            Some("--vorm geldt alleen voor --format besluit")
        }
        _ => None,
    };
    match problem {
        Some(p) => Err(IoProblem::new(format!(
            "{p} (gegeven: --format {format}); zie `grc diff --help`"
        ))),
        None => Ok(()),
    }
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
        .map_err(|d| IoProblem::new(format!("{}:{}: {}", d.file, d.line, d.message)))?;
    let name = |p: &std::path::Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(pairs
        .into_iter()
        .find(|p| Some(&p.oud) == name(old).as_ref() && Some(&p.nieuw) == name(new).as_ref())
        .and_then(|p| p.toelichting)
        .map(|t| dir.join(t)))
}

pub fn apply(regeling: PathBuf, besluit: PathBuf, out: Option<PathBuf>) -> Result<u8, IoProblem> {
    if let Some(out) = &out {
        io::refuse_input_as_output(out, &[&regeling, &besluit])?;
    }
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
        .at(&loaded.name, text.regeling_at.unwrap_or_default());
        err!("{}", report::human(&[d], &sources, color()));
    }
    if problems.is_empty() {
        match grc::besluit::apply::apply(&p.regeling, &text, &loaded.name) {
            Ok(r) => {
                let consolidated = grc::source::write(&r);
                match out {
                    Some(path) => io::write_file(&path, consolidated.as_bytes())?,
                    None => out!("{consolidated}"),
                }
                return Ok(0);
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    diagnostic::sort(&mut problems);
    err!("{}", report::human(&problems, &sources, color()));
    errln!("er is niets geschreven");
    Ok(1)
}
