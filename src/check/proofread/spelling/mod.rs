//! L006: a word the Dutch dictionary does not know.
//!
//! The dictionary is OpenTaal's Hunspell list (`dict/nl.aff`, `dict/nl.dic`, BSD or CC BY
//! 3.0, see `dict/README.md`), read by `spellbook` (vendored in `vendor/spellbook`). Its
//! word list is compiled by `build.rs` into an image the binary reads in place; at run time
//! only the `.aff` file is parsed, once per process, the first time a regeling is
//! spell-checked (issue 17: parsing `nl.dic` cost every command 0.22 G instructions and
//! 80 MB). Known besides the dictionary: the regeling's own defined terms, its deelnemers,
//! its title, and every word of the names of the acts in `src/refs/wetten.toml` (itself
//! derived from the BWB list; the words are listed by `build.rs` too).
//!
//! Conservative, like every L check (a proofreader who cries wolf is not read):
//! - only words in lower case are judged, and a capitalised word that starts a sentence
//!   after another in the same alinea (as its lower-case form); a capital inside a
//!   sentence is a name, and names are not in any dictionary, and the first word of an
//!   alinea is as often a name in a list as the start of a sentence;
//! - never words with a digit, words of one or two letters, abbreviations in capitals,
//!   Roman numerals ("iv", "xii"), or words inside a web or e-mail address;
//! - a word before a full stop may be an abbreviation the dictionary has with its stop
//!   ("blz.", "jl.");
//! - a hyphenated word is right when each part is ("SORA-gemeenten"), and a compound of
//!   two dictionary words is right ("inlegsom");
//! - words without a vowel are abbreviations ("mnd", "fpt");
//! - an alinea with at least three unknown words that make up a quarter of its words is in
//!   another language or an old spelling ("regter", "eene"), not misspelt: it is skipped;
//! - an unknown word is reported once, at its first use, with the other lines in a note.
//!
//! Reported is an unknown word one slip away from a dictionary word (a letter too many,
//! missing, wrong, or two swapped; or two letters too many): those words are the
//! suggestions. An unknown word far from every known word is a term the dictionary lacks
//! (chemistry, medicine, another language), not a typo, and is left alone. spellbook's own
//! suggester is not used: it takes up to half a second a word for Dutch compounds. No
//! fix: a suggestion is a guess.

mod speller;

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use spellbook::Dictionary;

use super::{Part, Text, words_into};
use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;
use crate::tree::terms::definitions;
use speller::Speller;

/// How many suggestions a message names.
const SUGGESTIONS_SHOWN: usize = 3;

/// The OpenTaal dictionary: its `.aff` file parsed on first use, its word list compiled
/// by `build.rs`.
fn dictionary() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        Dictionary::from_compiled(
            include_str!("../../../../dict/nl.aff"),
            include_bytes!(concat!(env!("OUT_DIR"), "/nl.words")),
        )
        .expect("the OpenTaal word list was compiled with this nl.aff")
    })
}

// `ACT_WORDS`: every word (lower case) of the names of the acts grc knows
// ("participatiewet", "werkvoorziening", "gemeenschappelijke"), sorted; made by `build.rs`
// from `src/refs/wetten.toml`, as `add_words` would make them.
include!(concat!(env!("OUT_DIR"), "/act_words.rs"));

/// Whether `word` (lower case) is a word of an act's name.
fn act_word(word: &str) -> bool {
    ACT_WORDS.binary_search(&word).is_ok()
}

/// The lower-case words of `text`, hyphenated words also by their parts.
fn add_words(set: &mut FxHashSet<String>, text: &str) {
    let mut buf = Vec::new();
    words_into(text, &mut buf);
    for &(s, e) in &buf {
        let w = normalise(&text[s..e]).to_lowercase();
        for part in w.split('-') {
            set.insert(part.to_string());
        }
        set.insert(w);
    }
}

/// Curly apostrophes as the dictionary writes them (straight).
fn normalise(word: &str) -> std::borrow::Cow<'_, str> {
    // '’' is the bytes E2 80 99: without an E2 the word cannot hold it, and that byte test
    // is cheaper than `contains('’')`, which builds a substring searcher for every word.
    if word.as_bytes().contains(&0xE2) && word.contains('’') {
        word.replace('’', "'").into()
    } else {
        word.into()
    }
}

