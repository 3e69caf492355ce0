//! `grc import`: published XML (CVDR, BWB toestand) → `.gr`. Every fixture in
//! `tests/fixtures/import/` (our own texts in the shapes of the published data, the messy
//! forms included) must give a `.gr` that reads without parse (P) or structure (S)
//! errors, whose articles, leden and onderdelen are the ones the XML has. The XML side
//! of that comparison is counted here, with roxmltree and simple rules of its own, not
//! by the importer.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::snapshots;
use grc::diagnostic::Severity;
use grc::tree::walk::articles;
use grc::tree::*;
use roxmltree::Node;

fn fixtures(prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/import")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "xml")
                && p.file_name().unwrap().to_string_lossy().starts_with(prefix)
        })
        .collect();
    out.sort();
    out
}

/// Imports a fixture and reads the result back as `grc check` does.
fn import(path: &Path) -> (String, Regeling, Vec<grc::diagnostic::Diagnostic>) {
    let xml = std::fs::read_to_string(path).unwrap();
    let name = path.display().to_string();
    let imported = grc::import::import(&name, &xml)
        .unwrap_or_else(|d| panic!("{name}: not imported: {:?}", d[0].message));
    assert!(
        imported.diagnostics.is_empty(),
        "{name}: {:?}",
        imported.diagnostics
    );
    let (r, mut diags) = grc::source::parse("import.gr", &imported.source);
    diags.extend(grc::check::check(&r));
    (imported.source, r, diags)
}

/// One article as the XML has it: number, lid numbers, onderdeel numbers (in order).
#[derive(Debug, PartialEq)]
struct Shape {
    number: String,
    leden: Vec<String>,
    onderdelen: Vec<String>,
}

fn el<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn text(n: Node<'_, '_>) -> String {
    let t: String = n
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean(nr: &str) -> String {
    nr.trim().trim_end_matches('.').to_string()
}

/// A list item's number as printed: `@nr` or `li.nr`.
fn li_number(li: Node<'_, '_>) -> String {
    li.attribute("nr")
        .map(str::to_string)
        .or_else(|| el(li, "li.nr").map(text))
        .map(|n| clean(&n))
        .unwrap_or_default()
}

fn is_letter(n: &str) -> bool {
    !n.is_empty() && n.chars().all(|c| c.is_ascii_alphabetic())
}

/// The articles of the XML's regeling text: `artikel` elements with a number (or
/// `Enig artikel`), and bold alinea's that read `Artikel N ...`.
fn xml_shapes(path: &Path) -> Vec<Shape> {
    let xml = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tekst = doc
        .descendants()
        .find(|n| matches!(n.tag_name().name(), "regeling-tekst" | "wettekst"))
        .unwrap();
    let mut out = Vec::new();
    for a in tekst
        .descendants()
        .filter(|n| n.tag_name().name() == "artikel")
    {
        let kop = el(a, "kop").unwrap();
        let nr = el(kop, "nr")
            .map(text)
            .map(|n| clean(&n))
            .unwrap_or_default();
        let enig = el(kop, "label").is_some_and(|l| text(l) == "Enig artikel");
        if nr.is_empty() && !enig {
            continue; // a text wrapped in an empty article: no article
        }
        let vervallen = a.attribute("status") == Some("vervallen");
        let mut shape = Shape {
            number: if enig { "Enig artikel".into() } else { nr },
            leden: Vec::new(),
            onderdelen: Vec::new(),
        };
        if !vervallen {
            for lid in a.children().filter(|c| c.tag_name().name() == "lid") {
                shape.leden.push(clean(&text(el(lid, "lidnr").unwrap())));
            }
            // Every lettered item or subonderdeel below the article; numbered items of
            // a list directly in the article are leden (the flat form).
            for li in a
                .descendants()
                .filter(|d| matches!(d.tag_name().name(), "li" | "definitie-item"))
            {
                let n = li_number(li);
                let in_article = li.parent().and_then(|p| p.parent()) == Some(a);
                if in_article && n.chars().all(|c| c.is_ascii_digit()) {
                    shape.leden.push(n);
                } else if is_letter(&n) {
                    shape.onderdelen.push(n);
                } else if let Some(d) = n.strip_suffix('°') {
                    shape.onderdelen.push(format!("{d}°"));
                }
            }
        }
        out.push(shape);
    }
    // Bold headings: `<al><vet>Artikel 2 Directeur</vet></al>`, with `1.` and `a.`
    // alinea's after them.
    for al in tekst.children().filter(|c| c.tag_name().name() == "al") {
        let vet = el(al, "vet").filter(|_| al.children().filter(|c| c.is_element()).count() == 1);
        let t = text(al);
        if let Some(rest) = vet.and_then(|_| t.strip_prefix("Artikel ")) {
            out.push(Shape {
                number: rest.split_whitespace().next().unwrap().to_string(),
                leden: Vec::new(),
                onderdelen: Vec::new(),
            });
        } else if let (Some(last), Some((marker, _))) = (out.last_mut(), t.split_once(". ")) {
            if !marker.is_empty() && marker.chars().all(|c| c.is_ascii_digit()) {
                last.leden.push(marker.to_string());
            } else if is_letter(marker) && marker.len() <= 2 {
                last.onderdelen.push(marker.to_string());
            }
        }
    }
    out
}

/// The same from the tree read back from the `.gr` text.
fn tree_shapes(r: &Regeling) -> Vec<Shape> {
    fn items(content: &[Blok], out: &mut Vec<String>) {
        for b in content {
            match b {
                Blok::Lid(l) => items(&l.content, out),
                Blok::Lijst(list) => {
                    for o in &list.items {
                        out.push(o.number.clone());
                        items(&o.content, out);
                    }
                }
                _ => {}
            }
        }
    }
    articles(r)
        .iter()
        .map(|a| {
            let mut onderdelen = Vec::new();
            items(&a.content, &mut onderdelen);
            Shape {
                number: a.number.clone().unwrap_or_else(|| a.label.clone()),
                leden: a.leden().map(|l| l.number.clone()).collect(),
                onderdelen,
            }
        })
        .collect()
}

#[test]
fn five_fixtures_of_each_format() {
    assert!(fixtures("cvdr-").len() >= 5);
    assert!(fixtures("bwb-").len() >= 5);
}

#[test]
fn every_fixture_reads_without_parse_or_structure_errors_and_keeps_its_structure() {
    for path in fixtures("") {
        let (source, r, diags) = import(&path);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| d.code.starts_with('P') || d.code.starts_with('S'))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {errors:?}\n{source}",
            path.display()
        );
        assert_eq!(
            tree_shapes(&r),
            xml_shapes(&path),
            "{}:\n{source}",
            path.display()
        );
    }
}

