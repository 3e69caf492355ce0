//! The consolidated regeling as view data for `regeling.html` and `regeling.md`.
//!
//! Everything a template needs is computed here, once: labels as printed (`1.`, `a.`,
//! `1°`), the table of contents, inline text as [`Segment`]s split at the links the
//! check stage worked out (`check::links`: an eId in the document, or wetten.overheid.nl
//! for an act with a known BWB identifier). Editorial comments (`// ...`) are left out: they are not regeling text.

use serde::Serialize;

use super::inline::{self, Link, Segment};
use crate::check::links::Links;
use crate::tree::walk::item_label;
use crate::tree::*;

#[derive(Debug, Serialize)]
pub struct RegelingView {
    /// The name to show: citeertitel, else title.
    pub title: String,
    /// The title (opschrift) as printed, if it differs from `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_title: Option<String>,
    pub metadata: Vec<Row>,
    pub toc: Vec<TocEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preceding: Option<BesluitView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preamble: Option<Container>,
    pub body: Vec<Part>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing: Option<Container>,
    pub annexes: Vec<Annex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The source file, for the colophon.
    pub source_file: String,
}

/// Aanhef, sluiting or toelichting: an addressable run of blocks.
#[derive(Debug, Serialize)]
pub struct Container {
    pub id: String,
    pub content: Vec<Block>,
}

/// The toelichting: its heading as the source writes it (`Algemene toelichting`), taken
/// out of its text so that a page shows it once, and the rest.
#[derive(Debug, Serialize)]
pub struct Explanation {
    pub id: String,
    pub heading: String,
    pub content: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Serialize)]
pub struct BesluitView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Vec<Segment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preamble: Option<Container>,
    pub body: Vec<Part>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing: Option<Container>,
}

/// A part of the body.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    Chapter {
        id: String,
        label: String,
        heading: Vec<Segment>,
        /// The database's notes under the heading ("Vervallen per 01-07-2010").
        notes: Vec<String>,
        content: Vec<Part>,
    },
    Section {
        id: String,
        label: String,
        heading: Vec<Segment>,
        notes: Vec<String>,
        content: Vec<Part>,
    },
    Article {
        id: String,
        label: String,
        heading: Vec<Segment>,
        repealed: bool,
        notes: Vec<String>,
        content: Vec<Block>,
    },
    Text {
        id: String,
        text: Vec<Segment>,
    },
}

/// A block inside an article, lid or onderdeel.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Consecutive leden, printed as one list with their own numbers.
    Leden {
        items: Vec<Item>,
    },
    /// A list of onderdelen or subonderdelen.
    List {
        id: String,
        items: Vec<Item>,
    },
    Text {
        id: String,
        text: Vec<Segment>,
    },
}

