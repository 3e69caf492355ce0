//! Reference extraction on single lines: every form of docs/references.md, which act a
//! citation names, and what is not a reference.

use super::*;
use crate::tree::reference::{Citation, Relation};

/// Regression: the quick test for candidate lines was case-sensitive, so a sentence
/// opening with "Lid 2" or "Onder a" cited nothing.
#[test]
fn references_opening_a_sentence_are_found() {
    for (text, n) in [
        ("Lid 2 is van toepassing.", 1),
        ("Onder a valt ook b.", 1),
        ("LID 2 geldt.", 1),
        ("Leden 2 en 3 gelden.", 1),
        ("Sub b geldt niet.", 1),
        ("Artikel 5 geldt.", 1),
        ("Hier staat niets.", 0),
    ] {
        assert_eq!(refs(text).len(), n, "{text}");
    }
}

/// The references in `text` as a line of a gemeenschappelijke regeling (whose "de wet"
/// is the Wgr).
fn refs(text: &str) -> Vec<Reference> {
    let cx = Context {
        default_wet: acts::by_short("Wgr").map(Named::Known),
        ..Context::default()
    };
    refs_in(text, &cx)
}

fn refs_in(text: &str, cx: &Context) -> Vec<Reference> {
    find(
        text,
        Span {
            line: 1,
            column: 1,
            start: 0,
            end: text.len() as u32,
        },
        cx,
    )
}

/// The only reference in `text`, as "kind act: citations" with each citation as
/// `art/leden/onderdelen` (`-` for none), relations by name.
fn one(text: &str) -> String {
    let rs = refs(text);
    assert_eq!(rs.len(), 1, "{text}: {rs:#?}");
    let r = &rs[0];
    let c: Vec<String> = r.citations.iter().map(show).collect();
    let kind = format!("{:?}", r.kind).to_lowercase();
    match &r.act {
        Some(a) => format!("{kind} {a}: {}", c.join(" | ")),
        None => format!("{kind}: {}", c.join(" | ")),
    }
}

fn show(c: &Citation) -> String {
    let vals = |v: &Vec<crate::tree::reference::Numeral>| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>()
                .join(",")
        }
    };
    let art = c
        .article
        .as_ref()
        .map_or("-".to_string(), |a| a.value.clone());
    let rel = match c.relation {
        Some(Relation::ThisArticle) => "dit-artikel ",
        Some(Relation::ThisLid) => "dit-lid ",
        Some(Relation::ThisItem) => "dit-onderdeel ",
        Some(Relation::PreviousLid) => "vorig-lid ",
        Some(Relation::NextLid) => "volgend-lid ",
        None => "",
    };
    format!("{rel}{art}/{}/{}", vals(&c.leden), vals(&c.onderdelen))
}

#[test]
fn absolute_forms() {
    assert_eq!(one("zie artikel 12."), "internal: 12/-/-");
    assert_eq!(
        one("in artikel 12, eerste lid, bedoeld"),
        "internal: 12/1/-"
    );
    assert_eq!(
        one("artikel 1, eerste lid, onder k van de regeling"),
        "internal: 1/1/k"
    );
    assert_eq!(one("artikel 1, lid 1, onder n"), "internal: 1/1/n");
    assert_eq!(one("artikel 1, eerste lid, sub k"), "internal: 1/1/k");
    assert_eq!(one("artikel 15, lid 14"), "internal: 15/14/-");
    assert_eq!(one("de artikelen 7 en 12"), "internal: 7/-/- | 12/-/-");
    assert_eq!(refs("de artikelen 7 en 12")[0].text, "artikelen 7 en 12");
    assert_eq!(one("artikel 4 lid 1 en 2"), "internal: 4/1,2/-");
    assert_eq!(
        one("artikel 9 lid 2, 4, 5, 7 en 11"),
        "internal: 9/2,4,5,7,11/-"
    );
    assert_eq!(
        one("artikel 9, tweede, vierde en elfde lid"),
        "internal: 9/2,4,11/-"
    );
    assert_eq!(one("artikel 3 lid 1 en lid 2"), "internal: 3/1,2/-");
    assert_eq!(
        one("de artikelen 3 tot en met 5"),
        "internal: 3/-/- | 4/-/- | 5/-/-"
    );
    assert_eq!(
        one("artikel 2, derde lid, onderdeel d, waarvan"),
        "internal: 2/3/d"
    );
    assert_eq!(one("artikel 20a"), "internal: 20a/-/-");
    // A number followed by a month is a date, not the end of a range (corpus: "artikel
    // XXI tot en met 1 januari 2006" read as articles XXI to 1).
    // "het volgende lid" cites the next lid after a preposition only; otherwise it is a
    // member ("voordat het volgende lid heeft gestemd").
    assert!(refs("voordat het volgende lid heeft gestemd").is_empty());
    assert_eq!(refs("bedoeld in het volgende lid").len(), 1);
    // An onderdeel marked `a)` as older acts do, before the act's name.
    assert_eq!(
        one("het bedrag genoemd in artikel 3, onder a), van het Verdrag van Brussel"),
        "external Verdrag van Brussel: 3/-/a"
    );
    assert_eq!(
        one("b. artikel XXI tot en met 1 januari 2006;"),
        "internal: XXI/-/-"
    );
}

