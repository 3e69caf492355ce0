//! The wijzigingsbesluit round trip: `apply(old, besluit(old, new)) == new`, through the
//! text a reader gets (rendered with `besluit.txt`, read back by `grc apply`), on the
//! real regelingen, on every fixture pair, and on random edits of the real texts.

mod common;

use std::path::Path;

use grc::besluit::{apply::apply, generate::generate, text};
use grc::diff::Options;
use grc::synth::Rng;
use grc::tree::*;

fn parse(name: &str, text: &str) -> Regeling {
    let (r, diags) = grc::source::parse(name, text);
    assert!(
        !grc::diagnostic::has_errors(&diags),
        "{name} does not parse: {diags:?}"
    );
    r
}

fn load(path: &str) -> Regeling {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    parse(path, &std::fs::read_to_string(full).unwrap())
}

/// Generates, renders, reads back, applies; returns the besluit text. Panics with the
/// first difference if the result is not `new`.
fn round_trip(old: &Regeling, new: &Regeling) -> String {
    let b = generate(old, new, &Options::default())
        .unwrap_or_else(|e| panic!("{} → {}: {e}", old.file, new.file));
    let env = grc::render::environment();
    let txt = grc::besluit::render(&env, &b, "txt").unwrap();
    let (read, diags) = text::read("besluit.txt", &txt);
    assert!(diags.is_empty(), "{diags:?}\n{txt}");
    // The text says exactly what the data says.
    let direct = grc::besluit::generate::text_of(&b);
    assert_eq!(read.steps.len(), direct.steps.len(), "{txt}");
    for (a, d) in read.steps.iter().zip(&direct.steps) {
        assert_eq!(a.sentence, d.sentence);
        assert_eq!(a.context, d.context);
        assert_eq!(
            a.block.as_ref().map(|b| b.1.trim_end()),
            d.block.as_ref().map(|b| b.1.trim_end()),
            "{txt}"
        );
    }
    let applied =
        apply(old, &read, "besluit.txt").unwrap_or_else(|d| panic!("apply failed: {d:?}\n{txt}"));
    let written = grc::source::write(&applied);
    let again = parse("applied.gr", &written);
    let (x, y) = (without_spans(&again), without_spans(new));
    if x != y {
        let a = serde_json::to_string_pretty(&x).unwrap();
        let b = serde_json::to_string_pretty(&y).unwrap();
        let first = a
            .lines()
            .zip(b.lines())
            .position(|(p, q)| p != q)
            .unwrap_or(0);
        panic!(
            "round trip differs at line {first}:\n{}\nvs\n{}\n\nbesluit:\n{txt}",
            a.lines()
                .skip(first.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
            b.lines()
                .skip(first.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    txt
}

#[test]
fn wnk_2015_to_sora_2022_and_back() {
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let txt = round_trip(&wnk, &sora);
    common::snapshots().bind(|| {
        insta::assert_snapshot!("besluit_wnk_2015_sora_2022_txt", txt);
        let b = generate(&wnk, &sora, &Options::default()).unwrap();
        let md = grc::besluit::render(&grc::render::environment(), &b, "md").unwrap();
        insta::assert_snapshot!("besluit_wnk_2015_sora_2022_md", md);
        // The page: valid HTML5 on the shared base, one section per letter.
        let html = grc::besluit::render(&grc::render::environment(), &b, "html").unwrap();
        let doc = scraper::Html::parse_document(&html);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let sel = scraper::Selector::parse("section.onderdeel").unwrap();
        assert_eq!(doc.select(&sel).count(), b.onderdelen.len());
        assert!(html.contains("<html lang=\"nl\">") && html.contains("<style>"));
    });
    round_trip(&sora, &wnk);
    // Nothing to do is no besluit at all (an empty ARTIKEL I is nothing to sign).
    let same = generate(&sora, &sora, &Options::default()).unwrap_err();
    assert_eq!(
        same,
        grc::besluit::generate::Refusal::Identical { metadata: vec![] }
    );
}

#[test]
fn every_fixture_pair_round_trips() {
    insta::glob!("fixtures/besluit", "*/oud.gr", |path| {
        let dir = path.parent().unwrap();
        let old = parse("oud.gr", &std::fs::read_to_string(path).unwrap());
        let new = parse(
            "nieuw.gr",
            &std::fs::read_to_string(dir.join("nieuw.gr")).unwrap(),
        );
        let txt = round_trip(&old, &new);
        common::snapshots().bind(|| insta::assert_snapshot!(txt));
    });
}

#[test]
fn random_edits_of_the_real_texts_round_trip() {
    let mut ran = 0;
    let mut fine = 0;
    for (file, seed) in [
        ("regelingen/sora-2022.gr", 7),
        ("regelingen/wnk-2015.gr", 11),
    ] {
        let old = load(file);
        let mut rng = Rng::new(seed);
        for round in 0..60 {
            let mutated = common::mutate(&old, &mut rng);
            // The new version as a file would give it.
            let (new, diags) = grc::source::parse("nieuw.gr", &grc::source::write(&mutated));
            // A mutation that changes nothing gets no besluit (tested on its own).
            if grc::diagnostic::has_errors(&diags)
                || grc::source::write(&new) == grc::source::write(&old)
            {
                continue;
            }
            let txt = round_trip(&old, &new);
            ran += 1;
            // Count besluiten that say more than "komt te luiden" (they prove the finer
            // instructions, not only the fallback).
            if txt.contains("vervangen door")
                || txt.contains("onder vernummering")
                || txt.contains("Onder verlettering")
                || txt.contains("vervalt")
            {
                fine += 1;
            }
            let _ = round;
        }
    }
    assert!(ran >= 100, "only {ran} of 120 mutations could be tested");
    assert!(
        fine >= ran / 2,
        "only {fine} of {ran} besluiten used fine instructions"
    );
}

#[test]
fn an_instruction_that_does_not_fit_is_a_located_error() {
    let wnk = load("regelingen/wnk-2015.gr");
    for (besluit, expect) in [
        (
            "ARTIKEL I\n\nA\n\nIn artikel 9, zesde lid, wordt \"honderd stemmen\" vervangen door \"elf\".\n",
            "A002",
        ),
        (
            "ARTIKEL I\n\nA\n\nHet veertigste lid van artikel 2 vervalt.\n",
            "A001",
        ),
        (
            "ARTIKEL I\n\nA\n\nArtikel 2, negende lid, vervalt.\n",
            "A002",
        ),
        (
            "ARTIKEL I\n\nA\n\nArtikel 40 komt te luiden:\n\n    Artikel 40 Nieuw\n    Tekst.\n",
            "A002",
        ),
        ("ARTIKEL I\n\nA\n\nArtikel 2 komt te luiden:\n\nB\n", "A003"),
        // Two leden announced, one quoted.
        (
            "ARTIKEL I\n\nA\n\nAan artikel 2 worden twee leden toegevoegd, luidende:\n\n    9. Een lid.\n",
            "A003",
        ),
        // A run names two leden or more; the last of these does not exist.
        (
            "ARTIKEL I\n\nA\n\nArtikel 2, eerste tot en met negende lid, vervallen.\n",
            "A002",
        ),
        ("Geen artikel I.\n", "A004"),
        ("ARTIKEL I\n\nA\n\n1. Artikel 2 vervalt.\n", "A004"),
    ] {
        let (t, mut diags) = text::read("besluit.txt", besluit);
        if diags.is_empty() {
            diags = apply(&wnk, &t, "besluit.txt").err().unwrap_or_default();
        }
        assert!(
            diags.iter().any(|d| d.code == expect && d.line >= 1),
            "{besluit}: {diags:?}"
        );
    }
}

/// A misspelt `nieuw.` key was dropped without a word, so `grc apply` left the
/// citeertitel unchanged and said nothing: it is A004 on its line.
#[test]
fn an_unknown_metadata_key_in_a_besluit_is_reported_on_its_line() {
    let head = "---\nregeling: WNK\nnieuw.citeertitle: X\nnieuw.citeertitel: Y\n---\n";
    let (t, diags) = text::read(
        "besluit.txt",
        &format!("{head}ARTIKEL I\n\nA\n\nArtikel 2 vervalt.\n"),
    );
    let found: Vec<_> = diags.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(found, [("A004", 3)], "{diags:?}");
    assert!(diags[0].message.contains("nieuw.citeertitle"));
    assert_eq!(t.metadata, [("citeertitel".to_string(), "Y".to_string())]);
}

/// Regression (found by tests/robustness.rs): two articles that each change hoofdstuk
/// with their numbers (SORA's artikel 29 into hoofdstuk 2, artikel 20 into hoofdstuk 5,
/// each swapped with a lid line) gave "interne fout": whatever the order, one number
/// stood in two hoofdstukken half-way. The hoofdstukken were then replaced whole; since
/// the besluit reads the diff's comparison (which aligns the articles of the whole
/// regeling, not per hoofdstuk), both articles are seen as moved: each is repealed where
/// it stood and inserted where it stands, and no hoofdstuk needs to come whole.
#[test]
fn articles_that_change_hoofdstuk_are_repealed_and_inserted() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("regelingen/sora-2022.gr"),
    )
    .unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let at = |lines: &[&str], start: &str| lines.iter().position(|l| l.starts_with(start)).unwrap();
    let (a, b) = (
        at(&lines, "12. Het Algemeen Bestuur neemt geen besluiten"),
        at(&lines, "Artikel 29 Wijziging"),
    );
    lines.swap(a, b);
    let (c, d) = (
        at(&lines, "Artikel 20 Commissies"),
        at(&lines, "2. Het Algemeen Bestuur bepaalt het tijdstip"),
    );
    lines.swap(c, d);
    let old = parse("sora-2022.gr", &text);
    let new = parse("geschud.gr", &(lines.join("\n") + "\n"));
    let txt = round_trip(&old, &new);
    let whole = txt
        .lines()
        .filter(|l| l.starts_with("Hoofdstuk ") && l.ends_with(" komt te luiden:"))
        .count();
    assert_eq!(whole, 0, "{txt}");
    for moved in ["Artikel 29 vervalt.", "Artikel 20 vervalt."] {
        let at = txt.find(moved).unwrap_or_else(|| panic!("{moved}\n{txt}"));
        let number = &moved[8..10];
        let inserted = txt
            .find(&format!("    Artikel {number} "))
            .unwrap_or_else(|| panic!("{number} inserted\n{txt}"));
        assert!(at < inserted, "{txt}");
    }
}

/// A regeling of `n` articles, each with one sentence naming `word`.
fn numbered_articles(n: usize, word: &str) -> Regeling {
    let mut text = String::from("Regeling veel artikelen\n\n");
    for k in 1..=n {
        text.push_str(&format!(
            "Artikel {k} Bepaling {k}\nHet bestuur besluit over zaak {k} {}.\n\n",
            word.replace("{k}", &k.to_string())
        ));
    }
    parse(&format!("{word}.gr"), &text)
}

/// Regression (issue 13): after ZZZZ (104 onderdelen) the generator wrote AAAAA, which
/// the reader refused (it took at most four letters): `grc diff` wrote a besluit that
/// `grc apply` could not read. Letters now go on (A ... Z, AA ... ZZ, AAA ...), read
/// back by the same function that writes them.
#[test]
fn more_than_104_onderdelen_round_trip() {
    for n in [200, 2000] {
        let old = numbered_articles(n, "spoedig");
        // Other words in every article: the same words everywhere would be one sweep.
        let new = numbered_articles(n, "zorgvuldig-{k}");
        let b = generate(&old, &new, &Options::default()).unwrap();
        assert_eq!(b.onderdelen.len(), n);
        assert_eq!(b.onderdelen[104].letter, "AAAAA");
        let txt = round_trip(&old, &new);
        let (read, _) = text::read("besluit.txt", &txt);
        let last = read.steps.last().unwrap();
        assert_eq!(last.letter, grc::besluit::letter(n - 1), "{n}");
        assert_eq!(grc::besluit::letter_index(&last.letter), Some(n - 1));
    }
}

/// Regression (issue 13): a renumbering onto an existing article, or an inserted article,
/// lid or onderdeel with a number in use, was applied and gave a regeling with that number
/// twice. Now it is an A002 at the instruction's line.
#[test]
fn an_instruction_that_doubles_a_number_is_refused() {
    let wnk = load("regelingen/wnk-2015.gr");
    for (besluit, line) in [
        (
            "ARTIKEL I\n\nA\n\nArtikel 2 wordt vernummerd tot artikel 3.\n",
            5,
        ),
        (
            "ARTIKEL I\n\nA\n\nArtikel 1 vervalt.\n\nB\n\nNa artikel 2 wordt een artikel ingevoegd, luidende:\n\n    Artikel 4 Dubbel\n    Tekst.\n",
            9,
        ),
        (
            "ARTIKEL I\n\nA\n\nAan hoofdstuk 1 wordt een artikel toegevoegd, luidende:\n\n    Artikel 2 Dubbel\n    Tekst.\n",
            5,
        ),
        (
            "ARTIKEL I\n\nA\n\nArtikel 3 komt te luiden:\n\n    Artikel 4 Dubbel\n    Tekst.\n",
            5,
        ),
        (
            "ARTIKEL I\n\nA\n\nNa artikel 9, eerste lid, wordt een lid ingevoegd, luidende:\n\n    2. Een tweede tweede lid.\n",
            5,
        ),
        // A hoofdstuk added whole: checked once every instruction has run.
        (
            "ARTIKEL I\n\nA\n\nAan de regeling wordt een hoofdstuk toegevoegd, luidende:\n\n    Hoofdstuk 9 Nieuw\n\n    Artikel 2 Dubbel\n    Tekst.\n\nB\n\nArtikel 5 vervalt.\n",
            5,
        ),
    ] {
        let (t, diags) = text::read("besluit.txt", besluit);
        assert!(diags.is_empty(), "{besluit}: {diags:?}");
        let diags = apply(&wnk, &t, "besluit.txt")
            .err()
            .unwrap_or_else(|| panic!("applied: {besluit}"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "A002", "{besluit}: {diags:?}");
        assert_eq!(diags[0].line, line, "{besluit}: {diags:?}");
        assert!(diags[0].message.contains("bestaat al"), "{:?}", diags[0]);
    }
    // Renumbering onto a number that an earlier instruction freed is fine.
    let (t, _) = text::read(
        "besluit.txt",
        "ARTIKEL I\n\nA\n\nArtikel 3 vervalt.\n\nB\n\nArtikel 2 wordt vernummerd tot artikel 3.\n",
    );
    let r = apply(&wnk, &t, "besluit.txt").unwrap();
    let numbers: Vec<_> = grc::tree::walk::articles(&r)
        .iter()
        .filter_map(|a| a.number.clone())
        .collect();
    assert_eq!(numbers.iter().filter(|n| *n == "3").count(), 1);
}

fn fixture_pair(name: &str) -> (Regeling, Regeling) {
    let dir = format!("tests/fixtures/besluit/{name}");
    (
        load(&format!("{dir}/oud.gr")),
        load(&format!("{dir}/nieuw.gr")),
    )
}

/// The instruction sentences of a besluit, in order (intros left out).
fn sentences(old: &Regeling, new: &Regeling) -> Vec<String> {
    let b = generate(old, new, &Options::default()).unwrap();
    b.onderdelen
        .iter()
        .flat_map(|o| o.instructions.iter().map(|i| i.sentence.clone()))
        .collect()
}

/// Issue 14, Ar 6.11: what comes after every existing element is "toegevoegd" (a new
/// last lid, onderdeel, or article of a hoofdstuk); "ingevoegd" only between elements.
#[test]
fn new_last_elements_are_added_and_others_inserted() {
    let (old, new) = fixture_pair("toevoegen");
    round_trip(&old, &new);
    let s = sentences(&old, &new);
    for expected in [
        "Aan artikel 1 wordt een lid toegevoegd, luidende:",
        "Aan het eerste lid wordt een onderdeel toegevoegd, luidende:",
        "Na artikel 2 wordt een artikel ingevoegd, luidende:",
        "Aan hoofdstuk 1 wordt een artikel toegevoegd, luidende:",
    ] {
        assert!(s.iter().any(|x| x == expected), "{expected}\n{s:#?}");
    }
    assert_eq!(
        s.iter().filter(|x| x.contains("ingevoegd")).count(),
        1,
        "{s:#?}"
    );
}

/// Issue 14, Ar 6.9: an article whose heading and every lid change comes whole; in an
/// article that keeps most leden, a lid whose words nearly all change comes whole
/// ("Het derde lid komt te luiden:") and the other changes are targeted.
#[test]
fn whole_or_targeted_follows_ar_6_9() {
    let (old, new) = fixture_pair("komt-te-luiden");
    round_trip(&old, &new);
    let s = sentences(&old, &new);
    assert_eq!(
        s,
        [
            "Artikel 1 komt te luiden:",
            "In het eerste lid wordt \"tweemaal\" vervangen door \"viermaal\".",
            "Het derde lid komt te luiden:",
            "In het zesde lid wordt \"het schap\" vervangen door \"SORA\".",
        ]
    );
}

/// Issue 14: a new text with a numbering gap (lid 3 repealed without renumbering) is
/// never enacted by "komt te luiden", even when the heading and every lid change: the
/// repeal says what happened.
#[test]
fn a_text_with_a_numbering_gap_is_not_restated() {
    let (old, new) = fixture_pair("nummeringsgat");
    round_trip(&old, &new);
    let s = sentences(&old, &new);
    assert!(
        !s.iter().any(|x| x == "Artikel 1 komt te luiden:"),
        "{s:#?}"
    );
    assert!(s.iter().any(|x| x == "Het derde lid vervalt."), "{s:#?}");
}

/// The real pair: artikel 22 starts at lid 4 and skips lid 6 in SORA 2022; the besluit
/// repeals those leden instead of restating the article with the gap.
#[test]
fn the_real_article_22_is_not_restated_with_its_gap() {
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let s = sentences(&wnk, &sora);
    assert!(
        !s.iter().any(|x| x == "Artikel 22 komt te luiden:"),
        "{s:#?}"
    );
    assert!(s.iter().any(|x| x == "Het zesde lid vervalt."), "{s:#?}");
}

/// Issue 14: quotations show the text as a reader sees it: no emphasis marks, no full
/// stop of the sentence, and words holding a double quote between single quotes; the
/// real artikel 33 (`*"Gemeenschappelijke Regeling ... 2015";*`) and artikel 2.
#[test]
fn quotations_hold_no_markup_and_nest_with_the_other_quote() {
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let s = sentences(&wnk, &sora);
    let replaced: Vec<&String> = s.iter().filter(|x| x.contains("vervangen door")).collect();
    assert!(!replaced.is_empty());
    for x in &replaced {
        assert!(!x.contains('*'), "{x}");
        // The full stop is quoted only where it must be (words added after it).
        assert!(!(x.contains(".\" vervangen") && x.ends_with(".\".")), "{x}");
    }
    assert!(s.contains(&"In artikel 33 wordt '\"Gemeenschappelijke Regeling Werkvoorzieningschap Noord Kennemerland 2015\";' vervangen door \"Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar 2022\".".to_string()), "{s:#?}");
    // The single quotes read back as the same words.
    let b = generate(&wnk, &sora, &Options::default()).unwrap();
    let env = grc::render::environment();
    let txt = grc::besluit::render(&env, &b, "txt").unwrap();
    let (read, diags) = text::read("besluit.txt", &txt);
    assert!(diags.is_empty());
    assert!(read.steps.iter().any(|st| matches!(&st.sentence,
        grc::besluit::sentence::Sentence::Replace { old, .. } if old.starts_with("\"Gemeenschappelijke"))));
}

/// Issue 14: consecutive leden or onderdelen repealed with nothing between them (in the
/// old numbering, none renumbered) are one instruction with the plural verb; two are
/// joined with "en", more with "tot en met"; repeals with a kept lid between them stay
/// apart.
#[test]
fn consecutive_repeals_are_one_instruction() {
    let (old, new) = fixture_pair("vervallen");
    round_trip(&old, &new);
    let s = sentences(&old, &new);
    assert_eq!(
        s,
        [
            "Artikel 1, tweede tot en met vierde lid, vervallen.",
            "In het eerste lid wordt \"tweemaal\" vervangen door \"viermaal\".",
            "Het tweede en derde lid vervallen.",
            "Artikel 3, eerste lid, onderdelen c tot en met e, vervallen.",
            "Het tweede lid vervalt.",
            "Het vierde lid vervalt.",
            "In artikel 5, onderdeel b, wordt \"deelnemende gemeenten\" vervangen door \"gemeenten die aan de regeling deelnemen\".",
            "Artikel 5, onderdelen c en d, vervallen.",
        ]
    );
}

/// The real pair: artikel 16 loses its third to fifth lid, artikel 22 its first three.
#[test]
fn the_real_consecutive_repeals_are_merged() {
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let s = sentences(&wnk, &sora);
    for expected in [
        "Het derde tot en met vijfde lid vervallen.",
        "Het eerste tot en met derde lid vervallen.",
    ] {
        assert!(s.iter().any(|x| x == expected), "{expected}\n{s:#?}");
    }
}

/// Issue 14, Ar 6.11: new last leden of one article are added in one instruction with
/// the plural ("Aan artikel 1 worden drie leden toegevoegd, luidende:"); one stays "een
/// lid"; the real artikel 9 gets its five new leden in one instruction.
#[test]
fn new_last_leden_are_added_together() {
    let (old, new) = fixture_pair("leden-toegevoegd");
    round_trip(&old, &new);
    assert_eq!(
        sentences(&old, &new),
        [
            "Aan artikel 1 worden drie leden toegevoegd, luidende:",
            "Aan artikel 2 wordt een lid toegevoegd, luidende:",
        ]
    );
    let wnk = load("regelingen/wnk-2015.gr");
    let sora = load("regelingen/sora-2022.gr");
    let s = sentences(&wnk, &sora);
    assert!(
        s.iter()
            .any(|x| x == "Aan artikel 9 worden vijf leden toegevoegd, luidende:"),
        "{s:#?}"
    );
}

/// Issue 14: the form (Ar 6.7), the frame, sweeps across articles.
#[path = "besluit/frame.rs"]
mod frame;

/// Issue 14: the besluit and the wijzigingstabel agree (one comparison).
#[path = "besluit/agreement.rs"]
mod agreement;

/// Issue 14, point 6: two changes in one lid are one sentence, joined with "en wordt";
/// words added after others are "ingevoegd"; a change over nearby words of one clause
/// ("stelt" → "kan", "vast" → "vast stellen") is one replacement.
#[test]
fn changes_in_one_lid_are_joined_in_one_sentence() {
    let (old, new) = fixture_pair("samen");
    round_trip(&old, &new);
    assert_eq!(
        sentences(&old, &new),
        [
            "In het eerste lid wordt na \"oordeelt\" ingevoegd \", ten minste tweemaal per jaar\".",
            "In het tweede lid wordt \"voorzitter\" vervangen door \"secretaris\" en wordt na \"die\" ingevoegd \"tijdig\".",
            "In artikel 2 wordt \"stelt een reglement van orde vast\" vervangen door \"kan een reglement van orde vast stellen\".",
        ]
    );
}

/// Tussenkoppen between leden (`Level::Subparagraph` in the comparison): when the
/// comparison finds them unchanged, the leden around them get their own instructions;
/// when one changes, the article comes whole (no Ar instruction names a tussenkop).
#[test]
fn tussenkoppen_follow_the_comparison() {
    let (old, new) = fixture_pair("tussenkoppen");
    round_trip(&old, &new);
    assert_eq!(
        sentences(&old, &new),
        [
            "In het eerste lid wordt na \"raden\" ingevoegd \"desgevraagd\".",
            "In het vierde lid wordt na \"legt\" ingevoegd \"schriftelijk\".",
            "Artikel 2 komt te luiden:",
        ]
    );
}
