//! The consolidated regeling as HTML and Markdown: snapshots of the real texts, an HTML5
//! parser's verdict, links and ids, labels as numbered in the text, and that regeling
//! text can never become markup.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use grc::check::references::{Target, resolve};
use grc::tree::Regeling;
use grc::tree::walk::{Node, walk};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn html_of(r: &Regeling) -> String {
    grc::render::regeling::html(&grc::render::environment(), r, &grc::check::links::of(r)).unwrap()
}

fn md_of(r: &Regeling) -> String {
    grc::render::regeling::markdown(&grc::render::environment(), r, &grc::check::links::of(r))
        .unwrap()
}

/// Every regeling that parses without errors and that the tests render: the two real
/// texts, the three published GRs, the format examples, the render fixtures.
fn renderable() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "regelingen",
        "tests/fixtures/real",
        "tests/fixtures/forms",
        "tests/fixtures/render",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "gr") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 8, "too few regelingen found: {out:?}");
    out
}

#[test]
fn html_and_markdown_of_the_real_regelingen() {
    insta::glob!("../regelingen", "*.gr", |path| {
        let (r, _, _) = common::load(path);
        let mut settings = common::snapshots();
        // The stylesheet is templates/stijl.css verbatim; a style change is reviewed
        // there, not in every snapshot.
        settings.add_filter(
            r"(?s)<style>\n.*</style>",
            "<style>[templates/stijl.css]</style>",
        );
        settings.bind(|| {
            insta::assert_snapshot!("html", html_of(&r));
            insta::assert_snapshot!("md", md_of(&r));
        });
    });
}

/// What a browser would be told: parse errors, duplicate ids, links to nowhere.
fn html_problems(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut problems: Vec<String> = doc.errors.iter().map(|e| format!("parse: {e}")).collect();
    if format!("{:?}", doc.quirks_mode) != "NoQuirks" {
        problems.push("not in standards mode".into());
    }
    let mut ids = HashSet::new();
    for el in doc.select(&sel("[id]")) {
        let id = el.value().id().unwrap_or_default();
        if !ids.insert(id.to_string()) {
            problems.push(format!("duplicate id {id}"));
        }
    }
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap_or_default();
        if let Some(target) = href.strip_prefix('#') {
            if !ids.contains(target) {
                problems.push(format!("link to missing id {href}"));
            }
        } else if !href.starts_with("https://wetten.overheid.nl/") {
            problems.push(format!("unexpected link {href}"));
        }
    }
    if doc.select(&sel("html[lang=nl]")).count() != 1 {
        problems.push("no html lang=nl".into());
    }
    if doc.select(&sel("h1")).count() != 1 {
        problems.push("not exactly one h1".into());
    }
    problems
}

#[test]
fn html_is_valid_html5_with_unique_ids_and_working_links() {
    for path in renderable() {
        let (r, diags, _) = common::load(&path);
        if grc::diagnostic::has_errors(&diags) {
            continue;
        }
        let problems = html_problems(&html_of(&r));
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    }
}

#[test]
fn the_stemverhouding_pages_are_valid_html5_too() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = grc::render::environment();
    let mut results = Vec::new();
    for name in ["regelingen/wnk-2015.gr", "regelingen/sora-2022.gr"] {
        let (r, _, _) = common::load(&root.join(name));
        let csv = std::fs::read_to_string(root.join("regelingen/inwoners.csv")).unwrap();
        let (data, _) = grc::stemmen::population::parse("inwoners.csv", &csv);
        let deelnemers = grc::stemmen::deelnemers(&r, &data, false);
        results.push(grc::stemmen::compute(&r, &data, &deelnemers));
    }
    let pages = [
        grc::render::stemmen::one(&env, &results[1], "html").unwrap(),
        grc::render::stemmen::compare(&env, &results[0], &results[1], "html").unwrap(),
    ];
    // SORA: the six deelnemers of its inwerkingtreding; side by side with WNK: WNK's six,
    // Dijk en Waard and Uitgeest.
    for (page, rows) in pages.iter().zip([6, 8]) {
        let problems = html_problems(page);
        assert!(problems.is_empty(), "{problems:#?}");
        let doc = Html::parse_document(page);
        assert_eq!(doc.select(&sel("tbody tr th[scope=row]")).count(), rows);
        assert!(page.contains("<style>") && page.contains("class=\"breed\""));
    }
}

