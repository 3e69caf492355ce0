//! Voting: the rules a regeling states about members, votes and decisions, read from its
//! own prose with `grammar/stemmen.pest`; what they mean per deelnemer for given population
//! figures; voting power; and the checks against the Wgr (art 13 and 14).
//!
//! Pure: a tree and population data in, data out. A sentence about votes that no rule
//! matches is reported (V001), never guessed at.

pub mod deelnemers;
pub mod grammar;
pub mod population;
pub mod power;
pub mod seats;
mod starts;
mod wgr;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::nl::{percent, thousands};
use crate::tree::inline::plain_cow;
use crate::tree::walk::{Node, walk};
use crate::tree::{Regeling, Span};
pub use deelnemers::{Deelnemers, Herindeling, deelnemers};
use grammar::{Band, Body, Clause};
pub use population::Population;
use seats::{Kind, Seat, check_size};
use wgr::{bands, check_bands, check_db, check_deelnemers, check_quorum, check_thresholds};

/// A recognised clause, where it stands, and which body it is about.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Rule {
    pub eid: String,
    pub line: u32,
    pub body: Body,
    #[serde(flatten)]
    pub clause: Clause,
    /// The words the clause was recognised in.
    pub words: String,
    #[serde(skip)]
    pub span: Span,
    /// True for a vote clause that the designation before it took up ("De minister wijst
    /// twee leden aan. Deze leden hebben dubbel stemrecht."): computed, not reported.
    #[serde(skip)]
    pub applied: bool,
}

/// Every voting clause of the regeling, and V001 for sentences about votes that are not
/// understood.
pub fn rules(r: &Regeling) -> (Vec<Rule>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    walk(r, &mut |cx, node| {
        let Node::Alinea(a) = node else { return };
        if cx.in_decision || cx.artikel.is_none() {
            return;
        }
        let text = plain_cow(&a.text);
        let mut found = grammar::clauses(&text);
        // Lower-cased only where a clause was found or a vote word may stand: most
        // alineas have neither.
        if found.is_empty() && !may_speak_of_votes(&text) {
            return;
        }
        // ASCII only, so that offsets in `text` are offsets in `lower` (`İ` lower-cases
        // to three bytes, `ẞ` to two: a clause after one was placed wrongly). Every word
        // looked for in it is ASCII.
        let lower = text.to_ascii_lowercase();
        // "bestaat uit vijf leden" is the algemeen bestuur's size only right after its name
        // (not the dagelijks bestuur's, nor a commissie's).
        found.retain(|(c, s, _)| {
            !matches!(c, Clause::AbSize { .. }) || seats::after_algemeen_bestuur(&text[..*s])
        });
        // One rule per kind of clause per alinea: "bij staking van stemmen ... staken de
        // stemmen andermaal" is one tie rule.
        let mut kinds = Vec::new();
        found.retain(|(c, _, _)| {
            let kind = std::mem::discriminant(c);
            let band = matches!(
                c,
                Clause::Band(_) | Clause::FixedVotes { .. } | Clause::Designation { .. }
            );
            band || !kinds.contains(&kind) && {
                kinds.push(kind);
                true
            }
        });
        let applied = seats::apply_to_designations(&mut found, &lower);
        let heading = cx
            .artikel
            .and_then(|x| x.heading.as_ref())
            .map(|h| h.text.to_lowercase())
            .unwrap_or_default();
        for (i, (clause, s, e)) in found.iter().enumerate() {
            let body = match clause {
                Clause::AbSize { .. } => Body::General,
                // Its own words may name the body: "wijst twee leden van het dagelijks
                // bestuur aan".
                Clause::Designation { .. } => body_at(&lower, *e, &heading),
                _ => body_at(&lower, *s, &heading),
            };
            let exact = text.len() == a.text.len();
            out.push(Rule {
                eid: a.eid.clone(),
                line: a.span.line,
                body,
                clause: clause.clone(),
                words: text[*s..*e].to_string(),
                span: if exact {
                    Span {
                        line: a.span.line,
                        column: a.span.column + text[..*s].chars().count() as u32,
                        start: a.span.start + *s as u32,
                        end: a.span.start + *e as u32,
                    }
                } else {
                    a.span
                },
                applied: applied.contains(&i),
            });
        }
        if found.is_empty() && about_votes(&lower) {
            diags.push(
                Diagnostic::new(
                    "V001",
                    "deze zin gaat over stemmen, maar grc herkent er geen stemregel in; reken de stemverhouding na met de hand",
                )
                .at(&r.file, a.span)
                .node(&a.eid),
            );
        }
    });
    (out, diags)
}

