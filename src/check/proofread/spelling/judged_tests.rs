//! `judged` gathers what it asks of a word's characters in one pass (issue 17); these
//! tests hold it to the tests it replaced, run one by one as they were written before.

use super::{after_sentence, judged, roman, words_into};

/// `judged` as it was before the one pass: each test over the word's characters on its
/// own (the address tests after them are unchanged, and kept here as they were).
fn judged_one_test_at_a_time(text: &str, s: usize, e: usize) -> bool {
    let word = &text[s..e];
    if word.chars().count() < 3 || word.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.any(char::is_uppercase) {
        return false;
    }
    if first.is_uppercase() && !after_sentence(text, s) {
        return false;
    }
    if text[e..].starts_with('.') && word.chars().count() <= 6 {
        return false;
    }
    if roman(word) {
        return false;
    }
    if text[e..].starts_with('-') && !text[e + 1..].starts_with(char::is_alphanumeric) {
        return false;
    }
    if !word
        .chars()
        .any(|c| "aeiouyáéíóúàèëïöüâêîôû".contains(c.to_lowercase().next().unwrap_or(c)))
    {
        return false;
    }
    let token_start = text[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[e..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| e + i);
    let token = &text[token_start..token_end];
    if token.contains(['@', '/', '\\', '_']) || token.contains("www.") {
        return false;
    }
    if text[e..].starts_with('.') && text[e + 1..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    true
}

/// Every word of every line of `text`, judged both ways, and with `spans` every short
/// piece of its short lines too. Returns how many words were compared and how many of
/// them are judged.
fn compare(name: &str, text: &str, spans: bool, buf: &mut Vec<(usize, usize)>) -> (usize, usize) {
    let (mut words, mut yes) = (0, 0);
    for line in text.lines() {
        words_into(line, buf);
        for &(s, e) in buf.iter() {
            let new = judged(line, s, e);
            assert_eq!(
                new,
                judged_one_test_at_a_time(line, s, e),
                "{name}: {:?} in {line:?}",
                &line[s..e]
            );
            words += 1;
            yes += usize::from(new);
        }
        // Every span the words' boundaries allow, not only the words: pieces that start
        // or end inside a word, with digits, capitals and accents in odd places.
        if spans && line.len() < 200 {
            let bounds: Vec<usize> = (0..=line.len())
                .filter(|&i| line.is_char_boundary(i))
                .collect();
            for (k, &s) in bounds.iter().enumerate() {
                for &e in bounds[k..].iter().take(12) {
                    assert_eq!(
                        judged(line, s, e),
                        judged_one_test_at_a_time(line, s, e),
                        "{name}: {:?} in {line:?}",
                        &line[s..e]
                    );
                }
            }
        }
    }
    (words, yes)
}

#[test]
fn judged_in_one_pass_is_judged_one_test_at_a_time() {
    let mut buf = Vec::new();
    let files = crate::render::test_files::under(
        &[
            "regelingen",
            "tests/fixtures",
            "/work/shared/corpus",
            "/work/shared/real-grs",
        ],
        &["gr", "txt"],
    );
    let (mut words, mut yes, mut texts) = (0, 0, 0);
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        // Every piece of the repository's texts; the words alone of the corpus (4.9 MB).
        let spans = !f.starts_with("/work");
        let (w, y) = compare(&f.to_string_lossy(), &text, spans, &mut buf);
        (words, yes, texts) = (words + w, yes + y, texts + 1);
    }
    // Constructed: numerals in either case, accents and capitals that are no ASCII
    // letters, digits that are no ASCII digits, abbreviations, addresses, hyphens.
    let constructed = "xiv XIV Xiv xIv mcm Mcm dil mild civil iiii ii. De ĲSSEL Ĳssel ĳssel \
        Straße STRAßE İstanbul ÿpsilon Éénmaal ééNmaal één àla ÀLA caféé coöperatie \
        bijz. anorg. etc. verordening. Deze vastgesteld. Deze art. Twee 5. De \
        www.sora.nl info@sora.nl https://example.org/pad a_b sora.nl m.u.v. \
        persoons- en gezinsgegevens oud-voorzitter x² ½jaar ٣٤٥ abc١ mnd fpt blz \
        tĳd rĳksoverheid Ωmega ωmega ΑΒΓ straat\u{a0}Deze\u{a0}woord vast.\u{a0}Deze";
    let (w, y) = compare("constructed", constructed, true, &mut buf);
    (words, yes) = (words + w, yes + y);
    // The repository alone has over 200 texts and 70 000 words (the corpus is not in
    // every checkout).
    assert!(texts > 200, "{texts} texts");
    assert!(
        words > 70_000 && yes > 30_000,
        "{words} words, {yes} judged"
    );
}
