//! Clauses the law has overtaken, in a gemeenschappelijke regeling (see `super::is_gr`).
//!
//! L004: bekendmaking in the Staatscourant, or in a huis-aan-huisblad or newspaper alone.
//! Since the Wet elektronische publicaties (in force 1 juli 2021) the gemeente of the
//! place of establishment, or the gemeente the regeling names, makes the regeling known
//! in its own electronic gemeenteblad (Wgr art 26, eerste lid), and decisions of the
//! openbaar lichaam go in its electronic publicatieblad, the Blad gemeenschappelijke
//! regeling. Reported only for a regeling that enters into force on or after that date
//! (or gives no date: a draft), and not when a minister takes part (such a regeling is
//! published in the Staatscourant still).
//!
//! L005: votes by inwonertal without a peildatum. Wgr art 13, vierde lid (zesde lid for a
//! collegeregeling) lets the regeling set the votes; tied to an inwonertal with no date
//! or source, the number of votes changes with every count, and nobody can say which
//! count applies. A peildatum counts when it stands in the same article, in a
//! begripsbepaling of the inwonertal, or anywhere as the word "peildatum".

use super::{Part, Text, is_gr};
use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// The date the Wet elektronische publicaties came into force.
const WEP: &str = "2021-07-01";

/// Words that make a sentence one about making something known.
const PUBLISHING: &[&str] = &[
    "bekendma",
    "bekendgema",
    "bekend gema",
    "bekend te ma",
    "publicatie",
    "gepubliceerd",
    "publiceert",
    "publiceren",
    "geplaatst",
    "plaatsing",
    "kennisgeving",
];

/// Paper media that are not a bekendmaking on their own.
const PAPER: &[&str] = &[
    "huis-aan-huisblad",
    "huis-aan-huis-blad",
    "huis aan huisblad",
    "huis-aan-huisbladen",
    "dagblad",
    "dagbladen",
    "weekblad",
    "nieuwsblad",
    "krant",
    "kranten",
];

/// Words that name the electronic publication beside a paper medium.
const ELECTRONIC: &[&str] = &[
    "gemeenteblad",
    "publicatieblad",
    "blad gemeenschappelijke regeling",
    "elektronisch",
    "officielebekendmakingen",
    "officiëlebekendmakingen",
];

pub fn check(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    if !is_gr(r) {
        return;
    }
    publication(r, texts, diags);
    peildatum(r, texts, diags);
}

/// Whether the regeling's publication rules are those of the Wet elektronische
/// publicaties: in force from 1 juli 2021 on, or a draft without a date; no minister
/// among the parties.
fn after_wep(r: &Regeling, texts: &[Text<'_>]) -> bool {
    // The date it enters into force, else a version that is a year ("versie: 2015"): a
    // text of 2020 or before was right to name the Staatscourant when it was made.
    let m = &r.metadata;
    let date_ok = match (m.entry_into_force.as_deref(), m.version.as_deref()) {
        (Some(d), _) => d >= WEP,
        (None, Some(v)) => v
            .trim()
            .parse::<u32>()
            .map_or(true, |year| !(1800..=2020).contains(&year)),
        (None, None) => true,
    };
    let minister = texts
        .iter()
        .filter(|t| t.part == Part::Aanhef && !t.in_decision)
        .any(|t| t.text().to_lowercase().contains("minister"))
        || r.title
            .as_ref()
            .is_some_and(|t| t.text.to_lowercase().contains("minister"));
    date_ok && !minister
}

fn publication(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    // The byte pre-filter: a sentence about the Staatscourant or a paper medium has one of
    // these bytes sequences; most alineas have neither.
    let stcrt = memchr::memmem::Finder::new("taatscourant");
    let blad = memchr::memmem::Finder::new("blad");
    let krant = memchr::memmem::Finder::new("krant");
    let mut checked: Option<bool> = None;
    for t in texts {
        if t.part != Part::Body || t.in_decision {
            continue;
        }
        let bytes = t.text().as_bytes();
        let staatscourant = stcrt.find(bytes);
        if staatscourant.is_none() && blad.find(bytes).is_none() && krant.find(bytes).is_none() {
            continue;
        }
        if !*checked.get_or_insert_with(|| after_wep(r, texts)) {
            return;
        }
        let lower = t.text().to_lowercase();
        if !PUBLISHING.iter().any(|w| lower.contains(w)) {
            continue;
        }
        // "in de Staatscourant", not a citation ("Staatscourant 2014, 123", "Stcrt.").
        let ordered = lower.match_indices("in de staatscourant").find(|&(at, m)| {
            !lower[at + m.len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        });
        if let Some((at, m)) = ordered {
            diags.push(
                Diagnostic::new(
                    "L004",
                    "bekendmaking in de Staatscourant is achterhaald: een gemeenschappelijke regeling wordt sinds 1 juli 2021 bekendgemaakt in het gemeenteblad (Wgr art 26, eerste lid)",
                )
                .at(&r.file, t.span(at + 6, at + m.len()))
                .node(&t.alinea.eid)
                .note("Wet elektronische publicaties: het gemeentebestuur van de plaats van vestiging (of de gemeente die de regeling aanwijst) maakt de regeling bekend in zijn elektronische gemeenteblad"),
            );
            continue;
        }
        let paper = PAPER.iter().find_map(|w| {
            lower
                .match_indices(w)
                .find(|&(at, m)| super::whole_word(&lower, at, m.len()))
        });
        if let Some((at, m)) = paper
            && !ELECTRONIC.iter().any(|w| lower.contains(w))
        {
            let words = &t.text()[at..at + m.len()];
            diags.push(
                Diagnostic::new(
                    "L004",
                    format!("bekendmaking in een {words} alleen volstaat niet: sinds 1 juli 2021 is de bekendmaking elektronisch, in het gemeenteblad of het Blad gemeenschappelijke regeling (Wgr art 26, eerste lid)"),
                )
                .at(&r.file, t.span(at, at + m.len()))
                .node(&t.alinea.eid)
                .note("Wet elektronische publicaties: een krant of huis-aan-huisblad mag er naast, niet in plaats van"),
            );
        }
    }
}

/// The words that date a count or name its source (besides the months).
const SOURCES: &[&str] = &[
    "peildatum",
    "centraal bureau voor de statistiek",
    "cbs",
    "basisregistratie",
    "bevolkingsregister",
    "brp",
    "gba",
];

/// Whether a (lower case) text gives a peildatum or a source for the inwonertal: a month
/// or a source as a whole word. One automaton pass for all the words (a search per word
/// was two thirds of this check); overlapping matches, so every occurrence of every word
/// is judged, as the search per word judged them (no word overlaps itself).
fn dates_the_count(lower: &str) -> bool {
    static WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(crate::nl::MONTHS.iter().chain(SOURCES))
            .expect("fixed words")
    });
    WORDS
        .find_overlapping_iter(lower)
        .any(|m| super::whole_word(lower, m.start(), m.len()))
}

