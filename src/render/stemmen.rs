//! The stemverhouding as text or a Markdown table (one regeling, or old and new side by
//! side per municipality), for a raadsvoorstel.

use serde::Serialize;

use crate::nl::{decimal3, percent, thousands};
use crate::stemmen::Stemverhouding;
use crate::stemmen::grammar::{Body, Clause, Designator, QuotaOf};

#[derive(Serialize)]
struct Row {
    name: String,
    /// The name padded to the width of the text table's first column.
    name_cell: String,
    population: String,
    members: String,
    votes_per_member: String,
    votes: String,
    share: String,
    banzhaf: String,
    shapley_shubik: String,
}

/// A kind of rule and every place that states it.
#[derive(Serialize)]
struct RuleRow {
    what: String,
    places: Vec<Place>,
}

#[derive(Serialize)]
struct Place {
    eid: String,
    /// Where the clause stands, cited (`artikel 9, zesde lid, onder a`).
    place: String,
}

/// A herindeling that made one deelnemer of several gemeenten of the metadata.
#[derive(Serialize)]
struct HerindelingView {
    /// `Heerhugowaard en Langedijk`.
    merged: String,
    into: String,
    date: String,
    source: String,
    population: String,
    /// `Heerhugowaard (58.387) en Langedijk (28.327)` when the population is their sum.
    summed_from: Option<String>,
}

#[derive(Serialize)]
struct SourceView {
    date: String,
    source: String,
    names: String,
}

#[derive(Serialize)]
struct View {
    title: String,
    file: String,
    /// The regeling's page, for links to the articles (`sora-2022.html`); None when the
    /// page stands alone (`grc stemmen --to html`).
    regeling_href: Option<String>,
    entry_into_force: Option<String>,
    herindelingen: Vec<HerindelingView>,
    population_sources: Vec<SourceView>,
    rows: Vec<Row>,
    /// `Gemeente`, or `Deelnemer` when a row is no single gemeente; padded like the names.
    first_column: String,
    first_title: &'static str,
    total_cell: String,
    /// Who votes as one block in the power indices.
    blocks: String,
    members_total: u32,
    votes_total: u32,
    quota: u32,
    decision_rule: String,
    rules: Vec<RuleRow>,
    findings: Vec<crate::report::reader::Finding>,
}

fn view(s: &Stemverhouding, regeling_href: Option<&str>) -> View {
    let population_of = |name: &str| {
        s.participants
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.population)
    };
    let mixed = s
        .participants
        .iter()
        .any(|p| !p.kind.is_municipality() || !p.joint.is_empty());
    let name_width = s
        .participants
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(16);
    View {
        first_column: pad(if mixed { "Deelnemer" } else { "Gemeente" }, name_width),
        first_title: if mixed { "Deelnemer" } else { "Gemeente" },
        total_cell: pad("Totaal", name_width),
        blocks: if s.participants.iter().any(|p| !p.joint.is_empty()) {
            "elke deelnemer als één blok, en gemeenten die gezamenlijk leden aanwijzen samen als één blok".into()
        } else if mixed {
            "elke deelnemer als één blok".into()
        } else {
            "elke gemeente als één blok".into()
        },
        title: s.title.clone(),
        file: s.file.clone(),
        regeling_href: regeling_href.map(str::to_string),
        entry_into_force: s.entry_into_force.as_deref().map(crate::nl::date),
        herindelingen: s
            .herindelingen
            .iter()
            .map(|h| HerindelingView {
                merged: crate::nl::list(&h.merged),
                into: h.into.clone(),
                date: crate::nl::date(&h.date),
                source: h.source.clone(),
                population: population_of(&h.into)
                    .map(thousands)
                    .unwrap_or_else(|| "?".into()),
                summed_from: h.population_summed.then(|| {
                    let parts: Vec<String> = h
                        .merged
                        .iter()
                        .map(
                            |n| match s.merged_populations.iter().find(|(m, _)| m == n) {
                                Some((_, p)) => format!("{n} ({})", thousands(*p)),
                                None => n.clone(),
                            },
                        )
                        .collect();
                    crate::nl::list(&parts)
                }),
            })
            .collect(),
        population_sources: s
            .population_sources
            .iter()
            .map(|p| SourceView {
                date: crate::nl::date(&p.reference_date),
                source: p.source.clone(),
                names: crate::nl::list(&p.names),
            })
            .collect(),
        rows: s
            .participants
            .iter()
            .map(|p| Row {
                name: p.name.clone(),
                name_cell: pad(&p.name, name_width),
                // No inwoners for the Rijk, a provincie or a stichting ("-"); "?" for a
                // gemeente without a figure.
                population: match p.population {
                    Some(n) => thousands(n),
                    None if !p.kind.is_municipality() => "-".into(),
                    None => "?".into(),
                },
                members: p.members.to_string(),
                votes_per_member: p.votes_per_member.to_string(),
                votes: p.votes.to_string(),
                share: percent(p.share),
                banzhaf: decimal3(p.banzhaf),
                shapley_shubik: decimal3(p.shapley_shubik),
            })
            .collect(),
        members_total: s.members_total,
        votes_total: s.votes_total,
        quota: s.quota,
        decision_rule: if s.decision_rule_stated {
            "meerderheid van de uitgebrachte stemmen".into()
        } else {
            "meerderheid van de uitgebrachte stemmen (wettelijk uitgangspunt; de regeling noemt geen regel)".into()
        },
        rules: s
            .rules_by_clause()
            .into_iter()
            .map(|(clause, rules)| RuleRow {
                what: describe(clause),
                places: rules
                    .iter()
                    .map(|r| Place {
                        eid: r.eid.clone(),
                        place: crate::tree::eid::cite(&r.eid),
                    })
                    .collect(),
            })
            .collect(),
        findings: crate::report::reader::findings(&s.findings),
    }
}

