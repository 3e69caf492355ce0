//! Unit tests of `words.rs`: the byte-wise splitting and tokenising against the standard
//! library's and the slow paths, and the word diff's rules.

use super::*;

#[test]
fn a_text_rewritten_for_the_most_part_is_struck_whole_and_inserted_whole() {
    let old = "De vragen en antwoorden worden ter kennis gebracht van de Gemeentebesturen.";
    let new = "De raden en colleges bepalen de wijze waarop het verstrekken plaatsvindt.";
    assert_eq!(
        diff(old, new, Noise::default()),
        [
            Word {
                op: Op::Delete,
                text: old.to_string()
            },
            Word {
                op: Op::Insert,
                text: new.to_string()
            },
        ]
    );
    // Most words kept: the single changes are marked in place.
    let edited = "De vragen en antwoorden worden ter kennis gebracht van de raden.";
    assert_eq!(
        diff(old, edited, Noise::default())
            .iter()
            .map(|w| w.op)
            .collect::<Vec<_>>(),
        [Op::Equal, Op::Delete, Op::Insert, Op::Equal]
    );
}

/// [`diff`] as it was before the shared-token bound: Myers always.
pub(super) fn diff_by_myers(old: &str, new: &str, noise: Noise) -> Vec<Word> {
    diff_with(old, new, noise, false)
}