#[test]
fn the_counts_are_the_fixtures_own() {
    // A few totals by hand, so the XML counter above is itself checked.
    let count = |name: &str| {
        let s = xml_shapes(Path::new(&format!("tests/fixtures/import/{name}")));
        (
            s.len(),
            s.iter().map(|a| a.leden.len()).sum::<usize>(),
            s.iter().map(|a| a.onderdelen.len()).sum::<usize>(),
        )
    };
    assert_eq!(count("cvdr-gr-modern.xml"), (5, 7, 8));
    assert_eq!(count("cvdr-platte-lijst.xml"), (4, 8, 2));
    assert_eq!(count("cvdr-vet-koppen.xml"), (3, 3, 2));
    assert_eq!(count("cvdr-zonder-artikelen.xml"), (0, 0, 0));
    assert_eq!(count("bwb-wet.xml"), (4, 3, 6));
    assert_eq!(count("bwb-enig-artikel.xml"), (1, 0, 3));
}

#[test]
fn metadata_comes_from_the_xml() {
    let (_, r, _) = import(Path::new("tests/fixtures/import/cvdr-gr-modern.xml"));
    let m = &r.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Gemeenschappelijke regeling Duinstreek Belastingen 2023")
    );
    assert_eq!(
        m.citation_title.as_deref(),
        Some("GR Duinstreek Belastingen")
    );
    assert_eq!(
        m.participants,
        ["Zeewolde aan Duin", "Helmdorp", "Oosterweel"]
    );
    assert_eq!(m.entry_into_force.as_deref(), Some("2023-01-01"));
    assert!(m.source.as_deref().unwrap().contains("CVDR900001_1"));

    let (_, r, _) = import(Path::new("tests/fixtures/import/bwb-gr-rijk.xml"));
    let m = &r.metadata;
    assert_eq!(
        m.citation_title.as_deref(),
        Some("Regeling Grensarchief Zuidwest")
    );
    assert_eq!(m.entry_into_force.as_deref(), Some("2003-05-01"));
    assert!(m.source.as_deref().unwrap().contains("BWBR0900002"));
    // No creator in BWB: no deelnemers are made up.
    assert!(m.participants.is_empty());
    // The legal basis in owmsmantel, with its BWB id, is kept as a linked act.
    let (_, r, _) = import(Path::new("tests/fixtures/import/cvdr-platte-lijst.xml"));
    assert_eq!(
        r.metadata.bwb_of("Wet gemeenschappelijke regelingen"),
        Some("BWBR0003740")
    );
    // A single gemeente's own regeling has no deelnemers either.
    let (_, r, _) = import(Path::new("tests/fixtures/import/cvdr-vet-koppen.xml"));
    assert!(r.metadata.participants.is_empty());
}

