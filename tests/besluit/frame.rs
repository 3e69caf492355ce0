//! Issue 14 (the wijzigingsbesluit a drafter would sign): the integral form (Ar 6.7),
//! the frame (who decides, who joins or leaves, ARTIKEL II with its terugwerkende kracht)
//! and sweeps within and across articles.

use super::*;
use grc::besluit::Wijzigingsbesluit;
use grc::besluit::generate::{Vorm, generate_as};

/// Generates in the form `vorm`, renders, reads back and applies (see [`round_trip`]).
fn round_trip_as(old: &Regeling, new: &Regeling, vorm: Vorm) -> (Wijzigingsbesluit, String) {
    let b = generate_as(old, new, &Options::default(), vorm).unwrap();
    let env = grc::render::environment();
    let txt = grc::besluit::render(&env, &b, "txt").unwrap();
    let (read, diags) = text::read("besluit.txt", &txt);
    assert!(diags.is_empty(), "{diags:?}\n{txt}");
    let applied = apply(old, &read, "besluit.txt").unwrap_or_else(|d| panic!("{d:?}\n{txt}"));
    let again = parse("applied.gr", &grc::source::write(&applied));
    assert_eq!(without_spans(&again), without_spans(new), "{txt}");
    (b, txt)
}

/// Issue 14, Ar 6.7 and 6.2: a rewrite that changes the opschrift (or the aanhef) is
/// re-enacted in full by default, with the reason as note B003; `--vorm wijziging`
/// forces the instructions per article; both round-trip through the text.
#[test]
fn a_changed_opschrift_gives_the_integral_form_by_default() {
    let (old, new) = fixture_pair("integraal");
    let (b, txt) = round_trip_as(&old, &new, Vorm::Auto);
    assert!(b.integral);
    assert!(
        txt.contains(
            "ARTIKEL I\n\nDe regeling komt te luiden als volgt:\n\n    Regeling Proef 2022\n"
        ),
        "{txt}"
    );
    assert!(!txt.contains("wordt als volgt gewijzigd"), "{txt}");
    let note = b.warnings.iter().find(|d| d.code == "B003").expect("B003");
    assert!(
        note.message.contains("het opschrift en de aanhef wijzigen")
            && note.message.contains("Ar 6.7"),
        "{}",
        note.message
    );
    let (w, txt) = round_trip_as(&old, &new, Vorm::Wijziging);
    assert!(!w.integral && !w.warnings.iter().any(|d| d.code == "B003"));
    assert!(
        txt.contains("Het opschrift van de regeling komt te luiden:"),
        "{txt}"
    );
    // A change of one word keeps the instructions; the integral form is still there on
    // request, and identical versions get no besluit in either form.
    let text = grc::source::write(&old).replace("is samenwerking", "is goede samenwerking");
    let small = parse("klein.gr", &text);
    let (auto, _) = round_trip_as(&old, &small, Vorm::Auto);
    assert!(!auto.integral, "{:?}", auto.onderdelen);
    let (forced, _) = round_trip_as(&old, &small, Vorm::Integraal);
    assert!(forced.integral && forced.instruction_count() == 1);
    assert!(generate_as(&old, &old, &Options::default(), Vorm::Integraal).is_err());
}

/// Issue 17 (and Ar 6.7): when the opschrift or the aanhef changes, the default form
/// re-enacts the regeling without writing the instructions per article first, so a
/// refusal of that form (here an article number used twice, which no instruction can
/// name) no longer refuses the full text, which names no article. B003's note then
/// offers `--vorm wijziging` without promising it; that form still refuses.
#[test]
fn ar_6_7_re_enacts_even_where_the_article_wise_form_refuses() {
    let (old, new) = fixture_pair("integraal");
    let doubled = grc::source::write(&old).replace("Artikel 3 Wijziging", "Artikel 2 Wijziging");
    let old = parse("dubbel.gr", &doubled);
    let refused =
        generate_as(&old, &new, &Options::default(), Vorm::Wijziging).expect_err("artikel 2 twice");
    assert!(
        refused
            .to_string()
            .contains("artikel 2 komt twee keer voor"),
        "{refused}"
    );
    let (b, txt) = round_trip_as(&old, &new, Vorm::Auto);
    assert!(b.integral && b.instruction_count() == 1, "{txt}");
    let note = b.warnings.iter().find(|d| d.code == "B003").expect("B003");
    assert!(note.message.contains("Ar 6.7"), "{}", note.message);
    assert_eq!(
        note.notes,
        ["`--vorm wijziging` vraagt een besluit met opdrachten per artikel, tegen Ar 6.7 in"]
    );
    // Without a change of opschrift or aanhef the refusal stands: there is no reason for
    // the full text, and the form chosen is the one refused.
    let same_title = grc::source::write(&new)
        .replace("Regeling Proef 2022", "Regeling Proef 2015")
        .replace(
            "De colleges van burgemeester en wethouders van Alkmaar, Bergen en Heiloo,",
            "De colleges van burgemeester en wethouders van Alkmaar en Bergen,",
        );
    let new = parse("zelfde-opschrift.gr", &same_title);
    assert!(generate_as(&old, &new, &Options::default(), Vorm::Auto).is_err());
}