#[test]
fn skipping_myers_for_a_rewritten_text_changes_no_diff() {
    // Random texts over small vocabularies (often disjoint, often mostly shared), with
    // punctuation and both noise options, then every pair of lines of the real pair.
    let mut seed: u64 = 17;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let words = [
        "de", "het", "Schap", "SORA", "lid", ",", ".", "(", ")", "raad", "Raad",
    ];
    let mut skipped = 0;
    for _ in 0..3000 {
        let mut text = |len: u64, from: u64| {
            let len = next(len);
            let start = next(from);
            (0..len)
                .map(|_| words[(start + next(4)) as usize % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (old, new) = (text(12, 11), text(12, 11));
        for noise in [
            Noise::default(),
            Noise {
                ignore_case: true,
                ignore_punctuation: true,
            },
        ] {
            let (ka, kb, distinct) = {
                let mut ids: rustc_hash::FxHashMap<String, u32> = Default::default();
                let mut keys = |t: &str| -> Vec<u32> {
                    tokens(t)
                        .into_iter()
                        .map(|t| {
                            let k = key(t, noise).map(|k| k.into_owned()).unwrap_or_default();
                            let next = ids.len() as u32;
                            *ids.entry(k).or_insert(next)
                        })
                        .collect()
                };
                let (ka, kb) = (keys(&old), keys(&new));
                (ka, kb, ids.len())
            };
            skipped += usize::from(rewritten_by_count(&ka, &kb, &mut vec![0; distinct]));
            assert_eq!(
                diff(&old, &new, noise),
                diff_by_myers(&old, &new, noise),
                "{old:?} → {new:?}"
            );
        }
    }
    assert!(skipped > 500, "{skipped}");
    let read = |f: &str| std::fs::read_to_string(f).unwrap();
    let (old, new) = (
        read("regelingen/wnk-2015.gr"),
        read("regelingen/sora-2022.gr"),
    );
    let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    for (i, o) in old.iter().enumerate().step_by(3) {
        for n in new.iter().skip(i % 7).step_by(40) {
            assert_eq!(
                diff(o, n, Noise::default()),
                diff_by_myers(o, n, Noise::default())
            );
        }
    }
}

#[test]
fn split_whitespace_is_the_standard_librarys() {
    // Every kind of whitespace `char::is_whitespace` knows, in and outside ASCII,
    // between words with and without accents, and every line of the real pair.
    let spaces = [
        " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
        "\u{2009}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
    ];
    let words = [
        "", "a", "één", "café,", "„x”", "\u{200b}", "\u{1f}", "Ëë", "(1)",
    ];
    let mut next = random(42);
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..next(8) {
            if next(2) == 0 {
                text.push_str(spaces[next(spaces.len())]);
            } else {
                text.push_str(words[next(words.len())]);
            }
        }
        assert_eq!(
            split_whitespace(&text).collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>(),
            "{text:?}"
        );
    }
    for f in ["regelingen/wnk-2015.gr", "regelingen/sora-2022.gr"] {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(split_whitespace(&text).eq(text.split_whitespace()));
    }
    // Every ASCII byte, alone, inside a word, at its edges and beside a character
    // outside ASCII (the byte table decides each of them).
    for b in 0u8..0x80 {
        let c = char::from(b);
        for text in [
            format!("{c}"),
            format!("ab{c}cd"),
            format!("{c}ab{c}"),
            format!("é{c}ë {c}\u{a0}{c}"),
            format!("\u{3000}{c}{c}\u{85}x"),
        ] {
            assert_eq!(
                split_whitespace(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
    // Every `.gr` file of the repository and the corpus texts, when present.
    let mut files = 0;
    let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))];
    dirs.push("/work/shared/corpus".into());
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() && !matches!(name, "target" | ".git" | "vendor") {
                dirs.push(path);
            } else if name.ends_with(".gr") || name.ends_with(".txt") {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                files += 1;
                assert!(
                    split_whitespace(&text).eq(text.split_whitespace()),
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert!(files > 150, "the repository's texts are read: {files}");
}

#[test]
fn curly_quotes_and_brackets_are_split_off_by_the_fast_path_too() {
    assert_eq!(
        tokens("„de raad” ‘het’ (a) “x” één, café."),
        [
            "„", "de", "raad", "”", "‘", "het", "’", "(", "a", ")", "“", "x", "”", "één", ",",
            "café", "."
        ]
    );
}

#[test]
fn punctuation_is_its_own_token() {
    assert_eq!(
        tokens("artikel 5, eerste lid (oud)."),
        ["artikel", "5", ",", "eerste", "lid", "(", "oud", ")", "."]
    );
    assert_eq!(
        join(&tokens("artikel 5, eerste lid (oud).")),
        "artikel 5, eerste lid (oud)."
    );
}

#[test]
fn a_changed_word_is_one_delete_and_one_insert() {
    let w = diff(
        "Het Schap heeft tot doel, de",
        "SORA heeft tot doel, de",
        Noise::default(),
    );
    assert_eq!(
        w,
        [
            Word {
                op: Op::Delete,
                text: "Het Schap".into()
            },
            Word {
                op: Op::Insert,
                text: "SORA".into()
            },
            Word {
                op: Op::Equal,
                text: "heeft tot doel, de".into()
            },
        ]
    );
}

#[test]
fn whitespace_never_counts_and_noise_options_work() {
    let n = Noise::default();
    assert!(same("a  b\n c", "a b c", n));
    assert!(!same("Algemeen Bestuur", "algemeen bestuur", n));
    assert!(same(
        "Algemeen Bestuur",
        "algemeen bestuur",
        Noise {
            ignore_case: true,
            ..n
        }
    ));
    assert!(!same("a, b", "a b", n));
    assert!(same(
        "a, b",
        "a b",
        Noise {
            ignore_punctuation: true,
            ..n
        }
    ));
}

#[test]
fn similarity_is_shared_tokens() {
    assert_eq!(similarity("a b c d", "a b c d"), 1.0);
    assert_eq!(similarity("a b", "c d"), 0.0);
    assert!((similarity("a b c d", "a b c e") - 0.75).abs() < 1e-9);
}

/// [`tokens`] as it was before the inlined pass: the words of [`split_whitespace`], each
/// split into punctuation and the rest (the reference the fast pass is proven against).
fn tokens_by_split_whitespace(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in split_whitespace(text) {
        let mut rest = word;
        while let Some(c) = rest.chars().next().filter(|c| is_punct(*c)) {
            out.push(&rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
        }
        let mut tail = Vec::new();
        while let Some(c) = rest.chars().next_back().filter(|c| is_punct(*c)) {
            tail.push(&rest[rest.len() - c.len_utf8()..]);
            rest = &rest[..rest.len() - c.len_utf8()];
        }
        if !rest.is_empty() {
            out.push(rest);
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

#[test]
fn tokens_are_the_split_words_tokens() {
    // Constructed texts: every ASCII byte, every whitespace character and punctuation
    // mark, characters outside ASCII of two, three and four bytes, in random runs of
    // random length, so that every kind of byte falls at every place of an eight-byte
    // chunk and at the text's end.
    let pieces: Vec<String> = (0u8..0x80)
        .map(|b| char::from(b).to_string())
        .chain(
            [
                "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2009}", "\u{200a}", "\u{2028}",
                "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{200b}", "‘", "’", "“", "”",
                "„", "é", "ë", "Ë", "€", "😀", "abcdefgh", "artikel", "lid,", "(oud).",
            ]
            .into_iter()
            .map(str::to_string),
        )
        .collect();
    let mut next = random(7);
    let mut compared = 0;
    for _ in 0..50_000 {
        let mut text = String::new();
        for _ in 0..next(24) {
            // Mostly letters, so that words span chunks.
            if next(3) == 0 {
                text.push_str(&pieces[next(pieces.len())]);
            } else {
                text.push(char::from(b'a' + next(26) as u8));
            }
        }
        assert_eq!(tokens(&text), tokens_by_split_whitespace(&text), "{text:?}");
        compared += 1;
    }
    // Every `.gr` and `.txt` file of the repository and the corpus texts (when the
    // machine has them), whole and line by line.
    let files = texts();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        assert!(
            tokens(&text) == tokens_by_split_whitespace(&text),
            "{}",
            path.display()
        );
        for line in text.lines() {
            assert_eq!(tokens(line), tokens_by_split_whitespace(line), "{line:?}");
            compared += 1;
        }
    }
    let files = files.len();
    assert!(files > 150, "the repository's texts are read: {files}");
    assert!(compared > 100_000, "{compared}");
}

/// `same` without noise as it was before the settled prefix: every word of both texts
/// split and compared.
fn same_by_splitting(old: &str, new: &str) -> bool {
    old == new || split_whitespace(old).eq(split_whitespace(new))
}

#[test]
fn same_is_the_comparison_of_every_word() {
    // Random texts over every kind of whitespace and words that share first bytes (two
    // characters outside ASCII with the same lead byte, a word and its extension), each
    // against a copy with one random edit; then every pair of neighbouring lines and
    // every line against its edits in the repository's texts and the corpus.
    let spaces = [
        " ", "  ", "\t", "\n", "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}",
    ];
    let words = [
        "é",
        "è",
        "ë",
        "a",
        "ab",
        "abc",
        "\u{2000}x",
        "\u{2001}x",
        "één",
    ];
    let mut next = random(7);
    let (mut checked, mut equal) = (0usize, 0usize);
    let mut check = |a: &str, b: &str| {
        let want = same_by_splitting(a, b);
        assert_eq!(same(a, b, Noise::default()), want, "{a:?} {b:?}");
        checked += 1;
        equal += usize::from(want);
    };
    for _ in 0..50_000 {
        let mut pieces: Vec<&str> = Vec::new();
        for _ in 0..next(10) {
            let from: &[&str] = if next(2) == 0 { &spaces } else { &words };
            pieces.push(from[next(from.len())]);
        }
        let mut edited = pieces.clone();
        let at = next(edited.len() + 1);
        match next(4) {
            0 => edited.insert(at, spaces[next(spaces.len())]),
            1 => edited.insert(at, words[next(words.len())]),
            2 if at < edited.len() => {
                edited.remove(at);
            }
            _ if at < edited.len() => edited[at] = spaces[next(spaces.len())],
            _ => {}
        }
        let (a, b) = (pieces.concat(), edited.concat());
        check(&a, &b);
        check(&b, &a);
    }
    for f in texts() {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            check(pair[0], pair[1]);
        }
        for line in &lines {
            let cut = line.floor_char_boundary(line.len() / 2);
            check(line, &format!("{}  {}", &line[..cut], &line[cut..]));
            check(line, &format!("{} x{}", &line[..cut], &line[cut..]));
            check(line, &format!("{line} "));
            check(line, &line.replacen(' ', "\u{a0}", 1));
        }
    }
    // Both answers must occur often, or the comparison proves little.
    assert!(
        checked > 200_000 && equal > 50_000 && checked - equal > 50_000,
        "{checked} {equal}"
    );
}

/// Numbers below `n` from a fixed seed (a linear congruential generator), so that the
/// random texts are the same in every run.
pub(super) fn random(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    }
}

/// The texts the tokens and their ids are proven on: every `.gr` and `.txt` file of the
/// repository's texts and fixtures and of the corpus (where a machine has it).
pub(in crate::diff) fn texts() -> Vec<std::path::PathBuf> {
    crate::render::test_files::under(
        &[
            "regelingen",
            "tests/fixtures",
            "fuzz/seeds",
            "/work/shared/corpus",
        ],
        &["gr", "txt"],
    )
}

#[test]
fn shared_ids_give_the_same_diff() {
    // The word diffs of leden and onderdelen take their tokens and ids from the
    // alignment's one table (`align::Tokens::words`), where a token's id is given by its
    // first occurrence anywhere in the sibling texts, not in the two compared. Every line
    // of the repository's texts and the corpus (the first 300 of each file) against its
    // neighbour and against three edits of it, asked in a scrambled order so that the
    // table's ids are unlike those of a table per diff; then random texts over small
    // vocabularies, where Myers has many equal choices.
    use crate::diff::align::{Unit, align_keeping};
    let unit = |text: String| Unit {
        number: None,
        heading: String::new(),
        text,
    };
    let mut next = random(23);
    let (mut checked, mut changed) = (0usize, 0usize);
    let mut check = |old: &[Unit], new: &[Unit], pairs: &[(usize, usize)]| {
        let (_, mut tok) = align_keeping(old, new, 0.5);
        for &(o, n) in pairs {
            let want = diff(&old[o].text, &new[n].text, Noise::default());
            assert_eq!(tok.words(o, n), want, "{:?} {:?}", old[o].text, new[n].text);
            checked += 1;
            changed += usize::from(want.iter().any(|w| w.op != Op::Equal));
        }
    };
    for f in texts() {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let lines: Vec<&str> = text.lines().take(300).collect();
        if lines.len() < 2 {
            continue;
        }
        let old: Vec<Unit> = lines.iter().map(|l| unit(l.to_string())).collect();
        let mut new = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let cut = line.floor_char_boundary(line.len() / 2);
            let rest = line[cut..].split_once(' ').map_or("", |(_, r)| r);
            new.push(unit(lines[(i + 1) % lines.len()].to_string()));
            new.push(unit(format!("{} gewijzigd {}", &line[..cut], &line[cut..])));
            new.push(unit(format!("{} {rest}", &line[..cut])));
            new.push(unit(format!("({line}), ook")));
        }
        let mut pairs: Vec<(usize, usize)> = (0..new.len()).map(|n| (n / 4, n)).collect();
        for i in (1..pairs.len()).rev() {
            pairs.swap(i, next(i + 1));
        }
        check(&old, &new, &pairs);
    }
    let words = ["de", "het", "lid", ",", ".", "(", ")", "raad", "Raad", "x"];
    for _ in 0..20 {
        let mut text = || {
            let (len, from) = (next(40), next(words.len()));
            unit(join(
                &(0..len)
                    .map(|_| words[(from + next(5)) % words.len()])
                    .collect::<Vec<_>>(),
            ))
        };
        let old: Vec<Unit> = (0..50).map(|_| text()).collect();
        let new: Vec<Unit> = (0..50).map(|_| text()).collect();
        let pairs: Vec<(usize, usize)> = (0..2500).map(|_| (next(50), next(50))).collect();
        check(&old, &new, &pairs);
    }
    assert!(checked > 100_000 && changed > 50_000, "{checked} {changed}");
}
