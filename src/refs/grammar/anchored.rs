//! The anchored search (`find`) against the whole `alinea` rule, and the reference forms
//! the grammar reads.

use super::list_edges::LIST_EDGES;
use super::*;

/// The span of the `n`th line of a text (counted from 0), starting at byte `start`.
fn line_at(n: usize, start: u32, line: &str) -> Span {
    Span {
        line: n as u32 + 1,
        column: 1,
        start,
        end: start + line.len() as u32,
    }
}

/// `find` (anchored at candidate words) gives exactly what the `alinea` rule gives,
/// on every line of the two regelingen and the real GRs.
#[test]
fn anchored_search_equals_the_full_grammar() {
    let mut lines = 0;
    for f in [
        "regelingen/sora-2022.gr",
        "regelingen/wnk-2015.gr",
        "tests/fixtures/real/zeeuws-archief.gr",
        "tests/fixtures/real/gelders-archief.gr",
        "tests/fixtures/real/letterhoeke.gr",
        "tests/fixtures/check/verwijzingen-fout.gr",
        "tests/fixtures/check/verwijzingen-goed.gr",
    ] {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + f)
                .unwrap();
        let mut start = 0u32;
        for (n, line) in text.lines().enumerate() {
            let at = line_at(n, start, line);
            assert_eq!(
                find(line, at),
                find_by_alinea(line, at),
                "{f}:{}: {line}",
                n + 1
            );
            start += line.len() as u32 + 1;
            lines += 1;
        }
    }
    assert!(lines > 1500);
}

/// Regression (the parse at a word ran on the whole rest of the line, so a long line
/// cost the square of its length): references that end before, near and after the
/// window's cut, in lines much longer than the window, come out as the full grammar
/// finds them.
#[test]
fn windowed_search_equals_the_full_grammar_around_the_cut() {
    let list: Vec<String> = (1..=90).map(|n| n.to_string()).collect();
    let long_ref = format!("de artikelen {} en 91 van de Gemeentewet", list.join(", "));
    assert!(long_ref.len() > WINDOW + MARGIN);
    let filler = "het bestuur besluit over de zaken van het openbaar lichaam ".repeat(12);
    let mut checked = 0;
    for pad in [0usize, 150, 190, 200, 230, 250, 270, 300] {
        for reference in [long_ref.as_str(), "artikel 5, tweede lid, onder a"] {
            let line = format!("{}{reference}, en {filler}", "x".repeat(pad));
            let at = Span {
                line: 1,
                column: 1,
                start: 0,
                end: line.len() as u32,
            };
            let found = find(&line, at);
            assert_eq!(found, find_by_alinea(&line, at), "pad {pad}: {reference}");
            assert!(!found.is_empty(), "pad {pad}: {reference}");
            checked += 1;
        }
    }
    assert_eq!(checked, 16);
    // The long list is one reference with every article in it.
    let line = format!("{long_ref}, en {filler}");
    let at = Span {
        line: 1,
        column: 1,
        start: 0,
        end: line.len() as u32,
    };
    let json = serde_json::to_string(&find(&line, at)).unwrap();
    assert!(json.contains("\"91\""), "{json}");
}

