//! grc fix, renumber and stemmen: changes shown, written only when asked.

use super::*;

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
