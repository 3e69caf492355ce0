//! The wijzigingsbesluit as a STOP `BesluitCompact`: ARTIKEL I (a `WijzigArtikel` that
//! points at the WijzigBijlage), ARTIKEL II (inwerkingtreding), and the WijzigBijlage
//! with a `RegelingMutatie` made from the diff stage's comparison, article by article:
//!
//! - an inserted article or hoofdstuk: `VoegToe`, after the element before it in the new
//!   version (`volgtOp`), or before the one after it when it comes first (`komtVoor`);
//! - a repealed one: `Verwijder`, `wat` = its wId, with the old text;
//! - a changed, renumbered or moved article: `Vervang`, `wat` = its wId (kept from the
//!   old version), the new article with renvooi: words marked `NieuweTekst` and
//!   `VerwijderdeTekst` from the comparison's word diff, new and removed leden marked with
//!   `wijzigactie` (`voegtoe`, `verwijder`); a lid whose lists changed is shown as the old
//!   lid removed and the new one added, as the comparison has no word diff that keeps
//!   the list structure;
//! - a hoofdstuk whose opschrift or number changed: `VervangKop`.
//!
//! Nothing is compared here: every mark comes from `Comparison` (`Change::words`,
//! `heading_words`, `own_words`) and the frame (title, aanhef, date) from the besluit
//! stage's `Wijzigingsbesluit`.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::*;
use crate::besluit::Wijzigingsbesluit;
use crate::diff::words::{Op, Word};
use crate::diff::{Change, Comparison, Kind, Level};
use crate::render::wijzigingen::pieces;

/// One instruction of the RegelingMutatie.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mutation {
    VoegToe {
        positie: &'static str,
        context: String,
        node: Node,
    },
    Vervang {
        wat: String,
        /// For a moved article: where it goes (empty otherwise).
        positie: &'static str,
        context: String,
        node: Node,
    },
    VervangKop {
        wat: String,
        label: String,
        number: Vec<Inline>,
        heading: Vec<Inline>,
    },
    Verwijder {
        wat: String,
        node: Node,
    },
}

#[derive(Debug, Serialize)]
pub struct BesluitView {
    pub schema_version: &'static str,
    pub title: String,
    pub aanhef: Vec<String>,
    /// The wId prefix of the besluit's own elements.
    pub prefix: String,
    /// ARTIKEL I's instruction: "De ... wordt gewijzigd zoals aangegeven in Bijlage A."
    pub regeling: String,
    /// ARTIKEL II, when the new version has a date of entry into force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<String>,
    /// ARTIKEL II's sentence, with the terugwerkende kracht (the besluit's wording).
    pub artikel_ii: String,
    /// The AKN expression identifiers of the old and the new version (`was`, `wordt`).
    pub was: String,
    pub wordt: String,
    pub mutations: Vec<Mutation>,
}

/// What the mutation needs of both versions.
pub struct Versions<'a> {
    pub old: &'a Regeling,
    pub new: &'a Regeling,
    pub old_links: &'a Links,
    pub new_links: &'a Links,
    /// The bevoegd gezag code of the wIds.
    pub code: &'a str,
}