#[test]
fn the_stemverhouding_page_says_why_in_words_for_a_reader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (r, _, _) = common::load(&root.join("regelingen/sora-2022.gr"));
    let csv = std::fs::read_to_string(root.join("regelingen/inwoners.csv")).unwrap();
    let (data, _) = grc::stemmen::population::parse("inwoners.csv", &csv);
    let s = grc::stemmen::compute(&r, &data, &grc::stemmen::deelnemers(&r, &data, false));
    let env = grc::render::environment();
    let page = grc::render::stemmen::beside(&env, &s, "html", "sora-2022.html").unwrap();
    let doc = Html::parse_document(&page);
    let text: String = doc.root_element().text().collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Why Dijk en Waard: which gemeenten, since when, by which law.
    assert!(
        text.contains("Heerhugowaard en Langedijk zijn op 1 januari 2022 samengevoegd tot de gemeente Dijk en Waard (Wet van 14 juli 2021"),
        "{text}"
    );
    // Peildatum and source of the population figures.
    assert!(
        text.contains("peildatum 1 januari 2021; bron: CBS"),
        "{text}"
    );
    // Findings in words: no codes, no source line numbers, each place a link to the article.
    let findings: Vec<String> = doc
        .select(&sel("h2 + ul li"))
        .map(|li| li.text().collect())
        .collect();
    assert!(!findings.is_empty());
    for f in &findings {
        assert!(!f.contains("(regel ") && !f.contains("V0"), "{f}");
    }
    // No entry twice: each kind of rule once, each place once per rule.
    let mut seen = std::collections::HashSet::new();
    for li in &findings {
        assert!(seen.insert(li.clone()), "repeated: {li}");
    }
    // Every link leads to an element of the regeling's page.
    let regeling = Html::parse_document(&html_of(&r));
    for a in doc.select(&sel("a[href^='sora-2022.html#']")) {
        let eid = &a.value().attr("href").unwrap()["sora-2022.html#".len()..];
        assert!(
            regeling.select(&sel(&format!("[id='{eid}']"))).count() == 1,
            "{eid}"
        );
    }
    assert!(
        doc.select(&sel("a[href^='sora-2022.html#chp_2__art_9']"))
            .count()
            > 0
    );
    assert!(!page.contains("Gemaakt met grc"));
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The validity test above would pass on anything if html_problems could not fail.
    let broken = "<!DOCTYPE html><html lang=\"nl\"><head><title>x</title></head><body>\
                  <h1>x</h1><p id=\"a\">1</p><p id=\"a\">2</p><a href=\"#b\">b</a>\
                  <a href=\"javascript:x\">c</a></p></body></html>";
    let problems = html_problems(broken);
    assert!(
        problems.iter().any(|p| p.starts_with("parse:")),
        "{problems:?}"
    );
    assert!(problems.contains(&"duplicate id a".to_string()));
    assert!(problems.contains(&"link to missing id #b".to_string()));
    assert!(problems.contains(&"unexpected link javascript:x".to_string()));
}

#[test]
fn every_node_is_addressable_and_labelled_with_its_own_number() {
    for name in ["regelingen/sora-2022.gr", "regelingen/wnk-2015.gr"] {
        let (r, _, _) = common::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name));
        let doc = Html::parse_document(&html_of(&r));
        let label = sel(":scope > .label");
        let mut expected = Vec::new();
        walk(&r, &mut |_, node| {
            let number = match node {
                Node::Lid(l) => Some(format!("{}.", l.number)),
                Node::Onderdeel(o) => Some(grc::tree::walk::item_label(o)),
                _ => None,
            };
            expected.push((node.eid().to_string(), number));
        });
        assert!(expected.len() > 300, "{name}: {}", expected.len());
        for (eid, number) in expected {
            let found: Vec<_> = doc.select(&sel(&format!("[id=\"{eid}\"]"))).collect();
            assert_eq!(found.len(), 1, "{name}: no element for {eid}");
            if let Some(number) = number {
                let shown: String = found[0]
                    .select(&label)
                    .next()
                    .map(|l| l.text().collect())
                    .unwrap_or_default();
                assert_eq!(shown, number, "{name}: label of {eid}");
            }
        }
    }
}

