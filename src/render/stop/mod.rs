//! STOP/IMOP 1.3.0 XML (the Dutch publication standard) as view data for the templates
//! `stop-regeling.xml` and `stop-besluit.xml`: the regeling as a `RegelingCompact`, and
//! (in [`mutatie`]) the wijzigingsbesluit as a `BesluitCompact` with a `RegelingMutatie`.
//!
//! Like every renderer, this module builds plain data and no markup: which STOP element
//! a node becomes is a name in the data (`Division::element`), the template writes the
//! tags, and the `.xml` templates escape every value for XML (`render::base_environment`).
//!
//! Identifiers follow STOP: the eId is the tree's eId (`src/tree/eid.rs` already writes
//! the STOP form, `chp_2__art_9__para_6`); the wId is `<bevoegd gezag>_<versie>__<eId>`
//! of the version in which the element first appeared ([`Wids`]), so an element keeps
//! its wId when it is renumbered, and a new element never gets the wId of one that was
//! deleted (its version part differs).

mod akn;
pub mod mutatie;
mod view;

pub use akn::akn_eid;
pub use view::{Annex, Artikel, Begrip, Block, Inline, Item, Node, Part, RegelingView};

use super::inline::Segment;
use super::regeling::linked_segments;
use crate::check::links::Links;
use crate::diagnostic::Diagnostic;
use crate::tree::walk::item_label;
use crate::tree::*;

/// The STOP schema version the output follows (`schemaversie`).
pub const SCHEMA_VERSION: &str = "1.3.0";

/// The code used in wIds when no bevoegd gezag is given (X001).
pub const PLACEHOLDER_CODE: &str = "onbekend";

/// How wIds are made: `<prefix><eId>` for an element of this version, or, for an element
/// the comparison found in the old version (`new_to_old`), the old version's wId.
pub struct Wids<'a> {
    pub prefix: String,
    pub old_prefix: String,
    pub new_to_old: Option<&'a rustc_hash::FxHashMap<String, String>>,
}

impl Wids<'_> {
    /// The wIds of one version of a regeling: `<code>_<versie>__<eId>`.
    pub fn of(code: &str, version: &str) -> Wids<'static> {
        let prefix = prefix(code, version);
        Wids {
            old_prefix: prefix.clone(),
            prefix,
            new_to_old: None,
        }
    }

    pub fn wid(&self, eid: &str) -> String {
        match self.new_to_old.and_then(|m| m.get(eid)) {
            Some(old) => format!("{}{}", self.old_prefix, akn_eid(old)),
            None => format!("{}{}", self.prefix, akn_eid(eid)),
        }
    }
}

/// `gm0361_2022__`: the part of a wId before the eId.
pub fn prefix(code: &str, version: &str) -> String {
    format!("{code}_{version}__")
}

/// The version part of a wId: the metadata's `versie` with only the characters an XML
/// name token allows (`2022`, `1.2`), else `1`.
pub fn version_of(m: &Metadata) -> String {
    let v: String = m
        .version
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    if v.is_empty() { "1".into() } else { v }
}

/// Whether `code` can stand for a bevoegd gezag in a wId: a TOOI-style code of
/// lower-case letters and digits (`gm0361`, `ws0155`, `pv27`).
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// The bevoegd gezag code for the wIds: the one given (checked by the CLI with
/// [`valid_code`]), else the placeholder with a warning (X001, located by the caller).
pub fn bevoegd_gezag(given: Option<&str>) -> (String, Option<Diagnostic>) {
    match given {
        Some(code) => (code.to_string(), None),
        None => (
            PLACEHOLDER_CODE.to_string(),
            Some(
                Diagnostic::new(
                    "X001",
                    format!(
                        "geen bevoegd gezag opgegeven; de wId's beginnen met de plaatshouder `{PLACEHOLDER_CODE}`"
                    ),
                )
                .note("geef de code met --bevoegd-gezag, zoals gm0361 (gemeente Alkmaar)"),
            ),
        ),
    }
}

/// Segments of `.gr` inline text as STOP inlines; links become IntRef/ExtRef.
pub fn inlines(segments: Vec<Segment>) -> Vec<Inline> {
    segments
        .into_iter()
        .map(|s| {
            let (reference, target, soort) = match s.href {
                Some(h) if !s.external => ("int", akn_eid(h.trim_start_matches('#')), ""),
                Some(h) => match h.strip_prefix("https://wetten.overheid.nl/jci") {
                    Some(rest) => ("ext", format!("jci{rest}"), "JCI"),
                    None => ("ext", h, "URL"),
                },
                None => ("", String::new(), ""),
            };
            Inline {
                text: s.text,
                em: s.em,
                strong: s.strong,
                reference,
                target,
                soort,
                mark: "",
            }
        })
        .collect()
}

fn text_inlines(text: &str) -> Vec<Inline> {
    inlines(super::inline::segments(text, &[]))
}

