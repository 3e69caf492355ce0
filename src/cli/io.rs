//! The file system and the terminal, in one place: reading sources, finding regelingen,
//! writing standard output (a closed pipe is a normal end, never a panic), refusing an
//! output that is also an input, and writing files so that a reader never sees a
//! half-written file, a failed run leaves the old file in place, and a file keeps its
//! mode and its links (see `write_file`).

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use grc::diagnostic::Diagnostic;

/// Why a command stopped before its end.
#[derive(Debug)]
pub enum IoProblem {
    /// A problem with the file system or the command line: a Dutch message, exit code 2.
    Message(String),
    /// The reader of standard output went away (`grc ... | head`): a normal end, quiet.
    ClosedPipe,
}

impl IoProblem {
    pub fn new(message: impl Into<String>) -> IoProblem {
        IoProblem::Message(message.into())
    }
}

impl std::fmt::Display for IoProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IoProblem::Message(m) => f.write_str(m),
            IoProblem::ClosedPipe => f.write_str("de uitvoer is gesloten"),
        }
    }
}

/// An I/O error in Dutch (the OS's English text in brackets for the rare kinds).
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "niet gevonden".into(),
        ErrorKind::PermissionDenied => "geen rechten".into(),
        ErrorKind::StorageFull => "de schijf is vol".into(),
        ErrorKind::ReadOnlyFilesystem => "alleen-lezen bestandssysteem".into(),
        ErrorKind::IsADirectory => "dit is een map".into(),
        ErrorKind::NotADirectory => "een deel van het pad is geen map".into(),
        _ => format!("{e}"),
    }
}

/// Writes `text` to standard output and flushes it. A closed pipe is `ClosedPipe` (the
/// reader has what it wanted); any other failure (`> /dev/full`) is a Dutch error.
pub fn stdout(text: &str) -> Result<(), IoProblem> {
    stdout_bytes(text.as_bytes())
}

/// `stdout` for bytes that are not text (a DOCX); see [`refuse_binary_on_terminal`].
pub fn stdout_bytes(bytes: &[u8]) -> Result<(), IoProblem> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            ErrorKind::BrokenPipe => IoProblem::ClosedPipe,
            _ => IoProblem::new(format!(
                "standaarduitvoer: schrijven mislukt ({})",
                reason(&e)
            )),
        })
}

/// Writes `text` to standard error. A closed or full standard error is ignored: there is
/// nowhere left to report it.
pub fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
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

/// The name `-` stands for standard input (as an input) or standard output (as `-o`).
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How standard input is named in messages and on pages.
const STDIN_NAME: &str = "standaardinvoer";

/// Standard input, read to the end; it can be read once per run (`grc diff - -` would
/// compare it with nothing).
fn read_stdin() -> Result<Vec<u8>, IoProblem> {
    use std::io::Read;
    use std::sync::atomic::{AtomicBool, Ordering};
    static READ: AtomicBool = AtomicBool::new(false);
    if READ.swap(true, Ordering::SeqCst) {
        return Err(IoProblem::new(
            "- (de standaardinvoer) kan maar voor één invoer staan",
        ));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| IoProblem::new(format!("{STDIN_NAME}: kan niet lezen ({})", reason(&e))))?;
    Ok(bytes)
}

pub fn read_source(path: &Path) -> Result<Loaded, IoProblem> {
    read_in(path, None)
}