#[test]
fn an_act_named_after_joined_citations_is_theirs() {
    let rs = refs("artikel 12, eerste lid, en artikel 13, eerste lid, van de Archiefwet 1995");
    assert_eq!(rs.len(), 2, "{rs:#?}");
    assert!(
        rs.iter()
            .all(|r| r.act.as_deref() == Some("Archiefwet 1995")),
        "{rs:#?}"
    );
    // Not across other words.
    let rs = refs("artikel 12 geldt, evenals artikel 13 van de Archiefwet 1995");
    assert_eq!(rs[0].kind, RefKind::Internal);
}

#[test]
fn unknown_act_names_end_where_the_sentence_goes_on() {
    assert_eq!(
        unknown_act_name("Wet op de gemeenschappelijke kunstkast geldt niet"),
        "Wet op de gemeenschappelijke kunstkast"
    );
    assert!(names_unknown_act("Wet op de kunstkast"));
    assert!(!names_unknown_act("Wet en in deze regeling"));
}

#[test]
fn an_amending_sentence_cites_the_amended_regeling() {
    assert_eq!(
        one("De Regeling X wordt als volgt gewijzigd: in artikel 3 wordt \"twee\" vervangen"),
        "external Regeling X: 3/-/-"
    );
    // "Deze regeling wordt gewijzigd" amends this text itself.
    assert_eq!(
        one("Deze regeling wordt gewijzigd volgens artikel 29"),
        "internal: 29/-/-"
    );
}

#[test]
fn relative_forms() {
    assert_eq!(one("het vorige lid"), "relative: vorig-lid -/-/-");
    assert_eq!(one("het voorgaande lid"), "relative: vorig-lid -/-/-");
    assert_eq!(one("het volgende lid"), "relative: volgend-lid -/-/-");
    assert_eq!(one("het eerste lid"), "relative: -/1/-");
    assert_eq!(one("het dertiende lid"), "relative: -/13/-");
    assert_eq!(one("het 1ste lid"), "relative: -/1/-");
    assert_eq!(one("het eerste en tweede lid"), "relative: -/1,2/-");
    assert_eq!(
        one("het eerste tot en met derde lid"),
        "relative: -/1,2,3/-"
    );
    assert_eq!(one("de leden 5, 6 en 9"), "relative: -/5,6,9/-");
    assert_eq!(one("het vijfde of zesde lid"), "relative: -/5,6/-");
    assert_eq!(one("dit artikel"), "relative: dit-artikel -/-/-");
    assert_eq!(one("dit artikellid"), "relative: dit-lid -/-/-");
    assert_eq!(one("dit lid"), "relative: dit-lid -/-/-");
    assert_eq!(one("bedoeld onder 'd'."), "relative: -/-/d");
    assert_eq!(one("in het eerste lid onder a"), "relative: -/1/a");
    assert_eq!(
        one("het eerste en tweede lid van dit artikel"),
        "relative: dit-artikel -/1,2/-"
    );
}