/// One regeling: `format` is `txt`, `md` or `html`.
pub fn one(
    env: &minijinja::Environment<'_>,
    s: &Stemverhouding,
    format: &str,
) -> Result<String, String> {
    super::render(env, &format!("stemmen.{format}"), view(s, None))
}

/// One regeling's page beside its regeling page (`grc build`): the places of the rules
/// and findings link to the articles on `regeling_href`.
pub fn beside(
    env: &minijinja::Environment<'_>,
    s: &Stemverhouding,
    format: &str,
    regeling_href: &str,
) -> Result<String, String> {
    super::render(
        env,
        &format!("stemmen.{format}"),
        view(s, Some(regeling_href)),
    )
}

#[derive(Serialize)]
struct Side {
    members: String,
    votes: String,
    share: String,
    banzhaf: String,
}

#[derive(Serialize)]
struct CompareRow {
    name: String,
    old: Side,
    new: Side,
}

#[derive(Serialize)]
struct Compare {
    old: View,
    new: View,
    rows: Vec<CompareRow>,
    /// "Deelnemer" when either version has a deelnemer that is no gemeente alone (the
    /// Rijk, a provincie, gemeenten designating jointly), else "Gemeente".
    first_title: &'static str,
}

/// Old and new side by side per deelnemer.
pub fn compare(
    env: &minijinja::Environment<'_>,
    old: &Stemverhouding,
    new: &Stemverhouding,
    format: &str,
) -> Result<String, String> {
    let mut names: Vec<&str> = old.participants.iter().map(|p| p.name.as_str()).collect();
    for p in &new.participants {
        if !names.contains(&p.name.as_str()) {
            names.push(&p.name);
        }
    }
    let side = |s: &Stemverhouding, name: &str| match s.participants.iter().find(|p| p.name == name)
    {
        Some(p) => Side {
            members: p.members.to_string(),
            votes: p.votes.to_string(),
            share: percent(p.share),
            banzhaf: decimal3(p.banzhaf),
        },
        None => Side {
            members: "-".into(),
            votes: "-".into(),
            share: "-".into(),
            banzhaf: "-".into(),
        },
    };
    let rows = names
        .iter()
        .map(|n| CompareRow {
            name: n.to_string(),
            old: side(old, n),
            new: side(new, n),
        })
        .collect();
    let (old, new) = (view(old, None), view(new, None));
    let first_title = if old.first_title == "Gemeente" {
        new.first_title
    } else {
        old.first_title
    };
    super::render(
        env,
        &format!("stemmen-vergelijking.{format}"),
        Compare {
            old,
            new,
            rows,
            first_title,
        },
    )
}

