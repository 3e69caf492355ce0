//! Speed of the wijzigingsbesluit on many articles (issue 13: both were quadratic).
//! Run: `cargo bench --bench besluit`.
//!
//! - `apply_replacements`: `grc apply` without the I/O: read a besluit of 10 000
//!   instructions ("In artikel k wordt ... vervangen door ...") and apply it to a
//!   regeling of 100 000 articles. Was 13.7 s (a walk over every article per
//!   instruction); now one index by number.
//! - `generate_changed`: `grc diff --format besluit` without the I/O on 32 000 articles
//!   that each changed a word (generate, which applies the besluit to check it, and
//!   render the text). Was 13.6 s.
//! - `generate_renumbered`: the same with an article inserted at the front, so every
//!   article is renumbered (the order of the renumberings was found by a quadratic search).
//! - `generate_chapters`: 4 000 hoofdstukken, in each one article repealed and one
//!   inserted (each repeal was moved by scanning every earlier instruction: issue 17).

use divan::{Bencher, black_box};
use grc::tree::Regeling;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// `n` articles; article k says `word` (articles from `first` on).
fn regeling(n: usize, word: &str, insert_first: bool) -> Regeling {
    let mut text = String::from("Regeling veel artikelen\n\n");
    let offset = usize::from(insert_first);
    if insert_first {
        text.push_str("Artikel 1 Nieuw\nEen nieuw eerste artikel.\n\n");
    }
    for k in 1..=n {
        let number = k + offset;
        text.push_str(&format!(
            "Artikel {number} Bepaling {k}\nHet bestuur besluit over zaak {k} {word}.\n\n"
        ));
    }
    grc::source::parse("r.gr", &text).0
}

#[divan::bench(sample_count = 3)]
fn apply_replacements(bencher: Bencher) {
    let old = regeling(100_000, "spoedig", false);
    let mut besluit = String::from("ARTIKEL I\n\n");
    for i in 0..10_000 {
        let k = i * 10 + 1;
        besluit.push_str(&format!(
            "{}\n\nIn artikel {k} wordt \"zaak {k} spoedig\" vervangen door \"zaak {k} zorgvuldig\".\n\n",
            grc::besluit::letter(i)
        ));
    }
    bencher.bench(|| {
        let (text, diags) = grc::besluit::text::read("besluit.txt", black_box(&besluit));
        assert!(diags.is_empty());
        let r = grc::besluit::apply::apply(&old, &text, "besluit.txt").unwrap();
        r.body.len()
    });
}

fn generate(old: &Regeling, new: &Regeling) -> usize {
    let env = grc::render::environment();
    let b = grc::besluit::generate::generate(old, new, &grc::diff::Options::default())
        .expect("the pair round-trips");
    grc::besluit::render(&env, &b, "txt").unwrap().len()
}

#[divan::bench(sample_count = 3)]
fn generate_changed(bencher: Bencher) {
    let old = regeling(32_000, "spoedig", false);
    let new = regeling(32_000, "zorgvuldig", false);
    bencher.bench(|| generate(black_box(&old), black_box(&new)));
}

#[divan::bench(sample_count = 3)]
fn generate_renumbered(bencher: Bencher) {
    let old = regeling(32_000, "spoedig", false);
    let new = regeling(32_000, "spoedig", true);
    bencher.bench(|| generate(black_box(&old), black_box(&new)));
}

/// `n` hoofdstukken of three articles; `changed`: in each, the first article repealed and
/// an article `<last>a` inserted after the last.
fn chapters(n: usize, changed: bool) -> Regeling {
    let mut text = String::from("Regeling veel hoofdstukken\n\n");
    for k in 1..=n {
        text.push_str(&format!("Hoofdstuk {k} Deel {k}\n\n"));
        for a in 3 * k - 2..=3 * k {
            if changed && a == 3 * k - 2 {
                continue;
            }
            text.push_str(&format!(
                "Artikel {a} Bepaling {a}\nHet bestuur besluit over zaak {a}.\n\n"
            ));
        }
        if changed {
            let a = 3 * k;
            text.push_str(&format!(
                "Artikel {a}a Nieuw {a}\nHet bestuur besluit ook over zaak {a}a.\n\n"
            ));
        }
    }
    grc::source::parse("r.gr", &text).0
}

#[divan::bench(args = [2_000, 4_000], sample_count = 3)]
fn generate_chapters(bencher: Bencher, n: usize) {
    let old = chapters(n, false);
    let new = chapters(n, true);
    bencher.bench(|| generate(black_box(&old), black_box(&new)));
}