/// What one regeling adds to the dictionary: its defined terms, deelnemers and titles.
fn own_words(r: &Regeling) -> FxHashSet<String> {
    let mut set = FxHashSet::default();
    for d in definitions(r) {
        add_words(&mut set, &d.term);
    }
    let m = &r.metadata;
    for text in m
        .participants
        .iter()
        .chain(&m.title)
        .chain(&m.citation_title)
    {
        add_words(&mut set, text);
    }
    if let Some(t) = &r.title {
        add_words(&mut set, &t.text);
    }
    set
}

/// The spelling findings of one regeling.
pub fn check(r: &Regeling) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    check_texts(r, &super::texts(r), &mut diags);
    diags
}

fn check_texts(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    let own = own_words(r);
    let mut speller = Speller {
        dict: dictionary(),
        own: &own,
        verdicts: FxHashMap::default(),
    };
    // One finding per unknown word (lower case), at its first use; the lines of the
    // others go in a note. A term the dictionary lacks is often used throughout a text.
    let mut first: FxHashMap<String, (usize, Vec<u32>)> = FxHashMap::default();
    let mut found = Vec::new();
    let mut buf = Vec::new();
    let names = names(texts, &mut buf);
    let mut unknown: Vec<(usize, usize)> = Vec::new();
    for t in texts {
        // The ondertekening is names and places.
        if t.part == Part::Sluiting {
            continue;
        }
        let text = t.text();
        words_into(text, &mut buf);
        unknown.clear();
        let mut judged_words = 0usize;
        for &(s, e) in &buf {
            if !judged(text, s, e) {
                continue;
            }
            // A capital that starts a sentence, of a word the text also capitalises inside
            // one: a name ("Bomet" in "counties Bomet, Narok").
            if text[s..].starts_with(char::is_uppercase)
                && names.contains(&text[s..e].to_lowercase())
            {
                continue;
            }
            judged_words += 1;
            if !speller.knows(text, s, e) {
                unknown.push((s, e));
            }
        }
        // A table row ("| AG.SF.kjpsych | ... |"): codes and column abbreviations.
        if text.trim_start().starts_with('|') {
            continue;
        }
        // An alinea in another language (a treaty's English text, a French tax table)
        // or in the spelling of 1864: a quarter of its words unknown, at least three; or
        // two function words of English, German or French.
        if unknown.len() >= 3 && unknown.len() * 4 >= judged_words || foreign(text, &buf) {
            continue;
        }
        for &(s, e) in &unknown {
            let key = normalise(&text[s..e]).to_lowercase();
            let span = t.span(s, e);
            if let Some((_, lines)) = first.get_mut(&key) {
                lines.push(span.line);
                continue;
            }
            first.insert(key, (found.len(), Vec::new()));
            found.push((
                text[s..e].to_string(),
                Diagnostic::new("L006", format!("onbekend woord: \"{}\"", &text[s..e]))
                    .at(&r.file, span)
                    .node(&t.alinea.eid),
            ));
        }
    }
    let mut others: Vec<Vec<u32>> = vec![Vec::new(); found.len()];
    for (_, (i, lines)) in first {
        others[i] = lines;
    }
    let mut older: Vec<(String, String, Diagnostic)> = Vec::new();
    for ((word, mut d), lines) in found.into_iter().zip(others) {
        // A word of an older spelling ("produkt", "eene", "wensch") is no slip: the text is
        // older than the spelling; all such words make one finding.
        if let Some(now) = speller.modern(&normalise(&word)) {
            older.push((word, now, d));
            continue;
        }
        // Only a slip of a known word is a spelling error; an unknown word far from every
        // known one is a term the dictionary lacks ("gehalogeneerde", "fpt").
        // Four letters or fewer: as often an abbreviation without its stop ("etc",
        // "ivm", "psy") as a slip, and every short word is one slip from several others.
        let near = if word.chars().count() > 4 {
            speller.near_misses(&normalise(&word))
        } else {
            Vec::new()
        };
        if near.is_empty() {
            continue;
        }
        let quoted: Vec<String> = near.iter().map(|s| format!("\"{s}\"")).collect();
        d = d.note(format!("bedoelt u {}?", crate::nl::or_list(&quoted)));
        if !lines.is_empty() {
            let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
            d = d.note(format!("ook op regel {}", crate::nl::list(&lines)));
        }
        diags.push(d);
    }
    if let Some((word, now, d)) = older.first() {
        let all: Vec<String> = older
            .iter()
            .map(|(w, n, _)| format!("\"{w}\" (nu \"{n}\")"))
            .collect();
        let mut d = d.clone();
        d.message = match older.len() {
            1 => format!("woord in een oudere spelling: \"{word}\" (nu \"{now}\")"),
            2 => {
                format!("tekst in een oudere spelling: \"{word}\" (nu \"{now}\") en 1 ander woord")
            }
            n => format!(
                "tekst in een oudere spelling: \"{word}\" (nu \"{now}\") en {} andere woorden",
                n - 1
            ),
        };
        d.notes.clear();
        diags.push(d.note(format!("woorden: {}", crate::nl::list(&all))));
    }
}

