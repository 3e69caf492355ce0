//! Property test (proptest): any byte string through decode, parse, every check and both
//! reports gives no panic, and every diagnostic lies inside the file: a line that exists
//! (lines as grc counts them: split at LF, CRLF or a lone CR, so a text ending in a line
//! feed has an empty last line) and a column within that line (1 up to one past its last
//! character, where a finding at the end of a line points).

use proptest::prelude::*;

/// The lines of the text as grc numbers them.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (text, decode_diag) = grc::source::decode("p.gr", bytes);
    let (tree, mut diags) = grc::source::parse("p.gr", &text);
    diags.extend(decode_diag);
    diags.extend(grc::check::check(&tree));
    let lines = lines(&text);
    for d in &diags {
        prop_assert!(
            d.line >= 1 && d.line as usize <= lines.len(),
            "{} at line {} of {}: {:?}",
            d.code,
            d.line,
            lines.len(),
            text
        );
        let line = lines[d.line as usize - 1];
        prop_assert!(
            d.column >= 1 && d.column as usize <= line.chars().count() + 1,
            "{} at {}:{} but the line has {} characters: {:?}",
            d.code,
            d.line,
            d.column,
            line.chars().count(),
            text
        );
    }
    let mut sources = grc::report::Sources::default();
    sources.add("p.gr", &text);
    let _ = grc::report::human(&diags, &sources, false);
    let _ = grc::report::json(&diags);
    Ok(())
}

/// Bytes drawn mostly from what the format is made of, so the parser's paths are reached.
fn gr_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"Artikel 1 Naam\n".to_vec()),
        Just(b"Artikel 2\n".to_vec()),
        Just(b"Hoofdstuk 1 Algemeen\n".to_vec()),
        Just(b"1. Het bestuur beslist.\n".to_vec()),
        Just(b"2. Zie artikel 1, eerste lid.\n".to_vec()),
        Just(b"   a. de begroting;\n".to_vec()),
        Just(b"      1\xc2\xb0 de jaarrekening;\n".to_vec()),
        Just(b"   b. bestuur: het algemeen bestuur;\n".to_vec()),
        Just(b"---\ntitel: T\n".to_vec()),
        Just(b"---\n".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"co\xc3\xb6rdinatie ide\xc3\xabel ".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"Bijlage 1\n".to_vec()),
        Just(b"Toelichting\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_bytes_give_located_diagnostics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn any_gr_like_bytes_give_located_diagnostics(bytes in gr_bytes()) {
        check_bytes(&bytes)?;
    }
}

// ---------------------------------------------------------------------------------------
// The wijzigingsbesluit round trip: apply(besluit(old, new), old) == new, for random
// regelingen and random edits that include the two forms a drafter writes as one
// instruction: a term replaced throughout (a sweep, "telkens", in one article or in
// several) and consecutive leden repealed without renumbering (a range, "Het derde tot
// en met vijfde lid vervallen.").

/// A small regeling: per article its leden, each lid a (number, text) pair.
type Articles = Vec<Vec<(u32, String)>>;

/// One edit of the old regeling.
#[derive(Debug, Clone)]
enum Edit {
    /// `het Schap` becomes `SORA` in every lid of the regeling (a sweep across articles).
    Sweep,
    /// `het Schap` becomes `SORA` in every lid of one article (a sweep in one article).
    SweepIn(usize),
    /// `len` consecutive leden of an article repealed from `start`, no renumbering.
    Range {
        article: usize,
        start: usize,
        len: usize,
    },
    /// One lid repealed, the leden after it renumbered.
    RepealRenumber { article: usize, lid: usize },
    /// One word replaced in one lid.
    Word { article: usize, lid: usize },
    /// Two changes far apart in one lid (a word replaced, a word inserted), which the
    /// besluit joins in one sentence ("... vervangen door ... en wordt na ... ingevoegd
    /// ..."); only a lid of the longer kind has both words.
    TwoInOne { article: usize, lid: usize },
}

fn lid_text(a: usize, l: usize, kind: u8) -> String {
    match kind {
        0 => format!("Het bestuur van het Schap regelt zaak {a}.{l}."),
        1 => {
            format!("De directeur van het Schap beslist over zaak {a}.{l} en meldt het Schap dat.")
        }
        _ => format!("De deelnemers regelen zaak {a}.{l} samen."),
    }
}

fn regeling_strategy() -> impl Strategy<Value = Articles> {
    proptest::collection::vec(proptest::collection::vec(0u8..3, 1..7), 2..7).prop_map(|arts| {
        arts.iter()
            .enumerate()
            .map(|(a, kinds)| {
                kinds
                    .iter()
                    .enumerate()
                    .map(|(l, k)| (l as u32 + 1, lid_text(a + 1, l + 1, *k)))
                    .collect()
            })
            .collect()
    })
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Sweep),
        (0usize..8).prop_map(Edit::SweepIn),
        (0usize..8, 0usize..6, 2usize..4).prop_map(|(article, start, len)| Edit::Range {
            article,
            start,
            len
        }),
        (0usize..8, 0usize..6).prop_map(|(article, lid)| Edit::RepealRenumber { article, lid }),
        (0usize..8, 0usize..6).prop_map(|(article, lid)| Edit::Word { article, lid }),
        (0usize..8, 0usize..6).prop_map(|(article, lid)| Edit::TwoInOne { article, lid }),
    ]
}

