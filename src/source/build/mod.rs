//! Builds the tree from classified lines.
//!
//! The builder keeps a stack of open nodes (hoofdstuk > titel > afdeling > paragraaf >
//! artikel > lid > lijst > onderdeel > lijst > subonderdeel). A marker line closes what it
//! cannot live in and opens its node; an unnumbered line belongs to the deepest open lid
//! or onderdeel whose marker it is indented past, else to the open article. It never gives
//! up: a line that fits nowhere becomes text in the nearest sensible place, with a
//! diagnostic.
//!
//! - `items.rs`: leden, onderdelen, numbered items, definitions, lists run together.
//! - `wrap.rs`: what surrounds the regeling: a preceding decision, a cover line, the
//!   ondertekening.
//! - `text.rs`: what a single line is, from its words alone.

mod items;
mod text;
mod wrap;

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::grammar::{Line, LineKind, Piece};

pub use text::{is_annotation, is_vervallen};
pub(crate) use text::{is_closing_formula, normalise};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the first heading: title and aanhef.
    Preamble,
    Body,
    /// After a slotformulering: sluiting and ondertekening.
    Closing,
    Annex,
    Explanation,
}

enum Open {
    Hoofdstuk {
        node: Hoofdstuk,
        awaiting_title: bool,
    },
    /// A titel, afdeling, paragraaf or subparagraaf (by its label).
    Paragraaf {
        node: Paragraaf,
        awaiting_title: bool,
    },
    Artikel(Artikel),
    Lid {
        node: Lid,
        indent: u32,
    },
    Lijst {
        node: Lijst,
        level: u8,
    },
    Onderdeel {
        node: Onderdeel,
        indent: u32,
        level: u8,
    },
    Aanhef(Aanhef),
    Sluiting(Sluiting),
    Bijlage(Bijlage),
    Toelichting(Toelichting),
}

/// Things read that are reported once, as a summary, when the tree is finished.
#[derive(Default)]
struct Seen {
    /// Notes of the database under headings, and where the first one is.
    annotations: u32,
    first_annotation: Option<Span>,
}

pub struct Builder<'s> {
    src: &'s str,
    file: String,
    pub diags: Vec<Diagnostic>,
    /// The metadata title, normalised, to recognise the title line.
    meta_title: Option<String>,
    phase: Phase,
    stack: Vec<Open>,
    decision: Option<Besluit>,
    title: Option<Tekst>,
    preamble: Option<Aanhef>,
    body: Vec<Deel>,
    closing: Option<Sluiting>,
    annexes: Vec<Bijlage>,
    explanation: Option<Toelichting>,
    /// End offset of the last line handled: where a node closed now ends.
    last_end: u32,
    /// Articles and divisions read since the start (or since a preceding decision was
    /// split off): a numbering that starts again after them begins a second document.
    articles: usize,
    divisions: usize,
    /// A hint to report if the next line turns out to be a lid.
    pending_hint: Option<Diagnostic>,
    /// Whether the source has any article heading. Without one, the text is a document
    /// without articles (a beleidsregel in numbered paragraphs): a bare number heads a
    /// section and numbered lines are text, not leden outside an article.
    has_articles: bool,
    /// The open article was headed by a bare number (`3`): if the next heading follows
    /// with only a title in between, that number headed a division instead.
    bare_article: bool,
    /// The text is a part quoted in a besluit ("komt te luiden:"), not a whole published
    /// text: nothing in it is a decision printed before the regeling.
    quoted: bool,
    /// The quoted part ends where the regeling ends (a slotformulering, a toelichting),
    /// so its last lines may be an ondertekening; an article quoted from the middle of a
    /// regeling has none.
    quoted_at_end: bool,
    seen: Seen,
}

/// What the builder produced.
pub struct Built {
    pub decision: Option<Besluit>,
    pub title: Option<Tekst>,
    pub preamble: Option<Aanhef>,
    pub body: Vec<Deel>,
    pub closing: Option<Sluiting>,
    pub annexes: Vec<Bijlage>,
    pub explanation: Option<Toelichting>,
    pub diags: Vec<Diagnostic>,
}

