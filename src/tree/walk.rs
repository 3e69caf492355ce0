//! Walking the tree: one place that knows how nodes nest, so checks and renderers
//! don't each re-implement the recursion.

use super::*;

/// A borrowed reference to any node that has an eId.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Aanhef(&'a Aanhef),
    Hoofdstuk(&'a Hoofdstuk),
    Paragraaf(&'a Paragraaf),
    Artikel(&'a Artikel),
    Lid(&'a Lid),
    Lijst(&'a Lijst),
    Onderdeel(&'a Onderdeel),
    Alinea(&'a Alinea),
    Sluiting(&'a Sluiting),
    Bijlage(&'a Bijlage),
    Toelichting(&'a Toelichting),
}

impl<'a> Node<'a> {
    pub fn eid(&self) -> &'a str {
        match self {
            Node::Aanhef(n) => &n.eid,
            Node::Hoofdstuk(n) => &n.eid,
            Node::Paragraaf(n) => &n.eid,
            Node::Artikel(n) => &n.eid,
            Node::Lid(n) => &n.eid,
            Node::Lijst(n) => &n.eid,
            Node::Onderdeel(n) => &n.eid,
            Node::Alinea(n) => &n.eid,
            Node::Sluiting(n) => &n.eid,
            Node::Bijlage(n) => &n.eid,
            Node::Toelichting(n) => &n.eid,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Node::Aanhef(n) => n.span,
            Node::Hoofdstuk(n) => n.span,
            Node::Paragraaf(n) => n.span,
            Node::Artikel(n) => n.span,
            Node::Lid(n) => n.span,
            Node::Lijst(n) => n.span,
            Node::Onderdeel(n) => n.span,
            Node::Alinea(n) => n.span,
            Node::Sluiting(n) => n.span,
            Node::Bijlage(n) => n.span,
            Node::Toelichting(n) => n.span,
        }
    }
}

/// Where a node sits: the enclosing hoofdstuk, artikel, lid and onderdelen.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// True inside a preceding decision (deelnamebesluit).
    pub in_decision: bool,
    pub hoofdstuk: Option<&'a Hoofdstuk>,
    pub paragraaf: Option<&'a Paragraaf>,
    pub artikel: Option<&'a Artikel>,
    pub lid: Option<&'a Lid>,
    /// Enclosing onderdelen, outermost first.
    pub onderdelen: Vec<&'a Onderdeel>,
}

/// Calls `visit` for every node with an eId, parents before children, in document order.
///
/// One context is kept and updated on the way down and up (no copy per node: the walk
/// runs for every check, over trees of a hundred thousand nodes).
pub fn walk<'a>(regeling: &'a Regeling, visit: &mut dyn FnMut(&Context<'a>, Node<'a>)) {
    let mut w = Walker {
        cx: Context::default(),
        visit,
    };
    if let Some(besluit) = regeling.preceding_decision.as_deref() {
        w.cx.in_decision = true;
        if let Some(a) = &besluit.preamble {
            w.node(Node::Aanhef(a));
            w.blocks(&a.content);
        }
        w.parts(&besluit.body);
        if let Some(s) = &besluit.closing {
            w.node(Node::Sluiting(s));
            w.blocks(&s.content);
        }
        w.cx.in_decision = false;
    }
    if let Some(a) = &regeling.preamble {
        w.node(Node::Aanhef(a));
        w.blocks(&a.content);
    }
    w.parts(&regeling.body);
    if let Some(s) = &regeling.closing {
        w.node(Node::Sluiting(s));
        w.blocks(&s.content);
    }
    for b in &regeling.annexes {
        w.node(Node::Bijlage(b));
        w.blocks(&b.content);
    }
    if let Some(t) = &regeling.explanation {
        w.node(Node::Toelichting(t));
        w.blocks(&t.content);
    }
}

struct Walker<'a, 'v> {
    cx: Context<'a>,
    visit: &'v mut dyn FnMut(&Context<'a>, Node<'a>),
}

impl<'a> Walker<'a, '_> {
    fn node(&mut self, node: Node<'a>) {
        (self.visit)(&self.cx, node);
    }

    fn parts(&mut self, parts: &'a [Deel]) {
        for part in parts {
            match part {
                Deel::Hoofdstuk(h) => {
                    self.node(Node::Hoofdstuk(h));
                    let outer = self.cx.hoofdstuk.replace(h);
                    self.parts(&h.content);
                    self.cx.hoofdstuk = outer;
                }
                Deel::Paragraaf(p) => {
                    self.node(Node::Paragraaf(p));
                    let outer = self.cx.paragraaf.replace(p);
                    self.parts(&p.content);
                    self.cx.paragraaf = outer;
                }
                Deel::Artikel(a) => {
                    self.node(Node::Artikel(a));
                    let outer = self.cx.artikel.replace(a);
                    self.blocks(&a.content);
                    self.cx.artikel = outer;
                }
                Deel::Alinea(a) => self.node(Node::Alinea(a)),
                Deel::Opmerking(_) => {}
            }
        }
    }

    fn blocks(&mut self, content: &'a [Blok]) {
        for block in content {
            match block {
                Blok::Lid(l) => {
                    self.node(Node::Lid(l));
                    let outer = self.cx.lid.replace(l);
                    self.blocks(&l.content);
                    self.cx.lid = outer;
                }
                Blok::Alinea(a) => self.node(Node::Alinea(a)),
                Blok::Lijst(list) => {
                    self.node(Node::Lijst(list));
                    for item in &list.items {
                        self.node(Node::Onderdeel(item));
                        self.cx.onderdelen.push(item);
                        self.blocks(&item.content);
                        self.cx.onderdelen.pop();
                    }
                }
                Blok::Opmerking(_) => {}
            }
        }
    }
}

/// Calls `f` for every alinea in the tree, the preceding decision included, so a stage
/// can annotate them (reference extraction).
pub fn alineas_mut(regeling: &mut Regeling, f: &mut dyn FnMut(&mut Alinea)) {
    fn blocks(content: &mut [Blok], f: &mut dyn FnMut(&mut Alinea)) {
        for b in content {
            match b {
                Blok::Alinea(a) => f(a),
                Blok::Lid(l) => blocks(&mut l.content, f),
                Blok::Lijst(list) => {
                    for item in &mut list.items {
                        blocks(&mut item.content, f);
                    }
                }
                Blok::Opmerking(_) => {}
            }
        }
    }
    fn parts(parts_: &mut [Deel], f: &mut dyn FnMut(&mut Alinea)) {
        for p in parts_ {
            match p {
                Deel::Hoofdstuk(h) => parts(&mut h.content, f),
                Deel::Paragraaf(p) => parts(&mut p.content, f),
                Deel::Artikel(a) => blocks(&mut a.content, f),
                Deel::Alinea(a) => f(a),
                Deel::Opmerking(_) => {}
            }
        }
    }
    if let Some(b) = regeling.preceding_decision.as_deref_mut() {
        if let Some(a) = b.preamble.as_mut() {
            blocks(&mut a.content, f);
        }
        parts(&mut b.body, f);
    }
    if let Some(a) = regeling.preamble.as_mut() {
        blocks(&mut a.content, f);
    }
    parts(&mut regeling.body, f);
    for b in &mut regeling.annexes {
        blocks(&mut b.content, f);
    }
}

/// Every article of the regeling proper (not of a preceding decision), in order.
pub fn articles(regeling: &Regeling) -> Vec<&Artikel> {
    articles_in(&regeling.body)
}

/// The onderdelen of every list directly in `content`, in order.
pub fn list_items(content: &[Blok]) -> Vec<&Onderdeel> {
    content
        .iter()
        .filter_map(|b| match b {
            Blok::Lijst(l) => Some(l.items.iter()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Every article in a body (of the regeling or of a preceding decision), in order.
pub fn articles_in(parts: &[Deel]) -> Vec<&Artikel> {
    fn collect<'a>(parts: &'a [Deel], out: &mut Vec<&'a Artikel>) {
        for part in parts {
            match part {
                Deel::Hoofdstuk(h) => collect(&h.content, out),
                Deel::Paragraaf(p) => collect(&p.content, out),
                Deel::Artikel(a) => out.push(a),
                Deel::Alinea(_) | Deel::Opmerking(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    collect(parts, &mut out);
    out
}

/// Every hoofdstuk of the regeling proper, in order (hoofdstukken do not nest).
pub fn hoofdstukken(regeling: &Regeling) -> impl Iterator<Item = &Hoofdstuk> {
    regeling.body.iter().filter_map(|p| match p {
        Deel::Hoofdstuk(h) => Some(h),
        _ => None,
    })
}

/// All text of a block list, in reading order: the words a reader sees, numbers included.
/// Used by the diff (content similarity) and by the faithfulness test.
pub fn block_text(content: &[Blok], out: &mut String) {
    for block in content {
        match block {
            Blok::Lid(l) => {
                push(out, &format!("{}.", l.number));
                block_text(&l.content, out);
            }
            Blok::Alinea(a) => push(out, &a.text),
            Blok::Lijst(list) => {
                for item in &list.items {
                    push(out, &item_label(item));
                    if let Some(t) = &item.term {
                        push(out, &t.text);
                    }
                    block_text(&item.content, out);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

/// The label an onderdeel is printed with: `a.` or `1°`.
pub fn item_label(item: &Onderdeel) -> String {
    if item.number.ends_with('°') {
        item.number.clone()
    } else {
        format!("{}.", item.number)
    }
}

fn push(out: &mut String, s: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s);
}
