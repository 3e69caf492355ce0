//! Voting: the rules read from the two regelingen, the scenario of the Eindrapport, the
//! checks on fixtures in other shapes, and the tables `grc stemmen` prints.

mod common;

use std::path::Path;

use common::{expected, relative, snapshots};
use grc::stemmen::{Population, Stemverhouding, compute, population};

/// Parses a regeling and its population data the way the CLI does: the metadata's file
/// next to it, or a scenario file whose gemeenten become the deelnemers.
fn stemverhouding(file: &str, scenario: Option<&str>) -> Stemverhouding {
    let text = std::fs::read_to_string(file).unwrap();
    let (r, diags) = grc::source::parse(file, &text);
    assert!(!grc::diagnostic::has_errors(&diags), "{diags:#?}");
    let (csv, explicit) = match scenario {
        Some(s) => (s.to_string(), true),
        None => {
            let dir = Path::new(file).parent().unwrap();
            let f = r
                .metadata
                .population_file
                .as_ref()
                .expect("metadata names inwoners");
            (dir.join(f).to_string_lossy().into_owned(), false)
        }
    };
    let (data, problems): (Vec<Population>, _) =
        population::parse(&csv, &std::fs::read_to_string(&csv).unwrap());
    assert!(problems.is_empty(), "{problems:#?}");
    compute(&r, &data, &grc::stemmen::deelnemers(&r, &data, explicit))
}

fn votes(s: &Stemverhouding, name: &str) -> (u32, u32, u32) {
    let p = s.participants.iter().find(|p| p.name == name).unwrap();
    (p.members, p.votes_per_member, p.votes)
}

#[test]
fn the_eindrapport_figures_after_the_merger_follow_from_the_text() {
    // Seed 002, Eindrapport ch. 5: after Heerhugowaard and Langedijk merged into Dijk en
    // Waard, 12 members and 40 votes: Uitgeest 2, Bergen, Castricum and Heiloo 6 each,
    // Alkmaar and Dijk en Waard 10 each; DB members together never more than 20 votes.
    let s = stemverhouding(
        "regelingen/sora-2022.gr",
        Some("regelingen/scenario-dijk-en-waard.csv"),
    );
    assert_eq!(s.members_total, 12);
    assert_eq!(s.votes_total, 40);
    assert_eq!(votes(&s, "Uitgeest"), (2, 1, 2));
    for g in ["Bergen", "Castricum", "Heiloo"] {
        assert_eq!(votes(&s, g), (2, 3, 6), "{g}");
    }
    for g in ["Alkmaar", "Dijk en Waard"] {
        assert_eq!(votes(&s, g), (2, 5, 10), "{g}");
    }
    // The heaviest DB the text allows (voorzitter and two others): 3 × 5 = 15 ≤ 20.
    let db = s
        .findings
        .iter()
        .find(|d| d.code == "V007")
        .expect("the DB's weight is reported");
    assert!(
        db.message.contains("15 van de 40 stemmen"),
        "{}",
        db.message
    );
    assert!(
        !s.findings
            .iter()
            .any(|d| d.code == "V006" || d.code == "V013")
    );
}