/// Every first word a reference can start with, in the shapes the pre-check must let
/// through (and a few it must not): `find` agrees with the whole grammar on each.
#[test]
fn the_pre_check_lets_every_reference_shape_through() {
    let found = [
        "zie artikel 12, eerste lid, onder k.",
        "de artikelen 7 en 12",
        "De artikel 3",
        "het eerste en tweede lid",
        "het 2de lid",
        "het 2de en 3de lid",
        "het eerste, tweede of derde lid",
        "het eerste tot en met derde lid",
        "het eerste respectievelijk tweede lid",
        "het lid 2",
        "de artikelen 7 tot en met 9",
        "het tweeëntwintigste lid",
        "het Vorige lid",
        "het voorgaande lid onder a",
        "het volgende lid",
        "de leden 5, 6 en 9",
        "lid 2 en lid 3",
        "Leden 2 tot en met 4",
        "dit artikel",
        "dit artikellid",
        "dit Lid",
        "dit onderdeel",
        "onder a",
        "onder 'd'",
        "onder ‘d’",
        "sub aa",
        "onderdeel c",
        "onderdelen a en b",
        "onder a, 1°",
        "artikel\t5",
    ];
    let none = [
        "onder meer",
        "onder de",
        "onder ab",
        "onder A",
        "lid van het bestuur",
        "het lid",
        "dit is",
        "de leden van het bestuur",
        "artikel, zie",
        "de artikelen",
        "het bepaalde in",
        "de eerste vergadering",
        "het vorige jaar",
        "de leden, die",
    ];
    for line in found.iter().chain(none.iter()) {
        let at = Span {
            line: 1,
            column: 1,
            start: 0,
            end: line.len() as u32,
        };
        let got = find(line, at);
        assert_eq!(got, find_by_alinea(line, at), "{line}");
        assert_eq!(got.is_empty(), none.contains(line), "{line}");
    }
}

/// The hand-read `artikel 12` (`plain_article`) gives exactly what the grammar gives: on
/// every line of every `.gr` file of the repository, of the corpus texts and the real GRs
/// (when this machine has them), and on lines at each edge of what it reads.
#[test]
fn plain_articles_are_the_grammars() {
    let edges = [
        "artikel 12",
        "artikel 12.",
        "artikel 12. Zie",
        "artikel 12.1 van",
        "artikel 12.a",
        "artikel 12.\u{e9}",
        "artikel 12;",
        "artikel 12)",
        "(artikel 12)",
        "artikel 12 van de Wet",
        "artikel 12 van",
        "artikel 12 vanaf",
        "artikel 12 v",
        "artikel 12 a van",
        "artikel 12 u van",
        "artikel 12a van",
        "artikel 12A van",
        "artikel 12 bis van",
        "artikel 12:3 van",
        "artikel 12, eerste lid",
        "artikel 12 eerste lid",
        "artikel 12 lid 2",
        "artikel 12 onder a",
        "artikel 12 en 13 van",
        "artikel 12 tot en met 14 van",
        "artikel 12-14 van",
        "artikel 12/13 van",
        "artikel 12 januari",
        "artikel 12 van\u{a0}de",
        "Artikel 12 van",
        "ARTIKEL 12 van",
        "artikel  12 van",
        "artikel\t12 van",
        "artikel 12\u{a0}van",
        "artikel 0012 van",
        "artikel 99999999999999999999 van",
        "artikel XV van",
        "artikel 1",
        "de artikel 12 van",
        "dit artikel 12 van",
        "4:90a, eerste tot en met artikel 12 van",
        "zie artikel 12 van de Gemeentewet; en artikel 13. Daarna artikel 7; artikel 8)",
        "één artikel 12 van en artikel 3",
    ];
    let mut plain = 0;
    by_hand_is_the_grammar_on_every_line(&edges, |line, _| {
        plain += line
            .char_indices()
            .filter(|(k, _)| plain_article(&line[*k..]).is_some())
            .count();
    });
    // The matcher reads real references, not only the constructed lines.
    assert!(plain > 1000, "{plain} plain articles");
    let json = |line: &str| serde_json::to_string(&find(line, line_at(0, 0, line))).unwrap();
    assert!(json("zie artikel 12 van de Wet").contains("\"12\""));
    assert_eq!(json("artikel 12 van").matches("\"article\"").count(), 1);
}

