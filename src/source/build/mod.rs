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
//! - `stack.rs`: the stack of open nodes and the phases.
//! - `lines.rs`: where an unnumbered line goes.
//! - `headings.rs`: division and article headings.

mod headings;
mod items;
mod lines;
mod sequence;
mod stack;
mod text;
mod wrap;

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::grammar::{Line, LineKind, Piece};

pub(crate) use text::{continues_item, is_closing_formula, normalise};
pub use text::{ends_like_sentence, is_annotation, is_vervallen, may_open_as_title};

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
    /// The open bijlage or sluiting has headings of its own numbering (`Artikel 1`,
    /// `A1`, a selectielijst's `1`, `2`): all its headings are its text, none misplaced.
    own_numbering: bool,
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
            own_numbering: false,
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
            self.heading_after_the_regeling(l);
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
                let letter = l.number.map_or("", |n| n.text.trim_end_matches(['.', ')']));
                match self.letter_level(letter) {
                    Some(level) => self.onderdeel(l, level),
                    // `nl.` or `bv.` at the start of a line: an abbreviation, not `aa.`.
                    None => self.text_line(l),
                }
            }
            LineKind::Subonderdeel if self.continues_lettered_leden(l) => self.lid(l),
            LineKind::Subonderdeel => self.onderdeel(l, 2),
            LineKind::Definitie => self.definitie(l),
        }
    }

    /// A hoofdstuk or article heading after a bijlage or the sluiting is read as text of
    /// it. Only an article heading that continues the regeling's own articles (`Artikel
    /// 25` after artikel 24) before any article heading of another numbering is reported (P021):
    /// that article was misplaced. A bijlage's own structure (its chapters, `Artikel 1`,
    /// `A1`, the numbered handelingen of a selectielijst) is what published texts print,
    /// and a warning per heading of it said nothing (266 on the corpus, all of that kind).
    fn heading_after_the_regeling(&mut self, l: &Line<'_>) {
        let continues = l.kind == LineKind::Artikel
            && !self.own_numbering
            && match (last_article_number(&self.body), l.number) {
                (Some(last), Some(next)) => sequence::continues_article(last, next.text),
                _ => false,
            };
        if continues {
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
        } else if !l.kind.is_division() {
            // An article or bare number of another numbering; a division heading says
            // nothing of what its articles continue.
            self.own_numbering = true;
        }
        self.host_alinea(l, self.whole_line(l));
    }

    /// A heading whose text ends like a sentence is running text that happens to start
    /// with "Artikel 24 ...". Reports a hint if the next line is a lid.
    fn heading_is_sentence(&mut self, l: &Line<'_>) -> bool {
        let Some(h) = l.heading else { return false };
        if ends_like_sentence(h.text) {
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

/// The number of the regeling's last article (in its last division): looked up only for
/// a heading after a bijlage or the sluiting, so reading an article stores nothing.
fn last_article_number(parts: &[Deel]) -> Option<&str> {
    parts.iter().rev().find_map(|d| match d {
        Deel::Artikel(a) => Some(a.number.as_deref()),
        Deel::Hoofdstuk(h) => last_article_number(&h.content).map(Some),
        Deel::Paragraaf(p) => last_article_number(&p.content).map(Some),
        _ => None,
    })?
}
