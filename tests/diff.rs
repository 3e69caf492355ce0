//! Comparing WNK 2015 with SORA 2022: the change list, its noise policy, the references
//! to reread, and every output format (snapshotted after review).

mod common;

use std::path::Path;

use grc::diff::words::Noise;
use grc::diff::{Comparison, Kind, Level, Options, compare};
use grc::tree::Regeling;
use scraper::{Html, Selector};

fn load(path: &str) -> Regeling {
    common::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).0
}

fn real() -> (Regeling, Regeling, Comparison) {
    let old = load("regelingen/wnk-2015.gr");
    let new = load("regelingen/sora-2022.gr");
    let cmp = compare(&old, &new, &Options::default());
    (old, new, cmp)
}

/// A fixture pair of `tests/fixtures/diff/`, compared, with the tabel's rows as (label, kind).
fn fixture(
    name: &str,
) -> (
    Regeling,
    Regeling,
    Comparison,
    Vec<grc::render::wijzigingen::Row>,
) {
    let dir = format!("tests/fixtures/diff/{name}");
    let old = load(&format!("{dir}/oud.gr"));
    let new = load(&format!("{dir}/nieuw.gr"));
    let cmp = compare(&old, &new, &Options::default());
    let rows = grc::render::wijzigingen::rows(&cmp, None);
    (old, new, cmp, rows)
}

fn labels(rows: &[grc::render::wijzigingen::Row]) -> Vec<(&str, &str)> {
    rows.iter().map(|r| (r.label.as_str(), r.kind)).collect()
}

fn parse(text: &str) -> Regeling {
    grc::source::parse("t.gr", text).0
}

#[test]
fn wnk_2015_to_sora_2022_change_counts() {
    let (_, _, cmp) = real();
    let count = |l, k| cmp.count(l, k);
    // Articles: 33 in WNK, 35 in SORA (20a and 21a inserted), every other one kept its
    // number; 29 changed in text, 4 untouched.
    assert_eq!(count(Level::Article, Kind::Inserted), 2);
    assert_eq!(count(Level::Article, Kind::Deleted), 0);
    assert_eq!(count(Level::Article, Kind::Changed), 29);
    assert_eq!(count(Level::Article, Kind::Unchanged), 4);
    assert_eq!(count(Level::Article, Kind::Renumbered), 0);
    assert_eq!(count(Level::Article, Kind::Moved), 0);
    let inserted: Vec<&str> = cmp
        .changes
        .iter()
        .filter(|c| c.level == Level::Article && c.kind == Kind::Inserted)
        .filter_map(|c| c.new.as_deref())
        .collect();
    assert_eq!(inserted, ["chp_3__art_20a", "chp_4__art_21a"]);
    // Artikel 31 was rewritten in place (Overgangsbepaling → Overgangsrecht), not
    // deleted and inserted.
    let art31 = cmp.of_new("chp_5__art_31").unwrap();
    assert_eq!(
        (art31.kind, art31.old.as_deref()),
        (Kind::Changed, Some("chp_5__art_31"))
    );
    // Artikel 3: the first lid went, the second became the first.
    let lid = cmp.of_new("chp_1__art_3__para_1").unwrap();
    assert_eq!(lid.kind, Kind::Renumbered);
    assert_eq!(lid.old.as_deref(), Some("chp_1__art_3__para_2"));
    assert!(lid.text_changed);
    // Leden in all.
    assert_eq!(count(Level::Paragraph, Kind::Inserted), 19);
    assert_eq!(count(Level::Paragraph, Kind::Deleted), 15);
    assert_eq!(count(Level::Paragraph, Kind::Renumbered), 7);
    assert_eq!(count(Level::Paragraph, Kind::Moved), 1);
    // The title and the aanhef changed, no hoofdstuk did.
    assert_eq!(count(Level::Title, Kind::Changed), 1);
    assert_eq!(count(Level::Preamble, Kind::Changed), 1);
    assert_eq!(count(Level::Chapter, Kind::Unchanged), 5);
}