#[test]
fn sora_2022_counts_the_deelnemers_of_its_inwerkingtreding() {
    // SORA enters into force on 1 januari 2022, the day Heerhugowaard and Langedijk became
    // Dijk en Waard (data/herindelingen.tsv): its algemeen bestuur has the six gemeenten of
    // the Eindrapport, though the metadata (rightly) names the seven that made it.
    let s = stemverhouding("regelingen/sora-2022.gr", None);
    assert_eq!((s.members_total, s.votes_total, s.quota), (12, 40, 21));
    assert_eq!(votes(&s, "Dijk en Waard"), (2, 5, 10));
    assert!(
        !s.participants
            .iter()
            .any(|p| p.name == "Heerhugowaard" || p.name == "Langedijk")
    );
    let [h] = &s.herindelingen[..] else {
        panic!("{:?}", s.herindelingen)
    };
    assert_eq!(h.merged, ["Heerhugowaard", "Langedijk"]);
    assert_eq!(
        (h.into.as_str(), h.date.as_str()),
        ("Dijk en Waard", "2022-01-01")
    );
    assert!(h.source.contains("Stb. 2021, 372"), "{}", h.source);
    // The same figures as the Eindrapport's scenario file, gemeente by gemeente.
    let scenario = stemverhouding(
        "regelingen/sora-2022.gr",
        Some("regelingen/scenario-dijk-en-waard.csv"),
    );
    assert_eq!(s.participants.len(), scenario.participants.len());
    for p in &scenario.participants {
        assert_eq!(votes(&s, &p.name), votes(&scenario, &p.name), "{}", p.name);
    }
    // Where the figures come from: one peildatum, the source of each row.
    assert!(
        s.population_sources
            .iter()
            .all(|p| p.reference_date == "2021-01-01")
    );
    let named: usize = s.population_sources.iter().map(|p| p.names.len()).sum();
    assert_eq!(named, 6);
    // "(maximaal) twee andere leden" allows a DB below what Wgr art 14 lid 1 asks.
    assert!(s.findings.iter().any(|d| d.code == "V004" && d.line == 161));
}

#[test]
fn before_the_merger_the_seven_gemeenten_vote() {
    // The same text entering into force half a year earlier: no herindeling yet.
    let text = std::fs::read_to_string("regelingen/sora-2022.gr")
        .unwrap()
        .replace(
            "inwerkingtreding: 2022-01-01",
            "inwerkingtreding: 2021-07-01",
        );
    let (r, _) = grc::source::parse("sora-2022.gr", &text);
    let csv = std::fs::read_to_string("regelingen/inwoners.csv").unwrap();
    let (data, _) = population::parse("inwoners.csv", &csv);
    let s = compute(&r, &data, &grc::stemmen::deelnemers(&r, &data, false));
    assert!(s.herindelingen.is_empty());
    assert_eq!((s.members_total, s.votes_total, s.quota), (14, 46, 24));
    assert_eq!(votes(&s, "Heerhugowaard"), (2, 5, 10));
    assert_eq!(votes(&s, "Langedijk"), (2, 3, 6));
    // Three of seven gemeenten (Alkmaar, Heerhugowaard and one of 6) carry a majority.
    assert!(
        s.findings
            .iter()
            .any(|d| d.code == "V009" && d.message.contains("26 van de 46"))
    );
}

#[test]
fn wnk_2015_bands_and_the_bergen_threshold() {
    let s = stemverhouding("regelingen/wnk-2015.gr", None);
    assert_eq!((s.members_total, s.votes_total), (6, 10));
    assert_eq!(votes(&s, "Alkmaar"), (1, 3, 3));
    assert_eq!(votes(&s, "Heerhugowaard"), (1, 2, 2)); // 58.387: under 60.000
    assert_eq!(votes(&s, "Bergen"), (1, 1, 1)); // 29.696: under 30.000
    let near = s
        .findings
        .iter()
        .find(|d| d.code == "V008")
        .expect("Bergen is near 30.000");
    assert!(near.message.contains("Bergen") && near.message.contains("30.000"));
    // One member per gemeente: a DB of three holds half the members (lawful) but 7 of 10
    // votes when Alkmaar, Castricum and Heerhugowaard sit in it.
    assert!(
        s.findings
            .iter()
            .any(|d| d.code == "V013" && d.message.contains("7 van de 10"))
    );
}

