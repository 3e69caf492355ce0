//! Published GRs grc was not built on, in `tests/fixtures/real/*.txt`: the text of the
//! national database as `statengeneraal/laws-markdown` holds it, made plain by
//! `tools/laws-markdown-to-txt.py` (the words and lines untouched). Each gets only the
//! minimal metadata block a new user would write, as `../shared/tools/corpus-score.py`
//! gives its texts (titel and citeertitel: the first line), and must read with no error
//! of reading or reference, get exactly the findings its `.txt.verwacht` lists (lines of
//! the `.txt`, each judged there), read back from what the writer writes, and have the
//! structure the text prints.

mod common;

use std::path::{Path, PathBuf};

use common::{article_numbers, expected, found, relative};
use grc::diagnostic::{Diagnostic, Severity, sort};
use grc::tree::walk::{articles, hoofdstukken};
use grc::tree::{Regeling, without_spans};

/// The metadata block of corpus-score.py: the first non-empty line, colons made spaces.
fn with_metadata(text: &str) -> (String, u32) {
    let title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("regeling")
        .trim()
        .replace(':', " ");
    let head = format!("---\ntitel: {title}\nciteertitel: {title}\n---\n");
    let lines = head.lines().count() as u32;
    (head + text, lines)
}

/// The regeling and every diagnostic of parse and check (lines of the `.txt`).
fn load_txt(path: &Path) -> (Regeling, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).unwrap();
    let (source, head) = with_metadata(&text);
    let (r, mut diags) = grc::source::parse(&relative(path), &source);
    diags.extend(grc::check::check_with(&r, grc::check::Options::default()));
    sort(&mut diags);
    for d in &mut diags {
        d.line -= head;
    }
    (r, diags)
}

fn real_texts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    assert_eq!(out.len(), 6, "{out:?}");
    out
}

fn fixture(name: &str) -> Regeling {
    load_txt(&Path::new("tests/fixtures/real").join(name)).0
}

/// The numbers of an article's leden, found by its number (the regeling's own articles,
/// not those of a deelnamebesluit before it).
fn leden(r: &Regeling, article: &str) -> Vec<String> {
    let a = articles(r)
        .into_iter()
        .find(|a| a.number.as_deref() == Some(article))
        .unwrap_or_else(|| panic!("no artikel {article}"));
    a.leden().map(|l| l.number.clone()).collect()
}

fn numbered(n: std::ops::RangeInclusive<u32>) -> Vec<String> {
    n.map(|i| i.to_string()).collect()
}

#[test]
fn each_real_text_reads_without_errors_and_with_exactly_its_findings() {
    for path in real_texts() {
        let (r, diags) = load_txt(&path);
        // No error of reading (P) or of a reference (R): in a published text those are
        // grc's misreadings. The one error left is a true one of the Overijssel text
        // (hoofdstuk XIV twice, S001), which its .verwacht lists.
        let errors: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error && !d.code.starts_with('S'))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", relative(&path));
        assert_eq!(found(&diags), expected(&path), "{}", relative(&path));
        // The writer's round trip holds for the published texts too.
        let written = grc::source::write(&r);
        let (again, _) = grc::source::parse(&relative(&path), &written);
        assert_eq!(
            without_spans(&again),
            without_spans(&r),
            "{}: the written text reads back differently",
            relative(&path)
        );
    }
}

#[test]
fn the_real_texts_have_the_structure_they_print() {
    // A deelnamebesluit of three articles, then the regeling from Artikel 1 again; the
    // Overijssel text numbers hoofdstuk XIV twice and skips XV (S001, S003: the text's).
    let o = fixture("Regeling_Historisch_Centrum_Overijssel_BWBR0011484.txt");
    assert_eq!(o.preceding_decision.as_ref().unwrap().body.len(), 3);
    assert_eq!(article_numbers(&o), numbered(1..=40));
    assert_eq!(hoofdstukken(&o).count(), 16);
    assert_eq!(leden(&o, "2"), numbered(1..=6));

    // No deelnamebesluit; artikel 9 has leden 1, 2 and 3a to 3g (no lid 3: S004), the
    // lid 3e among them.
    let s = fixture("GR_Schadeschap_Luchthaven_Schiphol_BWBR0009989.txt");
    assert!(s.preceding_decision.is_none());
    assert_eq!(article_numbers(&s), numbered(1..=30));
    assert_eq!(
        leden(&s, "9"),
        ["1", "2", "3a", "3b", "3c", "3d", "3e", "3f", "3g"]
    );

    let g = fixture("Regeling_RHC_Groninger_Archieven_BWBR0012374.txt");
    assert!(g.preceding_decision.is_some());
    assert_eq!(article_numbers(&g), numbered(1..=41));
    assert_eq!(leden(&g, "2"), numbered(1..=7));

    // Brabants: leden run together on one line, and leden 4 to 6 of artikel 2 (3 and 4
    // of artikel 6) on the line of the last onderdeel of the lid before them. Limburg:
    // the same with no space after the sentence before a lid ("gemeente.2. Het").
    for name in [
        "Regeling_Brabants_Historisch_Centrum_BWBR0016477.txt",
        "Regeling_RHC_Limburg_BWBR0016929.txt",
    ] {
        let r = fixture(name);
        assert!(r.preceding_decision.is_some(), "{name}");
        assert_eq!(article_numbers(&r), numbered(1..=39), "{name}");
        for (article, last) in [("2", 6), ("4", 10), ("6", 4), ("16", 8)] {
            assert_eq!(leden(&r, article), numbered(1..=last), "{name} {article}");
        }
    }
    let l = fixture("Regeling_RHC_Limburg_BWBR0016929.txt");
    assert_eq!(leden(&l, "29"), numbered(1..=3));

    // A deelnamebesluit alone (the regeling it joins is not in the database): three
    // articles of the besluit itself.
    let m = fixture("Deelneming_Rijk_GR_Midden-Delfland_BWBR0004648.txt");
    assert_eq!(article_numbers(&m), numbered(1..=3));
}
