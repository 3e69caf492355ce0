//! L007: a deelnemer that no longer exists when the regeling enters into force, because a
//! herindeling merged it into another gemeente (Heerhugowaard and Langedijk became Dijk en
//! Waard on 1 januari 2022).
//!
//! The mergers are data, `data/herindelingen.tsv` (one row per abolished gemeente: the
//! date, the name, the gemeente it went into, the law that did it, and the source the date
//! was checked against), built into the binary.
//! Only a name that disappeared is listed: when Castricum, Akersloot and Limmen merged into
//! a new Castricum, "Castricum" still names a gemeente.
//!
//! Where a name counts: the metadata's `deelnemers`, and the regeling's own text (articles,
//! bijlagen, toelichting) in an alinea that speaks of gemeenten or deelnemers. Not the
//! aanhef and the ondertekening, which rightly name the gemeenten that made the regeling
//! before they merged, nor a preceding decision.
//!
//! When: the regeling's `inwerkingtreding` on or after the merger; without one, a `versie`
//! that is a year after the merger's; with neither (a draft), every merger in the table.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Part, Text, is_gr, whole_word};
use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

/// One abolished gemeente.
#[derive(Debug)]
pub struct Merger {
    /// The day the merger took effect (ISO).
    pub date: &'static str,
    pub abolished: &'static str,
    pub merged_into: &'static str,
    /// The law that did it.
    pub source: &'static str,
}

/// The table in `data/herindelingen.tsv`, read once.
pub fn mergers() -> &'static [Merger] {
    static TABLE: OnceLock<Vec<Merger>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../../data/herindelingen.tsv")
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Merger {
                    date: f.next()?,
                    abolished: f.next()?,
                    merged_into: f.next()?,
                    source: f.next()?,
                })
            })
            .collect()
    })
}

fn names() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(mergers().iter().map(|m| m.abolished))
            .expect("names from the table")
    })
}

/// Whether the merger had taken effect when the regeling entered into force (also read
/// by `stemmen::deelnemers`, which computes the stemverhouding for the merged gemeente).
pub fn merged_before(r: &Regeling, m: &Merger) -> bool {
    let meta = &r.metadata;
    if let Some(d) = meta.entry_into_force.as_deref() {
        return m.date <= d;
    }
    match meta.version.as_deref().map(str::trim) {
        // A year: in force some day of that year; certain only for a merger of an earlier year.
        Some(v) if v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) => &m.date[..4] < v,
        // Another kind of version says nothing about the date; judge it as a draft.
        _ => true,
    }
}

fn finding(r: &Regeling, m: &Merger, date: &str) -> Diagnostic {
    Diagnostic::new(
        "L007",
        format!(
            "de gemeente {} bestaat niet meer bij de inwerkingtreding ({date}): op {} opgegaan in {}",
            m.abolished,
            crate::nl::date(m.date),
            m.merged_into
        ),
    )
    .note(format!("herindeling: {}", m.source))
    .note(format!(
        "de regeling noemt {} als deelnemer; sinds de herindeling is dat {}",
        m.abolished, m.merged_into
    ))
    .at(&r.file, r.metadata.span.unwrap_or_default())
}

pub fn check(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    if !is_gr(r) {
        return;
    }
    let date = r
        .metadata
        .entry_into_force
        .as_deref()
        .map_or_else(|| "nog niet vastgesteld".to_string(), crate::nl::date);
    let table = mergers();
    for p in &r.metadata.participants {
        if let Some(m) = table.iter().find(|m| m.abolished == p.trim())
            && merged_before(r, m)
        {
            diags.push(finding(r, m, &date));
        }
    }
    let ac = names();
    for t in texts {
        if t.in_decision || matches!(t.part, Part::Aanhef | Part::Sluiting) {
            continue;
        }
        let text = t.text();
        let mut about_gemeenten = None;
        for hit in ac.find_iter(text) {
            let (s, e) = (hit.start(), hit.end());
            // "Susteren" in "Echt-Susteren", "Mierlo" in "Geldrop-Mierlo": the merged
            // gemeente's own name, not the abolished one.
            let joined = text[..s].ends_with('-') || text[e..].starts_with('-');
            if !whole_word(text, s, e - s) || joined {
                continue;
            }
            let m = &table[hit.pattern().as_usize()];
            // Only where the alinea speaks of gemeenten: "Egmond" or "Naarden" alone may
            // be a village that is still there.
            let gemeenten = *about_gemeenten.get_or_insert_with(|| {
                let lower = text.to_lowercase();
                lower.contains("gemeente") || lower.contains("deelnemer")
            });
            if gemeenten && merged_before(r, m) {
                diags.push(
                    finding(r, m, &date)
                        .at(&r.file, t.span(s, e))
                        .node(&t.alinea.eid),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, run};
    use super::*;

    #[test]
    fn the_table_reads_and_names_dijk_en_waard() {
        let t = mergers();
        assert!(t.len() >= 20);
        assert!(t.iter().any(|m| m.abolished == "Langedijk"
            && m.merged_into == "Dijk en Waard"
            && m.date == "2022-01-01"));
        assert!(t.iter().all(|m| m.date.len() == 10 && !m.source.is_empty()));
        // Every date has the evidence it was checked against (the fifth column).
        let text = include_str!("../../../data/herindelingen.tsv");
        assert!(
            text.lines()
                .skip(1)
                .all(|l| l.split('\t').nth(4).is_some_and(|s| !s.is_empty()))
        );
    }

    #[test]
    fn a_deelnemer_merged_before_the_inwerkingtreding_is_found() {
        let meta = "soort: collegeregeling\ndeelnemers: Alkmaar, Langedijk\ninwerkingtreding: 2022-01-01\n";
        let body = "Artikel 1\n\nDeelnemende gemeenten zijn Alkmaar en Langedijk.\n";
        let d = run(meta, body);
        let found = codes(&d);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.starts_with(
            "L007: de gemeente Langedijk bestaat niet meer bij de inwerkingtreding (1 januari 2022): op 1 januari 2022 opgegaan in Dijk en Waard"
        )));
    }

    #[test]
    fn an_earlier_regeling_and_the_aanhef_are_not_judged() {
        let meta = "soort: collegeregeling\ndeelnemers: Alkmaar, Langedijk\nversie: 2015\n";
        let body = "Artikel 1\n\nDeelnemende gemeenten zijn Alkmaar en Langedijk.\n";
        assert!(codes(&run(meta, body)).is_empty());
        let meta = "soort: collegeregeling\ninwerkingtreding: 2022-01-01\n";
        let body = "De colleges van de gemeenten Heerhugowaard en Langedijk,\n\nbesluiten:\n\nArtikel 1\n\nDe gemeente Dijk en Waard neemt deel.\n";
        assert!(codes(&run(meta, body)).is_empty());
    }

    #[test]
    fn the_merged_gemeentes_own_name_is_not_the_abolished_one() {
        let meta = "soort: collegeregeling\ninwerkingtreding: 2022-01-01\n";
        let body = "Artikel 1\n\nDe gemeenten Sittard-Geleen, Echt-Susteren en Geldrop-Mierlo nemen deel.\n";
        let d = run(meta, body);
        assert!(codes(&d).is_empty(), "{:?}", codes(&d));
    }
}