fn peildatum(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    let inwon = memchr::memmem::Finder::new("inwon");
    // A peildatum given once for the whole regeling: the word anywhere, or a date in a
    // begripsbepaling of the inwonertal (an onderdeel whose text names it).
    // Byte pre-filters first: lower-casing every alinea was most of this check's time.
    let peil = memchr::memmem::Finder::new("eildatum");
    let capital = memchr::memmem::Finder::new("Inwon");
    let mentions = |t: &Text<'_>| {
        let b = t.text().as_bytes();
        inwon.find(b).is_some() || capital.find(b).is_some()
    };
    let dated_everywhere = texts.iter().any(|t| {
        peil.find(t.text().as_bytes()).is_some()
            || (t.alinea.eid.contains("__li_")
                && mentions(t)
                && dates_the_count(&t.text().to_lowercase()))
    });
    if dated_everywhere {
        return;
    }
    // Per article: the alineas that tie votes to an inwonertal, and whether any line of
    // the article dates the count. Alineas of one article are consecutive.
    let mut i = 0;
    while i < texts.len() {
        let Some(artikel) = texts[i].artikel.filter(|_| texts[i].part == Part::Body) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j < texts.len() && texts[j].artikel.is_some_and(|a| std::ptr::eq(a, artikel)) {
            j += 1;
        }
        let article = &texts[i..j];
        i = j.max(i + 1);
        if !article.iter().any(&mentions) {
            continue;
        }
        let lowers: Vec<String> = article.iter().map(|t| t.text().to_lowercase()).collect();
        if !lowers.iter().any(|l| l.contains("stem")) {
            continue;
        }
        let band = article.iter().zip(&lowers).find(|(_, l)| {
            inwon.find(l.as_bytes()).is_some() && has_threshold(l) && !l.contains("stemmen over")
        });
        let Some((t, _)) = band else { continue };
        if lowers.iter().any(|l| dates_the_count(l)) {
            continue;
        }
        let at = t.text().to_lowercase().find("inwon").unwrap_or(0);
        let end = t.text()[at..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(t.text().len(), |e| at + e);
        diags.push(
            Diagnostic::new(
                "L005",
                format!(
                    "het aantal stemmen hangt af van het inwonertal, maar {} noemt geen peildatum",
                    artikel.label_with_number().to_lowercase()
                ),
            )
            .at(&r.file, t.span(at, end))
            .node(&t.alinea.eid)
            .note("zeg welk inwonertal telt (bijvoorbeeld: op 1 januari van het jaar voorafgaand aan de zittingsperiode, volgens het CBS); Wgr art 13, vierde lid (zesde lid voor een collegeregeling): de regeling bepaalt het aantal stemmen"),
        );
    }
}