/// The work identifier both versions share in `was` and `wordt`: the old citeertitel
/// in lower-case letters and digits joined by hyphens.
fn work(r: &Regeling) -> String {
    let mut out = String::new();
    for word in r
        .display_title()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// The besluit view: the frame from `besluit`, the mutation from `cmp`.
pub fn view(
    v: &Versions<'_>,
    besluit: &Wijzigingsbesluit,
    cmp: &Comparison,
) -> Result<BesluitView, Box<Diagnostic>> {
    let old_version = version_of(&v.old.metadata);
    let mut new_version = version_of(&v.new.metadata);
    // New elements must never get the wId of a repealed one: the version part of their
    // wIds has to differ, also when the metadata gives both the same (or no) version.
    if new_version == old_version {
        new_version = format!("{old_version}.1");
    }
    let new_to_old: FxHashMap<String, String> = cmp
        .mapping
        .iter()
        .map(|(o, n)| (n.clone(), o.clone()))
        .chain(
            cmp.changes
                .iter()
                .filter(|c| matches!(c.level, Level::Chapter | Level::Annex))
                .filter_map(|c| Some((c.new.clone()?, c.old.clone()?))),
        )
        .collect();
    let old_b = Builder {
        regeling: v.old,
        links: v.old_links,
        wids: Wids::of(v.code, &old_version),
    };
    let new_b = Builder {
        regeling: v.new,
        links: v.new_links,
        wids: Wids {
            prefix: prefix(v.code, &new_version),
            old_prefix: prefix(v.code, &old_version),
            new_to_old: Some(&new_to_old),
        },
    };
    let m = Mutations {
        old_b,
        new_b,
        neighbours: neighbours(&v.new.body),
    };
    let work = work(v.old);
    Ok(BesluitView {
        schema_version: SCHEMA_VERSION,
        title: besluit.title.clone(),
        aanhef: besluit.aanhef.clone(),
        prefix: prefix(v.code, &new_version),
        regeling: besluit.regeling.clone(),
        entry_into_force: besluit.entry_into_force_text.clone(),
        artikel_ii: besluit.artikel_ii.clone(),
        was: format!("/akn/nl/act/{}/{work}/nld@{old_version}", v.code),
        wordt: format!("/akn/nl/act/{}/{work}/nld@{new_version}", v.code),
        mutations: m.all(cmp)?,
    })
}

/// The element before and after each body element, within its own parent.
#[derive(Default)]
struct Neighbours {
    before: FxHashMap<String, String>,
    after: FxHashMap<String, String>,
}

fn neighbours(body: &[Deel]) -> Neighbours {
    fn walk(parts: &[Deel], n: &mut Neighbours) {
        let eids: Vec<&str> = parts
            .iter()
            .filter_map(|d| match d {
                Deel::Hoofdstuk(h) => {
                    walk(&h.content, n);
                    Some(h.eid.as_str())
                }
                Deel::Paragraaf(p) => {
                    walk(&p.content, n);
                    Some(p.eid.as_str())
                }
                Deel::Artikel(a) => Some(a.eid.as_str()),
                _ => None,
            })
            .collect();
        for pair in eids.windows(2) {
            n.before.insert(pair[1].to_string(), pair[0].to_string());
            n.after.insert(pair[0].to_string(), pair[1].to_string());
        }
    }
    let mut n = Neighbours::default();
    walk(body, &mut n);
    n
}

struct Mutations<'a> {
    old_b: Builder<'a>,
    new_b: Builder<'a>,
    neighbours: Neighbours,
}

fn find_article<'t>(r: &'t Regeling, eid: &str) -> Option<&'t crate::tree::Artikel> {
    crate::tree::walk::articles(r)
        .into_iter()
        .find(|a| a.eid == eid)
}

fn find_chapter<'t>(r: &'t Regeling, eid: &str) -> Option<&'t Hoofdstuk> {
    crate::tree::walk::hoofdstukken(r).find(|h| h.eid == eid)
}

/// Words of the comparison as marked inlines (spaces between words outside the marks).
fn marked(words: &[Word]) -> Vec<Inline> {
    inlines(pieces(words, &[Op::Equal, Op::Delete, Op::Insert]))
}

fn inlines(pieces: Vec<crate::render::wijzigingen::Piece>) -> Vec<Inline> {
    let mut out = Vec::new();
    for p in pieces {
        if p.space {
            out.push(Inline::plain(" "));
        }
        let mark = match p.op {
            Op::Equal => "",
            Op::Delete => "del",
            Op::Insert => "new",
        };
        out.push(Inline::marked(p.text, mark));
    }
    out
}

/// A number shown as changed when it did (`4.` struck, `5.` new).
fn number(old: Option<&str>, new: Option<&str>, suffix: &str) -> Vec<Inline> {
    match (old, new) {
        (Some(o), Some(n)) if o != n => vec![
            Inline::marked(format!("{o}{suffix}"), "del"),
            Inline::marked(format!("{n}{suffix}"), "new"),
        ],
        (_, Some(n)) | (Some(n), None) => vec![Inline::plain(format!("{n}{suffix}"))],
        (None, None) => vec![],
    }
}

