//! The only module that sees the voting grammar's pest types: it runs
//! `grammar/stemmen.pest` over a line of text and returns plain `Clause` data.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;
use serde::Serialize;

#[derive(Parser)]
#[grammar = "../grammar/stemmen.pest"]
struct VoteParser;

/// The administrative body a clause is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// algemeen bestuur
    General,
    /// dagelijks bestuur
    Executive,
}

/// A population band: from `from` (inclusive) to `below` (exclusive); `None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Band {
    pub from: u64,
    pub below: Option<u64>,
    pub votes_per_member: u32,
}

/// What a qualified majority counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuotaOf {
    VotesCast,
    Participants,
    Members,
}

/// Who designates members in a `Designation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Designator {
    /// The raad, college or burgemeester of one or more named gemeenten.
    Municipality,
    /// The minister or staatssecretaris: the Rijk.
    Minister,
    /// Provinciale or gedeputeerde staten: a provincie.
    Province,
    /// A stichting or its bestuur.
    Foundation,
    /// A waterschap or hoogheemraadschap.
    WaterBoard,
}

/// One recognised clause, with the byte range of its words in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Clause {
    Band(Band),
    FixedVotes {
        participant: String,
        votes: u32,
    },
    DoubleVote,
    FinancialShare,
    StemverhoudingIntro,
    MembersPer {
        members: u32,
        substitutes: Option<u32>,
    },
    Substitutes {
        per_member: u32,
    },
    /// A named body designates members: "De minister wijst twee leden aan".
    Designation {
        by: Designator,
        /// The names as written after the body ("Renkum, Rheden en Rozendaal"); split
        /// against the deelnemers when computing (`Dijk en Waard` is one name).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        named: Option<String>,
        members: u32,
        /// Plaatsvervangend leden: read, never counted as members.
        substitutes: Option<u32>,
        /// "gezamenlijk": the gemeenten named share the seats as one block.
        jointly: bool,
        /// "ieder": each gemeente named designates `members`.
        each: bool,
        /// Votes per member when the clause or the sentence after it sets them ("Deze leden
        /// hebben dubbel stemrecht": 2); None: the regeling's general rule.
        votes_per_member: Option<u32>,
    },
    /// "Het algemeen bestuur bestaat uit vijf leden."
    AbSize {
        members: u32,
    },
    /// "(Deze leden) hebben elk twee stemmen."
    VotesPerDesignated {
        votes: u32,
    },
    DbComposition {
        others: u32,
        at_most: bool,
        at_least: bool,
    },
    /// DB members (`appointed` false) or members appointed from outside the AB (`appointed`
    /// true) may never be a majority of `of`.
    NeverMajority {
        appointed: bool,
        of: Body,
    },
    OutsideMembers,
    VotesEach {
        body: Body,
        votes: u32,
    },
    Quorum,
    Majority,
    Qualified {
        numerator: u32,
        denominator: u32,
        of: QuotaOf,
    },
    Unanimity,
    Tie,
    Zienswijze,
    NoVote,
    Procedure,
}

/// Every clause in `text`, with its byte range: what the `alinea` rule finds, with the
/// grammar run only where `starts::may_start` says a clause can begin. `alinea` tries a
/// clause, else skips a run of letters and digits or one other character; this loop does
/// the same, and no clause starts with anything but a letter or digit.
pub fn clauses(text: &str) -> Vec<(Clause, usize, usize)> {
    clauses_with(text, true)
}

