//! Seats designated by named bodies ("De minister wijst twee leden aan", "De raden van de
//! gemeenten Renkum, Rheden en Rozendaal ... wijzen gezamenlijk 1 lid aan"): which
//! deelnemer each designation is for, as one row per deelnemer or per joint block.
//!
//! A mixed regeling (Wgr art 1 and 97 and onwards) has deelnemers that are no gemeenten:
//! the Rijk, a provincie, a stichting. They have no inwoners; their row says what they are.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::tree::Regeling;

use super::grammar::{Body, Clause, Designator};
use super::{Participant, Rule};

/// What kind of deelnemer a row is: a gemeente has inwoners, the others have none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A gemeente (or a block of gemeenten designating jointly): the default, not written.
    #[default]
    Municipality,
    /// The Rijk (designated by the minister).
    State,
    /// A provincie (designated by provinciale or gedeputeerde staten).
    Province,
    /// A stichting, a waterschap or another legal person.
    Organisation,
}

impl Kind {
    pub fn is_municipality(&self) -> bool {
        *self == Kind::Municipality
    }
}

/// One row of the table when the regeling designates by named bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    /// The deelnemer's name, or for a joint block its gemeenten as a list ("Renkum,
    /// Rheden en Rozendaal").
    pub name: String,
    pub kind: Kind,
    /// The gemeenten of a joint block (empty for one deelnemer).
    pub joint: Vec<String>,
    pub members: u32,
    /// Set by the designation ("Deze leden hebben dubbel stemrecht"); None: the general rule.
    pub votes_per_member: Option<u32>,
}

/// The designations of members of the algemeen bestuur in `rules`.
pub fn designations(rules: &[Rule]) -> Vec<&Rule> {
    rules
        .iter()
        .filter(|x| x.body == Body::General && matches!(x.clause, Clause::Designation { .. }))
        .collect()
}