#[test]
fn every_element_is_in_exactly_one_change() {
    let (old, new, cmp) = real();
    for (r, side) in [(&old, 0), (&new, 1)] {
        let mut eids = Vec::new();
        grc::tree::walk::walk(r, &mut |_, node| {
            if matches!(
                node,
                grc::tree::walk::Node::Artikel(_) | grc::tree::walk::Node::Hoofdstuk(_)
            ) {
                eids.push(node.eid().to_string());
            }
        });
        for eid in eids {
            let n = cmp
                .changes
                .iter()
                .filter(|c| {
                    (if side == 0 { &c.old } else { &c.new }).as_deref() == Some(eid.as_str())
                })
                .count();
            assert_eq!(n, 1, "{eid} in {n} changes");
        }
    }
}

/// On random edits of the real texts: every article, lid and onderdeel of either
/// version is in exactly one change, and a change called unchanged has the same text.
#[test]
fn every_element_is_in_one_change_after_random_edits() {
    let old = load("regelingen/sora-2022.gr");
    let mut rng = grc::synth::Rng::new(23);
    let mut ran = 0;
    for _ in 0..40 {
        let m = common::mutate(&old, &mut rng);
        let (new, diags) = grc::source::parse("nieuw.gr", &grc::source::write(&m));
        if grc::diagnostic::has_errors(&diags) {
            continue;
        }
        ran += 1;
        let cmp = compare(&old, &new, &Options::default());
        for (r, is_old) in [(&old, true), (&new, false)] {
            let mut counts: std::collections::HashMap<String, usize> = Default::default();
            for c in &cmp.changes {
                if let Some(e) = if is_old { &c.old } else { &c.new } {
                    *counts.entry(format!("{:?}:{e}", c.level)).or_default() += 1;
                }
            }
            grc::tree::walk::walk(r, &mut |cx, node| {
                let level = match node {
                    grc::tree::walk::Node::Artikel(_) => Level::Article,
                    // Leden of articles that were compared as a whole pair only.
                    grc::tree::walk::Node::Lid(_) if cx.artikel.is_some() => Level::Paragraph,
                    _ => return,
                };
                let key = format!("{level:?}:{}", node.eid());
                let n = counts.get(&key).copied().unwrap_or(0);
                // A lid of an inserted or deleted article has no change of its own; a lid
                // of an article found in both versions has exactly one.
                let in_both = cx.artikel.is_some_and(|a| {
                    cmp.changes.iter().any(|c| {
                        c.level == Level::Article
                            && (if is_old { &c.old } else { &c.new }).as_deref()
                                == Some(a.eid.as_str())
                            && c.old.is_some()
                            && c.new.is_some()
                    })
                });
                if level == Level::Article || in_both {
                    assert_eq!(n, 1, "{key} in {n} changes");
                } else {
                    assert_eq!(n, 0, "{key} in {n} changes");
                }
            });
        }
        for c in &cmp.changes {
            if c.kind == Kind::Unchanged {
                assert!(
                    !c.text_changed
                        && c.old_text
                            .split_whitespace()
                            .eq(c.new_text.split_whitespace())
                );
            }
        }
    }
    assert!(ran >= 30, "only {ran} of 40 edits parsed");
}

#[test]
fn stale_references_in_sora_2022() {
    let (_, _, cmp) = real();
    let renumbered: Vec<_> = cmp
        .stale_references
        .iter()
        .filter(|s| s.reason == grc::diff::stale::Reason::TargetRenumbered)
        .collect();
    // Artikel 5 cites "artikel 3, tweede lid": that lid became the first; the words now
    // name the new second lid. A provision nobody touched while drafting. (Artikel 24's
    // "artikel 4 lid 1 en 2 wetten" is read as written: an article of "de wetten", which
    // the begripsbepalingen define as the Wsw and the other acts, not of this regeling;
    // see regelingen/README.md, J16 and J33.)
    assert_eq!(renumbered.len(), 1, "{renumbered:#?}");
    let s = renumbered[0];
    assert!(s.from.starts_with("chp_1__art_5"), "{}", s.from);
    assert_eq!(s.text, "artikel 3, tweede lid");
    assert_eq!(s.old_target.as_deref(), Some("chp_1__art_3__para_2"));
    assert_eq!(s.target.as_deref(), Some("chp_1__art_3__para_2"));
    assert!(s.from_unchanged);
    assert!(
        s.message.contains("dat nu artikel 3, eerste lid is"),
        "{}",
        s.message
    );
    assert_eq!(cmp.stale_references.len(), 21);
    assert_eq!(
        cmp.stale_references
            .iter()
            .filter(|s| s.from_unchanged)
            .count(),
        8
    );
}