#[test]
fn sora_article_22_keeps_its_own_lid_numbers() {
    // The redline left leden 4, 5, 7 ... unrenumbered: a browser counter would print 1, 2, 3.
    let (r, _, _) =
        common::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("regelingen/sora-2022.gr"));
    let doc = Html::parse_document(&html_of(&r));
    let labels: Vec<String> = doc
        .select(&sel("#chp_4__art_22 > ol.leden > li > .label"))
        .map(|l| l.text().collect())
        .collect();
    assert_eq!(labels[..3], ["4.", "5.", "7."]);
    let md = md_of(&r);
    let art22 = &md[md.find("### Artikel 22").unwrap()..md.find("### Artikel 23").unwrap()];
    assert!(art22.contains("\n4\\. "), "{art22}");
    assert!(!art22.contains("\n1\\. "), "{art22}");
}

#[test]
fn references_link_to_their_target_or_to_wetten_overheid_nl() {
    let (r, _, _) =
        common::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("regelingen/sora-2022.gr"));
    let doc = Html::parse_document(&html_of(&r));
    let mut hrefs: HashMap<String, usize> = HashMap::new();
    for a in doc.select(&sel("a[href]")) {
        *hrefs
            .entry(a.value().attr("href").unwrap().to_string())
            .or_default() += 1;
    }
    let mut internal = 0;
    for res in resolve(&r) {
        if let Some(Target::Found { eid, .. }) = res
            .targets
            .iter()
            .find(|t| matches!(t, Target::Found { .. }))
        {
            internal += 1;
            assert!(
                hrefs.contains_key(&format!("#{eid}")),
                "{}: {eid}",
                res.text
            );
        }
    }
    assert!(internal >= 40, "{internal}");
    // The Wgr by its BWB identifier, at the cited article.
    assert!(
        hrefs.contains_key("https://wetten.overheid.nl/jci1.3:c:BWBR0003740&artikel=23"),
        "{:?}",
        hrefs
            .keys()
            .filter(|h| h.starts_with("https"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn regeling_text_never_becomes_markup() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/xss.gr");
    let (r, diags, _) = common::load(&path);
    assert!(!grc::diagnostic::has_errors(&diags), "{diags:?}");
    let dangerous = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{ 7*7 }}",
        "{% if true %}",
        "&amp;",
        "'enkel' en \"dubbel\"",
        "[link](javascript:alert(1))",
        "__niet__",
        "# Geen kop, <!-- geen commentaar --> {# geen sjablooncommentaar #}",
    ];

    // HTML: as text in the document, never as elements.
    let html = html_of(&r);
    let doc = Html::parse_document(&html);
    let text: String = doc.root_element().text().collect();
    for d in dangerous {
        assert!(text.contains(d), "HTML lost {d:?}");
    }
    assert_eq!(
        doc.select(&sel("body script, body img, body i, body b"))
            .count(),
        0
    );
    assert!(!html.contains("49"), "a template expression was evaluated");

    // Markdown: rendered by a CommonMark renderer, the same text and no elements.
    let md = md_of(&r);
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&md));
    let doc = Html::parse_fragment(&rendered);
    let text: String = doc.root_element().text().collect();
    for d in dangerous {
        assert!(text.contains(d), "Markdown lost {d:?}:\n{md}");
    }
    assert_eq!(doc.select(&sel("script, img, i, b, h1 + h1")).count(), 0);
    // Only the emphasis the source asks for, and only the links grc makes.
    let ems: Vec<String> = doc.select(&sel("em")).map(|e| e.text().collect()).collect();
    assert_eq!(ems, ["<i>term</i>", "wel"]);
    for a in doc.select(&sel("a")) {
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with("https://wetten.overheid.nl/"), "{href}");
    }

    // The tree as JSON keeps the text exactly.
    let json = serde_json::to_string(&r).unwrap();
    let back: Regeling = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

/// The page prints each title once: the citeertitel as the heading, the opschrift under it
/// when it differs, and no metadata row that repeats the heading.
#[test]
fn each_title_is_printed_once() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("regelingen/sora-2022.gr");
    let (r, _, _) = common::load(&path);
    let doc = Html::parse_document(&html_of(&r));
    let header: Vec<String> = doc
        .select(&sel("main header"))
        .flat_map(|h| h.text())
        .map(str::to_string)
        .collect();
    for title in [
        "Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar 2022",
        "Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar",
    ] {
        assert_eq!(
            header.iter().filter(|t| t.trim() == title).count(),
            1,
            "{title:?} in {header:?}"
        );
    }
    let md = md_of(&r);
    assert!(!md.contains("Citeertitel: "), "{md}");
}

