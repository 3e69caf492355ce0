//! L002: text left to be filled in: "d.d. ...", an ellipsis standing for a word,
//! "[datum]", "[naam]", "xx", "PM"/"p.m.", "n.t.b.", "nader te bepalen" standing alone.
//!
//! What published texts do with the same characters, and is not reported:
//! - an omission mark inside brackets or parentheses ("(...)", "[…]") and an ellipsis
//!   inside quotes (the words of another text, cited in part);
//! - dot leaders of four or more dots ("Naam: ..........."): a form in a bijlage;
//! - "nader te bepalen" before a noun ("op een nader te bepalen tijdstip"): a delegation,
//!   not a blank;
//! - "XX" after a division word ("hoofdstuk XX"): a Roman numeral;
//! - anything in the ondertekening, whose date and names stay blank until it is signed.
//!
//! No fix: only the author knows what belongs there.

#[cfg(test)]
use std::sync::OnceLock;

#[cfg(test)]
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Part, Text, inside_quotes, whole_word};
use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// The byte patterns that can open a placeholder; everything else is never looked at
/// ([`opener_at`] reads them by hand; the automaton of these is its reference).
#[cfg(test)]
const OPENERS: &[&str] = &[
    "d.d.",
    "...",
    "…",
    "[",
    "xx",
    "p.m.",
    "pm",
    "n.t.b.",
    "nader te bepalen",
];

/// The automaton that found the openers before [`opener_matches`]: its reference in the
/// tests.
#[cfg(test)]
fn openers() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(OPENERS)
            .expect("fixed patterns")
    })
}

/// The opener that stands at byte `at` (ASCII case folded), as its end. No two openers
/// share their first two bytes, so at most one stands anywhere.
fn opener_at(bytes: &[u8], at: usize) -> Option<usize> {
    let first = bytes[at].to_ascii_lowercase();
    let second = bytes.get(at + 1).map(u8::to_ascii_lowercase);
    let opener: &[u8] = match (first, second) {
        (b'd', Some(b'.')) => b"d.d.",
        (b'.', Some(b'.')) => b"...",
        (0xe2, Some(0x80)) => "…".as_bytes(),
        (b'[', _) => b"[",
        (b'x', Some(b'x')) => b"xx",
        (b'p', Some(b'.')) => b"p.m.",
        (b'p', Some(b'm')) => b"pm",
        (b'n', Some(b'.')) => b"n.t.b.",
        (b'n', Some(b'a')) => b"nader te bepalen",
        _ => return None,
    };
    let end = at + opener.len();
    bytes
        .get(at..end)
        .is_some_and(|w| w.eq_ignore_ascii_case(opener))
        .then_some(end)
}

/// Where an opener can start, in order: every opener holds a `.` at its first or second
/// byte, starts with `…`, `[`, `x` or `p`, or (`nader te bepalen`) has its `p` eleven
/// bytes on. Found with `memchr` (a few passes of vector code), where the automaton took
/// 17 instructions a byte of every alinea.
fn candidates(bytes: &[u8], out: &mut Vec<usize>) {
    out.clear();
    for j in memchr::memchr3_iter(b'.', b'[', 0xe2, bytes) {
        if bytes[j] == b'.' && j > 0 {
            out.push(j - 1);
        }
        out.push(j);
    }
    let p = |j: usize, out: &mut Vec<usize>| {
        out.push(j);
        if j >= 11 {
            out.push(j - 11);
        }
    };
    for j in memchr::memchr3_iter(b'x', b'X', b'p', bytes) {
        p(j, out);
    }
    for j in memchr::memchr_iter(b'P', bytes) {
        p(j, out);
    }
    out.sort_unstable();
    out.dedup();
}

/// The openers in `text` as byte ranges: leftmost first, and the search goes on after
/// each (what the automaton with `MatchKind::LeftmostLongest` finds; no two openers
/// start with the same two bytes, so the longest is the only one).
fn opener_matches(text: &str, spare: &mut Vec<usize>) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    candidates(bytes, spare);
    let mut out = Vec::new();
    let mut from = 0;
    for &at in spare.iter() {
        if at < from {
            continue;
        }
        if let Some(end) = opener_at(bytes, at) {
            out.push((at, end));
            from = end;
        }
    }
    out
}

