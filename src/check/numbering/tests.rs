use super::*;

fn run(numbers: &[&str], style: Style) -> Vec<String> {
    let items: Vec<Item> = numbers
        .iter()
        .map(|n| Item {
            number: n,
            eid: "x",
            span: Span::default(),
        })
        .collect();
    let mut diags = Vec::new();
    sequence("f", &LID, style, &items, None, &mut diags);
    diags
        .into_iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

#[test]
fn clean_sequences_are_silent() {
    assert!(run(&["1", "2", "3"], Style::Arabic).is_empty());
    assert!(run(&["1", "2", "2a", "2b", "3"], Style::Arabic).is_empty());
    assert!(run(&["a", "b", "c"], Style::Letters).is_empty());
}

#[test]
fn each_defect_is_reported() {
    assert_eq!(
        run(&["1", "2", "2"], Style::Arabic),
        vec!["S001 lid 2 komt twee keer voor (eerder op regel 0)"]
    );
    assert_eq!(
        run(&["1", "3", "2"], Style::Arabic)[1],
        "S002 lid 2 staat na lid 3"
    );
    assert_eq!(
        run(&["4", "5", "7"], Style::Arabic),
        vec![
            "S005 de leden beginnen bij lid 4 in plaats van bij 1",
            "S003 lid 6 ontbreekt (na lid 5)"
        ]
    );
    assert_eq!(
        run(&["a", "e", "g"], Style::Letters),
        vec![
            "S003 leden b tot en met d ontbreken (na lid a)",
            "S003 lid f ontbreekt (na lid e)"
        ]
    );
    assert_eq!(
        run(&["1", "2", "3a"], Style::Arabic),
        vec!["S004 lid 3a is ingevoegd, maar lid 3 gaat er niet aan vooraf"]
    );
    assert_eq!(
        run(&["1", "2", "2b"], Style::Arabic),
        vec!["S003 lid 2a ontbreekt vóór lid 2b"]
    );
}

#[test]
fn a_gap_of_billions_names_its_ends_only() {
    // Fuzz finding (roundtrip): the old message listed every missing number, and
    // `Artikel 1729069333` after `Artikel 2` allocated 41 GB.
    assert_eq!(
        run(&["1", "2", "1729069333"], Style::Arabic),
        vec!["S003 leden 3 tot en met 1729069332 ontbreken (na lid 2)"]
    );
    assert_eq!(
        run(&["1", "4"], Style::Arabic),
        vec!["S003 leden 2 en 3 ontbreken (na lid 1)"]
    );
}

#[test]
fn a_future_text_under_a_number_in_force_is_no_duplicate() {
    let text = "---\ntitel: t\n---\nArtikel 1\n\nTekst.\n\nArtikel 2\n\nTekst.\n\n\
                Artikel 2\n\nTreedt in werking per 01-07-2016\n\nNieuwe tekst.\n\n\
                Artikel 3\n\nTreedt in werking op een nader te bepalen tijdstip\n\nTekst.\n";
    let (r, _) = crate::source::parse("t.gr", text);
    let codes: Vec<String> = check(&r)
        .iter()
        .map(|d| format!("{} {}", d.code, d.line))
        .collect();
    // The second artikel 2 is said once (S007), not a duplicate (S001); artikel 3,
    // future but new, is an ordinary member (no S003 gap before it).
    assert_eq!(codes, vec!["S007 12"]);
}