#[test]
fn external_forms() {
    assert_eq!(one("artikel 20 van de Wgr kunnen"), "external Wgr: 20/-/-");
    assert_eq!(
        one("artikel 28 Gemeentewet van overeenkomstige"),
        "external Gemeentewet: 28/-/-"
    );
    assert_eq!(
        one("de artikelen 108, 147 en 149 van de Gemeentewet"),
        "external Gemeentewet: 108/-/- | 147/-/- | 149/-/-"
    );
    assert_eq!(
        one("artikel 12, eerste lid en artikel 13, eerste lid van de Archiefwet 1995, over"),
        "external Archiefwet 1995: 12/1/- | 13/1/-"
    );
    assert_eq!(
        one("conform artikel 1 Ambtenarenwet"),
        "external Ambtenarenwet: 1/-/-"
    );
    assert_eq!(
        one("krachtens artikel 23 van de wet geheimhouding"),
        "external Wgr: 23/-/-"
    );
    assert_eq!(one("artikel 26 Wgr is"), "external Wgr: 26/-/-");
    assert_eq!(
        one("artikel 4:34, eerste lid, van de Algemene wet bestuursrecht"),
        "external Awb: 4:34/1/-"
    );
    assert_eq!(
        one("artikel 393 van Boek 2 van het Burgerlijk Wetboek"),
        "external BW Boek 2: 393/-/-"
    );
    assert_eq!(
        one("artikel 3 van de Wet op het specifiek cultuurbeleid"),
        "external Wsc: 3/-/-"
    );
}

#[test]
fn an_act_name_alone_is_not_enough_and_internal_suffixes_stay_internal() {
    // "wet" needs "van de" to count; "deze regeling" keeps it internal.
    assert_eq!(one("artikel 3 wet"), "internal: 3/-/-");
    assert_eq!(one("artikel 2 van deze regeling"), "internal: 2/-/-");
    assert_eq!(
        one("artikel 1, eerste lid, sub k van de Regeling"),
        "internal: 1/1/k"
    );
}

#[test]
fn ordinary_words_are_not_references() {
    for text in [
        "De eerste leden van het Algemeen Bestuur",
        "onder meer de volgende taken",
        "onder de bevelen van het Dagelijks Bestuur",
        "waaronder mede wordt begrepen",
        "het lid dat ophoudt lid te zijn",
        "Een lid van het college",
        "de artikelen van de Gemeentewet",
        "19.000 inwoners",
        "Eerste lid.",
        "wordt een tweede lid toegevoegd",
    ] {
        assert!(refs(text).is_empty(), "{text}: {:#?}", refs(text));
    }
}

#[test]
fn a_defined_wet_decides_what_de_wet_is() {
    let mut cx = Context::default();
    cx.terms
        .insert("wet".into(), Named::Known(acts::by_short("Wsw").unwrap()));
    let text = "artikel 12 van de Wet";
    let r = find(
        text,
        Span {
            line: 1,
            column: 1,
            start: 0,
            end: 21,
        },
        &cx,
    );
    assert_eq!(r[0].act.as_deref(), Some("Wsw"));
}

#[test]
fn numerals_are_located() {
    let text = "zie artikel 9 lid 2, 4 en 11.";
    let r = &refs(text)[0];
    let leden: Vec<(u32, String)> = r.citations[0]
        .leden
        .iter()
        .map(|n| (n.span.column, n.value.clone()))
        .collect();
    assert_eq!(
        leden,
        vec![
            (19, "2".to_string()),
            (22, "4".to_string()),
            (27, "11".to_string())
        ]
    );
    assert_eq!(
        &text[r.span.start as usize..r.span.end as usize],
        "artikel 9 lid 2, 4 en 11"
    );
}

/// Outside a gemeenschappelijke regeling an undefined "de wet" is no known act, and
/// never the regeling's own article (issue 12: "artikel 12 van de wet" in a ministerial
/// regeling was the Wgr's).
#[test]
fn de_wet_outside_a_gr_is_another_act_not_the_wgr() {
    let rs = refs_in("bedoeld in artikel 5 van de wet.", &Context::default());
    assert_eq!(rs[0].kind, RefKind::External);
    assert_eq!(rs[0].act.as_deref(), Some("de wet"));
}

