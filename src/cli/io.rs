//! The file system, in one place: reading sources, finding regelingen, writing outputs
//! atomically (a temporary file in the same folder, then a rename), so a reader never
//! sees a half-written file and a failed run leaves the old file in place.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use grc::diagnostic::Diagnostic;

/// A problem with the file system or the command line: exit code 2.
#[derive(Debug)]
pub struct IoProblem(pub String);

impl std::fmt::Display for IoProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A source file read and decoded: its display name, its text, and a diagnostic if it
/// was not valid UTF-8.
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub decode_problem: Option<Diagnostic>,
}

pub fn display_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

pub fn read_source(path: &Path) -> Result<Loaded, IoProblem> {
    let name = display_name(path);
    let bytes = fs::read(path).map_err(|e| IoProblem(read_error(&name, &e)))?;
    let (text, decode_problem) = grc::source::decode(&name, &bytes);
    Ok(Loaded {
        name,
        text,
        decode_problem,
    })
}

fn read_error(name: &str, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("{name}: bestand niet gevonden"),
        std::io::ErrorKind::PermissionDenied => format!("{name}: geen leesrechten"),
        std::io::ErrorKind::IsADirectory => format!("{name}: dit is een map, geen bestand"),
        std::io::ErrorKind::InvalidData => format!("{name}: geen geldige UTF-8-tekst"),
        _ => format!("{name}: kan niet lezen ({e})"),
    }
}

/// The `.gr` files directly in `dir`, sorted by name.
pub fn regelingen_in(dir: &Path) -> Result<Vec<PathBuf>, IoProblem> {
    let entries = fs::read_dir(dir).map_err(|e| {
        IoProblem(format!(
            "{}: map niet te lezen ({})",
            display_name(dir),
            e.kind()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "gr") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IoProblem> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)
        .map_err(|e| IoProblem(format!("{}: map niet te maken ({e})", display_name(dir))))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(IoProblem(format!(
            "{}: schrijven mislukt ({e})",
            display_name(path)
        )));
    }
    Ok(())
}

/// The template environment: the built-in templates, with the files of `dir` (if given)
/// replacing them by name.
pub fn templates(dir: Option<&Path>) -> Result<minijinja::Environment<'static>, IoProblem> {
    let Some(dir) = dir else {
        return Ok(grc::render::environment());
    };
    let entries = fs::read_dir(dir).map_err(|e| {
        IoProblem(format!(
            "{}: sjablonenmap niet te lezen ({})",
            display_name(dir),
            e.kind()
        ))
    })?;
    let mut overrides = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let text = fs::read_to_string(&path)
            .map_err(|e| IoProblem(read_error(&display_name(&path), &e)))?;
        overrides.push((name.to_string(), text));
    }
    overrides.sort();
    grc::render::environment_with(overrides)
        .map_err(|e| IoProblem(format!("{}: {e}", display_name(dir))))
}