/// Words that, alone in square brackets, are a field to fill in ("[datum]", "[naam
/// voorzitter]": the first word decides).
const BRACKET_WORDS: &[&str] = &[
    "datum", "naam", "nummer", "nr", "bedrag", "plaats", "jaar", "gemeente", "invullen", "pm",
    "p.m.", "xx", "xxx", "x", "volgt", "titel", "adres", "n.t.b.",
];

/// Words after which "XX" is a Roman numeral.
const DIVISIONS: &[&str] = &[
    "hoofdstuk",
    "titel",
    "afdeling",
    "paragraaf",
    "deel",
    "boek",
    "bijlage",
    "artikel",
    "bladzijde",
];

pub fn check(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    let mut spare = Vec::new();
    for t in texts {
        if t.part == Part::Sluiting {
            continue;
        }
        let text = t.text();
        let mut covered = 0usize;
        for (m_start, m_end) in opener_matches(text, &mut spare) {
            if m_start < covered {
                continue;
            }
            let Some((start, end)) = placeholder_at(text, m_start, m_end) else {
                continue;
            };
            covered = end;
            diags.push(
                Diagnostic::new(
                    "L002",
                    format!("nog in te vullen: \"{}\"", &text[start..end]),
                )
                .at(&r.file, t.span(start, end))
                .node(&t.alinea.eid)
                .note("een plaatshouder hoort niet in de tekst die naar de raden gaat"),
            );
        }
    }
}

/// The placeholder that the match `start..end` opens, as a byte range of `text`.
fn placeholder_at(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let found = &text[start..end];
    let lower = found.to_ascii_lowercase();
    match lower.as_str() {
        "d.d." => dd(text, start, end),
        "..." | "…" => ellipsis(text, start, end),
        "[" => bracket(text, start),
        "xx" => xx(text, start),
        "p.m." | "pm" | "n.t.b." => {
            // A word of its own: not "opmerking", not "PMD", not "PM<sub>2,5</sub>".
            let before_ok = !text[..start].ends_with(|c: char| c.is_alphanumeric());
            let after_ok = text[end..].chars().next().is_none_or(|c| {
                c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | ']' | '.')
            });
            // "pm" in lower case is no abbreviation anyone writes for pro memorie.
            (before_ok && after_ok && found != "pm").then_some((start, end))
        }
        _ => nader(text, start, end),
    }
}

/// "d.d." with no date after it: nothing, an ellipsis, brackets or x's.
fn dd(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if !whole_word(text, start, 1) {
        return None;
    }
    let rest = &text[end..];
    let after = rest.trim_start();
    let gap = rest.len() - after.len();
    let blank = after.is_empty()
        || after.starts_with([',', ';', ')', '*'])
        || after.starts_with("..")
        || after.starts_with('…')
        || after.starts_with('[')
        || after.to_ascii_lowercase().starts_with("xx");
    if !blank {
        return None;
    }
    // Take the blank itself along: "d.d. ...", "d.d. [datum]", "d.d. xx-xx".
    let tail = if after.starts_with('[') {
        after.find(']').map_or(0, |i| i + 1)
    } else if after.starts_with(['.', '…']) {
        after.len() - after.trim_start_matches(['.', '…']).len()
    } else if after.to_ascii_lowercase().starts_with("xx") {
        after.len() - after.trim_start_matches(['x', 'X', '-', '/']).len()
    } else {
        0
    };
    let end = if tail == 0 { end } else { end + gap + tail };
    Some((start, end))
}