#[test]
fn the_check_report_page_groups_findings_per_article_in_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = grc::render::environment();
    for name in ["sora-2022", "wnk-2015"] {
        let (r, diags, _) = common::load(&root.join(format!("regelingen/{name}.gr")));
        let href = format!("{name}.html");
        let page = grc::render::check::html(&env, &r, &diags, &href).unwrap();
        // Links to the regeling's page are checked against that page below.
        let mut problems = html_problems(&page);
        problems.retain(|p| !p.starts_with(&format!("unexpected link {href}")));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let doc = Html::parse_document(&page);
        // Every finding is shown, each distinct one once: as many items as distinct
        // (message, place) pairs among the diagnostics.
        let items: Vec<String> = doc
            .select(&sel("section.controle li"))
            .map(|li| li.text().collect())
            .collect();
        let mut distinct: Vec<(&str, Option<&str>)> = diags
            .iter()
            .map(|d| (d.message.as_str(), d.node.as_deref()))
            .collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(items.len(), distinct.len(), "{name}");
        // In words: no codes, no source line numbers, no eIds.
        for item in &items {
            for d in &diags {
                assert!(!item.contains(&format!("[{}]", d.code)), "{item}");
            }
            assert!(
                !item.contains("op de regel") && !item.contains("__"),
                "{item}"
            );
        }
        // One section per article, in the regeling's order, each heading linked to it.
        let headings: Vec<String> = doc
            .select(&sel("section.controle h2"))
            .map(|h| h.text().collect())
            .collect();
        let mut unique = headings.clone();
        unique.dedup();
        assert_eq!(unique, headings, "no article twice");
        assert!(
            headings.iter().any(|h| h.starts_with("Artikel 9 ")),
            "{headings:?}"
        );
        // Every link leads to an element of the regeling's page.
        let regeling = Html::parse_document(&html_of(&r));
        let mut links = 0;
        for a in doc.select(&sel("a[href]")) {
            let target = a.value().attr("href").unwrap();
            let Some(eid) = target.strip_prefix(&format!("{href}#")) else {
                assert_eq!(target, href);
                continue;
            };
            links += 1;
            assert_eq!(
                regeling.select(&sel(&format!("[id='{eid}']"))).count(),
                1,
                "{name}: #{eid}"
            );
        }
        assert!(links > 10, "{name}: {links} links");
    }
}

#[test]
fn a_published_page_shows_only_what_the_publicatie_section_chooses() {
    let text = "---\ntitel: Regeling Proef\nciteertitel: Regeling Proef 2024\nsoort: collegeregeling\ndeelnemers: Aadorp, Beekdorp\ninwerkingtreding: 2024-01-01\nversie: concept 3\nbron: map/kopie.txt, keuzes in README.md\npublicatie.toon: deelnemers, citeertitel\npublicatie.gemeenteblad: Gemeenteblad 2023, 123456\npublicatie.vastgesteld: 12 december 2023\n---\nRegeling Proef\n\nArtikel 1\n\nTekst.\n";
    let (r, diags) = grc::source::parse("proef.gr", text);
    assert!(diags.is_empty(), "{diags:#?}");
    // The section survives writing the source back.
    let (again, _) = grc::source::parse("proef.gr", &grc::source::write(&r));
    assert_eq!(again.metadata.publication, r.metadata.publication);
    let page = html_of(&r);
    let doc = Html::parse_document(&page);
    // The chosen fields in their order; the citeertitel is the heading already, so its row
    // is left out (each title once).
    let rows: Vec<String> = doc
        .select(&sel("dl.metadata dt, dl.metadata dd"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        rows,
        [
            "Deelnemers",
            "Aadorp en Beekdorp",
            "Bekendgemaakt in",
            "Gemeenteblad 2023, 123456",
            "Vastgesteld op",
            "12 december 2023",
        ]
    );
    // The title once as the heading; nothing of the repository anywhere.
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    for repository in [
        "kopie.txt",
        "README",
        "concept 3",
        "proef.gr",
        "Gemaakt met grc",
    ] {
        assert!(!page.contains(repository), "{repository}");
    }
    // Without the section: no metadata rows at all. A field it does not know is reported.
    let plain = text.replace("publicatie.toon: deelnemers, citeertitel\npublicatie.gemeenteblad: Gemeenteblad 2023, 123456\npublicatie.vastgesteld: 12 december 2023\n", "");
    let (r, _) = grc::source::parse("proef.gr", &plain);
    assert_eq!(
        Html::parse_document(&html_of(&r))
            .select(&sel("dl.metadata"))
            .count(),
        0
    );
    let (_, diags) =
        grc::source::parse("proef.gr", &text.replace("toon: deelnemers", "toon: logo"));
    assert!(
        diags
            .iter()
            .any(|d| d.code == "P004" && d.message.contains("logo")),
        "{diags:#?}"
    );
}

#[test]
fn an_inserted_article_keeps_its_leden_in_the_renvooi() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (old, _, _) = common::load(&root.join("regelingen/wnk-2015.gr"));
    let (new, _, _) = common::load(&root.join("regelingen/sora-2022.gr"));
    let cmp = grc::diff::compare(&old, &new, &grc::diff::Options::default());
    let env = grc::render::environment();
    let page = grc::render::wijzigingen::renvooi(&env, &old, &new, &cmp, "html").unwrap();
    let doc = Html::parse_document(&page);
    // SORA's artikel 21a (Kadernota) is new: its leden are numbered leden, each
    // wholly inserted, not one run of text.
    let leden: Vec<String> = doc
        .select(&sel("#nieuw-chp_4__art_21a ol.leden > li"))
        .map(|li| {
            let label: String = li
                .select(&sel(".label ins"))
                .flat_map(|e| e.text())
                .collect();
            label
        })
        .collect();
    let want: Vec<String> = grc::tree::walk::articles(&new)
        .into_iter()
        .find(|a| a.number.as_deref() == Some("21a"))
        .unwrap()
        .leden()
        .map(|l| format!("{}.", l.number.trim_end_matches('.')))
        .collect();
    assert!(want.len() >= 3, "{want:?}");
    assert_eq!(leden, want);
}