/// Issue 14, the frame: the current deelnemers decide (each "met toestemming van de raad"
/// for a collegeregeling, Wgr art. 1 lid 2), a joining gemeente is cited as joining under
/// the regeling's own article, and signs nothing; ARTIKEL III gives the citeertitel; every
/// placeholder is counted in B002.
#[test]
fn the_frame_names_who_decides_and_lists_its_placeholders() {
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let (b, txt) = round_trip_as(&wnk, &sora, Vorm::Auto);
    assert!(b.integral, "opschrift and aanhef change (Ar 6.7)");
    assert_eq!(
        b.aanhef[0],
        "De colleges van burgemeester en wethouders van de gemeenten Alkmaar, Bergen, \
         Castricum, Heerhugowaard, Heiloo en Langedijk,"
    );
    assert!(b.aanhef[1].contains("de raad van Langedijk van [datum toestemming]"));
    assert!(
        b.aanhef[2].starts_with("overwegende dat de gemeente Uitgeest bij besluit van [datum besluit] tot de regeling toetreedt op grond van artikel 27 van de "),
        "{:?}",
        b.aanhef
    );
    assert_eq!(b.ondertekening.len(), 6);
    assert!(
        !txt.contains("wethouders van Uitgeest in de vergadering"),
        "{txt}"
    );
    assert!(txt.contains("ARTIKEL III\n\nDit besluit wordt aangehaald als: Wijzigingsbesluit "));
    let d = b.warnings.iter().find(|d| d.code == "B002").expect("B002");
    // Six consent dates, six decision dates and Uitgeest's, twelve names.
    assert!(d.message.contains(" 25 plaatshouders"), "{}", d.message);
    assert_eq!(d.file, "regelingen/wnk-2015.gr");
    for (p, _) in grc::besluit::generate::PLACEHOLDERS.iter().take(3) {
        assert!(txt.contains(p), "{p}");
    }
}

/// Issue 14: the same words replaced in several places of one article are one
/// instruction, "telkens vervangen door"; other changes in the article stay their own.
#[test]
fn the_same_replacement_in_many_places_is_one_sweep() {
    let (old, new) = fixture_pair("telkens");
    let s = sentences(&old, &new);
    // Artikel 2 has "Het Schap" twice: one sweep in that article. "het Schap" is
    // replaced in artikel 1 and twice in artikel 2: one sweep across the two articles.
    assert_eq!(
        s[..2],
        [
            "In de artikelen 1 en 2 wordt \"het Schap\" telkens vervangen door \"SORA\".",
            "In artikel 2 wordt \"Het Schap\" telkens vervangen door \"SORA\".",
        ],
        "{s:#?}"
    );
    assert_eq!(s.len(), 3, "{s:#?}");
    assert!(
        s.iter()
            .any(|x| x.contains("\"jaarlijks\" vervangen door \"elk jaar\"")),
        "{s:#?}"
    );
    round_trip(&old, &new);
}

/// Issue 14: the same words replaced in several articles are one instruction, "In de
/// artikelen 1, 2, 3 en 5 wordt ... telkens vervangen door ...", where the first of them
/// stood; words replaced in two articles where a third occurrence stays ("De directeur"
/// in artikel 5, second lid) stay single replacements ("telkens" would change it too).
#[test]
fn the_same_replacement_in_several_articles_is_one_sweep() {
    let (old, new) = fixture_pair("telkens-artikelen");
    let s = sentences(&old, &new);
    assert_eq!(
        s[0], "In de artikelen 1, 2, 3 en 5 wordt \"het Schap\" telkens vervangen door \"SORA\".",
        "{s:#?}"
    );
    assert_eq!(s.len(), 3, "{s:#?}");
    assert!(
        s[1..].iter().all(
            |x| x.contains("\"directeur\" vervangen door \"secretaris\"") && !x.contains("telkens")
        ),
        "{s:#?}"
    );
    let txt = round_trip(&old, &new);
    // The sweep's articles are read back as written, and an article without the words is
    // an A002 at the sentence's line (as for a sweep in one article).
    let bad = "ARTIKEL I\n\nA\n\nIn de artikelen 1 en 4 wordt \"het Schap\" telkens vervangen door \"SORA\".\n";
    let (t, diags) = text::read("besluit.txt", bad);
    assert!(diags.is_empty(), "{diags:?}");
    let diags = apply(&old, &t, "besluit.txt").unwrap_err();
    assert_eq!(
        (diags[0].code.as_str(), diags[0].line),
        ("A002", 5),
        "{diags:?}"
    );
    assert!(diags[0].message.contains("artikel 4"), "{diags:?}");
    assert!(
        txt.contains("\nIn de artikelen 1, 2, 3 en 5 wordt"),
        "{txt}"
    );
}

