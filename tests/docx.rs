//! The Word documents, read back: the renvooi's tracked changes give exactly the new
//! text when accepted and the old when rejected (on the real pair WNK 2015 → SORA
//! 2022), the wijzigingstabel is a table with one row per change, and every DOCX of a
//! build opens in LibreOffice and prints the articles it should.
//!
//! The LibreOffice test needs `soffice` (Debian: libreoffice-writer-nogui) and
//! `pdftotext` (poppler-utils). `.ci/run` installs them and sets
//! `GRC_LIBREOFFICE_TEST=required`, so in CI a missing LibreOffice is a failure; on a
//! developer machine without it the test says so and skips.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use grc::diff::words::tokens;
use grc::tree::Regeling;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn load(path: &str) -> Regeling {
    let text = std::fs::read_to_string(path).unwrap();
    let name = Path::new(path).file_name().unwrap().to_str().unwrap();
    grc::source::parse(name, &text).0
}

fn pair() -> (Regeling, Regeling) {
    (
        load("regelingen/wnk-2015.gr"),
        load("regelingen/sora-2022.gr"),
    )
}

/// `word/document.xml` of a DOCX.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn is(n: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

/// Inside a `w:ins` (or `w:del`) revision of the paragraph's content.
fn inside(n: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    n.ancestors().any(|a| is(&a, name))
}

/// The text of a paragraph with every change accepted (`Accept`) or rejected, the way
/// Word does it: accepting drops `w:del` and keeps the text of `w:ins`; rejecting drops
/// `w:ins` and restores `w:delText`. Tabs count as spaces.
#[derive(Clone, Copy, PartialEq)]
enum All {
    Accept,
    Reject,
}

fn text(p: &roxmltree::Node<'_, '_>, all: All) -> String {
    let dropped = if all == All::Accept { "del" } else { "ins" };
    let mut s = String::new();
    for n in p.descendants() {
        if !n.is_element() || inside(&n, dropped) {
            continue;
        }
        if is(&n, "t") || (all == All::Reject && is(&n, "delText")) {
            s.push_str(n.text().unwrap_or(""));
        } else if is(&n, "tab") && n.parent().is_some_and(|r| is(&r, "r")) {
            s.push(' ');
        }
    }
    s
}

fn style(p: &roxmltree::Node<'_, '_>) -> String {
    p.descendants()
        .find(|n| is(n, "pStyle"))
        .and_then(|n| n.attribute((W, "val")))
        .unwrap_or("Normal")
        .to_string()
}

/// The articles of the renvooi in one version: `Artikel N` → the tokens of its heading
/// and text, from the Heading2 paragraph to the next heading or framing paragraph.
/// Panics when a number comes twice.
fn articles_in(xml: &str, all: All) -> BTreeMap<String, Vec<String>> {
    let doc = roxmltree::Document::parse(xml).expect("document.xml is XML");
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for p in doc.descendants().filter(|n| is(n, "p")) {
        let s = style(&p);
        let t = text(&p, all);
        match s.as_str() {
            "Heading2" => {
                let toks: Vec<String> = tokens(&t).into_iter().map(String::from).collect();
                if toks.is_empty() {
                    // An article of the other version only: nothing of it may remain.
                    current = None;
                    continue;
                }
                assert_eq!(toks[0], "Artikel", "heading {t:?}");
                let key = toks[1].clone();
                assert!(!out.contains_key(&key), "Artikel {key} twice");
                out.insert(key.clone(), toks);
                current = Some(key);
            }
            "Lid" | "Normal" => match &current {
                Some(k) => out
                    .get_mut(k)
                    .unwrap()
                    .extend(tokens(&t).into_iter().map(String::from)),
                None => assert!(
                    t.trim().is_empty(),
                    "text of an article this version does not have: {t:?}"
                ),
            },
            _ => current = None,
        }
    }
    out
}

/// The articles of a tree, as the source has them: `Artikel N`, the opschrift, then
/// every lid with its number, onderdeel with its label, and their text, and the text
/// between leden (a heading such as "Relatie Dagelijks Bestuur – Algemeen Bestuur") where
/// it stands.
fn articles_of(r: &Regeling) -> BTreeMap<String, Vec<String>> {
    grc::tree::walk::articles(r)
        .into_iter()
        .map(|a| {
            let number = a.number.clone().expect("numbered articles");
            let text = format!(
                "Artikel {number} {} {}",
                grc::diff::heading_text(&a.heading),
                grc::diff::container_text(&a.content)
            );
            (
                number,
                tokens(&text).into_iter().map(String::from).collect(),
            )
        })
        .collect()
}