fn heading(h: &Option<Tekst>) -> Vec<Inline> {
    h.as_ref().map_or_else(Vec::new, |t| text_inlines(&t.text))
}

/// What cannot be written in STOP (X003): the place and why.
fn unsupported(r: &Regeling, span: Span, what: String) -> Box<Diagnostic> {
    Box::new(Diagnostic::new("X002", what).at(&r.file, span))
}

/// Builds STOP nodes from one version of a tree.
pub struct Builder<'a> {
    pub regeling: &'a Regeling,
    pub links: &'a Links,
    pub wids: Wids<'a>,
}

impl Builder<'_> {
    /// The body's nodes; STOP's Lichaam and every division hold one kind of child
    /// (hoofdstukken, or paragrafen, or articles), so a mix is refused with its place.
    pub fn nodes(&self, parts: &[Deel]) -> Result<Vec<Node>, Box<Diagnostic>> {
        let mut out = Vec::new();
        let mut first: Option<(&'static str, Span)> = None;
        for d in parts {
            let node = match d {
                Deel::Opmerking(_) => continue,
                Deel::Alinea(a) => {
                    return Err(unsupported(
                        self.regeling,
                        a.span,
                        "tekst buiten een artikel kan in STOP niet in het lichaam staan".into(),
                    ));
                }
                Deel::Hoofdstuk(h) => self.hoofdstuk(h)?,
                Deel::Paragraaf(p) => {
                    let element = match p.label.as_str() {
                        "Titel" => "Titel",
                        "Afdeling" => "Afdeling",
                        "Subparagraaf" => "Subparagraaf",
                        _ => "Paragraaf",
                    };
                    self.division(element, &p.label, &p.eid, &p.number, &p.heading, &p.content)?
                }
                Deel::Artikel(a) => Node::Artikel(self.artikel(a)),
            };
            let element = match &node {
                Node::Division { element, .. } => *element,
                Node::Artikel(_) => "Artikel",
                Node::Bijlage(_) => "Bijlage",
                Node::Toelichting(_) => "Toelichting",
            };
            match first {
                None => first = Some((element, d.span())),
                Some((e, _)) if e != element => {
                    return Err(unsupported(
                        self.regeling,
                        d.span(),
                        format!(
                            "STOP laat geen {} en {} naast elkaar toe in hetzelfde deel",
                            e.to_lowercase(),
                            element.to_lowercase()
                        ),
                    ));
                }
                _ => {}
            }
            out.push(node);
        }
        Ok(out)
    }

    pub fn hoofdstuk(&self, h: &Hoofdstuk) -> Result<Node, Box<Diagnostic>> {
        self.division(
            "Hoofdstuk",
            "Hoofdstuk",
            &h.eid,
            &h.number,
            &h.heading,
            &h.content,
        )
    }

    fn division(
        &self,
        element: &'static str,
        label: &str,
        eid: &str,
        number: &str,
        h: &Option<Tekst>,
        content: &[Deel],
    ) -> Result<Node, Box<Diagnostic>> {
        Ok(Node::Division {
            element,
            eid: eid.to_string(),
            wid: self.wids.wid(eid),
            label: label.to_string(),
            number: if number.is_empty() {
                vec![]
            } else {
                vec![Inline::plain(number)]
            },
            heading: heading(h),
            content: self.nodes(content)?,
        })
    }

    /// An article: leden as `Lid`, other blocks as `Inhoud` (before the leden; text after
    /// the first lid stays with the lid before it, as STOP has no text between leden).
    pub fn artikel(&self, a: &crate::tree::Artikel) -> Artikel {
        let mut intro = Vec::new();
        let mut leden: Vec<Item> = Vec::new();
        for b in &a.content {
            match b {
                Blok::Lid(l) => leden.push(self.lid(l)),
                other => match leden.last_mut() {
                    Some(last) => last
                        .content
                        .extend(self.blocks(std::slice::from_ref(other))),
                    None => intro.extend(self.blocks(std::slice::from_ref(other))),
                },
            }
        }
        let mut parts = Vec::new();
        if !intro.is_empty() || (leden.is_empty() && !a.repealed) {
            parts.push(Part::Inhoud {
                blocks: non_empty(intro),
                action: "",
            });
        }
        if !leden.is_empty() {
            parts.push(Part::Leden { items: leden });
        }
        Artikel {
            eid: a.eid.clone(),
            wid: self.wids.wid(&a.eid),
            label: a.label.clone(),
            number: a.number.iter().map(Inline::plain).collect(),
            heading: heading(&a.heading),
            repealed: a.repealed,
            parts,
        }
    }

    pub fn lid(&self, l: &crate::tree::Lid) -> Item {
        Item {
            eid: l.eid.clone(),
            wid: self.wids.wid(&l.eid),
            number: vec![Inline::plain(format!("{}.", l.number))],
            content: non_empty(self.blocks(&l.content)),
            action: "",
        }
    }

    /// Blocks of an Inhoud. Leden outside an article (in a bijlage) become a list, as
    /// `Inhoud` has no `Lid`.
    pub fn blocks(&self, content: &[Blok]) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::new();
        for b in content {
            match b {
                Blok::Alinea(a) => out.push(Block::Al {
                    text: inlines(linked_segments(self.links, a)),
                }),
                Blok::Lijst(l) => out.push(self.lijst(l)),
                Blok::Lid(l) => {
                    let li = Item {
                        eid: l.eid.clone(),
                        wid: self.wids.wid(&l.eid),
                        number: vec![Inline::plain(format!("{}.", l.number))],
                        content: non_empty(self.blocks(&l.content)),
                        action: "",
                    };
                    match out.last_mut() {
                        Some(Block::Lijst { eid, items, .. }) if eid.ends_with("__leden") => {
                            items.push(li)
                        }
                        _ => {
                            let eid = format!("{}__leden", l.eid);
                            out.push(Block::Lijst {
                                wid: self.wids.wid(&eid),
                                eid,
                                items: vec![li],
                            })
                        }
                    }
                }
                Blok::Opmerking(_) => {}
            }
        }
        out
    }

    pub fn lijst(&self, l: &Lijst) -> Block {
        if !l.items.is_empty() && l.items.iter().all(|o| o.term.is_some()) {
            return Block::Begrippenlijst {
                eid: l.eid.clone(),
                wid: self.wids.wid(&l.eid),
                items: l
                    .items
                    .iter()
                    .map(|o| Begrip {
                        eid: o.eid.clone(),
                        wid: self.wids.wid(&o.eid),
                        number: item_label(o),
                        term: heading(&o.term),
                        content: non_empty(self.blocks(&o.content)),
                    })
                    .collect(),
            };
        }
        Block::Lijst {
            eid: l.eid.clone(),
            wid: self.wids.wid(&l.eid),
            items: l.items.iter().map(|o| self.li(o)).collect(),
        }
    }

    pub fn li(&self, o: &Onderdeel) -> Item {
        let mut content = Vec::new();
        if let Some(term) = &o.term {
            content.push(Block::Al {
                text: text_inlines(&term.text),
            });
        }
        content.extend(self.blocks(&o.content));
        Item {
            eid: o.eid.clone(),
            wid: self.wids.wid(&o.eid),
            number: vec![Inline::plain(item_label(o))],
            content: non_empty(content),
            action: "",
        }
    }

    pub fn bijlage(&self, a: &Bijlage) -> Annex {
        self.annex(
            &a.eid,
            a.number.iter().map(Inline::plain).collect(),
            heading(&a.heading),
            &a.content,
        )
    }

    pub fn toelichting(&self, t: &crate::tree::Toelichting) -> Annex {
        self.annex(&t.eid, vec![], vec![], &t.content)
    }

    fn annex(&self, eid: &str, number: Vec<Inline>, h: Vec<Inline>, content: &[Blok]) -> Annex {
        let text_eid = format!("{eid}__content_o_1");
        Annex {
            eid: eid.to_string(),
            wid: self.wids.wid(eid),
            number,
            heading: h,
            text_wid: self.wids.wid(&text_eid),
            text_eid,
            blocks: non_empty(self.blocks(content)),
        }
    }
}

