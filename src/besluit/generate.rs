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

use super::apply::apply;
use super::sentence::{Addr, Sentence, Shift, Soort, Special};
use super::text::{Step, Text};
use super::{Instruction, MetaChange, Wijziging, Wijzigingsbesluit, letter, step};
use crate::diff::align::{Unit, align};
use crate::diff::{Options, article_text, article_unit, item_unit, lid_unit};
use crate::source::fragment;
use crate::tree::inline::plain;
use crate::tree::*;

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

fn same_article(a: &Artikel, b: &Artikel) -> bool {
    fragment::article(a) == fragment::article(b)
}

fn same_blocks(a: &[Blok], b: &[Blok]) -> bool {
    fragment::blocks(a, 3) == fragment::blocks(b, 3)
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

/// Generates the wijzigingsbesluit that turns `old` into `new`.
pub fn generate(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
) -> Result<Wijzigingsbesluit, Refusal> {
    let mut b = generate_checked(old, new, options)?;
    if b.onderdelen.is_empty() {
        return Err(Refusal::Identical {
            metadata: b.metadata.iter().map(|m| m.key.clone()).collect(),
        });
    }
    b.warnings = super::enacted::defects(old, new);
    Ok(b)
}

fn generate_checked(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
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
        let names_two = |d: &crate::diagnostic::Diagnostic| {
            let last = d.node.as_deref().and_then(|n| n.rsplit("__").next());
            d.code == "S001" && last.is_some_and(|l| l.starts_with("art_") || l.starts_with("chp_"))
        };
        if let Some(d) = crate::check::numbering::check(r)
            .into_iter()
            .find(names_two)
        {
            return Err(format!(
                "de {version} versie, regel {}: {}; een wijzigingsbesluit kan dat element niet eenduidig noemen (S001)",
                d.line, d.message
            ));
        }
        // Numbered per hoofdstuk, the same article number may stand in two hoofdstukken
        // without an S001; an instruction names an article by its number alone (found
        // by fuzzing: it came out as "interne fout").
        // Two bijlagen with one number: the same (found by fuzzing: apply's A002 refused
        // the second).
        let mut bijlagen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        for b in &r.annexes {
            if let Some(n) = b.number.as_deref()
                && let Some(first) = bijlagen.insert(n, b.span.line)
            {
                return Err(format!(
                    "de {version} versie, regel {}: bijlage {n} staat er twee keer in (eerder op regel {first}); een wijzigingsbesluit kan die bijlage niet eenduidig noemen",
                    b.span.line
                ));
            }
        }
        let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        for a in crate::tree::walk::articles(r) {
            if let Some(n) = a.number.as_deref()
                && let Some(first) = seen.insert(n, a.span.line)
            {
                return Err(format!(
                    "de {version} versie, regel {}: artikel {n} staat er twee keer in (eerder op regel {first}); een wijzigingsbesluit kan dat artikel niet eenduidig noemen",
                    a.span.line
                ));
            }
        }
    }
    // Fine instructions first. When they cannot be executed in any order (articles that
    // swap hoofdstukken keep their numbers, so one number stands in two hoofdstukken
    // half-way), every changed hoofdstuk is replaced whole instead, which names no
    // article at all.
    let fine = assemble(old, new, instructions(old, new, options, Grain::Fine)?);
    let first = match verify(old, new, &fine) {
        Ok(()) => return Ok(fine),
        Err(first) => first,
    };
    for grain in [Grain::WholeChapters, Grain::Rebuild] {
        if let Ok(groups) = instructions(old, new, options, grain) {
            let coarse = assemble(old, new, groups);
            if verify(old, new, &coarse).is_ok() {
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
    options: &Options,
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

    body(old, new, options, grain, &mut groups)?;

    if !same(&old.closing, &new.closing) {
        let text = new.closing.as_ref().map(fragment::closing);
        groups.push(Group::single(whole_or_repeal(
            Special::Slotformulering,
            old.closing.is_some(),
            text,
        )));
    }
    annexes(old, new, options, grain, &mut groups)?;
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

fn metadata(old: &Metadata, new: &Metadata) -> Vec<MetaChange> {
    let fields = |m: &Metadata| -> Vec<(&'static str, String)> {
        vec![
            ("titel", m.title.clone().unwrap_or_default()),
            ("citeertitel", m.citation_title.clone().unwrap_or_default()),
            (
                "soort",
                m.kind.map(|k| k.dutch().to_string()).unwrap_or_default(),
            ),
            ("deelnemers", m.participants.join(", ")),
            (
                "inwerkingtreding",
                m.entry_into_force.clone().unwrap_or_default(),
            ),
            ("versie", m.version.clone().unwrap_or_default()),
            ("inwoners", m.population_file.clone().unwrap_or_default()),
            ("bron", m.source.clone().unwrap_or_default()),
        ]
    };
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(_, (key, value))| MetaChange {
            key: key.to_string(),
            value,
        })
        .collect()
}

fn assemble(old: &Regeling, new: &Regeling, groups: Vec<Group>) -> Wijzigingsbesluit {
    let regeling = old.display_title().to_string();
    let onderdelen = groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| Wijziging {
            letter: letter(i),
            intro: g.intro.as_ref().map(|a| Sentence::Intro(a.clone()).text()),
            instructions: g
                .ops
                .into_iter()
                .map(|op| Instruction::new(op.sentence.text(), op.block))
                .collect(),
        })
        .collect();
    let entry = new.metadata.entry_into_force.clone();
    Wijzigingsbesluit {
        title: format!("Besluit tot wijziging van de {regeling}"),
        aanhef: aanhef(old, &new.metadata),
        regeling,
        metadata: metadata(&old.metadata, &new.metadata),
        onderdelen,
        entry_into_force_text: entry.as_deref().map(crate::nl::date),
        entry_into_force: entry,
        warnings: Vec::new(),
    }
}

/// Who decides, by the kind of regeling (Wgr art. 1): the colleges, the raden or the
/// burgemeesters of the deelnemers of the new version (a gemeente that joins signs the
/// same besluit, as in the SORA case); and the ground: Wgr art. 1 and the old regeling's
/// own article on wijziging, when it has one with that heading (cited by its title, as
/// the besluit's own title does).
fn aanhef(old: &Regeling, m: &Metadata) -> Vec<String> {
    use crate::tree::Soort as Kind;
    let who = match m.kind {
        Some(Kind::Executive) => Some("De colleges van burgemeester en wethouders van"),
        Some(Kind::Council) => Some("De raden van"),
        Some(Kind::Mayoral) => Some("De burgemeesters van"),
        _ => None,
    };
    let first = match (who, m.participants.is_empty()) {
        (Some(who), false) => format!("{who} de gemeenten {},", crate::nl::list(&m.participants)),
        (Some(who), true) => format!("{who} de deelnemende gemeenten,"),
        (None, _) => "De deelnemers aan de regeling,".to_string(),
    };
    let own = crate::tree::walk::articles(old)
        .into_iter()
        .find(|a| a.heading.as_ref().is_some_and(|h| about_amendment(&h.text)));
    let ground = match own.and_then(|a| a.number.as_deref()) {
        Some(n) => format!(
            "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel {n} van de {};",
            old.display_title()
        ),
        None => "gelet op artikel 1 van de Wet gemeenschappelijke regelingen;".to_string(),
    };
    vec![first, ground, "BESLUITEN:".to_string()]
}

/// Whether an article heading is the regeling's own rule on amending it ("Wijziging",
/// "Wijziging en opheffing"), not one about amending a begroting.
fn about_amendment(heading: &str) -> bool {
    let heading = heading.to_lowercase();
    let mut words = heading.split(|c: char| !c.is_alphanumeric());
    !heading.contains("begroting") && words.any(|w| w == "wijziging")
}

/// Applies the besluit (as the text a reader gets) and compares with `new`.
fn verify(old: &Regeling, new: &Regeling, b: &Wijzigingsbesluit) -> Result<(), String> {
    let text = text_of(b);
    let applied = apply(old, &text, "besluit").map_err(|d| {
        format!(
            "interne fout: het besluit past niet op de oude tekst (onderdeel {}: {})",
            text.steps
                .iter()
                .find(|s| s.line == d[0].line)
                .map(|s| s.letter.as_str())
                .unwrap_or("?"),
            d[0].message
        )
    })?;
    // The writer is exact (`parse(write(t)) == t`, spans aside), so equal texts are
    // equal trees; comparing texts is far cheaper than comparing trees.
    if crate::source::write(&applied) != crate::source::write(new) {
        // Text between articles (a tussenkop) is no article, lid or onderdeel: no
        // instruction of Ar 6.9-6.18 changes it, so a change there is a limit of the
        // besluit, not an internal error (found by fuzzing).
        // The same for the ondertekening and the toelichting: no instruction changes them.
        if closing_and_explanation(old) != closing_and_explanation(new) {
            return Err(
                "een wijzigingsbesluit wijzigt de ondertekening en de toelichting \
                        van de regeling niet; die verschillen tussen de twee versies"
                    .into(),
            );
        }
        if loose_text(&old.body) != loose_text(&new.body) {
            return Err("een wijzigingsbesluit kan tekst tussen de artikelen (een tussenkop) \
                        niet wijzigen; pas die tekst met de hand aan of stel de regeling opnieuw vast"
                .into());
        }
        return Err("interne fout: het besluit geeft niet precies de nieuwe tekst".into());
    }
    Ok(())
}

/// The words of the sluiting and of the toelichting (spans aside).
fn closing_and_explanation(r: &Regeling) -> (String, String) {
    let mut closing = String::new();
    let mut explanation = String::new();
    if let Some(c) = &r.closing {
        crate::tree::walk::block_text(&c.content, &mut closing);
    }
    if let Some(t) = &r.explanation {
        crate::tree::walk::block_text(&t.content, &mut explanation);
    }
    (closing, explanation)
}

/// The text that stands between articles, in reading order.
fn loose_text(parts: &[crate::tree::Deel]) -> Vec<&str> {
    use crate::tree::Deel;
    let mut out = Vec::new();
    for p in parts {
        match p {
            Deel::Hoofdstuk(h) => out.extend(loose_text(&h.content)),
            Deel::Paragraaf(p) => out.extend(loose_text(&p.content)),
            Deel::Alinea(a) => out.push(a.text.as_str()),
            Deel::Artikel(_) | Deel::Opmerking(_) => {}
        }
    }
    out
}

/// The besluit as `grc apply` reads it, built directly from the data (the same steps the
/// text form gives; `tests/besluit.rs` checks the two agree).
pub fn text_of(b: &Wijzigingsbesluit) -> Text {
    let mut steps = Vec::new();
    let mut line = 0;
    for o in &b.onderdelen {
        let context = o
            .intro
            .as_deref()
            .and_then(|i| match super::sentence::parse(i) {
                Ok(Sentence::Intro(a)) => Some(a),
                _ => None,
            });
        for i in &o.instructions {
            line += 1;
            steps.push(Step {
                letter: o.letter.clone(),
                line,
                start: 0,
                sentence: super::sentence::parse(&i.sentence)
                    .expect("grc writes sentences it reads"),
                context: context.clone(),
                block: i.block.clone().map(|bl| (line, bl)),
            });
        }
    }
    Text {
        regeling: Some(b.regeling.clone()),
        regeling_at: None,
        metadata: b
            .metadata
            .iter()
            .map(|m| (m.key.clone(), m.value.clone()))
            .collect(),
        steps,
    }
}

// ---------------------------------------------------------------------------------------
// The body: hoofdstukken and articles

fn chapters_only(parts: &[Deel]) -> bool {
    parts.iter().all(|d| matches!(d, Deel::Hoofdstuk(_)))
}

fn articles_only(parts: &[Deel]) -> bool {
    parts.iter().all(|d| matches!(d, Deel::Artikel(_)))
}

fn body(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
    grain: Grain,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    if old.body.len() == new.body.len()
        && old.body.iter().zip(&new.body).all(|(a, b)| same_part(a, b))
    {
        return Ok(());
    }
    let has_chapters = |r: &Regeling| r.body.iter().any(|d| matches!(d, Deel::Hoofdstuk(_)));
    match (has_chapters(old), has_chapters(new)) {
        (true, true) if chapters_only(&old.body) && chapters_only(&new.body) => {
            chapters(old, new, options, grain, groups)
        }
        (false, false) if articles_only(&old.body) && articles_only(&new.body) => {
            let old_a: Vec<&Artikel> = old.body.iter().filter_map(as_article).collect();
            let new_a: Vec<&Artikel> = new.body.iter().filter_map(as_article).collect();
            articles(&old_a, &new_a, None, options, groups)
        }
        _ => Err("de indeling van de regeling (hoofdstukken, paragrafen, losse tekst) verschilt zo dat grc er geen wijzigingsbesluit voor schrijft".into()),
    }
}

fn as_article(d: &Deel) -> Option<&Artikel> {
    match d {
        Deel::Artikel(a) => Some(a),
        _ => None,
    }
}

fn chapter_unit(h: &Hoofdstuk) -> Unit {
    let heading = h
        .heading
        .as_ref()
        .map(|t| plain(&t.text))
        .unwrap_or_default();
    let mut text = heading.clone();
    for a in crate::tree::walk::articles_in(&h.content) {
        text.push(' ');
        text.push_str(&article_text(a));
    }
    Unit {
        number: Some(h.number.clone()),
        heading: heading.to_lowercase(),
        text,
    }
}

fn chapters(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
    grain: Grain,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    let old_h: Vec<&Hoofdstuk> = old
        .body
        .iter()
        .filter_map(|d| match d {
            Deel::Hoofdstuk(h) => Some(h),
            _ => None,
        })
        .collect();
    let new_h: Vec<&Hoofdstuk> = new
        .body
        .iter()
        .filter_map(|d| match d {
            Deel::Hoofdstuk(h) => Some(h),
            _ => None,
        })
        .collect();
    let a: Vec<Unit> = old_h.iter().map(|h| chapter_unit(h)).collect();
    let b: Vec<Unit> = new_h.iter().map(|h| chapter_unit(h)).collect();
    let steps = align(&a, &b, options.threshold);
    if grain == Grain::Rebuild {
        groups.extend(super::rebuild::chapters(&old_h, &new_h, &steps));
        return Ok(());
    }
    let kept: Vec<&str> = steps
        .iter()
        .filter(|s| !s.moved)
        .filter_map(|s| Some((old_h[s.old?], new_h[s.new?])))
        .filter(|(o, n)| o.number == n.number)
        .map(|(o, _)| o.number.as_str())
        .collect();
    let mut rest: Vec<Group> = Vec::new();
    for s in &steps {
        let (o, n) = (s.old.map(|i| old_h[i]), s.new.map(|i| new_h[i]));
        match (o, n) {
            (Some(o), Some(n)) if !s.moved && o.number == n.number => {
                if fragment::chapter(o) == fragment::chapter(n) {
                    continue;
                }
                let heading_changed =
                    o.heading.as_ref().map(|t| &t.text) != n.heading.as_ref().map(|t| &t.text);
                // Article by article only when the hoofdstuk holds nothing but articles and
                // keeps a heading; otherwise the hoofdstuk comes whole.
                let by_article = grain == Grain::Fine
                    && articles_only(&o.content)
                    && articles_only(&n.content)
                    && (n.heading.is_some() || !heading_changed);
                if !by_article {
                    rest.push(Group::single(Op::new(
                        Sentence::Whole(Addr::hoofdstuk(&n.number)),
                        Some(fragment::chapter(n)),
                    )));
                    continue;
                }
                if let (true, Some(t)) = (heading_changed, &n.heading) {
                    rest.push(Group::single(Op::new(
                        Sentence::Heading(Addr::hoofdstuk(&n.number)),
                        Some(t.text.clone()),
                    )));
                }
                let old_a: Vec<&Artikel> = o.content.iter().filter_map(as_article).collect();
                let new_a: Vec<&Artikel> = n.content.iter().filter_map(as_article).collect();
                let mut chapter_groups = Vec::new();
                articles(
                    &old_a,
                    &new_a,
                    Some(&n.number),
                    options,
                    &mut chapter_groups,
                )?;
                rest.extend(chapter_groups);
            }
            (Some(o), maybe_new) => {
                // Repealed, or moved/renumbered: repeal here, insert where it now stands.
                rest.push(Group::single(Op::new(
                    Sentence::Repeal {
                        at: Addr::hoofdstuk(&o.number),
                        shift: None,
                    },
                    None,
                )));
                if let Some(n) = maybe_new {
                    rest.push(insert_chapter(n, &new_h, &kept));
                }
            }
            (None, Some(n)) => rest.push(insert_chapter(n, &new_h, &kept)),
            (None, None) => {}
        }
    }
    // An article that moves to an earlier hoofdstuk with its number is inserted there
    // before it is repealed here: move the repeal up, so the number is never there twice.
    let inserted_number = |g: &Group| -> Option<String> {
        let op = g.ops.first()?;
        match &op.sentence {
            Sentence::Insert {
                what: Soort::Artikel,
                ..
            }
            | Sentence::Append {
                what: Soort::Artikel,
                ..
            } => {
                let text = op.block.as_deref()?;
                let first = text.lines().next()?;
                first.split_whitespace().nth(1).map(str::to_string)
            }
            _ => None,
        }
    };
    // The numbers a repeal frees: an article's, or those of every article in a repealed
    // hoofdstuk (its articles may reappear, with their numbers, in an earlier hoofdstuk:
    // found by the robustness test when a "Hoofdstuk 5" line was lost).
    let repealed_numbers = |g: &Group| -> Vec<String> {
        match g.ops.first().map(|op| &op.sentence) {
            Some(Sentence::Repeal { at, shift: None })
                if at.lid.is_none() && at.onderdeel.is_none() =>
            {
                if let Some(a) = &at.artikel {
                    vec![a.clone()]
                } else if let Some(h) = &at.hoofdstuk {
                    old_h
                        .iter()
                        .filter(|c| &c.number == h)
                        .flat_map(|c| crate::tree::walk::articles_in(&c.content))
                        .filter_map(|a| a.number.clone())
                        .collect()
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    };
    let mut k = 0;
    while k < rest.len() {
        let freed = repealed_numbers(&rest[k]);
        if !freed.is_empty()
            && let Some(first) = rest[..k]
                .iter()
                .position(|g| inserted_number(g).is_some_and(|n| freed.contains(&n)))
        {
            let g = rest.remove(k);
            rest.insert(first, g);
        }
        k += 1;
    }
    groups.extend(rest);
    Ok(())
}

/// `kept`: the numbers of hoofdstukken that stand in both versions under the same number
/// (an insertion before one of them finds it, whatever else the besluit does).
fn insert_chapter(n: &Hoofdstuk, new_h: &[&Hoofdstuk], kept: &[&str]) -> Group {
    let k = new_h.iter().position(|h| std::ptr::eq(*h, n)).unwrap_or(0);
    let block = Some(fragment::chapter(n));
    // The first hoofdstuk goes before the one after it (appending it would put it last;
    // found by fuzzing: "Hoofdstuk 1" renumbered to "Hoofdstuk 0").
    // A new last hoofdstuk is added to the regeling (Ar 6.11).
    let at_end = new_h[k + 1..]
        .iter()
        .all(|h| !kept.contains(&h.number.as_str()));
    let sentence = if k > 0 && !at_end {
        Sentence::Insert {
            after: true,
            at: Addr::hoofdstuk(&new_h[k - 1].number),
            what: Soort::Hoofdstuk,
        }
    } else if let Some(next) = new_h
        .get(1)
        .filter(|h| k == 0 && kept.contains(&h.number.as_str()))
    {
        Sentence::Insert {
            after: false,
            at: Addr::hoofdstuk(&next.number),
            what: Soort::Hoofdstuk,
        }
    } else {
        Sentence::Append {
            to: Addr::special(Special::Regeling),
            what: Soort::Hoofdstuk,
        }
    };
    Group::single(Op::new(sentence, block))
}

fn number_of(a: &Artikel) -> String {
    a.number.clone().unwrap_or_default()
}

/// The articles of one hoofdstuk (or of a regeling without hoofdstukken).
fn articles(
    old: &[&Artikel],
    new: &[&Artikel],
    chapter: Option<&str>,
    options: &Options,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    if old.iter().chain(new).any(|a| a.number.is_none()) {
        return Err("een artikel zonder nummer kan een wijzigingsbesluit niet noemen".into());
    }
    let a: Vec<Unit> = old.iter().map(|x| article_unit(x)).collect();
    let b: Vec<Unit> = new.iter().map(|x| article_unit(x)).collect();
    let steps = align(&a, &b, options.threshold);
    // Moved articles: repealed where they were, inserted where they are.
    let renumbering = steps.iter().any(|s| {
        !s.moved && matches!((s.old, s.new), (Some(o), Some(n)) if old[o].number != new[n].number)
    });
    let at_end = after_last_kept(&steps);
    let insert_op = |n: usize, current_numbers: &dyn Fn(usize) -> Option<String>| -> Op {
        let block = Some(fragment::part(&Deel::Artikel(new[n].clone())));
        // Anchor: the article before it in the new text, else the one after it that is
        // already there, else the end of the hoofdstuk. A new last article is added at
        // the end of its hoofdstuk ("toegevoegd", Ar 6.11), not inserted.
        if n > 0 && !at_end(n) {
            return Op::new(
                Sentence::Insert {
                    after: true,
                    at: Addr::artikel(&number_of(new[n - 1])),
                    what: Soort::Artikel,
                },
                block,
            );
        }
        if let Some(next) = (n + 1..new.len())
            .find_map(current_numbers)
            .filter(|_| n == 0)
        {
            return Op::new(
                Sentence::Insert {
                    after: false,
                    at: Addr::artikel(&next),
                    what: Soort::Artikel,
                },
                block,
            );
        }
        Op::new(
            Sentence::Append {
                to: match chapter {
                    Some(h) => Addr::hoofdstuk(h),
                    None => Addr::special(Special::Regeling),
                },
                what: Soort::Artikel,
            },
            block,
        )
    };
    // new index → old index of the articles that stay in place (a table, not a search:
    // this runs for every inserted article).
    let mut in_place: Vec<Option<usize>> = vec![None; new.len()];
    for s in steps.iter().filter(|s| !s.moved) {
        if let (Some(o), Some(n)) = (s.old, s.new) {
            in_place[n] = Some(o);
        }
    }
    let repeal = |o: usize| {
        Group::single(Op::new(
            Sentence::Repeal {
                at: Addr::artikel(&number_of(old[o])),
                shift: None,
            },
            None,
        ))
    };

    if !renumbering {
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => groups.push(repeal(o)),
                (Some(o), Some(_)) if s.moved => groups.push(repeal(o)),
                _ => {}
            }
            match (s.old, s.new) {
                (Some(o), Some(n)) if !s.moved => {
                    if let Some(g) = article_change(old[o], new[n], &number_of(new[n]))? {
                        groups.push(g);
                    }
                }
                (_, Some(n)) => {
                    let current = |k: usize| in_place[k].map(|o| number_of(old[o]));
                    groups.push(Group::single(insert_op(n, &current)));
                }
                _ => {}
            }
        }
        return Ok(());
    }

    // With renumbering: repeals, then renumbering (in an order that never doubles a
    // number), then changes and insertions with the new numbers.
    for s in &steps {
        if let (Some(o), None) | (Some(o), Some(_)) = (s.old, s.new)
            && (s.new.is_none() || s.moved)
        {
            groups.push(repeal(o));
        }
    }
    let pending: Vec<(String, String)> = steps
        .iter()
        .filter(|s| !s.moved)
        .filter_map(|s| match (s.old, s.new) {
            (Some(o), Some(n)) if old[o].number != new[n].number => {
                Some((number_of(old[o]), number_of(new[n])))
            }
            _ => None,
        })
        .collect();
    let in_use: Vec<String> = steps
        .iter()
        .filter(|s| !s.moved && s.new.is_some())
        .filter_map(|s| s.old.map(|o| number_of(old[o])))
        .collect();
    for (from, to) in renumber_order(pending, in_use)? {
        groups.push(Group::single(Op::new(
            Sentence::Renumber {
                at: Addr::artikel(&from),
                to,
            },
            None,
        )));
    }
    for s in &steps {
        match (s.old, s.new) {
            (Some(o), Some(n)) if !s.moved => {
                let mut renumbered = old[o].clone();
                renumbered.number = new[n].number.clone();
                if let Some(g) = article_change(&renumbered, new[n], &number_of(new[n]))? {
                    groups.push(g);
                }
            }
            (_, Some(n)) => {
                let current = |k: usize| in_place[k].map(|_| number_of(new[k]));
                groups.push(Group::single(insert_op(n, &current)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether the element at new index `k` comes after every element that was already
/// there: Ar 6.11 adds it ("toegevoegd") at the end instead of inserting it
/// ("ingevoegd", only between existing elements).
fn after_last_kept(steps: &[crate::diff::align::Step]) -> impl Fn(usize) -> bool + use<> {
    let last = steps
        .iter()
        .filter(|s| s.old.is_some() && !s.moved)
        .filter_map(|s| s.new)
        .max();
    move |k| last.is_none_or(|m| k > m)
}

/// The renumberings (`from`, `to`) in an order that never gives a number twice: each time
/// the first pending one whose new number is not in use. `in_use` holds the numbers of
/// the articles that stay. Linear (up to the ordered set): a count per number in use,
/// and the pending renumberings by the number they wait for.
fn renumber_order(
    pending: Vec<(String, String)>,
    in_use: Vec<String>,
) -> Result<Vec<(String, String)>, String> {
    use rustc_hash::FxHashMap;
    use std::collections::BTreeSet;
    let mut count: FxHashMap<String, usize> = FxHashMap::default();
    for n in in_use {
        *count.entry(n).or_default() += 1;
    }
    let mut waiting: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, (_, to)) in pending.iter().enumerate() {
        waiting.entry(to.as_str()).or_default().push(i);
    }
    let free = |count: &FxHashMap<String, usize>, n: &str| count.get(n).is_none_or(|c| *c == 0);
    let mut ready: BTreeSet<usize> = (0..pending.len())
        .filter(|&i| free(&count, &pending[i].1))
        .collect();
    let mut done = vec![false; pending.len()];
    let mut out = Vec::with_capacity(pending.len());
    while out.len() < pending.len() {
        let Some(k) = ready.pop_first() else {
            return Err(
                "de artikelen zijn zo vernummerd dat grc er geen volgorde voor vindt".into(),
            );
        };
        done[k] = true;
        let (from, to) = &pending[k];
        // `from` is given up, `to` is taken.
        if let Some(c) = count.get_mut(from.as_str()) {
            *c = 0;
        }
        *count.entry(to.clone()).or_default() += 1;
        for n in [from.as_str(), to.as_str()] {
            let is_free = free(&count, n);
            for &i in waiting.get(n).map_or(&[][..], Vec::as_slice) {
                if done[i] {
                    continue;
                }
                if is_free {
                    ready.insert(i);
                } else {
                    ready.remove(&i);
                }
            }
        }
        out.push((from.clone(), to.clone()));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// One article

/// The instructions for a matched article (same number `n` now); `None` when equal.
fn article_change(old: &Artikel, new: &Artikel, n: &str) -> Result<Option<Group>, String> {
    if same_article(old, new) {
        return Ok(None);
    }
    let whole = || {
        Group::single(Op::new(
            Sentence::Whole(Addr::artikel(n)),
            Some(fragment::part(&Deel::Artikel(new.clone()))),
        ))
    };
    let Some(mut ops) = fine_ops(old, new, n) else {
        return Ok(Some(whole()));
    };
    // Ar 6.9: the article comes whole when its heading and every lid change, or when the
    // instructions would quote as much text as the article has; but never when its new
    // text has a numbering gap, which "komt te luiden" would enact as if it were drafted
    // that way (the repeals that left the gap say what happened).
    if ops.is_empty() || (!has_numbering_gap(new) && whole_is_clearer(old, new, &ops)) {
        return Ok(Some(whole()));
    }
    // Check: the instructions give exactly the new article.
    let intro = Addr::artikel(n);
    let mut probe = Regeling {
        body: vec![Deel::Artikel(old.clone())],
        ..Regeling::default()
    };
    probe.body = vec![Deel::Artikel(old.clone())];
    let context = (ops.len() > 1).then_some(&intro);
    if ops.len() == 1 {
        absolutise(&mut ops[0].sentence, n);
    }
    let ok = match apply(&probe, &steps_of(&ops, context), "besluit") {
        Ok(r) => {
            r.body.len() == 1 && matches!(&r.body[0], Deel::Artikel(a) if same_article(a, new))
        }
        Err(_) => false,
    };
    if !ok {
        return Ok(Some(whole()));
    }
    Ok(Some(Group {
        intro: (ops.len() > 1).then_some(intro),
        ops,
    }))
}

/// Ar 6.9 for an article: "komt te luiden" is clearer than instructions when the heading
/// and every lid change (nothing of the old article is left to point at), or when the
/// instructions would quote at least as much text as the new article has.
fn whole_is_clearer(old: &Artikel, new: &Artikel, ops: &[Op]) -> bool {
    let heading_changed =
        old.heading.as_ref().map(|t| &t.text) != new.heading.as_ref().map(|t| &t.text);
    let lid_text = |l: &Lid| fragment::blocks(&l.content, 3);
    let old_leden: Vec<String> = old.leden().map(lid_text).collect();
    let none_kept =
        new.leden().next().is_some() && !new.leden().any(|l| old_leden.contains(&lid_text(l)));
    if heading_changed && none_kept {
        return true;
    }
    quoted_len(ops) >= fragment::article(new).len()
}

/// How much text the instructions quote (the words they replace and their new text).
fn quoted_len(ops: &[Op]) -> usize {
    ops.iter()
        .map(|op| {
            let words = match &op.sentence {
                Sentence::Replace { old, new, .. } => old.len() + new.len(),
                _ => 0,
            };
            words + op.block.as_ref().map_or(0, String::len)
        })
        .sum()
}

/// Whether the leden or onderdelen of an article skip a number or do not start at the
/// first (S003, S005): a text that "komt te luiden" would enact that gap.
fn has_numbering_gap(a: &Artikel) -> bool {
    let probe = Regeling {
        body: vec![Deel::Artikel(a.clone())],
        ..Regeling::default()
    };
    crate::check::numbering::check(&probe).iter().any(|d| {
        matches!(d.code.as_str(), "S003" | "S005")
            && d.node.as_deref().is_some_and(|n| n.contains("__"))
    })
}

/// Ar 6.9 for a lid or onderdeel: replaced words that make up most of its text are
/// better read as the element replaced whole ("Het tweede lid komt te luiden:").
fn most_words_replaced(ops: &[Op], content: &[Blok]) -> bool {
    let mut texts = Vec::new();
    collect_texts(content, &mut texts);
    let total: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let replaced: usize = ops
        .iter()
        .map(|op| match &op.sentence {
            Sentence::Replace { old, .. } => old.split_whitespace().count(),
            _ => 0,
        })
        .sum();
    2 * replaced > total
}

/// Gives an address that leans on the intro its article.
fn absolutise(s: &mut Sentence, n: &str) {
    let fix = |a: &mut Addr| {
        if a.artikel.is_none()
            && a.special.is_none()
            && a.hoofdstuk.is_none()
            && a.bijlage.is_none()
        {
            a.artikel = Some(n.to_string());
        }
    };
    match s {
        Sentence::Replace { at, .. }
        | Sentence::Whole(at)
        | Sentence::Heading(at)
        | Sentence::Repeal { at, .. }
        | Sentence::Insert { at, .. }
        | Sentence::Renumber { at, .. } => fix(at),
        Sentence::InsertShifting { within, .. } => {
            let mut a = within.clone().unwrap_or_default();
            fix(&mut a);
            *within = Some(a);
        }
        Sentence::Append { to, .. } => fix(to),
        Sentence::Intro(_) => {}
    }
}

fn leden_only(content: &[Blok]) -> bool {
    !content.is_empty() && content.iter().all(|b| matches!(b, Blok::Lid(_)))
}

/// Lid-level (or, without leden, alinea- and onderdeel-level) instructions; `None` when
/// the article is better replaced whole.
fn fine_ops(old: &Artikel, new: &Artikel, n: &str) -> Option<Vec<Op>> {
    if old.repealed != new.repealed || old.label != new.label {
        return None;
    }
    let mut ops = Vec::new();
    if old.heading.as_ref().map(|t| &t.text) != new.heading.as_ref().map(|t| &t.text) {
        let t = new.heading.as_ref()?;
        ops.push(Op::new(
            Sentence::Heading(Addr::artikel(n)),
            Some(t.text.clone()),
        ));
    }
    if same_blocks(&old.content, &new.content) {
        return Some(ops);
    }
    if leden_only(&old.content) && leden_only(&new.content) {
        ops.extend(leden_ops(old, new, n)?);
        return Some(ops);
    }
    if old.leden().next().is_none() && new.leden().next().is_none() {
        ops.extend(container_ops(
            &old.content,
            &new.content,
            &Addr::artikel(n),
            Some(Addr::artikel(n)),
        )?);
        return Some(ops);
    }
    None
}

fn lid_addr(l: &str) -> Addr {
    Addr {
        lid: Some(l.to_string()),
        ..Addr::default()
    }
}

fn leden_ops(old: &Artikel, new: &Artikel, n: &str) -> Option<Vec<Op>> {
    let old_l: Vec<&Lid> = old.leden().collect();
    let new_l: Vec<&Lid> = new.leden().collect();
    if !old_l.iter().chain(&new_l).all(|l| is_plain_lid(&l.number)) {
        return None;
    }
    let a: Vec<Unit> = old_l.iter().map(|l| lid_unit(l)).collect();
    let b: Vec<Unit> = new_l.iter().map(|l| lid_unit(l)).collect();
    let steps = align(&a, &b, 0.5);
    if steps.iter().any(|s| s.moved) {
        return None;
    }
    let deleted: Vec<usize> = steps
        .iter()
        .filter(|s| s.new.is_none())
        .filter_map(|s| s.old)
        .collect();
    let inserted: Vec<usize> = steps
        .iter()
        .filter(|s| s.old.is_none())
        .filter_map(|s| s.new)
        .collect();
    let renumbered = steps.iter().any(
        |s| matches!((s.old, s.new), (Some(o), Some(k)) if old_l[o].number != new_l[k].number),
    );
    let mut ops = Vec::new();
    let lid_block = |l: &Lid| Some(fragment::blocks(&[Blok::Lid(l.clone())], 3));
    let at_end = after_last_kept(&steps);
    if !renumbered {
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => ops.push(Op::new(
                    Sentence::Repeal {
                        at: lid_addr(&old_l[o].number),
                        shift: None,
                    },
                    None,
                )),
                (None, Some(k)) => {
                    // Ar 6.11: a new last lid is added ("toegevoegd"), not inserted.
                    let sentence = if k > 0 && !at_end(k) {
                        Sentence::Insert {
                            after: true,
                            at: lid_addr(&new_l[k - 1].number),
                            what: Soort::Lid,
                        }
                    } else if let Some(next) = new_l.get(1).filter(|_| k == 0) {
                        Sentence::Insert {
                            after: false,
                            at: lid_addr(&next.number),
                            what: Soort::Lid,
                        }
                    } else {
                        Sentence::Append {
                            to: Addr::artikel(n),
                            what: Soort::Lid,
                        }
                    };
                    ops.push(Op::new(sentence, lid_block(new_l[k])));
                }
                (Some(o), Some(k)) => ops.extend(lid_change(old_l[o], new_l[k])?),
                (None, None) => {}
            }
        }
        return Some(ops);
    }
    // Renumbering explained by one repeal or one insertion (Ar 6.18).
    let last_old = old_l.last()?.number.parse::<i64>().ok()?;
    match (deleted.as_slice(), inserted.as_slice()) {
        ([d], []) => {
            let dn = old_l[*d].number.clone();
            let shifts_ok = steps.iter().all(|s| match (s.old, s.new) {
                (Some(o), Some(k)) => {
                    let on = old_l[o].number.parse::<i64>().unwrap_or(0);
                    let nn = new_l[k].number.parse::<i64>().unwrap_or(0);
                    if o > *d { nn == on - 1 } else { nn == on }
                }
                _ => true,
            });
            if !shifts_ok {
                return None;
            }
            for s in &steps {
                match (s.old, s.new) {
                    (Some(o), None) => {
                        let shift = (o + 1 < old_l.len()).then(|| Shift {
                            letters: false,
                            from: (step(&dn, 1).unwrap_or_default(), last_old.to_string()),
                            to: (dn.clone(), (last_old - 1).to_string()),
                        });
                        ops.push(Op::new(
                            Sentence::Repeal {
                                at: lid_addr(&old_l[o].number),
                                shift,
                            },
                            None,
                        ));
                    }
                    (Some(o), Some(k)) => {
                        let mut renumbered = old_l[o].clone();
                        renumbered.number = new_l[k].number.clone();
                        ops.extend(lid_change(&renumbered, new_l[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        ([], [i]) => {
            let inn = new_l[*i].number.clone();
            let shifts_ok = steps.iter().all(|s| match (s.old, s.new) {
                (Some(o), Some(k)) => {
                    let on = old_l[o].number.parse::<i64>().unwrap_or(0);
                    let nn = new_l[k].number.parse::<i64>().unwrap_or(0);
                    if k > *i { nn == on + 1 } else { nn == on }
                }
                _ => true,
            });
            if !shifts_ok || *i + 1 >= new_l.len() {
                return None;
            }
            for s in &steps {
                match (s.old, s.new) {
                    (None, Some(k)) => ops.push(Op::new(
                        Sentence::InsertShifting {
                            shift: Shift {
                                letters: false,
                                from: (inn.clone(), last_old.to_string()),
                                to: (
                                    step(&inn, 1).unwrap_or_default(),
                                    (last_old + 1).to_string(),
                                ),
                            },
                            within: None,
                            what: Soort::Lid,
                        },
                        lid_block(new_l[k]),
                    )),
                    (Some(o), Some(k)) => {
                        let mut renumbered = old_l[o].clone();
                        renumbered.number = new_l[k].number.clone();
                        ops.extend(lid_change(&renumbered, new_l[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        _ => None,
    }
}

/// A matched lid (same number now): nothing, replaced words, onderdelen, or the lid whole.
fn lid_change(old: &Lid, new: &Lid) -> Option<Vec<Op>> {
    if same_blocks(&[Blok::Lid(old.clone())], &[Blok::Lid(new.clone())]) {
        return Some(Vec::new());
    }
    let at = lid_addr(&new.number);
    let whole = || {
        vec![Op::new(
            Sentence::Whole(at.clone()),
            Some(fragment::blocks(&[Blok::Lid(new.clone())], 3)),
        )]
    };
    if old.repealed != new.repealed {
        return Some(whole());
    }
    match container_ops(&old.content, &new.content, &at, None) {
        Some(ops) if ops.len() <= 3 && !most_words_replaced(&ops, &old.content) => Some(ops),
        _ => Some(whole()),
    }
}

/// The shape of a list of blocks: kinds, and for lists their item numbers and terms.
fn shape(content: &[Blok]) -> Vec<String> {
    content
        .iter()
        .map(|b| match b {
            Blok::Lid(l) => format!("lid {}", l.number),
            Blok::Alinea(_) => "alinea".into(),
            Blok::Opmerking(o) => format!("opmerking {}", o.text),
            Blok::Lijst(list) => format!(
                "lijst {:?}",
                list.items
                    .iter()
                    .map(|i| (
                        &i.number,
                        i.term.as_ref().map(|t| &t.text),
                        i.repealed,
                        shape(&i.content)
                    ))
                    .collect::<Vec<_>>()
            ),
        })
        .collect()
}

/// Instructions inside a lid (or an article without leden) whose blocks keep their
/// shape (only words change) or whose single list gains, loses or changes onderdelen.
/// `at` is the lid's (or article's) address; `article` the article when there is no lid.
fn container_ops(old: &[Blok], new: &[Blok], at: &Addr, article: Option<Addr>) -> Option<Vec<Op>> {
    if shape(old) == shape(new) {
        return words_ops(old, new, at);
    }
    // The same blocks around exactly one list: the list's onderdelen change.
    let outside = |c: &[Blok]| -> Vec<String> {
        c.iter()
            .map(|b| match b {
                Blok::Lijst(_) => "lijst".to_string(),
                other => shape(std::slice::from_ref(other)).join(""),
            })
            .collect()
    };
    let lists = |c: &[Blok]| c.iter().filter(|b| matches!(b, Blok::Lijst(_))).count();
    if outside(old) != outside(new) || lists(old) != 1 || lists(new) != 1 {
        return None;
    }
    let list_of = |c: &[Blok]| -> Lijst {
        c.iter()
            .find_map(|b| match b {
                Blok::Lijst(l) => Some(l.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let (ol, nl) = (list_of(old), list_of(new));
    // Words outside the list first (their shape is the same).
    let strip = |c: &[Blok]| -> Vec<Blok> {
        c.iter()
            .filter(|b| !matches!(b, Blok::Lijst(_)))
            .cloned()
            .collect()
    };
    let mut ops = words_ops(&strip(old), &strip(new), at)?;
    ops.extend(items_ops(&ol, &nl, at, article)?);
    Some(ops)
}

fn items_ops(old: &Lijst, new: &Lijst, at: &Addr, _article: Option<Addr>) -> Option<Vec<Op>> {
    if !old
        .items
        .iter()
        .chain(&new.items)
        .all(|i| is_plain_letter(&i.number))
    {
        return None;
    }
    let a: Vec<Unit> = old.items.iter().map(item_unit).collect();
    let b: Vec<Unit> = new.items.iter().map(item_unit).collect();
    let steps = align(&a, &b, 0.5);
    if steps.iter().any(|s| s.moved) {
        return None;
    }
    let item_at = |letter: &str| Addr {
        onderdeel: Some(letter.to_string()),
        ..at.clone()
    };
    let item_block = |o: &Onderdeel| {
        Some(fragment::blocks(
            &[Blok::Lijst(Lijst {
                items: vec![o.clone()],
                ..Lijst::default()
            })],
            0,
        ))
    };
    let change = |o: &Onderdeel, n: &Onderdeel| -> Option<Vec<Op>> {
        if item_block(o) == item_block(n) {
            return Some(Vec::new());
        }
        let here = item_at(&n.number);
        let whole = vec![Op::new(Sentence::Whole(here.clone()), item_block(n))];
        if o.term.as_ref().map(|t| &t.text) != n.term.as_ref().map(|t| &t.text)
            || o.repealed != n.repealed
            || shape(&o.content) != shape(&n.content)
        {
            return Some(whole);
        }
        match words_ops(&o.content, &n.content, &here) {
            Some(ops) if ops.len() <= 2 && !most_words_replaced(&ops, &o.content) => Some(ops),
            _ => Some(whole),
        }
    };
    let deleted: Vec<usize> = steps
        .iter()
        .filter(|s| s.new.is_none())
        .filter_map(|s| s.old)
        .collect();
    let inserted: Vec<usize> = steps
        .iter()
        .filter(|s| s.old.is_none())
        .filter_map(|s| s.new)
        .collect();
    let relettered = steps.iter().any(|s| matches!((s.old, s.new), (Some(o), Some(k)) if old.items[o].number != new.items[k].number));
    let at_end = after_last_kept(&steps);
    let mut ops = Vec::new();
    if !relettered {
        for s in &steps {
            match (s.old, s.new) {
                (Some(o), None) => ops.push(Op::new(
                    Sentence::Repeal {
                        at: item_at(&old.items[o].number),
                        shift: None,
                    },
                    None,
                )),
                (None, Some(k)) => {
                    // Ar 6.11: a new last onderdeel is added ("toegevoegd").
                    let sentence = if k > 0 && at_end(k) {
                        Sentence::Append {
                            to: at.clone(),
                            what: Soort::Onderdeel,
                        }
                    } else if k > 0 {
                        Sentence::Insert {
                            after: true,
                            at: item_at(&new.items[k - 1].number),
                            what: Soort::Onderdeel,
                        }
                    } else if let Some(next) = new.items.get(1) {
                        Sentence::Insert {
                            after: false,
                            at: item_at(&next.number),
                            what: Soort::Onderdeel,
                        }
                    } else {
                        return None;
                    };
                    ops.push(Op::new(sentence, item_block(&new.items[k])));
                }
                (Some(o), Some(k)) => ops.extend(change(&old.items[o], &new.items[k])?),
                (None, None) => {}
            }
        }
        return Some(ops);
    }
    let last_old = old.items.last()?.number.clone();
    match (deleted.as_slice(), inserted.as_slice()) {
        ([d], []) => {
            let dn = old.items[*d].number.clone();
            for s in &steps {
                if let (Some(o), Some(k)) = (s.old, s.new) {
                    let expect = if o > *d {
                        step(&old.items[o].number, -1)
                    } else {
                        Some(old.items[o].number.clone())
                    };
                    if expect.as_deref() != Some(new.items[k].number.as_str()) {
                        return None;
                    }
                }
            }
            for s in &steps {
                match (s.old, s.new) {
                    (Some(o), None) => {
                        let shift = (o + 1 < old.items.len()).then(|| Shift {
                            letters: true,
                            from: (step(&dn, 1).unwrap_or_default(), last_old.clone()),
                            to: (dn.clone(), step(&last_old, -1).unwrap_or_default()),
                        });
                        ops.push(Op::new(
                            Sentence::Repeal {
                                at: item_at(&dn),
                                shift,
                            },
                            None,
                        ));
                    }
                    (Some(o), Some(k)) => {
                        let mut moved = old.items[o].clone();
                        moved.number = new.items[k].number.clone();
                        ops.extend(change(&moved, &new.items[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        ([], [i]) => {
            let inn = new.items[*i].number.clone();
            if *i + 1 >= new.items.len() {
                return None;
            }
            for s in &steps {
                if let (Some(o), Some(k)) = (s.old, s.new) {
                    let expect = if k > *i {
                        step(&old.items[o].number, 1)
                    } else {
                        Some(old.items[o].number.clone())
                    };
                    if expect.as_deref() != Some(new.items[k].number.as_str()) {
                        return None;
                    }
                }
            }
            for s in &steps {
                match (s.old, s.new) {
                    (None, Some(k)) => ops.push(Op::new(
                        Sentence::InsertShifting {
                            shift: Shift {
                                letters: true,
                                from: (inn.clone(), last_old.clone()),
                                to: (step(&inn, 1)?, step(&last_old, 1)?),
                            },
                            within: Some(at.clone()),
                            what: Soort::Onderdeel,
                        },
                        item_block(&new.items[k]),
                    )),
                    (Some(o), Some(k)) => {
                        let mut moved = old.items[o].clone();
                        moved.number = new.items[k].number.clone();
                        ops.extend(change(&moved, &new.items[k])?);
                    }
                    _ => {}
                }
            }
            Some(ops)
        }
        _ => None,
    }
}

/// Word replacements for blocks of the same shape: one "wordt ... vervangen door ..."
/// per changed run of words, quoted long enough to occur once in the element.
fn words_ops(old: &[Blok], new: &[Blok], at: &Addr) -> Option<Vec<Op>> {
    let mut old_al = Vec::new();
    let mut new_al = Vec::new();
    collect_texts(old, &mut old_al);
    collect_texts(new, &mut new_al);
    if old_al.len() != new_al.len() {
        return None;
    }
    // The element's text as it reads now, updated after each replacement.
    let mut current: Vec<String> = old_al.iter().map(|s| s.to_string()).collect();
    let mut ops = Vec::new();
    for i in 0..old_al.len() {
        if old_al[i] == new_al[i] {
            continue;
        }
        for (x, y) in hunks(old_al[i], new_al[i], &current, i)? {
            let n = current
                .iter()
                .map(|t| t.matches(x.as_str()).count())
                .sum::<usize>();
            if n != 1 {
                return None;
            }
            current[i] = current[i].replacen(x.as_str(), &y, 1);
            ops.push(Op::new(
                Sentence::Replace {
                    at: at.clone(),
                    old: x,
                    new: y,
                },
                None,
            ));
        }
        if current[i] != new_al[i] {
            return None;
        }
    }
    Some(ops)
}

fn collect_texts<'a>(content: &'a [Blok], out: &mut Vec<&'a str>) {
    for b in content {
        match b {
            Blok::Alinea(a) => out.push(&a.text),
            Blok::Lid(l) => collect_texts(&l.content, out),
            Blok::Lijst(list) => {
                for item in &list.items {
                    collect_texts(&item.content, out);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

/// Words of a line with their byte ranges.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The replacements that turn `old` into `new` (one line), each quoted with enough
/// context to occur once in the element as it reads when the replacement is made.
fn hunks(old: &str, new: &str, current: &[String], line: usize) -> Option<Vec<(String, String)>> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let ow = word_spans(old);
    let nw = word_spans(new);
    let ot: Vec<&str> = ow.iter().map(|(a, b)| &old[*a..*b]).collect();
    let nt: Vec<&str> = nw.iter().map(|(a, b)| &new[*a..*b]).collect();
    // Changed runs as (old start, old end, new start, new end) in word indices.
    let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ot, &nt) {
        let (o0, o1, n0, n1) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_index + old_len, new_index, new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, old_index, new_index, new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index,
                old_index + old_len,
                new_index,
                new_index + new_len,
            ),
        };
        // Runs close together are one replacement (clearer than two).
        match runs.last_mut() {
            Some(last) if o0 <= last.1 + 2 => {
                last.1 = o1;
                last.3 = n1;
            }
            _ => runs.push((o0, o1, n0, n1)),
        }
    }
    if runs.len() > 3 {
        return None;
    }
    // The replacements are made in reading order; each is checked against the text as
    // the ones before it leave it.
    let mut text_now: Vec<String> = current.to_vec();
    let mut out = Vec::new();
    for (k, &(o0, o1, n0, n1)) in runs.iter().enumerate() {
        // Context may only come from the unchanged words between this run and its
        // neighbours (there old and new words correspond one to one).
        let (lo_o, lo_n) = if k > 0 {
            (runs[k - 1].1, runs[k - 1].3)
        } else {
            (0, 0)
        };
        let (hi_o, hi_n) = runs.get(k + 1).map_or((ot.len(), nt.len()), |r| (r.0, r.2));
        let (mut a, mut b, mut c, mut d) = (o0, o1, n0, n1);
        let widen = |a: &mut usize, b: &mut usize, c: &mut usize, d: &mut usize| -> bool {
            if *a > lo_o && *c > lo_n {
                *a -= 1;
                *c -= 1;
                true
            } else if *b < hi_o && *d < hi_n {
                *b += 1;
                *d += 1;
                true
            } else {
                false
            }
        };
        // An insertion quotes a neighbouring word too.
        if a == b && !widen(&mut a, &mut b, &mut c, &mut d) {
            return None;
        }
        loop {
            let x = &old[ow[a].0..ow[b - 1].1];
            let here = text_now.iter().map(|t| t.matches(x).count()).sum::<usize>();
            if here == 1 && super::sentence::quotable(x) {
                break;
            }
            if !widen(&mut a, &mut b, &mut c, &mut d) {
                return None;
            }
        }
        let x = &old[ow[a].0..ow[b - 1].1];
        let y = if c < d {
            &new[nw[c].0..nw[d - 1].1]
        } else {
            ""
        };
        let (x, y) = trim_quotes(x, y, &text_now);
        let (x, y) = (x.to_string(), y.to_string());
        if y.is_empty() || !super::sentence::quotable(&y) || has_markup(&x) || has_markup(&y) {
            return None;
        }
        text_now[line] = text_now[line].replacen(&x, &y, 1);
        out.push((x, y));
    }
    Some(out)
}

/// Leaves out of a replacement what the old and the new words share at their edges and a
/// reader should not see quoted: emphasis marks (`*"X";*` quotes as `"X";`, the
/// emphasis stays), quotes both have (`""schap""` quotes as `"schap"`) and the
/// punctuation that ends the sentence (`"het Schap."` quotes as `"het Schap"`), as long as
/// the shorter words still occur once in the element.
fn trim_quotes<'a>(x: &'a str, y: &'a str, text: &[String]) -> (&'a str, &'a str) {
    let once = |w: &str| text.iter().map(|t| t.matches(w).count()).sum::<usize>() == 1;
    let (mut x, mut y) = (x, y);
    // Emphasis marks and quotes in pairs around both (`*"X";*`, `"schap"`).
    while let Some(c) = x.chars().next().filter(|c| matches!(c, '*' | '"')) {
        let inner = |w: &'a str| w.strip_prefix(c).and_then(|w| w.strip_suffix(c));
        let (Some(p), Some(q)) = (inner(x), inner(y)) else {
            break;
        };
        if p.is_empty() || q.is_empty() || !once(p) {
            break;
        }
        (x, y) = (p, q);
    }
    // A single emphasis mark both start with (`*X` of `*X* 2015`).
    while let (Some(p), Some(q)) = (x.strip_prefix('*'), y.strip_prefix('*')) {
        if p.is_empty() || q.is_empty() || !once(p) {
            break;
        }
        (x, y) = (p, q);
    }
    while let (Some(c), Some(d)) = (x.chars().last(), y.chars().last()) {
        let (p, q) = (&x[..x.len() - c.len_utf8()], &y[..y.len() - d.len_utf8()]);
        let trims = c == d && matches!(c, '*' | '.' | ',' | ';' | ':');
        if !trims
            || p.trim_end().is_empty()
            || q.trim_end().is_empty()
            || p.ends_with(' ')
            || !once(p)
        {
            break;
        }
        (x, y) = (p, q);
    }
    (x, y)
}

/// Whether quoted words would show source markup (`*`, `\`) instead of the text a
/// reader sees: such a change is made by replacing the element whole.
fn has_markup(words: &str) -> bool {
    words.contains('*') || words.contains('\\')
}

// ---------------------------------------------------------------------------------------
// Bijlagen

fn annexes(
    old: &Regeling,
    new: &Regeling,
    options: &Options,
    grain: Grain,
    groups: &mut Vec<Group>,
) -> Result<(), String> {
    if same(&old.annexes, &new.annexes) {
        return Ok(());
    }
    let unit = |b: &Bijlage| {
        let mut text = String::new();
        crate::tree::walk::block_text(&b.content, &mut text);
        Unit {
            number: b.number.clone(),
            heading: b
                .heading
                .as_ref()
                .map(|t| plain(&t.text).to_lowercase())
                .unwrap_or_default(),
            text: plain(&text),
        }
    };
    if old
        .annexes
        .iter()
        .chain(&new.annexes)
        .any(|b| b.number.is_none())
    {
        return Err("een bijlage zonder nummer kan een wijzigingsbesluit niet noemen".into());
    }
    let a: Vec<Unit> = old.annexes.iter().map(unit).collect();
    let b: Vec<Unit> = new.annexes.iter().map(unit).collect();
    let bijlage = |n: &Bijlage| Addr {
        bijlage: n.number.clone(),
        ..Addr::default()
    };
    let steps = align(&a, &b, options.threshold);
    if grain == Grain::Rebuild {
        groups.extend(super::rebuild::annexes(&old.annexes, &new.annexes, &steps));
        return Ok(());
    }
    let at_end = after_last_kept(&steps);
    for s in steps {
        let op = match (s.old, s.new) {
            (Some(o), Some(k)) if !s.moved && old.annexes[o].number == new.annexes[k].number => {
                if same(&old.annexes[o], &new.annexes[k]) {
                    continue;
                }
                Op::new(
                    Sentence::Whole(bijlage(&old.annexes[o])),
                    Some(fragment::annex(&new.annexes[k])),
                )
            }
            (Some(o), _) => {
                groups.push(Group::single(Op::new(
                    Sentence::Repeal {
                        at: bijlage(&old.annexes[o]),
                        shift: None,
                    },
                    None,
                )));
                match s.new {
                    Some(k) => insert_annex(new, k, at_end(k)),
                    None => continue,
                }
            }
            (None, Some(k)) => insert_annex(new, k, at_end(k)),
            (None, None) => continue,
        };
        groups.push(Group::single(op));
    }
    Ok(())
}

fn insert_annex(new: &Regeling, k: usize, at_end: bool) -> Op {
    let block = Some(fragment::annex(&new.annexes[k]));
    // A new last bijlage is added to the regeling (Ar 6.11).
    if k > 0 && !at_end {
        Op::new(
            Sentence::Insert {
                after: true,
                at: Addr {
                    bijlage: new.annexes[k - 1].number.clone(),
                    ..Addr::default()
                },
                what: Soort::Bijlage,
            },
            block,
        )
    } else {
        Op::new(
            Sentence::Append {
                to: Addr::special(Special::Regeling),
                what: Soort::Bijlage,
            },
            block,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regelings_own_amendment_article_is_found_by_its_heading() {
        assert!(about_amendment("Wijziging"));
        assert!(about_amendment("Wijziging en opheffing"));
        assert!(about_amendment(
            "Toetreding, uittreding, wijziging en opheffing"
        ));
        assert!(!about_amendment("Wijziging begroting"));
        assert!(!about_amendment("Wijzigingen van de begroting"));
        assert!(!about_amendment("Duur en inwerkingtreding"));
    }

    #[test]
    fn aanhef_names_who_decides_by_the_kind_of_regeling() {
        let (mut old, _) = crate::source::parse(
            "t.gr",
            "Artikel 1 Taken\n\nHet openbaar lichaam heeft taken.\n\nArtikel 2 Wijziging\n\nDe deelnemers kunnen de regeling wijzigen.\n",
        );
        old.metadata.citation_title = Some("Regeling Bergen-Heiloo".into());
        let mut m = Metadata {
            kind: Some(crate::tree::Soort::Council),
            participants: vec!["Bergen".into(), "Heiloo".into()],
            ..Metadata::default()
        };
        assert_eq!(
            aanhef(&old, &m),
            [
                "De raden van de gemeenten Bergen en Heiloo,",
                "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel 2 van de Regeling Bergen-Heiloo;",
                "BESLUITEN:",
            ]
        );
        m.kind = Some(crate::tree::Soort::Mayoral);
        m.participants.clear();
        assert_eq!(
            aanhef(&old, &m)[0],
            "De burgemeesters van de deelnemende gemeenten,"
        );
        m.kind = None;
        assert_eq!(aanhef(&old, &m)[0], "De deelnemers aan de regeling,");
    }
}
