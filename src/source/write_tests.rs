//! Tests of the writer: what it writes reads back as the tree it was written from.

/// A title that would extend its article's number on one line ("X" titled "1 g",
/// "76" titled "bis repetita") or lose its dash as a separator ("8" titled "- r") is
/// written so that it reads back as the same number and title (control characters
/// read as spaces made such pairs).
#[test]
fn a_title_that_would_extend_the_number_reads_back_apart() {
    for (text, number, title) in [
        ("Artikel X\u{18}\u{18}1 g\n", "X", "1 g"),
        ("Artikel 76\u{18}\u{18}bis repetita\n", "76", "bis repetita"),
        ("Artikel C 2 Slot\n", "C 2", "Slot"),
        ("Artikel X\u{18}\u{18}1\u{fffd}\n", "X", "1\u{fffd}"),
        ("Artikel 8\u{0}-\u{0}-\u{0}r\n", "8", "- r"),
        ("Artikel 8 - \u{2013} r\n", "8", "\u{2013} r"),
    ] {
        let (r, _) = crate::source::parse("t.gr", text);
        let written = super::write(&r);
        let (again, _) = crate::source::parse("t.gr", &written);
        for tree in [&r, &again] {
            let a = crate::tree::walk::articles(tree)[0];
            assert_eq!(a.number.as_deref(), Some(number), "{written}");
            assert_eq!(a.heading.as_ref().map(|h| h.text.as_str()), Some(title));
        }
    }
}

/// An alinea after a lid or an onderdeel that begins like a dash item or a table row
/// stays its container's: unescaped, it would go on the item above it (fuzzing).
#[test]
fn a_dash_or_table_alinea_after_an_item_stays_where_it_is() {
    for source in [
        "Artikel 1\n\n   a. een\n\\- los\n",
        "Artikel 1\n\n1. Het bestuur:\n   a. een;\n   \\| x | y |\n   \\- drie\n2. Verder.\n",
        "Artikel 1\n\n1. Een.\n\\• los\n",
    ] {
        let (r, _) = crate::source::parse("t.gr", source);
        let written = super::write(&r);
        let (again, _) = crate::source::parse("t.gr", &written);
        assert_eq!(super::write(&again), written, "{written}");
        // Every alinea under the same eId (its place) with the same text.
        let tree = |r: &crate::tree::Regeling| {
            let mut eids = Vec::new();
            crate::tree::walk::alineas_mut(&mut r.clone(), &mut |a| {
                eids.push((a.eid.clone(), a.text.clone()))
            });
            eids
        };
        assert_eq!(tree(&again), tree(&r), "{written}");
        assert!(written.contains("\\"), "{written}");
    }
}

/// A hoofdstuk titled with a leading dash keeps it (the same separator rule).
#[test]
fn a_chapter_title_with_a_leading_dash_reads_back() {
    let (r, _) = crate::source::parse("t.gr", "Hoofdstuk 2 - - Bestuur\n\nArtikel 1\n\nTekst.\n");
    let written = super::write(&r);
    let (again, _) = crate::source::parse("t.gr", &written);
    for tree in [&r, &again] {
        let crate::tree::Deel::Hoofdstuk(h) = &tree.body[0] else {
            panic!("geen hoofdstuk: {written}");
        };
        assert_eq!(
            h.heading.as_ref().map(|h| h.text.as_str()),
            Some("- Bestuur"),
            "{written}"
        );
    }
}

/// A regeling without a title whose aanhef opens with a line that would read as one
/// (no metadata `titel`, the line alone) is written with that line escaped, so it
/// stays the aanhef's; a title without metadata is written as the first line and
/// reads back as the title.
#[test]
fn an_untitled_text_keeps_its_first_line_in_the_aanhef() {
    let text = "\\Regeling Voorbeeld\n\nDe raad,\n\nArtikel 1\n\nTekst.\n";
    let (r, _) = crate::source::parse("t.gr", text);
    assert!(r.title.is_none());
    let written = super::write(&r);
    assert!(written.starts_with("\\Regeling Voorbeeld\n"), "{written}");
    let (again, _) = crate::source::parse("t.gr", &written);
    assert!(again.title.is_none(), "{written}");
    assert_eq!(super::write(&again), written);

    let (titled, _) = crate::source::parse("t.gr", "Regeling Voorbeeld\n\nArtikel 1\n\nTekst.\n");
    assert_eq!(
        titled.title.as_ref().map(|t| t.text.as_str()),
        Some("Regeling Voorbeeld")
    );
    let written = super::write(&titled);
    let (again, _) = crate::source::parse("t.gr", &written);
    assert_eq!(
        again.title.as_ref().map(|t| t.text.as_str()),
        Some("Regeling Voorbeeld")
    );
}

/// A lid or onderdeel whose marker stands alone takes the next line of text as its text,
/// whatever its indent: the article's alinea after an empty lid, or the lid's after an
/// empty onderdeel, is written escaped and stays where it was (found by fuzzing).
#[test]
fn an_alinea_after_a_bare_marker_stays_where_it_is() {
    for text in [
        "Artikel T\n2.\n\\e\n",
        "Artikel 1\n\n1. De lijst:\n   a.\n\\Slot van het lid.\n",
        "Artikel 1\n\n1.\n\n\\Tekst van het artikel.\n\n2. Het tweede lid.\n",
    ] {
        let (r, _) = crate::source::parse("t.gr", text);
        let written = super::write(&r);
        let (again, _) = crate::source::parse("t.gr", &written);
        assert_eq!(super::write(&again), written, "{text:?}");
    }
    // The marker's own text on the next line is still its text.
    let (r, _) = crate::source::parse("t.gr", "Artikel 1\n\n1.\nDe tekst van het lid.\n");
    let lid = &crate::tree::walk::articles(&r)[0].content[0];
    assert!(
        matches!(lid, crate::tree::Blok::Lid(l) if !l.content.is_empty()),
        "{lid:?}"
    );
}