#[test]
fn whitespace_never_counts_case_and_punctuation_only_when_asked() {
    let old = parse("Artikel 1 Bestuur\n1. Het Algemeen Bestuur vergadert, zo vaak als nodig.\n");
    let spaced =
        parse("Artikel 1 Bestuur\n1. Het  Algemeen Bestuur   vergadert, zo vaak als nodig.  \n");
    let lower = parse("Artikel 1 Bestuur\n1. Het algemeen bestuur vergadert, zo vaak als nodig.\n");
    let comma = parse("Artikel 1 Bestuur\n1. Het Algemeen Bestuur vergadert zo vaak als nodig.\n");
    let kind = |a: &Regeling, b: &Regeling, noise: Noise| {
        let c = compare(
            a,
            b,
            &Options {
                noise,
                ..Options::default()
            },
        );
        c.changes
            .iter()
            .find(|c| c.level == Level::Article)
            .unwrap()
            .kind
    };
    let strict = Noise::default();
    assert_eq!(kind(&old, &spaced, strict), Kind::Unchanged);
    assert_eq!(kind(&old, &lower, strict), Kind::Changed);
    assert_eq!(
        kind(
            &old,
            &lower,
            Noise {
                ignore_case: true,
                ..strict
            }
        ),
        Kind::Unchanged
    );
    assert_eq!(kind(&old, &comma, strict), Kind::Changed);
    assert_eq!(
        kind(
            &old,
            &comma,
            Noise {
                ignore_punctuation: true,
                ..strict
            }
        ),
        Kind::Unchanged
    );
    // The changed comma is a change of one token, not of the word before it.
    let c = compare(&old, &comma, &Options::default());
    let lid = c
        .changes
        .iter()
        .find(|c| c.level == Level::Paragraph)
        .unwrap();
    let deleted: Vec<&str> = lid
        .words
        .iter()
        .filter(|w| w.op == grc::diff::words::Op::Delete)
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!(deleted, [","]);
}

