//! The wijzigingstabel: one row per changed article or lid (Artikel · Huidige tekst ·
//! Nieuwe tekst · Toelichting), the view data of `tabel.{md,html,docx.xml}`.

use serde::Serialize;

use super::{Piece, pieces, whole};
use crate::diff::toelichting::Toelichting;
use crate::diff::words::Op;
use crate::diff::{Change, Comparison, Kind, Level};
use crate::tree::*;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The eId the toelichting is looked up by (new, or old when deleted).
    pub eid: String,
    pub label: String,
    /// Dutch: gewijzigd, ingevoegd, vervallen, vernummerd, verplaatst.
    pub kind: &'static str,
    /// Anchors of the two cells: `oud-<eid>`, `nieuw-<eid>`.
    pub old_id: Option<String>,
    pub new_id: Option<String>,
    pub old: Vec<Piece>,
    pub new: Vec<Piece>,
    pub toelichting: Option<String>,
    /// The toelichting of the article (or hoofdstuk) this row is part of stands on an
    /// earlier row: shown once, not repeated on each lid (issue 14).
    pub toelichting_above: bool,
}

fn row(c: &Change, label: String) -> Row {
    let (old, new) = match c.kind {
        Kind::Inserted => (Vec::new(), whole(&c.new_text, Op::Insert)),
        Kind::Deleted => (whole(&c.old_text, Op::Delete), Vec::new()),
        _ if !c.words.is_empty() => (
            pieces(&c.words, &[Op::Equal, Op::Delete]),
            pieces(&c.words, &[Op::Equal, Op::Insert]),
        ),
        _ => (whole(&c.old_text, Op::Equal), whole(&c.new_text, Op::Equal)),
    };
    let old = super::cells::paragraphs(old, &c.old_text, c.breaks(0));
    let new = super::cells::paragraphs(new, &c.new_text, c.breaks(1));
    Row {
        eid: c.new.clone().or_else(|| c.old.clone()).unwrap_or_default(),
        label,
        kind: c.kind.dutch(),
        old_id: c.old.as_ref().map(|e| format!("oud-{e}")),
        new_id: c.new.as_ref().map(|e| format!("nieuw-{e}")),
        old,
        new,
        toelichting: None,
        toelichting_above: false,
    }
}

/// The opschrift of an article in the old and the new cell: marked when it changed.
fn heading_cells(c: &Change) -> (Vec<Piece>, Vec<Piece>) {
    let w = &c.heading_words;
    if w.is_empty() {
        return (whole(&c.heading, Op::Equal), whole(&c.heading, Op::Equal));
    }
    (
        pieces(w, &[Op::Equal, Op::Delete]),
        pieces(w, &[Op::Equal, Op::Insert]),
    )
}

fn numbered_label(c: &Change) -> String {
    match (&c.old_number, &c.new_number) {
        (Some(o), Some(n)) if o != n => format!("{} (was {o})", c.label),
        _ => c.label.clone(),
    }
}