#[test]
fn power_is_computed_for_the_majority_rule() {
    let s = stemverhouding(
        "regelingen/sora-2022.gr",
        Some("regelingen/scenario-dijk-en-waard.csv"),
    );
    let b = |g: &str| s.participants.iter().find(|p| p.name == g).unwrap().banzhaf;
    let total: f64 = s.participants.iter().map(|p| p.banzhaf).sum();
    assert!((total - 1.0).abs() < 1e-9);
    // Weights 10, 10, 6, 6, 6, 2 with quota 21, worked out by hand (and by a script):
    // swings 15, 15, 9, 9, 9, 1 of 58. Uitgeest turns exactly one losing coalition into a
    // winning one: Alkmaar and Dijk en Waard alone have 20, with Uitgeest 22.
    let swings: Vec<f64> = s.participants.iter().map(|p| p.banzhaf * 58.0).collect();
    let want = [15.0, 9.0, 9.0, 15.0, 9.0, 1.0]; // Alkmaar, Bergen, Castricum, Dijk en Waard, Heiloo, Uitgeest
    for (got, want) in swings.iter().zip(want) {
        assert!((got - want).abs() < 1e-9, "{swings:?}");
    }
    let uitgeest = s
        .participants
        .iter()
        .find(|p| p.name == "Uitgeest")
        .unwrap();
    assert!(uitgeest.banzhaf < 0.02, "{}", uitgeest.banzhaf);
    assert!(b("Alkmaar") > b("Bergen") && (b("Alkmaar") - b("Dijk en Waard")).abs() < 1e-12);
}

#[test]
fn each_voting_fixture_gets_exactly_its_expected_findings() {
    snapshots().bind(|| {
        insta::glob!("fixtures/stemmen/*.gr", |path| {
            let file = relative(path);
            let s = stemverhouding(&file, None);
            let mut found: Vec<(String, u32)> = s
                .findings
                .iter()
                .map(|d| (d.code.clone(), d.line))
                .collect();
            found.sort();
            let want: Vec<(String, u32)> = expected(path)
                .into_iter()
                .filter(|(c, _)| c.starts_with('V'))
                .collect();
            assert_eq!(found, want, "{file}");
            let env = grc::render::environment();
            insta::assert_snapshot!(grc::render::stemmen::one(&env, &s, "txt").unwrap());
        });
    });
}

#[test]
fn every_voting_code_has_a_fixture_or_a_test() {
    let mut seen = std::collections::BTreeSet::new();
    for e in std::fs::read_dir("tests/fixtures/stemmen").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "gr") {
            seen.extend(expected(&p).into_iter().map(|(c, _)| c));
        }
    }
    // V002 (no members clause), V010 (no population), V011 (bad CSV): tested below;
    // V007 (the DB's weight within half): the Eindrapport test above.
    for code in ["V002", "V007", "V010", "V011"] {
        seen.insert(code.to_string());
    }
    for (code, _, _) in grc::diagnostic::CODES {
        if code.starts_with('V') {
            assert!(seen.contains(*code), "nothing triggers {code}");
        }
    }
}

#[test]
fn missing_members_clause_and_missing_population_are_reported_not_guessed() {
    let text = "---\ntitel: T\ndeelnemers: Aadorp, Zwijndrecht\n---\nT\n\nArtikel 1 Bestuur\n\nHet bestuur besluit bij meerderheid van de uitgebrachte stemmen.\n";
    let (r, _) = grc::source::parse("t.gr", text);
    let data = vec![Population {
        name: "Aadorp".into(),
        population: 1000,
        reference_date: "2024-01-01".into(),
        source: String::new(),
    }];
    let s = compute(&r, &data, &grc::stemmen::deelnemers(&r, &data, false));
    assert!(
        s.findings.iter().any(|d| d.code == "V002"),
        "{:#?}",
        s.findings
    );
    assert_eq!(s.members_total, 0);
    let text = text.replace("Het bestuur besluit", "Het algemeen bestuur bestaat uit één lid per gemeente. Een gemeente met een inwonertal van 0 of meer heeft één stem. Het bestuur besluit");
    let (r, _) = grc::source::parse("t.gr", &text);
    let s = compute(&r, &data, &grc::stemmen::deelnemers(&r, &data, false));
    assert!(
        s.findings
            .iter()
            .any(|d| d.code == "V010" && d.message.contains("Zwijndrecht")),
        "{:#?}",
        s.findings
    );
    let (_, d) = population::parse("i.csv", "gemeente,inwoners,peildatum\nAadorp,-,2024\n");
    assert_eq!(d[0].code, "V011");
}

