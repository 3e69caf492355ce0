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
    let mut out = Vec::new();
    let mut i = 0;
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
        if super::starts::may_start(&text[i..end], &text[end..])
            && let Ok(mut pairs) = VoteParser::parse(Rule::clause, &text[i..])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn band(text: &str) -> (u64, Option<u64>, u32) {
        match first(text) {
            Some(Clause::Band(b)) => (b.from, b.below, b.votes_per_member),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn bands_of_sora_2022() {
        assert_eq!(
            band(
                "elk lid dat afkomstig is uit een gemeente met een inwonertal tot 20.000 inwoners heeft één stem;"
            ),
            (0, Some(20_000), 1)
        );
        assert_eq!(
            band("uit een gemeente met een inwonertal van 20.000 tot 40.000 heeft drie stemmen;"),
            (20_000, Some(40_000), 3)
        );
        assert_eq!(
            band("met een inwonertal van 40.000 of meer heeft vijf stemmen"),
            (40_000, None, 5)
        );
    }

    #[test]
    fn bands_of_wnk_2015() {
        assert_eq!(
            band(
                "het college van een gemeente met een inwonertal van 60.000 of meer is gelijk aan drie stemmen;"
            ),
            (60_000, None, 3)
        );
        assert_eq!(
            band("een inwonertal van 30.000 tot 60.000 is gelijk aan twee stemmen;"),
            (30_000, Some(60_000), 2)
        );
        assert_eq!(
            band("een inwonertal van minder dan 30.000 is gelijk aan één stem."),
            (0, Some(30_000), 1)
        );
    }

    #[test]
    fn other_band_shapes() {
        assert_eq!(
            band("een inwonertal van 10000 tot en met 49999 heeft 2 stemmen"),
            (10_000, Some(50_000), 2)
        );
        assert_eq!(
            band("een inwonertal van meer dan 50.000 heeft vier stemmen"),
            (50_001, None, 4)
        );
        assert_eq!(
            band("een inwonertal van ten hoogste 9.999 inwoners heeft een stem"),
            (0, Some(10_000), 1)
        );
    }

    #[test]
    fn members_and_substitutes() {
        assert_eq!(
            first(
                "De colleges wijzen uit hun midden ieder twee leden van het Algemeen Bestuur aan."
            ),
            Some(Clause::MembersPer {
                members: 2,
                substitutes: None
            })
        );
        assert_eq!(
            first("wordt gevormd door één lid, alsmede één plaatsvervangend lid per gemeente."),
            Some(Clause::MembersPer {
                members: 1,
                substitutes: Some(1)
            })
        );
        assert_eq!(
            first(
                "De colleges kunnen voor ieder lid tevens één plaatsvervangend lid uit hun midden aanwijzen"
            ),
            Some(Clause::Substitutes { per_member: 1 })
        );
        assert_eq!(
            first("bestaat uit 3 leden per gemeente"),
            Some(Clause::MembersPer {
                members: 3,
                substitutes: None
            })
        );
    }

    #[test]
    fn other_stemverhouding_shapes() {
        assert_eq!(
            first("De gemeente Dijk en Waard heeft vijf stemmen."),
            Some(Clause::FixedVotes {
                participant: "Dijk en Waard".into(),
                votes: 5
            })
        );
        assert_eq!(
            first("Het lid uit Alkmaar heeft dubbel stemrecht."),
            Some(Clause::DoubleVote)
        );
        assert_eq!(
            first(
                "Elk lid brengt stemmen uit naar rato van de financiële bijdrage van zijn gemeente."
            ),
            Some(Clause::FinancialShare)
        );
    }

    #[test]
    fn dagelijks_bestuur() {
        assert_eq!(
            first(
                "Het Dagelijks Bestuur bestaat uit de voorzitter en (maximaal) twee andere leden, door en uit het Algemeen Bestuur aan te wijzen"
            ),
            Some(Clause::DbComposition {
                others: 2,
                at_most: true,
                at_least: false
            })
        );
        assert_eq!(
            first(
                "Het dagelijks bestuur bestaat uit de voorzitter en ten minste twee andere leden"
            ),
            Some(Clause::DbComposition {
                others: 2,
                at_most: false,
                at_least: true
            })
        );
        assert_eq!(
            first(
                "De leden van het Dagelijks Bestuur mogen nimmer de meerderheid van het Algemeen Bestuur uitmaken."
            ),
            Some(Clause::NeverMajority {
                appointed: false,
                of: Body::General
            })
        );
        assert_eq!(
            first(
                "De op grond van het vorige lid benoemde leden mogen nimmer de meerderheid van het Dagelijks Bestuur uitmaken."
            ),
            Some(Clause::NeverMajority {
                appointed: true,
                of: Body::Executive
            })
        );
        assert_eq!(
            first("Deze leden worden aangewezen van buiten de kring van het Algemeen Bestuur."),
            Some(Clause::OutsideMembers)
        );
        assert_eq!(
            first(
                "Alle in het eerste lid genoemde leden hebben in het Dagelijks Bestuur één stem."
            ),
            Some(Clause::VotesEach {
                body: Body::Executive,
                votes: 1
            })
        );
    }

    #[test]
    fn decision_rules() {
        assert_eq!(
            first(
                "wordt niet geopend voordat meer dan de helft van de zitting hebbende leden aanwezig is"
            ),
            Some(Clause::Quorum)
        );
        assert_eq!(
            first("worden alle besluiten genomen bij meerderheid van de uitgebrachte stemmen."),
            Some(Clause::Majority)
        );
        assert_eq!(
            first("bij meerderheid der uitgebrachte stemmen daarin bewilligt"),
            Some(Clause::Majority)
        );
        assert_eq!(
            first("bij meerderheid van uitgebrachte stemmen."),
            Some(Clause::Majority)
        );
        assert_eq!(
            first("is aanvaard door de colleges van tenminste twee derde van de gemeenten."),
            Some(Clause::Qualified {
                numerator: 2,
                denominator: 3,
                of: QuotaOf::Participants
            })
        );
        assert_eq!(
            first("met twee derde van de uitgebrachte stemmen"),
            Some(Clause::Qualified {
                numerator: 2,
                denominator: 3,
                of: QuotaOf::VotesCast
            })
        );
        assert_eq!(
            first("stelt bij unanimititeit een bijdrageverordening vast"),
            Some(Clause::Unanimity)
        );
        assert_eq!(
            first("Bij staking van stemmen wordt opnieuw gestemd."),
            Some(Clause::Tie)
        );
        assert_eq!(
            first("nadat de raden hun zienswijzen te kennen hebben gegeven"),
            Some(Clause::Zienswijze)
        );
        assert_eq!(
            first("Deze adviseurs hebben geen stemrecht."),
            Some(Clause::NoVote)
        );
    }

    #[test]
    fn no_clause_inside_other_words() {
        assert!(
            clauses("om het beleid op elkaar af te stemmen en in overeenstemming te handelen")
                .is_empty()
        );
        assert!(clauses("een inwonertal dat wij niet kennen").is_empty());
    }
}