/// The body a clause at `at` is about: the last one the sentence names before it, else
/// the one the article's heading names, else the algemeen bestuur.
fn body_at(lower: &str, at: usize, heading: &str) -> Body {
    let before = &lower[..at];
    let ab = before.rfind("algemeen bestuur");
    let db = before.rfind("dagelijks bestuur");
    match (ab, db) {
        (Some(a), Some(d)) if d > a => Body::Executive,
        (None, Some(_)) => Body::Executive,
        (Some(_), _) => Body::General,
        (None, None) if heading.contains("dagelijks") => Body::Executive,
        _ => Body::General,
    }
}

/// False only when `text` cannot speak of votes: every vote word of `about_votes` holds
/// `stem`, and lower-casing gives an ASCII `stem` only from one (no other character
/// lower-cases to `s`, `t`, `e` or `m`).
fn may_speak_of_votes(text: &str) -> bool {
    memchr::memchr2_iter(b's', b'S', text.as_bytes()).any(|i| {
        text.as_bytes()[i..]
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"stem"))
    })
}

/// True when a text speaks of votes: the words stem, stemmen, stemrecht, stemverhouding,
/// stemming, stemgewicht (not "af te stemmen", "overeenstemming", "instemmen").
fn about_votes(lower: &str) -> bool {
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    words.iter().enumerate().any(|(i, w)| {
        let vote_word = matches!(
            *w,
            "stem" | "stemmen" | "stemrecht" | "stemverhouding" | "stemgewicht" | "stemming"
        );
        let afstemmen = i >= 2 && words[i - 1] == "te" && words[i - 2] == "af";
        // "een adviserende stem", "met raadgevende stem": a voice without a vote (a
        // directeur, an ambtenaar at the meeting); no stemregel to find.
        let advisory = *w == "stem"
            && i >= 1
            && matches!(
                words[i - 1],
                "adviserende" | "raadgevende" | "adviserend" | "raadgevend"
            );
        vote_word && !afstemmen && !advisory
    })
}

/// One deelnemer's place in the algemeen bestuur.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Participant {
    pub name: String,
    /// Absent for a gemeente; a deelnemer of another kind has no inwoners.
    #[serde(default, skip_serializing_if = "Kind::is_municipality")]
    pub kind: Kind,
    /// The gemeenten of a block that designates its members jointly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint: Vec<String>,
    pub population: Option<u64>,
    pub members: u32,
    pub votes_per_member: u32,
    pub votes: u32,
    pub share: f64,
    pub banzhaf: f64,
    pub shapley_shubik: f64,
}

/// What the voting rules give for a set of deelnemers.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Stemverhouding {
    pub file: String,
    pub title: String,
    pub members_total: u32,
    pub votes_total: u32,
    /// The votes a decision of the algemeen bestuur needs when every vote is cast.
    pub quota: u32,
    /// `majority_of_votes_cast`: the rule power is computed for.
    pub decision_rule: &'static str,
    /// False when the regeling states no rule and the Wgr's default is used.
    pub decision_rule_stated: bool,
    pub participants: Vec<Participant>,
    pub rules: Vec<Rule>,
    pub findings: Vec<Diagnostic>,
    /// For the page, not the JSON (whose shape stays as documented): the regeling's
    /// inwerkingtreding, the mergers that made its deelnemers, and where the population
    /// figures come from.
    #[serde(skip)]
    pub entry_into_force: Option<String>,
    #[serde(skip)]
    pub herindelingen: Vec<Herindeling>,
    #[serde(skip)]
    pub population_sources: Vec<PopulationSource>,
    /// The figures of the gemeenten a herindeling merged away (to show a summed figure).
    #[serde(skip)]
    pub merged_populations: Vec<(String, u64)>,
}