/// STOP wants at least one block where the tree may have none (a lid whose only line
/// was a comment): an empty `Al` keeps the element valid without inventing text.
fn non_empty(blocks: Vec<Block>) -> Vec<Block> {
    if blocks.is_empty() {
        vec![Block::Al { text: Vec::new() }]
    } else {
        blocks
    }
}

/// The regeling as a `RegelingCompact`: opschrift, lichaam, bijlagen and toelichting.
/// The aanhef and the sluiting are left out: in STOP they belong to the besluit that
/// enacts a regeling, not to the regeling (RegelingCompact has no place for them).
pub fn view(r: &Regeling, links: &Links, wids: Wids<'_>) -> Result<RegelingView, Box<Diagnostic>> {
    let b = Builder {
        regeling: r,
        links,
        wids,
    };
    let title = r
        .title
        .as_ref()
        .map(|t| text_inlines(&t.text))
        .unwrap_or_else(|| vec![Inline::plain(r.display_title())]);
    let body = b.nodes(&r.body)?;
    if body.is_empty() {
        return Err(Box::new(
            Diagnostic::new(
                "X002",
                "de regeling heeft geen artikelen; STOP vraagt een lichaam met artikelen",
            )
            .at(
                &r.file,
                Span {
                    line: 1,
                    column: 1,
                    ..Span::default()
                },
            ),
        ));
    }
    Ok(RegelingView {
        schema_version: SCHEMA_VERSION,
        title,
        title_wid: b.wids.wid("longTitle"),
        body_wid: b.wids.wid("body"),
        body,
        annexes: r.annexes.iter().map(|a| b.bijlage(a)).collect(),
        explanation: r.explanation.as_ref().map(|t| b.toelichting(t)),
    })
}