/// A rule in words, for the table's list of rules.
fn describe(c: &Clause) -> String {
    match c {
        Clause::Band(b) => match b.below {
            Some(x) if b.from == 0 => format!(
                "minder dan {} inwoners: {} per lid",
                thousands(x),
                votes(b.votes_per_member)
            ),
            Some(x) => format!(
                "{} tot {} inwoners: {} per lid",
                thousands(b.from),
                thousands(x),
                votes(b.votes_per_member)
            ),
            None => format!(
                "{} inwoners of meer: {} per lid",
                thousands(b.from),
                votes(b.votes_per_member)
            ),
        },
        Clause::FixedVotes {
            participant,
            votes: v,
        } => format!("{participant}: {}", votes(*v)),
        Clause::DoubleVote => "dubbel stemrecht".into(),
        Clause::FinancialShare => "stemmen naar financiële bijdrage".into(),
        Clause::StemverhoudingIntro => "stemverhouding".into(),
        Clause::MembersPer {
            members,
            substitutes,
        } => match substitutes {
            Some(s) => format!(
                "{} en {} per deelnemer",
                count(*members, "lid", "leden"),
                count(*s, "plaatsvervanger", "plaatsvervangers")
            ),
            None => format!("{} per deelnemer", count(*members, "lid", "leden")),
        },
        Clause::Designation {
            by,
            named,
            members,
            substitutes,
            jointly,
            each,
            votes_per_member,
        } => {
            let named = named.as_deref().unwrap_or_default();
            let body = match by {
                Designator::Municipality => named.to_string(),
                Designator::Minister => "de minister (Rijk)".into(),
                Designator::Province if named.is_empty() => "provinciale staten".into(),
                Designator::Province => format!("provincie {named}"),
                Designator::Foundation if named.is_empty() => "de stichting".into(),
                Designator::Foundation => format!("stichting {named}"),
                Designator::WaterBoard if named.is_empty() => "het waterschap".into(),
                Designator::WaterBoard => named.to_string(),
            };
            let mut out = format!(
                "{body}: {}{}",
                if *jointly {
                    "gezamenlijk "
                } else if *each {
                    "ieder "
                } else {
                    ""
                },
                count(*members, "lid", "leden")
            );
            if let Some(s) = substitutes {
                out += &format!(" (en {})", count(*s, "plaatsvervanger", "plaatsvervangers"));
            }
            if let Some(v) = votes_per_member {
                out += &format!(", {} per lid", votes(*v));
            }
            out
        }
        Clause::AbSize { members } => {
            format!("algemeen bestuur: {}", count(*members, "lid", "leden"))
        }
        Clause::VotesPerDesignated { votes: v } => format!("deze leden elk {}", votes(*v)),
        Clause::Substitutes { per_member } => format!("{per_member} plaatsvervanger per lid"),
        Clause::DbComposition {
            others,
            at_most,
            at_least,
        } => format!(
            "dagelijks bestuur: de voorzitter en {}{}",
            if *at_most {
                "maximaal "
            } else if *at_least {
                "ten minste "
            } else {
                ""
            },
            count(*others, "ander lid", "andere leden")
        ),
        Clause::NeverMajority { appointed, of } => format!(
            "{} nooit de meerderheid van het {}",
            if *appointed {
                "leden van buiten het algemeen bestuur"
            } else {
                "leden van het dagelijks bestuur"
            },
            if *of == Body::General {
                "algemeen bestuur"
            } else {
                "dagelijks bestuur"
            }
        ),
        Clause::OutsideMembers => "leden van buiten het algemeen bestuur mogelijk".into(),
        Clause::VotesEach { votes: v, .. } => format!("elk lid {}", votes(*v)),
        Clause::Quorum => "quorum: meer dan de helft van de zitting hebbende leden".into(),
        Clause::Majority => "meerderheid van de uitgebrachte stemmen".into(),
        Clause::Qualified {
            numerator,
            denominator,
            of,
        } => format!(
            "gekwalificeerde meerderheid: {numerator}/{denominator} van de {}",
            match of {
                QuotaOf::VotesCast => "uitgebrachte stemmen",
                QuotaOf::Participants => "deelnemers",
                QuotaOf::Members => "leden",
            }
        ),
        Clause::Unanimity => "unanimiteit".into(),
        Clause::Tie => "regel bij staking van stemmen".into(),
        Clause::Zienswijze => "zienswijze van de raden vooraf".into(),
        Clause::NoVote => "geen stemrecht".into(),
        Clause::Procedure => "wijze van stemmen".into(),
    }
}

/// `text` and spaces to `width` characters (not bytes: `Fryslân`).
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(text.chars().count()))
    )
}

/// `1 lid`, `2 leden`.
fn count(n: u32, one: &str, more: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { more })
}

fn votes(n: u32) -> String {
    if n == 1 {
        "1 stem".into()
    } else {
        format!("{n} stemmen")
    }
}