impl Stemverhouding {
    /// The recognised rules, one entry per kind of clause with every place that states it
    /// (SORA states unanimity in five articles: one entry, five places), in the order of
    /// their first place; the introduction of the stemverhouding is no rule of its own.
    pub fn rules_by_clause(&self) -> Vec<(&Clause, Vec<&Rule>)> {
        let mut out: Vec<(&Clause, Vec<&Rule>)> = Vec::new();
        for rule in &self.rules {
            if matches!(rule.clause, Clause::StemverhoudingIntro) {
                continue;
            }
            let cited = crate::tree::eid::cite(&rule.eid);
            // The same designation at two places designates twice (the raad and the
            // college of one gemeente each a lid): one line per place, or "Cestad: 1 lid
            // (vierde lid; vijfde lid)" reads as one lid. Other rules are the same rule
            // wherever they are repeated.
            let designation = matches!(rule.clause, Clause::Designation { .. });
            match out.iter_mut().find(|(c, places)| {
                **c == rule.clause
                    && (!designation
                        || places
                            .iter()
                            .any(|p| crate::tree::eid::cite(&p.eid) == cited))
            }) {
                Some((_, places)) => {
                    // Two alineas of one lid are one place to a reader.
                    if !places
                        .iter()
                        .any(|p| crate::tree::eid::cite(&p.eid) == cited)
                    {
                        places.push(rule);
                    }
                }
                None => out.push((&rule.clause, vec![rule])),
            }
        }
        out
    }
}

/// One peildatum and source of the population figures, with the deelnemers whose figure
/// it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopulationSource {
    pub reference_date: String,
    pub source: String,
    pub names: Vec<String>,
}