/// The parts of a published regeling in the order a Gemeenteblad prints them: the
/// aanhef, the articles, the sluiting with the date of vaststelling and the ondertekening
/// of every deelnemer, then the toelichting; the table of contents before them is for the
/// screen only (hidden in print by the style sheet).
#[test]
fn the_ondertekening_per_deelnemer_and_the_toelichting_follow_the_regeling() {
    let text = "---\ntitel: Regeling Proef\ndeelnemers: Aadorp, Beekdorp\npublicatie.vastgesteld: 2023-12-12\n---\nRegeling Proef\n\nDe colleges van burgemeester en wethouders van Aadorp en Beekdorp;\n\nbesluiten:\n\nArtikel 1 Begrip\n\nTekst van artikel 1.\n\nArtikel 2 Slot\n\nTekst van artikel 2.\n\nAldus vastgesteld door het college van Aadorp op 5 december 2023.\n\nDe burgemeester, A. Aalders\n\nDe secretaris, B. Bakker\n\nAldus vastgesteld door het college van Beekdorp op 12 december 2023.\n\nDe burgemeester, C. Claessen\n\nToelichting\n\nDeze regeling is een proef.\n";
    let (r, diags) = grc::source::parse("proef.gr", text);
    assert!(!grc::diagnostic::has_errors(&diags), "{diags:#?}");
    let page = html_of(&r);
    let doc = Html::parse_document(&page);
    let closing: String = doc
        .select(&sel("div.sluiting"))
        .next()
        .expect("a sluiting")
        .text()
        .collect();
    for signed in [
        "college van Aadorp op 5 december 2023",
        "A. Aalders",
        "B. Bakker",
        "college van Beekdorp op 12 december 2023",
        "C. Claessen",
    ] {
        assert!(
            closing.contains(signed),
            "{signed} not in the sluiting: {closing}"
        );
    }
    let rows: Vec<String> = doc
        .select(&sel("dl.metadata dt, dl.metadata dd"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(rows, ["Vastgesteld op", "12 december 2023"]);
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle} not on the page"))
    };
    let order = [
        at("class=\"inhoudsopgave\""),
        at("class=\"aanhef\""),
        at("id=\"art_1\""),
        at("id=\"art_2\""),
        at("class=\"sluiting\""),
        at("class=\"toelichting\""),
        at("Deze regeling is een proef."),
    ];
    assert!(order.is_sorted(), "{order:?}");
    // The toelichting's heading once: as its heading, not again as its first alinea.
    let explanation: Vec<String> = doc
        .select(&sel("section.toelichting h2, section.toelichting p"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(explanation, ["Toelichting", "Deze regeling is een proef."]);
    let css = std::fs::read_to_string("templates/stijl.css").unwrap();
    let print = &css[css.find("@media print").expect("a print section")..];
    assert!(
        print.contains("nav.inhoudsopgave"),
        "the contents are printed"
    );
}