#[test]
fn stemmen_tables_for_both_regelingen_and_the_scenario() {
    let env = grc::render::environment();
    let sora = stemverhouding("regelingen/sora-2022.gr", None);
    let wnk = stemverhouding("regelingen/wnk-2015.gr", None);
    let merged = stemverhouding(
        "regelingen/sora-2022.gr",
        Some("regelingen/scenario-dijk-en-waard.csv"),
    );
    snapshots().bind(|| {
        insta::assert_snapshot!(
            "stemmen_sora_txt",
            grc::render::stemmen::one(&env, &sora, "txt").unwrap()
        );
        insta::assert_snapshot!(
            "stemmen_wnk_txt",
            grc::render::stemmen::one(&env, &wnk, "txt").unwrap()
        );
        insta::assert_snapshot!(
            "stemmen_dijk_en_waard_md",
            grc::render::stemmen::one(&env, &merged, "md").unwrap()
        );
        insta::assert_snapshot!(
            "stemmen_wnk_sora_md",
            grc::render::stemmen::compare(&env, &wnk, &sora, "md").unwrap()
        );
        insta::assert_snapshot!(
            "stemmen_wnk_sora_txt",
            grc::render::stemmen::compare(&env, &wnk, &sora, "txt").unwrap()
        );
        insta::assert_json_snapshot!("stemmen_dijk_en_waard_json", merged);
    });
}

/// The Dijk en Waard scenario as Excel's Dutch CSV export writes it (`;`, quotes, `29.696`,
/// BOM, CRLF: `tests/fixtures/stemmen/csv/excel-nl.csv`) reads as the plain file, and gives
/// the Eindrapport's 12 leden and 40 stemmen; the bad forms are located.
#[test]
fn population_csv_in_every_form_a_spreadsheet_writes() {
    let read = |file: &str| {
        let text = std::fs::read_to_string(file).unwrap();
        population::parse(file, &text)
    };
    let (plain, d) = read("regelingen/scenario-dijk-en-waard.csv");
    assert!(d.is_empty(), "{d:#?}");
    let (excel, d) = read("tests/fixtures/stemmen/csv/excel-nl.csv");
    assert!(d.is_empty(), "{d:#?}");
    // The figures are the same; the `bron` texts differ on purpose (the fixture puts `;`,
    // `,` and doubled quotes inside quoted fields).
    let figures = |rows: &[population::Population]| -> Vec<(String, u64, String)> {
        rows.iter()
            .map(|p| (p.name.clone(), p.population, p.reference_date.clone()))
            .collect()
    };
    assert_eq!(figures(&excel), figures(&plain));
    assert_eq!(excel[1].source, "CBS, een andere kopie zegt \"29.715\"");
    let s = stemverhouding(
        "regelingen/sora-2022.gr",
        Some("tests/fixtures/stemmen/csv/excel-nl.csv"),
    );
    assert_eq!((s.members_total, s.votes_total), (12, 40));
    for (file, line, column, message) in [
        (
            "fout-duizendtal.csv",
            2,
            11,
            "\"109,896\" is geen inwonertal",
        ),
        (
            "fout-aanhalingsteken.csv",
            3,
            1,
            "aanhalingsteken (\") wordt niet gesloten",
        ),
    ] {
        let (_, d) = read(&format!("tests/fixtures/stemmen/csv/{file}"));
        assert_eq!(d.len(), 1, "{file}: {d:#?}");
        assert_eq!(
            (d[0].code.as_str(), d[0].line, d[0].column),
            ("V011", line, column),
            "{file}"
        );
        assert!(d[0].message.contains(message), "{file}: {}", d[0].message);
    }
}