/// An ellipsis standing for a word: not an omission mark, a dot leader or a quotation.
fn ellipsis(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    // The whole run of dots.
    let run_end = end + text[end..].len() - text[end..].trim_start_matches(['.', '…']).len();
    let run_start = start - (text[..start].len() - text[..start].trim_end_matches('.').len());
    let dots = text[run_start..run_end].chars().count();
    if dots >= 4 && !text[run_start..run_end].contains('…') {
        return None; // a dot leader
    }
    let before = text[..run_start].trim_end_matches(' ');
    let after = text[run_end..].trim_start_matches(' ');
    if before.ends_with(['(', '[']) && after.starts_with([')', ']']) {
        return None; // an omission mark
    }
    if inside_quotes(text, run_start) {
        return None;
    }
    // "enz..." or "wetten...": an ellipsis glued to a word ends a trailing-off sentence.
    if text[..run_start].ends_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((run_start, run_end))
}

/// "[datum]", "[naam voorzitter]", "[...]" is an omission mark and not reported here.
fn bracket(text: &str, start: usize) -> Option<(usize, usize)> {
    let close = text[start..].find(']')? + start;
    let inner = text[start + 1..close].trim();
    if inner.len() > 40 {
        return None;
    }
    let lower = inner.to_lowercase();
    let first = lower
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("");
    let phrase = [
        "in te vullen",
        "nog in te vullen",
        "nog te bepalen",
        "nader te bepalen",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    (phrase || BRACKET_WORDS.contains(&first)).then_some((start, close + 1))
}

/// "xx", "XXX", "20xx", "xx-xx-2021": a word of x's (with digits) holding "xx".
fn xx(text: &str, start: usize) -> Option<(usize, usize)> {
    let word_start = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map_or(start, |(i, _)| i);
    // A date or number of x's runs on over hyphens and slashes: "xx-xx-2021".
    let word_end = text[start..]
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '/'))
        .map_or(text.len(), |(i, _)| start + i);
    let word = text[word_start..word_end].trim_end_matches(['-', '/']);
    let word_end = word_start + word.len();
    if !word
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, 'x' | 'X' | '-' | '/'))
    {
        return None;
    }
    if word.chars().all(|c| c == 'X') {
        let previous = text[..word_start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        if DIVISIONS.contains(&previous.trim_end_matches([',', '.'])) || word.len() > 3 {
            return None; // a Roman numeral
        }
    }
    Some((word_start, word_end))
}