/// Whether a text holds a population threshold: a number of a thousand or more
/// ("20.000", "40 000", "15000").
fn has_threshold(lower: &str) -> bool {
    lower
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ' '))
        .any(|chunk| {
            let digits: String = chunk.chars().filter(char::is_ascii_digit).collect();
            let grouped = chunk.trim().split([' ', '.']).count() > 1 || digits.len() >= 4;
            digits.len() >= 4 && grouped && digits.parse::<u64>().is_ok_and(|n| n >= 1000)
        })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, run};

    const GR: &str = "soort: collegeregeling\n";

    /// One pass of the automaton says what a search per word said, on every line of the
    /// regelingen and on the edges (a word inside another, at either end, repeated).
    #[test]
    fn dates_the_count_as_a_search_per_word() {
        let per_word = |lower: &str| {
            crate::nl::MONTHS.iter().chain(super::SOURCES).any(|w| {
                lower
                    .match_indices(w)
                    .any(|(at, m)| super::super::whole_word(lower, at, m.len()))
            })
        };
        let mut lines: Vec<String> = ["regelingen/wnk-2015.gr", "regelingen/sora-2022.gr"]
            .iter()
            .flat_map(|f| {
                std::fs::read_to_string(f)
                    .unwrap()
                    .lines()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        lines.extend(
            [
                "mei",
                "meiboom",
                "op 1 mei",
                "cbscbs cbs",
                "gbagba",
                "xgba",
                "brp.",
                "1 januari,",
                "peildatumx peildatum",
                "",
                "juni juli",
                "decembermaand",
            ]
            .map(String::from),
        );
        let mut dated = 0;
        for l in &lines {
            assert_eq!(super::dates_the_count(l), per_word(l), "{l:?}");
            dated += usize::from(per_word(l));
        }
        assert!(dated > 10, "{dated}");
    }

    #[test]
    fn staatscourant_and_paper_media_in_a_new_gr() {
        let body = "Artikel 1\n\n1. De gemeente Alkmaar draagt zorg voor publicatie in de Staatscourant.\n2. Het besluit wordt bekendgemaakt in een huis-aan-huisblad.\n";
        let d = run(GR, body);
        assert_eq!(d.len(), 2, "{:?}", codes(&d));
        assert!(d[0].message.contains("Wgr art 26, eerste lid"));
        assert_eq!(d[0].end - d[0].start, "Staatscourant".len() as u32);
        assert!(d[1].message.contains("in een huis-aan-huisblad alleen"));
    }

    #[test]
    fn publication_rules_stay_silent_where_they_held() {
        let body = "Artikel 1\n\nDe gemeente draagt zorg voor publicatie in de Staatscourant.\n";
        // Before the Wet elektronische publicaties.
        assert!(run(&format!("{GR}inwerkingtreding: 2015-01-01\n"), body).is_empty());
        assert!(run(&format!("{GR}versie: 2015\n"), body).is_empty());
        assert_eq!(run(&format!("{GR}versie: 2022\n"), body).len(), 1);
        // Not a GR.
        assert!(run("", body).is_empty());
        // A minister takes part.
        let with_minister = format!("De Minister van Onderwijs en de colleges,\n\n{body}");
        assert!(run(GR, &with_minister).is_empty());
        // A citation of an earlier publication, a newspaper beside the gemeenteblad.
        for line in [
            "Het besluit is bekendgemaakt in de Staatscourant 2014, 123.",
            "Het besluit wordt bekendgemaakt in het Gemeenteblad en in een huis-aan-huisblad.",
            "De krant is een taak van het bestuur.",
        ] {
            let d = run(GR, &format!("Artikel 1\n\n{line}\n"));
            assert!(d.is_empty(), "{line}: {:?}", codes(&d));
        }
    }

    const BANDS: &str = "Artikel 9\n\n1. De stemverhouding is als volgt:\n   a. een gemeente met een inwonertal tot 20.000 inwoners heeft één stem;\n   b. een gemeente met 20.000 inwoners of meer heeft drie stemmen.\n";

    #[test]
    fn vote_bands_without_a_peildatum() {
        let d = run(GR, BANDS);
        assert_eq!(
            codes(&d),
            vec![
                "L005: het aantal stemmen hangt af van het inwonertal, maar artikel 9 noemt geen peildatum"
            ]
        );
    }

    #[test]
    fn a_peildatum_in_the_article_or_a_definition_silences_it() {
        let dated = format!(
            "{BANDS}2. Het inwonertal is dat op 1 januari van het jaar van de verkiezingen.\n"
        );
        assert!(run(GR, &dated).is_empty());
        let defined = format!(
            "Artikel 1\n\n1. In deze regeling wordt verstaan onder:\n   a. inwonertal: het aantal inwoners volgens het CBS op 1 januari;\n   b. bestuur: het bestuur.\n\n{BANDS}"
        );
        assert!(
            run(GR, &defined).is_empty(),
            "{:?}",
            codes(&run(GR, &defined))
        );
        // Not a GR: no Wgr rule.
        assert!(run("", BANDS).is_empty());
    }
}
