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

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Part, Text, inside_quotes, whole_word};
use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// The byte patterns that can open a placeholder; everything else is never looked at.
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
    let ac = openers();
    for t in texts {
        if t.part == Part::Sluiting {
            continue;
        }
        let text = t.text();
        let mut covered = 0usize;
        for m in ac.find_iter(text) {
            if m.start() < covered {
                continue;
            }
            let Some((start, end)) = placeholder_at(text, m.start(), m.end()) else {
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
}
