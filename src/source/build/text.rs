//! What a single line of text is, judged from its words alone: a repeal, a note of the
//! publishing database, a closing formula, a title, a signature, a list run together on
//! one line. Pure functions, each with its tests; the builder decides from their answers
//! and what is open where the line stands.

use crate::tree::inline::plain;

/// `[Vervallen]`, the way a repealed article, lid or onderdeel is published, also with the
/// date the database adds (`Vervallen per 01-07-2010`, `[Vervallen per 01-01-2013]`), and
/// the older form `(vervalt)` that texts consolidated before the database's brackets show
/// (RHC Groninger Archieven, artikel 14).
pub fn is_vervallen(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    let t = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
        .unwrap_or(t)
        .trim();
    if t.eq_ignore_ascii_case("vervallen") || t.eq_ignore_ascii_case("vervalt") {
        return true;
    }
    // No character outside ASCII lower-cases to one of these ASCII letters, so a text
    // without them as its first bytes is no `vervallen per` in any case; this runs for
    // every lid and article, and lower-casing each whole text was a fifth of building.
    if !t
        .as_bytes()
        .get(..14)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"vervallen per "))
    {
        return false;
    }
    let lower = t.to_lowercase();
    lower
        .strip_prefix("vervallen per ")
        .is_some_and(|rest| is_date(rest.trim()))
}

/// Whether a heading's text ends like a sentence (`.`, `;`, `:`, `,`, emphasis and blanks
/// aside): the parser then reads the heading line as text (P015), and the writer puts a
/// division's title on the line below its number instead.
pub fn ends_like_sentence(heading: &str) -> bool {
    heading
        .trim_end_matches(|c: char| c == '*' || c.is_whitespace())
        .ends_with(['.', ';', ':', ','])
}

/// The notes the national database prints under a heading: "Vervallen per 01-07-2010",
/// "Materieel uitgewerkt per 08-02-2004", "Treedt in werking per 01-12-2015", "Treedt in
/// werking op een nader te bepalen tijdstip", "Bevat wijzigingen in andere regelgeving.".
/// They say something about the article or division, they are not text of it.
pub fn is_annotation(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').trim();
    if t.len() > 80 {
        return false;
    }
    let lower = t.to_lowercase();
    let dated = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| is_date(rest.trim()))
    };
    dated("vervallen per ")
        || dated("vervalt per ")
        || dated("materieel uitgewerkt per ")
        || dated("treedt in werking per ")
        || dated("treedt buiten werking per ")
        || lower == "treedt in werking op een nader te bepalen tijdstip"
        || lower == "bevat wijzigingen in andere regelgeving"
}

/// `01-07-2010`, `1-7-2010`: the date form of the database's notes.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && parts[2].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `16 maart 2006`, `1 januari 2022`: a date written out, alone on its line (as an
/// ondertekening dates a decree).
pub fn is_written_date(text: &str) -> bool {
    // The metadata's date reader, limited to the written form (three words).
    text.split_whitespace().count() == 3 && crate::source::meta::parse_date(text).is_some()
}

/// The place an ondertekening names ("Den Haag", "'s-Gravenhage", "Alkmaar"): one to
/// three capitalised words and nothing else.
pub fn is_place(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            let w = w.strip_prefix("'s-").unwrap_or(w);
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
}