/// The articles whose tokens differ from the expected ones, in order; with `bag`, an
/// article whose tokens are all there but in another order does not count.
fn differing(
    found: &BTreeMap<String, Vec<String>>,
    expected: &BTreeMap<String, Vec<String>>,
    bag: bool,
) -> Vec<String> {
    let keys = |m: &BTreeMap<String, Vec<String>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(found), keys(expected), "the articles");
    let sorted = |v: &Vec<String>| {
        let mut v = v.clone();
        v.sort();
        v
    };
    expected
        .iter()
        .filter(|(k, want)| {
            let got = &found[*k];
            if bag {
                sorted(got) != sorted(want)
            } else {
                got != *want
            }
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// The renvooi DOCX of WNK 2015 → SORA 2022, made through the library.
fn renvooi_docx(old: &Regeling, new: &Regeling) -> Vec<u8> {
    let env = grc::render::environment();
    let cmp = grc::diff::compare(old, new, &Default::default());
    grc::render::docx::renvooi(&env, old, new, &cmp).unwrap()
}

#[test]
fn accepting_the_renvooi_gives_the_new_text_and_rejecting_it_the_old() {
    let (old, new) = pair();
    let xml = document_xml(&renvooi_docx(&old, &new));
    let accepted = articles_in(&xml, All::Accept);
    let rejected = articles_in(&xml, All::Reject);
    let new_articles = articles_of(&new);
    let old_articles = articles_of(&old);
    assert_eq!(
        differing(&accepted, &new_articles, false),
        Vec::<String>::new()
    );
    // Rejecting restores every word of the old text; the order too, except where the
    // renvooi, which follows the new text, shows a repealed lid among leden that SORA
    // put in another order (WNK artikel 15, lid 12): Word cannot move it back.
    assert_eq!(
        differing(&rejected, &old_articles, true),
        Vec::<String>::new()
    );
    assert_eq!(differing(&rejected, &old_articles, false), ["15"]);
    println!(
        "renvooi: {} articles accepted, {} rejected",
        accepted.len(),
        rejected.len()
    );

    // The opschrift too, and every revision is by grc, dated the new version's
    // inwerkingtreding, with an id of its own.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let title = doc
        .descendants()
        .find(|p| is(p, "p") && style(p) == "Heading1")
        .unwrap();
    assert_eq!(
        tokens(&text(&title, All::Accept)),
        tokens(&new.title.as_ref().unwrap().text)
    );
    assert_eq!(
        tokens(&text(&title, All::Reject)),
        tokens(&old.title.as_ref().unwrap().text)
    );
    let revisions: Vec<_> = doc
        .descendants()
        .filter(|n| is(n, "ins") || is(n, "del"))
        .collect();
    assert!(revisions.len() > 300, "{}", revisions.len());
    let mut ids = std::collections::HashSet::new();
    for r in &revisions {
        assert_eq!(r.attribute((W, "author")), Some("grc"));
        assert_eq!(r.attribute((W, "date")), Some("2022-01-01T00:00:00Z"));
        assert!(ids.insert(r.attribute((W, "id")).unwrap()), "id used twice");
    }
    // The aanhef a paragraph per alinea (it was one paragraph): accepting gives the new
    // version's alineas, rejecting the old's, each in a paragraph of its own.
    for (all, r) in [(All::Accept, &new), (All::Reject, &old)] {
        let words = |t: &str| -> Vec<String> { tokens(t).into_iter().map(String::from).collect() };
        let got: Vec<Vec<String>> = doc
            .descendants()
            .filter(|p| is(p, "p") && style(p) == "Omlijsting")
            .map(|p| words(&text(&p, all)))
            .filter(|t| !t.is_empty())
            .collect();
        let want: Vec<Vec<String>> = r
            .preamble
            .as_ref()
            .unwrap()
            .content
            .iter()
            .map(|b| match b {
                grc::tree::Blok::Alinea(a) => words(&grc::tree::inline::plain(&a.text)),
                _ => panic!("the aanhef has only alineas"),
            })
            .collect();
        assert!(want.len() >= 7, "{}", want.len());
        assert_eq!(got, want);
    }
    // Accept all / reject all as spaces go: no doubled or leading spaces in a paragraph.
    for p in doc.descendants().filter(|n| is(n, "p")) {
        for all in [All::Accept, All::Reject] {
            let t = text(&p, all);
            assert!(!t.contains("  ") && !t.starts_with(' '), "{t:?}");
        }
    }
}

#[test]
fn the_wijzigingstabel_has_a_row_of_four_cells_per_change() {
    let (old, new) = pair();
    let env = grc::render::environment();
    let cmp = grc::diff::compare(&old, &new, &Default::default());
    let rows = grc::render::wijzigingen::rows(&cmp, None);
    let docx = grc::render::docx::tabel(&env, &old, &new, &rows).unwrap();
    let xml = document_xml(&docx);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let trs: Vec<_> = doc.descendants().filter(|n| is(n, "tr")).collect();
    assert_eq!(trs.len(), rows.len() + 1, "a header row and one per change");
    assert_eq!(rows.len(), 90, "the README's count");
    for tr in &trs {
        assert_eq!(tr.children().filter(|c| is(c, "tc")).count(), 4);
    }
    // Deleted words struck through in the old column, inserted ones underlined in the
    // new: the marked runs of each cell are exactly the row's deleted/inserted pieces.
    let marked = |cell: roxmltree::Node<'_, '_>, mark: &str| -> String {
        cell.descendants()
            .filter(|r| is(r, "r") && r.descendants().any(|m| is(&m, mark)))
            .flat_map(|r| r.descendants().filter(|t| is(t, "t")))
            .map(|t| t.text().unwrap_or(""))
            .collect()
    };
    let pieces = |ps: &[grc::render::wijzigingen::Piece], op| -> String {
        ps.iter()
            .filter(|p| p.op == op)
            .map(|p| p.text.as_str())
            .collect()
    };
    use grc::diff::words::Op;
    for (tr, row) in trs[1..].iter().zip(&rows) {
        let cells: Vec<_> = tr.children().filter(|c| is(c, "tc")).collect();
        assert!(text(&cells[0], All::Accept).starts_with(&row.label));
        assert_eq!(marked(cells[1], "strike"), pieces(&row.old, Op::Delete));
        assert_eq!(marked(cells[2], "u"), pieces(&row.new, Op::Insert));
        // A cell is a paragraph per lid, onderdeel and alinea of its version.
        for (cell, ps) in [(cells[1], &row.old), (cells[2], &row.new)] {
            let paras = cell.children().filter(|c| is(c, "p")).count();
            assert_eq!(
                paras,
                1 + ps.iter().filter(|p| p.para).count(),
                "{}",
                row.label
            );
        }
    }
    // Artikel 6 as WNK and SORA print it: opschrift, the lid's text, its onderdelen.
    let (tr, _) = trs[1..]
        .iter()
        .zip(&rows)
        .find(|(_, r)| r.label == "Artikel 6")
        .unwrap();
    let cell = tr.children().filter(|c| is(c, "tc")).nth(2).unwrap();
    let paras: Vec<String> = cell
        .children()
        .filter(|c| is(c, "p"))
        .map(|p| text(&p, All::Accept))
        .collect();
    assert_eq!(
        paras,
        [
            "Bestuursorganen van SORA",
            "Het bestuur van SORA bestaat uit:",
            "a. Het Algemeen Bestuur;",
            "b. Het Dagelijks Bestuur;",
            "c. De voorzitter."
        ]
    );
    // 17 of the 90 rows break their new cell (most rows are a single lid).
    assert!(rows.iter().filter(|r| r.new.iter().any(|p| p.para)).count() >= 15);
    // Landscape A4.
    let size = doc.descendants().find(|n| is(n, "pgSz")).unwrap();
    assert_eq!(size.attribute((W, "orient")), Some("landscape"));
    assert_eq!(size.attribute((W, "w")), Some("16838"));
}

#[test]
fn the_regeling_keeps_its_own_numbers_as_text() {
    let (_, new) = pair();
    let env = grc::render::environment();
    let links = grc::check::links::of(&new);
    let docx = grc::render::docx::regeling(&env, &new, &links).unwrap();
    let xml = document_xml(&docx);
    // No Word numbering at all: the labels are text.
    assert!(!xml.contains("w:numPr"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paragraphs: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| is(n, "p"))
        .map(|p| (style(&p), text(&p, All::Accept)))
        .collect();
    // Every article is a heading, in order; SORA's artikel 22 starts at lid 4.
    let headings: Vec<&str> = paragraphs
        .iter()
        .filter(|(s, t)| s.starts_with("Heading") && t.starts_with("Artikel "))
        .map(|(_, t)| t.as_str())
        .collect();
    let articles = grc::tree::walk::articles(&new);
    assert_eq!(headings.len(), articles.len());
    for (h, a) in headings.iter().zip(&articles) {
        assert!(
            h.starts_with(&format!("Artikel {} ", a.number.as_deref().unwrap())),
            "{h}"
        );
    }
    let at = paragraphs
        .iter()
        .position(|(_, t)| t.starts_with("Artikel 22 "))
        .unwrap();
    assert!(
        paragraphs[at + 1].1.starts_with("4. "),
        "{:?}",
        paragraphs[at + 1]
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (old, new) = pair();
    let a = renvooi_docx(&old, &new);
    let b = renvooi_docx(&old, &new);
    assert!(a == b);
    // Every zip entry carries the fixed date, never the clock.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            f.name()
        );
    }
}

// ---------------------------------------------------------------------------------------
// LibreOffice

fn tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

#[test]
fn every_docx_of_a_build_opens_in_libreoffice_with_its_articles() {
    let (Some(soffice), Some(pdftotext)) =
        (tool(&["soffice", "libreoffice"]), tool(&["pdftotext"]))
    else {
        common::skip(
            "GRC_LIBREOFFICE_TEST",
            "the Word test: LibreOffice (soffice) or pdftotext not installed",
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(["build", "regelingen", "-o", out.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = [
        "sora-2022.docx",
        "wnk-2015.docx",
        "wnk-2015--sora-2022.wijzigingstabel.docx",
        "wnk-2015--sora-2022.renvooi.docx",
        "wnk-2015--sora-2022.wijzigingsbesluit.docx",
    ];
    let pdfs = tmp.path().join("pdf");
    // A profile of its own, so a LibreOffice the developer has open does not take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        tmp.path().join("lo").display()
    );
    let o = Command::new(&soffice)
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdfs)
        .args(docs.map(|d| out.join(d)))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf_text = |doc: &str| -> String {
        let pdf = pdfs.join(doc.replace(".docx", ".pdf"));
        let o = Command::new(&pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(o.status.success(), "{doc}: no PDF ({})", pdf.display());
        // Table cells wrap lines: compare with whitespace collapsed.
        String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (old, new) = pair();
    let numbers = |r: &Regeling| -> Vec<String> {
        grc::tree::walk::articles(r)
            .into_iter()
            .map(|a| a.number.clone().unwrap())
            .collect()
    };
    for (doc, r) in [("sora-2022.docx", &new), ("wnk-2015.docx", &old)] {
        let text = pdf_text(doc);
        assert!(text.contains(r.display_title()), "{doc}: title");
        for n in numbers(r) {
            assert!(
                text.contains(&format!("Artikel {n} ")),
                "{doc}: Artikel {n}"
            );
        }
    }
    // The renvooi shows every article of the new version.
    let text = pdf_text("wnk-2015--sora-2022.renvooi.docx");
    for n in numbers(&new) {
        assert!(
            text.contains(&format!("Artikel {n}")),
            "renvooi: Artikel {n}"
        );
    }
    // The tabel has a row for every changed article or lid, under its label.
    let text = pdf_text("wnk-2015--sora-2022.wijzigingstabel.docx");
    let cmp = grc::diff::compare(&old, &new, &Default::default());
    for row in grc::render::wijzigingen::rows(&cmp, None) {
        assert!(text.contains(&row.label), "tabel: {}", row.label);
    }
    let text = pdf_text("wnk-2015--sora-2022.wijzigingsbesluit.docx");
    for heading in ["Artikel I ", "Artikel II ", "wordt als volgt gewijzigd"] {
        assert!(text.contains(heading), "besluit: {heading}");
    }
}

// ---------------------------------------------------------------------------------------
// The command line

fn grc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn render_and_diff_write_the_same_docx_as_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = grc(&["build", "regelingen", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    // To a pipe (the test's standard output is not a terminal) and to a file.
    let o = grc(&["render", "regelingen/sora-2022.gr", "--to", "docx"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout == std::fs::read(out.join("sora-2022.docx")).unwrap());
    let (old, new) = ("regelingen/wnk-2015.gr", "regelingen/sora-2022.gr");
    for (format, file) in [("renvooi", "renvooi"), ("besluit", "wijzigingsbesluit")] {
        let target = tmp.path().join(format!("{format}.docx"));
        let o = grc(&[
            "diff",
            old,
            new,
            "--format",
            format,
            "--to",
            "docx",
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let built = std::fs::read(out.join(format!("wnk-2015--sora-2022.{file}.docx"))).unwrap();
        assert!(std::fs::read(&target).unwrap() == built, "{format}");
    }
    // The tabel of `grc diff` takes the toelichting wijzigingen.toml names, as the build.
    let o = grc(&["diff", old, new, "--format", "tabel", "--to", "docx"]);
    assert_eq!(o.status.code(), Some(0));
    let built = std::fs::read(out.join("wnk-2015--sora-2022.wijzigingstabel.docx")).unwrap();
    assert!(o.stdout == built);
}

/// A DOCX is not written to a terminal; `script` gives the command one.
#[test]
fn docx_is_not_written_to_a_terminal() {
    let Some(script) = tool(&["script"]) else {
        eprintln!("skipped: `script` (util-linux) not installed, no terminal to test with");
        return;
    };
    let command = format!(
        "{} render regelingen/sora-2022.gr --to docx",
        env!("CARGO_BIN_EXE_grc")
    );
    let o = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("wordt niet naar de terminal geschreven"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "no zip bytes on the terminal");
}
