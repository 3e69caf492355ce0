//! Writing the wijzigingsbesluit for two versions, the way a drafter would: per article
//! the fewest clear instructions (replace a few words, repeal or insert a lid with the
//! Ar 6.18 renumbering sentence, replace a lid), and "Artikel N komt te luiden:" when
//! finer instructions would not be clearer.
//!
//! Every article's instructions are applied to the old article before they are kept; if
//! they do not give the new article exactly, the article is replaced whole instead. The
//! whole besluit is then applied to the old regeling and compared with the new one: a
//! difference is a bug in grc and is returned as an error, never written.

use serde_json::Value;

use super::sentence::{Addr, Sentence, Shift, Soort, Special};
use super::text::{Step, Text};
use super::{Instruction, MetaChange, Wijziging, Wijzigingsbesluit, letter, step};
use crate::diff::{Comparison, Options};
use crate::source::fragment;
use crate::tree::*;

mod across;
mod articles;
mod chapters;
mod choice;
mod elements;
mod equal;
mod form;
mod frame;
mod join;
mod reading;
mod verify;
mod wording;

use across::*;
use articles::*;
use chapters::*;
use choice::*;
use elements::*;
use form::*;
use frame::*;
use reading::Reading;
use verify::*;
use wording::*;

pub use form::Vorm;
pub use frame::PLACEHOLDERS;
pub use verify::text_of;

/// An instruction before it gets its letter: the sentence and the quoted text.
#[derive(Debug, Clone)]
pub(super) struct Op {
    sentence: Sentence,
    block: Option<String>,
}

impl Op {
    pub(super) fn new(sentence: Sentence, block: Option<String>) -> Op {
        Op { sentence, block }
    }
}

/// A lettered onderdeel in the making: one instruction, or an intro with several.
#[derive(Clone)]
pub(super) struct Group {
    intro: Option<Addr>,
    ops: Vec<Op>,
}

impl Group {
    /// One instruction as its own lettered onderdeel.
    pub(super) fn single(op: Op) -> Group {
        Group {
            intro: None,
            ops: vec![op],
        }
    }
}

/// The tree as JSON without what a rewrite may change and the text does not: spans,
/// eIds (derived from numbers) and references (derived from the words).
fn norm<T: serde::Serialize>(x: &T) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| {
                    k != "span" && !k.ends_with("_span") && k != "eid" && k != "references"
                });
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(x).unwrap_or_default();
    strip(&mut v);
    v
}

fn same<T: serde::Serialize>(a: &T, b: &T) -> bool {
    norm(a) == norm(b)
}

/// Two parts are the same text when the writer writes them the same: the writer is
/// exact (`parse(write(t)) == t` spans aside) and much cheaper than comparing trees.
fn same_part(a: &Deel, b: &Deel) -> bool {
    fragment::part(a) == fragment::part(b)
}

fn same_blocks(a: &[Blok], b: &[Blok]) -> bool {
    equal::blocks(a, b) || fragment::blocks(a, 3) == fragment::blocks(b, 3)
}

fn steps_of(ops: &[Op], context: Option<&Addr>) -> Text {
    Text {
        regeling: None,
        regeling_at: None,
        metadata: Vec::new(),
        steps: ops
            .iter()
            .map(|op| Step {
                letter: "A".into(),
                line: 0,
                start: 0,
                sentence: op.sentence.clone(),
                context: context.cloned(),
                block: op.block.clone().map(|b| (0, b)),
            })
            .collect(),
    }
}

fn is_plain_lid(n: &str) -> bool {
    n.parse::<u32>().is_ok_and(|v| (1..=30).contains(&v))
}

fn is_plain_letter(n: &str) -> bool {
    n.len() == 1 && n.bytes().all(|b| b.is_ascii_lowercase())
}

/// Why no besluit is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The two versions have the same text: there is nothing to amend, and an empty
    /// ARTIKEL I is no besluit anyone signs. `metadata`: the metadata keys that differ
    /// (a changed version number or date is no amendment of the text).
    Identical { metadata: Vec<String> },
    /// Something in the documents stands in the way (a number used twice, a change no
    /// instruction can make), or, starting with "interne fout", a bug in grc.
    Cannot(String),
}

