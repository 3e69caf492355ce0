//! Input and output: closed pipes, a full disk, an output that is an input, file modes and links.

use super::*;

/// Runs grc with standard output a pipe whose reading end is closed before grc writes
/// (as `grc ... | head -c0` does).
fn grc_into_closed_pipe(args: &[&str]) -> Output {
    // The reading end is closed before grc starts. Closed after the spawn, it raced with
    // grc: on a loaded machine grc could write all its output into the pipe's buffer
    // first and end with its ordinary exit code (CI: `grc refs` of SORA, exit 1 for its
    // R001).
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("grc runs")
}

#[test]
fn a_closed_output_pipe_is_a_quiet_normal_end() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (_dir, copy) = scratch("regelingen/sora-2022.gr");
    let (_dir2, hernummeren) = scratch("tests/fixtures/edit/hernummeren.gr");
    let sora = "regelingen/sora-2022.gr";
    let wnk = "regelingen/wnk-2015.gr";
    let commands: Vec<Vec<&str>> = vec![
        vec!["render", sora],
        vec!["render", sora, "--to", "md"],
        vec!["tree", sora],
        vec!["tree", sora, "--format", "json"],
        vec!["check", sora, wnk],
        vec!["check", sora, "--format", "json"],
        vec!["refs", sora],
        vec!["refs", sora, "--format", "json"],
        vec!["stemmen", sora],
        vec!["stemmen", wnk, sora, "--format", "json"],
        vec!["diff", wnk, sora],
        vec!["diff", wnk, sora, "--format", "tabel"],
        vec!["diff", wnk, sora, "--format", "besluit", "--to", "text"],
        vec!["fix", copy.to_str().unwrap()],
        vec!["renumber", hernummeren.to_str().unwrap()],
        vec!["build", "regelingen", "-o", out.to_str().unwrap()],
        vec!["--help"],
    ];
    for args in commands {
        let o = grc_into_closed_pipe(&args);
        let err = stderr(&o);
        assert!(
            matches!(o.status.code(), Some(0) | Some(141)),
            "grc {args:?}: {:?}\n{err}",
            o.status
        );
        assert!(
            !err.contains("panicked") && !err.contains("fout:"),
            "grc {args:?}: {err}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_an_io_error() {
    for args in [
        vec!["render", "regelingen/sora-2022.gr"],
        vec!["tree", "regelingen/sora-2022.gr", "--format", "json"],
        vec!["check", "regelingen/wnk-2015.gr", "--format", "json"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_grc"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(full)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "grc {args:?}: {err}");
        assert!(
            err.contains("fout: standaarduitvoer: schrijven mislukt (de schijf is vol)"),
            "grc {args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn an_output_that_is_also_an_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    let sora = src.join("sora-2022.gr");
    let wnk = src.join("wnk-2015.gr");
    let before = std::fs::read(&sora).unwrap();
    std::fs::hard_link(&sora, tmp.path().join("hard.gr")).unwrap();
    std::os::unix::fs::symlink(&sora, tmp.path().join("zacht.gr")).unwrap();
    std::fs::write(tmp.path().join("besluit.txt"), "besluit").unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "render",
            "regelingen/sora-2022.gr",
            "-o",
            "regelingen/sora-2022.gr",
        ],
        vec![
            "render",
            "regelingen/sora-2022.gr",
            "-o",
            "./regelingen/../regelingen/sora-2022.gr",
        ],
        vec![
            "render",
            "regelingen/sora-2022.gr",
            "--to",
            "md",
            "-o",
            "hard.gr",
        ],
        vec!["render", "regelingen/sora-2022.gr", "-o", "zacht.gr"],
        vec![
            "diff",
            "regelingen/wnk-2015.gr",
            "regelingen/sora-2022.gr",
            "-o",
            "hard.gr",
        ],
        vec![
            "diff",
            "regelingen/wnk-2015.gr",
            "regelingen/sora-2022.gr",
            "--format",
            "tabel",
            "-o",
            "regelingen/wnk-2015.gr",
        ],
        vec![
            "apply",
            "regelingen/wnk-2015.gr",
            "besluit.txt",
            "-o",
            "besluit.txt",
        ],
        vec![
            "apply",
            "regelingen/sora-2022.gr",
            "besluit.txt",
            "-o",
            "zacht.gr",
        ],
    ];
    for args in cases {
        let o = grc_in(tmp.path(), &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "grc {args:?}: {err}");
        assert!(
            err.contains("dit bestand is ook invoer"),
            "grc {args:?}: {err}"
        );
        assert!(err.contains("er is niets geschreven"), "{err}");
        assert_eq!(std::fs::read(&sora).unwrap(), before, "grc {args:?}");
    }
    assert!(std::fs::read(&wnk).unwrap().starts_with(b"---"));
    assert_eq!(
        std::fs::read(tmp.path().join("besluit.txt")).unwrap(),
        b"besluit"
    );
    // A template is an input too.
    let huisstijl = tmp.path().join("huisstijl");
    std::fs::create_dir(&huisstijl).unwrap();
    std::fs::write(huisstijl.join("stijl.css"), "body {}").unwrap();
    let o = grc_in(
        tmp.path(),
        &[
            "render",
            "regelingen/sora-2022.gr",
            "--templates",
            "huisstijl",
            "-o",
            "huisstijl/stijl.css",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(huisstijl.join("stijl.css")).unwrap(),
        b"body {}"
    );
    // A build replaces its whole output folder: never the folder it reads, nor one that
    // holds it.
    for out in [
        "regelingen",
        "./regelingen/",
        ".",
        tmp.path().to_str().unwrap(),
    ] {
        let o = grc_in(tmp.path(), &["build", "regelingen", "-o", out]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "-o {out}: {err}");
        assert!(
            err.contains("de uitvoermap bevat de map met regelingen"),
            "{err}"
        );
        assert_eq!(std::fs::read(&sora).unwrap(), before);
    }
    let o = grc_in(
        tmp.path(),
        &[
            "build",
            "regelingen",
            "--templates",
            "huisstijl",
            "-o",
            "huisstijl",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(huisstijl.join("stijl.css").exists());
}

#[cfg(unix)]
#[test]
fn write_keeps_the_mode_symbolic_links_and_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // A private file stays private.
    let (dir, copy) = scratch("regelingen/sora-2022.gr");
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let o = grc(&["fix", copy.to_str().unwrap(), "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(std::fs::read(&copy).unwrap(), before);
    assert_eq!(mode(&copy), 0o600);
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (_d, renumber) = scratch("tests/fixtures/edit/hernummeren.gr");
    std::fs::set_permissions(&renumber, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = grc(&["renumber", renumber.to_str().unwrap(), "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(mode(&renumber), 0o640);

    // Through a symbolic link: the link stays, the file it points to changes.
    let target = dir.path().join("doel.gr");
    std::fs::write(&target, &before).unwrap();
    let link = dir.path().join("koppeling.gr");
    std::os::unix::fs::symlink("doel.gr", &link).unwrap();
    let o = grc(&["fix", link.to_str().unwrap(), "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("doel.gr"));
    assert_ne!(std::fs::read(&target).unwrap(), before);

    // Hard links: every name still shows the same (new) file.
    let first = dir.path().join("een.gr");
    std::fs::write(&first, &before).unwrap();
    let second = dir.path().join("twee.gr");
    std::fs::hard_link(&first, &second).unwrap();
    let inode = std::fs::metadata(&first).unwrap().ino();
    let o = grc(&["fix", first.to_str().unwrap(), "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = std::fs::read(&first).unwrap();
    assert_ne!(after, before);
    assert_eq!(std::fs::read(&second).unwrap(), after);
    assert_eq!(std::fs::metadata(&first).unwrap().ino(), inode);
    assert_eq!(std::fs::metadata(&first).unwrap().nlink(), 2);
    // No copies or temporary files are left beside them.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "doel.gr",
            "een.gr",
            "koppeling.gr",
            "sora-2022.gr",
            "twee.gr"
        ]
    );
}
