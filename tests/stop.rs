//! `grc export stop`: STOP/IMOP 1.3.0 XML, validated against the vendored XSD
//! (`schemas/stop/1.3.0/imop-tekst.xsd`) with xmllint (Debian's libxml2-utils).
//!
//! `.ci/run` installs xmllint and sets `GRC_XMLLINT_TEST=required`, so in CI a missing
//! validator is a failure; on a machine without it the validating tests say so and stop
//! (the structural tests below run everywhere).

mod common;

use std::path::Path;
use std::process::Command;

use common::snapshots;

const XSD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/schemas/stop/1.3.0/imop-tekst.xsd"
);
const NS: &str = "https://standaarden.overheid.nl/stop/imop/tekst/";

fn grc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(args)
        .output()
        .unwrap()
}

/// Exports to a file in `dir` and returns its text (the run must succeed).
fn export(dir: &Path, name: &str, args: &[&str]) -> String {
    let out = dir.join(name);
    let mut all = vec!["export", "stop"];
    all.extend(args);
    all.extend(["-o", out.to_str().unwrap()]);
    let o = grc(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

/// Validates `file` against the STOP XSD; `false` when xmllint is not installed (and
/// not required).
fn validate(file: &Path) -> bool {
    let o = match Command::new("xmllint")
        .args(["--noout", "--schema", XSD])
        .arg(file)
        .output()
    {
        Ok(o) => o,
        Err(_) => {
            common::skip(
                "GRC_XMLLINT_TEST",
                "validation against the STOP XSD: xmllint not installed (apt-get install libxml2-utils)",
            );
            return false;
        }
    };
    assert!(
        o.status.success(),
        "{} does not validate:\n{}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    true
}

fn tekst<'a, 'i>(doc: &'a roxmltree::Document<'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(NS))
        .collect()
}

#[test]
fn both_real_regelingen_validate_against_the_stop_xsd() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["wnk-2015", "sora-2022"] {
        let gr = format!("regelingen/{name}.gr");
        let xml = export(
            dir.path(),
            &format!("{name}.xml"),
            &[&gr, "--bevoegd-gezag", "gm0361"],
        );
        validate(&dir.path().join(format!("{name}.xml")));
        // Every article and lid of the tree is in the XML, with the tree's eId.
        let (r, _, _) = common::load(Path::new(&gr));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let eids = |el: &str| -> Vec<String> {
            tekst(&doc, el)
                .iter()
                .map(|n| n.attribute("eId").unwrap().to_string())
                .collect()
        };
        let articles: Vec<String> = grc::tree::walk::articles(&r)
            .iter()
            .map(|a| a.eid.clone())
            .collect();
        assert_eq!(eids("Artikel"), articles, "{name}");
        let leden: usize = grc::tree::walk::articles(&r)
            .iter()
            .map(|a| a.leden().count())
            .sum();
        assert_eq!(eids("Lid").len(), leden, "{name}");
        // wId = <bevoegd gezag>_<versie>__<eId> on every element that has an eId.
        let version = name.rsplit('-').next().unwrap();
        for n in doc.descendants().filter(|n| n.has_attribute("eId")) {
            let expected = format!("gm0361_{version}__{}", n.attribute("eId").unwrap());
            assert_eq!(n.attribute("wId"), Some(expected.as_str()));
        }
        // Every IntRef points at an eId of the same document (STOP rule STOP0010).
        let all: std::collections::HashSet<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("eId"))
            .collect();
        let intrefs = tekst(&doc, "IntRef");
        assert!(!intrefs.is_empty(), "{name}: no IntRef");
        for n in intrefs {
            assert!(all.contains(n.attribute("ref").unwrap()), "{name}: {n:?}");
        }
        // References to acts with a BWB id are JCI ExtRefs.
        let extrefs = tekst(&doc, "ExtRef");
        assert!(!extrefs.is_empty(), "{name}: no ExtRef");
        for n in extrefs {
            assert_eq!(n.attribute("soort"), Some("JCI"));
            assert!(n.attribute("ref").unwrap().starts_with("jci1.3:c:BWBR"));
        }
    }
}

