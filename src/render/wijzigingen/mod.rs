//! What changed, for people: the wijzigingstabel (one row per changed article or lid:
//! Artikel · Huidige tekst · Nieuwe tekst · Toelichting) and the renvooi (the new
//! regeling with deletions struck through and insertions marked), as view data for
//! `tabel.{md,html}` and `renvooi.{md,html}`. Every word diff shown here was made by the
//! diff stage under the run's noise policy (`Change::words`, `heading_words`,
//! `own_words`); nothing is compared again here. The tabel's rows are in [`tabel`], its
//! cells' paragraphs in `cells`; the renvooi is here.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diff::words::{self, Op, Word};
use crate::diff::{Change, Comparison, Kind, Level, container_text, heading_text, own_text};
use crate::tree::*;

mod cells;
mod tabel;

pub(crate) use tabel::TabelView;
pub use tabel::{Row, rows, tabel};

/// A run of text: unchanged, deleted or inserted.
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    /// A space goes before it (outside any marking).
    pub space: bool,
    /// It begins a paragraph of its cell (a wijzigingstabel cell: `cells::paragraphs`).
    /// Left out when false: most pieces (all of the renvooi's) begin none, and the
    /// templates read a missing `para` as false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub para: bool,
    pub text: String,
    /// `equal`, `delete` or `insert`.
    pub op: Op,
}

impl Piece {
    /// A piece that begins no paragraph of its cell.
    pub fn new(space: bool, text: &str, op: Op) -> Piece {
        Piece {
            space,
            para: false,
            text: text.to_string(),
            op,
        }
    }
}

/// The words kept (`keep`) as pieces, with the spaces between them.
pub fn pieces(words: &[Word], keep: &[Op]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut last = String::new();
    for w in words.iter().filter(|w| keep.contains(&w.op)) {
        let space = !last.is_empty() && words::needs_space(&last, &w.text);
        last = w.text.clone();
        out.push(Piece {
            space,
            para: false,
            text: w.text.clone(),
            op: w.op,
        });
    }
    out
}

fn whole(text: &str, op: Op) -> Vec<Piece> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![Piece {
        space: false,
        para: false,
        text: text.to_string(),
        op,
    }]
}

// ---------------------------------------------------------------------------------------
// Renvooi

#[derive(Debug, Serialize)]
pub struct RChapter {
    pub id: String,
    pub label: String,
    pub heading: Vec<Piece>,
    pub articles: Vec<RArticle>,
}

#[derive(Debug, Serialize)]
pub struct RArticle {
    pub id: String,
    /// `Artikel 20a`; the old number struck through when renumbered.
    pub label: Vec<Piece>,
    pub kind: &'static str,
    pub heading: Vec<Piece>,
    pub blocks: Vec<RBlock>,
}

#[derive(Debug, Serialize)]
pub struct RBlock {
    pub id: String,
    pub label: Vec<Piece>,
    pub text: Vec<Piece>,
    /// The onderdelen of a changed lid, each with its own marks.
    pub items: Vec<RBlock>,
}

fn block_id(c: &Change) -> String {
    match (&c.new, &c.old) {
        (Some(e), _) => format!("nieuw-{e}"),
        (None, Some(e)) => format!("oud-{e}"),
        _ => String::new(),
    }
}

fn label_pieces(prefix: &str, old: Option<&str>, new: Option<&str>, suffix: &str) -> Vec<Piece> {
    let make = |t: String, op| Piece {
        space: false,
        para: false,
        text: t,
        op,
    };
    match (old, new) {
        (Some(o), Some(n)) if o != n => vec![
            make(prefix.trim_end().to_string(), Op::Equal),
            Piece {
                space: !prefix.is_empty(),
                ..make(format!("{o}{suffix}"), Op::Delete)
            },
            Piece {
                space: true,
                ..make(format!("{n}{suffix}"), Op::Insert)
            },
        ],
        (Some(o), None) => vec![make(format!("{prefix}{o}{suffix}"), Op::Delete)],
        (None, Some(n)) => vec![make(format!("{prefix}{n}{suffix}"), Op::Insert)],
        (Some(x), Some(_)) => vec![make(format!("{prefix}{x}{suffix}"), Op::Equal)],
        (None, None) => vec![make(prefix.trim_end().to_string(), Op::Equal)],
    }
}

pub(crate) fn all_pieces(c: &Change) -> Vec<Piece> {
    match c.kind {
        Kind::Inserted => whole(&c.new_text, Op::Insert),
        Kind::Deleted => whole(&c.old_text, Op::Delete),
        _ if !c.words.is_empty() => pieces(&c.words, &[Op::Equal, Op::Delete, Op::Insert]),
        _ => whole(&c.new_text, Op::Equal),
    }
}