#[test]
fn renumbered_and_moved_articles_are_recognised_by_content() {
    let old = parse(
        "Artikel 1 Naam\nHet lichaam heet Werkvoorzieningsschap Noord-Kennemerland.\n\n\
         Artikel 2 Zetel\nHet lichaam is gevestigd te Alkmaar aan de Zeswielen.\n\n\
         Artikel 3 Archief\nHet dagelijks bestuur zorgt voor de archiefbescheiden.\n",
    );
    let new = parse(
        "Artikel 1 Archief\nHet dagelijks bestuur zorgt voor de archiefbescheiden.\n\n\
         Artikel 2 Naam\nHet lichaam heet Werkvoorzieningsschap Noord-Kennemerland.\n\n\
         Artikel 3 Zetel\nHet lichaam is gevestigd te Alkmaar aan de Zeswielen.\n",
    );
    let c = compare(&old, &new, &Options::default());
    let kinds: Vec<(Option<&str>, Option<&str>, Kind)> = c
        .changes
        .iter()
        .filter(|c| c.level == Level::Article)
        .map(|c| (c.old_number.as_deref(), c.new_number.as_deref(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (Some("3"), Some("1"), Kind::Moved),
            (Some("1"), Some("2"), Kind::Renumbered),
            (Some("2"), Some("3"), Kind::Renumbered),
        ]
    );
    // A threshold of 1 still finds identical texts; a rewritten one is then new.
    let strict = compare(
        &old,
        &new,
        &Options {
            threshold: 1.0,
            ..Options::default()
        },
    );
    assert_eq!(strict.count(Level::Article, Kind::Inserted), 0);
}

fn no_html_problems(html: &str) {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let mut ids = std::collections::HashSet::new();
    for el in doc.select(&Selector::parse("[id]").unwrap()) {
        assert!(
            ids.insert(el.value().id().unwrap().to_string()),
            "duplicate id"
        );
    }
}

#[test]
fn every_format_of_wnk_2015_to_sora_2022() {
    let (old, new, cmp) = real();
    let env = grc::render::environment();
    let toelichting_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("regelingen/wnk-2015--sora-2022.toelichting.toml"),
    )
    .unwrap();
    let t = grc::diff::toelichting::parse("t.toml", &toelichting_text).unwrap();
    let rows = grc::render::wijzigingen::rows(&cmp, Some(&t));
    // 106 before the tabel followed the besluit's units: the articles whose opschrift
    // and every lid changed are one row each now (issue 14).
    assert_eq!(rows.len(), 90);
    // Every row is explained (its own text or its article's), and every explanation is
    // used; a text written for an article is shown once, on its first row.
    assert!(rows.iter().all(|r| t.lookup(&r.eid).is_some()));
    let shown = rows.iter().filter(|r| r.toelichting.is_some()).count();
    assert_eq!(shown, 33);
    let tabel_html = grc::render::wijzigingen::tabel(&env, &old, &new, &rows, "html").unwrap();
    let renvooi_html = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "html").unwrap();
    no_html_problems(&tabel_html);
    no_html_problems(&renvooi_html);
    // The Markdown renvooi keeps the leden as the text numbers them: no CommonMark list
    // (which would renumber), one paragraph per lid.
    let renvooi_md = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap();
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&renvooi_md));
    assert!(!rendered.contains("<li>"), "a lid became a list item");
    assert!(rendered.matches("<p>").count() > 150);
    let mut settings = common::snapshots();
    settings.add_filter(
        r"(?s)<style>\n.*</style>",
        "<style>[templates/stijl.css]</style>",
    );
    settings.bind(|| {
        insta::assert_snapshot!("diff_json", serde_json::to_string_pretty(&cmp).unwrap());
        insta::assert_snapshot!(
            "tabel_md",
            grc::render::wijzigingen::tabel(&env, &old, &new, &rows, "md").unwrap()
        );
        insta::assert_snapshot!("tabel_html", tabel_html);
        insta::assert_snapshot!(
            "renvooi_md",
            grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap()
        );
        insta::assert_snapshot!("renvooi_html", renvooi_html);
    });
}

