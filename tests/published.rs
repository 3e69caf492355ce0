//! Forms that real published regelingen use (issue 12), one small fixture of our own per
//! class in `tests/fixtures/published/`: each gets exactly its expected diagnostics, a
//! reviewed outline snapshot, and assertions on the tree for what the outline shows.

mod common;

use std::path::Path;

use common::{article_numbers, expected, found, load, relative, snapshots};
use grc::tree::walk::articles;
use grc::tree::*;

#[test]
fn each_published_form_gets_exactly_its_expected_diagnostics() {
    snapshots().bind(|| {
        insta::glob!("fixtures/published/*.gr", |path| {
            let (r, diags, _) = load(path);
            assert_eq!(found(&diags), expected(path), "{}", relative(path));
            insta::assert_snapshot!(grc::tree::outline::outline(&r));
            // The writer's round trip holds for every form.
            let written = grc::source::write(&r);
            let (again, _) = grc::source::parse(&relative(path), &written);
            assert_eq!(
                without_spans(&again),
                without_spans(&r),
                "{}: the written text reads back differently:\n{written}",
                relative(path)
            );
        });
    });
}

fn fixture(name: &str) -> Regeling {
    load(&Path::new("tests/fixtures/published").join(name)).0
}

fn texts(content: &[Blok]) -> Vec<String> {
    content
        .iter()
        .filter_map(|b| match b {
            Blok::Alinea(a) => Some(a.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_preceding_decision_is_split_off_without_the_regelings_title_in_the_metadata() {
    let r = fixture("deelnamebesluit-zonder-titel.gr");
    let d = r
        .preceding_decision
        .as_deref()
        .expect("a preceding decision");
    assert_eq!(d.body.len(), 2, "the decision's two articles");
    let closing = d.closing.as_ref().expect("the decision's ondertekening");
    assert_eq!(
        texts(&closing.content),
        [
            "Den Haag",
            "3 maart 2003",
            "De Minister van Onderwijs, Cultuur en Wetenschap,",
            "A. de Vries"
        ]
    );
    assert_eq!(
        r.title.as_ref().unwrap().text,
        "Regeling Streekarchief De Waard"
    );
    assert!(texts(&r.preamble.as_ref().unwrap().content)[0].starts_with("De Minister"));
    assert_eq!(article_numbers(&r), ["1", "2"]);
}

#[test]
fn a_bijlage_line_before_the_regeling_is_its_cover() {
    let r = fixture("bijlage-als-omslag.gr");
    assert!(r.annexes.is_empty());
    assert_eq!(article_numbers(&r), ["1", "2"]);
    assert_eq!(
        r.title.as_ref().unwrap().text,
        "Gemeenschappelijke regeling Veenkoloniën"
    );
    let r = fixture("deelnamebesluit-met-bijlage.gr");
    assert!(r.annexes.is_empty());
    assert_eq!(r.preceding_decision.as_deref().unwrap().body.len(), 2);
    assert_eq!(
        r.title.as_ref().unwrap().text,
        "Regeling Het Archief Oostkust"
    );
    assert_eq!(article_numbers(&r), ["1"]);
}

#[test]
fn lists_run_together_on_one_line_are_split() {
    let r = fixture("leden-op-een-regel.gr");
    let a = &articles(&r)[0];
    let leden: Vec<&str> = a.leden().map(|l| l.number.as_str()).collect();
    assert_eq!(leden, ["1", "2", "3"]);
    assert_eq!(
        texts(&a.leden().nth(1).unwrap().content),
        ["Het lichaam is gevestigd in Nieuwstad."]
    );
    assert_eq!(articles(&r)[1].leden().count(), 0);
    let r = fixture("begrippen-op-een-regel.gr");
    for a in &articles(&r)[..2] {
        let Some(Blok::Lijst(list)) = a.content.get(1) else {
            panic!("a list in {:?}", a.number)
        };
        let letters: Vec<&str> = list.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(letters, ["a", "b", "c"]);
    }
}

#[test]
fn divisions_nest_by_rank() {
    let r = fixture("indeling-in-titels-en-afdelingen.gr");
    let Deel::Paragraaf(titel) = &r.body[0] else {
        panic!("a titel first")
    };
    assert_eq!(
        (titel.label.as_str(), titel.number.as_str()),
        ("Titel", "1")
    );
    let afdelingen: Vec<&str> = titel
        .content
        .iter()
        .filter_map(|d| match d {
            Deel::Paragraaf(p) if p.label == "Afdeling" => Some(p.number.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(afdelingen, ["1", "2"]);
    assert_eq!(article_numbers(&r), ["1", "2", "3", "4"]);
    let r = fixture("artikelnummers-per-hoofdstuk.gr");
    assert_eq!(article_numbers(&r), ["1:1", "1:2", "2:1", "2:1a"]);
    let r = fixture("artikelnummers-van-oude-wetten.gr");
    assert_eq!(
        article_numbers(&r),
        ["1", "2", "2a", "2a bis", "2B", "3", "VIA"]
    );
    let Deel::Hoofdstuk(h) = &r.body[1] else {
        panic!()
    };
    assert_eq!(h.number, "IVa");
    let r = fixture("artikelnummers-met-letters.gr");
    assert_eq!(article_numbers(&r), ["A1", "A2", "C 1", "C 2"]);
}

#[test]
fn database_notes_belong_to_their_heading() {
    let r = fixture("aantekeningen-van-de-databank.gr");
    let Deel::Hoofdstuk(h) = &r.body[0] else {
        panic!()
    };
    assert_eq!(h.annotations[0].text, "Materieel uitgewerkt per 01-01-2014");
    let a = articles(&r);
    assert_eq!(a[0].annotations.len(), 1);
    assert_eq!(a[0].content.len(), 1, "the note is not text of artikel 1");
    assert!(a[1].repealed, "Vervallen per ... repeals artikel 2");
    assert!(a[1].content.is_empty());
    assert_eq!(
        texts(&a[2].content),
        ["De ondernemer is een heffing verschuldigd."]
    );
    assert!(a[3].content.is_empty());
}

#[test]
fn numbered_lines_under_an_introducing_item_are_its_list() {
    let r = fixture("genummerde-punten.gr");
    let a = articles(&r);
    let leden: Vec<&str> = a[0].leden().map(|l| l.number.as_str()).collect();
    assert_eq!(leden, ["1", "2", "3"], "the numbered items are no leden");
    let leden: Vec<&str> = a[1].leden().map(|l| l.number.as_str()).collect();
    assert_eq!(leden, ["1", "2", "3"]);
    // Every eId is unique, and the nested lists are where they belong.
    let mut eids = std::collections::HashSet::new();
    grc::tree::walk::walk(&r, &mut |_, n| {
        assert!(eids.insert(n.eid().to_string()), "duplicate {}", n.eid());
    });
    for eid in [
        "art_1__para_1__list_o_1__li_a__list_o_1__li_2",
        "art_1__para_3__list_o_1__li_2",
        "art_2__para_1__list_o_1__li_1__list_o_1__li_b",
        "art_2__para_2__list_o_1__li_2__list_o_1__li_a",
        "art_2__para_3__list_o_1__li_a__list_o_1__li_iii",
        "art_2__para_3__list_o_1__li_k",
    ] {
        assert!(eids.contains(eid), "{eid} missing");
    }
}

#[test]
fn a_text_without_articles_is_running_text() {
    let r = fixture("tekst-zonder-artikelen.gr");
    assert!(articles(&r).is_empty());
    let sections: Vec<(&str, &str)> = r
        .body
        .iter()
        .filter_map(|d| match d {
            Deel::Paragraaf(p) => Some((
                p.number.as_str(),
                p.heading.as_ref().map_or("", |h| h.text.as_str()),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(sections, [("1", "Inleiding"), ("2", "Voorwaarden")]);
}

#[test]
fn a_bare_number_over_a_title_and_an_article_heads_a_division() {
    let r = fixture("kale-nummers-als-afdeling.gr");
    assert_eq!(article_numbers(&r), ["1", "2", "3"]);
    let sections: Vec<&str> = r
        .body
        .iter()
        .filter_map(|d| match d {
            Deel::Paragraaf(p) => Some(p.number.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sections, ["1", "2"]);
}

#[test]
fn an_amending_acts_inserted_articles_keep_their_capital_letter() {
    let r = fixture("ingevoegde-artikelen-van-een-wijzigingswet.gr");
    assert_eq!(
        article_numbers(&r),
        ["XLIV", "XLIVA", "XLIVB", "XLV", "XC", "XCA"]
    );
}

#[test]
fn a_place_and_a_date_open_the_ondertekening_of_a_decree_without_a_closing_formula() {
    let r = fixture("ondertekening-zonder-slotformule.gr");
    assert_eq!(article_numbers(&r), ["1", "2"]);
    let closing = r.closing.as_ref().expect("an ondertekening");
    assert_eq!(texts(&closing.content)[..2], ["Den Haag", "16 maart 2006"]);
    let last = articles(&r)
        .last()
        .map(|a| texts(&a.content))
        .unwrap_or_default();
    assert!(
        !last.iter().any(|t| t == "Den Haag"),
        "the place left artikel 2"
    );
}

#[test]
fn a_number_alone_on_its_line_takes_the_text_on_the_next() {
    let r = fixture("nummer-en-tekst-op-twee-regels.gr");
    let a = articles(&r)[0];
    let leden: Vec<&Lid> = a
        .content
        .iter()
        .filter_map(|b| match b {
            Blok::Lid(l) => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(leden.len(), 3);
    assert!(texts(&leden[0].content)[0].starts_with("De colleges"));
    assert!(texts(&leden[1].content)[0].starts_with("De in het eerste lid"));
    assert_eq!(
        texts(&leden[2].content),
        ["Dit zijn de volgende overleggen:"]
    );
    let Some(Blok::Lijst(list)) = leden[2].content.get(1) else {
        panic!("lid 3 holds the list: {:?}", leden[2].content);
    };
    let items: Vec<(String, Vec<String>)> = list
        .items
        .iter()
        .map(|o| (o.number.clone(), texts(&o.content)))
        .collect();
    assert_eq!(
        items,
        [
            (
                "a".to_string(),
                vec!["Algemeen Bestuurlijke Zaken;".to_string()]
            ),
            ("b".to_string(), vec!["Verkeer en vervoer.".to_string()])
        ]
    );
}

/// RHC Groninger Archieven's artikel 14 read "(vervalt)" as its text.
#[test]
fn vervalt_in_parentheses_repeals_its_article_or_lid() {
    let r = fixture("vervalt-tussen-haakjes.gr");
    let a = articles(&r);
    assert!(a[1].repealed, "(vervalt) repeals artikel 2");
    assert!(a[1].content.is_empty());
    let Blok::Lid(lid2) = &a[2].content[1] else {
        panic!("artikel 3 has leden: {:?}", a[2].content);
    };
    assert!(lid2.repealed, "(Vervallen) repeals the second lid");
    assert!(a[3].repealed, "Vervalt. repeals artikel 4");
    assert!(!a[4].repealed);
    assert!(texts(&a[4].content)[0].ends_with("de regeling vervalt niet."));
}

#[test]
fn the_first_line_standing_alone_is_the_title_of_a_text_without_metadata() {
    let r = fixture("titel-zonder-metadata.gr");
    assert_eq!(
        r.title.as_ref().map(|t| t.text.as_str()),
        Some("Regeling Regionaal Archief De Voorbeeldstreek")
    );
    let aanhef = texts(&r.preamble.as_ref().expect("an aanhef").content);
    assert_eq!(aanhef.len(), 3, "{aanhef:?}");
    assert!(aanhef[0].starts_with("De raden en de colleges"));
    // An aanhef's opening line (it ends with a comma) is no title.
    let r = fixture("aanhef-zonder-titel.gr");
    assert!(r.title.is_none());
    let aanhef = texts(&r.preamble.as_ref().expect("an aanhef").content);
    assert_eq!(aanhef[0], "De raad van de gemeente Voorbeeld,");
}
