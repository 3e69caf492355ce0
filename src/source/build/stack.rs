//! The stack of open nodes: closing a node into its parent, and the phases (preamble,
//! body, closing, bijlagen, toelichting) the builder moves through.

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::super::grammar::Line;
use super::*;

impl<'s> Builder<'s> {
    // ----- the stack -----------------------------------------------------------------

    pub(super) fn pop(&mut self) {
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

    pub(super) fn pop_all(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
    }

    pub(super) fn attach_deel(&mut self, deel: Deel) {
        match self.stack.last_mut() {
            Some(Open::Hoofdstuk { node, .. }) => node.content.push(deel),
            Some(Open::Paragraaf { node, .. }) => node.content.push(deel),
            _ => self.body.push(deel),
        }
    }

    pub(super) fn attach_blok(&mut self, blok: Blok) {
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

    pub(super) fn leave_preamble(&mut self) {
        if self.phase == Phase::Preamble {
            self.pop_all();
            self.phase = Phase::Body;
        }
    }

    pub(super) fn ensure_preamble_host(&mut self, l: &Line<'_>) {
        if !matches!(self.stack.last(), Some(Open::Aanhef(_))) && self.stack.is_empty() {
            self.stack.push(Open::Aanhef(Aanhef {
                eid: String::new(),
                span: self.line_span(l),
                content: Vec::new(),
            }));
        }
    }

    pub(super) fn start_closing(&mut self, l: &Line<'_>) {
        self.pop_all();
        self.phase = Phase::Closing;
        self.own_numbering = false;
        self.stack.push(Open::Sluiting(Sluiting {
            eid: String::new(),
            span: self.line_span(l),
            content: Vec::new(),
        }));
    }

    pub(super) fn start_annex(&mut self, l: &Line<'_>) {
        self.pop_all();
        self.phase = Phase::Annex;
        self.own_numbering = false;
        self.stack.push(Open::Bijlage(Bijlage {
            eid: String::new(),
            span: self.line_span(l),
            number: l.number.map(|n| n.text.to_string()),
            heading: l.heading.map(|h| self.tekst(l, h)),
            content: Vec::new(),
        }));
    }

    pub(super) fn start_explanation(&mut self, l: &Line<'_>) {
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
}
