//! L008: begroting and jaarrekening dates and zienswijze terms that differ from what the
//! Wgr prescribes since its amendment of 1 juli 2022 (Wet van 15 december 2021, Stb. 2022,
//! 18; in force by Stb. 2022, 128, whose nota van toelichting says existing regelingen had
//! until 1 juli 2024 to be brought in line, artikel V of that law). In a gemeenschappelijke
//! regeling only (see `super::is_gr`).
//!
//! What is encoded, and where it was read (addresses in docs/diagnostics.md):
//! - the vastgestelde begroting goes to gedeputeerde staten within two weeks of its
//!   vaststelling and in any case before 15 september of the year before (art 34, tweede
//!   lid; it was 1 augustus): the law's own words in art 58, tweede lid, the same rule for
//!   regelingen of gemeenten and provincies, and the mapping to art 34 in two summaries;
//! - the vastgestelde jaarrekening before 15 juli of the year after (art 34; unchanged, the
//!   law's words in art 58, vierde lid);
//! - the ontwerpbegroting reaches the raden twelve weeks before the algemeen bestuur gets
//!   it, and the raden have twelve weeks for their zienswijze (art 35, eerste and derde
//!   lid; it was eight): read in two summaries only, which agree.
//!
//! Not encoded: art 34b (kaders and voorlopige jaarrekening, one summary only) and art 35b
//! (not found). A date is a clause's restatement of the law, so any other date is
//! reported; a term is the raden's right, so only a shorter one is.

use super::{Part, Text, is_gr};
use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// The zienswijze term and the time the ontwerpbegroting must be with the raden (art 35).
const WEEKS: u32 = 12;
/// (day, month) of the latest date the begroting goes to gedeputeerde staten (art 34).
const BEGROTING_GS: (u32, usize) = (15, 9);
/// The same for the jaarrekening.
const JAARREKENING_GS: (u32, usize) = (15, 7);

const AMENDED: &str = "de Wgr is per 1 juli 2022 gewijzigd (Wet van 15 december 2021, Stb. 2022, 18); een bestaande regeling moest vóór 1 juli 2024 daarmee in overeenstemming zijn gebracht";

/// Words that name the draft begroting.
const DRAFT: &[&str] = &[
    "ontwerpbegroting",
    "ontwerp-begroting",
    "conceptbegroting",
    "concept-begroting",
    "ontwerp van de begroting",
    "concept van de begroting",
];

/// Words of sending or offering.
const SENDING: &[&str] = &[
    "zendt",
    "zenden",
    "gezonden",
    "toezending",
    "aangeboden",
    "biedt",
    "aanbieden",
];

pub fn check(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    if !is_gr(r) {
        return;
    }
    let begroting = memchr::memmem::Finder::new("egroting");
    let rekening = memchr::memmem::Finder::new("rekening");
    // The latest date the ontwerpbegroting reaches the raden, in the article being read
    // (alineas of one article are consecutive).
    let mut sent: Option<(*const crate::tree::Artikel, u32)> = None;
    for t in texts {
        if t.part != Part::Body || t.in_decision {
            continue;
        }
        let bytes = t.text().as_bytes();
        if begroting.find(bytes).is_none() && rekening.find(bytes).is_none() {
            continue;
        }
        let lower = t.text().to_lowercase();
        // Spans point into the text only when lower-casing kept every byte in place.
        let same = lower.len() == t.text().len();
        let artikel = t.artikel.map(|a| a as *const _);
        let mut report = |start: usize, end: usize, message: String, note: &str| {
            let span = if same {
                t.span(start, end)
            } else {
                t.alinea.span
            };
            diags.push(
                Diagnostic::new("L008", message)
                    .at(&r.file, span)
                    .node(&t.alinea.eid)
                    .note(note),
            );
        };
        for (s, e) in sentences(&lower) {
            let sentence = &lower[s..e];
            to_gedeputeerde_staten(sentence, s, &mut report);
            if !DRAFT.iter().any(|w| sentence.contains(w)) {
                continue;
            }
            if !sentence.contains("raden") || sentence.contains("minister") {
                continue;
            }
            let zienswijze = sentence.contains("zienswijze");
            if let Some((at, len, n, after)) = weeks(sentence)
                && n < WEEKS
            {
                let message = if zienswijze && after.starts_with("na") {
                    format!(
                        "de raden krijgen {n} weken voor hun zienswijze op de ontwerpbegroting; de Wgr (art. 35) geeft ze twaalf weken"
                    )
                } else if after.starts_with("voor") {
                    format!(
                        "de ontwerpbegroting gaat {n} weken voor de behandeling naar de raden; de Wgr (art. 35) schrijft twaalf weken voor"
                    )
                } else {
                    continue;
                };
                report(s + at, s + at + len, message, AMENDED);
                continue;
            }
            // The date a sentence opens with is its deadline: the draft's when a sentence
            // also sends the conceptjaarrekening ("uiterlijk 15 april ... de
            // conceptbegroting ..., en uiterlijk 15 april ... de conceptjaarrekening").
            let Some((at, len, day)) = first_date(sentence) else {
                continue;
            };
            let day = day_of_year(day);
            if zienswijze {
                let Some((_, from)) = sent.filter(|(a, _)| Some(*a) == artikel) else {
                    continue;
                };
                if day > from && day - from < WEEKS * 7 {
                    let days = day - from;
                    report(
                        s + at,
                        s + at + len,
                        format!(
                            "de raden krijgen voor hun zienswijze op de ontwerpbegroting {} na de uiterste datum van toezending; de Wgr (art. 35) geeft ze twaalf weken",
                            weeks_and_days(days)
                        ),
                        AMENDED,
                    );
                }
            } else if SENDING.iter().any(|w| sentence.contains(w)) {
                sent = artikel.map(|a| (a, day));
            }
        }
    }
}

