//! Every WordprocessingML part grc writes (document, styles, settings of all four Word
//! documents) checked against the content models of ECMA-376 Part 1 (transitional) for
//! the elements grc uses, and every package against its own relationships and content
//! types.
//!
//! Why not the schemas themselves (wml.xsd and its imports, with xmllint): they could not
//! be obtained here in a form this repository may carry (no package registry ships them;
//! see README, "Word documents"). LibreOffice, which the DOCX test already opens every
//! file with, forgives what Word does not: children of `w:pPr` or `w:rPr` out of the
//! schema's order, or an element the schema does not allow, make Word refuse a file
//! LibreOffice shows fine. So this test holds the part of the schema that matters for
//! grc: for each element grc writes, the children the schema allows **in the schema's
//! order**, its required attributes and the numeric ones. The world is closed: an
//! element not listed is an error, so a template that starts writing a new element
//! must add its schema model here. The last test proves each check fails on a broken
//! document.

mod common;

use std::collections::HashMap;
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The content model of an element: slots in the schema's sequence order, each a set of
/// element names (a choice, repeatable); children must visit the slots in order.
/// `rPr` under `pPr` (the paragraph mark, CT_ParaRPr) is keyed `pPr/rPr`.
fn models() -> HashMap<&'static str, Vec<Vec<&'static str>>> {
    let run_content = vec![
        "r",
        "ins",
        "del",
        "hyperlink",
        "bookmarkStart",
        "bookmarkEnd",
    ];
    // CT_RPr (EG_RPrBase), in schema order, for the elements grc uses.
    let rpr: Vec<Vec<&str>> = [
        "rStyle", "rFonts", "b", "i", "strike", "color", "sz", "szCs", "u", "lang",
    ]
    .iter()
    .map(|n| vec![*n])
    .collect();
    // CT_PPr (CT_PPrBase, then rPr and sectPr).
    let ppr: Vec<Vec<&str>> = [
        "pStyle",
        "keepNext",
        "tabs",
        "spacing",
        "ind",
        "outlineLvl",
        "rPr",
        "sectPr",
    ]
    .iter()
    .map(|n| vec![*n])
    .collect();
    let seq = |names: &[&'static str]| names.iter().map(|n| vec![*n]).collect::<Vec<_>>();
    HashMap::from([
        ("document", seq(&["body"])),
        ("body", vec![vec!["p", "tbl"], vec!["sectPr"]]),
        ("p", vec![vec!["pPr"], run_content]),
        ("pPr", ppr),
        ("pPr/rPr", seq(&["ins", "del"])),
        ("rPr", rpr),
        ("r", vec![vec!["rPr"], vec!["t", "delText", "tab"]]),
        ("ins", vec![vec!["r"]]),
        ("del", vec![vec!["r"]]),
        ("hyperlink", vec![vec!["r"]]),
        ("tabs", vec![vec!["tab"]]),
        ("sectPr", seq(&["pgSz", "pgMar"])),
        ("tbl", seq(&["tblPr", "tblGrid", "tr"])),
        (
            "tblPr",
            seq(&["tblW", "tblBorders", "tblLayout", "tblCellMar"]),
        ),
        (
            "tblBorders",
            seq(&["top", "left", "bottom", "right", "insideH", "insideV"]),
        ),
        ("tblCellMar", seq(&["top", "left", "bottom", "right"])),
        ("tblGrid", vec![vec!["gridCol"]]),
        ("tr", seq(&["trPr", "tc"])),
        // CT_TrPr is a repeatable choice: any order.
        ("trPr", vec![vec!["cantSplit", "tblHeader"]]),
        ("tc", vec![vec!["tcPr"], vec!["p", "tbl"]]),
        ("tcPr", seq(&["tcW", "shd"])),
        ("styles", seq(&["docDefaults", "style"])),
        ("docDefaults", seq(&["rPrDefault", "pPrDefault"])),
        ("rPrDefault", seq(&["rPr"])),
        ("pPrDefault", seq(&["pPr"])),
        (
            "style",
            seq(&["name", "basedOn", "next", "qFormat", "pPr", "rPr"]),
        ),
        (
            "settings",
            seq(&["defaultTabStop", "characterSpacingControl", "compat"]),
        ),
        ("compat", vec![vec!["compatSetting"]]),
    ])
}

/// Elements without element children (text, or none), and their required attributes.
fn leaves() -> HashMap<&'static str, &'static [&'static str]> {
    HashMap::from([
        ("t", &[][..]),
        ("delText", &[][..]),
        // A tab character in a run (CT_Empty); a tab stop (CT_TabStop) is `tabs/tab`.
        ("tab", &[][..]),
        ("tabs/tab", &["val", "pos"][..]),
        ("pStyle", &["val"][..]),
        ("rStyle", &["val"][..]),
        ("keepNext", &[][..]),
        ("spacing", &[][..]),
        ("ind", &[][..]),
        ("outlineLvl", &["val"][..]),
        ("b", &[][..]),
        ("i", &[][..]),
        ("strike", &[][..]),
        ("u", &[][..]),
        ("color", &["val"][..]),
        ("sz", &["val"][..]),
        ("szCs", &["val"][..]),
        ("rFonts", &[][..]),
        ("lang", &[][..]),
        ("bookmarkStart", &["id", "name"][..]),
        ("bookmarkEnd", &["id"][..]),
        ("pgSz", &[][..]),
        (
            "pgMar",
            &[
                "top", "right", "bottom", "left", "header", "footer", "gutter",
            ][..],
        ),
        ("tblW", &[][..]),
        ("tblLayout", &[][..]),
        ("top", &["val"][..]),
        ("left", &[][..]),
        ("bottom", &["val"][..]),
        ("right", &[][..]),
        ("insideH", &["val"][..]),
        ("insideV", &["val"][..]),
        ("gridCol", &[][..]),
        ("cantSplit", &[][..]),
        ("tblHeader", &[][..]),
        ("tcW", &[][..]),
        ("shd", &["val"][..]),
        ("name", &["val"][..]),
        ("basedOn", &["val"][..]),
        ("next", &["val"][..]),
        ("qFormat", &[][..]),
        ("defaultTabStop", &["val"][..]),
        ("characterSpacingControl", &["val"][..]),
        ("compatSetting", &["name", "uri", "val"][..]),
    ])
}

/// Required attributes of elements with children.
fn required(name: &str) -> &'static [&'static str] {
    match name {
        // CT_TrackChange: id and author required (date optional).
        "ins" | "del" => &["id", "author"],
        "style" => &["styleId"],
        _ => &[],
    }
}

