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
    // Nothing to do is an empty besluit that changes nothing.
    let same = generate(&sora, &sora, &Options::default()).unwrap();
    assert_eq!(same.instruction_count(), 0);
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

/// Word-level, lid, onderdeel and article edits at random places of the real texts.
fn mutate(r: &Regeling, rng: &mut Rng) -> Regeling {
    let mut m = r.clone();
    const WORDS: [&str; 8] = [
        "gemeenschappelijk",
        "bestuur",
        "\"citaat\"",
        "(tussen haakjes)",
        "artikel",
        "de",
        "tenminste",
        "SORA,",
    ];
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let kind = rng.below(9);
        let chapters: Vec<usize> = (0..m.body.len())
            .filter(|i| matches!(m.body[*i], Deel::Hoofdstuk(_)))
            .collect();
        let Some(&ci) = chapters.get(rng.below(chapters.len().max(1))) else {
            return m;
        };
        let Deel::Hoofdstuk(h) = &mut m.body[ci] else {
            unreachable!()
        };
        if h.content.is_empty() {
            continue;
        }
        let ai = rng.below(h.content.len());
        match kind {
            // Words in an alinea: replace, insert, delete.
            0..=2 => {
                let mut texts: Vec<&mut Alinea> = Vec::new();
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    collect(&mut a.content, &mut texts);
                }
                if texts.is_empty() {
                    continue;
                }
                let k = rng.below(texts.len());
                let a = &mut texts[k];
                let mut words: Vec<String> = a.text.split(' ').map(str::to_string).collect();
                let w = rng.below(words.len());
                let new = WORDS[rng.below(WORDS.len())].to_string();
                match kind {
                    0 => words[w] = new,
                    1 => words.insert(w, new),
                    _ if words.len() > 2 => {
                        words.remove(w);
                    }
                    _ => {}
                }
                a.text = words.join(" ");
            }
            // A lid repealed, the ones after it renumbered (or not).
            3 | 4 => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    let leden: Vec<usize> = (0..a.content.len())
                        .filter(|i| matches!(a.content[*i], Blok::Lid(_)))
                        .collect();
                    if leden.len() > 1 {
                        let li = leden[rng.below(leden.len())];
                        a.content.remove(li);
                        if kind == 3 {
                            renumber_leden(a);
                        }
                    }
                }
            }
            // A lid inserted (a copy of another), leden renumbered.
            5 => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    let leden: Vec<usize> = (0..a.content.len())
                        .filter(|i| matches!(a.content[*i], Blok::Lid(_)))
                        .collect();
                    if !leden.is_empty() {
                        let from = leden[rng.below(leden.len())];
                        let copy = a.content[from].clone();
                        a.content.insert(leden[rng.below(leden.len())], copy);
                        renumber_leden(a);
                    }
                }
            }
            // An onderdeel repealed or inserted, relettered.
            6 => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    let mut lists: Vec<&mut Lijst> = Vec::new();
                    lists_of(&mut a.content, &mut lists);
                    if let Some(list) = lists.into_iter().find(|l| l.items.len() > 1) {
                        let i = rng.below(list.items.len());
                        if rng.below(2) == 0 {
                            list.items.remove(i);
                        } else {
                            let copy = list.items[rng.below(list.items.len())].clone();
                            list.items.insert(i, copy);
                        }
                        if list.items.len() <= 26 {
                            for (k, item) in list.items.iter_mut().enumerate() {
                                if !item.number.ends_with('°') {
                                    item.number = ((b'a' + k as u8) as char).to_string();
                                }
                            }
                        }
                    }
                }
            }
            // An article repealed, or a new one inserted after it.
            7 => {
                if rng.below(2) == 0 && h.content.len() > 1 {
                    h.content.remove(ai);
                } else if let Deel::Artikel(a) = &h.content[ai] {
                    let mut copy = a.clone();
                    copy.number = Some(format!("{}a", a.number.clone().unwrap_or_default()));
                    if !h
                        .content
                        .iter()
                        .any(|d| matches!(d, Deel::Artikel(x) if x.number == copy.number))
                    {
                        h.content.insert(ai + 1, Deel::Artikel(copy));
                    }
                }
            }
            // A new heading.
            _ => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    a.heading = Some(Tekst {
                        text: format!("Nieuw opschrift {}", rng.below(100)),
                        span: Span::default(),
                    });
                }
            }
        }
    }
    m
}

fn collect<'a>(content: &'a mut [Blok], out: &mut Vec<&'a mut Alinea>) {
    for b in content {
        match b {
            Blok::Alinea(a) => out.push(a),
            Blok::Lid(l) => collect(&mut l.content, out),
            Blok::Lijst(list) => {
                for item in &mut list.items {
                    collect(&mut item.content, out);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

fn lists_of<'a>(content: &'a mut [Blok], out: &mut Vec<&'a mut Lijst>) {
    for b in content {
        match b {
            Blok::Lid(l) => lists_of(&mut l.content, out),
            Blok::Lijst(list) => out.push(list),
            _ => {}
        }
    }
}

fn renumber_leden(a: &mut Artikel) {
    let mut n = 0;
    for b in &mut a.content {
        if let Blok::Lid(l) = b {
            n += 1;
            l.number = n.to_string();
        }
    }
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
            let mutated = mutate(&old, &mut rng);
            // The new version as a file would give it.
            let (new, diags) = grc::source::parse("nieuw.gr", &grc::source::write(&mutated));
            if grc::diagnostic::has_errors(&diags) {
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