/// The rows for `names` (the deelnemers) and the designations: in the deelnemers' order,
/// a joint block where its first gemeente stands, then what the text designates for a body
/// that is no deelnemer of the metadata. A deelnemer that nothing designates for gets the
/// `members_per` count when the regeling has one, else no members and V002.
pub fn seats(
    r: &Regeling,
    designations: &[&Rule],
    names: &[String],
    members_per: Option<u32>,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Seat> {
    // Designated rows, keyed by the deelnemers they are for.
    let mut designated: Vec<Seat> = Vec::new();
    for rule in designations {
        let Clause::Designation {
            by,
            named,
            members,
            each,
            votes_per_member,
            ..
        } = &rule.clause
        else {
            continue;
        };
        let (found, unknown) = resolve(*by, named.as_deref(), names);
        for u in &unknown {
            findings.push(
                Diagnostic::new(
                    "V012",
                    format!(
                        "{u} wijst leden van het algemeen bestuur aan, maar de metadata noemen {u} niet als deelnemer"
                    ),
                )
                .at(&r.file, rule.span)
                .node(&rule.eid),
            );
        }
        let all: Vec<String> = found.into_iter().chain(unknown).collect();
        let kind = kind_of(*by);
        let mut add = |name: String, joint: Vec<String>| {
            match designated
                .iter_mut()
                .find(|s| s.name == name && s.joint == joint)
            {
                // The raad and the college of one gemeente: its members add up; a
                // different number of votes per member is the later clause's.
                Some(s) => {
                    s.members += members;
                    s.votes_per_member = votes_per_member.or(s.votes_per_member);
                }
                None => designated.push(Seat {
                    name,
                    kind,
                    joint,
                    members: *members,
                    votes_per_member: *votes_per_member,
                }),
            }
        };
        if all.len() > 1 && !each {
            // Several gemeenten designating "gezamenlijk" (or without "ieder"): one block.
            add(crate::nl::list(&all), all.clone());
        } else {
            for n in all {
                add(n, Vec::new());
            }
        }
    }
    let mut out: Vec<Seat> = Vec::new();
    for name in names {
        if let Some(s) = designated
            .iter()
            .find(|s| s.name == *name || s.joint.contains(name))
        {
            if !out.contains(s) {
                out.push(s.clone());
            }
            continue;
        }
        let members = match members_per {
            Some(m) => m,
            None => {
                findings.push(
                    Diagnostic::new(
                        "V002",
                        format!(
                            "grc vindt niet hoeveel leden {name} in het algemeen bestuur aanwijst; {name} krijgt geen leden"
                        ),
                    )
                    .at(&r.file, r.metadata.span.unwrap_or_default()),
                );
                0
            }
        };
        out.push(Seat {
            name: name.clone(),
            kind: kind_by_name(name),
            joint: Vec::new(),
            members,
            votes_per_member: None,
        });
    }
    for s in designated {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// "Het algemeen bestuur bestaat uit vijf leden" against the members the designations
/// (or the number per deelnemer) give together: V014 when they differ.
pub fn check_size(
    r: &Regeling,
    rules: &[Rule],
    designations: &[&Rule],
    participants: &[Participant],
    findings: &mut Vec<Diagnostic>,
) {
    let Some((size_rule, size)) = rules.iter().find_map(|x| match x.clause {
        Clause::AbSize { members } => Some((x, members)),
        _ => None,
    }) else {
        return;
    };
    let total: u32 = participants.iter().map(|p| p.members).sum();
    if total == 0 || total == size {
        return;
    }
    let from = if designations.is_empty() {
        let per = participants.first().map_or(0, |p| p.members);
        format!(
            "{per} leden voor elk van de {} deelnemers geven er samen {total}",
            participants.len()
        )
    } else {
        let mut places: Vec<String> = Vec::new();
        for d in designations {
            let cited = crate::tree::eid::cite(&d.eid);
            if !places.contains(&cited) {
                places.push(cited);
            }
        }
        format!(
            "de aanwijzingen ({}) geven er samen {total}",
            places.join("; ")
        )
    };
    findings.push(
        Diagnostic::new(
            "V014",
            format!(
                "volgens {} bestaat het algemeen bestuur uit {size} leden, maar {from}",
                crate::tree::eid::cite(&size_rule.eid)
            ),
        )
        .at(&r.file, size_rule.span)
        .node(&size_rule.eid),
    );
}

fn kind_of(by: Designator) -> Kind {
    match by {
        Designator::Municipality => Kind::Municipality,
        Designator::Minister => Kind::State,
        Designator::Province => Kind::Province,
        Designator::Foundation | Designator::WaterBoard => Kind::Organisation,
    }
}

/// The provinces by the names a regeling gives them (Groningen and Utrecht are gemeenten
/// too: only "Provincie Groningen" is the province).
const PROVINCES: &[&str] = &[
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Fryslân",
    "Gelderland",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Zeeland",
    "Zuid-Holland",
];

/// The kind of a deelnemer of the metadata that no designation names.
pub fn kind_by_name(name: &str) -> Kind {
    let lower = name.to_lowercase();
    if is_state(&lower) {
        Kind::State
    } else if lower.starts_with("provincie ") || PROVINCES.contains(&name) {
        Kind::Province
    } else if is_organisation(&lower) {
        Kind::Organisation
    } else {
        Kind::Municipality
    }
}

fn is_state(lower: &str) -> bool {
    matches!(
        lower,
        "rijk" | "het rijk" | "staat" | "de staat" | "staat der nederlanden"
    ) || lower.starts_with("minister")
}

fn is_organisation(lower: &str) -> bool {
    ["stichting", "waterschap", "hoogheemraadschap", "vereniging"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The deelnemers a designation is for, and the names it gives that are no deelnemer (as
/// written, or the body's usual name: "Rijk" for the minister).
fn resolve(by: Designator, named: Option<&str>, names: &[String]) -> (Vec<String>, Vec<String>) {
    let one = |pick: Option<&String>, fallback: String| match pick {
        Some(n) => (vec![n.clone()], Vec::new()),
        None => (Vec::new(), vec![fallback]),
    };
    match by {
        Designator::Municipality => split_names(named.unwrap_or_default(), names),
        Designator::Minister => one(
            names.iter().find(|n| is_state(&n.to_lowercase())),
            "Rijk".into(),
        ),
        Designator::Province => {
            let by_name = named.and_then(|p| {
                names.iter().find(|n| {
                    *n == p || n.to_lowercase() == format!("provincie {}", p.to_lowercase())
                })
            });
            let only = || single(names, |n| kind_by_name(n) == Kind::Province);
            one(
                by_name.or_else(only),
                named.map_or("de provincie".into(), |p| format!("Provincie {p}")),
            )
        }
        Designator::Foundation | Designator::WaterBoard => {
            let word = if by == Designator::Foundation {
                "stichting"
            } else {
                "schap"
            };
            let by_name = named.and_then(|p| names.iter().find(|n| n.contains(p)));
            let only = || single(names, |n| n.to_lowercase().contains(word));
            let fallback = match (by, named) {
                (Designator::Foundation, Some(p)) => format!("Stichting {p}"),
                (Designator::Foundation, None) => "de stichting".into(),
                (_, Some(p)) => p.to_string(),
                _ => "het waterschap".into(),
            };
            one(by_name.or_else(only), fallback)
        }
    }
}

/// The one name that `keep` holds for, or None when none or several do.
fn single(names: &[String], keep: impl Fn(&str) -> bool) -> Option<&String> {
    let mut found = names.iter().filter(|n| keep(n));
    let first = found.next();
    first.filter(|_| found.next().is_none())
}

/// "Renkum, Rheden en Rozendaal" as deelnemers: split at the commas, and at `en` where the
/// words around it are no deelnemer's name ("Dijk en Waard" is one gemeente). Parts that
/// are no deelnemer come second, as written.
fn split_names(text: &str, names: &[String]) -> (Vec<String>, Vec<String>) {
    let (mut found, mut unknown) = (Vec::new(), Vec::new());
    for part in text.split(", ") {
        let words: Vec<&str> = part.split(" en ").collect();
        let mut i = 0;
        while i < words.len() {
            // The longest run of words joined by `en` that is a deelnemer; else one part.
            let hit = (i + 1..=words.len())
                .rev()
                .map(|j| (j, words[i..j].join(" en ")))
                .find(|(_, n)| names.contains(n));
            match hit {
                Some((j, n)) => {
                    found.push(n);
                    i = j;
                }
                None => {
                    unknown.push(words[i].to_string());
                    i += 1;
                }
            }
        }
    }
    (found, unknown)
}

/// True when `before` ends with `algemeen bestuur` (any case) and white space.
pub(super) fn after_algemeen_bestuur(before: &str) -> bool {
    let t = before.trim_end().as_bytes();
    t.len() >= 16 && t[t.len() - 16..].eq_ignore_ascii_case(b"algemeen bestuur")
}

/// Gives a designation the votes per member that the clause right after it sets for "deze
/// leden" ("De minister wijst twee leden aan. Deze leden hebben dubbel stemrecht", "...
/// Deze leden hebben elk twee stemmen"); the indices of the clauses so taken up. Only
/// where the words between refer back to the members, never to other members.
pub(super) fn apply_to_designations(
    found: &mut [(Clause, usize, usize)],
    lower: &str,
) -> Vec<usize> {
    let mut applied = Vec::new();
    for i in 1..found.len() {
        let votes = match found[i].0 {
            Clause::DoubleVote => 2,
            Clause::VotesPerDesignated { votes } => votes,
            _ => continue,
        };
        let gap = lower.get(found[i - 1].2..found[i].1).unwrap_or_default();
        if let Clause::Designation {
            votes_per_member, ..
        } = &mut found[i - 1].0
            && votes_per_member.is_none()
            && refers_back(gap)
        {
            *votes_per_member = Some(votes);
            applied.push(i);
        }
    }
    applied
}

/// True when `gap` (lower case) is the start of a sentence about the members just
/// designated: "deze leden hebben", "die leden", "zij hebben", "deze hebben".
fn refers_back(gap: &str) -> bool {
    let words: Vec<&str> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let rest = match words.as_slice() {
        ["deze" | "die", "leden", rest @ ..] | ["zij" | "deze" | "die", rest @ ..] => rest,
        _ => return false,
    };
    matches!(rest, [] | ["hebben" | "heeft"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_split_against_the_deelnemers() {
        let d = names(&["Renkum", "Rheden", "Rozendaal", "Dijk en Waard"]);
        assert_eq!(
            split_names("Renkum, Rheden en Rozendaal", &d),
            (names(&["Renkum", "Rheden", "Rozendaal"]), vec![])
        );
        assert_eq!(
            split_names("Dijk en Waard en Renkum", &d),
            (names(&["Dijk en Waard", "Renkum"]), vec![])
        );
        assert_eq!(
            split_names("Renkum en Ede", &d),
            (names(&["Renkum"]), names(&["Ede"]))
        );
    }

    #[test]
    fn bodies_resolve_to_the_deelnemer_of_their_kind() {
        let d = names(&[
            "Rijk",
            "Fryslân",
            "Stichting Frysk Letterkundich Museum en Dokumintaasjesintrum",
        ]);
        assert_eq!(resolve(Designator::Minister, None, &d).0, names(&["Rijk"]));
        assert_eq!(
            resolve(Designator::Province, None, &d).0,
            names(&["Fryslân"])
        );
        assert_eq!(
            resolve(Designator::Foundation, None, &d).0,
            names(&["Stichting Frysk Letterkundich Museum en Dokumintaasjesintrum"])
        );
        // No Rijk among the deelnemers: the minister's row is the Rijk's, reported.
        let d = names(&["Arnhem"]);
        assert_eq!(
            resolve(Designator::Minister, None, &d),
            (vec![], names(&["Rijk"]))
        );
        assert_eq!(kind_by_name("Provincie Groningen"), Kind::Province);
        assert_eq!(kind_by_name("Groningen"), Kind::Municipality);
        assert_eq!(kind_by_name("Staat der Nederlanden"), Kind::State);
    }

    #[test]
    fn the_size_is_the_algemeen_bestuurs_only_after_its_name() {
        assert!(after_algemeen_bestuur("1. Het Algemeen Bestuur "));
        assert!(!after_algemeen_bestuur("Het dagelijks bestuur "));
        assert!(!after_algemeen_bestuur("De commissie "));
        assert!(!after_algemeen_bestuur("bestuur "));
    }

    #[test]
    fn vote_clauses_after_a_designation_apply_only_when_they_refer_back() {
        let run = |text: &str| {
            let mut found = super::super::grammar::clauses(text);
            let applied = apply_to_designations(&mut found, &text.to_lowercase());
            let votes = found.iter().find_map(|(c, _, _)| match c {
                Clause::Designation {
                    votes_per_member, ..
                } => Some(*votes_per_member),
                _ => None,
            });
            (votes.flatten(), applied.len())
        };
        assert_eq!(
            run("De minister wijst twee leden aan. Deze leden hebben dubbel stemrecht."),
            (Some(2), 1)
        );
        assert_eq!(
            run("De minister wijst twee leden aan. Deze leden hebben elk drie stemmen."),
            (Some(3), 1)
        );
        assert_eq!(
            run("De minister wijst twee leden aan, die dubbel stemrecht hebben."),
            (Some(2), 1)
        );
        // Other members: not the designation's.
        assert_eq!(
            run("De minister wijst twee leden aan. Het lid uit Ede heeft dubbel stemrecht."),
            (None, 0)
        );
        assert_eq!(
            run("Deze leden hebben dubbel stemrecht. De minister wijst twee leden aan."),
            (None, 0)
        );
    }
}
