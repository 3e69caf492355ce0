//! The `grc` binary: commands, exit codes, output formats, and that nothing is written
//! when it should not be.

use std::path::Path;
use std::process::{Command, Output};

mod build;
mod check;
mod diff;
mod edit;
mod io;
mod render;

fn grc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("grc runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// A copy of a file in a fresh folder.
fn scratch(file: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(Path::new(file).file_name().unwrap());
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(file), &to).unwrap();
    (dir, to)
}

/// SORA 2022 with a second "Artikel 3" before artikel 4: an S001 that parses.
fn sora_with_article_3_twice() -> String {
    with_article_3_twice("regelingen/sora-2022.gr")
}

/// The regeling at `path` with a second article 3 before its article 4.
fn with_article_3_twice(path: &str) -> String {
    let sora = std::fs::read_to_string(path).unwrap();
    let doubled = sora.replacen(
        "Artikel 4 ",
        "Artikel 3 Nog eens drie\n\nTekst.\n\nArtikel 4 ",
        1,
    );
    assert_ne!(doubled, sora);
    doubled
}

fn grc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("grc runs")
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}