/// [`clauses`], with the common shapes read by [`hand::read`] or (`by_hand` false, for
/// the tests) every one by pest.
fn clauses_with(text: &str, by_hand: bool) -> Vec<(Clause, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let last_verb = super::starts::last_designate_verb(text);
    while i < text.len() {
        // White space and punctuation: no word starts here (the common case, without a call).
        let b = text.as_bytes()[i];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let end = super::starts::word_end(text, i);
        if end == i {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let verb_after = last_verb.is_some_and(|v| v > i);
        if !super::starts::may_start(&text[i..end], &text[end..], verb_after) {
            i = end;
            continue;
        }
        match if by_hand {
            hand::read(&text[i..], end - i)
        } else {
            hand::Hand::Grammar
        } {
            hand::Hand::Clause(c, len) => {
                out.push((c, i, i + len));
                i += len;
                continue;
            }
            hand::Hand::None => {
                i = end;
                continue;
            }
            hand::Hand::Grammar => {}
        }
        if let Ok(mut pairs) = VoteParser::parse(Rule::clause, &text[i..])
            && let Some(p) = pairs.next()
        {
            let len = p.as_span().end();
            if let Some(c) = clause(p) {
                out.push((c, i, i + len));
            }
            i += len;
            continue;
        }
        i = end;
    }
    out
}

/// Every clause by running the `alinea` rule over the whole text: what `clauses` must
/// give (tested).
#[cfg(test)]
pub(crate) fn clauses_by_alinea(text: &str) -> Vec<(Clause, usize, usize)> {
    let Ok(pairs) = VoteParser::parse(Rule::alinea, text) else {
        return Vec::new();
    };
    pairs
        .filter(|p| p.as_rule() == Rule::clause)
        .filter_map(|p| {
            let (s, e) = (p.as_span().start(), p.as_span().end());
            clause(p).map(|c| (c, s, e))
        })
        .collect()
}

/// The first clause in `text` (for tests).
pub fn first(text: &str) -> Option<Clause> {
    let mut pairs = VoteParser::parse(Rule::clause_only, text).ok()?;
    pairs.find(|p| p.as_rule() == Rule::clause).and_then(clause)
}

fn inner(p: Pair<'_, Rule>) -> Pair<'_, Rule> {
    p.into_inner()
        .next()
        .expect("grammar: rule has an inner rule")
}

fn count(p: Pair<'_, Rule>) -> u32 {
    let s = p.as_str().to_lowercase();
    match s.as_str() {
        "één" | "eén" | "een" => 1,
        "twee" => 2,
        "drie" => 3,
        "vier" => 4,
        "vijf" => 5,
        "zes" => 6,
        "zeven" => 7,
        "acht" => 8,
        "negen" => 9,
        "tien" => 10,
        digits => digits.parse().unwrap_or(0),
    }
}

fn population(p: Pair<'_, Rule>) -> u64 {
    p.as_str()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

fn counts(p: Pair<'_, Rule>) -> Vec<u32> {
    p.into_inner()
        .flatten()
        .filter(|q| q.as_rule() == Rule::count)
        .map(count)
        .collect()
}

fn body(p: Pair<'_, Rule>) -> Option<Body> {
    p.into_inner().flatten().find_map(|q| match q.as_rule() {
        Rule::ab => Some(Body::General),
        Rule::db => Some(Body::Executive),
        _ => None,
    })
}

fn clause(p: Pair<'_, Rule>) -> Option<Clause> {
    let c = inner(p);
    Some(match c.as_rule() {
        Rule::band => {
            let mut parts = c.into_inner();
            let range = inner(parts.next()?);
            let votes = counts(parts.next()?).first().copied()?;
            let pops: Vec<u64> = range
                .clone()
                .into_inner()
                .filter(|q| q.as_rule() == Rule::population)
                .map(population)
                .collect();
            let (from, below) = match range.as_rule() {
                Rule::from_to => (pops[0], Some(pops[1])),
                Rule::from_to_incl => (pops[0], Some(pops[1] + 1)),
                Rule::at_least => (pops[0], None),
                Rule::above => (pops[0] + 1, None),
                Rule::below => (0, Some(pops[0])),
                Rule::below_incl => (0, Some(pops[0] + 1)),
                _ => return None,
            };
            Clause::Band(Band {
                from,
                below,
                votes_per_member: votes,
            })
        }
        Rule::fixed_votes => {
            let name = c.clone().into_inner().find(|q| q.as_rule() == Rule::name)?;
            Clause::FixedVotes {
                participant: name.as_str().to_string(),
                votes: counts(c).first().copied()?,
            }
        }
        Rule::double_vote => Clause::DoubleVote,
        Rule::financial_share => Clause::FinancialShare,
        Rule::ratio_intro => Clause::StemverhoudingIntro,
        Rule::members_per => {
            let n = counts(c);
            Clause::MembersPer {
                members: *n.first()?,
                substitutes: n.get(1).copied(),
            }
        }
        Rule::designation => designation(c)?,
        Rule::ab_size => Clause::AbSize {
            members: *counts(c).first()?,
        },
        Rule::votes_per_designated => Clause::VotesPerDesignated {
            votes: *counts(c).first()?,
        },
        Rule::substitutes => Clause::Substitutes {
            per_member: *counts(c).first()?,
        },
        Rule::db_composition => {
            let limit = c
                .clone()
                .into_inner()
                .find(|q| q.as_rule() == Rule::limit)
                .map(|l| inner(l).as_rule());
            Clause::DbComposition {
                others: *counts(c).first()?,
                at_most: limit == Some(Rule::at_most),
                at_least: limit == Some(Rule::at_least_word),
            }
        }
        Rule::never_majority => {
            let appointed = c
                .clone()
                .into_inner()
                .flatten()
                .any(|q| q.as_rule() == Rule::appointed_members);
            let of = c
                .into_inner()
                .find(|q| q.as_rule() == Rule::body)
                .map(|b| match inner(b).as_rule() {
                    Rule::ab => Body::General,
                    _ => Body::Executive,
                })?;
            Clause::NeverMajority { appointed, of }
        }
        Rule::outside_members => Clause::OutsideMembers,
        Rule::votes_each => Clause::VotesEach {
            body: body(c.clone())?,
            votes: *counts(c).first()?,
        },
        Rule::quorum => Clause::Quorum,
        Rule::majority => Clause::Majority,
        Rule::qualified => {
            let all: Vec<Rule> = c.into_inner().flatten().map(|q| q.as_rule()).collect();
            let (numerator, denominator) = if all.contains(&Rule::twee_derde) {
                (2, 3)
            } else {
                (3, 4)
            };
            let of = if all.contains(&Rule::votes_cast) {
                QuotaOf::VotesCast
            } else if all.contains(&Rule::colleges) {
                QuotaOf::Participants
            } else {
                QuotaOf::Members
            };
            Clause::Qualified {
                numerator,
                denominator,
                of,
            }
        }
        Rule::unanimity => Clause::Unanimity,
        Rule::tie => Clause::Tie,
        Rule::zienswijze => Clause::Zienswijze,
        Rule::no_vote => Clause::NoVote,
        Rule::procedure => Clause::Procedure,
        _ => return None,
    })
}

fn designation(c: Pair<'_, Rule>) -> Option<Clause> {
    let mut by = None;
    let mut named = None;
    let (mut jointly, mut each) = (false, false);
    let (mut members, mut substitutes, mut votes_per_member) = (None, None, None);
    for q in c.into_inner() {
        match q.as_rule() {
            Rule::designator => {
                let b = inner(q);
                by = Some(match b.as_rule() {
                    Rule::municipal_body => Designator::Municipality,
                    Rule::minister => Designator::Minister,
                    Rule::states => Designator::Province,
                    Rule::foundation => Designator::Foundation,
                    _ => Designator::WaterBoard,
                });
                named = b
                    .into_inner()
                    .find(|x| x.as_rule() == Rule::place_names)
                    .map(|x| x.as_str().to_string());
            }
            Rule::jointly => jointly = true,
            Rule::each => each = true,
            Rule::designated => members = counts(q).first().copied(),
            Rule::designated_substitutes => substitutes = counts(q).first().copied(),
            // "wijst twee leden met dubbel stemrecht aan".
            Rule::designation_tail if q.as_str().to_lowercase().contains("dubbel stemrecht") => {
                votes_per_member = Some(2);
            }
            _ => {}
        }
    }
    Some(Clause::Designation {
        by: by?,
        named,
        members: members?,
        substitutes,
        jointly,
        each,
        votes_per_member,
    })
}

mod hand;
#[cfg(test)]
mod tests;
