//! Unit tests of `sentence.rs`: every sentence reads back as itself.

use super::*;

fn lid(a: Option<&str>, l: &str) -> Addr {
    Addr {
        artikel: a.map(str::to_string),
        lid: Some(l.into()),
        ..Addr::default()
    }
}

#[test]
fn every_sentence_reads_back_as_itself() {
    let onderdeel = Addr {
        lid: Some("1".into()),
        onderdeel: Some("c".into()),
        ..Addr::default()
    };
    let sentences = [
        Sentence::Intro(Addr::artikel("9")),
        Sentence::Replace {
            at: lid(Some("9"), "6"),
            old: "de \"oude\" woorden".into(),
            new: "nieuwe, \"andere\" woorden.".into(),
        },
        Sentence::Replace {
            at: lid(None, "22"),
            old: "a".into(),
            new: "b".into(),
        },
        Sentence::ReplaceEvery {
            at: Addr::artikel("4"),
            old: "het Schap".into(),
            new: "SORA".into(),
        },
        // Changes of one element joined (issue 14), nested quotes in either part.
        Sentence::Edits {
            at: lid(None, "2"),
            edits: vec![
                Edit::Replace {
                    old: "x".into(),
                    new: "de \"y\" en wordt z".into(),
                },
                Edit::InsertAfter {
                    after: "z".into(),
                    words: "w".into(),
                },
            ],
        },
        Sentence::Edits {
            at: lid(Some("8"), "1"),
            edits: vec![Edit::InsertAfter {
                after: "voorzien.".into(),
                words: "Uit de overige leden".into(),
            }],
        },
        Sentence::Edits {
            at: Addr::artikel("3"),
            edits: vec![
                Edit::InsertAfter {
                    after: "gemeenten".into(),
                    words: ", waaronder".into(),
                },
                Edit::Replace {
                    old: "a".into(),
                    new: "b".into(),
                },
                Edit::Replace {
                    old: "c".into(),
                    new: "d".into(),
                },
            ],
        },
        Sentence::ReplaceEveryIn {
            artikelen: vec!["3".into(), "5a".into(), "7".into()],
            old: "het Schap".into(),
            new: "SORA".into(),
        },
        Sentence::ReplaceEveryIn {
            artikelen: vec!["2".into(), "9".into()],
            old: "het \"Schap\"".into(),
            new: "de regeling".into(),
        },
        Sentence::ReplaceEvery {
            at: Addr::artikel("4"),
            old: "het \"Schap\"".into(),
            new: "telkens vervangen door".into(),
        },
        Sentence::Whole(Addr::special(Special::Regeling)),
        Sentence::Renumber {
            at: Addr::artikel("21"),
            to: "22".into(),
        },
        Sentence::Heading(Addr::artikel("20a")),
        Sentence::Heading(Addr::special(Special::Regeling)),
        Sentence::Whole(Addr::special(Special::Aanhef)),
        Sentence::Whole(Addr::artikel("4")),
        Sentence::Whole(lid(Some("4"), "3")),
        Sentence::Whole(onderdeel.clone()),
        Sentence::Repeal {
            at: Addr::artikel("31"),
            shift: None,
        },
        Sentence::Repeal {
            at: lid(None, "3"),
            shift: Some(Shift {
                letters: false,
                from: ("4".into(), "6".into()),
                to: ("3".into(), "5".into()),
            }),
        },
        Sentence::Repeal {
            at: lid(None, "1"),
            shift: Some(Shift {
                letters: false,
                from: ("2".into(), "3".into()),
                to: ("1".into(), "2".into()),
            }),
        },
        Sentence::Repeal {
            at: onderdeel.clone(),
            shift: Some(Shift {
                letters: true,
                from: ("d".into(), "d".into()),
                to: ("c".into(), "c".into()),
            }),
        },
        Sentence::RepealRun {
            at: lid(None, "3"),
            last: "5".into(),
        },
        Sentence::RepealRun {
            at: lid(Some("9"), "2"),
            last: "3".into(),
        },
        Sentence::RepealRun {
            at: Addr {
                onderdeel: Some("c".into()),
                ..Addr::default()
            },
            last: "e".into(),
        },
        Sentence::RepealRun {
            at: onderdeel.clone(),
            last: "d".into(),
        },
        Sentence::AppendLeden {
            to: Addr::artikel("9"),
            count: 5,
        },
        Sentence::AppendLeden {
            to: Addr::artikel("9"),
            count: 14,
        },
        Sentence::Insert {
            after: true,
            at: Addr::artikel("20"),
            what: Soort::Artikel,
        },
        Sentence::Insert {
            after: false,
            at: lid(None, "1"),
            what: Soort::Lid,
        },
        Sentence::InsertShifting {
            shift: Shift {
                letters: false,
                from: ("2".into(), "2".into()),
                to: ("3".into(), "3".into()),
            },
            within: Some(Addr::artikel("9")),
            what: Soort::Lid,
        },
        Sentence::InsertShifting {
            shift: Shift {
                letters: true,
                from: ("c".into(), "f".into()),
                to: ("d".into(), "g".into()),
            },
            within: Some(lid(None, "1")),
            what: Soort::Onderdeel,
        },
        Sentence::Append {
            to: Addr {
                hoofdstuk: Some("3".into()),
                ..Addr::default()
            },
            what: Soort::Artikel,
        },
        Sentence::Append {
            to: Addr::special(Special::Regeling),
            what: Soort::Bijlage,
        },
        Sentence::Append {
            to: Addr::special(Special::Regeling),
            what: Soort::Toelichting,
        },
        Sentence::Append {
            to: Addr::special(Special::Regeling),
            what: Soort::Slotformulering,
        },
    ];
    for s in sentences {
        let text = s.text();
        assert_eq!(parse(&text), Ok(s.clone()), "{text}");
    }
}

