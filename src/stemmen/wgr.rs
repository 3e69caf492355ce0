//! The checks of a stemverhouding against the Wgr (art 13 lid 4 and 6, art 14) and against
//! itself: population bands without gaps or overlaps, the dagelijks bestuur's make-up,
//! qualified majorities and quorums that the largest deelnemers cannot block or decide
//! alone, and deelnemers named in the text that the population data lacks.

use super::seats::kind_by_name;
use super::*;

/// The population bands of the algemeen bestuur, with the rule that states each.
pub(super) fn bands(rules: &[Rule]) -> Vec<(&Rule, Band)> {
    rules
        .iter()
        .filter(|x| x.body == Body::General)
        .filter_map(|x| match x.clause {
            Clause::Band(b) => Some((x, b)),
            _ => None,
        })
        .collect()
}

/// Bands must cover every population exactly once: start at 0, meet without gap or
/// overlap, and end open.
pub(super) fn check_bands(bands: &[(&Rule, Band)], findings: &mut Vec<Diagnostic>, file: &str) {
    if bands.is_empty() {
        return;
    }
    let mut sorted: Vec<&(&Rule, Band)> = bands.iter().collect();
    sorted.sort_by_key(|(_, b)| b.from);
    let report = |findings: &mut Vec<Diagnostic>, rule: &Rule, msg: String| {
        findings.push(
            Diagnostic::new("V003", msg)
                .at(file, rule.span)
                .node(&rule.eid)
                .note("Wgr art 13, vierde lid (zesde lid voor een collegeregeling): de regeling bepaalt het stemgewicht van elke deelnemer"),
        );
    };
    let (first_rule, first) = sorted[0];
    if first.from > 0 {
        report(
            findings,
            first_rule,
            format!(
                "een gemeente met minder dan {} inwoners valt in geen klasse",
                thousands(first.from)
            ),
        );
    }
    for pair in sorted.windows(2) {
        let ((_, a), (rule_b, b)) = (pair[0], pair[1]);
        match a.below {
            None => report(
                findings,
                rule_b,
                format!(
                    "de klassen overlappen: een gemeente met {} of meer inwoners valt in twee klassen",
                    thousands(b.from)
                ),
            ),
            Some(end) if end < b.from => report(
                findings,
                rule_b,
                format!(
                    "gat tussen de klassen: een gemeente met {} tot {} inwoners valt in geen klasse",
                    thousands(end),
                    thousands(b.from)
                ),
            ),
            Some(end) if end > b.from => report(
                findings,
                rule_b,
                format!(
                    "de klassen overlappen: een gemeente met {} tot {} inwoners valt in twee klassen",
                    thousands(b.from),
                    thousands(end)
                ),
            ),
            _ => {}
        }
    }
    let (last_rule, last) = sorted[sorted.len() - 1];
    if let Some(end) = last.below {
        report(
            findings,
            last_rule,
            format!(
                "een gemeente met {} of meer inwoners valt in geen klasse",
                thousands(end)
            ),
        );
    }
}

