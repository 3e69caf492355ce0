//! `grc build`: every regeling in a folder, and the compared pairs, into `out/`.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};
use grc::tree::Regeling;

use super::io::{self, IoProblem};
use super::outdir::Staging;
use super::stemmen::voting;
use super::{color, diff, parse_file_in};

pub(super) fn run(
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
    // Every regeling is read and checked before anything is written, so a parse error
    // anywhere stops the build before the output folder is touched.
    let mut checked = Vec::new();
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
        checked.push((file, p.regeling, diags, stemverhouding));
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
    // Each file goes into the fresh folder as soon as it is made, and is dropped; the
    // folder replaces `out` only when the build is complete (dropped unfinished, it is
    // removed and `out` stays as it was).
    let mut staging = Staging::open(&out)?;
    let mut index = Vec::new();
    let mut trees: Vec<(String, Regeling)> = Vec::new();
    for (file, regeling, diags, stemverhouding) in checked {
        let name_of = |p: Option<&std::ffi::OsStr>| {
            p.map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let stem = name_of(file.file_stem());
        let (produced, entry) =
            grc::build::regeling(env, &stem, &regeling, &diags, stemverhouding.as_ref())
                .map_err(IoProblem::new)?;
        for (name, bytes) in produced {
            staging.write(&name, &bytes)?;
        }
        index.push(entry);
        findings.extend(diags);
        trees.push((name_of(file.file_name()), regeling));
    }
    let Some((pairs, pair_warnings)) =
        diff::pairs_for_build(&dir, &trees, env, &mut sources, &mut staging)?
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
    findings.extend(pair_warnings);
    for (name, bytes) in
        grc::build::finish(env, staging.written(), &index, &pairs).map_err(IoProblem::new)?
    {
        staging.write(&name, &bytes)?;
    }
    let written = staging.written().len();
    staging.commit()?;
    diagnostic::sort(&mut findings);
    outln!(
        "{} regelingen gebouwd naar {} ({} bestanden); controle: {}",
        files.len(),
        io::display_name(&out),
        written,
        report::summary(&findings)
    );
    Ok(0)
}
