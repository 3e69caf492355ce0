//! The files the equality tests of issue 17's fast paths read: every file under some
//! folders (the repository's, and the shared corpus where a machine has it).

use std::path::PathBuf;

/// Every file under `dirs` (missing folders are skipped) whose extension is one of
/// `exts` (any extension when it is empty), sorted.
pub(crate) fn under(dirs: &[&str], exts: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for p in entries.flatten().map(|e| e.path()) {
            if p.is_dir() {
                dirs.push(p);
            } else if exts.is_empty()
                || p.extension()
                    .is_some_and(|x| exts.iter().any(|e| x == std::ffi::OsStr::new(e)))
            {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}