/// The words (lower case) the regeling writes with a capital inside a sentence: names.
fn names(texts: &[Text<'_>], buf: &mut Vec<(usize, usize)>) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for t in texts {
        let text = t.text();
        words_into(text, buf);
        for &(s, e) in buf.iter().skip(1) {
            if text[s..].starts_with(char::is_uppercase) && !after_sentence(text, s) {
                out.insert(text[s..e].to_lowercase());
            }
        }
    }
    out
}

/// Function words of English, German and French that Dutch does not have: two in an
/// alinea make it one in another language.
const FOREIGN: &[&str] = &[
    "the", "and", "with", "from", "their", "which", "shall", "this", "these", "und", "mit", "für",
    "auf", "nach", "dem", "les", "sur", "aux", "une", "pour", "dans", "avec",
];

fn foreign(text: &str, words: &[(usize, usize)]) -> bool {
    words
        .iter()
        .filter(|&&(s, e)| FOREIGN.contains(&&text[s..e]))
        .nth(1)
        .is_some()
}

/// Whether the word `text[s..e]` is one the check judges at all (see the module doc).
fn judged(text: &str, s: usize, e: usize) -> bool {
    let word = &text[s..e];
    // What the tests below ask of the word's characters, gathered in one pass over them:
    // each test ran over the characters on its own (a tenth of a 10x build's spelling
    // check, issue 17). `judged_tests` compares this with the tests one by one.
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let (mut count, mut numeric, mut capital_after) = (1usize, first.is_numeric(), false);
    let (mut vowel, mut numeral) = (is_vowel(first), is_numeral_letter(first));
    for c in chars {
        count += 1;
        numeric |= c.is_numeric();
        capital_after |= c.is_uppercase();
        vowel |= is_vowel(c);
        numeral &= is_numeral_letter(c);
    }
    if count < 3 || numeric {
        return false;
    }
    // A capital after the first letter: an abbreviation ("AB", "WNK") or a name ("iBabs").
    if capital_after {
        return false;
    }
    // A capital: a name inside a sentence, and at the start of a line in a list or table
    // as often a name as not (the corpus showed "Masai", "Voks", "Handbook"). After a
    // sentence that ends inside the alinea ("... vast. Deze") the capital is the
    // sentence's, and the word is judged in lower case ("Besluitne" is "besluiten").
    if first.is_uppercase() && !after_sentence(text, s) {
        return false;
    }
    // Before a full stop that does not end the sentence, or short: an abbreviation
    // ("bijz.", "anorg.", "etc.").
    if text[e..].starts_with('.') && count <= 6 {
        return false;
    }
    if numeral && roman(word) {
        return false;
    }
    // Cut off before a hyphen: the first part of a compound whose rest follows another
    // ("persoons- en gezinsgegevens").
    if text[e..].starts_with('-') && !text[e + 1..].starts_with(char::is_alphanumeric) {
        return false;
    }
    // No vowel: an abbreviation ("mnd", "fpt", "blz").
    if !vowel {
        return false;
    }
    // Inside an address: "www.sora.nl", "info@sora.nl", "https://...".
    // (After the space's own length: a no-break space is two bytes.)
    let token_start = text[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[e..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| e + i);
    // One pass over the token's bytes (all the marks are ASCII); `contains("www.")`
    // built a substring searcher for every word.
    let token = &text.as_bytes()[token_start..token_end];
    let address = token
        .iter()
        .enumerate()
        .any(|(i, b)| matches!(b, b'@' | b'/' | b'\\' | b'_') || token[i..].starts_with(b"www."));
    if address {
        return false;
    }
    // A dot glued to letters after the word: a domain or an abbreviation ("sora.nl",
    // "m.u.v.").
    if text[e..].starts_with('.') && text[e + 1..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    true
}

/// A vowel, in either case, with or without its accent.
fn is_vowel(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    }
    "aeiouyáéíóúàèëïöüâêîôû".contains(c.to_lowercase().next().unwrap_or(c))
}

/// A letter of Roman numerals, in either case (what `roman` reads).
fn is_numeral_letter(c: char) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        'i' | 'v' | 'x' | 'l' | 'c' | 'd' | 'm'
    )
}

