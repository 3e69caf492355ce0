use super::super::{GENERIC, Term, collect_texts, forms_of, lower_in_place, occurrences_with};
use super::*;
use crate::check::terms::starts::triple_at;
use crate::tree::terms::definitions;

/// Forms at the automaton's edges: several words, a hyphen, an apostrophe, a digit, one
/// letter, a letter outside ASCII, a form that starts or ends in punctuation, forms that
/// are prefixes of each other and of common words.
const EDGE_FORMS: &[&str] = &[
    "algemeen bestuur",
    "dagelijks bestuur",
    "bestuur",
    "huis-aan-huisblad",
    "auto's",
    "artikel 1",
    "a",
    "de",
    "het",
    "cliënt",
    "b.v.",
    "wet",
    "wet op",
    "gemeente",
    "2022",
];

/// (pattern, start) of each occurrence.
type Found = Vec<(usize, usize)>;

/// Every whole-word occurrence by the word starts and by the automaton, sorted (the
/// term check sorts each term's uses and only asks whether a core covers another).
fn both(patterns: &[String], hay: &str) -> (Found, Found) {
    let strs: Vec<&str> = patterns.iter().map(String::as_str).collect();
    let starts = Starts::new(&strs, true).expect("every form starts with a letter or digit");
    let (mut ours, mut reference) = (Vec::new(), Vec::new());
    nl::ascii_word_starts(hay.as_bytes(), |at| {
        if starts.may_start(triple_at(hay.as_bytes(), at)) {
            starts.at(hay, at, |p, at| ours.push((p, at)))
        }
    });
    by_automaton(&automaton(patterns).unwrap(), hay, |p, at| {
        reference.push((p, at))
    });
    ours.sort_unstable();
    reference.sort_unstable();
    (ours, reference)
}

/// The word starts find exactly what the automaton finds: on every alinea the term
/// check reads of every real text, with that text's own terms and with the edge forms,
/// on every whole line too, and on constructed texts.
#[test]
fn word_starts_find_what_the_automaton_finds() {
    let mut edge: Vec<String> = EDGE_FORMS.iter().flat_map(|f| forms_of(f)).collect();
    edge.sort();
    edge.dedup();
    let (mut own_hits, mut edge_hits, mut files_with_terms) = (0usize, 0usize, 0usize);
    for (file, text) in crate::source::test_texts_and_real_fixtures() {
        let (r, _) = crate::source::parse("t.gr", &text);
        let lower_cores: Vec<String> = definitions(&r)
            .iter()
            .map(|d| lower_in_place(&Term::of(d).core))
            .collect();
        let (own, _) = patterns(&lower_cores);
        let own_strs: Vec<&str> = own.iter().map(String::as_str).collect();
        // A form that starts with no ASCII letter or digit leaves the text to the automaton.
        let own_usable = !own.is_empty() && Starts::new(&own_strs, true).is_some();
        files_with_terms += usize::from(own_usable);
        let skip = rustc_hash::FxHashSet::default();
        for t in collect_texts(&r, &skip) {
            let hay = haystack(&t.plain);
            if own_usable {
                let (ours, reference) = both(&own, &hay);
                assert_eq!(ours, reference, "{}: {:?}", file.display(), t.plain);
                own_hits += ours.len();
            }
            let (ours, reference) = both(&edge, &hay);
            assert_eq!(ours, reference, "{}: {:?}", file.display(), t.plain);
            edge_hits += ours.len();
        }
        for line in text.lines() {
            let (ours, reference) = both(&edge, &haystack(line));
            assert_eq!(ours, reference, "{}: {line:?}", file.display());
        }
    }
    assert!(
        files_with_terms > 100,
        "{files_with_terms} texts with terms"
    );
    assert!(own_hits > 10_000, "{own_hits} uses of the texts' own terms");
    assert!(edge_hits > 60_000, "{edge_hits} uses of the edge forms");
    for hay in [
        "",
        "a",
        "Algemeen Bestuur",
        "het ALGEMEEN  BESTUUR en het algemeen\tbestuur",
        "het algemeen bestuurs-besluit, bestuur1, 1bestuur, _bestuur_",
        "huis-aan-huisblad huis-aan-huisbladen huis–aan–huisblad",
        "auto's auto’s AUTO'S 's-Gravenhage ’s-Gravenhage",
        "CLIËNT cliënt Cliënten cliëntens ÄRZTE Ärzte",
        "b.v. B.V. b.v.a b.v",
        "wet op de wet opnieuw Wet Op",
        "artikel 1 artikel 12 artikel 1a artikel 1.",
        "é bestuur ébestuur bestuuré 2022 20222",
    ] {
        let (ours, reference) = both(&edge, &haystack(hay));
        assert_eq!(ours, reference, "{hay:?}");
    }
}

/// A form that starts with no ASCII letter or digit has no word-start index (the
/// automaton searches then); an empty one is left out.
#[test]
fn forms_that_start_no_ascii_word_go_to_the_automaton() {
    assert!(Starts::new(&["'s-gravenhage", "raad"], true).is_none());
    assert!(Starts::new(&["één", "raad"], true).is_none());
    assert!(Starts::new(&[" raad"], true).is_none());
    assert!(Starts::new(&["", "raad"], true).is_some());
    assert!(Starts::new(GENERIC, false).is_some());
}

/// T002's nouns found in one pass are, noun by noun, the whole-word occurrences of a
/// `memmem` search per noun, in the same order: on every alinea the term check reads of
/// every real text, and on constructed lines.
#[test]
fn nouns_in_one_pass_equal_a_search_per_noun() {
    let mut found = 0usize;
    let finders: Vec<_> = GENERIC
        .iter()
        .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
        .collect();
    let one_pass = Starts::new(GENERIC, false).unwrap();
    // A noun covered by a term is left out of the pass: the others keep their own.
    let some: Vec<&str> = GENERIC.iter().copied().step_by(2).collect();
    let some_pass = Starts::new(&some, false).unwrap();
    let mut check = |plain: &str| {
        let mut ours = vec![Vec::new(); GENERIC.len()];
        nl::ascii_word_starts(plain.as_bytes(), |at| {
            if one_pass.may_start(triple_at(plain.as_bytes(), at)) {
                one_pass.at(plain, at, |w, at| ours[w].push(at))
            }
        });
        for (w, finder) in finders.iter().enumerate() {
            assert_eq!(ours[w], occurrences_with(finder, plain), "{plain:?}");
            found += ours[w].len();
        }
        let mut fewer = vec![Vec::new(); some.len()];
        nl::ascii_word_starts(plain.as_bytes(), |at| {
            if some_pass.may_start(triple_at(plain.as_bytes(), at)) {
                some_pass.at(plain, at, |w, at| fewer[w].push(at))
            }
        });
        for (w, list) in fewer.iter().enumerate() {
            assert_eq!(*list, ours[2 * w], "{plain:?}");
        }
    };
    for (_, text) in crate::source::test_texts_and_real_fixtures() {
        let (r, _) = crate::source::parse("t.gr", &text);
        let skip = rustc_hash::FxHashSet::default();
        for t in collect_texts(&r, &skip) {
            check(&t.plain);
        }
    }
    for line in [
        "De Wet, Wetten, WET, Wet-, Wet1, 1Wet, Wetboek, de Wet",
        "Raadslid Raad’s Raad's Raad RaadRaad Raden",
        "Éwet Wetë Wet é",
        "",
    ] {
        check(line);
    }
    assert!(found > 2_500, "{found} capitalised nouns");
}