/// Issue 12: forms of published texts.
#[test]
fn published_forms() {
    assert_eq!(
        one("bedoeld in artikel\u{a0}12, eerste lid, van de Ambtenarenwet."),
        "external Ambtenarenwet: 12/1/-"
    );
    assert_eq!(
        one(
            "Gelet op de artikelen 13, 15, 17, 73, eerste lid, en 88, eerste lid, van de Wet op het financieel toezicht;"
        ),
        "external Wet op het financieel toezicht: 13/-/- | 15/-/- | 17/-/- | 73/1/- | 88/1/-"
    );
    assert_eq!(
        one("bedoeld in artikel 141, aanhef en onder b, van het Wetboek van Strafvordering;"),
        "external Sv: 141/-/b"
    );
    assert_eq!(one("wegens art. 4 Sv, waarover"), "external Sv: 4/-/-");
    assert_eq!(
        one("met toepassing van artikel XV, tiende lid, van de Wet op het financieel toezicht"),
        "external Wet op het financieel toezicht: XV/10/-"
    );
    assert_eq!(
        one("de artikelen 348-350 Sv. zijn"),
        "external Sv: 348/-/- | 349/-/- | 350/-/-"
    );
    assert_eq!(
        one("zoals bedoeld in artikel 3:79 van het Burgerlijk Wetboek;"),
        "external BW Boek 3: 3:79/-/-"
    );
    assert_eq!(
        one("artikel 2.3, zesde lid, onderdelen d, e, en h, van de Wet luchtvaart is"),
        "external Wet luchtvaart: 2.3/6/d,e,h"
    );
    // A table of another act's articles: "eerste tot en met het vijfde lid" is no lid of
    // this regeling.
    assert!(refs("| 4:90a, eerste tot en met het vijfde lid | 2 |").is_empty());
    // Joined to an act named after the last citation.
    let rs = refs("artikel 23, twaalfde lid, artikel 19 en artikel 25, tweede lid, Ambtenarenwet;");
    assert!(
        rs.iter().all(|r| r.act.as_deref() == Some("Ambtenarenwet")),
        "{rs:#?}"
    );
}

#[test]
fn anaphora_and_relative_references_with_their_article() {
    let rs = refs("Onverminderd de Wet op het financieel toezicht geldt artikel 1:1 van die wet.");
    assert_eq!(rs[0].act.as_deref(), Some("Wet op het financieel toezicht"));
    // "het tweede lid van artikel 5": lid 2 of artikel 5, not of the article it stands in.
    let rs = refs("bedoeld in het tweede lid van artikel 5 van de Gemeentewet");
    assert_eq!(rs[0].kind, RefKind::External);
    assert_eq!(rs[0].citations[0].article.as_ref().unwrap().value, "5");
    let rs = refs("bedoeld in het tweede lid van artikel 5");
    assert_eq!(rs[0].kind, RefKind::Internal);
    assert_eq!(rs[0].citations[0].article.as_ref().unwrap().value, "5");
    // "van dat artikel" with nothing before it: not placed.
    let rs = refs("het eerste lid van dat artikel geldt");
    assert_eq!(rs[0].kind, RefKind::Unresolved);
    let rs = refs("artikel 3 van de bijlage");
    assert_eq!(rs[0].kind, RefKind::Unresolved);
}

#[test]
fn defined_terms_and_abbreviations_name_acts() {
    let mut cx = Context::default();
    cx.terms.insert(
        "mw".into(),
        Named::Known(acts::by_name("Mededingingswet").unwrap()),
    );
    let rs = refs_in("op grond van artikel 44 lid 1 Mw binnen dertien weken", &cx);
    assert_eq!(rs[0].act.as_deref(), Some("Mededingingswet"));
}

#[test]
fn a_bare_article_heading_cites_nothing() {
    // In a bijlage with articles of its own, grc keeps their headings as text (see P021).
    for heading in ["Artikel 1", "ARTIKEL  A12", "Artikel 3a.", "Artikel IV"] {
        assert!(super::is_article_heading(heading), "{heading}");
        assert!(refs(heading).is_empty(), "{heading}");
    }
    // A sentence that begins with a citation still cites.
    for line in [
        "Artikel 1 is van toepassing.",
        "artikel 1",
        "Artikel 1, tweede lid",
    ] {
        assert!(!super::is_article_heading(line), "{line}");
    }
    assert_eq!(refs("Artikel 1 is van toepassing.").len(), 1);
}

/// A range is expanded into the numbers between its ends only up to `MAX_RANGE` of
/// them: the fuzzed `Artikel 2022-999999901` was read as a range and expanded into a
/// billion citations (out of memory).
#[test]
fn a_wide_range_cites_its_ends_only() {
    let cited = |text: &str| -> usize { refs(text).iter().map(|r| r.citations.len()).sum() };
    assert_eq!(cited("zie de artikelen 3 tot en met 6"), 4);
    assert_eq!(cited("zie de artikelen 3 tot en met 1003"), 1001);
    assert_eq!(cited("zie de artikelen 3 tot en met 1004"), 2);
    assert_eq!(cited("zie artikel 2022-999999901"), 2);
    let lid = |text: &str| -> usize {
        refs(text)
            .iter()
            .flat_map(|r| &r.citations)
            .map(|c| c.leden.len())
            .sum()
    };
    assert_eq!(lid("artikel 5, eerste tot en met derde lid"), 3);
    assert_eq!(lid("artikel 5, leden 2 tot en met 4"), 3);
}