/// A lid or an onderdeel: its printed label and its content.
#[derive(Debug, Serialize)]
pub struct Item {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<Vec<Segment>>,
    pub repealed: bool,
    pub content: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Annex {
    pub id: String,
    pub label: String,
    pub heading: Vec<Segment>,
    pub content: Vec<Block>,
}

/// Builds the view of a regeling, with the links of its references (`check::links::of`).
pub fn view(r: &Regeling, links: &Links) -> RegelingView {
    let b = Builder { links };
    let title = r.display_title().to_string();
    let full_title = r
        .title
        .as_ref()
        .map(|t| inline::plain(&inline::segments(&t.text, &[])))
        .or_else(|| r.metadata.title.clone())
        .filter(|t| *t != title);
    RegelingView {
        metadata: metadata(&r.metadata, &title),
        title,
        full_title,
        toc: r.body.iter().filter_map(toc_entry).collect(),
        preceding: r.preceding_decision.as_ref().map(|d| BesluitView {
            title: d.title.as_ref().map(|t| inline::segments(&t.text, &[])),
            preamble: d.preamble.as_ref().map(|a| b.container(&a.eid, &a.content)),
            body: b.parts(&d.body),
            closing: d.closing.as_ref().map(|s| b.container(&s.eid, &s.content)),
        }),
        preamble: r.preamble.as_ref().map(|a| b.container(&a.eid, &a.content)),
        body: b.parts(&r.body),
        closing: r.closing.as_ref().map(|s| b.container(&s.eid, &s.content)),
        annexes: r
            .annexes
            .iter()
            .map(|a| Annex {
                id: a.eid.clone(),
                label: match &a.number {
                    Some(n) => format!("Bijlage {n}"),
                    None => "Bijlage".into(),
                },
                heading: heading(&a.heading),
                content: b.blocks(&a.content),
            })
            .collect(),
        explanation: r.explanation.as_ref().map(|t| explanation(&b, t)),
        source_file: r.file.clone(),
    }
}

/// The toelichting with its heading line (the line that started it, `Toelichting`,
/// `Algemene toelichting`, ...) as the heading rather than as its first alinea.
fn explanation(b: &Builder, t: &crate::tree::Toelichting) -> Explanation {
    let first = match t.content.first() {
        Some(Blok::Alinea(a)) => Some(crate::tree::inline::plain(&a.text)),
        _ => None,
    };
    let heading = first.filter(|f| {
        let f = f.trim().trim_end_matches(':').to_lowercase();
        f.ends_with("toelichting") && f.split_whitespace().count() <= 2
    });
    let rest = if heading.is_some() {
        &t.content[1..]
    } else {
        &t.content[..]
    };
    Explanation {
        id: t.eid.clone(),
        heading: heading.map_or_else(
            || "Toelichting".into(),
            |h| h.trim().trim_end_matches(':').to_string(),
        ),
        content: b.blocks(rest),
    }
}

/// The metadata rows under the title: only what the `publicatie` section chooses (the
/// fields `publicatie.toon` names, in its order, then the gemeenteblad and the date of
/// vaststelling), never the repository's own (bron, inwoners). The citeertitel only when
/// it is not the title shown above them already (a page prints each title once).
fn metadata(m: &Metadata, shown_title: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut row = |label, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            rows.push(Row { label, value });
        }
    };
    for field in &m.publication.show {
        match field.as_str() {
            "citeertitel" => row(
                "Citeertitel",
                m.citation_title.clone().filter(|c| c != shown_title),
            ),
            "soort" => row("Soort regeling", m.kind.map(|k| k.dutch().to_string())),
            "deelnemers" => row(
                "Deelnemers",
                (!m.participants.is_empty()).then(|| crate::nl::list(&m.participants)),
            ),
            "inwerkingtreding" => row(
                "Inwerkingtreding",
                m.entry_into_force.as_deref().map(crate::nl::date),
            ),
            "versie" => row("Versie", m.version.clone()),
            _ => {}
        }
    }
    row("Bekendgemaakt in", m.publication.gazette.clone());
    row(
        "Vastgesteld op",
        m.publication.adopted.as_deref().map(crate::nl::date),
    );
    rows
}

fn heading(h: &Option<Tekst>) -> Vec<Segment> {
    h.as_ref()
        .map_or(vec![], |t| inline::segments(&t.text, &[]))
}

fn heading_plain(h: &Option<Tekst>) -> Option<String> {
    h.as_ref()
        .map(|t| inline::plain(&inline::segments(&t.text, &[])))
}

/// `Paragraaf 2`, `Afdeling 1`, or the bare number of a section printed without a word.
fn division_label(p: &Paragraaf) -> String {
    if p.label.is_empty() {
        p.number.clone()
    } else {
        format!("{} {}", p.label, p.number)
    }
}

/// The database's notes under a heading, as plain text.
fn notes(annotations: &[Tekst]) -> Vec<String> {
    annotations
        .iter()
        .map(|t| crate::tree::inline::plain(&t.text))
        .collect()
}

fn toc_entry(d: &Deel) -> Option<TocEntry> {
    match d {
        Deel::Hoofdstuk(h) => Some(TocEntry {
            id: h.eid.clone(),
            label: format!("Hoofdstuk {}", h.number),
            heading: heading_plain(&h.heading),
            children: h.content.iter().filter_map(toc_entry).collect(),
        }),
        Deel::Paragraaf(p) => Some(TocEntry {
            id: p.eid.clone(),
            label: division_label(p),
            heading: heading_plain(&p.heading),
            children: p.content.iter().filter_map(toc_entry).collect(),
        }),
        Deel::Artikel(a) => Some(TocEntry {
            id: a.eid.clone(),
            label: a.label_with_number(),
            heading: heading_plain(&a.heading),
            children: vec![],
        }),
        Deel::Alinea(_) | Deel::Opmerking(_) => None,
    }
}

struct Builder<'a> {
    links: &'a Links,
}