/// Wgr art 14: composition of the dagelijks bestuur.
pub(super) fn check_db(
    r: &Regeling,
    rules: &[Rule],
    participants: &[Participant],
    members: u32,
    findings: &mut Vec<Diagnostic>,
) {
    let at = |rule: &Rule, d: Diagnostic| d.at(&r.file, rule.span).node(&rule.eid);
    // Lid 2: members from outside the AB.
    let outside = rules
        .iter()
        .find(|x| matches!(x.clause, Clause::OutsideMembers));
    let capped = rules.iter().any(|x| {
        matches!(
            x.clause,
            Clause::NeverMajority {
                appointed: true,
                of: Body::Executive
            }
        )
    });
    if let Some(o) = outside
        && !capped
    {
        findings.push(at(
            o,
            Diagnostic::new(
                "V005",
                "leden van buiten het algemeen bestuur kunnen de meerderheid van het dagelijks bestuur vormen: de regeling sluit dat niet uit",
            )
            .note("Wgr art 14, tweede lid"),
        ));
    }
    let Some((rule, others, at_most)) = rules.iter().find_map(|x| match x.clause {
        Clause::DbComposition {
            others, at_most, ..
        } => Some((x, others, at_most)),
        _ => None,
    }) else {
        return;
    };
    if others < 2 || at_most {
        let msg = if others < 2 {
            format!(
                "het dagelijks bestuur bestaat uit de voorzitter en {others} ander lid; de wet vraagt er twee of meer"
            )
        } else {
            format!(
                "\"maximaal {others}\" andere leden laat ook een dagelijks bestuur met minder dan twee andere leden toe"
            )
        };
        findings.push(at(
            rule,
            Diagnostic::new("V004", msg)
                .note("Wgr art 14, eerste lid: de voorzitter en twee of meer andere leden"),
        ));
    }
    let db_size = 1 + others;
    if db_size <= members {
        // Designations by named bodies give the deelnemers different numbers: name the
        // one with the most.
        let uniform = participants.iter().all(|p| p.members == members);
        let msg = match participants.iter().find(|p| p.members == members) {
            Some(p) if !uniform => format!(
                "{} wijst {members} leden aan, dus alle {db_size} leden van het dagelijks bestuur kunnen uit één deelnemer komen",
                p.name
            ),
            _ => format!(
                "elke deelnemer wijst {members} leden aan, dus alle {db_size} leden van het dagelijks bestuur kunnen uit één gemeente komen"
            ),
        };
        findings.push(at(
            rule,
            Diagnostic::new("V004", msg)
                .note("Wgr art 14, eerste lid: niet alle leden uit één gemeente"),
        ));
    }
    // Lid 3: DB members (from the AB) never a majority of the AB, by members; by votes.
    let members_total: u32 = participants.iter().map(|p| p.members).sum();
    if db_size * 2 > members_total {
        findings.push(at(
            rule,
            Diagnostic::new(
                "V006",
                format!(
                    "de {db_size} leden van het dagelijks bestuur vormen een meerderheid van de {members_total} leden van het algemeen bestuur"
                ),
            )
            .note("Wgr art 14, derde lid"),
        ));
    }
    let mut member_votes: Vec<(u32, &str)> = participants
        .iter()
        .flat_map(|p| {
            std::iter::repeat_n((p.votes_per_member, p.name.as_str()), p.members as usize)
        })
        .collect();
    member_votes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let largest: u32 = member_votes
        .iter()
        .take(db_size as usize)
        .map(|x| x.0)
        .sum();
    let total: u32 = participants.iter().map(|p| p.votes).sum();
    if total > 0 {
        let severity_code = if largest * 2 > total { "V013" } else { "V007" };
        let msg = format!(
            "het zwaarste mogelijke dagelijks bestuur ({db_size} leden) heeft {largest} van de {total} stemmen in het algemeen bestuur ({})",
            percent(largest as f64 / total as f64)
        );
        let mut d = Diagnostic::new(severity_code, msg)
            .note("Wgr art 14, derde lid telt leden; dit is hetzelfde, naar stemmen gerekend");
        if severity_code == "V013" {
            d = d.note("naar leden blijft het binnen de wet, naar stemmen heeft het dagelijks bestuur de meerderheid in het algemeen bestuur");
        }
        findings.push(at(rule, d));
    }
}

/// A deelnemer within 2 % of a band threshold may change weight at the next peildatum.
pub(super) fn check_thresholds(
    r: &Regeling,
    bands: &[(&Rule, Band)],
    participants: &[Participant],
    findings: &mut Vec<Diagnostic>,
) {
    let mut thresholds: Vec<(u64, &Rule)> = Vec::new();
    for (rule, b) in bands {
        if b.from > 0 {
            thresholds.push((b.from, rule));
        }
    }
    thresholds.sort_by_key(|t| t.0);
    thresholds.dedup_by_key(|t| t.0);
    for p in participants {
        let Some(pop) = p.population else { continue };
        for (t, rule) in &thresholds {
            let distance = (pop as f64 - *t as f64).abs() / *t as f64;
            if distance <= 0.02 {
                let side = if pop < *t { "onder" } else { "boven" };
                findings.push(
                    Diagnostic::new(
                        "V008",
                        format!(
                            "{} heeft {} inwoners, {} {side} de grens van {}: bij de volgende peildatum kan het stemgewicht veranderen",
                            p.name,
                            thousands(pop),
                            percent(distance),
                            thousands(*t)
                        ),
                    )
                    .at(&r.file, rule.span)
                    .node(&rule.eid),
                );
            }
        }
    }
}