/// The shapes of `hand` read by hand give exactly what the grammar gives: on every line of
/// every `.gr` file of the repository, of the corpus texts and the real GRs (when this
/// machine has them), and on constructed lines at each edge of what is read. Each shape
/// must have been read by hand often in real text, so the comparison cannot pass by
/// handing everything to pest.
#[test]
fn hand_read_references_are_the_grammars() {
    let constructed = [
        "zie artikel 12, eerste lid, onder k.",
        "artikel 12, eerste lid",
        "artikel 12, eerste lid van de Wet",
        "artikel 12, eerste lid vanaf",
        "artikel 12, eerste lid en tweede lid",
        "artikel 12, eerste lid, en tweede lid",
        "artikel 12, eerste lid en artikel 13, eerste lid",
        "artikel 12, eerste lid, tweede zin",
        "artikel 12, eerste lid, aanhef en onder a",
        "artikel 12, eerste lid, lid 2",
        "artikel 12, eerste lid lid 2",
        "artikel 12, eerste lid, 13",
        "artikel 12, eerste lid, XV",
        "artikel 12, eerste lid-13",
        "artikel 12, eerste lid/13",
        "artikel 12, eerste lid tot en met 14",
        "artikel 12, eerste lid of 13",
        "artikel 12, eerste lid respectievelijk 13",
        "artikel 12, eerste lid onderscheidenlijk 13",
        "artikel 12, eerste lid; zie",
        "artikel 12, eerste lid: zie",
        "artikel 12, eerste lid). Zie",
        "artikel 12, eerste lid.1",
        "artikel 12, eerste lid  van",
        "artikel 12, eerste lid\tvan",
        "artikel 12, eerste lid\u{a0}van",
        "artikel 12, eerste lid é",
        "artikel 12, eerste lidé",
        "artikel 12, eerste lid2",
        "artikel 12, eerste lid , 13",
        "artikel 12, eerste lid 2de lid",
        "artikel 12, eerste lid tweeëntwintigste lid",
        "artikel 12, eerste lid tweede lid",
        "artikel 12, Eerste Lid",
        "artikel 12, EERSTE LID",
        "artikel 12 , eerste lid",
        "artikel 12,eerste lid",
        "artikel 12,  eerste lid",
        "artikel 12 eerste lid",
        "artikel 12  eerste lid",
        "artikel 12, 1ste lid",
        "artikel 12, 2de lid",
        "artikel 12, 3e lid",
        "artikel 12, 3E lid",
        "artikel 12, 123ste lid",
        "artikel 12, 12ste lid",
        "artikel 12, 1st lid",
        "artikel 12, tweeëntwintigste lid",
        "artikel 12, dertigste lid",
        "artikel 12, eenendertigste lid",
        "artikel 12, eerste leden",
        "artikel 12, eerste lid onder a",
        "artikel 12, eerste lid, onder a",
        "artikel 12, eerste lid, onder a van de Wet",
        "artikel 12, eerste lid, onder a en b",
        "artikel 12, eerste lid, onder a, 1°",
        "artikel 12, eerste lid, onder a 1°",
        "artikel 12, eerste lid, onder a), van de Wet",
        "artikel 12, eerste lid, onder a) en",
        "artikel 12, eerste lid, onder aa.",
        "artikel 12, eerste lid, onder ab.",
        "artikel 12, eerste lid, onder A.",
        "artikel 12, eerste lid, onder 'a'.",
        "artikel 12, eerste lid, onder a tot en met c",
        "artikel 12, eerste lid, onder a onder b",
        "artikel 12, eerste lid, sub b",
        "artikel 12, eerste lid, onderdeel b",
        "artikel 12, eerste lid, onderdelen b en c",
        "artikel 12, eerste lid, letter b",
        "artikel 12, eerste lid,onder b",
        "artikel 12, eerste lid, onder  b",
        "artikel 12, eerste lid, Onder b",
        "artikel 12 lid 2",
        "artikel 12 lid 2 van de Wet",
        "artikel 12 lid 2, onder c",
        "artikel 12, lid 2",
        "artikel 12 lid 2 en 3",
        "artikel 12 lid 2, 3",
        "artikel 12 lid 2 en lid 3",
        "artikel 12 lid 2 tot en met 4",
        "artikel 12 lid 2a",
        "artikel 12 lid 1234",
        "artikel 12 lid 123.",
        "artikel 12 lid 2 januari",
        "artikel 12 lid  2",
        "artikel 12a, eerste lid",
        "artikel 12.1, eerste lid",
        "artikel 12 januari, eerste lid",
        "Artikel 12, eerste lid",
        "artikelen 12, eerste lid",
        "het eerste lid",
        "het eerste lid.",
        "het eerste lid van dit artikel",
        "het eerste lid van de Wet",
        "het eerste lid, onder a van dit artikel",
        "het eerste lid en het tweede lid",
        "het eerste lid en tweede lid",
        "het eerste lid, aanhef en onder b",
        "het eerste lid onder b",
        "het tweede lid, onder b",
        "het tweede lid, onder b, 2°",
        "het tweede lid, onder b of c",
        "het tweede lid, sub b",
        "Het tweede lid bepaalt",
        "HET TWEEDE LID",
        "de eerste lid",
        "het 2de lid",
        "het 2de lid.",
        "het dertiende lid is",
        "het tweeëntwintigste lid",
        "het vorige lid",
        "het vorige lid, onder a",
        "het voorgaande lid van dit artikel",
        "het volgende lid geldt",
        "het volgende jaar",
        "het vorige lidmaatschap",
        "het eerste, tweede of derde lid",
        "het eerste en tweede lid",
        "het eerste  lid",
        "het  eerste lid",
        "het\teerste lid",
        "dit artikel",
        "dit artikel.",
        "dit artikel 12 van",
        "dit artikellid",
        "dit lid",
        "Dit Lid",
        "dit onderdeel,",
        "dit artikelen",
        "dit artikelé",
        "dit artikel2",
        "dit  artikel",
        "dit besluit",
        "het eerste lid, genomen",
        "het eerste lid, Genomen",
        "het eerste lid, en",
        "het eerste lid, van dit artikel",
        "het eerste lid, onder a, b en c",
        "het eerste lid, onder a, bb",
        "het eerste lid, onder a, bij",
        "het eerste lid, onder a, 1°",
        "het eerste lid, onder a, onder 1°",
        "het eerste lid, onder a, van dit artikel",
        "artikel 12, eerste lid, onder a, bij",
        "artikel 12, eerste lid, bij",
        "artikel 12, eerste lid, XV",
        "artikel 12 Gemeentewet",
        "artikel 12 Gemeentewet van",
        "artikel 12, te betalen",
        "artikel 12, Te betalen",
        "artikel 12, XV",
        "artikel 12, 13",
        "artikel 12 a",
        "artikel 12 a,",
        "artikel 12 ab",
        "artikel 12 bis",
        "artikel 12 bisschop",
        "artikel 12 ter",
        "artikel 12 quater",
        "artikel 12 januari 2006",
        "artikel 12 januarizaak",
        "artikel 12 Januari",
        "artikel 12 mei",
        "artikel 12 meisje",
        "artikel 12:3",
        "artikel 12: zie",
        "artikel 12.3",
        "artikel 12.a",
        "artikel 12 en 13",
        "artikel 12 tot en met 14",
        "artikel 12 eerste",
        "artikel 12 lid",
        "artikel 12 leden 2 en 3",
        "artikel 12 Lid 2",
        "artikel 12 onder a",
        "artikel 12 sub a",
        "artikel 12 aanhef",
        "artikel 12 tweede zin",
        "artikel 12 van",
        "artikel 12-",
        "artikel 12–14",
        "sub k van de Regeling",
        "sub k, alsmede",
        "sub k, l",
        "sub k, ll",
        "sub k en l",
        "sub k tot en met m",
        "sub k, 2°",
        "sub k 2°",
        "sub k)",
        "sub k), van de",
        "sub k) van de",
        "onder 'd'.",
        "onder 'd'",
        "onder 'd",
        "onder 'dd'",
        "onder 'de'",
        "onder ‘d’",
        "onder d'",
        "onderdeel c, ter",
        "onderdelen c en d",
        "onder de",
        "onder a van dit artikel",
        "Onder a",
        "onder A",
        "letter a",
        "lid 2",
        "lid 2 genoemde",
        "lid 2, genoemde",
        "lid 2 van dit artikel",
        "lid 2 van de Wet",
        "lid 2, onder a",
        "lid 2 en 3",
        "lid 2 en lid 3",
        "lid 2, 3",
        "lid 2a",
        "lid 2 tot en met 4",
        "Lid 2.",
        "de geraamde en",
        "de geraamde",
        "het bepaalde in",
        "het eerstejaars",
        "het tweeëntwintigste lid",
        "de leden 2 en 3",
        "het lid 2",
        "de artikelen 7 en 12",
        "de eerste2 lid",
        "de  eerste lid",
        "het\u{a0}eerste lid",
        "het onwaarschijnlijkheidsgehalte",
    ];
    let edges: Vec<&str> = constructed
        .into_iter()
        .chain(LIST_EDGES.iter().copied())
        .collect();
    // Hand-read references by shape: `dit ...`, `het vorige lid`, `het eerste lid`,
    // `artikel 12, eerste lid`, `artikel 12 lid 2`, `artikel 12` alone, `onder a` alone,
    // and any of them with `onder a`.
    let mut shapes = [0usize; 8];
    // Determiners where the grammar certainly reads nothing (`de geraamde`).
    let mut nothing = 0;
    // Lists: of articles, of numbered leden, of ordinal leden.
    let mut lists = [0usize; 3];
    by_hand_is_the_grammar_on_every_line(&edges, |line, at| {
        for (k, _) in line.char_indices() {
            let cx = Cx {
                text: &line[k..],
                at,
            };
            nothing += usize::from(cx.no_reference());
            let Some((r, _)) = cx.by_hand() else { continue };
            let c = &r.citations[0];
            if r.citations.len() > 1 {
                lists[0] += 1;
            } else if c.leden.len() > 1 {
                lists[1 + usize::from(c.lid_form == Some(LidForm::Ordinal))] += 1;
            }
            let shape = match (c.relation, c.article.is_some(), c.lid_form) {
                (Some(Relation::PreviousLid | Relation::NextLid), ..) => 1,
                (Some(_), ..) => 0,
                (None, false, Some(_)) => 2,
                (None, true, Some(LidForm::Ordinal)) => 3,
                (None, true, Some(_)) => 4,
                (None, true, None) => 5,
                (None, false, None) => 6,
            };
            shapes[shape] += 1;
            shapes[7] += usize::from(!c.onderdelen.is_empty() && shape != 6);
        }
    });
    // The matcher reads real references of every shape, not only the constructed lines.
    eprintln!(
        "hand-read references by shape: {shapes:?}; no reference: {nothing}; lists: {lists:?}"
    );
    for (list, least) in lists.iter().zip([100, 40, 100]) {
        assert!(*list >= least, "{lists:?} hand-read lists");
    }
    assert!(nothing > 10_000, "{nothing}");
    for (shape, least) in shapes.iter().zip([150, 30, 600, 150, 40, 50, 50, 50]) {
        assert!(*shape >= least, "{shapes:?} hand-read references by shape");
    }
}

/// `find` with and without the hand-read paths gives the same references on every line of
/// every `.gr` file of the repository, of the corpus texts and the real GRs (when this
/// machine has them), and on `edges`; `each` sees every line with its span.
fn by_hand_is_the_grammar_on_every_line(edges: &[&str], mut each: impl FnMut(&str, Span)) {
    let texts = crate::source::test_texts();
    let files = texts
        .iter()
        .map(|(f, t)| (f.display().to_string(), t.as_str()));
    for (name, text) in files.chain(edges.iter().map(|e| ("edge".to_string(), *e))) {
        let mut start = 0u32;
        for (n, line) in text.split('\n').enumerate() {
            let at = line_at(n, start, line);
            assert_eq!(
                find_with(line, at, true),
                find_with(line, at, false),
                "{name}:{}: {line}",
                n + 1
            );
            each(line, at);
            start += line.len() as u32 + 1;
        }
    }
}
