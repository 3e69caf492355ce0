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
mod starts;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::nl::{percent, thousands};
use crate::tree::inline::plain;
use crate::tree::walk::{Node, walk};
use crate::tree::{Regeling, Span};
pub use deelnemers::{Deelnemers, Herindeling, deelnemers};
use grammar::{Band, Body, Clause};
pub use population::Population;

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
        let text = plain(&a.text);
        let mut found = grammar::clauses(&text);
        // Lower-cased only where a clause was found or a vote word may stand: most
        // alineas have neither.
        if found.is_empty() && !may_speak_of_votes(&text) {
            return;
        }
        let lower = text.to_lowercase();
        // One rule per kind of clause per alinea: "bij staking van stemmen ... staken de
        // stemmen andermaal" is one tie rule.
        let mut kinds = Vec::new();
        found.retain(|(c, _, _)| {
            let kind = std::mem::discriminant(c);
            let band = matches!(c, Clause::Band(_) | Clause::FixedVotes { .. });
            band || !kinds.contains(&kind) && {
                kinds.push(kind);
                true
            }
        });
        let heading = cx
            .artikel
            .and_then(|x| x.heading.as_ref())
            .map(|h| h.text.to_lowercase())
            .unwrap_or_default();
        for (clause, s, e) in &found {
            let body = body_at(&lower, *s, &heading);
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
        vote_word && !afstemmen
    })
}

/// One deelnemer's place in the algemeen bestuur.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Participant {
    pub name: String,
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
            match out.iter_mut().find(|(c, _)| **c == rule.clause) {
                Some((_, places)) => {
                    // Two alineas of one lid are one place to a reader.
                    let cited = crate::tree::eid::cite(&rule.eid);
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

    // Members per deelnemer.
    let members_rule = rules
        .iter()
        .find(|x| matches!(x.clause, Clause::MembersPer { .. }));
    let members = match members_rule.map(|x| &x.clause) {
        Some(Clause::MembersPer { members, .. }) => *members,
        _ => {
            findings.push(
                Diagnostic::new(
                    "V002",
                    "grc vindt niet hoeveel leden elke deelnemer in het algemeen bestuur aanwijst; de stemverhouding is niet berekend",
                )
                .at(&r.file, r.metadata.span.unwrap_or_default()),
            );
            0
        }
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
    for x in rules
        .iter()
        .filter(|x| matches!(x.clause, Clause::DoubleVote | Clause::FinancialShare))
    {
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
    for name in &deelnemers.names {
        let population = figure(name).map(|p| p.population);
        if let Some(p) = figure(name) {
            match sources
                .iter_mut()
                .find(|s| s.reference_date == p.reference_date && s.source == p.source)
            {
                Some(s) => s.names.push(name.clone()),
                None => sources.push(PopulationSource {
                    reference_date: p.reference_date.clone(),
                    source: p.source.clone(),
                    names: vec![name.clone()],
                }),
            }
        }
        let (votes, per_member) = if !fixed.is_empty() {
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
        } else {
            let per_member = per_member_by_bands(&bands, name, population, r, &mut findings);
            (members * per_member, per_member)
        };
        participants.push(Participant {
            name: name.clone(),
            population,
            members,
            votes_per_member: per_member,
            votes,
            share: 0.0,
            banzhaf: 0.0,
            shapley_shubik: 0.0,
        });
    }
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

/// The population bands of the algemeen bestuur, with the rule that states each.
fn bands(rules: &[Rule]) -> Vec<(&Rule, Band)> {
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
fn check_bands(bands: &[(&Rule, Band)], findings: &mut Vec<Diagnostic>, file: &str) {
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
fn check_db(
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
        findings.push(at(
            rule,
            Diagnostic::new(
                "V004",
                format!(
                    "elke deelnemer wijst {members} leden aan, dus alle {db_size} leden van het dagelijks bestuur kunnen uit één gemeente komen"
                ),
            )
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
fn check_thresholds(
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
fn check_quorum(
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
                    "een meerderheid van de stemmen kan van een minderheid van de deelnemers komen: {} ({} van de {} gemeenten) {} {} van de {} stemmen",
                    names.join(", "),
                    minority,
                    participants.len(),
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
fn check_deelnemers(r: &Regeling, data: &[Population], findings: &mut Vec<Diagnostic>) {
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
        let named: Vec<&String> = known.iter().filter(|n| contains_word(&text, n)).collect();
        if named.is_empty() {
            continue; // this text names no deelnemers at all
        }
        let missing: Vec<&str> = meta
            .iter()
            .filter(|n| !named.contains(n))
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

fn contains_word(text: &str, name: &str) -> bool {
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
