//! `grc build`: every regeling in a folder, and the compared pairs, into `out/`.

use std::path::PathBuf;

use grc::diagnostic;
use grc::report::{self, Sources};

use super::io::{self, IoProblem};
use super::outdir::Staging;
use super::stemmen::population_of;
use super::{color, io::read_in};
use grc::build::{Built, Output, Stop};

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
    let staging = Staging::open(&out)?;
    let name_of = |p: Option<&std::ffi::OsStr>| {
        p.map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let names: Vec<String> = checked
        .iter()
        .map(|(file, ..)| name_of(file.file_name()))
        .collect();
    let (read, unread) = read_pairs(&dir, &names, &mut sources);
    // The regelingen's outputs and the pairs' are made on the machine's cores and come
    // back in this order (`grc::build::outputs`): the files, the index and which problem
    // stops the build are those of making them one after the other.
    let mut outputs: Vec<Output<'_>> = checked
        .iter()
        .map(|(file, regeling, diags, stemverhouding)| Output::Regeling {
            stem: name_of(file.file_stem()),
            regeling,
            diags,
            stemverhouding: stemverhouding.as_ref(),
        })
        .collect();
    outputs.extend(read.iter().map(|p| {
        Output::Pair(grc::build::Pair {
            name: &p.name,
            old: &checked[p.old].1,
            new: &checked[p.new].1,
            toelichting: p.toelichting.as_ref().map(|(n, t)| (n.as_str(), t)),
        })
    }));
    let (mut index, mut pairs, mut pair_warnings) = (Vec::new(), Vec::new(), Vec::new());
    // Written from the cores that make the files, each as soon as it is made (one at a
    // time: the folder's list of what it holds is one).
    let shared = std::sync::Mutex::new(staging);
    let put = |name: &str, bytes: &[u8]| {
        shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .write(name, bytes)
            .map_err(|e| e.to_string())
    };
    let made = grc::build::outputs(env, outputs, &put, |built| {
        match built {
            Built::Regeling(made) => {
                index.push(made.map_err(|e| Halt::Io(IoProblem::new(e)))?);
            }
            Built::Pair(Ok((entry, warnings))) => {
                pairs.push(entry);
                pair_warnings.extend(warnings);
            }
            Built::Pair(Err(Stop::Besluit(e))) => {
                errln!("fout: {e}");
                return Err(Halt::Besluit);
            }
            Built::Pair(Err(Stop::Template(e) | Stop::Write(e))) => {
                return Err(Halt::Io(IoProblem::new(e)));
            }
        }
        Ok(())
    });
    let mut staging = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match made {
        Ok(()) => {}
        Err(Halt::Io(problem)) => return Err(problem),
        Err(Halt::Besluit) => {
            errln!(
                "bouwen afgebroken: er is niets geschreven naar {}",
                io::display_name(&out)
            );
            return Ok(1);
        }
    }
    if let Some(problem) = unread {
        return Err(problem);
    }
    for (_, _, diags, _) in checked {
        findings.extend(diags);
    }
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

/// Why the making of the outputs stopped: a problem to report (a template that fails, a
/// file not written), or a pair no wijzigingsbesluit can be written for (reported
/// already; the build writes nothing and exits with 1).
enum Halt {
    Io(IoProblem),
    Besluit,
}

/// A pair of `wijzigingen.toml` as read: its name, its old and new version (positions in
/// the build's regelingen) and its toelichting (file name and parsed text).
struct ReadPair {
    name: String,
    old: usize,
    new: usize,
    toelichting: Option<(String, grc::diff::toelichting::Toelichting)>,
}

/// Reads `wijzigingen.toml` and the toelichtingen it names (named relative to `dir`;
/// `names`: the file names of the build's regelingen). The pairs read before the first
/// problem, and that problem: the build reports it once those pairs are made, where it
/// met it when it read each pair just before making it.
fn read_pairs(
    dir: &std::path::Path,
    names: &[String],
    sources: &mut Sources,
) -> (Vec<ReadPair>, Option<IoProblem>) {
    let mut read = Vec::new();
    let problem = (|| {
        let config = dir.join("wijzigingen.toml");
        if !config.is_file() {
            return Ok(());
        }
        let loaded = read_in(&config, Some(dir))?;
        let pairs = grc::diff::pairs::parse(&loaded.name, &loaded.text)
            .map_err(|d| IoProblem::new(format!("{}:{}: {}", d.file, d.line, d.message)))?;
        let find = |name: &str| {
            names.iter().position(|n| n == name).ok_or_else(|| {
                IoProblem::new(format!(
                    "{}: {name} staat niet in {}",
                    loaded.name,
                    io::display_name(dir)
                ))
            })
        };
        for pair in pairs {
            let (old, new) = (find(&pair.oud)?, find(&pair.nieuw)?);
            let toelichting = match &pair.toelichting {
                Some(t) => {
                    let l = read_in(&dir.join(t), Some(dir))?;
                    sources.add(&l.name, &l.text);
                    let parsed = grc::diff::toelichting::parse(&l.name, &l.text).map_err(|d| {
                        IoProblem::new(format!("{}:{}: {}", d.file, d.line, d.message))
                    })?;
                    Some((l.name, parsed))
                }
                None => None,
            };
            read.push(ReadPair {
                name: pair.naam,
                old,
                new,
                toelichting,
            });
        }
        Ok(())
    })()
    .err();
    (read, problem)
}