impl<'s> Builder<'s> {
    pub fn new(
        src: &'s str,
        file: &str,
        meta_title: Option<&str>,
        has_articles: bool,
    ) -> Builder<'s> {
        Builder {
            src,
            file: file.to_string(),
            diags: Vec::new(),
            meta_title: meta_title.map(normalise),
            phase: Phase::Preamble,
            stack: Vec::new(),
            decision: None,
            title: None,
            preamble: None,
            body: Vec::new(),
            closing: None,
            annexes: Vec::new(),
            explanation: None,
            last_end: 0,
            articles: 0,
            divisions: 0,
            pending_hint: None,
            has_articles,
            bare_article: false,
            quoted: false,
            quoted_at_end: false,
            seen: Seen::default(),
        }
    }

    /// Reads the text as a part quoted in a besluit (see `quoted` and `quoted_at_end`).
    pub fn quoted(mut self, at_end: bool) -> Self {
        self.quoted = true;
        self.quoted_at_end = at_end;
        self
    }

    /// Handles one classified line.
    pub fn feed(&mut self, l: Line<'_>) {
        if let Some(hint) = self.pending_hint.take()
            && l.kind == LineKind::Lid
        {
            self.diags.push(hint);
        }
        self.dispatch(&l);
        self.last_end = l.end;
    }

    fn dispatch(&mut self, l: &Line<'_>) {
        if self.phase == Phase::Explanation {
            match l.kind {
                LineKind::Comment => self.comment(l),
                _ => self.host_alinea(l, self.whole_line(l)),
            }
            return;
        }
        // Without article headings a bare number heads a numbered section.
        let kind = match l.kind {
            LineKind::BareNumber if !self.has_articles => LineKind::Paragraaf,
            k => k,
        };
        let division = kind.is_division();
        let article = matches!(
            kind,
            LineKind::Artikel | LineKind::EnigArtikel | LineKind::BareNumber
        );
        if (division || article) && self.heading_is_sentence(l) {
            self.text_line(l);
            return;
        }
        if division || article {
            // A numbering that starts again after a signature or a "Bijlage" line: what
            // came before was a decision printed before the regeling.
            if self.restarts_numbering(l) {
                self.split_at_restart(l);
            }
        }
        if (division || article) && matches!(self.phase, Phase::Closing | Phase::Annex) {
            let where_ = if self.phase == Phase::Annex {
                "een bijlage"
            } else {
                "de sluiting"
            };
            self.diags.push(
                Diagnostic::new(
                    "P021",
                    format!(
                        "kop `{}` na {where_}: gelezen als tekst van {where_}",
                        self.whole_line(l).text
                    ),
                )
                .at(&self.file, self.line_span(l)),
            );
            self.host_alinea(l, self.whole_line(l));
            return;
        }
        match kind {
            LineKind::Comment => self.comment(l),
            LineKind::Fence | LineKind::Text => self.text_line(l),
            LineKind::Escaped => self.literal(l, l.text),
            LineKind::Toelichting => self.start_explanation(l),
            LineKind::Sluiting => {
                if matches!(self.phase, Phase::Preamble | Phase::Body) {
                    self.start_closing(l);
                } else {
                    self.host_alinea(l, self.whole_line(l));
                }
            }
            LineKind::Bijlage => {
                if self.heading_is_sentence(l) {
                    self.text_line(l)
                } else if self.phase == Phase::Preamble && self.articles == 0 {
                    self.cover(l);
                } else {
                    self.start_annex(l)
                }
            }
            LineKind::Hoofdstuk
            | LineKind::Titel
            | LineKind::Afdeling
            | LineKind::Paragraaf
            | LineKind::Subparagraaf => self.start_division(l, kind),
            LineKind::Artikel | LineKind::EnigArtikel | LineKind::BareNumber => {
                self.start_artikel(l)
            }
            LineKind::Lid => self.lid(l),
            LineKind::Onderdeel => {
                let letter = l.number.map_or("", |n| n.text.trim_end_matches('.'));
                match self.letter_level(letter) {
                    Some(level) => self.onderdeel(l, level),
                    // `nl.` or `bv.` at the start of a line: an abbreviation, not `aa.`.
                    None => self.text_line(l),
                }
            }
            LineKind::Subonderdeel => self.onderdeel(l, 2),
            LineKind::Definitie => self.definitie(l),
        }
    }

    /// A heading whose text ends like a sentence is running text that happens to start
    /// with "Artikel 24 ...". Reports a hint if the next line is a lid.
    fn heading_is_sentence(&mut self, l: &Line<'_>) -> bool {
        let Some(h) = l.heading else { return false };
        let t = h
            .text
            .trim_end_matches(|c: char| c == '*' || c.is_whitespace());
        if t.ends_with(['.', ';', ':', ',']) {
            self.pending_hint = Some(
                Diagnostic::new(
                    "P015",
                    "deze regel begint als een kop maar eindigt als een zin en is als tekst gelezen; \
                     is het een kop, haal dan het leesteken aan het eind weg",
                )
                .at(&self.file, self.line_span(l)),
            );
            true
        } else {
            false
        }
    }

    // ----- spans -------------------------------------------------------------------

    fn span_at(&self, l: &Line<'_>, offset: u32, end: u32) -> Span {
        let prefix = self
            .src
            .get(l.start as usize..offset as usize)
            .unwrap_or_default();
        Span {
            line: l.line,
            column: prefix.chars().count() as u32 + 1,
            start: offset,
            end,
        }
    }

    fn piece_span(&self, l: &Line<'_>, p: Piece<'_>) -> Span {
        self.span_at(l, p.offset, p.offset + p.text.len() as u32)
    }

    /// From the first non-blank character to the end of the line.
    fn line_span(&self, l: &Line<'_>) -> Span {
        let p = self.whole_line(l);
        self.span_at(l, p.offset, l.end)
    }

    /// The whole line, trimmed, as a piece.
    fn whole_line<'a>(&self, l: &Line<'a>) -> Piece<'s> {
        let raw = &self.src[l.start as usize..l.end as usize];
        let lead = raw.len() - raw.trim_start().len();
        Piece {
            text: raw.trim(),
            offset: l.start + lead as u32,
        }
    }

    fn tekst(&self, l: &Line<'_>, p: Piece<'_>) -> Tekst {
        Tekst {
            text: p.text.to_string(),
            span: self.piece_span(l, p),
        }
    }

    fn new_alinea(&self, l: &Line<'_>, p: Piece<'_>) -> Alinea {
        Alinea {
            eid: String::new(),
            span: self.piece_span(l, p),
            text: p.text.to_string(),
            references: Vec::new(),
        }
    }

    // ----- the stack -----------------------------------------------------------------

    fn pop(&mut self) {
        let Some(top) = self.stack.pop() else { return };
        // The end of the last line read; never before the node's own start (a node
        // opened on a line that was then given to something else ends where it starts:
        // found by fuzzing, a lid's span ran backwards).
        let end = self.last_end;
        match top {
            Open::Hoofdstuk { mut node, .. } => {
                node.span.end = end.max(node.span.start);
                self.attach_deel(Deel::Hoofdstuk(node));
            }
            Open::Paragraaf { mut node, .. } => {
                node.span.end = end.max(node.span.start);
                self.attach_deel(Deel::Paragraaf(node));
            }
            Open::Artikel(mut node) => {
                node.span.end = end.max(node.span.start);
                // A Vec grows by doubling; trimming the finished ones keeps the tree
                // near the size of its text (see benches/memory.rs).
                node.content.shrink_to_fit();
                self.attach_deel(Deel::Artikel(node));
            }
            Open::Lid { mut node, .. } => {
                node.span.end = end.max(node.span.start);
                if node.content.is_empty() && !node.repealed {
                    self.diags.push(
                        Diagnostic::new("P016", format!("lid {} zonder tekst", node.number))
                            .at(&self.file, node.span),
                    );
                }
                self.attach_blok(Blok::Lid(node));
            }
            Open::Lijst { mut node, .. } => {
                node.span.end = end.max(node.span.start);
                node.items.shrink_to_fit();
                self.attach_blok(Blok::Lijst(node));
            }
            Open::Onderdeel { mut node, .. } => {
                node.span.end = end.max(node.span.start);
                if node.content.is_empty() && !node.repealed && node.term.is_none() {
                    self.diags.push(
                        Diagnostic::new("P016", format!("onderdeel {} zonder tekst", node.number))
                            .at(&self.file, node.span),
                    );
                }
                match self.stack.last_mut() {
                    Some(Open::Lijst { node: list, .. }) => list.items.push(node),
                    // Onderdelen are only ever opened on top of a list; keep the text
                    // anyway should that ever not hold.
                    _ => {
                        let span = node.span;
                        self.attach_blok(Blok::Lijst(Lijst {
                            eid: String::new(),
                            span,
                            items: vec![node],
                        }))
                    }
                }
            }
            Open::Aanhef(mut node) => {
                node.span.end = end.max(node.span.start);
                self.preamble = Some(node);
            }
            Open::Sluiting(mut node) => {
                node.span.end = end.max(node.span.start);
                self.closing = Some(node);
            }
            Open::Bijlage(mut node) => {
                node.span.end = end.max(node.span.start);
                self.annexes.push(node);
            }
            Open::Toelichting(mut node) => {
                node.span.end = end.max(node.span.start);
                self.explanation = Some(node);
            }
        }
    }

    fn pop_all(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
    }

    fn attach_deel(&mut self, deel: Deel) {
        match self.stack.last_mut() {
            Some(Open::Hoofdstuk { node, .. }) => node.content.push(deel),
            Some(Open::Paragraaf { node, .. }) => node.content.push(deel),
            _ => self.body.push(deel),
        }
    }

    fn attach_blok(&mut self, blok: Blok) {
        let content = match self.stack.last_mut() {
            Some(Open::Artikel(n)) => &mut n.content,
            Some(Open::Lid { node, .. }) => &mut node.content,
            Some(Open::Onderdeel { node, .. }) => &mut node.content,
            Some(Open::Aanhef(n)) => &mut n.content,
            Some(Open::Sluiting(n)) => &mut n.content,
            Some(Open::Bijlage(n)) => &mut n.content,
            Some(Open::Toelichting(n)) => &mut n.content,
            Some(Open::Lijst { .. })
            | Some(Open::Hoofdstuk { .. })
            | Some(Open::Paragraaf { .. })
            | None => {
                // Text outside any article: keep it in the body. (Leden and lists are only
                // opened inside an article or host, so only alinea's and comments get here.)
                let deel = match blok {
                    Blok::Alinea(a) => Deel::Alinea(a),
                    Blok::Opmerking(o) => Deel::Opmerking(o),
                    Blok::Lid(_) | Blok::Lijst(_) => return,
                };
                self.attach_deel(deel);
                return;
            }
        };
        content.push(blok);
    }

    // ----- phases --------------------------------------------------------------------

    fn leave_preamble(&mut self) {
        if self.phase == Phase::Preamble {
            self.pop_all();
            self.phase = Phase::Body;
        }
    }

    fn ensure_preamble_host(&mut self, l: &Line<'_>) {
        if !matches!(self.stack.last(), Some(Open::Aanhef(_))) && self.stack.is_empty() {
            self.stack.push(Open::Aanhef(Aanhef {
                eid: String::new(),
                span: self.line_span(l),
                content: Vec::new(),
            }));
        }
    }

    fn start_closing(&mut self, l: &Line<'_>) {
        self.pop_all();
        self.phase = Phase::Closing;
        self.stack.push(Open::Sluiting(Sluiting {
            eid: String::new(),
            span: self.line_span(l),
            content: Vec::new(),
        }));
    }

    fn start_annex(&mut self, l: &Line<'_>) {
        self.pop_all();
        self.phase = Phase::Annex;
        self.stack.push(Open::Bijlage(Bijlage {
            eid: String::new(),
            span: self.line_span(l),
            number: l.number.map(|n| n.text.to_string()),
            heading: l.heading.map(|h| self.tekst(l, h)),
            content: Vec::new(),
        }));
    }

    fn start_explanation(&mut self, l: &Line<'_>) {
        self.pop_all();
        self.phase = Phase::Explanation;
        let heading = self.whole_line(l);
        let mut t = Toelichting {
            eid: String::new(),
            span: self.line_span(l),
            content: Vec::new(),
        };
        t.content.push(Blok::Alinea(self.new_alinea(l, heading)));
        self.stack.push(Open::Toelichting(t));
    }

    // ----- lines ---------------------------------------------------------------------

    /// A comment belongs where an alinea at its indentation would belong.
    fn comment(&mut self, l: &Line<'_>) {
        let o = Opmerking {
            span: self.line_span(l),
            text: l.text.text.to_string(),
        };
        match self.phase {
            Phase::Preamble => self.ensure_preamble_host(l),
            Phase::Closing | Phase::Explanation => {
                self.attach_blok(Blok::Opmerking(o));
                return;
            }
            Phase::Body | Phase::Annex => {}
        }
        match self.owner_by_indent(l.indent) {
            Some(owner) => {
                while self.stack.len() > owner + 1 {
                    self.pop();
                }
                match self.stack.last() {
                    Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) => {
                        self.attach_deel(Deel::Opmerking(o))
                    }
                    _ => self.attach_blok(Blok::Opmerking(o)),
                }
            }
            None => self.attach_deel(Deel::Opmerking(o)),
        }
    }

    /// An escaped line: text as written, never a title, closing formula or heading.
    fn literal(&mut self, l: &Line<'_>, p: Piece<'_>) {
        match self.phase {
            Phase::Preamble => {
                self.ensure_preamble_host(l);
                self.place_by_indent(l, p);
            }
            Phase::Body | Phase::Annex => self.place_by_indent(l, p),
            Phase::Closing | Phase::Explanation => self.host_alinea(l, p),
        }
    }

    fn text_line(&mut self, l: &Line<'_>) {
        let whole = self.whole_line(l);
        if self.phase == Phase::Body && is_annotation(whole.text) && self.annotate(l, whole) {
            return;
        }
        if let Some(markers) = text::inline_list(whole.text)
            && self.phase == Phase::Body
        {
            self.split_inline_list(l, whole, &markers);
            return;
        }
        self.alinea(l, whole);
    }

    /// A note of the database ("Vervallen per 01-07-2010") under the heading of the open
    /// article or division: kept with that node, not as its text. "Vervallen per" repeals
    /// an article. Returns false when no article or division is open to take it.
    fn annotate(&mut self, l: &Line<'_>, p: Piece<'_>) -> bool {
        let note = self.tekst(l, p);
        let repeal = is_vervallen(p.text);
        let Some(host) = self.stack.iter_mut().rev().find(|o| {
            matches!(
                o,
                Open::Artikel(_) | Open::Hoofdstuk { .. } | Open::Paragraaf { .. }
            )
        }) else {
            return false;
        };
        match host {
            Open::Artikel(a) => {
                if repeal && a.content.is_empty() {
                    a.repealed = true;
                }
                a.annotations.push(note);
            }
            Open::Hoofdstuk { node, .. } => node.annotations.push(note),
            Open::Paragraaf { node, .. } => node.annotations.push(note),
            _ => return false,
        }
        self.seen.annotations += 1;
        if self.seen.first_annotation.is_none() {
            self.seen.first_annotation = Some(self.piece_span(l, p));
        }
        true
    }

    /// Text in a sluiting, bijlage or toelichting: placed in the open host.
    fn host_alinea(&mut self, l: &Line<'_>, p: Piece<'_>) {
        let a = self.new_alinea(l, p);
        while matches!(
            self.stack.last(),
            Some(Open::Lid { .. } | Open::Lijst { .. } | Open::Onderdeel { .. })
        ) && self.phase != Phase::Annex
        {
            self.pop();
        }
        self.attach_blok(Blok::Alinea(a));
    }

    fn alinea(&mut self, l: &Line<'_>, p: Piece<'_>) {
        match self.phase {
            Phase::Preamble => {
                let preamble_empty = self.preamble.is_none()
                    && !matches!(self.stack.last(), Some(Open::Aanhef(a)) if a.content.iter().any(|b| !matches!(b, Blok::Opmerking(_))));
                if self.title.is_none() && preamble_empty && self.is_meta_title(p.text) {
                    self.title = Some(self.tekst(l, p));
                    return;
                }
                self.ensure_preamble_host(l);
                self.place_by_indent(l, p);
                return;
            }
            Phase::Body => {
                if self.decision.is_none()
                    && self.articles > 0
                    && self.divisions == 0
                    && l.indent == 0
                    && self.is_meta_title(p.text)
                {
                    self.split_decision(l, p);
                    return;
                }
                if l.indent == 0 && text::is_closing_formula(p.text) {
                    self.start_closing(l);
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
                // A table row or a dash item belongs to the lid or onderdeel above it,
                // whatever its indent: published texts print them flush left inside an
                // onderdeel ("a. ... vermeld in de onderstaande tabel:") or a lid ("3. ...
                // indien:" then "– ..." lines), and the list goes on after them ("b.
                // ..."). Read by indent, they closed the lid or list, and its later
                // onderdelen opened a second list under the article.
                if text::continues_item(p.text)
                    && matches!(
                        self.stack.last(),
                        Some(Open::Lid { .. } | Open::Onderdeel { .. })
                    )
                {
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
            }
            Phase::Closing => {
                // A decision's ondertekening is followed by the regeling's own title.
                if self.decision.is_none()
                    && self.articles > 0
                    && self.divisions == 0
                    && self.is_meta_title(p.text)
                {
                    self.split_decision(l, p);
                } else {
                    self.host_alinea(l, p);
                }
                return;
            }
            Phase::Explanation => {
                self.host_alinea(l, p);
                return;
            }
            Phase::Annex => {}
        }
        self.place_by_indent(l, p);
    }

    /// Attaches an alinea to the deepest open lid or onderdeel whose marker the line is
    /// indented past; otherwise to the article (or host) that is open.
    fn place_by_indent(&mut self, l: &Line<'_>, p: Piece<'_>) {
        let Some(owner) = self.owner_by_indent(l.indent) else {
            self.loose_text(l, p);
            return;
        };
        while self.stack.len() > owner + 1 {
            self.pop();
        }
        let tekst = self.tekst(l, p);
        match self.stack.last_mut() {
            Some(Open::Hoofdstuk {
                node,
                awaiting_title,
            }) if *awaiting_title => {
                node.heading = Some(tekst);
                *awaiting_title = false;
            }
            Some(Open::Paragraaf {
                node,
                awaiting_title,
            }) if *awaiting_title => {
                node.heading = Some(tekst);
                *awaiting_title = false;
            }
            Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) => {
                if text::looks_like_subheading(p.text) {
                    // A second heading line under the division's title (a "tussenkop"
                    // over the articles that follow): kept, in its place, as text of the
                    // division.
                    self.diags.push(
                        Diagnostic::new(
                            "P022",
                            "regel tussen een kop en het eerste artikel gelezen als tussenkop",
                        )
                        .at(&self.file, self.piece_span(l, p)),
                    );
                    let a = self.new_alinea(l, p);
                    self.attach_deel(Deel::Alinea(a));
                } else {
                    self.loose_text(l, p)
                }
            }
            Some(Open::Artikel(a)) if a.content.is_empty() && is_vervallen(p.text) => {
                a.repealed = true;
            }
            _ => self.attach_blok(Blok::Alinea(self.new_alinea(l, p))),
        }
    }

    /// The stack index of the deepest open lid or onderdeel whose marker is indented less
    /// than `indent`, else of the innermost article or host.
    fn owner_by_indent(&self, indent: u32) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            match open {
                Open::Lid { indent: m, .. } | Open::Onderdeel { indent: m, .. } => {
                    if *m < indent {
                        return Some(i);
                    }
                }
                Open::Lijst { .. } => {}
                _ => return Some(i),
            }
        }
        None
    }

    fn loose_text(&mut self, l: &Line<'_>, p: Piece<'_>) {
        // In a document without articles all text stands outside articles: nothing to
        // report for each line (P025 says it once).
        if self.has_articles {
            self.diags.push(
                Diagnostic::new(
                    "P020",
                    "tekst buiten een artikel; zet hem in een artikel of maak er een opmerking (`//`) van",
                )
                .at(&self.file, self.piece_span(l, p)),
            );
        }
        let a = self.new_alinea(l, p);
        self.attach_deel(Deel::Alinea(a));
    }

    fn start_division(&mut self, l: &Line<'_>, kind: LineKind) {
        self.leave_preamble();
        self.bare_number_was_division();
        let label = match kind {
            LineKind::Hoofdstuk => "Hoofdstuk",
            LineKind::Titel => "Titel",
            LineKind::Afdeling => "Afdeling",
            LineKind::Subparagraaf => "Subparagraaf",
            _ if l.kind == LineKind::BareNumber => "",
            _ => "Paragraaf",
        };
        let rank = division_rank(label);
        // Close what the new division cannot stand in: articles, and divisions of the
        // same or a lower rank.
        loop {
            match self.stack.last() {
                Some(Open::Hoofdstuk { .. }) if rank > 1 => break,
                Some(Open::Paragraaf { node, .. }) if rank > node.rank() => break,
                None => break,
                _ => self.pop(),
            }
        }
        self.divisions += 1;
        let written = l.number.map(|n| n.text).unwrap_or_default();
        // `Tweede titel`: the number written as an ordinal.
        let number =
            text::ordinal_number(written).map_or_else(|| written.to_string(), |n| n.to_string());
        if number.is_empty() {
            let what = if rank == 1 { "hoofdstuk" } else { "paragraaf" };
            self.diags.push(
                Diagnostic::new("P014", format!("{what} zonder nummer"))
                    .at(&self.file, self.line_span(l)),
            );
        }
        let span = self.line_span(l);
        let heading = l.heading.map(|h| self.tekst(l, h));
        let awaiting_title = heading.is_none();
        if rank == 1 {
            self.stack.push(Open::Hoofdstuk {
                node: Hoofdstuk {
                    eid: String::new(),
                    span,
                    number,
                    heading,
                    annotations: Vec::new(),
                    content: Vec::new(),
                },
                awaiting_title,
            });
        } else {
            self.stack.push(Open::Paragraaf {
                node: Paragraaf {
                    eid: String::new(),
                    span,
                    label: label.to_string(),
                    number,
                    heading,
                    annotations: Vec::new(),
                    content: Vec::new(),
                },
                awaiting_title,
            });
        }
    }

    fn start_artikel(&mut self, l: &Line<'_>) {
        self.leave_preamble();
        self.bare_number_was_division();
        while !matches!(
            self.stack.last(),
            None | Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. })
        ) {
            self.pop();
        }
        match self.stack.last_mut() {
            Some(Open::Hoofdstuk { awaiting_title, .. })
            | Some(Open::Paragraaf { awaiting_title, .. }) => *awaiting_title = false,
            _ => {}
        }
        let span = self.line_span(l);
        let (label, number) = match l.kind {
            LineKind::EnigArtikel => ("Enig artikel".to_string(), None),
            _ => ("Artikel".to_string(), l.number.map(|n| n.text.to_string())),
        };
        if l.kind == LineKind::Artikel && number.is_none() {
            self.diags.push(
                Diagnostic::new(
                    "P010",
                    "artikel zonder nummer: schrijf bijvoorbeeld `Artikel 3`",
                )
                .at(&self.file, span),
            );
        }
        if l.kind == LineKind::BareNumber {
            self.diags.push(
                Diagnostic::new(
                    "P017",
                    format!(
                        "regel met alleen `{}` gelezen als artikelkop; schrijf `Artikel {}`",
                        number.as_deref().unwrap_or(""),
                        number.as_deref().unwrap_or("")
                    ),
                )
                .at(&self.file, span),
            );
        }
        let mut heading = l.heading.map(|h| self.tekst(l, h));
        let repealed = heading.as_ref().is_some_and(|h| is_vervallen(&h.text));
        if repealed {
            heading = None;
        }
        self.articles += 1;
        self.bare_article = l.kind == LineKind::BareNumber;
        self.stack.push(Open::Artikel(Artikel {
            eid: String::new(),
            span,
            label,
            number,
            heading,
            repealed,
            annotations: Vec::new(),
            content: Vec::new(),
        }));
    }

    /// A bare number (`2`) followed by nothing but a title line (and the database's notes)
    /// before the next heading numbered a division whose word was lost (`2` /
    /// `Pluimveevleessector` / `Artikel 2`), not an article: it becomes a section.
    fn bare_number_was_division(&mut self) {
        if !std::mem::take(&mut self.bare_article) {
            return;
        }
        let is_title_only = matches!(
            self.stack.last(),
            Some(Open::Artikel(a)) if a.content.len() <= 1
                && a.content.iter().all(|b| matches!(b, Blok::Alinea(t) if text::looks_like_subheading(&t.text)))
        );
        if !is_title_only {
            return;
        }
        let Some(Open::Artikel(a)) = self.stack.pop() else {
            return;
        };
        self.articles -= 1;
        self.divisions += 1;
        // Its P017 ("gelezen als artikelkop") no longer holds.
        self.diags
            .retain(|d| !(d.code == "P017" && d.start == a.span.start));
        let heading = a.content.into_iter().find_map(|b| match b {
            Blok::Alinea(t) => Some(Tekst {
                text: t.text,
                span: t.span,
            }),
            _ => None,
        });
        // It closes the sections before it, as any section would.
        while let Some(Open::Paragraaf { node, .. }) = self.stack.last() {
            if node.rank() < 4 {
                break;
            }
            self.pop();
        }
        self.stack.push(Open::Paragraaf {
            node: Paragraaf {
                eid: String::new(),
                span: a.span,
                label: String::new(),
                number: a.number.unwrap_or_default(),
                heading,
                annotations: a.annotations,
                content: Vec::new(),
            },
            awaiting_title: false,
        });
    }

    fn is_meta_title(&self, text: &str) -> bool {
        self.meta_title
            .as_deref()
            .is_some_and(|t| !t.is_empty() && normalise(text) == t)
    }

    /// Closes everything and hands over what was built.
    pub fn finish(mut self) -> Built {
        // A part quoted from the middle of a regeling is followed there by a heading: a
        // bare number at its end with at most a title numbered a division, as it does
        // before a heading in the whole text (found by fuzzing).
        if self.quoted && !self.quoted_at_end {
            self.bare_number_was_division();
        }
        self.pop_all();
        if self.closing.is_none() && (!self.quoted || self.quoted_at_end) {
            self.closing = wrap::split_signature(&mut self.body);
        }
        // An aanhef with only comments is no aanhef: move the comments to the body.
        if let Some(a) = &self.preamble
            && a.content.iter().all(|b| matches!(b, Blok::Opmerking(_)))
        {
            let a = self.preamble.take().unwrap_or_default();
            let mut front: Vec<Deel> = a
                .content
                .into_iter()
                .filter_map(|b| match b {
                    Blok::Opmerking(o) => Some(Deel::Opmerking(o)),
                    _ => None,
                })
                .collect();
            front.append(&mut self.body);
            self.body = front;
        }
        if let Some(span) = self.seen.first_annotation {
            let n = self.seen.annotations;
            self.diags.push(
                Diagnostic::new(
                    "P026",
                    format!(
                        "{n} {} van de databank (zoals `Vervallen per ...`, `Materieel \
                         uitgewerkt per ...`) gelezen als aantekening bij de kop erboven, \
                         niet als tekst",
                        if n == 1 {
                            "aantekening"
                        } else {
                            "aantekeningen"
                        }
                    ),
                )
                .at(&self.file, span),
            );
        }
        Built {
            decision: self.decision,
            title: self.title,
            preamble: self.preamble,
            body: self.body,
            closing: self.closing,
            annexes: self.annexes,
            explanation: self.explanation,
            diags: self.diags,
        }
    }
}