#[test]
fn the_besluit_wnk_to_sora_validates_and_follows_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = ("regelingen/wnk-2015.gr", "regelingen/sora-2022.gr");
    let xml = export(
        dir.path(),
        "besluit.xml",
        &[old, new, "--bevoegd-gezag", "gm0361"],
    );
    validate(&dir.path().join("besluit.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "BesluitCompact");
    // One instruction per article the comparison found changed, inserted or repealed.
    let (a, _, _) = common::load(Path::new(old));
    let (b, _, _) = common::load(Path::new(new));
    let cmp = grc::diff::compare(&a, &b, &grc::diff::Options::default());
    use grc::diff::{Kind, Level};
    let articles = |k: &[Kind]| {
        cmp.changes
            .iter()
            .filter(|c| c.level == Level::Article && k.contains(&c.kind))
            .count()
    };
    let vervang = tekst(&doc, "Vervang");
    let voegtoe = tekst(&doc, "VoegToe");
    assert_eq!(
        vervang.len(),
        articles(&[Kind::Changed, Kind::Renumbered, Kind::Moved])
    );
    assert_eq!(voegtoe.len(), articles(&[Kind::Inserted]));
    assert_eq!(tekst(&doc, "Verwijder").len(), articles(&[Kind::Deleted]));
    assert_eq!((vervang.len(), voegtoe.len()), (29, 2));
    // `wat` is the old version's wId; what is inserted gets the new version's wIds.
    for v in &vervang {
        let wat = v.attribute("wat").unwrap();
        assert!(wat.starts_with("gm0361_2015__chp_"), "{wat}");
        let art = v.first_element_child().unwrap();
        assert_eq!(art.attribute("wId"), Some(wat));
    }
    for v in &voegtoe {
        let art = v.first_element_child().unwrap();
        assert!(art.attribute("wId").unwrap().starts_with("gm0361_2022__"));
        assert_eq!(v.attribute("positie"), Some("volgtOp"));
    }
    // The renvooi marks the words the comparison found.
    assert!(!tekst(&doc, "NieuweTekst").is_empty());
    assert!(!tekst(&doc, "VerwijderdeTekst").is_empty());
    assert!(xml.contains("<VerwijderdeTekst>het schap</VerwijderdeTekst>"));
    // The tussenkoppen between the leden of artikel 15 are in the new article, marked as
    // the comparison found them (before, the Vervang dropped every one after the first).
    let art15 = vervang
        .iter()
        .find(|v| v.attribute("wat") == Some("gm0361_2015__chp_2__art_15"))
        .expect("artikel 15 replaced");
    let text: String = art15
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for kop in [
        "Relatie Dagelijks Bestuur – Algemeen Bestuur",
        "Relatie Algemeen Bestuur – raden van de deelnemende gemeenten",
        "Relatie van het Algemeen Bestuur – colleges van de deelnemende gemeenten",
    ] {
        assert!(text.contains(kop), "{kop} not in artikel 15: {text}");
    }
    assert!(xml.contains("<NieuweTekst>Colleges</NieuweTekst> en"));
}

#[test]
fn a_deleted_wid_is_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let xml = export(
        dir.path(),
        "b.xml",
        &[
            "tests/fixtures/stop/klein-oud.gr",
            "tests/fixtures/stop/klein-nieuw.gr",
        ],
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let removed: Vec<&str> = tekst(&doc, "Verwijder")
        .iter()
        .map(|n| n.attribute("wat").unwrap())
        .chain(
            doc.descendants()
                .filter(|n| n.attribute("wijzigactie") == Some("verwijder"))
                .filter_map(|n| n.attribute("wId")),
        )
        .collect();
    assert!(removed.len() >= 2, "{removed:?}");
    let added: Vec<&str> = tekst(&doc, "VoegToe")
        .iter()
        .flat_map(|v| v.descendants().filter_map(|n| n.attribute("wId")))
        .chain(
            doc.descendants()
                .filter(|n| n.attribute("wijzigactie") == Some("voegtoe"))
                .filter_map(|n| n.attribute("wId")),
        )
        .collect();
    assert!(!added.is_empty());
    for w in &added {
        assert!(!removed.contains(w), "{w} reused");
        assert!(w.starts_with("onbekend_2024__"), "{w}");
    }
    // Two versions with the same `versie`: the new elements still get another prefix.
    let same = std::fs::read_to_string("tests/fixtures/stop/klein-nieuw.gr")
        .unwrap()
        .replace("versie: 2024", "versie: 2020");
    let nieuw = dir.path().join("nieuw.gr");
    std::fs::write(&nieuw, same).unwrap();
    let xml = export(
        dir.path(),
        "c.xml",
        &["tests/fixtures/stop/klein-oud.gr", nieuw.to_str().unwrap()],
    );
    assert!(
        xml.contains("wId=\"onbekend_2020.1__chp_1__art_3a\""),
        "{xml}"
    );
    assert!(xml.contains("<Verwijder wat=\"onbekend_2020__chp_2__art_5\">"));
}

#[test]
fn the_small_fixture_validates_and_its_snapshots_are_stable() {
    let dir = tempfile::tempdir().unwrap();
    let regeling = export(
        dir.path(),
        "r.xml",
        &[
            "tests/fixtures/stop/klein-nieuw.gr",
            "--bevoegd-gezag",
            "gm0361",
        ],
    );
    validate(&dir.path().join("r.xml"));
    let besluit = export(
        dir.path(),
        "b.xml",
        &[
            "tests/fixtures/stop/klein-oud.gr",
            "tests/fixtures/stop/klein-nieuw.gr",
            "--bevoegd-gezag",
            "gm0361",
        ],
    );
    validate(&dir.path().join("b.xml"));
    // Every element the fixture is there for.
    for el in [
        "<Hoofdstuk ",
        "<Label>Artikel</Label><Nummer>3a</Nummer><Opschrift>Taken</Opschrift>",
        "<LidNummer>2.</LidNummer>",
        "<Lijst ",
        "<LiNummer>1°</LiNummer>",
        "<Begrippenlijst ",
        "<IntRef ref=\"chp_1__art_3a\">artikel 3a</IntRef>",
        "<ExtRef soort=\"JCI\" ref=\"jci1.3:c:BWBR0003740&amp;artikel=13\">artikel 13</ExtRef>",
        "<i>ten minste</i>",
        "&amp; hun &quot;inwoners&quot;",
        "<Bijlage ",
    ] {
        assert!(regeling.contains(el), "missing {el}");
    }
    for el in [
        "<Vervang ",
        "<VoegToe ",
        "<Verwijder ",
        "wijzigactie=\"verwijder\"",
    ] {
        assert!(besluit.contains(el), "missing {el}");
    }
    // The same input gives the same bytes.
    let again = export(
        dir.path(),
        "r2.xml",
        &[
            "tests/fixtures/stop/klein-nieuw.gr",
            "--bevoegd-gezag",
            "gm0361",
        ],
    );
    assert_eq!(regeling, again);
    snapshots().bind(|| {
        insta::assert_snapshot!("stop_regeling_klein", regeling);
        insta::assert_snapshot!("stop_besluit_klein", besluit);
    });
}

#[test]
fn without_a_bevoegd_gezag_the_placeholder_is_used_with_a_warning() {
    let o = grc(&["export", "stop", "tests/fixtures/stop/klein-nieuw.gr"]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[X001]") && err.contains("`onbekend`"),
        "{err}"
    );
    assert!(err.contains("klein-nieuw.gr:1:1"), "{err}");
    let xml = String::from_utf8_lossy(&o.stdout);
    assert!(xml.contains("wId=\"onbekend_2024__chp_1__art_1\""));
    // A code a wId cannot hold is a usage error.
    let o = grc(&[
        "export",
        "stop",
        "tests/fixtures/stop/klein-nieuw.gr",
        "--bevoegd-gezag",
        "GM 0361",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("geen code van een bevoegd gezag"));
}

#[test]
fn bad_input_is_a_located_dutch_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit.xml");
    std::fs::write(&out, "oude inhoud").unwrap();
    let cases = [
        // A parse error (lid outside an article).
        (
            "kapot.gr",
            "---\ntitel: Kapot\n---\nDe raad,\n\n1. Een lid zonder artikel.\n\nArtikel 1 Wel\n\nTekst.\n",
            "P011",
            "kapot.gr:6:1",
        ),
        // Parses, but STOP allows no article beside a hoofdstuk in the lichaam.
        (
            "gemengd.gr",
            "---\ntitel: Gemengd\n---\nArtikel 1 Eerst\n\nTekst.\n\nHoofdstuk 1 Later\n\nArtikel 2 Daarna\n\nTekst.\n",
            "X002",
            "gemengd.gr:8:1",
        ),
    ];
    for (name, text, code, at) in cases {
        let gr = dir.path().join(name);
        std::fs::write(&gr, text).unwrap();
        let o = grc(&[
            "export",
            "stop",
            gr.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("[{code}]")), "{name}: {err}");
        assert!(err.contains(at), "{name}: {err}");
        assert!(err.contains("er is niets geschreven"), "{name}: {err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "oude inhoud");
    }
    // Two identical versions have no besluit: nothing is written either.
    let same = "tests/fixtures/stop/klein-nieuw.gr";
    let o = grc(&["export", "stop", same, same, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("geen wijzigingsbesluit"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "oude inhoud");
}

#[test]
fn every_besluit_fixture_pair_exports_a_valid_besluit() {
    let dir = tempfile::tempdir().unwrap();
    let mut pairs = 0;
    for entry in std::fs::read_dir("tests/fixtures/besluit").unwrap() {
        let d = entry.unwrap().path();
        let (old, new) = (d.join("oud.gr"), d.join("nieuw.gr"));
        if !new.exists() {
            continue;
        }
        pairs += 1;
        let name = format!("{}.xml", d.file_name().unwrap().to_string_lossy());
        let xml = export(
            dir.path(),
            &name,
            &[old.to_str().unwrap(), new.to_str().unwrap()],
        );
        if !validate(&dir.path().join(&name)) {
            return;
        }
        // The toelichting, which the comparison leaves out, has its own instruction.
        if name.starts_with("toelichting-toegevoegd") {
            assert!(xml.contains("<Toelichting eId=\"recital\""), "{xml}");
        }
    }
    assert!(pairs >= 15, "{pairs}");
}
