use super::*;

/// Regression: multi-byte letters made the term check panic (issue 12, 13).
#[test]
fn lower_case_keeps_byte_offsets() {
    for text in ["Ideëel Fonds", "CLIËNT", "İlçe en ẞ", "Straße"] {
        let lower = lower_in_place(text);
        assert_eq!(lower.len(), text.len(), "{text}");
        assert!(text.char_indices().all(|(i, _)| lower.is_char_boundary(i)));
    }
    assert_eq!(lower_in_place("CLIËNT"), "cliënt");
    assert_eq!(first_chars("cliënt", 4), "clië");
    assert_eq!(first_chars("ab", 4), "ab");
}

/// A text needs its own lower-case copy only when lowering changes more than ASCII
/// capitals; then the copy differs from folding ASCII case, otherwise it equals it.
#[test]
fn lowering_is_needed_only_for_other_capitals() {
    for (text, needed) in [
        ("Het Algemeen Bestuur", false),
        ("de cliënt", false),
        ("CLIËNT", true),
        ("İlçe", false),
        ("ẞ", false),
        ("Ärzte", true),
    ] {
        assert_eq!(needs_lowering(text), needed, "{text}");
        assert_eq!(
            lower_in_place(text) != text.to_ascii_lowercase(),
            needed,
            "{text}"
        );
    }
}

#[test]
fn names_that_begin_with_a_term() {
    let text = "de Wet luchtvaart en de Wet is van toepassing";
    assert!(begins_a_name(text, 3, 3), "an act of the table");
    assert!(!begins_a_name(text, 26, 3), "\"Wet is\": no name");
    let text = "het Waterschap Groot-Haarlemmermeer";
    assert!(begins_a_name(text, 4, 10), "a capitalised next word");
    assert!(!begins_a_name("het Waterschap.", 4, 10));
}

#[test]
fn whole_words_only() {
    assert_eq!(
        occurrences("het bestuur en het dagelijks bestuur", "bestuur"),
        vec![4, 29]
    );
    assert!(occurrences("bestuurder", "bestuur").is_empty());
}

#[test]
fn sentence_starts() {
    assert!(sentence_start("Het bestuur", 0));
    assert!(sentence_start("Klaar. Het bestuur", 7));
    assert!(!sentence_start("door het Bestuur", 9));
}

#[test]
fn headings_are_short_title_case_lines_without_closing_punctuation() {
    assert!(heading_like("Relatie Algemeen Bestuur – Colleges en Raden"));
    assert!(!heading_like(
        "Relatie Algemeen Bestuur – Colleges en Raden."
    ));
    assert!(!heading_like("het bestuur stelt de begroting vast"));
    // Ten words may be a heading, eleven are a sentence.
    let ten = "Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj";
    assert!(heading_like(ten));
    assert!(!heading_like(&format!("{ten} Kk")));
}