/// The tabel and the renvooi show what the comparison found under its noise policy, no
/// more: with `--ignore-case` a case-only change of an opschrift, a lid or an
/// article's text is not marked, while the real change beside it is.
#[test]
fn tabel_and_renvooi_follow_the_noise_policy_of_the_comparison() {
    let old = parse(
        "Artikel 1 Algemeen Bestuur\n1. Het Algemeen Bestuur vergadert.\n2. Het bestuur besluit.\n\n\
         Artikel 2 Zetel\nHet Lichaam is gevestigd te Alkmaar.\n",
    );
    let new = parse(
        "Artikel 1 Algemeen bestuur\n1. Het algemeen bestuur vergadert.\n2. Het bestuur besluit niet.\n\n\
         Artikel 2 zetel\nHet lichaam is gevestigd te Alkmaar, Noord-Holland.\n",
    );
    let env = grc::render::environment();
    let run = |ignore_case: bool| {
        let options = Options {
            noise: Noise {
                ignore_case,
                ..Noise::default()
            },
            ..Options::default()
        };
        let cmp = compare(&old, &new, &options);
        let rows = grc::render::wijzigingen::rows(&cmp, None);
        let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        let renvooi = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap();
        let tabel = grc::render::wijzigingen::tabel(&env, &old, &new, &rows, "md").unwrap();
        (cmp, labels, renvooi, tabel)
    };
    let (cmp, labels, renvooi, tabel) = run(true);
    // The JSON's view: only lid 2 and the text of artikel 2 changed.
    let changed: Vec<&str> = cmp
        .changes
        .iter()
        .filter(|c| c.kind != Kind::Unchanged)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(changed, ["Artikel 1", "Artikel 1, tweede lid", "Artikel 2"]);
    assert_eq!(labels, ["Artikel 1, tweede lid", "Artikel 2"]);
    for doc in [&renvooi, &tabel] {
        for case_only in ["Bestuur~~", "Lichaam~~", "Zetel~~", "Algemeen Bestuur~~"] {
            assert!(!doc.contains(case_only), "{case_only} marked in\n{doc}");
        }
        assert!(doc.contains("**niet**"), "{doc}");
        assert!(doc.contains("Alkmaar<ins>, Noord-Holland</ins>."), "{doc}");
    }
    // Without the option the same texts show every case change: then the opschrift and
    // every lid of artikel 1 changed, so it is one row (rewritten, as the besluit replaces
    // it whole), its leden inside, each a paragraph of the cell.
    let (_, labels, renvooi, tabel) = run(false);
    assert_eq!(labels, ["Artikel 1", "Artikel 2"]);
    assert!(
        tabel.contains("| Algemeen ~~Bestuur~~<br>1. Het ~~Algemeen Bestuur~~ vergadert.<br>2. Het bestuur besluit. | Algemeen **bestuur**<br>1. Het **algemeen bestuur** vergadert.<br>2. Het bestuur besluit **niet**. |"),
        "{tabel}"
    );
    assert!(renvooi.contains("~~Bestuur~~ **bestuur**"), "{renvooi}");
    assert!(renvooi.contains("~~Lichaam~~ **lichaam**"), "{renvooi}");
    assert!(tabel.contains("~~Zetel~~"), "{tabel}");
}

/// The text of an article outside its leden (a tussenkop between two of them) is an
/// element of the comparison: before, only the article's text said it changed, and the
/// tabel and the renvooi showed the tussenkop unmarked or not at all.
#[test]
fn tussenkoppen_between_leden_are_compared_and_shown_in_place() {
    let (old, new, cmp, rows) = fixture("tussenkoppen");
    let between: Vec<(Kind, &str)> = cmp
        .changes
        .iter()
        .filter(|c| c.level == Level::Subparagraph)
        .map(|c| (c.kind, c.label.as_str()))
        .collect();
    assert_eq!(
        between,
        [
            (Kind::Unchanged, "Artikel 2, tussenkop vóór het eerste lid"),
            (Kind::Changed, "Artikel 2, tussenkop vóór het derde lid"),
            (Kind::Inserted, "Artikel 2, tussenkop vóór het vijfde lid"),
        ]
    );
    let env = grc::render::environment();
    assert_eq!(
        labels(&rows),
        [
            ("Artikel 2, tussenkop vóór het derde lid", "gewijzigd"),
            ("Artikel 2, tussenkop vóór het vijfde lid", "ingevoegd"),
            ("Artikel 2, vijfde lid", "ingevoegd"),
        ]
    );
    let tabel = grc::render::wijzigingen::tabel(&env, &old, &new, &rows, "md").unwrap();
    assert!(
        tabel.contains("Relatie bestuur en colleges **van burgemeester en wethouders**"),
        "{tabel}"
    );
    // The renvooi keeps the reading order: each tussenkop right before the lid it heads.
    let renvooi = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap();
    let at = |needle: &str| {
        renvooi
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in\n{renvooi}"))
    };
    assert!(at("Relatie bestuur en raden") < at("1\\. Het bestuur geeft de raden"));
    assert!(at("2\\. Het bestuur legt") < at("**van burgemeester en wethouders**"));
    assert!(at("**van burgemeester en wethouders**") < at("3\\. Het bestuur geeft de colleges"));
    assert!(at("**Relatie bestuur en provincie**") < at("**5.**"));
}

