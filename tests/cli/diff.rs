//! grc diff and apply: every format, the besluit form, refusals at their place.

use super::*;

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
