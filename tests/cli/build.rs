//! grc build: every output, a fresh folder swapped in, nothing half-written.

use super::*;

#[test]
fn build_writes_every_regeling() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = grc(&["build", "regelingen", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    for f in [
        "sora-2022.tree.json",
        "wnk-2015.tree.json",
        "sora-2022.check.json",
    ] {
        let p = out.join(f);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|_| panic!("{f} written"));
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }
    // The index links every file it lists, and every file the build wrote is listed.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let mut linked: Vec<String> = index
        .split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    linked.sort();
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html" && n != "manifest.json")
        .collect();
    written.sort();
    assert_eq!(linked, written);
    for f in [
        "sora-2022.html",
        "wnk-2015.html",
        "sora-2022.md",
        "wnk-2015.md",
    ] {
        assert!(
            std::fs::metadata(out.join(f)).unwrap().len() > 20_000,
            "{f}"
        );
    }
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    let out = tmp.path().join("out");
    let o = grc(&["build", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = std::fs::read(out.join("sora-2022.tree.json")).unwrap();
    let before_html = std::fs::read(out.join("sora-2022.html")).unwrap();
    let before_index = std::fs::read(out.join("index.html")).unwrap();
    // Break one regeling: the build must fail and write nothing, not even the good one.
    std::fs::write(
        src.join("kapot.gr"),
        "---\ntitel: Kapot\n---\nArtikel\n\n1. Tekst.\n",
    )
    .unwrap();
    let sora = src.join("sora-2022.gr");
    let text = std::fs::read_to_string(&sora).unwrap();
    std::fs::write(
        &sora,
        text.replace("Artikel 33 Citeertitel", "Artikel 33 Citeertitel van SORA"),
    )
    .unwrap();
    let o = grc(&["build", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("niets geschreven"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out.join("sora-2022.tree.json")).unwrap(),
        before
    );
    assert!(!out.join("kapot.tree.json").exists());
    assert_eq!(
        std::fs::read(out.join("sora-2022.html")).unwrap(),
        before_html
    );
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before_index);
}

#[test]
fn build_of_an_empty_folder_is_a_usage_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let o = grc(&[
        "build",
        tmp.path().to_str().unwrap(),
        "-o",
        tmp.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("geen .gr-bestanden gevonden"));
}

/// A pair in `wijzigingen.toml` that no wijzigingsbesluit can be written for (here an
/// article number used twice: an S001 finding that does not stop the pages, but makes
/// every instruction about that article ambiguous) stops the build: exit 1 with the
/// reason, nothing written (it was exit 2, as if the file system had failed). The new
/// version is WNK 2015 itself with the doubled article: SORA's opschrift would make the
/// besluit integral (Ar 6.7), which names no article and so is written.
#[test]
fn a_build_with_a_pair_no_besluit_fits_writes_nothing_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    std::fs::write(
        src.join("sora-2022.gr"),
        with_article_3_twice("regelingen/wnk-2015.gr"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = grc(&["build", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("wnk-2015--sora-2022: de nieuwe versie, regel")
            && err.contains("(S001)")
            && err.contains("niets geschreven"),
        "{err}"
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
    // The regelingen's files were written into a fresh folder before the pair failed
    // (each output is written as it is made): that folder is gone too.
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("out."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn build_swaps_in_a_fresh_folder_with_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    let out = tmp.path().join("out");
    let build = || grc_in(tmp.path(), &["build", "regelingen", "-o", "out"]);
    let o = build();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A page of a regeling that no longer exists, and the leftovers of killed builds.
    std::fs::write(out.join("oud-2010.html"), "oud").unwrap();
    for leftover in ["out.new-4000000000", "out.old-4000000001"] {
        std::fs::create_dir(tmp.path().join(leftover)).unwrap();
        std::fs::write(tmp.path().join(leftover).join("index.html"), "half").unwrap();
    }
    std::fs::create_dir(tmp.path().join("out.nieuw")).unwrap();
    let o = build();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join("oud-2010.html").exists());
    let mut beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["out", "out.nieuw", "regelingen"]);
    // The manifest lists exactly the other files, with their sizes.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let listed: Vec<(String, u64)> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["bytes"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut on_disk: Vec<(String, u64)> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .filter(|(n, _)| n != "manifest.json")
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk);
    assert!(listed.iter().any(|(n, _)| n == "sora-2022.html"));
    // A folder grc did not make is never replaced.
    let mine = tmp.path().join("mijn-map");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("brief.txt"), "bewaren").unwrap();
    let o = grc_in(tmp.path(), &["build", "regelingen", "-o", "mijn-map"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("niet door grc build gemaakt"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(mine.join("brief.txt")).unwrap(), b"bewaren");
    // The output of a build from before manifests is replaced.
    let earlier = tmp.path().join("eerder");
    std::fs::create_dir(&earlier).unwrap();
    std::fs::write(earlier.join("index.html"), "oud").unwrap();
    std::fs::write(earlier.join("oud-2010.tree.json"), "{}").unwrap();
    let o = grc_in(tmp.path(), &["build", "regelingen", "-o", "eerder"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!earlier.join("oud-2010.tree.json").exists());
    assert!(earlier.join("manifest.json").is_file());
}

#[test]
fn build_output_is_the_same_however_the_folder_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    let absolute = src.to_str().unwrap().to_string();
    let spellings = [
        ("regelingen", "uit1"),
        ("./regelingen/", "uit2"),
        (absolute.as_str(), "uit3"),
    ];
    for (dir, out) in spellings {
        let o = grc_in(tmp.path(), &["build", dir, "-o", out]);
        assert_eq!(o.status.code(), Some(0), "{dir}: {}", stderr(&o));
    }
    let names = |out: &str| {
        let mut n: Vec<String> = std::fs::read_dir(tmp.path().join(out))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let files = names("uit1");
    assert!(files.len() > 20);
    let root = tmp.path().to_str().unwrap();
    for out in ["uit2", "uit3"] {
        assert_eq!(names(out), files);
    }
    for f in &files {
        let first = std::fs::read(tmp.path().join("uit1").join(f)).unwrap();
        for out in ["uit2", "uit3"] {
            assert!(
                std::fs::read(tmp.path().join(out).join(f)).unwrap() == first,
                "{out}/{f} differs from uit1/{f}"
            );
        }
        let text = String::from_utf8_lossy(&first);
        assert!(!text.contains(root), "{f} shows a local path");
        assert!(
            !text.contains("regelingen/"),
            "{f} shows the folder it was built from"
        );
        // The published pages (a regeling, its stemverhouding, the index) name no source
        // file: nothing of the repository, only what the `publicatie` section chooses.
        let published = f == "index.html"
            || (f.ends_with(".html") && !f.contains("--") && !f.ends_with(".check.html"));
        if published {
            for repository in [".gr", "Bron:", "Gemaakt met grc", "Gebouwd met grc"] {
                assert!(!text.contains(repository), "{f} shows {repository}");
            }
        }
        // Every output in the index says what it is (a Word document was "bestand").
        if f == "index.html" {
            assert!(text.contains(">renvooi (Word, met bijgehouden wijzigingen)<"));
            assert!(!text.contains(">bestand<"), "an output without a name");
        }
    }
    // The published page of `grc render` names no source file at all: only what the
    // metadata's `publicatie` section chooses is shown.
    let o = grc_in(tmp.path(), &["render", &format!("{absolute}/sora-2022.gr")]);
    assert!(!stdout(&o).contains(root));
    assert!(!stdout(&o).contains("sora-2022.gr") && !stdout(&o).contains("Gemaakt met grc"));
}

#[test]
fn an_unused_toelichting_is_shown_at_its_own_key() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("toel.toml");
    std::fs::write(
        &t,
        "# Toelichting\nchp_1__art_1 = \"Begrippen.\"\n\n  chp_1__art_5 = \"Niet gewijzigd.\"\nbestaat_niet = \"x\"\n",
    )
    .unwrap();
    let o = grc(&[
        "diff",
        "regelingen/wnk-2015.gr",
        "regelingen/sora-2022.gr",
        "--format",
        "tabel",
        "--toelichting",
        t.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let shown = |key: &str| {
        let at = err.find(&format!("de toelichting bij {key}:")).unwrap();
        let rest = &err[at..];
        let from = rest.find("toel.toml:").unwrap() + "toel.toml:".len();
        rest[from..].split(' ').next().unwrap().to_string()
    };
    assert_eq!(shown("chp_1__art_5"), "4:3", "{err}");
    assert_eq!(shown("bestaat_niet"), "5:1", "{err}");
}

#[cfg(unix)]
#[test]
fn a_build_into_a_symbolic_link_keeps_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    std::os::unix::fs::symlink("site", tmp.path().join("out")).unwrap();
    for _ in 0..2 {
        let o = grc_in(tmp.path(), &["build", "regelingen", "-o", "out"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let link = std::fs::symlink_metadata(tmp.path().join("out")).unwrap();
        assert!(link.file_type().is_symlink());
        assert!(tmp.path().join("site/manifest.json").is_file());
    }
    let mut beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["out", "regelingen", "site"]);
}