/// Computes the stemverhouding of `r` for the deelnemers in `data`, with the checks.
///
/// `deelnemers`: the names to compute for (see [`deelnemers()`]), each looked up in `data`
/// (or among the figures derived from it).
pub fn compute(r: &Regeling, data: &[Population], deelnemers: &Deelnemers) -> Stemverhouding {
    let figure = |name: &str| {
        data.iter()
            .chain(&deelnemers.derived)
            .find(|p| p.name == name)
    };
    let (rules, mut findings) = rules(r);
    let at = |rule: &Rule, d: Diagnostic| d.at(&r.file, rule.span).node(&rule.eid);

    // Members per deelnemer: designated by named bodies, or a number for each.
    let members_per = rules.iter().find_map(|x| match x.clause {
        Clause::MembersPer { members, .. } => Some(members),
        _ => None,
    });
    let designations = seats::designations(&rules);
    let seats: Vec<Seat> = if designations.is_empty() {
        let members = members_per.unwrap_or_else(|| {
            findings.push(
                Diagnostic::new(
                    "V002",
                    "grc vindt niet hoeveel leden elke deelnemer in het algemeen bestuur aanwijst; de stemverhouding is niet berekend",
                )
                .at(&r.file, r.metadata.span.unwrap_or_default()),
            );
            0
        });
        deelnemers
            .names
            .iter()
            .map(|name| Seat {
                name: name.clone(),
                kind: seats::kind_by_name(name),
                joint: Vec::new(),
                members,
                votes_per_member: None,
            })
            .collect()
    } else {
        seats::seats(
            r,
            &designations,
            &deelnemers.names,
            members_per,
            &mut findings,
        )
    };

    // Votes per member: bands, or a fixed table, or one each.
    let bands = bands(&rules);
    let fixed: Vec<(&Rule, String, u32)> = rules
        .iter()
        .filter_map(|x| match &x.clause {
            Clause::FixedVotes { participant, votes } => Some((x, participant.clone(), *votes)),
            _ => None,
        })
        .collect();
    for x in rules.iter().filter(|x| {
        !x.applied
            && matches!(
                x.clause,
                Clause::DoubleVote | Clause::FinancialShare | Clause::VotesPerDesignated { .. }
            )
    }) {
        findings.push(at(
            x,
            Diagnostic::new(
                "V001",
                "een stemverhouding in deze vorm (dubbel stemrecht, naar financiële bijdrage) herkent grc wel, maar rekent hij niet uit",
            ),
        ));
    }
    check_bands(&bands, &mut findings, &r.file);

    let mut participants = Vec::new();
    let mut sources: Vec<PopulationSource> = Vec::new();
    for seat in &seats {
        let name = &seat.name;
        let members = seat.members;
        let parts: Vec<&String> = if seat.joint.is_empty() {
            vec![name]
        } else {
            seat.joint.iter().collect()
        };
        // A deelnemer that is no gemeente has no inwoners; a joint block has its
        // gemeenten's together, when each has a figure.
        let population = if seat.kind.is_municipality() {
            parts
                .iter()
                .map(|n| figure(n).map(|p| p.population))
                .sum::<Option<u64>>()
        } else {
            None
        };
        for p in parts.iter().filter_map(|n| figure(n)) {
            if !seat.kind.is_municipality() {
                continue;
            }
            match sources
                .iter_mut()
                .find(|s| s.reference_date == p.reference_date && s.source == p.source)
            {
                Some(s) => s.names.push(p.name.clone()),
                None => sources.push(PopulationSource {
                    reference_date: p.reference_date.clone(),
                    source: p.source.clone(),
                    names: vec![p.name.clone()],
                }),
            }
        }
        let (votes, per_member) = if let Some(v) = seat.votes_per_member {
            // Set by the designation itself ("Deze leden hebben dubbel stemrecht").
            (members * v, v)
        } else if !fixed.is_empty() {
            // A table of votes per gemeente: its total, shared by its members.
            match fixed.iter().find(|(_, n, _)| n == name) {
                Some((rule, _, v)) => {
                    if members > 0 && v % members != 0 {
                        findings.push(at(
                            rule,
                            Diagnostic::new(
                                "V001",
                                format!("{name} heeft {v} stemmen en {members} leden: hoe de stemmen over de leden verdeeld worden, zegt de tekst niet"),
                            ),
                        ));
                    }
                    (*v, v.checked_div(members).unwrap_or(0))
                }
                None => {
                    let (rule, _, _) = &fixed[0];
                    findings.push(at(
                        rule,
                        Diagnostic::new(
                            "V001",
                            format!("de stemtabel noemt {name} niet; grc rekent niet met een aanname en geeft {name} geen stemmen"),
                        ),
                    ));
                    (0, 0)
                }
            }
        } else if !seat.kind.is_municipality() && !bands.is_empty() {
            findings.push(
                Diagnostic::new(
                    "V010",
                    format!("{name} is geen gemeente en heeft geen inwonertal: de inwonertalklassen geven zijn leden geen stemmen"),
                )
                .at(&r.file, r.metadata.span.unwrap_or_default()),
            );
            (0, 0)
        } else {
            let per_member = per_member_by_bands(&bands, name, population, r, &mut findings);
            (members * per_member, per_member)
        };
        participants.push(Participant {
            name: name.clone(),
            kind: seat.kind,
            joint: seat.joint.clone(),
            population,
            members,
            votes_per_member: per_member,
            votes,
            share: 0.0,
            banzhaf: 0.0,
            shapley_shubik: 0.0,
        });
    }
    check_size(r, &rules, &designations, &participants, &mut findings);
    let members = participants.iter().map(|p| p.members).max().unwrap_or(0);
    check_deelnemers(r, data, &mut findings);
    let mut s = finish(r, rules, findings, participants, members);
    s.entry_into_force = r.metadata.entry_into_force.clone();
    s.herindelingen = deelnemers.herindelingen.clone();
    s.population_sources = sources;
    s.merged_populations = deelnemers
        .herindelingen
        .iter()
        .flat_map(|h| &h.merged)
        .filter_map(|n| figure(n).map(|p| (n.clone(), p.population)))
        .collect();
    s
}