/// Abbreviations of three letters or more that end in a stop inside a sentence: the word
/// after them is not a sentence's first ("bijv. Amsterdam", "art. 5").
const STOPPED: &[&str] = &[
    "art", "bijv", "blz", "dhr", "drs", "enz", "etc", "ing", "jis", "juncto", "mevr", "nrs",
    "prof", "resp", "vgl", "zgn", "ca", "jl",
];

/// Whether `text[s..]` starts a sentence inside the alinea: after a space that follows a
/// full stop, question or exclamation mark, which itself follows a word of three letters
/// or more in lower case that is no abbreviation ("vastgesteld. Deze", not "Stb. Het",
/// "art. Twee", "5. De").
fn after_sentence(text: &str, s: usize) -> bool {
    let before = &text[..s];
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return false;
    }
    let Some(head) = trimmed.strip_suffix(['.', '?', '!']) else {
        return false;
    };
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.chars().count() >= 3
        && word.chars().all(char::is_lowercase)
        && !STOPPED.contains(&word.as_str())
}

/// A Roman numeral in lower case ("ii", "xiv"), as onderdelen and bijlagen are numbered.
fn roman(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    if w.is_empty()
        || !w
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'd' | 'm'))
    {
        return false;
    }
    // Valid numerals only ("mild" and "dl" are not; "civil" is no numeral either).
    let value = |c| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        'c' => 100,
        'd' => 500,
        _ => 1000,
    };
    let digits: Vec<u32> = w.chars().map(value).collect();
    let mut total = 0i64;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&n| n > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    // (The writer of numbering's S codes, in capitals.)
    total > 0 && crate::check::numbering::to_roman(total as u32).to_lowercase() == w
}

#[cfg(test)]
mod judged_tests;

#[cfg(test)]
mod tests {
    use super::super::testing::codes;
    use super::*;
    use crate::refs::acts;

    fn run(meta: &str, body: &str) -> Vec<Diagnostic> {
        let text = format!("---\ntitel: Proef\n{meta}---\nProef\n\n{body}");
        let (r, _) = crate::source::parse("proef.gr", &text);
        check(&r)
    }

    #[test]
    fn a_misspelt_word_is_found_with_a_suggestion() {
        let d = run("", "Artikel 1\n\nDe voorzittter leidt de vergadering.\n");
        assert_eq!(codes(&d), vec!["L006: onbekend woord: \"voorzittter\""]);
        assert!(d[0].notes[0].contains("\"voorzitter\""), "{:?}", d[0].notes);
    }

    #[test]
    fn names_numbers_abbreviations_and_numerals_are_not_judged() {
        let body = "Artikel 1\n\n1. Het college van Heerhugowaard zendt de stukken aan de \
                    WNK, zie www.wnk.nl of info@wnk.nl, onder ii en xiv, blz. 12, art. 3a.\n";
        assert_eq!(codes(&run("", body)), Vec::<String>::new());
    }

    #[test]
    fn defined_terms_deelnemers_and_act_names_are_known() {
        let meta = "deelnemers: Castricum, Uitgeest\n";
        let body = "Artikel 1\n\nIn deze regeling wordt verstaan onder:\n\
                    a. bedrijfsvoeringsorganisatie: de organisatie van het openbaar lichaam;\n\
                    b. werkleerbedrijf: het bedrijf.\n\n\
                    Artikel 2\n\nDe bedrijfsvoeringsorganisatie en het werkleerbedrijf \
                    voeren de Wet sociale werkvoorziening uit; castricum-breed.\n";
        assert_eq!(codes(&run(meta, body)), Vec::<String>::new());
    }

    #[test]
    fn compounds_of_two_dictionary_words_are_known() {
        let body = "Artikel 1\n\nDe inlegsom, de uittredesom en de zienswijzenprocedure; \
                    een werkvoorzieningsbedrijfsplan.\n";
        assert_eq!(codes(&run("", body)), Vec::<String>::new());
        // But not a misspelt word that splits into a word and a scrap.
        let d = run("", "Artikel 1\n\nDe voorzittter en de begrootingen.\n");
        assert_eq!(d.len(), 2, "{:?}", codes(&d));
    }