/// The three mixed regelingen (Rijk, provincie, stichting among the deelnemers) designate
/// their members by named bodies; without population data the table follows from the text.
#[test]
fn designations_by_the_minister_the_raden_the_staten_and_the_stichting() {
    use grc::stemmen::seats::Kind;
    let table = |file: &str| {
        let text = std::fs::read_to_string(file).unwrap();
        let (r, _) = grc::source::parse(file, &text);
        let s = compute(&r, &[], &grc::stemmen::deelnemers(&r, &[], false));
        let rows: Vec<(String, Kind, u32, u32, u32)> = s
            .participants
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.kind,
                    p.members,
                    p.votes_per_member,
                    p.votes,
                )
            })
            .collect();
        (rows, s.votes_total, s.findings)
    };
    let row = |n: &str, k, m, v, t| (n.to_string(), k, m, v, t);
    use Kind::*;
    // Artikel 4: the minister two members with dubbel stemrecht, Middelburg two, Veere one.
    let (rows, total, findings) = table("tests/fixtures/real/zeeuws-archief.gr");
    assert_eq!(
        rows,
        [
            row("Rijk", State, 2, 2, 4),
            row("Middelburg", Municipality, 2, 1, 2),
            row("Veere", Municipality, 1, 1, 1)
        ]
    );
    assert_eq!(total, 7);
    // Computed, so not reported as "not computed"; the five members are lid 1's five.
    assert!(
        !findings
            .iter()
            .any(|d| ["V001", "V002", "V014"].contains(&d.code.as_str())),
        "{findings:#?}"
    );
    // The Rijk is named in the aanhef by its staatssecretaris; "de gemeenten" need not
    // name it.
    assert!(!findings.iter().any(|d| d.code == "V012"), "{findings:#?}");
    let (rows, total, findings) = table("tests/fixtures/real/gelders-archief.gr");
    assert_eq!(
        rows,
        [
            row("Rijk", State, 3, 1, 3),
            row("Arnhem", Municipality, 2, 1, 2),
            row("Renkum, Rheden en Rozendaal", Municipality, 1, 1, 1)
        ]
    );
    assert_eq!(total, 6);
    assert!(!findings.iter().any(|d| d.code == "V014"), "{findings:#?}");
    let (rows, total, _) = table("tests/fixtures/real/letterhoeke.gr");
    assert_eq!(
        rows,
        [
            row("Rijk", State, 3, 1, 3),
            row("Fryslân", Province, 3, 1, 3),
            row(
                "Stichting Frysk Letterkundich Museum en Dokumintaasjesintrum",
                Organisation,
                1,
                1,
                1
            )
        ]
    );
    assert_eq!(total, 7);
}

/// The comparison of two versions names its first column as the page of one version
/// does: "Deelnemer" where a deelnemer is no gemeente (it said "Gemeente" above the Rijk).
#[test]
fn the_comparison_of_a_mixed_regeling_lists_deelnemers() {
    let env = grc::render::environment();
    let file = "tests/fixtures/real/zeeuws-archief.gr";
    let text = std::fs::read_to_string(file).unwrap();
    let (r, _) = grc::source::parse(file, &text);
    let s = compute(&r, &[], &grc::stemmen::deelnemers(&r, &[], false));
    let wnk = stemverhouding("regelingen/wnk-2015.gr", None);
    for (old, new) in [(&s, &s), (&wnk, &s), (&s, &wnk)] {
        let md = grc::render::stemmen::compare(&env, old, new, "md").unwrap();
        assert!(md.contains("\n| Deelnemer | Leden oud |"), "{md}");
        let txt = grc::render::stemmen::compare(&env, old, new, "txt").unwrap();
        assert!(txt.contains("\nDeelnemer "), "{txt}");
        let html = grc::render::stemmen::compare(&env, old, new, "html").unwrap();
        assert!(html.contains("<th scope=\"col\">Deelnemer</th>"));
        assert!(!html.contains(">Gemeente</th>"));
    }
    let md = grc::render::stemmen::compare(&env, &wnk, &wnk, "md").unwrap();
    assert!(md.contains("\n| Gemeente | Leden oud |"), "{md}");
}
