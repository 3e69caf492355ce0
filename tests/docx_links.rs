//! The references of the regeling's Word document are links, read back from the zip: a
//! reference to another act with a known BWB id is a `w:hyperlink` whose relationship
//! (`word/_rels/document.xml.rels`) is external and leads where the HTML page's link
//! leads; a reference to a provision of the regeling is a `w:hyperlink` to a bookmark
//! that exists in the document. (That the DOCX still opens in LibreOffice is
//! `every_docx_of_a_build_opens_in_libreoffice_with_its_articles` in tests/docx.rs.)

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::process::Command;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HYPERLINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

fn grc(args: &[&str]) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The external links of the HTML page (`<a href=... class="extern">`), found by the one
/// form the template writes them in (HTML5 is not XML), with the template's escapes of
/// `/` and `&` undone.
fn html_external_links(html: &str) -> BTreeSet<String> {
    html.split("<a href=\"")
        .skip(1)
        .filter_map(|rest| {
            let (href, after) = rest.split_once('"')?;
            after
                .starts_with(" class=\"extern\"")
                .then(|| href.replace("&#x2f;", "/").replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn references_in_the_regeling_docx_are_hyperlinks() {
    for name in ["sora-2022", "wnk-2015"] {
        let gr = format!("regelingen/{name}.gr");
        let docx = grc(&["render", &gr, "--to", "docx", "-o", "-"]);
        let html = String::from_utf8(grc(&["render", &gr])).unwrap();

        let rels_xml = part(&docx, "word/_rels/document.xml.rels");
        let rels = roxmltree::Document::parse(&rels_xml).unwrap();
        let mut external: BTreeMap<String, String> = BTreeMap::new();
        for r in rels
            .descendants()
            .filter(|n| n.has_tag_name("Relationship"))
        {
            if r.attribute("Type") == Some(HYPERLINK) {
                assert_eq!(r.attribute("TargetMode"), Some("External"), "{name}");
                let target = r.attribute("Target").unwrap().to_string();
                assert!(
                    target.starts_with("https://wetten.overheid.nl/"),
                    "{name}: {target}"
                );
                external.insert(r.attribute("Id").unwrap().to_string(), target);
            }
        }

        let doc_xml = part(&docx, "word/document.xml");
        let doc = roxmltree::Document::parse(&doc_xml).unwrap();
        let bookmarks: BTreeSet<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "bookmarkStart")))
            .map(|n| n.attribute((W, "name")).unwrap())
            .collect();
        let (mut used, mut anchors) = (BTreeSet::new(), 0);
        for h in doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "hyperlink")))
        {
            let text: String = h
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            assert!(!text.trim().is_empty(), "{name}: a hyperlink without text");
            match (h.attribute((R, "id")), h.attribute((W, "anchor"))) {
                (Some(id), None) => {
                    let target = external
                        .get(id)
                        .unwrap_or_else(|| panic!("{name}: r:id {id} has no relationship"));
                    used.insert(target.clone());
                }
                (None, Some(anchor)) => {
                    assert!(
                        bookmarks.contains(anchor),
                        "{name}: hyperlink to bookmark {anchor}, which is not in the document"
                    );
                    anchors += 1;
                }
                other => panic!("{name}: hyperlink with {other:?}"),
            }
        }
        // Every relationship is used, and they are exactly the page's external links.
        let targets: BTreeSet<String> = external.values().cloned().collect();
        assert_eq!(used, targets, "{name}: unused relationships");
        assert_eq!(
            targets,
            html_external_links(&html),
            "{name}: DOCX and HTML links differ"
        );
        assert!(!targets.is_empty() && anchors > 0, "{name}: no links found");
        if name == "sora-2022" {
            // The Wgr, artikel 20, as SORA cites it (the act and article the check stage
            // resolved, BWBR0003740 being the Wgr).
            assert!(
                targets.contains("https://wetten.overheid.nl/jci1.3:c:BWBR0003740&artikel=20"),
                "{targets:?}"
            );
        }
    }
}

#[test]
fn documents_without_references_have_no_hyperlink_relationships() {
    let docx = grc(&[
        "diff",
        "regelingen/wnk-2015.gr",
        "regelingen/sora-2022.gr",
        "--format",
        "renvooi",
        "--to",
        "docx",
        "-o",
        "-",
    ]);
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(!rels.contains(HYPERLINK), "{rels}");
    assert!(!part(&docx, "word/document.xml").contains("<w:hyperlink"));
}