/// Issue 14: a deelnemer that leaves does not amend the regeling it leaves: it is cited
/// under the regeling's own article on uittreding and signs nothing (as Uitgeest, which
/// joins, in the real besluit).
#[test]
fn a_leaving_deelnemer_is_cited_and_does_not_decide() {
    let (old, new) = fixture_pair("uittreding");
    let (b, txt) = round_trip_as(&old, &new, Vorm::Wijziging);
    assert_eq!(
        b.aanhef,
        [
            "De colleges van burgemeester en wethouders van de gemeenten Alkmaar en Bergen,",
            "ieder met toestemming van zijn raad (artikel 1, tweede lid, van de Wet \
             gemeenschappelijke regelingen): de raad van Alkmaar van [datum toestemming] en \
             de raad van Bergen van [datum toestemming];",
            "overwegende dat de gemeente Heiloo bij besluit van [datum besluit] uit de regeling \
             treedt op grond van artikel 2 van de Regeling Proef 2015, en dus niet een van de \
             deelnemers is die haar wijzigen;",
            "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel 3 van de Regeling Proef 2015;",
            "BESLUITEN:",
        ]
    );
    assert_eq!(b.ondertekening.len(), 2);
    assert!(
        !txt.contains("wethouders van Heiloo in de vergadering"),
        "{txt}"
    );
    assert!(txt.contains("nieuw.deelnemers: Alkmaar, Bergen\n"), "{txt}");
}

/// Issue 14: terugwerkende kracht belongs to the besluit's ARTIKEL II, not inside the
/// regeling; the new version names it in its metadata (`terugwerkende-kracht`). A date
/// that is not before the inwerkingtreding is no terugwerkende kracht: left out, B004.
#[test]
fn terugwerkende_kracht_is_in_artikel_ii() {
    let (old, mut new) = fixture_pair("terugwerkende-kracht");
    let (b, txt) = round_trip_as(&old, &new, Vorm::Wijziging);
    assert!(
        txt.contains(
            "ARTIKEL II\n\nDit besluit treedt in werking op 1 maart 2022 en werkt terug tot en met 1 januari 2022.\n"
        ),
        "{txt}"
    );
    assert!(!b.warnings.iter().any(|d| d.code == "B004"));
    // The consolidated regeling keeps the date in its metadata, not in an article.
    assert!(
        txt.contains("nieuw.terugwerkende-kracht: 2022-01-01\n"),
        "{txt}"
    );
    // Without an inwerkingtreding date: the day after the bekendmaking.
    new.metadata.entry_into_force = None;
    let b = generate(&old, &new, &Options::default()).unwrap();
    assert_eq!(
        b.artikel_ii,
        "Dit besluit treedt in werking met ingang van de dag na die waarop het is \
         bekendgemaakt en werkt terug tot en met 1 januari 2022."
    );
    new.metadata.entry_into_force = Some("2021-12-01".into());
    let b = generate(&old, &new, &Options::default()).unwrap();
    assert_eq!(
        b.artikel_ii,
        "Dit besluit treedt in werking op 1 december 2021."
    );
    let d = b.warnings.iter().find(|d| d.code == "B004").expect("B004");
    assert!(d.message.contains("1 januari 2022"), "{}", d.message);
}

/// Issue 14, point 6: a change split over nearby words of one clause is one replacement
/// (WNK artikel 14: "stelt" → "kan" and, four words on, "vast" → "vast stellen").
#[test]
fn a_change_over_nearby_words_of_one_clause_is_one_replacement() {
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let s = sentences(&wnk, &sora);
    let about_14: Vec<&String> = s.iter().filter(|x| x.contains("artikel 14 ")).collect();
    assert_eq!(
        about_14,
        [
            "In artikel 14 wordt \"stelt een Reglement van Orde vast\" vervangen door \"kan een Reglement van Orde vast stellen\"."
        ],
        "{s:#?}"
    );
}