/// The quorum: the fewest votes a quorate meeting can represent, and whether a majority of
/// the votes can come from a minority of the deelnemers.
pub(super) fn check_quorum(
    r: &Regeling,
    rules: &[Rule],
    participants: &[Participant],
    votes_total: u32,
    quota: u32,
    findings: &mut Vec<Diagnostic>,
) {
    let mut per_member: Vec<u32> = participants
        .iter()
        .flat_map(|p| std::iter::repeat_n(p.votes_per_member, p.members as usize))
        .collect();
    per_member.sort_unstable();
    let members_total = per_member.len() as u32;
    let anchor = rules
        .iter()
        .find(|x| matches!(x.clause, Clause::Quorum) && x.body == Body::General)
        .or_else(|| rules.iter().find(|x| matches!(x.clause, Clause::Majority)));
    let Some(anchor) = anchor else { return };
    if matches!(anchor.clause, Clause::Quorum) {
        let needed = members_total / 2 + 1;
        let fewest: u32 = per_member.iter().take(needed as usize).sum();
        findings.push(
            Diagnostic::new(
                "V009",
                format!(
                    "quorum: {needed} van de {members_total} leden; de lichtste vergadering die mag besluiten vertegenwoordigt {fewest} van de {votes_total} stemmen"
                ),
            )
            .at(&r.file, anchor.span)
            .node(&anchor.eid)
            .note(format!(
                "een besluit bij meerderheid van de uitgebrachte stemmen kan dan met {} stemmen worden genomen",
                fewest / 2 + 1
            )),
        );
    }
    // A majority from a minority of the deelnemers (all votes cast).
    let mut by_votes: Vec<&Participant> = participants.iter().collect();
    by_votes.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.name.cmp(&b.name)));
    let minority = (participants.len() - 1) / 2;
    let top: u32 = by_votes.iter().take(minority).map(|p| p.votes).sum();
    if minority > 0 && top >= quota {
        let names: Vec<&str> = by_votes
            .iter()
            .take(minority)
            .map(|p| p.name.as_str())
            .collect();
        findings.push(
            Diagnostic::new(
                "V009",
                format!(
                    "een meerderheid van de stemmen kan van een minderheid van de deelnemers komen: {} ({} van de {} {}) {} {} van de {} stemmen",
                    names.join(", "),
                    minority,
                    participants.len(),
                    // Counted as blocks: the Rijk or a joint seat is no gemeente.
                    if participants.iter().all(|p| p.kind.is_municipality() && p.joint.is_empty()) {
                        "gemeenten"
                    } else {
                        "deelnemers"
                    },
                    if minority == 1 { "heeft" } else { "hebben samen" },
                    top,
                    votes_total
                ),
            )
            .at(&r.file, anchor.span)
            .node(&anchor.eid),
        );
    }
}

/// The deelnemers in the metadata, the begripsbepalingen and the aanhef agree.
pub(super) fn check_deelnemers(r: &Regeling, data: &[Population], findings: &mut Vec<Diagnostic>) {
    let meta = &r.metadata.participants;
    if meta.is_empty() {
        return;
    }
    let mut known: Vec<String> = meta.clone();
    for p in data {
        if !known.contains(&p.name) {
            known.push(p.name.clone());
        }
    }
    let mut sources: Vec<(String, String, Span, String)> = Vec::new(); // (what, text, span, eid)
    if let Some(a) = &r.preamble {
        let mut text = String::new();
        crate::tree::walk::block_text(&a.content, &mut text);
        sources.push(("de aanhef".into(), text, a.span, a.eid.clone()));
    }
    for d in crate::tree::terms::definitions(r) {
        let t = d.term.to_lowercase();
        if t.ends_with("gemeenten") || t.ends_with("deelnemers") {
            sources.push((
                format!("de begripsbepaling \"{}\"", d.term),
                d.definition.clone(),
                d.span,
                d.eid.clone(),
            ));
        }
    }
    for (what, text, span, eid) in sources {
        // The Rijk is named by its minister or staatssecretaris ("De Staatssecretaris van
        // Onderwijs, Cultuur en Wetenschappen," opens the aanhef of a mixed regeling).
        let lower = text.to_lowercase();
        let by_minister = ["minister", "staatssecretaris"]
            .iter()
            .any(|w| contains_word(&lower, w));
        let named: Vec<&String> = known
            .iter()
            .filter(|n| contains_word(&text, n) || by_minister && kind_by_name(n) == Kind::State)
            .collect();
        if named.is_empty() {
            continue; // this text names no deelnemers at all
        }
        // A definition of "de gemeenten" need not name the Rijk, a provincie or a stichting.
        let of_gemeenten = what.contains("gemeenten\"");
        let missing: Vec<&str> = meta
            .iter()
            .filter(|n| !named.contains(n))
            .filter(|n| !of_gemeenten || kind_by_name(n).is_municipality())
            .map(String::as_str)
            .collect();
        let extra: Vec<&str> = named
            .iter()
            .filter(|n| !meta.contains(n))
            .map(|n| n.as_str())
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!("noemt {} niet", missing.join(", ")));
            }
            if !extra.is_empty() {
                parts.push(format!("noemt ook {}", extra.join(", ")));
            }
            findings.push(
                Diagnostic::new(
                    "V012",
                    format!(
                        "{what} {} (de metadata noemen {})",
                        parts.join(" en "),
                        meta.join(", ")
                    ),
                )
                .at(&r.file, span)
                .node(&eid),
            );
        }
    }
}

pub(super) fn contains_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + name.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}