/// Votes per member from the population bands (or one each, as the Wgr has it, when the
/// regeling sets no bands).
fn per_member_by_bands(
    bands: &[(&Rule, Band)],
    name: &str,
    population: Option<u64>,
    r: &Regeling,
    findings: &mut Vec<Diagnostic>,
) -> u32 {
    if bands.is_empty() {
        return 1;
    }
    match population {
        Some(p) => bands
            .iter()
            .find(|(_, b)| p >= b.from && b.below.is_none_or(|x| p < x))
            .map_or(0, |(_, b)| b.votes_per_member),
        None => {
            findings.push(
                Diagnostic::new(
                    "V010",
                    format!("geen inwonertal voor {name}: zijn stemmen zijn niet te berekenen"),
                )
                .at(&r.file, r.metadata.span.unwrap_or_default()),
            );
            0
        }
    }
}

/// Totals, power, and the checks that need the computed participants.
fn finish(
    r: &Regeling,
    rules: Vec<Rule>,
    mut findings: Vec<Diagnostic>,
    mut participants: Vec<Participant>,
    members: u32,
) -> Stemverhouding {
    let bands = bands(&rules);
    let members_total: u32 = participants.iter().map(|p| p.members).sum();
    let votes_total: u32 = participants.iter().map(|p| p.votes).sum();
    let quota = power::majority_quota(votes_total as u64) as u32;
    let weights: Vec<u64> = participants.iter().map(|p| p.votes as u64).collect();
    let idx = power::indices(&weights, quota as u64);
    for (i, p) in participants.iter_mut().enumerate() {
        p.share = if votes_total == 0 {
            0.0
        } else {
            p.votes as f64 / votes_total as f64
        };
        if let Some(ix) = &idx {
            p.banzhaf = ix.banzhaf[i];
            p.shapley_shubik = ix.shapley_shubik[i];
        }
    }
    let majority = rules
        .iter()
        .find(|x| x.body == Body::General && matches!(x.clause, Clause::Majority));
    let decision_rule = "majority_of_votes_cast";
    let decision_rule_stated = majority.is_some();

    if !participants.is_empty() && members > 0 {
        check_db(r, &rules, &participants, members, &mut findings);
        check_thresholds(r, &bands, &participants, &mut findings);
        check_quorum(r, &rules, &participants, votes_total, quota, &mut findings);
    }
    crate::diagnostic::sort(&mut findings);
    Stemverhouding {
        file: r.file.clone(),
        title: r
            .metadata
            .citation_title
            .clone()
            .or_else(|| r.metadata.title.clone())
            .unwrap_or_default(),
        members_total,
        votes_total,
        quota,
        decision_rule,
        decision_rule_stated,
        participants,
        rules,
        findings,
        entry_into_force: None,
        herindelingen: Vec::new(),
        population_sources: Vec::new(),
        merged_populations: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_words() {
        assert!(about_votes("elk lid heeft een stem"));
        assert!(about_votes("de stemverhouding is"));
        assert!(!about_votes("het beleid op elkaar af te stemmen"));
        assert!(!about_votes("in overeenstemming met"));
        assert!(!about_votes("mits het bestuur instemt"));
        // An advisory voice is no vote (Zeeuws Archief, artikel 31 and 34).
        assert!(!about_votes("heeft daarin een adviserende stem"));
        assert!(!about_votes("met raadgevende stem aanwezig"));
        assert!(about_votes(
            "heeft daarin een adviserende stem en twee stemmen"
        ));
        // The pre-check lets through every text `about_votes` says yes to.
        for t in ["elk lid heeft een STEM", "De Stemverhouding is", "Stemming"] {
            assert!(
                about_votes(&t.to_lowercase()) && may_speak_of_votes(t),
                "{t}"
            );
        }
        assert!(!may_speak_of_votes("het bestuur besluit; Ständig"));
    }
}
