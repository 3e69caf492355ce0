//! The build's output folder, replaced as a whole: every file goes into a fresh folder
//! beside `out` (`<out>.new-<pid>`) as soon as it is made, and only a finished build is
//! swapped in (`out` → `<out>.old-<pid>`, the new one → `out`, the old one removed). A
//! build that stops or is killed half-way leaves the previous `out/` as it was (a killed
//! build's leftovers are removed by the next one), files of regelingen that no longer
//! exist disappear, and `out/` never mixes two builds. A symbolic link `out` stays a
//! link: the folder it points to is replaced. An existing folder that is not empty and
//! was not made by `grc build` (no `manifest.json`, nor the `index.html` and
//! `*.tree.json` of a build from before manifests) is refused, never replaced.
//!
//! Writing each file as it is finished (and dropping it) keeps a build's memory to the
//! files being made; holding every output until the swap made the peak grow with the
//! whole build, and holding a pair's until all eleven were made was most of a 100x
//! build's peak (issue 17, ninth round: memory).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::io::{IoProblem, display_name, reason, resolved};

/// A build being written: the fresh folder, and the name and size of every file in it
/// (for the manifest). Dropped without [`Staging::commit`], it removes the fresh folder:
/// `out/` is left as it was.
pub struct Staging {
    shown: String,
    target: PathBuf,
    parent: PathBuf,
    name: String,
    fresh: PathBuf,
    written: Vec<(String, usize)>,
    committed: bool,
}

impl Staging {
    /// Checks that `out` may be replaced and makes the fresh folder beside it.
    pub fn open(out: &Path) -> Result<Staging, IoProblem> {
        let shown = display_name(out);
        let target = resolved(out);
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            return Err(IoProblem::new(format!(
                "{shown}: hier kan geen uitvoermap staan"
            )));
        };
        let (parent, name) = (parent.to_path_buf(), name.to_string_lossy().into_owned());
        match fs::metadata(&target) {
            Ok(m) if !m.is_dir() => {
                return Err(IoProblem::new(format!(
                    "{shown}: dit is een bestand, geen map; er is niets geschreven"
                )));
            }
            Ok(_) => refuse_foreign(&target, &shown)?,
            Err(_) => {}
        }
        let fail = |what: &str, e: std::io::Error| failure(&shown, what, &e);
        fs::create_dir_all(&parent).map_err(|e| fail("map niet te maken", e))?;
        remove_leftovers(&parent, &name);
        let fresh = parent.join(format!("{name}.new-{}", std::process::id()));
        let _ = fs::remove_dir_all(&fresh);
        fs::create_dir(&fresh).map_err(|e| fail("schrijven mislukt", e))?;
        Ok(Staging {
            shown,
            target,
            parent,
            name,
            fresh,
            written: Vec::new(),
            committed: false,
        })
    }

    /// Writes one file of the build (its name relative to the folder) and syncs it.
    pub fn write(&mut self, file: &str, bytes: &[u8]) -> Result<(), IoProblem> {
        let path = self.fresh.join(file);
        (|| {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            let mut f = fs::File::create_new(&path)?;
            f.write_all(bytes)?;
            f.sync_all()
        })()
        .map_err(|e| failure(&self.shown, "schrijven mislukt", &e))?;
        self.written.push((file.to_string(), bytes.len()));
        Ok(())
    }

    /// The files written so far, with their sizes in bytes, in the order written.
    pub fn written(&self) -> &[(String, usize)] {
        &self.written
    }

    /// Swaps the finished folder in for `out`.
    pub fn commit(mut self) -> Result<(), IoProblem> {
        let fail = |what: &str, e: std::io::Error| failure(&self.shown, what, &e);
        fs::File::open(&self.fresh)
            .and_then(|d| d.sync_all())
            .map_err(|e| fail("schrijven mislukt", e))?;
        if self.target.exists() {
            let old = self
                .parent
                .join(format!("{}.old-{}", self.name, std::process::id()));
            fs::rename(&self.target, &old)
                .map_err(|e| fail("de oude uitvoer is niet weg te zetten", e))?;
            if let Err(e) = fs::rename(&self.fresh, &self.target) {
                let _ = fs::rename(&old, &self.target);
                return Err(fail(
                    "de nieuwe uitvoer is niet op zijn plaats te zetten",
                    e,
                ));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&self.fresh, &self.target)
                .map_err(|e| fail("de nieuwe uitvoer is niet op zijn plaats te zetten", e))?;
        }
        self.committed = true;
        if let Ok(d) = fs::File::open(&self.parent) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.fresh);
        }
    }
}

fn failure(shown: &str, what: &str, e: &std::io::Error) -> IoProblem {
    IoProblem::new(format!(
        "{shown}: {what} ({}); er is niets geschreven",
        reason(e)
    ))
}

/// Refuses a folder that is not empty and was not made by `grc build`.
fn refuse_foreign(target: &Path, shown: &str) -> Result<(), IoProblem> {
    let names: Vec<String> = fs::read_dir(target)
        .map_err(|e| failure(shown, "map niet te lezen", &e))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // A build from before manifests: an index beside the trees it lists.
    let earlier_build =
        names.iter().any(|n| n == "index.html") && names.iter().any(|n| n.ends_with(".tree.json"));
    if !names.is_empty() && !names.iter().any(|n| n == grc::build::MANIFEST) && !earlier_build {
        return Err(IoProblem::new(format!(
            "{shown}: deze map is niet leeg en niet door grc build gemaakt (er staat geen {}); \
             grc build vervangt de hele map, kies een lege of nieuwe map",
            grc::build::MANIFEST
        )));
    }
    Ok(())
}

/// Removes `<name>.new-<pid>` and `<name>.old-<pid>` folders of earlier builds that were
/// killed half-way (on Linux: only those whose process no longer runs, so two builds at
/// once do not remove each other's work).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(name)
            .and_then(|r| r.strip_prefix(".new-").or_else(|| r.strip_prefix(".old-")))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let running = pid != own
            && Path::new("/proc/self").exists()
            && Path::new("/proc").join(pid.to_string()).exists();
        if !running && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
