//! The stemverhouding as text or a Markdown table (one regeling, or old and new side by
//! side per municipality), for a raadsvoorstel.

use serde::Serialize;

use crate::nl::{decimal3, percent, thousands};
use crate::stemmen::Stemverhouding;
use crate::stemmen::grammar::{Body, Clause, QuotaOf};

#[derive(Serialize)]
struct Row {
    name: String,
    population: String,
    members: String,
    votes_per_member: String,
    votes: String,
    share: String,
    banzhaf: String,
    shapley_shubik: String,
}

#[derive(Serialize)]
struct RuleRow {
    line: u32,
    eid: String,
    /// Where the clause stands, cited (`artikel 9, zesde lid, onder a`).
    place: String,
    what: String,
}

#[derive(Serialize)]
struct Finding {
    code: String,
    message: String,
    line: u32,
}

#[derive(Serialize)]
struct View {
    title: String,
    file: String,
    rows: Vec<Row>,
    members_total: u32,
    votes_total: u32,
    quota: u32,
    decision_rule: String,
    rules: Vec<RuleRow>,
    findings: Vec<Finding>,
}

fn view(s: &Stemverhouding) -> View {
    View {
        title: s.title.clone(),
        file: s.file.clone(),
        rows: s
            .participants
            .iter()
            .map(|p| Row {
                name: p.name.clone(),
                population: p.population.map(thousands).unwrap_or_else(|| "?".into()),
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
            .rules
            .iter()
            .filter(|r| !matches!(r.clause, Clause::StemverhoudingIntro))
            .map(|r| RuleRow {
                line: r.line,
                eid: r.eid.clone(),
                place: crate::tree::eid::cite(&r.eid),
                what: describe(&r.clause),
            })
            .collect(),
        findings: s
            .findings
            .iter()
            .map(|d| Finding {
                code: d.code.clone(),
                message: d.message.clone(),
                line: d.line,
            })
            .collect(),
    }
}

/// One regeling: `format` is `txt` or `md`.
pub fn one(
    env: &minijinja::Environment<'_>,
    s: &Stemverhouding,
    format: &str,
) -> Result<String, String> {
    super::render(env, &format!("stemmen.{format}"), view(s))
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
}

/// Old and new side by side per municipality.
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
    super::render(
        env,
        &format!("stemmen-vergelijking.{format}"),
        Compare {
            old: view(old),
            new: view(new),
            rows,
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