impl Builder<'_> {
    fn parts(&self, parts: &[Deel]) -> Vec<Part> {
        parts.iter().filter_map(|d| self.part(d)).collect()
    }

    fn part(&self, d: &Deel) -> Option<Part> {
        Some(match d {
            Deel::Hoofdstuk(h) => Part::Chapter {
                id: h.eid.clone(),
                label: format!("Hoofdstuk {}", h.number),
                heading: heading(&h.heading),
                notes: notes(&h.annotations),
                content: self.parts(&h.content),
            },
            Deel::Paragraaf(p) => Part::Section {
                id: p.eid.clone(),
                label: division_label(p),
                heading: heading(&p.heading),
                notes: notes(&p.annotations),
                content: self.parts(&p.content),
            },
            Deel::Artikel(a) => Part::Article {
                id: a.eid.clone(),
                label: a.label_with_number(),
                heading: heading(&a.heading),
                repealed: a.repealed,
                notes: notes(&a.annotations),
                content: self.blocks(&a.content),
            },
            Deel::Alinea(a) => Part::Text {
                id: a.eid.clone(),
                text: self.text(a),
            },
            Deel::Opmerking(_) => return None,
        })
    }

    fn container(&self, id: &str, content: &[Blok]) -> Container {
        Container {
            id: id.to_string(),
            content: self.blocks(content),
        }
    }

    fn blocks(&self, content: &[Blok]) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::new();
        for block in content {
            match block {
                Blok::Lid(l) => {
                    let item = Item {
                        id: l.eid.clone(),
                        label: format!("{}.", l.number),
                        term: None,
                        repealed: l.repealed,
                        content: self.blocks(&l.content),
                    };
                    match out.last_mut() {
                        Some(Block::Leden { items }) => items.push(item),
                        _ => out.push(Block::Leden { items: vec![item] }),
                    }
                }
                Blok::Alinea(a) => out.push(Block::Text {
                    id: a.eid.clone(),
                    text: self.text(a),
                }),
                Blok::Lijst(list) => out.push(Block::List {
                    id: list.eid.clone(),
                    items: list
                        .items
                        .iter()
                        .map(|o| Item {
                            id: o.eid.clone(),
                            label: item_label(o),
                            term: o.term.as_ref().map(|t| inline::segments(&t.text, &[])),
                            repealed: o.repealed,
                            content: self.blocks(&o.content),
                        })
                        .collect(),
                }),
                Blok::Opmerking(_) => {}
            }
        }
        out
    }

    fn text(&self, a: &Alinea) -> Vec<Segment> {
        linked_segments(self.links, a)
    }
}

/// The segments of an alinea, its references split off as links (where `check::links`
/// found a target): shared by the page and the STOP export.
pub fn linked_segments(links: &Links, a: &Alinea) -> Vec<Segment> {
    let base = a.span.start as usize;
    let links: Vec<Link> = a
        .references
        .iter()
        .filter_map(|reference| {
            let href = links.get(reference.span.start)?;
            let start = (reference.span.start as usize).checked_sub(base)?;
            let end = (reference.span.end as usize).checked_sub(base)?;
            (end <= a.text.len()).then(|| Link {
                start,
                end,
                href: href.href.clone(),
                external: href.external,
            })
        })
        .collect();
    inline::segments(&a.text, &links)
}

/// The regeling as a standalone HTML5 document (`regeling.html`).
pub fn html(
    env: &minijinja::Environment<'_>,
    r: &Regeling,
    links: &Links,
) -> Result<String, String> {
    html_of(env, &crate::render::to_value(view(r, links)))
}

/// `regeling.html` of a view already made and converted for the templates
/// (`render::to_value`): a build renders one view three times (HTML,
/// Markdown, DOCX) and makes and converts it once (issue 17).
pub fn html_of(
    env: &minijinja::Environment<'_>,
    view: &minijinja::Value,
) -> Result<String, String> {
    super::render_value(env, "regeling.html", view)
}

/// The regeling as CommonMark (`regeling.md`).
pub fn markdown(
    env: &minijinja::Environment<'_>,
    r: &Regeling,
    links: &Links,
) -> Result<String, String> {
    markdown_of(env, &crate::render::to_value(view(r, links)))
}

/// `regeling.md` of a view already made (see [`html_of`]).
pub fn markdown_of(
    env: &minijinja::Environment<'_>,
    view: &minijinja::Value,
) -> Result<String, String> {
    super::render_value(env, "regeling.md", view).map(super::markdown::tidy)
}