/// "nader te bepalen" with no noun after it: "(nader te bepalen)", "datum: nader te
/// bepalen.", not "op een nader te bepalen tijdstip".
fn nader(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if !whole_word(text, start, end - start) {
        return None;
    }
    let after = text[end..].trim_start();
    let noun_follows = after.starts_with(|c: char| c.is_alphanumeric());
    (!noun_follows).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, run};

    fn found(line: &str) -> Vec<String> {
        codes(&run("", &format!("Artikel 1\n\n{line}\n")))
    }

    #[test]
    fn placeholders_are_found() {
        for (line, what) in [
            ("Vastgelegd in het Eindrapport d.d. ...", "d.d. ..."),
            (
                "Vastgelegd in het Eindrapport d.d. [datum].",
                "d.d. [datum]",
            ),
            ("Het besluit van d.d. , nummer 3.", "d.d."),
            ("De secretaris is … van de gemeente.", "…"),
            ("De bijdrage is ... euro.", "..."),
            ("De voorzitter, [naam], ondertekent.", "[naam]"),
            (
                "Het besluit van [datum invullen] geldt.",
                "[datum invullen]",
            ),
            ("In artikel xx is bepaald dat het mag.", "xx"),
            ("Het besluit van xx-xx-2021 geldt.", "xx-xx-2021"),
            ("Met ingang van 20xx geldt dit.", "20xx"),
            ("De bijdrage bedraagt € PM per inwoner.", "PM"),
            ("De bijdrage bedraagt € p.m. per inwoner.", "p.m."),
            ("Zie de wet van 1 mei 2010 (Stb. PM).", "PM"),
            (
                "De bijdrage is [nog in te vullen] euro.",
                "[nog in te vullen]",
            ),
            ("De datum is nader te bepalen.", "nader te bepalen"),
            (
                "De vergoeding (nader te bepalen) wordt betaald.",
                "nader te bepalen",
            ),
            ("De datum is n.t.b. door het bestuur.", "n.t.b."),
        ] {
            assert_eq!(
                found(line),
                vec![format!("L002: nog in te vullen: \"{what}\"")],
                "{line}"
            );
        }
    }

    #[test]
    fn published_uses_stay_silent() {
        for line in [
            "Het besluit van 1 januari 2021 (...) blijft gelden.",
            "In artikel 3 wordt ‘de gemeente ... bepaalt’ vervangen door ‘het bestuur’.",
            "Naam: ..............................",
            "Het treedt in werking op een nader te bepalen tijdstip.",
            "Het treedt in werking op een door het bestuur nader te bepalen datum.",
            "Zie hoofdstuk XX van de wet.",
            "De opmerking en het PMD-afval en de pm10 waarde en PM<sub>2,5</sub>.",
            "De taken [in het Servisch: uprava] gelden.",
            "De gemeenten d.d. 1 januari 2021 besluiten.",
            "Het bepaalde in [Vervallen] blijft.",
            "De raad enz... besluit.",
        ] {
            assert!(found(line).is_empty(), "{line}: {:?}", found(line));
        }
    }

    #[test]
    fn the_ondertekening_may_wait_for_its_date() {
        let body = "Artikel 1\n\nDeze regeling geldt.\n\nAldus vastgesteld d.d. ...\n\nDe voorzitter, [naam]\n";
        let d = run("", body);
        assert!(
            d.iter().all(|d| d.code != "L002" || d.line < 9),
            "{:?}",
            codes(&d)
        );
    }

    /// The openers found by hand are the automaton's: on every line and every alinea of
    /// the repository's `.gr` files, the corpus and the real GRs, and on constructed
    /// lines with each opener in each case, overlapping, cut short and at the ends.
    #[test]
    fn openers_by_hand_are_the_automatons() {
        use super::{opener_matches, openers};
        let mut spare = Vec::new();
        let mut same = |text: &str| -> usize {
            let theirs: Vec<(usize, usize)> = openers()
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let ours = opener_matches(text, &mut spare);
            assert_eq!(ours, theirs, "{text:?}");
            ours.len()
        };
        let mut real = 0usize;
        for (_, text) in &crate::source::test_texts_and_real_fixtures() {
            for line in text.lines() {
                real += same(line);
            }
            let (r, _) = crate::source::parse("t.gr", text);
            for t in super::super::texts(&r) {
                real += same(t.text());
            }
        }
        let mut constructed = 0;
        for opener in super::OPENERS {
            let mut chars = opener.chars();
            let first = chars.next().unwrap();
            for variant in [
                opener.to_string(),
                opener.to_uppercase(),
                first.to_uppercase().collect::<String>() + chars.as_str(),
            ] {
                for line in [
                    variant.clone(),
                    format!("a {variant} b"),
                    format!("{variant}{variant}"),
                    format!("x{variant}."),
                    variant[..variant.char_indices().last().unwrap().0].to_string(),
                    format!("Tekst {variant}"),
                    format!("...{variant}..."),
                    format!("0123456789ab{variant}"),
                ] {
                    same(&line);
                    constructed += 1;
                }
            }
        }
        for line in [
            "d.d.d.d. ....... …… [[ xxx XXX xXx p.m.m pmpm PM. P.m. n.t.b.t.b.",
            "nader te bepalen te bepalen NADER TE BEPALEN nader te bepalenn naderte bepalen",
            "nader tebepalen nader  te bepalen p p pp pP Pp pn .p x. .x ’…’ “…” –…—",
            "Nader te bepalen",
            "p",
            "P",
            ".",
            "x",
            "n.",
            "d.",
            "…",
            "",
            "€ PM per inwoner",
        ] {
            same(line);
            constructed += 1;
        }
        assert!(constructed > 200);
        assert!(real > 1_500, "{real} openers in real text");
    }
}