    #[test]
    fn capitals_are_names_and_an_older_spelling_is_one_finding() {
        let d = run(
            "",
            "Artikel 1\n\n1. Begrootingen en de begrooting worden vastgesteld.\n2. De electrische installatie wordt geleverd.\n",
        );
        assert_eq!(
            codes(&d),
            vec![
                "L006: tekst in een oudere spelling: \"begrooting\" (nu \"begroting\") en 1 ander woord"
            ]
        );
        assert!(
            d[0].notes[0].contains("\"electrische\" (nu \"elektrische\")"),
            "{:?}",
            d[0].notes
        );
    }

    #[test]
    fn a_slip_at_the_start_of_a_later_sentence_is_judged() {
        // "Besluitne" starts the second sentence: judged as "besluitne".
        let d = run(
            "",
            "Artikel 1\n\nDe raad stelt de regels vast. Besluitne worden bekendgemaakt.\n",
        );
        assert_eq!(codes(&d), vec!["L006: onbekend woord: \"Besluitne\""]);
        assert!(d[0].notes[0].contains("\"besluiten\""), "{:?}", d[0].notes);
        // The alinea's first word, a word after an abbreviation or a number, and a name
        // inside a sentence stay unjudged.
        for body in [
            "Besluitne worden bekendgemaakt.",
            "Zie bijv. Besluitne van de raad.",
            "Zie artikel 5. Besluitne van de raad.",
            "De raad en Besluitne stemmen.",
            "De raad en Besluitne stemmen. Besluitne stemt ook.",
        ] {
            let d = run("", &format!("Artikel 1\n\n{body}\n"));
            assert!(codes(&d).is_empty(), "{body}: {:?}", codes(&d));
        }
    }

    #[test]
    fn an_alinea_in_another_language_is_skipped() {
        let body = "Artikel 1\n\nThe holders of passports from the Member States.\n";
        assert!(run("", body).is_empty());
    }

    #[test]
    fn wide_spaces_and_letters_keep_char_boundaries() {
        // Found on the corpus: a no-break space before a word panicked the address test.
        let body = "Artikel 1\n\nVerordening (EG) nr.\u{a0}595/2009 betreffende de\u{a0}typegoedkeuring, Ĳsselmeer en Straße.\n";
        let d = run("", body);
        assert!(codes(&d).is_empty(), "{:?}", codes(&d));
    }

    #[test]
    fn only_slips_of_known_words_are_reported() {
        // A term the dictionary lacks, far from every word it has, is left alone.
        assert!(
            run(
                "",
                "Artikel 1\n\nNiet-gehalogeneerde oplosmiddelen en fpt.\n"
            )
            .is_empty()
        );
        let d = run(
            "",
            "Artikel 1\n\nDe algmene regels en de persoons- en gezinsgegevens.\n",
        );
        assert_eq!(codes(&d), vec!["L006: onbekend woord: \"algmene\""]);
        assert!(d[0].notes[0].contains("\"algemene\""), "{:?}", d[0].notes);
    }

    #[test]
    fn the_act_words_of_build_rs_are_those_of_add_words() {
        // build.rs finds the words with a copy of `words_into`; this is the check that the
        // copy reads them alike.
        let mut set = FxHashSet::default();
        for act in acts::table() {
            for name in act.names.iter().chain([&act.name, &act.short]) {
                add_words(&mut set, name);
            }
        }
        let mut words: Vec<&str> = set.iter().map(String::as_str).collect();
        words.sort_unstable();
        assert!(words.len() > 1000, "{}", words.len());
        assert_eq!(words, ACT_WORDS);
    }

    #[test]
    fn the_compiled_word_list_answers_as_the_parsed_one() {
        // Every third stem of nl.dic and a few forms spellbook derives, checked against a
        // dictionary parsed from the two files as before issue 17.
        let parsed = Dictionary::new(
            include_str!("../../../../dict/nl.aff"),
            include_str!("../../../../dict/nl.dic"),
        )
        .unwrap();
        let compiled = dictionary();
        let dic = include_str!("../../../../dict/nl.dic");
        let mut checked = 0;
        for line in dic.lines().skip(1).step_by(3) {
            let stem = line.split('/').next().unwrap_or(line);
            let lower = stem.to_lowercase();
            for w in [stem, &lower, &format!("{lower}s"), &format!("{lower}en")] {
                assert_eq!(compiled.check(w), parsed.check(w), "{w}");
                checked += 1;
            }
        }
        assert!(checked > 200_000, "{checked}");
    }

    #[test]
    fn roman_numerals_are_exact() {
        assert!(roman("xiv") && roman("ii") && roman("mcm"));
        assert!(!roman("dil") && !roman("mild") && !roman("iiii") && !roman("civil"));
    }
}
