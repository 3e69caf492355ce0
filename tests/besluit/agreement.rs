//! Issue 14, design: the besluit reads the diff's `Comparison`, so the besluit and the
//! wijzigingstabel agree on what changed. Every article the comparison finds changed,
//! inserted, repealed, renumbered or moved is named by an instruction (or lies in a
//! hoofdstuk an instruction replaces, repeals or inserts whole), and every article an
//! instruction names is one the comparison found changed (or stood in such a hoofdstuk).

use std::collections::BTreeSet;

use grc::besluit::generate::{Vorm, generate_with};
use grc::besluit::sentence::{Addr, Sentence, Soort, parse};
use grc::diff::{Kind, Level, Options, compare};
use grc::tree::Regeling;

use super::{fixture_pair, load};

/// The article numbers in a quoted text (`Artikel 20a Commissies`).
fn articles_in(block: &str) -> Vec<String> {
    block
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Artikel "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The articles of hoofdstuk `h` in `r`.
fn articles_of_chapter(r: &Regeling, h: &str) -> Vec<String> {
    grc::tree::walk::hoofdstukken(r)
        .filter(|c| c.number == h)
        .flat_map(|c| grc::tree::walk::articles_in(&c.content))
        .filter_map(|a| a.number.clone())
        .collect()
}

/// (named, covered): the articles the instructions name, and those in a hoofdstuk an
/// instruction handles whole.
fn addressed(
    old: &Regeling,
    new: &Regeling,
    cmp: &grc::diff::Comparison,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let b = generate_with(old, new, cmp, Vorm::Wijziging).unwrap();
    let (mut named, mut covered) = (BTreeSet::new(), BTreeSet::new());
    for o in &b.onderdelen {
        let intro = o.intro.as_deref().map(|i| match parse(i) {
            Ok(Sentence::Intro(a)) => a,
            other => panic!("{i}: {other:?}"),
        });
        if let Some(n) = intro.as_ref().and_then(|a| a.artikel.clone()) {
            named.insert(n);
        }
        for i in &o.instructions {
            let s = parse(&i.sentence).unwrap();
            let block = i.block.as_deref().unwrap_or_default();
            let mut name = |a: &Addr| {
                if let Some(n) = &a.artikel {
                    named.insert(n.clone());
                } else if let Some(h) = &a.hoofdstuk
                    && a.special.is_none()
                {
                    covered.extend(articles_of_chapter(old, h));
                    covered.extend(articles_of_chapter(new, h));
                }
            };
            match &s {
                Sentence::ReplaceEveryIn { artikelen, .. } => {
                    named.extend(artikelen.iter().cloned())
                }
                Sentence::Renumber { at, to } => {
                    name(at);
                    named.insert(to.clone());
                }
                // The place of an insertion is not changed; what is inserted is.
                Sentence::Insert { at, what, .. } | Sentence::Append { to: at, what } => match what
                {
                    Soort::Hoofdstuk => covered.extend(articles_in(block)),
                    Soort::Artikel => named.extend(articles_in(block)),
                    // A lid or onderdeel inserted in an article.
                    _ => name(at),
                },
                Sentence::Whole(at) | Sentence::Heading(at)
                    if at.hoofdstuk.is_some() && at.artikel.is_none() =>
                {
                    name(at);
                    if matches!(s, Sentence::Heading(_)) {
                        // The heading of a hoofdstuk: no article in it changes by it.
                        continue;
                    }
                }
                Sentence::Intro(a)
                | Sentence::Replace { at: a, .. }
                | Sentence::Edits { at: a, .. }
                | Sentence::ReplaceEvery { at: a, .. }
                | Sentence::Whole(a)
                | Sentence::Heading(a)
                | Sentence::Repeal { at: a, .. }
                | Sentence::RepealRun { at: a, .. } => name(a),
                Sentence::InsertShifting { within, .. } => {
                    if let Some(a) = within {
                        name(a)
                    }
                }
                Sentence::AppendLeden { to, .. } => name(to),
            }
        }
    }
    (named, covered)
}

/// The articles the comparison finds changed, by their numbers in either version.
fn changed(cmp: &grc::diff::Comparison) -> BTreeSet<String> {
    cmp.changes
        .iter()
        .filter(|c| c.level == Level::Article && c.kind != Kind::Unchanged)
        .flat_map(|c| c.old_number.iter().chain(&c.new_number).cloned())
        .collect()
}

fn agree(old: &Regeling, new: &Regeling, options: &Options, what: &str) {
    let cmp = compare(old, new, options);
    let (named, covered) = addressed(old, new, &cmp);
    let changed = changed(&cmp);
    let missed: Vec<&String> = changed
        .iter()
        .filter(|n| !named.contains(*n) && !covered.contains(*n))
        .collect();
    assert!(
        missed.is_empty(),
        "{what}: changed in the comparison, not in the besluit: {missed:?}"
    );
    // An article the comparison finds unchanged may still be named when its hoofdstuk
    // went (the tabel shows that hoofdstuk repealed): the besluit puts it back in the
    // hoofdstuk it now stands in.
    let extra: Vec<&String> = named
        .iter()
        .filter(|n| !changed.contains(*n) && !covered.contains(*n))
        .collect();
    assert!(
        extra.is_empty(),
        "{what}: named by the besluit, unchanged in the comparison: {extra:?}"
    );
}

#[test]
fn the_besluit_and_the_tabel_agree_on_what_changed() {
    agree(
        &load("regelingen/wnk-2015.gr"),
        &load("regelingen/sora-2022.gr"),
        &Options::default(),
        "WNK 2015 → SORA 2022",
    );
    agree(
        &load("regelingen/sora-2022.gr"),
        &load("regelingen/wnk-2015.gr"),
        &Options::default(),
        "SORA 2022 → WNK 2015",
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/besluit");
    let mut pairs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let (old, new) = fixture_pair(&name);
        agree(&old, &new, &Options::default(), &name);
        pairs += 1;
    }
    assert!(pairs >= 20, "{pairs}");
}

/// One threshold: under any `--drempel`, the besluit pairs articles, leden and
/// onderdelen as that comparison does (it used to align leden again at a fixed 0.5).
#[test]
fn the_besluit_follows_the_comparisons_threshold() {
    let (wnk, sora) = (
        load("regelingen/wnk-2015.gr"),
        load("regelingen/sora-2022.gr"),
    );
    for threshold in [0.3, 0.9] {
        let options = Options {
            threshold,
            ..Options::default()
        };
        agree(&wnk, &sora, &options, &format!("drempel {threshold}"));
    }
}

/// Issue 14, design: the wijzigingstabel follows the besluit's units. An article the
/// comparison finds rewritten (opschrift and every lid changed) is one row with its
/// leden inside, as the besluit replaces it whole; an article with targeted changes has
/// a row per changed lid; a toelichting written for the article is shown once.
#[test]
fn the_tabel_follows_the_besluits_units() {
    let (old, new) = fixture_pair("komt-te-luiden");
    let cmp = compare(&old, &new, &Options::default());
    let t = grc::diff::toelichting::parse(
        "toelichting.toml",
        "chp_1__art_1 = \"Nieuwe samenstelling.\"\nchp_1__art_2 = \"Werkwijze bijgewerkt.\"\n",
    )
    .unwrap();
    let rows = grc::render::wijzigingen::rows(&cmp, Some(&t));
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Artikel 1",
            "Artikel 2, eerste lid",
            "Artikel 2, derde lid",
            "Artikel 2, zesde lid"
        ],
        "{rows:#?}"
    );
    let text = |pieces: &[grc::render::wijzigingen::Piece]| -> String {
        pieces
            .iter()
            .map(|p| {
                let before = match (p.para, p.space) {
                    (true, _) => "\n",
                    (false, true) => " ",
                    _ => "",
                };
                format!("{before}{}", p.text)
            })
            .collect()
    };
    // The opschrift and each lid a paragraph of the cell.
    assert_eq!(
        text(&rows[0].new),
        "Samenstelling en benoeming\n1. Het algemeen bestuur telt zeven leden.\n2. Elke gemeente wijst ten minste één lid aan."
    );
    let shown: Vec<Option<&str>> = rows.iter().map(|r| r.toelichting.as_deref()).collect();
    assert_eq!(
        shown,
        [
            Some("Nieuwe samenstelling."),
            Some("Werkwijze bijgewerkt."),
            None,
            None
        ]
    );
    // The besluit makes the same decision: artikel 1 whole, artikel 2 by its leden.
    let b = generate_with(&old, &new, &cmp, Vorm::Wijziging).unwrap();
    let sentences: Vec<&str> = b
        .onderdelen
        .iter()
        .flat_map(|o| o.instructions.iter().map(|i| i.sentence.as_str()))
        .collect();
    assert_eq!(sentences[0], "Artikel 1 komt te luiden:");
    assert_eq!(sentences.len(), 4, "{sentences:#?}");
}
