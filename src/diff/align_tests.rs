//! Unit tests of `align.rs`.

use super::*;

fn unit(number: &str, text: &str) -> Unit {
    Unit {
        number: Some(number.into()),
        heading: String::new(),
        text: text.into(),
    }
}

fn pairs(steps: &[Step]) -> Vec<(Option<usize>, Option<usize>, bool)> {
    steps.iter().map(|s| (s.old, s.new, s.moved)).collect()
}

#[test]
fn token_ids_give_the_same_similarity_as_the_texts() {
    // Every article, lid and onderdeel of the real pair against every one of the
    // other version, and the empty text.
    let read = |f: &str| crate::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
    let (old, new) = (
        read("regelingen/wnk-2015.gr"),
        read("regelingen/sora-2022.gr"),
    );
    let units = |r: &crate::tree::Regeling| {
        let mut out = vec![unit("0", "")];
        for a in crate::tree::walk::articles(r) {
            out.push(crate::diff::article_unit(a));
            for l in a.leden() {
                out.push(crate::diff::lid_unit(l));
                for i in crate::tree::walk::list_items(&l.content) {
                    out.push(crate::diff::item_unit(i));
                }
            }
        }
        out
    };
    let (a, b) = (units(&old), units(&new));
    let mut tok = Tokens::new(&a, &b, false);
    let mut compared = 0;
    for (o, unit) in a.iter().enumerate() {
        for n in (o % 3..b.len()).step_by(3) {
            let expected = crate::diff::words::similarity(&unit.text, &b[n].text);
            assert_eq!(tok.similarity(o, n), expected, "{o} {n}");
            compared += 1;
        }
    }
    assert!(compared > 10_000, "{compared}");
}

#[test]
fn lis() {
    assert_eq!(longest_increasing(&[3, 1, 2, 5, 4]), vec![1, 2, 4]);
    assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
}

#[test]
fn insert_delete_and_renumber() {
    let old = [
        unit("1", "de eerste bepaling over het bestuur"),
        unit("2", "de tweede bepaling over de begroting"),
        unit("3", "een bepaling die vervalt geheel"),
    ];
    let new = [
        unit("1", "de eerste bepaling over het bestuur"),
        unit("2", "archieven worden bewaard door de secretaris"),
        unit("3", "de tweede bepaling over de begroting"),
    ];
    let steps = align(&old, &new, 0.5);
    assert_eq!(
        pairs(&steps),
        [
            (Some(0), Some(0), false),
            (None, Some(1), false),
            (Some(1), Some(2), false),
            (Some(2), None, false),
        ]
    );
}

#[test]
fn a_moved_element_is_found_by_its_content() {
    let old = [
        unit("1", "alpha beta gamma delta"),
        unit("2", "epsilon zeta theta iota"),
        unit("3", "kappa lambda omicron sigma"),
    ];
    let new = [
        unit("1", "kappa lambda omicron sigma"),
        unit("2", "alpha beta gamma delta"),
        unit("3", "epsilon zeta theta iota"),
    ];
    let steps = align(&old, &new, 0.5);
    assert_eq!(
        pairs(&steps),
        [
            (Some(2), Some(0), true),
            (Some(0), Some(1), false),
            (Some(1), Some(2), false),
        ]
    );
}

/// The candidates as the alignment found them before it read them from the token ids:
/// every text cut and lowercased again.
fn candidates_by_text(
    old: &[Unit],
    new: &[Unit],
    rest_new: &[usize],
    rest_old: &[usize],
) -> Vec<FxHashSet<usize>> {
    let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for &n in rest_new {
        let words: FxHashSet<String> = tokens(&new[n].text)
            .into_iter()
            .filter(|t| t.chars().count() > 3)
            .map(str::to_lowercase)
            .collect();
        for w in words {
            index.entry(w).or_default().push(n);
        }
    }
    rest_old
        .iter()
        .map(|&o| {
            let mut candidates: FxHashSet<usize> = FxHashSet::default();
            for t in tokens(&old[o].text) {
                if t.chars().count() <= 3 {
                    continue;
                }
                if let Some(list) = index.get(&t.to_lowercase())
                    && list.len() <= COMMON_WORD
                {
                    candidates.extend(list);
                }
            }
            candidates
        })
        .collect()
}

#[test]
fn candidates_by_token_ids_are_those_by_text() {
    // Each text of the repository and the corpus: its lines (the first 400) against
    // the next file's, the rest being every other line or all of them, the table empty
    // or already holding some units' tokens, kept or not; and the real pair's articles,
    // leden and onderdelen (with `Raad` and `raad`, words of three characters and
    // fewer, common words in more than eight units).
    let mut next = {
        let mut seed = 5u64;
        move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        }
    };
    let files = crate::diff::words::tests::texts();
    let lines = |f: &std::path::PathBuf| -> Vec<Unit> {
        std::fs::read_to_string(f)
            .unwrap_or_default()
            .lines()
            .take(400)
            .map(|l| unit("1", l))
            .collect()
    };
    let (mut compared, mut found) = (0usize, 0usize);
    let mut check = |old: &[Unit], new: &[Unit], next: &mut dyn FnMut(usize) -> usize| {
        let step = 1 + next(2);
        let rest_old: Vec<usize> = (next(2)..old.len()).step_by(step).collect();
        let rest_new: Vec<usize> = (next(2)..new.len()).step_by(step).collect();
        let want = candidates_by_text(old, new, &rest_new, &rest_old);
        let mut tok = Tokens::new(old, new, next(2) == 0);
        for _ in 0..next(4) * old.len().min(new.len()) / 4 {
            tok.pair(next(old.len()), next(new.len()));
        }
        let got = candidates(&mut tok, &rest_new, &rest_old);
        assert_eq!(got, want);
        compared += got.len();
        found += got.iter().map(FxHashSet::len).sum::<usize>();
    };
    for pair in files.windows(2) {
        let (old, new) = (lines(&pair[0]), lines(&pair[1]));
        if old.is_empty() || new.is_empty() {
            continue;
        }
        check(&old, &new, &mut next);
    }
    let read = |f: &str| crate::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
    let units = |r: &crate::tree::Regeling| {
        let mut out = Vec::new();
        for a in crate::tree::walk::articles(r) {
            out.push(crate::diff::article_unit(a));
            for l in a.leden() {
                out.push(crate::diff::lid_unit(l));
            }
        }
        out
    };
    let (old, new) = (
        units(&read("regelingen/wnk-2015.gr")),
        units(&read("regelingen/sora-2022.gr")),
    );
    for _ in 0..4 {
        check(&old, &new, &mut next);
    }
    assert!(compared > 20_000 && found > 20_000, "{compared} {found}");
}