/// A part the diff stage compared on its own (`Change::heading_words`, `own_words`):
/// marked when it differs under the noise policy, else the new text as it stands.
fn part_pieces(words: &[Word], new: &str) -> Vec<Piece> {
    if words.is_empty() {
        return whole(new, Op::Equal);
    }
    pieces(words, &[Op::Equal, Op::Delete, Op::Insert])
}

/// The leden of an article that is inserted (or repealed) whole, each as a block with its
/// own number and its text (onderdelen included), marked `op`.
fn whole_leden(a: &crate::tree::Artikel, side: &str, op: Op) -> Vec<RBlock> {
    a.leden()
        .map(|l| RBlock {
            id: format!("{side}-{}", l.eid),
            label: whole(&format!("{}.", l.number.trim_end_matches('.')), op),
            text: whole(&container_text(&l.content), op),
            items: Vec::new(),
        })
        .collect()
}

/// The renvooi: every article of the new version in order, vervallen ones where they
/// stood, hoofdstuk headings as they come.
pub fn renvooi_view(old: &Regeling, new: &Regeling, cmp: &Comparison) -> Vec<RChapter> {
    let old_articles: FxHashMap<&str, &Artikel> = crate::tree::walk::articles(old)
        .into_iter()
        .map(|a| (a.eid.as_str(), a))
        .collect();
    let new_articles: FxHashMap<&str, &Artikel> = crate::tree::walk::articles(new)
        .into_iter()
        .map(|a| (a.eid.as_str(), a))
        .collect();
    let chapter_changes: FxHashMap<&str, &Change> = cmp
        .changes
        .iter()
        .filter(|c| c.level == Level::Chapter)
        .filter_map(|c| c.new.as_deref().or(c.old.as_deref()).map(|e| (e, c)))
        .collect();
    let mut out: Vec<RChapter> = Vec::new();
    let changes = &cmp.changes;
    let mut i = 0;
    while i < changes.len() {
        let c = &changes[i];
        i += 1;
        if c.level != Level::Article {
            continue;
        }
        let start = i;
        while i < changes.len() && changes[i].level.inside_article() {
            i += 1;
        }
        let eid = c.new.as_deref().or(c.old.as_deref()).unwrap_or("");
        let chapter = eid
            .split("__")
            .next()
            .filter(|p| p.starts_with("chp_"))
            .unwrap_or("");
        if out.last().is_none_or(|ch| ch.id != chapter) {
            let (label, heading) = match chapter_changes.get(chapter) {
                Some(ch) => (
                    format!(
                        "Hoofdstuk {}",
                        ch.new_number
                            .as_deref()
                            .or(ch.old_number.as_deref())
                            .unwrap_or("")
                    ),
                    all_pieces(ch),
                ),
                None => (String::new(), Vec::new()),
            };
            out.push(RChapter {
                id: chapter.to_string(),
                label,
                heading,
                articles: Vec::new(),
            });
        }
        let o = c.old.as_deref().and_then(|e| old_articles.get(e));
        let n = c.new.as_deref().and_then(|e| new_articles.get(e));
        let id = match (&c.new, &c.old) {
            (Some(e), _) => format!("nieuw-{e}"),
            (None, Some(e)) => format!("oud-{e}"),
            _ => String::new(),
        };
        let heading = match (o, n) {
            (Some(_), Some(n)) => part_pieces(&c.heading_words, &heading_text(&n.heading)),
            (Some(o), None) => whole(&heading_text(&o.heading), Op::Delete),
            (None, Some(n)) => whole(&heading_text(&n.heading), Op::Insert),
            _ => Vec::new(),
        };
        let mut blocks = Vec::new();
        let children = &changes[start..i];
        let has_leden = children.iter().any(|l| l.level == Level::Paragraph);
        match (o, n) {
            (Some(o), Some(n))
                if has_leden || o.leden().next().is_some() || n.leden().next().is_some() =>
            {
                let old_leden: FxHashMap<&str, &Lid> =
                    o.leden().map(|l| (l.eid.as_str(), l)).collect();
                let new_leden: FxHashMap<&str, &Lid> =
                    n.leden().map(|l| (l.eid.as_str(), l)).collect();
                let mut k = 0;
                while k < children.len() {
                    let l = &children[k];
                    k += 1;
                    if l.level == Level::Subparagraph {
                        // Text between leden (a tussenkop): unnumbered, marked whole.
                        blocks.push(RBlock {
                            id: block_id(l),
                            label: Vec::new(),
                            text: all_pieces(l),
                            items: Vec::new(),
                        });
                        continue;
                    }
                    if l.level != Level::Paragraph {
                        continue;
                    }
                    // The onderdelen compared inside this lid follow it.
                    let points: Vec<&Change> = children[k..]
                        .iter()
                        .take_while(|p| p.level == Level::Point)
                        .collect();
                    k += points.len();
                    let pair = (
                        l.old.as_deref().and_then(|e| old_leden.get(e)),
                        l.new.as_deref().and_then(|e| new_leden.get(e)),
                    );
                    let (text, items) = match pair {
                        (Some(_), Some(nl)) if l.text_changed && !points.is_empty() => (
                            part_pieces(&l.own_words, &own_text(&nl.content)),
                            points
                                .iter()
                                .map(|p| RBlock {
                                    id: block_id(p),
                                    label: label_pieces(
                                        "",
                                        p.old_number.as_deref(),
                                        p.new_number.as_deref(),
                                        ".",
                                    ),
                                    text: all_pieces(p),
                                    items: Vec::new(),
                                })
                                .collect(),
                        ),
                        _ => (all_pieces(l), Vec::new()),
                    };
                    blocks.push(RBlock {
                        id: block_id(l),
                        label: label_pieces(
                            "",
                            l.old_number.as_deref(),
                            l.new_number.as_deref(),
                            ".",
                        ),
                        text,
                        items,
                    });
                }
            }
            (Some(_), Some(n)) => blocks.push(RBlock {
                id: format!("nieuw-{}__tekst", n.eid),
                label: Vec::new(),
                text: part_pieces(&c.own_words, &container_text(&n.content)),
                items: Vec::new(),
            }),
            // A wholly inserted or repealed article keeps its leden as leden, each with
            // its own number, all marked.
            (None, Some(n)) if n.leden().next().is_some() => {
                blocks.extend(whole_leden(n, "nieuw", Op::Insert));
            }
            (Some(o), None) if o.leden().next().is_some() => {
                blocks.extend(whole_leden(o, "oud", Op::Delete));
            }
            (Some(o), None) => blocks.push(RBlock {
                id: format!("oud-{}__tekst", o.eid),
                label: Vec::new(),
                text: whole(&container_text(&o.content), Op::Delete),
                items: Vec::new(),
            }),
            (None, Some(n)) => blocks.push(RBlock {
                id: format!("nieuw-{}__tekst", n.eid),
                label: Vec::new(),
                text: whole(&container_text(&n.content), Op::Insert),
                items: Vec::new(),
            }),
            (None, None) => {}
        }
        out.last_mut()
            .expect("pushed above")
            .articles
            .push(RArticle {
                id,
                label: label_pieces(
                    "Artikel ",
                    c.old_number.as_deref(),
                    c.new_number.as_deref(),
                    "",
                ),
                kind: c.kind.dutch(),
                heading,
                blocks,
            });
    }
    out
}