/// A deleted tussenkop is struck where it stood; on the real pair, artikel 15 lost two
/// of its four and the third was rewritten.
#[test]
fn tussenkoppen_of_artikel_15_in_the_real_pair() {
    let (old, new, cmp) = real();
    let of = |k| {
        cmp.changes
            .iter()
            .filter(|c| c.level == Level::Subparagraph && c.kind == k)
            .count()
    };
    assert_eq!(
        (
            of(Kind::Unchanged),
            of(Kind::Changed),
            of(Kind::Deleted),
            of(Kind::Inserted)
        ),
        (1, 1, 2, 0)
    );
    let env = grc::render::environment();
    let renvooi = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap();
    let at = |needle: &str| {
        renvooi
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in\n{renvooi}"))
    };
    // "Relatie Algemeen Bestuur – raden van de deelnemende gemeenten" headed the old
    // seventh lid, which kept its number.
    let struck = at("~~Relatie Algemeen Bestuur – raden van de deelnemende gemeenten~~");
    assert!(at("10\\. Een lid van het") > struck && struck > at("~~6.~~"));
}

/// An article that is renumbered and whose leden changed: the tabel says it was
/// renumbered and shows each changed lid marked (before, one row with both whole texts
/// unmarked, the change invisible).
#[test]
fn a_renumbered_article_with_changed_leden_shows_its_marked_leden() {
    let (old, new, _, rows) = fixture("vernummerd-met-leden");
    assert_eq!(
        labels(&rows),
        [
            ("Artikel 2", "ingevoegd"),
            ("Artikel 3 (was 2)", "vernummerd"),
            ("Artikel 3, tweede lid", "gewijzigd"),
        ]
    );
    let env = grc::render::environment();
    let tabel = grc::render::wijzigingen::tabel(&env, &old, &new, &rows, "md").unwrap();
    assert!(
        tabel.contains(
            "Het bestuur legt **schriftelijk** verantwoording af aan de raden **en de colleges**."
        ),
        "{tabel}"
    );
    assert!(
        tabel.contains("| Artikel 3 (was 2) (vernummerd) | Verantwoording | Verantwoording |"),
        "{tabel}"
    );
}

/// An article whose body became leden: the old body is a block outside the leden that
/// went, struck in the renvooi and a row of the tabel (before, it was shown nowhere).
#[test]
fn an_article_body_that_became_leden_is_shown_struck() {
    let (old, new, cmp, rows) = fixture("leden-erbij");
    assert_eq!(
        labels(&rows),
        [
            ("Artikel 1, eerste lid", "ingevoegd"),
            ("Artikel 1, tweede lid", "ingevoegd"),
            ("Artikel 1, tekst", "vervallen"),
        ]
    );
    let env = grc::render::environment();
    let renvooi = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap();
    assert!(
        renvooi.contains("~~Het openbaar lichaam is gevestigd te Alkmaar.~~"),
        "{renvooi}"
    );
}

/// The renvooi prints the aanhef and the slotformulering one paragraph per alinea, as it
/// prints an article's leden (they ran together in one paragraph): an alinea replaced by
/// another is one paragraph, its old words struck and its new ones marked.
#[test]
fn the_renvooi_keeps_the_alineas_of_aanhef_and_slot() {
    let (old, new, cmp, _) = fixture("aanhef-per-alinea");
    let env = grc::render::environment();
    let html = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "html").unwrap();
    no_html_problems(&html);
    let div = |class: &str| {
        let from = html.find(&format!("<div class=\"{class}\"")).unwrap();
        let to = from + html[from..].find("</div>").unwrap();
        html[from..to].matches("<p>").count()
    };
    assert_eq!(div("aanhef"), 4);
    assert_eq!(div("sluiting"), 2);
    let md = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "md").unwrap();
    common::snapshots().bind(|| insta::assert_snapshot!("renvooi_aanhef_per_alinea_md", md));
}
