//! grc tree, check and refs: outputs, exit codes and the agreed JSON keys; Dutch help.

use super::*;

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