/// Attributes whose schema type is a number (ST_DecimalNumber, ST_TwipsMeasure,
/// ST_HpsMeasure, ST_SignedTwipsMeasure ...): grc writes plain integers.
const NUMERIC: &[&str] = &[
    "id", "pos", "sz", "w", "h", "left", "right", "top", "bottom", "hanging", "before", "after",
    "line", "header", "footer", "gutter", "space",
];

/// Which attributes are numeric on which elements (`val` is numeric on some).
fn numeric_val(element: &str) -> bool {
    matches!(
        element,
        "outlineLvl" | "sz" | "szCs" | "defaultTabStop" | "compatSetting"
    )
}

/// Violations of the content models in one part, with the path to the element.
fn check(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let models = models();
    let leaves = leaves();
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        if n.tag_name().namespace() != Some(W) {
            out.push(format!("{name}: not WordprocessingML"));
            continue;
        }
        let key = match (name, n.parent_element().map(|p| p.tag_name().name())) {
            ("rPr", Some("pPr")) => "pPr/rPr",
            ("tab", Some("tabs")) => "tabs/tab",
            _ => name,
        };
        let children: Vec<_> = n.children().filter(|c| c.is_element()).collect();
        let req: &[&str] = if let Some(model) = models.get(key) {
            let mut slot = 0;
            for c in &children {
                let cn = c.tag_name().name();
                match model[slot..].iter().position(|s| s.contains(&cn)) {
                    Some(i) => slot += i,
                    None if model.iter().any(|s| s.contains(&cn)) => {
                        out.push(format!("{key}: {cn} out of the schema's order"))
                    }
                    None => out.push(format!("{key}: {cn} not allowed")),
                }
            }
            required(name)
        } else if let Some(req) = leaves.get(key) {
            if !children.is_empty() {
                out.push(format!("{key}: has element children"));
            }
            req
        } else {
            out.push(format!("{key}: element not in the schema models"));
            continue;
        };
        for a in req {
            if n.attribute((W, *a)).is_none() {
                out.push(format!("{key}: required attribute w:{a} missing"));
            }
        }
        for a in n.attributes().filter(|a| a.namespace() == Some(W)) {
            let numeric = NUMERIC.contains(&a.name()) || (a.name() == "val" && numeric_val(name));
            // compatSetting's val is a string in general; grc's (compatibilityMode) is a number.
            if numeric && a.value().parse::<i64>().is_err() {
                out.push(format!(
                    "{key}: w:{}={:?} is not a number",
                    a.name(),
                    a.value()
                ));
            }
        }
        if matches!(name, "ins" | "del")
            && let Some(date) = n.attribute((W, "date"))
            && !(date.len() == 20 && date.as_bytes()[10] == b'T' && date.ends_with('Z'))
        {
            out.push(format!("{key}: w:date {date:?} is not an xsd:dateTime"));
        }
    }
    out
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Option<String> {
    let mut s = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

/// The package: every part has a content type, every internal relationship target exists.
fn check_package(docx: Vec<u8>) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut out = Vec::new();
    let types = part(&mut zip, "[Content_Types].xml").expect("[Content_Types].xml");
    let types = roxmltree::Document::parse(&types).unwrap();
    let overrides: Vec<&str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .filter_map(|n| n.attribute("PartName"))
        .collect();
    let defaults: Vec<&str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .filter_map(|n| n.attribute("Extension"))
        .collect();
    for name in names.iter().filter(|n| *n != "[Content_Types].xml") {
        let typed = overrides.contains(&format!("/{name}").as_str())
            || defaults.iter().any(|e| name.ends_with(&format!(".{e}")));
        if !typed {
            out.push(format!("{name}: no content type"));
        }
    }
    for (rels, base) in [
        ("_rels/.rels", ""),
        ("word/_rels/document.xml.rels", "word/"),
    ] {
        let xml = part(&mut zip, rels).unwrap_or_else(|| panic!("{rels}"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = format!("{base}{}", r.attribute("Target").unwrap());
            if !names.contains(&target) {
                out.push(format!("{rels}: target {target} not in the package"));
            }
        }
    }
    for name in ["word/document.xml", "word/styles.xml", "word/settings.xml"] {
        match part(&mut zip, name) {
            Some(xml) => out.extend(check(&xml).into_iter().map(|e| format!("{name}: {e}"))),
            None => out.push(format!("{name}: missing")),
        }
    }
    out
}

#[test]
fn every_docx_grc_writes_follows_the_schema_models() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::build_real(dir.path());
    let mut files = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "docx") {
            files += 1;
            let mut errors = check_package(std::fs::read(&path).unwrap());
            errors.sort();
            errors.dedup();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
    }
    // The regeling twice, the tabel, the renvooi and the besluit.
    assert_eq!(files, 5);
}