impl Refusal {
    /// Whether the refusal is a bug in grc (the besluit did not round-trip).
    pub fn is_internal(&self) -> bool {
        matches!(self, Refusal::Cannot(m) if m.contains("interne fout"))
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Identical { metadata } if metadata.is_empty() => f.write_str(
                "de twee versies zijn gelijk; er is niets te wijzigen, dus geen wijzigingsbesluit",
            ),
            Refusal::Identical { metadata } => write!(
                f,
                "de tekst van de twee versies is gelijk (alleen de metadata verschilt: {}); \
                 er is niets te wijzigen, dus geen wijzigingsbesluit",
                crate::nl::list(metadata)
            ),
            Refusal::Cannot(m) => f.write_str(m),
        }
    }
}

impl From<String> for Refusal {
    fn from(m: String) -> Refusal {
        Refusal::Cannot(m)
    }
}

/// Generates the wijzigingsbesluit that turns `old` into `new`, with instructions per
/// article ([`Vorm::Wijziging`]), on the comparison `diff::compare` makes with `options`.
pub fn generate(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
) -> Result<Wijzigingsbesluit, Refusal> {
    generate_as(old, new, options, Vorm::Wijziging)
}

/// [`generate_with`] on the comparison `diff::compare` makes with `options`.
pub fn generate_as(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
    vorm: Vorm,
) -> Result<Wijzigingsbesluit, Refusal> {
    generate_with(old, new, &crate::diff::compare(old, new, options), vorm)
}

/// Generates the wijzigingsbesluit in the form `vorm`, reading the diff's comparison
/// `cmp` of the two versions (the one the wijzigingstabel and the renvooi show) for
/// which element is which. [`Vorm::Auto`] re-enacts the regeling in full when Ar 6.7
/// asks it (without writing the article-wise besluit at all), or when the article-wise
/// besluit would quote most of the regeling; the reason is note B003 in `warnings`.
pub fn generate_with(
    old: &Regeling,
    new: &Regeling,
    cmp: &Comparison,
    vorm: Vorm,
) -> Result<Wijzigingsbesluit, Refusal> {
    let rd = Reading::new(cmp);
    let numbering = Numbering::default();
    let (mut b, reason) = match vorm {
        Vorm::Wijziging => (generate_checked(old, new, &rd, &numbering, true)?, None),
        Vorm::Integraal => (integral(old, new, &rd)?, None),
        // Ar 6.7 asks the full text whatever the article-wise besluit would say: the
        // regeling is re-enacted, which names no article, so that form is not written at
        // all. It used to be written and verified for its refusals (a third of the
        // besluit of the real pair, whose opschrift changes; issue 17), and a refusal of
        // a form not chosen (a number used twice, a different indeling) refused the full
        // text too.
        Vorm::Auto => match ar_6_7_reason(old, new) {
            Some(why) => (integral(old, new, &rd)?, Some(Reason::Ar67(why))),
            None => {
                let wise = generate_checked(old, new, &rd, &numbering, true)?;
                match quoted_reason(new, &wise).filter(|_| !wise.onderdelen.is_empty()) {
                    Some(why) => (integral(old, new, &rd)?, Some(Reason::Quoted(why))),
                    None => (wise, None),
                }
            }
        },
    };
    if b.onderdelen.is_empty() {
        return Err(Refusal::Identical {
            metadata: b.metadata.iter().map(|m| m.key.clone()).collect(),
        });
    }
    b.onderdelen
        .iter_mut()
        .flat_map(|o| &mut o.instructions)
        .for_each(Instruction::lay_out);
    b.warnings = super::enacted::defects_with(
        [numbering.of_old(old), numbering.of_new(new)],
        [&cmp.missing_targets[0], &cmp.missing_targets[1]],
    );
    b.warnings.extend(reason.map(|r| integral_note(new, &r)));
    b.warnings.extend(placeholders(old, &b));
    b.warnings.extend(not_retroactive(new));
    Ok(b)
}

/// The article-wise besluit; `refine`: with the sweeps across articles and the joined
/// edits that keep it exact (without, the first form that verifies: the same refusals and
/// the same emptiness, since each refinement is kept only when it verifies too).
/// The first number that occurs a second time, with its line and the line of the first.
fn first_duplicate(numbers: Vec<(&str, u32)>) -> Option<(&str, u32, u32)> {
    let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    for (n, line) in numbers {
        if let Some(first) = seen.insert(n, line) {
            return Some((n, line, first));
        }
    }
    None
}

