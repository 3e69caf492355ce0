//! The stemverhouding as text or a Markdown table (one regeling, or old and new side by
//! side per municipality), for a raadsvoorstel.

use serde::Serialize;

use super::{decimal3, percent};
use crate::stemmen::{Stemverhouding, describe, dots};

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
    what: String,
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
    findings: Vec<String>,
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
                population: p.population.map(dots).unwrap_or_else(|| "?".into()),
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
            .filter(|r| {
                !matches!(
                    r.clause,
                    crate::stemmen::grammar::Clause::StemverhoudingIntro
                )
            })
            .map(|r| RuleRow {
                line: r.line,
                eid: r.eid.clone(),
                what: describe(&r.clause),
            })
            .collect(),
        findings: s
            .findings
            .iter()
            .map(|d| format!("[{}] {} (regel {})", d.code, d.message, d.line))
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
