//! Builds the tree from classified lines.
//!
//! The builder keeps a stack of open nodes (hoofdstuk > artikel > lid > lijst >
//! onderdeel > lijst > subonderdeel). A marker line closes what it cannot live in and
//! opens its node; an unnumbered line belongs to the deepest open lid or onderdeel whose
//! marker it is indented past, else to the open article. It never gives up: a line that
//! fits nowhere becomes text in the nearest sensible place, with a diagnostic.

use crate::diagnostic::Diagnostic;
use crate::tree::inline::plain;
use crate::tree::*;

use super::grammar::{Line, LineKind, Piece};

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
    articles: usize,
    chapters: usize,
    /// A hint to report if the next line turns out to be a lid.
    pending_hint: Option<Diagnostic>,
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
    pub fn new(src: &'s str, file: &str, meta_title: Option<&str>) -> Builder<'s> {
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
            chapters: 0,
            pending_hint: None,
        }
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
        let body_heading = matches!(
            l.kind,
            LineKind::Hoofdstuk
                | LineKind::Paragraaf
                | LineKind::Artikel
                | LineKind::EnigArtikel
                | LineKind::BareNumber
        );
        if body_heading && matches!(self.phase, Phase::Closing | Phase::Annex) {
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
        match l.kind {
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
                } else {
                    self.start_annex(l)
                }
            }
            LineKind::Hoofdstuk | LineKind::Paragraaf => {
                if self.heading_is_sentence(l) {
                    self.text_line(l)
                } else {
                    self.start_division(l)
                }
            }
            LineKind::Artikel | LineKind::EnigArtikel | LineKind::BareNumber => {
                if self.heading_is_sentence(l) {
                    self.text_line(l)
                } else {
                    self.start_artikel(l)
                }
            }
            LineKind::Lid => self.lid(l),
            LineKind::Onderdeel => {
                let letter = l.number.map_or("", |n| n.text.trim_end_matches('.'));
                let b = letter.as_bytes();
                if b.len() == 2 && b[0] != b[1] {
                    // `nl.` or `bv.` at the start of a line: an abbreviation, not `aa.`.
                    self.text_line(l)
                } else {
                    self.onderdeel(l, 1)
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
        let end = self.last_end;
        match top {
            Open::Hoofdstuk { mut node, .. } => {
                node.span.end = end;
                self.attach_deel(Deel::Hoofdstuk(node));
            }
            Open::Paragraaf { mut node, .. } => {
                node.span.end = end;
                self.attach_deel(Deel::Paragraaf(node));
            }
            Open::Artikel(mut node) => {
                node.span.end = end;
                // A Vec grows by doubling; trimming the finished ones keeps the tree
                // near the size of its text (see benches/memory.rs).
                node.content.shrink_to_fit();
                self.attach_deel(Deel::Artikel(node));
            }
            Open::Lid { mut node, .. } => {
                node.span.end = end;
                self.attach_blok(Blok::Lid(node));
            }
            Open::Lijst { mut node, .. } => {
                node.span.end = end;
                node.items.shrink_to_fit();
                self.attach_blok(Blok::Lijst(node));
            }
            Open::Onderdeel { mut node, .. } => {
                node.span.end = end;
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
                node.span.end = end;
                self.preamble = Some(node);
            }
            Open::Sluiting(mut node) => {
                node.span.end = end;
                self.closing = Some(node);
            }
            Open::Bijlage(mut node) => {
                node.span.end = end;
                self.annexes.push(node);
            }
            Open::Toelichting(mut node) => {
                node.span.end = end;
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
                // Text outside any article: keep it in the body.
                let deel = match blok {
                    Blok::Alinea(a) => Deel::Alinea(a),
                    Blok::Opmerking(o) => Deel::Opmerking(o),
                    Blok::Lid(l) => Deel::Alinea(Alinea {
                        eid: String::new(),
                        span: l.span,
                        text: format!("{}.", l.number),
                        references: Vec::new(),
                    }),
                    Blok::Lijst(list) => Deel::Alinea(Alinea {
                        eid: String::new(),
                        span: list.span,
                        text: String::new(),
                        references: Vec::new(),
                    }),
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

    /// The text line equal to the metadata title, found after articles and before any
    /// hoofdstuk: what came before was a preceding decision (deelnamebesluit).
    fn split_decision(&mut self, l: &Line<'_>, p: Piece<'_>) {
        self.pop_all();
        let mut besluit = Besluit {
            title: self.title.take(),
            preamble: self.preamble.take(),
            body: std::mem::take(&mut self.body),
            closing: self.closing.take(),
        };
        if besluit.closing.is_none() {
            besluit.closing = split_signature(&mut besluit.body);
        }
        // The first line of a preceding decision is its title ("Regeling deelname Rijk aan ...").
        if besluit.title.is_none()
            && let Some(a) = besluit.preamble.as_mut()
            && let Some(Blok::Alinea(first)) = a.content.first()
        {
            besluit.title = Some(Tekst {
                text: first.text.clone(),
                span: first.span,
            });
            a.content.remove(0);
        }
        self.decision = Some(besluit);
        self.articles = 0;
        self.chapters = 0;
        self.title = Some(self.tekst(l, p));
        self.phase = Phase::Preamble;
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
        if let Some(markers) = inline_list(whole.text)
            && self.phase == Phase::Body
        {
            self.split_inline_list(l, whole, &markers);
            return;
        }
        self.alinea(l, whole);
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
                    && self.chapters == 0
                    && l.indent == 0
                    && self.is_meta_title(p.text)
                {
                    self.split_decision(l, p);
                    return;
                }
                if l.indent == 0 && is_closing_formula(p.text) {
                    self.start_closing(l);
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
            }
            Phase::Closing => {
                // A decision's ondertekening is followed by the regeling's own title.
                if self.decision.is_none()
                    && self.articles > 0
                    && self.chapters == 0
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
            Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) => self.loose_text(l, p),
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
        self.diags.push(
            Diagnostic::new(
                "P020",
                "tekst buiten een artikel; zet hem in een artikel of maak er een opmerking (`//`) van",
            )
            .at(&self.file, self.piece_span(l, p)),
        );
        let a = self.new_alinea(l, p);
        self.attach_deel(Deel::Alinea(a));
    }

    fn start_division(&mut self, l: &Line<'_>) {
        self.leave_preamble();
        let is_chapter = l.kind == LineKind::Hoofdstuk;
        if is_chapter {
            self.pop_all();
            self.chapters += 1;
        } else {
            while !matches!(self.stack.last(), None | Some(Open::Hoofdstuk { .. })) {
                self.pop();
            }
        }
        let number = l.number.map(|n| n.text.to_string()).unwrap_or_default();
        if number.is_empty() {
            let what = if is_chapter { "hoofdstuk" } else { "paragraaf" };
            self.diags.push(
                Diagnostic::new("P014", format!("{what} zonder nummer"))
                    .at(&self.file, self.line_span(l)),
            );
        }
        let span = self.line_span(l);
        let heading = l.heading.map(|h| self.tekst(l, h));
        let awaiting_title = heading.is_none();
        if is_chapter {
            self.stack.push(Open::Hoofdstuk {
                node: Hoofdstuk {
                    eid: String::new(),
                    span,
                    number,
                    heading,
                    content: Vec::new(),
                },
                awaiting_title,
            });
        } else {
            self.stack.push(Open::Paragraaf {
                node: Paragraaf {
                    eid: String::new(),
                    span,
                    number,
                    heading,
                    content: Vec::new(),
                },
                awaiting_title,
            });
        }
    }

    fn start_artikel(&mut self, l: &Line<'_>) {
        self.leave_preamble();
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
        self.stack.push(Open::Artikel(Artikel {
            eid: String::new(),
            span,
            label,
            number,
            heading,
            repealed,
            content: Vec::new(),
        }));
    }

    fn lid(&mut self, l: &Line<'_>) {
        let host = self
            .stack
            .iter()
            .rposition(|o| matches!(o, Open::Artikel(_) | Open::Bijlage(_)));
        let Some(host) = host.filter(|_| matches!(self.phase, Phase::Body | Phase::Annex)) else {
            self.diags.push(
                Diagnostic::new(
                    "P011",
                    "lid buiten een artikel: zet er een artikelkop (`Artikel 1`) boven",
                )
                .at(&self.file, self.line_span(l)),
            );
            let whole = self.whole_line(l);
            if self.phase == Phase::Preamble {
                self.ensure_preamble_host(l);
                self.attach_blok(Blok::Alinea(self.new_alinea(l, whole)));
            } else {
                self.alinea(l, whole);
            }
            return;
        };
        while self.stack.len() > host + 1 {
            self.pop();
        }
        let number = l
            .number
            .map(|n| n.text.trim_end_matches('.').to_string())
            .unwrap_or_default();
        let mut lid = Lid {
            eid: String::new(),
            span: self.line_span(l),
            number,
            repealed: false,
            // Most leden hold one alinea; a Vec's first push would make room for four.
            content: Vec::with_capacity(1),
        };
        let text = l.text;
        if text.text.is_empty() {
            self.diags.push(
                Diagnostic::new("P016", format!("lid {} zonder tekst", lid.number))
                    .at(&self.file, lid.span),
            );
        } else if is_vervallen(text.text) {
            lid.repealed = true;
        }
        let inline = if text.text.is_empty() || lid.repealed {
            None
        } else {
            inline_list(text.text)
        };
        let first = match &inline {
            Some(m) => Piece {
                text: text.text[..m[0].0].trim_end(),
                offset: text.offset,
            },
            None => text,
        };
        if !first.text.is_empty() && !lid.repealed {
            lid.content.push(Blok::Alinea(self.new_alinea(l, first)));
        }
        self.stack.push(Open::Lid {
            node: lid,
            indent: l.indent,
        });
        if let Some(markers) = inline {
            self.inline_items(l, text, &markers);
        }
    }

    fn onderdeel(&mut self, l: &Line<'_>, level: u8) {
        // Close what the new onderdeel cannot live in, find or open its list.
        loop {
            match self.stack.last() {
                Some(Open::Onderdeel { level: lv, .. }) if *lv >= level => self.pop(),
                Some(Open::Lijst { level: lv, .. }) if *lv > level => self.pop(),
                Some(Open::Lijst { level: lv, .. }) if *lv == level => break,
                Some(Open::Onderdeel { .. }) => {
                    // level 2 under an open onderdeel: a new sublist
                    self.open_list(l, level);
                    break;
                }
                Some(
                    Open::Lid { .. }
                    | Open::Artikel(_)
                    | Open::Aanhef(_)
                    | Open::Sluiting(_)
                    | Open::Bijlage(_)
                    | Open::Toelichting(_),
                ) => {
                    if level == 2 {
                        self.diags.push(
                            Diagnostic::new(
                                "P012",
                                "subonderdeel zonder onderdeel erboven; gelezen als onderdeel",
                            )
                            .at(&self.file, self.line_span(l)),
                        );
                    }
                    self.open_list(l, level);
                    break;
                }
                Some(Open::Lijst { .. }) => {
                    // A level-1 list on top while a level-2 item arrives: impossible, as
                    // an open list always has an open item above it. Start a list.
                    self.open_list(l, level);
                    break;
                }
                Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) | None => {
                    if self.phase == Phase::Preamble {
                        self.ensure_preamble_host(l);
                        continue;
                    }
                    let whole = self.whole_line(l);
                    self.loose_text(l, whole);
                    return;
                }
            }
        }
        let number = l
            .number
            .map(|n| n.text.trim_end_matches('.').to_string())
            .unwrap_or_default();
        let mut item = Onderdeel {
            eid: String::new(),
            span: self.line_span(l),
            number,
            term: None,
            repealed: false,
            content: Vec::with_capacity(1),
        };
        if l.text.text.is_empty() {
            self.diags.push(
                Diagnostic::new("P016", format!("onderdeel {} zonder tekst", item.number))
                    .at(&self.file, item.span),
            );
        } else if is_vervallen(l.text.text) {
            item.repealed = true;
        } else {
            item.content.push(Blok::Alinea(self.new_alinea(l, l.text)));
        }
        self.stack.push(Open::Onderdeel {
            node: item,
            indent: l.indent,
            level,
        });
    }

    fn open_list(&mut self, l: &Line<'_>, level: u8) {
        let span = self.line_span(l);
        self.stack.push(Open::Lijst {
            node: Lijst {
                eid: String::new(),
                span,
                items: Vec::new(),
            },
            level,
        });
    }

    fn definitie(&mut self, l: &Line<'_>) {
        if let Some(Open::Onderdeel { node, .. }) = self.stack.last_mut()
            && node.term.is_none()
            && node.content.len() == 1
            && let Some(Blok::Alinea(term)) = node.content.pop()
        {
            node.term = Some(Tekst {
                text: term.text,
                span: term.span,
            });
            if !l.text.text.is_empty() {
                let a = self.new_alinea(l, l.text);
                if let Some(Open::Onderdeel { node, .. }) = self.stack.last_mut() {
                    node.content.push(Blok::Alinea(a));
                }
            }
            return;
        }
        self.diags.push(
            Diagnostic::new(
                "P013",
                "een definitieregel (`: ...`) hoort direct onder een onderdeel met het begrip; \
                 gelezen als gewone tekst",
            )
            .at(&self.file, self.line_span(l)),
        );
        self.alinea(l, l.text);
    }

    /// A line such as `In deze regeling wordt verstaan onder:   a.  de minister: ...   b. ...`
    /// (lists run together by a conversion): the text before `a.` stays an alinea, the
    /// rest become onderdelen.
    fn split_inline_list(&mut self, l: &Line<'_>, whole: Piece<'_>, markers: &[(usize, usize)]) {
        let intro = Piece {
            text: whole.text[..markers[0].0].trim_end(),
            offset: whole.offset,
        };
        if !intro.text.is_empty() {
            self.alinea(l, intro);
        }
        self.inline_items(l, whole, markers);
    }

    fn inline_items(&mut self, l: &Line<'_>, whole: Piece<'_>, markers: &[(usize, usize)]) {
        self.diags.push(
            Diagnostic::new(
                "P018",
                format!(
                    "{} onderdelen stonden op één regel en zijn gesplitst; zet elk onderdeel op een eigen regel",
                    markers.len()
                ),
            )
            .at(&self.file, self.piece_span(l, whole)),
        );
        for (k, &(at, text_at)) in markers.iter().enumerate() {
            let end = markers.get(k + 1).map_or(whole.text.len(), |m| m.0);
            let letter = whole.text[at..].trim_start();
            let letter_at = at + (whole.text[at..].len() - letter.len());
            let letter_len = letter.find('.').map_or(1, |i| i + 1);
            let raw = &whole.text[text_at..end];
            let synthetic = Line {
                kind: LineKind::Onderdeel,
                line: l.line,
                start: l.start,
                end: l.end,
                indent: l.indent + 1,
                number: Some(Piece {
                    text: &whole.text[letter_at..letter_at + letter_len],
                    offset: whole.offset + letter_at as u32,
                }),
                heading: None,
                text: Piece {
                    text: raw.trim(),
                    offset: whole.offset + text_at as u32,
                },
            };
            self.onderdeel(&synthetic, 1);
        }
    }

    fn is_meta_title(&self, text: &str) -> bool {
        self.meta_title
            .as_deref()
            .is_some_and(|t| !t.is_empty() && normalise(text) == t)
    }

    /// Closes everything and hands over what was built.
    pub fn finish(mut self) -> Built {
        self.pop_all();
        if self.closing.is_none() {
            self.closing = split_signature(&mut self.body);
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

/// `[Vervallen]`, the way a repealed article, lid or onderdeel is published.
pub fn is_vervallen(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    t.eq_ignore_ascii_case("[vervallen]") || t.eq_ignore_ascii_case("vervallen")
}

/// Lower case, markup removed, white space collapsed: for comparing titles.
pub(crate) fn normalise(text: &str) -> String {
    plain(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The standard opening words of a slotformulering or ondertekening.
pub(crate) fn is_closing_formula(text: &str) -> bool {
    // Fast path, run for every line: compare the opening words without allocating.
    let head = text.trim_start_matches(['*', ' ']);
    let opens = |prefix: &str| {
        head.len() >= prefix.len()
            && head.is_char_boundary(prefix.len())
            && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if !(opens("aldus ")
        || opens("deze regeling zal")
        || opens("dit besluit zal")
        || opens("ondertekening"))
    {
        return false;
    }
    let t = normalise(text);
    t.starts_with("aldus vastgesteld")
        || t.starts_with("aldus besloten")
        || t.starts_with("aldus gedaan")
        || t == "ondertekening"
        || ((t.starts_with("deze regeling zal") || t.starts_with("dit besluit zal"))
            && t.contains("geplaatst"))
}

/// Onderdelen run together on one line: two or more spaces, a letter and a dot, white
/// space; the letters must run a, b, c, ... from `a`. Returns for each marker the byte
/// offset where its spaces start and where its text starts.
fn inline_list(text: &str) -> Option<Vec<(usize, usize)>> {
    // Fast path, run for every line: no `  a. `, no run-together list. The finder is
    // built once; `str::find` would build a searcher for every line.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let first = FINDER
        .get_or_init(|| memchr::memmem::Finder::new("  a. "))
        .find(text.as_bytes())?;
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut expect = b'a';
    let mut i = first;
    while i + 4 < b.len() {
        if b[i] == b' ' && b[i + 1] == b' ' {
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            if j + 2 < b.len() && b[j] == expect && b[j + 1] == b'.' && b[j + 2] == b' ' {
                let mut k = j + 2;
                while k < b.len() && b[k] == b' ' {
                    k += 1;
                }
                found.push((i, k));
                expect += 1;
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    (found.len() >= 2).then_some(found)
}

/// Moves an ondertekening that ended up in the last article into a sluiting: the
/// trailing run (two or more) of short article-level alinea's that do not end like a
/// sentence, such as `Zoetermeer` / `13 april 2000` / `De Staatssecretaris, ...`.
fn split_signature(body: &mut [Deel]) -> Option<Sluiting> {
    let art = last_article_mut(body)?;
    let mut k = art.content.len();
    while k > 1 {
        match &art.content[k - 1] {
            Blok::Alinea(a) if looks_like_signature(&a.text) => k -= 1,
            _ => break,
        }
    }
    if art.content.len() - k < 2 || art.content.iter().any(|b| matches!(b, Blok::Lid(_))) {
        return None;
    }
    let content = art.content.split_off(k);
    let start = content.first()?.span();
    let end = content.last()?.span();
    art.span.end = art.content.last().map_or(art.span.end, |b| b.span().end);
    Some(Sluiting {
        eid: String::new(),
        span: Span {
            end: end.end,
            ..start
        },
        content,
    })
}

fn looks_like_signature(text: &str) -> bool {
    let p = plain(text);
    let t = p.trim();
    t.chars().count() <= 80 && !t.ends_with(['.', ';', ':'])
}

fn last_article_mut(body: &mut [Deel]) -> Option<&mut Artikel> {
    match body.last_mut()? {
        Deel::Artikel(a) => Some(a),
        Deel::Hoofdstuk(h) => last_article_mut(&mut h.content),
        Deel::Paragraaf(p) => last_article_mut(&mut p.content),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_list_markers() {
        let t =
            "verstaan onder:   a.  de minister: x;    b.  de provincie: y;    c.  de stichting: z.";
        let m = inline_list(t).unwrap();
        assert_eq!(m.len(), 3);
        assert!(t[m[0].1..].starts_with("de minister"));
        assert!(t[m[2].1..].starts_with("de stichting"));
        assert!(inline_list("een zin met  a. maar geen b").is_none());
        assert!(inline_list("begint bij b:  b. x  c. y").is_none());
    }

    #[test]
    fn closing_formulas() {
        assert!(is_closing_formula(
            "Deze regeling zal met de toelichting in de Staatscourant worden geplaatst."
        ));
        assert!(is_closing_formula(
            "Aldus vastgesteld in de vergadering van 1 maart 2022"
        ));
        assert!(!is_closing_formula(
            "Deze regeling wordt aangehaald als: X."
        ));
    }

    #[test]
    fn vervallen() {
        assert!(is_vervallen("[Vervallen]"));
        assert!(is_vervallen(" vervallen. "));
        assert!(!is_vervallen("De regeling vervalt"));
    }
}