/// The numbering check's findings of each version, computed at most once: the refusal of
/// a number used twice (`generate_checked`) and B001 (`enacted::defects_with`) both read
/// them (the check is a pure function of the tree, so sharing changes no finding).
#[derive(Default)]
struct Numbering {
    old: std::cell::OnceCell<Vec<crate::diagnostic::Diagnostic>>,
    new: std::cell::OnceCell<Vec<crate::diagnostic::Diagnostic>>,
}

impl Numbering {
    fn of_old(&self, old: &Regeling) -> &[crate::diagnostic::Diagnostic] {
        self.old.get_or_init(|| crate::check::numbering::check(old))
    }

    fn of_new(&self, new: &Regeling) -> &[crate::diagnostic::Diagnostic] {
        self.new.get_or_init(|| crate::check::numbering::check(new))
    }
}

fn generate_checked(
    old: &Regeling,
    new: &Regeling,
    rd: &Reading<'_>,
    numbering: &Numbering,
    refine: bool,
) -> Result<Wijzigingsbesluit, String> {
    if !same(&old.preceding_decision, &new.preceding_decision) {
        return Err(
            "het voorafgaande besluit verschilt; dat kan een wijzigingsbesluit niet wijzigen"
                .into(),
        );
    }
    // A text without article headings is read by other rules (numbered paragraphs head
    // sections, P025): a part quoted from it is not read back the same way on its own, and
    // Ar 6.9-6.18 instructions address articles (found by fuzzing: "interne fout").
    for (version, r) in [("oude", old), ("nieuwe", new)] {
        if crate::tree::walk::articles(r).is_empty() {
            return Err(format!(
                "de {version} versie heeft geen artikelen; een wijzigingsbesluit wijzigt \
                 artikelen, leden en onderdelen (stel de tekst opnieuw vast)"
            ));
        }
    }
    // An instruction names an article or hoofdstuk by its number; a number that occurs
    // twice names two (found by the robustness test: it came out as "interne fout").
    // Doubled leden or onderdelen are no obstacle: their article is replaced whole.
    for (version, r) in [("oude", old), ("nieuwe", new)] {
        let names_two = |d: &&crate::diagnostic::Diagnostic| {
            let last = d.node.as_deref().and_then(|n| n.rsplit("__").next());
            d.code == "S001" && last.is_some_and(|l| l.starts_with("art_") || l.starts_with("chp_"))
        };
        let findings = if version == "oude" {
            numbering.of_old(r)
        } else {
            numbering.of_new(r)
        };
        if let Some(d) = findings.iter().find(names_two) {
            return Err(format!(
                "de {version} versie, regel {}: {}; een wijzigingsbesluit kan dat element niet eenduidig noemen (S001)",
                d.line, d.message
            ));
        }
        // Numbered per hoofdstuk, the same article number may stand in two hoofdstukken
        // without an S001; an instruction names an article by its number alone (found
        // by fuzzing: it came out as "interne fout"). Two bijlagen with one number: the
        // same (found by fuzzing: apply's A002 refused the second). Two hoofdstukken with
        // a number the numbering check cannot order (`Hoofdstuk 1ers`, so no S001): the
        // same (found by fuzzing).
        let chapters: Vec<(&str, u32)> = r
            .body
            .iter()
            .filter_map(|d| match d {
                Deel::Hoofdstuk(h) => Some((h.number.as_str(), h.span.line)),
                _ => None,
            })
            .collect();
        let annexes: Vec<(&str, u32)> = r
            .annexes
            .iter()
            .filter_map(|b| Some((b.number.as_deref()?, b.span.line)))
            .collect();
        let articles: Vec<(&str, u32)> = crate::tree::walk::articles(r)
            .iter()
            .filter_map(|a| Some((a.number.as_deref()?, a.span.line)))
            .collect();
        for (noun, numbers, that) in [
            ("hoofdstuk", chapters, "dat hoofdstuk"),
            ("bijlage", annexes, "die bijlage"),
            ("artikel", articles, "dat artikel"),
        ] {
            if let Some((n, line, first)) = first_duplicate(numbers) {
                return Err(format!(
                    "de {version} versie, regel {line}: {noun} {n} staat er twee keer in (eerder op regel {first}); een wijzigingsbesluit kan {that} niet eenduidig noemen"
                ));
            }
        }
    }
    // Fine instructions first. When they cannot be executed in any order (articles that
    // swap hoofdstukken keep their numbers, so one number stands in two hoofdstukken
    // half-way), every changed hoofdstuk is replaced whole instead, which names no
    // article at all.
    let groups = instructions(old, new, rd, Grain::Fine)?;
    let fine = assemble(old, new, groups.clone());
    let first = match verify(old, new, &fine, &rd.checks) {
        Ok(()) if !refine => return Ok(fine),
        Ok(()) => {
            let (groups, swept) = sweeps_across(old, new, groups, fine, rd);
            let joined = assemble(old, new, join::join_edits(groups));
            return Ok(if verify(old, new, &joined, &rd.checks).is_ok() {
                joined
            } else {
                swept
            });
        }
        Err(first) => first,
    };
    for grain in [Grain::WholeChapters, Grain::Rebuild] {
        if let Ok(groups) = instructions(old, new, rd, grain) {
            let coarse = assemble(old, new, groups);
            if verify(old, new, &coarse, &rd.checks).is_ok() {
                return Ok(coarse);
            }
        }
    }
    Err(first)
}