/// The rows: one per changed article, or per changed lid when the article has leden and
/// stayed in place; the opschrift, aanhef, hoofdstukken and bijlagen when they changed.
pub fn rows(cmp: &Comparison, toelichting: Option<&Toelichting>) -> Vec<Row> {
    let mut out = Vec::new();
    let changes = &cmp.changes;
    let mut i = 0;
    while i < changes.len() {
        let c = &changes[i];
        i += 1;
        match c.level {
            l if l.inside_article() => continue,
            Level::Article => {
                let start = i;
                while i < changes.len() && changes[i].level.inside_article() {
                    i += 1;
                }
                if c.kind == Kind::Unchanged {
                    continue;
                }
                // Rewritten (the besluit's "komt te luiden", Ar 6.9): one row, the leden
                // inside it.
                if cmp.rewritten(start - 1) {
                    out.push(article_row(c, &changes[start..i]));
                    continue;
                }
                // Leden and the text between them (tussenkoppen), each its own row.
                let leden: Vec<&Change> = changes[start..i]
                    .iter()
                    .filter(|l| {
                        matches!(l.level, Level::Paragraph | Level::Subparagraph)
                            && l.kind != Kind::Unchanged
                    })
                    .collect();
                if c.old.is_none() || c.new.is_none() || leden.is_empty() {
                    out.push(row(c, numbered_label(c)));
                    continue;
                }
                if c.kind != Kind::Changed {
                    // Renumbered or moved with changed leden: the article's own row says
                    // so (its opschrift, marked when it changed), the leden follow.
                    let mut r = row(c, numbered_label(c));
                    (r.old, r.new) = heading_cells(c);
                    out.push(r);
                } else if !c.heading_words.is_empty() {
                    let mut r = row(c, format!("{}, opschrift", c.label));
                    (r.old, r.new) = heading_cells(c);
                    out.push(r);
                }
                for l in leden {
                    out.push(row(l, numbered_label(l)));
                }
            }
            _ if c.kind == Kind::Unchanged => {}
            _ => out.push(row(c, numbered_label(c))),
        }
    }
    if let Some(t) = toelichting {
        // A text written for an article (or hoofdstuk) is shown once, on its first row,
        // not again on each lid of it that has a row of its own.
        let mut last: Option<&str> = None;
        for r in &mut out {
            let found = t.lookup(&r.eid);
            r.toelichting_above = found.is_some_and(|(k, _)| k != r.eid && last == Some(k));
            r.toelichting = found
                .filter(|_| !r.toelichting_above)
                .map(|(_, v)| v.to_string());
            last = found.map(|(k, _)| k);
        }
    }
    out
}

/// One row for a rewritten article: its opschrift, then every lid (and tussenkop) with
/// its number, in the old and the new cell.
fn article_row(c: &Change, inside: &[Change]) -> Row {
    let mut r = row(c, numbered_label(c));
    let (mut old, mut new) = heading_cells(c);
    let op = |l: &Change| match l.kind {
        Kind::Inserted => Op::Insert,
        Kind::Deleted => Op::Delete,
        _ => Op::Equal,
    };
    let add = |cell: &mut Vec<Piece>, number: &Option<String>, text: Vec<Piece>, op: Op| {
        if text.is_empty() {
            return;
        }
        // Each lid (and tussenkop) begins a paragraph after the opschrift.
        if let Some(n) = number {
            cell.push(Piece {
                space: false,
                para: !cell.is_empty(),
                text: format!("{n}."),
                op,
            });
        }
        let first = cell.len();
        cell.extend(text);
        if let Some(p) = cell.get_mut(first) {
            (p.space, p.para) = match number {
                Some(_) => (true, false),
                None => (false, first > 0),
            };
        }
    };
    for l in inside
        .iter()
        .filter(|l| matches!(l.level, Level::Paragraph | Level::Subparagraph))
    {
        let lr = row(l, String::new());
        add(&mut old, &l.old_number, lr.old, op(l));
        add(&mut new, &l.new_number, lr.new, op(l));
    }
    (r.old, r.new) = (old, new);
    r
}

/// What the tabel templates receive (`tabel.{md,html,docx.xml}`).
#[derive(Serialize)]
pub(crate) struct TabelView<'a> {
    old_title: &'a str,
    new_title: &'a str,
    rows: &'a [Row],
}

impl<'a> TabelView<'a> {
    pub(crate) fn new(old: &'a Regeling, new: &'a Regeling, rows: &'a [Row]) -> Self {
        TabelView {
            old_title: old.display_title(),
            new_title: new.display_title(),
            rows,
        }
    }
}

pub fn tabel(
    env: &minijinja::Environment<'_>,
    old: &Regeling,
    new: &Regeling,
    rows: &[Row],
    format: &str,
) -> Result<String, String> {
    let view = TabelView::new(old, new, rows);
    crate::render::render(env, &format!("tabel.{format}"), view).map(|t| {
        if format == "md" {
            crate::render::markdown::tidy(t)
        } else {
            t
        }
    })
}