/// `read_source`, with the file named relative to `root` when it lies inside it (for
/// `grc build`, whose output must not depend on how its folder was named).
pub fn read_in(path: &Path, root: Option<&Path>) -> Result<Loaded, IoProblem> {
    let name = match root.and_then(|r| path.strip_prefix(r).ok()) {
        _ if is_stdio(path) => STDIN_NAME.to_string(),
        Some(relative) => display_name(relative),
        None => display_name(path),
    };
    let bytes = if is_stdio(path) {
        read_stdin()?
    } else {
        fs::read(path).map_err(|e| IoProblem::new(read_error(&name, &e)))?
    };
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
        IoProblem::new(format!(
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

/// Writes `bytes` to the file `path` names, creating its folder if needed, such that
///
/// - a symbolic link stays a link: the file it points to gets the new text;
/// - the file keeps its permissions (a 0600 file stays 0600; the temporary file is 0600
///   from the start, so a private text is never readable by others on the way);
/// - a file with one name is replaced atomically: a temporary file beside it, then a
///   rename, so a reader never sees half a file and a failed write leaves the old one;
/// - a file with several names (hard links) stays one file: a rename would give this name
///   a new file and leave the other names with the old text, so it is overwritten in
///   place instead, after a copy of the old text is saved beside it. The copy is removed
///   when the write succeeded; when it failed the old text is put back, and if even that
///   fails the error names the copy. (Not atomic for a reader, but nothing is lost.)
///
/// The owner is not kept when a rename replaces the file (that needs root).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IoProblem> {
    write_following_links(path, bytes, 0)
}

fn write_following_links(path: &Path, bytes: &[u8], depth: u32) -> Result<(), IoProblem> {
    let shown = display_name(path);
    let fail =
        |e: std::io::Error| IoProblem::new(format!("{shown}: schrijven mislukt ({})", reason(&e)));
    if let Ok(m) = fs::symlink_metadata(path)
        && m.file_type().is_symlink()
    {
        if depth > 40 {
            return Err(IoProblem::new(format!(
                "{shown}: te veel symbolische koppelingen achter elkaar"
            )));
        }
        let link = fs::read_link(path).map_err(fail)?;
        return write_following_links(&parent_of(path).join(link), bytes, depth + 1);
    }
    let existing = fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(IoProblem::new(format!(
            "{shown}: dit is een map, geen bestand; er is niets geschreven"
        )));
    }
    let dir = parent_of(path);
    fs::create_dir_all(dir).map_err(|e| {
        IoProblem::new(format!(
            "{}: map niet te maken ({})",
            display_name(dir),
            reason(&e)
        ))
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".into());
    if existing.as_ref().is_some_and(|m| links(m) > 1) {
        return write_in_place(path, dir, &name, bytes);
    }
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let _ = fs::remove_file(&tmp);
        // A new file gets the usual mode (0666 less the umask), as `File::create` gives.
        let mut f = match &existing {
            Some(m) => {
                let f = create_private(&tmp)?;
                f.set_permissions(m.permissions())?;
                f
            }
            None => fs::File::create_new(&tmp)?,
        };
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Overwrites a file with several hard links in place (see `write_file`).
fn write_in_place(path: &Path, dir: &Path, name: &str, bytes: &[u8]) -> Result<(), IoProblem> {
    let shown = display_name(path);
    let old = fs::read(path)
        .map_err(|e| IoProblem::new(format!("{shown}: kan niet lezen ({})", reason(&e))))?;
    let backup = dir.join(format!(".{name}.grc-kopie-{}", std::process::id()));
    let overwrite = |bytes: &[u8]| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    let saved = (|| {
        let mut f = create_private(&backup)?;
        f.write_all(&old)?;
        f.sync_all()
    })();
    if let Err(e) = saved {
        let _ = fs::remove_file(&backup);
        return Err(IoProblem::new(format!(
            "{shown}: schrijven mislukt: geen kopie van de oude tekst te maken ({}); het bestand is ongewijzigd",
            reason(&e)
        )));
    }
    match overwrite(bytes) {
        Ok(()) => {
            let _ = fs::remove_file(&backup);
            Ok(())
        }
        Err(e) if overwrite(&old).is_ok() => {
            let _ = fs::remove_file(&backup);
            Err(IoProblem::new(format!(
                "{shown}: schrijven mislukt ({}); het bestand is ongewijzigd",
                reason(&e)
            )))
        }
        Err(e) => Err(IoProblem::new(format!(
            "{shown}: schrijven mislukt ({}); de oude tekst staat in {}",
            reason(&e),
            display_name(&backup)
        ))),
    }
}

/// A new file only its owner can read (mode 0600 on Unix).
fn create_private(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// How many names (hard links) the file has.
fn links(m: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(m)
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        1
    }
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether two paths name the same existing file: the same path, a symbolic link to it,
/// or another hard link (same device and inode).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            x.dev() == y.dev() && x.ino() == y.ino()
        }
        _ => matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y),
    }
}

/// Refuses an output file that is also an input of the same run (`grc render a.gr -o
/// a.gr` would replace the regeling with its HTML).
/// Writes a command's whole output: to `out` (atomically; refused when it is one of
/// `inputs`), or to standard output without `out`.
pub fn emit(out: Option<&Path>, inputs: &[&Path], bytes: &[u8]) -> Result<(), IoProblem> {
    match out {
        Some(path) => {
            refuse_input_as_output(path, inputs)?;
            write_file(path, bytes)
        }
        None => stdout_bytes(bytes),
    }
}

pub fn refuse_input_as_output(output: &Path, inputs: &[&Path]) -> Result<(), IoProblem> {
    match inputs.iter().find(|input| same_file(output, input)) {
        Some(input) => Err(IoProblem::new(format!(
            "{}: dit bestand is ook invoer ({}); kies een ander uitvoerbestand, er is niets geschreven",
            display_name(output),
            display_name(input)
        ))),
        None => Ok(()),
    }
}

/// The path made absolute with every symbolic link resolved, also when it does not exist
/// yet (then its nearest existing ancestor is resolved).
pub fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) if parent != absolute => resolved(parent).join(name),
        _ => absolute,
    }
}

/// The files in a `--templates` folder (inputs: an output must not replace one).
pub fn template_files(dir: Option<&Path>) -> Vec<PathBuf> {
    let Some(Ok(entries)) = dir.map(fs::read_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect()
}

/// A Word document (a zip) on a terminal is unreadable bytes that can upset the
/// terminal: refused (exit 2) before any work, unless it goes to a file or a pipe.
pub fn refuse_binary_on_terminal(out: Option<&Path>) -> Result<(), IoProblem> {
    use std::io::IsTerminal;
    if out.is_none() && std::io::stdout().is_terminal() {
        return Err(IoProblem::new(
            "een Word-document (docx) wordt niet naar de terminal geschreven; \
             gebruik -o BESTAND.docx of leid de uitvoer om (> bestand.docx)",
        ));
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
        IoProblem::new(format!(
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
            .map_err(|e| IoProblem::new(read_error(&display_name(&path), &e)))?;
        overrides.push((name.to_string(), text));
    }
    overrides.sort();
    grc::render::environment_with(overrides)
        .map_err(|e| IoProblem::new(format!("{}: {e}", display_name(dir))))
}
