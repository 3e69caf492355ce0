//! Who votes: the deelnemers as of the regeling's inwerkingtreding.
//!
//! The metadata names the gemeenten that made the regeling. When a herindeling merged some
//! of them before the regeling entered into force (SORA 2022: Heerhugowaard and Langedijk
//! became Dijk en Waard on 1 januari 2022, the day SORA took effect), the algemeen bestuur
//! has members of the new gemeente, not of the old ones, so the stemverhouding is computed
//! for the new gemeente. The mergers are the table `data/herindelingen.tsv` that check
//! L007 reads; "before the inwerkingtreding" is judged the same way as there.
//!
//! A scenario file (`grc stemmen --inwoners`) names the deelnemers itself and is taken as
//! it is.

use crate::check::proofread::herindeling::{merged_before, mergers};
use crate::tree::Regeling;

use super::Population;

/// The deelnemers to compute for, and why they differ from the metadata's.
#[derive(Debug, Clone, Default)]
pub struct Deelnemers {
    pub names: Vec<String>,
    /// The mergers that replaced deelnemers of the metadata, in the order of the metadata.
    pub herindelingen: Vec<Herindeling>,
    /// Population figures that are not in the data but follow from it: the sum of the
    /// merged gemeenten when the file has no row for the new one.
    pub derived: Vec<Population>,
}

/// Gemeenten of the metadata that one herindeling merged into one deelnemer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Herindeling {
    /// The deelnemers of the metadata that went into `into`, in the metadata's order.
    pub merged: Vec<String>,
    pub into: String,
    /// The day the merger took effect (ISO).
    pub date: String,
    /// The law that did it.
    pub source: String,
    /// True when the population of `into` is the sum of the merged gemeenten's figures
    /// (the population file has no row for it).
    pub population_summed: bool,
}

/// The deelnemers to compute for: with a scenario file (`--inwoners`), the gemeenten in
/// it; otherwise the metadata's, with every gemeente that a herindeling merged away before
/// the inwerkingtreding replaced by the gemeente it went into (once, where the first of
/// its parts stood).
pub fn deelnemers(r: &Regeling, data: &[Population], scenario: bool) -> Deelnemers {
    if scenario {
        return Deelnemers {
            names: data.iter().map(|p| p.name.clone()).collect(),
            ..Deelnemers::default()
        };
    }
    let mut out = Deelnemers::default();
    for name in &r.metadata.participants {
        let name = name.trim();
        let Some(m) = successor(r, name) else {
            if !out.names.iter().any(|n| n == name) {
                out.names.push(name.to_string());
            }
            continue;
        };
        match out.herindelingen.iter_mut().find(|h| h.into == m.into) {
            Some(h) => h.merged.push(name.to_string()),
            None => {
                if !out.names.contains(&m.into) {
                    out.names.push(m.into.clone());
                }
                out.herindelingen.push(Herindeling {
                    merged: vec![name.to_string()],
                    ..m
                });
            }
        }
    }
    for h in &mut out.herindelingen {
        if data.iter().any(|p| p.name == h.into) {
            continue;
        }
        let parts: Vec<&Population> = h
            .merged
            .iter()
            .filter_map(|n| data.iter().find(|p| p.name == *n))
            .collect();
        // Summed only when every part has a figure on one peildatum: a sum of figures
        // from different days is no population of any day.
        let dates_agree = parts
            .windows(2)
            .all(|w| w[0].reference_date == w[1].reference_date);
        if parts.len() == h.merged.len() && dates_agree && !parts.is_empty() {
            h.population_summed = true;
            out.derived.push(Population {
                name: h.into.clone(),
                population: parts.iter().map(|p| p.population).sum(),
                reference_date: parts[0].reference_date.clone(),
                source: String::new(),
            });
        }
    }
    out
}

/// The gemeente `name` is part of when the regeling enters into force, following a chain
/// of mergers (a gemeente merged twice), or None when it still exists then.
fn successor(r: &Regeling, name: &str) -> Option<Herindeling> {
    let table = mergers();
    let mut found: Option<Herindeling> = None;
    let mut current = name;
    // The table has no cycles; the bound only guards against a bad edit of it.
    for _ in 0..table.len() {
        let Some(m) = table
            .iter()
            .find(|m| m.abolished == current && merged_before(r, m))
        else {
            break;
        };
        found = Some(Herindeling {
            merged: Vec::new(),
            into: m.merged_into.to_string(),
            date: m.date.to_string(),
            source: m.source.to_string(),
            population_summed: false,
        });
        current = m.merged_into;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regeling(meta: &str) -> Regeling {
        let text = format!("---\n{meta}---\nArtikel 1\n\nTekst.\n");
        crate::source::parse("t.gr", &text).0
    }

    fn pop(name: &str, n: u64) -> Population {
        Population {
            name: name.into(),
            population: n,
            reference_date: "2021-01-01".into(),
            source: "CBS".into(),
        }
    }

    #[test]
    fn merged_deelnemers_become_one_in_place_of_the_first() {
        let r = regeling(
            "deelnemers: Alkmaar, Heerhugowaard, Heiloo, Langedijk\ninwerkingtreding: 2022-01-01\n",
        );
        let data = [
            pop("Alkmaar", 10),
            pop("Heerhugowaard", 5),
            pop("Heiloo", 3),
            pop("Langedijk", 2),
        ];
        let d = deelnemers(&r, &data, false);
        assert_eq!(d.names, ["Alkmaar", "Dijk en Waard", "Heiloo"]);
        assert_eq!(d.herindelingen.len(), 1);
        let h = &d.herindelingen[0];
        assert_eq!(h.merged, ["Heerhugowaard", "Langedijk"]);
        assert_eq!((h.date.as_str(), h.population_summed), ("2022-01-01", true));
        assert!(h.source.contains("Stb. 2021, 372"), "{}", h.source);
        assert_eq!(
            d.derived,
            [Population {
                source: String::new(),
                ..pop("Dijk en Waard", 7)
            }]
        );
        // A row for the new gemeente in the data is used as it is.
        let d = deelnemers(&r, &[pop("Dijk en Waard", 8)], false);
        assert!(d.derived.is_empty() && !d.herindelingen[0].population_summed);
    }

    #[test]
    fn before_the_merger_and_for_a_scenario_nothing_changes() {
        let r = regeling("deelnemers: Alkmaar, Langedijk\ninwerkingtreding: 2021-12-31\n");
        let d = deelnemers(&r, &[], false);
        assert_eq!(d.names, ["Alkmaar", "Langedijk"]);
        assert!(d.herindelingen.is_empty());
        let r = regeling("deelnemers: Alkmaar, Langedijk\ninwerkingtreding: 2022-01-01\n");
        let d = deelnemers(&r, &[pop("Langedijk", 1)], true);
        assert_eq!(d.names, ["Langedijk"]);
    }
}
