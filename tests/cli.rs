//! The `grc` binary: commands, exit codes, output formats, and that nothing is written
//! when it should not be.

use std::path::Path;
use std::process::{Command, Output};

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

/// `grc render regelingen/sora-2022.gr --templates DIR`.
fn render_sora_with(templates: &str) -> Output {
    grc(&[
        "render",
        "regelingen/sora-2022.gr",
        "--templates",
        templates,
    ])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn tree_json_lists_every_article_with_its_eid() {
    let o = grc(&["tree", "regelingen/sora-2022.gr", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let chapters = v["body"].as_array().unwrap();
    assert_eq!(chapters.len(), 5);
    let mut numbers = Vec::new();
    for ch in chapters {
        assert_eq!(ch["kind"], "chapter");
        assert!(ch["eid"].as_str().unwrap().starts_with("chp_"));
        for a in ch["content"].as_array().unwrap() {
            assert_eq!(a["kind"], "article");
            let eid = a["eid"].as_str().unwrap();
            assert_eq!(
                eid,
                format!(
                    "{}__art_{}",
                    ch["eid"].as_str().unwrap(),
                    a["number"].as_str().unwrap()
                )
            );
            numbers.push(a["number"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(numbers.len(), 35);
    assert!(numbers.contains(&"20a".to_string()) && numbers.contains(&"21a".to_string()));
    // The tree reads back into the same type (serde both ways).
    let back: grc::tree::Regeling = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(grc::tree::walk::articles(&back).len(), 35);
}

#[test]
fn tree_text_is_an_outline() {
    let o = grc(&["tree", "regelingen/wnk-2015.gr"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "Gemeenschappelijke Regeling Werkvoorzieningschap Noord Kennemerland 2015\n"
        )
    );
    assert!(out.contains("  Artikel 9 Werkwijze van het Algemeen Bestuur"));
    assert!(out.contains("chp_2__art_9__para_6__list_o_1__li_c"));
}

#[test]
fn check_exit_codes() {
    // Warnings only: 0.
    let o = grc(&["check", "tests/fixtures/forms/opmerkingen-en-nadruk.gr"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // SORA 2022 has a real error (artikel 4, zevende lid, cites a ninth lid): 1.
    let o = grc(&["check", "regelingen/sora-2022.gr"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o)
            .contains("[R001] fout: verwijzing naar het negende lid, maar artikel 4 heeft 8 leden")
    );
    // Errors in a document: 1.
    let o = grc(&["check", "tests/fixtures/bad/artikel-zonder-nummer.gr"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("fout[P010]") || stdout(&o).contains("[P010] fout"));
    // A file that does not exist: 2, with a Dutch message.
    let o = grc(&["check", "bestaat-niet.gr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bestaat-niet.gr: bestand niet gevonden"),
        "{}",
        stderr(&o)
    );
    // Wrong usage: 2, Dutch.
    let o = grc(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("verplicht argument ontbreekt"),
        "{}",
        stderr(&o)
    );
    let o = grc(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("onbekende opdracht"), "{}", stderr(&o));
    let o = grc(&["tree", "regelingen/sora-2022.gr", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ongeldige waarde"), "{}", stderr(&o));
}

#[test]
fn check_json_has_the_agreed_keys() {
    let o = grc(&[
        "check",
        "tests/fixtures/bad/dubbele-nummers.gr",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 4);
    for d in diags {
        for key in [
            "code", "severity", "message", "file", "line", "column", "node",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
    }
    assert_eq!(diags[0]["code"], "S001");
    assert_eq!(diags[0]["severity"], "error");
    assert_eq!(diags[0]["node"], "art_1__para_2_inst2");
}

#[test]
fn check_several_files_at_once() {
    let o = grc(&[
        "check",
        "regelingen/wnk-2015.gr",
        "tests/fixtures/bad/lid-voor-artikel.gr",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files: std::collections::BTreeSet<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert!(files.contains("tests/fixtures/bad/lid-voor-artikel.gr"));
}

#[test]
fn help_is_dutch() {
    let o = grc(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("Gebruik:") && out.contains("Opdrachten") && out.contains("Toon deze hulp")
    );
    assert!(
        !out.contains("Usage:") && !out.contains("Print help"),
        "{out}"
    );
    let o = grc(&["check", "--help"]);
    assert!(stdout(&o).contains("Controleer regelingen"));
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
fn render_writes_html_and_markdown() {
    let o = grc(&["render", "regelingen/sora-2022.gr"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    let o = grc(&["render", "regelingen/sora-2022.gr", "--to", "md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("# Gemeenschappelijke regeling Sociale Onderneming"));
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("sora.md");
    let o = grc(&[
        "render",
        "regelingen/sora-2022.gr",
        "--to",
        "md",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("### Artikel 9 ")
    );
}

#[test]
fn render_refuses_a_broken_regeling_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("kapot.gr");
    std::fs::write(&src, "---\ntitel: Kapot\n---\nArtikel\n\n1. Tekst.\n").unwrap();
    let target = tmp.path().join("kapot.html");
    let o = grc(&[
        "render",
        src.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("niet opgemaakt"), "{}", stderr(&o));
    assert!(!target.exists());
}

#[test]
fn templates_can_be_replaced_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sjablonen");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("stijl.css"),
        "body { font-family: \"Huisstijl\"; }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("regeling.md"),
        "{{ title }}: {{ body | length }} hoofdstukken\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let o = grc(&["render", "regelingen/sora-2022.gr", "--templates", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.contains("font-family: \"Huisstijl\""));
    assert!(
        !html.contains("Noto Serif"),
        "the built-in stylesheet was replaced"
    );
    assert!(
        html.contains("id=\"chp_2__art_9\""),
        "regeling.html is still the built-in one"
    );
    let o = grc(&[
        "render",
        "regelingen/sora-2022.gr",
        "--to",
        "md",
        "--templates",
        d,
    ]);
    assert_eq!(
        stdout(&o),
        "Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar 2022: 5 hoofdstukken\n"
    );
    // The build uses the same override.
    let out = tmp.path().join("out");
    let o = grc(&["build", "--templates", d, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("Huisstijl")
    );
}

#[test]
fn a_broken_template_is_a_located_dutch_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("regeling.html"), "<p>\n{% if title %}\n").unwrap();
    let o = render_sora_with(tmp.path().to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("sjabloon regeling.html, regel 2: syntaxisfout"),
        "{err}"
    );
    // A value that does not exist is an error too, not an empty string.
    std::fs::write(tmp.path().join("regeling.html"), "<h1>{{ titel }}</h1>\n").unwrap();
    let o = render_sora_with(tmp.path().to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("regel 1: onbekende waarde"),
        "{}",
        stderr(&o)
    );
    let o = render_sora_with("bestaat-niet");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bestaat-niet: sjablonenmap niet te lezen"),
        "{}",
        stderr(&o)
    );
}

/// Regression (issue 13): a template with a nested loop over big ranges ran for ever.
/// Now its work is limited (minijinja's fuel) and running out is a template error.
#[test]
fn a_template_that_loops_too_long_is_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("regeling.html"),
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let o = render_sora_with(tmp.path().to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("sjabloon regeling.html") && err.contains("te veel werk"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
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

#[test]
fn check_never_changes_its_input() {
    let before = std::fs::read("regelingen/sora-2022.gr").unwrap();
    let _ = grc(&["check", "regelingen/sora-2022.gr"]);
    let _ = grc(&["tree", "regelingen/sora-2022.gr", "--format", "json"]);
    assert_eq!(std::fs::read("regelingen/sora-2022.gr").unwrap(), before);
}

#[test]
fn refs_lists_every_reference_in_text_and_json() {
    // SORA's artikel 4, zevende lid, cites a ninth lid that does not exist (R001): an
    // error of the document, exit 1 as for `grc check`; the listing is complete anyway.
    let o = grc(&["refs", "regelingen/sora-2022.gr"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("\"artikel 1, eerste lid, sub k\"\t→ chp_1__art_1__para_1__list_o_1__li_k")
    );
    assert!(text.contains("extern\t\"artikel 20\"\t→ wet: Wgr"));
    let o = grc(&["refs", "regelingen/sora-2022.gr", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let refs = v["references"].as_array().unwrap();
    let summary = text.lines().last().unwrap();
    assert!(
        summary.starts_with(&format!("{} verwijzingen", refs.len())),
        "{summary}"
    );
    for r in refs {
        for key in ["file", "line", "column", "from", "text", "kind", "targets"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert!(["internal", "relative", "external"].contains(&r["kind"].as_str().unwrap()));
    }
}

/// A copy of a file in a fresh folder.
fn scratch(file: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(Path::new(file).file_name().unwrap());
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(file), &to).unwrap();
    (dir, to)
}

#[test]
fn fix_shows_a_diff_and_writes_only_when_asked() {
    let (_dir, copy) = scratch("regelingen/sora-2022.gr");
    let before = std::fs::read(&copy).unwrap();
    let path = copy.to_str().unwrap();
    let o = grc(&["fix", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("+8. De zittingsduur"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Artikel 7, vierde lid is op hen"));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "fix without --write changed the file"
    );
    let o = grc(&["fix", path, "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(std::fs::read(&copy).unwrap(), before);
    let o = grc(&["check", path, "--format", "json"]);
    assert!(
        !stdout(&o).contains("\"R005\""),
        "R005 left after fix --write"
    );
    // Nothing left to do the second time.
    let o = grc(&["fix", path]);
    assert!(stdout(&o).contains("niets te verbeteren"), "{}", stdout(&o));
}

#[test]
fn renumber_writes_only_when_asked_and_never_a_broken_file() {
    let (_dir, copy) = scratch("tests/fixtures/edit/hernummeren.gr");
    let before = std::fs::read(&copy).unwrap();
    let path = copy.to_str().unwrap();
    let o = grc(&["renumber", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("regel 17: lid 4 wordt lid 2"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    let o = grc(&["renumber", path, "--artikelen", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = std::fs::read_to_string(&copy).unwrap();
    assert!(after.contains("Artikel 3 Ingevoegd"));
    let o = grc(&["check", path, "--format", "json"]);
    assert!(!stdout(&o).contains("\"S003\""), "{}", stdout(&o));
    // A file with parse errors is refused, and left alone.
    let (_d2, bad) = scratch("tests/fixtures/bad/lid-voor-artikel.gr");
    let bad_before = std::fs::read(&bad).unwrap();
    let o = grc(&["renumber", bad.to_str().unwrap(), "--write"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("er is niets gewijzigd"));
    assert_eq!(std::fs::read(&bad).unwrap(), bad_before);
}

#[test]
fn stemmen_prints_tables_and_json_and_compares_versions() {
    let o = grc(&[
        "stemmen",
        "regelingen/sora-2022.gr",
        "--inwoners",
        "regelingen/scenario-dijk-en-waard.csv",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["members_total"], 12);
    assert_eq!(v["votes_total"], 40);
    for p in v["participants"].as_array().unwrap() {
        for key in [
            "name",
            "population",
            "members",
            "votes_per_member",
            "votes",
            "share",
            "banzhaf",
        ] {
            assert!(p.get(key).is_some(), "{key}");
        }
    }
    assert!(v["rules"].is_array() && v["findings"].is_array());
    let o = grc(&[
        "stemmen",
        "regelingen/wnk-2015.gr",
        "regelingen/sora-2022.gr",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["old"]["votes_total"], 10);
    // SORA's deelnemers as of its inwerkingtreding: Dijk en Waard for Heerhugowaard and
    // Langedijk.
    assert_eq!(v["new"]["votes_total"], 40);
    let o = grc(&[
        "stemmen",
        "regelingen/wnk-2015.gr",
        "regelingen/sora-2022.gr",
        "--to",
        "md",
    ]);
    assert!(
        stdout(&o).contains("| Uitgeest | - | 2 | - | 2 |"),
        "{}",
        stdout(&o)
    );
    // A broken population file: located Dutch error, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("x.csv");
    std::fs::write(
        &csv,
        "gemeente,inwoners,peildatum\nAlkmaar,veel,2021-01-01\n",
    )
    .unwrap();
    let o = grc(&[
        "stemmen",
        "regelingen/sora-2022.gr",
        "--inwoners",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("x.csv:2:9") && stderr(&o).contains("\"veel\" is geen inwonertal"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn diff_in_every_format_and_apply_round_trips_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = ("regelingen/wnk-2015.gr", "regelingen/sora-2022.gr");
    let o = grc(&["diff", old, new]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["changes"].as_array().unwrap().len() > 200);
    assert!(v["stale_references"].as_array().unwrap().len() > 10);
    for (format, to, start) in [
        ("tabel", "md", "## Wijzigingstabel"),
        ("tabel", "html", "<!DOCTYPE html>"),
        ("renvooi", "md", "# Renvooi"),
        ("renvooi", "html", "<!DOCTYPE html>"),
        ("besluit", "md", "# Besluit tot wijziging"),
        ("besluit", "html", "<!DOCTYPE html>"),
        ("besluit", "text", "---\nregeling: "),
    ] {
        let o = grc(&["diff", old, new, "--format", format, "--to", to]);
        assert_eq!(o.status.code(), Some(0), "{format} {to}: {}", stderr(&o));
        assert!(stdout(&o).starts_with(start), "{format} {to}");
        // The toelichting of regelingen/wijzigingen.toml covers every row.
        assert!(!stderr(&o).contains("D001"), "{}", stderr(&o));
    }
    let besluit = tmp.path().join("besluit.txt");
    let o = grc(&[
        "diff",
        old,
        new,
        "--format",
        "besluit",
        "--to",
        "text",
        "-o",
        besluit.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let applied = tmp.path().join("sora.gr");
    let o = grc(&[
        "apply",
        old,
        besluit.to_str().unwrap(),
        "-o",
        applied.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tree = |p: &str| {
        let o = grc(&["tree", p, "--format", "json"]);
        let mut v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        fn strip(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(m) => {
                    m.retain(|k, _| k != "span" && !k.ends_with("_span") && k != "file");
                    m.values_mut().for_each(strip);
                }
                serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
                _ => {}
            }
        }
        strip(&mut v);
        v
    };
    assert_eq!(tree(applied.to_str().unwrap()), tree(new));
}

#[test]
fn apply_reports_an_instruction_that_does_not_fit_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let besluit = tmp.path().join("besluit.txt");
    std::fs::write(
        &besluit,
        "ARTIKEL I\n\nA\n\nIn artikel 2, eerste lid, wordt \"Rotterdam\" vervangen door \"Alkmaar\".\n",
    )
    .unwrap();
    let out = tmp.path().join("uit.gr");
    let o = grc(&[
        "apply",
        "regelingen/wnk-2015.gr",
        besluit.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("[A002]") && err.contains("\"Rotterdam\" staat niet in artikel 2, eerste lid"),
        "{err}"
    );
    assert!(err.contains("besluit.txt:5:1"), "{err}");
    assert!(!out.exists());
}

/// Regression: A005 (a besluit for another regeling) pointed at line 2 whatever the file;
/// it points at the `regeling:` line.
#[test]
fn a_besluit_for_another_regeling_is_located_at_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let besluit = tmp.path().join("besluit.txt");
    std::fs::write(
        &besluit,
        "---\nnieuw.versie: 2023\nregeling: Regeling Iets Anders\n---\n\nARTIKEL I\n\nA\n\nArtikel 30 vervalt.\n",
    )
    .unwrap();
    let o = grc(&["apply", "regelingen/wnk-2015.gr", besluit.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(err.contains("[A005]"), "{err}");
    assert!(err.contains("besluit.txt:3:1"), "{err}");
}

#[test]
fn a_missing_or_unused_toelichting_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("t.toml");
    std::fs::write(
        &t,
        "chp_1__art_1 = \"Begrippen.\"\nchp_1__art_5 = \"Niet gewijzigd.\"\n",
    )
    .unwrap();
    let tabel = || {
        grc(&[
            "diff",
            "regelingen/wnk-2015.gr",
            "regelingen/sora-2022.gr",
            "--format",
            "tabel",
            "--toelichting",
            t.to_str().unwrap(),
        ])
    };
    let o = tabel();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("[D001]")
            && err.contains("Artikel 2, eerste lid is gewijzigd maar heeft geen toelichting"),
        "{err}"
    );
    // Artikel 3 is rewritten (opschrift and every lid): one row, one warning.
    assert!(
        err.contains("Artikel 3 is gewijzigd maar heeft geen toelichting")
            && !err.contains("Artikel 3, eerste lid"),
        "{err}"
    );
    assert!(
        err.contains("Artikel 7, elfde lid is vervallen maar heeft geen toelichting"),
        "{err}"
    );
    assert!(
        err.contains("regelingen/wnk-2015.gr:"),
        "a repealed lid is shown in the old text: {err}"
    );
    assert!(
        err.contains("regelingen/sora-2022.gr:"),
        "a changed one in the new: {err}"
    );
    assert!(
        err.contains("[D002]")
            && err.contains("de toelichting bij chp_1__art_5: dit element is niet gewijzigd"),
        "{err}"
    );
    assert!(!err.contains("Artikel 1, eerste lid is gewijzigd"), "{err}");
    // Bad TOML is a located error.
    std::fs::write(&t, "chp_1__art_1 = \n").unwrap();
    let o = tabel();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("[D003]"), "{}", stderr(&o));
}

/// SORA 2022 with a second "Artikel 3" before artikel 4: an S001 that parses.
fn sora_with_article_3_twice() -> String {
    let sora = std::fs::read_to_string("regelingen/sora-2022.gr").unwrap();
    let doubled = sora.replacen(
        "Artikel 4 ",
        "Artikel 3 Nog eens drie\n\nTekst.\n\nArtikel 4 ",
        1,
    );
    assert_ne!(doubled, sora);
    doubled
}

/// Regression (found by tests/robustness.rs): a number that occurs twice in one version
/// made `grc diff --format besluit` say "interne fout" and exit 2. Now: which version,
/// which line, the S001 finding, exit 1, nothing on stdout.
#[test]
fn a_besluit_for_a_version_with_a_doubled_number_is_refused_with_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("dubbel.gr");
    std::fs::write(&new, sora_with_article_3_twice()).unwrap();
    let o = grc(&[
        "diff",
        "regelingen/sora-2022.gr",
        new.to_str().unwrap(),
        "--format",
        "besluit",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("de nieuwe versie, regel")
            && err.contains("artikel 3 komt twee keer voor")
            && err.contains("(S001)")
            && !err.contains("interne fout"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

/// Issue 14: two identical versions get no besluit (an empty ARTIKEL I is nothing a
/// deelnemer signs): a Dutch message, exit 1, nothing on stdout and no file written.
#[test]
fn identical_versions_get_no_besluit() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("besluit.txt");
    let o = grc(&[
        "diff",
        "regelingen/sora-2022.gr",
        "regelingen/sora-2022.gr",
        "--format",
        "besluit",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("geen wijzigingsbesluit: de twee versies zijn gelijk"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    assert!(!out.exists());
}

/// Issue 14: the defects SORA 2022 has and WNK 2015 had not (a reference to a ninth lid
/// that does not exist, leden and onderdelen skipped) are B001 warnings at their place
/// in the new text; the besluit is still written (exit 0).
#[test]
fn a_besluit_that_enacts_defects_warns_at_their_place() {
    let o = grc(&[
        "diff",
        "regelingen/wnk-2015.gr",
        "regelingen/sora-2022.gr",
        "--format",
        "besluit",
        "--to",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert_eq!(err.matches("[B001]").count(), 5, "{err}");
    assert!(
        err.contains("sora-2022.gr:89:72") && err.contains("(R001)"),
        "{err}"
    );
    assert!(
        err.contains("sora-2022.gr:288:1") && err.contains("lid 6 ontbreekt"),
        "{err}"
    );
    assert!(stdout(&o).contains("ARTIKEL I"));
}

/// A pair in `wijzigingen.toml` that no wijzigingsbesluit can be written for (here an
/// article number used twice: an S001 finding that does not stop the pages, but makes
/// every instruction about that article ambiguous) stops the build: exit 1 with the
/// reason, nothing written (it was exit 2, as if the file system had failed).
#[test]
fn a_build_with_a_pair_no_besluit_fits_writes_nothing_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("regelingen");
    copy_dir(Path::new("regelingen"), &src);
    std::fs::write(src.join("sora-2022.gr"), sora_with_article_3_twice()).unwrap();
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

/// Runs grc with standard output a pipe whose reading end is closed before grc writes
/// (as `grc ... | head -c0` does).
fn grc_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("grc runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("grc ends")
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

fn grc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("grc runs")
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
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
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

/// Issue 14, Ar 6.7: WNK 2015 → SORA 2022 changes the opschrift and the aanhef, so the
/// besluit re-enacts the regeling in full by default (note B003 says why); `--vorm
/// wijziging` forces the instructions per article; `--vorm` with another format is a
/// usage problem (exit 2). The frame's placeholders are warning B002.
#[test]
fn the_besluit_form_is_chosen_and_can_be_forced() {
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "diff",
            "regelingen/wnk-2015.gr",
            "regelingen/sora-2022.gr",
            "--format",
            "besluit",
            "--to",
            "text",
        ];
        a.extend(extra);
        a
    };
    let o = grc(&args(&[]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\nDe regeling komt te luiden als volgt:\n"));
    assert!(stderr(&o).contains("[B003]") && stderr(&o).contains("Ar 6.7"));
    assert!(stderr(&o).contains("[B002]") && stderr(&o).contains("25 plaatshouders"));
    let o = grc(&args(&["--vorm", "wijziging"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("wordt als volgt gewijzigd:"));
    assert!(!stderr(&o).contains("[B003]"));
    let o = grc(&[
        "diff",
        "regelingen/wnk-2015.gr",
        "regelingen/sora-2022.gr",
        "--vorm",
        "integraal",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--vorm geldt alleen voor --format besluit"),
        "{}",
        stderr(&o)
    );
}
