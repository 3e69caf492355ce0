//! The anchored search (`find`) against the whole `alinea` rule, and the reference forms
//! the grammar reads.

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
    let texts = crate::source::test_texts();
    let files = texts
        .iter()
        .map(|(f, t)| (f.display().to_string(), t.as_str()));
    let mut plain = 0;
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
            plain += line
                .char_indices()
                .filter(|(k, _)| plain_article(&line[*k..]).is_some())
                .count();
            start += line.len() as u32 + 1;
        }
    }
    // The matcher reads real references, not only the constructed lines.
    assert!(plain > 1000, "{plain} plain articles");
    let json = |line: &str| serde_json::to_string(&find(line, line_at(0, 0, line))).unwrap();
    assert!(json("zie artikel 12 van de Wet").contains("\"12\""));
    assert_eq!(json("artikel 12 van").matches("\"article\"").count(), 1);
}