#[derive(Serialize)]
struct RenvooiView<'a> {
    old_title: &'a str,
    new_title: &'a str,
    /// The opschrift, aanhef and slotformulering, marked (empty when absent in both).
    opschrift: Vec<Piece>,
    aanhef: Vec<Piece>,
    chapters: Vec<RChapter>,
    slot: Vec<Piece>,
    /// The aanhef and the slotformulering per alinea, as the built-in templates print
    /// them (`aanhef` and `slot` stay, whole, for templates of one's own).
    aanhef_alineas: Vec<Vec<Piece>>,
    slot_alineas: Vec<Vec<Piece>>,
}

/// The marked text of the one change at `level` (title, aanhef, slotformulering).
pub(crate) fn framing(cmp: &Comparison, level: Level) -> Vec<Piece> {
    cmp.changes
        .iter()
        .find(|c| c.level == level)
        .map(all_pieces)
        .unwrap_or_default()
}

/// [`framing`] per alinea (the aanhef, the slotformulering: `Change::alineas`).
pub(crate) fn framing_alineas(cmp: &Comparison, level: Level) -> Vec<Vec<Piece>> {
    let all = [Op::Equal, Op::Delete, Op::Insert];
    cmp.changes
        .iter()
        .find(|c| c.level == level)
        .map(|c| c.alineas.iter().map(|a| pieces(a, &all)).collect())
        .unwrap_or_default()
}

pub fn renvooi(
    env: &minijinja::Environment<'_>,
    old: &Regeling,
    new: &Regeling,
    cmp: &Comparison,
    format: &str,
) -> Result<String, String> {
    let view = RenvooiView {
        old_title: old.display_title(),
        new_title: new.display_title(),
        opschrift: framing(cmp, Level::Title),
        aanhef: framing(cmp, Level::Preamble),
        chapters: renvooi_view(old, new, cmp),
        slot: framing(cmp, Level::Closing),
        aanhef_alineas: framing_alineas(cmp, Level::Preamble),
        slot_alineas: framing_alineas(cmp, Level::Closing),
    };
    super::render(env, &format!("renvooi.{format}"), view).map(|t| {
        if format == "md" {
            super::markdown::tidy(t)
        } else {
            t
        }
    })
}