/// A sentence that sends the vastgestelde begroting or jaarrekening to gedeputeerde
/// staten before a date other than the Wgr's.
fn to_gedeputeerde_staten(
    sentence: &str,
    offset: usize,
    report: &mut impl FnMut(usize, usize, String, &str),
) {
    if !sentence.contains("gedeputeerde staten") || !SENDING.iter().any(|w| sentence.contains(w)) {
        return;
    }
    let begroting = bare(sentence, "begroting");
    let jaarrekening = bare(sentence, "jaarrekening");
    let (what, wanted, article) = match (begroting, jaarrekening) {
        (true, false) => ("begroting", BEGROTING_GS, "art. 34, tweede lid"),
        (false, true) => ("jaarrekening", JAARREKENING_GS, "art. 34"),
        _ => return,
    };
    let Some((at, len, date)) = first_date(sentence) else {
        return;
    };
    if date != wanted {
        let name = |(d, m): (u32, usize)| format!("{d} {}", crate::nl::MONTHS[m - 1]);
        report(
            offset + at,
            offset + at + len,
            format!(
                "de vastgestelde {what} gaat volgens de Wgr ({article}) vóór {} naar gedeputeerde staten, niet vóór {}",
                name(wanted),
                name(date)
            ),
            AMENDED,
        );
    }
}

/// Whether `word` stands in the sentence on its own: not part of a compound
/// ("conceptbegroting", "begrotingswijziging").
fn bare(sentence: &str, word: &str) -> bool {
    sentence
        .match_indices(word)
        .any(|(at, m)| super::whole_word(sentence, at, m.len()))
}

/// The sentences of a (lower case) text as byte ranges: cut after a full stop or
/// semicolon followed by a space.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | ';') && text[i + 1..].starts_with(' ') {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out
}

/// The first "<n> weken" of a sentence: its place, length, the number and the text after.
fn weeks(sentence: &str) -> Option<(usize, usize, u32, &str)> {
    for (at, _) in sentence.match_indices(" weken") {
        let before = &sentence[..at];
        let word_start = before.rfind(' ').map_or(0, |p| p + 1);
        let Some(n) = number(&before[word_start..]) else {
            continue;
        };
        let end = at + " weken".len();
        return Some((
            word_start,
            end - word_start,
            n,
            sentence[end..].trim_start(),
        ));
    }
    None
}

/// A number written in digits or as a Dutch word up to twenty.
fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "nul",
        "een",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
        "twintig",
    ];
    let word = if word == "één" { "een" } else { word };
    word.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|n| n as u32))
}

/// The first deadline of a text ("vóór 1 augustus", "uiterlijk 15 april", "voor 1 juni"):
/// the place and length of the date, and (day, month).
fn first_date(text: &str) -> Option<(usize, usize, (u32, usize))> {
    let mut best: Option<(usize, usize, (u32, usize))> = None;
    for lead in ["vóór ", "voor ", "uiterlijk "] {
        for (at, m) in text.match_indices(lead) {
            if !super::whole_word(text, at, m.len() - 1) {
                continue;
            }
            let rest = &text[at + m.len()..];
            let mut words = rest.split(' ');
            let (Some(d), Some(month)) = (words.next(), words.next()) else {
                continue;
            };
            let month = month.trim_end_matches(|c: char| !c.is_alphabetic());
            let (Ok(day), Some(m)) = (
                d.parse::<u32>(),
                crate::nl::MONTHS.iter().position(|x| *x == month),
            ) else {
                continue;
            };
            if !(1..=31).contains(&day) {
                continue;
            }
            let start = at + lead.len();
            let len = d.len() + 1 + month.len();
            if best.is_none_or(|b| start < b.0) {
                best = Some((start, len, (day, m + 1)));
            }
            break;
        }
    }
    best
}