/// Text without lists, so a word diff can stand for it as one `Al`.
fn simple(content: &[Blok]) -> bool {
    content
        .iter()
        .all(|b| matches!(b, Blok::Alinea(_) | Blok::Opmerking(_)))
}

impl Mutations<'_> {
    fn all(&self, cmp: &Comparison) -> Result<Vec<Mutation>, Box<Diagnostic>> {
        let (old, new) = (self.old_b.regeling, self.new_b.regeling);
        // Articles inside an inserted or repealed hoofdstuk go with the hoofdstuk.
        let mut whole_new: FxHashSet<&str> = FxHashSet::default();
        let mut whole_old: FxHashSet<&str> = FxHashSet::default();
        let mut out = Vec::new();
        let changes = &cmp.changes;
        for (i, c) in changes.iter().enumerate() {
            match (c.level, c.old.as_deref(), c.new.as_deref()) {
                (Level::Chapter, None, Some(n)) => {
                    if let Some(h) = find_chapter(new, n) {
                        whole_new.insert(n);
                        let node = self.new_b.hoofdstuk(h)?;
                        out.push(self.voeg_toe(n, node));
                    }
                }
                (Level::Chapter, Some(o), None) => {
                    if let Some(h) = find_chapter(old, o) {
                        whole_old.insert(o);
                        out.push(Mutation::Verwijder {
                            wat: self.old_b.wids.wid(o),
                            node: self.old_b.hoofdstuk(h)?,
                        });
                    }
                }
                (Level::Chapter, Some(o), Some(n)) if c.kind != Kind::Unchanged => {
                    if let Some(h) = find_chapter(new, n) {
                        out.push(Mutation::VervangKop {
                            wat: self.old_b.wids.wid(o),
                            label: "Hoofdstuk".into(),
                            number: number(c.old_number.as_deref(), c.new_number.as_deref(), ""),
                            heading: if c.words.is_empty() {
                                heading(&h.heading)
                            } else {
                                marked(&c.words)
                            },
                        });
                    }
                }
                (Level::Article, None, Some(n)) if !inside(n, &whole_new) => {
                    if let Some(a) = find_article(new, n) {
                        let node = Node::Artikel(self.new_b.artikel(a));
                        out.push(self.voeg_toe(n, node));
                    }
                }
                (Level::Article, Some(o), None) if !inside(o, &whole_old) => {
                    if let Some(a) = find_article(old, o) {
                        out.push(Mutation::Verwijder {
                            wat: self.old_b.wids.wid(o),
                            node: Node::Artikel(self.old_b.artikel(a)),
                        });
                    }
                }
                (Level::Article, Some(o), Some(n)) if c.kind != Kind::Unchanged => {
                    let children: Vec<&Change> = changes[i + 1..]
                        .iter()
                        .take_while(|d| d.level.inside_article())
                        .collect();
                    if let (Some(oa), Some(na)) = (find_article(old, o), find_article(new, n)) {
                        let (positie, context) = if c.kind == Kind::Moved {
                            self.place(n)
                        } else {
                            ("", String::new())
                        };
                        out.push(Mutation::Vervang {
                            wat: self.old_b.wids.wid(o),
                            positie,
                            context,
                            node: Node::Artikel(self.renvooi(c, &children, oa, na)),
                        });
                    }
                }
                (Level::Annex, ..) => out.extend(self.annex(c)),
                _ => {}
            }
        }
        out.extend(self.explanation());
        if out.is_empty() {
            return Err(Box::new(Diagnostic::new(
                "X002",
                "de wijziging zit alleen in delen die een RegelingMutatie niet kan wijzigen \
                 (het opschrift, de aanhef of de sluiting)",
            )));
        }
        Ok(out)
    }

    /// A bijlage added (after the bijlage before it, or after the lichaam), repealed, or
    /// replaced whole: the comparison has no word diff that keeps a bijlage's structure.
    fn annex(&self, c: &Change) -> Option<Mutation> {
        let (old, new) = (self.old_b.regeling, self.new_b.regeling);
        let find = |r: &'_ Regeling, eid: Option<&str>| {
            let eid = eid?;
            r.annexes.iter().position(|a| a.eid == eid)
        };
        match (find(old, c.old.as_deref()), find(new, c.new.as_deref())) {
            (None, Some(i)) => Some(Mutation::VoegToe {
                positie: "volgtOp",
                context: match i.checked_sub(1) {
                    Some(prev) => self.new_b.wids.wid(&new.annexes[prev].eid),
                    None => self.old_b.wids.wid("body"),
                },
                node: Node::Bijlage(self.new_b.bijlage(&new.annexes[i])),
            }),
            (Some(i), None) => Some(Mutation::Verwijder {
                wat: self.old_b.wids.wid(&old.annexes[i].eid),
                node: Node::Bijlage(self.old_b.bijlage(&old.annexes[i])),
            }),
            (Some(i), Some(j)) if c.kind != Kind::Unchanged => {
                let mut x = self.new_b.bijlage(&new.annexes[j]);
                x.wid = self.old_b.wids.wid(&old.annexes[i].eid);
                Some(Mutation::Vervang {
                    wat: x.wid.clone(),
                    positie: "",
                    context: String::new(),
                    node: Node::Bijlage(x),
                })
            }
            _ => None,
        }
    }

    /// The toelichting added (after the last bijlage, or the lichaam), repealed or
    /// replaced whole. The comparison does not cover it, so its text is compared here
    /// as a whole, equal or not; no word diff is made.
    fn explanation(&self) -> Option<Mutation> {
        let (old, new) = (self.old_b.regeling, self.new_b.regeling);
        match (&old.explanation, &new.explanation) {
            (None, Some(t)) => Some(Mutation::VoegToe {
                positie: "volgtOp",
                context: match new.annexes.last() {
                    Some(a) => self.new_b.wids.wid(&a.eid),
                    None => self.old_b.wids.wid("body"),
                },
                node: Node::Toelichting(self.new_b.toelichting(t)),
            }),
            (Some(t), None) => Some(Mutation::Verwijder {
                wat: self.old_b.wids.wid(&t.eid),
                node: Node::Toelichting(self.old_b.toelichting(t)),
            }),
            (Some(o), Some(n))
                if crate::diff::container_text(&o.content)
                    != crate::diff::container_text(&n.content) =>
            {
                let mut x = self.new_b.toelichting(n);
                x.wid = self.old_b.wids.wid(&o.eid);
                Some(Mutation::Vervang {
                    wat: x.wid.clone(),
                    positie: "",
                    context: String::new(),
                    node: Node::Toelichting(x),
                })
            }
            _ => None,
        }
    }

    /// Where a new element goes: after its predecessor in the new version, else before
    /// its successor.
    fn place(&self, new_eid: &str) -> (&'static str, String) {
        match self.neighbours.before.get(new_eid) {
            Some(prev) => ("volgtOp", self.new_b.wids.wid(prev)),
            None => match self.neighbours.after.get(new_eid) {
                Some(next) => ("komtVoor", self.new_b.wids.wid(next)),
                None => ("volgtOp", self.new_b.wids.wid("body")),
            },
        }
    }

    fn voeg_toe(&self, new_eid: &str, node: Node) -> Mutation {
        let (positie, context) = self.place(new_eid);
        Mutation::VoegToe {
            positie,
            context,
            node,
        }
    }

    /// The new article with renvooi marks, its wIds kept from the old version.
    fn renvooi(
        &self,
        c: &Change,
        children: &[&Change],
        o: &crate::tree::Artikel,
        n: &crate::tree::Artikel,
    ) -> Artikel {
        let mut art = self.new_b.artikel(n);
        art.number = number(o.number.as_deref(), n.number.as_deref(), "");
        if !c.heading_words.is_empty() {
            art.heading = marked(&c.heading_words);
        }
        let has_leden = o.leden().next().is_some() || n.leden().next().is_some();
        if has_leden {
            let old_leden: FxHashMap<&str, &crate::tree::Lid> =
                o.leden().map(|l| (l.eid.as_str(), l)).collect();
            let new_leden: FxHashMap<&str, &crate::tree::Lid> =
                n.leden().map(|l| (l.eid.as_str(), l)).collect();
            // Text between leden goes where STOP keeps it: at the end of the lid before it
            // (`StopBuilder::artikel`), or before the first lid in the Inhoud.
            let mut intro: Vec<Block> = Vec::new();
            let mut items: Vec<Item> = Vec::new();
            for l in children.iter() {
                if l.level == Level::Subparagraph {
                    let al = Block::Al {
                        text: inlines(crate::render::wijzigingen::all_pieces(l)),
                    };
                    match items.iter_mut().rev().find(|i| i.action != "verwijder") {
                        Some(last) => last.content.push(al),
                        None => intro.push(al),
                    }
                    continue;
                }
                if l.level != Level::Paragraph {
                    continue;
                }
                let ol = l.old.as_deref().and_then(|e| old_leden.get(e));
                let nl = l.new.as_deref().and_then(|e| new_leden.get(e));
                match (ol, nl) {
                    (Some(ol), None) => items.push(removed(self.old_b.lid(ol))),
                    (None, Some(nl)) => items.push(added(self.new_b.lid(nl))),
                    (Some(ol), Some(nl)) => {
                        let mut lid = self.new_b.lid(nl);
                        lid.number =
                            number(Some(ol.number.as_str()), Some(nl.number.as_str()), ".");
                        if l.text_changed && !l.words.is_empty() {
                            if simple(&ol.content) && simple(&nl.content) {
                                lid.content = vec![Block::Al {
                                    text: marked(&l.words),
                                }];
                            } else {
                                items.push(removed(self.old_b.lid(ol)));
                                items.push(added(self.new_b.lid(nl)));
                                continue;
                            }
                        } else if l.text_changed {
                            // Lists changed inside the lid: the old lid out, the new in.
                            items.push(removed(self.old_b.lid(ol)));
                            items.push(added(self.new_b.lid(nl)));
                            continue;
                        }
                        items.push(lid);
                    }
                    (None, None) => {}
                }
            }
            art.parts.clear();
            if !intro.is_empty() {
                art.parts.push(Part::Inhoud {
                    blocks: intro,
                    action: "",
                });
            }
            if !items.is_empty() {
                art.parts.push(Part::Leden { items });
            }
        } else if !c.own_words.is_empty() {
            art.parts = if simple(&o.content) && simple(&n.content) {
                vec![Part::Inhoud {
                    blocks: vec![Block::Al {
                        text: marked(&c.own_words),
                    }],
                    action: "",
                }]
            } else {
                let old = self.old_b.artikel(o).parts;
                let new = std::mem::take(&mut art.parts);
                vec![Part::Inhoud {
                    blocks: vec![
                        Block::Changed {
                            action: "verwijder",
                            blocks: inhoud(old),
                        },
                        Block::Changed {
                            action: "voegtoe",
                            blocks: inhoud(new),
                        },
                    ],
                    action: "",
                }]
            };
        }
        art
    }
}

/// The blocks of an article without leden (its Inhoud).
fn inhoud(parts: Vec<Part>) -> Vec<Block> {
    parts
        .into_iter()
        .flat_map(|p| match p {
            Part::Inhoud { blocks, .. } => blocks,
            Part::Leden { .. } => Vec::new(),
        })
        .collect()
}

fn removed(mut lid: Item) -> Item {
    lid.action = "verwijder";
    lid
}

fn added(mut lid: Item) -> Item {
    lid.action = "voegtoe";
    lid
}

/// Whether `eid` lies inside one of the hoofdstukken in `set`.
fn inside(eid: &str, set: &FxHashSet<&str>) -> bool {
    eid.split_once("__")
        .is_some_and(|(head, _)| set.contains(head))
}