/// Lower case, markup removed, white space collapsed: for comparing titles.
pub(crate) fn normalise(text: &str) -> String {
    plain(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The standard opening words of a slotformulering or ondertekening.
pub(crate) fn is_closing_formula(text: &str) -> bool {
    // Fast path, run for every line: compare the opening words without allocating.
    let head = text.trim_start_matches(['*', ' ']);
    let opens = |prefix: &str| {
        head.len() >= prefix.len()
            && head.is_char_boundary(prefix.len())
            && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if !(opens("aldus ")
        || opens("deze regeling zal")
        || opens("dit besluit zal")
        || opens("lasten en bevelen")
        || opens("ondertekening"))
    {
        return false;
    }
    let t = normalise(text);
    t.starts_with("aldus vastgesteld")
        || t.starts_with("aldus besloten")
        || t.starts_with("aldus gedaan")
        || t == "ondertekening"
        || ((t.starts_with("deze regeling zal")
            || t.starts_with("dit besluit zal")
            // A royal decree's: "Lasten en bevelen dat dit besluit ... in het Staatsblad
            // zal worden geplaatst".
            || t.starts_with("lasten en bevelen"))
            && t.contains("geplaatst"))
}

/// A first line that may be the regeling's title when no metadata `titel` names it:
/// published texts begin with their title on a line of its own ("Regeling Het Zeeuws
/// Archief", "Besluit van 23 november 1972, houdende ..."). The opening line of an
/// aanhef ends with a comma, semicolon or colon ("De raad van de gemeente Alkmaar,",
/// "BESLUIT:") and is none; so is a line in lower case (text cut off above it).
pub fn may_open_as_title(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(char::is_uppercase) && !t.ends_with([',', ';', ':'])
}

/// A short line that does not end like a sentence: a place, a date, a name, a function
/// in an ondertekening (`Zoetermeer`, `13 april 2000`, `De Staatssecretaris ...,`).
pub fn looks_like_signature(text: &str) -> bool {
    let p = plain(text);
    let t = p.trim();
    t.chars().count() <= 80 && !t.ends_with(['.', ';', ':'])
}

/// A line that can be the title of a regeling printed after a preceding decision:
/// capitalised, at most 25 words, no closing punctuation, and naming a kind of
/// regulation (`Regeling Het Zeeuws Archief`, `Gemeenschappelijke regeling Letterhoeke`).
pub fn looks_like_title(text: &str) -> bool {
    let p = plain(text);
    let t = p.trim();
    if !t.starts_with(char::is_uppercase) || t.ends_with(['.', ';', ':', ',']) {
        return false;
    }
    if t.split_whitespace().count() > 25 {
        return false;
    }
    let lower = t.to_lowercase();
    [
        "regeling",
        "reglement",
        "verordening",
        "statuut",
        "statuten",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

pub use crate::tree::inline::looks_like_subheading;

/// The words a line standing alone under a division's heading may have and still be a
/// tussenkop: a heading that lists the articles a vrijstelling is for runs to some 30
/// ("Vrijstelling als bedoeld in de artikelen 2:59, eerste lid, ... en 2:104, eerste en
/// tweede lid, van de wet"); regeling text there ends with punctuation.
pub const TUSSENKOP_WORDS: usize = 40;

/// The words of a line that is all an article numbered without the word "Artikel" holds,
/// for that number to be read back as a division's (`1` over `Algemene bepalingen`).
pub const DIVISION_TITLE_WORDS: usize = 20;

/// The number of an ordinal written out (`Tweede` → 2), for division headings printed
/// as `Tweede titel`.
pub fn ordinal_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    crate::tree::reference::ORDINALS
        .iter()
        .skip(1)
        .position(|x| *x == w)
        .map(|i| i as u32 + 1)
}

/// Whether a heading's number is the first of a sequence (`1`, `I`, `1.1`, `1:1`): a
/// second numbering that starts here means a second document begins.
pub fn is_first_number(number: &str) -> bool {
    let n = number.trim().trim_end_matches('.');
    matches!(n, "1" | "I" | "1.1" | "1:1" | "Eerste" | "EERSTE")
}

/// Onderdelen run together on one line (`verstaan onder:   a.  de minister: ...;   b.
/// ...`, or without any space: `onder:a.chloroform: ...;b.verwerken: ...`). A marker is
/// the next letter in the sequence a, b, c, ... and a dot, standing after two or more
/// spaces, or after a colon, semicolon or comma (and any spaces); the first must follow a
/// colon or two spaces. Returns for each marker the byte offset where its spaces (or the
/// letter) start and where its text starts; `None` for fewer than two markers.
pub fn inline_list(text: &str) -> Option<Vec<(usize, usize)>> {
    // Fast path, run for every line: no `a.` at all, no run-together list. The finder is
    // built once; `str::find` would build a searcher for every line.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new("a."));
    let b = text.as_bytes();
    let mut found = Vec::new();
    for first in finder.find_iter(b) {
        if let Some(m) = marker_at(b, first, b'a', true) {
            found.push(m);
            break;
        }
    }
    let (_, mut i) = *found.first()?;
    let mut expect = b'b';
    while i < b.len() && expect <= b'z' {
        // The next marker of the sequence, anywhere after the current one.
        let Some(at) = (i..b.len().saturating_sub(1)).find(|&k| {
            b[k] == expect && b[k + 1] == b'.' && marker_at(b, k, expect, false).is_some()
        }) else {
            break;
        };
        let m = marker_at(b, at, expect, false)?;
        found.push(m);
        i = m.1;
        expect += 1;
    }
    (found.len() >= 2).then_some(found)
}

/// Whether `letter.` at byte `k` is a list marker (see [`inline_list`]): what stands
/// before it and after it. Returns (where the marker's lead starts, where its text starts).
fn marker_at(b: &[u8], k: usize, letter: u8, first: bool) -> Option<(usize, usize)> {
    if b.get(k) != Some(&letter) || b.get(k + 1) != Some(&b'.') {
        return None;
    }
    // Before: spaces, then punctuation (or two spaces at least).
    let mut j = k;
    while j > 0 && b[j - 1] == b' ' {
        j -= 1;
    }
    let spaces = k - j;
    let punct = j > 0 && matches!(b[j - 1], b':' | b';' | b',');
    let ok_before = if first {
        (j > 0 && b[j - 1] == b':') || spaces >= 2
    } else {
        punct || spaces >= 2
    };
    if !ok_before || j == 0 {
        return None;
    }
    // After: spaces then a letter, or a letter right away (`a.chloroform`).
    let mut t = k + 2;
    while t < b.len() && b[t] == b' ' {
        t += 1;
    }
    let next = *b.get(t)?;
    let letter_follows =
        next.is_ascii_alphabetic() || next >= 0x80 || next == b'\'' || next == b'"';
    if !letter_follows || (t == k + 2 && !next.is_ascii_lowercase()) {
        return None;
    }
    Some((j, t))
}

/// Leden run together on one line: `1. Er is ... 2. Het ... 3. Aan het ...`. After the lid
/// numbered `first`, a marker is the next number and a dot, after the end of a sentence
/// (`.`, `;` or `:` and white space), followed by white space and a capital. Some published
/// texts lost the space too (`... in de gemeente.2. Het ...`, RHC Limburg): a sentence end
/// right against the number counts when a lowercase word or `)` ends the sentence, which
/// a decimal number (`1.2.`) or an article number (`artikel 12.`) never does. Returns for
/// each further lid the offset of its number and of its text.
pub fn inline_leden(text: &str, first: u32) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Every number looked for below is a digit before `. `: a text without one has none
    // (most lid texts; building a searcher per number looked for was half of this).
    static DOT_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(". "));
    if !DOT_SPACE
        .find_iter(b)
        .any(|at| at > 0 && b[at - 1].is_ascii_digit())
    {
        return out;
    }
    let mut expect = first + 1;
    let mut i = 0;
    loop {
        let digits = expect.to_string();
        let needle = format!("{digits}. ");
        let Some(rel) = text[i..].find(&needle) else {
            break;
        };
        let at = i + rel;
        let mut j = at;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
        // The punctuation is ASCII, so the text before it ends on a character boundary
        // (slicing there before knowing it panicked on a "�" right before a number;
        // found by fuzzing).
        let punctuation = j > 0 && matches!(b[j - 1], b'.' | b';' | b':');
        let glued = punctuation
            && j == at
            && text[..j - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase() || c == ')');
        let sentence_end = punctuation && (j < at || glued);
        let mut t = at + needle.len();
        while t < b.len() && b[t] == b' ' {
            t += 1;
        }
        let capital = text[t..].starts_with(char::is_uppercase);
        if sentence_end && capital {
            out.push((at, t));
            expect += 1;
            i = t;
        } else {
            i = at + needle.len();
        }
    }
    out
}

/// A line that goes on the lid or onderdeel above it whatever its indent: a table row
/// (`| ... |`) or a dash item (`– ...`, `- ...`, `• ...`).
pub fn continues_item(text: &str) -> bool {
    text.starts_with('|')
        || ["– ", "- ", "• ", "— "]
            .iter()
            .any(|dash| text.starts_with(dash))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (fuzzing): a multi-byte character right before a number and `. `.
    #[test]
    fn inline_leden_next_to_a_multibyte_character() {
        assert!(inline_leden("Er is \u{fffd}2. Het", 1).is_empty());
        assert!(inline_leden("Er is é2. Het", 1).is_empty());
        assert_eq!(inline_leden("Er is een gemeente.2. Het", 1), [(19, 22)]);
    }

    #[test]
    fn vervallen_and_annotations() {
        assert!(is_vervallen("[Vervallen]"));
        assert!(is_vervallen(" vervallen. "));
        assert!(is_vervallen("Vervallen per 01-07-2010"));
        assert!(is_vervallen("[Vervallen per 01-01-2013]"));
        assert!(is_vervallen("VERVALLEN PER 01-07-2010"));
        assert!(!is_vervallen("vervallen per"));
        assert!(!is_vervallen("De regeling vervalt"));
        assert!(is_vervallen("(vervalt)"));
        assert!(is_vervallen("(Vervallen)"));
        assert!(is_vervallen("Vervalt."));
        assert!(!is_vervallen("(vervalt per)"));
        assert!(!is_vervallen("(vervalt"));
        assert!(!is_vervallen("Vervallen per ingang van het jaar"));
        assert!(is_annotation("Materieel uitgewerkt per 08-02-2004"));
        assert!(is_annotation("Treedt in werking per 01-12-2015"));
        assert!(is_annotation(
            "Treedt in werking op een nader te bepalen tijdstip"
        ));
        assert!(is_annotation("Bevat wijzigingen in andere regelgeving."));
        assert!(is_annotation("Vervallen per 22-07-2013"));
        assert!(!is_annotation(
            "Treedt in werking per 1 januari, tenzij het bestuur anders besluit."
        ));
        assert!(!is_annotation("Vervallen"));
    }

    #[test]
    fn closing_formulas() {
        assert!(is_closing_formula(
            "Deze regeling zal met de toelichting in de Staatscourant worden geplaatst."
        ));
        assert!(is_closing_formula(
            "Aldus vastgesteld in de vergadering van 1 maart 2022"
        ));
        assert!(!is_closing_formula(
            "Deze regeling wordt aangehaald als: X."
        ));
        assert!(is_closing_formula(
            "Lasten en bevelen dat dit besluit met de daarbij behorende nota van toelichting in het Staatsblad zal worden geplaatst."
        ));
        assert!(!is_closing_formula("Lasten en bevelen worden gegeven."));
    }

    #[test]
    fn a_place_and_a_written_date_of_an_ondertekening() {
        assert!(is_written_date("16 maart 2006"));
        assert!(is_written_date("1 januari 2022"));
        assert!(!is_written_date("16 maart"));
        assert!(!is_written_date("op 16 maart 2006"));
        assert!(is_place("Den Haag"));
        assert!(is_place("'s-Gravenhage"));
        assert!(is_place("Alkmaar"));
        assert!(!is_place("De Minister van Justitie,"));
        assert!(!is_place("de raad"));
    }

    #[test]
    fn titles_signatures_and_subheadings() {
        assert!(looks_like_title("Regeling Het Zeeuws Archief"));
        assert!(looks_like_title("Gemeenschappelijke regeling Letterhoeke"));
        assert!(!looks_like_title("F. van der Ploeg"));
        assert!(!looks_like_title(
            "Deze regeling treedt in werking op 1 januari."
        ));
        assert!(looks_like_signature("13 april 2000"));
        assert!(!looks_like_signature("Dit besluit treedt in werking."));
        assert!(looks_like_subheading(
            "Vrijstelling als bedoeld in artikel 2:3d van de wet",
            TUSSENKOP_WORDS
        ));
        assert!(!looks_like_subheading(
            "Het bestuur stelt regels.",
            TUSSENKOP_WORDS
        ));
    }

    #[test]
    fn ordinals_and_first_numbers() {
        assert_eq!(ordinal_number("Tweede"), Some(2));
        assert_eq!(ordinal_number("ZEVENDE"), Some(7));
        assert_eq!(ordinal_number("Twintigste"), Some(20));
        assert_eq!(ordinal_number("Eenentwintigste"), Some(21));
        assert_eq!(ordinal_number("Zeven"), None);
        assert!(is_first_number("1"));
        assert!(is_first_number("I"));
        assert!(is_first_number("1:1"));
        assert!(!is_first_number("2"));
    }

    #[test]
    fn inline_list_markers() {
        let t =
            "verstaan onder:   a.  de minister: x;    b.  de provincie: y;    c.  de stichting: z.";
        let m = inline_list(t).unwrap();
        assert_eq!(m.len(), 3);
        assert!(t[m[0].1..].starts_with("de minister"));
        assert!(t[m[2].1..].starts_with("de stichting"));
        assert!(inline_list("een zin met  a. maar geen b").is_none());
        assert!(inline_list("begint bij b:  b. x  c. y").is_none());
    }

    /// Issue 12: definitions run together with single spaces, or none at all, vanished
    /// into one onderdeel.
    #[test]
    fn inline_lists_with_single_or_no_spaces() {
        let t = "In deze regeling wordt verstaan onder: a. minister: de Minister; b. ministerie: het Ministerie; c. directeur: de Directeur.";
        let m = inline_list(t).unwrap();
        assert_eq!(m.len(), 3);
        assert!(t[m[1].1..].starts_with("ministerie:"));
        let t = "verstaan onder:a.chloroform: de verbinding (Cas nr. 67-66-3);b.verwerken van chloroform:elk proces;c.lozen:brengen van:";
        let m = inline_list(t).unwrap();
        assert_eq!(m.len(), 3);
        assert!(t[m[0].1..].starts_with("chloroform"));
        assert!(t[m[2].1..].starts_with("lozen"));
        // A single "a." in a sentence is no list, nor are abbreviations.
        assert!(inline_list("zie onder a. en verder").is_none());
        assert!(inline_list("bijvoorbeeld: a. iets; bv. b. niets").is_none());
    }

    #[test]
    fn leden_run_together() {
        let t = "Er is een lichaam. 2. Het lichaam heeft een bestuur. 3. Aan het bestuur zijn taken opgedragen.";
        let m = inline_leden(t, 1);
        assert_eq!(m.len(), 2);
        assert!(t[m[0].1..].starts_with("Het lichaam"));
        assert!(t[m[1].1..].starts_with("Aan het bestuur"));
        // Not after a word, not before lower case, not out of sequence.
        assert!(inline_leden("bedoeld in artikel 2. Het geldt.", 1).is_empty());
        assert!(inline_leden("Eerste zin. 2. en verder", 1).is_empty());
        assert!(inline_leden("Eerste zin. 3. Het derde.", 1).is_empty());
        // Run together without a space after the sentence (RHC Limburg), but not after a
        // number: `1.2. Het` is a decimal number, `12. Het` another article's.
        let glued = "Er is een lichaam dat gevestigd is in de gemeente.2. Het lichaam is ingesteld.3. Aan het lichaam";
        let m = inline_leden(glued, 1);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(&glued[m[0].0..m[0].1], "2. ");
        assert_eq!(&glued[m[1].1..m[1].1 + 6], "Aan he");
        assert!(inline_leden("zoals bedoeld in paragraaf 1.2. Het geldt.", 1).is_empty());
        assert!(inline_leden("bedoeld in artikel 12. Het geldt.", 1).is_empty());
    }
}
