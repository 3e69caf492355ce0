//! `grc build`: every regeling in a folder, and the compared pairs, into `out/`.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};
use grc::tree::Regeling;

use super::io::{self, IoProblem};
use super::outdir::Staging;
use super::stemmen::population_of;
use super::{color, diff};

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
    // anywhere stops the build before the output folder is touched. The CLI reads; the
    // library parses and checks on the machine's cores (`grc::build::parse_all`,
    // `check_all`). Problems reading are reported as when each file was read, parsed
    // and its population data read in turn: the first in that order stops the build.
    let loaded: Vec<_> = files.iter().map(|file| io::read_in(file, root)).collect();
    let mut parsed = grc::build::parse_all(
        loaded
            .iter()
            .flatten()
            .map(|l| (l.name.as_str(), l.text.as_str()))
            .collect(),
    )
    .into_iter();
    let mut to_check = Vec::new();
    for (file, l) in files.iter().zip(loaded) {
        let l = l?;
        let Some((regeling, mut diags)) = parsed.next() else {
            unreachable!("a tree for every text read")
        };
        if let Some(d) = l.decode_problem {
            diags.insert(0, d);
        }
        sources.add(&regeling.file, &l.text);
        if diagnostic::has_errors(&diags) {
            parse_errors.extend(diags);
            continue;
        }
        let population = population_of(file, root, &regeling, &mut sources)?;
        to_check.push((file, regeling, diags, population));
    }
    // Checked only when the build goes on.
    let mut checked = Vec::new();
    if parse_errors.is_empty() {
        let results = grc::build::check_all(
            to_check
                .iter_mut()
                .map(|(_, r, diags, population)| (&*r, std::mem::take(diags), population.take()))
                .collect(),
            options,
        );
        checked = to_check
            .into_iter()
            .zip(results)
            .map(|((file, regeling, _, _), (diags, s))| (file, regeling, diags, s))
            .collect();
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