#[test]
fn wording_follows_the_aanwijzingen() {
    // Ar 6.11: what comes at the end is added (toegevoegd), not inserted.
    assert_eq!(
        Sentence::Append {
            to: Addr::special(Special::Regeling),
            what: Soort::Toelichting,
        }
        .text(),
        "Aan de regeling wordt een toelichting toegevoegd, luidende:"
    );
    assert_eq!(
        Sentence::Replace {
            at: lid(Some("9"), "6"),
            old: "X".into(),
            new: "Y".into()
        }
        .text(),
        "In artikel 9, zesde lid, wordt \"X\" vervangen door \"Y\"."
    );
    assert_eq!(
        Sentence::Repeal {
            at: lid(None, "1"),
            shift: Some(Shift {
                letters: false,
                from: ("2".into(), "4".into()),
                to: ("1".into(), "3".into()),
            })
        }
        .text(),
        "Het eerste lid vervalt, onder vernummering van het tweede tot en met vierde lid tot eerste tot en met derde lid."
    );
    assert_eq!(
        Sentence::InsertShifting {
            shift: Shift {
                letters: false,
                from: ("2".into(), "2".into()),
                to: ("3".into(), "3".into()),
            },
            within: None,
            what: Soort::Lid,
        }
        .text(),
        "Onder vernummering van het tweede lid tot derde lid wordt een lid ingevoegd, luidende:"
    );
}

/// Consecutive repeals (issue 14): plural verb, "en" for two, "tot en met" for more.
#[test]
fn a_run_of_repeals_reads_as_a_drafter_writes_it() {
    let run = |at: Addr, last: &str| {
        Sentence::RepealRun {
            at,
            last: last.into(),
        }
        .text()
    };
    assert_eq!(
        run(lid(None, "3"), "5"),
        "Het derde tot en met vijfde lid vervallen."
    );
    assert_eq!(
        run(lid(None, "3"), "4"),
        "Het derde en vierde lid vervallen."
    );
    let c = Addr {
        onderdeel: Some("c".into()),
        ..Addr::default()
    };
    assert_eq!(run(c, "e"), "Onderdelen c tot en met e vervallen.");
    assert_eq!(
        run(lid(Some("9"), "2"), "3"),
        "Artikel 9, tweede en derde lid, vervallen."
    );
    assert_eq!(
        Sentence::AppendLeden {
            to: Addr::artikel("9"),
            count: 2
        }
        .text(),
        "Aan artikel 9 worden twee leden toegevoegd, luidende:"
    );
    assert!(parse("Aan artikel 9 worden een leden toegevoegd, luidende:").is_err());
    // One lid is "vervalt"; the plural form naming one is refused.
    assert!(parse("Het derde lid vervallen.").is_err());
}

#[test]
fn an_unknown_sentence_is_an_error() {
    let e = parse("Artikel 9 wordt geschrapt.").unwrap_err();
    assert_eq!(e.1, "deze zin is geen wijzigingsopdracht die grc kent");
    assert!(parse("In artikel 9 wordt \"a\" vervangen door \"b\"").is_err());
}

#[test]
fn a_sweep_across_articles_names_them_as_a_list() {
    let s = Sentence::ReplaceEveryIn {
        artikelen: vec!["3".into(), "5".into(), "7".into()],
        old: "het Schap".into(),
        new: "SORA".into(),
    };
    assert_eq!(
        s.text(),
        "In de artikelen 3, 5 en 7 wordt \"het Schap\" telkens vervangen door \"SORA\"."
    );
    // One article is no list: that is "In artikel 3 wordt ... telkens ...".
    assert!(parse("In de artikelen 3 wordt \"a\" telkens vervangen door \"b\".").is_err());
    // Without "telkens" a sentence over several articles would not say which occurrence.
    assert!(parse("In de artikelen 3 en 4 wordt \"a\" vervangen door \"b\".").is_err());
}