#[test]
fn each_check_reports_a_broken_document() {
    let broken = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:ind w:left="567"/><w:spacing w:after="0"/></w:pPr>
<w:r><w:rPr><w:i/><w:b/></w:rPr><w:t>a</w:t></w:r>
<w:ins w:id="1" w:date="gisteren"><w:r><w:t>b</w:t></w:r></w:ins>
<w:r><w:foo/></w:r><w:r><w:t>c<w:b/></w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle/></w:pPr><w:bookmarkStart w:id="x" w:name="y"/></w:p>
<w:sectPr><w:pgMar w:top="1" w:right="1" w:bottom="1" w:left="1" w:header="1" w:footer="1" w:gutter="1"/><w:pgSz/></w:sectPr>
<w:p/>
</w:body></w:document>"#;
    let errors = check(broken);
    for expected in [
        "pPr: spacing out of the schema's order",
        "rPr: b out of the schema's order",
        "ins: required attribute w:author missing",
        "ins: w:date \"gisteren\" is not an xsd:dateTime",
        "r: foo not allowed",
        "foo: element not in the schema models",
        "t: has element children",
        "pStyle: required attribute w:val missing",
        "bookmarkStart: w:id=\"x\" is not a number",
        "sectPr: pgSz out of the schema's order",
        "body: p out of the schema's order",
    ] {
        assert!(
            errors.iter().any(|e| e == expected),
            "{expected:?} not in {errors:#?}"
        );
    }
    // A package whose relationship leads nowhere and whose part has no content type.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    use std::io::Write;
    for (name, text) in [
        (
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="word/document.xml"/></Relationships>"#,
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="styles.xml"/></Relationships>"#,
        ),
        (
            "word/document.xml",
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#,
        ),
        (
            "word/settings.xml",
            r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#,
        ),
    ] {
        w.start_file(name, options).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    let errors = check_package(w.finish().unwrap().into_inner());
    for expected in [
        "word/_rels/document.xml.rels: target word/styles.xml not in the package",
        "word/styles.xml: missing",
        "word/document.xml: no content type",
    ] {
        assert!(
            errors.iter().any(|e| e == expected),
            "{expected:?} not in {errors:#?}"
        );
    }
}