/// The day of a non-leap year (only differences within one year are taken).
fn day_of_year((day, month): (u32, usize)) -> u32 {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    BEFORE[month - 1] + day
}

/// "10 weken en 1 dag", "9 weken", "5 dagen".
fn weeks_and_days(days: u32) -> String {
    let (w, d) = (days / 7, days % 7);
    let dagen = |d: u32| format!("{d} {}", if d == 1 { "dag" } else { "dagen" });
    match (w, d) {
        (0, d) => dagen(d),
        (w, 0) => format!("{w} {}", if w == 1 { "week" } else { "weken" }),
        (w, d) => format!(
            "{w} {} en {}",
            if w == 1 { "week" } else { "weken" },
            dagen(d)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, run};

    const GR: &str = "soort: collegeregeling\n";

    fn l008(body: &str) -> Vec<String> {
        codes(&run(GR, body))
            .into_iter()
            .filter(|c| c.starts_with("L008"))
            .collect()
    }

    #[test]
    fn dates_to_gedeputeerde_staten() {
        let body = "Artikel 22\n\n1. Het dagelijks bestuur zendt de vastgestelde begroting binnen twee weken na de vaststelling, doch in ieder geval vóór 1 augustus van het jaar voorafgaand aan dat waarvoor de begroting dient, aan Gedeputeerde Staten.\n2. Het dagelijks bestuur zendt de vastgestelde jaarrekening vóór 1 juli aan gedeputeerde staten.\n3. Het dagelijks bestuur zendt de jaarrekening vóór 15 juli aan gedeputeerde staten.\n4. Het dagelijks bestuur zendt de begroting vóór 15 september aan gedeputeerde staten.\n";
        assert_eq!(
            l008(body),
            vec![
                "L008: de vastgestelde begroting gaat volgens de Wgr (art. 34, tweede lid) vóór 15 september naar gedeputeerde staten, niet vóór 1 augustus",
                "L008: de vastgestelde jaarrekening gaat volgens de Wgr (art. 34) vóór 15 juli naar gedeputeerde staten, niet vóór 1 juli",
            ]
        );
    }

    #[test]
    fn zienswijze_terms_in_weeks_and_between_dates() {
        let body = "Artikel 22\n\n1. Het dagelijks bestuur zendt de ontwerpbegroting zes weken voordat zij aan het algemeen bestuur wordt aangeboden aan de raden.\n2. De raden kunnen uiterlijk 10 weken na toezending hun zienswijze over de ontwerpbegroting naar voren brengen.\n3. De raden kunnen binnen twaalf weken na toezending hun zienswijze over de ontwerpbegroting naar voren brengen.\n\nArtikel 23\n\n1. Het dagelijks bestuur zendt uiterlijk 15 april de conceptbegroting aan de raden.\n2. De raden kunnen uiterlijk 25 juni hun zienswijzen over de conceptbegroting naar voren brengen.\n\nArtikel 24\n\n1. Het dagelijks bestuur zendt uiterlijk 1 april de conceptbegroting aan de raden.\n2. De raden kunnen uiterlijk 25 juni hun zienswijzen over de conceptbegroting naar voren brengen.\n";
        assert_eq!(
            l008(body),
            vec![
                "L008: de ontwerpbegroting gaat 6 weken voor de behandeling naar de raden; de Wgr (art. 35) schrijft twaalf weken voor",
                "L008: de raden krijgen 10 weken voor hun zienswijze op de ontwerpbegroting; de Wgr (art. 35) geeft ze twaalf weken",
                "L008: de raden krijgen voor hun zienswijze op de ontwerpbegroting 10 weken en 1 dag na de uiterste datum van toezending; de Wgr (art. 35) geeft ze twaalf weken",
            ]
        );
    }

    #[test]
    fn silent_outside_a_gr_and_for_other_bodies() {
        let body = "Artikel 1\n\n1. Het dagelijks bestuur zendt de begroting vóór 1 augustus aan gedeputeerde staten.\n";
        assert!(run("", body).is_empty());
        // Other procedures: a minister's or provinciale staten's zienswijze, other besluiten.
        for line in [
            "Het dagelijks bestuur zendt de ontwerpbegroting zes weken voordat zij aan het algemeen bestuur wordt aangeboden aan de minister en aan provinciale staten.",
            "De concepten van belangrijke besluiten worden de raden acht weken voor de vergadering toegezonden.",
            "Het dagelijks bestuur zendt de begroting en de jaarrekening vóór 1 augustus aan gedeputeerde staten.",
        ] {
            let got = l008(&format!("Artikel 1\n\n{line}\n"));
            assert!(got.is_empty(), "{line}: {got:?}");
        }
    }
}