/// How coarse the instructions for hoofdstukken are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grain {
    /// Article by article within a hoofdstuk that keeps its number.
    Fine,
    /// Every changed hoofdstuk replaced whole (no article named at all).
    WholeChapters,
    /// Every hoofdstuk (and bijlage) that is not kept as it was is repealed first, then the
    /// new ones are inserted in reading order: always executable, so the last resort when
    /// the others name a number twice half-way (see `rebuild`).
    Rebuild,
}

/// The instructions, grouped per lettered onderdeel, at the given grain.
fn instructions(
    old: &Regeling,
    new: &Regeling,
    rd: &Reading<'_>,
    grain: Grain,
) -> Result<Vec<Group>, String> {
    let mut groups: Vec<Group> = Vec::new();

    // The opschrift.
    if old.title.as_ref().map(|t| &t.text) != new.title.as_ref().map(|t| &t.text) {
        match &new.title {
            Some(t) => groups.push(Group::single(Op::new(
                Sentence::Heading(Addr::special(Special::Regeling)),
                Some(t.text.clone()),
            ))),
            None => return Err("de nieuwe versie heeft geen opschrift meer".into()),
        }
    }
    // The aanhef.
    if !same(&old.preamble, &new.preamble) {
        let text = new.preamble.as_ref().map(|a| fragment::lines(&a.content));
        groups.push(Group::single(whole_or_repeal(
            Special::Aanhef,
            old.preamble.is_some(),
            text,
        )));
    }

    body(old, new, rd, grain, &mut groups)?;

    if !same(&old.closing, &new.closing) {
        let text = new.closing.as_ref().map(fragment::closing);
        groups.push(Group::single(whole_or_repeal(
            Special::Slotformulering,
            old.closing.is_some(),
            text,
        )));
    }
    annexes(old, new, rd, grain, &mut groups)?;
    if !same(&old.explanation, &new.explanation) {
        let text = new.explanation.as_ref().map(fragment::explanation);
        groups.push(Group::single(whole_or_repeal(
            Special::Toelichting,
            old.explanation.is_some(),
            text,
        )));
    }

    Ok(groups)
}

/// "De aanhef komt te luiden:" with the new text, or "De aanhef vervalt." without.
/// `... komt te luiden:` or `... vervalt.`; for a toelichting or slotformulering the old
/// version lacked, `Aan de regeling wordt een toelichting toegevoegd, luidende:` (Ar 6.11).
fn whole_or_repeal(what: Special, existed: bool, text: Option<String>) -> Op {
    let added = match what {
        Special::Toelichting => Some(Soort::Toelichting),
        Special::Slotformulering => Some(Soort::Slotformulering),
        _ => None,
    };
    match text {
        Some(t) if !existed && added.is_some() => Op::new(
            Sentence::Append {
                to: Addr::special(Special::Regeling),
                what: added.expect("checked"),
            },
            Some(t),
        ),
        Some(t) => Op::new(Sentence::Whole(Addr::special(what)), Some(t)),
        None => Op::new(
            Sentence::Repeal {
                at: Addr::special(what),
                shift: None,
            },
            None,
        ),
    }
}
