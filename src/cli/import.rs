//! `grc import FILE [-o OUT.gr]`: published XML (CVDR, BWB) → `.gr` (see `grc::import`).

use std::path::{Path, PathBuf};

use grc::diagnostic;
use grc::report::{self, Sources};

use super::io::{self, IoProblem};

pub fn run(file: PathBuf, out: Option<PathBuf>) -> Result<u8, IoProblem> {
    if let Some(out) = &out {
        io::refuse_input_as_output(out, &[file.as_path()])?;
    }
    let loaded = io::read_source(&file)?;
    let mut sources = Sources::default();
    sources.add(&loaded.name, &loaded.text);
    if let Some(d) = loaded.decode_problem {
        err!("{}", report::human(&[d], &sources, super::color()));
        errln!("niet geïmporteerd: sla het bestand op als UTF-8");
        return Ok(1);
    }
    let imported = match grc::import::import(&loaded.name, &loaded.text) {
        Ok(i) => i,
        Err(diags) => {
            err!("{}", report::human(&diags, &sources, super::color()));
            errln!("niet geïmporteerd: er is niets geschreven");
            return Ok(1);
        }
    };
    if !imported.diagnostics.is_empty() {
        err!(
            "{}",
            report::human(&imported.diagnostics, &sources, super::color())
        );
    }
    // The result is read back as `grc check` would: parse errors in it are reported
    // (the file is complete, so it is still written, to be corrected by hand).
    let gr_name = out
        .as_deref()
        .map_or_else(|| format!("{}.gr", stem(&file)), io::display_name);
    let (_, parse_diags) = grc::source::parse(&gr_name, &imported.source);
    let errors: Vec<_> = parse_diags
        .into_iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .collect();
    match &out {
        Some(path) => {
            io::write_file(path, imported.source.as_bytes())?;
            errln!(
                "{}: geïmporteerd uit {}, {}",
                io::display_name(path),
                loaded.name,
                imported.format.dutch()
            );
        }
        None => out!("{}", imported.source),
    }
    if !errors.is_empty() {
        let mut gr = Sources::default();
        gr.add(&gr_name, &imported.source);
        err!("{}", report::human(&errors, &gr, super::color()));
        errln!("de geïmporteerde tekst heeft fouten; verbeter ze in het .gr-bestand");
        return Ok(1);
    }
    Ok(0)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".to_string())
}