#[test]
fn extref_targets_give_an_unknown_act_its_bwb_id() {
    let path = Path::new("tests/fixtures/import/cvdr-toelichting.xml");
    let (source, r, diags) = import(path);
    assert!(source.contains("wetten: Wet regionale werkbedrijven = BWBR0099001"));
    assert_eq!(
        r.metadata.bwb_of("Wet regionale werkbedrijven"),
        Some("BWBR0099001")
    );
    // The act is not in grc's table, yet it is not reported as unknown (R006) ...
    assert!(grc::refs::acts::by_name("Wet regionale werkbedrijven").is_none());
    assert!(!diags.iter().any(|d| d.code == "R006"), "{diags:?}");
    // ... and the published page links the cited article on wetten.overheid.nl.
    let env = grc::render::environment();
    let links = grc::check::links::of(&r);
    let html = grc::render::regeling::html(&env, &r, &links).unwrap();
    // (minijinja escapes `/` in attributes as `&#x2f;`.)
    assert!(
        html.contains("wetten.overheid.nl&#x2f;jci1.3:c:BWBR0099001&amp;artikel=3\""),
        "no link in the page"
    );
    // Without the metadata line the same text does report it.
    let bare = source.replace("wetten: Wet regionale werkbedrijven = BWBR0099001\n", "");
    let (r, _) = grc::source::parse("x.gr", &bare);
    assert!(grc::check::check(&r).iter().any(|d| d.code == "R006"));
}

#[test]
fn snapshot_of_one_import_per_format() {
    snapshots().bind(|| {
        for name in ["cvdr-gr-modern.xml", "bwb-gr-rijk.xml"] {
            let (source, _, _) = import(&Path::new("tests/fixtures/import").join(name));
            insta::assert_snapshot!(name, source);
        }
    });
}

fn grc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn bad_xml_is_a_located_dutch_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("kapot.xml");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?>\n<cvdr>\n  <body><regeling>\n</cvdr>\n",
    )
    .unwrap();
    let out = dir.path().join("kapot.gr");
    let o = grc(&["import", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[I001]") && err.contains("geen geldige XML"),
        "{err}"
    );
    assert!(err.contains("kapot.xml:4:"), "{err}");
    assert!(!out.exists());

    let html = dir.path().join("pagina.xml");
    std::fs::write(&html, "<html><body/></html>").unwrap();
    let o = grc(&["import", html.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("[I002]"));
}

#[test]
fn import_writes_atomically_and_never_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("gr.xml");
    std::fs::copy("tests/fixtures/import/bwb-gr-rijk.xml", &xml).unwrap();
    let before = std::fs::read(&xml).unwrap();
    let o = grc(&["import", xml.to_str().unwrap(), "-o", xml.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&xml).unwrap(), before);

    let out = dir.path().join("gr.gr");
    let o = grc(&["import", xml.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stdout = grc(&["import", xml.to_str().unwrap()]);
    assert_eq!(std::fs::read(&out).unwrap(), stdout.stdout);
    // `grc import x.xml | grc tree` has the articles of the XML.
    let tree = grc(&["tree", out.to_str().unwrap()]);
    let outline = String::from_utf8_lossy(&tree.stdout);
    for a in [
        "Artikel 1 ",
        "Artikel 1a",
        "Artikel 2 ",
        "Artikel 3 ",
        "Artikel 4 ",
    ] {
        assert!(outline.contains(a), "{a} missing:\n{outline}");
    }
}

#[test]
fn a_cut_off_download_is_an_error_never_a_panic() {
    // Every fixture cut at 40 places (a download that stopped): either an I001 with a
    // line and column inside the file, or (cut after the root closed) an import.
    for path in fixtures("") {
        let xml = std::fs::read_to_string(&path).unwrap();
        let lines = xml.lines().count() as u32;
        for i in 1..40 {
            let mut cut = xml.len() * i / 40;
            while !xml.is_char_boundary(cut) {
                cut -= 1;
            }
            match grc::import::import("x.xml", &xml[..cut]) {
                Ok(_) => {}
                Err(d) => {
                    assert_eq!(d[0].code, "I001", "{}: cut at {cut}", path.display());
                    assert!(d[0].line >= 1 && d[0].line <= lines, "{:?}", d[0]);
                }
            }
        }
    }
}