fn apply_edit(arts: &mut Articles, e: &Edit) {
    let n = arts.len();
    match *e {
        Edit::Sweep => arts
            .iter_mut()
            .flatten()
            .for_each(|(_, t)| *t = t.replace("het Schap", "SORA")),
        Edit::SweepIn(a) => arts[a % n]
            .iter_mut()
            .for_each(|(_, t)| *t = t.replace("het Schap", "SORA")),
        Edit::Range {
            article,
            start,
            len,
        } => {
            let leden = &mut arts[article % n];
            // At least one lid stays: an article without leden is another shape.
            if leden.len() > len {
                let start = start % (leden.len() - len + 1);
                leden.drain(start..start + len);
            }
        }
        Edit::RepealRenumber { article, lid } => {
            let leden = &mut arts[article % n];
            if leden.len() > 1 {
                leden.remove(lid % leden.len());
                for (k, l) in leden.iter_mut().enumerate() {
                    l.0 = k as u32 + 1;
                }
            }
        }
        Edit::Word { article, lid } => {
            let leden = &mut arts[article % n];
            let k = lid % leden.len();
            leden[k].1 = leden[k].1.replacen("zaak", "kwestie", 1);
        }
        Edit::TwoInOne { article, lid } => {
            let leden = &mut arts[article % n];
            let k = lid % leden.len();
            leden[k].1 = leden[k].1.replacen("directeur", "secretaris", 1).replacen(
                "meldt",
                "meldt direct",
                1,
            );
        }
    }
}

fn source(arts: &Articles) -> String {
    let mut s = String::from("Regeling proef\n\n");
    for (a, leden) in arts.iter().enumerate() {
        s.push_str(&format!("Artikel {} Bepaling {}\n", a + 1, a + 1));
        for (n, t) in leden {
            s.push_str(&format!("{n}. {t}\n"));
        }
        s.push('\n');
    }
    s
}

/// The round trip of one case; returns the besluit text (`None` when nothing changed).
fn besluit_round_trip(arts: &Articles, edits: &[Edit]) -> Result<Option<String>, TestCaseError> {
    let mut new_arts = arts.clone();
    for e in edits {
        apply_edit(&mut new_arts, e);
    }
    let (old, d1) = grc::source::parse("oud.gr", &source(arts));
    let (new, d2) = grc::source::parse("nieuw.gr", &source(&new_arts));
    prop_assert!(!grc::diagnostic::has_errors(&d1) && !grc::diagnostic::has_errors(&d2));
    let b = match grc::besluit::generate::generate(&old, &new, &grc::diff::Options::default()) {
        Ok(b) => b,
        Err(grc::besluit::generate::Refusal::Identical { .. }) => return Ok(None),
        Err(e) => return Err(TestCaseError::fail(format!("{e}\n{}", source(&new_arts)))),
    };
    let txt = grc::besluit::render(&grc::render::environment(), &b, "txt")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (read, diags) = grc::besluit::text::read("besluit.txt", &txt);
    prop_assert!(diags.is_empty(), "{:?}\n{}", diags, txt);
    let applied = grc::besluit::apply::apply(&old, &read, "besluit.txt")
        .map_err(|d| TestCaseError::fail(format!("{d:?}\n{txt}")))?;
    prop_assert_eq!(
        grc::source::write(&applied),
        grc::source::write(&new),
        "{}",
        txt
    );
    Ok(Some(txt))
}

/// 256 random regelingen, each with one to four edits; the round trip holds for every
/// one, and the sweeps and ranges the edits make are written as such (counted, so the
/// property is known to cover them, not only the single replacements).
#[test]
fn besluit_round_trips_with_sweeps_and_ranges() {
    use std::cell::Cell;
    let (cases, across, within, ranges) = (Cell::new(0), Cell::new(0), Cell::new(0), Cell::new(0));
    let joined = Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(256));
    let strategy = (
        regeling_strategy(),
        proptest::collection::vec(edit_strategy(), 1..5),
    );
    runner
        .run(&strategy, |(arts, edits)| {
            if let Some(txt) = besluit_round_trip(&arts, &edits)? {
                cases.set(cases.get() + 1);
                let lines = || txt.lines();
                if lines().any(|l| l.starts_with("In de artikelen ") && l.contains(" telkens ")) {
                    across.set(across.get() + 1);
                }
                if lines().any(|l| l.contains("In artikel ") && l.contains(" telkens ")) {
                    within.set(within.get() + 1);
                }
                if lines().any(|l| l.ends_with(" vervallen.")) {
                    ranges.set(ranges.get() + 1);
                }
                if lines().any(|l| l.contains("\" en wordt ")) {
                    joined.set(joined.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap();
    let (cases, across, within, ranges) = (cases.get(), across.get(), within.get(), ranges.get());
    let joined = joined.get();
    println!(
        "{cases} cases: {across} sweeps across articles, {within} within one, {ranges} ranges, \
         {joined} with changes joined in one sentence"
    );
    assert!(
        joined >= 5,
        "{joined} of {cases} besluiten joined two changes of one lid"
    );
    assert!(cases >= 200, "only {cases} cases changed the regeling");
    assert!(
        across >= 20,
        "{across} of {cases} besluiten swept across articles"
    );
    assert!(
        within >= 5,
        "{within} of {cases} besluiten swept within an article"
    );
    assert!(
        ranges >= 20,
        "{ranges} of {cases} besluiten merged repeals into a range"
    );
}
